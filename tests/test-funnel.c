/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-change.h"
#include "crm-convert.h"
#include "crm-funnel.h"
#include "crm-rank.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-workspace.h"

/* ---- Order keys ---- */

static void
test_rank_between (void)
{
  static const struct {
    const char *a, *b;
  } cases[] = {
    { NULL, NULL }, { NULL, "V" }, { "V", NULL }, { "V", "W" }, { "V", "V1" },
    { "1", "2" }, { "01", "1" }, { "z", NULL }, { "zz", NULL }, { NULL, "01" },
    { "Uabc1", "Uabd1" }, { "a", "a01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = crm_rank_between (cases[i].a, cases[i].b);

      g_assert_nonnull (key);
      g_assert_true (crm_rank_is_valid (key));
      if (cases[i].a != NULL)
        g_assert_cmpint (strcmp (cases[i].a, key), <, 0);
      if (cases[i].b != NULL)
        g_assert_cmpint (strcmp (key, cases[i].b), <, 0);
    }

  /* Not keys, or not in order. */
  g_assert_null (crm_rank_between ("b", "a"));
  g_assert_null (crm_rank_between ("a", "a"));
  g_assert_null (crm_rank_between ("a0", NULL));
  g_assert_null (crm_rank_between ("a-", NULL));
  g_assert_false (crm_rank_is_valid (""));
  g_assert_false (crm_rank_is_valid (NULL));
}

/* Ten thousand drops into the same gap, always just below the card above:
 * every key fits; a key grows by one digit every five or six drops into
 * one spot, so even this stays a short string. */
static void
test_rank_same_gap (void)
{
  g_autofree char *above = g_strdup ("V");
  g_autofree char *below = g_strdup ("W");
  g_autofree char *lower = g_strdup ("V");

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *key = crm_rank_between (above, below);

      g_assert_nonnull (key);
      g_assert_cmpint (strcmp (above, key), <, 0);
      g_assert_cmpint (strcmp (key, below), <, 0);
      g_free (below);
      below = g_steal_pointer (&key);
    }
  g_assert_cmpuint (strlen (below), <, 2500);

  /* And the other way round: always just above the card below. */
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *key = crm_rank_between (lower, "W");

      g_assert_nonnull (key);
      g_assert_cmpint (strcmp (lower, key), <, 0);
      g_free (lower);
      lower = g_steal_pointer (&key);
    }
  g_assert_cmpint (strcmp (lower, "W"), <, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Random drops anywhere keep a list in the order it was built. */
static void
test_rank_random (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 3000; i++)
    {
      guint at = g_rand_int_range (rand, 0, list->len + 1);
      const char *a = at > 0 ? g_ptr_array_index (list, at - 1) : NULL;
      const char *b = at < list->len ? g_ptr_array_index (list, at) : NULL;
      char *key = crm_rank_between (a, b);

      g_assert_nonnull (key);
      g_ptr_array_insert (list, at, key);
    }
  sorted = g_ptr_array_copy (list, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < list->len; i++)
    g_assert_true (g_ptr_array_index (sorted, i) == g_ptr_array_index (list, i));
}

static void
test_rank_for_new (void)
{
  g_autofree char *older = crm_rank_for_new ("01934567-89ab-7def-8123-000000000001");
  g_autofree char *newer = crm_rank_for_new ("01934567-89ab-7def-8123-000000000002");

  g_assert_true (crm_rank_is_valid (older));
  g_assert_true (crm_rank_is_valid (newer));
  /* Newest first. */
  g_assert_cmpint (strcmp (newer, older), <, 0);
}

/* ---- Moves ---- */

typedef struct
{
  CrmTestStore  base;
  char         *pipeline;
  char         *new_stage;
  char         *in_work;
  char         *won;
  char         *refused;
  char         *a;
  char         *b;
  char         *c;
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
          const char *name)
{
  crm_clock_advance (f->base.clock, 1000);
  return crm_test_add (f->base.store, "leads", "full_name", name, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  crm_test_store_setup (&f->base, data);
  f->pipeline = crm_workspace_default_pipeline (f->base.store);
  f->new_stage = stage (f, "New");
  f->in_work = stage (f, "in work");
  f->won = stage (f, "Won");
  f->refused = stage (f, "Refused");
  /* New leads come in at the top: c, b, a. */
  f->a = add_lead (f, "Анна Петрова");
  f->b = add_lead (f, "Борис Сидоров");
  f->c = add_lead (f, "Вера Иванова");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->pipeline);
  g_free (f->new_stage);
  g_free (f->in_work);
  g_free (f->won);
  g_free (f->refused);
  g_free (f->a);
  g_free (f->b);
  g_free (f->c);
  crm_test_store_teardown (&f->base, data);
}

