/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmActivityInput:
 * @entity_type: "lead", "contact" or "client"
 * @entity_id: the record the activity belongs to
 * @kind: "call", "note", "email", "meeting", "message" or "sms"
 * @direction: "out", "in" or %NULL for the kind's default (calls, e-mails,
 *   meetings, messages: "out"; notes: none)
 * @outcome: calls only: "answered", "no-answer", "busy" or "wrong-number"
 * @duration_s: seconds, or -1 when unknown
 * @subject: a subject line (e-mails, meetings), or %NULL
 * @body: notes, the e-mail text or a call transcript, or %NULL
 * @attachment: a call recording (a file path or URI), or %NULL
 * @at_ms: when it happened, or 0 for now
 *
 * One entry of a record's timeline, as the user logs it.
 */
typedef struct
{
  const char *entity_type;
  const char *entity_id;
  const char *kind;
  const char *direction;
  const char *outcome;
  gint64      duration_s;
  const char *subject;
  const char *body;
  const char *attachment;
  gint64      at_ms;
} CrmActivityInput;

#define CRM_ACTIVITY_INPUT_INIT { NULL, NULL, NULL, NULL, NULL, -1, NULL, NULL, NULL, 0 }

char        *crm_activity_log              (CrmStore                *store,
                                            const CrmActivityInput  *input,
                                            GError                 **error);
gboolean     crm_activity_is_outbound      (const char              *kind,
                                            const char              *direction);
gboolean     crm_call_outcome_is_valid     (const char              *outcome);
const char  *crm_call_outcome_label        (const char              *outcome);
const char  *const *crm_call_outcomes      (void);
const char  *crm_activity_kind_label       (const char              *kind);
char        *crm_activity_summary          (CrmRecord               *activity);
char        *crm_format_duration           (gint64                   seconds);
gboolean     crm_parse_duration            (const char              *text,
                                            gint64                  *seconds);

G_END_DECLS
