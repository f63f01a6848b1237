/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-lead-card"

#include "config.h"

#include "crm-lead-card.h"

#include <glib/gi18n.h>

#include "crm-card-form.h"
#include "crm-card-util.h"
#include "crm-convert-dialog.h"
#include "crm-core.h"
#include "crm-duplicate-banner.h"
#include "crm-history-view.h"
#include "crm-refuse-dialog.h"
#include "crm-task-next.h"
#include "crm-timeline.h"

#define DEDUPE_DELAY_MS 300

struct _CrmLeadCard
{
  GtkWidget           parent_instance;

  CrmStore           *store;
  CrmCardForm        *form;
  guint               dedupe_id;
  gboolean            read_only;
  gboolean            routing_stage;
  GHashTable         *stage_kinds;   /* stage id → kind */

  CrmDuplicateBanner *duplicate_banner;
  AdwAvatar          *avatar;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_label;
  GtkWidget          *action_box;
  GtkWidget          *convert_button;
  GtkWidget          *menu_button;
  AdwViewStack       *view_stack;
  AdwPreferencesGroup *outcome_group;
  AdwActionRow       *converted_row;
  AdwActionRow       *refused_row;
  AdwActionRow       *deleted_row;
  AdwEntryRow        *name_row;
  AdwEntryRow        *company_row;
  AdwEntryRow        *job_title_row;
  AdwEntryRow        *city_row;
  AdwEntryRow        *website_row;
  AdwPreferencesGroup *phones_group;
  AdwPreferencesGroup *emails_group;
  GtkTextView        *request_view;
  AdwComboRow        *stage_row;
  AdwComboRow        *temperature_row;
  AdwEntryRow        *value_row;
  AdwComboRow        *owner_row;
  AdwEntryRow        *bant_budget_row;
  AdwEntryRow        *bant_authority_row;
  AdwEntryRow        *bant_need_row;
  AdwEntryRow        *bant_timeline_row;
  AdwComboRow        *channel_row;
  AdwActionRow       *created_row;
  AdwActionRow       *response_row;
  AdwEntryRow        *utm_source_row;
  AdwEntryRow        *utm_medium_row;
  AdwEntryRow        *utm_campaign_row;
  AdwEntryRow        *utm_content_row;
  AdwEntryRow        *utm_term_row;
  GtkTextView        *note_view;
  CrmTimeline        *timeline;
  CrmTaskNext        *task_next;
  CrmHistoryView     *history_view;
};

