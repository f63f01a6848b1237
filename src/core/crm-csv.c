/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include "crm-csv.h"
#include "crm-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"

/* A streaming RFC 4180 reader, 64 KiB of input at a time.
 *
 * The first chunk decides the encoding: a UTF-8 or UTF-16 byte order mark,
 * else UTF-8 when the text reads as UTF-8, else Windows-1251 as Russian
 * Excel writes it. Everything after decoding works on UTF-8 text kept from
 * the start of the current record on, so memory is bounded by the largest
 * record (MAX_RECORD) and a bad record can be re-read from its second line.
 *
 * Invalid input is not reported where it is decoded, which is ahead of the
 * parser, but where the parser reaches it: the decoder puts U+FFFD in its
 * place and notes the offset, and the record holding it fails with the
 * line of the bad byte. */

#define MAX_FIELD   (1024 * 1024)
#define MAX_RECORD  (16 * 1024 * 1024)

struct _CrmCsvWriter
{
  GOutputStream *out;
  char           delimiter;
  gboolean       bom;
  gboolean       started;
  GString       *line;
};

/* ---- Parsing ---- */

static inline int
peek (CrmCsvReader *r)
{
  if (r->pos >= r->buf->len && !crm_csv_fill (r))
    return -1;
  return (guchar) r->buf->str[r->pos];
}

static inline void
advance (CrmCsvReader *r)
{
  char c = r->buf->str[r->pos];

  if (G_UNLIKELY (r->bad_next < r->bad->len) &&
      g_array_index (r->bad, gint64, r->bad_next) == r->buf_offset + (gint64) r->pos)
    {
      r->bad_next++;
      if (r->bad_line == 0)
        r->bad_line = r->line;
    }
  else if (G_UNLIKELY (c == '\0') && r->bad_line == 0)
    r->bad_line = r->line; /* a NUL would cut the field short */

  if (c == '\n')
    {
      if (!r->after_cr)
        r->line++;
    }
  else if (c == '\r')
    r->line++;
  r->after_cr = c == '\r';
  r->pos++;
}

static void
find_bad_next (CrmCsvReader *r)
{
  gint64 here = r->buf_offset + (gint64) r->pos;

  r->bad_next = 0;
  while (r->bad_next < r->bad->len && g_array_index (r->bad, gint64, r->bad_next) < here)
    r->bad_next++;
}

/* After a bad record, go on at the line after the one it started on: an
 * unclosed quote swallows the lines after it, and they are most likely
 * good records. */
static void
resync (CrmCsvReader *r)
{
  for (gsize i = r->rec_start; i < r->pos; i++)
    {
      char c = r->buf->str[i];

      if (c == '\n' || c == '\r')
        {
          r->pos = i + 1;
          r->line = r->record_line + 1;
          r->after_cr = c == '\r';
          find_bad_next (r);
          return;
        }
    }

  /* Still on the first line: skip to its end. */
  for (;;)
    {
      int c = peek (r);

      if (c < 0)
        return;
      advance (r);
      if (c == '\n' || c == '\r')
        return;
    }
}

static gboolean
check_record_size (CrmCsvReader  *r,
                   GError       **error)
{
  if (G_LIKELY (r->pos - r->rec_start <= MAX_RECORD))
    return TRUE;
  g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
               _("Line %u: record longer than %u bytes"), r->record_line, MAX_RECORD);
  return FALSE;
}

static gboolean
append (CrmCsvReader  *r,
        char           c,
        GError       **error)
{
  if (G_UNLIKELY (r->field->len >= MAX_FIELD))
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                   _("Line %u: field longer than %u bytes"), r->record_line, MAX_FIELD);
      return FALSE;
    }
  g_string_append_c (r->field, c);
  return check_record_size (r, error);
}

static gboolean
take_io_error (CrmCsvReader  *r,
               GError       **error)
{
  if (r->io_error == NULL)
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&r->io_error));
  return TRUE;
}

/* Moves a run of ordinary bytes (no quote in a quoted field, no delimiter
 * outside one, no line break, NUL or invalid input) into the field at
 * once: most of a file is such runs. Returns how many, or -1 on error. */
static gssize
take_run (CrmCsvReader  *r,
          gboolean       quoted,
          GError       **error)
{
  const char *p = r->buf->str + r->pos;
  gsize limit = r->buf->len - r->pos;
  char stop = quoted ? '"' : r->delimiter;
  gsize n = 0;

  if (r->bad_next < r->bad->len)
    {
      gint64 bad = g_array_index (r->bad, gint64, r->bad_next) - (r->buf_offset + (gint64) r->pos);

      limit = MIN (limit, (gsize) bad);
    }
  while (n < limit && p[n] != stop && p[n] != '\n' && p[n] != '\r' && p[n] != '\0')
    n++;
  if (n == 0)
    return 0;
  if (r->field->len + n > MAX_FIELD)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                   _("Line %u: field longer than %u bytes"), r->record_line, MAX_FIELD);
      return -1;
    }
  g_string_append_len (r->field, p, n);
  r->pos += n;
  r->after_cr = FALSE;
  return check_record_size (r, error) ? (gssize) n : -1;
}

