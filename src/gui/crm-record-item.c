/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-record-item"

#include "config.h"

#include "crm-record-item.h"

/* One row of a CrmRecordModel: its rid at once, its record when its page
 * has been read off the UI thread ("notify::record"). Rows bind to it, so
 * a page arriving updates the visible cells without an items-changed. */

struct _CrmRecordItem
{
  GObject    parent_instance;

  gint64     rid;
  CrmRecord *record;
};

G_DEFINE_FINAL_TYPE (CrmRecordItem, crm_record_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RID,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_record_item_dispose (GObject *object)
{
  CrmRecordItem *self = CRM_RECORD_ITEM (object);

  g_clear_object (&self->record);
  G_OBJECT_CLASS (crm_record_item_parent_class)->dispose (object);
}

static void
crm_record_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmRecordItem *self = CRM_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_RID:
      g_value_set_int64 (value, self->rid);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_item_class_init (CrmRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_record_item_dispose;
  object_class->get_property = crm_record_item_get_property;

  properties[PROP_RID] =
    g_param_spec_int64 ("rid", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CRM_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_record_item_init (CrmRecordItem *self)
{
}

CrmRecordItem *
crm_record_item_new (gint64 rid)
{
  CrmRecordItem *self = g_object_new (CRM_TYPE_RECORD_ITEM, NULL);

  self->rid = rid;
  return self;
}

gint64
crm_record_item_get_rid (CrmRecordItem *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_ITEM (self), 0);
  return self->rid;
}

/**
 * crm_record_item_get_record:
 * @self: a #CrmRecordItem
 *
 * Returns: (transfer none) (nullable): the record, %NULL while its page
 *   is being read
 */
CrmRecord *
crm_record_item_get_record (CrmRecordItem *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_ITEM (self), NULL);
  return self->record;
}

void
crm_record_item_set_record (CrmRecordItem *self,
                            CrmRecord     *record)
{
  g_return_if_fail (CRM_IS_RECORD_ITEM (self));

  if (self->record == record)
    return;
  g_set_object (&self->record, record);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * crm_record_item_reset:
 * @self: a #CrmRecordItem
 * @rid: the row it now stands for
 *
 * Makes the item stand for another row of a new result (its record comes
 * with that row's page): the model rewrites the items GTK shows rather
 * than replacing them.
 */
void
crm_record_item_reset (CrmRecordItem *self,
                       gint64         rid)
{
  g_return_if_fail (CRM_IS_RECORD_ITEM (self));

  if (self->rid == rid)
    return;
  self->rid = rid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RID]);
  crm_record_item_set_record (self, NULL);
}
