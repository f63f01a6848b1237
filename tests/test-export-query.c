/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* Exporting "the current list": a filtered, searched query, copied so a
 * worker thread can run it on its own connection. */

static CrmStore *
open_demo (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (1772323200000);
  CrmStore *store = crm_store_open (path, clock, &error);

  g_assert_no_error (error);
  g_assert_true (crm_demo_populate (store, 300, 11, &error));
  g_assert_no_error (error);
  return store;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

typedef struct
{
  char     *path;
  CrmQuery *query;
  guint     n_rows;
  char     *csv;
} Job;

static gpointer
export_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (job->path, NULL, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  CrmExportOptions options;

  g_assert_no_error (error);
  crm_export_options_init (&options);
  options.table = "leads";
  options.delimiter = ';';
  options.bom = TRUE;
  options.query = job->query;
  g_assert_true (crm_export_csv (store, out, &options, &job->n_rows, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  job->csv = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  return NULL;
}

static void
test_filtered_in_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_demo (dir, "export.db");
  g_autofree char *hot = g_strdup ("hot");
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  GThread *thread;
  gint64 expected;
  Job job = { 0 };

  crm_query_add_equals (query, "temperature", hot);
  crm_query_set_sort (query, "created_ms", FALSE);
  expected = crm_store_query_count (store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expected, >, 10);
  g_assert_cmpint (expected, <, 300);

  job.path = g_strdup (crm_store_get_path (store));
  job.query = crm_query_copy (query);
  /* The original may go away while the copy runs. */
  g_clear_pointer (&query, crm_query_free);

  thread = g_thread_new ("export", export_thread, &job);
  g_thread_join (thread);

  g_assert_cmpuint (job.n_rows, ==, expected);
  /* BOM, a header line, then one line per row. */
  g_assert_true (g_str_has_prefix (job.csv, "\xef\xbb\xbf"));
  g_assert_nonnull (strchr (job.csv, ';'));
  g_assert_cmpuint (count_lines (job.csv), ==, expected + 1);

  crm_query_free (job.query);
  g_free (job.path);
  g_free (job.csv);
}

static void
test_search_vcard (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_demo (dir, "vcard.db");
  g_autoptr(CrmQuery) query = crm_query_new ("contacts");
  g_autoptr(CrmQuery) copy = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *text = NULL;
  CrmExportOptions options;
  guint n_rows = 0;
  guint n_cards = 0;
  gint64 expected;

  expected = crm_store_query_count (store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expected, >, 0);

  copy = crm_query_copy (query);
  crm_export_options_init (&options);
  options.table = "contacts";
  options.query = copy;
  g_assert_true (crm_export_vcard (store, out, &options, &n_rows, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));

  for (const char *p = text; (p = strstr (p, "BEGIN:VCARD")) != NULL; p++)
    n_cards++;
  g_assert_cmpuint (n_rows, ==, expected);
  g_assert_cmpuint (n_cards, ==, expected);
}

/* Every part of a query survives the copy: filters, search text, the
 * overdue-task filter and the sort. */
static void
test_copy_keeps_everything (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_demo (dir, "copy.db");
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  g_autoptr(CrmQuery) copy = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  crm_query_set_text (query, "ива");
  crm_query_add_range (query, "created_ms", 0, 1772323200000);
  crm_query_set_has_overdue_task (query, 1772323200000);
  g_assert_true (crm_query_set_sort (query, "sort_key", FALSE));
  copy = crm_query_copy (query);

  a = crm_store_query_rids (store, query, &error);
  g_assert_no_error (error);
  b = crm_store_query_rids (store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, >, 0);
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
  g_assert_cmpstr (crm_query_get_table (copy), ==, "leads");

  /* Changing the original later does not change the copy. */
  crm_query_set_text (query, NULL);
  g_clear_pointer (&b, g_array_unref);
  b = crm_store_query_rids (store, copy, &error);
  g_assert_cmpuint (b->len, ==, a->len);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/export/query-copy-in-thread", test_filtered_in_thread);
  g_test_add_func ("/core/export/query-vcard", test_search_vcard);
  g_test_add_func ("/core/export/query-copy-keeps-everything", test_copy_keeps_everything);

  return crm_test_run ();
}
