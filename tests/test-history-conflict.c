/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pilote-action-editor.h"
#include "pilote-activities-view.h"
#include "pilote-activity-editor-private.h"
#include "pilote-application.h"
#include "pilote-backup.h"
#include "pilote-backups-dialog.h"
#include "pilote-client-editor.h"
#include "pilote-conflict-dialog.h"
#include "pilote-contact-editor.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-history-dialog.h"
#include "pilote-objective-editor.h"
#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-spend-editor.h"
#include "pilote-test-utils.h"
#include "pilote-window.h"
#include "pilote-test-gui.h"

/*
 * Under Xvfb, on a small demo company: the history dialog of a deal
 * edited twice lists both changes, newest first, from old to new; the
 * conflict dialog merges field by field, as chosen, on top of their
 * version; the backups dialog takes a copy and restoring it brings the
 * earlier content back. The client, activity, action and objective
 * editors, on one connection, save over changes made on a second one:
 * the conflict dialog lists the fields that differ with both versions,
 * saves the values chosen field by field and loses none; a further change
 * meanwhile asks again; deleting a record changed meanwhile asks first;
 * History lists the changes, choices by their label.
 */

typedef struct {
  char        *dir;
  char        *path;
  PiloteStore *store;
  GtkWidget   *window;
  gint64       deal_id;
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
  g_autoptr(GPtrArray) deals = NULL;
  PiloteDemoOptions options;
  PiloteQuery query = { .limit = 1 };
  GDate today;

  f->dir = g_dir_make_tmp ("pilote-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &today));
  pilote_demo_options_init (&options);
  options.n_clients = 20;
  options.n_deals = 60;
  options.today = &today;
  g_assert_true (pilote_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);
  deals = pilote_store_list (f->store, PILOTE_ENTITY_DEAL, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
  f->deal_id = ((PiloteRecord *) g_ptr_array_index (deals, 0))->id;

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
set_title (PiloteStore *store,
           gint64       deal_id,
           const char  *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteDeal) deal = pilote_store_get_deal (store, deal_id, &error);

  g_assert_no_error (error);
  g_free (deal->title);
  deal->title = g_strdup (title);
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);
}

/* the texts of the labels shown under @widget, one line each */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
wait_for (gboolean (*busy) (gpointer),
          gpointer   dialog)
{
  for (guint i = 0; i < 12000 && busy (dialog); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_false (busy (dialog));
  flush_events ();
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  PiloteHistoryDialog *dialog;
  GtkListBoxRow *row;
  const char *position;

  set_title (f->store, f->deal_id, "Renewal, first draft");
  set_title (f->store, f->deal_id, "Renewal, signed");

  dialog = pilote_history_dialog_new (GTK_WINDOW (f->window), f->store, PILOTE_ENTITY_DEAL,
                                      f->deal_id, "Renewal");
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (pilote_history_dialog_is_loading (dialog));
  wait_for ((gboolean (*) (gpointer)) pilote_history_dialog_is_loading, dialog);

  /* both changes, newest first */
  g_assert_cmpuint (pilote_history_dialog_get_n_shown (dialog), >=, 2);
  row = gtk_list_box_get_row_at_index (pilote_history_dialog_get_list (dialog), 0);
  g_assert_nonnull (row);
  collect_text (GTK_WIDGET (row), first);
  g_assert_nonnull (strstr (first->str, "Title: Renewal, first draft → Renewal, signed"));
  g_assert_nonnull (strstr (first->str, "Changed"));
  row = gtk_list_box_get_row_at_index (pilote_history_dialog_get_list (dialog), 1);
  collect_text (GTK_WIDGET (row), second);
  position = strstr (second->str, "Title: ");
  g_assert_nonnull (position);
  g_assert_true (g_str_has_suffix (strtok ((char *) position, "\n"), "→ Renewal, first draft"));
  /* when: relative, the exact date in the tooltip */
  g_assert_nonnull (strstr (first->str, "Just now"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  g_assert_finalize_object (dialog);
}

/* a page at a time: "Show More" adds the older entries */
static void
test_history_show_more (Fixture       *f,
                        gconstpointer  data)
{
  PiloteHistoryDialog *dialog;
  guint first_page;

  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *title = g_strdup_printf ("Draft %u", i + 1);

      set_title (f->store, f->deal_id, title);
    }
  dialog = pilote_history_dialog_new (GTK_WINDOW (f->window), f->store, PILOTE_ENTITY_DEAL,
                                      f->deal_id, NULL);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for ((gboolean (*) (gpointer)) pilote_history_dialog_is_loading, dialog);
  first_page = pilote_history_dialog_get_n_shown (dialog);
  g_assert_cmpuint (first_page, >, 0);
  g_assert_cmpuint (first_page, <, 45);
  pilote_history_dialog_show_more (dialog);
  wait_for ((gboolean (*) (gpointer)) pilote_history_dialog_is_loading, dialog);
  g_assert_cmpuint (pilote_history_dialog_get_n_shown (dialog), >=, 45);
  g_assert_nonnull (gtk_list_box_get_row_at_index (pilote_history_dialog_get_list (dialog), 44));
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  g_assert_finalize_object (dialog);
}

static void
test_history_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  PiloteHistoryDialog *dialog;

  /* a record with no entry: the empty state, not an empty list */
  dialog = pilote_history_dialog_new (GTK_WINDOW (f->window), f->store, PILOTE_ENTITY_DEAL,
                                      G_MAXINT32, NULL);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for ((gboolean (*) (gpointer)) pilote_history_dialog_is_loading, dialog);
  g_assert_cmpuint (pilote_history_dialog_get_n_shown (dialog), ==, 0);
  collect_text (GTK_WIDGET (dialog), text);
  g_assert_nonnull (strstr (text->str, "No Changes Recorded"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (pilote_history_dialog_get_list (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  g_assert_finalize_object (dialog);
}

/* two fields differ: keep theirs for one, mine for the other */
static void
test_conflict_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteDeal) original = pilote_store_get_deal (f->store, f->deal_id, &error);
  g_autoptr(PiloteDeal) mine = pilote_record_copy (original);
  g_autoptr(PiloteDeal) theirs = pilote_record_copy (original);
  g_autoptr(PiloteDeal) merged = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  PiloteConflict *conflict;
  PiloteConflictDialog *dialog;

  g_free (theirs->title);
  theirs->title = g_strdup ("Their title");
  theirs->probability = 0.9;
  g_assert_true (pilote_store_update (f->store, theirs, &error));
  g_assert_no_error (error);

  g_free (mine->title);
  mine->title = g_strdup ("My title");
  mine->probability = 0.35;
  g_assert_false (pilote_store_update (f->store, mine, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  conflict = pilote_conflict_new (f->store, original, mine, &error);
  g_assert_no_error (error);
  dialog = pilote_conflict_dialog_new (GTK_WINDOW (f->window), f->store, conflict, "Deal");
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  flush_events ();
  g_assert_cmpuint (conflict->fields->len, ==, 2);
  collect_text (GTK_WIDGET (dialog), text);
  g_assert_nonnull (strstr (text->str, "Their title"));
  g_assert_nonnull (strstr (text->str, "My title"));
  g_assert_true (pilote_conflict_dialog_get_take_mine (dialog, "title"));
  g_assert_true (pilote_conflict_dialog_get_take_mine (dialog, "probability"));

  pilote_conflict_dialog_set_take_mine (dialog, "probability", FALSE);
  merged = pilote_conflict_merge (pilote_conflict_dialog_get_conflict (dialog));
  g_assert_true (pilote_store_update (f->store, merged, &error));
  g_assert_no_error (error);
  stored = pilote_store_get_deal (f->store, f->deal_id, &error);
  g_assert_cmpstr (stored->title, ==, "My title");
  g_assert_cmpfloat_with_epsilon (stored->probability, 0.9, 1e-9);

  pilote_conflict_dialog_response (dialog, "cancel");
  flush_events ();
  g_assert_finalize_object (dialog);
}

/* Record editors against a second connection */

static PiloteStore *
open_other (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PiloteStore *other = pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return other;
}

static gint64
first_client (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PiloteQuery query = { .limit = 1 };
  g_autoptr(GPtrArray) clients = pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, &query,
                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  return ((PiloteRecord *) g_ptr_array_index (clients, 0))->id;
}

static void
update_record (PiloteStore *store,
               gpointer     record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pilote_store_update (store, record, &error));
  g_assert_no_error (error);
}

/* the conflict dialog an editor shows, its fields as expected */
static PiloteConflictDialog *
conflict_dialog_of (gpointer editor)
{
  GtkWidget *dialog = pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (editor));

  g_assert_true (PILOTE_IS_CONFLICT_DIALOG (dialog));
  return PILOTE_CONFLICT_DIALOG (dialog);
}

static PiloteConflictField *
find_conflict_field (PiloteConflictDialog *dialog,
                     const char           *name)
{
  PiloteConflict *conflict = pilote_conflict_dialog_get_conflict (dialog);

  for (guint i = 0; i < conflict->fields->len; i++)
    {
      PiloteConflictField *field = g_ptr_array_index (conflict->fields, i);

      if (g_str_equal (field->name, name))
        return field;
    }
  return NULL;
}

static void
assert_text_has (GtkWidget  *widget,
                 const char *wanted)
{
  g_autoptr(GString) text = g_string_new (NULL);

  collect_text (widget, text);
  if (strstr (text->str, wanted) == NULL)
    g_error ("“%s” is not shown in:\n%s", wanted, text->str);
}

/* the History… of an editor: its dialog, read */
static PiloteHistoryDialog *
open_history (gpointer editor)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  PiloteHistoryDialog *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.history", NULL));
  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PILOTE_IS_HISTORY_DIALOG (window))
        dialog = PILOTE_HISTORY_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  wait_for ((gboolean (*) (gpointer)) pilote_history_dialog_is_loading, dialog);
  return dialog;
}

static void
close_history (PiloteHistoryDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  g_assert_finalize_object (dialog);
}

/* With PILOTE_SCREENSHOT_DIR set, saves what @window shows as @name */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("PILOTE_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autofree char *file = NULL;
  GskRenderNode *node = NULL;
  GdkTexture *texture;
  int w, h;

  if (dir == NULL)
    return;
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  paintable = gtk_widget_paintable_new (window);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  for (guint i = 0; node == NULL && i < 20; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        flush_events ();
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_object_unref (texture);
  gsk_render_node_unref (node);
}

/* the client: four fields differ, one changed by both; the choices are saved */
static void
test_client_editor_conflict (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteClient) original = NULL;
  g_autoptr(PiloteClient) theirs = NULL;
  g_autoptr(PiloteClient) stored = NULL;
  gint64 id = first_client (f);
  PiloteClientEditor *editor;
  PiloteConflictDialog *dialog;
  PiloteHistoryDialog *history;

  original = pilote_store_get_client (f->store, id, &error);
  g_assert_no_error (error);
  if (original->kind == PILOTE_CLIENT_KIND_FORMER)
    {
      original->kind = PILOTE_CLIENT_KIND_CLIENT;
      update_record (f->store, original);
    }
  editor = pilote_client_editor_new (f->store, id, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (pilote_client_editor_get_entry (editor, "city"), "Lorient");
  gtk_editable_set_text (pilote_client_editor_get_entry (editor, "sector"), "Wine trade");
  save_screenshot (GTK_WIDGET (editor), "client-editor.png");

  theirs = pilote_store_get_client (other, id, &error);
  g_free (theirs->city);
  theirs->city = g_strdup ("Quimper");
  g_free (theirs->region);
  theirs->region = g_strdup ("Bretagne");
  theirs->kind = PILOTE_CLIENT_KIND_FORMER;
  update_record (other, theirs);

  /* nothing written over theirs: the fields that differ, to choose from */
  g_assert_false (pilote_client_editor_save (editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  flush_events ();
  dialog = conflict_dialog_of (editor);
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (dialog)->fields->len, ==, 4);
  g_assert_cmpstr (find_conflict_field (dialog, "city")->theirs, ==, "Quimper");
  g_assert_cmpstr (find_conflict_field (dialog, "city")->mine, ==, "Lorient");
  g_assert_nonnull (find_conflict_field (dialog, "sector"));
  g_assert_nonnull (find_conflict_field (dialog, "region"));
  g_assert_nonnull (find_conflict_field (dialog, "kind"));
  g_assert_null (find_conflict_field (dialog, "name"));
  assert_text_has (GTK_WIDGET (dialog), "Quimper");
  assert_text_has (GTK_WIDGET (dialog), "Lorient");
  assert_text_has (GTK_WIDGET (dialog), "Wine trade");
  assert_text_has (GTK_WIDGET (dialog), "Bretagne");
  /* a choice by its label, not its stored name */
  assert_text_has (GTK_WIDGET (dialog), "Former client");
  /* what loses nothing: mine where I changed it, theirs elsewhere */
  g_assert_true (pilote_conflict_dialog_get_take_mine (dialog, "city"));
  g_assert_true (pilote_conflict_dialog_get_take_mine (dialog, "sector"));
  g_assert_false (pilote_conflict_dialog_get_take_mine (dialog, "region"));
  g_assert_false (pilote_conflict_dialog_get_take_mine (dialog, "kind"));
  save_screenshot (GTK_WIDGET (dialog), "conflict-client.png");

  pilote_conflict_dialog_set_take_mine (dialog, "city", FALSE);
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_null (editor);
  stored = pilote_store_get_client (f->store, id, &error);
  g_assert_cmpstr (stored->city, ==, "Quimper");
  g_assert_cmpstr (stored->sector, ==, "Wine trade");
  g_assert_cmpstr (stored->region, ==, "Bretagne");
  g_assert_cmpint (stored->kind, ==, PILOTE_CLIENT_KIND_FORMER);
  g_assert_cmpstr (stored->name, ==, original->name);

  /* the history: theirs, then the merge, the kind by its label */
  editor = pilote_client_editor_new (f->store, id, GTK_WINDOW (f->window), &error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  history = open_history (editor);
  {
    g_autoptr(GString) newest = g_string_new (NULL);
    g_autoptr(GString) older = g_string_new (NULL);

    collect_text (GTK_WIDGET (gtk_list_box_get_row_at_index (pilote_history_dialog_get_list (history), 0)),
                  newest);
    collect_text (GTK_WIDGET (gtk_list_box_get_row_at_index (pilote_history_dialog_get_list (history), 1)),
                  older);
    g_assert_nonnull (strstr (newest->str, "→ Wine trade"));
    g_assert_null (strstr (newest->str, "→ Lorient"));
    g_assert_nonnull (strstr (older->str, "→ Quimper"));
    g_assert_nonnull (strstr (older->str, "Kind: "));
    g_assert_nonnull (strstr (older->str, "→ Former client"));
  }
  close_history (history);
  gtk_window_destroy (GTK_WINDOW (editor));
  flush_events ();
  g_assert_null (editor);
}

static gint64
insert_activity (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteActivity) activity = pilote_activity_new ();

  activity->kind = PILOTE_ACTIVITY_CALL;
  activity->subject = g_strdup ("Call about the quote");
  activity->client_id = first_client (f);
  activity->due_at = g_strdup ("2026-11-18T09:00:00Z");
  g_assert_true (pilote_store_insert (f->store, activity, &error));
  g_assert_no_error (error);
  return activity->base.id;
}

/* the activity: a third change while the dialog is open asks again */
static void
test_activity_editor_conflict_twice (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 15, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteActivity) theirs = NULL;
  g_autoptr(PiloteActivity) third = NULL;
  g_autoptr(PiloteActivity) stored = NULL;
  gint64 id = insert_activity (f);
  PiloteActivityEditor *editor;
  PiloteConflictDialog *first, *second;
  PiloteHistoryDialog *history;

  editor = pilote_activity_editor_new (f->store, id, 0, PILOTE_ACTIVITY_CALL, now,
                                       GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor->subject_row), "Call about the signed quote");

  theirs = pilote_store_get_activity (other, id, &error);
  g_free (theirs->subject);
  theirs->subject = g_strdup ("Call about the new quote");
  theirs->kind = PILOTE_ACTIVITY_MEETING;
  update_record (other, theirs);

  g_assert_false (pilote_activity_editor_save (editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  flush_events ();
  first = conflict_dialog_of (editor);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (first)->fields->len, ==, 2);
  g_assert_cmpstr (find_conflict_field (first, "subject")->theirs, ==, "Call about the new quote");
  g_assert_cmpstr (find_conflict_field (first, "subject")->mine, ==,
                   "Call about the signed quote");
  assert_text_has (GTK_WIDGET (first), "Call about the new quote");
  assert_text_has (GTK_WIDGET (first), "Call about the signed quote");
  assert_text_has (GTK_WIDGET (first), "Meeting");
  g_assert_true (pilote_conflict_dialog_get_take_mine (first, "subject"));
  g_assert_false (pilote_conflict_dialog_get_take_mine (first, "kind"));
  save_screenshot (GTK_WIDGET (first), "conflict-activity.png");

  /* someone changes it once more before the merge is saved */
  third = pilote_store_get_activity (other, id, &error);
  g_free (third->notes);
  third->notes = g_strdup ("Bring the contract");
  update_record (other, third);

  pilote_conflict_dialog_response (first, "save");
  flush_events ();
  g_assert_null (first);
  g_assert_nonnull (editor);
  second = conflict_dialog_of (editor);
  /* against the newest version: only their notes and my subject differ */
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (second)->fields->len, ==, 2);
  g_assert_cmpstr (find_conflict_field (second, "notes")->theirs, ==, "Bring the contract");
  g_assert_false (pilote_conflict_dialog_get_take_mine (second, "notes"));
  g_assert_true (pilote_conflict_dialog_get_take_mine (second, "subject"));
  g_assert_null (find_conflict_field (second, "kind"));
  /* the form shows the merge being saved */
  g_assert_cmpuint (adw_combo_row_get_selected (editor->kind_row), ==, PILOTE_ACTIVITY_MEETING);
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_cmpstr (stored->subject, ==, "Call about the new quote");
  g_clear_pointer (&stored, pilote_record_free);

  pilote_conflict_dialog_response (second, "save");
  flush_events ();
  g_assert_null (editor);
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_cmpstr (stored->subject, ==, "Call about the signed quote");
  g_assert_cmpint (stored->kind, ==, PILOTE_ACTIVITY_MEETING);
  g_assert_cmpstr (stored->notes, ==, "Bring the contract");

  /* the history names the kinds by their labels */
  editor = pilote_activity_editor_new (f->store, id, 0, PILOTE_ACTIVITY_CALL, now,
                                       GTK_WINDOW (f->window), &error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  history = open_history (editor);
  save_screenshot (GTK_WIDGET (history), "history-activity.png");
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)), "Kind: Call → Meeting");
  /* a moment as a date and a time of day, not as stored */
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)), "Due: ");
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)), " Nov 2026, ");
  {
    g_autoptr(GString) text = g_string_new (NULL);

    collect_text (GTK_WIDGET (pilote_history_dialog_get_list (history)), text);
    g_assert_null (strstr (text->str, "T09:00"));
  }
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)),
                   "Subject: Call about the new quote → Call about the signed quote");
  close_history (history);
  gtk_window_destroy (GTK_WINDOW (editor));
  flush_events ();
  g_assert_null (editor);
}

