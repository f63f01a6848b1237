/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store.h"
#include "crm-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-phone.h"
#include "crm-record.h"
#include "crm-search.h"
#include "crm-text.h"
#include "crm-uuid.h"
#include "crm-validate.h"
#include "crm-workspace.h"

struct _CrmStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  CrmClock    *clock;
  char        *device_id;
  char        *user_id;
  char        *region;
  CrmHlcState  hlc;
  CrmHlc       hlc_saved;

  GHashTable  *stmts;    /* SQL → sqlite3_stmt */
  GHashTable  *columns;  /* table → GHashTable set of column names */

  guint        depth;
  gboolean     defer_index;
  gboolean     bulk;
  char        *batch_id;
};

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

/* Columns a change may never write: identity, bookkeeping and derived keys. */

static const struct {
  const char *entity;
  const char *tbl;
} entity_tables[] = {
  { "lead", "leads" },
  { "contact", "contacts" },
  { "client", "clients" },
  { "activity", "activities" },
  { "task", "tasks" },
  { "phone", "phones" },
  { "email", "emails" },
  { "user", "users" },
  { "channel", "channels" },
  { "stage", "stages" },
  { "pipeline", "pipelines" },
};

const char *
crm_entity_table (const char *entity_type)
{
  g_return_val_if_fail (entity_type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entity_tables); i++)
    if (strcmp (entity_tables[i].entity, entity_type) == 0)
      return entity_tables[i].tbl;
  return NULL;
}

const char *
crm_table_entity (const char *tbl)
{
  g_return_val_if_fail (tbl != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entity_tables); i++)
    if (strcmp (entity_tables[i].tbl, tbl) == 0)
      return entity_tables[i].entity;
  return NULL;
}



static GHashTable *
load_columns (CrmStore   *self,
              const char *tbl)
{
  GHashTable *set = g_hash_table_lookup (self->columns, tbl);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  if (set != NULL)
    return set;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", tbl);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  g_hash_table_insert (self->columns, g_strdup (tbl), set);
  return set;
}

static gboolean
ensure_device (CrmStore  *self,
               GError   **error)
{
  g_autofree char *device = crm_store_get_local (self, "device_id");
  g_autofree char *hlc = crm_store_get_local (self, "hlc");

  if (device == NULL || !crm_uuid_is_valid (device))
    {
      g_clear_pointer (&device, g_free);
      device = crm_uuid7_new (crm_store_now_ms (self));
      if (!crm_store_set_local (self, "device_id", device, error))
        return FALSE;
    }
  self->device_id = g_steal_pointer (&device);

  if (hlc != NULL)
    crm_hlc_parse (hlc, &self->hlc.last);
  self->hlc_saved = self->hlc.last;

  self->user_id = crm_store_get_local (self, "user_id");
  return TRUE;
}

static gboolean
exec_simple (CrmStore    *self,
             const char  *sql,
             GError     **error)
{
  return crm_db_exec (self->db, sql, error);
}

/* Savepoints are taken for every row of an import: keep them prepared. */
static gboolean
exec_cached (CrmStore    *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = crm_store_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, self->db, sql);
      return FALSE;
    }
  return TRUE;
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = (CrmStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (self->depth > 0)
        exec_simple (self, "ROLLBACK", NULL);
      crm_db_close (self->db);
      self->db = NULL;
    }
  g_clear_object (&self->clock);
  g_free (self->path);
  g_free (self->device_id);
  g_free (self->user_id);
  g_free (self->region);
  g_free (self->batch_id);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_store_finalize;
}

static void
crm_store_init (CrmStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sqlite3_finalize);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
}

/**
 * crm_store_open:
 * @path: the database file; created with its directory when missing
 * @clock: (nullable): the clock to use, %NULL for the system clock
 * @error: return location for a #GError
 *
 * Opens a workspace: applies pending migrations (after an online backup of
 * the file), and seeds a new workspace with the default user, pipeline,
 * channels and settings.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CrmStore *
crm_store_open (const char  *path,
                CrmClock    *clock,
                GError     **error)
{
  g_autoptr(CrmStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (clock == NULL || CRM_IS_CLOCK (clock), NULL);

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = clock != NULL ? g_object_ref (clock) : crm_clock_new ();

  if (!(self->db = crm_db_open (path, error)))
    return NULL;
  crm_search_register_functions (self->db);
  if (!crm_db_migrate (self->db, path, error))
    return NULL;
  if (!ensure_device (self, error))
    return NULL;
  if (!crm_workspace_seed (self, error))
    return NULL;

  {
    g_autofree char *region = crm_store_get_setting (self, "region");
    crm_store_set_region_cached (self, region);
  }

  if (self->user_id == NULL)
    self->user_id = crm_workspace_default_user_id (self);

  return g_steal_pointer (&self);
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->path;
}

CrmClock *
crm_store_get_clock (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->clock;
}

gint64
crm_store_now_ms (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return crm_clock_get_now_ms (self->clock);
}

const char *
crm_store_get_device_id (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->device_id;
}

const char *
crm_store_get_user_id (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->user_id;
}

void
crm_store_set_user_id (CrmStore   *self,
                       const char *user_id)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;
  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  crm_store_set_local (self, "user_id", user_id, NULL);
}

const char *
crm_store_get_region (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->region;
}

void
crm_store_set_region_cached (CrmStore   *self,
                             const char *region)
{
  g_free (self->region);
  self->region = g_strdup (region != NULL ? region : "RU");
}

sqlite3 *
crm_store_get_db (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->db;
}

/**
 * crm_store_stmt:
 * @self: a #CrmStore
 * @sql: a statement
 * @error: return location for a #GError
 *
 * Returns a cached prepared statement for @sql, reset and with its bindings
 * cleared. The store owns it.
 *
 * Returns: (transfer none): the statement, or %NULL with @error set
 */
