/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-card-form"

#include "config.h"

#include "crm-card-form.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-address-row.h"
#include "crm-card-util.h"
#include "crm-core.h"

#define SAVE_DELAY_MS 600

typedef enum {
  BINDING_ENTRY,
  BINDING_CHOICE,
  BINDING_TEXT,
} BindingKind;

typedef struct
{
  CrmCardForm *form;
  BindingKind  kind;
  GtkWidget   *widget;
  GtkTextBuffer *buffer;      /* text views: their buffer, kept from binding */
  char        *column;
  CrmCheck     check;
  GtkWidget   *error_row;
  GtkLabel    *error_label;
  GStrv        ids;
  gboolean     dirty;
} Binding;

typedef struct
{
  CrmCardForm         *form;
  char                *tbl;
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GPtrArray           *rows;      /* CrmAddressRow */
} AddressGroup;

struct _CrmCardForm
{
  GObject            parent_instance;

  CrmStore          *store;
  char              *table;
  char              *region;
  CrmRecord         *record;
  GPtrArray         *bindings;
  GPtrArray         *groups;
  CrmCardValidation *validation;
  GHashTable        *create_extra;  /* column → value set when creating */
  guint              save_id;
  gboolean           loading;
  gboolean           read_only;
};

G_DEFINE_FINAL_TYPE (CrmCardForm, crm_card_form, G_TYPE_OBJECT)

enum {
  SAVED,
  PROBE_CHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
binding_free (gpointer data)
{
  Binding *b = data;

  /* The widgets may outlive the form: leave no handler pointing at it. */
  if (b->buffer != NULL)
    g_signal_handlers_disconnect_by_data (b->buffer, b);
  g_clear_object (&b->buffer);
  g_signal_handlers_disconnect_by_data (b->widget, b);
  g_signal_handlers_disconnect_by_data (b->widget, b->form);
  g_free (b->column);
  g_strfreev (b->ids);
  g_clear_object (&b->widget);
  g_clear_object (&b->error_row);
  g_free (b);
}

static void
group_free (gpointer data)
{
  AddressGroup *g = data;

  for (guint i = 0; i < g->rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (g->rows, i), g->form);
  if (g->add_button != NULL)
    g_signal_handlers_disconnect_by_data (g->add_button, g);
  g_free (g->tbl);
  g_ptr_array_unref (g->rows);
  g_clear_object (&g->group);
  g_free (g);
}

static gboolean
is_probe_column (const char *column)
{
  return g_strcmp0 (column, "full_name") == 0 || g_strcmp0 (column, "company") == 0 ||
         g_strcmp0 (column, "name") == 0 || g_strcmp0 (column, "inn") == 0;
}

static void
make_error_row (GtkWidget  *row,
                GtkWidget **error_row,
                GtkLabel  **error_label)
{
  *error_row = g_object_ref (crm_card_error_row_new_after (row));
  *error_label = GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (*error_row)));
}

static void
show_error (GtkWidget  *row,
            GtkWidget  *error_row,
            GtkLabel   *error_label,
            const char *message)
{
  crm_card_error_row_show (row, error_row, message);
}

static char *
binding_text (Binding *b)
{
  switch (b->kind)
    {
    case BINDING_ENTRY:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->widget)));
    case BINDING_TEXT:
      {
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (b->buffer, &start, &end);
        return gtk_text_buffer_get_text (b->buffer, &start, &end, FALSE);
      }
    case BINDING_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (b->widget));

        if (b->ids == NULL || selected >= g_strv_length (b->ids))
          return NULL;
        return g_strdup (b->ids[selected]);
      }
    default:
      return NULL;
    }
}

