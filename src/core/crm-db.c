/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "crm-db.h"
#include "crm-core-resources.h"

typedef struct
{
  int         version;
  const char *resource;
} Migration;

static const Migration migrations[] = {
  { 1, "/io/github/voronka/core/migrations/0001-initial.sql" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CRM_DB_SCHEMA_VERSION);

void
crm_db_set_error (GError    **error,
                  sqlite3    *db,
                  const char *what)
{
  int code = db != NULL ? sqlite3_extended_errcode (db) : SQLITE_ERROR;
  int primary = code & 0xff;

  g_set_error (error, CRM_STORE_ERROR,
               primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
               ? CRM_STORE_ERROR_CORRUPT : CRM_STORE_ERROR_SQLITE,
               /* Translators: "Could not open the database: disk I/O error" */
               _("%s: %s"), what, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code));
}

gboolean
crm_db_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQLITE,
                   _("Database error: %s"), msg != NULL ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
crm_db_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_SQLITE,
                   _("Database error: %s"), sqlite3_errmsg (db));
      g_debug ("failed SQL: %s", sql);
      return NULL;
    }
  return stmt;
}

int
crm_db_user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

/**
 * crm_db_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/voronka/voronka.db`
 */
char *
crm_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "voronka", "voronka.db", NULL);
}

/* VORONKA_SQL_PROFILE=1: total time per statement, printed to stderr when
 * the connection closes. For finding where an import or a query spends
 * its time; costs nothing when unset. */
typedef struct
{
  char   *sql;
  guint64 ns;
  guint64 calls;
} SqlCost;

static GHashTable *sql_costs;
G_LOCK_DEFINE_STATIC (sql_costs);

static int
profile_cb (unsigned  type,
            void     *ctx,
            void     *p,
            void     *x)
{
  sqlite3_stmt *stmt = p;
  const char *sql = sqlite3_sql (stmt);
  SqlCost *cost;

  if (sql == NULL)
    return 0;
  G_LOCK (sql_costs);
  if (sql_costs == NULL)
    sql_costs = g_hash_table_new (g_str_hash, g_str_equal);
  if (!(cost = g_hash_table_lookup (sql_costs, sql)))
    {
      cost = g_new0 (SqlCost, 1);
      cost->sql = g_strdup (sql);
      g_hash_table_insert (sql_costs, cost->sql, cost);
    }
  cost->ns += *(sqlite3_int64 *) x;
  cost->calls++;
  G_UNLOCK (sql_costs);
  return 0;
}

static int
cost_cmp (gconstpointer a,
          gconstpointer b)
{
  const SqlCost *ca = *(SqlCost *const *) a;
  const SqlCost *cb = *(SqlCost *const *) b;

  return ca->ns < cb->ns ? 1 : ca->ns > cb->ns ? -1 : 0;
}

static void
profile_dump (void)
{
  g_autoptr(GPtrArray) all = NULL;

  G_LOCK (sql_costs);
  if (sql_costs == NULL)
    {
      G_UNLOCK (sql_costs);
      return;
    }
  {
    GHashTableIter iter;
    gpointer value;

    all = g_ptr_array_new ();
    g_hash_table_iter_init (&iter, sql_costs);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (all, value);
  }
  g_ptr_array_sort (all, cost_cmp);
  for (guint i = 0; i < all->len && i < 25; i++)
    {
      SqlCost *c = g_ptr_array_index (all, i);

      g_printerr ("%9.1f ms %8" G_GUINT64_FORMAT "× %.150s\n",
                  c->ns / 1e6, c->calls, c->sql);
    }
  G_UNLOCK (sql_costs);
}

/**
 * crm_db_open:
 * @path: the database file; created (with its folder) if missing
 *
 * Opens the file with the settings every connection needs: WAL (readers never
 * block the writer), synchronous=NORMAL set explicitly (Debian's libsqlite3
 * defaults WAL to FULL, 20× slower commits; NORMAL in WAL never corrupts, a
 * power cut can only lose the last commits), foreign keys, a busy timeout.
 * Does not migrate: see crm_db_migrate().
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
sqlite3 *
crm_db_open (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (errsv));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      crm_db_set_error (error, db, _("Could not open the database"));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  if (g_getenv ("VORONKA_SQL_PROFILE") != NULL)
    sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, profile_cb, NULL);

  if (!crm_db_exec (db,
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA temp_store=MEMORY;"
                    "PRAGMA cache_size=-32768;"
                    "PRAGMA mmap_size=268435456;",
                    error))
    {
      /* A file that is not a database fails here, not at open. */
      g_autoptr(GError) inner = g_steal_pointer (error);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Voronka database or is damaged: %s"),
                   path, inner->message);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

