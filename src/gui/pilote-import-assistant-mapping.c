/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-import-assistant-private.h"
#include "pilote-import-guess.h"
#include "pilote-text.h"

/* The mapping step: one row per column of the file with the field it
 * feeds; for fields that name other records (a client, an owner, a
 * product…), whether missing ones are created and the aliases of names. */

/* a column of the file and its drop-down of fields */
typedef struct {
  PiloteImportAssistant *self;
  guint                  column;
  GtkDropDown           *drop_down;
  GPtrArray             *fields;      /* the drop-down's fields; NULL for "not imported" */
} ColumnRow;

/* a field that names other records: create missing ones, aliases */
typedef struct {
  PiloteImportAssistant *self;
  char                  *field;
  AdwExpanderRow        *row;
  GPtrArray             *children;    /* rows inside the expander */
} LookupRow;

static void
column_row_free (gpointer data)
{
  ColumnRow *cr = data;

  g_ptr_array_unref (cr->fields);
  g_free (cr);
}

static void
lookup_row_free (gpointer data)
{
  LookupRow *lr = data;

  g_ptr_array_unref (lr->children);
  g_free (lr->field);
  g_free (lr);
}

static const char *
header_of (PiloteImportAssistant *self,
           guint                  column)
{
  return g_ptr_array_index (self->headers, column);
}

static gboolean
same_column (const char *a,
             const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  /* the engine matches headers without case, accents or extra spaces */
  x = pilote_text_fold (a);
  y = pilote_text_fold (b);
  return g_strcmp0 (x, y) == 0;
}

static gboolean
same_field (gconstpointer a,
            gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

/* The fields the drop-downs offer: the entity's, but the reference, which
 * has its own row, each once */
static GPtrArray *
mappable_fields (PiloteEntity entity)
{
  const char * const *fields = pilote_import_entity_fields (entity);
  GPtrArray *list = g_ptr_array_new ();

  g_ptr_array_add (list, NULL);
  for (guint i = 0; fields[i] != NULL; i++)
    if (!g_str_equal (fields[i], "ref") &&
        !g_ptr_array_find_with_equal_func (list, fields[i], same_field, NULL))
      g_ptr_array_add (list, (gpointer) fields[i]);
  return list;
}

/**
 * pilote_import_assistant_get_column_field:
 *
 * Returns: (nullable): the field that @column of the file feeds, the
 *   reference aside
 */
const char *
pilote_import_assistant_get_column_field (PiloteImportAssistant *self,
                                          guint                  column)
{
  const char * const *fields = pilote_import_entity_fields (self->entity);

  g_return_val_if_fail (self->headers != NULL && column < self->headers->len, NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    if (!g_str_equal (fields[i], "ref") &&
        same_column (pilote_import_profile_get_column (self->profile, fields[i]),
                     header_of (self, column)))
      return fields[i];
  return NULL;
}

/* Some values of the column, so that the user sees what it holds */
static char *
describe_samples (PiloteImportAssistant *self,
                  guint                  column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint shown = 0;

  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n && shown < 3; i++)
    {
      g_autoptr(PiloteImportCells) cells = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const char *value = pilote_import_cells_get (cells, column);
      g_autofree char *line = NULL;
      gboolean repeated = FALSE;

      for (guint j = 0; j < seen->len && !repeated; j++)
        repeated = g_str_equal (pilote_import_cells_get (g_ptr_array_index (seen, j), column),
                                value);
      if (*value == '\0' || repeated)
        continue;
      g_ptr_array_add (seen, g_object_ref (cells));
      line = g_strndup (value, strcspn (value, "\r\n"));
      if (g_utf8_strlen (line, -1) > 28)
        {
          char *end = g_utf8_offset_to_pointer (line, 27);

          *end = '\0';
          line = g_realloc (line, strlen (line) + 4);
          strcat (line, "…");
        }
      if (shown > 0)
        g_string_append (text, ", ");
      g_string_append (text, line);
      shown++;
    }
  if (shown == 0)
    return g_strdup (_("Empty in the first rows"));
  /* Translators: values of a column of the file, e.g. "e.g. Acme, Betatech" */
  return g_strdup_printf (_("e.g. %s"), text->str);
}

/* Related records: missing ones, aliases */

static void
clear_children (LookupRow *lr)
{
  for (guint i = 0; i < lr->children->len; i++)
    adw_expander_row_remove (lr->row, g_ptr_array_index (lr->children, i));
  g_ptr_array_set_size (lr->children, 0);
}

static void fill_children (LookupRow *lr);

static void
add_child (LookupRow *lr,
           GtkWidget *child)
{
  adw_expander_row_add_row (lr->row, child);
  g_ptr_array_add (lr->children, child);
}

static void
create_missing_cb (GtkSwitch  *toggle,
                   GParamSpec *pspec,
                   LookupRow  *lr)
{
  pilote_import_profile_set_create_missing (lr->self->profile, lr->field,
                                            gtk_switch_get_active (toggle));
  lr->self->state = PILOTE_IMPORT_IDLE;
}

static void
remove_alias_cb (GtkButton *button,
                 LookupRow *lr)
{
  pilote_import_profile_remove_alias (lr->self->profile, lr->field,
                                      g_object_get_data (G_OBJECT (button), "from"));
  lr->self->state = PILOTE_IMPORT_IDLE;
  fill_children (lr);
}

static void
add_alias_cb (AdwEntryRow *to_row,
              LookupRow   *lr)
{
  AdwEntryRow *from_row = g_object_get_data (G_OBJECT (to_row), "from-row");
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (from_row))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (to_row))));

  if (*from == '\0' || *to == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (*from == '\0' ? from_row : to_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (*from == '\0' ? from_row : to_row));
      return;
    }
  pilote_import_profile_add_alias (lr->self->profile, lr->field, from, to);
  lr->self->state = PILOTE_IMPORT_IDLE;
  fill_children (lr);
}

