/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-query"

#include "config.h"

#include "crm-store-query.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-next-step-private.h"
#include "crm-search.h"

typedef struct
{
  char     *column;
  gboolean  is_range;
  char     *value;
  gint64    from;
  gint64    to;
} Filter;

/* A new field here needs its line in crm_query_copy() too. */
struct _CrmQuery
{
  char      *tbl;
  GArray    *filters;
  char      *text;
  gint64     overdue_now;
  gboolean   include_deleted;
  char      *sort_column;
  gboolean   descending;
};

/* Columns a list may sort by; everything else would be an unindexed scan or
 * an injection. */
static const char *const sortable[] = {
  "rid", "created_ms", "updated_ms", "sort_key", "stage_entered_ms", "score",
  "value", "temperature", "due_ms", "remind_ms", "at_ms", "position",
  "stage_pos", "name", "full_name", "company", "kind", "inn", "first_response_ms",
  NULL
};

static void
filter_clear (gpointer data)
{
  Filter *f = data;

  g_free (f->column);
  g_free (f->value);
}

CrmQuery *
crm_query_new (const char *tbl)
{
  CrmQuery *query = g_new0 (CrmQuery, 1);

  query->tbl = g_strdup (tbl);
  query->filters = g_array_new (FALSE, TRUE, sizeof (Filter));
  g_array_set_clear_func (query->filters, filter_clear);
  query->sort_column = g_strdup ("rid");
  query->descending = TRUE;
  return query;
}

void
crm_query_free (CrmQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->tbl);
  g_array_unref (query->filters);
  g_free (query->text);
  g_free (query->sort_column);
  g_free (query);
}

const char *
crm_query_get_table (CrmQuery *query)
{
  return query->tbl;
}

/**
 * crm_query_add_equals:
 * @query: a #CrmQuery
 * @column: a column
 * @value: (nullable): the value, %NULL for IS NULL
 *
 * Filters rows where @column equals @value (filters combine with AND).
 */
void
crm_query_add_equals (CrmQuery   *query,
                      const char *column,
                      const char *value)
{
  Filter f = { g_strdup (column), FALSE, g_strdup (value), 0, 0 };

  g_array_append_val (query->filters, f);
}

/**
 * crm_query_add_range:
 * @query: a #CrmQuery
 * @column: an integer column (a time in ms, a score)
 * @from: inclusive lower bound
 * @to: exclusive upper bound
 */
void
crm_query_add_range (CrmQuery   *query,
                     const char *column,
                     gint64      from,
                     gint64      to)
{
  Filter f = { g_strdup (column), TRUE, NULL, from, to };

  g_array_append_val (query->filters, f);
}

void
crm_query_set_text (CrmQuery   *query,
                    const char *text)
{
  g_free (query->text);
  query->text = g_strdup (text);
}

/**
 * crm_query_set_has_overdue_task:
 * @query: a #CrmQuery
 * @now_ms: the current time, or 0 to drop the filter
 *
 * Keeps only records with an open task due before @now_ms.
 */
void
crm_query_set_has_overdue_task (CrmQuery *query,
                                gint64    now_ms)
{
  query->overdue_now = now_ms;
}

void
crm_query_set_include_deleted (CrmQuery *query,
                               gboolean  include)
{
  query->include_deleted = include;
}

/**
 * crm_query_set_sort:
 * @query: a #CrmQuery
 * @column: a sortable column
 * @descending: whether to sort from the largest
 *
 * Returns: %FALSE when @column cannot be sorted by
 */
gboolean
crm_query_set_sort (CrmQuery   *query,
                    const char *column,
                    gboolean    descending)
{
  if (!g_strv_contains (sortable, column))
    return FALSE;
  g_free (query->sort_column);
  query->sort_column = g_strdup (column);
  query->descending = descending;
  return TRUE;
}

/**
 * crm_query_copy:
 * @query: a #CrmQuery
 *
 * A deep copy, so a worker thread (an export, a list model's page filler)
 * can run the query on its own connection while the caller keeps editing
 * or frees the original.
 *
 * Returns: (transfer full): the copy
 */
