/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-funnel"

#include "config.h"

#include "crm-funnel.h"
#include "crm-funnel-private.h"
#include "crm-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-cadence.h"
#include "crm-change.h"
#include "crm-convert.h"
#include "crm-rank.h"
#include "crm-record.h"
#include "crm-text.h"
#include "crm-workspace.h"

/* The sales funnel's rules: how a lead moves between stages (one row
 * written per move, ordered by crm-rank keys), what a stage asks of a lead
 * before it may enter, and how pipelines and their stages are edited.
 * Every change goes through crm_store_apply(), so it has its history, its
 * field clocks and its outbox entry like any other. */

static const struct {
  const char *field;
  const char *label;
} known_fields[] = {
  { "phone", N_("Phone") },
  { "email", N_("E-mail") },
  { "company", N_("Company") },
  { "job_title", N_("Job title") },
  { "city", N_("City") },
  { "website", N_("Website") },
  { "request", N_("Request") },
  { "channel_id", N_("Channel") },
  { "owner_id", N_("Owner") },
  { "temperature", N_("Temperature") },
  { "value", N_("Deal value") },
  { "bant_budget", N_("Budget") },
  { "bant_authority", N_("Decision maker") },
  { "bant_need", N_("Need") },
  { "bant_timeline", N_("Timeline") },
};

G_DEFINE_QUARK (crm-funnel-error-quark, crm_funnel_error)

/**
 * crm_funnel_field_is_known:
 * @field: a field name
 *
 * Returns: %TRUE if a stage may require @field
 */
gboolean
crm_funnel_field_is_known (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    if (g_strcmp0 (known_fields[i].field, field) == 0)
      return TRUE;
  return FALSE;
}

/**
 * crm_funnel_field_label:
 * @field: a field a stage may require
 *
 * Returns: (transfer none): its translated name, or @field itself
 */
const char *
crm_funnel_field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    if (g_strcmp0 (known_fields[i].field, field) == 0)
      return _(known_fields[i].label);
  return field;
}

CrmRecord *
crm_funnel_get_live (CrmStore    *store,
          const char  *tbl,
          const char  *id,
          GError     **error)
{
  g_autoptr(CrmRecord) record = crm_store_get (store, tbl, id, error);

  if (record == NULL)
    return NULL;
  if (crm_record_is_deleted (record))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   strcmp (tbl, "stages") == 0 ? _("The stage was deleted")
                                               : _("The lead was deleted"));
      return NULL;
    }
  return g_steal_pointer (&record);
}

static GStrv
parse_required (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *field = json_array_get_string_element (array, i);

          if (field != NULL && crm_funnel_field_is_known (field))
            g_strv_builder_add (out, field);
        }
    }
  return g_strv_builder_end (out);
}

static gboolean
has_child (CrmStore    *store,
           const char  *tbl,
           const char  *entity_id,
           GError     **error,
           gboolean    *found)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE entity_id = ?1 AND _deleted = 0 LIMIT 1", tbl);
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "funnel");
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

static GStrv
missing_fields (CrmStore    *store,
                CrmRecord   *lead,
                CrmRecord   *stage,
                GHashTable  *given,
                GError     **error)
{
  g_auto(GStrv) required = parse_required (crm_record_get_text (stage, "required_fields"));
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();

  for (guint i = 0; required[i] != NULL; i++)
    {
      const char *field = required[i];
      gboolean present;

      if (given != NULL && !crm_text_is_blank (g_hash_table_lookup (given, field)))
        continue;
      if (strcmp (field, "phone") == 0 || strcmp (field, "email") == 0)
        {
          if (!has_child (store, strcmp (field, "phone") == 0 ? "phones" : "emails",
                          crm_record_get_id (lead), error, &present))
            return NULL;
        }
      else
        present = !crm_text_is_blank (crm_record_get_text (lead, field));
      if (!present)
        g_strv_builder_add (missing, field);
    }
  return g_strv_builder_end (missing);
}

