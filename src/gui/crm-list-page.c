/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-list-page"

#include "config.h"

#include "crm-list-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-core.h"
#include "crm-view-logic.h"

/*
 * Leads, Contacts or Clients as a GtkColumnView over a CrmRecordModel.
 * Sorting, filters and search all end up in one CrmQuery run in SQL by
 * the model's worker; GTK never sorts or filters the rows itself.
 */

typedef struct
{
  CrmListPage         *page;
  const CrmColumnSpec *spec;
} ColumnCtx;

struct _CrmListPage
{
  GtkWidget          parent_instance;

  CrmStore          *store;
  char              *table;
  CrmRecordModel    *model;
  GtkSingleSelection *selection;
  CrmListFilter     *filter;
  CrmNames          *names;
  GTimeZone         *tz;
  gint64             now_ms;
  char              *count_text;
  guint              search_source;
  gint64             last_key_us;     /* the previous key leaving text */
  gint64             search_start_us; /* a text search in flight */
  gint64             last_search_ms;  /* how long the previous one took */
  GSimpleActionGroup *actions;
  GHashTable        *chip_buttons;   /* action name → GtkMenuButton */
  GtkSorter         *view_sorter;
  const CrmColumnSpec *probe_hit;
  GHashTable        *columns;        /* column id → GtkColumnViewColumn */
  gboolean           syncing_sort;
  gboolean           loaded;

  GtkWidget         *box;
  GtkBox            *chips;
  GtkButton         *clear_button;
  GtkSpinner        *spinner;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkColumnView     *column_view;
  AdwStatusPage     *empty_page;
};

G_DEFINE_FINAL_TYPE (CrmListPage, crm_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COUNT_TEXT,
  N_PROPS
};

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_query (CrmListPage *self);

/* ---- helpers ---- */

static void
update_cell (ColumnCtx    *ctx,
             GtkListItem  *list_item)
{
  CrmListPage *self = ctx->page;
  CrmRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  CrmRecord *record = item != NULL ? crm_record_item_get_record (item) : NULL;
  g_autofree char *text = crm_view_cell_text (record, ctx->spec->id, self->names,
                                              self->now_ms, self->tz);

  if (g_str_equal (ctx->spec->id, "stage") && record != NULL && text != NULL)
    {
      const char *color = crm_names_color (self->names, crm_record_get_text (record, "stage_id"));
      g_autofree char *markup = NULL;

      /* The stage's colour from the funnel, as a dot before its name. */
      if (color != NULL && color[0] == '#' && strspn (color + 1, "0123456789abcdefABCDEF") == strlen (color + 1))
        markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s", color, text);
      else
        markup = g_markup_escape_text (text, -1);
      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (g_str_equal (ctx->spec->id, "next_step"))
    {
      CrmNextStep step = crm_view_next_step (record, self->now_ms);

      /* Past due in the error colour; a lead nobody plans to call again
       * in the warning colour. */
      if (step == CRM_NEXT_STEP_OVERDUE)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
      if (step == CRM_NEXT_STEP_MISSING)
        gtk_widget_add_css_class (label, "warning");
      else
        gtk_widget_remove_css_class (label, "warning");
      if (step == CRM_NEXT_STEP_UNDATED)
        gtk_widget_add_css_class (label, "dim-label");
      else
        gtk_widget_remove_css_class (label, "dim-label");
    }
  if (g_str_equal (ctx->spec->id, "temperature"))
    {
      static const char *const temps[] = { "hot", "warm", "cold" };
      static const char *const classes[] = { "temp-hot", "temp-warm", "temp-cold" };
      const char *t = record != NULL ? crm_record_get_text (record, "temperature") : NULL;

      /* Only the class that changes: each change restyles the label, and
       * scrolling rebinds rows every frame. */
      for (guint i = 0; i < G_N_ELEMENTS (temps); i++)
        if (g_strcmp0 (t, temps[i]) != 0)
          gtk_widget_remove_css_class (label, classes[i]);
      for (guint i = 0; i < G_N_ELEMENTS (temps); i++)
        if (g_strcmp0 (t, temps[i]) == 0)
          gtk_widget_add_css_class (label, classes[i]);
    }
}

static void
on_item_record_cb (CrmRecordItem *item,
                   GParamSpec    *pspec,
                   GtkListItem   *list_item)
{
  ColumnCtx *ctx = g_object_get_data (G_OBJECT (list_item), "crm-column-ctx");

  update_cell (ctx, list_item);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ColumnCtx                *ctx)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (g_str_equal (ctx->spec->id, "name"))
    gtk_widget_add_css_class (label, "record-name");
  if (g_str_equal (ctx->spec->id, "created") || g_str_equal (ctx->spec->id, "inn") ||
      g_str_equal (ctx->spec->id, "next_step"))
    gtk_widget_add_css_class (label, "numeric");
  if (g_str_equal (ctx->spec->id, "temperature"))
    {
      gtk_widget_add_css_class (label, "temperature");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
    }
  g_object_set_data (G_OBJECT (list_item), "crm-column-ctx", ctx);
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ColumnCtx                *ctx)
{
  CrmRecordItem *item = gtk_list_item_get_item (list_item);

  g_signal_connect (item, "notify::record", G_CALLBACK (on_item_record_cb), list_item);
  update_cell (ctx, list_item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnCtx                *ctx)
{
  CrmRecordItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_record_cb, list_item);
}

