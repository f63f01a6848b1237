/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-text"

#include "config.h"

#include "crm-text.h"

#include <string.h>

/*
 * Keys for search, sorting and duplicate detection. Everything here must be
 * deterministic and locale-independent: the keys are stored in the database
 * and compared across machines.
 */

#define CYR_YO 0x0451 /* ё */
#define CYR_IE 0x0435 /* е */

/* Legal forms dropped from company keys, already folded. Multi-word ones
 * are matched as whole word sequences, longest first. */
static const char * const legal_form_phrases[] = {
  "общество с ограниченной ответственностью",
  "публичное акционерное общество",
  "открытое акционерное общество",
  "закрытое акционерное общество",
  "непубличное акционерное общество",
  "акционерное общество",
  "некоммерческая организация",
  "автономная некоммерческая организация",
  "индивидуальный предприниматель",
  "товарищество с ограниченной ответственностью",
  "limited liability company",
};

static const char * const legal_form_words[] = {
  "ооо", "оао", "зао", "пао", "ао", "нао", "ип", "нко", "ано", "тоо",
  "llc", "ltd", "inc", "gmbh", "corp", "plc", "limited", "incorporated",
};

/* Quote marks stripped from company names: ООО «Ромашка», "Ромашка". */
static const gunichar quote_chars[] = {
  '"', '\'', '`', 0x00AB, 0x00BB, 0x2018, 0x2019, 0x201A, 0x201B,
  0x201C, 0x201D, 0x201E, 0x201F, 0x2039, 0x203A,
};

/* Common first names (folded, ё as е): they decide the order of a two-word
 * name before surname endings do, because many female first names end like
 * surnames (Марина, Полина, Кристина). */
static const char * const first_names[] = {
  "александр", "алексей", "анатолий", "андрей", "антон", "аркадий", "артем",
  "артур", "борис", "вадим", "валентин", "валерий", "василий", "виктор",
  "виталий", "владимир", "владислав", "вячеслав", "геннадий", "георгий",
  "глеб", "григорий", "даниил", "денис", "дмитрий", "евгений", "егор",
  "иван", "игорь", "илья", "кирилл", "константин", "лев", "леонид",
  "максим", "марк", "матвей", "михаил", "никита", "николай", "олег",
  "павел", "петр", "роман", "руслан", "семен", "сергей", "станислав",
  "степан", "тимофей", "тимур", "федор", "филипп", "юрий", "ярослав",
  "алена", "алина", "алиса", "алла", "анастасия", "ангелина", "анна",
  "антонина", "валентина", "валерия", "вера", "вероника", "виктория",
  "галина", "дарья", "диана", "ева", "евгения", "екатерина", "елена",
  "елизавета", "жанна", "зарина", "злата", "инна", "ирина", "карина",
  "кира", "кристина", "ксения", "лариса", "лидия", "любовь", "людмила",
  "маргарита", "марина", "мария", "милана", "надежда", "наталья",
  "наталия", "нина", "оксана", "олеся", "ольга", "полина", "раиса",
  "регина", "светлана", "снежана", "софия", "софья", "тамара", "татьяна",
  "ульяна", "эльвира", "юлия", "яна",
  "john", "james", "michael", "david", "robert", "william", "thomas",
  "mary", "anna", "elizabeth", "sarah", "emma", "peter", "paul",
};

/* Patronymic endings (folded). -ич also covers Ильич, Кузьмич. */
static const char * const patronymic_endings[] = {
  "ович", "евич", "ич", "овна", "евна", "ична", "инична", "вна",
  "оглы", "кызы",
};

static const char * const surname_endings[] = {
  "ов", "ев", "ин", "ын", "ский", "цкий", "ской", "цкой", "ская", "цкая",
  "ова", "ева", "ина", "ына", "ых", "их", "енко", "ко", "ук", "юк",
  "ян", "янц", "дзе", "швили", "ой",
};

static gboolean
is_quote (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (quote_chars); i++)
    if (quote_chars[i] == c)
      return TRUE;
  return FALSE;
}

/* Punctuation proper; g_unichar_ispunct() counts symbols too, and the
 * "+" of "C++" or the "°" of "К°" belong to the name. */
