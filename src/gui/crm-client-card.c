/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-client-card"

#include "config.h"

#include "crm-client-card.h"

#include <glib/gi18n.h>

#include "crm-card-form.h"
#include "crm-card-util.h"
#include "crm-core.h"
#include "crm-duplicate-banner.h"
#include "crm-history-view.h"
#include "crm-task-next.h"
#include "crm-timeline.h"

struct _CrmClientCard
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
  AdwPreferencesGroup *from_group;
  AdwPreferencesGroup *contacts_group;
  AdwPreferencesGroup *leads_group;
  AdwComboRow        *kind_row;
  AdwEntryRow        *name_row;
  AdwEntryRow        *legal_name_row;
  AdwEntryRow        *inn_row;
  AdwEntryRow        *kpp_row;
  AdwEntryRow        *ogrn_row;
  AdwEntryRow        *okpo_row;
  AdwEntryRow        *address_row;
  AdwEntryRow        *website_row;
};

G_DEFINE_FINAL_TYPE (CrmClientCard, crm_client_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_dedupe (CrmClientCard *self);
static void on_probe_changed_cb (CrmClientCard *self);
static void on_saved_cb (CrmClientCard *self, const char *id, gboolean created);
static void on_failed_cb (CrmClientCard *self, const char *message);

static void
update_header (CrmClientCard *self)
{
  CrmRecord *r = crm_card_form_get_record (self->form);
  const char *name = r ? crm_record_get_text (r, "name") : NULL;
  const char *inn = r ? crm_record_get_text (r, "inn") : NULL;
  gboolean person = r != NULL && g_strcmp0 (crm_record_get_text (r, "kind"), "person") == 0;
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->title_label, name != NULL ? name : _("Unnamed Client"));
  {
    g_autofree char *avatar = person ? crm_text_avatar_name (name) : g_strdup (name);
    adw_avatar_set_text (self->avatar, avatar);
  }
  adw_avatar_set_icon_name (self->avatar, person ? "avatar-default-symbolic" : "x-office-address-book-symbolic");
  adw_avatar_set_show_initials (self->avatar, person);
  if (inn != NULL)
    subtitle = g_strdup_printf (_("%s · INN %s"), person ? _("Private person") : _("Company"), inn);
  else
    subtitle = g_strdup (person ? _("Private person") : _("Company"));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

static void
add_link (CrmClientCard       *self,
          AdwPreferencesGroup *group,
          GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->link_rows, row);
  g_object_set_data (G_OBJECT (row), "group", group);
}

static void
update_links (CrmClientCard *self)
{
  CrmRecord *r = crm_card_form_get_record (self->form);
  const char *id = r ? crm_record_get_id (r) : NULL;
  const char *lead_id = r ? crm_record_get_text (r, "lead_id") : NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  guint n_leads = 0;

  for (guint i = 0; i < self->link_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->link_rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->link_rows, 0);

  if (lead_id != NULL)
    {
      g_autofree char *name = crm_catalog_name (self->store, "leads", lead_id);
      g_autofree char *title = g_strdup_printf (_("From lead “%s”"), name ? name : "");
      g_autoptr(CrmRecord) lead = crm_store_get (self->store, "leads", lead_id, NULL);
      g_autofree char *when = lead ? crm_card_format_time (crm_record_get_int (lead, "created_ms", 0)) : NULL;
      g_autofree char *sub = when ? g_strdup_printf (_("Came in on %s"), when) : NULL;

      add_link (self, self->from_group,
                crm_card_link_row (title, sub, "document-open-recent-symbolic", "leads", lead_id));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->from_group), lead_id != NULL);

  if (id != NULL && (contacts = crm_client_list_contacts (self->store, id, NULL)) != NULL)
    for (guint i = 0; i < contacts->len; i++)
      {
        CrmRecord *c = g_ptr_array_index (contacts, i);
        add_link (self, self->contacts_group,
                  crm_card_link_row (crm_record_get_text (c, "full_name"), crm_record_get_text (c, "job_title"),
                                     "avatar-default-symbolic", "contacts", crm_record_get_id (c)));
      }
  adw_preferences_group_set_description (self->contacts_group,
                                         contacts != NULL && contacts->len > 0 ? NULL : _("No contacts yet"));

  if (id != NULL && (leads = crm_client_list_leads (self->store, id, NULL)) != NULL)
    for (guint i = 0; i < leads->len; i++)
      {
        CrmRecord *l = g_ptr_array_index (leads, i);
        g_autofree char *when = crm_card_format_time (crm_record_get_int (l, "created_ms", 0));
        const char *title = crm_record_get_text (l, "full_name");

        if (g_strcmp0 (crm_record_get_id (l), lead_id) == 0)
          continue;
        add_link (self, self->leads_group,
                  crm_card_link_row (title ? title : crm_record_get_text (l, "company"), when,
                                     "document-open-recent-symbolic", "leads", crm_record_get_id (l)));
        n_leads++;
      }
  gtk_widget_set_visible (GTK_WIDGET (self->leads_group), n_leads > 0);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autofree char *id = g_strdup (crm_card_form_get_id (self->form));

  crm_card_form_flush (self->form);
  if (id != NULL)
    g_signal_emit_by_name (self, "add-contact", id);
}

