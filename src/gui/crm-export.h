/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The GUI side of export: pick a format and a file, then stream the current
 * list's query through the core exporter in a worker thread. Named like the
 * core's crm-export.h on purpose (the contract); this header pulls the core
 * one in through crm-core.h, so either include gives both. */

#include <gtk/gtk.h>

#include "crm-core.h"

G_BEGIN_DECLS

typedef enum {
  CRM_EXPORT_FORMAT_CSV,
  CRM_EXPORT_FORMAT_VCARD,
} CrmExportFormat;

/* Asks for the format and the file, exports, then shows a toast on the
 * parent's AdwToastOverlay (or a dialog when it has none). @query is
 * copied: the list may change or go away meanwhile. */
void      crm_export_run           (GtkWindow            *parent,
                                    CrmStore             *store,
                                    const char           *table,
                                    CrmQuery             *query);

GtkWidget *crm_export_dialog_new  (GtkWindow            *parent,
                                    CrmStore             *store,
                                    const char           *table,
                                    CrmQuery             *query);

/* The export itself, without questions (for the dialog and tests). */
void      crm_export_write_async   (CrmStore             *store,
                                    const char           *table,
                                    CrmQuery             *query,
                                    GFile                *file,
                                    CrmExportFormat       format,
                                    char                  delimiter,
                                    gboolean              bom,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  crm_export_write_finish  (GAsyncResult         *result,
                                    guint                *n_rows,
                                    GError              **error);

G_END_DECLS
