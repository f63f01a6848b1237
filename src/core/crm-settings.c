/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-settings"

#include "config.h"

#include "crm-settings.h"
#include "crm-store-private.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "crm-text.h"

/* The rules behind the Preferences window: what a valid region, currency,
 * time zone, work time and SLA are, and the channels with their monthly
 * spend (for cost per lead). Every change is a settings or channels row
 * written through crm_store_apply(), so it has history and syncs. */

void
crm_channel_info_free (CrmChannelInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->name);
  g_free (info->kind);
  g_free (info);
}

static gboolean
is_upper_code (const char *s,
               guint       len)
{
  if (s == NULL || strlen (s) != len)
    return FALSE;
  for (guint i = 0; i < len; i++)
    if (!g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * crm_settings_set_region:
 * @store: a #CrmStore
 * @region: an ISO 3166 country code ("RU")
 * @error: return location for a #GError
 *
 * The country phone numbers without a country code belong to. Takes
 * effect at once for this connection's phone normalization.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_settings_set_region (CrmStore    *store,
                         const char  *region,
                         GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!is_upper_code (region, 2))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Region: “%s” is not a two-letter country code"), region ? region : "");
      return FALSE;
    }
  if (!crm_store_set_setting (store, "region", region, error))
    return FALSE;
  crm_store_set_region_cached (store, region);
  return TRUE;
}

gboolean
crm_settings_set_currency (CrmStore    *store,
                           const char  *currency,
                           GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!is_upper_code (currency, 3))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Currency: “%s” is not a three-letter ISO code"), currency ? currency : "");
      return FALSE;
    }
  return crm_store_set_setting (store, "currency", currency, error);
}

/**
 * crm_settings_get_timezone:
 * @store: a #CrmStore
 *
 * The office's time zone, which "today", work hours, due times, monthly
 * spend and dates without a zone in imported files are all read in. A new
 * workspace gets this PC's zone; an unset or unknown one falls back to it.
 *
 * Returns: (transfer full): the workspace time zone
 */
GTimeZone *
crm_settings_get_timezone (CrmStore *store)
{
  g_autofree char *id = NULL;
  GTimeZone *tz = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), g_time_zone_new_local ());

  id = crm_store_get_setting (store, "timezone");
  if (id != NULL && *id != '\0')
    tz = g_time_zone_new_identifier (id);
  return tz != NULL ? tz : g_time_zone_new_local ();
}

gboolean
crm_settings_set_timezone (CrmStore    *store,
                           const char  *tz_id,
                           GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (tz_id == NULL || *tz_id == '\0' || !(tz = g_time_zone_new_identifier (tz_id)))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Time zone: “%s” is not known"), tz_id ? tz_id : "");
      return FALSE;
    }
  return crm_store_set_setting (store, "timezone", tz_id, error);
}

/**
 * crm_settings_parse_minutes:
 * @text: a time of day, "9:00" or "18:30"
 * @minutes: (out): minutes since midnight
 *
 * Returns: %TRUE if @text is a time of day (24:00 allowed, as an end)
 */
gboolean
crm_settings_parse_minutes (const char *text,
                            guint      *minutes)
{
  guint64 h, m;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ":", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 24, &h, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL) ||
      strlen (parts[1]) != 2 || (h == 24 && m != 0))
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

