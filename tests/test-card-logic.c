/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-card-logic.h"
#include "crm-settings.h"
#include "crm-test-util.h"

/* The card's pure logic, without a display. */

static void
test_check (void)
{
  g_autofree char *ok = crm_card_check (CRM_CHECK_PHONE, "8 (912) 345-67-89", "RU");
  g_autofree char *short_phone = crm_card_check (CRM_CHECK_PHONE, "12", "RU");
  g_autofree char *blank = crm_card_check (CRM_CHECK_PHONE, "  ", "RU");
  g_autofree char *email = crm_card_check (CRM_CHECK_EMAIL, "anna@", NULL);
  g_autofree char *inn = crm_card_check (CRM_CHECK_INN, "7707083894", NULL);
  g_autofree char *inn_ok = crm_card_check (CRM_CHECK_INN, "7707 083 893", NULL);
  g_autofree char *kpp = crm_card_check (CRM_CHECK_KPP, "12", NULL);
  g_autofree char *ogrn = crm_card_check (CRM_CHECK_OGRN, "1027700132195", NULL);
  g_autofree char *money = crm_card_check (CRM_CHECK_MONEY, "сто", NULL);
  g_autofree char *required = crm_card_check (CRM_CHECK_REQUIRED, "", NULL);
  g_autofree char *url = crm_card_check (CRM_CHECK_URL, "not a site", NULL);

  g_assert_null (ok);
  g_assert_nonnull (short_phone);
  /* The line under the field drops the field's name and starts capitalised. */
  g_assert_false (g_str_has_prefix (short_phone, "Phone"));
  g_assert_true (g_unichar_isupper (g_utf8_get_char (short_phone)));
  g_assert_null (blank);
  g_assert_nonnull (email);
  g_assert_nonnull (inn);
  g_assert_true (g_str_has_prefix (inn, "Checksum"));
  g_assert_null (inn_ok);
  g_assert_nonnull (kpp);
  g_assert_null (ogrn);
  g_assert_nonnull (money);
  g_assert_cmpstr (required, ==, "Required");
  g_assert_nonnull (url);
}

static void
test_validation_state (void)
{
  g_autoptr(CrmCardValidation) v = crm_card_validation_new ();

  g_assert_true (crm_card_validation_is_valid (v));
  g_assert_false (crm_card_validation_update (v, "phones/1", CRM_CHECK_PHONE, "123", "RU"));
  g_assert_false (crm_card_validation_update (v, "inn", CRM_CHECK_INN, "1", NULL));
  g_assert_cmpuint (crm_card_validation_n_errors (v), ==, 2);
  g_assert_nonnull (crm_card_validation_message (v, "inn"));
  g_assert_true (crm_card_validation_update (v, "inn", CRM_CHECK_INN, "7707083893", NULL));
  g_assert_null (crm_card_validation_message (v, "inn"));
  g_assert_true (crm_card_validation_update (v, "phones/1", CRM_CHECK_PHONE, "", "RU"));
  g_assert_true (crm_card_validation_is_valid (v));
}

static void
test_uris (void)
{
  g_autofree char *tel = crm_card_tel_uri ("8 (912) 345-67-89", "RU");
  g_autofree char *ext = crm_card_tel_uri ("+7 495 123-45-67 доб. 123", "RU");
  g_autofree char *bad = crm_card_tel_uri ("12", "RU");
  g_autofree char *mail = crm_card_mailto_uri (" Anna@Example.RU ");
  g_autofree char *nomail = crm_card_mailto_uri ("anna");

  g_assert_cmpstr (tel, ==, "tel:+79123456789");
  g_assert_cmpstr (ext, ==, "tel:+74951234567;ext=123");
  g_assert_null (bad);
  g_assert_true (g_str_has_prefix (mail, "mailto:"));
  g_assert_true (g_str_has_suffix (mail, "@example.ru"));
  g_assert_null (nomail);
}

static void
test_money (void)
{
  gint64 m;

  g_assert_true (crm_money_parse ("150 000", &m));
  g_assert_cmpint (m, ==, 15000000);
  g_assert_true (crm_money_parse ("1500,5", &m));
  g_assert_cmpint (m, ==, 150050);
  g_assert_true (crm_money_parse ("1\u00a0500.05 ₽", &m));
  g_assert_cmpint (m, ==, 150005);
  g_assert_false (crm_money_parse ("1,2,3", &m));
  g_assert_false (crm_money_parse ("abc", &m));
  g_assert_false (crm_money_parse ("1.234", &m));
  g_assert_false (crm_money_parse ("", &m));
  {
    g_autofree char *a = crm_money_format_plain (15000000);
    g_autofree char *b = crm_money_format_plain (150050);
    g_autofree char *c = crm_money_format_plain (99);
    g_assert_cmpstr (a, ==, "150 000");
    g_assert_cmpstr (b, ==, "1 500,50");
    g_assert_cmpstr (c, ==, "0,99");
  }
}

static void
test_labels (void)
{
  g_autofree char *one = crm_card_duplicate_title ("Иванов", 0);
  g_autofree char *more = crm_card_duplicate_title ("Иванов", 2);
  g_autofree char *created = crm_card_history_line ("create", NULL, NULL, NULL);
  g_autofree char *changed = crm_card_history_line ("update", "company", "Альфа", "Бета");
  g_autofree char *set = crm_card_history_line ("update", "phone", NULL, "+7 912");
  g_autofree char *removed = crm_card_history_line ("update", "email", "a@b.ru", NULL);
  g_autofree char *d1 = crm_card_format_delay (30 * 1000);
  g_autofree char *d2 = crm_card_format_delay (4 * 60000);
  g_autofree char *d3 = crm_card_format_delay (125 * 60000);
  g_autofree char *d4 = crm_card_format_delay (3 * 24 * 3600000LL);

  g_assert_cmpstr (one, ==, "Possible duplicate: Иванов");
  g_assert_cmpstr (more, ==, "Possible duplicate: Иванов and 2 more");
  g_assert_cmpstr (created, ==, "Created");
  g_assert_cmpstr (changed, ==, "Company: “Альфа” → “Бета”");
  g_assert_cmpstr (set, ==, "Phone: set to “+7 912”");
  g_assert_cmpstr (removed, ==, "E-mail: “a@b.ru” removed");
  g_assert_cmpstr (crm_card_field_label ("bant_budget"), ==, "Budget");
  g_assert_cmpstr (crm_card_temperature_label ("hot"), ==, "Hot");
  g_assert_cmpstr (crm_card_temperature_class ("warm"), ==, "warning");
  g_assert_cmpstr (crm_card_address_label ("mobile"), ==, "Mobile");
  g_assert_cmpstr (d1, ==, "under a minute");
  g_assert_cmpstr (d2, ==, "4 min");
  g_assert_cmpstr (d3, ==, "2 h 5 min");
  g_assert_cmpstr (d4, ==, "3 days");
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/gui/card-logic/check", test_check);
  g_test_add_func ("/gui/card-logic/validation-state", test_validation_state);
  g_test_add_func ("/gui/card-logic/uris", test_uris);
  g_test_add_func ("/gui/card-logic/money", test_money);
  g_test_add_func ("/gui/card-logic/labels", test_labels);

  return crm_test_run ();
}
