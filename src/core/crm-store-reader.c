/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-reader"

#include "config.h"

#include "crm-store-reader.h"

/**
 * crm_store_make_reader:
 * @store: a #CrmStore opened for a worker thread
 * @error: return location for a #GError
 *
 * Turns a connection into a lean, read-only one for a background reader
 * (a list model's page worker): a 2 MiB page cache and no memory map,
 * since every list has its own connection and each would otherwise keep
 * up to 32 MiB of cache and 256 MiB of mapped file resident (4 MiB
 * were 4 MB more resident with no faster searches: the file's pages
 * stay in the system's cache); big sorts
 * (a million rows by company) spill to a temporary file instead of
 * growing the heap; and query_only, so a reader can never write by
 * mistake.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_make_reader (CrmStore  *store,
                       GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (sqlite3_exec (crm_store_get_db (store),
                    "PRAGMA cache_size=-2048; PRAGMA mmap_size=0; PRAGMA temp_store=FILE;"
                    " PRAGMA query_only=1;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      crm_db_set_error (error, crm_store_get_db (store), "reader");
      return FALSE;
    }
  return TRUE;
}
