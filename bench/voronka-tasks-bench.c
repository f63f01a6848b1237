/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * voronka-tasks-bench: the Tasks page and the reminder scheduler with
 * 100,000 tasks (issue 5). A command, not a test:
 *
 *   xvfb-run -a -s '-screen 0 1400x900x24' dbus-run-session -- \
 *     build-tasks-release/bench/voronka-tasks-bench [--tasks N] [--runs N] [--keep FILE]
 *
 * It writes a workspace of N tasks (a fifth overdue, a twentieth due today,
 * the rest over the next three months, each reminded 15 minutes before,
 * linked to 2,000 leads) through the write path, then measures, each
 * against its target:
 *
 *   - the Tasks page's first frame with rows: a new page in a new window,
 *     from creating it to the first painted frame that shows real tasks
 *     (the rows and headers are computed off the UI thread) — ≤ 500 ms;
 *   - the overdue query: the page's rows (one walk of the open-task index,
 *     grouped into Overdue / Today / Upcoming by day), the badge's
 *     overdue + today count, and the first 50 overdue tasks — ≤ 50 ms;
 *   - the scheduler's wake-up with every reminder pending (ONE timer for
 *     all of them): computing the next wake, and a wake that fires a due
 *     batch of reminders and re-arms — ≤ 5 ms.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "crm-core.h"
#include "crm-reminders.h"
#include "crm-task-model.h"
#include "crm-tasks-page.h"
#include "crm-tasks-rows.h"

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define DAY_MS (24 * 60 * MINUTE_MS)
#define N_LEADS 2000

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, cmp_double);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : 0;
}

static double
maximum (GArray *values)
{
  g_array_sort (values, cmp_double);
  return values->len > 0 ? g_array_index (values, double, values->len - 1) : 0;
}

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

/* ---- the workspace ---- */

static void
generate (const char *path,
          guint       n_tasks,
          gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now - 3 * DAY_MS);
  g_autoptr(CrmStore) store = crm_store_open (path, clock, &error);
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (20260105);
  gint64 start = g_get_monotonic_time ();

  if (store == NULL)
    g_error ("%s: %s", path, error->message);
  crm_store_set_bulk (store, TRUE);
  if (!crm_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < N_LEADS; i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("leads");
      g_autofree char *name = g_strdup_printf ("Лид %04u", i);

      crm_change_set_text (change, "full_name", name);
      if (!crm_store_apply (store, change, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (leads, g_strdup (crm_change_get_id (change)));
    }
  crm_clock_set_fixed (clock, now);
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("tasks");
      static const char *const kinds[] = { "call", "email", "meeting", "todo" };
      static const char *const titles[] = { "Перезвонить", "Отправить КП", "Встреча в офисе", "Уточнить бюджет" };
      gint64 due;

      if (i % 5 == 0)
        due = now - g_rand_int_range (rand, 1, 30 * 24 * 60) * MINUTE_MS;
      else if (i % 20 == 1)
        due = now + g_rand_int_range (rand, 1, 8 * 60) * MINUTE_MS;
      else
        due = now + DAY_MS + g_rand_int_range (rand, 0, 90 * 24 * 60) * MINUTE_MS;
      crm_change_set_text (change, "entity_type", "lead");
      crm_change_set_text (change, "entity_id", g_ptr_array_index (leads, i % N_LEADS));
      crm_change_set_text (change, "kind", kinds[i % 4]);
      crm_change_set_text (change, "title", titles[i % 4]);
      crm_change_set_int (change, "due_ms", due);
      crm_change_set_int (change, "remind_ms", due - 15 * MINUTE_MS);
      if (!crm_store_apply (store, change, &error))
        g_error ("%s", error->message);
    }
  if (!crm_store_commit (store, &error))
    g_error ("%s", error->message);
  crm_store_set_bulk (store, FALSE);
  {
    g_autofree char *checked = g_strdup_printf ("%" G_GINT64_FORMAT, now);

    crm_store_set_local (store, "reminders_checked_ms", checked, NULL);
  }
  g_rand_free (rand);
  g_printerr ("voronka-tasks-bench: wrote %u tasks for %u leads in %.1f s\n",
              n_tasks, N_LEADS, ms_since (start) / 1000);
}

/* ---- the page's first frame ---- */

