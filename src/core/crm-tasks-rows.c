/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks"

#include "config.h"

#include "crm-tasks-rows.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-record.h"
#include "crm-settings.h"
#include "crm-text.h"

/* What the Tasks page shows, as one flat array of rows and headers: the
 * groups and days are worked out here, off the UI thread, from one walk
 * of the open-task index (rid and due time only), so the view never sorts,
 * groups or queries. */

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define OPEN "done_ms IS NULL AND _deleted = 0"

static void
add_header (GArray  *rows,
            guint8   kind,
            guint8   list,
            gint64   day_ms,
            guint   *header)
{
  CrmTaskRow row = { 0, day_ms, 0, list, kind };

  *header = rows->len;
  g_array_append_val (rows, row);
}

/* A search looks at the title and at the name of the record. */
#define NAMED(cols, where) \
  "SELECT " cols ", t.title, coalesce(nullif(l.full_name, ''), l.company, c.full_name, k.name)" \
  " FROM tasks t" \
  " LEFT JOIN leads l ON t.entity_type = 'lead' AND l.id = t.entity_id" \
  " LEFT JOIN contacts c ON t.entity_type = 'contact' AND c.id = t.entity_id" \
  " LEFT JOIN clients k ON t.entity_type = 'client' AND k.id = t.entity_id" \
  " WHERE " where
#define T_OPEN "t.done_ms IS NULL AND t._deleted = 0"

/* Titles and names repeat ("Call back", the same lead's five tasks): each
 * distinct text is folded once per search. */
static gboolean
matches (sqlite3_stmt *stmt,
         const char   *needle,
         GHashTable   *seen)
{
  if (needle == NULL)
    return TRUE;
  for (int col = 2; col <= 3; col++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, col);
      gpointer hit;

      if (text == NULL)
        continue;
      if (!g_hash_table_lookup_extended (seen, text, NULL, &hit))
        {
          g_autofree char *folded = crm_text_fold (text);

          hit = GINT_TO_POINTER (folded != NULL && strstr (folded, needle) != NULL);
          g_hash_table_insert (seen, g_strdup (text), hit);
        }
      if (hit)
        return TRUE;
    }
  return FALSE;
}

/**
 * crm_tasks_rows:
 * @store: a #CrmStore (a reader connection is best: this walks every open task)
 * @now_ms: now, UTC ms (the caller's clock, which may be a test's)
 * @with_done: add the Done group, most recently completed first
 * @search: (nullable): keep the tasks whose title or record's name
 *   contains this (case and ё folded)
 * @error: return location for a #GError
 *
 * The rows of the Tasks page in order: Overdue, Today, Upcoming (a header
 * per day, then the tasks with no due date), and Done; each group and day
 * opens with a header row that counts its tasks. Empty groups have no header.
 *
 * Returns: (transfer full) (element-type CrmTaskRow): the rows
 */
