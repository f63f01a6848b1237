/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONVERT_DIALOG (crm_convert_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmConvertDialog, crm_convert_dialog, CRM, CONVERT_DIALOG, AdwWindow)

/* Convert a lead into a client: a new company or person (requisites checked
 * as typed) with a contact, or an existing client found by the duplicate
 * search. Signal "converted" (const char *client_id). */
CrmConvertDialog *crm_convert_dialog_new     (CrmStore         *store,
                                              const char       *lead_id);
gboolean          crm_convert_dialog_convert (CrmConvertDialog *self);

G_END_DECLS
