/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks-message"

#include "config.h"

#include "crm-tasks-message.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-cadence.h"
#include "crm-error.h"
#include "crm-record.h"
#include "crm-tasks.h"
#include "crm-text.h"

/* The message a task asks to send: its text with the placeholders filled
 * in for the record as it is now, the address to send it to, and the
 * mailto: URI a mail client opens with all of it (RFC 6068). */

/* RFC 6068: an addr-spec keeps "@" and the sub-delims mailto allows; a
 * header value keeps only unreserved characters and "some-delims" minus
 * "+" (some clients read it as a space). Everything else, spaces and
 * UTF-8 included, is percent-encoded. */
#define TO_ALLOWED "!$'()*+,;:@"
#define HF_ALLOWED "!$'()*,;:@"

void
crm_task_message_free (CrmTaskMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->kind);
  g_free (message->recipient);
  g_free (message->subject);
  g_free (message->text);
  g_free (message->email);
  g_free (message->phone);
  g_free (message);
}

/**
 * crm_task_kind_sends_message:
 * @kind: a task kind
 *
 * Returns: whether a task of @kind is about writing to someone (an e-mail,
 *   a message, a first response), so it offers its text to send
 */
gboolean
crm_task_kind_sends_message (const char *kind)
{
  return g_strcmp0 (kind, "email") == 0 || g_strcmp0 (kind, "message") == 0 ||
         g_strcmp0 (kind, "respond") == 0;
}

static char *
primary_email (CrmStore   *store,
               const char *entity_id)
{
  return crm_store_query_text (store, "SELECT raw FROM emails WHERE entity_id = ?1 AND _deleted = 0"
                               " ORDER BY position, rid LIMIT 1", entity_id);
}

static char *
primary_phone (CrmStore   *store,
               const char *entity_id)
{
  return crm_store_query_text (store, "SELECT raw FROM phones WHERE entity_id = ?1 AND _deleted = 0"
                               " ORDER BY position, rid LIMIT 1", entity_id);
}

/* A client is written to through a person: its first contact with an
 * e-mail, else its first contact. */
static char *
client_primary_contact (CrmStore   *store,
                        const char *client_id)
{
  char *id = crm_store_query_text (store, "SELECT c.id FROM contacts c JOIN emails e ON e.entity_id = c.id"
                                   " AND e._deleted = 0 WHERE c.client_id = ?1 AND c._deleted = 0"
                                   " ORDER BY c.rid, e.position, e.rid LIMIT 1", client_id);

  if (id == NULL)
    id = crm_store_query_text (store, "SELECT id FROM contacts WHERE client_id = ?1 AND _deleted = 0"
                               " ORDER BY rid LIMIT 1", client_id);
  return id;
}

/* The step of the cadence the task came from, if the cadence still has it. */
static CrmCadenceStep *
cadence_step (CrmStore  *store,
              CrmRecord *task)
{
  const char *cadence_id = crm_record_get_text (task, "cadence_id");
  gint64 index = crm_record_get_int (task, "cadence_step", -1);
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) steps = NULL;

  if (cadence_id == NULL || index < 0)
    return NULL;
  if (!(json = crm_store_query_text (store, "SELECT steps FROM cadences WHERE id = ?1", cadence_id)))
    return NULL;
  if (!(steps = crm_cadence_parse_steps (json, NULL)) || index >= steps->len)
    return NULL;
  return g_ptr_array_steal_index (steps, index);
}

