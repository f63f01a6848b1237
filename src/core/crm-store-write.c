/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store.h"
#include "crm-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-phone.h"
#include "crm-rank.h"
#include "crm-requisites.h"
#include "crm-search.h"
#include "crm-tasks.h"
#include "crm-text.h"
#include "crm-uuid.h"
#include "crm-validate.h"
#include "crm-workspace.h"

/* The one write path: every create, update, soft delete and restore, from
 * the GUI, the CLI, an import or the server, goes through here, which
 * keeps the derived keys, the audit history, the field clocks and the
 * sync outbox in step, in the same transaction as the edit. */

static gboolean
has_person_name (const char *tbl)
{
  return strcmp (tbl, "leads") == 0 || strcmp (tbl, "contacts") == 0;
}

static gboolean
is_searchable (const char *tbl)
{
  return strcmp (tbl, "leads") == 0 ||
         strcmp (tbl, "contacts") == 0 ||
         strcmp (tbl, "clients") == 0;
}

static const char *const internal_columns[] = {
  "rid", "created_ms", "updated_ms", "_hlc", "_deleted", "_seq",
  "name_key", "sort_key", "company_key", NULL
};

static gboolean
is_synced_table (CrmStore   *self,
                 const char *tbl)
{
  return crm_store_has_column (self, tbl, "_hlc");
}



gboolean
crm_store_add_history (CrmStore    *self,
                       const char  *entity_type,
                       const char  *entity_id,
                       const char  *op,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 now = crm_store_now_ms (self);
  char id[37];
  char hlc[18];

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = crm_store_stmt (self,
                         "INSERT INTO history (id, entity_type, entity_id, op, field,"
                         " old_value, new_value, user_id, at_ms, batch_id,"
                         " created_ms, updated_ms, _hlc)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?9,"
                         " json_object('*', ?11))",
                         error);
  if (stmt == NULL)
    return FALSE;

  crm_uuid7_fill (now, id);
  crm_hlc_format (crm_store_tick (self), hlc);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  crm_store_bind_text (stmt, 5, field);
  crm_store_bind_text (stmt, 6, old_value);
  crm_store_bind_text (stmt, 7, new_value);
  crm_store_bind_text (stmt, 8, crm_store_get_user_id (self));
  sqlite3_bind_int64 (stmt, 9, now);
  crm_store_bind_text (stmt, 10, crm_store_get_history_batch (self));
  sqlite3_bind_text (stmt, 11, hlc, -1, SQLITE_TRANSIENT);

  return crm_store_step_done (self, stmt, "history", error);
}

gboolean
crm_store_add_outbox (CrmStore    *self,
                      const char  *tbl,
                      const char  *row_id,
                      const char  *op,
                      const char  *fields_json,
                      gint64       base_seq,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = crm_store_stmt (self,
                         "INSERT INTO outbox (tbl, row_id, op, fields_json, base_seq, created)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tbl, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fields_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, base_seq);
  sqlite3_bind_int64 (stmt, 6, crm_store_now_ms (self));

  return crm_store_step_done (self, stmt, "outbox", error);
}

/* The current values of a row, column → text (NULL values absent). */
static GHashTable *
read_row (CrmStore    *self,
          const char  *tbl,
          const char  *id,
          gint64      *rid,
          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE id = ?1", tbl);
  sqlite3_stmt *stmt = crm_store_stmt (self, sql, error);
  GHashTable *row;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("No record with id “%s”"), id);
      else
        crm_db_set_error (error, crm_store_get_db (self), "read");
      sqlite3_reset (stmt);
      return NULL;
    }

  row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, i);
      if (value != NULL)
        g_hash_table_insert (row, g_strdup (sqlite3_column_name (stmt, i)),
                             g_strdup (value));
      if (rid != NULL && strcmp (sqlite3_column_name (stmt, i), "rid") == 0)
        *rid = sqlite3_column_int64 (stmt, i);
    }
  sqlite3_reset (stmt);
  return row;
}

/* The value a field will have after the change: the change's own, else the
 * row's current one. */
static const char *
value_after (CrmChange  *change,
             GHashTable *row,
             const char *field)
{
  const CrmChangeField *f = crm_change_lookup (change, field);

  if (f != NULL)
    return f->type == CRM_VALUE_NULL ? NULL : f->text;
  return row != NULL ? g_hash_table_lookup (row, field) : NULL;
}

