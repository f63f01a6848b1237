/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-next"

#include "config.h"

#include "crm-task-next.h"

#include <glib/gi18n.h>

#include "crm-settings.h"
#include "crm-task-badge.h"
#include "crm-task-dialog.h"
#include "crm-task-list-row.h"
#include "crm-task-send.h"
#include "crm-tasks-message.h"
#include "crm-text.h"
#include "crm-tasks-resources.h"
#include "crm-tasks-rows.h"
#include "crm-tasks.h"

/* "Next step" in a lead's, contact's or client's card: the open task due
 * soonest (overdue in red), with Done and Add Task; a lead in an open
 * stage with none is marked "No next step". One indexed lookup per load. */

struct _CrmTaskNext
{
  GtkWidget      parent_instance;

  AdwPreferencesGroup *group;
  AdwActionRow  *row;
  GtkImage      *icon;
  GtkButton     *write_button;
  GtkButton     *copy_button;
  GtkButton     *done_button;
  GtkButton     *add_button;

  CrmStore      *store;
  char          *entity_type;
  char          *entity_id;
  char          *task_id;
  gboolean       missing;
  gulong         watch_id;
};

G_DEFINE_FINAL_TYPE (CrmTaskNext, crm_task_next, GTK_TYPE_WIDGET)

static void
present (CrmTaskNext   *self,
         CrmTaskDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CrmTaskNext *self = CRM_TASK_NEXT (widget);

  if (self->store != NULL && self->entity_id != NULL)
    present (self, crm_task_dialog_new (self->store, crm_entity_table (self->entity_type),
                                        self->entity_id));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmTaskNext *self = CRM_TASK_NEXT (widget);

  if (self->task_id != NULL)
    present (self, crm_task_dialog_new_edit (self->store, self->task_id));
  else
    add_action (widget, NULL, NULL);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmTaskNext *self = CRM_TASK_NEXT (widget);
  g_autoptr(GError) error = NULL;

  if (self->task_id == NULL)
    return;
  if (!crm_tasks_set_done (self->store, self->task_id, TRUE, &error))
    g_warning ("Could not complete the task: %s", error->message);
  crm_tasks_changed ();
}

static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmTaskNext *self = CRM_TASK_NEXT (widget);
  g_autoptr(GError) error = NULL;

  if (self->task_id != NULL &&
      !crm_task_send_write_email (widget, self->store, self->task_id, &error))
    crm_task_send_toast (widget, adw_toast_new (error->message));
}

static void
copy_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmTaskNext *self = CRM_TASK_NEXT (widget);
  g_autoptr(GError) error = NULL;

  if (self->task_id != NULL &&
      !crm_task_send_copy (widget, self->store, self->task_id, &error))
    crm_task_send_toast (widget, adw_toast_new (error->message));
}

static void
on_tasks_changed_cb (gpointer data)
{
  crm_task_next_reload (data);
}

static void
crm_task_next_dispose (GObject *object)
{
  CrmTaskNext *self = CRM_TASK_NEXT (object);

  if (self->watch_id != 0)
    crm_tasks_unwatch (self->watch_id);
  self->watch_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_TASK_NEXT);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_task_next_parent_class)->dispose (object);
}

static void
crm_task_next_finalize (GObject *object)
{
  CrmTaskNext *self = CRM_TASK_NEXT (object);

  g_free (self->entity_type);
  g_free (self->entity_id);
  g_free (self->task_id);
  G_OBJECT_CLASS (crm_task_next_parent_class)->finalize (object);
}

static void
crm_task_next_class_init (CrmTaskNextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_assert (crm_tasks_get_resource () != NULL);

  object_class->dispose = crm_task_next_dispose;
  object_class->finalize = crm_task_next_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-task-next.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, group);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, icon);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, write_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, done_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskNext, add_button);
  gtk_widget_class_install_action (widget_class, "next.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "next.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "next.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "next.write-email", NULL, write_email_action);
  gtk_widget_class_install_action (widget_class, "next.copy-message", NULL, copy_message_action);
}

static void
crm_task_next_init (CrmTaskNext *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->watch_id = crm_tasks_watch (on_tasks_changed_cb, self);
}

/**
 * crm_task_next_set_record:
 * @self: a #CrmTaskNext
 * @store: the workspace
 * @entity_type: "lead", "contact" or "client"
 * @entity_id: (nullable): the record; %NULL hides the section (a new card)
 */
