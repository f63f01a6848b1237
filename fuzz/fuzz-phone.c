/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "crm-phone.h"
#include "crm-requisites.h"
#include "crm-text.h"
#include "crm-validate.h"

/*
 * libFuzzer target for the validators: phones in several regions, e-mail,
 * requisites and the text keys. Besides "no crash, no leak" it checks two
 * properties that the rest of the app relies on:
 *  - a formatted number reads back as the same E.164 number;
 *  - a normalized e-mail address normalizes to itself.
 */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char * const regions[] = { "RU", "US", NULL, "KZ", "BY", "UA", "DE", "FR" };

static void
fuzz_phone (const char *s,
            const char *region)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *again = NULL;

  if (!crm_phone_normalize (s, region, &e164, &ext, &error))
    {
      g_assert (error != NULL && e164 == NULL && ext == NULL);
      return;
    }
  g_assert (error == NULL && e164 != NULL && e164[0] == '+');
  g_assert (strlen (e164) <= 16);

  pretty = crm_phone_format (e164);
  g_assert (pretty != NULL);
  if (!crm_phone_normalize (pretty, region, &again, NULL, NULL) || strcmp (again, e164) != 0)
    g_error ("“%s” → %s → “%s” → %s", s, e164, pretty, again ? again : "(error)");
}

static void
fuzz_email (const char *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *again = NULL;
  g_autofree char *key = NULL;

  if (!crm_email_normalize (s, &normalized, &error))
    {
      g_assert (error != NULL && normalized == NULL);
      return;
    }
  key = crm_email_key (normalized);
  g_assert (key != NULL);
  if (!crm_email_normalize (normalized, &again, NULL) || strcmp (again, normalized) != 0)
    g_error ("“%s” → “%s” → “%s”", s, normalized, again ? again : "(error)");
}

static void
fuzz_text (const char *s)
{
  g_autofree char *folded = crm_text_fold (s);
  g_autofree char *name = crm_text_name_key (s);
  g_autofree char *company = crm_text_company_key (s);
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *joined = NULL;

  g_assert (g_utf8_validate (folded, -1, NULL));
  g_assert (g_utf8_validate (name, -1, NULL));
  g_assert (g_utf8_validate (company, -1, NULL));
  crm_text_split_fio (s, &last, &first, &middle);
  joined = crm_text_join_fio (last, first, middle);
  (void) crm_text_is_blank (s);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *s = g_malloc (size + 1);
  g_autofree char *digits = NULL;

  memcpy (s, data, size);
  s[size] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    fuzz_phone (s, regions[i]);
  digits = crm_phone_digits (s);

  fuzz_email (s);

  (void) crm_inn_validate (s, NULL);
  (void) crm_kpp_validate (s, NULL);
  (void) crm_ogrn_any_validate (s, NULL);
  (void) crm_okpo_validate (s, NULL);

  fuzz_text (s);
  return 0;
}