GArray *
crm_tasks_rows (CrmStore    *store,
                gint64       now_ms,
                gboolean     with_done,
                const char  *search,
                GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CrmTaskRow));
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  gint64 tomorrow, day_end = 0;
  guint section = G_MAXUINT, day = G_MAXUINT;
  int list = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (search != NULL && !crm_text_is_blank (search))
    needle = crm_text_fold (search);
  tz = crm_settings_get_timezone (store);
  tomorrow = crm_local_day_start (tz, now_ms, 1);

  /* NULL due times sort first in SQLite: they come in a second pass. */
  stmt = crm_store_stmt (store, needle != NULL
                         ? NAMED ("t.rid, t.due_ms", T_OPEN " AND t.due_ms IS NOT NULL")
                           " ORDER BY t.due_ms, t.rid"
                         : "SELECT rid, due_ms FROM tasks WHERE " OPEN
                           " AND due_ms IS NOT NULL ORDER BY due_ms, rid", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTaskRow row = { 0 };
      gint64 due = sqlite3_column_int64 (stmt, 1);
      int in = due < now_ms ? CRM_TASK_LIST_OVERDUE
               : due < tomorrow ? CRM_TASK_LIST_TODAY : CRM_TASK_LIST_UPCOMING;

      if (!matches (stmt, needle, seen))
        continue;
      if (in != list)
        {
          list = in;
          add_header (rows, CRM_TASK_ROW_SECTION, list, 0, &section);
        }
      if (list == CRM_TASK_LIST_UPCOMING && due >= day_end)
        {
          gint64 start = crm_local_day_start (tz, due, 0);

          day_end = crm_local_day_start (tz, due, 1);
          add_header (rows, CRM_TASK_ROW_DAY, list, start, &day);
        }
      row.rid = sqlite3_column_int64 (stmt, 0);
      row.list = list;
      row.kind = CRM_TASK_ROW_TASK;
      g_array_append_val (rows, row);
      g_array_index (rows, CrmTaskRow, section).count++;
      if (list == CRM_TASK_LIST_UPCOMING)
        g_array_index (rows, CrmTaskRow, day).count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = crm_store_stmt (store, NAMED ("t.rid, t.due_ms", T_OPEN " AND t.due_ms IS NULL")
                         " ORDER BY t.rid", error);
  if (stmt == NULL)
    return NULL;
  day = G_MAXUINT;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTaskRow row = { sqlite3_column_int64 (stmt, 0), 0, 0, CRM_TASK_LIST_UPCOMING, CRM_TASK_ROW_TASK };

      if (!matches (stmt, needle, seen))
        continue;
      if (list != CRM_TASK_LIST_UPCOMING)
        {
          list = CRM_TASK_LIST_UPCOMING;
          add_header (rows, CRM_TASK_ROW_SECTION, list, 0, &section);
        }
      if (day == G_MAXUINT || g_array_index (rows, CrmTaskRow, day).day_ms != 0)
        add_header (rows, CRM_TASK_ROW_DAY, list, 0, &day);
      g_array_append_val (rows, row);
      g_array_index (rows, CrmTaskRow, section).count++;
      g_array_index (rows, CrmTaskRow, day).count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if (!with_done)
    return g_steal_pointer (&rows);

  stmt = crm_store_stmt (store, NAMED ("t.rid, t.done_ms", "t.done_ms IS NOT NULL AND t._deleted = 0")
                         " ORDER BY t.done_ms DESC, t.rid DESC", error);
  if (stmt == NULL)
    return NULL;
  section = G_MAXUINT;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTaskRow row = { sqlite3_column_int64 (stmt, 0), 0, 0, CRM_TASK_LIST_DONE, CRM_TASK_ROW_TASK };

      if (!matches (stmt, needle, seen))
        continue;
      if (section == G_MAXUINT)
        add_header (rows, CRM_TASK_ROW_SECTION, CRM_TASK_LIST_DONE, 0, &section);
      g_array_append_val (rows, row);
      g_array_index (rows, CrmTaskRow, section).count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;
  return g_steal_pointer (&rows);

failed:
  crm_db_set_error (error, crm_store_get_db (store), "tasks");
  return NULL;
}

/**
 * crm_tasks_count_due:
 * @store: a #CrmStore
 * @now_ms: now, UTC ms
 * @overdue: (out) (optional): how many of them are overdue
 *
 * The sidebar badge: open tasks due before the end of today (overdue
 * ones included), counted on the open-task index.
 *
 * Returns: the count
 */
guint
crm_tasks_count_due (CrmStore *store,
                     gint64    now_ms,
                     guint    *overdue)
{
  g_autoptr(GTimeZone) tz = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);

  tz = crm_settings_get_timezone (store);
  stmt = crm_store_stmt (store, "SELECT count(*), count(*) FILTER (WHERE due_ms < ?1)"
                         " FROM tasks WHERE " OPEN " AND due_ms < ?2", NULL);
  if (overdue != NULL)
    *overdue = 0;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int64 (stmt, 2, crm_local_day_start (tz, now_ms, 1));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n = sqlite3_column_int64 (stmt, 0);
      if (overdue != NULL)
        *overdue = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return n;
}

/**
 * crm_tasks_tomorrow_ms:
 * @store: a #CrmStore
 * @now_ms: now, UTC ms
 *
 * "Snooze until tomorrow": the start of the next working day after today
 * (the work hours and days of the workspace, in its time zone).
 *
 * Returns: UTC ms
 */
gint64
crm_tasks_tomorrow_ms (CrmStore *store,
                       gint64    now_ms)
{
  g_autoptr(CrmWorkHours) wh = crm_tasks_work_hours (store);

  return crm_work_hours_next_working (wh, crm_local_day_start (wh->tz, now_ms, 1));
}

