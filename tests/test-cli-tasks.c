/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libical/ical.h>
#include <string.h>
#include <sys/wait.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* voronka-cli tasks, task-add, task-done, log-call, cadences, export ics
 * and the global --now: the real binary, travelling in time. */

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
  g_clear_pointer (&r->json, json_node_unref);
}

/* Runs voronka-cli --db DB [--now NOW] ARGS…; parses stdout as JSON when
 * it starts like JSON. */
static Result
cli (const char *db,
     const char *now,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("VORONKA_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  if (now != NULL)
    {
      g_ptr_array_add (argv, (char *) "--now");
      g_ptr_array_add (argv, (char *) now);
    }
  va_start (args, now);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  if (r.out[0] == '{' || r.out[0] == '[')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
      g_assert_no_error (error);
      r.json = json_node_copy (json_parser_get_root (parser));
    }
  return r;
}

static JsonObject *
obj (Result *r)
{
  g_assert_nonnull (r->json);
  return json_node_get_object (r->json);
}

static guint
group_len (Result     *r,
           const char *group)
{
  return json_array_get_length (json_object_get_array_member (obj (r), group));
}

static gint64
group_count (Result     *r,
             const char *group)
{
  return json_object_get_int_member (json_object_get_object_member (obj (r), "counts"), group);
}

