/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD_PANE (crm_record_pane_get_type ())
G_DECLARE_FINAL_TYPE (CrmRecordPane, crm_record_pane, CRM, RECORD_PANE, GtkWidget)

/*
 * The side pane that shows one lead, contact or client card.
 *
 * Signals:
 *   "record-changed" (const char *table, const char *id): after any write,
 *       so lists refresh.
 *   "close-requested": the user closed the pane.
 *   "open-record" (const char *table, const char *id): the card links to
 *       another record; the window should select/show it.
 *   "toast" (AdwToast *toast): for the window's AdwToastOverlay (Undo).
 */
CrmRecordPane *crm_record_pane_new         (CrmStore      *store);
void           crm_record_pane_show_record (CrmRecordPane *self,
                                            const char    *table,
                                            const char    *id);
void           crm_record_pane_new_lead    (CrmRecordPane *self);
void           crm_record_pane_clear       (CrmRecordPane *self);
void           crm_record_pane_new_contact (CrmRecordPane *self,
                                            const char    *client_id);

CrmStore      *crm_record_pane_get_store   (CrmRecordPane *self);
const char    *crm_record_pane_get_table   (CrmRecordPane *self);
const char    *crm_record_pane_get_id      (CrmRecordPane *self);

G_END_DECLS
