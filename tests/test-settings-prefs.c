/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-settings.h"
#include "crm-store.h"
#include "crm-test-util.h"

/* What Preferences asks of the workspace settings beyond their rules
 * (tests/test-settings.c): the list of time zones to choose from, and
 * noticing settings written by another connection. */

static void
test_timezones (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "zone.tab", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", NULL);
  const char *tab =
    "# tzdb timezone descriptions\n"
    "#\n"
    "RU\t+5545+03735\tEurope/Moscow\tMSK+00 - Moscow area\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
    "RU\t+4310+13156\tAsia/Vladivostok\tMSK+07 - Amur River\n"
    "XX\tbroken line\n"
    "RU\t+5545+03735\tEurope/Moscow\tagain\n";
  const char *expected[] = { "America/New_York", "Asia/Vladivostok", "Europe/Moscow", "UTC", NULL };
  const char *only_utc[] = { "UTC", NULL };
  g_auto(GStrv) zones = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) system = NULL;

  g_assert_true (g_file_set_contents (path, tab, -1, NULL));
  zones = crm_settings_list_timezones (dir);
  g_assert_cmpstrv (zones, expected);

  none = crm_settings_list_timezones (missing);
  g_assert_cmpstrv (none, only_utc);

  /* The system's table, when there is one: every zone in it is known. */
  system = crm_settings_list_timezones (NULL);
  if (g_strv_length (system) > 1)
    {
      g_assert_true (g_strv_contains ((const char *const *) system, "Europe/Moscow"));
      for (guint i = 0; system[i] != NULL; i++)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (system[i]);

          g_assert_nonnull (tz);
        }
    }
}

/* A write by voronka-cli (another connection) changes the data version the
 * open window compares; its own writes do not. */
static void
test_data_version (CrmTestStore  *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) other = crm_store_open (f->path, NULL, &error);
  gint64 before, after;

  g_assert_no_error (error);
  before = crm_settings_data_version (f->store);
  g_assert_cmpint (before, >=, 0);
  g_assert_true (crm_settings_set_sla_minutes (f->store, 20, &error));
  g_assert_cmpint (crm_settings_data_version (f->store), ==, before);

  g_assert_true (crm_settings_set_sla_minutes (other, 30, &error));
  after = crm_settings_data_version (f->store);
  g_assert_cmpint (after, !=, before);
  g_assert_cmpuint (crm_settings_get_sla_minutes (f->store), ==, 30);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/settings-prefs/timezones", test_timezones);
  g_test_add ("/core/settings-prefs/data-version", CrmTestStore, NULL,
              crm_test_store_setup, test_data_version, crm_test_store_teardown);

  return crm_test_run ();
}
