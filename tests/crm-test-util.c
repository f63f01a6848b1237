/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "crm-test-util.h"

#include "crm-change.h"

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

char *
crm_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("voronka-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    tmpdirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

char *
crm_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

void
crm_test_init (int *argc, char ***argv)
{
  setlocale (LC_ALL, "");
  /* Screenshots need the system's MIME database and icon theme, which
   * isolated directories hide from GIO and GTK before any fixture runs
   * (symbolic SVG icons then fail to load). */
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL || g_getenv ("VORONKA_CARD_SHOTS") != NULL)
    g_test_init (argc, argv, NULL);
  else
    g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

int
crm_test_run (void)
{
  int ret = g_test_run ();

  if (tmpdirs != NULL)
    {
      for (guint i = 0; i < tmpdirs->len; i++)
        remove_tree (g_ptr_array_index (tmpdirs, i));
      g_clear_pointer (&tmpdirs, g_ptr_array_unref);
    }
  return ret;
}

gint64
crm_test_query_int (CrmStore   *store,
                    const char *sql,
                    const char *param)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

char *
crm_test_query_text (CrmStore   *store,
                     const char *sql,
                     const char *param)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

void
crm_test_store_setup (CrmTestStore  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "voronka.db", NULL);
  f->clock = crm_clock_new_fixed (CRM_TEST_T0);
  f->store = crm_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

void
crm_test_store_teardown (CrmTestStore  *f,
                         gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

char *
crm_test_add (CrmStore   *store,
              const char *tbl,
              ...)
{
  g_autoptr(CrmChange) change = crm_change_new_create (tbl);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, tbl);
  while ((field = va_arg (args, const char *)) != NULL)
    crm_change_set_text (change, field, va_arg (args, const char *));
  va_end (args);

  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (change));
}
