/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include "crm-vcard.h"
#include "crm-vcard-private.h"

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
    crm_vcard_add_types (list, types);
  if (extra != NULL)
    crm_vcard_add_types (list, extra);
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
