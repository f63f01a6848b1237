/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-inbox-page"

#include "config.h"

#include "crm-inbox-page.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-inbox.h"
#include "crm-view-logic.h"

/*
 * The Inbox: new leads nobody has answered, oldest first, each with its
 * first-response countdown. The countdowns tick once a second on the rows
 * that are bound; the list is only re-queried after a change.
 */

struct _CrmInboxPage
{
  GtkWidget        parent_instance;

  CrmStore        *store;
  CrmRecordModel  *model;
  CrmNames        *names;
  GTimeZone       *tz;
  gint64           sla_ms;
  GHashTable      *bound;      /* GtkListItem set */
  guint            tick_source;
  gboolean         loaded;

  GtkStack        *stack;
  GtkListView     *list_view;
  AdwStatusPage   *empty_page;
};

G_DEFINE_FINAL_TYPE (CrmInboxPage, crm_inbox_page, GTK_TYPE_WIDGET)

enum {
  RECORD_ACTIVATED,
  LEAD_TAKEN,
  TAKE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_countdown (CrmInboxPage *self,
                  GtkListItem  *list_item,
                  gint64        now_ms)
{
  CrmRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "countdown");
  CrmRecord *record = item != NULL ? crm_record_item_get_record (item) : NULL;
  CrmCountdownState state = CRM_COUNTDOWN_OK;
  g_autofree char *text = NULL;

  if (record == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), "");
      return;
    }
  text = crm_view_countdown_text (crm_record_get_int (record, "created_ms", now_ms),
                                  self->sla_ms, now_ms, &state);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_css_classes (label, (const char *[]) {
    "countdown", "numeric",
    state == CRM_COUNTDOWN_OVERDUE ? "overdue" : state == CRM_COUNTDOWN_SOON ? "soon" : "ok",
    NULL });
  if (state == CRM_COUNTDOWN_OVERDUE)
    gtk_widget_add_css_class (row, "overdue");
  else
    gtk_widget_remove_css_class (row, "overdue");
}

static void
update_row (CrmInboxPage *self,
            GtkListItem  *list_item)
{
  CrmRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  CrmRecord *record = item != NULL ? crm_record_item_get_record (item) : NULL;
  gint64 now_ms = crm_store_now_ms (self->store);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *when = NULL;
  const char *title = "";
  const char *company, *channel;

  if (record != NULL)
    {
      title = crm_view_record_title (record);
      company = crm_record_get_text (record, "company");
      channel = crm_names_lookup (self->names, crm_record_get_text (record, "channel_id"));
      when = crm_view_format_date (crm_record_get_int (record, "created_ms", 0), now_ms, self->tz);
      if (company != NULL && *company != '\0' && g_strcmp0 (company, title) != 0)
        g_string_append (detail, company);
      if (channel != NULL)
        g_string_append_printf (detail, "%s%s", detail->len ? " · " : "", channel);
      g_string_append_printf (detail, "%s%s", detail->len ? " · " : "", when);
    }
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "name"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "detail"), detail->str);
  {
    g_autofree char *avatar = crm_text_avatar_name (title);
    adw_avatar_set_text (g_object_get_data (G_OBJECT (row), "avatar"), avatar);
  }
  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "take"), record != NULL);
  update_countdown (self, list_item, now_ms);
}

static void
on_item_record_cb (CrmRecordItem *item,
                   GParamSpec    *pspec,
                   GtkListItem   *list_item)
{
  CrmInboxPage *self = g_object_get_data (G_OBJECT (list_item), "crm-inbox-page");

  update_row (self, list_item);
}

static void
on_take_clicked_cb (GtkButton   *button,
                    GtkListItem *list_item)
{
  CrmInboxPage *self = g_object_get_data (G_OBJECT (list_item), "crm-inbox-page");
  CrmRecordItem *item = gtk_list_item_get_item (list_item);
  CrmRecord *record = item != NULL ? crm_record_item_get_record (item) : NULL;

  if (record != NULL)
    crm_inbox_page_take (self, crm_record_get_id (record));
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CrmInboxPage             *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *avatar = adw_avatar_new (40, NULL, TRUE);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *countdown = gtk_label_new (NULL);
  GtkWidget *take = gtk_button_new_with_mnemonic (_("_Take"));

  gtk_widget_add_css_class (row, "inbox-row");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_widget_set_valign (countdown, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (take, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (take, "suggested-action");
  gtk_widget_set_tooltip_text (take, _("Assign to me and move to work"));
  g_signal_connect (take, "clicked", G_CALLBACK (on_take_clicked_cb), list_item);

  gtk_box_append (GTK_BOX (row), avatar);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), countdown);
  gtk_box_append (GTK_BOX (row), take);
  g_object_set_data (G_OBJECT (row), "avatar", avatar);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "detail", detail);
  g_object_set_data (G_OBJECT (row), "countdown", countdown);
  g_object_set_data (G_OBJECT (row), "take", take);
  g_object_set_data (G_OBJECT (list_item), "crm-inbox-page", self);
  gtk_list_item_set_child (list_item, row);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CrmInboxPage             *self)
{
  CrmRecordItem *item = gtk_list_item_get_item (list_item);

  g_signal_connect (item, "notify::record", G_CALLBACK (on_item_record_cb), list_item);
  g_hash_table_add (self->bound, list_item);
  update_row (self, list_item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CrmInboxPage             *self)
{
  CrmRecordItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_record_cb, list_item);
  g_hash_table_remove (self->bound, list_item);
}

