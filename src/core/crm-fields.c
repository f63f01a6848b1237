/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-fields"

#include "config.h"

#include "crm-fields.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-text.h"

static const struct {
  const char *key;
  const char *label;
} fields[CRM_N_FIELDS] = {
  [CRM_FIELD_NONE] = { "", NULL },
  [CRM_FIELD_FIO] = { "fio", N_("Full name") },
  [CRM_FIELD_LAST_NAME] = { "last_name", N_("Last name") },
  [CRM_FIELD_FIRST_NAME] = { "first_name", N_("First name") },
  [CRM_FIELD_MIDDLE_NAME] = { "middle_name", N_("Middle name") },
  [CRM_FIELD_PHONE] = { "phone", N_("Phone") },
  [CRM_FIELD_PHONE_WORK] = { "phone_work", N_("Work phone") },
  [CRM_FIELD_PHONE_MOBILE] = { "phone_mobile", N_("Mobile phone") },
  [CRM_FIELD_PHONE_HOME] = { "phone_home", N_("Home phone") },
  [CRM_FIELD_EMAIL] = { "email", N_("E-mail") },
  [CRM_FIELD_COMPANY] = { "company", N_("Company") },
  [CRM_FIELD_JOB_TITLE] = { "job_title", N_("Job title") },
  [CRM_FIELD_CHANNEL] = { "channel", N_("Source") },
  [CRM_FIELD_NOTE] = { "note", N_("Comment") },
  [CRM_FIELD_REQUEST] = { "request", N_("Request") },
  [CRM_FIELD_INN] = { "inn", N_("INN") },
  [CRM_FIELD_KPP] = { "kpp", N_("KPP") },
  [CRM_FIELD_OGRN] = { "ogrn", N_("OGRN") },
  [CRM_FIELD_ADDRESS] = { "address", N_("Address") },
  [CRM_FIELD_CITY] = { "city", N_("City") },
  [CRM_FIELD_WEBSITE] = { "website", N_("Website") },
  /* Not words: the same in every language, so not translated. */
  [CRM_FIELD_UTM_SOURCE] = { "utm_source", "utm_source" },
  [CRM_FIELD_UTM_MEDIUM] = { "utm_medium", "utm_medium" },
  [CRM_FIELD_UTM_CAMPAIGN] = { "utm_campaign", "utm_campaign" },
  [CRM_FIELD_UTM_CONTENT] = { "utm_content", "utm_content" },
  [CRM_FIELD_UTM_TERM] = { "utm_term", "utm_term" },
  [CRM_FIELD_CREATED] = { "created", N_("Created") },
  [CRM_FIELD_VALUE] = { "value", N_("Budget") },
  [CRM_FIELD_TEMPERATURE] = { "temperature", N_("Temperature") },
  [CRM_FIELD_STAGE] = { "stage", N_("Stage") },
  [CRM_FIELD_OWNER] = { "owner", N_("Owner") },
  [CRM_FIELD_ID] = { "id", "ID" },
};

/* Header spellings seen in Russian and English exports (Excel, amoCRM,
 * Bitrix24, Google Contacts, Outlook), as header_key () leaves them:
 * folded (lowercase, ё → е) and with everything but letters and digits
 * dropped, so "E-mail", "e mail" and "Е-mail" with a Cyrillic Е meet
 * "email" or "еmail". */