CrmQuery *
crm_query_copy (CrmQuery *query)
{
  CrmQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = crm_query_new (query->tbl);
  for (guint i = 0; i < query->filters->len; i++)
    {
      Filter *f = &g_array_index (query->filters, Filter, i);
      Filter c = { g_strdup (f->column), f->is_range, g_strdup (f->value), f->from, f->to };

      g_array_append_val (copy->filters, c);
    }
  copy->text = g_strdup (query->text);
  copy->overdue_now = query->overdue_now;
  copy->include_deleted = query->include_deleted;
  g_free (copy->sort_column);
  copy->sort_column = g_strdup (query->sort_column);
  copy->descending = query->descending;
  return copy;
}

void
crm_page_key_clear (CrmPageKey *key)
{
  g_clear_pointer (&key->sort_value, g_free);
  key->rid = 0;
}

static gboolean
check_query (CrmStore  *store,
             CrmQuery  *query,
             GError   **error)
{
  if (!crm_store_has_table (store, query->tbl))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown table “%s”", query->tbl);
      return FALSE;
    }
  if (!crm_store_has_column (store, query->tbl, query->sort_column))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Table “%s” cannot be sorted by “%s”", query->tbl, query->sort_column);
      return FALSE;
    }
  for (guint i = 0; i < query->filters->len; i++)
    {
      Filter *f = &g_array_index (query->filters, Filter, i);

      if (!crm_store_has_column (store, query->tbl, f->column))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Table “%s” has no column “%s”", query->tbl, f->column);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_text_sort (const char *column)
{
  return strcmp (column, "sort_key") == 0 || strcmp (column, "temperature") == 0 ||
         strcmp (column, "stage_pos") == 0 || strcmp (column, "name") == 0 ||
         strcmp (column, "full_name") == 0 || strcmp (column, "company") == 0 ||
         strcmp (column, "kind") == 0 || strcmp (column, "inn") == 0;
}

/* Whether the schema declares @column NOT NULL. */
static gboolean
column_not_null (CrmStore   *store,
                 const char *tbl,
                 const char *column)
{
  int not_null = 0;

  if (sqlite3_table_column_metadata (crm_store_get_db (store), NULL, tbl, column,
                                     NULL, NULL, &not_null, NULL, NULL) != SQLITE_OK)
    return FALSE;
  return not_null != 0;
}

/* Sort on a never-NULL expression so keyset comparisons are total. A
 * NOT NULL column is already one, and left bare its index serves the
 * ORDER BY: wrapping created_ms in coalesce() made a million-row list
 * sort in a temp B-tree instead of walking leads_created. */
static char *
sort_expr (CrmStore *store,
           CrmQuery *query)
{
  if (strcmp (query->sort_column, "rid") == 0)
    return g_strdup ("rid");
  if (column_not_null (store, query->tbl, query->sort_column))
    return g_strdup_printf ("\"%s\"", query->sort_column);
  if (is_text_sort (query->sort_column))
    return g_strdup_printf ("coalesce(\"%s\", '')", query->sort_column);
  return g_strdup_printf ("coalesce(\"%s\", -9223372036854775807)", query->sort_column);
}

static void
append_where (CrmQuery *query,
              GString  *sql,
              int      *n_params)
{
  const char *entity = crm_table_entity (query->tbl);

  g_string_append (sql, " WHERE 1");
  if (!query->include_deleted)
    {
      g_string_append (sql, " AND _deleted = 0");
      if (strcmp (query->tbl, "leads") == 0 || strcmp (query->tbl, "contacts") == 0 ||
          strcmp (query->tbl, "clients") == 0)
        g_string_append (sql, " AND merged_into IS NULL");
    }
  for (guint i = 0; i < query->filters->len; i++)
    {
      Filter *f = &g_array_index (query->filters, Filter, i);

      if (f->is_range)
        {
          g_string_append_printf (sql, " AND \"%s\" >= ?%d AND \"%s\" < ?%d",
                                  f->column, *n_params + 1, f->column, *n_params + 2);
          *n_params += 2;
        }
      else if (f->value == NULL)
        g_string_append_printf (sql, " AND \"%s\" IS NULL", f->column);
      else
        {
          g_string_append_printf (sql, " AND \"%s\" = ?%d", f->column, *n_params + 1);
          *n_params += 1;
        }
    }
  if (query->overdue_now > 0 && entity != NULL)
    {
      g_string_append_printf (sql,
                              " AND EXISTS (SELECT 1 FROM tasks t WHERE t.entity_id = \"%s\".id"
                              " AND t.done_ms IS NULL AND t._deleted = 0 AND t.due_ms < ?%d)",
                              query->tbl, *n_params + 1);
      *n_params += 1;
    }
}

static void
bind_where (CrmQuery     *query,
            sqlite3_stmt *stmt,
            int          *pos)
{
  for (guint i = 0; i < query->filters->len; i++)
    {
      Filter *f = &g_array_index (query->filters, Filter, i);

      if (f->is_range)
        {
          sqlite3_bind_int64 (stmt, ++(*pos), f->from);
          sqlite3_bind_int64 (stmt, ++(*pos), f->to);
        }
      else if (f->value != NULL)
        sqlite3_bind_text (stmt, ++(*pos), f->value, -1, SQLITE_TRANSIENT);
    }
  if (query->overdue_now > 0 && crm_table_entity (query->tbl) != NULL)
    sqlite3_bind_int64 (stmt, ++(*pos), query->overdue_now);
}

/* With a text query the FTS hits are the candidate set; everything else
 * filters them in SQL. One hit more than the limit is asked for, so
 * @capped can say whether the limit left matches out. */
static GArray *
text_rids (CrmStore  *store,
           CrmQuery  *query,
           gboolean  *capped,
           GError   **error)
{
  const char *entity = crm_table_entity (query->tbl);
  GArray *rids;
  guint limit;

  *capped = FALSE;
  if (query->text == NULL || *query->text == '\0' || entity == NULL)
    return NULL;
  /* A word as common as a first name matches a tenth of a big base: the
   * newest matches are what someone typing wants, and all of them would
   * cost a second a keystroke. Other filters look through more. */
  limit = query->filters->len == 0 && query->overdue_now == 0
            ? CRM_QUERY_TEXT_LIMIT : CRM_QUERY_TEXT_LIMIT * 10;
  if (!(rids = crm_search_query_rids (store, query->text, entity, limit + 1, error)))
    return NULL;
  if (rids->len > limit)
    {
      g_array_set_size (rids, limit);
      *capped = TRUE;
    }
  return rids;
}

static char *
rid_list (GArray *rids)
{
  GString *list = g_string_new ("(");

  for (guint i = 0; i < rids->len; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (rids, gint64, i));
  g_string_append_c (list, ')');
  return g_string_free (list, FALSE);
}

static char *
build_sql (CrmStore    *store,
           CrmQuery    *query,
           const char  *select,
           gboolean     ordered,
           gboolean     keyset,
           int         *n_params,
           gboolean    *capped,
           GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) rids = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *expr = sort_expr (store, query);
  const char *dir = query->descending ? "DESC" : "ASC";

  if (!check_query (store, query, error))
    return NULL;

  rids = text_rids (store, query, capped, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_string_append_printf (sql, "SELECT %s FROM \"%s\"", select, query->tbl);
  append_where (query, sql, n_params);
  if (rids != NULL)
    {
      g_autofree char *list = rid_list (rids);
      g_string_append_printf (sql, " AND rid IN %s", list);
    }
  if (keyset)
    {
      g_string_append_printf (sql, " AND (%s, rid) %s (?%d, ?%d)", expr,
                              query->descending ? "<" : ">", *n_params + 1, *n_params + 2);
      *n_params += 2;
    }
  if (ordered)
    g_string_append_printf (sql, " ORDER BY %s %s, rid %s", expr, dir, dir);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * crm_store_query_rids_full:
 * @store: a #CrmStore
 * @query: what to list
 * @capped: (out) (optional): whether a text search stopped at
 *   %CRM_QUERY_TEXT_LIMIT: more records match than the array holds
 * @error: return location for a #GError
 *
 * Every matching rid in sort order: the id array of a windowed list model
 * (8 bytes a row, 8 MB for a million).
 *
 * Returns: (transfer full) (element-type gint64): the rids
 */
GArray *
crm_store_query_rids_full (CrmStore  *store,
                           CrmQuery  *query,
                           gboolean  *capped,
                           GError   **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *rids;
  gboolean is_capped = FALSE;
  int n_params = 0;
  int pos = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (capped != NULL)
    *capped = FALSE;
  if (!(sql = build_sql (store, query, "rid", TRUE, FALSE, &n_params, &is_capped, error)))
    return NULL;
  /* Not cached: IN lists make these one-off statements. */
  if (!(stmt = crm_db_prepare (crm_store_get_db (store), sql, error)))
    return NULL;
  bind_where (query, stmt, &pos);

  rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rids, rid);
    }
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "query");
      g_array_unref (rids);
      return NULL;
    }
  /* Growing by doubling leaves up to half the array unused: 8 MB of a
   * million-row list's 16. Lists keep their array, so trim big ones. */
  if (rids->len > 65536)
    {
      GArray *fit = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rids->len);

      g_array_append_vals (fit, rids->data, rids->len);
      g_array_unref (rids);
      rids = fit;
    }
  if (capped != NULL)
    *capped = is_capped;
  return rids;
}

