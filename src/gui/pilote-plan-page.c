/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-error.h"
#include "pilote-plan-common.h"
#include "pilote-plan-page.h"
#include "pilote-plan.h"

/*
 * The action plan of a period: its strategy (a period note, saved a
 * moment after the last keystroke and when the text loses the focus; a
 * save that finds someone else's newer text asks whose to keep), then its
 * actions by status or by due date. A card moves to another status by
 * drag and drop, or through its menu from the keyboard. Deletes are soft
 * and undone from a toast. The page reads the file again when someone
 * else writes to it.
 */

#define SAVE_DELAY_MS 1200
#define WATCH_INTERVAL_S 2
#define N_STATUSES 4

typedef struct {
  GtkWidget *box;
  GtkLabel  *count_label;
  GtkListBox *list;
  guint      n_cards;
} Column;

struct _PilotePlanPage
{
  GtkWidget         parent_instance;

  PiloteStore      *store;
  char             *period_kind;
  char             *period_start;
  char             *scope_kind;
  gint64            scope_id;
  GDate             today;
  gboolean          today_pinned;

  PilotePeriod      period;
  gboolean          period_valid;
  GPtrArray        *actions;          /* PiloteAction */
  GHashTable       *member_names;     /* id → name */
  GHashTable       *objective_labels; /* id → label */
  PilotePeriodNote *strategy;
  gboolean          strategy_dirty;
  gboolean          loading_strategy;
  guint             save_timeout;
  guint             reload_idle;
  guint             watch_timeout;
  gint64            data_version;
  gint64            undo_action_id;
  GtkWidget        *conflict_dialog;

  Column            columns[N_STATUSES];

  GtkWidget        *scrolled;
  GtkLabel         *strategy_title;
  GtkLabel         *save_label;
  GtkTextView      *strategy_view;
  GtkLabel         *count_label;
  GtkToggleButton  *board_button;
  GtkToggleButton  *list_button;
  GtkStack         *actions_stack;
  GtkFlowBox       *board_box;
  GtkListBox       *action_list;
};

