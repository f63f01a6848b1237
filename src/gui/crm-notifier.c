/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-notifier"

#include "config.h"

#include "crm-notifier.h"

#include <glib/gi18n.h>

#include "crm-reminders.h"
#include "crm-settings.h"
#include "crm-task-badge.h"
#include "crm-tasks-rows.h"
#include "crm-tasks.h"

/*
 * Reminders as desktop notifications. CrmReminders keeps ONE timer for all
 * pending reminders (scheduled from the wall clock, never asleep longer
 * than a minute); this turns what it fires into GNotifications with Open,
 * Done and Snooze actions (app.task-* with the task id, handled by
 * CrmApplication). What fired in one go — the reminders missed while the
 * app was closed — comes as one summary when there are many.
 *
 * Suspend and clock changes: the timer's clock (CLOCK_MONOTONIC) stands
 * still while the PC sleeps, so on resume (logind's PrepareForSleep(false),
 * when there is a system bus) and whenever a coarse minute tick sees the
 * wall clock jump against the monotonic one, the scheduler checks again at
 * once and fires whatever came due meanwhile.
 */

#define TICK_S 60
#define JUMP_US (5 * G_USEC_PER_SEC)

struct _CrmNotifier
{
  GObject       parent_instance;

  GApplication *app;   /* weak */
  CrmStore     *store;
  CrmReminders *reminders;
  GPtrArray    *batch;
  guint         flush_id;
  guint         tick_id;
  gint64        tick_real;
  gint64        tick_mono;
  gulong        watch_id;
  GDBusConnection *system_bus;
  guint         sleep_sub;
  GCancellable *cancellable;
  guint         n_sent;
};

G_DEFINE_FINAL_TYPE (CrmNotifier, crm_notifier, G_TYPE_OBJECT)

/* ---- building ---- */

/**
 * crm_notifier_id:
 * @task_id: a task
 *
 * Returns: (transfer full): the notification id of the task's reminder
 *   (sending it again replaces it)
 */
char *
crm_notifier_id (const char *task_id)
{
  return g_strconcat ("task-", task_id, NULL);
}

/**
 * crm_notifier_build:
 * @store: the workspace
 * @task: the task whose reminder is due
 * @now_ms: now
 *
 * Returns: (transfer full): its notification: the kind and title, the
 *   record and the due time; click opens it; Done, Snooze 10 min and
 *   Snooze 1 hour act on it without opening a window
 */
GNotification *
crm_notifier_build (CrmStore *store,
                    CrmTask  *task,
                    gint64    now_ms)
{
  const char *id = crm_record_get_id (CRM_RECORD (task));
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);
  g_autofree char *name = crm_tasks_entity_name (store, crm_record_get_text (CRM_RECORD (task), "entity_type"),
                                                 crm_record_get_text (CRM_RECORD (task), "entity_id"));
  g_autofree char *due = crm_tasks_format_due (tz, crm_task_get_due_ms (task), now_ms);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new ("io.github.voronka.Voronka");
  GNotification *n;

  /* Translators: a reminder's title: "Call: Call back about the offer" */
  title = g_strdup_printf (_("%s: %s"), crm_task_kind_label (crm_task_get_kind (task)),
                           crm_task_get_title (task));
  if (name != NULL)
    /* Translators: a reminder's text: the record, then when the task is due */
    body = g_strdup_printf (_("%s · due %s"), name, due);
  else
    body = g_strdup_printf (_("Due %s"), due);

  n = g_notification_new (title);
  g_notification_set_body (n, body);
  g_notification_set_icon (n, icon);
  if (crm_task_get_due_ms (task) > 0 && crm_task_get_due_ms (task) < now_ms)
    g_notification_set_priority (n, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (n, "app.task-open", "s", id);
  g_notification_add_button_with_target (n, _("Open"), "app.task-open", "s", id);
  g_notification_add_button_with_target (n, _("Done"), "app.task-done", "s", id);
  g_notification_add_button_with_target (n, _("Snooze 10 min"), "app.task-snooze-10", "s", id);
  g_notification_add_button_with_target (n, _("Snooze 1 hour"), "app.task-snooze-60", "s", id);
  return n;
}

