/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-activity-log.h"
#include "crm-store.h"
#include "crm-task.h"
#include "crm-workhours.h"

G_BEGIN_DECLS

/**
 * CrmTaskList:
 * @CRM_TASK_LIST_OVERDUE: open, due before now
 * @CRM_TASK_LIST_TODAY: open, due from now to the end of today
 * @CRM_TASK_LIST_UPCOMING: open, due after today, or with no due time
 * @CRM_TASK_LIST_DONE: completed, newest first
 *
 * The groups of the Tasks page; "today" is the workspace time zone's.
 */
typedef enum {
  CRM_TASK_LIST_OVERDUE,
  CRM_TASK_LIST_TODAY,
  CRM_TASK_LIST_UPCOMING,
  CRM_TASK_LIST_DONE,
  CRM_TASK_N_LISTS,
} CrmTaskList;

/**
 * CrmTaskInput:
 * @entity_type: "lead", "contact", "client", or %NULL for a task of its own
 * @entity_id: the record, or %NULL
 * @kind: "call", "email", "meeting", "todo", "message" or "respond"
 * @title: what to do; blank takes the kind's name
 * @note: details, or %NULL
 * @owner_id: who does it; %NULL for the record's owner, else the current user
 * @due_ms: when, UTC ms; 0 for no due time
 * @remind_before_min: minutes before @due_ms to remind, -1 for no reminder
 * @cadence_id: the cadence that generated it, or %NULL
 * @cadence_step: its step in that cadence, or -1
 */
typedef struct
{
  const char *entity_type;
  const char *entity_id;
  const char *kind;
  const char *title;
  const char *note;
  const char *owner_id;
  gint64      due_ms;
  gint64      remind_before_min;
  const char *cadence_id;
  int         cadence_step;
} CrmTaskInput;

#define CRM_TASK_INPUT_INIT { NULL, NULL, "todo", NULL, NULL, NULL, 0, -1, NULL, -1 }

gboolean      crm_task_kind_is_valid        (const char          *kind);
const char   *crm_task_kind_label           (const char          *kind);
const char   *crm_task_list_name            (CrmTaskList          list);

CrmWorkHours *crm_tasks_work_hours          (CrmStore            *store);

char         *crm_tasks_create              (CrmStore            *store,
                                             const CrmTaskInput  *input,
                                             GError             **error);
gboolean      crm_tasks_set_done            (CrmStore            *store,
                                             const char          *task_id,
                                             gboolean             done,
                                             GError             **error);
gboolean      crm_tasks_snooze              (CrmStore            *store,
                                             const char          *task_id,
                                             guint                minutes,
                                             GError             **error);
gboolean      crm_tasks_reschedule          (CrmStore            *store,
                                             const char          *task_id,
                                             gint64               due_ms,
                                             GError             **error);

GPtrArray    *crm_tasks_list                (CrmStore            *store,
                                             CrmTaskList          list,
                                             guint                limit,
                                             GError             **error);
gboolean      crm_tasks_count               (CrmStore            *store,
                                             guint                counts[CRM_TASK_N_LISTS],
                                             GError             **error);
CrmTask      *crm_tasks_next_for            (CrmStore            *store,
                                             const char          *entity_id,
                                             GError             **error);
gboolean      crm_tasks_needs_next_step     (CrmStore            *store,
                                             const char          *lead_id);
GPtrArray    *crm_tasks_leads_without_next_step (CrmStore        *store,
                                             guint                limit,
                                             GError             **error);
gint64        crm_tasks_next_reminder_ms    (CrmStore            *store,
                                             gint64               after_ms);
GPtrArray    *crm_tasks_reminders_between   (CrmStore            *store,
                                             gint64               after_ms,
                                             gint64               until_ms,
                                             GError             **error);
char         *crm_tasks_entity_name         (CrmStore            *store,
                                             const char          *entity_type,
                                             const char          *entity_id);
char         *crm_tasks_resolve_entity      (CrmStore            *store,
                                             const char          *id_or_prefix,
                                             const char         **entity_type,
                                             GError             **error);
gboolean      crm_tasks_parse_quick         (const char          *text,
                                             gint64               now_ms,
                                             GTimeZone           *tz,
                                             char               **title,
                                             gint64              *due_ms);

/* Hooks of the write path (one line each where they are called). */
gboolean      crm_tasks_on_lead_created     (CrmStore            *store,
                                             const char          *lead_id,
                                             GError             **error);
gboolean      crm_tasks_on_activity         (CrmStore            *store,
                                             const CrmActivityInput *input,
                                             GError             **error);

G_END_DECLS
