/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-cadence"

#include "config.h"

#include "crm-cadence.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "crm-error.h"
#include "crm-record.h"
#include "crm-tasks.h"
#include "crm-text.h"

/* Processing regulations: a cadence is a named list of steps started by a
 * trigger. Starting one generates all its tasks at once, each placed in
 * work hours and marked with the cadence and step; "running" means the lead
 * still has open tasks of it, and stopping cancels (soft-deletes) them, so
 * no separate run table has to be kept in step with the tasks. A running
 * cadence stops when the lead changes stage or answers. */

#define OPEN "done_ms IS NULL AND _deleted = 0"

static const char *const triggers[] = {
  CRM_CADENCE_TRIGGER_LEAD_CREATED,
  CRM_CADENCE_TRIGGER_CALL_OUTCOME,
  CRM_CADENCE_TRIGGER_STAGE_ENTERED,
  CRM_CADENCE_TRIGGER_LEAD_REFUSED,
  NULL
};

/* The defaults have fixed ids, so two PCs that seed them offline end up
 * with the same rows once they sync, and a default someone deleted is not
 * brought back. */
#define NO_ANSWER_ID "01900000-0000-7000-8000-00000000ca01"
#define WARM_ID      "01900000-0000-7000-8000-00000000ca02"
#define REFUSED_ID   "01900000-0000-7000-8000-00000000ca03"

typedef struct
{
  gint64      minutes;
  int         days;
  int         months;
  int         on_month;
  int         on_day;
  const char *kind;
  const char *title;
  const char *subject;
  const char *template;
} DefaultStep;

static const DefaultStep no_answer_steps[] = {
  { 20, 0, 0, 0, 0, "call", N_("Call again: second attempt"), NULL, NULL },
  { 50, 0, 0, 0, 0, "call", N_("Call again: third attempt"), NULL, NULL },
  { 60, 0, 0, 0, 0, "email", N_("Write by e-mail or SMS: could not reach you"),
    N_("Your request"),
    N_("Hello, {name}!\n\nWe tried to call you about your request but could not reach you. "
       "When would be a good time to talk? You can also simply reply to this message.\n\n"
       "Best regards,\n{manager}") },
};

static const DefaultStep warm_steps[] = {
  { 0, 1, 0, 0, 0, "call", N_("Warm lead: first follow-up call"), NULL, NULL },
  { 30, 1, 0, 0, 0, "email", N_("Send the lead magnet"),
    N_("Useful materials for you"),
    N_("Hello, {name}!\n\nThank you for our conversation. As promised, here are materials "
       "that will help you decide. If you have any questions, just reply to this letter.\n\n"
       "Best regards,\n{manager}") },
  { 0, 3, 0, 0, 0, "call", N_("Warm lead: second follow-up call"), NULL, NULL },
  { 0, 6, 0, 0, 0, "call", N_("Warm lead: third follow-up call"), NULL, NULL },
};

static const DefaultStep refused_steps[] = {
  { 30, 0, 0, 0, 0, "email", N_("Send a farewell letter with a short survey"),
    N_("Thank you for your time"),
    N_("Hello, {name}!\n\nThank you for considering us. We are sorry we could not help this "
       "time. Please answer three short questions, it will help us get better:\n"
       "1. Why did you decide not to work with us?\n"
       "2. What was missing in our offer?\n"
       "3. May we contact you again later?\n\n"
       "Best regards,\n{manager}") },
  { 0, 0, 3, 0, 0, "call", N_("Re-contact the refused lead"), NULL, NULL },
  { 0, 0, 0, 12, 28, "message", N_("Send holiday greetings"),
    N_("Happy New Year!"),
    N_("{name}, happy New Year! We wish you and {company} success and prosperity in the "
       "new year.\n\n{manager}") },
};

static const struct {
  const char        *id;
  const char        *name;
  const char        *trigger;
  const char        *trigger_arg;
  const DefaultStep *steps;
  guint              n_steps;
} defaults[] = {
  { NO_ANSWER_ID, N_("No answer"), CRM_CADENCE_TRIGGER_CALL_OUTCOME, "no-answer,busy",
    no_answer_steps, G_N_ELEMENTS (no_answer_steps) },
  { WARM_ID, N_("Warm"), CRM_CADENCE_TRIGGER_STAGE_ENTERED, "nurture",
    warm_steps, G_N_ELEMENTS (warm_steps) },
  { REFUSED_ID, N_("Refused"), CRM_CADENCE_TRIGGER_LEAD_REFUSED, NULL,
    refused_steps, G_N_ELEMENTS (refused_steps) },
};

