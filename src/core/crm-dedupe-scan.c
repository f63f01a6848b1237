/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dedupe"

#include "config.h"

#include "crm-dedupe.h"
#include "crm-dedupe-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The whole base at once (voronka-cli dedupe), and the pairs people said
 * are different, which both the scan and crm_dedupe_find() leave out. */

typedef struct
{
  Info            *a;       /* borrowed from the scan's cache, a->id < b->id */
  Info            *b;
  CrmDedupeReason  found;
  char            *phone;
  char            *email;
  CrmDedupeReason  reasons;
  guint            score;
} Pair;

#define MAX_GROUP 50

static void
pair_free (Pair *pair)
{
  g_free (pair->phone);
  g_free (pair->email);
  g_free (pair);
}

/* ---- Whole-base scan ---- */

typedef struct
{
  CrmStore   *store;
  GHashTable *infos;    /* id → Info of the live records seen */
  GHashTable *pairs;    /* "a\x1fb" → Pair */
  GHashTable *ignored;  /* "a\x1fb" set */
} Scan;

static char *
pair_key (const char *a,
          const char *b)
{
  return strcmp (a, b) < 0 ? g_strconcat (a, "\x1f", b, NULL)
                           : g_strconcat (b, "\x1f", a, NULL);
}

static void
scan_add_pair (Scan            *scan,
               Info            *a,
               Info            *b,
               CrmDedupeReason  found,
               const char      *value)
{
  g_autofree char *key = NULL;
  Pair *pair;

  if (strcmp (a->id, b->id) == 0)
    return;
  key = pair_key (a->id, b->id);
  if (g_hash_table_contains (scan->ignored, key))
    return;

  pair = g_hash_table_lookup (scan->pairs, key);
  if (pair == NULL)
    {
      pair = g_new0 (Pair, 1);
      pair->a = strcmp (a->id, b->id) < 0 ? a : b;
      pair->b = pair->a == a ? b : a;
      g_hash_table_insert (scan->pairs, g_steal_pointer (&key), pair);
    }
  pair->found |= found;
  if (found == CRM_DEDUPE_PHONE && pair->phone == NULL)
    pair->phone = g_strdup (value);
  else if (found == CRM_DEDUPE_EMAIL && pair->email == NULL)
    pair->email = g_strdup (value);
}

/* Pairs the members of one group; a group bigger than MAX_GROUP is a
 * shared office number or a switchboard, not one person written down
 * MAX_GROUP times, so only its first members are paired. */
static void
scan_flush_group (Scan            *scan,
                  GPtrArray       *members,
                  CrmDedupeReason  found,
                  const char      *value)
{
  guint n = MIN (members->len, MAX_GROUP);

  for (guint x = 0; x < n; x++)
    for (guint y = x + 1; y < n; y++)
      scan_add_pair (scan, g_ptr_array_index (members, x),
                     g_ptr_array_index (members, y), found, value);
  g_ptr_array_set_size (members, 0);
}

/* Runs a grouping query returning the group key, the value to show and
 * the lookup columns of each live member, ordered by the group key, and
 * pairs the members of each group. */
static gboolean
scan_groups (Scan             *scan,
             const char       *sql,
             CrmDedupeReason   found,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autofree char *group = NULL;
  g_autofree char *shown = NULL;
  int rc;

  /* Runs once per scan: not worth a place in the statement cache. */
  if (!(stmt = crm_db_prepare (crm_store_get_db (scan->store), sql, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 3);
      Info *info;

      if (key == NULL || id == NULL)
        continue;
      if (group == NULL || strcmp (group, key) != 0)
        {
          scan_flush_group (scan, members, found, shown);
          g_free (group);
          group = g_strdup (key);
          g_free (shown);
          shown = crm_dedupe_column_dup (stmt, 1);
        }

      info = g_hash_table_lookup (scan->infos, id);
      if (info == NULL)
        {
          info = g_new0 (Info, 1);
          crm_dedupe_info_fill_at (info, stmt, 2);
          if (info->entity_type == NULL)
            {
              crm_dedupe_info_free (info);
              continue;
            }
          g_hash_table_insert (scan->infos, info->id, info);
        }
      /* One record with the same phone twice is not a pair. */
      if (members->len > 0 && g_ptr_array_index (members, members->len - 1) == info)
        continue;
      g_ptr_array_add (members, info);
    }
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (scan->store), "dedupe scan");
      return FALSE;
    }
  scan_flush_group (scan, members, found, shown);
  return TRUE;
}

/* Each returns: group key, shown value, the lookup columns (the id is
 * column 4), only live records, ordered by group then id. */
