/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

char     *crm_merge       (CrmStore    *store,
                           const char  *tbl,
                           const char  *keep_id,
                           const char  *other_id,
                           GHashTable  *choices,
                           GError     **error);
gboolean  crm_merge_undo  (CrmStore    *store,
                           const char  *merge_id,
                           GError     **error);

G_END_DECLS
