/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-prefs-funnel"

#include "config.h"

#include "crm-prefs-funnel-page.h"

#include <glib/gi18n.h>

#include "crm-extra-resources.h"

/* Preferences → Funnel: the pipelines and their stages. Every edit is one
 * core call (crm-pipeline.c: validation, history, sync); a refused one
 * shows a toast and the page goes back to what is stored. A stage's
 * editors are built when its row is first opened, so a long funnel opens
 * at once. */

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

G_DEFINE_FINAL_TYPE (CrmPrefsFunnelPage, crm_prefs_funnel_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void reload_stages (CrmPrefsFunnelPage *self);
static void queue_reload_stages (CrmPrefsFunnelPage *self);

/* ---- helpers ---- */

static void
toast (CrmPrefsFunnelPage *self,
       const char         *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
changed (CrmPrefsFunnelPage *self,
         const char         *key)
{
  g_signal_emit (self, signals[CHANGED], 0, key);
}

/* Writes went through or not: a toast for the refusal, then the page
 * shows what is stored either way. */
static void
after_write (CrmPrefsFunnelPage *self,
             gboolean            ok,
             GError             *error,
             const char         *key)
{
  if (!ok && error != NULL)
    toast (self, error->message);
  if (ok)
    changed (self, key);
  queue_reload_stages (self);
}

static CrmRecord *
find_stage (CrmPrefsFunnelPage *self,
            const char         *stage_id,
            guint              *index)
{
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (self->stages, i);

      if (g_strcmp0 (crm_record_get_id (stage), stage_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return stage;
        }
    }
  return NULL;
}

static const char *
row_stage_id (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "stage-id");
}

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
  const char *kind = crm_stage_kind_label (crm_record_get_text (stage, "kind"));
  g_autofree char *leads = NULL;

  if (n <= 0)
    return g_strdup (kind);
  leads = g_strdup_printf (ngettext ("%u lead", "%u leads", (gulong) n), (guint) n);
  /* Translators: a stage's kind · how many leads it holds */
  return g_strdup_printf (C_("stage subtitle", "%s · %s"), kind, leads);
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

  after_write (self, ok, error, "stages");
}

static gboolean
save_spin_cb (gpointer data)
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
  const char *stage_id = row_stage_id (spin);
  const char *field = g_object_get_data (G_OBJECT (spin), "field");

  if (self->loading)
    return;
  /* Another stage's or field's pending value is written first. */
  if (self->spin_timeout_id != 0 &&
      (g_strcmp0 (self->spin_stage_id, stage_id) != 0 || self->spin_field != field))
    {
      g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
      save_spin_cb (self);
    }
  g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
  g_free (self->spin_stage_id);
  self->spin_stage_id = g_strdup (stage_id);
  self->spin_field = field;
  self->spin_value = gtk_spin_button_get_value_as_int (spin);
  self->spin_timeout_id = g_timeout_add (400, save_spin_cb, self);
}

static void
on_name_apply_cb (AdwEntryRow        *row,
                  CrmPrefsFunnelPage *self)
{
  CrmStageInput input = CRM_STAGE_INPUT_INIT;

  input.name = gtk_editable_get_text (GTK_EDITABLE (row));
  update_stage (self, row_stage_id (row), &input);
}

static void
on_color_toggled_cb (GtkToggleButton    *button,
                     CrmPrefsFunnelPage *self)
{
  CrmStageInput input = CRM_STAGE_INPUT_INIT;

  if (self->loading || !gtk_toggle_button_get_active (button))
    return;
  input.color = g_object_get_data (G_OBJECT (button), "color");
  update_stage (self, row_stage_id (button), &input);
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
  update_stage (self, row_stage_id (row), &input);
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
  if (!crm_stage_update (self->store, row_stage_id (check), &input, &error))
    {
      toast (self, error->message);
      queue_reload_stages (self);
      return;
    }
  summary = required_summary (list);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  changed (self, "stages");
}

