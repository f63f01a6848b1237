/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-record"

#include "config.h"

#include "crm-record.h"

#include <string.h>

#include "crm-activity.h"
#include "crm-client.h"
#include "crm-contact.h"
#include "crm-lead.h"
#include "crm-task.h"

typedef struct
{
  char       *table;
  GHashTable *values; /* column → text; NULL columns are absent */
  GPtrArray  *columns;
} CrmRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CrmRecord, crm_record, G_TYPE_OBJECT)

static char *
property_to_column (const char *name)
{
  char *column = g_strdup (name);

  g_strdelimit (column, "-", '_');
  return column;
}

static void
crm_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmRecord *self = CRM_RECORD (object);
  g_autofree char *column = property_to_column (pspec->name);

  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING)
    g_value_set_string (value, crm_record_get_text (self, column));
  else if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_INT64)
    g_value_set_int64 (value, crm_record_get_int (self, column, 0));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_record_finalize (GObject *object)
{
  CrmRecord *self = CRM_RECORD (object);
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_free (priv->table);
  g_clear_pointer (&priv->values, g_hash_table_unref);
  g_clear_pointer (&priv->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_record_parent_class)->finalize (object);
}

static void
crm_record_class_init (CrmRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = crm_record_get_property;
  object_class->finalize = crm_record_finalize;

  crm_record_class_install_columns (klass,
                                    (const char *const[]) { "id", NULL },
                                    (const char *const[]) { "rid", "created_ms", "updated_ms", NULL });
}

static void
crm_record_init (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  priv->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  priv->columns = g_ptr_array_new_with_free_func (g_free);
}

/**
 * crm_record_class_install_columns:
 * @klass: a record class
 * @text_columns: (array zero-terminated=1): text columns
 * @int_columns: (array zero-terminated=1) (nullable): integer columns
 *
 * Installs one read-only property per column.
 */
void
crm_record_class_install_columns (CrmRecordClass    *klass,
                                  const char *const *text_columns,
                                  const char *const *int_columns)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  guint prop_id = 1;

  /* GObject does not inherit get_property into a subclass that installs
   * properties of its own. */
  object_class->get_property = crm_record_get_property;

  /* Property ids only need to be unique per class; start past any the
   * parent installed. */
  prop_id = g_type_class_peek_parent (klass) != NULL ? 1000 * (g_type_depth (G_TYPE_FROM_CLASS (klass))) : 1;

  for (guint i = 0; text_columns != NULL && text_columns[i] != NULL; i++)
    {
      g_autofree char *dashed = g_strdelimit (g_strdup (text_columns[i]), "_", '-');
      /* Interned: G_PARAM_STATIC_STRINGS keeps the pointer. */
      const char *name = g_intern_string (dashed);

      if (g_object_class_find_property (object_class, name) != NULL)
        continue;
      g_object_class_install_property (object_class, prop_id++,
                                       g_param_spec_string (name, NULL, NULL, NULL,
                                                            G_PARAM_READABLE |
                                                            G_PARAM_STATIC_STRINGS));
    }
  for (guint i = 0; int_columns != NULL && int_columns[i] != NULL; i++)
    {
      g_autofree char *dashed = g_strdelimit (g_strdup (int_columns[i]), "_", '-');
      /* Interned: G_PARAM_STATIC_STRINGS keeps the pointer. */
      const char *name = g_intern_string (dashed);

      if (g_object_class_find_property (object_class, name) != NULL)
        continue;
      g_object_class_install_property (object_class, prop_id++,
                                       g_param_spec_int64 (name, NULL, NULL,
                                                           G_MININT64, G_MAXINT64, 0,
                                                           G_PARAM_READABLE |
                                                           G_PARAM_STATIC_STRINGS));
    }
}

GType
crm_record_type_for_table (const char *tbl)
{
  if (g_strcmp0 (tbl, "leads") == 0)
    return CRM_TYPE_LEAD;
  if (g_strcmp0 (tbl, "contacts") == 0)
    return CRM_TYPE_CONTACT;
  if (g_strcmp0 (tbl, "clients") == 0)
    return CRM_TYPE_CLIENT;
  if (g_strcmp0 (tbl, "activities") == 0)
    return CRM_TYPE_ACTIVITY;
  if (g_strcmp0 (tbl, "tasks") == 0)
    return CRM_TYPE_TASK;
  return CRM_TYPE_RECORD;
}

/**
 * crm_record_new_from_stmt:
 * @tbl: the table the row comes from
 * @stmt: a statement positioned on a row
 *
 * Returns: (transfer full): a record of the table's type holding every
 *   column of the current row
 */
CrmRecord *
crm_record_new_from_stmt (const char   *tbl,
                          sqlite3_stmt *stmt)
{
  CrmRecord *self;
  CrmRecordPrivate *priv;
  int n;

  g_return_val_if_fail (tbl != NULL, NULL);
  g_return_val_if_fail (stmt != NULL, NULL);

  self = g_object_new (crm_record_type_for_table (tbl), NULL);
  priv = crm_record_get_instance_private (self);
  priv->table = g_strdup (tbl);

  n = sqlite3_column_count (stmt);
  for (int i = 0; i < n; i++)
    {
      char *column = g_strdup (sqlite3_column_name (stmt, i));

      g_ptr_array_add (priv->columns, column);
      if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
        g_hash_table_insert (priv->values, column,
                             g_strdup ((const char *) sqlite3_column_text (stmt, i)));
    }
  return self;
}

/**
 * crm_record_new_from_hash:
 * @tbl: the table
 * @values: column → text
 *
 * Returns: (transfer full): a record holding a copy of @values
 */
CrmRecord *
crm_record_new_from_hash (const char *tbl,
                          GHashTable *values)
{
  CrmRecord *self;
  CrmRecordPrivate *priv;
  GHashTableIter iter;
  gpointer key, value;

  self = g_object_new (crm_record_type_for_table (tbl), NULL);
  priv = crm_record_get_instance_private (self);
  priv->table = g_strdup (tbl);

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char *column = g_strdup (key);

      g_ptr_array_add (priv->columns, column);
      if (value != NULL)
        g_hash_table_insert (priv->values, column, g_strdup (value));
    }
  return self;
}

const char *
crm_record_get_table (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), NULL);
  return priv->table;
}

const char *
crm_record_get_id (CrmRecord *self)
{
  return crm_record_get_text (self, "id");
}

gint64
crm_record_get_rid (CrmRecord *self)
{
  return crm_record_get_int (self, "rid", 0);
}

/**
 * crm_record_get_text:
 * @self: a #CrmRecord
 * @column: a column name
 *
 * Returns: (nullable): the column's value as text, %NULL when it is NULL or
 *   the row has no such column
 */
const char *
crm_record_get_text (CrmRecord  *self,
                     const char *column)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  return g_hash_table_lookup (priv->values, column);
}

gint64
crm_record_get_int (CrmRecord  *self,
                    const char *column,
                    gint64      fallback)
{
  const char *text = crm_record_get_text (self, column);

  if (text == NULL)
    return fallback;
  return g_ascii_strtoll (text, NULL, 10);
}

gboolean
crm_record_has_value (CrmRecord  *self,
                      const char *column)
{
  return crm_record_get_text (self, column) != NULL;
}

gboolean
crm_record_is_deleted (CrmRecord *self)
{
  return crm_record_get_int (self, "_deleted", 0) != 0;
}

/**
 * crm_record_dup_columns:
 * @self: a #CrmRecord
 *
 * Returns: (transfer full): the row's column names in table order
 */
GStrv
crm_record_dup_columns (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; i < priv->columns->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (priv->columns, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}
