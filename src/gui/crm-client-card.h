/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLIENT_CARD (crm_client_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmClientCard, crm_client_card, CRM, CLIENT_CARD, GtkWidget)

/* Signals as the lead card's: "record-changed", "open-record", "toast",
 * "deleted". */
CrmClientCard *crm_client_card_new    (CrmStore   *store);
void crm_client_card_load       (CrmClientCard *self,
                            const char *id);
const char *crm_client_card_get_id (CrmClientCard *self);
void crm_client_card_flush      (CrmClientCard *self);

G_END_DECLS
