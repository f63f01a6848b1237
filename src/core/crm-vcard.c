/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include "crm-vcard.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"

/* vCard 2.1, 3.0 and 4.0, many cards a file, read from a stream 64 KiB at
 * a time. Old phones export 2.1 with QUOTED-PRINTABLE soft line breaks and
 * a CHARSET per property (often windows-1251), or raw Windows-1251 text;
 * Apple and Google write 3.0 with folded lines and property groups; 4.0
 * quotes TYPE lists and may give TEL as a tel: URI.
 *
 * Lines are unfolded as bytes and decoded per value, so a fold inside a
 * multibyte character and a CHARSET on one property both come out right.
 * Photos and other binary values are dropped while unfolding: they neither
 * use memory nor count towards MAX_CARD. */

#define CHUNK_SIZE (64 * 1024)
#define MAX_CARD   (1024 * 1024)

struct _CrmVcardReader
{
  GInputStream *stream;
  guint8       *raw;           /* CHUNK_SIZE bytes of input */
  GIConv        conv;          /* UTF-16 to UTF-8, or (GIConv) -1 */
  GByteArray   *pending;       /* UTF-16 not converted yet: a split character */
  GByteArray   *buf;           /* text to split into lines */
  gsize         buf_pos;
  gboolean      eof;
  gboolean      skip_lf;       /* the last line ended in CR: an LF now belongs to it */
  gboolean      cp1251;        /* text without CHARSET is Windows-1251 */
  guint         line;          /* physical lines read */

  GString      *ahead;         /* one physical line read ahead while unfolding */
  gboolean      has_ahead;
  gboolean      ahead_long;
  guint         ahead_line;

  GString      *logical;
  GString      *physical;
  gboolean      begin_pending; /* a BEGIN:VCARD was met inside a card */
  guint         begin_line;
};

typedef struct
{
  char    *name;     /* uppercase, without its group */
  GString *types;    /* lowercase, comma-joined */
  char    *encoding; /* uppercase */
  char    *charset;
  char    *value;    /* decoded to UTF-8, still escaped */
} Property;

/* ---- Cards ---- */

/**
 * crm_vcard_value_free:
 * @value: (nullable): a value
 *
 * Frees @value and its strings.
 */
void
crm_vcard_value_free (CrmVcardValue *value)
{
  if (value == NULL)
    return;
  g_free (value->value);
  g_free (value->type);
  g_free (value);
}

/**
 * crm_vcard_free:
 * @card: (nullable): a card
 *
 * Frees @card, its strings and its values.
 */
void
crm_vcard_free (CrmVcard *card)
{
  if (card == NULL)
    return;
  g_free (card->fn);
  g_free (card->last);
  g_free (card->first);
  g_free (card->middle);
  g_free (card->org);
  g_free (card->title);
  g_free (card->note);
  g_clear_pointer (&card->phones, g_ptr_array_unref);
  g_clear_pointer (&card->emails, g_ptr_array_unref);
  g_free (card->uid);
  g_free (card->url);
  g_free (card->adr);
  g_free (card);
}

