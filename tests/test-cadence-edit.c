/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-cadence.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"

/* Editing processing regulations as Preferences does: steps added,
 * changed, moved and removed one at a time through the write path; bad
 * steps refused without writing; cadences deleted; the defaults restored;
 * templates rendered with their placeholders. */

#define NO_ANSWER_ID "01900000-0000-7000-8000-00000000ca01"
#define WARM_ID      "01900000-0000-7000-8000-00000000ca02"
#define REFUSED_ID   "01900000-0000-7000-8000-00000000ca03"

static gint64
count (CrmTestStore *f,
       const char   *sql,
       const char   *param)
{
  return crm_test_query_int (f->store, sql, param);
}

static char *
titles (CrmTestStore *f,
        const char   *cadence_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = crm_cadence_get_steps (f->store, cadence_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < steps->len; i++)
    {
      CrmCadenceStep *step = g_ptr_array_index (steps, i);

      g_string_append_printf (out, "%s%s", i ? "|" : "", step->title);
    }
  return g_string_free (out, FALSE);
}

static void
test_steps (CrmTestStore  *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *t = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  CrmCadenceStep call = { 0 };
  CrmCadenceStep mail = { 0 };
  CrmCadenceStep *got;
  gint64 history;

  id = crm_cadence_create (f->store, "Новый лид", CRM_CADENCE_TRIGGER_LEAD_CREATED, NULL, "[]", &error);
  g_assert_no_error (error);

  call.kind = "call";
  call.title = "Позвонить";
  call.delay_minutes = 30;
  mail.kind = "email";
  mail.title = "Написать письмо";
  mail.subject = "Ваша заявка";
  mail.template = "Здравствуйте, {name}! Это {manager} из {company}.";
  mail.delay_days = 1;

  g_assert_true (crm_cadence_step_add (f->store, id, &call, -1, &error));
  g_assert_true (crm_cadence_step_add (f->store, id, &mail, 0, &error));
  g_assert_no_error (error);
  t = titles (f, id);
  g_assert_cmpstr (t, ==, "Написать письмо|Позвонить");

  /* Move the call first; change it; the history has each write. */
  history = count (f, "SELECT count(*) FROM history WHERE entity_id = ?1 AND field = 'steps'", id);
  g_assert_true (crm_cadence_step_move (f->store, id, 1, 0, &error));
  g_assert_no_error (error);
  call.title = "Позвонить ещё раз";
  call.delay_minutes = 90;
  g_assert_true (crm_cadence_step_update (f->store, id, 0, &call, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM history WHERE entity_id = ?1 AND field = 'steps'", id),
                   ==, history + 2);
  steps = crm_cadence_get_steps (f->store, id, &error);
  g_assert_cmpuint (steps->len, ==, 2);
  got = g_ptr_array_index (steps, 0);
  g_assert_cmpstr (got->title, ==, "Позвонить ещё раз");
  g_assert_cmpint (got->delay_minutes, ==, 90);
  got = g_ptr_array_index (steps, 1);
  g_assert_cmpstr (got->template, ==, mail.template);
  g_assert_cmpstr (got->subject, ==, "Ваша заявка");
  g_assert_cmpint (got->delay_days, ==, 1);

  /* A step without a title, or a kind that is no kind, writes nothing. */
  call.title = "  ";
  g_assert_false (crm_cadence_step_update (f->store, id, 0, &call, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  g_clear_error (&error);
  call.title = "Звонок";
  call.kind = "respond";
  g_assert_false (crm_cadence_step_add (f->store, id, &call, -1, &error));
  g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (crm_cadence_step_remove (f->store, id, 7, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&t, g_free);
  t = titles (f, id);
  g_assert_cmpstr (t, ==, "Позвонить ещё раз|Написать письмо");

  g_assert_true (crm_cadence_step_remove (f->store, id, 0, &error));
  g_clear_pointer (&t, g_free);
  t = titles (f, id);
  g_assert_cmpstr (t, ==, "Написать письмо");
}

static void
test_delete_and_restore (CrmTestStore  *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = crm_cadence_list (f->store, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *own = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 3);
  own = crm_cadence_create (f->store, "Мой регламент", CRM_CADENCE_TRIGGER_LEAD_CREATED, NULL,
                            "[{\"kind\": \"call\", \"title\": \"Звонок\"}]", &error);
  g_assert_no_error (error);

  /* Edit one default, switch another off, delete the third. */
  g_assert_true (crm_cadence_update (f->store, NO_ANSWER_ID, "Недозвон", NULL, NULL, NULL, -1, &error));
  g_assert_true (crm_cadence_step_remove (f->store, NO_ANSWER_ID, 0, &error));
  g_assert_true (crm_cadence_update (f->store, WARM_ID, NULL, NULL, NULL, NULL, 0, &error));
  g_assert_true (crm_cadence_delete (f->store, REFUSED_ID, &error));
  g_assert_no_error (error);
  after = crm_cadence_list (f->store, &error);
  g_assert_cmpuint (after->len, ==, 3);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* Seeding again does not bring a deleted default back… */
  g_assert_true (crm_cadence_seed_defaults (f->store, &error));
  after = crm_cadence_list (f->store, &error);
  g_assert_cmpuint (after->len, ==, 3);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* …but restoring does, and undoes the edits; ours stays. */
  g_assert_true (crm_cadence_restore_defaults (f->store, &error));
  g_assert_no_error (error);
  after = crm_cadence_list (f->store, &error);
  g_assert_cmpuint (after->len, ==, 4);
  name = crm_test_query_text (f->store, "SELECT name FROM cadences WHERE id = ?1", NO_ANSWER_ID);
  g_assert_cmpstr (name, ==, "No answer");
  g_assert_cmpint (count (f, "SELECT json_array_length(steps) FROM cadences WHERE id = ?1", NO_ANSWER_ID), ==, 3);
  g_assert_cmpint (count (f, "SELECT is_active FROM cadences WHERE id = ?1", WARM_ID), ==, 1);
  g_assert_cmpint (count (f, "SELECT _deleted FROM cadences WHERE id = ?1", REFUSED_ID), ==, 0);
  g_assert_cmpint (count (f, "SELECT trigger_arg IS NULL FROM cadences WHERE id = ?1", REFUSED_ID), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadences WHERE id = ?1 AND _deleted = 0", own), ==, 1);
}

static void
test_describe (void)
{
  static const struct {
    CrmCadenceStep step;
    const char    *text;
  } cases[] = {
    { { 20, 0, 0, 0, 0, NULL, NULL, NULL, NULL }, "after 20 min" },
    { { 90, 0, 0, 0, 0, NULL, NULL, NULL, NULL }, "after 1 h 30 min" },
    { { 120, 0, 0, 0, 0, NULL, NULL, NULL, NULL }, "after 2 h" },
    { { 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL }, "at once" },
    { { 0, 3, 0, 0, 0, NULL, NULL, NULL, NULL }, "day 3" },
    { { 30, 1, 0, 0, 0, NULL, NULL, NULL, NULL }, "day 1, after 30 min" },
    { { 0, 0, 3, 0, 0, NULL, NULL, NULL, NULL }, "in 3 months" },
    { { 0, 0, 0, 12, 28, NULL, NULL, NULL, NULL }, "every year on 28 December" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_cadence_step_describe (&cases[i].step);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_template (CrmTestStore  *f,
               gconstpointer  data)
{
  g_autofree char *lead = crm_test_add (f->store, "leads", "full_name", "Иванов Пётр",
                                        "first_name", "Пётр", "company", "ООО «Ромашка»", NULL);
  g_autoptr(GHashTable) vars = crm_template_vars (f->store, "lead", lead);
  const char *const *keys = crm_template_placeholders ();
  g_autofree char *text = NULL;

  /* Every placeholder offered is filled (maybe with nothing). */
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (vars, keys[i]));
  text = crm_template_render ("{name}, {company}: {nope} {phone}{", vars);
  g_assert_cmpstr (text, ==, "Пётр, ООО «Ромашка»: {nope} {");
  g_assert_null (crm_template_render (NULL, vars));
}

int
main (int    argc,
      char **argv)
{
  crm_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, CrmTestStore, NULL, crm_test_store_setup, fn, crm_test_store_teardown)
  ADD ("/core/cadence-edit/steps", test_steps);
  ADD ("/core/cadence-edit/delete-and-restore", test_delete_and_restore);
  ADD ("/core/cadence-edit/template", test_template);
#undef ADD
  g_test_add_func ("/core/cadence-edit/describe", test_describe);

  return crm_test_run ();
}
