/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "crm-core.h"
#include "crm-export.h"
#include "crm-import-dialog.h"
#include "crm-preferences-window.h"
#include "crm-test-util.h"

/* The EXTRA dialogs in real windows under Xvfb, criticals fatal: every
 * template instantiates, and the import flow runs through the dialog's
 * own actions on the fixtures (including a stopped import that writes
 * nothing). With VORONKA_SCREENSHOT_DIR set, each window is saved as a PNG
 * there (used to look at them in English and Russian). */

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* Screenshots need the system's MIME database and icon theme, which the
   * isolated test directories hide (SVG icons then fail to load). */
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", g_getenv ("XDG_DATA_DIRS"));

      g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
    }
  f->dir = crm_test_tmpdir ();
  path = g_build_filename (f->dir, "gui-extra.db", NULL);
  f->store = crm_store_open (path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition    condition,
          gpointer     data,
          const char  *what)
{
  gint64 end = g_get_monotonic_time () + 150 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("VORONKA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  iterate (300);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* Opens the first expander row under @widget. */
static gboolean
expand_first (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
      return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (expand_first (c))
      return TRUE;
  return FALSE;
}

/* Opens every expander row, so a screenshot shows the report's lines. */
static void
expand_all (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (widget)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    expand_all (c);
}

static void
destroy (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

/* ---- templates ---- */

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *window;
  GObject *overlay;

  window = GTK_WIDGET (crm_import_dialog_new (NULL, f->store));
  gtk_window_present (GTK_WINDOW (window));
  iterate (100);
  g_assert_cmpstr (crm_import_dialog_get_page (CRM_IMPORT_DIALOG (window)), ==, "choose");
  screenshot (window, "import-choose.png");
  destroy (window);

  window = GTK_WIDGET (crm_preferences_window_new (NULL, f->store));
  gtk_window_present (GTK_WINDOW (window));
  iterate (100);
  screenshot (window, "preferences-general.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), NULL);
  destroy (window);

  builder = gtk_builder_new_from_resource ("/io/github/voronka/Voronka/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_present (GTK_WINDOW (overlay));
  iterate (100);
  screenshot (GTK_WIDGET (overlay), "shortcuts.png");
  destroy (GTK_WIDGET (overlay));

  window = crm_export_dialog_new (NULL, f->store, "leads", NULL);
  gtk_window_present (GTK_WINDOW (window));
  iterate (100);
  screenshot (window, "export.png");
  destroy (window);
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *parent = gtk_window_new ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;

  gtk_window_present (GTK_WINDOW (parent));
  before = g_list_model_get_n_items (toplevels);
  crm_about_present (GTK_WINDOW (parent));
  iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (w))
        {
          g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (w)), ==, APP_ID);
          g_assert_nonnull (adw_about_window_get_translator_credits (ADW_ABOUT_WINDOW (w)));
          screenshot (w, "about.png");
          destroy (w);
          break;
        }
    }
  destroy (parent);
}

/* ---- preferences ---- */

static gboolean
key_is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
on_setting_changed (CrmPreferencesWindow  *window,
                    const char            *key,
                    char                 **last_key)
{
  g_free (*last_key);
  *last_key = g_strdup (key);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmPreferencesWindow *window = crm_preferences_window_new (NULL, f->store);
  g_autoptr(GPtrArray) channels = NULL;
  GtkWidget *spin = NULL;
  GtkWidget *entry = NULL;
  g_autofree char *sla = NULL;
  g_autofree char *last_key = NULL;

  gtk_window_present (GTK_WINDOW (window));
  iterate (100);

  /* Find the SLA spin button and the "Add a channel" row in the tree. */
  {
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, window);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SPIN_BUTTON (w) && spin == NULL)
          spin = w;
        if (ADW_IS_ENTRY_ROW (w) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), _("Add a channel")) == 0)
          entry = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_nonnull (spin);
  g_assert_nonnull (entry);

  g_signal_connect (window, "setting-changed", G_CALLBACK (on_setting_changed), &last_key);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 25);
  wait_for (key_is_set, &last_key, "the SLA to be saved");
  sla = crm_store_get_setting (f->store, "first_response_sla_minutes");
  g_assert_cmpstr (sla, ==, "25");
  g_assert_cmpstr (last_key, ==, "first_response_sla_minutes");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Авито");
  g_signal_emit_by_name (entry, "apply");
  iterate (50);
  channels = crm_channels_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CrmChannelInfo *) g_ptr_array_index (channels, channels->len - 1))->name, ==, "Авито");

  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *page = NULL;

      /* The second page, with the first channel open. */
      for (GtkWidget *w = entry; w != NULL; w = gtk_widget_get_parent (w))
        if (ADW_IS_PREFERENCES_PAGE (w))
          page = w;
      g_object_set (window, "visible-page", page, NULL);
      expand_first (page);
      screenshot (GTK_WIDGET (window), "preferences-channels.png");
    }
  destroy (GTK_WIDGET (window));
}

