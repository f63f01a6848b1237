/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLIENT (crm_client_get_type ())
G_DECLARE_FINAL_TYPE (CrmClient, crm_client, CRM, CLIENT, CrmRecord)

const char *crm_client_get_kind (CrmClient *self);
const char *crm_client_get_name (CrmClient *self);
const char *crm_client_get_inn (CrmClient *self);
const char *crm_client_get_kpp (CrmClient *self);
const char *crm_client_get_ogrn (CrmClient *self);
const char *crm_client_get_lead_id (CrmClient *self);

G_END_DECLS
