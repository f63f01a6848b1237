/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board-tile"

#include "config.h"

#include "crm-board-tile.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-settings.h"

/*
 * A card on the board, drawn as ONE widget: a column keeps some thirty
 * cards alive (a one-column GtkGridView; GTK 4.8's list view kept up to
 * 200), and as a template of a dozen labels, images and an avatar each
 * they took over a second to build and made every scrolled frame
 * expensive. Here the CSS node gives the card its background, border,
 * temperature stripe and padding; the text is a handful of Pango layouts
 * made when the card's fields change and laid out on allocation; icons
 * are the theme's symbolic paintables, tinted at snapshot time.
 */

#define FOOTER_H 22
#define ICON 14
#define AVATAR 22
/* The temperature stripe along the card's left edge, and the card's
 * corner radius in board.css (the stripe follows the corners). */
#define STRIPE 4
#define RADIUS 10

struct _CrmBoardTile
{
  GtkWidget     parent_instance;

  CrmBoardItem *item;
  gulong        notify_id;

  PangoLayout  *title;
  PangoLayout  *value;
  PangoLayout  *company;
  PangoLayout  *task;
  PangoLayout  *days;
  PangoLayout  *badge;
  PangoLayout  *initials;
  const char   *channel_icon;
  guint         avatar_color;

  /* Where things were drawn, for tooltips. */
  graphene_rect_t channel_rect;
  graphene_rect_t days_rect;
  graphene_rect_t avatar_rect;
  graphene_rect_t duplicate_rect;
  graphene_rect_t badge_rect;
  float           value_x;
  float           task_x;
  float           days_x;
  int             arranged_width;
  int             arranged_height;
  gboolean        labelled;
};

G_DEFINE_FINAL_TYPE (CrmBoardTile, crm_board_tile, GTK_TYPE_WIDGET)


/* libadwaita's avatar palette, light enough for white initials. */
static const GdkRGBA avatar_colors[] = {
  { 0.208, 0.518, 0.894, 1 }, { 0.149, 0.635, 0.412, 1 }, { 0.898, 0.647, 0.039, 1 },
  { 0.753, 0.110, 0.157, 1 }, { 0.506, 0.239, 0.612, 1 }, { 0.596, 0.416, 0.267, 1 },
  { 0.369, 0.361, 0.392, 1 }, { 0.902, 0.380, 0.000, 1 },
};

/**
 * crm_board_tile_channel_icon:
 * @kind: (nullable): a channel's kind
 *
 * Returns: (transfer none): the symbolic icon of a lead source
 */
