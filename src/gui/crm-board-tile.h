/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-board-item.h"

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_TILE (crm_board_tile_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardTile, crm_board_tile, CRM, BOARD_TILE, GtkWidget)

/* A card on the board: fixed height, filled from its item's CrmBoardCard
 * (a quiet placeholder until the card's page arrives). */
CrmBoardTile *crm_board_tile_new            (void);
void          crm_board_tile_set_item       (CrmBoardTile *self,
                                             CrmBoardItem *item);
CrmBoardItem *crm_board_tile_get_item       (CrmBoardTile *self);
const char   *crm_board_tile_channel_icon   (const char   *kind);
char         *crm_board_tile_describe       (CrmBoardCard *card);

G_END_DECLS
