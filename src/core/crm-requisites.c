/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-requisites"

#include "config.h"

#include "crm-requisites.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"

/*
 * Russian company requisites. Check digits catch the usual typo (one digit
 * wrong or two swapped), so a client card never keeps an INN that the tax
 * service or a bank would refuse. Spaces (people copy "7707 083 893" from
 * PDFs) are ignored; anything else that is not allowed is named.
 */

static const guint inn10_weights[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
static const guint inn11_weights[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
static const guint inn12_weights[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };

static gboolean
fail (GError           **error,
      CrmValidateError   code,
      const char        *format,
      const char        *field)
{
  g_set_error (error, CRM_VALIDATE_ERROR, code, format, field);
  return FALSE;
}

/* @s without whitespace or invisible marks; %NULL with @error set when
 * it is missing, empty or not text. */
static char *
strip_spaces (const char  *field,
              const char  *s,
              GError     **error)
{
  GString *out;

  if (s != NULL && !g_utf8_validate (s, -1, NULL))
    {
      /* Translators: %s is a field name such as “INN” */
      fail (error, CRM_VALIDATE_ERROR_CHARACTERS, _("%s: not valid text"), field);
      return NULL;
    }

  out = g_string_new (NULL);
  for (const char *p = s; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_FORMAT)
        g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      /* Translators: %s is a field name such as “INN” */
      fail (error, CRM_VALIDATE_ERROR_EMPTY, _("%s: empty"), field);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
not_a_digit (const char  *field,
             const char  *p,
             GError     **error)
{
  char buf[8];

  buf[g_unichar_to_utf8 (g_utf8_get_char (p), buf)] = '\0';
  /* Translators: the first %s is a field name such as “INN”, the second
   * the character that was typed */
  g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHARACTERS,
               _("%s: “%s” is not a digit"), field, buf);
  return FALSE;
}

/* Strips spaces and checks that only digits are left. */
static char *
digits_of (const char  *field,
           const char  *s,
           GError     **error)
{
  g_autofree char *stripped = strip_spaces (field, s, error);
  gboolean zeros = TRUE;

  if (stripped == NULL)
    return NULL;
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isdigit (*p))
        {
          not_a_digit (field, p, error);
          return NULL;
        }
      zeros = zeros && *p == '0';
    }
  /* "0000000000" passes every checksum here; it is a placeholder. */
  if (zeros)
    {
      /* Translators: %s is a field name such as “INN” */
      fail (error, CRM_VALIDATE_ERROR_FORMAT, _("%s: only zeros"), field);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

static guint
weighted_sum (const char  *d,
              const guint *weights,
              guint        n)
{
  guint sum = 0;

  for (guint i = 0; i < n; i++)
    sum += (guint) (d[i] - '0') * weights[i];
  return sum;
}

static gboolean
bad_checksum (const char  *field,
              GError     **error)
{
  /* Translators: %s is a field name such as “INN” */
  return fail (error, CRM_VALIDATE_ERROR_CHECKSUM, _("%s: checksum does not match"), field);
}

/* (the first @n digits as a number) mod @m mod 10 is the next digit. */
static gboolean
ogrn_checksum (const char *d,
               guint       n,
               guint       m)
{
  guint64 value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint64) (d[i] - '0');
  return (guint) (value % m % 10) == (guint) (d[n] - '0');
}

/**
 * crm_inn_validate:
 * @inn: (nullable): an INN (ИНН)
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Checks a taxpayer number: 10 digits for an organization, 12 for a person
 * or sole proprietor, with the check digits of the Federal Tax Service.
 *
 * Returns: %TRUE if @inn is valid
 */
gboolean
crm_inn_validate (const char  *inn,
                  GError     **error)
{
  const char *field = _("INN");
  g_autofree char *d = digits_of (field, inn, error);
  gsize n;

  if (d == NULL)
    return FALSE;

  n = strlen (d);
  if (n == 10)
    {
      if (weighted_sum (d, inn10_weights, 9) % 11 % 10 != (guint) (d[9] - '0'))
        return bad_checksum (field, error);
      return TRUE;
    }
  if (n == 12)
    {
      if (weighted_sum (d, inn11_weights, 10) % 11 % 10 != (guint) (d[10] - '0') ||
          weighted_sum (d, inn12_weights, 11) % 11 % 10 != (guint) (d[11] - '0'))
        return bad_checksum (field, error);
      return TRUE;
    }

  g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
               _("INN: need 10 or 12 digits, got %u"), (guint) n);
  return FALSE;
}

/**
 * crm_kpp_validate:
 * @kpp: (nullable): a KPP (КПП)
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Checks a tax registration reason code: 9 characters, the tax office
 * (4 digits), the reason (2 digits or capital Latin letters) and a serial
 * number (3 digits). KPP has no check digit.
 *
 * Returns: %TRUE if @kpp is well-formed
 */
gboolean
crm_kpp_validate (const char  *kpp,
                  GError     **error)
{
  const char *field = _("KPP");
  g_autofree char *s = strip_spaces (field, kpp, error);
  glong n;
  guint i = 0;

  if (s == NULL)
    return FALSE;

  n = g_utf8_strlen (s, -1);
  if (n != 9)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("KPP: need 9 characters, got %u"), (guint) n);
      return FALSE;
    }

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gboolean reason = i == 4 || i == 5;

      if (g_ascii_isdigit (*p) || (reason && *p >= 'A' && *p <= 'Z'))
        continue;
      if (!reason)
        return not_a_digit (field, p, error);

      {
        char buf[8];

        buf[g_unichar_to_utf8 (g_utf8_get_char (p), buf)] = '\0';
        g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHARACTERS,
                     _("KPP: “%s” is neither a digit nor a capital Latin letter"), buf);
        return FALSE;
      }
    }
  return TRUE;
}

