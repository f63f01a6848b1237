/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-phone"

#include "config.h"

#include "crm-phone.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-text.h"

/*
 * Phone numbers as people type them into a CRM: with trunk prefixes,
 * brackets, dashes, no-break spaces pasted from web pages and extensions
 * tacked on. Everything is turned into E.164 ("+79123456789") so one index
 * finds the same number however it was written; the extension is kept
 * apart because it does not identify the line.
 *
 * This parser is fuzzed: it reads at most one character past what it has
 * checked, and never trusts a length it has not counted itself.
 */

/* E.164 allows 15 digits; more than this many is rejected before any rule
 * looks at them, so the rules may index the buffer freely. */
#define MAX_DIGITS 32
#define E164_MIN   8
#define E164_MAX   15
#define MAX_EXT    10

typedef enum {
  REGION_NONE,
  REGION_RU,
  REGION_KZ,
  REGION_BY,
  REGION_UA,
  REGION_NANP,
  REGION_DE,
} Region;

typedef struct
{
  char     digits[MAX_DIGITS + 1];
  guint    n;
  gboolean plus;
  char     ext[MAX_EXT + 1];
} Parsed;

/* Lowercase; longer markers before their prefixes. "х" is Cyrillic: it
 * looks like x and people type it for one. */
static const char * const ext_markers[] = {
  "добавочный", "доб", "доп", "extension", "ext", "x", "х", "#",
};

/* Country codes of two digits (ITU-T E.164 assignments); 1 and 7 are the
 * one-digit codes, everything else has three. Only used for display. */
static const char * const two_digit_codes[] = {
  "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43",
  "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56",
  "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
  "86", "90", "91", "92", "93", "94", "95", "98",
};

static Region
parse_region (const char *region)
{
  if (region == NULL || *region == '\0' || g_ascii_strcasecmp (region, "RU") == 0)
    return REGION_RU;
  if (g_ascii_strcasecmp (region, "KZ") == 0)
    return REGION_KZ;
  if (g_ascii_strcasecmp (region, "BY") == 0)
    return REGION_BY;
  if (g_ascii_strcasecmp (region, "UA") == 0)
    return REGION_UA;
  if (g_ascii_strcasecmp (region, "US") == 0 || g_ascii_strcasecmp (region, "CA") == 0)
    return REGION_NANP;
  if (g_ascii_strcasecmp (region, "DE") == 0)
    return REGION_DE;
  return REGION_NONE;
}

static gboolean
is_separator (gunichar c)
{
  switch (c)
    {
    case '-':
    case '.':
    case '(':
    case ')':
    case '/':
    case 0x2010: /* hyphen … horizontal bar */
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: /* minus sign */
      return TRUE;
    default:
      /* Spaces of every kind, and the invisible marks (LRM, zero-width
       * space, soft hyphen) that come along when copying from web pages. */
      return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
    }
}

/* Returns the end of the extension marker at @p, or %NULL. */
static const char *
match_marker (const char *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (ext_markers); i++)
    {
      const char *m = ext_markers[i];
      const char *q = p;

      while (*m != '\0' && *q != '\0' &&
             g_unichar_tolower (g_utf8_get_char (q)) == g_utf8_get_char (m))
        {
          m = g_utf8_next_char (m);
          q = g_utf8_next_char (q);
        }
      if (*m == '\0')
        return q;
    }
  return NULL;
}

static gboolean
bad_character (gunichar   c,
               GError   **error)
{
  char buf[16];

  if (g_unichar_isprint (c) && !g_unichar_isspace (c))
    buf[g_unichar_to_utf8 (c, buf)] = '\0';
  else
    g_snprintf (buf, sizeof buf, "U+%04X", c);
  g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHARACTERS,
               _("Phone: unexpected character “%s”"), buf);
  return FALSE;
}

static gboolean
too_few (guint     n,
         guint     need,
         GError  **error)
{
  g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
               _("Phone: too few digits (%u, need %u)"), n, need);
  return FALSE;
}

static gboolean
too_many (guint     n,
          guint     most,
          GError  **error)
{
  g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
               _("Phone: too many digits (%u, at most %u)"), n, most);
  return FALSE;
}

static gboolean
bad_format (const char  *message,
            GError     **error)
{
  g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT, message);
  return FALSE;
}

