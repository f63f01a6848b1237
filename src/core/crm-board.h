/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmBoardFilter:
 * @owner_id: (nullable): only this owner's leads
 * @channel_id: (nullable): only leads from this channel
 * @temperature: (nullable): "hot", "warm" or "cold"
 * @text: (nullable): search text (names, company, phones, e-mails)
 *
 * What the Funnel page narrows its columns to; the same filters as the
 * lists. %NULL or empty means any.
 */
typedef struct
{
  const char *owner_id;
  const char *channel_id;
  const char *temperature;
  const char *text;
} CrmBoardFilter;

/**
 * CrmBoardTask:
 * @CRM_BOARD_TASK_NONE: no open task
 * @CRM_BOARD_TASK_PLANNED: the next task is due after today (or undated)
 * @CRM_BOARD_TASK_TODAY: the next task is due today
 * @CRM_BOARD_TASK_OVERDUE: a task is overdue
 */
typedef enum {
  CRM_BOARD_TASK_NONE,
  CRM_BOARD_TASK_PLANNED,
  CRM_BOARD_TASK_TODAY,
  CRM_BOARD_TASK_OVERDUE,
} CrmBoardTask;

/**
 * CrmBoardCard:
 * What a card on the board shows, read in one query per card (off the UI
 * thread). Reference counted: crm_board_card_ref() / _unref().
 */
typedef struct
{
  gint64        rid;
  char         *id;
  char         *stage_id;
  char         *title;
  char         *company;
  char         *channel_name;
  char         *channel_kind;
  char         *temperature;
  char         *owner_name;
  char         *currency;
  gint64        value;
  gboolean      has_value;
  CrmBoardTask  task;
  gint64        next_due_ms;
  guint         days_in_stage;
  gboolean      rotting;
  gboolean      duplicate;
  gboolean      no_next_step;
  gboolean      converted;
  char         *lost_reason;
} CrmBoardCard;

/**
 * CrmBoardPosition:
 * Where a lead is: its stage and the leads just above and below it in the
 * whole (unfiltered) column, enough to put it back there (Undo).
 */
typedef struct
{
  char *stage_id;
  char *above_id;
  char *below_id;
  char *lost_reason;
} CrmBoardPosition;

CrmBoardCard *crm_board_card_ref        (CrmBoardCard          *card);
void          crm_board_card_unref      (CrmBoardCard          *card);
gboolean      crm_board_card_equal      (const CrmBoardCard    *a,
                                         const CrmBoardCard    *b);
const char   *crm_board_task_label      (CrmBoardTask           task);

GArray       *crm_board_column_rids     (CrmStore              *store,
                                         const char            *stage_id,
                                         const CrmBoardFilter  *filter,
                                         GArray                *text_rids,
                                         gint64                *value_sum,
                                         GError               **error);
GArray       *crm_board_text_rids       (CrmStore              *store,
                                         const CrmBoardFilter  *filter,
                                         GError               **error);
gboolean      crm_board_column_totals   (CrmStore              *store,
                                         const char            *stage_id,
                                         const CrmBoardFilter  *filter,
                                         gint64                *count,
                                         gint64                *value_sum,
                                         GError               **error);
GPtrArray    *crm_board_fetch_cards     (CrmStore              *store,
                                         const gint64          *rids,
                                         guint                  n_rids,
                                         GError               **error);
char         *crm_board_lead_id         (CrmStore              *store,
                                         gint64                 rid);
gboolean      crm_board_get_position    (CrmStore              *store,
                                         const char            *lead_id,
                                         CrmBoardPosition      *position,
                                         GError               **error);
void          crm_board_position_clear  (CrmBoardPosition      *position);
gboolean      crm_board_restore         (CrmStore              *store,
                                         const char            *lead_id,
                                         const CrmBoardPosition *position,
                                         GError               **error);
char         *crm_board_add_lead        (CrmStore              *store,
                                         const char            *stage_id,
                                         const char            *name,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBoardCard, crm_board_card_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmBoardPosition, crm_board_position_clear)

G_END_DECLS
