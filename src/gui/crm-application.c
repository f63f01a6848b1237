/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-application"

#include "config.h"

#include "crm-application.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-demo.h"
#include "crm-notifier.h"
#include "crm-shell-config.h"
#include "crm-task-autostart.h"
#include "crm-task-badge.h"

/*
 * Single instance (D-Bus activation through GApplication): a second
 * `voronka` raises the window of the running one; `voronka --db FILE`
 * opens (or raises) a window on that file. One window per database file.
 *
 * Reminders: a CrmNotifier on the user's workspace (the first one opened
 * that is not the demo, or the --db of `voronka --background`) fires them
 * as notifications whose actions (app.task-*) work without a window.
 * Closing the last window keeps the app running (a hold) while reminders
 * are pending and "run-in-background" is on; `voronka --background` (the
 * autostart entry) starts it that way, without a window.
 */

/* Leads in the demo workspace: enough to feel real, quick to generate. */
#define DEMO_LEADS 1200
#define DEMO_SEED  20260101

struct _CrmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  CrmNotifier    *notifier;
  gboolean        held;
  gboolean        quitting;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database file"), N_("FILE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start without a window, to fire the reminders"), NULL },
  { NULL }
};

/* ---- helpers ---- */

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  /* Uninstalled runs find the schema compiled in the build tree. */
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build =
        g_settings_schema_source_new_from_directory (CRM_SCHEMA_BUILD_DIR, source, FALSE, NULL);

      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, APP_ID, FALSE);
    }
  if (schema == NULL)
    {
      g_warning ("GSettings schema %s not found: window state and preferences are not kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
apply_color_scheme (CrmApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
hold (CrmApplication *self,
      gboolean        on)
{
  if (self->held == on)
    return;
  self->held = on;
  if (on)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* The reminders run on one workspace: the first one opened. */
static void
ensure_notifier (CrmApplication *self,
                 const char     *path)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (self->notifier != NULL)
    return;
  if (!(store = crm_store_open (path, NULL, &error)))
    {
      g_warning ("No reminders for %s: %s", path, error->message);
      return;
    }
  self->notifier = crm_notifier_new (G_APPLICATION (self), store);
  crm_notifier_start (self->notifier);
}

static void
apply_autostart (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;
  gboolean on = g_settings_get_boolean (self->settings, "autostart");

  if (!crm_autostart_set (g_get_user_config_dir (), on, &error))
    g_warning ("Could not %s the autostart entry: %s", on ? "write" : "remove", error->message);
}

static CrmWindow *
find_window (CrmApplication *self,
             const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data) &&
        g_strcmp0 (crm_store_get_path (crm_window_get_store (l->data)), path) == 0)
      return l->data;
  return NULL;
}

static void
report_error (CrmApplication *self,
              const char     *path,
              GError         *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  g_printerr ("%s: %s\n", path, error->message);
  dialog = adw_message_dialog_new (parent, _("Cannot Open the Database"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", path, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_path (CrmApplication *self,
           const char     *path,
           gboolean        is_demo)
{
  g_autoptr(GError) error = NULL;
  CrmWindow *window = crm_application_open_database (self, path, is_demo, &error);

  if (window == NULL)
    report_error (self, path, error);
  else
    gtk_window_present (GTK_WINDOW (window));
}

/* ---- demo ---- */

static void
populate_demo (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, NULL, &error);
  g_autoptr(CrmQuery) query = NULL;
  g_autoptr(GPtrArray) any = NULL;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  query = crm_query_new ("leads");
  any = crm_store_query_page (store, query, NULL, 1, NULL, &error);
  if (any != NULL && any->len == 0 && !crm_demo_populate (store, DEMO_LEADS, DEMO_SEED, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_demo_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmApplication *self = CRM_APPLICATION (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWindow *previous = user_data;

  g_application_unmark_busy (G_APPLICATION (self));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      report_error (self, path, error);
      g_clear_object (&previous);
      g_application_release (G_APPLICATION (self));
      return;
    }
  open_path (self, path, TRUE);
  /* The demo replaces an empty welcome window rather than piling up. */
  if (previous != NULL && CRM_IS_WINDOW (previous) && crm_window_is_welcome (CRM_WINDOW (previous)))
    gtk_window_close (previous);
  g_clear_object (&previous);
  g_application_release (G_APPLICATION (self));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  g_autofree char *path = crm_application_demo_path ();
  g_autoptr(GTask) task = NULL;
  GtkWindow *active;

  if (find_window (self, path) != NULL)
    {
      gtk_window_present (GTK_WINDOW (find_window (self, path)));
      return;
    }
  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_application_mark_busy (G_APPLICATION (self));
  task = g_task_new (self, NULL, on_demo_ready_cb, active != NULL ? g_object_ref (active) : NULL);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, populate_demo);
}

static void
open_own_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  g_autofree char *path = crm_application_own_path (self);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  open_path (self, path, FALSE);
  if (active != NULL && CRM_IS_WINDOW (active) && crm_window_get_is_demo (CRM_WINDOW (active)))
    gtk_window_close (active);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);

  /* Quit means quit, reminders or not. */
  self->quitting = TRUE;
  hold (self, FALSE);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }
}

