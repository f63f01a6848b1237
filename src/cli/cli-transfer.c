/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "voronka-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"

CrmRecord *cli_find_any (CrmStore *store, const char *id, GError **error);

const char *
cli_policy_label (CrmImportPolicy policy)
{
  switch (policy)
    {
    case CRM_IMPORT_MERGE:
      /* TRANSLATORS: the duplicate policy of an import */
      return _("merge");
    case CRM_IMPORT_CREATE:
      /* TRANSLATORS: the duplicate policy of an import */
      return _("create anyway");
    case CRM_IMPORT_SKIP:
    default:
      /* TRANSLATORS: the duplicate policy of an import */
      return _("skip");
    }
}

static gboolean
parse_delimiter (const char *text,
                 char       *out)
{
  if (text == NULL)
    return TRUE;
  if (strcmp (text, "tab") == 0 || strcmp (text, "\\t") == 0 || strcmp (text, "\t") == 0)
    *out = '\t';
  else if (strlen (text) == 1 && strchr (",;|", text[0]) != NULL)
    *out = text[0];
  else
    return FALSE;
  return TRUE;
}

static void
print_report_json (CrmImportReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  cli_json_text (b, "import_id", r->dry_run ? NULL : r->import_id);
  json_builder_set_member_name (b, "dry_run");
  json_builder_add_boolean_value (b, r->dry_run);
  cli_json_text (b, "encoding", r->encoding);
  if (r->delimiter != 0)
    {
      char d[2] = { r->delimiter, 0 };
      cli_json_text (b, "delimiter", d);
    }
  cli_json_text (b, "policy", crm_import_policy_to_string (r->policy));
  cli_json_int (b, "rows", r->rows_total);
  cli_json_int (b, "created", r->rows_created);
  cli_json_int (b, "merged", r->rows_merged);
  cli_json_int (b, "skipped", r->rows_skipped);
  cli_json_int (b, "failed", r->rows_failed);
  cli_json_int (b, "duplicates", r->duplicates);

  json_builder_set_member_name (b, "mapping");
  json_builder_begin_object (b);
  for (guint i = 0; r->headers != NULL && r->headers[i] != NULL; i++)
    cli_json_text (b, r->headers[i], r->mapping && *r->mapping[i] ? r->mapping[i] : NULL);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->problems->len; i++)
    {
      CrmImportProblem *p = g_ptr_array_index (r->problems, i);

      json_builder_begin_object (b);
      cli_json_int (b, "line", p->line);
      cli_json_text (b, "message", p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "duplicate_rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->duplicate_rows->len; i++)
    {
      CrmImportDuplicate *d = g_ptr_array_index (r->duplicate_rows, i);

      json_builder_begin_object (b);
      cli_json_int (b, "line", d->line);
      cli_json_text (b, "existing_type", d->existing_type);
      cli_json_text (b, "existing_id", d->existing_id);
      cli_json_text (b, "existing_name", d->existing_name);
      cli_json_text (b, "reason", d->detail);
      cli_json_text (b, "action", d->action);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  cli_print_json (b);
}

static const char *
action_label (const char *action)
{
  if (g_strcmp0 (action, "skipped") == 0)
    return _("skipped");
  if (g_strcmp0 (action, "merged") == 0)
    return _("merged");
  return _("created anyway");
}

static void
print_report (CrmImportReport *r)
{
  if (r->dry_run)
    g_print ("%s\n", _("Dry run: nothing was written."));
  if (r->encoding != NULL && r->delimiter != 0)
    g_print (_("Encoding %s, delimiter “%s”\n"), r->encoding,
             r->delimiter == '\t' ? "tab" : (char[]) { r->delimiter, 0 });

  if (r->headers != NULL)
    {
      g_print ("%s\n", _("Columns:"));
      for (guint i = 0; r->headers[i] != NULL; i++)
        g_print ("  %-24s → %s\n", r->headers[i],
                 r->mapping && *r->mapping[i] ? r->mapping[i] : _("(ignored)"));
    }

  g_print (_("Rows: %u\n"), r->rows_total);
  g_print (r->dry_run ? _("To create: %u\n") : _("Created: %u\n"), r->rows_created);
  g_print (_("Duplicates found: %u (policy: %s; merged %u, skipped %u)\n"),
           r->duplicates, cli_policy_label (r->policy),
           r->rows_merged, r->rows_skipped);
  g_print (_("Rows with errors: %u\n"), r->rows_failed);

  for (guint i = 0; i < r->duplicate_rows->len && i < 100; i++)
    {
      CrmImportDuplicate *d = g_ptr_array_index (r->duplicate_rows, i);

      g_print (_("  Line %u: duplicate of %s %s (%s): %s — %s\n"), d->line,
               cli_entity_label (d->existing_type), d->existing_id, d->existing_name ? d->existing_name : "",
               d->detail ? d->detail : "", action_label (d->action));
    }
  for (guint i = 0; i < r->problems->len; i++)
    {
      CrmImportProblem *p = g_ptr_array_index (r->problems, i);
      g_printerr ("  %s\n", p->message);
    }
}

int
cli_import (CliContext *ctx)
{
  static const char *const allowed[] = {
    "dry-run", "strict", "on-duplicate", "map", "entity", "channel", "delimiter", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) report = NULL;
  CrmImportOptions options;
  const char *format;
  const char *policy = cli_option (ctx, "on-duplicate");
  const char *entity = cli_option (ctx, "entity");
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 2)
    return cli_usage_error (ctx, _("import needs a format and a FILE"));

  crm_import_options_init (&options);
  format = g_ptr_array_index (ctx->positional, 0);
  if (strcmp (format, "csv") == 0)
    options.format = CRM_IMPORT_CSV;
  else if (strcmp (format, "vcard") == 0 || strcmp (format, "vcf") == 0)
    options.format = CRM_IMPORT_VCARD;
  else
    return cli_usage_error (ctx, _("unknown format “%s”: use csv or vcard"), format);

  if (policy != NULL && !crm_import_policy_from_string (policy, &options.policy))
    return cli_usage_error (ctx, _("--on-duplicate must be skip, merge or create"));
  if (entity != NULL)
    {
      if (strcmp (entity, "leads") != 0 && strcmp (entity, "contacts") != 0)
        return cli_usage_error (ctx, _("--entity must be leads or contacts"));
      options.table = entity;
    }
  if (!parse_delimiter (cli_option (ctx, "delimiter"), &options.delimiter))
    return cli_usage_error (ctx, _("--delimiter must be “,”, “;”, “|” or tab"));
  options.mapping = cli_option (ctx, "map");
  options.channel = cli_option (ctx, "channel");
  options.dry_run = cli_option (ctx, "dry-run") != NULL;
  options.strict = cli_option (ctx, "strict") != NULL;

  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);

  report = crm_import_file (store, g_ptr_array_index (ctx->positional, 1), &options,
                            NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      if (options.strict)
        {
          g_autofree char *message = g_strdup_printf (_("%s (strict mode: nothing was imported)"),
                                                      error->message);
          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
      return cli_error (ctx, error);
    }

  if (ctx->json)
    print_report_json (report);
  else
    print_report (report);
  return CLI_EXIT_OK;
}

int
cli_export (CliContext *ctx)
{
  static const char *const allowed[] = { "out", "entity", "delimiter", "bom", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  CrmExportOptions options;
  const char *format;
  const char *path = cli_option (ctx, "out");
  const char *entity = cli_option (ctx, "entity");
  CrmStore *store;
  guint n = 0;
  gboolean ok;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 1)
    return cli_usage_error (ctx, _("export needs a format"));
  format = g_ptr_array_index (ctx->positional, 0);
  if (strcmp (format, "ics") == 0)
    return cli_export_ics (ctx);
  if (strcmp (format, "csv") != 0 && strcmp (format, "vcard") != 0 && strcmp (format, "vcf") != 0)
    return cli_usage_error (ctx, _("unknown format “%s”: use csv or vcard"), format);

  crm_export_options_init (&options);
  if (entity != NULL)
    {
      if (strcmp (entity, "leads") != 0 && strcmp (entity, "contacts") != 0 &&
          strcmp (entity, "clients") != 0)
        return cli_usage_error (ctx, _("--entity must be leads, contacts or clients"));
      options.table = entity;
    }
  if (!parse_delimiter (cli_option (ctx, "delimiter"), &options.delimiter))
    return cli_usage_error (ctx, _("--delimiter must be “,”, “;”, “|” or tab"));
  options.bom = cli_option (ctx, "bom") != NULL;

  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);

  /* Written to a temporary file and renamed: a failed export never leaves
   * half a file under the asked name. */
  if (path != NULL)
    {
      file = g_file_new_for_commandline_arg (path);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             NULL, &error));
      if (out == NULL)
        return cli_error (ctx, error);
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  if (strcmp (format, "csv") == 0)
    ok = crm_export_csv (store, out, &options, &n, NULL, &error);
  else
    ok = crm_export_vcard (store, out, &options, &n, NULL, &error);

  if (!ok)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* Closing a cancelled replace stream discards the temporary file. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (out, cancel, NULL);
      return cli_error (ctx, error);
    }
  if (!g_output_stream_close (out, NULL, &error))
    return cli_error (ctx, error);

  if (path != NULL && !ctx->json)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u record to %s\n",
                             "Exported %u records to %s\n", n), n, path);
  return CLI_EXIT_OK;
}

