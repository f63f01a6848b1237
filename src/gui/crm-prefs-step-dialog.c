/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-step"

#include "config.h"

#include "crm-prefs-step-dialog.h"

#include <glib/gi18n.h>

#include "crm-extra-resources.h"

/* One step of a processing regulation: what task, when, and the message
 * it carries. The caller writes it (through the core) and may refuse; a
 * refusal shows here and the dialog stays open with what was typed. */

struct _CrmPrefsStepDialog
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  AdwComboRow        *kind_row;
  AdwEntryRow        *title_row;
  AdwComboRow        *when_row;
  AdwActionRow       *months_row;
  AdwActionRow       *days_row;
  AdwActionRow       *minutes_row;
  AdwActionRow       *date_row;
  GtkSpinButton      *months_spin;
  GtkSpinButton      *days_spin;
  GtkSpinButton      *minutes_spin;
  GtkSpinButton      *day_spin;
  GtkDropDown        *month_dropdown;
  AdwEntryRow        *subject_row;
  GtkTextView        *text_view;
  GtkFlowBox         *placeholders_box;

  CrmStepSaveFunc     save;
  gpointer            save_data;
  GDestroyNotify      save_destroy;
};

G_DEFINE_FINAL_TYPE (CrmPrefsStepDialog, crm_prefs_step_dialog, ADW_TYPE_WINDOW)

/* The kinds a step may make ("respond" belongs to the first-response SLA). */
static const char *const step_kinds[] = { "call", "email", "message", "meeting", "todo", NULL };

static const struct {
  const char *key;
  const char *hint;
} placeholder_hints[] = {
  { "name", N_("The first name, or the whole name when it is not known") },
  { "full_name", N_("The whole name") },
  { "company", N_("The company") },
  { "phone", N_("The first phone number") },
  { "email", N_("The first e-mail address") },
  { "manager", N_("The lead’s owner: you, as a rule") },
};

static void
update_when (CrmPrefsStepDialog *self)
{
  gboolean dated = adw_combo_row_get_selected (self->when_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->months_row), !dated);
  gtk_widget_set_visible (GTK_WIDGET (self->days_row), !dated);
  gtk_widget_set_visible (GTK_WIDGET (self->minutes_row), !dated);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), dated);
}

static void
on_placeholder_clicked_cb (GtkButton          *button,
                           CrmPrefsStepDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_text_buffer_insert_at_cursor (buffer, gtk_button_get_label (button), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  crm_prefs_step_dialog_save (CRM_PREFS_STEP_DIALOG (widget));
}

static void
crm_prefs_step_dialog_dispose (GObject *object)
{
  CrmPrefsStepDialog *self = CRM_PREFS_STEP_DIALOG (object);

  if (self->save_destroy != NULL)
    g_clear_pointer (&self->save_data, self->save_destroy);
  self->save_destroy = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFS_STEP_DIALOG);
  G_OBJECT_CLASS (crm_prefs_step_dialog_parent_class)->dispose (object);
}

static void
crm_prefs_step_dialog_class_init (CrmPrefsStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_prefs_step_dialog_dispose;

  (void) crm_extra_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-prefs-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, months_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, days_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, minutes_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, months_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, day_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsStepDialog, placeholders_box);

  gtk_widget_class_install_action (widget_class, "step.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_prefs_step_dialog_init (CrmPrefsStepDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) whens = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  const char *const *keys = crm_template_placeholders ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; step_kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, crm_task_kind_label (step_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  gtk_string_list_append (whens, _("After a delay"));
  gtk_string_list_append (whens, _("Every year on a date"));
  adw_combo_row_set_model (self->when_row, G_LIST_MODEL (whens));
  g_signal_connect_swapped (self->when_row, "notify::selected", G_CALLBACK (update_when), self);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2001, m, 1, 0, 0, 0);
      /* Translators: a month name standing alone, strftime: "December" */
      g_autofree char *name = g_date_time_format (date, C_("month", "%OB"));
      g_autofree char *first = g_utf8_strup (name, g_utf8_next_char (name) - name);
      /* Standing alone in a list, a month starts with a capital. */
      g_autofree char *label = g_strconcat (first, g_utf8_next_char (name), NULL);

      gtk_string_list_append (months, label);
    }
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("{%s}", keys[i]);
      GtkWidget *button = gtk_button_new_with_label (label);

      for (guint j = 0; j < G_N_ELEMENTS (placeholder_hints); j++)
        if (g_str_equal (placeholder_hints[j].key, keys[i]))
          gtk_widget_set_tooltip_text (button, _(placeholder_hints[j].hint));
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "caption");
      g_signal_connect (button, "clicked", G_CALLBACK (on_placeholder_clicked_cb), self);
      gtk_flow_box_append (self->placeholders_box, button);
    }
  update_when (self);
}

