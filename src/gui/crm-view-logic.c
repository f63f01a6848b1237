/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-view-logic"

#include "config.h"

#include "crm-view-logic.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-fields.h"

struct _CrmNames
{
  GHashTable *by_id;     /* id → CrmNameEntry (borrowed from the lists) */
  GHashTable *lists;     /* table → GPtrArray of CrmNameEntry, live ones */
  GList      *removed;   /* CrmNameEntry of removed ones, named but not listed */
};

/* ---- First-response countdown ---- */

static char *
format_span (gint64 ms)
{
  gint64 s = ms / 1000;

  if (s < 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", s / 60, (int) (s % 60));
  /* TRANSLATORS: a duration in hours and minutes, e.g. "2 h 05 min" */
  return g_strdup_printf (_("%d h %02d min"), (int) (s / 3600), (int) ((s / 60) % 60));
}

/**
 * crm_view_countdown_text:
 * @created_ms: when the lead came in
 * @sla_ms: the first-response SLA
 * @now_ms: the current time
 * @state: (out) (optional): whether time is running out or over
 *
 * The Inbox countdown: "12:34 left", "Overdue by 3:05", "Overdue by 2 days".
 * Minutes and seconds below an hour so it visibly ticks each second.
 *
 * Returns: (transfer full): the text
 */
char *
crm_view_countdown_text (gint64             created_ms,
                         gint64             sla_ms,
                         gint64             now_ms,
                         CrmCountdownState *state)
{
  gint64 left = created_ms + sla_ms - now_ms;
  g_autofree char *span = NULL;

  if (left > 0)
    {
      if (state != NULL)
        *state = left <= MAX (sla_ms / 3, 60 * 1000) ? CRM_COUNTDOWN_SOON : CRM_COUNTDOWN_OK;
      /* Round up: "0:01 left" until the very last millisecond. */
      span = format_span (left + 999);
      /* TRANSLATORS: time left to answer a new lead, e.g. "12:34 left" */
      return g_strdup_printf (_("%s left"), span);
    }

  if (state != NULL)
    *state = CRM_COUNTDOWN_OVERDUE;
  if (-left >= 24 * 3600 * 1000)
    {
      int days = (int) (-left / (24 * 3600 * 1000));

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                           "Overdue by %d days", days), days);
    }
  span = format_span (-left);
  /* TRANSLATORS: how late the first answer to a lead is, e.g. "Overdue by 3:05" */
  return g_strdup_printf (_("Overdue by %s"), span);
}

/* ---- Created date ranges ---- */

static const struct {
  const char *id;
  const char *label;
} date_ranges[] = {
  [CRM_DATE_ANY] = { "any", N_("Any time") },
  [CRM_DATE_TODAY] = { "today", N_("Today") },
  [CRM_DATE_WEEK] = { "week", N_("Last 7 days") },
  [CRM_DATE_MONTH] = { "month", N_("Last 30 days") },
  [CRM_DATE_YEAR] = { "year", N_("This year") },
};

const char *
crm_view_date_range_id (CrmDateRange range)
{
  g_return_val_if_fail (range <= CRM_DATE_YEAR, "any");
  return date_ranges[range].id;
}

CrmDateRange
crm_view_date_range_from_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_ranges); i++)
    if (g_strcmp0 (id, date_ranges[i].id) == 0)
      return i;
  return CRM_DATE_ANY;
}

const char *
crm_view_date_range_label (CrmDateRange range)
{
  g_return_val_if_fail (range <= CRM_DATE_YEAR, NULL);
  return _(date_ranges[range].label);
}

/**
 * crm_view_date_range_bounds:
 * @range: a range
 * @now_ms: the current time
 * @tz: the workspace's time zone (days start at its midnight)
 * @from_ms: (out): inclusive start
 * @to_ms: (out): exclusive end
 *
 * Returns: %FALSE for %CRM_DATE_ANY (no bounds)
 */
