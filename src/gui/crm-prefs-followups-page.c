/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-followups"

#include "config.h"

#include "crm-prefs-followups-page.h"

#include <glib/gi18n.h>

#include "crm-extra-resources.h"
#include "crm-prefs-step-dialog.h"

/* Preferences → Follow-ups: how soon a new lead is answered, when people
 * work (tasks never land outside it), whether reminders keep running,
 * and the processing regulations (cadences) with their steps. Workspace
 * values go through the core (crm-settings, crm-cadence); the two
 * reminder switches are this computer's GSettings. A cadence's editors
 * are built when its row is first opened. */

struct _CrmPrefsFollowupsPage
{
  AdwPreferencesPage    parent_instance;

  GtkSpinButton        *sla_spin;
  AdwComboRow          *timezone_row;
  AdwComboRow          *start_row;
  AdwComboRow          *end_row;
  GtkBox               *days_box;
  AdwPreferencesGroup  *reminders_group;
  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;
  AdwPreferencesGroup  *cadences_group;
  AdwEntryRow          *new_cadence_row;

  CrmStore             *store;
  GSettings            *settings;
  GtkToggleButton      *day_buttons[7];
  GPtrArray            *timezones;      /* char * ids, parallel to timezone_row */
  GPtrArray            *cadences;       /* CrmRecord */
  GPtrArray            *cadence_rows;   /* AdwExpanderRow */
  gboolean              loading;
  guint                 sla_timeout_id;
  guint                 reload_id;
};

G_DEFINE_FINAL_TYPE (CrmPrefsFollowupsPage, crm_prefs_followups_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *id;
  const char *city;
} zones[] = {
  { "Europe/Kaliningrad", N_("Kaliningrad") },
  { "Europe/Moscow", N_("Moscow") },
  { "Europe/Samara", N_("Samara") },
  { "Asia/Yekaterinburg", N_("Yekaterinburg") },
  { "Asia/Omsk", N_("Omsk") },
  { "Asia/Novosibirsk", N_("Novosibirsk") },
  { "Asia/Krasnoyarsk", N_("Krasnoyarsk") },
  { "Asia/Irkutsk", N_("Irkutsk") },
  { "Asia/Yakutsk", N_("Yakutsk") },
  { "Asia/Vladivostok", N_("Vladivostok") },
  { "Asia/Magadan", N_("Magadan") },
  { "Asia/Kamchatka", N_("Petropavlovsk-Kamchatsky") },
  { "Europe/Minsk", N_("Minsk") },
  { "Asia/Almaty", N_("Almaty") },
  { "Asia/Tashkent", N_("Tashkent") },
  { "Asia/Bishkek", N_("Bishkek") },
  { "Asia/Yerevan", N_("Yerevan") },
  { "Asia/Tbilisi", N_("Tbilisi") },
  { "Asia/Baku", N_("Baku") },
  { "Europe/Istanbul", N_("Istanbul") },
  { "Asia/Dubai", N_("Dubai") },
  { "Europe/Berlin", N_("Berlin") },
  { "Europe/London", N_("London") },
  { "UTC", NULL },   /* shown as "UTC": any longer name is cut off */
};

/* Translators: day abbreviations on the work-day toggles, Monday first */
static const char *day_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

#define SLOT_MINUTES 30
#define N_SLOTS (24 * 60 / SLOT_MINUTES)

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

static void reload_cadences (CrmPrefsFollowupsPage *self);
static void queue_reload_cadences (CrmPrefsFollowupsPage *self);
static void load_settings (CrmPrefsFollowupsPage *self);

/* ---- helpers ---- */

static void
toast (CrmPrefsFollowupsPage *self,
       const char            *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
changed (CrmPrefsFollowupsPage *self,
         const char            *key)
{
  g_signal_emit (self, signals[CHANGED], 0, key);
}

static void
after_cadence_write (CrmPrefsFollowupsPage *self,
                     gboolean               ok,
                     GError                *error)
{
  if (!ok && error != NULL)
    toast (self, error->message);
  if (ok)
    changed (self, "cadences");
  queue_reload_cadences (self);
}

static const char *
cadence_id_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "cadence-id");
}

