/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  crm_inn_validate        (const char  *inn,
                                   GError     **error);
gboolean  crm_kpp_validate        (const char  *kpp,
                                   GError     **error);
gboolean  crm_ogrn_validate       (const char  *ogrn,
                                   GError     **error);
gboolean  crm_ogrnip_validate     (const char  *ogrnip,
                                   GError     **error);
gboolean  crm_ogrn_any_validate   (const char  *ogrn,
                                   GError     **error);
gboolean  crm_okpo_validate       (const char  *okpo,
                                   GError     **error);

char     *crm_requisite_normalize (const char  *value);

G_END_DECLS
