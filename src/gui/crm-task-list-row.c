/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-list-row"

#include "config.h"

#include "crm-task-list-row.h"

#include <glib/gi18n.h>

#include "crm-tasks-message.h"
#include "crm-text.h"

/* A row of the Tasks page: a group or day header, or a task with its done
 * check, kind, title, linked record, owner, due time and a menu. Rows are
 * recycled: they carry the task id, never a widget, to the page's actions. */

struct _CrmTaskListRow
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkLabel       *header_label;
  GtkLabel       *count_label;
  GtkCheckButton *done_check;
  GtkImage       *kind_icon;
  GtkLabel       *title_label;
  GtkButton      *entity_button;
  GtkLabel       *entity_label;
  GtkLabel       *owner_label;
  GtkLabel       *due_label;
  GtkButton      *send_button;
  GtkButton      *menu_button;
  GtkWidget      *popover;

  CrmTaskItem    *item;
  gulong          notify_id;
  GTimeZone      *tz;
  gint64          now_ms;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (CrmTaskListRow, crm_task_list_row, GTK_TYPE_WIDGET)

/**
 * crm_task_kind_icon:
 * @kind: a task kind
 *
 * Returns: the kind's symbolic icon name
 */
const char *
crm_task_kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (kind, "message") == 0)
    return "mail-send-symbolic";
  if (g_strcmp0 (kind, "respond") == 0)
    return "mail-reply-sender-symbolic";
  return "object-select-symbolic";
}

static const char *
section_title (guint list)
{
  switch (list)
    {
    case CRM_TASK_LIST_OVERDUE:
      return _("Overdue");
    case CRM_TASK_LIST_TODAY:
      return _("Today");
    case CRM_TASK_LIST_UPCOMING:
      return _("Upcoming");
    default:
      return _("Done");
    }
}

/* An e-mail or a message with its text written out gets a button to send
 * it right there: an e-mail opens in the mail client, a message (for a
 * messenger or an SMS) is copied. */
static void
update_send (CrmTaskListRow *self,
             CrmTask        *task,
             gboolean        done)
{
  const char *kind = crm_task_get_kind (task);
  gboolean linked = crm_task_get_entity_id (task) != NULL;
  gboolean has_text = !crm_text_is_blank (crm_record_get_text (CRM_RECORD (task), "note"));
  gboolean mail = g_strcmp0 (kind, "message") != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.write-email", linked && !done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.copy-message", has_text);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button),
                          !done && has_text && crm_task_kind_sends_message (kind) && (linked || !mail));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->send_button),
                                  mail ? "row.write-email" : "row.copy-message");
  gtk_button_set_icon_name (self->send_button, mail ? "mail-message-new-symbolic" : "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button),
                               mail ? _("Write E-mail…") : _("Copy Message"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mail ? _("Write E-mail…") : _("Copy Message"), -1);
}

