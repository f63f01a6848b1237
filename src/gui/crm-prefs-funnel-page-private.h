/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-prefs-funnel-page.h"

G_BEGIN_DECLS

/* Shared by crm-prefs-funnel-page.c (pipelines, the list of stages) and
 * crm-prefs-funnel-stages.c (one stage's row and its editors). */

struct _CrmPrefsFunnelPage
{
  AdwPreferencesPage    parent_instance;

  AdwComboRow          *pipeline_row;
  AdwEntryRow          *pipeline_name_row;
  GtkMenuButton        *pipeline_menu_button;
  AdwPreferencesGroup  *stages_group;
  AdwEntryRow          *new_stage_row;

  CrmStore             *store;
  GPtrArray            *pipelines;      /* CrmRecord */
  GPtrArray            *stages;         /* CrmRecord, of the pipeline shown */
  GPtrArray            *stage_rows;     /* AdwExpanderRow, parallel to stages */
  char                 *pipeline_id;
  gboolean              loading;
  guint                 reload_id;

  /* A spin button's value waits until the arrows stop. */
  guint                 spin_timeout_id;
  char                 *spin_stage_id;
  const char           *spin_field;
  int                   spin_value;
};

void        crm_prefs_funnel_page_toast        (CrmPrefsFunnelPage *self,
                                                const char         *text);
void        crm_prefs_funnel_page_changed      (CrmPrefsFunnelPage *self,
                                                const char         *key);
void        crm_prefs_funnel_page_after_write  (CrmPrefsFunnelPage *self,
                                                gboolean            ok,
                                                GError             *error,
                                                const char         *key);
void        crm_prefs_funnel_page_queue_reload (CrmPrefsFunnelPage *self);
CrmRecord  *crm_prefs_funnel_page_find_stage   (CrmPrefsFunnelPage *self,
                                                const char         *stage_id,
                                                guint              *index);
gboolean    crm_prefs_funnel_page_save_spin    (gpointer            self);
const char *crm_prefs_stage_id_of              (gpointer            widget);
GtkWidget  *crm_prefs_stage_row_new            (CrmPrefsFunnelPage *self,
                                                CrmRecord          *stage,
                                                guint               index);

G_END_DECLS