G_DEFINE_FINAL_TYPE (CrmLeadCard, crm_lead_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CrmRecord *
record (CrmLeadCard *self)
{
  return crm_card_form_get_record (self->form);
}

static void
update_header (CrmLeadCard *self)
{
  CrmRecord *r = record (self);
  const char *name = r ? crm_record_get_text (r, "full_name") : NULL;
  const char *company = r ? crm_record_get_text (r, "company") : NULL;
  g_autofree char *stage = r ? crm_catalog_name (self->store, "stages", crm_record_get_text (r, "stage_id")) : NULL;
  g_autofree char *subtitle = NULL;
  const char *title;
  gboolean converted = r != NULL && crm_lead_is_converted (r);
  gboolean refused = r != NULL && crm_lead_is_refused (r);
  gboolean deleted = r != NULL && crm_record_is_deleted (r);

  title = name != NULL ? name : company != NULL ? company : r != NULL ? _("Unnamed Lead") : _("New Lead");
  gtk_label_set_text (self->title_label, title);
  {
    g_autofree char *avatar = name != NULL ? crm_text_avatar_name (name) : g_strdup (company);
    adw_avatar_set_text (self->avatar, avatar);
  }

  if (name != NULL && company != NULL && stage != NULL)
    subtitle = g_strdup_printf ("%s · %s", company, stage);
  else if (name != NULL && company != NULL)
    subtitle = g_strdup (company);
  else
    subtitle = g_strdup (stage);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  crm_card_set_status_pill (self->status_label,
                            deleted ? C_("lead", "Deleted") : converted ? _("Converted")
                            : refused ? _("Refused") : NULL,
                            deleted ? NULL : converted ? "success" : "error");
  if (!deleted && !converted && !refused && r != NULL && crm_record_has_value (r, "temperature"))
    crm_card_set_status_pill (self->status_label,
                              crm_card_temperature_label (crm_record_get_text (r, "temperature")),
                              crm_card_temperature_class (crm_record_get_text (r, "temperature")));
}

static void
update_state (CrmLeadCard *self)
{
  CrmRecord *r = record (self);
  gboolean converted = r != NULL && crm_lead_is_converted (r);
  gboolean refused = r != NULL && crm_lead_is_refused (r);
  gboolean deleted = r != NULL && crm_record_is_deleted (r);
  gboolean exists = r != NULL && !deleted;

  self->read_only = converted || deleted;
  crm_card_form_set_read_only (self->form, self->read_only);
  crm_timeline_set_read_only (self->timeline, self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.restore", deleted);
  gtk_widget_set_visible (GTK_WIDGET (self->deleted_row), deleted);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.convert", exists && !converted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.refuse", exists && !converted && !refused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.delete", exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.reopen", refused && exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead.open-client", converted);
  gtk_widget_set_visible (self->convert_button, !converted);

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), converted || refused || deleted);
  gtk_widget_set_visible (GTK_WIDGET (self->converted_row), converted);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_row), refused && !converted);
  if (converted)
    {
      g_autofree char *client = crm_catalog_name (self->store, "clients", crm_record_get_text (r, "client_id"));
      g_autofree char *when = crm_card_format_time (crm_record_get_int (r, "converted_ms", 0));
      g_autofree char *sub = g_strdup_printf ("%s · %s", client ? client : "", when);

      adw_action_row_set_subtitle (self->converted_row, sub);
    }
  if (refused)
    {
      g_autofree char *when = crm_card_format_time (crm_record_get_int (r, "lost_ms", 0));
      g_autofree char *sub = g_strdup_printf ("%s · %s", crm_record_get_text (r, "lost_reason") ? crm_record_get_text (r, "lost_reason") : "", when);

      adw_action_row_set_subtitle (self->refused_row, sub);
    }

  if (r != NULL)
    {
      g_autofree char *created = crm_card_format_time (crm_record_get_int (r, "created_ms", 0));
      adw_action_row_set_subtitle (self->created_row, created);
      if (crm_record_has_value (r, "first_response_ms"))
        {
          gint64 delta = crm_record_get_int (r, "first_response_ms", 0) - crm_record_get_int (r, "created_ms", 0);
          g_autofree char *when = crm_card_format_time (crm_record_get_int (r, "first_response_ms", 0));
          g_autofree char *after = crm_card_format_delay (delta);
          /* TRANSLATORS: when the lead was first answered, and how long after it came in */
          g_autofree char *sub = g_strdup_printf (_("%s, after %s"), when, after);
          adw_action_row_set_subtitle (self->response_row, sub);
        }
      else
        adw_action_row_set_subtitle (self->response_row, _("Not yet"));
    }
  else
    {
      adw_action_row_set_subtitle (self->created_row, _("When you start typing"));
      adw_action_row_set_subtitle (self->response_row, _("Not yet"));
    }
  update_header (self);
}

/* Call and Write need a phone or an address that parses. */
static void
update_reach (CrmLeadCard *self)
{
  crm_card_update_reach (GTK_WIDGET (self), self->form, "lead.call", "lead.write");
}

static void
run_dedupe (CrmLeadCard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (self->read_only)
    {
      crm_duplicate_banner_set_candidates (self->duplicate_banner, "lead", NULL);
      return;
    }
  if (!(found = crm_card_find_duplicates (self->store, self->form, "lead", "full_name", "company", NULL, &error)))
    {
      g_warning ("Duplicate check failed: %s", error->message);
      return;
    }
  crm_duplicate_banner_set_candidates (self->duplicate_banner, "lead", found);
}

static gboolean
dedupe_cb (gpointer data)
{
  CrmLeadCard *self = data;

  self->dedupe_id = 0;
  run_dedupe (self);
  return G_SOURCE_REMOVE;
}

static void
on_probe_changed_cb (CrmLeadCard *self)
{
  update_reach (self);
  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  self->dedupe_id = g_timeout_add (DEDUPE_DELAY_MS, dedupe_cb, self);
}

