/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-preferences"

#include "config.h"

#include "crm-preferences-window.h"

#include <glib/gi18n.h>

#include "crm-application.h"
#include "crm-extra-resources.h"
#include "crm-prefs-followups-page.h"
#include "crm-prefs-funnel-page.h"
#include "crm-window.h"

/* Workspace settings: region and channels here, the funnel and the
 * follow-ups on pages of their own (crm-prefs-*-page.c). Every change is
 * written at once through the core (validation, history, sync); a refused
 * value shows a toast and the row goes back to what is stored. Each write
 * is announced by "setting-changed", which the main window follows; a
 * write made by another program (voronka-cli, another window on the same
 * file) is noticed and shown here too. */

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *region_row;
  AdwComboRow          *currency_row;
  CrmPrefsFunnelPage   *funnel_page;
  CrmPrefsFollowupsPage *followups_page;
  AdwComboRow          *month_row;
  AdwPreferencesGroup  *channels_group;
  AdwEntryRow          *new_channel_row;

  CrmStore             *store;
  GPtrArray            *channel_rows;
  GStrv                 months;         /* "YYYY-MM", parallel to month_row */
  gboolean              loading;
  gint64                data_version;   /* of the file, to notice others' writes */
  guint                 watch_id;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SETTING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *code;
  const char *name;
} regions[] = {
  { "RU", N_("Russia") },
  { "KZ", N_("Kazakhstan") },
  { "BY", N_("Belarus") },
  { "UZ", N_("Uzbekistan") },
  { "KG", N_("Kyrgyzstan") },
  { "AM", N_("Armenia") },
  { "GE", N_("Georgia") },
  { "AZ", N_("Azerbaijan") },
  { "TJ", N_("Tajikistan") },
  { "TR", N_("Turkey") },
  { "AE", N_("United Arab Emirates") },
  { "CN", N_("China") },
  { "DE", N_("Germany") },
  { "GB", N_("United Kingdom") },
  { "US", N_("United States") },
};

static const struct {
  const char *code;
  const char *name;
} currencies[] = {
  { "RUB", N_("Russian ruble (₽)") },
  { "KZT", N_("Kazakhstani tenge (₸)") },
  { "BYN", N_("Belarusian ruble (Br)") },
  { "UZS", N_("Uzbekistani som") },
  { "KGS", N_("Kyrgyzstani som") },
  { "AMD", N_("Armenian dram (֏)") },
  { "GEL", N_("Georgian lari (₾)") },
  { "TRY", N_("Turkish lira (₺)") },
  { "AED", N_("UAE dirham") },
  { "CNY", N_("Chinese yuan (¥)") },
  { "USD", N_("US dollar ($)") },
  { "EUR", N_("Euro (€)") },
};

static void reload_channels (CrmPreferencesWindow *self);

static void
toast (CrmPreferencesWindow *self,
       const char           *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
report (CrmPreferencesWindow *self,
        GError               *error)
{
  if (error != NULL)
    toast (self, error->message);
}

/* After a write: the window refreshes what depends on it (the Inbox's
 * countdowns on the SLA, lists on channel names). */
static void
changed (CrmPreferencesWindow *self,
         const char           *key)
{
  /* Our own writes are no news to us. */
  self->data_version = crm_settings_data_version (self->store);
  g_signal_emit (self, signals[SETTING_CHANGED], 0, key);
}

static void
load (CrmPreferencesWindow *self)
{
  g_autofree char *region = crm_store_get_setting (self->store, "region");
  g_autofree char *currency = crm_store_get_setting (self->store, "currency");

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_strcmp0 (regions[i].code, region) == 0)
      adw_combo_row_set_selected (self->region_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_strcmp0 (currencies[i].code, currency) == 0)
      adw_combo_row_set_selected (self->currency_row, i);
  self->loading = FALSE;
  reload_channels (self);
  self->data_version = crm_settings_data_version (self->store);
}

/* ---- general ---- */

