/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* A fresh temporary directory for the test; removed by crm_test_cleanup (). */
char       *crm_test_tmpdir       (void);
/* Path of a file in tests/data. */
char       *crm_test_data_path    (const char *name);
void        crm_test_init         (int *argc, char ***argv);
int         crm_test_run          (void);
/* One value of a query (its ?1 bound to @param when not NULL). */
gint64      crm_test_query_int    (CrmStore   *store,
                                   const char *sql,
                                   const char *param);
char       *crm_test_query_text   (CrmStore   *store,
                                   const char *sql,
                                   const char *param);

G_END_DECLS