static const char *
create_label (PiloteEntity entity)
{
  switch (entity)
    {
    case PILOTE_ENTITY_TEAM:
      return _("Create the teams that do not exist yet");
    case PILOTE_ENTITY_MEMBER:
      return _("Create the members that do not exist yet");
    case PILOTE_ENTITY_CLIENT:
      return _("Create the clients that do not exist yet");
    case PILOTE_ENTITY_PRODUCT:
      return _("Create the products that do not exist yet");
    case PILOTE_ENTITY_STAGE:
      return _("Create the stages that do not exist yet");
    case PILOTE_ENTITY_DEAL:
      return _("Create the deals that do not exist yet");
    case PILOTE_ENTITY_OBJECTIVE:
      return _("Create the objectives that do not exist yet");
    default:
      return _("Create the names that do not exist yet");
    }
}

static void
fill_children (LookupRow *lr)
{
  PiloteImportAssistant *self = lr->self;
  g_autoptr(GPtrArray) aliases = NULL;
  PiloteEntity link = PILOTE_ENTITY_CLIENT;
  GtkWidget *row, *toggle, *from_row, *to_row;

  clear_children (lr);
  pilote_import_field_get_link (self->entity, lr->field, &link);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), create_label (link));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle),
                         pilote_import_profile_get_create_missing (self->profile, lr->field));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (create_missing_cb), lr);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  add_child (lr, row);

  aliases = pilote_import_profile_get_aliases (self->profile, lr->field);
  for (guint i = 0; i < aliases->len; i++)
    {
      PiloteImportAlias *alias = g_ptr_array_index (aliases, i);
      /* Translators: an alias: a name as the file writes it → the name in Pilote */
      g_autofree char *title = g_strdup_printf (_("%s → %s"), alias->from, alias->to);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Alias"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this alias"));
      g_object_set_data_full (G_OBJECT (remove), "from", g_strdup (alias->from), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_alias_cb), lr);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      add_child (lr, row);
    }

  from_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (from_row), _("New alias: name in the file"));
  add_child (lr, from_row);
  to_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (to_row),
                                 _("Name in Pilote"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (to_row), TRUE);
  g_object_set_data (G_OBJECT (to_row), "from-row", from_row);
  g_signal_connect (to_row, "apply", G_CALLBACK (add_alias_cb), lr);
  add_child (lr, to_row);
}

