/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* A stream that hands out one byte per read, to catch chunk-boundary bugs. */
#define TYPE_TRICKLE (trickle_get_type ())
G_DECLARE_FINAL_TYPE (Trickle, trickle, TEST, TRICKLE, GInputStream)

struct _Trickle
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        pos;
};

G_DEFINE_FINAL_TYPE (Trickle, trickle, G_TYPE_INPUT_STREAM)

static gssize
trickle_read (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  Trickle *self = (Trickle *) stream;
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (self->pos >= size || count == 0)
    return 0;
  ((guint8 *) buffer)[0] = data[self->pos++];
  return 1;
}

static void
trickle_finalize (GObject *object)
{
  g_bytes_unref (((Trickle *) object)->bytes);
  G_OBJECT_CLASS (trickle_parent_class)->finalize (object);
}

static void
trickle_class_init (TrickleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trickle_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = trickle_read;
}

static void
trickle_init (Trickle *self)
{
}

static GInputStream *
stream_for (const char *text,
            gssize      len,
            gboolean    trickle)
{
  GBytes *bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  if (trickle)
    {
      Trickle *t = g_object_new (TYPE_TRICKLE, NULL);
      t->bytes = bytes;
      return G_INPUT_STREAM (t);
    }
  return g_memory_input_stream_new_from_bytes (bytes);
}