static const struct {
  const char *header;
  CrmField    field;
} aliases[] = {
  /* Names */
  { "фио", CRM_FIELD_FIO }, { "контактноелицо", CRM_FIELD_FIO }, { "контакт", CRM_FIELD_FIO },
  { "клиент", CRM_FIELD_FIO }, { "полноеимя", CRM_FIELD_FIO }, { "имяклиента", CRM_FIELD_FIO },
  { "фиоклиента", CRM_FIELD_FIO }, { "фиоконтакта", CRM_FIELD_FIO }, { "name", CRM_FIELD_FIO },
  { "fullname", CRM_FIELD_FIO }, { "contact", CRM_FIELD_FIO }, { "contactname", CRM_FIELD_FIO },
  { "contactperson", CRM_FIELD_FIO }, { "displayname", CRM_FIELD_FIO },
  { "имя", CRM_FIELD_FIRST_NAME }, { "firstname", CRM_FIELD_FIRST_NAME },
  { "givenname", CRM_FIELD_FIRST_NAME },
  { "фамилия", CRM_FIELD_LAST_NAME }, { "lastname", CRM_FIELD_LAST_NAME },
  { "surname", CRM_FIELD_LAST_NAME }, { "familyname", CRM_FIELD_LAST_NAME },
  { "отчество", CRM_FIELD_MIDDLE_NAME }, { "middlename", CRM_FIELD_MIDDLE_NAME },
  { "additionalname", CRM_FIELD_MIDDLE_NAME }, { "patronymic", CRM_FIELD_MIDDLE_NAME },
  /* Phones */
  { "телефон", CRM_FIELD_PHONE }, { "тел", CRM_FIELD_PHONE }, { "номертелефона", CRM_FIELD_PHONE },
  { "телефоны", CRM_FIELD_PHONE }, { "контактныйтелефон", CRM_FIELD_PHONE },
  { "phone", CRM_FIELD_PHONE }, { "telephone", CRM_FIELD_PHONE }, { "phonenumber", CRM_FIELD_PHONE },
  { "telephonenumber", CRM_FIELD_PHONE }, { "primaryphone", CRM_FIELD_PHONE },
  { "tel", CRM_FIELD_PHONE }, { "phone1value", CRM_FIELD_PHONE },
  { "рабочийтелефон", CRM_FIELD_PHONE_WORK }, { "телефонрабочий", CRM_FIELD_PHONE_WORK },
  { "рабтел", CRM_FIELD_PHONE_WORK }, { "рабтелефон", CRM_FIELD_PHONE_WORK },
  { "workphone", CRM_FIELD_PHONE_WORK }, { "businessphone", CRM_FIELD_PHONE_WORK },
  { "officephone", CRM_FIELD_PHONE_WORK },
  { "мобильный", CRM_FIELD_PHONE_MOBILE }, { "мобильныйтелефон", CRM_FIELD_PHONE_MOBILE },
  { "телефонмобильный", CRM_FIELD_PHONE_MOBILE }, { "моб", CRM_FIELD_PHONE_MOBILE },
  { "мобтел", CRM_FIELD_PHONE_MOBILE }, { "мобтелефон", CRM_FIELD_PHONE_MOBILE },
  { "сотовый", CRM_FIELD_PHONE_MOBILE }, { "сотовыйтелефон", CRM_FIELD_PHONE_MOBILE },
  { "сот", CRM_FIELD_PHONE_MOBILE }, { "mobile", CRM_FIELD_PHONE_MOBILE },
  { "mobilephone", CRM_FIELD_PHONE_MOBILE }, { "mobilenumber", CRM_FIELD_PHONE_MOBILE },
  { "cell", CRM_FIELD_PHONE_MOBILE }, { "cellphone", CRM_FIELD_PHONE_MOBILE },
  { "домашнийтелефон", CRM_FIELD_PHONE_HOME }, { "телефондомашний", CRM_FIELD_PHONE_HOME },
  { "домтел", CRM_FIELD_PHONE_HOME }, { "homephone", CRM_FIELD_PHONE_HOME },
  /* E-mail ("еmail" begins with a Cyrillic е) */
  { "email", CRM_FIELD_EMAIL }, { "еmail", CRM_FIELD_EMAIL }, { "емейл", CRM_FIELD_EMAIL },
  { "емайл", CRM_FIELD_EMAIL }, { "имейл", CRM_FIELD_EMAIL }, { "эмейл", CRM_FIELD_EMAIL },
  { "почта", CRM_FIELD_EMAIL }, { "элпочта", CRM_FIELD_EMAIL }, { "электроннаяпочта", CRM_FIELD_EMAIL },
  { "адресэлектроннойпочты", CRM_FIELD_EMAIL }, { "mail", CRM_FIELD_EMAIL },
  { "emailaddress", CRM_FIELD_EMAIL }, { "email1value", CRM_FIELD_EMAIL },
  { "еmailaddress", CRM_FIELD_EMAIL },
  /* Company and job */
  { "компания", CRM_FIELD_COMPANY }, { "организация", CRM_FIELD_COMPANY },
  { "названиекомпании", CRM_FIELD_COMPANY }, { "названиеорганизации", CRM_FIELD_COMPANY },
  { "наименование", CRM_FIELD_COMPANY }, { "наименованиеорганизации", CRM_FIELD_COMPANY },
  { "контрагент", CRM_FIELD_COMPANY }, { "юрлицо", CRM_FIELD_COMPANY },
  { "company", CRM_FIELD_COMPANY }, { "companyname", CRM_FIELD_COMPANY },
  { "organization", CRM_FIELD_COMPANY }, { "organisation", CRM_FIELD_COMPANY },
  { "account", CRM_FIELD_COMPANY }, { "accountname", CRM_FIELD_COMPANY },
  { "organization1name", CRM_FIELD_COMPANY },
  { "должность", CRM_FIELD_JOB_TITLE }, { "jobtitle", CRM_FIELD_JOB_TITLE },
  { "title", CRM_FIELD_JOB_TITLE }, { "position", CRM_FIELD_JOB_TITLE },
  { "organization1title", CRM_FIELD_JOB_TITLE },
  /* Source, notes, request */
  { "источник", CRM_FIELD_CHANNEL }, { "канал", CRM_FIELD_CHANNEL },
  { "источникзаявки", CRM_FIELD_CHANNEL }, { "источниклида", CRM_FIELD_CHANNEL },
  { "source", CRM_FIELD_CHANNEL }, { "channel", CRM_FIELD_CHANNEL }, { "leadsource", CRM_FIELD_CHANNEL },
  { "комментарий", CRM_FIELD_NOTE }, { "комментарии", CRM_FIELD_NOTE }, { "примечание", CRM_FIELD_NOTE },
  { "примечания", CRM_FIELD_NOTE }, { "заметки", CRM_FIELD_NOTE }, { "заметка", CRM_FIELD_NOTE },
  { "comment", CRM_FIELD_NOTE }, { "comments", CRM_FIELD_NOTE }, { "note", CRM_FIELD_NOTE },
  { "notes", CRM_FIELD_NOTE }, { "description", CRM_FIELD_NOTE },
  { "запрос", CRM_FIELD_REQUEST }, { "заявка", CRM_FIELD_REQUEST }, { "сообщение", CRM_FIELD_REQUEST },
  { "текстзаявки", CRM_FIELD_REQUEST }, { "текстсообщения", CRM_FIELD_REQUEST },
  { "request", CRM_FIELD_REQUEST }, { "message", CRM_FIELD_REQUEST },
  /* Requisites */
  { "инн", CRM_FIELD_INN }, { "inn", CRM_FIELD_INN }, { "tin", CRM_FIELD_INN }, { "taxid", CRM_FIELD_INN },
  { "кпп", CRM_FIELD_KPP }, { "kpp", CRM_FIELD_KPP },
  { "огрн", CRM_FIELD_OGRN }, { "огрнип", CRM_FIELD_OGRN }, { "ogrn", CRM_FIELD_OGRN },
  { "ogrnip", CRM_FIELD_OGRN },
  /* Places */
  { "адрес", CRM_FIELD_ADDRESS }, { "юридическийадрес", CRM_FIELD_ADDRESS },
  { "фактическийадрес", CRM_FIELD_ADDRESS }, { "почтовыйадрес", CRM_FIELD_ADDRESS },
  { "юрадрес", CRM_FIELD_ADDRESS }, { "address", CRM_FIELD_ADDRESS },
  { "streetaddress", CRM_FIELD_ADDRESS }, { "businessaddress", CRM_FIELD_ADDRESS },
  { "город", CRM_FIELD_CITY }, { "населенныйпункт", CRM_FIELD_CITY }, { "city", CRM_FIELD_CITY },
  { "town", CRM_FIELD_CITY },
  { "сайт", CRM_FIELD_WEBSITE }, { "вебсайт", CRM_FIELD_WEBSITE }, { "website", CRM_FIELD_WEBSITE },
  { "web", CRM_FIELD_WEBSITE }, { "webpage", CRM_FIELD_WEBSITE }, { "homepage", CRM_FIELD_WEBSITE },
  { "url", CRM_FIELD_WEBSITE }, { "site", CRM_FIELD_WEBSITE },
  /* Marketing */
  { "utmsource", CRM_FIELD_UTM_SOURCE }, { "utmmedium", CRM_FIELD_UTM_MEDIUM },
  { "utmcampaign", CRM_FIELD_UTM_CAMPAIGN }, { "utmcontent", CRM_FIELD_UTM_CONTENT },
  { "utmterm", CRM_FIELD_UTM_TERM },
  /* Deal */
  { "датасоздания", CRM_FIELD_CREATED }, { "создан", CRM_FIELD_CREATED }, { "создано", CRM_FIELD_CREATED },
  { "создана", CRM_FIELD_CREATED }, { "дата", CRM_FIELD_CREATED }, { "датазаявки", CRM_FIELD_CREATED },
  { "датаобращения", CRM_FIELD_CREATED }, { "датадобавления", CRM_FIELD_CREATED },
  { "created", CRM_FIELD_CREATED }, { "createdat", CRM_FIELD_CREATED }, { "date", CRM_FIELD_CREATED },
  { "datecreated", CRM_FIELD_CREATED }, { "createddate", CRM_FIELD_CREATED },
  { "creationdate", CRM_FIELD_CREATED },
  { "бюджет", CRM_FIELD_VALUE }, { "сумма", CRM_FIELD_VALUE }, { "суммасделки", CRM_FIELD_VALUE },
  { "суммазаказа", CRM_FIELD_VALUE }, { "стоимость", CRM_FIELD_VALUE },
  { "budget", CRM_FIELD_VALUE }, { "amount", CRM_FIELD_VALUE }, { "value", CRM_FIELD_VALUE },
  { "dealvalue", CRM_FIELD_VALUE },
  { "температура", CRM_FIELD_TEMPERATURE }, { "temperature", CRM_FIELD_TEMPERATURE },
  { "этап", CRM_FIELD_STAGE }, { "стадия", CRM_FIELD_STAGE }, { "статус", CRM_FIELD_STAGE },
  { "этапсделки", CRM_FIELD_STAGE }, { "статуслида", CRM_FIELD_STAGE },
  { "stage", CRM_FIELD_STAGE }, { "status", CRM_FIELD_STAGE }, { "leadstatus", CRM_FIELD_STAGE },
  { "dealstage", CRM_FIELD_STAGE },
  { "ответственный", CRM_FIELD_OWNER }, { "менеджер", CRM_FIELD_OWNER },
  { "ответственныйменеджер", CRM_FIELD_OWNER }, { "owner", CRM_FIELD_OWNER },
  { "responsible", CRM_FIELD_OWNER }, { "manager", CRM_FIELD_OWNER }, { "assignedto", CRM_FIELD_OWNER },
  { "id", CRM_FIELD_ID },
};

