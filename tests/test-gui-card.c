/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "crm-address-row.h"
#include "crm-client-card.h"
#include "crm-contact-card.h"
#include "crm-convert-dialog.h"
#include "crm-core.h"
#include "crm-duplicate-banner.h"
#include "crm-history-view.h"
#include "crm-lead-card.h"
#include "crm-merge-dialog.h"
#include "crm-record-pane.h"
#include "crm-refuse-dialog.h"
#include "crm-test-util.h"
#include "crm-timeline.h"

/* The record card under a real display (Xvfb): every template of the CARD
 * part instantiates with criticals fatal, and the card's flows run through
 * its actions as a user would trigger them. Set VORONKA_CARD_SHOTS=DIR to
 * also save a PNG of each flow's window. */

typedef struct
{
  char      *dir;
  CrmClock  *clock;
  CrmStore  *store;
  GtkWindow *window;
  CrmRecordPane *pane;
  GPtrArray *toasts;
  guint      n_changed;
} Fixture;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Spins the main loop until @cond holds (at most 20 s: sanitizers are slow). */
#define WAIT_UNTIL(cond) G_STMT_START {                                    \
    gint64 _end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;         \
    while (!(cond) && g_get_monotonic_time () < _end)                    \
      spin (20);                                                         \
    g_assert_true (cond);                                                \
  } G_STMT_END

static void
on_toast_cb (CrmRecordPane *pane,
             AdwToast      *toast,
             Fixture       *f)
{
  g_ptr_array_add (f->toasts, g_object_ref_sink (toast));
}

static void
on_changed_cb (CrmRecordPane *pane,
               const char    *table,
               const char    *id,
               Fixture       *f)
{
  f->n_changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_tmpdir ();
  path = g_build_filename (f->dir, "voronka.db", NULL);
  f->clock = crm_clock_new ();
  f->store = crm_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  f->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 520, 860);
  f->pane = crm_record_pane_new (f->store);
  g_signal_connect (f->pane, "toast", G_CALLBACK (on_toast_cb), f);
  g_signal_connect (f->pane, "record-changed", G_CALLBACK (on_changed_cb), f);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->pane));
  gtk_window_present (f->window);
  spin (50);
}

static void
close_other_windows (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != f->window)
        gtk_window_destroy (w);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_other_windows (f);
  gtk_window_destroy (f->window);
  spin (20);
  g_ptr_array_unref (f->toasts);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_free (f->dir);
}

/* Saves a PNG of a window when VORONKA_CARD_SHOTS names a directory. */
static void
shot (GtkWindow  *window,
      const char *name)
{
  const char *dir = g_getenv ("VORONKA_CARD_SHOTS");
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  GskRenderer *renderer;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;
  spin (300);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 guint      nth)
{
  guint count = 0;
  GPtrArray *stack = g_ptr_array_new ();
  GtkWidget *found = NULL;

  g_ptr_array_add (stack, root);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, 0);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && count++ == nth)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  return found;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
    }
  return NULL;
}

static AdwEntryRow *
entry_titled (GtkWidget  *root,
              const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_descendant (root, ADW_TYPE_ENTRY_ROW, i);

      if (w == NULL)
        return NULL;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), _(title)) == 0)
        return ADW_ENTRY_ROW (w);
    }
}

static char *
add_contact_with_phone (CrmStore   *store,
                        const char *name,
                        const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) contact = crm_change_new_create ("contacts");
  g_autoptr(CrmChange) p = crm_change_new_create ("phones");

  crm_change_set_text (contact, "full_name", name);
  g_assert_true (crm_store_apply (store, contact, &error));
  crm_change_set_text (p, "entity_type", "contact");
  crm_change_set_text (p, "entity_id", crm_change_get_id (contact));
  crm_change_set_text (p, "raw", phone);
  g_assert_true (crm_store_apply (store, p, &error));
  return g_strdup (crm_change_get_id (contact));
}

