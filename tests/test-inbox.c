/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-core.h"
#include "crm-inbox.h"
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
add_lead (Fixture    *f,
          const char *name)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;

  crm_change_set_text (change, "full_name", name);
  g_assert_true (crm_store_apply (f->store, change, &error));
  g_assert_no_error (error);
  crm_clock_advance (f->clock, 60 * 1000);
  return g_strdup (crm_change_get_id (change));
}

static GArray *
inbox_rids (Fixture *f)
{
  g_autoptr(CrmQuery) query = crm_inbox_query_new (f->store);
  g_autoptr(GError) error = NULL;
  GArray *rids = crm_store_query_rids (f->store, query, &error);

  g_assert_no_error (error);
  return rids;
}

static gint64
rid_of (Fixture    *f,
        const char *id)
{
  g_autoptr(CrmRecord) record = crm_store_get (f->store, "leads", id, NULL);

  return crm_record_get_rid (record);
}

static void
test_oldest_first (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Первая");
  g_autofree char *b = add_lead (f, "Борис Второй");
  g_autofree char *c = add_lead (f, "Вера Третья");
  g_autoptr(GArray) rids = NULL;
  g_autoptr(CrmChange) answered = crm_change_new_update ("leads", b);
  g_autoptr(GError) error = NULL;

  /* An answered lead is processed, even while still in "New". */
  crm_change_set_int (answered, "first_response_ms", T0 + 5000);
  g_assert_true (crm_store_apply (f->store, answered, &error));
  g_assert_no_error (error);

  rids = inbox_rids (f);
  g_assert_cmpuint (rids->len, ==, 2);
  g_assert_cmpint (g_array_index (rids, gint64, 0), ==, rid_of (f, a));
  g_assert_cmpint (g_array_index (rids, gint64, 1), ==, rid_of (f, c));
}

static void
test_take (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Первая");
  g_autofree char *b = add_lead (f, "Борис Второй");
  g_autofree char *first = crm_workspace_first_stage (f->store, NULL);
  g_autofree char *work = crm_inbox_work_stage (f->store, first);
  g_autofree char *work_name = NULL;
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(GArray) rids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) other_owner = crm_change_new_update ("leads", a);
  g_autoptr(CrmChange) user = crm_change_new_create ("users");

  /* Someone else owns the lead before it is taken. */
  crm_change_set_text (user, "name", "Пётр Другой");
  g_assert_true (crm_store_apply (f->store, user, &error));
  crm_change_set_text (other_owner, "owner_id", crm_change_get_id (user));
  g_assert_true (crm_store_apply (f->store, other_owner, &error));
  g_assert_no_error (error);

  g_assert_nonnull (work);
  work_name = crm_test_query_text (f->store, "SELECT position FROM stages WHERE id = ?1", work);
  g_assert_cmpstr (work_name, ==, "1");

  g_assert_true (crm_inbox_take (f->store, a, &error));
  g_assert_no_error (error);

  lead = crm_store_get (f->store, "leads", a, &error);
  g_assert_cmpstr (crm_record_get_text (lead, "owner_id"), ==, crm_store_get_user_id (f->store));
  g_assert_cmpstr (crm_record_get_text (lead, "stage_id"), ==, work);
  g_assert_cmpint (crm_test_query_int (f->store,
                                       "SELECT count(*) FROM history WHERE entity_id = ?1"
                                       " AND field = 'stage_id'", a), ==, 1);

  rids = inbox_rids (f);
  g_assert_cmpuint (rids->len, ==, 1);
  g_assert_cmpint (g_array_index (rids, gint64, 0), ==, rid_of (f, b));

  /* Taking it again changes nothing more and is not an error. */
  g_assert_true (crm_inbox_take (f->store, a, &error));
  g_assert_no_error (error);
}

static void
test_take_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Первая");
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_inbox_take (f->store, "0190a0b0-0000-7000-8000-000000000000", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (crm_store_delete (f->store, "leads", a, &error));
  g_assert_false (crm_inbox_take (f->store, a, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_sla (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_inbox_sla_ms (f->store), ==, 15 * 60 * 1000);
  g_assert_true (crm_store_set_setting (f->store, "first_response_sla_minutes", "5", &error));
  g_assert_cmpint (crm_inbox_sla_ms (f->store), ==, 5 * 60 * 1000);
  g_assert_true (crm_store_set_setting (f->store, "first_response_sla_minutes", "junk", &error));
  g_assert_cmpint (crm_inbox_sla_ms (f->store), ==, 15 * 60 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/inbox/oldest-first", test_oldest_first);
  ADD ("/core/inbox/take", test_take);
  ADD ("/core/inbox/take-missing", test_take_missing);
  ADD ("/core/inbox/sla", test_sla);

  return crm_test_run ();
}
