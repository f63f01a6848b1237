/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_PREFS_ZONE_DIALOG (crm_prefs_zone_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmPrefsZoneDialog, crm_prefs_zone_dialog, CRM, PREFS_ZONE_DIALOG, AdwWindow)

/* Signal "zone-chosen" (const char *zone_id), then the dialog closes. */
CrmPrefsZoneDialog *crm_prefs_zone_dialog_new        (GtkWindow          *parent);
void                crm_prefs_zone_dialog_set_search (CrmPrefsZoneDialog *self,
                                                      const char         *text);
guint               crm_prefs_zone_dialog_get_n_shown (CrmPrefsZoneDialog *self);
void                crm_prefs_zone_dialog_choose     (CrmPrefsZoneDialog *self,
                                                      guint               position);

G_END_DECLS
