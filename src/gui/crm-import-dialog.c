/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-dialog"

#include "config.h"

#include "crm-import-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-extra-resources.h"

/* The import dialog on top of the core importer. Every run — the trial run
 * that fills the report, and the real import — happens in a worker thread
 * on its own CrmStore connection to the same file (WAL lets the window keep
 * reading). The trial run is the core's dry run: the same import rolled
 * back, so what the report says is exactly what the import does. A cancel
 * rolls the real import back: nothing is written. */

#define MAX_LISTED_ROWS 200

G_DEFINE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, ADW_TYPE_WINDOW)

guint _crm_import_dialog_signals[N_SIGNALS];

/* ---- helpers ---- */

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


const char *
_crm_import_dialog_table_for_index (guint index)
{
  return index == 1 ? "contacts" : "leads";
}

char *
_crm_import_dialog_delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';':
      return g_strdup (_("Semicolon (;)"));
    case ',':
      return g_strdup (_("Comma (,)"));
    case '\t':
      return g_strdup (_("Tab"));
    case '|':
      return g_strdup (_("Vertical bar (|)"));
    default:
      return g_strdup_printf ("“%c”", delimiter);
    }
}

char *
_crm_import_dialog_encoding_name (const char *encoding)
{
  if (encoding == NULL)
    return g_strdup (_("Unknown"));
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    return g_strdup ("UTF-8");
  if (g_ascii_strcasecmp (encoding, "UTF-8-BOM") == 0 || g_ascii_strcasecmp (encoding, "UTF-8 BOM") == 0)
    return g_strdup (_("UTF-8 with BOM"));
  if (g_ascii_strcasecmp (encoding, "CP1251") == 0 || g_ascii_strcasecmp (encoding, "WINDOWS-1251") == 0)
    /* Translators: the Cyrillic Windows encoding, as Excel saves CSV */
    return g_strdup (_("Windows-1251 (Russian Excel)"));
  return g_strdup (encoding);
}

/* The delimiter row: Automatic, comma, semicolon, tab. */
static const char delimiters[] = { 0, ',', ';', '\t' };

char
_crm_import_dialog_chosen_delimiter (CrmImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->delimiter_row);

  return i < G_N_ELEMENTS (delimiters) ? delimiters[i] : 0;
}

static CrmImportFormat
format_for_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return CRM_IMPORT_VCARD;
  return CRM_IMPORT_CSV;
}

char *
_crm_import_dialog_build_mapping (CrmImportDialog *self)
{
  GString *spec;

  if (self->mapping_rows->len == 0)
    return NULL;

  spec = g_string_new (NULL);
  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->mapping_rows, i);
      guint field = adw_combo_row_get_selected (row);
      const char *key = field == GTK_INVALID_LIST_POSITION || field == CRM_FIELD_NONE
                        ? "skip" : crm_field_get_key (field);

      if (spec->len > 0)
        g_string_append_c (spec, ',');
      g_string_append_printf (spec, "%u=%s", i + 1, key);
    }
  return g_string_free (spec, FALSE);
}

/* No column goes anywhere: no mapping yet, or every column skipped. */
gboolean
_crm_import_dialog_mapping_is_empty (const char *mapping)
{
  g_auto(GStrv) pairs = NULL;

  if (mapping == NULL)
    return TRUE;
  pairs = g_strsplit (mapping, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    if (!g_str_has_suffix (pairs[i], "=skip"))
      return FALSE;
  return TRUE;
}

static void
clear_report_rows (CrmImportDialog *self)
{
  for (guint i = 0; i < self->report_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->report_rows, i);
      GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);

      if (expander != NULL)
        adw_expander_row_remove (ADW_EXPANDER_ROW (expander), row);
    }
  g_ptr_array_set_size (self->report_rows, 0);
}