/* The column's names, top to bottom. */
static char *
column (Fixture    *f,
        const char *stage_id)
{
  return crm_test_query_text (f->base.store,
                              "SELECT group_concat(full_name, '|') FROM"
                              " (SELECT full_name FROM leads WHERE stage_id = ?1 AND _deleted = 0"
                              "  ORDER BY stage_pos)",
                              stage_id);
}

static gint64
count (Fixture    *f,
       const char *sql,
       const char *param)
{
  return crm_test_query_int (f->base.store, sql, param);
}

static void
move (Fixture     *f,
      const char  *lead,
      const char  *stage_id,
      const char  *above,
      const char  *below,
      const char  *reason,
      GError     **error)
{
  CrmMove m = { 0 };

  m.stage_id = stage_id;
  m.above_id = above;
  m.below_id = below;
  m.reason = reason;
  crm_funnel_move (f->base.store, lead, &m, error);
}

static void
test_move_within (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = column (f, f->new_stage);
  g_autofree char *after = NULL;
  g_autofree char *top = NULL;
  gint64 outbox = count (f, "SELECT count(*) FROM outbox", NULL);
  gint64 activities = count (f, "SELECT count(*) FROM activities", NULL);

  g_assert_cmpstr (before, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");

  /* Anna between Vera and Boris: her row alone is written. */
  move (f, f->a, f->new_stage, f->c, f->b, NULL, &error);
  g_assert_no_error (error);
  after = column (f, f->new_stage);
  g_assert_cmpstr (after, ==, "Вера Иванова|Анна Петрова|Борис Сидоров");
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox", NULL), ==, outbox + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities", NULL), ==, activities);

  /* Boris to the top. */
  move (f, f->b, f->new_stage, NULL, f->c, NULL, &error);
  g_assert_no_error (error);
  top = column (f, f->new_stage);
  g_assert_cmpstr (top, ==, "Борис Сидоров|Вера Иванова|Анна Петрова");

  /* A neighbour from another column means the board is out of date. */
  move (f, f->a, f->in_work, f->b, NULL, NULL, &error);
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_STALE);
}

static void
test_move_between_stages (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *col = NULL;
  g_autofree char *subject = NULL;

  crm_clock_advance (f->base.clock, 60000);
  move (f, f->a, f->in_work, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  move (f, f->b, f->in_work, f->a, NULL, NULL, &error);
  g_assert_no_error (error);

  col = column (f, f->in_work);
  g_assert_cmpstr (col, ==, "Анна Петрова|Борис Сидоров");
  /* History, the timeline and the time it entered. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM history WHERE entity_id = ?1 AND field = 'stage_id'", f->a), ==, 1);
  subject = crm_test_query_text (f->base.store,
                                 "SELECT subject FROM activities WHERE entity_id = ?1 AND kind = 'stage'", f->a);
  g_assert_cmpstr (subject, ==, "New → In work");
  g_assert_cmpint (count (f, "SELECT stage_entered_ms FROM leads WHERE id = ?1", f->a), ==, CRM_TEST_T0 + 3000 + 60000);
}

static void
test_lost_needs_reason (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  move (f, f->a, f->refused, NULL, NULL, "  ", &error);
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_NEEDS_REASON);
  g_clear_error (&error);
  /* Nothing changed. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM leads WHERE stage_id = ?1", f->refused), ==, 0);

  move (f, f->a, f->refused, NULL, NULL, "Дорого", &error);
  g_assert_no_error (error);
  reason = crm_test_query_text (f->base.store, "SELECT lost_reason FROM leads WHERE id = ?1", f->a);
  g_assert_cmpstr (reason, ==, "Дорого");
  g_assert_cmpint (count (f, "SELECT lost_ms FROM leads WHERE id = ?1", f->a), >, 0);

  /* Back in work: no longer refused. */
  move (f, f->a, f->in_work, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM leads WHERE id = ?1 AND lost_reason IS NULL"
                             " AND lost_ms IS NULL", f->a), ==, 1);
}

static void
test_won_needs_conversion (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmConvertInput input = { 0 };

  move (f, f->a, f->won, NULL, NULL, NULL, &error);
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_NEEDS_CONVERSION);
  g_clear_error (&error);

  input.kind = "person";
  input.name = "Анна Петрова";
  g_assert_true (crm_lead_convert (f->base.store, f->a, &input, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Converted: it stays won. */
  move (f, f->a, f->in_work, NULL, NULL, NULL, &error);
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_CLOSED);
}

