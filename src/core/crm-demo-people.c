/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-demo"

#include "config.h"

#include "crm-demo-private.h"

#include <string.h>

/* The demo's people and companies: Russian full names with patronymics
 * (and a few foreigners), mobile numbers written every which way, e-mails
 * from the name, companies with their legal form, and INN/OGRN with valid
 * check digits for the city's tax office. All from one GRand, so a seed
 * always gives the same people. */

static const char *
pick (GRand             *rng,
      const char *const *array,
      guint              n)
{
  return array[g_rand_int_range (rng, 0, n)];
}

#define PICK(rng, array) pick ((rng), (const char *const *) (array), G_N_ELEMENTS (array))

static gboolean
chance (GRand *rng,
        guint  percent)
{
  return (guint) g_rand_int_range (rng, 0, 100) < percent;
}

typedef struct
{
  const char *male;
  const char *female;
} Pair;

static const Pair surnames[] = {
  { "Иванов", "Иванова" }, { "Смирнов", "Смирнова" }, { "Кузнецов", "Кузнецова" },
  { "Попов", "Попова" }, { "Васильев", "Васильева" }, { "Петров", "Петрова" },
  { "Соколов", "Соколова" }, { "Михайлов", "Михайлова" }, { "Новиков", "Новикова" },
  { "Фёдоров", "Фёдорова" }, { "Морозов", "Морозова" }, { "Волков", "Волкова" },
  { "Алексеев", "Алексеева" }, { "Лебедев", "Лебедева" }, { "Семёнов", "Семёнова" },
  { "Егоров", "Егорова" }, { "Павлов", "Павлова" }, { "Козлов", "Козлова" },
  { "Степанов", "Степанова" }, { "Николаев", "Николаева" }, { "Орлов", "Орлова" },
  { "Андреев", "Андреева" }, { "Макаров", "Макарова" }, { "Никитин", "Никитина" },
  { "Захаров", "Захарова" }, { "Зайцев", "Зайцева" }, { "Соловьёв", "Соловьёва" },
  { "Борисов", "Борисова" }, { "Яковлев", "Яковлева" }, { "Григорьев", "Григорьева" },
  { "Романов", "Романова" }, { "Воробьёв", "Воробьёва" }, { "Сергеев", "Сергеева" },
  { "Кузьмин", "Кузьмина" }, { "Фролов", "Фролова" }, { "Александров", "Александрова" },
  { "Дмитриев", "Дмитриева" }, { "Королёв", "Королёва" }, { "Гусев", "Гусева" },
  { "Киселёв", "Киселёва" }, { "Ильин", "Ильина" }, { "Максимов", "Максимова" },
  { "Поляков", "Полякова" }, { "Сорокин", "Сорокина" }, { "Виноградов", "Виноградова" },
  { "Ковалёв", "Ковалёва" }, { "Белов", "Белова" }, { "Медведев", "Медведева" },
  { "Антонов", "Антонова" }, { "Тарасов", "Тарасова" }, { "Жуков", "Жукова" },
  { "Баранов", "Баранова" }, { "Филиппов", "Филиппова" }, { "Комаров", "Комарова" },
  { "Давыдов", "Давыдова" }, { "Беляев", "Беляева" }, { "Герасимов", "Герасимова" },
  { "Богданов", "Богданова" }, { "Осипов", "Осипова" }, { "Сидоров", "Сидорова" },
  { "Шевченко", "Шевченко" }, { "Ткаченко", "Ткаченко" }, { "Бондаренко", "Бондаренко" },
  { "Ким", "Ким" }, { "Цой", "Цой" }, { "Гаврилов", "Гаврилова" },
};

typedef struct
{
  const char *name;
  const char *patronymic_male;    /* the son's patronymic from this name */
  const char *patronymic_female;  /* the daughter's */
} Given;

