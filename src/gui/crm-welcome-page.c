/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-welcome-page"

#include "config.h"

#include "crm-welcome-page.h"

/* First run: an empty workspace gets three ways in. The buttons are plain
 * actions (win.new-lead, win.import, app.open-demo), so the window decides
 * what they do and disables what is not available. */

struct _CrmWelcomePage
{
  GtkWidget      parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (CrmWelcomePage, crm_welcome_page, GTK_TYPE_WIDGET)

static void
crm_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_WELCOME_PAGE);
  G_OBJECT_CLASS (crm_welcome_page_parent_class)->dispose (object);
}

static void
crm_welcome_page_class_init (CrmWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_welcome_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, status_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_welcome_page_init (CrmWelcomePage *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the app icon is installed, a themed icon beats a broken one. */
  if (display != NULL && !gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (display), APP_ID))
    adw_status_page_set_icon_name (self->status_page, "mail-unread-symbolic");
}

GtkWidget *
crm_welcome_page_new (void)
{
  return g_object_new (CRM_TYPE_WELCOME_PAGE, NULL);
}
