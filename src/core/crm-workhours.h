/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmWorkHours:
 * @tz: the workspace time zone
 * @start_minutes: when a working day starts, minutes after local midnight
 * @end_minutes: when it ends (up to 24 × 60), later than the start
 * @days: working days, bit 0 for Monday … bit 6 for Sunday
 *
 * When people work, for placing generated tasks: pure arithmetic on UTC
 * milliseconds, no database. Working minutes are real elapsed minutes, so
 * a day that loses or gains an hour to DST keeps its local 9:00 and 18:00.
 */
typedef struct
{
  GTimeZone *tz;
  guint      start_minutes;
  guint      end_minutes;
  guint8     days;
} CrmWorkHours;

CrmWorkHours *crm_work_hours_new          (GTimeZone          *tz,
                                           guint               start_minutes,
                                           guint               end_minutes,
                                           guint8              days);
void          crm_work_hours_free         (CrmWorkHours       *wh);
gboolean      crm_work_hours_is_working   (const CrmWorkHours *wh,
                                           gint64              ms);
gint64        crm_work_hours_next_working (const CrmWorkHours *wh,
                                           gint64              ms);
gint64        crm_work_hours_add_minutes  (const CrmWorkHours *wh,
                                           gint64              ms,
                                           gint64              minutes);
gint64        crm_work_hours_add_days     (const CrmWorkHours *wh,
                                           gint64              ms,
                                           int                 days,
                                           int                 months);
gint64        crm_work_hours_next_date    (const CrmWorkHours *wh,
                                           gint64              ms,
                                           int                 month,
                                           int                 day);
gint64        crm_local_day_start         (GTimeZone          *tz,
                                           gint64              ms,
                                           int                 add_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmWorkHours, crm_work_hours_free)

G_END_DECLS
