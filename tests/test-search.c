/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
  char     *ivanov;
  char     *yolkin;
  char     *smith;
  char     *contact;
  char     *client;
} Fixture;

static void
add_child (CrmStore   *store,
           const char *tbl,
           const char *entity_type,
           const char *entity_id,
           const char *raw)
{
  g_autoptr(CrmChange) c = crm_change_new_create (tbl);
  g_autoptr(GError) error = NULL;

  crm_change_set_text (c, "entity_type", entity_type);
  crm_change_set_text (c, "entity_id", entity_id);
  crm_change_set_text (c, "raw", raw);
  g_assert_true (crm_store_apply (store, c, &error));
  g_assert_no_error (error);
}

static char *
add (CrmStore   *store,
     const char *tbl,
     const char *name_field,
     const char *name,
     const char *extra_field,
     const char *extra)
{
  g_autoptr(CrmChange) c = crm_change_new_create (tbl);
  g_autoptr(GError) error = NULL;

  crm_change_set_text (c, name_field, name);
  if (extra_field != NULL)
    crm_change_set_text (c, extra_field, extra);
  g_assert_true (crm_store_apply (store, c, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (c));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_tmpdir ();
  path = g_build_filename (f->dir, "search.db", NULL);
  f->store = crm_store_open (path, NULL, &error);
  g_assert_no_error (error);

  f->ivanov = add (f->store, "leads", "full_name", "Иванов Иван Петрович", "company", "ООО «Ромашка»");
  add_child (f->store, "phones", "lead", f->ivanov, "8 (912) 345-67-89");
  add_child (f->store, "emails", "lead", f->ivanov, "Ivan.Ivanov@Mail.RU");
  {
    g_autoptr(CrmChange) c = crm_change_new_update ("leads", f->ivanov);
    crm_change_set_text (c, "request", "Нужна доставка щебня на объект");
    g_assert_true (crm_store_apply (f->store, c, NULL));
  }

  f->yolkin = add (f->store, "leads", "full_name", "Семён Ёлкин", "note", "Перезвонить после праздников");
  add_child (f->store, "phones", "lead", f->yolkin, "+7 495 123-45-67");

  f->smith = add (f->store, "leads", "full_name", "John Smith", "company", "Acme Ltd");
  add_child (f->store, "emails", "lead", f->smith, "john@acme.example");

  f->client = add (f->store, "clients", "name", "ЗАО Стройматериалы", "inn", "7707083893");
  f->contact = add (f->store, "contacts", "full_name", "Петрова Анна", "client_id", f->client);
  add_child (f->store, "phones", "contact", f->contact, "8 912 000-45-67");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
  g_free (f->ivanov);
  g_free (f->yolkin);
  g_free (f->smith);
  g_free (f->contact);
  g_free (f->client);
}

/* The ids of what @query finds, "lead:ID" etc., in order. */
static GPtrArray *
find (Fixture    *f,
      const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = crm_search_query (f->store, query, CRM_SEARCH_ALL, 50, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      CrmSearchHit *hit = &g_array_index (hits, CrmSearchHit, i);
      g_autoptr(CrmRecord) r = crm_store_get_by_rid (f->store, crm_entity_table (hit->entity_type),
                                                     hit->rid, NULL);
      g_assert_nonnull (r);
      g_ptr_array_add (ids, g_strdup (crm_record_get_id (r)));
    }
  return ids;
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_cyrillic_case (Fixture       *f,
                    gconstpointer  data)
{
  const char *queries[] = { "иванов", "ИВАНОВ", "Иван Петрович", "петрович иванов", "ромашка" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) ids = find (f, queries[i]);
      g_assert_true (contains (ids, f->ivanov));
      g_assert_false (contains (ids, f->yolkin));
    }
}

static void
test_yo (Fixture       *f,
         gconstpointer  data)
{
  const char *queries[] = { "Ёлкин", "елкин", "ЕЛКИН", "семен", "Семён" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) ids = find (f, queries[i]);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_true (contains (ids, f->yolkin));
    }
}

static void
test_prefix (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) a = find (f, "ив");
  g_autoptr(GPtrArray) b = find (f, "Ива");
  g_autoptr(GPtrArray) c = find (f, "smi");
  g_autoptr(GPtrArray) d = find (f, "щеб");
  g_autoptr(GPtrArray) e = find (f, "праздн");

  g_assert_true (contains (a, f->ivanov));
  g_assert_true (contains (b, f->ivanov));
  g_assert_true (contains (c, f->smith));
  g_assert_true (contains (d, f->ivanov));
  g_assert_true (contains (e, f->yolkin));
}

static void
test_phone_substring (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) a = find (f, "4567");
  g_autoptr(GPtrArray) b = find (f, "5-67-89");
  g_autoptr(GPtrArray) c = find (f, "912");
  g_autoptr(GPtrArray) d = find (f, "9999");

  /* "4567" ends three numbers. */
  g_assert_true (contains (a, f->ivanov));
  g_assert_true (contains (a, f->yolkin));
  g_assert_true (contains (a, f->contact));
  g_assert_true (contains (b, f->ivanov));
  g_assert_false (contains (b, f->yolkin));
  g_assert_true (contains (c, f->ivanov));
  g_assert_true (contains (c, f->contact));
  g_assert_cmpuint (d->len, ==, 0);
}

