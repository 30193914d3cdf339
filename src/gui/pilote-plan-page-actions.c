/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-error.h"
#include "pilote-plan-common.h"
#include "pilote-plan-page-private.h"
#include "pilote-plan.h"
#include "pilote-record-editor.h"

/*
 * The actions of the plan: cards on the board by status (dragged to
 * another column, or moved through their menu), rows of the list, and
 * their editing: the action dialog, moves, deletes undone from a toast.
 */

static const PiloteAction *
find_action (PilotePlanPage *self,
             gint64          action_id)
{
  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      const PiloteAction *action = g_ptr_array_index (self->actions, i);

      if (action->base.id == action_id)
        return action;
    }
  return NULL;
}

/* Cards and rows */

static char *
describe_meta (PilotePlanPage     *self,
               const PiloteAction *action)
{
  const char *owner = g_hash_table_lookup (self->member_names, &action->owner_id);
  g_autofree char *due = action->due_on != NULL ? pilote_plan_format_date (action->due_on) : NULL;

  if (owner != NULL && due != NULL)
    /* Translators: an action's owner and its due date */
    return g_strdup_printf (_("%s · due %s"), owner, due);
  if (due != NULL)
    /* Translators: an action's due date */
    return g_strdup_printf (_("Due %s"), due);
  if (owner != NULL)
    return g_strdup (owner);
  return g_strdup (_("No owner, no due date"));
}

static const char *
objective_label (PilotePlanPage     *self,
                 const PiloteAction *action)
{
  const char *label;
  g_autoptr(PiloteObjective) objective = NULL;

  if (action->objective_id == 0)
    return NULL;
  label = g_hash_table_lookup (self->objective_labels, &action->objective_id);
  if (label != NULL)
    return label;
  objective = pilote_store_get_objective (self->store, action->objective_id, NULL);
  if (objective == NULL)
    return NULL;
  g_hash_table_insert (self->objective_labels, g_memdup2 (&action->objective_id, sizeof (gint64)),
                       pilote_plan_objective_label (self->store, objective));
  return g_hash_table_lookup (self->objective_labels, &action->objective_id);
}

static char *
overdue_text (PilotePlanPage     *self,
              const PiloteAction *action)
{
  int days = 0;

  if (!pilote_plan_action_is_overdue (action, &self->today, &days))
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                       "Overdue by %d days", days), days);
}

static GMenuModel *
action_menu (const PiloteAction *action)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) edits = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

  for (int status = 0; status < N_STATUSES; status++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (status == (int) action->status)
        continue;
      /* Translators: moves an action to another status ("Move to Done") */
      label = g_strdup_printf (_("Move to %s"), pilote_plan_status_label (status));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "plan.move-action",
                                               g_variant_new ("(xi)", action->base.id, status));
      g_menu_append_item (moves, item);
    }
  g_menu_item_set_action_and_target_value (edit, "plan.edit-action",
                                           g_variant_new_int64 (action->base.id));
  g_menu_item_set_action_and_target_value (delete, "plan.delete-action",
                                           g_variant_new_int64 (action->base.id));
  g_menu_append_item (edits, edit);
  g_menu_append_item (edits, delete);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edits));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
menu_button_new (const PiloteAction *action)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = action_menu (action);
  g_autofree char *label = g_strdup_printf (_("Actions on “%s”"), action->title);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Move, edit or delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
caption_label (const char *text,
               const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* cards ask for a column's width, not a line's */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "caption");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GdkContentProvider *
on_card_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 *id = g_object_get_data (G_OBJECT (card), "action-id");

  return id != NULL ? gdk_content_provider_new_typed (G_TYPE_INT64, *id) : NULL;
}

static void
on_card_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);
  g_autoptr(GdkPaintable) icon = gdk_paintable_get_current_image (paintable);

  gtk_drag_source_set_icon (source, icon, gtk_widget_get_width (card) / 2, 12);
  gtk_widget_set_opacity (card, 0.4);
}

