/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include "crm-window.h"

#include <glib/gi18n.h>

#include "crm-about.h"
#include "crm-application.h"
#include "crm-board-resources.h"
#include "crm-card-resources.h"
#include "crm-core.h"
#include "crm-export.h"
#include "crm-extra-resources.h"
#include "crm-funnel-page.h"
#include "crm-import-dialog.h"
#include "crm-inbox.h"
#include "crm-preferences-window.h"
#include "crm-record-pane.h"
#include "crm-shell-resources.h"
#include "crm-task-badge.h"
#include "crm-tasks-page.h"
#include "crm-tasks-resources.h"
#include "crm-view-logic.h"
#include "crm-welcome-page.h"

/*
 * The main window: a sidebar (AdwLeaflet, folds on narrow widths) with
 * Inbox, Tasks, Funnel, Leads, Contacts and Clients; the record card in a side pane
 * (AdwFlap at the end); a welcome page while the workspace is empty.
 * The window owns the UI thread's CrmStore.
 */

struct _CrmWindow
{
  AdwApplicationWindow  parent_instance;

  CrmStore         *store;
  gboolean          is_demo;
  gboolean          welcome_dismissed;
  CrmRecordPane    *pane;
  CrmInboxPage     *inbox_page;
  CrmTasksPage     *tasks_page;
  CrmFunnelPage    *funnel_page;
  GHashTable       *list_pages;       /* table → CrmListPage */
  GBinding         *subtitle_binding;
  guint             inbox_source;

  AdwToastOverlay  *toast_overlay;
  GtkStack         *main_stack;
  AdwWindowTitle   *welcome_title;
  AdwLeaflet       *leaflet;
  AdwWindowTitle   *sidebar_title;
  GtkListBox       *sidebar_list;
  GtkListBoxRow    *inbox_row;
  GtkLabel         *inbox_badge;
  GtkLabel         *tasks_badge;
  CrmTaskBadge     *task_badge;
  gulong            tasks_watch;
  AdwFlap          *flap;
  AdwWindowTitle   *content_title;
  GtkToggleButton  *search_button;
  GtkRevealer      *demo_revealer;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  AdwViewStack     *view_stack;
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- helpers ---- */

static gboolean
workspace_is_empty (CrmWindow *self)
{
  static const char *const tables[] = { "leads", "contacts", "clients", NULL };

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(CrmQuery) query = crm_query_new (tables[i]);
      g_autoptr(GPtrArray) rows = NULL;

      crm_query_set_sort (query, "rid", TRUE);
      rows = crm_store_query_page (self->store, query, NULL, 1, NULL, NULL);
      if (rows == NULL || rows->len > 0)
        return FALSE;
    }
  return TRUE;
}

static void
update_welcome (CrmWindow *self)
{
  gboolean welcome = !self->welcome_dismissed && workspace_is_empty (self);

  gtk_stack_set_visible_child_name (self->main_stack, welcome ? "welcome" : "workspace");
  if (!welcome)
    self->welcome_dismissed = TRUE;
}

static void
leave_welcome (CrmWindow *self)
{
  self->welcome_dismissed = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
}

static void
update_inbox_badge (CrmWindow *self)
{
  guint n = crm_inbox_page_get_count (self->inbox_page);
  /* A badge is a nudge, not a report: the subtitle has the exact count. */
  g_autofree char *text = n > 999 ? g_strdup ("999+") : g_strdup_printf ("%u", n);

  gtk_label_set_text (self->inbox_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->inbox_badge), n > 0);
  if (g_strcmp0 (crm_window_get_page (self), "inbox") == 0)
    {
      g_autofree char *subtitle = NULL;

      if (n > 0)
        {
          gint64 sla_min = crm_inbox_sla_ms (self->store) / 60000;
          g_autofree char *number = g_strdup_printf ("%'u", n);

          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s new lead · answer within %d min",
                                                   "%s new leads · answer within %d min", n),
                                      number, (int) sla_min);
        }
      adw_window_title_set_subtitle (self->content_title, subtitle != NULL ? subtitle : "");
    }
}

