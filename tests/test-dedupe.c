/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-change.h"
#include "crm-clock.h"
#include "crm-dedupe.h"
#include "crm-merge.h"
#include "crm-store.h"
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

/* ---- helpers ---- */

static char *
apply_create (CrmStore  *store,
              CrmChange *change)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (change));
}

static char *
add_lead (CrmStore   *store,
          const char *name,
          const char *company)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");

  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "company", company);
  return apply_create (store, change);
}

static char *
add_contact (CrmStore   *store,
             const char *name,
             const char *client_id)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("contacts");

  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "client_id", client_id);
  return apply_create (store, change);
}

static char *
add_client (CrmStore   *store,
            const char *kind,
            const char *name,
            const char *inn)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("clients");

  crm_change_set_text (change, "kind", kind);
  crm_change_set_text (change, "name", name);
  crm_change_set_text (change, "inn", inn);
  return apply_create (store, change);
}

static char *
add_child (CrmStore   *store,
           const char *tbl,
           const char *entity_type,
           const char *entity_id,
           const char *raw)
{
  g_autoptr(CrmChange) change = crm_change_new_create (tbl);

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "raw", raw);
  return apply_create (store, change);
}

#define add_phone(s, t, id, raw) add_child ((s), "phones", (t), (id), (raw))
#define add_email(s, t, id, raw) add_child ((s), "emails", (t), (id), (raw))

static char *
add_activity (CrmStore   *store,
              const char *entity_type,
              const char *entity_id,
              const char *subject)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("activities");

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "kind", "call");
  crm_change_set_text (change, "subject", subject);
  crm_change_set_int (change, "at_ms", crm_store_now_ms (store));
  return apply_create (store, change);
}

static char *
add_task (CrmStore   *store,
          const char *entity_type,
          const char *entity_id,
          const char *title)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("tasks");

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "title", title);
  crm_change_set_int (change, "due_ms", crm_store_now_ms (store) + 3600000);
  return apply_create (store, change);
}

static void
set_text (CrmStore   *store,
          const char *tbl,
          const char *id,
          const char *field,
          const char *value)
{
  g_autoptr(CrmChange) change = crm_change_new_update (tbl, id);
  g_autoptr(GError) error = NULL;

  crm_change_set_text (change, field, value);
  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
}

static GPtrArray *
find (CrmStore          *store,
      const char        *entity_type,
      const char        *exclude_id,
      const char        *name,
      const char        *company,
      const char        *inn,
      const char *const *phones,
      const char *const *emails)
{
  g_autoptr(GError) error = NULL;
  CrmDedupeProbe probe = { 0 };
  GPtrArray *found;

  probe.entity_type = entity_type;
  probe.exclude_id = exclude_id;
  probe.full_name = name;
  probe.company = company;
  probe.inn = inn;
  probe.phones = phones;
  probe.emails = emails;
  found = crm_dedupe_find (store, &probe, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static CrmDuplicate *
find_in (GPtrArray  *found,
         const char *id)
{
  for (guint i = 0; i < found->len; i++)
    {
      CrmDuplicate *dup = g_ptr_array_index (found, i);

      if (strcmp (dup->id, id) == 0)
        return dup;
    }
  return NULL;
}

#define STRV(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* ---- finding ---- */

static void
test_phone_8_vs_plus7 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Иванов Иван", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  CrmDuplicate *dup;

  g_free (add_phone (f->store, "lead", lead, "8 (912) 345-67-89"));

  found = find (f->store, "lead", NULL, NULL, NULL, NULL, STRV ("+7 912 345 67 89"), NULL);
  g_assert_cmpuint (found->len, ==, 1);
  dup = g_ptr_array_index (found, 0);
  g_assert_cmpstr (dup->entity_type, ==, "lead");
  g_assert_cmpstr (dup->id, ==, lead);
  g_assert_cmpstr (dup->display_name, ==, "Иванов Иван");
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_PHONE);
  g_assert_cmpuint (dup->score, ==, 90);
  g_assert_nonnull (strstr (dup->detail, "912"));

  /* The third form of the same number, and a number that is not there. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = find (f->store, "lead", NULL, NULL, NULL, NULL, STRV ("89123456789"), NULL);
  g_assert_cmpuint (found->len, ==, 1);
  none = find (f->store, "lead", NULL, NULL, NULL, NULL, STRV ("+7 912 345 67 80", "not a phone"), NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_phone_cross_entity (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *client = add_client (f->store, "company", "ООО «Ромашка»", NULL);
  g_autofree char *contact = add_contact (f->store, "Петров Пётр", client);
  g_autoptr(GPtrArray) found = NULL;
  CrmDuplicate *dup;

  g_free (add_phone (f->store, "contact", contact, "+7 (912) 3456789"));
  g_free (add_phone (f->store, "client", client, "8 495 123-45-67"));

  found = find (f->store, "lead", NULL, "Сидоров Сидор", NULL, NULL,
                STRV ("8 912 345-67-89", "+74951234567"), NULL);
  g_assert_cmpuint (found->len, ==, 2);
  dup = find_in (found, contact);
  g_assert_nonnull (dup);
  g_assert_cmpstr (dup->entity_type, ==, "contact");
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_PHONE);
  dup = find_in (found, client);
  g_assert_nonnull (dup);
  g_assert_cmpstr (dup->entity_type, ==, "client");
  g_assert_cmpstr (dup->display_name, ==, "ООО «Ромашка»");
}

static void
test_email_case (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Анна Смирнова", NULL);
  g_autoptr(GPtrArray) found = NULL;
  CrmDuplicate *dup;

  g_free (add_email (f->store, "lead", lead, "Anna.Smirnova@Example.COM"));

  found = find (f->store, "lead", NULL, NULL, NULL, NULL, NULL, STRV ("anna.smirnova@EXAMPLE.com"));
  g_assert_cmpuint (found->len, ==, 1);
  dup = g_ptr_array_index (found, 0);
  g_assert_cmpstr (dup->id, ==, lead);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_EMAIL);
  g_assert_cmpuint (dup->score, ==, 90);
  {
    g_autofree char *detail = g_utf8_strdown (dup->detail, -1);

    g_assert_cmpstr (detail, ==, "same e-mail anna.smirnova@example.com");
  }
}

static void
test_name_any_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Семён Ёлкин", NULL);
  g_autofree char *contact = add_contact (f->store, "Ёлкин Семён", NULL);
  g_autofree char *person = add_client (f->store, "person", "елкин семен", NULL);
  g_autofree char *company = add_client (f->store, "company", "Ёлкин Семён", NULL);
  g_autoptr(GPtrArray) found = NULL;

  found = find (f->store, "lead", NULL, "ЕЛКИН СЕМЕН", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    {
      CrmDuplicate *dup = g_ptr_array_index (found, i);

      g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_NAME);
      g_assert_cmpuint (dup->score, ==, 50);
    }
  g_assert_nonnull (find_in (found, lead));
  g_assert_nonnull (find_in (found, contact));
  g_assert_nonnull (find_in (found, person));
  /* A company named like a person is not a person. */
  g_assert_null (find_in (found, company));
}

