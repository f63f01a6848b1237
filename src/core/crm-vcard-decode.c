/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include "crm-vcard.h"
#include "crm-vcard-private.h"

#include <errno.h>
#include <string.h>

/* From bytes to text: physical lines out of the stream (UTF-16 converted
 * on the way), unfolded into logical lines, then a value's
 * quoted-printable and CHARSET decoded. */

/* ---- Lines ---- */

/* Appends at most up to MAX_CARD bytes; TRUE when all of it fit. */
static gboolean
append_limited (GString    *s,
                const char *data,
                gsize       len)
{
  gsize room = s->len < MAX_CARD ? MAX_CARD - s->len : 0;

  g_string_append_len (s, data, MIN (len, room));
  return len <= room;
}

/* Converts UTF-16 onto r->buf; an invalid unit, or at the end an
 * incomplete one, becomes U+FFFD. */
void
crm_vcard_decode_utf16 (CrmVcardReader *r,
                        const guint8   *data,
                        gsize           len,
                        gboolean        final)
{
  gchar *in;
  gsize in_left;

  g_byte_array_append (r->pending, data, len);
  in = (gchar *) r->pending->data;
  in_left = r->pending->len;
  while (in_left > 0)
    {
      gsize old = r->buf->len;
      gsize room = in_left * 2 + 16;
      gsize out_left = room;
      gchar *out;
      gsize rc;
      int saved_errno;

      g_byte_array_set_size (r->buf, old + room);
      out = (gchar *) r->buf->data + old;
      rc = g_iconv (r->conv, &in, &in_left, &out, &out_left);
      saved_errno = errno;
      g_byte_array_set_size (r->buf, old + (room - out_left));
      if (rc != (gsize) -1 || saved_errno == E2BIG)
        continue;
      if (saved_errno == EINVAL && !final)
        break;
      g_byte_array_append (r->buf, (const guint8 *) "\xef\xbf\xbd", 3);
      in += MIN (2, in_left);
      in_left -= MIN (2, in_left);
    }
  g_byte_array_remove_range (r->pending, 0, r->pending->len - in_left);
}

/* Reads the next chunk into r->buf; FALSE at the end, or on an I/O error
 * with @error set. */
static gboolean
refill (CrmVcardReader  *r,
        GError         **error)
{
  g_byte_array_set_size (r->buf, 0);
  r->buf_pos = 0;
  while (!r->eof)
    {
      gssize n = g_input_stream_read (r->stream, r->raw, CHUNK_SIZE, NULL, error);

      if (n < 0)
        {
          r->eof = TRUE;
          return FALSE;
        }
      if (n == 0)
        {
          r->eof = TRUE;
          if (r->conv != (GIConv) -1 && r->pending->len > 0)
            crm_vcard_decode_utf16 (r, NULL, 0, TRUE);
          break;
        }
      if (r->conv == (GIConv) -1)
        g_byte_array_append (r->buf, r->raw, n);
      else
        crm_vcard_decode_utf16 (r, r->raw, n, FALSE);
      if (r->buf->len > 0)
        return TRUE;
    }
  return r->buf->len > 0;
}

/* One physical line into @line, without its CR, LF or CRLF. FALSE at the
 * end, or on an I/O error with @error set. *overlong when the line was
 * longer than MAX_CARD: the rest of it is dropped. */