static void
set_derived (GPtrArray  *names,
             GPtrArray  *values,
             const char *name,
             char       *value)
{
  g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_add (values, value);
}

/* Derived columns, computed once here: the ФИО parts and the whole name
 * kept in step, the folded keys that search, sort and dedupe use, and the
 * normalized forms of phones and e-mails. */
static gboolean
complete_change (CrmStore   *self,
                 CrmChange  *change,
                 GHashTable *row,
                 GPtrArray  *derived_names,
                 GPtrArray  *derived_values,
                 GError    **error)
{
  const char *tbl = crm_change_get_table (change);

  if (has_person_name (tbl))
    {
      gboolean full_set = crm_change_lookup (change, "full_name") != NULL;
      gboolean parts_set = crm_change_lookup (change, "last_name") != NULL ||
                           crm_change_lookup (change, "first_name") != NULL ||
                           crm_change_lookup (change, "middle_name") != NULL;

      if (full_set && !parts_set)
        {
          g_autofree char *last = NULL;
          g_autofree char *first = NULL;
          g_autofree char *middle = NULL;

          crm_text_split_fio (crm_change_get_text (change, "full_name"),
                              &last, &first, &middle);
          crm_change_set_text (change, "last_name", last);
          crm_change_set_text (change, "first_name", first);
          crm_change_set_text (change, "middle_name", middle);
        }
      else if (parts_set && !full_set)
        {
          g_autofree char *full = crm_text_join_fio (value_after (change, row, "last_name"),
                                                     value_after (change, row, "first_name"),
                                                     value_after (change, row, "middle_name"));
          crm_change_set_text (change, "full_name", full);
        }

      if (strcmp (tbl, "contacts") == 0 &&
          crm_change_is_create (change) &&
          value_after (change, row, "full_name") == NULL)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                       _("Name: a contact needs a name"));
          return FALSE;
        }

      if (crm_change_lookup (change, "full_name") != NULL)
        {
          const char *full = value_after (change, row, "full_name");
          set_derived (derived_names, derived_values, "name_key", crm_text_name_key (full));
        }
      if (crm_change_is_create (change) ||
          crm_change_lookup (change, "full_name") != NULL ||
          crm_change_lookup (change, "company") != NULL)
        {
          const char *full = value_after (change, row, "full_name");
          const char *company = value_after (change, row, "company");
          set_derived (derived_names, derived_values, "sort_key",
                       crm_text_fold (!crm_text_is_blank (full) ? full : company));
        }
      if (strcmp (tbl, "leads") == 0 && crm_change_lookup (change, "company") != NULL)
        set_derived (derived_names, derived_values, "company_key",
                     crm_text_company_key (value_after (change, row, "company")));
    }
  else if (strcmp (tbl, "clients") == 0)
    {
      static const char *const requisites[] = { "inn", "kpp", "ogrn", "okpo" };

      /* Stored one way, so duplicates by INN are found however typed. */
      for (guint i = 0; i < G_N_ELEMENTS (requisites); i++)
        if (crm_change_lookup (change, requisites[i]) != NULL &&
            crm_change_get_text (change, requisites[i]) != NULL)
          {
            g_autofree char *digits = crm_requisite_normalize (crm_change_get_text (change, requisites[i]));
            crm_change_set_text (change, requisites[i], digits);
          }

      if (crm_change_lookup (change, "name") != NULL || crm_change_lookup (change, "kind") != NULL)
        {
          const char *name = value_after (change, row, "name");
          const char *kind = value_after (change, row, "kind");

          if (crm_text_is_blank (name))
            {
              g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Name: a client needs a name"));
              return FALSE;
            }
          set_derived (derived_names, derived_values, "name_key",
                       g_strcmp0 (kind, "person") == 0 ? crm_text_name_key (name)
                                                       : crm_text_company_key (name));
          set_derived (derived_names, derived_values, "sort_key", crm_text_fold (name));
        }
    }
  else if (strcmp (tbl, "channels") == 0)
    {
      if (crm_change_lookup (change, "name") != NULL)
        set_derived (derived_names, derived_values, "name_key",
                     crm_text_fold (value_after (change, row, "name")));
    }
  else if (strcmp (tbl, "phones") == 0)
    {
      if (crm_change_lookup (change, "raw") != NULL && crm_change_lookup (change, "e164") == NULL)
        {
          g_autofree char *e164 = NULL;
          g_autofree char *ext = NULL;

          if (!crm_phone_normalize (value_after (change, row, "raw"), crm_store_get_region (self),
                                    &e164, &ext, error))
            return FALSE;
          crm_change_set_text (change, "e164", e164);
          if (crm_change_lookup (change, "extension") == NULL)
            crm_change_set_text (change, "extension", ext);
        }
    }
  else if (strcmp (tbl, "emails") == 0)
    {
      if (crm_change_lookup (change, "raw") != NULL && crm_change_lookup (change, "normalized") == NULL)
        {
          g_autofree char *normalized = NULL;

          if (!crm_email_normalize (value_after (change, row, "raw"), &normalized, error))
            return FALSE;
          crm_change_set_text (change, "raw", normalized);
          g_autofree char *key = crm_email_key (normalized);

          crm_change_set_text (change, "normalized", key);
        }
    }

  return TRUE;
}