/* GTK 4.8 cannot tell which column a GtkColumnViewSorter sorts by
 * (gtk_column_view_sorter_get_primary_sort_column() is 4.10). Ask it: it
 * compares with its primary column's sorter first, which records itself
 * here; the sign of the answer is the direction. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnCtx *ctx = user_data;

  if (ctx->page->probe_hit == NULL)
    ctx->page->probe_hit = ctx->spec;
  return -1;
}

static void
on_sorter_changed_cb (GtkSorter       *sorter,
                      GtkSorterChange  change,
                      CrmListPage     *self)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  if (self->syncing_sort)
    return;
  self->probe_hit = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  if (self->probe_hit == NULL || self->probe_hit->sort_column == NULL)
    {
      g_free (self->filter->sort_column);
      self->filter->sort_column = g_strdup ("created_ms");
      self->filter->descending = TRUE;
    }
  else
    {
      g_free (self->filter->sort_column);
      self->filter->sort_column = g_strdup (self->probe_hit->sort_column);
      self->filter->descending = order == GTK_ORDERING_LARGER;
    }
  run_query (self);
}

static void
emit_activated (CrmListPage   *self,
                CrmRecordItem *item)
{
  CrmRecord *record = crm_record_item_get_record (item);

  if (record != NULL)
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0, self->table, crm_record_get_id (record));
}

static void
on_selected_record_cb (CrmRecordItem *item,
                       GParamSpec    *pspec,
                       CrmListPage   *self)
{
  g_signal_handlers_disconnect_by_func (item, on_selected_record_cb, self);
  if (gtk_single_selection_get_selected_item (self->selection) == (gpointer) item)
    emit_activated (self, item);
}

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         CrmListPage       *self)
{
  CrmRecordItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL)
    return;
  if (crm_record_item_get_record (item) != NULL)
    emit_activated (self, item);
  else
    g_signal_connect_object (item, "notify::record", G_CALLBACK (on_selected_record_cb), self, 0);
}

static void
on_activate_cb (GtkColumnView *view,
                guint          position,
                CrmListPage   *self)
{
  g_autoptr(CrmRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL)
    emit_activated (self, item);
}

static void
update_empty_page (CrmListPage *self)
{
  gboolean filtered = !crm_list_filter_is_empty (self->filter);

  if (filtered)
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try another search or clear the filters."));
    }
  else if (g_str_equal (self->table, "leads"))
    {
      adw_status_page_set_icon_name (self->empty_page, "contact-new-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Leads Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add an inquiry with “New Lead” or import a file."));
    }
  else if (g_str_equal (self->table, "contacts"))
    {
      adw_status_page_set_icon_name (self->empty_page, "avatar-default-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Contacts Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Contacts appear when a lead is converted into a client, or by import."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Clients Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Convert a qualified lead into a client to see it here."));
    }
}

static void
on_model_ready_cb (CrmRecordModel *model,
                   CrmListPage    *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (self->search_start_us != 0)
    {
      self->last_search_ms = (g_get_monotonic_time () - self->search_start_us) / 1000;
      self->search_start_us = 0;
    }
  g_free (self->count_text);
  /* A search that stopped at its limit has more matches than it shows. */
  self->count_text = crm_view_count_text (self->table, n, !crm_list_filter_is_empty (self->filter),
                                          crm_record_model_get_capped (model));
  update_empty_page (self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_TEXT]);
}

