/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks-ics"

#include "config.h"

#include "crm-tasks-ics.h"

#include <libical/ical.h>
#include <stdlib.h>

#include "crm-record.h"
#include "crm-tasks.h"

/* Tasks as iCalendar (RFC 5545) for any calendar or to-do app: one VTODO a
 * task, with its reminder as a VALARM, all times in UTC. libical writes
 * the text, so folding, escaping and the line endings are its business. */

static struct icaltimetype
utc_time (gint64 ms)
{
  return icaltime_from_timet_with_zone ((time_t) (ms / 1000), 0, icaltimezone_get_utc_timezone ());
}

static icalcomponent *
task_to_vtodo (CrmStore  *store,
               CrmRecord *task)
{
  icalcomponent *todo = icalcomponent_new_vtodo ();
  const char *title = crm_record_get_text (task, "title");
  const char *note = crm_record_get_text (task, "note");
  const char *kind = crm_record_get_text (task, "kind");
  g_autofree char *who = crm_tasks_entity_name (store, crm_record_get_text (task, "entity_type"),
                                                crm_record_get_text (task, "entity_id"));
  g_autofree char *summary = NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  /* The summary says who it is about: "Call back — Иванов Иван". */
  summary = who != NULL ? g_strdup_printf ("%s — %s", title, who) : g_strdup (title);
  if (note != NULL)
    g_string_append (description, note);

  icalcomponent_add_property (todo, icalproperty_new_uid (crm_record_get_id (task)));
  icalcomponent_add_property (todo, icalproperty_new_dtstamp (utc_time (crm_record_get_int (task, "updated_ms", 0))));
  icalcomponent_add_property (todo, icalproperty_new_created (utc_time (crm_record_get_int (task, "created_ms", 0))));
  icalcomponent_add_property (todo, icalproperty_new_summary (summary));
  if (description->len > 0)
    icalcomponent_add_property (todo, icalproperty_new_description (description->str));
  icalcomponent_add_property (todo, icalproperty_new_categories (crm_task_kind_label (kind)));
  if (crm_record_has_value (task, "due_ms"))
    icalcomponent_add_property (todo, icalproperty_new_due (utc_time (crm_record_get_int (task, "due_ms", 0))));
  if (crm_record_has_value (task, "done_ms"))
    {
      icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_COMPLETED));
      icalcomponent_add_property (todo, icalproperty_new_completed (utc_time (crm_record_get_int (task, "done_ms", 0))));
      icalcomponent_add_property (todo, icalproperty_new_percentcomplete (100));
    }
  else
    icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_NEEDSACTION));

  if (crm_record_has_value (task, "remind_ms") && !crm_record_has_value (task, "done_ms"))
    {
      icalcomponent *alarm = icalcomponent_new_valarm ();
      struct icaltriggertype trigger = icaltriggertype_from_int (0);

      trigger.time = utc_time (crm_record_get_int (task, "remind_ms", 0));
      icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
      icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
      icalcomponent_add_property (alarm, icalproperty_new_description (summary));
      icalcomponent_add_component (todo, alarm);
    }
  return todo;
}

/**
 * crm_tasks_export_ics:
 * @store: a #CrmStore
 * @include_done: also the completed tasks (as COMPLETED)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a VCALENDAR with a VTODO (and a VALARM for a
 *   pending reminder) for each live task, or %NULL with @error set
 */
char *
crm_tasks_export_ics (CrmStore  *store,
                      gboolean   include_done,
                      GError   **error)
{
  icalcomponent *calendar;
  sqlite3_stmt *stmt;
  char *text;
  char *out;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = crm_store_stmt (store, "SELECT * FROM tasks WHERE _deleted = 0"
                         " AND (?1 OR done_ms IS NULL) ORDER BY due_ms IS NULL, due_ms, rid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_done ? 1 : 0);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Voronka//Voronka CRM//EN"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CrmRecord) task = crm_record_new_from_stmt ("tasks", stmt);

      icalcomponent_add_component (calendar, task_to_vtodo (store, task));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      icalcomponent_free (calendar);
      crm_db_set_error (error, crm_store_get_db (store), "tasks");
      return NULL;
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  out = g_strdup (text);
  free (text);
  return out;
}