gboolean
crm_view_date_range_bounds (CrmDateRange  range,
                            gint64        now_ms,
                            GTimeZone    *tz,
                            gint64       *from_ms,
                            gint64       *to_ms)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) start = NULL;

  if (range == CRM_DATE_ANY)
    return FALSE;

  now = g_date_time_new_from_unix_utc (now_ms / 1000);
  now = g_date_time_to_timezone (g_steal_pointer (&now), tz);
  midnight = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 0, 0, 0);
  switch (range)
    {
    case CRM_DATE_TODAY:
      start = g_date_time_ref (midnight);
      break;
    case CRM_DATE_WEEK:
      start = g_date_time_add_days (midnight, -6);
      break;
    case CRM_DATE_MONTH:
      start = g_date_time_add_days (midnight, -29);
      break;
    case CRM_DATE_YEAR:
      start = g_date_time_new (tz, g_date_time_get_year (now), 1, 1, 0, 0, 0);
      break;
    case CRM_DATE_ANY:
    default:
      g_assert_not_reached ();
    }
  *from_ms = g_date_time_to_unix (start) * 1000;
  /* Open-ended: records stamped a little in the future (clock skew
   * between PCs) still count as today. */
  *to_ms = G_MAXINT64;
  return TRUE;
}

/* ---- Filters ---- */

CrmListFilter *
crm_list_filter_new (void)
{
  CrmListFilter *filter = g_new0 (CrmListFilter, 1);

  filter->sort_column = g_strdup ("created_ms");
  filter->descending = TRUE;
  return filter;
}

void
crm_list_filter_free (CrmListFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->text);
  g_free (filter->stage_id);
  g_free (filter->temperature);
  g_free (filter->channel_id);
  g_free (filter->owner_id);
  g_free (filter->sort_column);
  g_free (filter);
}

/**
 * crm_list_filter_kinds:
 * @table: "leads", "contacts" or "clients"
 *
 * Returns: the #CrmFilterKind chips that make sense for @table
 */
