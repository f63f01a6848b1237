/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

#define T0 1767225600000 /* 2026-01-01T00:00:00Z */

typedef struct
{
  char     *dir;
  char     *path;
  CrmClock *clock;
  CrmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "voronka.db", NULL);
  f->clock = crm_clock_new_fixed (T0);
  f->store = crm_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_free (f->path);
  g_free (f->dir);
}

static char *
add_lead (CrmStore   *store,
          const char *name,
          const char *company)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;

  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "company", company);
  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (change));
}

static void
test_new_workspace (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *region = crm_store_get_setting (f->store, "region");
  g_autofree char *currency = crm_store_get_setting (f->store, "currency");
  g_autofree char *sla = crm_store_get_setting (f->store, "first_response_sla_minutes");
  g_autofree char *start = crm_store_get_setting (f->store, "work_hours_start");
  g_autofree char *end = crm_store_get_setting (f->store, "work_hours_end");
  g_autofree char *days = crm_store_get_setting (f->store, "work_days");
  g_autofree char *tz = crm_store_get_setting (f->store, "timezone");
  g_autofree char *user = NULL;
  g_autofree char *stages = NULL;

  g_assert_cmpstr (region, ==, "RU");
  g_assert_cmpstr (currency, ==, "RUB");
  g_assert_cmpstr (sla, ==, "15");
  g_assert_cmpstr (start, ==, "09:00");
  g_assert_cmpstr (end, ==, "18:00");
  g_assert_cmpstr (days, ==, "1,2,3,4,5");
  g_assert_nonnull (tz);

  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM users", NULL), ==, 1);
  user = crm_test_query_text (f->store, "SELECT name FROM users", NULL);
  g_assert_cmpstr (user, ==, g_get_real_name ()[0] && strcmp (g_get_real_name (), "Unknown") != 0
                   ? g_get_real_name () : g_get_user_name ());
  g_assert_cmpstr (crm_store_get_user_id (f->store), !=, NULL);

  stages = crm_test_query_text (f->store,
                       "SELECT group_concat(name || ':' || kind, ',') FROM"
                       " (SELECT name, kind FROM stages ORDER BY position)", NULL);
  g_assert_cmpstr (stages, ==,
                   "New:open,In work:open,Qualified:open,Sent to sales:open,Won:won,"
                   "Warm — thinking:nurture,Refused:lost");
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM pipelines WHERE is_default", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM channels", NULL), >=, 10);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM lost_reasons", NULL), >=, 3);

  /* Settings stay editable. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *sla2 = NULL;

    g_assert_true (crm_store_set_setting (f->store, "first_response_sla_minutes", "30", &error));
    g_assert_no_error (error);
    sla2 = crm_store_get_setting (f->store, "first_response_sla_minutes");
    g_assert_cmpstr (sla2, ==, "30");
  }
}

static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *mode = crm_test_query_text (f->store, "PRAGMA journal_mode", NULL);

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (crm_test_query_int (f->store, "PRAGMA synchronous", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "PRAGMA user_version", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "PRAGMA busy_timeout", NULL), >=, 1000);
}

static void
test_write_path (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_lead (f->store, "Иванов Иван Иванович", "ООО «Ромашка»");
  g_autoptr(CrmRecord) r = NULL;
  g_autoptr(CrmChange) update = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *fields = NULL;
  gint64 outbox_before;

  r = crm_store_get (f->store, "leads", id, &error);
  g_assert_no_error (error);
  g_assert_true (CRM_IS_LEAD (r));
  g_assert_true (crm_uuid_is_valid (id));
  g_assert_cmpstr (crm_lead_get_full_name (CRM_LEAD (r)), ==, "Иванов Иван Иванович");
  g_assert_cmpstr (crm_record_get_text (r, "last_name"), ==, "Иванов");
  g_assert_cmpstr (crm_record_get_text (r, "first_name"), ==, "Иван");
  g_assert_cmpstr (crm_record_get_text (r, "middle_name"), ==, "Иванович");
  g_assert_cmpint (crm_record_get_int (r, "created_ms", 0), ==, T0);
  g_assert_nonnull (crm_lead_get_stage_id (CRM_LEAD (r)));
  g_assert_cmpstr (crm_lead_get_owner_id (CRM_LEAD (r)), ==, crm_store_get_user_id (f->store));
  g_assert_cmpstr (crm_record_get_text (r, "name_key"), !=, NULL);

  /* The new lead is in the outbox and its history. */
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE row_id = '%s' AND op = 'upsert'", id);
  g_assert_cmpint (crm_test_query_int (f->store, sql, NULL), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM history WHERE entity_id = '%s' AND op = 'create'", id);
  g_assert_cmpint (crm_test_query_int (f->store, sql, NULL), ==, 1);

  /* An update records old and new per field, a field clock and an outbox row. */
  crm_clock_advance (f->clock, 60000);
  outbox_before = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);
  update = crm_change_new_update ("leads", id);
  crm_change_set_text (update, "company", "ООО «Лютик»");
  crm_change_set_text (update, "temperature", "hot");
  g_assert_true (crm_store_apply (f->store, update, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox_before + 1);

  g_free (sql);
  sql = g_strdup_printf ("SELECT old_value || '→' || new_value FROM history"
                         " WHERE entity_id = '%s' AND field = 'company'", id);
  hlc = crm_test_query_text (f->store, sql, NULL);
  g_assert_cmpstr (hlc, ==, "ООО «Ромашка»→ООО «Лютик»");

  g_free (sql);
  sql = g_strdup_printf ("SELECT json_extract(_hlc, '$.company') FROM leads WHERE id = '%s'", id);
  g_free (hlc);
  hlc = crm_test_query_text (f->store, sql, NULL);
  g_assert_nonnull (hlc);
  g_assert_cmpint (strlen (hlc), ==, 17);

  g_free (sql);
  sql = g_strdup_printf ("SELECT fields_json FROM outbox WHERE row_id = '%s' ORDER BY mid DESC LIMIT 1", id);
  fields = crm_test_query_text (f->store, sql, NULL);
  g_assert_nonnull (strstr (fields, "\"company\""));
  g_assert_nonnull (strstr (fields, "\"hlc\""));
  g_assert_null (strstr (fields, "full_name"));

  g_free (sql);
  sql = g_strdup_printf ("SELECT updated_ms FROM leads WHERE id = '%s'", id);
  g_assert_cmpint (crm_test_query_int (f->store, sql, NULL), ==, T0 + 60000);

  /* Writing the same values again changes nothing. */
  {
    g_autoptr(CrmChange) same = crm_change_new_update ("leads", id);

    outbox_before = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);
    crm_change_set_text (same, "company", "ООО «Лютик»");
    g_assert_true (crm_store_apply (f->store, same, &error));
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox_before);
  }
}

