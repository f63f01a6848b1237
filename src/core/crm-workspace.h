/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

gboolean  crm_workspace_seed               (CrmStore    *store,
                                            GError     **error);
char     *crm_workspace_default_user_id    (CrmStore    *store);
char     *crm_workspace_default_pipeline   (CrmStore    *store);
char     *crm_workspace_first_stage        (CrmStore    *store,
                                            const char  *pipeline_id);
char     *crm_workspace_stage_pipeline     (CrmStore    *store,
                                            const char  *stage_id);
char     *crm_workspace_find_channel       (CrmStore    *store,
                                            const char  *name_or_kind);
char     *crm_workspace_ensure_channel     (CrmStore    *store,
                                            const char  *name,
                                            GError     **error);

G_END_DECLS
