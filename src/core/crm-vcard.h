/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmVcardValue:
 * @value: a phone number or an e-mail address
 * @type: its TYPE parameters, lowercase, comma-joined ("cell,voice")
 */
typedef struct
{
  char *value;
  char *type;
} CrmVcardValue;

/**
 * CrmVcard:
 * The parts of a vCard a CRM keeps. @line is where the card begins.
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardReader, crm_vcard_reader_free)

G_END_DECLS
