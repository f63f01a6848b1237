/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-merge"

#include "config.h"

#include "crm-merge.h"
#include "crm-merge-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-uuid.h"

/* A merge keeps everything (DESIGN.md §2): the other record's phones,
 * e-mails, activities, tasks, history and links move onto the kept one,
 * every value that loses stays in history, and the other record is only
 * marked merged and soft-deleted. The merges row holds a snapshot of what
 * moved and what changed, so crm_merge_undo() can put it all back. */

/* Columns that are not the record's content: identity, bookkeeping,
 * derived keys. The ФИО parts follow full_name (see merge_fields ()). */
const char *const crm_merge_skipped_columns[] = {
  "rid", "id", "created_ms", "updated_ms", "_hlc", "_deleted", "_seq",
  "name_key", "sort_key", "company_key", "merged_into",
  "last_name", "first_name", "middle_name",
  NULL
};

const char *const crm_merge_name_parts[] = { "last_name", "first_name", "middle_name", NULL };

/* Rows of other tables that point at a merged record, per merged table. */
typedef struct
{
  const char *merged;  /* the table being merged */
  const char *tbl;     /* the pointing table */
  const char *column;  /* its pointing column */
  gboolean    owned;   /* entity_type/entity_id children */
} Link;

static const Link links[] = {
  { "leads", "clients", "lead_id", FALSE },
  { "leads", "contacts", "lead_id", FALSE },
  { "contacts", "leads", "contact_id", FALSE },
  { "clients", "contacts", "client_id", FALSE },
  { "clients", "leads", "client_id", FALSE },
};

static const char *const owned_tables[] = { "activities", "tasks", NULL };

gboolean
crm_merge_is_merge_table (const char *tbl)
{
  return g_strcmp0 (tbl, "leads") == 0 ||
         g_strcmp0 (tbl, "contacts") == 0 ||
         g_strcmp0 (tbl, "clients") == 0;
}

static gboolean
is_blank_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return crm_text_is_blank (json_node_get_string (node));
  return FALSE;
}

/* The text form history and comparisons use, %NULL for NULL. */
static char *
node_to_text (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "1" : "0");
  return g_strdup (json_node_get_string (node));
}

gboolean
crm_merge_nodes_equal (JsonNode *a,
                       JsonNode *b)
{
  g_autofree char *ta = node_to_text (a);
  g_autofree char *tb = node_to_text (b);

  return g_strcmp0 (ta, tb) == 0;
}

void
crm_merge_change_set_node (CrmChange  *change,
                           const char *field,
                           JsonNode   *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    {
      crm_change_set_null (change, field);
      return;
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    crm_change_set_int (change, field, json_node_get_int (node));
  else if (type == G_TYPE_BOOLEAN)
    crm_change_set_int (change, field, json_node_get_boolean (node));
  else
    {
      g_autofree char *text = node_to_text (node);
      crm_change_set_text (change, field, text);
    }
}

static JsonNode *
column_node (sqlite3_stmt *stmt,
             int           col)
{
  JsonNode *node = json_node_alloc ();

  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      json_node_init_null (node);
      break;
    case SQLITE_INTEGER:
      json_node_init_int (node, sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      json_node_init_double (node, sqlite3_column_double (stmt, col));
      break;
    default:
      json_node_init_string (node, (const char *) sqlite3_column_text (stmt, col));
      break;
    }
  return node;
}

/* A row as column → JsonNode, keeping SQLite's types. */
GHashTable *
crm_merge_read_values (CrmStore    *store,
                       const char  *tbl,
                       const char  *id,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE id = ?1", tbl);
  g_autoptr(GHashTable) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = crm_store_stmt (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("No record with id “%s”"), id);
      else
        crm_db_set_error (error, crm_store_get_db (store), "merge");
      sqlite3_reset (stmt);
      return NULL;
    }

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) json_node_unref);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_hash_table_insert (values, g_strdup (sqlite3_column_name (stmt, i)),
                         column_node (stmt, i));
  sqlite3_reset (stmt);
  return g_steal_pointer (&values);
}

