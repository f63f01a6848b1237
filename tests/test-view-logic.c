/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "crm-core.h"
#include "crm-page-cache.h"
#include "crm-test-util.h"
#include "crm-view-logic.h"

#define T0 1767225600000 /* 2026-01-01T00:00:00Z, a Thursday */
#define MIN_MS ((gint64) 60 * 1000)

static void
test_countdown (void)
{
  const gint64 sla = 15 * MIN_MS;
  CrmCountdownState state;
  g_autofree char *fresh = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *last = NULL;
  g_autofree char *late = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *days = NULL;
  g_autofree char *one_day = NULL;

  fresh = crm_view_countdown_text (T0, sla, T0, &state);
  g_assert_cmpstr (fresh, ==, "15:00 left");
  g_assert_cmpint (state, ==, CRM_COUNTDOWN_OK);

  soon = crm_view_countdown_text (T0, sla, T0 + 11 * MIN_MS + 30 * 1000, &state);
  g_assert_cmpstr (soon, ==, "3:30 left");
  g_assert_cmpint (state, ==, CRM_COUNTDOWN_SOON);

  /* The last second still counts as time left. */
  last = crm_view_countdown_text (T0, sla, T0 + sla - 1, &state);
  g_assert_cmpstr (last, ==, "0:01 left");
  g_assert_cmpint (state, ==, CRM_COUNTDOWN_SOON);

  late = crm_view_countdown_text (T0, sla, T0 + sla + 3 * MIN_MS + 5000, &state);
  g_assert_cmpstr (late, ==, "Overdue by 3:05");
  g_assert_cmpint (state, ==, CRM_COUNTDOWN_OVERDUE);

  hours = crm_view_countdown_text (T0, sla, T0 + sla + 125 * MIN_MS, &state);
  g_assert_cmpstr (hours, ==, "Overdue by 2 h 05 min");

  one_day = crm_view_countdown_text (T0, sla, T0 + sla + 24 * 60 * MIN_MS, NULL);
  g_assert_cmpstr (one_day, ==, "Overdue by 1 day");
  days = crm_view_countdown_text (T0, sla, T0 + sla + 3 * 24 * 60 * MIN_MS + 7, NULL);
  g_assert_cmpstr (days, ==, "Overdue by 3 days");
}

static void
test_countdown_long_sla (void)
{
  g_autofree char *text = crm_view_countdown_text (T0, 120 * MIN_MS, T0 + 5 * MIN_MS, NULL);

  g_assert_cmpstr (text, ==, "1 h 55 min left");
}

static void
test_date_ranges (void)
{
  g_autoptr(GTimeZone) msk = g_time_zone_new_identifier ("Europe/Moscow");
  gint64 from, to;
  /* 2026-01-01 02:00 Moscow = 2025-12-31 23:00 UTC: already "today" in Moscow. */
  gint64 now = T0 - 60 * MIN_MS + 3 * 60 * MIN_MS;

  g_assert_nonnull (msk);
  g_assert_false (crm_view_date_range_bounds (CRM_DATE_ANY, now, msk, &from, &to));

  g_assert_true (crm_view_date_range_bounds (CRM_DATE_TODAY, now, msk, &from, &to));
  g_assert_cmpint (from, ==, T0 - 3 * 60 * MIN_MS);
  g_assert_cmpint (to, ==, G_MAXINT64);

  g_assert_true (crm_view_date_range_bounds (CRM_DATE_WEEK, now, msk, &from, &to));
  g_assert_cmpint (from, ==, T0 - 3 * 60 * MIN_MS - 6 * 24 * 60 * MIN_MS);

  g_assert_true (crm_view_date_range_bounds (CRM_DATE_YEAR, now, msk, &from, &to));
  g_assert_cmpint (from, ==, T0 - 3 * 60 * MIN_MS);

  for (CrmDateRange r = CRM_DATE_ANY; r <= CRM_DATE_YEAR; r++)
    g_assert_cmpint (crm_view_date_range_from_id (crm_view_date_range_id (r)), ==, r);
  g_assert_cmpint (crm_view_date_range_from_id ("bogus"), ==, CRM_DATE_ANY);
}