char *
crm_settings_format_minutes (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

void
crm_settings_get_work_hours (CrmStore *store,
                             guint    *start_minutes,
                             guint    *end_minutes)
{
  g_autofree char *start = crm_store_get_setting (store, "work_hours_start");
  g_autofree char *end = crm_store_get_setting (store, "work_hours_end");

  if (!crm_settings_parse_minutes (start, start_minutes))
    *start_minutes = 9 * 60;
  if (!crm_settings_parse_minutes (end, end_minutes))
    *end_minutes = 18 * 60;
}

/**
 * crm_settings_set_work_hours:
 * @store: a #CrmStore
 * @start_minutes: when the working day starts, minutes since midnight
 * @end_minutes: when it ends; later than the start
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_settings_set_work_hours (CrmStore    *store,
                             guint        start_minutes,
                             guint        end_minutes,
                             GError     **error)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (end_minutes > 24 * 60 || start_minutes >= end_minutes)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Work hours: the day must end after it starts"));
      return FALSE;
    }
  start = crm_settings_format_minutes (start_minutes);
  end = crm_settings_format_minutes (end_minutes);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!crm_store_set_setting (store, "work_hours_start", start, error) ||
      !crm_store_set_setting (store, "work_hours_end", end, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

/**
 * crm_settings_get_work_days:
 * @store: a #CrmStore
 *
 * Returns: bit 0 for Monday … bit 6 for Sunday
 */
guint8
crm_settings_get_work_days (CrmStore *store)
{
  g_autofree char *text = crm_store_get_setting (store, "work_days");
  g_auto(GStrv) days = NULL;
  guint8 mask = 0;

  if (text == NULL)
    return 0x1f;
  days = g_strsplit (text, ",", -1);
  for (guint i = 0; days[i] != NULL; i++)
    {
      guint64 d;

      if (g_ascii_string_to_unsigned (g_strstrip (days[i]), 10, 1, 7, &d, NULL))
        mask |= 1 << (d - 1);
    }
  return mask;
}

gboolean
crm_settings_set_work_days (CrmStore  *store,
                            guint8     days_mask,
                            GError   **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if ((days_mask & 0x7f) == 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Work days: choose at least one day"));
      return FALSE;
    }
  for (guint d = 0; d < 7; d++)
    if (days_mask & (1 << d))
      g_string_append_printf (text, "%s%u", text->len > 0 ? "," : "", d + 1);
  return crm_store_set_setting (store, "work_days", text->str, error);
}

guint
crm_settings_get_sla_minutes (CrmStore *store)
{
  g_autofree char *text = crm_store_get_setting (store, "first_response_sla_minutes");
  guint64 minutes;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 7 * 24 * 60, &minutes, NULL))
    return 15;
  return minutes;
}

/**
 * crm_settings_set_sla_minutes:
 * @store: a #CrmStore
 * @minutes: how soon a new lead must get its first answer (1 minute to a week)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_settings_set_sla_minutes (CrmStore  *store,
                              guint      minutes,
                              GError   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (minutes < 1 || minutes > 7 * 24 * 60)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("First response: between 1 minute and a week"));
      return FALSE;
    }
  text = g_strdup_printf ("%u", minutes);
  return crm_store_set_setting (store, "first_response_sla_minutes", text, error);
}

/**
 * crm_settings_data_version:
 * @store: a #CrmStore
 *
 * A number that changes when another connection (voronka-cli, another
 * window, sync) commits to the workspace file; Preferences compares it to
 * notice settings changed elsewhere. Writes through @store itself do not
 * change it.
 *
 * Returns: SQLite's data version of the file, or -1
 */
gint64
crm_settings_data_version (CrmStore *store)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  if (!(stmt = crm_store_stmt (store, "PRAGMA data_version", NULL)))
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/**
 * crm_settings_list_timezones:
 * @tzdir: (nullable): the zoneinfo directory, %NULL for $TZDIR or
 *   /usr/share/zoneinfo
 *
 * The time zones an office may be in, from the system's zone.tab: for
 * choosing one that a short list does not offer.
 *
 * Returns: (transfer full): their identifiers ("Europe/Moscow"), sorted,
 *   with "UTC"; just "UTC" when the table cannot be read
 */
GStrv
crm_settings_list_timezones (const char *tzdir)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (tzdir == NULL)
    tzdir = g_getenv ("TZDIR") != NULL ? g_getenv ("TZDIR") : "/usr/share/zoneinfo";
  path = g_build_filename (tzdir, "zone.tab", NULL);
  g_ptr_array_add (ids, g_strdup ("UTC"));
  if (g_file_get_contents (path, &text, NULL, NULL))
    lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      cols = g_strsplit (lines[i], "\t", 4);
      /* country, coordinates, zone, comment */
      if (g_strv_length (cols) >= 3 && strchr (cols[2], '/') != NULL &&
          !g_ptr_array_find_with_equal_func (ids, cols[2], g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (g_strstrip (cols[2])));
    }
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/* ---- channels ---- */

static gboolean
valid_month (const char *month)
{
  guint64 m;

  return month != NULL && strlen (month) == 7 && month[4] == '-' &&
         g_ascii_isdigit (month[0]) && g_ascii_isdigit (month[1]) &&
         g_ascii_isdigit (month[2]) && g_ascii_isdigit (month[3]) &&
         g_ascii_string_to_unsigned (month + 5, 10, 1, 12, &m, NULL);
}

/* The first and the last millisecond + 1 of a "YYYY-MM" month in the
 * workspace's time zone. */
