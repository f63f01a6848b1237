/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-funnel-page"

#include "config.h"

#include "crm-funnel-page.h"
#include "crm-funnel-page-private.h"
#include "crm-board-resources.h"

#include <glib/gi18n.h>

#include "crm-board.h"
#include "crm-board-column.h"
#include "crm-board-fields-dialog.h"
#include "crm-board-model.h"
#include "crm-convert-dialog.h"
#include "crm-fields.h"
#include "crm-funnel.h"
#include "crm-refuse-dialog.h"
#include "crm-preferences-window.h"
#include "crm-settings.h"
#include "crm-view-logic.h"

/*
 * The Funnel page: a horizontally scrolling row of stage columns
 * (CrmBoardColumn, one one-column GtkGridView each) over models read by one reader
 * connection off the UI thread. A move — a drop, a menu item or a key —
 * is one crm_funnel_move() on the UI connection (one transaction), shown
 * at once by moving the card between the two models, then confirmed by a
 * background reload; the toast's Undo puts the card back between the same
 * neighbours. Won stages go through the conversion dialog, lost ones
 * through the refusal dialog, stages with required fields through a small
 * dialog asking for them.
 */

#define EDGE 64
#define MAX_SPEED 26.0


G_DEFINE_FINAL_TYPE (CrmFunnelPage, crm_funnel_page, GTK_TYPE_WIDGET)

enum { RECORD_ACTIVATED, RECORD_CHANGED, LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const temperatures[] = { NULL, "hot", "warm", "cold" };

static void build_columns (CrmFunnelPage *self);
static void start_load (CrmFunnelPage *self);

/* ---- helpers ---- */

static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/voronka/Voronka/board.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
crm_funnel_page_toast (CrmFunnelPage *self,
       const char    *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

CrmBoardColumn *
crm_funnel_page_column_at (CrmFunnelPage *self,
           guint          i)
{
  return i < self->columns->len ? g_ptr_array_index (self->columns, i) : NULL;
}

CrmBoardColumn *
crm_funnel_page_column_of_stage (CrmFunnelPage *self,
                 const char    *stage_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_strcmp0 (crm_board_column_get_stage_id (crm_funnel_page_column_at (self, i)), stage_id) == 0)
      return crm_funnel_page_column_at (self, i);
  return NULL;
}

CrmBoardColumn *
crm_funnel_page_column_of_rid (CrmFunnelPage *self,
               gint64         rid,
               gint          *position)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      gint pos = crm_board_model_find (crm_board_column_get_model (crm_funnel_page_column_at (self, i)), rid);

      if (pos >= 0)
        {
          *position = pos;
          return crm_funnel_page_column_at (self, i);
        }
    }
  *position = -1;
  return NULL;
}

GtkWindow *
crm_funnel_page_parent_window (CrmFunnelPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

char *
crm_funnel_page_lead_id_of (CrmFunnelPage *self,
            CrmBoardModel *model,
            gint           pos,
            gint64         rid)
{
  CrmBoardCard *card = pos >= 0 ? crm_board_model_peek_card (model, (guint) pos) : NULL;

  if (card != NULL && card->rid == rid && card->id != NULL)
    return g_strdup (card->id);
  return crm_board_lead_id (self->store, rid);
}

void
crm_funnel_page_update_total (CrmFunnelPage *self)
{
  guint64 n = 0;
  gint64 sum = 0;
  g_autofree char *count = NULL;
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmBoardColumn *column = crm_funnel_page_column_at (self, i);
      const char *kind = crm_board_column_get_kind (column);
      CrmBoardModel *model = crm_board_column_get_model (column);

      /* What is still in play: refused leads are not the funnel's worth. */
      if (g_strcmp0 (kind, "lost") == 0)
        continue;
      n += g_list_model_get_n_items (G_LIST_MODEL (model));
      sum += crm_board_model_get_sum (model);
    }
  count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
  money = crm_money_format (sum, self->currency);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead in play · %s", "%s leads in play · %s",
                                       (gulong) n),
                          count, money);
  gtk_label_set_text (self->total_label, text);
}