static void
update (CrmTaskListRow *self)
{
  const CrmTaskRow *row = crm_task_item_get_row (self->item);
  CrmTask *task = crm_task_item_get_task (self->item);
  g_autofree char *count = NULL;

  if (row->kind != CRM_TASK_ROW_TASK)
    {
      g_autofree char *day = NULL;

      gtk_stack_set_visible_child_name (self->stack, "header");
      gtk_widget_remove_css_class (GTK_WIDGET (self->header_label), "heading");
      gtk_widget_remove_css_class (GTK_WIDGET (self->header_label), "title-4");
      gtk_widget_remove_css_class (GTK_WIDGET (self->header_label), "error");
      if (row->kind == CRM_TASK_ROW_SECTION)
        {
          gtk_label_set_text (self->header_label, section_title (row->list));
          gtk_widget_add_css_class (GTK_WIDGET (self->header_label), "title-4");
          if (row->list == CRM_TASK_LIST_OVERDUE)
            gtk_widget_add_css_class (GTK_WIDGET (self->header_label), "error");
        }
      else
        {
          day = crm_tasks_format_day (self->tz, row->day_ms, self->now_ms);
          gtk_label_set_text (self->header_label, day);
          gtk_widget_add_css_class (GTK_WIDGET (self->header_label), "heading");
        }
      count = g_strdup_printf ("%'u", row->count);
      gtk_label_set_text (self->count_label, count);
      gtk_widget_set_margin_top (gtk_widget_get_parent (GTK_WIDGET (self->header_label)),
                                 row->kind == CRM_TASK_ROW_SECTION ? 18 : 6);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "task");
  self->updating = TRUE;
  if (task == NULL)
    {
      /* Its page is on the way: a quiet placeholder of the same height. */
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->entity_label, "");
      gtk_label_set_text (self->owner_label, "");
      gtk_label_set_text (self->due_label, "");
      gtk_check_button_set_active (self->done_check, row->list == CRM_TASK_LIST_DONE);
      gtk_widget_set_visible (GTK_WIDGET (self->entity_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->send_button), FALSE);
      self->updating = FALSE;
      return;
    }

  {
    const char *entity = crm_task_item_get_entity_name (self->item);
    const char *owner = crm_task_item_get_owner_name (self->item);
    gint64 due = crm_task_get_due_ms (task);
    gint64 now = crm_task_item_get_now_ms (self->item) > 0 ? crm_task_item_get_now_ms (self->item) : self->now_ms;
    gboolean done = crm_task_get_done_ms (task) > 0;
    g_autofree char *due_text = crm_tasks_format_due (self->tz, due, now);

    gtk_check_button_set_active (self->done_check, done);
    gtk_image_set_from_icon_name (self->kind_icon, crm_task_kind_icon (crm_task_get_kind (task)));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_icon), crm_task_kind_label (crm_task_get_kind (task)));
    gtk_label_set_text (self->title_label, crm_task_get_title (task));
    /* The check reads as the task it completes. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_check),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, crm_task_get_title (task), -1);
    if (done)
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
    gtk_widget_set_visible (GTK_WIDGET (self->entity_button), entity != NULL);
    gtk_label_set_text (self->entity_label, entity != NULL ? entity : "");
    gtk_label_set_text (self->owner_label, owner != NULL ? owner : "");
    gtk_label_set_text (self->due_label, due_text);
    if (!done && due > 0 && due < now)
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
    gtk_widget_set_visible (GTK_WIDGET (self->menu_button), !done);
    update_send (self, task, done);
  }
  self->updating = FALSE;
}

static void
on_toggled_cb (CrmTaskListRow *self)
{
  const char *id = crm_task_list_row_get_task_id (self);

  if (self->updating || id == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "tasks.set-done", "(sb)", id,
                              gtk_check_button_get_active (self->done_check));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CrmTaskListRow *self = CRM_TASK_LIST_ROW (widget);
  const char *id = crm_task_list_row_get_task_id (self);
  CrmTask *task;

  if (id == NULL)
    return;
  task = crm_task_item_get_task (self->item);
  if (g_strcmp0 (action_name, "row.snooze") == 0)
    gtk_widget_activate_action (widget, "tasks.snooze", "(si)", id, g_variant_get_int32 (param));
  else if (g_strcmp0 (action_name, "row.snooze-tomorrow") == 0)
    gtk_widget_activate_action (widget, "tasks.snooze-tomorrow", "s", id);
  else if (g_strcmp0 (action_name, "row.edit") == 0)
    gtk_widget_activate_action (widget, "tasks.edit", "s", id);
  else if (g_strcmp0 (action_name, "row.write-email") == 0)
    gtk_widget_activate_action (widget, "tasks.write-email", "s", id);
  else if (g_strcmp0 (action_name, "row.copy-message") == 0)
    gtk_widget_activate_action (widget, "tasks.copy-message", "s", id);
  else if (g_strcmp0 (action_name, "row.delete") == 0)
    gtk_widget_activate_action (widget, "tasks.delete", "s", id);
  else if (g_strcmp0 (action_name, "row.open-record") == 0 &&
           crm_record_get_text (CRM_RECORD (task), "entity_id") != NULL)
    gtk_widget_activate_action (widget, "tasks.open-record", "(ss)",
                                crm_entity_table (crm_record_get_text (CRM_RECORD (task), "entity_type")),
                                crm_record_get_text (CRM_RECORD (task), "entity_id"));
}

/* The menu is built on first use: a GtkMenuButton builds its popover at
 * once, and GtkListView 4.8 makes 200 rows up front; with one per row the
 * page's first frame took three times as long (bench/voronka-tasks-bench). */
