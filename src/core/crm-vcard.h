/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmVcardValue:
 * @value: a phone number or an e-mail address
 * @type: (nullable): its TYPE parameters, lowercase, comma-joined
 *   ("cell,voice", "internet,work"), %NULL when it has none
 */
typedef struct
{
  char *value;
  char *type;
} CrmVcardValue;

/**
 * CrmVcard:
 * @fn: the formatted name
 * @last: family name (N, first component)
 * @first: given name (N, second component)
 * @middle: additional names (N, third component)
 * @org: the organization and its units, joined with ", "
 * @title: the job title
 * @note: the notes; several NOTE properties joined with a newline
 * @phones: (element-type CrmVcardValue): TEL properties
 * @emails: (element-type CrmVcardValue): EMAIL properties
 * @uid: the card's UID
 * @url: its URL
 * @adr: the first address, its non-empty components joined with ", "
 * @line: the line of BEGIN:VCARD
 *
 * The parts of a vCard a CRM keeps. Strings are %NULL when absent or
 * blank, never empty; line breaks in them are "\n".
 */
typedef struct
{
  char      *fn;
  char      *last;
  char      *first;
  char      *middle;
  char      *org;
  char      *title;
  char      *note;
  GPtrArray *phones;  /* CrmVcardValue */
  GPtrArray *emails;  /* CrmVcardValue */
  char      *uid;
  char      *url;
  char      *adr;
  guint      line;
} CrmVcard;

/**
 * CrmVcardReader:
 * Reads the cards of a vCard 2.1, 3.0 or 4.0 file one by one from a
 * stream, in constant memory.
 */
typedef struct _CrmVcardReader CrmVcardReader;

void            crm_vcard_value_free    (CrmVcardValue   *value);
void            crm_vcard_free          (CrmVcard        *card);
CrmVcardReader *crm_vcard_reader_new    (GInputStream    *stream,
                                         GError         **error);
gboolean        crm_vcard_reader_next   (CrmVcardReader  *r,
                                         CrmVcard       **card_out,
                                         GError         **error);
void            crm_vcard_reader_free   (CrmVcardReader  *r);
char           *crm_vcard_to_string_30  (const CrmVcard  *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcard, crm_vcard_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardValue, crm_vcard_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardReader, crm_vcard_reader_free)

G_END_DECLS