static void
on_saved_cb (CrmLeadCard *self,
             const char  *id,
             gboolean     created)
{
  if (created)
    {
      crm_timeline_set_record (self->timeline, self->store, "lead", id);
      crm_history_view_set_record (self->history_view, self->store, id);
      crm_task_next_set_record (self->task_next, self->store, "lead", id);
      update_state (self);
    }
  else
    {
      update_header (self);
      crm_history_view_reload (self->history_view);
    }
  g_signal_emit_by_name (self, "record-changed", "leads", id);
}

static void
on_failed_cb (CrmLeadCard *self,
              const char  *message)
{
  crm_card_toast (GTK_WIDGET (self), adw_toast_new (message));
}

static void
on_logged_cb (CrmLeadCard *self,
              const char  *activity_id)
{
  g_autofree char *id = g_strdup (crm_card_form_get_id (self->form));
  g_autoptr(CrmRecord) fresh = crm_store_get (self->store, "leads", id, NULL);

  /* Logging may have stamped the first response: show it, keep edits. */
  if (fresh != NULL)
    {
      crm_card_form_flush (self->form);
      crm_lead_card_load (self, id);
      adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
    }
  g_signal_emit_by_name (self, "record-changed", "leads", id);
}

static void
on_banner_open_cb (CrmLeadCard *self,
                   const char  *entity_type,
                   const char  *id)
{
  g_signal_emit_by_name (self, "open-record", crm_entity_table (entity_type), id);
}

static void
on_merged_cb (CrmLeadCard *self,
              const char  *kept_id,
              const char  *merge_id)
{
  g_autofree char *id = g_strdup (kept_id);

  crm_lead_card_load (self, id);
  g_signal_emit_by_name (self, "record-changed", "leads", id);
  crm_card_merged_toast (GTK_WIDGET (self), self->store, "leads", id, merge_id);
}

static void
on_banner_merge_cb (CrmLeadCard *self,
                    const char  *entity_type,
                    const char  *other_id)
{
  crm_card_form_flush (self->form);
  if (crm_card_form_get_id (self->form) == NULL)
    return;
  crm_card_open_merge (GTK_WIDGET (self), self->store, "leads", crm_card_form_get_id (self->form), other_id,
                       G_CALLBACK (on_merged_cb));
}

static void
on_banner_ignore_cb (CrmLeadCard *self,
                     const char  *entity_type,
                     const char  *other_id)
{
  crm_card_form_flush (self->form);
  if (crm_card_form_get_id (self->form) == NULL)
    return;
  if (crm_card_ignore_duplicate (GTK_WIDGET (self), self->store, crm_card_form_get_id (self->form), other_id))
    run_dedupe (self);
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  g_autofree char *uri = crm_card_dup_tel_uri (self->form);

  crm_card_form_flush (self->form);
  if (uri != NULL)
    crm_card_show_uri (widget, uri);
  if (crm_card_form_get_id (self->form) != NULL && !self->read_only)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
      crm_timeline_start_log (self->timeline, "call");
    }
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  g_autofree char *uri = crm_card_dup_mailto_uri (self->form);

  crm_card_form_flush (self->form);
  if (uri != NULL)
    crm_card_show_uri (widget, uri);
  if (crm_card_form_get_id (self->form) != NULL && !self->read_only)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
      crm_timeline_start_log (self->timeline, "email");
    }
}

static void
on_converted_cb (CrmLeadCard *self,
                 const char  *client_id)
{
  g_autofree char *lead_id = g_strdup (crm_card_form_get_id (self->form));
  g_autofree char *client = g_strdup (client_id);

  crm_lead_card_load (self, lead_id);
  /* One signal for the whole conversion: the lists refresh once, and the
   * new client and contact come with it. */
  g_signal_emit_by_name (self, "record-changed", "leads", lead_id);
  crm_card_toast_with_open (GTK_WIDGET (self), _("Converted into a client"), _("_Open Client"),
                            "clients", client);
}

static void
convert_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  CrmConvertDialog *dialog;

  crm_card_form_flush (self->form);
  if (crm_card_form_get_id (self->form) == NULL)
    return;
  dialog = crm_convert_dialog_new (self->store, crm_card_form_get_id (self->form));
  g_signal_connect_object (dialog, "converted", G_CALLBACK (on_converted_cb), self, G_CONNECT_SWAPPED);
  crm_card_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
