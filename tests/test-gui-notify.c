/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reminders fire as desktop notifications, and the notification's Done
 * completes the task. Runs under Xvfb and a private session bus
 * (dbus-run-session) with GNOTIFICATION_BACKEND=freedesktop, so GLib talks
 * to org.freedesktop.Notifications whatever the machine has: this test
 * owns that name on a second connection, records each Notify call and
 * answers with ActionInvoked the way a notification server does when a
 * button is clicked. The app runs in-process as `voronka --background
 * --db FILE` (no window; the reminders keep it alive); the outcome is
 * checked in the database through the core.
 */
#include "config.h"

#include <adwaita.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-test-util.h"

#define MINUTE_MS G_GINT64_CONSTANT (60000)

static const char server_xml[] =
  "<node>"
  " <interface name='org.freedesktop.Notifications'>"
  "  <method name='Notify'>"
  "   <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "   <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='GetServerInformation'>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  "  <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  " </interface>"
  "</node>";

typedef struct
{
  guint32  id;
  char    *summary;
  char    *body;
  GStrv    actions;   /* key, label, key, label… */
} Notified;

typedef struct
{
  GDBusConnection *bus;
  GPtrArray       *notified;
  guint32          next_id;
  guint            closed;
  CrmApplication  *app;
  char            *path;
  char            *missed_id;
  char            *soon_id;
  int              step;
  guint            driver_id;
  guint            owner;
  gint64           started;
  const char      *failure;
} Fixture;

static void
notified_free (gpointer data)
{
  Notified *n = data;

  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static void
on_method_cb (GDBusConnection       *connection,
              const char            *sender,
              const char            *object_path,
              const char            *interface_name,
              const char            *method_name,
              GVariant              *params,
              GDBusMethodInvocation *invocation,
              gpointer               data)
{
  Fixture *f = data;

  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      Notified *n = g_new0 (Notified, 1);
      guint32 replaces;
      const char *summary, *body;

      g_variant_get (params, "(&su&s&s&s^asa{sv}i)", NULL, &replaces, NULL, &summary, &body,
                     &n->actions, NULL, NULL);
      n->id = replaces != 0 ? replaces : ++f->next_id;
      n->summary = g_strdup (summary);
      n->body = g_strdup (body);
      g_test_message ("Notify #%u: %s — %s", n->id, summary, body);
      for (guint i = 0; n->actions[i] != NULL; i++)
        g_test_message ("  action %s", n->actions[i]);
      g_ptr_array_add (f->notified, n);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->id));
    }
  else if (g_strcmp0 (method_name, "CloseNotification") == 0)
    {
      f->closed++;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "fake", "voronka-tests",
                                                                      "1", "1.2"));
}

static const GDBusInterfaceVTable vtable = { on_method_cb, NULL, NULL, { 0 } };

static Notified *
find_notified (Fixture    *f,
               const char *summary_part)
{
  for (guint i = 0; i < f->notified->len; i++)
    {
      Notified *n = g_ptr_array_index (f->notified, i);

      if (strstr (n->summary, summary_part) != NULL)
        return n;
    }
  return NULL;
}

static gboolean
has_action (Notified   *n,
            const char *key,
            const char *label)
{
  for (guint i = 0; n->actions[i] != NULL && n->actions[i + 1] != NULL; i += 2)
    if (g_strcmp0 (n->actions[i], key) == 0 && (label == NULL || g_strcmp0 (n->actions[i + 1], label) == 0))
      return TRUE;
  return FALSE;
}

static CrmRecord *
read_task (Fixture    *f,
           const char *id)
{
  g_autoptr(CrmStore) store = crm_store_open (f->path, NULL, NULL);

  g_assert_nonnull (store);
  return crm_store_get (store, "tasks", id, NULL);
}

static void
fail (Fixture    *f,
      const char *what)
{
  f->failure = what;
  g_application_quit (G_APPLICATION (f->app));
}

static void
on_activated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  g_assert_no_error (error);
}

