/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-funnel"

#include "config.h"

#include "crm-prefs-funnel-page-private.h"

#include <glib/gi18n.h>

/* One stage's row on Preferences → Funnel: its colour dot, kind and lead
 * count, up and down buttons, and, built when first opened, its editors:
 * name, colour, kind, time limit, rotting days, required fields and
 * deletion (asking where the leads go). Each edit is one core call. */

/* The GNOME palette's middle row (blue 3 … brown 3, and a slate). */
static const struct {
  const char *color;
  const char *name;
} palette[] = {
  { "#3584e4", N_("Blue") },
  { "#33d17a", N_("Green") },
  { "#f6d32d", N_("Yellow") },
  { "#ff7800", N_("Orange") },
  { "#e01b24", N_("Red") },
  { "#9141ac", N_("Purple") },
  { "#986a44", N_("Brown") },
  { "#77767b", N_("Grey") },
};

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;
  double r = MIN (width, height) / 2.0;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    {
      GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (area));

      gtk_style_context_get_color (context, &rgba);
      rgba.alpha *= 0.3;
    }
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_fill (cr);

  /* The chosen colour of the palette carries a check mark. */
  if (GTK_IS_TOGGLE_BUTTON (gtk_widget_get_parent (GTK_WIDGET (area))) &&
      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gtk_widget_get_parent (GTK_WIDGET (area)))))
    {
      double cx = width / 2.0, cy = height / 2.0, u = r / 2.0;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, cx - u, cy);
      cairo_line_to (cr, cx - u / 3, cy + u * 0.7);
      cairo_line_to (cr, cx + u, cy - u * 0.6);
      cairo_stroke (cr);
    }
}

static GtkWidget *
color_dot (const char *color,
           int         size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  g_object_set_data_full (G_OBJECT (area), "color", g_strdup (color), g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_dot_cb, NULL, NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  return area;
}

static char *
stage_subtitle (CrmPrefsFunnelPage *self,
                CrmRecord          *stage)
{
  gint64 n = crm_stage_count_leads (self->store, crm_record_get_id (stage), NULL, NULL);
  const char *kind = crm_record_get_text (stage, "kind");
  g_autofree char *leads = NULL;

  leads = n > 0 ? g_strdup_printf (ngettext ("%u lead", "%u leads", (gulong) n), (guint) n)
                : g_strdup (_("No leads"));
  /* Most stages are open: only the others say what they are. */
  if (g_strcmp0 (kind, "open") == 0)
    return g_steal_pointer (&leads);
  /* Translators: a stage's kind · how many leads it holds */
  return g_strdup_printf (C_("stage subtitle", "%s · %s"), crm_stage_kind_label (kind), leads);
}

static char *
required_summary (GStrv fields)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, crm_funnel_field_label (fields[i]));
    }
  if (out->len == 0)
    return g_strdup (_("None"));
  return g_strdup (out->str);
}

/* ---- writes ---- */

static void
update_stage (CrmPrefsFunnelPage  *self,
              const char          *stage_id,
              const CrmStageInput *input)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = crm_stage_update (self->store, stage_id, input, &error);

  crm_prefs_funnel_page_after_write (self, ok, error, "stages");
}

gboolean
crm_prefs_funnel_page_save_spin (gpointer data)
{
  CrmPrefsFunnelPage *self = data;
  g_autofree char *stage_id = g_steal_pointer (&self->spin_stage_id);
  CrmStageInput input = CRM_STAGE_INPUT_INIT;

  self->spin_timeout_id = 0;
  if (stage_id == NULL || self->store == NULL)
    return G_SOURCE_REMOVE;
  if (g_str_equal (self->spin_field, "rotting_days"))
    input.rotting_days = self->spin_value;
  else
    input.sla_minutes = self->spin_value;
  update_stage (self, stage_id, &input);
  return G_SOURCE_REMOVE;
}