on_refused_cb (CrmLeadCard *self)
{
  g_autofree char *id = g_strdup (crm_card_form_get_id (self->form));

  crm_lead_card_load (self, id);
  g_signal_emit_by_name (self, "record-changed", "leads", id);
}

static void
refuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  CrmRefuseDialog *dialog;

  crm_card_form_flush (self->form);
  if (crm_card_form_get_id (self->form) == NULL)
    return;
  dialog = crm_refuse_dialog_new (self->store, crm_card_form_get_id (self->form));
  g_signal_connect_object (dialog, "refused", G_CALLBACK (on_refused_cb), self, G_CONNECT_SWAPPED);
  crm_card_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (crm_card_form_get_id (self->form));

  if (!crm_lead_reopen (self->store, id, &error))
    {
      crm_card_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  crm_lead_card_load (self, id);
  g_signal_emit_by_name (self, "record-changed", "leads", id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);

  crm_card_delete_form_record (widget, self->store, "leads", self->form, self->title_label);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (crm_card_form_get_id (self->form));

  if (id == NULL || !crm_store_restore (self->store, "leads", id, &error))
    {
      if (error != NULL)
        crm_card_toast (widget, adw_toast_new (error->message));
      return;
    }
  crm_lead_card_load (self, id);
  g_signal_emit_by_name (self, "record-changed", "leads", id);
}

static void
open_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmLeadCard *self = CRM_LEAD_CARD (widget);
  CrmRecord *r = record (self);

  if (r != NULL && crm_record_has_value (r, "client_id"))
    g_signal_emit_by_name (self, "open-record", "clients", crm_record_get_text (r, "client_id"));
}

static void
select_stage (CrmLeadCard *self,
              const char  *stage_id)
{
  g_autoptr(GPtrArray) stages = crm_catalog_list (self->store, "stages", NULL, NULL);

  for (guint k = 0; stages != NULL && k < stages->len; k++)
    if (g_strcmp0 (crm_record_get_id (g_ptr_array_index (stages, k)), stage_id) == 0)
      adw_combo_row_set_selected (self->stage_row, k);
}

static void
on_stage_selected_cb (CrmLeadCard *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  CrmRecord *r = record (self);
  guint selected = adw_combo_row_get_selected (self->stage_row);
  const char *kind;
  const char *id;

  if (self->routing_stage || r == NULL)
    return;
  stages = crm_catalog_list (self->store, "stages", NULL, NULL);
  if (stages == NULL || selected >= stages->len)
    return;
  id = crm_record_get_id (g_ptr_array_index (stages, selected));
  kind = g_hash_table_lookup (self->stage_kinds, id);
  if (g_strcmp0 (id, crm_record_get_text (r, "stage_id")) == 0 ||
      (g_strcmp0 (kind, "won") != 0 && g_strcmp0 (kind, "lost") != 0))
    return;

  /* Put the stage back; the dialog moves the lead when it is done. */
  self->routing_stage = TRUE;
  select_stage (self, crm_record_get_text (r, "stage_id"));
  self->routing_stage = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self),
                              g_strcmp0 (kind, "won") == 0 ? "lead.convert" : "lead.refuse", NULL);
}

/* The drop-downs' choices, from the catalogues (editable in Preferences,
 * so read again each time a lead is shown). */
