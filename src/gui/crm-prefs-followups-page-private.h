/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-prefs-followups-page.h"

G_BEGIN_DECLS

/* Shared by crm-prefs-followups-page.c (working time, reminders, the list
 * of regulations) and crm-prefs-followups-cadences.c (one regulation's
 * row, its steps and their editor). */

struct _CrmPrefsFollowupsPage
{
  AdwPreferencesPage    parent_instance;

  GtkSpinButton        *sla_spin;
  AdwComboRow          *timezone_row;
  AdwComboRow          *start_row;
  AdwComboRow          *end_row;
  GtkBox               *days_box;
  AdwPreferencesGroup  *reminders_group;
  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;
  AdwPreferencesGroup  *cadences_group;
  AdwEntryRow          *new_cadence_row;

  CrmStore             *store;
  GSettings            *settings;
  GtkToggleButton      *day_buttons[7];
  GPtrArray            *timezones;      /* char * ids, parallel to timezone_row */
  GPtrArray            *cadences;       /* CrmRecord */
  GPtrArray            *cadence_rows;   /* AdwExpanderRow */
  gboolean              loading;
  guint                 sla_timeout_id;
  guint                 reload_id;
  guint                 zone_idle_id;
};

void        crm_prefs_followups_page_toast        (CrmPrefsFollowupsPage *self,
                                                   const char            *text);
void        crm_prefs_followups_page_changed      (CrmPrefsFollowupsPage *self,
                                                   const char            *key);
void        crm_prefs_followups_page_after_write  (CrmPrefsFollowupsPage *self,
                                                   gboolean               ok,
                                                   GError                *error);
void        crm_prefs_followups_page_queue_reload (CrmPrefsFollowupsPage *self);
void        crm_prefs_followups_page_reload_cadences (CrmPrefsFollowupsPage *self);
CrmRecord  *crm_prefs_followups_page_find_cadence (CrmPrefsFollowupsPage *self,
                                                   const char            *cadence_id);
const char *crm_prefs_cadence_id_of               (gpointer               widget);
GtkWidget  *crm_prefs_cadence_row_new             (CrmPrefsFollowupsPage *self,
                                                   CrmRecord             *cadence);
void        crm_prefs_followups_page_add_cadence  (CrmPrefsFollowupsPage *self);
void        crm_prefs_followups_restore_defaults  (GtkWidget             *widget,
                                                   const char            *action_name,
                                                   GVariant              *param);

G_END_DECLS