void
crm_db_close (sqlite3 *db)
{
  if (db == NULL)
    return;
  profile_dump ();
  /* Fold the WAL back so the file is whole if copied with the app closed. */
  sqlite3_exec (db, "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
}

/**
 * crm_db_backup_to:
 * @db: an open connection
 * @dest_path: where to write the copy (replaced if present)
 *
 * A consistent copy of the live database through SQLite's online backup API,
 * safe while other connections write.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_db_backup_to (sqlite3     *db,
                  const char  *dest_path,
                  GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      crm_db_set_error (error, dest, _("Could not create the backup file"));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", db, "main");
  if (backup == NULL)
    {
      crm_db_set_error (error, dest, _("Could not start the backup"));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 4096);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (10);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, dest, _("The backup failed"));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }

  /* The copy is a plain rollback-journal file: one file, easy to move. */
  sqlite3_exec (dest, "PRAGMA journal_mode=DELETE;", NULL, NULL, NULL);
  sqlite3_close (dest);

  if (g_rename (tmp, dest_path) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write the backup to “%s”: %s"), dest_path, g_strerror (errsv));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_db_check:
 * @db: an open connection
 * @quick: quick_check instead of the full integrity_check
 * @problems: (out) (optional): what SQLite reported, if anything
 *
 * Runs SQLite's integrity check and a foreign-key check.
 *
 * Returns: %TRUE if the check ran (@problems is empty when all is well)
 */
gboolean
crm_db_check (sqlite3     *db,
              gboolean     quick,
              GStrv       *problems,
              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;
  int rc;

  stmt = crm_db_prepare (db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_strv_builder_add (builder, line);
    }
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, db, _("The integrity check failed"));
      return FALSE;
    }

  fk = crm_db_prepare (db, "PRAGMA foreign_key_check", error);
  if (fk == NULL)
    return FALSE;
  while (sqlite3_step (fk) == SQLITE_ROW)
    {
      g_autofree char *problem = g_strdup_printf (_("Broken link in table %s, row %lld"),
                                                  (const char *) sqlite3_column_text (fk, 0),
                                                  (long long) sqlite3_column_int64 (fk, 1));
      g_strv_builder_add (builder, problem);
    }

  if (problems != NULL)
    *problems = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
apply_migration (sqlite3          *db,
                 const Migration  *m,
                 GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *set_version = NULL;
  gsize len;

  /* Referencing the resource links its object file (and the constructor
   * that registers it) out of the static library. */
  g_return_val_if_fail (crm_core_get_resource () != NULL, FALSE);
  bytes = g_resources_lookup_data (m->resource, 0, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  if (!crm_db_exec (db, sql, error))
    return FALSE;
  set_version = g_strdup_printf ("PRAGMA user_version=%d", m->version);
  return crm_db_exec (db, set_version, error);
}

/**
 * crm_db_migrate:
 * @db: an open connection
 * @path: the database file, to name the automatic backup
 *
 * Brings the schema to %CRM_DB_SCHEMA_VERSION in one transaction: either every
 * pending migration applies or none does. A file that already holds data is
 * first copied with the online backup API to `PATH.vN.bak`.
 *
 * Returns: %TRUE on success
 */
static gboolean
has_tables (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean any = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema LIMIT 1", -1, &stmt, NULL) == SQLITE_OK)
    any = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return any;
}

gboolean
crm_db_migrate (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  int version = crm_db_user_version (db);

  if (version < 0)
    {
      crm_db_set_error (error, db, _("Could not read the database version"));
      return FALSE;
    }
  if (version > CRM_DB_SCHEMA_VERSION)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_VERSION,
                   _("The database was made by a newer Voronka (schema %d, this version knows %d). Update Voronka to open it."),
                   version, CRM_DB_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == CRM_DB_SCHEMA_VERSION)
    return TRUE;

  /* Anything already in the file (a older schema, or tables someone put in
   * a v0 file) is copied aside before the migration touches it. */
  if ((version > 0 || has_tables (db)) && path != NULL && g_strcmp0 (path, ":memory:") != 0)
    {
      g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, version);
      if (!crm_db_backup_to (db, backup, error))
        return FALSE;
    }

  if (!crm_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Someone else may have migrated while we waited for the lock. */
  version = crm_db_user_version (db);
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= version)
        continue;
      if (!apply_migration (db, &migrations[i], error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  if (!crm_db_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
