/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdint.h>

#include "crm-csv.h"
#include "crm-fields.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Reads every record, going on after errors as the importer does, guesses
 * the header mapping, and writes the records back out. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(CrmCsvWriter) writer = NULL;
  gboolean first = TRUE;

  reader = crm_csv_reader_new (in, NULL);
  if (reader == NULL)
    return 0;
  writer = crm_csv_writer_new (out, crm_csv_reader_get_delimiter (reader), TRUE);

  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *fields = NULL;

      if (!crm_csv_reader_next (reader, &fields, &error))
        {
          if (error == NULL)
            break;
          continue;
        }
      if (first)
        {
          g_autofree CrmField *mapping = crm_field_guess_all ((const char *const *) fields->pdata, fields->len);
          first = FALSE;
        }
      crm_csv_writer_write_row (writer, (const char *const *) fields->pdata, fields->len, NULL);
    }
  return 0;
}