/* The model rewrites the rows on screen with the new result: what was
 * selected or scrolled to belongs to the old one. */
static void
on_model_replaced_cb (CrmRecordModel *model,
                      CrmListPage    *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

static void
run_query (CrmListPage *self)
{
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->loaded = TRUE;
  self->now_ms = crm_store_now_ms (self->store);
  self->search_start_us = self->filter->text != NULL && *self->filter->text != '\0'
                            ? g_get_monotonic_time () : 0;
  crm_record_model_set_query (self->model, crm_list_page_build_query (self));
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button),
                          self->filter->stage_id != NULL || self->filter->temperature != NULL ||
                          self->filter->channel_id != NULL || self->filter->owner_id != NULL ||
                          self->filter->created != CRM_DATE_ANY || self->filter->overdue);
}

static gboolean
search_timeout_cb (gpointer data)
{
  CrmListPage *self = data;

  self->search_source = 0;
  run_query (self);
  return G_SOURCE_REMOVE;
}

/* ---- filter chips ---- */

static char **
filter_slot (CrmListPage *self,
             const char  *name)
{
  if (g_str_equal (name, "stage"))
    return &self->filter->stage_id;
  if (g_str_equal (name, "temperature"))
    return &self->filter->temperature;
  if (g_str_equal (name, "channel"))
    return &self->filter->channel_id;
  if (g_str_equal (name, "owner"))
    return &self->filter->owner_id;
  return NULL;
}

static const char *
chip_title (const char *name)
{
  if (g_str_equal (name, "stage"))
    return _("Stage");
  if (g_str_equal (name, "temperature"))
    return _("Temperature");
  if (g_str_equal (name, "channel"))
    return _("Channel");
  if (g_str_equal (name, "owner"))
    return _("Owner");
  return _("Created");
}

static void
update_chip (CrmListPage *self,
             const char  *name,
             const char  *value)
{
  GtkWidget *button = g_hash_table_lookup (self->chip_buttons, name);
  g_autofree char *label = NULL;
  const char *value_label = NULL;

  if (button == NULL)
    return;
  if (g_str_equal (name, "created"))
    {
      CrmDateRange range = crm_view_date_range_from_id (value);

      if (range != CRM_DATE_ANY)
        value_label = crm_view_date_range_label (range);
    }
  else if (g_str_equal (name, "temperature"))
    value_label = crm_field_temperature_label (value);
  else if (value != NULL && *value != '\0')
    value_label = crm_names_lookup (self->names, value);

  if (value_label != NULL)
    {
      /* TRANSLATORS: a filter chip, e.g. "Stage: In work" */
      label = g_strdup_printf (_("%s: %s"), chip_title (name), value_label);
      gtk_widget_add_css_class (button, "active");
    }
  else
    {
      label = g_strdup (chip_title (name));
      gtk_widget_remove_css_class (button, "active");
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
}

static void
on_filter_change_state_cb (GSimpleAction *action,
                           GVariant      *value,
                           CrmListPage   *self)
{
  const char *name = g_action_get_name (G_ACTION (action));
  const char *str = g_variant_get_string (value, NULL);
  char **slot = filter_slot (self, name);

  g_simple_action_set_state (action, value);
  if (slot != NULL)
    {
      g_free (*slot);
      *slot = *str != '\0' ? g_strdup (str) : NULL;
    }
  else
    self->filter->created = crm_view_date_range_from_id (str);
  update_chip (self, name, str);
  run_query (self);
}

static void
on_overdue_change_state_cb (GSimpleAction *action,
                            GVariant      *value,
                            CrmListPage   *self)
{
  g_simple_action_set_state (action, value);
  self->filter->overdue = g_variant_get_boolean (value);
  run_query (self);
}

static void
on_clear_filters_cb (GSimpleAction *action,
                     GVariant      *param,
                     CrmListPage   *self)
{
  static const char *const names[] = { "stage", "temperature", "channel", "owner", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i]);

      if (a != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (a), g_variant_new_string (""));
      g_clear_pointer (filter_slot (self, names[i]), g_free);
      update_chip (self, names[i], "");
    }
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "created")),
                             g_variant_new_string ("any"));
  self->filter->created = CRM_DATE_ANY;
  update_chip (self, "created", "any");
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "overdue")),
                             g_variant_new_boolean (FALSE));
  self->filter->overdue = FALSE;
  run_query (self);
}

