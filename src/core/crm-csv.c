/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include "crm-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"

/* A streaming RFC 4180 reader: 64 KiB at a time, whatever the file's size.
 * The encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
 * Windows-1251 as Russian Excel writes it) and the delimiter are sniffed
 * from the first chunk. Everything past the sniffing works on UTF-8. */

#define CHUNK (64 * 1024)
#define MAX_FIELD (1024 * 1024)
#define MAX_RECORD (16 * 1024 * 1024)

struct _CrmCsvReader
{
  GInputStream *stream;
  GIConv        conv;
  char         *encoding;
  char          delimiter;

  GString      *buf;       /* decoded UTF-8 not consumed yet */
  gsize         pos;
  gboolean      eof;
  GByteArray   *pending;   /* undecoded tail (a split multibyte sequence) */

  guint         line;      /* physical line of the next character */
  guint         record_line;
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
};

static gboolean decode_pending (CrmCsvReader  *r,
                                GError       **error);

static gboolean
read_chunk (CrmCsvReader  *r,
            GError       **error)
{
  guint8 raw[8192];
  gssize n;

  if (r->eof)
    return TRUE;

  /* Small reads keep the stack small; the stream buffers underneath. */
  n = g_input_stream_read (r->stream, raw, sizeof raw, NULL, error);
  if (n < 0)
    {
      r->eof = TRUE; /* an I/O error ends the file: no retry loops */
      return FALSE;
    }
  if (n == 0)
    {
      r->eof = TRUE;
      if (r->pending->len > 0)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Line %u: the file ends in the middle of a character"), r->line);
          return FALSE;
        }
      return TRUE;
    }
  r->bytes_read += n;
  g_byte_array_append (r->pending, raw, n);
  return decode_pending (r, error);
}

static gboolean
decode_pending (CrmCsvReader  *r,
                GError       **error)
{
  /* Drop what was consumed before appending, so memory stays constant. */
  if (r->pos > 0)
    {
      g_string_erase (r->buf, 0, r->pos);
      r->pos = 0;
    }

  if (r->conv == (GIConv) -1)
    {
      const char *end = NULL;
      gsize valid;

      /* Keep an incomplete trailing sequence for the next chunk. */
      if (!g_utf8_validate ((const char *) r->pending->data, r->pending->len, &end))
        {
          valid = end - (const char *) r->pending->data;
          if (r->pending->len - valid >= 4 ||
              g_utf8_get_char_validated (end, r->pending->len - valid) == (gunichar) -1)
            {
              guint line = r->line;

              for (gsize i = r->pos; i < r->buf->len; i++)
                if (r->buf->str[i] == '\n')
                  line++;
              for (gsize i = 0; i < valid; i++)
                if (r->pending->data[i] == '\n')
                  line++;
              g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                           _("Line %u: invalid UTF-8 text"), line);
              /* Drop the bad byte so reading can go on after the report. */
              g_string_append_len (r->buf, (const char *) r->pending->data, valid);
              g_byte_array_remove_range (r->pending, 0, valid + 1);
              return FALSE;
            }
        }
      else
        valid = r->pending->len;
      g_string_append_len (r->buf, (const char *) r->pending->data, valid);
      g_byte_array_remove_range (r->pending, 0, valid);
    }
  else
    {
      gchar *in = (gchar *) r->pending->data;
      gsize in_left = r->pending->len;
      char out[4096];

      while (in_left > 0)
        {
          gchar *outp = out;
          gsize out_left = sizeof out;
          gsize rc = g_iconv (r->conv, &in, &in_left, &outp, &out_left);

          g_string_append_len (r->buf, out, outp - out);
          if (rc == (gsize) -1)
            {
              if (errno == EINVAL)
                break; /* incomplete sequence at the end: wait for more */
              if (errno == E2BIG)
                continue;
              g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                           _("Line %u: text not in %s"), r->line, r->encoding);
              g_byte_array_remove_range (r->pending, 0, r->pending->len - in_left + 1);
              return FALSE;
            }
        }
      g_byte_array_remove_range (r->pending, 0, r->pending->len - in_left);
    }
  return TRUE;
}

static char
sniff_delimiter (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ';', ',', '\t', '|' };
  guint best_score = 0;
  char best = ',';

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint counts[16] = { 0 };
      guint n_lines = 0;
      gboolean quoted = FALSE;
      guint score;

      for (gsize i = 0; i < len && n_lines < G_N_ELEMENTS (counts); i++)
        {
          if (text[i] == '"')
            quoted = !quoted;
          else if (!quoted && text[i] == candidates[c])
            counts[n_lines]++;
          else if (!quoted && text[i] == '\n')
            n_lines++;
        }
      if (counts[0] == 0)
        continue;

      /* Lines agreeing with the header's count, weighted by that count. */
      score = 0;
      for (guint i = 0; i <= MIN (n_lines, G_N_ELEMENTS (counts) - 1); i++)
        if (counts[i] == counts[0])
          score++;
      score = score * 100 + MIN (counts[0], 99);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[c];
        }
    }
  return best;
}