/**
 * crm_funnel_missing_fields:
 * @store: a #CrmStore
 * @lead_id: the lead
 * @stage_id: the stage it would enter
 * @error: return location for a #GError
 *
 * The fields @stage_id requires that the lead has not filled in, in the
 * stage's order; crm_funnel_field_label() names them.
 *
 * Returns: (transfer full): the fields, empty when none is missing
 */
GStrv
crm_funnel_missing_fields (CrmStore    *store,
                           const char  *lead_id,
                           const char  *stage_id,
                           GError     **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmRecord) stage = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(lead = crm_funnel_get_live (store, "leads", lead_id, error)) ||
      !(stage = crm_funnel_get_live (store, "stages", stage_id, error)))
    return NULL;
  return missing_fields (store, lead, stage, NULL, error);
}

/* The order key of a lead of @stage_id, or NULL with @error set. */
static char *
neighbour_pos (CrmStore    *store,
               const char  *lead_id,
               const char  *stage_id,
               GError     **error)
{
  g_autoptr(CrmRecord) other = crm_funnel_get_live (store, "leads", lead_id, error);

  if (other == NULL)
    return NULL;
  if (g_strcmp0 (crm_record_get_text (other, "stage_id"), stage_id) != 0)
    {
      g_set_error_literal (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_STALE,
                           _("The cards around the drop moved meanwhile. Try again."));
      return NULL;
    }
  return g_strdup (crm_record_get_text (other, "stage_pos"));
}

/* The key at the top of @stage_id's column, leaving @lead_id out. */
static char *
top_pos (CrmStore    *store,
         const char  *stage_id,
         const char  *lead_id,
         GError     **error)
{
  sqlite3_stmt *stmt = crm_store_stmt (store,
                                       "SELECT stage_pos FROM leads"
                                       " WHERE stage_id = ?1 AND _deleted = 0 AND id != ?2"
                                       " ORDER BY stage_pos LIMIT 1",
                                       error);
  g_autofree char *first = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stage_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lead_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "funnel");
      return NULL;
    }
  /* An old key that is not a rank (the schema's default) gives way. */
  if (first != NULL && !crm_rank_is_valid (first))
    g_clear_pointer (&first, g_free);
  return crm_rank_between (NULL, first);
}

static char *
place (CrmStore       *store,
       const char     *lead_id,
       const CrmMove  *move,
       GError        **error)
{
  g_autofree char *above = NULL;
  g_autofree char *below = NULL;
  char *key;

  if (move->above_id == NULL && move->below_id == NULL)
    return top_pos (store, move->stage_id, lead_id, error);

  if ((move->above_id != NULL && strcmp (move->above_id, lead_id) == 0) ||
      (move->below_id != NULL && strcmp (move->below_id, lead_id) == 0))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           "a lead cannot be placed next to itself");
      return NULL;
    }
  if (move->above_id != NULL && !(above = neighbour_pos (store, move->above_id, move->stage_id, error)))
    return NULL;
  if (move->below_id != NULL && !(below = neighbour_pos (store, move->below_id, move->stage_id, error)))
    return NULL;
  if (!(key = crm_rank_between (above, below)))
    g_set_error_literal (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_STALE,
                         _("The cards around the drop moved meanwhile. Try again."));
  return key;
}