static const char scan_phones_sql[] =
  "WITH d (k) AS (SELECT e164 FROM phones WHERE _deleted = 0 AND e164 IS NOT NULL"
  "               GROUP BY e164 HAVING count(*) > 1)"
  " SELECT p.e164, p.e164, " LEAD_COLS " FROM d JOIN phones p ON p.e164 = d.k AND p._deleted = 0"
  "  JOIN leads l ON l.id = p.entity_id WHERE p.entity_type = 'lead' AND " LEAD_LIVE
  " UNION ALL"
  " SELECT p.e164, p.e164, " CONTACT_COLS " FROM d JOIN phones p ON p.e164 = d.k AND p._deleted = 0"
  "  JOIN contacts c ON c.id = p.entity_id LEFT JOIN clients k ON k.id = c.client_id"
  "  WHERE p.entity_type = 'contact' AND " CONTACT_LIVE
  " UNION ALL"
  " SELECT p.e164, p.e164, " CLIENT_COLS " FROM d JOIN phones p ON p.e164 = d.k AND p._deleted = 0"
  "  JOIN clients k ON k.id = p.entity_id WHERE p.entity_type = 'client' AND " CLIENT_LIVE
  " ORDER BY 1, 4";

static const char scan_emails_sql[] =
  "WITH d (k) AS (SELECT normalized FROM emails WHERE _deleted = 0 AND normalized IS NOT NULL"
  "               GROUP BY normalized HAVING count(*) > 1)"
  " SELECT e.normalized, e.raw, " LEAD_COLS " FROM d JOIN emails e ON e.normalized = d.k AND e._deleted = 0"
  "  JOIN leads l ON l.id = e.entity_id WHERE e.entity_type = 'lead' AND " LEAD_LIVE
  " UNION ALL"
  " SELECT e.normalized, e.raw, " CONTACT_COLS " FROM d JOIN emails e ON e.normalized = d.k AND e._deleted = 0"
  "  JOIN contacts c ON c.id = e.entity_id LEFT JOIN clients k ON k.id = c.client_id"
  "  WHERE e.entity_type = 'contact' AND " CONTACT_LIVE
  " UNION ALL"
  " SELECT e.normalized, e.raw, " CLIENT_COLS " FROM d JOIN emails e ON e.normalized = d.k AND e._deleted = 0"
  "  JOIN clients k ON k.id = e.entity_id WHERE e.entity_type = 'client' AND " CLIENT_LIVE
  " ORDER BY 1, 4";

/* Namesakes of two words or more (the key's words are joined with
 * spaces). A name shared by more than MAX_GROUP records is a common name,
 * not one person: those are only paired at the same company, below. The
 * counts come from the name_key indexes alone; a merged record is deleted
 * too, and the members are checked again when read. */
static const char scan_names_sql[] =
  "WITH n (k, c) AS ("
  "  SELECT name_key, count(*) FROM leads"
  "   WHERE _deleted = 0 AND instr(name_key, ' ') > 0 GROUP BY name_key"
  "  UNION ALL"
  "  SELECT name_key, count(*) FROM contacts"
  "   WHERE _deleted = 0 AND instr(name_key, ' ') > 0 GROUP BY name_key"
  "  UNION ALL"
  "  SELECT name_key, count(*) FROM clients"
  "   WHERE _deleted = 0 AND kind = 'person' AND instr(name_key, ' ') > 0 GROUP BY name_key),"
  " d (k) AS (SELECT k FROM n GROUP BY k HAVING sum(c) BETWEEN 2 AND " G_STRINGIFY (MAX_GROUP) ")"
  " SELECT l.name_key, NULL, " LEAD_COLS " FROM d JOIN leads l ON l.name_key = d.k AND l._deleted = 0"
  "  WHERE l.merged_into IS NULL"
  " UNION ALL"
  " SELECT c.name_key, NULL, " CONTACT_COLS " FROM d JOIN contacts c ON c.name_key = d.k AND c._deleted = 0"
  "  LEFT JOIN clients k ON k.id = c.client_id WHERE c.merged_into IS NULL"
  " UNION ALL"
  " SELECT k.name_key, NULL, " CLIENT_COLS " FROM d JOIN clients k ON k.name_key = d.k AND k._deleted = 0"
  "  WHERE k.kind = 'person' AND k.merged_into IS NULL"
  " ORDER BY 1, 4";

/* The same name of two words or more at the same company: lead's company,
 * contact's client. leads.company_key has no index: the groups are read
 * back in one pass over the table (CROSS JOIN keeps leads outside) rather
 * than through every namesake of each group. */
