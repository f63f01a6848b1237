/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-catalog"

#include "config.h"

#include "crm-catalog.h"

#include <string.h>

#include "crm-error.h"
#include "crm-record.h"

/* The small reference lists a card offers in its drop-downs (owners,
 * channels, stages, pipelines), read here so views never run SQL. */

/**
 * crm_catalog_list:
 * @store: a #CrmStore
 * @tbl: "users", "channels", "stages" or "pipelines"
 * @pipeline_id: (nullable): for stages, only those of this pipeline
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRecord): the live rows, in
 *   their order (position, or name for users)
 */
GPtrArray *
crm_catalog_list (CrmStore    *store,
                  const char  *tbl,
                  const char  *pipeline_id,
                  GError     **error)
{
  const char *sql;
  sqlite3_stmt *stmt;
  GPtrArray *records;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (g_strcmp0 (tbl, "users") == 0)
    sql = "SELECT * FROM users WHERE _deleted = 0 AND is_active = 1 ORDER BY name, rid";
  else if (g_strcmp0 (tbl, "channels") == 0)
    sql = "SELECT * FROM channels WHERE _deleted = 0 AND is_active = 1 ORDER BY position, rid";
  else if (g_strcmp0 (tbl, "pipelines") == 0)
    sql = "SELECT * FROM pipelines WHERE _deleted = 0 ORDER BY position, rid";
  else if (g_strcmp0 (tbl, "stages") == 0)
    sql = pipeline_id != NULL
      ? "SELECT * FROM stages WHERE _deleted = 0 AND pipeline_id = ?1 ORDER BY position, rid"
      : "SELECT s.* FROM stages s JOIN pipelines p ON p.id = s.pipeline_id"
        " WHERE s._deleted = 0 ORDER BY p.position, s.position, s.rid";
  else
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "“%s” is not a catalogue", tbl ? tbl : "");
      return NULL;
    }

  if (!(stmt = crm_store_stmt (store, sql, error)))
    return NULL;
  if (pipeline_id != NULL && strstr (sql, "?1") != NULL)
    sqlite3_bind_text (stmt, 1, pipeline_id, -1, SQLITE_TRANSIENT);
  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, crm_record_new_from_stmt (tbl, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), tbl);
      g_ptr_array_unref (records);
      return NULL;
    }
  return records;
}

/**
 * crm_catalog_name:
 * @store: a #CrmStore
 * @tbl: any table with a name column ("users", "channels", "stages",
 *   "clients", …)
 * @id: (nullable): a row id
 *
 * Returns: (transfer full) (nullable): the row's name, deleted or not
 */
char *
crm_catalog_name (CrmStore   *store,
                  const char *tbl,
                  const char *id)
{
  g_autoptr(CrmRecord) record = NULL;
  const char *column;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (id == NULL || tbl == NULL)
    return NULL;
  if (!(record = crm_store_get (store, tbl, id, NULL)))
    return NULL;
  column = (strcmp (tbl, "leads") == 0 || strcmp (tbl, "contacts") == 0) ? "full_name" : "name";
  if (strcmp (tbl, "leads") == 0 && !crm_record_has_value (record, "full_name"))
    column = "company";
  return g_strdup (crm_record_get_text (record, column));
}
