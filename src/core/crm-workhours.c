/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-workhours"

#include "config.h"

#include "crm-workhours.h"

/* Generated tasks never land at night or on a day off: these functions
 * move a moment to the next working one and count working minutes. Local
 * dates are walked with GDate and turned back into UTC through the zone
 * for each day, so weekends, DST changes and any IANA zone come out right
 * without special cases. */

#define MINUTE_MS G_GINT64_CONSTANT (60000)

static GDateTime *
local_time (GTimeZone *tz,
            gint64     ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_to_timezone (utc, tz);
}

static void
local_date (GTimeZone *tz,
            gint64     ms,
            GDate     *date)
{
  g_autoptr(GDateTime) dt = local_time (tz, ms);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt), g_date_time_get_year (dt));
}

/* @minutes after the local midnight of @date (24 × 60 is the next midnight). */
static gint64
at_minutes (GTimeZone   *tz,
            const GDate *date,
            guint        minutes)
{
  GDate d = *date;
  g_autoptr(GDateTime) dt = NULL;

  if (minutes >= 24 * 60)
    {
      g_date_add_days (&d, minutes / (24 * 60));
      minutes %= 24 * 60;
    }
  dt = g_date_time_new (tz, g_date_get_year (&d), g_date_get_month (&d),
                        g_date_get_day (&d), minutes / 60, minutes % 60, 0);
  return g_date_time_to_unix (dt) * 1000;
}

static gboolean
is_work_day (const CrmWorkHours *wh,
             const GDate        *date)
{
  /* GDate: Monday is 1, Sunday 7. */
  return (wh->days & (1 << (g_date_get_weekday (date) - 1))) != 0;
}

CrmWorkHours *
crm_work_hours_new (GTimeZone *tz,
                    guint      start_minutes,
                    guint      end_minutes,
                    guint8     days)
{
  CrmWorkHours *wh = g_new0 (CrmWorkHours, 1);

  wh->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
  wh->start_minutes = MIN (start_minutes, 24 * 60);
  wh->end_minutes = MIN (end_minutes, 24 * 60);
  if (wh->end_minutes <= wh->start_minutes)
    {
      wh->start_minutes = 9 * 60;
      wh->end_minutes = 18 * 60;
    }
  wh->days = days & 0x7f;
  return wh;
}

void
crm_work_hours_free (CrmWorkHours *wh)
{
  if (wh == NULL)
    return;
  g_time_zone_unref (wh->tz);
  g_free (wh);
}

/**
 * crm_work_hours_is_working:
 * @wh: work hours
 * @ms: a moment, UTC milliseconds
 *
 * Returns: whether @ms falls on a working day between its start
 *   (included) and its end (excluded)
 */
gboolean
crm_work_hours_is_working (const CrmWorkHours *wh,
                           gint64              ms)
{
  GDate date;

  g_return_val_if_fail (wh != NULL, FALSE);

  if (wh->days == 0)
    return TRUE;
  local_date (wh->tz, ms, &date);
  return is_work_day (wh, &date) &&
         ms >= at_minutes (wh->tz, &date, wh->start_minutes) &&
         ms < at_minutes (wh->tz, &date, wh->end_minutes);
}

/**
 * crm_work_hours_next_working:
 * @wh: work hours
 * @ms: a moment, UTC milliseconds
 *
 * Returns: @ms itself in working time, else the start of the next working
 *   day's hours (Friday 19:00 → Monday 09:00). With no working day at all,
 *   @ms.
 */
gint64
crm_work_hours_next_working (const CrmWorkHours *wh,
                             gint64              ms)
{
  GDate date;

  g_return_val_if_fail (wh != NULL, ms);

  if (wh->days == 0)
    return ms;
  local_date (wh->tz, ms, &date);
  for (guint i = 0; i < 8; i++, g_date_add_days (&date, 1))
    {
      gint64 start, end;

      if (!is_work_day (wh, &date))
        continue;
      start = at_minutes (wh->tz, &date, wh->start_minutes);
      end = at_minutes (wh->tz, &date, wh->end_minutes);
      if (ms < start)
        return start;
      if (ms < end)
        return ms;
    }
  return ms;
}