/**
 * crm_store_query_rids:
 * @store: a #CrmStore
 * @query: what to list
 * @error: return location for a #GError
 *
 * crm_store_query_rids_full() for callers that need not know whether a
 * text search was capped.
 *
 * Returns: (transfer full) (element-type gint64): the rids
 */
GArray *
crm_store_query_rids (CrmStore  *store,
                      CrmQuery  *query,
                      GError   **error)
{
  return crm_store_query_rids_full (store, query, NULL, error);
}

/**
 * crm_store_query_page:
 * @store: a #CrmStore
 * @query: what to list
 * @after: (nullable): the end of the previous page, %NULL for the first
 * @limit: page size
 * @next: (out caller-allocates) (optional): the key to pass for the next page
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRecord): the page's records
 */
GPtrArray *
crm_store_query_page (CrmStore          *store,
                      CrmQuery          *query,
                      const CrmPageKey  *after,
                      guint              limit,
                      CrmPageKey        *next,
                      GError           **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *paged = NULL;
  g_autofree char *expr = sort_expr (store, query);
  g_autofree char *select = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *records;
  gboolean capped;
  int n_params = 0;
  int pos = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  select = g_strdup_printf ("*, %s AS _sort", expr);
  if (!(sql = build_sql (store, query, select, TRUE, after != NULL, &n_params, &capped, error)))
    return NULL;
  paged = g_strdup_printf ("%s LIMIT %u", sql, limit);
  if (!(stmt = crm_db_prepare (crm_store_get_db (store), paged, error)))
    return NULL;
  bind_where (query, stmt, &pos);
  if (after != NULL)
    {
      if (is_text_sort (query->sort_column))
        sqlite3_bind_text (stmt, ++pos, after->sort_value ? after->sort_value : "", -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, ++pos, after->sort_value ? g_ascii_strtoll (after->sort_value, NULL, 10) : G_MININT64 + 1);
      sqlite3_bind_int64 (stmt, ++pos, after->rid);
    }

  if (next != NULL)
    {
      next->sort_value = NULL;
      next->rid = 0;
    }

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmRecord *record = crm_record_new_from_stmt (query->tbl, stmt);

      g_ptr_array_add (records, record);
      if (next != NULL)
        {
          int last = sqlite3_column_count (stmt) - 1;

          g_free (next->sort_value);
          next->sort_value = g_strdup ((const char *) sqlite3_column_text (stmt, last));
          next->rid = crm_record_get_rid (record);
        }
    }
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "query");
      g_ptr_array_unref (records);
      if (next != NULL)
        crm_page_key_clear (next);
      return NULL;
    }
  return records;
}

