/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import"

#include "config.h"

#include "crm-import.h"
#include "crm-import-private.h"
#include "crm-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-dedupe.h"
#include "crm-fields.h"
#include "crm-phone.h"
#include "crm-record.h"
#include "crm-requisites.h"
#include "crm-search.h"
#include "crm-text.h"
#include "crm-uuid.h"
#include "crm-validate.h"
#include "crm-vcard.h"
#include "crm-workspace.h"

/* How an import stays all-or-nothing and fast:
 *  - every row goes through crm_store_apply() inside ONE transaction, so a
 *    kill -9 or a cancel leaves the file as it was;
 *  - the store is in bulk mode: no per-row history or outbox; one history
 *    row and one outbox "import" row stand for the whole batch, and every
 *    record carries import_id;
 *  - a new lead goes into the search index from the values the importer
 *    already folded, with no re-reading; merged rows and contacts are
 *    reindexed one by one at the end; then the WAL is checkpointed;
 *  - a dry run is the same import rolled back, so its report (including
 *    duplicates within the file itself) is exactly what a real run does. */

#define MAX_LISTED 1000
#define DUPLICATE_SCORE 80
#define CHECKPOINT_ROWS 2000
#define PENDING_MAX 8192






static void
problem_free (gpointer data)
{
  CrmImportProblem *p = data;

  g_free (p->message);
  g_free (p);
}

static void
duplicate_free (gpointer data)
{
  CrmImportDuplicate *d = data;

  g_free (d->existing_type);
  g_free (d->existing_id);
  g_free (d->existing_name);
  g_free (d->detail);
  g_free (d->action);
  g_free (d);
}

void
crm_import_report_free (CrmImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->import_id);
  g_free (report->encoding);
  g_strfreev (report->headers);
  g_strfreev (report->mapping);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->duplicate_rows, g_ptr_array_unref);
  g_free (report);
}

void
crm_import_options_init (CrmImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = CRM_IMPORT_CSV;
  options->policy = CRM_IMPORT_SKIP;
  options->table = "leads";
}

const char *
crm_import_policy_to_string (CrmImportPolicy policy)
{
  switch (policy)
    {
    case CRM_IMPORT_MERGE:
      return "merge";
    case CRM_IMPORT_CREATE:
      return "create";
    case CRM_IMPORT_SKIP:
    default:
      return "skip";
    }
}

gboolean
crm_import_policy_from_string (const char      *text,
                               CrmImportPolicy *policy)
{
  if (g_strcmp0 (text, "skip") == 0)
    *policy = CRM_IMPORT_SKIP;
  else if (g_strcmp0 (text, "merge") == 0)
    *policy = CRM_IMPORT_MERGE;
  else if (g_strcmp0 (text, "create") == 0)
    *policy = CRM_IMPORT_CREATE;
  else
    return FALSE;
  return TRUE;
}

void
crm_import_add_problem (Import     *imp,
             guint       line,
             const char *message)
{
  CrmImportProblem *p;

  imp->report->rows_failed++;
  if (imp->report->problems->len >= MAX_LISTED)
    return;
  p = g_new0 (CrmImportProblem, 1);
  p->line = line;
  p->message = g_strdup (message);
  g_ptr_array_add (imp->report->problems, p);
}



/* One cell may hold several phones or e-mails: "8 912 …, 8 495 …". */



/* "1 500 000,50 ₽", "1500000.5", "15 000 руб." → minor units. */

/* "2024-03-01", "2024-03-01T10:30:00Z", "01.03.2024", "01.03.2024 10:30". */


static GHashTable *
load_names (CrmStore   *store,
            const char *sql)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, NULL);

  if (stmt == NULL)
    return map;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL)
        g_hash_table_insert (map, crm_text_fold (name),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  return map;
}

