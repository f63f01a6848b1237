/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-core.h"
#include "crm-about.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_WINDOW (crm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, CRM, PREFERENCES_WINDOW, AdwPreferencesWindow)

CrmPreferencesWindow *crm_preferences_window_new (GtkWindow *parent,
                                                  CrmStore  *store);
/* Signal "setting-changed" (const char *key) after each write. */
CrmPreferencesWindow *crm_preferences_window_present (GtkWindow *parent,
                                                      CrmStore  *store);
CrmPreferencesWindow *crm_preferences_window_present_page (GtkWindow  *parent,
                                                           CrmStore   *store,
                                                           const char *page);

G_END_DECLS
