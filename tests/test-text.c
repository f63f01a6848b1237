/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-text.h"

#include "crm-test-util.h"

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *folded = crm_text_fold (in);
  g_autofree char *again = crm_text_fold (folded);

  g_assert_cmpstr (folded, ==, expected);
  /* Keys are stored: folding a key must not change it. */
  g_assert_cmpstr (again, ==, folded);
}

static void
test_fold_yo (void)
{
  assert_fold ("Ёлкин", "елкин");
  assert_fold ("ёЖИК Семён", "ежик семен");
  /* ё typed as е + combining diaeresis (macOS, some PDFs) */
  assert_fold ("Е\xcc\x88лкин", "елкин");
  assert_fold ("сЕ\xcc\x88мен", "семен");
}

static void
test_fold_case (void)
{
  assert_fold ("ИВАНОВ Иван", "иванов иван");
  assert_fold ("Straße", "strasse");
  assert_fold ("ACME Ltd", "acme ltd");
  assert_fold ("Ӏ Ї Є", "ӏ ї є");
}

static void
test_fold_whitespace (void)
{
  assert_fold ("  Иванов \t\n Иван  ", "иванов иван");
  /* no-break and thin spaces pasted from web pages */
  assert_fold ("ООО\xc2\xa0«Ромашка»\xe2\x80\x89и\xc2\xa0К", "ооо «ромашка» и к");
  /* The same through the fast path (no thin space to send it the slow way). */
  assert_fold ("ООО\xc2\xa0«Ромашка» и\xc2\xa0К", "ооо «ромашка» и к");
  assert_fold ("«Вектор» — “Лучшее” – „Да“", "«вектор» — “лучшее” – „да“");
  assert_fold ("   ", "");
  assert_fold ("", "");
  assert_fold (NULL, "");
}

static void
test_fold_nfkc (void)
{
  /* full-width letters and digits, ligatures, superscripts */
  assert_fold ("ＡＢＣ１２３", "abc123");
  assert_fold ("ﬁnance", "finance");
  assert_fold ("м²", "м2");
  /* soft hyphen, zero-width space, BOM are invisible: dropped */
  assert_fold ("Ива\xc2\xadнов", "иванов");
  assert_fold ("\xef\xbb\xbfИванов\xe2\x80\x8b", "иванов");
}

static void
test_fold_invalid (void)
{
  g_autofree char *folded = crm_text_fold ("Ива\xff\xfeнов");

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_true (g_str_has_prefix (folded, "ива"));
  g_assert_true (g_str_has_suffix (folded, "нов"));
}

static void
assert_same_key (const char *a,
                 const char *b)
{
  g_autofree char *ka = crm_text_name_key (a);
  g_autofree char *kb = crm_text_name_key (b);

  g_assert_cmpstr (ka, ==, kb);
}

static void
test_name_key_order (void)
{
  g_autofree char *key = crm_text_name_key ("Иванов Иван Иванович");

  g_assert_cmpstr (key, ==, "иван иванов иванович");
  assert_same_key ("Иванов Иван Иванович", "иван иванович ИВАНОВ");
  assert_same_key ("Иванов Иван Иванович", "Иван Иванович Иванов");
  assert_same_key ("Ivanov Ivan", "Ivan Ivanov");
  assert_same_key ("Smith, John", "john smith");
  assert_same_key ("Иванов  И. И.", "И.И. Иванов");
}

static void
test_name_key_yo (void)
{
  assert_same_key ("Ёлкин Семён", "Семен Елкин");
  assert_same_key ("ПЁТР фёдоров", "Федоров Петр");
}

static void
test_name_key_separators (void)
{
  g_autofree char *hyphen = crm_text_name_key ("Петров-Водкин Кузьма");
  g_autofree char *empty = crm_text_name_key ("  —  ");
  g_autofree char *null = crm_text_name_key (NULL);

  g_assert_cmpstr (hyphen, ==, "водкин кузьма петров");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
  assert_same_key ("Петров-Водкин Кузьма", "Кузьма Петров Водкин");
}

