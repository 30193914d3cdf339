/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-activity-editor-private.h"
#include "pilote-activity-row.h"
#include "pilote-agenda.h"
#include "pilote-error.h"
#include "pilote-period.h"

/*
 * The activity editor: a modal window that edits one call, meeting,
 * visit, e-mail or task, or a new one. The client is searched in the file
 * (a file can hold 100 000 clients: only the first matches are listed);
 * the deal is one of that client's. Saving, conflicts with someone
 * else's changes, deleting and the history are PiloteRecordEditor's.
 */

#define CLIENT_PAGE 30
#define DEAL_LIMIT 200

G_DEFINE_FINAL_TYPE (PiloteActivityEditor, pilote_activity_editor, PILOTE_TYPE_RECORD_EDITOR)

/* Clients and deals */

static void
fill_deals (PiloteActivityEditor *self,
            gint64                selected)
{
  PiloteFilter of_client[] = { { "client_id", PILOTE_OP_EQ, NULL, self->client_id } };
  PiloteQuery query = { of_client, 1, NULL, "created_on", TRUE, DEAL_LIMIT, 0, FALSE };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 none = 0;
  guint position = 0;

  g_clear_pointer (&self->deal_ids, g_array_unref);
  self->deal_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (names, C_("deal", "None"));
  g_array_append_val (self->deal_ids, none);
  if (self->client_id > 0)
    deals = pilote_store_list (self->store, PILOTE_ENTITY_DEAL, &query, &error);
  if (error != NULL)
    g_warning ("Could not list the deals of the client: %s", error->message);
  for (guint i = 0; deals != NULL && i < deals->len; i++)
    {
      const PiloteDeal *deal = g_ptr_array_index (deals, i);

      if (deal->base.id == selected)
        position = self->deal_ids->len;
      gtk_string_list_append (names, deal->title);
      g_array_append_val (self->deal_ids, deal->base.id);
    }
  adw_combo_row_set_model (self->deal_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->deal_row, position);
  gtk_widget_set_sensitive (GTK_WIDGET (self->deal_row), self->deal_ids->len > 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->deal_row),
                               self->client_id == 0 ? _("Choose the client first")
                               : self->deal_ids->len == 1 ? _("The client has no deal")
                               : NULL);
}

/**
 * pilote_activity_editor_set_client:
 * @client_id: the client, 0 for none
 * @name: (nullable): its name
 *
 * Links the activity to a client; the deals offered become that client's.
 */
void
pilote_activity_editor_set_client (PiloteActivityEditor *self,
                                   gint64                client_id,
                                   const char           *name)
{
  g_return_if_fail (PILOTE_IS_ACTIVITY_EDITOR (self));

  self->client_id = client_id;
  gtk_label_set_text (self->client_label, client_id != 0 && name != NULL ? name
                                                                        : C_("client", "None"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->client_label), client_id != 0 ? name : NULL);
  fill_deals (self, 0);
}

static GtkWidget *
client_list_row (const char *name,
                 const char *city,
                 gint64      client_id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (city != NULL)
    {
      GtkWidget *detail = gtk_label_new (city);

      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (detail, "caption");
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_box_append (GTK_BOX (box), detail);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "client-id",
                          g_memdup2 (&client_id, sizeof client_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "client-name", g_strdup (name), g_free);
  return row;
}

/**
 * pilote_activity_editor_search_clients:
 * @text: (nullable): what the user typed
 *
 * Lists the first clients whose name starts with, then contains, @text.
 */
void
pilote_activity_editor_search_clients (PiloteActivityEditor *self,
                                       const char           *text)
{
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (PILOTE_IS_ACTIVITY_EDITOR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_list))) != NULL)
    gtk_list_box_remove (self->client_list, child);
  if (text == NULL || *text == '\0')
    {
      GtkWidget *none = client_list_row (C_("client", "None"), NULL, 0);

      gtk_widget_add_css_class (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (none)),
                                "dim-label");
      gtk_list_box_append (self->client_list, none);
    }
  clients = pilote_agenda_search_clients (self->store, text, CLIENT_PAGE, &error);
  if (clients == NULL)
    {
      g_warning ("Could not search the clients: %s", error->message);
      return;
    }
  for (guint i = 0; i < clients->len; i++)
    {
      const PiloteAgendaClient *client = g_ptr_array_index (clients, i);

      gtk_list_box_append (self->client_list,
                           client_list_row (client->name, client->city, client->client_id));
    }
  if (clients->len == 0 && text != NULL && *text != '\0')
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (_("No client has this name"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->client_list, row);
    }
}

