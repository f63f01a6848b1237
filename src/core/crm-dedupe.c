/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dedupe"

#include "config.h"

#include "crm-dedupe.h"
#include "crm-dedupe-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-phone.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-validate.h"

/* Duplicate control (DESIGN.md §2): a warning, never a block. A probe is
 * looked up only through indexed equalities (phones.e164,
 * emails.normalized, the name_key and inn indexes), each with a LIMIT, so a
 * check costs the same on 1,000 or 1,000,000 records. Whatever else two
 * records share (the same name for a pair found by phone) is then compared
 * in memory. */

typedef struct
{
  Info            info;
  CrmDedupeReason found;    /* reasons established by the lookups */
  char           *phone;    /* the first e164 both share */
  char           *email;    /* the first e-mail both share */
  CrmDedupeReason reasons;
  guint           score;
} Candidate;


#define LOOKUP_ROWS 20
#define LOOKUP_LIMIT " LIMIT " G_STRINGIFY (LOOKUP_ROWS)

/* ?1 the e164, ?2 the record to leave out. */
static const char *const phone_sql[] = {
  "SELECT " LEAD_COLS ", p.e164 FROM phones p JOIN leads l ON l.id = p.entity_id"
  " WHERE p.e164 = ?1 AND p._deleted = 0 AND p.entity_type = 'lead'"
  " AND " LEAD_LIVE " AND l.id IS NOT ?2" LOOKUP_LIMIT,
  "SELECT " CONTACT_COLS ", p.e164 FROM phones p JOIN contacts c ON c.id = p.entity_id"
  " LEFT JOIN clients k ON k.id = c.client_id"
  " WHERE p.e164 = ?1 AND p._deleted = 0 AND p.entity_type = 'contact'"
  " AND " CONTACT_LIVE " AND c.id IS NOT ?2" LOOKUP_LIMIT,
  "SELECT " CLIENT_COLS ", p.e164 FROM phones p JOIN clients k ON k.id = p.entity_id"
  " WHERE p.e164 = ?1 AND p._deleted = 0 AND p.entity_type = 'client'"
  " AND " CLIENT_LIVE " AND k.id IS NOT ?2" LOOKUP_LIMIT,
};

/* ?1 the e-mail key, ?2 the record to leave out. */
static const char *const email_sql[] = {
  "SELECT " LEAD_COLS ", e.raw FROM emails e JOIN leads l ON l.id = e.entity_id"
  " WHERE e.normalized = ?1 AND e._deleted = 0 AND e.entity_type = 'lead'"
  " AND " LEAD_LIVE " AND l.id IS NOT ?2" LOOKUP_LIMIT,
  "SELECT " CONTACT_COLS ", e.raw FROM emails e JOIN contacts c ON c.id = e.entity_id"
  " LEFT JOIN clients k ON k.id = c.client_id"
  " WHERE e.normalized = ?1 AND e._deleted = 0 AND e.entity_type = 'contact'"
  " AND " CONTACT_LIVE " AND c.id IS NOT ?2" LOOKUP_LIMIT,
  "SELECT " CLIENT_COLS ", e.raw FROM emails e JOIN clients k ON k.id = e.entity_id"
  " WHERE e.normalized = ?1 AND e._deleted = 0 AND e.entity_type = 'client'"
  " AND " CLIENT_LIVE " AND k.id IS NOT ?2" LOOKUP_LIMIT,
};

/* ?1 the name key, ?2 the record to leave out. The newest namesakes first:
 * the name_key index ends with the rowid, so this needs no sort. */
static const char *const name_sql[] = {
  "SELECT " LEAD_COLS ", NULL FROM leads l"
  " WHERE l.name_key = ?1 AND l._deleted = 0 AND l.merged_into IS NULL AND l.id IS NOT ?2"
  " ORDER BY l.rid DESC" LOOKUP_LIMIT,
  "SELECT " CONTACT_COLS ", NULL FROM contacts c LEFT JOIN clients k ON k.id = c.client_id"
  " WHERE c.name_key = ?1 AND c._deleted = 0 AND c.merged_into IS NULL AND c.id IS NOT ?2"
  " ORDER BY c.rid DESC" LOOKUP_LIMIT,
  "SELECT " CLIENT_COLS ", NULL FROM clients k"
  " WHERE k.name_key = ?1 AND k._deleted = 0 AND k.kind = 'person'"
  " AND k.merged_into IS NULL AND k.id IS NOT ?2" LOOKUP_LIMIT,
};

