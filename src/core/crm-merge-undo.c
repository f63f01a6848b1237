/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-merge"

#include "config.h"

#include "crm-merge.h"
#include "crm-merge-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Undoing a merge from the snapshot its merges row holds: the other
 * record comes back with what moved, and the kept one gets its earlier
 * values, unless someone changed them since. */

static const char *
object_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
undo_moves (CrmStore    *store,
            const char  *keep_id,
            JsonArray   *moved,
            GError     **error)
{
  /* Backwards, so each row gets back exactly what it had. */
  for (guint i = json_array_get_length (moved); i-- > 0;)
    {
      JsonNode *item_node = json_array_get_element (moved, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (item_node) ? json_node_get_object (item_node) : NULL;
      const char *tbl = item != NULL ? object_text (item, "tbl") : NULL;
      const char *id = item != NULL ? object_text (item, "id") : NULL;
      const char *column = item != NULL ? object_text (item, "column") : NULL;
      const char *old = item != NULL ? object_text (item, "old") : NULL;
      g_autoptr(GHashTable) now = NULL;
      g_autoptr(CrmChange) change = NULL;
      g_autoptr(GError) local_error = NULL;

      if (tbl == NULL || id == NULL || column == NULL || old == NULL ||
          !(g_strcmp0 (tbl, "phones") == 0 || g_strcmp0 (tbl, "emails") == 0 ||
            g_strcmp0 (tbl, "activities") == 0 || g_strcmp0 (tbl, "tasks") == 0 ||
            g_strcmp0 (tbl, "leads") == 0 || g_strcmp0 (tbl, "contacts") == 0 ||
            g_strcmp0 (tbl, "clients") == 0) ||
          !(g_strcmp0 (column, "entity_id") == 0 || g_str_has_suffix (column, "_id")))
        return crm_merge_refuse (error, _("The merge’s record is damaged and cannot be undone"));

      if (!(now = crm_merge_read_values (store, tbl, id, &local_error)))
        {
          if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Moved elsewhere since the merge by someone: that edit stands. */
      if (g_strcmp0 (crm_merge_values_text (now, column), keep_id) != 0)
        continue;

      change = crm_change_new_update (tbl, id);
      if (strcmp (column, "entity_id") == 0 && crm_merge_values_text (now, "entity_type") != NULL)
        crm_change_set_text (change, "entity_type", crm_merge_values_text (now, "entity_type"));
      crm_change_set_text (change, column, old);
      if (json_object_has_member (item, "position"))
        crm_change_set_int (change, "position", json_object_get_int_member (item, "position"));
      if (!crm_store_apply (store, change, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_fields (CrmStore    *store,
             const char  *tbl,
             const char  *keep_id,
             JsonObject  *fields,
             GError     **error)
{
  g_autoptr(GHashTable) now = NULL;
  g_autoptr(CrmChange) change = crm_change_new_update (tbl, keep_id);
  g_autoptr(GList) names = json_object_get_members (fields);

  if (!(now = crm_merge_read_values (store, tbl, keep_id, error)))
    return FALSE;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonObject *item = member_object (fields, field);

      if (item == NULL || !g_hash_table_contains (now, field) ||
          (g_strv_contains (crm_merge_skipped_columns, field) &&
           !g_strv_contains (crm_merge_name_parts, field)))
        return crm_merge_refuse (error, _("The merge’s record is damaged and cannot be undone"));
      /* A value someone changed after the merge is theirs to keep. */
      if (!crm_merge_nodes_equal (g_hash_table_lookup (now, field), json_object_get_member (item, "new")))
        continue;
      crm_merge_change_set_node (change, field, json_object_get_member (item, "old"));
    }
  if (crm_change_get_n_fields (change) == 0)
    return TRUE;
  return crm_store_apply (store, change, error);
}

static gboolean
undo_in_transaction (CrmStore    *store,
                     const char  *merge_id,
                     GError     **error)
{
  g_autoptr(GHashTable) merge = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GHashTable) other = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CrmChange) unmark = NULL;
  g_autoptr(CrmChange) done = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *snapshot_text;
  const char *kept_id;
  const char *other_id;
  const char *tbl;
  const char *entity;
  JsonObject *snapshot;
  JsonArray *moved;
  JsonArray *deleted;
  JsonArray *history;
  JsonObject *fields;

  if (!(merge = crm_merge_read_values (store, "merges", merge_id, &local_error)) ||
      crm_merge_values_int (merge, "_deleted") != 0)
    {
      if (local_error != NULL && !g_error_matches (local_error, CRM_STORE_ERROR,
                                                   CRM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No merge with id “%s”"), merge_id);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_NULL ((JsonNode *) g_hash_table_lookup (merge, "undone_ms")))
    return crm_merge_refuse (error, _("This merge has already been undone"));

  kept_id = crm_merge_values_text (merge, "kept_id");
  other_id = crm_merge_values_text (merge, "other_id");
  snapshot_text = crm_merge_values_text (merge, "snapshot");
  entity = crm_merge_values_text (merge, "entity_type");
  tbl = entity != NULL ? crm_entity_table (entity) : NULL;

  if (kept_id == NULL || other_id == NULL || snapshot_text == NULL || !crm_merge_is_merge_table (tbl) ||
      !json_parser_load_from_data (parser, snapshot_text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return crm_merge_refuse (error, _("The merge’s record is damaged and cannot be undone"));

  snapshot = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (snapshot, "version", 0) != SNAPSHOT_VERSION ||
      !(moved = member_array (snapshot, "moved")) ||
      !(deleted = member_array (snapshot, "deleted")) ||
      !(history = member_array (snapshot, "history")) ||
      !(fields = member_object (snapshot, "fields")))
    return crm_merge_refuse (error, _("The merge’s record is damaged and cannot be undone"));

  if (!(keep = crm_merge_read_values (store, tbl, kept_id, error)) ||
      !(other = crm_merge_read_values (store, tbl, other_id, error)))
    return FALSE;
  if (crm_merge_values_text (keep, "merged_into") != NULL)
    return crm_merge_refuse (error, _("The kept record was merged again since: undo that merge first"));
  if (g_strcmp0 (crm_merge_values_text (other, "merged_into"), kept_id) != 0)
    return crm_merge_refuse (error, _("The merged record was changed since and cannot be split off again"));

  /* The other record comes back first, so the children moving back to it
   * are indexed for search under a live record. */
  unmark = crm_change_new_update (tbl, other_id);
  crm_change_set_null (unmark, "merged_into");
  if (!crm_store_apply (store, unmark, error) ||
      !crm_store_restore (store, tbl, other_id, error))
    return FALSE;

  if (!undo_fields (store, tbl, kept_id, fields, error) ||
      !undo_moves (store, kept_id, moved, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (deleted); i++)
    {
      JsonNode *node = json_array_get_element (deleted, i);
      const char *id = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      const char *child_tbl = NULL;
      g_autoptr(GHashTable) row = NULL;

      if (id == NULL)
        return crm_merge_refuse (error, _("The merge’s record is damaged and cannot be undone"));
      if ((row = crm_merge_read_values (store, "phones", id, NULL)) != NULL)
        child_tbl = "phones";
      else if ((row = crm_merge_read_values (store, "emails", id, NULL)) != NULL)
        child_tbl = "emails";
      if (child_tbl != NULL && !crm_store_restore (store, child_tbl, id, error))
        return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      const char *id = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;

      if (id == NULL)
        return crm_merge_refuse (error, _("The merge’s record is damaged and cannot be undone"));
      if (!crm_merge_exec_bound (store,
                                 "UPDATE history SET entity_id = ?1 WHERE id = ?2 AND entity_id = ?3",
                                 other_id, id, kept_id, error))
        return FALSE;
    }

  if (!crm_store_add_history (store, entity, kept_id, "unmerge", NULL, other_id, merge_id, error) ||
      !crm_store_add_history (store, entity, other_id, "unmerge", NULL, kept_id, merge_id, error))
    return FALSE;

  done = crm_change_new_update ("merges", merge_id);
  crm_change_set_int (done, "undone_ms", crm_store_now_ms (store));
  return crm_store_apply (store, done, error);
}

/**
 * crm_merge_undo:
 * @store: a #CrmStore
 * @merge_id: what crm_merge() returned
 * @error: return location for a #GError
 *
 * Splits a merge back in one transaction: the other record returns with
 * its phones, e-mails, activities, tasks, history and links, duplicates
 * soft-deleted by the merge come back, and the kept record's fields get
 * their earlier values (unless someone changed them since). A merge is
 * undone once.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_merge_undo (CrmStore    *store,
                const char  *merge_id,
                GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (merge_id != NULL, FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!undo_in_transaction (store, merge_id, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  if (!crm_store_commit (store, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