/* One expander per mapped field that names other records, in column order */
static void
show_lookups (PiloteImportAssistant *self)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  gboolean same;

  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *field = pilote_import_assistant_get_column_field (self, i);

      if (field != NULL && pilote_import_field_get_link (self->entity, field, NULL))
        {
          g_ptr_array_add (wanted, (gpointer) field);
          g_ptr_array_add (columns, g_ptr_array_index (self->headers, i));
        }
    }

  /* the same fields: the rows stay as they are, open or closed */
  same = wanted->len == self->lookup_rows->len;
  for (guint i = 0; same && i < wanted->len; i++)
    {
      LookupRow *lr = g_object_get_data (g_ptr_array_index (self->lookup_rows, i), "lookup-row");

      same = g_str_equal (lr->field, g_ptr_array_index (wanted, i));
    }
  if (same)
    return;

  for (guint i = 0; i < self->lookup_rows->len; i++)
    adw_preferences_group_remove (self->lookups_group, g_ptr_array_index (self->lookup_rows, i));
  g_ptr_array_set_size (self->lookup_rows, 0);
  for (guint i = 0; i < wanted->len; i++)
    {
      LookupRow *lr = g_new0 (LookupRow, 1);
      GtkWidget *row = adw_expander_row_new ();
      /* Translators: where a field's names come from, e.g. "From the column “Commercial”" */
      g_autofree char *subtitle = g_strdup_printf (_("From the column “%s”"),
                                                   (const char *) g_ptr_array_index (columns, i));

      lr->self = self;
      lr->field = g_strdup (g_ptr_array_index (wanted, i));
      lr->row = ADW_EXPANDER_ROW (row);
      lr->children = g_ptr_array_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     pilote_import_field_label (self->entity, lr->field));
      adw_expander_row_set_subtitle (lr->row, subtitle);
      g_object_set_data_full (G_OBJECT (row), "lookup-row", lr, lookup_row_free);
      fill_children (lr);
      adw_preferences_group_add (self->lookups_group, row);
      g_ptr_array_add (self->lookup_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lookups_group), wanted->len > 0);
}

/* Shows in each row the field the profile maps its column to */
static void
show_fields (PiloteImportAssistant *self)
{
  g_autofree char *missing = NULL;

  self->updating = TRUE;
  for (guint i = 0; i < self->column_rows->len; i++)
    {
      ColumnRow *cr = g_object_get_data (g_ptr_array_index (self->column_rows, i), "column-row");
      const char *field = pilote_import_assistant_get_column_field (self, cr->column);
      guint position = 0;

      if (!g_ptr_array_find_with_equal_func (cr->fields, field, same_field, &position))
        position = 0;
      gtk_drop_down_set_selected (cr->drop_down, position);
    }
  self->updating = FALSE;
  show_lookups (self);

  missing = pilote_import_assistant_missing_fields (self);
  if (missing != NULL)
    {
      /* Translators: %s lists fields, e.g. "Name, Client" */
      g_autofree char *text = g_strdup_printf (_("Still needed: %s. Map a column to each."),
                                               missing);

      adw_preferences_group_set_description (self->columns_group, text);
    }
  else
    adw_preferences_group_set_description (self->columns_group,
                                           _("Choose the field each column feeds; columns left "
                                             "“Not imported” are skipped."));
}

/**
 * pilote_import_assistant_missing_fields:
 *
 * Returns: (nullable): the required fields no column feeds, by name
 */
char *
pilote_import_assistant_missing_fields (PiloteImportAssistant *self)
{
  const char * const *fields = pilote_import_entity_fields (self->entity);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (!pilote_import_field_is_required (self->entity, fields[i]) ||
          pilote_import_profile_get_column (self->profile, fields[i]) != NULL ||
          pilote_import_profile_get_default (self->profile, fields[i]) != NULL)
        continue;
      if (missing->len > 0)
        g_string_append (missing, ", ");
      g_string_append (missing, pilote_import_field_label (self->entity, fields[i]));
    }
  return missing->len > 0 ? g_string_free (g_steal_pointer (&missing), FALSE) : NULL;
}

/**
 * pilote_import_assistant_set_column_field:
 * @field: (nullable): the field, %NULL to leave the column out
 *
 * Makes @column of the file feed @field; a column that fed @field before
 * is left out.
 */
gboolean
pilote_import_assistant_set_column_field (PiloteImportAssistant *self,
                                          guint                  column,
                                          const char            *field)
{
  const char * const *fields = pilote_import_entity_fields (self->entity);
  const char *header;

  g_return_val_if_fail (self->headers != NULL && column < self->headers->len, FALSE);
  if (field != NULL && (g_str_equal (field, "ref") || !g_strv_contains (fields, field)))
    return FALSE;

  header = header_of (self, column);
  for (guint i = 0; fields[i] != NULL; i++)
    if (!g_str_equal (fields[i], "ref") &&
        same_column (pilote_import_profile_get_column (self->profile, fields[i]), header))
      pilote_import_profile_set_column (self->profile, fields[i], NULL);
  if (field != NULL)
    pilote_import_profile_set_column (self->profile, field, header);
  self->state = PILOTE_IMPORT_IDLE;
  show_fields (self);
  pilote_import_assistant_update_buttons (self);
  return TRUE;
}

