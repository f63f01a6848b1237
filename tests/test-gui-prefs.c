/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "crm-core.h"
#include "crm-preferences-window.h"
#include "crm-prefs-followups-page.h"
#include "crm-prefs-funnel-page.h"
#include "crm-prefs-step-dialog.h"
#include "crm-prefs-zone-dialog.h"
#include "crm-test-util.h"

/* Preferences → Funnel and Follow-ups in a real window under Xvfb, on a
 * real workspace file, criticals fatal: stages added, renamed, reordered,
 * coloured, given a kind, a rotting limit and a required field, deleted
 * with their leads moved (checked through the core, history included); a
 * cadence step edited, a regulation switched off, a work day toggled; and
 * everything still there in a new window on a reopened file. A write by
 * another connection shows in an open window. With VORONKA_SCREENSHOT_DIR
 * set, the pages are saved as PNGs there. */

#define NO_ANSWER_ID "01900000-0000-7000-8000-00000000ca01"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
  guint     n_changed;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", g_getenv ("XDG_DATA_DIRS"));

      g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
    }
  f->dir = crm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "gui-prefs.db", NULL);
  f->store = crm_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->path);
  g_free (f->dir);
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until the page has rebuilt what a write changed
 * (rows are rebuilt from an idle callback). */
static void
settle (void)
{
  iterate (30);
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
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

/* Scrolls the preferences page holding @widget so that it is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  graphene_point_t p;

  if (scrolled == NULL)
    return;
  iterate (100);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                &GRAPHENE_POINT_INIT (0, 0), &p))
    gtk_adjustment_set_value (adj, p.y - 12);
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

/* The first widget under @root, depth first in order, that @match takes. */
static GtkWidget *
find (GtkWidget     *root,
      Match          match,
      gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_type (GtkWidget     *w,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (w, GPOINTER_TO_SIZE (type));
}

static gboolean
is_row_titled (GtkWidget     *w,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (w) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0;
}

static gboolean
is_row_starting (GtkWidget     *w,
                 gconstpointer  prefix)
{
  return ADW_IS_ACTION_ROW (w) && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), prefix);
}

static gboolean
is_button_tooltip (GtkWidget     *w,
                   gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), tooltip) == 0;
}

static gboolean
is_button_label (GtkWidget     *w,
                 gconstpointer  label)
{
  return GTK_IS_BUTTON (w) && !GTK_IS_TOGGLE_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0;
}

typedef struct
{
  GType       type;
  const char *key;
  const char *value;
} DataMatch;

static gboolean
has_data (GtkWidget     *w,
          gconstpointer  data)
{
  const DataMatch *m = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (w, m->type) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (w), m->key), m->value) == 0;
}

static GtkWidget *
find_data (GtkWidget  *root,
           GType       type,
           const char *key,
           const char *value)
{
  DataMatch m = { type, key, value };

  return find (root, has_data, &m);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static void
on_setting_changed (CrmPreferencesWindow *window,
                    const char           *key,
                    Fixture              *f)
{
  f->n_changed++;
}

static CrmPreferencesWindow *
open_window (Fixture *f)
{
  CrmPreferencesWindow *window = crm_preferences_window_present_page (NULL, f->store, "funnel");

  g_assert_true (CRM_IS_PREFS_FUNNEL_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (window))));
  g_signal_connect (window, "setting-changed", G_CALLBACK (on_setting_changed), f);
  iterate (100);
  return window;
}

