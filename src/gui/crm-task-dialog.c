/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-dialog"

#include "config.h"

#include "crm-task-dialog.h"

#include <glib/gi18n.h>

#include "crm-catalog.h"
#include "crm-record.h"
#include "crm-settings.h"
#include "crm-task-badge.h"
#include "crm-task-send.h"
#include "crm-tasks-message.h"
#include "crm-tasks-resources.h"
#include "crm-tasks-rows.h"
#include "crm-text.h"

/* Add or edit a task: kind, what to do, when, the reminder, who, notes.
 * "Call back tomorrow 10:00" typed as the title sets the time (and the
 * kind) until the person picks them by hand; the words are dropped from
 * the title on saving. */

#define MINUTE_MS G_GINT64_CONSTANT (60000)

struct _CrmTaskDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *kind_row;
  AdwActionRow   *due_row;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkEntry       *time_entry;
  GtkSwitch      *due_switch;
  AdwComboRow    *remind_row;
  AdwComboRow    *owner_row;
  GtkTextView    *note_view;
  GtkWidget      *send_box;
  GtkButton      *write_button;
  GtkButton      *copy_button;
  GtkLabel       *error_label;

  CrmStore       *store;
  GTimeZone      *tz;
  char           *entity_type;
  char           *entity_id;
  char           *task_id;
  GPtrArray      *owner_ids;   /* per owner_row position; NULL: the default */
  gboolean        due_touched;
  gboolean        kind_touched;
  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (CrmTaskDialog, crm_task_dialog, ADW_TYPE_WINDOW)

enum { TASK_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const kinds[] = { "call", "email", "meeting", "message", "todo", NULL };
static const int remind_minutes[] = { -1, 0, 5, 15, 30, 60, 24 * 60 };

/* ---- helpers ---- */

static void
set_due (CrmTaskDialog *self,
         gint64         due_ms)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  self->setting = TRUE;
  gtk_switch_set_active (self->due_switch, due_ms > 0);
  if (due_ms > 0)
    {
      utc = g_date_time_new_from_unix_utc (due_ms / 1000);
      local = g_date_time_to_timezone (utc, self->tz);
      gtk_calendar_select_day (self->calendar, local);
      /* Translators: the due date on its button; strftime format */
      date = g_date_time_format (local, _("%a, %-d %b %Y"));
      time = g_date_time_format (local, "%H:%M");
      gtk_menu_button_set_label (self->date_button, date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_button), due_ms > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_entry), due_ms > 0);
  self->setting = FALSE;
}

/* The due time the rows show, or 0; -1 when the time does not parse. */
static gint64
get_due (CrmTaskDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_auto(GStrv) hm = NULL;
  guint64 h = 0, m = 0;
  const char *text;

  if (!gtk_switch_get_active (self->due_switch))
    return 0;
  text = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));
  hm = g_strsplit (*text != '\0' ? text : "10:00", ":", 3);
  if (g_strv_length (hm) != 2 ||
      !g_ascii_string_to_unsigned (hm[0], 10, 0, 23, &h, NULL) ||
      !g_ascii_string_to_unsigned (hm[1], 10, 0, 59, &m, NULL))
    return -1;
  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new (self->tz, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), (int) h, (int) m, 0);
  return when != NULL ? g_date_time_to_unix (when) * 1000 : -1;
}

static void
select_kind (CrmTaskDialog *self,
             const char    *kind)
{
  self->setting = TRUE;
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  self->setting = FALSE;
}

static void
select_remind (CrmTaskDialog *self,
               gint64         minutes)
{
  guint best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (remind_minutes); i++)
    if (remind_minutes[i] == minutes)
      best = i;
  adw_combo_row_set_selected (self->remind_row, best);
}