typedef struct
{
  char     *dir;
  CrmClock *clock;
  CrmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_tmpdir ();
  path = g_build_filename (f->dir, "voronka.db", NULL);
  f->clock = crm_clock_new_fixed (T0);
  f->store = crm_store_open (path, f->clock, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_free (f->dir);
}

static char *
add_lead (Fixture    *f,
          const char *name,
          const char *temperature,
          const char *stage_id)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;

  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "temperature", temperature);
  crm_change_set_text (change, "stage_id", stage_id);
  g_assert_true (crm_store_apply (f->store, change, &error));
  g_assert_no_error (error);
  crm_clock_advance (f->clock, 24 * 60 * MIN_MS);
  return g_strdup (crm_change_get_id (change));
}

static guint
count (Fixture       *f,
       CrmListFilter *filter,
       const char    *table)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CrmQuery) query = crm_list_filter_to_query (filter, table, crm_store_now_ms (f->store), utc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rids = crm_store_query_rids (f->store, query, &error);

  g_assert_no_error (error);
  return rids->len;
}

static void
test_filter_to_query (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmListFilter) filter = crm_list_filter_new ();
  g_autoptr(CrmNames) names = crm_names_load (f->store);
  GPtrArray *stages = crm_names_list (names, "stages");
  const char *second = ((CrmNameEntry *) g_ptr_array_index (stages, 1))->id;
  g_autofree char *a = add_lead (f, "Иван Петров", "hot", NULL);
  g_autofree char *b = add_lead (f, "Пётр Сидоров", "cold", second);
  g_autofree char *c = add_lead (f, "Анна Смирнова", "hot", second);

  g_assert_true (crm_list_filter_is_empty (filter));
  g_assert_cmpuint (count (f, filter, "leads"), ==, 3);

  g_free (filter->temperature);
  filter->temperature = g_strdup ("hot");
  g_assert_false (crm_list_filter_is_empty (filter));
  g_assert_cmpuint (count (f, filter, "leads"), ==, 2);

  filter->stage_id = g_strdup (second);
  g_assert_cmpuint (count (f, filter, "leads"), ==, 1);

  /* Lead chips do not apply to contacts; their query still runs. */
  g_assert_cmpuint (count (f, filter, "contacts"), ==, 0);

  g_clear_pointer (&filter->stage_id, g_free);
  g_clear_pointer (&filter->temperature, g_free);
  /* ё = е, prefix as you type. */
  filter->text = g_strdup ("петр");
  g_assert_cmpuint (count (f, filter, "leads"), ==, 2);
  g_free (filter->text);
  filter->text = g_strdup ("  ");
  g_assert_cmpuint (count (f, filter, "leads"), ==, 3);
  g_clear_pointer (&filter->text, g_free);

  /* The clock moved a day per lead: only the last one is from "today". */
  filter->created = CRM_DATE_TODAY;
  crm_clock_set_fixed (f->clock, T0 + 2 * 24 * 60 * MIN_MS + 60 * MIN_MS);
  g_assert_cmpuint (count (f, filter, "leads"), ==, 1);
  filter->created = CRM_DATE_WEEK;
  g_assert_cmpuint (count (f, filter, "leads"), ==, 3);
  filter->created = CRM_DATE_ANY;

  /* An overdue task on one lead. */
  {
    g_autoptr(CrmChange) task = crm_change_new_create ("tasks");
    g_autoptr(GError) error = NULL;

    crm_change_set_text (task, "entity_type", "lead");
    crm_change_set_text (task, "entity_id", b);
    crm_change_set_text (task, "title", "Перезвонить");
    crm_change_set_int (task, "due_ms", T0 + 5 * MIN_MS);
    g_assert_true (crm_store_apply (f->store, task, &error));
    g_assert_no_error (error);
  }
  /* Ten minutes in, only that task is late (a first-response task the
   * core may add to each new lead is due after 15 minutes). */
  crm_clock_set_fixed (f->clock, T0 + 10 * MIN_MS);
  filter->overdue = TRUE;
  g_assert_cmpuint (count (f, filter, "leads"), ==, 1);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmListFilter) filter = crm_list_filter_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *a = add_lead (f, "Борис", NULL, NULL);
  g_autofree char *b = add_lead (f, "Анна", NULL, NULL);
  g_autofree char *c = add_lead (f, "Вера", NULL, NULL);
  g_autoptr(CrmQuery) by_name = NULL;
  g_autoptr(CrmQuery) bogus = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_free (filter->sort_column);
  filter->sort_column = g_strdup ("sort_key");
  filter->descending = FALSE;
  by_name = crm_list_filter_to_query (filter, "leads", T0, utc);
  rows = crm_store_query_page (f->store, by_name, NULL, 10, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (rows, 0)), ==, b);
  g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (rows, 2)), ==, c);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Not a sortable column: newest first. */
  g_free (filter->sort_column);
  filter->sort_column = g_strdup ("note; DROP TABLE leads");
  bogus = crm_list_filter_to_query (filter, "leads", T0, utc);
  rows = crm_store_query_page (f->store, bogus, NULL, 10, NULL, NULL);
  g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (rows, 0)), ==, c);
}

