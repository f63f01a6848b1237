/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The queries behind the app's lists: sorting on NOT NULL columns runs on
 * the bare column (so its index serves ORDER BY) and pages the same way
 * as the coalesced nullable ones; a text search says when it was capped. */
#include "config.h"

#include "crm-core.h"
#include "crm-store-reader.h"
#include "crm-test-util.h"

#define T0 1767225600000 /* 2026-01-01T00:00:00Z */

static void
add (CrmStore   *store,
     CrmClock   *clock,
     const char *name,
     gint64      step_ms)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;

  crm_change_set_text (change, "full_name", name);
  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  crm_clock_advance (clock, step_ms);
}

/* Every page of @query, keyset after keyset, must equal the rid array. */
static void
assert_pages_match (CrmStore *store,
                    CrmQuery *query,
                    guint     expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rids = crm_store_query_rids (store, query, &error);
  CrmPageKey key = { 0 };
  gboolean first = TRUE;
  guint seen = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (rids->len, ==, expected);
  for (;;)
    {
      CrmPageKey next = { 0 };
      g_autoptr(GPtrArray) page = crm_store_query_page (store, query, first ? NULL : &key, 3, &next, &error);

      g_assert_no_error (error);
      first = FALSE;
      crm_page_key_clear (&key);
      if (page->len == 0)
        {
          crm_page_key_clear (&next);
          break;
        }
      for (guint i = 0; i < page->len; i++, seen++)
        g_assert_cmpint (crm_record_get_rid (g_ptr_array_index (page, i)), ==,
                         g_array_index (rids, gint64, seen));
      key = next;
    }
  g_assert_cmpuint (seen, ==, expected);
}

static void
test_not_null_sort (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "voronka.db", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (T0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, clock, &error);
  static const char *const names[] = { "Вера", "Анна", "Борис", "Глеб", "Дарья", "Ева", "Жанна", NULL };

  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    add (store, clock, names[i], i == 3 ? 0 : 1000);   /* two leads share a time */
  add (store, clock, NULL, 1000);                       /* no name: NULL sort key */

  for (int desc = 0; desc <= 1; desc++)
    {
      g_autoptr(CrmQuery) by_time = crm_query_new ("leads");
      g_autoptr(CrmQuery) by_name = crm_query_new ("leads");
      g_autoptr(CrmQuery) by_company = crm_query_new ("leads");
      g_autoptr(GArray) rids = NULL;

      /* created_ms is NOT NULL: bare column, ties broken by rid. */
      g_assert_true (crm_query_set_sort (by_time, "created_ms", desc));
      assert_pages_match (store, by_time, 8);
      rids = crm_store_query_rids (store, by_time, &error);
      for (guint i = 1; i < rids->len; i++)
        {
          gint64 prev = g_array_index (rids, gint64, i - 1);
          gint64 cur = g_array_index (rids, gint64, i);

          if (desc)
            g_assert_cmpint (cur, <, prev);
          else
            g_assert_cmpint (cur, >, prev);
        }

      /* Nullable columns keep their coalesced, total order. */
      g_assert_true (crm_query_set_sort (by_name, "sort_key", desc));
      assert_pages_match (store, by_name, 8);
      g_assert_true (crm_query_set_sort (by_company, "company", desc));
      assert_pages_match (store, by_company, 8);
    }
}

static void
test_reader (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "voronka.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) writer = crm_store_open (path, NULL, &error);
  g_autoptr(CrmStore) reader = crm_store_open (path, NULL, &error);
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  g_autoptr(GArray) rids = NULL;

  g_assert_no_error (error);
  g_assert_true (crm_store_make_reader (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (reader, "PRAGMA mmap_size", NULL), ==, 0);
  g_assert_cmpint (crm_test_query_int (reader, "PRAGMA cache_size", NULL), ==, -4096);
  g_assert_cmpint (crm_test_query_int (reader, "PRAGMA temp_store", NULL), ==, 1);

  /* The writer's rows are visible to the reader (WAL); the reader cannot write. */
  crm_change_set_text (change, "full_name", "Иван Читатель");
  g_assert_true (crm_store_apply (writer, change, &error));
  g_assert_no_error (error);
  rids = crm_store_query_rids (reader, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rids->len, ==, 1);
  {
    g_autoptr(CrmChange) other = crm_change_new_create ("leads");

    crm_change_set_text (other, "full_name", "Не запишется");
    g_assert_false (crm_store_apply (reader, other, &error));
    g_assert_nonnull (error);
  }
}

static void
add_named (CrmStore   *store,
           const char *prefix,
           guint       n)
{
  g_autoptr(GError) error = NULL;

  crm_store_set_bulk (store, TRUE);
  g_assert_true (crm_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("leads");
      g_autofree char *name = g_strdup_printf ("%s %05u", prefix, i);

      crm_change_set_text (change, "full_name", name);
      g_assert_true (crm_store_apply (store, change, &error));
    }
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);
  crm_store_set_bulk (store, FALSE);
  g_assert_true (crm_search_rebuild (store, &error));
  g_assert_no_error (error);
}

static GArray *
rids_of (CrmStore   *store,
         const char *text,
         gboolean    filtered,
         gboolean   *capped)
{
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  g_autoptr(GError) error = NULL;
  GArray *rids;

  crm_query_set_text (query, text);
  if (filtered)
    crm_query_add_equals (query, "merged_into", NULL);
  rids = crm_store_query_rids_full (store, query, capped, &error);
  g_assert_no_error (error);
  return rids;
}

static void
test_capped (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "voronka.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, NULL, &error);
  g_autoptr(GArray) exact = NULL;
  g_autoptr(GArray) over = NULL;
  g_autoptr(GArray) narrowed = NULL;
  g_autoptr(GArray) plain = NULL;
  g_autoptr(CrmQuery) all = crm_query_new ("leads");
  gboolean capped = TRUE;

  g_assert_no_error (error);
  /* Exactly the limit: everything is there, nothing was left out. */
  add_named (store, "Клиент", CRM_QUERY_TEXT_LIMIT);
  add_named (store, "Другой", 3);
  exact = rids_of (store, "клиент", FALSE, &capped);
  g_assert_cmpuint (exact->len, ==, CRM_QUERY_TEXT_LIMIT);
  g_assert_false (capped);

  /* One more: the list stops at the limit and says so. */
  add_named (store, "Клиентка", 1);
  over = rids_of (store, "клиент", FALSE, &capped);
  g_assert_cmpuint (over->len, ==, CRM_QUERY_TEXT_LIMIT);
  g_assert_true (capped);
  g_assert_cmpint (crm_store_query_count (store, all, &error), ==, CRM_QUERY_TEXT_LIMIT + 4);

  /* Other filters look through ten times as many. */
  narrowed = rids_of (store, "клиент", TRUE, &capped);
  g_assert_cmpuint (narrowed->len, ==, CRM_QUERY_TEXT_LIMIT + 1);
  g_assert_false (capped);

  /* Without text nothing is capped; the out argument is optional. */
  capped = TRUE;
  plain = crm_store_query_rids_full (store, all, &capped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plain->len, ==, CRM_QUERY_TEXT_LIMIT + 4);
  g_assert_false (capped);
  g_clear_pointer (&plain, g_array_unref);
  plain = crm_store_query_rids_full (store, all, NULL, &error);
  g_assert_cmpuint (plain->len, ==, CRM_QUERY_TEXT_LIMIT + 4);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/list-query/not-null-sort", test_not_null_sort);
  g_test_add_func ("/core/list-query/reader", test_reader);
  g_test_add_func ("/core/list-query/capped", test_capped);
  return crm_test_run ();
}
