/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-record-model.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_INBOX_PAGE (crm_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmInboxPage, crm_inbox_page, CRM, INBOX_PAGE, GtkWidget)

/* Signals: "record-activated" (table, id) when a lead is clicked;
 * "lead-taken" (id, title) after Take, or "take-failed" (message). */
CrmInboxPage   *crm_inbox_page_new        (CrmStore     *store);
CrmRecordModel *crm_inbox_page_get_model  (CrmInboxPage *self);
guint           crm_inbox_page_get_count  (CrmInboxPage *self);
void            crm_inbox_page_refresh    (CrmInboxPage *self);
gboolean        crm_inbox_page_get_loaded (CrmInboxPage *self);
gboolean        crm_inbox_page_take       (CrmInboxPage *self,
                                           const char   *lead_id);
void            crm_inbox_page_tick       (CrmInboxPage *self);

G_END_DECLS
