/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search"

#include "config.h"

#include "crm-search.h"
#include "crm-store-private.h"

#include <string.h>

#include "crm-phone.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The search table's rowid is rid * 4 + kind, so one FTS5 table covers
 * leads, contacts and clients and a hit maps back to its row without a
 * join. Text is folded here (case, ё → е) because unicode61 does not fold ё;
 * phones are indexed as every digit suffix of 3+ digits, so an FTS prefix
 * query on them is a substring match. */

#define MIN_SUFFIX 3

static const struct {
  const char *entity;
  int         kind;
  const char *sql;
} index_sql[] = {
  { "lead", 1,
    "SELECT l.rid * 4 + 1, crm_fold(l.full_name), crm_fold(l.company),"
    " (SELECT crm_fold(group_concat(e.normalized, ' ')) FROM emails e"
    "   WHERE e.entity_id = l.id AND e._deleted = 0),"
    " (SELECT crm_phone_tokens(group_concat(p.e164, ' ')) FROM phones p"
    "   WHERE p.entity_id = l.id AND p._deleted = 0),"
    " crm_fold(coalesce(l.request, '') || ' ' || coalesce(l.note, '') || ' ' ||"
    "   coalesce(l.job_title, '') || ' ' || coalesce(l.city, ''))"
    " FROM leads l WHERE l._deleted = 0 AND l.merged_into IS NULL" },
  { "contact", 2,
    "SELECT c.rid * 4 + 2, crm_fold(c.full_name),"
    " (SELECT crm_fold(k.name) FROM clients k WHERE k.id = c.client_id),"
    " (SELECT crm_fold(group_concat(e.normalized, ' ')) FROM emails e"
    "   WHERE e.entity_id = c.id AND e._deleted = 0),"
    " (SELECT crm_phone_tokens(group_concat(p.e164, ' ')) FROM phones p"
    "   WHERE p.entity_id = c.id AND p._deleted = 0),"
    " crm_fold(coalesce(c.note, '') || ' ' || coalesce(c.job_title, ''))"
    " FROM contacts c WHERE c._deleted = 0 AND c.merged_into IS NULL" },
  { "client", 3,
    "SELECT k.rid * 4 + 3, crm_fold(k.name),"
    " crm_fold(coalesce(k.legal_name, '') || ' ' || coalesce(k.inn, '')),"
    " (SELECT crm_fold(group_concat(e.normalized, ' ')) FROM emails e"
    "   WHERE e.entity_id = k.id AND e._deleted = 0),"
    " (SELECT crm_phone_tokens(group_concat(p.e164, ' ')) FROM phones p"
    "   WHERE p.entity_id = k.id AND p._deleted = 0),"
    " crm_fold(coalesce(k.note, '') || ' ' || coalesce(k.address, ''))"
    " FROM clients k WHERE k._deleted = 0 AND k.merged_into IS NULL" },
};

static int
kind_of (const char *entity_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (index_sql); i++)
    if (g_strcmp0 (index_sql[i].entity, entity_type) == 0)
      return index_sql[i].kind;
  return 0;
}

static const char *
entity_of_kind (int kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (index_sql); i++)
    if (index_sql[i].kind == kind)
      return index_sql[i].entity;
  return NULL;
}

static void
fold_func (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  folded = crm_text_fold (text);
  sqlite3_result_text (ctx, folded, -1, g_free);
}

/* "+79123456789 +74951234567" → "79123456789 9123456789 … 789 749…" */
static void
append_phone_tokens (GString    *out,
                     const char *digits,
                     gsize       len)
{
  for (gsize start = 0; start + MIN_SUFFIX <= len; start++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, digits + start, len - start);
    }
}

char *crm_search_phone_tokens (const char *phones);

char *
crm_search_phone_tokens (const char *phones)
{
  GString *out = g_string_new (NULL);
  char digits[32];
  gsize len = 0;

  for (const char *p = phones; ; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (len < sizeof digits)
            digits[len++] = *p;
        }
      else if (*p != '+')
        {
          if (len > 0)
            append_phone_tokens (out, digits, len);
          len = 0;
          if (*p == '\0')
            break;
        }
    }
  return g_string_free (out, FALSE);
}

static void
phone_tokens_func (sqlite3_context  *ctx,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  sqlite3_result_text (ctx, crm_search_phone_tokens (text), -1, g_free);
}

