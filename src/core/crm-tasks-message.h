/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmTaskMessage:
 * @kind: the task's kind ("email", "message", …)
 * @recipient: (nullable): who it goes to: the record's (or, for a client,
 *   its contact's) name
 * @subject: the e-mail subject: the cadence step's subject, else the task title
 * @text: the message, placeholders filled in; "" when the task has none
 * @email: (nullable): the recipient's primary e-mail
 * @phone: (nullable): the recipient's primary phone (for messengers, SMS)
 *
 * What to send for a task, ready for the mail client or the clipboard.
 */
typedef struct
{
  char *kind;
  char *recipient;
  char *subject;
  char *text;
  char *email;
  char *phone;
} CrmTaskMessage;

void            crm_task_message_free        (CrmTaskMessage      *message);
gboolean        crm_task_kind_sends_message  (const char          *kind);
CrmTaskMessage *crm_tasks_message            (CrmStore            *store,
                                              const char          *task_id,
                                              GError             **error);
char           *crm_task_message_mailto      (const CrmTaskMessage *message,
                                              GError             **error);
char           *crm_mailto_uri               (const char          *to,
                                              const char          *subject,
                                              const char          *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTaskMessage, crm_task_message_free)

G_END_DECLS
