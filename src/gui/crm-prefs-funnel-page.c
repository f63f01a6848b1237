/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-funnel"

#include "config.h"

#include "crm-prefs-funnel-page.h"
#include "crm-prefs-funnel-page-private.h"

#include <glib/gi18n.h>

#include "crm-extra-resources.h"

/* Preferences → Funnel: the pipelines and their stages. Every edit is one
 * core call (crm-pipeline.c: validation, history, sync); a refused one
 * shows a toast and the page goes back to what is stored. A stage's
 * editors are built when its row is first opened, so a long funnel opens
 * at once (crm-prefs-funnel-stages.c). */

G_DEFINE_FINAL_TYPE (CrmPrefsFunnelPage, crm_prefs_funnel_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload_stages (CrmPrefsFunnelPage *self);

/* ---- helpers ---- */

void
crm_prefs_funnel_page_toast (CrmPrefsFunnelPage *self,
                             const char         *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

void
crm_prefs_funnel_page_changed (CrmPrefsFunnelPage *self,
                               const char         *key)
{
  g_signal_emit (self, signals[CHANGED], 0, key);
}

/* Writes went through or not: a toast for the refusal, then the page
 * shows what is stored either way. */
void
crm_prefs_funnel_page_after_write (CrmPrefsFunnelPage *self,
                                   gboolean            ok,
                                   GError             *error,
                                   const char         *key)
{
  if (!ok && error != NULL)
    crm_prefs_funnel_page_toast (self, error->message);
  if (ok)
    crm_prefs_funnel_page_changed (self, key);
  crm_prefs_funnel_page_queue_reload (self);
}

CrmRecord *
crm_prefs_funnel_page_find_stage (CrmPrefsFunnelPage *self,
                                  const char         *stage_id,
                                  guint              *index)
{
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (self->stages, i);

      if (g_strcmp0 (crm_record_get_id (stage), stage_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return stage;
        }
    }
  return NULL;
}

const char *
crm_prefs_stage_id_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "stage-id");
}