static gboolean
is_punct (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
in_list (const char         *word,
         const char * const *list,
         guint               n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* TRUE when @word ends with one of @endings and has at least two more
 * characters before it, so "Ко" alone is not a surname. */
static gboolean
has_ending (const char         *word,
            const char * const *endings,
            guint               n)
{
  glong word_len = g_utf8_strlen (word, -1);
  gsize word_bytes = strlen (word);

  for (guint i = 0; i < n; i++)
    {
      gsize end_bytes = strlen (endings[i]);

      if (word_bytes > end_bytes &&
          g_utf8_strlen (endings[i], -1) + 2 <= word_len &&
          strcmp (word + word_bytes - end_bytes, endings[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_words_from (GPtrArray *words,
                 guint      start)
{
  GString *out = g_string_new (NULL);

  for (guint i = start; i < words->len; i++)
    {
      if (i > start)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (words, i));
    }
  return g_string_free (out, FALSE);
}

static char *
join_words (GPtrArray *words)
{
  return join_words_from (words, 0);
}

/* Words of @s split on whitespace, with stray commas and semicolons around
 * them dropped ("Иванов, Иван"). Words keep their case. */
static GPtrArray *
split_on_space (const char *s)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *valid = NULL;
  const char *p;

  if (s == NULL)
    return words;

  valid = g_utf8_make_valid (s, -1);
  p = valid;
  while (*p != '\0')
    {
      const char *start;
      const char *end;

      while (*p != '\0' && (g_unichar_isspace (g_utf8_get_char (p)) || *p == ',' || *p == ';'))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      end = p;
      while (end > start && (end[-1] == ',' || end[-1] == ';'))
        end--;
      if (end > start)
        g_ptr_array_add (words, g_strndup (start, end - start));
    }
  return words;
}

static gboolean
is_patronymic (const char *word)
{
  g_autofree char *folded = crm_text_fold (word);

  return has_ending (folded, patronymic_endings, G_N_ELEMENTS (patronymic_endings));
}

static gboolean
is_surname (const char *word)
{
  g_autofree char *folded = crm_text_fold (word);

  return has_ending (folded, surname_endings, G_N_ELEMENTS (surname_endings));
}

static gboolean
is_first_name (const char *word)
{
  g_autofree char *folded = crm_text_fold (word);

  return in_list (folded, first_names, G_N_ELEMENTS (first_names));
}

static void
set_out (char       **out,
         const char  *value)
{
  if (out != NULL)
    *out = value != NULL ? g_strdup (value) : NULL;
}

/* Removes every occurrence of the word sequence @phrase from @words. */
static void
remove_phrase (GPtrArray  *words,
               const char *phrase)
{
  g_auto(GStrv) parts = g_strsplit (phrase, " ", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + n <= words->len; )
    {
      gboolean match = TRUE;

      for (guint j = 0; j < n && match; j++)
        match = strcmp (g_ptr_array_index (words, i + j), parts[j]) == 0;
      if (match)
        g_ptr_array_remove_range (words, i, n);
      else
        i++;
    }
}

/* "о.о.о." and "l.l.c" compare as "ооо" and "llc". */
static gboolean
is_legal_form_word (const char *word)
{
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p++)
    if (*p != '.')
      g_string_append_c (bare, *p);
  return in_list (bare->str, legal_form_words, G_N_ELEMENTS (legal_form_words));
}

/**
 * crm_text_fold:
 * @s: (nullable): any text
 *
 * Folds @s for search and sort keys: NFKC, case folding, `ё` as `е`,
 * invisible format characters (soft hyphens, zero-width spaces, BOM)
 * dropped, runs of whitespace collapsed to one space, ends trimmed.
 * Invalid UTF-8 is repaired first, so any bytes are safe.
 *
 * Returns: (transfer full): the folded text, "" for %NULL or ""
 */
/* The fold of @s when it holds only ASCII and basic Cyrillic, else NULL. */
static GString *
fold_simple (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));
  gboolean space = FALSE;

  for (const guchar *p = (const guchar *) s; *p != '\0'; )
    {
      gunichar c;

      if (*p < 0x80)
        {
          c = *p++;
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
            {
              space = out->len > 0;
              continue;
            }
          if (c < 0x20 || c == 0x7f)
            goto slow;
          c = g_ascii_tolower (c);
        }
      else if ((p[0] == 0xd0 || p[0] == 0xd1) && (p[1] & 0xc0) == 0x80)
        {
          c = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
          p += 2;
          if (c >= 0x410 && c <= 0x42f)
            c += 0x20;
          else if (c == 0x401 || c == CYR_YO)
            c = CYR_IE;
          else if (!(c >= 0x430 && c <= 0x44f))
            goto slow;
        }
      /* Company names are full of «», and texts of – — “ ” „: NFKC and
       * case folding leave them as they are. A no-break space is a space. */
      else if (p[0] == 0xc2 && p[1] == 0xa0)
        {
          p += 2;
          space = out->len > 0;
          continue;
        }
      else if (p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb))
        {
          c = p[1];
          p += 2;
        }
      else if (p[0] == 0xe2 && p[1] == 0x80 &&
               (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0x9c || p[2] == 0x9d || p[2] == 0x9e))
        {
          c = 0x2000 + (p[2] - 0x80);
          p += 3;
        }
      else
        goto slow;

      if (space)
        {
          g_string_append_c (out, ' ');
          space = FALSE;
        }
      g_string_append_unichar (out, c);
    }
  return out;

slow:
  g_string_free (out, TRUE);
  return NULL;
}

char *
crm_text_fold (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  GString *out;
  gboolean space = FALSE;

  if (s == NULL || *s == '\0')
    return g_strdup ("");

  /* Most names, companies and notes are plain ASCII and Russian letters,
   * for which NFKC changes nothing and case folding is a table lookup: an
   * import folds millions of strings. */
  if ((out = fold_simple (s)) != NULL)
    return g_string_free (out, FALSE);

  /* NFKC before case folding so compatibility forms (ℌ, Ⅻ) fold too, and
   * after it because folding can leave text unnormalized (İ → i̇). */
  valid = g_utf8_make_valid (s, -1);
  nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (nfkc, -1);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);

  out = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      if (space)
        {
          g_string_append_c (out, ' ');
          space = FALSE;
        }
      g_string_append_unichar (out, c == CYR_YO ? CYR_IE : c);
    }
  return g_string_free (out, FALSE);
}

