/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmCsvReader:
 * A streaming RFC 4180 reader: constant memory whatever the file's size
 * (bounded by the largest record), encoding and delimiter sniffed.
 */
typedef struct _CrmCsvReader CrmCsvReader;

/**
 * CrmCsvWriter:
 * Writes RFC 4180 records with CRLF line ends, as Excel reads them.
 */
typedef struct _CrmCsvWriter CrmCsvWriter;

CrmCsvReader *crm_csv_reader_new            (GInputStream        *stream,
                                             GError             **error);
void          crm_csv_reader_set_delimiter  (CrmCsvReader        *r,
                                             char                 delimiter);
char          crm_csv_reader_get_delimiter  (CrmCsvReader        *r);
const char   *crm_csv_reader_get_encoding   (CrmCsvReader        *r);
gboolean      crm_csv_reader_next           (CrmCsvReader        *r,
                                             GPtrArray          **fields_out,
                                             GError             **error);
guint         crm_csv_reader_get_line       (CrmCsvReader        *r);
gint64        crm_csv_reader_get_bytes_read (CrmCsvReader        *r);
void          crm_csv_reader_free           (CrmCsvReader        *r);

CrmCsvWriter *crm_csv_writer_new            (GOutputStream       *out,
                                             char                 delimiter,
                                             gboolean             bom);
gboolean      crm_csv_writer_write_row      (CrmCsvWriter        *w,
                                             const char *const   *fields,
                                             guint                n,
                                             GError             **error);
void          crm_csv_writer_free           (CrmCsvWriter        *w);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvReader, crm_csv_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvWriter, crm_csv_writer_free)

G_END_DECLS