guint
crm_list_filter_kinds (const char *table)
{
  guint common = CRM_FILTER_OWNER | CRM_FILTER_CREATED | CRM_FILTER_OVERDUE;

  if (g_strcmp0 (table, "leads") == 0)
    return common | CRM_FILTER_STAGE | CRM_FILTER_TEMPERATURE | CRM_FILTER_CHANNEL;
  return common;
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

gboolean
crm_list_filter_is_empty (const CrmListFilter *filter)
{
  return !is_set (filter->text) && !is_set (filter->stage_id) &&
         !is_set (filter->temperature) && !is_set (filter->channel_id) &&
         !is_set (filter->owner_id) && filter->created == CRM_DATE_ANY && !filter->overdue;
}

/**
 * crm_list_filter_to_query:
 * @filter: what the page shows
 * @table: the page's table
 * @now_ms: the current time (date ranges, overdue tasks)
 * @tz: the workspace time zone
 *
 * Chips that do not apply to @table are ignored; an unknown sort column
 * falls back to the newest first.
 *
 * Returns: (transfer full): the query
 */
CrmQuery *
crm_list_filter_to_query (const CrmListFilter *filter,
                          const char          *table,
                          gint64               now_ms,
                          GTimeZone           *tz)
{
  CrmQuery *query = crm_query_new (table);
  guint kinds = crm_list_filter_kinds (table);
  gint64 from, to;

  if (is_set (filter->text))
    {
      g_autofree char *text = g_strstrip (g_strdup (filter->text));

      if (*text != '\0')
        crm_query_set_text (query, text);
    }
  if ((kinds & CRM_FILTER_STAGE) && is_set (filter->stage_id))
    crm_query_add_equals (query, "stage_id", filter->stage_id);
  if ((kinds & CRM_FILTER_TEMPERATURE) && is_set (filter->temperature))
    crm_query_add_equals (query, "temperature", filter->temperature);
  if ((kinds & CRM_FILTER_CHANNEL) && is_set (filter->channel_id))
    crm_query_add_equals (query, "channel_id", filter->channel_id);
  if ((kinds & CRM_FILTER_OWNER) && is_set (filter->owner_id))
    crm_query_add_equals (query, "owner_id", filter->owner_id);
  if ((kinds & CRM_FILTER_CREATED) &&
      crm_view_date_range_bounds (filter->created, now_ms, tz, &from, &to))
    crm_query_add_range (query, "created_ms", from, to);
  if ((kinds & CRM_FILTER_OVERDUE) && filter->overdue)
    crm_query_set_has_overdue_task (query, now_ms);
  if (filter->sort_column == NULL ||
      !crm_query_set_sort (query, filter->sort_column, filter->descending))
    crm_query_set_sort (query, "created_ms", TRUE);
  return query;
}

/* ---- Columns ---- */

/* Titles carry the "column" context: headers want short words
 * ("Создан"), chips and cards longer ones ("Дата создания"). */
/* Leads fit a 1280-pixel window with the sidebar: the floors add up to
 * 1,032 pixels. */
static const CrmColumnSpec lead_columns[] = {
  { "name", NC_("column", "Name"), "sort_key", TRUE, 20 },
  { "company", NC_("column", "Company"), "company", FALSE, 17 },
  { "stage", NC_("column", "Stage"), NULL, FALSE, 15 },
  { "temperature", NC_("column", "Temperature"), "temperature", FALSE, 12 },
  { "channel", NC_("column", "Channel"), NULL, FALSE, 13 },
  { "owner", NC_("column", "Owner"), NULL, FALSE, 14 },
  { "next_step", NC_("column", "Next step"), NULL, FALSE, 13 },
  { "created", NC_("column", "Created"), "created_ms", FALSE, 9 },
};

static const CrmColumnSpec contact_columns[] = {
  { "name", NC_("column", "Name"), "sort_key", TRUE, 22 },
  { "job_title", NC_("column", "Job title"), NULL, TRUE, 14 },
  { "owner", NC_("column", "Owner"), NULL, FALSE, 15 },
  { "created", NC_("column", "Created"), "created_ms", FALSE, 9 },
};

static const CrmColumnSpec client_columns[] = {
  { "name", NC_("column", "Name"), "sort_key", TRUE, 22 },
  { "kind", NC_("column", "Type"), "kind", FALSE, 13 },
  { "inn", NC_("column", "INN"), "inn", FALSE, 14 },
  { "owner", NC_("column", "Owner"), NULL, FALSE, 15 },
  { "created", NC_("column", "Created"), "created_ms", FALSE, 9 },
};

const CrmColumnSpec *
crm_view_columns (const char *table,
                  guint      *n_columns)
{
  if (g_strcmp0 (table, "leads") == 0)
    {
      *n_columns = G_N_ELEMENTS (lead_columns);
      return lead_columns;
    }
  if (g_strcmp0 (table, "contacts") == 0)
    {
      *n_columns = G_N_ELEMENTS (contact_columns);
      return contact_columns;
    }
  if (g_strcmp0 (table, "clients") == 0)
    {
      *n_columns = G_N_ELEMENTS (client_columns);
      return client_columns;
    }
  *n_columns = 0;
  return NULL;
}

/* ---- Catalogue names ---- */

static void
name_entry_free (gpointer data)
{
  CrmNameEntry *entry = data;

  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->color);
  g_free (entry);
}

