/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-import-dialog.h"

G_BEGIN_DECLS

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

enum {
  IMPORT_FINISHED,
  CHECK_FINISHED,
  N_SIGNALS
};

extern guint _crm_import_dialog_signals[N_SIGNALS];

/* crm-import-dialog.c: the page with the file, the mapping and the report. */
const char *_crm_import_dialog_table_for_index      (guint               index);
char       *_crm_import_dialog_delimiter_name       (char                delimiter);
char       *_crm_import_dialog_encoding_name        (const char         *encoding);
char        _crm_import_dialog_chosen_delimiter     (CrmImportDialog    *self);
char       *_crm_import_dialog_build_mapping        (CrmImportDialog    *self);
gboolean    _crm_import_dialog_mapping_is_empty     (const char         *mapping);
char       *_crm_import_dialog_format_count         (guint               n);
void        _crm_import_dialog_update_actions       (CrmImportDialog    *self);
void        _crm_import_dialog_show_report          (CrmImportDialog    *self);
void        _crm_import_dialog_rebuild_mapping_rows (CrmImportDialog    *self,
                                                     const char *const  *headers,
                                                     const char *const  *sample,
                                                     const char *const  *mapping);

/* crm-import-dialog-run.c: the worker thread and what its runs report. */
void        _crm_import_dialog_job_free             (Job                *job);
Job        *_crm_import_dialog_new_job              (CrmImportDialog    *self,
                                                     gboolean            dry_run);
void        _crm_import_dialog_run_job              (GTask              *task,
                                                     gpointer            source_object,
                                                     gpointer            task_data,
                                                     GCancellable       *cancellable);
void        _crm_import_dialog_start_progress       (CrmImportDialog    *self,
                                                     Job                *job);
void        _crm_import_dialog_stop_progress        (CrmImportDialog    *self);
void        _crm_import_dialog_start_check          (CrmImportDialog    *self);
void        _crm_import_dialog_schedule_check       (CrmImportDialog    *self);
void        _crm_import_dialog_on_import_done_cb    (GObject            *source,
                                                     GAsyncResult       *result,
                                                     gpointer            user_data);

G_END_DECLS
