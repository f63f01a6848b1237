/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"
#include "crm-store.h"

G_BEGIN_DECLS

CrmRecord *crm_funnel_get_live          (CrmStore    *store,
                                         const char  *tbl,
                                         const char  *id,
                                         GError     **error);
GPtrArray *crm_funnel_list_records      (CrmStore    *store,
                                         const char  *tbl,
                                         const char  *sql,
                                         const char  *param,
                                         GError     **error);
gboolean   crm_funnel_log_stage_change  (CrmStore    *store,
                                         const char  *lead_id,
                                         const char  *from_name,
                                         const char  *to_name,
                                         const char  *reason,
                                         GError     **error);

G_END_DECLS
