/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-clock"

#include "config.h"

#include "crm-clock.h"

/*
 * Every piece of core that asks "what time is it" asks a CrmClock, so tests and
 * `voronka-cli --now` can move time without touching the system clock.
 */
struct _CrmClock
{
  GObject  parent_instance;
  gint64   fixed_ms;
  gboolean fixed;
};

G_DEFINE_FINAL_TYPE (CrmClock, crm_clock, G_TYPE_OBJECT)

static void
crm_clock_class_init (CrmClockClass *klass)
{
}

static void
crm_clock_init (CrmClock *self)
{
}

/**
 * crm_clock_new:
 *
 * Returns: (transfer full): a clock that follows the system wall clock.
 */
CrmClock *
crm_clock_new (void)
{
  return g_object_new (CRM_TYPE_CLOCK, NULL);
}

/**
 * crm_clock_new_fixed:
 * @now_ms: UTC milliseconds since the epoch
 *
 * Returns: (transfer full): a clock standing still at @now_ms until moved.
 */
CrmClock *
crm_clock_new_fixed (gint64 now_ms)
{
  CrmClock *self = crm_clock_new ();

  crm_clock_set_fixed (self, now_ms);
  return self;
}

gint64
crm_clock_get_now_ms (CrmClock *self)
{
  g_return_val_if_fail (CRM_IS_CLOCK (self), 0);

  if (self->fixed)
    return self->fixed_ms;
  return g_get_real_time () / 1000;
}

void
crm_clock_set_fixed (CrmClock *self,
                     gint64    now_ms)
{
  g_return_if_fail (CRM_IS_CLOCK (self));

  self->fixed = TRUE;
  self->fixed_ms = now_ms;
}

void
crm_clock_advance (CrmClock *self,
                   gint64    delta_ms)
{
  g_return_if_fail (CRM_IS_CLOCK (self));

  if (!self->fixed)
    crm_clock_set_fixed (self, crm_clock_get_now_ms (self));
  self->fixed_ms += delta_ms;
}

void
crm_clock_set_real (CrmClock *self)
{
  g_return_if_fail (CRM_IS_CLOCK (self));

  self->fixed = FALSE;
}

gboolean
crm_clock_is_fixed (CrmClock *self)
{
  g_return_val_if_fail (CRM_IS_CLOCK (self), FALSE);

  return self->fixed;
}

/**
 * crm_parse_iso8601_ms:
 * @text: an ISO 8601 date-time ("2026-03-01T10:00:00+03:00"); a value without
 *   a zone is taken in the local time zone, a bare date as its local midnight
 * @out_ms: (out): UTC milliseconds
 *
 * Returns: %TRUE if @text parsed
 */
gboolean
crm_parse_iso8601_ms (const char *text,
                      gint64     *out_ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  g_return_val_if_fail (out_ms != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (midnight, local);
    }
  if (dt == NULL)
    return FALSE;

  *out_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

/**
 * crm_format_iso8601_ms:
 * @ms: UTC milliseconds
 *
 * Returns: (transfer full): "2026-03-01T07:00:00.000Z"
 */
char *
crm_format_iso8601_ms (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *base = NULL;

  if (dt == NULL)
    return g_strdup ("");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) (((ms % 1000) + 1000) % 1000));
}
