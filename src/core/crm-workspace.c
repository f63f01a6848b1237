/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-workspace"

#include "config.h"

#include "crm-workspace.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-cadence.h"
#include "crm-text.h"

/* What a new workspace starts with, from the lead processing practice the
 * product serves: a ready funnel, the usual channels, sane settings. Names
 * are stored translated (in the language of the person who created the
 * workspace) and stay editable. */

static const struct {
  const char *name;
  const char *kind;
  const char *color;
  int         sla_minutes;
  int         rotting_days;
} default_stages[] = {
  { N_("New"), "open", "#3584e4", 15, 0 },
  { N_("In work"), "open", "#1c71d8", 0, 3 },
  { N_("Qualified"), "open", "#9141ac", 0, 7 },
  { N_("Sent to sales"), "open", "#e5a50a", 0, 14 },
  { N_("Won"), "won", "#2ec27e", 0, 0 },
  { N_("Warm — thinking"), "nurture", "#ff7800", 0, 30 },
  { N_("Refused"), "lost", "#c01c28", 0, 0 },
};

static const struct {
  const char *name;
  const char *kind;
} default_channels[] = {
  { N_("Website form"), "website" },
  { N_("Phone call"), "phone" },
  { N_("E-mail"), "email" },
  { N_("Messenger"), "messenger" },
  { N_("Social network"), "social" },
  { N_("Referral"), "referral" },
  { N_("Partner"), "partner" },
  { N_("Exhibition or event"), "event" },
  { N_("Advertising"), "ads" },
  { N_("Import"), "import" },
};

static const char *default_lost_reasons[] = {
  N_("Not our target client"),
  N_("Too expensive"),
  N_("Chose a competitor"),
  N_("No budget"),
  N_("No answer"),
  N_("Duplicate request"),
};

static char *
create_row (CrmStore   *store,
            CrmChange  *change,
            GError    **error)
{
  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}

static char *
system_timezone (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (tz);

  /* "Local" is GLib's name when /etc/localtime has no Olson name. */
  if (id == NULL || *id == '\0' || strcmp (id, "Local") == 0)
    return g_strdup ("UTC");
  return g_strdup (id);
}

