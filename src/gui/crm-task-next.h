/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_NEXT (crm_task_next_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskNext, crm_task_next, CRM, TASK_NEXT, GtkWidget)

void        crm_task_next_set_record  (CrmTaskNext *self,
                                       CrmStore    *store,
                                       const char  *entity_type,
                                       const char  *entity_id);
void        crm_task_next_reload      (CrmTaskNext *self);
const char *crm_task_next_get_task_id (CrmTaskNext *self);
gboolean    crm_task_next_get_missing (CrmTaskNext *self);

G_END_DECLS
