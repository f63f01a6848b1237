/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-core.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_tmpdir ();
  path = g_build_filename (f->dir, "import.db", NULL);
  f->store = crm_store_open (path, crm_clock_new_fixed (1772323200000), &error);
  g_assert_no_error (error);
  /* crm_store_open took its own reference to the clock. */
  g_object_unref (crm_store_get_clock (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static CrmImportReport *
import (CrmStore        *store,
        const char      *name,
        CrmImportFormat  format,
        CrmImportPolicy  policy,
        gboolean         dry_run,
        gboolean         strict,
        GError         **error)
{
  g_autofree char *path = crm_test_data_path (name);
  CrmImportOptions options;

  crm_import_options_init (&options);
  options.format = format;
  options.policy = policy;
  options.dry_run = dry_run;
  options.strict = strict;
  return crm_import_file (store, path, &options, NULL, NULL, NULL, error);
}

static gboolean
has_problem (CrmImportReport *r,
             guint            line,
             const char      *word)
{
  for (guint i = 0; i < r->problems->len; i++)
    {
      CrmImportProblem *p = g_ptr_array_index (r->problems, i);

      if (p->line == line && strstr (p->message, word) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
check_report (CrmImportReport *r)
{
  g_assert_cmpuint (r->rows_total, ==, 8);
  g_assert_cmpuint (r->rows_created, ==, 4);
  g_assert_cmpuint (r->rows_skipped, ==, 1);
  g_assert_cmpuint (r->duplicates, ==, 1);
  g_assert_cmpuint (r->rows_failed, ==, 3);
  g_assert_true (has_problem (r, 6, "Phone"));
  g_assert_true (has_problem (r, 9, "E-mail"));
  g_assert_true (has_problem (r, 10, "10"));
  {
    CrmImportDuplicate *d = g_ptr_array_index (r->duplicate_rows, 0);

    g_assert_cmpuint (d->line, ==, 8);
    g_assert_cmpstr (d->existing_name, ==, "Иванов Иван Иванович");
    g_assert_cmpstr (d->action, ==, "skipped");
  }
}

static void
check_data (CrmStore *store)
{
  g_autofree char *note = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *value = NULL;
  g_autofree char *created = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *import_id = NULL;

  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM leads", NULL), ==, 4);
  note = crm_test_query_text (store, "SELECT note FROM leads WHERE last_name = 'Ёлкин'", NULL);
  g_assert_cmpstr (note, ==, "Многострочный\nкомментарий с \"кавычками\"");
  phones = crm_test_query_text (store, "SELECT group_concat(e164 || coalesce('#' || extension, ''), ' ') FROM"
                        " (SELECT p.e164, p.extension FROM phones p JOIN leads l ON l.id = p.entity_id"
                        "  WHERE l.full_name = 'Петрова Анна Сергеевна' ORDER BY p.position)", NULL);
  g_assert_cmpstr (phones, ==, "+79161112233 +74957654321#12");
  value = crm_test_query_text (store, "SELECT value FROM leads WHERE last_name = 'Иванов'", NULL);
  g_assert_cmpstr (value, ==, "15000000");
  created = crm_test_query_text (store, "SELECT created_ms FROM leads WHERE last_name = 'Иванов'", NULL);
  g_assert_cmpstr (created, ==, "1772323200000");
  channel = crm_test_query_text (store, "SELECT c.kind FROM leads l JOIN channels c ON c.id = l.channel_id"
                         " WHERE l.last_name = 'Иванов'", NULL);
  g_assert_cmpstr (channel, ==, "website");

  /* One import row, one history row and one outbox entry for the batch. */
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM imports", NULL), ==, 1);
  import_id = crm_test_query_text (store, "SELECT id FROM imports", NULL);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM outbox WHERE op = 'import'", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(DISTINCT import_id) FROM leads", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM history WHERE op = 'import'", NULL), ==, 1);
}

static void
test_cp1251 (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) dry = NULL;
  g_autoptr(CrmImportReport) real = NULL;

  dry = import (f->store, "leads-cp1251.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, TRUE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dry->encoding, ==, "WINDOWS-1251");
  g_assert_cmpint (dry->delimiter, ==, ';');
  g_assert_cmpstr (dry->mapping[0], ==, "fio");
  g_assert_cmpstr (dry->mapping[1], ==, "phone");
  check_report (dry);
  /* A dry run writes nothing. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM imports", NULL), ==, 0);

  real = import (f->store, "leads-cp1251.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  check_report (real);
  check_data (f->store);
}

static void
test_utf8_bom_comma (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) r = NULL;
  g_autofree char *src = crm_test_data_path ("leads-utf8.csv");
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (f->dir, "bom.csv", NULL);
  g_autoptr(GString) converted = g_string_new ("\xef\xbb\xbf");
  CrmImportOptions options;
  gboolean quoted = FALSE;

  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  /* ; → , outside quotes; fields with a comma get quoted. */
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cells = NULL;

        if (*lines[i] == '\0')
          continue;
        if (quoted || strchr (lines[i], '"') != NULL)
          {
            /* The few lines with quotes are copied with only the separator changed. */
            for (const char *p = lines[i]; *p; p++)
              {
                if (*p == '"')
                  quoted = !quoted;
                g_string_append_c (converted, (*p == ';' && !quoted) ? ',' : *p);
              }
            g_string_append_c (converted, '\n');
            continue;
          }
        cells = g_strsplit (lines[i], ";", -1);
        for (guint j = 0; cells[j] != NULL; j++)
          {
            if (j > 0)
              g_string_append_c (converted, ',');
            if (strchr (cells[j], ',') != NULL)
              g_string_append_printf (converted, "\"%s\"", cells[j]);
            else
              g_string_append (converted, cells[j]);
          }
        g_string_append_c (converted, '\n');
      }
  }
  g_assert_true (g_file_set_contents (path, converted->str, converted->len, NULL));

  crm_import_options_init (&options);
  r = crm_import_file (f->store, path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->encoding, ==, "UTF-8-BOM");
  g_assert_cmpint (r->delimiter, ==, ',');
  check_report (r);
  check_data (f->store);
}

static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) r = NULL;

  r = import (f->store, "leads-cp1251.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, TRUE, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "6"));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM phones", NULL), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM outbox WHERE tbl = 'leads'", NULL), ==, 0);
}

static void
test_policies (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) first = NULL;
  g_autoptr(CrmImportReport) skip = NULL;
  g_autoptr(CrmImportReport) merge = NULL;
  g_autoptr(CrmImportReport) create = NULL;

  first = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->rows_created, ==, 4);

  skip = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skip->rows_created, ==, 0);
  g_assert_cmpuint (skip->rows_skipped, ==, 5);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, 4);

  merge = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_MERGE, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merge->rows_merged, ==, 5);
  g_assert_cmpuint (merge->rows_created, ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, 4);
  /* Nothing doubled by the merge. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM phones", NULL), ==, 5);

  create = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_CREATE, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (create->rows_created, ==, 5);
  g_assert_cmpuint (create->duplicates, ==, 5);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, 9);
}

static void
test_search_after (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) r = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  r = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  a = crm_search_query (f->store, "елкин", CRM_SEARCH_ALL, 10, &error);
  g_assert_cmpuint (a->len, ==, 1);
  /* Иванов's +7 912 345-67-89 and Ёлкин's 8 903 123-45-67. */
  b = crm_search_query (f->store, "4567", CRM_SEARCH_ALL, 10, &error);
  g_assert_cmpuint (b->len, ==, 2);
}