static gboolean
seed (CrmStore  *store,
      GError   **error)
{
  g_autofree char *pipeline_id = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *tz = system_timezone ();
  const char *real_name = g_get_real_name ();
  const char *user_name = g_get_user_name ();

  /* The default user is the person at this PC. */
  {
    g_autoptr(CrmChange) change = crm_change_new_create ("users");

    if (real_name == NULL || *real_name == '\0' || strcmp (real_name, "Unknown") == 0)
      real_name = user_name;
    crm_change_set_text (change, "name", real_name);
    crm_change_set_text (change, "login", user_name);
    crm_change_set_text (change, "role", "admin");
    crm_change_set_int (change, "experienced", 1);
    if (!(user_id = create_row (store, change, error)))
      return FALSE;
    if (!crm_store_set_local (store, "user_id", user_id, error))
      return FALSE;
    crm_store_set_user_id (store, user_id);
  }

  {
    g_autoptr(CrmChange) change = crm_change_new_create ("pipelines");

    crm_change_set_text (change, "name", _("Sales"));
    crm_change_set_int (change, "is_default", 1);
    if (!(pipeline_id = create_row (store, change, error)))
      return FALSE;
  }

  for (guint i = 0; i < G_N_ELEMENTS (default_stages); i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("stages");
      g_autofree char *id = NULL;

      crm_change_set_text (change, "pipeline_id", pipeline_id);
      crm_change_set_text (change, "name", _(default_stages[i].name));
      crm_change_set_text (change, "kind", default_stages[i].kind);
      crm_change_set_int (change, "position", i);
      crm_change_set_text (change, "color", default_stages[i].color);
      if (default_stages[i].sla_minutes > 0)
        crm_change_set_int (change, "sla_minutes", default_stages[i].sla_minutes);
      if (default_stages[i].rotting_days > 0)
        crm_change_set_int (change, "rotting_days", default_stages[i].rotting_days);
      if (!(id = create_row (store, change, error)))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_channels); i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("channels");
      g_autofree char *id = NULL;

      crm_change_set_text (change, "name", _(default_channels[i].name));
      crm_change_set_text (change, "kind", default_channels[i].kind);
      crm_change_set_int (change, "position", i);
      if (!(id = create_row (store, change, error)))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_lost_reasons); i++)
    {
      g_autoptr(CrmChange) change = crm_change_new_create ("lost_reasons");
      g_autofree char *id = NULL;

      crm_change_set_text (change, "name", _(default_lost_reasons[i]));
      crm_change_set_int (change, "position", i);
      if (!(id = create_row (store, change, error)))
        return FALSE;
    }

  {
    const struct { const char *key; const char *value; } settings[] = {
      { "region", "RU" },
      { "currency", "RUB" },
      { "timezone", tz },
      { "work_hours_start", "09:00" },
      { "work_hours_end", "18:00" },
      { "work_days", "1,2,3,4,5" },
      { "first_response_sla_minutes", "15" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
      if (!crm_store_set_setting (store, settings[i].key, settings[i].value, error))
        return FALSE;
  }

  return TRUE;
}

/**
 * crm_workspace_seed:
 * @store: a #CrmStore
 * @error: return location for a #GError
 *
 * Makes a new workspace ready to use: the default user (this PC's user),
 * the default pipeline and its stages, the usual channels, refusal reasons
 * and settings (region RU, currency RUB, the system time zone, work hours
 * 9–18 Monday to Friday, a 15-minute first-response SLA). Does nothing on
 * a workspace that has them already.
 *
 * Returns: %TRUE on success
 */
#define SEEDED_VERSION "2"

gboolean
crm_workspace_seed (CrmStore  *store,
                    GError   **error)
{
  g_autofree char *seeded = crm_store_get_local (store, "seeded");
  g_autofree char *any_user = NULL;

  /* "2": the workspace has had the default cadences too. A "1" comes from
   * before cadences existed and gets the ones it misses, once. */
  if (g_strcmp0 (seeded, SEEDED_VERSION) == 0)
    return TRUE;
  if (!crm_cadence_seed_defaults (store, error))
    return FALSE;
  if (seeded != NULL)
    return crm_store_set_local (store, "seeded", SEEDED_VERSION, error);

  /* A synced copy of someone else's workspace has its data already. */
  any_user = crm_store_query_text (store, "SELECT id FROM users LIMIT 1", NULL);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (any_user == NULL && !seed (store, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  if (!crm_store_set_local (store, "seeded", SEEDED_VERSION, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

char *
crm_workspace_default_user_id (CrmStore *store)
{
  return crm_store_query_text (store,
                               "SELECT id FROM users WHERE _deleted = 0 ORDER BY rid LIMIT 1",
                               NULL);
}

char *
crm_workspace_default_pipeline (CrmStore *store)
{
  return crm_store_query_text (store,
                               "SELECT id FROM pipelines WHERE _deleted = 0"
                               " ORDER BY is_default DESC, position, rid LIMIT 1",
                               NULL);
}

/**
 * crm_workspace_first_stage:
 * @store: a #CrmStore
 * @pipeline_id: (nullable): a pipeline, %NULL for the default one
 *
 * Returns: (transfer full) (nullable): the stage new leads enter
 */
char *
crm_workspace_first_stage (CrmStore   *store,
                           const char *pipeline_id)
{
  g_autofree char *pipeline = NULL;

  if (pipeline_id == NULL)
    pipeline_id = pipeline = crm_workspace_default_pipeline (store);
  if (pipeline_id == NULL)
    return NULL;

  return crm_store_query_text (store,
                               "SELECT id FROM stages WHERE pipeline_id = ?1 AND _deleted = 0"
                               " AND kind = 'open' ORDER BY position, rid LIMIT 1",
                               pipeline_id);
}

char *
crm_workspace_stage_pipeline (CrmStore   *store,
                              const char *stage_id)
{
  return crm_store_query_text (store, "SELECT pipeline_id FROM stages WHERE id = ?1", stage_id);
}

/* What people write in a "Source" column, folded, → the channel kind. */
static const struct {
  const char *word;
  const char *kind;
} channel_words[] = {
  { "сайт", "website" }, { "с сайта", "website" }, { "заявка с сайта", "website" },
  { "форма на сайте", "website" }, { "website", "website" }, { "site", "website" },
  { "web", "website" }, { "landing", "website" }, { "лендинг", "website" },
  { "звонок", "phone" }, { "входящий звонок", "phone" }, { "телефон", "phone" },
  { "phone", "phone" }, { "call", "phone" },
  { "почта", "email" }, { "email", "email" }, { "e-mail", "email" }, { "письмо", "email" },
  { "мессенджер", "messenger" }, { "whatsapp", "messenger" }, { "telegram", "messenger" },
  { "телеграм", "messenger" }, { "viber", "messenger" }, { "messenger", "messenger" },
  { "соцсети", "social" }, { "социальные сети", "social" }, { "вконтакте", "social" },
  { "вк", "social" }, { "vk", "social" }, { "social", "social" },
  { "рекомендация", "referral" }, { "сарафанное радио", "referral" }, { "сарафан", "referral" },
  { "referral", "referral" }, { "word of mouth", "referral" },
  { "партнер", "partner" }, { "partner", "partner" },
  { "выставка", "event" }, { "мероприятие", "event" }, { "event", "event" },
  { "exhibition", "event" },
  { "реклама", "ads" }, { "яндекс директ", "ads" }, { "директ", "ads" },
  { "контекстная реклама", "ads" }, { "таргет", "ads" }, { "ads", "ads" },
  { "advertising", "ads" }, { "импорт", "import" }, { "import", "import" },
};

/**
 * crm_workspace_find_channel:
 * @store: a #CrmStore
 * @name_or_kind: a channel's name in any case, or its kind ("website")
 *
 * Returns: (transfer full) (nullable): the channel id
 */
char *
crm_workspace_find_channel (CrmStore   *store,
                            const char *name_or_kind)
{
  g_autofree char *key = NULL;
  char *id;

  if (crm_text_is_blank (name_or_kind))
    return NULL;

  key = crm_text_fold (name_or_kind);
  id = crm_store_query_text (store,
                             "SELECT id FROM channels WHERE name_key = ?1 AND _deleted = 0"
                             " ORDER BY rid LIMIT 1",
                             key);
  for (guint i = 0; id == NULL && i < G_N_ELEMENTS (channel_words); i++)
    if (strcmp (channel_words[i].word, key) == 0)
      name_or_kind = channel_words[i].kind;
  if (id == NULL)
    id = crm_store_query_text (store,
                               "SELECT id FROM channels WHERE kind = ?1 AND _deleted = 0"
                               " ORDER BY position, rid LIMIT 1",
                               name_or_kind);
  return id;
}

/**
 * crm_workspace_ensure_channel:
 * @store: a #CrmStore
 * @name: a channel name
 * @error: return location for a #GError
 *
 * Finds a channel by name or kind, or creates one named @name, so an
 * imported "Источник" column maps onto the workspace's channels.
 *
 * Returns: (transfer full): the channel id, or %NULL with @error set
 */
char *
crm_workspace_ensure_channel (CrmStore    *store,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(CrmChange) change = NULL;
  char *id = crm_workspace_find_channel (store, name);

  if (id != NULL)
    return id;

  change = crm_change_new_create ("channels");
  crm_change_set_text (change, "name", name);
  crm_change_set_int (change, "position", 100);
  if (!crm_store_apply (store, change, error))
    return NULL;
  return g_strdup (crm_change_get_id (change));
}
