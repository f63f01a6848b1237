/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * "No next step", as SQL: a lead in an open stage, not converted or merged
 * away, with no open task. The one rule behind the mark in the lists, the
 * cards and the board (crm_tasks_needs_next_step()); LEAD is the alias of
 * the leads table in the query. The tasks_entity index (entity_id, due_ms)
 * answers the task part in a few index steps.
 */
#define CRM_SQL_OPEN_TASKS_OF(lead_id) \
  " FROM tasks t WHERE t.entity_id = " lead_id " AND t.done_ms IS NULL AND t._deleted = 0"

#define CRM_SQL_NEEDS_NEXT_STEP(lead) \
  "(" lead "._deleted = 0 AND " lead ".merged_into IS NULL AND " lead ".converted_ms IS NULL" \
  " AND EXISTS (SELECT 1 FROM stages s WHERE s.id = " lead ".stage_id AND s.kind = 'open')" \
  " AND NOT EXISTS (SELECT 1" CRM_SQL_OPEN_TASKS_OF (lead ".id") "))"
