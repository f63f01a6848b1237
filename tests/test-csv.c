/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* ---- A stream that hands out one byte per read ---- */

#define TEST_TYPE_TRICKLE (test_trickle_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickle, test_trickle, TEST, TRICKLE, GInputStream)

struct _TestTrickle
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        pos;
};

G_DEFINE_FINAL_TYPE (TestTrickle, test_trickle, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TestTrickle *self = TEST_TRICKLE (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (self->pos >= size || count == 0)
    return 0;
  ((guint8 *) buffer)[0] = data[self->pos++];
  return 1;
}

static void
test_trickle_finalize (GObject *object)
{
  g_bytes_unref (TEST_TRICKLE (object)->bytes);
  G_OBJECT_CLASS (test_trickle_parent_class)->finalize (object);
}

static void
test_trickle_class_init (TestTrickleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_read;
}

static void
test_trickle_init (TestTrickle *self)
{
}

static GInputStream *
stream_for (const char *data,
            gssize      len,
            gboolean    trickle)
{
  GBytes *bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  TestTrickle *t;

  if (!trickle)
    {
      GInputStream *in = g_memory_input_stream_new_from_bytes (bytes);

      g_bytes_unref (bytes);
      return in;
    }
  t = g_object_new (TEST_TYPE_TRICKLE, NULL);
  t->bytes = bytes;
  return G_INPUT_STREAM (t);
}

static char *
load_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = crm_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---- Reading everything into text ---- */

typedef struct
{
  char   *text;       /* records as "LINE:a|b|c\n", errors as "LINE!CODE\n" */
  char   *errors;     /* the error messages, one a line */
  char    delimiter;
  char   *encoding;
  gint64  bytes_read;
} Result;

static void
result_clear (Result *res)
{
  g_free (res->text);
  g_free (res->errors);
  g_free (res->encoding);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
read_all (const char *data,
          gssize      len,
          gboolean    trickle,
          char        force,
          Result     *res)
{
  g_autoptr(GInputStream) stream = stream_for (data, len, trickle);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvReader) r = crm_csv_reader_new (stream, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) errors = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  if (force)
    crm_csv_reader_set_delimiter (r, force);
  res->delimiter = crm_csv_reader_get_delimiter (r);

  for (guint guard = 0; guard < 100000; guard++)
    {
      GPtrArray *fields = NULL;

      g_clear_error (&error);
      if (!crm_csv_reader_next (r, &fields, &error))
        {
          if (error == NULL)
            break;
          g_assert_true (error->domain == CRM_PARSE_ERROR);
          g_string_append_printf (out, "%u!%d\n", crm_csv_reader_get_line (r), error->code);
          g_string_append_printf (errors, "%s\n", error->message);
          continue;
        }
      g_string_append_printf (out, "%u:", crm_csv_reader_get_line (r));
      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (fields, i));
      g_string_append_c (out, '\n');
    }
  res->bytes_read = crm_csv_reader_get_bytes_read (r);
  res->encoding = g_strdup (crm_csv_reader_get_encoding (r));
  res->text = g_string_free (g_steal_pointer (&out), FALSE);
  res->errors = g_string_free (g_steal_pointer (&errors), FALSE);
}

/* The same text through a whole-buffer stream and a one-byte stream. */
static char *
read_both (const char *data,
           gssize      len)
{
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };

  read_all (data, len, FALSE, 0, &a);
  read_all (data, len, TRUE, 0, &b);
  g_assert_cmpstr (a.text, ==, b.text);
  g_assert_cmpint (a.delimiter, ==, b.delimiter);
  g_assert_cmpstr (a.encoding, ==, b.encoding);
  return g_steal_pointer (&a.text);
}

/* ---- Tests ---- */

static void
test_rfc4180 (void)
{
  gsize len;
  g_autofree char *data = load_fixture ("rfc4180.csv", &len);
  g_autofree char *all = read_both (data, len);

  /* Numbers are the lines where records start: the ones with embedded
   * line breaks push the next records down. */
  g_assert_cmpstr (all, ==,
                   "1:id|text|note\n"
                   "2:1|embedded\r\nCRLF newline|x\n"
                   "4:2|embedded\nLF|y\n"
                   "6:3|he said \"hi\"|\n"
                   "7:4|plain \"quote\" inside|\n"
                   "8:5||  \n"
                   "9:6|a,b|c\"d\n"
                   "10:\n"
                   "11:7|multi\n\nblank lines\n|end\n"
                   "15:8|trailing||\n"
                   "16:9|ends without newline|last\n");
}

static void
test_line_ends (void)
{
  g_autofree char *all = read_both ("a;b\rc;\"d\re\"\r\nf;g\n\nh;i\r", -1);

  g_assert_cmpstr (all, ==,
                   "1:a|b\n"
                   "2:c|d\re\n"
                   "4:f|g\n"
                   "5:\n"
                   "6:h|i\n");
}