/* What the importer feeds the index itself is exactly what a rebuild
 * from the rows gives. */
static void
test_search_feed_matches_rebuild (Fixture       *f,
                                  gconstpointer  data)
{
  static const char *const dump_sql[] = {
    "SELECT group_concat(r || '|' || coalesce(name, '') || '|' || coalesce(company, '') || '|' ||"
    " coalesce(emails, '') || '|' || coalesce(body, ''), char(10))"
    " FROM (SELECT rowid AS r, * FROM search ORDER BY rowid)",
    "SELECT group_concat(r || '|' || digits, char(10))"
    " FROM (SELECT rowid AS r, * FROM search_phones ORDER BY rowid)",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) a = NULL;
  g_autoptr(CrmImportReport) b = NULL;

  a = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  b = import (f->store, "leads-cp1251.csv", CRM_IMPORT_CSV, CRM_IMPORT_MERGE, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->rows_created, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (dump_sql); i++)
    {
      g_autofree char *fed = crm_test_query_text (f->store, dump_sql[i], NULL);
      g_autofree char *rebuilt = NULL;

      g_assert_true (crm_search_rebuild (f->store, &error));
      g_assert_no_error (error);
      rebuilt = crm_test_query_text (f->store, dump_sql[i], NULL);
      g_assert_nonnull (fed);
      g_assert_cmpstr (fed, ==, rebuilt);
    }
}

