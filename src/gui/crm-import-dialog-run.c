/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-dialog"

#include "config.h"

#include "crm-import-dialog-private.h"

#include <glib/gi18n.h>

#define RECHECK_DELAY_MS 300

void
_crm_import_dialog_job_free (Job *job)
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

void
_crm_import_dialog_run_job (GTask        *task,
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
      g_autofree char *count = _crm_import_dialog_format_count (rows);
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

void
_crm_import_dialog_stop_progress (CrmImportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->running = NULL;
}

void
_crm_import_dialog_start_progress (CrmImportDialog *self,
                                   Job             *job)
{
  _crm_import_dialog_stop_progress (self);
  self->running = job;
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
}

Job *
_crm_import_dialog_new_job (CrmImportDialog *self,
                            gboolean         dry_run)
{
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (crm_store_get_path (self->store));
  job->file_uri = g_file_get_uri (self->file);
  job->format = self->format;
  job->policy = adw_combo_row_get_selected (self->policy_row);
  if (job->policy > CRM_IMPORT_CREATE)
    job->policy = CRM_IMPORT_SKIP;
  job->table = g_strdup (_crm_import_dialog_table_for_index (adw_combo_row_get_selected (self->table_row)));
  job->mapping = self->format == CRM_IMPORT_CSV ? _crm_import_dialog_build_mapping (self) : NULL;
  job->delimiter = self->format == CRM_IMPORT_CSV ? _crm_import_dialog_chosen_delimiter (self) : 0;
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

  _crm_import_dialog_stop_progress (self);
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
          job->headers != NULL && _crm_import_dialog_mapping_is_empty (job->mapping))
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
      _crm_import_dialog_rebuild_mapping_rows (self, headers, (const char *const *) job->sample,
                                               self->report != NULL ? (const char *const *) self->report->mapping : NULL);
    }

  if (self->format == CRM_IMPORT_CSV && (self->report != NULL || job->encoding != NULL))
    {
      g_autofree char *encoding = _crm_import_dialog_encoding_name (self->report != NULL ? self->report->encoding : job->encoding);
      g_autofree char *delimiter = _crm_import_dialog_delimiter_name (self->report != NULL ? self->report->delimiter : job->found_delimiter);
      g_autofree char *subtitle = _crm_import_dialog_chosen_delimiter (self) == 0
                                  ? g_strdup_printf (_("Found: %s"), delimiter) : NULL;

      gtk_label_set_text (self->encoding_label, encoding);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), subtitle);
    }

  _crm_import_dialog_show_report (self);
  _crm_import_dialog_update_actions (self);
  g_signal_emit (self, _crm_import_dialog_signals[CHECK_FINISHED], 0);
}

void
_crm_import_dialog_start_check (CrmImportDialog *self)
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

  job = _crm_import_dialog_new_job (self, TRUE);
  self->checking = TRUE;
  gtk_spinner_start (self->check_spinner);
  adw_preferences_group_set_description (self->report_group, _("Checking…"));
  _crm_import_dialog_update_actions (self);

  task = g_task_new (NULL, self->cancellable, on_check_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _crm_import_dialog_start_check);
  g_task_set_task_data (task, job, (GDestroyNotify) _crm_import_dialog_job_free);
  _crm_import_dialog_start_progress (self, job);
  g_task_run_in_thread (task, _crm_import_dialog_run_job);
}

static gboolean
recheck_cb (gpointer user_data)
{
  CrmImportDialog *self = user_data;

  self->recheck_id = 0;
  _crm_import_dialog_start_check (self);
  return G_SOURCE_REMOVE;
}

void
_crm_import_dialog_schedule_check (CrmImportDialog *self)
{
  if (self->file == NULL || self->importing || self->finished)
    return;
  /* Show at once that the report is stale; run when the choices settle. */
  self->checking = TRUE;
  gtk_spinner_start (self->check_spinner);
  _crm_import_dialog_update_actions (self);
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
  _crm_import_dialog_update_actions (self);
}

void
_crm_import_dialog_on_import_done_cb (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(CrmImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  _crm_import_dialog_stop_progress (self);
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
    g_autofree char *created = _crm_import_dialog_format_count (self->n_created);
    g_autofree char *title = g_strdup_printf (contacts
                                              ? ngettext ("%s Contact Imported", "%s Contacts Imported", self->n_created)
                                              : ngettext ("%s Lead Imported", "%s Leads Imported", self->n_created),
                                              created);
    g_autofree char *merged = _crm_import_dialog_format_count (self->report->rows_merged);
    g_autofree char *skipped = _crm_import_dialog_format_count (self->report->rows_skipped);
    g_autofree char *failed = _crm_import_dialog_format_count (self->report->rows_failed);
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

  g_signal_emit (self, _crm_import_dialog_signals[IMPORT_FINISHED], 0, self->n_created, self->n_merged);
}
