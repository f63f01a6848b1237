/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * voronka-board-bench: the Funnel page's targets (DESIGN.md §7, issue 4):
 * a board of 50,000 leads over 7 stages, one column holding 20,000.
 *
 * Usage:
 *   voronka-board-bench gen FILE            write the 50k-lead workspace
 *   voronka-board-bench demo FILE [N]       a demo workspace of N leads
 *   voronka-board-bench run FILE [--runs N] measure (under Xvfb with a
 *     private session bus):
 *     xvfb-run -a -s '-screen 0 1400x900x24' dbus-run-session -- \
 *       voronka-board-bench run board.db
 *
 * Each run is a fresh child process (cold start, its own GSK_RENDERER):
 *   first frame    top of main() → the window's first "after-paint", the
 *                  app opened on the Funnel page
 *   cards painted  top of main() → the first frame after every column's
 *                  ids and first page are in place
 *   scroll         frame work (before-paint → after-paint) while a tick
 *                  callback scrolls the 20k column, split at the end of
 *                  the "layout" phase, and the UI thread's CPU time a
 *                  frame (the same work less what other processes took)
 *   drop           crm_funnel_page_drop() (the drop handler: the stage's
 *                  rules, one crm_funnel_move() transaction, the card moved
 *                  between the two models) until it returns, committed
 *   RSS            VmRSS after scrolling and dropping, and a bare
 *                  libadwaita window's, started the same way
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crm-application.h"
#include "crm-board-column.h"
#include "crm-board-model.h"
#include "crm-core.h"
#include "crm-funnel-page.h"
#include "crm-window.h"

#define N_LEADS 50000
#define BIG_COLUMN 20000

static gint64 t0;

/* ---- helpers ---- */

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, cmp_double);
  i = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static void
spin_until (gboolean *flag,
            guint     timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!*flag)
    {
      g_printerr ("voronka-board-bench: timed out\n");
      exit (3);
    }
}

static void
spin_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- gen ---- */

static int
gen (const char *path)
{
  static const char *const first[] = { "Иван", "Пётр", "Анна", "Мария", "Олег", "Ольга", "Сергей", "Елена" };
  static const char *const last[] = { "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов",
                                      "Лебедев", "Козлов", "Новиков", "Морозов" };
  static const char *const temps[] = { "hot", "warm", "cold", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  guint quota[16] = { 0 };
  guint n_open = 0;
  gint64 start = g_get_monotonic_time ();

  if (store == NULL || !(stages = crm_stage_list (store, NULL, &error)) ||
      !(channels = crm_catalog_list (store, "channels", NULL, &error)))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  /* 20k in the first stage, the rest spread over the other six. */
  for (guint i = 0; i < stages->len && i < G_N_ELEMENTS (quota); i++)
    {
      quota[i] = i == 0 ? BIG_COLUMN : (N_LEADS - BIG_COLUMN) / MAX (stages->len - 1, 1);
      n_open++;
    }
  crm_store_set_bulk (store, TRUE);
  if (!crm_store_begin (store, &error))
    goto fail;
  for (guint s = 0; s < n_open; s++)
    for (guint i = 0; i < quota[s]; i++)
      {
        g_autoptr(CrmChange) change = crm_change_new_create ("leads");
        g_autofree char *name = g_strdup_printf ("%s %s %u", last[g_rand_int_range (rand, 0, 10)],
                                                 first[g_rand_int_range (rand, 0, 8)], i);
        g_autofree char *company = g_strdup_printf ("ООО «Компания %u»", g_rand_int_range (rand, 1, 5000));
        const char *temp = temps[g_rand_int_range (rand, 0, 4)];

        crm_change_set_text (change, "full_name", name);
        crm_change_set_text (change, "company", company);
        crm_change_set_text (change, "stage_id", crm_record_get_id (g_ptr_array_index (stages, s)));
        crm_change_set_int (change, "value", (gint64) g_rand_int_range (rand, 1, 2000) * 1000 * 100);
        if (temp != NULL)
          crm_change_set_text (change, "temperature", temp);
        if (channels->len > 0)
          crm_change_set_text (change, "channel_id",
                               crm_record_get_id (g_ptr_array_index (channels, g_rand_int_range (rand, 0, channels->len))));
        if (!crm_store_apply (store, change, &error))
          goto fail;
      }
  if (!crm_store_commit (store, &error))
    goto fail;
  crm_store_set_bulk (store, FALSE);
  if (!crm_search_rebuild (store, &error))
    goto fail;
  printf ("%s: %d leads over %u stages (%d in “%s”) in %.1f s\n", path, N_LEADS, n_open, BIG_COLUMN,
          crm_record_get_text (g_ptr_array_index (stages, 0), "name"), ms_since (start) / 1000);
  return 0;

fail:
  g_printerr ("%s: %s\n", path, error->message);
  return 1;
}

/* ---- frames ---- */

typedef struct
{
  gboolean painted;
  double   first_frame_ms;
  gboolean loaded;
  gboolean cards_painted;
  double   cards_ms;
} FirstFrame;

static void
on_after_paint_first_cb (GdkFrameClock *clock,
                         FirstFrame    *ff)
{
  if (!ff->painted)
    {
      ff->painted = TRUE;
      ff->first_frame_ms = ms_since (t0);
    }
  if (ff->loaded && !ff->cards_painted)
    {
      ff->cards_painted = TRUE;
      ff->cards_ms = ms_since (t0);
    }
}

static void
on_realize_cb (GtkWidget  *window,
               FirstFrame *ff)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_first_cb), ff);
}

