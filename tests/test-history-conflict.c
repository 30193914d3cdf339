/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pilote-application.h"
#include "pilote-backup.h"
#include "pilote-backups-dialog.h"
#include "pilote-conflict-dialog.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-history-dialog.h"
#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-test-utils.h"
#include "pilote-window.h"

/*
 * Under Xvfb, on a small demo company: the history dialog of a deal
 * edited twice lists both changes, newest first, from old to new; the
 * conflict dialog merges field by field, as chosen, on top of their
 * version; the backups dialog takes a copy and restoring it brings the
 * earlier content back.
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
  for (guint i = 0; i < 1000 && busy (dialog); i++)
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
  for (guint i = 0; i < 1000 && kept == NULL; i++)
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
  for (guint i = 0; i < 1000 && gtk_widget_get_visible (GTK_WIDGET (window)); i++)
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
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (pilote_get_resource ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/history/deal-edited-twice", test_history);
  ADD ("/history/show-more", test_history_show_more);
  ADD ("/history/empty", test_history_empty);
  ADD ("/conflict/merge-field-by-field", test_conflict_merge);
  ADD ("/backups/restore", test_restore);
  ADD ("/backups/window-restore-reopens", test_window_restore);

#undef ADD

  return g_test_run ();
}