/* ?1 the name key, ?2 the record to leave out, ?3 the company key. A common
 * name can have more namesakes than one name lookup returns: these find the
 * ones at the same company among them, straight from an index. */
static const char *const name_company_sql[] = {
  "SELECT " LEAD_COLS ", NULL FROM leads l"
  " WHERE l.name_key = ?1 AND l.company_key = ?3 AND l._deleted = 0"
  " AND " LEAD_LIVE " AND l.id IS NOT ?2" LOOKUP_LIMIT,
  "SELECT " CONTACT_COLS ", NULL FROM clients k JOIN contacts c ON c.client_id = k.id"
  " WHERE k.name_key = ?3 AND k._deleted = 0 AND k.kind = 'company'"
  " AND c.name_key = ?1 AND " CONTACT_LIVE " AND c.id IS NOT ?2" LOOKUP_LIMIT,
};

/* ?1 the company key, ?2 the record to leave out. */
static const char company_sql[] =
  "SELECT " CLIENT_COLS ", NULL FROM clients k"
  " WHERE k.name_key = ?1 AND k._deleted = 0 AND k.kind = 'company'"
  " AND k.merged_into IS NULL AND k.id IS NOT ?2" LOOKUP_LIMIT;

/* ?1 the INN, ?2 the record to leave out. */
static const char inn_sql[] =
  "SELECT " CLIENT_COLS ", NULL FROM clients k"
  " WHERE k.inn = ?1 AND " CLIENT_LIVE " AND k.id IS NOT ?2" LOOKUP_LIMIT;

/* Most new numbers and addresses are nobody's yet: one index probe says
 * so before the three joins that would find whose they are. */
#define PHONE_USED_SQL "SELECT 1 FROM phones WHERE e164 = ?1 AND _deleted = 0 LIMIT 1"
#define EMAIL_USED_SQL "SELECT 1 FROM emails WHERE normalized = ?1 AND _deleted = 0 LIMIT 1"

/* 1 when some live row holds @key, 0 when none, -1 with @error set. */
static int
key_used (CrmStore    *store,
          const char  *sql,
          const char  *key,
          GError     **error)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "duplicate lookup");
      return -1;
    }
  return rc == SQLITE_ROW;
}

static void
info_clear (Info *info)
{
  g_clear_pointer (&info->id, g_free);
  g_clear_pointer (&info->display_name, g_free);
  g_clear_pointer (&info->name_key, g_free);
  g_clear_pointer (&info->company_key, g_free);
  g_clear_pointer (&info->inn, g_free);
}

void
crm_dedupe_info_free (Info *info)
{
  if (info == NULL)
    return;
  info_clear (info);
  g_free (info);
}

