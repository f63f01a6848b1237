/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-convert"

#include "config.h"

#include "crm-convert.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-activity-log.h"
#include "crm-dedupe.h"
#include "crm-error.h"
#include "crm-funnel.h"
#include "crm-record.h"
#include "crm-store-query.h"
#include "crm-requisites.h"
#include "crm-text.h"
#include "crm-workspace.h"

/* The two ways a lead's processing ends: it becomes a client (a company or a
 * person with a deal, DESIGN.md §2), or it is refused with a reason. A
 * converted lead stays, read-only, linked both ways (leads.client_id and
 * clients.lead_id), so its history stays reachable from the client. */

static GPtrArray *
list_rows (CrmStore    *store,
           const char  *tbl,
           const char  *sql,
           const char  *arg,
           GError     **error)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  GPtrArray *records;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, crm_record_new_from_stmt (tbl, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), tbl);
      g_ptr_array_unref (records);
      return NULL;
    }
  return records;
}

/* The first stage of @kind ("won", "lost") in the lead's pipeline. */
static char *
stage_of_kind (CrmStore   *store,
               CrmRecord  *lead,
               const char *kind)
{
  g_autofree char *sql = NULL;
  const char *pipeline = crm_record_get_text (lead, "pipeline_id");
  g_autofree char *fallback = NULL;

  if (pipeline == NULL)
    pipeline = fallback = crm_workspace_default_pipeline (store);
  if (pipeline == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT id FROM stages WHERE pipeline_id = ?1 AND kind = '%s'"
                         " AND _deleted = 0 ORDER BY position, rid LIMIT 1", kind);
  return crm_store_query_text (store, sql, pipeline);
}

static const char *
blank_to_null (const char *s)
{
  return crm_text_is_blank (s) ? NULL : s;
}

static void
set_optional (CrmChange  *change,
              const char *field,
              const char *value)
{
  if (!crm_text_is_blank (value))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      crm_change_set_text (change, field, trimmed);
    }
}