static CrmRecord *
find_cadence (CrmPrefsFollowupsPage *self,
              const char            *cadence_id)
{
  for (guint i = 0; self->cadences != NULL && i < self->cadences->len; i++)
    if (g_strcmp0 (crm_record_get_id (g_ptr_array_index (self->cadences, i)), cadence_id) == 0)
      return g_ptr_array_index (self->cadences, i);
  return NULL;
}

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

static char *
zone_label (const char *id,
            const char *city)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (id);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int interval, hours, minutes;
  gint32 offset;

  if (g_strcmp0 (id, "UTC") == 0)
    return g_strdup ("UTC");
  if (tz == NULL)
    return g_strdup (city);
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, now);
  offset = g_time_zone_get_offset (tz, MAX (interval, 0));
  hours = ABS (offset) / 3600;
  minutes = (ABS (offset) % 3600) / 60;
  if (minutes != 0)
    return g_strdup_printf ("%s (UTC%c%d:%02d)", city, offset < 0 ? '-' : '+', hours, minutes);
  if (offset == 0)
    return g_strdup_printf ("%s (UTC±0)", city);
  return g_strdup_printf ("%s (UTC%c%d)", city, offset < 0 ? '-' : '+', hours);
}

static gboolean
is_utc_alias (const char *tz)
{
  return tz != NULL && (g_str_equal (tz, "Etc/UTC") || g_str_equal (tz, "Etc/GMT") ||
                        g_str_equal (tz, "GMT") || g_str_equal (tz, "Etc/Universal") ||
                        g_str_equal (tz, "UTC"));
}

/* Appends @tz to the zones offered unless it is there already. */
static guint
offer_zone (CrmPrefsFollowupsPage *self,
            GtkStringList         *names,
            const char            *tz)
{
  g_autofree char *label = NULL;
  const char *slash;

  if (is_utc_alias (tz))
    tz = "UTC";
  for (guint i = 0; i < self->timezones->len; i++)
    if (g_str_equal (g_ptr_array_index (self->timezones, i), tz))
      return i;
  /* "America/New_York" reads "New York". */
  slash = strrchr (tz, '/');
  label = g_strdelimit (g_strdup (slash != NULL ? slash + 1 : tz), "_", ' ');
  {
    g_autofree char *full = zone_label (tz, label);

    g_ptr_array_add (self->timezones, g_strdup (tz));
    gtk_string_list_append (names, full);
  }
  return self->timezones->len - 1;
}

/* ---- working time ---- */

static void
load_settings (CrmPrefsFollowupsPage *self)
{
  g_autofree char *tz = crm_store_get_setting (self->store, "timezone");
  g_autoptr(GtkStringList) zone_names = gtk_string_list_new (NULL);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *local_id = g_time_zone_get_identifier (local);
  guint start, end, selected;
  guint8 days;

  self->loading = TRUE;

  /* The zones offered, this computer's own, and the workspace's when it
   * is yet another one. */
  g_ptr_array_set_size (self->timezones, 0);
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *label = zone_label (zones[i].id, zones[i].city != NULL ? _(zones[i].city) : NULL);

      g_ptr_array_add (self->timezones, g_strdup (zones[i].id));
      gtk_string_list_append (zone_names, label);
    }
  if (local_id != NULL && strchr (local_id, '/') != NULL)
    {
      g_autoptr(GTimeZone) check = g_time_zone_new_identifier (local_id);

      if (check != NULL)
        offer_zone (self, zone_names, local_id);
    }
  selected = offer_zone (self, zone_names, tz != NULL ? tz : (local_id != NULL ? local_id : "UTC"));
  adw_combo_row_set_model (self->timezone_row, G_LIST_MODEL (zone_names));
  adw_combo_row_set_selected (self->timezone_row, selected);

  crm_settings_get_work_hours (self->store, &start, &end);
  adw_combo_row_set_selected (self->start_row, MIN (start / SLOT_MINUTES, N_SLOTS - 1));
  adw_combo_row_set_selected (self->end_row, MIN (end / SLOT_MINUTES, N_SLOTS));

  days = crm_settings_get_work_days (self->store);
  for (guint d = 0; d < 7; d++)
    gtk_toggle_button_set_active (self->day_buttons[d], (days & (1 << d)) != 0);

  gtk_spin_button_set_value (self->sla_spin, crm_settings_get_sla_minutes (self->store));
  self->loading = FALSE;
}

