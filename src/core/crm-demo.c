/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-demo"

#include "config.h"

#include "crm-demo.h"
#include "crm-demo-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-search.h"
#include "crm-text.h"
#include "crm-workspace.h"

/* A demo workspace that looks like a real Russian small business a few
 * months into using Voronka: managers, inquiries from every channel spread
 * over the funnel, calls and notes, some leads converted into clients with
 * valid requisites, channel spend, and a few duplicates for the banner to
 * find. Everything goes through crm_store_apply() (history, clocks,
 * outbox) inside ONE transaction, with the search index rebuilt once at the
 * end; the same seed gives the same people, values and stages. */

#define DAY_MS (24 * 60 * 60 * (gint64) 1000)
#define MINUTE_MS (60 * (gint64) 1000)

static const char *job_titles[] = {
  "Генеральный директор", "Директор", "Коммерческий директор", "Менеджер по закупкам",
  "Главный инженер", "Руководитель отдела продаж", "Бухгалтер", "Офис-менеджер",
  "Собственник", "Руководитель проекта", "Маркетолог", "Инженер-сметчик",
  "Заведующий складом", "Начальник АХО",
};

static const char *requests[] = {
  "Нужен расчёт стоимости на %u единиц, доставка в %s",
  "Прошу перезвонить, интересует оптовая цена",
  "Хотим подключить обслуживание офиса, город %s",
  "Интересует коммерческое предложение, объём около %u шт.",
  "Заявка с сайта: консультация по подбору оборудования",
  "Нужна смета на монтаж, объект: %s",
  "Сравниваем поставщиков, пришлите прайс",
  "Хотим тестовую партию (%u шт.), сроки до конца месяца",
  "Интересует годовой договор на поставку",
  "Просят демонстрацию и обучение сотрудников",
  "Аренда оборудования на сезон, доставка в %s",
  "Клиент хочет скидку при предоплате",
};

static const char *notes[] = {
  "Перезвонить после обеда, утром на совещаниях",
  "Решение принимает собственник, нужна встреча",
  "Бюджет согласован до конца квартала",
  "Просил прислать КП на почту",
  "Уже работает с конкурентом, недоволен сроками",
  "Сезонный спрос, вернуться весной",
  "Готов подписать договор после тестовой партии",
  "Важно: доставка только в будни",
};

static const char *bant_budget[] = {
  "до 100 000 ₽", "100–300 тыс. ₽", "300 тыс. – 1 млн ₽", "более 1 млн ₽", "не определён",
};
static const char *bant_authority[] = {
  "ЛПР", "влияет на решение", "исполнитель, ЛПР — директор", "закупочная комиссия",
};
static const char *bant_need[] = {
  "острая, срочно", "есть, но не горит", "изучает рынок", "замена текущего поставщика",
};
static const char *bant_timeline[] = {
  "в течение недели", "в этом месяце", "в этом квартале", "в следующем году",
};

static const char *call_outcomes[] = { "answered", "answered", "answered", "no-answer", "busy" };

static const char *managers[] = {
  "Анна Смирнова", "Дмитрий Кузнецов", "Ольга Новикова",
};

/* Share of leads per stage kind/position (percent), in the order of the
 * default pipeline: New, In work, Qualified, Sent to sales, Won, Warm,
 * Refused. */
static const guint stage_weights[] = { 3, 17, 15, 10, 15, 18, 22 };

typedef struct
{
  char *id;
  char *kind;
} Stage;

typedef struct
{
  char *id;
  char *kind;
} Channel;

typedef struct
{
  CrmStore   *store;
  GRand      *rand;
  gint64      now;
  GPtrArray  *users;      /* char * ids */
  GArray     *stages;     /* Stage */
  GArray     *channels;   /* Channel */
  GPtrArray  *lost_reasons;
  GPtrArray  *phones;     /* char * raw phones written so far, for duplicates */
  GPtrArray  *emails;
} Demo;

static void
stage_clear (gpointer data)
{
  Stage *s = data;

  g_free (s->id);
  g_free (s->kind);
}

static const char *
pick (Demo              *demo,
      const char *const *array,
      guint              n)
{
  return array[g_rand_int_range (demo->rand, 0, n)];
}

