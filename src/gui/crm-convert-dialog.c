/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-convert-dialog"

#include "config.h"

#include "crm-convert-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-card-logic.h"
#include "crm-card-util.h"
#include "crm-core.h"

struct _CrmConvertDialog
{
  AdwWindow            parent_instance;

  CrmStore            *store;
  char                *lead_id;
  GPtrArray           *candidates;   /* CrmDuplicate */
  GPtrArray           *candidate_checks;
  GHashTable          *error_rows;   /* entry row → error row */

  AdwPreferencesGroup *existing_group;
  GtkCheckButton      *new_client_check;
  AdwPreferencesGroup *client_group;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *legal_name_row;
  AdwEntryRow         *inn_row;
  AdwEntryRow         *kpp_row;
  AdwEntryRow         *ogrn_row;
  AdwEntryRow         *okpo_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *website_row;
  GtkSwitch           *create_contact_switch;
  AdwEntryRow         *contact_name_row;
  AdwEntryRow         *job_title_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (CrmConvertDialog, crm_convert_dialog, ADW_TYPE_WINDOW)

enum {
  CONVERTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const char *
selected_client (CrmConvertDialog *self)
{
  for (guint i = 0; i < self->candidate_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->candidate_checks, i)))
      return ((CrmDuplicate *) g_ptr_array_index (self->candidates, i))->id;
  return NULL;
}

static void
fill_input (CrmConvertDialog *self,
            CrmConvertInput  *in)
{
  memset (in, 0, sizeof *in);
  in->client_id = selected_client (self);
  in->kind = adw_combo_row_get_selected (self->kind_row) == 1 ? "person" : "company";
  in->name = text_of (self->name_row);
  in->legal_name = text_of (self->legal_name_row);
  in->inn = text_of (self->inn_row);
  in->kpp = text_of (self->kpp_row);
  in->ogrn = text_of (self->ogrn_row);
  in->okpo = text_of (self->okpo_row);
  in->address = text_of (self->address_row);
  in->website = text_of (self->website_row);
  in->create_contact = gtk_switch_get_active (self->create_contact_switch);
  in->contact_name = text_of (self->contact_name_row);
  in->job_title = text_of (self->job_title_row);
}

static void
check_row (CrmConvertDialog *self,
           AdwEntryRow      *row,
           CrmCheck          check)
{
  g_autofree char *message = crm_card_check (check, text_of (row), NULL);
  GtkWidget *er = g_hash_table_lookup (self->error_rows, row);

  if (er != NULL)
    crm_card_error_row_show (GTK_WIDGET (row), er, message);
}

static void
on_requisite_changed_cb (AdwEntryRow      *row,
                         CrmConvertDialog *self)
{
  CrmCheck check = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "check"));

  check_row (self, row, check);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
add_check (CrmConvertDialog *self,
           AdwEntryRow      *row,
           CrmCheck          check)
{
  g_object_set_data (G_OBJECT (row), "check", GINT_TO_POINTER (check));
  g_hash_table_insert (self->error_rows, row, crm_card_error_row_new_after (GTK_WIDGET (row)));
  g_signal_connect (row, "changed", G_CALLBACK (on_requisite_changed_cb), self);
}

static void
update_sensitivity (CrmConvertDialog *self)
{
  gboolean creating = selected_client (self) == NULL;
  gboolean contact = gtk_switch_get_active (self->create_contact_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->client_group), creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_name_row), contact);
  gtk_widget_set_sensitive (GTK_WIDGET (self->job_title_row), contact);
}

static void
on_toggled_cb (CrmConvertDialog *self)
{
  update_sensitivity (self);
}

static void
convert_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  crm_convert_dialog_convert (CRM_CONVERT_DIALOG (widget));
}

static void
load_lead (CrmConvertDialog *self)
{
  g_autoptr(CrmRecord) lead = crm_store_get (self->store, "leads", self->lead_id, NULL);
  g_autoptr(GError) error = NULL;
  const char *name;
  const char *company;

  if (lead == NULL)
    return;
  name = crm_record_get_text (lead, "full_name");
  company = crm_record_get_text (lead, "company");

  /* A company lead becomes a company; a private person, a person. */
  adw_combo_row_set_selected (self->kind_row, company != NULL ? 0 : 1);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         company != NULL ? company : name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->website_row),
                         crm_record_get_text (lead, "website") ? crm_record_get_text (lead, "website") : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->job_title_row),
                         crm_record_get_text (lead, "job_title") ? crm_record_get_text (lead, "job_title") : "");
  gtk_switch_set_active (self->create_contact_switch, name != NULL);

  self->candidates = crm_convert_find_clients (self->store, self->lead_id, &error);
  if (self->candidates == NULL)
    {
      g_warning ("Cannot look for clients: %s", error->message);
      self->candidates = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->candidates->len; i++)
    {
      CrmDuplicate *d = g_ptr_array_index (self->candidates, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf (_("Link to “%s”"), d->display_name ? d->display_name : "");

      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->new_client_check);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), d->detail ? d->detail : "");
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_toggled_cb), self);
      adw_preferences_group_add (self->existing_group, row);
      g_ptr_array_add (self->candidate_checks, check);
    }
  if (self->candidates->len > 0)
    {
      /* The surest match is most likely the one. */
      gtk_check_button_set_active (g_ptr_array_index (self->candidate_checks, 0), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->existing_group), TRUE);
    }
  update_sensitivity (self);
}