static void
candidate_free (Candidate *cand)
{
  info_clear (&cand->info);
  g_free (cand->phone);
  g_free (cand->email);
  g_free (cand);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

char *
crm_dedupe_column_dup (sqlite3_stmt *stmt,
                       int           col)
{
  return dup_nonempty ((const char *) sqlite3_column_text (stmt, col));
}

static const char *
static_entity (const char *entity_type)
{
  if (g_strcmp0 (entity_type, "lead") == 0)
    return "lead";
  if (g_strcmp0 (entity_type, "contact") == 0)
    return "contact";
  if (g_strcmp0 (entity_type, "client") == 0)
    return "client";
  return NULL;
}

/* INNs compare by their digits: "7707 083893" is "7707083893". */
static char *
inn_key (const char *inn)
{
  GString *digits;

  if (inn == NULL)
    return NULL;
  digits = g_string_new (NULL);
  for (const char *p = inn; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

/* Reads the lookup columns starting at column @at. */
void
crm_dedupe_info_fill_at (Info         *info,
                         sqlite3_stmt *stmt,
                         int           at)
{
  info->entity_type = static_entity ((const char *) sqlite3_column_text (stmt, at + 0));
  info->id = g_strdup ((const char *) sqlite3_column_text (stmt, at + 1));
  info->display_name = crm_dedupe_column_dup (stmt, at + 2);
  info->created_ms = sqlite3_column_int64 (stmt, at + 3);
  info->name_key = crm_dedupe_column_dup (stmt, at + 4);
  info->company_key = crm_dedupe_column_dup (stmt, at + 5);
  info->inn = inn_key ((const char *) sqlite3_column_text (stmt, at + 6));
  info->rid = sqlite3_column_int64 (stmt, at + 7);
  info->company_client = g_strcmp0 (info->entity_type, "client") == 0 &&
                         info->company_key != NULL;
}

static void
info_fill (Info         *info,
           sqlite3_stmt *stmt)
{
  crm_dedupe_info_fill_at (info, stmt, 0);
}

static guint
count_words (const char *key)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = key; p != NULL && *p != '\0'; p++)
    {
      gboolean space = *p == ' ';

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

static guint
reason_score (CrmDedupeReason reason)
{
  switch (reason)
    {
    case CRM_DEDUPE_INN:
      return 95;
    case CRM_DEDUPE_PHONE:
    case CRM_DEDUPE_EMAIL:
      return 90;
    case CRM_DEDUPE_NAME_COMPANY:
      return 80;
    case CRM_DEDUPE_NAME:
      return 50;
    case CRM_DEDUPE_COMPANY:
      return 40;
    default:
      return 0;
    }
}

/* The surest reason counts, each further one adds a little. */
guint
crm_dedupe_score_reasons (CrmDedupeReason reasons)
{
  guint best = 0;
  guint n = 0;

  for (guint bit = 1; bit <= CRM_DEDUPE_INN; bit <<= 1)
    {
      if ((reasons & bit) == 0)
        continue;
      best = MAX (best, reason_score (bit));
      n++;
    }
  if (n == 0)
    return 0;
  return MIN (100, best + 5 * (n - 1));
}

/* Everything two records share, given what the lookups found. @a may be
 * the probe. */
CrmDedupeReason
crm_dedupe_compare_infos (const Info      *a,
                          const Info      *b,
                          CrmDedupeReason  found)
{
  CrmDedupeReason reasons = found & (CRM_DEDUPE_PHONE | CRM_DEDUPE_EMAIL);
  gboolean strong;

  if (a->inn != NULL && b->inn != NULL && strcmp (a->inn, b->inn) == 0)
    reasons |= CRM_DEDUPE_INN;
  if (a->company_key != NULL && b->company_key != NULL &&
      strcmp (a->company_key, b->company_key) == 0 &&
      (a->company_client || b->company_client))
    reasons |= CRM_DEDUPE_COMPANY;

  strong = (reasons & (CRM_DEDUPE_PHONE | CRM_DEDUPE_EMAIL | CRM_DEDUPE_INN)) != 0;
  if (a->name_key != NULL && b->name_key != NULL && strcmp (a->name_key, b->name_key) == 0 &&
      (strong || count_words (a->name_key) >= 2))
    {
      /* A lone first name only backs up a stronger match. */
      if (a->company_key != NULL && b->company_key != NULL &&
          strcmp (a->company_key, b->company_key) == 0)
        reasons |= CRM_DEDUPE_NAME_COMPANY;
      else
        reasons |= CRM_DEDUPE_NAME;
    }
  /* The same company is part of "same name and company", not a reason of
   * its own. */
  if (reasons & CRM_DEDUPE_NAME_COMPANY)
    reasons &= ~CRM_DEDUPE_COMPANY;
  return reasons;
}

char *
crm_dedupe_build_detail (CrmDedupeReason  reasons,
                         const char      *phone,
                         const char      *email,
                         const char      *inn)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (reasons & CRM_DEDUPE_PHONE)
    {
      g_autofree char *formatted = phone != NULL ? crm_phone_format (phone) : NULL;

      /* Translators: why two records look the same; %s is a phone number */
      g_ptr_array_add (parts, g_strdup_printf (_("Same phone %s"),
                                               formatted != NULL ? formatted :
                                               phone != NULL ? phone : ""));
    }
  if (reasons & CRM_DEDUPE_EMAIL)
    /* Translators: %s is an e-mail address */
    g_ptr_array_add (parts, g_strdup_printf (_("Same e-mail %s"), email != NULL ? email : ""));
  if (reasons & CRM_DEDUPE_INN)
    /* Translators: INN is the Russian taxpayer number (ИНН); %s is one */
    g_ptr_array_add (parts, g_strdup_printf (_("Same INN %s"), inn != NULL ? inn : ""));
  if (reasons & CRM_DEDUPE_NAME_COMPANY)
    g_ptr_array_add (parts, g_strdup (_("Same name and company")));
  else if (reasons & CRM_DEDUPE_NAME)
    g_ptr_array_add (parts, g_strdup (_("Same name")));
  if (reasons & CRM_DEDUPE_COMPANY)
    g_ptr_array_add (parts, g_strdup (_("Same company")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
bind_key (sqlite3_stmt *stmt,
          int           pos,
          const char   *text)
{
  if (pos > sqlite3_bind_parameter_count (stmt))
    return;
  if (text != NULL)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, pos);
}

/* Runs one lookup and adds what it returns to @cands (id → Candidate).
 * @n_rows, when given, gets the number of rows it returned. */
static gboolean
lookup_rows (CrmStore         *store,
             const char       *sql,
             const char       *key,
             const char       *exclude_id,
             const char       *company_key,
             CrmDedupeReason   found,
             GHashTable       *cands,
             guint            *n_rows,
             GError          **error)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_key (stmt, 1, key);
  bind_key (stmt, 2, exclude_id);
  bind_key (stmt, 3, company_key);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      Candidate *cand = g_hash_table_lookup (cands, id);

      n++;
      if (cand == NULL)
        {
          cand = g_new0 (Candidate, 1);
          info_fill (&cand->info, stmt);
          if (cand->info.entity_type == NULL)
            {
              candidate_free (cand);
              continue;
            }
          g_hash_table_insert (cands, cand->info.id, cand);
        }
      cand->found |= found;
      if (found == CRM_DEDUPE_PHONE && cand->phone == NULL)
        cand->phone = crm_dedupe_column_dup (stmt, 8);
      else if (found == CRM_DEDUPE_EMAIL && cand->email == NULL)
        cand->email = crm_dedupe_column_dup (stmt, 8);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "dedupe");
      return FALSE;
    }
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}

static gboolean
lookup (CrmStore         *store,
        const char       *sql,
        const char       *key,
        const char       *exclude_id,
        const char       *company_key,
        CrmDedupeReason   found,
        GHashTable       *cands,
        GError          **error)
{
  return lookup_rows (store, sql, key, exclude_id, company_key, found, cands, NULL, error);
}

/* Surest first, then newest. */
int
crm_dedupe_compare_infos_newest (const Info *a,
                                 const Info *b)
{
  if (a->created_ms != b->created_ms)
    return a->created_ms > b->created_ms ? -1 : 1;
  /* Ids are UUIDv7: a later id is a newer record. */
  return -g_strcmp0 (a->id, b->id);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(const Candidate *const *) a;
  const Candidate *cb = *(const Candidate *const *) b;

  if (ca->score != cb->score)
    return ca->score > cb->score ? -1 : 1;
  return crm_dedupe_compare_infos_newest (&ca->info, &cb->info);
}

typedef struct
{
  Info        self;       /* the probe as a record */
  const char *exclude_id;
  GPtrArray  *phones;     /* unique e164 */
  GPtrArray  *emails;     /* unique e-mail keys */
  guint       min_score;
} Keys;

static void
keys_clear (Keys *keys)
{
  info_clear (&keys->self);
  g_clear_pointer (&keys->phones, g_ptr_array_unref);
  g_clear_pointer (&keys->emails, g_ptr_array_unref);
}

static void
add_unique (GPtrArray *array,
            char      *value)
{
  if (value == NULL || value[0] == '\0')
    {
      g_free (value);
      return;
    }
  for (guint i = 0; i < array->len; i++)
    if (strcmp (g_ptr_array_index (array, i), value) == 0)
      {
        g_free (value);
        return;
      }
  g_ptr_array_add (array, value);
}

static GPtrArray *
find_keys (CrmStore    *store,
           Keys        *keys,
           GError     **error)
{
  g_autoptr(GHashTable) cands = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) candidate_free);
  g_autoptr(GPtrArray) sorted = NULL;
  GPtrArray *result;
  const char *exclude = keys->exclude_id;
  const Info *self = &keys->self;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < keys->phones->len; i++)
    {
      const char *e164 = g_ptr_array_index (keys->phones, i);
      int used = key_used (store, PHONE_USED_SQL, e164, error);

      if (used < 0)
        return NULL;
      for (guint t = 0; used && t < G_N_ELEMENTS (phone_sql); t++)
        if (!lookup (store, phone_sql[t], e164, exclude, NULL, CRM_DEDUPE_PHONE, cands, error))
          return NULL;
    }

  for (guint i = 0; i < keys->emails->len; i++)
    {
      const char *email = g_ptr_array_index (keys->emails, i);
      int used = key_used (store, EMAIL_USED_SQL, email, error);

      if (used < 0)
        return NULL;
      for (guint t = 0; used && t < G_N_ELEMENTS (email_sql); t++)
        if (!lookup (store, email_sql[t], email, exclude, NULL, CRM_DEDUPE_EMAIL, cands, error))
          return NULL;
    }

  if (self->inn != NULL &&
      !lookup (store, inn_sql, self->inn, exclude, NULL, CRM_DEDUPE_INN, cands, error))
    return NULL;

  /* A lone first name is too weak to look up on its own. A caller that
   * only wants strong candidates (an import) skips namesakes elsewhere:
   * a name alone never scores enough. */
  if (self->name_key != NULL && count_words (self->name_key) >= 2)
    {
      if (keys->min_score <= reason_score (CRM_DEDUPE_NAME))
        for (guint t = 0; t < G_N_ELEMENTS (name_sql); t++)
          if (!lookup (store, name_sql[t], self->name_key, exclude, NULL,
                       CRM_DEDUPE_NAME, cands, error))
            return NULL;
      for (guint t = 0; self->company_key != NULL && t < G_N_ELEMENTS (name_company_sql); t++)
        if (!lookup (store, name_company_sql[t], self->name_key, exclude, self->company_key,
                     CRM_DEDUPE_NAME_COMPANY, cands, error))
          return NULL;
    }

  if (self->company_key != NULL && keys->min_score <= reason_score (CRM_DEDUPE_COMPANY) &&
      !lookup (store, company_sql, self->company_key, exclude, NULL,
               CRM_DEDUPE_COMPANY, cands, error))
    return NULL;

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, cands);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Candidate *cand = value;

      cand->reasons = crm_dedupe_compare_infos (self, &cand->info, cand->found);
      if (cand->reasons == 0)
        continue;
      if (exclude != NULL && crm_dedupe_is_ignored (store, exclude, cand->info.id))
        continue;
      cand->score = crm_dedupe_score_reasons (cand->reasons);
      if (cand->score < keys->min_score)
        continue;
      g_ptr_array_add (sorted, cand);
    }
  g_ptr_array_sort (sorted, compare_candidates);

  result = g_ptr_array_new_full (sorted->len, (GDestroyNotify) crm_duplicate_free);
  for (guint i = 0; i < sorted->len; i++)
    {
      Candidate *cand = g_ptr_array_index (sorted, i);
      CrmDuplicate *dup = g_new0 (CrmDuplicate, 1);

      dup->entity_type = g_strdup (cand->info.entity_type);
      dup->id = g_strdup (cand->info.id);
      dup->display_name = g_strdup (cand->info.display_name);
      dup->reasons = cand->reasons;
      dup->score = cand->score;
      dup->detail = crm_dedupe_build_detail (cand->reasons, cand->phone, cand->email,
                                             cand->info.inn);
      g_ptr_array_add (result, dup);
    }
  return result;
}