/**
 * crm_tasks_update:
 * @store: a #CrmStore
 * @task_id: a task id (or a unique prefix)
 * @input: its new kind, title, note, owner, due time and reminder (the
 *   record it belongs to stays)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_update (CrmStore            *store,
                  const char          *task_id,
                  const CrmTaskInput  *input,
                  GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(CrmRecord) task = NULL;
  g_autoptr(CrmChange) change = NULL;
  const char *kind;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (task_id != NULL && input != NULL, FALSE);

  kind = input->kind != NULL ? input->kind : "todo";
  if (!crm_task_kind_is_valid (kind))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Kind: “%s” is not a task kind (call, email, meeting, todo, message)"), kind);
      return FALSE;
    }
  if (input->due_ms < 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Due: not a valid time"));
      return FALSE;
    }
  if (input->remind_before_min >= 0 && input->due_ms == 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Reminder: a task needs a due time to be reminded of"));
      return FALSE;
    }
  if (!(id = crm_store_resolve_id (store, "tasks", task_id, error)) ||
      !(task = crm_store_get (store, "tasks", id, error)))
    return FALSE;

  title = g_strstrip (g_strdup (input->title != NULL ? input->title : ""));
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (crm_task_kind_label (kind));
    }

  change = crm_change_new_update ("tasks", id);
  crm_change_set_text (change, "kind", kind);
  crm_change_set_text (change, "title", title);
  if (crm_text_is_blank (input->note))
    crm_change_set_null (change, "note");
  else
    crm_change_set_text (change, "note", input->note);
  if (input->owner_id != NULL)
    crm_change_set_text (change, "owner_id", input->owner_id);
  if (input->due_ms > 0)
    crm_change_set_int (change, "due_ms", input->due_ms);
  else
    crm_change_set_null (change, "due_ms");
  if (input->remind_before_min >= 0)
    crm_change_set_int (change, "remind_ms", input->due_ms - input->remind_before_min * MINUTE_MS);
  else
    crm_change_set_null (change, "remind_ms");
  return crm_store_apply (store, change, error);
}

static GDateTime *
local (GTimeZone *tz,
       gint64     ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_to_timezone (utc, tz);
}

/**
 * crm_tasks_format_day:
 * @tz: the workspace time zone
 * @day_ms: a local midnight, UTC ms; 0 for "no due date"
 * @now_ms: now
 *
 * Returns: (transfer full): a day header: "Tomorrow", "Friday, 5 December"
 */
char *
crm_tasks_format_day (GTimeZone *tz,
                      gint64     day_ms,
                      gint64     now_ms)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (day_ms == 0)
    return g_strdup (_("No due date"));
  if (day_ms == crm_local_day_start (tz, now_ms, 0))
    return g_strdup (_("Today"));
  if (day_ms == crm_local_day_start (tz, now_ms, 1))
    return g_strdup (_("Tomorrow"));
  day = local (tz, day_ms + 12 * 60 * MINUTE_MS);
  now = local (tz, now_ms);
  if (g_date_time_get_year (day) != g_date_time_get_year (now))
    /* Translators: a day header in the task list; strftime format */
    return g_date_time_format (day, _("%A, %-d %B %Y"));
  /* Translators: a day header in the task list; strftime format */
  return g_date_time_format (day, _("%A, %-d %B"));
}

/**
 * crm_tasks_format_due:
 * @tz: the workspace time zone
 * @due_ms: a due time, UTC ms (0: none)
 * @now_ms: now
 *
 * Returns: (transfer full): when a task is due, relative and absolute:
 *   "in 25 min · 14:30", "3 h ago · 09:00", "tomorrow · 10:00",
 *   "2 days ago · 28 Nov 10:00"
 */
char *
crm_tasks_format_due (GTimeZone *tz,
                      gint64     due_ms,
                      gint64     now_ms)
{
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *rel = NULL;
  g_autofree char *abs = NULL;
  gint64 delta, minutes;
  int days;

  if (due_ms <= 0)
    return g_strdup (_("No due date"));
  due = local (tz, due_ms);
  delta = due_ms - now_ms;
  minutes = ABS (delta) / MINUTE_MS;
  {
    /* Whole local days apart, rounded: a DST day is 23 or 25 hours. */
    gint64 diff = crm_local_day_start (tz, due_ms, 0) - crm_local_day_start (tz, now_ms, 0);

    days = (int) ((diff + (diff < 0 ? -1 : 1) * 12 * 60 * MINUTE_MS) / (24 * 60 * MINUTE_MS));
  }

  if (minutes < 1)
    rel = g_strdup (_("now"));
  else if (minutes < 60)
    rel = g_strdup_printf (delta > 0 ? g_dngettext (GETTEXT_PACKAGE, "in %d min", "in %d min", minutes)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes),
                           (int) minutes);
  else if (days == 0)
    rel = g_strdup_printf (delta > 0 ? g_dngettext (GETTEXT_PACKAGE, "in %d h", "in %d h", minutes / 60)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", minutes / 60),
                           (int) (minutes / 60));
  else if (days == 1)
    rel = g_strdup (_("tomorrow"));
  else if (days == -1)
    rel = g_strdup (_("yesterday"));
  else if (days > 1)
    rel = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days), days);
  else
    rel = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days), -days);

  if (days == 0 || days == 1 || days == -1)
    abs = g_date_time_format (due, "%H:%M");
  else
    /* Translators: a task's due date and time; strftime format */
    abs = g_date_time_format (due, _("%-d %b %H:%M"));
  /* Translators: "in 25 min · 14:30" */
  return g_strdup_printf (_("%s · %s"), rel, abs);
}
