/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "voronka-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cli-private.h"

static char *
first_child (CrmStore   *store,
             const char *tbl,
             const char *entity_id)
{
  g_autoptr(GPtrArray) rows = crm_store_list_children (store, tbl, entity_id, NULL);
  CrmRecord *r;

  if (rows == NULL || rows->len == 0)
    return NULL;
  r = g_ptr_array_index (rows, 0);
  if (strcmp (tbl, "phones") == 0 && crm_record_get_text (r, "e164") != NULL)
    return crm_phone_format (crm_record_get_text (r, "e164"));
  return g_strdup (crm_record_get_text (r, "raw"));
}

static char *
lookup (CrmStore   *store,
        const char *sql,
        const char *id)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (id == NULL || !(stmt = crm_store_stmt (store, sql, NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static const char *
record_name (CrmRecord *r)
{
  const char *name = crm_record_get_text (r, "full_name");

  if (name == NULL)
    name = crm_record_get_text (r, "name");
  if (name == NULL)
    name = crm_record_get_text (r, "company");
  return name != NULL ? name : "";
}

static void
add_record_json (CrmStore    *store,
                 JsonBuilder *b,
                 CrmRecord   *r,
                 gboolean     full)
{
  g_auto(GStrv) columns = crm_record_dup_columns (r);
  const char *id = crm_record_get_id (r);
  g_autoptr(GPtrArray) phones = crm_store_list_children (store, "phones", id, NULL);
  g_autoptr(GPtrArray) emails = crm_store_list_children (store, "emails", id, NULL);
  const char *entity = crm_table_entity (crm_record_get_table (r));

  json_builder_begin_object (b);
  cli_json_text (b, "type", entity);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *c = columns[i];

      if (strcmp (c, "rid") == 0 || g_str_has_suffix (c, "_key") ||
          (!full && (c[0] == '_' || strcmp (c, "extra") == 0)))
        continue;
      if (g_str_has_suffix (c, "_ms") || strcmp (c, "score") == 0 ||
          strcmp (c, "value") == 0 || strcmp (c, "_deleted") == 0 || strcmp (c, "_seq") == 0)
        {
          if (crm_record_has_value (r, c))
            cli_json_int (b, c, crm_record_get_int (r, c, 0));
          else
            cli_json_text (b, c, NULL);
        }
      else
        cli_json_text (b, c, crm_record_get_text (r, c));
    }

  json_builder_set_member_name (b, "phones");
  json_builder_begin_array (b);
  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      CrmRecord *p = g_ptr_array_index (phones, i);

      json_builder_begin_object (b);
      cli_json_text (b, "raw", crm_record_get_text (p, "raw"));
      cli_json_text (b, "e164", crm_record_get_text (p, "e164"));
      cli_json_text (b, "extension", crm_record_get_text (p, "extension"));
      cli_json_text (b, "label", crm_record_get_text (p, "label"));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "emails");
  json_builder_begin_array (b);
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      CrmRecord *e = g_ptr_array_index (emails, i);
      json_builder_add_string_value (b, crm_record_get_text (e, "raw"));
    }
  json_builder_end_array (b);

  if (full)
    {
      g_autoptr(GPtrArray) activities = crm_store_list_children (store, "activities", id, NULL);
      g_autoptr(GPtrArray) history = crm_store_list_children (store, "history", id, NULL);

      json_builder_set_member_name (b, "activities");
      json_builder_begin_array (b);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        {
          CrmRecord *a = g_ptr_array_index (activities, i);

          json_builder_begin_object (b);
          cli_json_text (b, "kind", crm_record_get_text (a, "kind"));
          cli_json_text (b, "outcome", crm_record_get_text (a, "outcome"));
          cli_json_text (b, "body", crm_record_get_text (a, "body"));
          cli_json_int (b, "at_ms", crm_record_get_int (a, "at_ms", 0));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint i = 0; history != NULL && i < history->len; i++)
        {
          CrmRecord *h = g_ptr_array_index (history, i);

          json_builder_begin_object (b);
          cli_json_text (b, "op", crm_record_get_text (h, "op"));
          cli_json_text (b, "field", crm_record_get_text (h, "field"));
          cli_json_text (b, "old", crm_record_get_text (h, "old_value"));
          cli_json_text (b, "new", crm_record_get_text (h, "new_value"));
          cli_json_text (b, "user_id", crm_record_get_text (h, "user_id"));
          cli_json_int (b, "at_ms", crm_record_get_int (h, "at_ms", 0));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

int
cli_init (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len > 0)
    return cli_usage_error (ctx, _("init takes no arguments"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_text (b, "path", crm_store_get_path (store));
      cli_json_text (b, "device_id", crm_store_get_device_id (store));
      cli_json_text (b, "user_id", crm_store_get_user_id (store));
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print (_("Workspace ready: %s\n"), crm_store_get_path (store));
  return CLI_EXIT_OK;
}

int
cli_add_lead (CliContext *ctx)
{
  static const char *const allowed[] = {
    "name", "phone", "email", "company", "channel", "note", "request", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *phones = cli_option_all (ctx, "phone");
  GPtrArray *emails = cli_option_all (ctx, "email");
  const char *name = cli_option (ctx, "name");
  const char *company = cli_option (ctx, "company");
  const char *channel = cli_option (ctx, "channel");
  g_autofree char *channel_id = NULL;
  CrmStore *store;
  CrmDedupeProbe probe = { 0 };

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len > 0)
    return cli_usage_error (ctx, _("unexpected argument “%s”"),
                            (const char *) g_ptr_array_index (ctx->positional, 0));
  if (name == NULL && phones == NULL && emails == NULL && company == NULL)
    return cli_usage_error (ctx, _("give at least --name, --phone, --email or --company"));

  /* Check every value before opening the file: a typo writes nothing. */
  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      g_autofree char *e164 = NULL;
      g_autofree char *ext = NULL;

      if (!crm_phone_normalize (g_ptr_array_index (phones, i), NULL, &e164, &ext, &error))
        return cli_error (ctx, error);
    }
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      g_autofree char *normalized = NULL;

      if (!crm_email_normalize (g_ptr_array_index (emails, i), &normalized, &error))
        return cli_error (ctx, error);
    }

  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);

  if (channel != NULL && !(channel_id = crm_workspace_find_channel (store, channel)))
    {
      g_set_error (&error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT,
                   _("Channel: there is no channel “%s”"), channel);
      return cli_error (ctx, error);
    }

  if (phones != NULL)
    g_ptr_array_add (phones, NULL);
  if (emails != NULL)
    g_ptr_array_add (emails, NULL);
  probe.entity_type = "lead";
  probe.full_name = name;
  probe.company = company;
  probe.phones = phones != NULL ? (const char *const *) phones->pdata : NULL;
  probe.emails = emails != NULL ? (const char *const *) emails->pdata : NULL;
  if (!(found = crm_dedupe_find (store, &probe, &error)))
    return cli_error (ctx, error);
  if (phones != NULL)
    g_ptr_array_remove_index (phones, phones->len - 1);
  if (emails != NULL)
    g_ptr_array_remove_index (emails, emails->len - 1);

  if (!crm_store_begin (store, &error))
    return cli_error (ctx, error);

  change = crm_change_new_create ("leads");
  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "company", company);
  crm_change_set_text (change, "note", cli_option (ctx, "note"));
  crm_change_set_text (change, "request", cli_option (ctx, "request"));
  crm_change_set_text (change, "channel_id", channel_id);
  if (!crm_store_apply (store, change, &error))
    goto fail;

  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      g_autoptr(CrmChange) p = crm_change_new_create ("phones");

      crm_change_set_text (p, "entity_type", "lead");
      crm_change_set_text (p, "entity_id", crm_change_get_id (change));
      crm_change_set_text (p, "raw", g_ptr_array_index (phones, i));
      crm_change_set_int (p, "position", i);
      if (!crm_store_apply (store, p, &error))
        goto fail;
    }
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      g_autoptr(CrmChange) e = crm_change_new_create ("emails");

      crm_change_set_text (e, "entity_type", "lead");
      crm_change_set_text (e, "entity_id", crm_change_get_id (change));
      crm_change_set_text (e, "raw", g_ptr_array_index (emails, i));
      crm_change_set_int (e, "position", i);
      if (!crm_store_apply (store, e, &error))
        goto fail;
    }
  if (!crm_store_commit (store, &error))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_text (b, "id", crm_change_get_id (change));
      json_builder_set_member_name (b, "duplicates");
      json_builder_begin_array (b);
      for (guint i = 0; i < found->len; i++)
        {
          CrmDuplicate *d = g_ptr_array_index (found, i);

          json_builder_begin_object (b);
          cli_json_text (b, "type", d->entity_type);
          cli_json_text (b, "id", d->id);
          cli_json_text (b, "name", d->display_name);
          cli_json_int (b, "score", d->score);
          cli_json_text (b, "reason", d->detail);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    {
      g_print ("%s\n", crm_change_get_id (change));
      for (guint i = 0; i < found->len; i++)
        {
          CrmDuplicate *d = g_ptr_array_index (found, i);
          g_printerr (_("Possible duplicate: %s %s (%s), score %u\n"),
                      cli_entity_label (d->entity_type), d->id, d->display_name ? d->display_name : "",
                      d->score);
          g_printerr ("  %s\n", d->detail);
        }
    }
  return CLI_EXIT_OK;

fail:
  crm_store_rollback (store);
  return cli_error (ctx, error);
}