static void
reload_stages (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;

  if (self->store == NULL)
    return;
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->stage_rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        expanded = g_strdup (crm_prefs_stage_id_of (row));
      adw_preferences_group_remove (self->stages_group, row);
    }
  g_ptr_array_set_size (self->stage_rows, 0);
  g_clear_pointer (&self->stages, g_ptr_array_unref);

  if (self->pipeline_id == NULL ||
      !(self->stages = crm_stage_list (self->store, self->pipeline_id, &error)))
    {
      if (error != NULL)
        crm_prefs_funnel_page_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (self->stages, i);
      GtkWidget *row = crm_prefs_stage_row_new (self, stage, i);

      adw_preferences_group_add (self->stages_group, row);
      g_ptr_array_add (self->stage_rows, row);
      if (g_strcmp0 (expanded, crm_record_get_id (stage)) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

static gboolean
reload_stages_cb (gpointer data)
{
  CrmPrefsFunnelPage *self = data;

  self->reload_id = 0;
  reload_stages (self);
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt once the signal that wrote is over: GTK still touches
 * the button or row that emitted it. */
void
crm_prefs_funnel_page_queue_reload (CrmPrefsFunnelPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_stages_cb, self);
}

/* ---- pipelines ---- */

static void
reload_pipelines (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  if (!(self->pipelines = crm_pipeline_list (self->store, &error)))
    {
      crm_prefs_funnel_page_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->pipelines->len; i++)
    {
      CrmRecord *p = g_ptr_array_index (self->pipelines, i);

      gtk_string_list_append (names, crm_record_get_text (p, "name"));
      if (g_strcmp0 (crm_record_get_id (p), self->pipeline_id) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  if (!found)
    {
      g_clear_pointer (&self->pipeline_id, g_free);
      if (self->pipelines->len > 0)
        self->pipeline_id = g_strdup (crm_record_get_id (g_ptr_array_index (self->pipelines, 0)));
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->pipeline_row, selected);
  if (self->pipelines->len > 0)
    gtk_editable_set_text (GTK_EDITABLE (self->pipeline_name_row),
                           crm_record_get_text (g_ptr_array_index (self->pipelines, selected), "name"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.delete-pipeline", self->pipelines->len > 1);
  self->loading = FALSE;
}

static void
on_pipeline_selected_cb (CrmPrefsFunnelPage *self)
{
  guint i = adw_combo_row_get_selected (self->pipeline_row);

  if (self->loading || self->pipelines == NULL || i >= self->pipelines->len)
    return;
  crm_prefs_funnel_page_flush (self);
  g_free (self->pipeline_id);
  self->pipeline_id = g_strdup (crm_record_get_id (g_ptr_array_index (self->pipelines, i)));
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->pipeline_name_row),
                         crm_record_get_text (g_ptr_array_index (self->pipelines, i), "name"));
  self->loading = FALSE;
  reload_stages (self);
}

static void
on_pipeline_name_apply_cb (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_pipeline_rename (self->store, self->pipeline_id,
                            gtk_editable_get_text (GTK_EDITABLE (self->pipeline_name_row)), &error))
    crm_prefs_funnel_page_toast (self, error->message);
  else
    crm_prefs_funnel_page_changed (self, "pipelines");
  reload_pipelines (self);
}

static void
on_new_pipeline_response_cb (AdwMessageDialog   *dialog,
                             const char         *response,
                             CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  if (!(id = crm_pipeline_add (self->store, gtk_editable_get_text (GTK_EDITABLE (entry)), &error)))
    {
      crm_prefs_funnel_page_toast (self, error->message);
      return;
    }
  g_free (self->pipeline_id);
  self->pipeline_id = g_steal_pointer (&id);
  crm_prefs_funnel_page_changed (self, "pipelines");
  reload_pipelines (self);
  reload_stages (self);
}

static void
on_new_pipeline_entry_changed_cb (GtkEditable      *entry,
                                  AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           !crm_text_is_blank (gtk_editable_get_text (entry)));
}

static void
new_pipeline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("New Pipeline"),
                                                       _("A separate funnel, for instance for wholesale "
                                                         "buyers. It starts with the stages New, Won and "
                                                         "Refused; add the others here.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), C_("thing name", "Name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("thing name", "Name"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (on_new_pipeline_entry_changed_cb), dialog);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_pipeline_response_cb (AdwMessageDialog   *dialog,
                                const char         *response,
                                CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!crm_pipeline_delete (self->store, self->pipeline_id, &error))
    {
      crm_prefs_funnel_page_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->pipeline_id, g_free);
  crm_prefs_funnel_page_changed (self, "pipelines");
  reload_pipelines (self);
  reload_stages (self);
}

static void
delete_pipeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (widget);
  guint i = adw_combo_row_get_selected (self->pipeline_row);
  AdwMessageDialog *dialog;

  if (self->pipelines == NULL || i >= self->pipelines->len)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL,
                                                       _("Only a pipeline without leads can be deleted.")));
  adw_message_dialog_format_heading (dialog, _("Delete Pipeline “%s”?"),
                                     crm_record_get_text (g_ptr_array_index (self->pipelines, i), "name"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_stage_apply_cb (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autofree char *id = NULL;
  const char *after = NULL;
  const char *const *colors;

  /* New stages go before the closing ones (won, lost), after the last
   * open or nurture stage: where a manager would put "Meeting set". */
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (self->stages, i);
      const char *kind = crm_record_get_text (stage, "kind");

      if (g_strcmp0 (kind, "open") == 0)
        after = crm_record_get_id (stage);
    }
  input.name = gtk_editable_get_text (GTK_EDITABLE (self->new_stage_row));
  colors = crm_prefs_stage_colors ();
  input.color = colors[self->stages != NULL ? self->stages->len % g_strv_length ((GStrv) colors) : 0];
  if (!(id = crm_stage_add (self->store, self->pipeline_id, &input, after, &error)))
    {
      crm_prefs_funnel_page_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_stage_row), "");
  crm_prefs_funnel_page_changed (self, "stages");
  reload_stages (self);
}

