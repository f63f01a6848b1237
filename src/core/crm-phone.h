/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  crm_phone_normalize  (const char  *raw,
                                const char  *region,
                                char       **e164,
                                char       **extension,
                                GError     **error);
char     *crm_phone_format     (const char  *e164);
char     *crm_phone_digits     (const char  *raw);

G_END_DECLS
