/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board"

#include "config.h"

#include "crm-board.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-change.h"
#include "crm-funnel.h"
#include "crm-rank.h"
#include "crm-record.h"
#include "crm-search.h"
#include "crm-settings.h"
#include "crm-store-query.h"
#include "crm-tasks.h"
#include "crm-text.h"
#include "crm-workhours.h"

/* The Funnel page's queries (PERF.md): a column is the id array of its
 * leads in card order, read by one walk of the (stage_id, stage_pos)
 * index that also sums the deal values; a card's fields come in pages,
 * one cached statement per card, with the next task, the rotting and the
 * duplicate marks worked out here rather than in the view. Everything but
 * crm_board_restore() and crm_board_add_lead() reads only, so a page's
 * worker runs it on its own connection. */

#define DAY_MS (24 * 60 * 60 * 1000LL)

static gboolean
blank (const char *text)
{
  return text == NULL || *text == '\0';
}

static void
card_clear (CrmBoardCard *card)
{
  g_free (card->id);
  g_free (card->stage_id);
  g_free (card->title);
  g_free (card->company);
  g_free (card->channel_name);
  g_free (card->channel_kind);
  g_free (card->temperature);
  g_free (card->owner_name);
  g_free (card->currency);
  g_free (card->lost_reason);
}

CrmBoardCard *
crm_board_card_ref (CrmBoardCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);
  return g_atomic_rc_box_acquire (card);
}

void
crm_board_card_unref (CrmBoardCard *card)
{
  if (card != NULL)
    g_atomic_rc_box_release_full (card, (GDestroyNotify) card_clear);
}

/**
 * crm_board_card_equal:
 * @a: (nullable): a card
 * @b: (nullable): another
 *
 * Whether two reads of a card show the same thing, so a refresh can leave
 * a card on screen alone.
 *
 * Returns: %TRUE if every field is the same
 */
gboolean
crm_board_card_equal (const CrmBoardCard *a,
                      const CrmBoardCard *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return a->rid == b->rid && a->value == b->value && a->has_value == b->has_value &&
         a->task == b->task && a->next_due_ms == b->next_due_ms &&
         a->days_in_stage == b->days_in_stage && a->rotting == b->rotting &&
         a->duplicate == b->duplicate && a->no_next_step == b->no_next_step &&
         a->converted == b->converted &&
         g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->stage_id, b->stage_id) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->company, b->company) == 0 &&
         g_strcmp0 (a->channel_name, b->channel_name) == 0 &&
         g_strcmp0 (a->channel_kind, b->channel_kind) == 0 &&
         g_strcmp0 (a->temperature, b->temperature) == 0 &&
         g_strcmp0 (a->owner_name, b->owner_name) == 0 &&
         g_strcmp0 (a->currency, b->currency) == 0 &&
         g_strcmp0 (a->lost_reason, b->lost_reason) == 0;
}

/**
 * crm_board_task_label:
 * @task: a next-task state
 *
 * Returns: (transfer none): what the card says about it, translated
 */
const char *
crm_board_task_label (CrmBoardTask task)
{
  switch (task)
    {
    case CRM_BOARD_TASK_PLANNED:
      return _("Planned");
    case CRM_BOARD_TASK_TODAY:
      return _("Today");
    case CRM_BOARD_TASK_OVERDUE:
      return _("Overdue");
    case CRM_BOARD_TASK_NONE:
    default:
      return _("No task");
    }
}

/**
 * crm_board_text_rids:
 * @store: a #CrmStore
 * @filter: (nullable): the board's filters
 * @error: return location for a #GError
 *
 * The leads the filter's search text finds, for crm_board_column_rids();
 * run once for the whole board.
 *
 * Returns: (transfer full) (nullable): the rids, or %NULL (and no error)
 *   when there is no text to search for
 */
GArray *
crm_board_text_rids (CrmStore              *store,
                     const CrmBoardFilter  *filter,
                     GError               **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (filter == NULL || blank (filter->text))
    return NULL;
  text = g_strstrip (g_strdup (filter->text));
  if (*text == '\0')
    return NULL;
  return crm_search_query_rids (store, text, "lead", CRM_QUERY_TEXT_LIMIT * 10, error);
}

