/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-activities-view.h"
#include "pilote-activity-editor.h"
#include "pilote-activity-row.h"
#include "pilote-agenda.h"
#include "pilote-record-editor.h"
#include "pilote-record.h"

/*
 * The agenda: the activities of one member (who you are in the file, by
 * default) or of everyone, by section — overdue, today, this week, later,
 * done lately — in one list read from the file a page at a time. Rows mark
 * activities done (with an optional outcome), reopen, reschedule, edit and
 * delete them through the "activities.*" actions; marking done and
 * deleting can be undone from a toast. Every minute while shown, the list
 * is read again: due times stay true ("in 5 minutes") and changes made by
 * others show.
 */

#define TICK_SECONDS 60

typedef enum {
  UNDO_NONE,
  UNDO_DONE,
  UNDO_DELETE,
} UndoKind;

struct _PiloteActivitiesView
{
  GtkWidget              parent_instance;

  PiloteStore           *store;
  PiloteActivitiesModel *model;
  GDateTime             *now;         /* pinned by tests; NULL: the clock */
  GArray                *owner_ids;   /* gint64 per row of the owner drop-down; 0: everyone */
  gboolean               loading;
  guint                  tick_id;

  AdwToast              *undo_toast;  /* while shown */
  UndoKind               undo_kind;
  gint64                 undo_id;
  char                  *undo_notes;  /* the notes before the outcome was added */

  GtkDropDown           *owner_dropdown;
  GtkDropDown           *kind_dropdown;
  GtkStack              *stack;
  GtkListView           *list_view;
  AdwStatusPage         *empty_page;
};

G_DEFINE_FINAL_TYPE (PiloteActivitiesView, pilote_activities_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GDateTime *
get_now (PiloteActivitiesView *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

static void
show_error (PiloteActivitiesView *self,
            const char           *heading,
            const char           *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;
  GtkWidget *dialog;

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Filters and reading */

static void
get_filter (PiloteActivitiesView *self,
            PiloteAgendaFilter   *filter)
{
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  pilote_agenda_filter_init (filter);
  if (self->owner_ids != NULL && owner < self->owner_ids->len)
    filter->owner_id = g_array_index (self->owner_ids, gint64, owner);
  if (kind != GTK_INVALID_LIST_POSITION && kind > 0)
    filter->kind = (int) kind - 1;
}

/**
 * pilote_activities_view_reload:
 *
 * Counts the sections again and reads the rows shown again.
 */
void
pilote_activities_view_reload (PiloteActivitiesView *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  PiloteAgendaFilter filter;
  PiloteAgendaBounds bounds;

  g_return_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self));

  now = get_now (self);
  get_filter (self, &filter);
  pilote_agenda_bounds_init (&bounds, now);
  if (!pilote_activities_model_reload (self->model, self->store, &filter, &bounds, &error))
    show_error (self, _("Could Not Read the Activities"), error->message);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      gboolean filtered = filter.owner_id > 0 || filter.kind >= 0;

      adw_status_page_set_description (self->empty_page,
                                       self->store == NULL ? NULL
                                       : filtered ? _("Nothing to do here. Choose “Everyone” or "
                                                      "“All kinds” to see the other activities.")
                                       : _("Plan calls, meetings, visits, e-mails and tasks "
                                           "with your clients: they show here by when they "
                                           "are due."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
on_filter_changed_cb (PiloteActivitiesView *self)
{
  if (!self->loading)
    pilote_activities_view_reload (self);
}

static void
fill_owners (PiloteActivitiesView *self)
{
  PiloteFilter active[] = { { "active", PILOTE_OP_EQ, NULL, 1 } };
  PiloteQuery query = { active, G_N_ELEMENTS (active), NULL, "name", FALSE, 0, 0, FALSE };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  gint64 me = self->store != NULL ? pilote_store_get_member_id (self->store) : 0;
  gint64 none = 0;
  guint selected = 0;

  g_clear_pointer (&self->owner_ids, g_array_unref);
  self->owner_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (names, _("Everyone"));
  g_array_append_val (self->owner_ids, none);
  if (self->store != NULL)
    members = pilote_store_list (self->store, PILOTE_ENTITY_MEMBER, &query, &error);
  if (error != NULL)
    g_warning ("Could not list the members: %s", error->message);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const PiloteMember *member = g_ptr_array_index (members, i);

      if (member->base.id == me)
        selected = self->owner_ids->len;
      gtk_string_list_append (names, member->name);
      g_array_append_val (self->owner_ids, member->base.id);
    }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->owner_dropdown, selected);
}

/**
 * pilote_activities_view_set_filter:
 * @owner_id: whose activities; 0 for everyone
 * @kind: a #PiloteActivityKind, or -1 for every kind
 */
void
pilote_activities_view_set_filter (PiloteActivitiesView *self,
                                   gint64                owner_id,
                                   int                   kind)
{
  guint owner = 0;

  g_return_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self));

  for (guint i = 0; self->owner_ids != NULL && i < self->owner_ids->len; i++)
    if (g_array_index (self->owner_ids, gint64, i) == owner_id)
      owner = i;
  self->loading = TRUE;
  gtk_drop_down_set_selected (self->owner_dropdown, owner);
  gtk_drop_down_set_selected (self->kind_dropdown, kind >= 0 ? (guint) kind + 1 : 0);
  self->loading = FALSE;
  pilote_activities_view_reload (self);
}