static const char *
page_title (const char *name)
{
  if (g_strcmp0 (name, "inbox") == 0)
    return _("Inbox");
  if (g_strcmp0 (name, "tasks") == 0)
    return _("Tasks");
  if (g_strcmp0 (name, "funnel") == 0)
    return _("Funnel");
  if (g_strcmp0 (name, "leads") == 0)
    return _("Leads");
  if (g_strcmp0 (name, "contacts") == 0)
    return _("Contacts");
  return _("Clients");
}

static void
hide_pane (CrmWindow *self)
{
  GHashTableIter iter;
  gpointer page;

  adw_flap_set_reveal_flap (self->flap, FALSE);
  if (self->pane != NULL)
    crm_record_pane_clear (self->pane);
  g_hash_table_iter_init (&iter, self->list_pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    crm_list_page_unselect (page);
}

/* ---- callbacks ---- */

static void
on_record_activated_cb (GtkWidget  *page,
                        const char *table,
                        const char *id,
                        CrmWindow  *self)
{
  crm_window_show_record (self, table, id);
}

static void
on_record_changed_cb (CrmRecordPane *pane,
                      const char    *table,
                      const char    *id,
                      CrmWindow     *self)
{
  leave_welcome (self);
  crm_window_refresh (self);
}

static void
on_close_requested_cb (CrmRecordPane *pane,
                       CrmWindow     *self)
{
  hide_pane (self);
}

static void
on_open_record_cb (CrmRecordPane *pane,
                   const char    *table,
                   const char    *id,
                   CrmWindow     *self)
{
  crm_window_show_record (self, table, id);
}

static void
on_toast_cb (CrmRecordPane *pane,
             AdwToast      *toast,
             CrmWindow     *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
on_lead_taken_cb (CrmInboxPage *page,
                  const char   *id,
                  const char   *title,
                  CrmWindow    *self)
{
  g_autofree char *text = g_strdup_printf (_("“%s” is yours now"), title);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  crm_window_refresh (self);
  crm_window_show_record (self, "leads", id);
}

static void
on_take_failed_cb (CrmInboxPage *page,
                   const char   *message,
                   CrmWindow    *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  crm_inbox_page_refresh (self->inbox_page);
}

static void
on_inbox_ready_cb (CrmRecordModel *model,
                   CrmWindow      *self)
{
  update_inbox_badge (self);
}

static void
on_row_selected_cb (GtkListBox    *box,
                    GtkListBoxRow *row,
                    CrmWindow     *self)
{
  if (row == NULL)
    return;
  crm_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_row_activated_cb (GtkListBox    *box,
                     GtkListBoxRow *row,
                     CrmWindow     *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_search_changed_cb (GtkEditable *entry,
                      CrmWindow   *self)
{
  const char *text = gtk_editable_get_text (entry);
  const char *page = crm_window_get_page (self);

  /* Search lives in the lists; typing in the Inbox searches the leads. */
  if (*text != '\0' && g_strcmp0 (page, "inbox") == 0)
    {
      crm_window_show_page (self, "leads");
      page = "leads";
    }
  if (g_hash_table_contains (self->list_pages, page))
    crm_list_page_set_search_text (g_hash_table_lookup (self->list_pages, page), text);
  else if (g_strcmp0 (page, "funnel") == 0)
    crm_funnel_page_set_search_text (self->funnel_page, text);
  else if (g_strcmp0 (page, "tasks") == 0)
    crm_tasks_page_set_search_text (self->tasks_page, text);
}

static void
on_search_stopped_cb (GtkSearchEntry *entry,
                      CrmWindow      *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_import_finished_cb (GObject   *dialog,
                       guint      n_created,
                       guint      n_merged,
                       CrmWindow *self)
{
  leave_welcome (self);
  crm_window_refresh (self);
  crm_window_show_page (self, "leads");
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     CrmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (window);
  GSettings *settings = app != NULL && CRM_IS_APPLICATION (app)
                        ? crm_application_get_settings (CRM_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return FALSE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "is-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_string (settings, "last-page", crm_window_get_page (self));
  g_settings_apply (settings);
  return FALSE;
}

/* The card pane is built on first use: its templates cost a third of a
 * second, which would otherwise come before the first frame. */
static CrmRecordPane *
ensure_pane (CrmWindow *self)
{
  GtkWidget *holder;

  if (self->pane != NULL)
    return self->pane;

  self->pane = crm_record_pane_new (self->store);
  gtk_widget_add_css_class (GTK_WIDGET (self->pane), "record-pane");
  g_signal_connect (self->pane, "record-changed", G_CALLBACK (on_record_changed_cb), self);
  g_signal_connect (self->pane, "close-requested", G_CALLBACK (on_close_requested_cb), self);
  g_signal_connect (self->pane, "open-record", G_CALLBACK (on_open_record_cb), self);
  g_signal_connect (self->pane, "toast", G_CALLBACK (on_toast_cb), self);

  /* The card asks for as much width as its longest row; cap what the
   * flap takes so the list keeps most of the window. */
  holder = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (holder), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (holder), FALSE);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (holder), 440);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (holder), GTK_WIDGET (self->pane));
  adw_flap_set_flap (self->flap, holder);
  return self->pane;
}

/* ---- actions ---- */

static void
new_lead_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);

  leave_welcome (self);
  if (g_strcmp0 (crm_window_get_page (self), "leads") != 0 &&
      g_strcmp0 (crm_window_get_page (self), "inbox") != 0)
    crm_window_show_page (self, "leads");
  crm_record_pane_new_lead (ensure_pane (self));
  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);

  leave_welcome (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);

  leave_welcome (self);
  crm_window_show_page (self, g_variant_get_string (param, NULL));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  adw_leaflet_set_visible_child_name (CRM_WINDOW (widget)->leaflet, "sidebar");
}

