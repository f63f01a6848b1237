/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include "crm-vcard.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"

/* vCard 2.1, 3.0 and 4.0, many cards a file, read line by line from a
 * stream. Old phones export 2.1 with QUOTED-PRINTABLE and a CHARSET per
 * property (often windows-1251); Apple and Google write 3.0 with folded
 * lines and property groups; 4.0 quotes TYPE lists and may give TEL as a
 * tel: URI. */

#define MAX_CARD (1024 * 1024)
#define MAX_LINE (1024 * 1024)

struct _CrmVcardReader
{
  GDataInputStream *data;
  gboolean          cp1251;   /* the file itself is not UTF-8 */
  guint             line;
  char             *peeked;   /* a line read ahead while unfolding */
  guint             peeked_line;
  gboolean          begin_pending; /* a BEGIN:VCARD was met inside a card */
  guint             begin_pending_line;
  gboolean          eof;
};

void
crm_vcard_value_free (CrmVcardValue *v)
{
  if (v == NULL)
    return;
  g_free (v->value);
  g_free (v->type);
  g_free (v);
}

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

CrmVcardReader *
crm_vcard_reader_new (GInputStream  *stream,
                      GError       **error)
{
  CrmVcardReader *r;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  r = g_new0 (CrmVcardReader, 1);
  r->data = g_data_input_stream_new (stream);
  g_data_input_stream_set_newline_type (r->data, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  return r;
}

void
crm_vcard_reader_free (CrmVcardReader *r)
{
  if (r == NULL)
    return;
  g_clear_object (&r->data);
  g_free (r->peeked);
  g_free (r);
}

/* One physical line as UTF-8 (a non-UTF-8 file is read as windows-1251). */
static char *
read_raw_line (CrmVcardReader  *r,
               GError         **error)
{
  gsize len = 0;
  char *line;

  line = g_data_input_stream_read_line (r->data, &len, NULL, error);
  if (line == NULL)
    return NULL;
  r->line++;
  if (len > MAX_LINE)
    {
      g_free (line);
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                   _("Line %u: line longer than %u bytes"), r->line, MAX_LINE);
      return NULL;
    }
  if (r->line == 1 && g_str_has_prefix (line, "\xef\xbb\xbf"))
    memmove (line, line + 3, strlen (line + 3) + 1);
  if (r->cp1251 || !g_utf8_validate (line, -1, NULL))
    {
      char *converted = g_convert (line, -1, "UTF-8", "WINDOWS-1251", NULL, NULL, NULL);

      r->cp1251 = TRUE;
      g_free (line);
      if (converted == NULL)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Line %u: unreadable text"), r->line);
          return NULL;
        }
      line = converted;
    }
  return line;
}

static char *
next_physical (CrmVcardReader  *r,
               guint           *line_no,
               GError         **error)
{
  char *line;

  if (r->peeked != NULL)
    {
      *line_no = r->peeked_line;
      return g_steal_pointer (&r->peeked);
    }
  line = read_raw_line (r, error);
  *line_no = r->line;
  return line;
}

static gboolean
is_qp_line (const char *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *params = NULL;

  if (colon == NULL)
    return FALSE;
  params = g_ascii_strup (line, colon - line);
  return strstr (params, "QUOTED-PRINTABLE") != NULL;
}

/* A logical line: folded continuation lines (leading space or tab) joined,
 * and 2.1 quoted-printable soft breaks ("=" at the end) too. */
static char *
next_logical (CrmVcardReader  *r,
              guint           *line_no,
              GError         **error)
{
  GString *logical;
  char *first;
  gboolean qp;

  do
    {
      if (!(first = next_physical (r, line_no, error)))
        return NULL;
      if (*first != '\0')
        break;
      g_free (first);
    }
  while (TRUE);

  logical = g_string_new (first);
  qp = is_qp_line (first);
  g_free (first);

  for (;;)
    {
      guint next_no = 0;
      g_autoptr(GError) local_error = NULL;
      char *next;

      if (qp && logical->len > 0 && logical->str[logical->len - 1] == '=')
        {
          next = next_physical (r, &next_no, &local_error);
          if (next == NULL)
            break;
          g_string_truncate (logical, logical->len - 1);
          g_string_append (logical, next[0] == ' ' || next[0] == '\t' ? next + 1 : next);
          g_free (next);
          continue;
        }

      next = next_physical (r, &next_no, &local_error);
      if (next == NULL)
        break;
      if (next[0] == ' ' || next[0] == '\t')
        {
          g_string_append (logical, next + 1);
          g_free (next);
          if (logical->len > MAX_CARD)
            {
              g_string_free (logical, TRUE);
              g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                           _("Line %u: card larger than %u bytes"), *line_no, MAX_CARD);
              return NULL;
            }
          continue;
        }
      r->peeked = next;
      r->peeked_line = next_no;
      break;
    }
  return g_string_free (logical, FALSE);
}

