/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "voronka-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli-private.h"

/* voronka-cli: scripting, import/export and maintenance on a workspace
 * file. The interface is a contract (scripts and later issues rely on it):
 * exit 0 ok, 1 a user error with a clear message, 2 bad usage. */

static const struct {
  const char *name;
  int       (*func) (CliContext *ctx);
  const char *args;
  const char *help;
} commands[] = {
  { "init", cli_init, "", N_("Create the workspace, or check that it opens") },
  { "add-lead", cli_add_lead, "--name N --phone P --email E --company C --channel CH --note T",
    N_("Add a lead; warns about possible duplicates") },
  { "list", cli_list, "[--limit N] [--entity leads|contacts|clients] [--sort [-]COLUMN] [--stage STAGE]",
    N_("List records, newest first") },
  { "show", cli_show, "ID", N_("Show a record with its phones, e-mails and history") },
  { "search", cli_search, "QUERY [--limit N]", N_("Search by name, company, phone digits, e-mail or text") },
  { "import", cli_import, "csv|vcard FILE [--dry-run] [--strict] [--on-duplicate skip|merge|create] "
    "[--map SPEC] [--entity leads|contacts] [--channel NAME] [--delimiter D]",
    N_("Import leads or contacts from a file") },
  { "export", cli_export, "csv|vcard|ics [--out FILE] [--entity leads|contacts|clients] [--delimiter D] [--bom]",
    N_("Export leads, contacts or clients") },
  { "dedupe", cli_dedupe, "[--limit N]", N_("List likely duplicate pairs") },
  { "merge", cli_merge, "KEEP_ID OTHER_ID", N_("Merge a duplicate into the record to keep") },
  { "validate", cli_validate, "phone|email|inn|kpp|ogrn VALUE", N_("Check a value; prints the normalized form") },
  { "backup", cli_backup, "FILE", N_("Write an online backup of the workspace") },
  { "check", cli_check, "", N_("Check the file's integrity") },
  { "stats", cli_stats, "", N_("Counts of leads, contacts, clients and tasks") },
  { "pipelines", cli_pipelines, "", N_("List the pipelines") },
  { "stages", cli_stages, "[PIPELINE]", N_("List a pipeline's stages with their leads and value") },
  { "move", cli_move, "LEAD_ID STAGE [--reason TEXT] [--comment TEXT]",
    N_("Move a lead to a stage (a lost stage needs a reason)") },
  { "tasks", cli_tasks, "[--overdue|--today|--upcoming|--done] [--limit N]",
    N_("List open tasks: overdue, today and upcoming") },
  { "task-add", cli_task_add, "ENTITY_ID --kind call|email|meeting|message|todo --due TIME --title T "
    "(or --title \"T tomorrow 10:00\") "
    "[--note T] [--remind MIN]", N_("Add a task to a lead, contact or client") },
  { "task-done", cli_task_done, "ID [--undo]", N_("Complete a task (or reopen it)") },
  { "task-snooze", cli_task_snooze, "ID MINUTES", N_("Put a task off: remind again in MINUTES") },
  { "log-call", cli_log_call, "LEAD_ID --outcome answered|no-answer|busy|wrong-number "
    "[--duration S] [--note T]", N_("Log a call; no answer starts the “No answer” cadence") },
  { "cadences", cli_cadences, "", N_("List the processing regulations (cadences)") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: voronka-cli [--db PATH] [--json] [--now ISO8601] COMMAND [ARGS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      fprintf (out, "  %-9s %s\n", commands[i].name, _(commands[i].help));
      if (*commands[i].args != '\0')
        fprintf (out, "  %-9s   %s\n", "", commands[i].args);
    }
  fprintf (out, "\n%s\n", _("Exit status: 0 success, 1 error, 2 bad usage."));
}

int
cli_usage_error (CliContext *ctx,
                 const char *format,
                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("voronka-cli: %s\n", message);
  if (ctx != NULL && ctx->command != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (commands[i].name, ctx->command) == 0)
          g_printerr (_("Usage: voronka-cli %s %s\n"), ctx->command, commands[i].args);
    }
  return CLI_EXIT_USAGE;
}

/* @text padded with spaces to @width characters (not bytes: a Cyrillic
 * letter is two bytes and one column), cut with "…" when longer. */
char *
cli_pad (const char *text,
         guint       width)
{
  glong len = g_utf8_strlen (text != NULL ? text : "", -1);
  GString *out;

  if (text == NULL)
    text = "";
  if ((guint) len > width && width > 0)
    {
      out = g_string_new_len (text, g_utf8_offset_to_pointer (text, width - 1) - text);
      g_string_append (out, "…");
      return g_string_free (out, FALSE);
    }
  out = g_string_new (text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

int
cli_error (CliContext   *ctx,
           const GError *error)
{
  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  g_printerr ("voronka-cli: %s\n", error->message);
  return CLI_EXIT_ERROR;
}

/* Options may come anywhere after the command: "--name X", "--name=X",
 * boolean "--dry-run". Everything else is positional. */
static gboolean
parse_args (CliContext  *ctx,
            int          argc,
            char       **argv,
            int          first)
{
  static const char *const flags[] = {
    "--dry-run", "--strict", "--bom", "--json",
    "--overdue", "--today", "--upcoming", "--done", "--undo", NULL
  };

  ctx->options = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  ctx->multi = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  ctx->positional = g_ptr_array_new ();

  for (int i = first; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (ctx->positional, argv[i]);
          break;
        }
      if (g_str_has_prefix (arg, "--") && arg[2] != '\0')
        {
          const char *eq = strchr (arg, '=');
          char *name;
          char *value;
          GPtrArray *list;

          if (g_strv_contains (flags, arg))
            {
              if (strcmp (arg, "--json") == 0)
                ctx->json = TRUE;
              else
                g_hash_table_insert (ctx->options, (char *) arg + 2, (char *) "1");
              continue;
            }
          if (eq != NULL)
            {
              name = g_strndup (arg + 2, eq - arg - 2);
              value = (char *) eq + 1;
            }
          else
            {
              if (i + 1 >= argc)
                {
                  cli_usage_error (ctx, _("option %s needs a value"), arg);
                  return FALSE;
                }
              name = g_strdup (arg + 2);
              value = argv[++i];
            }
          g_ptr_array_add (ctx->strings, name);
          g_hash_table_insert (ctx->options, name, value);
          list = g_hash_table_lookup (ctx->multi, name);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (ctx->multi, name, list);
            }
          g_ptr_array_add (list, value);
          continue;
        }
      g_ptr_array_add (ctx->positional, (char *) arg);
    }
  return TRUE;
}

