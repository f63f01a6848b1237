/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-funnel"

#include "config.h"

#include "crm-funnel.h"
#include "crm-funnel-private.h"
#include "crm-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-change.h"
#include "crm-rank.h"
#include "crm-record.h"
#include "crm-text.h"
#include "crm-workspace.h"

/* Pipelines and their stages: added, renamed, reordered, given a kind, a
 * colour, an SLA, a rotting limit and the fields a lead needs to enter;
 * deleted after their leads are moved. */

static const char *const stage_kinds[] = { "open", "nurture", "won", "lost", NULL };

/**
 * crm_pipeline_list:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRecord): the pipelines, the
 *   default one first
 */
GPtrArray *
crm_pipeline_list (CrmStore  *store,
                   GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return crm_funnel_list_records (store, "pipelines",
                       "SELECT * FROM pipelines WHERE _deleted = 0"
                       " ORDER BY is_default DESC, position, rid",
                       NULL, error);
}

/* The id among @records whose @column folds to @name_or_id's fold, or
 * whose id starts with it. */
static char *
find_record (GPtrArray   *records,
             const char  *column,
             const char  *name_or_id,
             const char  *not_found,
             GError     **error)
{
  g_autofree char *folded = crm_text_fold (name_or_id);
  const char *found = NULL;
  guint n_prefix = 0;
  const char *by_prefix = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      CrmRecord *r = g_ptr_array_index (records, i);
      g_autofree char *name = crm_text_fold (crm_record_get_text (r, column));

      if (strcmp (crm_record_get_id (r), name_or_id) == 0 || strcmp (name, folded) == 0)
        {
          found = crm_record_get_id (r);
          break;
        }
      if (strlen (name_or_id) >= 4 && g_str_has_prefix (crm_record_get_id (r), name_or_id))
        {
          by_prefix = crm_record_get_id (r);
          n_prefix++;
        }
    }
  if (found == NULL && n_prefix == 1)
    found = by_prefix;
  if (found == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, not_found, name_or_id);
      return NULL;
    }
  return g_strdup (found);
}

/**
 * crm_pipeline_find:
 * @store: a #CrmStore
 * @name_or_id: a pipeline's name (any case), id or the start of its id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the pipeline's id, or %NULL with @error set
 */
char *
crm_pipeline_find (CrmStore    *store,
                   const char  *name_or_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) pipelines = crm_pipeline_list (store, error);

  if (pipelines == NULL)
    return NULL;
  return find_record (pipelines, "name", name_or_id, _("No pipeline “%s”"), error);
}

static gboolean
check_name (CrmStore    *store,
            const char  *tbl,
            const char  *sql,
            const char  *scope,
            const char  *name,
            const char  *except_id,
            const char  *duplicate_message,
            GError     **error)
{
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *folded = NULL;

  if (crm_text_is_blank (name))
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Name: the name is empty"));
      return FALSE;
    }
  if (!(siblings = crm_funnel_list_records (store, tbl, sql, scope, error)))
    return FALSE;
  folded = crm_text_fold (name);
  for (guint i = 0; i < siblings->len; i++)
    {
      CrmRecord *r = g_ptr_array_index (siblings, i);
      g_autofree char *other = crm_text_fold (crm_record_get_text (r, "name"));

      if (g_strcmp0 (crm_record_get_id (r), except_id) != 0 && strcmp (other, folded) == 0)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       duplicate_message, name);
          return FALSE;
        }
    }
  return TRUE;
}

#define PIPELINE_NAMES_SQL "SELECT * FROM pipelines WHERE _deleted = 0"
#define STAGE_NAMES_SQL "SELECT * FROM stages WHERE pipeline_id = ?1 AND _deleted = 0"

/**
 * crm_pipeline_add:
 * @store: a #CrmStore
 * @name: its name, unique among pipelines
 * @error: return location for a #GError
 *
 * Adds a pipeline with the three stages every funnel needs ("New",
 * "Won", "Refused"), to be edited from there.
 *
 * Returns: (transfer full): the new pipeline's id, or %NULL with @error set
 */
