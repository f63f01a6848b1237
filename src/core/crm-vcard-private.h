/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-vcard.h"

G_BEGIN_DECLS

/* For the vCard code only: the reader's state and what crm-vcard.c (cards
 * and the reader API), crm-vcard-decode.c (lines and the text of values)
 * and crm-vcard-write.c (the writer) share. */

#define CHUNK_SIZE (64 * 1024)
#define MAX_CARD   (1024 * 1024)

struct _CrmVcardReader
{
  GInputStream *stream;
  guint8       *raw;           /* CHUNK_SIZE bytes of input */
  GIConv        conv;          /* UTF-16 to UTF-8, or (GIConv) -1 */
  GByteArray   *pending;       /* UTF-16 not converted yet: a split character */
  GByteArray   *buf;           /* text to split into lines */
  gsize         buf_pos;
  gboolean      eof;
  gboolean      skip_lf;       /* the last line ended in CR: an LF now belongs to it */
  gboolean      cp1251;        /* text without CHARSET is Windows-1251 */
  guint         line;          /* physical lines read */

  GString      *ahead;         /* one physical line read ahead while unfolding */
  gboolean      has_ahead;
  gboolean      ahead_long;
  guint         ahead_line;

  GString      *logical;
  GString      *physical;
  gboolean      begin_pending; /* a BEGIN:VCARD was met inside a card */
  guint         begin_line;
};

/* crm-vcard-decode.c */
void      crm_vcard_decode_utf16     (CrmVcardReader  *r,
                                      const guint8    *data,
                                      gsize            len,
                                      gboolean         final);
gboolean  crm_vcard_looks_cp1251     (const guint8    *data,
                                      gsize            len);
gssize    crm_vcard_find_colon       (const char      *s,
                                      gsize            len);
char     *crm_vcard_line_name        (const char      *s,
                                      gsize            len);
gboolean  crm_vcard_is_encoding_name (const char      *up);
gboolean  crm_vcard_read_logical     (CrmVcardReader  *r,
                                      guint           *line_no,
                                      gboolean        *too_long,
                                      GError         **error);
GString  *crm_vcard_decode_qp        (const char      *value);
char     *crm_vcard_to_utf8          (CrmVcardReader  *r,
                                      const char      *bytes,
                                      gsize            len,
                                      const char      *charset);

/* crm-vcard.c */
void      crm_vcard_add_types        (GString         *types,
                                      const char      *list);

G_END_DECLS