void
crm_task_next_set_record (CrmTaskNext *self,
                          CrmStore    *store,
                          const char  *entity_type,
                          const char  *entity_id)
{
  g_return_if_fail (CRM_IS_TASK_NEXT (self));
  g_return_if_fail (CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->entity_type);
  self->entity_type = g_strdup (entity_type);
  g_free (self->entity_id);
  self->entity_id = g_strdup (entity_id);
  crm_task_next_reload (self);
}

/**
 * crm_task_next_reload:
 * @self: a #CrmTaskNext
 *
 * Reads the next step again (after a call was logged, a stage changed…).
 */
void
crm_task_next_reload (CrmTaskNext *self)
{
  g_autoptr(CrmTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *due = NULL;
  gint64 now;

  g_return_if_fail (CRM_IS_TASK_NEXT (self));

  g_clear_pointer (&self->task_id, g_free);
  self->missing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), self->store != NULL && self->entity_id != NULL);
  if (self->store == NULL || self->entity_id == NULL)
    return;

  task = crm_tasks_next_for (self->store, self->entity_id, &error);
  if (error != NULL)
    g_warning ("Could not read the next step: %s", error->message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->row), "error");
  if (task == NULL)
    {
      self->missing = g_strcmp0 (self->entity_type, "lead") == 0 &&
                      crm_tasks_needs_next_step (self->store, self->entity_id);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row),
                                     self->missing ? _("No next step") : _("No tasks planned"));
      adw_action_row_set_subtitle (self->row, self->missing
                                   ? _("Plan a call or a meeting so this lead is not forgotten") : "");
      gtk_image_set_from_icon_name (self->icon, self->missing ? "dialog-warning-symbolic"
                                                              : "object-select-symbolic");
      if (self->missing)
        gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->done_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->write_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->copy_button), FALSE);
      return;
    }

  self->task_id = g_strdup (crm_record_get_id (CRM_RECORD (task)));
  tz = crm_settings_get_timezone (self->store);
  now = crm_store_now_ms (self->store);
  due = crm_tasks_format_due (tz, crm_task_get_due_ms (task), now);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), crm_task_get_title (task));
  if (crm_task_get_due_ms (task) > 0 && crm_task_get_due_ms (task) < now)
    {
      g_autofree char *overdue = g_strdup_printf (_("Overdue · %s"), due);

      adw_action_row_set_subtitle (self->row, overdue);
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "error");
    }
  else
    adw_action_row_set_subtitle (self->row, due);
  gtk_image_set_from_icon_name (self->icon, crm_task_kind_icon (crm_task_get_kind (task)));
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), TRUE);
  /* A letter or a message to send: send it from here. */
  {
    const char *kind = crm_task_get_kind (task);
    gboolean sends = crm_task_kind_sends_message (kind);

    g_autoptr(CrmTaskMessage) message = NULL;
    g_autofree char *mailto = NULL;
    g_autoptr(GError) no_address = NULL;

    gtk_widget_set_visible (GTK_WIDGET (self->write_button), sends && g_strcmp0 (kind, "message") != 0);
    gtk_widget_set_visible (GTK_WIDGET (self->copy_button),
                            sends && !crm_text_is_blank (crm_record_get_text (CRM_RECORD (task), "note")));
    /* One card, a few lookups: say up front when there is no address. */
    if (sends && (message = crm_tasks_message (self->store, self->task_id, NULL)) != NULL)
      mailto = crm_task_message_mailto (message, &no_address);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "next.write-email", mailto != NULL);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->write_button),
                                 no_address != NULL ? no_address->message : _("Write E-mail…"));
  }
}

const char *
crm_task_next_get_task_id (CrmTaskNext *self)
{
  g_return_val_if_fail (CRM_IS_TASK_NEXT (self), NULL);
  return self->task_id;
}

/**
 * crm_task_next_get_missing:
 * @self: a #CrmTaskNext
 *
 * Returns: whether it shows "No next step" (a lead in an open stage
 *   without an open task)
 */
gboolean
crm_task_next_get_missing (CrmTaskNext *self)
{
  g_return_val_if_fail (CRM_IS_TASK_NEXT (self), FALSE);
  return self->missing;
}
