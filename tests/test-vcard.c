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

/* ---- Reading ---- */

typedef struct
{
  GPtrArray *cards;   /* CrmVcard */
  GString   *errors;  /* messages, one a line */
} Cards;

static void
cards_clear (Cards *c)
{
  g_clear_pointer (&c->cards, g_ptr_array_unref);
  if (c->errors != NULL)
    g_string_free (g_steal_pointer (&c->errors), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cards, cards_clear)

static void
read_cards (const char *data,
            gssize      len,
            gboolean    trickle,
            Cards      *out)
{
  g_autoptr(GInputStream) in = stream_for (data, len, trickle);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmVcardReader) r = crm_vcard_reader_new (in, &error);

  g_assert_no_error (error);
  out->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_free);
  out->errors = g_string_new (NULL);

  for (guint guard = 0; guard < 1000; guard++)
    {
      CrmVcard *card = NULL;

      g_clear_error (&error);
      if (!crm_vcard_reader_next (r, &card, &error))
        {
          g_assert_null (card);
          if (error == NULL)
            return;
          g_assert_true (error->domain == CRM_PARSE_ERROR);
          g_string_append_printf (out->errors, "%s\n", error->message);
          continue;
        }
      g_ptr_array_add (out->cards, card);
    }
  g_assert_not_reached ();
}

/* A card as text, to compare whole cards at once; @no_internet drops the
 * "internet" type of e-mails, which the writer always adds. */
static char *
describe_full (const CrmVcard *c,
               gboolean        no_internet)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "line=%u\n", c->line);
#define FIELD(name) if (c->name != NULL) g_string_append_printf (s, #name "=%s\n", c->name)
  FIELD (fn);
  FIELD (last);
  FIELD (first);
  FIELD (middle);
  FIELD (org);
  FIELD (title);
  FIELD (note);
  FIELD (uid);
  FIELD (url);
  FIELD (adr);
#undef FIELD
  for (guint i = 0; i < c->phones->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (c->phones, i);

      g_string_append_printf (s, "tel=%s [%s]\n", v->value, v->type ? v->type : "");
    }
  for (guint i = 0; i < c->emails->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (c->emails, i);
      g_auto(GStrv) types = g_strsplit (v->type ? v->type : "", ",", -1);
      g_autoptr(GString) kept = g_string_new (NULL);

      for (guint j = 0; types[j] != NULL; j++)
        if (!no_internet || strcmp (types[j], "internet") != 0)
          g_string_append_printf (kept, "%s%s", kept->len ? "," : "", types[j]);
      g_string_append_printf (s, "email=%s [%s]\n", v->value, kept->str);
    }
  return g_string_free (s, FALSE);
}

static char *
describe (const CrmVcard *c)
{
  return describe_full (c, FALSE);
}

/* Every card of a file as text; the one-byte stream must agree. */
static char *
describe_file (const char *data,
               gssize      len,
               char      **errors)
{
  g_auto(Cards) a = { 0 };
  g_auto(Cards) b = { 0 };
  GString *s = g_string_new (NULL);
  g_autoptr(GString) s2 = g_string_new (NULL);

  read_cards (data, len, FALSE, &a);
  read_cards (data, len, TRUE, &b);
  for (guint i = 0; i < a.cards->len; i++)
    {
      g_autofree char *d = describe (g_ptr_array_index (a.cards, i));

      g_string_append_printf (s, "%s--\n", d);
    }
  for (guint i = 0; i < b.cards->len; i++)
    {
      g_autofree char *d = describe (g_ptr_array_index (b.cards, i));

      g_string_append_printf (s2, "%s--\n", d);
    }
  g_assert_cmpstr (s->str, ==, s2->str);
  g_assert_cmpstr (a.errors->str, ==, b.errors->str);
  if (errors != NULL)
    *errors = g_strdup (a.errors->str);
  else
    g_assert_cmpstr (a.errors->str, ==, "");
  return g_string_free (s, FALSE);
}

static char *
describe_fixture (const char  *name,
                  char       **errors)
{
  gsize len;
  g_autofree char *data = load_fixture (name, &len);

  return describe_file (data, len, errors);
}

/* ---- Tests ---- */

