/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-tasks.h"

G_BEGIN_DECLS

/**
 * CrmTaskRowKind:
 * @CRM_TASK_ROW_TASK: a task
 * @CRM_TASK_ROW_SECTION: a group's header (Overdue, Today, Upcoming, Done)
 * @CRM_TASK_ROW_DAY: a day's header inside Upcoming (@day_ms 0: no due date)
 */
typedef enum {
  CRM_TASK_ROW_TASK,
  CRM_TASK_ROW_SECTION,
  CRM_TASK_ROW_DAY,
} CrmTaskRowKind;

/**
 * CrmTaskRow:
 * @rid: the task's rid; 0 for a header
 * @day_ms: a day header's local midnight, UTC ms (0: no due date)
 * @count: a header: how many tasks it heads
 * @list: the #CrmTaskList the row belongs to
 * @kind: a #CrmTaskRowKind
 *
 * One row of the Tasks page: 24 bytes, so 100,000 tasks take 2.4 MB.
 */
typedef struct
{
  gint64  rid;
  gint64  day_ms;
  guint32 count;
  guint8  list;
  guint8  kind;
} CrmTaskRow;

GArray   *crm_tasks_rows             (CrmStore            *store,
                                      gint64               now_ms,
                                      gboolean             with_done,
                                      const char          *search,
                                      GError             **error);
guint     crm_tasks_count_due        (CrmStore            *store,
                                      gint64               now_ms,
                                      guint               *overdue);
gint64    crm_tasks_tomorrow_ms      (CrmStore            *store,
                                      gint64               now_ms);
gboolean  crm_tasks_update           (CrmStore            *store,
                                      const char          *task_id,
                                      const CrmTaskInput  *input,
                                      GError             **error);
const char *crm_tasks_guess_kind     (const char          *title);
char     *crm_tasks_format_due       (GTimeZone           *tz,
                                      gint64               due_ms,
                                      gint64               now_ms);
char     *crm_tasks_format_day       (GTimeZone           *tz,
                                      gint64               day_ms,
                                      gint64               now_ms);

G_END_DECLS