static void
on_loaded_cb (CrmFunnelPage *page,
              FirstFrame    *ff)
{
  if (!ff->loaded)
    {
      ff->loaded = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (page));
    }
}

typedef struct
{
  GArray        *frames;
  GArray        *layouts;
  GArray        *paints;
  GArray        *cpus;
  gint64         paint_start;
  gint64         layout_end;
  gint64         cpu_start;
  GtkAdjustment *vadj;
  double         step;
  guint          ticks;
  guint          n_ticks;
  gboolean       done;
} Scroll;

/* The UI thread's CPU time: what a frame costs without the time other
 * processes on the machine took the core away. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Scroll        *s)
{
  s->paint_start = g_get_monotonic_time ();
  s->layout_end = 0;
  s->cpu_start = thread_cpu_us ();
}

/* Connected after GTK's own handler: the end of the layout phase (the
 * tick's scroll, measuring and allocating), where painting starts. */
static void
on_layout_cb (GdkFrameClock *clock,
              Scroll        *s)
{
  s->layout_end = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Scroll        *s)
{
  if (s->paint_start != 0 && s->ticks > 5 && !s->done)
    {
      gint64 now = g_get_monotonic_time ();
      double ms = (now - s->paint_start) / 1000.0;

      g_array_append_val (s->frames, ms);
      ms = (thread_cpu_us () - s->cpu_start) / 1000.0;
      g_array_append_val (s->cpus, ms);
      if (s->layout_end != 0)
        {
          ms = (s->layout_end - s->paint_start) / 1000.0;
          g_array_append_val (s->layouts, ms);
          ms = (now - s->layout_end) / 1000.0;
          g_array_append_val (s->paints, ms);
        }
    }
  s->paint_start = 0;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *s = data;

  if (++s->ticks > s->n_ticks)
    {
      s->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (s->vadj, gtk_adjustment_get_value (s->vadj) + s->step);
  return G_SOURCE_CONTINUE;
}

static gboolean painted;
static guint n_painted;
static gint64 frame_start, frame_end;

static void
on_painted_cb (gboolean *flag)
{
  *flag = TRUE;
  n_painted++;
  frame_end = g_get_monotonic_time ();
}

static void
on_frame_start_cb (gpointer data)
{
  frame_start = g_get_monotonic_time ();
}

static CrmFunnelPage *
find_page (GtkWidget *widget)
{
  if (CRM_IS_FUNNEL_PAGE (widget))
    return CRM_FUNNEL_PAGE (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      CrmFunnelPage *found = find_page (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_idle (CrmFunnelPage *page)
{
  return !crm_funnel_page_is_loading (page);
}

static void
wait_idle (CrmFunnelPage *page)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!page_idle (page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static int
child (const char *mode,
       const char *db)
{
  g_autoptr(CrmApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  FirstFrame ff = { 0 };
  GtkWindow *window;
  CrmFunnelPage *page;

  if (strcmp (mode, "bare") == 0)
    {
      g_autoptr(AdwApplication) bare = adw_application_new ("io.github.voronka.BoardBench", G_APPLICATION_NON_UNIQUE);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      g_application_register (G_APPLICATION (bare), NULL, NULL);
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (bare)));
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_box_append (GTK_BOX (box), adw_status_page_new ());
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
      gtk_window_set_default_size (window, 1380, 860);
      g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &ff);
      gtk_window_present (window);
      spin_until (&ff.painted, 30);
      spin_ms (300);
      printf ("first_frame_ms=%.1f rss_kb=%ld\n", ff.first_frame_ms, rss_kb ());
      return 0;
    }

  app = crm_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  if (!(window = GTK_WINDOW (crm_application_open_database (app, db, FALSE, &error))))
    {
      g_printerr ("%s: %s\n", db, error->message);
      return 1;
    }
  gtk_window_set_default_size (window, 1380, 860);
  crm_window_show_page (CRM_WINDOW (window), "funnel");
  page = find_page (GTK_WIDGET (window));
  if (page == NULL)
    {
      g_printerr ("no Funnel page\n");
      return 1;
    }
  g_signal_connect (page, "loaded", G_CALLBACK (on_loaded_cb), &ff);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &ff);
  gtk_window_present (window);
  spin_until (&ff.painted, 60);
  spin_until (&ff.cards_painted, 60);
  wait_idle (page);
  if (g_getenv ("VORONKA_BENCH_ONLY_LOAD") != NULL)
    {
      printf ("first_frame_ms=%.1f cards_ms=%.1f\n", ff.first_frame_ms, ff.cards_ms);
      return 0;
    }

  /* Scroll the big column. */
  {
    GtkWidget *big = NULL;
    GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
    Scroll s = { 0 };
    gulong before, after, layout;
    guint big_n = 0;

    for (guint i = 0; i < crm_funnel_page_get_n_columns (page); i++)
      {
        GtkWidget *column = crm_funnel_page_get_column (page, i);
        guint n = g_list_model_get_n_items (G_LIST_MODEL (crm_board_column_get_model (CRM_BOARD_COLUMN (column))));

        if (n > big_n)
          {
            big = column;
            big_n = n;
          }
      }
    s.frames = g_array_new (FALSE, FALSE, sizeof (double));
    s.layouts = g_array_new (FALSE, FALSE, sizeof (double));
    s.paints = g_array_new (FALSE, FALSE, sizeof (double));
    s.cpus = g_array_new (FALSE, FALSE, sizeof (double));
    s.vadj = crm_board_column_get_vadjustment (CRM_BOARD_COLUMN (big));
    s.step = 97;   /* about a card a frame, never a whole number of rows */
    s.n_ticks = 400;
    before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &s);
    after = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &s);
    layout = g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), &s);
    gtk_widget_add_tick_callback (big, scroll_tick_cb, &s, NULL);
    spin_until (&s.done, 120);
    g_signal_handler_disconnect (clock, before);
    g_signal_handler_disconnect (clock, after);
    g_signal_handler_disconnect (clock, layout);

    /* Drops: back and forth between two open columns without required
     * fields, the big one first. */
    {
      g_autoptr(GArray) drops = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) commits = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
      GtkWidget *a = NULL, *b = NULL;
      g_autoptr(GArray) shown_work = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) shown_frames = g_array_new (FALSE, FALSE, sizeof (double));
      gulong paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_painted_cb), &painted);
      gulong start_id = g_signal_connect_swapped (clock, "before-paint", G_CALLBACK (on_frame_start_cb), NULL);

      for (guint i = 0; i < crm_funnel_page_get_n_columns (page); i++)
        {
          CrmBoardColumn *column = CRM_BOARD_COLUMN (crm_funnel_page_get_column (page, i));
          CrmRecord *stage = crm_board_column_get_stage (column);
          const char *kind = crm_board_column_get_kind (column);
          const char *required = crm_record_get_text (stage, "required_fields");

          if ((g_strcmp0 (kind, "open") != 0 && g_strcmp0 (kind, "nurture") != 0) ||
              (required != NULL && strcmp (required, "[]") != 0))
            continue;
          if (a == NULL)
            a = GTK_WIDGET (column);
          else if (b == NULL)
            b = GTK_WIDGET (column);
        }
      for (guint i = 0; a != NULL && b != NULL && i < 60; i++)
        {
          CrmBoardColumn *from = CRM_BOARD_COLUMN (i % 2 == 0 ? a : b);
          CrmBoardColumn *to = CRM_BOARD_COLUMN (i % 2 == 0 ? b : a);
          /* As by hand: a card on screen dropped between two on screen
           * (the big column is still scrolled far down). */
          gint64 rid = crm_board_model_get_rid (crm_board_column_get_model (from),
                                                crm_board_column_index_at (from, 120));
          guint index = crm_board_column_index_at (to, 150);
          gint64 start = g_get_monotonic_time ();
          guint painted_before = n_painted;
          double ms;

          crm_funnel_page_drop (page, rid, crm_board_column_get_stage_id (to), index);
          ms = ms_since (start);
          g_array_append_val (drops, ms);
          ms = crm_funnel_page_get_last_move_us (page) / 1000.0;
          g_array_append_val (commits, ms);
          /* Until the card is in its new column and that frame painted. */
          while (crm_board_model_find (crm_board_column_get_model (to), rid) < 0)
            g_main_context_iteration (NULL, TRUE);
          painted = FALSE;
          gtk_widget_queue_draw (GTK_WIDGET (to));
          while (!painted)
            g_main_context_iteration (NULL, TRUE);
          ms = ms_since (start);
          g_array_append_val (shown, ms);
          /* The frame that showed it: its work, and how many frames the
           * drop took (1: the first frame after it). */
          ms = (frame_end - frame_start) / 1000.0;
          g_array_append_val (shown_work, ms);
          ms = n_painted - painted_before;
          g_array_append_val (shown_frames, ms);
          /* Let the confirming reload and the frame happen, as between
           * two drops by hand. */
          wait_idle (page);
          spin_ms (30);
        }
      g_signal_handler_disconnect (clock, paint_id);
      g_signal_handler_disconnect (clock, start_id);
      printf ("first_frame_ms=%.1f cards_ms=%.1f scroll_p50=%.2f scroll_p95=%.2f scroll_max=%.2f frames=%u"
              " drop_p50=%.2f drop_p95=%.2f commit_p50=%.2f commit_p95=%.2f shown_p50=%.2f shown_p95=%.2f"
              " drops=%u big=%u rss_kb=%ld layout_p50=%.2f layout_p95=%.2f paint_p50=%.2f paint_p95=%.2f"
              " cpu_p50=%.2f cpu_p95=%.2f shown_work_p50=%.2f shown_work_p95=%.2f shown_frames_p50=%.0f"
              " shown_frames_max=%.0f\n",
              ff.first_frame_ms, ff.cards_ms, percentile (s.frames, 0.5), percentile (s.frames, 0.95),
              percentile (s.frames, 1.0), s.frames->len, percentile (drops, 0.5), percentile (drops, 0.95),
              percentile (commits, 0.5), percentile (commits, 0.95), percentile (shown, 0.5),
              percentile (shown, 0.95), drops->len, big_n, rss_kb (), percentile (s.layouts, 0.5),
              percentile (s.layouts, 0.95), percentile (s.paints, 0.5), percentile (s.paints, 0.95),
              percentile (s.cpus, 0.5), percentile (s.cpus, 0.95), percentile (shown_work, 0.5),
              percentile (shown_work, 0.95), percentile (shown_frames, 0.5), percentile (shown_frames, 1.0));
    }
    g_array_unref (s.frames);
    g_array_unref (s.layouts);
    g_array_unref (s.paints);
    g_array_unref (s.cpus);
  }
  return 0;
}