static void
test_v21 (void)
{
  g_autofree char *all = describe_fixture ("contacts-21.vcf", NULL);

  g_assert_cmpstr (all, ==,
                   /* QUOTED-PRINTABLE;CHARSET=UTF-8, soft line breaks (one
                    * inside a character), bare types, a photo skipped */
                   "line=1\n"
                   "fn=Григорий Григорьев\n"
                   "last=Григорьев\n"
                   "first=Григорий\n"
                   "middle=Петрович\n"
                   "note=Долгая заметка с переносом строки\nвторая строка\n"
                   "tel=+79215554433 [cell,pref]\n"
                   "tel=+7 (812) 300-20-10 [work,voice]\n"
                   "tel=8 812 123-45-67 [home]\n"
                   "email=grigoriev@example.ru [internet]\n"
                   "--\n"
                   /* Windows-1251, quoted-printable and raw */
                   "line=16\n"
                   "last=Сидорова\n"
                   "first=Мария\n"
                   "org=ООО «Вектор», Отдел кадров\n"
                   "title=Главный бухгалтер\n"
                   "tel=8-921-000-11-22 [cell]\n"
                   "email=s.maria@example.ru [pref,internet]\n"
                   "--\n"
                   "line=24\n"
                   "fn=John Smith\n"
                   "last=Smith\n"
                   "first=John\n"
                   "adr=ул. Ленина, 1, Москва, 101000, Россия\n"
                   "tel=+1 415 555 0199 [fax]\n"
                   "--\n");
}

static void
test_v30 (void)
{
  g_autofree char *all = describe_fixture ("contacts-30.vcf", NULL);

  g_assert_cmpstr (all, ==,
                   /* Apple: groups, repeated type=, a fold inside a
                    * character, escapes, a folded photo */
                   "line=1\n"
                   "fn=Лебедева Ольга Николаевна\n"
                   "last=Лебедева\n"
                   "first=Ольга\n"
                   "middle=Николаевна\n"
                   "org=ООО \"Север\", Отдел продаж\n"
                   "title=Руководитель отдела, старший\n"
                   "note=Встреча на выставке, интерес к оптовым поставкам.\n"
                   "Перезвонить в понедельник после обеда; спросить про «Север-2».\n"
                   "uid=6B29FC40-CA47-1067-B31D-00DD010662DA\n"
                   "url=https://sever.example/\n"
                   "adr=Невский пр., д. 1, Санкт-Петербург, 191186, Россия\n"
                   "tel=+7 (921) 300-20-11 [cell,voice,pref]\n"
                   "tel=+7 812 300-20-12 [work,voice]\n"
                   "email=olga@sever.example [internet,work,pref]\n"
                   "--\n"
                   /* Google, LF line ends, TYPE lists */
                   "line=23\n"
                   "fn=Петров Пётр\n"
                   "last=Петров\n"
                   "first=Пётр\n"
                   "tel=89161234567 [cell]\n"
                   "tel=+7 495 111-22-33 [home,voice]\n"
                   "email=petrov@gmail.com [internet,home]\n"
                   "--\n");
}

static void
test_v40 (void)
{
  g_autofree char *all = describe_fixture ("contacts-40.vcf", NULL);

  /* Quoted TYPE lists, tel: URIs with an extension, PREF=1, the first FN
   * of two, a ':' inside a quoted parameter. */
  g_assert_cmpstr (all, ==,
                   "line=1\n"
                   "fn=Анна Кузнецова\n"
                   "last=Кузнецова\n"
                   "first=Анна\n"
                   "middle=Сергеевна\n"
                   "org=ООО «Ромашка»\n"
                   "note=Заметка из vCard 4.0\n"
                   "uid=urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\n"
                   "url=https://romashka.example\n"
                   "adr=ул. Ленина, 1, Москва, 101000, Россия\n"
                   "tel=+7-916-123-45-67 [cell,voice,pref]\n"
                   "tel=+7-495-765-43-21 ext. 123 [work,voice]\n"
                   "email=anna@example.com [work]\n"
                   "email=anna.home@example.org [home]\n"
                   "--\n");
}

static void
test_broken (void)
{
  g_autofree char *errors = NULL;
  g_autofree char *all = describe_fixture ("broken.vcf", &errors);

  /* A card without END (reported at its BEGIN), a line without ':'; the
   * good cards after each still come. */
  g_assert_cmpstr (errors, ==,
                   "Line 1: the card has no END:VCARD\n"
                   "Line 12: a property without “:”\n");
  g_assert_cmpstr (all, ==,
                   "line=5\n"
                   "fn=Хорошая карточка\n"
                   "--\n"
                   "line=15\n"
                   "fn=Хорошая Последняя\n"
                   "last=Последняя\n"
                   "first=Хорошая\n"
                   "tel=+7 900 000-00-03 [cell]\n"
                   "--\n");
}

