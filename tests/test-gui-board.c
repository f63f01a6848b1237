/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Funnel page under Xvfb, on a real workspace file: the columns and
 * their counts and sums, cards painted from pages read off the UI thread,
 * moves through the drop handler, the menu's and the keys' actions, a drop
 * on a lost stage whose refusal is cancelled, a stage with required
 * fields, Undo, filters and search. Criticals are fatal.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "crm-board-column.h"
#include "crm-board-fields-dialog.h"
#include "crm-board-tile.h"
#include "crm-convert-dialog.h"
#include "crm-core.h"
#include "crm-funnel-page.h"
#include "crm-preferences-window.h"
#include "crm-refuse-dialog.h"
#include "crm-task-dialog.h"
#include "crm-test-util.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_FOR(cond) G_STMT_START {                                         \
    gboolean timed_out_ = FALSE;                                              \
    guint id_ = g_timeout_add_seconds (20, timeout_cb, &timed_out_);          \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (timed_out_)                                                           \
      g_error ("Timed out waiting for %s", #cond);                            \
    g_source_remove (id_);                                                    \
  } G_STMT_END

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  CrmTestStore   base;
  GtkWindow     *window;
  CrmFunnelPage *page;
  char          *new_stage;
  char          *in_work;
  char          *qualified;
  char          *refused;
  char          *leads[5];
  GPtrArray     *activated;
} Fixture;

static char *
stage (Fixture    *f,
       const char *name)
{
  g_autoptr(GError) error = NULL;
  char *id = crm_stage_find (f->base.store, NULL, name, &error);

  g_assert_no_error (error);
  return id;
}

static char *
add_lead (Fixture    *f,
          const char *name,
          const char *stage_id,
          const char *temperature,
          gint64      value)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;

  crm_clock_advance (f->base.clock, 1000);
  crm_change_set_text (change, "full_name", name);
  crm_change_set_text (change, "stage_id", stage_id);
  if (temperature != NULL)
    crm_change_set_text (change, "temperature", temperature);
  crm_change_set_int (change, "value", value);
  g_assert_true (crm_store_apply (f->base.store, change, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (change));
}

static void
on_activated_cb (CrmFunnelPage *page,
                 const char    *table,
                 const char    *id,
                 Fixture       *f)
{
  g_assert_cmpstr (table, ==, "leads");
  g_ptr_array_add (f->activated, g_strdup (id));
}

static gboolean
page_idle (CrmFunnelPage *page)
{
  return !crm_funnel_page_is_loading (page);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  crm_test_store_setup (&f->base, data);
  f->new_stage = stage (f, "New");
  f->in_work = stage (f, "In work");
  f->qualified = stage (f, "Qualified");
  f->refused = stage (f, "Refused");
  /* New, top to bottom: Вера, Борис, Анна; In work: Галина; Qualified: Дмитрий. */
  f->leads[0] = add_lead (f, "Анна Петрова", f->new_stage, "hot", 10000000);
  f->leads[1] = add_lead (f, "Борис Сидоров", f->new_stage, "cold", 25000000);
  f->leads[2] = add_lead (f, "Вера Иванова", f->new_stage, "hot", 5000000);
  f->leads[3] = add_lead (f, "Галина Орлова", f->in_work, "warm", 7000000);
  f->leads[4] = add_lead (f, "Дмитрий Козлов", f->qualified, NULL, 0);
  f->activated = g_ptr_array_new_with_free_func (g_free);

  f->page = crm_funnel_page_new (f->base.store);
  g_signal_connect (f->page, "record-activated", G_CALLBACK (on_activated_cb), f);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1300, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  WAIT_FOR (page_idle (f->page));
  spin (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  spin (50);
  for (guint i = 0; i < G_N_ELEMENTS (f->leads); i++)
    g_free (f->leads[i]);
  g_ptr_array_unref (f->activated);
  g_free (f->new_stage);
  g_free (f->in_work);
  g_free (f->qualified);
  g_free (f->refused);
  crm_test_store_teardown (&f->base, data);
}

static CrmBoardColumn *
column (Fixture    *f,
        const char *stage_id)
{
  GtkWidget *widget = crm_funnel_page_find_column (f->page, stage_id);

  g_assert_nonnull (widget);
  return CRM_BOARD_COLUMN (widget);
}

static CrmBoardModel *
model (Fixture    *f,
       const char *stage_id)
{
  return crm_board_column_get_model (column (f, stage_id));
}

static gint64
rid_of (Fixture    *f,
        const char *lead_id)
{
  return crm_test_query_int (f->base.store, "SELECT rid FROM leads WHERE id = ?1", lead_id);
}

static char *
stage_of (Fixture    *f,
          const char *lead_id)
{
  return crm_test_query_text (f->base.store, "SELECT stage_id FROM leads WHERE id = ?1", lead_id);
}

/* The column's titles top to bottom, as its model holds them now. */
static char *
titles (Fixture    *f,
        const char *stage_id)
{
  CrmBoardModel *m = model (f, stage_id);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (m)); i++)
    {
      g_autoptr(CrmBoardItem) item = g_list_model_get_item (G_LIST_MODEL (m), i);
      CrmBoardCard *card;

      WAIT_FOR (crm_board_item_get_card (item) != NULL);
      card = crm_board_item_get_card (item);
      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", card->title);
    }
  return g_string_free (out, FALSE);
}