static char *
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
      else if (*p == '=' && p[1] == '\0')
        break;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* \, \; \n \\ → , ; newline \ */
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
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Splits on unescaped @sep. */
static GPtrArray *
split_components (const char *value,
                  char        sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
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
          g_ptr_array_add (parts, unescape (cur->str));
          g_string_truncate (cur, 0);
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (cur, *p);
    }
  g_string_free (cur, TRUE);
  return parts;
}

typedef struct
{
  char *name;      /* uppercase, group stripped */
  char *types;     /* lowercase, comma-joined */
  char *encoding;  /* uppercase */
  char *charset;
  char *value;     /* decoded to UTF-8, still escaped */
} Property;

static void
property_clear (Property *p)
{
  g_free (p->name);
  g_free (p->types);
  g_free (p->encoding);
  g_free (p->charset);
  g_free (p->value);
}

static void
add_type (GString    *types,
          const char *t)
{
  g_autofree char *lower = g_ascii_strdown (t, -1);
  g_auto(GStrv) list = g_strsplit (lower, ",", -1);

  for (guint i = 0; list[i] != NULL; i++)
    {
      char *item = g_strstrip (list[i]);

      if (*item == '"')
        item++;
      if (*item && item[strlen (item) - 1] == '"')
        item[strlen (item) - 1] = '\0';
      if (*item == '\0')
        continue;
      if (types->len > 0)
        g_string_append_c (types, ',');
      g_string_append (types, item);
    }
}

static gboolean
parse_property (const char  *line,
                guint        line_no,
                Property    *prop,
                GError     **error)
{
  const char *colon = NULL;
  gboolean quoted = FALSE;
  g_autofree char *head = NULL;
  g_auto(GStrv) params = NULL;
  g_autoptr(GString) types = g_string_new (NULL);
  const char *dot;
  char *raw;

  /* The first ':' outside a quoted parameter value. */
  for (const char *p = line; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL)
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                   _("Line %u: a property without “:”"), line_no);
      return FALSE;
    }

  head = g_strndup (line, colon - line);
  params = g_strsplit (head, ";", -1);
  if (params[0] == NULL || *params[0] == '\0')
    {
      g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                   _("Line %u: a property without a name"), line_no);
      return FALSE;
    }
  dot = strrchr (params[0], '.');
  prop->name = g_ascii_strup (dot ? dot + 1 : params[0], -1);

  for (guint i = 1; params[i] != NULL; i++)
    {
      char *eq = strchr (params[i], '=');

      if (eq == NULL)
        {
          /* 2.1: bare TEL;CELL;QUOTED-PRINTABLE */
          g_autofree char *up = g_ascii_strup (params[i], -1);

          if (strcmp (up, "QUOTED-PRINTABLE") == 0 || strcmp (up, "BASE64") == 0 || strcmp (up, "B") == 0)
            {
              g_free (prop->encoding);
              prop->encoding = g_steal_pointer (&up);
            }
          else
            add_type (types, params[i]);
          continue;
        }
      *eq = '\0';
      {
        g_autofree char *key = g_ascii_strup (params[i], -1);
        const char *val = eq + 1;

        if (strcmp (key, "TYPE") == 0)
          add_type (types, val);
        else if (strcmp (key, "ENCODING") == 0)
          {
            /* A repeated parameter: the last one wins. */
            g_free (prop->encoding);
            prop->encoding = g_ascii_strup (val, -1);
          }
        else if (strcmp (key, "CHARSET") == 0)
          {
            g_free (prop->charset);
            prop->charset = g_strdup (val);
          }
      }
    }
  prop->types = g_string_free (g_steal_pointer (&types), FALSE);

  raw = g_strdup (colon + 1);
  if (prop->encoding != NULL && strcmp (prop->encoding, "QUOTED-PRINTABLE") == 0)
    {
      char *decoded = decode_qp (raw);
      g_free (raw);
      raw = decoded;
    }
  else if (prop->encoding != NULL && (strcmp (prop->encoding, "B") == 0 || strcmp (prop->encoding, "BASE64") == 0))
    {
      gsize len = 0;
      guchar *bytes;

      if (strcmp (prop->name, "PHOTO") == 0 || strcmp (prop->name, "LOGO") == 0 ||
          strcmp (prop->name, "SOUND") == 0 || strcmp (prop->name, "KEY") == 0)
        {
          g_free (raw);
          prop->value = g_strdup ("");
          return TRUE;
        }
      bytes = g_base64_decode (raw, &len);
      g_free (raw);
      raw = g_strndup ((const char *) bytes, len);
      g_free (bytes);
    }

  if (prop->charset != NULL && g_ascii_strcasecmp (prop->charset, "UTF-8") != 0 &&
      !g_utf8_validate (raw, -1, NULL))
    {
      char *converted = g_convert (raw, -1, "UTF-8", prop->charset, NULL, NULL, NULL);

      if (converted == NULL)
        {
          g_free (raw);
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Line %u: text not in %s"), line_no, prop->charset);
          return FALSE;
        }
      g_free (raw);
      raw = converted;
    }
  else if (!g_utf8_validate (raw, -1, NULL))
    {
      char *converted = g_convert (raw, -1, "UTF-8", "WINDOWS-1251", NULL, NULL, NULL);

      g_free (raw);
      if (converted == NULL)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_ENCODING,
                       _("Line %u: unreadable text"), line_no);
          return FALSE;
        }
      raw = converted;
    }
  prop->value = raw;
  return TRUE;
}