static void
close_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  hide_pane (CRM_WINDOW (widget));
}

static void
show_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);
  const char *table, *id;

  g_variant_get (param, "(&s&s)", &table, &id);
  leave_welcome (self);
  if (g_hash_table_contains (self->list_pages, table))
    crm_window_show_page (self, table);
  crm_window_show_record (self, table, id);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);
  CrmImportDialog *dialog = crm_import_dialog_present (GTK_WINDOW (self), self->store);

  if (dialog != NULL)
    g_signal_connect_object (dialog, "import-finished", G_CALLBACK (on_import_finished_cb), self, 0);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);
  const char *page = crm_window_get_page (self);
  g_autoptr(CrmQuery) query = NULL;
  const char *table = "leads";

  if (g_hash_table_contains (self->list_pages, page))
    {
      CrmListPage *list = g_hash_table_lookup (self->list_pages, page);

      table = crm_list_page_get_table (list);
      query = crm_list_page_build_query (list);
    }
  else
    query = crm_inbox_query_new (self->store);
  crm_export_run (GTK_WINDOW (self), self->store, table, query);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_preferences_window_present (GTK_WINDOW (self), self->store);
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  crm_about_present (GTK_WINDOW (widget));
}

/* ---- GObject ---- */

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  if (self->inbox_page != NULL)
    g_signal_handlers_disconnect_by_func (crm_inbox_page_get_model (self->inbox_page),
                                          on_inbox_ready_cb, self);
  g_clear_pointer (&self->subtitle_binding, g_binding_unbind);
  g_clear_handle_id (&self->inbox_source, g_source_remove);
  if (self->tasks_watch != 0)
    crm_tasks_unwatch (self->tasks_watch);
  self->tasks_watch = 0;
  g_clear_object (&self->task_badge);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  g_clear_pointer (&self->list_pages, g_hash_table_unref);
  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_finalize (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_window_parent_class)->finalize (object);
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_window_dispose;
  object_class->finalize = crm_window_finalize;

  /* The bundles live in a static library: naming them makes the linker
   * keep their objects, whose constructors register the resources. */
  g_assert (crm_shell_get_resource () != NULL);
  g_assert (crm_card_get_resource () != NULL);
  g_assert (crm_extra_get_resource () != NULL);
  g_assert (crm_board_get_resource () != NULL);
  g_assert (crm_tasks_get_resource () != NULL);

  g_type_ensure (CRM_TYPE_WELCOME_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, welcome_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, tasks_badge);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, inbox_row);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, inbox_badge);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, view_stack);

  gtk_widget_class_install_action (widget_class, "win.new-lead", NULL, new_lead_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.close-pane", NULL, close_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-record", "(ss)", show_record_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-lead", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "inbox");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "tasks");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "funnel");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "leads");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "contacts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK, "win.show-page", "s", "clients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_pages = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (self->sidebar_list, "row-selected", G_CALLBACK (on_row_selected_cb), self);
  g_signal_connect (self->sidebar_list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  g_signal_connect (self->search_entry, "changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_search_stopped_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), self);
}

/* List pages are built when first shown: the window's first frame only
 * pays for the page it opens on. */
static CrmListPage *
ensure_list_page (CrmWindow  *self,
                  const char *table)
{
  CrmListPage *page = g_hash_table_lookup (self->list_pages, table);

  if (page != NULL)
    return page;
  if (g_strcmp0 (table, "leads") != 0 && g_strcmp0 (table, "contacts") != 0 &&
      g_strcmp0 (table, "clients") != 0)
    return NULL;
  page = crm_list_page_new (self->store, table);
  g_signal_connect (page, "record-activated", G_CALLBACK (on_record_activated_cb), self);
  adw_view_stack_add_named (self->view_stack, GTK_WIDGET (page), table);
  g_hash_table_insert (self->list_pages, (char *) crm_list_page_get_table (page), page);
  return page;
}

/* The board and the task list, like the lists, are built when first shown. */
static GtkWidget *
ensure_other_page (CrmWindow  *self,
                   const char *name)
{
  if (g_strcmp0 (name, "funnel") == 0)
    {
      if (self->funnel_page == NULL)
        {
          self->funnel_page = crm_funnel_page_new (self->store);
          g_signal_connect (self->funnel_page, "record-activated",
                            G_CALLBACK (on_record_activated_cb), self);
          g_signal_connect (self->funnel_page, "record-changed",
                            G_CALLBACK (on_record_changed_cb), self);
          adw_view_stack_add_named (self->view_stack, GTK_WIDGET (self->funnel_page), "funnel");
        }
      return GTK_WIDGET (self->funnel_page);
    }
  if (g_strcmp0 (name, "tasks") == 0)
    {
      if (self->tasks_page == NULL)
        {
          self->tasks_page = crm_tasks_page_new (self->store);
          g_signal_connect (self->tasks_page, "record-activated",
                            G_CALLBACK (on_record_activated_cb), self);
          adw_view_stack_add_named (self->view_stack, GTK_WIDGET (self->tasks_page), "tasks");
        }
      return GTK_WIDGET (self->tasks_page);
    }
  return NULL;
}

/* A task added, done or moved anywhere changes the next steps the board's
 * cards and the Leads list show. */
static void
on_tasks_changed_cb (gpointer data)
{
  CrmWindow *self = data;
  CrmListPage *leads = g_hash_table_lookup (self->list_pages, "leads");

  if (self->funnel_page != NULL)
    crm_funnel_page_refresh (self->funnel_page);
  if (leads != NULL)
    crm_list_page_refresh_when_shown (leads);
}

/* The sidebar's Inbox count, when the window opens on another page. */
static gboolean
load_inbox_cb (gpointer data)
{
  CrmWindow *self = data;

  self->inbox_source = 0;
  if (!crm_inbox_page_get_loaded (self->inbox_page))
    crm_inbox_page_refresh (self->inbox_page);
  return G_SOURCE_REMOVE;
}

/**
 * crm_window_new:
 * @app: the application
 * @store: the workspace (the window keeps a reference)
 * @is_demo: whether @store is the demo database
 *
 * Returns: (transfer none): a new window
 */
CrmWindow *
crm_window_new (GtkApplication *app,
                CrmStore       *store,
                gboolean        is_demo)
{
  CrmWindow *self;
  GSettings *settings = NULL;
  g_autofree char *last_page = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_WINDOW, "application", app, NULL);
  self->store = g_object_ref (store);
  self->is_demo = is_demo;

  /* The pages. */
  self->inbox_page = crm_inbox_page_new (store);
  g_signal_connect (self->inbox_page, "record-activated", G_CALLBACK (on_record_activated_cb), self);
  g_signal_connect (self->inbox_page, "lead-taken", G_CALLBACK (on_lead_taken_cb), self);
  g_signal_connect (self->inbox_page, "take-failed", G_CALLBACK (on_take_failed_cb), self);
  g_signal_connect (crm_inbox_page_get_model (self->inbox_page), "ready",
                    G_CALLBACK (on_inbox_ready_cb), self);
  adw_view_stack_add_named (self->view_stack, GTK_WIDGET (self->inbox_page), "inbox");
  self->task_badge = crm_task_badge_new (store, self->tasks_badge);
  self->tasks_watch = crm_tasks_watch (on_tasks_changed_cb, self);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* Title: the file's name tells workspaces apart; demo is labelled. */
  base = g_path_get_basename (crm_store_get_path (store));
  if (is_demo)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Voronka — Demo"));
      adw_window_title_set_subtitle (self->sidebar_title, _("Demo data"));
      adw_window_title_set_subtitle (self->welcome_title, _("Demo data"));
      gtk_revealer_set_reveal_child (self->demo_revealer, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "demo");
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Voronka"));
      if (g_strcmp0 (base, "voronka.db") != 0)
        {
          adw_window_title_set_subtitle (self->sidebar_title, base);
          adw_window_title_set_subtitle (self->welcome_title, base);
        }
    }

  if (app != NULL && CRM_IS_APPLICATION (app))
    settings = crm_application_get_settings (CRM_APPLICATION (app));
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "is-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last_page = g_settings_get_string (settings, "last-page");
    }

  crm_window_show_page (self, last_page != NULL && *last_page != '\0' ? last_page : "inbox");
  if (!crm_inbox_page_get_loaded (self->inbox_page))
    self->inbox_source = g_timeout_add (1000, load_inbox_cb, self);
  update_welcome (self);
  return self;
}