static void
add_report_row (CrmImportDialog *self,
                AdwExpanderRow  *expander,
                const char      *title,
                const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_expander_row_add_row (expander, row);
  g_ptr_array_add (self->report_rows, row);
}

/* 91 000: thousands apart by a narrow space, as Russian typography has it
 * (and readable in English too). */
char *
_crm_import_dialog_format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static const char *
action_text (const char *action)
{
  if (g_strcmp0 (action, "merged") == 0)
    return _("will be merged");
  if (g_strcmp0 (action, "created") == 0)
    return _("will be created anyway");
  return _("will be skipped");
}

void
_crm_import_dialog_update_actions (CrmImportDialog *self)
{
  gboolean can_import = !self->importing && !self->checking && !self->finished &&
                        self->report != NULL && self->check_error == NULL &&
                        self->report->rows_created + self->report->rows_merged > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !self->importing);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button),
                          !self->finished && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), !self->finished);
}

void
_crm_import_dialog_show_report (CrmImportDialog *self)
{
  CrmImportReport *r = self->report;
  guint n_dups;
  guint n_errors;

  clear_report_rows (self);

  gtk_widget_set_visible (GTK_WIDGET (self->check_error_row), self->check_error != NULL);
  if (self->check_error != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_error_row), self->check_error);

  gtk_widget_set_visible (GTK_WIDGET (self->create_row), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_row), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_row), r != NULL);
  if (r == NULL)
    return;

  {
    g_autofree char *text = _crm_import_dialog_format_count (r->rows_created);
    g_autofree char *total = _crm_import_dialog_format_count (r->rows_total);
    g_autofree char *subtitle = g_strdup_printf (ngettext ("of %s row in the file",
                                                           "of %s rows in the file",
                                                           r->rows_total),
                                                 total);

    gtk_label_set_text (self->create_label, text);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->create_row), subtitle);
  }

  n_dups = r->duplicates;
  {
    g_autofree char *text = _crm_import_dialog_format_count (n_dups);
    const char *subtitle;

    switch (r->policy)
      {
      case CRM_IMPORT_MERGE:
        subtitle = _("New phones, e-mails and empty fields go into the existing records");
        break;
      case CRM_IMPORT_CREATE:
        subtitle = _("Created as new records; the card will show the duplicate");
        break;
      case CRM_IMPORT_SKIP:
      default:
        subtitle = _("Left out; the existing records stay as they are");
        break;
      }
    gtk_label_set_text (self->duplicates_label, text);
    adw_expander_row_set_subtitle (self->duplicates_row, n_dups > 0 ? subtitle : _("None found"));
    adw_expander_row_set_enable_expansion (self->duplicates_row, r->duplicate_rows->len > 0);
  }
  for (guint i = 0; i < r->duplicate_rows->len && i < MAX_LISTED_ROWS; i++)
    {
      CrmImportDuplicate *d = g_ptr_array_index (r->duplicate_rows, i);
      g_autofree char *title = g_strdup_printf (_("Line %u: %s"), d->line,
                                                d->existing_name != NULL ? d->existing_name : "");
      g_autofree char *subtitle = g_strdup_printf ("%s — %s",
                                                   d->detail != NULL ? d->detail : "",
                                                   action_text (d->action));

      add_report_row (self, self->duplicates_row, title, subtitle);
    }

  n_errors = r->rows_failed;
  {
    g_autofree char *text = _crm_import_dialog_format_count (n_errors);

    gtk_label_set_text (self->errors_label, text);
    adw_expander_row_set_subtitle (self->errors_row,
                                   n_errors > 0 ? _("They will be left out") : _("None"));
    adw_expander_row_set_enable_expansion (self->errors_row, r->problems->len > 0);
  }
  for (guint i = 0; i < r->problems->len && i < MAX_LISTED_ROWS; i++)
    {
      CrmImportProblem *p = g_ptr_array_index (r->problems, i);

      add_report_row (self, self->errors_row, p->message, NULL);
    }
}

