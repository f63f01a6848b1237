/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-validate"

#include "config.h"

#include "crm-validate.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"

/*
 * E-mail addresses: strict enough to catch typos ("ivan@mail", "ivan@@mail.ru",
 * "ivan@mail..ru"), lenient enough for what people really have: internationalized
 * addresses (RFC 6531, "иван@почта.рф"), quoted local parts, and "Name <addr>"
 * pasted from a mail client.
 */

#define LOCAL_MAX  64
#define LABEL_MAX  63
#define DOMAIN_MAX 253
#define TOTAL_MAX  254

/* RFC 5322 atext besides letters and digits. */
static const char atext_specials[] = "!#$%&'*+-/=?^_`{|}~";

static gboolean
set_error (GError           **error,
           CrmValidateError   code,
           const char        *message)
{
  g_set_error_literal (error, CRM_VALIDATE_ERROR, code, message);
  return FALSE;
}

static gboolean
bad_character (gunichar   c,
               GError   **error)
{
  char buf[16];

  if (g_unichar_isspace (c))
    return set_error (error, CRM_VALIDATE_ERROR_CHARACTERS, _("E-mail: contains a space"));

  if (g_unichar_isprint (c))
    buf[g_unichar_to_utf8 (c, buf)] = '\0';
  else
    g_snprintf (buf, sizeof buf, "U+%04X", c);
  g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHARACTERS,
               _("E-mail: unexpected character “%s”"), buf);
  return FALSE;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  /* Letters and digits of any script, and the combining marks that some
   * scripts need (й written as и + breve). */
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_blank_edge (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

/* Strips whitespace and invisible marks (BOM, zero-width space) at both
 * ends; @s must be valid UTF-8. */
static char *
trim (const char *s)
{
  const char *start = s;
  const char *end = s + strlen (s);

  while (*start != '\0' && is_blank_edge (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank_edge (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static gboolean
check_dot_atom (const char  *local,
                GError     **error)
{
  gunichar prev = '.';

  for (const char *p = local; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.')
        {
          if (prev == '.')
            return set_error (error, CRM_VALIDATE_ERROR_FORMAT,
                              _("E-mail: misplaced dot before “@”"));
        }
      else if (!is_word_char (c) && (c >= 0x80 || strchr (atext_specials, (int) c) == NULL))
        return bad_character (c, error);
      prev = c;
    }
  if (prev == '.')
    return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: misplaced dot before “@”"));
  return TRUE;
}

/* Returns the end of the quoted string that starts at @s ("…"), or NULL
 * with @error set. */
static const char *
skip_quoted (const char  *s,
             GError     **error)
{
  const char *p = s + 1;

  while (*p != '"')
    {
      gunichar c;

      if (*p == '\0')
        {
          set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: unclosed quote"));
          return NULL;
        }
      if (*p == '\\')
        {
          p++;
          if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
            {
              bad_character (*p == '\0' ? '\\' : g_utf8_get_char (p), error);
              return NULL;
            }
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (c < 0x20 || c == 0x7f)
        {
          bad_character (c, error);
          return NULL;
        }
      p = g_utf8_next_char (p);
    }
  return p + 1;
}

static gboolean
check_domain (const char  *domain,
              GError     **error)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (*domain == '\0')
    return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: nothing after “@”"));
  if (g_utf8_strlen (domain, -1) > DOMAIN_MAX)
    return set_error (error, CRM_VALIDATE_ERROR_LENGTH, _("E-mail: the part after “@” is too long"));

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      const char *last = NULL;

      if (*label == '\0')
        return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: misplaced dot after “@”"));
      if (g_utf8_strlen (label, -1) > LABEL_MAX)
        return set_error (error, CRM_VALIDATE_ERROR_LENGTH, _("E-mail: a part of the domain is too long"));
      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != '-' && !is_word_char (c))
            return bad_character (c, error);
          last = p;
        }
      if (label[0] == '-' || *last == '-')
        return set_error (error, CRM_VALIDATE_ERROR_FORMAT,
                          _("E-mail: a part of the domain starts or ends with “-”"));
    }

  if (n < 2)
    return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: the domain has no dot"));

  /* Top-level domains are letters (ru, рф, museum) or their punycode. */
  {
    const char *tld = labels[n - 1];
    gboolean letters = g_utf8_strlen (tld, -1) >= 2;

    for (const char *p = tld; *p != '\0' && letters; p = g_utf8_next_char (p))
      letters = g_unichar_isalpha (g_utf8_get_char (p));
    if (!letters && strncmp (tld, "xn--", 4) != 0)
      {
        g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                     _("E-mail: “.%s” is not a domain ending"), tld);
        return FALSE;
      }
  }
  return TRUE;
}

/**
 * crm_email_normalize:
 * @raw: (nullable): an e-mail address as typed, or "Name <address>"
 * @normalized: (out) (optional) (nullable): the address with the domain
 *   lowercased and the part before "@" as typed
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Checks an e-mail address: exactly one "@"; before it 1–64 characters of
 * RFC 5322 atext with single inner dots, or a quoted string; after it
 * dot-separated labels of letters (Cyrillic ones too: "почта.рф"), digits
 * and inner hyphens, ending in a top-level domain of two or more letters;
 * 254 characters at most. Surrounding whitespace, a "mailto:" prefix and a
 * display name with angle brackets are dropped.
 *
 * Duplicates are found with crm_email_key(), not with the result.
 *
 * Returns: %TRUE if @raw is an e-mail address
 */
gboolean
crm_email_normalize (const char  *raw,
                     char       **normalized,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *local = NULL;
  g_autofree char *nfkc = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *domain = NULL;
  const char *addr;
  const char *at;
  gsize len;

  if (normalized != NULL)
    *normalized = NULL;

  if (raw == NULL)
    return set_error (error, CRM_VALIDATE_ERROR_EMPTY, _("E-mail: empty"));
  if (!g_utf8_validate (raw, -1, NULL))
    return set_error (error, CRM_VALIDATE_ERROR_CHARACTERS, _("E-mail: not valid text"));

  trimmed = trim (raw);
  len = strlen (trimmed);

  /* "Иван Петров <ivan@mail.ru>" */
  if (len > 0 && trimmed[len - 1] == '>')
    {
      char *lt = strrchr (trimmed, '<');
      char *inner;

      if (lt == NULL)
        return bad_character ('>', error);
      trimmed[len - 1] = '\0';
      inner = trim (lt + 1);
      g_free (trimmed);
      trimmed = inner;
    }
  addr = trimmed;
  if (g_ascii_strncasecmp (addr, "mailto:", 7) == 0)
    addr += 7;

  if (*addr == '\0')
    return set_error (error, CRM_VALIDATE_ERROR_EMPTY, _("E-mail: empty"));

  if (addr[0] == '"')
    {
      const char *end = skip_quoted (addr, error);

      if (end == NULL)
        return FALSE;
      if (*end == '\0')
        return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: no “@”"));
      if (*end != '@')
        return bad_character (g_utf8_get_char (end), error);
      at = end;
    }
  else
    {
      at = strchr (addr, '@');
      if (at == NULL)
        return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: no “@”"));
    }
  if (strchr (at + 1, '@') != NULL)
    return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: more than one “@”"));
  if (at == addr)
    return set_error (error, CRM_VALIDATE_ERROR_FORMAT, _("E-mail: nothing before “@”"));

  if (g_utf8_strlen (addr, -1) > TOTAL_MAX)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("E-mail: too long (%u characters, at most %u)"),
                   (guint) g_utf8_strlen (addr, -1), TOTAL_MAX);
      return FALSE;
    }

  local = g_strndup (addr, at - addr);
  if (g_utf8_strlen (local, -1) > LOCAL_MAX)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("E-mail: the part before “@” is too long (%u characters, at most %u)"),
                   (guint) g_utf8_strlen (local, -1), LOCAL_MAX);
      return FALSE;
    }
  if (local[0] != '"' && !check_dot_atom (local, error))
    return FALSE;

  /* Domains are case-insensitive and compare after NFKC (full-width
   * letters typed in an IME are the same domain). Normalized again after
   * lowercasing, which can decompose (İ → i̇), so that normalizing twice
   * changes nothing. */
  nfkc = g_utf8_normalize (at + 1, -1, G_NORMALIZE_NFKC);
  lower = g_utf8_strdown (nfkc, -1);
  domain = g_utf8_normalize (lower, -1, G_NORMALIZE_NFKC);
  if (!check_domain (domain, error))
    return FALSE;

  if (normalized != NULL)
    *normalized = g_strconcat (local, "@", domain, NULL);
  return TRUE;
}

/**
 * crm_email_key:
 * @normalized: (nullable): an address from crm_email_normalize()
 *
 * The duplicate-detection key: the whole address lowercased. Strictly the
 * part before "@" is case-sensitive, but no mail service people use treats
 * it so, and "Ivan@" and "ivan@" are one person.
 *
 * Returns: (transfer full) (nullable): the key, %NULL for %NULL
 */
char *
crm_email_key (const char *normalized)
{
  g_autofree char *valid = NULL;

  if (normalized == NULL)
    return NULL;
  valid = g_utf8_make_valid (normalized, -1);
  return g_utf8_strdown (valid, -1);
}