static const char *
channel_id (Import      *imp,
            const char  *name,
            GError     **error)
{
  g_autofree char *key = NULL;
  char *id;

  if (name == NULL)
    return imp->default_channel;

  key = crm_text_fold (name);
  id = g_hash_table_lookup (imp->channels, key);
  if (id != NULL)
    return id;

  if (!(id = crm_workspace_ensure_channel (imp->store, name, error)))
    return NULL;
  g_hash_table_insert (imp->channels, g_steal_pointer (&key), id);
  return id;
}

/* ---- Validating a row and turning it into changes ---- */

typedef struct
{
  GPtrArray *phones;   /* e164 */
  GPtrArray *exts;
  GPtrArray *emails;   /* normalized */
} Clean;

static void
clean_clear (Clean *c)
{
  g_clear_pointer (&c->phones, g_ptr_array_unref);
  g_clear_pointer (&c->exts, g_ptr_array_unref);
  g_clear_pointer (&c->emails, g_ptr_array_unref);
}


static gboolean
validate_row (Import  *imp,
              Row     *row,
              Clean   *clean,
              GError **error)
{
  const char *region = crm_store_get_region (imp->store);
  g_autofree char *name = crm_import_row_full_name (row);

  clean->phones = g_ptr_array_new_with_free_func (g_free);
  clean->exts = g_ptr_array_new_with_free_func (g_free);
  clean->emails = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < row->phones->len; i++)
    {
      Value *v = g_ptr_array_index (row->phones, i);
      char *e164 = NULL;
      char *ext = NULL;

      if (!crm_phone_normalize (v->raw, region, &e164, &ext, error))
        return FALSE;
      g_ptr_array_add (clean->phones, e164);
      g_ptr_array_add (clean->exts, ext);
    }
  for (guint i = 0; i < row->emails->len; i++)
    {
      Value *v = g_ptr_array_index (row->emails, i);
      char *normalized = NULL;

      if (!crm_email_normalize (v->raw, &normalized, error))
        return FALSE;
      g_ptr_array_add (clean->emails, normalized);
    }
  if (row->values[CRM_FIELD_INN] != NULL && !crm_inn_validate (row->values[CRM_FIELD_INN], error))
    return FALSE;
  if (row->values[CRM_FIELD_KPP] != NULL && !crm_kpp_validate (row->values[CRM_FIELD_KPP], error))
    return FALSE;
  if (row->values[CRM_FIELD_OGRN] != NULL && !crm_ogrn_any_validate (row->values[CRM_FIELD_OGRN], error))
    return FALSE;

  if (name == NULL && row->phones->len == 0 && row->emails->len == 0 &&
      crm_text_is_blank (row->values[CRM_FIELD_COMPANY]))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("no name, phone, e-mail or company"));
      return FALSE;
    }
  if (strcmp (imp->table, "contacts") == 0 && name == NULL)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                   _("Name: a contact needs a name"));
      return FALSE;
    }
  return TRUE;
}

static void
set_if (CrmChange  *change,
        const char *column,
        const char *value)
{
  if (!crm_text_is_blank (value))
    crm_change_set_text (change, column, value);
}

static char *
extra_json (Row *row)
{
  static const CrmField extra_fields[] = {
    CRM_FIELD_INN, CRM_FIELD_KPP, CRM_FIELD_OGRN, CRM_FIELD_ADDRESS,
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean any = FALSE;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (extra_fields); i++)
    {
      const char *value = row->values[extra_fields[i]];

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, crm_field_get_key (extra_fields[i]));
      json_builder_add_string_value (builder, value);
      any = TRUE;
    }
  json_builder_end_object (builder);
  if (!any)
    return NULL;
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The row's scalar fields as a change on a lead or a contact. On a merge
 * only fields the existing record lacks are filled. */
