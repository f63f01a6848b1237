/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-change"

#include "config.h"

#include "crm-change.h"

struct _CrmChange
{
  char    *tbl;
  char    *id;
  gboolean create;
  GArray  *fields;   /* CrmChangeField, in the order set */
};

static void
clear_field (gpointer data)
{
  CrmChangeField *f = data;

  g_free (f->field);
  g_free (f->text);
}

static CrmChange *
change_new (const char *tbl,
            const char *id,
            gboolean    create)
{
  CrmChange *self = g_new0 (CrmChange, 1);

  self->tbl = g_strdup (tbl);
  self->id = g_strdup (id);
  self->create = create;
  self->fields = g_array_new (FALSE, TRUE, sizeof (CrmChangeField));
  g_array_set_clear_func (self->fields, clear_field);
  return self;
}

/**
 * crm_change_new_create:
 * @tbl: the table
 *
 * Returns: (transfer full): a change that creates a row; its id is chosen by
 *   crm_store_apply() unless set with crm_change_set_id()
 */
CrmChange *
crm_change_new_create (const char *tbl)
{
  g_return_val_if_fail (tbl != NULL, NULL);

  return change_new (tbl, NULL, TRUE);
}

/**
 * crm_change_new_update:
 * @tbl: the table
 * @id: the row's id
 *
 * Returns: (transfer full): a change that updates the fields set on it
 */
CrmChange *
crm_change_new_update (const char *tbl,
                       const char *id)
{
  g_return_val_if_fail (tbl != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return change_new (tbl, id, FALSE);
}

void
crm_change_free (CrmChange *change)
{
  if (change == NULL)
    return;
  g_free (change->tbl);
  g_free (change->id);
  g_array_unref (change->fields);
  g_free (change);
}

const char *
crm_change_get_table (CrmChange *change)
{
  return change->tbl;
}

const char *
crm_change_get_id (CrmChange *change)
{
  return change->id;
}

void
crm_change_set_id (CrmChange  *change,
                   const char *id)
{
  if (change->id != id)
    {
      g_free (change->id);
      change->id = g_strdup (id);
    }
}

gboolean
crm_change_is_create (CrmChange *change)
{
  return change->create;
}

static CrmChangeField *
slot (CrmChange  *change,
      const char *field)
{
  CrmChangeField empty = { 0 };

  for (guint i = 0; i < change->fields->len; i++)
    {
      CrmChangeField *f = &g_array_index (change->fields, CrmChangeField, i);
      if (g_strcmp0 (f->field, field) == 0)
        {
          g_clear_pointer (&f->text, g_free);
          return f;
        }
    }
  empty.field = g_strdup (field);
  g_array_append_val (change->fields, empty);
  return &g_array_index (change->fields, CrmChangeField, change->fields->len - 1);
}

/**
 * crm_change_set_text:
 * @change: a change
 * @field: a column
 * @value: (nullable): the new text; %NULL or "" clears the field
 *
 * Empty strings are stored as NULL so "no phone" is one thing, not two.
 */
void
crm_change_set_text (CrmChange  *change,
                     const char *field,
                     const char *value)
{
  CrmChangeField *f = slot (change, field);

  if (value == NULL || *value == '\0')
    {
      f->type = CRM_VALUE_NULL;
      return;
    }
  f->type = CRM_VALUE_TEXT;
  f->text = g_strdup (value);
}

void
crm_change_set_int (CrmChange  *change,
                    const char *field,
                    gint64      value)
{
  CrmChangeField *f = slot (change, field);

  f->type = CRM_VALUE_INT;
  f->num = value;
}

void
crm_change_set_null (CrmChange  *change,
                     const char *field)
{
  slot (change, field)->type = CRM_VALUE_NULL;
}

void
crm_change_unset (CrmChange  *change,
                  const char *field)
{
  for (guint i = 0; i < change->fields->len; i++)
    {
      if (g_strcmp0 (g_array_index (change->fields, CrmChangeField, i).field, field) == 0)
        {
          g_array_remove_index (change->fields, i);
          return;
        }
    }
}

guint
crm_change_get_n_fields (CrmChange *change)
{
  return change->fields->len;
}

const CrmChangeField *
crm_change_get_field (CrmChange *change,
                      guint      index)
{
  g_return_val_if_fail (index < change->fields->len, NULL);

  return &g_array_index (change->fields, CrmChangeField, index);
}

const CrmChangeField *
crm_change_lookup (CrmChange  *change,
                   const char *field)
{
  for (guint i = 0; i < change->fields->len; i++)
    {
      const CrmChangeField *f = &g_array_index (change->fields, CrmChangeField, i);
      if (g_strcmp0 (f->field, field) == 0)
        return f;
    }
  return NULL;
}

/* The text of @field if the change sets it to text, else NULL. */
const char *
crm_change_get_text (CrmChange  *change,
                     const char *field)
{
  const CrmChangeField *f = crm_change_lookup (change, field);

  return f != NULL && f->type == CRM_VALUE_TEXT ? f->text : NULL;
}

char *
crm_change_field_to_string (const CrmChangeField *f)
{
  switch (f->type)
    {
    case CRM_VALUE_TEXT:
      return g_strdup (f->text);
    case CRM_VALUE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, f->num);
    case CRM_VALUE_NULL:
    default:
      return NULL;
    }
}
