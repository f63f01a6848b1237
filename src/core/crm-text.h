/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *crm_text_fold         (const char  *s);
char     *crm_text_name_key     (const char  *fio);
char     *crm_text_company_key  (const char  *company);
void      crm_text_split_fio    (const char  *fio,
                                 char       **last,
                                 char       **first,
                                 char       **middle);
char     *crm_text_avatar_name  (const char  *fio);
char     *crm_text_join_fio     (const char  *last,
                                 const char  *first,
                                 const char  *middle);
gboolean  crm_text_is_blank     (const char  *s);

G_END_DECLS