static gboolean
save_cb (gpointer data)
{
  CrmCardForm *self = data;

  self->save_id = 0;
  crm_card_form_flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (CrmCardForm *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
on_binding_changed_cb (Binding *b)
{
  CrmCardForm *self = b->form;
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  text = binding_text (b);
  if (b->error_row != NULL)
    {
      crm_card_validation_update (self->validation, b->column, b->check, text, self->region);
      show_error (b->widget, b->error_row, b->error_label,
                  crm_card_validation_message (self->validation, b->column));
    }
  b->dirty = TRUE;
  schedule_save (self);
  if (is_probe_column (b->column))
    g_signal_emit (self, signals[PROBE_CHANGED], 0);
}

static char *
address_key (CrmAddressRow *row)
{
  return g_strdup_printf ("%s/%p", crm_address_row_get_table (row), (void *) row);
}

static void
on_address_changed_cb (CrmAddressRow *row,
                       CrmCardForm   *self)
{
  g_autofree char *key = address_key (row);
  const char *text;
  GtkWidget *er;

  if (self->loading)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (row));
  crm_card_validation_update (self->validation, key,
                              g_strcmp0 (crm_address_row_get_table (row), "phones") == 0
                                ? CRM_CHECK_PHONE : CRM_CHECK_EMAIL,
                              text, self->region);
  er = g_object_get_data (G_OBJECT (row), "error-row");
  if (er != NULL)
    show_error (GTK_WIDGET (row), er, g_object_get_data (G_OBJECT (row), "error-label"),
                crm_card_validation_message (self->validation, key));
  g_object_set_data (G_OBJECT (row), "dirty", GINT_TO_POINTER (TRUE));
  schedule_save (self);
  g_signal_emit (self, signals[PROBE_CHANGED], 0);
}

static void
on_address_label_changed_cb (CrmAddressRow *row,
                             CrmCardForm   *self)
{
  if (self->loading)
    return;
  g_object_set_data (G_OBJECT (row), "dirty", GINT_TO_POINTER (TRUE));
  schedule_save (self);
}

static AddressGroup *
find_group (CrmCardForm *self,
            const char  *tbl)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      AddressGroup *g = g_ptr_array_index (self->groups, i);
      if (g_strcmp0 (g->tbl, tbl) == 0)
        return g;
    }
  return NULL;
}

static void
remove_address_widget (AddressGroup  *g,
                       CrmAddressRow *row)
{
  GtkWidget *er = g_object_get_data (G_OBJECT (row), "error-row");
  g_autofree char *key = address_key (row);

  crm_card_validation_update (g->form->validation, key, CRM_CHECK_NONE, NULL, NULL);
  if (er != NULL)
    adw_preferences_group_remove (g->group, er);
  adw_preferences_group_remove (g->group, GTK_WIDGET (row));
  g_ptr_array_remove (g->rows, row);
}

static void
on_address_remove_cb (CrmAddressRow *row,
                      CrmCardForm   *self)
{
  AddressGroup *g = find_group (self, crm_address_row_get_table (row));
  const char *id = crm_address_row_get_id (row);

  if (g == NULL)
    return;
  if (id != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!crm_store_delete (self->store, g->tbl, id, &error))
        {
          g_signal_emit (self, signals[FAILED], 0, error->message);
          return;
        }
      g_signal_emit (self, signals[SAVED], 0, crm_card_form_get_id (self), FALSE);
    }
  remove_address_widget (g, row);
  g_signal_emit (self, signals[PROBE_CHANGED], 0);
}

static CrmAddressRow *
add_address_row (AddressGroup *g,
                 CrmRecord    *child)
{
  CrmCardForm *self = g->form;
  CrmAddressRow *row = crm_address_row_new (g->tbl, self->region);
  GtkWidget *er;
  GtkLabel *label;

  if (child != NULL)
    {
      crm_address_row_set_id (row, crm_record_get_id (child));
      gtk_editable_set_text (GTK_EDITABLE (row), crm_record_get_text (child, "raw"));
      crm_address_row_set_label (row, crm_record_get_text (child, "label"));
    }
  adw_preferences_group_add (g->group, GTK_WIDGET (row));
  make_error_row (GTK_WIDGET (row), &er, &label);
  g_object_set_data_full (G_OBJECT (row), "error-row", er, g_object_unref);
  g_object_set_data (G_OBJECT (row), "error-label", label);
  crm_address_row_set_read_only (row, self->read_only);
  g_signal_connect (row, "changed", G_CALLBACK (on_address_changed_cb), self);
  g_signal_connect (row, "label-changed", G_CALLBACK (on_address_label_changed_cb), self);
  g_signal_connect (row, "remove-requested", G_CALLBACK (on_address_remove_cb), self);
  g_ptr_array_add (g->rows, row);
  return row;
}