gint64
crm_store_query_count (CrmStore  *store,
                       CrmQuery  *query,
                       GError   **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n_params = 0;
  int pos = 0;
  gint64 count = -1;
  gboolean capped;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  if (!(sql = build_sql (store, query, "count(*)", FALSE, FALSE, &n_params, &capped, error)))
    return -1;
  if (!(stmt = crm_db_prepare (crm_store_get_db (store), sql, error)))
    return -1;
  bind_where (query, stmt, &pos);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    crm_db_set_error (error, crm_store_get_db (store), "count");
  return count;
}

static GPtrArray *
get_rows (CrmStore      *store,
          const char    *tbl,
          const char    *sql,
          const gint64  *rids,
          guint          n_rids,
          GError       **error)
{
  GPtrArray *records;
  sqlite3_stmt *stmt;

  if (!crm_store_has_table (store, tbl))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown table “%s”", tbl);
      return NULL;
    }

  /* A bound carray would be nicer; 3.40 has no carray built in, and a
   * cached single-row lookup is as fast for page-sized batches. */
  if (!(stmt = crm_store_stmt (store, sql, error)))
    return NULL;

  records = g_ptr_array_new_full (n_rids, g_object_unref);
  for (guint i = 0; i < n_rids; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (records, crm_record_new_from_stmt (tbl, stmt));
    }
  sqlite3_reset (stmt);
  return records;
}

