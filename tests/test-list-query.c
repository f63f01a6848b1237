/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The queries behind the app's lists: sorting on NOT NULL columns runs on
 * the bare column (so its index serves ORDER BY) and pages the same way
 * as the coalesced nullable ones; a text search says when it was capped;
 * list rows of leads carry their next step. */
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
  g_assert_cmpint (crm_test_query_int (reader, "PRAGMA cache_size", NULL), ==, -2048);
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

/* A lead with no open task: the "respond" task a new lead in an open
 * stage gets is done at once. */
static char *
new_lead (CrmStore   *store,
          const char *name,
          const char *stage_id)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;

  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "stage_id", stage_id);
  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  tasks = crm_store_list_children (store, "tasks", crm_change_get_id (change), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tasks->len; i++)
    g_assert_true (crm_tasks_set_done (store, crm_record_get_id (g_ptr_array_index (tasks, i)), TRUE, &error));
  return g_strdup (crm_change_get_id (change));
}

static char *
new_task (CrmStore   *store,
          const char *lead_id,
          gint64      due_ms)
{
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  g_autoptr(GError) error = NULL;
  char *id;

  input.entity_type = "lead";
  input.entity_id = lead_id;
  input.kind = "call";
  input.due_ms = due_ms;
  id = crm_tasks_create (store, &input, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_next_step (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "voronka.db", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (T0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, clock, &error);
  g_autoptr(CrmStore) reader = crm_store_open (path, NULL, &error);
  g_autofree char *open_stage = crm_test_query_text (store, "SELECT id FROM stages WHERE kind = ?1 ORDER BY position LIMIT 1", "open");
  g_autofree char *lost_stage = crm_test_query_text (store, "SELECT id FROM stages WHERE kind = ?1 ORDER BY position LIMIT 1", "lost");
  g_autofree char *idle = new_lead (store, "Без задачи", open_stage);
  g_autofree char *planned = new_lead (store, "С задачами", open_stage);
  g_autofree char *undated = new_lead (store, "Без срока", open_stage);
  g_autofree char *done = new_lead (store, "Всё сделано", open_stage);
  g_autofree char *refused = new_lead (store, "Отказ", lost_stage);
  g_autofree char *later = new_task (store, planned, T0 + 2 * 3600000);
  g_autofree char *sooner = new_task (store, planned, T0 + 3600000);
  g_autofree char *no_due = new_task (store, undated, 0);
  g_autofree char *finished = new_task (store, done, T0 - 3600000);
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  g_autoptr(GArray) rids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  guint n_missing = 0;

  g_assert_no_error (error);
  g_assert_true (crm_tasks_set_done (store, finished, TRUE, &error));
  g_assert_no_error (error);
  /* The page worker's lean connection reads them. */
  g_assert_true (crm_store_make_reader (reader, &error));

  rids = crm_store_query_rids (reader, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rids->len, ==, 5);
  rows = crm_store_get_list_rows (reader, "leads", (gint64 *) (gpointer) rids->data, rids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);

  for (guint i = 0; i < rows->len; i++)
    {
      CrmRecord *row = g_ptr_array_index (rows, i);
      const char *id = crm_record_get_id (row);
      gboolean missing = crm_record_get_int (row, "next_step_missing", -1) == 1;

      /* The "no next step" mark is the tasks' own rule. */
      g_assert_cmpint (missing, ==, crm_tasks_needs_next_step (store, id));
      n_missing += missing;
      g_assert_cmpint (crm_record_get_int (row, "next_step_missing", -1), >=, 0);
      if (g_str_equal (id, planned))
        {
          /* The first task due, as crm_tasks_next_for() picks it. */
          g_autoptr(CrmTask) next = crm_tasks_next_for (store, planned, NULL);

          g_assert_cmpstr (crm_record_get_text (row, "next_step_task_id"), ==, sooner);
          g_assert_cmpstr (crm_record_get_id (CRM_RECORD (next)), ==, sooner);
          g_assert_cmpint (crm_record_get_int (row, "next_step_due_ms", 0), ==, T0 + 3600000);
        }
      else if (g_str_equal (id, undated))
        {
          g_assert_cmpstr (crm_record_get_text (row, "next_step_task_id"), ==, no_due);
          g_assert_null (crm_record_get_text (row, "next_step_due_ms"));
        }
      else
        {
          /* A done task is no next step. */
          g_assert_null (crm_record_get_text (row, "next_step_task_id"));
          g_assert_null (crm_record_get_text (row, "next_step_due_ms"));
          g_assert_cmpint (missing, ==, !g_str_equal (id, refused));
        }
      /* The record's own columns are all there too. */
      g_assert_nonnull (crm_record_get_text (row, "full_name"));
    }
  g_assert_cmpuint (n_missing, ==, 2);
  (void) later;
  (void) idle;

  /* Other tables: the plain rows. */
  plain = crm_store_get_list_rows (reader, "contacts", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plain->len, ==, 0);
  g_clear_pointer (&plain, g_ptr_array_unref);
  plain = crm_store_get_list_rows (reader, "no_such_table", NULL, 0, &error);
  g_assert_null (plain);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/list-query/not-null-sort", test_not_null_sort);
  g_test_add_func ("/core/list-query/reader", test_reader);
  g_test_add_func ("/core/list-query/capped", test_capped);
  g_test_add_func ("/core/list-query/next-step", test_next_step);
  return crm_test_run ();
}
