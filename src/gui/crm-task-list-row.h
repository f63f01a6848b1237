/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-task-item.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_LIST_ROW (crm_task_list_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskListRow, crm_task_list_row, CRM, TASK_LIST_ROW, GtkWidget)

/* Its buttons and menu activate the page's actions: tasks.set-done (sb),
 * tasks.snooze (si), tasks.snooze-tomorrow (s), tasks.edit (s),
 * tasks.delete (s), tasks.open-record (ss), tasks.write-email (s),
 * tasks.copy-message (s). */
CrmTaskListRow *crm_task_list_row_new   (void);
void            crm_task_list_row_bind  (CrmTaskListRow *self,
                                         CrmTaskItem    *item,
                                         GTimeZone      *tz,
                                         gint64          now_ms);
void            crm_task_list_row_unbind (CrmTaskListRow *self);
const char     *crm_task_list_row_get_task_id (CrmTaskListRow *self);
GtkWidget      *crm_task_list_row_get_menu    (CrmTaskListRow *self);
GtkWidget      *crm_task_list_row_get_send_button (CrmTaskListRow *self);
const char     *crm_task_kind_icon            (const char     *kind);

G_END_DECLS
