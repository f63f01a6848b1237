/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CLOCK (crm_clock_get_type ())
G_DECLARE_FINAL_TYPE (CrmClock, crm_clock, CRM, CLOCK, GObject)

CrmClock *crm_clock_new          (void);
CrmClock *crm_clock_new_fixed    (gint64    now_ms);
gint64    crm_clock_get_now_ms   (CrmClock *self);
void      crm_clock_set_fixed    (CrmClock *self,
                                  gint64    now_ms);
void      crm_clock_advance      (CrmClock *self,
                                  gint64    delta_ms);
void      crm_clock_set_real     (CrmClock *self);
gboolean  crm_clock_is_fixed     (CrmClock *self);
gboolean  crm_parse_iso8601_ms   (const char *text,
                                  gint64     *out_ms);
char     *crm_format_iso8601_ms  (gint64      ms);

G_END_DECLS