/* Undo */

static void
forget_undo (PiloteActivitiesView *self)
{
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  self->undo_kind = UNDO_NONE;
  self->undo_id = 0;
  g_clear_pointer (&self->undo_notes, g_free);
}

static void
on_undo_clicked_cb (AdwToast             *toast,
                    PiloteActivitiesView *self)
{
  pilote_activities_view_undo (self);
}

static void
offer_undo (PiloteActivitiesView *self,
            const char           *message,
            UndoKind              kind,
            gint64                activity_id,
            const char           *notes)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo (self);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  self->undo_toast = toast;
  self->undo_kind = kind;
  self->undo_id = activity_id;
  self->undo_notes = g_strdup (notes);
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/**
 * pilote_activities_view_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast offering to undo the last
 *   activity marked done or deleted, while it is shown
 */
AdwToast *
pilote_activities_view_get_undo_toast (PiloteActivitiesView *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), NULL);
  return self->undo_toast;
}

/**
 * pilote_activities_view_undo:
 *
 * Takes back what the last undo toast offered to: marks the activity as
 * not done (with the notes it had), or brings it back.
 */
void
pilote_activities_view_undo (PiloteActivitiesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteActivity) activity = NULL;
  g_autofree char *notes = NULL;
  UndoKind kind;
  gint64 id;

  g_return_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self));

  kind = self->undo_kind;
  id = self->undo_id;
  notes = g_steal_pointer (&self->undo_notes);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo (self);
  if (self->store == NULL || kind == UNDO_NONE)
    return;

  if (kind == UNDO_DELETE)
    {
      if (!pilote_store_restore (self->store, PILOTE_ENTITY_ACTIVITY, id, &error))
        show_error (self, _("Could Not Restore the Activity"), error->message);
    }
  else
    {
      activity = pilote_store_get_activity (self->store, id, &error);
      if (activity == NULL || !pilote_agenda_reopen (self->store, activity, notes, &error))
        show_error (self, _("Could Not Undo"), error->message);
    }
  pilote_activities_view_reload (self);
}

/* Changing activities */

static PiloteActivity *
get_seen (PiloteActivitiesView  *self,
          gint64                 activity_id,
          gint64                 version,
          GError               **error)
{
  g_autoptr(PiloteActivity) activity = pilote_store_get_activity (self->store, activity_id, error);

  if (activity == NULL)
    return NULL;
  /* the version the row showed: a change made since by someone else is a conflict */
  activity->base.version = version;
  return g_steal_pointer (&activity);
}

/**
 * pilote_activities_view_mark_done:
 * @version: the version of the activity the user saw
 * @outcome: (nullable): what came of it
 *
 * Marks an activity done now and offers to undo it in a toast.
 */
