/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-csv.h"

G_BEGIN_DECLS

/* For the CSV code only: the reader's state and what crm-csv.c (parsing,
 * the reader and writer API), crm-csv-decode.c (decoding) and
 * crm-csv-detect.c (encoding and delimiter detection) share. */

#define CHUNK_SIZE  (64 * 1024)

struct _CrmCsvReader
{
  GInputStream *stream;
  guint8       *chunk;        /* CHUNK_SIZE bytes of raw input */
  GIConv        conv;         /* to UTF-8; (GIConv) -1 while the input is UTF-8 */
  gsize         unit;         /* input bytes dropped after an invalid sequence */
  char         *encoding;
  gboolean      maybe_cp1251; /* "UTF-8" guessed from ASCII alone so far */
  char          delimiter;

  GByteArray   *pending;      /* raw bytes not decoded yet: a split character */
  GString      *buf;          /* decoded text from the current record on */
  gint64        buf_offset;   /* offset of buf->str[0] in all the decoded text */
  gsize         pos;          /* the parser's position in buf */
  gsize         rec_start;    /* the current record's start in buf */
  GArray       *bad;          /* gint64 offsets of the U+FFFD put for invalid input */
  guint         bad_next;     /* the first entry of bad at or after pos */
  gboolean      eof;
  GError       *io_error;

  guint         line;         /* physical line of the character at pos */
  gboolean      after_cr;     /* the last character consumed was a CR */
  guint         record_line;
  guint         bad_line;     /* line of the record's first invalid byte, or 0 */
  gint64        bytes_read;

  GPtrArray    *fields;
  GString      *field;
};

/* crm-csv-decode.c */
gboolean    crm_csv_use_iconv       (CrmCsvReader *r,
                                     const char   *encoding,
                                     gsize         unit);
void        crm_csv_decode          (CrmCsvReader *r,
                                     gboolean      final);
gboolean    crm_csv_fill            (CrmCsvReader *r);

/* crm-csv-detect.c */
const char *crm_csv_sniff_encoding  (const guint8 *data,
                                     gsize         len,
                                     gboolean     *ascii_only);
char        crm_csv_sniff_delimiter (const char   *text,
                                     gsize         len);

G_END_DECLS