/* Requisites are stored as digits only: people paste them with spaces. */
static char *
digits_of (const char *s)
{
  GString *d;

  if (crm_text_is_blank (s))
    return NULL;
  d = g_string_new (NULL);
  for (const char *p = s; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (d, *p);
  return g_string_free (d, FALSE);
}

/**
 * crm_convert_validate:
 * @input: what the convert dialog holds
 * @field: (out) (optional): the field an error is about
 * @error: return location for a #GError naming the field and the reason
 *
 * Checks a new client's name and requisites with the core validators (INN,
 * KPP, OGRN/OGRNIP and OKPO checksums). A link to an existing client needs
 * nothing more.
 *
 * Returns: %TRUE when the input can be converted
 */
gboolean
crm_convert_validate (const CrmConvertInput  *input,
                      CrmConvertField        *field,
                      GError                **error)
{
  g_autofree char *inn = NULL;
  g_autofree char *kpp = NULL;
  g_autofree char *ogrn = NULL;
  g_autofree char *okpo = NULL;
  CrmConvertField dummy;

  g_return_val_if_fail (input != NULL, FALSE);

  if (field == NULL)
    field = &dummy;
  *field = CRM_CONVERT_FIELD_NONE;

  if (input->create_contact && crm_text_is_blank (input->contact_name))
    {
      *field = CRM_CONVERT_FIELD_CONTACT_NAME;
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Contact name: a contact needs a name"));
      return FALSE;
    }
  if (input->client_id != NULL)
    return TRUE;

  if (crm_text_is_blank (input->name))
    {
      *field = CRM_CONVERT_FIELD_NAME;
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Name: a client needs a name"));
      return FALSE;
    }
  if (g_strcmp0 (input->kind, "company") != 0 && g_strcmp0 (input->kind, "person") != 0)
    {
      *field = CRM_CONVERT_FIELD_NAME;
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Kind: a client is a company or a person"));
      return FALSE;
    }

  inn = digits_of (input->inn);
  kpp = digits_of (input->kpp);
  ogrn = digits_of (input->ogrn);
  okpo = digits_of (input->okpo);

  if (inn != NULL && !crm_inn_validate (inn, error))
    {
      *field = CRM_CONVERT_FIELD_INN;
      return FALSE;
    }
  if (kpp != NULL && !crm_kpp_validate (kpp, error))
    {
      *field = CRM_CONVERT_FIELD_KPP;
      return FALSE;
    }
  if (ogrn != NULL && !crm_ogrn_any_validate (ogrn, error))
    {
      *field = CRM_CONVERT_FIELD_OGRN;
      return FALSE;
    }
  if (okpo != NULL && !crm_okpo_validate (okpo, error))
    {
      *field = CRM_CONVERT_FIELD_OKPO;
      return FALSE;
    }
  /* A sole trader (12-digit INN) has no KPP and an OGRNIP; a company the
   * other way round. */
  if (kpp != NULL && inn != NULL && strlen (inn) == 12)
    {
      *field = CRM_CONVERT_FIELD_KPP;
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("KPP: a sole trader (12-digit INN) has no KPP"));
      return FALSE;
    }
  if (ogrn != NULL && inn != NULL &&
      (strlen (inn) == 12) != (strlen (ogrn) == 15))
    {
      *field = CRM_CONVERT_FIELD_OGRN;
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   strlen (inn) == 12 ? _("OGRN: a sole trader has a 15-digit OGRNIP")
                                      : _("OGRN: a company has a 13-digit OGRN"));
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_lead_is_converted (CrmRecord *lead)
{
  g_return_val_if_fail (CRM_IS_RECORD (lead), FALSE);
  return crm_record_has_value (lead, "converted_ms") && crm_record_has_value (lead, "client_id");
}

gboolean
crm_lead_is_refused (CrmRecord *lead)
{
  g_return_val_if_fail (CRM_IS_RECORD (lead), FALSE);
  return crm_record_has_value (lead, "lost_ms");
}

/* Copies the lead's phones and e-mails onto another record. */
static gboolean
copy_children (CrmStore    *store,
               const char  *tbl,
               const char  *lead_id,
               const char  *entity_type,
               const char  *entity_id,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = crm_store_list_children (store, tbl, lead_id, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      CrmRecord *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmChange) change = crm_change_new_create (tbl);

      crm_change_set_text (change, "entity_type", entity_type);
      crm_change_set_text (change, "entity_id", entity_id);
      crm_change_set_text (change, "raw", crm_record_get_text (row, "raw"));
      if (strcmp (tbl, "phones") == 0)
        {
          crm_change_set_text (change, "e164", crm_record_get_text (row, "e164"));
          crm_change_set_text (change, "extension", crm_record_get_text (row, "extension"));
        }
      else
        crm_change_set_text (change, "normalized", crm_record_get_text (row, "normalized"));
      if (crm_record_get_text (row, "label") != NULL)
        crm_change_set_text (change, "label", crm_record_get_text (row, "label"));
      crm_change_set_int (change, "position", crm_record_get_int (row, "position", i));
      if (!crm_store_apply (store, change, error))
        return FALSE;
    }
  return TRUE;
}

static char *
find_own_contact (CrmStore   *store,
                  const char *lead_id,
                  const char *client_id)
{
  g_autoptr(GPtrArray) found = crm_dedupe_find_for (store, "lead", lead_id, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      CrmDuplicate *d = g_ptr_array_index (found, i);
      g_autoptr(CrmRecord) contact = NULL;

      if (strcmp (d->entity_type, "contact") != 0)
        continue;
      contact = crm_store_get (store, "contacts", d->id, NULL);
      if (contact != NULL && g_strcmp0 (crm_record_get_text (contact, "client_id"), client_id) == 0)
        return g_strdup (d->id);
    }
  return NULL;
}