static void
on_timezone_changed_cb (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (self->timezone_row);

  if (self->loading || i >= self->timezones->len)
    return;
  if (!crm_settings_set_timezone (self->store, g_ptr_array_index (self->timezones, i), &error))
    toast (self, error->message);
  else
    changed (self, "timezone");
}

static void
on_hours_changed_cb (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint start = adw_combo_row_get_selected (self->start_row) * SLOT_MINUTES;
  guint end = adw_combo_row_get_selected (self->end_row) * SLOT_MINUTES;

  if (self->loading)
    return;
  if (!crm_settings_set_work_hours (self->store, start, end, &error))
    {
      toast (self, error->message);
      load_settings (self);
    }
  else
    changed (self, "work_hours");
}

static void
on_day_toggled_cb (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint8 mask = 0;

  if (self->loading)
    return;
  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->day_buttons[d]))
      mask |= 1 << d;
  if (!crm_settings_set_work_days (self->store, mask, &error))
    {
      toast (self, error->message);
      load_settings (self);
    }
  else
    changed (self, "work_days");
}

static gboolean
save_sla_cb (gpointer user_data)
{
  CrmPrefsFollowupsPage *self = user_data;
  g_autoptr(GError) error = NULL;

  self->sla_timeout_id = 0;
  if (!crm_settings_set_sla_minutes (self->store, gtk_spin_button_get_value_as_int (self->sla_spin), &error))
    toast (self, error->message);
  else
    changed (self, "first_response_sla_minutes");
  return G_SOURCE_REMOVE;
}

static void
on_sla_changed_cb (CrmPrefsFollowupsPage *self)
{
  if (self->loading)
    return;
  /* Holding the arrow writes once, when it stops. */
  g_clear_handle_id (&self->sla_timeout_id, g_source_remove);
  self->sla_timeout_id = g_timeout_add (400, save_sla_cb, self);
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
    after_cadence_write (t->page, TRUE, NULL);
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
      toast (self, error->message);
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
  open_step_editor (self, cadence_id_of (row),
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
  open_step_editor (self, cadence_id_of (row), -1);
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
  ok = crm_cadence_step_move (self->store, cadence_id_of (row), index, index + delta, &error);
  after_cadence_write (self, ok, error);
}

static void
on_step_remove_clicked_cb (GtkButton             *button,
                           CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step-index"));
  gboolean ok = crm_cadence_step_remove (self->store, cadence_id_of (row), index, &error);

  if (ok)
    toast (self, _("Step removed"));
  after_cadence_write (self, ok, error);
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
  ok = crm_cadence_update (self->store, cadence_id_of (sw), NULL, NULL, NULL, NULL,
                           gtk_switch_get_active (sw) ? 1 : 0, &error);
  if (!ok)
    after_cadence_write (self, FALSE, error);
  else
    changed (self, "cadences");
}

static void
on_cadence_name_apply_cb (AdwEntryRow           *row,
                          CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = crm_cadence_update (self->store, cadence_id_of (row),
                                    gtk_editable_get_text (GTK_EDITABLE (row)),
                                    NULL, NULL, NULL, -1, &error);

  after_cadence_write (self, ok, error);
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
  ok = crm_cadence_update (self->store, cadence_id_of (row), NULL, triggers[i], arg, NULL, -1, &error);
  after_cadence_write (self, ok, error);
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
  ok = crm_cadence_update (self->store, cadence_id_of (row), NULL, NULL, args[i], NULL, -1, &error);
  after_cadence_write (self, ok, error);
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
  ok = crm_cadence_delete (self->store, cadence_id_of (dialog), &error);
  after_cadence_write (self, ok, error);
}

static void
on_delete_cadence_clicked_cb (GtkButton             *button,
                              CrmPrefsFollowupsPage *self)
{
  CrmRecord *cadence = find_cadence (self, cadence_id_of (button));
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
  g_object_set_data_full (G_OBJECT (dialog), "cadence-id", g_strdup (cadence_id_of (button)), g_free);
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
    toast (self, _("Standard regulations restored"));
  after_cadence_write (self, ok, error);
}

static void
restore_defaults_action (GtkWidget  *widget,
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

static void
on_new_cadence_apply_cb (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = crm_cadence_create (self->store,
                                            gtk_editable_get_text (GTK_EDITABLE (self->new_cadence_row)),
                                            CRM_CADENCE_TRIGGER_LEAD_CREATED, NULL, "[]", &error);
  GtkWidget *row;

  if (id == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_cadence_row), "");
  changed (self, "cadences");
  reload_cadences (self);
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
  const char *cadence_id = cadence_id_of (row);
  CrmRecord *cadence = find_cadence (self, cadence_id);
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (trigger_row), _("Starts When"));
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

static GtkWidget *
cadence_row_new (CrmPrefsFollowupsPage *self,
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

static void
reload_cadences (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (self->store == NULL)
    return;
  for (guint i = 0; i < self->cadence_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->cadence_rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (expanded, g_strdup (cadence_id_of (row)));
      adw_preferences_group_remove (self->cadences_group, row);
    }
  g_ptr_array_set_size (self->cadence_rows, 0);
  g_clear_pointer (&self->cadences, g_ptr_array_unref);
  if (!(self->cadences = crm_cadence_list (self->store, &error)))
    {
      toast (self, error->message);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; i < self->cadences->len; i++)
    {
      CrmRecord *cadence = g_ptr_array_index (self->cadences, i);
      GtkWidget *row = cadence_row_new (self, cadence);

      adw_preferences_group_add (self->cadences_group, row);
      g_ptr_array_add (self->cadence_rows, row);
      if (g_hash_table_contains (expanded, crm_record_get_id (cadence)))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
  self->loading = FALSE;
}

static gboolean
reload_cadences_cb (gpointer data)
{
  CrmPrefsFollowupsPage *self = data;

  self->reload_id = 0;
  reload_cadences (self);
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt once the signal that wrote is over: GTK still touches
 * the widget that emitted it. */
static void
queue_reload_cadences (CrmPrefsFollowupsPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cadences_cb, self);
}

/* ---- GObject ---- */

static void
fill_models (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GtkStringList) starts = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ends = gtk_string_list_new (NULL);

  for (guint i = 0; i <= N_SLOTS; i++)
    {
      g_autofree char *text = crm_settings_format_minutes (i * SLOT_MINUTES);

      if (i < N_SLOTS)
        gtk_string_list_append (starts, text);
      gtk_string_list_append (ends, text);
    }
  adw_combo_row_set_model (self->start_row, G_LIST_MODEL (starts));
  adw_combo_row_set_model (self->end_row, G_LIST_MODEL (ends));

  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(day_names[d]));

      self->day_buttons[d] = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_day_toggled_cb), self);
      gtk_box_append (self->days_box, button);
    }
}

