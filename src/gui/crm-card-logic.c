/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-card-logic"

#include "config.h"

#include "crm-card-logic.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-dedupe.h"
#include "crm-fields.h"
#include "crm-phone.h"
#include "crm-record.h"
#include "crm-requisites.h"
#include "crm-settings.h"
#include "crm-text.h"
#include "crm-validate.h"

struct _CrmCardValidation
{
  GHashTable *errors;
};

/**
 * crm_card_reason:
 * @message: a core validator's message, "Field: reason"
 *
 * Returns: (transfer full): the reason alone, capitalised, for the line
 *   under the field that already names itself
 */
char *
crm_card_reason (const char *message)
{
  const char *colon;
  const char *reason;
  g_autofree char *first = NULL;

  if (message == NULL)
    return NULL;
  colon = strstr (message, ": ");
  reason = colon != NULL ? colon + 2 : message;
  if (*reason == '\0')
    return g_strdup (message);
  first = g_utf8_strup (reason, g_utf8_next_char (reason) - reason);
  return g_strconcat (first, g_utf8_next_char (reason), NULL);
}

/**
 * crm_card_check:
 * @check: what the field holds
 * @value: (nullable): its text
 * @region: (nullable): the workspace region for phones ("RU")
 *
 * Returns: (transfer full) (nullable): %NULL when @value is fine (blank is
 *   fine but for %CRM_CHECK_REQUIRED), else why not
 */
char *
crm_card_check (CrmCheck    check,
                const char *value,
                const char *region)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *digits = NULL;
  gboolean ok = TRUE;

  if (check == CRM_CHECK_REQUIRED)
    return crm_text_is_blank (value) ? g_strdup (_("Required")) : NULL;
  if (crm_text_is_blank (value) || check == CRM_CHECK_NONE)
    return NULL;

  if (check == CRM_CHECK_INN || check == CRM_CHECK_KPP ||
      check == CRM_CHECK_OGRN || check == CRM_CHECK_OKPO)
    {
      GString *d = g_string_new (NULL);
      for (const char *p = value; *p; p++)
        if (!g_ascii_isspace (*p) && *p != '-')
          g_string_append_c (d, *p);
      digits = g_string_free (d, FALSE);
    }

  switch (check)
    {
    case CRM_CHECK_PHONE:
      ok = crm_phone_normalize (value, region, &out1, &out2, &error);
      break;
    case CRM_CHECK_EMAIL:
      ok = crm_email_normalize (value, &out1, &error);
      break;
    case CRM_CHECK_INN:
      ok = crm_inn_validate (digits, &error);
      break;
    case CRM_CHECK_KPP:
      ok = crm_kpp_validate (digits, &error);
      break;
    case CRM_CHECK_OGRN:
      ok = crm_ogrn_any_validate (digits, &error);
      break;
    case CRM_CHECK_OKPO:
      ok = crm_okpo_validate (digits, &error);
      break;
    case CRM_CHECK_MONEY:
      {
        gint64 minor;
        if (!crm_money_parse (value, &minor))
          return g_strdup (_("Enter an amount, like 150 000 or 1500.50"));
      }
      break;
    case CRM_CHECK_URL:
      if (strchr (value, ' ') != NULL || strchr (value, '.') == NULL)
        return g_strdup (_("Enter a web address, like example.ru"));
      break;
    case CRM_CHECK_NONE:
    case CRM_CHECK_REQUIRED:
    default:
      break;
    }

  if (ok)
    return NULL;
  return crm_card_reason (error != NULL ? error->message : NULL);
}

CrmCardValidation *
crm_card_validation_new (void)
{
  CrmCardValidation *v = g_new0 (CrmCardValidation, 1);

  v->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return v;
}

void
crm_card_validation_free (CrmCardValidation *v)
{
  if (v == NULL)
    return;
  g_hash_table_unref (v->errors);
  g_free (v);
}

/**
 * crm_card_validation_update:
 * @v: the form's validation state
 * @field: a field key (a column, or "phones/3")
 * @check: what it holds
 * @value: its current text
 * @region: the workspace region
 *
 * Returns: whether @field is now valid
 */
gboolean
crm_card_validation_update (CrmCardValidation *v,
                            const char        *field,
                            CrmCheck           check,
                            const char        *value,
                            const char        *region)
{
  char *message = crm_card_check (check, value, region);

  if (message == NULL)
    {
      g_hash_table_remove (v->errors, field);
      return TRUE;
    }
  g_hash_table_replace (v->errors, g_strdup (field), message);
  return FALSE;
}