static void
send (CrmNotifier   *self,
      const char    *id,
      GNotification *n)
{
  if (self->app == NULL)
    return;
  g_application_send_notification (self->app, id, n);
  self->n_sent++;
}

static gboolean
flush_cb (gpointer data)
{
  CrmNotifier *self = data;
  g_autoptr(GPtrArray) batch = g_steal_pointer (&self->batch);
  gint64 now = crm_store_now_ms (self->store);

  self->flush_id = 0;
  self->batch = g_ptr_array_new_with_free_func (g_object_unref);
  if (batch->len > CRM_NOTIFIER_MAX_SINGLE)
    {
      g_autoptr(GNotification) n = NULL;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reminder", "%u reminders",
                                                            batch->len), batch->len);
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint i = 0; i < MIN (batch->len, 3); i++)
        g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "",
                                crm_task_get_title (g_ptr_array_index (batch, i)));
      if (batch->len > 3)
        g_string_append_printf (body, "\n%s", _("…and more in Tasks"));
      n = g_notification_new (title);
      g_notification_set_body (n, body->str);
      g_notification_set_default_action_and_target (n, "app.show-page", "s", "tasks");
      g_notification_add_button_with_target (n, _("Open Tasks"), "app.show-page", "s", "tasks");
      send (self, "reminders", n);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < batch->len; i++)
    {
      CrmTask *task = g_ptr_array_index (batch, i);
      g_autoptr(GNotification) n = crm_notifier_build (self->store, task, now);
      g_autofree char *id = crm_notifier_id (crm_record_get_id (CRM_RECORD (task)));

      send (self, id, n);
    }
  return G_SOURCE_REMOVE;
}

/* ---- callbacks ---- */

static void
on_reminder_fired_cb (CrmReminders *reminders,
                      CrmTask      *task,
                      CrmNotifier  *self)
{
  g_ptr_array_add (self->batch, g_object_ref (task));
  /* Everything one check fires goes out together, after it. */
  if (self->flush_id == 0)
    self->flush_id = g_idle_add (flush_cb, self);
}

/**
 * crm_notifier_clock_jumped:
 * @real_delta_us: how far the wall clock moved since the last look
 * @mono_delta_us: how far the monotonic clock moved meanwhile
 *
 * The monotonic clock stands still while the PC sleeps and ignores changes
 * of the time; the wall clock does not. More than a few seconds between
 * the two means a resume or a clock change.
 *
 * Returns: whether the reminders should be checked again now
 */
gboolean
crm_notifier_clock_jumped (gint64 real_delta_us,
                           gint64 mono_delta_us)
{
  return ABS (real_delta_us - mono_delta_us) > JUMP_US;
}

static gboolean
on_tick_cb (gpointer data)
{
  CrmNotifier *self = data;
  gint64 real = g_get_real_time ();
  gint64 mono = g_get_monotonic_time ();
  gboolean jumped = crm_notifier_clock_jumped (real - self->tick_real, mono - self->tick_mono);

  self->tick_real = real;
  self->tick_mono = mono;
  if (jumped)
    {
      g_debug ("The wall clock jumped: checking the reminders");
      crm_notifier_check (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *params,
                         gpointer         data)
{
  gboolean sleeping = FALSE;

  if (g_variant_is_of_type (params, G_VARIANT_TYPE ("(b)")))
    g_variant_get (params, "(b)", &sleeping);
  if (!sleeping)
    crm_notifier_check (data);
}

static void
on_system_bus_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  CrmNotifier *self;

  /* No system bus (a container, a test): the minute tick still notices. */
  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, no resume signal: %s", error->message);
      return;
    }
  self = CRM_NOTIFIER (data);
  self->system_bus = bus;
  self->sleep_sub = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                                        "org.freedesktop.login1.Manager",
                                                        "PrepareForSleep", "/org/freedesktop/login1",
                                                        NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                        on_prepare_for_sleep_cb, self, NULL);
}

static void
on_tasks_changed_cb (gpointer data)
{
  crm_notifier_check (data);
}