static void
on_card_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     gpointer       user_data)
{
  gtk_widget_set_opacity (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)), 1.0);
}

static void
tag_action (GtkWidget          *widget,
            const PiloteAction *action,
            const char         *overdue)
{
  g_object_set_data_full (G_OBJECT (widget), "action-id",
                          g_memdup2 (&action->base.id, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (widget), "overdue-text", g_strdup (overdue), g_free);
}

static GtkWidget *
card_new (PilotePlanPage     *self,
          const PiloteAction *action)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (action->title);
  g_autofree char *meta = describe_meta (self, action);
  g_autofree char *late = overdue_text (self, action);
  const char *objective = objective_label (self, action);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 18);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), menu_button_new (action));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), caption_label (meta, "dim-label"));
  if (objective != NULL)
    {
      /* Translators: the objective an action serves */
      g_autofree char *text = g_strdup_printf (_("For: %s"), objective);
      GtkWidget *label = caption_label (text, "dim-label");

      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, objective);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (late != NULL)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (line, "error");
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), caption_label (late, NULL));
      gtk_box_append (GTK_BOX (box), line);
    }
  g_object_set (box, "margin-start", 12, "margin-end", 6, "margin-top", 6, "margin-bottom", 10,
                NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  tag_action (row, action, late);
  {
    g_autofree char *accessible = late != NULL ? g_strdup_printf ("%s, %s, %s", action->title, meta, late)
                                               : g_strdup_printf ("%s, %s", action->title, meta);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  }

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_card_drag_prepare_cb), NULL);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_card_drag_begin_cb), NULL);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_card_drag_end_cb), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

static GtkWidget *
list_row_new (PilotePlanPage     *self,
              const PiloteAction *action)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *meta = describe_meta (self, action);
  g_autofree char *late = overdue_text (self, action);
  const char *objective = objective_label (self, action);
  g_autofree char *subtitle = NULL;

  GtkWidget *states = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *status = caption_label (pilote_plan_status_label (action->status), "dim-label");

  /* Translators: the objective an action serves, below its owner and due date */
  subtitle = objective != NULL ? g_strdup_printf (_("%s\nFor: %s"), meta, objective)
                               : g_strdup (meta);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* the status, and below it the overdue flag */
  gtk_label_set_wrap (GTK_LABEL (status), FALSE);
  gtk_label_set_xalign (GTK_LABEL (status), 1);
  gtk_box_append (GTK_BOX (states), status);
  if (late != NULL)
    {
      GtkWidget *label = caption_label (late, "error");

      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_box_append (GTK_BOX (states), label);
    }
  gtk_widget_set_valign (states, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), states);
  {
    GtkWidget *menu = menu_button_new (action);

    gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
  }
  tag_action (row, action, late);
  return row;
}

/* The board */

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  gpointer       user_data)
{
  return GDK_ACTION_MOVE;
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  GtkWidget *column = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  PilotePlanPage *self = PILOTE_PLAN_PAGE (gtk_widget_get_ancestor (column, PILOTE_TYPE_PLAN_PAGE));
  PiloteProgressStatus status = GPOINTER_TO_INT (user_data);
  gint64 action_id = g_value_get_int64 (value);
  const PiloteAction *action = find_action (self, action_id);
  g_autoptr(GError) error = NULL;

  if (action == NULL || action->status == status)
    return FALSE;
  if (!pilote_plan_page_move_action (self, action_id, status, &error))
    {
      pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Move the Action"), error->message);
      return FALSE;
    }
  return TRUE;
}

void
pilote_plan_page_activate_row (GtkListBox     *list,
                               GtkListBoxRow  *row,
                               PilotePlanPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "action-id");

  if (id != NULL)
    pilote_plan_page_edit_action (self, *id);
}