static char *
nonempty (char *s)
{
  if (s != NULL && *g_strstrip (s) == '\0')
    {
      g_free (s);
      return NULL;
    }
  return s;
}

static char *
join_components (const char *value,
                 const char *sep)
{
  g_autoptr(GPtrArray) parts = split_components (value, ';');
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *p = g_ptr_array_index (parts, i);

      if (*p == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, sep);
      g_string_append (out, p);
    }
  return nonempty (g_string_free (out, FALSE));
}

static void
apply_property (CrmVcard *card,
                Property *prop)
{
  const char *name = prop->name;

  if (strcmp (name, "FN") == 0)
    {
      g_free (card->fn);
      card->fn = nonempty (unescape (prop->value));
    }
  else if (strcmp (name, "N") == 0)
    {
      g_autoptr(GPtrArray) parts = split_components (prop->value, ';');

      g_free (card->last);
      g_free (card->first);
      g_free (card->middle);
      card->last = parts->len > 0 ? nonempty (g_strdup (g_ptr_array_index (parts, 0))) : NULL;
      card->first = parts->len > 1 ? nonempty (g_strdup (g_ptr_array_index (parts, 1))) : NULL;
      card->middle = parts->len > 2 ? nonempty (g_strdup (g_ptr_array_index (parts, 2))) : NULL;
    }
  else if (strcmp (name, "ORG") == 0)
    {
      g_free (card->org);
      card->org = join_components (prop->value, ", ");
    }
  else if (strcmp (name, "TITLE") == 0)
    {
      g_free (card->title);
      card->title = nonempty (unescape (prop->value));
    }
  else if (strcmp (name, "NOTE") == 0)
    {
      g_free (card->note);
      card->note = nonempty (unescape (prop->value));
    }
  else if (strcmp (name, "UID") == 0)
    {
      g_free (card->uid);
      card->uid = nonempty (unescape (prop->value));
    }
  else if (strcmp (name, "URL") == 0)
    {
      g_free (card->url);
      card->url = nonempty (unescape (prop->value));
    }
  else if (strcmp (name, "ADR") == 0)
    {
      g_free (card->adr);
      card->adr = join_components (prop->value, ", ");
    }
  else if (strcmp (name, "TEL") == 0 || strcmp (name, "EMAIL") == 0)
    {
      char *value = nonempty (unescape (prop->value));
      CrmVcardValue *v;

      if (value == NULL)
        return;
      if (g_ascii_strncasecmp (value, "tel:", 4) == 0 || g_ascii_strncasecmp (value, "mailto:", 7) == 0)
        {
          char *colon = strchr (value, ':');
          char *stripped = g_strdup (colon + 1);
          g_free (value);
          value = stripped;
        }
      v = g_new0 (CrmVcardValue, 1);
      v->value = value;
      v->type = g_strdup (prop->types);
      g_ptr_array_add (name[0] == 'T' ? card->phones : card->emails, v);
    }
}

/**
 * crm_vcard_reader_next:
 * @r: a reader
 * @card_out: (out) (transfer full): the next card
 * @error: return location for a #GError
 *
 * Reads one card. After an error in a card, the next call goes on from
 * the next BEGIN:VCARD, so one broken card does not hide the rest.
 *
 * Returns: %TRUE with a card; %FALSE at the end (@error unset) or on error
 */
