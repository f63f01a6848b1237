/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-dialog"

#include "config.h"

#include "crm-import-dialog.h"

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
#define RECHECK_DELAY_MS 300

typedef struct
{
  /* in */
  char             *db_path;
  char             *file_uri;    /* any GIO location, not only local paths */
  CrmImportFormat   format;
  CrmImportPolicy   policy;
  char             *table;
  char             *mapping;
  char              delimiter;   /* 0: detect */
  gboolean          dry_run;
  guint             generation;
  /* progress, written by the worker, read by the UI */
  gint64            bytes_done;
  gint64            bytes_total;
  guint             rows;
  /* out */
  GStrv             headers;
  GStrv             sample;
  char             *encoding;     /* as sniffed, for when the run fails */
  char              found_delimiter;
  CrmImportReport  *report;
} Job;

struct _CrmImportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *import_button;
  GtkButton            *close_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *file_group;
  AdwActionRow         *file_row;
  GtkImage             *file_icon;
  AdwActionRow         *encoding_row;
  GtkLabel             *encoding_label;
  AdwComboRow          *delimiter_row;
  AdwComboRow          *table_row;
  AdwComboRow          *policy_row;
  AdwPreferencesGroup  *mapping_group;
  AdwPreferencesGroup  *report_group;
  GtkSpinner           *check_spinner;
  AdwActionRow         *check_error_row;
  AdwActionRow         *create_row;
  GtkLabel             *create_label;
  AdwExpanderRow       *duplicates_row;
  GtkLabel             *duplicates_label;
  AdwExpanderRow       *errors_row;
  GtkLabel             *errors_label;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *done_page;

  CrmStore             *store;
  GFile                *file;
  CrmImportFormat       format;
  GStrv                 headers;
  GPtrArray            *mapping_rows;     /* AdwComboRow per column */
  GPtrArray            *report_rows;      /* rows added to the expanders */
  CrmImportReport      *report;           /* the last trial run or import */
  char                 *check_error;
  GtkFileChooserNative *chooser;

  GCancellable         *cancellable;      /* of the running job */
  Job                  *running;          /* the job whose progress shows */
  guint                 generation;
  guint                 recheck_id;
  guint                 progress_id;
  gboolean              importing;
  gboolean              checking;
  gboolean              filling;          /* setting rows from a report */
  gboolean              finished;
  guint                 n_created;
  guint                 n_merged;
};

G_DEFINE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT_FINISHED,
  CHECK_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_check (CrmImportDialog *self);

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->file_uri);
  g_free (job->table);
  g_free (job->mapping);
  g_strfreev (job->headers);
  g_strfreev (job->sample);
  g_free (job->encoding);
  g_clear_pointer (&job->report, crm_import_report_free);
  g_free (job);
}

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


static const char *
table_for_index (guint index)
{
  return index == 1 ? "contacts" : "leads";
}

static char *
delimiter_name (char delimiter)
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

static char *
encoding_name (const char *encoding)
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

static char
chosen_delimiter (CrmImportDialog *self)
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

static char *
build_mapping (CrmImportDialog *self)
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
static gboolean
mapping_is_empty (const char *mapping)
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
static char *
format_count (guint n)
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

static void
update_actions (CrmImportDialog *self)
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

static void
show_report (CrmImportDialog *self)
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
    g_autofree char *text = format_count (r->rows_created);
    g_autofree char *total = format_count (r->rows_total);
    g_autofree char *subtitle = g_strdup_printf (ngettext ("of %s row in the file",
                                                           "of %s rows in the file",
                                                           r->rows_total),
                                                 total);

    gtk_label_set_text (self->create_label, text);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->create_row), subtitle);
  }

  n_dups = r->duplicates;
  {
    g_autofree char *text = format_count (n_dups);
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
    g_autofree char *text = format_count (n_errors);

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
    schedule_check (self);
}

