/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "crm-merge.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* For the merge code only: what crm-merge.c (merging) and
 * crm-merge-undo.c (undoing a merge) share. */

#define SNAPSHOT_VERSION 1

extern const char *const crm_merge_skipped_columns[];
extern const char *const crm_merge_name_parts[];

gboolean    crm_merge_is_merge_table  (const char  *tbl);
gboolean    crm_merge_nodes_equal     (JsonNode    *a,
                                       JsonNode    *b);
void        crm_merge_change_set_node (CrmChange   *change,
                                       const char  *field,
                                       JsonNode    *node);
GHashTable *crm_merge_read_values     (CrmStore    *store,
                                       const char  *tbl,
                                       const char  *id,
                                       GError     **error);
const char *crm_merge_values_text     (GHashTable  *values,
                                       const char  *column);
gint64      crm_merge_values_int      (GHashTable  *values,
                                       const char  *column);
gboolean    crm_merge_exec_bound      (CrmStore    *store,
                                       const char  *sql,
                                       const char  *param1,
                                       const char  *param2,
                                       const char  *param3,
                                       GError     **error);
gboolean    crm_merge_refuse          (GError     **error,
                                       const char  *message);

G_END_DECLS
