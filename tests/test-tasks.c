/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "crm-activity-log.h"
#include "crm-cadence.h"
#include "crm-convert.h"
#include "crm-funnel.h"
#include "crm-record.h"
#include "crm-reminders.h"
#include "crm-settings.h"
#include "crm-store.h"
#include "crm-store-query.h"
#include "crm-tasks.h"
#include "crm-tasks-ics.h"
#include "crm-tasks-message.h"
#include "crm-tasks-rows.h"
#include "crm-test-util.h"

/* Tasks, the first-response SLA and the default cadences, end to end on a
 * workspace file with the injected clock, in Moscow's time zone. */

#define MINUTE G_GINT64_CONSTANT (60000)

static gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (crm_parse_iso8601_ms (text, &ms));
  return ms;
}

#define assert_ms(a, b) \
  G_STMT_START { \
    g_autofree char *sa = crm_format_iso8601_ms (a); \
    g_autofree char *sb = crm_format_iso8601_ms (b); \
    g_assert_cmpstr (sa, ==, sb); \
  } G_STMT_END

/* Monday 2026-11-30 10:00 in Moscow. */
#define MONDAY_10 "2026-11-30T07:00:00Z"

static void
setup (CrmTestStore  *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  crm_test_store_setup (f, data);
  g_assert_true (crm_settings_set_timezone (f->store, "Europe/Moscow", &error));
  g_assert_no_error (error);
  crm_clock_set_fixed (f->clock, iso (MONDAY_10));
}

static char *
add_lead (CrmTestStore *f)
{
  return crm_test_add (f->store, "leads", "full_name", "Иванов Иван Петрович",
                       "company", "ООО «Ромашка»", NULL);
}

static gint64
count (CrmTestStore *f,
       const char   *sql,
       const char   *arg)
{
  return crm_test_query_int (f->store, sql, arg);
}

static guint
list_len (CrmTestStore *f,
          CrmTaskList   list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = crm_tasks_list (f->store, list, 0, &error);
  guint counts[CRM_TASK_N_LISTS];

  g_assert_no_error (error);
  g_assert_true (crm_tasks_count (f->store, counts, &error));
  g_assert_cmpuint (counts[list], ==, tasks->len);
  return tasks->len;
}

static char *
stage_of_kind (CrmTestStore *f,
               const char   *kind,
               int           nth)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM stages WHERE kind = ?1 ORDER BY position"
                                          " LIMIT 1 OFFSET %d", nth);
  return crm_test_query_text (f->store, sql, kind);
}

static void
move (CrmTestStore *f,
      const char   *lead,
      const char   *stage,
      const char   *reason)
{
  g_autoptr(GError) error = NULL;
  CrmMove m = { stage, NULL, NULL, reason, NULL, NULL };

  g_assert_true (crm_funnel_move (f->store, lead, &m, &error));
  g_assert_no_error (error);
}

