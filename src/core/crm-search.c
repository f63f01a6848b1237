/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search"

#include "config.h"

#include "crm-search.h"
#include "crm-store-private.h"

#include <string.h>

#include "crm-phone.h"
#include "crm-text.h"
#include "crm-validate.h"

/* Both search tables' rowid is rid * 4 + kind, so one index covers leads,
 * contacts and clients and a hit maps back to its row without a join.
 * Text is folded here (case, ё → е) because unicode61 does not fold ё.
 * Phone digits live in their own trigram table: any run of 3+ digits
 * finds the numbers that contain it. */

#define MIN_DIGITS 3
#define WHOLE_NUMBER 10

static const struct {
  const char *entity;
  int         kind;
  char        alias;
  const char *text_sql;
  const char *phones_sql;
} index_sql[] = {
  { "lead", 1, 'l',
    "SELECT l.rid * 4 + 1, crm_fold(l.full_name), crm_fold(l.company),"
    " (SELECT crm_fold(group_concat(e.normalized, ' ')) FROM emails e"
    "   WHERE e.entity_id = l.id AND e._deleted = 0),"
    " crm_fold(coalesce(l.request, '') || ' ' || coalesce(l.note, '') || ' ' ||"
    "   coalesce(l.job_title, '') || ' ' || coalesce(l.city, ''))"
    " FROM leads l WHERE l._deleted = 0 AND l.merged_into IS NULL",
    "SELECT l.rid * 4 + 1, replace(group_concat(p.e164, ' '), '+', '')"
    " FROM leads l JOIN phones p ON p.entity_id = l.id AND p._deleted = 0 AND p.e164 IS NOT NULL"
    " WHERE l._deleted = 0 AND l.merged_into IS NULL" },
  { "contact", 2, 'c',
    "SELECT c.rid * 4 + 2, crm_fold(c.full_name),"
    " (SELECT crm_fold(k.name) FROM clients k WHERE k.id = c.client_id),"
    " (SELECT crm_fold(group_concat(e.normalized, ' ')) FROM emails e"
    "   WHERE e.entity_id = c.id AND e._deleted = 0),"
    " crm_fold(coalesce(c.note, '') || ' ' || coalesce(c.job_title, ''))"
    " FROM contacts c WHERE c._deleted = 0 AND c.merged_into IS NULL",
    "SELECT c.rid * 4 + 2, replace(group_concat(p.e164, ' '), '+', '')"
    " FROM contacts c JOIN phones p ON p.entity_id = c.id AND p._deleted = 0 AND p.e164 IS NOT NULL"
    " WHERE c._deleted = 0 AND c.merged_into IS NULL" },
  { "client", 3, 'k',
    "SELECT k.rid * 4 + 3, crm_fold(k.name),"
    " crm_fold(coalesce(k.legal_name, '') || ' ' || coalesce(k.inn, '')),"
    " (SELECT crm_fold(group_concat(e.normalized, ' ')) FROM emails e"
    "   WHERE e.entity_id = k.id AND e._deleted = 0),"
    " crm_fold(coalesce(k.note, '') || ' ' || coalesce(k.address, ''))"
    " FROM clients k WHERE k._deleted = 0 AND k.merged_into IS NULL",
    "SELECT k.rid * 4 + 3, replace(group_concat(p.e164, ' '), '+', '')"
    " FROM clients k JOIN phones p ON p.entity_id = k.id AND p._deleted = 0 AND p.e164 IS NOT NULL"
    " WHERE k._deleted = 0 AND k.merged_into IS NULL" },
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

/**
 * crm_search_register_functions:
 * @db: a connection
 *
 * Registers crm_fold(), the folding the index is built with, so the
 * index can be rebuilt in one INSERT … SELECT.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_register_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  return sqlite3_create_function (db, "crm_fold", 1, flags, NULL, fold_func, NULL, NULL) == SQLITE_OK;
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
  g_autofree char *text_sql = NULL;
  g_autofree char *phones_sql = NULL;
  sqlite3_stmt *stmt;
  int kind = kind_of (entity_type);

  if (kind == 0)
    return TRUE;

  if (!crm_search_remove_entry (store, kind, rid, error))
    return FALSE;

  text_sql = g_strdup_printf ("INSERT INTO search (rowid, name, company, emails, body) %s"
                              " AND %c.rid = ?1",
                              index_sql[kind - 1].text_sql, index_sql[kind - 1].alias);
  if (!(stmt = crm_store_stmt (store, text_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  if (!exec_stmt (store, stmt, error))
    return FALSE;

  phones_sql = g_strdup_printf ("INSERT INTO search_phones (rowid, digits) %s"
                                " AND %c.rid = ?1 GROUP BY 1",
                                index_sql[kind - 1].phones_sql, index_sql[kind - 1].alias);
  if (!(stmt = crm_store_stmt (store, phones_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  return exec_stmt (store, stmt, error);
}

/**
 * crm_search_remove_entry:
 * @store: a #CrmStore
 * @kind: 1 lead, 2 contact, 3 client
 * @rid: the row
 * @error: return location for a #GError
 *
 * Drops the row from both search tables.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_remove_entry (CrmStore    *store,
                         int          kind,
                         gint64       rid,
                         GError     **error)
{
  static const char *const sql[] = {
    "DELETE FROM search WHERE rowid = ?1",
    "DELETE FROM search_phones WHERE rowid = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = crm_store_stmt (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rid * 4 + kind);
      if (!exec_stmt (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * crm_search_add_entry:
 * @store: a #CrmStore
 * @kind: 1 lead, 2 contact, 3 client
 * @rid: the row, not indexed yet
 * @name: (nullable): folded name
 * @company: (nullable): folded company
 * @emails: (nullable): folded e-mails, space-separated
 * @phone_digits: (nullable): the digits of each phone, space-separated
 * @body: (nullable): folded request, notes and the rest
 * @error: return location for a #GError
 *
 * Feeds one new row to the index with text the caller has already folded
 * (crm_text_fold()): a bulk import knows it all and saves re-reading and
 * re-folding every row. Must give what crm_search_index_row() would.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_search_add_entry (CrmStore    *store,
                      int          kind,
                      gint64       rid,
                      const char  *name,
                      const char  *company,
                      const char  *emails,
                      const char  *phone_digits,
                      const char  *body,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = crm_store_stmt (store,
                               "INSERT INTO search (rowid, name, company, emails, body)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                               error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid * 4 + kind);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, company, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, emails, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, body, -1, SQLITE_STATIC);
  if (!exec_stmt (store, stmt, error))
    return FALSE;
  sqlite3_clear_bindings (stmt);

  if (phone_digits == NULL || *phone_digits == '\0')
    return TRUE;
  if (!(stmt = crm_store_stmt (store,
                               "INSERT INTO search_phones (rowid, digits) VALUES (?1, ?2)",
                               error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid * 4 + kind);
  sqlite3_bind_text (stmt, 2, phone_digits, -1, SQLITE_STATIC);
  if (!exec_stmt (store, stmt, error))
    return FALSE;
  sqlite3_clear_bindings (stmt);
  return TRUE;
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

  if (!crm_db_exec (db, "DELETE FROM search; DELETE FROM search_phones", error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (index_sql); i++)
    {
      g_autofree char *text_sql = g_strdup_printf ("INSERT INTO search (rowid, name, company, emails, body) %s",
                                                   index_sql[i].text_sql);
      g_autofree char *phones_sql = g_strdup_printf ("INSERT INTO search_phones (rowid, digits) %s GROUP BY 1",
                                                     index_sql[i].phones_sql);

      if (!crm_db_exec (db, text_sql, error) || !crm_db_exec (db, phones_sql, error))
        goto fail;
    }

  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/* Digits typed with nothing but phone punctuation between them. */
static gboolean
is_phone_like (const char *query,
               guint      *n_digits)
{
  *n_digits = 0;
  for (const char *p = query; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        (*n_digits)++;
      else if (!strchr (" +-()./", *p))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_digit_run (const char *word)
{
  gsize len = 0;

  for (; word[len]; len++)
    if (!g_ascii_isdigit (word[len]))
      return FALSE;
  return len >= MIN_DIGITS;
}

/* The folded words of @query, in order. */
static GPtrArray *
split_words (const char *query)
{
  g_autofree char *folded = crm_text_fold (query);
  g_autoptr(GString) word = g_string_new (NULL);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || c == '_'))
        g_string_append_unichar (word, c);
      else
        {
          if (word->len > 0)
            {
              g_ptr_array_add (words, g_strdup (word->str));
              g_string_truncate (word, 0);
            }
          if (c == 0)
            break;
        }
    }
  return words;
}

