/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks"

#include "config.h"

#include <string.h>

#include "crm-tasks.h"
#include "crm-tasks-rows.h"

/* Quick add: a task typed as one line, "Перезвонить завтра в 10:00" —
 * the time at its end and the kind its first word suggests. */

/**
 * crm_tasks_parse_quick:
 * @text: "Call back tomorrow 10:00", "Send the offer today 15:30",
 *   "Перезвонить завтра в 10:00"
 * @now_ms: now, UTC ms
 * @tz: the workspace time zone
 * @title: (out) (transfer full): the text without the time words
 * @due_ms: (out): the time found, 0 when none
 *
 * Quick add: a day word (today, tomorrow, сегодня, завтра, послезавтра)
 * and/or a time (10:00, в 10:00) at the end of the text. A day without a
 * time is 10:00; a time without a day is today's, or tomorrow's when it
 * has passed.
 *
 * Returns: whether a time was found
 */
gboolean
crm_tasks_parse_quick (const char  *text,
                       gint64       now_ms,
                       GTimeZone   *tz,
                       char       **title,
                       gint64      *due_ms)
{
  static const struct { const char *word; int days; } day_words[] = {
    { "today", 0 }, { "tomorrow", 1 }, { "сегодня", 0 }, { "завтра", 1 },
    { "послезавтра", 2 },
  };
  g_auto(GStrv) words = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;
  int n, end;
  int days = -1;
  int hour = -1, minute = 0;

  *title = NULL;
  *due_ms = 0;
  if (text == NULL)
    return FALSE;

  words = g_strsplit_set (text, " \t", -1);
  n = g_strv_length (words);
  end = n;
  while (end > 0 && *words[end - 1] == '\0')
    end--;

  /* A time "HH:MM" last, maybe after "at" / "в". */
  if (end > 0)
    {
      guint64 h, m;
      g_auto(GStrv) hm = g_strsplit (words[end - 1], ":", 3);

      if (g_strv_length (hm) == 2 &&
          g_ascii_string_to_unsigned (hm[0], 10, 0, 23, &h, NULL) &&
          strlen (hm[1]) == 2 && g_ascii_string_to_unsigned (hm[1], 10, 0, 59, &m, NULL))
        {
          hour = h;
          minute = m;
          end--;
          if (end > 0 && (g_ascii_strcasecmp (words[end - 1], "at") == 0 ||
                          g_strcmp0 (words[end - 1], "в") == 0))
            end--;
        }
    }
  if (end > 0)
    {
      g_autofree char *folded = g_utf8_casefold (words[end - 1], -1);

      for (guint i = 0; i < G_N_ELEMENTS (day_words); i++)
        if (strcmp (folded, day_words[i].word) == 0)
          {
            days = day_words[i].days;
            end--;
            break;
          }
    }
  if (days < 0 && hour < 0)
    {
      *title = g_strstrip (g_strdup (text));
      return FALSE;
    }

  {
    g_autoptr(GString) t = g_string_new (NULL);

    for (int i = 0; i < end; i++)
      if (*words[i] != '\0')
        g_string_append_printf (t, "%s%s", t->len > 0 ? " " : "", words[i]);
    *title = g_string_free (g_steal_pointer (&t), FALSE);
  }

  utc = g_date_time_new_from_unix_utc (now_ms / 1000);
  now = g_date_time_to_timezone (utc, tz);
  if (hour < 0)
    hour = 10;
  day = g_date_time_add_days (now, days < 0 ? 0 : days);
  when = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), hour, minute, 0);
  *due_ms = g_date_time_to_unix (when) * 1000;
  if (days < 0 && *due_ms <= now_ms)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (when, 1);
      *due_ms = g_date_time_to_unix (next) * 1000;
    }
  return TRUE;
}

/**
 * crm_tasks_guess_kind:
 * @title: (nullable): what to do, as typed: "Call back", "Перезвонить"
 *
 * Quick add's kind: a call, an e-mail or a meeting when the first word
 * says so, a to-do otherwise.
 *
 * Returns: a task kind
 */
const char *
crm_tasks_guess_kind (const char *title)
{
  static const struct { const char *prefix; const char *kind; } words[] = {
    { "call", "call" }, { "ring", "call" }, { "phone", "call" },
    { "позвон", "call" }, { "перезвон", "call" }, { "звон", "call" }, { "набрат", "call" },
    { "email", "email" }, { "e-mail", "email" }, { "mail", "email" }, { "write", "email" },
    { "send", "email" }, { "напис", "email" }, { "отправ", "email" }, { "письм", "email" },
    { "meet", "meeting" }, { "встреч", "meeting" }, { "встрет", "meeting" },
  };
  g_autofree char *folded = NULL;
  g_auto(GStrv) first = NULL;

  if (title == NULL)
    return "todo";
  folded = g_utf8_casefold (title, -1);
  first = g_strsplit_set (g_strstrip (folded), " \t,.:;!", 2);
  if (first[0] == NULL)
    return "todo";
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_has_prefix (first[0], words[i].prefix))
      return words[i].kind;
  return "todo";
}