/* ---- import ---- */

/* Big enough that a stop lands mid-import; sanitizer builds are slower. */
/* GCC says __SANITIZE_ADDRESS__, clang __has_feature (address_sanitizer). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(UNDER_ASAN)
#define BIG_ROWS 2000
#else
#define BIG_ROWS 20000
#endif

typedef struct
{
  CrmImportDialog *dialog;
  guint            finished;
  guint            n_created;
} ImportState;

static gboolean
check_done (gpointer data)
{
  return !crm_import_dialog_is_busy (((ImportState *) data)->dialog);
}

static gboolean
page_is_done (gpointer data)
{
  return g_strcmp0 (crm_import_dialog_get_page (((ImportState *) data)->dialog), "done") == 0;
}

static void
on_import_finished (CrmImportDialog *dialog,
                    guint            n_created,
                    guint            n_merged,
                    ImportState     *state)
{
  state->finished++;
  state->n_created = n_created;
}

static gint64
count_leads (CrmStore *store)
{
  return crm_test_query_int (store, "SELECT count(*) FROM leads WHERE _deleted = 0", NULL);
}

static void
test_import_flow (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = crm_test_data_path ("leads-utf8.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ImportState state = { 0 };
  const CrmImportReport *report;
  gint64 before = count_leads (f->store);
  guint created;

  state.dialog = crm_import_dialog_new (NULL, f->store);
  g_signal_connect (state.dialog, "import-finished", G_CALLBACK (on_import_finished), &state);
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (state.dialog), 640, 1500);
  gtk_window_present (GTK_WINDOW (state.dialog));

  crm_import_dialog_set_file (state.dialog, file);
  g_assert_cmpstr (crm_import_dialog_get_page (state.dialog), ==, "review");
  wait_for (check_done, &state, "the trial run");

  report = crm_import_dialog_get_report (state.dialog);
  g_assert_nonnull (report);
  g_assert_null (crm_import_dialog_get_error (state.dialog));
  g_assert_true (report->dry_run);
  g_assert_cmpstr (report->encoding, !=, NULL);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpuint (crm_import_dialog_get_n_columns (state.dialog), ==, g_strv_length (report->headers));
  g_assert_cmpstr (report->mapping[0], ==, "fio");
  created = report->rows_created;
  g_assert_cmpuint (created, >, 0);
  /* A trial run writes nothing. */
  g_assert_cmpint (count_leads (f->store), ==, before);
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    expand_all (GTK_WIDGET (state.dialog));
  screenshot (GTK_WIDGET (state.dialog), "import-review.png");

  /* Skipping the name column re-runs the check with the new mapping. */
  crm_import_dialog_set_column_field (state.dialog, 0, "skip");
  g_assert_true (crm_import_dialog_is_busy (state.dialog));
  wait_for (check_done, &state, "the trial run after a mapping change");
  report = crm_import_dialog_get_report (state.dialog);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->mapping[0], ==, "");
  crm_import_dialog_set_column_field (state.dialog, 0, "fio");
  wait_for (check_done, &state, "the trial run after restoring the mapping");
  g_assert_cmpuint (crm_import_dialog_get_report (state.dialog)->rows_created, ==, created);

  /* Import through the dialog's action, as the header button does. */
  gtk_widget_activate_action (GTK_WIDGET (state.dialog), "import.start", NULL);
  g_assert_cmpstr (crm_import_dialog_get_page (state.dialog), ==, "progress");
  wait_for (page_is_done, &state, "the import");
  g_assert_cmpuint (state.finished, ==, 1);
  g_assert_cmpuint (state.n_created, ==, created);
  g_assert_cmpint (count_leads (f->store), ==, before + created);
  screenshot (GTK_WIDGET (state.dialog), "import-done.png");
  destroy (GTK_WIDGET (state.dialog));

  /* The same file again: every row is a duplicate, skipped by default, so
   * there is nothing to import. */
  memset (&state, 0, sizeof state);
  state.dialog = crm_import_dialog_new (NULL, f->store);
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (state.dialog), 640, 1500);
  gtk_window_present (GTK_WINDOW (state.dialog));
  crm_import_dialog_set_file (state.dialog, file);
  wait_for (check_done, &state, "the second trial run");
  report = crm_import_dialog_get_report (state.dialog);
  g_assert_cmpuint (report->rows_created, ==, 0);
  g_assert_cmpuint (report->duplicates, >, 0);
  g_assert_cmpuint (report->rows_skipped, ==, report->duplicates);
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    expand_all (GTK_WIDGET (state.dialog));
  screenshot (GTK_WIDGET (state.dialog), "import-duplicates.png");
  gtk_widget_activate_action (GTK_WIDGET (state.dialog), "import.start", NULL);
  iterate (100);
  g_assert_cmpstr (crm_import_dialog_get_page (state.dialog), ==, "review");

  /* "Create anyway" would create them. */
  crm_import_dialog_set_policy (state.dialog, CRM_IMPORT_CREATE);
  wait_for (check_done, &state, "the trial run with another policy");
  report = crm_import_dialog_get_report (state.dialog);
  g_assert_cmpuint (report->rows_created, >, 0);
  g_assert_cmpint (count_leads (f->store), ==, before + created);
  destroy (GTK_WIDGET (state.dialog));
}