void
pilote_plan_page_build_columns (PilotePlanPage *self)
{
  for (int status = 0; status < N_STATUSES; status++)
    {
      Column *column = &self->columns[status];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (pilote_plan_status_label (status));
      GtkWidget *placeholder = gtk_label_new (_("No actions"));
      GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

      column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_size_request (column->box, 260, -1);
      gtk_widget_set_hexpand (column->box, TRUE);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      column->count_label = GTK_LABEL (gtk_label_new ("0"));
      gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "numeric");
      gtk_box_append (GTK_BOX (header), name);
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count_label));
      gtk_widget_set_margin_start (header, 6);
      gtk_box_append (GTK_BOX (column->box), header);

      column->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (column->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (column->list), "boxed-list");
      gtk_widget_set_valign (GTK_WIDGET (column->list), GTK_ALIGN_START);
      gtk_widget_add_css_class (placeholder, "dim-label");
      g_object_set (placeholder, "margin-top", 18, "margin-bottom", 18, NULL);
      gtk_list_box_set_placeholder (column->list, placeholder);
      gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pilote_plan_status_label (status), -1);
      g_signal_connect (column->list, "row-activated", G_CALLBACK (pilote_plan_page_activate_row), self);
      gtk_box_append (GTK_BOX (column->box), GTK_WIDGET (column->list));

      g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter_cb), NULL);
      g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), GINT_TO_POINTER (status));
      gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (target));
      gtk_widget_set_valign (column->box, GTK_ALIGN_START);
      gtk_flow_box_append (self->board_box, column->box);
      gtk_widget_set_focusable (gtk_widget_get_parent (column->box), FALSE);
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      else
        break;
    }
}

static void
load_members (PilotePlanPage *self)
{
  PiloteQuery query = { .limit = 5000 };
  g_autoptr(GPtrArray) members = NULL;

  g_hash_table_remove_all (self->member_names);
  members = pilote_store_list (self->store, PILOTE_ENTITY_MEMBER, &query, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const PiloteMember *member = g_ptr_array_index (members, i);

      g_hash_table_insert (self->member_names, g_memdup2 (&member->base.id, sizeof (gint64)),
                           g_strdup (member->name));
    }
}

