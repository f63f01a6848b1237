/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "crm-change.h"
#include "crm-clock.h"
#include "crm-db.h"
#include "crm-error.h"
#include "crm-hlc.h"

G_BEGIN_DECLS

#define CRM_TYPE_STORE (crm_store_get_type ())
G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

typedef struct _CrmRecord CrmRecord;

CrmStore     *crm_store_open            (const char   *path,
                                         CrmClock     *clock,
                                         GError      **error);
const char   *crm_store_get_path        (CrmStore     *self);
CrmClock     *crm_store_get_clock       (CrmStore     *self);
gint64        crm_store_now_ms          (CrmStore     *self);
const char   *crm_store_get_device_id   (CrmStore     *self);
const char   *crm_store_get_user_id     (CrmStore     *self);
void          crm_store_set_user_id     (CrmStore     *self,
                                         const char   *user_id);
sqlite3      *crm_store_get_db          (CrmStore     *self);
sqlite3_stmt *crm_store_stmt            (CrmStore     *self,
                                         const char   *sql,
                                         GError      **error);
char         *crm_store_query_text      (CrmStore     *self,
                                         const char   *sql,
                                         const char   *arg);

gboolean      crm_store_begin           (CrmStore     *self,
                                         GError      **error);
gboolean      crm_store_commit          (CrmStore     *self,
                                         GError      **error);
void          crm_store_rollback        (CrmStore     *self);

gboolean      crm_store_apply           (CrmStore     *self,
                                         CrmChange    *change,
                                         GError      **error);
gboolean      crm_store_delete          (CrmStore     *self,
                                         const char   *tbl,
                                         const char   *id,
                                         GError      **error);
gboolean      crm_store_restore         (CrmStore     *self,
                                         const char   *tbl,
                                         const char   *id,
                                         GError      **error);
CrmHlc        crm_store_tick            (CrmStore     *self);
void          crm_store_set_defer_index (CrmStore     *self,
                                         gboolean      defer);
void          crm_store_set_bulk        (CrmStore     *self,
                                         gboolean      bulk);
void          crm_store_set_history_batch (CrmStore   *self,
                                         const char   *batch_id);
gboolean      crm_store_add_history     (CrmStore     *self,
                                         const char   *entity_type,
                                         const char   *entity_id,
                                         const char   *op,
                                         const char   *field,
                                         const char   *old_value,
                                         const char   *new_value,
                                         GError      **error);
gboolean      crm_store_add_outbox      (CrmStore     *self,
                                         const char   *tbl,
                                         const char   *row_id,
                                         const char   *op,
                                         const char   *fields_json,
                                         gint64        base_seq,
                                         GError      **error);

gboolean      crm_store_has_table       (CrmStore     *self,
                                         const char   *tbl);
gboolean      crm_store_has_column      (CrmStore     *self,
                                         const char   *tbl,
                                         const char   *column);
const char   *crm_entity_table          (const char   *entity_type);
const char   *crm_table_entity          (const char   *tbl);

CrmRecord    *crm_store_get             (CrmStore     *self,
                                         const char   *tbl,
                                         const char   *id,
                                         GError      **error);
CrmRecord    *crm_store_get_by_rid      (CrmStore     *self,
                                         const char   *tbl,
                                         gint64        rid,
                                         GError      **error);
char         *crm_store_resolve_id      (CrmStore     *self,
                                         const char   *tbl,
                                         const char   *id_or_prefix,
                                         GError      **error);

char         *crm_store_get_setting     (CrmStore     *self,
                                         const char   *key);
gboolean      crm_store_set_setting     (CrmStore     *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);
char         *crm_store_get_local       (CrmStore     *self,
                                         const char   *key);
gboolean      crm_store_set_local       (CrmStore     *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);
gboolean      crm_store_backup          (CrmStore     *self,
                                         const char   *dest_path,
                                         GError      **error);
gboolean      crm_store_check           (CrmStore     *self,
                                         GStrv        *problems,
                                         GError      **error);

G_END_DECLS