static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmTaskListRow *self = CRM_TASK_LIST_ROW (widget);

  if (self->popover == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/voronka/Voronka/crm-task-list-row-menu.ui");

      self->popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (gtk_builder_get_object (builder, "row_menu")));
      gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self->menu_button));
    }
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
crm_task_list_row_dispose (GObject *object)
{
  CrmTaskListRow *self = CRM_TASK_LIST_ROW (object);

  crm_task_list_row_unbind (self);
  if (self->popover != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->popover));
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_TASK_LIST_ROW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  G_OBJECT_CLASS (crm_task_list_row_parent_class)->dispose (object);
}

static void
crm_task_list_row_class_init (CrmTaskListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_task_list_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-task-list-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, done_check);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, entity_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, entity_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, send_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskListRow, menu_button);

  gtk_widget_class_install_action (widget_class, "row.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "row.snooze", "i", forward_action);
  gtk_widget_class_install_action (widget_class, "row.snooze-tomorrow", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.edit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.write-email", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.copy-message", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.open-record", NULL, forward_action);
}

static void
crm_task_list_row_init (CrmTaskListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->done_check, "toggled", G_CALLBACK (on_toggled_cb), self);
}

CrmTaskListRow *
crm_task_list_row_new (void)
{
  return g_object_new (CRM_TYPE_TASK_LIST_ROW, NULL);
}

void
crm_task_list_row_bind (CrmTaskListRow *self,
                        CrmTaskItem    *item,
                        GTimeZone      *tz,
                        gint64          now_ms)
{
  g_return_if_fail (CRM_IS_TASK_LIST_ROW (self));
  g_return_if_fail (CRM_IS_TASK_ITEM (item));

  crm_task_list_row_unbind (self);
  self->item = g_object_ref (item);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  self->now_ms = now_ms;
  self->notify_id = g_signal_connect_swapped (item, "notify::task", G_CALLBACK (update), self);
  update (self);
}

void
crm_task_list_row_unbind (CrmTaskListRow *self)
{
  g_return_if_fail (CRM_IS_TASK_LIST_ROW (self));

  if (self->item == NULL)
    return;
  g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
}

/**
 * crm_task_list_row_get_send_button:
 * @self: a #CrmTaskListRow
 *
 * Returns: (transfer none): the row's "Write E-mail…" / "Copy Message"
 *   button (hidden unless the task has a message to send)
 */
GtkWidget *
crm_task_list_row_get_send_button (CrmTaskListRow *self)
{
  g_return_val_if_fail (CRM_IS_TASK_LIST_ROW (self), NULL);
  return GTK_WIDGET (self->send_button);
}

/**
 * crm_task_list_row_get_task_id:
 * @self: a #CrmTaskListRow
 *
 * Returns: (nullable): the task shown, %NULL for a header or a placeholder
 */
/**
 * crm_task_list_row_get_menu:
 * @self: a #CrmTaskListRow
 *
 * Returns: (transfer none) (nullable): the row's menu, once opened
 */
GtkWidget *
crm_task_list_row_get_menu (CrmTaskListRow *self)
{
  g_return_val_if_fail (CRM_IS_TASK_LIST_ROW (self), NULL);
  return self->popover;
}

const char *
crm_task_list_row_get_task_id (CrmTaskListRow *self)
{
  CrmTask *task;

  g_return_val_if_fail (CRM_IS_TASK_LIST_ROW (self), NULL);
  if (self->item == NULL || !(task = crm_task_item_get_task (self->item)))
    return NULL;
  return crm_record_get_id (CRM_RECORD (task));
}
