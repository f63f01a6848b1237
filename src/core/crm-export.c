/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export"

#include "config.h"

#include "crm-export.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-clock.h"
#include "crm-csv.h"
#include "crm-fields.h"
#include "crm-phone.h"
#include "crm-record.h"
#include "crm-vcard.h"

/* Exports stream page by page (keyset paging), so a million leads never sit
 * in memory. Headers are the translated field labels the importer maps
 * back, so an export re-imports as is. */

#define PAGE 1000

typedef struct
{
  CrmField    field;
  const char *column;   /* NULL: computed */
} Column;

static const Column lead_columns[] = {
  { CRM_FIELD_FIO, "full_name" },
  { CRM_FIELD_PHONE, NULL },
  { CRM_FIELD_EMAIL, NULL },
  { CRM_FIELD_COMPANY, "company" },
  { CRM_FIELD_JOB_TITLE, "job_title" },
  { CRM_FIELD_CHANNEL, NULL },
  { CRM_FIELD_STAGE, NULL },
  { CRM_FIELD_TEMPERATURE, "temperature" },
  { CRM_FIELD_VALUE, NULL },
  { CRM_FIELD_REQUEST, "request" },
  { CRM_FIELD_NOTE, "note" },
  { CRM_FIELD_CITY, "city" },
  { CRM_FIELD_WEBSITE, "website" },
  { CRM_FIELD_UTM_SOURCE, "utm_source" },
  { CRM_FIELD_UTM_MEDIUM, "utm_medium" },
  { CRM_FIELD_UTM_CAMPAIGN, "utm_campaign" },
  { CRM_FIELD_CREATED, NULL },
  { CRM_FIELD_ID, "id" },
};

static const Column contact_columns[] = {
  { CRM_FIELD_FIO, "full_name" },
  { CRM_FIELD_PHONE, NULL },
  { CRM_FIELD_EMAIL, NULL },
  { CRM_FIELD_COMPANY, NULL },
  { CRM_FIELD_JOB_TITLE, "job_title" },
  { CRM_FIELD_NOTE, "note" },
  { CRM_FIELD_CREATED, NULL },
  { CRM_FIELD_ID, "id" },
};

static const Column client_columns[] = {
  { CRM_FIELD_COMPANY, "name" },
  { CRM_FIELD_INN, "inn" },
  { CRM_FIELD_KPP, "kpp" },
  { CRM_FIELD_OGRN, "ogrn" },
  { CRM_FIELD_ADDRESS, "address" },
  { CRM_FIELD_PHONE, NULL },
  { CRM_FIELD_EMAIL, NULL },
  { CRM_FIELD_WEBSITE, "website" },
  { CRM_FIELD_NOTE, "note" },
  { CRM_FIELD_CREATED, NULL },
  { CRM_FIELD_ID, "id" },
};

void
crm_export_options_init (CrmExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->table = "leads";
  options->delimiter = ',';
}

static const Column *
columns_for (const char *tbl,
             guint      *n)
{
  if (g_strcmp0 (tbl, "contacts") == 0)
    {
      *n = G_N_ELEMENTS (contact_columns);
      return contact_columns;
    }
  if (g_strcmp0 (tbl, "clients") == 0)
    {
      *n = G_N_ELEMENTS (client_columns);
      return client_columns;
    }
  *n = G_N_ELEMENTS (lead_columns);
  return lead_columns;
}

