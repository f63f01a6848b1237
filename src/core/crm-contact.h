/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT (crm_contact_get_type ())
G_DECLARE_FINAL_TYPE (CrmContact, crm_contact, CRM, CONTACT, CrmRecord)

const char *crm_contact_get_full_name (CrmContact *self);
const char *crm_contact_get_client_id (CrmContact *self);
const char *crm_contact_get_job_title (CrmContact *self);
const char *crm_contact_get_lead_id (CrmContact *self);

G_END_DECLS