static gint
cmp_rid (gconstpointer a,
         gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
bind_filter (sqlite3_stmt         *stmt,
             const CrmBoardFilter *filter)
{
  const char *values[3] = { NULL, NULL, NULL };

  if (filter != NULL)
    {
      values[0] = filter->owner_id;
      values[1] = filter->channel_id;
      values[2] = filter->temperature;
    }
  for (int i = 0; i < 3; i++)
    {
      if (blank (values[i]))
        sqlite3_bind_null (stmt, i + 2);
      else
        sqlite3_bind_text (stmt, i + 2, values[i], -1, SQLITE_TRANSIENT);
    }
}

#define COLUMN_WHERE \
  " WHERE stage_id = ?1 AND _deleted = 0 AND merged_into IS NULL" \
  " AND (?2 IS NULL OR owner_id = ?2) AND (?3 IS NULL OR channel_id = ?3)" \
  " AND (?4 IS NULL OR temperature = ?4)"

/**
 * crm_board_column_rids:
 * @store: a #CrmStore
 * @stage_id: the column's stage
 * @filter: (nullable): owner, channel and temperature to narrow to
 * @text_rids: (nullable): from crm_board_text_rids(): only these leads
 * @value_sum: (out) (optional): the sum of the listed leads' deal values
 * @error: return location for a #GError
 *
 * The column's leads in card order (the fractional keys, then rid): the
 * id array of a board column's model, 8 bytes a card.
 *
 * Returns: (transfer full) (element-type gint64): the rids
 */
GArray *
crm_board_column_rids (CrmStore              *store,
                       const char            *stage_id,
                       const CrmBoardFilter  *filter,
                       GArray                *text_rids,
                       gint64                *value_sum,
                       GError               **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) rids = NULL;
  g_autoptr(GArray) sorted = NULL;
  gint64 sum = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (stage_id != NULL, NULL);

  stmt = crm_store_stmt (store,
                         "SELECT rid, value FROM leads" COLUMN_WHERE
                         " ORDER BY stage_pos, rid",
                         error);
  if (stmt == NULL)
    return NULL;
  if (text_rids != NULL)
    {
      sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), text_rids->len);
      g_array_append_vals (sorted, text_rids->data, text_rids->len);
      g_array_sort (sorted, cmp_rid);
    }
  sqlite3_bind_text (stmt, 1, stage_id, -1, SQLITE_TRANSIENT);
  bind_filter (stmt, filter);
  rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      if (sorted != NULL &&
          bsearch (&rid, sorted->data, sorted->len, sizeof (gint64),
                   (int (*) (const void *, const void *)) cmp_rid) == NULL)
        continue;
      g_array_append_val (rids, rid);
      sum += sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "board");
      return NULL;
    }
  if (value_sum != NULL)
    *value_sum = sum;
  return g_steal_pointer (&rids);
}

/**
 * crm_board_column_totals:
 * @store: a #CrmStore
 * @stage_id: the column's stage
 * @filter: (nullable): owner, channel and temperature (not the text)
 * @count: (out) (optional): how many leads the column holds
 * @value_sum: (out) (optional): the sum of their deal values
 * @error: return location for a #GError
 *
 * A column header's figures without listing its leads.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_board_column_totals (CrmStore              *store,
                         const char            *stage_id,
                         const CrmBoardFilter  *filter,
                         gint64                *count,
                         gint64                *value_sum,
                         GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (stage_id != NULL, FALSE);

  stmt = crm_store_stmt (store, "SELECT count(*), total(value) FROM leads" COLUMN_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stage_id, -1, SQLITE_TRANSIENT);
  bind_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (count != NULL)
        *count = sqlite3_column_int64 (stmt, 0);
      if (value_sum != NULL)
        *value_sum = (gint64) sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      crm_db_set_error (error, crm_store_get_db (store), "board");
      return FALSE;
    }
  return TRUE;
}

/* A phone or e-mail the lead shares with another live record that nobody
 * marked "not a duplicate" — the card's cheap version of the banner's
 * check (names are left to the card). The lead's own contact and client,
 * made from it by a conversion, do not count. */
