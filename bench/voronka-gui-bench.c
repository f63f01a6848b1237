/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * voronka-gui-bench: the desktop app's performance targets (DESIGN.md §7,
 * PERF.md "How to measure"), measured against a bare libadwaita window
 * started the same way in the same run.
 *
 * Usage: voronka-gui-bench --db100k FILE --db1m FILE [--runs N]
 *   FILE: workspaces with 100k and 1M leads, e.g. made with
 *     voronka-bench gen 1000000 1m.csv && voronka-cli --db 1m.db import csv 1m.csv
 *   Run it under Xvfb with a private session bus:
 *     xvfb-run -a -s '-screen 0 1400x900x24' dbus-run-session -- voronka-gui-bench …
 *
 * Every measurement runs in a fresh child process (--child MODE), so each
 * starts cold and with its own GSK_RENDERER:
 *   first frame   top of main() → the toplevel's first "after-paint"
 *   list ready    first frame → the Leads model's first result in place
 *   scroll        frame work (before-paint → after-paint) while a tick
 *                 callback scrolls the Leads list of 1M rows
 *   search        text set in the search entry → results in the model and
 *                 painted (includes the debounce, if any: see
 *                 crm_view_search_delay_ms()); then the same words typed
 *                 a key at a time, last key → painted
 *   RSS           VmRSS after scrolling and searching vs the bare window
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "crm-application.h"
#include "crm-list-page.h"
#include "crm-record-model.h"
#include "crm-view-logic.h"
#include "crm-window.h"

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
      g_printerr ("voronka-gui-bench: timed out\n");
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

/* ---- first frame ---- */

typedef struct
{
  gboolean painted;
  double   first_frame_ms;
} FirstFrame;

static void
on_first_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *ff)
{
  if (ff->painted)
    return;
  ff->painted = TRUE;
  ff->first_frame_ms = ms_since (t0);
}

static void
on_realize_cb (GtkWidget  *window,
               FirstFrame *ff)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint_cb), ff);
}

static GtkWindow *
bare_window (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), adw_status_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 780);
  return GTK_WINDOW (window);
}

static gboolean list_ready;
static double list_ready_ms;

static void
on_list_ready_cb (CrmRecordModel *model,
                  gpointer        data)
{
  if (!list_ready)
    list_ready_ms = ms_since (t0);
  list_ready = TRUE;
}

/* ---- scrolling ---- */

