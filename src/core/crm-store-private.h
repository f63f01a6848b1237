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

G_END_DECLS
