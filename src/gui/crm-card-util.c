/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-card-util"

#include "config.h"

#include "crm-card-util.h"

#include <glib/gi18n.h>

#include "crm-card-resources.h"
#include "crm-core.h"
#include "crm-merge-dialog.h"

/**
 * crm_card_install_signals:
 * @widget_class: a card's class
 *
 * The signals every card emits, forwarded by the record pane:
 * "record-changed" (table, id), "open-record" (table, id), "toast"
 * (AdwToast) and "deleted" (table, id).
 */
static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  const char *table;
  const char *id;

  g_variant_get (param, "(&s&s)", &table, &id);
  g_signal_emit_by_name (widget, "open-record", table, id);
}

void
crm_card_install_signals (GtkWidgetClass *widget_class)
{
  GType card_type = G_TYPE_FROM_CLASS (widget_class);

  g_signal_new ("record-changed", card_type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  g_signal_new ("open-record", card_type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  g_signal_new ("toast", card_type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  g_signal_new ("deleted", card_type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "card.open-record", "(ss)", open_record_action);
}

void
crm_card_set_status_pill (GtkLabel   *label,
                          const char *text,
                          const char *css_class)
{
  static const char *const classes[] = { "success", "error", "warning", "accent", NULL };

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  gtk_label_set_text (label, text != NULL ? text : "");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

void
crm_card_present_dialog (GtkWidget *from,
                         GtkWindow *dialog)
{
  GtkRoot *root = gtk_widget_get_root (from);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_set_modal (dialog, TRUE);
  gtk_window_present (dialog);
}

void
crm_card_show_uri (GtkWidget  *from,
                   const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (from);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

typedef struct
{
  CrmStore  *store;
  char      *tbl;
  char      *id;
  GWeakRef   card;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *u = data;

  g_object_unref (u->store);
  g_free (u->tbl);
  g_free (u->id);
  g_weak_ref_clear (&u->card);
  g_free (u);
}

static void
on_undo_cb (AdwToast *toast,
            Undo     *u)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) card = g_weak_ref_get (&u->card);

  if (!crm_store_restore (u->store, u->tbl, u->id, &error))
    {
      if (card != NULL)
        crm_card_toast (card, adw_toast_new (error->message));
      return;
    }
  if (card != NULL)
    {
      g_signal_emit_by_name (card, "record-changed", u->tbl, u->id);
      g_signal_emit_by_name (card, "open-record", u->tbl, u->id);
    }
}

/**
 * crm_card_delete_with_undo:
 *
 * Soft-deletes a record, tells the pane ("deleted") and offers Undo in a
 * toast, which restores it and opens it again.
 */
void
crm_card_delete_with_undo (GtkWidget  *card,
                           CrmStore   *store,
                           const char *tbl,
                           const char *id,
                           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;
  Undo *u;

  if (!crm_store_delete (store, tbl, id, &error))
    {
      crm_card_toast (card, adw_toast_new (error->message));
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), title != NULL ? title : "");
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  u = g_new0 (Undo, 1);
  u->store = g_object_ref (store);
  u->tbl = g_strdup (tbl);
  u->id = g_strdup (id);
  g_weak_ref_init (&u->card, card);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_cb), u,
                         (GClosureNotify) (void (*) (void)) undo_free, 0);

  g_signal_emit_by_name (card, "deleted", tbl, id);
  g_signal_emit_by_name (card, "record-changed", tbl, id);
  crm_card_toast (card, toast);
}

/**
 * crm_card_records_to_choices:
 * @records: (element-type CrmRecord): catalogue rows
 * @column: the column to show
 * @none_label: (nullable): a first "none" choice (id "")
 * @ids: (out): ids, parallel to @labels
 * @labels: (out): what people see
 */
void
crm_card_records_to_choices (GPtrArray   *records,
                             const char  *column,
                             const char  *none_label,
                             GStrv       *ids,
                             GStrv       *labels)
{
  g_autoptr(GStrvBuilder) i = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) l = g_strv_builder_new ();

  if (none_label != NULL)
    {
      g_strv_builder_add (i, "");
      g_strv_builder_add (l, none_label);
    }
  for (guint k = 0; records != NULL && k < records->len; k++)
    {
      CrmRecord *r = g_ptr_array_index (records, k);
      const char *text = crm_record_get_text (r, column);

      g_strv_builder_add (i, crm_record_get_id (r));
      g_strv_builder_add (l, text != NULL ? text : "");
    }
  *ids = g_strv_builder_end (i);
  *labels = g_strv_builder_end (l);
}