typedef struct
{
  GArray      *frames;
  gint64       paint_start;
  GtkAdjustment *vadj;
  double       step;
  guint        ticks;
  guint        n_ticks;
  gboolean     done;
} Scroll;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Scroll        *s)
{
  s->paint_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Scroll        *s)
{
  if (s->paint_start != 0 && s->ticks > 5 && !s->done)
    {
      double ms = (g_get_monotonic_time () - s->paint_start) / 1000.0;
      g_array_append_val (s->frames, ms);
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

static GtkWidget *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_scrolled (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- search ---- */

typedef struct
{
  gboolean ready;
  gboolean painted;
  gint64   ready_at;
} Search;

static void
on_search_ready_cb (CrmRecordModel *model,
                    Search         *s)
{
  s->ready = TRUE;
}

static void
on_search_paint_cb (GdkFrameClock *clock,
                    Search        *s)
{
  if (s->ready && !s->painted)
    s->painted = TRUE;
}

/* ---- child modes ---- */

static int
child (const char *mode,
       const char *db)
{
  g_autoptr(CrmApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  FirstFrame ff = { 0 };
  GtkWindow *window;
  double registered_ms, built_ms;

  app = crm_application_new (G_APPLICATION_NON_UNIQUE);
  if (strcmp (mode, "bare") == 0)
    {
      g_autoptr(AdwApplication) bare = adw_application_new ("io.github.voronka.Bench", G_APPLICATION_NON_UNIQUE);

      g_application_register (G_APPLICATION (bare), NULL, NULL);
      if (g_getenv ("VORONKA_BENCH_VERBOSE") != NULL)
        g_printerr ("registered %.1f ms\n", ms_since (t0));
      window = bare_window (GTK_APPLICATION (bare));
      g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &ff);
      gtk_window_present (window);
      spin_until (&ff.painted, 30);
      printf ("first_frame_ms=%.1f rss_kb=%ld\n", ff.first_frame_ms, rss_kb ());
      return 0;
    }

  g_application_register (G_APPLICATION (app), NULL, NULL);
  registered_ms = ms_since (t0);
  if (!(window = GTK_WINDOW (crm_application_open_database (app, db, FALSE, &error))))
    {
      g_printerr ("%s: %s\n", db, error->message);
      return 1;
    }
  crm_window_show_page (CRM_WINDOW (window), "leads");
  g_signal_connect (crm_list_page_get_model (crm_window_get_list_page (CRM_WINDOW (window), "leads")),
                    "ready", G_CALLBACK (on_list_ready_cb), NULL);
  built_ms = ms_since (t0);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &ff);
  gtk_window_present (window);
  spin_until (&ff.painted, 60);
  if (g_getenv ("VORONKA_BENCH_VERBOSE") != NULL)
    g_printerr ("registered %.1f ms, window built %.1f ms, first frame %.1f ms\n",
                registered_ms, built_ms, ff.first_frame_ms);

  {
    CrmListPage *leads = crm_window_get_list_page (CRM_WINDOW (window), "leads");
    CrmRecordModel *model = crm_list_page_get_model (leads);
    double ready_ms;

    spin_until (&list_ready, 120);
    ready_ms = MAX (0, list_ready_ms - ff.first_frame_ms);

    if (strcmp (mode, "app") == 0)
      {
        printf ("first_frame_ms=%.1f ready_ms=%.1f rows=%u rss_kb=%ld\n", ff.first_frame_ms, ready_ms,
                g_list_model_get_n_items (G_LIST_MODEL (model)), rss_kb ());
        return 0;
      }

    if (strcmp (mode, "browse") == 0)
      {
        GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
        GtkWidget *scrolled = find_scrolled (GTK_WIDGET (leads));
        Scroll s = { 0 };
        g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
        g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
        long rss;
        static const char *const queries[] = { "иван", "петрова", "ооо ромашка", "4567", "smith", "алекс", NULL };

        s.frames = g_array_new (FALSE, FALSE, sizeof (double));
        s.vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
        s.step = 97;   /* about three rows a frame: new rows every frame */
        s.n_ticks = 400;
        g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &s);
        g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &s);
        gtk_widget_add_tick_callback (scrolled, scroll_tick_cb, &s, NULL);
        spin_until (&s.done, 120);
        g_signal_handlers_disconnect_by_func (clock, on_before_paint_cb, &s);
        g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, &s);

        /* Keystroke to results painted: the last keystroke of each query. */
        for (guint i = 0; queries[i] != NULL; i++)
          {
            Search q = { 0 };
            gint64 start;
            double ms;
            gulong h1, h2;

            spin_ms (300);
            h1 = g_signal_connect (model, "ready", G_CALLBACK (on_search_ready_cb), &q);
            h2 = g_signal_connect (clock, "after-paint", G_CALLBACK (on_search_paint_cb), &q);
            start = g_get_monotonic_time ();
            crm_window_set_search_text (CRM_WINDOW (window), queries[i]);
            spin_until (&q.painted, 30);
            ms = ms_since (start);
            g_array_append_val (keys, ms);
            g_signal_handler_disconnect (model, h1);
            g_signal_handler_disconnect (clock, h2);
          }
        crm_window_set_search_text (CRM_WINDOW (window), "");
        spin_ms (500);
        rss = rss_kb ();

        /* The same words typed a key at a time, 110 ms apart (a fast
         * typist): every key searches, and the last one's results may
         * wait for the previous key's search. */
        for (guint i = 0; queries[i] != NULL; i++)
          {
            Search q = { 0 };
            glong n_chars = g_utf8_strlen (queries[i], -1);
            gint64 start = 0;
            double ms;
            gulong h1 = 0, h2 = 0;

            crm_window_set_search_text (CRM_WINDOW (window), "");
            spin_ms (300);
            for (glong k = 1; k <= n_chars; k++)
              {
                g_autofree char *prefix = g_utf8_substring (queries[i], 0, k);

                if (k == n_chars)
                  {
                    h1 = g_signal_connect (model, "ready", G_CALLBACK (on_search_ready_cb), &q);
                    h2 = g_signal_connect (clock, "after-paint", G_CALLBACK (on_search_paint_cb), &q);
                    start = g_get_monotonic_time ();
                  }
                crm_window_set_search_text (CRM_WINDOW (window), prefix);
                if (k < n_chars)
                  spin_ms (110);
              }
            spin_until (&q.painted, 30);
            ms = ms_since (start);
            g_array_append_val (typed, ms);
            g_signal_handler_disconnect (model, h1);
            g_signal_handler_disconnect (clock, h2);
          }
        crm_window_set_search_text (CRM_WINDOW (window), "");
        spin_ms (500);

        printf ("frames=%u frame_median_ms=%.2f frame_p95_ms=%.2f frame_max_ms=%.2f "
                "search_median_ms=%.1f search_max_ms=%.1f typed_median_ms=%.1f typed_max_ms=%.1f rss_kb=%ld\n",
                s.frames->len, percentile (s.frames, 0.5), percentile (s.frames, 0.95),
                percentile (s.frames, 1.0), percentile (keys, 0.5), percentile (keys, 1.0),
                percentile (typed, 0.5), percentile (typed, 1.0), rss);
        g_array_unref (s.frames);
        return 0;
      }
  }
  g_printerr ("unknown mode %s\n", mode);
  return 2;
}

/* ---- parent ---- */

static GHashTable *
run_child (const char *self,
           const char *mode,
           const char *db,
           const char *renderer)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--child", mode, db ? db : "-", NULL };
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;
  int status;

  env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s %s (%s): %s\n%s", mode, db ? db : "", renderer, error->message, err ? err : "");
      return values;
    }
  pairs = g_strsplit_set (g_strstrip (out), " \n", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq != NULL)
        g_hash_table_insert (values, g_strndup (pairs[i], eq - pairs[i]), g_strdup (eq + 1));
    }
  return values;
}

