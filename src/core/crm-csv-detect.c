/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include "crm-csv.h"
#include "crm-csv-private.h"

#include <string.h>

/* Guessing from the first chunk what the file does not say: its encoding
 * and its delimiter. */

#define SNIFF_LINES 20

/* ---- Sniffing ---- */

/* UTF-8 unless invalid sequences are at least as many as valid multibyte
 * ones: Windows-1251 Cyrillic seldom forms valid UTF-8 by chance. */
const char *
crm_csv_sniff_encoding (const guint8 *data,
                        gsize         len,
                        gboolean     *ascii_only)
{
  const char *p = (const char *) data;
  const char *end = p + len;
  guint valid = 0;
  guint invalid = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -2 && end - p < 4 && memchr (p, '\0', end - p) == NULL)
        break; /* cut by the end of the chunk */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          invalid++;
          p++;
        }
      else
        {
          valid++;
          p = g_utf8_next_char (p);
        }
    }
  *ascii_only = valid == 0 && invalid == 0;
  return invalid > 0 && invalid >= valid ? "WINDOWS-1251" : "UTF-8";
}

/* Counts @delimiter per line outside quoted fields. */
static guint
count_per_line (const char *text,
                gsize       len,
                char        delimiter,
                guint      *counts)
{
  guint n_lines = 0;
  gboolean quoted = FALSE;
  gboolean field_start = TRUE;
  gboolean empty_line = TRUE;

  memset (counts, 0, sizeof (guint) * SNIFF_LINES);
  for (gsize i = 0; i < len && n_lines < SNIFF_LINES; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"')
            {
              if (i + 1 < len && text[i + 1] == '"')
                i++;
              else
                quoted = FALSE;
            }
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
          if (!empty_line)
            n_lines++;
          empty_line = TRUE;
          field_start = TRUE;
          continue;
        }
      empty_line = FALSE;
      if (c == '"' && field_start)
        quoted = TRUE;
      else if (c == delimiter)
        {
          counts[n_lines]++;
          field_start = TRUE;
          continue;
        }
      field_start = FALSE;
    }
  /* A last line cut by the chunk's end counts only when it is the only one. */
  if (n_lines == 0 && !empty_line)
    n_lines = 1;
  return n_lines;
}

/* The candidate whose count per line is the most consistent with the first
 * line's, then the most frequent; ',' when none occurs. */
char
crm_csv_sniff_delimiter (const char *text,
                         gsize       len)
{
  static const char candidates[] = { ';', ',', '\t', '|' };
  guint best_score = 0;
  char best = ',';

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint counts[SNIFF_LINES];
      guint n_lines = count_per_line (text, len, candidates[k], counts);
      guint consistent = 0;
      guint score;

      if (n_lines == 0 || counts[0] == 0)
        continue;
      for (guint i = 0; i < n_lines; i++)
        if (counts[i] == counts[0])
          consistent++;
      score = consistent * 1000 + MIN (counts[0], 999);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[k];
        }
    }
  return best;
}