static void
test_errors (void)
{
  struct { const char *text; const char *errors; guint n_cards; } cases[] = {
    /* The file ends inside a card. */
    { "BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:Обрыв\n", "Line 5: the card has no END:VCARD\n", 1 },
    { "BEGIN:VCARD\r\nFN:Без конца", "Line 1: the card has no END:VCARD\n", 0 },
    /* Nothing but garbage: no cards, no errors. */
    { "просто текст\nбез карточек\n", "", 0 },
    { "", "", 0 },
    /* A property without a name. */
    { "BEGIN:VCARD\n:value\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n", "Line 2: a property without a name\n", 1 },
    /* Windows-1251 has no character at 0x98. */
    { "BEGIN:VCARD\nFN;CHARSET=UTF-8:\x98\x98\nEND:VCARD\n", "Line 2: unreadable text\n", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Cards) c = { 0 };
      g_auto(Cards) t = { 0 };

      g_test_message ("case %u", i);
      read_cards (cases[i].text, -1, FALSE, &c);
      read_cards (cases[i].text, -1, TRUE, &t);
      g_assert_cmpstr (c.errors->str, ==, cases[i].errors);
      g_assert_cmpstr (t.errors->str, ==, cases[i].errors);
      g_assert_cmpuint (c.cards->len, ==, cases[i].n_cards);
      g_assert_cmpuint (t.cards->len, ==, cases[i].n_cards);
    }
}

