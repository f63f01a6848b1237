/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-activity-log.h"
#include "crm-catalog.h"
#include "crm-change.h"
#include "crm-clock.h"
#include "crm-convert.h"
#include "crm-dedupe.h"
#include "crm-store.h"
#include "crm-store-query.h"
#include "crm-test-util.h"

#define T0 1767225600000 /* 2026-01-01T00:00:00Z */
#define MINUTE 60000

typedef struct
{
  char     *dir;
  char     *path;
  CrmClock *clock;
  CrmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "voronka.db", NULL);
  f->clock = crm_clock_new_fixed (T0);
  f->store = crm_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_free (f->path);
  g_free (f->dir);
}

static char *
add_child (CrmStore   *store,
           const char *tbl,
           const char *entity_type,
           const char *entity_id,
           const char *raw)
{
  g_autoptr(CrmChange) change = crm_change_new_create (tbl);
  g_autoptr(GError) error = NULL;

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "raw", raw);
  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (crm_change_get_id (change));
}

static char *
add_lead (CrmStore   *store,
          const char *name,
          const char *company,
          const char *phone,
          const char *email)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autoptr(GError) error = NULL;
  g_autofree char *p = NULL;
  g_autofree char *e = NULL;

  crm_change_set_text (change, "full_name", name);
  if (company != NULL)
    crm_change_set_text (change, "company", company);
  crm_change_set_text (change, "job_title", "Директор");
  g_assert_true (crm_store_apply (store, change, &error));
  g_assert_no_error (error);
  if (phone != NULL)
    p = add_child (store, "phones", "lead", crm_change_get_id (change), phone);
  if (email != NULL)
    e = add_child (store, "emails", "lead", crm_change_get_id (change), email);
  return g_strdup (crm_change_get_id (change));
}

static char *
stage_kind (CrmStore   *store,
            const char *lead_id)
{
  return crm_test_query_text (store,
                              "SELECT s.kind FROM leads l JOIN stages s ON s.id = l.stage_id"
                              " WHERE l.id = ?1", lead_id);
}

/* ---- activities ---- */

static void
test_first_response (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f->store, "Иванов Иван", NULL, "8 912 345-67-89", NULL);
  g_autoptr(CrmRecord) record = NULL;
  CrmActivityInput note = CRM_ACTIVITY_INPUT_INIT;
  CrmActivityInput call = CRM_ACTIVITY_INPUT_INIT;
  g_autofree char *note_id = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *call2_id = NULL;
  gint64 outbox_before;

  /* A note is not a response. */
  crm_clock_advance (f->clock, 3 * MINUTE);
  note.entity_type = "lead";
  note.entity_id = lead;
  note.kind = "note";
  note.body = "Просил перезвонить после обеда";
  note_id = crm_activity_log (f->store, &note, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note_id);
  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_false (crm_record_has_value (record, "first_response_ms"));
  g_clear_object (&record);
  g_assert_cmpstr (crm_test_query_text (f->store, "SELECT direction FROM activities WHERE id = ?1", note_id), ==, NULL);

  /* The first call, even unanswered, is. */
  crm_clock_advance (f->clock, 2 * MINUTE);
  /* Tasks aside: the call also completes the "respond" task and starts
   * the "No answer" cadence (test-tasks checks those). */
  outbox_before = crm_test_query_int (f->store, "SELECT COUNT(*) FROM outbox WHERE tbl != 'tasks'", NULL);
  call.entity_type = "lead";
  call.entity_id = lead;
  call.kind = "call";
  call.outcome = "no-answer";
  call.duration_s = 0;
  call_id = crm_activity_log (f->store, &call, &error);
  g_assert_no_error (error);
  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_cmpint (crm_record_get_int (record, "first_response_ms", 0), ==, T0 + 5 * MINUTE);
  g_clear_object (&record);
  /* Activity and lead update both went to the outbox, and the lead's history. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM outbox WHERE tbl != 'tasks'", NULL), ==, outbox_before + 2);
  g_assert_cmpint (crm_test_query_int (f->store,
                                       "SELECT COUNT(*) FROM history WHERE entity_id = ?1"
                                       " AND field = 'first_response_ms'", lead), ==, 1);

  /* Later ones leave it alone. */
  crm_clock_advance (f->clock, 20 * MINUTE);
  call.outcome = "answered";
  call.duration_s = 330;
  call.body = "Клиент: нужна поставка 200 шт.";
  call.attachment = "/home/anna/Записи/call-0001.ogg";
  call2_id = crm_activity_log (f->store, &call, &error);
  g_assert_no_error (error);
  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_cmpint (crm_record_get_int (record, "first_response_ms", 0), ==, T0 + 5 * MINUTE);
  g_clear_object (&record);

  record = crm_store_get (f->store, "activities", call2_id, &error);
  g_assert_cmpstr (crm_record_get_text (record, "direction"), ==, "out");
  g_assert_cmpstr (crm_record_get_text (record, "outcome"), ==, "answered");
  g_assert_cmpint (crm_record_get_int (record, "duration_s", -1), ==, 330);
  g_assert_cmpstr (crm_record_get_text (record, "attachment"), ==, "/home/anna/Записи/call-0001.ogg");
  g_assert_cmpstr (crm_record_get_text (record, "user_id"), ==, crm_store_get_user_id (f->store));
  {
    g_autofree char *summary = crm_activity_summary (record);
    g_assert_cmpstr (summary, ==, "Outgoing call · Answered · 5:30");
  }

  {
    g_autoptr(GPtrArray) timeline = crm_store_list_children (f->store, "activities", lead, &error);
    g_assert_cmpuint (timeline->len, ==, 3);
    g_assert_cmpstr (crm_record_get_id (g_ptr_array_index (timeline, 0)), ==, call2_id);
  }
}

