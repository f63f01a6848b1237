/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks for the fields a stage requires before a lead may enter it. The
 * callback gets field → value (every field filled in), or %NULL when the
 * person cancels. */
typedef void (*CrmBoardFieldsCallback) (GHashTable *values,
                                        gpointer    user_data);

AdwMessageDialog *crm_board_fields_dialog_new (GtkWindow              *parent,
                                               const char             *stage_name,
                                               const char *const      *fields,
                                               CrmBoardFieldsCallback  callback,
                                               gpointer                user_data,
                                               GDestroyNotify          destroy);
gboolean          crm_board_fields_dialog_fill (AdwMessageDialog      *dialog,
                                                const char            *field,
                                                const char            *value);

G_END_DECLS
