/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The GUI shell under Xvfb, with real windows on real database files:
 * every template instantiates (criticals are fatal), the record model
 * pages rows in off the UI thread, and user flows run through actions.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-inbox-page.h"
#include "crm-list-page.h"
#include "crm-record-model.h"
#include "crm-test-util.h"
#include "crm-welcome-page.h"
#include "crm-window.h"

static CrmApplication *app;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @done says so (or fails after 20 s). */
#define WAIT_FOR(cond) G_STMT_START {                                         \
    gboolean timed_out_ = FALSE;                                              \
    guint id_ = g_timeout_add_seconds (20, timeout_cb, &timed_out_);          \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (timed_out_)                                                           \
      g_error ("Timed out waiting for %s", #cond);                            \
    g_source_remove (id_);                                                    \
  } G_STMT_END

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
new_db (void)
{
  g_autofree char *dir = crm_test_tmpdir ();

  return g_build_filename (dir, "voronka.db", NULL);
}

static CrmStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

static void
add_leads (CrmStore          *store,
           const char *const *names)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("leads");

      crm_change_set_text (change, "full_name", names[i]);
      crm_change_set_text (change, "company", "ООО «Ромашка»");
      g_assert_true (crm_store_apply (store, change, &error));
      g_assert_no_error (error);
    }
}

static void
add_many (CrmStore *store,
          guint     n)
{
  g_autoptr(GError) error = NULL;

  crm_store_set_bulk (store, TRUE);
  g_assert_true (crm_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("leads");
      g_autofree char *name = g_strdup_printf ("Лид %05u", i);

      crm_change_set_text (change, "full_name", name);
      g_assert_true (crm_store_apply (store, change, &error));
    }
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);
  crm_store_set_bulk (store, FALSE);
  g_assert_true (crm_search_rebuild (store, &error));
  g_assert_no_error (error);
}

static gboolean
model_idle (CrmRecordModel *model)
{
  return !crm_record_model_get_loading (model);
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* ---- templates ---- */

static void
test_templates (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(CrmStore) store = open_store (path);
  GtkWidget *welcome = crm_welcome_page_new ();
  g_autoptr(CrmListPage) leads = g_object_ref_sink (crm_list_page_new (store, "leads"));
  g_autoptr(CrmListPage) contacts = g_object_ref_sink (crm_list_page_new (store, "contacts"));
  g_autoptr(CrmListPage) clients = g_object_ref_sink (crm_list_page_new (store, "clients"));
  g_autoptr(CrmInboxPage) inbox = g_object_ref_sink (crm_inbox_page_new (store));
  CrmWindow *window = crm_window_new (GTK_APPLICATION (app), store, FALSE);

  g_object_ref_sink (welcome);
  g_assert_true (CRM_IS_WELCOME_PAGE (welcome));
  gtk_window_present (GTK_WINDOW (window));
  /* Pages query when first shown; these are not in a window. */
  crm_list_page_refresh (leads);
  crm_list_page_refresh (contacts);
  crm_list_page_refresh (clients);
  crm_inbox_page_refresh (inbox);
  WAIT_FOR (model_idle (crm_list_page_get_model (leads)) &&
            model_idle (crm_list_page_get_model (contacts)) &&
            model_idle (crm_list_page_get_model (clients)) &&
            model_idle (crm_inbox_page_get_model (inbox)));
  g_assert_cmpstr (crm_list_page_get_count_text (contacts), ==, "0 contacts");

  destroy_window (GTK_WIDGET (window));
  g_object_unref (welcome);
}

/* ---- the record model ---- */

static void
test_model_pages (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(CrmStore) store = open_store (path);
  g_autoptr(CrmRecordModel) model = crm_record_model_new (path, "leads");
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  g_autoptr(CrmRecordItem) first = NULL;
  g_autoptr(CrmRecordItem) far = NULL;

  add_many (store, 1000);
  crm_query_set_sort (query, "sort_key", FALSE);
  crm_record_model_set_query (model, g_steal_pointer (&query));
  g_assert_true (crm_record_model_get_loading (model));
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1000);

  /* The first page comes with the ids. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_nonnull (crm_record_item_get_record (first));
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (first), "full_name"), ==, "Лид 00000");

  /* Further pages: a placeholder at once, filled in off the UI thread. */
  far = g_list_model_get_item (G_LIST_MODEL (model), 777);
  g_assert_null (crm_record_item_get_record (far));
  WAIT_FOR (crm_record_item_get_record (far) != NULL);
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (far), "full_name"), ==, "Лид 00777");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1000));

  /* Scrolling through everything keeps the cache bounded. */
  for (guint i = 0; i < 1000; i += 10)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  WAIT_FOR (crm_record_model_get_n_pages_cached (model) >= 10);
  g_assert_cmpuint (crm_record_model_get_n_pages_cached (model), <=, 16);

}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *log)
{
  guint entry[3] = { position, removed, added };

  g_array_append_vals (log, entry, 3);
}

