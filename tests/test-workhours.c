/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-clock.h"
#include "crm-workhours.h"
#include "crm-test-util.h"

/* Work hours: pure arithmetic, checked against wall clocks in real zones. */

static gint64
iso (const char *text)
{
  gint64 ms = 0;

  g_assert_true (crm_parse_iso8601_ms (text, &ms));
  return ms;
}

static CrmWorkHours *
hours (const char *zone,
       guint8      days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return crm_work_hours_new (tz, 9 * 60, 18 * 60, days);
}

#define assert_ms(a, b) \
  G_STMT_START { \
    g_autofree char *sa = crm_format_iso8601_ms (a); \
    g_autofree char *sb = crm_format_iso8601_ms (b); \
    g_assert_cmpstr (sa, ==, sb); \
  } G_STMT_END

static void
test_weekend (void)
{
  g_autoptr(CrmWorkHours) wh = hours ("Europe/Moscow", 0x1f);

  /* Friday 19:00 in Moscow → Monday 09:00. */
  assert_ms (crm_work_hours_next_working (wh, iso ("2026-11-27T16:00:00Z")),
             iso ("2026-11-30T06:00:00Z"));
  /* Saturday and Sunday too. */
  assert_ms (crm_work_hours_next_working (wh, iso ("2026-11-28T09:00:00Z")),
             iso ("2026-11-30T06:00:00Z"));
  /* Working time stays put; before the day starts moves to 09:00. */
  assert_ms (crm_work_hours_next_working (wh, iso ("2026-11-30T10:17:00Z")),
             iso ("2026-11-30T10:17:00Z"));
  assert_ms (crm_work_hours_next_working (wh, iso ("2026-12-01T03:00:00Z")),
             iso ("2026-12-01T06:00:00Z"));
  /* 18:00 is already after hours. */
  g_assert_false (crm_work_hours_is_working (wh, iso ("2026-11-30T15:00:00Z")));
  g_assert_true (crm_work_hours_is_working (wh, iso ("2026-11-30T14:59:59Z")));
  g_assert_true (crm_work_hours_is_working (wh, iso ("2026-11-30T06:00:00Z")));
  /* 15 working minutes from Friday 17:55 → Monday 09:10. */
  assert_ms (crm_work_hours_add_minutes (wh, iso ("2026-11-27T14:55:00Z"), 15),
             iso ("2026-11-30T06:10:00Z"));
  /* Ending exactly at 18:00 is fine. */
  assert_ms (crm_work_hours_add_minutes (wh, iso ("2026-11-27T14:45:00Z"), 15),
             iso ("2026-11-27T15:00:00Z"));
}

static void
test_week (void)
{
  g_autoptr(CrmWorkHours) wh = hours ("Europe/Moscow", 0x1f);
  gint64 monday = iso ("2026-11-30T06:00:00Z");

  /* A holiday-free week is 5 × 9 hours. */
  assert_ms (crm_work_hours_add_minutes (wh, monday, 5 * 9 * 60),
             iso ("2026-12-04T15:00:00Z"));
  assert_ms (crm_work_hours_add_minutes (wh, monday, 5 * 9 * 60 + 1),
             iso ("2026-12-07T06:01:00Z"));
  /* Two weeks less a minute. */
  assert_ms (crm_work_hours_add_minutes (wh, monday, 10 * 9 * 60 - 1),
             iso ("2026-12-11T14:59:00Z"));
  /* No working days at all: plain time. */
  {
    g_autoptr(CrmWorkHours) any = hours ("Europe/Moscow", 0);
    assert_ms (crm_work_hours_add_minutes (any, monday, 60), monday + 3600000);
  }
  /* A six-day week works Saturdays. */
  {
    g_autoptr(CrmWorkHours) six = hours ("Europe/Moscow", 0x3f);
    assert_ms (crm_work_hours_next_working (six, iso ("2026-11-27T16:00:00Z")),
               iso ("2026-11-28T06:00:00Z"));
  }
}