static guint
count_tiles (GtkWidget  *widget,
             const char *title)
{
  guint n = 0;

  if (CRM_IS_BOARD_TILE (widget))
    {
      CrmBoardItem *item = crm_board_tile_get_item (CRM_BOARD_TILE (widget));
      CrmBoardCard *card = item != NULL ? crm_board_item_get_card (item) : NULL;

      return card != NULL && (title == NULL || g_strcmp0 (card->title, title) == 0) &&
             gtk_widget_get_mapped (widget) ? 1 : 0;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_tiles (c, title);
  return n;
}

/* Seven columns of the default funnel, counts and sums, painted cards. */
static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *names = NULL;

  g_assert_cmpuint (crm_funnel_page_get_n_columns (f->page), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->new_stage))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->in_work))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->refused))), ==, 0);
  g_assert_cmpint (crm_board_model_get_sum (model (f, f->new_stage)), ==, 40000000);
  g_assert_cmpint (crm_board_model_get_sum (model (f, f->in_work)), ==, 7000000);
  names = titles (f, f->new_stage);
  g_assert_cmpstr (names, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");
  /* Real cards on screen, one per lead. */
  WAIT_FOR (count_tiles (GTK_WIDGET (f->page), NULL) == 5);
  g_assert_cmpuint (count_tiles (GTK_WIDGET (f->page), "Галина Орлова"), ==, 1);

  /* Activating a card opens the lead. */
  crm_funnel_page_card_action (f->page, rid_of (f, f->leads[3]), "open");
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->activated, 0), ==, f->leads[3]);
}

/* A drop between two cards of another column, then Undo. */
static void
test_drop_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *where = NULL;
  g_autofree char *names = NULL;
  gint64 borys = rid_of (f, f->leads[1]);

  /* Борис onto In work, below Галина (index 1). */
  crm_funnel_page_drop (f->page, borys, f->in_work, 1);
  where = stage_of (f, f->leads[1]);
  g_assert_cmpstr (where, ==, f->in_work);
  /* Shown right after (before the next frame). */
  WAIT_FOR (crm_board_model_find (model (f, f->in_work), borys) == 1);
  g_assert_cmpint (crm_board_model_find (model (f, f->new_stage), borys), ==, -1);
  g_assert_cmpint (crm_board_model_get_sum (model (f, f->in_work)), ==, 32000000);
  WAIT_FOR (page_idle (f->page));
  names = titles (f, f->in_work);
  g_assert_cmpstr (names, ==, "Галина Орлова|Борис Сидоров");
  /* One transaction: the stage change on the timeline and in history. */
  g_assert_cmpint (crm_test_query_int (f->base.store, "SELECT count(*) FROM activities"
                                       " WHERE entity_id = ?1 AND kind = 'stage'", f->leads[1]), ==, 1);

  g_assert_true (crm_funnel_page_undo (f->page));
  g_clear_pointer (&where, g_free);
  where = stage_of (f, f->leads[1]);
  g_assert_cmpstr (where, ==, f->new_stage);
  WAIT_FOR (page_idle (f->page));
  g_clear_pointer (&names, g_free);
  names = titles (f, f->new_stage);
  g_assert_cmpstr (names, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");
  g_assert_cmpint (crm_board_model_get_sum (model (f, f->in_work)), ==, 7000000);
  /* Nothing left to undo. */
  g_assert_false (crm_funnel_page_undo (f->page));

  /* Within a column: Анна to the top. */
  crm_funnel_page_drop (f->page, rid_of (f, f->leads[0]), f->new_stage, 0);
  WAIT_FOR (page_idle (f->page));
  g_clear_pointer (&names, g_free);
  names = titles (f, f->new_stage);
  g_assert_cmpstr (names, ==, "Анна Петрова|Вера Иванова|Борис Сидоров");
}

