/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-lead"

#include "config.h"

#include "crm-lead.h"

/* A lead: a real person who showed interest, with contacts, a channel, a stage in the funnel, BANT and a temperature. */

struct _CrmLead
{
  CrmRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmLead, crm_lead, CRM_TYPE_RECORD)

static const char *const text_columns[] = {
  "full_name",
  "last_name",
  "first_name",
  "middle_name",
  "company",
  "job_title",
  "website",
  "city",
  "channel_id",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
  "request",
  "note",
  "extra",
  "pipeline_id",
  "stage_id",
  "stage_pos",
  "temperature",
  "bant_budget",
  "bant_authority",
  "bant_need",
  "bant_timeline",
  "currency",
  "owner_id",
  "client_id",
  "contact_id",
  "lost_reason",
  "import_id",
  "merged_into",
  NULL
};

static const char *const int_columns[] = {
  "stage_entered_ms",
  "score",
  "value",
  "first_response_ms",
  "converted_ms",
  "lost_ms",
  NULL
};

static void
crm_lead_class_init (CrmLeadClass *klass)
{
  CrmRecordClass *record_class = CRM_RECORD_CLASS (klass);

  record_class->table = "leads";
  crm_record_class_install_columns (record_class, text_columns, int_columns);
}

static void
crm_lead_init (CrmLead *self)
{
}

const char *
crm_lead_get_full_name (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "full_name");
}

const char *
crm_lead_get_company (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "company");
}

const char *
crm_lead_get_stage_id (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "stage_id");
}

const char *
crm_lead_get_temperature (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "temperature");
}

const char *
crm_lead_get_owner_id (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "owner_id");
}

const char *
crm_lead_get_channel_id (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "channel_id");
}

gint64
crm_lead_get_score (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "score", 0);
}

gint64
crm_lead_get_first_response_ms (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "first_response_ms", 0);
}

gint64
crm_lead_get_converted_ms (CrmLead *self)
{
  g_return_val_if_fail (CRM_IS_LEAD (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "converted_ms", 0);
}
