/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"
#include "crm-store-query.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;     /* "leads", "contacts" or "clients" */
  char        delimiter; /* ',' or ';' (Russian Excel), '\t' */
  gboolean    bom;       /* a UTF-8 BOM so Excel reads Cyrillic */
  CrmQuery   *query;     /* (nullable) the rows to export; all live rows when NULL */
} CrmExportOptions;

void      crm_export_options_init (CrmExportOptions        *options);
gboolean  crm_export_csv          (CrmStore                *store,
                                   GOutputStream           *out,
                                   const CrmExportOptions  *options,
                                   guint                   *n_rows,
                                   GCancellable            *cancellable,
                                   GError                 **error);
gboolean  crm_export_vcard        (CrmStore                *store,
                                   GOutputStream           *out,
                                   const CrmExportOptions  *options,
                                   guint                   *n_rows,
                                   GCancellable            *cancellable,
                                   GError                 **error);

G_END_DECLS
