/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks-page"

#include "config.h"

#include "crm-tasks-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-settings.h"
#include "crm-task-badge.h"
#include "crm-task-dialog.h"
#include "crm-task-list-row.h"
#include "crm-task-send.h"
#include "crm-tasks-ics.h"
#include "crm-tasks-resources.h"
#include "crm-tasks-rows.h"
#include "crm-text.h"
#include "crm-window.h"

/* The Tasks page: Overdue, Today, Upcoming by day, and Done on demand, in
 * one list over a CrmTaskModel (rows and headers worked out off the UI
 * thread; nothing here runs a query to draw). The list is a one-column
 * GtkGridView, not a GtkListView: GTK 4.8's list view keeps 200 rows alive
 * whatever its height, the grid view about 30, which makes the page's
 * first frame several times cheaper (bench/voronka-tasks-bench). Its actions (tasks.*) are
 * what the rows' check buttons and menus call. */

#define TICK_S 60

struct _CrmTasksPage
{
  GtkWidget        parent_instance;

  GtkEntry        *quick_entry;
  GtkToggleButton *done_toggle;
  GtkStack        *stack;
  GtkGridView     *list_view;
  AdwStatusPage   *empty_page;
  GtkFileChooserNative *chooser;

  CrmStore        *store;
  CrmTaskModel    *model;
  GTimeZone       *tz;
  gint64           now_ms;
  char            *search;
  char            *count_text;
  gboolean         show_done;
  gboolean         loaded;
  gulong           watch_id;
  guint            tick_id;
};

G_DEFINE_FINAL_TYPE (CrmTasksPage, crm_tasks_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SHOW_DONE, PROP_COUNT_TEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { RECORD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- helpers ---- */

void
crm_tasks_ensure_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/voronka/Voronka/crm-tasks.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
toast (CrmTasksPage *self,
       AdwToast     *t)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && CRM_IS_WINDOW (root))
    crm_window_add_toast (CRM_WINDOW (root), t);
  else
    g_object_unref (g_object_ref_sink (t));
}

static void
report (CrmTasksPage *self,
        GError       *error)
{
  g_warning ("%s", error->message);
  toast (self, adw_toast_new (error->message));
}

static void
wrote (CrmTasksPage *self,
       gboolean      ok,
       GError       *error)
{
  if (!ok)
    report (self, error);
  crm_tasks_changed ();
}

/* The window's subtitle: "3 overdue · 5 today · 12 upcoming". */
static char *
format_counts (CrmTaskModel *model)
{
  static const CrmTaskList lists[] = { CRM_TASK_LIST_OVERDUE, CRM_TASK_LIST_TODAY, CRM_TASK_LIST_UPCOMING };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      guint n = crm_task_model_get_count (model, lists[i]);
      const char *format;

      if (n == 0)
        continue;
      if (lists[i] == CRM_TASK_LIST_OVERDUE)
        format = g_dngettext (GETTEXT_PACKAGE, "%'u overdue", "%'u overdue", n);
      else if (lists[i] == CRM_TASK_LIST_TODAY)
        format = g_dngettext (GETTEXT_PACKAGE, "%'u today", "%'u today", n);
      else
        format = g_dngettext (GETTEXT_PACKAGE, "%'u upcoming", "%'u upcoming", n);
      g_ptr_array_add (parts, g_strdup_printf (format, n));
    }
  if (parts->len == 0)
    return g_strdup (_("No open tasks"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
set_count_text (CrmTasksPage *self,
                char         *text)
{
  if (g_strcmp0 (self->count_text, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->count_text);
  self->count_text = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_TEXT]);
}

/* ---- callbacks ---- */

static void
on_ready_cb (CrmTaskModel *model,
             CrmTasksPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (model)) == 0;

  self->loaded = TRUE;
  set_count_text (self, format_counts (model));
  if (empty && self->search != NULL && *self->search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Tasks"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else if (empty)
    {
      adw_status_page_set_icon_name (self->empty_page, "object-select-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing to Do"));
      adw_status_page_set_description (self->empty_page,
                                       _("Tasks added to leads, contacts and clients show up here, overdue first"));
    }
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CrmTasksPage             *self)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (crm_task_list_row_new ()));
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CrmTasksPage             *self)
{
  CrmTaskItem *item = gtk_list_item_get_item (list_item);

  crm_task_list_row_bind (CRM_TASK_LIST_ROW (gtk_list_item_get_child (list_item)), item,
                          self->tz, self->now_ms);
  gtk_list_item_set_activatable (list_item, crm_task_item_get_row (item)->kind == CRM_TASK_ROW_TASK);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CrmTasksPage             *self)
{
  crm_task_list_row_unbind (CRM_TASK_LIST_ROW (gtk_list_item_get_child (list_item)));
}