static void
fill_choices (CrmLeadCard *self,
              gboolean     bind)
{
  g_autoptr(GPtrArray) stages = crm_catalog_list (self->store, "stages", NULL, NULL);
  g_autoptr(GPtrArray) channels = crm_catalog_list (self->store, "channels", NULL, NULL);
  g_autoptr(GPtrArray) users = crm_catalog_list (self->store, "users", NULL, NULL);
  const char *const *temps = crm_card_temperatures ();
  struct {
    AdwComboRow *row;
    const char  *column;
    GPtrArray   *records;
    const char  *none;
  } lists[] = {
    { self->stage_row, "stage_id", stages, NULL },
    { self->channel_row, "channel_id", channels, _("Not set") },
    { self->owner_row, "owner_id", users, _("Nobody") },
  };

  g_hash_table_remove_all (self->stage_kinds);
  for (guint k = 0; stages != NULL && k < stages->len; k++)
    g_hash_table_insert (self->stage_kinds,
                         g_strdup (crm_record_get_id (g_ptr_array_index (stages, k))),
                         g_strdup (crm_record_get_text (g_ptr_array_index (stages, k), "kind")));

  for (guint n = 0; n < G_N_ELEMENTS (lists); n++)
    {
      g_auto(GStrv) i = NULL;
      g_auto(GStrv) l = NULL;

      crm_card_records_to_choices (lists[n].records, "name", lists[n].none, &i, &l);
      if (bind)
        crm_card_form_bind_choice (self->form, lists[n].row, lists[n].column,
                                   (const char *const *) i, (const char *const *) l);
      else
        crm_card_form_set_choices (self->form, lists[n].row,
                                   (const char *const *) i, (const char *const *) l);
    }

  if (bind)
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
      g_auto(GStrv) i = NULL;
      g_auto(GStrv) l = NULL;

      g_strv_builder_add (ids, "");
      g_strv_builder_add (labels, crm_card_temperature_label (NULL));
      for (guint k = 0; temps[k] != NULL; k++)
        {
          g_strv_builder_add (ids, temps[k]);
          g_strv_builder_add (labels, crm_card_temperature_label (temps[k]));
        }
      i = g_strv_builder_end (ids);
      l = g_strv_builder_end (labels);
      crm_card_form_bind_choice (self->form, self->temperature_row, "temperature",
                                 (const char *const *) i, (const char *const *) l);
    }
}

