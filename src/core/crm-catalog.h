/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

GPtrArray  *crm_catalog_list     (CrmStore    *store,
                                  const char  *tbl,
                                  const char  *pipeline_id,
                                  GError     **error);
char       *crm_catalog_name     (CrmStore    *store,
                                  const char  *tbl,
                                  const char  *id);

G_END_DECLS