static double
value (GHashTable *values,
       const char *key)
{
  const char *v = g_hash_table_lookup (values, key);

  return v != NULL ? g_ascii_strtod (v, NULL) : -1;
}

static double
median_of (GArray *a)
{
  return percentile (a, 0.5);
}

static void
first_frames (const char *self,
              const char *db100k,
              const char *renderer,
              guint       runs,
              double     *bare_kb)
{
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  double b, a;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GHashTable) vb = run_child (self, "bare", NULL, renderer);
      g_autoptr(GHashTable) va = run_child (self, "app", db100k, renderer);
      double x;

      x = value (vb, "first_frame_ms"); g_array_append_val (bare, x);
      x = value (vb, "rss_kb"); g_array_append_val (rss, x);
      x = value (va, "first_frame_ms"); g_array_append_val (app, x);
      x = value (va, "ready_ms"); g_array_append_val (ready, x);
    }
  b = median_of (bare);
  a = median_of (app);
  printf ("| start → first frame, bare libadwaita window (%s) | %.0f ms | | |\n", renderer, b);
  printf ("| start → first frame, 100k leads (%s) | %.0f ms | ×%.2f of bare | ≤ ×1.5 |\n", renderer, a, a / b);
  printf ("| Leads list ready after first frame, 100k (%s) | %.0f ms | | ≤ 400 ms |\n", renderer, median_of (ready));
  if (bare_kb != NULL)
    *bare_kb = median_of (rss);
}

int
main (int   argc,
      char *argv[])
{
  const char *db100k = NULL, *db1m = NULL;
  g_autofree char *self = NULL;
  guint runs = 5;
  double bare_kb = 0;

  t0 = g_get_monotonic_time ();

  if (argc >= 4 && strcmp (argv[1], "--child") == 0)
    {
      setlocale (LC_ALL, "");
      adw_init ();
      return child (argv[2], argv[3]);
    }

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--db100k") == 0 && i + 1 < argc)
        db100k = argv[++i];
      else if (strcmp (argv[i], "--db1m") == 0 && i + 1 < argc)
        db1m = argv[++i];
      else if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          int n = atoi (argv[++i]);

          runs = MAX (1, n);
        }
      else
        {
          g_printerr ("Usage: voronka-gui-bench --db100k FILE --db1m FILE [--runs N]\n");
          return 2;
        }
    }
  if (db100k == NULL || db1m == NULL)
    {
      g_printerr ("Usage: voronka-gui-bench --db100k FILE --db1m FILE [--runs N]\n");
      return 2;
    }
  self = g_file_read_link ("/proc/self/exe", NULL);

  printf ("| what | measured | ratio | target |\n|---|---|---|---|\n");
  fflush (stdout);
  first_frames (self, db100k, "cairo", runs, &bare_kb);
  fflush (stdout);
  first_frames (self, db100k, "gl", MAX (1, runs / 2), NULL);
  fflush (stdout);

  {
    g_autoptr(GHashTable) app = run_child (self, "app", db1m, "cairo");
    g_autoptr(GHashTable) cairo = run_child (self, "browse", db1m, "cairo");
    g_autoptr(GHashTable) gl = run_child (self, "browse", db1m, "gl");

    printf ("| Leads list ready after first frame, %.0f rows (cairo) | %.0f ms | | ≤ 400 ms |\n",
            value (app, "rows"), value (app, "ready_ms"));
    printf ("| scroll Leads, 1M rows: frame work median / p95 / max (cairo) | %.1f / %.1f / %.1f ms | %.0f frames | p95 ≤ 10 ms |\n",
            value (cairo, "frame_median_ms"), value (cairo, "frame_p95_ms"), value (cairo, "frame_max_ms"),
            value (cairo, "frames"));
    printf ("| scroll Leads, 1M rows: frame work median / p95 / max (gl) | %.1f / %.1f / %.1f ms | %.0f frames | |\n",
            value (gl, "frame_median_ms"), value (gl, "frame_p95_ms"), value (gl, "frame_max_ms"),
            value (gl, "frames"));
    printf ("| keystroke → results painted, 1M leads, median / max (cairo) | %.0f / %.0f ms | debounce %u ms after a pause, %u ms in a burst | ≤ 150 ms |\n",
            value (cairo, "search_median_ms"), value (cairo, "search_max_ms"),
            crm_view_search_delay_ms ("a", G_MAXINT64, 0), CRM_SEARCH_DEBOUNCE_MS);
    printf ("| last key → results painted, typed 110 ms a key, median / max (cairo) | %.0f / %.0f ms | | ≤ 150 ms |\n",
            value (cairo, "typed_median_ms"), value (cairo, "typed_max_ms"));
    printf ("| RSS after browsing 1M leads vs bare window (cairo) | %.0f MB vs %.0f MB | +%.0f MB | ≤ +80 MB |\n",
            value (cairo, "rss_kb") / 1024, bare_kb / 1024, (value (cairo, "rss_kb") - bare_kb) / 1024);
  }
  return 0;
}