/* the activity: deleting it after someone else's change asks first */
static void
test_activity_editor_delete_asks (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 15, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteActivity) theirs = NULL;
  g_autoptr(PiloteActivity) stored = NULL;
  gint64 id = insert_activity (f);
  PiloteActivityEditor *editor;
  GtkWidget *dialog;

  editor = pilote_activity_editor_new (f->store, id, 0, PILOTE_ACTIVITY_CALL, now,
                                       GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  theirs = pilote_store_get_activity (other, id, &error);
  g_free (theirs->notes);
  theirs->notes = g_strdup ("Their notes");
  update_record (other, theirs);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  dialog = pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (editor));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Call about the quote"));
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_null (stored->base.deleted_at);
  g_clear_pointer (&stored, pilote_record_free);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  flush_events ();
  g_assert_null (editor);
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_nonnull (stored->base.deleted_at);
}

static gint64
insert_action (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteAction) action = pilote_action_new ();

  action->title = g_strdup ("Visit the Lyon resellers");
  action->due_on = g_strdup ("2026-11-30");
  action->status = PILOTE_PROGRESS_NOT_STARTED;
  g_assert_true (pilote_store_insert (f->store, action, &error));
  g_assert_no_error (error);
  return action->base.id;
}

static PiloteActionEditor *
open_action_editor (Fixture *f,
                    gint64   id)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod period;
  GDate day;
  PiloteActionEditor *editor;

  g_assert_true (pilote_date_parse_iso ("2026-11-15", &day));
  pilote_period_init_containing (&period, PILOTE_PERIOD_MONTH, &day, G_DATE_JANUARY);
  editor = pilote_action_editor_new (f->store, id, &period, 0, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_deleted_cb (PiloteRecordEditor *editor,
               gint64              id,
               gint64             *out)
{
  *out = id;
}

/* the action: per field, mine or theirs; a deletion after their change asks */
static void
test_action_editor_conflict (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteAction) theirs = NULL;
  g_autoptr(PiloteAction) stored = NULL;
  gint64 id = insert_action (f);
  gint64 deleted_id = 0;
  PiloteActionEditor *editor = open_action_editor (f, id);
  PiloteConflictDialog *dialog;
  PiloteHistoryDialog *history;
  GtkWidget *question;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_editable_set_text (GTK_EDITABLE (pilote_action_editor_get_row (editor, "title")),
                         "Visit the Lyon and Grenoble resellers");
  adw_combo_row_set_selected (ADW_COMBO_ROW (pilote_action_editor_get_row (editor, "status")),
                              PILOTE_PROGRESS_DONE);
  save_screenshot (GTK_WIDGET (editor), "action-editor.png");

  theirs = pilote_store_get_action (other, id, &error);
  g_free (theirs->title);
  theirs->title = g_strdup ("Visit the Lyon dealers");
  g_free (theirs->notes);
  theirs->notes = g_strdup ("Ask for the showroom");
  update_record (other, theirs);

  g_assert_false (pilote_action_editor_save (editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  flush_events ();
  dialog = conflict_dialog_of (editor);
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (dialog)->fields->len, ==, 3);
  g_assert_nonnull (find_conflict_field (dialog, "title"));
  g_assert_nonnull (find_conflict_field (dialog, "status"));
  g_assert_nonnull (find_conflict_field (dialog, "notes"));
  assert_text_has (GTK_WIDGET (dialog), "Visit the Lyon dealers");
  assert_text_has (GTK_WIDGET (dialog), "Visit the Lyon and Grenoble resellers");
  /* the statuses by their labels: mine, and theirs as it was */
  assert_text_has (GTK_WIDGET (dialog), "Done");
  assert_text_has (GTK_WIDGET (dialog), "To do");

  /* my title, their status after all, their notes */
  pilote_conflict_dialog_set_take_mine (dialog, "status", FALSE);
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_null (editor);
  stored = pilote_store_get_action (f->store, id, &error);
  g_assert_cmpstr (stored->title, ==, "Visit the Lyon and Grenoble resellers");
  g_assert_cmpint (stored->status, ==, PILOTE_PROGRESS_NOT_STARTED);
  g_assert_cmpstr (stored->notes, ==, "Ask for the showroom");
  g_assert_cmpstr (stored->due_on, ==, "2026-11-30");
  g_clear_pointer (&stored, pilote_record_free);
  g_clear_pointer (&theirs, pilote_record_free);

  /* deleting after their change asks; Cancel keeps it */
  editor = open_action_editor (f, id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  theirs = pilote_store_get_action (other, id, &error);
  theirs->status = PILOTE_PROGRESS_IN_PROGRESS;
  update_record (other, theirs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  question = pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (editor));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (question));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  flush_events ();
  g_assert_nonnull (editor);
  stored = pilote_store_get_action (f->store, id, &error);
  g_assert_null (stored->base.deleted_at);
  g_clear_pointer (&stored, pilote_record_free);

  /* the history: the status changes by their labels */
  history = open_history (editor);
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)),
                   "Status: To do → In progress");
  close_history (history);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  question = pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (editor));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (question));
  g_signal_connect (editor, "deleted", G_CALLBACK (on_deleted_cb), &deleted_id);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "delete");
  flush_events ();
  g_assert_null (editor);
  g_assert_cmpint (deleted_id, ==, id);
  stored = pilote_store_get_action (f->store, id, &error);
  g_assert_nonnull (stored->base.deleted_at);
}