static gboolean
fill_change (Import     *imp,
             Row        *row,
             CrmChange  *change,
             CrmRecord  *existing,
             GError    **error)
{
  g_autofree char *name = crm_import_row_full_name (row);
  gboolean is_lead = strcmp (imp->table, "leads") == 0;
  struct { CrmField field; const char *column; } simple[] = {
    { CRM_FIELD_JOB_TITLE, "job_title" },
    { CRM_FIELD_NOTE, "note" },
    { CRM_FIELD_COMPANY, "company" },
    { CRM_FIELD_WEBSITE, "website" },
    { CRM_FIELD_CITY, "city" },
    { CRM_FIELD_REQUEST, "request" },
    { CRM_FIELD_UTM_SOURCE, "utm_source" },
    { CRM_FIELD_UTM_MEDIUM, "utm_medium" },
    { CRM_FIELD_UTM_CAMPAIGN, "utm_campaign" },
    { CRM_FIELD_UTM_CONTENT, "utm_content" },
    { CRM_FIELD_UTM_TERM, "utm_term" },
  };

#define MISSING(col) (existing == NULL || !crm_record_has_value (existing, (col)))

  if (name != NULL && MISSING ("full_name"))
    crm_change_set_text (change, "full_name", name);

  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    {
      if (!is_lead && simple[i].field != CRM_FIELD_JOB_TITLE && simple[i].field != CRM_FIELD_NOTE)
        continue;
      if (MISSING (simple[i].column))
        set_if (change, simple[i].column, row->values[simple[i].field]);
    }

  if (!is_lead)
    {
      /* A contact's company is its client. */
      const char *company = row->values[CRM_FIELD_COMPANY];

      if (!crm_text_is_blank (company) && MISSING ("client_id"))
        {
          g_autofree char *key = crm_text_company_key (company);
          const char *client = g_hash_table_lookup (imp->clients, key);

          if (client == NULL)
            {
              sqlite3_stmt *stmt = crm_store_stmt (imp->store,
                                                   "SELECT id FROM clients WHERE name_key = ?1"
                                                   " AND _deleted = 0 AND merged_into IS NULL"
                                                   " ORDER BY rid LIMIT 1",
                                                   error);
              g_autofree char *found = NULL;

              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              sqlite3_reset (stmt);

              if (found == NULL)
                {
                  g_autoptr(CrmChange) c = crm_change_new_create ("clients");

                  crm_change_set_text (c, "name", company);
                  set_if (c, "inn", row->values[CRM_FIELD_INN]);
                  set_if (c, "kpp", row->values[CRM_FIELD_KPP]);
                  set_if (c, "ogrn", row->values[CRM_FIELD_OGRN]);
                  set_if (c, "address", row->values[CRM_FIELD_ADDRESS]);
                  if (!crm_store_apply (imp->store, c, error))
                    return FALSE;
                  found = g_strdup (crm_change_get_id (c));
                }
              g_hash_table_insert (imp->clients, g_strdup (key), g_strdup (found));
              client = g_hash_table_lookup (imp->clients, key);
            }
          crm_change_set_text (change, "client_id", client);
        }
      return TRUE;
    }

  if (MISSING ("extra"))
    {
      g_autofree char *extra = extra_json (row);
      set_if (change, "extra", extra);
    }

  if (MISSING ("channel_id") || existing == NULL)
    {
      const char *channel = channel_id (imp, row->values[CRM_FIELD_CHANNEL], error);

      if (channel == NULL && row->values[CRM_FIELD_CHANNEL] != NULL)
        return FALSE;
      if (channel != NULL && MISSING ("channel_id"))
        crm_change_set_text (change, "channel_id", channel);
    }

  if (row->values[CRM_FIELD_CREATED] != NULL && existing == NULL)
    {
      gint64 ms;

      if (!crm_import_parse_date (imp->store, row->values[CRM_FIELD_CREATED], &ms))
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Created: “%s” is not a date"), row->values[CRM_FIELD_CREATED]);
          return FALSE;
        }
      crm_change_set_int (change, "created_ms", ms);
    }
  if (row->values[CRM_FIELD_VALUE] != NULL && MISSING ("value"))
    {
      gint64 minor;

      if (!crm_import_parse_money (row->values[CRM_FIELD_VALUE], &minor))
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Budget: “%s” is not an amount"), row->values[CRM_FIELD_VALUE]);
          return FALSE;
        }
      crm_change_set_int (change, "value", minor);
    }
  if (row->values[CRM_FIELD_TEMPERATURE] != NULL && MISSING ("temperature"))
    {
      const char *t = crm_import_parse_temperature (row->values[CRM_FIELD_TEMPERATURE]);

      if (t == NULL)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Temperature: “%s” is not hot, warm or cold"),
                       row->values[CRM_FIELD_TEMPERATURE]);
          return FALSE;
        }
      crm_change_set_text (change, "temperature", t);
    }
  if (existing == NULL)
    {
      const char *stage = imp->stage_id;

      if (row->values[CRM_FIELD_STAGE] != NULL)
        {
          g_autofree char *key = crm_text_fold (row->values[CRM_FIELD_STAGE]);

          if (!(stage = g_hash_table_lookup (imp->stages, key)))
            {
              g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Stage: there is no stage “%s”"), row->values[CRM_FIELD_STAGE]);
              return FALSE;
            }
        }
      if (stage != NULL)
        crm_change_set_text (change, "stage_id", stage);
      if (imp->pipeline_id != NULL)
        crm_change_set_text (change, "pipeline_id", imp->pipeline_id);
      crm_change_set_text (change, "import_id", imp->import_id);
    }
  if (row->values[CRM_FIELD_OWNER] != NULL && MISSING ("owner_id"))
    {
      g_autofree char *key = crm_text_fold (row->values[CRM_FIELD_OWNER]);
      const char *owner = g_hash_table_lookup (imp->users, key);

      if (owner == NULL)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                       _("Owner: there is no user “%s”"), row->values[CRM_FIELD_OWNER]);
          return FALSE;
        }
      crm_change_set_text (change, "owner_id", owner);
    }
