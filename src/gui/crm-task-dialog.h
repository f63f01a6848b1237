/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_DIALOG (crm_task_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskDialog, crm_task_dialog, CRM, TASK_DIALOG, AdwWindow)

/* Signals: "task-saved" (task id) after a task was created or changed. */
CrmTaskDialog *crm_task_dialog_new         (CrmStore      *store,
                                            const char    *entity_table,
                                            const char    *entity_id);
CrmTaskDialog *crm_task_dialog_new_edit    (CrmStore      *store,
                                            const char    *task_id);
void           crm_task_dialog_set_text    (CrmTaskDialog *self,
                                            const char    *quick_text);
gboolean       crm_task_dialog_save        (CrmTaskDialog *self,
                                            GError       **error);
const char    *crm_task_dialog_get_task_id (CrmTaskDialog *self);

G_END_DECLS
