/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "voronka-cli"

#include "config.h"

#include "cli-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-cadence.h"
#include "crm-settings.h"
#include "crm-tasks.h"
#include "crm-tasks-ics.h"

/* voronka-cli tasks | task-add | task-done | log-call | cadences | export
 * ics: follow-ups from a script. With the global --now every command runs
 * at that moment, so a script can see what is overdue tomorrow. */

/* A time as the user typed it: ISO 8601 with a zone as it says, without
 * one in the workspace's zone, or quick words ("tomorrow 10:00"). */
static gboolean
parse_time (CrmStore   *store,
            const char *text,
            gint64     *ms)
{
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *rest = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, tz);
  if (dt == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (midnight, tz);
    }
  /* GLib wants seconds: "2026-12-01T10:00" is ten o'clock. */
  if (dt == NULL && strlen (text) == 16 && text[10] == 'T')
    {
      g_autofree char *with_seconds = g_strconcat (text, ":00", NULL);
      dt = g_date_time_new_from_iso8601 (with_seconds, tz);
    }
  if (dt != NULL)
    {
      *ms = g_date_time_to_unix (dt) * 1000;
      return TRUE;
    }
  return crm_tasks_parse_quick (text, crm_store_now_ms (store), tz, &rest, ms) && *rest == '\0';
}

/* "2026-11-30 10:15" in the workspace's zone. */
static char *
format_local (CrmStore *store,
              gint64    ms)
{
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (ms <= 0)
    return g_strdup ("—");
  utc = g_date_time_new_from_unix_utc (ms / 1000);
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
json_time (JsonBuilder *b,
           const char  *name,
           CrmRecord   *r,
           const char  *column)
{
  json_builder_set_member_name (b, name);
  if (crm_record_has_value (r, column))
    {
      g_autofree char *iso = crm_format_iso8601_ms (crm_record_get_int (r, column, 0));
      json_builder_add_string_value (b, iso);
    }
  else
    json_builder_add_null_value (b);
}

static void
task_json (JsonBuilder *b,
           CrmStore    *store,
           CrmRecord   *task)
{
  g_autofree char *who = crm_tasks_entity_name (store, crm_record_get_text (task, "entity_type"),
                                                crm_record_get_text (task, "entity_id"));

  json_builder_begin_object (b);
  cli_json_text (b, "id", crm_record_get_id (task));
  cli_json_text (b, "kind", crm_record_get_text (task, "kind"));
  cli_json_text (b, "title", crm_record_get_text (task, "title"));
  cli_json_text (b, "note", crm_record_get_text (task, "note"));
  cli_json_text (b, "entity_type", crm_record_get_text (task, "entity_type"));
  cli_json_text (b, "entity_id", crm_record_get_text (task, "entity_id"));
  cli_json_text (b, "entity_name", who);
  cli_json_text (b, "owner_id", crm_record_get_text (task, "owner_id"));
  json_time (b, "due", task, "due_ms");
  json_time (b, "remind", task, "remind_ms");
  json_time (b, "done", task, "done_ms");
  cli_json_text (b, "cadence_id", crm_record_get_text (task, "cadence_id"));
  if (crm_record_has_value (task, "cadence_step"))
    cli_json_int (b, "cadence_step", crm_record_get_int (task, "cadence_step", 0));
  json_builder_end_object (b);
}

static void
task_print (CrmStore  *store,
            CrmRecord *task)
{
  g_autofree char *who = crm_tasks_entity_name (store, crm_record_get_text (task, "entity_type"),
                                                crm_record_get_text (task, "entity_id"));
  g_autofree char *when = format_local (store, crm_record_get_int (task, "due_ms", 0));
  g_autofree char *kind = cli_pad (crm_task_kind_label (crm_record_get_text (task, "kind")), 14);
  g_print ("  %s  %s  %s  %s%s%s\n", crm_record_get_id (task), when, kind, crm_record_get_text (task, "title"),
           who != NULL ? " — " : "", who != NULL ? who : "");
}

static const char *
list_heading (CrmTaskList list)
{
  switch (list)
    {
    case CRM_TASK_LIST_OVERDUE:
      return _("Overdue");
    case CRM_TASK_LIST_TODAY:
      return _("Today");
    case CRM_TASK_LIST_UPCOMING:
      return _("Upcoming");
    case CRM_TASK_LIST_DONE:
    case CRM_TASK_N_LISTS:
    default:
      return _("Done");
    }
}

int
cli_tasks (CliContext *ctx)
{
  static const char *const allowed[] = { "overdue", "today", "upcoming", "done", "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  gboolean wanted[CRM_TASK_N_LISTS] = { FALSE, };
  gboolean any = FALSE;
  guint counts[CRM_TASK_N_LISTS];
  CrmStore *store;
  guint limit;

  if (!cli_check_options (ctx, allowed) || !cli_option_uint (ctx, "limit", 100, &limit))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 0)
    return cli_usage_error (ctx, _("tasks takes no arguments"));
  for (int i = 0; i < CRM_TASK_N_LISTS; i++)
    any |= (wanted[i] = cli_option (ctx, crm_task_list_name (i)) != NULL);
  if (!any)
    wanted[CRM_TASK_LIST_OVERDUE] = wanted[CRM_TASK_LIST_TODAY] = wanted[CRM_TASK_LIST_UPCOMING] = TRUE;

  if (!(store = cli_open (ctx, &error)) || !crm_tasks_count (store, counts, &error))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "now");
      {
        g_autofree char *now = crm_format_iso8601_ms (crm_store_now_ms (store));
        json_builder_add_string_value (b, now);
      }
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
      for (int i = 0; i < CRM_TASK_N_LISTS; i++)
        cli_json_int (b, crm_task_list_name (i), counts[i]);
      json_builder_end_object (b);
    }

  for (int i = 0; i < CRM_TASK_N_LISTS; i++)
    {
      g_autoptr(GPtrArray) tasks = NULL;

      if (!wanted[i])
        continue;
      if (!(tasks = crm_tasks_list (store, i, limit, &error)))
        return cli_error (ctx, error);
      if (b != NULL)
        {
          json_builder_set_member_name (b, crm_task_list_name (i));
          json_builder_begin_array (b);
          for (guint j = 0; j < tasks->len; j++)
            task_json (b, store, g_ptr_array_index (tasks, j));
          json_builder_end_array (b);
          continue;
        }
      g_print ("%s (%u)\n", list_heading (i), counts[i]);
      for (guint j = 0; j < tasks->len; j++)
        task_print (store, g_ptr_array_index (tasks, j));
      if (tasks->len < counts[i])
        g_print ("  …\n");
    }
  if (b != NULL)
    {
      json_builder_end_object (b);
      cli_print_json (b);
    }
  return CLI_EXIT_OK;
}