#define SHARED(tbl, key)                                                         \
  "EXISTS (SELECT 1 FROM " tbl " p JOIN " tbl " q ON q." key " = p." key        \
  " AND q._deleted = 0 AND q.entity_id != p.entity_id"                           \
  " WHERE p.entity_id = l.id AND p._deleted = 0 AND p." key " IS NOT NULL"       \
  " AND q.entity_id IS NOT l.contact_id AND q.entity_id IS NOT l.client_id"      \
  " AND NOT EXISTS (SELECT 1 FROM leads d WHERE d.id = q.entity_id"              \
  "   AND (d._deleted != 0 OR d.merged_into IS NOT NULL))"                       \
  " AND NOT EXISTS (SELECT 1 FROM dedupe_ignore i WHERE i._deleted = 0"          \
  "   AND ((i.a_id = l.id AND i.b_id = q.entity_id)"                             \
  "     OR (i.a_id = q.entity_id AND i.b_id = l.id))))"

static const char card_sql[] =
  "SELECT l.rid, l.id, l.stage_id, l.full_name, l.company, c.name, c.kind,"
  " l.temperature, u.name, l.currency, l.value, l.stage_entered_ms, s.kind,"
  " s.rotting_days, l.converted_ms, l.lost_reason,"
  " (SELECT min(coalesce(t.due_ms, 9223372036854775807)) FROM tasks t"
  "   WHERE t.entity_id = l.id AND t.done_ms IS NULL AND t._deleted = 0),"
  " (SELECT p.raw FROM phones p WHERE p.entity_id = l.id AND p._deleted = 0"
  "   ORDER BY p.position LIMIT 1),"
  " (SELECT e.raw FROM emails e WHERE e.entity_id = l.id AND e._deleted = 0"
  "   ORDER BY e.position LIMIT 1),"
  " " SHARED ("phones", "e164") " OR " SHARED ("emails", "normalized")
  " FROM leads l LEFT JOIN stages s ON s.id = l.stage_id"
  " LEFT JOIN channels c ON c.id = l.channel_id"
  " LEFT JOIN users u ON u.id = l.owner_id"
  " WHERE l.rid = ?1 AND l._deleted = 0";

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return blank (text) ? NULL : g_strdup (text);
}

static CrmBoardCard *
read_card (sqlite3_stmt *stmt,
           gint64        now_ms,
           gint64        tomorrow_ms)
{
  CrmBoardCard *card = g_atomic_rc_box_new0 (CrmBoardCard);
  g_autofree char *full_name = column_text (stmt, 3);
  g_autofree char *phone = column_text (stmt, 17);
  g_autofree char *email = column_text (stmt, 18);
  const char *stage_kind = (const char *) sqlite3_column_text (stmt, 12);
  gboolean open = g_strcmp0 (stage_kind, "open") == 0;
  gboolean active = open || g_strcmp0 (stage_kind, "nurture") == 0;
  gint64 entered = sqlite3_column_int64 (stmt, 11);

  card->rid = sqlite3_column_int64 (stmt, 0);
  card->id = column_text (stmt, 1);
  card->stage_id = column_text (stmt, 2);
  card->company = column_text (stmt, 4);
  card->channel_name = column_text (stmt, 5);
  card->channel_kind = column_text (stmt, 6);
  card->temperature = column_text (stmt, 7);
  card->owner_name = column_text (stmt, 8);
  card->currency = column_text (stmt, 9);
  card->has_value = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
  card->value = sqlite3_column_int64 (stmt, 10);
  card->converted = sqlite3_column_type (stmt, 14) != SQLITE_NULL;
  card->lost_reason = column_text (stmt, 15);

  /* What to call it, as the lists do: the name, else the company, else
   * how to reach the person. */
  if (full_name != NULL)
    card->title = g_steal_pointer (&full_name);
  else if (card->company != NULL)
    card->title = g_strdup (card->company);
  else if (phone != NULL)
    card->title = g_steal_pointer (&phone);
  else if (email != NULL)
    card->title = g_steal_pointer (&email);
  else
    card->title = g_strdup (_("No name"));
  /* The company line repeats nothing the title already says. */
  if (card->company != NULL && g_strcmp0 (card->company, card->title) == 0)
    g_clear_pointer (&card->company, g_free);

  if (sqlite3_column_type (stmt, 16) == SQLITE_NULL)
    card->task = CRM_BOARD_TASK_NONE;
  else
    {
      card->next_due_ms = sqlite3_column_int64 (stmt, 16);
      if (card->next_due_ms == G_MAXINT64)
        card->next_due_ms = 0;
      if (card->next_due_ms == 0 || card->next_due_ms >= tomorrow_ms)
        card->task = CRM_BOARD_TASK_PLANNED;
      else if (card->next_due_ms < now_ms)
        card->task = CRM_BOARD_TASK_OVERDUE;
      else
        card->task = CRM_BOARD_TASK_TODAY;
    }
  /* The same rule as crm_tasks_needs_next_step(): an open stage, not
   * converted, no open task. */
  card->no_next_step = open && !card->converted && card->task == CRM_BOARD_TASK_NONE;

  if (entered > 0 && now_ms > entered)
    card->days_in_stage = (guint) ((now_ms - entered) / DAY_MS);
  card->rotting = active && !card->converted && sqlite3_column_int64 (stmt, 13) > 0 &&
                  card->days_in_stage > (guint) sqlite3_column_int64 (stmt, 13);
  card->duplicate = sqlite3_column_int (stmt, 19) != 0;
  return card;
}

