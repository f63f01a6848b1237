/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-funnel-page"

#include "config.h"

#include "crm-funnel-page-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-board-fields-dialog.h"
#include "crm-convert-dialog.h"
#include "crm-funnel.h"
#include "crm-refuse-dialog.h"
#include "crm-task-dialog.h"

/* The board's moves: a drop, a menu item or a key becomes one
 * crm_funnel_move() on the UI connection (one transaction), shown at once
 * by moving the card between the two column models and confirmed by a
 * background reload. Won stages go through the conversion dialog, lost
 * ones through the refusal dialog, stages with required fields through a
 * dialog asking for them; the toast's Undo puts the card back between the
 * same neighbours. */

typedef struct
{
  CrmFunnelPage *page;
  gint64         rid;
  char          *lead_id;
  char          *stage_id;
  guint          index;      /* in the target list without the card */
  gboolean       focus;      /* by keys or menu: the card keeps the focus */
  char          *above_id;
  char          *below_id;
  CrmBoardPosition before;
} Move;

static void
move_free (Move *move)
{
  g_object_unref (move->page);
  g_free (move->lead_id);
  g_free (move->stage_id);
  g_free (move->above_id);
  g_free (move->below_id);
  crm_board_position_clear (&move->before);
  g_free (move);
}

static void
on_undo_clicked_cb (AdwToast      *t,
                    CrmFunnelPage *self)
{
  crm_funnel_page_undo (self);
}

static void
on_undo_dismissed_cb (AdwToast      *t,
                      CrmFunnelPage *self)
{
  g_signal_handlers_disconnect_by_data (t, self);
  if (self->undo_toast == t)
    g_clear_object (&self->undo_toast);
}

/* One Undo toast at a time: while it shows, a new move takes it over
 * (dismissing toasts in quick succession upsets AdwToastOverlay 1.2). */
static void
remember_undo (CrmFunnelPage    *self,
               const char       *lead_id,
               CrmBoardPosition *before,
               const char       *stage_name)
{
  g_autofree char *text = g_strdup_printf (_("Moved to “%s”"), stage_name);

  g_free (self->undo_lead);
  self->undo_lead = g_strdup (lead_id);
  crm_board_position_clear (&self->undo_pos);
  self->undo_pos = *before;
  memset (before, 0, sizeof *before);

  if (self->undo_toast != NULL)
    {
      adw_toast_set_title (self->undo_toast, text);
      return;
    }
  self->undo_toast = adw_toast_new (text);
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  adw_toast_set_timeout (self->undo_toast, 6);
  g_signal_connect (self->undo_toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self);
  g_signal_connect (self->undo_toast, "dismissed", G_CALLBACK (on_undo_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->undo_toast));
}

typedef struct
{
  CrmFunnelPage *page;
  gint64         rid;
  char          *stage_id;
  guint          index;
  gboolean       focus;
} Shown;

static void
shown_free (gpointer data)
{
  Shown *shown = data;

  g_object_unref (shown->page);
  g_free (shown->stage_id);
  g_free (shown);
}

/* The card leaves its column and appears in the other one; the reload
 * that follows confirms it (and the sums, the days in stage). Run right
 * after the commit, before the next frame: GTK 4.8 re-checks every card
 * a column keeps alive on a change, which costs a few
 * milliseconds the drop itself need not wait for. */
static gboolean
show_moved_cb (gpointer data)
{
  Shown *shown = data;
  CrmFunnelPage *self = shown->page;
  gint from_pos;
  CrmBoardColumn *from = crm_funnel_page_column_of_rid (self, shown->rid, &from_pos);
  CrmBoardColumn *to = crm_funnel_page_column_of_stage (self, shown->stage_id);
  g_autoptr(CrmBoardCard) card = NULL;

  if (from != NULL)
    {
      CrmBoardCard *c = crm_board_model_peek_card (crm_board_column_get_model (from), (guint) from_pos);

      if (c != NULL)
        card = crm_board_card_ref (c);
      crm_board_model_remove (crm_board_column_get_model (from), (guint) from_pos);
    }
  if (to != NULL)
    {
      crm_board_model_insert (crm_board_column_get_model (to), shown->index, shown->rid, card);
      /* A card moved by keys keeps the focus; one dropped by the mouse
       * leaves the selection and the scroll position alone. */
      if (shown->focus)
        crm_board_column_focus_rid (to, shown->rid);
    }
  crm_funnel_page_update_total (self);
  return G_SOURCE_REMOVE;
}