/**
 * crm_card_link_row:
 *
 * Returns: (transfer floating): an activatable row that opens another
 *   record (action "card.open-record" with ("table", "id"))
 */
GtkWidget *
crm_card_link_row (const char *title,
                   const char *subtitle,
                   const char *icon_name,
                   const char *table,
                   const char *id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "card.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", table, id);
  return row;
}

void
crm_card_clear_group (AdwPreferencesGroup *group,
                      GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* The cards' few styles of their own, once per display. */
void
crm_card_ensure_style (void)
{
  static gboolean done;
  GtkCssProvider *provider;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/voronka/Voronka/crm-card.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

/**
 * crm_card_error_row_new_after:
 * @row: a row already in a boxed list (an #AdwPreferencesGroup)
 *
 * Adds a hidden line right under @row, in the same list, to say what is
 * wrong with its value.
 *
 * Returns: (transfer none): the error row
 */
GtkWidget *
crm_card_error_row_new_after (GtkWidget *row)
{
  GtkWidget *parent = gtk_widget_get_parent (row);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *er = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (er), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (er), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (er), FALSE);
  gtk_widget_add_css_class (er, "crm-field-error");
  gtk_widget_set_visible (er, FALSE);

  if (GTK_IS_LIST_BOX (parent) && GTK_IS_LIST_BOX_ROW (row))
    gtk_list_box_insert (GTK_LIST_BOX (parent), er,
                         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  else
    g_warning ("A checked row must be in a boxed list");
  return er;
}

void
crm_card_error_row_show (GtkWidget  *row,
                         GtkWidget  *error_row,
                         const char *message)
{
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));

  if (message != NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), message);
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (error_row, message != NULL);
}

/* The card bundle registers itself from a constructor in its object file;
 * a static library drops that file unless something uses it. Every card
 * class calls this in class_init. */
void
crm_card_ensure_resources (void)
{
  static GResource *resource;

  if (resource == NULL)
    resource = crm_card_get_resource ();
}

/* gtk_widget_dispose_template() in GTK 4.8 unparents only bound children. */
void
crm_card_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/**
 * crm_card_toast:
 * @card: a card
 * @toast: (transfer full): a toast
 *
 * Emits "toast"; the window's handler takes its own reference.
 */
void
crm_card_toast (GtkWidget *card,
                AdwToast  *toast)
{
  g_signal_emit_by_name (card, "toast", toast);
  g_object_unref (toast);
}

typedef struct
{
  CrmStore *store;
  char     *tbl;
  char     *merge_id;
  char     *kept_id;
  GWeakRef  card;
} MergeUndo;

static void
merge_undo_free (gpointer data)
{
  MergeUndo *u = data;

  g_object_unref (u->store);
  g_free (u->tbl);
  g_free (u->merge_id);
  g_free (u->kept_id);
  g_weak_ref_clear (&u->card);
  g_free (u);
}

static void
on_merge_undo_cb (AdwToast  *toast,
                  MergeUndo *u)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) card = g_weak_ref_get (&u->card);

  if (!crm_merge_undo (u->store, u->merge_id, &error))
    {
      if (card != NULL)
        crm_card_toast (card, adw_toast_new (error->message));
      return;
    }
  if (card != NULL)
    {
      g_signal_emit_by_name (card, "record-changed", u->tbl, u->kept_id);
      g_signal_emit_by_name (card, "open-record", u->tbl, u->kept_id);
    }
}

/**
 * crm_card_merged_toast:
 * @card: the card of the kept record
 * @store: the store
 * @tbl: the records' table
 * @kept_id: the record that stayed
 * @merge_id: the merge, from crm_merge()
 *
 * Says the records were merged, with Undo (crm_merge_undo).
 */
void
crm_card_merged_toast (GtkWidget  *card,
                       CrmStore   *store,
                       const char *tbl,
                       const char *kept_id,
                       const char *merge_id)
{
  AdwToast *toast = adw_toast_new (_("Records merged"));
  MergeUndo *u = g_new0 (MergeUndo, 1);

  u->store = g_object_ref (store);
  u->tbl = g_strdup (tbl);
  u->merge_id = g_strdup (merge_id);
  u->kept_id = g_strdup (kept_id);
  g_weak_ref_init (&u->card, card);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_merge_undo_cb), u,
                         (GClosureNotify) (void (*) (void)) merge_undo_free, 0);
  crm_card_toast (card, toast);
}