static void
on_mapping_changed_cb (CrmImportDialog *self)
{
  if (!self->filling)
    _crm_import_dialog_schedule_check (self);
}

void
_crm_import_dialog_rebuild_mapping_rows (CrmImportDialog   *self,
                                         const char *const *headers,
                                         const char *const *sample,
                                         const char *const *mapping)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), headers != NULL && headers[0] != NULL);
  if (headers == NULL)
    return;

  gtk_string_list_append (fields, _("Skip"));
  for (guint f = 1; f < CRM_N_FIELDS; f++)
    gtk_string_list_append (fields, crm_field_get_label (f));

  self->filling = TRUE;
  for (guint i = 0; headers[i] != NULL; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *header = headers[i];
      g_autofree char *fallback = NULL;
      CrmField field = CRM_FIELD_NONE;

      if (crm_text_is_blank (header))
        header = fallback = g_strdup_printf (_("Column %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (sample != NULL && g_strv_length ((GStrv) sample) > i && sample[i][0] != '\0')
        {
          g_autofree char *example = g_strdup_printf (_("For example: %s"), sample[i]);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), example);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
        }
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      if (mapping != NULL && g_strv_length ((GStrv) mapping) > i)
        field = crm_field_from_key (mapping[i]);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), field);
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (on_mapping_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }
  self->filling = FALSE;
}

/* ---- actions ---- */

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  CrmImportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          g_autoptr(GSettings) settings = app_settings ();
          g_autoptr(GFile) folder = g_file_get_parent (file);
          g_autofree char *uri = folder != NULL ? g_file_get_uri (folder) : NULL;

          if (settings != NULL && uri != NULL)
            g_settings_set_string (settings, "import-folder", uri);
          crm_import_dialog_set_file (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose a File to Import"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Tables and contacts (CSV, vCard)"));
  gtk_file_filter_add_pattern (filter, "*.[cC][sS][vV]");
  gtk_file_filter_add_pattern (filter, "*.[tT][sS][vV]");
  gtk_file_filter_add_pattern (filter, "*.[tT][xX][tT]");
  gtk_file_filter_add_pattern (filter, "*.[vV][cC][fF]");
  gtk_file_filter_add_pattern (filter, "*.[vV][cC][aA][rR][dD]");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  {
    /* Where the last imported file was. */
    g_autoptr(GSettings) settings = app_settings ();
    g_autofree char *uri = settings != NULL ? g_settings_get_string (settings, "import-folder") : NULL;

    if (uri != NULL && *uri != '\0')
      {
        g_autoptr(GFile) folder = g_file_new_for_uri (uri);

        if (g_file_query_exists (folder, NULL))
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
      }
  }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* "import.open-file" with a path or URI: what choosing that file does (for
 * scripts and end-to-end tests that cannot drive a native chooser). */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (parameter, NULL));

  crm_import_dialog_set_file (CRM_IMPORT_DIALOG (widget), file);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autofree char *description = NULL;
  Job *job;

  if (self->file == NULL || self->importing || self->finished)
    return;

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = _crm_import_dialog_new_job (self, FALSE);
  self->importing = TRUE;
  self->checking = FALSE;
  gtk_spinner_stop (self->check_spinner);

  description = g_file_get_basename (self->file);
  adw_status_page_set_description (self->progress_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  _crm_import_dialog_update_actions (self);

  task = g_task_new (NULL, self->cancellable, _crm_import_dialog_on_import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_action);
  g_task_set_task_data (task, job, (GDestroyNotify) _crm_import_dialog_job_free);
  _crm_import_dialog_start_progress (self, job);
  g_task_run_in_thread (task, _crm_import_dialog_run_job);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);

  if (self->importing && self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Stopping…"));
      gtk_widget_action_set_enabled (widget, "import.cancel", FALSE);
    }
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);

  /* Closing while importing stops the import: it is rolled back. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_window_close (GTK_WINDOW (self));
}

/* Another delimiter makes other columns: start the mapping over. */
static void
on_delimiter_changed_cb (CrmImportDialog *self)
{
  if (self->filling || self->file == NULL)
    return;
  g_clear_pointer (&self->headers, g_strfreev);
  _crm_import_dialog_rebuild_mapping_rows (self, NULL, NULL, NULL);
  _crm_import_dialog_schedule_check (self);
}