static void
test_empty_input (void)
{
  g_auto(Result) res = { 0 };

  read_all ("", 0, FALSE, 0, &res);
  g_assert_cmpstr (res.text, ==, "");
  g_assert_cmpstr (res.encoding, ==, "UTF-8");

  {
    g_auto(Result) bom = { 0 };

    read_all ("\xef\xbb\xbf", 3, TRUE, 0, &bom);
    g_assert_cmpstr (bom.text, ==, "");
    g_assert_cmpstr (bom.encoding, ==, "UTF-8-BOM");
  }
}

static void
test_delimiters (void)
{
  struct { const char *text; char delimiter; } cases[] = {
    { "ФИО;Телефон;Почта\nА;1;x\nБ;2;y\n", ';' },
    { "name,phone,email\na,1,x\nb,2,y\n", ',' },
    { "name\tphone\temail\na\t1\tx\n", '\t' },
    { "name|phone|email\na|1|x\n", '|' },
    /* Commas inside quoted fields and decimal commas do not fool it. */
    { "ФИО;Компания;Сумма\n\"Иванов, Иван\";\"ООО, «Альфа»\";150,50\nБ;В, Г;1,5\n", ';' },
    { "a,b\n\"x;y;z\",1\n\"p;q\",2\n", ',' },
    /* An English list with "; " inside unquoted notes. */
    { "name\tnote\nA\tcall; later; maybe\nB\tok\n", '\t' },
    /* One column: the default. */
    { "ФИО\nИванов\nПетров\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) res = { 0 };

      g_test_message ("case %u", i);
      read_all (cases[i].text, -1, FALSE, 0, &res);
      g_assert_cmpint (res.delimiter, ==, cases[i].delimiter);
    }

  /* Forcing it. */
  {
    g_auto(Result) res = { 0 };

    read_all ("a,b;c\n", -1, FALSE, ';', &res);
    g_assert_cmpint (res.delimiter, ==, ';');
    g_assert_cmpstr (res.text, ==, "1:a,b|c\n");
  }
}

static void
test_encodings (void)
{
  const char *utf8 = "ФИО;Город\nЁлкин Семён;Москва\n";
  const char *expected = "1:ФИО|Город\n2:Ёлкин Семён|Москва\n";
  struct { const char *to; const char *prefix; gsize prefix_len; const char *name; } cases[] = {
    { "UTF-8", "", 0, "UTF-8" },
    { "UTF-8", "\xef\xbb\xbf", 3, "UTF-8-BOM" },
    { "WINDOWS-1251", "", 0, "WINDOWS-1251" },
    { "UTF-16LE", "\xff\xfe", 2, "UTF-16LE" },
    { "UTF-16BE", "\xfe\xff", 2, "UTF-16BE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      g_autofree char *body = g_convert (utf8, -1, cases[i].to, "UTF-8", NULL, &len, &error);
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autofree char *all = NULL;
      g_auto(Result) res = { 0 };

      g_assert_no_error (error);
      g_byte_array_append (data, (const guint8 *) cases[i].prefix, cases[i].prefix_len);
      g_byte_array_append (data, (const guint8 *) body, len);
      all = read_both ((const char *) data->data, data->len);
      g_assert_cmpstr (all, ==, expected);
      read_all ((const char *) data->data, data->len, TRUE, 0, &res);
      g_assert_cmpstr (res.encoding, ==, cases[i].name);
      g_assert_cmpint (res.bytes_read, ==, data->len);
    }
}

/* 64 KiB of ASCII, then Windows-1251: the guess changes when the first
 * non-ASCII byte comes. */
static void
test_late_cp1251 (void)
{
  g_autoptr(GString) text = g_string_new ("name;phone\n");
  g_autofree char *cyr = g_convert ("Ёлкин Семён;8 903 123-45-67\n", -1, "WINDOWS-1251", "UTF-8", NULL, NULL, NULL);
  g_auto(Result) res = { 0 };
  guint rows = 0;

  while (text->len < 70 * 1024)
    {
      g_string_append_printf (text, "Smith %u;+1 415 555 %04u\n", rows, rows % 10000);
      rows++;
    }
  g_string_append (text, cyr);
  read_all (text->str, text->len, FALSE, 0, &res);
  g_assert_cmpstr (res.encoding, ==, "WINDOWS-1251");
  g_assert_true (g_str_has_suffix (res.text, "Ёлкин Семён|8 903 123-45-67\n"));
  g_assert_null (strchr (res.text, '!'));
}

static void
test_invalid_bytes (void)
{
  /* UTF-8 text (the first chunk says so) with a stray byte on line 3. */
  const char *bad_utf8 = "ФИО;Город\nА;Б\n\"Ив\xffанов\nмладший\";Москва\nВ;Г\n";
  /* Windows-1251 has no character at 0x98. */
  g_autofree char *cp = g_convert ("ФИО;Город\nЁлкин;Тверь\n", -1, "WINDOWS-1251", "UTF-8", NULL, NULL, NULL);
  g_autofree char *bad_cp = g_strdup_printf ("%sX\x98;Y\nZ;W\n", cp);
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  g_auto(Result) c = { 0 };

  read_all (bad_utf8, -1, TRUE, 0, &a);
  /* The record is read whole, the error names the bad byte's line, the
   * next record follows. */
  g_assert_cmpstr (a.text, ==, "1:ФИО|Город\n2:А|Б\n3!0\n5:В|Г\n");
  g_assert_cmpstr (a.errors, ==, "Line 3: invalid UTF-8 text\n");

  read_all (bad_cp, -1, FALSE, 0, &b);
  g_assert_cmpstr (b.encoding, ==, "WINDOWS-1251");
  g_assert_cmpstr (b.text, ==, "1:ФИО|Город\n2:Ёлкин|Тверь\n3!0\n4:Z|W\n");
  g_assert_nonnull (strstr (b.errors, "Line 3"));

  /* A NUL would cut a field short. */
  read_all ("a;b\nc\0d;e\nf;g\n", 14, FALSE, 0, &c);
  g_assert_cmpstr (c.text, ==, "1:a|b\n2!0\n3:f|g\n");
}

static void
test_errors_and_recovery (void)
{
  const char *input =
    "a;b\n"
    "1;2\n"
    "\"x\"junk;3\n"             /* text after a closing quote */
    "\"x\"  ;4\n"               /* spaces after it are fine */
    "5;\"never closed\n"        /* swallows lines up to the next quote… */
    "6;7\n"
    "8;\"nine\"\n"              /* …which closes it, then "nine" is junk */
    "10;11\n"
    "\"open at the end;12\n"
    "13;14";
  g_auto(Result) res = { 0 };

  read_all (input, -1, TRUE, 0, &res);
  /* Every bad row is reported with its own line, and reading goes on at
   * the line after it, so the rows swallowed by an open quote survive. */
  g_assert_cmpstr (res.text, ==,
                   "1:a|b\n"
                   "2:1|2\n"
                   "3!1\n"
                   "4:x|4\n"
                   "5!1\n"
                   "6:6|7\n"
                   "7:8|nine\n"
                   "8:10|11\n"
                   "9!1\n"
                   "10:13|14\n");
  g_assert_cmpstr (res.errors, ==,
                   "Line 3: unexpected text after a closing quote\n"
                   "Line 5: a quoted field is not closed\n"
                   "Line 9: a quoted field is not closed\n");
}

static void
test_too_large (void)
{
  g_autoptr(GString) big = g_string_new ("a;b\n\"");
  g_auto(Result) res = { 0 };
  g_auto(Result) rec = { 0 };

  /* A field over 1 MiB on line 2; line 3 is read again. */
  for (guint i = 0; i < 1100 * 1024; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\";1\nok;2\n");
  read_all (big->str, big->len, FALSE, 0, &res);
  g_assert_cmpstr (res.text, ==, "1:a|b\n2!2\n3:ok|2\n");
  g_assert_cmpstr (res.errors, ==, "Line 2: field longer than 1048576 bytes\n");

  /* A record over 16 MiB, in fields of 1000 bytes. */
  g_string_assign (big, "a;b\n");
  while (big->len < 17 * 1024 * 1024)
    {
      for (guint i = 0; i < 1000; i++)
        g_string_append_c (big, 'y');
      g_string_append_c (big, ';');
    }
  g_string_append (big, "\nlast;row\n");
  read_all (big->str, big->len, FALSE, 0, &rec);
  g_assert_cmpstr (rec.text, ==, "1:a|b\n2!2\n3:last|row\n");
  g_assert_cmpstr (rec.errors, ==, "Line 2: record longer than 16777216 bytes\n");
}

/* Realistic exports: the same table as Windows-1251 with ';' and CRLF,
 * and as UTF-8 with a BOM, ',' and LF. */
static void
check_import_table (const char *name,
                    char        delimiter,
                    const char *encoding)
{
  gsize len;
  g_autofree char *data = load_fixture (name, &len);
  g_autofree char *all = read_both (data, len);
  g_auto(Result) res = { 0 };
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);

  read_all (data, len, FALSE, 0, &res);
  g_assert_cmpint (res.delimiter, ==, delimiter);
  g_assert_cmpstr (res.encoding, ==, encoding);
  g_assert_cmpint (res.bytes_read, ==, len);

  g_assert_cmpstr (lines[0], ==, "1:Фамилия|Имя|Отчество|Телефон|E-mail|Компания|Должность|Источник|Комментарий|ИНН");
  g_assert_cmpstr (lines[1], ==,
                   "2:Иванов|Иван|Иванович|+7 (912) 345-67-89|ivanov@romashka.ru|ООО \"Ромашка\"|"
                   "Генеральный директор|Сайт|Просил перезвонить после обеда|7707083893");
  g_assert_cmpstr (lines[2], ==,
                   "3:Петрова|Анна|Сергеевна|8 916 111-22-33|anna.petrova@mail.ru|ИП Петрова А. С.||Звонок|"
                   "Интересует опт; скидка 5%, договор № 15|500100732259");
  /* A comment over two lines: the next record starts on line 6. */
  g_assert_cmpstr (lines[3], ==,
                   "4:Ёлкин|Семён|Петрович|89031234567||Альфа-Строй|Менеджер по закупкам|Выставка|"
                   "Многострочный");
  g_assert_cmpstr (lines[4], ==, "комментарий с \"кавычками\"|");
  g_assert_cmpstr (lines[5], ==,
                   "6:Сидоров|Пётр||+7 495 765-43-21 доб. 12|sidorov@example.com|Торговый дом «Север», филиал|"
                   "Инженер|Рекомендация||");
  /* Text after a quote on line 7; a quote never closed on line 9. */
  g_assert_cmpstr (lines[6], ==, "7!1");
  g_assert_cmpstr (lines[7], ==, "8:Смирнов|Алексей||+7 921 000-11-22|smirnov@example.ru|Гамма||Сайт|Ok после ошибки|");
  g_assert_cmpstr (lines[8], ==, "9!1");
  g_assert_cmpstr (lines[9], ==, "10:Новиков|Олег||+7 999 888-77-66|novikov@example.ru|Эпсилон||Сайт||");
  /* No line end after the last record. */
  g_assert_cmpstr (lines[10], ==,
                   "11:Морозова|Елена|Викторовна|89261112233|morozova@example.ru|Зета|Юрист|Выставка|"
                   "последняя строка без перевода строки|");
  g_assert_cmpstr (lines[11], ==, "");
  g_assert_null (lines[12]);
  g_assert_cmpstr (res.errors, ==,
                   "Line 7: unexpected text after a closing quote\n"
                   "Line 9: a quoted field is not closed\n");
}

static void
test_fixture_cp1251 (void)
{
  check_import_table ("import-cp1251.csv", ';', "WINDOWS-1251");
}

static void
test_fixture_utf8_bom (void)
{
  check_import_table ("import-utf8-bom.csv", ',', "UTF-8-BOM");
}

static void
test_fixture_tsv (void)
{
  gsize len;
  g_autofree char *data = load_fixture ("import-en.tsv", &len);
  g_autofree char *all = read_both (data, len);
  g_auto(Result) res = { 0 };
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  g_autofree CrmField *fields = NULL;
  g_auto(GStrv) headers = NULL;

  read_all (data, len, FALSE, 0, &res);
  g_assert_cmpint (res.delimiter, ==, '\t');
  g_assert_cmpstr (res.encoding, ==, "UTF-8");
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[1], ==,
                   "2:John|Smith|Acme Ltd|CEO|+1 415 555 0100|+1 415 555 0101 ext. 7|john@acme.example|"
                   "Referral|Met at \"SaaS Expo\", wants a demo|San Francisco");
  g_assert_cmpstr (lines[2], ==,
                   "3:José|Müller|Globex GmbH||+49 151 2345678||jose@globex.example|Web|Tab\tinside, quoted|Berlin");
  g_assert_cmpstr (lines[3], ==, "4:Ann|Lee||Buyer||(212) 555-0199|ann.lee@example.com|||");

  /* Its headers map without help. */
  headers = g_strsplit (lines[0] + 2, "|", -1);
  fields = crm_field_guess_all ((const char *const *) headers, g_strv_length (headers));
  g_assert_cmpint (fields[0], ==, CRM_FIELD_FIRST_NAME);
  g_assert_cmpint (fields[1], ==, CRM_FIELD_LAST_NAME);
  g_assert_cmpint (fields[2], ==, CRM_FIELD_COMPANY);
  g_assert_cmpint (fields[3], ==, CRM_FIELD_JOB_TITLE);
  g_assert_cmpint (fields[4], ==, CRM_FIELD_PHONE_MOBILE);
  g_assert_cmpint (fields[5], ==, CRM_FIELD_PHONE_WORK);
  g_assert_cmpint (fields[6], ==, CRM_FIELD_EMAIL);
  g_assert_cmpint (fields[7], ==, CRM_FIELD_CHANNEL);
  g_assert_cmpint (fields[8], ==, CRM_FIELD_NOTE);
  g_assert_cmpint (fields[9], ==, CRM_FIELD_CITY);
}