static GMenu *
chip_menu (CrmListPage *self,
           const char  *name)
{
  GMenu *menu = g_menu_new ();
  g_autofree char *action = g_strconcat ("list-filter.", name, NULL);
  GMenu *section = g_menu_new ();

  if (g_str_equal (name, "created"))
    {
      for (CrmDateRange r = CRM_DATE_ANY; r <= CRM_DATE_YEAR; r++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (crm_view_date_range_label (r), NULL);

          g_menu_item_set_action_and_target (item, action, "s", crm_view_date_range_id (r));
          g_menu_append_item (r == CRM_DATE_ANY ? menu : section, item);
        }
    }
  else
    {
      g_autoptr(GMenuItem) any = g_menu_item_new (_("Any"), NULL);

      g_menu_item_set_action_and_target (any, action, "s", "");
      g_menu_append_item (menu, any);
      if (g_str_equal (name, "temperature"))
        {
          static const char *const temps[] = { "hot", "warm", "cold", NULL };

          for (guint i = 0; temps[i] != NULL; i++)
            {
              g_autoptr(GMenuItem) item = g_menu_item_new (crm_field_temperature_label (temps[i]), NULL);

              g_menu_item_set_action_and_target (item, action, "s", temps[i]);
              g_menu_append_item (section, item);
            }
        }
      else
        {
          const char *table = g_str_equal (name, "stage") ? "stages" :
                              g_str_equal (name, "channel") ? "channels" : "users";
          GPtrArray *entries = crm_names_list (self->names, table);

          for (guint i = 0; entries != NULL && i < entries->len; i++)
            {
              CrmNameEntry *entry = g_ptr_array_index (entries, i);
              g_autoptr(GMenuItem) item = g_menu_item_new (entry->name, NULL);

              g_menu_item_set_action_and_target (item, action, "s", entry->id);
              g_menu_append_item (section, item);
            }
        }
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return menu;
}

static void
build_chips (CrmListPage *self)
{
  static const struct { const char *name; guint kind; } chips[] = {
    { "stage", CRM_FILTER_STAGE },
    { "temperature", CRM_FILTER_TEMPERATURE },
    { "channel", CRM_FILTER_CHANNEL },
    { "owner", CRM_FILTER_OWNER },
    { "created", CRM_FILTER_CREATED },
  };
  guint kinds = crm_list_filter_kinds (self->table);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);
  g_hash_table_remove_all (self->chip_buttons);

  for (guint i = 0; i < G_N_ELEMENTS (chips); i++)
    {
      g_autoptr(GMenu) menu = NULL;
      GtkWidget *button;
      GAction *action;
      GVariant *state;

      if (!(kinds & chips[i].kind))
        continue;
      if (g_action_map_lookup_action (G_ACTION_MAP (self->actions), chips[i].name) == NULL)
        {
          g_autoptr(GSimpleAction) a =
            g_simple_action_new_stateful (chips[i].name, G_VARIANT_TYPE_STRING,
                                          g_variant_new_string (g_str_equal (chips[i].name, "created") ? "any" : ""));
          g_signal_connect (a, "change-state", G_CALLBACK (on_filter_change_state_cb), self);
          g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (a));
        }
      menu = chip_menu (self, chips[i].name);
      button = gtk_menu_button_new ();
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
      gtk_widget_add_css_class (button, "filter-chip");
      gtk_widget_set_tooltip_text (button, chip_title (chips[i].name));
      gtk_box_append (self->chips, button);
      g_hash_table_insert (self->chip_buttons, (char *) chips[i].name, button);

      action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), chips[i].name);
      state = g_action_get_state (action);
      update_chip (self, chips[i].name, g_variant_get_string (state, NULL));
      g_variant_unref (state);
    }

  if (kinds & CRM_FILTER_OVERDUE)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_("Overdue Tasks"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "list-filter.overdue");
      gtk_widget_add_css_class (toggle, "filter-chip");
      gtk_widget_set_tooltip_text (toggle, _("Only records with an overdue task"));
      gtk_box_append (self->chips, toggle);
    }
}