void
pilote_plan_page_show_actions (PilotePlanPage *self)
{
  guint n = self->actions != NULL ? self->actions->len : 0;
  guint n_overdue = 0;
  g_autofree char *count = NULL;

  for (int status = 0; status < N_STATUSES; status++)
    {
      clear_list (self->columns[status].list);
      self->columns[status].n_cards = 0;
    }
  clear_list (self->action_list);

  for (guint i = 0; i < n; i++)
    {
      const PiloteAction *action = g_ptr_array_index (self->actions, i);
      Column *column = &self->columns[CLAMP ((int) action->status, 0, N_STATUSES - 1)];

      gtk_list_box_append (column->list, card_new (self, action));
      column->n_cards++;
      gtk_list_box_append (self->action_list, list_row_new (self, action));
      n_overdue += pilote_plan_action_is_overdue (action, &self->today, NULL);
    }
  for (int status = 0; status < N_STATUSES; status++)
    {
      g_autofree char *text = g_strdup_printf ("%u", self->columns[status].n_cards);

      gtk_label_set_text (self->columns[status].count_label, text);
    }

  if (n == 0)
    count = g_strdup ("");
  else if (n_overdue > 0)
    /* Translators: "7 actions, 2 overdue" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action, %u overdue",
                                          "%u actions, %u overdue", n), n, n_overdue);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", n), n);
  gtk_label_set_text (self->count_label, count);

  if (n == 0)
    gtk_stack_set_visible_child_name (self->actions_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->actions_stack,
                                      gtk_toggle_button_get_active (self->list_button) ? "list"
                                                                                       : "board");
}

void
pilote_plan_page_load_actions (PilotePlanPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_hash_table_remove_all (self->objective_labels);
  if (self->store != NULL && self->period_valid)
    {
      load_members (self);
      self->actions = pilote_plan_list_actions (self->store, &self->period,
                                                pilote_plan_read_scope (self->scope_kind),
                                                self->scope_id, &error);
      if (self->actions == NULL)
        g_warning ("Could not list the actions: %s", error->message);
    }
  pilote_plan_page_show_actions (self);
}

/* Editing actions */

static void
on_editor_saved_cb (PiloteActionEditor *editor,
                    gint64              action_id,
                    PilotePlanPage     *self)
{
  pilote_plan_page_load_actions (self);
}

static void
on_undo_clicked_cb (AdwToast       *toast,
                    PilotePlanPage *self)
{
  pilote_plan_page_undo_delete (self);
}

static void
action_deleted (PilotePlanPage *self,
                gint64          action_id)
{
  AdwToast *toast = pilote_plan_show_toast (GTK_WIDGET (self), _("Action deleted"), TRUE);

  self->undo_action_id = action_id;
  if (toast != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  pilote_plan_page_load_actions (self);
}

static void
on_editor_deleted_cb (PiloteActionEditor *editor,
                      gint64              action_id,
                      PilotePlanPage     *self)
{
  action_deleted (self, action_id);
}

/**
 * pilote_plan_page_edit_action:
 * @action_id: the action, 0 for a new one
 *
 * Returns: (transfer none) (nullable): the action's dialog, shown
 */
PiloteActionEditor *
pilote_plan_page_edit_action (PilotePlanPage *self,
                              gint64          action_id)
{
  g_autoptr(GError) error = NULL;
  PiloteActionEditor *editor;
  PiloteScope scope;
  gint64 owner_id;

  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), NULL);

  if (self->store == NULL || !self->period_valid)
    return NULL;
  scope = pilote_plan_read_scope (self->scope_kind);
  owner_id = scope == PILOTE_SCOPE_MEMBER ? self->scope_id : pilote_store_get_member_id (self->store);
  editor = pilote_action_editor_new (self->store, action_id, &self->period, owner_id,
                                     pilote_plan_page_get_window (self), &error);
  if (editor == NULL)
    {
      pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Open the Action"), error->message);
      pilote_plan_page_load_actions (self);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/**
 * pilote_plan_page_move_action:
 *
 * Gives an action another status, as a drop on another column does. The
 * action must not have changed since the page read it.
 */
gboolean
pilote_plan_page_move_action (PilotePlanPage        *self,
                              gint64                 action_id,
                              PiloteProgressStatus   status,
                              GError               **error)
{
  const PiloteAction *seen;
  g_autoptr(PiloteAction) action = NULL;

  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), FALSE);
  g_return_val_if_fail (status < N_STATUSES, FALSE);

  seen = find_action (self, action_id);
  if (self->store == NULL || seen == NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                   _("This action is not on the plan any more."));
      return FALSE;
    }
  action = pilote_record_copy (seen);
  action->status = status;
  if (!pilote_store_update (self->store, action, error))
    {
      pilote_plan_page_load_actions (self);
      return FALSE;
    }
  pilote_plan_page_load_actions (self);
  return TRUE;
}

/**
 * pilote_plan_page_delete_action:
 *
 * Deletes an action (softly) and offers to undo it in a toast.
 */
gboolean
pilote_plan_page_delete_action (PilotePlanPage  *self,
                                gint64           action_id,
                                GError         **error)
{
  const PiloteAction *seen;

  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), FALSE);

  seen = find_action (self, action_id);
  if (self->store == NULL || seen == NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                   _("This action is not on the plan any more."));
      return FALSE;
    }
  if (!pilote_store_delete (self->store, PILOTE_ENTITY_ACTION, action_id, seen->base.version,
                            error))
    {
      pilote_plan_page_load_actions (self);
      return FALSE;
    }
  action_deleted (self, action_id);
  return TRUE;
}

/**
 * pilote_plan_page_undo_delete:
 *
 * Brings back the action of the last "Action deleted" toast.
 */
