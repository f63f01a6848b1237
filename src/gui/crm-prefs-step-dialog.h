/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-core.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFS_STEP_DIALOG (crm_prefs_step_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmPrefsStepDialog, crm_prefs_step_dialog, CRM, PREFS_STEP_DIALOG, AdwWindow)

/* Writes @step; on failure sets @error, and the dialog stays open with it. */
typedef gboolean (*CrmStepSaveFunc) (const CrmCadenceStep  *step,
                                     gpointer               data,
                                     GError               **error);

CrmPrefsStepDialog *crm_prefs_step_dialog_new      (GtkWindow            *parent,
                                                    const CrmCadenceStep *step,
                                                    CrmStepSaveFunc       save,
                                                    gpointer              data,
                                                    GDestroyNotify        destroy);
CrmCadenceStep     *crm_prefs_step_dialog_get_step (CrmPrefsStepDialog   *self);
gboolean            crm_prefs_step_dialog_save     (CrmPrefsStepDialog   *self);

G_END_DECLS
