/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdint.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-error.h"
#include "crm-fields.h"

/* Reads every record as the importer does (going on after errors), maps
 * the header, and checks that:
 *  - a stream handing out a few bytes per read gives the same records,
 *  - each record written with the writer reads back the same. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_RECORDS 10000

/* ---- A stream with short reads ---- */

#define FUZZ_TYPE_TRICKLE (fuzz_trickle_get_type ())
G_DECLARE_FINAL_TYPE (FuzzTrickle, fuzz_trickle, FUZZ, TRICKLE, GInputStream)

struct _FuzzTrickle
{
  GInputStream   parent_instance;
  const guint8  *data;
  gsize          size;
  gsize          pos;
  gsize          step;
};

G_DEFINE_FINAL_TYPE (FuzzTrickle, fuzz_trickle, G_TYPE_INPUT_STREAM)

static gssize
fuzz_trickle_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  FuzzTrickle *self = FUZZ_TRICKLE (stream);
  gsize n = MIN (MIN (count, self->step), self->size - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

static void
fuzz_trickle_class_init (FuzzTrickleClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = fuzz_trickle_read;
}

static void
fuzz_trickle_init (FuzzTrickle *self)
{
}

/* ---- Checks ---- */

static void
check_roundtrip (GPtrArray *fields,
                 char       delimiter)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvWriter) w = crm_csv_writer_new (out, delimiter, FALSE);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(CrmCsvReader) r = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *back = NULL;

  if (!crm_csv_writer_write_row (w, (const char *const *) fields->pdata, fields->len, NULL))
    __builtin_trap ();
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  in = g_memory_input_stream_new_from_bytes (bytes);
  r = crm_csv_reader_new (in, NULL);
  if (r == NULL)
    __builtin_trap ();
  crm_csv_reader_set_delimiter (r, delimiter);
  if (!crm_csv_reader_next (r, &back, NULL))
    __builtin_trap ();
  if (back->len != fields->len)
    __builtin_trap ();
  for (guint i = 0; i < fields->len; i++)
    if (strcmp (g_ptr_array_index (back, i), g_ptr_array_index (fields, i)) != 0)
      __builtin_trap ();
  if (crm_csv_reader_next (r, &back, NULL))
    __builtin_trap ();
}

/* Every record as "LINE:a\x1fb\n", every error as "LINE!CODE\n". */
static char *
read_all (GInputStream *in,
          gboolean      check)
{
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new (in, NULL);
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvWriter) writer = NULL;
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  if (reader == NULL)
    return g_string_free (out, FALSE);
  writer = crm_csv_writer_new (sink, crm_csv_reader_get_delimiter (reader), TRUE);

  for (guint i = 0; i < MAX_RECORDS; i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *fields = NULL;

      if (!crm_csv_reader_next (reader, &fields, &error))
        {
          if (error == NULL)
            break;
          if (error->domain != CRM_PARSE_ERROR)
            __builtin_trap ();
          g_string_append_printf (out, "%u!%d\n", crm_csv_reader_get_line (reader), error->code);
          continue;
        }

      g_string_append_printf (out, "%u:", crm_csv_reader_get_line (reader));
      for (guint j = 0; j < fields->len; j++)
        {
          const char *f = g_ptr_array_index (fields, j);

          if (!g_utf8_validate (f, -1, NULL))
            __builtin_trap ();
          g_string_append_printf (out, "%s%s", j > 0 ? "\x1f" : "", f);
        }
      g_string_append_c (out, '\n');

      if (!check)
        continue;
      if (first)
        {
          g_autofree CrmField *guessed = crm_field_guess_all ((const char *const *) fields->pdata, fields->len);
          g_autofree CrmField *explicit = NULL;
          g_autoptr(GError) map_error = NULL;

          /* The first cell as a mapping spec, whatever it holds. */
          if (fields->len > 0 &&
              !crm_field_parse_mapping (g_ptr_array_index (fields, 0), (const char *const *) fields->pdata,
                                        fields->len, &explicit, &map_error) &&
              !g_error_matches (map_error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER))
            __builtin_trap ();
          for (guint j = 0; j < fields->len; j++)
            if ((guint) guessed[j] >= CRM_N_FIELDS || (explicit != NULL && (guint) explicit[j] >= CRM_N_FIELDS))
              __builtin_trap ();
          first = FALSE;
        }
      crm_csv_writer_write_row (writer, (const char *const *) fields->pdata, fields->len, NULL);
      check_roundtrip (fields, crm_csv_reader_get_delimiter (reader));
    }
  crm_csv_reader_get_bytes_read (reader);
  crm_csv_reader_get_encoding (reader);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) whole = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(FuzzTrickle) trickle = g_object_new (FUZZ_TYPE_TRICKLE, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  trickle->data = data;
  trickle->size = size;
  trickle->step = size > 0 ? data[0] % 7 + 1 : 1;

  a = read_all (whole, TRUE);
  b = read_all (G_INPUT_STREAM (trickle), FALSE);
  if (strcmp (a, b) != 0)
    __builtin_trap ();
  return 0;
}
