/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-settings.h"
#include "crm-test-util.h"

static CrmStore *
open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "settings.db", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (1772323200000);
  CrmStore *store = crm_store_open (path, clock, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_store (dir);
  g_autofree char *value = NULL;
  guint start, end;

  /* The defaults of a new workspace. */
  crm_settings_get_work_hours (store, &start, &end);
  g_assert_cmpuint (start, ==, 9 * 60);
  g_assert_cmpuint (end, ==, 18 * 60);
  g_assert_cmphex (crm_settings_get_work_days (store), ==, 0x1f);
  g_assert_cmpuint (crm_settings_get_sla_minutes (store), ==, 15);

  g_assert_true (crm_settings_set_work_hours (store, 8 * 60 + 30, 20 * 60, &error));
  g_assert_no_error (error);
  crm_settings_get_work_hours (store, &start, &end);
  g_assert_cmpuint (start, ==, 510);
  g_assert_cmpuint (end, ==, 1200);
  g_assert_false (crm_settings_set_work_hours (store, 18 * 60, 9 * 60, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);

  /* Monday to Saturday. */
  g_assert_true (crm_settings_set_work_days (store, 0x3f, &error));
  value = crm_store_get_setting (store, "work_days");
  g_assert_cmpstr (value, ==, "1,2,3,4,5,6");
  g_clear_pointer (&value, g_free);
  g_assert_false (crm_settings_set_work_days (store, 0, &error));
  g_clear_error (&error);

  g_assert_true (crm_settings_set_sla_minutes (store, 30, &error));
  g_assert_cmpuint (crm_settings_get_sla_minutes (store), ==, 30);
  g_assert_false (crm_settings_set_sla_minutes (store, 0, &error));
  g_clear_error (&error);

  g_assert_true (crm_settings_set_timezone (store, "Asia/Yekaterinburg", &error));
  g_assert_no_error (error);
  g_assert_false (crm_settings_set_timezone (store, "Mars/Olympus", &error));
  g_clear_error (&error);

  g_assert_true (crm_settings_set_currency (store, "KZT", &error));
  g_assert_false (crm_settings_set_currency (store, "rub", &error));
  g_clear_error (&error);

  /* The region is used at once for phones written without +7. */
  g_assert_true (crm_settings_set_region (store, "KZ", &error));
  g_assert_no_error (error);
  g_assert_false (crm_settings_set_region (store, "Russia", &error));
  g_clear_error (&error);

  /* Every change went through the write path: history and outbox. */
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM history WHERE entity_id = 'work_days'", NULL), >=, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM outbox WHERE tbl = 'settings' AND row_id = 'region'", NULL), >=, 1);
}

static void
test_channels (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autoptr(CrmStore) store = open_store (dir);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  guint n_default;

  list = crm_channels_list (store, "2026-03", &error);
  g_assert_no_error (error);
  n_default = list->len;
  g_assert_cmpuint (n_default, >=, 8);
  g_clear_pointer (&list, g_ptr_array_unref);

  id = crm_channel_add (store, "  Авито  ", "ads", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_null (crm_channel_add (store, "   ", NULL, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_true (crm_channel_set_spend (store, id, "2026-03", 1500000, &error));
  g_assert_true (crm_channel_set_spend (store, id, "2026-03", 2500000, &error));
  g_assert_true (crm_channel_set_spend (store, id, "2026-02", 700000, &error));
  g_assert_no_error (error);
  g_assert_false (crm_channel_set_spend (store, id, "2026-13", 1, &error));
  g_clear_error (&error);
  g_assert_false (crm_channel_set_spend (store, id, "2026-03", -5, &error));
  g_clear_error (&error);
  g_assert_cmpint (crm_channel_get_spend (store, id, "2026-03"), ==, 2500000);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM channel_spend WHERE channel_id = ?1", id), ==, 2);

  g_assert_true (crm_channel_rename (store, id, "Авито (объявления)", &error));
  list = crm_channels_list (store, "2026-03", &error);
  g_assert_cmpuint (list->len, ==, n_default + 1);
  {
    CrmChannelInfo *last = g_ptr_array_index (list, list->len - 1);

    g_assert_cmpstr (last->id, ==, id);
    g_assert_cmpstr (last->name, ==, "Авито (объявления)");
    g_assert_cmpstr (last->kind, ==, "ads");
    g_assert_cmpint (last->spend, ==, 2500000);
  }
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Leads are counted in the month asked for (the workspace is in UTC). */
  {
    g_autoptr(CrmChange) lead = crm_change_new_create ("leads");
    g_autoptr(GPtrArray) march = NULL;
    g_autoptr(GPtrArray) april = NULL;

    g_assert_true (crm_settings_set_timezone (store, "UTC", &error));
    crm_change_set_text (lead, "full_name", "Иванов Иван");
    crm_change_set_text (lead, "channel_id", id);
    crm_change_set_int (lead, "created_ms", 1772323200000 + 5 * 86400000LL);  /* 6 March 2026 */
    g_assert_true (crm_store_apply (store, lead, &error));
    march = crm_channels_list (store, "2026-03", &error);
    april = crm_channels_list (store, "2026-04", &error);
    g_assert_no_error (error);
    g_assert_cmpint (((CrmChannelInfo *) g_ptr_array_index (march, march->len - 1))->n_leads, ==, 1);
    g_assert_cmpint (((CrmChannelInfo *) g_ptr_array_index (april, april->len - 1))->n_leads, ==, 0);
  }

  g_assert_true (crm_channel_remove (store, id, &error));
  list = crm_channels_list (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, n_default);
}

static void
test_money (void)
{
  struct { const char *text; gboolean ok; gint64 amount; } cases[] = {
    { "12000", TRUE, 1200000 },
    { "12 000", TRUE, 1200000 },
    { "12\u202f000,5", TRUE, 1200050 },
    { "12 000,50 ₽", TRUE, 1200050 },
    { "1500 руб.", TRUE, 150000 },
    { "0", TRUE, 0 },
    { "", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "1,2,3", FALSE, 0 },
    { "-5", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 amount = -1;

      g_assert_cmpint (crm_money_parse (cases[i].text, &amount), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (amount, ==, cases[i].amount);
    }

  {
    g_autofree char *a = crm_money_format (1200000, "RUB");
    g_autofree char *b = crm_money_format (123456789, "RUB");
    g_autofree char *c = crm_money_format (50, "USD");

    g_assert_cmpstr (a, ==, "12\u202f000\u00a0₽");
    g_assert_cmpstr (b, ==, "1\u202f234\u202f567,89\u00a0₽");
    g_assert_cmpstr (c, ==, "0,50\u00a0$");
  }
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/settings/rules", test_settings);
  g_test_add_func ("/core/settings/channels", test_channels);
  g_test_add_func ("/core/settings/money", test_money);

  return crm_test_run ();
}