static void
on_replaced_cb (CrmRecordModel *model,
                GArray         *log)
{
  guint entry[3] = { G_MAXUINT, G_MAXUINT, g_list_model_get_n_items (G_LIST_MODEL (model)) };

  g_array_append_vals (log, entry, 3);
}

static void
test_model_replace (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(CrmStore) store = open_store (path);
  g_autoptr(CrmRecordModel) model = crm_record_model_new (path, "leads");
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CrmRecordItem) item = NULL;
  g_autoptr(CrmRecordItem) gone = NULL;
  g_autoptr(CrmRecordItem) top = NULL;
  g_autoptr(CrmChange) rename = NULL;
  g_autoptr(GError) error = NULL;
  CrmQuery *query;

  add_many (store, 200);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), log);
  g_signal_connect (model, "replaced", G_CALLBACK (on_replaced_cb), log);
  query = crm_query_new ("leads");
  crm_query_set_sort (query, "sort_key", FALSE);
  crm_record_model_set_query (model, query);
  WAIT_FOR (model_idle (model));
  /* items-changed (0, 0, 200), then replaced */
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 200);
  g_assert_cmpuint (g_array_index (log, guint, 3), ==, G_MAXUINT);

  /* Rows a view holds, as GTK does for those on screen. */
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  gone = g_list_model_get_item (G_LIST_MODEL (model), 150);
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (item), "full_name"), ==, "Лид 00000");

  /* A new result set rewrites the held items in place and announces only
   * the change of length: GTK 4.8 would rebuild every visible row for a
   * remove-all and add-all. Then "replaced", for views to reset their
   * selection and scroll position. */
  g_array_set_size (log, 0);
  query = crm_query_new ("leads");
  crm_query_set_text (query, "00042");
  crm_record_model_set_query (model, query);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 199);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 3), ==, G_MAXUINT);
  g_assert_cmpuint (g_array_index (log, guint, 5), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (top == item);
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (item), "full_name"), ==, "Лид 00042");
  g_assert_cmpint (crm_record_item_get_rid (item), ==,
                   crm_record_get_rid (crm_record_item_get_record (item)));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 150));
  g_assert_false (crm_record_model_get_capped (model));
  g_clear_object (&top);

  /* Growing back: only the new tail is announced; the held item is
   * rewritten again. */
  g_array_set_size (log, 0);
  query = crm_query_new ("leads");
  crm_query_set_sort (query, "sort_key", TRUE);
  crm_record_model_set_query (model, query);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 199);
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (item), "full_name"), ==, "Лид 00199");

  /* The same rows again (a refresh after an edit): no items-changed, the
   * item stays and its record is replaced. */
  rename = crm_change_new_update ("leads", crm_record_get_id (crm_record_item_get_record (item)));
  crm_change_set_text (rename, "company", "ИП Новиков");
  g_assert_true (crm_store_apply (store, rename, &error));
  g_assert_no_error (error);
  g_array_set_size (log, 0);
  query = crm_query_new ("leads");
  crm_query_set_sort (query, "sort_key", TRUE);
  crm_record_model_set_query (model, query);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (log->len, ==, 0);
  WAIT_FOR (g_strcmp0 (crm_record_get_text (crm_record_item_get_record (item), "company"), "ИП Новиков") == 0);
}

/* The core says when a search stopped at its limit; the list says "+". */
static void
test_model_capped (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(CrmStore) store = open_store (path);
  g_autoptr(CrmRecordModel) model = crm_record_model_new (path, "leads");
  CrmQuery *query;

  add_many (store, CRM_QUERY_TEXT_LIMIT + 1);
  query = crm_query_new ("leads");
  crm_query_set_text (query, "лид");
  crm_record_model_set_query (model, query);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, CRM_QUERY_TEXT_LIMIT);
  g_assert_true (crm_record_model_get_capped (model));

  /* Exactly as many rows without text: not capped. */
  query = crm_query_new ("leads");
  crm_query_add_range (query, "rid", 2, CRM_QUERY_TEXT_LIMIT + 2);
  crm_record_model_set_query (model, query);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, CRM_QUERY_TEXT_LIMIT);
  g_assert_false (crm_record_model_get_capped (model));
}