/* A quoted field, the opening quote consumed. */
static gboolean
read_quoted (CrmCsvReader  *r,
             GError       **error)
{
  gboolean multiline = FALSE;
  int c;

  for (;;)
    {
      gssize run;

      c = peek (r);
      if (c >= 0 && (run = take_run (r, TRUE, error)) != 0)
        {
          if (run < 0)
            return FALSE;
          continue;
        }
      if (c < 0)
        {
          if (!take_io_error (r, error))
            g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                         _("Line %u: a quoted field is not closed"), r->record_line);
          return FALSE;
        }
      advance (r);
      if (c == '"')
        {
          if (peek (r) != '"')
            break;
          advance (r);
        }
      else if (c == '\n' || c == '\r')
        multiline = TRUE;
      if (!append (r, c, error))
        return FALSE;
    }

  /* Spaces after the closing quote are tolerated, nothing else is. */
  while ((c = peek (r)) == ' ' || c == '\t')
    {
      if (c == r->delimiter)
        break;
      advance (r);
    }
  if (c >= 0 && c != r->delimiter && c != '\n' && c != '\r')
    {
      /* Text after a quote that spanned lines: more likely a quote never
       * closed, and closed by chance by a quote on a later line. */
      if (multiline)
        g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                     _("Line %u: a quoted field is not closed"), r->record_line);
      else
        g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                     _("Line %u: unexpected text after a closing quote"), r->record_line);
      return FALSE;
    }
  return TRUE;
}