static void
test_cells (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CrmNames) names = crm_names_load (f->store);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *id = add_lead (f, NULL, "warm", NULL);
  g_autoptr(CrmRecord) lead = crm_store_get (f->store, "leads", id, NULL);
  g_autofree char *name = crm_view_cell_text (lead, "name", names, T0, utc);
  g_autofree char *stage = crm_view_cell_text (lead, "stage", names, T0, utc);
  g_autofree char *owner = crm_view_cell_text (lead, "owner", names, T0, utc);
  g_autofree char *temp = crm_view_cell_text (lead, "temperature", names, T0, utc);
  g_autofree char *created = crm_view_cell_text (lead, "created", names, T0 + 5 * MIN_MS, utc);
  g_autofree char *placeholder = crm_view_cell_text (NULL, "name", names, T0, utc);
  const CrmColumnSpec *columns;
  guint n;

  g_assert_cmpstr (name, ==, "No name");
  g_assert_cmpstr (stage, ==, "New");
  g_assert_cmpstr (crm_names_color (names, crm_record_get_text (lead, "stage_id")), ==, "#3584e4");
  g_assert_null (crm_names_color (names, "no-such-stage"));
  g_assert_nonnull (owner);
  g_assert_cmpstr (temp, ==, "Warm");
  g_assert_cmpstr (created, ==, "00:00");
  g_assert_cmpstr (placeholder, ==, "");

  columns = crm_view_columns ("leads", &n);
  g_assert_cmpuint (n, >=, 6);
  for (guint i = 0; i < n; i++)
    if (columns[i].sort_column != NULL)
      {
        g_autoptr(CrmQuery) q = crm_query_new ("leads");
        g_assert_true (crm_query_set_sort (q, columns[i].sort_column, FALSE));
      }
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *today = crm_view_format_date (T0 + 14 * 60 * MIN_MS + 5 * MIN_MS, T0 + 20 * 60 * MIN_MS, utc);
  g_autofree char *old = crm_view_format_date (T0 - 40 * 24 * 60 * MIN_MS, T0, utc);
  g_autofree char *leads = crm_view_count_text ("leads", 1, FALSE, FALSE);
  g_autofree char *found = crm_view_count_text ("clients", 3, TRUE, FALSE);
  g_autofree char *more = crm_view_count_text ("leads", 5000, TRUE, TRUE);

  g_assert_cmpstr (today, ==, "14:05");
  g_assert_cmpstr (old, ==, "22.11.2025");
  g_assert_cmpstr (leads, ==, "1 lead");
  g_assert_cmpstr (found, ==, "3 clients found");
  g_assert_nonnull (strstr (more, "000+ leads found"));
}