/* After "доб." etc.: the extension digits, then only closing punctuation. */
static gboolean
scan_extension (const char  *p,
                gunichar     marker,
                Parsed      *out,
                GError     **error)
{
  const char *start = p;
  guint n = 0;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (!(g_unichar_isspace (c) || c == '.' || c == ':' || c == 0x2116 /* № */))
        break;
      p = g_utf8_next_char (p);
    }

  while (*p >= '0' && *p <= '9')
    {
      if (n == MAX_EXT)
        {
          g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                       _("Phone: extension too long (at most %u digits)"), MAX_EXT);
          return FALSE;
        }
      out->ext[n++] = *p++;
    }
  out->ext[n] = '\0';

  if (n == 0)
    {
      if (*p == '\0')
        return bad_format (_("Phone: extension number missing"), error);
      /* "extra" is a word, not "ext" + "ra": blame its first letter. */
      return bad_character (p == start ? marker : g_utf8_get_char (p), error);
    }

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (!(g_unichar_isspace (c) || c == ')' || c == '.'))
        return bad_character (c, error);
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

static gboolean
scan (const char  *s,
      Parsed      *out,
      GError     **error)
{
  const char *p = s;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c >= '0' && c <= '9')
        {
          if (out->n < MAX_DIGITS)
            out->digits[out->n] = (char) c;
          if (out->n < G_MAXUINT)
            out->n++;
        }
      else if (c == '+')
        {
          if (out->n > 0 || out->plus)
            return bad_character (c, error);
          out->plus = TRUE;
        }
      else if (!is_separator (c))
        {
          const char *marker = p;
          const char *after;

          /* "…45-67, доб. 12" */
          if (c == ',' || c == ';')
            {
              marker = next;
              while (*marker != '\0' && g_unichar_isspace (g_utf8_get_char (marker)))
                marker = g_utf8_next_char (marker);
            }
          after = match_marker (marker);
          if (after == NULL || out->n == 0)
            return bad_character (c, error);
          return scan_extension (after, c, out, error);
        }
      p = next;
    }
  return TRUE;
}

static gboolean
is_ru_area (char d)
{
  return d == '3' || d == '4' || d == '5' || d == '6' || d == '8' || d == '9';
}

static gboolean
is_zone7_area (char d)
{
  return d >= '3' && d <= '9';
}

/* North American numbers: area code and exchange never start with 0 or 1. */
static gboolean
is_nanp (const char *nsn)
{
  return nsn[0] >= '2' && nsn[0] <= '9' && nsn[3] >= '2' && nsn[3] <= '9';
}

/* A number written with + or 00: its own country code decides. */
static gboolean
resolve_international (const char  *d,
                       guint        n,
                       Region       region,
                       GString     *e164,
                       GError     **error)
{
  /* "+8 912 …": the trunk 8 typed with a plus. No country code begins
   * with 89, so in the +7 zone this can only be a Russian number. */
  if ((region == REGION_RU || region == REGION_KZ) && n == 11 && d[0] == '8' && d[1] == '9')
    {
      g_string_append (e164, "+7");
      g_string_append_len (e164, d + 1, 10);
      return TRUE;
    }

  if (n == 0)
    return too_few (n, E164_MIN, error);
  if (d[0] == '0')
    return bad_format (_("Phone: a country code never starts with 0"), error);

  if (d[0] == '7')
    {
      if (n < 11)
        return too_few (n, 11, error);
      if (n > 11)
        return too_many (n, 11, error);
      if (!is_zone7_area (d[1]))
        return bad_format (_("Phone: not a Russian or Kazakh number"), error);
    }
  else if (d[0] == '1')
    {
      if (n < 11)
        return too_few (n, 11, error);
      if (n > 11)
        return too_many (n, 11, error);
      if (!is_nanp (d + 1))
        return bad_format (_("Phone: not a North American number"), error);
    }
  else if (n >= 3 && (strncmp (d, "375", 3) == 0 || strncmp (d, "380", 3) == 0))
    {
      if (n < 12)
        return too_few (n, 12, error);
      if (n > 12)
        return too_many (n, 12, error);
    }
  else if (n < E164_MIN)
    return too_few (n, E164_MIN, error);
  else if (n > E164_MAX)
    return too_many (n, E164_MAX, error);

  g_string_append_c (e164, '+');
  g_string_append_len (e164, d, n);
  return TRUE;
}