static CrmLeadCard *
lead_card (Fixture *f)
{
  return CRM_LEAD_CARD (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_LEAD_CARD, 0));
}

/* Types a new lead into the card as a person would; returns its id. */
static char *
type_new_lead (Fixture    *f,
               const char *name,
               const char *phone)
{
  CrmLeadCard *card;
  CrmAddressRow *phone_row;

  crm_record_pane_new_lead (f->pane);
  spin (20);
  card = lead_card (f);
  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (card), "Full name")), name);
  phone_row = CRM_ADDRESS_ROW (find_descendant (GTK_WIDGET (card), CRM_TYPE_ADDRESS_ROW, 0));
  g_assert_nonnull (phone_row);
  gtk_editable_set_text (GTK_EDITABLE (phone_row), phone);
  WAIT_UNTIL (crm_lead_card_get_id (card) != NULL); /* the debounced save */
  return g_strdup (crm_lead_card_get_id (card));
}

/* ---- tests ---- */

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *lead = NULL;
  GType types[] = {
    CRM_TYPE_ADDRESS_ROW, CRM_TYPE_DUPLICATE_BANNER, CRM_TYPE_TIMELINE, CRM_TYPE_HISTORY_VIEW,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *w = g_object_new (types[i], NULL);
      GtkWidget *win = adw_window_new ();
      GtkWidget *box = gtk_list_box_new ();

      if (g_type_is_a (types[i], GTK_TYPE_LIST_BOX_ROW))
        {
          gtk_list_box_append (GTK_LIST_BOX (box), w);
          adw_window_set_content (ADW_WINDOW (win), box);
        }
      else
        adw_window_set_content (ADW_WINDOW (win), w);
      gtk_window_present (GTK_WINDOW (win));
      spin (20);
      gtk_window_destroy (GTK_WINDOW (win));
    }

  {
    GtkWidget *cards[] = {
      GTK_WIDGET (crm_lead_card_new (f->store)),
      GTK_WIDGET (crm_contact_card_new (f->store)),
      GTK_WIDGET (crm_client_card_new (f->store)),
    };

    for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
      {
        GtkWidget *win = adw_window_new ();

        adw_window_set_content (ADW_WINDOW (win), cards[i]);
        gtk_window_present (GTK_WINDOW (win));
        spin (20);
        gtk_window_destroy (GTK_WINDOW (win));
      }
  }

  lead = type_new_lead (f, "Тестов Тест", "+7 900 000-00-01");
  {
    CrmConvertDialog *c = crm_convert_dialog_new (f->store, lead);
    CrmRefuseDialog *r = crm_refuse_dialog_new (f->store, lead);
    CrmMergeDialog *m = crm_merge_dialog_new (f->store, "leads", lead, lead);

    gtk_window_present (GTK_WINDOW (c));
    gtk_window_present (GTK_WINDOW (r));
    gtk_window_present (GTK_WINDOW (m));
    spin (50);
    g_assert_cmpuint (crm_refuse_dialog_get_n_reasons (r), ==, 6);
    gtk_window_destroy (GTK_WINDOW (c));
    gtk_window_destroy (GTK_WINDOW (r));
    gtk_window_destroy (GTK_WINDOW (m));
  }
  crm_record_pane_clear (f->pane);
  spin (20);
  shot (f->window, "empty");

  /* A record that is gone leaves the pane empty, with a word in a toast. */
  crm_record_pane_show_record (f->pane, "leads", "01a22bce-0000-7000-8000-000000000000");
  g_assert_null (crm_record_pane_get_id (f->pane));
  g_assert_cmpuint (f->toasts->len, ==, 1);
}

