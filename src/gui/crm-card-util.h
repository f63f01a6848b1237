/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-card-form.h"
#include "crm-store.h"
#include "crm-timeline.h"

G_BEGIN_DECLS

/* Small GTK helpers the lead, contact and client cards share. */
void  crm_card_install_signals     (GtkWidgetClass *widget_class);
void  crm_card_set_status_pill     (GtkLabel    *label,
                                    const char  *text,
                                    const char  *css_class);
void  crm_card_present_dialog      (GtkWidget   *from,
                                    GtkWindow   *dialog);
void  crm_card_show_uri            (GtkWidget   *from,
                                    const char  *uri);
void  crm_card_delete_with_undo    (GtkWidget   *card,
                                    CrmStore    *store,
                                    const char  *tbl,
                                    const char  *id,
                                    const char  *title);
void  crm_card_records_to_choices  (GPtrArray   *records,
                                    const char  *column,
                                    const char  *none_label,
                                    GStrv       *ids,
                                    GStrv       *labels);
GtkWidget *crm_card_link_row       (const char  *title,
                                    const char  *subtitle,
                                    const char  *icon_name,
                                    const char  *table,
                                    const char  *id);
void  crm_card_clear_group         (AdwPreferencesGroup *group,
                                    GPtrArray   *rows);
void  crm_card_ensure_style        (void);
void  crm_card_ensure_resources    (void);
void  crm_card_toast_with_open     (GtkWidget   *card,
                                    const char  *text,
                                    const char  *button,
                                    const char  *tbl,
                                    const char  *id);
void  crm_card_merged_toast        (GtkWidget   *card,
                                    CrmStore    *store,
                                    const char  *tbl,
                                    const char  *kept_id,
                                    const char  *merge_id);
char *crm_card_dup_tel_uri         (CrmCardForm *form);
char *crm_card_dup_mailto_uri      (CrmCardForm *form);
void  crm_card_update_reach        (GtkWidget   *card,
                                    CrmCardForm *form,
                                    const char  *call_action,
                                    const char  *write_action);
GPtrArray *crm_card_find_duplicates (CrmStore   *store,
                                    CrmCardForm *form,
                                    const char  *entity_type,
                                    const char  *full_name_column,
                                    const char  *company_column,
                                    const char  *inn_column,
                                    GError     **error);
void  crm_card_delete_form_record  (GtkWidget   *card,
                                    CrmStore    *store,
                                    const char  *tbl,
                                    CrmCardForm *form,
                                    GtkLabel    *title_label);
const char *crm_card_field_catalog (const char  *field);
void  crm_card_reach_out           (GtkWidget   *card,
                                    const char  *uri,
                                    AdwViewStack *view_stack,
                                    CrmTimeline *timeline,
                                    const char  *kind);
void  crm_card_open_merge          (GtkWidget   *card,
                                    CrmStore    *store,
                                    const char  *tbl,
                                    const char  *id,
                                    const char  *other_id,
                                    GCallback    merged_cb);
gboolean crm_card_ignore_duplicate (GtkWidget   *card,
                                    CrmStore    *store,
                                    const char  *id,
                                    const char  *other_id);
void  crm_card_toast               (GtkWidget   *card,
                                    AdwToast    *toast);
void  crm_card_unparent_children   (GtkWidget   *widget);
GtkWidget *crm_card_error_row_new_after (GtkWidget *row);
void  crm_card_error_row_show      (GtkWidget   *row,
                                    GtkWidget   *error_row,
                                    const char  *message);

G_END_DECLS