/* A number written without a country code: the region's rules apply. */
static gboolean
resolve_national (const char  *d,
                  guint        n,
                  Region       region,
                  GString     *e164,
                  GError     **error)
{
  const char *cc = NULL;
  const char *nsn = NULL;
  guint nsn_len = 0;

  switch (region)
    {
    case REGION_RU:
    case REGION_KZ:
      if (n < 10)
        return too_few (n, 10, error);
      if (n > 11)
        return too_many (n, 11, error);
      if (n == 11 && d[0] != '8' && d[0] != '7')
        return bad_format (region == REGION_RU ? _("Phone: not a Russian number")
                                               : _("Phone: not a Kazakh number"), error);
      nsn = n == 11 ? d + 1 : d;
      if (region == REGION_RU ? !is_ru_area (nsn[0]) : !is_zone7_area (nsn[0]))
        return bad_format (region == REGION_RU ? _("Phone: not a Russian number")
                                               : _("Phone: not a Kazakh number"), error);
      cc = "7";
      nsn_len = 10;
      break;

    case REGION_BY:
      /* 29 123-45-67; 8 029 123-45-67 (old trunk); 0 29 … (new trunk). */
      if (n < 9)
        return too_few (n, 9, error);
      if (n > 12)
        return too_many (n, 12, error);
      if (n == 9)
        nsn = d;
      else if (n == 10 && d[0] == '0')
        nsn = d + 1;
      else if (n == 11 && d[0] == '8' && d[1] == '0')
        nsn = d + 2;
      else if (n == 12 && strncmp (d, "375", 3) == 0)
        nsn = d + 3;
      else
        return bad_format (_("Phone: not a Belarusian number"), error);
      cc = "375";
      nsn_len = 9;
      break;

    case REGION_UA:
      /* 044 123 45 67; 8 044 … (old trunk). */
      if (n < 9)
        return too_few (n, 9, error);
      if (n > 12)
        return too_many (n, 12, error);
      if (n == 9 && d[0] != '0')
        nsn = d;
      else if (n == 10 && d[0] == '0')
        nsn = d + 1;
      else if (n == 11 && d[0] == '8' && d[1] == '0')
        nsn = d + 2;
      else if (n == 12 && strncmp (d, "380", 3) == 0)
        nsn = d + 3;
      else
        return bad_format (_("Phone: not a Ukrainian number"), error);
      cc = "380";
      nsn_len = 9;
      break;

    case REGION_NANP:
      if (n < 10)
        return too_few (n, 10, error);
      if (n > 11)
        return too_many (n, 11, error);
      if (n == 11 && d[0] != '1')
        return bad_format (_("Phone: not a North American number"), error);
      nsn = n == 11 ? d + 1 : d;
      if (!is_nanp (nsn))
        return bad_format (_("Phone: not a North American number"), error);
      cc = "1";
      nsn_len = 10;
      break;

    case REGION_DE:
      /* National numbers start with the trunk 0 and have 6–13 digits
       * after it; "49…" without the 0 is the country code typed bare. */
      if (n > 0 && d[0] == '0')
        {
          nsn = d + 1;
          nsn_len = n - 1;
        }
      else if (n > 2 && d[0] == '4' && d[1] == '9')
        {
          nsn = d + 2;
          nsn_len = n - 2;
        }
      else
        return bad_format (_("Phone: a German number starts with 0"), error);
      if (nsn_len < 6)
        return too_few (n, n - nsn_len + 6, error);
      if (nsn_len > 13)
        return too_many (n, n - nsn_len + 13, error);
      if (nsn[0] == '0')
        return bad_format (_("Phone: a German number starts with 0"), error);
      cc = "49";
      break;

    case REGION_NONE:
    default:
      return bad_format (_("Phone: no country code (start with +)"), error);
    }

  g_string_append_c (e164, '+');
  g_string_append (e164, cc);
  g_string_append_len (e164, nsn, nsn_len);
  return TRUE;
}

static guint
country_code_length (const char *digits)
{
  if (digits[0] == '1' || digits[0] == '7')
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (two_digit_codes); i++)
    if (strncmp (digits, two_digit_codes[i], 2) == 0)
      return 2;
  return 3;
}

/* "1234567890" → "123 456 78 90": threes, never a lone trailing digit. */
static void
append_groups (GString    *out,
               const char *d,
               gsize       len)
{
  while (len > 0)
    {
      gsize take = len == 4 ? 2 : MIN (len, 3);

      g_string_append_c (out, ' ');
      g_string_append_len (out, d, take);
      d += take;
      len -= take;
    }
}

/**
 * crm_phone_normalize:
 * @raw: (nullable): a phone number as typed
 * @region: (nullable): ISO 3166 code of the country to assume for numbers
 *   without a country code: "RU" (the default), "KZ", "BY", "UA", "US",
 *   "CA" or "DE"; with any other code only numbers starting with + or 00
 *   are accepted
 * @e164: (out) (optional) (nullable): the number as E.164, "+79123456789"
 * @extension: (out) (optional) (nullable): the extension digits ("доб. 12",
 *   "ext 12", "x12", "#12"), or %NULL
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Normalizes a phone number. For Russia `8 (912) 345-67-89`,
 * `+7 912 345 67 89`, `7-912-345-67-89` and `9123456789` all give
 * "+79123456789". Spaces (no-break ones too), dashes, dots, brackets and
 * slashes separate digits; anything else is refused with the offending
 * character named. Any bytes are safe: invalid UTF-8 is refused too.
 *
 * Returns: %TRUE if @raw is a phone number
 */