static void
on_move_clicked_cb (GtkButton          *button,
                    CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *stage_id = row_stage_id (button);
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  guint index = 0;
  gboolean ok;

  if (find_stage (self, stage_id, &index) == NULL || (delta < 0 && index == 0))
    return;
  ok = crm_stage_reorder (self->store, stage_id, index + delta, &error);
  after_write (self, ok, error, "stages");
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
  stage = find_stage (self, stage_id, NULL);
  name = g_strdup (stage != NULL ? crm_record_get_text (stage, "name") : "");
  if (crm_stage_delete (self->store, stage_id, target, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Stage “%s” deleted"), name);

      toast (self, text);
      after_write (self, TRUE, NULL, "stages");
    }
  else
    after_write (self, FALSE, error, "stages");
}

static void
on_delete_clicked_cb (GtkButton          *button,
                      CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *stage_id = row_stage_id (button);
  CrmRecord *stage = NULL;
  GPtrArray *targets;
  guint index = 0;
  gint64 n;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (!(stage = find_stage (self, stage_id, &index)))
    return;
  if ((n = crm_stage_count_leads (self->store, stage_id, NULL, &error)) < 0)
    {
      toast (self, error->message);
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
  const char *stage_id = row_stage_id (row);
  CrmRecord *stage = find_stage (self, stage_id, NULL);
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (kind_row),
                               _("Won and lost stages close a lead; nurture keeps it warm for later"));
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

static GtkWidget *
stage_row_new (CrmPrefsFunnelPage *self,
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

static void
reload_stages (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;

  if (self->store == NULL)
    return;
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->stage_rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        expanded = g_strdup (row_stage_id (row));
      adw_preferences_group_remove (self->stages_group, row);
    }
  g_ptr_array_set_size (self->stage_rows, 0);
  g_clear_pointer (&self->stages, g_ptr_array_unref);

  if (self->pipeline_id == NULL ||
      !(self->stages = crm_stage_list (self->store, self->pipeline_id, &error)))
    {
      if (error != NULL)
        toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (self->stages, i);
      GtkWidget *row = stage_row_new (self, stage, i);

      adw_preferences_group_add (self->stages_group, row);
      g_ptr_array_add (self->stage_rows, row);
      if (g_strcmp0 (expanded, crm_record_get_id (stage)) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

static gboolean
reload_stages_cb (gpointer data)
{
  CrmPrefsFunnelPage *self = data;

  self->reload_id = 0;
  reload_stages (self);
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt once the signal that wrote is over: GTK still touches
 * the button or row that emitted it. */
static void
queue_reload_stages (CrmPrefsFunnelPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_stages_cb, self);
}

/* ---- pipelines ---- */

static void
reload_pipelines (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  if (!(self->pipelines = crm_pipeline_list (self->store, &error)))
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->pipelines->len; i++)
    {
      CrmRecord *p = g_ptr_array_index (self->pipelines, i);

      gtk_string_list_append (names, crm_record_get_text (p, "name"));
      if (g_strcmp0 (crm_record_get_id (p), self->pipeline_id) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  if (!found)
    {
      g_clear_pointer (&self->pipeline_id, g_free);
      if (self->pipelines->len > 0)
        self->pipeline_id = g_strdup (crm_record_get_id (g_ptr_array_index (self->pipelines, 0)));
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->pipeline_row, selected);
  if (self->pipelines->len > 0)
    gtk_editable_set_text (GTK_EDITABLE (self->pipeline_name_row),
                           crm_record_get_text (g_ptr_array_index (self->pipelines, selected), "name"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.delete-pipeline", self->pipelines->len > 1);
  self->loading = FALSE;
}

static void
on_pipeline_selected_cb (CrmPrefsFunnelPage *self)
{
  guint i = adw_combo_row_get_selected (self->pipeline_row);

  if (self->loading || self->pipelines == NULL || i >= self->pipelines->len)
    return;
  crm_prefs_funnel_page_flush (self);
  g_free (self->pipeline_id);
  self->pipeline_id = g_strdup (crm_record_get_id (g_ptr_array_index (self->pipelines, i)));
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->pipeline_name_row),
                         crm_record_get_text (g_ptr_array_index (self->pipelines, i), "name"));
  self->loading = FALSE;
  reload_stages (self);
}

static void
on_pipeline_name_apply_cb (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_pipeline_rename (self->store, self->pipeline_id,
                            gtk_editable_get_text (GTK_EDITABLE (self->pipeline_name_row)), &error))
    toast (self, error->message);
  else
    changed (self, "pipelines");
  reload_pipelines (self);
}

static void
on_new_pipeline_response_cb (AdwMessageDialog   *dialog,
                             const char         *response,
                             CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  if (!(id = crm_pipeline_add (self->store, gtk_editable_get_text (GTK_EDITABLE (entry)), &error)))
    {
      toast (self, error->message);
      return;
    }
  g_free (self->pipeline_id);
  self->pipeline_id = g_steal_pointer (&id);
  changed (self, "pipelines");
  reload_pipelines (self);
  reload_stages (self);
}

static void
on_new_pipeline_entry_changed_cb (GtkEditable      *entry,
                                  AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           !crm_text_is_blank (gtk_editable_get_text (entry)));
}

static void
new_pipeline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("New Pipeline"),
                                                       _("A separate funnel, for instance for wholesale "
                                                         "buyers. It starts with the stages New, Won and "
                                                         "Refused; add the others here.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), C_("thing name", "Name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("thing name", "Name"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (on_new_pipeline_entry_changed_cb), dialog);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_pipeline_response_cb (AdwMessageDialog   *dialog,
                                const char         *response,
                                CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!crm_pipeline_delete (self->store, self->pipeline_id, &error))
    {
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->pipeline_id, g_free);
  changed (self, "pipelines");
  reload_pipelines (self);
  reload_stages (self);
}

static void
delete_pipeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (widget);
  guint i = adw_combo_row_get_selected (self->pipeline_row);
  AdwMessageDialog *dialog;

  if (self->pipelines == NULL || i >= self->pipelines->len)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL,
                                                       _("Only a pipeline without leads can be deleted.")));
  adw_message_dialog_format_heading (dialog, _("Delete Pipeline “%s”?"),
                                     crm_record_get_text (g_ptr_array_index (self->pipelines, i), "name"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_stage_apply_cb (CrmPrefsFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  CrmStageInput input = CRM_STAGE_INPUT_INIT;
  g_autofree char *id = NULL;
  const char *after = NULL;

  /* New stages go before the closing ones (won, lost), after the last
   * open or nurture stage: where a manager would put "Meeting set". */
  for (guint i = 0; self->stages != NULL && i < self->stages->len; i++)
    {
      CrmRecord *stage = g_ptr_array_index (self->stages, i);
      const char *kind = crm_record_get_text (stage, "kind");

      if (g_strcmp0 (kind, "open") == 0)
        after = crm_record_get_id (stage);
    }
  input.name = gtk_editable_get_text (GTK_EDITABLE (self->new_stage_row));
  input.color = palette[self->stages != NULL ? self->stages->len % G_N_ELEMENTS (palette) : 0].color;
  if (!(id = crm_stage_add (self->store, self->pipeline_id, &input, after, &error)))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_stage_row), "");
  changed (self, "stages");
  reload_stages (self);
}

/* ---- GObject ---- */

static void
crm_prefs_funnel_page_dispose (GObject *object)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (object);

  /* Closing right after a change still saves it (quietly: the rows are
   * going away). */
  if (self->spin_timeout_id != 0 && self->store != NULL)
    {
      CrmStageInput input = CRM_STAGE_INPUT_INIT;

      if (g_str_equal (self->spin_field, "rotting_days"))
        input.rotting_days = self->spin_value;
      else
        input.sla_minutes = self->spin_value;
      if (crm_stage_update (self->store, self->spin_stage_id, &input, NULL))
        changed (self, "stages");
    }
  g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFS_FUNNEL_PAGE);
  G_OBJECT_CLASS (crm_prefs_funnel_page_parent_class)->dispose (object);
}

