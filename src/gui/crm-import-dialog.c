/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-dialog"

#include "config.h"

#include "crm-import-dialog.h"

#include <glib/gi18n.h>

struct _CrmImportDialog
{
  AdwWindow  parent_instance;

  CrmStore  *store;
};

G_DEFINE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
crm_import_dialog_dispose (GObject *object)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_import_dialog_parent_class)->dispose (object);
}

static void
crm_import_dialog_class_init (CrmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_import_dialog_dispose;

  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
crm_import_dialog_init (CrmImportDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Import"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 600);
}

CrmImportDialog *
crm_import_dialog_new (GtkWindow *parent,
                       CrmStore  *store)
{
  CrmImportDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

CrmImportDialog *
crm_import_dialog_present (GtkWindow *parent,
                           CrmStore  *store)
{
  CrmImportDialog *self = crm_import_dialog_new (parent, store);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

void
crm_import_dialog_set_file (CrmImportDialog *self,
                            GFile           *file)
{
  g_return_if_fail (CRM_IS_IMPORT_DIALOG (self));
}