static void
fill_owners (CrmTaskDialog *self,
             gboolean       with_default)
{
  g_autoptr(GPtrArray) users = crm_catalog_list (self->store, "users", NULL, NULL);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  if (with_default)
    {
      gtk_string_list_append (list, self->entity_id != NULL ? _("The record’s owner") : _("Me"));
      g_ptr_array_add (self->owner_ids, NULL);
    }
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      CrmRecord *user = g_ptr_array_index (users, i);

      gtk_string_list_append (list, crm_record_get_text (user, "name") != NULL
                                    ? crm_record_get_text (user, "name") : crm_record_get_id (user));
      g_ptr_array_add (self->owner_ids, g_strdup (crm_record_get_id (user)));
    }
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (list));
}

static void
show_error (CrmTaskDialog *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* ---- callbacks ---- */

static void
on_title_changed_cb (CrmTaskDialog *self)
{
  g_autofree char *title = NULL;
  gint64 due = 0;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (self->setting)
    return;
  show_error (self, NULL);
  if (!self->due_touched &&
      crm_tasks_parse_quick (text, crm_store_now_ms (self->store), self->tz, &title, &due))
    {
      set_due (self, due);
      if (adw_combo_row_get_selected (self->remind_row) == 0)
        select_remind (self, 0);
    }
  if (!self->kind_touched && self->task_id == NULL)
    {
      g_autofree char *plain = NULL;
      gint64 ignored;

      crm_tasks_parse_quick (text, 0, self->tz, &plain, &ignored);
      select_kind (self, crm_tasks_guess_kind (plain));
    }
}

static void
on_due_edited_cb (CrmTaskDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  gboolean on = gtk_switch_get_active (self->due_switch);

  if (self->setting)
    return;
  self->due_touched = TRUE;
  day = gtk_calendar_get_date (self->calendar);
  date = g_date_time_format (day, _("%a, %-d %b %Y"));
  gtk_menu_button_set_label (self->date_button, date);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_button), on);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_entry), on);
  if (!on)
    select_remind (self, -1);
}

static void
on_day_selected_cb (CrmTaskDialog *self)
{
  on_due_edited_cb (self);
  if (!self->setting)
    gtk_popover_popdown (gtk_menu_button_get_popover (self->date_button));
}

static void
on_kind_selected_cb (CrmTaskDialog *self)
{
  if (!self->setting)
    self->kind_touched = TRUE;
}

static void
on_entry_activated_cb (CrmTaskDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "task.save", NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (crm_task_dialog_save (self, &error))
    gtk_window_close (GTK_WINDOW (self));
  else
    show_error (self, error->message);
}

/* The message is sent as the dialog shows it: saved first. */
static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!crm_task_dialog_save (self, &error) ||
      !crm_task_send_write_email (widget, self->store, self->task_id, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
copy_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!crm_task_dialog_save (self, &error) ||
      !crm_task_send_copy (widget, self->store, self->task_id, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static void
update_send (CrmTaskDialog *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  const char *name = kind < G_N_ELEMENTS (kinds) - 1 ? kinds[kind] : "todo";

  g_autoptr(CrmTaskMessage) message = NULL;
  g_autofree char *mailto = NULL;
  g_autoptr(GError) no_address = NULL;

  gtk_widget_set_visible (self->send_box, self->task_id != NULL && crm_task_kind_sends_message (name));
  if (!gtk_widget_get_visible (self->send_box))
    return;
  /* The address does not depend on what is edited here: say up front
   * when there is none. */
  if ((message = crm_tasks_message (self->store, self->task_id, &no_address)) != NULL)
    mailto = crm_task_message_mailto (message, &no_address);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.write-email", mailto != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->write_button),
                               no_address != NULL ? no_address->message
                                                  : _("Save and open the message in the mail client"));
}

/* ---- GObject ---- */

static void
crm_task_dialog_dispose (GObject *object)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_TASK_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_task_dialog_parent_class)->dispose (object);
}

