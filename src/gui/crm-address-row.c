/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-address-row"

#include "config.h"

#include "crm-address-row.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"

#include "crm-card-logic.h"

struct _CrmAddressRow
{
  AdwEntryRow  parent_instance;

  char        *tbl;
  char        *region;
  char        *id;
  gboolean     updating;

  GtkDropDown *label_dropdown;
  GtkButton   *open_button;
  GtkButton   *remove_button;
};

G_DEFINE_FINAL_TYPE (CrmAddressRow, crm_address_row, ADW_TYPE_ENTRY_ROW)

enum {
  REMOVE_REQUESTED,
  LABEL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_open_button (CrmAddressRow *self)
{
  g_autofree char *uri = crm_address_row_dup_uri (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "address.open", uri != NULL);
}

static void
on_changed_cb (CrmAddressRow *self)
{
  update_open_button (self);
}

static void
on_selected_cb (CrmAddressRow *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[LABEL_CHANGED], 0);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmAddressRow *self = CRM_ADDRESS_ROW (widget);
  g_autofree char *uri = crm_address_row_dup_uri (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_signal_emit (widget, signals[REMOVE_REQUESTED], 0);
}

static void
crm_address_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_ADDRESS_ROW);
  G_OBJECT_CLASS (crm_address_row_parent_class)->dispose (object);
}

static void
crm_address_row_finalize (GObject *object)
{
  CrmAddressRow *self = CRM_ADDRESS_ROW (object);

  g_free (self->tbl);
  g_free (self->region);
  g_free (self->id);
  G_OBJECT_CLASS (crm_address_row_parent_class)->finalize (object);
}

static void
crm_address_row_class_init (CrmAddressRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_address_row_dispose;
  object_class->finalize = crm_address_row_finalize;

  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LABEL_CHANGED] =
    g_signal_new ("label-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-address-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAddressRow, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAddressRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CrmAddressRow, remove_button);

  gtk_widget_class_install_action (widget_class, "address.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "address.remove", NULL, remove_action);
}

static void
crm_address_row_init (CrmAddressRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);
  g_signal_connect_swapped (self->label_dropdown, "notify::selected",
                            G_CALLBACK (on_selected_cb), self);
}

/**
 * crm_address_row_new:
 * @tbl: "phones" or "emails"
 * @region: the workspace region, for phones
 */
CrmAddressRow *
crm_address_row_new (const char *tbl,
                     const char *region)
{
  CrmAddressRow *self = g_object_new (CRM_TYPE_ADDRESS_ROW, NULL);
  const char *const *labels = crm_card_address_labels (tbl);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gboolean phone = g_strcmp0 (tbl, "phones") == 0;

  self->tbl = g_strdup (tbl);
  self->region = g_strdup (region);
  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (model, crm_card_address_label (labels[i]));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (model));
  self->updating = FALSE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), phone ? _("Phone") : _("E-mail"));
  gtk_button_set_icon_name (self->open_button, phone ? "call-start-symbolic" : "mail-send-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), phone ? _("Call") : _("Write"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, phone ? _("Call") : _("Write"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self),
                                   phone ? GTK_INPUT_PURPOSE_PHONE : GTK_INPUT_PURPOSE_EMAIL);
  update_open_button (self);
  return self;
}

const char *
crm_address_row_get_table (CrmAddressRow *self)
{
  g_return_val_if_fail (CRM_IS_ADDRESS_ROW (self), NULL);
  return self->tbl;
}

const char *
crm_address_row_get_id (CrmAddressRow *self)
{
  g_return_val_if_fail (CRM_IS_ADDRESS_ROW (self), NULL);
  return self->id;
}

void
crm_address_row_set_id (CrmAddressRow *self,
                        const char    *id)
{
  char *copy = g_strdup (id);

  g_return_if_fail (CRM_IS_ADDRESS_ROW (self));
  g_free (self->id);
  self->id = copy;
}

const char *
crm_address_row_get_label (CrmAddressRow *self)
{
  const char *const *labels;
  guint selected;

  g_return_val_if_fail (CRM_IS_ADDRESS_ROW (self), NULL);
  labels = crm_card_address_labels (self->tbl);
  selected = gtk_drop_down_get_selected (self->label_dropdown);
  if (selected >= g_strv_length ((char **) labels))
    return labels[0];
  return labels[selected];
}

void
crm_address_row_set_label (CrmAddressRow *self,
                           const char    *label)
{
  const char *const *labels;

  g_return_if_fail (CRM_IS_ADDRESS_ROW (self));
  labels = crm_card_address_labels (self->tbl);
  self->updating = TRUE;
  for (guint i = 0; labels[i] != NULL; i++)
    if (g_strcmp0 (labels[i], label) == 0)
      gtk_drop_down_set_selected (self->label_dropdown, i);
  self->updating = FALSE;
}

void
crm_address_row_set_read_only (CrmAddressRow *self,
                               gboolean       read_only)
{
  g_return_if_fail (CRM_IS_ADDRESS_ROW (self));
  gtk_editable_set_editable (GTK_EDITABLE (self), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_dropdown), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), !read_only);
}

void
crm_address_row_set_valid (CrmAddressRow *self,
                           gboolean       valid)
{
  g_return_if_fail (CRM_IS_ADDRESS_ROW (self));
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
}

/**
 * crm_address_row_dup_uri:
 * Returns: (transfer full) (nullable): the tel: or mailto: URI of the value
 */
char *
crm_address_row_dup_uri (CrmAddressRow *self)
{
  const char *text;

  g_return_val_if_fail (CRM_IS_ADDRESS_ROW (self), NULL);
  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (g_strcmp0 (self->tbl, "phones") == 0)
    return crm_card_tel_uri (text, self->region);
  return crm_card_mailto_uri (text);
}