static void
destroy (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

static CrmPrefsFunnelPage *
funnel_page (CrmPreferencesWindow *window)
{
  return CRM_PREFS_FUNNEL_PAGE (find (GTK_WIDGET (window), is_type,
                                      GSIZE_TO_POINTER (CRM_TYPE_PREFS_FUNNEL_PAGE)));
}

static CrmPrefsFollowupsPage *
followups_page (CrmPreferencesWindow *window)
{
  return CRM_PREFS_FOLLOWUPS_PAGE (find (GTK_WIDGET (window), is_type,
                                         GSIZE_TO_POINTER (CRM_TYPE_PREFS_FOLLOWUPS_PAGE)));
}

/* The stage's row, opened (its editors are built on opening). */
static GtkWidget *
open_stage (CrmPrefsFunnelPage *page,
            const char         *stage_id)
{
  GtkWidget *row = crm_prefs_funnel_page_get_stage_row (page, stage_id);

  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  settle ();
  return row;
}

static char *
stage_text (Fixture    *f,
            const char *column,
            const char *stage_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM stages WHERE id = ?1", column);

  return crm_test_query_text (f->store, sql, stage_id);
}

static void
test_funnel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmPreferencesWindow *window = open_window (f);
  CrmPrefsFunnelPage *page = funnel_page (window);
  g_autofree char *added = NULL;
  /* The seeded "In work" and "Qualified", by place: their names are in
   * the language the workspace was made in. */
  g_autofree char *in_work = crm_test_query_text (f->store, "SELECT id FROM stages WHERE position = 1"
                                                  " AND pipeline_id = ?1", crm_prefs_funnel_page_get_pipeline (page));
  g_autofree char *qualified = crm_test_query_text (f->store, "SELECT id FROM stages WHERE position = 2"
                                                    " AND pipeline_id = ?1", crm_prefs_funnel_page_get_pipeline (page));
  g_autofree char *in_work_name = stage_text (f, "name", in_work);
  g_autofree char *qualified_name = stage_text (f, "name", qualified);
  g_autofree char *subject = g_strdup_printf ("%s → %s", in_work_name, qualified_name);
  g_autofree char *lead1 = NULL;
  g_autofree char *lead2 = NULL;
  g_autofree char *text = NULL;
  GtkWidget *entry, *row, *w;
  AdwMessageDialog *dialog;
  GtkStringList *names;
  gint64 position;

  g_assert_nonnull (page);
  g_object_set (window, "visible-page", page, NULL);
  screenshot (GTK_WIDGET (window), "prefs-funnel.png");

  /* Add a stage: it goes after the last open one, before the closing ones. */
  entry = find (GTK_WIDGET (page), is_row_titled, _("Add a stage"));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Встреча назначена");
  g_signal_emit_by_name (entry, "apply");
  settle ();
  added = crm_stage_find (f->store, NULL, "Встреча назначена", &error);
  g_assert_no_error (error);
  position = crm_test_query_int (f->store, "SELECT position FROM stages WHERE id = ?1", added);
  g_assert_cmpint (position, ==, crm_test_query_int (f->store, "SELECT max(position) FROM stages"
                                                     " WHERE kind = 'open' AND _deleted = 0"
                                                     " AND pipeline_id = (SELECT pipeline_id FROM stages WHERE id = ?1)",
                                                     added));
  g_assert_cmpuint (f->n_changed, >=, 1);

  /* Rename it. */
  row = open_stage (page, added);
  entry = find (row, is_row_titled, C_("thing name", "Name"));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Встреча");
  g_signal_emit_by_name (entry, "apply");
  settle ();
  text = stage_text (f, "name", added);
  g_assert_cmpstr (text, ==, "Встреча");
  g_clear_pointer (&text, g_free);

  /* Move it up one place; it stays open across the rebuild. */
  row = crm_prefs_funnel_page_get_stage_row (page, added);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  w = find (row, is_button_tooltip, _("Move Up"));
  g_assert_nonnull (w);
  g_signal_emit_by_name (w, "clicked");
  settle ();
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT position FROM stages WHERE id = ?1", added), ==, position - 1);

  /* Colour, kind, a required field, a rotting limit. */
  row = open_stage (page, added);
  w = find_data (row, GTK_TYPE_TOGGLE_BUTTON, "color", "#9141ac");
  g_assert_nonnull (w);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w), TRUE);
  settle ();
  text = stage_text (f, "color", added);
  g_assert_cmpstr (text, ==, "#9141ac");
  g_clear_pointer (&text, g_free);

  row = open_stage (page, added);
  w = find (row, is_row_titled, C_("stage kind", "Kind"));
  g_assert_nonnull (w);
  adw_combo_row_set_selected (ADW_COMBO_ROW (w), 1);
  settle ();
  text = stage_text (f, "kind", added);
  g_assert_cmpstr (text, ==, "nurture");
  g_clear_pointer (&text, g_free);

  row = open_stage (page, added);
  w = find_data (row, GTK_TYPE_CHECK_BUTTON, "field", "company");
  g_assert_nonnull (w);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (w), TRUE);
  settle ();
  text = stage_text (f, "required_fields", added);
  g_assert_cmpstr (text, ==, "[\"company\"]");
  g_clear_pointer (&text, g_free);

  row = open_stage (page, added);
  w = find_data (row, GTK_TYPE_SPIN_BUTTON, "field", "rotting_days");
  g_assert_nonnull (w);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (w), 7);
  crm_prefs_funnel_page_flush (page);
  settle ();
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT rotting_days FROM stages WHERE id = ?1", added), ==, 7);
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    {
      scroll_to (open_stage (page, added));
      screenshot (GTK_WIDGET (window), "prefs-funnel-stage.png");
    }

  /* Delete "In work" with two leads in it: the dialog asks where they go. */
  lead1 = crm_test_add (f->store, "leads", "full_name", "Пётр Первый", "stage_id", in_work, NULL);
  lead2 = crm_test_add (f->store, "leads", "full_name", "Анна Вторая", "stage_id", in_work, NULL);
  row = open_stage (page, in_work);
  w = find (row, is_button_label, _("_Delete…"));
  g_assert_nonnull (w);
  g_signal_emit_by_name (w, "clicked");
  iterate (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2"));
  screenshot (GTK_WIDGET (dialog), "prefs-delete-stage.png");
  w = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_DROP_DOWN (w));
  names = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (w)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    if (g_str_equal (gtk_string_list_get_string (names, i), qualified_name))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (w), i);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted != 0 FROM stages WHERE id = ?1", in_work), ==, 1);
  g_assert_cmpint (crm_stage_count_leads (f->store, qualified, NULL, &error), ==, 2);
  text = crm_test_query_text (f->store, "SELECT stage_id FROM leads WHERE id = ?1", lead1);
  g_assert_cmpstr (text, ==, qualified);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE entity_id = ?1"
                                       " AND field = 'stage_id'", lead2), >=, 1);
  /* Each moved lead has its "In work → Qualified" on the timeline. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM activities WHERE kind = 'stage'"
                                       " AND subject = ?1", subject), ==, 2);
  g_assert_null (crm_prefs_funnel_page_get_stage_row (page, in_work));
  destroy (GTK_WIDGET (window));

  /* A new window on the reopened file shows it all. */
  g_clear_object (&f->store);
  f->store = crm_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  window = open_window (f);
  page = funnel_page (window);
  row = open_stage (page, added);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Встреча");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_data (row, GTK_TYPE_TOGGLE_BUTTON,
                                                                             "color", "#9141ac"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_data (row, GTK_TYPE_CHECK_BUTTON,
                                                                           "field", "company"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_data (row, GTK_TYPE_SPIN_BUTTON,
                                                                                 "field", "rotting_days"))), ==, 7);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (row, is_row_titled, C_("stage kind", "Kind")))), ==, 1);
  destroy (GTK_WIDGET (window));
}

