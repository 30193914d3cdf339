/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-action-editor.h"
#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-plan-common.h"

/*
 * The dialog of one action: a header bar with Cancel and Save, an error
 * line that says what to fix, and the fields as rows. Objectives that an
 * action can serve are those of the fiscal year of the plan's period.
 */

#define MAX_OBJECTIVES 300

struct _PiloteActionEditor
{
  AdwWindow     parent_instance;

  PiloteStore  *store;
  PiloteAction *action;
  GArray       *owner_ids;
  GArray       *objective_ids;

  AdwWindowTitle *window_title;
  GtkRevealer  *error_revealer;
  GtkLabel     *error_label;
  AdwEntryRow  *title_row;
  AdwComboRow  *owner_row;
  AdwEntryRow  *due_row;
  AdwComboRow  *status_row;
  AdwComboRow  *objective_row;
  AdwEntryRow  *notes_row;
  GtkWidget    *delete_group;
};

G_DEFINE_FINAL_TYPE (PiloteActionEditor, pilote_action_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  gboolean linked_listed = self->action->objective_id == 0;

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
                     == self->action->objective_id;
  if (!linked_listed)
    {
      PiloteObjective *linked = pilote_store_get_objective (self->store, self->action->objective_id,
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

static void
show_error (PiloteActionEditor *self,
            const char         *message,
            GtkWidget          *focus)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
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
  g_autoptr(PiloteAction) action = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  char *due = NULL;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_ACTION_EDITOR (self), FALSE);

  action = pilote_record_copy (self->action);
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      g_set_error (&local_error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Title: say what is to be done."));
      show_error (self, local_error->message, GTK_WIDGET (self->title_row));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!pilote_plan_parse_date_row (self->due_row, &due, &local_error))
    {
      show_error (self, local_error->message, GTK_WIDGET (self->due_row));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
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

  if (action->base.id == 0)
    ok = pilote_store_insert (self->store, action, &local_error);
  else
    ok = pilote_store_update (self->store, action, &local_error);
  if (!ok)
    {
      if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
        show_error (self, _("Someone else changed or deleted this action meanwhile. Close the "
                            "dialog and open the action again to see their version."), NULL);
      else
        show_error (self, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  pilote_record_free (self->action);
  self->action = g_steal_pointer (&action);
  show_error (self, NULL, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->action->base.id);
  return TRUE;
}

static void
save_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PiloteActionEditor *self = PILOTE_ACTION_EDITOR (widget);

  if (pilote_action_editor_save (self, NULL))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PiloteActionEditor *self = PILOTE_ACTION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->action->base.id == 0)
    return;
  if (!pilote_store_delete (self->store, PILOTE_ENTITY_ACTION, self->action->base.id,
                            self->action->base.version, &error))
    {
      show_error (self, error->message, NULL);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0, self->action->base.id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pilote_action_editor_finalize (GObject *object)
{
  PiloteActionEditor *self = PILOTE_ACTION_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->action, pilote_record_free);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->objective_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_action_editor_parent_class)->finalize (object);
}

static void
pilote_action_editor_class_init (PiloteActionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pilote_action_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated_cb);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
button_new (const char *label,
            const char *action_name,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static void
pilote_action_editor_init (PiloteActionEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *delete_button = button_new (_("_Delete Action"), "editor.delete", "destructive-action");
  const char *statuses[5] = { NULL };

  for (guint i = 0; i < 4; i++)
    statuses[i] = pilote_plan_status_label (i);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 600);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (_("Action"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button_new (_("_Cancel"), "window.close", NULL));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           button_new (_("_Save"), "editor.save", "suggested-action"));
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error"), -1);
  gtk_box_append (GTK_BOX (error_box), icon);
  gtk_box_append (GTK_BOX (error_box), GTK_WIDGET (self->error_label));
  gtk_widget_add_css_class (error_box, "error");
  g_object_set (error_box, "margin-start", 18, "margin-end", 18, "margin-top", 12,
                "margin-bottom", 12, NULL);
  self->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->error_revealer, error_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_revealer));

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  self->owner_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row), _("Owner"));
  self->due_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row), _("Due date"));
  pilote_plan_add_date_button (self->due_row);
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (gtk_string_list_new (statuses)));
  g_object_unref (adw_combo_row_get_model (self->status_row));
  self->objective_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->objective_row), _("Objective"));
  self->notes_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notes_row), _("Notes"));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->owner_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->due_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->objective_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->notes_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->delete_group = adw_preferences_group_new ();
  gtk_widget_set_halign (delete_button, GTK_ALIGN_CENTER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->delete_group), delete_button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->delete_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
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
  self->action = g_steal_pointer (&action);
  adw_window_title_set_title (self->window_title,
                              action_id > 0 ? _("Edit Action") : _("New Action"));
  gtk_widget_set_visible (self->delete_group, action_id > 0);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         self->action->title != NULL ? self->action->title : "");
  self->owner_ids = pilote_plan_fill_combo (self->owner_row, store, PILOTE_ENTITY_MEMBER,
                                            C_("owner", "Nobody"));
  adw_combo_row_set_selected (self->owner_row,
                              pilote_plan_find_id (self->owner_ids, self->action->owner_id));
  gtk_editable_set_text (GTK_EDITABLE (self->due_row),
                         self->action->due_on != NULL ? self->action->due_on : "");
  adw_combo_row_set_selected (self->status_row, self->action->status);
  fill_objectives (self, period);
  adw_combo_row_set_selected (self->objective_row,
                              pilote_plan_find_id (self->objective_ids,
                                                   self->action->objective_id));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row),
                         self->action->notes != NULL ? self->action->notes : "");
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

  return gtk_revealer_get_reveal_child (self->error_revealer)
           ? gtk_label_get_text (self->error_label) : NULL;
}