const char *
crm_board_tile_channel_icon (const char *kind)
{
  static const struct { const char *kind, *icon; } icons[] = {
    { "website", "web-browser-symbolic" },
    { "phone", "call-start-symbolic" },
    { "email", "mail-unread-symbolic" },
    { "messenger", "chat-message-new-symbolic" },
    { "social", "system-users-symbolic" },
    { "referral", "emblem-shared-symbolic" },
    { "partner", "emoji-people-symbolic" },
    { "event", "x-office-calendar-symbolic" },
    { "ads", "emoji-flags-symbolic" },
    { "import", "document-open-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (kind, icons[i].kind) == 0)
      return icons[i].icon;
  return "mail-message-new-symbolic";
}

static char *
days_text (guint days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
}

/**
 * crm_board_tile_describe:
 * @card: a card
 *
 * What a screen reader says for the card: everything it shows, in words.
 *
 * Returns: (transfer full): the text
 */
char *
crm_board_tile_describe (CrmBoardCard *card)
{
  GString *out = g_string_new (card->title);

  if (card->company != NULL)
    g_string_append_printf (out, ", %s", card->company);
  if (card->has_value)
    {
      g_autofree char *money = crm_money_format (card->value, card->currency);
      g_string_append_printf (out, ", %s", money);
    }
  if (card->temperature != NULL)
    g_string_append_printf (out, ", %s",
                            g_strcmp0 (card->temperature, "hot") == 0 ? _("hot")
                            : g_strcmp0 (card->temperature, "warm") == 0 ? _("warm") : _("cold"));
  if (card->channel_name != NULL)
    g_string_append_printf (out, ", %s", card->channel_name);
  if (card->owner_name != NULL)
    g_string_append_printf (out, ", %s", card->owner_name);
  if (card->task != CRM_BOARD_TASK_NONE)
    g_string_append_printf (out, _(", next task: %s"), crm_board_task_label (card->task));
  if (card->no_next_step)
    g_string_append_printf (out, ", %s", _("No next step"));
  {
    g_autofree char *days = days_text (card->days_in_stage);
    g_string_append_printf (out, _(", %s in this stage"), days);
  }
  if (card->rotting)
    g_string_append_printf (out, ", %s", _("stuck in this stage"));
  if (card->duplicate)
    g_string_append_printf (out, ", %s", _("possible duplicate"));
  return g_string_free (out, FALSE);
}

static char *
initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  GString *out = g_string_new (NULL);

  /* "Фамилия Имя" or "Имя Фамилия": the first letters of the first two words. */
  for (guint i = 0; words[i] != NULL && out->len < 8; i++)
    {
      gunichar c = g_utf8_get_char_validated (words[i], -1);

      if (*words[i] == '\0' || c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isalpha (c))
        continue;
      g_string_append_unichar (out, g_unichar_toupper (c));
      if (g_utf8_strlen (out->str, -1) == 2)
        break;
    }
  return g_string_free (out, FALSE);
}

static PangoLayout *
make_layout (CrmBoardTile *self,
             const char   *text,
             gboolean      bold,
             double        scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static void
clear_layouts (CrmBoardTile *self)
{
  g_clear_object (&self->title);
  g_clear_object (&self->value);
  g_clear_object (&self->company);
  g_clear_object (&self->task);
  g_clear_object (&self->days);
  g_clear_object (&self->badge);
  g_clear_object (&self->initials);
  self->channel_icon = NULL;
}

static void
set_label (CrmBoardTile *self)
{
  CrmBoardCard *card = self->item != NULL ? crm_board_item_get_card (self->item) : NULL;
  g_autofree char *label = NULL;

  if (card == NULL || self->labelled)
    return;
  self->labelled = TRUE;
  label = crm_board_tile_describe (card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update (CrmBoardTile *self)
{
  CrmBoardCard *card = self->item != NULL ? crm_board_item_get_card (self->item) : NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  clear_layouts (self);
  self->arranged_width = self->arranged_height = -1;
  if (card == NULL)
    {
      /* Not read yet: an empty card of the same size, no flicker of text. */
      gtk_widget_add_css_class (widget, "loading");
      gtk_widget_queue_draw (widget);
      return;
    }
  gtk_widget_remove_css_class (widget, "loading");

  self->title = make_layout (self, card->title, TRUE, 1.0);
  if (card->has_value)
    {
      g_autofree char *money = crm_money_format (card->value, card->currency);
      self->value = make_layout (self, money, TRUE, 1.0);
    }
  if (card->company != NULL)
    self->company = make_layout (self, card->company, FALSE, 0.83);
  if (card->channel_kind != NULL)
    self->channel_icon = crm_board_tile_channel_icon (card->channel_kind);
  if (card->task != CRM_BOARD_TASK_NONE)
    self->task = make_layout (self, crm_board_task_label (card->task), card->task == CRM_BOARD_TASK_OVERDUE, 0.83);
  {
    g_autofree char *days = days_text (card->days_in_stage);
    self->days = make_layout (self, days, card->rotting, 0.83);
  }
  if (card->no_next_step)
    self->badge = make_layout (self, _("No next step"), FALSE, 0.83);
  else if (card->converted)
    self->badge = make_layout (self, _("Client"), FALSE, 0.83);
  else if (card->lost_reason != NULL)
    self->badge = make_layout (self, card->lost_reason, FALSE, 0.83);
  if (card->owner_name != NULL)
    {
      g_autofree char *letters = initials (card->owner_name);

      self->initials = make_layout (self, letters, TRUE, 0.7);
      self->avatar_color = g_str_hash (card->owner_name) % G_N_ELEMENTS (avatar_colors);
    }

  /* Screen readers learn a card's words when it is on screen: the rows a
   * column keeps off screen would flood the bus. */
  self->labelled = FALSE;
  if (gtk_widget_get_mapped (widget))
    set_label (self);
  gtk_widget_queue_allocate (widget);
}

static void
on_card_notify_cb (CrmBoardItem *item,
                   GParamSpec   *pspec,
                   CrmBoardTile *self)
{
  update (self);
}

/* ---- drawing ---- */

static GdkRGBA
named_color (GtkWidget  *widget,
             const char *name,
             const GdkRGBA *fallback)
{
  GdkRGBA rgba = *fallback;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba))
    rgba = *fallback;
  G_GNUC_END_IGNORE_DEPRECATIONS
  return rgba;
}

static GdkRGBA
fg_color (GtkWidget *widget,
          double     alpha)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  rgba.alpha *= alpha;
  return rgba;
}

static GdkPaintable *
icon (GtkWidget  *widget,
      const char *name,
      int         size)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  /* The theme caches its icons: the same paintable comes back each time. */
  return GDK_PAINTABLE (gtk_icon_theme_lookup_icon (theme, name, NULL, size,
                                                    gtk_widget_get_scale_factor (widget),
                                                    gtk_widget_get_direction (widget), 0));
}