gboolean
pilote_activities_view_mark_done (PiloteActivitiesView  *self,
                                  gint64                 activity_id,
                                  gint64                 version,
                                  const char            *outcome,
                                  GError               **error)
{
  g_autoptr(PiloteActivity) activity = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  activity = get_seen (self, activity_id, version, error);
  if (activity == NULL)
    {
      pilote_activities_view_reload (self);
      return FALSE;
    }
  notes = g_strdup (activity->notes);
  now = get_now (self);
  if (!pilote_agenda_mark_done (self->store, activity, outcome, now, error))
    {
      pilote_activities_view_reload (self);
      return FALSE;
    }
  /* Translators: a toast; %s is the subject of the activity */
  message = g_strdup_printf (_("“%s” marked done"), activity->subject);
  offer_undo (self, message, UNDO_DONE, activity_id, notes);
  pilote_activities_view_reload (self);
  return TRUE;
}

gboolean
pilote_activities_view_reopen (PiloteActivitiesView  *self,
                               gint64                 activity_id,
                               gint64                 version,
                               GError               **error)
{
  g_autoptr(PiloteActivity) activity = NULL;
  g_autofree char *notes = NULL;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  activity = get_seen (self, activity_id, version, error);
  notes = activity != NULL ? g_strdup (activity->notes) : NULL;
  ok = activity != NULL && pilote_agenda_reopen (self->store, activity, notes, error);
  pilote_activities_view_reload (self);
  return ok;
}

gboolean
pilote_activities_view_reschedule (PiloteActivitiesView  *self,
                                   gint64                 activity_id,
                                   gint64                 version,
                                   GDateTime             *due,
                                   GError               **error)
{
  g_autoptr(PiloteActivity) activity = NULL;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  activity = get_seen (self, activity_id, version, error);
  ok = activity != NULL && pilote_agenda_reschedule (self->store, activity, due, error);
  pilote_activities_view_reload (self);
  return ok;
}

/**
 * pilote_activities_view_delete:
 * @version: the version of the activity the user saw
 *
 * Deletes an activity (softly) and offers to undo it in a toast.
 */
gboolean
pilote_activities_view_delete (PiloteActivitiesView  *self,
                               gint64                 activity_id,
                               gint64                 version,
                               GError               **error)
{
  g_autoptr(PiloteActivity) activity = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  activity = pilote_store_get_activity (self->store, activity_id, error);
  if (activity == NULL ||
      !pilote_store_delete (self->store, PILOTE_ENTITY_ACTIVITY, activity_id, version, error))
    {
      pilote_activities_view_reload (self);
      return FALSE;
    }
  /* Translators: a toast; %s is the subject of the activity */
  message = g_strdup_printf (_("“%s” deleted"), activity->subject);
  offer_undo (self, message, UNDO_DELETE, activity_id, NULL);
  pilote_activities_view_reload (self);
  return TRUE;
}

static void
on_editor_saved_cb (PiloteActivityEditor *editor,
                    gint64                activity_id,
                    PiloteActivitiesView *self)
{
  pilote_activities_view_reload (self);
}

static void
on_editor_deleted_cb (PiloteActivityEditor *editor,
                      gint64                activity_id,
                      PiloteActivitiesView *self)
{
  const PiloteActivity *deleted = pilote_record_editor_get_record (PILOTE_RECORD_EDITOR (editor));
  g_autofree char *message = g_strdup_printf (_("“%s” deleted"), deleted->subject);

  offer_undo (self, message, UNDO_DELETE, activity_id, NULL);
  pilote_activities_view_reload (self);
}

/**
 * pilote_activities_view_edit:
 * @activity_id: the activity to edit, or 0 for a new one
 * @client_id: for a new activity, its client (0 for none yet)
 *
 * Opens the activity editor over the view's window.
 *
 * Returns: (transfer none) (nullable): the editor, shown
 */