static char *
join_labels (GStrv fields)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, crm_funnel_field_label (fields[i]));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
check_entry (CrmStore       *store,
             CrmRecord      *lead,
             CrmRecord      *stage,
             const CrmMove  *move,
             GError        **error)
{
  const char *kind = crm_record_get_text (stage, "kind");
  const char *name = crm_record_get_text (stage, "name");
  g_auto(GStrv) missing = NULL;

  if (crm_lead_is_converted (lead))
    {
      g_set_error_literal (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_CLOSED,
                           _("The lead is converted into a client and stays won"));
      return FALSE;
    }
  if (g_strcmp0 (kind, "won") == 0)
    {
      g_set_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_NEEDS_CONVERSION,
                   _("“%s” is for leads converted into clients: convert the lead to move it there"),
                   name);
      return FALSE;
    }
  if (g_strcmp0 (kind, "lost") == 0 && crm_text_is_blank (move->reason))
    {
      g_set_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_NEEDS_REASON,
                   _("Say why the lead is refused to move it to “%s”"), name);
      return FALSE;
    }
  if (!(missing = missing_fields (store, lead, stage, move->fields, error)))
    return FALSE;
  if (missing[0] != NULL)
    {
      g_autofree char *labels = join_labels (missing);

      g_set_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_REQUIRED_FIELDS,
                   _("Fill in %s to move the lead to “%s”"), labels, name);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_funnel_log_stage_change (CrmStore    *store,
                  const char  *lead_id,
                  const char  *from_name,
                  const char  *to_name,
                  const char  *reason,
                  GError     **error)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("activities");
  g_autofree char *subject = g_strdup_printf ("%s → %s", from_name ? from_name : "—", to_name);

  crm_change_set_text (change, "entity_type", "lead");
  crm_change_set_text (change, "entity_id", lead_id);
  crm_change_set_text (change, "kind", "stage");
  crm_change_set_text (change, "subject", subject);
  if (!crm_text_is_blank (reason))
    crm_change_set_text (change, "body", reason);
  crm_change_set_int (change, "at_ms", crm_store_now_ms (store));
  crm_change_set_text (change, "user_id", crm_store_get_user_id (store));
  return crm_store_apply (store, change, error);
}

/**
 * crm_funnel_note_stage_change:
 * @store: a #CrmStore
 * @lead_id: the lead
 * @from_stage_id: (nullable): the stage it left
 * @to_stage_id: the stage it entered
 * @reason: (nullable): why (a refusal)
 * @error: return location for a #GError
 *
 * What a change of stage made by another flow (a conversion, a refusal,
 * a reopening) owes, inside the caller's transaction: the timeline entry a
 * move on the board writes, and the start or stop of cadences.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_funnel_note_stage_change (CrmStore    *store,
                              const char  *lead_id,
                              const char  *from_stage_id,
                              const char  *to_stage_id,
                              const char  *reason,
                              GError     **error)
{
  g_autoptr(CrmRecord) from = NULL;
  g_autoptr(CrmRecord) to = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (to_stage_id == NULL || g_strcmp0 (from_stage_id, to_stage_id) == 0)
    return TRUE;
  if (from_stage_id != NULL)
    from = crm_store_get (store, "stages", from_stage_id, NULL);
  if (!(to = crm_store_get (store, "stages", to_stage_id, error)))
    return FALSE;
  /* Like a move, it also starts and stops the processing regulations. */
  return crm_funnel_log_stage_change (store, lead_id,
                                      from != NULL ? crm_record_get_text (from, "name") : NULL,
                                      crm_record_get_text (to, "name"), reason, error) &&
         crm_cadence_on_stage_entered (store, lead_id, from_stage_id, to_stage_id, error);
}

