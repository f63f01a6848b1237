/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_ADDRESS_ROW (crm_address_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmAddressRow, crm_address_row, CRM, ADDRESS_ROW, AdwEntryRow)

/* One phone or e-mail of a card: a labelled entry with a call (tel:) or
 * write (mailto:) button and a remove button. Signals: "remove-requested",
 * "label-changed". */
CrmAddressRow *crm_address_row_new        (const char    *tbl,
                                           const char    *region);
const char    *crm_address_row_get_table  (CrmAddressRow *self);
const char    *crm_address_row_get_id     (CrmAddressRow *self);
void           crm_address_row_set_id     (CrmAddressRow *self,
                                           const char    *id);
const char    *crm_address_row_get_label  (CrmAddressRow *self);
void           crm_address_row_set_label  (CrmAddressRow *self,
                                           const char    *label);
void           crm_address_row_set_read_only (CrmAddressRow *self,
                                           gboolean       read_only);
void           crm_address_row_set_valid  (CrmAddressRow *self,
                                           gboolean       valid);
char          *crm_address_row_dup_uri    (CrmAddressRow *self);

G_END_DECLS