/* ---- loading ---- */

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmFunnelPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = crm_board_load_finish (result, &error);
  gint64 start;

  if (columns == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the board: %s", error->message);
          self->loading = FALSE;
          g_signal_emit (self, signals[LOADED], 0);
        }
      g_object_unref (self);
      return;
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < columns->len; i++)
    {
      CrmBoardColumnResult *r = g_ptr_array_index (columns, i);
      CrmBoardColumn *column = crm_funnel_page_column_of_stage (self, r->stage_id);

      if (column != NULL)
        crm_board_model_apply (crm_board_column_get_model (column), r);
    }
  g_debug ("board read in %.1f ms, put in place in %.1f ms",
           (start - self->load_started) / 1000.0, (g_get_monotonic_time () - start) / 1000.0);
  crm_funnel_page_update_total (self);
  self->loading = FALSE;
  if (self->dirty_all || g_hash_table_size (self->dirty) > 0)
    start_load (self);
  if (!self->loading)
    g_signal_emit (self, signals[LOADED], 0);
  g_object_unref (self);
}

static void
start_load (CrmFunnelPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) stage_ids = NULL;
  CrmBoardFilter filter = { self->owner_id, self->channel_id, self->temperature, self->text };

  /* Columns in board order; only those that changed. */
  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *id = crm_board_column_get_stage_id (crm_funnel_page_column_at (self, i));

      if (self->dirty_all || g_hash_table_contains (self->dirty, id))
        g_strv_builder_add (builder, id);
    }
  self->dirty_all = FALSE;
  g_hash_table_remove_all (self->dirty);
  stage_ids = g_strv_builder_end (builder);
  if (stage_ids[0] == NULL)
    return;
  self->loading = TRUE;
  self->load_started = g_get_monotonic_time ();
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  crm_board_load_async (self->worker, (const char *const *) stage_ids, &filter, self->load_cancellable,
                        on_loaded_cb, g_object_ref (self));
}

/* Re-reads every column (filters, search, an edit elsewhere). One load at
 * a time: what is asked for meanwhile is read when it is done. */
void
crm_funnel_page_reload (CrmFunnelPage *self)
{
  if (self->columns->len == 0)
    return;
  self->dirty_all = TRUE;
  if (!self->loading)
    start_load (self);
}

/* Re-reads the columns of two stages (either may be %NULL): after a move,
 * the other five need nothing. */
void
crm_funnel_page_reload_stages (CrmFunnelPage *self,
                               const char    *a,
                               const char    *b)
{
  if (a != NULL)
    g_hash_table_add (self->dirty, g_strdup (a));
  if (b != NULL)
    g_hash_table_add (self->dirty, g_strdup (b));
  if (!self->loading)
    start_load (self);
}

/* ---- callbacks ---- */

static void
on_card_dropped_cb (CrmBoardColumn *column,
                    gint64          rid,
                    guint           index,
                    CrmFunnelPage  *self)
{
  crm_funnel_page_start_move (self, rid, column, index);
}

static void
on_card_action_cb (CrmBoardColumn *column,
                   gint64          rid,
                   const char     *action,
                   CrmFunnelPage  *self)
{
  crm_funnel_page_card_action (self, rid, action);
}

static void
on_add_requested_cb (CrmBoardColumn *column,
                     const char     *name,
                     CrmFunnelPage  *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = crm_board_add_lead (self->store, crm_board_column_get_stage_id (column), name, &error);

  if (id == NULL)
    {
      crm_funnel_page_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[RECORD_CHANGED], 0, "leads", id);
  crm_funnel_page_reload (self);
  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, "leads", id);
}

static void
on_drag_finished_cb (CrmBoardColumn *column,
                     CrmFunnelPage  *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    crm_board_column_hide_slot (crm_funnel_page_column_at (self, i));
  self->h_speed = 0;
}

static gboolean
h_scroll_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  CrmFunnelPage *self = CRM_FUNNEL_PAGE (widget);
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (self->board_scroller);

  if (self->h_speed == 0)
    {
      self->h_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + self->h_speed);
  return G_SOURCE_CONTINUE;
}

/* Dragging near the board's left or right edge scrolls it (GTK 4.8 has
 * no autoscroll of its own). */
