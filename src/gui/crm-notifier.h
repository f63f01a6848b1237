/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"
#include "crm-task.h"

G_BEGIN_DECLS

#define CRM_TYPE_NOTIFIER (crm_notifier_get_type ())
G_DECLARE_FINAL_TYPE (CrmNotifier, crm_notifier, CRM, NOTIFIER, GObject)

/* More reminders than this at once (those missed while the app was closed)
 * come as one summary notification. */
#define CRM_NOTIFIER_MAX_SINGLE 3

CrmNotifier   *crm_notifier_new              (GApplication *app,
                                              CrmStore     *store);
void           crm_notifier_start            (CrmNotifier  *self);
void           crm_notifier_check            (CrmNotifier  *self);
gboolean       crm_notifier_has_pending      (CrmNotifier  *self);
CrmStore      *crm_notifier_get_store        (CrmNotifier  *self);
guint          crm_notifier_get_n_sent       (CrmNotifier  *self);
GNotification *crm_notifier_build            (CrmStore     *store,
                                              CrmTask      *task,
                                              gint64        now_ms);
char          *crm_notifier_id               (const char   *task_id);
void           crm_notifier_withdraw         (CrmNotifier  *self,
                                              const char   *task_id);
gboolean       crm_notifier_clock_jumped     (gint64        real_delta_us,
                                              gint64        mono_delta_us);

G_END_DECLS