/* the objective: mine where only I changed it, theirs where I chose */
static void
test_objective_editor_conflict (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteObjective) objective = pilote_objective_new ();
  g_autoptr(PiloteObjective) theirs = NULL;
  g_autoptr(PiloteObjective) stored = NULL;
  PiloteObjectiveEditor *editor;
  PiloteConflictDialog *dialog;
  PiloteHistoryDialog *history;
  GtkWidget *description, *progress, *question;

  objective->metric = PILOTE_METRIC_QUALITATIVE;
  objective->target = G_MININT64;
  objective->period_kind = PILOTE_PERIOD_YEAR;
  objective->period_start = g_strdup ("2026-01-01");
  objective->scope = PILOTE_SCOPE_COMPANY;
  objective->description = g_strdup ("Open the Lyon market");
  objective->status = PILOTE_PROGRESS_NOT_STARTED;
  g_assert_true (pilote_store_insert (f->store, objective, &error));
  g_assert_no_error (error);

  editor = pilote_objective_editor_new (f->store, objective->base.id, TRUE, NULL,
                                        PILOTE_SCOPE_COMPANY, 0, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  description = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           PILOTE_TYPE_OBJECTIVE_EDITOR,
                                                           "description_row"));
  progress = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                        PILOTE_TYPE_OBJECTIVE_EDITOR,
                                                        "progress_spin"));
  gtk_editable_set_text (GTK_EDITABLE (description), "Open the Lyon and Grenoble markets");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (progress), 40);

  theirs = pilote_store_get_objective (other, objective->base.id, &error);
  g_free (theirs->description);
  theirs->description = g_strdup ("Open the Rhône-Alpes market");
  theirs->status = PILOTE_PROGRESS_IN_PROGRESS;
  update_record (other, theirs);

  g_assert_false (pilote_objective_editor_save (editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  flush_events ();
  dialog = conflict_dialog_of (editor);
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (dialog)->fields->len, ==, 3);
  g_assert_cmpstr (find_conflict_field (dialog, "progress")->mine, ==, "40");
  g_assert_cmpstr (find_conflict_field (dialog, "description")->theirs, ==,
                   "Open the Rhône-Alpes market");
  assert_text_has (GTK_WIDGET (dialog), "Open the Rhône-Alpes market");
  assert_text_has (GTK_WIDGET (dialog), "Open the Lyon and Grenoble markets");
  assert_text_has (GTK_WIDGET (dialog), "In progress");
  assert_text_has (GTK_WIDGET (dialog), "Originally: Not started");

  pilote_conflict_dialog_set_take_mine (dialog, "description", FALSE);
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_null (editor);
  stored = pilote_store_get_objective (f->store, objective->base.id, &error);
  g_assert_cmpstr (stored->description, ==, "Open the Rhône-Alpes market");
  g_assert_cmpint (stored->status, ==, PILOTE_PROGRESS_IN_PROGRESS);
  g_assert_cmpint (stored->progress, ==, 40);
  g_assert_cmpstr (stored->period_start, ==, "2026-01-01");

  editor = pilote_objective_editor_new (f->store, objective->base.id, TRUE, NULL,
                                        PILOTE_SCOPE_COMPANY, 0, GTK_WINDOW (f->window), &error);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  history = open_history (editor);
  /* an objective's status as its editor names it */
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)),
                   "Status: Not started → In progress");
  assert_text_has (GTK_WIDGET (pilote_history_dialog_get_list (history)), "Progress: 0 → 40");
  close_history (history);

  /* deleting it after someone else's change asks first */
  g_clear_pointer (&theirs, pilote_record_free);
  theirs = pilote_store_get_objective (other, objective->base.id, &error);
  theirs->progress = 60;
  update_record (other, theirs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  question = pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (editor));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (question));
  g_clear_pointer (&stored, pilote_record_free);
  stored = pilote_store_get_objective (f->store, objective->base.id, &error);
  g_assert_null (stored->base.deleted_at);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "delete");
  flush_events ();
  g_assert_null (editor);
  g_clear_pointer (&stored, pilote_record_free);
  stored = pilote_store_get_objective (f->store, objective->base.id, &error);
  g_assert_nonnull (stored->base.deleted_at);
}