typedef struct
{
  CrmTaskModel *model;
  gint64        start;
  double        first_paint_ms;
  double        rows_ms;
  double        ready_ms;
  gboolean      done;
} Frame;

static void
on_ready_cb (CrmTaskModel *model,
             Frame        *f)
{
  if (f->ready_ms == 0)
    f->ready_ms = ms_since (f->start);
}

static gboolean
has_rows (CrmTaskModel *model)
{
  g_autoptr(CrmTaskItem) item = NULL;

  if (crm_task_model_get_loading (model) || g_list_model_get_n_items (G_LIST_MODEL (model)) < 2)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (model), 1);
  return crm_task_item_get_task (item) != NULL;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Frame         *f)
{
  if (f->first_paint_ms == 0)
    f->first_paint_ms = ms_since (f->start);
  if (!f->done && has_rows (f->model))
    {
      f->rows_ms = ms_since (f->start);
      f->done = TRUE;
    }
}

static void
on_realize_cb (GtkWidget *window,
               Frame     *f)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), f);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  /* Keep frames coming until the rows are painted (Xvfb has no vsync). */
  gtk_widget_queue_draw (widget);
  return ((Frame *) data)->done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
first_frame (CrmStore *store,
             GArray   *paint,
             GArray   *rows)
{
  Frame f = { 0 };
  GtkWidget *window;
  CrmTasksPage *page;
  gint64 end;

  f.start = g_get_monotonic_time ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &f);
  page = crm_tasks_page_new (store);
  f.model = crm_tasks_page_get_model (page);
  g_signal_connect (f.model, "ready", G_CALLBACK (on_ready_cb), &f);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_widget_add_tick_callback (window, tick_cb, &f, NULL);
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!f.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!f.done)
    g_error ("the Tasks page never showed its rows");
  if (g_getenv ("VORONKA_BENCH_VERBOSE") != NULL)
    g_printerr ("first paint %.1f ms, rows ready %.1f ms, rows painted %.1f ms\n",
                f.first_paint_ms, f.ready_ms, f.rows_ms);
  g_array_append_val (paint, f.first_paint_ms);
  g_array_append_val (rows, f.rows_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- the scheduler ---- */

static guint fired;

static void
on_fired_cb (CrmReminders *r,
             CrmTask      *task,
             gpointer      data)
{
  fired++;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keep = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GArray) paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) q_rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) q_count = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) q_overdue = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) s_next = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) s_fire = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) s_idle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) s_hour = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autoptr(CrmReminders) reminders = NULL;
  int n_tasks = 100000, runs = 5;
  guint counts[CRM_TASK_N_LISTS] = { 0 };
  gint64 now = (g_get_real_time () / 1000 / MINUTE_MS) * MINUTE_MS;
  guint pending, batch = 0, hour_batch = 0;
  GOptionEntry entries[] = {
    { "tasks", 0, 0, G_OPTION_ARG_INT, &n_tasks, "How many tasks (100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each figure (5)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write (or reuse) the workspace here", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("— the Tasks page and reminders with 100,000 tasks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  if (keep != NULL)
    path = g_strdup (keep);
  else
    {
      dir = g_dir_make_tmp ("voronka-tasks-bench-XXXXXX", &error);
      path = g_build_filename (dir, "tasks.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    generate (path, (guint) n_tasks, now);

  /* The app's clock, fixed at the moment the tasks were written for. */
  clock = crm_clock_new_fixed (now);
  store = crm_store_open (path, clock, &error);
  if (store == NULL)
    g_error ("%s: %s", path, error->message);
  crm_tasks_count (store, counts, NULL);

  /* ---- queries (warm: each figure is the median of 20) ---- */
  for (int i = 0; i < 20; i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr(GPtrArray) overdue = NULL;
      double ms;

      g_clear_pointer (&rows, g_array_unref);
      rows = crm_tasks_rows (store, now, FALSE, NULL, NULL);
      ms = ms_since (t);
      g_array_append_val (q_rows, ms);
      t = g_get_monotonic_time ();
      crm_tasks_count_due (store, now, NULL);
      ms = ms_since (t);
      g_array_append_val (q_count, ms);
      t = g_get_monotonic_time ();
      overdue = crm_tasks_list (store, CRM_TASK_LIST_OVERDUE, 50, NULL);
      ms = ms_since (t);
      g_array_append_val (q_overdue, ms);
    }

  /* ---- the scheduler: one timer for every pending reminder ---- */
  pending = counts[CRM_TASK_LIST_TODAY] + counts[CRM_TASK_LIST_UPCOMING];
  reminders = crm_reminders_new (store);
  g_signal_connect (reminders, "reminder-fired", G_CALLBACK (on_fired_cb), NULL);
  for (int i = 0; i < 20; i++)
    {
      gint64 t = g_get_monotonic_time ();
      double ms;

      crm_tasks_next_reminder_ms (store, crm_clock_get_now_ms (clock));
      ms = ms_since (t);
      g_array_append_val (s_next, ms);
    }
  crm_reminders_start (reminders);
  for (int i = 0; i < 40; i++)
    {
      gint64 t;
      double ms;

      /* A wake with nothing due (the minute's safety check)… */
      t = g_get_monotonic_time ();
      crm_reminders_check (reminders);
      ms = ms_since (t);
      g_array_append_val (s_idle, ms);
      /* …and one an hour (the first 20) or a day (the next 20) later,
       * firing what came due meanwhile, as after a suspend. */
      crm_clock_advance (clock, i < 20 ? 60 * MINUTE_MS : DAY_MS);
      fired = 0;
      t = g_get_monotonic_time ();
      crm_reminders_check (reminders);
      ms = ms_since (t);
      if (i < 20)
        {
          g_array_append_val (s_hour, ms);
          hour_batch += fired;
        }
      else
        {
          g_array_append_val (s_fire, ms);
          batch += fired;
        }
    }
  crm_reminders_stop (reminders);
  crm_clock_set_fixed (clock, now);

  /* ---- the page's first frame ---- */
  gtk_init ();
  adw_init ();
  for (int i = 0; i < runs; i++)
    first_frame (store, paint, rows_ms);

  printf ("\nVoronka tasks benchmark: %u open tasks (%u overdue, %u today, %u upcoming), "
          "%u pending reminders, release build, cairo\n\n",
          counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2], pending);
  printf ("| what | measured | ratio to target | target |\n|---|---|---|---|\n");
  printf ("| Tasks page: new page → first frame painted (median of %d) | %.0f ms | ×%.2f | ≤ 500 ms |\n",
          runs, median (paint), median (paint) / 500);
  printf ("| Tasks page: new page → first frame with rows (median / max of %d) | %.0f / %.0f ms | ×%.2f | ≤ 500 ms |\n",
          runs, median (rows_ms), maximum (rows_ms), median (rows_ms) / 500);
  printf ("| the page's rows: groups and days of %u tasks (median of 20) | %.1f ms | ×%.2f | ≤ 50 ms |\n",
          rows->len, median (q_rows), median (q_rows) / 50);
  printf ("| overdue query: first 50 overdue tasks (median of 20) | %.2f ms | ×%.3f | ≤ 50 ms |\n",
          median (q_overdue), median (q_overdue) / 50);
  printf ("| badge: overdue + due today count (median of 20) | %.2f ms | ×%.3f | ≤ 50 ms |\n",
          median (q_count), median (q_count) / 50);
  printf ("| scheduler: next wake among %u pending reminders (median of 20) | %.3f ms | ×%.4f | ≤ 5 ms |\n",
          pending, median (s_next), median (s_next) / 5);
  printf ("| scheduler: wake with nothing due, re-arm (median of 40) | %.3f ms | ×%.4f | ≤ 5 ms |\n",
          median (s_idle), median (s_idle) / 5);
  {
    double total = 0;

    for (guint i = 0; i < s_hour->len; i++)
      total += g_array_index (s_hour, double, i);
    for (guint i = 0; i < s_fire->len; i++)
      total += g_array_index (s_fire, double, i);
    printf ("| scheduler: cost per fired reminder (%u fired in 40 wakes, an hour then a day apart) | %.1f µs | | |\n",
            hour_batch + batch, 1000 * total / MAX (hour_batch + batch, 1));
  }
  printf ("| scheduler: wake firing a day's reminders (%u on average), re-arm (median / max of 20) | %.2f / %.2f ms | ×%.3f | ≤ 5 ms |\n",
          batch / 20, median (s_fire), maximum (s_fire), median (s_fire) / 5);

  g_clear_object (&reminders);
  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
    }
  return 0;
}
