/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* kill -9 the real voronka-cli in the middle of a large import: the file
 * must pass integrity_check and hold all of the import or none of it. */

/* Large enough that every kill lands mid-import, even on a fast machine. */
#define N_ROWS 60000
/* The import left alone only has to finish: under the sanitizers a
 * smaller file says the same in a fraction of the time. */
#define N_ROWS_COMPLETE 4000

static char *
write_csv (const char *dir,
           const char *name,
           guint       n_rows)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) csv = g_string_new ("ФИО;Телефон;E-mail;Компания\n");
  static const char *last[] = { "Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов" };
  static const char *first[] = { "Иван", "Пётр", "Сергей", "Алексей", "Дмитрий" };

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%s %s %u;8 (9%02u) %03u-%02u-%02u;user%u@example.ru;Компания %u\n",
                            last[i % G_N_ELEMENTS (last)], first[i % G_N_ELEMENTS (first)], i,
                            10 + i % 90, (i / 10000) % 1000, (i / 100) % 100, i % 100, i, i % 977);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return g_steal_pointer (&path);
}

static GPid
spawn_import (const char *db,
              const char *csv)
{
  const char *cli = g_getenv ("VORONKA_CLI");
  const char *argv[] = { cli, "--db", db, "import", "csv", csv, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_nonnull (cli);
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

static void
check_all_or_nothing (const char *db,
                      guint       n_rows,
                      gboolean   *saw_none,
                      gboolean   *saw_all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (db, NULL, &error);
  g_auto(GStrv) problems = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 leads, phones;

  g_assert_no_error (error);
  g_assert_true (crm_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_strv_length (problems), ==, 0);

  sqlite3_prepare_v2 (crm_store_get_db (store),
                      "SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM phones)",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  leads = sqlite3_column_int64 (stmt, 0);
  phones = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);

  g_test_message ("after kill: %" G_GINT64_FORMAT " leads", leads);
  g_assert_true (leads == 0 || leads == n_rows);
  g_assert_cmpint (phones, ==, leads);
  if (leads == 0)
    *saw_none = TRUE;
  else
    *saw_all = TRUE;
}

static void
test_kill_during_import (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *csv = write_csv (dir, "big.csv", N_ROWS);
  g_autofree char *small = write_csv (dir, "small.csv", N_ROWS_COMPLETE);
  gboolean saw_none = FALSE;
  gboolean saw_all = FALSE;
  /* Kill at several points: while parsing, while writing, while indexing. */
  const guint delays_ms[] = { 50, 400, 1200, 2500 };

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autofree char *db = g_strdup_printf ("%s/crash-%u.db", dir, i);
      g_autofree char *init_db = NULL;
      GPid pid;
      int status = 0;

      /* The workspace exists before the import starts, as in real life. */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CrmStore) store = crm_store_open (db, NULL, &error);
        g_assert_no_error (error);
      }

      pid = spawn_import (db, csv);
      g_usleep (delays_ms[i] * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      g_test_message ("killed after %u ms (exited normally: %d), WAL %" G_GINT64_FORMAT " bytes",
                      delays_ms[i], WIFEXITED (status),
                      file_size (init_db = g_strdup_printf ("%s-wal", db)));
      check_all_or_nothing (db, N_ROWS, &saw_none, &saw_all);
    }

  /* The interesting case must have happened at least once. */
  g_assert_true (saw_none);

  /* And an import left alone completes. */
  {
    g_autofree char *db = g_strdup_printf ("%s/complete.db", dir);
    GPid pid = spawn_import (db, small);
    int status = 0;

    waitpid (pid, &status, 0);
    g_spawn_close_pid (pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    saw_all = FALSE;
    check_all_or_nothing (db, N_ROWS_COMPLETE, &saw_none, &saw_all);
    g_assert_true (saw_all);
  }
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/crash/kill-9-during-import", test_kill_during_import);
  return crm_test_run ();
}