static void
test_search_delay (void)
{
  /* A key after a pause, with cheap searches so far: at once. */
  g_assert_cmpuint (crm_view_search_delay_ms ("ива", G_MAXINT64, 0), ==, 0);
  g_assert_cmpuint (crm_view_search_delay_ms ("иван", 150, CRM_SEARCH_CHEAP_MS), ==, 0);
  /* Keys in a burst wait for the typing to settle. */
  g_assert_cmpuint (crm_view_search_delay_ms ("ив", CRM_SEARCH_DEBOUNCE_MS - 1, 0), ==, CRM_SEARCH_DEBOUNCE_MS);
  /* So does every key after a slow search. */
  g_assert_cmpuint (crm_view_search_delay_ms ("иван", 1000, CRM_SEARCH_CHEAP_MS + 1), ==, CRM_SEARCH_DEBOUNCE_MS);
  /* An emptied entry (the whole list, or a word being replaced) waits. */
  g_assert_cmpuint (crm_view_search_delay_ms ("", G_MAXINT64, 0), ==, CRM_SEARCH_DEBOUNCE_MS);
  g_assert_cmpuint (crm_view_search_delay_ms (NULL, G_MAXINT64, 0), ==, CRM_SEARCH_DEBOUNCE_MS);
}

/* A list row as crm_store_get_list_rows() makes it. */
static CrmRecord *
list_row (const char *task_id,
          const char *due_ms,
          const char *missing)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, "full_name", "Иван Петров");
  if (task_id != NULL)
    g_hash_table_insert (values, "next_step_task_id", (char *) task_id);
  if (due_ms != NULL)
    g_hash_table_insert (values, "next_step_due_ms", (char *) due_ms);
  g_hash_table_insert (values, "next_step_missing", (char *) missing);
  return crm_record_new_from_hash ("leads", values);
}

