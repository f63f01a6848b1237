/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board-column"

#include "config.h"

#include "crm-board-column.h"
#include "crm-board-resources.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "crm-board-tile.h"
#include "crm-settings.h"

/* A card's row: the tile's fixed height plus the row's padding (CSS). The
 * real height is read from a row on screen; this is the fallback. */
#define ROW_HEIGHT 100
/* Autoscroll while dragging: within this many pixels of an edge, up to
 * this many pixels a frame. */
#define EDGE 56
#define MAX_SPEED 22.0

struct _CrmBoardColumn
{
  GtkWidget           parent_instance;

  CrmRecord          *stage;
  CrmBoardModel      *model;
  GtkSingleSelection *selection;
  GMenuModel         *move_menu;
  char               *currency;

  GtkPopover         *menu;
  gint64              menu_rid;

  double              scroll_speed;
  guint               scroll_tick;

  GtkWidget          *box;
  GtkWidget          *stripe;
  GtkLabel           *name_label;
  GtkLabel           *count_label;
  GtkLabel           *sum_label;
  GtkMenuButton      *add_button;
  GtkPopover         *add_popover;
  GtkEntry           *add_entry;
  GtkButton          *add_confirm;
  GtkOverlay         *body;
  GtkScrolledWindow  *scroller;
  GtkGridView        *list_view;
  GtkWidget          *empty_label;
  GtkWidget          *drop_slot;
};

G_DEFINE_FINAL_TYPE (CrmBoardColumn, crm_board_column, GTK_TYPE_WIDGET)

enum { CARD_DROPPED, CARD_ACTION, ADD_REQUESTED, DRAG_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- helpers ---- */

static double
row_height (CrmBoardColumn *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int h = gtk_widget_get_height (child);

      if (h > 0 && GTK_IS_WIDGET (gtk_widget_get_first_child (child)) &&
          CRM_IS_BOARD_TILE (gtk_widget_get_first_child (child)))
        return h;
    }
  return ROW_HEIGHT;
}

static void
update_header (CrmBoardColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = g_strdup_printf ("%'u", n);
  g_autofree char *sum = crm_money_format (crm_board_model_get_sum (self->model), self->currency);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->sum_label, sum);
  gtk_widget_set_visible (self->empty_label, n == 0);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s lead, %s", "%s: %s leads, %s", n),
                           crm_record_get_text (self->stage, "name"), count, sum);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
set_stripe_color (CrmBoardColumn *self)
{
  const char *color = crm_record_get_text (self->stage, "color");
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autofree char *css = NULL;
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return;
  provider = gtk_css_provider_new ();
  css = g_strdup_printf (".board-stripe { background-color: %s; }", color);
  gtk_css_provider_load_from_data (provider, css, -1);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->stripe),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
parse_rid (const GValue *value,
           gint64       *rid)
{
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  char *end = NULL;

  if (text == NULL || !g_str_has_prefix (text, "voronka-lead:"))
    return FALSE;
  *rid = g_ascii_strtoll (text + 13, &end, 10);
  return end != NULL && end != text + 13 && *rid > 0;
}

static void
emit_action (CrmBoardColumn *self,
             gint64          rid,
             const char     *action)
{
  g_signal_emit (self, signals[CARD_ACTION], 0, rid, action);
}

static gint64
selected_rid (CrmBoardColumn *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (pos == GTK_INVALID_LIST_POSITION)
    return 0;
  return crm_board_model_get_rid (self->model, pos);
}

/* ---- the context menu ---- */

static void
on_menu_closed_cb (GtkPopover     *popover,
                   CrmBoardColumn *self)
{
  /* Actions run after "closed": keep the rid until then. */
}

static void
popup_menu (CrmBoardColumn *self,
            GtkWidget      *tile,
            gint64          rid,
            double          x,
            double          y)
{
  graphene_rect_t bounds;
  GdkRectangle rect;

  self->menu_rid = rid;
  if (tile != NULL && gtk_widget_compute_bounds (tile, GTK_WIDGET (self), &bounds))
    {
      rect.x = (int) (bounds.origin.x + (x >= 0 ? x : bounds.size.width / 2));
      rect.y = (int) (bounds.origin.y + (y >= 0 ? y : bounds.size.height / 2));
    }
  else
    {
      rect.x = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
      rect.y = 60;
    }
  rect.width = rect.height = 1;
  gtk_popover_set_pointing_to (self->menu, &rect);
  gtk_popover_popup (self->menu);
}

static void
card_do_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (widget);
  gint64 rid = self->menu_rid != 0 ? self->menu_rid : selected_rid (self);

  self->menu_rid = 0;
  if (rid != 0)
    emit_action (self, rid, g_variant_get_string (param, NULL));
}