static void
on_region_changed_cb (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (self->region_row);

  if (self->loading || i >= G_N_ELEMENTS (regions))
    return;
  if (!crm_settings_set_region (self->store, regions[i].code, &error))
    report (self, error);
  else
    changed (self, "region");
}

static void
on_currency_changed_cb (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (self->currency_row);

  if (self->loading || i >= G_N_ELEMENTS (currencies))
    return;
  if (!crm_settings_set_currency (self->store, currencies[i].code, &error))
    report (self, error);
  else
    changed (self, "currency");
  reload_channels (self);
}

/* ---- channels ---- */

static const char *
current_month (CrmPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->month_row);

  if (self->months == NULL || i >= g_strv_length (self->months))
    return NULL;
  return self->months[i];
}

static void
on_channel_name_apply_cb (AdwEntryRow          *row,
                          CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (row), "channel-id");

  if (!crm_channel_rename (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    report (self, error);
  else
    changed (self, "channels");
  reload_channels (self);
}

static void
on_channel_spend_apply_cb (AdwEntryRow          *row,
                           CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (row), "channel-id");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gint64 amount = 0;

  if (*text != '\0' && !crm_money_parse (text, &amount))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an amount"), text);

      toast (self, message);
      return;
    }
  if (!crm_channel_set_spend (self->store, id, current_month (self), amount, &error))
    report (self, error);
  else
    changed (self, "channel_spend");
  reload_channels (self);
}

static void
on_channel_remove_cb (GtkButton            *button,
                      CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "channel-id");
  const char *name = g_object_get_data (G_OBJECT (button), "channel-name");

  if (!crm_channel_remove (self->store, id, &error))
    report (self, error);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Channel “%s” removed"), name);

      toast (self, text);
      changed (self, "channels");
    }
  reload_channels (self);
}

static void
on_new_channel_apply_cb (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = crm_channel_add (self->store,
                                         gtk_editable_get_text (GTK_EDITABLE (self->new_channel_row)),
                                         NULL, &error);

  if (id == NULL)
    {
      report (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_channel_row), "");
  changed (self, "channels");
  reload_channels (self);
}

static GtkWidget *
channel_row (CrmPreferencesWindow *self,
             CrmChannelInfo       *info,
             const char           *currency,
             const char           *month_label)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *spend_row = adw_entry_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove"));
  g_autofree char *spend = info->spend > 0 ? crm_money_format (info->spend, currency) : NULL;
  g_autofree char *leads = g_strdup_printf (ngettext ("%u lead", "%u leads", (gulong) info->n_leads),
                                            (guint) info->n_leads);
  g_autofree char *subtitle = NULL;
  g_autofree char *spend_title = g_strdup_printf (_("Spend in %s"), month_label);

  if (spend != NULL && info->n_leads > 0)
    {
      /* Whole rubles: kopecks of a cost per lead are noise. */
      gint64 per = (info->spend / info->n_leads + 50) / 100 * 100;
      g_autofree char *per_lead = crm_money_format (per, currency);

      /* Translators: a channel's spend this month · leads in all · cost per lead */
      subtitle = g_strdup_printf (_("%s · %s · %s per lead"), spend, leads, per_lead);
    }
  else if (spend != NULL)
    subtitle = g_strdup_printf ("%s · %s", spend, leads);
  else
    subtitle = g_strdup (leads);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), info->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  g_object_set_data_full (G_OBJECT (name_row), "channel-id", g_strdup (info->id), g_free);
  g_signal_connect (name_row, "apply", G_CALLBACK (on_channel_name_apply_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (spend_row), spend_title);
  if (info->spend > 0)
    {
      g_autofree char *plain = info->spend % 100 == 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, info->spend / 100)
        : g_strdup_printf ("%" G_GINT64_FORMAT ",%02" G_GINT64_FORMAT, info->spend / 100, info->spend % 100);

      gtk_editable_set_text (GTK_EDITABLE (spend_row), plain);
    }
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (spend_row), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (spend_row), GTK_INPUT_PURPOSE_NUMBER);
  g_object_set_data_full (G_OBJECT (spend_row), "channel-id", g_strdup (info->id), g_free);
  g_signal_connect (spend_row, "apply", G_CALLBACK (on_channel_spend_apply_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), spend_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove Channel"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (remove_row),
                               _("Its leads keep it; new leads cannot pick it"));
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  g_object_set_data_full (G_OBJECT (remove_button), "channel-id", g_strdup (info->id), g_free);
  g_object_set_data_full (G_OBJECT (remove_button), "channel-name", g_strdup (info->name), g_free);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_channel_remove_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  return row;
}

