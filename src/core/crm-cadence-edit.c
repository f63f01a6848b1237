/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-cadence"

#include "config.h"

#include "crm-cadence.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-record.h"
#include "crm-tasks.h"
#include "crm-text.h"

/* Editing processing regulations (Preferences, voronka-cli): a cadence
 * and its steps, step by step. Steps live in the cadence's "steps"
 * column, so each edit rewrites that one column through the write path
 * (history, field clock, outbox) after validating the whole list. */

/**
 * crm_cadence_create:
 * @store: a #CrmStore
 * @name: what people call it
 * @trigger: one of the CRM_CADENCE_TRIGGER_… names
 * @trigger_arg: (nullable): call outcomes ("no-answer,busy") or a stage
 *   id or kind ("nurture")
 * @steps_json: the steps (see crm_cadence_parse_steps())
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new cadence's id, or %NULL with @error set
 */
char *
crm_cadence_create (CrmStore    *store,
                    const char  *name,
                    const char  *trigger,
                    const char  *trigger_arg,
                    const char  *steps_json,
                    GError     **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(CrmChange) change = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (crm_text_is_blank (name))
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Name: a cadence needs a name"));
      return NULL;
    }
  if (!crm_cadence_trigger_is_valid (trigger))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Trigger: “%s” is not a trigger"), trigger != NULL ? trigger : "");
      return NULL;
    }
  if (!(steps = crm_cadence_parse_steps (steps_json, error)))
    return NULL;

  change = crm_change_new_create ("cadences");
  crm_change_set_text (change, "name", name);
  crm_change_set_text (change, "trigger", trigger);
  if (trigger_arg != NULL)
    crm_change_set_text (change, "trigger_arg", trigger_arg);
  crm_change_set_text (change, "steps", steps_json);
  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}

/**
 * crm_cadence_update:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @name: (nullable): a new name, or %NULL to keep it
 * @trigger: (nullable): a new trigger, or %NULL to keep it
 * @trigger_arg: (nullable): a new trigger argument ("" clears it), or %NULL
 * @steps_json: (nullable): new steps, or %NULL to keep them
 * @active: 1 to switch it on, 0 off, -1 to keep
 * @error: return location for a #GError
 *
 * Edits a regulation (Preferences). Running cadences keep the tasks they
 * already made; the change applies to the next start.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_update (CrmStore    *store,
                    const char  *cadence_id,
                    const char  *name,
                    const char  *trigger,
                    const char  *trigger_arg,
                    const char  *steps_json,
                    int          active,
                    GError     **error)
{
  g_autoptr(CrmRecord) cadence = NULL;
  g_autoptr(CrmChange) change = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (cadence_id != NULL, FALSE);

  if (!(cadence = crm_store_get (store, "cadences", cadence_id, error)))
    return FALSE;
  if (crm_record_is_deleted (cadence))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("The record was deleted"));
      return FALSE;
    }
  change = crm_change_new_update ("cadences", crm_record_get_id (cadence));
  if (name != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      if (*trimmed == '\0')
        {
          g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                               _("Name: a cadence needs a name"));
          return FALSE;
        }
      crm_change_set_text (change, "name", trimmed);
    }
  if (trigger != NULL)
    {
      if (!crm_cadence_trigger_is_valid (trigger))
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Trigger: “%s” is not a trigger"), trigger);
          return FALSE;
        }
      crm_change_set_text (change, "trigger", trigger);
    }
  if (trigger_arg != NULL)
    {
      if (*trigger_arg == '\0')
        crm_change_set_null (change, "trigger_arg");
      else
        crm_change_set_text (change, "trigger_arg", trigger_arg);
    }
  if (steps_json != NULL)
    {
      g_autoptr(GPtrArray) steps = crm_cadence_parse_steps (steps_json, error);

      if (steps == NULL)
        return FALSE;
      crm_change_set_text (change, "steps", steps_json);
    }
  if (active >= 0)
    crm_change_set_int (change, "is_active", active ? 1 : 0);
  return crm_store_apply (store, change, error);
}

/**
 * crm_cadence_delete:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @error: return location for a #GError
 *
 * Deletes a cadence (softly): it starts no more. Tasks it already made
 * stay, as tasks people were given.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_delete (CrmStore    *store,
                    const char  *cadence_id,
                    GError     **error)
{
  g_autoptr(CrmRecord) cadence = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (cadence_id != NULL, FALSE);

  if (!(cadence = crm_store_get (store, "cadences", cadence_id, error)))
    return FALSE;
  if (crm_record_is_deleted (cadence))
    return TRUE;
  return crm_store_delete (store, "cadences", cadence_id, error);
}

/**
 * crm_cadence_get_steps:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmCadenceStep): its steps, or
 *   %NULL with @error set
 */