static void
choose_client_row (PiloteActivityEditor *self,
                   GtkListBoxRow        *row)
{
  const gint64 *client_id = g_object_get_data (G_OBJECT (row), "client-id");

  if (client_id == NULL)
    return;
  pilote_activity_editor_set_client (self, *client_id,
                                     g_object_get_data (G_OBJECT (row), "client-name"));
  gtk_menu_button_popdown (self->client_button);
}

static void
on_client_row_activated_cb (PiloteActivityEditor *self,
                            GtkListBoxRow        *row)
{
  choose_client_row (self, row);
}

static void
on_client_search_changed_cb (PiloteActivityEditor *self)
{
  pilote_activity_editor_search_clients (self,
                                         gtk_editable_get_text (GTK_EDITABLE (self->client_search)));
}

static void
on_client_search_activated_cb (PiloteActivityEditor *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->client_list, 0);

  if (row != NULL)
    choose_client_row (self, row);
}

static void
on_client_popover_shown_cb (PiloteActivityEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->client_search), "");
  pilote_activity_editor_search_clients (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_search));
}

/* Dates */

static void
on_day_selected_cb (GtkCalendar *calendar,
                    AdwEntryRow *row)
{
  g_autoptr(GDateTime) time = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (time, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), iso);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_shown_cb (GtkPopover  *popover,
                      AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!pilote_date_parse_iso (gtk_editable_get_text (GTK_EDITABLE (row)), &date))
    pilote_date_set_today (&date);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  g_signal_handlers_block_by_func (calendar, on_day_selected_cb, row);
  gtk_calendar_select_day (calendar, time);
  g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, row);
}

static void
add_calendar_button (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a date"), -1);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_shown_cb), row);
  adw_entry_row_add_suffix (row, button);
}

/* "14:30", "14h30", "9", "0930" */
static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  gint64 h, m = 0;

  if (*copy == '\0')
    return FALSE;
  h = g_ascii_strtoll (copy, &end, 10);
  if (end == copy)
    return FALSE;
  if (end - copy == 4 && *end == '\0')
    {
      m = h % 100;
      h /= 100;
    }
  else if (*end == ':' || *end == 'h' || *end == 'H' || *end == '.')
    {
      char *start = end + 1;

      if (*start != '\0')
        {
          m = g_ascii_strtoll (start, &end, 10);
          if (end == start || end - start != 2)
            return FALSE;
        }
      else
        end = start;
    }
  if (*end != '\0' || h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;
  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

static void
set_due_rows (PiloteActivityEditor *self,
              GDateTime            *due)
{
  g_autofree char *date = due != NULL ? g_date_time_format (due, "%Y-%m-%d") : NULL;
  g_autofree char *time = due != NULL ? g_date_time_format (due, "%H:%M") : NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date != NULL ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time != NULL ? time : "");
}

/* Loading */

static void
fill_owners (PiloteActivityEditor *self,
             gint64                selected)
{
  PiloteQuery query = { .sort_field = "name" };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) members = NULL;
  gint64 none = 0;
  guint position = 0;

  g_clear_pointer (&self->owner_ids, g_array_unref);
  self->owner_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (names, C_("owner", "Nobody"));
  g_array_append_val (self->owner_ids, none);
  members = pilote_store_list (self->store, PILOTE_ENTITY_MEMBER, &query, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const PiloteMember *member = g_ptr_array_index (members, i);

      /* former members only for the activities they still own */
      if (!member->active && member->base.id != selected)
        continue;
      if (member->base.id == selected)
        position = self->owner_ids->len;
      gtk_string_list_append (names, member->name);
      g_array_append_val (self->owner_ids, member->base.id);
    }
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->owner_row, position);
}