char *
crm_pipeline_add (CrmStore    *store,
                  const char  *name,
                  GError     **error)
{
  static const struct {
    const char *name;
    const char *kind;
    const char *color;
  } stages[] = {
    { N_("New"), "open", "#3584e4" },
    { N_("Won"), "won", "#2ec27e" },
    { N_("Refused"), "lost", "#c01c28" },
  };
  g_autoptr(CrmChange) change = crm_change_new_create ("pipelines");
  g_autofree char *trimmed = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!check_name (store, "pipelines", PIPELINE_NAMES_SQL, NULL, name, NULL,
                   _("Name: there is a pipeline “%s” already"), error))
    return NULL;
  if (!(all = crm_pipeline_list (store, error)))
    return NULL;

  trimmed = g_strstrip (g_strdup (name));
  crm_change_set_text (change, "name", trimmed);
  crm_change_set_int (change, "position", all->len);
  crm_change_set_int (change, "is_default", all->len == 0);

  if (!crm_store_begin (store, error))
    return NULL;
  if (!crm_store_apply (store, change, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(CrmChange) stage = crm_change_new_create ("stages");

      crm_change_set_text (stage, "pipeline_id", crm_change_get_id (change));
      crm_change_set_text (stage, "name", _(stages[i].name));
      crm_change_set_text (stage, "kind", stages[i].kind);
      crm_change_set_text (stage, "color", stages[i].color);
      crm_change_set_int (stage, "position", i);
      if (!crm_store_apply (store, stage, error))
        goto fail;
    }
  if (!crm_store_commit (store, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));

fail:
  crm_store_rollback (store);
  return NULL;
}

/**
 * crm_pipeline_rename:
 * @store: a #CrmStore
 * @pipeline_id: the pipeline
 * @name: its new name, unique among pipelines
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_pipeline_rename (CrmStore    *store,
                     const char  *pipeline_id,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!check_name (store, "pipelines", PIPELINE_NAMES_SQL, NULL, name, pipeline_id,
                   _("Name: there is a pipeline “%s” already"), error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (name));
  change = crm_change_new_update ("pipelines", pipeline_id);
  crm_change_set_text (change, "name", trimmed);
  return crm_store_apply (store, change, error);
}

/* ---- Stages ---- */

/**
 * crm_stage_list:
 * @store: a #CrmStore
 * @pipeline_id: (nullable): the pipeline, %NULL for the default one
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRecord): its stages in order
 */
GPtrArray *
crm_stage_list (CrmStore    *store,
                const char  *pipeline_id,
                GError     **error)
{
  g_autofree char *fallback = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (pipeline_id == NULL)
    pipeline_id = fallback = crm_workspace_default_pipeline (store);
  return crm_funnel_list_records (store, "stages",
                       "SELECT * FROM stages WHERE pipeline_id = ?1 AND _deleted = 0"
                       " ORDER BY position, rid",
                       pipeline_id != NULL ? pipeline_id : "", error);
}

/**
 * crm_stage_find:
 * @store: a #CrmStore
 * @pipeline_id: (nullable): where to look first, %NULL for the default
 *   pipeline; a name found in no other pipeline is found anywhere
 * @name_or_id: a stage's name (any case, ё = е), id or the start of its id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stage's id, or %NULL with @error set
 */
char *
crm_stage_find (CrmStore    *store,
                const char  *pipeline_id,
                const char  *name_or_id,
                GError     **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) local_error = NULL;
  char *id;

  if (!(stages = crm_stage_list (store, pipeline_id, error)))
    return NULL;
  if ((id = find_record (stages, "name", name_or_id, _("No stage “%s”"), &local_error)))
    return id;

  if (!(all = crm_funnel_list_records (store, "stages",
                            "SELECT * FROM stages WHERE _deleted = 0 ORDER BY position, rid",
                            NULL, error)))
    return NULL;
  if ((id = find_record (all, "name", name_or_id, _("No stage “%s”"), NULL)))
    return id;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static gboolean