/* ---- GObject ---- */

static void
crm_notifier_dispose (GObject *object)
{
  CrmNotifier *self = CRM_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->watch_id != 0)
    crm_tasks_unwatch (self->watch_id);
  self->watch_id = 0;
  if (self->system_bus != NULL && self->sleep_sub != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_sub);
  self->sleep_sub = 0;
  g_clear_object (&self->system_bus);
  if (self->reminders != NULL)
    {
      crm_reminders_stop (self->reminders);
      g_signal_handlers_disconnect_by_data (self->reminders, self);
    }
  g_clear_object (&self->reminders);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->app);
  G_OBJECT_CLASS (crm_notifier_parent_class)->dispose (object);
}

static void
crm_notifier_finalize (GObject *object)
{
  CrmNotifier *self = CRM_NOTIFIER (object);

  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (crm_notifier_parent_class)->finalize (object);
}

static void
crm_notifier_class_init (CrmNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_notifier_dispose;
  object_class->finalize = crm_notifier_finalize;
}

static void
crm_notifier_init (CrmNotifier *self)
{
  self->batch = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/* ---- public API ---- */

/**
 * crm_notifier_new:
 * @app: the application that sends the notifications
 * @store: the workspace whose reminders to fire (the notifier keeps it)
 *
 * Returns: (transfer full): a notifier; start it
 */
CrmNotifier *
crm_notifier_new (GApplication *app,
                  CrmStore     *store)
{
  CrmNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);
  self->store = g_object_ref (store);
  self->reminders = crm_reminders_new (store);
  g_signal_connect (self->reminders, "reminder-fired", G_CALLBACK (on_reminder_fired_cb), self);
  return self;
}

/**
 * crm_notifier_start:
 * @self: a #CrmNotifier
 *
 * Shows the reminders missed since the app last ran (one summary when
 * there are many), then keeps the scheduler's one timer, the minute check
 * of the wall clock and the resume signal.
 */
void
crm_notifier_start (CrmNotifier *self)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));

  if (self->tick_id != 0)
    return;
  self->tick_real = g_get_real_time ();
  self->tick_mono = g_get_monotonic_time ();
  self->tick_id = g_timeout_add_seconds (TICK_S, on_tick_cb, self);
  self->watch_id = crm_tasks_watch (on_tasks_changed_cb, self);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_cb, self);
  crm_reminders_start (self->reminders);
}

/**
 * crm_notifier_check:
 * @self: a #CrmNotifier
 *
 * Fires what came due and re-arms the timer: after tasks changed, on
 * resume, after the clock jumped.
 */
void
crm_notifier_check (CrmNotifier *self)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));

  if (self->tick_id != 0)
    crm_reminders_check (self->reminders);
}

/**
 * crm_notifier_has_pending:
 * @self: a #CrmNotifier
 *
 * Returns: whether a reminder is still to come (a reason to keep running
 *   when the window closes)
 */
gboolean
crm_notifier_has_pending (CrmNotifier *self)
{
  g_return_val_if_fail (CRM_IS_NOTIFIER (self), FALSE);
  return crm_tasks_next_reminder_ms (self->store, crm_store_now_ms (self->store)) > 0;
}

CrmStore *
crm_notifier_get_store (CrmNotifier *self)
{
  g_return_val_if_fail (CRM_IS_NOTIFIER (self), NULL);
  return self->store;
}

/**
 * crm_notifier_get_n_sent:
 * @self: a #CrmNotifier
 *
 * Returns: how many notifications it has sent (summaries count once)
 */
guint
crm_notifier_get_n_sent (CrmNotifier *self)
{
  g_return_val_if_fail (CRM_IS_NOTIFIER (self), 0);
  return self->n_sent;
}

void
crm_notifier_withdraw (CrmNotifier *self,
                       const char  *task_id)
{
  g_autofree char *id = NULL;

  g_return_if_fail (CRM_IS_NOTIFIER (self));

  id = crm_notifier_id (task_id);
  if (self->app != NULL)
    g_application_withdraw_notification (self->app, id);
}