static void
on_add_address_cb (GtkButton    *button,
                   AddressGroup *g)
{
  CrmAddressRow *row = add_address_row (g, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
load_addresses (CrmCardForm  *self,
                AddressGroup *g)
{
  g_autoptr(GPtrArray) children = NULL;

  while (g->rows->len > 0)
    remove_address_widget (g, g_ptr_array_index (g->rows, g->rows->len - 1));

  if (self->record != NULL)
    children = crm_store_list_children (self->store, g->tbl, crm_record_get_id (self->record), NULL);
  for (guint i = 0; children != NULL && i < children->len; i++)
    add_address_row (g, g_ptr_array_index (children, i));
  /* A new card offers one empty phone and e-mail to type into. */
  if (g->rows->len == 0 && !self->read_only)
    add_address_row (g, NULL);
}

static void
load_binding (CrmCardForm *self,
              Binding     *b)
{
  const char *value = self->record != NULL ? crm_record_get_text (self->record, b->column) : NULL;

  b->dirty = FALSE;
  switch (b->kind)
    {
    case BINDING_ENTRY:
      if (b->check == CRM_CHECK_MONEY && value != NULL)
        {
          g_autofree char *money = crm_money_format_plain (g_ascii_strtoll (value, NULL, 10));
          gtk_editable_set_text (GTK_EDITABLE (b->widget), money);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (b->widget), value != NULL ? value : "");
      break;
    case BINDING_TEXT:
      gtk_text_buffer_set_text (b->buffer, value != NULL ? value : "", -1);
      break;
    case BINDING_CHOICE:
      {
        guint selected = 0;

        for (guint i = 0; b->ids != NULL && b->ids[i] != NULL; i++)
          if ((value == NULL && b->ids[i][0] == '\0') || g_strcmp0 (b->ids[i], value) == 0)
            {
              selected = i;
              break;
            }
        adw_combo_row_set_selected (ADW_COMBO_ROW (b->widget), selected);
      }
      break;
    default:
      break;
    }
  if (b->error_row != NULL)
    {
      crm_card_validation_update (self->validation, b->column, CRM_CHECK_NONE, NULL, NULL);
      show_error (b->widget, b->error_row, b->error_label, NULL);
    }
}

static void
apply_binding (Binding   *b,
               CrmChange *change)
{
  g_autofree char *text = binding_text (b);

  if (b->check == CRM_CHECK_MONEY)
    {
      gint64 minor;

      if (crm_text_is_blank (text))
        crm_change_set_null (change, b->column);
      else if (crm_money_parse (text, &minor))
        crm_change_set_int (change, b->column, minor);
    }
  else if (text == NULL || crm_text_is_blank (text))
    crm_change_set_null (change, b->column);
  else
    {
      g_strstrip (text);
      crm_change_set_text (change, b->column, text);
    }
}

static void
crm_card_form_dispose (GObject *object)
{
  CrmCardForm *self = CRM_CARD_FORM (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->bindings != NULL)
    g_ptr_array_set_size (self->bindings, 0);
  if (self->groups != NULL)
    g_ptr_array_set_size (self->groups, 0);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_card_form_parent_class)->dispose (object);
}

static void
crm_card_form_finalize (GObject *object)
{
  CrmCardForm *self = CRM_CARD_FORM (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->validation, crm_card_validation_free);
  g_clear_pointer (&self->create_extra, g_hash_table_unref);
  g_free (self->table);
  g_free (self->region);

  G_OBJECT_CLASS (crm_card_form_parent_class)->finalize (object);
}

static void
crm_card_form_class_init (CrmCardFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_card_form_dispose;
  object_class->finalize = crm_card_form_finalize;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[PROBE_CHANGED] =
    g_signal_new ("probe-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
crm_card_form_init (CrmCardForm *self)
{
  self->bindings = g_ptr_array_new_with_free_func (binding_free);
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->validation = crm_card_validation_new ();
  self->create_extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CrmCardForm *
crm_card_form_new (CrmStore   *store,
                   const char *table)
{
  CrmCardForm *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_CARD_FORM, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  self->region = crm_store_get_setting (store, "region");
  if (self->region == NULL)
    self->region = g_strdup ("RU");
  return self;
}

CrmRecord *
crm_card_form_get_record (CrmCardForm *self)
{
  g_return_val_if_fail (CRM_IS_CARD_FORM (self), NULL);
  return self->record;
}

const char *
crm_card_form_get_id (CrmCardForm *self)
{
  g_return_val_if_fail (CRM_IS_CARD_FORM (self), NULL);
  return self->record != NULL ? crm_record_get_id (self->record) : NULL;
}

const char *
crm_card_form_get_region (CrmCardForm *self)
{
  g_return_val_if_fail (CRM_IS_CARD_FORM (self), NULL);
  return self->region;
}

/**
 * crm_card_form_set_create_value:
 * @self: a #CrmCardForm
 * @column: a column
 * @value: (nullable): what a record created by this form gets in @column
 *   (a new contact's client), or %NULL for nothing
 */
void
crm_card_form_set_create_value (CrmCardForm *self,
                                const char  *column,
                                const char  *value)
{
  g_return_if_fail (CRM_IS_CARD_FORM (self));

  if (value == NULL)
    g_hash_table_remove (self->create_extra, column);
  else
    g_hash_table_replace (self->create_extra, g_strdup (column), g_strdup (value));
}

/**
 * crm_card_form_load:
 * @self: a #CrmCardForm
 * @record: (nullable): the record, or %NULL for a new, empty one
 *
 * Fills every bound widget from @record, dropping unsaved edits.
 */
void
crm_card_form_load (CrmCardForm *self,
                    CrmRecord   *record)
{
  g_return_if_fail (CRM_IS_CARD_FORM (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_set_object (&self->record, record);
  self->loading = TRUE;
  for (guint i = 0; i < self->bindings->len; i++)
    load_binding (self, g_ptr_array_index (self->bindings, i));
  for (guint i = 0; i < self->groups->len; i++)
    load_addresses (self, g_ptr_array_index (self->groups, i));
  self->loading = FALSE;
}

static Binding *
add_binding (CrmCardForm *self,
             BindingKind  kind,
             GtkWidget   *widget,
             const char  *column,
             CrmCheck     check)
{
  Binding *b = g_new0 (Binding, 1);

  b->form = self;
  b->kind = kind;
  b->widget = g_object_ref (widget);
  b->column = g_strdup (column);
  b->check = check;
  g_ptr_array_add (self->bindings, b);
  return b;
}

void
crm_card_form_bind_entry (CrmCardForm *self,
                          AdwEntryRow *row,
                          const char  *column,
                          CrmCheck     check)
{
  Binding *b;

  g_return_if_fail (CRM_IS_CARD_FORM (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  b = add_binding (self, BINDING_ENTRY, GTK_WIDGET (row), column, check);
  if (check != CRM_CHECK_NONE)
    make_error_row (GTK_WIDGET (row), &b->error_row, &b->error_label);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_binding_changed_cb), b);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (crm_card_form_flush), self);
}

void
crm_card_form_bind_choice (CrmCardForm        *self,
                           AdwComboRow        *row,
                           const char         *column,
                           const char *const  *ids,
                           const char *const  *labels)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char *const *) labels);
  Binding *b;

  g_return_if_fail (CRM_IS_CARD_FORM (self));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  b = add_binding (self, BINDING_CHOICE, GTK_WIDGET (row), column, CRM_CHECK_NONE);
  b->ids = g_strdupv ((char **) ids);
  self->loading = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  self->loading = FALSE;
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_binding_changed_cb), b);
}

