/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_FUNNEL_PAGE (crm_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmFunnelPage, crm_funnel_page, CRM, FUNNEL_PAGE, GtkWidget)

/* Signals: "record-activated" (table, id) when a record is opened. */
CrmFunnelPage *crm_funnel_page_new             (CrmStore        *store);
void         crm_funnel_page_set_search_text (CrmFunnelPage *self,
                                            const char      *text);
void         crm_funnel_page_refresh         (CrmFunnelPage *self);

G_END_DECLS
