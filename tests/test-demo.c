/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* 2026-03-01 00:00 UTC: a fixed "now" so the demo's dates are stable. */
#define NOW_MS 1772323200000

static CrmStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (NOW_MS);
  CrmStore *store = crm_store_open (path, clock, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count (CrmStore   *store,
       const char *sql)
{
  return crm_test_query_int (store, sql, NULL);
}

static void
test_populate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_store (dir, "demo.db");
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GArray) hits = NULL;
  sqlite3_stmt *stmt;
  guint n_clients = 0;

  g_assert_true (crm_demo_populate (store, 400, 7, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (store, "SELECT count(*) FROM leads WHERE _deleted = 0"), ==, 400);
  /* Every stage of the funnel has leads, and every temperature shows up. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM stages s WHERE NOT EXISTS"
                                 " (SELECT 1 FROM leads l WHERE l.stage_id = s.id)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT temperature) FROM leads"), ==, 3);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT channel_id) FROM leads"), >=, 8);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT owner_id) FROM leads"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM leads WHERE value > 0"), >, 200);
  g_assert_cmpint (count (store, "SELECT count(*) FROM leads WHERE bant_budget IS NOT NULL"), >, 200);
  g_assert_cmpint (count (store, "SELECT count(*) FROM leads l JOIN stages s ON s.id = l.stage_id"
                                 " WHERE s.kind = 'lost' AND l.lost_reason IS NULL"), ==, 0);

  /* Phones in mixed formats, all normalized to one E.164 form. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM phones WHERE e164 IS NULL"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM phones WHERE raw LIKE '8 (%'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM phones WHERE raw LIKE '+7 %'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM phones WHERE raw GLOB '8[0-9]*'"
                                 " AND raw NOT LIKE '% %'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM phones WHERE extension IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM emails WHERE normalized IS NULL"), ==, 0);

  /* Won leads are converted: a client with valid requisites and a contact. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM leads WHERE converted_ms IS NOT NULL"
                                 " AND (client_id IS NULL OR contact_id IS NULL)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contacts WHERE client_id IS NULL"), ==, 0);
  stmt = crm_store_stmt (store, "SELECT inn, kpp, ogrn FROM clients", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *inn = (const char *) sqlite3_column_text (stmt, 0);
      const char *kpp = (const char *) sqlite3_column_text (stmt, 1);
      const char *ogrn = (const char *) sqlite3_column_text (stmt, 2);

      g_assert_true (crm_inn_validate (inn, &error));
      g_assert_no_error (error);
      if (strlen (inn) == 10)
        {
          g_assert_true (crm_kpp_validate (kpp, &error));
          g_assert_true (crm_ogrn_validate (ogrn, &error));
        }
      else
        {
          g_assert_null (kpp);
          g_assert_true (crm_ogrnip_validate (ogrn, &error));
        }
      g_assert_no_error (error);
      n_clients++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (n_clients, >, 10);

  /* Timelines, next steps (some overdue), history and outbox from the
   * write path, channel spend. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM activities WHERE kind = 'call'"), >, 200);
  g_assert_cmpint (count (store, "SELECT count(*) FROM tasks WHERE due_ms < 1772323200000"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM tasks WHERE due_ms > 1772323200000"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM history WHERE op = 'create'"), >, 400);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), >, 400);
  g_assert_cmpint (count (store, "SELECT count(*) FROM channel_spend"), >=, 12);
  g_assert_cmpint (count (store, "SELECT count(*) FROM users"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM settings WHERE id = 'demo' AND value = '1'"), ==, 1);

  /* Search was rebuilt: a common surname and a phone fragment are found. */
  hits = crm_search_query (store, "ива", CRM_SEARCH_ALL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);

  /* A few duplicates for the banner to find. */
  pairs = crm_dedupe_scan (store, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, >, 0);

  {
    GStrv problems = NULL;

    g_assert_true (crm_store_check (store, &problems, &error));
    g_assert_no_error (error);
    g_assert_true (problems == NULL || problems[0] == NULL);
    g_strfreev (problems);
  }
}

static char *
fingerprint (CrmStore *store)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = crm_store_stmt (store,
                                       "SELECT l.full_name, l.company, l.value, l.temperature, s.name,"
                                       " (SELECT group_concat(raw) FROM phones p WHERE p.entity_id = l.id)"
                                       " FROM leads l JOIN stages s ON s.id = l.stage_id ORDER BY l.rid",
                                       &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 6; i++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (s, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (s, FALSE);
}

static void
test_deterministic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) a = open_store (dir, "a.db");
  g_autoptr(CrmStore) b = open_store (dir, "b.db");
  g_autoptr(CrmStore) c = open_store (dir, "c.db");
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;
  g_autofree char *fc = NULL;

  g_assert_true (crm_demo_populate (a, 150, 2026, &error));
  g_assert_true (crm_demo_populate (b, 150, 2026, &error));
  g_assert_true (crm_demo_populate (c, 150, 2027, &error));
  g_assert_no_error (error);

  fa = fingerprint (a);
  fb = fingerprint (b);
  fc = fingerprint (c);
  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);
}

/* Sanitizer builds run many times slower: fewer leads there. */
/* GCC says __SANITIZE_ADDRESS__, clang __has_feature (address_sanitizer). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(UNDER_ASAN)
#define FAST_LEADS 1000
#else
#define FAST_LEADS 10000
#endif

/* 10,000 leads with everything around them in a few seconds: one
 * transaction and one search rebuild. */
static void
test_fast (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_store (dir, "big.db");
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_true (crm_demo_populate (store, FAST_LEADS, 1, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("%u demo leads in %.2f s", FAST_LEADS, seconds);
  g_assert_cmpint (count (store, "SELECT count(*) FROM leads"), ==, FAST_LEADS);
#if !defined(UNDER_ASAN)
  /* A few seconds here; the bound leaves room for a loaded machine. Not
   * timed under sanitizers, whose debug builds run tens of times slower. */
  g_assert_cmpfloat (seconds, <, 60.0);
#endif
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/demo/populate", test_populate);
  g_test_add_func ("/core/demo/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/fast", test_fast);

  return crm_test_run ();
}
