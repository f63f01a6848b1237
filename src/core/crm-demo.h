/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

gboolean  crm_demo_populate  (CrmStore   *store,
                              guint       n_leads,
                              guint32     seed,
                              GError    **error);

G_END_DECLS
