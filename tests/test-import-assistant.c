/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-import-assistant-private.h"
#include "pilote-import-history.h"
#include "pilote-record.h"
#include "pilote-application.h"
#include "pilote-window.h"
#include "pilote-resources.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/*
 * The import assistant under Xvfb, driven as a user would, over the shared
 * CRM data set's accounts.csv and a small demo company (today pinned to
 * 2026-11-15): the columns are guessed from the headers; a copy with a
 * broken row shows that row and its column in the dry run and cannot be
 * imported; the fixed file imports; the import history lists it; its Undo
 * takes it back. A cancelled import writes nothing. A profile saved by the
 * assistant loads again.
 */

#define DATASET_SUBDIR "/../shared/datasets/crm-sales-opportunities"
#define BROKEN_LINE    4

typedef struct {
  char                  *dir;
  PiloteStore           *store;
  GtkWidget             *parent;
  PiloteImportAssistant *assistant;
} Fixture;

static void
flush_events (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static const char *
dataset_dir (void)
{
  const char *dir = g_getenv ("PILOTE_DATASET_DIR");

  return dir != NULL && *dir != '\0' ? dir : PILOTE_SOURCE_DIR DATASET_SUBDIR;
}

/* accounts.csv, with one account's name emptied on line @broken_line (0: none) */
static char *
copy_accounts (Fixture    *f,
               const char *name,
               guint       broken_line)
{
  g_autofree char *source = g_build_filename (dataset_dir (), "accounts.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *joined = NULL;

  g_file_get_contents (source, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  if (broken_line > 0)
    {
      char *comma = strchr (lines[broken_line - 1], ',');
      char *broken = g_strdup (comma);

      g_free (lines[broken_line - 1]);
      lines[broken_line - 1] = broken;
    }
  joined = g_strjoinv ("\n", lines);
  g_file_set_contents (path, joined, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count_clients (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PiloteDemoOptions options;
  GDate today;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-import-assistant-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &today));
  pilote_demo_options_init (&options);
  options.n_clients = 20;
  options.n_deals = 40;
  options.today = &today;
  ok = pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  f->parent = gtk_window_new ();
  g_object_ref (f->parent);
  gtk_window_present (GTK_WINDOW (f->parent));
  f->assistant = pilote_import_assistant_new (GTK_WINDOW (f->parent), f->store);
  g_object_ref (f->assistant);
  gtk_window_present (GTK_WINDOW (f->assistant));
  flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gpointer assistant = f->assistant, parent = f->parent, store = f->store;
  gint64 end;

  gtk_window_destroy (GTK_WINDOW (f->assistant));
  gtk_window_destroy (GTK_WINDOW (f->parent));
  flush_events ();
  /* a worker thread that has just reported back lets go of the assistant
   * and the store a moment later, later on a busy machine */
  g_object_add_weak_pointer (G_OBJECT (f->assistant), &assistant);
  g_object_add_weak_pointer (G_OBJECT (f->parent), &parent);
  g_object_add_weak_pointer (G_OBJECT (f->store), &store);
  g_object_unref (f->assistant);
  g_object_unref (f->parent);
  g_object_unref (f->store);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((assistant != NULL || parent != NULL || store != NULL) &&
         g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (assistant);
  g_assert_null (parent);
  g_assert_null (store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->assistant), action, NULL));
  flush_events ();
}

/* the Next button shows whether the step can go on */
static gboolean
next_enabled (Fixture *f)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (f->assistant->next_button));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text) &&
      gtk_widget_get_visible (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* Runs the main loop until the check or the import under way has finished */
static void
wait_for_run (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (f->assistant->state == PILOTE_IMPORT_RUNNING)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  flush_events ();
}

static guint
column_index (Fixture    *f,
              const char *header)
{
  for (guint i = 0; i < f->assistant->headers->len; i++)
    if (g_str_equal (g_ptr_array_index (f->assistant->headers, i), header))
      return i;
  g_assert_not_reached ();
  return 0;
}

/* Chooses the file, keeps the guessed mapping, uses "account" as the reference */
static void
go_to_mapping (Fixture    *f,
               const char *csv)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "source");
  g_assert_true (pilote_import_assistant_set_file (f->assistant, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pilote_import_assistant_get_entity (f->assistant), ==, PILOTE_ENTITY_CLIENT);
  activate (f, "assistant.next");
  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "preview");

  /* the preview: detected options, the first rows */
  g_assert_cmpuint (adw_combo_row_get_selected (f->assistant->delimiter_row), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (f->assistant->encoding_row), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (f->assistant->decimal_row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                      f->assistant->preview_view)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->assistant->rows)), ==, 50);

  activate (f, "assistant.next");
  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "mapping");
  /* guessed from the headers */
  g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant,
                                                             column_index (f, "account")), ==,
                   "name");
  g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant,
                                                             column_index (f, "sector")), ==,
                   "sector");
  g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant,
                                                             column_index (f, "office_location")),
                   ==, "country");
  g_assert_null (pilote_import_assistant_get_column_field (f->assistant,
                                                           column_index (f, "revenue")));
  g_assert_cmpuint (f->assistant->column_rows->len, ==, 7);
  adw_combo_row_set_selected (f->assistant->ref_row, column_index (f, "account") + 1);
  flush_events ();
}

