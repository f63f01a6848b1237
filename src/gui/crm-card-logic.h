/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The record card's logic, free of GTK so it is unit-tested without a
 * display: which values are valid (with the message shown under the
 * field), URIs of the call and write buttons, labels and formats. */

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CRM_CHECK_NONE,
  CRM_CHECK_PHONE,
  CRM_CHECK_EMAIL,
  CRM_CHECK_INN,
  CRM_CHECK_KPP,
  CRM_CHECK_OGRN,
  CRM_CHECK_OKPO,
  CRM_CHECK_MONEY,
  CRM_CHECK_REQUIRED,
  CRM_CHECK_URL,
} CrmCheck;

/* Validation state of a form: column → message of each invalid field. */
typedef struct _CrmCardValidation CrmCardValidation;

char               *crm_card_check              (CrmCheck     check,
                                                 const char  *value,
                                                 const char  *region);
char               *crm_card_reason             (const char  *message);

CrmCardValidation  *crm_card_validation_new     (void);
void                crm_card_validation_free    (CrmCardValidation *v);
gboolean            crm_card_validation_update  (CrmCardValidation *v,
                                                 const char  *field,
                                                 CrmCheck     check,
                                                 const char  *value,
                                                 const char  *region);
const char         *crm_card_validation_message (CrmCardValidation *v,
                                                 const char  *field);
gboolean            crm_card_validation_is_valid (CrmCardValidation *v);
guint               crm_card_validation_n_errors (CrmCardValidation *v);

char               *crm_card_tel_uri            (const char  *raw,
                                                 const char  *region);
char               *crm_card_mailto_uri         (const char  *raw);
char               *crm_card_format_time        (gint64       ms);
const char         *crm_card_field_label        (const char  *column);
const char         *crm_card_temperature_label  (const char  *temperature);
const char *const  *crm_card_temperatures       (void);
const char         *crm_card_address_label      (const char  *label);
const char *const  *crm_card_address_labels     (const char  *tbl);
char               *crm_card_duplicate_title    (const char  *display_name,
                                                 guint        n_more);
char               *crm_card_history_line       (const char  *op,
                                                 const char  *field,
                                                 const char  *old_value,
                                                 const char  *new_value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCardValidation, crm_card_validation_free)

G_END_DECLS

#include "crm-store.h"

G_BEGIN_DECLS

char       *crm_card_format_delay       (gint64       ms);
const char *crm_card_temperature_class  (const char  *temperature);
void        crm_card_drop_own_links     (CrmStore    *store,
                                         CrmRecord   *record,
                                         GPtrArray   *duplicates);

G_END_DECLS
