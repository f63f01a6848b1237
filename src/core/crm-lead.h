/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_LEAD (crm_lead_get_type ())
G_DECLARE_FINAL_TYPE (CrmLead, crm_lead, CRM, LEAD, CrmRecord)

const char *crm_lead_get_full_name (CrmLead *self);
const char *crm_lead_get_company (CrmLead *self);
const char *crm_lead_get_stage_id (CrmLead *self);
const char *crm_lead_get_temperature (CrmLead *self);
const char *crm_lead_get_owner_id (CrmLead *self);
const char *crm_lead_get_channel_id (CrmLead *self);
gint64      crm_lead_get_score (CrmLead *self);
gint64      crm_lead_get_first_response_ms (CrmLead *self);
gint64      crm_lead_get_converted_ms (CrmLead *self);

G_END_DECLS
