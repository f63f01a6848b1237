/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-core.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_DIALOG (crm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, CRM, IMPORT_DIALOG, AdwWindow)

/* Signals: "import-finished" (guint n_created, guint n_merged) after a
 * committed import, so lists refresh; "check-finished" after each trial
 * run. Actions: import.choose, import.open-file (s: a path or URI),
 * import.start, import.cancel, import.close. */
CrmImportDialog *crm_import_dialog_new       (GtkWindow        *parent,
                                              CrmStore         *store);
/* Returns the dialog (transfer none) so callers can connect
 * "import-finished"; it destroys itself when closed. */
CrmImportDialog *crm_import_dialog_present   (GtkWindow        *parent,
                                              CrmStore         *store);
void             crm_import_dialog_set_file  (CrmImportDialog  *self,
                                              GFile            *file);

/* The state, and the choices the rows make, for tests and scripting. */
const char      *crm_import_dialog_get_page  (CrmImportDialog  *self);
gboolean         crm_import_dialog_is_busy   (CrmImportDialog  *self);
const CrmImportReport *crm_import_dialog_get_report (CrmImportDialog *self);
const char      *crm_import_dialog_get_error (CrmImportDialog  *self);
guint            crm_import_dialog_get_n_columns (CrmImportDialog *self);
void             crm_import_dialog_set_column_field (CrmImportDialog *self,
                                              guint             column,
                                              const char       *field_key);
void             crm_import_dialog_set_policy (CrmImportDialog *self,
                                              CrmImportPolicy   policy);
void             crm_import_dialog_set_delimiter (CrmImportDialog *self,
                                              char              delimiter);

G_END_DECLS
