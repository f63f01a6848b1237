/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFUSE_DIALOG (crm_refuse_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmRefuseDialog, crm_refuse_dialog, CRM, REFUSE_DIALOG, AdwMessageDialog)

/* Refuse a lead with a reason from the editable catalogue (required) and
 * an optional comment. Signal "refused". */
CrmRefuseDialog *crm_refuse_dialog_new         (CrmStore        *store,
                                                const char      *lead_id);
void             crm_refuse_dialog_select      (CrmRefuseDialog *self,
                                                guint            index);
gboolean         crm_refuse_dialog_refuse      (CrmRefuseDialog *self);
guint            crm_refuse_dialog_get_n_reasons (CrmRefuseDialog *self);

G_END_DECLS
