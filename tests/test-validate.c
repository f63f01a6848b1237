/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-error.h"
#include "crm-phone.h"
#include "crm-requisites.h"
#include "crm-validate.h"

#include "crm-test-util.h"

typedef struct
{
  const char *raw;
  const char *region;
  const char *e164;
  const char *ext;
} PhoneCase;

typedef struct
{
  const char *raw;
  const char *region;
  int         code;
  const char *message; /* a part of the message, or NULL */
} PhoneFail;

static void
check_phones (const PhoneCase *cases,
              guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;
      g_autofree char *ext = NULL;
      gboolean ok;

      g_test_message ("%s [%s]", cases[i].raw, cases[i].region ? cases[i].region : "default");
      ok = crm_phone_normalize (cases[i].raw, cases[i].region, &e164, &ext, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (e164, ==, cases[i].e164);
      g_assert_cmpstr (ext, ==, cases[i].ext);
    }
}

static void
check_phone_failures (const PhoneFail *cases,
                      guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      char *e164 = (char *) "untouched";
      char *ext = (char *) "untouched";

      g_test_message ("%s [%s]", cases[i].raw ? cases[i].raw : "(null)",
                      cases[i].region ? cases[i].region : "default");
      g_assert_false (crm_phone_normalize (cases[i].raw, cases[i].region, &e164, &ext, &error));
      g_assert_error (error, CRM_VALIDATE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "Phone: "));
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message));
      /* Outputs are cleared on failure. */
      g_assert_null (e164);
      g_assert_null (ext);
    }
}

