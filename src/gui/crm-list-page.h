/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-record-model.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_LIST_PAGE (crm_list_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmListPage, crm_list_page, CRM, LIST_PAGE, GtkWidget)

/* Signals: "record-activated" (const char *table, const char *id) when a
 * row is selected or activated. */
CrmListPage    *crm_list_page_new             (CrmStore    *store,
                                               const char  *table);
const char     *crm_list_page_get_table       (CrmListPage *self);
CrmRecordModel *crm_list_page_get_model       (CrmListPage *self);
const char     *crm_list_page_get_count_text  (CrmListPage *self);
void            crm_list_page_set_search_text (CrmListPage *self,
                                               const char  *text);
void            crm_list_page_refresh         (CrmListPage *self);
void            crm_list_page_refresh_when_shown (CrmListPage *self);
void            crm_list_page_reload_names    (CrmListPage *self);
void            crm_list_page_unselect        (CrmListPage *self);
CrmQuery       *crm_list_page_build_query     (CrmListPage *self);
void            crm_list_page_sort_by         (CrmListPage *self,
                                               const char  *column_id,
                                               gboolean     descending);

G_END_DECLS