void
crm_cadence_step_free (CrmCadenceStep *step)
{
  if (step == NULL)
    return;
  g_free (step->kind);
  g_free (step->title);
  g_free (step->subject);
  g_free (step->template);
  g_free (step);
}

gboolean
crm_cadence_trigger_is_valid (const char *trigger)
{
  return trigger != NULL && g_strv_contains (triggers, trigger);
}

const char *
crm_cadence_trigger_label (const char *trigger)
{
  if (g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_LEAD_CREATED) == 0)
    return _("A new lead");
  if (g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_CALL_OUTCOME) == 0)
    return _("A call outcome");
  if (g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_STAGE_ENTERED) == 0)
    return _("Entering a stage");
  if (g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_LEAD_REFUSED) == 0)
    return _("The lead refused");
  return trigger != NULL ? trigger : "";
}

static gint64
member_int (JsonObject *o,
            const char *name)
{
  return json_object_has_member (o, name) ? json_object_get_int_member (o, name) : 0;
}

static char *
member_text (JsonObject *o,
             const char *name)
{
  if (!json_object_has_member (o, name) || json_object_get_null_member (o, name))
    return NULL;
  return g_strdup (json_object_get_string_member (o, name));
}

/**
 * crm_cadence_parse_steps:
 * @json: the steps column: [{"delay_minutes": 20, "delay_days": 0,
 *   "delay_months": 0, "on": "12-28", "kind": "call", "title": "…",
 *   "subject": "…", "template": "…"}, …]
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmCadenceStep): the steps, or
 *   %NULL with @error set naming the bad step
 */
GPtrArray *
crm_cadence_parse_steps (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_cadence_step_free);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json != NULL ? json : "[]", -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY ((root = json_parser_get_root (parser))))
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Steps: not a list of steps"));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CrmCadenceStep) step = g_new0 (CrmCadenceStep, 1);
      g_autofree char *on = NULL;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Step %u: not a step"), i + 1);
          return NULL;
        }
      o = json_node_get_object (node);
      step->delay_minutes = member_int (o, "delay_minutes");
      step->delay_days = member_int (o, "delay_days");
      step->delay_months = member_int (o, "delay_months");
      step->kind = member_text (o, "kind");
      step->title = member_text (o, "title");
      step->subject = member_text (o, "subject");
      step->template = member_text (o, "template");
      on = member_text (o, "on");
      if (on != NULL && sscanf (on, "%d-%d", &step->on_month, &step->on_day) != 2)
        step->on_month = -1;

      if (!crm_task_kind_is_valid (step->kind) || g_strcmp0 (step->kind, "respond") == 0)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Step %u: “%s” is not a task kind"), i + 1, step->kind ? step->kind : "");
          return NULL;
        }
      if (step->delay_minutes < 0 || step->delay_days < 0 || step->delay_months < 0 ||
          step->delay_minutes > 366 * 24 * 60 || step->delay_days > 3660 || step->delay_months > 120 ||
          (on != NULL && (step->on_month < 1 || step->on_month > 12 ||
                          step->on_day < 1 || step->on_day > 31)))
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Step %u: the delay is not valid"), i + 1);
          return NULL;
        }
      if (crm_text_is_blank (step->title))
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                       _("Step %u: needs a title"), i + 1);
          return NULL;
        }
      g_ptr_array_add (steps, g_steal_pointer (&step));
    }
  return g_steal_pointer (&steps);
}

/**
 * crm_cadence_steps_to_json:
 * @steps: (element-type CrmCadenceStep): steps
 *
 * Returns: (transfer full): the steps column for @steps
 */