#undef MISSING
  return TRUE;
}

static gboolean
has_child (CrmStore   *store,
           const char *tbl,
           const char *column,
           const char *entity_id,
           const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE entity_id = ?1 AND %s = ?2"
                                          " AND _deleted = 0", tbl, column);
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
write_children (Import      *imp,
                Row         *row,
                Clean       *clean,
                const char  *entity_type,
                const char  *entity_id,
                gboolean     merging,
                GError     **error)
{
  for (guint i = 0; i < clean->phones->len; i++)
    {
      Value *v = g_ptr_array_index (row->phones, i);
      const char *e164 = g_ptr_array_index (clean->phones, i);
      g_autoptr(CrmChange) c = NULL;

      if (merging && has_child (imp->store, "phones", "e164", entity_id, e164))
        continue;
      c = crm_change_new_create ("phones");
      crm_change_set_text (c, "entity_type", entity_type);
      crm_change_set_text (c, "entity_id", entity_id);
      crm_change_set_text (c, "raw", v->raw);
      crm_change_set_text (c, "e164", e164);
      crm_change_set_text (c, "extension", g_ptr_array_index (clean->exts, i));
      crm_change_set_text (c, "label", v->label);
      crm_change_set_int (c, "position", i);
      if (!crm_store_apply (imp->store, c, error))
        return FALSE;
    }
  for (guint i = 0; i < clean->emails->len; i++)
    {
      Value *v = g_ptr_array_index (row->emails, i);
      const char *normalized = g_ptr_array_index (clean->emails, i);
      g_autofree char *key = crm_email_key (normalized);
      g_autoptr(CrmChange) c = NULL;

      if (merging && has_child (imp->store, "emails", "normalized", entity_id, key))
        continue;
      c = crm_change_new_create ("emails");
      crm_change_set_text (c, "entity_type", entity_type);
      crm_change_set_text (c, "entity_id", entity_id);
      crm_change_set_text (c, "raw", normalized);
      crm_change_set_text (c, "normalized", key);
      crm_change_set_text (c, "label", v->label);
      crm_change_set_int (c, "position", i);
      if (!crm_store_apply (imp->store, c, error))
        return FALSE;
    }
  return TRUE;
}