static void
crm_prefs_followups_page_dispose (GObject *object)
{
  CrmPrefsFollowupsPage *self = CRM_PREFS_FOLLOWUPS_PAGE (object);

  if (self->sla_timeout_id != 0)
    {
      /* Closing right after a change still saves it. */
      g_clear_handle_id (&self->sla_timeout_id, g_source_remove);
      if (self->store != NULL &&
          crm_settings_set_sla_minutes (self->store, gtk_spin_button_get_value_as_int (self->sla_spin), NULL))
        changed (self, "first_response_sla_minutes");
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFS_FOLLOWUPS_PAGE);
  G_OBJECT_CLASS (crm_prefs_followups_page_parent_class)->dispose (object);
}

static void
crm_prefs_followups_page_finalize (GObject *object)
{
  CrmPrefsFollowupsPage *self = CRM_PREFS_FOLLOWUPS_PAGE (object);

  g_clear_pointer (&self->timezones, g_ptr_array_unref);
  g_clear_pointer (&self->cadences, g_ptr_array_unref);
  g_clear_pointer (&self->cadence_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_prefs_followups_page_parent_class)->finalize (object);
}

static void
crm_prefs_followups_page_class_init (CrmPrefsFollowupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_prefs_followups_page_dispose;
  object_class->finalize = crm_prefs_followups_page_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) crm_extra_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-prefs-followups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, sla_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, end_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, days_box);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, reminders_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, background_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, cadences_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFollowupsPage, new_cadence_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_new_cadence_apply_cb",
                                                G_CALLBACK (on_new_cadence_apply_cb));

  gtk_widget_class_install_action (widget_class, "followups.restore-defaults", NULL, restore_defaults_action);
}

