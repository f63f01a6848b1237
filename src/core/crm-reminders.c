/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reminders"

#include "config.h"

#include "crm-reminders.h"

#include "crm-record.h"
#include "crm-tasks.h"

/* The reminder scheduler: ONE timer for all pending reminders, however many.
 * It wakes at the earliest reminder (one index seek), fires every reminder
 * that came due since the last check, and sleeps again. Times come from the
 * store's clock (the wall clock, or a test's), and the timer never sleeps
 * longer than a minute, so a suspend, a resume or a clock change is noticed
 * within a minute and nothing is skipped: what was missed is fired at once.
 * The last check is kept in the file (per install, not synced), so the
 * reminders missed while the app was closed fire when it starts. */

#define MAX_SLEEP_MS 60000
#define LOCAL_KEY "reminders_checked_ms"

struct _CrmReminders
{
  GObject   parent_instance;

  CrmStore *store;
  gint64    checked_ms;
  gint64    next_ms;
  guint     timeout_id;
};

G_DEFINE_FINAL_TYPE (CrmReminders, crm_reminders, G_TYPE_OBJECT)

enum {
  REMINDER_FIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (CrmReminders *self);

static gboolean
on_timeout_cb (gpointer user_data)
{
  CrmReminders *self = user_data;

  self->timeout_id = 0;
  crm_reminders_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (CrmReminders *self)
{
  gint64 now = crm_store_now_ms (self->store);
  gint64 sleep_ms = MAX_SLEEP_MS;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_ms = crm_tasks_next_reminder_ms (self->store, self->checked_ms);
  if (self->next_ms > 0)
    sleep_ms = CLAMP (self->next_ms - now, 0, MAX_SLEEP_MS);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) sleep_ms, on_timeout_cb, self, NULL);
}

static void
crm_reminders_dispose (GObject *object)
{
  CrmReminders *self = CRM_REMINDERS (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_reminders_parent_class)->dispose (object);
}

static void
crm_reminders_class_init (CrmRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_reminders_dispose;

  /**
   * CrmReminders::reminder-fired:
   * @self: the scheduler
   * @task: (type CrmTask): the open task whose reminder came due
   *
   * Emitted once per reminder, in reminder order; a late one (missed
   * while the app was closed or the PC slept) is emitted at the next check.
   */
  signals[REMINDER_FIRED] =
    g_signal_new ("reminder-fired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CRM_TYPE_TASK);
}

static void
crm_reminders_init (CrmReminders *self)
{
}

/**
 * crm_reminders_new:
 * @store: a #CrmStore
 *
 * Returns: (transfer full): a scheduler that checks from where the last one
 *   on this workspace left off (or from now, the first time)
 */
CrmReminders *
crm_reminders_new (CrmStore *store)
{
  CrmReminders *self;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_REMINDERS, NULL);
  self->store = g_object_ref (store);
  checked = crm_store_get_local (store, LOCAL_KEY);
  self->checked_ms = checked != NULL ? g_ascii_strtoll (checked, NULL, 10) : crm_store_now_ms (store);
  return self;
}

/**
 * crm_reminders_start:
 * @self: a #CrmReminders
 *
 * Fires what was missed since the last check, then keeps one timer on the
 * default main context.
 */
void
crm_reminders_start (CrmReminders *self)
{
  g_return_if_fail (CRM_IS_REMINDERS (self));
  crm_reminders_check (self);
}

void
crm_reminders_stop (CrmReminders *self)
{
  g_return_if_fail (CRM_IS_REMINDERS (self));
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

/**
 * crm_reminders_check:
 * @self: a #CrmReminders
 *
 * Fires the reminders due since the last check and reschedules; call it
 * also on resume from suspend and when tasks change (a new or snoozed
 * reminder may be earlier than the timer).
 *
 * Returns: how many reminders fired
 */
guint
crm_reminders_check (CrmReminders *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 now;

  g_return_val_if_fail (CRM_IS_REMINDERS (self), 0);

  now = crm_store_now_ms (self->store);
  /* A clock set back a little (an NTP correction, DST confusion): what
   * came due before the old time has fired already, so wait for it. Set
   * back by more than a day (it was wrong, far ahead): start over from now
   * rather than stay silent until then. */
  if (now < self->checked_ms - 24 * 60 * 60000)
    self->checked_ms = now;
  due = crm_tasks_reminders_between (self->store, self->checked_ms, now, &error);
  if (due == NULL)
    {
      g_warning ("Could not read the reminders: %s", error->message);
      schedule (self);
      return 0;
    }
  self->checked_ms = now;
  text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  if (!crm_store_set_local (self->store, LOCAL_KEY, text, &error))
    g_warning ("Could not keep the reminder check time: %s", error->message);

  g_object_ref (self);
  for (guint i = 0; i < due->len; i++)
    g_signal_emit (self, signals[REMINDER_FIRED], 0, g_ptr_array_index (due, i));
  if (self->store != NULL)
    schedule (self);
  g_object_unref (self);
  return due->len;
}

/**
 * crm_reminders_get_next_ms:
 * @self: a #CrmReminders
 *
 * Returns: the next reminder the timer waits for, UTC ms, 0 for none
 */
gint64
crm_reminders_get_next_ms (CrmReminders *self)
{
  g_return_val_if_fail (CRM_IS_REMINDERS (self), 0);
  return self->next_ms;
}