static void
open_dialog (CrmTasksPage  *self,
             CrmTaskDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_activate_cb (GtkGridView  *view,
                guint         position,
                CrmTasksPage *self)
{
  g_autoptr(CrmTaskItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  CrmTask *task = item != NULL ? crm_task_item_get_task (item) : NULL;

  if (task != NULL)
    open_dialog (self, crm_task_dialog_new_edit (self->store, crm_record_get_id (CRM_RECORD (task))));
}

static void
on_quick_activate_cb (GtkEntry     *entry,
                      CrmTasksPage *self)
{
  g_autoptr(GError) error = NULL;

  if (crm_tasks_page_quick_add (self, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else if (error != NULL)
    report (self, error);
}

static void
on_tasks_changed_cb (gpointer data)
{
  crm_tasks_page_refresh (data);
}

static gboolean
on_tick_cb (gpointer data)
{
  CrmTasksPage *self = data;

  /* Sections move with the clock: what was due in a minute is overdue. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    crm_tasks_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
on_undo_delete_cb (AdwToast     *t,
                   CrmTasksPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (t), "task-id");
  g_autoptr(GError) error = NULL;

  wrote (self, crm_store_restore (self->store, "tasks", id, &error), error);
}

/* ---- actions ---- */

static void
set_done_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  gboolean done;

  g_variant_get (param, "(&sb)", &id, &done);
  wrote (self, crm_tasks_set_done (self->store, id, done, &error), error);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  gint32 minutes;

  g_variant_get (param, "(&si)", &id, &minutes);
  wrote (self, crm_tasks_snooze (self->store, id, MAX (minutes, 1), &error), error);
}

static void
snooze_tomorrow_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 now = crm_store_now_ms (self->store);
  gint64 minutes = (crm_tasks_tomorrow_ms (self->store, now) - now + 59999) / 60000;

  wrote (self, crm_tasks_snooze (self->store, g_variant_get_string (param, NULL),
                                 (guint) CLAMP (minutes, 1, 30 * 24 * 60), &error), error);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);

  open_dialog (self, crm_task_dialog_new_edit (self->store, g_variant_get_string (param, NULL)));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  CrmTaskDialog *dialog = crm_task_dialog_new (self->store, NULL, NULL);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->quick_entry));

  if (*text != '\0')
    {
      crm_task_dialog_set_text (dialog, text);
      gtk_editable_set_text (GTK_EDITABLE (self->quick_entry), "");
    }
  open_dialog (self, dialog);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  AdwToast *t;

  if (!crm_store_delete (self->store, "tasks", id, &error))
    {
      report (self, error);
      return;
    }
  crm_tasks_changed ();
  t = adw_toast_new (_("Task deleted"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_object_set_data_full (G_OBJECT (t), "task-id", g_strdup (id), g_free);
  g_signal_connect (t, "button-clicked", G_CALLBACK (on_undo_delete_cb), self);
  toast (self, t);
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  const char *table, *id;

  g_variant_get (param, "(&s&s)", &table, &id);
  if (table != NULL)
    g_signal_emit (widget, signals[RECORD_ACTIVATED], 0, table, id);
}

static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  /* No address is the user's business, not a warning for the log. */
  if (!crm_task_send_write_email (widget, self->store, g_variant_get_string (param, NULL), &error))
    toast (self, adw_toast_new (error->message));
}

static void
copy_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!crm_task_send_copy (widget, self->store, g_variant_get_string (param, NULL), &error))
    toast (self, adw_toast_new (error->message));
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       CrmTasksPage    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (crm_tasks_page_export_ics (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Tasks exported to “%s”"), name);

      toast (self, adw_toast_new (text));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Could not export the tasks: %s"), error->message);

      g_warning ("%s", text);
      toast (self, adw_toast_new (text));
    }
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Tasks to Calendar"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* TRANSLATORS: the file name offered for the exported tasks */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("tasks.ics"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ---- */

static void
crm_tasks_page_map (GtkWidget *widget)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (widget);

  GTK_WIDGET_CLASS (crm_tasks_page_parent_class)->map (widget);
  /* Shown again after a while: the clock may have moved tasks along. */
  if (self->loaded && crm_store_now_ms (self->store) - self->now_ms > 30000)
    crm_tasks_page_refresh (self);
}