static char *
lookup_name (CrmStore   *store,
             const char *sql,
             const char *id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (id == NULL || !(stmt = crm_store_stmt (store, sql, NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

static GPtrArray *
children (CrmStore   *store,
          const char *tbl,
          const char *entity_id,
          gboolean    formatted)
{
  g_autoptr(GPtrArray) rows = crm_store_list_children (store, tbl, entity_id, NULL);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CrmRecord *r = g_ptr_array_index (rows, i);
      const char *e164 = crm_record_get_text (r, "e164");
      const char *ext = crm_record_get_text (r, "extension");

      if (strcmp (tbl, "phones") == 0 && formatted && e164 != NULL)
        {
          g_autofree char *pretty = crm_phone_format (e164);

          if (ext != NULL)
            g_ptr_array_add (values, g_strdup_printf (_("%s ext. %s"), pretty, ext));
          else
            g_ptr_array_add (values, g_steal_pointer (&pretty));
        }
      else
        g_ptr_array_add (values, g_strdup (crm_record_get_text (r, "raw")));
    }
  return values;
}

static char *
join_values (GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  return g_strjoinv (", ", (char **) values->pdata);
}

static char *
cell_value (CrmStore     *store,
            CrmRecord    *record,
            const Column *col)
{
  const char *id = crm_record_get_id (record);

  if (col->column != NULL)
    {
      if (col->field == CRM_FIELD_TEMPERATURE)
        {
          return g_strdup (crm_field_temperature_label (crm_record_get_text (record, col->column)));
        }
      return g_strdup (crm_record_get_text (record, col->column));
    }

  switch (col->field)
    {
    case CRM_FIELD_PHONE:
      {
        g_autoptr(GPtrArray) v = children (store, "phones", id, TRUE);
        return join_values (v);
      }
    case CRM_FIELD_EMAIL:
      {
        g_autoptr(GPtrArray) v = children (store, "emails", id, FALSE);
        return join_values (v);
      }
    case CRM_FIELD_CHANNEL:
      return lookup_name (store, "SELECT name FROM channels WHERE id = ?1",
                          crm_record_get_text (record, "channel_id"));
    case CRM_FIELD_STAGE:
      return lookup_name (store, "SELECT name FROM stages WHERE id = ?1",
                          crm_record_get_text (record, "stage_id"));
    case CRM_FIELD_COMPANY:
      return lookup_name (store, "SELECT name FROM clients WHERE id = ?1",
                          crm_record_get_text (record, "client_id"));
    case CRM_FIELD_VALUE:
      if (crm_record_has_value (record, "value"))
        {
          gint64 minor = crm_record_get_int (record, "value", 0);

          if (minor % 100 == 0)
            return g_strdup_printf ("%" G_GINT64_FORMAT, minor / 100);
          return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", minor / 100, (int) (ABS (minor) % 100));
        }
      return NULL;
    case CRM_FIELD_CREATED:
      return crm_format_iso8601_ms (crm_record_get_int (record, "created_ms", 0));
    default:
      return NULL;
    }
}

typedef gboolean (*RowFunc) (CrmStore      *store,
                             CrmRecord     *record,
                             gpointer       data,
                             GError       **error);

static gboolean
for_each_row (CrmStore                *store,
              const CrmExportOptions  *options,
              RowFunc                  func,
              gpointer                 data,
              guint                   *n_rows,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(CrmQuery) own = NULL;
  CrmQuery *query = options->query;
  CrmPageKey key = { NULL, 0 };
  gboolean first = TRUE;
  guint n = 0;

  if (query == NULL)
    {
      query = own = crm_query_new (options->table);
      crm_query_set_sort (query, "rid", FALSE);
    }

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      CrmPageKey next = { NULL, 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          crm_page_key_clear (&key);
          return FALSE;
        }
      page = crm_store_query_page (store, query, first ? NULL : &key, PAGE, &next, error);
      crm_page_key_clear (&key);
      if (page == NULL)
        return FALSE;
      key = next;
      first = FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          if (!func (store, g_ptr_array_index (page, i), data, error))
            {
              crm_page_key_clear (&key);
              return FALSE;
            }
          n++;
        }
      if (page->len < PAGE)
        break;
    }
  crm_page_key_clear (&key);
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}

typedef struct
{
  CrmCsvWriter *writer;
  const Column *columns;
  guint         n_columns;
} CsvState;

static gboolean
write_csv_row (CrmStore   *store,
               CrmRecord  *record,
               gpointer    data,
               GError    **error)
{
  CsvState *state = data;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < state->n_columns; i++)
    {
      char *value = cell_value (store, record, &state->columns[i]);
      g_ptr_array_add (cells, value != NULL ? value : g_strdup (""));
    }
  return crm_csv_writer_write_row (state->writer, (const char *const *) cells->pdata,
                                   cells->len, error);
}