/* Every fixture gives the same records however the stream cuts it. */
static void
test_short_reads (void)
{
  const char *names[] = {
    "import-cp1251.csv", "import-utf8-bom.csv", "import-en.tsv", "rfc4180.csv",
    "leads-cp1251.csv", "leads-utf8.csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len;
      g_autofree char *data = load_fixture (names[i], &len);
      g_autofree char *all = read_both (data, len);

      g_test_message ("%s", names[i]);
      g_assert_cmpstr (all, !=, "");
    }

  /* A CRLF, a "" and a multibyte character split across 64 KiB chunks. */
  for (gsize pad = 65530; pad < 65540; pad++)
    {
      g_autoptr(GString) text = g_string_new ("a;b\r\n");
      g_autofree char *all = NULL;

      while (text->len < pad)
        g_string_append_c (text, 'x');
      g_string_append (text, ";\"q\"\"ё\"\r\nЖ;Ж\r\n");
      all = read_both (text->str, text->len);
      g_assert_true (g_str_has_suffix (all, "|q\"ё\n3:Ж|Ж\n"));
    }
}

static void
test_writer_quoting (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvWriter) w = crm_csv_writer_new (out, ';', FALSE);
  g_autoptr(GError) error = NULL;
  const char *row[] = { "plain", "a;b", "say \"hi\"", "two\nlines", " lead", "trail ", "", NULL, "a,b" };

  g_assert_true (crm_csv_writer_write_row (w, row, G_N_ELEMENTS (row), &error));
  g_assert_no_error (error);
  g_assert_true (crm_csv_writer_write_row (w, NULL, 0, &error));
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_cmpstr (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), ==,
                   "plain;\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";\" lead\";\"trail \";;;a,b\r\n\r\n");
}

