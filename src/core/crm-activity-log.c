/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-activity-log"

#include "config.h"

#include "crm-activity-log.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-record.h"
#include "crm-store-query.h"
#include "crm-tasks.h"
#include "crm-text.h"

/* Logging what was done with a record: calls, notes, e-mails, meetings.
 * Activities are append-only rows of the timeline. The first outbound one
 * on a lead is its first response: it stamps first_response_ms (the KPI
 * the Inbox countdown runs against) and completes the open "respond" task. */

static const char *const kinds[] = {
  "call", "note", "email", "meeting", "message", "sms", NULL
};

static const char *const outcomes[] = {
  "answered", "no-answer", "busy", "wrong-number", NULL
};

const char *const *
crm_call_outcomes (void)
{
  return outcomes;
}

gboolean
crm_call_outcome_is_valid (const char *outcome)
{
  return outcome != NULL && g_strv_contains (outcomes, outcome);
}

/**
 * crm_call_outcome_label:
 * @outcome: a call outcome
 *
 * Returns: the outcome as people say it, translated
 */
const char *
crm_call_outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "answered") == 0)
    return C_("call outcome", "Answered");
  if (g_strcmp0 (outcome, "no-answer") == 0)
    return C_("call outcome", "No answer");
  if (g_strcmp0 (outcome, "busy") == 0)
    return C_("call outcome", "Busy");
  if (g_strcmp0 (outcome, "wrong-number") == 0)
    return C_("call outcome", "Wrong number");
  return outcome != NULL ? outcome : "";
}

const char *
crm_activity_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return C_("activity", "Call");
  if (g_strcmp0 (kind, "note") == 0)
    return C_("activity", "Note");
  if (g_strcmp0 (kind, "email") == 0)
    return C_("activity", "E-mail");
  if (g_strcmp0 (kind, "meeting") == 0)
    return C_("activity", "Meeting");
  if (g_strcmp0 (kind, "message") == 0)
    return C_("activity", "Message");
  if (g_strcmp0 (kind, "sms") == 0)
    return C_("activity", "SMS");
  if (g_strcmp0 (kind, "stage") == 0)
    return C_("activity", "Stage change");
  return C_("activity", "Event");
}

/**
 * crm_activity_is_outbound:
 * @kind: an activity kind
 * @direction: "in", "out" or %NULL (the kind's default)
 *
 * Whether an activity is us reaching the person: what counts as a response.
 */
gboolean
crm_activity_is_outbound (const char *kind,
                          const char *direction)
{
  if (g_strcmp0 (kind, "note") == 0 || g_strcmp0 (kind, "stage") == 0 ||
      g_strcmp0 (kind, "system") == 0 || kind == NULL)
    return FALSE;
  return direction == NULL || strcmp (direction, "out") == 0;
}

/**
 * crm_format_duration:
 * @seconds: a duration
 *
 * Returns: "m:ss" or "h:mm:ss"
 */
char *
crm_format_duration (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("");
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds % 3600 / 60), (int) (seconds % 60));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

/**
 * crm_parse_duration:
 * @text: "5" (minutes), "5:30", "1:02:03", or blank
 * @seconds: (out): the duration, -1 for blank
 *
 * Returns: %FALSE when @text is not a duration
 */
gboolean
crm_parse_duration (const char *text,
                    gint64     *seconds)
{
  g_auto(GStrv) parts = NULL;
  gint64 total = 0;
  guint n;

  *seconds = -1;
  if (crm_text_is_blank (text))
    return TRUE;

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (text));
    parts = g_strsplit (trimmed, ":", -1);
  }
  n = g_strv_length (parts);
  if (n < 1 || n > 3)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint64 v;

      if (parts[i][0] == '\0' || !g_ascii_string_to_unsigned (parts[i], 10, 0, 100000, &v, NULL))
        return FALSE;
      if (i > 0 && v >= 60)
        return FALSE;
      total = total * 60 + (gint64) v;
    }
  /* A bare number is minutes: nobody logs a call as "300". */
  *seconds = n == 1 ? total * 60 : total;
  return TRUE;
}

/**
 * crm_activity_summary:
 * @activity: an activity record
 *
 * Returns: one line for the timeline: "Outgoing call · No answer · 0:45"
 */
char *
crm_activity_summary (CrmRecord *activity)
{
  const char *kind = crm_record_get_text (activity, "kind");
  const char *direction = crm_record_get_text (activity, "direction");
  const char *outcome = crm_record_get_text (activity, "outcome");
  gint64 duration = crm_record_get_int (activity, "duration_s", -1);
  GString *s = g_string_new (NULL);

  if (g_strcmp0 (kind, "call") == 0)
    g_string_append (s, g_strcmp0 (direction, "in") == 0 ? _("Incoming call") : _("Outgoing call"));
  else if (g_strcmp0 (kind, "email") == 0)
    g_string_append (s, g_strcmp0 (direction, "in") == 0 ? _("E-mail received") : _("E-mail sent"));
  else
    g_string_append (s, crm_activity_kind_label (kind));

  if (outcome != NULL)
    g_string_append_printf (s, " · %s", crm_call_outcome_label (outcome));
  if (duration >= 0)
    {
      g_autofree char *d = crm_format_duration (duration);
      g_string_append_printf (s, " · %s", d);
    }
  return g_string_free (s, FALSE);
}