static void
draw_icon (GtkSnapshot   *snapshot,
           GtkWidget     *widget,
           const char    *name,
           float          x,
           float          y,
           int            size,
           const GdkRGBA *color)
{
  g_autoptr(GdkPaintable) paintable = icon (widget, name, size);
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  if (GTK_IS_SYMBOLIC_PAINTABLE (paintable))
    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot,
                                              size, size, colors, 4);
  else
    gdk_paintable_snapshot (paintable, snapshot, size, size);
  gtk_snapshot_restore (snapshot);
}

static float
text_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static float
text_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
pill (GtkSnapshot   *snapshot,
      float          x,
      float          y,
      float          w,
      float          h,
      const GdkRGBA *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, h), h / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
  gtk_snapshot_pop (snapshot);
}

/* Where everything goes, worked out when the size or the card changes,
 * never while painting: setting a layout's width throws its lines away. */
static void
arrange (CrmBoardTile *self,
         float         width,
         float         height)
{
  CrmBoardCard *card = self->item != NULL ? crm_board_item_get_card (self->item) : NULL;
  float x, y, right;

  memset (&self->channel_rect, 0, sizeof self->channel_rect);
  self->days_rect = self->avatar_rect = self->duplicate_rect = self->badge_rect = self->channel_rect;
  self->task_x = self->days_x = -1;
  if (card == NULL || self->title == NULL)
    return;

  right = width;
  if (self->value != NULL)
    {
      self->value_x = right - text_width (self->value);
      right = self->value_x - 8;
    }
  if (card->duplicate)
    {
      right -= ICON;
      self->duplicate_rect = GRAPHENE_RECT_INIT (right, 2, ICON, ICON);
      right -= 6;
    }
  pango_layout_set_width (self->title, (int) (MAX (right, 20) * PANGO_SCALE));
  if (self->company != NULL)
    pango_layout_set_width (self->company, (int) (width * PANGO_SCALE));

  y = height - FOOTER_H;
  x = 0;
  right = width;
  if (self->initials != NULL)
    {
      self->avatar_rect = GRAPHENE_RECT_INIT (width - AVATAR, y + (FOOTER_H - AVATAR) / 2.0f, AVATAR, AVATAR);
      right -= AVATAR + 6;
    }
  if (self->channel_icon != NULL)
    {
      self->channel_rect = GRAPHENE_RECT_INIT (x, y + (FOOTER_H - ICON) / 2.0f, ICON, ICON);
      x += ICON + 10;
    }
  if (self->task != NULL)
    {
      self->task_x = x;
      x += 15 + text_width (self->task) + 10;
    }
  if (self->days != NULL && x < right - 30)
    {
      float dw = 15 + text_width (self->days);

      self->days_x = x;
      self->days_rect = GRAPHENE_RECT_INIT (x, y, dw, FOOTER_H);
      x += dw + 10;
    }
  if (self->badge != NULL && x < right - 30)
    {
      float room = right - x - 12;
      float bh = text_height (self->badge);

      pango_layout_set_width (self->badge, (int) (room * PANGO_SCALE));
      self->badge_rect = GRAPHENE_RECT_INIT (x, y + (FOOTER_H - bh - 2) / 2,
                                             MIN (text_width (self->badge), room) + 12, bh + 2);
    }
}