/* Keys on the focused (selected) card. */
static gboolean
key_action_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (widget);
  const char *action = g_variant_get_string (args, NULL);
  gint64 rid = selected_rid (self);

  if (rid == 0)
    return FALSE;
  if (g_strcmp0 (action, "menu") == 0)
    {
      GtkWidget *tile = NULL;

      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
           row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *child = gtk_widget_get_first_child (row);

          if (child != NULL && CRM_IS_BOARD_TILE (child) && crm_board_tile_get_item (CRM_BOARD_TILE (child)) != NULL &&
              crm_board_item_get_rid (crm_board_tile_get_item (CRM_BOARD_TILE (child))) == rid)
            tile = child;
        }
      popup_menu (self, tile, rid, -1, -1);
      return TRUE;
    }
  emit_action (self, rid, action);
  return TRUE;
}

/* ---- cards: drag sources and menus, attached once per row ---- */

/* The row may be recycled or gone by the time a drag ends: the tile is
 * always taken from the controller, never kept. */
static CrmBoardTile *
source_tile (GtkDragSource *source)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return widget != NULL && CRM_IS_BOARD_TILE (widget) ? CRM_BOARD_TILE (widget) : NULL;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    gpointer       data)
{
  CrmBoardTile *tile = source_tile (source);
  CrmBoardItem *item = tile != NULL ? crm_board_tile_get_item (tile) : NULL;
  g_autofree char *text = NULL;

  if (item == NULL)
    return NULL;
  /* The lead, never the widget: rows are recycled while dragging. */
  text = g_strdup_printf ("voronka-lead:%" G_GINT64_FORMAT, crm_board_item_get_rid (item));
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  gpointer       data)
{
  CrmBoardTile *tile = source_tile (source);
  CrmBoardTile *icon_tile;
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);

  if (tile == NULL)
    return;
  icon_tile = crm_board_tile_new ();

  crm_board_tile_set_item (icon_tile, crm_board_tile_get_item (tile));
  gtk_widget_set_size_request (GTK_WIDGET (icon_tile), gtk_widget_get_width (GTK_WIDGET (tile)), -1);
  gtk_widget_add_css_class (GTK_WIDGET (icon_tile), "board-drag-icon");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), GTK_WIDGET (icon_tile));
  gdk_drag_set_hotspot (drag, (int) gtk_widget_get_width (GTK_WIDGET (tile)) / 2, 20);
  gtk_widget_add_css_class (GTK_WIDGET (tile), "dragged");
}

static void
on_drag_end_cb (GtkDragSource  *source,
                GdkDrag        *drag,
                gboolean        delete_data,
                gpointer        data)
{
  CrmBoardTile *tile = source_tile (source);
  GtkWidget *column;

  if (tile == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (tile), "dragged");
  if ((column = gtk_widget_get_ancestor (GTK_WIDGET (tile), CRM_TYPE_BOARD_COLUMN)) != NULL)
    g_signal_emit (column, signals[DRAG_FINISHED], 0);
}