static char *
log_call (CrmTestStore *f,
          const char   *lead,
          const char   *outcome)
{
  g_autoptr(GError) error = NULL;
  CrmActivityInput in = CRM_ACTIVITY_INPUT_INIT;
  char *id;

  in.entity_type = "lead";
  in.entity_id = lead;
  in.kind = "call";
  in.outcome = outcome;
  id = crm_activity_log (f->store, &in, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* ---- tasks ---- */

static void
test_lifecycle (CrmTestStore  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autofree char *task = NULL;
  g_autoptr(CrmRecord) record = NULL;
  CrmTaskInput in = CRM_TASK_INPUT_INIT;
  gint64 now = iso (MONDAY_10);

  /* The new lead has its "respond" task, due in 15 minutes, today. */
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 1);

  in.entity_type = "lead";
  in.entity_id = lead;
  in.kind = "call";
  in.title = "  Перезвонить по КП ";
  in.note = "Уточнить объём";
  in.due_ms = now + 120 * MINUTE;
  in.remind_before_min = 15;
  task = crm_tasks_create (f->store, &in, &error);
  g_assert_no_error (error);
  record = crm_store_get (f->store, "tasks", task, &error);
  g_assert_cmpstr (crm_task_get_title (CRM_TASK (record)), ==, "Перезвонить по КП");
  g_assert_cmpint (crm_task_get_remind_ms (CRM_TASK (record)), ==, now + 105 * MINUTE);
  g_assert_cmpstr (crm_task_get_owner_id (CRM_TASK (record)), ==, crm_store_get_user_id (f->store));
  g_clear_object (&record);
  /* Through the write path: history and outbox. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE row_id = ?1", task), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM history WHERE entity_id = ?1", task), >, 0);

  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 2);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_OVERDUE), ==, 0);

  /* Three hours later both are overdue, oldest first. */
  crm_clock_advance (f->clock, 180 * MINUTE);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_OVERDUE), ==, 2);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 0);

  /* Snoozed for ten minutes it is due again later today. */
  g_assert_true (crm_tasks_snooze (f->store, task, 10, &error));
  g_assert_no_error (error);
  record = crm_store_get (f->store, "tasks", task, &error);
  g_assert_cmpint (crm_task_get_due_ms (CRM_TASK (record)), ==, now + 190 * MINUTE);
  g_assert_cmpint (crm_task_get_remind_ms (CRM_TASK (record)), ==, now + 190 * MINUTE);
  g_clear_object (&record);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_OVERDUE), ==, 1);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 1);

  /* Done, by a prefix of the id; then undone. */
  {
    g_autofree char *prefix = g_strndup (task, 30);
    g_assert_true (crm_tasks_set_done (f->store, prefix, TRUE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_DONE), ==, 1);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 0);
  g_assert_false (crm_tasks_snooze (f->store, task, 10, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (crm_tasks_set_done (f->store, task, FALSE, &error));
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_DONE), ==, 0);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 1);

  /* Rescheduling keeps the reminder's distance. */
  g_assert_true (crm_tasks_reschedule (f->store, task, now + 3 * 24 * 60 * MINUTE, &error));
  record = crm_store_get (f->store, "tasks", task, &error);
  g_assert_cmpint (crm_task_get_remind_ms (CRM_TASK (record)), ==, now + 3 * 24 * 60 * MINUTE);
  g_clear_object (&record);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_UPCOMING), ==, 1);

  /* A to-do without a due time is upcoming, at the end. */
  {
    CrmTaskInput todo = CRM_TASK_INPUT_INIT;
    g_autofree char *id = NULL;
    g_autoptr(GPtrArray) upcoming = NULL;

    todo.title = "Подготовить прайс";
    id = crm_tasks_create (f->store, &todo, &error);
    g_assert_no_error (error);
    upcoming = crm_tasks_list (f->store, CRM_TASK_LIST_UPCOMING, 0, &error);
    g_assert_cmpuint (upcoming->len, ==, 2);
    g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (upcoming, 1)), ==, id);
  }

  /* Mistakes are refused with a message. */
  in.kind = "fax";
  g_assert_null (crm_tasks_create (f->store, &in, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  in.kind = "call";
  in.due_ms = 0;
  g_assert_null (crm_tasks_create (f->store, &in, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (crm_store_delete (f->store, "leads", lead, &error));
  in.due_ms = now;
  g_assert_null (crm_tasks_create (f->store, &in, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_tasks_set_done (f->store, "ffffffff", TRUE, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_today_in_zone (CrmTestStore  *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmTaskInput in = CRM_TASK_INPUT_INIT;
  g_autofree char *id = NULL;

  /* 23:00 in Moscow, 20:00 UTC; a task at 00:30 Moscow is tomorrow there
   * but still today in UTC. */
  crm_clock_set_fixed (f->clock, iso ("2026-11-30T20:00:00Z"));
  in.title = "Отправить договор";
  in.due_ms = iso ("2026-11-30T21:30:00Z");
  id = crm_tasks_create (f->store, &in, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 0);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_UPCOMING), ==, 1);
  g_assert_true (crm_settings_set_timezone (f->store, "UTC", &error));
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_TODAY), ==, 1);
  g_assert_cmpuint (list_len (f, CRM_TASK_LIST_UPCOMING), ==, 0);
}

static void
test_next_step (CrmTestStore  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autoptr(CrmTask) next = NULL;
  g_autoptr(GPtrArray) without = NULL;
  g_autofree char *respond = NULL;

  next = crm_tasks_next_for (f->store, lead, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpstr (crm_task_get_kind (next), ==, "respond");
  respond = g_strdup (crm_record_get_id (CRM_RECORD (next)));
  g_clear_object (&next);
  g_assert_false (crm_tasks_needs_next_step (f->store, lead));

  g_assert_true (crm_tasks_set_done (f->store, respond, TRUE, &error));
  next = crm_tasks_next_for (f->store, lead, &error);
  g_assert_no_error (error);
  g_assert_null (next);
  g_assert_true (crm_tasks_needs_next_step (f->store, lead));
  without = crm_tasks_leads_without_next_step (f->store, 0, &error);
  g_assert_cmpuint (without->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (without, 0), ==, lead);

  /* A lead that refused needs no next step (its farewell cadence aside). */
  {
    g_autofree char *lost = stage_of_kind (f, "lost", 0);
    g_autoptr(CrmChange) change = crm_change_new_update ("leads", lead);

    crm_change_set_text (change, "stage_id", lost);
    g_assert_true (crm_store_apply (f->store, change, &error));
    g_assert_false (crm_tasks_needs_next_step (f->store, lead));
  }
}

static void
test_reminders (CrmTestStore  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = iso (MONDAY_10);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) missed = NULL;
  CrmTaskInput in = CRM_TASK_INPUT_INIT;
  sqlite3 *db = crm_store_get_db (f->store);
  sqlite3_stmt *stmt;
  gint64 t0, elapsed;
  /* 100k tasks; a fifth under AddressSanitizer, which unwinds every malloc. */
#if defined(__SANITIZE_ADDRESS__)
  guint n = 20000;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  guint n = 20000;
#else
  guint n = 100000;
#endif
#else
  guint n = 100000;
#endif
  g_autofree char *plan = NULL;

  g_assert_cmpint (crm_tasks_next_reminder_ms (f->store, now), ==, 0);

  in.title = "A";
  in.due_ms = now + 60 * MINUTE;
  in.remind_before_min = 10;
  a = crm_tasks_create (f->store, &in, &error);
  in.title = "B";
  in.due_ms = now + 30 * MINUTE;
  in.remind_before_min = 0;
  b = crm_tasks_create (f->store, &in, &error);
  g_assert_no_error (error);

  g_assert_cmpint (crm_tasks_next_reminder_ms (f->store, now), ==, now + 30 * MINUTE);
  g_assert_cmpint (crm_tasks_next_reminder_ms (f->store, now + 30 * MINUTE), ==, now + 50 * MINUTE);
  g_assert_true (crm_tasks_set_done (f->store, a, TRUE, &error));
  g_assert_cmpint (crm_tasks_next_reminder_ms (f->store, now + 30 * MINUTE), ==, 0);

  /* The app was closed from 10:00 to 12:00: what it missed. */
  g_assert_true (crm_tasks_set_done (f->store, a, FALSE, &error));
  missed = crm_tasks_reminders_between (f->store, now, now + 120 * MINUTE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missed->len, ==, 2);
  g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (missed, 0)), ==, b);
  g_clear_pointer (&missed, g_ptr_array_unref);
  missed = crm_tasks_reminders_between (f->store, now + 30 * MINUTE, now + 120 * MINUTE, &error);
  g_assert_cmpuint (missed->len, ==, 1);

  /* One timer for 100k pending reminders: one index seek. */
    {
      g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
      stmt = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tasks (id, kind, title, due_ms, remind_ms,"
                                           " created_ms, updated_ms) VALUES (?1, 'call', 'x', ?2, ?2, 0, 0)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      for (guint i = 0; i < n; i++)
        {
          char id[32];

          g_snprintf (id, sizeof id, "bench-%u", i);
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, now + g_test_rand_int_range (1, 60 * 24 * 60) * MINUTE);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT min(remind_ms) FROM tasks"
                                           " WHERE done_ms IS NULL AND _deleted = 0 AND remind_ms > 0",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char *joined = g_strconcat (plan ? plan : "", (const char *) sqlite3_column_text (stmt, 3), ";", NULL);
          g_free (plan);
          plan = joined;
        }
      sqlite3_finalize (stmt);
      g_test_message ("plan: %s", plan);
      g_assert_nonnull (strstr (plan, "tasks_open_remind"));
      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < 1000; i++)
        g_assert_cmpint (crm_tasks_next_reminder_ms (f->store, now + i * MINUTE), >, now);
      elapsed = g_get_monotonic_time () - t0;
      g_test_message ("next reminder with %u open tasks: %.1f µs a query", n, elapsed / 1000.0);
      g_assert_cmpint (elapsed / 1000, <, 5000);

      t0 = g_get_monotonic_time ();
      {
        guint counts[CRM_TASK_N_LISTS];
        g_autoptr(GPtrArray) overdue = NULL;

        g_assert_true (crm_tasks_count (f->store, counts, &error));
        overdue = crm_tasks_list (f->store, CRM_TASK_LIST_TODAY, 100, &error);
        g_assert_cmpuint (overdue->len, ==, 100);
      }
      g_test_message ("counts + first 100 of today with %u tasks: %.1f ms", n,
                      (g_get_monotonic_time () - t0) / 1000.0);

      /* A scheduler wake-up: fire what came due in the last minute (a few
       * of the pending reminders), keep the check time, find the next. */
      {
        g_autoptr(CrmReminders) reminders = crm_reminders_new (f->store);
        guint fired;

        crm_clock_advance (f->clock, 60 * MINUTE);
        crm_reminders_check (reminders);
        crm_clock_advance (f->clock, MINUTE);
        t0 = g_get_monotonic_time ();
        fired = crm_reminders_check (reminders);
        g_test_message ("scheduler wake-up with %u pending reminders: %.2f ms (%u fired)", n,
                        (g_get_monotonic_time () - t0) / 1000.0, fired);
        g_assert_cmpint (crm_reminders_get_next_ms (reminders), >, crm_clock_get_now_ms (f->clock));
        crm_reminders_stop (reminders);
      }
    }
}

