/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks"

#include "config.h"

#include "crm-tasks.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-cadence.h"
#include "crm-error.h"
#include "crm-next-step-private.h"
#include "crm-record.h"
#include "crm-settings.h"
#include "crm-text.h"

/* Tasks and reminders: what to do with a record and when. Every write is a
 * CrmChange through the store's one write path; every list is one indexed
 * query (the open-task indexes are partial: WHERE done_ms IS NULL AND
 * _deleted = 0, repeated verbatim below so SQLite can use them). */

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define OPEN "done_ms IS NULL AND _deleted = 0"

static const char *const kinds[] = {
  "call", "email", "meeting", "todo", "message", "respond", NULL
};

gboolean
crm_task_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (kinds, kind);
}

/**
 * crm_task_kind_label:
 * @kind: a task kind
 *
 * Returns: the kind as people say it, translated
 */
const char *
crm_task_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return C_("task kind", "Call");
  if (g_strcmp0 (kind, "email") == 0)
    return C_("task kind", "E-mail");
  if (g_strcmp0 (kind, "meeting") == 0)
    return C_("task kind", "Meeting");
  if (g_strcmp0 (kind, "message") == 0)
    return C_("task kind", "Message");
  if (g_strcmp0 (kind, "respond") == 0)
    return C_("task kind", "First response");
  return C_("task kind", "To-do");
}

const char *
crm_task_list_name (CrmTaskList list)
{
  switch (list)
    {
    case CRM_TASK_LIST_OVERDUE:
      return "overdue";
    case CRM_TASK_LIST_TODAY:
      return "today";
    case CRM_TASK_LIST_UPCOMING:
      return "upcoming";
    case CRM_TASK_LIST_DONE:
      return "done";
    case CRM_TASK_N_LISTS:
    default:
      return "";
    }
}

/**
 * crm_tasks_work_hours:
 * @store: a #CrmStore
 *
 * Returns: (transfer full): the workspace's work hours, days and zone
 */
CrmWorkHours *
crm_tasks_work_hours (CrmStore *store)
{
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);
  guint start, end;

  crm_settings_get_work_hours (store, &start, &end);
  return crm_work_hours_new (tz, start, end, crm_settings_get_work_days (store));
}

static CrmRecord *
get_live (CrmStore    *store,
          const char  *tbl,
          const char  *id,
          GError     **error)
{
  g_autoptr(CrmRecord) record = crm_store_get (store, tbl, id, error);

  if (record == NULL)
    return NULL;
  if (crm_record_is_deleted (record))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The record was deleted"));
      return NULL;
    }
  return g_steal_pointer (&record);
}

/**
 * crm_tasks_create:
 * @store: a #CrmStore
 * @input: the task
 * @error: return location for a #GError
 *
 * Adds a task through the write path. A task linked to a record must name
 * a live lead, contact or client; its owner defaults to the record's.
 *
 * Returns: (transfer full): the new task's id, or %NULL with @error set
 */