static void
test_broken_then_fixed (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *broken = copy_accounts (f, "accounts-broken.csv", BROKEN_LINE);
  g_autofree char *fixed = copy_accounts (f, "accounts.csv", 0);
  g_autoptr(PiloteImportCells) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteImportHistory) history = NULL;
  g_autoptr(GList) toplevels = NULL;
  AdwActionRow *row;
  gint64 before = count_clients (f);
  gint64 batch_id;

  /* no file, no next step */
  g_assert_false (next_enabled (f));
  go_to_mapping (f, broken);

  /* the dry run lists the broken row, with its column, and refuses to import */
  activate (f, "assistant.next");
  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "check");
  wait_for_run (f);
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_PROBLEMS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->assistant->check_stack), ==, "problems");
  g_assert_cmpuint (g_list_model_get_n_items (pilote_import_assistant_get_problems (f->assistant)),
                    ==, 1);
  problem = g_list_model_get_item (pilote_import_assistant_get_problems (f->assistant), 0);
  g_assert_cmpstr (pilote_import_cells_get (problem, 0), ==, G_STRINGIFY (BROKEN_LINE));
  g_assert_cmpstr (pilote_import_cells_get (problem, 1), ==, "account");
  g_assert_nonnull (strstr (pilote_import_cells_get (problem, 3), "empty"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->assistant->problems_label), "1 problem"));
  g_assert_false (next_enabled (f));
  g_assert_cmpint (count_clients (f), ==, before);

  /* the fixed file: everything is fine, then it imports */
  activate (f, "assistant.back");
  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "mapping");
  activate (f, "assistant.back");
  activate (f, "assistant.back");
  go_to_mapping (f, fixed);
  activate (f, "assistant.next");
  wait_for_run (f);
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_FINE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->assistant->check_stack), ==, "fine");
  g_assert_nonnull (strstr (adw_status_page_get_description (f->assistant->fine_page),
                            "85 rows would be imported"));
  g_assert_cmpint (count_clients (f), ==, before);
  g_assert_true (next_enabled (f));

  activate (f, "assistant.next");
  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "import");
  wait_for_run (f);
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_DONE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->assistant->import_stack), ==, "done");
  g_assert_nonnull (strstr (adw_status_page_get_description (f->assistant->done_page),
                            "85 records added"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->assistant->undo_button)));
  batch_id = f->assistant->batch_id;
  g_assert_cmpint (batch_id, >, 0);
  g_assert_cmpint (count_clients (f), ==, before + 85);

  /* the history lists it, newest first */
  history = pilote_import_history_new (GTK_WINDOW (f->assistant), f->store);
  g_object_ref_sink (history);
  gtk_window_present (GTK_WINDOW (history));
  flush_events ();
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (pilote_import_history_get_list (history),
                                                       0));
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            "accounts.csv"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            "Clients"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "85 added"));

  /* its Undo asks, then takes the import back */
  pilote_import_history_undo_batch (history, batch_id);
  flush_events ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (history))
      adw_message_dialog_response (l->data, "undo");
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (count_clients (f) != before)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  /* the file is as it was; the list says so once the worker has reported
   * back, a moment later on a busy machine */
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (TRUE)
      {
        flush_events ();
        row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (
                                pilote_import_history_get_list (history), 0));
        if (row != NULL && has_label (GTK_WIDGET (row), "Undone"))
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (1000);
      }
  }
  g_assert_true (has_label (GTK_WIDGET (row), "Undone"));
  g_assert_false (has_label (GTK_WIDGET (row), "Undo…"));
  /* and the engine agrees: it cannot be undone twice */
  g_assert_false (pilote_import_undo (f->store, batch_id, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  gtk_window_destroy (GTK_WINDOW (history));
  flush_events ();
}

/* A file of @n clients without reference, through the assistant's steps
 * up to its check, which finds nothing wrong */
static void
check_many (Fixture *f,
            guint    n)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr(GString) text = g_string_new ("account,sector,office_location\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Client %05u,retail,France\n", i);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);

  g_assert_true (pilote_import_assistant_set_file (f->assistant, path, &error));
  activate (f, "assistant.next");
  activate (f, "assistant.next");
  activate (f, "assistant.next");
  wait_for_run (f);
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_FINE);
}

