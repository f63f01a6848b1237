/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef enum {
  CRM_IMPORT_CSV,
  CRM_IMPORT_VCARD,
} CrmImportFormat;

/**
 * CrmImportPolicy:
 * @CRM_IMPORT_SKIP: leave the existing record alone, skip the row
 * @CRM_IMPORT_MERGE: add the row's new phones, e-mails and empty fields to
 *   the existing record
 * @CRM_IMPORT_CREATE: create a new record anyway
 *
 * What to do with a row that duplicates an existing record (the same
 * phone, e-mail or INN, or the same name at the same company).
 */
typedef enum {
  CRM_IMPORT_SKIP,
  CRM_IMPORT_MERGE,
  CRM_IMPORT_CREATE,
} CrmImportPolicy;

typedef struct
{
  CrmImportFormat  format;
  CrmImportPolicy  policy;
  const char      *table;      /* "leads" (default) or "contacts" */
  const char      *mapping;    /* explicit CSV column mapping, or NULL */
  const char      *channel;    /* channel for rows without one, or NULL */
  char             delimiter;  /* 0: detect */
  gboolean         dry_run;
  gboolean         strict;
} CrmImportOptions;

typedef struct
{
  guint  line;
  char  *message;
} CrmImportProblem;

typedef struct
{
  guint  line;
  char  *existing_type;
  char  *existing_id;
  char  *existing_name;
  char  *detail;
  char  *action;   /* "skipped", "merged", "created" */
} CrmImportDuplicate;

typedef struct
{
  char       *import_id;
  char       *encoding;
  char        delimiter;
  GStrv       headers;
  GStrv       mapping;       /* field key per header */
  gboolean    dry_run;
  CrmImportPolicy policy;
  guint       rows_total;
  guint       rows_created;
  guint       rows_merged;
  guint       rows_skipped;
  guint       rows_failed;
  guint       duplicates;
  GPtrArray  *problems;      /* CrmImportProblem, the first 1,000 */
  GPtrArray  *duplicate_rows;/* CrmImportDuplicate, the first 1,000 */
} CrmImportReport;

typedef void (*CrmImportProgress) (gint64   bytes_done,
                                   gint64   bytes_total,
                                   guint    rows,
                                   gpointer user_data);

void             crm_import_options_init  (CrmImportOptions  *options);
CrmImportReport *crm_import_stream        (CrmStore          *store,
                                           GInputStream      *stream,
                                           const char        *file_name,
                                           gint64             size,
                                           const CrmImportOptions *options,
                                           GCancellable      *cancellable,
                                           CrmImportProgress  progress,
                                           gpointer           user_data,
                                           GError           **error);
CrmImportReport *crm_import_file          (CrmStore          *store,
                                           const char        *path,
                                           const CrmImportOptions *options,
                                           GCancellable      *cancellable,
                                           CrmImportProgress  progress,
                                           gpointer           user_data,
                                           GError           **error);
void             crm_import_report_free   (CrmImportReport   *report);
const char      *crm_import_policy_to_string (CrmImportPolicy policy);
gboolean         crm_import_policy_from_string (const char   *text,
                                           CrmImportPolicy   *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportReport, crm_import_report_free)

G_END_DECLS
