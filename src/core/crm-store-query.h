/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-record.h"
#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmQuery:
 *
 * A filtered, sorted list of rows of one table, run in SQL (never in a
 * GTK model): the id array of a list, one keyset page, or a count.
 */
typedef struct _CrmQuery CrmQuery;

/**
 * CRM_QUERY_TEXT_LIMIT:
 *
 * A query with text lists at most this many matches, the newest first
 * (ten times as many when other filters narrow them further).
 * crm_store_query_rids_full() says when the limit left some out.
 */
#define CRM_QUERY_TEXT_LIMIT 5000

/**
 * CrmPageKey:
 * Where a page ends: the sort value and rid of its last row. Pass it back
 * to get the next page (keyset paging: constant time at any depth).
 */
typedef struct
{
  char   *sort_value;
  gint64  rid;
} CrmPageKey;

CrmQuery   *crm_query_new                (const char    *tbl);
void        crm_query_free               (CrmQuery      *query);
CrmQuery   *crm_query_copy               (CrmQuery      *query);
const char *crm_query_get_table          (CrmQuery      *query);
void        crm_query_add_equals         (CrmQuery      *query,
                                          const char    *column,
                                          const char    *value);
void        crm_query_add_range          (CrmQuery      *query,
                                          const char    *column,
                                          gint64         from,
                                          gint64         to);
void        crm_query_set_text           (CrmQuery      *query,
                                          const char    *text);
void        crm_query_set_has_overdue_task (CrmQuery    *query,
                                          gint64         now_ms);
void        crm_query_set_include_deleted (CrmQuery     *query,
                                          gboolean       include);
gboolean    crm_query_set_sort           (CrmQuery      *query,
                                          const char    *column,
                                          gboolean       descending);
void        crm_page_key_clear           (CrmPageKey    *key);

GArray     *crm_store_query_rids         (CrmStore      *store,
                                          CrmQuery      *query,
                                          GError       **error);
GArray     *crm_store_query_rids_full    (CrmStore      *store,
                                          CrmQuery      *query,
                                          gboolean      *capped,
                                          GError       **error);
GPtrArray  *crm_store_query_page         (CrmStore      *store,
                                          CrmQuery      *query,
                                          const CrmPageKey *after,
                                          guint          limit,
                                          CrmPageKey    *next,
                                          GError       **error);
gint64      crm_store_query_count        (CrmStore      *store,
                                          CrmQuery      *query,
                                          GError       **error);
GPtrArray  *crm_store_get_many           (CrmStore      *store,
                                          const char    *tbl,
                                          const gint64  *rids,
                                          guint          n_rids,
                                          GError       **error);
GPtrArray  *crm_store_get_list_rows      (CrmStore      *store,
                                          const char    *tbl,
                                          const gint64  *rids,
                                          guint          n_rids,
                                          GError       **error);
GPtrArray  *crm_store_list_children      (CrmStore      *store,
                                          const char    *tbl,
                                          const char    *entity_id,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuery, crm_query_free)

G_END_DECLS