static void
reload_channels (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *currency = NULL;
  const char *month = current_month (self);
  g_autofree char *month_label = NULL;
  GListModel *months = adw_combo_row_get_model (self->month_row);
  g_autofree char *expanded_id = NULL;

  if (self->store == NULL || month == NULL)
    return;

  /* Keep the row that was open open after a rebuild. */
  for (guint i = 0; i < self->channel_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->channel_rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        expanded_id = g_strdup (g_object_get_data (G_OBJECT (row), "channel-id"));
      adw_preferences_group_remove (self->channels_group, row);
    }
  g_ptr_array_set_size (self->channel_rows, 0);

  month_label = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (months),
                                                      adw_combo_row_get_selected (self->month_row)));
  currency = crm_store_get_setting (self->store, "currency");
  if (!(list = crm_channels_list (self->store, month, &error)))
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      CrmChannelInfo *info = g_ptr_array_index (list, i);
      GtkWidget *row = channel_row (self, info, currency, month_label);

      g_object_set_data_full (G_OBJECT (row), "channel-id", g_strdup (info->id), g_free);
      if (g_strcmp0 (expanded_id, info->id) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
    }
}

static void
fill_models (CrmPreferencesWindow *self)
{
  g_autoptr(GtkStringList) region_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) currency_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) month_names = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) months = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    gtk_string_list_append (region_names, _(regions[i].name));
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (region_names));

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    gtk_string_list_append (currency_names, _(currencies[i].name));
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currency_names));

  /* This month and the eleven before it. */
  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (now, -m);
      /* Translators: a month in the spend selector, strftime format: "March 2026" */
      g_autofree char *label = g_date_time_format (month, C_("month", "%OB %Y"));

      gtk_string_list_append (month_names, label);
      g_ptr_array_add (months, g_date_time_format (month, "%Y-%m"));
    }
  g_ptr_array_add (months, NULL);
  self->months = (GStrv) g_ptr_array_steal (months, NULL);
  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (month_names));
}

/* ---- following the rest of the app ---- */

static void
on_page_changed_cb (CrmPreferencesWindow *self,
                    const char           *key)
{
  if (g_str_equal (key, "stages") || g_str_equal (key, "pipelines"))
    /* Cadences may name stages. */
    crm_prefs_followups_page_reload (self->followups_page);
  changed (self, key);
}

static void
on_setting_changed_cb (CrmPreferencesWindow *self,
                       const char           *key,
                       CrmWindow            *window)
{
  /* Lists show channel names, the Inbox counts down to the SLA, the
   * board shows stages: the window re-reads what it shows. */
  crm_window_refresh (window);
}

/* Another program wrote to the file (voronka-cli, a second window on it,
 * sync): show what is stored now. */
static void
reload_if_changed (CrmPreferencesWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (self->store == NULL || crm_settings_data_version (self->store) == self->data_version)
    return;
  /* Not under someone's fingers: what they type would be lost. The next
   * check (every two seconds) tries again. */
  if (focus != NULL && GTK_IS_EDITABLE (focus) && gtk_window_is_active (GTK_WINDOW (self)))
    return;
  crm_prefs_funnel_page_flush (self->funnel_page);
  crm_prefs_followups_page_flush (self->followups_page);
  load (self);
  crm_prefs_funnel_page_reload (self->funnel_page);
  crm_prefs_followups_page_reload (self->followups_page);
}

static gboolean
watch_cb (gpointer data)
{
  reload_if_changed (data);
  return G_SOURCE_CONTINUE;
}