static void
test_invalid_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) bad = crm_change_new_create ("leads");
  g_autoptr(CrmChange) phone = NULL;
  g_autofree char *id = add_lead (f->store, "Пётр Петров", NULL);
  gint64 outbox = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);
  gint64 leads = crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL);

  crm_change_set_text (bad, "full_name", "X");
  crm_change_set_text (bad, "no_such_field", "1");
  g_assert_false (crm_store_apply (f->store, bad, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A junk phone is refused with the reason, and nothing is written. */
  phone = crm_change_new_create ("phones");
  crm_change_set_text (phone, "entity_type", "lead");
  crm_change_set_text (phone, "entity_id", id);
  crm_change_set_text (phone, "raw", "позвонить секретарю");
  g_assert_false (crm_store_apply (f->store, phone, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHARACTERS);
  g_assert_nonnull (strstr (error->message, "Phone"));

  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, leads);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM phones", NULL), ==, 0);
}

static void
test_phones_normalized (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_lead (f->store, "Анна Смирнова", NULL);
  const char *raws[] = { "8 (912) 345-67-89", "+7 495 123-45-67 доб. 123" };
  g_autofree char *e164 = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *history = NULL;
  g_autofree char *sql = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (raws); i++)
    {
      g_autoptr(CrmChange) p = crm_change_new_create ("phones");

      crm_change_set_text (p, "entity_type", "lead");
      crm_change_set_text (p, "entity_id", id);
      crm_change_set_text (p, "raw", raws[i]);
      crm_change_set_int (p, "position", i);
      g_assert_true (crm_store_apply (f->store, p, &error));
      g_assert_no_error (error);
    }
  e164 = crm_test_query_text (f->store, "SELECT group_concat(e164, ' ') FROM (SELECT e164 FROM phones ORDER BY position)", NULL);
  g_assert_cmpstr (e164, ==, "+79123456789 +74951234567");
  ext = crm_test_query_text (f->store, "SELECT extension FROM phones WHERE position = 1", NULL);
  g_assert_cmpstr (ext, ==, "123");

  /* A phone shows in its lead's history. */
  sql = g_strdup_printf ("SELECT new_value FROM history WHERE entity_id = '%s' AND field = 'phone'"
                         " ORDER BY rid LIMIT 1", id);
  history = crm_test_query_text (f->store, sql, NULL);
  g_assert_cmpstr (history, ==, "8 (912) 345-67-89");
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_lead (f->store, "Сергей Кузнецов", "Альфа");
  g_autoptr(CrmQuery) q = crm_query_new ("leads");
  g_autofree char *sql = NULL;

  g_assert_cmpint (crm_store_query_count (f->store, q, NULL), ==, 1);
  crm_clock_advance (f->clock, 1000);
  g_assert_true (crm_store_delete (f->store, "leads", id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_query_count (f->store, q, NULL), ==, 0);

  sql = g_strdup_printf ("SELECT _deleted FROM leads WHERE id = '%s'", id);
  g_assert_cmpint (crm_test_query_int (f->store, sql, NULL), ==, T0 + 1000);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE row_id = '%s' AND op = 'delete'", id);
  g_assert_cmpint (crm_test_query_int (f->store, sql, NULL), ==, 1);

  g_assert_true (crm_store_restore (f->store, "leads", id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_query_count (f->store, q, NULL), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat(op, ',') FROM (SELECT op FROM history"
                         " WHERE entity_id = '%s' ORDER BY rid)", id);
  {
    g_autofree char *ops = crm_test_query_text (f->store, sql, NULL);
    g_assert_cmpstr (ops, ==, "create,delete,restore");
  }
}

static void
test_query_paging (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmQuery) q = crm_query_new ("leads");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) rids = NULL;
  CrmPageKey key = { NULL, 0 };
  gboolean first = TRUE;
  guint pages = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Клиент %02u Тестовый", i);
      g_autofree char *id = add_lead (f->store, name, NULL);

      if (i % 3 == 0)
        {
          g_autoptr(CrmChange) c = crm_change_new_update ("leads", id);
          crm_change_set_text (c, "temperature", "hot");
          g_assert_true (crm_store_apply (f->store, c, NULL));
        }
      crm_clock_advance (f->clock, 1000);
    }

  g_assert_true (crm_query_set_sort (q, "created_ms", TRUE));
  g_assert_false (crm_query_set_sort (q, "id; DROP TABLE leads", TRUE));
  g_assert_cmpint (crm_store_query_count (f->store, q, &error), ==, 25);

  for (;;)
    {
      CrmPageKey next = { NULL, 0 };
      g_autoptr(GPtrArray) page = crm_store_query_page (f->store, q, first ? NULL : &key, 10, &next, &error);
      gint64 last_created = G_MAXINT64;

      g_assert_no_error (error);
      crm_page_key_clear (&key);
      key = next;
      first = FALSE;
      for (guint i = 0; i < page->len; i++)
        {
          CrmRecord *r = g_ptr_array_index (page, i);

          g_assert_cmpint (crm_record_get_int (r, "created_ms", 0), <=, last_created);
          last_created = crm_record_get_int (r, "created_ms", 0);
          g_assert_true (g_hash_table_add (seen, g_strdup (crm_record_get_id (r))));
        }
      pages++;
      if (page->len < 10)
        break;
    }
  crm_page_key_clear (&key);
  g_assert_cmpint (pages, ==, 3);
  g_assert_cmpint (g_hash_table_size (seen), ==, 25);

  /* By name, ascending, with a filter. */
  crm_query_add_equals (q, "temperature", "hot");
  g_assert_true (crm_query_set_sort (q, "sort_key", FALSE));
  g_assert_cmpint (crm_store_query_count (f->store, q, NULL), ==, 9);
  rids = crm_store_query_rids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rids->len, ==, 9);
  {
    g_autoptr(GPtrArray) records = crm_store_get_many (f->store, "leads", (gint64 *) rids->data, rids->len, &error);

    g_assert_cmpint (records->len, ==, 9);
    g_assert_cmpstr (crm_lead_get_full_name (g_ptr_array_index (records, 0)), ==, "Клиент 00 Тестовый");
    g_assert_cmpstr (crm_lead_get_full_name (g_ptr_array_index (records, 8)), ==, "Клиент 24 Тестовый");
  }

  /* Text search inside a query. */
  {
    g_autoptr(CrmQuery) tq = crm_query_new ("leads");

    crm_query_set_text (tq, "клиент 07");
    g_assert_cmpint (crm_store_query_count (f->store, tq, NULL), ==, 1);
  }
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = g_strdup (crm_store_get_device_id (f->store));
  g_autofree char *id = add_lead (f->store, "Ольга Орлова", NULL);
  g_autofree char *hlc1 = NULL;
  g_autofree char *hlc2 = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT json_extract(_hlc, '$.\"*\"') FROM leads WHERE id = '%s'", id);
  g_autofree char *id2 = NULL;
  g_autofree char *sql2 = NULL;

  hlc1 = crm_test_query_text (f->store, sql, NULL);
  g_clear_object (&f->store);

  /* The clock went back an hour: the HLC still moves forward. */
  crm_clock_set_fixed (f->clock, T0 - 3600000);
  f->store = crm_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_store_get_device_id (f->store), ==, device);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM users", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM stages", NULL), ==, 7);

  id2 = add_lead (f->store, "Олег Орлов", NULL);
  sql2 = g_strdup_printf ("SELECT json_extract(_hlc, '$.\"*\"') FROM leads WHERE id = '%s'", id2);
  hlc2 = crm_test_query_text (f->store, sql2, NULL);
  g_assert_cmpstr (hlc2, >, hlc1);
}