static void
crm_tasks_page_dispose (GObject *object)
{
  CrmTasksPage *self = CRM_TASKS_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->watch_id != 0)
    crm_tasks_unwatch (self->watch_id);
  self->watch_id = 0;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_TASKS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  G_OBJECT_CLASS (crm_tasks_page_parent_class)->dispose (object);
}

static void
crm_tasks_page_finalize (GObject *object)
{
  g_free (CRM_TASKS_PAGE (object)->search);
  g_free (CRM_TASKS_PAGE (object)->count_text);
  G_OBJECT_CLASS (crm_tasks_page_parent_class)->finalize (object);
}

static void
crm_tasks_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_DONE:
      g_value_set_boolean (value, CRM_TASKS_PAGE (object)->show_done);
      break;
    case PROP_COUNT_TEXT:
      g_value_set_string (value, CRM_TASKS_PAGE (object)->count_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_tasks_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_DONE:
      crm_tasks_page_set_show_done (CRM_TASKS_PAGE (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_tasks_page_class_init (CrmTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_assert (crm_tasks_get_resource () != NULL);

  object_class->dispose = crm_tasks_page_dispose;
  object_class->finalize = crm_tasks_page_finalize;
  object_class->get_property = crm_tasks_page_get_property;
  object_class->set_property = crm_tasks_page_set_property;
  widget_class->map = crm_tasks_page_map;

  properties[PROP_SHOW_DONE] =
    g_param_spec_boolean ("show-done", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window's subtitle, as the list pages' "count-text". */
  properties[PROP_COUNT_TEXT] =
    g_param_spec_string ("count-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-tasks-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPage, quick_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPage, done_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPage, empty_page);

  gtk_widget_class_install_action (widget_class, "tasks.set-done", "(sb)", set_done_action);
  gtk_widget_class_install_action (widget_class, "tasks.snooze", "(si)", snooze_action);
  gtk_widget_class_install_action (widget_class, "tasks.snooze-tomorrow", "s", snooze_tomorrow_action);
  gtk_widget_class_install_action (widget_class, "tasks.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "tasks.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "tasks.open-record", "(ss)", open_record_action);
  gtk_widget_class_install_action (widget_class, "tasks.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "tasks.write-email", "s", write_email_action);
  gtk_widget_class_install_action (widget_class, "tasks.copy-message", "s", copy_message_action);
  gtk_widget_class_install_action (widget_class, "tasks.export-ics", NULL, export_ics_action);
  gtk_widget_class_install_property_action (widget_class, "tasks.show-done", "show-done");
}

static void
crm_tasks_page_init (CrmTasksPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  crm_tasks_ensure_style ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (self->quick_entry, "activate", G_CALLBACK (on_quick_activate_cb), self);
}

/* ---- public API ---- */

CrmTasksPage *
crm_tasks_page_new (CrmStore *store)
{
  CrmTasksPage *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_TASKS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->model = crm_task_model_new (crm_store_get_path (store));
  g_signal_connect (self->model, "ready", G_CALLBACK (on_ready_cb), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  self->watch_id = crm_tasks_watch (on_tasks_changed_cb, self);
  self->tick_id = g_timeout_add_seconds (TICK_S, on_tick_cb, self);
  crm_tasks_page_refresh (self);
  return self;
}

void
crm_tasks_page_set_search_text (CrmTasksPage *self,
                                const char   *text)
{
  g_return_if_fail (CRM_IS_TASKS_PAGE (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  crm_tasks_page_refresh (self);
}

/**
 * crm_tasks_page_refresh:
 * @self: a #CrmTasksPage
 *
 * Lists the tasks again as of now (the store's clock), off the UI thread.
 */
void
crm_tasks_page_refresh (CrmTasksPage *self)
{
  g_return_if_fail (CRM_IS_TASKS_PAGE (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = crm_settings_get_timezone (self->store);
  self->now_ms = crm_store_now_ms (self->store);
  crm_task_model_refresh (self->model, self->now_ms, self->show_done, self->search);
}

CrmTaskModel *
crm_tasks_page_get_model (CrmTasksPage *self)
{
  g_return_val_if_fail (CRM_IS_TASKS_PAGE (self), NULL);
  return self->model;
}

void
crm_tasks_page_set_show_done (CrmTasksPage *self,
                              gboolean      show_done)
{
  g_return_if_fail (CRM_IS_TASKS_PAGE (self));

  show_done = !!show_done;
  if (self->show_done == show_done)
    return;
  self->show_done = show_done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DONE]);
  crm_tasks_page_refresh (self);
}

/**
 * crm_tasks_page_quick_add:
 * @self: a #CrmTasksPage
 * @text: "Call back tomorrow 10:00"
 * @error: return location for a #GError
 *
 * Adds a to-do of its own (not linked to a record) from one line: the
 * time at its end, if any, is when it is due and reminded of.
 *
 * Returns: %TRUE when a task was added; %FALSE for a blank line (no
 *   error) or a failure
 */
gboolean
crm_tasks_page_quick_add (CrmTasksPage  *self,
                          const char    *text,
                          GError       **error)
{
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;
  gint64 due = 0;

  g_return_val_if_fail (CRM_IS_TASKS_PAGE (self), FALSE);

  if (crm_text_is_blank (text))
    return FALSE;
  tz = crm_settings_get_timezone (self->store);
  crm_tasks_parse_quick (text, crm_store_now_ms (self->store), tz, &title, &due);
  input.kind = crm_tasks_guess_kind (title);
  input.title = title;
  input.due_ms = due;
  input.remind_before_min = due > 0 ? 0 : -1;
  if (!(id = crm_tasks_create (self->store, &input, error)))
    return FALSE;
  crm_tasks_changed ();
  return TRUE;
}

/**
 * crm_tasks_page_get_count_text:
 * @self: a #CrmTasksPage
 *
 * Returns: (nullable): "3 overdue · 5 today", once the tasks are read
 */
const char *
crm_tasks_page_get_count_text (CrmTasksPage *self)
{
  g_return_val_if_fail (CRM_IS_TASKS_PAGE (self), NULL);
  return self->count_text;
}

/**
 * crm_tasks_page_export_ics:
 * @self: a #CrmTasksPage
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes the open tasks to @file as iCalendar to-dos with their alarms
 * (what "Export to Calendar…" does once a file is chosen).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_tasks_page_export_ics (CrmTasksPage  *self,
                           GFile         *file,
                           GError       **error)
{
  g_autofree char *ics = NULL;

  g_return_val_if_fail (CRM_IS_TASKS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(ics = crm_tasks_export_ics (self->store, FALSE, error)))
    return FALSE;
  return g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
