/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_BADGE (crm_task_badge_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskBadge, crm_task_badge, CRM, TASK_BADGE, GObject)

typedef void (*CrmTasksChangedFunc) (gpointer data);

CrmTaskBadge *crm_task_badge_new       (CrmStore            *store,
                                        GtkLabel            *label);
void          crm_task_badge_update    (CrmTaskBadge        *self);
guint         crm_task_badge_get_count (CrmTaskBadge        *self);

gulong        crm_tasks_watch          (CrmTasksChangedFunc  func,
                                        gpointer             data);
void          crm_tasks_unwatch        (gulong               id);
void          crm_tasks_changed        (void);

G_END_DECLS
