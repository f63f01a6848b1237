/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  crm_rank_is_valid  (const char *key);
char     *crm_rank_between   (const char *before,
                              const char *after);
char     *crm_rank_for_new   (const char *id);

G_END_DECLS