static void
test_quick_add (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Moscow");
  gint64 now = iso (MONDAY_10);
  g_autofree char *title = NULL;
  gint64 due = 0;

  g_assert_true (crm_tasks_parse_quick ("Call back tomorrow 10:00", now, tz, &title, &due));
  g_assert_cmpstr (title, ==, "Call back");
  assert_ms (due, iso ("2026-12-01T07:00:00Z"));
  g_clear_pointer (&title, g_free);

  g_assert_true (crm_tasks_parse_quick ("Перезвонить завтра в 15:30", now, tz, &title, &due));
  g_assert_cmpstr (title, ==, "Перезвонить");
  assert_ms (due, iso ("2026-12-01T12:30:00Z"));
  g_clear_pointer (&title, g_free);

  /* A time that has passed today is tomorrow's. */
  g_assert_true (crm_tasks_parse_quick ("Отправить КП 09:00", now, tz, &title, &due));
  assert_ms (due, iso ("2026-12-01T06:00:00Z"));
  g_clear_pointer (&title, g_free);

  g_assert_true (crm_tasks_parse_quick ("Send the offer today", now, tz, &title, &due));
  assert_ms (due, iso (MONDAY_10));
  g_clear_pointer (&title, g_free);

  g_assert_false (crm_tasks_parse_quick ("Подготовить договор", now, tz, &title, &due));
  g_assert_cmpstr (title, ==, "Подготовить договор");
  g_assert_cmpint (due, ==, 0);
}

/* ---- first-response SLA ---- */

