/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-task.h"
#include "crm-tasks-rows.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_ITEM (crm_task_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskItem, crm_task_item, CRM, TASK_ITEM, GObject)

CrmTaskItem      *crm_task_item_new             (const CrmTaskRow *row);
const CrmTaskRow *crm_task_item_get_row         (CrmTaskItem      *self);
CrmTask          *crm_task_item_get_task        (CrmTaskItem      *self);
const char       *crm_task_item_get_entity_name (CrmTaskItem      *self);
const char       *crm_task_item_get_owner_name  (CrmTaskItem      *self);
void              crm_task_item_set_task        (CrmTaskItem      *self,
                                                 CrmTask          *task,
                                                 const char       *entity_name,
                                                 const char       *owner_name,
                                                 gint64            now_ms);
gint64            crm_task_item_get_now_ms      (CrmTaskItem      *self);

G_END_DECLS
