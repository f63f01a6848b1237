/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *crm_autostart_path    (const char  *config_dir);
char     *crm_autostart_content (void);
gboolean  crm_autostart_set     (const char  *config_dir,
                                 gboolean     enabled,
                                 GError     **error);

G_END_DECLS