/* "w1"* "w2"* …: every word as a prefix. Tokens never contain a quote. */
static char *
prefix_match (GPtrArray *words,
              gboolean   digit_runs)
{
  GString *match = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      if (!digit_runs && is_digit_run (w))
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_printf (match, "\"%s\"*", w);
    }
  if (match->len == 0)
    return (g_string_free (match, TRUE), NULL);
  return g_string_free (match, FALSE);
}

/**
 * crm_search_build_match:
 * @query: what a person typed
 *
 * Turns typed text into the FTS5 expression for the text table: folded
 * words, each a prefix ("ива" finds "Иванов"; "7707" finds an INN).
 *
 * Returns: (transfer full) (nullable): the MATCH expression, %NULL when
 *   nothing searchable was typed
 */
char *
crm_search_build_match (const char *query)
{
  g_autoptr(GPtrArray) words = NULL;
  guint n_digits;

  if (query == NULL)
    return NULL;
  /* "+7 912 345" is one number, not three words. */
  if (is_phone_like (query, &n_digits) && n_digits >= MIN_DIGITS)
    {
      g_autofree char *digits = crm_phone_digits (query);
      return g_strdup_printf ("\"%s\"*", digits);
    }
  words = split_words (query);
  return prefix_match (words, TRUE);
}

