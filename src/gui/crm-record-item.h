/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD_ITEM (crm_record_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmRecordItem, crm_record_item, CRM, RECORD_ITEM, GObject)

CrmRecordItem *crm_record_item_new        (gint64         rid);
gint64         crm_record_item_get_rid    (CrmRecordItem *self);
CrmRecord     *crm_record_item_get_record (CrmRecordItem *self);
void           crm_record_item_set_record (CrmRecordItem *self,
                                           CrmRecord     *record);
void           crm_record_item_reset      (CrmRecordItem *self,
                                           gint64         rid);

G_END_DECLS
