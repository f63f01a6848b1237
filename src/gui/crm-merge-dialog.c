/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-merge-dialog"

#include "config.h"

#include "crm-merge-dialog.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"

#include "crm-card-logic.h"
#include "crm-settings.h"
#include "crm-core.h"

struct _CrmMergeDialog
{
  AdwWindow       parent_instance;

  CrmStore       *store;
  char           *tbl;
  char           *keep_id;
  char           *other_id;
  GHashTable     *other_buttons;   /* field → GtkToggleButton of the other value */

  GtkGrid        *grid;
  GtkWidget      *same_page;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (CrmMergeDialog, crm_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const lead_fields[] = {
  "full_name", "company", "job_title", "city", "website", "channel_id", "stage_id",
  "temperature", "value", "owner_id", "bant_budget", "bant_authority", "bant_need",
  "bant_timeline", "request", "note", "utm_source", "utm_medium", "utm_campaign", NULL
};
static const char *const contact_fields[] = {
  "full_name", "job_title", "client_id", "owner_id", "note", NULL
};
static const char *const client_fields[] = {
  "kind", "name", "legal_name", "inn", "kpp", "ogrn", "okpo", "address", "website",
  "owner_id", "note", NULL
};

static char *
display (CrmMergeDialog *self,
         const char     *field,
         const char     *value)
{
  const char *catalog;

  if ((catalog = crm_card_field_catalog (field)) != NULL)
    return crm_catalog_name (self->store, catalog, value);
  if (g_strcmp0 (field, "temperature") == 0)
    return g_strdup (crm_card_temperature_label (value));
  if (g_strcmp0 (field, "value") == 0)
    return crm_money_format_plain (g_ascii_strtoll (value, NULL, 10));
  return g_strdup (value);
}

static GtkWidget *
value_button (const char *text)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, text);
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static void
build (CrmMergeDialog *self)
{
  g_autoptr(CrmRecord) keep = crm_store_get (self->store, self->tbl, self->keep_id, NULL);
  g_autoptr(CrmRecord) other = crm_store_get (self->store, self->tbl, self->other_id, NULL);
  const char *const *fields = g_strcmp0 (self->tbl, "leads") == 0 ? lead_fields
                            : g_strcmp0 (self->tbl, "contacts") == 0 ? contact_fields : client_fields;
  GtkWidget *head;
  int row = 1;

  if (keep == NULL || other == NULL)
    return;

  head = gtk_label_new (_("This record"));
  gtk_widget_add_css_class (head, "heading");
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_grid_attach (self->grid, head, 1, 0, 1, 1);
  head = gtk_label_new (_("The duplicate"));
  gtk_widget_add_css_class (head, "heading");
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_grid_attach (self->grid, head, 2, 0, 1, 1);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *a = crm_record_get_text (keep, fields[i]);
      const char *b = crm_record_get_text (other, fields[i]);
      g_autofree char *da = NULL;
      g_autofree char *db = NULL;
      GtkWidget *label, *ba, *bb;

      /* Only real disagreements need a choice: an empty side is filled. */
      if (a == NULL || b == NULL || g_strcmp0 (a, b) == 0)
        continue;
      da = display (self, fields[i], a);
      db = display (self, fields[i], b);

      label = gtk_label_new (crm_card_field_label (fields[i]));
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "dim-label");
      ba = value_button (da ? da : a);
      bb = value_button (db ? db : b);
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (bb), GTK_TOGGLE_BUTTON (ba));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ba), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (ba), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (bb), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_grid_attach (self->grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->grid, ba, 1, row, 1, 1);
      gtk_grid_attach (self->grid, bb, 2, row, 1, 1);
      g_hash_table_insert (self->other_buttons, g_strdup (fields[i]), bb);
      row++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->grid), row > 1);
  gtk_widget_set_visible (self->same_page, row == 1);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  crm_merge_dialog_merge (CRM_MERGE_DIALOG (widget));
}

static void
crm_merge_dialog_dispose (GObject *object)
{
  CrmMergeDialog *self = CRM_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_MERGE_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->other_buttons, g_hash_table_unref);
  G_OBJECT_CLASS (crm_merge_dialog_parent_class)->dispose (object);
}

static void
crm_merge_dialog_finalize (GObject *object)
{
  CrmMergeDialog *self = CRM_MERGE_DIALOG (object);

  g_free (self->tbl);
  g_free (self->keep_id);
  g_free (self->other_id);
  G_OBJECT_CLASS (crm_merge_dialog_parent_class)->finalize (object);
}

static void
crm_merge_dialog_class_init (CrmMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_merge_dialog_dispose;
  object_class->finalize = crm_merge_dialog_finalize;

  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMergeDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, CrmMergeDialog, same_page);
  gtk_widget_class_bind_template_child (widget_class, CrmMergeDialog, error_label);

  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_merge_dialog_init (CrmMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->other_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CrmMergeDialog *
crm_merge_dialog_new (CrmStore   *store,
                      const char *tbl,
                      const char *keep_id,
                      const char *other_id)
{
  CrmMergeDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_MERGE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->tbl = g_strdup (tbl);
  self->keep_id = g_strdup (keep_id);
  self->other_id = g_strdup (other_id);
  build (self);
  return self;
}

guint
crm_merge_dialog_get_n_fields (CrmMergeDialog *self)
{
  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), 0);
  return g_hash_table_size (self->other_buttons);
}

void
crm_merge_dialog_choose_other (CrmMergeDialog *self,
                               const char     *field)
{
  GtkToggleButton *button;

  g_return_if_fail (CRM_IS_MERGE_DIALOG (self));
  if ((button = g_hash_table_lookup (self->other_buttons, field)) != NULL)
    gtk_toggle_button_set_active (button, TRUE);
}

gboolean
crm_merge_dialog_merge (CrmMergeDialog *self)
{
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *merge_id = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), FALSE);

  g_hash_table_iter_init (&iter, self->other_buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_toggle_button_get_active (value))
      g_hash_table_insert (choices, key, (gpointer) "other");

  if (!(merge_id = crm_merge (self->store, self->tbl, self->keep_id, self->other_id, choices, &error)))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  g_signal_emit (self, signals[MERGED], 0, self->keep_id, merge_id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
