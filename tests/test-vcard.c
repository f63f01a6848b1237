/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

static GPtrArray *
read_cards (const char *text,
            gssize      len,
            guint      *n_errors,
            GString    *errors)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_memdup2 (text, len < 0 ? strlen (text) : (gsize) len),
                                                                    len < 0 ? (gssize) strlen (text) : len, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmVcardReader) r = crm_vcard_reader_new (in, &error);
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_free);

  g_assert_no_error (error);
  *n_errors = 0;
  for (guint guard = 0; guard < 100; guard++)
    {
      CrmVcard *card = NULL;

      g_clear_error (&error);
      if (!crm_vcard_reader_next (r, &card, &error))
        {
          if (error == NULL)
            break;
          (*n_errors)++;
          if (errors)
            g_string_append_printf (errors, "%s\n", error->message);
          continue;
        }
      g_ptr_array_add (cards, card);
    }
  return cards;
}

static const char *
phone (CrmVcard *card,
       guint     i)
{
  return ((CrmVcardValue *) g_ptr_array_index (card->phones, i))->value;
}

static const char *
phone_type (CrmVcard *card,
            guint     i)
{
  return ((CrmVcardValue *) g_ptr_array_index (card->phones, i))->type;
}

static void
test_v21_quoted_printable (void)
{
  /* An old phone's export: QP with a soft line break, UTF-8 and cp1251. */
  g_autofree char *cp = g_convert ("Сидорова", -1, "WINDOWS-1251", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GString) qp_cp = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) cards = NULL;
  guint n_errors;
  CrmVcard *c;

  for (const guchar *p = (const guchar *) cp; *p; p++)
    g_string_append_printf (qp_cp, "=%02X", *p);

  g_string_append (text,
                   "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                   "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2;=D0=98=D0=B2=\r\n"
                   "=D0=B0=D0=BD;;;\r\n"
                   "TEL;CELL;PREF:+79123456789\r\n"
                   "TEL;WORK:8 (495) 123-45-67\r\n"
                   "END:VCARD\r\n");
  g_string_append_printf (text,
                          "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                          "N;CHARSET=WINDOWS-1251;QUOTED-PRINTABLE:%s;;;;\r\n"
                          "EMAIL;INTERNET:s@example.ru\r\n"
                          "END:VCARD\r\n", qp_cp->str);

  cards = read_cards (text->str, text->len, &n_errors, NULL);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (cards->len, ==, 2);
  c = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (c->last, ==, "Иванов");
  g_assert_cmpstr (c->first, ==, "Иван");
  g_assert_cmpuint (c->phones->len, ==, 2);
  g_assert_cmpstr (phone (c, 0), ==, "+79123456789");
  g_assert_nonnull (strstr (phone_type (c, 0), "cell"));
  g_assert_nonnull (strstr (phone_type (c, 1), "work"));
  c = g_ptr_array_index (cards, 1);
  g_assert_cmpstr (c->last, ==, "Сидорова");
  g_assert_cmpuint (c->emails->len, ==, 1);
}

static void
test_v30_folding_groups (void)
{
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N:Лебедева;Ольга;Николаевна;;\n"
    "FN:Лебедева Ольга\n"
    "  Николаевна\n"
    "ORG:ООО \"Север\";Отдел продаж\n"
    "TITLE:Руководитель\\, старший\n"
    "item1.TEL;type=WORK,VOICE:+7 812 300-20-11\n"
    "item1.X-ABLabel:_$!<Work>!$_\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:olga@sever.example\n"
    "NOTE:Первая строка\\nвторая\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\n"
    "ADR;TYPE=WORK:;;Невский пр.\\, 1;Санкт-Петербург;;190000;Россия\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) cards = NULL;
  guint n_errors;
  CrmVcard *c;

  cards = read_cards (text, -1, &n_errors, NULL);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (cards->len, ==, 1);
  c = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (c->fn, ==, "Лебедева Ольга Николаевна");
  g_assert_cmpstr (c->org, ==, "ООО \"Север\", Отдел продаж");
  g_assert_cmpstr (c->title, ==, "Руководитель, старший");
  g_assert_cmpstr (c->note, ==, "Первая строка\nвторая");
  g_assert_cmpstr (phone (c, 0), ==, "+7 812 300-20-11");
  g_assert_cmpstr (phone_type (c, 0), ==, "work,voice");
  g_assert_cmpstr (c->adr, ==, "Невский пр., 1, Санкт-Петербург, 190000, Россия");
}