check_stage_input (const CrmStageInput  *input,
                   GError              **error)
{
  if (input->kind != NULL && !g_strv_contains (stage_kinds, input->kind))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Kind: “%s” is not a kind of stage"), input->kind);
      return FALSE;
    }
  if (input->color != NULL && *input->color != '\0')
    {
      gboolean ok = strlen (input->color) == 7 && input->color[0] == '#';

      for (guint i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (input->color[i]);
      if (!ok)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Colour: “%s” is not a colour like #3584e4"), input->color);
          return FALSE;
        }
    }
  for (guint i = 0; input->required_fields != NULL && input->required_fields[i] != NULL; i++)
    if (!crm_funnel_field_is_known (input->required_fields[i]))
      {
        g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                     _("Required fields: a stage cannot require “%s”"),
                     input->required_fields[i]);
        return FALSE;
      }
  return TRUE;
}

static void
fill_stage_change (CrmChange           *change,
                   const CrmStageInput *input)
{
  if (input->name != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (input->name));
      crm_change_set_text (change, "name", trimmed);
    }
  if (input->kind != NULL)
    crm_change_set_text (change, "kind", input->kind);
  if (input->color != NULL)
    crm_change_set_text (change, "color", *input->color ? input->color : NULL);
  if (input->sla_minutes >= 0)
    crm_change_set_int (change, "sla_minutes", input->sla_minutes);
  if (input->rotting_days >= 0)
    crm_change_set_int (change, "rotting_days", input->rotting_days);
  if (input->required_fields != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; input->required_fields[i] != NULL; i++)
        json_builder_add_string_value (builder, input->required_fields[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      crm_change_set_text (change, "required_fields", json);
    }
}

/* Writes positions 0, 1, … in the order of @stages, only where they
 * change. */
static gboolean
renumber (CrmStore   *store,
          GPtrArray  *stages,
          GError    **error)
{
  for (guint i = 0; i < stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (stages, i);
      g_autoptr(CrmChange) change = NULL;

      if (crm_record_get_int (stage, "position", -1) == (gint64) i)
        continue;
      change = crm_change_new_update ("stages", crm_record_get_id (stage));
      crm_change_set_int (change, "position", i);
      if (!crm_store_apply (store, change, error))
        return FALSE;
    }
  return TRUE;
}

static guint
count_open (GPtrArray  *stages,
            const char *except_id)
{
  guint n = 0;

  for (guint i = 0; i < stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (stages, i);

      if (g_strcmp0 (crm_record_get_id (stage), except_id) != 0 &&
          g_strcmp0 (crm_record_get_text (stage, "kind"), "open") == 0)
        n++;
    }
  return n;
}

/**
 * crm_stage_add:
 * @store: a #CrmStore
 * @pipeline_id: the pipeline
 * @input: the stage (a name is needed; the kind defaults to "open")
 * @after_stage_id: (nullable): the stage it follows, %NULL for the end
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new stage's id, or %NULL with @error set
 */
char *
crm_stage_add (CrmStore             *store,
               const char           *pipeline_id,
               const CrmStageInput  *input,
               const char           *after_stage_id,
               GError              **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(CrmChange) change = crm_change_new_create ("stages");
  g_autoptr(CrmRecord) pipeline = NULL;
  guint at;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!(pipeline = crm_funnel_get_live (store, "pipelines", pipeline_id, error)) ||
      !check_name (store, "stages", STAGE_NAMES_SQL, pipeline_id, input->name, NULL,
                   _("Name: the pipeline has a stage “%s” already"), error) ||
      !check_stage_input (input, error) ||
      !(stages = crm_stage_list (store, pipeline_id, error)))
    return NULL;

  at = stages->len;
  for (guint i = 0; after_stage_id != NULL && i < stages->len; i++)
    if (strcmp (crm_record_get_id (g_ptr_array_index (stages, i)), after_stage_id) == 0)
      at = i + 1;

  crm_change_set_text (change, "pipeline_id", pipeline_id);
  fill_stage_change (change, input);
  if (input->kind == NULL)
    crm_change_set_text (change, "kind", "open");
  crm_change_set_int (change, "position", at);

  if (!crm_store_begin (store, error))
    return NULL;
  /* Make room: the stages from @at on move one down. */
  for (guint i = at; i < stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (stages, i);
      g_autoptr(CrmChange) shift = crm_change_new_update ("stages", crm_record_get_id (stage));

      crm_change_set_int (shift, "position", i + 1);
      if (!crm_store_apply (store, shift, error))
        goto fail;
    }
  if (!crm_store_apply (store, change, error))
    goto fail;
  if (!crm_store_commit (store, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));

