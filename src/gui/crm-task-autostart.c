/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-autostart"

#include "config.h"

#include "crm-task-autostart.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

/* Start at login (the "autostart" setting): an XDG autostart entry that
 * starts Voronka without a window, with its reminders running. */

/**
 * crm_autostart_path:
 * @config_dir: the user's configuration folder ($XDG_CONFIG_HOME)
 *
 * Returns: (transfer full): where the autostart entry lives
 */
char *
crm_autostart_path (const char *config_dir)
{
  return g_build_filename (config_dir, "autostart", APP_ID ".desktop", NULL);
}

/**
 * crm_autostart_content:
 *
 * Returns: (transfer full): the autostart entry
 */
char *
crm_autostart_content (void)
{
  return g_strdup ("[Desktop Entry]\n"
                   "Type=Application\n"
                   "Name=Voronka\n"
                   "Name[ru]=Воронка\n"
                   "Comment=Reminders of follow-ups\n"
                   "Comment[ru]=Напоминания о задачах\n"
                   "Exec=voronka --background\n"
                   "Icon=" APP_ID "\n"
                   "Terminal=false\n"
                   "NoDisplay=true\n"
                   "X-GNOME-Autostart-enabled=true\n");
}

/**
 * crm_autostart_set:
 * @config_dir: the user's configuration folder ($XDG_CONFIG_HOME)
 * @enabled: write the entry, or remove it
 * @error: return location for a #GError
 *
 * Writes (atomically, creating the folder) or removes the autostart entry;
 * removing one that is not there is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_autostart_set (const char  *config_dir,
                   gboolean     enabled,
                   GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *content = NULL;

  g_return_val_if_fail (config_dir != NULL, FALSE);

  path = crm_autostart_path (config_dir);
  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  content = crm_autostart_content ();
  return g_file_set_contents (path, content, -1, error);
}