static gboolean
month_range (CrmStore   *store,
             const char *month,
             gint64     *from,
             gint64     *to)
{
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (store);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int year, mon;

  if (!valid_month (month))
    return FALSE;
  year = atoi (month);
  mon = atoi (month + 5);
  start = g_date_time_new (tz, year, mon, 1, 0, 0, 0);
  end = start != NULL ? g_date_time_add_months (start, 1) : NULL;
  if (end == NULL)
    return FALSE;
  *from = g_date_time_to_unix (start) * 1000;
  *to = g_date_time_to_unix (end) * 1000;
  return TRUE;
}

/**
 * crm_channels_list:
 * @store: a #CrmStore
 * @month: (nullable): "YYYY-MM" whose spend and leads to count
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmChannelInfo): the live
 *   channels in their order, with the spend of @month and the leads that
 *   came in that month (in the workspace's time zone), or all their leads
 *   when @month is %NULL
 */
GPtrArray *
crm_channels_list (CrmStore    *store,
                   const char  *month,
                   GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_channel_info_free);
  sqlite3_stmt *stmt;
  gint64 from = G_MININT64;
  gint64 to = G_MAXINT64;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (month != NULL && !month_range (store, month, &from, &to))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Spend: “%s” is not a month (YYYY-MM)"), month);
      return NULL;
    }

  stmt = crm_store_stmt (store,
                         "SELECT c.id, c.name, c.kind,"
                         " (SELECT amount FROM channel_spend s WHERE s.channel_id = c.id"
                         "   AND s.month = ?1 AND s._deleted = 0),"
                         " (SELECT count(*) FROM leads l WHERE l.channel_id = c.id AND l._deleted = 0"
                         "   AND l.created_ms >= ?2 AND l.created_ms < ?3)"
                         " FROM channels c WHERE c._deleted = 0 ORDER BY c.position, c.rid",
                         error);
  if (stmt == NULL)
    return NULL;
  crm_store_bind_text (stmt, 1, month);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmChannelInfo *info = g_new0 (CrmChannelInfo, 1);

      info->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->spend = sqlite3_column_int64 (stmt, 3);
      info->n_leads = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, info);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (crm_text_is_blank (name))
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY,
                           _("Channel: a name is needed"));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_channel_add:
 * @store: a #CrmStore
 * @name: the channel's name
 * @kind: (nullable): its kind ("website", "ads", …), "other" when %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new channel's id, or %NULL with @error set
 */
char *
crm_channel_add (CrmStore    *store,
                 const char  *name,
                 const char  *kind,
                 GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *stripped = NULL;
  gint64 position = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!check_name (name, error))
    return NULL;
  stripped = g_strstrip (g_strdup (name));

  stmt = crm_store_stmt (store, "SELECT coalesce(max(position), 0) + 1 FROM channels", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    position = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  change = crm_change_new_create ("channels");
  crm_change_set_text (change, "name", stripped);
  crm_change_set_text (change, "kind", kind != NULL ? kind : "other");
  crm_change_set_int (change, "position", position);
  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}