static void
on_tile_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CrmBoardTile    *tile)
{
  GtkWidget *column = gtk_widget_get_ancestor (GTK_WIDGET (tile), CRM_TYPE_BOARD_COLUMN);
  CrmBoardItem *item = crm_board_tile_get_item (tile);

  if (column == NULL || item == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (CRM_BOARD_COLUMN (column), GTK_WIDGET (tile), crm_board_item_get_rid (item), x, y);
}

/* A click (not a drag) opens the lead in the side pane, as selecting a
 * row of a list does. */
static void
on_tile_released_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     CrmBoardTile    *tile)
{
  GtkWidget *column = gtk_widget_get_ancestor (GTK_WIDGET (tile), CRM_TYPE_BOARD_COLUMN);
  CrmBoardItem *item = crm_board_tile_get_item (tile);

  if (column == NULL || item == NULL || n_press != 1)
    return;
  emit_action (CRM_BOARD_COLUMN (column), crm_board_item_get_rid (item), "open");
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CrmBoardColumn           *self)
{
  CrmBoardTile *tile = crm_board_tile_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *open;

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), NULL);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), NULL);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (tile), GTK_EVENT_CONTROLLER (source));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_tile_pressed_cb), tile);
  gtk_widget_add_controller (GTK_WIDGET (tile), GTK_EVENT_CONTROLLER (click));

  open = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (open), GDK_BUTTON_PRIMARY);
  g_signal_connect (open, "released", G_CALLBACK (on_tile_released_cb), tile);
  gtk_widget_add_controller (GTK_WIDGET (tile), GTK_EVENT_CONTROLLER (open));

  gtk_list_item_set_child (list_item, GTK_WIDGET (tile));
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CrmBoardColumn           *self)
{
  crm_board_tile_set_item (CRM_BOARD_TILE (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CrmBoardColumn           *self)
{
  crm_board_tile_set_item (CRM_BOARD_TILE (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_activate_cb (GtkGridView    *view,
                guint           position,
                CrmBoardColumn *self)
{
  gint64 rid = crm_board_model_get_rid (self->model, position);

  if (rid != 0)
    emit_action (self, rid, "open");
}

/* ---- the drop target: the whole body, empty space included ---- */

static gboolean
autoscroll_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (widget);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  if (self->scroll_speed == 0)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + self->scroll_speed);
  return G_SOURCE_CONTINUE;
}

static void
set_scroll_speed (CrmBoardColumn *self,
                  double          speed)
{
  self->scroll_speed = speed;
  if (speed != 0 && self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_cb, NULL, NULL);
}

static void
show_slot (CrmBoardColumn *self,
           guint           index)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double top = index * row_height (self) - gtk_adjustment_get_value (adj) - 3;
  int height = gtk_widget_get_height (GTK_WIDGET (self->body));

  gtk_widget_set_margin_top (self->drop_slot, (int) CLAMP (top, 0, MAX (height - 6, 0)));
  gtk_widget_set_visible (self->drop_slot, TRUE);
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget  *target,
                   double          x,
                   double          y,
                   CrmBoardColumn *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->body));

  show_slot (self, crm_board_column_index_at (self, y));
  if (y < EDGE)
    set_scroll_speed (self, -MAX_SPEED * (EDGE - y) / EDGE);
  else if (y > height - EDGE)
    set_scroll_speed (self, MAX_SPEED * (y - (height - EDGE)) / EDGE);
  else
    set_scroll_speed (self, 0);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget  *target,
                  CrmBoardColumn *self)
{
  crm_board_column_hide_slot (self);
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            CrmBoardColumn *self)
{
  gint64 rid;
  guint index = crm_board_column_index_at (self, y);

  crm_board_column_hide_slot (self);
  if (!parse_rid (value, &rid))
    return FALSE;
  g_signal_emit (self, signals[CARD_DROPPED], 0, rid, index);
  return TRUE;
}

/* ---- the "+" ---- */

static void
on_add_cb (CrmBoardColumn *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_entry)));

  gtk_popover_popdown (self->add_popover);
  gtk_editable_set_text (GTK_EDITABLE (self->add_entry), "");
  g_signal_emit (self, signals[ADD_REQUESTED], 0, name);
}

static void
on_items_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     CrmBoardColumn *self)
{
  update_header (self);
}

static void
on_sum_notify_cb (CrmBoardColumn *self)
{
  update_header (self);
}

/* ---- GtkWidget ---- */

static void
crm_board_column_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gtk_widget_measure (CRM_BOARD_COLUMN (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
crm_board_column_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->menu != NULL)
    gtk_popover_present (self->menu);
}

static void
crm_board_column_dispose (GObject *object)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_BOARD_COLUMN);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->stage);
  g_clear_object (&self->move_menu);
  G_OBJECT_CLASS (crm_board_column_parent_class)->dispose (object);
}

static void
crm_board_column_finalize (GObject *object)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  g_free (self->currency);
  G_OBJECT_CLASS (crm_board_column_parent_class)->finalize (object);
}

static void
add_key (GtkWidgetClass  *widget_class,
         guint            keyval,
         GdkModifierType  mods,
         const char      *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, mods, key_action_cb, "s", action);
}

static void
crm_board_column_class_init (CrmBoardColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_board_column_dispose;
  object_class->finalize = crm_board_column_finalize;
  widget_class->measure = crm_board_column_measure;
  widget_class->size_allocate = crm_board_column_size_allocate;

  signals[CARD_DROPPED] = g_signal_new ("card-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  signals[CARD_ACTION] = g_signal_new ("card-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[ADD_REQUESTED] = g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DRAG_FINISHED] = g_signal_new ("drag-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  (void) crm_board_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-board-column.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, stripe);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, sum_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, add_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, add_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, add_confirm);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, body);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, drop_slot);

  gtk_widget_class_install_action (widget_class, "card.do", "s", card_do_action);

  /* The keyboard's way to do what a drag does; Shift+F10 or Menu for the
   * card's menu. */
  add_key (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "left");
  add_key (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "right");
  add_key (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK, "up");
  add_key (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK, "down");
  add_key (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "top");
  add_key (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "bottom");
  add_key (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu");
  add_key (widget_class, GDK_KEY_Menu, 0, "menu");

  gtk_widget_class_set_css_name (widget_class, "boardcolumn");
}

static void
crm_board_column_init (CrmBoardColumn *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body), GTK_EVENT_CONTROLLER (target));

  /* The list's own Ctrl+arrows (move focus without selecting) would win in
   * the bubble phase: the column's keys go first. */
  {
    GListModel *list = gtk_widget_observe_controllers (GTK_WIDGET (self));

    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

        if (GTK_IS_SHORTCUT_CONTROLLER (c))
          gtk_event_controller_set_propagation_phase (c, GTK_PHASE_CAPTURE);
      }
    g_object_unref (list);
  }

  g_signal_connect_swapped (self->add_confirm, "clicked", G_CALLBACK (on_add_cb), self);
  g_signal_connect_swapped (self->add_entry, "activate", G_CALLBACK (on_add_cb), self);
}