/**
 * crm_field_get_key:
 * @field: a field
 *
 * Returns: the field's stable ASCII key ("fio", "phone_work", …) used in
 *   mappings, reports and the command line; "" for %CRM_FIELD_NONE
 */
const char *
crm_field_get_key (CrmField field)
{
  g_return_val_if_fail ((guint) field < CRM_N_FIELDS, "");

  return fields[field].key;
}

/**
 * crm_field_get_label:
 * @field: a field
 *
 * Returns: the field's name for people, translated; exports use it as the
 *   column header, and crm_field_guess() maps it back. "" for
 *   %CRM_FIELD_NONE
 */
const char *
crm_field_get_label (CrmField field)
{
  g_return_val_if_fail ((guint) field < CRM_N_FIELDS, "");

  if (fields[field].label == NULL)
    return "";
  if (g_str_has_prefix (fields[field].label, "utm_") || field == CRM_FIELD_ID)
    return fields[field].label;
  return _(fields[field].label);
}

/**
 * crm_field_temperature_label:
 * @temperature: (nullable): "hot", "warm" or "cold", as the leads table
 *   stores it
 *
 * The one place a lead's temperature gets its name for people: lists,
 * cards, the board and exports all show it.
 *
 * Returns: (nullable): the translated name, %NULL when not set or unknown
 */
