/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-timeline"

#include "config.h"

#include "crm-timeline.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"

#include "crm-card-logic.h"
#include "crm-core.h"

struct _CrmTimeline
{
  GtkWidget       parent_instance;

  CrmStore       *store;
  char           *entity_type;
  char           *entity_id;
  char           *kind;
  char           *recording;
  guint           n_items;

  GtkWidget      *scroller;
  GtkWidget      *log_buttons;
  GtkRevealer    *form_revealer;
  AdwPreferencesGroup *form_group;
  AdwComboRow    *outcome_row;
  AdwComboRow    *direction_row;
  AdwEntryRow    *duration_row;
  AdwEntryRow    *subject_row;
  AdwActionRow   *recording_row;
  GtkWidget      *recording_clear_button;
  GtkLabel       *body_label;
  GtkTextView    *body_view;
  GtkLabel       *form_error;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (CrmTimeline, crm_timeline, GTK_TYPE_WIDGET)

enum {
  LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-send-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (kind, "note") == 0)
    return "document-edit-symbolic";
  return "emblem-system-symbolic";
}

static void
set_recording (CrmTimeline *self,
               const char  *path)
{
  g_free (self->recording);
  self->recording = g_strdup (path);
  if (path != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      adw_action_row_set_subtitle (self->recording_row, base);
    }
  else
    adw_action_row_set_subtitle (self->recording_row, _("No file attached"));
  gtk_widget_set_visible (self->recording_clear_button, path != NULL);
}

static void
show_form_error (CrmTimeline *self,
                 const char  *message)
{
  gtk_label_set_text (self->form_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), message != NULL);
}

static void
reset_form (CrmTimeline *self)
{
  adw_combo_row_set_selected (self->outcome_row, 0);
  adw_combo_row_set_selected (self->direction_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->duration_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), "", -1);
  set_recording (self, NULL);
  show_form_error (self, NULL);
}

/* A timeline shows a handful of people: look each up once per reload. */
static const char *
user_name (CrmTimeline *self,
           GHashTable  *names,
           const char  *user_id)
{
  char *name;

  if (user_id == NULL)
    return NULL;
  if (!g_hash_table_lookup_extended (names, user_id, NULL, (gpointer *) &name))
    {
      name = crm_catalog_name (self->store, "users", user_id);
      g_hash_table_insert (names, g_strdup (user_id), name);
    }
  return name;
}

static GtkWidget *
activity_row (CrmTimeline *self,
              GHashTable  *names,
              CrmRecord   *activity)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (crm_record_get_text (activity, "kind")));
  g_autofree char *summary = crm_activity_summary (activity);
  g_autofree char *when = crm_card_format_time (crm_record_get_int (activity, "at_ms", 0));
  const char *who = user_name (self, names, crm_record_get_text (activity, "user_id"));
  const char *subject = crm_record_get_text (activity, "subject");
  const char *body = crm_record_get_text (activity, "body");
  const char *attachment = crm_record_get_text (activity, "attachment");
  GString *sub = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  if (subject != NULL)
    g_string_append_printf (sub, "%s\n", subject);
  if (body != NULL)
    g_string_append_printf (sub, "%s\n", body);
  if (attachment != NULL)
    {
      g_autofree char *base = g_path_get_basename (attachment);
      g_string_append_printf (sub, _("Recording: %s"), base);
      g_string_append_c (sub, '\n');
    }
  if (who != NULL)
    g_string_append_printf (sub, "%s · %s", when, who);
  else
    g_string_append (sub, when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 14);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (attachment != NULL)
    {
      GtkWidget *play = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
      g_autofree char *uri = g_str_has_prefix (attachment, "/") ? g_filename_to_uri (attachment, NULL, NULL)
                                                               : g_strdup (attachment);

      gtk_widget_add_css_class (play, "flat");
      gtk_widget_set_valign (play, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (play, _("Play the recording"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (play), "timeline.open-uri");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (play), "s", uri != NULL ? uri : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), play);
    }
  g_string_free (sub, TRUE);
  return row;
}

static void
clear_list (CrmTimeline *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  crm_timeline_start_log (CRM_TIMELINE (widget), g_variant_get_string (param, NULL));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmTimeline *self = CRM_TIMELINE (widget);

  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  reset_form (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmTimeline *self = CRM_TIMELINE (widget);
  const char *const *outcomes = crm_call_outcomes ();
  CrmActivityInput in = CRM_ACTIVITY_INPUT_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  gint64 duration = -1;
  gboolean call = g_strcmp0 (self->kind, "call") == 0;
  gboolean meeting = g_strcmp0 (self->kind, "meeting") == 0;

  if (self->store == NULL || self->entity_id == NULL || self->kind == NULL)
    return;

  if ((call || meeting) &&
      !crm_parse_duration (gtk_editable_get_text (GTK_EDITABLE (self->duration_row)), &duration))
    {
      show_form_error (self, _("Duration: type minutes (5) or minutes and seconds (5:30)"));
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  in.entity_type = self->entity_type;
  in.entity_id = self->entity_id;
  in.kind = self->kind;
  in.body = body;
  in.duration_s = duration;
  if (call)
    {
      in.outcome = outcomes[MIN (adw_combo_row_get_selected (self->outcome_row), g_strv_length ((char **) outcomes) - 1)];
      in.attachment = self->recording;
    }
  if (call || g_strcmp0 (self->kind, "email") == 0)
    in.direction = adw_combo_row_get_selected (self->direction_row) == 1 ? "in" : "out";
  if (!call)
    in.subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));

  if (!(id = crm_activity_log (self->store, &in, &error)))
    {
      show_form_error (self, error->message);
      return;
    }

  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  reset_form (self);
  crm_timeline_reload (self);
  g_signal_emit (self, signals[LOGGED], 0, id);
}

