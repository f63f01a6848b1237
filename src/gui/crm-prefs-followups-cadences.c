/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-followups"

#include "config.h"

#include "crm-prefs-followups-page-private.h"

#include <glib/gi18n.h>

#include "crm-prefs-step-dialog.h"

/* One processing regulation on Preferences → Follow-ups: its switch, and,
 * built when first opened, its name, trigger and the trigger's argument,
 * its steps (edited in CrmPrefsStepDialog, moved, removed) and deletion;
 * plus adding regulations and restoring the standard ones. Each edit is
 * one core call (crm-cadence). */

static const char *const triggers[] = {
  CRM_CADENCE_TRIGGER_LEAD_CREATED,
  CRM_CADENCE_TRIGGER_CALL_OUTCOME,
  CRM_CADENCE_TRIGGER_STAGE_ENTERED,
  CRM_CADENCE_TRIGGER_LEAD_REFUSED,
  NULL
};

static const struct {
  const char *arg;
  const char *label;
} outcomes[] = {
  { "no-answer,busy", N_("No answer or busy") },
  { "no-answer", N_("No answer") },
  { "busy", N_("Busy") },
  { "wrong-number", N_("Wrong number") },
};

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* ---- cadences: writes ---- */

typedef struct
{
  CrmPrefsFollowupsPage *page;
  char                  *cadence_id;
  gint                   index;       /* -1: a new step */
} StepTarget;

static void
step_target_free (gpointer data)
{
  StepTarget *t = data;

  g_object_unref (t->page);
  g_free (t->cadence_id);
  g_free (t);
}

static gboolean
save_step (const CrmCadenceStep  *step,
           gpointer               data,
           GError               **error)
{
  StepTarget *t = data;
  gboolean ok;

  if (t->index < 0)
    ok = crm_cadence_step_add (t->page->store, t->cadence_id, step, -1, error);
  else
    ok = crm_cadence_step_update (t->page->store, t->cadence_id, t->index, step, error);
  if (ok)
    crm_prefs_followups_page_after_write (t->page, TRUE, NULL);
  return ok;
}

static void
open_step_editor (CrmPrefsFollowupsPage *self,
                  const char            *cadence_id,
                  gint                   index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = crm_cadence_get_steps (self->store, cadence_id, &error);
  StepTarget *t;
  CrmPrefsStepDialog *dialog;

  if (steps == NULL)
    {
      crm_prefs_followups_page_toast (self, error->message);
      return;
    }
  t = g_new0 (StepTarget, 1);
  t->page = g_object_ref (self);
  t->cadence_id = g_strdup (cadence_id);
  t->index = index >= 0 && (guint) index < steps->len ? index : -1;
  dialog = crm_prefs_step_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      t->index >= 0 ? g_ptr_array_index (steps, t->index) : NULL,
                                      save_step, t, step_target_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_step_activated_cb (AdwActionRow          *row,
                      CrmPrefsFollowupsPage *self)
{
  open_step_editor (self, crm_prefs_cadence_id_of (row),
                    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step-index")));
}

static void
on_step_edit_clicked_cb (GtkButton             *button,
                         CrmPrefsFollowupsPage *self)
{
  on_step_activated_cb (g_object_get_data (G_OBJECT (button), "row"), self);
}

static void
on_add_step_activated_cb (AdwActionRow          *row,
                          CrmPrefsFollowupsPage *self)
{
  open_step_editor (self, crm_prefs_cadence_id_of (row), -1);
}

static void
on_step_move_clicked_cb (GtkButton             *button,
                         CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step-index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  gboolean ok;

  if (index + delta < 0)
    return;
  ok = crm_cadence_step_move (self->store, crm_prefs_cadence_id_of (row), index, index + delta, &error);
  crm_prefs_followups_page_after_write (self, ok, error);
}

static void
on_step_remove_clicked_cb (GtkButton             *button,
                           CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step-index"));
  gboolean ok = crm_cadence_step_remove (self->store, crm_prefs_cadence_id_of (row), index, &error);

  if (ok)
    crm_prefs_followups_page_toast (self, _("Step removed"));
  crm_prefs_followups_page_after_write (self, ok, error);
}

static void
on_active_changed_cb (GtkSwitch             *sw,
                      GParamSpec            *pspec,
                      CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->loading)
    return;
  ok = crm_cadence_update (self->store, crm_prefs_cadence_id_of (sw), NULL, NULL, NULL, NULL,
                           gtk_switch_get_active (sw) ? 1 : 0, &error);
  if (!ok)
    crm_prefs_followups_page_after_write (self, FALSE, error);
  else
    crm_prefs_followups_page_changed (self, "cadences");
}

static void
on_cadence_name_apply_cb (AdwEntryRow           *row,
                          CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = crm_cadence_update (self->store, crm_prefs_cadence_id_of (row),
                                    gtk_editable_get_text (GTK_EDITABLE (row)),
                                    NULL, NULL, NULL, -1, &error);

  crm_prefs_followups_page_after_write (self, ok, error);
}

static void
on_trigger_changed_cb (AdwComboRow           *row,
                       GParamSpec            *pspec,
                       CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (row);
  const char *arg = "";
  gboolean ok;

  if (self->loading || i >= G_N_ELEMENTS (triggers) - 1)
    return;
  /* Each trigger starts with its usual argument. */
  if (g_str_equal (triggers[i], CRM_CADENCE_TRIGGER_CALL_OUTCOME))
    arg = outcomes[0].arg;
  else if (g_str_equal (triggers[i], CRM_CADENCE_TRIGGER_STAGE_ENTERED))
    arg = "nurture";
  ok = crm_cadence_update (self->store, crm_prefs_cadence_id_of (row), NULL, triggers[i], arg, NULL, -1, &error);
  crm_prefs_followups_page_after_write (self, ok, error);
}

static void
on_arg_changed_cb (AdwComboRow           *row,
                   GParamSpec            *pspec,
                   CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  GStrv args = g_object_get_data (G_OBJECT (row), "args");
  guint i = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->loading || args == NULL || i >= g_strv_length (args))
    return;
  ok = crm_cadence_update (self->store, crm_prefs_cadence_id_of (row), NULL, NULL, args[i], NULL, -1, &error);
  crm_prefs_followups_page_after_write (self, ok, error);
}

