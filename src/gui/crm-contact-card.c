/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-card"

#include "config.h"

#include "crm-contact-card.h"

#include <glib/gi18n.h>

#include "crm-card-form.h"
#include "crm-card-util.h"
#include "crm-core.h"
#include "crm-duplicate-banner.h"
#include "crm-history-view.h"
#include "crm-task-next.h"
#include "crm-timeline.h"

struct _CrmContactCard
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmCardForm        *form;
  guint               dedupe_id;
  GPtrArray          *link_rows;

  CrmDuplicateBanner *duplicate_banner;
  AdwAvatar          *avatar;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  AdwViewStack       *view_stack;
  AdwPreferencesGroup *phones_group;
  AdwPreferencesGroup *emails_group;
  GtkTextView        *note_view;
  CrmTimeline        *timeline;
  CrmTaskNext        *task_next;
  CrmHistoryView     *history_view;
  AdwPreferencesGroup *links_group;
  AdwEntryRow        *name_row;
  AdwEntryRow        *job_title_row;
};

G_DEFINE_FINAL_TYPE (CrmContactCard, crm_contact_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_dedupe (CrmContactCard *self);
static void update_links (CrmContactCard *self);
static void on_probe_changed_cb (CrmContactCard *self);
static void on_saved_cb (CrmContactCard *self, const char *id, gboolean created);
static void on_failed_cb (CrmContactCard *self, const char *message);

static void
update_header (CrmContactCard *self)
{
  CrmRecord *r = crm_card_form_get_record (self->form);
  const char *name = r ? crm_record_get_text (r, "full_name") : NULL;
  const char *job = r ? crm_record_get_text (r, "job_title") : NULL;
  g_autofree char *client = r ? crm_catalog_name (self->store, "clients", crm_record_get_text (r, "client_id")) : NULL;
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->title_label, name != NULL ? name : _("Unnamed Contact"));
  {
    g_autofree char *avatar = crm_text_avatar_name (name);
    adw_avatar_set_text (self->avatar, avatar);
  }
  if (job != NULL && client != NULL)
    subtitle = g_strdup_printf (_("%s at %s"), job, client);
  else
    subtitle = g_strdup (job != NULL ? job : client);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
}

static void
update_links (CrmContactCard *self)
{
  CrmRecord *r = crm_card_form_get_record (self->form);
  const char *client_id = r ? crm_record_get_text (r, "client_id") : NULL;
  const char *lead_id = r ? crm_record_get_text (r, "lead_id") : NULL;

  crm_card_clear_group (self->links_group, self->link_rows);
  if (client_id != NULL)
    {
      g_autofree char *name = crm_catalog_name (self->store, "clients", client_id);
      GtkWidget *row = crm_card_link_row (name, _("Client"), "x-office-address-book-symbolic", "clients", client_id);

      adw_preferences_group_add (self->links_group, row);
      g_ptr_array_add (self->link_rows, row);
    }
  if (lead_id != NULL)
    {
      g_autofree char *name = crm_catalog_name (self->store, "leads", lead_id);
      GtkWidget *row = crm_card_link_row (name, _("From lead"), "document-open-recent-symbolic", "leads", lead_id);

      adw_preferences_group_add (self->links_group, row);
      g_ptr_array_add (self->link_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), self->link_rows->len > 0);
}

