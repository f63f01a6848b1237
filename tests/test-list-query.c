/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The queries behind the app's lists: sorting on NOT NULL columns runs on
 * the bare column (so its index serves ORDER BY) and pages the same way
 * as the coalesced nullable ones. */
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

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/list-query/not-null-sort", test_not_null_sort);
  g_test_add_func ("/core/list-query/reader", test_reader);
  return crm_test_run ();
}
