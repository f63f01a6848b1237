/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task"

#include "config.h"

#include "crm-task.h"

/* A task or reminder, possibly a step of a cadence. */

struct _CrmTask
{
  CrmRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmTask, crm_task, CRM_TYPE_RECORD)

static const char *const text_columns[] = {
  "entity_type",
  "entity_id",
  "kind",
  "title",
  "note",
  "owner_id",
  "cadence_id",
  "template_id",
  NULL
};

static const char *const int_columns[] = {
  "due_ms",
  "remind_ms",
  "done_ms",
  "cadence_step",
  NULL
};

static void
crm_task_class_init (CrmTaskClass *klass)
{
  CrmRecordClass *record_class = CRM_RECORD_CLASS (klass);

  record_class->table = "tasks";
  crm_record_class_install_columns (record_class, text_columns, int_columns);
}

static void
crm_task_init (CrmTask *self)
{
}

const char *
crm_task_get_entity_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "entity_id");
}

const char *
crm_task_get_kind (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "kind");
}

const char *
crm_task_get_title (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "title");
}

const char *
crm_task_get_owner_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);
  return crm_record_get_text (CRM_RECORD (self), "owner_id");
}

gint64
crm_task_get_due_ms (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "due_ms", 0);
}

gint64
crm_task_get_remind_ms (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "remind_ms", 0);
}

gint64
crm_task_get_done_ms (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);
  return crm_record_get_int (CRM_RECORD (self), "done_ms", 0);
}
