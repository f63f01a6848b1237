/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-badge"

#include "config.h"

#include "crm-task-badge.h"

#include <glib/gi18n.h>

#include "crm-store-reader.h"
#include "crm-tasks-page.h"
#include "crm-tasks-rows.h"

/* The sidebar's Tasks badge: open tasks due by the end of today (overdue
 * ones included). Counted off the UI thread on a reader connection, a
 * second after the window opens (the page need not be built), on every
 * minute (a task becomes due by the clock alone), and whenever something
 * wrote tasks (crm_tasks_changed). */

#define FIRST_DELAY_MS 1000
#define TICK_S 60

struct _CrmTaskBadge
{
  GObject    parent_instance;

  CrmStore  *store;
  GtkLabel  *label;
  char      *path;
  GMutex     lock;
  CrmStore  *reader;
  GCancellable *cancellable;
  guint      tick_id;
  gulong     watch_id;
  guint      count;
  guint      overdue;
  gboolean   busy;
  gboolean   again;
};

G_DEFINE_FINAL_TYPE (CrmTaskBadge, crm_task_badge, G_TYPE_OBJECT)

/* ---- Who wants to hear that tasks changed ---- */

static GHookList *watchers;

gulong
crm_tasks_watch (CrmTasksChangedFunc func,
                 gpointer            data)
{
  GHook *hook;

  if (watchers == NULL)
    {
      watchers = g_new0 (GHookList, 1);
      g_hook_list_init (watchers, sizeof (GHook));
    }
  hook = g_hook_alloc (watchers);
  hook->func = func;
  hook->data = data;
  g_hook_append (watchers, hook);
  return hook->hook_id;
}

void
crm_tasks_unwatch (gulong id)
{
  if (watchers != NULL && id != 0)
    g_hook_destroy (watchers, id);
}

/**
 * crm_tasks_changed:
 *
 * Tells the badges, the Tasks pages and the reminder scheduler that tasks
 * were written (added, done, snoozed, edited, deleted, or created by a
 * lead or a call): call it after such a write.
 */
void
crm_tasks_changed (void)
{
  if (watchers != NULL)
    g_hook_list_invoke (watchers, FALSE);
}

/* ---- Counting ---- */

typedef struct
{
  guint count;
  guint overdue;
  gint64 now_ms;
} Count;

static void
run_count (GTask        *task,
           gpointer      source,
           gpointer      data,
           GCancellable *cancellable)
{
  CrmTaskBadge *self = source;
  Count *count = data;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->lock);
  if (self->reader == NULL)
    {
      g_autoptr(CrmStore) store = crm_store_open (self->path, NULL, &error);

      if (store != NULL && crm_store_make_reader (store, &error))
        self->reader = g_steal_pointer (&store);
    }
  if (self->reader != NULL)
    count->count = crm_tasks_count_due (self->reader, count->now_ms, &count->overdue);
  g_mutex_unlock (&self->lock);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
show (CrmTaskBadge *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (self->label == NULL)
    return;
  text = self->count > 999 ? g_strdup ("999+") : g_strdup_printf ("%u", self->count);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->label), self->count > 0);
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task due today, %u overdue",
                                      "%u tasks due today, %u overdue", self->count),
                         self->count, self->overdue);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), tip);
  if (self->overdue > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "overdue");
}

static void
on_count_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmTaskBadge *self = CRM_TASK_BADGE (source);
  Count *count = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the tasks: %s", error->message);
      return;
    }
  self->busy = FALSE;
  self->count = count->count;
  self->overdue = count->overdue;
  show (self);
  if (self->again)
    {
      self->again = FALSE;
      crm_task_badge_update (self);
    }
}

static gboolean
on_tick_cb (gpointer data)
{
  crm_task_badge_update (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_cb (gpointer data)
{
  CrmTaskBadge *self = data;

  self->tick_id = g_timeout_add_seconds (TICK_S, on_tick_cb, self);
  crm_task_badge_update (self);
  return G_SOURCE_REMOVE;
}

static void
on_tasks_changed_cb (gpointer data)
{
  crm_task_badge_update (data);
}

static void
crm_task_badge_dispose (GObject *object)
{
  CrmTaskBadge *self = CRM_TASK_BADGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->watch_id != 0)
    crm_tasks_unwatch (self->watch_id);
  self->watch_id = 0;
  g_clear_weak_pointer (&self->label);
  G_OBJECT_CLASS (crm_task_badge_parent_class)->dispose (object);
}

static void
crm_task_badge_finalize (GObject *object)
{
  CrmTaskBadge *self = CRM_TASK_BADGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (crm_task_badge_parent_class)->finalize (object);
}

static void
crm_task_badge_class_init (CrmTaskBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_task_badge_dispose;
  object_class->finalize = crm_task_badge_finalize;
}

static void
crm_task_badge_init (CrmTaskBadge *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_task_badge_new:
 * @store: the window's workspace
 * @label: (nullable): the badge label in the sidebar
 *
 * Returns: (transfer full): a badge that counts a second from now, then
 *   every minute and on every change
 */
CrmTaskBadge *
crm_task_badge_new (CrmStore *store,
                    GtkLabel *label)
{
  CrmTaskBadge *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  crm_tasks_ensure_style ();
  self = g_object_new (CRM_TYPE_TASK_BADGE, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (crm_store_get_path (store));
  g_set_weak_pointer (&self->label, label);
  self->tick_id = g_timeout_add (FIRST_DELAY_MS, on_first_cb, self);
  self->watch_id = crm_tasks_watch (on_tasks_changed_cb, self);
  return self;
}

void
crm_task_badge_update (CrmTaskBadge *self)
{
  g_autoptr(GTask) task = NULL;
  Count *count;

  g_return_if_fail (CRM_IS_TASK_BADGE (self));

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  self->busy = TRUE;
  count = g_new0 (Count, 1);
  count->now_ms = crm_store_now_ms (self->store);
  task = g_task_new (self, self->cancellable, on_count_ready_cb, NULL);
  g_task_set_task_data (task, count, g_free);
  g_task_run_in_thread (task, run_count);
}

guint
crm_task_badge_get_count (CrmTaskBadge *self)
{
  g_return_val_if_fail (CRM_IS_TASK_BADGE (self), 0);
  return self->count;
}