/* Waits up to @seconds for the thread to report the import cancelled, then
 * checks that the page says so and that the clients are those there were
 * (@before) */
static void
assert_cancelled (Fixture *f,
                  gint64   before,
                  int      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!g_str_equal (gtk_stack_get_visible_child_name (f->assistant->import_stack),
                       "stopped"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_CANCELLED);
  g_assert_cmpstr (adw_status_page_get_title (f->assistant->stopped_page), ==,
                   "Import Cancelled");
  g_assert_cmpint (count_clients (f), ==, before);
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, NULL, NULL), ==, before);
}

/* Many rows, cancelled as soon as the import starts: nothing is written */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  gint64 before = count_clients (f);

  check_many (f, 30000);

  activate (f, "assistant.next");
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_RUNNING);
  activate (f, "assistant.cancel-import");
  assert_cancelled (f, before, 60);
}

/* Imports the 60 000 clients of check_many () and runs the loop while the
 * import runs; returns whether the bar said that every row is written,
 * pressing Cancel Import then when @cancel */
static gboolean
run_many (Fixture  *f,
          gboolean  cancel)
{
  gint64 deadline;
  gboolean said = FALSE;

  check_many (f, 60000);
  activate (f, "assistant.next");
  deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  while (f->assistant->state == PILOTE_IMPORT_RUNNING)
    {
      const char *shown = gtk_progress_bar_get_text (f->assistant->progress_bar);

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!said && shown != NULL && strstr (shown, "Every row is written") != NULL)
        {
          said = TRUE;
          if (cancel)
            activate (f, "assistant.cancel-import");
        }
      g_main_context_iteration (NULL, TRUE);
    }
  return said;
}

/* A file large enough for the indexes to be built again at its end: once
 * every row is written, the bar says what is left rather than standing
 * full */
static void
test_finishing (Fixture       *f,
                gconstpointer  data)
{
  gint64 before = count_clients (f);

  g_assert_true (run_many (f, FALSE));
  flush_events ();
  g_assert_cmpint (f->assistant->state, ==, PILOTE_IMPORT_DONE);
  g_assert_cmpint (count_clients (f), ==, before + 60000);
}

/* The same file, cancelled once every row is written, while the indexes
 * and summaries are built: the import stops there and nothing is left */
static void
test_cancel_finishing (Fixture       *f,
                       gconstpointer  data)
{
  gint64 before = count_clients (f);

  g_assert_true (run_many (f, TRUE));
  /* the thread reports back once the import is rolled back */
  assert_cancelled (f, before, 120);
}

/* The mapping saved as a profile loads again, with its options */
static void
test_profile_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *csv = copy_accounts (f, "accounts.csv", 0);
  g_autofree char *profile = g_build_filename (f->dir, "accounts-profile.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteImportProfile) loaded = NULL;

  go_to_mapping (f, csv);
  g_assert_true (pilote_import_assistant_set_column_field (f->assistant,
                                                           column_index (f, "subsidiary_of"),
                                                           "notes"));
  g_assert_true (pilote_import_assistant_set_column_field (f->assistant,
                                                           column_index (f, "sector"), "region"));
  g_assert_true (pilote_import_assistant_save_profile (f->assistant, profile, &error));
  g_assert_no_error (error);

  loaded = pilote_import_profile_load (profile, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pilote_import_profile_get_entity (loaded), ==, PILOTE_ENTITY_CLIENT);
  g_assert_cmpstr (pilote_import_profile_get_column (loaded, "name"), ==, "account");
  g_assert_cmpstr (pilote_import_profile_get_column (loaded, "ref"), ==, "account");
  g_assert_cmpstr (pilote_import_profile_get_column (loaded, "notes"), ==, "subsidiary_of");
  g_assert_cmpstr (pilote_import_profile_get_column (loaded, "region"), ==, "sector");
  g_assert_null (pilote_import_profile_get_column (loaded, "sector"));
  g_assert_cmpint (pilote_import_profile_get_options (loaded)->delimiter, ==, ',');
  g_assert_cmpint (pilote_import_profile_get_options (loaded)->encoding, ==,
                   PILOTE_CSV_ENCODING_UTF8);

  /* loading a profile for another entity switches the assistant to it */
  {
    g_autofree char *members = g_build_filename (f->dir, "members.ini", NULL);

    g_file_set_contents (members, "[import]\nentity = member\n[columns]\nname = account\n", -1,
                         &error);
    g_assert_no_error (error);
    g_assert_true (pilote_import_assistant_load_profile (f->assistant, members, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pilote_import_assistant_get_entity (f->assistant), ==, PILOTE_ENTITY_MEMBER);
    g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant,
                                                               column_index (f, "account")), ==,
                     "name");
    g_assert_null (pilote_import_assistant_get_column_field (f->assistant,
                                                             column_index (f, "sector")));
  }
}

