/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export-gui"

#include "config.h"

#include "crm-export.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* Export of "the current list": the caller's CrmQuery (filters, search,
 * sort) copied and run in a worker thread on its own connection, streamed
 * page by page by the core exporter into a temporary file that replaces
 * the target only when complete. */

typedef struct
{
  char            *db_path;
  char            *table;
  CrmQuery        *query;
  GFile           *file;
  CrmExportFormat  format;
  char             delimiter;
  gboolean         bom;
  guint            n_rows;
} ExportJob;

/* The app's settings, when its schema is installed (tests and the
 * uninstalled app may run without it: then nothing is remembered). */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "export-bom"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->table);
  g_clear_pointer (&job->query, crm_query_free);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  CrmExportOptions options;
  gboolean ok;

  if (!(store = crm_store_open (job->db_path, NULL, &error)) ||
      !(out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                              cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  crm_export_options_init (&options);
  options.table = job->table;
  options.delimiter = job->delimiter;
  options.bom = job->bom;
  options.query = job->query;

  if (job->format == CRM_EXPORT_FORMAT_VCARD)
    ok = crm_export_vcard (store, G_OUTPUT_STREAM (out), &options, &job->n_rows, cancellable, &error);
  else
    ok = crm_export_csv (store, G_OUTPUT_STREAM (out), &options, &job->n_rows, cancellable, &error);

  if (!ok)
    {
      /* Closing after a cancel keeps the old file (GIO writes a temporary). */
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancelled, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * crm_export_write_async:
 * @store: the window's store; the export opens its own connection
 * @table: "leads", "contacts" or "clients"
 * @query: (nullable): the list's query, copied; every live row when %NULL
 * @file: where to write
 * @format: CSV or vCard
 * @delimiter: ',' or ';' for CSV
 * @bom: whether CSV starts with a UTF-8 byte order mark (for Excel)
 * @cancellable: (nullable): stops the export; the file is left as it was
 * @callback: called when done
 * @user_data: for @callback
 */
void
crm_export_write_async (CrmStore            *store,
                        const char          *table,
                        CrmQuery            *query,
                        GFile               *file,
                        CrmExportFormat      format,
                        char                 delimiter,
                        gboolean             bom,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (table != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (crm_store_get_path (store));
  job->table = g_strdup (table);
  job->query = query != NULL ? crm_query_copy (query) : NULL;
  job->file = g_object_ref (file);
  job->format = format;
  job->delimiter = delimiter != 0 ? delimiter : ',';
  job->bom = bom;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_export_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
crm_export_write_finish (GAsyncResult  *result,
                         guint         *n_rows,
                         GError       **error)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = job->n_rows;
  return TRUE;
}

/* ---- the questions ---- */

typedef struct
{
  GtkWindow       *parent;
  CrmStore        *store;
  char            *table;
  CrmQuery        *query;
  gint64           count;
  AdwComboRow     *format_row;
  AdwActionRow    *semicolon_row;
  GtkSwitch       *semicolon_switch;
  AdwActionRow    *bom_row;
  GtkSwitch       *bom_switch;
  CrmExportFormat  format;
  char             delimiter;
  gboolean         bom;
  GFile           *file;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->parent);
  g_clear_object (&run->store);
  g_free (run->table);
  g_clear_pointer (&run->query, crm_query_free);
  g_clear_object (&run->file);
  g_free (run);
}

static char *
count_text (const char *table,
            guint       n,
            gboolean    exported)
{
  if (g_strcmp0 (table, "contacts") == 0)
    return g_strdup_printf (exported
                            ? ngettext ("%u contact exported", "%u contacts exported", n)
                            : ngettext ("%u contact of the current list, as filtered and searched.",
                                        "%u contacts of the current list, as filtered and searched.", n),
                            n);
  if (g_strcmp0 (table, "clients") == 0)
    return g_strdup_printf (exported
                            ? ngettext ("%u client exported", "%u clients exported", n)
                            : ngettext ("%u client of the current list, as filtered and searched.",
                                        "%u clients of the current list, as filtered and searched.", n),
                            n);
  return g_strdup_printf (exported
                          ? ngettext ("%u lead exported", "%u leads exported", n)
                          : ngettext ("%u lead of the current list, as filtered and searched.",
                                      "%u leads of the current list, as filtered and searched.", n),
                          n);
}

static char *
all_text (const char *table,
          guint       n)
{
  if (g_strcmp0 (table, "contacts") == 0)
    return g_strdup_printf (ngettext ("All %u contact.", "All %u contacts.", n), n);
  if (g_strcmp0 (table, "clients") == 0)
    return g_strdup_printf (ngettext ("All %u client.", "All %u clients.", n), n);
  return g_strdup_printf (ngettext ("All %u lead.", "All %u leads.", n), n);
}

static const char *
file_noun (const char *table)
{
  if (g_strcmp0 (table, "contacts") == 0)
    return C_("file name", "contacts");
  if (g_strcmp0 (table, "clients") == 0)
    return C_("file name", "clients");
  return C_("file name", "leads");
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_toast_open_cb (AdwToast *toast,
                  Run      *run)
{
  g_autofree char *uri = g_file_get_uri (run->file);

  gtk_show_uri (run->parent, uri, GDK_CURRENT_TIME);
}

static void
message (GtkWindow  *parent,
         const char *heading,
         const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;
  g_autofree char *text = NULL;
  guint n_rows = 0;

  if (!crm_export_write_finish (result, &n_rows, &error))
    {
      message (run->parent, _("Export Failed"), error->message);
      run_free (run);
      return;
    }

  text = count_text (run->table, n_rows, TRUE);
  overlay = find_toast_overlay (GTK_WIDGET (run->parent));
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_open_cb),
                             run, (GClosureNotify) run_free, 0);
      adw_toast_overlay_add_toast (overlay, toast);
      return;
    }
  message (run->parent, text, NULL);
  run_free (run);
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  Run *run = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL)
    {
      run_free (run);
      return;
    }

  run->file = g_object_ref (file);
  crm_export_write_async (run->store, run->table, run->query, file, run->format,
                          run->delimiter, run->bom, NULL, on_written_cb, run);
}

