/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_WELCOME_PAGE (crm_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmWelcomePage, crm_welcome_page, CRM, WELCOME_PAGE, GtkWidget)

GtkWidget *crm_welcome_page_new (void);

G_END_DECLS
