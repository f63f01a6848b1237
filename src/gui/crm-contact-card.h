/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_CARD (crm_contact_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactCard, crm_contact_card, CRM, CONTACT_CARD, GtkWidget)

/* Signals as the lead card's: "record-changed", "open-record", "toast",
 * "deleted". */
CrmContactCard *crm_contact_card_new    (CrmStore   *store);
void crm_contact_card_load       (CrmContactCard *self,
                            const char *id);
const char *crm_contact_card_get_id (CrmContactCard *self);
void crm_contact_card_flush      (CrmContactCard *self);
void crm_contact_card_new_contact (CrmContactCard *self,
                                   const char     *client_id);

G_END_DECLS