/**
 * crm_text_name_key:
 * @fio: (nullable): a person's name in any word order
 *
 * A key equal for the same name however it was typed: the folded words
 * (letters and digits; anything else separates words, so a hyphenated
 * surname gives two words) sorted and joined with single spaces.
 * "Иванов Иван Иванович" and "иван иванович ИВАНОВ" give the same key.
 *
 * Returns: (transfer full): the key, "" when there are no words
 */
char *
crm_text_name_key (const char *fio)
{
  g_autofree char *folded = crm_text_fold (fio);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  g_ptr_array_sort (words, compare_strings);
  return join_words (words);
}

/**
 * crm_text_company_key:
 * @company: (nullable): a company name
 *
 * A key equal for the same company however it was typed: folded, quotes
 * removed, legal forms (ООО, АО, ИП, LLC, GmbH, "Общество с ограниченной
 * ответственностью"…) dropped, punctuation around words trimmed and
 * whitespace collapsed. «ООО "Ромашка"» and "Ромашка, ООО" give "ромашка".
 * A name that is only a legal form keeps it.
 *
 * Returns: (transfer full): the key, "" for an empty name
 */
char *
crm_text_company_key (const char *company)
{
  g_autofree char *folded = crm_text_fold (company);
  g_autoptr(GString) unquoted = g_string_sized_new (strlen (folded));
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = NULL;
  g_auto(GStrv) tokens = NULL;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (unquoted, is_quote (c) ? ' ' : c);
    }

  tokens = g_strsplit (unquoted->str, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *start = tokens[i];
      const char *end = start + strlen (start);

      while (*start != '\0' && is_punct (g_utf8_get_char (start)))
        start = g_utf8_next_char (start);
      while (end > start)
        {
          const char *prev = g_utf8_prev_char (end);

          if (!is_punct (g_utf8_get_char (prev)))
            break;
          end = prev;
        }
      if (end > start)
        g_ptr_array_add (words, g_strndup (start, end - start));
    }

  kept = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (kept, g_strdup (g_ptr_array_index (words, i)));
  for (guint i = 0; i < G_N_ELEMENTS (legal_form_phrases); i++)
    remove_phrase (kept, legal_form_phrases[i]);
  for (guint i = 0; i < kept->len; )
    {
      if (is_legal_form_word (g_ptr_array_index (kept, i)))
        g_ptr_array_remove_index (kept, i);
      else
        i++;
    }

  return join_words (kept->len > 0 ? kept : words);
}