static void
crm_client_card_constructed (GObject *object)
{
  CrmClientCard *self = CRM_CLIENT_CARD (object);
  const char *const kinds[] = { "company", "person", NULL };
  const char *const labels[] = { _("Company or sole trader"), _("Private person"), NULL };

  G_OBJECT_CLASS (crm_client_card_parent_class)->constructed (object);

  self->form = crm_card_form_new (self->store, "clients");
  crm_card_form_bind_choice (self->form, self->kind_row, "kind", kinds, labels);
  crm_card_form_bind_entry (self->form, self->name_row, "name", CRM_CHECK_REQUIRED);
  crm_card_form_bind_entry (self->form, self->legal_name_row, "legal_name", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->inn_row, "inn", CRM_CHECK_INN);
  crm_card_form_bind_entry (self->form, self->kpp_row, "kpp", CRM_CHECK_KPP);
  crm_card_form_bind_entry (self->form, self->ogrn_row, "ogrn", CRM_CHECK_OGRN);
  crm_card_form_bind_entry (self->form, self->okpo_row, "okpo", CRM_CHECK_OKPO);
  crm_card_form_bind_entry (self->form, self->address_row, "address", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->website_row, "website", CRM_CHECK_URL);
  crm_card_form_bind_addresses (self->form, self->phones_group, "phones");
  crm_card_form_bind_addresses (self->form, self->emails_group, "emails");
  crm_card_form_bind_text_view (self->form, self->note_view, "note");
  g_signal_connect_object (self->form, "probe-changed", G_CALLBACK (on_probe_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
}

static void
run_dedupe (CrmClientCard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (crm_card_form_get_id (self->form) == NULL)
    return;
  if (!(found = crm_card_find_duplicates (self->store, self->form, "client", NULL, "name", "inn", &error)))
    {
      g_warning ("Duplicate check failed: %s", error->message);
      return;
    }
  crm_duplicate_banner_set_candidates (self->duplicate_banner, "client", found);
}

/* Call and Write need a phone or an address that parses. */
static void
update_reach (CrmClientCard *self)
{
  crm_card_update_reach (GTK_WIDGET (self), self->form, "card.call", "card.write");
}

static gboolean
dedupe_cb (gpointer data)
{
  CrmClientCard *self = data;

  self->dedupe_id = 0;
  run_dedupe (self);
  return G_SOURCE_REMOVE;
}

static void
on_probe_changed_cb (CrmClientCard *self)
{
  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  self->dedupe_id = g_timeout_add (300, dedupe_cb, self);
  update_reach (self);
}

static void
on_saved_cb (CrmClientCard       *self,
             const char *id,
             gboolean    created)
{
  if (created)
    crm_task_next_set_record (self->task_next, self->store, "client", id);
  update_header (self);
  crm_history_view_reload (self->history_view);
  g_signal_emit_by_name (self, "record-changed", "clients", id);
}

static void
on_failed_cb (CrmClientCard       *self,
              const char *message)
{
  crm_card_toast (GTK_WIDGET (self), adw_toast_new (message));
}

static void
on_logged_cb (CrmClientCard       *self,
              const char *activity_id)
{
  crm_history_view_reload (self->history_view);
  g_signal_emit_by_name (self, "record-changed", "clients", crm_card_form_get_id (self->form));
}

static void
on_banner_open_cb (CrmClientCard       *self,
                   const char *entity_type,
                   const char *id)
{
  g_signal_emit_by_name (self, "open-record", crm_entity_table (entity_type), id);
}

static void
on_merged_cb (CrmClientCard       *self,
              const char *kept_id,
              const char *merge_id)
{
  g_autofree char *id = g_strdup (kept_id);

  crm_client_card_load (self, id);
  g_signal_emit_by_name (self, "record-changed", "clients", id);
  crm_card_merged_toast (GTK_WIDGET (self), self->store, "clients", id, merge_id);
}

static void
on_banner_merge_cb (CrmClientCard       *self,
                    const char *entity_type,
                    const char *other_id)
{
  crm_card_form_flush (self->form);
  crm_card_open_merge (GTK_WIDGET (self), self->store, "clients", crm_card_form_get_id (self->form), other_id,
                       G_CALLBACK (on_merged_cb));
}

static void
on_banner_ignore_cb (CrmClientCard       *self,
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
  CrmClientCard *self = (CrmClientCard *) widget;
  g_autofree char *uri = crm_card_dup_tel_uri (self->form);

  crm_card_form_flush (self->form);
  crm_card_reach_out (widget, uri, self->view_stack, self->timeline, "call");
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CrmClientCard *self = (CrmClientCard *) widget;
  g_autofree char *uri = crm_card_dup_mailto_uri (self->form);

  crm_card_form_flush (self->form);
  crm_card_reach_out (widget, uri, self->view_stack, self->timeline, "email");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmClientCard *self = (CrmClientCard *) widget;

  crm_card_delete_form_record (widget, self->store, "clients", self->form, self->title_label);
}

static void
crm_client_card_dispose (GObject *object)
{
  CrmClientCard *self = (CrmClientCard *) object;

  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  if (self->form != NULL)
    crm_card_form_flush (self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CLIENT_CARD);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  if (self->link_rows != NULL)
    g_ptr_array_set_size (self->link_rows, 0);
  G_OBJECT_CLASS (crm_client_card_parent_class)->dispose (object);
}

static void
crm_client_card_finalize (GObject *object)
{
  CrmClientCard *self = (CrmClientCard *) object;

  g_clear_pointer (&self->link_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_client_card_parent_class)->finalize (object);
}

static void
crm_client_card_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  CrmClientCard *self = (CrmClientCard *) object;

  if (prop_id == PROP_STORE)
    g_set_object (&self->store, g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_client_card_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  CrmClientCard *self = (CrmClientCard *) object;

  if (prop_id == PROP_STORE)
    g_value_set_object (value, self->store);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_client_card_class_init (CrmClientCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_client_card_constructed;
  object_class->dispose = crm_client_card_dispose;
  object_class->finalize = crm_client_card_finalize;
  object_class->set_property = crm_client_card_set_property;
  object_class->get_property = crm_client_card_get_property;

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
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/voronka/Voronka/crm-client-card.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmClientCard, name)
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
  BIND (from_group);
  BIND (contacts_group);
  BIND (leads_group);
  BIND (kind_row);
  BIND (name_row);
  BIND (legal_name_row);
  BIND (inn_row);
  BIND (kpp_row);
  BIND (ogrn_row);
  BIND (okpo_row);
  BIND (address_row);
  BIND (website_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_banner_open_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_merge_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_ignore_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logged_cb);

  gtk_widget_class_install_action (widget_class, "card.call", NULL, call_action);
  gtk_widget_class_install_action (widget_class, "client.add-contact", NULL, add_contact_action);
  /* "add-contact" (client_id): the pane shows an empty contact of it. */
  g_signal_new ("add-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "card.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_client_card_init (CrmClientCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->link_rows = g_ptr_array_new ();
}

CrmClientCard *
crm_client_card_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return g_object_new (CRM_TYPE_CLIENT_CARD, "store", store, NULL);
}

/**
 * crm_client_card_load:
 * @self: a card
 * @id: the record to show
 */
void
crm_client_card_load (CrmClientCard       *self,
             const char *id)
{
  g_autoptr(CrmRecord) r = NULL;

  g_return_if_fail (CRM_IS_CLIENT_CARD (self));

  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  crm_card_form_flush (self->form);
  r = id != NULL ? crm_store_get (self->store, "clients", id, NULL) : NULL;
  crm_card_form_load (self->form, r);
  crm_timeline_set_record (self->timeline, self->store, "client", r ? crm_record_get_id (r) : NULL);
  crm_task_next_set_record (self->task_next, self->store, "client", r ? crm_record_get_id (r) : NULL);
  crm_history_view_set_record (self->history_view, self->store, r ? crm_record_get_id (r) : NULL);
  crm_duplicate_banner_set_candidates (self->duplicate_banner, "client", NULL);
  update_header (self);
  update_links (self);
  update_reach (self);
  if (r != NULL)
    run_dedupe (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "details");
}

const char *
crm_client_card_get_id (CrmClientCard *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_CARD (self), NULL);
  return crm_card_form_get_id (self->form);
}

void
crm_client_card_flush (CrmClientCard *self)
{
  g_return_if_fail (CRM_IS_CLIENT_CARD (self));
  crm_card_form_flush (self->form);
}