gboolean
cli_check_options (CliContext        *ctx,
                   const char *const *allowed)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ctx->options);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (allowed == NULL || !g_strv_contains (allowed, key))
        {
          cli_usage_error (ctx, _("unknown option --%s"), (const char *) key);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
cli_option (CliContext *ctx,
            const char *name)
{
  return g_hash_table_lookup (ctx->options, name);
}

GPtrArray *
cli_option_all (CliContext *ctx,
                const char *name)
{
  return g_hash_table_lookup (ctx->multi, name);
}

gboolean
cli_option_uint (CliContext *ctx,
                 const char *name,
                 guint       fallback,
                 guint      *out)
{
  const char *text = cli_option (ctx, name);
  guint64 value;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      cli_usage_error (ctx, _("--%s needs a number, not “%s”"), name, text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

CrmStore *
cli_open (CliContext  *ctx,
          GError     **error)
{
  g_autoptr(CrmClock) clock = NULL;
  const char *fixed = g_getenv ("VORONKA_FIXED_TIME_MS");

  if (ctx->store != NULL)
    return ctx->store;

  /* --now evaluates the command at that moment; tests also pin the time
   * with the environment. */
  if (ctx->now_ms > 0)
    clock = crm_clock_new_fixed (ctx->now_ms);
  else if (fixed != NULL)
    clock = crm_clock_new_fixed (g_ascii_strtoll (fixed, NULL, 10));

  ctx->store = crm_store_open (ctx->db_path, clock, error);
  return ctx->store;
}

void
cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* The kind of a record, for people ("lead"), in their language. */
const char *
cli_entity_label (const char *entity_type)
{
  if (g_strcmp0 (entity_type, "lead") == 0)
    return _("lead");
  if (g_strcmp0 (entity_type, "contact") == 0)
    return _("contact");
  if (g_strcmp0 (entity_type, "client") == 0)
    return _("client");
  return entity_type != NULL ? entity_type : "";
}

void
cli_json_text (JsonBuilder *builder,
               const char  *name,
               const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cli_json_int (JsonBuilder *builder,
              const char  *name,
              gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

int
main (int    argc,
      char **argv)
{
  CliContext ctx = { 0 };
  int first = 1;
  int status = CLI_EXIT_USAGE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ctx.strings = g_ptr_array_new_with_free_func (g_free);

  /* Global options come before the command. */
  for (; first < argc; first++)
    {
      const char *arg = argv[first];

      if (strcmp (arg, "--json") == 0)
        ctx.json = TRUE;
      else if (strcmp (arg, "--db") == 0 && first + 1 < argc)
        ctx.db_path = g_strdup (argv[++first]);
      else if (g_str_has_prefix (arg, "--db="))
        ctx.db_path = g_strdup (arg + 5);
      else if (strcmp (arg, "--now") == 0 || g_str_has_prefix (arg, "--now="))
        {
          const char *value = arg[5] == '=' ? arg + 6 : (first + 1 < argc ? argv[++first] : NULL);

          if (value == NULL || !crm_parse_iso8601_ms (value, &ctx.now_ms) || ctx.now_ms <= 0)
            {
              status = cli_usage_error (NULL, _("--now needs an ISO 8601 time like 2026-12-01T10:00:00+03:00"));
              goto out;
            }
        }
      else if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_usage (stdout);
          status = CLI_EXIT_OK;
          goto out;
        }
      else if (strcmp (arg, "--version") == 0)
        {
          g_print ("voronka-cli %s\n", PACKAGE_VERSION);
          status = CLI_EXIT_OK;
          goto out;
        }
      else if (arg[0] == '-')
        {
          status = cli_usage_error (NULL, _("unknown option %s"), arg);
          print_usage (stderr);
          goto out;
        }
      else
        break;
    }

  if (first >= argc)
    {
      print_usage (stderr);
      goto out;
    }

  if (ctx.db_path == NULL)
    ctx.db_path = crm_db_default_path ();

  ctx.command = argv[first];
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, ctx.command) == 0)
        {
          if (parse_args (&ctx, argc, argv, first + 1))
            status = commands[i].func (&ctx);
          goto out;
        }
    }
  status = cli_usage_error (NULL, _("unknown command “%s”"), ctx.command);
  print_usage (stderr);

out:
  g_clear_object (&ctx.store);
  g_clear_pointer (&ctx.options, g_hash_table_unref);
  g_clear_pointer (&ctx.multi, g_hash_table_unref);
  g_clear_pointer (&ctx.positional, g_ptr_array_unref);
  g_clear_pointer (&ctx.strings, g_ptr_array_unref);
  g_free (ctx.db_path);
  return status;
}