/* ---- columns ---- */

static void
build_columns (CrmListPage *self)
{
  const CrmColumnSpec *specs;
  guint n;

  specs = crm_view_columns (self->table, &n);
  for (guint i = 0; i < n; i++)
    {
      ColumnCtx *ctx = g_new0 (ColumnCtx, 1);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      ctx->page = self;
      ctx->spec = &specs[i];
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), ctx);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), ctx);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), ctx);
      g_object_set_data_full (G_OBJECT (factory), "crm-column-ctx", ctx, g_free);

      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column", specs[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, specs[i].expand);
      /* Expanding columns get their width as a floor, then a share of
       * the rest. */
      gtk_column_view_column_set_fixed_width (column, specs[i].width_chars * 8 + 16);
      if (specs[i].sort_column != NULL)
        {
          GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, ctx, NULL));

          gtk_column_view_column_set_sorter (column, sorter);
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (self->column_view, column);
      g_hash_table_insert (self->columns, (char *) specs[i].id, column);
      g_object_unref (column);
    }
}

/* ---- GObject ---- */

/* A page queries when it is first shown, so the pages behind the visible
 * one do not compete with it for the CPU at start. */
static void
crm_list_page_map (GtkWidget *widget)
{
  CrmListPage *self = CRM_LIST_PAGE (widget);

  GTK_WIDGET_CLASS (crm_list_page_parent_class)->map (widget);
  if (!self->loaded)
    run_query (self);
}

static void
crm_list_page_dispose (GObject *object)
{
  CrmListPage *self = CRM_LIST_PAGE (object);

  g_clear_handle_id (&self->search_source, g_source_remove);
  if (self->view_sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->view_sorter, on_sorter_changed_cb, self);
  g_clear_object (&self->view_sorter);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, on_model_ready_cb, self);
      g_signal_handlers_disconnect_by_func (self->model, on_model_replaced_cb, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_LIST_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->actions);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_list_page_parent_class)->dispose (object);
}

static void
crm_list_page_finalize (GObject *object)
{
  CrmListPage *self = CRM_LIST_PAGE (object);

  g_free (self->table);
  g_free (self->count_text);
  crm_list_filter_free (self->filter);
  crm_names_free (self->names);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_hash_table_unref (self->chip_buttons);
  g_hash_table_unref (self->columns);
  G_OBJECT_CLASS (crm_list_page_parent_class)->finalize (object);
}