static void
crm_prefs_funnel_page_finalize (GObject *object)
{
  CrmPrefsFunnelPage *self = CRM_PREFS_FUNNEL_PAGE (object);

  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);
  g_free (self->pipeline_id);
  g_free (self->spin_stage_id);
  G_OBJECT_CLASS (crm_prefs_funnel_page_parent_class)->finalize (object);
}

static void
crm_prefs_funnel_page_class_init (CrmPrefsFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_prefs_funnel_page_dispose;
  object_class->finalize = crm_prefs_funnel_page_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) crm_extra_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/voronka/Voronka/crm-prefs-funnel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, pipeline_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, pipeline_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, stages_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPrefsFunnelPage, new_stage_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_pipeline_selected_cb",
                                                G_CALLBACK (on_pipeline_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_pipeline_name_apply_cb",
                                                G_CALLBACK (on_pipeline_name_apply_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_new_stage_apply_cb",
                                                G_CALLBACK (on_new_stage_apply_cb));

  gtk_widget_class_install_action (widget_class, "funnel.new-pipeline", NULL, new_pipeline_action);
  gtk_widget_class_install_action (widget_class, "funnel.delete-pipeline", NULL, delete_pipeline_action);
}

static void
crm_prefs_funnel_page_init (CrmPrefsFunnelPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stage_rows = g_ptr_array_new ();
}

