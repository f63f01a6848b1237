/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_FUNNEL_PAGE (crm_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmFunnelPage, crm_funnel_page, CRM, FUNNEL_PAGE, GtkWidget)

/* Signals: "record-activated" (table, id) when a record is opened;
 * "record-changed" (table, id) after a move or a new lead, so the other
 * pages refresh; "loaded" when the columns hold the latest data. */
CrmFunnelPage *crm_funnel_page_new             (CrmStore        *store);
void         crm_funnel_page_set_search_text (CrmFunnelPage *self,
                                            const char      *text);
void         crm_funnel_page_refresh         (CrmFunnelPage *self);

/* The filters shared with the lists (%NULL: any) and the pipeline. */
void         crm_funnel_page_set_filter      (CrmFunnelPage *self,
                                              const char    *owner_id,
                                              const char    *channel_id,
                                              const char    *temperature);
void         crm_funnel_page_set_pipeline    (CrmFunnelPage *self,
                                              const char    *pipeline_id);
gboolean     crm_funnel_page_is_loading      (CrmFunnelPage *self);
guint        crm_funnel_page_get_n_columns   (CrmFunnelPage *self);
GtkWidget   *crm_funnel_page_get_column      (CrmFunnelPage *self,
                                              guint          index);
GtkWidget   *crm_funnel_page_find_column     (CrmFunnelPage *self,
                                              const char    *stage_id);

/* What a drop, a menu item or a key does (the tests' way in too). */
void         crm_funnel_page_drop            (CrmFunnelPage *self,
                                              gint64         rid,
                                              const char    *stage_id,
                                              guint          index);
void         crm_funnel_page_card_action     (CrmFunnelPage *self,
                                              gint64         rid,
                                              const char    *action);
gboolean     crm_funnel_page_undo            (CrmFunnelPage *self);
GtkWindow   *crm_funnel_page_get_dialog      (CrmFunnelPage *self);
gint64       crm_funnel_page_get_last_move_us (CrmFunnelPage *self);

G_END_DECLS
