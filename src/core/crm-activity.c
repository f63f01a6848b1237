/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-activity"

#include "config.h"

#include "crm-activity.h"

/* An append-only timeline entry: a call, a note, an e-mail, a meeting. */

struct _CrmActivity
{
  CrmRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmActivity, crm_activity, CRM_TYPE_RECORD)

static const char *const text_columns[] = {
  "entity_type",
  "entity_id",
  "kind",
  "direction",
  "outcome",
  "subject",
  "body",
  "attachment",
  "user_id",
  NULL
};

static const char *const int_columns[] = {
  "duration_s",
  "at_ms",
  NULL
};

static void
crm_activity_class_init (CrmActivityClass *klass)
{
  CrmRecordClass *record_class = CRM_RECORD_CLASS (klass);

  record_class->table = "activities";
  crm_record_class_install_columns (record_class, text_columns, int_columns);
}

static void
crm_activity_init (CrmActivity *self)
{
}

const char *
crm_activity_get_entity_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "entity_id");
}

const char *
crm_activity_get_kind (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "kind");
}

const char *
crm_activity_get_outcome (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "outcome");
}

const char *
crm_activity_get_body (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "body");
}

gint64
crm_activity_get_at_ms (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "at_ms", 0);
}