/**
 * crm_prefs_step_dialog_new:
 * @parent: the Preferences window
 * @step: (nullable): the step to edit, %NULL for a new one
 * @save: writes the step
 * @data: for @save
 * @destroy: (nullable): frees @data with the dialog
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
CrmPrefsStepDialog *
crm_prefs_step_dialog_new (GtkWindow            *parent,
                           const CrmCadenceStep *step,
                           CrmStepSaveFunc       save,
                           gpointer              data,
                           GDestroyNotify        destroy)
{
  CrmPrefsStepDialog *self = g_object_new (CRM_TYPE_PREFS_STEP_DIALOG, "transient-for", parent, NULL);

  self->save = save;
  self->save_data = data;
  self->save_destroy = destroy;

  adw_window_title_set_title (self->window_title, step != NULL ? _("Edit Step") : _("New Step"));
  gtk_window_set_title (GTK_WINDOW (self), step != NULL ? _("Edit Step") : _("New Step"));
  if (step == NULL)
    {
      gtk_spin_button_set_value (self->days_spin, 1);
      return self;
    }

  for (guint i = 0; step_kinds[i] != NULL; i++)
    if (g_strcmp0 (step_kinds[i], step->kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), step->title != NULL ? step->title : "");
  if (step->on_month > 0)
    {
      adw_combo_row_set_selected (self->when_row, 1);
      gtk_spin_button_set_value (self->day_spin, step->on_day);
      gtk_drop_down_set_selected (self->month_dropdown, step->on_month - 1);
    }
  gtk_spin_button_set_value (self->months_spin, step->delay_months);
  gtk_spin_button_set_value (self->days_spin, step->delay_days);
  gtk_spin_button_set_value (self->minutes_spin, step->delay_minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), step->subject != NULL ? step->subject : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            step->template != NULL ? step->template : "", -1);
  return self;
}

/**
 * crm_prefs_step_dialog_get_step:
 * @self: a #CrmPrefsStepDialog
 *
 * Returns: (transfer full): the step as entered (blank texts are %NULL)
 */
CrmCadenceStep *
crm_prefs_step_dialog_get_step (CrmPrefsStepDialog *self)
{
  CrmCadenceStep *step = g_new0 (CrmCadenceStep, 1);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *subject;
  guint kind;

  g_return_val_if_fail (CRM_IS_PREFS_STEP_DIALOG (self), NULL);

  kind = adw_combo_row_get_selected (self->kind_row);
  step->kind = g_strdup (step_kinds[MIN (kind, G_N_ELEMENTS (step_kinds) - 2)]);
  step->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (adw_combo_row_get_selected (self->when_row) == 1)
    {
      step->on_month = gtk_drop_down_get_selected (self->month_dropdown) + 1;
      step->on_day = gtk_spin_button_get_value_as_int (self->day_spin);
    }
  else
    {
      step->delay_months = gtk_spin_button_get_value_as_int (self->months_spin);
      step->delay_days = gtk_spin_button_get_value_as_int (self->days_spin);
      step->delay_minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
    }
  subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  step->subject = crm_text_is_blank (subject) ? NULL : g_strdup (subject);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  step->template = crm_text_is_blank (text) ? NULL : g_steal_pointer (&text);
  return step;
}

/**
 * crm_prefs_step_dialog_save:
 * @self: a #CrmPrefsStepDialog
 *
 * What the Save button does: writes the step and closes, or shows why not.
 *
 * Returns: whether it was written
 */
gboolean
crm_prefs_step_dialog_save (CrmPrefsStepDialog *self)
{
  g_autoptr(CrmCadenceStep) step = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_PREFS_STEP_DIALOG (self), FALSE);

  step = crm_prefs_step_dialog_get_step (self);
  if (self->save != NULL && !self->save (step, self->save_data, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