static void
load_table (CrmNames   *names,
            CrmStore   *store,
            const char *table,
            const char *sort)
{
  g_autoptr(CrmQuery) query = crm_query_new (table);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (name_entry_free);

  /* A removed channel or user still names the leads that had it; only
   * the filter chips leave it out. */
  crm_query_set_sort (query, sort, FALSE);
  crm_query_set_include_deleted (query, TRUE);
  rows = crm_store_query_page (store, query, NULL, 10000, NULL, &error);
  if (rows == NULL)
    g_warning ("Could not read %s: %s", table, error->message);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CrmRecord *row = g_ptr_array_index (rows, i);
      CrmNameEntry *entry = g_new0 (CrmNameEntry, 1);

      entry->id = g_strdup (crm_record_get_id (row));
      entry->name = g_strdup (crm_record_get_text (row, "name"));
      if (strcmp (table, "stages") == 0)
        entry->color = g_strdup (crm_record_get_text (row, "color"));
      g_hash_table_insert (names->by_id, entry->id, entry);
      if (crm_record_is_deleted (row))
        names->removed = g_list_prepend (names->removed, entry);
      else
        g_ptr_array_add (list, entry);
    }
  g_hash_table_insert (names->lists, (char *) table, list);
}

/**
 * crm_names_load:
 * @store: a #CrmStore
 *
 * Reads the names of stages (in funnel order), channels and users. These
 * tables hold tens of rows, so this is cheap on the UI thread.
 *
 * Returns: (transfer full): the names
 */
CrmNames *
crm_names_load (CrmStore *store)
{
  CrmNames *names = g_new0 (CrmNames, 1);

  names->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  names->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_ptr_array_unref);
  load_table (names, store, "stages", "position");
  load_table (names, store, "channels", "position");
  load_table (names, store, "users", "name");
  return names;
}

void
crm_names_free (CrmNames *names)
{
  if (names == NULL)
    return;
  g_hash_table_unref (names->by_id);
  g_hash_table_unref (names->lists);
  g_list_free_full (names->removed, name_entry_free);
  g_free (names);
}

const char *
crm_names_lookup (CrmNames   *names,
                  const char *id)
{
  CrmNameEntry *entry;

  if (names == NULL || id == NULL)
    return NULL;
  entry = g_hash_table_lookup (names->by_id, id);
  return entry != NULL ? entry->name : NULL;
}

/**
 * crm_names_color:
 * @names: the names
 * @id: a stage id
 *
 * Returns: (nullable): the stage's colour ("#3584e4"), if it has one
 */
const char *
crm_names_color (CrmNames   *names,
                 const char *id)
{
  CrmNameEntry *entry;

  if (names == NULL || id == NULL)
    return NULL;
  entry = g_hash_table_lookup (names->by_id, id);
  return entry != NULL ? entry->color : NULL;
}

/**
 * crm_names_list:
 * @names: the names
 * @table: "stages", "channels" or "users"
 *
 * Returns: (transfer none) (element-type CrmNameEntry): the rows in order
 */
GPtrArray *
crm_names_list (CrmNames   *names,
                const char *table)
{
  return g_hash_table_lookup (names->lists, table);
}

/* ---- Cells ---- */

/**
 * crm_view_format_date:
 * @ms: a time
 * @now_ms: the current time
 * @tz: the time zone to show it in
 *
 * "14:05" today, "12 Nov" this year, "12.11.2025" before.
 *
 * Returns: (transfer full): the text
 */
char *
crm_view_format_date (gint64     ms,
                      gint64     now_ms,
                      GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now_ms / 1000);
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (utc == NULL || now_utc == NULL)
    return g_strdup ("");
  t = g_date_time_to_timezone (utc, tz);
  now = g_date_time_to_timezone (now_utc, tz);
  if (g_date_time_get_year (t) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (t) == g_date_time_get_day_of_year (now))
    return g_date_time_format (t, "%H:%M");
  if (g_date_time_get_year (t) == g_date_time_get_year (now))
    /* TRANSLATORS: a date this year in a list, strftime format: "12 Nov" */
    return g_date_time_format (t, _("%-d %b"));
  /* TRANSLATORS: a date of another year in a list, strftime format */
  return g_date_time_format (t, _("%d.%m.%Y"));
}

/**
 * crm_view_record_title:
 * @record: a lead, contact or client
 *
 * Returns: what to call the record: its name, else its company, else
 *   "No name"
 */