/* ---- GObject ---- */

static void
crm_prefs_funnel_page_dispose (GObject *object)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (object);

  /* Closing right after a change still saves it (quietly: the rows are
   * going away). */
  if (self->spin_timeout_id != 0 && self->store != NULL)
    {
      CrmStageInput input = CRM_STAGE_INPUT_INIT;

      if (g_str_equal (self->spin_field, "rotting_days"))
        input.rotting_days = self->spin_value;
      else
        input.sla_minutes = self->spin_value;
      if (crm_stage_update (self->store, self->spin_stage_id, &input, NULL))
        crm_prefs_funnel_page_changed (self, "stages");
    }
  g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFS_FUNNEL_PAGE);
  G_OBJECT_CLASS (crm_prefs_funnel_page_parent_class)->dispose (object);
}

static void
crm_prefs_funnel_page_finalize (GObject *object)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (object);

  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);
  g_free (self->pipeline_id);
  g_free (self->spin_stage_id);
  G_OBJECT_CLASS (crm_prefs_funnel_page_parent_class)->finalize (object);
}

static void
crm_prefs_funnel_page_class_init (CrmPrefsFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_prefs_funnel_page_dispose;
  object_class->finalize = crm_prefs_funnel_page_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) crm_extra_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-prefs-funnel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, pipeline_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, pipeline_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, stages_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, new_stage_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_pipeline_selected_cb",
                                                G_CALLBACK (on_pipeline_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_pipeline_name_apply_cb",
                                                G_CALLBACK (on_pipeline_name_apply_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_new_stage_apply_cb",
                                                G_CALLBACK (on_new_stage_apply_cb));

  gtk_widget_class_install_action (widget_class, "funnel.new-pipeline", NULL, new_pipeline_action);
  gtk_widget_class_install_action (widget_class, "funnel.delete-pipeline", NULL, delete_pipeline_action);
}

static void
crm_prefs_funnel_page_init (CrmPrefsFunnelPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stage_rows = g_ptr_array_new ();
}

/* ---- public ---- */

void
crm_prefs_funnel_page_set_store (CrmPrefsFunnelPage *self,
                                 CrmStore           *store)
{
  g_return_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self));
  g_return_if_fail (CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  crm_prefs_funnel_page_reload (self);
}

/**
 * crm_prefs_funnel_page_reload:
 * @self: a #CrmPrefsFunnelPage
 *
 * Shows what is stored now (after a change made elsewhere).
 */
void
crm_prefs_funnel_page_reload (CrmPrefsFunnelPage *self)
{
  g_return_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self));

  if (self->store == NULL)
    return;
  reload_pipelines (self);
  reload_stages (self);
}

const char *
crm_prefs_funnel_page_get_pipeline (CrmPrefsFunnelPage *self)
{
  g_return_val_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self), NULL);
  return self->pipeline_id;
}

/**
 * crm_prefs_funnel_page_get_stage_row:
 * @self: a #CrmPrefsFunnelPage
 * @stage_id: a stage of the pipeline shown
 *
 * Returns: (transfer none) (nullable): its row (for tests and focus)
 */
GtkWidget *
crm_prefs_funnel_page_get_stage_row (CrmPrefsFunnelPage *self,
                                     const char         *stage_id)
{
  g_return_val_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self), NULL);

  for (guint i = 0; i < self->stage_rows->len; i++)
    if (g_strcmp0 (crm_prefs_stage_id_of (g_ptr_array_index (self->stage_rows, i)), stage_id) == 0)
      return g_ptr_array_index (self->stage_rows, i);
  return NULL;
}

/**
 * crm_prefs_funnel_page_flush:
 * @self: a #CrmPrefsFunnelPage
 *
 * Writes a value still waiting for the spin arrows to stop.
 */
void
crm_prefs_funnel_page_flush (CrmPrefsFunnelPage *self)
{
  g_return_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self));

  if (self->spin_timeout_id == 0)
    return;
  g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
  crm_prefs_funnel_page_save_spin (self);
}