static void
property_clear (Property *p)
{
  g_clear_pointer (&p->name, g_free);
  if (p->types != NULL)
    g_string_free (g_steal_pointer (&p->types), TRUE);
  g_clear_pointer (&p->encoding, g_free);
  g_clear_pointer (&p->charset, g_free);
  g_clear_pointer (&p->value, g_free);
}

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
static void
decode_utf16 (CrmVcardReader *r,
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
            decode_utf16 (r, NULL, 0, TRUE);
          break;
        }
      if (r->conv == (GIConv) -1)
        g_byte_array_append (r->buf, r->raw, n);
      else
        decode_utf16 (r, r->raw, n, FALSE);
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
static gssize
find_colon (const char *s,
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
static char *
line_name (const char *s,
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

static gboolean
is_encoding_name (const char *up)
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
      if (is_encoding_name (value))
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
static gboolean
read_logical (CrmVcardReader  *r,
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
  name = line_name (text->str, text->len);
  binary = is_binary (name);
  colon = find_colon (text->str, text->len);
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

/* ---- Values ---- */

static GString *
decode_qp (const char *value)
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
static char *
to_utf8 (CrmVcardReader *r,
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

static void
add_types (GString    *types,
           const char *list)
{
  g_autofree char *lower = g_ascii_strdown (list, -1);
  g_auto(GStrv) items = g_strsplit (lower, ",", -1);

  for (guint i = 0; items[i] != NULL && types->len < 256; i++)
    {
      char *item = items[i];
      gsize len;

      g_strdelimit (item, "\"", ' ');
      g_strstrip (item);
      len = strlen (item);
      if (len == 0)
        continue;
      /* Only tokens: a type never carries ':' or ';' into a written card. */
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (item[j]) && item[j] != '-' && item[j] != '_')
          goto next;
      {
        g_auto(GStrv) have = g_strsplit (types->str, ",", -1);

        if (g_strv_contains ((const char *const *) have, item))
          continue;
      }
      if (types->len > 0)
        g_string_append_c (types, ',');
      g_string_append (types, item);
next:
      ;
    }
}

/* Splits "a;b\;c" on the unescaped @sep, keeping the escapes. */
static char **
split_escaped (const char *value,
               char        sep)
{
  GPtrArray *parts = g_ptr_array_new ();
  GString *cur = g_string_new (NULL);

  for (const char *p = value; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (cur, *p++);
          g_string_append_c (cur, *p);
          continue;
        }
      if (*p == sep || *p == '\0')
        {
          g_ptr_array_add (parts, g_strdup (cur->str));
          g_string_truncate (cur, 0);
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (cur, *p);
    }
  g_string_free (cur, TRUE);
  g_ptr_array_add (parts, NULL);
  return (char **) g_ptr_array_free (parts, FALSE);
}

static gboolean
parse_params (const char  *head,
              Property    *prop)
{
  g_auto(GStrv) params = split_escaped (head, ';');

  prop->name = line_name (params[0], strlen (params[0]));
  if (*prop->name == '\0')
    return FALSE;
  prop->types = g_string_new (NULL);

  for (guint i = 1; params[i] != NULL; i++)
    {
      char *param = g_strstrip (params[i]);
      char *eq = strchr (param, '=');
      g_autofree char *key = NULL;
      const char *val;

      if (eq == NULL)
        {
          /* 2.1: bare TEL;CELL;PREF;QUOTED-PRINTABLE */
          g_autofree char *up = g_ascii_strup (param, -1);

          if (is_encoding_name (up))
            {
              g_free (prop->encoding);
              prop->encoding = g_steal_pointer (&up);
            }
          else
            add_types (prop->types, param);
          continue;
        }

      *eq = '\0';
      key = g_ascii_strup (g_strstrip (param), -1);
      val = eq + 1;
      if (strcmp (key, "TYPE") == 0)
        add_types (prop->types, val);
      else if (strcmp (key, "ENCODING") == 0)
        {
          g_free (prop->encoding);
          prop->encoding = g_ascii_strup (val, -1);
        }
      else if (strcmp (key, "CHARSET") == 0)
        {
          g_free (prop->charset);
          prop->charset = g_strdup (val);
          g_strdelimit (prop->charset, "\"", ' ');
          g_strstrip (prop->charset);
        }
      else if (strcmp (key, "PREF") == 0)
        add_types (prop->types, "pref");
    }
  return TRUE;
}

static gboolean
wanted (const char *name)
{
  static const char *const names[] = {
    "FN", "N", "ORG", "TITLE", "NOTE", "UID", "URL", "ADR", "EMAIL", "TEL",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Parses a logical line into @prop; its value only for the properties a
 * card keeps. */
static gboolean
parse_property (CrmVcardReader  *r,
                GString         *line,
                guint            line_no,
                Property        *prop,
                GError         **error)
{
  gssize colon = find_colon (line->str, line->len);
  g_autofree char *head = NULL;
  const char *raw;
  gsize raw_len;
  g_autoptr(GString) decoded = NULL;
  g_autofree guchar *binary = NULL;

  if (colon < 0)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                   _("Line %u: a property without “:”"), line_no);
      return FALSE;
    }
  head = g_strndup (line->str, colon);
  if (!parse_params (head, prop))
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                   _("Line %u: a property without a name"), line_no);
      return FALSE;
    }
  if (!wanted (prop->name))
    return TRUE;

  raw = line->str + colon + 1;
  raw_len = line->len - colon - 1;
  if (prop->encoding != NULL && strcmp (prop->encoding, "QUOTED-PRINTABLE") == 0)
    {
      g_autofree char *text = g_strndup (raw, raw_len);

      decoded = decode_qp (text);
      raw = decoded->str;
      raw_len = decoded->len;
    }
  else if (prop->encoding != NULL && (strcmp (prop->encoding, "B") == 0 || strcmp (prop->encoding, "BASE64") == 0))
    {
      g_autofree char *text = g_strndup (raw, raw_len);

      binary = g_base64_decode (text, &raw_len);
      raw = (const char *) binary;
    }

  if (raw_len > 0 && memchr (raw, '\0', raw_len) != NULL)
    raw_len = strlen (raw);
  prop->value = to_utf8 (r, raw, raw_len, prop->charset);
  if (prop->value == NULL)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                   _("Line %u: unreadable text"), line_no);
      return FALSE;
    }
  return TRUE;
}