static void
test_lone_first_name (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *b = add_lead (f->store, "Иван", "Вектор");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) backed = NULL;
  CrmDuplicate *dup;

  g_free (add_lead (f->store, "Иван", NULL));
  g_free (add_phone (f->store, "lead", b, "89123456789"));

  found = find (f->store, "lead", NULL, "Иван", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = find (f->store, "lead", NULL, "иван", "Вектор", NULL, NULL, NULL);
  g_assert_cmpuint (found->len, ==, 0);

  /* With a phone it backs up the match. */
  backed = find (f->store, "lead", NULL, "Иван", NULL, NULL, STRV ("+79123456789"), NULL);
  g_assert_cmpuint (backed->len, ==, 1);
  dup = g_ptr_array_index (backed, 0);
  g_assert_cmpstr (dup->id, ==, b);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_PHONE | CRM_DEDUPE_NAME);
  g_assert_cmpuint (dup->score, ==, 95);
}

static void
test_name_company (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *older = add_lead (f->store, "Петров Пётр Петрович", "ООО «Вектор»");
  g_autofree char *plain = NULL;
  g_autofree char *other_company = NULL;
  g_autofree char *client = add_client (f->store, "company", "Вектор", NULL);
  g_autofree char *contact = add_contact (f->store, "Пётр Петрович Петров", client);
  g_autofree char *same_company = add_lead (f->store, "Сидоров Сидор", "Вектор");
  g_autoptr(GPtrArray) found = NULL;
  CrmDuplicate *dup;

  crm_clock_advance (f->clock, 1000);
  plain = add_lead (f->store, "Петров Петр Петрович", NULL);
  crm_clock_advance (f->clock, 1000);
  other_company = add_lead (f->store, "петров пётр петрович", "Гранит");

  found = find (f->store, "lead", NULL, "Петров Пётр Петрович", "Вектор ООО", NULL, NULL, NULL);

  /* Same name at the same company first, then the company client, then
   * namesakes newest first; another person at the same company is no
   * duplicate. */
  g_assert_cmpuint (found->len, ==, 5);
  dup = g_ptr_array_index (found, 0);
  g_assert_cmpuint (dup->score, ==, 80);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_NAME_COMPANY);
  dup = g_ptr_array_index (found, 1);
  g_assert_cmpuint (dup->score, ==, 80);
  g_assert_true ((strcmp (((CrmDuplicate *) g_ptr_array_index (found, 0))->id, contact) == 0 &&
                  strcmp (dup->id, older) == 0) ||
                 (strcmp (((CrmDuplicate *) g_ptr_array_index (found, 0))->id, older) == 0 &&
                  strcmp (dup->id, contact) == 0));
  g_assert_cmpstr (dup->detail, ==, "Same name and company");

  dup = g_ptr_array_index (found, 2);
  g_assert_cmpstr (dup->id, ==, other_company);
  g_assert_cmpuint (dup->score, ==, 50);
  g_assert_cmpstr (dup->detail, ==, "Same name");
  dup = g_ptr_array_index (found, 3);
  g_assert_cmpstr (dup->id, ==, plain);
  g_assert_cmpuint (dup->score, ==, 50);

  dup = g_ptr_array_index (found, 4);
  g_assert_cmpstr (dup->id, ==, client);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_COMPANY);
  g_assert_cmpuint (dup->score, ==, 40);

  g_assert_null (find_in (found, same_company));
}

static void
test_name_company_common (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *at_company = add_lead (f->store, "Смирнов Сергей", "Альфа");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  CrmDuplicate *dup;

  /* More newer namesakes than one lookup returns: the one at the same
   * company is still found, first. */
  g_assert_true (crm_store_begin (f->store, &error));
  for (guint i = 0; i < 30; i++)
    {
      crm_clock_advance (f->clock, 1);
      g_free (add_lead (f->store, "Сергей Смирнов", NULL));
    }
  g_assert_true (crm_store_commit (f->store, &error));

  found = find (f->store, "lead", NULL, "Смирнов Сергей", "ООО «Альфа»", NULL, NULL, NULL);
  g_assert_cmpuint (found->len, ==, 21);
  dup = g_ptr_array_index (found, 0);
  g_assert_cmpstr (dup->id, ==, at_company);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_NAME_COMPANY);
  g_assert_cmpuint (((CrmDuplicate *) g_ptr_array_index (found, 1))->score, ==, 50);
}