static void
choose_file (Run *run)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  const char *noun = file_noun (run->table);

  if (run->format == CRM_EXPORT_FORMAT_VCARD)
    {
      name = g_strdup_printf ("%s-%s.vcf", noun, date);
      gtk_file_filter_set_name (filter, _("Contacts (vCard)"));
      gtk_file_filter_add_pattern (filter, "*.vcf");
      gtk_file_filter_add_mime_type (filter, "text/vcard");
    }
  else
    {
      name = g_strdup_printf ("%s-%s.csv", noun, date);
      gtk_file_filter_set_name (filter, _("Table (CSV)"));
      gtk_file_filter_add_pattern (filter, "*.csv");
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }

  chooser = gtk_file_chooser_native_new (_("Export To"), run->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_format_changed_cb (Run *run)
{
  gboolean csv = adw_combo_row_get_selected (run->format_row) == CRM_EXPORT_FORMAT_CSV;

  gtk_widget_set_sensitive (GTK_WIDGET (run->semicolon_row), csv);
  gtk_widget_set_sensitive (GTK_WIDGET (run->bom_row), csv);
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Run              *run)
{
  if (g_strcmp0 (response, "export") != 0)
    {
      run_free (run);
      return;
    }
  run->format = adw_combo_row_get_selected (run->format_row) == CRM_EXPORT_FORMAT_VCARD
                ? CRM_EXPORT_FORMAT_VCARD : CRM_EXPORT_FORMAT_CSV;
  /* The dialog and its rows are gone once the file chooser answers. */
  run->delimiter = gtk_switch_get_active (run->semicolon_switch) ? ';' : ',';
  run->bom = gtk_switch_get_active (run->bom_switch);
  {
    g_autoptr(GSettings) settings = app_settings ();

    if (settings != NULL)
      {
        g_settings_set_string (settings, "export-format",
                               run->format == CRM_EXPORT_FORMAT_VCARD ? "vcard" : "csv");
        g_settings_set_boolean (settings, "export-semicolon", run->delimiter == ';');
        g_settings_set_boolean (settings, "export-bom", run->bom);
      }
  }
  run->format_row = NULL;
  run->semicolon_row = run->bom_row = NULL;
  run->semicolon_switch = run->bom_switch = NULL;
  choose_file (run);
}

static AdwActionRow *
switch_row (const char  *title,
            const char  *subtitle,
            gboolean     active,
            GtkSwitch  **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out = GTK_SWITCH (sw);
  return ADW_ACTION_ROW (row);
}

/**
 * crm_export_dialog_new:
 *
 * The question dialog of crm_export_run(), for tests and screenshots.
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
crm_export_dialog_new (GtkWindow  *parent,
                       CrmStore   *store,
                       const char *table,
                       CrmQuery   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmQuery) all = NULL;
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *group;
  Run *run = g_new0 (Run, 1);

  run->parent = parent != NULL ? g_object_ref (parent) : NULL;
  run->store = g_object_ref (store);
  run->table = g_strdup (table != NULL ? table : "leads");
  run->query = query != NULL ? crm_query_copy (query) : NULL;

  if (query == NULL)
    all = crm_query_new (run->table);
  run->count = crm_store_query_count (store, query != NULL ? query : all, &error);
  if (run->count < 0)
    run->count = 0;

  if (g_strcmp0 (run->table, "contacts") == 0)
    heading = g_strdup (_("Export Contacts"));
  else if (g_strcmp0 (run->table, "clients") == 0)
    heading = g_strdup (_("Export Clients"));
  else
    heading = g_strdup (_("Export Leads"));
  body = query != NULL ? count_text (run->table, (guint) run->count, FALSE)
                      : all_text (run->table, (guint) run->count);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "export", run->count > 0);

  group = adw_preferences_group_new ();
  run->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (run->format_row), _("Format"));
  gtk_string_list_append (formats, _("Table (CSV)"));
  gtk_string_list_append (formats, _("Contacts (vCard)"));
  adw_combo_row_set_model (run->format_row, G_LIST_MODEL (formats));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (run->format_row));

  run->semicolon_row = switch_row (_("Semicolons Between Columns"),
                                   _("Excel in Russian expects them"),
                                   TRUE, &run->semicolon_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (run->semicolon_row));
  run->bom_row = switch_row (_("Mark as UTF-8"),
                             _("So that Excel shows Cyrillic correctly"),
                             TRUE, &run->bom_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (run->bom_row));
  {
    /* The choices of the last export. */
    g_autoptr(GSettings) settings = app_settings ();

    if (settings != NULL)
      {
        g_autofree char *format = g_settings_get_string (settings, "export-format");

        adw_combo_row_set_selected (run->format_row, g_strcmp0 (format, "vcard") == 0
                                                     ? CRM_EXPORT_FORMAT_VCARD : CRM_EXPORT_FORMAT_CSV);
        gtk_switch_set_active (run->semicolon_switch, g_settings_get_boolean (settings, "export-semicolon"));
        gtk_switch_set_active (run->bom_switch, g_settings_get_boolean (settings, "export-bom"));
      }
  }
  on_format_changed_cb (run);
  g_signal_connect_swapped (run->format_row, "notify::selected", G_CALLBACK (on_format_changed_cb), run);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response_cb), run);
  return dialog;
}

/**
 * crm_export_run:
 * @parent: (nullable): the window
 * @store: the window's store
 * @table: "leads", "contacts" or "clients"
 * @query: (nullable): the current list's query (copied); all rows when %NULL
 *
 * Asks for the format (CSV with the Excel options, or vCard) and the file,
 * then exports in the background and says so in a toast.
 */
void
crm_export_run (GtkWindow  *parent,
                CrmStore   *store,
                const char *table,
                CrmQuery   *query)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CRM_IS_STORE (store));

  gtk_window_present (GTK_WINDOW (crm_export_dialog_new (parent, store, table, query)));
}