static void
test_new_lead_duplicate (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *contact = add_contact_with_phone (f->store, "Смирнов Алексей", "+7 912 345-67-89");
  g_autofree char *lead = NULL;
  CrmDuplicateBanner *banner;
  const CrmDuplicate *d;
  g_autoptr(GPtrArray) phones = NULL;

  lead = type_new_lead (f, "Алексей Смирнов", "8 (912) 345 67 89");
  banner = CRM_DUPLICATE_BANNER (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_DUPLICATE_BANNER, 0));
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (banner))); /* the debounced, live check */
  g_assert_cmpuint (crm_duplicate_banner_get_n_candidates (banner), >=, 1);
  d = crm_duplicate_banner_get_shown (banner);
  g_assert_cmpstr (d->id, ==, contact);
  g_assert_cmpstr (d->entity_type, ==, "contact");
  /* Next goes round the candidates. */
  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.next", NULL);
  if (crm_duplicate_banner_get_n_candidates (banner) == 1)
    g_assert_true (crm_duplicate_banner_get_shown (banner) == d);
  shot (f->window, "lead-duplicate");

  /* The lead and its phone are in the base, normalized. */
  phones = crm_store_list_children (f->store, "phones", lead, NULL);
  g_assert_cmpuint (phones->len, ==, 1);
  g_assert_cmpstr (crm_record_get_text (g_ptr_array_index (phones, 0), "e164"), ==, "+79123456789");
  g_assert_cmpuint (f->n_changed, >=, 1);

  /* "Not a duplicate" is remembered and the banner goes. */
  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.ignore", NULL);
  spin (20);
  g_assert_true (crm_dedupe_is_ignored (f->store, lead, contact));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (banner)));

  /* "Open" opens the other record. */
  g_assert_cmpstr (crm_record_pane_get_table (f->pane), ==, "leads");
}

static void
test_several_duplicates (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = add_contact_with_phone (f->store, "Орлова Нина", "+7 903 555-12-12");
  g_autofree char *b = add_contact_with_phone (f->store, "Орлов Пётр", "8 903 555 12 12");
  g_autofree char *lead = type_new_lead (f, "Нина", "89035551212");
  CrmDuplicateBanner *banner;
  g_autofree char *first = NULL;

  banner = CRM_DUPLICATE_BANNER (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_DUPLICATE_BANNER, 0));
  WAIT_UNTIL (crm_duplicate_banner_get_n_candidates (banner) == 2);
  first = g_strdup (crm_duplicate_banner_get_shown (banner)->id);
  shot (f->window, "lead-two-duplicates");
  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.next", NULL);
  g_assert_cmpstr (crm_duplicate_banner_get_shown (banner)->id, !=, first);
  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.next", NULL);
  g_assert_cmpstr (crm_duplicate_banner_get_shown (banner)->id, ==, first);

  /* Open shows the candidate's card. */
  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.open", NULL);
  spin (20);
  g_assert_cmpstr (crm_record_pane_get_table (f->pane), ==, "contacts");
  g_assert_cmpstr (crm_record_pane_get_id (f->pane), ==, first);
}

static void
test_inline_validation (Fixture       *f,
                        gconstpointer  data)
{
  CrmLeadCard *card;
  CrmAddressRow *phone_row;
  GtkWidget *email_row;
  AdwEntryRow *value_row;
  g_autofree char *lead = type_new_lead (f, "Иванова Мария", "+7 921 111-22-33");

  card = lead_card (f);
  phone_row = CRM_ADDRESS_ROW (find_descendant (GTK_WIDGET (card), CRM_TYPE_ADDRESS_ROW, 0));
  gtk_editable_set_text (GTK_EDITABLE (phone_row), "12");
  email_row = find_descendant (GTK_WIDGET (card), CRM_TYPE_ADDRESS_ROW, 1);
  gtk_editable_set_text (GTK_EDITABLE (email_row), "maria@");
  value_row = entry_titled (GTK_WIDGET (card), "Deal value, ₽");
  gtk_editable_set_text (GTK_EDITABLE (value_row), "150 000");
  WAIT_UNTIL (crm_test_query_int (f->store, "SELECT value IS NOT NULL FROM leads WHERE id = ?1", lead) == 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (phone_row), "error"));
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  shot (f->window, "lead-validation");

  /* The invalid phone waits; the valid deal value is saved. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT value FROM leads WHERE id = ?1", lead), ==, 15000000);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM phones WHERE entity_id = ?1"
                                       " AND e164 = '+79211112233' AND _deleted = 0", lead), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM emails WHERE entity_id = ?1", lead), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (email_row), "maria@example.ru");
  WAIT_UNTIL (crm_test_query_int (f->store, "SELECT COUNT(*) FROM emails WHERE entity_id = ?1", lead) == 1);
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM emails WHERE entity_id = ?1", lead), ==, 1);

  /* Every change is in the History tab: created, phone, value, e-mail. */
  {
    CrmHistoryView *history = CRM_HISTORY_VIEW (find_descendant (GTK_WIDGET (card), CRM_TYPE_HISTORY_VIEW, 0));
    AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (card), ADW_TYPE_VIEW_STACK, 0));

    g_assert_cmpuint (crm_history_view_get_n_items (history), >=, 4);
    adw_view_stack_set_visible_child_name (stack, "history");
    shot (f->window, "lead-history");
  }
}

