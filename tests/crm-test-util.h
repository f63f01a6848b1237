/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh temporary directory for the test; removed by crm_test_cleanup (). */
char       *crm_test_tmpdir       (void);
/* Path of a file in tests/data. */
char       *crm_test_data_path    (const char *name);
void        crm_test_init         (int *argc, char ***argv);
int         crm_test_run          (void);

G_END_DECLS