static const char *
entity_table_option (CliContext *ctx)
{
  const char *entity = cli_option (ctx, "entity");

  if (entity == NULL)
    return "leads";
  if (strcmp (entity, "leads") == 0 || strcmp (entity, "contacts") == 0 ||
      strcmp (entity, "clients") == 0)
    return entity;
  return NULL;
}

static void
print_record_line (CrmStore  *store,
                   CrmRecord *r)
{
  const char *id = crm_record_get_id (r);
  g_autofree char *phone = first_child (store, "phones", id);
  g_autofree char *email = first_child (store, "emails", id);
  g_autofree char *stage = lookup (store, "SELECT name FROM stages WHERE id = ?1",
                                   crm_record_get_text (r, "stage_id"));
  g_autofree char *name = cli_pad (record_name (r), 28);
  g_autofree char *company = cli_pad (crm_record_get_text (r, "company"), 20);
  g_autofree char *phone_col = cli_pad (phone, 18);
  g_autofree char *email_col = cli_pad (email, 24);

  g_print ("%s  %s  %s  %s  %s  %s\n", id, name, company, phone_col, email_col,
           stage ? stage : "");
}

int
cli_list (CliContext *ctx)
{
  static const char *const allowed[] = { "limit", "entity", "sort", "stage", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmQuery) query = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *stage_id = NULL;
  const char *tbl = entity_table_option (ctx);
  const char *sort = cli_option (ctx, "sort");
  const char *stage = cli_option (ctx, "stage");
  CrmStore *store;
  gint64 total;
  guint limit;

  if (!cli_check_options (ctx, allowed) || !cli_option_uint (ctx, "limit", 50, &limit))
    return CLI_EXIT_USAGE;
  if (tbl == NULL)
    return cli_usage_error (ctx, _("--entity must be leads, contacts or clients"));
  if (stage != NULL && strcmp (tbl, "leads") != 0)
    return cli_usage_error (ctx, _("--stage lists leads only"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (stage != NULL && !(stage_id = crm_stage_find (store, NULL, stage, &error)))
    return cli_error (ctx, error);

  query = crm_query_new (tbl);
  if (stage_id != NULL)
    crm_query_add_equals (query, "stage_id", stage_id);
  if (sort != NULL)
    {
      gboolean desc = sort[0] == '-';

      if (!crm_query_set_sort (query, desc ? sort + 1 : sort, desc))
        return cli_usage_error (ctx, _("cannot sort by “%s”"), sort);
    }
  else if (stage_id != NULL)
    crm_query_set_sort (query, "stage_pos", FALSE);  /* the board's order */
  else
    crm_query_set_sort (query, "created_ms", TRUE);

  if ((total = crm_store_query_count (store, query, &error)) < 0 ||
      !(page = crm_store_query_page (store, query, NULL, limit, NULL, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_int (b, "total", total);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint i = 0; i < page->len; i++)
        add_record_json (store, b, g_ptr_array_index (page, i), FALSE);
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < page->len; i++)
    print_record_line (store, g_ptr_array_index (page, i));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %lld record\n",
                        "%u of %lld records\n", total),
           page->len, (long long) total);
  return CLI_EXIT_OK;
}

/* Finds an id (or an unambiguous prefix of one) among leads, contacts and
 * clients. */
static CrmRecord *
find_any (CrmStore    *store,
          const char  *id,
          GError     **error)
{
  static const char *const tables[] = { "leads", "contacts", "clients", NULL };

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *full = crm_store_resolve_id (store, tables[i], id, &local_error);

      if (full != NULL)
        return crm_store_get (store, tables[i], full, error);
      if (local_error != NULL && strstr (local_error->message, "ambiguous") != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("No record with id “%s”"), id);
  return NULL;
}

CrmRecord *cli_find_any (CrmStore *store, const char *id, GError **error);

CrmRecord *
cli_find_any (CrmStore    *store,
              const char  *id,
              GError     **error)
{
  return find_any (store, id, error);
}

int
cli_show (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) r = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_auto(GStrv) columns = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 1)
    return cli_usage_error (ctx, _("show needs one ID"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!(r = find_any (store, g_ptr_array_index (ctx->positional, 0), &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      add_record_json (store, b, r, TRUE);
      cli_print_json (b);
      return CLI_EXIT_OK;
    }

  columns = crm_record_dup_columns (r);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *c = columns[i];
      const char *v = crm_record_get_text (r, c);

      if (v == NULL || c[0] == '_' || strcmp (c, "rid") == 0 || g_str_has_suffix (c, "_key"))
        continue;
      if (g_str_has_suffix (c, "_ms"))
        {
          g_autofree char *when = crm_format_iso8601_ms (crm_record_get_int (r, c, 0));
          g_print ("%-18s %s\n", c, when);
        }
      else
        g_print ("%-18s %s\n", c, v);
    }

  phones = crm_store_list_children (store, "phones", crm_record_get_id (r), NULL);
  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      CrmRecord *p = g_ptr_array_index (phones, i);
      const char *e164 = crm_record_get_text (p, "e164");
      g_autofree char *pretty = e164 ? crm_phone_format (e164) : g_strdup (crm_record_get_text (p, "raw"));
      const char *ext = crm_record_get_text (p, "extension");

      if (ext != NULL)
        g_print ("%-18s %s, %s %s\n", "phone", pretty, _("ext."), ext);
      else
        g_print ("%-18s %s\n", "phone", pretty);
    }
  emails = crm_store_list_children (store, "emails", crm_record_get_id (r), NULL);
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    g_print ("%-18s %s\n", "email",
             crm_record_get_text (g_ptr_array_index (emails, i), "raw"));

  history = crm_store_list_children (store, "history", crm_record_get_id (r), NULL);
  if (history != NULL && history->len > 0)
    {
      g_print ("\n%s\n", _("History:"));
      for (guint i = 0; i < history->len; i++)
        {
          CrmRecord *h = g_ptr_array_index (history, i);
          g_autofree char *when = crm_format_iso8601_ms (crm_record_get_int (h, "at_ms", 0));
          const char *field = crm_record_get_text (h, "field");
          const char *old_value = crm_record_get_text (h, "old_value");
          const char *new_value = crm_record_get_text (h, "new_value");

          g_print ("  %s  %-7s %s%s%s%s%s\n", when, crm_record_get_text (h, "op"),
                   field ? field : "", field ? ": " : "",
                   old_value ? old_value : "", (old_value || new_value) ? " → " : "",
                   new_value ? new_value : "");
        }
    }
  return CLI_EXIT_OK;
}

