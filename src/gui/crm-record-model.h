/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-record-item.h"
#include "crm-store-query.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD_MODEL (crm_record_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmRecordModel, crm_record_model, CRM, RECORD_MODEL, GObject)

/* Rows per page read by the worker. */
#define CRM_RECORD_MODEL_PAGE_SIZE 64

CrmRecordModel *crm_record_model_new         (const char     *db_path,
                                              const char     *table);
const char     *crm_record_model_get_table   (CrmRecordModel *self);
void            crm_record_model_set_query   (CrmRecordModel *self,
                                              CrmQuery       *query);
gboolean        crm_record_model_get_loading (CrmRecordModel *self);
gboolean        crm_record_model_get_capped  (CrmRecordModel *self);
void            crm_record_model_count       (CrmRecordModel *self,
                                              CrmQuery       *query);
guint           crm_record_model_get_count   (CrmRecordModel *self);
guint           crm_record_model_get_n_pages_cached (CrmRecordModel *self);

G_END_DECLS
