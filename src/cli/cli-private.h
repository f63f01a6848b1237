/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "crm-core.h"

G_BEGIN_DECLS

enum {
  CLI_EXIT_OK = 0,
  CLI_EXIT_ERROR = 1,
  CLI_EXIT_USAGE = 2,
};

typedef struct
{
  char        *db_path;
  gboolean     json;
  const char  *command;
  GHashTable  *options;    /* name → last value */
  GHashTable  *multi;      /* name → GPtrArray of every value */
  GPtrArray   *positional;
  GPtrArray   *strings;
  CrmStore    *store;
  gint64       now_ms;     /* --now, 0 for the real clock */
} CliContext;

int         cli_usage_error   (CliContext        *ctx,
                               const char        *format,
                               ...) G_GNUC_PRINTF (2, 3);
int         cli_error         (CliContext        *ctx,
                               const GError      *error);
gboolean    cli_check_options (CliContext        *ctx,
                               const char *const *allowed);
const char *cli_option        (CliContext        *ctx,
                               const char        *name);
GPtrArray  *cli_option_all    (CliContext        *ctx,
                               const char        *name);
gboolean    cli_option_uint   (CliContext        *ctx,
                               const char        *name,
                               guint              fallback,
                               guint             *out);
CrmStore   *cli_open          (CliContext        *ctx,
                               GError           **error);
void        cli_print_json    (JsonBuilder       *builder);
char       *cli_pad           (const char        *text,
                               guint              width);
const char *cli_entity_label  (const char        *entity_type);
const char *cli_policy_label  (CrmImportPolicy    policy);
void        cli_json_text     (JsonBuilder       *builder,
                               const char        *name,
                               const char        *value);
void        cli_json_int      (JsonBuilder       *builder,
                               const char        *name,
                               gint64             value);

int cli_init      (CliContext *ctx);
int cli_add_lead  (CliContext *ctx);
int cli_list      (CliContext *ctx);
int cli_show      (CliContext *ctx);
int cli_search    (CliContext *ctx);
int cli_import    (CliContext *ctx);
int cli_export    (CliContext *ctx);
int cli_dedupe    (CliContext *ctx);
int cli_merge     (CliContext *ctx);
int cli_validate  (CliContext *ctx);
int cli_backup    (CliContext *ctx);
int cli_check     (CliContext *ctx);
int cli_stats     (CliContext *ctx);
int cli_pipelines (CliContext *ctx);
int cli_stages    (CliContext *ctx);
int cli_move      (CliContext *ctx);

/* Tasks, calls and cadences (cli-tasks.c). */
int cli_tasks      (CliContext *ctx);
int cli_task_add   (CliContext *ctx);
int cli_task_done  (CliContext *ctx);
int cli_task_snooze (CliContext *ctx);
int cli_log_call   (CliContext *ctx);
int cli_cadences   (CliContext *ctx);
int cli_export_ics (CliContext *ctx);

G_END_DECLS
