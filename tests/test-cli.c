/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "crm-core.h"
#include "crm-test-util.h"

/* The voronka-cli interface is a contract: these run the real binary. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

static Result
cli (const char *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("VORONKA_CLI"));
  if (db != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_validate (void)
{
  struct {
    const char *kind;
    const char *value;
    int         status;
    const char *out;
  } cases[] = {
    { "phone", "8 (912) 345-67-89", 0, "+79123456789" },
    { "phone", "7-912-345-67-89", 0, "+79123456789" },
    { "phone", "12345", 1, NULL },
    { "email", "Ivan@Mail.RU", 0, "Ivan@mail.ru" },
    { "email", "ivan@", 1, NULL },
    { "inn", "7707083893", 0, NULL },
    { "inn", "7707083894", 1, NULL },
    { "kpp", "773601001", 0, NULL },
    { "ogrn", "1027700132195", 0, NULL },
    { "ogrn", "1027700132196", 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = cli (NULL, "validate", cases[i].kind, cases[i].value, NULL);

      g_test_message ("validate %s %s → %d %s %s", cases[i].kind, cases[i].value, r.status, r.out, r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      if (cases[i].out != NULL)
        g_assert_nonnull (strstr (r.out, cases[i].out));
      if (cases[i].status == 1)
        g_assert_cmpstr (r.err, !=, "");
      result_clear (&r);
    }

  /* Bad usage is exit 2. */
  {
    Result r = cli (NULL, "validate", "passport", "123", NULL);
    g_assert_cmpint (r.status, ==, 2);
    result_clear (&r);
    r = cli (NULL, "no-such-command", NULL);
    g_assert_cmpint (r.status, ==, 2);
    result_clear (&r);
    r = cli (NULL, "validate", NULL);
    g_assert_cmpint (r.status, ==, 2);
    result_clear (&r);
  }
}

static void
test_workflow (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *vcf = g_build_filename (dir, "out.vcf", NULL);
  g_autofree char *fixture = crm_test_data_path ("leads-utf8.csv");
  g_autofree char *lead_id = NULL;
  g_autofree char *dup_id = NULL;
  g_autoptr(JsonNode) node = NULL;
  Result r;

  r = cli (db, "init", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = cli (db, "--json", "add-lead", "--name", "Иванов Иван", "--phone", "8 912 345-67-89",
           "--email", "ivan@example.ru", "--company", "Ромашка", "--channel", "Сайт", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  lead_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_assert_true (crm_uuid_is_valid (lead_id));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "duplicates")), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  /* The same phone typed another way: added, with a duplicate warning. */
  r = cli (db, "--json", "add-lead", "--name", "Иван Иванов", "--phone", "+7 (912) 3456789", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  dup_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "duplicates")), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  /* A bad phone writes nothing and says why. */
  r = cli (db, "add-lead", "--name", "Пётр", "--phone", "call me", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Phone"));
  result_clear (&r);
  r = cli (db, "add-lead", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = cli (db, "--json", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "search", "4567", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, lead_id));
  result_clear (&r);

  r = cli (db, "--json", "show", lead_id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "company"), ==, "Ромашка");
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "show", "ffffffff-0000", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);

  r = cli (db, "--json", "dedupe", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "pairs")), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "merge", lead_id, dup_id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = cli (db, "--json", "list", NULL);
  node = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "--json", "import", "csv", fixture, "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "failed"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "created"), ==, 3);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "import", "csv", fixture, "--strict", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = cli (db, "import", "csv", fixture, "--on-duplicate", "sometimes", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = cli (db, "import", "csv", fixture, "--on-duplicate", "merge", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = cli (db, "export", "csv", "--out", csv, "--delimiter", ";", "--bom", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  result_clear (&r);
  r = cli (db, "export", "vcard", "--out", vcf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  {
    g_autofree char *cards = NULL;
    g_assert_true (g_file_get_contents (vcf, &cards, NULL, NULL));
    g_assert_nonnull (strstr (cards, "BEGIN:VCARD"));
    g_assert_nonnull (strstr (cards, "Иванов"));
  }

  r = cli (db, "backup", backup, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = cli (backup, "check", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = cli (db, "--json", "stats", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "leads"), ==, 4);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);
}

/* pipelines, stages, move and list --stage: the rules of a drop. */
static void
test_funnel (void)
{
  g_autofree char *dir = crm_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *lead_id = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  Result r;

  r = cli (db, "--json", "add-lead", "--name", "Иванов Иван", "--phone", "8 912 345-67-89", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  lead_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "--json", "pipelines", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "default"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "leads"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "--json", "stages", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 6), "kind"), ==, "lost");
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  /* A lost stage without a reason: refused, exit 1, a clear message. */
  r = cli (db, "move", lead_id, "Refused", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "why"));
  result_clear (&r);
  r = cli (db, "move", lead_id, "Won", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = cli (db, "move", lead_id, "No such stage", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = cli (db, "move", lead_id, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = cli (db, "--json", "move", lead_id, "in work", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "stage"), ==, "In work");
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "--json", "list", "--stage", "In work", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  result_clear (&r);

  r = cli (db, "move", lead_id, "Refused", "--reason", "Дорого", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = cli (db, "--json", "list", "--stage", "Refused", NULL);
  node = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total"), ==, 1);
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/workflow", test_workflow);
  g_test_add_func ("/cli/funnel", test_funnel);
  return crm_test_run ();
}