static GSettings *
app_settings (void)
{
  GApplication *app = g_application_get_default ();
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (CRM_IS_APPLICATION (app))
    {
      GSettings *settings = crm_application_get_settings (CRM_APPLICATION (app));

      return settings != NULL ? g_object_ref (settings) : NULL;
    }
  /* Without the application (tests): the installed or test schema. */
  if ((source = g_settings_schema_source_get_default ()) == NULL ||
      !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- GObject ---- */

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  /* The pages save what is still pending and say so before they go. */
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_finalize (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  g_strfreev (self->months);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->finalize (object);
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_preferences_window_dispose;
  object_class->finalize = crm_preferences_window_finalize;

  /**
   * CrmPreferencesWindow::setting-changed:
   * @key: the setting written ("first_response_sla_minutes", "region", …,
   *   or "channels" / "channel_spend")
   */
  signals[SETTING_CHANGED] =
    g_signal_new ("setting-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) crm_extra_get_resource ();
  g_type_ensure (CRM_TYPE_PREFS_FUNNEL_PAGE);
  g_type_ensure (CRM_TYPE_PREFS_FOLLOWUPS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, funnel_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, followups_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, month_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, channels_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, new_channel_row);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->channel_rows = g_ptr_array_new ();

  self->loading = TRUE;
  fill_models (self);
  self->loading = FALSE;

  g_signal_connect_swapped (self->region_row, "notify::selected", G_CALLBACK (on_region_changed_cb), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (on_currency_changed_cb), self);
  g_signal_connect_swapped (self->funnel_page, "changed", G_CALLBACK (on_page_changed_cb), self);
  g_signal_connect_swapped (self->followups_page, "changed", G_CALLBACK (on_page_changed_cb), self);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (reload_if_changed), self);
  g_signal_connect_swapped (self->month_row, "notify::selected", G_CALLBACK (reload_channels), self);
  g_signal_connect_swapped (self->new_channel_row, "apply", G_CALLBACK (on_new_channel_apply_cb), self);
}

/**
 * crm_preferences_window_new:
 * @parent: (nullable): the window to be modal for
 * @store: the workspace to edit
 *
 * Returns: (transfer floating): a new preferences window
 */
CrmPreferencesWindow *
crm_preferences_window_new (GtkWindow *parent,
                            CrmStore  *store)
{
  CrmPreferencesWindow *self;
  g_autoptr(GSettings) settings = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  settings = app_settings ();

  self = g_object_new (CRM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  load (self);
  crm_prefs_funnel_page_set_store (self->funnel_page, store);
  crm_prefs_followups_page_set_store (self->followups_page, store);
  crm_prefs_followups_page_set_settings (self->followups_page, settings);
  if (CRM_IS_WINDOW (parent))
    g_signal_connect_object (self, "setting-changed", G_CALLBACK (on_setting_changed_cb), parent, 0);
  self->watch_id = g_timeout_add_seconds (2, watch_cb, self);
  return self;
}

/**
 * crm_preferences_window_present:
 * @parent: (nullable): the main window
 * @store: the workspace
 *
 * Returns: (transfer none): the window, to connect "setting-changed"
 */
CrmPreferencesWindow *
crm_preferences_window_present (GtkWindow *parent,
                                CrmStore  *store)
{
  CrmPreferencesWindow *self = crm_preferences_window_new (parent, store);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * crm_preferences_window_present_page:
 * @parent: (nullable): the main window
 * @store: the workspace
 * @page: "general", "funnel", "followups" or "channels"
 *
 * Opens Preferences on @page (the board's "add stages in Preferences").
 *
 * Returns: (transfer none): the window
 */
CrmPreferencesWindow *
crm_preferences_window_present_page (GtkWindow  *parent,
                                     CrmStore   *store,
                                     const char *page)
{
  CrmPreferencesWindow *self = crm_preferences_window_new (parent, store);

  g_return_val_if_fail (page != NULL, self);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), page);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