/* app.show-page, app.show-record and app.new-lead forward to the active window, so desktop
 * file actions and scripts (build-aux/voronka-screenshots) can reach them
 * over D-Bus; window actions themselves are not exported. */
static void
forward_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autofree char *name = g_strconcat ("win.", g_action_get_name (G_ACTION (action)), NULL);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (user_data));
      window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
    }
  if (window != NULL)
    {
      gtk_widget_activate_action_variant (GTK_WIDGET (window), name, param);
      gtk_window_present (window);
    }
}

/* ---- reminders' actions (from notifications, with a task id) ---- */

static CrmStore *
task_store (CrmApplication *self)
{
  g_autofree char *path = NULL;

  if (self->notifier == NULL)
    {
      path = crm_application_own_path (self);
      ensure_notifier (self, path);
    }
  return self->notifier != NULL ? crm_notifier_get_store (self->notifier) : NULL;
}

static void
task_open_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  const char *task_id = g_variant_get_string (param, NULL);
  CrmStore *store = task_store (self);
  g_autoptr(CrmRecord) task = NULL;
  GtkWindow *window;

  if (store == NULL)
    return;
  task = crm_store_get (store, "tasks", task_id, NULL);
  window = GTK_WINDOW (crm_application_open_database (self, crm_store_get_path (store), FALSE, NULL));
  if (window == NULL)
    return;
  gtk_window_present (window);
  if (task != NULL && crm_record_get_text (task, "entity_id") != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(ss)",
                                crm_entity_table (crm_record_get_text (task, "entity_type")),
                                crm_record_get_text (task, "entity_id"));
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "tasks");
}

static void
task_done_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  const char *task_id = g_variant_get_string (param, NULL);
  CrmStore *store = task_store (self);
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  if (!crm_tasks_set_done (store, task_id, TRUE, &error))
    g_warning ("Could not complete task %s: %s", task_id, error->message);
  crm_notifier_withdraw (self->notifier, task_id);
  crm_tasks_changed ();
}

static void
task_snooze_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CrmApplication *self = CRM_APPLICATION (user_data);
  const char *task_id = g_variant_get_string (param, NULL);
  guint minutes = g_str_has_suffix (g_action_get_name (G_ACTION (action)), "-60") ? 60 : 10;
  CrmStore *store = task_store (self);
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  if (!crm_tasks_snooze (store, task_id, minutes, &error))
    g_warning ("Could not snooze task %s: %s", task_id, error->message);
  crm_notifier_withdraw (self->notifier, task_id);
  crm_tasks_changed ();
}

static const GActionEntry app_actions[] = {
  { "task-open", task_open_action, "s" },
  { "task-done", task_done_action, "s" },
  { "task-snooze-10", task_snooze_action, "s" },
  { "task-snooze-60", task_snooze_action, "s" },
  { "open-demo", open_demo_action },
  { "open-own", open_own_action },
  { "quit", quit_action },
  { "show-page", forward_action, "s" },
  { "show-record", forward_action, "(ss)" },
  { "new-lead", forward_action },
  { "search", forward_action },
};

/* ---- GApplication ---- */

static void
crm_application_startup (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-lead", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.close-pane", { "<Control>Escape", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  /* An uninstalled build finds the app icon in the source tree. */
  if (g_file_test (CRM_SOURCE_ICONS_DIR, G_FILE_TEST_IS_DIR))
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    CRM_SOURCE_ICONS_DIR);

  self->settings = load_settings ();
  if (self->settings != NULL)
    {
      g_autoptr(GAction) scheme = g_settings_create_action (self->settings, "color-scheme");

      g_action_map_add_action (G_ACTION_MAP (self), scheme);
      g_signal_connect_swapped (self->settings, "changed::color-scheme",
                                G_CALLBACK (apply_color_scheme), self);
      apply_color_scheme (self);
      g_signal_connect_swapped (self->settings, "changed::autostart",
                                G_CALLBACK (apply_autostart), self);
      if (g_settings_get_boolean (self->settings, "autostart"))
        apply_autostart (self);
    }
}

static void
crm_application_activate (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* Running in the background for a workspace: show that one. */
  if (self->notifier != NULL)
    path = g_strdup (crm_store_get_path (crm_notifier_get_store (self->notifier)));
  else
    path = crm_application_own_path (self);
  open_path (self, path, FALSE);
}