const char *
crm_merge_values_text (GHashTable *values,
                       const char *column)
{
  JsonNode *node = g_hash_table_lookup (values, column);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
crm_merge_values_int (GHashTable *values,
                      const char *column)
{
  JsonNode *node = g_hash_table_lookup (values, column);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* Reads ids (column 0) of a query bound with one text parameter. Read
 * whole before anything is written, since writing reuses cached
 * statements. */
static GPtrArray *
query_ids (CrmStore    *store,
           const char  *sql,
           const char  *param1,
           const char  *param2,
           GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = crm_store_stmt (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);
  if (param2 != NULL)
    sqlite3_bind_text (stmt, 2, param2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "merge");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
crm_merge_exec_bound (CrmStore    *store,
                      const char  *sql,
                      const char  *param1,
                      const char  *param2,
                      const char  *param3,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = crm_store_stmt (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);
  if (param2 != NULL)
    sqlite3_bind_text (stmt, 2, param2, -1, SQLITE_TRANSIENT);
  if (param3 != NULL)
    sqlite3_bind_text (stmt, 3, param3, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      crm_db_set_error (error, crm_store_get_db (store), "merge");
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_merge_refuse (GError     **error,
                  const char  *message)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* Whether an id missing from @tbl is another kind of record, so the
 * message can say what is wrong. */
static gboolean
is_elsewhere (CrmStore   *store,
              const char *tbl,
              const char *id)
{
  static const char *const tables[] = { "leads", "contacts", "clients" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GHashTable) values = NULL;

      if (strcmp (tables[i], tbl) != 0 &&
          (values = crm_merge_read_values (store, tables[i], id, NULL)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GHashTable *
read_live (CrmStore    *store,
           const char  *tbl,
           const char  *id,
           GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(values = crm_merge_read_values (store, tbl, id, &local_error)))
    {
      if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND) &&
          is_elsewhere (store, tbl, id))
        {
          crm_merge_refuse (error, _("Only records of the same kind can be merged"));
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (crm_merge_values_int (values, "_deleted") != 0 ||
      crm_merge_values_text (values, "merged_into") != NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Record “%s” is deleted or already merged"), id);
      return NULL;
    }
  return g_steal_pointer (&values);
}

static void
add_node_member (JsonBuilder *builder,
                 const char  *name,
                 JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  if (node == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_value (builder, json_node_copy (node));
}

static void
add_text_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

/* Decides the kept record's final values and writes them. Every field
 * keeps its own value unless @choices says "other" for it; an empty field
 * is filled from the other record. The ФИО parts go with full_name so the
 * name stays whole. */
static gboolean
merge_fields (CrmStore     *store,
              const char   *tbl,
              const char   *keep_id,
              GHashTable   *keep,
              GHashTable   *other,
              GHashTable   *choices,
              JsonBuilder  *snapshot,
              GError      **error)
{
  const char *entity = crm_table_entity (tbl);
  g_autoptr(CrmChange) change = crm_change_new_update (tbl, keep_id);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GHashTable) final = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  if (choices != NULL)
    {
      gpointer value;

      g_hash_table_iter_init (&iter, choices);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (!g_hash_table_contains (keep, key) || g_strv_contains (crm_merge_skipped_columns, key))
            {
              if (g_strv_contains (crm_merge_name_parts, key))
                continue;
              g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("“%s” is not a field that can be merged"), (const char *) key);
              return FALSE;
            }
        }
    }

  g_hash_table_iter_init (&iter, keep);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (crm_merge_skipped_columns, key))
      g_ptr_array_add (fields, key);
  g_ptr_array_sort (fields, (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (snapshot, "fields");
  json_builder_begin_object (snapshot);

  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      JsonNode *keep_value = g_hash_table_lookup (keep, field);
      JsonNode *other_value = g_hash_table_lookup (other, field);
      const char *choice = choices != NULL ? g_hash_table_lookup (choices, field) : NULL;
      gboolean take_other;

      if (g_strcmp0 (choice, "other") == 0)
        take_other = TRUE;
      else
        take_other = is_blank_node (keep_value) && !is_blank_node (other_value);

      g_hash_table_insert (final, (gpointer) field, take_other ? other_value : keep_value);

      if (take_other && !crm_merge_nodes_equal (keep_value, other_value))
        {
          const char *const *group = strcmp (field, "full_name") == 0 ? crm_merge_name_parts : NULL;

          crm_merge_change_set_node (change, field, other_value);
          json_builder_set_member_name (snapshot, field);
          json_builder_begin_object (snapshot);
          add_node_member (snapshot, "old", keep_value);
          add_node_member (snapshot, "new", other_value);
          json_builder_end_object (snapshot);

          for (guint p = 0; group != NULL && group[p] != NULL; p++)
            {
              JsonNode *keep_part = g_hash_table_lookup (keep, group[p]);
              JsonNode *other_part = g_hash_table_lookup (other, group[p]);

              crm_merge_change_set_node (change, group[p], other_part);
              json_builder_set_member_name (snapshot, group[p]);
              json_builder_begin_object (snapshot);
              add_node_member (snapshot, "old", keep_part);
              add_node_member (snapshot, "new", other_part);
              json_builder_end_object (snapshot);
            }
        }
    }
  json_builder_end_object (snapshot);

  if (crm_change_get_n_fields (change) > 0 && !crm_store_apply (store, change, error))
    return FALSE;

  /* What the other record said and the kept one does not, stays in the
   * kept record's history. */
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      JsonNode *other_value = g_hash_table_lookup (other, field);
      JsonNode *final_value = g_hash_table_lookup (final, field);
      g_autofree char *other_text = NULL;
      g_autofree char *final_text = NULL;

      if (is_blank_node (other_value) || crm_merge_nodes_equal (other_value, final_value))
        continue;
      other_text = node_to_text (other_value);
      final_text = node_to_text (final_value);
      if (!crm_store_add_history (store, entity, keep_id, "merge", field,
                                  other_text, final_text, error))
        return FALSE;
    }
  return TRUE;
}

static void
snapshot_move (JsonBuilder *snapshot,
               const char  *tbl,
               const char  *id,
               const char  *column,
               const char  *old_value,
               gboolean     has_position,
               gint64       old_position)
{
  json_builder_begin_object (snapshot);
  add_text_member (snapshot, "tbl", tbl);
  add_text_member (snapshot, "id", id);
  add_text_member (snapshot, "column", column);
  add_text_member (snapshot, "old", old_value);
  if (has_position)
    {
      json_builder_set_member_name (snapshot, "position");
      json_builder_add_int_value (snapshot, old_position);
    }
  json_builder_end_object (snapshot);
}

/* Phones or e-mails: those the kept record already has (same e164 or
 * e-mail key) are soft-deleted, the rest move after the kept record's own. */
static gboolean
move_contacts_children (CrmStore     *store,
                        const char   *child_tbl,
                        const char   *entity,
                        const char   *keep_id,
                        const char   *other_id,
                        JsonBuilder  *moved,
                        GPtrArray    *deleted,
                        GError      **error)
{
  const char *key_column = strcmp (child_tbl, "phones") == 0 ? "e164" : "normalized";
  g_autofree char *keys_sql = NULL;
  g_autofree char *rows_sql = NULL;
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  gint64 next_position = 0;
  int rc;

  keys_sql = g_strdup_printf ("SELECT %s, position FROM %s WHERE entity_id = ?1 AND _deleted = 0",
                              key_column, child_tbl);
  if (!(stmt = crm_store_stmt (store, keys_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, keep_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_hash_table_add (have, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      next_position = MAX (next_position, sqlite3_column_int64 (stmt, 1) + 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_error;

  /* Every row, deleted or not, so nothing stays behind on the merged
   * record; only live ones count as duplicates. */
  rows_sql = g_strdup_printf ("SELECT id, %s, position, _deleted FROM %s"
                              " WHERE entity_id = ?1 AND entity_type = ?2"
                              " ORDER BY position, rid", key_column, child_tbl);
  if (!(stmt = crm_store_stmt (store, rows_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, other_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row[2] = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row[3] = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_error;

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      const char *id = row[0];
      const char *key = row[1];
      gint64 position = g_ascii_strtoll (row[2], NULL, 10);
      gboolean live = g_ascii_strtoll (row[3], NULL, 10) == 0;
      g_autoptr(CrmChange) change = NULL;

      if (live && key != NULL && g_hash_table_contains (have, key))
        {
          if (!crm_store_delete (store, child_tbl, id, error))
            return FALSE;
          g_ptr_array_add (deleted, g_strdup (id));
          continue;
        }
      if (live && key != NULL)
        g_hash_table_add (have, g_strdup (key));

      change = crm_change_new_update (child_tbl, id);
      /* The owner's type goes along so the store reindexes the new owner. */
      crm_change_set_text (change, "entity_type", entity);
      crm_change_set_text (change, "entity_id", keep_id);
      crm_change_set_int (change, "position", next_position++);
      if (!crm_store_apply (store, change, error))
        return FALSE;
      snapshot_move (moved, child_tbl, id, "entity_id", other_id, TRUE, position);
    }
  return TRUE;

sql_error:
  crm_db_set_error (error, crm_store_get_db (store), "merge");
  return FALSE;
}

static gboolean
move_column (CrmStore     *store,
             const char   *tbl,
             const char   *column,
             const char   *entity,
             const char   *keep_id,
             const char   *other_id,
             JsonBuilder  *moved,
             GError      **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  if (entity != NULL)
    sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE %s = ?1 AND entity_type = ?2",
                           tbl, column);
  else
    sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE %s = ?1", tbl, column);
  if (!(ids = query_ids (store, sql, other_id, entity, error)))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(CrmChange) change = crm_change_new_update (tbl, id);

      crm_change_set_text (change, column, keep_id);
      if (!crm_store_apply (store, change, error))
        return FALSE;
      snapshot_move (moved, tbl, id, column, other_id, FALSE, 0);
    }
  return TRUE;
}

static char *
builder_to_text (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_id_array (JsonBuilder *builder,
              const char  *name,
              GPtrArray   *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (ids, i));
  json_builder_end_array (builder);
}

static char *
merge_in_transaction (CrmStore     *store,
                      const char   *tbl,
                      const char   *keep_id,
                      const char   *other_id,
                      GHashTable   *choices,
                      GError      **error)
{
  const char *entity = crm_table_entity (tbl);
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GHashTable) other = NULL;
  g_autoptr(JsonBuilder) snapshot = json_builder_new ();
  g_autoptr(JsonBuilder) moved = json_builder_new ();
  g_autoptr(JsonNode) moved_root = NULL;
  g_autoptr(GPtrArray) history_ids = NULL;
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmChange) mark = NULL;
  g_autoptr(CrmChange) row = NULL;
  g_autofree char *snapshot_text = NULL;
  char merge_id[37];

  if (!(keep = read_live (store, tbl, keep_id, error)) ||
      !(other = read_live (store, tbl, other_id, error)))
    return NULL;

  crm_uuid7_fill (crm_store_now_ms (store), merge_id);

  json_builder_begin_object (snapshot);
  json_builder_set_member_name (snapshot, "version");
  json_builder_add_int_value (snapshot, SNAPSHOT_VERSION);
  add_text_member (snapshot, "tbl", tbl);
  add_text_member (snapshot, "kept_id", keep_id);
  add_text_member (snapshot, "other_id", other_id);

  /* History first: the rows written below about the other record (its
   * deletion, its duplicate phones) belong to it and stay with it. The
   * audit trail is append-only, so it moves directly. */
  if (!(history_ids = query_ids (store,
                                 "SELECT id FROM history WHERE entity_id = ?1 AND entity_type = ?2"
                                 " ORDER BY rid",
                                 other_id, entity, error)) ||
      !crm_merge_exec_bound (store,
                             "UPDATE history SET entity_id = ?1 WHERE entity_id = ?2 AND entity_type = ?3",
                             keep_id, other_id, entity, error))
    return NULL;

  json_builder_begin_array (moved);
  if (!move_contacts_children (store, "phones", entity, keep_id, other_id, moved, deleted, error) ||
      !move_contacts_children (store, "emails", entity, keep_id, other_id, moved, deleted, error))
    return NULL;
  for (guint i = 0; owned_tables[i] != NULL; i++)
    if (!move_column (store, owned_tables[i], "entity_id", entity, keep_id, other_id, moved, error))
      return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    if (strcmp (links[i].merged, tbl) == 0 &&
        !move_column (store, links[i].tbl, links[i].column, NULL, keep_id, other_id, moved, error))
      return NULL;
  json_builder_end_array (moved);
  moved_root = json_builder_get_root (moved);

  json_builder_set_member_name (snapshot, "moved");
  json_builder_add_value (snapshot, g_steal_pointer (&moved_root));
  add_id_array (snapshot, "deleted", deleted);
  add_id_array (snapshot, "history", history_ids);

  if (!merge_fields (store, tbl, keep_id, keep, other, choices, snapshot, error))
    return NULL;
  json_builder_end_object (snapshot);
  snapshot_text = builder_to_text (snapshot);

  mark = crm_change_new_update (tbl, other_id);
  crm_change_set_text (mark, "merged_into", keep_id);
  if (!crm_store_apply (store, mark, error) ||
      !crm_store_delete (store, tbl, other_id, error) ||
      !crm_store_add_history (store, entity, keep_id, "merge", NULL, other_id, merge_id, error))
    return NULL;

  row = crm_change_new_create ("merges");
  crm_change_set_id (row, merge_id);
  crm_change_set_text (row, "entity_type", entity);
  crm_change_set_text (row, "kept_id", keep_id);
  crm_change_set_text (row, "other_id", other_id);
  crm_change_set_text (row, "snapshot", snapshot_text);
  crm_change_set_text (row, "user_id", crm_store_get_user_id (store));
  crm_change_set_int (row, "at_ms", crm_store_now_ms (store));
  if (!crm_store_apply (store, row, error))
    return NULL;

  return g_strdup (merge_id);
}

/**
 * crm_merge:
 * @store: a #CrmStore
 * @tbl: "leads", "contacts" or "clients"
 * @keep_id: the record that stays
 * @other_id: the record merged into it
 * @choices: (nullable) (element-type utf8 utf8): field → "other" to take the
 *   other record's value of that field; every other field keeps the kept
 *   record's value, empty ones filled from the other record
 * @error: return location for a #GError
 *
 * Merges two records of the same kind in one transaction: phones and
 * e-mails (those the kept record already has are soft-deleted), activities,
 * tasks, history and linked records move to @keep_id; the values that lose
 * are written to its history (op "merge"); @other_id is marked merged into
 * @keep_id and soft-deleted. crm_merge_undo() reverses it.
 *
 * Returns: (transfer full): the merge's id, or %NULL with @error set
 */
char *
crm_merge (CrmStore    *store,
           const char  *tbl,
           const char  *keep_id,
           const char  *other_id,
           GHashTable  *choices,
           GError     **error)
{
  char *merge_id;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (tbl != NULL && keep_id != NULL && other_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!crm_merge_is_merge_table (tbl))
    {
      crm_merge_refuse (error, _("Only leads, contacts and clients can be merged"));
      return NULL;
    }
  if (strcmp (keep_id, other_id) == 0)
    {
      crm_merge_refuse (error, _("A record cannot be merged with itself"));
      return NULL;
    }

  if (!crm_store_begin (store, error))
    return NULL;
  if (!(merge_id = merge_in_transaction (store, tbl, keep_id, other_id, choices, error)))
    {
      crm_store_rollback (store);
      return NULL;
    }
  if (!crm_store_commit (store, error))
    {
      crm_store_rollback (store);
      g_free (merge_id);
      return NULL;
    }
  return merge_id;
}