typedef struct
{
  char    *tbl;
  char    *id;
  GWeakRef card;
} OpenLater;

static void
open_later_free (gpointer data)
{
  OpenLater *o = data;

  g_free (o->tbl);
  g_free (o->id);
  g_weak_ref_clear (&o->card);
  g_free (o);
}

static void
on_open_clicked_cb (AdwToast  *toast,
                    OpenLater *o)
{
  g_autoptr(GtkWidget) card = g_weak_ref_get (&o->card);

  if (card != NULL)
    g_signal_emit_by_name (card, "open-record", o->tbl, o->id);
}

/**
 * crm_card_toast_with_open:
 * @card: a card
 * @text: what happened
 * @button: the button's label ("_Open Client")
 * @tbl: the table of the record the button opens
 * @id: that record
 */
void
crm_card_toast_with_open (GtkWidget  *card,
                          const char *text,
                          const char *button,
                          const char *tbl,
                          const char *id)
{
  AdwToast *toast = adw_toast_new (text);
  OpenLater *o = g_new0 (OpenLater, 1);

  o->tbl = g_strdup (tbl);
  o->id = g_strdup (id);
  g_weak_ref_init (&o->card, card);
  adw_toast_set_button_label (toast, button);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb), o,
                         (GClosureNotify) (void (*) (void)) open_later_free, 0);
  crm_card_toast (card, toast);
}

/**
 * crm_card_dup_tel_uri:
 * @form: a card's form
 *
 * Returns: (transfer full) (nullable): a tel: URI for the first phone,
 *   or %NULL when there is none or it does not parse
 */
char *
crm_card_dup_tel_uri (CrmCardForm *form)
{
  g_auto(GStrv) phones = crm_card_form_dup_addresses (form, "phones");

  return phones[0] ? crm_card_tel_uri (phones[0], crm_card_form_get_region (form)) : NULL;
}

/**
 * crm_card_dup_mailto_uri:
 * @form: a card's form
 *
 * Returns: (transfer full) (nullable): a mailto: URI for the first
 *   e-mail, or %NULL when there is none or it does not parse
 */
char *
crm_card_dup_mailto_uri (CrmCardForm *form)
{
  g_auto(GStrv) emails = crm_card_form_dup_addresses (form, "emails");

  return emails[0] ? crm_card_mailto_uri (emails[0]) : NULL;
}

/**
 * crm_card_update_reach:
 * @card: a card
 * @form: its form
 * @call_action: the card's Call action
 * @write_action: the card's Write action
 *
 * Call and Write need a phone or an address that parses.
 */
void
crm_card_update_reach (GtkWidget   *card,
                       CrmCardForm *form,
                       const char  *call_action,
                       const char  *write_action)
{
  g_autofree char *tel = crm_card_dup_tel_uri (form);
  g_autofree char *mail = crm_card_dup_mailto_uri (form);

  gtk_widget_action_set_enabled (card, call_action, tel != NULL);
  gtk_widget_action_set_enabled (card, write_action, mail != NULL);
}

/**
 * crm_card_find_duplicates:
 * @store: the workspace
 * @form: a card's form
 * @entity_type: "lead", "contact" or "client"
 * @full_name_column: (nullable): the column probed as a person's name
 * @company_column: (nullable): the column probed as a company name
 * @inn_column: (nullable): the column probed as an INN
 * @error: return location for an error
 *
 * Probes for records like the one being edited, as typed now, leaving out
 * the record itself and the records it is linked to.
 *
 * Returns: (transfer container): the candidates, or %NULL on error
 */
GPtrArray *
crm_card_find_duplicates (CrmStore     *store,
                          CrmCardForm  *form,
                          const char   *entity_type,
                          const char   *full_name_column,
                          const char   *company_column,
                          const char   *inn_column,
                          GError      **error)
{
  g_autofree char *full_name = full_name_column ? crm_card_form_dup_text (form, full_name_column) : NULL;
  g_autofree char *company = company_column ? crm_card_form_dup_text (form, company_column) : NULL;
  g_autofree char *inn = inn_column ? crm_card_form_dup_text (form, inn_column) : NULL;
  g_auto(GStrv) phones = crm_card_form_dup_addresses (form, "phones");
  g_auto(GStrv) emails = crm_card_form_dup_addresses (form, "emails");
  g_autoptr(GPtrArray) found = NULL;
  CrmDedupeProbe probe = { 0 };

  probe.entity_type = entity_type;
  probe.exclude_id = crm_card_form_get_id (form);
  probe.full_name = full_name;
  probe.company = company;
  probe.inn = inn;
  probe.phones = (const char *const *) phones;
  probe.emails = (const char *const *) emails;
  if (!(found = crm_dedupe_find (store, &probe, error)))
    return NULL;
  /* A lead converted into a client is not a duplicate of its own contact. */
  crm_card_drop_own_links (store, crm_card_form_get_record (form), found);
  return g_steal_pointer (&found);
}