const char *
crm_field_temperature_label (const char *temperature)
{
  if (g_strcmp0 (temperature, "hot") == 0)
    return C_("temperature", "Hot");
  if (g_strcmp0 (temperature, "warm") == 0)
    return C_("temperature", "Warm");
  if (g_strcmp0 (temperature, "cold") == 0)
    return C_("temperature", "Cold");
  return NULL;
}

/**
 * crm_field_from_key:
 * @key: (nullable): a key as crm_field_get_key() returns it, in any case
 *
 * Returns: the field, %CRM_FIELD_NONE for an unknown key
 */
CrmField
crm_field_from_key (const char *key)
{
  if (key == NULL || *key == '\0')
    return CRM_FIELD_NONE;
  for (guint i = 1; i < CRM_N_FIELDS; i++)
    if (g_ascii_strcasecmp (fields[i].key, key) == 0)
      return i;
  return CRM_FIELD_NONE;
}

/* Folded, with only letters and digits left. */
static char *
header_key (const char *header)
{
  g_autofree char *folded = crm_text_fold (header);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

static CrmField
lookup_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (aliases[i].header, key) == 0)
      return aliases[i].field;

  /* Our own export headers, in the language they were written in. */
  for (guint i = 1; i < CRM_N_FIELDS; i++)
    {
      g_autofree char *label = header_key (crm_field_get_label (i));
      g_autofree char *english = header_key (fields[i].label);

      if (strcmp (label, key) == 0 || strcmp (english, key) == 0)
        return i;
    }
  return CRM_FIELD_NONE;
}

