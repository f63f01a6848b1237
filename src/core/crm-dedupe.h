/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmDedupeReason:
 * Why two records look like the same person or company. Flags.
 */
typedef enum {
  CRM_DEDUPE_PHONE        = 1 << 0,
  CRM_DEDUPE_EMAIL        = 1 << 1,
  CRM_DEDUPE_NAME         = 1 << 2,  /* same ФИО in any word order */
  CRM_DEDUPE_NAME_COMPANY = 1 << 3,  /* same ФИО and the same company */
  CRM_DEDUPE_COMPANY      = 1 << 4,  /* clients: same company name */
  CRM_DEDUPE_INN          = 1 << 5,  /* clients: same INN */
} CrmDedupeReason;

/**
 * CrmDuplicate:
 * @entity_type: "lead", "contact" or "client"
 * @id: the candidate's id
 * @display_name: its name (or company) for people to recognize it
 * @score: 0–100, higher is surer
 * @reasons: what matched
 * @detail: a translated sentence naming what matched ("Same phone +7 912 345-67-89")
 */
typedef struct
{
  char            *entity_type;
  char            *id;
  char            *display_name;
  guint            score;
  CrmDedupeReason  reasons;
  char            *detail;
} CrmDuplicate;

/**
 * CrmDedupeProbe:
 * What is known of a new or edited record. Phones may be raw (they are
 * normalized with the workspace region), e-mails too. @exclude_id is the
 * record itself when editing, so it does not find itself. A non-zero
 * @min_score skips the lookups whose candidates can never reach it (an
 * import only acts on strong ones; a card shows every namesake).
 */
typedef struct
{
  const char        *entity_type;
  const char        *exclude_id;
  const char        *full_name;
  const char        *company;
  const char        *inn;
  const char *const *phones;
  const char *const *emails;
  guint              min_score;
} CrmDedupeProbe;

/**
 * CrmDuplicatePair:
 * Two records of a whole-base scan.
 */
typedef struct
{
  char            *a_type;
  char            *a_id;
  char            *a_name;
  char            *b_type;
  char            *b_id;
  char            *b_name;
  guint            score;
  CrmDedupeReason  reasons;
  char            *detail;
} CrmDuplicatePair;

void        crm_duplicate_free       (CrmDuplicate           *dup);
void        crm_duplicate_pair_free  (CrmDuplicatePair       *pair);
char       *crm_dedupe_reason_text   (CrmDedupeReason         reasons);

GPtrArray  *crm_dedupe_find          (CrmStore               *store,
                                      const CrmDedupeProbe   *probe,
                                      GError                **error);
GPtrArray  *crm_dedupe_find_for      (CrmStore               *store,
                                      const char             *entity_type,
                                      const char             *id,
                                      GError                **error);
GPtrArray  *crm_dedupe_scan          (CrmStore               *store,
                                      guint                   limit,
                                      GError                **error);
gboolean    crm_dedupe_ignore        (CrmStore               *store,
                                      const char             *a_id,
                                      const char             *b_id,
                                      GError                **error);
gboolean    crm_dedupe_is_ignored    (CrmStore               *store,
                                      const char             *a_id,
                                      const char             *b_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDuplicate, crm_duplicate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDuplicatePair, crm_duplicate_pair_free)

G_END_DECLS