static void
bind_field (sqlite3_stmt         *stmt,
            int                   pos,
            const CrmChangeField *f)
{
  switch (f->type)
    {
    case CRM_VALUE_NULL:
      sqlite3_bind_null (stmt, pos);
      break;
    case CRM_VALUE_INT:
      sqlite3_bind_int64 (stmt, pos, f->num);
      break;
    case CRM_VALUE_TEXT:
    default:
      sqlite3_bind_text (stmt, pos, f->text, -1, SQLITE_TRANSIENT);
      break;
    }
}

static void
add_json_value (JsonBuilder          *builder,
                const CrmChangeField *f)
{
  switch (f->type)
    {
    case CRM_VALUE_NULL:
      json_builder_add_null_value (builder);
      break;
    case CRM_VALUE_INT:
      json_builder_add_int_value (builder, f->num);
      break;
    case CRM_VALUE_TEXT:
    default:
      json_builder_add_string_value (builder, f->text);
      break;
    }
}

static char *
outbox_fields (CrmChange  *change,
               const char *hlc,
               GPtrArray  *changed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < changed->len; i++)
    {
      const CrmChangeField *f = g_ptr_array_index (changed, i);

      json_builder_set_member_name (builder, f->field);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "v");
      add_json_value (builder, f);
      json_builder_set_member_name (builder, "hlc");
      json_builder_add_string_value (builder, hlc);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
validate_fields (CrmStore   *self,
                 CrmChange  *change,
                 GError    **error)
{
  const char *tbl = crm_change_get_table (change);

  if (!is_synced_table (self, tbl))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown table “%s”", tbl);
      return FALSE;
    }

  for (guint i = 0; i < crm_change_get_n_fields (change); i++)
    {
      const CrmChangeField *f = crm_change_get_field (change, i);

      if (strcmp (f->field, "created_ms") == 0 && crm_change_is_create (change))
        continue;
      if (strcmp (f->field, "id") == 0 ||
          g_strv_contains (internal_columns, f->field) ||
          !crm_store_has_column (self, tbl, f->field))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Table “%s” has no writable field “%s”", tbl, f->field);
          return FALSE;
        }
    }
  return TRUE;
}

/* Which entity's history and search entry a row belongs to. */
static void
owner_of (const char  *tbl,
          GHashTable  *row,
          CrmChange   *change,
          const char **entity_type,
          const char **entity_id)
{
  if (strcmp (tbl, "phones") == 0 || strcmp (tbl, "emails") == 0)
    {
      *entity_type = value_after (change, row, "entity_type");
      *entity_id = value_after (change, row, "entity_id");
    }
  else
    {
      *entity_type = crm_table_entity (tbl);
      *entity_id = crm_change_get_id (change);
      if (*entity_type == NULL)
        *entity_type = tbl;
    }
}