static void
test_inn (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *client = add_client (f->store, "company", "ПАО «Гранит»", "7707083893");
  g_autofree char *other = add_client (f->store, "company", "Гранит-Сервис", "7736050003");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) both = NULL;
  CrmDuplicate *dup;

  found = find (f->store, "client", NULL, NULL, "Совсем другое название", "7707 083893", NULL, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  dup = g_ptr_array_index (found, 0);
  g_assert_cmpstr (dup->id, ==, client);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_INN);
  g_assert_cmpuint (dup->score, ==, 95);
  g_assert_cmpstr (dup->detail, ==, "Same INN 7707083893");

  /* INN and company name: 95 + 5. */
  both = find (f->store, "client", NULL, NULL, "Гранит", "7707083893", NULL, NULL);
  g_assert_cmpuint (both->len, ==, 1);
  dup = g_ptr_array_index (both, 0);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_INN | CRM_DEDUPE_COMPANY);
  g_assert_cmpuint (dup->score, ==, 100);
  g_assert_null (find_in (both, other));
}

/* An INN typed with spaces and hyphens is stored as digits, so it is found
 * like any other. */
static void
test_inn_typed_loosely (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *client = add_client (f->store, "company", "ПАО «Гранит»", "7707 083-893");
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *stored = crm_test_query_text (f->store, "SELECT inn FROM clients WHERE id = ?1", client);

  g_assert_cmpstr (stored, ==, "7707083893");
  found = find (f->store, "client", NULL, NULL, "Другое", "7707083893", NULL, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CrmDuplicate *) g_ptr_array_index (found, 0))->id, ==, client);
}

static void
test_combined_capped (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Кузнецова Мария", "Альфа");
  g_autoptr(GPtrArray) found = NULL;
  CrmDuplicate *dup;

  g_free (add_phone (f->store, "lead", lead, "+7 916 000-11-22"));
  g_free (add_email (f->store, "lead", lead, "maria@example.com"));

  found = find (f->store, "lead", NULL, "Мария Кузнецова", "Альфа", NULL,
                STRV ("89160001122"), STRV ("MARIA@example.com"));
  g_assert_cmpuint (found->len, ==, 1);
  dup = g_ptr_array_index (found, 0);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_PHONE | CRM_DEDUPE_EMAIL | CRM_DEDUPE_NAME_COMPANY);
  g_assert_cmpuint (dup->score, ==, 100);
  g_assert_true (g_str_has_prefix (dup->detail, "Same phone "));
  g_assert_nonnull (strstr (dup->detail, ", Same e-mail maria@example.com, Same name and company"));
}

static void
test_exclude_and_dead (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *me = add_lead (f->store, "Орлов Олег", NULL);
  g_autofree char *deleted = add_lead (f->store, "Орлов Олег", NULL);
  g_autofree char *merged = add_lead (f->store, "Орлов Олег", NULL);
  g_autofree char *alive = add_lead (f->store, "Олег Орлов", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_free (add_phone (f->store, "lead", me, "89031112233"));
  g_free (add_phone (f->store, "lead", deleted, "89031112233"));

  g_assert_true (crm_store_delete (f->store, "leads", deleted, &error));
  g_assert_no_error (error);
  set_text (f->store, "leads", merged, "merged_into", alive);

  found = find (f->store, "lead", me, "Орлов Олег", NULL, NULL, STRV ("89031112233"), NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CrmDuplicate *) g_ptr_array_index (found, 0))->id, ==, alive);
}

