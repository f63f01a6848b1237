/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-history-view"

#include "config.h"

#include "crm-history-view.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"
#include <string.h>

#include "crm-card-logic.h"
#include "crm-settings.h"
#include "crm-core.h"

struct _CrmHistoryView
{
  GtkWidget   parent_instance;

  CrmStore   *store;
  char       *entity_id;
  guint       n_items;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (CrmHistoryView, crm_history_view, GTK_TYPE_WIDGET)

/* History keeps raw column values: show names for ids, dates for times,
 * money as money. */
static char *
readable (CrmHistoryView *self,
          const char     *field,
          const char     *value)
{
  const char *catalog;

  if (value == NULL)
    return NULL;
  if ((catalog = crm_card_field_catalog (field)) != NULL)
    return crm_catalog_name (self->store, catalog, value);
  if (field != NULL && g_str_has_suffix (field, "_ms"))
    return crm_card_format_time (g_ascii_strtoll (value, NULL, 10));
  if (g_strcmp0 (field, "value") == 0)
    return crm_money_format_plain (g_ascii_strtoll (value, NULL, 10));
  if (g_strcmp0 (field, "temperature") == 0)
    return g_strdup (crm_card_temperature_label (value));
  if (g_strcmp0 (field, "kind") == 0)
    return g_strdup (g_strcmp0 (value, "person") == 0 ? _("Private person") : _("Company or sole trader"));
  return g_strdup (value);
}

/* Derived and bookkeeping columns are noise in a person's history. */
static gboolean
is_noise (const char *field)
{
  static const char *const noise[] = {
    "last_name", "first_name", "middle_name", "stage_entered_ms", "stage_pos",
    "pipeline_id", "merged_into", NULL
  };
  return field != NULL && g_strv_contains (noise, field);
}

static void
crm_history_view_dispose (GObject *object)
{
  CrmHistoryView *self = CRM_HISTORY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_HISTORY_VIEW);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_history_view_parent_class)->dispose (object);
}

static void
crm_history_view_finalize (GObject *object)
{
  g_free (CRM_HISTORY_VIEW (object)->entity_id);
  G_OBJECT_CLASS (crm_history_view_parent_class)->finalize (object);
}

static void
crm_history_view_class_init (CrmHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_history_view_dispose;
  object_class->finalize = crm_history_view_finalize;

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmHistoryView, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_history_view_init (CrmHistoryView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (placeholder), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (placeholder), _("No Changes Yet"));
  gtk_widget_add_css_class (placeholder, "compact");
  gtk_list_box_set_placeholder (self->list, placeholder);
}

CrmHistoryView *
crm_history_view_new (void)
{
  return g_object_new (CRM_TYPE_HISTORY_VIEW, NULL);
}

void
crm_history_view_set_record (CrmHistoryView *self,
                             CrmStore       *store,
                             const char     *entity_id)
{
  g_return_if_fail (CRM_IS_HISTORY_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->entity_id);
  self->entity_id = g_strdup (entity_id);
  crm_history_view_reload (self);
}

void
crm_history_view_reload (CrmHistoryView *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWidget *child;

  g_return_if_fail (CRM_IS_HISTORY_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_items = 0;
  if (self->store == NULL || self->entity_id == NULL)
    return;
  if (!(rows = crm_store_list_children (self->store, "history", self->entity_id, NULL)))
    return;

  /* Oldest first from the store; people read the newest first. */
  for (guint i = rows->len; i > 0; i--)
    {
      CrmRecord *h = g_ptr_array_index (rows, i - 1);
      const char *field = crm_record_get_text (h, "field");
      const char *user_id = crm_record_get_text (h, "user_id");
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      g_autofree char *line = NULL;
      g_autofree char *when = crm_card_format_time (crm_record_get_int (h, "at_ms", 0));
      g_autofree char *subtitle = NULL;
      const char *who = NULL;
      GtkWidget *row;

      if (is_noise (field))
        continue;
      if (user_id != NULL)
        {
          if (!g_hash_table_contains (users, user_id))
            g_hash_table_insert (users, g_strdup (user_id),
                                 crm_catalog_name (self->store, "users", user_id));
          who = g_hash_table_lookup (users, user_id);
        }
      old_value = readable (self, field, crm_record_get_text (h, "old_value"));
      new_value = readable (self, field, crm_record_get_text (h, "new_value"));
      line = crm_card_history_line (crm_record_get_text (h, "op"), field, old_value, new_value);
      subtitle = who != NULL ? g_strdup_printf ("%s · %s", when, who) : g_strdup (when);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->list, row);
      self->n_items++;
    }
}

guint
crm_history_view_get_n_items (CrmHistoryView *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_VIEW (self), 0);
  return self->n_items;
}