static const Given male_names[] = {
  { "Александр", "Александрович", "Александровна" }, { "Сергей", "Сергеевич", "Сергеевна" },
  { "Дмитрий", "Дмитриевич", "Дмитриевна" }, { "Андрей", "Андреевич", "Андреевна" },
  { "Алексей", "Алексеевич", "Алексеевна" }, { "Максим", "Максимович", "Максимовна" },
  { "Евгений", "Евгеньевич", "Евгеньевна" }, { "Иван", "Иванович", "Ивановна" },
  { "Михаил", "Михайлович", "Михайловна" }, { "Артём", "Артёмович", "Артёмовна" },
  { "Николай", "Николаевич", "Николаевна" }, { "Владимир", "Владимирович", "Владимировна" },
  { "Павел", "Павлович", "Павловна" }, { "Роман", "Романович", "Романовна" },
  { "Олег", "Олегович", "Олеговна" }, { "Игорь", "Игоревич", "Игоревна" },
  { "Виктор", "Викторович", "Викторовна" }, { "Юрий", "Юрьевич", "Юрьевна" },
  { "Константин", "Константинович", "Константиновна" }, { "Григорий", "Григорьевич", "Григорьевна" },
  { "Пётр", "Петрович", "Петровна" }, { "Анатолий", "Анатольевич", "Анатольевна" },
  { "Василий", "Васильевич", "Васильевна" }, { "Илья", "Ильич", "Ильинична" },
};

static const char *female_names[] = {
  "Елена", "Ольга", "Наталья", "Анна", "Мария", "Татьяна", "Ирина", "Екатерина",
  "Светлана", "Юлия", "Анастасия", "Марина", "Дарья", "Ксения", "Виктория",
  "Людмила", "Галина", "Алёна", "Полина", "Вера", "Надежда", "Евгения", "Софья",
};

static const char *english_names[] = {
  "John Miller", "Emma Schneider", "David Chen", "Laura Rossi", "Peter Novak",
  "Sarah Johnson", "Mark Weber", "Anna Kowalska", "Tom Becker", "Lucas Martin",
};

static const char *company_words[] = {
  "Ромашка", "Вектор", "Гранит", "Альфа-Строй", "ТехноПром", "Северный ветер",
  "СтройИнвест", "Меридиан", "Восход", "Лидер", "Феникс", "Профи", "Партнёр",
  "Глобус", "Сибирь-Логистик", "Уральские самоцветы", "Технолюкс", "Оптима",
  "Кедр", "Рассвет", "Агроресурс", "Волга-Трейд", "ИнфоСистемы", "Стандарт",
  "Эталон", "Аврора", "Прогресс", "Мастерская уюта", "Чистый город", "Пекарня №1",
  "Сфера", "Новый дом", "ЭкоФерма", "АвтоДеталь", "Медиагруппа «Компас»",
  "Студия «Пиксель»", "Торговый дом «Дубрава»", "Клиника «Здоровье»",
  "Фабрика мебели «Уют»", "Транспортная компания «Магистраль»",
};

static const char *legal_forms[] = { "ООО", "ООО", "ООО", "АО", "ПАО", "ИП" };

static const char *cities[] = {
  "Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань",
  "Нижний Новгород", "Челябинск", "Самара", "Ростов-на-Дону", "Уфа", "Краснодар",
  "Пермь", "Воронеж", "Волгоград", "Тюмень", "Иркутск", "Томск", "Ярославль",
};

/* Region prefix (first four INN digits: region + tax office) per city. */
static const char *tax_offices[] = {
  "7701", "7810", "5406", "6658", "1655", "5260", "7451", "6316", "6164",
  "0274", "2310", "5902", "3664", "3444", "7203", "3808", "7017", "7604",
};

G_STATIC_ASSERT (G_N_ELEMENTS (tax_offices) == G_N_ELEMENTS (cities));

static const char *mobile_codes[] = {
  "900", "902", "903", "905", "906", "909", "912", "915", "916", "917", "919",
  "921", "925", "926", "929", "950", "951", "953", "960", "961", "977", "985",
  "987", "999",
};

static const char *mail_domains[] = {
  "mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "rambler.ru", "ya.ru",
};

static const char *translit_table[][2] = {
  { "а", "a" }, { "б", "b" }, { "в", "v" }, { "г", "g" }, { "д", "d" }, { "е", "e" },
  { "ё", "e" }, { "ж", "zh" }, { "з", "z" }, { "и", "i" }, { "й", "y" }, { "к", "k" },
  { "л", "l" }, { "м", "m" }, { "н", "n" }, { "о", "o" }, { "п", "p" }, { "р", "r" },
  { "с", "s" }, { "т", "t" }, { "у", "u" }, { "ф", "f" }, { "х", "kh" }, { "ц", "ts" },
  { "ч", "ch" }, { "ш", "sh" }, { "щ", "sch" }, { "ъ", "" }, { "ы", "y" }, { "ь", "" },
  { "э", "e" }, { "ю", "yu" }, { "я", "ya" },
};

