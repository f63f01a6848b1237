/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *crm_uuid7_new      (gint64      now_ms);
void      crm_uuid7_fill     (gint64      now_ms,
                              char        out[37]);
gboolean  crm_uuid_is_valid  (const char *text);

G_END_DECLS