char *
crm_cadence_steps_to_json (GPtrArray *steps)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < steps->len; i++)
    {
      const CrmCadenceStep *step = g_ptr_array_index (steps, i);

      json_builder_begin_object (b);
      if (step->on_month > 0)
        {
          g_autofree char *on = g_strdup_printf ("%02d-%02d", step->on_month, step->on_day);
          json_builder_set_member_name (b, "on");
          json_builder_add_string_value (b, on);
        }
      if (step->delay_months > 0)
        {
          json_builder_set_member_name (b, "delay_months");
          json_builder_add_int_value (b, step->delay_months);
        }
      if (step->delay_days > 0)
        {
          json_builder_set_member_name (b, "delay_days");
          json_builder_add_int_value (b, step->delay_days);
        }
      if (step->delay_minutes > 0)
        {
          json_builder_set_member_name (b, "delay_minutes");
          json_builder_add_int_value (b, step->delay_minutes);
        }
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, step->kind);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, step->title);
      if (step->subject != NULL)
        {
          json_builder_set_member_name (b, "subject");
          json_builder_add_string_value (b, step->subject);
        }
      if (step->template != NULL)
        {
          json_builder_set_member_name (b, "template");
          json_builder_add_string_value (b, step->template);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/**
 * crm_cadence_step_due:
 * @step: a step
 * @wh: the work hours
 * @from_ms: when the cadence started, UTC ms
 *
 * A date step ("on") is the next such date at the start of the working
 * day; otherwise calendar months and days are added on the local wall
 * clock, then working minutes. The result is always in working time.
 *
 * Returns: the step's due time, UTC ms
 */
gint64
crm_cadence_step_due (const CrmCadenceStep *step,
                      const CrmWorkHours   *wh,
                      gint64                from_ms)
{
  gint64 t = from_ms;

  if (step->on_month > 0)
    return crm_work_hours_next_date (wh, from_ms, step->on_month, step->on_day);
  if (step->delay_days > 0 || step->delay_months > 0)
    t = crm_work_hours_add_days (wh, t, step->delay_days, step->delay_months);
  return crm_work_hours_add_minutes (wh, t, step->delay_minutes);
}

static GPtrArray *
list_records (CrmStore    *store,
              const char  *sql,
              const char  *arg,
              GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, crm_record_new_from_stmt ("cadences", stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "cadences");
      return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * crm_cadence_list:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmRecord): the live cadences
 */
GPtrArray *
crm_cadence_list (CrmStore  *store,
                  GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return list_records (store, "SELECT * FROM cadences WHERE _deleted = 0 ORDER BY rid", NULL, error);
}

static char *
default_steps_json (const DefaultStep *defs,
                    guint              n)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_cadence_step_free);

  for (guint i = 0; i < n; i++)
    {
      CrmCadenceStep *step = g_new0 (CrmCadenceStep, 1);

      step->delay_minutes = defs[i].minutes;
      step->delay_days = defs[i].days;
      step->delay_months = defs[i].months;
      step->on_month = defs[i].on_month;
      step->on_day = defs[i].on_day;
      step->kind = g_strdup (defs[i].kind);
      step->title = g_strdup (_(defs[i].title));
      step->subject = defs[i].subject != NULL ? g_strdup (_(defs[i].subject)) : NULL;
      step->template = defs[i].template != NULL ? g_strdup (_(defs[i].template)) : NULL;
      g_ptr_array_add (steps, step);
    }
  return crm_cadence_steps_to_json (steps);
}