char *
crm_demo_translit (const char *s)
{
  GString *out = g_string_new (NULL);
  g_autofree char *lower = g_utf8_strdown (s, -1);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean done = FALSE;

      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (out, *p);
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (translit_table); i++)
        if (strncmp (p, translit_table[i][0], strlen (translit_table[i][0])) == 0)
          {
            g_string_append (out, translit_table[i][1]);
            done = TRUE;
            break;
          }
      (void) done;
    }
  return g_string_free (out, FALSE);
}

/* A Russian mobile number in one of the ways people really write it. */
char *
crm_demo_phone (GRand *rng)
{
  const char *code = PICK (rng, mobile_codes);
  guint a = g_rand_int_range (rng, 0, 1000);
  guint b = g_rand_int_range (rng, 0, 100);
  guint c = g_rand_int_range (rng, 0, 100);

  switch (g_rand_int_range (rng, 0, 6))
    {
    case 0:
      return g_strdup_printf ("+7 %s %03u-%02u-%02u", code, a, b, c);
    case 1:
      return g_strdup_printf ("8 (%s) %03u-%02u-%02u", code, a, b, c);
    case 2:
      return g_strdup_printf ("8%s%03u%02u%02u", code, a, b, c);
    case 3:
      return g_strdup_printf ("+7(%s)%03u%02u%02u", code, a, b, c);
    case 4:
      return g_strdup_printf ("7-%s-%03u-%02u-%02u", code, a, b, c);
    default:
      return g_strdup_printf ("+7 %s %03u %02u %02u", code, a, b, c);
    }
}

/* The same number written differently: how duplicates arrive. */
char *
crm_demo_reformat_phone (const char *raw)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = raw; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 11)
    {
      const char *d = digits->str + 1;
      char *out = g_strdup_printf ("8 %.3s %.3s-%.2s-%.2s", d, d + 3, d + 6, d + 8);

      g_string_free (digits, TRUE);
      return out;
    }
  return g_string_free (digits, FALSE);
}

char *
crm_demo_office_phone (GRand *rng)
{
  static const char *codes[] = { "495", "499", "812", "383", "343", "843", "831" };
  const char *code = PICK (rng, codes);

  if (chance (rng, 30))
    return g_strdup_printf ("+7 (%s) %03u-%02u-%02u доб. %u", code,
                            g_rand_int_range (rng, 100, 1000),
                            g_rand_int_range (rng, 0, 100),
                            g_rand_int_range (rng, 0, 100),
                            g_rand_int_range (rng, 100, 400));
  return g_strdup_printf ("8 (%s) %03u-%02u-%02u", code,
                          g_rand_int_range (rng, 100, 1000),
                          g_rand_int_range (rng, 0, 100),
                          g_rand_int_range (rng, 0, 100));
}

void
crm_demo_person_clear (CrmDemoPerson *p)
{
  g_free (p->full_name);
  g_free (p->last);
  g_free (p->first);
}

void
crm_demo_person (GRand         *rng,
                 CrmDemoPerson *p)
{
  memset (p, 0, sizeof *p);

  if (chance (rng, 4))
    {
      const char *name = PICK (rng, english_names);
      const char *space = strchr (name, ' ');

      p->english = TRUE;
      p->full_name = g_strdup (name);
      p->first = g_strndup (name, space - name);
      p->last = g_strdup (space + 1);
      return;
    }

  {
    gboolean male = chance (rng, 55);
    const Pair *surname = &surnames[g_rand_int_range (rng, 0, G_N_ELEMENTS (surnames))];
    const Given *father = &male_names[g_rand_int_range (rng, 0, G_N_ELEMENTS (male_names))];
    const char *last = male ? surname->male : surname->female;
    const char *first = male ? male_names[g_rand_int_range (rng, 0, G_N_ELEMENTS (male_names))].name
                             : PICK (rng, female_names);
    const char *middle = male ? father->patronymic_male : father->patronymic_female;
    guint form = g_rand_int_range (rng, 0, 10);

    p->last = g_strdup (last);
    p->first = g_strdup (first);
    /* ФИО as people type it: mostly "Фамилия Имя Отчество", sometimes the
     * name first, sometimes without the patronymic, or just a first name. */
    if (form < 6)
      p->full_name = g_strdup_printf ("%s %s %s", last, first, middle);
    else if (form < 8)
      p->full_name = g_strdup_printf ("%s %s", first, last);
    else if (form < 9)
      p->full_name = g_strdup_printf ("%s %s %s", first, middle, last);
    else
      p->full_name = g_strdup (first);
  }
}