G_DEFINE_FINAL_TYPE (PilotePlanPage, pilote_plan_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD_KIND,
  PROP_PERIOD_START,
  PROP_SCOPE_KIND,
  PROP_SCOPE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_reload (PilotePlanPage *self);

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

static GtkWindow *
parent_window (PilotePlanPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Strategy */

static void
set_save_text (PilotePlanPage *self,
               const char     *text)
{
  gtk_label_set_text (self->save_label, text);
}

static char *
strategy_text (PilotePlanPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->strategy_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_strategy (PilotePlanPage   *self,
               PilotePeriodNote *note)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->strategy_view);

  g_clear_pointer (&self->strategy, pilote_record_free);
  self->strategy = note;
  self->loading_strategy = TRUE;
  gtk_text_buffer_set_text (buffer, note != NULL && note->text != NULL ? note->text : "", -1);
  self->loading_strategy = FALSE;
  self->strategy_dirty = FALSE;
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (note == NULL)
    set_save_text (self, _("Not written yet"));
  else
    {
      g_autofree char *day = g_strndup (note->base.updated_at, 10);
      g_autofree char *when = pilote_plan_format_date (day);

      /* Translators: the date the strategy was last saved */
      g_autofree char *text = g_strdup_printf (_("Saved on %s"), when);
      set_save_text (self, text);
    }
}

static void
load_strategy (PilotePlanPage *self)
{
  g_autoptr(GError) error = NULL;
  PilotePeriodNote *note;
  char start[PILOTE_ISO_DATE_LEN];

  if (self->store == NULL || !self->period_valid)
    {
      show_strategy (self, NULL);
      return;
    }
  pilote_period_from_iso (&self->period, start);
  note = pilote_plan_get_strategy (self->store, self->period.kind, start,
                                   pilote_plan_read_scope (self->scope_kind), self->scope_id,
                                   &error);
  if (error != NULL)
    g_warning ("Could not read the strategy: %s", error->message);
  show_strategy (self, note);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PilotePlanPage   *self)
{
  g_autoptr(GError) error = NULL;
  char start[PILOTE_ISO_DATE_LEN];
  g_autoptr(PilotePeriodNote) theirs = NULL;

  if (self->store == NULL || !self->period_valid)
    return;
  pilote_period_from_iso (&self->period, start);
  theirs = pilote_plan_get_strategy (self->store, self->period.kind, start,
                                     pilote_plan_read_scope (self->scope_kind), self->scope_id,
                                     NULL);
  if (g_strcmp0 (response, "theirs") == 0)
    {
      show_strategy (self, g_steal_pointer (&theirs));
      return;
    }
  /* keep mine: write it over the version just seen */
  if (theirs != NULL)
    {
      g_clear_pointer (&self->strategy, pilote_record_free);
      self->strategy = g_steal_pointer (&theirs);
    }
  else if (self->strategy != NULL)
    self->strategy->base.id = 0;
  self->strategy_dirty = TRUE;
  if (!pilote_plan_page_save_strategy (self, &error) &&
      !g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Save the Strategy"), error->message);
}

static void
show_conflict (PilotePlanPage *self)
{
  g_autoptr(PilotePeriodNote) theirs = NULL;
  g_autofree char *body = NULL;
  char start[PILOTE_ISO_DATE_LEN];
  GtkWidget *dialog;

  if (self->conflict_dialog != NULL)
    return;
  pilote_period_from_iso (&self->period, start);
  theirs = pilote_plan_get_strategy (self->store, self->period.kind, start,
                                     pilote_plan_read_scope (self->scope_kind), self->scope_id,
                                     NULL);
  /* Translators: the other person's text follows */
  body = g_strdup_printf (_("Someone else saved this period’s strategy while you were writing "
                            "it. Their text:\n\n%s"),
                          theirs != NULL && theirs->text != NULL ? theirs->text : "");
  dialog = adw_message_dialog_new (parent_window (self), _("The Strategy Changed Meanwhile"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "theirs", _("Use _Theirs"),
                                    "mine", _("Keep _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  g_set_weak_pointer (&self->conflict_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pilote_plan_page_save_strategy:
 *
 * Writes the strategy as typed, when it changed. A save that finds a newer
 * text written by someone else fails with %PILOTE_ERROR_CONFLICT and asks
 * the user whose text to keep.
 */
gboolean
pilote_plan_page_save_strategy (PilotePlanPage  *self,
                                GError         **error)
{
  g_autoptr(PilotePeriodNote) note = NULL;
  g_autoptr(GError) local_error = NULL;
  char start[PILOTE_ISO_DATE_LEN];

  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), FALSE);

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (!self->strategy_dirty || self->store == NULL || !self->period_valid)
    return TRUE;

  if (self->strategy != NULL)
    note = pilote_record_copy (self->strategy);
  else
    {
      PiloteScope scope = pilote_plan_read_scope (self->scope_kind);

      pilote_period_from_iso (&self->period, start);
      note = pilote_period_note_new ();
      note->kind = PILOTE_NOTE_STRATEGY;
      note->period_kind = self->period.kind;
      note->period_start = g_strdup (start);
      note->scope = scope;
      note->scope_id = scope == PILOTE_SCOPE_COMPANY ? 0 : self->scope_id;
    }
  g_free (note->text);
  note->text = strategy_text (self);
  if (g_strcmp0 (g_strstrip (note->text), "") == 0 && note->base.id == 0)
    {
      /* nothing written, nothing to keep */
      self->strategy_dirty = FALSE;
      set_save_text (self, _("Not written yet"));
      return TRUE;
    }
  g_free (note->text);
  note->text = strategy_text (self);

  set_save_text (self, _("Saving…"));
  if (!pilote_plan_save_strategy (self->store, note, &local_error))
    {
      if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
        show_conflict (self);
      set_save_text (self, _("Not saved"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->strategy, pilote_record_free);
  self->strategy = g_steal_pointer (&note);
  self->strategy_dirty = FALSE;
  self->data_version = pilote_store_get_data_version (self->store);
  set_save_text (self, _("Saved"));
  return TRUE;
}

static void
save_strategy_reporting (PilotePlanPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!pilote_plan_page_save_strategy (self, &error) &&
      !g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Save the Strategy"), error->message);
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  PilotePlanPage *self = user_data;

  self->save_timeout = 0;
  save_strategy_reporting (self);
  return G_SOURCE_REMOVE;
}

static void
on_strategy_changed_cb (GtkTextBuffer  *buffer,
                        PilotePlanPage *self)
{
  if (self->loading_strategy)
    return;
  self->strategy_dirty = TRUE;
  set_save_text (self, _("Editing…"));
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
}

static void
on_strategy_focus_leave_cb (GtkEventControllerFocus *controller,
                            PilotePlanPage          *self)
{
  if (self->strategy_dirty)
    save_strategy_reporting (self);
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
  label = objective->description != NULL ? objective->description : _("Quantitative objective");
  g_hash_table_insert (self->objective_labels, g_memdup2 (&action->objective_id, sizeof (gint64)),
                       g_strdup (label));
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
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
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
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
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

  /* Translators: an action's status, then its owner and due date */
  subtitle = objective != NULL ? g_strdup_printf (_("%s · %s\nFor: %s"),
                                                  pilote_plan_status_label (action->status),
                                                  meta, objective)
                               : g_strdup_printf (_("%s · %s"),
                                                  pilote_plan_status_label (action->status), meta);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (late != NULL)
    {
      GtkWidget *label = caption_label (late, "error");

      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *status = caption_label (pilote_plan_status_label (action->status), "dim-label");

      gtk_label_set_wrap (GTK_LABEL (status), FALSE);
      gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
    }
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

static void
on_card_activated_cb (GtkListBox     *list,
                      GtkListBoxRow  *row,
                      PilotePlanPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "action-id");

  if (id != NULL)
    pilote_plan_page_edit_action (self, *id);
}

static void
build_columns (PilotePlanPage *self)
{
  for (int status = 0; status < N_STATUSES; status++)
    {
      Column *column = &self->columns[status];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (pilote_plan_status_label (status));
      GtkWidget *placeholder = gtk_label_new (_("No actions"));
      GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

      column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_size_request (column->box, 220, -1);
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
      g_signal_connect (column->list, "row-activated", G_CALLBACK (on_card_activated_cb), self);
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

static void
show_actions (PilotePlanPage *self)
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

static void
load_actions (PilotePlanPage *self)
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
  show_actions (self);
}

/**
 * pilote_plan_page_reload:
 *
 * Reads the strategy and the actions of the period again.
 */
void
pilote_plan_page_reload (PilotePlanPage *self)
{
  g_autofree char *title = NULL;

  g_return_if_fail (PILOTE_IS_PLAN_PAGE (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->strategy_dirty)
    save_strategy_reporting (self);
  self->period_valid = pilote_plan_read_period (self->store, self->period_kind, self->period_start,
                                                &self->period);
  if (self->period_valid)
    {
      g_autofree char *when = pilote_period_describe (&self->period);

      /* Translators: the strategy of a period ("Strategy for November 2026") */
      title = g_strdup_printf (_("Strategy for %s"), when);
    }
  gtk_label_set_text (self->strategy_title, title != NULL ? title : _("Strategy"));
  gtk_text_view_set_editable (self->strategy_view,
                              self->store != NULL && self->period_valid &&
                              !pilote_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.new-action",
                                 self->store != NULL && self->period_valid &&
                                 !pilote_store_is_read_only (self->store));
  if (self->store != NULL)
    self->data_version = pilote_store_get_data_version (self->store);
  load_strategy (self);
  load_actions (self);
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  PilotePlanPage *self = user_data;

  self->reload_idle = 0;
  pilote_plan_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (PilotePlanPage *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (on_reload_idle_cb, self);
}

/* Someone else wrote to the file: read it again, keeping what is being typed */
static gboolean
on_watch_timeout_cb (gpointer user_data)
{
  PilotePlanPage *self = user_data;
  gint64 version;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  version = pilote_store_get_data_version (self->store);
  if (version == self->data_version)
    return G_SOURCE_CONTINUE;
  self->data_version = version;
  if (!self->strategy_dirty && !gtk_widget_has_focus (GTK_WIDGET (self->strategy_view)))
    load_strategy (self);
  load_actions (self);
  return G_SOURCE_CONTINUE;
}

/* Editing actions */

static void
on_editor_saved_cb (PiloteActionEditor *editor,
                    gint64              action_id,
                    PilotePlanPage     *self)
{
  load_actions (self);
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
  load_actions (self);
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
                                     parent_window (self), &error);
  if (editor == NULL)
    {
      pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Open the Action"), error->message);
      load_actions (self);
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
      load_actions (self);
      return FALSE;
    }
  load_actions (self);
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
      load_actions (self);
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
  load_actions (self);
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
delete_action_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!pilote_plan_page_delete_action (PILOTE_PLAN_PAGE (widget), g_variant_get_int64 (parameter),
                                       &error))
    pilote_plan_show_error (widget, _("Could Not Delete the Action"), error->message);
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

static void
on_mode_toggled_cb (GtkToggleButton *button,
                    PilotePlanPage  *self)
{
  show_actions (self);
}

static void
on_list_row_activated_cb (GtkListBox     *list,
                          GtkListBoxRow  *row,
                          PilotePlanPage *self)
{
  on_card_activated_cb (list, row, self);
}

/* Properties */

static void
set_string (PilotePlanPage  *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  if (self->strategy_dirty)
    save_strategy_reporting (self);
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  queue_reload (self);
}

static void
set_store (PilotePlanPage *self,
           PiloteStore    *store)
{
  if (self->store == store)
    return;
  if (self->strategy_dirty)
    save_strategy_reporting (self);
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  queue_reload (self);
}

static void
pilote_plan_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD_KIND:
      g_value_set_string (value, self->period_kind);
      break;
    case PROP_PERIOD_START:
      g_value_set_string (value, self->period_start);
      break;
    case PROP_SCOPE_KIND:
      g_value_set_string (value, self->scope_kind);
      break;
    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_plan_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_PERIOD_KIND:
      set_string (self, &self->period_kind, g_value_get_string (value), prop_id);
      break;
    case PROP_PERIOD_START:
      set_string (self, &self->period_start, g_value_get_string (value), prop_id);
      break;
    case PROP_SCOPE_KIND:
      set_string (self, &self->scope_kind, g_value_get_string (value), prop_id);
      break;
    case PROP_SCOPE_ID:
      if (self->scope_id != g_value_get_int64 (value))
        {
          if (self->strategy_dirty)
            save_strategy_reporting (self);
          self->scope_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
          queue_reload (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_plan_page_map (GtkWidget *widget)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (widget);

  GTK_WIDGET_CLASS (pilote_plan_page_parent_class)->map (widget);
  if (!self->today_pinned)
    pilote_date_set_today (&self->today);
  if (self->watch_timeout == 0)
    self->watch_timeout = g_timeout_add_seconds (WATCH_INTERVAL_S, on_watch_timeout_cb, self);
  on_watch_timeout_cb (self);
}

static void
pilote_plan_page_unmap (GtkWidget *widget)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (widget);

  if (self->strategy_dirty)
    save_strategy_reporting (self);
  g_clear_handle_id (&self->watch_timeout, g_source_remove);
  GTK_WIDGET_CLASS (pilote_plan_page_parent_class)->unmap (widget);
}

static void
pilote_plan_page_dispose (GObject *object)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (object);

  if (self->strategy_dirty && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* nobody is left to ask whose text to keep: theirs stays */
      if (!pilote_plan_page_save_strategy (self, &error))
        g_message ("The strategy typed was not saved: %s", error->message);
    }
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->watch_timeout, g_source_remove);
  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  g_clear_weak_pointer (&self->conflict_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_PLAN_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_plan_page_parent_class)->dispose (object);
}

static void
pilote_plan_page_finalize (GObject *object)
{
  PilotePlanPage *self = PILOTE_PLAN_PAGE (object);

  g_free (self->period_kind);
  g_free (self->period_start);
  g_free (self->scope_kind);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->member_names, g_hash_table_unref);
  g_clear_pointer (&self->objective_labels, g_hash_table_unref);
  g_clear_pointer (&self->strategy, pilote_record_free);
  G_OBJECT_CLASS (pilote_plan_page_parent_class)->finalize (object);
}

static void
pilote_plan_page_class_init (PilotePlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_plan_page_get_property;
  object_class->set_property = pilote_plan_page_set_property;
  object_class->dispose = pilote_plan_page_dispose;
  object_class->finalize = pilote_plan_page_finalize;
  widget_class->map = pilote_plan_page_map;
  widget_class->unmap = pilote_plan_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_START] =
    g_param_spec_string ("period-start", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_KIND] =
    g_param_spec_string ("scope-kind", NULL, NULL, "company",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_ID] =
    g_param_spec_int64 ("scope-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/pilote/Pilote/pilote-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, strategy_title);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, strategy_view);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, board_button);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, actions_stack);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, board_box);
  gtk_widget_class_bind_template_child (widget_class, PilotePlanPage, action_list);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "plan.new-action", NULL, new_action_activated_cb);
  gtk_widget_class_install_action (widget_class, "plan.edit-action", "x", edit_action_activated_cb);
  gtk_widget_class_install_action (widget_class, "plan.delete-action", "x",
                                   delete_action_activated_cb);
  gtk_widget_class_install_action (widget_class, "plan.move-action", "(xi)",
                                   move_action_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pilote_plan_page_init (PilotePlanPage *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope_kind = g_strdup ("company");
  self->member_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->objective_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  pilote_date_set_today (&self->today);
  build_columns (self);
  g_signal_connect (gtk_text_view_get_buffer (self->strategy_view), "changed",
                    G_CALLBACK (on_strategy_changed_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_strategy_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->strategy_view), focus);
  show_strategy (self, NULL);
  show_actions (self);
}

GtkWidget *
pilote_plan_page_new (void)
{
  return g_object_new (PILOTE_TYPE_PLAN_PAGE, NULL);
}

/**
 * pilote_plan_page_set_today:
 *
 * Pins the day overdue actions are counted from (today by default).
 */
void
pilote_plan_page_set_today (PilotePlanPage *self,
                            const GDate    *today)
{
  g_return_if_fail (PILOTE_IS_PLAN_PAGE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  self->today_pinned = TRUE;
  show_actions (self);
}

void
pilote_plan_page_set_list_mode (PilotePlanPage *self,
                                gboolean        list_mode)
{
  g_return_if_fail (PILOTE_IS_PLAN_PAGE (self));

  gtk_toggle_button_set_active (list_mode ? self->list_button : self->board_button, TRUE);
}

GtkTextView *
pilote_plan_page_get_strategy_view (PilotePlanPage *self)
{
  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), NULL);

  return self->strategy_view;
}

const char *
pilote_plan_page_get_save_text (PilotePlanPage *self)
{
  g_return_val_if_fail (PILOTE_IS_PLAN_PAGE (self), NULL);

  return gtk_label_get_text (self->save_label);
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