/* ---- public ---- */

const char *const *
crm_prefs_stage_colors (void)
{
  static const char *colors[G_N_ELEMENTS (palette) + 1];

  if (colors[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
      colors[i] = palette[i].color;
  return colors;
}

void
crm_prefs_funnel_page_set_store (CrmPrefsFunnelPage *self,
                                 CrmStore           *store)
{
  g_return_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self));
  g_return_if_fail (CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  crm_prefs_funnel_page_reload (self);
}

/**
 * crm_prefs_funnel_page_reload:
 * @self: a #CrmPrefsFunnelPage
 *
 * Shows what is stored now (after a change made elsewhere).
 */
void
crm_prefs_funnel_page_reload (CrmPrefsFunnelPage *self)
{
  g_return_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self));

  if (self->store == NULL)
    return;
  reload_pipelines (self);
  reload_stages (self);
}

const char *
crm_prefs_funnel_page_get_pipeline (CrmPrefsFunnelPage *self)
{
  g_return_val_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self), NULL);
  return self->pipeline_id;
}

/**
 * crm_prefs_funnel_page_get_stage_row:
 * @self: a #CrmPrefsFunnelPage
 * @stage_id: a stage of the pipeline shown
 *
 * Returns: (transfer none) (nullable): its row (for tests and focus)
 */
GtkWidget *
crm_prefs_funnel_page_get_stage_row (CrmPrefsFunnelPage *self,
                                     const char         *stage_id)
{
  g_return_val_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self), NULL);

  for (guint i = 0; i < self->stage_rows->len; i++)
    if (g_strcmp0 (row_stage_id (g_ptr_array_index (self->stage_rows, i)), stage_id) == 0)
      return g_ptr_array_index (self->stage_rows, i);
  return NULL;
}

/**
 * crm_prefs_funnel_page_flush:
 * @self: a #CrmPrefsFunnelPage
 *
 * Writes a value still waiting for the spin arrows to stop.
 */
void
crm_prefs_funnel_page_flush (CrmPrefsFunnelPage *self)
{
  g_return_if_fail (CRM_IS_PREFS_FUNNEL_PAGE (self));

  if (self->spin_timeout_id == 0)
    return;
  g_clear_handle_id (&self->spin_timeout_id, g_source_remove);
  save_spin_cb (self);
}