static void
test_sla (CrmTestStore  *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *late = NULL;
  g_autofree char *call = NULL;
  g_autoptr(CrmRecord) record = NULL;

  lead = add_lead (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND kind = 'respond'"
                          " AND done_ms IS NULL", lead), ==, 1);
  g_assert_cmpint (count (f, "SELECT due_ms FROM tasks WHERE entity_id = ?1", lead), ==,
                   iso (MONDAY_10) + 15 * MINUTE);
  g_assert_cmpint (count (f, "SELECT remind_ms FROM tasks WHERE entity_id = ?1", lead), ==,
                   iso (MONDAY_10) + 10 * MINUTE);

  /* Friday 17:55 with a 30-minute SLA → Monday 09:25. */
  g_assert_true (crm_settings_set_sla_minutes (f->store, 30, &error));
  crm_clock_set_fixed (f->clock, iso ("2026-11-27T14:55:00Z"));
  late = add_lead (f);
  g_assert_cmpint (count (f, "SELECT due_ms FROM tasks WHERE entity_id = ?1", late), ==,
                   iso ("2026-11-30T06:25:00Z"));

  /* A record entered with its history (created days ago) is no inquiry. */
  {
    g_autoptr(CrmChange) change = crm_change_new_create ("leads");

    crm_change_set_text (change, "full_name", "Сидоров Сидор");
    crm_change_set_int (change, "created_ms", iso ("2026-11-20T10:00:00Z"));
    g_assert_true (crm_store_apply (f->store, change, &error));
    g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1", crm_change_get_id (change)), ==, 0);
  }

  /* An import (bulk mode) makes no tasks. */
  {
    g_autoptr(CrmChange) change = crm_change_new_create ("leads");
    gint64 before = count (f, "SELECT count(*) FROM tasks", NULL);

    crm_change_set_text (change, "full_name", "Петров Пётр");
    g_assert_true (crm_store_begin (f->store, &error));
    crm_store_set_bulk (f->store, TRUE);
    g_assert_true (crm_store_apply (f->store, change, &error));
    crm_store_set_bulk (f->store, FALSE);
    g_assert_true (crm_store_commit (f->store, &error));
    g_assert_cmpint (count (f, "SELECT count(*) FROM tasks", NULL), ==, before);
  }

  /* The first outbound call completes it and stamps the response time. */
  crm_clock_set_fixed (f->clock, iso (MONDAY_10) + 7 * MINUTE);
  call = log_call (f, lead, "answered");
  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_cmpint (crm_record_get_int (record, "first_response_ms", 0), ==, iso (MONDAY_10) + 7 * MINUTE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND kind = 'respond'"
                          " AND done_ms IS NOT NULL", lead), ==, 1);
  /* An answered call starts nothing. */
  g_assert_false (crm_cadence_is_running (f->store, lead, NULL));
}

/* ---- cadences ---- */

static void
test_no_answer (CrmTestStore  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *c3 = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  gint64 now = iso (MONDAY_10);
  g_autofree char *note = NULL;

  c1 = log_call (f, lead, "no-answer");
  g_assert_true (crm_cadence_is_running (f->store, lead, "01900000-0000-7000-8000-00000000ca01"));
  tasks = crm_store_list_children (f->store, "tasks", lead, &error);
  /* respond (done), then call +20, call +50, e-mail +60. */
  g_assert_cmpuint (tasks->len, ==, 4);
  g_assert_cmpstr (crm_task_get_kind (g_ptr_array_index (tasks, 0)), ==, "call");
  g_assert_cmpint (crm_task_get_due_ms (g_ptr_array_index (tasks, 0)), ==, now + 20 * MINUTE);
  g_assert_cmpint (crm_task_get_due_ms (g_ptr_array_index (tasks, 1)), ==, now + 50 * MINUTE);
  g_assert_cmpstr (crm_task_get_kind (g_ptr_array_index (tasks, 2)), ==, "email");
  g_assert_cmpint (crm_task_get_due_ms (g_ptr_array_index (tasks, 2)), ==, now + 60 * MINUTE);
  g_assert_cmpint (crm_task_get_remind_ms (g_ptr_array_index (tasks, 2)), ==, now + 60 * MINUTE);
  g_assert_cmpstr (crm_task_get_kind (g_ptr_array_index (tasks, 3)), ==, "respond");
  note = g_strdup (crm_record_get_text (g_ptr_array_index (tasks, 2), "note"));
  g_assert_nonnull (strstr (note, "Иван"));
  g_assert_null (strstr (note, "{name}"));
  g_assert_null (strstr (note, "{manager}"));
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* The second attempt, no answer again: it ticks off the planned call and
   * does not start the cadence over. */
  crm_clock_advance (f->clock, 20 * MINUTE);
  c2 = log_call (f, lead, "no-answer");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND cadence_id IS NOT NULL"
                          " AND _deleted = 0", lead), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND cadence_step = 0"
                          " AND done_ms IS NOT NULL", lead), ==, 1);

  /* The third attempt is answered: what is left of the cadence stops. */
  crm_clock_advance (f->clock, 30 * MINUTE);
  c3 = log_call (f, lead, "answered");
  g_assert_false (crm_cadence_is_running (f->store, lead, NULL));
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND cadence_id IS NOT NULL"
                          " AND _deleted <> 0", lead), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND cadence_step = 1"
                          " AND done_ms IS NOT NULL", lead), ==, 1);

  /* Late on a Friday the next attempts land on Monday morning. */
  {
    g_autofree char *other = NULL;
    g_autofree char *call = NULL;

    crm_clock_set_fixed (f->clock, iso ("2026-12-04T14:50:00Z"));
    other = add_lead (f);
    call = log_call (f, other, "busy");
    g_assert_cmpint (count (f, "SELECT min(due_ms) FROM tasks WHERE entity_id = ?1 AND cadence_id IS NOT NULL",
                            other), ==, iso ("2026-12-07T06:10:00Z"));
  }
}