/**
 * crm_card_form_set_choices:
 * @self: a #CrmCardForm
 * @row: a row bound with crm_card_form_bind_choice()
 * @ids: the new choices' ids
 * @labels: what people see
 *
 * Replaces a drop-down's choices (the catalogue was edited meanwhile); the
 * next load selects the record's value among them.
 */
void
crm_card_form_set_choices (CrmCardForm        *self,
                           AdwComboRow        *row,
                           const char *const  *ids,
                           const char *const  *labels)
{
  g_return_if_fail (CRM_IS_CARD_FORM (self));

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);
      g_autoptr(GtkStringList) model = NULL;
      gboolean was_loading;

      if (b->widget != GTK_WIDGET (row) || b->kind != BINDING_CHOICE)
        continue;
      if (b->ids != NULL && g_strv_equal ((const char *const *) b->ids, ids))
        return;
      model = gtk_string_list_new ((const char *const *) labels);
      g_strfreev (b->ids);
      b->ids = g_strdupv ((char **) ids);
      was_loading = self->loading;
      self->loading = TRUE;
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      self->loading = was_loading;
      return;
    }
}

void
crm_card_form_bind_text_view (CrmCardForm *self,
                              GtkTextView *view,
                              const char  *column)
{
  Binding *b;

  g_return_if_fail (CRM_IS_CARD_FORM (self));

  b = add_binding (self, BINDING_TEXT, GTK_WIDGET (view), column, CRM_CHECK_NONE);
  b->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  g_signal_connect_swapped (b->buffer, "changed", G_CALLBACK (on_binding_changed_cb), b);
}