static void
test_import_vcard (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = crm_test_data_path ("contacts-30.vcf");
  ImportState state = { 0 };
  gint64 before = crm_test_query_int (f->store, "SELECT count(*) FROM contacts", NULL);

  state.dialog = crm_import_dialog_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (state.dialog));
  /* The way a script picks the file: the action with its path. */
  gtk_widget_activate_action (GTK_WIDGET (state.dialog), "import.open-file", "s", path);
  g_assert_cmpstr (crm_import_dialog_get_page (state.dialog), ==, "review");
  wait_for (check_done, &state, "the vCard trial run");
  g_assert_nonnull (crm_import_dialog_get_report (state.dialog));
  g_assert_cmpuint (crm_import_dialog_get_n_columns (state.dialog), ==, 0);
  g_assert_cmpuint (crm_import_dialog_get_report (state.dialog)->rows_created, >, 0);
  gtk_widget_activate_action (GTK_WIDGET (state.dialog), "import.start", NULL);
  wait_for (page_is_done, &state, "the vCard import");
  /* vCards are people: they go in as contacts. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM contacts", NULL), >, before);
  destroy (GTK_WIDGET (state.dialog));
}

/* A file whose headers mean nothing: the dialog asks for a mapping; a
 * wrong delimiter can be corrected by hand. */
static void
test_import_mapping (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "odd.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ImportState state = { 0 };
  const char *csv = "колонка А;колонка Б;колонка В\n"
                    "Сидоров Пётр;+7 903 111-22-33;petr@example.ru\n"
                    "Кузнецова Мария;8 916 222 33 44;maria@example.ru\n";

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  state.dialog = crm_import_dialog_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (state.dialog));
  crm_import_dialog_set_file (state.dialog, file);
  wait_for (check_done, &state, "the trial run of unknown columns");

  g_assert_null (crm_import_dialog_get_report (state.dialog));
  g_assert_nonnull (crm_import_dialog_get_error (state.dialog));
  g_assert_cmpuint (crm_import_dialog_get_n_columns (state.dialog), ==, 3);
  screenshot (GTK_WIDGET (state.dialog), "import-unknown-columns.png");

  crm_import_dialog_set_column_field (state.dialog, 0, "fio");
  crm_import_dialog_set_column_field (state.dialog, 1, "phone");
  crm_import_dialog_set_column_field (state.dialog, 2, "email");
  wait_for (check_done, &state, "the trial run with a mapping");
  g_assert_null (crm_import_dialog_get_error (state.dialog));
  g_assert_cmpuint (crm_import_dialog_get_report (state.dialog)->rows_created, ==, 2);

  /* Commas: one column per line, so the mapping starts over. */
  crm_import_dialog_set_delimiter (state.dialog, ',');
  wait_for (check_done, &state, "the trial run with commas");
  g_assert_cmpuint (crm_import_dialog_get_n_columns (state.dialog), ==, 1);
  crm_import_dialog_set_delimiter (state.dialog, 0);
  wait_for (check_done, &state, "the trial run with the delimiter detected");
  g_assert_cmpuint (crm_import_dialog_get_n_columns (state.dialog), ==, 3);
  destroy (GTK_WIDGET (state.dialog));
}