const char *
crm_view_record_title (CrmRecord *record)
{
  const char *table = crm_record_get_table (record);
  const char *name = crm_record_get_text (record, strcmp (table, "clients") == 0 ? "name" : "full_name");

  if (name != NULL && *name != '\0')
    return name;
  name = crm_record_get_text (record, "company");
  if (name != NULL && *name != '\0')
    return name;
  return _("No name");
}

char *
crm_view_cell_text (CrmRecord  *record,
                    const char *column_id,
                    CrmNames   *names,
                    gint64      now_ms,
                    GTimeZone  *tz)
{
  if (record == NULL)
    return g_strdup ("");

  if (strcmp (column_id, "name") == 0)
    return g_strdup (crm_view_record_title (record));
  if (strcmp (column_id, "stage") == 0)
    return g_strdup (crm_names_lookup (names, crm_record_get_text (record, "stage_id")));
  if (strcmp (column_id, "channel") == 0)
    return g_strdup (crm_names_lookup (names, crm_record_get_text (record, "channel_id")));
  if (strcmp (column_id, "owner") == 0)
    return g_strdup (crm_names_lookup (names, crm_record_get_text (record, "owner_id")));
  if (strcmp (column_id, "temperature") == 0)
    return g_strdup (crm_field_temperature_label (crm_record_get_text (record, "temperature")));
  if (strcmp (column_id, "kind") == 0)
    {
      const char *kind = crm_record_get_text (record, "kind");

      if (g_strcmp0 (kind, "person") == 0)
        return g_strdup (_("Person"));
      if (g_strcmp0 (kind, "company") == 0)
        return g_strdup (_("Company"));
      return g_strdup (kind);
    }
  if (strcmp (column_id, "created") == 0)
    return crm_view_format_date (crm_record_get_int (record, "created_ms", 0), now_ms, tz);
  if (strcmp (column_id, "next_step") == 0)
    {
      switch (crm_view_next_step (record, now_ms))
        {
        case CRM_NEXT_STEP_SCHEDULED:
        case CRM_NEXT_STEP_OVERDUE:
          return crm_view_format_date (crm_record_get_int (record, "next_step_due_ms", 0), now_ms, tz);
        case CRM_NEXT_STEP_UNDATED:
          /* TRANSLATORS: the next step of a lead is a task without a due date */
          return g_strdup (_("No date"));
        case CRM_NEXT_STEP_MISSING:
          /* TRANSLATORS: a list cell under the "Next step" header; keep it short */
          return g_strdup (C_("next step", "No next step"));
        case CRM_NEXT_STEP_NONE:
        default:
          return g_strdup ("");
        }
    }
  return g_strdup (crm_record_get_text (record, column_id));
}

/**
 * crm_view_next_step:
 * @record: (nullable): a row of a list (crm_store_get_list_rows())
 * @now_ms: the current time
 *
 * Returns: what the row's Next step cell shows
 */
CrmNextStep
crm_view_next_step (CrmRecord *record,
                    gint64     now_ms)
{
  if (record == NULL)
    return CRM_NEXT_STEP_NONE;
  if (crm_record_get_text (record, "next_step_task_id") != NULL)
    {
      if (crm_record_get_text (record, "next_step_due_ms") == NULL)
        return CRM_NEXT_STEP_UNDATED;
      return crm_record_get_int (record, "next_step_due_ms", 0) < now_ms
               ? CRM_NEXT_STEP_OVERDUE : CRM_NEXT_STEP_SCHEDULED;
    }
  if (crm_record_get_int (record, "next_step_missing", 0) != 0)
    return CRM_NEXT_STEP_MISSING;
  return CRM_NEXT_STEP_NONE;
}

/**
 * crm_view_count_text:
 * @table: the list's table
 * @count: how many rows it shows
 * @filtered: whether a search or a chip narrows it
 * @more: whether a search stopped at its limit with more matches left
 *
 * Returns: (transfer full): "1,234 leads", "3 contacts found",
 *   "5,000+ leads found"
 */
