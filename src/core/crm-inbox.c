/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-inbox"

#include "config.h"

#include "crm-inbox.h"

#include <glib/gi18n-lib.h>

#include "crm-change.h"
#include "crm-record.h"
#include "crm-settings.h"
#include "crm-workspace.h"

/* The Inbox: leads nobody has answered yet, oldest first, so the one that
 * waited longest is answered first (lead processing practice: "contact
 * within N minutes"). */


/**
 * crm_inbox_query_new:
 * @store: a #CrmStore
 *
 * New, unprocessed leads: in the first stage of the default pipeline, with
 * no first response recorded, oldest first.
 *
 * Returns: (transfer full): the query
 */
CrmQuery *
crm_inbox_query_new (CrmStore *store)
{
  g_autofree char *first = NULL;
  CrmQuery *query;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  first = crm_workspace_first_stage (store, NULL);
  query = crm_query_new ("leads");
  /* A workspace without stages has no inbox: match nothing. */
  crm_query_add_equals (query, "stage_id", first != NULL ? first : "");
  crm_query_add_equals (query, "first_response_ms", NULL);
  crm_query_add_equals (query, "converted_ms", NULL);
  crm_query_set_sort (query, "created_ms", FALSE);
  return query;
}

/**
 * crm_inbox_sla_ms:
 * @store: a #CrmStore
 *
 * Returns: the first-response SLA from the workspace settings, in ms
 *   (15 minutes when unset or invalid)
 */
gint64
crm_inbox_sla_ms (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), 0);

  /* One reading of the setting, the one Preferences writes. */
  return (gint64) crm_settings_get_sla_minutes (store) * 60 * 1000;
}

/**
 * crm_inbox_work_stage:
 * @store: a #CrmStore
 * @stage_id: a lead's current stage
 *
 * The stage a taken lead moves to: the next open stage of the same
 * pipeline ("In work" after "New" in the default funnel). Stage names are
 * translated and editable, so the position decides, never the name.
 *
 * Returns: (transfer full) (nullable): the stage id
 */
char *
crm_inbox_work_stage (CrmStore   *store,
                      const char *stage_id)
{
  sqlite3_stmt *stmt;
  char *next = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (stage_id != NULL, NULL);

  stmt = crm_store_stmt (store,
                         "SELECT n.id FROM stages s JOIN stages n"
                         " ON n.pipeline_id = s.pipeline_id AND n._deleted = 0 AND n.kind = 'open'"
                         " AND (n.position > s.position OR (n.position = s.position AND n.rid > s.rid))"
                         " WHERE s.id = ?1 ORDER BY n.position, n.rid LIMIT 1",
                         NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stage_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return next;
}

/**
 * crm_inbox_take:
 * @store: a #CrmStore
 * @lead_id: a lead
 * @error: return location for a #GError
 *
 * "Take" from the Inbox: the current user becomes the lead's owner and the
 * lead moves on to the next open stage ("In work"), in one transaction
 * through the write path (history, field clocks, outbox). The first
 * response itself is stamped when the first outbound activity is logged.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_inbox_take (CrmStore    *store,
                const char  *lead_id,
                GError     **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *next = NULL;
  const char *user_id;
  const char *stage_id;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL, FALSE);

  lead = crm_store_get (store, "leads", lead_id, NULL);
  if (lead == NULL || crm_record_is_deleted (lead))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The lead no longer exists"));
      return FALSE;
    }

  user_id = crm_store_get_user_id (store);
  stage_id = crm_record_get_text (lead, "stage_id");
  if (stage_id != NULL)
    next = crm_inbox_work_stage (store, stage_id);

  change = crm_change_new_update ("leads", crm_record_get_id (lead));
  if (user_id != NULL && g_strcmp0 (user_id, crm_record_get_text (lead, "owner_id")) != 0)
    crm_change_set_text (change, "owner_id", user_id);
  if (next != NULL)
    crm_change_set_text (change, "stage_id", next);
  if (crm_change_get_n_fields (change) == 0)
    return TRUE;

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!crm_store_apply (store, change, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}