/**
 * crm_duplicate_free:
 * @dup: (nullable): a #CrmDuplicate
 */
void
crm_duplicate_free (CrmDuplicate *dup)
{
  if (dup == NULL)
    return;
  g_free (dup->entity_type);
  g_free (dup->id);
  g_free (dup->display_name);
  g_free (dup->detail);
  g_free (dup);
}

/**
 * crm_duplicate_pair_free:
 * @pair: (nullable): a #CrmDuplicatePair
 */
void
crm_duplicate_pair_free (CrmDuplicatePair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->a_type);
  g_free (pair->a_id);
  g_free (pair->a_name);
  g_free (pair->b_type);
  g_free (pair->b_id);
  g_free (pair->b_name);
  g_free (pair->detail);
  g_free (pair);
}

/**
 * crm_dedupe_reason_text:
 * @reasons: what matched
 *
 * Returns: (transfer full): the reasons as translated words joined with
 *   ", " ("Same phone, Same e-mail"), empty for none
 */
char *
crm_dedupe_reason_text (CrmDedupeReason reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & CRM_DEDUPE_PHONE)
    g_ptr_array_add (parts, (gpointer) _("Same phone"));
  if (reasons & CRM_DEDUPE_EMAIL)
    g_ptr_array_add (parts, (gpointer) _("Same e-mail"));
  if (reasons & CRM_DEDUPE_INN)
    g_ptr_array_add (parts, (gpointer) _("Same INN"));
  if (reasons & CRM_DEDUPE_NAME_COMPANY)
    g_ptr_array_add (parts, (gpointer) _("Same name and company"));
  if (reasons & CRM_DEDUPE_NAME)
    g_ptr_array_add (parts, (gpointer) _("Same name"));
  if (reasons & CRM_DEDUPE_COMPANY)
    g_ptr_array_add (parts, (gpointer) _("Same company"));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

