/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import"

#include "config.h"

#include "crm-import-private.h"

#include <stdio.h>
#include <string.h>

#include "crm-clock.h"
#include "crm-settings.h"
#include "crm-text.h"

/* Turning cells (or vCard properties) into the values of a row: several
 * phones in one cell, amounts written the Russian way, dates as Excel
 * writes them, temperatures in either language. */

void
crm_import_value_free (gpointer data)
{
  Value *v = data;

  g_free (v->raw);
  g_free (v->label);
  g_free (v);
}

void
crm_import_row_init (Row   *row,
          guint  line)
{
  memset (row, 0, sizeof *row);
  row->line = line;
  row->phones = g_ptr_array_new_with_free_func (crm_import_value_free);
  row->emails = g_ptr_array_new_with_free_func (crm_import_value_free);
}

void
crm_import_row_clear (Row *row)
{
  for (guint i = 0; i < CRM_N_FIELDS; i++)
    g_clear_pointer (&row->values[i], g_free);
  g_clear_pointer (&row->phones, g_ptr_array_unref);
  g_clear_pointer (&row->emails, g_ptr_array_unref);
}

static void
append_value (char       **slot,
              const char  *text,
              const char  *separator)
{
  if (*slot == NULL)
    *slot = g_strdup (text);
  else
    {
      char *joined = g_strconcat (*slot, separator, text, NULL);
      g_free (*slot);
      *slot = joined;
    }
}

/* Splits @cell at runs of the characters in @separators (a regex per
 * cell would be compiled a million times on a big import). */
static GStrv
split_any (const char *cell,
           const char *separators)
{
  GPtrArray *parts = g_ptr_array_new ();
  const char *p = cell;

  while (*p != '\0')
    {
      gsize len = strcspn (p, separators);

      if (len > 0)
        g_ptr_array_add (parts, g_strndup (p, len));
      p += len;
      p += strspn (p, separators);
    }
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_free (parts, FALSE);
}

static void
add_multi (GPtrArray  *list,
           const char *cell,
           const char *label,
           gboolean    is_phone)
{
  /* Phones keep their spaces ("8 912 …"); e-mails never have any. */
  g_auto(GStrv) parts = split_any (cell, is_phone ? ",;\n" : ",; \t\n\r\v\f");
  guint added = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *t = g_strstrip (g_strdup (parts[i]));
      Value *v;

      if (*t == '\0')
        continue;
      /* "…-67, доб. 12": an extension after a comma belongs to the number
       * before it. */
      if (is_phone && added > 0 && g_unichar_isalpha (g_utf8_get_char (t)))
        {
          Value *prev = g_ptr_array_index (list, list->len - 1);
          char *joined = g_strconcat (prev->raw, " ", t, NULL);

          g_free (prev->raw);
          prev->raw = joined;
          continue;
        }
      added++;
      v = g_new0 (Value, 1);
      v->raw = g_steal_pointer (&t);
      v->label = g_strdup (label);
      g_ptr_array_add (list, v);
    }
}

void
crm_import_row_set (Row        *row,
         CrmField    field,
         const char *cell)
{
  g_autofree char *text = g_strstrip (g_strdup (cell));

  if (*text == '\0' || field == CRM_FIELD_NONE || field >= CRM_N_FIELDS)
    return;

  switch (field)
    {
    case CRM_FIELD_PHONE:
      add_multi (row->phones, text, NULL, TRUE);
      break;
    case CRM_FIELD_PHONE_WORK:
      add_multi (row->phones, text, "work", TRUE);
      break;
    case CRM_FIELD_PHONE_MOBILE:
      add_multi (row->phones, text, "mobile", TRUE);
      break;
    case CRM_FIELD_PHONE_HOME:
      add_multi (row->phones, text, "home", TRUE);
      break;
    case CRM_FIELD_EMAIL:
      add_multi (row->emails, text, NULL, FALSE);
      break;
    case CRM_FIELD_NOTE:
    case CRM_FIELD_REQUEST:
      append_value (&row->values[field], text, "\n");
      break;
    default:
      append_value (&row->values[field], text, " ");
      break;
    }
}