static void
crm_contact_card_constructed (GObject *object)
{
  CrmContactCard *self = CRM_CONTACT_CARD (object);

  G_OBJECT_CLASS (crm_contact_card_parent_class)->constructed (object);

  self->form = crm_card_form_new (self->store, "contacts");
  crm_card_form_bind_entry (self->form, self->name_row, "full_name", CRM_CHECK_REQUIRED);
  crm_card_form_bind_entry (self->form, self->job_title_row, "job_title", CRM_CHECK_NONE);
  crm_card_form_bind_addresses (self->form, self->phones_group, "phones");
  crm_card_form_bind_addresses (self->form, self->emails_group, "emails");
  crm_card_form_bind_text_view (self->form, self->note_view, "note");
  g_signal_connect_object (self->form, "probe-changed", G_CALLBACK (on_probe_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
}

static void
run_dedupe (CrmContactCard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (crm_card_form_get_id (self->form) == NULL)
    return;
  if (!(found = crm_card_find_duplicates (self->store, self->form, "contact", "full_name", NULL, "inn", &error)))
    {
      g_warning ("Duplicate check failed: %s", error->message);
      return;
    }
  crm_duplicate_banner_set_candidates (self->duplicate_banner, "contact", found);
}

/* Call and Write need a phone or an address that parses. */
static void
update_reach (CrmContactCard *self)
{
  crm_card_update_reach (GTK_WIDGET (self), self->form, "card.call", "card.write");
}

static gboolean
dedupe_cb (gpointer data)
{
  CrmContactCard *self = data;

  self->dedupe_id = 0;
  run_dedupe (self);
  return G_SOURCE_REMOVE;
}

static void
on_probe_changed_cb (CrmContactCard *self)
{
  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  self->dedupe_id = g_timeout_add (300, dedupe_cb, self);
  update_reach (self);
}

static void
on_saved_cb (CrmContactCard       *self,
             const char *id,
             gboolean    created)
{
  if (created)
    {
      crm_timeline_set_record (self->timeline, self->store, "contact", id);
      crm_task_next_set_record (self->task_next, self->store, "contact", id);
      crm_history_view_set_record (self->history_view, self->store, id);
      update_links (self);
    }
  update_header (self);
  crm_history_view_reload (self->history_view);
  g_signal_emit_by_name (self, "record-changed", "contacts", id);
}

static void
on_failed_cb (CrmContactCard       *self,
              const char *message)
{
  crm_card_toast (GTK_WIDGET (self), adw_toast_new (message));
}

static void
on_logged_cb (CrmContactCard       *self,
              const char *activity_id)
{
  crm_history_view_reload (self->history_view);
  g_signal_emit_by_name (self, "record-changed", "contacts", crm_card_form_get_id (self->form));
}

static void
on_banner_open_cb (CrmContactCard       *self,
                   const char *entity_type,
                   const char *id)
{
  g_signal_emit_by_name (self, "open-record", crm_entity_table (entity_type), id);
}

static void
on_merged_cb (CrmContactCard       *self,
              const char *kept_id,
              const char *merge_id)
{
  g_autofree char *id = g_strdup (kept_id);

  crm_contact_card_load (self, id);
  g_signal_emit_by_name (self, "record-changed", "contacts", id);
  crm_card_merged_toast (GTK_WIDGET (self), self->store, "contacts", id, merge_id);
}

static void
on_banner_merge_cb (CrmContactCard       *self,
                    const char *entity_type,
                    const char *other_id)
{
  crm_card_form_flush (self->form);
  crm_card_open_merge (GTK_WIDGET (self), self->store, "contacts", crm_card_form_get_id (self->form), other_id,
                       G_CALLBACK (on_merged_cb));
}

static void
on_banner_ignore_cb (CrmContactCard       *self,
                     const char *entity_type,
                     const char *other_id)
{
  if (crm_card_ignore_duplicate (GTK_WIDGET (self), self->store, crm_card_form_get_id (self->form), other_id))
    run_dedupe (self);
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmContactCard *self = (CrmContactCard *) widget;
  g_autofree char *uri = crm_card_dup_tel_uri (self->form);

  crm_card_form_flush (self->form);
  crm_card_reach_out (widget, uri, self->view_stack, self->timeline, "call");
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CrmContactCard *self = (CrmContactCard *) widget;
  g_autofree char *uri = crm_card_dup_mailto_uri (self->form);

  crm_card_form_flush (self->form);
  crm_card_reach_out (widget, uri, self->view_stack, self->timeline, "email");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmContactCard *self = (CrmContactCard *) widget;

  crm_card_delete_form_record (widget, self->store, "contacts", self->form, self->title_label);
}

static void
crm_contact_card_dispose (GObject *object)
{
  CrmContactCard *self = (CrmContactCard *) object;

  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  if (self->form != NULL)
    crm_card_form_flush (self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTACT_CARD);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  if (self->link_rows != NULL)
    g_ptr_array_set_size (self->link_rows, 0);
  G_OBJECT_CLASS (crm_contact_card_parent_class)->dispose (object);
}

static void
crm_contact_card_finalize (GObject *object)
{
  CrmContactCard *self = (CrmContactCard *) object;

  g_clear_pointer (&self->link_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_contact_card_parent_class)->finalize (object);
}

static void
crm_contact_card_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  CrmContactCard *self = (CrmContactCard *) object;

  if (prop_id == PROP_STORE)
    g_set_object (&self->store, g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contact_card_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  CrmContactCard *self = (CrmContactCard *) object;

  if (prop_id == PROP_STORE)
    g_value_set_object (value, self->store);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contact_card_class_init (CrmContactCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_contact_card_constructed;
  object_class->dispose = crm_contact_card_dispose;
  object_class->finalize = crm_contact_card_finalize;
  object_class->set_property = crm_contact_card_set_property;
  object_class->get_property = crm_contact_card_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  crm_card_install_signals (widget_class);
  g_type_ensure (CRM_TYPE_DUPLICATE_BANNER);
  g_type_ensure (CRM_TYPE_TIMELINE);
  g_type_ensure (CRM_TYPE_TASK_NEXT);
  g_type_ensure (CRM_TYPE_HISTORY_VIEW);

  crm_card_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/voronka/Voronka/crm-contact-card.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmContactCard, name)
  BIND (duplicate_banner);
  BIND (avatar);
  BIND (title_label);
  BIND (subtitle_label);
  BIND (view_stack);
  BIND (phones_group);
  BIND (emails_group);
  BIND (note_view);
  BIND (timeline);
  BIND (task_next);
  BIND (history_view);
  BIND (links_group);
  BIND (name_row);
  BIND (job_title_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_banner_open_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_merge_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_ignore_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logged_cb);

  gtk_widget_class_install_action (widget_class, "card.call", NULL, call_action);
  gtk_widget_class_install_action (widget_class, "card.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_contact_card_init (CrmContactCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->link_rows = g_ptr_array_new ();
}

CrmContactCard *
crm_contact_card_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return g_object_new (CRM_TYPE_CONTACT_CARD, "store", store, NULL);
}

/**
 * crm_contact_card_load:
 * @self: a card
 * @id: the record to show
 */
void
crm_contact_card_load (CrmContactCard       *self,
             const char *id)
{
  g_autoptr(CrmRecord) r = NULL;

  g_return_if_fail (CRM_IS_CONTACT_CARD (self));

  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  crm_card_form_flush (self->form);
  crm_card_form_set_create_value (self->form, "client_id", NULL);
  r = id != NULL ? crm_store_get (self->store, "contacts", id, NULL) : NULL;
  crm_card_form_load (self->form, r);
  crm_timeline_set_record (self->timeline, self->store, "contact", r ? crm_record_get_id (r) : NULL);
  crm_task_next_set_record (self->task_next, self->store, "contact", r ? crm_record_get_id (r) : NULL);
  crm_history_view_set_record (self->history_view, self->store, r ? crm_record_get_id (r) : NULL);
  crm_duplicate_banner_set_candidates (self->duplicate_banner, "contact", NULL);
  update_header (self);
  update_links (self);
  update_reach (self);
  if (r != NULL)
    run_dedupe (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "details");
}

const char *
crm_contact_card_get_id (CrmContactCard *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_CARD (self), NULL);
  return crm_card_form_get_id (self->form);
}

void
crm_contact_card_flush (CrmContactCard *self)
{
  g_return_if_fail (CRM_IS_CONTACT_CARD (self));
  crm_card_form_flush (self->form);
}

/**
 * crm_contact_card_new_contact:
 * @self: a #CrmContactCard
 * @client_id: (nullable): the client the new contact works for
 *
 * Shows an empty contact card; the contact is created once it has a name.
 */
void
crm_contact_card_new_contact (CrmContactCard *self,
                              const char     *client_id)
{
  g_return_if_fail (CRM_IS_CONTACT_CARD (self));

  crm_contact_card_load (self, NULL);
  crm_card_form_set_create_value (self->form, "client_id", client_id);
  if (client_id != NULL)
    {
      g_autofree char *client = crm_catalog_name (self->store, "clients", client_id);
      gtk_label_set_text (self->subtitle_label, client != NULL ? client : "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), client != NULL);
    }
  gtk_label_set_text (self->title_label, _("New Contact"));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
