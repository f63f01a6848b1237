/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-funnel-page"

#include "config.h"

#include "crm-funnel-page.h"

struct _CrmFunnelPage
{
  GtkWidget  parent_instance;

  CrmStore  *store;
};

G_DEFINE_FINAL_TYPE (CrmFunnelPage, crm_funnel_page, GTK_TYPE_WIDGET)

enum { RECORD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
crm_funnel_page_dispose (GObject *object)
{
  CrmFunnelPage *self = CRM_FUNNEL_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_FUNNEL_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_funnel_page_parent_class)->dispose (object);
}

static void
crm_funnel_page_class_init (CrmFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_funnel_page_dispose;
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-funnel-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_funnel_page_init (CrmFunnelPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CrmFunnelPage *
crm_funnel_page_new (CrmStore *store)
{
  CrmFunnelPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_FUNNEL_PAGE, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
crm_funnel_page_set_search_text (CrmFunnelPage *self,
                                  const char      *text)
{
  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));
}

void
crm_funnel_page_refresh (CrmFunnelPage *self)
{
  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));
}