/* A refusal, a reopening and a conversion change the stage too: each
 * shows on the timeline like a move. */
static void
test_other_flows_on_timeline (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subjects = NULL;
  CrmConvertInput input = { 0 };

  g_assert_true (crm_lead_refuse (f->base.store, f->a, "Дорого", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (crm_lead_reopen (f->base.store, f->a, &error));
  g_assert_no_error (error);
  input.kind = "person";
  input.name = "Анна Петрова";
  g_assert_true (crm_lead_convert (f->base.store, f->a, &input, NULL, NULL, &error));
  g_assert_no_error (error);

  subjects = crm_test_query_text (f->base.store,
                                  "SELECT group_concat(subject, '|') FROM (SELECT subject FROM activities"
                                  " WHERE entity_id = ?1 AND kind = 'stage' ORDER BY rid)", f->a);
  g_assert_cmpstr (subjects, ==, "New → Refused|Refused → New|New → Won");
}

static void
test_required_fields (Fixture       *f,
                      gconstpointer  data)
{
  static const char *const required[] = { "company", "phone", NULL };
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) missing = NULL;
  g_autofree char *company = NULL;
  CrmMove m = { 0 };

  input.required_fields = required;
  g_assert_true (crm_stage_update (f->base.store, f->in_work, &input, &error));
  g_assert_no_error (error);

  missing = crm_funnel_missing_fields (f->base.store, f->a, f->in_work, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (missing), ==, 2);
  g_assert_cmpstr (missing[0], ==, "company");
  g_assert_cmpstr (missing[1], ==, "phone");

  move (f, f->a, f->in_work, NULL, NULL, NULL, &error);
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_REQUIRED_FIELDS);
  g_assert_nonnull (strstr (error->message, "Company, Phone"));
  g_clear_error (&error);

  /* Given with the move, in the same transaction. */
  g_hash_table_insert (given, "company", "ООО «Вектор»");
  g_hash_table_insert (given, "phone", "8 912 345-67-89");
  m.stage_id = f->in_work;
  m.fields = given;
  g_assert_true (crm_funnel_move (f->base.store, f->a, &m, &error));
  g_assert_no_error (error);
  company = crm_test_query_text (f->base.store, "SELECT company FROM leads WHERE id = ?1", f->a);
  g_assert_cmpstr (company, ==, "ООО «Вектор»");
  g_assert_cmpint (count (f, "SELECT count(*) FROM phones WHERE entity_id = ?1 AND e164 = '+79123456789'", f->a), ==, 1);
}

/* Drops between the same two cards, over and over, by the real store. */
static void
test_many_moves_same_gap (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *col = NULL;
  const char *ids[2] = { f->a, f->b };

  /* Vera stays at the top; Anna and Boris take turns just below her. */
  for (guint i = 0; i < 300; i++)
    {
      move (f, ids[i % 2], f->new_stage, f->c, ids[(i + 1) % 2], NULL, &error);
      g_assert_no_error (error);
    }
  col = column (f, f->new_stage);
  g_assert_cmpstr (col, ==, "Вера Иванова|Борис Сидоров|Анна Петрова");
  g_assert_cmpint (count (f, "SELECT max(length(stage_pos)) FROM leads", NULL), <, 200);
}

/* ---- Pipelines and stages ---- */

static void
test_pipelines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wholesale = crm_pipeline_add (f->base.store, "Опт", &error);
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;

  g_assert_no_error (error);
  stages = crm_stage_list (f->base.store, wholesale, &error);
  g_assert_cmpuint (stages->len, ==, 3);
  g_assert_cmpstr (crm_record_get_text (g_ptr_array_index (stages, 1), "kind"), ==, "won");

  g_assert_null (crm_pipeline_add (f->base.store, " опт ", &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);

  found = crm_pipeline_find (f->base.store, "ОПТ", &error);
  g_assert_cmpstr (found, ==, wholesale);
  pipelines = crm_pipeline_list (f->base.store, &error);
  g_assert_cmpuint (pipelines->len, ==, 2);
  g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (pipelines, 0)), ==, f->pipeline);

  /* A lead moved there goes with its pipeline. */
  {
    g_autofree char *new_there = crm_stage_find (f->base.store, wholesale, "New", &error);
    g_autofree char *now_in = NULL;

    move (f, f->a, new_there, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    now_in = crm_test_query_text (f->base.store, "SELECT pipeline_id FROM leads WHERE id = ?1", f->a);
    g_assert_cmpstr (now_in, ==, wholesale);
  }
}