static int
print_task (CliContext *ctx,
            CrmStore   *store,
            const char *task_id,
            const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) task = crm_store_get (store, "tasks", task_id, &error);

  if (task == NULL)
    return cli_error (ctx, error);
  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      task_json (b, store, task);
      cli_print_json (b);
    }
  else
    {
      g_print ("%s\n", message);
      task_print (store, task);
    }
  return CLI_EXIT_OK;
}

int
cli_task_add (CliContext *ctx)
{
  static const char *const allowed[] = { "kind", "due", "title", "note", "remind", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *quick_title = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  const char *kind = cli_option (ctx, "kind");
  const char *due = cli_option (ctx, "due");
  const char *entity_type = NULL;
  CrmStore *store;
  guint remind = 0;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 1)
    return cli_usage_error (ctx, _("task-add needs the id of a lead, contact or client"));
  if (kind != NULL && (!crm_task_kind_is_valid (kind) || strcmp (kind, "respond") == 0))
    return cli_usage_error (ctx, _("--kind must be call, email, meeting, message or todo"));
  if (cli_option (ctx, "title") == NULL && kind == NULL)
    return cli_usage_error (ctx, _("task-add needs --title or --kind"));
  if (!cli_option_uint (ctx, "remind", 0, &remind))
    return CLI_EXIT_USAGE;

  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (due != NULL && !parse_time (store, due, &input.due_ms))
    return cli_usage_error (ctx, _("--due needs a time like 2026-12-01T10:00 or “tomorrow 10:00”, not “%s”"), due);
  if (!(entity_id = crm_tasks_resolve_entity (store, g_ptr_array_index (ctx->positional, 0),
                                              &entity_type, &error)))
    return cli_error (ctx, error);

  input.entity_type = entity_type;
  input.entity_id = entity_id;
  input.kind = kind != NULL ? kind : "todo";
  input.title = cli_option (ctx, "title");
  /* Quick add: "Перезвонить завтра 10:00" as the title sets the time. */
  if (due == NULL && input.title != NULL)
    {
      g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);

      if (crm_tasks_parse_quick (input.title, crm_store_now_ms (store), tz, &quick_title, &input.due_ms))
        {
          input.title = quick_title;
          due = cli_option (ctx, "title");
        }
    }
  input.note = cli_option (ctx, "note");
  input.remind_before_min = cli_option (ctx, "remind") != NULL ? (gint64) remind : (due != NULL ? 0 : -1);
  if (!(task_id = crm_tasks_create (store, &input, &error)))
    return cli_error (ctx, error);
  return print_task (ctx, store, task_id, _("Task added:"));
}

