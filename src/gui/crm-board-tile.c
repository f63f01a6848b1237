/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board-tile"

#include "config.h"

#include "crm-board-tile.h"
#include "crm-board-resources.h"

#include <glib/gi18n.h>

#include "crm-settings.h"

struct _CrmBoardTile
{
  GtkWidget     parent_instance;

  CrmBoardItem *item;
  gulong        notify_id;

  GtkBox       *frame;
  GtkLabel     *title_label;
  GtkImage     *duplicate_icon;
  GtkLabel     *value_label;
  GtkLabel     *company_label;
  GtkImage     *channel_icon;
  GtkWidget    *task_box;
  GtkLabel     *task_label;
  GtkWidget    *days_box;
  GtkLabel     *days_label;
  GtkWidget    *no_step_label;
  GtkLabel     *state_label;
  AdwAvatar    *owner_avatar;
};

G_DEFINE_FINAL_TYPE (CrmBoardTile, crm_board_tile, GTK_TYPE_WIDGET)

static const char *const temperature_classes[] = { "temp-hot", "temp-warm", "temp-cold" };
static const char *const task_classes[] = { "task-planned", "task-today", "task-overdue" };

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

static void
swap_class (GtkWidget         *widget,
            const char *const *classes,
            guint              n_classes,
            const char        *wanted)
{
  for (guint i = 0; i < n_classes; i++)
    if (g_strcmp0 (classes[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static void
update (CrmBoardTile *self)
{
  CrmBoardCard *card = self->item != NULL ? crm_board_item_get_card (self->item) : NULL;
  g_autofree char *temp_class = NULL;
  g_autofree char *days = NULL;
  g_autofree char *money = NULL;
  g_autofree char *label = NULL;

  if (card == NULL)
    {
      /* Not read yet: an empty card of the same size, no flicker of text. */
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->company_label, "");
      gtk_label_set_text (self->value_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->duplicate_icon), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->channel_icon), FALSE);
      gtk_widget_set_visible (self->task_box, FALSE);
      gtk_widget_set_visible (self->days_box, FALSE);
      gtk_widget_set_visible (self->no_step_label, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->owner_avatar), FALSE);
      swap_class (GTK_WIDGET (self->frame), temperature_classes, 3, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->frame), "loading");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->frame), "loading");
  gtk_label_set_text (self->title_label, card->title);
  gtk_label_set_text (self->company_label, card->company != NULL ? card->company : "");
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), TRUE);
  if (card->has_value)
    money = crm_money_format (card->value, card->currency);
  gtk_label_set_text (self->value_label, money != NULL ? money : "");
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_icon), card->duplicate);

  /* No source known: no icon rather than a guess. */
  gtk_widget_set_visible (GTK_WIDGET (self->channel_icon), card->channel_kind != NULL);
  gtk_image_set_from_icon_name (self->channel_icon, crm_board_tile_channel_icon (card->channel_kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->channel_icon),
                               card->channel_name);

  gtk_widget_set_visible (self->task_box, card->task != CRM_BOARD_TASK_NONE);
  gtk_label_set_text (self->task_label, crm_board_task_label (card->task));
  swap_class (self->task_box, task_classes, 3,
              card->task == CRM_BOARD_TASK_NONE ? NULL : task_classes[card->task - 1]);

  days = days_text (card->days_in_stage);
  gtk_widget_set_visible (self->days_box, TRUE);
  gtk_label_set_text (self->days_label, days);
  if (card->rotting)
    gtk_widget_add_css_class (self->days_box, "rotting");
  else
    gtk_widget_remove_css_class (self->days_box, "rotting");
  gtk_widget_set_tooltip_text (self->days_box, card->rotting ? _("Stuck in this stage longer than it should be")
                                                             : _("Days in this stage"));

  gtk_widget_set_visible (self->no_step_label, card->no_next_step);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), card->converted || card->lost_reason != NULL);
  gtk_label_set_text (self->state_label, card->converted ? _("Client") : card->lost_reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), card->lost_reason);

  gtk_widget_set_visible (GTK_WIDGET (self->owner_avatar), card->owner_name != NULL);
  adw_avatar_set_text (self->owner_avatar, card->owner_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owner_avatar), card->owner_name);

  if (card->temperature != NULL)
    temp_class = g_strdup_printf ("temp-%s", card->temperature);
  swap_class (GTK_WIDGET (self->frame), temperature_classes, 3, temp_class);

  label = crm_board_tile_describe (card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_card_notify_cb (CrmBoardItem *item,
                   GParamSpec   *pspec,
                   CrmBoardTile *self)
{
  update (self);
}

static void
crm_board_tile_dispose (GObject *object)
{
  CrmBoardTile *self = CRM_BOARD_TILE (object);

  crm_board_tile_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_BOARD_TILE);
  G_OBJECT_CLASS (crm_board_tile_parent_class)->dispose (object);
}

static void
crm_board_tile_class_init (CrmBoardTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_board_tile_dispose;
  (void) crm_board_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-board-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, frame);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, duplicate_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, company_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, channel_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, task_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, task_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, days_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, days_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, no_step_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, state_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardTile, owner_avatar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "boardtile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_board_tile_init (CrmBoardTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  if (self->frame != NULL)
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