/* A file dropped from the file manager is a file chosen. */
static gboolean
on_drop_cb (GtkDropTarget   *target,
            const GValue    *value,
            double           x,
            double           y,
            CrmImportDialog *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->importing || self->finished)
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL || !G_IS_FILE (files->data))
    return FALSE;
  crm_import_dialog_set_file (self, files->data);
  return TRUE;
}

static void
on_option_changed_cb (CrmImportDialog *self)
{
  gboolean contacts = adw_combo_row_get_selected (self->table_row) == 1;

  const char *title = contacts ? _("Import Contacts") : _("Import Leads");

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  _crm_import_dialog_schedule_check (self);
}

/* ---- GObject ---- */

static void
crm_import_dialog_dispose (GObject *object)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  _crm_import_dialog_stop_progress (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (crm_import_dialog_parent_class)->dispose (object);
}

static void
crm_import_dialog_finalize (GObject *object)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (object);

  g_clear_pointer (&self->report, crm_import_report_free);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);
  g_strfreev (self->headers);
  g_free (self->check_error);

  G_OBJECT_CLASS (crm_import_dialog_parent_class)->finalize (object);
}

static void
crm_import_dialog_class_init (CrmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_import_dialog_dispose;
  object_class->finalize = crm_import_dialog_finalize;

  /**
   * CrmImportDialog::import-finished:
   * @n_created: records created
   * @n_merged: rows merged into existing records
   *
   * A real import was committed; lists should refresh.
   */
  _crm_import_dialog_signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A trial run finished and the report shows (for tests). */
  _crm_import_dialog_signals[CHECK_FINISHED] =
    g_signal_new ("check-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Link the bundle: a static library drops an object nobody references. */
  (void) crm_extra_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, file_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, table_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, policy_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, report_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, check_error_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, create_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, create_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, errors_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, done_page);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
crm_import_dialog_init (CrmImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mapping_rows = g_ptr_array_new ();
  self->report_rows = g_ptr_array_new ();

  g_signal_connect_swapped (self->table_row, "notify::selected",
                            G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->policy_row, "notify::selected",
                            G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected",
                            G_CALLBACK (on_delimiter_changed_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));

  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->stack), GTK_EVENT_CONTROLLER (drop));
  }
  on_option_changed_cb (self);

  _crm_import_dialog_show_report (self);
  _crm_import_dialog_update_actions (self);
}

/* ---- public API ---- */

/**
 * crm_import_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @store: the window's store; the import runs on its own connection to the
 *   same file
 *
 * Returns: (transfer floating): a new dialog
 */
