/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The page cache behind the big list models (Leads, board columns,
 * Tasks): pages of rows read by a worker, the most recently used kept up to
 * a limit, requests in flight remembered so a page is asked for once, and a
 * generation that makes answers to an older query go unheard.
 */
typedef struct _CrmPageCache CrmPageCache;

typedef void (*CrmPageEvictFunc) (guint    page,
                                  gpointer user_data);

CrmPageCache *crm_page_cache_new            (guint             max_pages,
                                             GDestroyNotify    free_page,
                                             CrmPageEvictFunc  evicted,
                                             gpointer          user_data);
void          crm_page_cache_free           (CrmPageCache     *self);
gpointer      crm_page_cache_lookup         (CrmPageCache     *self,
                                             guint             page);
gpointer      crm_page_cache_peek           (CrmPageCache     *self,
                                             guint             page);
gboolean      crm_page_cache_want           (CrmPageCache     *self,
                                             guint             page);
gboolean      crm_page_cache_arrived        (CrmPageCache     *self,
                                             guint             page,
                                             guint             generation);
void          crm_page_cache_store          (CrmPageCache     *self,
                                             guint             page,
                                             gpointer          data);
guint         crm_page_cache_reset          (CrmPageCache     *self);
guint         crm_page_cache_get_generation (CrmPageCache     *self);
guint         crm_page_cache_get_n_pages    (CrmPageCache     *self);

G_END_DECLS