void
crm_card_form_bind_addresses (CrmCardForm         *self,
                              AdwPreferencesGroup *group,
                              const char          *tbl)
{
  AddressGroup *g;
  GtkWidget *button;
  gboolean phone = g_strcmp0 (tbl, "phones") == 0;

  g_return_if_fail (CRM_IS_CARD_FORM (self));

  g = g_new0 (AddressGroup, 1);
  g->form = self;
  g->tbl = g_strdup (tbl);
  g->group = g_object_ref (group);
  g->rows = g_ptr_array_new ();
  g_ptr_array_add (self->groups, g);

  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, phone ? _("Add a phone") : _("Add an e-mail"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  phone ? _("Add a phone") : _("Add an e-mail"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_address_cb), g);
  adw_preferences_group_set_header_suffix (group, button);
  g->add_button = button;
}

void
crm_card_form_set_read_only (CrmCardForm *self,
                             gboolean     read_only)
{
  g_return_if_fail (CRM_IS_CARD_FORM (self));

  self->read_only = read_only;
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);

      if (b->kind == BINDING_ENTRY)
        gtk_editable_set_editable (GTK_EDITABLE (b->widget), !read_only);
      else if (b->kind == BINDING_TEXT)
        gtk_text_view_set_editable (GTK_TEXT_VIEW (b->widget), !read_only);
      else
        gtk_widget_set_sensitive (b->widget, !read_only);
    }
  for (guint i = 0; i < self->groups->len; i++)
    {
      AddressGroup *g = g_ptr_array_index (self->groups, i);

      gtk_widget_set_visible (g->add_button, !read_only);
      for (guint j = 0; j < g->rows->len; j++)
        crm_address_row_set_read_only (g_ptr_array_index (g->rows, j), read_only);
    }
}

gboolean
crm_card_form_is_valid (CrmCardForm *self)
{
  g_return_val_if_fail (CRM_IS_CARD_FORM (self), FALSE);
  return crm_card_validation_is_valid (self->validation);
}

static gboolean
save_addresses (CrmCardForm  *self,
                AddressGroup *g,
                const char   *entity_id,
                GError      **error)
{
  const char *entity_type = crm_table_entity (self->table);

  for (guint i = 0; i < g->rows->len; i++)
    {
      CrmAddressRow *row = g_ptr_array_index (g->rows, i);
      g_autofree char *key = address_key (row);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autoptr(CrmChange) change = NULL;

      if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "dirty")) ||
          crm_card_validation_message (self->validation, key) != NULL)
        continue;

      if (crm_address_row_get_id (row) == NULL)
        {
          if (crm_text_is_blank (text))
            continue;
          change = crm_change_new_create (g->tbl);
          crm_change_set_text (change, "entity_type", entity_type);
          crm_change_set_text (change, "entity_id", entity_id);
          crm_change_set_int (change, "position", i);
        }
      else if (crm_text_is_blank (text))
        {
          /* Clearing a phone removes it. */
          if (!crm_store_delete (self->store, g->tbl, crm_address_row_get_id (row), error))
            return FALSE;
          crm_address_row_set_id (row, NULL);
          g_object_set_data (G_OBJECT (row), "dirty", NULL);
          continue;
        }
      else
        change = crm_change_new_update (g->tbl, crm_address_row_get_id (row));

      crm_change_set_text (change, "raw", text);
      crm_change_set_text (change, "label", crm_address_row_get_label (row));
      if (!crm_store_apply (self->store, change, error))
        return FALSE;
      if (crm_address_row_get_id (row) == NULL)
        crm_address_row_set_id (row, crm_change_get_id (change));
      g_object_set_data (G_OBJECT (row), "dirty", NULL);
    }
  return TRUE;
}

static gboolean
has_dirty (CrmCardForm *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    if (((Binding *) g_ptr_array_index (self->bindings, i))->dirty)
      return TRUE;
  for (guint i = 0; i < self->groups->len; i++)
    {
      AddressGroup *g = g_ptr_array_index (self->groups, i);
      for (guint j = 0; j < g->rows->len; j++)
        if (g_object_get_data (g_ptr_array_index (g->rows, j), "dirty") != NULL)
          return TRUE;
    }
  return FALSE;
}

