/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-duplicate-banner"

#include "config.h"

#include "crm-duplicate-banner.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"

#include "crm-card-logic.h"

struct _CrmDuplicateBanner
{
  GtkWidget    parent_instance;

  GPtrArray   *candidates;
  char        *own_type;
  guint        shown;

  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkLabel    *detail_label;
  GtkButton   *merge_button;
  GtkButton   *next_button;
};

G_DEFINE_FINAL_TYPE (CrmDuplicateBanner, crm_duplicate_banner, GTK_TYPE_WIDGET)

enum {
  OPEN,
  MERGE,
  IGNORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_current (CrmDuplicateBanner *self)
{
  const CrmDuplicate *d = crm_duplicate_banner_get_shown (self);
  guint n = self->candidates != NULL ? self->candidates->len : 0;
  g_autofree char *title = NULL;
  gboolean same;

  gtk_widget_set_visible (GTK_WIDGET (self->next_button), n > 1);
  if (d == NULL)
    return;
  title = self->shown == 0 ? crm_card_duplicate_title (d->display_name, n - 1)
                           : crm_card_duplicate_title (d->display_name, 0);
  same = g_strcmp0 (d->entity_type, self->own_type) == 0;
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->detail_label, d->detail != NULL ? d->detail : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "banner.merge", same);
  gtk_widget_set_visible (GTK_WIDGET (self->merge_button), same);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmDuplicateBanner *self = CRM_DUPLICATE_BANNER (widget);

  if (self->candidates == NULL || self->candidates->len < 2)
    return;
  self->shown = (self->shown + 1) % self->candidates->len;
  show_current (self);
}

static void
emit_for_shown (CrmDuplicateBanner *self,
                guint               signal)
{
  const CrmDuplicate *d = crm_duplicate_banner_get_shown (self);

  if (d != NULL)
    g_signal_emit (self, signals[signal], 0, d->entity_type, d->id);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  emit_for_shown (CRM_DUPLICATE_BANNER (widget), OPEN);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  emit_for_shown (CRM_DUPLICATE_BANNER (widget), MERGE);
}

static void
ignore_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  emit_for_shown (CRM_DUPLICATE_BANNER (widget), IGNORE);
}

static void
crm_duplicate_banner_dispose (GObject *object)
{
  CrmDuplicateBanner *self = CRM_DUPLICATE_BANNER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DUPLICATE_BANNER);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_duplicate_banner_parent_class)->dispose (object);
}

static void
crm_duplicate_banner_finalize (GObject *object)
{
  CrmDuplicateBanner *self = CRM_DUPLICATE_BANNER (object);

  g_free (self->own_type);
  G_OBJECT_CLASS (crm_duplicate_banner_parent_class)->finalize (object);
}

static void
crm_duplicate_banner_class_init (CrmDuplicateBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_duplicate_banner_dispose;
  object_class->finalize = crm_duplicate_banner_finalize;

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[MERGE] = g_signal_new ("merge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[IGNORE] = g_signal_new ("ignore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-duplicate-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicateBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicateBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicateBanner, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicateBanner, merge_button);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicateBanner, next_button);

  gtk_widget_class_install_action (widget_class, "banner.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "banner.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "banner.ignore", NULL, ignore_action);
  gtk_widget_class_install_action (widget_class, "banner.next", NULL, next_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
crm_duplicate_banner_init (CrmDuplicateBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CrmDuplicateBanner *
crm_duplicate_banner_new (void)
{
  return g_object_new (CRM_TYPE_DUPLICATE_BANNER, NULL);
}

/**
 * crm_duplicate_banner_set_candidates:
 * @self: a #CrmDuplicateBanner
 * @own_type: the card's entity type ("lead", …)
 * @candidates: (nullable) (element-type CrmDuplicate): from crm_dedupe_find,
 *   surest first; the banner takes a reference
 *
 * Shows the surest candidate, or hides the banner when there is none.
 */
void
crm_duplicate_banner_set_candidates (CrmDuplicateBanner *self,
                                     const char         *own_type,
                                     GPtrArray          *candidates)
{
  g_return_if_fail (CRM_IS_DUPLICATE_BANNER (self));

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  if (candidates != NULL && candidates->len > 0)
    self->candidates = g_ptr_array_ref (candidates);
  g_free (self->own_type);
  self->own_type = g_strdup (own_type);

  self->shown = 0;
  show_current (self);
  gtk_revealer_set_reveal_child (self->revealer, self->candidates != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), self->candidates != NULL);
}

guint
crm_duplicate_banner_get_n_candidates (CrmDuplicateBanner *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_BANNER (self), 0);
  return self->candidates != NULL ? self->candidates->len : 0;
}

const CrmDuplicate *
crm_duplicate_banner_get_shown (CrmDuplicateBanner *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_BANNER (self), NULL);
  if (self->candidates == NULL || self->candidates->len == 0)
    return NULL;
  return g_ptr_array_index (self->candidates, MIN (self->shown, self->candidates->len - 1));
}