GPtrArray *
crm_cadence_get_steps (CrmStore    *store,
                       const char  *cadence_id,
                       GError     **error)
{
  g_autoptr(CrmRecord) cadence = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!(cadence = crm_store_get (store, "cadences", cadence_id, error)))
    return NULL;
  return crm_cadence_parse_steps (crm_record_get_text (cadence, "steps"), error);
}

/**
 * crm_cadence_set_steps:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @steps: (element-type CrmCadenceStep): all its steps, in order
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %FALSE with @error naming the bad step
 */
gboolean
crm_cadence_set_steps (CrmStore    *store,
                       const char  *cadence_id,
                       GPtrArray   *steps,
                       GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);

  json = crm_cadence_steps_to_json (steps);
  return crm_cadence_update (store, cadence_id, NULL, NULL, NULL, json, -1, error);
}

/**
 * crm_cadence_step_copy:
 * @step: a step
 *
 * Returns: (transfer full): a copy of @step
 */
CrmCadenceStep *
crm_cadence_step_copy (const CrmCadenceStep *step)
{
  CrmCadenceStep *copy;

  g_return_val_if_fail (step != NULL, NULL);

  copy = g_new0 (CrmCadenceStep, 1);
  *copy = *step;
  copy->kind = g_strdup (step->kind);
  copy->title = g_strdup (step->title);
  copy->subject = g_strdup (step->subject);
  copy->template = g_strdup (step->template);
  return copy;
}

/* Loads the steps, lets @edit change them, writes them back. */
static gboolean
edit_steps (CrmStore    *store,
            const char  *cadence_id,
            gboolean   (*edit) (GPtrArray *steps, gpointer data, GError **error),
            gpointer     data,
            GError     **error)
{
  g_autoptr(GPtrArray) steps = crm_cadence_get_steps (store, cadence_id, error);

  if (steps == NULL || !edit (steps, data, error))
    return FALSE;
  return crm_cadence_set_steps (store, cadence_id, steps, error);
}

typedef struct
{
  const CrmCadenceStep *step;
  gint                  index;
  gint                  to;
} StepEdit;

static gboolean
check_index (GPtrArray  *steps,
             gint        index,
             GError    **error)
{
  if (index < 0 || (guint) index >= steps->len)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("Step %d: there is no such step"), index + 1);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_step (GPtrArray  *steps,
          gpointer    data,
          GError    **error)
{
  StepEdit *e = data;
  guint at = e->index < 0 || (guint) e->index > steps->len ? steps->len : (guint) e->index;

  g_ptr_array_insert (steps, at, crm_cadence_step_copy (e->step));
  return TRUE;
}

static gboolean
replace_step (GPtrArray  *steps,
              gpointer    data,
              GError    **error)
{
  StepEdit *e = data;

  if (!check_index (steps, e->index, error))
    return FALSE;
  crm_cadence_step_free (steps->pdata[e->index]);
  steps->pdata[e->index] = crm_cadence_step_copy (e->step);
  return TRUE;
}

static gboolean
remove_step (GPtrArray  *steps,
             gpointer    data,
             GError    **error)
{
  StepEdit *e = data;

  if (!check_index (steps, e->index, error))
    return FALSE;
  g_ptr_array_remove_index (steps, e->index);
  return TRUE;
}

static gboolean
move_step (GPtrArray  *steps,
           gpointer    data,
           GError    **error)
{
  StepEdit *e = data;
  gpointer step;

  if (!check_index (steps, e->index, error))
    return FALSE;
  step = g_ptr_array_steal_index (steps, e->index);
  g_ptr_array_insert (steps, CLAMP (e->to, 0, (gint) steps->len), step);
  return TRUE;
}