static void
test_log_call (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *lead = type_new_lead (f, "Петров Пётр", "+7 903 123-45-67");
  CrmLeadCard *card = lead_card (f);
  CrmTimeline *timeline = CRM_TIMELINE (find_descendant (GTK_WIDGET (card), CRM_TYPE_TIMELINE, 0));
  GtkTextView *body;

  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.log", "s", "call");
  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (timeline), "Duration (minutes or m:ss)")), "3:20");
  body = GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (timeline), GTK_TYPE_TEXT_VIEW, 0));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (body), "Интересует оптовая поставка", -1);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_descendant (GTK_WIDGET (card), ADW_TYPE_VIEW_STACK, 0)), "timeline");
  shot (f->window, "lead-log-call");
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.save", NULL);
  spin (50);

  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM activities WHERE entity_id = ?1"
                                       " AND kind = 'call' AND outcome = 'answered' AND duration_s = 200", lead), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT first_response_ms IS NOT NULL FROM leads WHERE id = ?1", lead), ==, 1);
  timeline = CRM_TIMELINE (find_descendant (GTK_WIDGET (lead_card (f)), CRM_TYPE_TIMELINE, 0));
  g_assert_cmpuint (crm_timeline_get_n_items (timeline), ==, 1);
  shot (f->window, "lead-timeline");
}

