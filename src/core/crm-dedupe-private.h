/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-dedupe.h"

G_BEGIN_DECLS

/* For the dedupe code only: what crm-dedupe.c (lookups of one record) and
 * crm-dedupe-scan.c (the whole-base scan) share. */

/* What is known of one side of a comparison: a stored record, or the probe. */
typedef struct
{
  const char *entity_type;  /* static string */
  char       *id;
  char       *display_name;
  char       *name_key;     /* people only */
  char       *company_key;  /* lead's company, contact's client, company client */
  char       *inn;
  gboolean    company_client;
  gint64      created_ms;
  gint64      rid;
} Info;

/* A lookup returns these columns, whatever the table:
 * type, id, display name, created_ms, person name_key, company key, inn,
 * rid, matched value (phone e164 / raw e-mail / NULL). */
#define LEAD_COLS \
  "'lead', l.id, COALESCE(NULLIF(l.full_name, ''), NULLIF(l.company, '')), l.created_ms," \
  " l.name_key, l.company_key, NULL, l.rid"
#define LEAD_LIVE "l._deleted = 0 AND l.merged_into IS NULL"

#define CONTACT_COLS \
  "'contact', c.id, c.full_name, c.created_ms, c.name_key," \
  " CASE WHEN k.kind = 'company' THEN k.name_key END, NULL, c.rid"
#define CONTACT_LIVE "c._deleted = 0 AND c.merged_into IS NULL"

#define CLIENT_COLS \
  "'client', k.id, k.name, k.created_ms, CASE WHEN k.kind = 'person' THEN k.name_key END," \
  " CASE WHEN k.kind = 'company' THEN k.name_key END, k.inn, k.rid"
#define CLIENT_LIVE "k._deleted = 0 AND k.merged_into IS NULL"

void            crm_dedupe_info_free            (Info             *info);
char           *crm_dedupe_column_dup           (sqlite3_stmt     *stmt,
                                                 int               col);
void            crm_dedupe_info_fill_at         (Info             *info,
                                                 sqlite3_stmt     *stmt,
                                                 int               at);
guint           crm_dedupe_score_reasons        (CrmDedupeReason   reasons);
CrmDedupeReason crm_dedupe_compare_infos        (const Info       *a,
                                                 const Info       *b,
                                                 CrmDedupeReason   found);
char           *crm_dedupe_build_detail         (CrmDedupeReason   reasons,
                                                 const char       *phone,
                                                 const char       *email,
                                                 const char       *inn);
int             crm_dedupe_compare_infos_newest (const Info       *a,
                                                 const Info       *b);

G_END_DECLS