/**
 * crm_search_register_functions:
 * @db: a connection
 *
 * Registers crm_fold() and crm_phone_tokens(), the folding the index is
 * built with, so the index can be rebuilt in one INSERT … SELECT.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_register_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  return sqlite3_create_function (db, "crm_fold", 1, flags, NULL, fold_func, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function (db, "crm_phone_tokens", 1, flags, NULL, phone_tokens_func, NULL, NULL) == SQLITE_OK;
}

static gboolean
exec_stmt (CrmStore     *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "search index");
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_search_index_row:
 * @store: a #CrmStore
 * @entity_type: "lead", "contact" or "client"
 * @rid: the row
 * @error: return location for a #GError
 *
 * Brings the row's search entry up to date: written when the row is live,
 * removed when it is deleted or merged away.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_index_row (CrmStore    *store,
                      const char  *entity_type,
                      gint64       rid,
                      GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int kind = kind_of (entity_type);

  if (kind == 0)
    return TRUE;

  if (!(stmt = crm_store_stmt (store, "DELETE FROM search WHERE rowid = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid * 4 + kind);
  if (!exec_stmt (store, stmt, error))
    return FALSE;

  sql = g_strdup_printf ("INSERT INTO search (rowid, name, company, emails, phones, body) %s"
                         " AND %c.rid = ?1",
                         index_sql[kind - 1].sql,
                         kind == 1 ? 'l' : kind == 2 ? 'c' : 'k');
  if (!(stmt = crm_store_stmt (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  return exec_stmt (store, stmt, error);
}

gboolean
crm_search_index_id (CrmStore    *store,
                     const char  *entity_type,
                     const char  *id,
                     GError     **error)
{
  const char *tbl = crm_entity_table (entity_type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 rid = 0;

  if (tbl == NULL || kind_of (entity_type) == 0)
    return TRUE;

  sql = g_strdup_printf ("SELECT rid FROM %s WHERE id = ?1", tbl);
  if (!(stmt = crm_store_stmt (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rid == 0)
    return TRUE;
  return crm_search_index_row (store, entity_type, rid, error);
}

/**
 * crm_search_rebuild:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Rebuilds the whole index in one pass, 3× faster than keeping it live
 * during a bulk import (PERF.md).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_rebuild (CrmStore  *store,
                    GError   **error)
{
  sqlite3 *db = crm_store_get_db (store);

  if (!crm_store_begin (store, error))
    return FALSE;

  if (!crm_db_exec (db, "DELETE FROM search", error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (index_sql); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO search (rowid, name, company, emails, phones, body) %s",
                                              index_sql[i].sql);
      if (!crm_db_exec (db, sql, error))
        goto fail;
    }

  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/**
 * crm_search_build_match:
 * @query: what a person typed
 *
 * Turns typed text into an FTS5 expression: folded words, each a prefix
 * ("ива" finds "Иванов"); a run of digits searches phones by substring.
 *
 * Returns: (transfer full) (nullable): the MATCH expression, %NULL when
 *   nothing searchable was typed
 */
char *
crm_search_build_match (const char *query)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *digits = NULL;
  gboolean phone_like = TRUE;
  guint n_digits = 0;

  if (query == NULL)
    return NULL;

  /* A query of digits and phone punctuation is a phone. */
  for (const char *p = query; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (!strchr (" +-()./", *p))
        phone_like = FALSE;
    }
  if (phone_like && n_digits >= MIN_SUFFIX)
    {
      digits = crm_phone_digits (query);
      /* A full national number typed with 8 or 7 is stored as +7…: search
       * the part after the trunk or country code too. */
      if (strlen (digits) == 11 && (digits[0] == '8' || digits[0] == '7'))
        return g_strdup_printf ("(\"%s\"* OR \"7%s\"*)", digits, digits + 1);
      return g_strdup_printf ("\"%s\"*", digits);
    }

  folded = crm_text_fold (query);
  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || c == '_'))
        g_string_append_unichar (word, c);
      else
        {
          if (word->len > 0)
            {
              if (match->len > 0)
                g_string_append_c (match, ' ');
              /* Tokens never contain a quote: no escaping needed. */
              g_string_append_printf (match, "\"%s\"*", word->str);
              g_string_truncate (word, 0);
            }
          if (c == 0)
            break;
        }
    }

  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

static gboolean
scope_has (CrmSearchScope scope,
           int            kind)
{
  return (scope & (1 << (kind - 1))) != 0;
}

/* Exact hits come first and are few: a full-text hit only needs checking
 * against them, so the common case costs no lookup at all. */
static void
add_hit (GArray   *hits,
         guint     n_exact,
         gint64    rowid,
         gboolean  exact)
{
  CrmSearchHit hit;

  hit.entity_type = entity_of_kind ((int) (rowid % 4));
  hit.rid = rowid / 4;
  hit.exact = exact;
  if (hit.entity_type == NULL)
    return;
  for (guint i = 0; i < (exact ? hits->len : n_exact); i++)
    {
      CrmSearchHit *other = &g_array_index (hits, CrmSearchHit, i);

      if (other->rid == hit.rid && other->entity_type == hit.entity_type)
        return;
    }
  g_array_append_val (hits, hit);
}

/* Seven digits or more and nothing but phone punctuation: worth a
 * normalization (a name never is). */
static gboolean
looks_like_phone (const char *query)
{
  guint digits = 0;

  for (const char *p = query; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" +-()./", *p))
        return FALSE;
    }
  return digits >= 7;
}

/* Exact phone and e-mail matches come first: someone who types a whole
 * number wants that person, not everyone whose number ends alike. */
