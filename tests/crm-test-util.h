/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "crm-clock.h"
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

/* A workspace in a fresh file with a fixed clock at CRM_TEST_T0, for
 * g_test_add (…, CrmTestStore, NULL, crm_test_store_setup, …,
 * crm_test_store_teardown). */
#define CRM_TEST_T0 1767225600000 /* 2026-01-01T00:00:00Z */

typedef struct
{
  char     *dir;
  char     *path;
  CrmClock *clock;
  CrmStore *store;
} CrmTestStore;

void        crm_test_store_setup    (CrmTestStore  *f,
                                     gconstpointer  data);
void        crm_test_store_teardown (CrmTestStore  *f,
                                     gconstpointer  data);
/* Creates a row of @tbl from field/value pairs (NULL-terminated) through
 * the write path; asserts it worked; returns its id. */
char       *crm_test_add            (CrmStore      *store,
                                     const char    *tbl,
                                     ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
