/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-record-pane"

#include "config.h"

#include "crm-record-pane.h"

#include <glib/gi18n.h>

#include "crm-card-util.h"
#include "crm-core.h"
#include "crm-client-card.h"
#include "crm-contact-card.h"
#include "crm-lead-card.h"

struct _CrmRecordPane
{
  GtkWidget            parent_instance;

  CrmStore            *store;
  char                *table;
  char                *id;

  GtkWidget           *box;
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwPreferencesPage  *simple_page;
  AdwPreferencesGroup *simple_group;
  CrmLeadCard         *lead_card;
  CrmContactCard      *contact_card;
  CrmClientCard       *client_card;
};

G_DEFINE_FINAL_TYPE (CrmRecordPane, crm_record_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  RECORD_CHANGED,
  CLOSE_REQUESTED,
  OPEN_RECORD,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_current (CrmRecordPane *self,
             const char    *table,
             const char    *id)
{
  char *t = g_strdup (table);
  char *i = g_strdup (id);

  g_free (self->table);
  g_free (self->id);
  self->table = t;
  self->id = i;
}

static void
clear_simple (CrmRecordPane *self)
{
  if (self->simple_group != NULL)
    adw_preferences_page_remove (self->simple_page, self->simple_group);
  self->simple_group = NULL;
}

/* A read-only listing of a record's columns (until the card of its kind
 * is there). */
static void
show_simple (CrmRecordPane *self,
             CrmRecord     *record)
{
  g_auto(GStrv) columns = crm_record_dup_columns (record);

  clear_simple (self);
  self->simple_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      const char *value = crm_record_get_text (record, columns[i]);
      GtkWidget *row;

      if (value == NULL || columns[i][0] == '_' || g_str_has_suffix (columns[i], "_key"))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), columns[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (self->simple_group, row);
    }
  adw_preferences_page_add (self->simple_page, self->simple_group);
  gtk_stack_set_visible_child_name (self->stack, "simple");
}

/* Typing is saved a moment after it stops: save it before the card shows
 * something else. */
static void
flush_cards (CrmRecordPane *self)
{
  if (self->lead_card != NULL)
    crm_lead_card_flush (self->lead_card);
  if (self->contact_card != NULL)
    crm_contact_card_flush (self->contact_card);
  if (self->client_card != NULL)
    crm_client_card_flush (self->client_card);
}

static void
on_card_record_changed_cb (CrmRecordPane *self,
                           const char    *table,
                           const char    *id)
{
  if (g_strcmp0 (table, self->table) == 0 && self->id == NULL)
    {
      set_current (self, table, id);
      adw_window_title_set_title (self->window_title,
                                  g_strcmp0 (table, "contacts") == 0 ? _("Contact") : _("Lead"));
    }
  g_signal_emit (self, signals[RECORD_CHANGED], 0, table, id);
}

static void
on_card_open_record_cb (CrmRecordPane *self,
                        const char    *table,
                        const char    *id)
{
  g_autofree char *t = g_strdup (table);
  g_autofree char *i = g_strdup (id);

  crm_record_pane_show_record (self, t, i);
  g_signal_emit (self, signals[OPEN_RECORD], 0, t, i);
}

static void
on_card_toast_cb (CrmRecordPane *self,
                  AdwToast      *toast)
{
  g_signal_emit (self, signals[TOAST], 0, toast);
}

static void
on_card_deleted_cb (CrmRecordPane *self,
                    const char    *table,
                    const char    *id)
{
  crm_record_pane_clear (self);
}

static void
connect_card (CrmRecordPane *self,
              GtkWidget     *card)
{
  g_signal_connect_object (card, "record-changed", G_CALLBACK (on_card_record_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "open-record", G_CALLBACK (on_card_open_record_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "toast", G_CALLBACK (on_card_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "deleted", G_CALLBACK (on_card_deleted_cb), self, G_CONNECT_SWAPPED);
}

static void on_add_contact_cb (CrmRecordPane *self, const char *client_id);

/* Cards are built the first time one is shown: the window's first frame
 * does not wait for three card templates nobody has opened yet. */
static GtkWidget *
ensure_card (CrmRecordPane *self,
             const char    *table)
{
  GtkWidget *card = NULL;

  if (g_strcmp0 (table, "leads") == 0)
    {
      if (self->lead_card == NULL)
        card = GTK_WIDGET (self->lead_card = crm_lead_card_new (self->store));
      else
        return GTK_WIDGET (self->lead_card);
    }
  else if (g_strcmp0 (table, "contacts") == 0)
    {
      if (self->contact_card == NULL)
        card = GTK_WIDGET (self->contact_card = crm_contact_card_new (self->store));
      else
        return GTK_WIDGET (self->contact_card);
    }
  else if (g_strcmp0 (table, "clients") == 0)
    {
      if (self->client_card == NULL)
        card = GTK_WIDGET (self->client_card = crm_client_card_new (self->store));
      else
        return GTK_WIDGET (self->client_card);
    }
  if (card != NULL)
    {
      gtk_stack_add_named (self->stack, card, table);
      connect_card (self, card);
      if (CRM_IS_CLIENT_CARD (card))
        g_signal_connect_object (card, "add-contact", G_CALLBACK (on_add_contact_cb), self, G_CONNECT_SWAPPED);
    }
  return card;
}

static void
on_add_contact_cb (CrmRecordPane *self,
                   const char    *client_id)
{
  g_autofree char *client = g_strdup (client_id);

  crm_record_pane_new_contact (self, client);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

static void
crm_record_pane_constructed (GObject *object)
{
  CrmRecordPane *self = CRM_RECORD_PANE (object);

  G_OBJECT_CLASS (crm_record_pane_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_STORE (self->store));
}

static void
crm_record_pane_dispose (GObject *object)
{
  CrmRecordPane *self = CRM_RECORD_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_RECORD_PANE);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_record_pane_parent_class)->dispose (object);
}

static void
crm_record_pane_finalize (GObject *object)
{
  CrmRecordPane *self = CRM_RECORD_PANE (object);

  g_free (self->table);
  g_free (self->id);

  G_OBJECT_CLASS (crm_record_pane_parent_class)->finalize (object);
}

static void
crm_record_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmRecordPane *self = CRM_RECORD_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmRecordPane *self = CRM_RECORD_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_pane_class_init (CrmRecordPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_record_pane_constructed;
  object_class->dispose = crm_record_pane_dispose;
  object_class->finalize = crm_record_pane_finalize;
  object_class->get_property = crm_record_pane_get_property;
  object_class->set_property = crm_record_pane_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-record-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmRecordPane, box);
  gtk_widget_class_bind_template_child (widget_class, CrmRecordPane, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmRecordPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmRecordPane, simple_page);

  gtk_widget_class_install_action (widget_class, "pane.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "crmrecordpane");
}

static void
crm_record_pane_init (CrmRecordPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  crm_card_ensure_style ();
}

/**
 * crm_record_pane_new:
 * @store: the UI thread's store
 *
 * Returns: (transfer full): a new pane showing nothing
 */
CrmRecordPane *
crm_record_pane_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_RECORD_PANE, "store", store, NULL);
}