GtkWidget *
pilote_activities_view_edit (PiloteActivitiesView *self,
                             gint64                activity_id,
                             gint64                client_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  PiloteActivityEditor *editor;
  PiloteAgendaFilter filter;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), NULL);

  if (self->store == NULL)
    return NULL;
  now = get_now (self);
  get_filter (self, &filter);
  editor = pilote_activity_editor_new (self->store, activity_id, client_id,
                                       filter.kind >= 0 ? filter.kind : PILOTE_ACTIVITY_CALL,
                                       now, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       &error);
  if (editor == NULL)
    {
      show_error (self, _("Could Not Open the Activity"), error->message);
      pilote_activities_view_reload (self);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pilote_activities_view_edit (PILOTE_ACTIVITIES_VIEW (widget), 0, 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pilote_activities_view_edit (PILOTE_ACTIVITIES_VIEW (widget), g_variant_get_int64 (parameter), 0);
}

static void
on_activity_deleted_cb (gpointer      owner,
                        gint64        activity_id,
                        gboolean      deleted,
                        const GError *error)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (owner);
  g_autoptr(PiloteActivity) activity = NULL;
  g_autofree char *message = NULL;

  if (deleted && self->store != NULL)
    {
      activity = pilote_store_get_activity (self->store, activity_id, NULL);
      /* Translators: a toast; %s is the subject of the activity */
      message = g_strdup_printf (_("“%s” deleted"), activity != NULL ? activity->subject : "");
      offer_undo (self, message, UNDO_DELETE, activity_id, NULL);
    }
  else if (error != NULL)
    show_error (self, _("Could Not Delete the Activity"), error->message);
  pilote_activities_view_reload (self);
}

/* deleting an activity someone else changed since the row showed it asks first */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(PiloteActivity) seen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, version;

  g_variant_get (parameter, "(xx)", &id, &version);
  if (self->store == NULL)
    return;
  seen = get_seen (self, id, version, &error);
  if (seen == NULL)
    {
      show_error (self, _("Could Not Delete the Activity"), error->message);
      return;
    }
  pilote_record_delete_checked (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                seen, seen->subject, on_activity_deleted_cb, self);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *outcome;
  gint64 id, version;

  g_variant_get (parameter, "(xx&s)", &id, &version, &outcome);
  if (self->store != NULL &&
      !pilote_activities_view_mark_done (self, id, version, outcome, &error))
    show_error (self, _("Could Not Mark the Activity Done"), error->message);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, version;

  g_variant_get (parameter, "(xx)", &id, &version);
  if (self->store != NULL && !pilote_activities_view_reopen (self, id, version, &error))
    show_error (self, _("Could Not Mark the Activity as Not Done"), error->message);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) due = NULL;
  gint64 id, version, when;

  g_variant_get (parameter, "(xxx)", &id, &version, &when);
  utc = g_date_time_new_from_unix_utc (when);
  due = utc != NULL ? g_date_time_to_local (utc) : NULL;
  if (self->store != NULL && due != NULL &&
      !pilote_activities_view_reschedule (self, id, version, due, &error))
    show_error (self, _("Could Not Reschedule the Activity"), error->message);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pilote_activities_view_reload (PILOTE_ACTIVITIES_VIEW (widget));
}

/* The list */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, pilote_activity_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PiloteActivitiesView     *self)
{
  PiloteActivitiesEntry *entry = gtk_list_item_get_item (list_item);
  gboolean activity = !pilote_activities_entry_is_header (entry) &&
                      pilote_activities_entry_get_item (entry) != NULL;

  gtk_list_item_set_activatable (list_item, activity);
  gtk_list_item_set_selectable (list_item, FALSE);
  pilote_activity_row_bind (PILOTE_ACTIVITY_ROW (gtk_list_item_get_child (list_item)), entry,
                            self->now);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  pilote_activity_row_unbind (PILOTE_ACTIVITY_ROW (gtk_list_item_get_child (list_item)));
}

static void
on_row_activated_cb (GtkListView          *view,
                     guint                 position,
                     PiloteActivitiesView *self)
{
  g_autoptr(PiloteActivitiesEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                                  position);
  const PiloteAgendaItem *item = entry != NULL ? pilote_activities_entry_get_item (entry) : NULL;

  if (item != NULL)
    pilote_activities_view_edit (self, item->activity_id, 0);
}

