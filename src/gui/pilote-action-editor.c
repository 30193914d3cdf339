/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-action-editor.h"
#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-plan-common.h"

/*
 * The dialog of one action: the fields as rows, on PiloteRecordEditor
 * (Cancel, Save, History, the error line, Delete). Objectives that an
 * action can serve are those of the fiscal year of the plan's period.
 */

#define MAX_OBJECTIVES 300

struct _PiloteActionEditor
{
  PiloteRecordEditor parent_instance;

  PiloteStore  *store;
  gint64        objective_id;   /* the objective linked when loaded, listed even if old */
  GArray       *owner_ids;
  GArray       *objective_ids;

  AdwEntryRow  *title_row;
  AdwComboRow  *owner_row;
  AdwEntryRow  *due_row;
  AdwComboRow  *status_row;
  AdwComboRow  *objective_row;
  AdwEntryRow  *notes_row;
};

G_DEFINE_FINAL_TYPE (PiloteActionEditor, pilote_action_editor, PILOTE_TYPE_RECORD_EDITOR)

static void
fill_objectives (PiloteActionEditor *self,
                 const PilotePeriod *period)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) objectives = NULL;
  g_autoptr(GError) error = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PilotePeriod year;
  PiloteFilter filters[2];
  PiloteQuery query = { .filters = filters, .n_filters = 2, .limit = MAX_OBJECTIVES };
  gint64 zero = 0;
  gboolean linked_listed = self->objective_id == 0;

  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &period->from, period->fiscal_start);
  pilote_period_from_iso (&year, from);
  pilote_period_to_iso (&year, to);
  filters[0] = (PiloteFilter) { "period_start", PILOTE_OP_GE, from, 0 };
  filters[1] = (PiloteFilter) { "period_start", PILOTE_OP_LT, to, 0 };
  objectives = pilote_store_list (self->store, PILOTE_ENTITY_OBJECTIVE, &query, &error);
  if (objectives == NULL)
    {
      g_warning ("Could not list the objectives: %s", error->message);
      objectives = g_ptr_array_new_with_free_func (pilote_record_free);
    }
  for (guint i = 0; i < objectives->len; i++)
    linked_listed |= ((PiloteRecord *) g_ptr_array_index (objectives, i))->id
                     == self->objective_id;
  if (!linked_listed)
    {
      PiloteObjective *linked = pilote_store_get_objective (self->store, self->objective_id,
                                                            NULL);
      if (linked != NULL)
        g_ptr_array_add (objectives, linked);
    }

  self->objective_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (labels, C_("objective", "None"));
  g_array_append_val (self->objective_ids, zero);
  for (guint i = 0; i < objectives->len; i++)
    {
      const PiloteObjective *objective = g_ptr_array_index (objectives, i);
      g_autofree char *label = pilote_plan_objective_label (self->store, objective);

      gtk_string_list_append (labels, label);
      g_array_append_val (self->objective_ids, objective->base.id);
    }
  adw_combo_row_set_model (self->objective_row, G_LIST_MODEL (labels));
}

/* Reading and showing the form */

static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  PiloteActionEditor *self = PILOTE_ACTION_EDITOR (editor);
  g_autoptr(PiloteAction) action = pilote_record_copy (pilote_record_editor_get_record (editor));
  g_autofree char *title = NULL;
  char *due = NULL;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      *bad_row = GTK_WIDGET (self->title_row);
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, _("Title: say what is to be done."));
      return NULL;
    }
  if (!pilote_plan_parse_date_row (self->due_row, &due, error))
    {
      *bad_row = GTK_WIDGET (self->due_row);
      return NULL;
    }
  g_free (action->title);
  action->title = g_steal_pointer (&title);
  g_free (action->due_on);
  action->due_on = due;
  action->owner_id = pilote_plan_selected_id (self->owner_row, self->owner_ids);
  action->status = (PiloteProgressStatus) adw_combo_row_get_selected (self->status_row);
  action->objective_id = pilote_plan_selected_id (self->objective_row, self->objective_ids);
  g_free (action->notes);
  action->notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row))));
  if (*action->notes == '\0')
    g_clear_pointer (&action->notes, g_free);
  return g_steal_pointer (&action);
}

static void
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteActionEditor *self = PILOTE_ACTION_EDITOR (editor);
  const PiloteAction *action = record;

  pilote_record_editor_set_title (editor, action->base.id > 0 ? _("Edit Action")
                                                              : _("New Action"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), action->title != NULL ? action->title : "");
  adw_combo_row_set_selected (self->owner_row,
                              pilote_plan_find_id (self->owner_ids, action->owner_id));
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), action->due_on != NULL ? action->due_on : "");
  adw_combo_row_set_selected (self->status_row, action->status);
  adw_combo_row_set_selected (self->objective_row,
                              pilote_plan_find_id (self->objective_ids, action->objective_id));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), action->notes != NULL ? action->notes : "");
}