/* The new lead's search entry, from what the row already holds: the same
 * text crm_search_index_row() would read back and fold. Entries wait in
 * memory and go to the index in batches between rows: FTS5 writes out a
 * segment at every savepoint, and each row has one. */
typedef struct
{
  gint64  rid;
  char   *name;
  char   *company;
  char   *emails;
  char   *digits;
  char   *body;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->name);
  g_free (e->company);
  g_free (e->emails);
  g_free (e->digits);
  g_free (e->body);
}

static void
make_entry (CrmChange *change,
            Clean     *clean,
            gint64     rid,
            Entry     *e)
{
  g_autofree char *body = NULL;
  g_autoptr(GString) emails = g_string_new (NULL);
  GString *digits = g_string_new (NULL);

  for (guint i = 0; i < clean->emails->len; i++)
    {
      g_autofree char *key = crm_email_key (g_ptr_array_index (clean->emails, i));

      if (emails->len > 0)
        g_string_append_c (emails, ' ');
      g_string_append (emails, key);
    }
  for (guint i = 0; i < clean->phones->len; i++)
    {
      const char *e164 = g_ptr_array_index (clean->phones, i);

      if (digits->len > 0)
        g_string_append_c (digits, ' ');
      g_string_append (digits, e164[0] == '+' ? e164 + 1 : e164);
    }
  body = g_strjoin (" ",
                    crm_change_get_text (change, "request") ?: "",
                    crm_change_get_text (change, "note") ?: "",
                    crm_change_get_text (change, "job_title") ?: "",
                    crm_change_get_text (change, "city") ?: "",
                    NULL);

  e->rid = rid;
  e->name = crm_text_fold (crm_change_get_text (change, "full_name"));
  e->company = crm_text_fold (crm_change_get_text (change, "company"));
  e->emails = emails->len > 0 ? crm_text_fold (emails->str) : NULL;
  e->digits = g_string_free (digits, FALSE);
  e->body = crm_text_fold (body);
}

static gboolean
flush_entries (Import  *imp,
               GError **error)
{
  for (guint i = 0; i < imp->pending->len; i++)
    {
      Entry *e = &g_array_index (imp->pending, Entry, i);

      if (!crm_search_add_entry (imp->store, 1, e->rid, e->name, e->company, e->emails,
                                 e->digits, e->body, error))
        return FALSE;
    }
  g_array_set_size (imp->pending, 0);
  return TRUE;
}

static void
note_duplicate (Import       *imp,
                Row          *row,
                CrmDuplicate *dup,
                const char   *action)
{
  CrmImportDuplicate *d;

  imp->report->duplicates++;
  if (imp->report->duplicate_rows->len >= MAX_LISTED)
    return;
  d = g_new0 (CrmImportDuplicate, 1);
  d->line = row->line;
  d->existing_type = g_strdup (dup->entity_type);
  d->existing_id = g_strdup (dup->id);
  d->existing_name = g_strdup (dup->display_name);
  d->detail = g_strdup (dup->detail);
  d->action = g_strdup (action);
  g_ptr_array_add (imp->report->duplicate_rows, d);
}