int
cli_search (CliContext *ctx)
{
  static const char *const allowed[] = { "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  CrmStore *store;
  guint limit;

  if (!cli_check_options (ctx, allowed) || !cli_option_uint (ctx, "limit", 50, &limit))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len == 0)
    return cli_usage_error (ctx, _("search needs a QUERY"));
  for (guint i = 0; i < ctx->positional->len; i++)
    g_string_append_printf (query, "%s%s", i ? " " : "",
                            (const char *) g_ptr_array_index (ctx->positional, i));

  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!(hits = crm_search_query (store, query->str, CRM_SEARCH_ALL, limit, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < hits->len; i++)
    {
      CrmSearchHit *hit = &g_array_index (hits, CrmSearchHit, i);
      g_autoptr(CrmRecord) r = crm_store_get_by_rid (store, crm_entity_table (hit->entity_type),
                                                     hit->rid, NULL);
      g_autofree char *phone = NULL;

      if (r == NULL)
        continue;
      phone = first_child (store, "phones", crm_record_get_id (r));
      if (b != NULL)
        {
          json_builder_begin_object (b);
          cli_json_text (b, "type", hit->entity_type);
          cli_json_text (b, "id", crm_record_get_id (r));
          cli_json_text (b, "name", record_name (r));
          cli_json_text (b, "phone", phone);
          json_builder_set_member_name (b, "exact");
          json_builder_add_boolean_value (b, hit->exact);
          json_builder_end_object (b);
        }
      else
        g_print ("%-7s %s  %-28s  %s\n", hit->entity_type, crm_record_get_id (r),
                 record_name (r), phone ? phone : "");
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (hits->len == 0)
    g_printerr ("%s\n", _("Nothing found"));
  return CLI_EXIT_OK;
}

int
cli_validate (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *ext = NULL;
  const char *kind;
  const char *value;
  gboolean ok;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 2)
    return cli_usage_error (ctx, _("validate needs a kind and a VALUE"));
  kind = g_ptr_array_index (ctx->positional, 0);
  value = g_ptr_array_index (ctx->positional, 1);

  if (strcmp (kind, "phone") == 0)
    ok = crm_phone_normalize (value, NULL, &normalized, &ext, &error);
  else if (strcmp (kind, "email") == 0)
    ok = crm_email_normalize (value, &normalized, &error);
  else if (strcmp (kind, "inn") == 0)
    ok = crm_inn_validate (value, &error);
  else if (strcmp (kind, "kpp") == 0)
    ok = crm_kpp_validate (value, &error);
  else if (strcmp (kind, "ogrn") == 0)
    ok = crm_ogrn_any_validate (value, &error);
  else
    return cli_usage_error (ctx, _("unknown kind “%s”: use phone, email, inn, kpp or ogrn"), kind);

  if (!ok)
    {
      if (ctx->json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "valid");
          json_builder_add_boolean_value (b, FALSE);
          cli_json_text (b, "reason", error->message);
          json_builder_end_object (b);
          cli_print_json (b);
        }
      else
        g_printerr ("%s\n", error->message);
      return CLI_EXIT_ERROR;
    }

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, TRUE);
      cli_json_text (b, "normalized", normalized != NULL ? normalized : value);
      if (ext != NULL)
        cli_json_text (b, "extension", ext);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else if (normalized != NULL && ext != NULL)
    g_print ("%s %s %s\n", normalized, _("ext."), ext);
  else if (normalized != NULL)
    g_print ("%s\n", normalized);
  else
    g_print ("%s\n", _("valid"));
  return CLI_EXIT_OK;
}

