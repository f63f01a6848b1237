/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include "crm-csv.h"
#include "crm-csv-private.h"

#include <errno.h>
#include <string.h>

/* Raw input to UTF-8 text, a chunk at a time, with U+FFFD and a noted
 * offset for every invalid sequence (see crm-csv.c). */

/* ---- Decoding ---- */

static void
put_replacement (CrmCsvReader *r)
{
  gint64 offset = r->buf_offset + (gint64) r->buf->len;

  g_array_append_val (r->bad, offset);
  g_string_append (r->buf, "\xef\xbf\xbd");
}

gboolean
crm_csv_use_iconv (CrmCsvReader *r,
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
void
crm_csv_decode (CrmCsvReader *r,
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
          if (r->maybe_cp1251 && crm_csv_use_iconv (r, "WINDOWS-1251", 1))
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
gboolean
crm_csv_fill (CrmCsvReader *r)
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
            crm_csv_decode (r, TRUE);
          break;
        }
      r->bytes_read += n;
      g_byte_array_append (r->pending, r->chunk, n);
      crm_csv_decode (r, FALSE);
      if (r->pos < r->buf->len)
        return TRUE;
    }
  return r->pos < r->buf->len;
}