static void
on_board_drag_motion_cb (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         CrmFunnelPage           *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->board_scroller));

  if (x < EDGE)
    self->h_speed = -MAX_SPEED * (EDGE - x) / EDGE;
  else if (x > width - EDGE)
    self->h_speed = MAX_SPEED * (x - (width - EDGE)) / EDGE;
  else
    self->h_speed = 0;
  if (self->h_speed != 0 && self->h_tick == 0)
    self->h_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), h_scroll_cb, NULL, NULL);
}

static void
on_board_drag_leave_cb (GtkDropControllerMotion *motion,
                        CrmFunnelPage           *self)
{
  self->h_speed = 0;
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
on_filter_changed_cb (CrmFunnelPage *self)
{
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  guint channel = gtk_drop_down_get_selected (self->channel_dropdown);
  guint temp = gtk_drop_down_get_selected (self->temperature_dropdown);

  if (self->building)
    return;
  g_free (self->owner_id);
  self->owner_id = owner < self->owner_ids->len ? g_strdup (g_ptr_array_index (self->owner_ids, owner)) : NULL;
  g_free (self->channel_id);
  self->channel_id = channel < self->channel_ids->len ? g_strdup (g_ptr_array_index (self->channel_ids, channel)) : NULL;
  g_free (self->temperature);
  self->temperature = temp < G_N_ELEMENTS (temperatures) ? g_strdup (temperatures[temp]) : NULL;
  crm_funnel_page_reload (self);
}

static void
on_pipeline_changed_cb (CrmFunnelPage *self)
{
  guint i = gtk_drop_down_get_selected (self->pipeline_dropdown);
  const char *id;

  if (self->building || self->pipelines == NULL || i >= self->pipelines->len)
    return;
  id = crm_record_get_id (g_ptr_array_index (self->pipelines, i));
  crm_funnel_page_set_pipeline (self, id);
}

static gboolean
search_cb (gpointer data)
{
  CrmFunnelPage *self = data;

  self->search_source = 0;
  crm_funnel_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* ---- building ---- */

static void
fill_filters (CrmFunnelPage *self)
{
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) temps = gtk_string_list_new (NULL);
  GPtrArray *users;
  GPtrArray *sources;

  g_clear_pointer (&self->names, crm_names_free);
  self->names = crm_names_load (self->store);
  g_ptr_array_set_size (self->owner_ids, 0);
  g_ptr_array_set_size (self->channel_ids, 0);

  gtk_string_list_append (owners, _("All Owners"));
  g_ptr_array_add (self->owner_ids, NULL);
  users = crm_names_list (self->names, "users");
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      CrmNameEntry *e = g_ptr_array_index (users, i);

      gtk_string_list_append (owners, e->name);
      g_ptr_array_add (self->owner_ids, g_strdup (e->id));
    }
  gtk_string_list_append (channels, _("All Sources"));
  g_ptr_array_add (self->channel_ids, NULL);
  sources = crm_names_list (self->names, "channels");
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      CrmNameEntry *e = g_ptr_array_index (sources, i);

      gtk_string_list_append (channels, e->name);
      g_ptr_array_add (self->channel_ids, g_strdup (e->id));
    }
  gtk_string_list_append (temps, _("Any Temperature"));
  gtk_string_list_append (temps, crm_field_temperature_label ("hot"));
  gtk_string_list_append (temps, crm_field_temperature_label ("warm"));
  gtk_string_list_append (temps, crm_field_temperature_label ("cold"));

  self->building = TRUE;
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (owners));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  gtk_drop_down_set_model (self->temperature_dropdown, G_LIST_MODEL (temps));
  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->owner_ids, i), self->owner_id) == 0)
      gtk_drop_down_set_selected (self->owner_dropdown, i);
  for (guint i = 0; i < self->channel_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->channel_ids, i), self->channel_id) == 0)
      gtk_drop_down_set_selected (self->channel_dropdown, i);
  for (guint i = 0; i < G_N_ELEMENTS (temperatures); i++)
    if (g_strcmp0 (temperatures[i], self->temperature) == 0)
      gtk_drop_down_set_selected (self->temperature_dropdown, i);
  self->building = FALSE;
}

