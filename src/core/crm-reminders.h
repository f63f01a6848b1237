/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_REMINDERS (crm_reminders_get_type ())
G_DECLARE_FINAL_TYPE (CrmReminders, crm_reminders, CRM, REMINDERS, GObject)

CrmReminders *crm_reminders_new         (CrmStore     *store);
void          crm_reminders_start       (CrmReminders *self);
void          crm_reminders_stop        (CrmReminders *self);
guint         crm_reminders_check       (CrmReminders *self);
gint64        crm_reminders_get_next_ms (CrmReminders *self);

G_END_DECLS