static void
on_recording_chosen_cb (GtkNativeDialog *dialog,
                        int              response,
                        CrmTimeline     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL && file != NULL)
        path = g_file_get_uri (file);
      set_recording (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmTimeline *self = CRM_TIMELINE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) audio = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Attach a Call Recording"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (audio, _("Audio recordings"));
  gtk_file_filter_add_mime_type (audio, "audio/*");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), audio);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recording_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
detach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  set_recording (CRM_TIMELINE (widget), NULL);
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *uri = g_variant_get_string (param, NULL);

  if (uri != NULL && *uri != '\0')
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
crm_timeline_dispose (GObject *object)
{
  CrmTimeline *self = CRM_TIMELINE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TIMELINE);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_timeline_parent_class)->dispose (object);
}

static void
crm_timeline_finalize (GObject *object)
{
  CrmTimeline *self = CRM_TIMELINE (object);

  g_free (self->entity_type);
  g_free (self->entity_id);
  g_free (self->kind);
  g_free (self->recording);
  G_OBJECT_CLASS (crm_timeline_parent_class)->finalize (object);
}

static void
crm_timeline_class_init (CrmTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_timeline_dispose;
  object_class->finalize = crm_timeline_finalize;

  signals[LOGGED] = g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, log_buttons);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, form_group);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, direction_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, recording_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, recording_clear_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, body_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, body_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, form_error);
  gtk_widget_class_bind_template_child (widget_class, CrmTimeline, list);

  gtk_widget_class_install_action (widget_class, "timeline.log", "s", log_action);
  gtk_widget_class_install_action (widget_class, "timeline.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "timeline.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "timeline.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "timeline.detach", NULL, detach_action);
  gtk_widget_class_install_action (widget_class, "timeline.open-uri", "s", open_uri_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "timeline.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "timeline.save", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_timeline_init (CrmTimeline *self)
{
  const char *const *outcomes = crm_call_outcomes ();
  g_autoptr(GtkStringList) outcome_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) direction_model = gtk_string_list_new (NULL);
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; outcomes[i] != NULL; i++)
    gtk_string_list_append (outcome_model, crm_call_outcome_label (outcomes[i]));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (outcome_model));
  gtk_string_list_append (direction_model, _("Outgoing"));
  gtk_string_list_append (direction_model, _("Incoming"));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (direction_model));

  placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (placeholder), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (placeholder), _("Nothing Logged Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (placeholder),
                                   _("Calls, notes, e-mails and meetings will show here."));
  gtk_widget_add_css_class (placeholder, "compact");
  gtk_list_box_set_placeholder (self->list, placeholder);
}

CrmTimeline *
crm_timeline_new (void)
{
  return g_object_new (CRM_TYPE_TIMELINE, NULL);
}

void
crm_timeline_set_record (CrmTimeline *self,
                         CrmStore    *store,
                         const char  *entity_type,
                         const char  *entity_id)
{
  g_return_if_fail (CRM_IS_TIMELINE (self));

  g_set_object (&self->store, store);
  g_free (self->entity_type);
  self->entity_type = g_strdup (entity_type);
  g_free (self->entity_id);
  self->entity_id = g_strdup (entity_id);
  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  reset_form (self);
  gtk_widget_set_sensitive (self->log_buttons, entity_id != NULL);
  crm_timeline_reload (self);
}

void
crm_timeline_reload (CrmTimeline *self)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_if_fail (CRM_IS_TIMELINE (self));

  clear_list (self);
  self->n_items = 0;
  if (self->store == NULL || self->entity_id == NULL)
    return;
  if (!(activities = crm_store_list_children (self->store, "activities", self->entity_id, NULL)))
    return;
  for (guint i = 0; i < activities->len; i++)
    gtk_list_box_append (self->list, activity_row (self, names, g_ptr_array_index (activities, i)));
  self->n_items = activities->len;
}

/**
 * crm_timeline_start_log:
 * @self: a #CrmTimeline
 * @kind: "call", "note", "email" or "meeting"
 *
 * Opens the form to log one activity of @kind.
 */
void
crm_timeline_start_log (CrmTimeline *self,
                        const char  *kind)
{
  gboolean call, email, meeting, note;

  g_return_if_fail (CRM_IS_TIMELINE (self));

  if (self->entity_id == NULL)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  call = g_strcmp0 (kind, "call") == 0;
  email = g_strcmp0 (kind, "email") == 0;
  meeting = g_strcmp0 (kind, "meeting") == 0;
  note = g_strcmp0 (kind, "note") == 0;

  reset_form (self);
  adw_preferences_group_set_title (self->form_group,
                                   call ? _("Log a Call") : email ? _("Log an E-mail")
                                   : meeting ? _("Log a Meeting") : _("Add a Note"));
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), call);
  gtk_widget_set_visible (GTK_WIDGET (self->direction_row), call || email);
  gtk_widget_set_visible (GTK_WIDGET (self->duration_row), call || meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->subject_row), email || meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->recording_row), call);
  gtk_label_set_text (self->body_label, call ? _("Notes or transcript")
                                             : note ? _("Note") : _("Text"));
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  if (note)
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  else if (call)
    gtk_widget_grab_focus (GTK_WIDGET (self->outcome_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

void
crm_timeline_set_read_only (CrmTimeline *self,
                            gboolean     read_only)
{
  g_return_if_fail (CRM_IS_TIMELINE (self));
  gtk_widget_set_visible (self->log_buttons, !read_only);
  if (read_only)
    gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
}

guint
crm_timeline_get_n_items (CrmTimeline *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE (self), 0);
  return self->n_items;
}