static gboolean
read_physical (CrmVcardReader  *r,
               GString         *line,
               gboolean        *overlong,
               guint           *line_no,
               GError         **error)
{
  gboolean any = FALSE;

  g_string_truncate (line, 0);
  *overlong = FALSE;

  if (r->has_ahead)
    {
      g_string_append_len (line, r->ahead->str, r->ahead->len);
      *overlong = r->ahead_long;
      *line_no = r->ahead_line;
      r->has_ahead = FALSE;
      return TRUE;
    }

  for (;;)
    {
      const guint8 *start;
      gsize avail;
      gsize take = 0;

      if (r->buf_pos == r->buf->len)
        {
          GError *local_error = NULL;

          if (!refill (r, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, local_error);
                  return FALSE;
                }
              break;
            }
        }
      if (r->skip_lf)
        {
          r->skip_lf = FALSE;
          if (r->buf->data[r->buf_pos] == '\n')
            {
              r->buf_pos++;
              continue;
            }
        }

      any = TRUE;
      start = r->buf->data + r->buf_pos;
      avail = r->buf->len - r->buf_pos;
      while (take < avail && start[take] != '\n' && start[take] != '\r')
        take++;
      if (!append_limited (line, (const char *) start, take))
        *overlong = TRUE;
      r->buf_pos += take;
      if (take < avail)
        {
          r->skip_lf = start[take] == '\r';
          r->buf_pos++;
          r->line++;
          *line_no = r->line;
          return TRUE;
        }
    }

  if (any)
    {
      r->line++;
      *line_no = r->line;
      return TRUE;
    }
  return FALSE;
}

static void
push_back (CrmVcardReader *r,
           GString        *line,
           gboolean        overlong,
           guint           line_no)
{
  g_assert (!r->has_ahead);

  g_string_truncate (r->ahead, 0);
  g_string_append_len (r->ahead, line->str, line->len);
  r->ahead_long = overlong;
  r->ahead_line = line_no;
  r->has_ahead = TRUE;
}

static gboolean
is_blank (GString *s)
{
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] != ' ' && s->str[i] != '\t')
      return FALSE;
  return TRUE;
}

static gboolean
is_base64_line (GString *s)
{
  if (s->len == 0)
    return FALSE;
  for (gsize i = 0; i < s->len; i++)
    {
      char c = s->str[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=' && c != ' ' && c != '\t')
        return FALSE;
    }
  return TRUE;
}

/* The first ':' outside a quoted parameter value, or -1. */
gssize
crm_vcard_find_colon (const char *s,
                      gsize       len)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '"')
        quoted = !quoted;
      else if (s[i] == ':' && !quoted)
        return i;
    }
  return -1;
}

/* The property name of a raw line, uppercase, without its group. */
char *
crm_vcard_line_name (const char *s,
                     gsize       len)
{
  gsize end = 0;
  gsize start = 0;

  while (end < len && s[end] != ';' && s[end] != ':')
    {
      if (s[end] == '.')
        start = end + 1;
      end++;
    }
  return g_ascii_strup (s + start, end - start);
}

static gboolean
is_binary (const char *name)
{
  return strcmp (name, "PHOTO") == 0 || strcmp (name, "LOGO") == 0 ||
         strcmp (name, "SOUND") == 0 || strcmp (name, "KEY") == 0;
}

gboolean
crm_vcard_is_encoding_name (const char *up)
{
  return strcmp (up, "QUOTED-PRINTABLE") == 0 || strcmp (up, "BASE64") == 0 ||
         strcmp (up, "B") == 0 || strcmp (up, "8BIT") == 0 || strcmp (up, "7BIT") == 0;
}

/* The ENCODING of a raw property head, as ENCODING=… or a bare 2.1
 * parameter, uppercase; NULL when it has none. */
static char *
head_encoding (const char *s,
               gsize       head_len)
{
  g_autofree char *head = g_ascii_strup (s, head_len);
  g_auto(GStrv) params = g_strsplit (head, ";", -1);
  char *encoding = NULL;

  /* g_strsplit () gives no element at all for "". */
  for (guint i = 1; params[0] != NULL && params[i] != NULL; i++)
    {
      char *param = g_strstrip (params[i]);
      const char *value = param;

      if (g_str_has_prefix (param, "ENCODING="))
        value = param + strlen ("ENCODING=");
      else if (strchr (param, '=') != NULL)
        continue;
      if (crm_vcard_is_encoding_name (value))
        {
          g_free (encoding);
          encoding = g_strdup (value);
        }
    }
  return encoding;
}

/* Whether a quoted-printable line ends in a soft break ("=", perhaps with
 * trailing spaces); drops the "=" and the spaces then. */