static CrmDuplicate *
find_duplicate (Import  *imp,
                Row     *row,
                Clean   *clean,
                GError **error)
{
  g_autofree char *name = crm_import_row_full_name (row);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) phones = g_ptr_array_new ();
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();
  CrmDedupeProbe probe = { 0 };

  for (guint i = 0; i < clean->phones->len; i++)
    g_ptr_array_add (phones, g_ptr_array_index (clean->phones, i));
  g_ptr_array_add (phones, NULL);
  for (guint i = 0; i < clean->emails->len; i++)
    g_ptr_array_add (emails, g_ptr_array_index (clean->emails, i));
  g_ptr_array_add (emails, NULL);

  probe.entity_type = crm_table_entity (imp->table);
  probe.full_name = name;
  probe.company = row->values[CRM_FIELD_COMPANY];
  probe.inn = row->values[CRM_FIELD_INN];
  probe.phones = (const char *const *) phones->pdata;
  probe.emails = (const char *const *) emails->pdata;
  probe.min_score = DUPLICATE_SCORE;

  if (!(found = crm_dedupe_find (imp->store, &probe, error)))
    return NULL;

  for (guint i = 0; i < found->len; i++)
    {
      CrmDuplicate *dup = g_ptr_array_index (found, i);

      if (dup->score >= DUPLICATE_SCORE)
        return g_ptr_array_steal_index (found, i);
    }
  return NULL;
}

/* One row, in its own savepoint: a bad row is undone alone and reported. */
gboolean
crm_import_apply_row (Import  *imp,
            Row     *row,
            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmDuplicate) dup = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autoptr(CrmRecord) existing = NULL;
  const char *entity_type = crm_table_entity (imp->table);
  Clean clean = { 0 };
  gboolean merging = FALSE;
  gboolean ok = FALSE;
  gint64 rid = 0;

  imp->report->rows_total++;

  if (!validate_row (imp, row, &clean, &local_error))
    goto bad_row;

  dup = find_duplicate (imp, row, &clean, &local_error);
  if (local_error != NULL)
    goto fatal;

  if (dup != NULL)
    {
      gboolean same_kind = g_strcmp0 (dup->entity_type, entity_type) == 0;

      if (imp->options->policy == CRM_IMPORT_SKIP ||
          (imp->options->policy == CRM_IMPORT_MERGE && !same_kind))
        {
          note_duplicate (imp, row, dup, "skipped");
          imp->report->rows_skipped++;
          clean_clear (&clean);
          return TRUE;
        }
      if (imp->options->policy == CRM_IMPORT_MERGE)
        {
          if (!(existing = crm_store_get (imp->store, imp->table, dup->id, &local_error)))
            goto fatal;
          merging = TRUE;
        }
    }

  if (!crm_store_begin (imp->store, &local_error))
    goto fatal;

  change = merging ? crm_change_new_update (imp->table, dup->id)
                   : crm_change_new_create (imp->table);
  if (!fill_change (imp, row, change, existing, &local_error) ||
      !crm_store_apply (imp->store, change, &local_error) ||
      !(rid = merging ? crm_record_get_rid (existing)
                      : sqlite3_last_insert_rowid (crm_store_get_db (imp->store)), TRUE) ||
      !write_children (imp, row, &clean, entity_type, crm_change_get_id (change),
                       merging, &local_error))
    {
      crm_store_rollback (imp->store);
      if (local_error->domain == CRM_STORE_ERROR && local_error->code == CRM_STORE_ERROR_SQLITE)
        goto fatal;
      goto bad_row;
    }
  if (!crm_store_commit (imp->store, &local_error))
    goto fatal;

  if (merging)
    {
      note_duplicate (imp, row, dup, "merged");
      imp->report->rows_merged++;
      /* A merge changes an existing record: its history says so. */
      crm_store_add_history (imp->store, entity_type, dup->id, "import", NULL, NULL,
                             imp->import_id, NULL);
    }
  else
    {
      if (dup != NULL)
        note_duplicate (imp, row, dup, "created");
      imp->report->rows_created++;
    }

  if (merging || strcmp (imp->table, "leads") != 0)
    g_array_append_val (imp->reindex, rid);
  else
    {
      Entry e;

      make_entry (change, &clean, rid, &e);
      g_array_append_val (imp->pending, e);
      if (imp->pending->len >= PENDING_MAX && !flush_entries (imp, &local_error))
        goto fatal;
    }
  ok = TRUE;
  clean_clear (&clean);
  return ok;

