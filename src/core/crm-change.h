/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmChange:
 *
 * One create or update of one row, as field → value pairs. Every edit in
 * Voronka, from the GUI, the CLI, an import or the server, is a CrmChange
 * applied with crm_store_apply(), the single write path that records history,
 * field clocks and the sync outbox.
 */
typedef struct _CrmChange CrmChange;

typedef enum {
  CRM_VALUE_NULL,
  CRM_VALUE_TEXT,
  CRM_VALUE_INT,
} CrmValueType;

typedef struct
{
  char         *field;
  CrmValueType  type;
  char         *text;
  gint64        num;
} CrmChangeField;

CrmChange            *crm_change_new_create  (const char  *tbl);
CrmChange            *crm_change_new_update  (const char  *tbl,
                                              const char  *id);
void                  crm_change_free        (CrmChange   *change);
const char           *crm_change_get_table   (CrmChange   *change);
const char           *crm_change_get_id      (CrmChange   *change);
void                  crm_change_set_id      (CrmChange   *change,
                                              const char  *id);
gboolean              crm_change_is_create   (CrmChange   *change);
void                  crm_change_set_text    (CrmChange   *change,
                                              const char  *field,
                                              const char  *value);
void                  crm_change_set_int     (CrmChange   *change,
                                              const char  *field,
                                              gint64       value);
void                  crm_change_set_null    (CrmChange   *change,
                                              const char  *field);
void                  crm_change_unset       (CrmChange   *change,
                                              const char  *field);
guint                 crm_change_get_n_fields (CrmChange  *change);
const CrmChangeField *crm_change_get_field   (CrmChange   *change,
                                              guint        index);
const CrmChangeField *crm_change_lookup      (CrmChange   *change,
                                              const char  *field);
const char           *crm_change_get_text    (CrmChange   *change,
                                              const char  *field);
char                 *crm_change_field_to_string (const CrmChangeField *f);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmChange, crm_change_free)

G_END_DECLS