/* The column's drop target: the card's rid as text, the gap at a height. */
static void
test_drop_target (Fixture       *f,
                  gconstpointer  data)
{
  CrmBoardColumn *col = column (f, f->qualified);
  g_autofree char *where = NULL;

  g_assert_cmpuint (crm_board_column_index_at (col, 0), ==, 0);
  g_assert_cmpuint (crm_board_column_index_at (col, 5000), ==, 1);
  g_signal_emit_by_name (col, "card-dropped", rid_of (f, f->leads[3]), (guint) 1);
  where = stage_of (f, f->leads[3]);
  g_assert_cmpstr (where, ==, f->qualified);
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->in_work))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->qualified))), ==, 2);
}

/* A lost stage asks why; cancelling leaves the card where it was. */
static void
test_lost_cancel (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *dialog;
  g_autofree char *where = NULL;
  gint64 anna = rid_of (f, f->leads[0]);

  crm_funnel_page_drop (f->page, anna, f->refused, 0);
  dialog = crm_funnel_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (CRM_IS_REFUSE_DIALOG (dialog));
  /* A second drop while it is open does nothing. */
  crm_funnel_page_drop (f->page, rid_of (f, f->leads[2]), f->in_work, 0);
  g_assert_cmpint (crm_board_model_find (model (f, f->new_stage), rid_of (f, f->leads[2])), ==, 0);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* What clicking the button does after the response. */
  gtk_window_close (dialog);
  WAIT_FOR (crm_funnel_page_get_dialog (f->page) == NULL);
  where = stage_of (f, f->leads[0]);
  g_assert_cmpstr (where, ==, f->new_stage);
  g_assert_cmpint (crm_board_model_find (model (f, f->new_stage), anna), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->refused))), ==, 0);

  /* With a reason it goes. */
  crm_funnel_page_drop (f->page, anna, f->refused, 0);
  dialog = crm_funnel_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (crm_refuse_dialog_get_n_reasons (CRM_REFUSE_DIALOG (dialog)), >, 0);
  crm_refuse_dialog_select (CRM_REFUSE_DIALOG (dialog), 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "refuse");
  /* What clicking the button does after the response. */
  gtk_window_close (dialog);
  WAIT_FOR (crm_funnel_page_get_dialog (f->page) == NULL);
  g_clear_pointer (&where, g_free);
  where = stage_of (f, f->leads[0]);
  g_assert_cmpstr (where, ==, f->refused);
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->refused))), ==, 1);
  /* Undo brings it back to work, the refusal cleared. */
  g_assert_true (crm_funnel_page_undo (f->page));
  g_clear_pointer (&where, g_free);
  where = stage_of (f, f->leads[0]);
  g_assert_cmpstr (where, ==, f->new_stage);
  g_assert_cmpint (crm_test_query_int (f->base.store, "SELECT lost_reason IS NULL FROM leads WHERE id = ?1",
                                       f->leads[0]), ==, 1);
}