/**
 * crm_dedupe_find:
 * @store: a #CrmStore
 * @probe: what is known of a new or edited record
 * @error: return location for a #GError
 *
 * Finds leads, contacts and clients that look like the probe: the same
 * phone or e-mail, the same ФИО in any word order (alone only with at least
 * two words), the same name and company, the same company (clients) or INN.
 * Merged, deleted and ignored records are left out. Phones and e-mails that
 * do not parse are skipped, never an error: this is a warning, not a
 * validator.
 *
 * Returns: (transfer full) (element-type CrmDuplicate): the candidates,
 *   surest first, then newest; %NULL only with @error set
 */
GPtrArray *
crm_dedupe_find (CrmStore              *store,
                 const CrmDedupeProbe  *probe,
                 GError               **error)
{
  const char *region;
  Keys keys = { 0 };
  GPtrArray *result;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (probe != NULL, NULL);

  region = crm_store_get_region (store);
  keys.exclude_id = probe->exclude_id;
  keys.min_score = probe->min_score;
  keys.phones = g_ptr_array_new_with_free_func (g_free);
  keys.emails = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; probe->phones != NULL && probe->phones[i] != NULL; i++)
    {
      char *e164 = NULL;
      g_autofree char *ext = NULL;

      if (crm_text_is_blank (probe->phones[i]) ||
          !crm_phone_normalize (probe->phones[i], region, &e164, &ext, NULL))
        continue;
      add_unique (keys.phones, e164);
    }

  for (guint i = 0; probe->emails != NULL && probe->emails[i] != NULL; i++)
    {
      g_autofree char *normalized = NULL;

      if (crm_text_is_blank (probe->emails[i]) ||
          !crm_email_normalize (probe->emails[i], &normalized, NULL) ||
          normalized == NULL)
        continue;
      add_unique (keys.emails, crm_email_key (normalized));
    }

  keys.self.entity_type = static_entity (probe->entity_type);
  if (!crm_text_is_blank (probe->full_name))
    {
      char *key = crm_text_name_key (probe->full_name);

      keys.self.name_key = dup_nonempty (key);
      g_free (key);
    }
  if (!crm_text_is_blank (probe->company))
    {
      char *key = crm_text_company_key (probe->company);

      keys.self.company_key = dup_nonempty (key);
      g_free (key);
    }
  keys.self.inn = inn_key (probe->inn);
  keys.self.company_client = g_strcmp0 (keys.self.entity_type, "client") == 0 &&
                             keys.self.name_key == NULL && keys.self.company_key != NULL;

  result = find_keys (store, &keys, error);
  keys_clear (&keys);
  return result;
}

