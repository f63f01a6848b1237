/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include "crm-vcard.h"
#include "crm-vcard-private.h"

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

/* ---- Values ---- */

void
crm_vcard_add_types (GString    *types,
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

  prop->name = crm_vcard_line_name (params[0], strlen (params[0]));
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

          if (crm_vcard_is_encoding_name (up))
            {
              g_free (prop->encoding);
              prop->encoding = g_steal_pointer (&up);
            }
          else
            crm_vcard_add_types (prop->types, param);
          continue;
        }

      *eq = '\0';
      key = g_ascii_strup (g_strstrip (param), -1);
      val = eq + 1;
      if (strcmp (key, "TYPE") == 0)
        crm_vcard_add_types (prop->types, val);
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
        crm_vcard_add_types (prop->types, "pref");
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
  gssize colon = crm_vcard_find_colon (line->str, line->len);
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

      decoded = crm_vcard_decode_qp (text);
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
  prop->value = crm_vcard_to_utf8 (r, raw, raw_len, prop->charset);
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
      crm_vcard_decode_utf16 (r, r->raw + 2, n - 2, r->eof);
    }
  else if (n >= 3 && memcmp (r->raw, "\xef\xbb\xbf", 3) == 0)
    g_byte_array_append (r->buf, r->raw + 3, n - 3);
  else
    {
      r->cp1251 = crm_vcard_looks_cp1251 (r->raw, n);
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
          if (!crm_vcard_read_logical (r, &line_no, &too_long, &local_error))
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

      if (!crm_vcard_read_logical (r, &line_no, &too_long, &local_error))
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
