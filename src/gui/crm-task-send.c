/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-send"

#include "config.h"

#include "crm-task-send.h"

#include <glib/gi18n.h>

#include "crm-task-badge.h"
#include "crm-tasks-message.h"
#include "crm-tasks.h"
#include "crm-window.h"

/* "Write E-mail…" and "Copy Message" of a task, wherever the task shows
 * (its row, the card's next step, its dialog): the message comes from
 * core (crm_tasks_message), the mail client opens its mailto: URI, the
 * clipboard takes its text. Sending is not doing: after the mail client
 * opens, a toast offers to mark the task done instead of completing it. */

static void launch_default (GtkWidget  *source,
                            const char *uri);

static CrmTaskLaunchFunc launcher = launch_default;

typedef struct
{
  CrmStore *store;
  char     *task_id;
} DoneData;

static void
done_data_free (gpointer data,
                GClosure *closure)
{
  DoneData *d = data;

  g_clear_object (&d->store);
  g_free (d->task_id);
  g_free (d);
}

/**
 * crm_task_send_toast:
 * @source: a widget in a window (a dialog's toasts go to its parent)
 * @toast: (transfer full): the toast
 */
void
crm_task_send_toast (GtkWidget *source,
                     AdwToast  *toast)
{
  GtkRoot *root = source != NULL ? gtk_widget_get_root (source) : NULL;
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (window != NULL && !CRM_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window != NULL && CRM_IS_WINDOW (window))
    crm_window_add_toast (CRM_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_launched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GtkWidget) source = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the mail client: %s"), error->message);

      g_warning ("%s", text);
      crm_task_send_toast (source, adw_toast_new (text));
    }
}

static void
launch_default (GtkWidget  *source,
                const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (source));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched_cb, g_object_ref (source));
}

/**
 * crm_task_send_set_launcher:
 * @func: (nullable): what opens mailto: URIs; %NULL for the desktop's
 *   mail client
 *
 * Lets tests see the URI instead of starting a mail client.
 */
void
crm_task_send_set_launcher (CrmTaskLaunchFunc func)
{
  launcher = func != NULL ? func : launch_default;
}

static void
on_mark_done_cb (AdwToast *toast,
                 DoneData *d)
{
  g_autoptr(GError) error = NULL;

  if (!crm_tasks_set_done (d->store, d->task_id, TRUE, &error))
    g_warning ("Could not complete the task: %s", error->message);
  crm_tasks_changed ();
}

/**
 * crm_task_send_write_email:
 * @source: the widget the user acted on (for the toasts and the display)
 * @store: the workspace
 * @task_id: a task
 * @error: return location for a #GError
 *
 * Opens the task's message in the mail client, addressed to its record,
 * and offers to mark the task done. Nothing is shown on failure: the
 * caller reports @error where it fits.
 *
 * Returns: %TRUE when the mail client was asked to open
 */
gboolean
crm_task_send_write_email (GtkWidget   *source,
                           CrmStore    *store,
                           const char  *task_id,
                           GError     **error)
{
  g_autoptr(CrmTaskMessage) message = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  DoneData *d;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (source), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (task_id != NULL, FALSE);

  if (!(message = crm_tasks_message (store, task_id, error)) ||
      !(uri = crm_task_message_mailto (message, error)))
    return FALSE;
  launcher (source, uri);

  title = g_strdup_printf (_("E-mail to %s opened"), message->email);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Mark _Done"));
  adw_toast_set_timeout (toast, 10);
  d = g_new0 (DoneData, 1);
  d->store = g_object_ref (store);
  d->task_id = g_strdup (task_id);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_mark_done_cb), d, done_data_free, 0);
  crm_task_send_toast (source, toast);
  return TRUE;
}

/**
 * crm_task_send_copy:
 * @source: the widget the user acted on (its clipboard, its window)
 * @store: the workspace
 * @task_id: a task
 * @error: return location for a #GError
 *
 * Puts the task's message on the clipboard, for a messenger or an SMS.
 *
 * Returns: %TRUE when copied
 */
gboolean
crm_task_send_copy (GtkWidget   *source,
                    CrmStore    *store,
                    const char  *task_id,
                    GError     **error)
{
  g_autoptr(CrmTaskMessage) message = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (source), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (task_id != NULL, FALSE);

  if (!(message = crm_tasks_message (store, task_id, error)))
    return FALSE;
  if (*message->text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The task has no message: write it in the task’s notes"));
      return FALSE;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (source), message->text);
  crm_task_send_toast (source, adw_toast_new (_("Message copied")));
  return TRUE;
}