CrmImportDialog *
crm_import_dialog_new (GtkWindow *parent,
                       CrmStore  *store)
{
  CrmImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * crm_import_dialog_present:
 * @parent: (nullable): the window to be modal for
 * @store: the window's store
 *
 * Shows the dialog with the file chooser open; it goes away by itself
 * when closed. Connect to
 * "import-finished" on the returned dialog to refresh lists.
 *
 * Returns: (transfer none): the dialog
 */
CrmImportDialog *
crm_import_dialog_present (GtkWindow *parent,
                           CrmStore  *store)
{
  CrmImportDialog *self = crm_import_dialog_new (parent, store);

  gtk_window_present (GTK_WINDOW (self));
  /* "Import…" means "pick a file": ask at once; the page behind it offers
   * the choice again if the person cancels. */
  gtk_widget_activate_action (GTK_WIDGET (self), "import.choose", NULL);
  return self;
}

/**
 * crm_import_dialog_set_file:
 * @self: a #CrmImportDialog
 * @file: a CSV or vCard file
 *
 * What choosing a file does: shows the review page and starts the trial run.
 */
void
crm_import_dialog_set_file (CrmImportDialog *self,
                            GFile           *file)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (CRM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->importing || self->finished)
    return;

  g_set_object (&self->file, file);
  self->format = format_for_file (file);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->report, crm_import_report_free);
  g_clear_pointer (&self->check_error, g_free);
  _crm_import_dialog_rebuild_mapping_rows (self, NULL, NULL, NULL);
  _crm_import_dialog_show_report (self);

  name = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  folder = parent != NULL ? g_file_get_parse_name (parent) : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->file_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), folder);
  gtk_image_set_from_icon_name (self->file_icon,
                                self->format == CRM_IMPORT_VCARD ? "contact-new-symbolic"
                                                                 : "x-office-spreadsheet-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), self->format == CRM_IMPORT_CSV);
  gtk_widget_set_visible (GTK_WIDGET (self->delimiter_row), self->format == CRM_IMPORT_CSV);
  gtk_label_set_text (self->encoding_label, _("Checking…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), NULL);
  self->filling = TRUE;
  adw_combo_row_set_selected (self->delimiter_row, 0);
  self->filling = FALSE;
  if (self->format == CRM_IMPORT_VCARD)
    adw_combo_row_set_selected (self->table_row, 1);

  gtk_stack_set_visible_child_name (self->stack, "review");
  _crm_import_dialog_start_check (self);
}

/**
 * crm_import_dialog_get_page:
 * @self: a #CrmImportDialog
 *
 * Returns: "choose", "review", "progress" or "done"
 */
const char *
crm_import_dialog_get_page (CrmImportDialog *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
crm_import_dialog_is_busy (CrmImportDialog *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_DIALOG (self), FALSE);
  return self->checking || self->importing || self->recheck_id != 0;
}

/**
 * crm_import_dialog_get_report:
 * @self: a #CrmImportDialog
 *
 * Returns: (transfer none) (nullable): the last trial run's report, or the
 *   import's once it is done
 */
const CrmImportReport *
crm_import_dialog_get_report (CrmImportDialog *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_DIALOG (self), NULL);
  return self->report;
}

const char *
crm_import_dialog_get_error (CrmImportDialog *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_DIALOG (self), NULL);
  return self->check_error;
}

/**
 * crm_import_dialog_set_column_field:
 * @self: a #CrmImportDialog
 * @column: a 0-based column of the file
 * @field_key: a key of crm_field_get_key(), or "skip"
 *
 * What picking a field in a column's row does (the trial run reruns).
 */
void
crm_import_dialog_set_column_field (CrmImportDialog *self,
                                    guint            column,
                                    const char      *field_key)
{
  g_return_if_fail (CRM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->mapping_rows->len);

  adw_combo_row_set_selected (g_ptr_array_index (self->mapping_rows, column),
                              crm_field_from_key (field_key));
}

void
crm_import_dialog_set_policy (CrmImportDialog *self,
                              CrmImportPolicy  policy)
{
  g_return_if_fail (CRM_IS_IMPORT_DIALOG (self));
  adw_combo_row_set_selected (self->policy_row, policy);
}

guint
crm_import_dialog_get_n_columns (CrmImportDialog *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_DIALOG (self), 0);
  return self->mapping_rows->len;
}

/**
 * crm_import_dialog_set_delimiter:
 * @self: a #CrmImportDialog
 * @delimiter: ',', ';' or '\t', or 0 to detect it
 *
 * What choosing in the Delimiter row does: the columns and the mapping
 * start over and the trial run reruns.
 */
void
crm_import_dialog_set_delimiter (CrmImportDialog *self,
                                 char             delimiter)
{
  g_return_if_fail (CRM_IS_IMPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
}