static void
test_convert (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *lead = type_new_lead (f, "Кузнецова Ольга", "+7 916 555-44-33");
  CrmLeadCard *card = lead_card (f);
  CrmConvertDialog *dialog;
  g_autofree char *client_id = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (card), "Company")), "ООО «Север»");
  crm_lead_card_flush (card);
  gtk_widget_activate_action (GTK_WIDGET (card), "lead.convert", NULL);
  spin (50);
  dialog = CRM_CONVERT_DIALOG (find_toplevel (CRM_TYPE_CONVERT_DIALOG));
  g_assert_nonnull (dialog);

  /* A wrong INN is refused under the field; a right one converts. */
  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (dialog), "INN")), "7707083894");
  spin (20);
  shot (GTK_WINDOW (dialog), "convert-dialog");
  g_assert_false (crm_convert_dialog_convert (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (dialog), "INN")), "7707083893");
  g_assert_true (crm_convert_dialog_convert (dialog));
  spin (50);

  client_id = crm_test_query_text (f->store, "SELECT client_id FROM leads WHERE id = ?1", lead);
  g_assert_nonnull (client_id);
  {
    g_autofree char *back = crm_test_query_text (f->store, "SELECT lead_id FROM clients WHERE id = ?1", client_id);
    g_autofree char *name = crm_test_query_text (f->store, "SELECT name FROM clients WHERE id = ?1", client_id);
    g_assert_cmpstr (back, ==, lead);
    g_assert_cmpstr (name, ==, "ООО «Север»");
  }
  g_assert_true (crm_lead_card_is_read_only (lead_card (f)));
  g_assert_cmpuint (f->toasts->len, >=, 1);
  shot (f->window, "lead-converted");

  /* The lead links to its client, and the client card knows the lead and
   * its new contact. */
  /* The toast opens the client, and so does the card's link. */
  g_signal_emit_by_name (g_ptr_array_index (f->toasts, f->toasts->len - 1), "button-clicked");
  spin (20);
  g_assert_cmpstr (crm_record_pane_get_table (f->pane), ==, "clients");
  crm_record_pane_show_record (f->pane, "leads", lead);
  gtk_widget_activate_action (GTK_WIDGET (lead_card (f)), "lead.open-client", NULL);
  spin (50);
  g_assert_cmpstr (crm_record_pane_get_table (f->pane), ==, "clients");
  g_assert_cmpstr (crm_record_pane_get_id (f->pane), ==, client_id);
  {
    CrmClientCard *ccard = CRM_CLIENT_CARD (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_CLIENT_CARD, 0));
    g_autofree char *contact_id = crm_test_query_text (f->store, "SELECT contact_id FROM leads WHERE id = ?1", lead);
    AdwEntryRow *kpp;

    g_assert_cmpstr (crm_client_card_get_id (ccard), ==, client_id);
    shot (f->window, "client-card");

    /* Requisites are checked as typed: a bad KPP is not saved. */
    kpp = entry_titled (GTK_WIDGET (ccard), "KPP");
    gtk_editable_set_text (GTK_EDITABLE (kpp), "12");
    spin (100);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (kpp), "error"));
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT kpp IS NULL FROM clients WHERE id = ?1", client_id), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (kpp), "773601001");
    WAIT_UNTIL (crm_test_query_int (f->store, "SELECT kpp IS NOT NULL FROM clients WHERE id = ?1", client_id) == 1);
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT kpp = '773601001' FROM clients WHERE id = ?1", client_id), ==, 1);

    /* "+" on the client's contacts: a new contact of that client, made
     * once it has a name. */
    {
      g_autofree char *new_id = NULL;

      gtk_widget_activate_action (GTK_WIDGET (ccard), "client.add-contact", NULL);
      spin (20);
      g_assert_cmpstr (crm_record_pane_get_table (f->pane), ==, "contacts");
      g_assert_null (crm_record_pane_get_id (f->pane));
      gtk_editable_set_text (GTK_EDITABLE (entry_titled (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_CONTACT_CARD, 0),
                                                         "Full name")), "Петрова Ирина");
      WAIT_UNTIL (crm_record_pane_get_id (f->pane) != NULL);
      new_id = crm_test_query_text (f->store, "SELECT client_id FROM contacts WHERE full_name = 'Петрова Ирина'", NULL);
      g_assert_cmpstr (new_id, ==, client_id);
      shot (f->window, "contact-new");
    }

    gtk_widget_activate_action (GTK_WIDGET (ccard), "card.open-record", "(ss)", "contacts", contact_id);
    spin (50);
    g_assert_cmpstr (crm_record_pane_get_table (f->pane), ==, "contacts");
    shot (f->window, "contact-card");
    g_assert_cmpstr (crm_contact_card_get_id (CRM_CONTACT_CARD (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_CONTACT_CARD, 0))), ==, contact_id);
  }
}

