/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE (crm_timeline_get_type ())
G_DECLARE_FINAL_TYPE (CrmTimeline, crm_timeline, CRM, TIMELINE, GtkWidget)

/* A record's activities, newest first, and the forms to log a call (with
 * outcome, duration, notes or transcript, and a recording file), a note,
 * an e-mail or a meeting. Signal "logged" (const char *activity_id). */
CrmTimeline *crm_timeline_new         (void);
void         crm_timeline_set_record  (CrmTimeline *self,
                                       CrmStore    *store,
                                       const char  *entity_type,
                                       const char  *entity_id);
void         crm_timeline_reload      (CrmTimeline *self);
void         crm_timeline_start_log   (CrmTimeline *self,
                                       const char  *kind);
void         crm_timeline_set_read_only (CrmTimeline *self,
                                       gboolean     read_only);
guint        crm_timeline_get_n_items (CrmTimeline *self);

G_END_DECLS