static gboolean
tick_cb (gpointer data)
{
  PiloteActivitiesView *self = data;

  if (self->store != NULL && self->undo_toast == NULL)
    pilote_activities_view_reload (self);
  return G_SOURCE_CONTINUE;
}

static void
pilote_activities_view_map (GtkWidget *widget)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (widget);

  GTK_WIDGET_CLASS (pilote_activities_view_parent_class)->map (widget);
  if (self->store != NULL)
    pilote_activities_view_reload (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
}

static void
pilote_activities_view_unmap (GtkWidget *widget)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (pilote_activities_view_parent_class)->unmap (widget);
}

/* The widget */

static void
pilote_activities_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_activities_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_activities_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_activities_view_dispose (GObject *object)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  forget_undo (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_ACTIVITIES_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_activities_view_parent_class)->dispose (object);
}

static void
pilote_activities_view_finalize (GObject *object)
{
  PiloteActivitiesView *self = PILOTE_ACTIVITIES_VIEW (object);

  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  G_OBJECT_CLASS (pilote_activities_view_parent_class)->finalize (object);
}

static void
pilote_activities_view_class_init (PiloteActivitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_activities_view_get_property;
  object_class->set_property = pilote_activities_view_set_property;
  object_class->dispose = pilote_activities_view_dispose;
  object_class->finalize = pilote_activities_view_finalize;
  widget_class->map = pilote_activities_view_map;
  widget_class->unmap = pilote_activities_view_unmap;

  /**
   * PiloteActivitiesView:store: (nullable)
   *
   * The file whose activities the view shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-activities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteActivitiesView, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivitiesView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivitiesView, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivitiesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivitiesView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "activities.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "activities.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "activities.delete", "(xx)", delete_action);
  gtk_widget_class_install_action (widget_class, "activities.mark-done", "(xxs)",
                                   mark_done_action);
  gtk_widget_class_install_action (widget_class, "activities.reopen", "(xx)", reopen_action);
  gtk_widget_class_install_action (widget_class, "activities.reschedule", "(xxx)",
                                   reschedule_action);
  gtk_widget_class_install_action (widget_class, "activities.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "activities.refresh", NULL);
}

static void
pilote_activities_view_init (PiloteActivitiesView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->model = pilote_activities_model_new ();

  gtk_string_list_append (kinds, _("All kinds"));
  for (PiloteActivityKind kind = PILOTE_ACTIVITY_CALL; kind <= PILOTE_ACTIVITY_TASK; kind++)
    gtk_string_list_append (kinds, pilote_activity_kind_get_label (kind));
  self->loading = TRUE;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  fill_owners (self);
  self->loading = FALSE;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_row_activated_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
pilote_activities_view_new (void)
{
  return g_object_new (PILOTE_TYPE_ACTIVITIES_VIEW, NULL);
}

PiloteStore *
pilote_activities_view_get_store (PiloteActivitiesView *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), NULL);
  return self->store;
}

/**
 * pilote_activities_view_set_store:
 * @store: (nullable): the file to show
 *
 * Shows the activities of who you are in the file (see
 * pilote_store_get_member_id ()), or everyone's when you have not said.
 */
void
pilote_activities_view_set_store (PiloteActivitiesView *self,
                                  PiloteStore          *store)
{
  g_return_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  forget_undo (self);
  self->loading = TRUE;
  fill_owners (self);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  self->loading = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activities.new",
                                 store != NULL && !pilote_store_is_read_only (store));
  pilote_activities_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pilote_activities_view_set_now:
 * @now: (nullable): the moment the agenda is drawn at; %NULL for the clock
 */
void
pilote_activities_view_set_now (PiloteActivitiesView *self,
                                GDateTime            *now)
{
  g_return_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  pilote_activities_view_reload (self);
}

/**
 * pilote_activities_view_get_model:
 *
 * Returns: (transfer none): the list the view shows
 */
PiloteActivitiesModel *
pilote_activities_view_get_model (PiloteActivitiesView *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_VIEW (self), NULL);
  return self->model;
}