/**
 * crm_cadence_seed_defaults:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Adds the regulation the product's practice starts from, in the user's
 * language and editable: "No answer" (call again in 20 and 50 minutes,
 * then an e-mail or SMS), "Warm" (calls on days 1, 3 and 6 and the lead
 * magnet) and "Refused" (a farewell letter with a survey, a call in three
 * months, New Year greetings). Idempotent: a default that exists, even
 * deleted, is left alone, so old workspaces get the ones they miss.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_seed_defaults (CrmStore  *store,
                           GError   **error)
{
  gboolean began = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autoptr(CrmChange) change = NULL;
      g_autofree char *steps = NULL;
      sqlite3_stmt *stmt = crm_store_stmt (store, "SELECT 1 FROM cadences WHERE id = ?1", error);
      gboolean exists;

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, defaults[i].id, -1, SQLITE_STATIC);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (exists)
        continue;

      if (!began && !(began = crm_store_begin (store, error)))
        return FALSE;
      steps = default_steps_json (defaults[i].steps, defaults[i].n_steps);
      change = crm_change_new_create ("cadences");
      crm_change_set_id (change, defaults[i].id);
      crm_change_set_text (change, "name", _(defaults[i].name));
      crm_change_set_text (change, "trigger", defaults[i].trigger);
      if (defaults[i].trigger_arg != NULL)
        crm_change_set_text (change, "trigger_arg", defaults[i].trigger_arg);
      crm_change_set_text (change, "steps", steps);
      if (!crm_store_apply (store, change, error))
        goto fail;
    }
  return !began || crm_store_commit (store, error);

fail:
  if (began)
    crm_store_rollback (store);
  return FALSE;
}

/**
 * crm_cadence_restore_defaults:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Puts the three default cadences back as they came, in the user's
 * language: deleted ones return, edited ones lose their edits and are
 * switched on. Cadences people added stay as they are.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_restore_defaults (CrmStore  *store,
                              GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autoptr(CrmRecord) cadence = crm_store_get (store, "cadences", defaults[i].id, NULL);
      g_autofree char *steps = default_steps_json (defaults[i].steps, defaults[i].n_steps);
      g_autoptr(CrmChange) change = NULL;

      if (cadence != NULL && crm_record_is_deleted (cadence) &&
          !crm_store_restore (store, "cadences", defaults[i].id, error))
        goto fail;
      if (cadence != NULL)
        change = crm_change_new_update ("cadences", defaults[i].id);
      else
        {
          change = crm_change_new_create ("cadences");
          crm_change_set_id (change, defaults[i].id);
        }
      crm_change_set_text (change, "name", _(defaults[i].name));
      crm_change_set_text (change, "trigger", defaults[i].trigger);
      if (defaults[i].trigger_arg != NULL)
        crm_change_set_text (change, "trigger_arg", defaults[i].trigger_arg);
      else
        crm_change_set_null (change, "trigger_arg");
      crm_change_set_text (change, "steps", steps);
      crm_change_set_int (change, "is_active", 1);
      if (!crm_store_apply (store, change, error))
        goto fail;
    }
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/**
 * crm_cadence_is_running:
 * @store: a #CrmStore
 * @lead_id: a lead
 * @cadence_id: (nullable): a cadence, or %NULL for any
 *
 * Returns: whether the lead has open tasks of the cadence
 */