/* the spend and contact editors merge the same way */
static void
test_spend_and_contact_editors (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteSpend) spend = pilote_spend_new ();
  g_autoptr(PiloteSpend) their_spend = NULL;
  g_autoptr(PiloteSpend) stored_spend = NULL;
  g_autoptr(PiloteContact) contact = pilote_contact_new ();
  g_autoptr(PiloteContact) their_contact = NULL;
  g_autoptr(PiloteContact) stored_contact = NULL;
  PiloteSpendEditor *spend_editor;
  PiloteContactEditor *contact_editor;
  PiloteConflictDialog *dialog;
  PilotePeriod period;
  GDate day;

  spend->month = g_strdup ("2026-11-01");
  spend->campaign = g_strdup ("Salon Bureaux Expo");
  spend->kind = PILOTE_SPEND_MARKETING;
  spend->amount = 480000;
  g_assert_true (pilote_store_insert (f->store, spend, &error));
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &day));
  pilote_period_init_containing (&period, PILOTE_PERIOD_MONTH, &day, G_DATE_JANUARY);
  spend_editor = pilote_spend_editor_new (f->store, spend->base.id, &period,
                                          GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (spend_editor), (gpointer *) &spend_editor);
  gtk_window_present (GTK_WINDOW (spend_editor));
  gtk_editable_set_text (GTK_EDITABLE (pilote_spend_editor_get_row (spend_editor, "campaign")),
                         "Salon Bureaux Expo Lyon");
  their_spend = pilote_store_get_spend (other, spend->base.id, &error);
  their_spend->kind = PILOTE_SPEND_SALES;
  their_spend->amount = 520000;
  update_record (other, their_spend);

  g_assert_false (pilote_spend_editor_save (spend_editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  flush_events ();
  dialog = conflict_dialog_of (spend_editor);
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (dialog)->fields->len, ==, 3);
  /* the kind by its label, the amount as money */
  assert_text_has (GTK_WIDGET (dialog), "Sales");
  assert_text_has (GTK_WIDGET (dialog), "Marketing");
  assert_text_has (GTK_WIDGET (dialog), "5");
  g_assert_cmpstr (find_conflict_field (dialog, "amount")->theirs, ==, "520000");
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_null (spend_editor);
  stored_spend = pilote_store_get_spend (f->store, spend->base.id, &error);
  g_assert_cmpstr (stored_spend->campaign, ==, "Salon Bureaux Expo Lyon");
  g_assert_cmpint (stored_spend->kind, ==, PILOTE_SPEND_SALES);
  g_assert_cmpint (stored_spend->amount, ==, 520000);

  contact->client_id = first_client (f);
  contact->name = g_strdup ("Lucie Martin");
  contact->email = g_strdup ("lucie@example.com");
  g_assert_true (pilote_store_insert (f->store, contact, &error));
  g_assert_no_error (error);
  contact_editor = pilote_contact_editor_new (f->store, contact->client_id, contact->base.id,
                                              GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (contact_editor), (gpointer *) &contact_editor);
  gtk_window_present (GTK_WINDOW (contact_editor));
  gtk_editable_set_text (pilote_contact_editor_get_entry (contact_editor, "phone"),
                         "+33 4 72 00 00 00");
  gtk_editable_set_text (pilote_contact_editor_get_entry (contact_editor, "email"),
                         "lucie.martin@example.com");
  their_contact = pilote_store_get_contact (other, contact->base.id, &error);
  g_free (their_contact->email);
  their_contact->email = g_strdup ("l.martin@example.com");
  g_free (their_contact->job_title);
  their_contact->job_title = g_strdup ("Buyer");
  update_record (other, their_contact);

  g_assert_false (pilote_contact_editor_save (contact_editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  flush_events ();
  dialog = conflict_dialog_of (contact_editor);
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (dialog)->fields->len, ==, 3);
  assert_text_has (GTK_WIDGET (dialog), "l.martin@example.com");
  assert_text_has (GTK_WIDGET (dialog), "lucie.martin@example.com");
  pilote_conflict_dialog_set_take_mine (dialog, "email", FALSE);
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_null (contact_editor);
  stored_contact = pilote_store_get_contact (f->store, contact->base.id, &error);
  g_assert_cmpstr (stored_contact->email, ==, "l.martin@example.com");
  g_assert_cmpstr (stored_contact->job_title, ==, "Buyer");
  g_assert_cmpstr (stored_contact->phone, ==, "+33 4 72 00 00 00");
  g_assert_cmpstr (stored_contact->name, ==, "Lucie Martin");
}

/* the Activities view's Delete, on an activity changed since the row
 * showed it: asks first */
static void
test_activities_view_delete_asks (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 15, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteActivity) seen = NULL;
  g_autoptr(PiloteActivity) theirs = NULL;
  g_autoptr(PiloteActivity) stored = NULL;
  gint64 id = insert_activity (f);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  PiloteActivitiesView *view = PILOTE_ACTIVITIES_VIEW (pilote_activities_view_new ());
  GtkWidget *question = NULL;

  g_object_ref (window);
  pilote_activities_view_set_now (view, now);
  pilote_activities_view_set_store (view, f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  flush_events ();

  seen = pilote_store_get_activity (f->store, id, &error);
  theirs = pilote_store_get_activity (other, id, &error);
  g_free (theirs->subject);
  theirs->subject = g_strdup ("Call about the quote, again");
  update_record (other, theirs);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "activities.delete", "(xx)", id,
                                             seen->base.version));
  flush_events ();
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      question = l->data;
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)),
                            "Call about the quote, again"));
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_null (stored->base.deleted_at);
  g_clear_pointer (&stored, pilote_record_free);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "delete");
  flush_events ();
  stored = pilote_store_get_activity (f->store, id, &error);
  g_assert_nonnull (stored->base.deleted_at);

  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
  g_assert_finalize_object (window);
}