char *
crm_view_count_text (const char *table,
                     gint64      count,
                     gboolean    filtered,
                     gboolean    more)
{
  g_autofree char *number = g_strdup_printf (more ? "%'" G_GINT64_FORMAT "+" : "%'" G_GINT64_FORMAT, count);
  gulong n = count > 0 ? (gulong) count : 0;
  const char *format;

  if (g_strcmp0 (table, "contacts") == 0)
    format = filtered ? g_dngettext (GETTEXT_PACKAGE, "%s contact found", "%s contacts found", n)
                      : g_dngettext (GETTEXT_PACKAGE, "%s contact", "%s contacts", n);
  else if (g_strcmp0 (table, "clients") == 0)
    format = filtered ? g_dngettext (GETTEXT_PACKAGE, "%s client found", "%s clients found", n)
                      : g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", n);
  else
    format = filtered ? g_dngettext (GETTEXT_PACKAGE, "%s lead found", "%s leads found", n)
                      : g_dngettext (GETTEXT_PACKAGE, "%s lead", "%s leads", n);
  return g_strdup_printf (format, number);
}

/* ---- Search as you type ---- */

/**
 * crm_view_search_delay_ms:
 * @text: (nullable): the new search text
 * @since_last_key_ms: time since the previous key that left text in the
 *   entry (G_MAXINT64 for the first)
 * @last_search_ms: how long the previous search took, key to results (0
 *   before the first)
 *
 * A key after a pause searches at once: the worker skips searches that a
 * newer key made stale, so an early start costs nothing and saves the
 * debounce. Keys in a burst, or after a slow search, wait for the typing
 * to settle instead of queueing work. An emptied entry always waits: the
 * whole list is the dearest query, and replacing a word (select all,
 * type) passes through empty.
 *
 * Returns: how long to wait before searching, in ms
 */
guint
crm_view_search_delay_ms (const char *text,
                          gint64      since_last_key_ms,
                          gint64      last_search_ms)
{
  if (text == NULL || *text == '\0' ||
      since_last_key_ms < CRM_SEARCH_DEBOUNCE_MS || last_search_ms > CRM_SEARCH_CHEAP_MS)
    return CRM_SEARCH_DEBOUNCE_MS;
  return 0;
}

/* ---- Renderer ---- */

static gboolean
truthy (const char *value)
{
  return value != NULL && *value != '\0' && strcmp (value, "0") != 0 &&
         g_ascii_strcasecmp (value, "false") != 0;
}

/**
 * crm_view_pick_renderer:
 * @gsk_renderer: (nullable): $GSK_RENDERER
 * @libgl_always_software: (nullable): $LIBGL_ALWAYS_SOFTWARE
 * @gallium_driver: (nullable): $GALLIUM_DRIVER
 * @has_render_node: whether /dev/dri has a render node
 *
 * GTK 4.8 picks GL even on llvmpipe, where a frame costs ~6× the cairo
 * one (PERF.md). Without a GPU render node, or when Mesa is told to render
 * in software, use cairo — unless the user chose a renderer.
 *
 * Returns: (nullable): "cairo", or %NULL to leave GTK's choice alone
 */
const char *
crm_view_pick_renderer (const char *gsk_renderer,
                        const char *libgl_always_software,
                        const char *gallium_driver,
                        gboolean    has_render_node)
{
  if (gsk_renderer != NULL && *gsk_renderer != '\0')
    return NULL;
  if (truthy (libgl_always_software))
    return "cairo";
  if (gallium_driver != NULL &&
      (strstr (gallium_driver, "llvmpipe") != NULL || strstr (gallium_driver, "softpipe") != NULL))
    return "cairo";
  if (!has_render_node)
    return "cairo";
  return NULL;
}

gboolean
crm_view_has_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}
