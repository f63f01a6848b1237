/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-zone"

#include "config.h"

#include "crm-prefs-zone-dialog.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-extra-resources.h"

/* Every time zone of the system, searched as you type ("моск" finds
 * nothing, "Moscow" and "Europe" do: the identifiers are English), for an
 * office the short list in Preferences does not cover. A few hundred
 * rows: a GtkStringFilter over a GtkStringList is plenty. */

struct _CrmPrefsZoneDialog
{
  AdwWindow        parent_instance;

  GtkSearchEntry  *search_entry;
  GtkListView     *list_view;

  GtkStringFilter *filter;
  GtkFilterListModel *filtered;
  GHashTable      *ids;        /* label → zone id */
};

G_DEFINE_FINAL_TYPE (CrmPrefsZoneDialog, crm_prefs_zone_dialog, ADW_TYPE_WINDOW)

enum {
  ZONE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
zone_label (const char *id)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (id);
  g_autofree char *name = g_strdelimit (g_strdup (id), "_", ' ');
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint32 offset;
  int interval, hours, minutes;

  if (tz == NULL || g_str_equal (id, "UTC"))
    return g_steal_pointer (&name);
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, now);
  offset = g_time_zone_get_offset (tz, MAX (interval, 0));
  hours = ABS (offset) / 3600;
  minutes = (ABS (offset) % 3600) / 60;
  if (minutes != 0)
    return g_strdup_printf ("%s (UTC%c%d:%02d)", name, offset < 0 ? '-' : '+', hours, minutes);
  if (offset == 0)
    return g_strdup_printf ("%s (UTC±0)", name);
  return g_strdup_printf ("%s (UTC%c%d)", name, offset < 0 ? '-' : '+', hours);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  GtkStringObject *obj = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (obj));
}

static void
on_activate_cb (GtkListView        *view,
                guint               position,
                CrmPrefsZoneDialog *self)
{
  crm_prefs_zone_dialog_choose (self, position);
}

static void
on_search_changed_cb (CrmPrefsZoneDialog *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate_cb (CrmPrefsZoneDialog *self)
{
  if (crm_prefs_zone_dialog_get_n_shown (self) > 0)
    crm_prefs_zone_dialog_choose (self, 0);
}

static void
crm_prefs_zone_dialog_dispose (GObject *object)
{
  CrmPrefsZoneDialog *self = CRM_PREFS_ZONE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFS_ZONE_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  G_OBJECT_CLASS (crm_prefs_zone_dialog_parent_class)->dispose (object);
}

static void
crm_prefs_zone_dialog_class_init (CrmPrefsZoneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_prefs_zone_dialog_dispose;

  signals[ZONE_CHOSEN] =
    g_signal_new ("zone-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) crm_extra_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-prefs-zone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsZoneDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsZoneDialog, list_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_prefs_zone_dialog_init (CrmPrefsZoneDialog *self)
{
  g_auto(GStrv) zones = crm_settings_list_timezones (NULL);
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; zones[i] != NULL; i++)
    {
      char *label = zone_label (zones[i]);

      gtk_string_list_append (labels, label);
      g_hash_table_insert (self->ids, label, g_strdup (zones[i]));
    }

  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (labels), GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * crm_prefs_zone_dialog_new:
 * @parent: the Preferences window
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
CrmPrefsZoneDialog *
crm_prefs_zone_dialog_new (GtkWindow *parent)
{
  return g_object_new (CRM_TYPE_PREFS_ZONE_DIALOG, "transient-for", parent, NULL);
}

void
crm_prefs_zone_dialog_set_search (CrmPrefsZoneDialog *self,
                                  const char         *text)
{
  g_return_if_fail (CRM_IS_PREFS_ZONE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Not waiting for the entry's delay. */
  gtk_string_filter_set_search (self->filter, text);
}

guint
crm_prefs_zone_dialog_get_n_shown (CrmPrefsZoneDialog *self)
{
  g_return_val_if_fail (CRM_IS_PREFS_ZONE_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/**
 * crm_prefs_zone_dialog_choose:
 * @self: a #CrmPrefsZoneDialog
 * @position: a row among those shown
 *
 * Emits "zone-chosen" with the row's zone and closes the dialog.
 */
void
crm_prefs_zone_dialog_choose (CrmPrefsZoneDialog *self,
                              guint               position)
{
  g_autoptr(GtkStringObject) obj = NULL;
  const char *id;

  g_return_if_fail (CRM_IS_PREFS_ZONE_DIALOG (self));

  if (!(obj = g_list_model_get_item (G_LIST_MODEL (self->filtered), position)))
    return;
  id = g_hash_table_lookup (self->ids, gtk_string_object_get_string (obj));
  if (id != NULL)
    g_signal_emit (self, signals[ZONE_CHOSEN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}