static void
crm_convert_dialog_dispose (GObject *object)
{
  CrmConvertDialog *self = CRM_CONVERT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONVERT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->candidate_checks, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_hash_table_unref);
  G_OBJECT_CLASS (crm_convert_dialog_parent_class)->dispose (object);
}

static void
crm_convert_dialog_finalize (GObject *object)
{
  g_free (CRM_CONVERT_DIALOG (object)->lead_id);
  G_OBJECT_CLASS (crm_convert_dialog_parent_class)->finalize (object);
}

static void
crm_convert_dialog_class_init (CrmConvertDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_convert_dialog_dispose;
  object_class->finalize = crm_convert_dialog_finalize;

  signals[CONVERTED] = g_signal_new ("converted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-convert-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmConvertDialog, name)
  BIND (existing_group);
  BIND (new_client_check);
  BIND (client_group);
  BIND (kind_row);
  BIND (name_row);
  BIND (legal_name_row);
  BIND (inn_row);
  BIND (kpp_row);
  BIND (ogrn_row);
  BIND (okpo_row);
  BIND (address_row);
  BIND (website_row);
  BIND (create_contact_switch);
  BIND (contact_name_row);
  BIND (job_title_row);
  BIND (error_label);
#undef BIND

  gtk_widget_class_install_action (widget_class, "convert.convert", NULL, convert_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_convert_dialog_init (CrmConvertDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->candidate_checks = g_ptr_array_new ();
  self->error_rows = g_hash_table_new (NULL, NULL);

  gtk_string_list_append (kinds, _("Company or sole trader"));
  gtk_string_list_append (kinds, _("Private person"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  add_check (self, self->name_row, CRM_CHECK_REQUIRED);
  add_check (self, self->inn_row, CRM_CHECK_INN);
  add_check (self, self->kpp_row, CRM_CHECK_KPP);
  add_check (self, self->ogrn_row, CRM_CHECK_OGRN);
  add_check (self, self->okpo_row, CRM_CHECK_OKPO);
  add_check (self, self->contact_name_row, CRM_CHECK_REQUIRED);
  g_signal_connect_swapped (self->new_client_check, "toggled", G_CALLBACK (on_toggled_cb), self);
  g_signal_connect_swapped (self->create_contact_switch, "notify::active", G_CALLBACK (on_toggled_cb), self);
  crm_card_ensure_style ();
}

CrmConvertDialog *
crm_convert_dialog_new (CrmStore   *store,
                        const char *lead_id)
{
  CrmConvertDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (lead_id != NULL, NULL);

  self = g_object_new (CRM_TYPE_CONVERT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->lead_id = g_strdup (lead_id);
  load_lead (self);
  return self;
}

/**
 * crm_convert_dialog_convert:
 * @self: a #CrmConvertDialog
 *
 * Converts with what the dialog holds; on success emits "converted" and
 * closes, else shows what is wrong.
 *
 * Returns: whether the lead was converted
 */
gboolean
crm_convert_dialog_convert (CrmConvertDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  CrmConvertInput in;
  CrmConvertField field = CRM_CONVERT_FIELD_NONE;

  g_return_val_if_fail (CRM_IS_CONVERT_DIALOG (self), FALSE);

  fill_input (self, &in);
  if (!crm_convert_validate (&in, &field, &error) ||
      !crm_lead_convert (self->store, self->lead_id, &in, &client_id, NULL, &error))
    {
      AdwEntryRow *row = field == CRM_CONVERT_FIELD_NAME ? self->name_row
                       : field == CRM_CONVERT_FIELD_INN ? self->inn_row
                       : field == CRM_CONVERT_FIELD_KPP ? self->kpp_row
                       : field == CRM_CONVERT_FIELD_OGRN ? self->ogrn_row
                       : field == CRM_CONVERT_FIELD_OKPO ? self->okpo_row
                       : field == CRM_CONVERT_FIELD_CONTACT_NAME ? self->contact_name_row : NULL;
      GtkWidget *er = row != NULL ? g_hash_table_lookup (self->error_rows, row) : NULL;

      if (er != NULL)
        {
          g_autofree char *reason = crm_card_reason (error->message);
          crm_card_error_row_show (GTK_WIDGET (row), er, reason);
          gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      else
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return FALSE;
    }

  g_signal_emit (self, signals[CONVERTED], 0, client_id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