char *
crm_tasks_create (CrmStore            *store,
                  const CrmTaskInput  *input,
                  GError             **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autoptr(CrmRecord) entity = NULL;
  g_autofree char *title = NULL;
  const char *kind;
  const char *owner;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  kind = input->kind != NULL ? input->kind : "todo";
  if (!crm_task_kind_is_valid (kind))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Kind: “%s” is not a task kind (call, email, meeting, todo, message)"), kind);
      return NULL;
    }
  if ((input->entity_type == NULL) != (input->entity_id == NULL))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("A task belongs to a lead, a contact or a client"));
      return NULL;
    }
  if (input->entity_type != NULL)
    {
      const char *tbl = crm_entity_table (input->entity_type);

      if (tbl == NULL || (strcmp (input->entity_type, "lead") != 0 &&
                          strcmp (input->entity_type, "contact") != 0 &&
                          strcmp (input->entity_type, "client") != 0))
        {
          g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                               _("A task belongs to a lead, a contact or a client"));
          return NULL;
        }
      if (!(entity = get_live (store, tbl, input->entity_id, error)))
        return NULL;
    }
  if (input->due_ms < 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Due: not a valid time"));
      return NULL;
    }
  if (input->remind_before_min >= 0 && input->due_ms == 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Reminder: a task needs a due time to be reminded of"));
      return NULL;
    }

  title = g_strstrip (g_strdup (input->title != NULL ? input->title : ""));
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (crm_task_kind_label (kind));
    }

  owner = input->owner_id;
  if (owner == NULL && entity != NULL)
    owner = crm_record_get_text (entity, "owner_id");
  if (owner == NULL)
    owner = crm_store_get_user_id (store);

  change = crm_change_new_create ("tasks");
  if (input->entity_type != NULL)
    {
      crm_change_set_text (change, "entity_type", input->entity_type);
      crm_change_set_text (change, "entity_id", crm_record_get_id (entity));
    }
  crm_change_set_text (change, "kind", kind);
  crm_change_set_text (change, "title", title);
  if (!crm_text_is_blank (input->note))
    crm_change_set_text (change, "note", input->note);
  if (input->due_ms > 0)
    crm_change_set_int (change, "due_ms", input->due_ms);
  if (input->remind_before_min >= 0)
    crm_change_set_int (change, "remind_ms", input->due_ms - input->remind_before_min * MINUTE_MS);
  if (owner != NULL)
    crm_change_set_text (change, "owner_id", owner);
  if (input->cadence_id != NULL)
    {
      crm_change_set_text (change, "cadence_id", input->cadence_id);
      crm_change_set_int (change, "cadence_step", MAX (input->cadence_step, 0));
    }

  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}

static CrmRecord *
get_task (CrmStore    *store,
          const char  *task_id,
          GError     **error)
{
  g_autofree char *id = crm_store_resolve_id (store, "tasks", task_id, error);

  if (id == NULL)
    return NULL;
  return get_live (store, "tasks", id, error);
}

/**
 * crm_tasks_set_done:
 * @store: a #CrmStore
 * @task_id: a task id (or a unique prefix)
 * @done: %TRUE to complete it, %FALSE to open it again
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when it already was so)
 */
gboolean
crm_tasks_set_done (CrmStore    *store,
                    const char  *task_id,
                    gboolean     done,
                    GError     **error)
{
  g_autoptr(CrmRecord) task = NULL;
  g_autoptr(CrmChange) change = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (task_id != NULL, FALSE);

  if (!(task = get_task (store, task_id, error)))
    return FALSE;
  if (crm_record_has_value (task, "done_ms") == done)
    return TRUE;

  change = crm_change_new_update ("tasks", crm_record_get_id (task));
  if (done)
    crm_change_set_int (change, "done_ms", crm_store_now_ms (store));
  else
    crm_change_set_null (change, "done_ms");
  return crm_store_apply (store, change, error);
}