int
cli_backup (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 1)
    return cli_usage_error (ctx, _("backup needs a FILE"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!crm_store_backup (store, g_ptr_array_index (ctx->positional, 0), &error))
    return cli_error (ctx, error);
  if (!ctx->json)
    g_print (_("Backup written to %s\n"), (const char *) g_ptr_array_index (ctx->positional, 0));
  return CLI_EXIT_OK;
}

int
cli_check (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (!crm_store_check (store, &problems, &error))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, problems[0] == NULL);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; problems[i] != NULL; i++)
        json_builder_add_string_value (b, problems[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    {
      for (guint i = 0; problems[i] != NULL; i++)
        g_printerr ("%s\n", problems[i]);
      if (problems[0] == NULL)
        g_print ("%s\n", _("The workspace file is sound"));
    }
  return problems[0] == NULL ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

static gint64
count (CrmStore   *store,
       const char *sql)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

int
cli_stats (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  CrmStore *store;
  sqlite3_stmt *stmt;
  GStatBuf st;
  gint64 leads, contacts, clients, tasks, overdue;

  if (!cli_check_options (ctx, NULL))
    return CLI_EXIT_USAGE;
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);

  leads = count (store, "SELECT count(*) FROM leads WHERE _deleted = 0 AND merged_into IS NULL");
  contacts = count (store, "SELECT count(*) FROM contacts WHERE _deleted = 0 AND merged_into IS NULL");
  clients = count (store, "SELECT count(*) FROM clients WHERE _deleted = 0 AND merged_into IS NULL");
  tasks = count (store, "SELECT count(*) FROM tasks WHERE _deleted = 0 AND done_ms IS NULL");
  stmt = crm_store_stmt (store, "SELECT count(*) FROM tasks WHERE _deleted = 0"
                         " AND done_ms IS NULL AND due_ms < ?1", NULL);
  sqlite3_bind_int64 (stmt, 1, crm_store_now_ms (store));
  overdue = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      cli_json_text (b, "path", crm_store_get_path (store));
      cli_json_int (b, "leads", leads);
      cli_json_int (b, "contacts", contacts);
      cli_json_int (b, "clients", clients);
      cli_json_int (b, "open_tasks", tasks);
      cli_json_int (b, "overdue_tasks", overdue);
      json_builder_set_member_name (b, "stages");
      json_builder_begin_array (b);
    }
  else
    {
      g_print (_("Workspace: %s\n"), crm_store_get_path (store));
      if (g_stat (crm_store_get_path (store), &st) == 0)
        {
          g_autofree char *size = g_format_size (st.st_size);
          g_print (_("File size: %s\n"), size);
        }
      /* %lld, not G_GINT64_FORMAT: xgettext cannot see through the macro. */
      g_print (_("Leads: %lld\n"), (long long) leads);
      g_print (_("Contacts: %lld\n"), (long long) contacts);
      g_print (_("Clients: %lld\n"), (long long) clients);
      g_print (_("Open tasks: %lld (overdue: %lld)\n"), (long long) tasks, (long long) overdue);
      g_print ("%s\n", _("Leads by stage:"));
    }

  stmt = crm_store_stmt (store,
                         "SELECT s.name, (SELECT count(*) FROM leads l WHERE l.stage_id = s.id"
                         " AND l._deleted = 0 AND l.merged_into IS NULL)"
                         " FROM stages s JOIN pipelines p ON p.id = s.pipeline_id"
                         " WHERE s._deleted = 0 AND p._deleted = 0"
                         " ORDER BY p.position, p.rid, s.position", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (b != NULL)
        {
          json_builder_begin_object (b);
          cli_json_text (b, "name", name);
          cli_json_int (b, "leads", n);
          json_builder_end_object (b);
        }
      else
        g_print ("  %-24s %" G_GINT64_FORMAT "\n", name, n);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (b != NULL)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  return CLI_EXIT_OK;
}