static void
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteActivityEditor *self = PILOTE_ACTIVITY_EDITOR (editor);
  const PiloteActivity *activity = record;
  g_autoptr(GDateTime) due = pilote_agenda_parse_stamp (activity->due_at);
  g_autoptr(PiloteClient) client = NULL;
  gboolean is_new = activity->base.id == 0;

  adw_window_title_set_title (self->window_title, is_new ? _("New Activity") : _("Activity"));
  adw_window_title_set_subtitle (self->window_title, is_new ? NULL : activity->subject);
  adw_combo_row_set_selected (self->kind_row, activity->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row),
                         activity->subject != NULL ? activity->subject : "");
  if (activity->client_id > 0)
    client = pilote_store_get_client (self->store, activity->client_id, NULL);
  self->client_id = client != NULL ? client->base.id : 0;
  gtk_label_set_text (self->client_label, client != NULL ? client->name : C_("client", "None"));
  fill_deals (self, activity->deal_id);
  fill_owners (self, activity->owner_id);
  set_due_rows (self, due);
  gtk_switch_set_active (self->done_switch, activity->done_at != NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            activity->notes != NULL ? activity->notes : "", -1);
  gtk_widget_set_visible (self->delete_button, !is_new);
}

static char *
describe (PiloteRecordEditor *editor)
{
  const PiloteActivity *activity = pilote_record_editor_get_record (editor);

  return g_strdup (activity->subject);
}

/* Saving */

static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  PiloteActivityEditor *self = PILOTE_ACTIVITY_EDITOR (editor);
  g_autoptr(PiloteActivity) activity = pilote_record_copy (pilote_record_editor_get_record (editor));
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *time_text = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
  g_autofree char *date_copy = g_strstrip (g_strdup (date_text));
  g_autofree char *time_copy = g_strstrip (g_strdup (time_text));
  guint deal = adw_combo_row_get_selected (self->deal_row);
  guint owner = adw_combo_row_get_selected (self->owner_row);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;
  int hour = 9, minute = 0;
  GDate date;

  if (strspn (subject, " \t\n") == strlen (subject))
    {
      *bad_row = GTK_WIDGET (self->subject_row);
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("Subject: type what the activity is about, for example “Call "
                             "about the quote”."));
      return NULL;
    }
  if (*date_copy != '\0' && !pilote_date_parse_iso (date_copy, &date))
    {
      *bad_row = GTK_WIDGET (self->date_row);
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("Due date: type a date as YYYY-MM-DD, or choose one in the "
                             "calendar."));
      return NULL;
    }
  if (*time_copy != '\0' && !parse_time (time_copy, &hour, &minute))
    {
      *bad_row = GTK_WIDGET (self->time_row);
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("Time: type a time of day as HH:MM, for example 14:30."));
      return NULL;
    }
  if (*date_copy == '\0' && *time_copy != '\0')
    {
      *bad_row = GTK_WIDGET (self->date_row);
      g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           _("Due date: choose the day of this time, or clear the time."));
      return NULL;
    }

  activity->kind = adw_combo_row_get_selected (self->kind_row);
  g_free (activity->subject);
  activity->subject = g_strstrip (g_strdup (subject));
  activity->client_id = self->client_id;
  activity->deal_id = deal < self->deal_ids->len ? g_array_index (self->deal_ids, gint64, deal) : 0;
  activity->owner_id = owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner)
                                                    : 0;
  g_clear_pointer (&activity->due_at, g_free);
  if (*date_copy != '\0')
    {
      g_autoptr(GDateTime) due = g_date_time_new_local (g_date_get_year (&date),
                                                        g_date_get_month (&date),
                                                        g_date_get_day (&date), hour, minute, 0);
      char stamp[PILOTE_AGENDA_STAMP_LEN];

      pilote_agenda_format_stamp (due, stamp);
      activity->due_at = g_strdup (stamp);
    }
  if (!gtk_switch_get_active (self->done_switch))
    g_clear_pointer (&activity->done_at, g_free);
  else if (activity->done_at == NULL)
    {
      char stamp[PILOTE_AGENDA_STAMP_LEN];

      pilote_agenda_format_stamp (self->now, stamp);
      activity->done_at = g_strdup (stamp);
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_free (activity->notes);
  activity->notes = *g_strstrip (notes) != '\0' ? g_strdup (notes) : NULL;
  return g_steal_pointer (&activity);
}

/**
 * pilote_activity_editor_get_conflict_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog shown after a conflict
 */
GtkWidget *
pilote_activity_editor_get_conflict_dialog (PiloteActivityEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITY_EDITOR (self), NULL);
  return pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (self));
}