/**
 * crm_store_get_many:
 * @store: a #CrmStore
 * @tbl: the table
 * @rids: (array length=n_rids): rows to read
 * @n_rids: how many
 * @error: return location for a #GError
 *
 * Reads a page of a list model's id array, in the array's order. Rows that
 * vanished are skipped.
 *
 * Returns: (transfer full) (element-type CrmRecord): the records
 */
GPtrArray *
crm_store_get_many (CrmStore      *store,
                    const char    *tbl,
                    const gint64  *rids,
                    guint          n_rids,
                    GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE rid = ?1", tbl);
  return get_rows (store, tbl, sql, rids, n_rids, error);
}

/* A lead's next step is its first open task by due date (one without a
 * date comes last), as crm_tasks_next_for() picks it; whether it needs one
 * is crm-next-step-private.h's rule. */
#define OPEN_TASKS_OF_LEAD CRM_SQL_OPEN_TASKS_OF ("l.id")
#define LEAD_LIST_SQL \
  "SELECT l.*," \
  " (SELECT t.id" OPEN_TASKS_OF_LEAD \
  "  ORDER BY t.due_ms IS NULL, t.due_ms, t.rid LIMIT 1) AS next_step_task_id," \
  " (SELECT t.due_ms" OPEN_TASKS_OF_LEAD \
  "  ORDER BY t.due_ms IS NULL, t.due_ms, t.rid LIMIT 1) AS next_step_due_ms," \
  " " CRM_SQL_NEEDS_NEXT_STEP ("l") " AS next_step_missing" \
  " FROM leads l WHERE l.rid = ?1"

/**
 * crm_store_get_list_rows:
 * @store: a #CrmStore
 * @tbl: the table
 * @rids: (array length=n_rids): rows to read
 * @n_rids: how many
 * @error: return location for a #GError
 *
 * crm_store_get_many() for a list page: a lead also carries its next
 * step, worked out per fetched row (only the pages on screen are read):
 * "next_step_task_id" and "next_step_due_ms", the id and due time of its
 * next open task (unset when it has none; the time also when that task
 * has no date), and "next_step_missing", 1 when it sits in an open stage
 * with no open task (the "no next step" mark), else 0.
 *
 * Returns: (transfer full) (element-type CrmRecord): the records
 */
GPtrArray *
crm_store_get_list_rows (CrmStore      *store,
                         const char    *tbl,
                         const gint64  *rids,
                         guint          n_rids,
                         GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (g_strcmp0 (tbl, "leads") == 0)
    return get_rows (store, tbl, LEAD_LIST_SQL, rids, n_rids, error);
  return crm_store_get_many (store, tbl, rids, n_rids, error);
}

/**
 * crm_store_list_children:
 * @store: a #CrmStore
 * @tbl: "phones", "emails", "activities", "tasks" or "history"
 * @entity_id: the owning record
 * @error: return location for a #GError
 *
 * The live rows of @tbl that belong to a record: its phones in order, its
 * timeline newest first, its history oldest first.
 *
 * Returns: (transfer full) (element-type CrmRecord): the rows
 */
GPtrArray *
crm_store_list_children (CrmStore    *store,
                         const char  *tbl,
                         const char  *entity_id,
                         GError     **error)
{
  const char *order;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GPtrArray *records;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (g_strcmp0 (tbl, "phones") == 0 || g_strcmp0 (tbl, "emails") == 0)
    order = "position, rid";
  else if (g_strcmp0 (tbl, "activities") == 0)
    order = "at_ms DESC, rid DESC";
  else if (g_strcmp0 (tbl, "tasks") == 0)
    order = "done_ms IS NOT NULL, due_ms, rid";
  else if (g_strcmp0 (tbl, "history") == 0)
    order = "at_ms, rid";
  else
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "“%s” rows do not belong to records", tbl);
      return NULL;
    }

  sql = g_strdup_printf ("SELECT * FROM %s WHERE entity_id = ?1 AND _deleted = 0 ORDER BY %s",
                         tbl, order);
  if (!(stmt = crm_store_stmt (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, crm_record_new_from_stmt (tbl, stmt));
  sqlite3_reset (stmt);
  return records;
}