static void
test_v40 (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:John Smith\r\n"
    "N:Smith;John;;;\r\n"
    "TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+1-415-555-0100\r\n"
    "EMAIL;TYPE=work:john@acme.example\r\n"
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) cards = NULL;
  guint n_errors;
  CrmVcard *c;

  cards = read_cards (text, -1, &n_errors, NULL);
  g_assert_cmpuint (cards->len, ==, 1);
  c = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (phone (c, 0), ==, "+1-415-555-0100");
  g_assert_cmpstr (phone_type (c, 0), ==, "cell,voice");
  g_assert_cmpstr (c->uid, ==, "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
}

static void
test_broken_cards (void)
{
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Без конца\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Хорошая карточка\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "это не свойство\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "FN:Последняя\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "FN:Обрыв файла\n";
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autoptr(GPtrArray) cards = NULL;
  guint n_errors;

  cards = read_cards (text, -1, &n_errors, errors);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (((CrmVcard *) g_ptr_array_index (cards, 0))->fn, ==, "Хорошая карточка");
  g_assert_cmpstr (((CrmVcard *) g_ptr_array_index (cards, 1))->fn, ==, "Последняя");
  g_assert_cmpuint (n_errors, ==, 3);
  g_assert_nonnull (strstr (errors->str, "Line 1:"));
  g_assert_nonnull (strstr (errors->str, "Line 10:"));
  g_assert_nonnull (strstr (errors->str, "Line 15:"));
}

static void
test_writer_roundtrip (void)
{
  CrmVcard card = { 0 };
  CrmVcardValue tel = { (char *) "+79123456789", (char *) "cell" };
  CrmVcardValue mail = { (char *) "ivan@example.ru", (char *) "internet" };
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  guint n_errors;
  CrmVcard *back;
  char note[400];

  memset (note, 0, sizeof note);
  for (guint i = 0; i < 60; i++)
    strcat (note, "Ёж, ");
  card.fn = (char *) "Иванов Иван; младший";
  card.last = (char *) "Иванов";
  card.first = (char *) "Иван";
  card.org = (char *) "ООО «Ромашка»";
  card.note = note;
  card.phones = g_ptr_array_new ();
  card.emails = g_ptr_array_new ();
  g_ptr_array_add (card.phones, &tel);
  g_ptr_array_add (card.emails, &mail);

  text = crm_vcard_to_string_30 (&card);
  g_ptr_array_unref (card.phones);
  g_ptr_array_unref (card.emails);

  /* Folded lines are at most 75 octets and split no character. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_assert_cmpuint (strlen (lines[i]), <=, 75);
        g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      }
  }

  cards = read_cards (text, -1, &n_errors, NULL);
  g_assert_cmpuint (n_errors, ==, 0);
  back = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (back->fn, ==, card.fn);
  g_assert_cmpstr (back->last, ==, "Иванов");
  g_assert_cmpstr (back->org, ==, card.org);
  g_assert_cmpstr (back->note, ==, g_strstrip (note));
  g_assert_cmpstr (phone (back, 0), ==, "+79123456789");
  g_assert_cmpstr (phone_type (back, 0), ==, "cell");
}

static void
test_fixture (void)
{
  g_autofree char *path = crm_test_data_path ("contacts-mixed.vcf");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gsize len;
  guint n_errors;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  cards = read_cards (text, len, &n_errors, NULL);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpstr (((CrmVcard *) g_ptr_array_index (cards, 0))->fn, ==, "Григорий Григорьев");
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/vcard/v21-quoted-printable", test_v21_quoted_printable);
  g_test_add_func ("/core/vcard/v30-folding-groups", test_v30_folding_groups);
  g_test_add_func ("/core/vcard/v40", test_v40);
  g_test_add_func ("/core/vcard/broken-cards", test_broken_cards);
  g_test_add_func ("/core/vcard/writer-roundtrip", test_writer_roundtrip);
  g_test_add_func ("/core/vcard/fixture", test_fixture);
  return crm_test_run ();
}
