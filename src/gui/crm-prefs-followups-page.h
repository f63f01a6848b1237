/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-core.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFS_FOLLOWUPS_PAGE (crm_prefs_followups_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmPrefsFollowupsPage, crm_prefs_followups_page, CRM, PREFS_FOLLOWUPS_PAGE, AdwPreferencesPage)

/* Signal "changed" (const char *key: "timezone", "work_hours", "work_days",
 * "first_response_sla_minutes" or "cadences") after each write. */
void        crm_prefs_followups_page_set_store       (CrmPrefsFollowupsPage *self,
                                                      CrmStore              *store);
void        crm_prefs_followups_page_set_settings    (CrmPrefsFollowupsPage *self,
                                                      GSettings             *settings);
void        crm_prefs_followups_page_reload          (CrmPrefsFollowupsPage *self);
void        crm_prefs_followups_page_flush           (CrmPrefsFollowupsPage *self);
GtkWidget  *crm_prefs_followups_page_get_cadence_row (CrmPrefsFollowupsPage *self,
                                                      const char            *cadence_id);
GtkWidget  *crm_prefs_followups_page_get_day_button  (CrmPrefsFollowupsPage *self,
                                                      guint                  day);

G_END_DECLS