static void
crm_list_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmListPage *self = CRM_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_COUNT_TEXT:
      g_value_set_string (value, self->count_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_list_page_class_init (CrmListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_list_page_dispose;
  object_class->finalize = crm_list_page_finalize;
  object_class->get_property = crm_list_page_get_property;
  widget_class->map = crm_list_page_map;

  properties[PROP_COUNT_TEXT] =
    g_param_spec_string ("count-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, box);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, chips);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmListPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_list_page_init (CrmListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = crm_list_filter_new ();
  self->chip_buttons = g_hash_table_new (g_str_hash, g_str_equal);
  self->columns = g_hash_table_new (g_str_hash, g_str_equal);
}

CrmListPage *
crm_list_page_new (CrmStore   *store,
                   const char *table)
{
  CrmListPage *self;
  g_autoptr(GSimpleAction) overdue = NULL;
  g_autoptr(GSimpleAction) clear = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (CRM_TYPE_LIST_PAGE, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  self->tz = crm_settings_get_timezone (store);
  self->names = crm_names_load (store);
  self->now_ms = crm_store_now_ms (store);

  self->actions = g_simple_action_group_new ();
  overdue = g_simple_action_new_stateful ("overdue", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect (overdue, "change-state", G_CALLBACK (on_overdue_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (overdue));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list-filter", G_ACTION_GROUP (self->actions));
  clear = g_simple_action_new ("clear-filters", NULL);
  g_signal_connect (clear, "activate", G_CALLBACK (on_clear_filters_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (clear));

  build_chips (self);

  self->model = crm_record_model_new (crm_store_get_path (store), table);
  g_signal_connect (self->model, "ready", G_CALLBACK (on_model_ready_cb), self);
  g_signal_connect (self->model, "replaced", G_CALLBACK (on_model_replaced_cb), self);
  g_object_bind_property (self->model, "loading", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->model, "loading", self->spinner, "visible", G_BINDING_SYNC_CREATE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);

  build_columns (self);
  self->view_sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  /* Newest first until the user clicks a header. */
  self->syncing_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, g_hash_table_lookup (self->columns, "created"),
                                  GTK_SORT_DESCENDING);
  self->syncing_sort = FALSE;
  g_signal_connect (self->view_sorter, "changed", G_CALLBACK (on_sorter_changed_cb), self);
  return self;
}

const char *
crm_list_page_get_table (CrmListPage *self)
{
  g_return_val_if_fail (CRM_IS_LIST_PAGE (self), NULL);
  return self->table;
}

CrmRecordModel *
crm_list_page_get_model (CrmListPage *self)
{
  g_return_val_if_fail (CRM_IS_LIST_PAGE (self), NULL);
  return self->model;
}

const char *
crm_list_page_get_count_text (CrmListPage *self)
{
  g_return_val_if_fail (CRM_IS_LIST_PAGE (self), NULL);
  return self->count_text;
}

/**
 * crm_list_page_set_search_text:
 * @self: a #CrmListPage
 * @text: (nullable): what the user typed
 *
 * Searches through the core's full-text index at once, or once typing
 * pauses for %CRM_SEARCH_DEBOUNCE_MS when the keys come in a burst or
 * searches are slow (crm_view_search_delay_ms()).
 */
void
crm_list_page_set_search_text (CrmListPage *self,
                               const char  *text)
{
  gint64 now = g_get_monotonic_time ();
  guint delay;

  g_return_if_fail (CRM_IS_LIST_PAGE (self));

  if (g_strcmp0 (self->filter->text, text) == 0 ||
      ((self->filter->text == NULL || *self->filter->text == '\0') && (text == NULL || *text == '\0')))
    return;
  g_free (self->filter->text);
  self->filter->text = g_strdup (text);
  delay = crm_view_search_delay_ms (text, self->last_key_us != 0 ? (now - self->last_key_us) / 1000 : G_MAXINT64,
                                    self->last_search_ms);
  if (text != NULL && *text != '\0')
    self->last_key_us = now;
  g_clear_handle_id (&self->search_source, g_source_remove);
  if (delay == 0)
    run_query (self);
  else
    self->search_source = g_timeout_add (delay, search_timeout_cb, self);
}

void
crm_list_page_refresh (CrmListPage *self)
{
  g_return_if_fail (CRM_IS_LIST_PAGE (self));
  run_query (self);
}

/**
 * crm_list_page_refresh_when_shown:
 * @self: a #CrmListPage
 *
 * Refreshes now if the page is on screen, else when it is next shown: a
 * save on one page must not re-query a million hidden leads.
 */
void
crm_list_page_refresh_when_shown (CrmListPage *self)
{
  g_return_if_fail (CRM_IS_LIST_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    run_query (self);
  else
    self->loaded = FALSE;
}

void
crm_list_page_reload_names (CrmListPage *self)
{
  g_return_if_fail (CRM_IS_LIST_PAGE (self));

  crm_names_free (self->names);
  self->names = crm_names_load (self->store);
  build_chips (self);
}

void
crm_list_page_unselect (CrmListPage *self)
{
  g_return_if_fail (CRM_IS_LIST_PAGE (self));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/**
 * crm_list_page_build_query:
 * @self: a #CrmListPage
 *
 * Returns: (transfer full): the query behind what the page shows (for
 *   export)
 */
CrmQuery *
crm_list_page_build_query (CrmListPage *self)
{
  g_return_val_if_fail (CRM_IS_LIST_PAGE (self), NULL);
  return crm_list_filter_to_query (self->filter, self->table, crm_store_now_ms (self->store), self->tz);
}

/**
 * crm_list_page_sort_by:
 * @self: a #CrmListPage
 * @column_id: a sortable column ("name", "created", …)
 * @descending: direction
 *
 * Same as clicking the column header.
 */
void
crm_list_page_sort_by (CrmListPage *self,
                       const char  *column_id,
                       gboolean     descending)
{
  GtkColumnViewColumn *column;

  g_return_if_fail (CRM_IS_LIST_PAGE (self));

  column = g_hash_table_lookup (self->columns, column_id);
  g_return_if_fail (column != NULL);
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}
