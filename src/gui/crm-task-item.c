/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-item"

#include "config.h"

#include "crm-task-item.h"

/* One row of the Tasks page: a header at once, or a task whose record,
 * linked name and owner arrive with its page ("notify::task"). */

struct _CrmTaskItem
{
  GObject     parent_instance;

  CrmTaskRow  row;
  CrmTask    *task;
  char       *entity_name;
  char       *owner_name;
  gint64      now_ms;
};

G_DEFINE_FINAL_TYPE (CrmTaskItem, crm_task_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_TASK, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
crm_task_item_finalize (GObject *object)
{
  CrmTaskItem *self = CRM_TASK_ITEM (object);

  g_clear_object (&self->task);
  g_free (self->entity_name);
  g_free (self->owner_name);
  G_OBJECT_CLASS (crm_task_item_parent_class)->finalize (object);
}

static void
crm_task_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, CRM_TASK_ITEM (object)->task);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_task_item_class_init (CrmTaskItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_task_item_finalize;
  object_class->get_property = crm_task_item_get_property;
  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL, CRM_TYPE_TASK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_task_item_init (CrmTaskItem *self)
{
}

CrmTaskItem *
crm_task_item_new (const CrmTaskRow *row)
{
  CrmTaskItem *self = g_object_new (CRM_TYPE_TASK_ITEM, NULL);

  self->row = *row;
  return self;
}

const CrmTaskRow *
crm_task_item_get_row (CrmTaskItem *self)
{
  g_return_val_if_fail (CRM_IS_TASK_ITEM (self), NULL);
  return &self->row;
}

/**
 * crm_task_item_get_task:
 * @self: a #CrmTaskItem
 *
 * Returns: (transfer none) (nullable): the task, %NULL for a header or
 *   while its page is being read
 */
CrmTask *
crm_task_item_get_task (CrmTaskItem *self)
{
  g_return_val_if_fail (CRM_IS_TASK_ITEM (self), NULL);
  return self->task;
}

const char *
crm_task_item_get_entity_name (CrmTaskItem *self)
{
  g_return_val_if_fail (CRM_IS_TASK_ITEM (self), NULL);
  return self->entity_name;
}

const char *
crm_task_item_get_owner_name (CrmTaskItem *self)
{
  g_return_val_if_fail (CRM_IS_TASK_ITEM (self), NULL);
  return self->owner_name;
}

/**
 * crm_task_item_get_now_ms:
 * @self: a #CrmTaskItem
 *
 * Returns: the moment its task was read for ("in 5 min" is from then), 0
 *   before it was
 */
gint64
crm_task_item_get_now_ms (CrmTaskItem *self)
{
  g_return_val_if_fail (CRM_IS_TASK_ITEM (self), 0);
  return self->now_ms;
}

void
crm_task_item_set_task (CrmTaskItem *self,
                        CrmTask     *task,
                        const char  *entity_name,
                        const char  *owner_name,
                        gint64       now_ms)
{
  g_return_if_fail (CRM_IS_TASK_ITEM (self));

  self->now_ms = now_ms;
  g_set_object (&self->task, task);
  g_free (self->entity_name);
  self->entity_name = g_strdup (entity_name);
  g_free (self->owner_name);
  self->owner_name = g_strdup (owner_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK]);
}