static void
test_followups (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmPreferencesWindow *window = open_window (f);
  CrmPrefsFollowupsPage *page = followups_page (window);
  g_autoptr(GPtrArray) steps = NULL;
  GtkWidget *row, *w, *step_row;
  CrmPrefsStepDialog *dialog;
  guint8 days = crm_settings_get_work_days (f->store);
  CrmCadenceStep *step;

  g_assert_nonnull (page);
  g_assert_cmpuint (days & (1 << 5), ==, 0);

  /* Saturday becomes a work day. */
  w = crm_prefs_followups_page_get_day_button (page, 5);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w), TRUE);
  settle ();
  g_assert_cmpuint (crm_settings_get_work_days (f->store), ==, days | (1 << 5));

  /* Edit the first step of "No answer" in its dialog. */
  row = crm_prefs_followups_page_get_cadence_row (page, NO_ANSWER_ID);
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  settle ();
  g_object_set (window, "visible-page", page, NULL);
  screenshot (GTK_WIDGET (window), "prefs-followups.png");
  if (g_getenv ("VORONKA_SCREENSHOT_DIR") != NULL)
    {
      scroll_to (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
      screenshot (GTK_WIDGET (window), "prefs-cadences.png");
    }
  step_row = find (row, is_row_starting, "1. ");
  g_assert_nonnull (step_row);
  g_signal_emit_by_name (step_row, "activated");
  iterate (100);
  dialog = CRM_PREFS_STEP_DIALOG (find_toplevel (CRM_TYPE_PREFS_STEP_DIALOG));
  g_assert_nonnull (dialog);
  screenshot (GTK_WIDGET (dialog), "prefs-step.png");

  /* An empty title is refused and the dialog stays. */
  w = find (GTK_WIDGET (dialog), is_row_titled, _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (w), " ");
  g_assert_false (crm_prefs_step_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_editable_set_text (GTK_EDITABLE (w), "Перезвонить, {name}");
  w = find (GTK_WIDGET (dialog), is_row_titled, _("Minutes"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (w, is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON))), 25);
  g_assert_true (crm_prefs_step_dialog_save (dialog));
  settle ();
  g_assert_null (find_toplevel (CRM_TYPE_PREFS_STEP_DIALOG));

  steps = crm_cadence_get_steps (f->store, NO_ANSWER_ID, &error);
  g_assert_no_error (error);
  step = g_ptr_array_index (steps, 0);
  g_assert_cmpstr (step->title, ==, "Перезвонить, {name}");
  g_assert_cmpint (step->delay_minutes, ==, 25);
  g_assert_cmpuint (steps->len, ==, 3);

  /* Move the step down, then switch the regulation off. */
  row = crm_prefs_followups_page_get_cadence_row (page, NO_ANSWER_ID);
  step_row = find (row, is_row_starting, "1. ");
  w = find (step_row, is_button_tooltip, _("Move Down"));
  g_signal_emit_by_name (w, "clicked");
  settle ();
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = crm_cadence_get_steps (f->store, NO_ANSWER_ID, &error);
  g_assert_cmpstr (((CrmCadenceStep *) g_ptr_array_index (steps, 1))->title, ==, "Перезвонить, {name}");

  row = crm_prefs_followups_page_get_cadence_row (page, NO_ANSWER_ID);
  w = find (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_nonnull (w);
  gtk_switch_set_active (GTK_SWITCH (w), FALSE);
  settle ();
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT is_active FROM cadences WHERE id = ?1", NO_ANSWER_ID), ==, 0);
  destroy (GTK_WIDGET (window));

  /* Reopened: Saturday is on, the regulation off, the step where it went. */
  g_clear_object (&f->store);
  f->store = crm_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  window = open_window (f);
  page = followups_page (window);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (crm_prefs_followups_page_get_day_button (page, 5))));
  row = crm_prefs_followups_page_get_cadence_row (page, NO_ANSWER_ID);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH)))));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  settle ();
  g_assert_nonnull (find (row, is_row_starting, "2. Перезвонить"));
  destroy (GTK_WIDGET (window));
}