static void
on_activate_cb (GtkListView  *view,
                guint         position,
                CrmInboxPage *self)
{
  g_autoptr(CrmRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  CrmRecord *record = item != NULL ? crm_record_item_get_record (item) : NULL;

  if (record != NULL)
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0, "leads", crm_record_get_id (record));
}

static void
on_model_ready_cb (CrmRecordModel *model,
                   CrmInboxPage   *self)
{
  /* A count for the badge leaves the rows (and the page) as they are. */
  if (!self->loaded)
    return;
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 ? "list" : "empty");
}

static gboolean
tick_cb (gpointer data)
{
  crm_inbox_page_tick (CRM_INBOX_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static void
crm_inbox_page_map (GtkWidget *widget)
{
  CrmInboxPage *self = CRM_INBOX_PAGE (widget);

  GTK_WIDGET_CLASS (crm_inbox_page_parent_class)->map (widget);
  if (!self->loaded)
    crm_inbox_page_refresh (self);
  crm_inbox_page_tick (self);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add (1000, tick_cb, self);
}

static void
crm_inbox_page_unmap (GtkWidget *widget)
{
  CrmInboxPage *self = CRM_INBOX_PAGE (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  GTK_WIDGET_CLASS (crm_inbox_page_parent_class)->unmap (widget);
}

static void
crm_inbox_page_dispose (GObject *object)
{
  CrmInboxPage *self = CRM_INBOX_PAGE (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_ready_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_INBOX_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (crm_inbox_page_parent_class)->dispose (object);
}

static void
crm_inbox_page_finalize (GObject *object)
{
  CrmInboxPage *self = CRM_INBOX_PAGE (object);

  crm_names_free (self->names);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_hash_table_unref (self->bound);
  G_OBJECT_CLASS (crm_inbox_page_parent_class)->finalize (object);
}

static void
crm_inbox_page_class_init (CrmInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_inbox_page_dispose;
  object_class->finalize = crm_inbox_page_finalize;
  widget_class->map = crm_inbox_page_map;
  widget_class->unmap = crm_inbox_page_unmap;

  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[LEAD_TAKEN] =
    g_signal_new ("lead-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[TAKE_FAILED] =
    g_signal_new ("take-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_inbox_page_init (CrmInboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bound = g_hash_table_new (NULL, NULL);
}

CrmInboxPage *
crm_inbox_page_new (CrmStore *store)
{
  CrmInboxPage *self;
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_INBOX_PAGE, NULL);
  self->store = g_object_ref (store);
  self->names = crm_names_load (store);
  self->tz = crm_settings_get_timezone (store);
  self->sla_ms = crm_inbox_sla_ms (store);

  self->model = crm_record_model_new (crm_store_get_path (store), "leads");
  g_signal_connect (self->model, "ready", G_CALLBACK (on_model_ready_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  return self;
}

CrmRecordModel *
crm_inbox_page_get_model (CrmInboxPage *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_PAGE (self), NULL);
  return self->model;
}

guint
crm_inbox_page_get_count (CrmInboxPage *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_PAGE (self), 0);
  return crm_record_model_get_count (self->model);
}

gboolean
crm_inbox_page_get_loaded (CrmInboxPage *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_PAGE (self), FALSE);
  return self->loaded;
}

/* Queries when called; the page also queries by itself when shown. While
 * hidden it only counts, for the window's badge: with a million new leads
 * the rows' ids, pages and reader kept 20 MB resident for a number. */
void
crm_inbox_page_refresh (CrmInboxPage *self)
{
  g_return_if_fail (CRM_IS_INBOX_PAGE (self));

  self->sla_ms = crm_inbox_sla_ms (self->store);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->loaded = FALSE;
      crm_record_model_count (self->model, crm_inbox_query_new (self->store));
      return;
    }
  self->loaded = TRUE;
  crm_record_model_set_query (self->model, crm_inbox_query_new (self->store));
}

/**
 * crm_inbox_page_take:
 * @self: a #CrmInboxPage
 * @lead_id: a lead in the Inbox
 *
 * Assigns the lead to the current user and moves it to work; emits
 * "lead-taken" or "take-failed".
 *
 * Returns: %TRUE when the lead was taken
 */
gboolean
crm_inbox_page_take (CrmInboxPage *self,
                     const char   *lead_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) lead = NULL;

  g_return_val_if_fail (CRM_IS_INBOX_PAGE (self), FALSE);

  if (!crm_inbox_take (self->store, lead_id, &error))
    {
      g_signal_emit (self, signals[TAKE_FAILED], 0, error->message);
      return FALSE;
    }
  /* The window refreshes every page after a take (lead-taken). */
  lead = crm_store_get (self->store, "leads", lead_id, NULL);
  g_signal_emit (self, signals[LEAD_TAKEN], 0, lead_id,
                 lead != NULL ? crm_view_record_title (lead) : "");
  return TRUE;
}

/* Once a second: only the countdown labels of the rows on screen. */
void
crm_inbox_page_tick (CrmInboxPage *self)
{
  GHashTableIter iter;
  gpointer key;
  gint64 now_ms;

  g_return_if_fail (CRM_IS_INBOX_PAGE (self));

  now_ms = crm_store_now_ms (self->store);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_countdown (self, key, now_ms);
}