static void
test_writer_roundtrip (void)
{
  const char *rows[][4] = {
    { "ФИО", "Телефон", "Комментарий", "Сумма" },
    { "Иванов; Иван", "+7 912 345-67-89", "said \"hi\"\r\nnew line", "150,50" },
    { " leading space", "", "plain", "trailing\t" },
    { "\xef\xbb\xbfзнак BOM в начале", "|", "\"", "" },
  };
  const char delimiters[] = { ',', ';', '\t', '|' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (int bom = 0; bom < 2; bom++)
      {
        g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
        g_autoptr(CrmCsvWriter) w = crm_csv_writer_new (out, delimiters[d], bom);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GString) expected = g_string_new (NULL);
        g_autofree char *all = NULL;
        g_auto(Result) res = { 0 };

        for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
          {
            g_assert_true (crm_csv_writer_write_row (w, rows[i], 4, &error));
            g_assert_no_error (error);
          }
        g_output_stream_close (out, NULL, NULL);
        bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
        if (bom)
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 3, "\xef\xbb\xbf", 3);
        else
          g_assert_cmpint (((const guchar *) g_bytes_get_data (bytes, NULL))[0], ==, 0xd0);

        read_all (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), TRUE, 0, &res);
        g_assert_cmpint (res.delimiter, ==, delimiters[d]);
        g_assert_cmpstr (res.encoding, ==, bom ? "UTF-8-BOM" : "UTF-8");

        all = read_both (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        g_string_append (expected, "1:ФИО|Телефон|Комментарий|Сумма\n");
        g_string_append (expected, "2:Иванов; Иван|+7 912 345-67-89|said \"hi\"\r\nnew line|150,50\n");
        g_string_append (expected, "4: leading space||plain|trailing\t\n");
        g_string_append (expected, "5:\xef\xbb\xbfзнак BOM в начале|||\"|\n");
        g_assert_cmpstr (all, ==, expected->str);
      }
}