gboolean
crm_phone_normalize (const char  *raw,
                     const char  *region,
                     char       **e164,
                     char       **extension,
                     GError     **error)
{
  Parsed parsed = { 0 };
  Region reg = parse_region (region);
  g_autoptr(GString) out = NULL;
  const char *d;
  guint n;
  gboolean plus;

  if (e164 != NULL)
    *e164 = NULL;
  if (extension != NULL)
    *extension = NULL;

  if (raw == NULL || crm_text_is_blank (raw))
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Phone: empty"));
      return FALSE;
    }
  if (!g_utf8_validate (raw, -1, NULL))
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHARACTERS,
                           _("Phone: not valid text"));
      return FALSE;
    }

  if (!scan (raw, &parsed, error))
    return FALSE;

  if (parsed.n == 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Phone: no digits"));
      return FALSE;
    }
  if (parsed.n > MAX_DIGITS)
    return too_many (parsed.n, E164_MAX, error);

  d = parsed.digits;
  n = parsed.n;
  plus = parsed.plus;

  /* International prefixes: 00 almost everywhere, 8 10 in the +7 zone and
   * Belarus (never a national number there: no area starts with 1). */
  if (!plus && n > 2 && d[0] == '0' && d[1] == '0')
    {
      plus = TRUE;
      d += 2;
      n -= 2;
    }
  else if (!plus && n > 11 && strncmp (d, "810", 3) == 0 &&
           (reg == REGION_RU || reg == REGION_KZ || reg == REGION_BY))
    {
      plus = TRUE;
      d += 3;
      n -= 3;
    }

  out = g_string_new (NULL);
  if (plus ? !resolve_international (d, n, reg, out, error)
           : !resolve_national (d, n, reg, out, error))
    return FALSE;

  if (e164 != NULL)
    *e164 = g_string_free (g_steal_pointer (&out), FALSE);
  if (extension != NULL && parsed.ext[0] != '\0')
    *extension = g_strdup (parsed.ext);
  return TRUE;
}

/**
 * crm_phone_format:
 * @e164: (nullable): a number as crm_phone_normalize() returns it
 *
 * Formats a number for people: "+7 912 345-67-89" in the +7 zone,
 * "+1 415 555-0100", "+375 29 123-45-67", "+380 44 123-45-67"; other
 * countries get the code and the rest in simple groups. Anything that is
 * not E.164 is returned unchanged.
 *
 * Returns: (transfer full) (nullable): the formatted number, %NULL for %NULL
 */
char *
crm_phone_format (const char *e164)
{
  const char *d;
  gsize n;
  GString *out;
  guint cc_len;

  if (e164 == NULL)
    return NULL;

  n = strlen (e164);
  if (e164[0] != '+' || n - 1 < E164_MIN || n - 1 > E164_MAX ||
      strspn (e164 + 1, "0123456789") != n - 1 || e164[1] == '0')
    return g_strdup (e164);

  d = e164 + 1;
  n -= 1;

  if (d[0] == '7' && n == 11)
    return g_strdup_printf ("+7 %.3s %.3s-%.2s-%.2s", d + 1, d + 4, d + 7, d + 9);
  if (d[0] == '1' && n == 11)
    return g_strdup_printf ("+1 %.3s %.3s-%.4s", d + 1, d + 4, d + 7);
  if (n == 12 && (strncmp (d, "375", 3) == 0 || strncmp (d, "380", 3) == 0))
    return g_strdup_printf ("+%.3s %.2s %.3s-%.2s-%.2s", d, d + 3, d + 5, d + 8, d + 10);

  cc_len = country_code_length (d);
  out = g_string_new ("+");
  g_string_append_len (out, d, cc_len);
  append_groups (out, d + cc_len, n - cc_len);
  return g_string_free (out, FALSE);
}

/**
 * crm_phone_digits:
 * @raw: (nullable): any text
 *
 * Returns: (transfer full): the ASCII digits of @raw in order, "" for %NULL
 */
char *
crm_phone_digits (const char *raw)
{
  GString *out = g_string_new (NULL);

  for (const char *p = raw; p != NULL && *p != '\0'; p++)
    if (*p >= '0' && *p <= '9')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}
