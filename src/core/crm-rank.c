/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-rank"

#include "config.h"

#include "crm-rank.h"

#include <string.h>

/* Order keys for cards in a column: strings compared byte by byte (SQLite's
 * BINARY collation), read as base-62 fractions 0.d1d2d3… So a key can
 * always be found between two others by making it longer, a move writes
 * one row, and no number of moves into the same gap runs out of keys.
 * A key never ends in the lowest digit, so there is always room below. */

static const char digits[] =
  "0123456789"
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
  "abcdefghijklmnopqrstuvwxyz";

#define BASE 62

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 36;
  return -1;
}

/**
 * crm_rank_is_valid:
 * @key: (nullable): a key
 *
 * Returns: %TRUE if @key is a non-empty string of base-62 digits that does
 *   not end in "0"
 */
gboolean
crm_rank_is_valid (const char *key)
{
  gsize len;

  if (key == NULL || *key == '\0')
    return FALSE;
  len = strlen (key);
  for (gsize i = 0; i < len; i++)
    if (digit_value (key[i]) < 0)
      return FALSE;
  return key[len - 1] != '0';
}

/* Appends to @out a key strictly between the fractions @a and @b (@b NULL
 * for 1.0), where @a < @b; @a may be empty (0.0). */
static void
between (GString    *out,
         const char *a,
         const char *b)
{
  gsize la = strlen (a);
  int da, db;

  /* The digits both share go as they are (a missing digit of @a is 0). */
  if (b != NULL)
    {
      gsize n = 0;

      while (b[n] != '\0' && (n < la ? a[n] : '0') == b[n])
        n++;
      if (n > 0)
        {
          g_string_append_len (out, b, n);
          between (out, n < la ? a + n : "", b + n);
          return;
        }
    }

  da = la > 0 ? digit_value (a[0]) : 0;
  db = b != NULL ? digit_value (b[0]) : BASE;
  g_assert (da < db);

  /* Room for a digit of its own (never 0: db is at least 2). */
  if (db - da > 1)
    {
      g_string_append_c (out, digits[(da + db) / 2]);
      return;
    }
  /* Adjacent digits: a longer @b leaves room just below it… */
  if (b != NULL && b[1] != '\0')
    {
      g_string_append_c (out, b[0]);
      return;
    }
  /* …else keep @a's digit and go above the rest of @a. */
  g_string_append_c (out, digits[da]);
  between (out, la > 0 ? a + 1 : "", NULL);
}

/**
 * crm_rank_between:
 * @before: (nullable): the key of the card above, %NULL at the top
 * @after: (nullable): the key of the card below, %NULL at the bottom
 *
 * A key that sorts after @before and before @after. Both must be valid
 * keys (or %NULL) with @before < @after.
 *
 * Returns: (transfer full) (nullable): the key, %NULL if the keys are not
 *   valid or not in order
 */
char *
crm_rank_between (const char *before,
                  const char *after)
{
  GString *out;

  if ((before != NULL && !crm_rank_is_valid (before)) ||
      (after != NULL && !crm_rank_is_valid (after)) ||
      (before != NULL && after != NULL && strcmp (before, after) >= 0))
    return NULL;

  out = g_string_new (NULL);
  between (out, before != NULL ? before : "", after);
  g_assert (crm_rank_is_valid (out->str));
  return g_string_free (out, FALSE);
}

/**
 * crm_rank_for_new:
 * @id: the record's UUIDv7 (time-ordered, unique)
 *
 * The key a card gets when it enters a column without being placed by
 * hand: unique, so a card can later be dropped between any two, and newest
 * first among such cards. Made of "U" and the id's hex digits inverted
 * ("f" − digit): a newer id sorts first.
 *
 * Returns: (transfer full): the key
 */
char *
crm_rank_for_new (const char *id)
{
  GString *out = g_string_new ("U");

  for (const char *p = id; *p != '\0'; p++)
    {
      int v;

      if (*p >= '0' && *p <= '9')
        v = *p - '0';
      else if (*p >= 'a' && *p <= 'f')
        v = *p - 'a' + 10;
      else if (*p >= 'A' && *p <= 'F')
        v = *p - 'A' + 10;
      else
        continue;
      g_string_append_c (out, digits[15 - v]);
    }
  /* Never end in "0": a trailing "1" keeps the order and the room below. */
  g_string_append_c (out, '1');
  return g_string_free (out, FALSE);
}