fail:
  crm_store_rollback (store);
  return NULL;
}

/**
 * crm_stage_update:
 * @store: a #CrmStore
 * @stage_id: the stage
 * @input: what changes (%NULL and -1 fields stay)
 * @error: return location for a #GError
 *
 * Renames a stage, changes its kind, colour, SLA, rotting limit or
 * required fields. A pipeline keeps at least one open stage.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_stage_update (CrmStore             *store,
                  const char           *stage_id,
                  const CrmStageInput  *input,
                  GError              **error)
{
  g_autoptr(CrmRecord) stage = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(CrmChange) change = NULL;
  const char *pipeline_id;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!(stage = crm_funnel_get_live (store, "stages", stage_id, error)))
    return FALSE;
  pipeline_id = crm_record_get_text (stage, "pipeline_id");
  if ((input->name != NULL &&
       !check_name (store, "stages", STAGE_NAMES_SQL, pipeline_id, input->name, stage_id,
                    _("Name: the pipeline has a stage “%s” already"), error)) ||
      !check_stage_input (input, error) ||
      !(stages = crm_stage_list (store, pipeline_id, error)))
    return FALSE;

  if (input->kind != NULL && strcmp (input->kind, "open") != 0 &&
      count_open (stages, stage_id) == 0)
    {
      g_set_error_literal (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_LAST_STAGE,
                           _("A pipeline needs at least one open stage for new leads"));
      return FALSE;
    }

  change = crm_change_new_update ("stages", stage_id);
  fill_stage_change (change, input);
  return crm_store_apply (store, change, error);
}

/**
 * crm_stage_reorder:
 * @store: a #CrmStore
 * @stage_id: the stage
 * @position: where it goes among its pipeline's stages, from 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_stage_reorder (CrmStore    *store,
                   const char  *stage_id,
                   guint        position,
                   GError     **error)
{
  g_autoptr(CrmRecord) stage = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  gpointer moved = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!(stage = crm_funnel_get_live (store, "stages", stage_id, error)) ||
      !(stages = crm_stage_list (store, crm_record_get_text (stage, "pipeline_id"), error)))
    return FALSE;

  for (guint i = 0; i < stages->len; i++)
    if (strcmp (crm_record_get_id (g_ptr_array_index (stages, i)), stage_id) == 0)
      moved = g_ptr_array_steal_index (stages, i);
  g_assert (moved != NULL);
  g_ptr_array_insert (stages, MIN (position, stages->len), moved);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!renumber (store, stages, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

static GPtrArray *
stage_leads (CrmStore    *store,
             const char  *stage_id,
             GError     **error)
{
  return crm_funnel_list_records (store, "leads",
                       "SELECT * FROM leads WHERE stage_id = ?1 AND _deleted = 0 ORDER BY stage_pos",
                       stage_id, error);
}

/**
 * crm_stage_count_leads:
 * @store: a #CrmStore
 * @stage_id: the stage
 * @value_sum: (out) (optional): the sum of their expected values
 * @error: return location for a #GError
 *
 * Returns: how many live leads the stage holds, or -1 with @error set
 */
