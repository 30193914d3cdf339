/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-error.h"
#include "pilote-plan-common.h"
#include "pilote-plan-page-private.h"
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
  dialog = adw_message_dialog_new (pilote_plan_page_get_window (self), _("The Strategy Changed Meanwhile"), body);
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
  pilote_plan_page_load_actions (self);
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
    self->reload_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_reload_idle_cb, self, NULL);
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
  pilote_plan_page_load_actions (self);
  return G_SOURCE_CONTINUE;
}

static void
on_mode_toggled_cb (GtkToggleButton *button,
                    PilotePlanPage  *self)
{
  pilote_plan_page_show_actions (self);
}

static void
on_list_row_activated_cb (GtkListBox     *list,
                          GtkListBoxRow  *row,
                          PilotePlanPage *self)
{
  pilote_plan_page_activate_row (list, row, self);
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

  pilote_plan_page_install_actions (widget_class);

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
  pilote_plan_page_build_columns (self);
  g_signal_connect (gtk_text_view_get_buffer (self->strategy_view), "changed",
                    G_CALLBACK (on_strategy_changed_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_strategy_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->strategy_view), focus);
  show_strategy (self, NULL);
  pilote_plan_page_show_actions (self);
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
  pilote_plan_page_show_actions (self);
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