gboolean
crm_channel_rename (CrmStore    *store,
                    const char  *channel_id,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);

  if (!check_name (name, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  change = crm_change_new_update ("channels", channel_id);
  crm_change_set_text (change, "name", stripped);
  return crm_store_apply (store, change, error);
}

/**
 * crm_channel_remove:
 * @store: a #CrmStore
 * @channel_id: a channel
 * @error: return location for a #GError
 *
 * Soft-deletes the channel: its leads keep it (and show its name), new
 * leads cannot pick it, crm_store_restore() brings it back.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_channel_remove (CrmStore    *store,
                    const char  *channel_id,
                    GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return crm_store_delete (store, "channels", channel_id, error);
}

gint64
crm_channel_get_spend (CrmStore   *store,
                       const char *channel_id,
                       const char *month)
{
  sqlite3_stmt *stmt = crm_store_stmt (store,
                                       "SELECT amount FROM channel_spend WHERE channel_id = ?1"
                                       " AND month = ?2 AND _deleted = 0", NULL);
  gint64 amount = 0;

  if (stmt == NULL)
    return 0;
  crm_store_bind_text (stmt, 1, channel_id);
  crm_store_bind_text (stmt, 2, month);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    amount = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return amount;
}

/**
 * crm_channel_set_spend:
 * @store: a #CrmStore
 * @channel_id: a channel
 * @month: "YYYY-MM"
 * @amount: what the channel cost that month, in minor units (kopecks)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_channel_set_spend (CrmStore    *store,
                       const char  *channel_id,
                       const char  *month,
                       gint64       amount,
                       GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *currency = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);

  if (!valid_month (month))
    {
      g_set_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Spend: “%s” is not a month (YYYY-MM)"), month ? month : "");
      return FALSE;
    }
  if (amount < 0)
    {
      g_set_error_literal (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                           _("Spend: the amount cannot be negative"));
      return FALSE;
    }

  stmt = crm_store_stmt (store,
                         "SELECT id FROM channel_spend WHERE channel_id = ?1 AND month = ?2"
                         " AND _deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  crm_store_bind_text (stmt, 1, channel_id);
  crm_store_bind_text (stmt, 2, month);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  currency = crm_store_get_setting (store, "currency");
  if (existing != NULL)
    change = crm_change_new_update ("channel_spend", existing);
  else
    {
      change = crm_change_new_create ("channel_spend");
      crm_change_set_text (change, "channel_id", channel_id);
      crm_change_set_text (change, "month", month);
    }
  crm_change_set_int (change, "amount", amount);
  crm_change_set_text (change, "currency", currency != NULL ? currency : "RUB");
  return crm_store_apply (store, change, error);
}

/**
 * crm_money_parse:
 * @text: an amount as people type it: "12 000", "12000,50", "12 000 ₽"
 * @amount: (out): the amount in minor units (kopecks)
 *
 * Returns: %TRUE if @text is a non-negative amount
 */
gboolean
crm_money_parse (const char *text,
                 gint64     *amount)
{
  gint64 whole = 0;
  gint64 minor = 0;
  int minor_digits = -1;
  gboolean any = FALSE;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          any = TRUE;
          if (minor_digits >= 0)
            {
              if (minor_digits >= 2)
                return FALSE;
              minor = minor * 10 + (c - '0');
              minor_digits++;
            }
          else
            {
              if (whole > G_MAXINT64 / 1000)
                return FALSE;
              whole = whole * 10 + (c - '0');
            }
        }
      else if (c == ',' || c == '.')
        {
          if (minor_digits >= 0)
            return FALSE;
          minor_digits = 0;
        }
      else if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0 || c == '\'')
        continue;
      else if (c == 0x20BD /* ₽ */ || c == '$' || c == 0x20AC /* € */ || c == 0x20B8 /* ₸ */)
        continue;
      else
        {
          /* "руб", "р." and the like after the number */
          if (!any || !(g_unichar_isalpha (c) || c == '.'))
            return FALSE;
          break;
        }
    }
  if (!any)
    return FALSE;
  if (minor_digits == 1)
    minor *= 10;
  *amount = whole * 100 + minor;
  return TRUE;
}

static const char *
currency_symbol (const char *currency)
{
  static const struct { const char *code; const char *symbol; } symbols[] = {
    { "RUB", "₽" }, { "USD", "$" }, { "EUR", "€" }, { "KZT", "₸" }, { "BYN", "Br" },
    { "UAH", "₴" }, { "GBP", "£" }, { "CNY", "¥" }, { "TRY", "₺" }, { "AMD", "֏" },
    { "GEL", "₾" }, { "KGS", "сом" }, { "UZS", "сўм" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_strcmp0 (symbols[i].code, currency) == 0)
      return symbols[i].symbol;
  return currency != NULL ? currency : "";
}

/* @amount's digits in groups of three joined by @separator, with the
 * kopecks when there are any: "1 500,50", "0,99". */
static GString *
format_amount (gint64      amount,
               const char *separator)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (amount) / 100);
  gint64 minor = ABS (amount) % 100;
  GString *out = g_string_new (amount < 0 ? "-" : NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  if (minor != 0)
    g_string_append_printf (out, ",%02" G_GINT64_FORMAT, minor);
  return out;
}

/**
 * crm_money_format:
 * @amount: minor units (kopecks)
 * @currency: (nullable): ISO code
 *
 * An amount to show: "12 000 ₽" with thin no-break spaces.
 *
 * Returns: (transfer full): the text
 */
char *
crm_money_format (gint64      amount,
                  const char *currency)
{
  GString *out = format_amount (amount, "\u202f");

  g_string_append_printf (out, "\u00a0%s", currency_symbol (currency));
  return g_string_free (out, FALSE);
}

/**
 * crm_money_format_plain:
 * @amount: minor units (kopecks)
 *
 * An amount to edit: "150 000", "1 500,50", plain spaces and no currency,
 * so crm_money_parse() reads it back.
 *
 * Returns: (transfer full): the text
 */
char *
crm_money_format_plain (gint64 amount)
{
  return g_string_free (format_amount (amount, " "), FALSE);
}