static void
crm_task_dialog_finalize (GObject *object)
{
  CrmTaskDialog *self = CRM_TASK_DIALOG (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_free (self->entity_type);
  g_free (self->entity_id);
  g_free (self->task_id);
  G_OBJECT_CLASS (crm_task_dialog_parent_class)->finalize (object);
}

static void
crm_task_dialog_class_init (CrmTaskDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_assert (crm_tasks_get_resource () != NULL);

  object_class->dispose = crm_task_dialog_dispose;
  object_class->finalize = crm_task_dialog_finalize;

  /**
   * CrmTaskDialog::task-saved:
   * @self: the dialog
   * @task_id: the task added or changed
   */
  signals[TASK_SAVED] =
    g_signal_new ("task-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-task-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, time_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, due_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, remind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, send_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, write_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskDialog, error_label);

  gtk_widget_class_install_action (widget_class, "task.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "task.write-email", NULL, write_email_action);
  gtk_widget_class_install_action (widget_class, "task.copy-message", NULL, copy_message_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "task.save", NULL);
}

static void
crm_task_dialog_init (CrmTaskDialog *self)
{
  g_autoptr(GtkStringList) kind_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) remind_list = gtk_string_list_new (NULL);
  const char *remind_labels[] = {
    _("No reminder"), _("At the due time"), _("5 minutes before"), _("15 minutes before"),
    _("30 minutes before"), _("1 hour before"), _("1 day before"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_list, crm_task_kind_label (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_list));
  for (guint i = 0; i < G_N_ELEMENTS (remind_labels); i++)
    gtk_string_list_append (remind_list, remind_labels[i]);
  adw_combo_row_set_model (self->remind_row, G_LIST_MODEL (remind_list));

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_title_changed_cb), self);
  g_signal_connect_swapped (self->time_entry, "changed", G_CALLBACK (on_due_edited_cb), self);
  g_signal_connect_swapped (self->due_switch, "notify::active", G_CALLBACK (on_due_edited_cb), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (update_send), self);
  g_signal_connect_swapped (self->title_row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
}

static CrmTaskDialog *
dialog_new (CrmStore *store)
{
  CrmTaskDialog *self = g_object_new (CRM_TYPE_TASK_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->tz = crm_settings_get_timezone (store);
  return self;
}

/* ---- public API ---- */

/**
 * crm_task_dialog_new:
 * @store: the workspace
 * @entity_table: (nullable): "leads", "contacts" or "clients"; %NULL for a
 *   task of its own
 * @entity_id: (nullable): the record the task is for
 *
 * Returns: (transfer none): a new task dialog (a toplevel: present it,
 *   transient for your window)
 */
CrmTaskDialog *
crm_task_dialog_new (CrmStore   *store,
                     const char *entity_table,
                     const char *entity_id)
{
  CrmTaskDialog *self;
  gint64 now;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = dialog_new (store);
  if (entity_table != NULL && entity_id != NULL && crm_table_entity (entity_table) != NULL)
    {
      g_autofree char *name = NULL;

      self->entity_type = g_strdup (crm_table_entity (entity_table));
      self->entity_id = g_strdup (entity_id);
      name = crm_tasks_entity_name (store, self->entity_type, entity_id);
      adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
    }
  fill_owners (self, TRUE);
  select_kind (self, "call");
  /* By default: the next working hour from now, reminded at that time. */
  now = crm_store_now_ms (store);
  {
    g_autoptr(CrmWorkHours) wh = crm_tasks_work_hours (store);
    gint64 due = crm_work_hours_next_working (wh, now + 60 * MINUTE_MS);

    set_due (self, due - due % (15 * MINUTE_MS));
  }
  select_remind (self, 0);
  return self;
}

/**
 * crm_task_dialog_new_edit:
 * @store: the workspace
 * @task_id: the task to edit
 *
 * Returns: (transfer none): the dialog, filled in
 */
CrmTaskDialog *
crm_task_dialog_new_edit (CrmStore   *store,
                          const char *task_id)
{
  CrmTaskDialog *self;
  g_autoptr(CrmRecord) task = NULL;
  g_autofree char *name = NULL;
  const char *owner;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (task_id != NULL, NULL);

  self = dialog_new (store);
  self->task_id = g_strdup (task_id);
  self->due_touched = TRUE;
  self->kind_touched = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Task"));
  adw_window_title_set_title (self->window_title, _("Edit Task"));
  gtk_button_set_label (self->save_button, _("_Save"));
  fill_owners (self, FALSE);
  if (!(task = crm_store_get (store, "tasks", task_id, NULL)))
    return self;

  self->entity_type = g_strdup (crm_record_get_text (task, "entity_type"));
  self->entity_id = g_strdup (crm_record_get_text (task, "entity_id"));
  name = crm_tasks_entity_name (store, self->entity_type, self->entity_id);
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");

  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), crm_record_get_text (task, "title"));
  self->setting = FALSE;
  select_kind (self, crm_record_get_text (task, "kind"));
  set_due (self, crm_record_get_int (task, "due_ms", 0));
  if (crm_record_has_value (task, "remind_ms") && crm_record_has_value (task, "due_ms"))
    select_remind (self, (crm_record_get_int (task, "due_ms", 0) -
                          crm_record_get_int (task, "remind_ms", 0)) / MINUTE_MS);
  else
    select_remind (self, -1);
  owner = crm_record_get_text (task, "owner_id");
  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->owner_ids, i), owner) == 0)
      adw_combo_row_set_selected (self->owner_row, i);
  if (crm_record_get_text (task, "note") != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                              crm_record_get_text (task, "note"), -1);
  update_send (self);
  return self;
}