/**
 * pilote_activity_editor_save:
 *
 * Checks and writes the activity; on success emits "saved" and closes.
 * A problem is shown in the editor (and returned), which stays open.
 */
gboolean
pilote_activity_editor_save (PiloteActivityEditor  *self,
                             GError               **error)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITY_EDITOR (self), FALSE);

  if (!pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error))
    return FALSE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* The window */

gint64
pilote_activity_editor_get_activity_id (PiloteActivityEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITY_EDITOR (self), 0);
  return pilote_record_editor_get_id (PILOTE_RECORD_EDITOR (self));
}

static void
pilote_activity_editor_dispose (GObject *object)
{
  PiloteActivityEditor *self = PILOTE_ACTIVITY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_ACTIVITY_EDITOR);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_activity_editor_parent_class)->dispose (object);
}

static void
pilote_activity_editor_finalize (GObject *object)
{
  PiloteActivityEditor *self = PILOTE_ACTIVITY_EDITOR (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->deal_ids, g_array_unref);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_activity_editor_parent_class)->finalize (object);
}

static void
pilote_activity_editor_class_init (PiloteActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = pilote_activity_editor_dispose;
  object_class->finalize = pilote_activity_editor_finalize;

  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->describe = describe;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, client_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, client_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, client_search);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, client_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, deal_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, done_switch);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteActivityEditor, delete_button);

}

static void
pilote_activity_editor_init (PiloteActivityEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  pilote_record_editor_set_error_widgets (PILOTE_RECORD_EDITOR (self), self->error_revealer,
                                          self->error_label);
  for (PiloteActivityKind kind = PILOTE_ACTIVITY_CALL; kind <= PILOTE_ACTIVITY_TASK; kind++)
    gtk_string_list_append (kinds, pilote_activity_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  add_calendar_button (self->date_row);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), "");
  g_signal_connect_object (gtk_menu_button_get_popover (self->client_button), "show",
                           G_CALLBACK (on_client_popover_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->client_search, "search-changed",
                            G_CALLBACK (on_client_search_changed_cb), self);
  g_signal_connect_swapped (self->client_search, "activate",
                            G_CALLBACK (on_client_search_activated_cb), self);
  g_signal_connect_swapped (self->client_list, "row-activated",
                            G_CALLBACK (on_client_row_activated_cb), self);
}

/**
 * pilote_activity_editor_new:
 * @activity_id: the activity to edit, or 0 for a new one
 * @client_id: for a new activity, its client (0 for none yet)
 * @kind: for a new activity, its kind
 * @now: the moment a new activity is planned from (due the next full
 *   hour) and done activities are marked done at
 * @parent: (nullable): the window to stay over
 *
 * Returns: (transfer none): the editor, not shown yet; %NULL when the
 *   activity cannot be read
 */
PiloteActivityEditor *
pilote_activity_editor_new (PiloteStore         *store,
                            gint64               activity_id,
                            gint64               client_id,
                            PiloteActivityKind   kind,
                            GDateTime           *now,
                            GtkWindow           *parent,
                            GError             **error)
{
  g_autoptr(PiloteActivity) activity = NULL;
  PiloteActivityEditor *self;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (activity_id > 0)
    {
      activity = pilote_store_get_activity (store, activity_id, error);
      if (activity == NULL)
        return NULL;
      if (activity->base.deleted_at != NULL)
        {
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                       _("The activity was deleted. Someone else may have deleted it."));
          return NULL;
        }
    }
  else
    {
      g_autoptr(GDateTime) hour = g_date_time_add_minutes (now, 60 - g_date_time_get_minute (now));
      g_autoptr(GDateTime) due = g_date_time_new (g_date_time_get_timezone (hour),
                                                  g_date_time_get_year (hour),
                                                  g_date_time_get_month (hour),
                                                  g_date_time_get_day_of_month (hour),
                                                  g_date_time_get_hour (hour), 0, 0);
      char stamp[PILOTE_AGENDA_STAMP_LEN];

      activity = pilote_activity_new ();
      activity->kind = kind;
      activity->client_id = client_id;
      activity->owner_id = pilote_store_get_member_id (store);
      pilote_agenda_format_stamp (due, stamp);
      activity->due_at = g_strdup (stamp);
    }

  self = g_object_new (PILOTE_TYPE_ACTIVITY_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->now = g_date_time_ref (now);
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&activity));
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
  return self;
}