static gboolean
take_soft_break (GString *s)
{
  gsize len = s->len;

  while (len > 0 && (s->str[len - 1] == ' ' || s->str[len - 1] == '\t'))
    len--;
  if (len == 0 || s->str[len - 1] != '=')
    return FALSE;
  g_string_truncate (s, len - 1);
  return TRUE;
}

/* A logical line into r->logical: folded lines (a leading space or tab)
 * joined, 2.1 quoted-printable soft breaks joined, 2.1 base64 lines
 * without indentation taken up to the blank line that ends them. Blank
 * lines before it are skipped. FALSE at the end or on an I/O error. */
gboolean
crm_vcard_read_logical (CrmVcardReader  *r,
                        guint           *line_no,
                        gboolean        *too_long,
                        GError         **error)
{
  GString *text = r->logical;
  GString *next = r->physical;
  gboolean overlong = FALSE;
  g_autofree char *name = NULL;
  gboolean binary;
  gboolean qp = FALSE;
  gboolean base64 = FALSE;
  gssize colon;
  guint next_no = 0;

  do
    {
      if (!read_physical (r, text, &overlong, line_no, error))
        return FALSE;
    }
  while (is_blank (text));

  *too_long = overlong;
  name = crm_vcard_line_name (text->str, text->len);
  binary = is_binary (name);
  colon = crm_vcard_find_colon (text->str, text->len);
  if (colon >= 0)
    {
      g_autofree char *encoding = head_encoding (text->str, colon);

      qp = g_strcmp0 (encoding, "QUOTED-PRINTABLE") == 0;
      base64 = g_strcmp0 (encoding, "BASE64") == 0;
      /* The value of a photo is never looked at: drop it now. */
      if (binary)
        {
          g_string_truncate (text, colon + 1);
          *too_long = FALSE;
        }
    }

  for (;;)
    {
      if (qp && take_soft_break (text))
        {
          if (!read_physical (r, next, &overlong, &next_no, error))
            return error == NULL || *error == NULL;
          if (!binary && (!append_limited (text, next->str, next->len) || overlong))
            *too_long = TRUE;
          continue;
        }

      if (!read_physical (r, next, &overlong, &next_no, error))
        return error == NULL || *error == NULL;
      if (next->len > 0 && (next->str[0] == ' ' || next->str[0] == '\t'))
        {
          if (!binary && (!append_limited (text, next->str + 1, next->len - 1) || overlong))
            *too_long = TRUE;
          continue;
        }
      if (base64 && is_base64_line (next))
        {
          if (!binary && (!append_limited (text, next->str, next->len) || overlong))
            *too_long = TRUE;
          continue;
        }
      if (base64 && next->len == 0)
        break; /* the blank line after 2.1 base64 belongs to it */
      push_back (r, next, overlong, next_no);
      break;
    }
  return TRUE;
}

/* ---- Text of values ---- */

GString *
crm_vcard_decode_qp (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return out;
}

static gboolean
is_utf8_name (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0;
}

/* Bytes to UTF-8: by the property's CHARSET, else UTF-8, else (or in a
 * Windows-1251 file) Windows-1251. NULL when nothing reads them. */
char *
crm_vcard_to_utf8 (CrmVcardReader *r,
                   const char     *bytes,
                   gsize           len,
                   const char     *charset)
{
  gboolean utf8_said = charset != NULL && is_utf8_name (charset);
  gboolean valid = g_utf8_validate (bytes, len, NULL);

  if (charset != NULL && !utf8_said)
    {
      char *converted = g_convert (bytes, len, "UTF-8", charset, NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
    }
  if (valid && (utf8_said || !r->cp1251))
    return g_strndup (bytes, len);
  return g_convert (bytes, len, "UTF-8", "WINDOWS-1251", NULL, NULL, NULL);
}

/* ---- Encoding of a file ---- */

/* UTF-8 unless invalid sequences are at least as many as valid multibyte
 * ones: Windows-1251 Cyrillic seldom forms valid UTF-8 by chance. */
gboolean
crm_vcard_looks_cp1251 (const guint8 *data,
                        gsize         len)
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
      if (c == (gunichar) -2 && end - p < 4)
        break;
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
  return invalid > 0 && invalid >= valid;
}
