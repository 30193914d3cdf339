/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-test"

#include "config.h"

#include <adwaita.h>

#include "pilote-activities-view.h"
#include "pilote-activity-editor-private.h"
#include "pilote-activity-notifier.h"
#include "pilote-activity-row.h"
#include "pilote-agenda.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-resources.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/*
 * The Activities view under Xvfb, on a small demo company, with "now"
 * pinned to Wednesday 18 November 2026 at 10:00: an activity created in
 * the editor for a client shows in Today; marked done it moves to Done,
 * and Undo brings it back; a stale version is refused; rescheduling moves
 * it to This Week; a delete is undone. The notifier announces an activity
 * of who you are falling due, once, through a test sink.
 */

typedef struct {
  char                 *dir;
  PiloteStore          *store;
  GDateTime            *now;
  GtkWidget            *window;
  AdwToastOverlay      *overlay;
  PiloteActivitiesView *view;
  gint64                client_id;
  char                 *client_name;
} Fixture;

static void
flush_events (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  PiloteQuery first = { .sort_field = "name", .limit = 1 };
  PiloteDemoOptions options;
  GDate today;

  f->dir = g_dir_make_tmp ("pilote-activities-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_date_set_dmy (&today, 18, G_DATE_NOVEMBER, 2026);
  pilote_demo_options_init (&options);
  options.n_clients = 60;
  options.n_deals = 500;
  options.today = &today;
  g_assert_true (pilote_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);
  f->now = g_date_time_new_local (2026, 11, 18, 10, 0, 0);

  clients = pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, &first, &error);
  g_assert_no_error (error);
  f->client_id = ((PiloteClient *) g_ptr_array_index (clients, 0))->base.id;
  f->client_name = g_strdup (((PiloteClient *) g_ptr_array_index (clients, 0))->name);

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 760);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  f->view = PILOTE_ACTIVITIES_VIEW (pilote_activities_view_new ());
  pilote_activities_view_set_now (f->view, f->now);
  pilote_activities_view_set_store (f->view, f->store);
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->overlay));
  gtk_window_present (GTK_WINDOW (f->window));
  flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  g_assert_null (f->view);
  g_assert_finalize_object (f->store);
  g_date_time_unref (f->now);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->client_name);
}

static gint64
count_of (Fixture            *f,
          PiloteAgendaBucket  bucket)
{
  return pilote_activities_model_get_count (pilote_activities_view_get_model (f->view), bucket);
}

/* The entry of the list right after a section's header */
static PiloteActivitiesEntry *
first_of (Fixture            *f,
          PiloteAgendaBucket  bucket)
{
  PiloteActivitiesModel *model = pilote_activities_view_get_model (f->view);
  guint header = pilote_activities_model_get_header_position (model, bucket);
  PiloteActivitiesEntry *entry;

  g_assert_cmpuint (header, !=, G_MAXUINT);
  entry = g_list_model_get_item (G_LIST_MODEL (model), header);
  g_assert_true (pilote_activities_entry_is_header (entry));
  g_object_unref (entry);
  entry = g_list_model_get_item (G_LIST_MODEL (model), header + 1);
  g_assert_nonnull (pilote_activities_entry_get_item (entry));
  return entry;
}

static void
on_saved_cb (PiloteActivityEditor *editor,
             gint64                activity_id,
             gint64               *id)
{
  *id = activity_id;
}

/* Creates an activity for the first client in the editor, as a user does */
static gint64
create_in_editor (Fixture    *f,
                  const char *subject,
                  const char *time)
{
  PiloteActivityEditor *editor;
  g_autoptr(GError) error = NULL;
  gint64 id;

  editor = PILOTE_ACTIVITY_EDITOR (pilote_activities_view_edit (f->view, 0, 0));
  g_assert_nonnull (editor);
  flush_events ();
  /* the client is found by typing part of its name */
  pilote_activity_editor_search_clients (editor, f->client_name + 1);
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (editor->client_list, 0);

    g_assert_nonnull (row);
    g_signal_emit_by_name (editor->client_list, "row-activated", row);
  }
  g_assert_cmpint (editor->client_id, ==, f->client_id);
  adw_combo_row_set_selected (editor->kind_row, PILOTE_ACTIVITY_MEETING);
  gtk_editable_set_text (GTK_EDITABLE (editor->subject_row), subject);
  gtk_editable_set_text (GTK_EDITABLE (editor->date_row), "2026-11-18");

  /* a time that is no time is refused, and says how to type one */
  gtk_editable_set_text (GTK_EDITABLE (editor->time_row), "25:99");
  g_assert_false (pilote_activity_editor_save (editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (gtk_label_get_text (editor->error_label), "HH:MM"));
  g_clear_error (&error);

  gtk_editable_set_text (GTK_EDITABLE (editor->time_row), time);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &id);
  id = 0;
  g_assert_true (pilote_activity_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* saving closes the editor */
  flush_events ();
  g_assert_null (editor);
  return id;
}