static void
test_find_for (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *client = add_client (f->store, "company", "Меридиан", "7707083893");
  g_autofree char *twin = add_client (f->store, "company", "ООО Меридиан", NULL);
  g_autofree char *lead = add_lead (f->store, "Волков Алексей", "Меридиан");
  g_autofree char *contact = add_contact (f->store, "Алексей Волков", client);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) for_client = NULL;
  g_autoptr(GError) error = NULL;
  CrmDuplicate *dup;

  g_free (add_phone (f->store, "lead", lead, "8 999 123-45-67"));
  g_free (add_phone (f->store, "contact", contact, "+79991234567"));
  g_free (add_email (f->store, "lead", lead, "volkov@example.ru"));

  found = crm_dedupe_find_for (f->store, "lead", lead, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_null (find_in (found, lead));
  dup = find_in (found, contact);
  g_assert_nonnull (dup);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_PHONE | CRM_DEDUPE_NAME_COMPANY);
  g_assert_cmpuint (dup->score, ==, 95);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpstr (((CrmDuplicate *) g_ptr_array_index (found, 0))->id, ==, contact);

  for_client = crm_dedupe_find_for (f->store, "client", client, &error);
  g_assert_no_error (error);
  dup = find_in (for_client, twin);
  g_assert_nonnull (dup);
  g_assert_cmpuint (dup->reasons, ==, CRM_DEDUPE_COMPANY);

  g_assert_null (crm_dedupe_find_for (f->store, "lead", "0190a1b2-0000-7000-8000-000000000000", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_ignore (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = add_lead (f->store, "Зайцев Борис", NULL);
  g_autofree char *b = add_lead (f->store, "Борис Зайцев", NULL);
  g_autofree char *c = add_lead (f->store, "Зайцев Борис", NULL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) reverse = NULL;
  g_autoptr(GError) error = NULL;
  const char *lo = strcmp (a, b) < 0 ? a : b;
  const char *hi = lo == a ? b : a;
  gint64 outbox;

  before = find (f->store, "lead", a, "Зайцев Борис", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_false (crm_dedupe_is_ignored (f->store, a, b));

  /* Given in the larger-first order: stored a < b. */
  g_assert_true (crm_dedupe_ignore (f->store, hi, lo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM dedupe_ignore WHERE a_id = ?1", lo), ==, 1);
  g_assert_true (crm_dedupe_is_ignored (f->store, a, b));
  g_assert_true (crm_dedupe_is_ignored (f->store, b, a));
  g_assert_false (crm_dedupe_is_ignored (f->store, a, c));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox WHERE tbl = 'dedupe_ignore'", NULL), ==, 1);

  /* Twice is fine and writes nothing more. */
  outbox = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);
  g_assert_true (crm_dedupe_ignore (f->store, a, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM dedupe_ignore", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox);

  after = find (f->store, "lead", a, "Зайцев Борис", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (((CrmDuplicate *) g_ptr_array_index (after, 0))->id, ==, c);
  reverse = find (f->store, "lead", b, "Зайцев Борис", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reverse->len, ==, 1);
  g_assert_cmpstr (((CrmDuplicate *) g_ptr_array_index (reverse, 0))->id, ==, c);

  g_assert_false (crm_dedupe_ignore (f->store, a, a, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
}

static void
test_reason_text (void)
{
  g_autofree char *none = crm_dedupe_reason_text (0);
  g_autofree char *two = crm_dedupe_reason_text (CRM_DEDUPE_PHONE | CRM_DEDUPE_NAME);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (two, ==, "Same phone, Same name");
}

static CrmDuplicatePair *
pair_of (GPtrArray  *pairs,
         const char *x,
         const char *y)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      CrmDuplicatePair *p = g_ptr_array_index (pairs, i);

      if ((strcmp (p->a_id, x) == 0 && strcmp (p->b_id, y) == 0) ||
          (strcmp (p->a_id, y) == 0 && strcmp (p->b_id, x) == 0))
        return p;
    }
  return NULL;
}

static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *l1 = add_lead (f->store, "Новиков Павел", "Омега");
  g_autofree char *l2 = add_lead (f->store, "Павел Новиков", "ООО Омега");
  g_autofree char *l3 = add_lead (f->store, "Иван", NULL);
  g_autofree char *l4 = add_lead (f->store, "Иван", NULL);
  g_autofree char *l5 = add_lead (f->store, "Лебедев Игорь", NULL);
  g_autofree char *k1 = add_client (f->store, "company", "Импульс", "7707083893");
  g_autofree char *k2 = add_client (f->store, "company", "ПАО Импульс-М", "7707083893");
  g_autofree char *k3 = add_client (f->store, "company", "Импульс", NULL);
  g_autofree char *c1 = add_contact (f->store, "Фёдоров Глеб", k1);
  g_autofree char *gone = add_lead (f->store, "Сёмин Ян", NULL);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) capped = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  CrmDuplicatePair *p;

  g_free (add_phone (f->store, "lead", l1, "89161234567"));
  g_free (add_phone (f->store, "lead", l2, "+7 916 123-45-67"));
  g_free (add_phone (f->store, "lead", l5, "8 (926) 555-44-33"));
  g_free (add_phone (f->store, "contact", c1, "+79265554433"));
  g_free (add_phone (f->store, "lead", gone, "+79265554433"));
  g_free (add_email (f->store, "lead", l5, "I.Lebedev@mail.ru"));
  g_free (add_email (f->store, "contact", c1, "i.lebedev@MAIL.ru"));

  g_assert_true (crm_store_delete (f->store, "leads", gone, &error));
  g_assert_no_error (error);

  pairs = crm_dedupe_scan (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pairs);

  p = pair_of (pairs, l1, l2);
  g_assert_nonnull (p);
  g_assert_cmpint (strcmp (p->a_id, p->b_id), <, 0);
  g_assert_cmpuint (p->reasons, ==, CRM_DEDUPE_PHONE | CRM_DEDUPE_NAME_COMPANY);
  g_assert_cmpuint (p->score, ==, 95);
  g_assert_cmpstr (p->a_type, ==, "lead");

  p = pair_of (pairs, l5, c1);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->reasons, ==, CRM_DEDUPE_PHONE | CRM_DEDUPE_EMAIL);
  g_assert_cmpuint (p->score, ==, 95);

  p = pair_of (pairs, k1, k2);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->reasons, ==, CRM_DEDUPE_INN);
  p = pair_of (pairs, k1, k3);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->reasons, ==, CRM_DEDUPE_COMPANY);
  g_assert_cmpuint (p->score, ==, 40);

  /* A lone first name and a deleted record make no pair. */
  g_assert_null (pair_of (pairs, l3, l4));
  g_assert_null (pair_of (pairs, gone, c1));
  g_assert_cmpuint (pairs->len, ==, 4);
  for (guint i = 1; i < pairs->len; i++)
    g_assert_cmpuint (((CrmDuplicatePair *) g_ptr_array_index (pairs, i - 1))->score, >=,
                      ((CrmDuplicatePair *) g_ptr_array_index (pairs, i))->score);

  capped = crm_dedupe_scan (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (capped->len, ==, 2);

  g_assert_true (crm_dedupe_ignore (f->store, c1, l5, &error));
  g_assert_no_error (error);
  after = crm_dedupe_scan (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_null (pair_of (after, l5, c1));
}

static void
test_scan_common_name (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  CrmDuplicatePair *p;

  /* Sixty namesakes are a common name, not sixty copies of one person:
   * only the two at the same company pair up. */
  g_assert_true (crm_store_begin (f->store, &error));
  for (guint i = 0; i < 60; i++)
    g_free (add_lead (f->store, i % 2 ? "Иванов Иван" : "Иван Иванов", NULL));
  a = add_lead (f->store, "Иванов Иван", "ООО «Вектор»");
  b = add_lead (f->store, "Иван Иванов", "Вектор");
  g_assert_true (crm_store_commit (f->store, &error));

  pairs = crm_dedupe_scan (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 1);
  p = g_ptr_array_index (pairs, 0);
  g_assert_nonnull (pair_of (pairs, a, b));
  g_assert_cmpuint (p->reasons, ==, CRM_DEDUPE_NAME_COMPANY);
  g_assert_cmpuint (p->score, ==, 80);
  g_assert_cmpstr (p->detail, ==, "Same name and company");
}

/* ---- merging ---- */

/* Every content column of a row, for before/after comparisons. */
static char *
dump_row (CrmStore   *store,
          const char *tbl,
          const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE id = ?1", tbl);
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      if (strcmp (name, "updated_ms") == 0 || strcmp (name, "_hlc") == 0 || strcmp (name, "_seq") == 0)
        continue;
      const char *value = (const char *) sqlite3_column_text (stmt, i);
      int type = sqlite3_column_type (stmt, i);

      /* Derived keys of an empty value are "" or NULL, the same thing. */
      if (g_str_has_suffix (name, "_key") && value != NULL && value[0] == '\0')
        type = SQLITE_NULL;
      g_string_append_printf (out, "%s=%s[%d]\n", name,
                              type == SQLITE_NULL ? "NULL" : value, type);
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Who owns what, across the child tables and the links. */
static char *
dump_owners (CrmStore *store)
{
  static const char *const sql[] = {
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || entity_id || '@' || position || '/' || _deleted AS x FROM phones ORDER BY id)",
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || entity_id || '@' || position || '/' || _deleted AS x FROM emails ORDER BY id)",
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || entity_id || '/' || _deleted AS x FROM activities ORDER BY id)",
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || entity_id || '/' || _deleted AS x FROM tasks ORDER BY id)",
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || IFNULL(client_id, '-') || '/' || IFNULL(contact_id, '-') AS x FROM leads ORDER BY id)",
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || IFNULL(client_id, '-') || '/' || IFNULL(lead_id, '-') AS x FROM contacts ORDER BY id)",
    "SELECT group_concat(x, ' ') FROM (SELECT id || '>' || IFNULL(lead_id, '-') AS x FROM clients ORDER BY id)",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autofree char *v = crm_test_query_text (store, sql[i], NULL);
      g_string_append_printf (out, "%s\n", v != NULL ? v : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* History rows that were about @id before the merge (not the merge's own). */
static char *
dump_history_owners (CrmStore   *store,
                     const char *until_rid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat(x, ' ') FROM (SELECT id || '>' || entity_id AS x"
                                          " FROM history WHERE rid <= %s ORDER BY rid)", until_rid);
  return crm_test_query_text (store, sql, NULL);
}

typedef struct
{
  char *keep;
  char *other;
  char *keep_phone;
  char *other_phone;     /* the same number as keep_phone */
  char *other_phone2;
  char *keep_email;
  char *other_email;
  char *activity;
  char *task;
  char *client;
} Pairing;

static void
pairing_clear (Pairing *p)
{
  g_free (p->keep);
  g_free (p->other);
  g_free (p->keep_phone);
  g_free (p->other_phone);
  g_free (p->other_phone2);
  g_free (p->keep_email);
  g_free (p->other_email);
  g_free (p->activity);
  g_free (p->task);
  g_free (p->client);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pairing, pairing_clear)

static void
make_pairing (Fixture *f,
              Pairing *p)
{
  g_autoptr(CrmChange) keep = crm_change_new_create ("leads");
  g_autoptr(CrmChange) other = crm_change_new_create ("leads");

  crm_change_set_text (keep, "full_name", "Морозов Андрей");
  crm_change_set_text (keep, "note", "Звонил сам");
  crm_change_set_text (keep, "temperature", "warm");
  p->keep = apply_create (f->store, keep);
  crm_clock_advance (f->clock, 1000);

  crm_change_set_text (other, "full_name", "Морозов Андрей Викторович");
  crm_change_set_text (other, "company", "Гранит");
  crm_change_set_text (other, "note", "Просил перезвонить");
  crm_change_set_text (other, "temperature", "hot");
  crm_change_set_text (other, "city", "Пермь");
  crm_change_set_int (other, "value", 150000);
  p->other = apply_create (f->store, other);

  p->client = add_client (f->store, "company", "Гранит", NULL);
  set_text (f->store, "clients", p->client, "lead_id", p->other);

  p->keep_phone = add_phone (f->store, "lead", p->keep, "+7 912 000-00-01");
  p->other_phone = add_phone (f->store, "lead", p->other, "8 912 000 00 01");
  p->other_phone2 = add_phone (f->store, "lead", p->other, "8 912 000 00 02");
  p->keep_email = add_email (f->store, "lead", p->keep, "morozov@example.com");
  p->other_email = add_email (f->store, "lead", p->other, "a.morozov@example.com");
  p->activity = add_activity (f->store, "lead", p->other, "Первый звонок");
  p->task = add_task (f->store, "lead", p->other, "Перезвонить");
  crm_clock_advance (f->clock, 1000);
}

static void
test_merge_moves (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Pairing) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *merge_id = NULL;
  g_autofree char *merged_into = NULL;
  g_autofree char *snapshot = NULL;
  gint64 other_history;

  make_pairing (f, &p);
  other_history = crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE entity_id = ?1", p.other);
  g_assert_cmpint (other_history, >, 0);

  merge_id = crm_merge (f->store, "leads", p.keep, p.other, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merge_id);

  /* The other record: marked and soft-deleted, nothing left on it but the
   * rows about its own merge. */
  merged_into = crm_test_query_text (f->store, "SELECT merged_into FROM leads WHERE id = ?1", p.other);
  g_assert_cmpstr (merged_into, ==, p.keep);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted FROM leads WHERE id = ?1", p.other), ==, T0 + 2000);

  /* The same number moved as a soft-deleted duplicate, the new one moved. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM phones WHERE entity_id = ?1 AND _deleted = 0", p.keep), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted FROM phones WHERE id = ?1", p.other_phone), !=, 0);
  {
    g_autofree char *owner = crm_test_query_text (f->store, "SELECT entity_id FROM phones WHERE id = ?1", p.other_phone2);
    g_autofree char *email_owner = crm_test_query_text (f->store, "SELECT entity_id FROM emails WHERE id = ?1", p.other_email);
    g_autofree char *activity_owner = crm_test_query_text (f->store, "SELECT entity_id FROM activities WHERE id = ?1", p.activity);
    g_autofree char *task_owner = crm_test_query_text (f->store, "SELECT entity_id FROM tasks WHERE id = ?1", p.task);
    g_autofree char *client_lead = crm_test_query_text (f->store, "SELECT lead_id FROM clients WHERE id = ?1", p.client);

    g_assert_cmpstr (owner, ==, p.keep);
    g_assert_cmpstr (email_owner, ==, p.keep);
    g_assert_cmpstr (activity_owner, ==, p.keep);
    g_assert_cmpstr (task_owner, ==, p.keep);
    g_assert_cmpstr (client_lead, ==, p.keep);
  }
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT position FROM phones WHERE id = ?1", p.other_phone2), ==, 1);

  /* Its earlier history went along. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE entity_id = ?1 AND op = 'create'", p.keep), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE entity_id = ?1 AND op = 'create'", p.other), ==, 0);

  /* The merges row has what undo needs. */
  snapshot = crm_test_query_text (f->store, "SELECT snapshot FROM merges WHERE id = ?1", merge_id);
  g_assert_nonnull (snapshot);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    g_assert_true (json_parser_load_from_data (parser, snapshot, -1, NULL));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "other_id"), ==, p.other);
    /* Five rows, and the other lead's first-response "respond" task. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "moved")), ==, 6);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "deleted")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "history")), ==, other_history);
    g_assert_true (json_object_has_member (json_object_get_object_member (root, "fields"), "company"));
  }
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM merges WHERE kept_id = ?1 AND undone_ms IS NULL", p.keep), ==, 1);
}

static void
test_merge_values (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Pairing) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *keep = NULL;
  g_autofree char *merge_id = NULL;
  g_autofree char *lost_note = NULL;
  g_autofree char *lost_name = NULL;
  g_autofree char *lost_temperature = NULL;

  make_pairing (f, &p);
  g_hash_table_insert (choices, "temperature", "other");

  merge_id = crm_merge (f->store, "leads", p.keep, p.other, choices, &error);
  g_assert_no_error (error);

  keep = dump_row (f->store, "leads", p.keep);
  /* Kept: its own values; chosen: the other's; empty: filled. */
  g_assert_nonnull (strstr (keep, "\nfull_name=Морозов Андрей[3]\n"));
  g_assert_nonnull (strstr (keep, "\nnote=Звонил сам[3]\n"));
  g_assert_nonnull (strstr (keep, "\ntemperature=hot[3]\n"));
  g_assert_nonnull (strstr (keep, "\ncompany=Гранит[3]\n"));
  g_assert_nonnull (strstr (keep, "\ncity=Пермь[3]\n"));
  g_assert_nonnull (strstr (keep, "\nvalue=150000[1]\n"));
  g_assert_nonnull (strstr (keep, "\ncompany_key=гранит[3]\n"));

  /* What lost is in history, as other → kept. */
  lost_note = crm_test_query_text (f->store, "SELECT old_value || '→' || new_value FROM history"
                          " WHERE entity_id = ?1 AND op = 'merge' AND field = 'note'", p.keep);
  g_assert_cmpstr (lost_note, ==, "Просил перезвонить→Звонил сам");
  lost_name = crm_test_query_text (f->store, "SELECT old_value FROM history"
                          " WHERE entity_id = ?1 AND op = 'merge' AND field = 'full_name'", p.keep);
  g_assert_cmpstr (lost_name, ==, "Морозов Андрей Викторович");
  /* The kept record's own value that lost to the choice: in the update. */
  lost_temperature = crm_test_query_text (f->store, "SELECT old_value FROM history"
                                 " WHERE entity_id = ?1 AND op = 'update' AND field = 'temperature'", p.keep);
  g_assert_cmpstr (lost_temperature, ==, "warm");
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE entity_id = ?1"
                              " AND op = 'merge' AND field IN ('company', 'city', 'value', 'temperature')",
                              p.keep), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE entity_id = ?1"
                              " AND op = 'merge' AND field IS NULL", p.keep), ==, 1);

  /* A choice of the whole name takes its parts along. */
  {
    g_autofree char *a = add_lead (f->store, "Смирнов Олег", NULL);
    g_autofree char *b = add_lead (f->store, "Смирнов Олег Ильич", NULL);
    g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *id = NULL;
    g_autofree char *full = NULL;
    g_autofree char *middle = NULL;

    g_hash_table_insert (by_name, "full_name", "other");
    id = crm_merge (f->store, "leads", a, b, by_name, &error);
    g_assert_no_error (error);
    full = crm_test_query_text (f->store, "SELECT full_name FROM leads WHERE id = ?1", a);
    middle = crm_test_query_text (f->store, "SELECT middle_name FROM leads WHERE id = ?1", a);
    g_assert_cmpstr (full, ==, "Смирнов Олег Ильич");
    g_assert_cmpstr (middle, ==, "Ильич");
  }

  {
    g_autoptr(GHashTable) bad = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *a = add_lead (f->store, "Х", NULL);
    g_autofree char *b = add_lead (f->store, "Y", NULL);

    g_hash_table_insert (bad, "no_such_field", "other");
    g_assert_null (crm_merge (f->store, "leads", a, b, bad, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads WHERE id = ?1 AND merged_into IS NULL", b), ==, 1);
  }
}

static void
test_merge_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = add_lead (f->store, "Егоров Денис", NULL);
  g_autofree char *b = add_lead (f->store, "Денис Егоров", NULL);
  g_autofree char *c = add_lead (f->store, "Егоров Д.", NULL);
  g_autofree char *contact = add_contact (f->store, "Егоров Денис", NULL);
  g_autofree char *merge_id = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);

  g_assert_null (crm_merge (f->store, "leads", a, a, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (crm_merge (f->store, "leads", a, contact, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "same kind"));
  g_clear_error (&error);

  g_assert_null (crm_merge (f->store, "tasks", a, b, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (crm_merge (f->store, "leads", a, "0190a1b2-0000-7000-8000-000000000000", NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox);

  g_assert_true (crm_store_delete (f->store, "leads", c, &error));
  g_assert_null (crm_merge (f->store, "leads", a, c, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_merge (f->store, "leads", c, a, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  merge_id = crm_merge (f->store, "leads", a, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (crm_merge (f->store, "leads", a, b, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_merge (f->store, "leads", b, a, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM merges", NULL), ==, 1);
}

static void
test_merge_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Pairing) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *keep_before = NULL;
  g_autofree char *other_before = NULL;
  g_autofree char *owners_before = NULL;
  g_autofree char *history_before = NULL;
  g_autofree char *keep_after = NULL;
  g_autofree char *other_after = NULL;
  g_autofree char *owners_after = NULL;
  g_autofree char *history_after = NULL;
  g_autofree char *owners_merged = NULL;
  g_autofree char *last_rid = NULL;
  g_autofree char *merge_id = NULL;
  g_autoptr(GPtrArray) found = NULL;

  make_pairing (f, &p);
  g_hash_table_insert (choices, "full_name", "other");
  g_hash_table_insert (choices, "temperature", "other");

  keep_before = dump_row (f->store, "leads", p.keep);
  other_before = dump_row (f->store, "leads", p.other);
  owners_before = dump_owners (f->store);
  last_rid = crm_test_query_text (f->store, "SELECT max(rid) FROM history", NULL);
  history_before = dump_history_owners (f->store, last_rid);

  merge_id = crm_merge (f->store, "leads", p.keep, p.other, choices, &error);
  g_assert_no_error (error);
  owners_merged = dump_owners (f->store);
  g_assert_cmpstr (owners_merged, !=, owners_before);

  crm_clock_advance (f->clock, 60000);
  g_assert_true (crm_merge_undo (f->store, merge_id, &error));
  g_assert_no_error (error);

  keep_after = dump_row (f->store, "leads", p.keep);
  other_after = dump_row (f->store, "leads", p.other);
  owners_after = dump_owners (f->store);
  history_after = dump_history_owners (f->store, last_rid);
  g_assert_cmpstr (keep_after, ==, keep_before);
  g_assert_cmpstr (other_after, ==, other_before);
  g_assert_cmpstr (owners_after, ==, owners_before);
  g_assert_cmpstr (history_after, ==, history_before);

  g_assert_cmpint (crm_test_query_int (f->store, "SELECT undone_ms FROM merges WHERE id = ?1", merge_id), ==, T0 + 2000 + 60000);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE op = 'unmerge' AND new_value = ?1", merge_id), ==, 2);

  /* The two are duplicates again, found as before. */
  found = crm_dedupe_find_for (f->store, "lead", p.keep, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_in (found, p.other));

  /* Once only. */
  g_assert_false (crm_merge_undo (f->store, merge_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_merge_undo (f->store, "0190a1b2-0000-7000-8000-000000000000", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_merge_undo_keeps_later_edits (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *a = add_lead (f->store, "Павлов Роман", NULL);
  g_autofree char *b = add_lead (f->store, "Павлов Роман", "Акцент");
  g_autofree char *merge_id = NULL;
  g_autofree char *company = NULL;
  g_autoptr(GError) error = NULL;

  merge_id = crm_merge (f->store, "leads", a, b, NULL, &error);
  g_assert_no_error (error);
  set_text (f->store, "leads", a, "company", "Акцент-Плюс");
  g_assert_true (crm_merge_undo (f->store, merge_id, &error));
  g_assert_no_error (error);
  company = crm_test_query_text (f->store, "SELECT company FROM leads WHERE id = ?1", a);
  g_assert_cmpstr (company, ==, "Акцент-Плюс");
}

static void
test_merge_clients (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *keep = add_client (f->store, "company", "Логистик", "7707083893");
  g_autofree char *other = add_client (f->store, "company", "ООО «Логистик»", NULL);
  g_autofree char *contact = add_contact (f->store, "Андреев Кирилл", other);
  g_autofree char *lead = NULL;
  g_autofree char *merge_id = NULL;
  g_autofree char *owners_before = NULL;
  g_autofree char *owners_after = NULL;
  g_autofree char *contact_client = NULL;
  g_autofree char *lead_client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");

  crm_change_set_text (change, "full_name", "Андреев Кирилл");
  crm_change_set_text (change, "client_id", other);
  crm_change_set_text (change, "contact_id", contact);
  lead = apply_create (f->store, change);
  owners_before = dump_owners (f->store);

  merge_id = crm_merge (f->store, "clients", keep, other, NULL, &error);
  g_assert_no_error (error);
  contact_client = crm_test_query_text (f->store, "SELECT client_id FROM contacts WHERE id = ?1", contact);
  lead_client = crm_test_query_text (f->store, "SELECT client_id FROM leads WHERE id = ?1", lead);
  g_assert_cmpstr (contact_client, ==, keep);
  g_assert_cmpstr (lead_client, ==, keep);

  g_assert_true (crm_merge_undo (f->store, merge_id, &error));
  g_assert_no_error (error);
  owners_after = dump_owners (f->store);
  g_assert_cmpstr (owners_after, ==, owners_before);
}

static void
test_merge_outbox (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Pairing) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *merge_id = NULL;
  gint64 mid;

  make_pairing (f, &p);
  mid = crm_test_query_int (f->store, "SELECT IFNULL(max(mid), 0) FROM outbox", NULL);

  merge_id = crm_merge (f->store, "leads", p.keep, p.other, NULL, &error);
  g_assert_no_error (error);

#define AFTER(cond) "SELECT count(*) FROM outbox WHERE mid > %" G_GINT64_FORMAT " AND " cond
  {
    g_autofree char *moved = g_strdup_printf (AFTER ("tbl = 'phones' AND row_id = ?1 AND fields_json LIKE '%%entity_id%%'"), mid);
    g_autofree char *dup = g_strdup_printf (AFTER ("tbl = 'phones' AND row_id = ?1 AND op = 'delete'"), mid);
    g_autofree char *activity = g_strdup_printf (AFTER ("tbl = 'activities' AND row_id = ?1"), mid);
    g_autofree char *task = g_strdup_printf (AFTER ("tbl = 'tasks' AND row_id = ?1"), mid);
    g_autofree char *email = g_strdup_printf (AFTER ("tbl = 'emails' AND row_id = ?1"), mid);
    g_autofree char *keep = g_strdup_printf (AFTER ("tbl = 'leads' AND row_id = ?1 AND fields_json LIKE '%%company%%'"), mid);
    g_autofree char *other = g_strdup_printf (AFTER ("tbl = 'leads' AND row_id = ?1 AND op = 'delete'"), mid);
    g_autofree char *marked = g_strdup_printf (AFTER ("tbl = 'leads' AND row_id = ?1 AND fields_json LIKE '%%merged_into%%'"), mid);
    g_autofree char *merges = g_strdup_printf (AFTER ("tbl = 'merges' AND row_id = ?1"), mid);
    g_autofree char *client = g_strdup_printf (AFTER ("tbl = 'clients' AND row_id = ?1"), mid);

    g_assert_cmpint (crm_test_query_int (f->store, moved, p.other_phone2), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, dup, p.other_phone), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, activity, p.activity), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, task, p.task), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, email, p.other_email), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, keep, p.keep), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, other, p.other), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, marked, p.other), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, merges, merge_id), ==, 1);
    g_assert_cmpint (crm_test_query_int (f->store, client, p.client), ==, 1);
  }
#undef AFTER
}

static void
test_merge_atomic (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Pairing) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 outbox;

  make_pairing (f, &p);
  before = dump_owners (f->store);
  outbox = crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL);

  /* A failure late in the merge, after the children moved and the fields
   * changed: nothing of it may stay. */
  g_hash_table_insert (choices, "temperature", "other");
  g_assert_true (sqlite3_exec (crm_store_get_db (f->store),
                               "CREATE TRIGGER fail_merge BEFORE UPDATE OF merged_into ON leads"
                               " BEGIN SELECT RAISE(ABORT, 'no'); END", NULL, NULL, NULL) == SQLITE_OK);
  g_assert_null (crm_merge (f->store, "leads", p.keep, p.other, choices, &error));
  g_assert_nonnull (error);
  after = dump_owners (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox", NULL), ==, outbox);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM merges", NULL), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM history WHERE op = 'merge'", NULL), ==, 0);
}

/* An import asks only for candidates strong enough to act on: the same
 * ones, in the same order, as the full lookup's strong head. */
static void
test_min_score (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *at_vector = add_lead (f->store, "Петров Пётр Петрович", "ООО «Вектор»");
  g_autofree char *namesake = add_lead (f->store, "Петров Петр Петрович", "Гранит");
  g_autofree char *client = add_client (f->store, "company", "Вектор", NULL);
  g_autofree char *contact = add_contact (f->store, "Пётр Петров", client);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) strong = NULL;
  g_autoptr(GError) error = NULL;
  CrmDedupeProbe probe = { 0 };
  guint n_strong = 0;

  probe.entity_type = "lead";
  probe.full_name = "Петров Пётр Петрович";
  probe.company = "Вектор";
  all = crm_dedupe_find (f->store, &probe, &error);
  g_assert_no_error (error);
  probe.min_score = 80;
  strong = crm_dedupe_find (f->store, &probe, &error);
  g_assert_no_error (error);

  g_assert_nonnull (find_in (all, namesake));
  g_assert_null (find_in (strong, namesake));
  g_assert_nonnull (find_in (strong, at_vector));
  for (guint i = 0; i < all->len; i++)
    if (((CrmDuplicate *) g_ptr_array_index (all, i))->score >= 80)
      n_strong++;
  g_assert_cmpuint (strong->len, ==, n_strong);
  for (guint i = 0; i < strong->len; i++)
    g_assert_cmpstr (((CrmDuplicate *) g_ptr_array_index (strong, i))->id, ==,
                     ((CrmDuplicate *) g_ptr_array_index (all, i))->id);
  (void) contact;
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/dedupe/phone-8-vs-plus7", test_phone_8_vs_plus7);
  ADD ("/core/dedupe/phone-cross-entity", test_phone_cross_entity);
  ADD ("/core/dedupe/email-case", test_email_case);
  ADD ("/core/dedupe/name-any-order", test_name_any_order);
  ADD ("/core/dedupe/lone-first-name", test_lone_first_name);
  ADD ("/core/dedupe/name-company", test_name_company);
  ADD ("/core/dedupe/name-company-common", test_name_company_common);
  ADD ("/core/dedupe/inn", test_inn);
  ADD ("/core/dedupe/inn-typed-loosely", test_inn_typed_loosely);
  ADD ("/core/dedupe/min-score", test_min_score);
  ADD ("/core/dedupe/combined-capped", test_combined_capped);
  ADD ("/core/dedupe/exclude-and-dead", test_exclude_and_dead);
  ADD ("/core/dedupe/find-for", test_find_for);
  ADD ("/core/dedupe/ignore", test_ignore);
  g_test_add_func ("/core/dedupe/reason-text", test_reason_text);
  ADD ("/core/dedupe/scan", test_scan);
  ADD ("/core/dedupe/scan-common-name", test_scan_common_name);
  ADD ("/core/merge/moves", test_merge_moves);
  ADD ("/core/merge/values", test_merge_values);
  ADD ("/core/merge/refused", test_merge_refused);
  ADD ("/core/merge/undo", test_merge_undo);
  ADD ("/core/merge/undo-keeps-later-edits", test_merge_undo_keeps_later_edits);
  ADD ("/core/merge/clients", test_merge_clients);
  ADD ("/core/merge/outbox", test_merge_outbox);
  ADD ("/core/merge/atomic", test_merge_atomic);
#undef ADD

  return crm_test_run ();
}