int
cli_dedupe (CliContext *ctx)
{
  static const char *const allowed[] = { "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  CrmStore *store;
  guint limit;

  if (!cli_check_options (ctx, allowed) || !cli_option_uint (ctx, "limit", 100, &limit))
    return CLI_EXIT_USAGE;
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!(pairs = crm_dedupe_scan (store, limit, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "pairs");
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      CrmDuplicatePair *p = g_ptr_array_index (pairs, i);

      if (b != NULL)
        {
          json_builder_begin_object (b);
          cli_json_text (b, "a_type", p->a_type);
          cli_json_text (b, "a_id", p->a_id);
          cli_json_text (b, "a_name", p->a_name);
          cli_json_text (b, "b_type", p->b_type);
          cli_json_text (b, "b_id", p->b_id);
          cli_json_text (b, "b_name", p->b_name);
          cli_json_int (b, "score", p->score);
          cli_json_text (b, "reason", p->detail);
          json_builder_end_object (b);
        }
      else
        g_print ("%3u  %s %s (%s)  ↔  %s %s (%s)\n     %s\n", p->score,
                 cli_entity_label (p->a_type), p->a_id, p->a_name ? p->a_name : "",
                 cli_entity_label (p->b_type), p->b_id, p->b_name ? p->b_name : "",
                 p->detail ? p->detail : "");
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (pairs->len == 0)
    g_print ("%s\n", _("No duplicates found"));
  return CLI_EXIT_OK;
}

int
cli_merge (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) keep = NULL;
  g_autoptr(CrmRecord) other = NULL;
  g_autofree char *merge_id = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 2)
    return cli_usage_error (ctx, _("merge needs KEEP_ID and OTHER_ID"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);

  if (!(keep = cli_find_any (store, g_ptr_array_index (ctx->positional, 0), &error)) ||
      !(other = cli_find_any (store, g_ptr_array_index (ctx->positional, 1), &error)))
    return cli_error (ctx, error);

  if (g_strcmp0 (crm_record_get_table (keep), crm_record_get_table (other)) != 0)
    {
      g_set_error (&error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Only records of the same kind can be merged (%s and %s)"),
                   cli_entity_label (crm_table_entity (crm_record_get_table (keep))),
                   cli_entity_label (crm_table_entity (crm_record_get_table (other))));
      return cli_error (ctx, error);
    }

  if (!(merge_id = crm_merge (store, crm_record_get_table (keep), crm_record_get_id (keep),
                              crm_record_get_id (other), NULL, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_text (b, "merge_id", merge_id);
      cli_json_text (b, "kept", crm_record_get_id (keep));
      cli_json_text (b, "merged", crm_record_get_id (other));
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print (_("Merged %s into %s (merge %s)\n"), crm_record_get_id (other),
             crm_record_get_id (keep), merge_id);
  return CLI_EXIT_OK;
}