void
pilote_plan_page_undo_delete (PilotePlanPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PILOTE_IS_PLAN_PAGE (self));

  if (self->store == NULL || self->undo_action_id == 0)
    return;
  if (!pilote_store_restore (self->store, PILOTE_ENTITY_ACTION, self->undo_action_id, &error))
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Restore the Action"), error->message);
  self->undo_action_id = 0;
  pilote_plan_page_load_actions (self);
}

static void
new_action_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  pilote_plan_page_edit_action (PILOTE_PLAN_PAGE (widget), 0);
}

static void
edit_action_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  pilote_plan_page_edit_action (PILOTE_PLAN_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
on_action_deleted_cb (gpointer      owner,
                      gint64        action_id,
                      gboolean      deleted,
                      const GError *error)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (owner);

  if (deleted)
    {
      action_deleted (self, action_id);
      return;
    }
  if (error != NULL)
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Delete the Action"), error->message);
  pilote_plan_page_load_actions (self);
}

/* deleting an action someone else changed since the page read it asks first */
static void
delete_action_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (widget);
  const PiloteAction *seen = find_action (self, g_variant_get_int64 (parameter));

  if (self->store == NULL || seen == NULL)
    {
      pilote_plan_show_error (widget, _("Could Not Delete the Action"),
                              _("This action is not on the plan any more."));
      return;
    }
  pilote_record_delete_checked (pilote_plan_page_get_window (self), self->store, seen,
                                seen->title, on_action_deleted_cb, self);
}

static void
move_action_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  gint64 action_id;
  int status;

  g_variant_get (parameter, "(xi)", &action_id, &status);
  if (status < 0 || status >= N_STATUSES)
    return;
  if (!pilote_plan_page_move_action (PILOTE_PLAN_PAGE (widget), action_id, status, &error))
    pilote_plan_show_error (widget, _("Could Not Move the Action"), error->message);
}

guint
pilote_plan_page_get_n_cards (PilotePlanPage       *self,
                              PiloteProgressStatus  status)
{
  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), 0);
  g_return_val_if_fail (status < N_STATUSES, 0);

  return self->columns[status].n_cards;
}

static GtkWidget *
find_row (GtkListBox *list,
          gint64      action_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gint64 *id = g_object_get_data (G_OBJECT (child), "action-id");

      if (id != NULL && *id == action_id)
        return child;
    }
  return NULL;
}

/**
 * pilote_plan_page_find_card:
 *
 * Returns: the status whose column shows the action's card, or -1
 */
int
pilote_plan_page_find_card (PilotePlanPage *self,
                            gint64          action_id)
{
  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), -1);

  for (int status = 0; status < N_STATUSES; status++)
    if (find_row (self->columns[status].list, action_id) != NULL)
      return status;
  return -1;
}

/**
 * pilote_plan_page_get_overdue_text:
 *
 * Returns: (nullable): the overdue flag of the action's card, %NULL when
 *   it has none
 */
const char *
pilote_plan_page_get_overdue_text (PilotePlanPage *self,
                                   gint64          action_id)
{
  int status = pilote_plan_page_find_card (self, action_id);
  GtkWidget *card;

  if (status < 0)
    return NULL;
  card = find_row (self->columns[status].list, action_id);
  return g_object_get_data (G_OBJECT (card), "overdue-text");
}

guint
pilote_plan_page_get_n_list_rows (PilotePlanPage *self)
{
  guint n = 0;

  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->action_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child);
  return n;
}

/**
 * pilote_plan_page_install_actions:
 *
 * The "plan.*" actions of the cards, the list rows and "New Action".
 */
void
pilote_plan_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan.new-action", NULL, new_action_activated_cb);
  gtk_widget_class_install_action (widget_class, "plan.edit-action", "x", edit_action_activated_cb);
  gtk_widget_class_install_action (widget_class, "plan.delete-action", "x",
                                   delete_action_activated_cb);
  gtk_widget_class_install_action (widget_class, "plan.move-action", "(xi)",
                                   move_action_activated_cb);
}