static void
crm_board_tile_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (crm_board_tile_parent_class)->map (widget);
  set_label (CRM_BOARD_TILE (widget));
}

static void
crm_board_tile_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CrmBoardTile *self = CRM_BOARD_TILE (widget);

  /* The column's view re-allocates every card it keeps whenever it
   * scrolls or changes: only a new size or a new card needs new lines. */
  if (width == self->arranged_width && height == self->arranged_height)
    return;
  self->arranged_width = width;
  self->arranged_height = height;
  arrange (self, width, height);
}

static void
crm_board_tile_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CrmBoardTile *self = CRM_BOARD_TILE (widget);
  CrmBoardCard *card = self->item != NULL ? crm_board_item_get_card (self->item) : NULL;
  float height = gtk_widget_get_height (widget);
  static const GdkRGBA red = { 0.88, 0.11, 0.14, 1 }, blue = { 0.21, 0.52, 0.89, 1 },
                       amber = { 0.61, 0.43, 0.01, 1 };
  GdkRGBA fg, dim, error, accent, warning;
  float y = height - FOOTER_H;

  if (card == NULL || self->title == NULL)
    return;
  fg = fg_color (widget, 1.0);
  dim = fg_color (widget, 0.62);
  error = named_color (widget, "error_color", &red);
  accent = named_color (widget, "accent_color", &blue);
  warning = named_color (widget, "warning_color", &amber);

  /* The temperature stripe, drawn here rather than as a CSS border: the
   * cairo renderer draws a border of uneven widths with rounded corners
   * as paths, which took half of each scrolled frame (a CSS class per
   * temperature would also restyle each card as it is bound). */
  if (card->temperature != NULL)
    {
      static const GdkRGBA cold = { 0.21, 0.52, 0.89, 1 };
      const char *t = card->temperature;
      GdkRGBA stripe = strcmp (t, "hot") == 0 ? error
                       : strcmp (t, "warm") == 0 ? warning
                       : named_color (widget, "blue_3", &cold);
      graphene_rect_t box;

      if (strcmp (t, "hot") == 0 || strcmp (t, "warm") == 0 || strcmp (t, "cold") == 0)
        if (gtk_widget_compute_bounds (widget, widget, &box))
          {
            GskRoundedRect outline;

            gsk_rounded_rect_init_from_rect (&outline, &box, RADIUS);
            gtk_snapshot_push_rounded_clip (snapshot, &outline);
            gtk_snapshot_append_color (snapshot, &stripe,
                                       &GRAPHENE_RECT_INIT (box.origin.x, box.origin.y, STRIPE, box.size.height));
            gtk_snapshot_pop (snapshot);
          }
    }

  /* Top line: the name, and the deal value on the right. */
  draw_text (snapshot, self->title, 0, 0, &fg);
  if (self->value != NULL)
    draw_text (snapshot, self->value, self->value_x, 0, &fg);
  if (card->duplicate)
    draw_icon (snapshot, widget, "edit-copy-symbolic", self->duplicate_rect.origin.x, 2, ICON, &warning);
  if (self->company != NULL)
    draw_text (snapshot, self->company, 0, text_height (self->title) + 1, &dim);

  /* Footer: source, next task, days in stage, a badge; the owner at the right. */
  if (self->channel_icon != NULL)
    draw_icon (snapshot, widget, self->channel_icon, 0, self->channel_rect.origin.y, ICON, &dim);
  if (self->task_x >= 0)
    {
      const GdkRGBA *color = card->task == CRM_BOARD_TASK_OVERDUE ? &error
                             : card->task == CRM_BOARD_TASK_TODAY ? &accent : &dim;

      draw_icon (snapshot, widget, "alarm-symbolic", self->task_x, y + (FOOTER_H - 12) / 2.0f, 12, color);
      draw_text (snapshot, self->task, self->task_x + 15, y + (FOOTER_H - text_height (self->task)) / 2, color);
    }
  if (self->days_x >= 0)
    {
      const GdkRGBA *color = card->rotting ? &error : &dim;

      draw_icon (snapshot, widget, "document-open-recent-symbolic", self->days_x,
                 y + (FOOTER_H - 12) / 2.0f, 12, color);
      draw_text (snapshot, self->days, self->days_x + 15, y + (FOOTER_H - text_height (self->days)) / 2, color);
    }
  if (self->badge_rect.size.width > 0)
    {
      GdkRGBA tint = card->no_next_step ? warning : dim;
      GdkRGBA back = tint;
      const graphene_rect_t *r = &self->badge_rect;

      back.alpha = 0.16;
      pill (snapshot, r->origin.x, r->origin.y, r->size.width, r->size.height, &back);
      draw_text (snapshot, self->badge, r->origin.x + 6, r->origin.y + 1, &tint);
    }
  if (self->initials != NULL)
    {
      GskRoundedRect circle;
      GdkRGBA white = { 1, 1, 1, 1 };
      const graphene_rect_t *r = &self->avatar_rect;

      gsk_rounded_rect_init_from_rect (&circle, r, AVATAR / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &circle);
      gtk_snapshot_append_color (snapshot, &avatar_colors[self->avatar_color], r);
      gtk_snapshot_pop (snapshot);
      draw_text (snapshot, self->initials, r->origin.x + (AVATAR - text_width (self->initials)) / 2,
                 r->origin.y + (AVATAR - text_height (self->initials)) / 2, &white);
    }
}