static void
on_spin_changed_cb (GtkSpinButton      *spin,
                    CrmPrefsFunnelPage *self)
{
  const char *stage_id = crm_prefs_stage_id_of (spin);
  const char *field = g_object_get_data (G_OBJECT (spin), "field");

  if (self->loading)
    return;
  /* Another stage's or field's pending value is written first. */
  if (self->spin_timeout_id != 0 &&
      (g_strcmp0 (self->spin_stage_id, stage_id) != 0 || self->spin_field != field))
    {
      g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
      crm_prefs_funnel_page_save_spin (self);
    }
  g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
  g_free (self->spin_stage_id);
  self->spin_stage_id = g_strdup (stage_id);
  self->spin_field = field;
  self->spin_value = gtk_spin_button_get_value_as_int (spin);
  self->spin_timeout_id = g_timeout_add (400, crm_prefs_funnel_page_save_spin, self);
}

static void
on_name_apply_cb (AdwEntryRow        *row,
                  CrmPrefsFunnelPage *self)
{
  CrmStageInput input = CRM_STAGE_INPUT_INIT;

  input.name = gtk_editable_get_text (GTK_EDITABLE (row));
  update_stage (self, crm_prefs_stage_id_of (row), &input);
}

static void
on_color_toggled_cb (GtkToggleButton    *button,
                     CrmPrefsFunnelPage *self)
{
  CrmStageInput input = CRM_STAGE_INPUT_INIT;

  if (self->loading || !gtk_toggle_button_get_active (button))
    return;
  input.color = g_object_get_data (G_OBJECT (button), "color");
  update_stage (self, crm_prefs_stage_id_of (button), &input);
}

static void
on_kind_changed_cb (AdwComboRow        *row,
                    GParamSpec         *pspec,
                    CrmPrefsFunnelPage *self)
{
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  guint i = adw_combo_row_get_selected (row);

  if (self->loading || i >= g_strv_length ((GStrv) crm_stage_kinds ()))
    return;
  input.kind = crm_stage_kinds ()[i];
  update_stage (self, crm_prefs_stage_id_of (row), &input);
}

static void
on_required_toggled_cb (GtkCheckButton     *check,
                        CrmPrefsFunnelPage *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (check));
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (box), "summary-row");
  g_autofree char *summary = NULL;

  if (self->loading)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      g_strv_builder_add (fields, g_object_get_data (G_OBJECT (c), "field"));
  list = g_strv_builder_end (fields);
  input.required_fields = (const char *const *) list;

  /* The popover stays open while several fields are ticked: the row's
   * summary changes in place, the page is not rebuilt. */
  if (!crm_stage_update (self->store, crm_prefs_stage_id_of (check), &input, &error))
    {
      crm_prefs_funnel_page_toast (self, error->message);
      crm_prefs_funnel_page_queue_reload (self);
      return;
    }
  summary = required_summary (list);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  crm_prefs_funnel_page_changed (self, "stages");
}

static void
on_move_clicked_cb (GtkButton          *button,
                    CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *stage_id = crm_prefs_stage_id_of (button);
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  guint index = 0;
  gboolean ok;

  if (crm_prefs_funnel_page_find_stage (self, stage_id, &index) == NULL || (delta < 0 && index == 0))
    return;
  ok = crm_stage_reorder (self->store, stage_id, index + delta, &error);
  crm_prefs_funnel_page_after_write (self, ok, error, "stages");
}

static void
on_delete_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *stage_id = g_object_get_data (G_OBJECT (dialog), "stage-id");
  GPtrArray *targets = g_object_get_data (G_OBJECT (dialog), "targets");
  GtkWidget *dropdown = adw_message_dialog_get_extra_child (dialog);
  const char *target = NULL;
  g_autofree char *name = NULL;
  CrmRecord *stage;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (dropdown != NULL && targets != NULL)
    {
      guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

      if (i < targets->len)
        target = crm_record_get_id (g_ptr_array_index (targets, i));
    }
  stage = crm_prefs_funnel_page_find_stage (self, stage_id, NULL);
  name = g_strdup (stage != NULL ? crm_record_get_text (stage, "name") : "");
  if (crm_stage_delete (self->store, stage_id, target, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Stage “%s” deleted"), name);

      crm_prefs_funnel_page_toast (self, text);
      crm_prefs_funnel_page_after_write (self, TRUE, NULL, "stages");
    }
  else
    crm_prefs_funnel_page_after_write (self, FALSE, error, "stages");
}