gint64
crm_stage_count_leads (CrmStore    *store,
                       const char  *stage_id,
                       gint64      *value_sum,
                       GError     **error)
{
  /* Without the sum, the count is read from the leads_stage index alone
   * (Preferences counts every stage when it opens). */
  sqlite3_stmt *stmt = crm_store_stmt (store,
                                       value_sum != NULL
                                       ? "SELECT count(*), coalesce(sum(value), 0) FROM leads"
                                         " WHERE stage_id = ?1 AND _deleted = 0"
                                       : "SELECT count(*), 0 FROM leads"
                                         " WHERE stage_id = ?1 AND _deleted = 0",
                                       error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, stage_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      count = sqlite3_column_int64 (stmt, 0);
      if (value_sum != NULL)
        *value_sum = sqlite3_column_int64 (stmt, 1);
    }
  else
    crm_db_set_error (error, crm_store_get_db (store), "funnel");
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_stage_delete:
 * @store: a #CrmStore
 * @stage_id: the stage
 * @move_to_stage_id: (nullable): where its leads go (needed when it has
 *   any); they keep their order there, below the leads already in it
 * @error: return location for a #GError
 *
 * Deletes a stage (softly: sync and history keep it) after moving its
 * leads, all in one transaction. Each moved lead gets its history and a
 * timeline entry like any move; the target's own rules (a reason, a
 * conversion, required fields) do not apply to a reorganisation.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_stage_delete (CrmStore    *store,
                  const char  *stage_id,
                  const char  *move_to_stage_id,
                  GError     **error)
{
  g_autoptr(CrmRecord) stage = NULL;
  g_autoptr(CrmRecord) target = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!(stage = crm_funnel_get_live (store, "stages", stage_id, error)) ||
      !(stages = crm_stage_list (store, crm_record_get_text (stage, "pipeline_id"), error)) ||
      !(leads = stage_leads (store, stage_id, error)))
    return FALSE;

  if (g_strcmp0 (crm_record_get_text (stage, "kind"), "open") == 0 && count_open (stages, stage_id) == 0)
    {
      g_set_error_literal (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_LAST_STAGE,
                           _("A pipeline needs at least one open stage for new leads"));
      return FALSE;
    }
  if (leads->len > 0)
    {
      if (move_to_stage_id == NULL || strcmp (move_to_stage_id, stage_id) == 0)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” holds %u lead: choose the stage it goes to",
                                    "“%s” holds %u leads: choose the stage they go to",
                                    leads->len),
                       crm_record_get_text (stage, "name"), leads->len);
          return FALSE;
        }
      if (!(target = crm_funnel_get_live (store, "stages", move_to_stage_id, error)))
        return FALSE;
    }

  if (!crm_store_begin (store, error))
    return FALSE;

  if (target != NULL)
    {
      g_autoptr(GPtrArray) below = stage_leads (store, move_to_stage_id, error);

      if (below == NULL)
        goto fail;
      for (guint i = 0; i < below->len; i++)
        {
          const char *pos = crm_record_get_text (g_ptr_array_index (below, i), "stage_pos");

          if (crm_rank_is_valid (pos) && (last == NULL || strcmp (pos, last) > 0))
            {
              g_free (last);
              last = g_strdup (pos);
            }
        }
      for (guint i = 0; i < leads->len; i++)
        {
          CrmRecord *lead = g_ptr_array_index (leads, i);
          g_autoptr(CrmChange) change = crm_change_new_update ("leads", crm_record_get_id (lead));
          g_autofree char *key = crm_rank_between (last, NULL);

          crm_change_set_text (change, "stage_id", move_to_stage_id);
          crm_change_set_text (change, "pipeline_id", crm_record_get_text (target, "pipeline_id"));
          crm_change_set_text (change, "stage_pos", key);
          if (!crm_store_apply (store, change, error) ||
              !crm_funnel_log_stage_change (store, crm_record_get_id (lead), crm_record_get_text (stage, "name"),
                                 crm_record_get_text (target, "name"), NULL, error))
            goto fail;
          g_free (last);
          last = g_steal_pointer (&key);
        }
    }

  if (!crm_store_delete (store, "stages", stage_id, error))
    goto fail;
  for (guint i = 0; i < stages->len; i++)
    if (strcmp (crm_record_get_id (g_ptr_array_index (stages, i)), stage_id) == 0)
      {
        g_ptr_array_remove_index (stages, i);
        break;
      }
  if (!renumber (store, stages, error))
    goto fail;
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/* ---- What Preferences needs besides ---- */