const char *
crm_card_validation_message (CrmCardValidation *v,
                             const char        *field)
{
  return g_hash_table_lookup (v->errors, field);
}

gboolean
crm_card_validation_is_valid (CrmCardValidation *v)
{
  return g_hash_table_size (v->errors) == 0;
}

guint
crm_card_validation_n_errors (CrmCardValidation *v)
{
  return g_hash_table_size (v->errors);
}

/**
 * crm_card_tel_uri:
 * @raw: a phone as typed
 * @region: the workspace region
 *
 * Returns: (transfer full) (nullable): "tel:+79123456789" (with
 *   ";ext=123"), or %NULL for a phone that does not parse
 */
char *
crm_card_tel_uri (const char *raw,
                  const char *region)
{
  g_autofree char *e164 = NULL;
  g_autofree char *ext = NULL;

  if (crm_text_is_blank (raw) || !crm_phone_normalize (raw, region, &e164, &ext, NULL) || e164 == NULL)
    return NULL;
  if (ext != NULL && *ext != '\0')
    return g_strdup_printf ("tel:%s;ext=%s", e164, ext);
  return g_strdup_printf ("tel:%s", e164);
}

char *
crm_card_mailto_uri (const char *raw)
{
  g_autofree char *normalized = NULL;
  g_autofree char *escaped = NULL;

  if (crm_text_is_blank (raw) || !crm_email_normalize (raw, &normalized, NULL) || normalized == NULL)
    return NULL;
  escaped = g_uri_escape_string (normalized, "@.+", FALSE);
  return g_strdup_printf ("mailto:%s", escaped);
}

char *
crm_card_format_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d.%m.%Y %H:%M");
}

const char *
crm_card_field_label (const char *column)
{
  static const struct { const char *column; const char *label; } labels[] = {
    { "full_name", N_("Name") },
    { "last_name", N_("Last name") },
    { "first_name", N_("First name") },
    { "middle_name", N_("Middle name") },
    { "company", N_("Company") },
    { "job_title", N_("Job title") },
    { "website", N_("Website") },
    { "city", N_("City") },
    { "channel_id", N_("Channel") },
    { "utm_source", N_("UTM source") },
    { "utm_medium", N_("UTM medium") },
    { "utm_campaign", N_("UTM campaign") },
    { "utm_content", N_("UTM content") },
    { "utm_term", N_("UTM term") },
    { "request", N_("Request") },
    { "note", N_("Note") },
    { "stage_id", N_("Stage") },
    { "pipeline_id", N_("Pipeline") },
    { "temperature", N_("Temperature") },
    { "bant_budget", N_("Budget") },
    { "bant_authority", N_("Authority") },
    { "bant_need", N_("Need") },
    { "bant_timeline", N_("Timeline") },
    { "value", N_("Deal value") },
    { "owner_id", N_("Owner") },
    { "first_response_ms", N_("First response") },
    { "converted_ms", N_("Converted") },
    { "client_id", N_("Client") },
    { "contact_id", N_("Contact") },
    { "lost_reason", N_("Refusal reason") },
    { "lost_ms", N_("Refused") },
    { "phone", N_("Phone") },
    { "email", N_("E-mail") },
    { "name", N_("Name") },
    { "legal_name", N_("Legal name") },
    { "kind", N_("Kind") },
    { "inn", N_("INN") },
    { "kpp", N_("KPP") },
    { "ogrn", N_("OGRN") },
    { "okpo", N_("OKPO") },
    { "address", N_("Address") },
    { "lead_id", N_("Lead") },
    { "score", N_("Score") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].column, column) == 0)
      return _(labels[i].label);
  return column != NULL ? column : "";
}

static const char *const temperatures[] = { "hot", "warm", "cold", NULL };

const char *const *
crm_card_temperatures (void)
{
  return temperatures;
}

const char *
crm_card_temperature_label (const char *temperature)
{
  const char *label = crm_field_temperature_label (temperature);

  return label != NULL ? label : C_("temperature", "Not set");
}

static const char *const phone_labels[] = { "mobile", "work", "home", "other", NULL };
static const char *const email_labels[] = { "work", "personal", "other", NULL };

