/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* For core only: the pieces of the store that the importer, search and
 * merge code share with it. */
const char *crm_store_get_region        (CrmStore   *self);
void        crm_store_set_region_cached (CrmStore   *self,
                                         const char *region);
guint       crm_store_get_depth         (CrmStore   *self);
gboolean    crm_store_get_defer_index   (CrmStore   *self);
gboolean    crm_store_get_bulk          (CrmStore   *self);
const char *crm_store_get_history_batch (CrmStore   *self);
void        crm_store_bind_text         (sqlite3_stmt *stmt,
                                         int           pos,
                                         const char   *text);
gboolean    crm_store_step_done         (CrmStore     *self,
                                         sqlite3_stmt *stmt,
                                         const char   *what,
                                         GError      **error);

G_END_DECLS
