/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-funnel.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-workspace.h"

/* What Preferences asks of pipelines and stages beyond the board's rules
 * (tests/test-funnel.c): deleting pipelines, the required-field list a
 * stage offers, kinds and their names, and that every edit leaves its
 * history and outbox rows like any other write. */

static gint64
count (CrmTestStore *f,
       const char   *sql,
       const char   *param)
{
  return crm_test_query_int (f->store, sql, param);
}

static void
test_pipeline_delete (CrmTestStore  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *main_id = crm_workspace_default_pipeline (f->store);
  g_autofree char *wholesale = crm_pipeline_add (f->store, "Опт", &error);
  g_autofree char *lead = NULL;
  g_autofree char *stage = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  gint64 outbox;

  g_assert_no_error (error);
  g_assert_nonnull (wholesale);

  /* A pipeline with a lead in it stays. */
  stage = crm_stage_find (f->store, wholesale, "New", &error);
  g_assert_no_error (error);
  lead = crm_test_add (f->store, "leads", "full_name", "Иван Опт", "pipeline_id", wholesale,
                       "stage_id", stage, NULL);
  g_assert_false (crm_pipeline_delete (f->store, wholesale, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "Опт"));
  g_clear_error (&error);

  /* Emptied, it goes with its stages, softly and through the outbox. */
  g_assert_true (crm_store_delete (f->store, "leads", lead, &error));
  outbox = count (f, "SELECT count(*) FROM outbox", NULL);
  g_assert_true (crm_pipeline_delete (f->store, wholesale, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT _deleted != 0 FROM pipelines WHERE id = ?1", wholesale), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM stages WHERE pipeline_id = ?1 AND _deleted = 0", wholesale), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox", NULL), ==, outbox + 4);
  pipelines = crm_pipeline_list (f->store, &error);
  g_assert_cmpuint (pipelines->len, ==, 1);

  /* The last one stays. */
  g_assert_false (crm_pipeline_delete (f->store, main_id, &error));
  g_assert_error (error, CRM_FUNNEL_ERROR, CRM_FUNNEL_ERROR_LAST_STAGE);
}

static void
test_pipeline_delete_default (CrmTestStore  *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *main_id = crm_workspace_default_pipeline (f->store);
  g_autofree char *other = crm_pipeline_add (f->store, "Wholesale", &error);
  g_autofree char *now_default = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *lead_stage = NULL;

  g_assert_no_error (error);
  /* Empty the default pipeline (the seed has no leads), then delete it:
   * the other one becomes the default, and stage lists follow it. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM leads WHERE _deleted = 0", NULL), ==, 0);
  g_assert_true (crm_pipeline_delete (f->store, main_id, &error));
  g_assert_no_error (error);
  now_default = crm_workspace_default_pipeline (f->store);
  g_assert_cmpstr (now_default, ==, other);
  stages = crm_stage_list (f->store, NULL, &error);
  g_assert_cmpuint (stages->len, ==, 3);
  g_assert_cmpstr (crm_record_get_text (g_ptr_array_index (stages, 0), "pipeline_id"), ==, other);
}

static void
test_required_fields (CrmTestStore  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = crm_stage_find (f->store, NULL, "Qualified", &error);
  const char *fields[] = { "company", "phone", "bant_budget", NULL };
  const char *const *all = crm_stage_requirable_fields ();
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autoptr(GPtrArray) stages = NULL;
  g_auto(GStrv) got = NULL;
  CrmRecord *record = NULL;

  g_assert_no_error (error);

  /* Every field offered is one a stage may require, each with a name. */
  g_assert_cmpuint (g_strv_length ((GStrv) all), >=, 10);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_assert_true (crm_funnel_field_is_known (all[i]));
      g_assert_cmpstr (crm_funnel_field_label (all[i]), !=, all[i]);
    }
  g_assert_cmpstr (all[0], ==, "phone");

  input.required_fields = fields;
  g_assert_true (crm_stage_update (f->store, stage, &input, &error));
  g_assert_no_error (error);
  stages = crm_stage_list (f->store, NULL, &error);
  for (guint i = 0; i < stages->len; i++)
    if (strcmp (crm_record_get_id (g_ptr_array_index (stages, i)), stage) == 0)
      record = g_ptr_array_index (stages, i);
  g_assert_nonnull (record);
  got = crm_stage_get_required_fields (record);
  g_assert_cmpstrv (got, fields);
  /* The change is in the stage's history. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM history WHERE entity_id = ?1 AND field = 'required_fields'",
                          stage), ==, 1);

  /* Nothing required, and junk in the column, give empty lists. */
  g_clear_pointer (&got, g_strfreev);
  got = crm_stage_get_required_fields (NULL);
  g_assert_cmpuint (g_strv_length (got), ==, 0);
}