/**
 * crm_lead_convert:
 * @store: a #CrmStore
 * @lead_id: the lead
 * @input: the client to create or link, and whether to make a contact
 * @client_id: (out) (optional) (transfer full): the client's id
 * @contact_id: (out) (optional) (transfer full): the new contact's id, or %NULL
 * @error: return location for a #GError
 *
 * Converts a lead into a client, in one transaction through the one write
 * path: creates the client (or links an existing one), optionally a contact
 * of the lead's person with its phones and e-mails (an existing client's
 * contact that matches the lead is linked instead), then marks the lead
 * converted (client_id, contact_id, converted_ms) and moves it to the won
 * stage of its pipeline. The new client remembers the lead (lead_id).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_lead_convert (CrmStore               *store,
                  const char             *lead_id,
                  const CrmConvertInput  *input,
                  char                  **client_id,
                  char                  **contact_id,
                  GError                **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmRecord) existing = NULL;
  g_autofree char *new_client_id = NULL;
  g_autofree char *new_contact_id = NULL;
  g_autofree char *won_stage = NULL;
  g_autofree char *body = NULL;
  const char *client_name;
  const char *owner;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL && input != NULL, FALSE);

  if (!crm_convert_validate (input, NULL, error))
    return FALSE;
  if (!(lead = crm_store_get (store, "leads", lead_id, error)))
    return FALSE;
  if (crm_record_is_deleted (lead))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The lead was deleted"));
      return FALSE;
    }
  if (crm_lead_is_converted (lead))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The lead is already converted into a client"));
      return FALSE;
    }
  if (input->client_id != NULL)
    {
      if (!(existing = crm_store_get (store, "clients", input->client_id, error)))
        return FALSE;
      if (crm_record_is_deleted (existing))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("The client was deleted"));
          return FALSE;
        }
    }
  owner = crm_record_get_text (lead, "owner_id");

  if (!crm_store_begin (store, error))
    return FALSE;

  if (existing != NULL)
    {
      new_client_id = g_strdup (input->client_id);
      client_name = crm_record_get_text (existing, "name");
      /* An existing client keeps the lead it first came from. */
      if (!crm_record_has_value (existing, "lead_id"))
        {
          g_autoptr(CrmChange) change = crm_change_new_update ("clients", new_client_id);

          crm_change_set_text (change, "lead_id", lead_id);
          if (!crm_store_apply (store, change, error))
            goto fail;
        }
    }
  else
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("clients");
      g_autofree char *inn = digits_of (input->inn);
      g_autofree char *kpp = digits_of (input->kpp);
      g_autofree char *ogrn = digits_of (input->ogrn);
      g_autofree char *okpo = digits_of (input->okpo);

      crm_change_set_text (change, "kind", input->kind);
      set_optional (change, "name", input->name);
      set_optional (change, "legal_name", input->legal_name);
      set_optional (change, "inn", inn);
      set_optional (change, "kpp", kpp);
      set_optional (change, "ogrn", ogrn);
      set_optional (change, "okpo", okpo);
      set_optional (change, "address", input->address);
      set_optional (change, "website", input->website);
      if (owner != NULL)
        crm_change_set_text (change, "owner_id", owner);
      crm_change_set_text (change, "lead_id", lead_id);
      if (!crm_store_apply (store, change, error))
        goto fail;
      new_client_id = g_strdup (crm_change_get_id (change));
      client_name = input->name;

      /* A person client with no separate contact carries the phones. */
      if (!input->create_contact && strcmp (input->kind, "person") == 0 &&
          (!copy_children (store, "phones", lead_id, "client", new_client_id, error) ||
           !copy_children (store, "emails", lead_id, "client", new_client_id, error)))
        goto fail;
    }

  /* Linking to a client that already has this person as a contact: the
   * lead joins that contact rather than making a second one. */
  if (input->create_contact && existing != NULL)
    new_contact_id = find_own_contact (store, lead_id, new_client_id);

  if (input->create_contact && new_contact_id == NULL)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("contacts");
      const char *job = blank_to_null (input->job_title);

      if (job == NULL)
        job = crm_record_get_text (lead, "job_title");
      set_optional (change, "full_name", input->contact_name);
      set_optional (change, "job_title", job);
      crm_change_set_text (change, "client_id", new_client_id);
      crm_change_set_text (change, "lead_id", lead_id);
      if (owner != NULL)
        crm_change_set_text (change, "owner_id", owner);
      if (!crm_store_apply (store, change, error))
        goto fail;
      new_contact_id = g_strdup (crm_change_get_id (change));
      if (!copy_children (store, "phones", lead_id, "contact", new_contact_id, error) ||
          !copy_children (store, "emails", lead_id, "contact", new_contact_id, error))
        goto fail;
    }

  {
    g_autoptr(CrmChange) change = crm_change_new_update ("leads", lead_id);

    crm_change_set_text (change, "client_id", new_client_id);
    if (new_contact_id != NULL)
      crm_change_set_text (change, "contact_id", new_contact_id);
    crm_change_set_int (change, "converted_ms", crm_store_now_ms (store));
    won_stage = stage_of_kind (store, lead, "won");
    if (won_stage != NULL)
      crm_change_set_text (change, "stage_id", won_stage);
    if (!crm_store_apply (store, change, error) ||
        !crm_funnel_note_stage_change (store, lead_id, crm_record_get_text (lead, "stage_id"),
                                       won_stage, NULL, error))
      goto fail;
  }

  body = g_strdup_printf (_("Converted into the client “%s”"), client_name ? client_name : "");
  {
    g_autoptr(CrmChange) change = crm_change_new_create ("activities");

    crm_change_set_text (change, "entity_type", "lead");
    crm_change_set_text (change, "entity_id", lead_id);
    crm_change_set_text (change, "kind", "system");
    crm_change_set_text (change, "body", body);
    crm_change_set_int (change, "at_ms", crm_store_now_ms (store));
    if (crm_store_get_user_id (store) != NULL)
      crm_change_set_text (change, "user_id", crm_store_get_user_id (store));
    if (!crm_store_apply (store, change, error))
      goto fail;
  }

  if (!crm_store_commit (store, error))
    return FALSE;

  if (client_id != NULL)
    *client_id = g_steal_pointer (&new_client_id);
  if (contact_id != NULL)
    *contact_id = g_steal_pointer (&new_contact_id);
  return TRUE;