static gboolean
validate_ogrn_digits (const char  *field,
                      const char  *d,
                      GError     **error)
{
  gsize n = strlen (d);

  if (n == 13)
    return ogrn_checksum (d, 12, 11) || bad_checksum (field, error);
  if (n == 15)
    return ogrn_checksum (d, 14, 13) || bad_checksum (field, error);
  g_assert_not_reached ();
  return FALSE;
}

/**
 * crm_ogrn_validate:
 * @ogrn: (nullable): an OGRN (ОГРН) of an organization
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Checks a primary state registration number: 13 digits, the last one
 * being the first twelve as a number modulo 11, modulo 10.
 *
 * Returns: %TRUE if @ogrn is valid
 */
gboolean
crm_ogrn_validate (const char  *ogrn,
                   GError     **error)
{
  const char *field = _("OGRN");
  g_autofree char *d = digits_of (field, ogrn, error);

  if (d == NULL)
    return FALSE;
  if (strlen (d) != 13)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("OGRN: need 13 digits, got %u"), (guint) strlen (d));
      return FALSE;
    }
  return validate_ogrn_digits (field, d, error);
}

/**
 * crm_ogrnip_validate:
 * @ogrnip: (nullable): an OGRNIP (ОГРНИП) of a sole proprietor
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Checks a sole proprietor's registration number: 15 digits, the last one
 * being the first fourteen as a number modulo 13, modulo 10.
 *
 * Returns: %TRUE if @ogrnip is valid
 */
gboolean
crm_ogrnip_validate (const char  *ogrnip,
                     GError     **error)
{
  const char *field = _("OGRNIP");
  g_autofree char *d = digits_of (field, ogrnip, error);

  if (d == NULL)
    return FALSE;
  if (strlen (d) != 15)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("OGRNIP: need 15 digits, got %u"), (guint) strlen (d));
      return FALSE;
    }
  return validate_ogrn_digits (field, d, error);
}

/**
 * crm_ogrn_any_validate:
 * @ogrn: (nullable): an OGRN (13 digits) or an OGRNIP (15 digits)
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * For a single "ОГРН / ОГРНИП" field: checks whichever of the two the
 * length says it is. Messages name the field "OGRN".
 *
 * Returns: %TRUE if @ogrn is a valid OGRN or OGRNIP
 */
gboolean
crm_ogrn_any_validate (const char  *ogrn,
                       GError     **error)
{
  const char *field = _("OGRN");
  g_autofree char *d = digits_of (field, ogrn, error);
  gsize n;

  if (d == NULL)
    return FALSE;
  n = strlen (d);
  if (n != 13 && n != 15)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("OGRN: need 13 or 15 digits, got %u"), (guint) n);
      return FALSE;
    }
  return validate_ogrn_digits (field, d, error);
}

/* OKPO weights run 1…10 and repeat; the second try starts from 3. */
static guint
okpo_remainder (const char *d,
                guint       n,
                guint       offset)
{
  guint sum = 0;

  for (guint i = 0; i < n; i++)
    sum += (guint) (d[i] - '0') * ((i + offset) % 10 + 1);
  return sum % 11;
}

/**
 * crm_okpo_validate:
 * @okpo: (nullable): an OKPO (ОКПО) code
 * @error: return location for a #GError in %CRM_VALIDATE_ERROR
 *
 * Checks an OKPO code: 8 digits for an organization, 10 for a sole
 * proprietor. The check digit is the weighted sum (weights 1, 2, 3…) of the
 * other digits modulo 11; if that is 10, the sum is taken again with
 * weights 3, 4, 5…, and a second 10 means 0.
 *
 * Returns: %TRUE if @okpo is valid
 */
gboolean
crm_okpo_validate (const char  *okpo,
                   GError     **error)
{
  const char *field = _("OKPO");
  g_autofree char *d = digits_of (field, okpo, error);
  guint n;
  guint r;

  if (d == NULL)
    return FALSE;
  n = (guint) strlen (d);
  if (n != 8 && n != 10)
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_LENGTH,
                   _("OKPO: need 8 or 10 digits, got %u"), n);
      return FALSE;
    }

  r = okpo_remainder (d, n - 1, 0);
  if (r == 10)
    r = okpo_remainder (d, n - 1, 2);
  if (r == 10)
    r = 0;
  if (r != (guint) (d[n - 1] - '0'))
    return bad_checksum (field, error);
  return TRUE;
}

/**
 * crm_requisite_normalize:
 * @value: (nullable): an INN, KPP, OGRN or OKPO as typed: "7707 083-893"
 *
 * The digits alone when @value is digits with spaces and hyphens between
 * them, so requisites are stored and compared one way; anything else is
 * given back as is for the validators to reject with their reason.
 *
 * Returns: (transfer full) (nullable): the value to store
 */
char *
crm_requisite_normalize (const char *value)
{
  GString *digits;

  if (value == NULL)
    return NULL;
  digits = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (!(g_unichar_isspace (c) || c == '-' || c == 0x2010 || c == 0x2011 ||
                 g_unichar_type (c) == G_UNICODE_FORMAT))
        {
          g_string_free (digits, TRUE);
          return g_strdup (value);
        }
    }
  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return g_strdup (value);
    }
  return g_string_free (digits, FALSE);
}