static void
test_refuse (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *lead = type_new_lead (f, "Соколов Игорь", "+7 925 000-11-22");
  CrmLeadCard *card = lead_card (f);
  CrmRefuseDialog *dialog;

  g_autofree char *stage_before = crm_test_query_text (f->store, "SELECT stage_id FROM leads WHERE id = ?1", lead);
  g_autoptr(GPtrArray) stages = crm_catalog_list (f->store, "stages", NULL, NULL);
  AdwComboRow *stage_row = NULL;

  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "error"));
  /* Choosing the refused stage asks for a reason instead of moving. */
  for (guint i = 0; (stage_row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (card), ADW_TYPE_COMBO_ROW, i))) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (stage_row)), _("Stage")) == 0)
      break;
  g_assert_nonnull (stage_row);
  for (guint i = 0; i < stages->len; i++)
    if (g_strcmp0 (crm_record_get_text (g_ptr_array_index (stages, i), "kind"), "lost") == 0)
      adw_combo_row_set_selected (stage_row, i);
  spin (100);
  {
    g_autofree char *stage_after = crm_test_query_text (f->store, "SELECT stage_id FROM leads WHERE id = ?1", lead);
    g_assert_cmpstr (stage_after, ==, stage_before);
  }
  dialog = CRM_REFUSE_DIALOG (find_toplevel (CRM_TYPE_REFUSE_DIALOG));
  g_assert_nonnull (dialog);
  shot (GTK_WINDOW (dialog), "refuse-dialog");
  /* No reason yet: refusing is not possible. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "refuse"));
  crm_refuse_dialog_select (dialog, 1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "refuse"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "refuse");
  spin (50);

  {
    g_autofree char *reason = crm_test_query_text (f->store, "SELECT lost_reason FROM leads WHERE id = ?1", lead);
    g_assert_cmpstr (reason, ==, _("Too expensive"));
  }
  shot (f->window, "lead-refused");
  gtk_widget_activate_action (GTK_WIDGET (lead_card (f)), "lead.reopen", NULL);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT lost_ms IS NULL FROM leads WHERE id = ?1", lead), ==, 1);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *lead = type_new_lead (f, "Удалов Денис", "+7 926 000-99-88");
  AdwToast *toast;

  gtk_widget_activate_action (GTK_WIDGET (lead_card (f)), "lead.delete", NULL);
  spin (20);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted != 0 FROM leads WHERE id = ?1", lead), ==, 1);
  g_assert_null (crm_record_pane_get_id (f->pane));
  g_assert_cmpuint (f->toasts->len, ==, 1);
  toast = g_ptr_array_index (f->toasts, 0);
  g_assert_nonnull (adw_toast_get_button_label (toast));
  g_signal_emit_by_name (toast, "button-clicked");
  spin (20);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted FROM leads WHERE id = ?1", lead), ==, 0);
  g_assert_cmpstr (crm_record_pane_get_id (f->pane), ==, lead);

  /* A deleted lead reached through a link is read-only, with Restore. */
  g_assert_true (crm_store_delete (f->store, "leads", lead, NULL));
  crm_record_pane_show_record (f->pane, "leads", lead);
  spin (20);
  g_assert_true (crm_lead_card_is_read_only (lead_card (f)));
  shot (f->window, "lead-deleted");
  gtk_widget_activate_action (GTK_WIDGET (lead_card (f)), "lead.restore", NULL);
  spin (20);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted FROM leads WHERE id = ?1", lead), ==, 0);
  g_assert_false (crm_lead_card_is_read_only (lead_card (f)));
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = type_new_lead (f, "Морозов Антон", "+7 915 321-00-00");
  g_autofree char *second = NULL;
  CrmDuplicateBanner *banner;
  CrmMergeDialog *dialog;

  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (lead_card (f)), "Company")), "Альфа");
  crm_lead_card_flush (lead_card (f));
  second = type_new_lead (f, "Антон Морозов", "89153210000");
  gtk_editable_set_text (GTK_EDITABLE (entry_titled (GTK_WIDGET (lead_card (f)), "Company")), "Бета");
  crm_lead_card_flush (lead_card (f));
  crm_lead_card_check_duplicates (lead_card (f));
  banner = CRM_DUPLICATE_BANNER (find_descendant (GTK_WIDGET (f->pane), CRM_TYPE_DUPLICATE_BANNER, 0));
  g_assert_cmpstr (crm_duplicate_banner_get_shown (banner)->id, ==, first);

  gtk_widget_activate_action (GTK_WIDGET (banner), "banner.merge", NULL);
  spin (50);
  dialog = CRM_MERGE_DIALOG (find_toplevel (CRM_TYPE_MERGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (crm_merge_dialog_get_n_fields (dialog), >=, 1);
  crm_merge_dialog_choose_other (dialog, "company");
  shot (GTK_WINDOW (dialog), "merge-dialog");
  g_assert_true (crm_merge_dialog_merge (dialog));
  spin (50);
  {
    g_autofree char *company = crm_test_query_text (f->store, "SELECT company FROM leads WHERE id = ?1", second);
    g_assert_cmpstr (company, ==, "Альфа");
  }
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted != 0 FROM leads WHERE id = ?1", first), ==, 1);

  /* The toast undoes the merge. */
  {
    AdwToast *toast = g_ptr_array_index (f->toasts, f->toasts->len - 1);

    g_assert_nonnull (adw_toast_get_button_label (toast));
    g_signal_emit_by_name (toast, "button-clicked");
    spin (20);
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT _deleted FROM leads WHERE id = ?1", first), ==, 0);
  }
}

static void
test_no_empty_lead (Fixture       *f,
                    gconstpointer  data)
{
  CrmAddressRow *phone_row;
  gint64 before = crm_test_query_int (f->store, "SELECT COUNT(*) FROM leads", NULL);

  crm_record_pane_new_lead (f->pane);
  spin (20);
  /* A phone that does not parse yet makes no lead; a valid one does. */
  phone_row = CRM_ADDRESS_ROW (find_descendant (GTK_WIDGET (lead_card (f)), CRM_TYPE_ADDRESS_ROW, 0));
  gtk_editable_set_text (GTK_EDITABLE (phone_row), "8 912");
  spin (900);
  crm_lead_card_flush (lead_card (f));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM leads", NULL), ==, before);
  g_assert_null (crm_lead_card_get_id (lead_card (f)));
  gtk_editable_set_text (GTK_EDITABLE (phone_row), "8 912 555-01-02");
  WAIT_UNTIL (crm_lead_card_get_id (lead_card (f)) != NULL);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM leads", NULL), ==, before + 1);
}

static AdwComboRow *
combo_titled (GtkWidget  *root,
              const char *title)
{
  AdwComboRow *row;

  for (guint i = 0; (row = ADW_COMBO_ROW (find_descendant (root, ADW_TYPE_COMBO_ROW, i))) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), _(title)) == 0)
      return row;
  return NULL;
}