/**
 * crm_tasks_snooze:
 * @store: a #CrmStore
 * @task_id: a task id (or a unique prefix)
 * @minutes: how long to put it off (1 minute to 30 days)
 * @error: return location for a #GError
 *
 * Reminds again @minutes from now; a task due before then moves to then
 * (so a snoozed overdue task stops being overdue).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_snooze (CrmStore    *store,
                  const char  *task_id,
                  guint        minutes,
                  GError     **error)
{
  g_autoptr(CrmRecord) task = NULL;
  g_autoptr(CrmChange) change = NULL;
  gint64 until;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (task_id != NULL, FALSE);

  if (minutes < 1 || minutes > 30 * 24 * 60)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Snooze: between 1 minute and 30 days"));
      return FALSE;
    }
  if (!(task = get_task (store, task_id, error)))
    return FALSE;
  if (crm_record_has_value (task, "done_ms"))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("The task is done already"));
      return FALSE;
    }

  until = crm_store_now_ms (store) + minutes * MINUTE_MS;
  change = crm_change_new_update ("tasks", crm_record_get_id (task));
  crm_change_set_int (change, "remind_ms", until);
  if (crm_record_get_int (task, "due_ms", 0) < until)
    crm_change_set_int (change, "due_ms", until);
  return crm_store_apply (store, change, error);
}

/**
 * crm_tasks_reschedule:
 * @store: a #CrmStore
 * @task_id: a task id (or a unique prefix)
 * @due_ms: the new due time, UTC ms
 * @error: return location for a #GError
 *
 * Moves a task; its reminder keeps its distance to the due time.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_reschedule (CrmStore    *store,
                      const char  *task_id,
                      gint64       due_ms,
                      GError     **error)
{
  g_autoptr(CrmRecord) task = NULL;
  g_autoptr(CrmChange) change = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (due_ms <= 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Due: not a valid time"));
      return FALSE;
    }
  if (!(task = get_task (store, task_id, error)))
    return FALSE;
  change = crm_change_new_update ("tasks", crm_record_get_id (task));
  crm_change_set_int (change, "due_ms", due_ms);
  if (crm_record_has_value (task, "remind_ms") && crm_record_has_value (task, "due_ms"))
    crm_change_set_int (change, "remind_ms",
                        due_ms - (crm_record_get_int (task, "due_ms", 0) -
                                  crm_record_get_int (task, "remind_ms", 0)));
  return crm_store_apply (store, change, error);
}

static GPtrArray *
collect (CrmStore      *store,
         sqlite3_stmt  *stmt,
         GPtrArray     *out,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, crm_record_new_from_stmt ("tasks", stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "tasks");
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

/**
 * crm_tasks_list:
 * @store: a #CrmStore
 * @list: which group
 * @limit: at most this many, 0 for all
 * @error: return location for a #GError
 *
 * Open groups come soonest first (upcoming ends with the tasks that have
 * no due time); done comes most recently completed first.
 *
 * Returns: (transfer full) (element-type CrmTask): the tasks
 */
GPtrArray *
crm_tasks_list (CrmStore     *store,
                CrmTaskList   list,
                guint         limit,
                GError      **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gint64 now, tomorrow;
  gint64 max = limit > 0 ? (gint64) limit : -1;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  now = crm_store_now_ms (store);
  tz = crm_settings_get_timezone (store);
  tomorrow = crm_local_day_start (tz, now, 1);

  switch (list)
    {
    case CRM_TASK_LIST_OVERDUE:
      stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE " OPEN " AND due_ms < ?1"
                             " ORDER BY due_ms, rid LIMIT ?3", error);
      break;
    case CRM_TASK_LIST_TODAY:
      stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE " OPEN " AND due_ms >= ?1"
                             " AND due_ms < ?2 ORDER BY due_ms, rid LIMIT ?3", error);
      break;
    case CRM_TASK_LIST_UPCOMING:
      stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE " OPEN " AND due_ms >= ?2"
                             " ORDER BY due_ms, rid LIMIT ?3", error);
      break;
    case CRM_TASK_LIST_DONE:
      stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE done_ms IS NOT NULL AND _deleted = 0"
                             " ORDER BY done_ms DESC, rid DESC LIMIT ?3", error);
      break;
    case CRM_TASK_N_LISTS:
    default:
      g_return_val_if_reached (out);
    }
  if (stmt == NULL)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, now);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, tomorrow);
  sqlite3_bind_int64 (stmt, 3, max);
  if (!(out = collect (store, stmt, out, error)))
    return NULL;

  if (list == CRM_TASK_LIST_UPCOMING && (max < 0 || out->len < (guint) max))
    {
      if (!(stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE " OPEN " AND due_ms IS NULL"
                                   " ORDER BY rid LIMIT ?1", error)))
        {
          g_ptr_array_unref (out);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, max < 0 ? -1 : max - out->len);
      if (!(out = collect (store, stmt, out, error)))
        return NULL;
    }
  return out;
}