/* A stage with required fields asks for them; cancel keeps the card,
 * filling them in moves it with the values. */
static void
test_required_fields (Fixture       *f,
                      gconstpointer  data)
{
  const char *required[] = { "company", NULL };
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *company = NULL;
  GtkWindow *dialog;
  gint64 vera = rid_of (f, f->leads[2]);

  input.required_fields = required;
  g_assert_true (crm_stage_update (f->base.store, f->qualified, &input, &error));
  g_assert_no_error (error);
  crm_funnel_page_refresh (f->page);
  WAIT_FOR (page_idle (f->page));

  crm_funnel_page_drop (f->page, vera, f->qualified, 0);
  dialog = crm_funnel_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* What clicking the button does after the response. */
  gtk_window_close (dialog);
  WAIT_FOR (crm_funnel_page_get_dialog (f->page) == NULL);
  where = stage_of (f, f->leads[2]);
  g_assert_cmpstr (where, ==, f->new_stage);

  g_free (company);
  company = g_strconcat ("to:", f->qualified, NULL);
  crm_funnel_page_card_action (f->page, vera, company);
  g_clear_pointer (&company, g_free);
  dialog = crm_funnel_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (crm_board_fields_dialog_fill (ADW_MESSAGE_DIALOG (dialog), "company", "ООО «Ромашка»"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  /* What clicking the button does after the response. */
  gtk_window_close (dialog);
  WAIT_FOR (crm_funnel_page_get_dialog (f->page) == NULL);
  g_clear_pointer (&where, g_free);
  where = stage_of (f, f->leads[2]);
  g_assert_cmpstr (where, ==, f->qualified);
  company = crm_test_query_text (f->base.store, "SELECT company FROM leads WHERE id = ?1", f->leads[2]);
  g_assert_cmpstr (company, ==, "ООО «Ромашка»");
}

/* The keyboard's and the menu's moves. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *names = NULL;
  g_autofree char *where = NULL;
  gint64 anna = rid_of (f, f->leads[0]);
  CrmBoardColumn *col = column (f, f->new_stage);

  crm_funnel_page_card_action (f->page, anna, "up");
  WAIT_FOR (page_idle (f->page));
  names = titles (f, f->new_stage);
  g_assert_cmpstr (names, ==, "Вера Иванова|Анна Петрова|Борис Сидоров");
  crm_funnel_page_card_action (f->page, anna, "bottom");
  WAIT_FOR (page_idle (f->page));
  g_clear_pointer (&names, g_free);
  names = titles (f, f->new_stage);
  g_assert_cmpstr (names, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");

  /* Ctrl+Right on the selected card: the next stage. */
  crm_board_column_focus_rid (col, anna);
  spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (col), "card.do", "s", "right"));
  where = stage_of (f, f->leads[0]);
  g_assert_cmpstr (where, ==, f->in_work);
  WAIT_FOR (page_idle (f->page));
  crm_funnel_page_card_action (f->page, anna, "left");
  g_clear_pointer (&where, g_free);
  where = stage_of (f, f->leads[0]);
  g_assert_cmpstr (where, ==, f->new_stage);
}

/* Filters shared with the lists, and the window's search. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  crm_funnel_page_set_filter (f->page, NULL, NULL, "hot");
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->new_stage))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->in_work))), ==, 0);
  g_assert_cmpint (crm_board_model_get_sum (model (f, f->new_stage)), ==, 15000000);

  crm_funnel_page_set_filter (f->page, NULL, NULL, NULL);
  crm_funnel_page_set_search_text (f->page, "орлова");
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->new_stage))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->in_work))), ==, 1);

  crm_funnel_page_set_search_text (f->page, "");
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, f->new_stage))), ==, 3);
}

/* The "+" of a column: a new lead at the top, opened at once. */
static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  CrmBoardColumn *col = column (f, f->in_work);
  g_autofree char *names = NULL;

  g_signal_emit_by_name (col, "add-requested", "Евгений Морозов");
  g_assert_cmpuint (f->activated->len, ==, 1);
  WAIT_FOR (page_idle (f->page));
  names = titles (f, f->in_work);
  g_assert_cmpstr (names, ==, "Евгений Морозов|Галина Орлова");
}