static void
test_name_key_different (void)
{
  g_autofree char *a = crm_text_name_key ("Иванов Иван");
  g_autofree char *b = crm_text_name_key ("Иванова Ивана");

  g_assert_cmpstr (a, !=, b);
}

static void
assert_company (const char *in,
                const char *expected)
{
  g_autofree char *key = crm_text_company_key (in);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_company_key (void)
{
  assert_company ("ООО «Ромашка»", "ромашка");
  assert_company ("ООО \"Ромашка\"", "ромашка");
  assert_company ("ооо“Ромашка”", "ромашка");
  assert_company ("Ромашка, ООО", "ромашка");
  assert_company ("Общество с ограниченной ответственностью «Ромашка»", "ромашка");
  assert_company ("ПАО Сбербанк", "сбербанк");
  assert_company ("ПАО «Сбербанк России»", "сбербанк россии");
  assert_company ("Публичное акционерное общество «Сбербанк России»", "сбербанк россии");
  assert_company ("АО «Тинькофф Банк»", "тинькофф банк");
  assert_company ("ЗАО Стройматериалы", "стройматериалы");
  assert_company ("ИП Петрова", "петрова");
  assert_company ("Acme Ltd", "acme");
  assert_company ("ACME, Inc.", "acme");
  assert_company ("Acme L.L.C.", "acme");
  assert_company ("Siemens GmbH", "siemens");
  assert_company ("АНО «Центр» ", "центр");
  assert_company ("ООО «Альфа-Сервис»", "альфа-сервис");
  assert_company ("Ёлка и К°", "елка и к°");
  assert_company ("«C++ Soft», LLC", "c++ soft");
  /* Only a legal form: better a key than none. */
  assert_company ("ООО", "ооо");
  assert_company ("", "");
  assert_company (NULL, "");
}

typedef struct
{
  const char *fio;
  const char *last;
  const char *first;
  const char *middle;
} FioCase;

static void
check_split (const FioCase *cases,
             guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *last = NULL;
      g_autofree char *first = NULL;
      g_autofree char *middle = NULL;

      crm_text_split_fio (cases[i].fio, &last, &first, &middle);
      g_test_message ("%s", cases[i].fio);
      g_assert_cmpstr (last, ==, cases[i].last);
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpstr (middle, ==, cases[i].middle);
    }
}

static void
test_split_three (void)
{
  const FioCase cases[] = {
    { "Иванов Иван Иванович", "Иванов", "Иван", "Иванович" },
    { "  Петрова   Анна  Сергеевна ", "Петрова", "Анна", "Сергеевна" },
    { "Иван Иванович Иванов", "Иванов", "Иван", "Иванович" },
    { "Анна Сергеевна Петрова", "Петрова", "Анна", "Сергеевна" },
    { "Ульянов Владимир Ильич", "Ульянов", "Владимир", "Ильич" },
    { "Мария Ильинична Ульянова", "Ульянова", "Мария", "Ильинична" },
    /* a surname in -ич stays last when the third word is the patronymic */
    { "Шевкович Павел Андреевич", "Шевкович", "Павел", "Андреевич" },
    { "Иванов, Иван, Иванович", "Иванов", "Иван", "Иванович" },
  };

  check_split (cases, G_N_ELEMENTS (cases));
}

static void
test_split_two (void)
{
  const FioCase cases[] = {
    { "Иванов Иван", "Иванов", "Иван", NULL },
    { "Иван Иванов", "Иванов", "Иван", NULL },
    { "Ёлкин Семён", "Ёлкин", "Семён", NULL },
    { "Иван Иванович", NULL, "Иван", "Иванович" },
    { "Анна Сергеевна", NULL, "Анна", "Сергеевна" },
    /* first names that end like surnames */
    { "Марина Иванова", "Иванова", "Марина", NULL },
    { "Иванова Марина", "Иванова", "Марина", NULL },
    { "Полина Смирнова", "Смирнова", "Полина", NULL },
    { "Лев Толстой", "Толстой", "Лев", NULL },
    { "Шевченко Тарас", "Шевченко", "Тарас", NULL },
    { "Достоевский Фёдор", "Достоевский", "Фёдор", NULL },
    { "Сидоров Пётр", "Сидоров", "Пётр", NULL },
    { "John Smith", "Smith", "John", NULL },
    { "Smith John", "Smith", "John", NULL },
    { "Ada Lovelace", "Lovelace", "Ada", NULL },
  };

  check_split (cases, G_N_ELEMENTS (cases));
}