static gboolean
add_exact (CrmStore       *store,
           const char     *query,
           CrmSearchScope  scope,
           GArray         *hits,
           guint           limit,
           GError        **error)
{
  g_autofree char *e164 = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *email = NULL;
  g_autofree char *key = NULL;
  const char *sql = NULL;
  sqlite3_stmt *stmt;

  if (strchr (query, '@') != NULL)
    {
      if (!crm_email_normalize (query, &email, NULL))
        return TRUE;
      key = crm_email_key (email);
      sql = "SELECT entity_type, entity_id FROM emails WHERE normalized = ?1 AND _deleted = 0 LIMIT ?2";
    }
  else if (looks_like_phone (query) &&
           crm_phone_normalize (query, crm_store_get_region (store), &e164, &ext, NULL))
    {
      key = g_steal_pointer (&e164);
      sql = "SELECT entity_type, entity_id FROM phones WHERE e164 = ?1 AND _deleted = 0 LIMIT ?2";
    }
  else
    return TRUE;

  if (!(stmt = crm_store_stmt (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);

  {
    g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func (g_free);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_ptr_array_add (owners, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        g_ptr_array_add (owners, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      }
    sqlite3_reset (stmt);

    for (guint i = 0; i + 1 < owners->len; i += 2)
      {
        const char *entity = g_ptr_array_index (owners, i);
        const char *tbl = crm_entity_table (entity);
        int kind = kind_of (entity);
        g_autofree char *rid_sql = NULL;

        if (tbl == NULL || kind == 0 || !scope_has (scope, kind))
          continue;
        rid_sql = g_strdup_printf ("SELECT rid FROM %s WHERE id = ?1 AND _deleted = 0"
                                   " AND merged_into IS NULL", tbl);
        if (!(stmt = crm_store_stmt (store, rid_sql, error)))
          return FALSE;
        sqlite3_bind_text (stmt, 1, g_ptr_array_index (owners, i + 1), -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          add_hit (hits, 0, sqlite3_column_int64 (stmt, 0) * 4 + kind, TRUE);
        sqlite3_reset (stmt);
      }
  }
  return TRUE;
}

/**
 * crm_search_query:
 * @store: a #CrmStore
 * @query: what a person typed
 * @scope: which kinds of records to find
 * @limit: at most this many hits
 * @error: return location for a #GError
 *
 * Finds leads, contacts and clients by name, company, e-mail, phone digits
 * (any part of the number), request text and notes. Exact phone and e-mail
 * matches first, then the newest records.
 *
 * Returns: (transfer full) (element-type CrmSearchHit): the hits
 */
GArray *
crm_search_query (CrmStore        *store,
                  const char      *query,
                  CrmSearchScope   scope,
                  guint            limit,
                  GError         **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (CrmSearchHit));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  guint n_exact;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (query == NULL || limit == 0)
    return g_steal_pointer (&hits);

  if (!add_exact (store, query, scope, hits, limit, error))
    return NULL;

  n_exact = hits->len;
  if (!(match = crm_search_build_match (query)))
    return g_steal_pointer (&hits);

  /* Newest first by rowid walks the FTS index in order and stops at the
   * limit; ORDER BY rank would score every match (66 ms on 1M rows). */
  if (scope == CRM_SEARCH_ALL)
    stmt = crm_store_stmt (store,
                           "SELECT rowid FROM search WHERE search MATCH ?1"
                           " ORDER BY rowid DESC LIMIT ?2",
                           error);
  else
    stmt = crm_store_stmt (store,
                           "SELECT rowid FROM search WHERE search MATCH ?1"
                           " AND ((1 << ((rowid % 4) - 1)) & ?3) != 0"
                           " ORDER BY rowid DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  if (scope != CRM_SEARCH_ALL)
    sqlite3_bind_int (stmt, 3, scope);

  while (hits->len < limit && sqlite3_step (stmt) == SQLITE_ROW)
    add_hit (hits, n_exact, sqlite3_column_int64 (stmt, 0), FALSE);
  sqlite3_reset (stmt);

  return g_steal_pointer (&hits);
}

/**
 * crm_search_query_rids:
 * @store: a #CrmStore
 * @query: what a person typed
 * @entity_type: "lead", "contact" or "client"
 * @limit: at most this many, 0 for all
 * @error: return location for a #GError
 *
 * The rids of one kind of record matching @query, newest first, for list
 * models that page rows by rid.
 *
 * Returns: (transfer full) (element-type gint64): the rids
 */
GArray *
crm_search_query_rids (CrmStore    *store,
                       const char  *query,
                       const char  *entity_type,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GArray) hits = NULL;
  GArray *rids;
  int kind = kind_of (entity_type);

  g_return_val_if_fail (kind != 0, NULL);

  if (!(hits = crm_search_query (store, query, 1 << (kind - 1),
                                 limit > 0 ? limit : G_MAXINT, error)))
    return NULL;

  rids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (rids, g_array_index (hits, CrmSearchHit, i).rid);
  return rids;
}