static void
test_next_step (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *due = g_strdup_printf ("%" G_GINT64_FORMAT, T0 + 14 * 60 * MIN_MS);
  g_autoptr(CrmRecord) scheduled = list_row ("task-1", due, "0");
  g_autoptr(CrmRecord) undated = list_row ("task-2", NULL, "0");
  g_autoptr(CrmRecord) missing = list_row (NULL, NULL, "1");
  g_autoptr(CrmRecord) closed = list_row (NULL, NULL, "0");
  g_autofree char *later = crm_view_cell_text (scheduled, "next_step", NULL, T0 + 60 * MIN_MS, utc);
  g_autofree char *late = crm_view_cell_text (scheduled, "next_step", NULL, T0 + 15 * 60 * MIN_MS, utc);
  g_autofree char *no_date = crm_view_cell_text (undated, "next_step", NULL, T0, utc);
  g_autofree char *none = crm_view_cell_text (missing, "next_step", NULL, T0, utc);
  g_autofree char *empty = crm_view_cell_text (closed, "next_step", NULL, T0, utc);
  const CrmColumnSpec *columns;
  gboolean has_column = FALSE;
  guint n;

  g_assert_cmpint (crm_view_next_step (scheduled, T0 + 60 * MIN_MS), ==, CRM_NEXT_STEP_SCHEDULED);
  g_assert_cmpint (crm_view_next_step (scheduled, T0 + 15 * 60 * MIN_MS), ==, CRM_NEXT_STEP_OVERDUE);
  g_assert_cmpint (crm_view_next_step (undated, T0), ==, CRM_NEXT_STEP_UNDATED);
  g_assert_cmpint (crm_view_next_step (missing, T0), ==, CRM_NEXT_STEP_MISSING);
  g_assert_cmpint (crm_view_next_step (closed, T0), ==, CRM_NEXT_STEP_NONE);
  g_assert_cmpint (crm_view_next_step (NULL, T0), ==, CRM_NEXT_STEP_NONE);

  g_assert_cmpstr (later, ==, "14:00");
  g_assert_cmpstr (late, ==, "14:00");
  g_assert_cmpstr (no_date, ==, "No date");
  g_assert_cmpstr (none, ==, "No next step");
  g_assert_cmpstr (empty, ==, "");

  /* Leads show it; contacts and clients have no stages. */
  columns = crm_view_columns ("leads", &n);
  for (guint i = 0; i < n; i++)
    has_column |= g_str_equal (columns[i].id, "next_step");
  g_assert_true (has_column);
  columns = crm_view_columns ("contacts", &n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (columns[i].id, !=, "next_step");
}

static void
test_renderer (void)
{
  /* The user's choice always wins. */
  g_assert_null (crm_view_pick_renderer ("gl", "1", "llvmpipe", FALSE));
  g_assert_null (crm_view_pick_renderer ("ngl", NULL, NULL, FALSE));
  /* Software rendering: cairo. */
  g_assert_cmpstr (crm_view_pick_renderer (NULL, "1", NULL, TRUE), ==, "cairo");
  g_assert_cmpstr (crm_view_pick_renderer ("", "true", NULL, TRUE), ==, "cairo");
  g_assert_cmpstr (crm_view_pick_renderer (NULL, NULL, "llvmpipe", TRUE), ==, "cairo");
  g_assert_cmpstr (crm_view_pick_renderer (NULL, NULL, NULL, FALSE), ==, "cairo");
  /* A GPU and nothing said: GTK decides. */
  g_assert_null (crm_view_pick_renderer (NULL, "0", NULL, TRUE));
  g_assert_null (crm_view_pick_renderer (NULL, NULL, "iris", TRUE));
}

static void
on_evicted (guint    page,
            gpointer data)
{
  g_array_append_val ((GArray *) data, page);
}

/* The list models' page cache: least recently used out first, one request
 * per page, answers to an older query ignored. */
static void
test_page_cache (void)
{
  g_autoptr(GArray) evicted = g_array_new (FALSE, FALSE, sizeof (guint));
  CrmPageCache *cache = crm_page_cache_new (2, g_free, on_evicted, evicted);
  guint gen = crm_page_cache_get_generation (cache);

  g_assert_true (crm_page_cache_want (cache, 0));
  g_assert_false (crm_page_cache_want (cache, 0));
  g_assert_true (crm_page_cache_arrived (cache, 0, gen));
  crm_page_cache_store (cache, 0, g_strdup ("zero"));
  g_assert_false (crm_page_cache_want (cache, 0));
  crm_page_cache_store (cache, 1, g_strdup ("one"));
  /* Page 0 used last: page 1 goes when page 2 comes. */
  g_assert_cmpstr (crm_page_cache_lookup (cache, 0), ==, "zero");
  crm_page_cache_store (cache, 2, g_strdup ("two"));
  g_assert_cmpuint (evicted->len, ==, 1);
  g_assert_cmpuint (g_array_index (evicted, guint, 0), ==, 1);
  g_assert_null (crm_page_cache_peek (cache, 1));
  g_assert_cmpuint (crm_page_cache_get_n_pages (cache), ==, 2);

  /* A new query: what was asked before no longer counts. */
  g_assert_true (crm_page_cache_want (cache, 5));
  g_assert_cmpuint (crm_page_cache_reset (cache), ==, gen + 1);
  g_assert_false (crm_page_cache_arrived (cache, 5, gen));
  g_assert_true (crm_page_cache_want (cache, 5));
  g_assert_cmpuint (crm_page_cache_get_n_pages (cache), ==, 0);
  crm_page_cache_free (cache);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/gui/view-logic/countdown", test_countdown);
  g_test_add_func ("/gui/view-logic/countdown-long-sla", test_countdown_long_sla);
  g_test_add_func ("/gui/view-logic/date-ranges", test_date_ranges);
  g_test_add_func ("/gui/view-logic/format", test_format);
  g_test_add_func ("/gui/view-logic/renderer", test_renderer);
  g_test_add_func ("/gui/view-logic/search-delay", test_search_delay);
  g_test_add_func ("/gui/view-logic/next-step", test_next_step);
  g_test_add_func ("/gui/view-logic/page-cache", test_page_cache);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/gui/view-logic/filter-to-query", test_filter_to_query);
  ADD ("/gui/view-logic/sort", test_sort);
  ADD ("/gui/view-logic/cells", test_cells);

  return crm_test_run ();
}