/**
 * crm_board_fetch_cards:
 * @store: a #CrmStore
 * @rids: leads
 * @n_rids: how many
 * @error: return location for a #GError
 *
 * What the cards of @rids show, lined up with @rids: a lead deleted
 * meanwhile leaves a %NULL. "Today" and "days in stage" are the store
 * clock's, in the workspace time zone.
 *
 * Returns: (transfer full) (element-type CrmBoardCard): the cards
 */
GPtrArray *
crm_board_fetch_cards (CrmStore      *store,
                       const gint64  *rids,
                       guint          n_rids,
                       GError       **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  sqlite3_stmt *stmt;
  gint64 now_ms, tomorrow_ms;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(stmt = crm_store_stmt (store, card_sql, error)))
    return NULL;
  now_ms = crm_store_now_ms (store);
  tz = crm_settings_get_timezone (store);
  tomorrow_ms = crm_local_day_start (tz, now_ms, 1);
  cards = g_ptr_array_new_full (n_rids, (GDestroyNotify) crm_board_card_unref);
  for (guint i = 0; i < n_rids; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, rids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (cards, read_card (stmt, now_ms, tomorrow_ms));
      else
        g_ptr_array_add (cards, NULL);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          crm_db_set_error (error, crm_store_get_db (store), "board");
          return NULL;
        }
    }
  return g_steal_pointer (&cards);
}

static char *
query_text (CrmStore   *store,
            const char *sql,
            const char *a,
            const char *b)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, NULL);
  char *out = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = column_text (stmt, 0);
  sqlite3_reset (stmt);
  return out;
}

/**
 * crm_board_lead_id:
 * @store: a #CrmStore
 * @rid: a lead's rid (a board column holds rids)
 *
 * Returns: (transfer full) (nullable): the lead's id
 */
