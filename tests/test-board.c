/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Funnel board's queries (src/core/crm-board.c) on a real workspace
 * file: columns in card order with their sums and filters, what a card
 * shows (next task, rotting, no next step, duplicates), where a lead sits
 * and how Undo puts it back, and a new lead straight into a stage.
 */
#include "config.h"

#include <string.h>

#include "crm-board.h"
#include "crm-change.h"
#include "crm-core.h"
#include "crm-funnel.h"
#include "crm-search.h"
#include "crm-tasks.h"
#include "crm-test-util.h"

#define HOUR_MS (60 * 60 * 1000LL)
#define DAY_MS (24 * HOUR_MS)

typedef struct
{
  CrmTestStore  base;
  char         *new_stage;
  char         *in_work;
  char         *refused;
  char         *warm;
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
          const char *temperature,
          gint64      value)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;

  crm_clock_advance (f->base.clock, 1000);
  crm_change_set_text (change, "full_name", name);
  if (temperature != NULL)
    crm_change_set_text (change, "temperature", temperature);
  if (value > 0)
    crm_change_set_int (change, "value", value);
  g_assert_true (crm_store_apply (f->base.store, change, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (change));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  crm_test_store_setup (&f->base, data);
  f->new_stage = stage (f, "New");
  f->in_work = stage (f, "In work");
  f->refused = stage (f, "Refused");
  f->warm = stage (f, "Warm — thinking");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->new_stage);
  g_free (f->in_work);
  g_free (f->refused);
  g_free (f->warm);
  crm_test_store_teardown (&f->base, data);
}