static void
test_phone_8_vs_plus7 (void)
{
  const PhoneCase cases[] = {
    { "8 (912) 345-67-89", NULL, "+79123456789", NULL },
    { "+7 912 345 67 89", NULL, "+79123456789", NULL },
    { "89123456789", NULL, "+79123456789", NULL },
    { "7-912-345-67-89", NULL, "+79123456789", NULL },
    { "9123456789", NULL, "+79123456789", NULL },
    { "+7 (912) 3456789", "RU", "+79123456789", NULL },
    { "8 912 345 67 89", "ru", "+79123456789", NULL },
    { "8 (495) 123-45-67", NULL, "+74951234567", NULL },
    { "8 800 555-35-35", NULL, "+78005553535", NULL },
    { "(812) 300-20-10", NULL, "+78123002010", NULL },
    /* the trunk 8 typed with a plus */
    { "+8 912 345 67 89", NULL, "+79123456789", NULL },
  };

  check_phones (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_separators (void)
{
  const PhoneCase cases[] = {
    { "8\xc2\xa0" "912\xc2\xa0" "345\xc2\xa0" "67\xc2\xa0" "89", NULL, "+79123456789", NULL },
    { "8.912.345.67.89", NULL, "+79123456789", NULL },
    { "8/912/345-67-89", NULL, "+79123456789", NULL },
    { "  +7 (912) 345\xe2\x80\x93" "67\xe2\x80\x93" "89  ", NULL, "+79123456789", NULL },
    { "+7\xe2\x80\xaf" "912\xe2\x80\x89" "345\xe2\x88\x92" "67\xe2\x88\x92" "89", NULL, "+79123456789", NULL },
    /* bidi marks that come along when copying from a web page */
    { "\xe2\x80\xaa+7 912 345-67-89\xe2\x80\xac", NULL, "+79123456789", NULL },
    { "\xe2\x80\x8e" "8 912 345 67 89", NULL, "+79123456789", NULL },
    { "8\t912\n345 67 89", NULL, "+79123456789", NULL },
  };

  check_phones (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_extensions (void)
{
  const PhoneCase cases[] = {
    { "+7 495 123-45-67 доб. 123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 доб 123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 ext. 123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 ext 123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 x123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 #123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 добавочный 123", NULL, "+74951234567", "123" },
    { "8 495 765-43-21 доб. 12", NULL, "+74957654321", "12" },
    { "+7 495 123-45-67, доб. 123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 (доб. 123)", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 Доб.123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 EXT 123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 Extension: 7", NULL, "+74951234567", "7" },
    /* Cyrillic х for x */
    { "+7 495 123-45-67 х123", NULL, "+74951234567", "123" },
    { "+7 495 123-45-67 доб. №5", NULL, "+74951234567", "5" },
    { "84951234567#0042", NULL, "+74951234567", "0042" },
    { "(415) 555-0100 x12", "US", "+14155550100", "12" },
  };

  check_phones (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_junk (void)
{
  const PhoneFail cases[] = {
    { "абв", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“а”" },
    { "call me", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“c”" },
    { "позвонить секретарю", NULL, CRM_VALIDATE_ERROR_CHARACTERS, NULL },
    { "телефон не дали", NULL, CRM_VALIDATE_ERROR_CHARACTERS, NULL },
    { "8 912 345 67 89 (Иван)", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“И”" },
    { "8 912 345 67 89 + 1", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“+”" },
    { "8 912, 345 67 89", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“,”" },
    { "8 912 345 67 89 доб. abc", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“a”" },
    { "8 912 345 67 89 доб. 12 34", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“3”" },
    { "доб. 123", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“д”" },
    { "8 912 345 67 89 extra", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "“e”" },
    { "8 912 345 67 89\x01", NULL, CRM_VALIDATE_ERROR_CHARACTERS, "U+0001" },
    { "8912\xff" "3456789", NULL, CRM_VALIDATE_ERROR_CHARACTERS, NULL },
    { "\xd0", NULL, CRM_VALIDATE_ERROR_CHARACTERS, NULL },
    { "8 912 345 67 89 доб.", NULL, CRM_VALIDATE_ERROR_FORMAT, NULL },
    { "", NULL, CRM_VALIDATE_ERROR_EMPTY, NULL },
    { "  \xc2\xa0 ", NULL, CRM_VALIDATE_ERROR_EMPTY, NULL },
    { NULL, NULL, CRM_VALIDATE_ERROR_EMPTY, NULL },
    { "( ) - -", NULL, CRM_VALIDATE_ERROR_EMPTY, NULL },
  };

  check_phone_failures (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_length (void)
{
  const PhoneFail cases[] = {
    { "123", NULL, CRM_VALIDATE_ERROR_LENGTH, "too few digits (3, need 10)" },
    { "345-67-89", NULL, CRM_VALIDATE_ERROR_LENGTH, "too few digits (7, need 10)" },
    { "+7 912 345 67 89 00 00 00", NULL, CRM_VALIDATE_ERROR_LENGTH, "too many digits" },
    { "8 912 345 67 89 0", NULL, CRM_VALIDATE_ERROR_LENGTH, "too many digits (12, at most 11)" },
    { "+7 912 345 67 8", NULL, CRM_VALIDATE_ERROR_LENGTH, "too few digits (10, need 11)" },
    { "+1234", NULL, CRM_VALIDATE_ERROR_LENGTH, NULL },
    { "+44 20 7946 0958 1234 5678", NULL, CRM_VALIDATE_ERROR_LENGTH, NULL },
    { "1234567890123456789012345678901234567890", NULL, CRM_VALIDATE_ERROR_LENGTH, NULL },
    { "8 912 345 67 89 доб. 12345678901", NULL, CRM_VALIDATE_ERROR_LENGTH, "extension" },
  };

  check_phone_failures (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_not_russian (void)
{
  const PhoneFail cases[] = {
    { "8 (112) 345-67-89", NULL, CRM_VALIDATE_ERROR_FORMAT, "not a Russian number" },
    { "2123456789", NULL, CRM_VALIDATE_ERROR_FORMAT, "not a Russian number" },
    { "8 (701) 123-45-67", "RU", CRM_VALIDATE_ERROR_FORMAT, "not a Russian number" },
    { "12345678901", NULL, CRM_VALIDATE_ERROR_FORMAT, "not a Russian number" },
    { "+7 012 345 67 89", NULL, CRM_VALIDATE_ERROR_FORMAT, NULL },
    { "+0 123 456 789", NULL, CRM_VALIDATE_ERROR_FORMAT, NULL },
  };

  check_phone_failures (cases, G_N_ELEMENTS (cases));
}

static void
test_phone_regions (void)
{
  const PhoneCase cases[] = {
    /* Kazakhstan shares +7 */
    { "8 (701) 123-45-67", "KZ", "+77011234567", NULL },
    { "8 727 250 00 00", "KZ", "+77272500000", NULL },
    { "8 912 345 67 89", "KZ", "+79123456789", NULL },
    { "+7 701 123 45 67", "RU", "+77011234567", NULL },
    /* Belarus: old trunk 8 0, new trunk 0, bare */
    { "8 029 123-45-67", "BY", "+375291234567", NULL },
    { "+375 (29) 123-45-67", "BY", "+375291234567", NULL },
    { "80291234567", "BY", "+375291234567", NULL },
    { "029 123 45 67", "BY", "+375291234567", NULL },
    { "29 123-45-67", "BY", "+375291234567", NULL },
    { "375291234567", "BY", "+375291234567", NULL },
    { "+375 29 123-45-67", NULL, "+375291234567", NULL },
    /* Ukraine */
    { "044 123 45 67", "UA", "+380441234567", NULL },
    { "+380 50 123 4567", "UA", "+380501234567", NULL },
    { "380501234567", "UA", "+380501234567", NULL },
    { "8 044 123 45 67", "UA", "+380441234567", NULL },
    /* North America */
    { "(415) 555-0100", "US", "+14155550100", NULL },
    { "1-415-555-0100", "US", "+14155550100", NULL },
    { "+1 415 555 0100", "US", "+14155550100", NULL },
    { "415.555.0100", "CA", "+14155550100", NULL },
    { "+1 (415) 555-0100", NULL, "+14155550100", NULL },
    /* Germany */
    { "030 1234567", "DE", "+49301234567", NULL },
    { "0171 1234567", "DE", "+491711234567", NULL },
    { "+49 30 1234567", "DE", "+49301234567", NULL },
    { "49 30 1234567", "DE", "+49301234567", NULL },
    /* any country with + or 00 */
    { "+33 1 42 68 53 00", "FR", "+33142685300", NULL },
    { "+44 20 7946 0958", NULL, "+442079460958", NULL },
    { "0044 20 7946 0958", NULL, "+442079460958", NULL },
    { "0049 30 1234567", "RU", "+49301234567", NULL },
    { "8 10 49 30 1234567", "RU", "+49301234567", NULL },
    { "+79123456789", "XX", "+79123456789", NULL },
  };
  const PhoneFail fails[] = {
    { "8 912 345 67 89", "BY", CRM_VALIDATE_ERROR_FORMAT, "not a Belarusian number" },
    { "1 044 123 45 67", "UA", CRM_VALIDATE_ERROR_FORMAT, "not a Ukrainian number" },
    { "(015) 555-0100", "US", CRM_VALIDATE_ERROR_FORMAT, "not a North American number" },
    { "(415) 155-0100", "US", CRM_VALIDATE_ERROR_FORMAT, "not a North American number" },
    { "+1 015 555 0100", NULL, CRM_VALIDATE_ERROR_FORMAT, "not a North American number" },
    { "555-0100", "US", CRM_VALIDATE_ERROR_LENGTH, "need 10" },
    { "30 1234567", "DE", CRM_VALIDATE_ERROR_FORMAT, "German" },
    { "030 12", "DE", CRM_VALIDATE_ERROR_LENGTH, NULL },
    { "01 42 68 53 00", "FR", CRM_VALIDATE_ERROR_FORMAT, "country code" },
    { "+375 29 123-45-6", NULL, CRM_VALIDATE_ERROR_LENGTH, "need 12" },
  };

  check_phones (cases, G_N_ELEMENTS (cases));
  check_phone_failures (fails, G_N_ELEMENTS (fails));
}

static void
test_phone_optional_outputs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ext = NULL;

  g_assert_true (crm_phone_normalize ("8 912 345 67 89", NULL, NULL, NULL, NULL));
  g_assert_false (crm_phone_normalize ("junk", NULL, NULL, NULL, NULL));
  g_assert_true (crm_phone_normalize ("8 912 345 67 89 доб. 5", NULL, NULL, &ext, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ext, ==, "5");
}

static void
test_phone_format (void)
{
  struct { const char *e164, *pretty; } cases[] = {
    { "+79123456789", "+7 912 345-67-89" },
    { "+74951234567", "+7 495 123-45-67" },
    { "+77011234567", "+7 701 123-45-67" },
    { "+14155550100", "+1 415 555-0100" },
    { "+375291234567", "+375 29 123-45-67" },
    { "+380441234567", "+380 44 123-45-67" },
    { "+49301234567", "+49 301 234 567" },
    { "+442079460958", "+44 207 946 09 58" },
    { "+33142685300", "+33 142 685 300" },
    { "+35312345678", "+353 123 456 78" },
    /* not E.164: left alone */
    { "8 912 345 67 89", "8 912 345 67 89" },
    { "+7", "+7" },
    { "", "" },
    { "+7912345678a", "+7912345678a" },
  };
  g_autofree char *null = crm_phone_format (NULL);

  g_assert_null (null);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pretty = crm_phone_format (cases[i].e164);
      g_autofree char *back = NULL;

      g_assert_cmpstr (pretty, ==, cases[i].pretty);
      /* What we show, we read back as the same number. */
      if (cases[i].e164[0] == '+' && strlen (cases[i].e164) > 8 && g_ascii_isdigit (cases[i].e164[strlen (cases[i].e164) - 1]))
        {
          g_assert_true (crm_phone_normalize (pretty, NULL, &back, NULL, NULL));
          g_assert_cmpstr (back, ==, cases[i].e164);
        }
    }
}

static void
test_phone_export_roundtrip (void)
{
  /* crm-export writes "%s ext. %s": it must import back. */
  g_autofree char *pretty = crm_phone_format ("+74957654321");
  g_autofree char *line = g_strdup_printf ("%s ext. %s", pretty, "12");
  g_autofree char *e164 = NULL;
  g_autofree char *ext = NULL;

  g_assert_true (crm_phone_normalize (line, NULL, &e164, &ext, NULL));
  g_assert_cmpstr (e164, ==, "+74957654321");
  g_assert_cmpstr (ext, ==, "12");
}

static void
test_phone_digits (void)
{
  g_autofree char *a = crm_phone_digits ("+7 (912) 345-67-89");
  g_autofree char *b = crm_phone_digits (NULL);
  g_autofree char *c = crm_phone_digits ("нет");
  g_autofree char *d = crm_phone_digits ("8\xff" "9\xd0");

  g_assert_cmpstr (a, ==, "79123456789");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "89");
}

/* E-mail */

static void
test_email_valid (void)
{
  struct { const char *raw, *normalized, *key; } cases[] = {
    { "ivan@mail.ru", "ivan@mail.ru", "ivan@mail.ru" },
    { "Ivan@Mail.RU", "Ivan@mail.ru", "ivan@mail.ru" },
    { "  ivan.petrov@yandex.ru \t", "ivan.petrov@yandex.ru", "ivan.petrov@yandex.ru" },
    { "first.last+crm@gmail.com", "first.last+crm@gmail.com", "first.last+crm@gmail.com" },
    { "o'brien@example.ie", "o'brien@example.ie", "o'brien@example.ie" },
    { "user@sub.domain-name.co.uk", "user@sub.domain-name.co.uk", "user@sub.domain-name.co.uk" },
    { "john@acme.example", "john@acme.example", "john@acme.example" },
    { "\"john doe\"@example.com", "\"john doe\"@example.com", "\"john doe\"@example.com" },
    { "mailto:ivan@mail.ru", "ivan@mail.ru", "ivan@mail.ru" },
    { "\xef\xbb\xbf" "ivan@mail.ru", "ivan@mail.ru", "ivan@mail.ru" },
    { "a@b.cd", "a@b.cd", "a@b.cd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *key = NULL;

      g_test_message ("%s", cases[i].raw);
      g_assert_true (crm_email_normalize (cases[i].raw, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
      key = crm_email_key (normalized);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_email_cyrillic (void)
{
  struct { const char *raw, *normalized, *key; } cases[] = {
    { "info@почта.рф", "info@почта.рф", "info@почта.рф" },
    { "Info@ПОЧТА.РФ", "Info@почта.рф", "info@почта.рф" },
    { "админ@почта.рф", "админ@почта.рф", "админ@почта.рф" },
    { "Админ@Сайт.Москва", "Админ@сайт.москва", "админ@сайт.москва" },
    { "user@xn--80a1acny.xn--p1ai", "user@xn--80a1acny.xn--p1ai", "user@xn--80a1acny.xn--p1ai" },
    { "ёжик@ёлка.рф", "ёжик@ёлка.рф", "ёжик@ёлка.рф" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *key = NULL;

      g_test_message ("%s", cases[i].raw);
      g_assert_true (crm_email_normalize (cases[i].raw, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
      key = crm_email_key (normalized);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_email_display_name (void)
{
  struct { const char *raw, *normalized; } cases[] = {
    { "Иван <ivan@Mail.RU>", "ivan@mail.ru" },
    { "\"Петров, Иван\" <Ivan.Petrov@Example.COM>", "Ivan.Petrov@example.com" },
    { "<ivan@mail.ru>", "ivan@mail.ru" },
    { "ivan@mail.ru <ivan@mail.ru>", "ivan@mail.ru" },
    { "  Иван Петров   < ivan@mail.ru >  ", "ivan@mail.ru" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_true (crm_email_normalize (cases[i].raw, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
    }
}

static void
test_email_invalid (void)
{
  g_autofree char *long_local = g_strnfill (65, 'a');
  g_autofree char *ok_local = g_strnfill (64, 'a');
  g_autofree char *long_label = g_strnfill (64, 'b');
  g_autofree char *label63 = g_strnfill (63, 'c');
  g_autofree char *addr_local = g_strconcat (long_local, "@mail.ru", NULL);
  g_autofree char *addr_local_ok = g_strconcat (ok_local, "@mail.ru", NULL);
  g_autofree char *addr_label = g_strconcat ("ivan@", long_label, ".ru", NULL);
  g_autofree char *addr_total = g_strconcat ("ivan@", label63, ".", label63, ".", label63, ".", label63, ".ru", NULL);
  struct { const char *raw; int code; const char *message; } cases[] = {
    { "", CRM_VALIDATE_ERROR_EMPTY, "E-mail: empty" },
    { "   ", CRM_VALIDATE_ERROR_EMPTY, NULL },
    { NULL, CRM_VALIDATE_ERROR_EMPTY, NULL },
    { "Иван <>", CRM_VALIDATE_ERROR_EMPTY, NULL },
    { "ivan.mail.ru", CRM_VALIDATE_ERROR_FORMAT, "E-mail: no “@”" },
    { "ivan(at)mail.ru", CRM_VALIDATE_ERROR_FORMAT, "no “@”" },
    { "oleg@@example.com", CRM_VALIDATE_ERROR_FORMAT, "more than one “@”" },
    { "a@b@mail.ru", CRM_VALIDATE_ERROR_FORMAT, "more than one “@”" },
    { "ivan@", CRM_VALIDATE_ERROR_FORMAT, "nothing after “@”" },
    { "@mail.ru", CRM_VALIDATE_ERROR_FORMAT, "nothing before “@”" },
    { "ivan@mail", CRM_VALIDATE_ERROR_FORMAT, "no dot" },
    { "ivan@mail.r", CRM_VALIDATE_ERROR_FORMAT, "domain ending" },
    { "ivan@mail.123", CRM_VALIDATE_ERROR_FORMAT, "domain ending" },
    { "ivan@mail..ru", CRM_VALIDATE_ERROR_FORMAT, "dot" },
    { "ivan@mail.ru.", CRM_VALIDATE_ERROR_FORMAT, "dot" },
    { "ivan@.mail.ru", CRM_VALIDATE_ERROR_FORMAT, "dot" },
    { ".ivan@mail.ru", CRM_VALIDATE_ERROR_FORMAT, "dot" },
    { "ivan.@mail.ru", CRM_VALIDATE_ERROR_FORMAT, "dot" },
    { "iv..an@mail.ru", CRM_VALIDATE_ERROR_FORMAT, "dot" },
    { "ivan@-mail.ru", CRM_VALIDATE_ERROR_FORMAT, "“-”" },
    { "ivan@mail-.ru", CRM_VALIDATE_ERROR_FORMAT, "“-”" },
    { "ivan petrov@mail.ru", CRM_VALIDATE_ERROR_CHARACTERS, "space" },
    { "ivan@mail ru.com", CRM_VALIDATE_ERROR_CHARACTERS, "space" },
    { "ivan@mail_ru.com", CRM_VALIDATE_ERROR_CHARACTERS, "“_”" },
    { "ivan@mail.ru;", CRM_VALIDATE_ERROR_CHARACTERS, "“;”" },
    { "ivan,petrov@mail.ru", CRM_VALIDATE_ERROR_CHARACTERS, "“,”" },
    { "ivan@[127.0.0.1]", CRM_VALIDATE_ERROR_CHARACTERS, NULL },
    { "Иван <ivan@mail.ru", CRM_VALIDATE_ERROR_CHARACTERS, NULL },
    { "ivan@mail.ru>", CRM_VALIDATE_ERROR_CHARACTERS, "“>”" },
    { "iv\xff" "an@mail.ru", CRM_VALIDATE_ERROR_CHARACTERS, "not valid text" },
    { "\"unclosed@mail.ru", CRM_VALIDATE_ERROR_FORMAT, "quote" },
    { "\"john\"doe@mail.ru", CRM_VALIDATE_ERROR_CHARACTERS, "“d”" },
    { addr_local, CRM_VALIDATE_ERROR_LENGTH, "(65 characters, at most 64)" },
    { addr_label, CRM_VALIDATE_ERROR_LENGTH, NULL },
    { addr_total, CRM_VALIDATE_ERROR_LENGTH, "at most 254" },
  };
  g_autofree char *normalized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *out = (char *) "untouched";

      g_test_message ("%s", cases[i].raw ? cases[i].raw : "(null)");
      g_assert_false (crm_email_normalize (cases[i].raw, &out, &error));
      g_assert_error (error, CRM_VALIDATE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "E-mail: "));
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (out);
    }

  g_assert_true (crm_email_normalize (addr_local_ok, &normalized, NULL));
  g_assert_cmpstr (normalized, ==, addr_local_ok);
}

static void
test_email_key (void)
{
  g_autofree char *a = crm_email_key ("Ivan.Petrov@Mail.RU");
  g_autofree char *b = crm_email_key ("АДМИН@ПОЧТА.РФ");

  g_assert_cmpstr (a, ==, "ivan.petrov@mail.ru");
  g_assert_cmpstr (b, ==, "админ@почта.рф");
  g_assert_null (crm_email_key (NULL));
}

/* Requisites */

typedef gboolean (*Validator) (const char *value, GError **error);

static void
assert_valid (Validator   validate,
              const char *value)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("valid: %s", value);
  g_assert_true (validate (value, &error));
  g_assert_no_error (error);
  /* Validators do not need an error location. */
  g_assert_true (validate (value, NULL));
}

static void
assert_invalid (Validator   validate,
                const char *value,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("invalid: %s", value ? value : "(null)");
  g_assert_false (validate (value, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_false (validate (value, NULL));
}

static void
test_inn_valid_10 (void)
{
  assert_valid (crm_inn_validate, "7707083893");   /* Сбербанк */
  assert_valid (crm_inn_validate, "7736207543");   /* Яндекс */
  assert_valid (crm_inn_validate, "7702070139");   /* ВТБ */
  assert_valid (crm_inn_validate, "7728168971");   /* Альфа-Банк */
  assert_valid (crm_inn_validate, "7710140679");   /* Т-Банк */
  assert_valid (crm_inn_validate, "7740000076");   /* МТС */
  assert_valid (crm_inn_validate, "7707049388");   /* Ростелеком */
  assert_valid (crm_inn_validate, "0274062111");   /* leading zero kept */
  assert_valid (crm_inn_validate, " 7707 083 893 ");
  assert_valid (crm_inn_validate, "7707\xc2\xa0" "083893");
}

static void
test_inn_valid_12 (void)
{
  assert_valid (crm_inn_validate, "500100732259");
  assert_valid (crm_inn_validate, "784806113663");
  assert_valid (crm_inn_validate, "5001 0073 2259");
}

static void
test_inn_invalid (void)
{
  assert_invalid (crm_inn_validate, "7707083894", CRM_VALIDATE_ERROR_CHECKSUM,
                  "INN: checksum does not match");
  assert_invalid (crm_inn_validate, "7736207544", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  /* two digits swapped */
  assert_invalid (crm_inn_validate, "7707038893", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  /* 12 digits: the second and the first check digit wrong */
  assert_invalid (crm_inn_validate, "500100732258", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  assert_invalid (crm_inn_validate, "500100732269", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  assert_invalid (crm_inn_validate, "770708389", CRM_VALIDATE_ERROR_LENGTH,
                  "INN: need 10 or 12 digits, got 9");
  assert_invalid (crm_inn_validate, "77070838931", CRM_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid (crm_inn_validate, "77О7083893", CRM_VALIDATE_ERROR_CHARACTERS,
                  "INN: “О” is not a digit");
  assert_invalid (crm_inn_validate, "7707-083-893", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
  assert_invalid (crm_inn_validate, "77\xff" "07083893", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
  assert_invalid (crm_inn_validate, "", CRM_VALIDATE_ERROR_EMPTY, "INN: empty");
  assert_invalid (crm_inn_validate, "   ", CRM_VALIDATE_ERROR_EMPTY, NULL);
  assert_invalid (crm_inn_validate, NULL, CRM_VALIDATE_ERROR_EMPTY, NULL);
  assert_invalid (crm_inn_validate, "0000000000", CRM_VALIDATE_ERROR_FORMAT, NULL);
}

static void
test_kpp (void)
{
  assert_valid (crm_kpp_validate, "773601001");  /* Сбербанк */
  assert_valid (crm_kpp_validate, "770401001");
  assert_valid (crm_kpp_validate, "7736 01 001");
  assert_valid (crm_kpp_validate, "7736AB001");

  assert_invalid (crm_kpp_validate, "77360100", CRM_VALIDATE_ERROR_LENGTH,
                  "KPP: need 9 characters, got 8");
  assert_invalid (crm_kpp_validate, "7736010011", CRM_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid (crm_kpp_validate, "77a601001", CRM_VALIDATE_ERROR_CHARACTERS,
                  "KPP: “a” is not a digit");
  assert_invalid (crm_kpp_validate, "7736ab001", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
  assert_invalid (crm_kpp_validate, "7736ЖЖ001", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
  assert_invalid (crm_kpp_validate, "7736010A1", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
  assert_invalid (crm_kpp_validate, "", CRM_VALIDATE_ERROR_EMPTY, "KPP: empty");
}

static void
test_ogrn (void)
{
  assert_valid (crm_ogrn_validate, "1027700132195");  /* Сбербанк */
  assert_valid (crm_ogrn_validate, "1027739609391");  /* ВТБ */
  assert_valid (crm_ogrn_validate, "1027700070518");  /* Газпром */
  assert_valid (crm_ogrn_validate, "1027700067328");  /* Альфа-Банк */
  assert_valid (crm_ogrn_validate, "1 02 77 00 13219 5");

  assert_invalid (crm_ogrn_validate, "1027700132196", CRM_VALIDATE_ERROR_CHECKSUM,
                  "OGRN: checksum does not match");
  assert_invalid (crm_ogrn_validate, "102770013219", CRM_VALIDATE_ERROR_LENGTH,
                  "OGRN: need 13 digits, got 12");
  assert_invalid (crm_ogrn_validate, "304500116000157", CRM_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid (crm_ogrn_validate, "10277OO132195", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
}

static void
test_ogrnip (void)
{
  assert_valid (crm_ogrnip_validate, "304500116000157");

  assert_invalid (crm_ogrnip_validate, "304500116000158", CRM_VALIDATE_ERROR_CHECKSUM,
                  "OGRNIP: checksum does not match");
  assert_invalid (crm_ogrnip_validate, "1027700132195", CRM_VALIDATE_ERROR_LENGTH,
                  "OGRNIP: need 15 digits, got 13");
  assert_invalid (crm_ogrnip_validate, "", CRM_VALIDATE_ERROR_EMPTY, "OGRNIP: empty");
}

static void
test_ogrn_any (void)
{
  assert_valid (crm_ogrn_any_validate, "1027700132195");
  assert_valid (crm_ogrn_any_validate, "304500116000157");

  assert_invalid (crm_ogrn_any_validate, "1027700132196", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  assert_invalid (crm_ogrn_any_validate, "304500116000158", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  assert_invalid (crm_ogrn_any_validate, "30450011600015", CRM_VALIDATE_ERROR_LENGTH,
                  "OGRN: need 13 or 15 digits, got 14");
  assert_invalid (crm_ogrn_any_validate, "ОГРН", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
}

static void
test_okpo (void)
{
  assert_valid (crm_okpo_validate, "00032537");    /* Сбербанк */
  /* the first sum gives 10: weights from 3 */
  assert_valid (crm_okpo_validate, "79287751");
  /* both sums give 10: the check digit is 0 */
  assert_valid (crm_okpo_validate, "72815370");
  /* 10 digits, second sum: the weights wrap from 10 to 1 */
  assert_valid (crm_okpo_validate, "5807302150");
  assert_valid (crm_okpo_validate, "0184059860");

  assert_invalid (crm_okpo_validate, "00032538", CRM_VALIDATE_ERROR_CHECKSUM,
                  "OKPO: checksum does not match");
  assert_invalid (crm_okpo_validate, "5807302151", CRM_VALIDATE_ERROR_CHECKSUM, NULL);
  assert_invalid (crm_okpo_validate, "0003253", CRM_VALIDATE_ERROR_LENGTH,
                  "OKPO: need 8 or 10 digits, got 7");
  assert_invalid (crm_okpo_validate, "000325370", CRM_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid (crm_okpo_validate, "00000000", CRM_VALIDATE_ERROR_FORMAT, NULL);
  assert_invalid (crm_okpo_validate, "0003253x", CRM_VALIDATE_ERROR_CHARACTERS, NULL);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/phone/8-vs-plus7", test_phone_8_vs_plus7);
  g_test_add_func ("/core/phone/separators", test_phone_separators);
  g_test_add_func ("/core/phone/extensions", test_phone_extensions);
  g_test_add_func ("/core/phone/junk", test_phone_junk);
  g_test_add_func ("/core/phone/length", test_phone_length);
  g_test_add_func ("/core/phone/not-russian", test_phone_not_russian);
  g_test_add_func ("/core/phone/regions", test_phone_regions);
  g_test_add_func ("/core/phone/optional-outputs", test_phone_optional_outputs);
  g_test_add_func ("/core/phone/format", test_phone_format);
  g_test_add_func ("/core/phone/export-roundtrip", test_phone_export_roundtrip);
  g_test_add_func ("/core/phone/digits", test_phone_digits);
  g_test_add_func ("/core/email/valid", test_email_valid);
  g_test_add_func ("/core/email/cyrillic", test_email_cyrillic);
  g_test_add_func ("/core/email/display-name", test_email_display_name);
  g_test_add_func ("/core/email/invalid", test_email_invalid);
  g_test_add_func ("/core/email/key", test_email_key);
  g_test_add_func ("/core/inn/valid-10", test_inn_valid_10);
  g_test_add_func ("/core/inn/valid-12", test_inn_valid_12);
  g_test_add_func ("/core/inn/invalid", test_inn_invalid);
  g_test_add_func ("/core/kpp/format", test_kpp);
  g_test_add_func ("/core/ogrn/ogrn", test_ogrn);
  g_test_add_func ("/core/ogrn/ogrnip", test_ogrnip);
  g_test_add_func ("/core/ogrn/any", test_ogrn_any);
  g_test_add_func ("/core/okpo/checksum", test_okpo);

  return crm_test_run ();
}
