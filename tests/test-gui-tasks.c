/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tasks in the GUI under Xvfb, on real database files with an injected
 * clock (CRM_TEST_T0, 2026-01-01 00:00 UTC, a Thursday; the workspace is
 * in UTC): the Tasks page's groups and counts and how they move with the
 * clock, done and snooze from a row, the task dialog's quick add, the
 * next step in the lead card, the sidebar badge, the autostart entry,
 * sending a task's message (mailto:, clipboard), the .ics export and
 * the window's subtitle on the Tasks page.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-lead-card.h"
#include "crm-notifier.h"
#include "crm-task-autostart.h"
#include "crm-task-badge.h"
#include "crm-task-dialog.h"
#include "crm-task-list-row.h"
#include "crm-task-next.h"
#include "crm-task-send.h"
#include "crm-tasks-page.h"
#include "crm-tasks-rows.h"
#include "crm-test-util.h"
#include "crm-window.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define DAY_MS (24 * HOUR_MS)

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

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

/* A lead with no tasks of its own (the first-response task and any
 * cadence it started are removed), so each test sets its own. */
static char *
add_lead (CrmTestStore *f)
{
  g_autofree char *lead = crm_test_add (f->store, "leads", "full_name", "Иванов Иван Петрович",
                                        "company", "ООО «Ромашка»", NULL);

  for (CrmTaskList l = CRM_TASK_LIST_OVERDUE; l < CRM_TASK_N_LISTS; l++)
    {
      g_autoptr(GPtrArray) tasks = crm_tasks_list (f->store, l, 0, NULL);

      for (guint i = 0; i < tasks->len; i++)
        g_assert_true (crm_store_delete (f->store, "tasks",
                                         crm_record_get_id (g_ptr_array_index (tasks, i)), NULL));
    }
  return g_steal_pointer (&lead);
}