bad_row:
  {
    g_autofree char *message = g_strdup_printf (_("Line %u: %s"), row->line, local_error->message);

    clean_clear (&clean);
    if (imp->options->strict)
      {
        g_set_error_literal (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX, message);
        return FALSE;
      }
    crm_import_add_problem (imp, row->line, message);
    return TRUE;
  }

fatal:
  clean_clear (&clean);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}





static gboolean
finish (Import      *imp,
        const char  *file_name,
        GError     **error)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("imports");
  g_autofree char *fields = NULL;
  g_autofree char *base = file_name ? g_path_get_basename (file_name) : NULL;

  crm_change_set_id (change, imp->import_id);
  crm_change_set_text (change, "format",
                       imp->options->format == CRM_IMPORT_CSV ? "csv" : "vcard");
  crm_change_set_text (change, "file_name", base);
  crm_change_set_text (change, "policy", crm_import_policy_to_string (imp->options->policy));
  crm_change_set_int (change, "rows_created", imp->report->rows_created);
  crm_change_set_int (change, "rows_merged", imp->report->rows_merged);
  crm_change_set_int (change, "rows_skipped", imp->report->rows_skipped);
  crm_change_set_int (change, "rows_failed", imp->report->rows_failed);
  crm_change_set_text (change, "user_id", crm_store_get_user_id (imp->store));
  if (!crm_store_apply (imp->store, change, error))
    return FALSE;

  /* One history row and one outbox entry stand for the whole batch: the
   * records carry import_id, and the pusher expands the batch. */
  if (!crm_store_add_history (imp->store, "import", imp->import_id, "import", NULL, NULL,
                              base, error))
    return FALSE;
  fields = g_strdup_printf ("{\"import_id\":\"%s\",\"tbl\":\"%s\"}", imp->import_id, imp->table);
  if (!crm_store_add_outbox (imp->store, imp->table, imp->import_id, "import", fields, 0, error))
    return FALSE;

  crm_store_set_defer_index (imp->store, FALSE);
  if (!flush_entries (imp, error))
    return FALSE;
  for (guint i = 0; i < imp->reindex->len; i++)
    if (!crm_search_index_row (imp->store, crm_table_entity (imp->table),
                               g_array_index (imp->reindex, gint64, i), error))
      return FALSE;
  return TRUE;
}

/**
 * crm_import_stream:
 * @store: a #CrmStore
 * @stream: the file's contents
 * @file_name: (nullable): its name, for the import record
 * @size: its size in bytes for progress, or -1
 * @options: the format, duplicate policy, mapping, dry-run and strict flags
 * @cancellable: (nullable): cancels the import; nothing is written then
 * @progress: (nullable) (scope call): called every 1,000 rows
 * @user_data: data for @progress
 * @error: return location for a #GError
 *
 * Imports leads (or contacts) from CSV or vCard in one transaction: all
 * valid rows or, on cancel, a strict-mode error or a crash, none. Rows
 * with errors are reported with their line numbers and skipped.
 *
 * Returns: (transfer full): what happened, or %NULL with @error set
 */