static void
on_delete_clicked_cb (GtkButton          *button,
                      CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *stage_id = crm_prefs_stage_id_of (button);
  CrmRecord *stage = NULL;
  GPtrArray *targets;
  guint index = 0;
  gint64 n;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (!(stage = crm_prefs_funnel_page_find_stage (self, stage_id, &index)))
    return;
  if ((n = crm_stage_count_leads (self->store, stage_id, NULL, &error)) < 0)
    {
      crm_prefs_funnel_page_toast (self, error->message);
      return;
    }

  heading = g_strdup_printf (_("Delete Stage “%s”?"), crm_record_get_text (stage, "name"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, NULL));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "stage-id", g_strdup (stage_id), g_free);

  if (n > 0)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GtkWidget *dropdown;
      guint preferred = 0;

      targets = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < self->stages->len; i++)
        {
          CrmRecord *other = g_ptr_array_index (self->stages, i);

          if (i == index)
            continue;
          /* The stage above it, else the one below: where its leads
           * most likely belong. */
          if (i < index || targets->len == 0)
            preferred = targets->len;
          g_ptr_array_add (targets, g_object_ref (other));
          gtk_string_list_append (names, crm_record_get_text (other, "name"));
        }
      g_object_set_data_full (G_OBJECT (dialog), "targets", targets, (GDestroyNotify) g_ptr_array_unref);
      adw_message_dialog_format_body (dialog,
                                      ngettext ("It holds %u lead. Choose the stage it moves to; "
                                                "the move is kept in the lead’s history.",
                                                "It holds %u leads. Choose the stage they move to; "
                                                "the move is kept in each lead’s history.",
                                                (gulong) n),
                                      (guint) n);
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), preferred);
      gtk_widget_set_halign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Move the leads to"), -1);
      adw_message_dialog_set_extra_child (dialog, dropdown);
    }
  else
    adw_message_dialog_set_body (dialog, _("The stage holds no leads."));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a stage's row ---- */

