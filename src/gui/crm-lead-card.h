/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_LEAD_CARD (crm_lead_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmLeadCard, crm_lead_card, CRM, LEAD_CARD, GtkWidget)

/* The lead card (DESIGN.md §2). Signals as the record pane's:
 * "record-changed" (table, id), "open-record" (table, id), "toast" (AdwToast),
 * and "deleted" (table, id). */
CrmLeadCard *crm_lead_card_new       (CrmStore    *store);
void         crm_lead_card_load      (CrmLeadCard *self,
                                      const char  *id);
const char  *crm_lead_card_get_id    (CrmLeadCard *self);
void         crm_lead_card_flush     (CrmLeadCard *self);
void         crm_lead_card_check_duplicates (CrmLeadCard *self);
gboolean     crm_lead_card_is_read_only (CrmLeadCard *self);

G_END_DECLS