static void
test_catalogue_changes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = type_new_lead (f, "Каналов Канал", "+7 916 700-00-01");
  g_autofree char *channel = NULL;
  AdwComboRow *row;
  GListModel *model;
  gboolean found = FALSE;

  /* A channel added meanwhile (in Preferences) is offered the next time. */
  channel = crm_workspace_ensure_channel (f->store, "Авито", &error);
  g_assert_no_error (error);
  crm_record_pane_show_record (f->pane, "leads", lead);
  spin (20);
  row = combo_titled (GTK_WIDGET (lead_card (f)), "Channel");
  g_assert_nonnull (row);
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (gtk_string_object_get_string (item), "Авито") == 0)
        {
          found = TRUE;
          adw_combo_row_set_selected (row, i);
        }
    }
  g_assert_true (found);
  WAIT_UNTIL (crm_test_query_int (f->store, "SELECT channel_id IS NOT NULL FROM leads WHERE id = ?1", lead) == 1);
  {
    g_autofree char *saved = crm_test_query_text (f->store, "SELECT channel_id FROM leads WHERE id = ?1", lead);
    g_assert_cmpstr (saved, ==, channel);
  }
}

static void
test_convert_link_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) client = crm_change_new_create ("clients");
  g_autoptr(CrmChange) link = NULL;
  g_autofree char *contact = add_contact_with_phone (f->store, "Волков Виктор", "+7 912 000-11-22");
  g_autofree char *lead = NULL;
  g_autofree char *client_of_lead = NULL;
  CrmConvertDialog *dialog;

  crm_change_set_text (client, "name", "АО «Вектор»");
  g_assert_true (crm_store_apply (f->store, client, &error));
  link = crm_change_new_update ("contacts", contact);
  crm_change_set_text (link, "client_id", crm_change_get_id (client));
  g_assert_true (crm_store_apply (f->store, link, &error));

  lead = type_new_lead (f, "Виктор Волков", "89120001122");
  gtk_widget_activate_action (GTK_WIDGET (lead_card (f)), "lead.convert", NULL);
  spin (50);
  dialog = CRM_CONVERT_DIALOG (find_toplevel (CRM_TYPE_CONVERT_DIALOG));
  g_assert_nonnull (dialog);
  shot (GTK_WINDOW (dialog), "convert-existing");
  /* The client found through its contact's phone is offered and chosen. */
  g_assert_true (crm_convert_dialog_convert (dialog));
  spin (50);
  client_of_lead = crm_test_query_text (f->store, "SELECT client_id FROM leads WHERE id = ?1", lead);
  g_assert_cmpstr (client_of_lead, ==, crm_change_get_id (client));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM clients", NULL), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM contacts", NULL), ==, 1);
}