/**
 * crm_funnel_move:
 * @store: a #CrmStore
 * @lead_id: the lead
 * @move: where it goes
 * @error: return location for a #GError (%CRM_FUNNEL_ERROR for a move the
 *   rules refuse)
 *
 * Moves a lead to a stage, or within its stage, in one transaction that
 * writes the lead's row once (stage, order key and what the stage needs),
 * its history and, for a change of stage, a timeline entry. A lost stage
 * takes a reason, a won stage is entered only by converting the lead, a
 * stage's required fields must be filled (or given in @move), and leaving
 * a lost stage clears the refusal.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_funnel_move (CrmStore       *store,
                 const char     *lead_id,
                 const CrmMove  *move,
                 GError        **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmRecord) stage = NULL;
  g_autoptr(CrmRecord) old_stage = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *key = NULL;
  const char *old_stage_id;
  const char *kind;
  gboolean same;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL && move != NULL && move->stage_id != NULL, FALSE);

  if (!(lead = crm_funnel_get_live (store, "leads", lead_id, error)) ||
      !(stage = crm_funnel_get_live (store, "stages", move->stage_id, error)))
    return FALSE;

  old_stage_id = crm_record_get_text (lead, "stage_id");
  same = g_strcmp0 (old_stage_id, move->stage_id) == 0;
  kind = crm_record_get_text (stage, "kind");

  if (same && move->above_id == NULL && move->below_id == NULL)
    return TRUE;
  if (!same && !check_entry (store, lead, stage, move, error))
    return FALSE;
  if (!(key = place (store, lead_id, move, error)))
    return FALSE;

  change = crm_change_new_update ("leads", lead_id);
  crm_change_set_text (change, "stage_pos", key);
  if (!same)
    {
      crm_change_set_text (change, "stage_id", move->stage_id);
      if (g_strcmp0 (crm_record_get_text (lead, "pipeline_id"),
                     crm_record_get_text (stage, "pipeline_id")) != 0)
        crm_change_set_text (change, "pipeline_id", crm_record_get_text (stage, "pipeline_id"));
      if (g_strcmp0 (kind, "lost") == 0)
        {
          g_autofree char *reason = g_strstrip (g_strdup (move->reason));

          crm_change_set_text (change, "lost_reason", reason);
          crm_change_set_int (change, "lost_ms", crm_store_now_ms (store));
        }
      else if (crm_lead_is_refused (lead))
        {
          crm_change_set_null (change, "lost_reason");
          crm_change_set_null (change, "lost_ms");
        }
      if (move->fields != NULL)
        {
          GHashTableIter iter;
          gpointer field, value;

          g_hash_table_iter_init (&iter, move->fields);
          while (g_hash_table_iter_next (&iter, &field, &value))
            if (crm_funnel_field_is_known (field) &&
                strcmp (field, "phone") != 0 && strcmp (field, "email") != 0)
              crm_change_set_text (change, field, value);
        }
      if (old_stage_id != NULL)
        old_stage = crm_store_get (store, "stages", old_stage_id, NULL);
    }

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!crm_store_apply (store, change, error))
    goto fail;
  if (move->fields != NULL && !same)
    {
      for (guint i = 0; i < 2; i++)
        {
          const char *field = i == 0 ? "phone" : "email";
          const char *value = g_hash_table_lookup (move->fields, field);
          g_autoptr(CrmChange) child = NULL;

          if (crm_text_is_blank (value))
            continue;
          child = crm_change_new_create (i == 0 ? "phones" : "emails");
          crm_change_set_text (child, "entity_type", "lead");
          crm_change_set_text (child, "entity_id", lead_id);
          crm_change_set_text (child, "raw", value);
          if (!crm_store_apply (store, child, error))
            goto fail;
        }
    }
  if (!same &&
      !crm_funnel_log_stage_change (store, lead_id,
                         old_stage != NULL ? crm_record_get_text (old_stage, "name") : NULL,
                         crm_record_get_text (stage, "name"), move->reason, error))
    goto fail;
  if (!same && !crm_text_is_blank (move->comment))
    {
      g_autoptr(CrmChange) note = crm_change_new_create ("activities");

      crm_change_set_text (note, "entity_type", "lead");
      crm_change_set_text (note, "entity_id", lead_id);
      crm_change_set_text (note, "kind", "note");
      crm_change_set_text (note, "body", move->comment);
      crm_change_set_int (note, "at_ms", crm_store_now_ms (store));
      crm_change_set_text (note, "user_id", crm_store_get_user_id (store));
      if (!crm_store_apply (store, note, error))
        goto fail;
    }
  if (!same && !crm_cadence_on_stage_entered (store, lead_id, old_stage_id, move->stage_id, error))
    goto fail;
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

GPtrArray *
crm_funnel_list_records (CrmStore    *store,
              const char  *tbl,
              const char  *sql,
              const char  *param,
              GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, crm_record_new_from_stmt (tbl, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "funnel");
      return NULL;
    }
  return g_steal_pointer (&out);
}