/* Drives the app from inside its main loop, one step per tick. */
static gboolean
driver_cb (gpointer data)
{
  Fixture *f = data;
  Notified *n;

  if (g_get_monotonic_time () - f->started > 30 * G_USEC_PER_SEC)
    {
      fail (f, "timed out");
      return G_SOURCE_REMOVE;
    }
  switch (f->step)
    {
    case 0:
      /* Missed while the app was closed: shown at once on start. */
      if (!(n = find_notified (f, "Missed call")))
        return G_SOURCE_CONTINUE;
      {
        g_autofree char *done = g_action_print_detailed_name ("app.task-done", g_variant_new_string (f->missed_id));

        g_assert_true (has_action (n, done, "Done"));
        g_assert_true (has_action (n, "default", NULL));
      }
      /* No window: the app runs in the background for its reminders. */
      g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
      g_assert_true (crm_application_is_held (f->app));
      f->step++;
      return G_SOURCE_CONTINUE;

    case 1:
      /* Due a couple of seconds after start: fired by the timer. */
      if (!(n = find_notified (f, "Call back")))
        return G_SOURCE_CONTINUE;
      {
        g_autofree char *open = g_action_print_detailed_name ("app.task-open", g_variant_new_string (f->soon_id));
        g_autofree char *done = g_action_print_detailed_name ("app.task-done", g_variant_new_string (f->soon_id));
        g_autofree char *s10 = g_action_print_detailed_name ("app.task-snooze-10", g_variant_new_string (f->soon_id));
        g_autofree char *s60 = g_action_print_detailed_name ("app.task-snooze-60", g_variant_new_string (f->soon_id));

        g_assert_true (strstr (n->body, "Иванов Иван") != NULL);
        g_assert_true (has_action (n, open, "Open"));
        g_assert_true (has_action (n, done, "Done"));
        g_assert_true (has_action (n, s10, "Snooze 10 min"));
        g_assert_true (has_action (n, s60, "Snooze 1 hour"));
        /* The user clicks Done in the notification. */
        g_dbus_connection_emit_signal (f->bus, NULL, "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "ActionInvoked",
                                       g_variant_new ("(us)", n->id, done), NULL);
      }
      f->step++;
      return G_SOURCE_CONTINUE;

    case 2:
      {
        g_autoptr(CrmRecord) task = read_task (f, f->soon_id);

        if (crm_record_get_int (task, "done_ms", 0) == 0)
          return G_SOURCE_CONTINUE;
      }
      /* Snooze the missed one the other way a desktop can: the app's
       * exported action over D-Bus (gdbus call … org.gtk.Actions.Activate). */
      {
        g_autoptr(GVariantBuilder) params = g_variant_builder_new (G_VARIANT_TYPE ("av"));

        /* Asynchronously: the app answers from this very main loop. */
        g_variant_builder_add (params, "v", g_variant_new_string (f->missed_id));
        g_dbus_connection_call (f->bus, APP_ID, "/io/github/voronka/Voronka", "org.gtk.Actions",
                                "Activate", g_variant_new ("(sava{sv})", "task-snooze-10", params, NULL),
                                NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, on_activated_cb, f);
      }
      f->step++;
      return G_SOURCE_CONTINUE;

    case 3:
      {
        g_autoptr(CrmRecord) task = read_task (f, f->missed_id);
        gint64 now = g_get_real_time () / 1000;

        if (crm_record_get_int (task, "remind_ms", 0) < now + 8 * MINUTE_MS)
          return G_SOURCE_CONTINUE;
        g_assert_cmpint (crm_record_get_int (task, "remind_ms", 0), <=, now + 10 * MINUTE_MS);
        g_assert_cmpint (crm_record_get_int (task, "done_ms", 0), ==, 0);
      }
      /* Launching Voronka again shows a window; the background hold goes. */
      g_application_activate (G_APPLICATION (f->app));
      g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (f->app)));
      g_assert_false (crm_application_is_held (f->app));
      gtk_window_close (gtk_application_get_windows (GTK_APPLICATION (f->app))->data);
      f->step++;
      return G_SOURCE_CONTINUE;

    case 4:
      /* Closed with a reminder pending (the snoozed one) and
       * run-in-background on: it keeps running, without a window. */
      if (gtk_application_get_windows (GTK_APPLICATION (f->app)) != NULL)
        return G_SOURCE_CONTINUE;
      g_assert_true (crm_application_is_held (f->app));
      g_application_quit (G_APPLICATION (f->app));
      f->driver_id = 0;
      return G_SOURCE_REMOVE;

    default:
      g_assert_not_reached ();
    }
}

/* Starts the fake notification server on a connection of its own, then
 * runs the app as the autostart entry starts it, on f->path, with
 * @driver ticking every 100 ms until it quits the app. */