static void
on_item_resolved_cb (gpointer      owner,
                     const char   *response,
                     const GError *error)
{
  char **answer = g_object_get_data (owner, "answer");

  g_assert_no_error ((GError *) error);
  g_free (*answer);
  *answer = g_strdup (response);
}

static PiloteConflictDialog *
find_conflict_dialog (GtkWindow *parent)
{
  PiloteConflictDialog *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (PILOTE_IS_CONFLICT_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == parent)
      found = l->data;
  return found;
}

/* a record edited in place (a SWOT item): the same merge, asked again
 * when it changed once more */
static void
test_resolve_in_place (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteSwotItem) item = pilote_swot_item_new ();
  g_autoptr(PiloteSwotItem) mine = NULL;
  g_autoptr(PiloteSwotItem) theirs = NULL;
  g_autoptr(PiloteSwotItem) third = NULL;
  g_autoptr(PiloteSwotItem) stored = NULL;
  g_autofree char *answer = NULL;
  PiloteConflictDialog *dialog, *again;

  g_object_set_data (G_OBJECT (f->window), "answer", &answer);
  item->market = g_strdup ("Office furniture");
  item->period_start = g_strdup ("2026-01-01");
  item->quadrant = PILOTE_QUADRANT_WEAKNESS;
  item->text = g_strdup ("Few resellers in Lyon");
  g_assert_true (pilote_store_insert (f->store, item, &error));
  g_assert_no_error (error);

  theirs = pilote_store_get_swot_item (other, item->base.id, &error);
  theirs->quadrant = PILOTE_QUADRANT_THREAT;
  g_free (theirs->text);
  theirs->text = g_strdup ("Resellers leaving Lyon");
  update_record (other, theirs);

  mine = pilote_record_copy (item);
  g_free (mine->text);
  mine->text = g_strdup ("Few resellers in Lyon and Grenoble");
  g_assert_false (pilote_store_update (f->store, mine, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  dialog = PILOTE_CONFLICT_DIALOG (pilote_record_resolve_conflict (GTK_WINDOW (f->window),
                                                                   f->store, item, mine,
                                                                   "Weaknesses",
                                                                   on_item_resolved_cb,
                                                                   f->window));
  g_assert_nonnull (dialog);
  flush_events ();
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (dialog)->fields->len, ==, 2);
  /* the quadrants by their labels */
  assert_text_has (GTK_WIDGET (dialog), "Threat");
  assert_text_has (GTK_WIDGET (dialog), "Weakness");
  assert_text_has (GTK_WIDGET (dialog), "Resellers leaving Lyon");
  assert_text_has (GTK_WIDGET (dialog), "Few resellers in Lyon and Grenoble");

  /* a third change before the merge is written: asked again */
  third = pilote_store_get_swot_item (other, item->base.id, &error);
  third->position = 3;
  update_record (other, third);
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_null (answer);
  again = find_conflict_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (again);
  g_assert_true (again != dialog);
  g_assert_nonnull (find_conflict_field (again, "position"));
  g_assert_false (pilote_conflict_dialog_get_take_mine (again, "position"));
  pilote_conflict_dialog_response (again, "save");
  flush_events ();
  g_assert_cmpstr (answer, ==, "save");

  stored = pilote_store_get_swot_item (f->store, item->base.id, &error);
  g_assert_cmpstr (stored->text, ==, "Few resellers in Lyon and Grenoble");
  g_assert_cmpint (stored->quadrant, ==, PILOTE_QUADRANT_THREAT);
  g_assert_cmpint (stored->position, ==, 3);
  g_object_set_data (G_OBJECT (f->window), "answer", NULL);
}