static void
test_time_travel (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "tasks.db", NULL);
  g_autofree char *ics = g_build_filename (dir, "tasks.ics", NULL);
  g_autofree char *lead = NULL;
  g_autofree char *task = NULL;
  g_autofree char *text = NULL;
  Result r;

  /* Monday 2026-11-30, 10:00 UTC (the test workspace's zone). */
  r = cli (db, "2026-11-30T10:00:00Z", "--json", "add-lead", "--name", "Иванов Иван",
           "--company", "Ромашка", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lead = g_strdup (json_object_get_string_member (obj (&r), "id"));
  result_clear (&r);

  /* The first-response task is due in 15 minutes… */
  r = cli (db, "2026-11-30T10:00:00Z", "--json", "tasks", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "now"), ==, "2026-11-30T10:00:00.000Z");
  g_assert_cmpuint (group_len (&r, "today"), ==, 1);
  g_assert_cmpuint (group_len (&r, "overdue"), ==, 0);
  {
    JsonObject *t = json_array_get_object_element (json_object_get_array_member (obj (&r), "today"), 0);
    g_assert_cmpstr (json_object_get_string_member (t, "kind"), ==, "respond");
    g_assert_cmpstr (json_object_get_string_member (t, "due"), ==, "2026-11-30T10:15:00.000Z");
    g_assert_cmpstr (json_object_get_string_member (t, "entity_name"), ==, "Иванов Иван");
  }
  result_clear (&r);

  /* … and overdue twenty minutes later. */
  r = cli (db, "2026-11-30T10:20:00Z", "--json", "tasks", "--overdue", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (group_len (&r, "overdue"), ==, 1);
  g_assert_false (json_object_has_member (obj (&r), "today"));
  g_assert_cmpint (group_count (&r, "overdue"), ==, 1);
  result_clear (&r);

  /* No answer: the call completes the first response and starts the
   * "No answer" cadence (calls at +20 and +50 minutes, then an e-mail). */
  r = cli (db, "2026-11-30T10:20:00Z", "--json", "log-call", lead, "--outcome", "no-answer",
           "--duration", "0:40", "--note", "Не берёт трубку", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    JsonArray *open = json_object_get_array_member (obj (&r), "open_tasks");

    g_assert_cmpuint (json_array_get_length (open), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (open, 0), "due"),
                     ==, "2026-11-30T10:40:00.000Z");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (open, 2), "kind"),
                     ==, "email");
  }
  result_clear (&r);

  r = cli (db, "2026-11-30T10:21:00Z", "--json", "tasks", "--today", NULL);
  g_assert_cmpuint (group_len (&r, "today"), ==, 3);
  g_assert_cmpint (group_count (&r, "overdue"), ==, 0);
  g_assert_cmpint (group_count (&r, "done"), ==, 1);
  result_clear (&r);

  /* A meeting tomorrow, by prefix of the lead's id, with a reminder. */
  {
    g_autofree char *prefix = g_strndup (lead, 20);

    r = cli (db, "2026-11-30T10:21:00Z", "--json", "task-add", prefix, "--kind", "meeting",
             "--due", "2026-12-01T11:00", "--title", "Встреча в офисе", "--remind", "30", NULL);
  }
  g_assert_cmpint (r.status, ==, 0);
  task = g_strdup (json_object_get_string_member (obj (&r), "id"));
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "due"), ==, "2026-12-01T11:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "remind"), ==, "2026-12-01T10:30:00.000Z");
  result_clear (&r);

  r = cli (db, "2026-11-30T10:21:00Z", "--json", "tasks", "--upcoming", NULL);
  g_assert_cmpuint (group_len (&r, "upcoming"), ==, 1);
  result_clear (&r);

  /* Tomorrow at noon everything is overdue. */
  r = cli (db, "2026-12-01T12:00:00Z", "--json", "tasks", NULL);
  g_assert_cmpuint (group_len (&r, "overdue"), ==, 4);
  g_assert_cmpuint (group_len (&r, "upcoming"), ==, 0);
  result_clear (&r);

  r = cli (db, "2026-12-01T12:00:00Z", "task-done", task, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Встреча в офисе"));
  result_clear (&r);
  r = cli (db, "2026-12-01T12:00:00Z", "--json", "tasks", "--done", NULL);
  g_assert_cmpuint (group_len (&r, "done"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (obj (&r), "done"), 0), "id"), ==, task);
  result_clear (&r);
  r = cli (db, "2026-12-01T12:00:00Z", "--json", "task-done", task, "--undo", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_object_get_null_member (obj (&r), "done"));
  result_clear (&r);

  /* The answered call stops the cadence. */
  r = cli (db, "2026-12-01T12:05:00Z", "--json", "log-call", lead, "--outcome", "answered",
           "--duration", "330", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* Only the meeting is left. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (&r), "open_tasks")), ==, 1);
  result_clear (&r);

  /* Plain text for people. */
  r = cli (db, "2026-12-01T12:05:00Z", "tasks", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Overdue (1)"));
  g_assert_nonnull (strstr (r.out, "2026-12-01 11:00"));
  result_clear (&r);

  /* The cadences. */
  r = cli (db, NULL, "--json", "cadences", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (r.json)), ==, 3);
  {
    JsonObject *no_answer = json_array_get_object_element (json_node_get_array (r.json), 0);
    g_assert_cmpstr (json_object_get_string_member (no_answer, "trigger"), ==, "call-outcome");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (no_answer, "steps")), ==, 3);
  }
  result_clear (&r);
  r = cli (db, NULL, "cadences", NULL);
  g_assert_nonnull (strstr (r.out, "No answer"));
  result_clear (&r);

  /* iCalendar, read back by libical. */
  r = cli (db, NULL, "export", "ics", "--out", ics, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  {
    icalcomponent *cal = icalparser_parse_string (text);
    guint n = icalcomponent_count_components (cal, ICAL_VTODO_COMPONENT);

    /* respond, the call the answered call ticked off (the two other steps
     * were cancelled: not exported), the meeting. */
    g_assert_cmpuint (n, ==, 3);
    icalcomponent_free (cal);
  }
  r = cli (db, NULL, "export", "ics", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "BEGIN:VCALENDAR"));
  result_clear (&r);
}