/* All records as "a|b|c" lines; errors as "!LINE". */
static char *
read_all (const char *text,
          gssize      len,
          gboolean    trickle,
          char       *delimiter,
          char      **encoding)
{
  g_autoptr(GInputStream) stream = stream_for (text, len, trickle);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvReader) r = crm_csv_reader_new (stream, &error);
  GString *out = g_string_new (NULL);
  GPtrArray *fields;

  g_assert_no_error (error);
  if (delimiter)
    *delimiter = crm_csv_reader_get_delimiter (r);
  if (encoding)
    *encoding = g_strdup (crm_csv_reader_get_encoding (r));

  for (guint guard = 0; guard < 1000; guard++)
    {
      g_clear_error (&error);
      if (!crm_csv_reader_next (r, &fields, &error))
        {
          if (error == NULL)
            break;
          g_string_append_printf (out, "!%u\n", crm_csv_reader_get_line (r));
          continue;
        }
      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (fields, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_rfc4180 (void)
{
  const char *input =
    "name,phone,note\r\n"
    "\"Иванов, Иван\",8 912 345-67-89,\"said \"\"hi\"\"\"\r\n"
    "\"multi\nline\",,\r\n"
    "last,row,no newline";

  for (int trickle = 0; trickle < 2; trickle++)
    {
      g_autofree char *all = read_all (input, -1, trickle, NULL, NULL);
      g_assert_cmpstr (all, ==,
                       "name|phone|note\n"
                       "Иванов, Иван|8 912 345-67-89|said \"hi\"\n"
                       "multi\nline||\n"
                       "last|row|no newline\n");
    }
}

static void
test_delimiters (void)
{
  struct { const char *text; char delimiter; } cases[] = {
    { "ФИО;Телефон;Почта\nА;1;x\nБ;2;y\n", ';' },
    { "name,phone,email\na,1,x\nb,2,y\n", ',' },
    { "name\tphone\temail\na\t1\tx\n", '\t' },
    /* Commas inside quoted fields do not fool the sniffer. */
    { "ФИО;Компания\n\"Иванов, Иван\";\"ООО, «Альфа»\"\n", ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char d = 0;
      g_autofree char *all = read_all (cases[i].text, -1, FALSE, &d, NULL);
      g_assert_cmpint (d, ==, cases[i].delimiter);
    }
}

static void
test_encodings (void)
{
  g_autofree char *cp1251 = NULL;
  g_autofree char *bom = g_strdup ("\xef\xbb\xbfФИО;Город\nЁлкин Семён;Москва\n");
  g_autofree char *all1 = NULL;
  g_autofree char *all2 = NULL;
  g_autofree char *enc1 = NULL;
  g_autofree char *enc2 = NULL;
  gsize len = 0;

  cp1251 = g_convert ("ФИО;Город\nЁлкин Семён;Москва\n", -1, "WINDOWS-1251", "UTF-8", NULL, &len, NULL);
  all1 = read_all (cp1251, len, TRUE, NULL, &enc1);
  g_assert_cmpstr (enc1, ==, "WINDOWS-1251");
  g_assert_cmpstr (all1, ==, "ФИО|Город\nЁлкин Семён|Москва\n");

  all2 = read_all (bom, -1, TRUE, NULL, &enc2);
  g_assert_cmpstr (enc2, ==, "UTF-8-BOM");
  g_assert_cmpstr (all2, ==, "ФИО|Город\nЁлкин Семён|Москва\n");
}

static void
test_errors_name_lines (void)
{
  const char *input =
    "a;b\n"
    "1;2\n"
    "\"x\"junk;3\n"
    "4;5\n"
    "\"never closed;6\n";
  g_autofree char *all = read_all (input, -1, FALSE, NULL, NULL);

  /* The bad row is reported with its line, reading goes on. */
  g_assert_cmpstr (all, ==, "a|b\n1|2\n!3\n4|5\n!5\n");
}

static void
test_fixture_files (void)
{
  g_autofree char *path = crm_test_data_path ("leads-cp1251.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvReader) r = crm_csv_reader_new (G_INPUT_STREAM (in), &error);
  GPtrArray *fields;
  guint rows = 0;

  g_assert_no_error (error);
  g_assert_true (crm_csv_reader_next (r, &fields, &error));
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "ФИО");
  g_assert_true (crm_csv_reader_next (r, &fields, &error));
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "Иванов Иван Иванович");
  g_assert_cmpstr (g_ptr_array_index (fields, 3), ==, "ООО «Ромашка»");
  rows = 2;
  for (;;)
    {
      g_clear_error (&error);
      if (!crm_csv_reader_next (r, &fields, &error) && error == NULL)
        break;
      if (rows == 3)
        g_assert_cmpuint (crm_csv_reader_get_line (r), ==, 4);
      rows++;
    }
  g_assert_cmpuint (rows, ==, 9);
}

static void
test_writer_roundtrip (void)
{
  const char *rows[][3] = {
    { "ФИО", "Телефон", "Комментарий" },
    { "Иванов; Иван", "+7 912 345-67-89", "said \"hi\"\nnew line" },
    { " leading space", "", "plain" },
  };
  const char delimiters[] = { ',', ';', '\t' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (int bom = 0; bom < 2; bom++)
      {
        g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
        g_autoptr(CrmCsvWriter) w = crm_csv_writer_new (out, delimiters[d], bom);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autofree char *all = NULL;
        char got = 0;

        for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
          g_assert_true (crm_csv_writer_write_row (w, rows[i], 3, &error));
        g_output_stream_close (out, NULL, NULL);
        bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
        if (bom)
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 3, "\xef\xbb\xbf", 3);
        all = read_all (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), TRUE, &got, NULL);
        g_assert_cmpint (got, ==, delimiters[d]);
        g_assert_cmpstr (all, ==,
                         "ФИО|Телефон|Комментарий\n"
                         "Иванов; Иван|+7 912 345-67-89|said \"hi\"\nnew line\n"
                         " leading space||plain\n");
      }
}

static void
test_header_guessing (void)
{
  struct { const char *header; CrmField field; } cases[] = {
    { "ФИО", CRM_FIELD_FIO }, { "Ф.И.О.", CRM_FIELD_FIO }, { "Контактное лицо", CRM_FIELD_FIO },
    { "Фамилия", CRM_FIELD_LAST_NAME }, { "Отчество", CRM_FIELD_MIDDLE_NAME },
    { "Телефон", CRM_FIELD_PHONE }, { "Тел.", CRM_FIELD_PHONE }, { "Рабочий телефон", CRM_FIELD_PHONE_WORK },
    { "Мобильный", CRM_FIELD_PHONE_MOBILE }, { "Сотовый телефон", CRM_FIELD_PHONE_MOBILE },
    { "E-mail", CRM_FIELD_EMAIL }, { "Е-mail", CRM_FIELD_EMAIL }, { "Почта", CRM_FIELD_EMAIL },
    { "Эл. почта", CRM_FIELD_EMAIL }, { "Компания", CRM_FIELD_COMPANY }, { "Организация", CRM_FIELD_COMPANY },
    { "Должность", CRM_FIELD_JOB_TITLE }, { "Источник", CRM_FIELD_CHANNEL }, { "Комментарий", CRM_FIELD_NOTE },
    { "Примечание", CRM_FIELD_NOTE }, { "ИНН", CRM_FIELD_INN }, { "КПП", CRM_FIELD_KPP },
    { "ОГРН", CRM_FIELD_OGRN }, { "First Name", CRM_FIELD_FIRST_NAME }, { "Last name", CRM_FIELD_LAST_NAME },
    { "Mobile Phone", CRM_FIELD_PHONE_MOBILE }, { "E-mail Address", CRM_FIELD_EMAIL },
    { "Company", CRM_FIELD_COMPANY }, { "Lead Source", CRM_FIELD_CHANNEL }, { "utm_source", CRM_FIELD_UTM_SOURCE },
    { "  *Телефон:  ", CRM_FIELD_PHONE }, { "Что-то ещё", CRM_FIELD_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("header %s", cases[i].header);
      g_assert_cmpint (crm_field_guess (cases[i].header), ==, cases[i].field);
    }

  /* "Имя" alone is the whole name; with "Фамилия" it is the first name. */
  {
    const char *alone[] = { "Имя", "Телефон", "Телефон" };
    const char *split[] = { "Фамилия", "Имя", "Телефон" };
    g_autofree CrmField *a = crm_field_guess_all (alone, 3);
    g_autofree CrmField *b = crm_field_guess_all (split, 3);

    g_assert_cmpint (a[0], ==, CRM_FIELD_FIO);
    g_assert_cmpint (a[2], ==, CRM_FIELD_PHONE);
    g_assert_cmpint (b[1], ==, CRM_FIELD_FIRST_NAME);
  }
}

static void
test_mapping (void)
{
  const char *headers[] = { "Клиент", "Тел", "Что-то", "Заметка" };
  g_autofree CrmField *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_field_parse_mapping ("Клиент=fio, 3=email, Заметка=skip", headers, 4, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out[0], ==, CRM_FIELD_FIO);
  g_assert_cmpint (out[1], ==, CRM_FIELD_PHONE);
  g_assert_cmpint (out[2], ==, CRM_FIELD_EMAIL);
  g_assert_cmpint (out[3], ==, CRM_FIELD_NONE);

  g_clear_pointer (&out, g_free);
  g_assert_false (crm_field_parse_mapping ("Клиент=passport", headers, 4, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "passport"));
  g_clear_error (&error);
  g_assert_false (crm_field_parse_mapping ("Нет такой=fio", headers, 4, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
  g_clear_error (&error);
  g_assert_false (crm_field_parse_mapping ("fio", headers, 4, &out, &error));
  g_assert_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER);
}

static void
test_oversized_field (void)
{
  GString *big = g_string_new ("a;b\n\"");
  g_autofree char *all = NULL;

  for (guint i = 0; i < 1100 * 1024; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\";1\nok;2\n");
  all = read_all (big->str, big->len, FALSE, NULL, NULL);
  g_assert_true (g_str_has_prefix (all, "a|b\n!2\n"));
  g_string_free (big, TRUE);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/csv/rfc4180", test_rfc4180);
  g_test_add_func ("/core/csv/delimiter-detection", test_delimiters);
  g_test_add_func ("/core/csv/encoding-detection", test_encodings);
  g_test_add_func ("/core/csv/errors-name-lines", test_errors_name_lines);
  g_test_add_func ("/core/csv/fixture-cp1251", test_fixture_files);
  g_test_add_func ("/core/csv/writer-roundtrip", test_writer_roundtrip);
  g_test_add_func ("/core/csv/header-guessing", test_header_guessing);
  g_test_add_func ("/core/csv/explicit-mapping", test_mapping);
  g_test_add_func ("/core/csv/oversized-field", test_oversized_field);
  return crm_test_run ();
}
