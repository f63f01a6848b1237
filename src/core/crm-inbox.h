/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-store-query.h"

G_BEGIN_DECLS

CrmQuery *crm_inbox_query_new    (CrmStore    *store);
gint64    crm_inbox_sla_ms       (CrmStore    *store);
char     *crm_inbox_work_stage   (CrmStore    *store,
                                  const char  *stage_id);
gboolean  crm_inbox_take         (CrmStore    *store,
                                  const char  *lead_id,
                                  GError     **error);

G_END_DECLS