void
crm_import_row_from_vcard (Row      *row,
                CrmVcard *card)
{
  if (card->fn != NULL && *card->fn != '\0')
    crm_import_row_set (row, CRM_FIELD_FIO, card->fn);
  else
    {
      crm_import_row_set (row, CRM_FIELD_LAST_NAME, card->last ? card->last : "");
      crm_import_row_set (row, CRM_FIELD_FIRST_NAME, card->first ? card->first : "");
      crm_import_row_set (row, CRM_FIELD_MIDDLE_NAME, card->middle ? card->middle : "");
    }
  crm_import_row_set (row, CRM_FIELD_COMPANY, card->org ? card->org : "");
  crm_import_row_set (row, CRM_FIELD_JOB_TITLE, card->title ? card->title : "");
  crm_import_row_set (row, CRM_FIELD_NOTE, card->note ? card->note : "");
  crm_import_row_set (row, CRM_FIELD_WEBSITE, card->url ? card->url : "");
  crm_import_row_set (row, CRM_FIELD_ADDRESS, card->adr ? card->adr : "");

  for (guint i = 0; card->phones != NULL && i < card->phones->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (card->phones, i);
      const char *label = NULL;

      if (v->type != NULL)
        {
          if (strstr (v->type, "cell") != NULL)
            label = "mobile";
          else if (strstr (v->type, "work") != NULL)
            label = "work";
          else if (strstr (v->type, "home") != NULL)
            label = "home";
          else if (strstr (v->type, "fax") != NULL)
            label = "fax";
        }
      add_multi (row->phones, v->value ? v->value : "", label, TRUE);
    }
  for (guint i = 0; card->emails != NULL && i < card->emails->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (card->emails, i);
      add_multi (row->emails, v->value ? v->value : "",
                 v->type && strstr (v->type, "work") ? "work" :
                 v->type && strstr (v->type, "home") ? "home" : NULL,
                 FALSE);
    }
}

gboolean
crm_import_parse_money (const char *text,
             gint64     *minor)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean seen_sep = FALSE;
  guint decimals = 0;
  gint64 value;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) && c < 128)
        {
          if (seen_sep)
            {
              if (decimals >= 2)
                continue;
              decimals++;
            }
          g_string_append_c (digits, (char) c);
        }
      else if ((c == ',' || c == '.') && !seen_sep)
        seen_sep = TRUE;
      else if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x20BD ||
               c == '\'' || c == '$' || c == 0x20AC)
        continue;
      else if (g_unichar_isalpha (c) || c == '.')
        continue; /* "руб.", "RUB", "р." */
      else
        return FALSE;
    }
  if (digits->len == 0 || digits->len > 16)
    return FALSE;
  value = g_ascii_strtoll (digits->str, NULL, 10);
  for (; decimals < 2; decimals++)
    value *= 10;
  *minor = value;
  return TRUE;
}

gboolean
crm_import_parse_date (CrmStore   *store,
            const char *text,
            gint64     *ms)
{
  int d, m, y, hh = 0, mm = 0, ss = 0;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (crm_parse_iso8601_ms (text, ms))
    return TRUE;

  tz = crm_settings_get_timezone (store);

  if (sscanf (text, "%d.%d.%d %d:%d:%d", &d, &m, &y, &hh, &mm, &ss) >= 3 ||
      sscanf (text, "%d/%d/%d %d:%d:%d", &d, &m, &y, &hh, &mm, &ss) >= 3)
    ;
  else if (sscanf (text, "%d-%d-%d %d:%d:%d", &y, &m, &d, &hh, &mm, &ss) >= 3)
    ;
  else
    return FALSE;

  if (y < 100)
    y += 2000;
  dt = g_date_time_new (tz, y, m, d, hh, mm, ss);
  if (dt == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (dt) * 1000;
  return TRUE;
}

const char *
crm_import_parse_temperature (const char *text)
{
  g_autofree char *key = crm_text_fold (text);

  if (g_str_has_prefix (key, "hot") || g_str_has_prefix (key, "горяч"))
    return "hot";
  if (g_str_has_prefix (key, "warm") || g_str_has_prefix (key, "тепл"))
    return "warm";
  if (g_str_has_prefix (key, "cold") || g_str_has_prefix (key, "холод"))
    return "cold";
  return NULL;
}

char *
crm_import_row_full_name (Row *row)
{
  if (!crm_text_is_blank (row->values[CRM_FIELD_FIO]))
    return g_strdup (row->values[CRM_FIELD_FIO]);
  if (row->values[CRM_FIELD_LAST_NAME] || row->values[CRM_FIELD_FIRST_NAME] ||
      row->values[CRM_FIELD_MIDDLE_NAME])
    return crm_text_join_fio (row->values[CRM_FIELD_LAST_NAME],
                              row->values[CRM_FIELD_FIRST_NAME],
                              row->values[CRM_FIELD_MIDDLE_NAME]);
  return NULL;
}
