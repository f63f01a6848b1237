/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include "crm-csv.h"

#include <errno.h>
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

#define CHUNK_SIZE  (64 * 1024)
#define MAX_FIELD   (1024 * 1024)
#define MAX_RECORD  (16 * 1024 * 1024)
#define SNIFF_LINES 20

struct _CrmCsvReader
{
  GInputStream *stream;
  guint8       *chunk;        /* CHUNK_SIZE bytes of raw input */
  GIConv        conv;         /* to UTF-8; (GIConv) -1 while the input is UTF-8 */
  gsize         unit;         /* input bytes dropped after an invalid sequence */
  char         *encoding;
  gboolean      maybe_cp1251; /* "UTF-8" guessed from ASCII alone so far */
  char          delimiter;

  GByteArray   *pending;      /* raw bytes not decoded yet: a split character */
  GString      *buf;          /* decoded text from the current record on */
  gint64        buf_offset;   /* offset of buf->str[0] in all the decoded text */
  gsize         pos;          /* the parser's position in buf */
  gsize         rec_start;    /* the current record's start in buf */
  GArray       *bad;          /* gint64 offsets of the U+FFFD put for invalid input */
  guint         bad_next;     /* the first entry of bad at or after pos */
  gboolean      eof;
  GError       *io_error;

  guint         line;         /* physical line of the character at pos */
  gboolean      after_cr;     /* the last character consumed was a CR */
  guint         record_line;
  guint         bad_line;     /* line of the record's first invalid byte, or 0 */
  gint64        bytes_read;

  GPtrArray    *fields;
  GString      *field;
};

struct _CrmCsvWriter
{
  GOutputStream *out;
  char           delimiter;
  gboolean       bom;
  gboolean       started;
  GString       *line;
};

/* ---- Decoding ---- */

static void
put_replacement (CrmCsvReader *r)
{
  gint64 offset = r->buf_offset + (gint64) r->buf->len;

  g_array_append_val (r->bad, offset);
  g_string_append (r->buf, "\xef\xbf\xbd");
}

static gboolean
use_iconv (CrmCsvReader *r,
           const char   *encoding,
           gsize         unit)
{
  GIConv conv = g_iconv_open ("UTF-8", encoding);

  if (conv == (GIConv) -1)
    return FALSE;
  if (r->conv != (GIConv) -1)
    g_iconv_close (r->conv);
  r->conv = conv;
  r->unit = unit;
  g_free (r->encoding);
  r->encoding = g_strdup (encoding);
  r->maybe_cp1251 = FALSE;
  return TRUE;
}

/* Decodes r->pending onto r->buf. Without @final an incomplete character
 * at the end waits for the next chunk; with it, it is invalid. */
static void
decode (CrmCsvReader *r,
        gboolean      final)
{
  const char *data = (const char *) r->pending->data;
  gsize len = r->pending->len;
  gsize done = 0;

  while (done < len && r->conv == (GIConv) -1)
    {
      const char *start = data + done;
      const char *end = NULL;
      gunichar c;

      g_utf8_validate (start, len - done, &end);
      if (r->maybe_cp1251)
        for (const char *p = start; p < end; p++)
          if ((guchar) *p >= 0x80)
            {
              r->maybe_cp1251 = FALSE;
              break;
            }
      g_string_append_len (r->buf, start, end - start);
      done = end - data;
      if (done == len)
        break;

      if (*end != '\0')
        {
          c = g_utf8_get_char_validated (end, len - done);
          if (c == (gunichar) -2 && !final && len - done < 4 &&
              memchr (end, '\0', len - done) == NULL)
            break; /* the rest of the character comes with the next chunk */

          /* Only ASCII so far, and now a byte that is not UTF-8: the
           * file was Windows-1251 all along. */
          if (r->maybe_cp1251 && use_iconv (r, "WINDOWS-1251", 1))
            break;
        }
      put_replacement (r);
      done++;
    }

  if (done < len && r->conv != (GIConv) -1)
    {
      gchar *in = (gchar *) data + done;
      gsize in_left = len - done;

      while (in_left > 0)
        {
          gsize old = r->buf->len;
          gsize room = in_left * 3 + 16;
          gsize out_left = room;
          gchar *out;
          gsize rc;
          int saved_errno;

          g_string_set_size (r->buf, old + room);
          out = r->buf->str + old;
          rc = g_iconv (r->conv, &in, &in_left, &out, &out_left);
          saved_errno = errno;
          g_string_set_size (r->buf, old + (room - out_left));
          if (rc != (gsize) -1 || saved_errno == E2BIG)
            continue;
          if (saved_errno == EINVAL && !final)
            break;
          put_replacement (r);
          {
            gsize skip = MIN (r->unit, in_left);

            in += skip;
            in_left -= skip;
          }
        }
      done = len - in_left;
    }

  g_byte_array_remove_range (r->pending, 0, done);
}