static void
crm_prefs_followups_page_init (CrmPrefsFollowupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->timezones = g_ptr_array_new_with_free_func (g_free);
  self->cadence_rows = g_ptr_array_new ();

  self->loading = TRUE;
  fill_models (self);
  self->loading = FALSE;
  /* Without the schema (an uninstalled build without it) there is
   * nothing to bind the switches to. */
  gtk_widget_set_visible (GTK_WIDGET (self->reminders_group), FALSE);

  g_signal_connect_swapped (self->timezone_row, "notify::selected", G_CALLBACK (on_timezone_changed_cb), self);
  g_signal_connect_swapped (self->start_row, "notify::selected", G_CALLBACK (on_hours_changed_cb), self);
  g_signal_connect_swapped (self->end_row, "notify::selected", G_CALLBACK (on_hours_changed_cb), self);
  g_signal_connect_swapped (self->sla_spin, "value-changed", G_CALLBACK (on_sla_changed_cb), self);
}

/* ---- public ---- */

void
crm_prefs_followups_page_set_store (CrmPrefsFollowupsPage *self,
                                    CrmStore              *store)
{
  g_return_if_fail (CRM_IS_PREFS_FOLLOWUPS_PAGE (self));
  g_return_if_fail (CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  crm_prefs_followups_page_reload (self);
}

/**
 * crm_prefs_followups_page_set_settings:
 * @self: a #CrmPrefsFollowupsPage
 * @settings: (nullable): the application's settings
 *
 * Binds the reminder switches to "run-in-background" and "autostart";
 * the application acts on them.
 */
void
crm_prefs_followups_page_set_settings (CrmPrefsFollowupsPage *self,
                                       GSettings             *settings)
{
  g_return_if_fail (CRM_IS_PREFS_FOLLOWUPS_PAGE (self));

  if (!g_set_object (&self->settings, settings))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->reminders_group), settings != NULL);
  if (settings == NULL)
    return;
  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "autostart", self->autostart_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

void
crm_prefs_followups_page_reload (CrmPrefsFollowupsPage *self)
{
  g_return_if_fail (CRM_IS_PREFS_FOLLOWUPS_PAGE (self));

  if (self->store == NULL)
    return;
  load_settings (self);
  reload_cadences (self);
}

/**
 * crm_prefs_followups_page_flush:
 * @self: a #CrmPrefsFollowupsPage
 *
 * Writes a value still waiting for the spin arrows to stop.
 */
void
crm_prefs_followups_page_flush (CrmPrefsFollowupsPage *self)
{
  g_return_if_fail (CRM_IS_PREFS_FOLLOWUPS_PAGE (self));

  if (self->sla_timeout_id == 0)
    return;
  g_clear_handle_id (&self->sla_timeout_id, g_source_remove);
  save_sla_cb (self);
}

/**
 * crm_prefs_followups_page_get_cadence_row:
 * @self: a #CrmPrefsFollowupsPage
 * @cadence_id: a cadence
 *
 * Returns: (transfer none) (nullable): its row
 */
GtkWidget *
crm_prefs_followups_page_get_cadence_row (CrmPrefsFollowupsPage *self,
                                          const char            *cadence_id)
{
  g_return_val_if_fail (CRM_IS_PREFS_FOLLOWUPS_PAGE (self), NULL);

  for (guint i = 0; i < self->cadence_rows->len; i++)
    if (g_strcmp0 (cadence_id_of (g_ptr_array_index (self->cadence_rows, i)), cadence_id) == 0)
      return g_ptr_array_index (self->cadence_rows, i);
  return NULL;
}

/**
 * crm_prefs_followups_page_get_day_button:
 * @self: a #CrmPrefsFollowupsPage
 * @day: 0 for Monday … 6 for Sunday
 *
 * Returns: (transfer none): the day's toggle
 */
GtkWidget *
crm_prefs_followups_page_get_day_button (CrmPrefsFollowupsPage *self,
                                         guint                  day)
{
  g_return_val_if_fail (CRM_IS_PREFS_FOLLOWUPS_PAGE (self), NULL);
  g_return_val_if_fail (day < 7, NULL);
  return GTK_WIDGET (self->day_buttons[day]);
}