static gboolean
collect_column (CrmStore    *store,
                const char  *sql,
                const char  *id,
                GPtrArray   *into,
                GError     **error)
{
  sqlite3_stmt *stmt = crm_store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_unique (into, crm_dedupe_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_db_set_error (error, crm_store_get_db (store), "dedupe");
      return FALSE;
    }
  return TRUE;
}

static int
entity_index (const char *entity_type)
{
  if (g_strcmp0 (entity_type, "lead") == 0 || g_strcmp0 (entity_type, "leads") == 0)
    return 0;
  if (g_strcmp0 (entity_type, "contact") == 0 || g_strcmp0 (entity_type, "contacts") == 0)
    return 1;
  if (g_strcmp0 (entity_type, "client") == 0 || g_strcmp0 (entity_type, "clients") == 0)
    return 2;
  return -1;
}

/* One record by id, live or not, in the lookups' shape. */
static const char *const any_info_sql[] = {
  "SELECT " LEAD_COLS ", NULL FROM leads l WHERE l.id = ?1",
  "SELECT " CONTACT_COLS ", NULL FROM contacts c LEFT JOIN clients k ON k.id = c.client_id"
  " WHERE c.id = ?1",
  "SELECT " CLIENT_COLS ", NULL FROM clients k WHERE k.id = ?1",
};

