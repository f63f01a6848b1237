/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-hlc"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "crm-hlc.h"

/**
 * crm_hlc_tick:
 * @state: the device's clock state
 * @wall_ms: the wall clock now
 *
 * Stamps a local event. Never goes backwards, even when the wall clock does.
 *
 * Returns: the new HLC
 */
CrmHlc
crm_hlc_tick (CrmHlcState *state,
              gint64       wall_ms)
{
  CrmHlc wall = ((CrmHlc) MAX (wall_ms, 0)) << 16;

  if (wall > state->last)
    state->last = wall;
  else
    state->last++;
  return state->last;
}

/**
 * crm_hlc_receive:
 * @state: the device's clock state
 * @remote: an HLC seen on a pulled change
 * @wall_ms: the wall clock now
 * @out_hlc: (out) (optional): the new local HLC
 *
 * The HLC receive rule. A remote time more than ten minutes ahead of our wall
 * clock is not adopted: one PC with a wrong clock must not drag every other
 * PC's edits into the future.
 *
 * Returns: %FALSE if @remote was too far ahead and was not adopted
 */
gboolean
crm_hlc_receive (CrmHlcState *state,
                 CrmHlc       remote,
                 gint64       wall_ms,
                 CrmHlc      *out_hlc)
{
  CrmHlc wall = ((CrmHlc) MAX (wall_ms, 0)) << 16;
  gboolean adopted = TRUE;

  if (crm_hlc_get_wall_ms (remote) > wall_ms + CRM_HLC_MAX_SKEW_MS)
    {
      adopted = FALSE;
      remote = 0;
    }

  if (wall > state->last && wall > remote)
    state->last = wall;
  else if (remote > state->last)
    state->last = remote + 1;
  else
    state->last++;

  if (out_hlc != NULL)
    *out_hlc = state->last;
  return adopted;
}

gint64
crm_hlc_get_wall_ms (CrmHlc hlc)
{
  return (gint64) (hlc >> 16);
}

/* Wire form: fixed-width hex "0193a1b2c3d4.0002", which sorts as text. */
void
crm_hlc_format (CrmHlc hlc,
                char   out[18])
{
  g_snprintf (out, 18, "%012" G_GINT64_MODIFIER "x.%04x",
              (guint64) (hlc >> 16), (guint) (hlc & 0xffff));
}

char *
crm_hlc_to_string (CrmHlc hlc)
{
  char *out = g_malloc (18);

  crm_hlc_format (hlc, out);
  return out;
}

gboolean
crm_hlc_parse (const char *text,
               CrmHlc     *out_hlc)
{
  guint64 wall = 0;
  guint counter = 0;

  if (text == NULL || strlen (text) != 17 || text[12] != '.')
    return FALSE;
  for (guint i = 0; i < 17; i++)
    {
      if (i == 12)
        continue;
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      if (i < 12)
        wall = (wall << 4) | g_ascii_xdigit_value (text[i]);
      else
        counter = (counter << 4) | g_ascii_xdigit_value (text[i]);
    }
  *out_hlc = (wall << 16) | counter;
  return TRUE;
}