/* \, \; \n \\ → , ; newline \ ; line breaks as "\n", blanks at the edges
 * trimmed; NULL when nothing is left. */
static char *
unescape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }
  g_strstrip (out->str);
  if (out->str[0] == '\0')
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The non-empty components of a structured value, joined with ", ". */
static char *
join_components (const char *value)
{
  g_auto(GStrv) parts = split_escaped (value, ';');
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = unescape (parts[i]);

      if (part == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, part);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* tel:+7-912-345-67-89;ext=12 → +7-912-345-67-89 ext. 12 */
static char *
tel_from_uri (char *value)
{
  g_auto(GStrv) parts = NULL;
  GString *out;

  if (g_ascii_strncasecmp (value, "tel:", 4) != 0)
    return value;
  parts = g_strsplit (value + 4, ";", -1);
  g_free (value);
  if (parts[0] == NULL)
    return NULL; /* g_strsplit () gives no element at all for "" */
  out = g_string_new (g_strstrip (parts[0]));
  for (guint i = 1; parts[i] != NULL; i++)
    if (g_ascii_strncasecmp (parts[i], "ext=", 4) == 0 && parts[i][4] != '\0')
      g_string_append_printf (out, " ext. %s", parts[i] + 4);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
set_once (char       **field,
          char        *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

static void
apply_property (CrmVcard *card,
                Property *prop,
                gboolean *have_n)
{
  const char *name = prop->name;

  if (prop->value == NULL)
    return;

  /* The first of each wins: later ones are other languages (4.0 ALTID)
   * or other addresses. */
  if (strcmp (name, "FN") == 0)
    set_once (&card->fn, unescape (prop->value));
  else if (strcmp (name, "N") == 0 && !*have_n)
    {
      g_auto(GStrv) parts = split_escaped (prop->value, ';');
      guint n = g_strv_length (parts);

      *have_n = TRUE;
      card->last = n > 0 ? unescape (parts[0]) : NULL;
      card->first = n > 1 ? unescape (parts[1]) : NULL;
      card->middle = n > 2 ? unescape (parts[2]) : NULL;
    }
  else if (strcmp (name, "ORG") == 0)
    set_once (&card->org, join_components (prop->value));
  else if (strcmp (name, "TITLE") == 0)
    set_once (&card->title, unescape (prop->value));
  else if (strcmp (name, "UID") == 0)
    set_once (&card->uid, unescape (prop->value));
  else if (strcmp (name, "URL") == 0)
    set_once (&card->url, unescape (prop->value));
  else if (strcmp (name, "ADR") == 0)
    set_once (&card->adr, join_components (prop->value));
  else if (strcmp (name, "NOTE") == 0)
    {
      char *note = unescape (prop->value);

      if (note != NULL && card->note != NULL)
        {
          char *both = g_strconcat (card->note, "\n", note, NULL);

          g_free (note);
          g_free (card->note);
          card->note = both;
        }
      else if (note != NULL)
        card->note = note;
    }
  else if (strcmp (name, "TEL") == 0 || strcmp (name, "EMAIL") == 0)
    {
      gboolean tel = name[0] == 'T';
      char *value = unescape (prop->value);
      CrmVcardValue *v;

      if (value != NULL && tel)
        value = tel_from_uri (value);
      else if (value != NULL && g_ascii_strncasecmp (value, "mailto:", 7) == 0)
        {
          char *address = g_strstrip (g_strdup (value + 7));

          g_free (value);
          value = address;
          if (*value == '\0')
            g_clear_pointer (&value, g_free);
        }
      if (value == NULL)
        return;
      v = g_new0 (CrmVcardValue, 1);
      v->value = value;
      v->type = prop->types->len > 0 ? g_strdup (prop->types->str) : NULL;
      g_ptr_array_add (tel ? card->phones : card->emails, v);
    }
}

static gboolean
line_is (GString    *line,
         const char *what)
{
  g_autofree char *s = g_strndup (line->str, line->len);

  return g_ascii_strcasecmp (g_strstrip (s), what) == 0;
}

/* ---- Reader API ---- */

/* UTF-8 unless invalid sequences are at least as many as valid multibyte
 * ones: Windows-1251 Cyrillic seldom forms valid UTF-8 by chance. */
static gboolean
looks_cp1251 (const guint8 *data,
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

/**
 * crm_vcard_reader_new:
 * @stream: the file's contents
 * @error: return location for a #GError
 *
 * Reads the first 64 KiB to detect the encoding: a UTF-8 byte order mark
 * is skipped, a UTF-16 one converts the file; otherwise text is UTF-8, or
 * Windows-1251 when the file does not read as UTF-8, unless a property
 * gives its own CHARSET.
 *
 * Returns: (transfer full): a reader, or %NULL with @error set
 */
CrmVcardReader *
crm_vcard_reader_new (GInputStream  *stream,
                      GError       **error)
{
  g_autoptr(CrmVcardReader) r = NULL;
  gsize n = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r = g_new0 (CrmVcardReader, 1);
  r->stream = g_object_ref (stream);
  r->raw = g_malloc (CHUNK_SIZE);
  r->conv = (GIConv) -1;
  r->pending = g_byte_array_new ();
  r->buf = g_byte_array_new ();
  r->ahead = g_string_new (NULL);
  r->logical = g_string_new (NULL);
  r->physical = g_string_new (NULL);

  /* The whole first chunk, short reads and all. */
  while (n < CHUNK_SIZE)
    {
      gssize got = g_input_stream_read (stream, r->raw + n, CHUNK_SIZE - n, NULL, error);

      if (got < 0)
        return NULL;
      if (got == 0)
        {
          r->eof = TRUE;
          break;
        }
      n += got;
    }

  if (n >= 2 && (memcmp (r->raw, "\xff\xfe", 2) == 0 || memcmp (r->raw, "\xfe\xff", 2) == 0))
    {
      const char *encoding = r->raw[0] == 0xff ? "UTF-16LE" : "UTF-16BE";

      r->conv = g_iconv_open ("UTF-8", encoding);
      if (r->conv == (GIConv) -1)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Cannot read text in %s"), encoding);
          return NULL;
        }
      decode_utf16 (r, r->raw + 2, n - 2, r->eof);
    }
  else if (n >= 3 && memcmp (r->raw, "\xef\xbb\xbf", 3) == 0)
    g_byte_array_append (r->buf, r->raw + 3, n - 3);
  else
    {
      r->cp1251 = looks_cp1251 (r->raw, n);
      g_byte_array_append (r->buf, r->raw, n);
    }
  return g_steal_pointer (&r);
}

/**
 * crm_vcard_reader_free:
 * @r: (nullable): a reader
 *
 * Frees @r; the stream is unreferenced, not closed.
 */
void
crm_vcard_reader_free (CrmVcardReader *r)
{
  if (r == NULL)
    return;
  g_clear_object (&r->stream);
  g_free (r->raw);
  if (r->conv != (GIConv) -1)
    g_iconv_close (r->conv);
  g_clear_pointer (&r->pending, g_byte_array_unref);
  g_clear_pointer (&r->buf, g_byte_array_unref);
  if (r->ahead != NULL)
    g_string_free (r->ahead, TRUE);
  if (r->logical != NULL)
    g_string_free (r->logical, TRUE);
  if (r->physical != NULL)
    g_string_free (r->physical, TRUE);
  g_free (r);
}

/**
 * crm_vcard_reader_next:
 * @r: a reader
 * @card_out: (out) (transfer full): the next card
 * @error: return location for a #GError
 *
 * Reads one card: unfolds lines, decodes QUOTED-PRINTABLE (with 2.1 soft
 * line breaks) and base64 text, converts by CHARSET, strips property
 * groups, unescapes `\,` `\;` `\n` `\\`, and keeps N, FN, ORG, TITLE,
 * NOTE, UID, URL, ADR, TEL and EMAIL with their TYPE lists; other
 * properties, and photos, are skipped.
 *
 * Errors are in %CRM_PARSE_ERROR and name the line: a card without
 * END:VCARD (the line of its BEGIN), a line without ':', text no encoding
 * reads, a card over 1 MiB. After such an error the next call goes on at
 * the next BEGIN:VCARD, so one broken card does not hide the rest;
 * %G_IO_ERROR from the stream ends the reading.
 *
 * Returns: %TRUE with a card; %FALSE at the end (@error unset) or on error
 */
gboolean
crm_vcard_reader_next (CrmVcardReader  *r,
                       CrmVcard       **card_out,
                       GError         **error)
{
  g_autoptr(CrmVcard) card = NULL;
  GError *local_error = NULL;
  gboolean have_n = FALSE;
  gboolean too_long = FALSE;
  guint begin_line = 0;
  guint line_no = 0;
  gsize size = 0;

  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (card_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *card_out = NULL;

  if (r->begin_pending)
    {
      r->begin_pending = FALSE;
      begin_line = r->begin_line;
    }
  else
    {
      /* Whatever precedes BEGIN:VCARD, a broken card's rest included. */
      for (;;)
        {
          if (!read_logical (r, &line_no, &too_long, &local_error))
            {
              if (local_error != NULL)
                g_propagate_error (error, local_error);
              return FALSE;
            }
          if (line_is (r->logical, "BEGIN:VCARD"))
            break;
        }
      begin_line = line_no;
    }

  card = g_new0 (CrmVcard, 1);
  card->line = begin_line;
  card->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_value_free);
  card->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_value_free);

  for (;;)
    {
      Property prop = { 0 };
      gboolean ok;

      if (!read_logical (r, &line_no, &too_long, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                         _("Line %u: the card has no END:VCARD"), begin_line);
          return FALSE;
        }
      if (line_is (r->logical, "END:VCARD"))
        break;
      if (line_is (r->logical, "BEGIN:VCARD"))
        {
          /* A card that never ended: report it and start over with this one. */
          r->begin_pending = TRUE;
          r->begin_line = line_no;
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                       _("Line %u: the card has no END:VCARD"), begin_line);
          return FALSE;
        }

      size += r->logical->len;
      if (too_long || size > MAX_CARD)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                       _("Line %u: card larger than %u bytes"), begin_line, MAX_CARD);
          return FALSE;
        }

      ok = parse_property (r, r->logical, line_no, &prop, error);
      if (ok)
        apply_property (card, &prop, &have_n);
      property_clear (&prop);
      if (!ok)
        return FALSE;
    }

  *card_out = g_steal_pointer (&card);
  return TRUE;
}

