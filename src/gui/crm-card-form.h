/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-card-logic.h"
#include "crm-record.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARD_FORM (crm_card_form_get_type ())
G_DECLARE_FINAL_TYPE (CrmCardForm, crm_card_form, CRM, CARD_FORM, GObject)

/*
 * The editing machinery the lead, contact and client cards share: binds
 * entry rows, combo rows and text views to columns of one record, checks
 * each value as it is typed (the message shows under the field), and saves
 * valid changes a moment after typing stops, through crm_store_apply.
 * Phones and e-mails are rows of their own tables, managed per group.
 *
 * Signals: "saved" (const char *id, gboolean created) after a write;
 * "probe-changed" when a name, company, phone or e-mail changed (for the
 * duplicate banner); "failed" (const char *message) when a write failed.
 */
CrmCardForm *crm_card_form_new              (CrmStore       *store,
                                             const char     *table);
void         crm_card_form_load             (CrmCardForm    *self,
                                             CrmRecord      *record);
void         crm_card_form_set_create_value (CrmCardForm    *self,
                                             const char     *column,
                                             const char     *value);
CrmRecord   *crm_card_form_get_record       (CrmCardForm    *self);
const char  *crm_card_form_get_id           (CrmCardForm    *self);
const char  *crm_card_form_get_region       (CrmCardForm    *self);
void         crm_card_form_bind_entry       (CrmCardForm    *self,
                                             AdwEntryRow    *row,
                                             const char     *column,
                                             CrmCheck        check);
void         crm_card_form_bind_choice      (CrmCardForm    *self,
                                             AdwComboRow    *row,
                                             const char     *column,
                                             const char *const *ids,
                                             const char *const *labels);
void         crm_card_form_set_choices      (CrmCardForm    *self,
                                             AdwComboRow    *row,
                                             const char *const *ids,
                                             const char *const *labels);
void         crm_card_form_bind_text_view   (CrmCardForm    *self,
                                             GtkTextView    *view,
                                             const char     *column);
void         crm_card_form_bind_addresses   (CrmCardForm    *self,
                                             AdwPreferencesGroup *group,
                                             const char     *tbl);
void         crm_card_form_set_read_only    (CrmCardForm    *self,
                                             gboolean        read_only);
gboolean     crm_card_form_flush            (CrmCardForm    *self);
gboolean     crm_card_form_is_valid         (CrmCardForm    *self);
char        *crm_card_form_dup_text         (CrmCardForm    *self,
                                             const char     *column);
GStrv        crm_card_form_dup_addresses    (CrmCardForm    *self,
                                             const char     *tbl);

G_END_DECLS
