/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

char *crm_tasks_export_ics (CrmStore  *store,
                            gboolean   include_done,
                            GError   **error);

G_END_DECLS