static void
test_kinds (void)
{
  const char *const *kinds = crm_stage_kinds ();

  g_assert_cmpuint (g_strv_length ((GStrv) kinds), ==, 4);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_cmpstr (crm_stage_kind_label (kinds[i]), !=, kinds[i]);
  g_assert_cmpstr (crm_stage_kind_label ("nurture"), ==, "Nurture (thinking)");
  g_assert_cmpstr (crm_stage_kind_label ("bogus"), ==, "bogus");
}

/* Colour, kind, SLA and rotting days as Preferences writes them, and the
 * delete-with-target flow: moved leads get history and a timeline entry. */
static void
test_stage_edit_and_delete (CrmTestStore  *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pipeline = crm_workspace_default_pipeline (f->store);
  g_autofree char *in_work = crm_stage_find (f->store, NULL, "In work", &error);
  g_autofree char *added = NULL;
  g_autofree char *lead1 = NULL;
  g_autofree char *lead2 = NULL;
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  CrmStageInput change = CRM_STAGE_INPUT_INIT;
  gint64 value = 0;

  input.name = "Meeting set";
  added = crm_stage_add (f->store, pipeline, &input, in_work, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT position FROM stages WHERE id = ?1", added), ==, 2);
  g_assert_cmpint (count (f, "SELECT kind = 'open' FROM stages WHERE id = ?1", added), ==, 1);

  change.color = "#9141ac";
  change.kind = "nurture";
  change.rotting_days = 5;
  change.sla_minutes = 120;
  g_assert_true (crm_stage_update (f->store, added, &change, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT rotting_days * 1000 + sla_minutes FROM stages WHERE id = ?1", added),
                   ==, 5120);
  g_assert_cmpint (count (f, "SELECT count(*) FROM history WHERE entity_id = ?1"
                             " AND field IN ('color', 'kind', 'rotting_days', 'sla_minutes')", added), ==, 4);

  /* A bad colour is refused, and nothing changes. */
  change = (CrmStageInput) CRM_STAGE_INPUT_INIT;
  change.color = "purple";
  g_assert_false (crm_stage_update (f->store, added, &change, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);

  lead1 = crm_test_add (f->store, "leads", "full_name", "Пётр Первый", "stage_id", added, NULL);
  lead2 = crm_test_add (f->store, "leads", "full_name", "Анна Вторая", "stage_id", added,
                        "value", "150000", NULL);
  g_assert_cmpint (crm_stage_count_leads (f->store, added, &value, &error), ==, 2);
  g_assert_cmpint (value, ==, 150000);

  g_assert_true (crm_stage_delete (f->store, added, in_work, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_stage_count_leads (f->store, in_work, NULL, &error), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM history WHERE entity_id = ?1 AND field = 'stage_id'", lead1),
                   >=, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE entity_id = ?1 AND kind = 'stage'"
                             " AND subject = 'Meeting set → In work'", lead2), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, CrmTestStore, NULL, crm_test_store_setup, fn, crm_test_store_teardown)
  ADD ("/core/pipeline/delete", test_pipeline_delete);
  ADD ("/core/pipeline/delete-default", test_pipeline_delete_default);
  ADD ("/core/pipeline/required-fields", test_required_fields);
  ADD ("/core/pipeline/stage-edit-and-delete", test_stage_edit_and_delete);
#undef ADD
  g_test_add_func ("/core/pipeline/kinds", test_kinds);

  return crm_test_run ();
}
