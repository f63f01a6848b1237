/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmTaskLaunchFunc:
 * @source: the widget the user acted on
 * @uri: the mailto: URI to open
 *
 * Opens @uri in the user's mail client; failures are reported to the user
 * by the function itself.
 */
typedef void (*CrmTaskLaunchFunc) (GtkWidget  *source,
                                   const char *uri);

gboolean crm_task_send_write_email (GtkWidget          *source,
                                    CrmStore           *store,
                                    const char         *task_id,
                                    GError            **error);
gboolean crm_task_send_copy        (GtkWidget          *source,
                                    CrmStore           *store,
                                    const char         *task_id,
                                    GError            **error);
void     crm_task_send_toast       (GtkWidget          *source,
                                    AdwToast           *toast);
void     crm_task_send_set_launcher (CrmTaskLaunchFunc  launcher);

G_END_DECLS