static char *
describe (PiloteRecordEditor *editor)
{
  const PiloteAction *action = pilote_record_editor_get_record (editor);

  return g_strdup (action->title);
}

/**
 * pilote_action_editor_save:
 *
 * Checks the fields and writes the action; on failure the dialog says
 * what to fix and nothing is written.
 */
gboolean
pilote_action_editor_save (PiloteActionEditor  *self,
                           GError             **error)
{
  g_return_val_if_fail (PILOTE_IS_ACTION_EDITOR (self), FALSE);
  return pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error);
}

static void
pilote_action_editor_finalize (GObject *object)
{
  PiloteActionEditor *self = PILOTE_ACTION_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->objective_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_action_editor_parent_class)->finalize (object);
}

static void
pilote_action_editor_class_init (PiloteActionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = pilote_action_editor_finalize;
  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->describe = describe;
}

static AdwComboRow *
combo_row_new (const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static AdwEntryRow *
entry_row_new (const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
pilote_action_editor_init (PiloteActionEditor *self)
{
  AdwPreferencesPage *page;
  GtkWidget *group = adw_preferences_group_new ();
  const char *statuses[5] = { NULL };
  g_autoptr(GtkStringList) status_model = NULL;

  for (guint i = 0; i < 4; i++)
    statuses[i] = pilote_plan_status_label (i);
  status_model = gtk_string_list_new (statuses);

  gtk_window_set_title (GTK_WINDOW (self), _("Action"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 600);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);
  page = pilote_record_editor_build (PILOTE_RECORD_EDITOR (self));

  self->title_row = entry_row_new (_("Title"));
  self->owner_row = combo_row_new (_("Owner"));
  self->due_row = entry_row_new (_("Due date"));
  pilote_plan_add_date_button (self->due_row);
  self->status_row = combo_row_new (_("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status_model));
  self->objective_row = combo_row_new (_("Objective"));
  self->notes_row = entry_row_new (_("Notes"));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->owner_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->due_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->objective_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->notes_row));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  pilote_record_editor_add_delete_button (PILOTE_RECORD_EDITOR (self), page,
                                          _("_Delete Action"));
}

/**
 * pilote_action_editor_new:
 * @action_id: the action to edit, 0 for a new one
 * @period: the plan's period (a new action is due at its end)
 * @owner_id: the owner of a new action, 0 for none
 *
 * Returns: (transfer none): the dialog, not yet shown, or %NULL when the
 *   action cannot be read
 */
PiloteActionEditor *
pilote_action_editor_new (PiloteStore         *store,
                          gint64               action_id,
                          const PilotePeriod  *period,
                          gint64               owner_id,
                          GtkWindow           *parent,
                          GError             **error)
{
  PiloteActionEditor *self;
  g_autoptr(PiloteAction) action = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (action_id > 0)
    {
      action = pilote_store_get_action (store, action_id, error);
      if (action == NULL)
        return NULL;
    }
  else
    {
      GDate last = period->to;
      char iso[PILOTE_ISO_DATE_LEN];

      g_date_subtract_days (&last, 1);
      pilote_date_to_iso (&last, iso);
      action = pilote_action_new ();
      action->due_on = g_strdup (iso);
      action->owner_id = owner_id;
      action->status = PILOTE_PROGRESS_NOT_STARTED;
    }

  self = g_object_new (PILOTE_TYPE_ACTION_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->objective_id = action->objective_id;
  self->owner_ids = pilote_plan_fill_combo (self->owner_row, store, PILOTE_ENTITY_MEMBER,
                                            C_("owner", "Nobody"));
  fill_objectives (self, period);
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&action));
  return self;
}

/**
 * pilote_action_editor_get_row:
 * @field: "title", "owner", "due", "status", "objective" or "notes"
 *
 * Returns: (transfer none): the row that edits @field
 */
GtkWidget *
pilote_action_editor_get_row (PiloteActionEditor *self,
                              const char         *field)
{
  g_return_val_if_fail (PILOTE_IS_ACTION_EDITOR (self), NULL);

  if (g_str_equal (field, "title"))
    return GTK_WIDGET (self->title_row);
  if (g_str_equal (field, "owner"))
    return GTK_WIDGET (self->owner_row);
  if (g_str_equal (field, "due"))
    return GTK_WIDGET (self->due_row);
  if (g_str_equal (field, "status"))
    return GTK_WIDGET (self->status_row);
  if (g_str_equal (field, "objective"))
    return GTK_WIDGET (self->objective_row);
  if (g_str_equal (field, "notes"))
    return GTK_WIDGET (self->notes_row);
  g_return_val_if_reached (NULL);
}

const char *
pilote_action_editor_get_error_text (PiloteActionEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTION_EDITOR (self), NULL);
  return pilote_record_editor_get_error (PILOTE_RECORD_EDITOR (self));
}
