/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact"

#include "config.h"

#include "crm-contact.h"

/* A person at a client. */

struct _CrmContact
{
  CrmRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmContact, crm_contact, CRM_TYPE_RECORD)

static const char *const text_columns[] = {
  "client_id",
  "full_name",
  "last_name",
  "first_name",
  "middle_name",
  "job_title",
  "note",
  "owner_id",
  "lead_id",
  "merged_into",
  NULL
};

static const char *const int_columns[] = {
  NULL
};

static void
crm_contact_class_init (CrmContactClass *klass)
{
  CrmRecordClass *record_class = CRM_RECORD_CLASS (klass);

  record_class->table = "contacts";
  crm_record_class_install_columns (record_class, text_columns, int_columns);
}

static void
crm_contact_init (CrmContact *self)
{
}

const char *
crm_contact_get_full_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "full_name");
}

const char *
crm_contact_get_client_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "client_id");
}

const char *
crm_contact_get_job_title (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "job_title");
}

const char *
crm_contact_get_lead_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "lead_id");
}