static char *
stage_names (Fixture *f)
{
  return crm_test_query_text (f->base.store,
                              "SELECT group_concat(name, '|') FROM (SELECT name FROM stages"
                              " WHERE pipeline_id = ?1 AND _deleted = 0 ORDER BY position, rid)",
                              f->pipeline);
}

static void
test_stages_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autofree char *meeting = NULL;
  g_autofree char *names = NULL;
  g_autofree char *reordered = NULL;

  input.name = "Встреча";
  input.color = "#33d17a";
  input.rotting_days = 5;
  meeting = crm_stage_add (f->base.store, f->pipeline, &input, f->in_work, &error);
  g_assert_no_error (error);
  names = stage_names (f);
  g_assert_cmpstr (names, ==, "New|In work|Встреча|Qualified|Sent to sales|Won|Warm — thinking|Refused");

  g_assert_true (crm_stage_reorder (f->base.store, meeting, 0, &error));
  reordered = stage_names (f);
  g_assert_cmpstr (reordered, ==, "Встреча|New|In work|Qualified|Sent to sales|Won|Warm — thinking|Refused");

  /* Bad input says which field. */
  input.name = NULL;
  input.color = "green";
  g_assert_false (crm_stage_update (f->base.store, meeting, &input, &error));
  g_assert_nonnull (strstr (error->message, "green"));
  g_clear_error (&error);
  input.color = NULL;
  input.name = "new";
  g_assert_false (crm_stage_update (f->base.store, meeting, &input, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  {
    static const char *const bogus[] = { "password", NULL };
    CrmStageInput bad = CRM_STAGE_INPUT_INIT;

    bad.required_fields = bogus;
    g_assert_false (crm_stage_update (f->base.store, meeting, &bad, &error));
    g_clear_error (&error);
  }
}

static void
test_stage_delete (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *col = NULL;
  g_autofree char *names = NULL;

  move (f, f->a, f->in_work, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* New holds Vera and Boris: where do they go? */
  g_assert_false (crm_stage_delete (f->base.store, f->new_stage, NULL, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  g_assert_true (crm_stage_delete (f->base.store, f->new_stage, f->in_work, &error));
  g_assert_no_error (error);
  /* Below the leads already there, in their order. */
  col = column (f, f->in_work);
  g_assert_cmpstr (col, ==, "Анна Петрова|Вера Иванова|Борис Сидоров");
  names = stage_names (f);
  g_assert_cmpstr (names, ==, "In work|Qualified|Sent to sales|Won|Warm — thinking|Refused");
  g_assert_cmpint (count (f, "SELECT position FROM stages WHERE id = ?1", f->in_work), ==, 0);
  g_assert_cmpint (count (f, "SELECT _deleted != 0 FROM stages WHERE id = ?1", f->new_stage), ==, 1);
}

static void
test_last_open_stage (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wholesale = crm_pipeline_add (f->base.store, "Опт", &error);
  g_autofree char *only = crm_stage_find (f->base.store, wholesale, "New", &error);
  CrmStageInput input = CRM_STAGE_INPUT_INIT;

  g_assert_false (crm_stage_delete (f->base.store, only, NULL, &error));
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_LAST_STAGE);
  g_clear_error (&error);

  input.kind = "nurture";
  g_assert_false (crm_stage_update (f->base.store, only, &input, &error));
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_LAST_STAGE);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

  g_test_add_func ("/core/rank/between", test_rank_between);
  g_test_add_func ("/core/rank/same-gap", test_rank_same_gap);
  g_test_add_func ("/core/rank/random", test_rank_random);
  g_test_add_func ("/core/rank/for-new", test_rank_for_new);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/funnel/move-within", test_move_within);
  ADD ("/core/funnel/move-between-stages", test_move_between_stages);
  ADD ("/core/funnel/lost-needs-reason", test_lost_needs_reason);
  ADD ("/core/funnel/won-needs-conversion", test_won_needs_conversion);
  ADD ("/core/funnel/other-flows-on-timeline", test_other_flows_on_timeline);
  ADD ("/core/funnel/required-fields", test_required_fields);
  ADD ("/core/funnel/many-moves-same-gap", test_many_moves_same_gap);
  ADD ("/core/funnel/pipelines", test_pipelines);
  ADD ("/core/funnel/stages-edit", test_stages_edit);
  ADD ("/core/funnel/stage-delete", test_stage_delete);
  ADD ("/core/funnel/last-open-stage", test_last_open_stage);
#undef ADD

  return crm_test_run ();
}
