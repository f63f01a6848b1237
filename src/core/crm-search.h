/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

typedef enum {
  CRM_SEARCH_LEADS    = 1 << 0,
  CRM_SEARCH_CONTACTS = 1 << 1,
  CRM_SEARCH_CLIENTS  = 1 << 2,
  CRM_SEARCH_ALL      = 0x7,
} CrmSearchScope;

/**
 * CrmSearchHit:
 * @entity_type: "lead", "contact" or "client" (static string)
 * @rid: the row's local number
 * @exact: %TRUE for an exact phone or e-mail match
 */
typedef struct
{
  const char *entity_type;
  gint64      rid;
  gboolean    exact;
} CrmSearchHit;

gboolean  crm_search_register_functions (sqlite3        *db);
gboolean  crm_search_index_row          (CrmStore       *store,
                                         const char     *entity_type,
                                         gint64          rid,
                                         GError        **error);
gboolean  crm_search_index_id           (CrmStore       *store,
                                         const char     *entity_type,
                                         const char     *id,
                                         GError        **error);
gboolean  crm_search_rebuild            (CrmStore       *store,
                                         GError        **error);
char     *crm_search_build_match        (const char     *query);
char     *crm_search_build_phone_match  (const char     *query);
gboolean  crm_search_remove_entry       (CrmStore       *store,
                                         int             kind,
                                         gint64          rid,
                                         GError        **error);
gboolean  crm_search_add_entry          (CrmStore       *store,
                                         int             kind,
                                         gint64          rid,
                                         const char     *name,
                                         const char     *company,
                                         const char     *emails,
                                         const char     *phone_digits,
                                         const char     *body,
                                         GError        **error);
GArray   *crm_search_query              (CrmStore       *store,
                                         const char     *query,
                                         CrmSearchScope  scope,
                                         guint           limit,
                                         GError        **error);
GArray   *crm_search_query_rids         (CrmStore       *store,
                                         const char     *query,
                                         const char     *entity_type,
                                         guint           limit,
                                         GError        **error);

G_END_DECLS