/* The column's names, top to bottom, through the board's own queries. */
static char *
column_names (Fixture              *f,
              const char           *stage_id,
              const CrmBoardFilter *filter,
              gint64               *sum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) text = crm_board_text_rids (f->base.store, filter, &error);
  g_autoptr(GArray) rids = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  rids = crm_board_column_rids (f->base.store, stage_id, filter, text, sum, &error);
  g_assert_no_error (error);
  cards = crm_board_fetch_cards (f->base.store, (gint64 *) (gpointer) rids->data, rids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, rids->len);
  for (guint i = 0; i < cards->len; i++)
    {
      CrmBoardCard *card = g_ptr_array_index (cards, i);

      g_assert_nonnull (card);
      g_assert_cmpint (card->rid, ==, g_array_index (rids, gint64, i));
      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", card->title);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static CrmBoardCard *
card_of (Fixture    *f,
         const char *lead_id)
{
  g_autoptr(GError) error = NULL;
  gint64 rid = crm_test_query_int (f->base.store, "SELECT rid FROM leads WHERE id = ?1", lead_id);
  g_autoptr(GPtrArray) cards = crm_board_fetch_cards (f->base.store, &rid, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (g_ptr_array_index (cards, 0));
  return crm_board_card_ref (g_ptr_array_index (cards, 0));
}

static void
move (Fixture    *f,
      const char *lead,
      const char *stage_id,
      const char *above,
      const char *below)
{
  g_autoptr(GError) error = NULL;
  CrmMove m = { stage_id, above, below, NULL, NULL, NULL };

  g_assert_true (crm_funnel_move (f->base.store, lead, &m, &error));
  g_assert_no_error (error);
}

/* Columns in card order, their sums, and the filters shared with the
 * lists (temperature, owner, search text). */
static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Петрова", "hot", 100000);
  g_autofree char *b = add_lead (f, "Борис Сидоров", "cold", 250000);
  g_autofree char *c = add_lead (f, "Вера Иванова", "hot", 0);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  CrmBoardFilter hot = { NULL, NULL, "hot", NULL };
  CrmBoardFilter text = { NULL, NULL, NULL, "сидоров" };
  CrmBoardFilter nobody = { "no-such-user", NULL, NULL, NULL };
  gint64 sum = -1, count = -1;

  /* New leads come in at the top. */
  names = column_names (f, f->new_stage, NULL, &sum);
  g_assert_cmpstr (names, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");
  g_assert_cmpint (sum, ==, 350000);
  g_assert_true (crm_board_column_totals (f->base.store, f->new_stage, NULL, &count, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 3);
  g_assert_cmpint (sum, ==, 350000);

  /* A drop between two cards is the new order. */
  move (f, a, f->new_stage, c, b);
  g_clear_pointer (&names, g_free);
  names = column_names (f, f->new_stage, NULL, NULL);
  g_assert_cmpstr (names, ==, "Вера Иванова|Анна Петрова|Борис Сидоров");

  g_clear_pointer (&names, g_free);
  names = column_names (f, f->new_stage, &hot, &sum);
  g_assert_cmpstr (names, ==, "Вера Иванова|Анна Петрова");
  g_assert_cmpint (sum, ==, 100000);
  g_assert_true (crm_board_column_totals (f->base.store, f->new_stage, &hot, &count, NULL, &error));
  g_assert_cmpint (count, ==, 2);

  g_clear_pointer (&names, g_free);
  names = column_names (f, f->new_stage, &text, NULL);
  g_assert_cmpstr (names, ==, "Борис Сидоров");

  g_clear_pointer (&names, g_free);
  names = column_names (f, f->new_stage, &nobody, NULL);
  g_assert_cmpstr (names, ==, "");

  /* The other column got nothing; a move empties one and fills the other. */
  move (f, b, f->in_work, NULL, NULL);
  g_clear_pointer (&names, g_free);
  names = column_names (f, f->in_work, NULL, &sum);
  g_assert_cmpstr (names, ==, "Борис Сидоров");
  g_assert_cmpint (sum, ==, 250000);

  /* No text, no text filter. */
  g_assert_null (crm_board_text_rids (f->base.store, NULL, &error));
  g_assert_no_error (error);
}

static void
complete_tasks (Fixture    *f,
                const char *lead)
{
  g_autoptr(GError) error = NULL;
  char *task;

  while ((task = crm_test_query_text (f->base.store,
                                      "SELECT id FROM tasks WHERE entity_id = ?1 AND done_ms IS NULL"
                                      " AND _deleted = 0 LIMIT 1", lead)) != NULL)
    {
      g_assert_true (crm_tasks_set_done (f->base.store, task, TRUE, &error));
      g_assert_no_error (error);
      g_free (task);
    }
}

static void
add_task (Fixture    *f,
          const char *lead,
          gint64      due_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  CrmTaskInput input = CRM_TASK_INPUT_INIT;

  input.entity_type = "lead";
  input.entity_id = lead;
  input.kind = "call";
  input.title = "Перезвонить";
  input.due_ms = due_ms;
  id = crm_tasks_create (f->base.store, &input, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* The next task's state, in the workspace's day. */
static void
test_card_tasks (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Петрова", NULL, 0);
  gint64 now = crm_store_now_ms (f->base.store);
  g_autoptr(GTimeZone) tz = crm_settings_get_timezone (f->base.store);
  gint64 tomorrow = crm_local_day_start (tz, now, 1);
  CrmBoardCard *card;

  complete_tasks (f, a);
  card = card_of (f, a);
  g_assert_cmpint (card->task, ==, CRM_BOARD_TASK_NONE);
  /* An open stage without a next step says so. */
  g_assert_true (card->no_next_step);
  g_assert_cmpstr (card->title, ==, "Анна Петрова");
  crm_board_card_unref (card);

  add_task (f, a, tomorrow + 2 * DAY_MS);
  card = card_of (f, a);
  g_assert_cmpint (card->task, ==, CRM_BOARD_TASK_PLANNED);
  g_assert_false (card->no_next_step);
  crm_board_card_unref (card);

  add_task (f, a, tomorrow - 1000);
  card = card_of (f, a);
  g_assert_cmpint (card->task, ==, CRM_BOARD_TASK_TODAY);
  crm_board_card_unref (card);

  add_task (f, a, now - HOUR_MS);
  card = card_of (f, a);
  g_assert_cmpint (card->task, ==, CRM_BOARD_TASK_OVERDUE);
  g_assert_cmpint (card->next_due_ms, ==, now - HOUR_MS);
  crm_board_card_unref (card);
  g_assert_cmpstr (crm_board_task_label (CRM_BOARD_TASK_OVERDUE), ==, "Overdue");
}

/* Days in the stage, rotting past its limit (open and nurturing stages
 * only), the duplicate mark and the company line. */
static void
test_card_marks (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Петрова", "warm", 150000);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(GError) error = NULL;
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  CrmBoardCard *card;

  input.rotting_days = 3;
  g_assert_true (crm_stage_update (f->base.store, f->new_stage, &input, &error));
  g_assert_no_error (error);

  card = card_of (f, a);
  g_assert_cmpuint (card->days_in_stage, ==, 0);
  g_assert_false (card->rotting);
  g_assert_false (card->duplicate);
  g_assert_true (card->has_value);
  g_assert_cmpint (card->value, ==, 150000);
  g_assert_cmpstr (card->temperature, ==, "warm");
  g_assert_cmpstr (card->stage_id, ==, f->new_stage);
  crm_board_card_unref (card);

  crm_clock_advance (f->base.clock, 4 * DAY_MS);
  card = card_of (f, a);
  g_assert_cmpuint (card->days_in_stage, ==, 4);
  g_assert_true (card->rotting);
  {
    /* Two reads of an unchanged card are equal; a change is not. */
    CrmBoardCard *again = card_of (f, a);

    g_assert_true (crm_board_card_equal (card, again));
    g_assert_false (crm_board_card_equal (card, NULL));
    crm_board_card_unref (again);
    crm_clock_advance (f->base.clock, DAY_MS);
    again = card_of (f, a);
    g_assert_false (crm_board_card_equal (card, again));
    crm_board_card_unref (again);
  }
  crm_board_card_unref (card);

  /* Another lead with the same phone written another way. */
  crm_test_add (f->base.store, "phones", "entity_type", "lead", "entity_id", a,
                "raw", "8 912 345-67-89", NULL);
  b = add_lead (f, NULL, NULL, 0);
  crm_test_add (f->base.store, "phones", "entity_type", "lead", "entity_id", b,
                "raw", "+7 (912) 345-67-89", NULL);
  card = card_of (f, a);
  g_assert_true (card->duplicate);
  crm_board_card_unref (card);
  /* No name and no company: the phone names the card. */
  card = card_of (f, b);
  g_assert_true (card->duplicate);
  g_assert_cmpstr (card->title, ==, "+7 (912) 345-67-89");
  crm_board_card_unref (card);
  /* "Not a duplicate" is remembered. */
  g_assert_true (crm_dedupe_ignore (f->base.store, a, b, &error));
  g_assert_no_error (error);
  card = card_of (f, a);
  g_assert_false (card->duplicate);
  crm_board_card_unref (card);

  /* A company without a name is the title, not repeated below it. */
  c = crm_test_add (f->base.store, "leads", "company", "ООО «Ромашка»", NULL);
  card = card_of (f, c);
  g_assert_cmpstr (card->title, ==, "ООО «Ромашка»");
  g_assert_null (card->company);
  crm_board_card_unref (card);
}

/* Undo: the position before a move, and the move back between the same
 * neighbours — into a lost stage with the old reason too. */
static void
test_position_restore (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Петрова", NULL, 0);
  g_autofree char *b = add_lead (f, "Борис Сидоров", NULL, 0);
  g_autofree char *c = add_lead (f, "Вера Иванова", NULL, 0);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CrmBoardPosition) pos = { 0 };
  g_auto(CrmBoardPosition) lost = { 0 };
  CrmMove refuse = { f->refused, NULL, NULL, "Дорого", NULL, NULL };

  /* c, b, a: b sits between c and a. */
  g_assert_true (crm_board_get_position (f->base.store, b, &pos, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pos.stage_id, ==, f->new_stage);
  g_assert_cmpstr (pos.above_id, ==, c);
  g_assert_cmpstr (pos.below_id, ==, a);

  move (f, b, f->in_work, NULL, NULL);
  names = column_names (f, f->new_stage, NULL, NULL);
  g_assert_cmpstr (names, ==, "Вера Иванова|Анна Петрова");
  g_assert_true (crm_board_restore (f->base.store, b, &pos, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = column_names (f, f->new_stage, NULL, NULL);
  g_assert_cmpstr (names, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");
  /* The undo is a move like any other: on the timeline twice. */
  g_assert_cmpint (crm_test_query_int (f->base.store,
                                       "SELECT count(*) FROM activities WHERE entity_id = ?1 AND kind = 'stage'",
                                       b), ==, 2);

  /* Neighbours that moved meanwhile: back to the top of the column. */
  crm_board_position_clear (&pos);
  g_assert_true (crm_board_get_position (f->base.store, b, &pos, &error));
  move (f, b, f->in_work, NULL, NULL);
  move (f, c, f->in_work, NULL, NULL);
  g_assert_true (crm_board_restore (f->base.store, b, &pos, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = column_names (f, f->new_stage, NULL, NULL);
  g_assert_cmpstr (names, ==, "Борис Сидоров|Анна Петрова");

  /* Refused, then moved back to work: Undo refuses it again, same reason. */
  g_assert_true (crm_funnel_move (f->base.store, a, &refuse, &error));
  g_assert_no_error (error);
  g_assert_true (crm_board_get_position (f->base.store, a, &lost, &error));
  g_assert_cmpstr (lost.lost_reason, ==, "Дорого");
  move (f, a, f->in_work, NULL, NULL);
  g_assert_cmpint (crm_test_query_int (f->base.store, "SELECT lost_reason IS NULL FROM leads WHERE id = ?1", a),
                   ==, 1);
  g_assert_true (crm_board_restore (f->base.store, a, &lost, &error));
  g_assert_no_error (error);
  {
    g_autofree char *reason = crm_test_query_text (f->base.store, "SELECT lost_reason FROM leads WHERE id = ?1", a);
    g_autofree char *where = crm_test_query_text (f->base.store, "SELECT stage_id FROM leads WHERE id = ?1", a);

    g_assert_cmpstr (reason, ==, "Дорого");
    g_assert_cmpstr (where, ==, f->refused);
  }
  /* A lost lead is not "in play": no next-step mark there. */
  {
    CrmBoardCard *card = card_of (f, a);

    g_assert_false (card->no_next_step);
    g_assert_cmpstr (card->lost_reason, ==, "Дорого");
    crm_board_card_unref (card);
  }
}

/* The "+" of a column: a lead straight into its stage, at the top; never
 * into a won or lost stage. */
static void
test_add_lead (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = add_lead (f, "Анна Петрова", NULL, 0);
  g_autofree char *old = add_lead (f, "Борис Сидоров", NULL, 0);
  g_autofree char *id = NULL;
  g_autofree char *names = NULL;
  g_autofree char *won = stage (f, "Won");
  g_autoptr(GError) error = NULL;

  /* Cards placed by hand come first: the new one goes above them all. */
  move (f, old, f->warm, NULL, NULL);
  move (f, a, f->warm, old, NULL);
  id = crm_board_add_lead (f->base.store, f->warm, "  Галина Орлова ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  names = column_names (f, f->warm, NULL, NULL);
  g_assert_cmpstr (names, ==, "Галина Орлова|Борис Сидоров|Анна Петрова");
  g_assert_cmpint (crm_test_query_int (f->base.store, "SELECT count(*) FROM leads WHERE stage_id = ?1"
                                       " AND pipeline_id = (SELECT pipeline_id FROM stages WHERE id = ?1)",
                                       f->warm), ==, 3);

  g_assert_null (crm_board_add_lead (f->base.store, won, "Дмитрий", &error));
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_NEEDS_CONVERSION);
  g_clear_error (&error);
  g_assert_null (crm_board_add_lead (f->base.store, f->refused, "Дмитрий", &error));
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_NEEDS_REASON);

  g_assert_cmpint (crm_test_query_int (f->base.store, "SELECT count(*) FROM leads WHERE _deleted = 0", NULL),
                   ==, 3);
  {
    gint64 rid = crm_test_query_int (f->base.store, "SELECT rid FROM leads WHERE id = ?1", id);
    g_autofree char *back = crm_board_lead_id (f->base.store, rid);

    g_assert_cmpstr (back, ==, id);
    g_assert_null (crm_board_lead_id (f->base.store, 987654321));
  }
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/board/columns", test_columns);
  ADD ("/core/board/card-tasks", test_card_tasks);
  ADD ("/core/board/card-marks", test_card_marks);
  ADD ("/core/board/position-restore", test_position_restore);
  ADD ("/core/board/add-lead", test_add_lead);
  return crm_test_run ();
}