/**
 * crm_field_guess:
 * @header: (nullable): a column header
 *
 * Maps a Russian or English header to a field, ignoring case, ё, spaces,
 * punctuation, a byte order mark, quotes and marks such as `*` and `:`;
 * numbered columns ("Телефон 2", "E-mail 3") map like the plain header,
 * and our translated export labels map back too. "Имя" gives
 * %CRM_FIELD_FIRST_NAME; crm_field_guess_all() makes it the full name when
 * there is no last-name column.
 *
 * Returns: the field, %CRM_FIELD_NONE when unknown
 */
CrmField
crm_field_guess (const char *header)
{
  g_autofree char *key = NULL;
  CrmField field;
  gsize len;

  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    return CRM_FIELD_NONE;
  key = header_key (header);
  if (*key == '\0')
    return CRM_FIELD_NONE;

  if ((field = lookup_key (key)) != CRM_FIELD_NONE)
    return field;

  /* "Телефон 2", "Phone1": the digits number the column. */
  len = strlen (key);
  while (len > 0 && g_ascii_isdigit (key[len - 1]))
    len--;
  if (len > 0 && key[len] != '\0')
    {
      key[len] = '\0';
      return lookup_key (key);
    }
  return CRM_FIELD_NONE;
}

/**
 * crm_field_guess_all:
 * @headers: (array length=n): the header row
 * @n: its length
 *
 * Guesses every column. "Имя" with neither a last-name nor a full-name
 * column is the whole name. Phones, e-mails, notes and requests may map
 * several columns each; any other field maps once, the first column wins
 * and the others are left unmapped.
 *
 * Returns: (transfer full) (array length=n): a field per column, free with
 *   g_free()
 */