/* Text before the current record is never looked at again. */
static void
discard_consumed (CrmCsvReader *r)
{
  guint dropped = 0;

  if (r->rec_start == 0)
    return;
  g_string_erase (r->buf, 0, r->rec_start);
  r->buf_offset += r->rec_start;
  r->pos -= r->rec_start;
  r->rec_start = 0;

  while (dropped < r->bad->len && g_array_index (r->bad, gint64, dropped) < r->buf_offset)
    dropped++;
  if (dropped > 0)
    {
      g_array_remove_range (r->bad, 0, dropped);
      r->bad_next -= MIN (r->bad_next, dropped);
    }
}

/* Decodes more input; FALSE when there is none (at the end, or after an
 * I/O error, kept in r->io_error). */
static gboolean
fill (CrmCsvReader *r)
{
  while (!r->eof)
    {
      gssize n;

      discard_consumed (r);
      n = g_input_stream_read (r->stream, r->chunk, CHUNK_SIZE, NULL, &r->io_error);
      if (n <= 0)
        {
          r->eof = TRUE;
          if (n == 0 && r->pending->len > 0)
            decode (r, TRUE);
          break;
        }
      r->bytes_read += n;
      g_byte_array_append (r->pending, r->chunk, n);
      decode (r, FALSE);
      if (r->pos < r->buf->len)
        return TRUE;
    }
  return r->pos < r->buf->len;
}

/* ---- Sniffing ---- */

/* UTF-8 unless invalid sequences are at least as many as valid multibyte
 * ones: Windows-1251 Cyrillic seldom forms valid UTF-8 by chance. */
static const char *
sniff_encoding (const guint8 *data,
                gsize         len,
                gboolean     *ascii_only)
{
  const char *p = (const char *) data;
  const char *end = p + len;
  guint valid = 0;
  guint invalid = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -2 && end - p < 4 && memchr (p, '\0', end - p) == NULL)
        break; /* cut by the end of the chunk */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          invalid++;
          p++;
        }
      else
        {
          valid++;
          p = g_utf8_next_char (p);
        }
    }
  *ascii_only = valid == 0 && invalid == 0;
  return invalid > 0 && invalid >= valid ? "WINDOWS-1251" : "UTF-8";
}

/* Counts @delimiter per line outside quoted fields. */
static guint
count_per_line (const char *text,
                gsize       len,
                char        delimiter,
                guint      *counts)
{
  guint n_lines = 0;
  gboolean quoted = FALSE;
  gboolean field_start = TRUE;
  gboolean empty_line = TRUE;

  memset (counts, 0, sizeof (guint) * SNIFF_LINES);
  for (gsize i = 0; i < len && n_lines < SNIFF_LINES; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"')
            {
              if (i + 1 < len && text[i + 1] == '"')
                i++;
              else
                quoted = FALSE;
            }
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
          if (!empty_line)
            n_lines++;
          empty_line = TRUE;
          field_start = TRUE;
          continue;
        }
      empty_line = FALSE;
      if (c == '"' && field_start)
        quoted = TRUE;
      else if (c == delimiter)
        {
          counts[n_lines]++;
          field_start = TRUE;
          continue;
        }
      field_start = FALSE;
    }
  /* A last line cut by the chunk's end counts only when it is the only one. */
  if (n_lines == 0 && !empty_line)
    n_lines = 1;
  return n_lines;
}

/* The candidate whose count per line is the most consistent with the first
 * line's, then the most frequent; ',' when none occurs. */
static char
sniff_delimiter (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ';', ',', '\t', '|' };
  guint best_score = 0;
  char best = ',';

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint counts[SNIFF_LINES];
      guint n_lines = count_per_line (text, len, candidates[k], counts);
      guint consistent = 0;
      guint score;

      if (n_lines == 0 || counts[0] == 0)
        continue;
      for (guint i = 0; i < n_lines; i++)
        if (counts[i] == counts[0])
          consistent++;
      score = consistent * 1000 + MIN (counts[0], 999);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[k];
        }
    }
  return best;
}

/* ---- Parsing ---- */

static inline int
peek (CrmCsvReader *r)
{
  if (r->pos >= r->buf->len && !fill (r))
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
      if (!use_iconv (r, encoding, 2))
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

      encoding = sniff_encoding (r->chunk, n, &ascii_only);
      r->encoding = g_strdup ("UTF-8");
      if (strcmp (encoding, "UTF-8") != 0 && !use_iconv (r, encoding, 1))
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Cannot read text in %s"), encoding);
          return NULL;
        }
      r->maybe_cp1251 = ascii_only;
    }

  g_byte_array_append (r->pending, r->chunk + skip, n - skip);
  decode (r, r->eof);
  r->delimiter = sniff_delimiter (r->buf->str, r->buf->len);
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