static void
field_selected_cb (GtkDropDown *drop_down,
                   GParamSpec  *pspec,
                   ColumnRow   *cr)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (cr->self->updating || selected >= cr->fields->len)
    return;
  pilote_import_assistant_set_column_field (cr->self, cr->column,
                                            g_ptr_array_index (cr->fields, selected));
}

/* The reference and grouping rows: "None", then the columns */

static GListModel *
column_choices (PiloteImportAssistant *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, C_("column", "None"));
  for (guint i = 0; i < self->headers->len; i++)
    gtk_string_list_append (list, header_of (self, i));
  return G_LIST_MODEL (list);
}

static guint
choice_of (PiloteImportAssistant *self,
           const char            *column)
{
  for (guint i = 0; column != NULL && i < self->headers->len; i++)
    if (same_column (header_of (self, i), column))
      return i + 1;
  return 0;
}

void
pilote_import_assistant_ref_changed (PiloteImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->ref_row);

  if (self->headers == NULL)
    return;
  pilote_import_profile_set_column (self->profile, "ref",
                                    selected > 0 && selected <= self->headers->len
                                      ? header_of (self, selected - 1) : NULL);
  self->state = PILOTE_IMPORT_IDLE;
}

void
pilote_import_assistant_group_changed (PiloteImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->group_row);

  if (self->headers == NULL)
    return;
  pilote_import_profile_set_group_by (self->profile,
                                      selected > 0 && selected <= self->headers->len
                                        ? header_of (self, selected - 1) : NULL);
  self->state = PILOTE_IMPORT_IDLE;
}

/**
 * pilote_import_assistant_build_mapping:
 *
 * One row per column of the file, for the entity and profile in force.
 */
void
pilote_import_assistant_build_mapping (PiloteImportAssistant *self)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GListModel) refs = NULL;
  g_autoptr(GListModel) groups = NULL;

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  for (guint i = 0; i < self->lookup_rows->len; i++)
    adw_preferences_group_remove (self->lookups_group, g_ptr_array_index (self->lookup_rows, i));
  g_ptr_array_set_size (self->lookup_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->lookups_group), FALSE);
  if (self->headers == NULL)
    return;

  fields = mappable_fields (self->entity);
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      g_autofree char *label = NULL;

      if (field == NULL)
        label = g_strdup (_("Not imported"));
      else if (pilote_import_field_is_required (self->entity, field))
        /* Translators: a field that every record needs, e.g. "Name (required)" */
        label = g_strdup_printf (_("%s (required)"),
                                 pilote_import_field_label (self->entity, field));
      else
        label = g_strdup (pilote_import_field_label (self->entity, field));
      gtk_string_list_append (labels, label);
    }

  for (guint i = 0; i < self->headers->len; i++)
    {
      ColumnRow *cr = g_new0 (ColumnRow, 1);
      g_autofree char *samples = describe_samples (self, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);

      cr->self = self;
      cr->column = i;
      cr->drop_down = GTK_DROP_DOWN (drop_down);
      cr->fields = g_ptr_array_ref (fields);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header_of (self, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, header_of (self, i), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
      g_object_set_data_full (G_OBJECT (row), "column-row", cr, column_row_free);
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (field_selected_cb), cr);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }

  refs = column_choices (self);
  groups = column_choices (self);
  self->updating = TRUE;
  adw_combo_row_set_model (self->ref_row, refs);
  adw_combo_row_set_selected (self->ref_row,
                              choice_of (self, pilote_import_profile_get_column (self->profile,
                                                                                 "ref")));
  adw_combo_row_set_model (self->group_row, groups);
  adw_combo_row_set_selected (self->group_row,
                              choice_of (self, pilote_import_profile_get_group_by (self->profile)));
  gtk_widget_set_visible (GTK_WIDGET (self->group_row), self->entity == PILOTE_ENTITY_DEAL);
  self->updating = FALSE;
  show_fields (self);
}