/* An unquoted field: quotes inside it are plain text. */
static gboolean
read_plain (CrmCsvReader  *r,
            GError       **error)
{
  int c;

  while ((c = peek (r)) >= 0 && c != r->delimiter && c != '\n' && c != '\r')
    {
      gssize run = take_run (r, FALSE, error);

      if (run < 0)
        return FALSE;
      if (run > 0)
        continue;
      advance (r);
      if (!append (r, c, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Reader API ---- */

/**
 * crm_csv_reader_new:
 * @stream: the file's contents
 * @error: return location for a #GError
 *
 * Reads the first 64 KiB to detect the encoding (a UTF-8 or UTF-16 byte
 * order mark, else UTF-8, else Windows-1251) and the delimiter (`;`, `,`,
 * tab or `|`, the one most consistent over the first lines).
 *
 * Returns: (transfer full): a reader, or %NULL with @error set
 */
CrmCsvReader *
crm_csv_reader_new (GInputStream  *stream,
                    GError       **error)
{
  g_autoptr(CrmCsvReader) r = NULL;
  const char *encoding;
  gsize n = 0;
  gsize skip = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r = g_new0 (CrmCsvReader, 1);
  r->stream = g_object_ref (stream);
  r->chunk = g_malloc (CHUNK_SIZE);
  r->conv = (GIConv) -1;
  r->unit = 1;
  r->pending = g_byte_array_new ();
  r->buf = g_string_new (NULL);
  r->bad = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->fields = g_ptr_array_new_with_free_func (g_free);
  r->field = g_string_new (NULL);
  r->line = 1;
  r->record_line = 1;

  /* The whole first chunk, short reads and all. */
  while (n < CHUNK_SIZE)
    {
      gssize got = g_input_stream_read (stream, r->chunk + n, CHUNK_SIZE - n, NULL, error);

      if (got < 0)
        return NULL;
      if (got == 0)
        {
          r->eof = TRUE;
          break;
        }
      n += got;
    }
  r->bytes_read = n;

  if (n >= 3 && memcmp (r->chunk, "\xef\xbb\xbf", 3) == 0)
    {
      r->encoding = g_strdup ("UTF-8-BOM");
      skip = 3;
    }
  else if (n >= 2 && (memcmp (r->chunk, "\xff\xfe", 2) == 0 || memcmp (r->chunk, "\xfe\xff", 2) == 0))
    {
      encoding = r->chunk[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      if (!crm_csv_use_iconv (r, encoding, 2))
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Cannot read text in %s"), encoding);
          return NULL;
        }
      skip = 2;
    }
  else
    {
      gboolean ascii_only = FALSE;

      encoding = crm_csv_sniff_encoding (r->chunk, n, &ascii_only);
      r->encoding = g_strdup ("UTF-8");
      if (strcmp (encoding, "UTF-8") != 0 && !crm_csv_use_iconv (r, encoding, 1))
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Cannot read text in %s"), encoding);
          return NULL;
        }
      r->maybe_cp1251 = ascii_only;
    }

  g_byte_array_append (r->pending, r->chunk + skip, n - skip);
  crm_csv_decode (r, r->eof);
  r->delimiter = crm_csv_sniff_delimiter (r->buf->str, r->buf->len);
  return g_steal_pointer (&r);
}

/**
 * crm_csv_reader_free:
 * @r: (nullable): a reader
 *
 * Frees @r; the stream is unreferenced, not closed.
 */
void
crm_csv_reader_free (CrmCsvReader *r)
{
  if (r == NULL)
    return;
  g_clear_object (&r->stream);
  g_free (r->chunk);
  if (r->conv != (GIConv) -1)
    g_iconv_close (r->conv);
  g_free (r->encoding);
  g_clear_pointer (&r->pending, g_byte_array_unref);
  if (r->buf != NULL)
    g_string_free (r->buf, TRUE);
  g_clear_pointer (&r->bad, g_array_unref);
  g_clear_error (&r->io_error);
  g_clear_pointer (&r->fields, g_ptr_array_unref);
  if (r->field != NULL)
    g_string_free (r->field, TRUE);
  g_free (r);
}

/**
 * crm_csv_reader_set_delimiter:
 * @r: a reader
 * @delimiter: the field separator to use instead of the sniffed one
 *
 * Forces the delimiter, for the records read from now on.
 */
void
crm_csv_reader_set_delimiter (CrmCsvReader *r,
                              char          delimiter)
{
  g_return_if_fail (r != NULL);
  g_return_if_fail (delimiter != '\0' && delimiter != '"' && delimiter != '\n' && delimiter != '\r');

  r->delimiter = delimiter;
}

/**
 * crm_csv_reader_get_delimiter:
 * @r: a reader
 *
 * Returns: the field separator, sniffed or forced
 */
char
crm_csv_reader_get_delimiter (CrmCsvReader *r)
{
  g_return_val_if_fail (r != NULL, ',');

  return r->delimiter;
}

/**
 * crm_csv_reader_get_encoding:
 * @r: a reader
 *
 * The detected encoding: "UTF-8", "UTF-8-BOM", "WINDOWS-1251", "UTF-16LE"
 * or "UTF-16BE". A file whose first 64 KiB are ASCII is taken for UTF-8
 * until a byte says it is Windows-1251, so the value can change then.
 *
 * Returns: (transfer none): the encoding's name
 */
const char *
crm_csv_reader_get_encoding (CrmCsvReader *r)
{
  g_return_val_if_fail (r != NULL, NULL);

  return r->encoding;
}

/**
 * crm_csv_reader_get_line:
 * @r: a reader
 *
 * Returns: the physical line (1-based) where the record last read, or
 *   last failed, started: records can span lines inside quotes
 */
guint
crm_csv_reader_get_line (CrmCsvReader *r)
{
  g_return_val_if_fail (r != NULL, 0);

  return r->record_line;
}

/**
 * crm_csv_reader_get_bytes_read:
 * @r: a reader
 *
 * Returns: how many bytes were read from the stream so far, for progress
 *   against the file's size; reading runs up to 64 KiB ahead of the records
 */
gint64
crm_csv_reader_get_bytes_read (CrmCsvReader *r)
{
  g_return_val_if_fail (r != NULL, 0);

  return r->bytes_read;
}

/**
 * crm_csv_reader_next:
 * @r: a reader
 * @fields_out: (out) (transfer none) (element-type utf8): the record's
 *   fields, valid until the next call
 * @error: return location for a #GError
 *
 * Reads one record: quoted fields with `""` escapes and line breaks, CRLF,
 * LF or CR line ends, a missing final line end; `a;b;` gives three fields
 * and an empty line one empty field. A quote inside an unquoted field is
 * plain text; text after a closing quote (but spaces) is an error.
 *
 * Errors are in %CRM_PARSE_ERROR and name the line; %G_IO_ERROR comes from
 * the stream. After a %CRM_PARSE_ERROR the reader goes on, so an importer
 * can report every bad row and keep the good ones: after
 * %CRM_PARSE_ERROR_ENCODING (the record was read whole) at the next record,
 * after %CRM_PARSE_ERROR_SYNTAX and %CRM_PARSE_ERROR_TOO_LARGE at the line
 * after the one where the bad record started, since an unclosed quote most
 * likely swallowed the good lines that follow it.
 *
 * Returns: %TRUE with a record; %FALSE at the end (@error unset) or on
 *   error
 */
gboolean
crm_csv_reader_next (CrmCsvReader  *r,
                     GPtrArray    **fields_out,
                     GError       **error)
{
  int c;

  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (fields_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields_out = NULL;
  g_ptr_array_set_size (r->fields, 0);
  g_string_truncate (r->field, 0);

  /* The LF of a CRLF that a resync left behind its CR. */
  if (r->after_cr && peek (r) == '\n')
    advance (r);

  r->rec_start = r->pos;
  r->record_line = r->line;
  r->bad_line = 0;

  if (peek (r) < 0)
    {
      take_io_error (r, error);
      return FALSE;
    }

  for (;;)
    {
      gboolean ok;

      if (peek (r) == '"')
        {
          advance (r);
          ok = read_quoted (r, error);
        }
      else
        ok = read_plain (r, error);
      if (!ok)
        {
          if (error == NULL || *error == NULL || (*error)->domain == CRM_PARSE_ERROR)
            resync (r);
          return FALSE;
        }

      g_ptr_array_add (r->fields, g_strndup (r->field->str, r->field->len));
      g_string_truncate (r->field, 0);

      c = peek (r);
      if (c >= 0 && c == r->delimiter)
        {
          advance (r);
          if (!check_record_size (r, error))
            {
              resync (r);
              return FALSE;
            }
          continue;
        }
      if (c == '\r')
        {
          advance (r);
          if (peek (r) == '\n')
            advance (r);
        }
      else if (c == '\n')
        advance (r);
      break;
    }

  if (take_io_error (r, error))
    return FALSE;
  if (r->bad_line != 0)
    {
      if (strcmp (r->encoding, "UTF-8") == 0 || strcmp (r->encoding, "UTF-8-BOM") == 0)
        g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                     _("Line %u: invalid UTF-8 text"), r->bad_line);
      else
        g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                     _("Line %u: text not in %s"), r->bad_line, r->encoding);
      return FALSE;
    }

  *fields_out = r->fields;
  return TRUE;
}

/* ---- Writer ---- */

/**
 * crm_csv_writer_new:
 * @out: where to write
 * @delimiter: the field separator, `,` when 0
 * @bom: whether to start with a UTF-8 byte order mark (Excel needs it to
 *   read UTF-8)
 *
 * Returns: (transfer full): a writer
 */
CrmCsvWriter *
crm_csv_writer_new (GOutputStream *out,
                    char           delimiter,
                    gboolean       bom)
{
  CrmCsvWriter *w;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r', NULL);

  w = g_new0 (CrmCsvWriter, 1);
  w->out = g_object_ref (out);
  w->delimiter = delimiter != '\0' ? delimiter : ',';
  w->bom = bom;
  w->line = g_string_new (NULL);
  return w;
}

/**
 * crm_csv_writer_free:
 * @w: (nullable): a writer
 *
 * Frees @w; the stream is unreferenced, neither flushed nor closed.
 */
void
crm_csv_writer_free (CrmCsvWriter *w)
{
  if (w == NULL)
    return;
  g_clear_object (&w->out);
  g_string_free (w->line, TRUE);
  g_free (w);
}

static gboolean
needs_quotes (const char *f,
              char        delimiter)
{
  gsize len = strlen (f);

  if (len == 0)
    return FALSE;
  /* Edge spaces would be trimmed by Excel; a leading U+FEFF would be
   * taken for a byte order mark. */
  if (f[0] == ' ' || f[0] == '\t' || f[len - 1] == ' ' || f[len - 1] == '\t' ||
      g_str_has_prefix (f, "\xef\xbb\xbf"))
    return TRUE;
  for (const char *p = f; *p; p++)
    if (*p == delimiter || *p == '"' || *p == '\n' || *p == '\r')
      return TRUE;
  return FALSE;
}

/**
 * crm_csv_writer_write_row:
 * @w: a writer
 * @fields: (array length=n): the cells, %NULL for empty ones
 * @n: how many
 * @error: return location for a #GError
 *
 * Writes one record ending in CRLF, as Excel expects, quoting a cell when
 * it holds the delimiter, a quote or a line break, or starts or ends with
 * a space.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_csv_writer_write_row (CrmCsvWriter       *w,
                          const char *const  *fields,
                          guint               n,
                          GError            **error)
{
  GString *line;

  g_return_val_if_fail (w != NULL, FALSE);
  g_return_val_if_fail (fields != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  line = w->line;
  g_string_truncate (line, 0);
  if (!w->started && w->bom)
    g_string_append (line, "\xef\xbb\xbf");
  w->started = TRUE;

  for (guint i = 0; i < n; i++)
    {
      const char *f = fields[i] != NULL ? fields[i] : "";

      if (i > 0)
        g_string_append_c (line, w->delimiter);
      if (!needs_quotes (f, w->delimiter))
        {
          g_string_append (line, f);
          continue;
        }
      g_string_append_c (line, '"');
      for (const char *p = f; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  g_string_append (line, "\r\n");

  return g_output_stream_write_all (w->out, line->str, line->len, NULL, NULL, error);
}
