/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export-gui"

#include "config.h"

#include "crm-export.h"

#include <glib/gi18n.h>

void
crm_export_run (GtkWindow  *parent,
                CrmStore   *store,
                const char *table,
                CrmQuery   *query)
{
  g_return_if_fail (CRM_IS_STORE (store));
}
