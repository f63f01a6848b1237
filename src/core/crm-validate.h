/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  crm_email_normalize  (const char  *raw,
                                char       **normalized,
                                GError     **error);
char     *crm_email_key        (const char  *normalized);

G_END_DECLS