static gboolean
stamp_first_response (CrmStore    *store,
                      const char  *lead_id,
                      gint64       at_ms,
                      GError     **error)
{
  g_autoptr(CrmRecord) lead = crm_store_get (store, "leads", lead_id, error);
  g_autoptr(GPtrArray) tasks = NULL;

  if (lead == NULL)
    return FALSE;

  if (!crm_record_has_value (lead, "first_response_ms"))
    {
      g_autoptr(CrmChange) change = crm_change_new_update ("leads", lead_id);

      crm_change_set_int (change, "first_response_ms", at_ms);
      if (!crm_store_apply (store, change, error))
        return FALSE;
    }

  /* The "respond" task of the first-response SLA is done by responding. */
  if (!(tasks = crm_store_list_children (store, "tasks", lead_id, error)))
    return FALSE;
  for (guint i = 0; i < tasks->len; i++)
    {
      CrmRecord *task = g_ptr_array_index (tasks, i);

      if (g_strcmp0 (crm_record_get_text (task, "kind"), "respond") == 0 &&
          !crm_record_has_value (task, "done_ms"))
        {
          g_autoptr(CrmChange) change = crm_change_new_update ("tasks", crm_record_get_id (task));

          crm_change_set_int (change, "done_ms", at_ms);
          if (!crm_store_apply (store, change, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * crm_activity_log:
 * @store: a #CrmStore
 * @input: what happened
 * @error: return location for a #GError
 *
 * Adds an activity to a record's timeline through the one write path. A
 * call needs an outcome, a note needs text. The first outbound activity of
 * a lead stamps its first-response time, in the same transaction.
 *
 * Returns: (transfer full): the new activity's id, or %NULL with @error set
 */
char *
crm_activity_log (CrmStore                *store,
                  const CrmActivityInput  *input,
                  GError                 **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autoptr(CrmRecord) owner = NULL;
  const char *tbl;
  const char *direction;
  gint64 at_ms;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  tbl = input->entity_type != NULL ? crm_entity_table (input->entity_type) : NULL;
  if (tbl == NULL || input->entity_id == NULL ||
      (strcmp (tbl, "leads") != 0 && strcmp (tbl, "contacts") != 0 && strcmp (tbl, "clients") != 0))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Activities belong to a lead, a contact or a client"));
      return NULL;
    }
  if (input->kind == NULL || !g_strv_contains (kinds, input->kind))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Activity: unknown kind “%s”"), input->kind ? input->kind : "");
      return NULL;
    }
  if (strcmp (input->kind, "call") == 0 && !crm_call_outcome_is_valid (input->outcome))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Outcome: choose how the call went"));
      return NULL;
    }
  if (strcmp (input->kind, "call") != 0 && input->outcome != NULL)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Outcome: only calls have an outcome"));
      return NULL;
    }
  if (strcmp (input->kind, "note") == 0 && crm_text_is_blank (input->body))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Note: write something"));
      return NULL;
    }
  if (input->duration_s < -1 || input->duration_s > 24 * 3600)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Duration: must be between 0 and 24 hours"));
      return NULL;
    }
  if (input->direction != NULL && strcmp (input->direction, "in") != 0 &&
      strcmp (input->direction, "out") != 0)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Direction: must be incoming or outgoing"));
      return NULL;
    }

  if (!(owner = crm_store_get (store, tbl, input->entity_id, error)))
    return NULL;
  if (crm_record_is_deleted (owner))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The record was deleted"));
      return NULL;
    }

  direction = input->direction;
  if (direction == NULL && strcmp (input->kind, "note") != 0)
    direction = "out";
  at_ms = input->at_ms > 0 ? input->at_ms : crm_store_now_ms (store);

  change = crm_change_new_create ("activities");
  crm_change_set_text (change, "entity_type", input->entity_type);
  crm_change_set_text (change, "entity_id", input->entity_id);
  crm_change_set_text (change, "kind", input->kind);
  if (direction != NULL)
    crm_change_set_text (change, "direction", direction);
  if (input->outcome != NULL)
    crm_change_set_text (change, "outcome", input->outcome);
  if (input->duration_s >= 0)
    crm_change_set_int (change, "duration_s", input->duration_s);
  if (!crm_text_is_blank (input->subject))
    crm_change_set_text (change, "subject", input->subject);
  if (!crm_text_is_blank (input->body))
    crm_change_set_text (change, "body", input->body);
  if (!crm_text_is_blank (input->attachment))
    crm_change_set_text (change, "attachment", input->attachment);
  crm_change_set_int (change, "at_ms", at_ms);
  if (crm_store_get_user_id (store) != NULL)
    crm_change_set_text (change, "user_id", crm_store_get_user_id (store));

  if (!crm_store_begin (store, error))
    return NULL;
  if (!crm_store_apply (store, change, error))
    goto fail;
  if (strcmp (tbl, "leads") == 0 && crm_activity_is_outbound (input->kind, direction) &&
      !stamp_first_response (store, input->entity_id, at_ms, error))
    goto fail;
  if (!crm_tasks_on_activity (store, input, error))
    goto fail;
  if (!crm_store_commit (store, error))
    return NULL;

  return g_strdup (crm_change_get_id (change));

fail:
  crm_store_rollback (store);
  return NULL;
}
