/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Pure view logic of the shell: no GTK here, so it is unit-tested without a
 * display (tests/test-view-logic.c). */

#include <glib.h>

#include "crm-record.h"
#include "crm-store.h"
#include "crm-store-query.h"

G_BEGIN_DECLS

/* Search as you type waits this long after a key that came in a burst
 * (keys faster than this apart: a held key, a paste-like typist) or when
 * searches have been slow; otherwise it searches at once
 * (crm_view_search_delay_ms()), so the results are painted within 150 ms
 * of the last key (DESIGN.md §7). */
#define CRM_SEARCH_DEBOUNCE_MS 60

/* A search that took longer than this (key to results in the model) is
 * slow enough that typing should settle before the next one runs. */
#define CRM_SEARCH_CHEAP_MS 100

guint       crm_view_search_delay_ms  (const char         *text,
                                       gint64              since_last_key_ms,
                                       gint64              last_search_ms);

typedef enum {
  CRM_COUNTDOWN_OK,
  CRM_COUNTDOWN_SOON,
  CRM_COUNTDOWN_OVERDUE,
} CrmCountdownState;

char       *crm_view_countdown_text   (gint64              created_ms,
                                       gint64              sla_ms,
                                       gint64              now_ms,
                                       CrmCountdownState  *state);

typedef enum {
  CRM_DATE_ANY,
  CRM_DATE_TODAY,
  CRM_DATE_WEEK,
  CRM_DATE_MONTH,
  CRM_DATE_YEAR,
} CrmDateRange;

const char *crm_view_date_range_id    (CrmDateRange  range);
CrmDateRange crm_view_date_range_from_id (const char *id);
const char *crm_view_date_range_label (CrmDateRange  range);
gboolean    crm_view_date_range_bounds (CrmDateRange  range,
                                        gint64        now_ms,
                                        GTimeZone    *tz,
                                        gint64       *from_ms,
                                        gint64       *to_ms);

/**
 * CrmListFilter:
 * What a list page shows: its search text, chips and sort, turned into a
 * #CrmQuery by crm_list_filter_to_query(). Empty strings mean "any".
 */
typedef struct
{
  char         *text;
  char         *stage_id;
  char         *temperature;
  char         *channel_id;
  char         *owner_id;
  CrmDateRange  created;
  gboolean      overdue;
  char         *sort_column;
  gboolean      descending;
} CrmListFilter;

typedef enum {
  CRM_FILTER_STAGE       = 1 << 0,
  CRM_FILTER_TEMPERATURE = 1 << 1,
  CRM_FILTER_CHANNEL     = 1 << 2,
  CRM_FILTER_OWNER       = 1 << 3,
  CRM_FILTER_CREATED     = 1 << 4,
  CRM_FILTER_OVERDUE     = 1 << 5,
} CrmFilterKind;

CrmListFilter *crm_list_filter_new      (void);
void           crm_list_filter_free     (CrmListFilter *filter);
guint          crm_list_filter_kinds    (const char    *table);
gboolean       crm_list_filter_is_empty (const CrmListFilter *filter);
CrmQuery      *crm_list_filter_to_query (const CrmListFilter *filter,
                                         const char    *table,
                                         gint64         now_ms,
                                         GTimeZone     *tz);

/**
 * CrmColumnSpec:
 * A column of a list page: @id names it, @title is untranslated (NC_,
 * context "column"),
 * @sort_column is the SQL column it sorts by (%NULL: not sortable).
 */
typedef struct
{
  const char *id;
  const char *title;
  const char *sort_column;
  gboolean    expand;
  int         width_chars;
} CrmColumnSpec;

const CrmColumnSpec *crm_view_columns (const char *table,
                                       guint      *n_columns);

/* Names of the small catalogues (stages, channels, users) for cells and
 * filter menus, read once through core queries. */
typedef struct _CrmNames CrmNames;

typedef struct
{
  char *id;
  char *name;
  char *color;
} CrmNameEntry;

CrmNames     *crm_names_load     (CrmStore   *store);
void          crm_names_free     (CrmNames   *names);
const char   *crm_names_lookup   (CrmNames   *names,
                                  const char *id);
const char   *crm_names_color    (CrmNames   *names,
                                  const char *id);
GPtrArray    *crm_names_list     (CrmNames   *names,
                                  const char *table);

char         *crm_view_format_date       (gint64      ms,
                                          gint64      now_ms,
                                          GTimeZone  *tz);
char         *crm_view_cell_text         (CrmRecord  *record,
                                          const char *column_id,
                                          CrmNames   *names,
                                          gint64      now_ms,
                                          GTimeZone  *tz);
/**
 * CrmNextStep:
 * @CRM_NEXT_STEP_NONE: nothing to show (a closed stage, not a lead, or a
 *   row still loading)
 * @CRM_NEXT_STEP_SCHEDULED: the next open task is due later
 * @CRM_NEXT_STEP_UNDATED: the next open task has no due time
 * @CRM_NEXT_STEP_OVERDUE: the next open task is past due
 * @CRM_NEXT_STEP_MISSING: an open-stage lead with no open task
 *
 * What the Next step column of a lead says, from the derived columns of
 * crm_store_get_list_rows().
 */
typedef enum {
  CRM_NEXT_STEP_NONE,
  CRM_NEXT_STEP_SCHEDULED,
  CRM_NEXT_STEP_UNDATED,
  CRM_NEXT_STEP_OVERDUE,
  CRM_NEXT_STEP_MISSING,
} CrmNextStep;

CrmNextStep   crm_view_next_step         (CrmRecord  *record,
                                          gint64      now_ms);
char         *crm_view_count_text        (const char *table,
                                          gint64      count,
                                          gboolean    filtered,
                                          gboolean    more);
const char   *crm_view_record_title      (CrmRecord  *record);

const char   *crm_view_pick_renderer     (const char *gsk_renderer,
                                          const char *libgl_always_software,
                                          const char *gallium_driver,
                                          gboolean    has_render_node);
gboolean      crm_view_has_render_node   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmListFilter, crm_list_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmNames, crm_names_free)

G_END_DECLS
