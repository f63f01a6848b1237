/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-board.h"
#include "crm-board-item.h"

G_BEGIN_DECLS

/* Cards read per page; a column shows about eight at a time. */
#define CRM_BOARD_MODEL_PAGE_SIZE 32

/* The reader connection all the columns of one board share (one mutex,
 * one 4 MiB cache), opened in a worker thread on first use. */
typedef struct _CrmBoardWorker CrmBoardWorker;

CrmBoardWorker *crm_board_worker_new   (const char     *db_path);
CrmBoardWorker *crm_board_worker_ref   (CrmBoardWorker *worker);
void            crm_board_worker_unref (CrmBoardWorker *worker);

/* The result of crm_board_load_async(): each column's rids, value sum and
 * first page of cards, in the order of the stage ids asked for. */
typedef struct
{
  char      *stage_id;
  GArray    *rids;
  gint64     value_sum;
  GPtrArray *first;
} CrmBoardColumnResult;

void       crm_board_load_async  (CrmBoardWorker       *worker,
                                  const char *const    *stage_ids,
                                  const CrmBoardFilter *filter,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
GPtrArray *crm_board_load_finish (GAsyncResult         *result,
                                  GError              **error);

#define CRM_TYPE_BOARD_MODEL (crm_board_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardModel, crm_board_model, CRM, BOARD_MODEL, GObject)

CrmBoardModel *crm_board_model_new          (CrmBoardWorker *worker,
                                             const char     *stage_id);
const char    *crm_board_model_get_stage_id (CrmBoardModel  *self);
gint64         crm_board_model_get_sum      (CrmBoardModel  *self);
gint64         crm_board_model_get_rid      (CrmBoardModel  *self,
                                             guint           position);
gint           crm_board_model_find         (CrmBoardModel  *self,
                                             gint64          rid);
CrmBoardCard  *crm_board_model_peek_card    (CrmBoardModel  *self,
                                             guint           position);
void           crm_board_model_apply        (CrmBoardModel  *self,
                                             const CrmBoardColumnResult *result);
void           crm_board_model_remove       (CrmBoardModel  *self,
                                             guint           position);
void           crm_board_model_insert       (CrmBoardModel  *self,
                                             guint           position,
                                             gint64          rid,
                                             CrmBoardCard   *card);
guint          crm_board_model_get_n_pages_cached (CrmBoardModel *self);

G_END_DECLS
