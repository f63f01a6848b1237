/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "crm-application.h"
#include "crm-view-logic.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmApplication) app = NULL;
  const char *renderer;

  /* GTK 4.8 renders with GL even on llvmpipe, several times slower than
   * cairo there (PERF.md): pick cairo on a software stack unless the user
   * chose a renderer. Must happen before GTK initialises. */
  renderer = crm_view_pick_renderer (g_getenv ("GSK_RENDERER"),
                                     g_getenv ("LIBGL_ALWAYS_SOFTWARE"),
                                     g_getenv ("GALLIUM_DRIVER"),
                                     crm_view_has_render_node ());
  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, FALSE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VORONKA_LOCALEDIR") ? g_getenv ("VORONKA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = crm_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