/**
 * crm_task_dialog_set_text:
 * @self: a #CrmTaskDialog
 * @quick_text: what to do, maybe with a time: "Call back tomorrow 10:00"
 */
void
crm_task_dialog_set_text (CrmTaskDialog *self,
                          const char    *quick_text)
{
  g_return_if_fail (CRM_IS_TASK_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), quick_text != NULL ? quick_text : "");
}

/**
 * crm_task_dialog_save:
 * @self: a #CrmTaskDialog
 * @error: return location for a #GError
 *
 * Adds (or changes) the task as the dialog shows it; "task-saved" follows.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_task_dialog_save (CrmTaskDialog  *self,
                      GError        **error)
{
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autofree char *id = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  gint64 due, ignored;
  guint kind, remind, owner;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_TASK_DIALOG (self), FALSE);

  due = get_due (self);
  if (due < 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Time: hours and minutes, like 10:30"));
      return FALSE;
    }
  /* The time words of quick add are not part of what to do. */
  crm_tasks_parse_quick (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), 0, self->tz,
                         &title, &ignored);
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  kind = adw_combo_row_get_selected (self->kind_row);
  remind = adw_combo_row_get_selected (self->remind_row);
  owner = adw_combo_row_get_selected (self->owner_row);

  input.entity_type = self->entity_type;
  input.entity_id = self->entity_id;
  input.kind = kind < G_N_ELEMENTS (kinds) - 1 ? kinds[kind] : "todo";
  input.title = title;
  input.note = note;
  input.owner_id = owner < self->owner_ids->len ? g_ptr_array_index (self->owner_ids, owner) : NULL;
  input.due_ms = due;
  input.remind_before_min = due > 0 && remind < G_N_ELEMENTS (remind_minutes) ? remind_minutes[remind] : -1;

  if (self->task_id != NULL)
    ok = crm_tasks_update (self->store, self->task_id, &input, error);
  else
    ok = (id = crm_tasks_create (self->store, &input, error)) != NULL;
  if (!ok)
    return FALSE;
  if (id != NULL)
    self->task_id = g_steal_pointer (&id);
  crm_tasks_changed ();
  g_signal_emit (self, signals[TASK_SAVED], 0, self->task_id);
  return TRUE;
}

/**
 * crm_task_dialog_get_task_id:
 * @self: a #CrmTaskDialog
 *
 * Returns: (nullable): the task edited, or added by the last save
 */
const char *
crm_task_dialog_get_task_id (CrmTaskDialog *self)
{
  g_return_val_if_fail (CRM_IS_TASK_DIALOG (self), NULL);
  return self->task_id;
}