CrmStore *
crm_window_get_store (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return self->store;
}

gboolean
crm_window_get_is_demo (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), FALSE);
  return self->is_demo;
}

/**
 * crm_window_show_page:
 * @self: a #CrmWindow
 * @name: "inbox", "leads", "contacts" or "clients"
 */
void
crm_window_show_page (CrmWindow  *self,
                      const char *name)
{
  GtkWidget *page;
  GtkListBoxRow *row = NULL;

  g_return_if_fail (CRM_IS_WINDOW (self));

  page = GTK_WIDGET (ensure_list_page (self, name));
  if (page == NULL)
    page = ensure_other_page (self, name);
  if (page == NULL)
    {
      name = "inbox";
      page = GTK_WIDGET (self->inbox_page);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  adw_window_title_set_title (self->content_title, page_title (name));

  g_clear_pointer (&self->subtitle_binding, g_binding_unbind);
  if (CRM_IS_LIST_PAGE (page))
    {
      self->subtitle_binding = g_object_bind_property (page, "count-text", self->content_title, "subtitle",
                                                       G_BINDING_SYNC_CREATE);
      crm_list_page_set_search_text (CRM_LIST_PAGE (page),
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }
  else if (CRM_IS_TASKS_PAGE (page))
    self->subtitle_binding = g_object_bind_property (page, "count-text", self->content_title, "subtitle",
                                                     G_BINDING_SYNC_CREATE);
  else if (g_strcmp0 (name, "inbox") == 0)
    update_inbox_badge (self);
  else
    adw_window_title_set_subtitle (self->content_title, "");
  if (CRM_IS_FUNNEL_PAGE (page))
    crm_funnel_page_set_search_text (CRM_FUNNEL_PAGE (page),
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      row = GTK_LIST_BOX_ROW (child);
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);
}

const char *
crm_window_get_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

gboolean
crm_window_is_welcome (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0;
}

/* After a write anywhere (card, import, Take): re-run every list's query;
 * a list whose rows did not change keeps its scroll position. */
void
crm_window_refresh (CrmWindow *self)
{
  GHashTableIter iter;
  gpointer page;

  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_inbox_page_refresh (self->inbox_page);
  g_hash_table_iter_init (&iter, self->list_pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    crm_list_page_refresh_when_shown (page);
  /* The board, with the rest of what shows next steps, follows from here. */
  crm_tasks_changed ();
  update_welcome (self);
}

void
crm_window_show_record (CrmWindow  *self,
                        const char *table,
                        const char *id)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_record_pane_show_record (ensure_pane (self), table, id);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

void
crm_window_set_search_text (CrmWindow  *self,
                            const char *text)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

CrmListPage *
crm_window_get_list_page (CrmWindow  *self,
                          const char *table)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return ensure_list_page (self, table);
}

CrmInboxPage *
crm_window_get_inbox_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return self->inbox_page;
}

void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