/* The reminder switches are the application's GSettings keys. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  CrmPreferencesWindow *window = open_window (f);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *row = find (GTK_WIDGET (window), is_row_titled, _("Run in the Background"));
  GtkWidget *sw;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)));
  sw = find (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));

  /* Set elsewhere (the app's own code), the switch follows. */
  row = find (GTK_WIDGET (window), is_row_titled, _("Start at Login"));
  sw = find (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_settings_set_boolean (settings, "autostart", TRUE);
  settle ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  g_settings_reset (settings, "autostart");
  g_settings_reset (settings, "run-in-background");
  destroy (GTK_WIDGET (window));
}

/* A second pipeline: added through its dialog, shown with its three
 * stages, renamed, then deleted. */
static void
test_pipelines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmPreferencesWindow *window = open_window (f);
  CrmPrefsFunnelPage *page = funnel_page (window);
  g_autofree char *main_id = g_strdup (crm_prefs_funnel_page_get_pipeline (page));
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.new-pipeline", NULL));
  iterate (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Опт");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  /* The page shows the new pipeline and its stages. */
  id = g_strdup (crm_prefs_funnel_page_get_pipeline (page));
  g_assert_cmpstr (id, !=, main_id);
  name = crm_test_query_text (f->store, "SELECT name FROM pipelines WHERE id = ?1", id);
  g_assert_cmpstr (name, ==, "Опт");
  stages = crm_stage_list (f->store, id, &error);
  g_assert_cmpuint (stages->len, ==, 3);
  for (guint i = 0; i < stages->len; i++)
    g_assert_nonnull (crm_prefs_funnel_page_get_stage_row (page, crm_record_get_id (g_ptr_array_index (stages, i))));

  entry = find (GTK_WIDGET (page), is_row_titled, C_("thing name", "Name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Оптовые продажи");
  g_signal_emit_by_name (entry, "apply");
  settle ();
  g_clear_pointer (&name, g_free);
  name = crm_test_query_text (f->store, "SELECT name FROM pipelines WHERE id = ?1", id);
  g_assert_cmpstr (name, ==, "Оптовые продажи");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.delete-pipeline", NULL));
  iterate (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted != 0 FROM pipelines WHERE id = ?1", id), ==, 1);
  g_assert_cmpstr (crm_prefs_funnel_page_get_pipeline (page), ==, main_id);
  destroy (GTK_WIDGET (window));
}

/* A zone the short list lacks is found by searching all of them. */
static void
test_timezone (Fixture       *f,
               gconstpointer  data)
{
  CrmPreferencesWindow *window = open_window (f);
  GtkWidget *row = find (GTK_WIDGET (window), is_row_titled, _("Time Zone"));
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  guint n = g_list_model_get_n_items (model);
  CrmPrefsZoneDialog *dialog;
  g_autofree char *tz = NULL;
  const char *shown;

  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), n - 1), ==, _("Other…"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), n - 1);
  settle ();
  dialog = CRM_PREFS_ZONE_DIALOG (find_toplevel (CRM_TYPE_PREFS_ZONE_DIALOG));
  g_assert_nonnull (dialog);
  /* Until one is chosen, the row shows the stored zone. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), <, n - 1);
  g_assert_cmpuint (crm_prefs_zone_dialog_get_n_shown (dialog), >, 1);

  crm_prefs_zone_dialog_set_search (dialog, "New York");
  g_assert_cmpuint (crm_prefs_zone_dialog_get_n_shown (dialog), ==, 1);
  screenshot (GTK_WIDGET (dialog), "prefs-zone.png");
  crm_prefs_zone_dialog_choose (dialog, 0);
  settle ();
  tz = crm_store_get_setting (f->store, "timezone");
  g_assert_cmpstr (tz, ==, "America/New_York");
  g_assert_cmpuint (f->n_changed, ==, 1);

  /* It is offered from now on, and shown as chosen. */
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  shown = gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (ADW_COMBO_ROW (row)));
  g_assert_nonnull (strstr (shown, "New York"));
  destroy (GTK_WIDGET (window));
}