fail:
  crm_store_rollback (store);
  return FALSE;
}

/**
 * crm_convert_find_clients:
 * @store: a #CrmStore
 * @lead_id: the lead to convert
 * @error: return location for a #GError
 *
 * The existing clients the lead may belong to, from the duplicate search:
 * clients that match it directly, and the clients of matching contacts.
 *
 * Returns: (transfer full) (element-type CrmDuplicate): candidates with
 *   entity_type "client", surest first
 */
GPtrArray *
crm_convert_find_clients (CrmStore    *store,
                          const char  *lead_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *result;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (lead_id != NULL, NULL);

  if (!(found = crm_dedupe_find_for (store, "lead", lead_id, error)))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_duplicate_free);
  for (guint i = 0; i < found->len; i++)
    {
      CrmDuplicate *d = g_ptr_array_index (found, i);
      g_autoptr(CrmRecord) client = NULL;
      CrmDuplicate *c;

      if (strcmp (d->entity_type, "client") == 0)
        client = crm_store_get (store, "clients", d->id, NULL);
      else if (strcmp (d->entity_type, "contact") == 0)
        {
          g_autoptr(CrmRecord) contact = crm_store_get (store, "contacts", d->id, NULL);
          const char *cid = contact ? crm_record_get_text (contact, "client_id") : NULL;

          if (cid != NULL)
            client = crm_store_get (store, "clients", cid, NULL);
        }
      if (client == NULL || crm_record_is_deleted (client) ||
          crm_record_has_value (client, "merged_into") ||
          g_hash_table_contains (seen, crm_record_get_id (client)))
        continue;
      g_hash_table_add (seen, g_strdup (crm_record_get_id (client)));

      c = g_new0 (CrmDuplicate, 1);
      c->entity_type = g_strdup ("client");
      c->id = g_strdup (crm_record_get_id (client));
      c->display_name = g_strdup (crm_record_get_text (client, "name"));
      c->score = d->score;
      c->reasons = d->reasons;
      if (strcmp (d->entity_type, "contact") == 0)
        c->detail = g_strdup_printf (_("%s (contact %s)"), d->detail ? d->detail : "",
                                     d->display_name ? d->display_name : "");
      else
        c->detail = g_strdup (d->detail);
      g_ptr_array_add (result, c);
    }
  return result;
}

GPtrArray *
crm_client_list_contacts (CrmStore    *store,
                          const char  *client_id,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return list_rows (store, "contacts",
                    "SELECT * FROM contacts WHERE client_id = ?1 AND _deleted = 0"
                    " AND merged_into IS NULL ORDER BY sort_key, rid",
                    client_id, error);
}

GPtrArray *
crm_client_list_leads (CrmStore    *store,
                       const char  *client_id,
                       GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return list_rows (store, "leads",
                    "SELECT * FROM leads WHERE client_id = ?1 AND _deleted = 0"
                    " ORDER BY created_ms DESC, rid DESC",
                    client_id, error);
}