static char *
add_task (CrmTestStore *f,
          const char   *lead,
          const char   *title,
          gint64        due_ms)
{
  g_autoptr(GError) error = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  char *id;

  input.entity_type = lead != NULL ? "lead" : NULL;
  input.entity_id = lead;
  input.kind = "call";
  input.title = title;
  input.due_ms = due_ms;
  input.remind_before_min = due_ms > 0 ? 0 : -1;
  id = crm_tasks_create (f->store, &input, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
model_idle (CrmTaskModel *model)
{
  return !crm_task_model_get_loading (model);
}

static CrmTaskItem *
item_at (CrmTaskModel *model,
         guint         i)
{
  CrmTaskItem *item = g_list_model_get_item (G_LIST_MODEL (model), i);

  g_object_unref (item); /* the model keeps it */
  return item;
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("VORONKA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  spin (300);
  paintable = gtk_widget_paintable_new (widget);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

/* ---- the core's rows, without a display ---- */

static void
test_rows (CrmTestStore  *f,
           gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { guint8 kind; guint8 list; guint32 count; } expect[] = {
    { CRM_TASK_ROW_SECTION, CRM_TASK_LIST_OVERDUE, 2 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_OVERDUE, 0 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_OVERDUE, 0 },
    { CRM_TASK_ROW_SECTION, CRM_TASK_LIST_TODAY, 1 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_TODAY, 0 },
    { CRM_TASK_ROW_SECTION, CRM_TASK_LIST_UPCOMING, 4 },
    { CRM_TASK_ROW_DAY, CRM_TASK_LIST_UPCOMING, 2 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_UPCOMING, 0 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_UPCOMING, 0 },
    { CRM_TASK_ROW_DAY, CRM_TASK_LIST_UPCOMING, 1 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_UPCOMING, 0 },
    { CRM_TASK_ROW_DAY, CRM_TASK_LIST_UPCOMING, 1 },
    { CRM_TASK_ROW_TASK, CRM_TASK_LIST_UPCOMING, 0 },
  };
  guint overdue = 0;

  g_free (add_task (f, lead, "Overdue a day", CRM_TEST_T0 - DAY_MS));
  g_free (add_task (f, lead, "Overdue an hour", CRM_TEST_T0 - HOUR_MS));
  g_free (add_task (f, lead, "Today", CRM_TEST_T0 + 10 * HOUR_MS));
  g_free (add_task (f, lead, "Tomorrow 10", CRM_TEST_T0 + DAY_MS + 10 * HOUR_MS));
  g_free (add_task (f, lead, "Tomorrow 15", CRM_TEST_T0 + DAY_MS + 15 * HOUR_MS));
  g_free (add_task (f, lead, "Sunday", CRM_TEST_T0 + 3 * DAY_MS + 9 * HOUR_MS));
  g_free (add_task (f, NULL, "Some day", 0));

  rows = crm_tasks_rows (f->store, CRM_TEST_T0, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmTaskRow *row = &g_array_index (rows, CrmTaskRow, i);

      g_assert_cmpuint (row->kind, ==, expect[i].kind);
      g_assert_cmpuint (row->list, ==, expect[i].list);
      if (row->kind != CRM_TASK_ROW_TASK)
        g_assert_cmpuint (row->count, ==, expect[i].count);
      else
        g_assert_cmpint (row->rid, >, 0);
    }
  /* Day headers carry their local midnight; "no due date" comes last. */
  g_assert_cmpint (g_array_index (rows, CrmTaskRow, 6).day_ms, ==, CRM_TEST_T0 + DAY_MS);
  g_assert_cmpint (g_array_index (rows, CrmTaskRow, 9).day_ms, ==, CRM_TEST_T0 + 3 * DAY_MS);
  g_assert_cmpint (g_array_index (rows, CrmTaskRow, 11).day_ms, ==, 0);

  /* The search narrows (case and ё folded); the badge counts due today. */
  g_clear_pointer (&rows, g_array_unref);
  rows = crm_tasks_rows (f->store, CRM_TEST_T0, FALSE, "TOMORROW", &error);
  g_assert_cmpuint (rows->len, ==, 4);
  /* …and finds the record's name too ("ё" = "е"); "Some day" has none. */
  g_clear_pointer (&rows, g_array_unref);
  rows = crm_tasks_rows (f->store, CRM_TEST_T0, FALSE, "иванов", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 11);
  g_assert_cmpuint (crm_tasks_count_due (f->store, CRM_TEST_T0, &overdue), ==, 3);
  g_assert_cmpuint (overdue, ==, 2);
  /* Snoozing "until tomorrow" lands at the next working morning. */
  g_assert_cmpint (crm_tasks_tomorrow_ms (f->store, CRM_TEST_T0 + 10 * HOUR_MS), >=, CRM_TEST_T0 + DAY_MS);
  g_assert_cmpstr (crm_tasks_guess_kind ("Перезвонить завтра"), ==, "call");
  g_assert_cmpstr (crm_tasks_guess_kind ("Send the offer"), ==, "email");
  g_assert_cmpstr (crm_tasks_guess_kind ("Buy paper"), ==, "todo");
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) msk = g_time_zone_new_identifier ("Europe/Moscow");
  g_autofree char *soon = crm_tasks_format_due (utc, CRM_TEST_T0 + 25 * 60000, CRM_TEST_T0);
  g_autofree char *late = crm_tasks_format_due (utc, CRM_TEST_T0 + HOUR_MS, CRM_TEST_T0 + 5 * HOUR_MS);
  g_autofree char *tomorrow = crm_tasks_format_due (utc, CRM_TEST_T0 + DAY_MS + 10 * HOUR_MS, CRM_TEST_T0);
  g_autofree char *moscow = crm_tasks_format_due (msk, CRM_TEST_T0 + 7 * HOUR_MS, CRM_TEST_T0);
  g_autofree char *day = crm_tasks_format_day (utc, CRM_TEST_T0 + DAY_MS, CRM_TEST_T0);
  g_autofree char *none = crm_tasks_format_day (utc, 0, CRM_TEST_T0);

  g_assert_cmpstr (soon, ==, "in 25 min · 00:25");
  g_assert_cmpstr (late, ==, "4 h ago · 01:00");
  g_assert_cmpstr (tomorrow, ==, "tomorrow · 10:00");
  /* 07:00 UTC is 10:00 in Moscow, the same day there. */
  g_assert_cmpstr (moscow, ==, "in 7 h · 10:00");
  g_assert_cmpstr (day, ==, "Tomorrow");
  g_assert_cmpstr (none, ==, "No due date");
}

/* ---- the page ---- */

static void
test_page_sections (CrmTestStore  *f,
                    gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autofree char *today = NULL;
  CrmTasksPage *page;
  CrmTaskModel *model;
  GtkWidget *window;

  g_free (add_task (f, lead, "Overdue", CRM_TEST_T0 - HOUR_MS));
  today = add_task (f, lead, "Call back", CRM_TEST_T0 + 2 * HOUR_MS);
  g_free (add_task (f, lead, "Next week", CRM_TEST_T0 + 7 * DAY_MS));
  g_assert_true (crm_tasks_set_done (f->store, today, FALSE, NULL));

  page = crm_tasks_page_new (f->store);
  model = crm_tasks_page_get_model (page);
  window = show_in_window (GTK_WIDGET (page));
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_OVERDUE), ==, 1);
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_TODAY), ==, 1);
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_UPCOMING), ==, 1);
  /* Overdue + 1, Today + 1, Upcoming + its day + 1. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
  WAIT_FOR (crm_task_item_get_task (item_at (model, 1)) != NULL);
  g_assert_cmpstr (crm_task_get_title (crm_task_item_get_task (item_at (model, 1))), ==, "Overdue");
  g_assert_cmpstr (crm_task_item_get_entity_name (item_at (model, 1)), ==, "Иванов Иван Петрович");
  shoot (window, "tasks-page");

  /* Ten minutes later the same rows stay, and their relative times move
   * on ("in 2 h" becomes "in 1 h"). */
  crm_clock_advance (f->clock, 10 * 60000);
  crm_tasks_page_refresh (page);
  WAIT_FOR (model_idle (model) && crm_task_item_get_now_ms (item_at (model, 1)) == CRM_TEST_T0 + 10 * 60000);
  crm_clock_advance (f->clock, -10 * 60000);

  /* Three hours later "Call back" is overdue too: the clock moves tasks. */
  crm_clock_advance (f->clock, 3 * HOUR_MS);
  crm_tasks_page_refresh (page);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_OVERDUE), ==, 2);
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_TODAY), ==, 0);

  /* Done on demand, with its own group; a search narrows everything. */
  crm_tasks_page_set_show_done (page, TRUE);
  WAIT_FOR (model_idle (model));
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_DONE), ==, 0);
  g_assert_true (crm_tasks_set_done (f->store, today, TRUE, NULL));
  crm_tasks_changed ();
  WAIT_FOR (model_idle (model) && crm_task_model_get_count (model, CRM_TASK_LIST_DONE) == 1);
  crm_tasks_page_set_search_text (page, "next");
  WAIT_FOR (model_idle (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) == 3);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