CrmImportReport *
crm_import_stream (CrmStore                *store,
                   GInputStream            *stream,
                   const char              *file_name,
                   gint64                   size,
                   const CrmImportOptions  *options,
                   GCancellable            *cancellable,
                   CrmImportProgress        progress,
                   gpointer                 user_data,
                   GError                 **error)
{
  g_autoptr(CrmImportReport) report = g_new0 (CrmImportReport, 1);
  CrmImportOptions defaults;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (options == NULL)
    {
      crm_import_options_init (&defaults);
      options = &defaults;
    }
  if (options->table != NULL && strcmp (options->table, "leads") != 0 &&
      strcmp (options->table, "contacts") != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Only leads and contacts can be imported"));
      return NULL;
    }

  report->problems = g_ptr_array_new_with_free_func (problem_free);
  report->duplicate_rows = g_ptr_array_new_with_free_func (duplicate_free);
  report->dry_run = options->dry_run;
  report->policy = options->policy;
  report->import_id = crm_uuid7_new (crm_store_now_ms (store));

  imp.store = store;
  imp.options = options;
  imp.report = report;
  imp.table = options->table != NULL ? options->table : "leads";
  imp.import_id = report->import_id;
  imp.reindex = g_array_new (FALSE, FALSE, sizeof (gint64));
  imp.pending = g_array_sized_new (FALSE, FALSE, sizeof (Entry), PENDING_MAX);
  g_array_set_clear_func (imp.pending, entry_clear);

  if (!crm_store_begin (store, error))
    {
      g_array_unref (imp.reindex);
      g_array_unref (imp.pending);
      return NULL;
    }

  imp.channels = load_names (store, "SELECT id, name FROM channels WHERE _deleted = 0");
  imp.users = load_names (store, "SELECT id, name FROM users WHERE _deleted = 0");
  imp.clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.pipeline_id = crm_workspace_default_pipeline (store);
  imp.stage_id = crm_workspace_first_stage (store, imp.pipeline_id);
  imp.stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    sqlite3_stmt *stmt = crm_store_stmt (store, "SELECT id, name FROM stages WHERE pipeline_id = ?1 AND _deleted = 0", NULL);

    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, imp.pipeline_id, -1, SQLITE_TRANSIENT);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_hash_table_insert (imp.stages, crm_text_fold ((const char *) sqlite3_column_text (stmt, 1)),
                               g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        sqlite3_reset (stmt);
      }
  }

  if (options->channel != NULL)
    imp.default_channel = crm_workspace_ensure_channel (store, options->channel, NULL);
  else
    imp.default_channel = crm_workspace_find_channel (store, "import");

  crm_store_set_bulk (store, TRUE);
  crm_store_set_defer_index (store, TRUE);
  /* Checked once at COMMIT instead of per row: an immediate foreign key
   * check makes SQLite journal every statement (ends with the transaction). */
  crm_db_exec (crm_store_get_db (store), "PRAGMA defer_foreign_keys = ON", NULL);

  if (options->format == CRM_IMPORT_VCARD)
    ok = crm_import_run_vcard (&imp, stream, size, cancellable, progress, user_data, error);
  else
    ok = crm_import_run_csv (&imp, stream, size, cancellable, progress, user_data, error);

  crm_store_set_bulk (store, FALSE);
  if (ok)
    ok = finish (&imp, file_name, error);
  crm_store_set_defer_index (store, FALSE);

  if (ok && !options->dry_run)
    ok = crm_store_commit (store, error);
  else
    crm_store_rollback (store);

  g_clear_pointer (&imp.channels, g_hash_table_unref);
  g_clear_pointer (&imp.users, g_hash_table_unref);
  g_clear_pointer (&imp.clients, g_hash_table_unref);
  g_clear_pointer (&imp.stages, g_hash_table_unref);
  g_clear_pointer (&imp.reindex, g_array_unref);
  g_clear_pointer (&imp.pending, g_array_unref);
  g_free (imp.default_channel);
  g_free (imp.pipeline_id);
  g_free (imp.stage_id);

  if (!ok)
    return NULL;

  /* A big import leaves a big WAL; fold it back so the next open is fast. */
  if (!options->dry_run && report->rows_created + report->rows_merged > CHECKPOINT_ROWS)
    sqlite3_wal_checkpoint_v2 (crm_store_get_db (store), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  return g_steal_pointer (&report);
}

CrmImportReport *
crm_import_file (CrmStore                *store,
                 const char              *path,
                 const CrmImportOptions  *options,
                 GCancellable            *cancellable,
                 CrmImportProgress        progress,
                 gpointer                 user_data,
                 GError                 **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gint64 size = -1;

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    size = g_file_info_get_size (info);

  return crm_import_stream (store, G_INPUT_STREAM (stream), path, size, options,
                            cancellable, progress, user_data, error);
}