char *
crm_demo_email (GRand               *rng,
                const CrmDemoPerson *p,
                const char          *company_domain)
{
  g_autofree char *first = crm_demo_translit (p->first);
  g_autofree char *last = crm_demo_translit (p->last);
  const char *domain = company_domain != NULL ? company_domain : PICK (rng, mail_domains);

  switch (g_rand_int_range (rng, 0, 4))
    {
    case 0:
      return g_strdup_printf ("%s.%s@%s", first, last, domain);
    case 1:
      return g_strdup_printf ("%c.%s@%s", first[0] ? first[0] : 'x', last, domain);
    case 2:
      return g_strdup_printf ("%s%u@%s", last, g_rand_int_range (rng, 1, 99), domain);
    default:
      return g_strdup_printf ("%s_%s@%s", first, last, domain);
    }
}

void
crm_demo_digits (GRand *rng,
                 char  *out,
                 guint  n)
{
  for (guint i = 0; i < n; i++)
    out[i] = '0' + g_rand_int_range (rng, 0, 10);
}

/* ---- Requisites with valid check digits ---- */

static char
inn_check (const char *digits,
           const int  *weights,
           guint       n)
{
  int sum = 0;

  for (guint i = 0; i < n; i++)
    sum += (digits[i] - '0') * weights[i];
  return '0' + (sum % 11) % 10;
}

char *
crm_demo_inn10 (GRand      *rng,
                const char *office)
{
  static const int w[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  char inn[11] = { 0 };

  memcpy (inn, office, 4);
  crm_demo_digits (rng, inn + 4, 5);
  inn[9] = inn_check (inn, w, 9);
  return g_strdup (inn);
}

char *
crm_demo_inn12 (GRand      *rng,
                const char *office)
{
  static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  char inn[13] = { 0 };

  memcpy (inn, office, 4);
  crm_demo_digits (rng, inn + 4, 6);
  inn[10] = inn_check (inn, w11, 10);
  inn[11] = inn_check (inn, w12, 11);
  return g_strdup (inn);
}

/* OGRN: 13 digits, the last is (first 12 mod 11) mod 10; OGRNIP: 15, mod 13. */
char *
crm_demo_ogrn (GRand      *rng,
               const char *office,
               gboolean    ip)
{
  guint n = ip ? 15 : 13;
  guint mod = ip ? 13 : 11;
  char s[16] = { 0 };
  guint64 rest = 0;

  s[0] = ip ? '3' : '1';
  /* year of registration, then the region code */
  s[1] = '0' + g_rand_int_range (rng, 0, 3);
  s[2] = '0' + g_rand_int_range (rng, 0, 10);
  s[3] = office[0];
  s[4] = office[1];
  crm_demo_digits (rng, s + 5, n - 6);
  for (guint i = 0; i < n - 1; i++)
    rest = (rest * 10 + (guint64) (s[i] - '0')) % mod;
  s[n - 1] = '0' + (char) ((rest % mod) % 10);
  return g_strdup (s);
}

void
crm_demo_company_clear (CrmDemoCompany *c)
{
  g_free (c->name);
  g_free (c->domain);
  g_free (c->office);
  g_free (c->city);
}

void
crm_demo_company (GRand               *rng,
                  CrmDemoCompany      *c,
                  const CrmDemoPerson *owner)
{
  guint city = g_rand_int_range (rng, 0, G_N_ELEMENTS (cities));
  const char *form = PICK (rng, legal_forms);
  const char *word = PICK (rng, company_words);

  memset (c, 0, sizeof *c);
  c->city = g_strdup (cities[city]);
  c->office = g_strdup (tax_offices[city]);
  c->ip = strcmp (form, "ИП") == 0 && !owner->english;
  if (c->ip)
    c->name = g_strdup_printf ("ИП %s %s", owner->last, owner->first);
  else if (strstr (word, "«") != NULL)
    c->name = g_strdup (word);
  else
    c->name = g_strdup_printf ("%s «%s»", form, word);

  {
    g_autofree char *t = crm_demo_translit (c->ip ? owner->last : word);

    if (*t == '\0')
      {
        g_free (t);
        t = g_strdup ("company");
      }
    c->domain = g_strdup_printf ("%s.ru", t);
  }
}

const char *
crm_demo_city (GRand *rng)
{
  return PICK (rng, cities);
}