static void
show_moved (CrmFunnelPage *self,
            Move          *move)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->page = g_object_ref (self);
  shown->rid = move->rid;
  shown->stage_id = g_strdup (move->stage_id);
  shown->index = move->index;
  shown->focus = move->focus;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_moved_cb, shown, shown_free);
}

static gboolean
commit (CrmFunnelPage *self,
        Move          *move,
        const char    *reason,
        GHashTable    *fields)
{
  g_autoptr(GError) error = NULL;
  CrmMove m = { move->stage_id, move->above_id, move->below_id, reason, NULL, fields };
  CrmBoardColumn *to = crm_funnel_page_column_of_stage (self, move->stage_id);
  g_autofree char *from_stage = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!crm_funnel_move (self->store, move->lead_id, &m, &error))
    {
      crm_funnel_page_toast (self, error->message);
      crm_funnel_page_reload (self);
      return FALSE;
    }
  self->last_move_us = g_get_monotonic_time () - start;
  from_stage = g_strdup (move->before.stage_id);
  show_moved (self, move);
  remember_undo (self, move->lead_id, &move->before,
                 to != NULL ? crm_record_get_text (crm_board_column_get_stage (to), "name") : "");
  crm_funnel_page_emit_changed (self, move->lead_id);
  crm_funnel_page_reload_stages (self, from_stage, move->stage_id);
  return TRUE;
}

static void
on_dialog_destroy_cb (GtkWidget     *dialog,
                      CrmFunnelPage *self)
{
  if (self->dialog == GTK_WINDOW (dialog))
    self->dialog = NULL;
}

static void
track_dialog (CrmFunnelPage *self,
              GtkWindow     *dialog)
{
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self, 0);
}

static void
on_fields_cb (GHashTable *values,
              gpointer    data)
{
  Move *move = data;

  /* Cancel leaves the card where it was: nothing was moved yet. */
  if (values != NULL)
    commit (move->page, move, NULL, values);
}

static void
on_refused_cb (CrmRefuseDialog *dialog,
               Move            *move)
{
  CrmFunnelPage *self = move->page;
  g_autoptr(GError) error = NULL;
  CrmBoardPosition now = { 0 };
  CrmMove m = { move->stage_id, move->above_id, move->below_id, NULL, NULL, NULL };

  /* The refusal put the lead in its pipeline's lost stage with the
   * reason; place it where it was dropped (another lost stage, or
   * between two cards). */
  if (crm_board_get_position (self->store, move->lead_id, &now, NULL))
    {
      m.reason = now.lost_reason;
      if (!crm_funnel_move (self->store, move->lead_id, &m, &error))
        g_debug ("Could not place the refused lead: %s", error->message);
    }
  crm_board_position_clear (&now);
  remember_undo (self, move->lead_id, &move->before,
                 crm_record_get_text (crm_board_column_get_stage (crm_funnel_page_column_of_stage (self, move->stage_id)), "name"));
  crm_funnel_page_emit_changed (self, move->lead_id);
  crm_funnel_page_reload (self);
}

static void
on_converted_cb (CrmConvertDialog *dialog,
                 const char       *client_id,
                 Move             *move)
{
  CrmFunnelPage *self = move->page;
  g_autofree char *text = NULL;

  /* A conversion is undone from the client's card, not from a toast. */
  crm_funnel_page_toast (self, _("Converted into a client"));
  crm_funnel_page_emit_changed (self, move->lead_id);
  crm_funnel_page_reload (self);
}