/**
 * crm_card_delete_form_record:
 * @card: a card
 * @store: the workspace
 * @tbl: the table of the record
 * @form: the card's form
 * @title_label: the card's title, read once saved, for the toast
 *
 * What Delete does: saves what is typed, then deletes the record with a
 * toast to undo it. A record not created yet is left alone.
 */
void
crm_card_delete_form_record (GtkWidget   *card,
                             CrmStore    *store,
                             const char  *tbl,
                             CrmCardForm *form,
                             GtkLabel    *title_label)
{
  /* Taken before the flush: a flush that creates the record is no delete. */
  g_autofree char *id = g_strdup (crm_card_form_get_id (form));

  crm_card_form_flush (form);
  if (id != NULL)
    crm_card_delete_with_undo (card, store, tbl, id, gtk_label_get_text (title_label));
}

/**
 * crm_card_reach_out:
 * @card: a card
 * @uri: (nullable): a tel: or mailto: URI to open
 * @view_stack: the card's stack, with a "timeline" page
 * @timeline: the card's timeline
 * @kind: the activity to start logging, "call" or "email"
 *
 * What Call and Write do: open the phone or mail app, and start logging
 * the call or the e-mail on the timeline.
 */
void
crm_card_reach_out (GtkWidget    *card,
                    const char   *uri,
                    AdwViewStack *view_stack,
                    CrmTimeline  *timeline,
                    const char   *kind)
{
  if (uri != NULL)
    crm_card_show_uri (card, uri);
  adw_view_stack_set_visible_child_name (view_stack, "timeline");
  crm_timeline_start_log (timeline, kind);
}

/**
 * crm_card_open_merge:
 * @card: a card
 * @store: the workspace
 * @tbl: the table of both records
 * @id: the record the card shows
 * @other_id: its duplicate
 * @merged_cb: called on @card (swapped) when the dialog merged them
 *
 * Shows the merge dialog for the card's record and a duplicate of it.
 */
void
crm_card_open_merge (GtkWidget  *card,
                     CrmStore   *store,
                     const char *tbl,
                     const char *id,
                     const char *other_id,
                     GCallback   merged_cb)
{
  CrmMergeDialog *dialog;

  dialog = crm_merge_dialog_new (store, tbl, id, other_id);
  g_signal_connect_object (dialog, "merged", merged_cb, card, G_CONNECT_SWAPPED);
  crm_card_present_dialog (card, GTK_WINDOW (dialog));
}

/**
 * crm_card_ignore_duplicate:
 * @card: a card
 * @store: the workspace
 * @id: the record the card shows
 * @other_id: the candidate that is not a duplicate of it
 *
 * Remembers that two records are not duplicates; a failure shows as a
 * toast.
 *
 * Returns: %TRUE when remembered
 */
gboolean
crm_card_ignore_duplicate (GtkWidget  *card,
                           CrmStore   *store,
                           const char *id,
                           const char *other_id)
{
  g_autoptr(GError) error = NULL;

  if (!crm_dedupe_ignore (store, id, other_id, &error))
    {
      crm_card_toast (card, adw_toast_new (error->message));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_card_field_catalog:
 * @field: (nullable): a column name
 *
 * Returns: (nullable): the table whose names the ids in @field are, or
 *   %NULL when @field holds no such id
 */
const char *
crm_card_field_catalog (const char *field)
{
  static const struct {
    const char *field;
    const char *table;
  } catalogs[] = {
    { "channel_id", "channels" },
    { "stage_id", "stages" },
    { "owner_id", "users" },
    { "client_id", "clients" },
    { "contact_id", "contacts" },
    { "lead_id", "leads" },
    { "pipeline_id", "pipelines" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (catalogs); i++)
    if (g_strcmp0 (field, catalogs[i].field) == 0)
      return catalogs[i].table;
  return NULL;
}