static void
test_incoming_not_response (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f->store, "Петров Пётр", NULL, NULL, NULL);
  g_autoptr(CrmRecord) record = NULL;
  CrmActivityInput in = CRM_ACTIVITY_INPUT_INIT;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;

  in.entity_type = "lead";
  in.entity_id = lead;
  in.kind = "email";
  in.direction = "in";
  in.subject = "Запрос цены";
  id = crm_activity_log (f->store, &in, &error);
  g_assert_no_error (error);
  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_false (crm_record_has_value (record, "first_response_ms"));
  g_clear_object (&record);

  in.direction = NULL; /* default: out */
  in.kind = "meeting";
  id2 = crm_activity_log (f->store, &in, &error);
  g_assert_no_error (error);
  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_cmpint (crm_record_get_int (record, "first_response_ms", 0), ==, T0);
}

static void
test_respond_task_done (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f->store, "Сидоров", NULL, NULL, NULL);
  g_autoptr(CrmChange) task = crm_change_new_create ("tasks");
  CrmActivityInput mail = CRM_ACTIVITY_INPUT_INIT;
  g_autofree char *id = NULL;

  crm_change_set_text (task, "entity_type", "lead");
  crm_change_set_text (task, "entity_id", lead);
  crm_change_set_text (task, "kind", "respond");
  crm_change_set_text (task, "title", "Respond");
  crm_change_set_int (task, "due_ms", T0 + 15 * MINUTE);
  g_assert_true (crm_store_apply (f->store, task, &error));

  crm_clock_advance (f->clock, 7 * MINUTE);
  mail.entity_type = "lead";
  mail.entity_id = lead;
  mail.kind = "email";
  mail.subject = "Коммерческое предложение";
  id = crm_activity_log (f->store, &mail, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT done_ms FROM tasks WHERE id = ?1",
                                       crm_change_get_id (task)), ==, T0 + 7 * MINUTE);
}

static void
test_activity_validation (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Кузнецов", NULL, NULL, NULL);
  CrmActivityInput in = CRM_ACTIVITY_INPUT_INIT;
  gint64 before = crm_test_query_int (f->store, "SELECT COUNT(*) FROM activities", NULL);
  gint64 s;

  in.entity_type = "lead";
  in.entity_id = lead;
  in.kind = "call";
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = crm_activity_log (f->store, &in, &error);
    g_assert_null (id);
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  }
  in.outcome = "maybe";
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = crm_activity_log (f->store, &in, &error);
    g_assert_null (id);
    g_assert_nonnull (error);
  }
  in.kind = "note";
  in.outcome = NULL;
  in.body = "   ";
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = crm_activity_log (f->store, &in, &error);
    g_assert_null (id);
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  }
  in.kind = "fax";
  in.body = "x";
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = crm_activity_log (f->store, &in, &error);
    g_assert_null (id);
    g_assert_nonnull (error);
  }
  in.kind = "note";
  in.entity_type = "task";
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = crm_activity_log (f->store, &in, &error);
    g_assert_null (id);
    g_assert_nonnull (error);
  }
  /* A deleted record takes no more activities. */
  in.entity_type = "lead";
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = NULL;

    g_assert_true (crm_store_delete (f->store, "leads", lead, &error));
    id = crm_activity_log (f->store, &in, &error);
    g_assert_null (id);
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  }
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM activities", NULL), ==, before);

  g_assert_true (crm_parse_duration ("", &s));
  g_assert_cmpint (s, ==, -1);
  g_assert_true (crm_parse_duration ("5", &s));
  g_assert_cmpint (s, ==, 300);
  g_assert_true (crm_parse_duration (" 5:30 ", &s));
  g_assert_cmpint (s, ==, 330);
  g_assert_true (crm_parse_duration ("1:02:03", &s));
  g_assert_cmpint (s, ==, 3723);
  g_assert_false (crm_parse_duration ("5:70", &s));
  g_assert_false (crm_parse_duration ("пять", &s));
  g_assert_false (crm_parse_duration ("1:2:3:4", &s));
  {
    g_autofree char *a = crm_format_duration (330);
    g_autofree char *b = crm_format_duration (3723);
    g_assert_cmpstr (a, ==, "5:30");
    g_assert_cmpstr (b, ==, "1:02:03");
  }
}

