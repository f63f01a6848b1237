/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-followups"

#include "config.h"

#include "crm-prefs-followups-page.h"
#include "crm-prefs-followups-page-private.h"

#include <glib/gi18n.h>

#include "crm-extra-resources.h"
#include "crm-prefs-zone-dialog.h"

/* Preferences → Follow-ups: how soon a new lead is answered, when people
 * work (tasks never land outside it), whether reminders keep running,
 * and the processing regulations (cadences) with their steps. Workspace
 * values go through the core (crm-settings, crm-cadence); the two
 * reminder switches are this computer's GSettings. A cadence's editors
 * are built when its row is first opened. */

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

static void load_settings (CrmPrefsFollowupsPage *self);

/* ---- helpers ---- */

void
crm_prefs_followups_page_toast (CrmPrefsFollowupsPage *self,
                                const char            *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

void
crm_prefs_followups_page_changed (CrmPrefsFollowupsPage *self,
                                  const char            *key)
{
  g_signal_emit (self, signals[CHANGED], 0, key);
}

void
crm_prefs_followups_page_after_write (CrmPrefsFollowupsPage *self,
                                      gboolean               ok,
                                      GError                *error)
{
  if (!ok && error != NULL)
    crm_prefs_followups_page_toast (self, error->message);
  if (ok)
    crm_prefs_followups_page_changed (self, "cadences");
  crm_prefs_followups_page_queue_reload (self);
}

const char *
crm_prefs_cadence_id_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "cadence-id");
}

CrmRecord *
crm_prefs_followups_page_find_cadence (CrmPrefsFollowupsPage *self,
                                       const char            *cadence_id)
{
  for (guint i = 0; self->cadences != NULL && i < self->cadences->len; i++)
    if (g_strcmp0 (crm_record_get_id (g_ptr_array_index (self->cadences, i)), cadence_id) == 0)
      return g_ptr_array_index (self->cadences, i);
  return NULL;
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
  /* The last entry opens the search among all the zones. */
  gtk_string_list_append (zone_names, _("Other…"));
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
on_zone_chosen_cb (CrmPrefsZoneDialog    *dialog,
                   const char            *zone_id,
                   CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_settings_set_timezone (self->store, zone_id, &error))
    crm_prefs_followups_page_toast (self, error->message);
  else
    crm_prefs_followups_page_changed (self, "timezone");
  load_settings (self);
}

static gboolean
open_zone_dialog_cb (gpointer data)
{
  CrmPrefsFollowupsPage *self = data;
  CrmPrefsZoneDialog *dialog;

  self->zone_idle_id = 0;
  /* The row shows the stored zone until another is chosen. */
  load_settings (self);
  dialog = crm_prefs_zone_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "zone-chosen", G_CALLBACK (on_zone_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

static void
on_timezone_changed_cb (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (self->timezone_row);

  if (self->loading)
    return;
  if (i == self->timezones->len)
    {
      /* "Other…": after the combo row has closed its popover. */
      if (self->zone_idle_id == 0)
        self->zone_idle_id = g_idle_add (open_zone_dialog_cb, self);
      return;
    }
  if (i > self->timezones->len)
    return;
  if (!crm_settings_set_timezone (self->store, g_ptr_array_index (self->timezones, i), &error))
    crm_prefs_followups_page_toast (self, error->message);
  else
    crm_prefs_followups_page_changed (self, "timezone");
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
      crm_prefs_followups_page_toast (self, error->message);
      load_settings (self);
    }
  else
    crm_prefs_followups_page_changed (self, "work_hours");
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
      crm_prefs_followups_page_toast (self, error->message);
      load_settings (self);
    }
  else
    crm_prefs_followups_page_changed (self, "work_days");
}

static gboolean
save_sla_cb (gpointer user_data)
{
  CrmPrefsFollowupsPage *self = user_data;
  g_autoptr(GError) error = NULL;

  self->sla_timeout_id = 0;
  if (!crm_settings_set_sla_minutes (self->store, gtk_spin_button_get_value_as_int (self->sla_spin), &error))
    crm_prefs_followups_page_toast (self, error->message);
  else
    crm_prefs_followups_page_changed (self, "first_response_sla_minutes");
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

void
crm_prefs_followups_page_reload_cadences (CrmPrefsFollowupsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (self->store == NULL)
    return;
  for (guint i = 0; i < self->cadence_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->cadence_rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (expanded, g_strdup (crm_prefs_cadence_id_of (row)));
      adw_preferences_group_remove (self->cadences_group, row);
    }
  g_ptr_array_set_size (self->cadence_rows, 0);
  g_clear_pointer (&self->cadences, g_ptr_array_unref);
  if (!(self->cadences = crm_cadence_list (self->store, &error)))
    {
      crm_prefs_followups_page_toast (self, error->message);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; i < self->cadences->len; i++)
    {
      CrmRecord *cadence = g_ptr_array_index (self->cadences, i);
      GtkWidget *row = crm_prefs_cadence_row_new (self, cadence);

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
  crm_prefs_followups_page_reload_cadences (self);
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt once the signal that wrote is over: GTK still touches
 * the widget that emitted it. */
void
crm_prefs_followups_page_queue_reload (CrmPrefsFollowupsPage *self)
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
        crm_prefs_followups_page_changed (self, "first_response_sla_minutes");
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->zone_idle_id, g_source_remove);
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
                                                G_CALLBACK (crm_prefs_followups_page_add_cadence));

  gtk_widget_class_install_action (widget_class, "followups.restore-defaults", NULL, crm_prefs_followups_restore_defaults);
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
  crm_prefs_followups_page_reload_cadences (self);
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
    if (g_strcmp0 (crm_prefs_cadence_id_of (g_ptr_array_index (self->cadence_rows, i)), cadence_id) == 0)
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
