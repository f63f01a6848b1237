/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What crm-funnel-page.c (columns, loading, filters) and
 * crm-funnel-page-moves.c (drops, menus, keys, dialogs, Undo) share. */

#include "crm-funnel-page.h"
#include "crm-board.h"
#include "crm-board-column.h"
#include "crm-board-model.h"
#include "crm-view-logic.h"

G_BEGIN_DECLS

struct _CrmFunnelPage
{
  GtkWidget        parent_instance;

  CrmStore        *store;
  CrmBoardWorker  *worker;
  GCancellable    *load_cancellable;
  GSettings       *settings;
  CrmNames        *names;
  char            *pipeline_id;
  char            *currency;
  GPtrArray       *pipelines;   /* CrmRecord */
  GPtrArray       *columns;     /* CrmBoardColumn, not owned */
  GPtrArray       *owner_ids;   /* aligned with the dropdown, [0] = NULL */
  GPtrArray       *channel_ids;
  GMenu           *move_menu;

  char            *owner_id;
  char            *channel_id;
  char            *temperature;
  char            *text;
  guint            search_source;
  gboolean         loading;
  gboolean         dirty_all;
  GHashTable      *dirty;       /* stage ids to re-read */
  gboolean         emitting_change;
  gboolean         moving_by_key;
  char            *changed_lead;
  guint            changed_source;
  gboolean         building;
  gint64           load_started;

  /* The last move, for Undo. */
  char            *undo_lead;
  CrmBoardPosition undo_pos;
  AdwToast        *undo_toast;
  GtkWindow       *dialog;
  gint64           last_move_us;

  double           h_speed;
  guint            h_tick;

  AdwToastOverlay   *toast_overlay;
  GtkDropDown       *pipeline_dropdown;
  GtkDropDown       *owner_dropdown;
  GtkDropDown       *channel_dropdown;
  GtkDropDown       *temperature_dropdown;
  GtkLabel          *total_label;
  GtkStack          *content_stack;
  GtkScrolledWindow *board_scroller;
  GtkBox            *columns_box;
};

void            crm_funnel_page_toast           (CrmFunnelPage  *self,
                                                 const char     *text);
CrmBoardColumn *crm_funnel_page_column_at       (CrmFunnelPage  *self,
                                                 guint           i);
CrmBoardColumn *crm_funnel_page_column_of_stage (CrmFunnelPage  *self,
                                                 const char     *stage_id);
CrmBoardColumn *crm_funnel_page_column_of_rid   (CrmFunnelPage  *self,
                                                 gint64          rid,
                                                 gint           *position);
GtkWindow      *crm_funnel_page_parent_window   (CrmFunnelPage  *self);
char           *crm_funnel_page_lead_id_of      (CrmFunnelPage  *self,
                                                 CrmBoardModel  *model,
                                                 gint            pos,
                                                 gint64          rid);
void            crm_funnel_page_update_total    (CrmFunnelPage  *self);
void            crm_funnel_page_reload          (CrmFunnelPage  *self);
void            crm_funnel_page_reload_stages   (CrmFunnelPage  *self,
                                                 const char     *a,
                                                 const char     *b);
void            crm_funnel_page_emit_changed    (CrmFunnelPage  *self,
                                                 const char     *lead_id);
void            crm_funnel_page_emit_activated  (CrmFunnelPage  *self,
                                                 const char     *lead_id);
void            crm_funnel_page_start_move      (CrmFunnelPage  *self,
                                                 gint64          rid,
                                                 CrmBoardColumn *to,
                                                 guint           index);

G_END_DECLS