static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("ФИО;Телефон;E-mail;Компания\n");
  ImportState state = { 0 };
  gint64 before = count_leads (f->store);
  gint64 outbox_before = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);

  for (guint i = 0; i < BIG_ROWS; i++)
    g_string_append_printf (csv, "Тестов Тест %u;+7 9%02u %03u-%02u-%02u;t%u@example.ru;ООО «Ряд %u»\n",
                            i, i % 100, i % 1000, (i / 7) % 100, (i / 13) % 100, i, i % 50);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  state.dialog = crm_import_dialog_new (NULL, f->store);
  g_signal_connect (state.dialog, "import-finished", G_CALLBACK (on_import_finished), &state);
  gtk_window_present (GTK_WINDOW (state.dialog));
  crm_import_dialog_set_file (state.dialog, file);
  wait_for (check_done, &state, "the big trial run");
  g_assert_cmpuint (crm_import_dialog_get_report (state.dialog)->rows_created, >, BIG_ROWS / 2);

  gtk_widget_activate_action (GTK_WIDGET (state.dialog), "import.start", NULL);
  g_assert_cmpstr (crm_import_dialog_get_page (state.dialog), ==, "progress");
  iterate (150);
  screenshot (GTK_WIDGET (state.dialog), "import-progress.png");
  gtk_widget_activate_action (GTK_WIDGET (state.dialog), "import.cancel", NULL);
  wait_for (page_is_done, &state, "the stopped import");

  g_assert_cmpuint (state.finished, ==, 0);
  g_assert_cmpint (count_leads (f->store), ==, before);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox_before);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM imports", NULL), ==, 0);
  screenshot (GTK_WIDGET (state.dialog), "import-stopped.png");
  destroy (GTK_WIDGET (state.dialog));
}

/* ---- export ---- */

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint *n_rows = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_export_write_finish (result, n_rows, &error));
  g_assert_no_error (error);
}

static gboolean
nonzero (gpointer data)
{
  return *(guint *) data != 0;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "hot.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CrmQuery) query = crm_query_new ("leads");
  g_autofree char *contents = NULL;
  guint n_rows = 0;
  gint64 expected;

  g_assert_true (crm_demo_populate (f->store, 120, 5, &error));
  g_assert_no_error (error);
  crm_query_add_equals (query, "temperature", "hot");
  expected = crm_store_query_count (f->store, query, &error);

  crm_export_write_async (f->store, "leads", query, file, CRM_EXPORT_FORMAT_CSV, ';', TRUE,
                          NULL, on_exported, &n_rows);
  /* The query was copied: the list may drop it at once. */
  g_clear_pointer (&query, crm_query_free);
  wait_for (nonzero, &n_rows, "the export");
  g_assert_cmpuint (n_rows, ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);
  /* VORONKA_LOCALEDIR=build/po with LANGUAGE=ru shows the dialogs in
   * Russian, as the app does. */
  if (g_getenv ("VORONKA_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VORONKA_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  /* Criticals are fatal; warnings are not: Xvfb runs without a session bus
   * and GTK (structured logging, no fatal handler) warns about it. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_init ();
  adw_init ();
  {
    /* The app icon from the source tree, as the uninstalled app finds it. */
    g_autofree char *icons = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", NULL);

    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
  }

  g_test_add ("/gui/extra/templates", Fixture, NULL, fixture_setup, test_templates, fixture_teardown);
  g_test_add ("/gui/extra/about", Fixture, NULL, fixture_setup, test_about, fixture_teardown);
  g_test_add ("/gui/extra/preferences", Fixture, NULL, fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/gui/extra/import/flow", Fixture, NULL, fixture_setup, test_import_flow, fixture_teardown);
  g_test_add ("/gui/extra/import/vcard", Fixture, NULL, fixture_setup, test_import_vcard, fixture_teardown);
  g_test_add ("/gui/extra/import/mapping", Fixture, NULL, fixture_setup, test_import_mapping, fixture_teardown);
  g_test_add ("/gui/extra/import/cancel", Fixture, NULL, fixture_setup, test_import_cancel, fixture_teardown);
  g_test_add ("/gui/extra/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);

  return crm_test_run ();
}