/* ---- the parent: runs the children and prints the table ---- */

static double
field (const char *line,
       const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s=", name);
  const char *p = strstr (line, key);

  return p != NULL ? g_ascii_strtod (p + strlen (key), NULL) : -1;
}

static char *
run_child (const char *self,
           const char *mode,
           const char *db,
           const char *renderer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, self, "--child", mode, db, NULL);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("child %s: %s\n", mode, error->message);
      exit (1);
    }
  if (!g_subprocess_get_successful (proc))
    {
      g_printerr ("child %s failed\n", mode);
      exit (1);
    }
  return out;
}

static double
median (GArray *values)
{
  return percentile (values, 0.5);
}

static void
row (const char *what,
     const char *measured,
     double      value,
     double      target,
     const char *target_text)
{
  printf ("| %-52s | %-26s | %-10s | ×%.2f |\n", what, measured, target_text, value / target);
}

static int
run (const char *self,
     const char *db,
     guint       runs)
{
  const char *names[] = { "first_frame_ms", "cards_ms", "scroll_p50", "scroll_p95", "scroll_max",
                          "drop_p50", "drop_p95", "commit_p50", "commit_p95", "rss_kb",
                          "shown_p50", "shown_p95", "layout_p50", "layout_p95", "paint_p50",
                          "paint_p95", "cpu_p50", "cpu_p95", "shown_work_p50", "shown_work_p95",
                          "shown_frames_p50", "shown_frames_max" };
  GArray *v[G_N_ELEMENTS (names)];
  g_autoptr(GArray) bare_ff = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gl_cards = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gl_p50 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gl_p95 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gl_max = g_array_new (FALSE, FALSE, sizeof (double));
  char text[64];
  double big = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    v[i] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *bare = run_child (self, "bare", db, "cairo");
      g_autofree char *out = run_child (self, "board", db, "cairo");
      g_autofree char *gl = run_child (self, "board", db, "gl");
      double x;

      g_printerr ("run %u: %s", r + 1, out);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          x = field (out, names[i]);
          g_array_append_val (v[i], x);
        }
      big = field (out, "big");
      x = field (bare, "first_frame_ms");
      g_array_append_val (bare_ff, x);
      x = field (bare, "rss_kb");
      g_array_append_val (bare_rss, x);
      x = field (gl, "cards_ms");
      g_array_append_val (gl_cards, x);
      x = field (gl, "scroll_p50");
      g_array_append_val (gl_p50, x);
      x = field (gl, "scroll_p95");
      g_array_append_val (gl_p95, x);
      x = field (gl, "scroll_max");
      g_array_append_val (gl_max, x);
    }

  printf ("\nFunnel board, %d leads over 7 stages (%.0f in the biggest column), median of %u run%s\n\n",
          N_LEADS, big, runs, runs == 1 ? "" : "s");
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "what", "measured", "target", "ratio");
  printf ("|%s|%s|%s|%s|\n", "------------------------------------------------------",
          "----------------------------", "------------", "-------");
  g_snprintf (text, sizeof text, "%.0f ms", median (v[0]));
  row ("start → first frame, app on the Funnel page (cairo)", text, median (v[0]), 500, "≤ 500 ms");
  g_snprintf (text, sizeof text, "%.0f ms", median (v[1]));
  row ("start → cards painted in every column (cairo)", text, median (v[1]), 500, "≤ 500 ms");
  g_snprintf (text, sizeof text, "%.0f ms", median (gl_cards));
  row ("start → cards painted in every column (GL)", text, median (gl_cards), 500, "≤ 500 ms");
  g_snprintf (text, sizeof text, "%.0f ms (×%.2f)", median (bare_ff), median (v[0]) / MAX (median (bare_ff), 1));
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "bare libadwaita window, first frame (ratio: app/bare)", text, "—", "—");
  g_snprintf (text, sizeof text, "%.1f / %.1f / %.1f ms", median (v[2]), median (v[3]), median (v[4]));
  row ("scrolling the 20k column, frame work p50/p95/max (cairo)", text, median (v[3]), 10, "p95 ≤ 10 ms");
  g_snprintf (text, sizeof text, "%.1f / %.1f ms", median (v[12]), median (v[13]));
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "  of which layout (tick, measure, allocate) p50/p95", text, "—", "—");
  g_snprintf (text, sizeof text, "%.1f / %.1f ms", median (v[14]), median (v[15]));
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "  of which paint (snapshot, render) p50/p95", text, "—", "—");
  g_snprintf (text, sizeof text, "%.1f / %.1f ms", median (v[16]), median (v[17]));
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "  UI thread CPU time a frame p50/p95", text, "—", "—");
  g_snprintf (text, sizeof text, "%.1f / %.1f / %.1f ms", median (gl_p50), median (gl_p95), median (gl_max));
  row ("scrolling the 20k column, frame work p50/p95/max (GL)", text, median (gl_p95), 10, "p95 ≤ 10 ms");
  g_snprintf (text, sizeof text, "%.2f / %.2f ms", median (v[5]), median (v[6]));
  row ("drop → committed row (drop handler returns) p50/p95", text, median (v[6]), 10, "≤ 10 ms");
  g_snprintf (text, sizeof text, "%.2f / %.2f ms", median (v[7]), median (v[8]));
  row ("  of which the move transaction p50/p95", text, median (v[8]), 10, "≤ 10 ms");
  g_snprintf (text, sizeof text, "%.1f / %.1f ms", median (v[10]), median (v[11]));
  row ("drop → card painted in its new column p50/p95", text, median (v[11]), 16.7, "one frame");
  g_snprintf (text, sizeof text, "%.0f / %.0f", median (v[20]), median (v[21]));
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "  painted in frame no. (1: the next) p50/max", text, "1", "—");
  g_snprintf (text, sizeof text, "%.1f / %.1f ms", median (v[18]), median (v[19]));
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "  that frame's work p50/p95", text, "—", "—");
  g_snprintf (text, sizeof text, "%.0f MB (bare %.0f MB)", median (v[9]) / 1024, median (bare_rss) / 1024);
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "RSS after scrolling and 60 drops", text, "—", "—");
  printf ("| %-52s | %-26s | %-10s | %-5s |\n", "  over the bare window",
          (g_snprintf (text, sizeof text, "+%.0f MB", (median (v[9]) - median (bare_rss)) / 1024), text),
          "—", "—");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_array_unref (v[i]);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  t0 = g_get_monotonic_time ();
  setlocale (LC_ALL, "");

  if (argc >= 4 && strcmp (argv[1], "--child") == 0)
    {
      if (g_getenv ("GSK_RENDERER") == NULL)
        g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      adw_init ();
      return child (argv[2], argv[3]);
    }
  if (argc >= 3 && strcmp (argv[1], "gen") == 0)
    return gen (argv[2]);
  if (argc >= 3 && strcmp (argv[1], "demo") == 0)
    {
      /* A realistic sample business, for looking at the board. */
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmStore) store = crm_store_open (argv[2], NULL, &error);

      if (store == NULL || !crm_demo_populate (store, argc >= 4 ? atoi (argv[3]) : 500, 7, &error))
        {
          g_printerr ("%s: %s\n", argv[2], error->message);
          return 1;
        }
      return 0;
    }
  if (argc >= 3 && strcmp (argv[1], "run") == 0)
    {
      guint runs = 3;

      if (argc >= 5 && strcmp (argv[3], "--runs") == 0)
        runs = MAX (1, atoi (argv[4]));
      return run (argv[0], argv[2], runs);
    }
  g_printerr ("usage: voronka-board-bench gen FILE | demo FILE [N] | run FILE [--runs N]\n");
  return 2;
}