/**
 * crm_csv_reader_new:
 * @stream: the file's contents
 * @error: return location for a #GError
 *
 * Reads the first chunk to detect the encoding and the delimiter.
 *
 * Returns: (transfer full): a reader, or %NULL with @error set
 */
CrmCsvReader *
crm_csv_reader_new (GInputStream  *stream,
                    GError       **error)
{
  g_autoptr(CrmCsvReader) r = g_new0 (CrmCsvReader, 1);
  g_autofree guint8 *head = g_malloc (CHUNK);
  gssize n;
  gsize skip = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  r->stream = g_object_ref (stream);
  r->conv = (GIConv) -1;
  r->buf = g_string_new (NULL);
  r->pending = g_byte_array_new ();
  r->fields = g_ptr_array_new_with_free_func (g_free);
  r->field = g_string_new (NULL);
  r->line = 1;

  /* Fill the head, short reads and all. */
  n = 0;
  while (n < CHUNK)
    {
      gssize got = g_input_stream_read (stream, head + n, CHUNK - n, NULL, error);

      if (got < 0)
        return NULL;
      if (got == 0)
        break;
      n += got;
    }
  r->bytes_read = n;

  if (n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    {
      r->encoding = g_strdup ("UTF-8-BOM");
      skip = 3;
    }
  else if (n >= 2 && (memcmp (head, "\xff\xfe", 2) == 0 || memcmp (head, "\xfe\xff", 2) == 0))
    {
      gboolean le = head[0] == 0xff;

      r->encoding = g_strdup (le ? "UTF-16LE" : "UTF-16BE");
      r->conv = g_iconv_open ("UTF-8", r->encoding);
      skip = 2;
    }
  else
    {
      const char *end = NULL;

      /* Valid UTF-8 up to a possibly cut last character. */
      if (g_utf8_validate ((const char *) head, n, &end) ||
          (n == CHUNK && (const char *) head + n - end < 4))
        r->encoding = g_strdup ("UTF-8");
      else
        {
          r->encoding = g_strdup ("WINDOWS-1251");
          r->conv = g_iconv_open ("UTF-8", "WINDOWS-1251");
        }
    }
  if (r->conv == (GIConv) -1 && strcmp (r->encoding, "UTF-8") != 0 && strcmp (r->encoding, "UTF-8-BOM") != 0)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                   _("Cannot read text in %s"), r->encoding);
      return NULL;
    }

  g_byte_array_append (r->pending, head + skip, n - skip);
  if (n == 0)
    r->eof = TRUE;
  if (!decode_pending (r, error))
    return NULL;

  r->delimiter = sniff_delimiter (r->buf->str, r->buf->len);
  return g_steal_pointer (&r);
}

void
crm_csv_reader_free (CrmCsvReader *r)
{
  if (r == NULL)
    return;
  g_clear_object (&r->stream);
  if (r->conv != (GIConv) -1)
    g_iconv_close (r->conv);
  g_free (r->encoding);
  if (r->buf != NULL)
    g_string_free (r->buf, TRUE);
  if (r->pending != NULL)
    g_byte_array_unref (r->pending);
  g_clear_pointer (&r->fields, g_ptr_array_unref);
  if (r->field != NULL)
    g_string_free (r->field, TRUE);
  g_free (r);
}

void
crm_csv_reader_set_delimiter (CrmCsvReader *r,
                              char          delimiter)
{
  r->delimiter = delimiter;
}

char
crm_csv_reader_get_delimiter (CrmCsvReader *r)
{
  return r->delimiter;
}

const char *
crm_csv_reader_get_encoding (CrmCsvReader *r)
{
  return r->encoding;
}

guint
crm_csv_reader_get_line (CrmCsvReader *r)
{
  return r->record_line;
}

gint64
crm_csv_reader_get_bytes_read (CrmCsvReader *r)
{
  return r->bytes_read;
}

/* The next character, reading more when the buffer runs out; -1 at EOF. */
static int
peek (CrmCsvReader  *r,
      GError       **error)
{
  while (r->pos >= r->buf->len)
    {
      if (r->eof)
        return -1;
      if (!read_chunk (r, error))
        return -2;
    }
  return (guchar) r->buf->str[r->pos];
}

static void
advance (CrmCsvReader *r)
{
  if (r->buf->str[r->pos] == '\n')
    r->line++;
  r->pos++;
}

/* After a bad record, skip to the start of the next line. */
static void
skip_line (CrmCsvReader *r)
{
  int c;

  for (;;)
    {
      c = peek (r, NULL);
      if (c == -1)
        return;
      if (c == -2)
        continue; /* a bad byte was dropped: keep looking for the line end */
      advance (r);
      if (c == '\n')
        return;
    }
}