/**
 * crm_tasks_count:
 * @store: a #CrmStore
 * @counts: (out): the size of each #CrmTaskList group
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_count (CrmStore     *store,
                 guint         counts[CRM_TASK_N_LISTS],
                 GError      **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  sqlite3_stmt *stmt;
  gint64 now, tomorrow;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  now = crm_store_now_ms (store);
  tz = crm_settings_get_timezone (store);
  tomorrow = crm_local_day_start (tz, now, 1);

  stmt = crm_store_stmt (store,
                         "SELECT (SELECT count(*) FROM tasks WHERE " OPEN " AND due_ms < ?1),"
                         " (SELECT count(*) FROM tasks WHERE " OPEN " AND due_ms >= ?1 AND due_ms < ?2),"
                         " (SELECT count(*) FROM tasks WHERE " OPEN " AND due_ms >= ?2)"
                         " + (SELECT count(*) FROM tasks WHERE " OPEN " AND due_ms IS NULL),"
                         " (SELECT count(*) FROM tasks WHERE done_ms IS NOT NULL AND _deleted = 0)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, tomorrow);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int i = 0; i < CRM_TASK_N_LISTS; i++)
      counts[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      crm_db_set_error (error, crm_store_get_db (store), "tasks");
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_tasks_next_for:
 * @store: a #CrmStore
 * @entity_id: a lead, contact or client
 * @error: return location for a #GError
 *
 * The record's next follow-up: its open task due soonest (one with no due
 * time only when there is nothing else).
 *
 * Returns: (transfer full) (nullable): the task, %NULL without @error when
 *   there is none
 */
CrmTask *
crm_tasks_next_for (CrmStore    *store,
                    const char  *entity_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE entity_id = ?1 AND " OPEN
                         " ORDER BY due_ms IS NULL, due_ms, rid LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  if (!(out = collect (store, stmt, g_steal_pointer (&out), error)))
    return NULL;
  return out->len > 0 ? g_object_ref (g_ptr_array_index (out, 0)) : NULL;
}

#define NO_NEXT_STEP " FROM leads l WHERE " CRM_SQL_NEEDS_NEXT_STEP ("l")

/**
 * crm_tasks_needs_next_step:
 * @store: a #CrmStore
 * @lead_id: a lead
 *
 * Returns: whether the lead sits in an open stage with no open task: the
 *   "no next step" mark of lists, cards and the funnel
 */
gboolean
crm_tasks_needs_next_step (CrmStore   *store,
                           const char *lead_id)
{
  g_autofree char *found = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL, FALSE);

  found = crm_store_query_text (store, "SELECT l.id" NO_NEXT_STEP " AND l.id = ?1", lead_id);
  return found != NULL;
}

/**
 * crm_tasks_leads_without_next_step:
 * @store: a #CrmStore
 * @limit: at most this many, 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8): the ids of the leads with
 *   no next step, oldest first
 */
