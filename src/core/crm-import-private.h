/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-fields.h"
#include "crm-import.h"
#include "crm-store.h"
#include "crm-vcard.h"

G_BEGIN_DECLS

/* One imported row, from a CSV record or a vCard, before validation. */

typedef struct
{
  char *raw;
  char *label;
} Value;

typedef struct
{
  guint      line;
  char      *values[CRM_N_FIELDS];
  GPtrArray *phones;  /* Value */
  GPtrArray *emails;  /* Value */
} Row;

void        crm_import_value_free        (gpointer    data);
void        crm_import_row_init          (Row        *row,
                                          guint       line);
void        crm_import_row_clear         (Row        *row);
void        crm_import_row_set           (Row        *row,
                                          CrmField    field,
                                          const char *cell);
void        crm_import_row_from_vcard    (Row        *row,
                                          CrmVcard   *card);
char       *crm_import_row_full_name     (Row        *row);
gboolean    crm_import_parse_money       (const char *text,
                                          gint64     *minor);
gboolean    crm_import_parse_date        (CrmStore   *store,
                                          const char *text,
                                          gint64     *ms);
const char *crm_import_parse_temperature (const char *text);

typedef struct
{
  CrmStore               *store;
  const CrmImportOptions *options;
  CrmImportReport        *report;
  const char             *table;
  char                   *import_id;
  char                   *default_channel;
  char                   *pipeline_id;
  char                   *stage_id;
  GHashTable             *channels;  /* folded name → id */
  GHashTable             *stages;    /* folded name → id */
  GHashTable             *users;     /* folded name → id */
  GHashTable             *clients;   /* company key → id */
  GArray                 *reindex;   /* rids of merged rows and contacts */
  GArray                 *pending;   /* search entries of new leads */
} Import;

void        crm_import_add_problem       (Import       *imp,
                                          guint         line,
                                          const char   *message);
gboolean    crm_import_apply_row         (Import       *imp,
                                          Row          *row,
                                          GError      **error);
gboolean    crm_import_run_csv           (Import             *imp,
                                          GInputStream       *stream,
                                          gint64              size,
                                          GCancellable       *cancellable,
                                          CrmImportProgress   progress,
                                          gpointer            user_data,
                                          GError            **error);
gboolean    crm_import_run_vcard         (Import             *imp,
                                          GInputStream       *stream,
                                          gint64              size,
                                          GCancellable       *cancellable,
                                          CrmImportProgress   progress,
                                          gpointer            user_data,
                                          GError            **error);

G_END_DECLS