/**
 * crm_tasks_message:
 * @store: a #CrmStore
 * @task_id: a task
 * @error: return location for a #GError
 *
 * Works out what the task asks to send. The text is the task's note (the
 * cadence filled it in when it made the task, and the user may have
 * edited it since), with any placeholder left in it filled in now; a task
 * whose note is blank falls back to its cadence step's template, rendered
 * now. The subject is the step's subject, else the task's title. The
 * address is the record's primary e-mail and phone; a client's come from
 * its contact (the first with an e-mail), whose name also fills {name}.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
CrmTaskMessage *
crm_tasks_message (CrmStore    *store,
                   const char  *task_id,
                   GError     **error)
{
  g_autoptr(CrmTaskMessage) message = NULL;
  g_autoptr(CrmRecord) task = NULL;
  g_autoptr(CrmCadenceStep) step = NULL;
  g_autoptr(GHashTable) vars = NULL;
  g_autofree char *contact_id = NULL;
  const char *entity_type;
  const char *entity_id;
  const char *note;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (task_id != NULL, NULL);

  if (!(task = crm_store_get (store, "tasks", task_id, error)))
    return NULL;
  if (crm_record_is_deleted (task))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("The task was deleted"));
      return NULL;
    }

  message = g_new0 (CrmTaskMessage, 1);
  message->kind = g_strdup (crm_record_get_text (task, "kind"));
  entity_type = crm_record_get_text (task, "entity_type");
  entity_id = crm_record_get_text (task, "entity_id");
  if (g_strcmp0 (entity_type, "client") == 0 && entity_id != NULL &&
      (contact_id = client_primary_contact (store, entity_id)) != NULL)
    {
      entity_type = "contact";
      entity_id = contact_id;
    }
  vars = crm_template_vars (store, entity_type, entity_id);
  if (entity_id != NULL)
    {
      message->recipient = crm_tasks_entity_name (store, entity_type, entity_id);
      message->email = primary_email (store, entity_id);
      message->phone = primary_phone (store, entity_id);
      /* A client without contacts may have an address of its own. */
      if (message->email == NULL && contact_id != NULL)
        message->email = primary_email (store, crm_record_get_text (task, "entity_id"));
      if (message->phone == NULL && contact_id != NULL)
        message->phone = primary_phone (store, crm_record_get_text (task, "entity_id"));
    }

  step = cadence_step (store, task);
  note = crm_record_get_text (task, "note");
  if (!crm_text_is_blank (note))
    message->text = crm_template_render (note, vars);
  else if (step != NULL && !crm_text_is_blank (step->template))
    message->text = crm_template_render (step->template, vars);
  else
    message->text = g_strdup ("");

  if (step != NULL && !crm_text_is_blank (step->subject))
    message->subject = crm_template_render (step->subject, vars);
  else
    message->subject = g_strdup (crm_record_get_text (task, "title"));

  return g_steal_pointer (&message);
}

/**
 * crm_task_message_mailto:
 * @message: a #CrmTaskMessage
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the mailto: URI that opens the message in the
 *   mail client, or %NULL with @error set when there is no address
 */
char *
crm_task_message_mailto (const CrmTaskMessage  *message,
                         GError               **error)
{
  g_return_val_if_fail (message != NULL, NULL);

  if (crm_text_is_blank (message->email))
    {
      if (message->recipient != NULL)
        g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                     _("“%s” has no e-mail address"), message->recipient);
      else
        g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                             _("The task is not linked to anyone with an e-mail address"));
      return NULL;
    }
  return crm_mailto_uri (message->email, message->subject, message->text);
}

static void
append_field (GString    *uri,
              gboolean   *first,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;
  GString *crlf;

  if (value == NULL || *value == '\0')
    return;
  /* Line breaks in a mailto: body are CRLF (RFC 6068 §5). */
  crlf = g_string_sized_new (strlen (value) + 16);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n' || *p == '\r')
        g_string_append (crlf, "\r\n");
      else
        g_string_append_c (crlf, *p);
    }
  escaped = g_uri_escape_string (crlf->str, HF_ALLOWED, FALSE);
  g_string_free (crlf, TRUE);
  g_string_append_c (uri, *first ? '?' : '&');
  *first = FALSE;
  g_string_append_printf (uri, "%s=%s", name, escaped);
}

/**
 * crm_mailto_uri:
 * @to: (nullable): the address
 * @subject: (nullable): the subject
 * @body: (nullable): the text; line breaks become CRLF
 *
 * Builds a mailto: URI as RFC 6068 asks: UTF-8 percent-encoded, spaces as
 * %20 (never "+"), line breaks as %0D%0A.
 *
 * Returns: (transfer full): the URI
 */
char *
crm_mailto_uri (const char *to,
                const char *subject,
                const char *body)
{
  GString *uri = g_string_new ("mailto:");
  gboolean first = TRUE;

  if (to != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (to));
      g_autofree char *escaped = g_uri_escape_string (stripped, TO_ALLOWED, FALSE);

      g_string_append (uri, escaped);
    }
  append_field (uri, &first, "subject", subject);
  append_field (uri, &first, "body", body);
  return g_string_free (uri, FALSE);
}
