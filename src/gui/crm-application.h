/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-notifier.h"
#include "crm-window.h"

G_BEGIN_DECLS

#define CRM_TYPE_APPLICATION (crm_application_get_type ())
G_DECLARE_FINAL_TYPE (CrmApplication, crm_application, CRM, APPLICATION, AdwApplication)

CrmApplication *crm_application_new            (GApplicationFlags  flags);
GSettings      *crm_application_get_settings   (CrmApplication    *self);
CrmNotifier    *crm_application_get_notifier   (CrmApplication    *self);
gboolean        crm_application_is_held        (CrmApplication    *self);
CrmWindow      *crm_application_open_database  (CrmApplication    *self,
                                                const char        *path,
                                                gboolean           is_demo,
                                                GError           **error);
char           *crm_application_demo_path      (void);
char           *crm_application_own_path       (CrmApplication    *self);

G_END_DECLS