gboolean
crm_vcard_reader_next (CrmVcardReader  *r,
                       CrmVcard       **card_out,
                       GError         **error)
{
  g_autoptr(CrmVcard) card = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  guint begin_line = 0;
  char *line;
  guint line_no = 0;

  /* Find BEGIN:VCARD, skipping whatever precedes it. */
  while (!r->begin_pending)
    {
      line = next_logical (r, &line_no, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_ascii_strcasecmp (g_strstrip (line), "BEGIN:VCARD") == 0)
        {
          g_free (line);
          break;
        }
      g_free (line);
    }
  if (r->begin_pending)
    {
      line_no = r->begin_pending_line;
      r->begin_pending = FALSE;
    }
  begin_line = line_no;

  card = g_new0 (CrmVcard, 1);
  card->line = begin_line;
  card->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_value_free);
  card->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_value_free);

  for (;;)
    {
      Property prop = { 0 };

      line = next_logical (r, &line_no, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                         _("Line %u: the card has no END:VCARD"), begin_line);
          return FALSE;
        }
      size += strlen (line);
      if (size > MAX_CARD)
        {
          g_free (line);
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE,
                       _("Line %u: card larger than %u bytes"), begin_line, MAX_CARD);
          return FALSE;
        }
      if (g_ascii_strncasecmp (line, "END:VCARD", 9) == 0)
        {
          g_free (line);
          break;
        }
      if (g_ascii_strncasecmp (line, "BEGIN:VCARD", 11) == 0)
        {
          /* A card that never ended: report it and start over with this one. */
          g_free (line);
          r->begin_pending = TRUE;
          r->begin_pending_line = line_no;
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_SYNTAX,
                       _("Line %u: the card has no END:VCARD"), begin_line);
          return FALSE;
        }
      if (!parse_property (line, line_no, &prop, error))
        {
          g_free (line);
          property_clear (&prop);
          return FALSE;
        }
      g_free (line);
      apply_property (card, &prop);
      property_clear (&prop);
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
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Folds at 75 octets, never inside a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize col = 0;

  for (const char *p = line; *p; )
    {
      const char *next = g_utf8_next_char (p);
      gsize len = next - p;

      if (col + len > 75)
        {
          g_string_append (out, "\r\n ");
          col = 1;
        }
      g_string_append_len (out, p, len);
      col += len;
      p = next;
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

/**
 * crm_vcard_to_string_30:
 * @card: a card
 *
 * Returns: (transfer full): the card as vCard 3.0 text with CRLF line ends
 */
char *
crm_vcard_to_string_30 (const CrmVcard *card)
{
  GString *out = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\n");
  g_autoptr(GString) n = g_string_new ("N:");

  append_escaped (n, card->last ? card->last : "");
  g_string_append_c (n, ';');
  append_escaped (n, card->first ? card->first : "");
  g_string_append_c (n, ';');
  append_escaped (n, card->middle ? card->middle : "");
  g_string_append (n, ";;");
  if (card->last == NULL && card->first == NULL && card->fn != NULL)
    {
      g_string_assign (n, "N:");
      append_escaped (n, card->fn);
      g_string_append (n, ";;;;");
    }
  append_folded (out, n->str);
  add_line (out, "FN", card->fn ? card->fn : (card->org ? card->org : ""));
  if (card->org)
    add_line (out, "ORG", card->org);
  if (card->title)
    add_line (out, "TITLE", card->title);
  for (guint i = 0; card->phones && i < card->phones->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (card->phones, i);
      g_autoptr(GString) type = g_string_new (NULL);
      g_autofree char *name = NULL;

      /* Only parameter-safe characters: a type read from a broken card
       * must not break the card written. */
      for (const char *p = v->type ? v->type : ""; *p; p++)
        if (g_ascii_isalnum (*p) || *p == ',' || *p == '-')
          g_string_append_c (type, g_ascii_tolower (*p));
      name = g_strdup_printf ("TEL;TYPE=%s", type->len > 0 ? type->str : "voice");

      add_line (out, name, v->value ? v->value : "");
    }
  for (guint i = 0; card->emails && i < card->emails->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (card->emails, i);

      add_line (out, "EMAIL;TYPE=INTERNET", v->value ? v->value : "");
    }
  if (card->adr)
    {
      g_autoptr(GString) adr = g_string_new ("ADR:;;");
      append_escaped (adr, card->adr);
      g_string_append (adr, ";;;;");
      append_folded (out, adr->str);
    }
  if (card->url)
    add_line (out, "URL", card->url);
  if (card->note)
    add_line (out, "NOTE", card->note);
  if (card->uid)
    add_line (out, "UID", card->uid);
  g_string_append (out, "END:VCARD\r\n");
  return g_string_free (out, FALSE);
}
