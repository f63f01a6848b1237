/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_HISTORY_VIEW (crm_history_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmHistoryView, crm_history_view, CRM, HISTORY_VIEW, GtkWidget)

/* Every change of a record's fields, newest first, with who and when. */
CrmHistoryView *crm_history_view_new        (void);
void            crm_history_view_set_record (CrmHistoryView *self,
                                             CrmStore       *store,
                                             const char     *entity_id);
void            crm_history_view_reload     (CrmHistoryView *self);
guint           crm_history_view_get_n_items (CrmHistoryView *self);

G_END_DECLS