void
crm_funnel_page_start_move (CrmFunnelPage  *self,
            gint64          rid,
            CrmBoardColumn *to,
            guint           index)   /* in the target list as shown, card counted */
{
  gint from_pos;
  CrmBoardColumn *from = crm_funnel_page_column_of_rid (self, rid, &from_pos);
  CrmBoardModel *to_model = crm_board_column_get_model (to);
  const char *kind = crm_board_column_get_kind (to);
  gboolean same = from == to;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (to_model));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  Move *move;
  gint above, below;

  if (self->dialog != NULL)
    return;
  if (same && (index == (guint) from_pos || index == (guint) from_pos + 1))
    return;

  move = g_new0 (Move, 1);
  move->page = g_object_ref (self);
  move->rid = rid;
  move->focus = self->moving_by_key;
  move->lead_id = crm_funnel_page_lead_id_of (self, from != NULL ? crm_board_column_get_model (from) : to_model,
                              from_pos, rid);
  move->stage_id = g_strdup (crm_board_column_get_stage_id (to));
  if (move->lead_id == NULL)
    {
      move_free (move);
      crm_funnel_page_reload (self);
      return;
    }

  /* The neighbours in the column as it will be, the card left out. */
  move->index = same && index > (guint) from_pos ? index - 1 : MIN (index, n);
  above = (gint) move->index - 1;
  below = (gint) move->index;
  if (same)
    {
      if (above >= from_pos)
        above++;
      if (below >= from_pos)
        below++;
    }
  if (above >= 0 && (guint) above < n)
    move->above_id = crm_funnel_page_lead_id_of (self, to_model, above, crm_board_model_get_rid (to_model, above));
  if (below >= 0 && (guint) below < n)
    move->below_id = crm_funnel_page_lead_id_of (self, to_model, below, crm_board_model_get_rid (to_model, below));

  if (!crm_board_get_position (self->store, move->lead_id, &move->before, &error))
    {
      crm_funnel_page_toast (self, error->message);
      move_free (move);
      return;
    }

  if (!same && g_strcmp0 (kind, "won") == 0)
    {
      CrmConvertDialog *dialog = crm_convert_dialog_new (self->store, move->lead_id);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), crm_funnel_page_parent_window (self));
      gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
      g_signal_connect_data (dialog, "converted", G_CALLBACK (on_converted_cb), move,
                             (GClosureNotify) move_free, 0);
      track_dialog (self, GTK_WINDOW (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (!same && g_strcmp0 (kind, "lost") == 0)
    {
      CrmRefuseDialog *dialog = crm_refuse_dialog_new (self->store, move->lead_id);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), crm_funnel_page_parent_window (self));
      gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
      g_signal_connect_data (dialog, "refused", G_CALLBACK (on_refused_cb), move,
                             (GClosureNotify) move_free, 0);
      track_dialog (self, GTK_WINDOW (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (!same)
    {
      missing = crm_funnel_missing_fields (self->store, move->lead_id, move->stage_id, &error);
      if (missing == NULL)
        {
          crm_funnel_page_toast (self, error->message);
          move_free (move);
          return;
        }
      if (missing[0] != NULL)
        {
          AdwMessageDialog *dialog =
            crm_board_fields_dialog_new (crm_funnel_page_parent_window (self),
                                         crm_record_get_text (crm_board_column_get_stage (to), "name"),
                                         (const char *const *) missing, on_fields_cb, move,
                                         (GDestroyNotify) move_free);
          track_dialog (self, GTK_WINDOW (dialog));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }
  commit (self, move, NULL, NULL);
  move_free (move);
}

/**
 * crm_funnel_page_drop:
 * @rid: the dragged lead
 * @stage_id: the column it was dropped on
 * @index: where in that column, as shown (the card itself counted)
 *
 * What a drop does: the stage's rules, then one move.
 */
void
crm_funnel_page_drop (CrmFunnelPage *self,
                      gint64         rid,
                      const char    *stage_id,
                      guint          index)
{
  CrmBoardColumn *column;

  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));

  if ((column = crm_funnel_page_column_of_stage (self, stage_id)) != NULL)
    crm_funnel_page_start_move (self, rid, column, index);
}

/**
 * crm_funnel_page_card_action:
 * @action: "open", "task", "up", "down", "top", "bottom", "left", "right"
 *   or "to:STAGE_ID"
 *
 * The menu's and the keyboard's moves, and a task for the card's lead.
 */
void
crm_funnel_page_card_action (CrmFunnelPage *self,
                             gint64         rid,
                             const char    *action)
{
  gint pos;
  CrmBoardColumn *column;
  guint col_index = 0, n;

  g_return_if_fail (CRM_IS_FUNNEL_PAGE (self));

  if ((column = crm_funnel_page_column_of_rid (self, rid, &pos)) == NULL)
    return;
  g_ptr_array_find (self->columns, column, &col_index);
  n = g_list_model_get_n_items (G_LIST_MODEL (crm_board_column_get_model (column)));

  self->moving_by_key = TRUE;
  if (g_strcmp0 (action, "open") == 0)
    {
      g_autofree char *id = crm_funnel_page_lead_id_of (self, crm_board_column_get_model (column), pos, rid);

      if (id != NULL)
        crm_funnel_page_emit_activated (self, id);
    }
  else if (g_strcmp0 (action, "task") == 0)
    {
      g_autofree char *id = crm_funnel_page_lead_id_of (self, crm_board_column_get_model (column), pos, rid);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      CrmTaskDialog *dialog;

      if (id != NULL)
        {
          dialog = crm_task_dialog_new (self->store, "leads", id);
          if (GTK_IS_WINDOW (root))
            gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  else if (g_strcmp0 (action, "up") == 0 && pos > 0)
    crm_funnel_page_start_move (self, rid, column, (guint) pos - 1);
  else if (g_strcmp0 (action, "down") == 0 && (guint) pos + 1 < n)
    crm_funnel_page_start_move (self, rid, column, (guint) pos + 2);
  else if (g_strcmp0 (action, "top") == 0)
    crm_funnel_page_start_move (self, rid, column, 0);
  else if (g_strcmp0 (action, "bottom") == 0)
    crm_funnel_page_start_move (self, rid, column, n);
  else if (g_strcmp0 (action, "left") == 0 && col_index > 0)
    crm_funnel_page_start_move (self, rid, crm_funnel_page_column_at (self, col_index - 1), 0);
  else if (g_strcmp0 (action, "right") == 0 && col_index + 1 < self->columns->len)
    crm_funnel_page_start_move (self, rid, crm_funnel_page_column_at (self, col_index + 1), 0);
  else if (g_str_has_prefix (action, "to:") && crm_funnel_page_column_of_stage (self, action + 3) != NULL &&
           crm_funnel_page_column_of_stage (self, action + 3) != column)
    crm_funnel_page_start_move (self, rid, crm_funnel_page_column_of_stage (self, action + 3), 0);
  self->moving_by_key = FALSE;
}

/**
 * crm_funnel_page_undo:
 *
 * Puts the last moved card back where it was (the toast's Undo).
 *
 * Returns: %TRUE if there was a move to undo and it was undone
 */
gboolean
crm_funnel_page_undo (CrmFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lead_id = NULL;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), FALSE);

  if (self->undo_lead == NULL || self->undo_pos.stage_id == NULL)
    return FALSE;
  lead_id = g_steal_pointer (&self->undo_lead);
  ok = crm_board_restore (self->store, lead_id, &self->undo_pos, &error);
  crm_board_position_clear (&self->undo_pos);
  /* From the toast's button the toast goes by itself. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  if (!ok)
    crm_funnel_page_toast (self, error->message);
  else
    crm_funnel_page_emit_changed (self, lead_id);
  crm_funnel_page_reload (self);
  return ok;
}

/**
 * crm_funnel_page_get_dialog:
 * Returns: (transfer none) (nullable): the dialog a drop opened (convert,
 *   refuse or required fields), while it is open
 */
GtkWindow *
crm_funnel_page_get_dialog (CrmFunnelPage *self)
{
  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), NULL);
  return self->dialog;
}

/* How long the last move's transaction took (the benchmark's figure). */
gint64
crm_funnel_page_get_last_move_us (CrmFunnelPage *self)
{
  g_return_val_if_fail (CRM_IS_FUNNEL_PAGE (self), 0);
  return self->last_move_us;
}