static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard,
                     GtkTooltip   *tooltip,
                     CrmBoardTile *self)
{
  CrmBoardCard *card = self->item != NULL ? crm_board_item_get_card (self->item) : NULL;
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);
  const char *text = NULL;
  int top, left;

  if (card == NULL)
    return FALSE;
  /* The rects are in content coordinates; x and y include the padding. */
  {
    GtkBorder padding, border;

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_get_padding (gtk_widget_get_style_context (widget), &padding);
    gtk_style_context_get_border (gtk_widget_get_style_context (widget), &border);
    G_GNUC_END_IGNORE_DEPRECATIONS
    left = padding.left + border.left;
    top = padding.top + border.top;
  }
  p.x -= left;
  p.y -= top;
  if (graphene_rect_contains_point (&self->channel_rect, &p))
    text = card->channel_name;
  else if (graphene_rect_contains_point (&self->days_rect, &p))
    text = card->rotting ? _("Stuck in this stage longer than it should be") : _("Days in this stage");
  else if (graphene_rect_contains_point (&self->avatar_rect, &p))
    text = card->owner_name;
  else if (graphene_rect_contains_point (&self->duplicate_rect, &p))
    text = _("Possible duplicate");
  else if (graphene_rect_contains_point (&self->badge_rect, &p))
    text = card->lost_reason;
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
crm_board_tile_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* Fixed: the board's rows are all the same height (PERF.md). */
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? 66 : 120;
}

static void
crm_board_tile_dispose (GObject *object)
{
  CrmBoardTile *self = CRM_BOARD_TILE (object);

  crm_board_tile_set_item (self, NULL);
  clear_layouts (self);
  G_OBJECT_CLASS (crm_board_tile_parent_class)->dispose (object);
}

static void
crm_board_tile_class_init (CrmBoardTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_board_tile_dispose;
  widget_class->snapshot = crm_board_tile_snapshot;
  widget_class->size_allocate = crm_board_tile_size_allocate;
  widget_class->map = crm_board_tile_map;
  widget_class->measure = crm_board_tile_measure;
  gtk_widget_class_set_css_name (widget_class, "boardtile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_board_tile_init (CrmBoardTile *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "board-tile");
  gtk_widget_add_css_class (GTK_WIDGET (self), "loading");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
}

CrmBoardTile *
crm_board_tile_new (void)
{
  return g_object_new (CRM_TYPE_BOARD_TILE, NULL);
}

void
crm_board_tile_set_item (CrmBoardTile *self,
                         CrmBoardItem *item)
{
  g_return_if_fail (CRM_IS_BOARD_TILE (self));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_id = g_signal_connect (item, "notify::card", G_CALLBACK (on_card_notify_cb), self);
  update (self);
}

/**
 * crm_board_tile_get_item:
 * Returns: (transfer none) (nullable): the item shown
 */
CrmBoardItem *
crm_board_tile_get_item (CrmBoardTile *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_TILE (self), NULL);
  return self->item;
}