static void
test_too_large (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:");
  g_autoptr(GString) photo = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:С фото\r\nPHOTO;ENCODING=b;TYPE=JPEG:");
  g_auto(Cards) c = { 0 };
  g_auto(Cards) p = { 0 };

  /* A note over 1 MiB in folded lines, then a good card. */
  for (guint i = 0; i < 16000; i++)
    g_string_append (text, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n ");
  g_string_append (text, "end\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:После\r\nEND:VCARD\r\n");
  read_cards (text->str, text->len, FALSE, &c);
  g_assert_cmpstr (c.errors->str, ==, "Line 1: card larger than 1048576 bytes\n");
  g_assert_cmpuint (c.cards->len, ==, 1);
  g_assert_cmpstr (((CrmVcard *) g_ptr_array_index (c.cards, 0))->fn, ==, "После");

  /* A 2 MiB photo is skipped, not kept: the card is fine. */
  for (guint i = 0; i < 30000; i++)
    g_string_append (photo, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n ");
  g_string_append (photo, "AAAA\r\nTEL:+7 900 000-00-00\r\nEND:VCARD\r\n");
  read_cards (photo->str, photo->len, FALSE, &p);
  g_assert_cmpstr (p.errors->str, ==, "");
  g_assert_cmpuint (p.cards->len, ==, 1);
  g_assert_cmpuint (((CrmVcard *) g_ptr_array_index (p.cards, 0))->phones->len, ==, 1);
}

static void
test_quoted_printable (void)
{
  g_autofree char *all = describe_file (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    /* "=" escapes, an "=" not followed by hex kept, a soft break with
     * trailing spaces, lowercase hex */
    "NOTE;ENCODING=QUOTED-PRINTABLE:a=3Db=3dc=\r\n"
    "d =  \r\n"
    "e=ZZ=0D=0Af\r\n"
    /* a bare QUOTED-PRINTABLE and a lowercase charset */
    "N;QUOTED-PRINTABLE;CHARSET=utf-8:=D0=AF;=D0=AF=D0=BD;;;\r\n"
    /* KOI8-R */
    "ORG;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=EF=EF=EF =F2=CF=C7=C1\r\n"
    /* base64 text */
    "TITLE;ENCODING=BASE64;CHARSET=UTF-8:0JTQuNGA0LXQutGC0L7RgA==\r\n"
    "\r\n"
    "END:VCARD\r\n", -1, NULL);

  g_assert_cmpstr (all, ==,
                   "line=1\n"
                   "last=Я\n"
                   "first=Ян\n"
                   "org=ООО Рога\n"
                   "title=Директор\n"
                   "note=a=b=cd e=ZZ\nf\n"
                   "--\n");
}

static void
test_folding_and_escapes (void)
{
  g_autofree char *all = describe_file (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Иван\n"
    "  Петров\n"               /* a fold, then a space that is text */
    "N:Петров\\;Водкин;Иван;;;\n"
    "NOTE:a\\\\b\\,c\\;d\\ne\\Nf\n"
    "\tg\n"                     /* a fold with a tab */
    "item7.TEL;TYPE=work;TYPE=WORK;type=\"voice\":+7 1\n"
    "ADR:;;;;;;\n"              /* empty: nothing */
    "EMAIL:\n"                 /* empty: no value */
    "X-UNKNOWN;FOO=bar:ignored\n"
    "END:VCARD\n", -1, NULL);

  g_assert_cmpstr (all, ==,
                   "line=1\n"
                   "fn=Иван Петров\n"
                   "last=Петров;Водкин\n"
                   "first=Иван\n"
                   "note=a\\b,c;d\ne\nfg\n"
                   "tel=+7 1 [work,voice]\n"
                   "--\n");
}

/* A file that is all Windows-1251, no CHARSET anywhere (old Nokia PC
 * Suite), and a UTF-16 one (Outlook). */
static void
test_file_encodings (void)
{
  const char *utf8 = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ёлкин;Семён;;;\r\nORG:Рога и копыта\r\nEND:VCARD\r\n";
  const char *expected = "line=1\nlast=Ёлкин\nfirst=Семён\norg=Рога и копыта\n--\n";
  struct { const char *to; const char *prefix; gsize prefix_len; } cases[] = {
    { "WINDOWS-1251", "", 0 },
    { "UTF-8", "\xef\xbb\xbf", 3 },
    { "UTF-16LE", "\xff\xfe", 2 },
    { "UTF-16BE", "\xfe\xff", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = 0;
      g_autofree char *body = g_convert (utf8, -1, cases[i].to, "UTF-8", NULL, &len, NULL);
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autofree char *all = NULL;

      g_test_message ("%s", cases[i].to);
      g_assert_nonnull (body);
      g_byte_array_append (data, (const guint8 *) cases[i].prefix, cases[i].prefix_len);
      g_byte_array_append (data, (const guint8 *) body, len);
      all = describe_file ((const char *) data->data, data->len, NULL);
      g_assert_cmpstr (all, ==, expected);
    }
}

/* Broken UTF-16 (a lone surrogate, an odd last byte) is not an I/O error:
 * the bad units read as U+FFFD. */
static void
test_broken_utf16 (void)
{
  const char *utf8 = "BEGIN:VCARD\r\nFN:Анна\r\nTEL:+7 1\r\nEND:VCARD\r\n";
  gsize len = 0;
  g_autofree char *body = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *all = NULL;
  const char *fn = strstr (utf8, "Анна");
  gsize at = 2 + 2 * g_utf8_pointer_to_offset (utf8, fn);

  g_byte_array_append (data, (const guint8 *) "\xff\xfe", 2);
  g_byte_array_append (data, (const guint8 *) body, len);
  /* "А" becomes a lone high surrogate; an odd byte ends the file. */
  data->data[at] = 0x00;
  data->data[at + 1] = 0xd8;
  g_byte_array_append (data, (const guint8 *) "\x42", 1);

  all = describe_file ((const char *) data->data, data->len, NULL);
  g_assert_cmpstr (all, ==, "line=1\nfn=\xef\xbf\xbdнна\ntel=+7 1 []\n--\n");
}

static void
check_roundtrip (const CrmVcard *card)
{
  g_autofree char *text = crm_vcard_to_string_30 (card);
  g_autofree char *want = describe_full (card, TRUE);
  g_autofree char *got = NULL;
  g_auto(Cards) back = { 0 };
  g_auto(GStrv) lines = NULL;

  /* CRLF only, folded lines of at most 75 octets, none split inside a
   * character. */
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCARD\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }

  read_cards (text, -1, FALSE, &back);
  g_assert_cmpstr (back.errors->str, ==, "");
  g_assert_cmpuint (back.cards->len, ==, 1);
  got = describe_full (g_ptr_array_index (back.cards, 0), TRUE);
  g_assert_cmpstr (got, ==, want);
}

static void
test_writer_roundtrip (void)
{
  CrmVcardValue tel1 = { (char *) "+79123456789", (char *) "cell,pref" };
  CrmVcardValue tel2 = { (char *) "8 (495) 123-45-67 доб. 12", (char *) "work,voice" };
  CrmVcardValue tel3 = { (char *) "+7 800 000-00-00", NULL };
  CrmVcardValue mail = { (char *) "ivan@example.ru", (char *) "internet,work" };
  g_autoptr(GString) note = g_string_new (NULL);
  CrmVcard card = { 0 };

  for (guint i = 0; i < 40; i++)
    g_string_append (note, "Ёж; ёлка, \\ «ель»\n");
  g_string_append (note, "конец 𝄞 и ещё текст");

  card.line = 1;
  card.fn = (char *) "Иванов Иван; младший, \"Ваня\"";
  card.last = (char *) "Иванов";
  card.first = (char *) "Иван";
  card.middle = (char *) "Иванович";
  card.org = (char *) "ООО «Ромашка», отдел продаж";
  card.title = (char *) "Директор по развитию региональной сети продаж в Северо-Западном округе";
  card.note = note->str;
  card.uid = (char *) "2b1a3c4d-0000-4000-8000-00000000abcd";
  card.url = (char *) "https://romashka.example/?a=1;b=2,c=3";
  card.adr = (char *) "Невский пр., д. 1, Санкт-Петербург, 191186, Россия";
  card.phones = g_ptr_array_new ();
  card.emails = g_ptr_array_new ();
  g_ptr_array_add (card.phones, &tel1);
  g_ptr_array_add (card.phones, &tel2);
  g_ptr_array_add (card.phones, &tel3);
  g_ptr_array_add (card.emails, &mail);
  check_roundtrip (&card);

  /* Only a name. */
  g_ptr_array_unref (card.phones);
  g_ptr_array_unref (card.emails);
  memset (&card, 0, sizeof card);
  card.line = 1;
  card.phones = g_ptr_array_new ();
  card.emails = g_ptr_array_new ();
  card.fn = (char *) "Только имя";
  check_roundtrip (&card);
  g_ptr_array_unref (card.phones);
  g_ptr_array_unref (card.emails);

  /* Every fixture card, written and read again. */
  {
    const char *names[] = { "contacts-21.vcf", "contacts-30.vcf", "contacts-40.vcf", "contacts-mixed.vcf" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        gsize len;
        g_autofree char *data = load_fixture (names[i], &len);
        g_auto(Cards) c = { 0 };

        read_cards (data, len, FALSE, &c);
        for (guint j = 0; j < c.cards->len; j++)
          {
            CrmVcard *one = g_ptr_array_index (c.cards, j);

            one->line = 1;
            /* What the writer puts in FN when there is none. */
            if (one->fn == NULL)
              one->fn = g_strjoin (" ", one->last, one->first, NULL);
            check_roundtrip (one);
          }
      }
  }
}

static void
test_writer_fn_fallback (void)
{
  CrmVcard card = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *company = NULL;

  card.last = (char *) "Петрова";
  card.first = (char *) "Анна";
  text = crm_vcard_to_string_30 (&card);
  g_assert_nonnull (strstr (text, "\r\nN:Петрова;Анна;;;\r\n"));
  g_assert_nonnull (strstr (text, "\r\nFN:Петрова Анна\r\n"));

  memset (&card, 0, sizeof card);
  card.org = (char *) "ООО «Ромашка»";
  company = crm_vcard_to_string_30 (&card);
  g_assert_nonnull (strstr (company, "\r\nN:;;;;\r\nFN:ООО «Ромашка»\r\nORG:ООО «Ромашка»\r\n"));
}

/* The shared fixture of the import tests reads too. */
static void
test_fixture_mixed (void)
{
  g_autofree char *all = describe_fixture ("contacts-mixed.vcf", NULL);

  g_assert_true (g_str_has_prefix (all, "line=1\nfn=Григорий Григорьев\nlast=Григорьев\nfirst=Григорий\n"));
  g_assert_nonnull (strstr (all, "org=ООО \"Север\", Отдел продаж\n"));
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/core/vcard/v21", test_v21);
  g_test_add_func ("/core/vcard/v30", test_v30);
  g_test_add_func ("/core/vcard/v40", test_v40);
  g_test_add_func ("/core/vcard/broken", test_broken);
  g_test_add_func ("/core/vcard/errors", test_errors);
  g_test_add_func ("/core/vcard/too-large", test_too_large);
  g_test_add_func ("/core/vcard/quoted-printable", test_quoted_printable);
  g_test_add_func ("/core/vcard/folding-escapes", test_folding_and_escapes);
  g_test_add_func ("/core/vcard/file-encodings", test_file_encodings);
  g_test_add_func ("/core/vcard/broken-utf16", test_broken_utf16);
  g_test_add_func ("/core/vcard/writer-roundtrip", test_writer_roundtrip);
  g_test_add_func ("/core/vcard/writer-fn-fallback", test_writer_fn_fallback);
  g_test_add_func ("/core/vcard/fixture-mixed", test_fixture_mixed);
  return crm_test_run ();
}