static gboolean
end_field (CrmCsvReader  *r,
           gsize         *record_size,
           GError       **error)
{
  *record_size += r->field->len;
  g_ptr_array_add (r->fields, g_strndup (r->field->str, r->field->len));
  g_string_truncate (r->field, 0);
  if (*record_size > MAX_RECORD)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                   _("Line %u: record longer than %u bytes"), r->record_line, MAX_RECORD);
      return FALSE;
    }
  return TRUE;
}

static gboolean
append_char (CrmCsvReader  *r,
             char           c,
             GError       **error)
{
  if (r->field->len >= MAX_FIELD)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                   _("Line %u: field longer than %u bytes"), r->record_line, MAX_FIELD);
      return FALSE;
    }
  g_string_append_c (r->field, c);
  return TRUE;
}

/**
 * crm_csv_reader_next:
 * @r: a reader
 * @fields_out: (out) (transfer none) (element-type utf8): the record's fields,
 *   valid until the next call
 * @error: return location for a #GError
 *
 * Reads one record. After an error (a broken quote, an oversized field)
 * the reader skips to the next line, so the next call goes on: an importer
 * can report every bad row instead of stopping at the first.
 *
 * Returns: %TRUE with a record; %FALSE at the end (@error unset) or on error
 */
gboolean
crm_csv_reader_next (CrmCsvReader  *r,
                     GPtrArray    **fields_out,
                     GError       **error)
{
  gsize record_size = 0;
  gboolean quoted = FALSE;
  gboolean after_quote = FALSE;
  gboolean any = FALSE;
  int c;

  g_ptr_array_set_size (r->fields, 0);
  g_string_truncate (r->field, 0);
  r->record_line = r->line;

  for (;;)
    {
      c = peek (r, error);
      if (c == -2)
        {
          skip_line (r);
          return FALSE;
        }
      if (c == -1)
        {
          if (quoted)
            {
              g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                           _("Line %u: a quoted field is not closed"), r->record_line);
              return FALSE;
            }
          if (!any)
            return FALSE;
          if (!end_field (r, &record_size, error))
            return FALSE;
          *fields_out = r->fields;
          return TRUE;
        }
      any = TRUE;
      advance (r);

      if (quoted)
        {
          if (c == '"')
            {
              int next = peek (r, error);

              if (next == '"')
                {
                  advance (r);
                  if (!append_char (r, '"', error))
                    goto bad;
                }
              else
                {
                  quoted = FALSE;
                  after_quote = TRUE;
                }
            }
          else if (!append_char (r, c, error))
            goto bad;
          continue;
        }

      if (c == r->delimiter)
        {
          if (!end_field (r, &record_size, error))
            goto bad;
          after_quote = FALSE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && peek (r, NULL) == '\n')
            advance (r);
          else if (c == '\r')
            r->line++; /* a lone CR ends a line too */
          if (!end_field (r, &record_size, error))
            goto bad;
          *fields_out = r->fields;
          return TRUE;
        }
      else if (after_quote)
        {
          if (c == ' ' || c == '\t')
            continue; /* "abc"  ; — tolerated */
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                       _("Line %u: unexpected text after a closing quote"), r->record_line);
          goto bad;
        }
      else if (c == '"' && r->field->len == 0)
        quoted = TRUE;
      else if (!append_char (r, c, error))
        goto bad;
    }

bad:
  skip_line (r);
  return FALSE;
}

/* ---- Writer ---- */

CrmCsvWriter *
crm_csv_writer_new (GOutputStream *out,
                    char           delimiter,
                    gboolean       bom)
{
  CrmCsvWriter *w = g_new0 (CrmCsvWriter, 1);

  w->out = g_object_ref (out);
  w->delimiter = delimiter ? delimiter : ',';
  w->bom = bom;
  return w;
}

void
crm_csv_writer_free (CrmCsvWriter *w)
{
  if (w == NULL)
    return;
  g_clear_object (&w->out);
  g_free (w);
}

/**
 * crm_csv_writer_write_row:
 * @w: a writer
 * @fields: (array length=n): the cells
 * @n: how many
 * @error: return location for a #GError
 *
 * Writes one record with CRLF (as Excel expects), quoting a cell when it
 * holds the delimiter, a quote, a line break or edge spaces.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_csv_writer_write_row (CrmCsvWriter       *w,
                          const char *const  *fields,
                          guint               n,
                          GError            **error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (!w->started && w->bom)
    g_string_append (line, "\xef\xbb\xbf");
  w->started = TRUE;

  for (guint i = 0; i < n; i++)
    {
      const char *f = fields[i] ? fields[i] : "";
      gsize len = strlen (f);
      gboolean quote = strchr (f, w->delimiter) || strchr (f, '"') || strchr (f, '\n') ||
                       strchr (f, '\r') || (len > 0 && (f[0] == ' ' || f[len - 1] == ' '));

      if (i > 0)
        g_string_append_c (line, w->delimiter);
      if (!quote)
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
