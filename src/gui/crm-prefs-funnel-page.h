/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-core.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFS_FUNNEL_PAGE (crm_prefs_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmPrefsFunnelPage, crm_prefs_funnel_page, CRM, PREFS_FUNNEL_PAGE, AdwPreferencesPage)

/* Signal "changed" (const char *key: "pipelines" or "stages") after each write. */
void         crm_prefs_funnel_page_set_store     (CrmPrefsFunnelPage *self,
                                                  CrmStore           *store);
void         crm_prefs_funnel_page_reload        (CrmPrefsFunnelPage *self);
const char  *crm_prefs_funnel_page_get_pipeline  (CrmPrefsFunnelPage *self);
GtkWidget   *crm_prefs_funnel_page_get_stage_row (CrmPrefsFunnelPage *self,
                                                  const char         *stage_id);
void         crm_prefs_funnel_page_flush         (CrmPrefsFunnelPage *self);

/* The eight GNOME palette colours a stage may take, "#3584e4"… */
const char *const *crm_prefs_stage_colors        (void);

G_END_DECLS