int
cli_task_done (CliContext *ctx)
{
  static const char *const allowed[] = { "undo", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *task_id = NULL;
  CrmStore *store;
  gboolean undo = cli_option (ctx, "undo") != NULL;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 1)
    return cli_usage_error (ctx, _("task-done needs a task id"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!(task_id = crm_store_resolve_id (store, "tasks", g_ptr_array_index (ctx->positional, 0), &error)) ||
      !crm_tasks_set_done (store, task_id, !undo, &error))
    return cli_error (ctx, error);
  return print_task (ctx, store, task_id, undo ? _("Task reopened:") : _("Task done:"));
}

int
cli_task_snooze (CliContext *ctx)
{
  static const char *const allowed[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *task_id = NULL;
  CrmStore *store;
  guint64 minutes;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 2)
    return cli_usage_error (ctx, _("task-snooze needs a task id and minutes"));
  if (!g_ascii_string_to_unsigned (g_ptr_array_index (ctx->positional, 1), 10, 1, 30 * 24 * 60, &minutes, NULL))
    return cli_usage_error (ctx, _("task-snooze needs minutes, from 1 to 43200"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!(task_id = crm_store_resolve_id (store, "tasks", g_ptr_array_index (ctx->positional, 0), &error)) ||
      !crm_tasks_snooze (store, task_id, minutes, &error))
    return cli_error (ctx, error);
  return print_task (ctx, store, task_id, _("Task snoozed:"));
}

int
cli_log_call (CliContext *ctx)
{
  static const char *const allowed[] = { "outcome", "duration", "note", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *activity_id = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  CrmActivityInput input = CRM_ACTIVITY_INPUT_INIT;
  const char *outcome = cli_option (ctx, "outcome");
  const char *duration = cli_option (ctx, "duration");
  const char *entity_type = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 1)
    return cli_usage_error (ctx, _("log-call needs a lead id"));
  if (!crm_call_outcome_is_valid (outcome))
    return cli_usage_error (ctx, _("--outcome must be answered, no-answer, busy or wrong-number"));
  if (duration != NULL)
    {
      guint64 s;

      /* Seconds, or m:ss / h:mm:ss. */
      if (g_ascii_string_to_unsigned (duration, 10, 0, 24 * 3600, &s, NULL))
        input.duration_s = s;
      else if (strchr (duration, ':') == NULL || !crm_parse_duration (duration, &input.duration_s))
        return cli_usage_error (ctx, _("--duration needs seconds or m:ss, not “%s”"), duration);
    }

  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!(entity_id = crm_tasks_resolve_entity (store, g_ptr_array_index (ctx->positional, 0),
                                              &entity_type, &error)))
    return cli_error (ctx, error);

  input.entity_type = entity_type;
  input.entity_id = entity_id;
  input.kind = "call";
  input.outcome = outcome;
  input.body = cli_option (ctx, "note");
  if (!(activity_id = crm_activity_log (store, &input, &error)))
    return cli_error (ctx, error);
  if (!(tasks = crm_store_list_children (store, "tasks", entity_id, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_text (b, "id", activity_id);
      cli_json_text (b, "entity_type", entity_type);
      cli_json_text (b, "entity_id", entity_id);
      cli_json_text (b, "outcome", outcome);
      json_builder_set_member_name (b, "open_tasks");
      json_builder_begin_array (b);
      for (guint i = 0; i < tasks->len; i++)
        if (!crm_record_has_value (g_ptr_array_index (tasks, i), "done_ms"))
          task_json (b, store, g_ptr_array_index (tasks, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
      return CLI_EXIT_OK;
    }

  g_print (_("Call logged: %s\n"), crm_call_outcome_label (outcome));
  g_print ("%s\n", _("Open tasks:"));
  for (guint i = 0; i < tasks->len; i++)
    if (!crm_record_has_value (g_ptr_array_index (tasks, i), "done_ms"))
      task_print (store, g_ptr_array_index (tasks, i));
  return CLI_EXIT_OK;
}

static char *
step_delay (const CrmCadenceStep *step)
{
  GString *s = g_string_new (NULL);

  if (step->on_month > 0)
    g_string_append_printf (s, "%02d-%02d", step->on_day, step->on_month);
  if (step->delay_months > 0)
    g_string_append_printf (s, "+%dmo", step->delay_months);
  if (step->delay_days > 0)
    g_string_append_printf (s, "%s+%dd", s->len > 0 ? " " : "", step->delay_days);
  if (step->delay_minutes > 0 || s->len == 0)
    g_string_append_printf (s, "%s+%" G_GINT64_FORMAT "min", s->len > 0 ? " " : "", step->delay_minutes);
  return g_string_free (s, FALSE);
}

int
cli_cadences (CliContext *ctx)
{
  static const char *const allowed[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadences = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 0)
    return cli_usage_error (ctx, _("cadences takes no arguments"));
  if (!(store = cli_open (ctx, &error)) || !(cadences = crm_cadence_list (store, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < cadences->len; i++)
    {
      CrmRecord *c = g_ptr_array_index (cadences, i);
      const char *trigger = crm_record_get_text (c, "trigger");
      const char *arg = crm_record_get_text (c, "trigger_arg");
      g_autoptr(GPtrArray) steps = crm_cadence_parse_steps (crm_record_get_text (c, "steps"), NULL);

      if (b != NULL)
        {
          json_builder_begin_object (b);
          cli_json_text (b, "id", crm_record_get_id (c));
          cli_json_text (b, "name", crm_record_get_text (c, "name"));
          cli_json_text (b, "trigger", trigger);
          cli_json_text (b, "trigger_arg", arg);
          json_builder_set_member_name (b, "active");
          json_builder_add_boolean_value (b, crm_record_get_int (c, "is_active", 1) != 0);
          json_builder_set_member_name (b, "steps");
          {
            g_autoptr(JsonParser) parser = json_parser_new ();

            if (json_parser_load_from_data (parser, crm_record_get_text (c, "steps"), -1, NULL))
              json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
            else
              json_builder_add_null_value (b);
          }
          json_builder_end_object (b);
          continue;
        }

      g_print ("%s — %s%s%s%s%s\n", crm_record_get_text (c, "name"), crm_cadence_trigger_label (trigger),
               arg != NULL ? " (" : "", arg != NULL ? arg : "", arg != NULL ? ")" : "",
               crm_record_get_int (c, "is_active", 1) ? "" : _(" [off]"));
      for (guint s = 0; steps != NULL && s < steps->len; s++)
        {
          const CrmCadenceStep *step = g_ptr_array_index (steps, s);
          g_autofree char *delay = step_delay (step);
          g_autofree char *padded = cli_pad (delay, 12);

          g_print ("  %u. %s %s: %s\n", s + 1, padded, crm_task_kind_label (step->kind), step->title);
        }
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      cli_print_json (b);
    }
  return CLI_EXIT_OK;
}

int
cli_export_ics (CliContext *ctx)
{
  static const char *const allowed[] = { "out", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *path = cli_option (ctx, "out");
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (!(store = cli_open (ctx, &error)) || !(text = crm_tasks_export_ics (store, TRUE, &error)))
    return cli_error (ctx, error);
  if (path == NULL)
    {
      g_print ("%s", text);
      return CLI_EXIT_OK;
    }
  /* g_file_set_contents writes a temporary file and renames it. */
  if (!g_file_set_contents (path, text, -1, &error))
    return cli_error (ctx, error);
  if (!ctx->json)
    g_printerr (_("Exported the tasks to %s\n"), path);
  return CLI_EXIT_OK;
}