static void
on_client_deleted_cb (gpointer      owner,
                      gint64        id,
                      gboolean      deleted,
                      const GError *error)
{
  int *answer = g_object_get_data (owner, "answer");

  g_assert_no_error ((GError *) error);
  *answer = deleted ? 1 : 0;
}

/* deleting a client from the Clients view: asks when changed meanwhile */
static void
test_delete_checked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PiloteStore) other = open_other (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteClient) seen = NULL;
  g_autoptr(PiloteClient) theirs = NULL;
  g_autoptr(PiloteClient) stored = NULL;
  gint64 id = first_client (f);
  int answer = -1;
  GtkWidget *dialog;

  g_object_set_data (G_OBJECT (f->window), "answer", &answer);
  seen = pilote_store_get_client (f->store, id, &error);
  theirs = pilote_store_get_client (other, id, &error);
  g_free (theirs->tags);
  theirs->tags = g_strdup ("key account");
  update_record (other, theirs);

  dialog = pilote_record_delete_checked (GTK_WINDOW (f->window), f->store, seen, seen->name,
                                         on_client_deleted_cb, f->window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpint (answer, ==, -1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  flush_events ();
  g_assert_cmpint (answer, ==, 0);
  stored = pilote_store_get_client (f->store, id, &error);
  g_assert_null (stored->base.deleted_at);
  g_clear_pointer (&stored, pilote_record_free);

  dialog = pilote_record_delete_checked (GTK_WINDOW (f->window), f->store, seen, seen->name,
                                         on_client_deleted_cb, f->window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  flush_events ();
  g_assert_cmpint (answer, ==, 1);
  stored = pilote_store_get_client (f->store, id, &error);
  g_assert_nonnull (stored->base.deleted_at);
  g_clear_pointer (&stored, pilote_record_free);

  /* unchanged since seen: deleted at once, nothing asked */
  g_assert_true (pilote_store_restore (f->store, PILOTE_ENTITY_CLIENT, id, &error));
  g_clear_pointer (&seen, pilote_record_free);
  seen = pilote_store_get_client (f->store, id, &error);
  answer = -1;
  g_assert_null (pilote_record_delete_checked (GTK_WINDOW (f->window), f->store, seen,
                                               seen->name, on_client_deleted_cb, f->window));
  g_assert_cmpint (answer, ==, 1);
  g_object_set_data (G_OBJECT (f->window), "answer", NULL);
}

static void
on_restored_cb (PiloteBackupsDialog *dialog,
                const char          *kept,
                char               **out)
{
  *out = g_strdup (kept);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autofree char *kept = NULL;
  PiloteBackupsDialog *dialog;
  GtkWidget *question;
  guint before;

  set_title (f->store, f->deal_id, "Before the backup");
  dialog = pilote_backups_dialog_new (GTK_WINDOW (f->window), f->store);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  flush_events ();
  before = 0;
  while (pilote_backups_dialog_get_backup (dialog, before) != NULL)
    before++;
  pilote_backups_dialog_back_up_now (dialog);
  wait_for ((gboolean (*) (gpointer)) pilote_backups_dialog_is_busy, dialog);
  g_assert_nonnull (pilote_backups_dialog_get_backup (dialog, before));
  g_assert_null (pilote_backups_dialog_get_backup (dialog, before + 1));

  set_title (f->store, f->deal_id, "After the backup");

  /* the newest copy first; Restore… asks, saying the content is kept */
  g_signal_connect (dialog, "restored", G_CALLBACK (on_restored_cb), &kept);
  question = pilote_backups_dialog_restore (dialog, 0);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (question));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)),
                            "kept as a backup copy"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "restore");
  for (guint i = 0; i < 12000 && kept == NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  flush_events ();
  g_assert_finalize_object (dialog);

  stored = pilote_store_get_deal (f->store, f->deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Before the backup");
}

static GtkWidget *
find_toplevel (GType type)
{
  GtkWidget *found = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

/* from the window's menu: Backups…, a copy, a restore; the file opens
 * again in the window that replaces this one, with the earlier content */
static void
test_window_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteApplication) app = pilote_application_new ();
  g_autoptr(PiloteDeal) shown = NULL;
  PiloteWindow *window, *reopened;
  PiloteBackupsDialog *dialog;
  GtkWidget *question;

  set_title (f->store, f->deal_id, "Before the backup");
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = pilote_window_new (app);
  g_object_ref (window);
  g_assert_true (pilote_window_load (window, f->path));
  gtk_window_present (GTK_WINDOW (window));
  flush_events ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL));
  flush_events ();
  dialog = PILOTE_BACKUPS_DIALOG (find_toplevel (PILOTE_TYPE_BACKUPS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  pilote_backups_dialog_back_up_now (dialog);
  wait_for ((gboolean (*) (gpointer)) pilote_backups_dialog_is_busy, dialog);
  g_assert_nonnull (pilote_backups_dialog_get_backup (dialog, 0));

  set_title (f->store, f->deal_id, "After the backup");
  question = pilote_backups_dialog_restore (dialog, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "restore");
  for (guint i = 0; i < 12000 && gtk_widget_get_visible (GTK_WIDGET (window)); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  flush_events ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_finalize_object (window);

  reopened = PILOTE_WINDOW (find_toplevel (PILOTE_TYPE_WINDOW));
  g_assert_nonnull (reopened);
  g_assert_cmpstr (pilote_window_get_path (reopened), ==, f->path);
  shown = pilote_store_get_deal (pilote_window_get_store (reopened), f->deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shown->title, ==, "Before the backup");
  g_object_ref (reopened);
  gtk_window_destroy (GTK_WINDOW (reopened));
  flush_events ();
  g_assert_finalize_object (reopened);
}

int
main (int    argc,
      char **argv)
{
  pilote_test_gui_init (&argc, &argv);
  g_assert_nonnull (pilote_get_resource ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/history/deal-edited-twice", test_history);
  ADD ("/history/show-more", test_history_show_more);
  ADD ("/history/empty", test_history_empty);
  ADD ("/conflict/merge-field-by-field", test_conflict_merge);
  ADD ("/conflict/client-editor", test_client_editor_conflict);
  ADD ("/conflict/activity-editor-twice", test_activity_editor_conflict_twice);
  ADD ("/conflict/activity-editor-delete-asks", test_activity_editor_delete_asks);
  ADD ("/conflict/action-editor", test_action_editor_conflict);
  ADD ("/conflict/objective-editor", test_objective_editor_conflict);
  ADD ("/conflict/spend-and-contact-editors", test_spend_and_contact_editors);
  ADD ("/conflict/delete-checked", test_delete_checked);
  ADD ("/conflict/resolve-in-place", test_resolve_in_place);
  ADD ("/conflict/activities-view-delete-asks", test_activities_view_delete_asks);
  ADD ("/backups/restore", test_restore);
  ADD ("/backups/window-restore-reopens", test_window_restore);

#undef ADD

  return g_test_run ();
}