static const char scan_name_companies_sql[] =
  "WITH n (nk, ck) AS ("
  "  SELECT name_key, company_key FROM leads WHERE _deleted = 0 AND merged_into IS NULL"
  "   AND instr(name_key, ' ') > 0 AND company_key != ''"
  "  UNION ALL"
  "  SELECT c.name_key, k.name_key FROM contacts c JOIN clients k ON k.id = c.client_id"
  "   WHERE c._deleted = 0 AND c.merged_into IS NULL AND instr(c.name_key, ' ') > 0"
  "   AND k.kind = 'company' AND k.name_key != ''),"
  " d (nk, ck) AS (SELECT nk, ck FROM n GROUP BY nk, ck HAVING count(*) > 1)"
  " SELECT d.nk || x'1f' || d.ck, NULL, " LEAD_COLS " FROM leads l"
  "  CROSS JOIN d ON d.nk = l.name_key AND d.ck = l.company_key"
  "  WHERE " LEAD_LIVE
  " UNION ALL"
  " SELECT d.nk || x'1f' || d.ck, NULL, " CONTACT_COLS " FROM contacts c"
  "  JOIN clients k ON k.id = c.client_id"
  "  CROSS JOIN d ON d.nk = c.name_key AND d.ck = k.name_key"
  "  WHERE " CONTACT_LIVE " AND k.kind = 'company'"
  " ORDER BY 1, 4";

static const char scan_inn_sql[] =
  "SELECT k.inn, k.inn, " CLIENT_COLS " FROM clients k"
  " WHERE " CLIENT_LIVE " AND k.inn IN"
  "  (SELECT inn FROM clients WHERE _deleted = 0 AND merged_into IS NULL"
  "   AND inn IS NOT NULL AND inn != '' GROUP BY inn HAVING count(*) > 1)"
  " ORDER BY 1, 4";

static const char scan_companies_sql[] =
  "SELECT k.name_key, NULL, " CLIENT_COLS " FROM clients k"
  " WHERE " CLIENT_LIVE " AND k.kind = 'company' AND k.name_key IN"
  "  (SELECT name_key FROM clients WHERE _deleted = 0 AND merged_into IS NULL"
  "   AND kind = 'company' AND name_key IS NOT NULL AND name_key != ''"
  "   GROUP BY name_key HAVING count(*) > 1)"
  " ORDER BY 1, 4";

static gboolean
load_ignored (Scan     *scan,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = crm_db_prepare (crm_store_get_db (scan->store),
                               "SELECT a_id, b_id FROM dedupe_ignore WHERE _deleted = 0",
                               error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (scan->ignored,
                      pair_key ((const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (scan->store), "dedupe scan");
      return FALSE;
    }
  return TRUE;
}

static const Info *
pair_newest (const Pair *pair)
{
  return crm_dedupe_compare_infos_newest (pair->a, pair->b) <= 0 ? pair->a : pair->b;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = *(const Pair *const *) a;
  const Pair *pb = *(const Pair *const *) b;
  int cmp;

  if (pa->score != pb->score)
    return pa->score > pb->score ? -1 : 1;
  /* Then the pair with the newest record first. */
  if ((cmp = crm_dedupe_compare_infos_newest (pair_newest (pa), pair_newest (pb))) != 0)
    return cmp;
  if ((cmp = strcmp (pa->a->id, pb->a->id)) != 0)
    return cmp;
  return strcmp (pa->b->id, pb->b->id);
}

/**
 * crm_dedupe_scan:
 * @store: a #CrmStore
 * @limit: the most pairs to return, 0 for all
 * @error: return location for a #GError
 *
 * Looks through the whole base for records that share a phone, an e-mail,
 * a ФИО of two words or more, an INN or a company name, for `voronka-cli
 * dedupe`. Every pair comes once (a_id < b_id) with all it shares; pairs a
 * person said are not duplicates are left out. Reads every live record: run
 * it off the UI thread.
 *
 * Returns: (transfer full) (element-type CrmDuplicatePair): the pairs,
 *   surest first, or %NULL with @error set
 */
GPtrArray *
crm_dedupe_scan (CrmStore  *store,
                 guint      limit,
                 GError   **error)
{
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  g_autoptr(GHashTable) ignored = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) result = NULL;
  GHashTableIter iter;
  gpointer value;
  Scan scan;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) crm_dedupe_info_free);
  pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pair_free);
  ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.store = store;
  scan.infos = infos;
  scan.pairs = pairs;
  scan.ignored = ignored;

  if (!load_ignored (&scan, error) ||
      !scan_groups (&scan, scan_phones_sql, CRM_DEDUPE_PHONE, error) ||
      !scan_groups (&scan, scan_emails_sql, CRM_DEDUPE_EMAIL, error) ||
      !scan_groups (&scan, scan_inn_sql, CRM_DEDUPE_INN, error) ||
      !scan_groups (&scan, scan_names_sql, CRM_DEDUPE_NAME, error) ||
      !scan_groups (&scan, scan_name_companies_sql, CRM_DEDUPE_NAME_COMPANY, error) ||
      !scan_groups (&scan, scan_companies_sql, CRM_DEDUPE_COMPANY, error))
    return NULL;

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pair *pair = value;

      pair->reasons = crm_dedupe_compare_infos (pair->a, pair->b, pair->found);
      /* The name and company groups establish nothing by themselves:
       * crm_dedupe_compare_infos () decides whether they really match. */
      if (pair->reasons == 0)
        continue;
      pair->score = crm_dedupe_score_reasons (pair->reasons);
      g_ptr_array_add (sorted, pair);
    }
  g_ptr_array_sort (sorted, compare_pairs);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_duplicate_pair_free);
  for (guint i = 0; i < sorted->len && (limit == 0 || i < limit); i++)
    {
      Pair *pair = g_ptr_array_index (sorted, i);
      CrmDuplicatePair *out = g_new0 (CrmDuplicatePair, 1);

      out->a_type = g_strdup (pair->a->entity_type);
      out->a_id = g_strdup (pair->a->id);
      out->a_name = g_strdup (pair->a->display_name);
      out->b_type = g_strdup (pair->b->entity_type);
      out->b_id = g_strdup (pair->b->id);
      out->b_name = g_strdup (pair->b->display_name);
      out->reasons = pair->reasons;
      out->score = pair->score;
      out->detail = crm_dedupe_build_detail (pair->reasons, pair->phone, pair->email, pair->a->inn);
      g_ptr_array_add (result, out);
    }
  return g_steal_pointer (&result);
}