/**
 * crm_export_csv:
 * @store: a #CrmStore
 * @out: where to write
 * @options: table, delimiter, BOM, filter
 * @n_rows: (out) (optional): how many rows were written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes leads, contacts or clients as RFC 4180 CSV with translated
 * headers, phones pretty-printed, several phones or e-mails in one cell.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_export_csv (CrmStore                *store,
                GOutputStream           *out,
                const CrmExportOptions  *options,
                guint                   *n_rows,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  CsvState state;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  state.columns = columns_for (options->table, &state.n_columns);
  state.writer = crm_csv_writer_new (out, options->delimiter ? options->delimiter : ',', options->bom);

  for (guint i = 0; i < state.n_columns; i++)
    g_ptr_array_add (headers, (gpointer) crm_field_get_label (state.columns[i].field));
  if (!crm_csv_writer_write_row (state.writer, (const char *const *) headers->pdata,
                                 headers->len, error))
    {
      crm_csv_writer_free (state.writer);
      return FALSE;
    }

  ok = for_each_row (store, options, write_csv_row, &state, n_rows, cancellable, error);
  crm_csv_writer_free (state.writer);
  return ok && g_output_stream_flush (out, cancellable, error);
}

static CrmVcardValue *
vcard_value (const char *value,
             const char *type)
{
  CrmVcardValue *v = g_new0 (CrmVcardValue, 1);

  v->value = g_strdup (value);
  v->type = g_strdup (type);
  return v;
}

static void
vcard_value_free (gpointer data)
{
  CrmVcardValue *v = data;

  g_free (v->value);
  g_free (v->type);
  g_free (v);
}

static gboolean
write_vcard (CrmStore   *store,
             CrmRecord  *record,
             gpointer    data,
             GError    **error)
{
  GOutputStream *out = data;
  const char *tbl = crm_record_get_table (record);
  const char *id = crm_record_get_id (record);
  g_autoptr(GPtrArray) phones = crm_store_list_children (store, "phones", id, NULL);
  g_autoptr(GPtrArray) emails = crm_store_list_children (store, "emails", id, NULL);
  g_autofree char *text = NULL;
  g_autofree char *org = NULL;
  CrmVcard card = { 0 };

  if (g_strcmp0 (tbl, "clients") == 0)
    {
      card.fn = (char *) crm_record_get_text (record, "name");
      card.org = (char *) crm_record_get_text (record, "name");
      card.adr = (char *) crm_record_get_text (record, "address");
    }
  else
    {
      card.fn = (char *) crm_record_get_text (record, "full_name");
      card.last = (char *) crm_record_get_text (record, "last_name");
      card.first = (char *) crm_record_get_text (record, "first_name");
      card.middle = (char *) crm_record_get_text (record, "middle_name");
      card.title = (char *) crm_record_get_text (record, "job_title");
      if (g_strcmp0 (tbl, "contacts") == 0)
        card.org = org = lookup_name (store, "SELECT name FROM clients WHERE id = ?1",
                                      crm_record_get_text (record, "client_id"));
      else
        card.org = (char *) crm_record_get_text (record, "company");
    }
  if (card.fn == NULL)
    card.fn = card.org;
  card.note = (char *) crm_record_get_text (record, "note");
  card.url = (char *) crm_record_get_text (record, "website");
  card.uid = (char *) id;
  card.phones = g_ptr_array_new_with_free_func (vcard_value_free);
  card.emails = g_ptr_array_new_with_free_func (vcard_value_free);

  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      CrmRecord *p = g_ptr_array_index (phones, i);
      const char *label = crm_record_get_text (p, "label");
      const char *type = g_strcmp0 (label, "mobile") == 0 ? "cell" :
                         g_strcmp0 (label, "work") == 0 ? "work" :
                         g_strcmp0 (label, "home") == 0 ? "home" : "voice";
      const char *e164 = crm_record_get_text (p, "e164");

      g_ptr_array_add (card.phones, vcard_value (e164 ? e164 : crm_record_get_text (p, "raw"), type));
    }
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      CrmRecord *e = g_ptr_array_index (emails, i);
      g_ptr_array_add (card.emails, vcard_value (crm_record_get_text (e, "raw"), "internet"));
    }

  text = crm_vcard_to_string_30 (&card);
  g_ptr_array_unref (card.phones);
  g_ptr_array_unref (card.emails);

  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error);
}

/**
 * crm_export_vcard:
 * @store: a #CrmStore
 * @out: where to write
 * @options: the table and filter
 * @n_rows: (out) (optional): how many cards were written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes one vCard 3.0 per record, readable by phones and mail clients.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_export_vcard (CrmStore                *store,
                  GOutputStream           *out,
                  const CrmExportOptions  *options,
                  guint                   *n_rows,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  return for_each_row (store, options, write_vcard, out, n_rows, cancellable, error) &&
         g_output_stream_flush (out, cancellable, error);
}