/* ---- conversion ---- */

static void
test_convert_company (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = add_lead (f->store, "Смирнова Анна Петровна", "ООО «Ромашка»",
                                    "+7 (912) 345-67-89", "Anna@Romashka.RU");
  CrmConvertInput in = { 0 };
  g_autofree char *client_id = NULL;
  g_autofree char *contact_id = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(CrmRecord) client = NULL;
  g_autoptr(CrmRecord) contact = NULL;
  g_autoptr(CrmRecord) record = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) leads = NULL;

  crm_clock_advance (f->clock, 60 * MINUTE);
  in.kind = "company";
  in.name = "ООО «Ромашка»";
  in.inn = "7707083893";
  in.kpp = "773601001";
  in.ogrn = "1027700132195";
  in.address = "Москва, ул. Вавилова, 19";
  in.create_contact = TRUE;
  in.contact_name = "Смирнова Анна Петровна";
  g_assert_true (crm_lead_convert (f->store, lead, &in, &client_id, &contact_id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (client_id);
  g_assert_nonnull (contact_id);

  client = crm_store_get (f->store, "clients", client_id, &error);
  g_assert_cmpstr (crm_record_get_text (client, "lead_id"), ==, lead);
  g_assert_cmpstr (crm_record_get_text (client, "inn"), ==, "7707083893");
  g_assert_cmpstr (crm_record_get_text (client, "kind"), ==, "company");
  g_assert_cmpstr (crm_record_get_text (client, "owner_id"), ==, crm_store_get_user_id (f->store));

  contact = crm_store_get (f->store, "contacts", contact_id, &error);
  g_assert_cmpstr (crm_record_get_text (contact, "client_id"), ==, client_id);
  g_assert_cmpstr (crm_record_get_text (contact, "lead_id"), ==, lead);
  g_assert_cmpstr (crm_record_get_text (contact, "job_title"), ==, "Директор");
  phones = crm_store_list_children (f->store, "phones", contact_id, &error);
  g_assert_cmpuint (phones->len, ==, 1);
  g_assert_cmpstr (crm_record_get_text (g_ptr_array_index (phones, 0), "e164"), ==, "+79123456789");

  record = crm_store_get (f->store, "leads", lead, &error);
  g_assert_true (crm_lead_is_converted (record));
  g_assert_cmpstr (crm_record_get_text (record, "client_id"), ==, client_id);
  g_assert_cmpstr (crm_record_get_text (record, "contact_id"), ==, contact_id);
  g_assert_cmpint (crm_record_get_int (record, "converted_ms", 0), ==, T0 + 60 * MINUTE);
  kind = stage_kind (f->store, lead);
  g_assert_cmpstr (kind, ==, "won");

  /* History and the outbox saw it all. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM history WHERE entity_id = ?1"
                                       " AND field = 'client_id'", lead), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM outbox WHERE row_id = ?1",
                                       client_id), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM activities WHERE entity_id = ?1"
                                       " AND kind = 'system'", lead), ==, 1);

  contacts = crm_client_list_contacts (f->store, client_id, &error);
  g_assert_cmpuint (contacts->len, ==, 1);
  leads = crm_client_list_leads (f->store, client_id, &error);
  g_assert_cmpuint (leads->len, ==, 1);

  /* Twice is refused. */
  {
    g_autoptr(GError) again = NULL;
    g_assert_false (crm_lead_convert (f->store, lead, &in, NULL, NULL, &again));
    g_assert_error (again, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  }
  /* So is refusing a converted lead. */
  {
    g_autoptr(GError) again = NULL;
    g_assert_false (crm_lead_refuse (f->store, lead, "Дорого", NULL, &again));
    g_assert_nonnull (again);
  }
}

static void
test_convert_invalid (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Орлов Олег", "ИП Орлов", NULL, NULL);
  CrmConvertInput in = { 0 };
  CrmConvertField field;

  in.kind = "company";
  in.name = "ИП Орлов";
  in.inn = "7707083894";
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (crm_convert_validate (&in, &field, &error));
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_CHECKSUM);
    g_assert_cmpint (field, ==, CRM_CONVERT_FIELD_INN);
    g_assert_true (g_str_has_prefix (error->message, "INN"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (crm_lead_convert (f->store, lead, &in, NULL, NULL, &error));
    g_assert_nonnull (error);
  }
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM clients", NULL), ==, 0);

  /* A sole trader: 12-digit INN with an OGRNIP, and no KPP. */
  in.inn = "5001 0073 2259";
  in.ogrn = "304500116000157";
  g_assert_true (crm_convert_validate (&in, &field, NULL));
  in.kpp = "773601001";
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (crm_convert_validate (&in, &field, &error));
    g_assert_cmpint (field, ==, CRM_CONVERT_FIELD_KPP);
  }
  in.kpp = NULL;
  in.ogrn = "1027700132195";
  g_assert_false (crm_convert_validate (&in, &field, NULL));
  g_assert_cmpint (field, ==, CRM_CONVERT_FIELD_OGRN);
  in.ogrn = NULL;
  in.kpp = "12345";
  g_assert_false (crm_convert_validate (&in, &field, NULL));
  g_assert_cmpint (field, ==, CRM_CONVERT_FIELD_KPP);
  in.kpp = NULL;

  in.name = "  ";
  g_assert_false (crm_convert_validate (&in, &field, NULL));
  g_assert_cmpint (field, ==, CRM_CONVERT_FIELD_NAME);
  in.name = "ИП Орлов";
  in.create_contact = TRUE;
  g_assert_false (crm_convert_validate (&in, &field, NULL));
  g_assert_cmpint (field, ==, CRM_CONVERT_FIELD_CONTACT_NAME);

  /* The person client, no contact: it carries the phones itself. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *lead2 = add_lead (f->store, "Белов Борис", NULL, "89001234567", NULL);
    g_autofree char *client_id = NULL;
    g_autofree char *contact_id = NULL;
    g_autoptr(GPtrArray) phones = NULL;
    CrmConvertInput person = { 0 };

    person.kind = "person";
    person.name = "Белов Борис";
    g_assert_true (crm_lead_convert (f->store, lead2, &person, &client_id, &contact_id, &error));
    g_assert_no_error (error);
    g_assert_null (contact_id);
    phones = crm_store_list_children (f->store, "phones", client_id, &error);
    g_assert_cmpuint (phones->len, ==, 1);
  }
}

static void
test_convert_link_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) client = crm_change_new_create ("clients");
  g_autoptr(CrmChange) contact = crm_change_new_create ("contacts");
  g_autofree char *phone = NULL;
  g_autofree char *lead = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(CrmRecord) record = NULL;
  CrmConvertInput in = { 0 };
  g_autofree char *client_id = NULL;
  g_autofree char *contact_id = NULL;
  CrmDuplicate *d;

  crm_change_set_text (client, "name", "АО «Вектор»");
  g_assert_true (crm_store_apply (f->store, client, &error));
  crm_change_set_text (contact, "full_name", "Волков Виктор");
  crm_change_set_text (contact, "client_id", crm_change_get_id (client));
  g_assert_true (crm_store_apply (f->store, contact, &error));
  phone = add_child (f->store, "phones", "contact", crm_change_get_id (contact), "+7 912 000-11-22");

  lead = add_lead (f->store, "Виктор Волков", NULL, "89120001122", NULL);
  found = crm_convert_find_clients (f->store, lead, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  d = g_ptr_array_index (found, 0);
  g_assert_cmpstr (d->entity_type, ==, "client");
  g_assert_cmpstr (d->id, ==, crm_change_get_id (client));
  g_assert_cmpstr (d->display_name, ==, "АО «Вектор»");

  in.client_id = d->id;
  in.create_contact = TRUE;
  in.contact_name = "Виктор Волков";
  g_assert_true (crm_lead_convert (f->store, lead, &in, &client_id, &contact_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (client_id, ==, crm_change_get_id (client));
  /* The client's matching contact is reused, not doubled. */
  g_assert_cmpstr (contact_id, ==, crm_change_get_id (contact));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM contacts", NULL), ==, 1);
  record = crm_store_get (f->store, "clients", client_id, &error);
  g_assert_cmpstr (crm_record_get_text (record, "lead_id"), ==, lead);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM clients", NULL), ==, 1);
}

/* ---- refusal ---- */

static void
test_refuse (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *lead = add_lead (f->store, "Лебедев", NULL, NULL, NULL);
  g_autoptr(CrmRecord) record = NULL;
  g_autofree char *kind = NULL;

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (crm_lead_refuse (f->store, lead, " ", NULL, &error));
    g_assert_error (error, CRM_VALIDATE_ERROR, CRM_VALIDATE_ERROR_EMPTY);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (crm_lead_refuse (f->store, lead, "Дорого", "Ушёл к конкурентам из-за цены", &error));
    g_assert_no_error (error);
  }
  record = crm_store_get (f->store, "leads", lead, NULL);
  g_assert_true (crm_lead_is_refused (record));
  g_assert_cmpstr (crm_record_get_text (record, "lost_reason"), ==, "Дорого");
  g_assert_cmpint (crm_record_get_int (record, "lost_ms", 0), ==, T0);
  kind = stage_kind (f->store, lead);
  g_assert_cmpstr (kind, ==, "lost");
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT COUNT(*) FROM activities WHERE entity_id = ?1"
                                       " AND kind = 'note'", lead), ==, 1);
  g_clear_object (&record);
  g_clear_pointer (&kind, g_free);

  {
    g_autoptr(GError) error = NULL;
    g_assert_true (crm_lead_reopen (f->store, lead, &error));
    g_assert_no_error (error);
  }
  record = crm_store_get (f->store, "leads", lead, NULL);
  g_assert_false (crm_lead_is_refused (record));
  kind = stage_kind (f->store, lead);
  g_assert_cmpstr (kind, ==, "open");
}

