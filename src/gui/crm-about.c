/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-about"

#include "config.h"

#include "crm-about.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/**
 * crm_about_present:
 * @parent: (nullable): the main window
 *
 * Shows the About window (version, credits, translators, license).
 */
void
crm_about_present (GtkWindow *parent)
{
  static const char *developers[] = { "Voronka contributors", NULL };
  GtkWidget *about = adw_about_window_new ();
  AdwAboutWindow *w = ADW_ABOUT_WINDOW (about);

  adw_about_window_set_application_name (w, _("Voronka"));
  adw_about_window_set_application_icon (w, APP_ID);
  adw_about_window_set_version (w, PACKAGE_VERSION);
  adw_about_window_set_developer_name (w, _("The Voronka developers"));
  adw_about_window_set_developers (w, developers);
  adw_about_window_set_comments (w, _("Every inquiry in one place: answered within minutes, "
                                      "qualified, moved through the sales funnel and never forgotten."));
  adw_about_window_set_website (w, "https://github.com/voronka/voronka");
  adw_about_window_set_issue_url (w, "https://github.com/voronka/voronka/issues");
  adw_about_window_set_copyright (w, _("© 2026 The Voronka developers"));
  adw_about_window_set_license_type (w, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line, to be credited */
  adw_about_window_set_translator_credits (w, _("translator-credits"));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
}