static void
run_app (Fixture     *f,
         GSourceFunc  driver)
{
  g_autofree char *address = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "voronka", (char *) "--background", (char *) "--db", f->path, NULL };
  int status;

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  f->bus = g_dbus_connection_new_for_address_sync (address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (server_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (f->bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, f, NULL, &error);
  g_assert_no_error (error);
  f->owner = g_bus_own_name_on_connection (f->bus, "org.freedesktop.Notifications",
                                           G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  f->notified = g_ptr_array_new_with_free_func (notified_free);

  f->app = crm_application_new (G_APPLICATION_DEFAULT_FLAGS);
  f->started = g_get_monotonic_time ();
  f->driver_id = g_timeout_add (100, driver, f);
  status = g_application_run (G_APPLICATION (f->app), 4, argv);
  g_assert_cmpstr (f->failure, ==, NULL);
  g_assert_cmpint (status, ==, 0);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_handle_id (&f->driver_id, g_source_remove);
  if (f->owner != 0)
    g_bus_unown_name (f->owner);
  g_clear_object (&f->app);
  if (f->bus != NULL)
    g_dbus_connection_close_sync (f->bus, NULL, NULL);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->notified, g_ptr_array_unref);
  g_free (f->path);
  g_free (f->missed_id);
  g_free (f->soon_id);
}

static void
test_reminder_done (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *lead = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmRecord) missed = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  gint64 now = g_get_real_time () / 1000;

  /* The workspace: a lead, a reminder missed half an hour ago while the
   * app was closed, and one due two seconds from now. */
  f.path = g_build_filename (dir, "voronka.db", NULL);
  store = crm_store_open (f.path, NULL, &error);
  g_assert_no_error (error);
  lead = crm_test_add (store, "leads", "full_name", "Иванов Иван", NULL);
  input.entity_type = "lead";
  input.entity_id = lead;
  input.kind = "call";
  input.title = "Missed call";
  input.due_ms = now - 25 * MINUTE_MS;
  input.remind_before_min = 5;
  f.missed_id = crm_tasks_create (store, &input, &error);
  g_assert_no_error (error);
  input.title = "Call back";
  input.due_ms = now + 2000;
  input.remind_before_min = 0;
  f.soon_id = crm_tasks_create (store, &input, &error);
  g_assert_no_error (error);
  {
    g_autofree char *checked = g_strdup_printf ("%" G_GINT64_FORMAT, now - 60 * MINUTE_MS);

    g_assert_true (crm_store_set_local (store, "reminders_checked_ms", checked, &error));
  }
  g_clear_object (&store);

  run_app (&f, driver_cb);
  g_assert_cmpint (f.step, ==, 4);

  /* Only one reminder per task, however often the timer woke. */
  g_assert_cmpuint (f.notified->len, ==, 2);
  missed = read_task (&f, f.missed_id);
  g_assert_cmpint (crm_record_get_int (missed, "done_ms", 0), ==, 0);

  fixture_clear (&f);
}

/* Five reminders missed while the app was closed: one summary, whose
 * button opens the Tasks page of that workspace. */
static gboolean
summary_driver_cb (gpointer data)
{
  Fixture *f = data;
  Notified *n;
  GList *windows;

  if (g_get_monotonic_time () - f->started > 30 * G_USEC_PER_SEC)
    {
      fail (f, "timed out");
      return G_SOURCE_REMOVE;
    }
  switch (f->step)
    {
    case 0:
      if (!(n = find_notified (f, "5 reminders")))
        return G_SOURCE_CONTINUE;
      {
        g_autofree char *open = g_action_print_detailed_name ("app.show-page", g_variant_new_string ("tasks"));

        g_assert_true (has_action (n, open, "Open Tasks"));
        g_assert_true (strstr (n->body, "Missed 0") != NULL);
        g_dbus_connection_emit_signal (f->bus, NULL, "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "ActionInvoked",
                                       g_variant_new ("(us)", n->id, open), NULL);
      }
      f->step++;
      return G_SOURCE_CONTINUE;

    case 1:
      if (!(windows = gtk_application_get_windows (GTK_APPLICATION (f->app))))
        return G_SOURCE_CONTINUE;
      g_assert_cmpstr (crm_window_get_page (windows->data), ==, "tasks");
      g_assert_cmpstr (crm_store_get_path (crm_window_get_store (windows->data)), ==, f->path);
      /* One notification for the five, none for each. */
      g_assert_cmpuint (f->notified->len, ==, 1);
      f->step++;
      g_application_quit (G_APPLICATION (f->app));
      f->driver_id = 0;
      return G_SOURCE_REMOVE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_summary (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *checked = NULL;
  gint64 now = g_get_real_time () / 1000;

  f.path = g_build_filename (dir, "voronka.db", NULL);
  store = crm_store_open (f.path, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    {
      CrmTaskInput input = CRM_TASK_INPUT_INIT;
      g_autofree char *title = g_strdup_printf ("Missed %d", i);
      g_autofree char *id = NULL;

      input.title = title;
      input.due_ms = now - (50 - i) * MINUTE_MS;
      input.remind_before_min = 0;
      id = crm_tasks_create (store, &input, &error);
      g_assert_no_error (error);
    }
  checked = g_strdup_printf ("%" G_GINT64_FORMAT, now - 60 * MINUTE_MS);
  g_assert_true (crm_store_set_local (store, "reminders_checked_ms", checked, &error));
  g_clear_object (&store);

  run_app (&f, summary_driver_cb);
  g_assert_cmpint (f.step, ==, 2);
  fixture_clear (&f);
}

/* Each test owns the app's bus name: run each in a process of its own. */
static void
test_in_subprocess (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      ((GTestFunc) data) ();
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);
  /* The isolated test directories hide /usr/share: give back the MIME
   * database and the icon theme for the window, or SVG icons fail. */
  {
    g_autofree char *dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", g_getenv ("XDG_DATA_DIRS"));

    g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  }
  g_test_add_data_func ("/gui/notify/reminder-done", test_reminder_done, test_in_subprocess);
  g_test_add_data_func ("/gui/notify/missed-summary", test_summary, test_in_subprocess);
  return crm_test_run ();
}