/* A French spreadsheet: semicolons, decimal commas, dates that could be
 * day or month first. The preview says what it detected and what it could
 * not decide; a choice in a drop-down is taken and the file read again. */
static void
test_preview_options (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "objectifs.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "Campagne;Mois;Montant\n"
                       "Salon de Lyon;01/02/2026;1 250,50\n"
                       "Publicité;01/03/2026;980,00\n", -1, &error);
  g_assert_no_error (error);
  pilote_import_assistant_set_entity (f->assistant, PILOTE_ENTITY_SPEND);
  g_assert_true (pilote_import_assistant_set_file (f->assistant, path, &error));
  g_assert_no_error (error);
  activate (f, "assistant.next");
  g_assert_cmpstr (pilote_import_assistant_get_step (f->assistant), ==, "preview");

  g_assert_cmpuint (adw_combo_row_get_selected (f->assistant->delimiter_row), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (f->assistant->decimal_row), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (f->assistant->date_row), ==,
                    PILOTE_DATE_FORMAT_AUTO);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (f->assistant->delimiter_row)), ==,
                   "Detected");
  /* the detector says it cannot tell */
  g_assert_true (gtk_widget_get_visible (f->assistant->notes_box));
  g_assert_nonnull (strstr (gtk_label_get_text (f->assistant->notes_label), "01/02/2026"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                      f->assistant->preview_view)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->assistant->rows)), ==, 2);

  /* the user decides: day first */
  adw_combo_row_set_selected (f->assistant->date_row, PILOTE_DATE_FORMAT_DMY);
  flush_events ();
  g_assert_cmpint (pilote_import_profile_get_options (f->assistant->profile)->date_format, ==,
                   PILOTE_DATE_FORMAT_DMY);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (f->assistant->date_row)), ==,
                   "Chosen");
  g_assert_false (gtk_widget_get_visible (f->assistant->notes_box));

  /* French headers are guessed */
  activate (f, "assistant.next");
  g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant, 0), ==, "campaign");
  g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant, 1), ==, "month");
  g_assert_cmpstr (pilote_import_assistant_get_column_field (f->assistant, 2), ==, "amount");

  /* another delimiter: one column only, matched afresh */
  activate (f, "assistant.back");
  adw_combo_row_set_selected (f->assistant->delimiter_row, 0);
  flush_events ();
  g_assert_cmpuint (f->assistant->headers->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                      f->assistant->preview_view)), ==, 1);
  g_assert_null (pilote_import_assistant_get_column_field (f->assistant, 0));
}

/* The main window opens the assistant and the history from its menu, once a
 * file is open */
static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteApplication) app = pilote_application_new ();
  PiloteWindow *window;
  GType types[] = { PILOTE_TYPE_IMPORT_ASSISTANT, PILOTE_TYPE_IMPORT_HISTORY };
  const char *actions[] = { "win.import", "win.import-history" };

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = pilote_window_new (app);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  flush_events ();

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());

      /* no file, nothing to import */
      gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL);
      flush_events ();
      g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before);
    }

  g_assert_true (pilote_window_load (window, pilote_store_get_path (f->store)));
  flush_events ();
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      GtkWindow *opened = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
      flush_events ();
      for (guint j = 0; j < g_list_model_get_n_items (toplevels) && opened == NULL; j++)
        {
          g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, j);

          /* the fixture's own assistant aside */
          if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, types[i]) &&
              toplevel != GTK_WINDOW (f->assistant))
            opened = toplevel;
        }
      g_assert_nonnull (opened);
      g_assert_true (gtk_window_get_transient_for (opened) == GTK_WINDOW (window));
      g_assert_true (gtk_window_get_modal (opened));
      gtk_window_destroy (opened);
      flush_events ();
    }

  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  pilote_test_gui_init (&argc, &argv);
  g_resources_register (pilote_get_resource ());

  g_test_add ("/import-assistant/broken-then-fixed", Fixture, NULL, fixture_set_up,
              test_broken_then_fixed, fixture_tear_down);
  g_test_add ("/import-assistant/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/import-assistant/finishing", Fixture, NULL, fixture_set_up, test_finishing,
              fixture_tear_down);
  g_test_add ("/import-assistant/cancel-finishing", Fixture, NULL, fixture_set_up,
              test_cancel_finishing, fixture_tear_down);
  g_test_add ("/import-assistant/preview-options", Fixture, NULL, fixture_set_up,
              test_preview_options, fixture_tear_down);
  g_test_add ("/import-assistant/window", Fixture, NULL, fixture_set_up,
              test_window_actions, fixture_tear_down);
  g_test_add ("/import-assistant/profile", Fixture, NULL, fixture_set_up,
              test_profile_round_trip, fixture_tear_down);
  return g_test_run ();
}