/**
 * crm_search_build_phone_match:
 * @query: what a person typed
 *
 * The FTS5 expression for the phone digits table when @query is a phone or
 * part of one (3 to 9 digits and phone punctuation): the digits anywhere in
 * a number. A whole number (10+ digits) is left to the exact lookup of its
 * normalized form, which also matches 8… with +7….
 *
 * Returns: (transfer full) (nullable): the MATCH expression, %NULL when
 *   @query is not phone-like
 */
char *
crm_search_build_phone_match (const char *query)
{
  g_autofree char *digits = NULL;
  guint n_digits;

  if (query == NULL || !is_phone_like (query, &n_digits) || n_digits < MIN_DIGITS)
    return NULL;
  /* A whole number is found by its normalized form (the exact lookup),
   * more precisely and without intersecting nine common trigrams. */
  if (n_digits >= WHOLE_NUMBER)
    return NULL;
  digits = crm_phone_digits (query);
  return g_strdup_printf ("\"%s\"", digits);
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
  guint n_digits;

  if (strchr (query, '@') != NULL)
    {
      if (!crm_email_normalize (query, &email, NULL))
        return TRUE;
      key = crm_email_key (email);
      sql = "SELECT entity_type, entity_id FROM emails WHERE normalized = ?1 AND _deleted = 0 LIMIT ?2";
    }
  /* Seven digits or more and nothing but phone punctuation: worth a
   * normalization (a name never is). */
  else if (is_phone_like (query, &n_digits) && n_digits >= 7 &&
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

#define SCOPE_SQL " AND ((1 << ((rowid % 4) - 1)) & ?3) != 0"
#define TEXT_SQL "SELECT rowid FROM search WHERE search MATCH ?1"
#define PHONES_SQL "SELECT rowid FROM search_phones WHERE search_phones MATCH ?1"
#define MIXED_BY_TEXT_SQL "SELECT rowid FROM search WHERE search MATCH ?1" \
  " AND EXISTS (SELECT 1 FROM search_phones p WHERE p.search_phones MATCH ?4" \
  " AND p.rowid = search.rowid)"
#define MIXED_BY_PHONES_SQL "SELECT rowid FROM search_phones WHERE search_phones MATCH ?1" \
  " AND EXISTS (SELECT 1 FROM search t WHERE t.search MATCH ?4" \
  " AND t.rowid = search_phones.rowid)"

/* The rowids of one MATCH, newest first, at most @limit. */
static GArray *
run_match (CrmStore        *store,
           const char      *base,
           const char      *match,
           const char      *second,
           CrmSearchScope   scope,
           guint            limit,
           GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("%s%s ORDER BY rowid DESC LIMIT ?2",
                                          base, scope == CRM_SEARCH_ALL ? "" : SCOPE_SQL);
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (match == NULL)
    return rowids;
  if (!(stmt = crm_store_stmt (store, sql, error)))
    return (g_array_unref (rowids), NULL);

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  if (scope != CRM_SEARCH_ALL)
    sqlite3_bind_int (stmt, 3, scope);
  if (second != NULL)
    sqlite3_bind_text (stmt, 4, second, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rowids;
}

/* Merges @more into @found, both newest (largest rowid) first, without
 * repeats, keeping at most @limit. */
static void
merge_newest (GArray *found,
              GArray *more,
              guint   limit)
{
  g_autoptr(GArray) out = NULL;
  guint i = 0, j = 0;

  if (more->len == 0)
    return;
  out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (found->len + more->len, limit));
  while (out->len < limit && (i < found->len || j < more->len))
    {
      gint64 a = i < found->len ? g_array_index (found, gint64, i) : G_MININT64;
      gint64 b = j < more->len ? g_array_index (more, gint64, j) : G_MININT64;
      gint64 next = MAX (a, b);

      if (a == next)
        i++;
      if (b == next)
        j++;
      g_array_append_val (out, next);
    }
  g_array_set_size (found, 0);
  g_array_append_vals (found, out->data, out->len);
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
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) more = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *text = NULL;
  guint n_exact;
  guint n_digits;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (query == NULL || limit == 0)
    return g_steal_pointer (&hits);

  if (!add_exact (store, query, scope, hits, limit, error))
    return NULL;
  n_exact = hits->len;

  /* Each part walks its FTS index newest first and stops at the limit;
   * ORDER BY rank would score every match (66 ms on 1M rows). */
  if (is_phone_like (query, &n_digits) && n_digits >= MIN_DIGITS)
    {
      /* A number: anywhere in a phone (a whole one was looked up exactly
       * above), or the start of a word (an INN, a company's number). */
      phones = crm_search_build_phone_match (query);
      text = crm_search_build_match (query);
      if (!(found = run_match (store, PHONES_SQL, phones, NULL, scope, limit, error)) ||
          !(more = run_match (store, TEXT_SQL, text, NULL, scope, limit, error)))
        return NULL;
      merge_newest (found, more, limit);
    }
  else
    {
      g_autoptr(GPtrArray) words = split_words (query);
      g_autoptr(GString) runs = g_string_new (NULL);
      gsize longest_run = 0;

      if (!(text = prefix_match (words, TRUE)))
        return g_steal_pointer (&hits);
      if (!(found = run_match (store, TEXT_SQL, text, NULL, scope, limit, error)))
        return NULL;

      /* "Иванов 4567": the digits may be part of his phone. The side
       * with fewer matches drives and the other checks each of them: a
       * run of four digits or more is rarer than a name's first letters. */
      for (guint i = 0; i < words->len; i++)
        {
          const char *w = g_ptr_array_index (words, i);

          if (!is_digit_run (w))
            continue;
          g_string_append_printf (runs, "%s\"%s\"", runs->len ? " AND " : "", w);
          longest_run = MAX (longest_run, strlen (w));
        }
      if (runs->len > 0)
        {
          g_autofree char *rest = prefix_match (words, FALSE);

          if (rest != NULL)
            {
              if (longest_run >= 4)
                more = run_match (store, MIXED_BY_PHONES_SQL, runs->str, rest, scope, limit, error);
              else
                more = run_match (store, MIXED_BY_TEXT_SQL, rest, runs->str, scope, limit, error);
              if (more == NULL)
                return NULL;
              merge_newest (found, more, limit);
            }
        }
    }

  for (guint i = 0; i < found->len && hits->len < limit; i++)
    add_hit (hits, n_exact, g_array_index (found, gint64, i), FALSE);

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