static int
crm_application_command_line (GApplication            *app,
                              GApplicationCommandLine *cmdline)
{
  CrmApplication *self = CRM_APPLICATION (app);
  GVariantDict *dict = g_application_command_line_get_options_dict (cmdline);
  g_autofree char *db = NULL;
  g_autofree char *demo = crm_application_demo_path ();
  gboolean background = g_variant_dict_contains (dict, "background");

  if (!g_variant_dict_lookup (dict, "db", "^ay", &db) || db == NULL || *db == '\0')
    {
      if (background)
        {
          g_autofree char *own = crm_application_own_path (self);

          /* A second `voronka --background` changes nothing. */
          if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
            hold (self, TRUE);
          ensure_notifier (self, own);
          return 0;
        }
      g_application_activate (app);
      return 0;
    }
  if (background)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);
      g_autofree char *path = g_file_get_path (file);

      if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
        hold (self, TRUE);
      ensure_notifier (self, path);
      return 0;
    }
  {
    g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);
    g_autofree char *path = g_file_get_path (file);
    g_autoptr(GError) error = NULL;
    CrmWindow *window = crm_application_open_database (self, path, g_strcmp0 (path, demo) == 0, &error);

    if (window == NULL)
      {
        g_application_command_line_printerr (cmdline, "%s: %s\n", path, error->message);
        return 1;
      }
    gtk_window_present (GTK_WINDOW (window));
  }
  return 0;
}

/* The last window closed: stay for the reminders, if that is the setting. */
static void
crm_application_window_removed (GtkApplication *app,
                                GtkWindow      *window)
{
  CrmApplication *self = CRM_APPLICATION (app);
  gboolean background = self->settings == NULL ||
                        g_settings_get_boolean (self->settings, "run-in-background");

  GTK_APPLICATION_CLASS (crm_application_parent_class)->window_removed (app, window);
  if (gtk_application_get_windows (app) != NULL || self->quitting || self->held)
    return;
  if (background && self->notifier != NULL && crm_notifier_has_pending (self->notifier))
    hold (self, TRUE);
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = CRM_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (crm_application_parent_class)->dispose (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = crm_application_dispose;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  app_class->command_line = crm_application_command_line;
  gtk_app_class->window_removed = crm_application_window_removed;
}

static void
crm_application_init (CrmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * crm_application_new:
 * @flags: extra flags (tests pass %G_APPLICATION_NON_UNIQUE)
 *
 * Returns: (transfer full): the application
 */
CrmApplication *
crm_application_new (GApplicationFlags flags)
{
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/voronka/Voronka",
                       NULL);
}

/**
 * crm_application_get_settings:
 * @self: a #CrmApplication
 *
 * Returns: (transfer none) (nullable): the settings, %NULL when the schema
 *   is not installed
 */
/**
 * crm_application_get_notifier:
 * @self: a #CrmApplication
 *
 * Returns: (transfer none) (nullable): the reminders' notifier, once a
 *   workspace is open
 */
CrmNotifier *
crm_application_get_notifier (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);
  return self->notifier;
}

/**
 * crm_application_is_held:
 * @self: a #CrmApplication
 *
 * Returns: whether it runs in the background without a window
 */
gboolean
crm_application_is_held (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), FALSE);
  return self->held;
}

GSettings *
crm_application_get_settings (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * crm_application_open_database:
 * @self: a #CrmApplication
 * @path: a workspace file (created when missing)
 * @is_demo: whether it is the demo database
 * @error: return location for a #GError
 *
 * Returns: (transfer none): the window on @path, an existing one if any
 */
CrmWindow *
crm_application_open_database (CrmApplication  *self,
                               const char      *path,
                               gboolean         is_demo,
                               GError         **error)
{
  g_autoptr(CrmStore) store = NULL;
  CrmWindow *window;

  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  if ((window = find_window (self, path)) != NULL)
    return window;
  if (!(store = crm_store_open (path, NULL, error)))
    return NULL;
  window = crm_window_new (GTK_APPLICATION (self), store, is_demo);
  if (!is_demo)
    ensure_notifier (self, path);
  /* A window again: closing it decides anew whether to stay. */
  hold (self, FALSE);
  return window;
}

/**
 * crm_application_demo_path:
 *
 * Returns: (transfer full): the demo database, next to the default one
 */
char *
crm_application_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "voronka", "demo.db", NULL);
}

/**
 * crm_application_own_path:
 * @self: a #CrmApplication
 *
 * Returns: (transfer full): the user's database: the "database-path"
 *   setting, or the default file
 */
char *
crm_application_own_path (CrmApplication *self)
{
  g_autofree char *setting = NULL;

  if (self->settings != NULL)
    setting = g_settings_get_string (self->settings, "database-path");
  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);
  return crm_db_default_path ();
}