static void
test_exact_first (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) a = find (f, "8 912 345 67 89");
  g_autoptr(GPtrArray) b = find (f, "+79123456789");
  g_autoptr(GPtrArray) e = find (f, "IVAN.IVANOV@mail.ru");

  g_assert_cmpuint (a->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (a, 0), ==, f->ivanov);
  g_assert_cmpstr (g_ptr_array_index (b, 0), ==, f->ivanov);
  g_assert_cmpstr (g_ptr_array_index (e, 0), ==, f->ivanov);

  hits = crm_search_query (f->store, "8 912 345 67 89", CRM_SEARCH_ALL, 10, NULL);
  g_assert_true (g_array_index (hits, CrmSearchHit, 0).exact);
}

static void
test_email_and_company (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) a = find (f, "acme");
  g_autoptr(GPtrArray) b = find (f, "стройматериалы");
  g_autoptr(GPtrArray) c = find (f, "7707083893");

  g_assert_true (contains (a, f->smith));
  g_assert_true (contains (b, f->client));
  /* The contact's company is its client's name. */
  g_assert_true (contains (b, f->contact));
  g_assert_true (contains (c, f->client));
}

static void
test_updates_and_deletes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) c = crm_change_new_update ("leads", f->smith);

  crm_change_set_text (c, "full_name", "John Doe");
  g_assert_true (crm_store_apply (f->store, c, &error));
  {
    g_autoptr(GPtrArray) a = find (f, "smith");
    g_autoptr(GPtrArray) b = find (f, "doe");
    g_assert_false (contains (a, f->smith));
    g_assert_true (contains (b, f->smith));
  }

  g_assert_true (crm_store_delete (f->store, "leads", f->smith, &error));
  {
    g_autoptr(GPtrArray) b = find (f, "doe");
    g_assert_cmpuint (b->len, ==, 0);
  }
  g_assert_true (crm_store_restore (f->store, "leads", f->smith, &error));
  {
    g_autoptr(GPtrArray) b = find (f, "doe");
    g_assert_true (contains (b, f->smith));
  }

  /* A rebuilt index finds the same. */
  g_assert_true (crm_search_rebuild (f->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) a = find (f, "ёлкин");
    g_autoptr(GPtrArray) b = find (f, "4567");
    g_assert_true (contains (a, f->yolkin));
    g_assert_cmpuint (b->len, ==, 3);
  }
}

static void
test_junk_queries (Fixture       *f,
                   gconstpointer  data)
{
  const char *junk[] = { "", "   ", "\"", "*", "AND", "NOT OR", "(\"", "'; DROP TABLE leads; --", "^", "NEAR(" };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) hits = crm_search_query (f->store, junk[i], CRM_SEARCH_ALL, 10, &error);

      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }
}

static void
test_name_and_phone_digits (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) a = find (f, "Иванов 4567");
  g_autoptr(GPtrArray) b = find (f, "иванов 9999");
  g_autoptr(GPtrArray) c = find (f, "иван 345");

  /* The digits may be in his phone… */
  g_assert_true (contains (a, f->ivanov));
  g_assert_false (contains (a, f->yolkin));
  g_assert_cmpuint (b->len, ==, 0);
  g_assert_true (contains (c, f->ivanov));
}

static void
test_scope_and_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) leads = crm_search_query (f->store, "4567", CRM_SEARCH_LEADS, 50, &error);
  g_autoptr(GArray) one = crm_search_query (f->store, "4567", CRM_SEARCH_ALL, 1, &error);
  g_autoptr(GArray) rids = crm_search_query_rids (f->store, "4567", "contact", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (leads->len, >=, 2);
  for (guint i = 0; i < leads->len; i++)
    g_assert_cmpstr (g_array_index (leads, CrmSearchHit, i).entity_type, ==, "lead");
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpuint (rids->len, ==, 1);

  /* Newest first, each once, though "4567" matches text and phones. */
  for (guint i = 1; i < leads->len; i++)
    g_assert_cmpint (g_array_index (leads, CrmSearchHit, i - 1).rid, >,
                     g_array_index (leads, CrmSearchHit, i).rid);
}

static void
test_match_expressions (void)
{
  g_autofree char *a = crm_search_build_phone_match ("8 (912) 345-67-89");
  g_autofree char *b = crm_search_build_phone_match ("45-67");
  g_autofree char *c = crm_search_build_phone_match ("Иванов 4567");
  g_autofree char *d = crm_search_build_phone_match ("12");
  g_autofree char *e = crm_search_build_match ("Ёлкин  ООО-Ромашка");

  /* A whole number goes by its normalized form, not by its digits. */
  g_assert_null (a);
  g_assert_cmpstr (b, ==, "\"4567\"");
  g_assert_null (c);
  g_assert_null (d);
  g_assert_cmpstr (e, ==, "\"елкин\"* \"ооо\"* \"ромашка\"*");
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/search/cyrillic-case", test_cyrillic_case);
  ADD ("/core/search/yo-equals-e", test_yo);
  ADD ("/core/search/prefix", test_prefix);
  ADD ("/core/search/phone-substring", test_phone_substring);
  ADD ("/core/search/exact-first", test_exact_first);
  ADD ("/core/search/email-company-inn", test_email_and_company);
  ADD ("/core/search/updates-deletes-rebuild", test_updates_and_deletes);
  ADD ("/core/search/junk-queries", test_junk_queries);
  ADD ("/core/search/name-and-phone-digits", test_name_and_phone_digits);
  ADD ("/core/search/scope-and-limit", test_scope_and_limit);
#undef ADD
  g_test_add_func ("/core/search/match-expressions", test_match_expressions);

  return crm_test_run ();
}
