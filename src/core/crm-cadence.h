/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-workhours.h"

G_BEGIN_DECLS

/**
 * CrmCadenceStep:
 * @delay_minutes: working minutes after the trigger (after the days, if any)
 * @delay_days: calendar days after the trigger
 * @delay_months: calendar months after the trigger
 * @on_month: with @on_day, the next such date instead of a delay (greetings)
 * @on_day: day of @on_month
 * @kind: the task kind ("call", "email", "message", …)
 * @title: the task title
 * @subject: an e-mail subject, or %NULL
 * @template: the message text with {name}, {company}, {manager} …, or %NULL
 *
 * One step of a processing regulation.
 */
typedef struct
{
  gint64  delay_minutes;
  int     delay_days;
  int     delay_months;
  int     on_month;
  int     on_day;
  char   *kind;
  char   *title;
  char   *subject;
  char   *template;
} CrmCadenceStep;

/* Triggers (the cadences.trigger column). */
#define CRM_CADENCE_TRIGGER_LEAD_CREATED  "lead-created"
#define CRM_CADENCE_TRIGGER_CALL_OUTCOME  "call-outcome"   /* arg: "no-answer,busy" */
#define CRM_CADENCE_TRIGGER_STAGE_ENTERED "stage-entered"  /* arg: a stage id or kind */
#define CRM_CADENCE_TRIGGER_LEAD_REFUSED  "lead-refused"

void        crm_cadence_step_free          (CrmCadenceStep  *step);
GPtrArray  *crm_cadence_parse_steps        (const char      *json,
                                            GError         **error);
char       *crm_cadence_steps_to_json      (GPtrArray       *steps);
gint64      crm_cadence_step_due           (const CrmCadenceStep *step,
                                            const CrmWorkHours   *wh,
                                            gint64           from_ms);
gboolean    crm_cadence_trigger_is_valid   (const char      *trigger);
const char *crm_cadence_trigger_label      (const char      *trigger);

char       *crm_cadence_create             (CrmStore        *store,
                                            const char      *name,
                                            const char      *trigger,
                                            const char      *trigger_arg,
                                            const char      *steps_json,
                                            GError         **error);
gboolean    crm_cadence_update             (CrmStore        *store,
                                            const char      *cadence_id,
                                            const char      *name,
                                            const char      *trigger,
                                            const char      *trigger_arg,
                                            const char      *steps_json,
                                            int              active,
                                            GError         **error);
GPtrArray  *crm_cadence_list               (CrmStore        *store,
                                            GError         **error);
gboolean    crm_cadence_seed_defaults      (CrmStore        *store,
                                            GError         **error);
gboolean    crm_cadence_restore_defaults   (CrmStore        *store,
                                            GError         **error);
gboolean    crm_cadence_delete             (CrmStore        *store,
                                            const char      *cadence_id,
                                            GError         **error);

CrmCadenceStep *crm_cadence_step_copy      (const CrmCadenceStep *step);
char       *crm_cadence_step_describe      (const CrmCadenceStep *step);
GPtrArray  *crm_cadence_get_steps          (CrmStore        *store,
                                            const char      *cadence_id,
                                            GError         **error);
gboolean    crm_cadence_set_steps          (CrmStore        *store,
                                            const char      *cadence_id,
                                            GPtrArray       *steps,
                                            GError         **error);
gboolean    crm_cadence_step_add           (CrmStore        *store,
                                            const char      *cadence_id,
                                            const CrmCadenceStep *step,
                                            gint             position,
                                            GError         **error);
gboolean    crm_cadence_step_update        (CrmStore        *store,
                                            const char      *cadence_id,
                                            guint            index,
                                            const CrmCadenceStep *step,
                                            GError         **error);
gboolean    crm_cadence_step_remove        (CrmStore        *store,
                                            const char      *cadence_id,
                                            guint            index,
                                            GError         **error);
gboolean    crm_cadence_step_move          (CrmStore        *store,
                                            const char      *cadence_id,
                                            guint            index,
                                            guint            to,
                                            GError         **error);

gboolean    crm_cadence_start              (CrmStore        *store,
                                            const char      *cadence_id,
                                            const char      *lead_id,
                                            gint64           from_ms,
                                            GError         **error);
gboolean    crm_cadence_stop               (CrmStore        *store,
                                            const char      *lead_id,
                                            GError         **error);
gboolean    crm_cadence_is_running         (CrmStore        *store,
                                            const char      *lead_id,
                                            const char      *cadence_id);

gboolean    crm_cadence_on_lead_created    (CrmStore        *store,
                                            const char      *lead_id,
                                            gint64           at_ms,
                                            GError         **error);
gboolean    crm_cadence_on_call_outcome    (CrmStore        *store,
                                            const char      *lead_id,
                                            const char      *outcome,
                                            gint64           at_ms,
                                            GError         **error);
gboolean    crm_cadence_on_answer          (CrmStore        *store,
                                            const char      *lead_id,
                                            GError         **error);
gboolean    crm_cadence_on_stage_entered   (CrmStore        *store,
                                            const char      *lead_id,
                                            const char      *old_stage_id,
                                            const char      *new_stage_id,
                                            GError         **error);

const char *const *crm_template_placeholders (void);
char       *crm_template_render            (const char      *text,
                                            GHashTable      *vars);
GHashTable *crm_template_vars              (CrmStore        *store,
                                            const char      *entity_type,
                                            const char      *entity_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCadenceStep, crm_cadence_step_free)

G_END_DECLS
