/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmField:
 * The fields a CSV column can map to, for import and export.
 */
typedef enum {
  CRM_FIELD_NONE,
  CRM_FIELD_FIO,
  CRM_FIELD_LAST_NAME,
  CRM_FIELD_FIRST_NAME,
  CRM_FIELD_MIDDLE_NAME,
  CRM_FIELD_PHONE,
  CRM_FIELD_PHONE_WORK,
  CRM_FIELD_PHONE_MOBILE,
  CRM_FIELD_PHONE_HOME,
  CRM_FIELD_EMAIL,
  CRM_FIELD_COMPANY,
  CRM_FIELD_JOB_TITLE,
  CRM_FIELD_CHANNEL,
  CRM_FIELD_NOTE,
  CRM_FIELD_REQUEST,
  CRM_FIELD_INN,
  CRM_FIELD_KPP,
  CRM_FIELD_OGRN,
  CRM_FIELD_ADDRESS,
  CRM_FIELD_CITY,
  CRM_FIELD_WEBSITE,
  CRM_FIELD_UTM_SOURCE,
  CRM_FIELD_UTM_MEDIUM,
  CRM_FIELD_UTM_CAMPAIGN,
  CRM_FIELD_UTM_CONTENT,
  CRM_FIELD_UTM_TERM,
  CRM_FIELD_CREATED,
  CRM_FIELD_VALUE,
  CRM_FIELD_TEMPERATURE,
  CRM_FIELD_STAGE,
  CRM_FIELD_OWNER,
  CRM_FIELD_ID,
  CRM_N_FIELDS
} CrmField;

const char *crm_field_get_key        (CrmField            field);
const char *crm_field_get_label      (CrmField            field);
const char *crm_field_temperature_label (const char       *temperature);
CrmField    crm_field_from_key       (const char         *key);
CrmField    crm_field_guess          (const char         *header);
CrmField   *crm_field_guess_all      (const char *const  *headers,
                                      guint               n);
gboolean    crm_field_parse_mapping  (const char         *spec,
                                      const char *const  *headers,
                                      guint               n,
                                      CrmField          **out,
                                      GError            **error);

G_END_DECLS
