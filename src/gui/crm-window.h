/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-inbox-page.h"
#include "crm-list-page.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())
G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow    *crm_window_new            (GtkApplication *app,
                                         CrmStore       *store,
                                         gboolean        is_demo);
CrmStore     *crm_window_get_store      (CrmWindow      *self);
gboolean      crm_window_get_is_demo    (CrmWindow      *self);
void          crm_window_show_page      (CrmWindow      *self,
                                         const char     *name);
const char   *crm_window_get_page       (CrmWindow      *self);
gboolean      crm_window_is_welcome     (CrmWindow      *self);
void          crm_window_refresh        (CrmWindow      *self);
void          crm_window_show_record    (CrmWindow      *self,
                                         const char     *table,
                                         const char     *id);
void          crm_window_set_search_text (CrmWindow     *self,
                                         const char     *text);
CrmListPage  *crm_window_get_list_page  (CrmWindow      *self,
                                         const char     *table);
CrmInboxPage *crm_window_get_inbox_page (CrmWindow      *self);
void          crm_window_add_toast      (CrmWindow      *self,
                                         AdwToast       *toast);

G_END_DECLS