find_rows (GtkWidget *widget,
           GPtrArray *out)
{
  if (CRM_IS_TASK_LIST_ROW (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_rows (c, out);
}

static CrmTaskListRow *
row_for (GtkWidget  *window,
         const char *task_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_rows (window, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (crm_task_list_row_get_task_id (g_ptr_array_index (rows, i)), task_id) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static GtkCheckButton *
find_check (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkCheckButton *found = find_check (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_row_done_snooze (CrmTestStore  *f,
                      gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autofree char *call = add_task (f, lead, "Call back", CRM_TEST_T0 - HOUR_MS);
  g_autofree char *mail = add_task (f, lead, "Send the offer", CRM_TEST_T0 - 2 * HOUR_MS);
  g_autoptr(CrmRecord) after = NULL;
  CrmTasksPage *page = crm_tasks_page_new (f->store);
  CrmTaskModel *model = crm_tasks_page_get_model (page);
  GtkWidget *window = show_in_window (GTK_WIDGET (page));
  CrmTaskListRow *row;

  WAIT_FOR (model_idle (model) && row_for (window, call) != NULL && row_for (window, mail) != NULL);

  /* The row's check button completes the task. */
  row = row_for (window, call);
  gtk_check_button_set_active (find_check (GTK_WIDGET (row)), TRUE);
  after = crm_store_get (f->store, "tasks", call, NULL);
  g_assert_cmpint (crm_record_get_int (after, "done_ms", 0), ==, CRM_TEST_T0);
  WAIT_FOR (model_idle (model) && row_for (window, call) == NULL);

  /* The row's menu snoozes for an hour: no longer overdue. The menu is
   * built when it first opens. */
  WAIT_FOR (row_for (window, mail) != NULL);
  row = row_for (window, mail);
  g_assert_null (crm_task_list_row_get_menu (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.menu", NULL));
  g_assert_true (GTK_IS_POPOVER_MENU (crm_task_list_row_get_menu (row)));
  spin (50);
  gtk_popover_popdown (GTK_POPOVER (crm_task_list_row_get_menu (row)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.snooze", "i", 60));
  g_clear_object (&after);
  after = crm_store_get (f->store, "tasks", mail, NULL);
  g_assert_cmpint (crm_record_get_int (after, "remind_ms", 0), ==, CRM_TEST_T0 + HOUR_MS);
  g_assert_cmpint (crm_record_get_int (after, "due_ms", 0), ==, CRM_TEST_T0 + HOUR_MS);
  WAIT_FOR (model_idle (model) && crm_task_model_get_count (model, CRM_TASK_LIST_OVERDUE) == 0);
  g_assert_cmpuint (crm_task_model_get_count (model, CRM_TASK_LIST_TODAY), ==, 1);

  /* Until tomorrow: the next working day (Friday 2 January, 9:00). */
  WAIT_FOR (row_for (window, mail) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_for (window, mail)), "row.snooze-tomorrow", NULL));
  g_clear_object (&after);
  after = crm_store_get (f->store, "tasks", mail, NULL);
  g_assert_cmpint (crm_record_get_int (after, "due_ms", 0), >=, CRM_TEST_T0 + DAY_MS);
  g_assert_cmpint (crm_record_get_int (after, "due_ms", 0), <=, CRM_TEST_T0 + DAY_MS + 10 * HOUR_MS);

  /* Delete, then the toast's Undo (the page is in a plain window here:
   * the store says it is gone and back). */
  WAIT_FOR (model_idle (model) && row_for (window, mail) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_for (window, mail)), "row.delete", NULL));
  g_clear_object (&after);
  after = crm_store_get (f->store, "tasks", mail, NULL);
  g_assert_true (crm_record_is_deleted (after));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  if (GTK_IS_POPOVER (widget))
    return NULL; /* the page's menu scrolls too */
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkScrolledWindow *found = find_scroller (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A long list scrolls to its end, rows of every height included. */
static void
test_page_scroll (CrmTestStore  *f,
                  gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autofree char *last = NULL;
  CrmTasksPage *page = crm_tasks_page_new (f->store);
  CrmTaskModel *model = crm_tasks_page_get_model (page);
  GtkWidget *window;
  GtkAdjustment *adj;

  for (int i = 0; i < 400; i++)
    g_free (add_task (f, lead, "Call", CRM_TEST_T0 + (i - 100) * 6 * HOUR_MS));
  last = add_task (f, lead, "The last one", CRM_TEST_T0 + 200 * DAY_MS);
  crm_tasks_changed ();
  window = show_in_window (GTK_WIDGET (page));
  WAIT_FOR (model_idle (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) > 400);
  adj = gtk_scrolled_window_get_vadjustment (find_scroller (GTK_WIDGET (page)));
  WAIT_FOR (gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj));
  for (int i = 0; i < 50 && row_for (window, last) == NULL; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
      spin (50);
    }
  g_assert_nonnull (row_for (window, last));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* ---- the dialog ---- */

static void
test_dialog_quick_add (CrmTestStore  *f,
                       gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) task = NULL;
  CrmTaskDialog *dialog = crm_task_dialog_new (f->store, "leads", lead);

  gtk_window_present (GTK_WINDOW (dialog));
  crm_task_dialog_set_text (dialog, "Call back tomorrow 10:00");
  spin (50);
  shoot (GTK_WIDGET (dialog), "task-dialog");
  g_assert_true (crm_task_dialog_save (dialog, &error));
  g_assert_no_error (error);
  task = crm_store_get (f->store, "tasks", crm_task_dialog_get_task_id (dialog), NULL);
  g_assert_cmpstr (crm_record_get_text (task, "title"), ==, "Call back");
  g_assert_cmpstr (crm_record_get_text (task, "kind"), ==, "call");
  g_assert_cmpstr (crm_record_get_text (task, "entity_id"), ==, lead);
  g_assert_cmpint (crm_record_get_int (task, "due_ms", 0), ==, CRM_TEST_T0 + DAY_MS + 10 * HOUR_MS);
  g_assert_cmpint (crm_record_get_int (task, "remind_ms", 0), ==, CRM_TEST_T0 + DAY_MS + 10 * HOUR_MS);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Editing keeps the record and changes what was edited. */
  dialog = crm_task_dialog_new_edit (f->store, crm_record_get_id (task));
  crm_task_dialog_set_text (dialog, "Call back about the offer");
  g_assert_true (crm_task_dialog_save (dialog, &error));
  g_clear_object (&task);
  task = crm_store_get (f->store, "tasks", crm_task_dialog_get_task_id (dialog), NULL);
  g_assert_cmpstr (crm_record_get_text (task, "title"), ==, "Call back about the offer");
  g_assert_cmpint (crm_record_get_int (task, "due_ms", 0), ==, CRM_TEST_T0 + DAY_MS + 10 * HOUR_MS);
  g_assert_cmpstr (crm_record_get_text (task, "entity_id"), ==, lead);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

/* ---- the card's next step ---- */

static CrmTaskNext *
find_next (GtkWidget *widget)
{
  if (CRM_IS_TASK_NEXT (widget))
    return CRM_TASK_NEXT (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      CrmTaskNext *found = find_next (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_card_next_step (CrmTestStore  *f,
                     gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autofree char *task = NULL;
  CrmLeadCard *card = crm_lead_card_new (f->store);
  GtkWidget *window = show_in_window (GTK_WIDGET (card));
  CrmTaskNext *next;

  crm_lead_card_load (card, lead);
  next = find_next (GTK_WIDGET (card));
  g_assert_nonnull (next);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (next)));
  g_assert_null (crm_task_next_get_task_id (next));
  g_assert_true (crm_task_next_get_missing (next));
  shoot (window, "card-no-next-step");

  task = add_task (f, lead, "Call back", CRM_TEST_T0 - HOUR_MS);
  crm_tasks_changed ();
  g_assert_cmpstr (crm_task_next_get_task_id (next), ==, task);
  g_assert_false (crm_task_next_get_missing (next));
  shoot (window, "card-next-step");

  /* Done from the card: no next step again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (next), "next.done", NULL));
  g_assert_null (crm_task_next_get_task_id (next));
  g_assert_true (crm_task_next_get_missing (next));
  g_assert_true (crm_tasks_needs_next_step (f->store, lead));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}


/* ---- sending a task's message ---- */

static char *launched_uri;

static void
fake_launch (GtkWidget  *source,
             const char *uri)
{
  g_free (launched_uri);
  launched_uri = g_strdup (uri);
}

static char *
add_message_task (CrmTestStore *f,
                  const char   *lead,
                  const char   *kind,
                  const char   *title,
                  const char   *note,
                  gint64        due_ms)
{
  g_autoptr(GError) error = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  char *id;

  input.entity_type = lead != NULL ? "lead" : NULL;
  input.entity_id = lead;
  input.kind = kind;
  input.title = title;
  input.note = note;
  input.due_ms = due_ms;
  id = crm_tasks_create (f->store, &input, &error);
  g_assert_no_error (error);
  return id;
}

static GtkWidget *
find_by_action (GtkWidget  *widget,
                const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_action (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_text_read_cb (GObject      *clipboard,
                 GAsyncResult *result,
                 gpointer      data)
{
  char **out = data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = g_strdup ("");
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_read_cb, &text);
  WAIT_FOR (text != NULL);
  return text;
}

static void
test_send_message (CrmTestStore  *f,
                   gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autofree char *mail = NULL;
  g_autofree char *sms = NULL;
  g_autofree char *call = NULL;
  g_autofree char *own = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *count_text = NULL;
  g_autoptr(CrmRecord) after = NULL;
  CrmTasksPage *page;
  CrmTaskModel *model;
  GtkWidget *window;
  CrmTaskListRow *row;
  GtkWidget *button;

  g_free (crm_test_add (f->store, "emails", "entity_type", "lead", "entity_id", lead,
                        "raw", "ivan@romashka.example", NULL));
  mail = add_message_task (f, lead, "email", "Send the offer",
                           "Здравствуйте, {name}!\nЖдём ответа.", CRM_TEST_T0 - 2 * HOUR_MS);
  sms = add_message_task (f, lead, "message", "Write in the messenger",
                          "{name}, перезвоните, пожалуйста", CRM_TEST_T0 - HOUR_MS);
  call = add_message_task (f, lead, "call", "Call back", NULL, CRM_TEST_T0 + 2 * HOUR_MS);
  own = add_message_task (f, NULL, "message", "Congratulate the team", "С праздником!",
                          CRM_TEST_T0 + 3 * DAY_MS);
  crm_task_send_set_launcher (fake_launch);

  page = crm_tasks_page_new (f->store);
  model = crm_tasks_page_get_model (page);
  window = show_in_window (GTK_WIDGET (page));
  WAIT_FOR (model_idle (model) && row_for (window, mail) != NULL && row_for (window, sms) != NULL &&
            row_for (window, call) != NULL);

  /* The window's subtitle: how many tasks are late, due today, ahead. */
  g_object_get (page, "count-text", &count_text, NULL);
  g_assert_cmpstr (count_text, ==, "2 overdue · 1 today · 1 upcoming");
  shoot (window, "tasks-send");

  /* An e-mail with its letter: a visible button opens it in the mail
   * client, addressed and filled in; the task stays open. */
  row = row_for (window, mail);
  button = crm_task_list_row_get_send_button (row);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "row.write-email");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.menu", NULL));
  g_assert_true (GTK_IS_POPOVER_MENU (crm_task_list_row_get_menu (row)));
  gtk_popover_popdown (GTK_POPOVER (crm_task_list_row_get_menu (row)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (launched_uri, ==,
                   "mailto:ivan@romashka.example?subject=Send%20the%20offer"
                   "&body=%D0%97%D0%B4%D1%80%D0%B0%D0%B2%D1%81%D1%82%D0%B2%D1%83%D0%B9%D1%82%D0%B5,%20"
                   "%D0%98%D0%B2%D0%B0%D0%BD!%0D%0A%D0%96%D0%B4%D1%91%D0%BC%20%D0%BE%D1%82%D0%B2%D0%B5%D1%82%D0%B0.");
  after = crm_store_get (f->store, "tasks", mail, NULL);
  g_assert_false (crm_record_has_value (after, "done_ms"));

  /* A message for a messenger: its button copies the text, filled in. */
  row = row_for (window, sms);
  button = crm_task_list_row_get_send_button (row);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "row.copy-message");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.copy-message", NULL));
  copied = read_clipboard (GTK_WIDGET (row));
  g_assert_cmpstr (copied, ==, "Иван, перезвоните, пожалуйста");

  /* A call has nothing to send: no button. */
  g_assert_false (gtk_widget_get_visible (crm_task_list_row_get_send_button (row_for (window, call))));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);

  /* The dialog: an unlinked message can be copied but not e-mailed. */
  {
    CrmTaskDialog *dialog = crm_task_dialog_new_edit (f->store, own);
    GtkWidget *write, *copy;

    gtk_window_present (GTK_WINDOW (dialog));
    write = find_by_action (GTK_WIDGET (dialog), "task.write-email");
    copy = find_by_action (GTK_WIDGET (dialog), "task.copy-message");
    g_assert_nonnull (write);
    g_assert_nonnull (copy);
    g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (write)));
    g_assert_false (gtk_widget_is_sensitive (write));
    g_assert_true (gtk_widget_is_sensitive (copy));
    g_signal_emit_by_name (copy, "clicked");
    g_free (copied);
    copied = read_clipboard (GTK_WIDGET (dialog));
    g_assert_cmpstr (copied, ==, "С праздником!");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  {
    CrmTaskDialog *dialog = crm_task_dialog_new_edit (f->store, mail);
    GtkWidget *write;

    gtk_window_present (GTK_WINDOW (dialog));
    write = find_by_action (GTK_WIDGET (dialog), "task.write-email");
    g_assert_true (gtk_widget_is_sensitive (write));
    shoot (GTK_WIDGET (dialog), "task-dialog-send");
    g_clear_pointer (&launched_uri, g_free);
    g_signal_emit_by_name (write, "clicked");
    g_assert_true (g_str_has_prefix (launched_uri, "mailto:ivan@romashka.example?subject="));
  }

  /* The card's next step: the overdue e-mail, with both buttons. */
  {
    CrmLeadCard *card = crm_lead_card_new (f->store);
    CrmTaskNext *next;

    window = show_in_window (GTK_WIDGET (card));
    crm_lead_card_load (card, lead);
    next = find_next (GTK_WIDGET (card));
    g_assert_cmpstr (crm_task_next_get_task_id (next), ==, mail);
    shoot (window, "card-next-send");
    g_assert_true (gtk_widget_get_visible (find_by_action (GTK_WIDGET (next), "next.write-email")));
    g_assert_true (gtk_widget_get_visible (find_by_action (GTK_WIDGET (next), "next.copy-message")));
    g_clear_pointer (&launched_uri, g_free);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (next), "next.write-email", NULL));
    g_assert_true (g_str_has_prefix (launched_uri, "mailto:ivan@romashka.example?"));
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* No address: nothing is launched, and the card's button says why. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *email = crm_test_query_text (f->store, "SELECT id FROM emails WHERE entity_id = ?1", lead);
    CrmLeadCard *card = crm_lead_card_new (f->store);
    GtkWidget *write;

    g_assert_true (crm_store_delete (f->store, "emails", email, NULL));
    window = show_in_window (GTK_WIDGET (card));
    crm_lead_card_load (card, lead);
    write = find_by_action (GTK_WIDGET (find_next (GTK_WIDGET (card))), "next.write-email");
    g_assert_true (gtk_widget_get_visible (write));
    g_assert_false (gtk_widget_is_sensitive (write));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (write), "has no e-mail address"));
    gtk_window_destroy (GTK_WINDOW (window));

    g_clear_pointer (&launched_uri, g_free);
    window = show_in_window (gtk_label_new (""));
    g_assert_false (crm_task_send_write_email (window, f->store, mail, &error));
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
    g_assert_null (launched_uri);
    gtk_window_destroy (GTK_WINDOW (window));
  }

  crm_task_send_set_launcher (NULL);
  spin (50);
}

static void
test_export_ics (CrmTestStore  *f,
                 gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tasks.ics", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "tasks.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *done = add_task (f, lead, "Already done", CRM_TEST_T0 - HOUR_MS);
  CrmTasksPage *page;
  GtkWidget *window;

  g_free (add_task (f, lead, "Позвонить Ивану", CRM_TEST_T0 + HOUR_MS));
  g_assert_true (crm_tasks_set_done (f->store, done, TRUE, NULL));
  page = crm_tasks_page_new (f->store);
  window = show_in_window (GTK_WIDGET (page));

  g_assert_true (crm_tasks_page_export_ics (page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "BEGIN:VTODO"));
  g_assert_nonnull (strstr (contents, "Позвонить Ивану"));
  g_assert_null (strstr (contents, "Already done"));

  g_assert_false (crm_tasks_page_export_ics (page, bad_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}


/* The window's subtitle on the Tasks page is the page's counts. */
static AdwWindowTitle *
find_title (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_WINDOW_TITLE (widget) &&
      g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), title) == 0)
    return ADW_WINDOW_TITLE (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AdwWindowTitle *found = find_title (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_window_subtitle (CrmTestStore  *f,
                      gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autoptr(CrmApplication) app = crm_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  AdwWindowTitle *title;
  CrmWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_free (add_task (f, lead, "Late", CRM_TEST_T0 - HOUR_MS));
  g_free (add_task (f, lead, "Later", CRM_TEST_T0 - 2 * HOUR_MS));
  g_free (add_task (f, lead, "Soon", CRM_TEST_T0 + HOUR_MS));
  window = crm_window_new (GTK_APPLICATION (app), f->store, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  crm_window_show_page (window, "tasks");
  title = find_title (GTK_WIDGET (window), "Tasks");
  g_assert_nonnull (title);
  WAIT_FOR (g_strcmp0 (adw_window_title_get_subtitle (title), "2 overdue · 1 today") == 0);

  /* It follows the tasks: one done, the counts move. */
  {
    g_autoptr(GPtrArray) late = crm_tasks_list (f->store, CRM_TASK_LIST_OVERDUE, 0, NULL);

    g_assert_true (crm_tasks_set_done (f->store, crm_record_get_id (g_ptr_array_index (late, 0)), TRUE, NULL));
    crm_tasks_changed ();
  }
  WAIT_FOR (g_strcmp0 (adw_window_title_get_subtitle (title), "1 overdue · 1 today") == 0);

  /* Another page takes its own subtitle back. */
  crm_window_show_page (window, "funnel");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), !=, "1 overdue · 1 today");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* ---- the badge ---- */

static void
test_badge (CrmTestStore  *f,
            gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  GtkWidget *label = g_object_ref_sink (gtk_label_new (""));
  g_autoptr(CrmTaskBadge) badge = NULL;

  g_free (add_task (f, lead, "Overdue", CRM_TEST_T0 - HOUR_MS));
  g_free (add_task (f, lead, "Today", CRM_TEST_T0 + HOUR_MS));
  g_free (add_task (f, lead, "Tomorrow", CRM_TEST_T0 + DAY_MS + HOUR_MS));
  badge = crm_task_badge_new (f->store, GTK_LABEL (label));
  /* Counted a second after it starts, without the page. */
  WAIT_FOR (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), "2") == 0);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (gtk_widget_has_css_class (label, "overdue"));

  g_free (add_task (f, lead, "Later today", CRM_TEST_T0 + 5 * HOUR_MS));
  crm_tasks_changed ();
  WAIT_FOR (crm_task_badge_get_count (badge) == 3);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "3");
  g_clear_object (&badge);
  g_object_unref (label);
}

/* ---- the notifier: suspend, resume, clock changes ---- */

#define S_US G_GINT64_CONSTANT (1000000)

static void
on_notify_cb (GDBusConnection       *connection,
              const char            *sender,
              const char            *path,
              const char            *interface,
              const char            *method,
              GVariant              *params,
              GDBusMethodInvocation *invocation,
              gpointer               data)
{
  guint *notified = data;

  if (g_strcmp0 (method, "Notify") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++*notified));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static GDBusConnection *
start_counting_server (guint *notified)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "<arg type='u' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_notify_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  GDBusConnection *bus;

  g_assert_no_error (error);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, notified, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

static void
test_notifier_resume (CrmTestStore  *f,
                      gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autoptr(GApplication) app = g_application_new ("io.github.voronka.TestNotifier", G_APPLICATION_NON_UNIQUE);
  g_autoptr(CrmNotifier) notifier = NULL;
  g_autoptr(GDBusConnection) server = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  /* The minute tick's test: a resume or a clock change, not a slow tick. */
  g_assert_false (crm_notifier_clock_jumped (60 * S_US, 60 * S_US));
  g_assert_false (crm_notifier_clock_jumped (61 * S_US, 60 * S_US));
  g_assert_true (crm_notifier_clock_jumped (3600 * S_US, 60 * S_US));
  g_assert_true (crm_notifier_clock_jumped (-3540 * S_US, 60 * S_US));

  /* A notification server that counts (test-gui-notify checks what). */
  server = start_counting_server (&notified);

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  g_free (add_task (f, lead, "Call back", CRM_TEST_T0 + HOUR_MS));
  notifier = crm_notifier_new (app, f->store);
  crm_notifier_start (notifier);
  spin (50);
  g_assert_cmpuint (crm_notifier_get_n_sent (notifier), ==, 0);
  g_assert_true (crm_notifier_has_pending (notifier));

  /* The PC slept two hours: the timer's clock stood still, the wall clock
   * did not. On resume the reminder fires at once, and only once. */
  crm_clock_advance (f->clock, 2 * HOUR_MS);
  crm_notifier_check (notifier);
  WAIT_FOR (crm_notifier_get_n_sent (notifier) == 1 && notified == 1);
  crm_notifier_check (notifier);
  spin (100);
  g_assert_cmpuint (crm_notifier_get_n_sent (notifier), ==, 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (crm_notifier_has_pending (notifier));
  g_clear_object (&notifier);
  g_dbus_connection_close_sync (server, NULL, NULL);
}

/* ---- autostart ---- */

static void
test_autostart (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = crm_autostart_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *exec = NULL;

  g_assert_true (g_str_has_suffix (path, "/autostart/io.github.voronka.Voronka.desktop"));
  g_assert_true (crm_autostart_set (dir, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (keys, "Desktop Entry", "Exec", NULL);
  g_assert_cmpstr (exec, ==, "voronka --background");
  g_assert_true (g_key_file_get_boolean (keys, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  /* Writing twice is fine; removing twice too. */
  g_assert_true (crm_autostart_set (dir, TRUE, &error));
  g_assert_true (crm_autostart_set (dir, FALSE, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (crm_autostart_set (dir, FALSE, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);
  /* The isolated test directories hide /usr/share: give back the MIME
   * database and the icon theme, or SVG icons fail to load. */
  {
    g_autofree char *dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", g_getenv ("XDG_DATA_DIRS"));

    g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  }
  gtk_init ();
  adw_init ();

  g_test_add ("/core/tasks/rows", CrmTestStore, NULL, crm_test_store_setup, test_rows, crm_test_store_teardown);
  g_test_add_func ("/core/tasks/format", test_format);
  g_test_add ("/gui/tasks/page-sections", CrmTestStore, NULL,
              crm_test_store_setup, test_page_sections, crm_test_store_teardown);
  g_test_add ("/gui/tasks/row-done-snooze", CrmTestStore, NULL,
              crm_test_store_setup, test_row_done_snooze, crm_test_store_teardown);
  g_test_add ("/gui/tasks/page-scroll", CrmTestStore, NULL,
              crm_test_store_setup, test_page_scroll, crm_test_store_teardown);
  g_test_add ("/gui/tasks/dialog-quick-add", CrmTestStore, NULL,
              crm_test_store_setup, test_dialog_quick_add, crm_test_store_teardown);
  g_test_add ("/gui/tasks/card-next-step", CrmTestStore, NULL,
              crm_test_store_setup, test_card_next_step, crm_test_store_teardown);
  g_test_add ("/gui/tasks/send-message", CrmTestStore, NULL,
              crm_test_store_setup, test_send_message, crm_test_store_teardown);
  g_test_add ("/gui/tasks/export-ics", CrmTestStore, NULL,
              crm_test_store_setup, test_export_ics, crm_test_store_teardown);
  g_test_add ("/gui/tasks/window-subtitle", CrmTestStore, NULL,
              crm_test_store_setup, test_window_subtitle, crm_test_store_teardown);
  g_test_add ("/gui/tasks/badge", CrmTestStore, NULL, crm_test_store_setup, test_badge, crm_test_store_teardown);
  g_test_add ("/gui/tasks/notifier-resume", CrmTestStore, NULL,
              crm_test_store_setup, test_notifier_resume, crm_test_store_teardown);
  g_test_add_func ("/gui/tasks/autostart", test_autostart);
  return crm_test_run ();
}