/* ---- Writer ---- */

static void
append_escaped (GString    *out,
                const char *value)
{
  for (const char *p = value; *p; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* The length of the UTF-8 character at @p; 1 for a byte that starts none. */
static gsize
char_len (const char *p)
{
  guchar c = *p;
  gsize n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

  for (gsize i = 1; i < n; i++)
    if (((guchar) p[i] & 0xc0) != 0x80)
      return 1;
  return n;
}

/* Appends @line folded at 75 octets, never inside a UTF-8 sequence, and
 * CRLF. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize col = 0;

  for (const char *p = line; *p; )
    {
      gsize len = char_len (p);

      if (col + len > 75)
        {
          g_string_append (out, "\r\n ");
          col = 1;
        }
      g_string_append_len (out, p, len);
      col += len;
      p += len;
    }
  g_string_append (out, "\r\n");
}

static void
add_line (GString    *out,
          const char *name,
          const char *value)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

/* "TEL;TYPE=CELL,VOICE" from a type list, tokens only, and @extra when
 * the list lacks it. */
static char *
typed_name (const char *name,
            const char *types,
            const char *extra)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *up = NULL;

  if (types != NULL)
    add_types (list, types);
  if (extra != NULL)
    add_types (list, extra);
  if (list->len == 0)
    return g_strdup (name);
  up = g_ascii_strup (list->str, -1);
  return g_strdup_printf ("%s;TYPE=%s", name, up);
}

static gboolean
has_text (const char *s)
{
  if (s == NULL)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return TRUE;
  return FALSE;
}

/**
 * crm_vcard_to_string_30:
 * @card: a card
 *
 * Writes @card as vCard 3.0: N, FN (from N or ORG when @card has none),
 * ORG, TITLE, TEL;TYPE=…, EMAIL;TYPE=INTERNET,…, ADR (as its street),
 * URL, NOTE, UID; values escaped, lines folded at 75 octets without
 * splitting a character, CRLF line ends. crm_vcard_reader_next() gives
 * the same card back.
 *
 * Returns: (transfer full): the card's text
 */
char *
crm_vcard_to_string_30 (const CrmVcard *card)
{
  GString *out;
  g_autoptr(GString) n = g_string_new ("N:");
  g_autofree char *composed = NULL;
  const char *fn;

  g_return_val_if_fail (card != NULL, NULL);

  out = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\n");

  append_escaped (n, card->last != NULL ? card->last : "");
  g_string_append_c (n, ';');
  append_escaped (n, card->first != NULL ? card->first : "");
  g_string_append_c (n, ';');
  append_escaped (n, card->middle != NULL ? card->middle : "");
  g_string_append (n, ";;");
  append_folded (out, n->str);

  fn = card->fn;
  if (!has_text (fn))
    {
      /* FN is required: the name in Russian order, or the company. */
      GString *s = g_string_new (NULL);
      const char *parts[] = { card->last, card->first, card->middle };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (has_text (parts[i]))
          g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", parts[i]);
      composed = g_string_free (s, FALSE);
      fn = *composed != '\0' ? composed : card->org;
    }
  add_line (out, "FN", fn != NULL ? fn : "");

  if (card->org != NULL)
    add_line (out, "ORG", card->org);
  if (card->title != NULL)
    add_line (out, "TITLE", card->title);
  for (guint i = 0; card->phones != NULL && i < card->phones->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (card->phones, i);
      g_autofree char *name = typed_name ("TEL", v->type, NULL);

      if (has_text (v->value))
        add_line (out, name, v->value);
    }
  for (guint i = 0; card->emails != NULL && i < card->emails->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (card->emails, i);
      g_autofree char *name = typed_name ("EMAIL", v->type, "internet");

      if (has_text (v->value))
        add_line (out, name, v->value);
    }
  if (card->adr != NULL)
    {
      g_autoptr(GString) adr = g_string_new ("ADR:;;");

      append_escaped (adr, card->adr);
      g_string_append (adr, ";;;;");
      append_folded (out, adr->str);
    }
  if (card->url != NULL)
    add_line (out, "URL", card->url);
  if (card->note != NULL)
    add_line (out, "NOTE", card->note);
  if (card->uid != NULL)
    add_line (out, "UID", card->uid);
  g_string_append (out, "END:VCARD\r\n");
  return g_string_free (out, FALSE);
}