static void
test_backup_check (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_auto(GStrv) problems = NULL;
  g_autoptr(CrmStore) other = NULL;
  g_autofree char *id = add_lead (f->store, "Мария Иванова", NULL);

  g_assert_true (crm_store_check (f->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_strv_length (problems), ==, 0);

  g_assert_true (crm_store_backup (f->store, copy, &error));
  g_assert_no_error (error);
  other = crm_store_open (copy, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (other, "SELECT count(*) FROM leads", NULL), ==, 1);
  g_clear_object (&other);

  /* Not a database: a clear error, the file untouched. */
  g_assert_true (g_file_set_contents (junk, "ФИО;Телефон\nnot a database\n", -1, NULL));
  other = crm_store_open (junk, f->clock, &error);
  g_assert_null (other);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A file from a newer Voronka is refused, not "migrated". */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  other = crm_store_open (newer, f->clock, &error);
  g_assert_null (other);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_VERSION);
}

/* A v0 file with data (an empty user_version) is backed up before the
 * migration runs. */
static void
test_migration_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *bak = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean found = FALSE;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = crm_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "PRAGMA user_version", NULL), ==, 1);

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".bak") != NULL)
      found = TRUE;
  (void) bak;
  g_assert_true (found);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/new-workspace", test_new_workspace);
  ADD ("/core/store/pragmas", test_pragmas);
  ADD ("/core/store/write-path", test_write_path);
  ADD ("/core/store/invalid-writes-nothing", test_invalid_writes_nothing);
  ADD ("/core/store/phones-normalized", test_phones_normalized);
  ADD ("/core/store/delete-restore", test_delete_restore);
  ADD ("/core/store/query-paging", test_query_paging);
  ADD ("/core/store/reopen", test_reopen);
  ADD ("/core/store/backup-check", test_backup_check);
#undef ADD
  g_test_add_func ("/core/store/migration-backup", test_migration_backup);

  return crm_test_run ();
}
