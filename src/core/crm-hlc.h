/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hybrid logical clock value: (wall_ms << 16) | counter (SYNC.md). */
typedef guint64 CrmHlc;

#define CRM_HLC_MAX_SKEW_MS (10 * 60 * 1000)

typedef struct
{
  CrmHlc last;
} CrmHlcState;

CrmHlc    crm_hlc_tick        (CrmHlcState *state,
                               gint64       wall_ms);
gboolean  crm_hlc_receive     (CrmHlcState *state,
                               CrmHlc       remote,
                               gint64       wall_ms,
                               CrmHlc      *out_hlc);
char     *crm_hlc_to_string   (CrmHlc       hlc);
void      crm_hlc_format      (CrmHlc       hlc,
                               char         out[18]);
gboolean  crm_hlc_parse       (const char  *text,
                               CrmHlc      *out_hlc);
gint64    crm_hlc_get_wall_ms (CrmHlc       hlc);

G_END_DECLS