static void
rebuild_mapping_rows (CrmImportDialog   *self,
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

/* ---- the worker ---- */

static void
on_job_progress (gint64   bytes_done,
                 gint64   bytes_total,
                 guint    rows,
                 gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set ((gint *) &job->rows, rows);
  job->bytes_total = bytes_total;
  job->bytes_done = bytes_done;
}

/* The header row and the first data row, to show next to the mapping. */
static void
sniff_csv (Job          *job,
           GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_uri (job->file_uri);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  g_autoptr(CrmCsvReader) reader = NULL;
  GPtrArray *cells = NULL;   /* the reader's own */

  if (stream == NULL || !(reader = crm_csv_reader_new (G_INPUT_STREAM (stream), NULL)))
    return;
  if (job->delimiter != 0)
    crm_csv_reader_set_delimiter (reader, job->delimiter);

  for (guint n = 0; n < 2; n++)
    {
      g_autoptr(GPtrArray) strv = g_ptr_array_new ();

      if (!crm_csv_reader_next (reader, &cells, NULL) || cells == NULL)
        return;
      for (guint i = 0; i < cells->len; i++)
        g_ptr_array_add (strv, g_ptr_array_index (cells, i));
      g_ptr_array_add (strv, NULL);
      if (n == 0)
        {
          job->headers = g_strdupv ((GStrv) strv->pdata);
          job->encoding = g_strdup (crm_csv_reader_get_encoding (reader));
          job->found_delimiter = crm_csv_reader_get_delimiter (reader);
        }
      else
        job->sample = g_strdupv ((GStrv) strv->pdata);
    }
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  CrmImportOptions options;

  if (job->dry_run && job->format == CRM_IMPORT_CSV)
    sniff_csv (job, cancellable);

  if (!(store = crm_store_open (job->db_path, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  crm_import_options_init (&options);
  options.format = job->format;
  options.policy = job->policy;
  options.table = job->table;
  options.mapping = job->mapping;
  options.delimiter = job->delimiter;
  options.dry_run = job->dry_run;

  {
    g_autoptr(GFile) file = g_file_new_for_uri (job->file_uri);
    g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &error);
    g_autoptr(GFileInfo) info = NULL;
    g_autofree char *name = g_file_get_basename (file);

    if (stream == NULL)
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
    job->report = crm_import_stream (store, G_INPUT_STREAM (stream), name,
                                     info != NULL ? g_file_info_get_size (info) : -1,
                                     &options, cancellable, on_job_progress, job, &error);
  }
  if (job->report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  CrmImportDialog *self = user_data;
  Job *job = self->running;
  guint rows;

  if (job == NULL)
    return G_SOURCE_CONTINUE;

  rows = (guint) g_atomic_int_get ((gint *) &job->rows);
  if (self->importing)
    {
      g_autofree char *count = format_count (rows);
      g_autofree char *text = g_strdup_printf (ngettext ("%s row", "%s rows", rows), count);

      if (job->bytes_total > 0)
        gtk_progress_bar_set_fraction (self->progress_bar,
                                       CLAMP ((double) job->bytes_done / job->bytes_total, 0.0, 1.0));
      else
        gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else if (self->checking && job->bytes_total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Checking… %d%%"),
                                               (int) (100.0 * job->bytes_done / job->bytes_total));

      adw_preferences_group_set_description (self->report_group, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (CrmImportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->running = NULL;
}

static void
start_progress (CrmImportDialog *self,
                Job             *job)
{
  stop_progress (self);
  self->running = job;
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
}

static Job *
new_job (CrmImportDialog *self,
         gboolean         dry_run)
{
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (crm_store_get_path (self->store));
  job->file_uri = g_file_get_uri (self->file);
  job->format = self->format;
  job->policy = adw_combo_row_get_selected (self->policy_row);
  if (job->policy > CRM_IMPORT_CREATE)
    job->policy = CRM_IMPORT_SKIP;
  job->table = g_strdup (table_for_index (adw_combo_row_get_selected (self->table_row)));
  job->mapping = self->format == CRM_IMPORT_CSV ? build_mapping (self) : NULL;
  job->delimiter = self->format == CRM_IMPORT_CSV ? chosen_delimiter (self) : 0;
  job->dry_run = dry_run;
  job->generation = ++self->generation;
  return job;
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (job->generation != self->generation)
    return;   /* a newer check replaced this one */

  stop_progress (self);
  self->checking = FALSE;
  gtk_spinner_stop (self->check_spinner);
  adw_preferences_group_set_description (self->report_group,
                                         _("What the import will do. Nothing has been written yet."));
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->check_error, g_free);
  g_clear_pointer (&self->report, crm_import_report_free);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_HEADER) &&
          job->headers != NULL && mapping_is_empty (job->mapping))
        /* The importer's own words suit the command line; here the rows
         * below are the way to give a mapping. */
        self->check_error = g_strdup (_("No column was recognised. Choose a field for at least one column below."));
      else
        self->check_error = g_strdup (error->message);
    }
  else
    self->report = g_steal_pointer (&job->report);

  /* The first check of a file fills the mapping with the guesses. */
  if (self->headers == NULL && self->format == CRM_IMPORT_CSV)
    {
      const char *const *headers = self->report != NULL && self->report->headers != NULL
                                   ? (const char *const *) self->report->headers
                                   : (const char *const *) job->headers;

      self->headers = g_strdupv ((GStrv) headers);
      rebuild_mapping_rows (self, headers, (const char *const *) job->sample,
                            self->report != NULL ? (const char *const *) self->report->mapping : NULL);
    }

  if (self->format == CRM_IMPORT_CSV && (self->report != NULL || job->encoding != NULL))
    {
      g_autofree char *encoding = encoding_name (self->report != NULL ? self->report->encoding : job->encoding);
      g_autofree char *delimiter = delimiter_name (self->report != NULL ? self->report->delimiter : job->found_delimiter);
      g_autofree char *subtitle = chosen_delimiter (self) == 0
                                  ? g_strdup_printf (_("Found: %s"), delimiter) : NULL;

      gtk_label_set_text (self->encoding_label, encoding);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), subtitle);
    }

  show_report (self);
  update_actions (self);
  g_signal_emit (self, signals[CHECK_FINISHED], 0);
}

static void
start_check (CrmImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->file == NULL || self->importing || self->finished)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = new_job (self, TRUE);
  self->checking = TRUE;
  gtk_spinner_start (self->check_spinner);
  adw_preferences_group_set_description (self->report_group, _("Checking…"));
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, on_check_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  start_progress (self, job);
  g_task_run_in_thread (task, run_job);
}

