/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-board.h"

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_ITEM (crm_board_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardItem, crm_board_item, CRM, BOARD_ITEM, GObject)

/* One card of a board column: its lead's rid at once, its fields
 * (CrmBoardCard) when the column's page arrives ("notify::card"). */
CrmBoardItem *crm_board_item_new      (gint64        rid);
gint64        crm_board_item_get_rid  (CrmBoardItem *self);
CrmBoardCard *crm_board_item_get_card (CrmBoardItem *self);
void          crm_board_item_set_card (CrmBoardItem *self,
                                       CrmBoardCard *card);

G_END_DECLS
