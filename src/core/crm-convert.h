/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmConvertInput:
 * @client_id: an existing client to link the lead to, or %NULL to create one
 *   from the fields below
 * @kind: "company" or "person" (new client)
 * @name: the client's name (company name, or the person's ФИО)
 * @legal_name: the full legal name, or %NULL
 * @inn: INN (10 or 12 digits), or %NULL
 * @kpp: KPP (9), or %NULL
 * @ogrn: OGRN (13) or OGRNIP (15), or %NULL
 * @okpo: OKPO, or %NULL
 * @address: the address, or %NULL
 * @website: the website, or %NULL
 * @create_contact: also make a contact of the lead's person, with its
 *   phones and e-mails, belonging to the client
 * @contact_name: the contact's ФИО, or %NULL for the lead's
 * @job_title: the contact's job title, or %NULL for the lead's
 *
 * What the convert dialog asks.
 */
typedef struct
{
  const char *client_id;
  const char *kind;
  const char *name;
  const char *legal_name;
  const char *inn;
  const char *kpp;
  const char *ogrn;
  const char *okpo;
  const char *address;
  const char *website;
  gboolean    create_contact;
  const char *contact_name;
  const char *job_title;
} CrmConvertInput;

/**
 * CrmConvertField:
 * Which field of a #CrmConvertInput a validation error is about.
 */
typedef enum {
  CRM_CONVERT_FIELD_NONE,
  CRM_CONVERT_FIELD_NAME,
  CRM_CONVERT_FIELD_INN,
  CRM_CONVERT_FIELD_KPP,
  CRM_CONVERT_FIELD_OGRN,
  CRM_CONVERT_FIELD_OKPO,
  CRM_CONVERT_FIELD_CONTACT_NAME,
} CrmConvertField;

gboolean    crm_convert_validate        (const CrmConvertInput  *input,
                                         CrmConvertField        *field,
                                         GError                **error);
gboolean    crm_lead_convert            (CrmStore               *store,
                                         const char             *lead_id,
                                         const CrmConvertInput  *input,
                                         char                  **client_id,
                                         char                  **contact_id,
                                         GError                **error);
GPtrArray  *crm_convert_find_clients    (CrmStore               *store,
                                         const char             *lead_id,
                                         GError                **error);
gboolean    crm_lead_is_converted       (CrmRecord              *lead);
GPtrArray  *crm_client_list_contacts    (CrmStore               *store,
                                         const char             *client_id,
                                         GError                **error);
GPtrArray  *crm_client_list_leads       (CrmStore               *store,
                                         const char             *client_id,
                                         GError                **error);

/* Refusal: a lead closed as not going anywhere, with a reason from the
 * editable catalogue (lost_reasons). */
gboolean    crm_lead_refuse             (CrmStore               *store,
                                         const char             *lead_id,
                                         const char             *reason,
                                         const char             *comment,
                                         GError                **error);
gboolean    crm_lead_reopen             (CrmStore               *store,
                                         const char             *lead_id,
                                         GError                **error);
gboolean    crm_lead_is_refused         (CrmRecord              *lead);
GPtrArray  *crm_lost_reasons_list       (CrmStore               *store,
                                         GError                **error);
char       *crm_lost_reason_add         (CrmStore               *store,
                                         const char             *name,
                                         GError                **error);
gboolean    crm_lost_reason_rename      (CrmStore               *store,
                                         const char             *id,
                                         const char             *name,
                                         GError                **error);
gboolean    crm_lost_reason_remove      (CrmStore               *store,
                                         const char             *id,
                                         GError                **error);

G_END_DECLS