static gboolean
recheck_cb (gpointer user_data)
{
  CrmImportDialog *self = user_data;

  self->recheck_id = 0;
  start_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (CrmImportDialog *self)
{
  if (self->file == NULL || self->importing || self->finished)
    return;
  /* Show at once that the report is stale; run when the choices settle. */
  self->checking = TRUE;
  gtk_spinner_start (self->check_spinner);
  update_actions (self);
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  self->recheck_id = g_timeout_add (RECHECK_DELAY_MS, recheck_cb, self);
}

static void
show_done (CrmImportDialog *self,
           const char      *icon,
           const char      *title,
           const char      *description)
{
  adw_status_page_set_icon_name (self->done_page, icon);
  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  update_actions (self);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  stop_progress (self);
  self->importing = FALSE;
  self->finished = TRUE;
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_done (self, "process-stop-symbolic", _("Import Stopped"),
                   _("Nothing was imported: the workspace is as it was before."));
      else
        {
          g_autofree char *text = g_strdup_printf (_("Nothing was imported. %s"), error->message);

          show_done (self, "dialog-error-symbolic", _("Import Failed"), text);
        }
      return;
    }

  g_clear_pointer (&self->report, crm_import_report_free);
  self->report = g_steal_pointer (&job->report);
  self->n_created = self->report->rows_created;
  self->n_merged = self->report->rows_merged;

  {
    gboolean contacts = g_strcmp0 (job->table, "contacts") == 0;
    g_autofree char *created = format_count (self->n_created);
    g_autofree char *title = g_strdup_printf (contacts
                                              ? ngettext ("%s Contact Imported", "%s Contacts Imported", self->n_created)
                                              : ngettext ("%s Lead Imported", "%s Leads Imported", self->n_created),
                                              created);
    g_autofree char *merged = format_count (self->report->rows_merged);
    g_autofree char *skipped = format_count (self->report->rows_skipped);
    g_autofree char *failed = format_count (self->report->rows_failed);
    g_autoptr(GString) details = g_string_new (NULL);

    if (self->report->rows_merged > 0)
      g_string_append_printf (details, ngettext ("%s row merged into an existing record.",
                                                 "%s rows merged into existing records.",
                                                 self->report->rows_merged),
                              merged);
    if (self->report->rows_skipped > 0)
      {
        if (details->len > 0)
          g_string_append_c (details, ' ');
        g_string_append_printf (details, ngettext ("%s duplicate skipped.", "%s duplicates skipped.",
                                                   self->report->rows_skipped),
                                skipped);
      }
    if (self->report->rows_failed > 0)
      {
        if (details->len > 0)
          g_string_append_c (details, ' ');
        g_string_append_printf (details, ngettext ("%s row with errors left out.",
                                                   "%s rows with errors left out.",
                                                   self->report->rows_failed),
                                failed);
      }
    show_done (self, "emblem-ok-symbolic", title, details->len > 0 ? details->str : NULL);
  }

  g_signal_emit (self, signals[IMPORT_FINISHED], 0, self->n_created, self->n_merged);
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

  job = new_job (self, FALSE);
  self->importing = TRUE;
  self->checking = FALSE;
  gtk_spinner_stop (self->check_spinner);

  description = g_file_get_basename (self->file);
  adw_status_page_set_description (self->progress_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, on_import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_action);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  start_progress (self, job);
  g_task_run_in_thread (task, run_job);
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
  rebuild_mapping_rows (self, NULL, NULL, NULL);
  schedule_check (self);
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
  schedule_check (self);
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
  stop_progress (self);
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
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A trial run finished and the report shows (for tests). */
  signals[CHECK_FINISHED] =
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

  show_report (self);
  update_actions (self);
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
  rebuild_mapping_rows (self, NULL, NULL, NULL);
  show_report (self);

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
  start_check (self);
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