sqlite3_stmt *
crm_store_stmt (CrmStore    *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (!(stmt = crm_db_prepare (self->db, sql, error)))
    return NULL;

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

/**
 * crm_store_query_text:
 * @self: a #CrmStore
 * @sql: a query, kept prepared like crm_store_stmt()'s
 * @arg: (nullable): bound to ?1 when not %NULL
 *
 * For the one-value lookups of the core: a name, an id, a setting.
 *
 * Returns: (transfer full) (nullable): the first column of the first row,
 *   %NULL when there is none, it is NULL, or the query fails
 */
char *
crm_store_query_text (CrmStore   *self,
                      const char *sql,
                      const char *arg)
{
  sqlite3_stmt *stmt = crm_store_stmt (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints, so a failing step inside a bigger operation can be undone
 * alone while the whole stays atomic. */
gboolean
crm_store_begin (CrmStore  *self,
                 GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT s%u", self->depth);

  if (!exec_cached (self, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

static gboolean
save_hlc (CrmStore  *self,
          GError   **error)
{
  char text[18];

  if (self->hlc.last == self->hlc_saved)
    return TRUE;
  crm_hlc_format (self->hlc.last, text);
  if (!crm_store_set_local (self, "hlc", text, error))
    return FALSE;
  self->hlc_saved = self->hlc.last;
  return TRUE;
}

gboolean
crm_store_commit (CrmStore  *self,
                  GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    {
      if (!save_hlc (self, error))
        return FALSE;
      sql = g_strdup ("COMMIT");
    }
  else
    sql = g_strdup_printf ("RELEASE s%u", self->depth - 1);

  if (!exec_cached (self, sql, error))
    return FALSE;

  self->depth--;
  return TRUE;
}

void
crm_store_rollback (CrmStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      exec_simple (self, "ROLLBACK", NULL);
      /* Clocks handed out in the rolled back transaction are never seen
       * by anyone, but the high-water mark stays where it was persisted. */
    }
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO s%u", self->depth - 1);
      exec_cached (self, sql, NULL);
      g_free (sql);
      sql = g_strdup_printf ("RELEASE s%u", self->depth - 1);
      exec_cached (self, sql, NULL);
    }
  self->depth--;
}

guint
crm_store_get_depth (CrmStore *self)
{
  return self->depth;
}

CrmHlc
crm_store_tick (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return crm_hlc_tick (&self->hlc, crm_store_now_ms (self));
}

void
crm_store_set_defer_index (CrmStore *self,
                           gboolean  defer)
{
  g_return_if_fail (CRM_IS_STORE (self));
  self->defer_index = !!defer;
}

gboolean
crm_store_get_bulk (CrmStore *self)
{
  return self->bulk;
}

const char *
crm_store_get_history_batch (CrmStore *self)
{
  return self->batch_id;
}

gboolean
crm_store_get_defer_index (CrmStore *self)
{
  return self->defer_index;
}

void
crm_store_set_bulk (CrmStore *self,
                    gboolean  bulk)
{
  g_return_if_fail (CRM_IS_STORE (self));
  self->bulk = !!bulk;
}

void
crm_store_set_history_batch (CrmStore   *self,
                             const char *batch_id)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_free (self->batch_id);
  self->batch_id = g_strdup (batch_id);
}

gboolean
crm_store_has_table (CrmStore   *self,
                     const char *tbl)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return g_hash_table_size (load_columns (self, tbl)) > 0;
}

gboolean
crm_store_has_column (CrmStore   *self,
                      const char *tbl,
                      const char *column)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return g_hash_table_contains (load_columns (self, tbl), column);
}

void
crm_store_bind_text (sqlite3_stmt *stmt,
                   int           pos,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, pos);
}

gboolean
crm_store_step_done (CrmStore      *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      crm_db_set_error (error, self->db, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static CrmRecord *
get_where (CrmStore    *self,
           const char  *tbl,
           const char  *where,
           const char  *text,
           gint64       num,
           GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  CrmRecord *record;
  int rc;

  if (!crm_store_has_table (self, tbl))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown table “%s”", tbl);
      return NULL;
    }

  sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE %s", tbl, where);
  if (!(stmt = crm_store_stmt (self, sql, error)))
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, num);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("No record with id “%s”"), text != NULL ? text : "");
      else
        crm_db_set_error (error, self->db, "read");
      sqlite3_reset (stmt);
      return NULL;
    }

  record = crm_record_new_from_stmt (tbl, stmt);
  sqlite3_reset (stmt);
  return record;
}

