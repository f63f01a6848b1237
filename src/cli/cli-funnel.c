/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "voronka-cli"

#include "config.h"

#include "cli-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* voronka-cli pipelines | stages [PIPELINE] | move LEAD_ID STAGE: the
 * funnel from a script, under the same rules as a drop on the board. */

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "won") == 0)
    return C_("stage kind", "won");
  if (g_strcmp0 (kind, "lost") == 0)
    return C_("stage kind", "lost");
  if (g_strcmp0 (kind, "nurture") == 0)
    return C_("stage kind", "nurture");
  return C_("stage kind", "open");
}

int
cli_pipelines (CliContext *ctx)
{
  static const char *const allowed[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 0)
    return cli_usage_error (ctx, _("pipelines takes no arguments"));
  if (!(store = cli_open (ctx, &error)) ||
      !(pipelines = crm_pipeline_list (store, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < pipelines->len; i++)
    {
      CrmRecord *p = g_ptr_array_index (pipelines, i);
      g_autoptr(GPtrArray) stages = crm_stage_list (store, crm_record_get_id (p), &error);
      gint64 leads = 0;

      if (stages == NULL)
        return cli_error (ctx, error);
      for (guint s = 0; s < stages->len; s++)
        {
          gint64 n = crm_stage_count_leads (store, crm_record_get_id (g_ptr_array_index (stages, s)),
                                            NULL, &error);
          if (n < 0)
            return cli_error (ctx, error);
          leads += n;
        }

      if (b != NULL)
        {
          json_builder_begin_object (b);
          cli_json_text (b, "id", crm_record_get_id (p));
          cli_json_text (b, "name", crm_record_get_text (p, "name"));
          json_builder_set_member_name (b, "default");
          json_builder_add_boolean_value (b, crm_record_get_int (p, "is_default", 0) != 0);
          cli_json_int (b, "stages", stages->len);
          cli_json_int (b, "leads", leads);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *n_stages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stage", "%u stages",
                                                                    stages->len), stages->len);
          g_autofree char *n_leads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld lead", "%lld leads",
                                                                   leads), (long long) leads);

          /* Translators: a pipeline: its id, name, "(default)", "7 stages", "120 leads". */
          g_print (_("%s  %s%s — %s, %s\n"),
                   crm_record_get_id (p), crm_record_get_text (p, "name"),
                   crm_record_get_int (p, "is_default", 0) ? _(" (default)") : "",
                   n_stages, n_leads);
        }
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      cli_print_json (b);
    }
  return CLI_EXIT_OK;
}

int
cli_stages (CliContext *ctx)
{
  static const char *const allowed[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *pipeline_id = NULL;
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len > 1)
    return cli_usage_error (ctx, _("stages takes at most one pipeline"));
  if (!(store = cli_open (ctx, &error)))
    return cli_error (ctx, error);
  if (ctx->positional->len == 1 &&
      !(pipeline_id = crm_pipeline_find (store, g_ptr_array_index (ctx->positional, 0), &error)))
    return cli_error (ctx, error);
  if (!(stages = crm_stage_list (store, pipeline_id, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < stages->len; i++)
    {
      CrmRecord *s = g_ptr_array_index (stages, i);
      gint64 value = 0;
      gint64 n = crm_stage_count_leads (store, crm_record_get_id (s), &value, &error);

      if (n < 0)
        return cli_error (ctx, error);
      if (b != NULL)
        {
          json_builder_begin_object (b);
          cli_json_text (b, "id", crm_record_get_id (s));
          cli_json_text (b, "name", crm_record_get_text (s, "name"));
          cli_json_text (b, "kind", crm_record_get_text (s, "kind"));
          cli_json_int (b, "position", crm_record_get_int (s, "position", i));
          cli_json_text (b, "color", crm_record_get_text (s, "color"));
          if (crm_record_has_value (s, "sla_minutes"))
            cli_json_int (b, "sla_minutes", crm_record_get_int (s, "sla_minutes", 0));
          if (crm_record_has_value (s, "rotting_days"))
            cli_json_int (b, "rotting_days", crm_record_get_int (s, "rotting_days", 0));
          json_builder_set_member_name (b, "required_fields");
          {
            g_autoptr(JsonNode) node = json_from_string (crm_record_get_text (s, "required_fields"), NULL);

            if (node != NULL)
              json_builder_add_value (b, g_steal_pointer (&node));
            else
              json_builder_add_null_value (b);
          }
          cli_json_int (b, "leads", n);
          cli_json_int (b, "value", value);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *currency = crm_store_get_setting (store, "currency");
          g_autofree char *money = crm_money_format (value, currency);
          g_autofree char *name = cli_pad (crm_record_get_text (s, "name"), 22);
          g_autofree char *kind = cli_pad (kind_label (crm_record_get_text (s, "kind")), 8);

          g_autofree char *n_leads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld lead", "%lld leads", n),
                                                      (long long) n);
          g_autofree char *leads_col = cli_pad (n_leads, 12);

          /* Translators: a stage: id, name, kind, "12 leads", their value ("12 000 ₽"). */
          g_print (_("%s  %s %s %s %s\n"),
                   crm_record_get_id (s), name, kind, leads_col, money);
        }
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      cli_print_json (b);
    }
  return CLI_EXIT_OK;
}

int
cli_move (CliContext *ctx)
{
  static const char *const allowed[] = { "reason", "comment", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) lead = NULL;
  g_autoptr(CrmRecord) stage = NULL;
  g_autofree char *lead_id = NULL;
  g_autofree char *stage_id = NULL;
  CrmMove move = { 0 };
  CrmStore *store;

  if (!cli_check_options (ctx, allowed))
    return CLI_EXIT_USAGE;
  if (ctx->positional->len != 2)
    return cli_usage_error (ctx, _("move takes a lead and a stage"));
  if (!(store = cli_open (ctx, &error)) ||
      !(lead_id = crm_store_resolve_id (store, "leads", g_ptr_array_index (ctx->positional, 0), &error)) ||
      !(lead = crm_store_get (store, "leads", lead_id, &error)) ||
      !(stage_id = crm_stage_find (store, crm_record_get_text (lead, "pipeline_id"),
                                   g_ptr_array_index (ctx->positional, 1), &error)))
    return cli_error (ctx, error);

  move.stage_id = stage_id;
  move.reason = cli_option (ctx, "reason");
  move.comment = cli_option (ctx, "comment");
  if (!crm_funnel_move (store, lead_id, &move, &error) ||
      !(stage = crm_store_get (store, "stages", stage_id, &error)))
    return cli_error (ctx, error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_json_text (b, "id", lead_id);
      cli_json_text (b, "stage_id", stage_id);
      cli_json_text (b, "stage", crm_record_get_text (stage, "name"));
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    g_print (_("Moved %s to “%s”\n"), crm_record_get_text (lead, "full_name") ?: lead_id,
             crm_record_get_text (stage, "name"));
  return CLI_EXIT_OK;
}
