/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import"

#include "config.h"

#include "crm-import-private.h"

#include <glib/gi18n-lib.h>

#include "crm-csv.h"
#include "crm-fields.h"
#include "crm-vcard.h"

/* The sources of an import: CSV records or vCards, read streaming, each
 * turned into a Row and handed to crm_import_apply_row(). Parse errors
 * are reported by line and reading goes on, unless the import is strict. */

#define PROGRESS_EVERY 1000

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CANCELLED,
                           _("The import was cancelled; nothing was imported"));
      return TRUE;
    }
  return FALSE;
}

gboolean
crm_import_run_csv (Import             *imp,
         GInputStream       *stream,
         gint64              size,
         GCancellable       *cancellable,
         CrmImportProgress   progress,
         gpointer            user_data,
         GError            **error)
{
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autofree CrmField *fields = NULL;
  GPtrArray *cells = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_headers;

  if (!(reader = crm_csv_reader_new (stream, error)))
    return FALSE;
  if (imp->options->delimiter != 0)
    crm_csv_reader_set_delimiter (reader, imp->options->delimiter);

  if (!crm_csv_reader_next (reader, &cells, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER,
                     _("The file is empty: no header row"));
      return FALSE;
    }

  n_headers = cells->len;
  {
    g_autoptr(GPtrArray) headers = g_ptr_array_new ();

    for (guint i = 0; i < n_headers; i++)
      g_ptr_array_add (headers, g_ptr_array_index (cells, i));
    g_ptr_array_add (headers, NULL);
    imp->report->headers = g_strdupv ((GStrv) headers->pdata);
  }

  if (imp->options->mapping != NULL)
    {
      if (!crm_field_parse_mapping (imp->options->mapping,
                                    (const char *const *) imp->report->headers,
                                    n_headers, &fields, error))
        return FALSE;
    }
  else
    fields = crm_field_guess_all ((const char *const *) imp->report->headers, n_headers);

  {
    gboolean any = FALSE;

    imp->report->mapping = g_new0 (char *, n_headers + 1);
    for (guint i = 0; i < n_headers; i++)
      {
        imp->report->mapping[i] = g_strdup (fields[i] == CRM_FIELD_NONE ? "" : crm_field_get_key (fields[i]));
        any |= fields[i] != CRM_FIELD_NONE;
      }
    if (!any)
      {
        g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER,
                     _("Line 1: no column could be matched to a field; give a mapping"));
        return FALSE;
      }
  }
  imp->report->encoding = g_strdup (crm_csv_reader_get_encoding (reader));
  imp->report->delimiter = crm_csv_reader_get_delimiter (reader);

  for (;;)
    {
      Row row;
      gboolean ok;

      g_clear_error (&local_error);
      if (!crm_csv_reader_next (reader, &cells, &local_error))
        {
          if (local_error == NULL)
            break;
          if (local_error->domain == G_IO_ERROR || imp->options->strict)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          imp->report->rows_total++;
          crm_import_add_problem (imp, crm_csv_reader_get_line (reader), local_error->message);
          continue;
        }

      crm_import_row_init (&row, crm_csv_reader_get_line (reader));
      {
        gboolean blank = TRUE;

        for (guint i = 0; i < cells->len; i++)
          {
            const char *cell = g_ptr_array_index (cells, i);

            if (i < n_headers)
              crm_import_row_set (&row, fields[i], cell);
            if (*cell != '\0')
              blank = FALSE;
          }
        if (blank)
          {
            crm_import_row_clear (&row);
            continue;
          }
      }
      ok = crm_import_apply_row (imp, &row, error);
      crm_import_row_clear (&row);
      if (!ok)
        return FALSE;

      if (imp->report->rows_total % PROGRESS_EVERY == 0)
        {
          if (cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (crm_csv_reader_get_bytes_read (reader), size,
                      imp->report->rows_total, user_data);
        }
    }
  if (progress != NULL)
    progress (size, size, imp->report->rows_total, user_data);
  return !cancelled (cancellable, error);
}

gboolean
crm_import_run_vcard (Import             *imp,
           GInputStream       *stream,
           gint64              size,
           GCancellable       *cancellable,
           CrmImportProgress   progress,
           gpointer            user_data,
           GError            **error)
{
  g_autoptr(CrmVcardReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(reader = crm_vcard_reader_new (stream, error)))
    return FALSE;
  imp->report->encoding = g_strdup ("vCard");

  for (;;)
    {
      g_autoptr(CrmVcard) card = NULL;
      Row row;
      gboolean ok;

      g_clear_error (&local_error);
      if (!crm_vcard_reader_next (reader, &card, &local_error))
        {
          if (local_error == NULL)
            break;
          if (local_error->domain == G_IO_ERROR || imp->options->strict)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          imp->report->rows_total++;
          crm_import_add_problem (imp, 0, local_error->message);
          continue;
        }

      crm_import_row_init (&row, card->line);
      crm_import_row_from_vcard (&row, card);
      ok = crm_import_apply_row (imp, &row, error);
      crm_import_row_clear (&row);
      if (!ok)
        return FALSE;

      if (imp->report->rows_total % PROGRESS_EVERY == 0 && cancelled (cancellable, error))
        return FALSE;
    }
  if (progress != NULL)
    progress (size, size, imp->report->rows_total, user_data);
  return !cancelled (cancellable, error);
}