#define PICK(demo, array) pick ((demo), (const char *const *) (array), G_N_ELEMENTS (array))

static gboolean
chance (Demo  *demo,
        guint  percent)
{
  return (guint) g_rand_int_range (demo->rand, 0, 100) < percent;
}

/* ---- Writing ---- */

static char *
apply (Demo       *demo,
       CrmChange  *change,
       GError    **error)
{
  if (!crm_store_apply (demo->store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}

static gboolean
add_phone (Demo        *demo,
           const char  *entity_type,
           const char  *entity_id,
           const char  *raw,
           const char  *label,
           guint        position,
           GError     **error)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("phones");
  g_autofree char *id = NULL;

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "raw", raw);
  crm_change_set_text (change, "label", label);
  crm_change_set_int (change, "position", position);
  id = apply (demo, change, error);
  return id != NULL;
}

static gboolean
add_email (Demo        *demo,
           const char  *entity_type,
           const char  *entity_id,
           const char  *raw,
           const char  *label,
           GError     **error)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("emails");
  g_autofree char *id = NULL;

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "raw", raw);
  crm_change_set_text (change, "label", label);
  id = apply (demo, change, error);
  return id != NULL;
}

static gboolean
add_activity (Demo        *demo,
              const char  *entity_type,
              const char  *entity_id,
              const char  *kind,
              const char  *direction,
              const char  *outcome,
              guint        duration_s,
              const char  *subject,
              const char  *body,
              gint64       at_ms,
              const char  *user_id,
              GError     **error)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("activities");
  g_autofree char *id = NULL;

  crm_change_set_text (change, "entity_type", entity_type);
  crm_change_set_text (change, "entity_id", entity_id);
  crm_change_set_text (change, "kind", kind);
  if (direction != NULL)
    crm_change_set_text (change, "direction", direction);
  if (outcome != NULL)
    crm_change_set_text (change, "outcome", outcome);
  if (duration_s > 0)
    crm_change_set_int (change, "duration_s", duration_s);
  if (subject != NULL)
    crm_change_set_text (change, "subject", subject);
  if (body != NULL)
    crm_change_set_text (change, "body", body);
  crm_change_set_int (change, "at_ms", at_ms);
  crm_change_set_text (change, "user_id", user_id);
  crm_change_set_int (change, "created_ms", at_ms);
  id = apply (demo, change, error);
  return id != NULL;
}

