/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_MERGE_DIALOG (crm_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmMergeDialog, crm_merge_dialog, CRM, MERGE_DIALOG, AdwWindow)

/* Two records side by side: pick each differing field's value, then merge
 * (crm_merge) into the kept one. Signal "merged" (const char *kept_id,
 * const char *merge_id). */
CrmMergeDialog *crm_merge_dialog_new      (CrmStore       *store,
                                           const char     *tbl,
                                           const char     *keep_id,
                                           const char     *other_id);
guint           crm_merge_dialog_get_n_fields (CrmMergeDialog *self);
void            crm_merge_dialog_choose_other (CrmMergeDialog *self,
                                           const char     *field);
gboolean        crm_merge_dialog_merge    (CrmMergeDialog *self);

G_END_DECLS
