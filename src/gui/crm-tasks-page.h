/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"
#include "crm-task-model.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASKS_PAGE (crm_tasks_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmTasksPage, crm_tasks_page, CRM, TASKS_PAGE, GtkWidget)

/* Signals: "record-activated" (table, id) when a record is opened.
 * Properties: "show-done", "count-text" (the window's subtitle). */
CrmTasksPage *crm_tasks_page_new             (CrmStore     *store);
void          crm_tasks_page_set_search_text (CrmTasksPage *self,
                                              const char   *text);
void          crm_tasks_page_refresh         (CrmTasksPage *self);
CrmTaskModel *crm_tasks_page_get_model       (CrmTasksPage *self);
void          crm_tasks_page_set_show_done   (CrmTasksPage *self,
                                              gboolean      show_done);
gboolean      crm_tasks_page_quick_add       (CrmTasksPage *self,
                                              const char   *text,
                                              GError      **error);
const char   *crm_tasks_page_get_count_text  (CrmTasksPage *self);
gboolean      crm_tasks_page_export_ics      (CrmTasksPage *self,
                                              GFile        *file,
                                              GError      **error);
void          crm_tasks_ensure_style         (void);

G_END_DECLS
