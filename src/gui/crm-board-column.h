/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-board-model.h"
#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_COLUMN (crm_board_column_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardColumn, crm_board_column, CRM, BOARD_COLUMN, GtkWidget)

/* One stage of the board: its header (name, count, sum, "+") and a
 * one-column GtkGridView of fixed-height cards over a CrmBoardModel (GTK
 * 4.8's list view keeps up to 200 rows alive and lays them all out every
 * frame; its grid view about 30). Drags carry
 * "rid" text; signals:
 *   "card-dropped" (gint64 rid, guint index): a card dropped at @index of
 *     the list as shown (the dragged card itself counted)
 *   "card-action" (gint64 rid, const char *action): "open", "up", "down",
 *     "top", "bottom", "left", "right" or "to:STAGE_ID" (menu, keys)
 *   "add-requested" (const char *name): the "+" popover's Add
 *   "drag-finished": a drag that started here ended */
CrmBoardColumn *crm_board_column_new          (CrmRecord      *stage,
                                               CrmBoardModel  *model,
                                               GMenuModel     *move_menu);
CrmBoardModel  *crm_board_column_get_model    (CrmBoardColumn *self);
CrmRecord      *crm_board_column_get_stage    (CrmBoardColumn *self);
const char     *crm_board_column_get_stage_id (CrmBoardColumn *self);
const char     *crm_board_column_get_kind     (CrmBoardColumn *self);
void            crm_board_column_set_currency (CrmBoardColumn *self,
                                               const char     *currency);
void            crm_board_column_focus_rid    (CrmBoardColumn *self,
                                               gint64          rid);
GtkAdjustment  *crm_board_column_get_vadjustment (CrmBoardColumn *self);
guint           crm_board_column_index_at     (CrmBoardColumn *self,
                                               double          y);
void            crm_board_column_hide_slot    (CrmBoardColumn *self);
GtkGridView    *crm_board_column_get_list_view (CrmBoardColumn *self);

G_END_DECLS