static void
test_field_keys (void)
{
  g_assert_cmpstr (crm_field_get_key (CRM_FIELD_NONE), ==, "");
  g_assert_cmpint (crm_field_from_key (""), ==, CRM_FIELD_NONE);
  g_assert_cmpint (crm_field_from_key (NULL), ==, CRM_FIELD_NONE);
  g_assert_cmpint (crm_field_from_key ("passport"), ==, CRM_FIELD_NONE);
  g_assert_cmpint (crm_field_from_key ("PHONE_WORK"), ==, CRM_FIELD_PHONE_WORK);
  g_assert_cmpstr (crm_field_get_key (CRM_FIELD_PHONE_MOBILE), ==, "phone_mobile");
  g_assert_cmpstr (crm_field_get_key (CRM_FIELD_UTM_CAMPAIGN), ==, "utm_campaign");

  for (CrmField f = CRM_FIELD_NONE + 1; f < CRM_N_FIELDS; f++)
    {
      const char *key = crm_field_get_key (f);
      const char *label = crm_field_get_label (f);

      g_assert_cmpstr (key, !=, "");
      for (const char *p = key; *p; p++)
        g_assert_true (g_ascii_islower (*p) || *p == '_');
      g_assert_cmpint (crm_field_from_key (key), ==, f);
      g_assert_cmpstr (label, !=, "");
      /* Exports write the labels; imports must map them back. */
      g_assert_cmpint (crm_field_guess (label), ==, f);
    }
}