/* A hidden Inbox only counts its leads for the window's badge: the rows
 * (a million ids and their pages) load when it is shown. */
static void
test_model_count (void)
{
  static const char *const names[] = { "Первый Лид", "Второй Лид", NULL };
  g_autofree char *path = new_db ();
  g_autoptr(CrmStore) store = open_store (path);
  g_autoptr(CrmInboxPage) inbox = NULL;
  CrmRecordModel *model;

  add_leads (store, names);
  inbox = g_object_ref_sink (crm_inbox_page_new (store));
  model = crm_inbox_page_get_model (inbox);

  crm_inbox_page_refresh (inbox);
  g_assert_false (crm_inbox_page_get_loaded (inbox));
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (crm_inbox_page_get_count (inbox), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Rows read again: the count is theirs. */
  crm_record_model_set_query (model, crm_inbox_query_new (store));
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (crm_record_model_get_count (model), ==, 2);

  /* A newer query wins over a count still on its way. */
  crm_record_model_count (model, crm_inbox_query_new (store));
  crm_record_model_set_query (model, crm_query_new ("leads"));
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (crm_record_model_get_count (model), ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
}

/* ---- flows ---- */

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_column (GtkColumnView *view,
            const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_welcome_flow (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  CrmWindow *window = crm_application_open_database (app, path, FALSE, &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);
  g_assert_true (crm_window_is_welcome (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-lead", NULL));
  g_assert_false (crm_window_is_welcome (window));
  destroy_window (GTK_WIDGET (window));
}

static void
test_leads_flow (void)
{
  static const char *const names[] = { "Иван Петров", "Анна Смирнова", "Пётр Сидоров", NULL };
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  CrmWindow *window;
  CrmListPage *leads;
  CrmRecordModel *model;
  g_autoptr(CrmRecordItem) top = NULL;

  {
    g_autoptr(CrmStore) store = open_store (path);
    add_leads (store, names);
  }

  window = crm_application_open_database (app, path, FALSE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (crm_window_is_welcome (window));
  /* Opening the same file again gives the same window. */
  g_assert_true (crm_application_open_database (app, path, FALSE, NULL) == window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "leads"));
  g_assert_cmpstr (crm_window_get_page (window), ==, "leads");
  leads = crm_window_get_list_page (window, "leads");
  model = crm_list_page_get_model (leads);
  WAIT_FOR (model_idle (model) && crm_list_page_get_count_text (leads) != NULL);
  g_assert_cmpstr (crm_list_page_get_count_text (leads), ==, "3 leads");

  /* Sort by name, as a click on the header does: in SQL. */
  crm_list_page_sort_by (leads, "name", FALSE);
  WAIT_FOR (model_idle (model));
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (top), "full_name"), ==, "Анна Смирнова");
  g_clear_object (&top);

  /* Search as you type: ё = е, debounced. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  crm_window_set_search_text (window, "петр");
  WAIT_FOR (g_strcmp0 (crm_list_page_get_count_text (leads), "2 leads found") == 0);
  crm_window_set_search_text (window, "сидор");
  WAIT_FOR (g_strcmp0 (crm_list_page_get_count_text (leads), "1 lead found") == 0);
  crm_window_set_search_text (window, "");
  WAIT_FOR (g_strcmp0 (crm_list_page_get_count_text (leads), "3 leads") == 0);

  /* Filter chips go through actions too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (leads), "list-filter.temperature", "s", "hot"));
  WAIT_FOR (g_strcmp0 (crm_list_page_get_count_text (leads), "0 leads found") == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (leads), "list-filter.clear-filters", NULL));
  WAIT_FOR (g_strcmp0 (crm_list_page_get_count_text (leads), "3 leads") == 0);

  /* Every lead shows its next step: a new lead's "respond" task, and
   * "No next step" once that is done (from the core's page query). */
  g_assert_true (has_column (GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (leads), GTK_TYPE_COLUMN_VIEW, NULL)),
                             "Next step"));
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_nonnull (crm_record_get_text (crm_record_item_get_record (top), "next_step_task_id"));
  g_assert_null (find_widget (GTK_WIDGET (leads), GTK_TYPE_LABEL, "No next step"));
  {
    g_autoptr(CrmStore) store = open_store (path);
    g_autoptr(GPtrArray) tasks = crm_store_list_children (store, "tasks", crm_record_get_id (crm_record_item_get_record (top)), &error);

    g_assert_no_error (error);
    for (guint i = 0; i < tasks->len; i++)
      g_assert_true (crm_tasks_set_done (store, crm_record_get_id (g_ptr_array_index (tasks, i)), TRUE, &error));
  }
  g_clear_object (&top);
  crm_list_page_refresh (leads);
  WAIT_FOR (model_idle (model) && find_widget (GTK_WIDGET (leads), GTK_TYPE_LABEL, "No next step") != NULL);
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (leads), GTK_TYPE_LABEL, "No next step"), "warning"));

  /* Selecting a row opens its card. */
  crm_window_show_page (window, "contacts");
  g_assert_cmpstr (crm_window_get_page (window), ==, "contacts");

  destroy_window (GTK_WIDGET (window));
}