static void
test_lost_reasons (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = crm_lost_reasons_list (f->store, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;
  guint n;

  g_assert_no_error (error);
  n = reasons->len;
  g_assert_cmpuint (n, ==, 6);

  id = crm_lost_reason_add (f->store, "Не сезон", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  {
    g_autoptr(GError) dup = NULL;
    g_autofree char *id2 = crm_lost_reason_add (f->store, "не сезон ", &dup);
    g_assert_null (id2);
    g_assert_nonnull (dup);
  }
  {
    g_autoptr(GError) empty = NULL;
    g_autofree char *id2 = crm_lost_reason_add (f->store, "", &empty);
    g_assert_null (id2);
    g_assert_nonnull (empty);
  }
  g_assert_true (crm_lost_reason_rename (f->store, id, "Сезонность", &error));
  after = crm_lost_reasons_list (f->store, &error);
  g_assert_cmpuint (after->len, ==, n + 1);
  g_assert_cmpstr (crm_record_get_text (g_ptr_array_index (after, n), "name"), ==, "Сезонность");
  g_clear_pointer (&after, g_ptr_array_unref);

  g_assert_true (crm_lost_reason_remove (f->store, id, &error));
  after = crm_lost_reasons_list (f->store, &error);
  g_assert_cmpuint (after->len, ==, n);
}

static void
test_catalog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = crm_catalog_list (f->store, "users", NULL, &error);
  g_autoptr(GPtrArray) channels = crm_catalog_list (f->store, "channels", NULL, &error);
  g_autoptr(GPtrArray) stages = crm_catalog_list (f->store, "stages", NULL, &error);
  g_autoptr(GPtrArray) bad = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpuint (channels->len, ==, 10);
  g_assert_cmpuint (stages->len, ==, 7);
  name = crm_catalog_name (f->store, "channels",
                           crm_record_get_id (g_ptr_array_index (channels, 0)));
  g_assert_cmpstr (name, ==, "Website form");
  bad = crm_catalog_list (f->store, "leads", NULL, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  crm_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/core/activity/first-response", test_first_response);
  ADD ("/core/activity/incoming-is-not-a-response", test_incoming_not_response);
  ADD ("/core/activity/respond-task-done", test_respond_task_done);
  ADD ("/core/activity/validation", test_activity_validation);
  ADD ("/core/convert/company-with-contact", test_convert_company);
  ADD ("/core/convert/invalid-requisites", test_convert_invalid);
  ADD ("/core/convert/link-existing-client", test_convert_link_existing);
  ADD ("/core/refuse/reason-required", test_refuse);
  ADD ("/core/refuse/lost-reasons-catalogue", test_lost_reasons);
  ADD ("/core/catalog/lists", test_catalog);
#undef ADD

  return crm_test_run ();
}