/* A won stage is entered by converting: the conversion dialog opens, and
 * closing it leaves the card where it was. */
static void
test_won_opens_conversion (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *won = stage (f, "Won");
  g_autofree char *where = NULL;
  GtkWindow *dialog;

  crm_funnel_page_drop (f->page, rid_of (f, f->leads[3]), won, 0);
  dialog = crm_funnel_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (CRM_IS_CONVERT_DIALOG (dialog));
  gtk_window_close (dialog);
  WAIT_FOR (crm_funnel_page_get_dialog (f->page) == NULL);
  where = stage_of (f, f->leads[3]);
  g_assert_cmpstr (where, ==, f->in_work);
  g_assert_cmpint (crm_board_model_find (model (f, f->in_work), rid_of (f, f->leads[3])), ==, 0);
}

/* The pipeline switcher: another pipeline's stages become the columns. */
static void
test_pipelines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wholesale = crm_pipeline_add (f->base.store, "Опт", &error);
  g_autofree char *first = NULL;
  g_autofree char *lead = NULL;

  g_assert_no_error (error);
  first = crm_stage_find (f->base.store, wholesale, "New", &error);
  g_assert_no_error (error);
  lead = add_lead (f, "Оптовик Сергей", first, NULL, 1000);

  crm_funnel_page_refresh (f->page);
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (crm_funnel_page_get_n_columns (f->page), ==, 7);
  crm_funnel_page_set_pipeline (f->page, wholesale);
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (crm_funnel_page_get_n_columns (f->page), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model (f, first))), ==, 1);
  g_assert_null (crm_funnel_page_find_column (f->page, f->new_stage));
}

/* The gear opens Preferences on the Funnel page. */
/* A card's menu plans its lead's next step: the task dialog, for that lead. */
static void
test_add_task (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) toplevels = NULL;
  CrmTaskDialog *dialog = NULL;
  const char *calls = "SELECT count(*) FROM tasks WHERE entity_id = ?1 AND kind = 'call' AND done_ms IS NULL";
  gint64 before = crm_test_query_int (f->base.store, calls, f->leads[1]);

  crm_funnel_page_card_action (f->page, rid_of (f, f->leads[1]), "task");
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (CRM_IS_TASK_DIALOG (w))
        dialog = CRM_TASK_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  crm_task_dialog_set_text (dialog, "Call back tomorrow 10:00");
  g_assert_true (crm_task_dialog_save (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->base.store, calls, f->leads[1]), ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_edit_stages (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *prefs = NULL;
  g_autoptr(GListModel) toplevels = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "board.edit-stages", NULL));
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (CRM_IS_PREFERENCES_WINDOW (w))
        prefs = w;
    }
  g_assert_nonnull (prefs);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)), ==, "funnel");
  gtk_window_destroy (prefs);
  WAIT_FOR (page_idle (f->page));
  g_assert_cmpuint (crm_funnel_page_get_n_columns (f->page), ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS (crm_test_init): it hides /usr/share
   * from XDG_DATA_DIRS, and with it the icon theme's SVG icons. Every
   * database lives in its own temporary directory anyway. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/gui/board/columns", test_columns);
  ADD ("/gui/board/drop-and-undo", test_drop_and_undo);
  ADD ("/gui/board/drop-target", test_drop_target);
  ADD ("/gui/board/lost-cancel", test_lost_cancel);
  ADD ("/gui/board/required-fields", test_required_fields);
  ADD ("/gui/board/keys", test_keys);
  ADD ("/gui/board/add-task", test_add_task);
  ADD ("/gui/board/filters", test_filters);
  ADD ("/gui/board/add", test_add);
  ADD ("/gui/board/won-opens-conversion", test_won_opens_conversion);
  ADD ("/gui/board/pipelines", test_pipelines);
  ADD ("/gui/board/edit-stages", test_edit_stages);
  return crm_test_run ();
}