char *
crm_board_lead_id (CrmStore *store,
                   gint64    rid)
{
  sqlite3_stmt *stmt;
  char *id = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(stmt = crm_store_stmt (store, "SELECT id FROM leads WHERE rid = ?1", NULL)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = column_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

void
crm_board_position_clear (CrmBoardPosition *position)
{
  g_clear_pointer (&position->stage_id, g_free);
  g_clear_pointer (&position->above_id, g_free);
  g_clear_pointer (&position->below_id, g_free);
  g_clear_pointer (&position->lost_reason, g_free);
}

/**
 * crm_board_get_position:
 * @store: a #CrmStore
 * @lead_id: a lead
 * @position: (out caller-allocates): where it is; clear it with
 *   crm_board_position_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_board_get_position (CrmStore          *store,
                        const char        *lead_id,
                        CrmBoardPosition  *position,
                        GError           **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  const char *stage_id, *pos;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL && position != NULL, FALSE);

  memset (position, 0, sizeof *position);
  if (!(lead = crm_store_get (store, "leads", lead_id, error)))
    return FALSE;
  stage_id = crm_record_get_text (lead, "stage_id");
  pos = crm_record_get_text (lead, "stage_pos");
  position->stage_id = g_strdup (stage_id);
  position->lost_reason = g_strdup (crm_record_get_text (lead, "lost_reason"));
  if (stage_id == NULL || pos == NULL)
    return TRUE;
  position->above_id = query_text (store,
                                   "SELECT id FROM leads WHERE stage_id = ?1 AND _deleted = 0"
                                   " AND merged_into IS NULL AND stage_pos < ?2"
                                   " ORDER BY stage_pos DESC LIMIT 1",
                                   stage_id, pos);
  position->below_id = query_text (store,
                                   "SELECT id FROM leads WHERE stage_id = ?1 AND _deleted = 0"
                                   " AND merged_into IS NULL AND stage_pos > ?2"
                                   " ORDER BY stage_pos LIMIT 1",
                                   stage_id, pos);
  return TRUE;
}

/**
 * crm_board_restore:
 * @store: a #CrmStore
 * @lead_id: a lead
 * @position: where it was (crm_board_get_position() before a move)
 * @error: return location for a #GError
 *
 * Undoes a move: the lead goes back to its stage, between the same two
 * leads — or, when they moved meanwhile, to the top of that column — and
 * back to a lost stage with its old reason. One crm_funnel_move(), with
 * its history and timeline entry.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_board_restore (CrmStore                *store,
                   const char              *lead_id,
                   const CrmBoardPosition  *position,
                   GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  CrmMove move = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL && position != NULL && position->stage_id != NULL, FALSE);

  move.stage_id = position->stage_id;
  move.above_id = position->above_id;
  move.below_id = position->below_id;
  move.reason = position->lost_reason;
  if (g_strcmp0 (move.above_id, lead_id) == 0)
    move.above_id = NULL;
  if (g_strcmp0 (move.below_id, lead_id) == 0)
    move.below_id = NULL;
  if (crm_funnel_move (store, lead_id, &move, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_STALE) &&
      !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  move.above_id = move.below_id = NULL;
  return crm_funnel_move (store, lead_id, &move, error);
}

/**
 * crm_board_add_lead:
 * @store: a #CrmStore
 * @stage_id: the column the "+" belongs to
 * @name: (nullable): what the person typed: a name
 * @error: return location for a #GError
 *
 * A new lead straight into a stage (its pipeline follows), at the top of
 * the column, through the write path like any other new lead.
 *
 * Returns: (transfer full): the new lead's id, or %NULL with @error set
 */
char *
crm_board_add_lead (CrmStore    *store,
                    const char  *stage_id,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autoptr(CrmRecord) stage = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *first = NULL;
  g_autofree char *key = NULL;
  const char *kind;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (stage_id != NULL, NULL);

  if (!(stage = crm_store_get (store, "stages", stage_id, error)))
    return NULL;
  kind = crm_record_get_text (stage, "kind");
  if (g_strcmp0 (kind, "won") == 0 || g_strcmp0 (kind, "lost") == 0)
    {
      g_set_error (error, CRM_FUNNEL_ERROR,
                   g_strcmp0 (kind, "won") == 0 ? CRM_FUNNEL_ERROR_NEEDS_CONVERSION
                                                : CRM_FUNNEL_ERROR_NEEDS_REASON,
                   _("New leads cannot start in “%s”"), crm_record_get_text (stage, "name"));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  change = crm_change_new_create ("leads");
  if (*trimmed != '\0')
    crm_change_set_text (change, "full_name", trimmed);
  crm_change_set_text (change, "stage_id", stage_id);
  crm_change_set_text (change, "pipeline_id", crm_record_get_text (stage, "pipeline_id"));
  first = query_text (store,
                      "SELECT stage_pos FROM leads WHERE stage_id = ?1 AND _deleted = 0"
                      " ORDER BY stage_pos LIMIT 1",
                      stage_id, NULL);
  if (first != NULL && crm_rank_is_valid (first) && (key = crm_rank_between (NULL, first)) != NULL)
    crm_change_set_text (change, "stage_pos", key);
  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}
