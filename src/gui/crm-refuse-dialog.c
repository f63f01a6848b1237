/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-refuse-dialog"

#include "config.h"

#include "crm-refuse-dialog.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"

#include "crm-core.h"

struct _CrmRefuseDialog
{
  AdwMessageDialog     parent_instance;

  CrmStore            *store;
  char                *lead_id;
  GPtrArray           *reasons;   /* CrmRecord */
  GPtrArray           *rows;      /* widgets in reasons_group */
  GPtrArray           *checks;    /* GtkCheckButton, parallel to reasons */
  char                *selected_name;

  AdwPreferencesGroup *reasons_group;
  GtkToggleButton     *edit_button;
  AdwPreferencesGroup *add_group;
  AdwEntryRow         *add_row;
  AdwEntryRow         *comment_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (CrmRefuseDialog, crm_refuse_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (CrmRefuseDialog *self);

static void
show_error (CrmRefuseDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_response (CrmRefuseDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "refuse",
                                           self->selected_name != NULL &&
                                           !gtk_toggle_button_get_active (self->edit_button));
}

static void
on_check_toggled_cb (GtkCheckButton  *check,
                     CrmRefuseDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  g_free (self->selected_name);
  self->selected_name = g_strdup (g_object_get_data (G_OBJECT (check), "reason"));
  update_response (self);
}

static void
on_rename_cb (AdwEntryRow     *row,
              CrmRefuseDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (row), "reason-id");

  if (!crm_lost_reason_rename (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static void
on_remove_cb (GtkButton       *button,
              CrmRefuseDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "reason-id");

  if (!crm_lost_reason_remove (self->store, id, &error))
    show_error (self, error->message);
  reload (self);
}

static void
on_add_cb (AdwEntryRow     *row,
           CrmRefuseDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = crm_lost_reason_add (self->store, gtk_editable_get_text (GTK_EDITABLE (row)), &error);

  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  reload (self);
}

static void
reload (CrmRefuseDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean editing = gtk_toggle_button_get_active (self->edit_button);
  GtkCheckButton *first = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->reasons_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);

  if (!(self->reasons = crm_lost_reasons_list (self->store, &error)))
    {
      show_error (self, error->message);
      self->reasons = g_ptr_array_new ();
    }

  for (guint i = 0; i < self->reasons->len; i++)
    {
      CrmRecord *r = g_ptr_array_index (self->reasons, i);
      const char *name = crm_record_get_text (r, "name");
      GtkWidget *row;

      if (editing)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          row = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reason"));
          gtk_editable_set_text (GTK_EDITABLE (row), name);
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "reason-id", g_strdup (crm_record_get_id (r)), g_free);
          g_signal_connect (row, "apply", G_CALLBACK (on_rename_cb), self);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (remove, _("Remove the reason"));
          g_object_set_data_full (G_OBJECT (remove), "reason-id", g_strdup (crm_record_get_id (r)), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_cb), self);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
        }
      else
        {
          GtkWidget *check = gtk_check_button_new ();

          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          if (first != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
          else
            first = GTK_CHECK_BUTTON (check);
          g_object_set_data_full (G_OBJECT (check), "reason", g_strdup (name), g_free);
          if (g_strcmp0 (name, self->selected_name) == 0)
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_ptr_array_add (self->checks, check);
        }
      adw_preferences_group_add (self->reasons_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->add_group), editing);
  update_response (self);
}

static void
on_edit_toggled_cb (CrmRefuseDialog *self)
{
  reload (self);
}

static void
on_response_cb (CrmRefuseDialog *self,
                const char      *response)
{
  if (g_strcmp0 (response, "refuse") == 0)
    crm_refuse_dialog_refuse (self);
}

static void
crm_refuse_dialog_dispose (GObject *object)
{
  CrmRefuseDialog *self = CRM_REFUSE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REFUSE_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_refuse_dialog_parent_class)->dispose (object);
}

static void
crm_refuse_dialog_finalize (GObject *object)
{
  CrmRefuseDialog *self = CRM_REFUSE_DIALOG (object);

  g_free (self->lead_id);
  g_free (self->selected_name);
  G_OBJECT_CLASS (crm_refuse_dialog_parent_class)->finalize (object);
}

static void
crm_refuse_dialog_class_init (CrmRefuseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_refuse_dialog_dispose;
  object_class->finalize = crm_refuse_dialog_finalize;

  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-refuse-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmRefuseDialog, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, CrmRefuseDialog, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmRefuseDialog, add_group);
  gtk_widget_class_bind_template_child (widget_class, CrmRefuseDialog, add_row);
  gtk_widget_class_bind_template_child (widget_class, CrmRefuseDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, CrmRefuseDialog, error_label);
}

static void
crm_refuse_dialog_init (CrmRefuseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  g_signal_connect_swapped (self->edit_button, "toggled", G_CALLBACK (on_edit_toggled_cb), self);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add_cb), self);
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}

CrmRefuseDialog *
crm_refuse_dialog_new (CrmStore   *store,
                       const char *lead_id)
{
  CrmRefuseDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (lead_id != NULL, NULL);

  self = g_object_new (CRM_TYPE_REFUSE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->lead_id = g_strdup (lead_id);
  reload (self);
  return self;
}

guint
crm_refuse_dialog_get_n_reasons (CrmRefuseDialog *self)
{
  g_return_val_if_fail (CRM_IS_REFUSE_DIALOG (self), 0);
  return self->reasons != NULL ? self->reasons->len : 0;
}

void
crm_refuse_dialog_select (CrmRefuseDialog *self,
                          guint            index)
{
  g_return_if_fail (CRM_IS_REFUSE_DIALOG (self));
  g_return_if_fail (index < self->checks->len);
  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), TRUE);
}

/**
 * crm_refuse_dialog_refuse:
 * @self: a #CrmRefuseDialog
 *
 * Refuses the lead with the chosen reason and the comment.
 *
 * Returns: %FALSE (with the message shown) when no reason is chosen or the
 *   write failed
 */
gboolean
crm_refuse_dialog_refuse (CrmRefuseDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_REFUSE_DIALOG (self), FALSE);

  if (!crm_lead_refuse (self->store, self->lead_id, self->selected_name,
                        gtk_editable_get_text (GTK_EDITABLE (self->comment_row)), &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[REFUSED], 0);
  return TRUE;
}
