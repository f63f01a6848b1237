/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_FUNNEL_ERROR (crm_funnel_error_quark ())

/**
 * CrmFunnelError:
 * @CRM_FUNNEL_ERROR_NEEDS_REASON: a lost stage takes a refusal reason
 * @CRM_FUNNEL_ERROR_NEEDS_CONVERSION: a won stage is entered by converting
 *   the lead into a client
 * @CRM_FUNNEL_ERROR_REQUIRED_FIELDS: the stage wants fields the lead lacks
 *   (crm_funnel_missing_fields() names them)
 * @CRM_FUNNEL_ERROR_CLOSED: a converted lead stays in its won stage
 * @CRM_FUNNEL_ERROR_STALE: the cards around the drop moved meanwhile
 * @CRM_FUNNEL_ERROR_LAST_STAGE: a pipeline keeps at least one open stage
 *
 * Why a move or a change of stages was refused. Every message is
 * translated and says what to do.
 */
typedef enum {
  CRM_FUNNEL_ERROR_NEEDS_REASON,
  CRM_FUNNEL_ERROR_NEEDS_CONVERSION,
  CRM_FUNNEL_ERROR_REQUIRED_FIELDS,
  CRM_FUNNEL_ERROR_CLOSED,
  CRM_FUNNEL_ERROR_STALE,
  CRM_FUNNEL_ERROR_LAST_STAGE,
} CrmFunnelError;

/**
 * CrmMove:
 * @stage_id: where the lead goes (its own stage to reorder within it)
 * @above_id: (nullable): the lead just above the drop, %NULL at the top
 * @below_id: (nullable): the lead just below it, %NULL at the bottom;
 *   with both %NULL the lead goes to the top of the column
 * @reason: (nullable): why it was refused (a lost stage needs one)
 * @comment: (nullable): more words, kept as a note on the timeline
 * @fields: (nullable) (element-type utf8 utf8): values for the stage's
 *   required fields, written in the same transaction
 *
 * A drop on the board, a choice from a card's menu or `voronka-cli move`.
 */
typedef struct
{
  const char *stage_id;
  const char *above_id;
  const char *below_id;
  const char *reason;
  const char *comment;
  GHashTable *fields;
} CrmMove;

/**
 * CrmStageInput:
 * What a stage is made of; %NULL (or -1) leaves a field as it is when
 * updating. @required_fields is a %NULL-terminated list of lead fields
 * ("company", "value", "bant_budget", …, and "phone" or "email" for at
 * least one of them).
 */
typedef struct
{
  const char        *name;
  const char        *kind;
  const char        *color;
  gint               sla_minutes;
  gint               rotting_days;
  const char *const *required_fields;
} CrmStageInput;

#define CRM_STAGE_INPUT_INIT { NULL, NULL, NULL, -1, -1, NULL }

GQuark      crm_funnel_error_quark      (void);

gboolean    crm_funnel_move             (CrmStore            *store,
                                         const char          *lead_id,
                                         const CrmMove       *move,
                                         GError             **error);
gboolean    crm_funnel_note_stage_change (CrmStore           *store,
                                         const char          *lead_id,
                                         const char          *from_stage_id,
                                         const char          *to_stage_id,
                                         const char          *reason,
                                         GError             **error);
GStrv       crm_funnel_missing_fields   (CrmStore            *store,
                                         const char          *lead_id,
                                         const char          *stage_id,
                                         GError             **error);
const char *crm_funnel_field_label      (const char          *field);
gboolean    crm_funnel_field_is_known   (const char          *field);

GPtrArray  *crm_pipeline_list           (CrmStore            *store,
                                         GError             **error);
char       *crm_pipeline_find           (CrmStore            *store,
                                         const char          *name_or_id,
                                         GError             **error);
char       *crm_pipeline_add            (CrmStore            *store,
                                         const char          *name,
                                         GError             **error);
gboolean    crm_pipeline_rename         (CrmStore            *store,
                                         const char          *pipeline_id,
                                         const char          *name,
                                         GError             **error);

GPtrArray  *crm_stage_list              (CrmStore            *store,
                                         const char          *pipeline_id,
                                         GError             **error);
char       *crm_stage_find              (CrmStore            *store,
                                         const char          *pipeline_id,
                                         const char          *name_or_id,
                                         GError             **error);
char       *crm_stage_add               (CrmStore            *store,
                                         const char          *pipeline_id,
                                         const CrmStageInput *input,
                                         const char          *after_stage_id,
                                         GError             **error);
gboolean    crm_stage_update            (CrmStore            *store,
                                         const char          *stage_id,
                                         const CrmStageInput *input,
                                         GError             **error);
gboolean    crm_stage_reorder           (CrmStore            *store,
                                         const char          *stage_id,
                                         guint                position,
                                         GError             **error);
gboolean    crm_stage_delete            (CrmStore            *store,
                                         const char          *stage_id,
                                         const char          *move_to_stage_id,
                                         GError             **error);
gint64      crm_stage_count_leads       (CrmStore            *store,
                                         const char          *stage_id,
                                         gint64              *value_sum,
                                         GError             **error);
gboolean    crm_pipeline_delete         (CrmStore            *store,
                                         const char          *pipeline_id,
                                         GError             **error);
GStrv       crm_stage_get_required_fields (CrmRecord         *stage);
const char *const *crm_stage_requirable_fields (void);
const char *const *crm_stage_kinds      (void);
const char *crm_stage_kind_label        (const char          *kind);

G_END_DECLS
