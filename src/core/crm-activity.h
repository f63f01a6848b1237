/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY (crm_activity_get_type ())
G_DECLARE_FINAL_TYPE (CrmActivity, crm_activity, CRM, ACTIVITY, CrmRecord)

const char *crm_activity_get_entity_id (CrmActivity *self);
const char *crm_activity_get_kind (CrmActivity *self);
const char *crm_activity_get_outcome (CrmActivity *self);
const char *crm_activity_get_body (CrmActivity *self);
gint64      crm_activity_get_at_ms (CrmActivity *self);

G_END_DECLS