static void
on_delete_cadence_response_cb (AdwMessageDialog      *dialog,
                               const char            *response,
                               CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  ok = crm_cadence_delete (self->store, crm_prefs_cadence_id_of (dialog), &error);
  crm_prefs_followups_page_after_write (self, ok, error);
}

static void
on_delete_cadence_clicked_cb (GtkButton             *button,
                              CrmPrefsFollowupsPage *self)
{
  CrmRecord *cadence = crm_prefs_followups_page_find_cadence (self, crm_prefs_cadence_id_of (button));
  AdwMessageDialog *dialog;

  if (cadence == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL,
                                                       _("It will start no more. Tasks it has already "
                                                         "given stay. The standard regulations can be "
                                                         "brought back with “Restore Defaults”.")));
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), crm_record_get_text (cadence, "name"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cadence-id", g_strdup (crm_prefs_cadence_id_of (button)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_cadence_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_response_cb (AdwMessageDialog      *dialog,
                        const char            *response,
                        CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  ok = crm_cadence_restore_defaults (self->store, &error);
  if (ok)
    crm_prefs_followups_page_toast (self, _("Standard regulations restored"));
  crm_prefs_followups_page_after_write (self, ok, error);
}

void
crm_prefs_followups_restore_defaults (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CrmPrefsFollowupsPage *self = CRM_PREFS_FOLLOWUPS_PAGE (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Restore the Standard Regulations?"),
                                                       _("“No answer”, “Warm” and “Refused” come back as "
                                                         "they were at first; changes made to them are "
                                                         "lost. Regulations you added stay.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
crm_prefs_followups_page_add_cadence (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = crm_cadence_create (self->store,
                                            gtk_editable_get_text (GTK_EDITABLE (self->new_cadence_row)),
                                            CRM_CADENCE_TRIGGER_LEAD_CREATED, NULL, "[]", &error);
  GtkWidget *row;

  if (id == NULL)
    {
      crm_prefs_followups_page_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_cadence_row), "");
  crm_prefs_followups_page_changed (self, "cadences");
  crm_prefs_followups_page_reload_cadences (self);
  if ((row = crm_prefs_followups_page_get_cadence_row (self, id)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* ---- cadences: rows ---- */

/* The choices for a trigger's argument: their values (returned) and
 * labels (appended to @labels). */
static GStrv
trigger_args (CrmPrefsFollowupsPage *self,
              const char            *trigger,
              GtkStringList         *labels)
{
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();

  if (g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_CALL_OUTCOME) == 0)
    for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
      {
        g_strv_builder_add (args, outcomes[i].arg);
        gtk_string_list_append (labels, _(outcomes[i].label));
      }
  else if (g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_STAGE_ENTERED) == 0)
    {
      g_autoptr(GPtrArray) pipelines = crm_pipeline_list (self->store, NULL);

      g_strv_builder_add (args, "nurture");
      gtk_string_list_append (labels, _("Any nurture stage"));
      g_strv_builder_add (args, "lost");
      gtk_string_list_append (labels, _("Any lost stage"));
      for (guint p = 0; pipelines != NULL && p < pipelines->len; p++)
        {
          CrmRecord *pipeline = g_ptr_array_index (pipelines, p);
          g_autoptr(GPtrArray) stages = crm_stage_list (self->store, crm_record_get_id (pipeline), NULL);

          for (guint i = 0; stages != NULL && i < stages->len; i++)
            {
              CrmRecord *stage = g_ptr_array_index (stages, i);

              g_strv_builder_add (args, crm_record_get_id (stage));
              if (pipelines->len > 1)
                {
                  /* Translators: a stage of a pipeline, "Wholesale: Qualified" */
                  g_autofree char *label = g_strdup_printf (_("%s: %s"), crm_record_get_text (pipeline, "name"),
                                                            crm_record_get_text (stage, "name"));
                  gtk_string_list_append (labels, label);
                }
              else
                gtk_string_list_append (labels, crm_record_get_text (stage, "name"));
            }
        }
    }
  return g_strv_builder_end (args);
}

static GtkWidget *
step_row (CrmPrefsFollowupsPage *self,
          const char            *cadence_id,
          const CrmCadenceStep  *step,
          guint                  index,
          guint                  n_steps)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%u. %s", index + 1, step->title);
  g_autofree char *when = crm_cadence_step_describe (step);
  /* Translators: when a step comes · its task kind, "after 20 min · Call" */
  g_autofree char *subtitle = g_strdup_printf (C_("step subtitle", "%s · %s"), when,
                                               crm_task_kind_label (step->kind));
  struct {
    const char *icon;
    const char *tooltip;
    int         delta;
    gboolean    sensitive;
    GCallback   cb;
  } buttons[] = {
    { "go-up-symbolic", _("Move Up"), -1, index > 0, G_CALLBACK (on_step_move_clicked_cb) },
    { "go-down-symbolic", _("Move Down"), +1, index + 1 < n_steps, G_CALLBACK (on_step_move_clicked_cb) },
    { "document-edit-symbolic", _("Edit Step"), 0, TRUE, G_CALLBACK (on_step_edit_clicked_cb) },
    { "user-trash-symbolic", _("Remove Step"), 0, TRUE, G_CALLBACK (on_step_remove_clicked_cb) },
  };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "cadence-id", g_strdup (cadence_id), g_free);
  g_object_set_data (G_OBJECT (row), "step-index", GINT_TO_POINTER (index));
  g_signal_connect (row, "activated", G_CALLBACK (on_step_activated_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = icon_button (buttons[i].icon, buttons[i].tooltip);

      gtk_widget_set_sensitive (button, buttons[i].sensitive);
      g_object_set_data (G_OBJECT (button), "row", row);
      g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (buttons[i].delta));
      g_signal_connect (button, "clicked", buttons[i].cb, self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
fill_cadence_row (CrmPrefsFollowupsPage *self,
                  AdwExpanderRow        *row)
{
  const char *cadence_id = crm_prefs_cadence_id_of (row);
  CrmRecord *cadence = crm_prefs_followups_page_find_cadence (self, cadence_id);
  g_autoptr(GtkStringList) trigger_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) arg_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) steps = NULL;
  const char *trigger, *arg;
  GStrv args;
  GtkWidget *name_row, *trigger_row, *arg_row, *add_row, *delete_row, *button, *icon;

  if (cadence == NULL || g_object_get_data (G_OBJECT (row), "filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (row), "filled", GINT_TO_POINTER (TRUE));
  self->loading = TRUE;

  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), C_("thing name", "Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (name_row), crm_record_get_text (cadence, "name"));
  g_object_set_data_full (G_OBJECT (name_row), "cadence-id", g_strdup (cadence_id), g_free);
  g_signal_connect (name_row, "apply", G_CALLBACK (on_cadence_name_apply_cb), self);
  adw_expander_row_add_row (row, name_row);

  trigger = crm_record_get_text (cadence, "trigger");
  trigger_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (trigger_row), _("Trigger"));
  for (guint i = 0; triggers[i] != NULL; i++)
    gtk_string_list_append (trigger_names, crm_cadence_trigger_label (triggers[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (trigger_row), G_LIST_MODEL (trigger_names));
  for (guint i = 0; triggers[i] != NULL; i++)
    if (g_strcmp0 (triggers[i], trigger) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (trigger_row), i);
  g_object_set_data_full (G_OBJECT (trigger_row), "cadence-id", g_strdup (cadence_id), g_free);
  g_signal_connect (trigger_row, "notify::selected", G_CALLBACK (on_trigger_changed_cb), self);
  adw_expander_row_add_row (row, trigger_row);

  arg = crm_record_get_text (cadence, "trigger_arg");
  args = trigger_args (self, trigger, arg_names);
  if (args[0] != NULL)
    {
      guint selected = G_MAXUINT;

      for (guint i = 0; args[i] != NULL; i++)
        if (g_strcmp0 (args[i], arg) == 0)
          selected = i;
      if (selected == G_MAXUINT && arg != NULL)
        {
          /* Something set elsewhere (voronka-cli): shown as it is. */
          g_autoptr(GStrvBuilder) more = g_strv_builder_new ();

          g_strv_builder_addv (more, (const char **) args);
          g_strv_builder_add (more, arg);
          g_strfreev (args);
          args = g_strv_builder_end (more);
          gtk_string_list_append (arg_names, arg);
          selected = g_strv_length (args) - 1;
        }
      arg_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (arg_row),
                                     g_strcmp0 (trigger, CRM_CADENCE_TRIGGER_CALL_OUTCOME) == 0
                                     ? _("Call Outcome") : _("Stage"));
      adw_combo_row_set_model (ADW_COMBO_ROW (arg_row), G_LIST_MODEL (arg_names));
      if (selected != G_MAXUINT)
        adw_combo_row_set_selected (ADW_COMBO_ROW (arg_row), selected);
      g_object_set_data_full (G_OBJECT (arg_row), "args", args, (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (arg_row), "cadence-id", g_strdup (cadence_id), g_free);
      g_signal_connect (arg_row, "notify::selected", G_CALLBACK (on_arg_changed_cb), self);
      adw_expander_row_add_row (row, arg_row);
    }
  else
    g_strfreev (args);

  steps = crm_cadence_parse_steps (crm_record_get_text (cadence, "steps"), NULL);
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    adw_expander_row_add_row (row, step_row (self, cadence_id, g_ptr_array_index (steps, i), i, steps->len));

  add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add a Step"));
  icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
  g_object_set_data_full (G_OBJECT (add_row), "cadence-id", g_strdup (cadence_id), g_free);
  g_signal_connect (add_row, "activated", G_CALLBACK (on_add_step_activated_cb), self);
  adw_expander_row_add_row (row, add_row);

  delete_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete_row), _("Delete Regulation"));
  button = gtk_button_new_with_mnemonic (_("_Delete…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data_full (G_OBJECT (button), "cadence-id", g_strdup (cadence_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_cadence_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (delete_row), button);
  adw_expander_row_add_row (row, delete_row);

  self->loading = FALSE;
}

static void
on_cadence_expanded_cb (AdwExpanderRow        *row,
                        GParamSpec            *pspec,
                        CrmPrefsFollowupsPage *self)
{
  if (adw_expander_row_get_expanded (row))
    fill_cadence_row (self, row);
}

GtkWidget *
crm_prefs_cadence_row_new (CrmPrefsFollowupsPage *self,
                           CrmRecord             *cadence)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  g_autoptr(GPtrArray) steps = crm_cadence_parse_steps (crm_record_get_text (cadence, "steps"), NULL);
  guint n = steps != NULL ? steps->len : 0;
  g_autofree char *count = g_strdup_printf (ngettext ("%u step", "%u steps", n), n);
  /* Translators: what starts a regulation · how many steps it has */
  g_autofree char *subtitle = g_strdup_printf (C_("cadence subtitle", "%s · %s"),
                                               crm_cadence_trigger_label (crm_record_get_text (cadence, "trigger")),
                                               count);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_record_get_text (cadence, "name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "cadence-id", g_strdup (crm_record_get_id (cadence)), g_free);

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), crm_record_get_int (cadence, "is_active", 1) != 0);
  gtk_widget_set_tooltip_text (sw, _("Start this regulation by itself"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Enabled"), -1);
  g_object_set_data_full (G_OBJECT (sw), "cadence-id", g_strdup (crm_record_get_id (cadence)), g_free);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_active_changed_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_cadence_expanded_cb), self);
  return row;
}
