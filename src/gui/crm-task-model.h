/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-task-item.h"

G_BEGIN_DECLS

#define CRM_TASK_MODEL_PAGE_SIZE 50

#define CRM_TYPE_TASK_MODEL (crm_task_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmTaskModel, crm_task_model, CRM, TASK_MODEL, GObject)

/* Signals: "ready" when a refresh's rows are in place. */
CrmTaskModel *crm_task_model_new         (const char   *db_path);
void          crm_task_model_refresh     (CrmTaskModel *self,
                                          gint64        now_ms,
                                          gboolean      with_done,
                                          const char   *search);
gboolean      crm_task_model_get_loading (CrmTaskModel *self);
guint         crm_task_model_get_count   (CrmTaskModel *self,
                                          CrmTaskList   list);

G_END_DECLS