gboolean
crm_cadence_is_running (CrmStore   *store,
                        const char *lead_id,
                        const char *cadence_id)
{
  sqlite3_stmt *stmt;
  gboolean running;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  stmt = crm_store_stmt (store, "SELECT 1 FROM tasks WHERE entity_id = ?1 AND " OPEN
                         " AND cadence_id IS NOT NULL AND (?2 IS NULL OR cadence_id = ?2) LIMIT 1",
                         NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lead_id, -1, SQLITE_TRANSIENT);
  if (cadence_id != NULL)
    sqlite3_bind_text (stmt, 2, cadence_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  running = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return running;
}

static char *
lookup_text (CrmStore   *store,
             const char *sql,
             const char *arg)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, NULL);
  char *value = NULL;

  if (stmt == NULL || arg == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/**
 * crm_cadence_start:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @lead_id: the lead it runs for
 * @from_ms: the trigger's time, UTC ms
 * @error: return location for a #GError
 *
 * Generates the cadence's tasks for the lead, each in work hours, with
 * its message rendered for the lead in the task's note and a reminder at
 * its due time.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_start (CrmStore    *store,
                   const char  *cadence_id,
                   const char  *lead_id,
                   gint64       from_ms,
                   GError     **error)
{
  g_autoptr(CrmRecord) cadence = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(CrmWorkHours) wh = NULL;
  g_autoptr(GHashTable) vars = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!(cadence = crm_store_get (store, "cadences", cadence_id, error)))
    return FALSE;
  if (!(steps = crm_cadence_parse_steps (crm_record_get_text (cadence, "steps"), error)))
    return FALSE;
  wh = crm_tasks_work_hours (store);
  vars = crm_template_vars (store, "lead", lead_id);

  if (!crm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    {
      const CrmCadenceStep *step = g_ptr_array_index (steps, i);
      CrmTaskInput input = CRM_TASK_INPUT_INIT;
      g_autofree char *title = crm_template_render (step->title, vars);
      g_autofree char *note = step->template != NULL ? crm_template_render (step->template, vars) : NULL;
      g_autofree char *task_id = NULL;

      input.entity_type = "lead";
      input.entity_id = lead_id;
      input.kind = step->kind;
      input.title = title;
      input.note = note;
      input.due_ms = crm_cadence_step_due (step, wh, from_ms);
      input.remind_before_min = 0;
      input.cadence_id = crm_record_get_id (cadence);
      input.cadence_step = i;
      if (!(task_id = crm_tasks_create (store, &input, error)))
        {
          crm_store_rollback (store);
          return FALSE;
        }
    }
  return crm_store_commit (store, error);
}

/**
 * crm_cadence_stop:
 * @store: a #CrmStore
 * @lead_id: a lead
 * @error: return location for a #GError
 *
 * Stops every cadence running for the lead: their open tasks are
 * cancelled (soft-deleted, so they can be restored); done ones stay.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_stop (CrmStore    *store,
                  const char  *lead_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  stmt = crm_store_stmt (store, "SELECT id FROM tasks WHERE entity_id = ?1 AND " OPEN
                         " AND cadence_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lead_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (ids->len == 0)
    return TRUE;

  if (!crm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!crm_store_delete (store, "tasks", g_ptr_array_index (ids, i), error))
      {
        crm_store_rollback (store);
        return FALSE;
      }
  return crm_store_commit (store, error);
}

static gboolean
arg_matches (const char *list,
             const char *value)
{
  g_auto(GStrv) items = NULL;

  if (list == NULL || value == NULL)
    return FALSE;
  items = g_strsplit (list, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (strcmp (g_strstrip (items[i]), value) == 0)
      return TRUE;
  return FALSE;
}

/* Starts the active cadences of @trigger whose argument matches one of
 * @values (any argument when @values is NULL), unless already running. */
static gboolean
start_triggered (CrmStore          *store,
                 const char        *trigger,
                 const char *const *values,
                 const char        *lead_id,
                 gint64             at_ms,
                 GError           **error)
{
  g_autoptr(GPtrArray) cadences = NULL;

  cadences = list_records (store, "SELECT * FROM cadences WHERE _deleted = 0 AND is_active = 1"
                           " AND trigger = ?1 ORDER BY rid", trigger, error);
  if (cadences == NULL)
    return FALSE;
  for (guint i = 0; i < cadences->len; i++)
    {
      CrmRecord *cadence = g_ptr_array_index (cadences, i);
      const char *arg = crm_record_get_text (cadence, "trigger_arg");
      gboolean match = values == NULL;

      for (guint j = 0; values != NULL && values[j] != NULL && !match; j++)
        match = arg_matches (arg, values[j]);
      if (!match || crm_cadence_is_running (store, lead_id, crm_record_get_id (cadence)))
        continue;
      if (!crm_cadence_start (store, crm_record_get_id (cadence), lead_id, at_ms, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
crm_cadence_on_lead_created (CrmStore    *store,
                             const char  *lead_id,
                             gint64       at_ms,
                             GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return start_triggered (store, CRM_CADENCE_TRIGGER_LEAD_CREATED, NULL, lead_id, at_ms, error);
}

/**
 * crm_cadence_on_call_outcome:
 * @store: a #CrmStore
 * @lead_id: the lead called
 * @outcome: how the call went
 * @at_ms: when
 * @error: return location for a #GError
 *
 * Starts the cadences for this outcome ("No answer" for "no-answer" and
 * "busy"); one already running for the lead keeps its schedule.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_on_call_outcome (CrmStore    *store,
                             const char  *lead_id,
                             const char  *outcome,
                             gint64       at_ms,
                             GError     **error)
{
  const char *values[] = { outcome, NULL };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  if (outcome == NULL)
    return TRUE;
  return start_triggered (store, CRM_CADENCE_TRIGGER_CALL_OUTCOME, values, lead_id, at_ms, error);
}

/**
 * crm_cadence_on_answer:
 * @store: a #CrmStore
 * @lead_id: the lead that answered
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_on_answer (CrmStore    *store,
                       const char  *lead_id,
                       GError     **error)
{
  return crm_cadence_stop (store, lead_id, error);
}

/**
 * crm_cadence_on_stage_entered:
 * @store: a #CrmStore
 * @lead_id: the lead moved
 * @old_stage_id: (nullable): where it was
 * @new_stage_id: where it is now
 * @error: return location for a #GError
 *
 * A change of stage stops the running cadences, then starts those for the
 * new stage (by its id or its kind: "nurture" for Warm) and, for a lost
 * stage, those for a refused lead.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_on_stage_entered (CrmStore    *store,
                              const char  *lead_id,
                              const char  *old_stage_id,
                              const char  *new_stage_id,
                              GError     **error)
{
  g_autofree char *kind = NULL;
  const char *values[3] = { new_stage_id, NULL, NULL };
  gint64 now;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (g_strcmp0 (old_stage_id, new_stage_id) == 0 || new_stage_id == NULL)
    return TRUE;
  if (!crm_cadence_stop (store, lead_id, error))
    return FALSE;

  now = crm_store_now_ms (store);
  kind = lookup_text (store, "SELECT kind FROM stages WHERE id = ?1", new_stage_id);
  values[1] = kind;
  if (!start_triggered (store, CRM_CADENCE_TRIGGER_STAGE_ENTERED, values, lead_id, now, error))
    return FALSE;
  if (g_strcmp0 (kind, "lost") == 0 &&
      !start_triggered (store, CRM_CADENCE_TRIGGER_LEAD_REFUSED, NULL, lead_id, now, error))
    return FALSE;
  return TRUE;
}

/**
 * crm_template_render:
 * @text: a message with placeholders: "Hello, {name}!"
 * @vars: (nullable): placeholder → value
 *
 * Known placeholders are replaced (by "" when their value is empty);
 * unknown ones stay as they are, so a typo shows instead of vanishing.
 *
 * Returns: (transfer full): the message
 */
char *
crm_template_render (const char *text,
                     GHashTable *vars)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text) + 32);
  for (p = text; *p != '\0'; )
    {
      const char *close;

      if (*p == '{' && (close = strchr (p + 1, '}')) != NULL && close - p <= 32)
        {
          g_autofree char *key = g_strndup (p + 1, close - p - 1);
          gpointer value;

          if (vars != NULL && g_hash_table_lookup_extended (vars, key, NULL, &value))
            {
              if (value != NULL)
                g_string_append (out, value);
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/**
 * crm_template_vars:
 * @store: a #CrmStore
 * @entity_type: "lead", "contact" or "client"
 * @entity_id: the record the message is for
 *
 * The placeholders a message to a record can use: {name} (the first name
 * when known, else the whole name), {full_name}, {company}, {phone},
 * {email} and {manager} (the record's owner, else the current user).
 *
 * Returns: (transfer full): placeholder → value (possibly %NULL)
 */
GHashTable *
crm_template_vars (CrmStore   *store,
                   const char *entity_type,
                   const char *entity_id)
{
  GHashTable *vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *tbl = entity_type != NULL ? crm_entity_table (entity_type) : NULL;
  g_autoptr(CrmRecord) record = NULL;
  const char *owner = NULL;
  const char *full = NULL;
  const char *first = NULL;

  const char *const *keys = crm_template_placeholders ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_insert (vars, (char *) keys[i], NULL);
  if (tbl != NULL && entity_id != NULL)
    record = crm_store_get (store, tbl, entity_id, NULL);
  if (record != NULL)
    {
      if (strcmp (tbl, "clients") == 0)
        {
          full = crm_record_get_text (record, "name");
          g_hash_table_insert (vars, "company", g_strdup (full));
        }
      else
        {
          full = crm_record_get_text (record, "full_name");
          first = crm_record_get_text (record, "first_name");
          if (strcmp (tbl, "leads") == 0)
            g_hash_table_insert (vars, "company", g_strdup (crm_record_get_text (record, "company")));
          else
            g_hash_table_insert (vars, "company",
                                 lookup_text (store, "SELECT name FROM clients WHERE id = ?1",
                                              crm_record_get_text (record, "client_id")));
        }
      g_hash_table_insert (vars, "full_name", g_strdup (full));
      g_hash_table_insert (vars, "name", g_strdup (!crm_text_is_blank (first) ? first : full));
      g_hash_table_insert (vars, "phone",
                           lookup_text (store, "SELECT raw FROM phones WHERE entity_id = ?1"
                                        " AND _deleted = 0 ORDER BY position, rid LIMIT 1", entity_id));
      g_hash_table_insert (vars, "email",
                           lookup_text (store, "SELECT raw FROM emails WHERE entity_id = ?1"
                                        " AND _deleted = 0 ORDER BY position, rid LIMIT 1", entity_id));
      owner = crm_record_get_text (record, "owner_id");
    }
  if (owner == NULL)
    owner = crm_store_get_user_id (store);
  g_hash_table_insert (vars, "manager", lookup_text (store, "SELECT name FROM users WHERE id = ?1", owner));
  return vars;
}