const char *const *
crm_card_address_labels (const char *tbl)
{
  return g_strcmp0 (tbl, "phones") == 0 ? phone_labels : email_labels;
}

const char *
crm_card_address_label (const char *label)
{
  if (g_strcmp0 (label, "mobile") == 0)
    return C_("phone", "Mobile");
  if (g_strcmp0 (label, "work") == 0)
    return C_("phone", "Work");
  if (g_strcmp0 (label, "home") == 0)
    return C_("phone", "Home");
  if (g_strcmp0 (label, "personal") == 0)
    return C_("email", "Personal");
  return C_("phone", "Other");
}

char *
crm_card_duplicate_title (const char *display_name,
                          guint       n_more)
{
  const char *name = !crm_text_is_blank (display_name) ? display_name : _("Unnamed");

  if (n_more == 0)
    return g_strdup_printf (_("Possible duplicate: %s"), name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Possible duplicate: %s and %u more",
                                       "Possible duplicate: %s and %u more", n_more),
                          name, n_more);
}

/**
 * crm_card_history_line:
 *
 * Returns: (transfer full): "Phone: +7 912 … → +7 913 …", "Created", …
 */
char *
crm_card_history_line (const char *op,
                       const char *field,
                       const char *old_value,
                       const char *new_value)
{
  if (g_strcmp0 (op, "create") == 0)
    return g_strdup (C_("history", "Created"));
  if (g_strcmp0 (op, "delete") == 0)
    return g_strdup (C_("history", "Deleted"));
  if (g_strcmp0 (op, "restore") == 0)
    return g_strdup (C_("history", "Restored"));
  if (g_strcmp0 (op, "merge") == 0 && field == NULL)
    return g_strdup (C_("history", "Merged"));
  if (g_strcmp0 (op, "unmerge") == 0 && field == NULL)
    return g_strdup (C_("history", "Merge undone"));
  if (field == NULL)
    return g_strdup (op != NULL ? op : "");
  if (old_value == NULL)
    return g_strdup_printf (_("%s: set to “%s”"), crm_card_field_label (field),
                            new_value != NULL ? new_value : "");
  if (new_value == NULL)
    return g_strdup_printf (_("%s: “%s” removed"), crm_card_field_label (field), old_value);
  return g_strdup_printf (_("%s: “%s” → “%s”"), crm_card_field_label (field), old_value, new_value);
}

/**
 * crm_card_format_delay:
 * @ms: a duration
 *
 * Returns: (transfer full): "4 min", "2 h 5 min", "3 days" after the fact
 */
char *
crm_card_format_delay (gint64 ms)
{
  gint64 minutes = MAX (ms, 0) / 60000;

  if (minutes < 1)
    return g_strdup (_("under a minute"));
  if (minutes < 60)
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes < 24 * 60)
    {
      if (minutes % 60 == 0)
        return g_strdup_printf (_("%d h"), (int) (minutes / 60));
      return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", minutes / (24 * 60)),
                          (int) (minutes / (24 * 60)));
}

const char *
crm_card_temperature_class (const char *temperature)
{
  if (g_strcmp0 (temperature, "hot") == 0)
    return "error";
  if (g_strcmp0 (temperature, "warm") == 0)
    return "warning";
  if (g_strcmp0 (temperature, "cold") == 0)
    return "accent";
  return NULL;
}

/**
 * crm_card_drop_own_links:
 * @store: a #CrmStore
 * @record: (nullable): the card's record
 * @duplicates: (element-type CrmDuplicate): candidates to filter in place
 *
 * A converted lead shares its phones with the contact and client made of
 * it: those are its own, not duplicates.
 */
void
crm_card_drop_own_links (CrmStore  *store,
                         CrmRecord *record,
                         GPtrArray *duplicates)
{
  if (record == NULL || duplicates == NULL)
    return;
  for (guint i = duplicates->len; i > 0; i--)
    {
      CrmDuplicate *d = g_ptr_array_index (duplicates, i - 1);

      if (g_strcmp0 (d->id, crm_record_get_text (record, "client_id")) == 0 ||
          g_strcmp0 (d->id, crm_record_get_text (record, "contact_id")) == 0 ||
          g_strcmp0 (d->id, crm_record_get_text (record, "lead_id")) == 0)
        g_ptr_array_remove_index (duplicates, i - 1);
    }
}