/**
 * crm_work_hours_add_minutes:
 * @wh: work hours
 * @ms: the start, UTC milliseconds
 * @minutes: working minutes to add (0 just moves @ms into working time)
 *
 * Counts only working time: 15 minutes from Friday 17:55 is Monday 09:10.
 * The result may be the very end of a working day (17:45 + 15 = 18:00).
 *
 * Returns: the moment, UTC milliseconds
 */
gint64
crm_work_hours_add_minutes (const CrmWorkHours *wh,
                            gint64              ms,
                            gint64              minutes)
{
  gint64 t;
  gint64 rest;

  g_return_val_if_fail (wh != NULL, ms);

  if (wh->days == 0)
    return ms + MAX (minutes, 0) * MINUTE_MS;

  t = crm_work_hours_next_working (wh, ms);
  rest = MAX (minutes, 0) * MINUTE_MS;
  /* At most one pass per day; a year of minutes is plenty of bound. */
  for (guint i = 0; i < 800 && rest > 0; i++)
    {
      GDate date;
      gint64 end;

      local_date (wh->tz, t, &date);
      end = at_minutes (wh->tz, &date, wh->end_minutes);
      if (t + rest <= end)
        return t + rest;
      rest -= end - t;
      t = crm_work_hours_next_working (wh, end);
    }
  return t + rest;
}

/**
 * crm_work_hours_add_days:
 * @wh: work hours
 * @ms: the start, UTC milliseconds
 * @days: calendar days to add
 * @months: calendar months to add
 *
 * Adds calendar time on the local wall clock (a day is 23 or 25 hours
 * across DST), then moves the result into working time.
 *
 * Returns: the moment, UTC milliseconds
 */
gint64
crm_work_hours_add_days (const CrmWorkHours *wh,
                         gint64              ms,
                         int                 days,
                         int                 months)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autoptr(GDateTime) shifted = NULL;

  g_return_val_if_fail (wh != NULL, ms);

  dt = local_time (wh->tz, ms);
  moved = g_date_time_add_months (dt, months);
  shifted = g_date_time_add_days (moved, days);
  return crm_work_hours_next_working (wh, g_date_time_to_unix (shifted) * 1000 + ms % 1000);
}

/**
 * crm_work_hours_next_date:
 * @wh: work hours
 * @ms: a moment, UTC milliseconds
 * @month: 1–12
 * @day: 1–31
 *
 * Returns: the start of the working day on the next @month/@day after @ms
 *   (or the next working time after it), for greetings on a holiday
 */
gint64
crm_work_hours_next_date (const CrmWorkHours *wh,
                          gint64              ms,
                          int                 month,
                          int                 day)
{
  GDate date;
  GDate when;
  int year;

  g_return_val_if_fail (wh != NULL, ms);
  g_return_val_if_fail (month >= 1 && month <= 12 && day >= 1 && day <= 31, ms);

  local_date (wh->tz, ms, &date);
  year = g_date_get_year (&date);
  for (int i = 0; i < 9; i++, year++)
    {
      gint64 t;

      if (!g_date_valid_dmy (day, month, year))
        continue;
      g_date_clear (&when, 1);
      g_date_set_dmy (&when, day, month, year);
      t = at_minutes (wh->tz, &when, wh->start_minutes);
      if (t > ms)
        return crm_work_hours_next_working (wh, t);
    }
  return ms;
}

/**
 * crm_local_day_start:
 * @tz: a time zone
 * @ms: a moment, UTC milliseconds
 * @add_days: days to move (1: the next day)
 *
 * Returns: the local midnight of @ms's day moved by @add_days, UTC ms
 */
gint64
crm_local_day_start (GTimeZone *tz,
                     gint64     ms,
                     int        add_days)
{
  GDate date;

  local_date (tz, ms, &date);
  if (add_days > 0)
    g_date_add_days (&date, add_days);
  else if (add_days < 0)
    g_date_subtract_days (&date, -add_days);
  return at_minutes (tz, &date, 0);
}