/**
 * crm_dedupe_find_for:
 * @store: a #CrmStore
 * @entity_type: "lead", "contact" or "client"
 * @id: a stored record
 * @error: return location for a #GError
 *
 * Like crm_dedupe_find() for a record already in the base, with its stored
 * phones, e-mails, name, company and INN; the record itself is left out.
 *
 * Returns: (transfer full) (element-type CrmDuplicate): the candidates, or
 *   %NULL with @error set
 */
GPtrArray *
crm_dedupe_find_for (CrmStore    *store,
                     const char  *entity_type,
                     const char  *id,
                     GError     **error)
{
  Keys keys = { 0 };
  GPtrArray *result = NULL;
  sqlite3_stmt *stmt;
  int idx;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((idx = entity_index (entity_type)) < 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Duplicates can only be looked for among leads, contacts and clients"));
      return NULL;
    }

  if (!(stmt = crm_store_stmt (store, any_info_sql[idx], error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    info_fill (&keys.self, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("No record with id “%s”"), id);
      else
        crm_db_set_error (error, crm_store_get_db (store), "dedupe");
      goto out;
    }
  keys.exclude_id = keys.self.id;
  keys.phones = g_ptr_array_new_with_free_func (g_free);
  keys.emails = g_ptr_array_new_with_free_func (g_free);
  if (!collect_column (store,
                       "SELECT e164 FROM phones WHERE entity_id = ?1 AND _deleted = 0"
                       " AND e164 IS NOT NULL ORDER BY position",
                       id, keys.phones, error) ||
      !collect_column (store,
                       "SELECT normalized FROM emails WHERE entity_id = ?1 AND _deleted = 0"
                       " AND normalized IS NOT NULL ORDER BY position",
                       id, keys.emails, error))
    goto out;

  result = find_keys (store, &keys, error);

out:
  keys_clear (&keys);
  return result;
}
