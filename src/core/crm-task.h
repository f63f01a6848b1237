/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK (crm_task_get_type ())
G_DECLARE_FINAL_TYPE (CrmTask, crm_task, CRM, TASK, CrmRecord)

const char *crm_task_get_entity_id (CrmTask *self);
const char *crm_task_get_kind (CrmTask *self);
const char *crm_task_get_title (CrmTask *self);
const char *crm_task_get_owner_id (CrmTask *self);
gint64      crm_task_get_due_ms (CrmTask *self);
gint64      crm_task_get_remind_ms (CrmTask *self);
gint64      crm_task_get_done_ms (CrmTask *self);

G_END_DECLS
