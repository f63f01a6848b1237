/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-dedupe.h"

G_BEGIN_DECLS

#define CRM_TYPE_DUPLICATE_BANNER (crm_duplicate_banner_get_type ())
G_DECLARE_FINAL_TYPE (CrmDuplicateBanner, crm_duplicate_banner, CRM, DUPLICATE_BANNER, GtkWidget)

/* "Possible duplicate: …" with Open, Merge… and Not a duplicate. Signals
 * "open", "merge", "ignore", each (const char *entity_type, const char *id)
 * of the candidate shown. Merge is offered only for a record of the same
 * kind as the card's. */
CrmDuplicateBanner *crm_duplicate_banner_new            (void);
void                crm_duplicate_banner_set_candidates (CrmDuplicateBanner *self,
                                                         const char         *own_type,
                                                         GPtrArray          *candidates);
guint               crm_duplicate_banner_get_n_candidates (CrmDuplicateBanner *self);
const CrmDuplicate *crm_duplicate_banner_get_shown      (CrmDuplicateBanner *self);

G_END_DECLS