static void
crm_lead_card_constructed (GObject *object)
{
  CrmLeadCard *self = CRM_LEAD_CARD (object);

  G_OBJECT_CLASS (crm_lead_card_parent_class)->constructed (object);

  self->stage_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->form = crm_card_form_new (self->store, "leads");
  crm_card_form_bind_entry (self->form, self->name_row, "full_name", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->company_row, "company", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->job_title_row, "job_title", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->city_row, "city", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->website_row, "website", CRM_CHECK_URL);
  crm_card_form_bind_addresses (self->form, self->phones_group, "phones");
  crm_card_form_bind_addresses (self->form, self->emails_group, "emails");
  crm_card_form_bind_text_view (self->form, self->request_view, "request");
  crm_card_form_bind_entry (self->form, self->value_row, "value", CRM_CHECK_MONEY);
  crm_card_form_bind_entry (self->form, self->bant_budget_row, "bant_budget", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->bant_authority_row, "bant_authority", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->bant_need_row, "bant_need", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->bant_timeline_row, "bant_timeline", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->utm_source_row, "utm_source", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->utm_medium_row, "utm_medium", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->utm_campaign_row, "utm_campaign", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->utm_content_row, "utm_content", CRM_CHECK_NONE);
  crm_card_form_bind_entry (self->form, self->utm_term_row, "utm_term", CRM_CHECK_NONE);
  crm_card_form_bind_text_view (self->form, self->note_view, "note");
  /* Before the form's own handler: a won or lost stage is reached by
   * converting or refusing, never by a bare choice. */
  g_signal_connect_object (self->stage_row, "notify::selected", G_CALLBACK (on_stage_selected_cb),
                           self, G_CONNECT_SWAPPED);
  fill_choices (self, TRUE);

  g_signal_connect_object (self->form, "probe-changed", G_CALLBACK (on_probe_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
}

static void
crm_lead_card_dispose (GObject *object)
{
  CrmLeadCard *self = CRM_LEAD_CARD (object);

  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  if (self->form != NULL)
    crm_card_form_flush (self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_LEAD_CARD);
  crm_card_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  g_clear_pointer (&self->stage_kinds, g_hash_table_unref);

  G_OBJECT_CLASS (crm_lead_card_parent_class)->dispose (object);
}

static void
crm_lead_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CrmLeadCard *self = CRM_LEAD_CARD (object);

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
crm_lead_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmLeadCard *self = CRM_LEAD_CARD (object);

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
crm_lead_card_class_init (CrmLeadCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_lead_card_constructed;
  object_class->dispose = crm_lead_card_dispose;
  object_class->set_property = crm_lead_card_set_property;
  object_class->get_property = crm_lead_card_get_property;

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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-lead-card.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmLeadCard, name)
  BIND (duplicate_banner);
  BIND (avatar);
  BIND (title_label);
  BIND (subtitle_label);
  BIND (status_label);
  BIND (action_box);
  BIND (convert_button);
  BIND (menu_button);
  BIND (view_stack);
  BIND (outcome_group);
  BIND (converted_row);
  BIND (refused_row);
  BIND (deleted_row);
  BIND (name_row);
  BIND (company_row);
  BIND (job_title_row);
  BIND (city_row);
  BIND (website_row);
  BIND (phones_group);
  BIND (emails_group);
  BIND (request_view);
  BIND (stage_row);
  BIND (temperature_row);
  BIND (value_row);
  BIND (owner_row);
  BIND (bant_budget_row);
  BIND (bant_authority_row);
  BIND (bant_need_row);
  BIND (bant_timeline_row);
  BIND (channel_row);
  BIND (created_row);
  BIND (response_row);
  BIND (utm_source_row);
  BIND (utm_medium_row);
  BIND (utm_campaign_row);
  BIND (utm_content_row);
  BIND (utm_term_row);
  BIND (note_view);
  BIND (timeline);
  BIND (task_next);
  BIND (history_view);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class, on_banner_open_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_merge_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_ignore_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logged_cb);

  gtk_widget_class_install_action (widget_class, "lead.call", NULL, call_action);
  gtk_widget_class_install_action (widget_class, "lead.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "lead.convert", NULL, convert_action);
  gtk_widget_class_install_action (widget_class, "lead.refuse", NULL, refuse_action);
  gtk_widget_class_install_action (widget_class, "lead.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "lead.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "lead.open-client", NULL, open_client_action);
  gtk_widget_class_install_action (widget_class, "lead.restore", NULL, restore_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_lead_card_init (CrmLeadCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CrmLeadCard *
crm_lead_card_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  return g_object_new (CRM_TYPE_LEAD_CARD, "store", store, NULL);
}

/**
 * crm_lead_card_load:
 * @self: a #CrmLeadCard
 * @id: (nullable): a lead, or %NULL for a new, empty card
 */
void
crm_lead_card_load (CrmLeadCard *self,
                    const char  *id)
{
  g_autoptr(CrmRecord) r = NULL;
  g_autofree char *own_id = g_strdup (id);

  g_return_if_fail (CRM_IS_LEAD_CARD (self));

  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  crm_card_form_flush (self->form);
  if (own_id != NULL && !(r = crm_store_get (self->store, "leads", own_id, NULL)))
    g_clear_pointer (&own_id, g_free);

  self->routing_stage = TRUE;
  fill_choices (self, FALSE);
  self->routing_stage = FALSE;
  /* Read-only first, so a converted lead gets no empty rows to type in. */
  crm_card_form_set_read_only (self->form, r != NULL && (crm_lead_is_converted (r) || crm_record_is_deleted (r)));
  crm_card_form_load (self->form, r);
  crm_timeline_set_record (self->timeline, self->store, "lead", own_id);
  crm_task_next_set_record (self->task_next, self->store, "lead", own_id);
  crm_history_view_set_record (self->history_view, self->store, own_id);
  update_state (self);
  update_reach (self);
  crm_duplicate_banner_set_candidates (self->duplicate_banner, "lead", NULL);
  if (r != NULL)
    run_dedupe (self);
  if (r == NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "details");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
}

const char *
crm_lead_card_get_id (CrmLeadCard *self)
{
  g_return_val_if_fail (CRM_IS_LEAD_CARD (self), NULL);
  return crm_card_form_get_id (self->form);
}

void
crm_lead_card_flush (CrmLeadCard *self)
{
  g_return_if_fail (CRM_IS_LEAD_CARD (self));
  crm_card_form_flush (self->form);
}

/* Runs the pending duplicate check now (tests, and before leaving). */
void
crm_lead_card_check_duplicates (CrmLeadCard *self)
{
  g_return_if_fail (CRM_IS_LEAD_CARD (self));
  g_clear_handle_id (&self->dedupe_id, g_source_remove);
  run_dedupe (self);
}

gboolean
crm_lead_card_is_read_only (CrmLeadCard *self)
{
  g_return_val_if_fail (CRM_IS_LEAD_CARD (self), FALSE);
  return self->read_only;
}