/* ---- Pairs people said are different ---- */

static void
order_pair (const char  *a_id,
            const char  *b_id,
            const char **lo,
            const char **hi)
{
  if (strcmp (a_id, b_id) <= 0)
    {
      *lo = a_id;
      *hi = b_id;
    }
  else
    {
      *lo = b_id;
      *hi = a_id;
    }
}

/**
 * crm_dedupe_ignore:
 * @store: a #CrmStore
 * @a_id: a record
 * @b_id: another record, in either order
 * @error: return location for a #GError
 *
 * Remembers that two records are different people (or companies), so
 * neither crm_dedupe_find() nor crm_dedupe_scan() offers the pair again.
 * Written through the store's write path, so it syncs. Remembering a pair
 * twice is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_dedupe_ignore (CrmStore    *store,
                   const char  *a_id,
                   const char  *b_id,
                   GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *existing = NULL;
  const char *lo;
  const char *hi;
  sqlite3_stmt *stmt;
  gint64 deleted = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (a_id != NULL && b_id != NULL, FALSE);

  if (strcmp (a_id, b_id) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("A record cannot be marked as different from itself"));
      return FALSE;
    }
  order_pair (a_id, b_id, &lo, &hi);

  if (!(stmt = crm_store_stmt (store,
                               "SELECT id, _deleted FROM dedupe_ignore WHERE a_id = ?1 AND b_id = ?2",
                               error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, lo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hi, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      existing = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      deleted = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "dedupe ignore");
      return FALSE;
    }

  if (existing != NULL)
    return deleted == 0 || crm_store_restore (store, "dedupe_ignore", existing, error);

  change = crm_change_new_create ("dedupe_ignore");
  crm_change_set_text (change, "a_id", lo);
  crm_change_set_text (change, "b_id", hi);
  crm_change_set_text (change, "user_id", crm_store_get_user_id (store));
  return crm_store_apply (store, change, error);
}

/**
 * crm_dedupe_is_ignored:
 * @store: a #CrmStore
 * @a_id: a record
 * @b_id: another record, in either order
 *
 * Returns: %TRUE if a person said these two are different
 */
gboolean
crm_dedupe_is_ignored (CrmStore   *store,
                       const char *a_id,
                       const char *b_id)
{
  const char *lo;
  const char *hi;
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (a_id == NULL || b_id == NULL)
    return FALSE;
  order_pair (a_id, b_id, &lo, &hi);

  stmt = crm_store_stmt (store,
                         "SELECT 1 FROM dedupe_ignore WHERE a_id = ?1 AND b_id = ?2 AND _deleted = 0",
                         NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hi, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}
