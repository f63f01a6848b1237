/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board-item"

#include "config.h"

#include "crm-board-item.h"

struct _CrmBoardItem
{
  GObject       parent_instance;

  gint64        rid;
  CrmBoardCard *card;
};

G_DEFINE_FINAL_TYPE (CrmBoardItem, crm_board_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_CARD, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
crm_board_item_finalize (GObject *object)
{
  CrmBoardItem *self = CRM_BOARD_ITEM (object);

  g_clear_pointer (&self->card, crm_board_card_unref);
  G_OBJECT_CLASS (crm_board_item_parent_class)->finalize (object);
}

static void
crm_board_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmBoardItem *self = CRM_BOARD_ITEM (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_pointer (value, self->card);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_item_class_init (CrmBoardItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_board_item_finalize;
  object_class->get_property = crm_board_item_get_property;
  properties[PROP_CARD] =
    g_param_spec_pointer ("card", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_board_item_init (CrmBoardItem *self)
{
}

CrmBoardItem *
crm_board_item_new (gint64 rid)
{
  CrmBoardItem *self = g_object_new (CRM_TYPE_BOARD_ITEM, NULL);

  self->rid = rid;
  return self;
}

gint64
crm_board_item_get_rid (CrmBoardItem *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_ITEM (self), 0);
  return self->rid;
}

/**
 * crm_board_item_get_card:
 * Returns: (transfer none) (nullable): the card's fields, %NULL until read
 */
CrmBoardCard *
crm_board_item_get_card (CrmBoardItem *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_ITEM (self), NULL);
  return self->card;
}

void
crm_board_item_set_card (CrmBoardItem *self,
                         CrmBoardCard *card)
{
  g_return_if_fail (CRM_IS_BOARD_ITEM (self));

  /* A re-read that changed nothing leaves the card on screen alone. */
  if (crm_board_card_equal (card, self->card))
    return;
  if (card != NULL)
    crm_board_card_ref (card);
  g_clear_pointer (&self->card, crm_board_card_unref);
  self->card = card;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}