static void
test_dst (void)
{
  g_autoptr(CrmWorkHours) wh = hours ("Europe/Berlin", 0x1f);
  g_autoptr(CrmWorkHours) all = hours ("Europe/Berlin", 0x7f);

  /* Spring forward on Sunday 2026-03-29: Friday is CET (+1), Monday CEST (+2).
   * Friday 17:00 + 2 working hours → Monday 10:00 CEST. */
  assert_ms (crm_work_hours_add_minutes (wh, iso ("2026-03-27T16:00:00Z"), 120),
             iso ("2026-03-30T08:00:00Z"));
  /* Saturday 09:00 CET, every day working: Sunday 09:00 is CEST, 23 h later. */
  assert_ms (crm_work_hours_add_days (all, iso ("2026-03-28T08:00:00Z"), 1, 0),
             iso ("2026-03-29T07:00:00Z"));
  assert_ms (crm_work_hours_next_working (all, iso ("2026-03-29T00:30:00Z")),
             iso ("2026-03-29T07:00:00Z"));
  /* Fall back on Sunday 2026-10-25: 09:00 CET is 08:00Z, a 25-hour day before. */
  assert_ms (crm_work_hours_add_days (all, iso ("2026-10-24T07:00:00Z"), 1, 0),
             iso ("2026-10-25T08:00:00Z"));
  assert_ms (crm_work_hours_next_working (all, iso ("2026-10-25T01:30:00Z")),
             iso ("2026-10-25T08:00:00Z"));
  /* The working day across the change is still nine wall-clock hours. */
  assert_ms (crm_work_hours_add_minutes (all, iso ("2026-10-25T08:00:00Z"), 9 * 60),
             iso ("2026-10-25T17:00:00Z"));
  /* Local midnights on both sides of the change. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
    assert_ms (crm_local_day_start (tz, iso ("2026-03-29T12:00:00Z"), 0),
               iso ("2026-03-28T23:00:00Z"));
    assert_ms (crm_local_day_start (tz, iso ("2026-03-29T12:00:00Z"), 1),
               iso ("2026-03-29T22:00:00Z"));
  }
}

static void
test_zones (void)
{
  gint64 friday = iso ("2026-11-27T15:30:00Z");
  g_autoptr(CrmWorkHours) moscow = hours ("Europe/Moscow", 0x1f);
  g_autoptr(CrmWorkHours) vladivostok = hours ("Asia/Vladivostok", 0x1f);
  g_autoptr(CrmWorkHours) new_york = hours ("America/New_York", 0x1f);

  /* One moment: 18:30 in Moscow, 01:30 Saturday in Vladivostok, 10:30 in New York. */
  assert_ms (crm_work_hours_next_working (moscow, friday), iso ("2026-11-30T06:00:00Z"));
  assert_ms (crm_work_hours_next_working (vladivostok, friday), iso ("2026-11-29T23:00:00Z"));
  assert_ms (crm_work_hours_next_working (new_york, friday), friday);
  /* Three months later, and the next New Year's greeting day. */
  assert_ms (crm_work_hours_add_days (moscow, iso ("2026-12-01T07:00:00Z"), 0, 3),
             iso ("2027-03-01T07:00:00Z"));
  assert_ms (crm_work_hours_next_date (moscow, iso ("2026-12-01T07:00:00Z"), 12, 28),
             iso ("2026-12-28T06:00:00Z"));
  assert_ms (crm_work_hours_next_date (moscow, iso ("2026-12-29T07:00:00Z"), 12, 28),
             iso ("2027-12-28T06:00:00Z"));
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/workhours/weekend", test_weekend);
  g_test_add_func ("/core/workhours/week", test_week);
  g_test_add_func ("/core/workhours/dst", test_dst);
  g_test_add_func ("/core/workhours/zones", test_zones);

  return crm_test_run ();
}