static void
test_split_other (void)
{
  const FioCase cases[] = {
    { "Иван", NULL, "Иван", NULL },
    { "Мамедов Али Гусейн оглы", "Мамедов", "Али", "Гусейн оглы" },
    { "Салтыков Михаил Евграфович Щедрин", "Салтыков", "Михаил", "Евграфович Щедрин" },
    { "", NULL, NULL, NULL },
    { "   ", NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL },
  };
  g_autofree char *first = NULL;

  check_split (cases, G_N_ELEMENTS (cases));

  /* Callers may ask for some parts only. */
  crm_text_split_fio ("Иванов Иван Иванович", NULL, &first, NULL);
  g_assert_cmpstr (first, ==, "Иван");
}

static void
test_join_fio (void)
{
  struct { const char *l, *f, *m, *expected; } cases[] = {
    { "Иванов", "Иван", "Иванович", "Иванов Иван Иванович" },
    { "Иванов", NULL, "Иванович", "Иванов Иванович" },
    { NULL, "Иван", NULL, "Иван" },
    { "  Петров-Водкин ", "", "  ", "Петров-Водкин" },
    { "Мамедов", "Али", "Гусейн   оглы", "Мамедов Али Гусейн оглы" },
    { NULL, NULL, NULL, NULL },
    { "", " ", "\t", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = crm_text_join_fio (cases[i].l, cases[i].f, cases[i].m);

      g_assert_cmpstr (full, ==, cases[i].expected);
    }
}

static void
test_split_join_roundtrip (void)
{
  const char *names[] = {
    "Иванов Иван Иванович", "Петрова Анна Сергеевна", "Ёлкин Семён",
    "Мамедов Али Гусейн оглы",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *last = NULL;
      g_autofree char *first = NULL;
      g_autofree char *middle = NULL;
      g_autofree char *full = NULL;

      crm_text_split_fio (names[i], &last, &first, &middle);
      full = crm_text_join_fio (last, first, middle);
      g_assert_cmpstr (full, ==, names[i]);
    }
}

static void
test_is_blank (void)
{
  g_assert_true (crm_text_is_blank (NULL));
  g_assert_true (crm_text_is_blank (""));
  g_assert_true (crm_text_is_blank (" \t\r\n"));
  g_assert_true (crm_text_is_blank ("\xc2\xa0\xe2\x80\x89\xe3\x80\x80"));
  g_assert_false (crm_text_is_blank (" a "));
  g_assert_false (crm_text_is_blank ("-"));
  g_assert_false (crm_text_is_blank ("\xff"));
  g_assert_false (crm_text_is_blank ("  \xc2"));
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/text/fold-yo", test_fold_yo);
  g_test_add_func ("/core/text/fold-case", test_fold_case);
  g_test_add_func ("/core/text/fold-whitespace", test_fold_whitespace);
  g_test_add_func ("/core/text/fold-nfkc", test_fold_nfkc);
  g_test_add_func ("/core/text/fold-invalid-utf8", test_fold_invalid);
  g_test_add_func ("/core/text/name-key-order", test_name_key_order);
  g_test_add_func ("/core/text/name-key-yo", test_name_key_yo);
  g_test_add_func ("/core/text/name-key-separators", test_name_key_separators);
  g_test_add_func ("/core/text/name-key-different", test_name_key_different);
  g_test_add_func ("/core/text/company-key", test_company_key);
  g_test_add_func ("/core/text/split-fio-three", test_split_three);
  g_test_add_func ("/core/text/split-fio-two", test_split_two);
  g_test_add_func ("/core/text/split-fio-other", test_split_other);
  g_test_add_func ("/core/text/join-fio", test_join_fio);
  g_test_add_func ("/core/text/split-join-roundtrip", test_split_join_roundtrip);
  g_test_add_func ("/core/text/is-blank", test_is_blank);

  return crm_test_run ();
}