static GtkWidget *
spin_row (CrmPrefsFunnelPage *self,
          const char         *stage_id,
          const char         *field,
          const char         *title,
          const char         *subtitle,
          const char         *unit,
          double              upper,
          double              step,
          gint64              value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, step);
  GtkWidget *label = gtk_label_new (unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), MAX (value, 0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (spin), "stage-id", g_strdup (stage_id), g_free);
  g_object_set_data (G_OBJECT (spin), "field", (gpointer) field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static GtkWidget *
color_row (CrmPrefsFunnelPage *self,
           const char         *stage_id,
           const char         *current)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkToggleButton *group = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Colour"));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_child (GTK_BUTTON (button), color_dot (palette[i].color, 18));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _(palette[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(palette[i].name), -1);
      g_object_set_data (G_OBJECT (button), "color", (gpointer) palette[i].color);
      g_object_set_data_full (G_OBJECT (button), "stage-id", g_strdup (stage_id), g_free);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_swapped (button, "notify::active", G_CALLBACK (gtk_widget_queue_draw),
                                gtk_button_get_child (GTK_BUTTON (button)));
      if (current != NULL && g_ascii_strcasecmp (current, palette[i].color) == 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_signal_connect (button, "toggled", G_CALLBACK (on_color_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static GtkWidget *
required_row (CrmPrefsFunnelPage *self,
              const char         *stage_id,
              GStrv               current)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *const *fields = crm_stage_requirable_fields ();
  g_autofree char *summary = required_summary (current);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Required Fields"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Choose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("A lead enters this stage only with these fields filled in"));
  g_object_set_data (G_OBJECT (box), "summary-row", row);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (crm_funnel_field_label (fields[i]));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   current != NULL && g_strv_contains ((const char *const *) current, fields[i]));
      g_object_set_data (G_OBJECT (check), "field", (gpointer) fields[i]);
      g_object_set_data_full (G_OBJECT (check), "stage-id", g_strdup (stage_id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_required_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
fill_stage_row (CrmPrefsFunnelPage *self,
                AdwExpanderRow     *row)
{
  const char *stage_id = crm_prefs_stage_id_of (row);
  CrmRecord *stage = crm_prefs_funnel_page_find_stage (self, stage_id, NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char *const *kind_ids = crm_stage_kinds ();
  const char *kind;
  g_auto(GStrv) required = NULL;
  GtkWidget *name_row, *kind_row, *delete_row, *delete_button;

  if (stage == NULL || g_object_get_data (G_OBJECT (row), "filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (row), "filled", GINT_TO_POINTER (TRUE));
  self->loading = TRUE;

  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), C_("thing name", "Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (name_row), crm_record_get_text (stage, "name"));
  g_object_set_data_full (G_OBJECT (name_row), "stage-id", g_strdup (stage_id), g_free);
  g_signal_connect (name_row, "apply", G_CALLBACK (on_name_apply_cb), self);
  adw_expander_row_add_row (row, name_row);

  adw_expander_row_add_row (row, color_row (self, stage_id, crm_record_get_text (stage, "color")));

  kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), C_("stage kind", "Kind"));
  kind = crm_record_get_text (stage, "kind");
  for (guint i = 0; kind_ids[i] != NULL; i++)
    gtk_string_list_append (kinds, crm_stage_kind_label (kind_ids[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kinds));
  for (guint i = 0; kind_ids[i] != NULL; i++)
    if (g_strcmp0 (kind_ids[i], kind) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), i);
  g_object_set_data_full (G_OBJECT (kind_row), "stage-id", g_strdup (stage_id), g_free);
  g_signal_connect (kind_row, "notify::selected", G_CALLBACK (on_kind_changed_cb), self);
  adw_expander_row_add_row (row, kind_row);

  adw_expander_row_add_row (row, spin_row (self, stage_id, "sla_minutes", _("Time Limit"),
                                           _("How long a lead may wait here before it is overdue; 0 for no limit"),
                                           _("min"), 60 * 24 * 30, 5,
                                           crm_record_get_int (stage, "sla_minutes", 0)));
  adw_expander_row_add_row (row, spin_row (self, stage_id, "rotting_days", _("Rotting After"),
                                           _("Cards that stay longer are marked on the board; 0 for never"),
                                           _("days"), 365, 1,
                                           crm_record_get_int (stage, "rotting_days", 0)));

  required = crm_stage_get_required_fields (stage);
  adw_expander_row_add_row (row, required_row (self, stage_id, required));

  delete_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete_row), _("Delete Stage"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (delete_row), _("Its leads move to a stage you choose"));
  delete_button = gtk_button_new_with_mnemonic (_("_Delete…"));
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "destructive-action");
  g_object_set_data_full (G_OBJECT (delete_button), "stage-id", g_strdup (stage_id), g_free);
  g_signal_connect (delete_button, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (delete_row), delete_button);
  adw_expander_row_add_row (row, delete_row);

  self->loading = FALSE;
}

static void
on_stage_expanded_cb (AdwExpanderRow     *row,
                      GParamSpec         *pspec,
                      CrmPrefsFunnelPage *self)
{
  if (adw_expander_row_get_expanded (row))
    fill_stage_row (self, row);
}

static GtkWidget *
move_button (CrmPrefsFunnelPage *self,
             const char         *stage_id,
             const char         *icon,
             const char         *tooltip,
             int                 delta,
             gboolean            sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data_full (G_OBJECT (button), "stage-id", g_strdup (stage_id), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  return button;
}

GtkWidget *
crm_prefs_stage_row_new (CrmPrefsFunnelPage *self,
                         CrmRecord          *stage,
                         guint               index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *stage_id = crm_record_get_id (stage);
  g_autofree char *subtitle = stage_subtitle (self, stage);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_record_get_text (stage, "name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), color_dot (crm_record_get_text (stage, "color"), 14));
  g_object_set_data_full (G_OBJECT (row), "stage-id", g_strdup (stage_id), g_free);

  gtk_box_append (GTK_BOX (box), move_button (self, stage_id, "go-up-symbolic", _("Move Up"), -1, index > 0));
  gtk_box_append (GTK_BOX (box), move_button (self, stage_id, "go-down-symbolic", _("Move Down"), +1,
                                              index + 1 < self->stages->len));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), box);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_stage_expanded_cb), self);
  return row;
}

const char *const *
crm_prefs_stage_colors (void)
{
  static const char *colors[G_N_ELEMENTS (palette) + 1];

  if (colors[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
      colors[i] = palette[i].color;
  return colors;
}