static void
fill_pipelines (CrmFunnelPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  self->pipelines = crm_pipeline_list (self->store, &error);
  if (self->pipelines == NULL)
    {
      g_warning ("Could not list the pipelines: %s", error->message);
      self->pipelines = g_ptr_array_new_with_free_func (g_object_unref);
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
  /* A pipeline deleted meanwhile (or none chosen): the default, listed first. */
  if (!found)
    {
      g_free (self->pipeline_id);
      self->pipeline_id = self->pipelines->len > 0
                          ? g_strdup (crm_record_get_id (g_ptr_array_index (self->pipelines, 0))) : NULL;
    }
  self->building = TRUE;
  gtk_drop_down_set_model (self->pipeline_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->pipeline_dropdown, selected);
  self->building = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->pipeline_dropdown), self->pipelines->len > 1);
}

static void
build_menu (CrmFunnelPage *self,
            GPtrArray     *stages)
{
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) to = g_menu_new ();
  g_autoptr(GMenu) stage_section = g_menu_new ();

  g_clear_object (&self->move_menu);
  self->move_menu = g_menu_new ();
  g_menu_append (open, _("_Open"), "card.do::open");
  g_menu_append (open, _("Add _Task…"), "card.do::task");
  g_menu_append_section (self->move_menu, NULL, G_MENU_MODEL (open));
  for (guint i = 0; i < stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (stages, i);
      g_autofree char *detailed = g_strdup_printf ("card.do::to:%s", crm_record_get_id (stage));

      g_menu_append (to, crm_record_get_text (stage, "name"), detailed);
    }
  g_menu_append_submenu (stage_section, _("_Move to"), G_MENU_MODEL (to));
  g_menu_append (stage_section, _("Previous Stage"), "card.do::left");
  g_menu_append (stage_section, _("Next Stage"), "card.do::right");
  g_menu_append_section (self->move_menu, NULL, G_MENU_MODEL (stage_section));
  g_menu_append (order, _("Move _Up"), "card.do::up");
  g_menu_append (order, _("Move _Down"), "card.do::down");
  g_menu_append (order, _("Move to _Top"), "card.do::top");
  g_menu_append (order, _("Move to _Bottom"), "card.do::bottom");
  g_menu_append_section (self->move_menu, NULL, G_MENU_MODEL (order));
}

static void
build_columns (CrmFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = crm_stage_list (self->store, self->pipeline_id, &error);
  GtkWidget *child;

  if (stages == NULL)
    {
      g_warning ("Could not list the stages: %s", error->message);
      stages = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_cancellable_cancel (self->load_cancellable);
  self->loading = FALSE;
  self->dirty_all = FALSE;
  g_hash_table_remove_all (self->dirty);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  g_ptr_array_set_size (self->columns, 0);

  build_menu (self, stages);
  for (guint i = 0; i < stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (stages, i);
      g_autoptr(CrmBoardModel) model = crm_board_model_new (self->worker, crm_record_get_id (stage));
      CrmBoardColumn *column = crm_board_column_new (stage, model, G_MENU_MODEL (self->move_menu));

      crm_board_column_set_currency (column, self->currency);
      g_signal_connect (column, "card-dropped", G_CALLBACK (on_card_dropped_cb), self);
      g_signal_connect (column, "card-action", G_CALLBACK (on_card_action_cb), self);
      g_signal_connect (column, "add-requested", G_CALLBACK (on_add_requested_cb), self);
      g_signal_connect (column, "drag-finished", G_CALLBACK (on_drag_finished_cb), self);
      gtk_box_append (self->columns_box, GTK_WIDGET (column));
      g_ptr_array_add (self->columns, column);
    }
  gtk_stack_set_visible_child_name (self->content_stack, stages->len > 0 ? "board" : "empty");
  crm_funnel_page_update_total (self);
  crm_funnel_page_reload (self);
}

/* Whether the pipeline's stages are still the columns shown. */
static gboolean
same_stages (CrmFunnelPage *self)
{
  g_autoptr(GPtrArray) stages = crm_stage_list (self->store, self->pipeline_id, NULL);

  if (stages == NULL || stages->len != self->columns->len)
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    {
      CrmRecord *now = g_ptr_array_index (stages, i);
      CrmRecord *was = crm_board_column_get_stage (crm_funnel_page_column_at (self, i));
      const char *fields[] = { "name", "kind", "color", "rotting_days", "required_fields" };

      if (g_strcmp0 (crm_record_get_id (now), crm_record_get_id (was)) != 0)
        return FALSE;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (g_strcmp0 (crm_record_get_text (now, fields[f]), crm_record_get_text (was, fields[f])) != 0)
          return FALSE;
    }
  return TRUE;
}

/* Preferences on the Funnel page; the board follows what was changed
 * there when the window closes. */
static void
on_prefs_destroyed_cb (GtkWidget     *window,
                       CrmFunnelPage *self)
{
  crm_funnel_page_refresh (self);
}

static void
edit_stages_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmFunnelPage *self = CRM_FUNNEL_PAGE (widget);
  CrmPreferencesWindow *window =
    crm_preferences_window_present_page (crm_funnel_page_parent_window (self), self->store, "funnel");

  if (window != NULL)
    g_signal_connect_object (window, "hide", G_CALLBACK (on_prefs_destroyed_cb), self, 0);
}

