/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

gboolean crm_store_make_reader (CrmStore  *store,
                                GError   **error);

G_END_DECLS