/**
 * crm_lead_refuse:
 * @store: a #CrmStore
 * @lead_id: the lead
 * @reason: why (required; usually a name from the lost_reasons catalogue)
 * @comment: (nullable): more words, kept as a note on the timeline
 * @error: return location for a #GError
 *
 * Closes a lead as refused: records the reason and the time and moves it to
 * the lost stage of its pipeline. A converted lead cannot be refused.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_lead_refuse (CrmStore    *store,
                 const char  *lead_id,
                 const char  *reason,
                 const char  *comment,
                 GError     **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *lost_stage = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (lead_id != NULL, FALSE);

  if (crm_text_is_blank (reason))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Reason: say why the lead is refused"));
      return FALSE;
    }
  if (!(lead = crm_store_get (store, "leads", lead_id, error)))
    return FALSE;
  if (crm_lead_is_converted (lead))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("A converted lead cannot be refused"));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (reason));
  change = crm_change_new_update ("leads", lead_id);
  crm_change_set_text (change, "lost_reason", trimmed);
  crm_change_set_int (change, "lost_ms", crm_store_now_ms (store));
  if ((lost_stage = stage_of_kind (store, lead, "lost")) != NULL)
    crm_change_set_text (change, "stage_id", lost_stage);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!crm_store_apply (store, change, error) ||
      !crm_funnel_note_stage_change (store, lead_id, crm_record_get_text (lead, "stage_id"),
                                     lost_stage, trimmed, error))
    goto fail;
  if (!crm_text_is_blank (comment))
    {
      CrmActivityInput note = CRM_ACTIVITY_INPUT_INIT;
      g_autofree char *id = NULL;

      note.entity_type = "lead";
      note.entity_id = lead_id;
      note.kind = "note";
      note.body = comment;
      if (!(id = crm_activity_log (store, &note, error)))
        goto fail;
    }
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/**
 * crm_lead_reopen:
 * @store: a #CrmStore
 * @lead_id: a refused lead
 * @error: return location for a #GError
 *
 * Brings a refused lead back into work: clears the reason and moves it to
 * the first stage of its pipeline.
 */
gboolean
crm_lead_reopen (CrmStore    *store,
                 const char  *lead_id,
                 GError     **error)
{
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *first = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!(lead = crm_store_get (store, "leads", lead_id, error)))
    return FALSE;
  if (!crm_lead_is_refused (lead))
    return TRUE;

  change = crm_change_new_update ("leads", lead_id);
  crm_change_set_null (change, "lost_reason");
  crm_change_set_null (change, "lost_ms");
  if ((first = crm_workspace_first_stage (store, crm_record_get_text (lead, "pipeline_id"))) != NULL)
    crm_change_set_text (change, "stage_id", first);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!crm_store_apply (store, change, error) ||
      !crm_funnel_note_stage_change (store, lead_id, crm_record_get_text (lead, "stage_id"),
                                     first, NULL, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

GPtrArray *
crm_lost_reasons_list (CrmStore  *store,
                       GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return list_rows (store, "lost_reasons",
                    "SELECT * FROM lost_reasons WHERE _deleted = 0 ORDER BY position, rid",
                    NULL, error);
}

static gboolean
check_reason_name (CrmStore    *store,
                   const char  *name,
                   const char  *except_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *key = NULL;

  if (crm_text_is_blank (name))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Reason: the name is empty"));
      return FALSE;
    }
  if (!(reasons = crm_lost_reasons_list (store, error)))
    return FALSE;
  key = crm_text_fold (name);
  for (guint i = 0; i < reasons->len; i++)
    {
      CrmRecord *r = g_ptr_array_index (reasons, i);
      g_autofree char *other = crm_text_fold (crm_record_get_text (r, "name"));

      if (g_strcmp0 (crm_record_get_id (r), except_id) != 0 && g_strcmp0 (key, other) == 0)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Reason: “%s” is already in the list"), name);
          return FALSE;
        }
    }
  return TRUE;
}

char *
crm_lost_reason_add (CrmStore    *store,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *max = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!check_reason_name (store, name, NULL, error))
    return NULL;
  max = crm_store_query_text (store, "SELECT MAX(position) FROM lost_reasons WHERE _deleted = 0", NULL);
  trimmed = g_strstrip (g_strdup (name));
  change = crm_change_new_create ("lost_reasons");
  crm_change_set_text (change, "name", trimmed);
  crm_change_set_int (change, "position", max != NULL ? g_ascii_strtoll (max, NULL, 10) + 1 : 0);
  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}

gboolean
crm_lost_reason_rename (CrmStore    *store,
                        const char  *id,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_reason_name (store, name, id, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (name));
  change = crm_change_new_update ("lost_reasons", id);
  crm_change_set_text (change, "name", trimmed);
  return crm_store_apply (store, change, error);
}

gboolean
crm_lost_reason_remove (CrmStore    *store,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return crm_store_delete (store, "lost_reasons", id, error);
}