/**
 * crm_pipeline_delete:
 * @store: a #CrmStore
 * @pipeline_id: the pipeline
 * @error: return location for a #GError
 *
 * Deletes an empty pipeline (softly) with its stages. One that holds
 * leads is refused: move them first, so nobody loses a lead by tidying
 * up. The last pipeline stays; when the default one goes, the next one
 * becomes the default.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_pipeline_delete (CrmStore    *store,
                     const char  *pipeline_id,
                     GError     **error)
{
  g_autoptr(CrmRecord) pipeline = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  sqlite3_stmt *stmt;
  gint64 n_leads = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (pipeline_id != NULL, FALSE);

  if (!(pipeline = crm_store_get (store, "pipelines", pipeline_id, error)))
    return FALSE;
  if (crm_record_is_deleted (pipeline))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("The pipeline was deleted"));
      return FALSE;
    }
  if (!(all = crm_pipeline_list (store, error)) ||
      !(stages = crm_stage_list (store, pipeline_id, error)))
    return FALSE;
  if (all->len < 2)
    {
      g_set_error_literal (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_LAST_STAGE,
                           _("The only pipeline cannot be deleted"));
      return FALSE;
    }

  if (!(stmt = crm_store_stmt (store, "SELECT count(*) FROM leads WHERE pipeline_id = ?1 AND _deleted = 0", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, pipeline_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_leads = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n_leads > 0)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” holds %u lead: move it to another pipeline first",
                                "“%s” holds %u leads: move them to another pipeline first",
                                (gulong) n_leads),
                   crm_record_get_text (pipeline, "name"), (guint) n_leads);
      return FALSE;
    }

  if (!crm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    if (!crm_store_delete (store, "stages", crm_record_get_id (g_ptr_array_index (stages, i)), error))
      goto fail;
  if (!crm_store_delete (store, "pipelines", pipeline_id, error))
    goto fail;
  if (crm_record_get_int (pipeline, "is_default", 0) != 0)
    for (guint i = 0; i < all->len; i++)
      {
        CrmRecord *other = g_ptr_array_index (all, i);
        g_autoptr(CrmChange) change = NULL;

        if (strcmp (crm_record_get_id (other), pipeline_id) == 0)
          continue;
        change = crm_change_new_update ("pipelines", crm_record_get_id (other));
        crm_change_set_int (change, "is_default", 1);
        if (!crm_store_apply (store, change, error))
          goto fail;
        break;
      }
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/**
 * crm_stage_get_required_fields:
 * @stage: a stage record (from crm_stage_list())
 *
 * Returns: (transfer full): the fields a lead needs to enter the stage,
 *   known ones only, in their stored order
 */
GStrv
crm_stage_get_required_fields (CrmRecord *stage)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *json = stage != NULL ? crm_record_get_text (stage, "required_fields") : NULL;
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY ((root = json_parser_get_root (parser))))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *field = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

          if (field != NULL && crm_funnel_field_is_known (field))
            g_strv_builder_add (out, field);
        }
    }
  return g_strv_builder_end (out);
}

/**
 * crm_stage_requirable_fields:
 *
 * The lead fields a stage may require, in the order Preferences lists
 * them (contact details, then the lead, then BANT).
 *
 * Returns: (transfer none): a %NULL-terminated list of field names
 */
const char *const *
crm_stage_requirable_fields (void)
{
  static const char *const candidates[] = {
    "phone", "email", "company", "job_title", "city", "website", "request",
    "channel_id", "owner_id", "temperature", "value",
    "bant_budget", "bant_authority", "bant_need", "bant_timeline", NULL
  };
  static const char **known = NULL;

  if (g_once_init_enter (&known))
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();

      /* crm-funnel.c decides what is known; this only orders them. */
      for (guint i = 0; candidates[i] != NULL; i++)
        if (crm_funnel_field_is_known (candidates[i]))
          g_ptr_array_add (list, (gpointer) candidates[i]);
      g_ptr_array_add (list, NULL);
      g_once_init_leave (&known, (const char **) g_ptr_array_free (g_steal_pointer (&list), FALSE));
    }
  return known;
}

/**
 * crm_stage_kind_label:
 * @kind: "open", "nurture", "won" or "lost"
 *
 * Returns: (transfer none): what the kind is called in Preferences
 */
const char *
crm_stage_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "open") == 0)
    return C_("stage kind", "Open");
  if (g_strcmp0 (kind, "nurture") == 0)
    return C_("stage kind", "Nurture (thinking)");
  if (g_strcmp0 (kind, "won") == 0)
    return C_("stage kind", "Won");
  if (g_strcmp0 (kind, "lost") == 0)
    return C_("stage kind", "Lost");
  return kind != NULL ? kind : "";
}

/**
 * crm_stage_kinds:
 *
 * Returns: (transfer none): the kinds of stage, %NULL-terminated
 */
const char *const *
crm_stage_kinds (void)
{
  return stage_kinds;
}