CrmStore *
crm_record_pane_get_store (CrmRecordPane *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_PANE (self), NULL);
  return self->store;
}

const char *
crm_record_pane_get_table (CrmRecordPane *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_PANE (self), NULL);
  return self->table;
}

const char *
crm_record_pane_get_id (CrmRecordPane *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_PANE (self), NULL);
  return self->id;
}

/**
 * crm_record_pane_show_record:
 * @self: a #CrmRecordPane
 * @table: "leads", "contacts" or "clients"
 * @id: the record's id
 *
 * Shows the card of one record.
 */
void
crm_record_pane_show_record (CrmRecordPane *self,
                             const char    *table,
                             const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = NULL;

  g_return_if_fail (CRM_IS_RECORD_PANE (self));
  g_return_if_fail (table != NULL && id != NULL);

  record = crm_store_get (self->store, table, id, &error);
  if (record == NULL)
    {
      /* A list may still hold a record that is gone (merged away, or
       * another PC's change): say so instead of showing a broken card. */
      g_debug ("Cannot show %s %s: %s", table, id, error->message);
      crm_record_pane_clear (self);
      {
        AdwToast *toast = adw_toast_new (_("This record is no longer there"));
        g_signal_emit (self, signals[TOAST], 0, toast);
        g_object_unref (toast);
      }
      return;
    }
  set_current (self, table, id);
  adw_window_title_set_title (self->window_title,
                              g_strcmp0 (table, "leads") == 0 ? _("Lead") :
                              g_strcmp0 (table, "contacts") == 0 ? _("Contact") : _("Client"));
  flush_cards (self);
  ensure_card (self, table);
  if (g_strcmp0 (table, "leads") == 0)
    crm_lead_card_load (self->lead_card, id);
  else if (g_strcmp0 (table, "contacts") == 0)
    crm_contact_card_load (self->contact_card, id);
  else if (g_strcmp0 (table, "clients") == 0)
    crm_client_card_load (self->client_card, id);
  else
    {
      show_simple (self, record);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, table);
}

/**
 * crm_record_pane_new_lead:
 * @self: a #CrmRecordPane
 *
 * Shows an empty lead card; the lead is created once something is typed.
 */
void
crm_record_pane_new_lead (CrmRecordPane *self)
{
  g_return_if_fail (CRM_IS_RECORD_PANE (self));

  flush_cards (self);
  set_current (self, "leads", NULL);
  adw_window_title_set_title (self->window_title, _("New Lead"));
  ensure_card (self, "leads");
  crm_lead_card_load (self->lead_card, NULL);
  gtk_stack_set_visible_child_name (self->stack, "leads");
}

/**
 * crm_record_pane_clear:
 * @self: a #CrmRecordPane
 *
 * Shows no record.
 */
void
crm_record_pane_clear (CrmRecordPane *self)
{
  g_return_if_fail (CRM_IS_RECORD_PANE (self));

  flush_cards (self);
  set_current (self, NULL, NULL);
  adw_window_title_set_title (self->window_title, NULL);
  clear_simple (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * crm_record_pane_new_contact:
 * @self: a #CrmRecordPane
 * @client_id: (nullable): the client the contact works for
 *
 * Shows an empty contact card; the contact is created once it has a name.
 */
void
crm_record_pane_new_contact (CrmRecordPane *self,
                             const char    *client_id)
{
  g_return_if_fail (CRM_IS_RECORD_PANE (self));

  flush_cards (self);
  set_current (self, "contacts", NULL);
  adw_window_title_set_title (self->window_title, _("New Contact"));
  ensure_card (self, "contacts");
  crm_contact_card_new_contact (self->contact_card, client_id);
  gtk_stack_set_visible_child_name (self->stack, "contacts");
}