static void
test_create_and_done (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteActivitiesEntry) entry = NULL;
  g_autoptr(PiloteActivitiesEntry) done = NULL;
  g_autoptr(PiloteActivity) stored = NULL;
  const PiloteAgendaItem *item;
  gint64 today_before = count_of (f, PILOTE_AGENDA_TODAY);
  gint64 done_before = count_of (f, PILOTE_AGENDA_DONE);
  GtkWidget *row;
  gint64 id;

  id = create_in_editor (f, "Renewal meeting", "15:30");
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_TODAY), ==, today_before + 1);
  entry = first_of (f, PILOTE_AGENDA_TODAY);
  item = pilote_activities_entry_get_item (entry);
  g_assert_cmpint (item->activity_id, ==, id);
  g_assert_cmpstr (item->subject, ==, "Renewal meeting");
  g_assert_cmpstr (item->client, ==, f->client_name);
  g_assert_cmpint (item->kind, ==, PILOTE_ACTIVITY_MEETING);

  /* what its row says of when it is due */
  row = g_object_ref_sink (pilote_activity_row_new ());
  pilote_activity_row_bind (PILOTE_ACTIVITY_ROW (row), entry, f->now);
  g_assert_cmpstr (pilote_activity_row_get_due_text (PILOTE_ACTIVITY_ROW (row)), ==,
                   "Due in 5 hours");
  pilote_activity_row_unbind (PILOTE_ACTIVITY_ROW (row));
  g_assert_finalize_object (row);

  /* someone who saw an older version cannot mark it done */
  g_assert_false (pilote_activities_view_mark_done (f->view, id, item->version - 1, NULL, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_TODAY), ==, today_before + 1);

  /* marked done, with its outcome: it moves to Done, Undo is offered */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "activities.mark-done", "(xxs)", id,
                              item->version, "Signed for two more years");
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_TODAY), ==, today_before);
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_DONE), ==, done_before + 1);
  done = first_of (f, PILOTE_AGENDA_DONE);
  g_assert_cmpint (pilote_activities_entry_get_item (done)->activity_id, ==, id);
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_cmpstr (stored->notes, ==, "Signed for two more years");
  {
    char stamp[PILOTE_AGENDA_STAMP_LEN];

    pilote_agenda_format_stamp (f->now, stamp);
    g_assert_cmpstr (stored->done_at, ==, stamp);
  }
  g_assert_nonnull (pilote_activities_view_get_undo_toast (f->view));

  /* Undo: back in Today, without the outcome */
  pilote_activities_view_undo (f->view);
  g_assert_null (pilote_activities_view_get_undo_toast (f->view));
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_TODAY), ==, today_before + 1);
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_DONE), ==, done_before);
  g_clear_pointer (&stored, pilote_record_free);
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_null (stored->done_at);
  g_assert_null (stored->notes);
}

static void
test_reschedule_and_delete (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) friday = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
  g_autoptr(PiloteActivity) stored = NULL;
  gint64 week_before = count_of (f, PILOTE_AGENDA_THIS_WEEK);
  gint64 id = create_in_editor (f, "Call back", "11:00");
  gint64 today = count_of (f, PILOTE_AGENDA_TODAY);

  stored = pilote_store_get_activity (f->store, id, &error);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "activities.reschedule", "(xxx)", id,
                              stored->base.version, g_date_time_to_unix (friday));
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_TODAY), ==, today - 1);
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_THIS_WEEK), ==, week_before + 1);
  g_clear_pointer (&stored, pilote_record_free);
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_cmpint (stored->base.version, ==, 2);

  g_assert_true (pilote_activities_view_delete (f->view, id, stored->base.version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_THIS_WEEK), ==, week_before);
  g_assert_nonnull (pilote_activities_view_get_undo_toast (f->view));
  pilote_activities_view_undo (f->view);
  g_assert_cmpint (count_of (f, PILOTE_AGENDA_THIS_WEEK), ==, week_before + 1);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  gint64 everyone[PILOTE_AGENDA_N_BUCKETS], calls[PILOTE_AGENDA_N_BUCKETS];
  gint64 total_everyone = 0, total_calls = 0;

  for (PiloteAgendaBucket b = 0; b < PILOTE_AGENDA_N_BUCKETS; b++)
    total_everyone += everyone[b] = count_of (f, b);
  g_assert_cmpint (total_everyone, >, 0);
  g_assert_cmpint (everyone[PILOTE_AGENDA_OVERDUE], >, 0);
  pilote_activities_view_set_filter (f->view, 0, PILOTE_ACTIVITY_CALL);
  for (PiloteAgendaBucket b = 0; b < PILOTE_AGENDA_N_BUCKETS; b++)
    {
      total_calls += calls[b] = count_of (f, b);
      g_assert_cmpint (calls[b], <=, everyone[b]);
    }
  g_assert_cmpint (total_calls, >, 0);
  g_assert_cmpint (total_calls, <, total_everyone);

  /* the agenda fits a phone-sized window */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("narrowest agenda: %d px", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
}