static gboolean
has_new_value (CrmCardForm *self,
               CrmChange   *change)
{
  for (guint i = 0; i < crm_change_get_n_fields (change); i++)
    if (crm_change_get_field (change, i)->type != CRM_VALUE_NULL)
      return TRUE;
  for (guint i = 0; i < self->groups->len; i++)
    {
      AddressGroup *g = g_ptr_array_index (self->groups, i);

      for (guint j = 0; j < g->rows->len; j++)
        {
          CrmAddressRow *row = g_ptr_array_index (g->rows, j);
          g_autofree char *key = address_key (row);

          if (!crm_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (row))) &&
              crm_card_validation_message (self->validation, key) == NULL)
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * crm_card_form_flush:
 * @self: a #CrmCardForm
 *
 * Saves the valid pending edits now (invalid ones wait for a fix). A new
 * record is created by its first save.
 *
 * Returns: %FALSE when a write failed ("failed" was emitted)
 */
gboolean
crm_card_form_flush (CrmCardForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmChange) change = NULL;
  g_autoptr(CrmRecord) fresh = NULL;
  gboolean created = FALSE;
  const char *id;

  g_return_val_if_fail (CRM_IS_CARD_FORM (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->read_only || !has_dirty (self))
    return TRUE;

  id = crm_card_form_get_id (self);
  change = id != NULL ? crm_change_new_update (self->table, id) : crm_change_new_create (self->table);
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);

      if (b->dirty && crm_card_validation_message (self->validation, b->column) == NULL)
        apply_binding (b, change);
    }

  /* A new record is made by its first real value, not by a stray keystroke
   * or a phone that does not parse yet. */
  if (id == NULL && !has_new_value (self, change))
    return TRUE;
  if (id == NULL)
    {
      GHashTableIter iter;
      gpointer column, value;

      g_hash_table_iter_init (&iter, self->create_extra);
      while (g_hash_table_iter_next (&iter, &column, &value))
        crm_change_set_text (change, column, value);
    }

  if (!crm_store_begin (self->store, &error))
    goto fail;
  if ((id == NULL || crm_change_get_n_fields (change) > 0) &&
      !crm_store_apply (self->store, change, &error))
    {
      crm_store_rollback (self->store);
      goto fail;
    }
  created = id == NULL;
  id = crm_change_get_id (change);
  for (guint i = 0; i < self->groups->len; i++)
    if (!save_addresses (self, g_ptr_array_index (self->groups, i), id, &error))
      {
        crm_store_rollback (self->store);
        goto fail;
      }
  if (!crm_store_commit (self->store, &error))
    goto fail;

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);
      if (crm_card_validation_message (self->validation, b->column) == NULL)
        b->dirty = FALSE;
    }
  if ((fresh = crm_store_get (self->store, self->table, id, NULL)) != NULL)
    g_set_object (&self->record, fresh);
  g_signal_emit (self, signals[SAVED], 0, id, created);
  return TRUE;

fail:
  g_signal_emit (self, signals[FAILED], 0, error != NULL ? error->message : "");
  return FALSE;
}

/**
 * crm_card_form_dup_text:
 * Returns: (transfer full) (nullable): what a bound field holds now
 */
char *
crm_card_form_dup_text (CrmCardForm *self,
                        const char  *column)
{
  g_return_val_if_fail (CRM_IS_CARD_FORM (self), NULL);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);
      if (g_strcmp0 (b->column, column) == 0)
        return binding_text (b);
    }
  return NULL;
}

/**
 * crm_card_form_dup_addresses:
 * Returns: (transfer full): the phones or e-mails typed now, blanks left out
 */
GStrv
crm_card_form_dup_addresses (CrmCardForm *self,
                             const char  *tbl)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  AddressGroup *g;

  g_return_val_if_fail (CRM_IS_CARD_FORM (self), NULL);

  if ((g = find_group (self, tbl)) != NULL)
    for (guint i = 0; i < g->rows->len; i++)
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (g->rows, i)));
        if (!crm_text_is_blank (text))
          g_strv_builder_add (builder, text);
      }
  return g_strv_builder_end (builder);
}