static gboolean
record_history (CrmStore    *self,
                CrmChange   *change,
                GHashTable  *row,
                GPtrArray   *changed,
                GError     **error)
{
  const char *tbl = crm_change_get_table (change);
  const char *entity_type;
  const char *entity_id;
  gboolean child = strcmp (tbl, "phones") == 0 || strcmp (tbl, "emails") == 0;

  /* The audit trail is about what people see; these are the trail itself or
   * pure bookkeeping. */
  if (strcmp (tbl, "history") == 0 || strcmp (tbl, "activities") == 0 ||
      strcmp (tbl, "merges") == 0 || strcmp (tbl, "imports") == 0)
    return TRUE;

  owner_of (tbl, row, change, &entity_type, &entity_id);
  if (entity_type == NULL || entity_id == NULL)
    return TRUE;

  if (child)
    {
      /* A phone or an e-mail shows in its owner's history as one field. */
      const char *field = strcmp (tbl, "phones") == 0 ? "phone" : "email";
      const char *old_raw = row != NULL ? g_hash_table_lookup (row, "raw") : NULL;
      const char *new_raw = value_after (change, row, "raw");

      if (g_strcmp0 (old_raw, new_raw) == 0)
        return TRUE;
      return crm_store_add_history (self, entity_type, entity_id,
                                    row == NULL ? "update" : "update",
                                    field, old_raw, new_raw, error);
    }

  if (row == NULL)
    return crm_store_add_history (self, entity_type, entity_id, "create",
                                  NULL, NULL, NULL, error);

  for (guint i = 0; i < changed->len; i++)
    {
      const CrmChangeField *f = g_ptr_array_index (changed, i);
      g_autofree char *new_value = crm_change_field_to_string (f);

      if (!crm_store_add_history (self, entity_type, entity_id, "update", f->field,
                                  g_hash_table_lookup (row, f->field), new_value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reindex_owner (CrmStore    *self,
               CrmChange   *change,
               GHashTable  *row,
               gint64       rid,
               GError     **error)
{
  const char *tbl = crm_change_get_table (change);
  const char *entity_type;
  const char *entity_id;

  if (crm_store_get_defer_index (self))
    return TRUE;

  if (is_searchable (tbl))
    return crm_search_index_row (self, crm_table_entity (tbl), rid, error);

  if (strcmp (tbl, "phones") == 0 || strcmp (tbl, "emails") == 0)
    {
      owner_of (tbl, row, change, &entity_type, &entity_id);
      if (entity_type != NULL && entity_id != NULL)
        return crm_search_index_id (self, entity_type, entity_id, error);
    }
  return TRUE;
}

static gboolean
fill_lead_defaults (CrmStore   *self,
                    CrmChange  *change,
                    GError    **error)
{
  const char *stage_id = crm_change_get_text (change, "stage_id");
  const char *pipeline_id = crm_change_get_text (change, "pipeline_id");

  if (stage_id == NULL)
    {
      g_autofree char *first = crm_workspace_first_stage (self, pipeline_id);

      if (first != NULL)
        crm_change_set_text (change, "stage_id", first);
      stage_id = crm_change_get_text (change, "stage_id");
    }
  if (pipeline_id == NULL && stage_id != NULL)
    {
      g_autofree char *pipeline = crm_workspace_stage_pipeline (self, stage_id);

      if (pipeline != NULL)
        crm_change_set_text (change, "pipeline_id", pipeline);
    }
  if (crm_change_lookup (change, "stage_entered_ms") == NULL)
    crm_change_set_int (change, "stage_entered_ms", crm_store_now_ms (self));
  /* A unique order key, so the card can later be dropped between any two. */
  if (crm_change_lookup (change, "stage_pos") == NULL)
    {
      g_autofree char *pos = crm_rank_for_new (crm_change_get_id (change));
      crm_change_set_text (change, "stage_pos", pos);
    }
  if (crm_change_lookup (change, "owner_id") == NULL && crm_store_get_user_id (self) != NULL && !crm_store_get_bulk (self))
    crm_change_set_text (change, "owner_id", crm_store_get_user_id (self));

  return TRUE;
}

static gboolean
apply_create (CrmStore   *self,
              CrmChange  *change,
              gint64     *rid_out,
              GError    **error)
{
  const char *tbl = crm_change_get_table (change);
  g_autoptr(GPtrArray) derived_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) derived_values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *fields_json = NULL;
  sqlite3_stmt *stmt;
  const CrmChangeField *created;
  gint64 now = crm_store_now_ms (self);
  gint64 created_ms = now;
  guint n;
  char hlc[18];
  int pos = 1;

  if (crm_change_get_id (change) == NULL)
    {
      char id[37];
      crm_uuid7_fill (now, id);
      crm_change_set_id (change, id);
    }
  else if (!crm_uuid_is_valid (crm_change_get_id (change)) && strcmp (tbl, "settings") != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "“%s” is not a valid id", crm_change_get_id (change));
      return FALSE;
    }

  if (strcmp (tbl, "leads") == 0 && !fill_lead_defaults (self, change, error))
    return FALSE;
  if (!complete_change (self, change, NULL, derived_names, derived_values, error))
    return FALSE;

  /* An import may carry the original creation time of a record. */
  created = crm_change_lookup (change, "created_ms");
  if (created != NULL && created->type == CRM_VALUE_INT && created->num > 0)
    created_ms = created->num;
  crm_change_unset (change, "created_ms");

  crm_hlc_format (crm_store_tick (self), hlc);

  g_string_append_printf (sql, "INSERT OR FAIL INTO \"%s\" (id, created_ms, updated_ms, _hlc", tbl);
  n = crm_change_get_n_fields (change);
  for (guint i = 0; i < n; i++)
    {
      const CrmChangeField *f = crm_change_get_field (change, i);
      g_string_append_printf (sql, ", \"%s\"", f->field);
      g_ptr_array_add (changed, (gpointer) f);
    }
  for (guint i = 0; i < derived_names->len; i++)
    g_string_append_printf (sql, ", \"%s\"", (const char *) g_ptr_array_index (derived_names, i));
  g_string_append (sql, ") VALUES (?, ?, ?, ?");
  for (guint i = 0; i < n + derived_names->len; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  if (!(stmt = crm_store_stmt (self, sql->str, error)))
    return FALSE;

  sqlite3_bind_text (stmt, pos++, crm_change_get_id (change), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, pos++, created_ms);
  sqlite3_bind_int64 (stmt, pos++, now);
  {
    g_autofree char *hlc_json = g_strdup_printf ("{\"*\":\"%s\"}", hlc);
    sqlite3_bind_text (stmt, pos++, hlc_json, -1, SQLITE_TRANSIENT);
  }
  for (guint i = 0; i < n; i++)
    bind_field (stmt, pos++, crm_change_get_field (change, i));
  for (guint i = 0; i < derived_values->len; i++)
    crm_store_bind_text (stmt, pos++, g_ptr_array_index (derived_values, i));

  if (!crm_store_step_done (self, stmt, "insert", error))
    return FALSE;
  *rid_out = sqlite3_last_insert_rowid (crm_store_get_db (self));

  if (crm_store_get_bulk (self))
    return TRUE;

  fields_json = outbox_fields (change, hlc, changed);
  if (!crm_store_add_outbox (self, tbl, crm_change_get_id (change), "upsert",
                             fields_json, 0, error))
    return FALSE;
  return record_history (self, change, NULL, changed, error);
}

static gboolean
apply_update (CrmStore   *self,
              CrmChange  *change,
              gint64     *rid_out,
              GError    **error)
{
  const char *tbl = crm_change_get_table (change);
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GPtrArray) derived_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) derived_values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *fields_json = NULL;
  sqlite3_stmt *stmt;
  gint64 base_seq;
  char hlc[18];
  int pos = 1;

  if (!(row = read_row (self, tbl, crm_change_get_id (change), rid_out, error)))
    return FALSE;

  /* Entering another stage: the time it entered, and a place in its
   * column unless the move gave one. */
  if (strcmp (tbl, "leads") == 0 && crm_change_lookup (change, "stage_id") != NULL &&
      g_strcmp0 (crm_change_get_text (change, "stage_id"), g_hash_table_lookup (row, "stage_id")) != 0)
    {
      if (crm_change_lookup (change, "stage_entered_ms") == NULL)
        crm_change_set_int (change, "stage_entered_ms", crm_store_now_ms (self));
      if (crm_change_lookup (change, "stage_pos") == NULL)
        {
          g_autofree char *key = crm_rank_for_new (crm_change_get_id (change));
          crm_change_set_text (change, "stage_pos", key);
        }
    }

  if (!complete_change (self, change, row, derived_names, derived_values, error))
    return FALSE;

  /* Only what really changes is written, clocked, logged and pushed. */
  for (guint i = 0; i < crm_change_get_n_fields (change); i++)
    {
      const CrmChangeField *f = crm_change_get_field (change, i);
      g_autofree char *new_value = crm_change_field_to_string (f);

      if (g_strcmp0 (new_value, g_hash_table_lookup (row, f->field)) != 0)
        g_ptr_array_add (changed, (gpointer) f);
    }
  if (changed->len == 0)
    return TRUE;

  crm_hlc_format (crm_store_tick (self), hlc);

  g_string_append_printf (sql, "UPDATE \"%s\" SET updated_ms = ?, _hlc = json_set(_hlc", tbl);
  for (guint i = 0; i < changed->len; i++)
    g_string_append (sql, ", ?, ?");
  g_string_append (sql, ")");
  for (guint i = 0; i < changed->len; i++)
    {
      const CrmChangeField *f = g_ptr_array_index (changed, i);
      g_string_append_printf (sql, ", \"%s\" = ?", f->field);
    }
  for (guint i = 0; i < derived_names->len; i++)
    g_string_append_printf (sql, ", \"%s\" = ?", (const char *) g_ptr_array_index (derived_names, i));
  g_string_append (sql, " WHERE id = ?");

  if (!(stmt = crm_store_stmt (self, sql->str, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, pos++, crm_store_now_ms (self));
  for (guint i = 0; i < changed->len; i++)
    {
      const CrmChangeField *f = g_ptr_array_index (changed, i);
      g_autofree char *path = g_strdup_printf ("$.%s", f->field);

      sqlite3_bind_text (stmt, pos++, path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, pos++, hlc, -1, SQLITE_TRANSIENT);
    }
  for (guint i = 0; i < changed->len; i++)
    bind_field (stmt, pos++, g_ptr_array_index (changed, i));
  for (guint i = 0; i < derived_values->len; i++)
    crm_store_bind_text (stmt, pos++, g_ptr_array_index (derived_values, i));
  sqlite3_bind_text (stmt, pos++, crm_change_get_id (change), -1, SQLITE_TRANSIENT);

  if (!crm_store_step_done (self, stmt, "update", error))
    return FALSE;

  if (crm_store_get_bulk (self))
    return TRUE;

  base_seq = g_ascii_strtoll (g_hash_table_lookup (row, "_seq"), NULL, 10);
  fields_json = outbox_fields (change, hlc, changed);
  if (!crm_store_add_outbox (self, tbl, crm_change_get_id (change), "upsert",
                             fields_json, base_seq, error))
    return FALSE;
  return record_history (self, change, row, changed, error);
}

/**
 * crm_store_apply:
 * @self: a #CrmStore
 * @change: a create or an update
 * @error: return location for a #GError
 *
 * The one write path. In one transaction (a savepoint when one is open),
 * writes the row, its derived keys, the field clocks, the audit history and
 * the sync outbox, and updates the search index. A create gets its UUIDv7
 * id, readable afterwards with crm_change_get_id().
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_apply (CrmStore   *self,
                 CrmChange  *change,
                 GError    **error)
{
  gint64 rid = 0;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (!validate_fields (self, change, error))
    return FALSE;

  /* In bulk mode a change is one INSERT or UPDATE, atomic by itself, and
   * the importer holds a savepoint per row. */
  if (crm_store_get_bulk (self))
    {
      if (crm_change_is_create (change))
        return apply_create (self, change, &rid, error);
      return apply_update (self, change, &rid, error);
    }

  if (!crm_store_begin (self, error))
    return FALSE;

  if (crm_change_is_create (change))
    ok = apply_create (self, change, &rid, error);
  else
    ok = apply_update (self, change, &rid, error);

  if (ok)
    ok = reindex_owner (self, change, NULL, rid, error);
  if (ok && crm_change_is_create (change) && strcmp (crm_change_get_table (change), "leads") == 0)
    ok = crm_tasks_on_lead_created (self, crm_change_get_id (change), error);

  if (!ok)
    {
      crm_store_rollback (self);
      return FALSE;
    }
  return crm_store_commit (self, error);
}

static gboolean
set_deleted (CrmStore    *self,
             const char  *tbl,
             const char  *id,
             gboolean     deleted,
             GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *fields_json = NULL;
  sqlite3_stmt *stmt;
  gint64 now = crm_store_now_ms (self);
  gint64 rid = 0;
  gint64 old_deleted;
  gint64 base_seq;
  char hlc[18];

  if (!is_synced_table (self, tbl))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown table “%s”", tbl);
      return FALSE;
    }
  if (!crm_store_begin (self, error))
    return FALSE;

  if (!(row = read_row (self, tbl, id, &rid, error)))
    goto fail;

  old_deleted = g_ascii_strtoll (g_hash_table_lookup (row, "_deleted"), NULL, 10);
  if ((old_deleted != 0) == deleted)
    return crm_store_commit (self, error);

  crm_hlc_format (crm_store_tick (self), hlc);
  sql = g_strdup_printf ("UPDATE \"%s\" SET _deleted = ?1, updated_ms = ?2,"
                         " _hlc = json_set(_hlc, '$._deleted', ?3) WHERE id = ?4", tbl);
  if (!(stmt = crm_store_stmt (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, deleted ? now : 0);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_TRANSIENT);
  if (!crm_store_step_done (self, stmt, "delete", error))
    goto fail;

  base_seq = g_ascii_strtoll (g_hash_table_lookup (row, "_seq"), NULL, 10);
  if (deleted)
    fields_json = g_strdup_printf ("{\"_deleted\":{\"v\":%" G_GINT64_FORMAT ",\"hlc\":\"%s\"}}", now, hlc);
  else
    fields_json = g_strdup_printf ("{\"_deleted\":{\"v\":0,\"hlc\":\"%s\"}}", hlc);
  if (!crm_store_add_outbox (self, tbl, id, deleted ? "delete" : "upsert",
                             fields_json, base_seq, error))
    goto fail;

  if (strcmp (tbl, "history") != 0 && strcmp (tbl, "activities") != 0)
    {
      const char *entity = crm_table_entity (tbl);
      const char *entity_id = id;

      if (strcmp (tbl, "phones") == 0 || strcmp (tbl, "emails") == 0)
        {
          entity = g_hash_table_lookup (row, "entity_type");
          entity_id = g_hash_table_lookup (row, "entity_id");
          if (!crm_store_add_history (self, entity, entity_id, "update",
                                      strcmp (tbl, "phones") == 0 ? "phone" : "email",
                                      deleted ? g_hash_table_lookup (row, "raw") : NULL,
                                      deleted ? NULL : g_hash_table_lookup (row, "raw"),
                                      error))
            goto fail;
        }
      else if (!crm_store_add_history (self, entity != NULL ? entity : tbl, id,
                                       deleted ? "delete" : "restore",
                                       NULL, NULL, NULL, error))
        goto fail;
    }

  if (!crm_store_get_defer_index (self))
    {
      if (is_searchable (tbl))
        {
          if (!crm_search_index_row (self, crm_table_entity (tbl), rid, error))
            goto fail;
        }
      else if (strcmp (tbl, "phones") == 0 || strcmp (tbl, "emails") == 0)
        {
          if (!crm_search_index_id (self, g_hash_table_lookup (row, "entity_type"),
                                    g_hash_table_lookup (row, "entity_id"), error))
            goto fail;
        }
    }

  return crm_store_commit (self, error);

fail:
  crm_store_rollback (self);
  return FALSE;
}

/**
 * crm_store_delete:
 * @self: a #CrmStore
 * @tbl: the table
 * @id: the row id
 * @error: return location for a #GError
 *
 * Soft-deletes a row: it gets a tombstone time, leaves lists and search,
 * and can be brought back with crm_store_restore().
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_delete (CrmStore    *self,
                  const char  *tbl,
                  const char  *id,
                  GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (tbl != NULL && id != NULL, FALSE);

  return set_deleted (self, tbl, id, TRUE, error);
}

gboolean
crm_store_restore (CrmStore    *self,
                   const char  *tbl,
                   const char  *id,
                   GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (tbl != NULL && id != NULL, FALSE);

  return set_deleted (self, tbl, id, FALSE, error);
}