static void
test_warm (CrmTestStore  *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autofree char *warm = stage_of_kind (f, "nurture", 0);
  g_autofree char *in_work = stage_of_kind (f, "open", 1);
  g_autoptr(GPtrArray) tasks = NULL;
  static const char *const due[] = {
    "2026-12-01T07:00:00Z", "2026-12-01T07:30:00Z", "2026-12-03T07:00:00Z",
    /* Day 6 is a Sunday: Monday 09:00. */
    "2026-12-07T06:00:00Z",
  };

  move (f, lead, warm, NULL);
  g_assert_true (crm_cadence_is_running (f->store, lead, "01900000-0000-7000-8000-00000000ca02"));
  tasks = crm_store_list_children (f->store, "tasks", lead, &error);
  g_assert_cmpuint (tasks->len, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    assert_ms (crm_task_get_due_ms (g_ptr_array_index (tasks, i + 1)), iso (due[i]));
  g_assert_cmpstr (crm_task_get_title (g_ptr_array_index (tasks, 2)), ==, "Send the lead magnet");

  /* Back to work: the cadence stops. */
  move (f, lead, in_work, NULL);
  g_assert_false (crm_cadence_is_running (f->store, lead, NULL));
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND _deleted = 0", lead), ==, 1);
}

static void
test_refused (CrmTestStore  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autofree char *lost = stage_of_kind (f, "lost", 0);
  g_autoptr(GPtrArray) tasks = NULL;
  const char *note;

  move (f, lead, lost, "Слишком дорого");
  tasks = crm_store_list_children (f->store, "tasks", lead, &error);
  g_assert_cmpuint (tasks->len, ==, 4);
  /* Farewell in half an hour, New Year greetings, a call in three months
   * (2027-02-28 is a Sunday: Monday 09:00). */
  assert_ms (crm_task_get_due_ms (g_ptr_array_index (tasks, 1)), iso ("2026-11-30T07:30:00Z"));
  assert_ms (crm_task_get_due_ms (g_ptr_array_index (tasks, 2)), iso ("2026-12-28T06:00:00Z"));
  assert_ms (crm_task_get_due_ms (g_ptr_array_index (tasks, 3)), iso ("2027-03-01T06:00:00Z"));
  note = crm_record_get_text (g_ptr_array_index (tasks, 2), "note");
  g_assert_nonnull (strstr (note, "ООО «Ромашка»"));

  /* The lead writes back: an answer stops it. */
  {
    CrmActivityInput in = CRM_ACTIVITY_INPUT_INIT;
    g_autofree char *id = NULL;

    in.entity_type = "lead";
    in.entity_id = lead;
    in.kind = "email";
    in.direction = "in";
    in.body = "Давайте всё же обсудим";
    id = crm_activity_log (f->store, &in, &error);
    g_assert_no_error (error);
    g_assert_false (crm_cadence_is_running (f->store, lead, NULL));
  }
}

/* Refused from the card (not dragged): the same farewell cadence; brought
 * back into work: it stops. */
static void
test_refused_from_card (CrmTestStore  *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);

  g_assert_true (crm_lead_refuse (f->store, lead, "Слишком дорого", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (crm_cadence_is_running (f->store, lead, NULL));
  g_assert_true (crm_lead_reopen (f->store, lead, &error));
  g_assert_no_error (error);
  g_assert_false (crm_cadence_is_running (f->store, lead, NULL));
}

static void
test_seed (CrmTestStore  *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadences = crm_cadence_list (f->store, &error);

  g_assert_cmpuint (cadences->len, ==, 3);
  g_assert_cmpstr (crm_record_get_text (g_ptr_array_index (cadences, 0), "name"), ==, "No answer");
  g_assert_true (crm_cadence_seed_defaults (f->store, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadences", NULL), ==, 3);
  for (guint i = 0; i < cadences->len; i++)
    {
      g_autoptr(GPtrArray) steps = crm_cadence_parse_steps (crm_record_get_text (g_ptr_array_index (cadences, i),
                                                                                 "steps"), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (steps->len, >=, 3);
    }

  /* A deleted default stays deleted when the workspace opens again; a
   * workspace seeded before cadences existed gets the ones it misses, once;
   * one seeded with them is not looked at again. */
  g_assert_true (crm_store_delete (f->store, "cadences", "01900000-0000-7000-8000-00000000ca02", &error));
  g_assert_cmpint (count (f, "DELETE FROM cadences WHERE id = '01900000-0000-7000-8000-00000000ca03'"
                          " RETURNING 1", NULL), ==, 1);
  g_clear_object (&f->store);
  f->store = crm_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadences", NULL), ==, 2);
  g_assert_true (crm_store_set_local (f->store, "seeded", "1", &error));
  g_clear_object (&f->store);
  f->store = crm_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadences WHERE _deleted = 0", NULL), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadences", NULL), ==, 3);
}

static void
test_custom (CrmTestStore  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *lead = NULL;

  g_assert_null (crm_cadence_create (f->store, "X", "lead-created", NULL, "[{\"kind\":\"fax\",\"title\":\"x\"}]", &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (crm_cadence_create (f->store, "X", "full-moon", NULL, "[]", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (crm_cadence_create (f->store, "X", "lead-created", NULL, "{", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (crm_cadence_create (f->store, "X", "lead-created", NULL, "[{\"kind\":\"call\"}]", &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);

  id = crm_cadence_create (f->store, "Приветствие", "lead-created",
                           NULL, "[{\"delay_minutes\": 5, \"kind\": \"message\","
                           " \"title\": \"Написать {name} в мессенджер\"}]", &error);
  g_assert_no_error (error);
  lead = add_lead (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1", lead), ==, 2);
  {
    g_autofree char *title = crm_test_query_text (f->store, "SELECT title FROM tasks WHERE kind = 'message'", NULL);
    g_assert_cmpstr (title, ==, "Написать Иван в мессенджер");
  }

  /* Edited in Preferences: switched off, it starts no more. */
  g_assert_false (crm_cadence_update (f->store, id, "  ", NULL, NULL, NULL, -1, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (crm_cadence_update (f->store, id, NULL, NULL, NULL, "[{}]", -1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (crm_cadence_update (f->store, id, "Приветствие в мессенджере", NULL, NULL,
                                     "[{\"delay_minutes\": 10, \"kind\": \"message\", \"title\": \"Привет\"}]",
                                     0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lead, g_free);
  lead = add_lead (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tasks WHERE entity_id = ?1", lead), ==, 1);
  g_assert_true (crm_cadence_update (f->store, id, NULL, NULL, NULL, NULL, 1, &error));
  g_clear_pointer (&lead, g_free);
  lead = add_lead (f);
  {
    g_autofree char *title = crm_test_query_text (f->store, "SELECT title FROM tasks WHERE entity_id = ?1"
                                                  " AND kind = 'message'", lead);
    g_assert_cmpstr (title, ==, "Привет");
  }
}

static void
test_template (CrmTestStore  *f,
               gconstpointer  data)
{
  g_autofree char *lead = add_lead (f);
  g_autoptr(GHashTable) vars = crm_template_vars (f->store, "lead", lead);
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  g_autofree char *manager = crm_test_query_text (f->store, "SELECT name FROM users LIMIT 1", NULL);
  g_autofree char *expected = g_strdup_printf ("Иван, {unknown} ООО «Ромашка» — %s.", manager);

  text = crm_template_render ("{name}, {unknown} {company} — {manager}{phone}.", vars);
  g_assert_cmpstr (text, ==, expected);
  none = crm_template_render ("{name} {", NULL);
  g_assert_cmpstr (none, ==, "{name} {");
  g_assert_null (crm_template_render (NULL, vars));
}

/* ---- iCalendar ---- */

static void
test_ics (CrmTestStore  *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autofree char *task = NULL;
  g_autofree char *done = NULL;
  g_autofree char *text = NULL;
  CrmTaskInput in = CRM_TASK_INPUT_INIT;
  gint64 now = iso (MONDAY_10);
  icalcomponent *calendar;
  icalcomponent *todo;
  guint n = 0;
  gboolean seen = FALSE;

  in.entity_type = "lead";
  in.entity_id = lead;
  in.kind = "call";
  in.title = "Перезвонить; обсудить, договор";
  in.note = "Строка 1\nСтрока 2";
  in.due_ms = now + 120 * MINUTE;
  in.remind_before_min = 15;
  task = crm_tasks_create (f->store, &in, &error);
  in.title = "Старое";
  in.remind_before_min = -1;
  done = crm_tasks_create (f->store, &in, &error);
  g_assert_true (crm_tasks_set_done (f->store, done, TRUE, &error));
  g_assert_no_error (error);

  text = crm_tasks_export_ics (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  for (todo = icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT); todo != NULL;
       todo = icalcomponent_get_next_component (calendar, ICAL_VTODO_COMPONENT))
    {
      n++;
      if (g_strcmp0 (icalcomponent_get_uid (todo), task) == 0)
        {
          icalcomponent *alarm = icalcomponent_get_first_component (todo, ICAL_VALARM_COMPONENT);
          icalproperty *trigger;
          struct icaltriggertype t;

          seen = TRUE;
          g_assert_cmpstr (icalcomponent_get_summary (todo), ==,
                           "Перезвонить; обсудить, договор — Иванов Иван Петрович");
          g_assert_cmpstr (icalcomponent_get_description (todo), ==, "Строка 1\nСтрока 2");
          g_assert_cmpint (icaltime_as_timet (icalcomponent_get_due (todo)), ==, (now + 120 * MINUTE) / 1000);
          g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_NEEDSACTION);
          g_assert_nonnull (alarm);
          trigger = icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY);
          t = icalproperty_get_trigger (trigger);
          g_assert_cmpint (icaltime_as_timet (t.time), ==, (now + 105 * MINUTE) / 1000);
        }
      else if (g_strcmp0 (icalcomponent_get_uid (todo), done) == 0)
        {
          g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_COMPLETED);
          g_assert_null (icalcomponent_get_first_component (todo, ICAL_VALARM_COMPONENT));
        }
    }
  /* The two tasks and the lead's "respond" task. */
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (seen);
  icalcomponent_free (calendar);

  g_clear_pointer (&text, g_free);
  text = crm_tasks_export_ics (f->store, FALSE, &error);
  g_assert_null (strstr (text, done));
  g_assert_nonnull (strstr (text, task));
}

/* ---- the reminder scheduler ---- */

static void
on_fired_cb (CrmReminders *reminders,
             CrmTask      *task,
             GPtrArray    *titles)
{
  g_ptr_array_add (titles, g_strdup (crm_task_get_title (task)));
}

static void
test_scheduler (CrmTestStore  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReminders) reminders = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  CrmTaskInput in = CRM_TASK_INPUT_INIT;
  gint64 now = iso (MONDAY_10);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  in.due_ms = now + 10 * MINUTE;
  in.remind_before_min = 0;
  in.title = "A";
  a = crm_tasks_create (f->store, &in, &error);
  in.due_ms = now + 30 * MINUTE;
  in.title = "B";
  b = crm_tasks_create (f->store, &in, &error);
  in.due_ms = now + 3 * 60 * MINUTE;
  in.title = "C";
  c = crm_tasks_create (f->store, &in, &error);
  g_assert_no_error (error);

  reminders = crm_reminders_new (f->store);
  g_signal_connect (reminders, "reminder-fired", G_CALLBACK (on_fired_cb), titles);
  crm_reminders_start (reminders);
  g_assert_cmpuint (titles->len, ==, 0);
  g_assert_cmpint (crm_reminders_get_next_ms (reminders), ==, now + 10 * MINUTE);

  /* Ten minutes on: A fires, once. */
  crm_clock_advance (f->clock, 10 * MINUTE);
  g_assert_cmpuint (crm_reminders_check (reminders), ==, 1);
  g_assert_cmpuint (crm_reminders_check (reminders), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "A");
  g_assert_cmpint (crm_reminders_get_next_ms (reminders), ==, now + 30 * MINUTE);

  /* B is done before its time: it never fires. The app closes. */
  g_assert_true (crm_tasks_set_done (f->store, b, TRUE, &error));
  crm_reminders_stop (reminders);
  g_clear_object (&reminders);

  /* Started four hours later, it fires what it missed at once: C only. */
  crm_clock_advance (f->clock, 4 * 60 * MINUTE);
  reminders = crm_reminders_new (f->store);
  g_signal_connect (reminders, "reminder-fired", G_CALLBACK (on_fired_cb), titles);
  crm_reminders_start (reminders);
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "C");
  g_assert_cmpint (crm_reminders_get_next_ms (reminders), ==, 0);

  /* Snoozed: it comes back ten minutes later. */
  g_assert_true (crm_tasks_snooze (f->store, c, 10, &error));
  crm_clock_advance (f->clock, 10 * MINUTE);
  g_assert_cmpuint (crm_reminders_check (reminders), ==, 1);

  /* The clock set back an hour fires nothing again, not even when it
   * passes the snoozed reminder a second time. */
  crm_clock_advance (f->clock, -60 * MINUTE);
  g_assert_cmpuint (crm_reminders_check (reminders), ==, 0);
  crm_clock_advance (f->clock, 55 * MINUTE);
  g_assert_cmpuint (crm_reminders_check (reminders), ==, 0);
  g_assert_cmpuint (titles->len, ==, 3);

  /* One set far back (it was days ahead) starts over from the new time. */
  {
    g_autofree char *d = NULL;

    crm_clock_advance (f->clock, -3 * 24 * 60 * MINUTE);
    g_assert_cmpuint (crm_reminders_check (reminders), ==, 0);
    in.due_ms = crm_clock_get_now_ms (f->clock) + 5 * MINUTE;
    in.title = "D";
    d = crm_tasks_create (f->store, &in, &error);
    crm_clock_advance (f->clock, 5 * MINUTE);
    g_assert_cmpuint (crm_reminders_check (reminders), ==, 1);
    g_assert_cmpstr (g_ptr_array_index (titles, 3), ==, "D");
  }
}

/* ---- messages to send ---- */

static void
test_mailto (void)
{
  g_autofree char *uri = crm_mailto_uri (" ivan@example.ru ", "Ваш запрос",
                                         "Здравствуйте, Иван!\n\r\n1+1=2 & ?#/ 100%");
  g_autofree char *bare = crm_mailto_uri ("o'brien+crm@example.com", NULL, "");

  /* RFC 6068: UTF-8 percent-encoded, spaces %20, line breaks CRLF, and
   * the delimiters of the query ("&", "=", "?", "#") and "+" encoded. */
  g_assert_cmpstr (uri, ==,
                   "mailto:ivan@example.ru"
                   "?subject=%D0%92%D0%B0%D1%88%20%D0%B7%D0%B0%D0%BF%D1%80%D0%BE%D1%81"
                   "&body=%D0%97%D0%B4%D1%80%D0%B0%D0%B2%D1%81%D1%82%D0%B2%D1%83%D0%B9%D1%82%D0%B5,"
                   "%20%D0%98%D0%B2%D0%B0%D0%BD!%0D%0A%0D%0A1%2B1%3D2%20%26%20%3F%23%2F%20100%25");
  g_assert_cmpstr (bare, ==, "mailto:o'brien+crm@example.com");
  g_assert_true (g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL));
}

static char *
add_email_task (CrmTestStore *f,
                const char   *entity_type,
                const char   *entity_id,
                const char   *note)
{
  g_autoptr(GError) error = NULL;
  CrmTaskInput in = CRM_TASK_INPUT_INIT;
  char *id;

  in.entity_type = entity_type;
  in.entity_id = entity_id;
  in.kind = "email";
  in.title = "Send the price list";
  in.note = note;
  id = crm_tasks_create (f->store, &in, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_message (CrmTestStore  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f);
  g_autofree char *call = NULL;
  g_autofree char *task = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *manager = crm_test_query_text (f->store, "SELECT name FROM users LIMIT 1", NULL);
  g_autoptr(CrmTaskMessage) m = NULL;
  g_autoptr(CrmTaskMessage) edited = NULL;

  g_free (crm_test_add (f->store, "emails", "entity_type", "lead", "entity_id", lead,
                        "raw", "ivan@romashka.example", NULL));
  g_free (crm_test_add (f->store, "phones", "entity_type", "lead", "entity_id", lead,
                        "raw", "+7 916 123-45-67", NULL));

  /* "No answer" makes an e-mail task: its letter, subject and address. */
  call = log_call (f, lead, "no-answer");
  task = crm_test_query_text (f->store, "SELECT id FROM tasks WHERE entity_id = ?1 AND kind = 'email'", lead);
  g_assert_nonnull (task);
  m = crm_tasks_message (f->store, task, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->kind, ==, "email");
  g_assert_cmpstr (m->subject, ==, "Your request");
  g_assert_cmpstr (m->email, ==, "ivan@romashka.example");
  g_assert_cmpstr (m->phone, ==, "+7 916 123-45-67");
  g_assert_cmpstr (m->recipient, ==, "Иванов Иван Петрович");
  g_assert_true (g_str_has_prefix (m->text, "Hello, Иван!\n\nWe tried to call you"));
  g_assert_true (g_str_has_suffix (m->text, manager));
  uri = crm_task_message_mailto (m, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "mailto:ivan@romashka.example?subject=Your%20request"
                                   "&body=Hello,%20%D0%98%D0%B2%D0%B0%D0%BD!%0D%0A%0D%0AWe%20tried"));
  g_assert_null (strchr (uri, ' '));
  g_assert_null (strchr (uri, '\n'));

  /* The note is what is sent: edited, it wins over the template, and a
   * placeholder typed into it is filled in. */
  {
    CrmTaskInput in = CRM_TASK_INPUT_INIT;

    in.entity_type = "lead";
    in.entity_id = lead;
    in.kind = "email";
    in.title = "Write by e-mail or SMS: could not reach you";
    in.note = "{name}, мы звонили — перезвоните, пожалуйста. {company}?";
    in.remind_before_min = -1;
    g_assert_true (crm_tasks_update (f->store, task, &in, &error));
    g_assert_no_error (error);
  }
  edited = crm_tasks_message (f->store, task, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edited->text, ==, "Иван, мы звонили — перезвоните, пожалуйста. ООО «Ромашка»?");

  /* A task of one's own: no one to write to, said plainly. */
  mine = add_email_task (f, NULL, NULL, "Текст");
  {
    g_autoptr(CrmTaskMessage) own = crm_tasks_message (f->store, mine, &error);
    g_autofree char *none = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (own->text, ==, "Текст");
    g_assert_cmpstr (own->subject, ==, "Send the price list");
    none = crm_task_message_mailto (own, &error);
    g_assert_null (none);
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
    g_clear_error (&error);
  }

  g_assert_null (crm_tasks_message (f->store, "no-such-task", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

static void
test_message_recipient (CrmTestStore  *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = crm_test_add (f->store, "leads", "full_name", "Пётр Смирнов", NULL);
  g_autofree char *client = crm_test_add (f->store, "clients", "name", "ООО «Вектор»", NULL);
  g_autofree char *lonely = crm_test_add (f->store, "clients", "name", "ИП Орлов", NULL);
  g_autofree char *boss = crm_test_add (f->store, "contacts", "full_name", "Сидоров Олег",
                                        "first_name", "Олег", "client_id", client, NULL);
  g_autofree char *buyer = crm_test_add (f->store, "contacts", "full_name", "Кузнецова Анна",
                                         "first_name", "Анна", "client_id", client, NULL);
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *t3 = NULL;

  g_free (crm_test_add (f->store, "emails", "entity_type", "contact", "entity_id", buyer,
                        "raw", "anna@vector.example", NULL));
  g_free (crm_test_add (f->store, "phones", "entity_type", "contact", "entity_id", boss,
                        "raw", "+7 495 000-00-01", NULL));

  /* A lead without an e-mail: the error names it. */
  t1 = add_email_task (f, "lead", lead, "Добрый день!");
  {
    g_autoptr(CrmTaskMessage) m = crm_tasks_message (f->store, t1, &error);
    g_autofree char *uri = NULL;

    g_assert_no_error (error);
    g_assert_null (m->email);
    uri = crm_task_message_mailto (m, &error);
    g_assert_null (uri);
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
    g_assert_nonnull (strstr (error->message, "Пётр Смирнов"));
    g_clear_error (&error);
  }

  /* A client is written to through its contact with an e-mail, whose
   * name fills {name}; the company stays the client's. */
  t2 = add_email_task (f, "client", client, "{name}, счёт для {company} готов.");
  {
    g_autoptr(CrmTaskMessage) m = crm_tasks_message (f->store, t2, &error);
    g_autofree char *uri = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (m->email, ==, "anna@vector.example");
    g_assert_cmpstr (m->recipient, ==, "Кузнецова Анна");
    g_assert_cmpstr (m->text, ==, "Анна, счёт для ООО «Вектор» готов.");
    uri = crm_task_message_mailto (m, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (uri, "mailto:anna@vector.example?subject=Send%20the%20price%20list&body="));
  }

  /* A client with no contacts: its own address, if it has one. */
  t3 = add_email_task (f, "client", lonely, NULL);
  {
    g_autoptr(CrmTaskMessage) m = crm_tasks_message (f->store, t3, &error);

    g_assert_no_error (error);
    g_assert_null (m->email);
    g_assert_cmpstr (m->text, ==, "");
    g_assert_cmpstr (m->recipient, ==, "ИП Орлов");
  }
  g_free (crm_test_add (f->store, "emails", "entity_type", "client", "entity_id", lonely,
                        "raw", "orlov@example.ru", NULL));
  {
    g_autoptr(CrmTaskMessage) m = crm_tasks_message (f->store, t3, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (m->email, ==, "orlov@example.ru");
  }
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, CrmTestStore, NULL, setup, func, crm_test_store_teardown)

  ADD ("/core/tasks/lifecycle", test_lifecycle);
  ADD ("/core/tasks/today-in-zone", test_today_in_zone);
  ADD ("/core/tasks/next-step", test_next_step);
  ADD ("/core/tasks/reminders", test_reminders);
  g_test_add_func ("/core/tasks/quick-add", test_quick_add);
  ADD ("/core/tasks/first-response-sla", test_sla);
  ADD ("/core/cadence/no-answer", test_no_answer);
  ADD ("/core/cadence/warm", test_warm);
  ADD ("/core/cadence/refused", test_refused);
  ADD ("/core/cadence/refused-from-card", test_refused_from_card);
  ADD ("/core/cadence/seed", test_seed);
  ADD ("/core/cadence/custom", test_custom);
  ADD ("/core/cadence/template", test_template);
  ADD ("/core/tasks/ics", test_ics);
  ADD ("/core/tasks/scheduler", test_scheduler);
  g_test_add_func ("/core/tasks/mailto", test_mailto);
  ADD ("/core/tasks/message", test_message);
  ADD ("/core/tasks/message-recipient", test_message_recipient);

  return crm_test_run ();
}