GPtrArray *
crm_tasks_leads_without_next_step (CrmStore    *store,
                                   guint        limit,
                                   GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = crm_store_stmt (store, "SELECT l.id" NO_NEXT_STEP " ORDER BY l.created_ms, l.rid LIMIT ?1",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "tasks");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * crm_tasks_next_reminder_ms:
 * @store: a #CrmStore
 * @after_ms: reminders at or before this were handled already
 *
 * What one scheduler timer waits for: the earliest reminder of an open
 * task after @after_ms, by one seek on the partial index of open
 * reminders (whatever the number of tasks).
 *
 * Returns: UTC ms, or 0 when nothing is pending
 */
gint64
crm_tasks_next_reminder_ms (CrmStore *store,
                            gint64    after_ms)
{
  sqlite3_stmt *stmt;
  gint64 next = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);

  stmt = crm_store_stmt (store, "SELECT min(remind_ms) FROM tasks WHERE " OPEN
                         " AND remind_ms > ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, after_ms);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    next = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return next;
}

/**
 * crm_tasks_reminders_between:
 * @store: a #CrmStore
 * @after_ms: the last moment already handled (excluded)
 * @until_ms: up to this moment (included), usually now
 * @error: return location for a #GError
 *
 * The reminders to show: at a timer's wake-up, or on start the ones missed
 * while the app was not running (after = when it last checked).
 *
 * Returns: (transfer full) (element-type CrmTask): open tasks, by reminder
 */
GPtrArray *
crm_tasks_reminders_between (CrmStore    *store,
                             gint64       after_ms,
                             gint64       until_ms,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE " OPEN " AND remind_ms > ?1"
                         " AND remind_ms <= ?2 ORDER BY remind_ms, rid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_ms);
  sqlite3_bind_int64 (stmt, 2, until_ms);
  return collect (store, stmt, g_ptr_array_new_with_free_func (g_object_unref), error);
}

/**
 * crm_tasks_entity_name:
 * @store: a #CrmStore
 * @entity_type: "lead", "contact" or "client"
 * @entity_id: the record
 *
 * Returns: (transfer full) (nullable): the record's name (a lead without
 *   one: its company)
 */
char *
crm_tasks_entity_name (CrmStore   *store,
                       const char *entity_type,
                       const char *entity_id)
{
  if (entity_type == NULL || entity_id == NULL)
    return NULL;
  if (strcmp (entity_type, "lead") == 0)
    return crm_store_query_text (store, "SELECT coalesce(nullif(full_name, ''), company) FROM leads WHERE id = ?1",
                                 entity_id);
  if (strcmp (entity_type, "contact") == 0)
    return crm_store_query_text (store, "SELECT full_name FROM contacts WHERE id = ?1", entity_id);
  if (strcmp (entity_type, "client") == 0)
    return crm_store_query_text (store, "SELECT name FROM clients WHERE id = ?1", entity_id);
  return NULL;
}

/**
 * crm_tasks_resolve_entity:
 * @store: a #CrmStore
 * @id_or_prefix: a lead, contact or client id, or a unique prefix of one
 * @entity_type: (out): "lead", "contact" or "client"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the full id, or %NULL with @error set
 */
char *
crm_tasks_resolve_entity (CrmStore     *store,
                          const char   *id_or_prefix,
                          const char  **entity_type,
                          GError      **error)
{
  static const char *const types[] = { "lead", "contact", "client" };

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) local = NULL;
      char *id = crm_store_resolve_id (store, crm_entity_table (types[i]), id_or_prefix, &local);

      if (id != NULL)
        {
          *entity_type = types[i];
          return id;
        }
      g_autofree char *not_found = g_strdup_printf (_("No record with id “%s”"), id_or_prefix);

      if (g_strcmp0 (local->message, not_found) != 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("No lead, contact or client with id “%s”"), id_or_prefix);
  return NULL;
}

/**
 * crm_tasks_on_lead_created:
 * @store: a #CrmStore
 * @lead_id: a lead just created, one by one (imports do not come here)
 * @error: return location for a #GError
 *
 * The first-response SLA: a new lead (created less than a day ago) in an
 * open stage that nobody has answered yet gets a "respond" task due at its creation plus the SLA in
 * working minutes (the reminder five minutes before), and the cadences
 * triggered by a new lead start. Called by the write path inside the
 * lead's transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_on_lead_created (CrmStore    *store,
                           const char  *lead_id,
                           GError     **error)
{
  g_autoptr(CrmWorkHours) wh = NULL;
  g_autofree char *task_id = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  sqlite3_stmt *stmt;
  gint64 now = crm_store_now_ms (store);
  gint64 created, due;
  gboolean waiting;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  /* One cheap look first: most leads created in one go by a demo or a
   * copy of old data stop here. */
  stmt = crm_store_stmt (store, "SELECT l.created_ms, l.first_response_ms IS NULL"
                         " AND l.converted_ms IS NULL AND coalesce(s.kind, 'open') = 'open'"
                         " FROM leads l LEFT JOIN stages s ON s.id = l.stage_id WHERE l.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lead_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  created = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : now;
  waiting = rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No record with id “%s”"), lead_id);
      return FALSE;
    }

  /* A record entered with its past (a day or more ago: a demo, a copy from
   * another system) is history, not an inquiry waiting for an answer. */
  if (created < now - 24 * 60 * MINUTE_MS)
    return TRUE;

  if (waiting)
    {
      wh = crm_tasks_work_hours (store);
      due = crm_work_hours_add_minutes (wh, created, crm_settings_get_sla_minutes (store));

      input.entity_type = "lead";
      input.entity_id = lead_id;
      input.kind = "respond";
      input.title = _("Respond to the new lead");
      input.due_ms = due;
      input.remind_before_min = due - created > 5 * MINUTE_MS ? 5 : 0;
      if (!(task_id = crm_tasks_create (store, &input, error)))
        return FALSE;
    }

  return crm_cadence_on_lead_created (store, lead_id, created, error);
}