/**
 * crm_cadence_step_add:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @step: the new step
 * @position: where it goes, from 0; -1 for the end
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_step_add (CrmStore              *store,
                      const char            *cadence_id,
                      const CrmCadenceStep  *step,
                      gint                   position,
                      GError               **error)
{
  StepEdit e = { step, position, 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  return edit_steps (store, cadence_id, add_step, &e, error);
}

/**
 * crm_cadence_step_update:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @index: which step, from 0
 * @step: what it becomes
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_step_update (CrmStore              *store,
                         const char            *cadence_id,
                         guint                  index,
                         const CrmCadenceStep  *step,
                         GError               **error)
{
  StepEdit e = { step, (gint) index, 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  return edit_steps (store, cadence_id, replace_step, &e, error);
}

/**
 * crm_cadence_step_remove:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @index: which step, from 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_step_remove (CrmStore    *store,
                         const char  *cadence_id,
                         guint        index,
                         GError     **error)
{
  StepEdit e = { NULL, (gint) index, 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return edit_steps (store, cadence_id, remove_step, &e, error);
}

/**
 * crm_cadence_step_move:
 * @store: a #CrmStore
 * @cadence_id: the cadence
 * @index: which step, from 0
 * @to: where it goes among the others, from 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cadence_step_move (CrmStore    *store,
                       const char  *cadence_id,
                       guint        index,
                       guint        to,
                       GError     **error)
{
  StepEdit e = { NULL, (gint) index, (gint) MIN (to, G_MAXINT) };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return edit_steps (store, cadence_id, move_step, &e, error);
}

/**
 * crm_cadence_step_describe:
 * @step: a step
 *
 * When the step comes, in words: "after 20 min", "day 3", "in 3 months",
 * "every year on 12-28"; for the list of steps in Preferences and
 * `voronka-cli cadences`.
 *
 * Returns: (transfer full): the description
 */
char *
crm_cadence_step_describe (const CrmCadenceStep *step)
{
  GString *out;
  gint64 hours, minutes;

  g_return_val_if_fail (step != NULL, NULL);

  if (step->on_month > 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2001, step->on_month, MAX (step->on_day, 1), 0, 0, 0);
      /* Translators: the date of a yearly step, strftime: "28 December" */
      g_autofree char *day = date != NULL ? g_date_time_format (date, C_("step date", "%e %B")) : NULL;

      /* Translators: a yearly step, e.g. "every year on 28 December" */
      return g_strdup_printf (_("every year on %s"), day != NULL ? g_strstrip (day) : "?");
    }

  out = g_string_new (NULL);
  if (step->delay_months > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "in %d month", "in %d months",
                                              step->delay_months), step->delay_months);
  if (step->delay_days > 0)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      /* Translators: a step on the Nth day after the trigger */
      g_string_append_printf (out, _("day %d"), step->delay_days);
    }
  hours = step->delay_minutes / 60;
  minutes = step->delay_minutes % 60;
  if (step->delay_minutes > 0 || out->len == 0)
    {
      g_autofree char *span = NULL;

      if (hours > 0 && minutes > 0)
        /* Translators: a delay of hours and minutes, "1 h 30 min" */
        span = g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
      else if (hours > 0)
        span = g_strdup_printf (_("%d h"), (int) hours);
      else
        span = g_strdup_printf (_("%d min"), (int) minutes);
      if (out->len > 0)
        g_string_append (out, ", ");
      if (step->delay_minutes == 0)
        g_string_append (out, _("at once"));
      else
        /* Translators: a delay in working time, "after 20 min" */
        g_string_append_printf (out, _("after %s"), span);
    }
  return g_string_free (out, FALSE);
}

/**
 * crm_template_placeholders:
 *
 * Returns: (transfer none): the placeholders a template may use
 *   ("name", "full_name", …), %NULL-terminated; crm_template_vars()
 *   fills them all
 */
const char *const *
crm_template_placeholders (void)
{
  static const char *const keys[] = { "name", "full_name", "company", "phone", "email", "manager", NULL };

  return keys;
}
