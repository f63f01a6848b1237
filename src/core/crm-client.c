/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-client"

#include "config.h"

#include "crm-client.h"

/* A client: a company with requisites, or a person, with a link to the lead it came from. */

struct _CrmClient
{
  CrmRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmClient, crm_client, CRM_TYPE_RECORD)

static const char *const text_columns[] = {
  "kind",
  "name",
  "legal_name",
  "inn",
  "kpp",
  "ogrn",
  "okpo",
  "address",
  "website",
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
crm_client_class_init (CrmClientClass *klass)
{
  CrmRecordClass *record_class = CRM_RECORD_CLASS (klass);

  record_class->table = "clients";
  crm_record_class_install_columns (record_class, text_columns, int_columns);
}

static void
crm_client_init (CrmClient *self)
{
}

const char *
crm_client_get_kind (CrmClient *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "kind");
}

const char *
crm_client_get_name (CrmClient *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "name");
}

const char *
crm_client_get_inn (CrmClient *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "inn");
}

const char *
crm_client_get_kpp (CrmClient *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "kpp");
}

const char *
crm_client_get_ogrn (CrmClient *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "ogrn");
}

const char *
crm_client_get_lead_id (CrmClient *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "lead_id");
}