static void
test_relative_wording (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 18, 10, 0, 0);
  struct { int minutes; const char *text; } cases[] = {
    { 0, "now" },
    { 20, "in 20 minutes" },
    { 150, "in 2 hours" },
    { -45, "45 minutes ago" },
    { -180, "3 hours ago" },
    { 23 * 60, "tomorrow at 09:00" },
    { -24 * 60, "yesterday" },
    { 2 * 24 * 60 + 270, "Friday at 14:30" },
    { -4 * 24 * 60, "4 days ago" },
    { 30 * 24 * 60, "18 December" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_add_minutes (now, cases[i].minutes);
      g_autofree char *text = pilote_activity_format_relative (time, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The notifier */

typedef struct {
  GPtrArray *ids;
  GArray    *activities;
} Sent;

static void
sink_cb (PiloteActivityNotifier *notifier,
         const char             *id,
         GNotification          *notification,
         gint64                  activity_id,
         gpointer                user_data)
{
  Sent *sent = user_data;

  g_assert_true (G_IS_NOTIFICATION (notification));
  g_ptr_array_add (sent->ids, g_strdup (id));
  g_array_append_val (sent->activities, activity_id);
}

static void
wait_for_check (PiloteActivityNotifier *notifier)
{
  pilote_activity_notifier_check (notifier);
  while (pilote_activity_notifier_is_busy (notifier))
    g_main_context_iteration (NULL, TRUE);
}

static gint64
add_due (Fixture    *f,
         gint64      owner_id,
         int         minutes,
         const char *subject)
{
  g_autoptr(PiloteActivity) activity = pilote_activity_new ();
  g_autoptr(GDateTime) due = g_date_time_add_minutes (f->now, minutes);
  g_autoptr(GError) error = NULL;
  char stamp[PILOTE_AGENDA_STAMP_LEN];

  pilote_agenda_format_stamp (due, stamp);
  activity->kind = PILOTE_ACTIVITY_CALL;
  activity->owner_id = owner_id;
  activity->client_id = f->client_id;
  activity->subject = g_strdup (subject);
  activity->due_at = g_strdup (stamp);
  g_assert_true (pilote_store_insert (f->store, activity, &error));
  g_assert_no_error (error);
  return activity->base.id;
}

static void
test_notifications (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PiloteActivityNotifier) notifier = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_minutes (f->now, 60);
  PiloteQuery two = { .sort_field = "name", .limit = 2 };
  Sent sent = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gint64 me, other, soon, in_an_hour;

  members = pilote_store_list (f->store, PILOTE_ENTITY_MEMBER, &two, NULL);
  me = ((PiloteMember *) g_ptr_array_index (members, 0))->base.id;
  other = ((PiloteMember *) g_ptr_array_index (members, 1))->base.id;
  pilote_store_set_member_id (f->store, me);

  soon = add_due (f, me, 5, "Call the buyer");
  add_due (f, other, 5, "Someone else's call");
  in_an_hour = add_due (f, me, 65, "Call the architect");

  notifier = pilote_activity_notifier_new (NULL, f->store);
  pilote_activity_notifier_set_now (notifier, f->now);
  pilote_activity_notifier_set_sink (notifier, sink_cb, &sent);
  wait_for_check (notifier);
  g_assert_cmpuint (sent.ids->len, ==, 1);
  g_assert_cmpint (g_array_index (sent.activities, gint64, 0), ==, soon);

  /* a minute later: nothing announced twice */
  wait_for_check (notifier);
  g_assert_cmpuint (sent.ids->len, ==, 1);

  /* an hour later, the next one */
  pilote_activity_notifier_set_now (notifier, later);
  wait_for_check (notifier);
  g_assert_cmpuint (sent.ids->len, ==, 2);
  g_assert_cmpint (g_array_index (sent.activities, gint64, 1), ==, in_an_hour);
  g_assert_cmpstr (g_ptr_array_index (sent.ids, 0), !=, g_ptr_array_index (sent.ids, 1));

  pilote_store_set_member_id (f->store, 0);
  g_clear_object (&notifier);
  g_ptr_array_unref (sent.ids);
  g_array_unref (sent.activities);
}

int
main (int   argc,
      char *argv[])
{
  pilote_test_gui_init (&argc, &argv);

  g_test_add_func ("/activities-view/relative-wording", test_relative_wording);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/activities-view/create-and-done", test_create_and_done);
  ADD ("/activities-view/reschedule-and-delete", test_reschedule_and_delete);
  ADD ("/activities-view/filters", test_filters);
  ADD ("/activities-view/notifications", test_notifications);
#undef ADD

  return g_test_run ();
}