/* ---- GObject ---- */

static void
crm_funnel_page_dispose (GObject *object)
{
  CrmFunnelPage *self = CRM_FUNNEL_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  if (self->h_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->h_tick);
      self->h_tick = 0;
    }
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_FUNNEL_PAGE);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->move_menu);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_pointer (&self->names, crm_names_free);
  G_OBJECT_CLASS (crm_funnel_page_parent_class)->dispose (object);
}

static void
crm_funnel_page_finalize (GObject *object)
{
  CrmFunnelPage *self = CRM_FUNNEL_PAGE (object);

  g_clear_pointer (&self->worker, crm_board_worker_unref);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->dirty);
  g_ptr_array_unref (self->owner_ids);
  g_ptr_array_unref (self->channel_ids);
  crm_board_position_clear (&self->undo_pos);
  g_free (self->undo_lead);
  g_free (self->changed_lead);
  g_free (self->pipeline_id);
  g_free (self->currency);
  g_free (self->owner_id);
  g_free (self->channel_id);
  g_free (self->temperature);
  g_free (self->text);
  G_OBJECT_CLASS (crm_funnel_page_parent_class)->finalize (object);
}

static void
crm_funnel_page_class_init (CrmFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_funnel_page_dispose;
  object_class->finalize = crm_funnel_page_finalize;
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  (void) crm_board_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-funnel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, pipeline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, temperature_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmFunnelPage, columns_box);
  gtk_widget_class_install_action (widget_class, "board.edit-stages", NULL, edit_stages_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_funnel_page_init (CrmFunnelPage *self)
{
  GtkEventController *motion;

  ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->columns = g_ptr_array_new ();
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->channel_ids = g_ptr_array_new_with_free_func (g_free);

  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_board_drag_motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_board_drag_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_board_drag_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->board_scroller), motion);

  g_signal_connect_swapped (self->pipeline_dropdown, "notify::selected", G_CALLBACK (on_pipeline_changed_cb), self);
  g_signal_connect_swapped (self->owner_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->channel_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->temperature_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
}

CrmFunnelPage *
crm_funnel_page_new (CrmStore *store)
{
  CrmFunnelPage *self;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_FUNNEL_PAGE, NULL);
  self->store = g_object_ref (store);
  self->worker = crm_board_worker_new (crm_store_get_path (store));
  self->currency = crm_store_get_setting (store, "currency");
  if (source != NULL &&
      (schema = g_settings_schema_source_lookup (source, "io.github.voronka.Voronka", TRUE)) != NULL &&
      g_settings_schema_has_key (schema, "funnel-pipeline"))
    {
      self->settings = g_settings_new ("io.github.voronka.Voronka");
      self->pipeline_id = dup_nonempty (g_settings_get_string (self->settings, "funnel-pipeline"));
    }
  fill_pipelines (self);
  fill_filters (self);
  build_columns (self);
  return self;
}