/**
 * crm_store_get:
 * @self: a #CrmStore
 * @tbl: the table ("leads", "contacts", …)
 * @id: the row id
 * @error: return location for a #GError
 *
 * Reads one row, deleted or not, as a #CrmRecord of the table's type
 * (#CrmLead for leads, …).
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
CrmRecord *
crm_store_get (CrmStore    *self,
               const char  *tbl,
               const char  *id,
               GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (tbl != NULL && id != NULL, NULL);

  return get_where (self, tbl, "id = ?1", id, 0, error);
}

CrmRecord *
crm_store_get_by_rid (CrmStore    *self,
                      const char  *tbl,
                      gint64       rid,
                      GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (tbl != NULL, NULL);

  return get_where (self, tbl, "rid = ?1", NULL, rid, error);
}

/**
 * crm_store_resolve_id:
 * @self: a #CrmStore
 * @tbl: the table
 * @id_or_prefix: a whole id or its unambiguous beginning (at least 4 characters)
 * @error: return location for a #GError
 *
 * Lets people type a short id in the CLI, like git does with commits.
 *
 * Returns: (transfer full): the whole id, or %NULL with @error set
 */
char *
crm_store_resolve_id (CrmStore    *self,
                      const char  *tbl,
                      const char  *id_or_prefix,
                      GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt;
  gsize len;
  guint n = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  len = strlen (id_or_prefix);
  if (len < 4 || !crm_store_has_table (self, tbl))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No record with id “%s”"), id_or_prefix);
      return NULL;
    }

  /* Ids are lowercase hex; a range scan on the unique index is exact for
   * a prefix. */
  upper = g_strdup_printf ("%s\xef\xbf\xbf", id_or_prefix);
  sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE id >= ?1 AND id < ?2 LIMIT 2", tbl);
  if (!(stmt = crm_store_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id_or_prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++ == 0)
        found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);

  if (n == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No record with id “%s”"), id_or_prefix);
      return NULL;
    }
  if (n > 1)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("Id “%s” is ambiguous: give more characters"), id_or_prefix);
      return NULL;
    }
  return g_steal_pointer (&found);
}

static char *
get_value (CrmStore   *self,
           const char *sql,
           const char *key)
{
  sqlite3_stmt *stmt = crm_store_stmt (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/**
 * crm_store_get_setting:
 * @self: a #CrmStore
 * @key: a workspace setting ("region", "currency", "timezone", …)
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
crm_store_get_setting (CrmStore   *self,
                       const char *key)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return get_value (self, "SELECT value FROM settings WHERE id = ?1 AND _deleted = 0", key);
}

/**
 * crm_store_set_setting:
 * @self: a #CrmStore
 * @key: the setting
 * @value: (nullable): the new value
 * @error: return location for a #GError
 *
 * Settings are rows keyed by name, written through the same path as every
 * other edit, so they sync and keep their history.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_set_setting (CrmStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *exists = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  exists = get_value (self, "SELECT id FROM settings WHERE id = ?1", key);
  if (exists != NULL)
    change = crm_change_new_update ("settings", key);
  else
    {
      change = crm_change_new_create ("settings");
      crm_change_set_id (change, key);
    }
  crm_change_set_text (change, "value", value);
  if (!crm_store_apply (self, change, error))
    return FALSE;

  if (strcmp (key, "region") == 0)
    crm_store_set_region_cached (self, value);
  return TRUE;
}

char *
crm_store_get_local (CrmStore   *self,
                     const char *key)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return get_value (self, "SELECT value FROM local WHERE key = ?1", key);
}

gboolean
crm_store_set_local (CrmStore    *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = crm_store_stmt (self,
                         "INSERT INTO local (key, value) VALUES (?1, ?2)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  crm_store_bind_text (stmt, 2, value);
  return crm_store_step_done (self, stmt, "local", error);
}

/**
 * crm_store_backup:
 * @self: a #CrmStore
 * @dest_path: where to write the copy
 * @error: return location for a #GError
 *
 * An online backup (SQLite backup API) of the open workspace; other writers
 * keep working. The copy appears under its name only once complete.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_backup (CrmStore    *self,
                  const char  *dest_path,
                  GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return crm_db_backup_to (self->db, dest_path, error);
}

/**
 * crm_store_check:
 * @self: a #CrmStore
 * @problems: (out) (transfer full): what integrity_check and
 *   foreign_key_check found, empty when the file is sound
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the check ran (look at @problems for the verdict)
 */
gboolean
crm_store_check (CrmStore    *self,
                 GStrv       *problems,
                 GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return crm_db_check (self->db, FALSE, problems, error);
}