static void
test_errors (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "errors.db", NULL);
  g_autofree char *lead = NULL;
  Result r;

  r = cli (db, NULL, "--json", "add-lead", "--name", "Петров Пётр", NULL);
  lead = g_strdup (json_object_get_string_member (obj (&r), "id"));
  result_clear (&r);

  /* Bad usage: 2. */
  {
    const char *const bad[][6] = {
      { "tasks", "--sideways", "x", NULL },
      { "tasks", "extra", NULL },
      { "task-add", NULL },
      { "task-add", lead, "--kind", "fax", NULL },
      { "task-add", lead, "--title", "X", "--due", "someday" },
      { "task-done", NULL },
      { "log-call", lead, NULL },
      { "log-call", lead, "--outcome", "maybe", NULL },
      { "log-call", lead, "--outcome", "busy", "--duration", "long" },
      { "export", "ics", "--entity", "leads", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        r = cli (db, NULL, bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], bad[i][5], NULL);
        g_test_message ("%s %s → %d %s", bad[i][0], bad[i][1] ? bad[i][1] : "", r.status, r.err);
        g_assert_cmpint (r.status, ==, 2);
        g_assert_cmpstr (r.err, !=, "");
        result_clear (&r);
      }
  }
  r = cli (db, "yesterday-ish", "tasks", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--now"));
  result_clear (&r);

  /* User errors: 1, with a message (and JSON when asked). */
  r = cli (db, NULL, "task-done", "ffffffff-ffff", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "ffffffff-ffff"));
  result_clear (&r);
  r = cli (db, NULL, "--json", "task-add", "00000000-dead", "--title", "X", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (json_object_has_member (obj (&r), "error"));
  result_clear (&r);
  r = cli (db, NULL, "task-add", lead, "--title", "X", "--remind", "10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Reminder"));
  result_clear (&r);
  r = cli (db, NULL, "--json", "task-add", lead, "--title", "Без срока", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_object_get_null_member (obj (&r), "due"));
  result_clear (&r);
}

static void
test_quick_and_snooze (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "quick.db", NULL);
  g_autofree char *lead = NULL;
  g_autofree char *task = NULL;
  Result r;

  r = cli (db, "2026-11-30T10:00:00Z", "--json", "add-lead", "--name", "Смирнова Анна", NULL);
  lead = g_strdup (json_object_get_string_member (obj (&r), "id"));
  result_clear (&r);

  /* The time in the title, as in the card's quick add. */
  r = cli (db, "2026-11-30T10:00:00Z", "--json", "task-add", lead, "--kind", "call",
           "--title", "Перезвонить завтра в 10:30", NULL);
  g_assert_cmpint (r.status, ==, 0);
  task = g_strdup (json_object_get_string_member (obj (&r), "id"));
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "title"), ==, "Перезвонить");
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "due"), ==, "2026-12-01T10:30:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "remind"), ==, "2026-12-01T10:30:00.000Z");
  result_clear (&r);

  /* Overdue at 11:00 the next day; snoozed for an hour it is not. */
  r = cli (db, "2026-12-01T11:00:00Z", "--json", "tasks", "--overdue", NULL);
  g_assert_cmpint (group_count (&r, "overdue"), ==, 2);
  result_clear (&r);
  r = cli (db, "2026-12-01T11:00:00Z", "--json", "task-snooze", task, "60", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (obj (&r), "due"), ==, "2026-12-01T12:00:00.000Z");
  result_clear (&r);
  r = cli (db, "2026-12-01T11:00:00Z", "--json", "tasks", NULL);
  g_assert_cmpint (group_count (&r, "overdue"), ==, 1);
  g_assert_cmpint (group_count (&r, "today"), ==, 1);
  result_clear (&r);

  r = cli (db, NULL, "task-snooze", task, "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = cli (db, NULL, "task-snooze", "ffffffff-0", "10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/cli/tasks/time-travel", test_time_travel);
  g_test_add_func ("/cli/tasks/errors", test_errors);
  g_test_add_func ("/cli/tasks/quick-and-snooze", test_quick_and_snooze);

  return crm_test_run ();
}