static gboolean
load_catalogues (Demo    *demo,
                 GError **error)
{
  g_autofree char *pipeline = crm_workspace_default_pipeline (demo->store);
  sqlite3_stmt *stmt;

  stmt = crm_store_stmt (demo->store,
                         "SELECT id, kind FROM stages WHERE pipeline_id = ?1 AND _deleted = 0"
                         " ORDER BY position, rid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Stage s = { g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                  g_strdup ((const char *) sqlite3_column_text (stmt, 1)) };
      g_array_append_val (demo->stages, s);
    }
  sqlite3_reset (stmt);

  stmt = crm_store_stmt (demo->store,
                         "SELECT id, kind FROM channels WHERE _deleted = 0 AND kind <> 'import'"
                         " ORDER BY position, rid", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Channel c = { g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                    g_strdup ((const char *) sqlite3_column_text (stmt, 1)) };
      g_array_append_val (demo->channels, c);
    }
  sqlite3_reset (stmt);

  stmt = crm_store_stmt (demo->store,
                         "SELECT name FROM lost_reasons WHERE _deleted = 0 ORDER BY position, rid",
                         error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (demo->lost_reasons, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (demo->stages->len == 0 || demo->channels->len == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("The workspace has no pipeline or channels to fill"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_users (Demo    *demo,
           GError **error)
{
  g_autofree char *me = crm_workspace_default_user_id (demo->store);

  if (me != NULL)
    g_ptr_array_add (demo->users, g_steal_pointer (&me));

  for (guint i = 0; i < G_N_ELEMENTS (managers); i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("users");
      g_autofree char *login = crm_demo_translit (managers[i]);
      char *id;

      g_strdelimit (login, " ", '.');
      crm_change_set_text (change, "name", managers[i]);
      crm_change_set_text (change, "login", login);
      crm_change_set_text (change, "role", i == 0 ? "supervisor" : "manager");
      crm_change_set_int (change, "experienced", i < 2);
      if (!(id = apply (demo, change, error)))
        return FALSE;
      g_ptr_array_add (demo->users, id);
    }
  return TRUE;
}

/* Monthly spend for the paid channels, the last three months. */
static gboolean
add_spend (Demo    *demo,
           GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (demo->now / 1000);

  for (guint i = 0; i < demo->channels->len; i++)
    {
      Channel *c = &g_array_index (demo->channels, Channel, i);
      gint64 base;

      if (strcmp (c->kind, "ads") == 0)
        base = 120000;
      else if (strcmp (c->kind, "website") == 0)
        base = 45000;
      else if (strcmp (c->kind, "social") == 0)
        base = 30000;
      else if (strcmp (c->kind, "event") == 0)
        base = 80000;
      else
        continue;

      for (int m = 0; m < 3; m++)
        {
          g_autoptr(GDateTime) month = g_date_time_add_months (now, -m);
          g_autoptr(CrmChange) change = crm_change_new_create ("channel_spend");
          g_autofree char *key = g_date_time_format (month, "%Y-%m");
          g_autofree char *id = NULL;
          gint64 rubles = base + g_rand_int_range (demo->rand, 0, 20) * 1000;

          crm_change_set_text (change, "channel_id", c->id);
          crm_change_set_text (change, "month", key);
          crm_change_set_int (change, "amount", rubles * 100);
          crm_change_set_text (change, "currency", "RUB");
          if (!(id = apply (demo, change, error)))
            return FALSE;
        }
    }
  return TRUE;
}

static guint
pick_stage (Demo *demo)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < G_N_ELEMENTS (stage_weights); i++)
    total += stage_weights[i];
  r = g_rand_int_range (demo->rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (stage_weights) && i < demo->stages->len; i++)
    {
      if (r < stage_weights[i])
        return i;
      r -= stage_weights[i];
    }
  return 0;
}

static const char *
temperature_for (Demo       *demo,
                 const char *stage_kind,
                 guint       stage_index)
{
  guint r = g_rand_int_range (demo->rand, 0, 100);

  if (strcmp (stage_kind, "won") == 0 || stage_index == 3)
    return r < 70 ? "hot" : "warm";
  if (strcmp (stage_kind, "nurture") == 0)
    return r < 80 ? "warm" : "cold";
  if (strcmp (stage_kind, "lost") == 0)
    return r < 80 ? "cold" : "warm";
  if (stage_index == 0)
    return r < 40 ? NULL : r < 60 ? "hot" : r < 85 ? "warm" : "cold";
  return r < 30 ? "hot" : r < 75 ? "warm" : "cold";
}

typedef struct
{
  char *id;
  char *contact_id;
} Converted;

/* A won lead becomes a client (company with requisites, or a sole
 * proprietor) with the lead's person as its contact. */
static gboolean
convert_lead (Demo                  *demo,
              const char            *lead_id,
              const CrmDemoPerson   *person,
              const CrmDemoCompany  *company,
              const char            *phone,
              const char            *email,
              const char            *owner_id,
              gint64                 at_ms,
              Converted             *out,
              GError               **error)
{
  g_autoptr(CrmChange) client = crm_change_new_create ("clients");
  g_autoptr(CrmChange) contact = crm_change_new_create ("contacts");
  g_autoptr(CrmChange) lead = crm_change_new_update ("leads", lead_id);

  crm_change_set_text (client, "name", company->name);
  if (company->ip)
    {
      g_autofree char *inn = crm_demo_inn12 (demo->rand, company->office);
      g_autofree char *ogrnip = crm_demo_ogrn (demo->rand, company->office, TRUE);

      crm_change_set_text (client, "kind", "company");
      crm_change_set_text (client, "legal_name", company->name);
      crm_change_set_text (client, "inn", inn);
      crm_change_set_text (client, "ogrn", ogrnip);
    }
  else
    {
      g_autofree char *inn = crm_demo_inn10 (demo->rand, company->office);
      g_autofree char *ogrn = crm_demo_ogrn (demo->rand, company->office, FALSE);
      g_autofree char *kpp = g_strdup_printf ("%.4s01001", company->office);
      g_autofree char *okpo = NULL;
      char digits[9] = { 0 };

      crm_demo_digits (demo->rand, digits, 8);
      okpo = g_strdup (digits);
      crm_change_set_text (client, "kind", "company");
      crm_change_set_text (client, "legal_name", company->name);
      crm_change_set_text (client, "inn", inn);
      crm_change_set_text (client, "kpp", kpp);
      crm_change_set_text (client, "ogrn", ogrn);
    }
  {
    g_autofree char *address = g_strdup_printf ("г. %s, ул. %s, д. %u, офис %u",
                                                company->city,
                                                PICK (demo, ((const char *[]) { "Ленина", "Советская",
                                                  "Мира", "Гагарина", "Садовая", "Промышленная",
                                                  "Заводская", "Набережная" })),
                                                g_rand_int_range (demo->rand, 1, 120),
                                                g_rand_int_range (demo->rand, 1, 400));
    g_autofree char *website = g_strdup_printf ("https://%s", company->domain);

    crm_change_set_text (client, "address", address);
    if (!company->ip)
      crm_change_set_text (client, "website", website);
  }
  crm_change_set_text (client, "owner_id", owner_id);
  crm_change_set_text (client, "lead_id", lead_id);
  crm_change_set_int (client, "created_ms", at_ms);
  if (!(out->id = apply (demo, client, error)))
    return FALSE;

  crm_change_set_text (contact, "client_id", out->id);
  crm_change_set_text (contact, "full_name", person->full_name);
  crm_change_set_text (contact, "job_title", PICK (demo, job_titles));
  crm_change_set_text (contact, "owner_id", owner_id);
  crm_change_set_text (contact, "lead_id", lead_id);
  crm_change_set_int (contact, "created_ms", at_ms);
  if (!(out->contact_id = apply (demo, contact, error)))
    return FALSE;

  if (phone != NULL && !add_phone (demo, "contact", out->contact_id, phone, "mobile", 0, error))
    return FALSE;
  if (email != NULL && !add_email (demo, "contact", out->contact_id, email, "work", error))
    return FALSE;
  if (chance (demo, 50))
    {
      g_autofree char *office = crm_demo_office_phone (demo->rand);

      if (!add_phone (demo, "client", out->id, office, "work", 0, error))
        return FALSE;
    }

  crm_change_set_text (lead, "client_id", out->id);
  crm_change_set_text (lead, "contact_id", out->contact_id);
  crm_change_set_int (lead, "converted_ms", at_ms);
  return crm_store_apply (demo->store, lead, error);
}

static gboolean
add_lead (Demo    *demo,
          guint    index,
          guint    n_leads,
          GError **error)
{
  g_autoptr(CrmChange) change = crm_change_new_create ("leads");
  g_autofree char *lead_id = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;
  CrmDemoPerson person;
  CrmDemoCompany company = { 0 };
  gboolean has_company = chance (demo, 65);
  guint stage_index = pick_stage (demo);
  const Stage *stage = &g_array_index (demo->stages, Stage, MIN (stage_index, demo->stages->len - 1));
  const Channel *channel = &g_array_index (demo->channels, Channel,
                                           g_rand_int_range (demo->rand, 0, demo->channels->len));
  const char *owner = g_ptr_array_index (demo->users, g_rand_int_range (demo->rand, 0, demo->users->len));
  const char *temperature = temperature_for (demo, stage->kind, stage_index);
  /* Spread over the last 120 days; the unprocessed ones came in the last
   * hours, some still within the first-response time, so the Inbox shows
   * both running countdowns and overdue leads. */
  gint64 age = stage_index != 0 ? (gint64) g_rand_int_range (demo->rand, 60, 120 * 24 * 60) * MINUTE_MS
              : chance (demo, 40) ? g_rand_int_range (demo->rand, 1, 14) * MINUTE_MS
              : g_rand_int_range (demo->rand, 15, 5 * 60) * MINUTE_MS;
  gint64 created = demo->now - age;
  gint64 first_response = created + g_rand_int_range (demo->rand, 2, 45) * MINUTE_MS;
  gboolean duplicate = index > 20 && demo->phones->len > 0 && chance (demo, 2);

  (void) n_leads;

  crm_demo_person (demo->rand, &person);
  if (has_company)
    crm_demo_company (demo->rand, &company, &person);

  crm_change_set_text (change, "full_name", person.full_name);
  if (has_company)
    {
      crm_change_set_text (change, "company", company.name);
      crm_change_set_text (change, "job_title", PICK (demo, job_titles));
      crm_change_set_text (change, "city", company.city);
      if (!company.ip && chance (demo, 40))
        {
          g_autofree char *site = g_strdup_printf ("https://%s", company.domain);
          crm_change_set_text (change, "website", site);
        }
    }
  else
    crm_change_set_text (change, "city", crm_demo_city (demo->rand));

  crm_change_set_text (change, "channel_id", channel->id);
  if (strcmp (channel->kind, "ads") == 0 || (strcmp (channel->kind, "website") == 0 && chance (demo, 60)))
    {
      static const char *sources[] = { "yandex", "google", "vk", "telegram" };
      static const char *campaigns[] = { "spring_sale", "brand", "opt_zakupki", "retargeting", "b2b_leads" };
      const char *source = PICK (demo, sources);

      crm_change_set_text (change, "utm_source", source);
      crm_change_set_text (change, "utm_medium", strcmp (source, "vk") == 0 ? "social" : "cpc");
      crm_change_set_text (change, "utm_campaign", PICK (demo, campaigns));
    }

  {
    const char *tmpl = PICK (demo, requests);
    g_autofree char *request = NULL;
    guint qty = g_rand_int_range (demo->rand, 2, 50) * 10;
    const char *city = has_company ? company.city : crm_demo_city (demo->rand);
    const char *pct_u = strstr (tmpl, "%u");
    const char *pct_s = strstr (tmpl, "%s");

    /* The templates use at most one %u and one %s, in either order. */
    if (pct_u != NULL && pct_s != NULL)
      request = pct_u < pct_s ? g_strdup_printf (tmpl, qty, city) : g_strdup_printf (tmpl, city, qty);
    else if (pct_u != NULL)
      request = g_strdup_printf (tmpl, qty);
    else if (pct_s != NULL)
      request = g_strdup_printf (tmpl, city);
    else
      request = g_strdup (tmpl);
    crm_change_set_text (change, "request", request);
  }
  if (chance (demo, 35))
    crm_change_set_text (change, "note", PICK (demo, notes));

  crm_change_set_text (change, "stage_id", stage->id);
  if (temperature != NULL)
    crm_change_set_text (change, "temperature", temperature);
  if (stage_index > 0)
    {
      crm_change_set_text (change, "bant_budget", PICK (demo, bant_budget));
      crm_change_set_text (change, "bant_need", PICK (demo, bant_need));
      if (stage_index >= 2)
        {
          crm_change_set_text (change, "bant_authority", PICK (demo, bant_authority));
          crm_change_set_text (change, "bant_timeline", PICK (demo, bant_timeline));
        }
      crm_change_set_int (change, "first_response_ms", first_response);
    }
  /* Values in whole thousands of rubles, stored in kopecks. */
  if (stage_index > 0 || chance (demo, 30))
    {
      gint64 rubles = (gint64) g_rand_int_range (demo->rand, 15, 1500) * 1000;
      crm_change_set_int (change, "value", rubles * 100);
      crm_change_set_text (change, "currency", "RUB");
    }
  crm_change_set_int (change, "score",
                      g_strcmp0 (temperature, "hot") == 0 ? g_rand_int_range (demo->rand, 70, 100)
                      : g_strcmp0 (temperature, "warm") == 0 ? g_rand_int_range (demo->rand, 40, 70)
                      : g_rand_int_range (demo->rand, 0, 40));
  if (stage_index > 0 || chance (demo, 50))
    crm_change_set_text (change, "owner_id", owner);
  crm_change_set_int (change, "created_ms", created);
  crm_change_set_int (change, "stage_entered_ms",
                      stage_index == 0 ? created : MIN (demo->now, first_response + g_rand_int_range (demo->rand, 0, 5) * DAY_MS));
  if (strcmp (stage->kind, "lost") == 0 && demo->lost_reasons->len > 0)
    {
      crm_change_set_text (change, "lost_reason",
                           g_ptr_array_index (demo->lost_reasons,
                                              g_rand_int_range (demo->rand, 0, demo->lost_reasons->len)));
      crm_change_set_int (change, "lost_ms", MIN (demo->now, first_response + DAY_MS));
    }
  /* Its place in the column comes from the write path, like any lead's. */
  if (!(lead_id = apply (demo, change, error)))
    goto fail;

  /* Phones: a duplicate reuses an earlier number in another format. */
  if (duplicate)
    {
      const char *earlier = g_ptr_array_index (demo->phones,
                                               g_rand_int_range (demo->rand, 0, demo->phones->len));
      phone = crm_demo_reformat_phone (earlier);
    }
  else if (chance (demo, 92))
    phone = crm_demo_phone (demo->rand);
  if (phone != NULL)
    {
      if (!add_phone (demo, "lead", lead_id, phone, "mobile", 0, error))
        goto fail;
      if (!duplicate && demo->phones->len < 5000)
        g_ptr_array_add (demo->phones, g_strdup (phone));
    }
  if (has_company && chance (demo, 20))
    {
      g_autofree char *office = crm_demo_office_phone (demo->rand);

      if (!add_phone (demo, "lead", lead_id, office, "work", 1, error))
        goto fail;
    }
  if (duplicate && demo->emails->len > 0 && chance (demo, 50))
    email = g_strdup (g_ptr_array_index (demo->emails,
                                         g_rand_int_range (demo->rand, 0, demo->emails->len)));
  else if (chance (demo, person.english ? 95 : 70))
    email = crm_demo_email (demo->rand, &person, has_company && chance (demo, 50) ? company.domain : NULL);
  if (email != NULL)
    {
      if (!add_email (demo, "lead", lead_id, email, has_company ? "work" : "home", error))
        goto fail;
      if (!duplicate && demo->emails->len < 5000)
        g_ptr_array_add (demo->emails, g_strdup (email));
    }

  /* The timeline: what the manager did since the inquiry came in. */
  if (stage_index > 0)
    {
      guint n_calls = g_rand_int_range (demo->rand, 1, 4);
      gint64 at = first_response;

      for (guint i = 0; i < n_calls && at < demo->now; i++)
        {
          const char *outcome = i == n_calls - 1 ? "answered" : PICK (demo, call_outcomes);
          gboolean answered = strcmp (outcome, "answered") == 0;

          if (!add_activity (demo, "lead", lead_id, "call", "out", outcome,
                             answered ? g_rand_int_range (demo->rand, 40, 900) : 0,
                             NULL, answered ? PICK (demo, notes) : NULL,
                             at, owner, error))
            goto fail;
          at += g_rand_int_range (demo->rand, 20, 60 * 24) * MINUTE_MS;
        }
      if (stage_index >= 2 && at < demo->now && email != NULL)
        {
          if (!add_activity (demo, "lead", lead_id, "email", "out", NULL, 0,
                             "Коммерческое предложение",
                             "Добрый день! Направляем коммерческое предложение по вашему запросу.",
                             at, owner, error))
            goto fail;
          at += DAY_MS;
        }
      if (stage_index >= 3 && at < demo->now && chance (demo, 40))
        {
          if (!add_activity (demo, "lead", lead_id, "meeting", NULL, NULL, 3600,
                             "Встреча в офисе клиента", "Обсудили условия поставки и сроки.",
                             at, owner, error))
            goto fail;
        }
    }
  else if (chance (demo, 15))
    {
      if (!add_activity (demo, "lead", lead_id, "call", "in", "answered",
                         g_rand_int_range (demo->rand, 30, 240), NULL,
                         "Входящий звонок, просил перезвонить", created, NULL, error))
        goto fail;
    }

  /* Open leads in work get a next step; some of them are overdue. */
  if ((stage_index >= 1 && stage_index <= 3) || (strcmp (stage->kind, "nurture") == 0 && chance (demo, 50)))
    {
      g_autoptr(CrmChange) task = crm_change_new_create ("tasks");
      g_autofree char *task_id = NULL;
      /* A team that keeps up: one step in ten is late, by hours, not days. */
      gint64 due = chance (demo, 10)
                   ? demo->now - (gint64) g_rand_int_range (demo->rand, 1, 30) * 60 * MINUTE_MS
                   : demo->now + (gint64) g_rand_int_range (demo->rand, 1, 7 * 24) * 60 * MINUTE_MS;
      static const char *titles[] = {
        "Перезвонить", "Отправить КП", "Уточнить бюджет", "Назначить встречу", "Выслать договор",
      };

      crm_change_set_text (task, "entity_type", "lead");
      crm_change_set_text (task, "entity_id", lead_id);
      crm_change_set_text (task, "kind", chance (demo, 70) ? "call" : "email");
      crm_change_set_text (task, "title", PICK (demo, titles));
      crm_change_set_int (task, "due_ms", due);
      crm_change_set_text (task, "owner_id", owner);
      if (!(task_id = apply (demo, task, error)))
        goto fail;
    }

  if (strcmp (stage->kind, "won") == 0 && has_company)
    {
      Converted converted = { 0 };
      gboolean ok = convert_lead (demo, lead_id, &person, &company, phone, email, owner,
                                  MIN (demo->now, first_response + 3 * DAY_MS),
                                  &converted, error);

      g_free (converted.id);
      g_free (converted.contact_id);
      if (!ok)
        goto fail;
    }

  crm_demo_person_clear (&person);
  crm_demo_company_clear (&company);
  return TRUE;

fail:
  crm_demo_person_clear (&person);
  crm_demo_company_clear (&company);
  return FALSE;
}

/**
 * crm_demo_populate:
 * @store: a #CrmStore, normally on a fresh workspace
 * @n_leads: how many leads to create
 * @seed: the random seed; the same seed gives the same workspace
 * @error: return location for a #GError
 *
 * Fills the workspace with a realistic Russian small business: three more
 * managers, @n_leads inquiries from every channel spread over the funnel
 * (temperatures, BANT, values in rubles, phones in mixed formats,
 * e-mails), calls, e-mails and meetings on their timelines, next-step
 * tasks (some overdue), won leads converted into clients with valid INN,
 * KPP and OGRN and a contact, channel spend for three months, and about 2%
 * duplicates. One transaction: all of it or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_demo_populate (CrmStore  *store,
                   guint      n_leads,
                   guint32    seed,
                   GError   **error)
{
  Demo demo = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  demo.store = store;
  demo.rand = g_rand_new_with_seed (seed);
  demo.now = crm_store_now_ms (store);
  demo.users = g_ptr_array_new_with_free_func (g_free);
  demo.stages = g_array_new (FALSE, TRUE, sizeof (Stage));
  g_array_set_clear_func (demo.stages, stage_clear);
  demo.channels = g_array_new (FALSE, TRUE, sizeof (Channel));
  g_array_set_clear_func (demo.channels, stage_clear);
  demo.lost_reasons = g_ptr_array_new_with_free_func (g_free);
  demo.phones = g_ptr_array_new_with_free_func (g_free);
  demo.emails = g_ptr_array_new_with_free_func (g_free);

  if (!crm_store_begin (store, error))
    goto out;

  crm_store_set_defer_index (store, TRUE);
  ok = load_catalogues (&demo, error) &&
       add_users (&demo, error) &&
       add_spend (&demo, error);
  for (guint i = 0; ok && i < n_leads; i++)
    ok = add_lead (&demo, i, n_leads, error);
  crm_store_set_defer_index (store, FALSE);

  if (ok)
    ok = crm_store_set_setting (store, "demo", "1", error) &&
         crm_search_rebuild (store, error);
  if (ok)
    ok = crm_store_commit (store, error);
  else
    crm_store_rollback (store);

  if (ok && n_leads > 2000)
    sqlite3_wal_checkpoint_v2 (crm_store_get_db (store), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

out:
  g_rand_free (demo.rand);
  g_ptr_array_unref (demo.users);
  g_array_unref (demo.stages);
  g_array_unref (demo.channels);
  g_ptr_array_unref (demo.lost_reasons);
  g_ptr_array_unref (demo.phones);
  g_ptr_array_unref (demo.emails);
  return ok;
}