static void
test_refuse_reasons (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *lead = type_new_lead (f, "Гусев Олег", "+7 927 100-20-30");
  CrmRefuseDialog *dialog;
  GtkToggleButton *edit;
  AdwEntryRow *add;
  guint n;

  dialog = crm_refuse_dialog_new (f->store, lead);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->window);
  gtk_window_present (GTK_WINDOW (dialog));
  spin (50);
  n = crm_refuse_dialog_get_n_reasons (dialog);
  edit = GTK_TOGGLE_BUTTON (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, 0));
  gtk_toggle_button_set_active (edit, TRUE);
  spin (20);
  add = entry_titled (GTK_WIDGET (dialog), "New reason");
  g_assert_nonnull (add);
  gtk_editable_set_text (GTK_EDITABLE (add), "Не сезон");
  g_signal_emit_by_name (add, "apply");
  spin (20);
  g_assert_cmpuint (crm_refuse_dialog_get_n_reasons (dialog), ==, n + 1);
  shot (GTK_WINDOW (dialog), "refuse-edit-reasons");
  /* Refusing waits until the list is no longer being edited. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "refuse"));
  gtk_toggle_button_set_active (edit, FALSE);
  spin (20);
  crm_refuse_dialog_select (dialog, n);
  g_assert_true (crm_refuse_dialog_refuse (dialog));
  {
    g_autofree char *reason = crm_test_query_text (f->store, "SELECT lost_reason FROM leads WHERE id = ?1", lead);
    g_assert_cmpstr (reason, ==, "Не сезон");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  /* Not crm_test_init: isolated XDG dirs would hide the system GSettings
   * schemas GTK and libadwaita read. */
  setlocale (LC_ALL, "");
  /* VORONKA_LOCALEDIR=builddir/po with LANGUAGE=ru shows the card in
   * Russian (for screenshots). */
  if (g_getenv ("VORONKA_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VORONKA_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/gui/card/templates", test_templates);
  ADD ("/gui/card/new-lead-duplicate", test_new_lead_duplicate);
  ADD ("/gui/card/several-duplicates", test_several_duplicates);
  ADD ("/gui/card/inline-validation", test_inline_validation);
  ADD ("/gui/card/no-empty-lead", test_no_empty_lead);
  ADD ("/gui/card/catalogue-changes", test_catalogue_changes);
  ADD ("/gui/card/log-call", test_log_call);
  ADD ("/gui/card/convert", test_convert);
  ADD ("/gui/card/convert-link-existing", test_convert_link_existing);
  ADD ("/gui/card/refuse", test_refuse);
  ADD ("/gui/card/refuse-reasons", test_refuse_reasons);
  ADD ("/gui/card/delete-undo", test_delete_undo);
  ADD ("/gui/card/merge", test_merge);
#undef ADD

  return crm_test_run ();
}