CrmField *
crm_field_guess_all (const char *const *headers,
                     guint              n)
{
  CrmField *out = g_new0 (CrmField, MAX (n, 1));
  gboolean has_last = FALSE;
  gboolean has_fio = FALSE;
  gboolean seen[CRM_N_FIELDS] = { FALSE };

  g_return_val_if_fail (headers != NULL || n == 0, out);

  for (guint i = 0; i < n; i++)
    {
      out[i] = crm_field_guess (headers[i]);
      has_last |= out[i] == CRM_FIELD_LAST_NAME;
      has_fio |= out[i] == CRM_FIELD_FIO;
    }
  for (guint i = 0; i < n; i++)
    {
      if (out[i] == CRM_FIELD_FIRST_NAME && !has_last && !has_fio)
        out[i] = CRM_FIELD_FIO;

      switch (out[i])
        {
        case CRM_FIELD_PHONE:
        case CRM_FIELD_PHONE_WORK:
        case CRM_FIELD_PHONE_MOBILE:
        case CRM_FIELD_PHONE_HOME:
        case CRM_FIELD_EMAIL:
        case CRM_FIELD_NOTE:
        case CRM_FIELD_REQUEST:
        case CRM_FIELD_NONE:
        case CRM_N_FIELDS:
          break;
        default:
          if (seen[out[i]])
            out[i] = CRM_FIELD_NONE;
          else
            seen[out[i]] = TRUE;
          break;
        }
    }
  return out;
}

/* The column a mapping names: a 1-based number, the header as written, or
 * the header as crm_field_guess() compares them. */
static gint
find_column (const char        *column,
             const char *const *headers,
             guint              n)
{
  g_autofree char *want = NULL;
  guint64 number;

  if (g_ascii_string_to_unsigned (column, 10, 1, n, &number, NULL))
    return (gint) number - 1;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *have = g_strstrip (g_strdup (headers[i] != NULL ? headers[i] : ""));

      if (strcmp (have, column) == 0)
        return i;
    }
  want = header_key (column);
  if (*want == '\0')
    return -1;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *have = header_key (headers[i] != NULL ? headers[i] : "");

      if (strcmp (have, want) == 0)
        return i;
    }
  return -1;
}

/**
 * crm_field_parse_mapping:
 * @spec: "Header=field,3=phone,…": a header (as written, or as
 *   crm_field_guess() compares them) or a 1-based column number, `=`, then
 *   a field key from crm_field_get_key(), or "skip" to leave it unmapped
 * @headers: (array length=n): the header row
 * @n: its length
 * @out: (out) (transfer full) (array length=n): a field per column, free
 *   with g_free()
 * @error: return location for a #GError
 *
 * Columns the spec does not name are guessed with crm_field_guess_all().
 *
 * Returns: %TRUE on success; %FALSE with %CRM_PARSE_ERROR_HEADER naming an
 *   unknown field key, a column the file does not have, or a pair that is
 *   not COLUMN=FIELD
 */
gboolean
crm_field_parse_mapping (const char         *spec,
                         const char *const  *headers,
                         guint               n,
                         CrmField          **out,
                         GError            **error)
{
  g_autofree CrmField *fields_out = NULL;
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (headers != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fields_out = crm_field_guess_all (headers, n);
  pairs = g_strsplit (spec, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      char *eq = strrchr (pair, '=');
      const char *column;
      const char *key;
      CrmField field;
      gint index;

      if (*pair == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER,
                       _("Mapping “%s”: write COLUMN=FIELD"), pair);
          return FALSE;
        }
      *eq = '\0';
      column = g_strstrip (pair);
      key = g_strstrip (eq + 1);

      if (*key == '\0' || g_ascii_strcasecmp (key, "skip") == 0 || g_ascii_strcasecmp (key, "none") == 0)
        field = CRM_FIELD_NONE;
      else if ((field = crm_field_from_key (key)) == CRM_FIELD_NONE)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER,
                       _("Mapping: unknown field “%s”"), key);
          return FALSE;
        }

      if ((index = find_column (column, headers, n)) < 0)
        {
          g_set_error (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER,
                       _("Mapping: the file has no column “%s”"), column);
          return FALSE;
        }
      fields_out[index] = field;
    }

  *out = g_steal_pointer (&fields_out);
  return TRUE;
}