static const char *
task_kind_for_activity (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call";
  if (g_strcmp0 (kind, "email") == 0)
    return "email";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "meeting";
  if (g_strcmp0 (kind, "message") == 0 || g_strcmp0 (kind, "sms") == 0)
    return "message";
  return NULL;
}

/* Logging a call ticks off the call that was planned for today. */
static gboolean
complete_planned (CrmStore    *store,
                  const char  *entity_id,
                  const char  *task_kind,
                  gint64       at_ms,
                  GError     **error)
{
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);
  g_autofree char *task_id = NULL;
  g_autoptr(CrmChange) change = NULL;
  sqlite3_stmt *stmt;

  stmt = crm_store_stmt (store, "SELECT id FROM tasks WHERE entity_id = ?1 AND " OPEN
                         " AND kind = ?2 AND due_ms < ?3 ORDER BY due_ms, rid LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, task_kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, crm_local_day_start (tz, MAX (at_ms, crm_store_now_ms (store)), 1));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    task_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (task_id == NULL)
    return TRUE;

  change = crm_change_new_update ("tasks", task_id);
  crm_change_set_int (change, "done_ms", at_ms);
  return crm_store_apply (store, change, error);
}

/**
 * crm_tasks_on_activity:
 * @store: a #CrmStore
 * @input: the activity just logged
 * @error: return location for a #GError
 *
 * What an activity means for tasks and cadences, in its transaction: an
 * outbound call, e-mail, meeting or message completes the matching task
 * planned up to today; an answer (an answered call, or anything coming in
 * from the person) stops the lead's running cadences; a call outcome
 * ("no-answer", …) starts the cadences it triggers.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_on_activity (CrmStore                *store,
                       const CrmActivityInput  *input,
                       GError                 **error)
{
  const char *direction;
  const char *task_kind;
  gint64 at_ms;
  gboolean outbound;
  gboolean answered;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  direction = input->direction;
  if (direction == NULL && g_strcmp0 (input->kind, "note") != 0)
    direction = "out";
  at_ms = input->at_ms > 0 ? input->at_ms : crm_store_now_ms (store);
  outbound = crm_activity_is_outbound (input->kind, direction);
  task_kind = task_kind_for_activity (input->kind);

  if (outbound && task_kind != NULL &&
      !complete_planned (store, input->entity_id, task_kind, at_ms, error))
    return FALSE;

  if (g_strcmp0 (input->entity_type, "lead") != 0)
    return TRUE;

  answered = (g_strcmp0 (input->kind, "call") == 0 && g_strcmp0 (input->outcome, "answered") == 0) ||
             (task_kind != NULL && g_strcmp0 (direction, "in") == 0);
  if (answered)
    return crm_cadence_on_answer (store, input->entity_id, error);
  if (g_strcmp0 (input->kind, "call") == 0 && input->outcome != NULL)
    return crm_cadence_on_call_outcome (store, input->entity_id, input->outcome, at_ms, error);
  return TRUE;
}