void
crm_funnel_page_set_search_text (CrmFunnelPage *self,
                                 const char    *text)
{
  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));

  if (g_strcmp0 (self->text, text) == 0 || ((self->text == NULL) && (text == NULL || *text == '\0')))
    return;
  g_free (self->text);
  self->text = dup_nonempty (text);
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (CRM_SEARCH_DEBOUNCE_MS, search_cb, self);
}

/**
 * crm_funnel_page_refresh:
 *
 * After an edit anywhere: re-reads the columns (the same cards keep their
 * place and scroll position; changed values are re-read), and rebuilds
 * them when the pipeline's stages changed.
 */
void
crm_funnel_page_refresh (CrmFunnelPage *self)
{
  g_autofree char *currency = NULL;

  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));

  /* The window's echo of the page's own move: already being re-read. */
  if (self->emitting_change)
    return;
  currency = crm_store_get_setting (self->store, "currency");
  if (g_strcmp0 (currency, self->currency) != 0)
    {
      g_free (self->currency);
      self->currency = g_steal_pointer (&currency);
      for (guint i = 0; i < self->columns->len; i++)
        crm_board_column_set_currency (crm_funnel_page_column_at (self, i), self->currency);
    }
  fill_pipelines (self);
  if (!same_stages (self))
    {
      fill_filters (self);
      build_columns (self);
    }
  else
    crm_funnel_page_reload (self);
}

void
crm_funnel_page_set_filter (CrmFunnelPage *self,
                            const char    *owner_id,
                            const char    *channel_id,
                            const char    *temperature)
{
  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));

  g_free (self->owner_id);
  self->owner_id = dup_nonempty (owner_id);
  g_free (self->channel_id);
  self->channel_id = dup_nonempty (channel_id);
  g_free (self->temperature);
  self->temperature = dup_nonempty (temperature);
  fill_filters (self);
  crm_funnel_page_reload (self);
}

void
crm_funnel_page_set_pipeline (CrmFunnelPage *self,
                              const char    *pipeline_id)
{
  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));

  if (g_strcmp0 (self->pipeline_id, pipeline_id) == 0)
    return;
  g_free (self->pipeline_id);
  self->pipeline_id = g_strdup (pipeline_id);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "funnel-pipeline", pipeline_id != NULL ? pipeline_id : "");
  fill_pipelines (self);
  build_columns (self);
}

gboolean
crm_funnel_page_is_loading (CrmFunnelPage *self)
{
  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), FALSE);
  return self->loading || self->search_source != 0;
}

guint
crm_funnel_page_get_n_columns (CrmFunnelPage *self)
{
  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), 0);
  return self->columns->len;
}

/**
 * crm_funnel_page_get_column:
 * Returns: (transfer none) (nullable): the #CrmBoardColumn at @index
 */
GtkWidget *
crm_funnel_page_get_column (CrmFunnelPage *self,
                            guint          index)
{
  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), NULL);
  return GTK_WIDGET (crm_funnel_page_column_at (self, index));
}

GtkWidget *
crm_funnel_page_find_column (CrmFunnelPage *self,
                             const char    *stage_id)
{
  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), NULL);
  return GTK_WIDGET (crm_funnel_page_column_of_stage (self, stage_id));
}

static gboolean
emit_changed_cb (gpointer data)
{
  CrmFunnelPage *self = data;
  g_autofree char *lead_id = g_steal_pointer (&self->changed_lead);

  self->changed_source = 0;
  self->emitting_change = TRUE;
  g_signal_emit (self, signals[RECORD_CHANGED], 0, "leads", lead_id);
  self->emitting_change = FALSE;
  return G_SOURCE_REMOVE;
}

/* Tells the window after the frame that shows the move: its lists
 * refresh, and the drop itself stays within a few milliseconds. */
void
crm_funnel_page_emit_changed (CrmFunnelPage *self,
                              const char    *lead_id)
{
  g_free (self->changed_lead);
  self->changed_lead = g_strdup (lead_id);
  if (self->changed_source == 0)
    self->changed_source = g_idle_add_full (G_PRIORITY_LOW, emit_changed_cb, self, NULL);
}

void
crm_funnel_page_emit_activated (CrmFunnelPage *self,
                                const char    *lead_id)
{
  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, "leads", lead_id);
}
