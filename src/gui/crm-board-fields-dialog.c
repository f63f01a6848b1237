/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board-fields"

#include "config.h"

#include "crm-board-fields-dialog.h"

#include <glib/gi18n.h>

#include "crm-funnel.h"

/* A message dialog with one entry row per missing field; "Move" is
 * enabled once every row has text. The rules (which fields, what counts as
 * filled) stay in core: crm_funnel_missing_fields() and crm_funnel_move(). */

typedef struct
{
  GPtrArray              *rows;
  GStrv                   fields;
  CrmBoardFieldsCallback  callback;
  gpointer                user_data;
  GDestroyNotify          destroy;
  gboolean                done;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  if (!ask->done && ask->callback != NULL)
    ask->callback (NULL, ask->user_data);
  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_ptr_array_unref (ask->rows);
  g_strfreev (ask->fields);
  g_free (ask);
}

static void
update_response (AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "crm-ask");
  gboolean all = TRUE;

  for (guint i = 0; i < ask->rows->len; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (ask->rows, i))));

      if (*text == '\0')
        all = FALSE;
    }
  adw_message_dialog_set_response_enabled (dialog, "move", all);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "crm-ask");
  g_autoptr(GHashTable) values = NULL;

  if (ask->done)
    return;
  ask->done = TRUE;
  if (g_strcmp0 (response, "move") != 0)
    {
      ask->callback (NULL, ask->user_data);
      return;
    }
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < ask->rows->len; i++)
    g_hash_table_insert (values, g_strdup (ask->fields[i]),
                         g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (ask->rows, i)))));
  ask->callback (values, ask->user_data);
}

/**
 * crm_board_fields_dialog_new:
 * @parent: (nullable): the window
 * @stage_name: the stage the lead goes to
 * @fields: what crm_funnel_missing_fields() named
 *
 * Returns: (transfer none): the dialog, not yet presented
 */
AdwMessageDialog *
crm_board_fields_dialog_new (GtkWindow              *parent,
                             const char             *stage_name,
                             const char *const      *fields,
                             CrmBoardFieldsCallback  callback,
                             gpointer                user_data,
                             GDestroyNotify          destroy)
{
  g_autofree char *body = g_strdup_printf (_("“%s” needs these details before a lead can enter it."),
                                           stage_name);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  Ask *ask = g_new0 (Ask, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Fill In to Move"), body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  adw_message_dialog_set_close_response (dialog, "cancel");

  ask->rows = g_ptr_array_new ();
  ask->fields = g_strdupv ((GStrv) fields);
  ask->callback = callback;
  ask->user_data = user_data;
  ask->destroy = destroy;
  g_object_set_data_full (G_OBJECT (dialog), "crm-ask", ask, ask_free);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_funnel_field_label (fields[i]));
      gtk_widget_set_name (row, fields[i]);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (update_response), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (ask->rows, row);
    }
  adw_message_dialog_set_extra_child (dialog, list);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  update_response (dialog);
  return dialog;
}

/* For tests and scripts: type @value into the row of @field. */
gboolean
crm_board_fields_dialog_fill (AdwMessageDialog *dialog,
                              const char       *field,
                              const char       *value)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "crm-ask");

  g_return_val_if_fail (ask != NULL, FALSE);
  for (guint i = 0; i < ask->rows->len; i++)
    if (g_strcmp0 (ask->fields[i], field) == 0)
      {
        gtk_editable_set_text (g_ptr_array_index (ask->rows, i), value);
        return TRUE;
      }
  return FALSE;
}