static gboolean
sla_shows (gpointer data)
{
  return gtk_spin_button_get_value_as_int (data) == 42;
}

/* voronka-cli (another connection) changes the SLA: the open window shows it. */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmPreferencesWindow *window = open_window (f);
  g_autoptr(CrmStore) other = crm_store_open (f->path, NULL, &error);
  GtkWidget *row = find (GTK_WIDGET (window), is_row_titled, _("First Response Within"));
  GtkWidget *spin = find (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 15);
  g_assert_true (crm_settings_set_sla_minutes (other, 42, &error));
  while (!sla_shows (spin))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* Showing it wrote nothing back. */
  iterate (600);
  g_assert_cmpuint (f->n_changed, ==, 0);
  destroy (GTK_WIDGET (window));
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  /* VORONKA_LOCALEDIR=build/po with LANGUAGE=ru shows the pages in
   * Russian, as the app does. */
  if (g_getenv ("VORONKA_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VORONKA_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_init ();
  adw_init ();

  g_test_add ("/gui/prefs/funnel", Fixture, NULL, fixture_setup, test_funnel, fixture_teardown);
  g_test_add ("/gui/prefs/followups", Fixture, NULL, fixture_setup, test_followups, fixture_teardown);
  g_test_add ("/gui/prefs/reminders", Fixture, NULL, fixture_setup, test_reminders, fixture_teardown);
  g_test_add ("/gui/prefs/pipelines", Fixture, NULL, fixture_setup, test_pipelines, fixture_teardown);
  g_test_add ("/gui/prefs/timezone", Fixture, NULL, fixture_setup, test_timezone, fixture_teardown);
  g_test_add ("/gui/prefs/changed-elsewhere", Fixture, NULL, fixture_setup, test_changed_elsewhere,
              fixture_teardown);

  return crm_test_run ();
}