/**
 * crm_text_avatar_name:
 * @fio: (nullable): a person's full name in any of the usual orders
 *
 * The name as "Имя Фамилия" for an avatar, which takes the initials of the
 * first and last words: "Осипов Константин Григорьевич" gives "Константин
 * Осипов" (КО), not ОГ. A name that does not split is given back as is.
 *
 * Returns: (transfer full) (nullable): the name, %NULL for %NULL
 */
char *
crm_text_avatar_name (const char *fio)
{
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;

  if (fio == NULL)
    return NULL;
  crm_text_split_fio (fio, &last, &first, NULL);
  if (first == NULL || last == NULL)
    return g_strdup (fio);
  return g_strdup_printf ("%s %s", first, last);
}

/**
 * crm_text_split_fio:
 * @fio: (nullable): a full name
 * @last: (out) (optional) (nullable): the surname
 * @first: (out) (optional) (nullable): the first name
 * @middle: (out) (optional) (nullable): the patronymic
 *
 * Splits a full name by the usual Russian conventions. Three words are
 * "Фамилия Имя Отчество", unless the second one is a patronymic and the
 * third is not ("Иван Иванович Иванов"). Of two words, a patronymic second
 * gives "Имя Отчество"; otherwise a known first name or, failing that, a
 * surname ending (-ов, -ина, -ский, -енко…) on the first word decides
 * between "Фамилия Имя" and "Имя Фамилия". One word is a first name; more
 * than three are a surname, a first name and the rest as the middle name.
 *
 * Parts that are absent are set to %NULL.
 */
void
crm_text_split_fio (const char  *fio,
                    char       **last,
                    char       **first,
                    char       **middle)
{
  g_autoptr(GPtrArray) w = split_on_space (fio);
  const char *l = NULL;
  const char *f = NULL;
  const char *m = NULL;
  g_autofree char *rest = NULL;

  switch (w->len)
    {
    case 0:
      break;

    case 1:
      f = g_ptr_array_index (w, 0);
      break;

    case 2:
      {
        const char *w0 = g_ptr_array_index (w, 0);
        const char *w1 = g_ptr_array_index (w, 1);
        gboolean first0 = is_first_name (w0);
        gboolean first1 = is_first_name (w1);

        if (is_patronymic (w1) && !is_patronymic (w0))
          {
            f = w0;
            m = w1;
          }
        else if ((first0 && !first1) ||
                 (first0 == first1 && !is_surname (w0)))
          {
            f = w0;
            l = w1;
          }
        else
          {
            l = w0;
            f = w1;
          }
      }
      break;

    case 3:
      {
        const char *w0 = g_ptr_array_index (w, 0);
        const char *w1 = g_ptr_array_index (w, 1);
        const char *w2 = g_ptr_array_index (w, 2);

        /* "Иван Иванович Иванов" */
        if (is_patronymic (w1) && !is_patronymic (w2))
          {
            f = w0;
            m = w1;
            l = w2;
          }
        else
          {
            l = w0;
            f = w1;
            m = w2;
          }
      }
      break;

    default:
      l = g_ptr_array_index (w, 0);
      f = g_ptr_array_index (w, 1);
      rest = join_words_from (w, 2);
      m = rest;
      break;
    }

  set_out (last, l);
  set_out (first, f);
  set_out (middle, m);
}

/**
 * crm_text_join_fio:
 * @last: (nullable): the surname
 * @first: (nullable): the first name
 * @middle: (nullable): the patronymic
 *
 * Joins name parts as "Фамилия Имя Отчество", trimming each part and
 * skipping blank ones.
 *
 * Returns: (transfer full) (nullable): the full name, %NULL when every part
 *   is blank
 */
char *
crm_text_join_fio (const char *last,
                   const char *first,
                   const char *middle)
{
  const char *parts[] = { last, first, middle };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(GPtrArray) words = NULL;
      g_autofree char *part = NULL;

      if (crm_text_is_blank (parts[i]))
        continue;
      /* Re-joining the words also collapses inner runs of spaces. */
      words = split_on_space (parts[i]);
      part = join_words (words);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, part);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * crm_text_is_blank:
 * @s: (nullable): any text
 *
 * Returns: %TRUE when @s is %NULL, empty or only whitespace (Unicode
 *   spaces such as no-break space included)
 */
gboolean
crm_text_is_blank (const char *s)
{
  const char *end;

  if (s == NULL)
    return TRUE;

  end = s + strlen (s);
  for (const char *p = s; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}
