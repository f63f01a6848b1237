/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CRM_TYPE_RECORD (crm_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (CrmRecord, crm_record, CRM, RECORD, GObject)

/**
 * CrmRecordClass:
 * @table: the SQLite table rows of this class come from
 *
 * A read-only snapshot of one row. Edits never go through a record: they are
 * #CrmChange values applied by the store, which then hands out new records.
 * Subclasses (#CrmLead, #CrmContact, …) expose columns as GObject properties
 * named after them ("full-name" for full_name) so views can bind them.
 */
struct _CrmRecordClass
{
  GObjectClass  parent_class;

  const char   *table;

  /*< private >*/
  gpointer      padding[8];
};

CrmRecord   *crm_record_new_from_stmt   (const char    *tbl,
                                         sqlite3_stmt  *stmt);
CrmRecord   *crm_record_new_from_hash   (const char    *tbl,
                                         GHashTable    *values);
const char  *crm_record_get_table       (CrmRecord     *self);
const char  *crm_record_get_id          (CrmRecord     *self);
gint64       crm_record_get_rid         (CrmRecord     *self);
const char  *crm_record_get_text        (CrmRecord     *self,
                                         const char    *column);
gint64       crm_record_get_int         (CrmRecord     *self,
                                         const char    *column,
                                         gint64         fallback);
gboolean     crm_record_has_value       (CrmRecord     *self,
                                         const char    *column);
gboolean     crm_record_is_deleted      (CrmRecord     *self);
GStrv        crm_record_dup_columns     (CrmRecord     *self);
void         crm_record_class_install_columns (CrmRecordClass    *klass,
                                               const char *const *text_columns,
                                               const char *const *int_columns);
GType        crm_record_type_for_table  (const char    *tbl);

G_END_DECLS