static void
test_inbox_flow (void)
{
  static const char *const names[] = { "Первый Лид", "Второй Лид", NULL };
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecordItem) oldest = NULL;
  g_autofree char *oldest_id = NULL;
  CrmWindow *window;
  CrmInboxPage *inbox;

  {
    g_autoptr(CrmStore) store = open_store (path);
    add_leads (store, names);
  }

  window = crm_application_open_database (app, path, FALSE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "inbox"));
  inbox = crm_window_get_inbox_page (window);
  WAIT_FOR (crm_inbox_page_get_loaded (inbox) && model_idle (crm_inbox_page_get_model (inbox)));
  g_assert_cmpuint (crm_inbox_page_get_count (inbox), ==, 2);

  oldest = g_list_model_get_item (G_LIST_MODEL (crm_inbox_page_get_model (inbox)), 0);
  oldest_id = g_strdup (crm_record_get_id (crm_record_item_get_record (oldest)));
  g_assert_cmpstr (crm_record_get_text (crm_record_item_get_record (oldest), "full_name"), ==, "Первый Лид");
  crm_inbox_page_tick (inbox);

  g_assert_true (crm_inbox_page_take (inbox, oldest_id));
  WAIT_FOR (model_idle (crm_inbox_page_get_model (inbox)) && crm_inbox_page_get_count (inbox) == 1);

  {
    g_autoptr(CrmStore) check = open_store (path);
    g_autoptr(CrmRecord) lead = crm_store_get (check, "leads", oldest_id, NULL);
    g_autofree char *first = crm_workspace_first_stage (check, NULL);

    g_assert_cmpstr (crm_record_get_text (lead, "stage_id"), !=, first);
    g_assert_cmpstr (crm_record_get_text (lead, "owner_id"), ==, crm_store_get_user_id (check));
  }
  destroy_window (GTK_WIDGET (window));
}

static void
test_settings_flow (void)
{
  g_autofree char *path = new_db ();
  GSettings *settings = crm_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_page = NULL;
  CrmWindow *window;
  int width, height;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_string (settings, "last-page", "clients");

  {
    g_autoptr(CrmStore) store = open_store (path);
    static const char *const names[] = { "Лид для настроек", NULL };
    add_leads (store, names);
  }
  window = crm_application_open_database (app, path, FALSE, &error);
  g_assert_no_error (error);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpstr (crm_window_get_page (window), ==, "clients");
  gtk_window_present (GTK_WINDOW (window));
  spin (50);

  /* The style follows the setting, through the app's stateful action. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("dark"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("default"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  /* Closing keeps the page for next time. */
  crm_window_show_page (window, "leads");
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  saved_page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (saved_page, ==, "leads");
  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* meson runs this under xvfb-run and dbus-run-session (a private bus). */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides /usr/share from
   * XDG_DATA_DIRS, so icon themes and MIME data (SVG icons) vanish. Every
   * database here lives in its own temporary directory anyway. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = crm_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/gui/shell/templates", test_templates);
  g_test_add_func ("/gui/shell/model/pages", test_model_pages);
  g_test_add_func ("/gui/shell/model/replace", test_model_replace);
  g_test_add_func ("/gui/shell/model/capped", test_model_capped);
  g_test_add_func ("/gui/shell/model/count", test_model_count);
  g_test_add_func ("/gui/shell/flow/welcome", test_welcome_flow);
  g_test_add_func ("/gui/shell/flow/leads", test_leads_flow);
  g_test_add_func ("/gui/shell/flow/inbox", test_inbox_flow);
  g_test_add_func ("/gui/shell/flow/settings", test_settings_flow);

  ret = crm_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