/**
 * crm_board_column_new:
 * @stage: the stage record
 * @model: its cards
 * @move_menu: the cards' context menu (actions "card.do")
 */
CrmBoardColumn *
crm_board_column_new (CrmRecord     *stage,
                      CrmBoardModel *model,
                      GMenuModel    *move_menu)
{
  CrmBoardColumn *self;
  const char *kind;
  g_autofree char *kind_class = NULL;

  g_return_val_if_fail (CRM_IS_RECORD (stage), NULL);
  g_return_val_if_fail (CRM_IS_BOARD_MODEL (model), NULL);

  self = g_object_new (CRM_TYPE_BOARD_COLUMN, NULL);
  self->stage = g_object_ref (stage);
  self->model = g_object_ref (model);
  self->move_menu = move_menu != NULL ? g_object_ref (move_menu) : NULL;
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_label_set_text (self->name_label, crm_record_get_text (stage, "name"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), crm_record_get_text (stage, "name"));
  kind = crm_record_get_text (stage, "kind");
  kind_class = g_strdup_printf ("kind-%s", kind != NULL ? kind : "open");
  gtk_widget_add_css_class (self->box, kind_class);
  /* New leads start in open or nurturing stages only. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_button),
                          g_strcmp0 (kind, "won") != 0 && g_strcmp0 (kind, "lost") != 0);
  set_stripe_color (self);

  if (move_menu != NULL)
    {
      self->menu = GTK_POPOVER (gtk_popover_menu_new_from_model (move_menu));
      gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));
      gtk_popover_set_has_arrow (self->menu, FALSE);
      gtk_widget_set_halign (GTK_WIDGET (self->menu), GTK_ALIGN_START);
      g_signal_connect (self->menu, "closed", G_CALLBACK (on_menu_closed_cb), self);
    }

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  g_signal_connect_swapped (model, "notify::sum", G_CALLBACK (on_sum_notify_cb), self);
  update_header (self);
  return self;
}

CrmBoardModel *
crm_board_column_get_model (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);
  return self->model;
}

CrmRecord *
crm_board_column_get_stage (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);
  return self->stage;
}

const char *
crm_board_column_get_stage_id (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);
  return crm_record_get_id (self->stage);
}

const char *
crm_board_column_get_kind (CrmBoardColumn *self)
{
  const char *kind;

  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);
  kind = crm_record_get_text (self->stage, "kind");
  return kind != NULL ? kind : "open";
}

void
crm_board_column_set_currency (CrmBoardColumn *self,
                               const char     *currency)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  g_free (self->currency);
  self->currency = g_strdup (currency);
  update_header (self);
}

GtkAdjustment *
crm_board_column_get_vadjustment (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

GtkGridView *
crm_board_column_get_list_view (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);
  return self->list_view;
}

/**
 * crm_board_column_index_at:
 * @y: a height in the column's body (below the header)
 *
 * Returns: where a card dropped at @y goes: the gap nearest to it
 */
guint
crm_board_column_index_at (CrmBoardColumn *self,
                           double          y)
{
  GtkAdjustment *adj;
  guint n;
  double pos;

  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  pos = (y + gtk_adjustment_get_value (adj)) / row_height (self) + 0.5;
  if (pos < 0)
    return 0;
  return MIN ((guint) pos, n);
}

void
crm_board_column_hide_slot (CrmBoardColumn *self)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  gtk_widget_set_visible (self->drop_slot, FALSE);
  set_scroll_speed (self, 0);
}

static gboolean
focus_row_cb (gpointer data)
{
  CrmBoardColumn *self = data;
  gint64 rid = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "focus-rid"));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      CrmBoardItem *item;

      if (child != NULL && CRM_IS_BOARD_TILE (child) &&
          (item = crm_board_tile_get_item (CRM_BOARD_TILE (child))) != NULL &&
          crm_board_item_get_rid (item) == rid)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Select, show and focus the card of @rid (after a move by keys). */
void
crm_board_column_focus_rid (CrmBoardColumn *self,
                            gint64          rid)
{
  gint pos;

  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  if ((pos = crm_board_model_find (self->model, rid)) < 0)
    return;
  gtk_single_selection_set_selected (self->selection, (guint) pos);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) pos);
  g_object_set_data (G_OBJECT (self), "focus-rid", GSIZE_TO_POINTER ((gsize) rid));
  g_timeout_add (30, focus_row_cb, g_object_ref (self));
}
