/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmChannelInfo:
 * One lead source with what it cost in a month (kopecks, or the minor unit
 * of the workspace currency).
 */
typedef struct
{
  char    *id;
  char    *name;
  char    *kind;
  gint64   spend;
  gint64   n_leads;
} CrmChannelInfo;

void        crm_channel_info_free       (CrmChannelInfo *info);

/* Workspace settings with their rules; all through the write path. */
gboolean    crm_settings_set_region     (CrmStore    *store,
                                         const char  *region,
                                         GError     **error);
gboolean    crm_settings_set_currency   (CrmStore    *store,
                                         const char  *currency,
                                         GError     **error);
GTimeZone  *crm_settings_get_timezone   (CrmStore    *store);
gboolean    crm_settings_set_timezone   (CrmStore    *store,
                                         const char  *tz_id,
                                         GError     **error);
gboolean    crm_settings_set_work_hours (CrmStore    *store,
                                         guint        start_minutes,
                                         guint        end_minutes,
                                         GError     **error);
void        crm_settings_get_work_hours (CrmStore    *store,
                                         guint       *start_minutes,
                                         guint       *end_minutes);
gboolean    crm_settings_set_work_days  (CrmStore    *store,
                                         guint8       days_mask,
                                         GError     **error);
guint8      crm_settings_get_work_days  (CrmStore    *store);
gboolean    crm_settings_set_sla_minutes (CrmStore   *store,
                                         guint        minutes,
                                         GError     **error);
guint       crm_settings_get_sla_minutes (CrmStore   *store);
char       *crm_settings_format_minutes (guint        minutes);
gint64      crm_settings_data_version   (CrmStore    *store);
GStrv       crm_settings_list_timezones (const char  *tzdir);
gboolean    crm_settings_parse_minutes  (const char  *text,
                                         guint       *minutes);

/* Channels and their monthly spend. @month is "YYYY-MM". */
GPtrArray  *crm_channels_list           (CrmStore    *store,
                                         const char  *month,
                                         GError     **error);
char       *crm_channel_add             (CrmStore    *store,
                                         const char  *name,
                                         const char  *kind,
                                         GError     **error);
gboolean    crm_channel_rename          (CrmStore    *store,
                                         const char  *channel_id,
                                         const char  *name,
                                         GError     **error);
gboolean    crm_channel_remove          (CrmStore    *store,
                                         const char  *channel_id,
                                         GError     **error);
gboolean    crm_channel_set_spend       (CrmStore    *store,
                                         const char  *channel_id,
                                         const char  *month,
                                         gint64       amount,
                                         GError     **error);
gint64      crm_channel_get_spend       (CrmStore    *store,
                                         const char  *channel_id,
                                         const char  *month);
gboolean    crm_money_parse             (const char  *text,
                                         gint64      *amount);
char       *crm_money_format            (gint64       amount,
                                         const char  *currency);
char       *crm_money_format_plain      (gint64       amount);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmChannelInfo, crm_channel_info_free)

G_END_DECLS