static void
test_header_guessing (void)
{
  struct { const char *header; CrmField field; } cases[] = {
    { "ФИО", CRM_FIELD_FIO }, { "Ф.И.О.", CRM_FIELD_FIO }, { "ф. и. о.", CRM_FIELD_FIO },
    { "Контактное лицо", CRM_FIELD_FIO }, { "Name", CRM_FIELD_FIO }, { "Full name", CRM_FIELD_FIO },
    { "Contact", CRM_FIELD_FIO }, { "Клиент", CRM_FIELD_FIO },
    { "Имя", CRM_FIELD_FIRST_NAME }, { "First name", CRM_FIELD_FIRST_NAME },
    { "Given Name", CRM_FIELD_FIRST_NAME }, { "first_name", CRM_FIELD_FIRST_NAME },
    { "Фамилия", CRM_FIELD_LAST_NAME }, { "Last name", CRM_FIELD_LAST_NAME },
    { "Surname", CRM_FIELD_LAST_NAME }, { "Family Name", CRM_FIELD_LAST_NAME },
    { "Отчество", CRM_FIELD_MIDDLE_NAME }, { "Middle name", CRM_FIELD_MIDDLE_NAME },
    { "Patronymic", CRM_FIELD_MIDDLE_NAME },
    { "Телефон", CRM_FIELD_PHONE }, { "Тел.", CRM_FIELD_PHONE }, { "Номер телефона", CRM_FIELD_PHONE },
    { "Phone", CRM_FIELD_PHONE }, { "Telephone", CRM_FIELD_PHONE }, { "Телефон 2", CRM_FIELD_PHONE },
    { "Phone 1 - Value", CRM_FIELD_PHONE },
    { "Рабочий телефон", CRM_FIELD_PHONE_WORK }, { "Work phone", CRM_FIELD_PHONE_WORK },
    { "Business Phone", CRM_FIELD_PHONE_WORK },
    { "Мобильный", CRM_FIELD_PHONE_MOBILE }, { "Мобильный телефон", CRM_FIELD_PHONE_MOBILE },
    { "Сотовый", CRM_FIELD_PHONE_MOBILE }, { "Сотовый телефон", CRM_FIELD_PHONE_MOBILE },
    { "Моб. тел.", CRM_FIELD_PHONE_MOBILE }, { "Mobile", CRM_FIELD_PHONE_MOBILE },
    { "Cell", CRM_FIELD_PHONE_MOBILE }, { "Mobile Phone", CRM_FIELD_PHONE_MOBILE },
    { "Домашний телефон", CRM_FIELD_PHONE_HOME }, { "Home phone", CRM_FIELD_PHONE_HOME },
    { "E-mail", CRM_FIELD_EMAIL }, { "Email", CRM_FIELD_EMAIL }, { "EMAIL", CRM_FIELD_EMAIL },
    { "Е-mail", CRM_FIELD_EMAIL } /* Cyrillic Е */, { "Е-MAIL", CRM_FIELD_EMAIL },
    { "Эл. почта", CRM_FIELD_EMAIL }, { "Электронная почта", CRM_FIELD_EMAIL },
    { "Почта", CRM_FIELD_EMAIL }, { "Mail", CRM_FIELD_EMAIL }, { "E-mail Address", CRM_FIELD_EMAIL },
    { "E-mail 2", CRM_FIELD_EMAIL },
    { "Компания", CRM_FIELD_COMPANY }, { "Организация", CRM_FIELD_COMPANY },
    { "Название компании", CRM_FIELD_COMPANY }, { "Company", CRM_FIELD_COMPANY },
    { "Organization", CRM_FIELD_COMPANY }, { "Account", CRM_FIELD_COMPANY },
    { "Должность", CRM_FIELD_JOB_TITLE }, { "Job title", CRM_FIELD_JOB_TITLE },
    { "Title", CRM_FIELD_JOB_TITLE }, { "Position", CRM_FIELD_JOB_TITLE },
    { "Источник", CRM_FIELD_CHANNEL }, { "Канал", CRM_FIELD_CHANNEL }, { "Source", CRM_FIELD_CHANNEL },
    { "Channel", CRM_FIELD_CHANNEL }, { "Lead source", CRM_FIELD_CHANNEL },
    { "Комментарий", CRM_FIELD_NOTE }, { "Примечание", CRM_FIELD_NOTE }, { "Заметки", CRM_FIELD_NOTE },
    { "Comment", CRM_FIELD_NOTE }, { "Note", CRM_FIELD_NOTE }, { "Notes", CRM_FIELD_NOTE },
    { "Description", CRM_FIELD_NOTE },
    { "Запрос", CRM_FIELD_REQUEST }, { "Заявка", CRM_FIELD_REQUEST }, { "Сообщение", CRM_FIELD_REQUEST },
    { "Request", CRM_FIELD_REQUEST }, { "Message", CRM_FIELD_REQUEST },
    { "ИНН", CRM_FIELD_INN }, { "INN", CRM_FIELD_INN }, { "TIN", CRM_FIELD_INN },
    { "КПП", CRM_FIELD_KPP }, { "KPP", CRM_FIELD_KPP },
    { "ОГРН", CRM_FIELD_OGRN }, { "ОГРНИП", CRM_FIELD_OGRN }, { "OGRN", CRM_FIELD_OGRN },
    { "Адрес", CRM_FIELD_ADDRESS }, { "Юридический адрес", CRM_FIELD_ADDRESS }, { "Address", CRM_FIELD_ADDRESS },
    { "Город", CRM_FIELD_CITY }, { "City", CRM_FIELD_CITY },
    { "Сайт", CRM_FIELD_WEBSITE }, { "Website", CRM_FIELD_WEBSITE }, { "Web", CRM_FIELD_WEBSITE },
    { "utm_source", CRM_FIELD_UTM_SOURCE }, { "UTM Medium", CRM_FIELD_UTM_MEDIUM },
    { "utm_campaign", CRM_FIELD_UTM_CAMPAIGN }, { "utm-content", CRM_FIELD_UTM_CONTENT },
    { "utm_term", CRM_FIELD_UTM_TERM },
    { "Дата создания", CRM_FIELD_CREATED }, { "Создан", CRM_FIELD_CREATED },
    { "Created", CRM_FIELD_CREATED }, { "Date", CRM_FIELD_CREATED },
    { "Бюджет", CRM_FIELD_VALUE }, { "Сумма", CRM_FIELD_VALUE }, { "Budget", CRM_FIELD_VALUE },
    { "Amount", CRM_FIELD_VALUE }, { "Value", CRM_FIELD_VALUE },
    { "Температура", CRM_FIELD_TEMPERATURE }, { "Temperature", CRM_FIELD_TEMPERATURE },
    { "Этап", CRM_FIELD_STAGE }, { "Стадия", CRM_FIELD_STAGE }, { "Статус", CRM_FIELD_STAGE },
    { "Stage", CRM_FIELD_STAGE }, { "Status", CRM_FIELD_STAGE },
    { "Ответственный", CRM_FIELD_OWNER }, { "Менеджер", CRM_FIELD_OWNER },
    { "Owner", CRM_FIELD_OWNER }, { "Responsible", CRM_FIELD_OWNER },
    { "ID", CRM_FIELD_ID }, { "id", CRM_FIELD_ID },
    /* Decorations */
    { "  *Телефон:  ", CRM_FIELD_PHONE }, { "\xef\xbb\xbf\"ФИО\"", CRM_FIELD_FIO },
    { "«Фамилия»", CRM_FIELD_LAST_NAME }, { "ТЕЛЕФОН", CRM_FIELD_PHONE },
    { "Дата  создания", CRM_FIELD_CREATED }, { "ДАТА_СОЗДАНИЯ", CRM_FIELD_CREATED },
    /* Nothing */
    { "Что-то ещё", CRM_FIELD_NONE }, { "", CRM_FIELD_NONE }, { "***", CRM_FIELD_NONE },
    { "42", CRM_FIELD_NONE }, { NULL, CRM_FIELD_NONE }, { "\xff\xfe", CRM_FIELD_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("header “%s”", cases[i].header ? cases[i].header : "(null)");
      g_assert_cmpint (crm_field_guess (cases[i].header), ==, cases[i].field);
    }
}

static void
test_guess_all (void)
{
  {
    /* "Имя" alone is the whole name; several phones and e-mails map. */
    const char *headers[] = { "Имя", "Телефон", "Телефон", "E-mail", "Почта", "Мобильный", "Комментарий", "Примечание" };
    g_autofree CrmField *f = crm_field_guess_all (headers, G_N_ELEMENTS (headers));

    g_assert_cmpint (f[0], ==, CRM_FIELD_FIO);
    g_assert_cmpint (f[1], ==, CRM_FIELD_PHONE);
    g_assert_cmpint (f[2], ==, CRM_FIELD_PHONE);
    g_assert_cmpint (f[3], ==, CRM_FIELD_EMAIL);
    g_assert_cmpint (f[4], ==, CRM_FIELD_EMAIL);
    g_assert_cmpint (f[5], ==, CRM_FIELD_PHONE_MOBILE);
    g_assert_cmpint (f[6], ==, CRM_FIELD_NOTE);
    g_assert_cmpint (f[7], ==, CRM_FIELD_NOTE);
  }
  {
    /* With "Фамилия", "Имя" is the first name; a second company is left out. */
    const char *headers[] = { "Фамилия", "Имя", "Отчество", "Компания", "Организация", "Неизвестно" };
    g_autofree CrmField *f = crm_field_guess_all (headers, G_N_ELEMENTS (headers));

    g_assert_cmpint (f[0], ==, CRM_FIELD_LAST_NAME);
    g_assert_cmpint (f[1], ==, CRM_FIELD_FIRST_NAME);
    g_assert_cmpint (f[2], ==, CRM_FIELD_MIDDLE_NAME);
    g_assert_cmpint (f[3], ==, CRM_FIELD_COMPANY);
    g_assert_cmpint (f[4], ==, CRM_FIELD_NONE);
    g_assert_cmpint (f[5], ==, CRM_FIELD_NONE);
  }
  {
    /* With "ФИО", "Имя" stays the first name. */
    const char *headers[] = { "ФИО", "Имя" };
    g_autofree CrmField *f = crm_field_guess_all (headers, 2);

    g_assert_cmpint (f[0], ==, CRM_FIELD_FIO);
    g_assert_cmpint (f[1], ==, CRM_FIELD_FIRST_NAME);
  }
  {
    g_autofree CrmField *f = crm_field_guess_all (NULL, 0);

    g_assert_nonnull (f);
  }
}

static void
test_mapping (void)
{
  const char *headers[] = { "Клиент", "Тел.", "Что-то", "Заметка", "3" };
  g_autofree CrmField *out = NULL;
  g_autoptr(GError) error = NULL;

  /* By header as written, by header folded ("тел" meets "Тел."), by number. */
  g_assert_true (crm_field_parse_mapping ("Клиент=fio, тел=phone_work,3=email,Заметка=skip", headers, 5, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out[0], ==, CRM_FIELD_FIO);
  g_assert_cmpint (out[1], ==, CRM_FIELD_PHONE_WORK);
  g_assert_cmpint (out[2], ==, CRM_FIELD_EMAIL);
  g_assert_cmpint (out[3], ==, CRM_FIELD_NONE);
  g_assert_cmpint (out[4], ==, CRM_FIELD_NONE);
  g_clear_pointer (&out, g_free);

  /* Unmapped columns are guessed. */
  g_assert_true (crm_field_parse_mapping ("Что-то=company", headers, 5, &out, &error));
  g_assert_cmpint (out[0], ==, CRM_FIELD_FIO);
  g_assert_cmpint (out[1], ==, CRM_FIELD_PHONE);
  g_assert_cmpint (out[2], ==, CRM_FIELD_COMPANY);
  g_assert_cmpint (out[3], ==, CRM_FIELD_NOTE);
  g_clear_pointer (&out, g_free);

  /* An empty spec is all guesses. */
  g_assert_true (crm_field_parse_mapping ("", headers, 5, &out, &error));
  g_assert_cmpint (out[1], ==, CRM_FIELD_PHONE);
  g_clear_pointer (&out, g_free);

  /* Errors name what is wrong. */
  g_assert_false (crm_field_parse_mapping ("Клиент=passport", headers, 5, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "passport"));
  g_assert_null (out);
  g_clear_error (&error);

  g_assert_false (crm_field_parse_mapping ("Нет такой=fio", headers, 5, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "Нет такой"));
  g_clear_error (&error);

  g_assert_false (crm_field_parse_mapping ("9=email", headers, 5, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "9"));
  g_clear_error (&error);

  g_assert_false (crm_field_parse_mapping ("fio", headers, 5, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/csv/rfc4180", test_rfc4180);
  g_test_add_func ("/core/csv/line-ends", test_line_ends);
  g_test_add_func ("/core/csv/empty", test_empty_input);
  g_test_add_func ("/core/csv/delimiter-detection", test_delimiters);
  g_test_add_func ("/core/csv/encoding-detection", test_encodings);
  g_test_add_func ("/core/csv/encoding-late-cp1251", test_late_cp1251);
  g_test_add_func ("/core/csv/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/core/csv/errors-and-recovery", test_errors_and_recovery);
  g_test_add_func ("/core/csv/too-large", test_too_large);
  g_test_add_func ("/core/csv/fixture-cp1251", test_fixture_cp1251);
  g_test_add_func ("/core/csv/fixture-utf8-bom", test_fixture_utf8_bom);
  g_test_add_func ("/core/csv/fixture-tsv", test_fixture_tsv);
  g_test_add_func ("/core/csv/short-reads", test_short_reads);
  g_test_add_func ("/core/csv/writer-quoting", test_writer_quoting);
  g_test_add_func ("/core/csv/writer-roundtrip", test_writer_roundtrip);
  g_test_add_func ("/core/csv/fields/keys", test_field_keys);
  g_test_add_func ("/core/csv/fields/guess", test_header_guessing);
  g_test_add_func ("/core/csv/fields/guess-all", test_guess_all);
  g_test_add_func ("/core/csv/fields/mapping", test_mapping);
  return crm_test_run ();
}