static void
test_vcard (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) r = NULL;
  g_autofree char *names = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *company = NULL;

  r = import (f->store, "contacts-mixed.vcf", CRM_IMPORT_VCARD, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_created, ==, 2);
  names = crm_test_query_text (f->store, "SELECT group_concat(full_name, '|') FROM (SELECT full_name FROM leads ORDER BY rid)", NULL);
  g_assert_cmpstr (names, ==, "Григорий Григорьев|Лебедева Ольга Николаевна");
  phones = crm_test_query_text (f->store, "SELECT group_concat(e164 || ':' || coalesce(label, ''), ' ') FROM"
                           " (SELECT e164, label FROM phones ORDER BY rid)", NULL);
  g_assert_cmpstr (phones, ==, "+79215554433:mobile +78123002010:work +78123002011:work");
  company = crm_test_query_text (f->store, "SELECT company FROM leads WHERE last_name = 'Лебедева'", NULL);
  g_assert_nonnull (strstr (company, "Север"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *path = crm_test_data_path ("leads-utf8.csv");
  g_autoptr(CrmImportReport) r = NULL;
  CrmImportOptions options;

  crm_import_options_init (&options);
  g_cancellable_cancel (cancel);
  r = crm_import_file (f->store, path, &options, cancel, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM leads", NULL), ==, 0);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) r = NULL;
  g_autofree char *path = crm_test_data_path ("leads-utf8.csv");
  CrmImportOptions options;

  crm_import_options_init (&options);
  options.table = "contacts";
  r = crm_import_file (f->store, path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_created, ==, 4);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM contacts WHERE client_id IS NOT NULL", NULL), ==, 4);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count(*) FROM clients", NULL), ==, 4);
}

static CrmStore *
fresh_store (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  CrmStore *store = crm_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

static char *
summary (CrmStore *store)
{
  return crm_test_query_text (store,
               "SELECT group_concat(x, '|') FROM (SELECT l.full_name || '/' ||"
               " coalesce((SELECT group_concat(e164, ',') FROM (SELECT e164 FROM phones p"
               "   WHERE p.entity_id = l.id ORDER BY position)), '') || '/' ||"
               " coalesce((SELECT group_concat(normalized, ',') FROM emails e WHERE e.entity_id = l.id), '')"
               " AS x FROM leads l ORDER BY l.full_name)", NULL);
}

static void
test_export_roundtrip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) r = NULL;
  g_autofree char *original = NULL;
  const struct { gboolean vcard; char delimiter; gboolean bom; } cases[] = {
    { FALSE, ';', TRUE },
    { FALSE, ',', FALSE },
    { TRUE, 0, FALSE },
  };

  r = import (f->store, "leads-utf8.csv", CRM_IMPORT_CSV, CRM_IMPORT_SKIP, FALSE, FALSE, &error);
  g_assert_no_error (error);
  original = summary (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("export-%u.db", i);
      g_autofree char *file = g_strdup_printf ("%s/export-%u.out", f->dir, i);
      g_autoptr(GFile) gfile = g_file_new_for_path (file);
      g_autoptr(GFileOutputStream) out = g_file_replace (gfile, NULL, FALSE, 0, NULL, &error);
      g_autoptr(CrmStore) copy = fresh_store (f, name);
      g_autoptr(CrmImportReport) back = NULL;
      g_autofree char *again = NULL;
      CrmExportOptions options;
      CrmImportOptions import_options;
      guint n = 0;

      g_assert_no_error (error);
      crm_export_options_init (&options);
      options.delimiter = cases[i].delimiter;
      options.bom = cases[i].bom;
      if (cases[i].vcard)
        g_assert_true (crm_export_vcard (f->store, G_OUTPUT_STREAM (out), &options, &n, NULL, &error));
      else
        g_assert_true (crm_export_csv (f->store, G_OUTPUT_STREAM (out), &options, &n, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 4);
      g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));

      crm_import_options_init (&import_options);
      import_options.format = cases[i].vcard ? CRM_IMPORT_VCARD : CRM_IMPORT_CSV;
      back = crm_import_file (copy, file, &import_options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (back->rows_created, ==, 4);
      g_assert_cmpuint (back->rows_failed, ==, 0);
      again = summary (copy);
      g_assert_cmpstr (again, ==, original);
    }
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/import/csv-cp1251-dry-run-then-real", test_cp1251);
  ADD ("/core/import/csv-utf8-bom-comma", test_utf8_bom_comma);
  ADD ("/core/import/strict-writes-nothing", test_strict);
  ADD ("/core/import/duplicate-policies", test_policies);
  ADD ("/core/import/search-after-import", test_search_after);
  ADD ("/core/import/search-feed-matches-rebuild", test_search_feed_matches_rebuild);
  ADD ("/core/import/vcard", test_vcard);
  ADD ("/core/import/cancel-writes-nothing", test_cancel);
  ADD ("/core/import/contacts-with-clients", test_contacts);
  ADD ("/core/export/roundtrip", test_export_roundtrip);
#undef ADD

  return crm_test_run ();
}
