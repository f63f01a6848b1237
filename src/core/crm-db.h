/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

#include "crm-error.h"

G_BEGIN_DECLS

#define CRM_DB_SCHEMA_VERSION 1

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3  *crm_db_open             (const char   *path,
                                   GError      **error);
void      crm_db_close            (sqlite3      *db);
gboolean  crm_db_migrate          (sqlite3      *db,
                                   const char   *path,
                                   GError      **error);
gboolean  crm_db_exec             (sqlite3      *db,
                                   const char   *sql,
                                   GError      **error);
sqlite3_stmt *crm_db_prepare      (sqlite3      *db,
                                   const char   *sql,
                                   GError      **error);
gboolean  crm_db_backup_to        (sqlite3      *db,
                                   const char   *dest_path,
                                   GError      **error);
gboolean  crm_db_check            (sqlite3      *db,
                                   gboolean      quick,
                                   GStrv        *problems,
                                   GError      **error);
int       crm_db_user_version     (sqlite3      *db);
void      crm_db_set_error        (GError      **error,
                                   sqlite3      *db,
                                   const char   *what);
char     *crm_db_default_path     (void);

G_END_DECLS
