/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pilote-import-assistant-private.h"
#include "pilote-import-guess.h"
#include "pilote-import-history.h"
#include "pilote-worker.h"

/* The dry run and the import: each in a thread, on its own connection to
 * the file, cancellable; the problems the dry run finds, listed by row and
 * column; the summary of the import, which can be undone. */

/* How far the thread has read, for the main loop to show */
struct _PiloteImportProgress {
  GMutex  lock;
  guint64 rows;
  guint64 bytes_read;
  guint64 bytes_total;
};

static void
progress_clear (gpointer data)
{
  g_mutex_clear (&((PiloteImportProgress *) data)->lock);
}

static void
progress_unref (PiloteImportProgress *progress)
{
  g_atomic_rc_box_release_full (progress, progress_clear);
}

/* called in the import's thread */
static void
progress_cb (guint64  rows,
             guint64  bytes_read,
             guint64  bytes_total,
             gpointer user_data)
{
  PiloteImportProgress *progress = user_data;

  g_mutex_lock (&progress->lock);
  progress->rows = rows;
  progress->bytes_read = bytes_read;
  progress->bytes_total = bytes_total;
  g_mutex_unlock (&progress->lock);
}

typedef struct {
  PiloteImportProgress *progress;
  char                *store_path;
  gint64               member_id;
  PiloteImportProfile *profile;
  char                *csv_path;
  gboolean             dry_run;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  progress_unref (run->progress);
  g_free (run->store_path);
  g_free (run->csv_path);
  pilote_import_profile_free (run->profile);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PiloteImportOptions options = { 0 };
  PiloteImportResult *result;

  store = pilote_store_open (run->store_path, PILOTE_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pilote_store_set_member_id (store, run->member_id);
  options.flags = run->dry_run ? PILOTE_IMPORT_DRY_RUN : PILOTE_IMPORT_FLAGS_NONE;
  options.progress = progress_cb;
  options.progress_data = run->progress;
  options.cancellable = cancellable;
  result = pilote_import_run_with_options (store, run->profile, run->csv_path, &options, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) pilote_import_result_free);
}

/* Shows how far the check or the import has gone */
static gboolean
show_progress_cb (gpointer user_data)
{
  PiloteImportAssistant *self = user_data;
  guint64 rows, bytes_read, bytes_total;
  g_autofree char *text = NULL;

  g_mutex_lock (&self->progress->lock);
  rows = self->progress->rows;
  bytes_read = self->progress->bytes_read;
  bytes_total = self->progress->bytes_total;
  g_mutex_unlock (&self->progress->lock);

  if (pilote_import_assistant_get_step_index (self) == PILOTE_IMPORT_STEP_CHECK)
    {
      text = g_strdup_printf (ngettext ("Every row is read and checked; nothing is written. "
                                        "%'" PRIu64 " row so far.",
                                        "Every row is read and checked; nothing is written. "
                                        "%'" PRIu64 " rows so far.", rows), rows);
      adw_status_page_set_description (self->check_running_page, text);
      return G_SOURCE_CONTINUE;
    }
  if (bytes_total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  /* every row written: what is left (indexes, clients' figures, monthly
   * summaries) takes nearly half the time of a large file */
  if (bytes_read >= bytes_total && rows > 0 &&
      (self->rows_checked == 0 || rows >= self->rows_checked))
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar,
                                 _("Every row is written; updating the indexes and figures…"));
      return G_SOURCE_CONTINUE;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) bytes_read / bytes_total));
  if (self->rows_checked > 0)
    /* Translators: rows imported so far, of the rows of the file */
    text = g_strdup_printf (ngettext ("%'" PRIu64 " of %'" PRIu64 " row",
                                      "%'" PRIu64 " of %'" PRIu64 " rows", self->rows_checked),
                            MIN (rows, self->rows_checked), self->rows_checked);
  else
    text = g_strdup_printf (ngettext ("%'" PRIu64 " row", "%'" PRIu64 " rows", rows), rows);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
start (PiloteImportAssistant *self,
       gboolean               dry_run,
       GAsyncReadyCallback    callback)
{
  g_autoptr(GTask) task = NULL;
  RunData *run = g_new0 (RunData, 1);

  pilote_import_assistant_stop (self);
  self->cancellable = g_cancellable_new ();
  self->state = PILOTE_IMPORT_RUNNING;
  g_clear_pointer (&self->progress, progress_unref);
  self->progress = g_atomic_rc_box_new0 (PiloteImportProgress);
  g_mutex_init (&self->progress->lock);
  run->progress = g_atomic_rc_box_acquire (self->progress);

  run->store_path = g_strdup (pilote_store_get_path (self->store));
  run->member_id = pilote_store_get_member_id (self->store);
  run->profile = pilote_import_profile_copy (self->profile);
  run->csv_path = g_strdup (self->csv_path);
  run->dry_run = dry_run;

  task = pilote_worker_task_new (self, self->cancellable, callback);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, run, run_data_free);
  g_task_run_in_thread (task, run_thread);
  self->pulse_id = g_timeout_add (150, show_progress_cb, self);
}

/* Takes the result of a run that is still the current one */
static PiloteImportResult *
finish (PiloteImportAssistant  *self,
        GAsyncResult           *result,
        gboolean               *current,
        GError                **error)
{
  *current = g_task_get_cancellable (G_TASK (result)) == self->cancellable;
  if (*current)
    g_clear_object (&self->cancellable);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pilote_import_assistant_stop:
 *
 * Cancels the dry run or the import under way: an import stopped this way
 * writes nothing.
 */
void
pilote_import_assistant_stop (PiloteImportAssistant *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->pulse_id != 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->state == PILOTE_IMPORT_RUNNING)
    self->state = PILOTE_IMPORT_CANCELLED;
}

void
pilote_import_assistant_clear_progress (PiloteImportAssistant *self)
{
  g_clear_pointer (&self->progress, progress_unref);
}

/* The dry run */

void
pilote_import_assistant_setup_problems (PiloteImportAssistant *self)
{
  g_autoptr(GtkNoSelection) selection =
    gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->problems)));
  GtkColumnViewColumn *column;

  gtk_column_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
  pilote_import_assistant_add_text_column (self->problems_view, C_("csv", "Row"), 0, 56);
  pilote_import_assistant_add_text_column (self->problems_view, C_("csv", "Column"), 1, 120);
  pilote_import_assistant_add_text_column (self->problems_view, C_("csv", "Value"), 2, 120);
  column = pilote_import_assistant_add_text_column (self->problems_view, _("Problem"), 3, 320);
  gtk_column_view_column_set_expand (column, TRUE);
}

GListModel *
pilote_import_assistant_get_problems (PiloteImportAssistant *self)
{
  return G_LIST_MODEL (self->problems);
}

/* A problem with a record as a whole ("Name: this field cannot be empty.")
 * names the field first: the column that feeds it is the one to correct */
static const char *
column_of_message (PiloteImportAssistant *self,
                   const char            *message)
{
  const char * const *fields = pilote_import_entity_fields (self->entity);

  for (guint i = 0; message != NULL && fields[i] != NULL; i++)
    {
      const char *label = pilote_import_field_label (self->entity, fields[i]);
      gsize len = strlen (label);
      const char *column = pilote_import_profile_get_column (self->profile, fields[i]);

      if (column != NULL && strncmp (message, label, len) == 0 && message[len] == ':')
        return column;
    }
  return NULL;
}

static void
show_problems (PiloteImportAssistant    *self,
               const PiloteImportResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_list_store_remove_all (self->problems);
  for (guint i = 0; i < result->problems->len; i++)
    {
      const PiloteImportProblem *problem = g_ptr_array_index (result->problems, i);
      const char *column = problem->column != NULL ? problem->column
                                                   : column_of_message (self, problem->message);
      char **cells = g_new0 (char *, 5);
      g_autoptr(PiloteImportCells) row = NULL;

      cells[0] = g_strdup_printf ("%" PRIu64, problem->line);
      cells[1] = g_strdup (column != NULL ? column : "");
      cells[2] = g_strdup (problem->value != NULL ? problem->value : "");
      cells[3] = g_strdup (problem->message);
      row = pilote_import_cells_new (cells);
      g_list_store_append (self->problems, row);
    }
  g_string_printf (text, ngettext ("%" PRIu64 " row was read.", "%" PRIu64 " rows were read.",
                                   result->rows), result->rows);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, ngettext ("%" PRIu64 " problem was found: nothing will be "
                                          "imported until it is fixed.",
                                          "%" PRIu64 " problems were found: nothing will be "
                                          "imported until they are fixed.", result->n_problems),
                          result->n_problems);
  g_string_append_c (text, ' ');
  g_string_append (text, _("Correct the file or the mapping, then check again. Rows are counted "
                           "as a spreadsheet numbers them, the header being row 1."));
  if (result->n_problems > result->problems->len)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("The first %u are listed."), result->problems->len);
    }
  gtk_label_set_text (self->problems_label, text->str);
}

static char *
describe_counts (guint64 inserted,
                 guint64 updated,
                 guint64 created,
                 gboolean dry_run)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text,
                          dry_run ? ngettext ("%" PRIu64 " new record", "%" PRIu64 " new records",
                                              inserted)
                                  : ngettext ("%" PRIu64 " record added",
                                              "%" PRIu64 " records added", inserted),
                          inserted);
  g_string_append (text, ", ");
  g_string_append_printf (text, ngettext ("%" PRIu64 " updated", "%" PRIu64 " updated", updated),
                          updated);
  if (created > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text,
                              ngettext ("%" PRIu64 " related record created",
                                        "%" PRIu64 " related records created", created),
                              created);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (source);
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current;

  result = finish (self, res, &current, &error);
  if (!current || self->store == NULL)
    return;
  gtk_spinner_stop (self->check_spinner);
  if (self->pulse_id != 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (result == NULL)
    {
      self->state = PILOTE_IMPORT_FAILED;
      adw_status_page_set_description (self->check_failed_page, error->message);
      gtk_stack_set_visible_child_name (self->check_stack, "failed");
    }
  else if (result->n_problems > 0)
    {
      self->state = PILOTE_IMPORT_PROBLEMS;
      show_problems (self, result);
      gtk_stack_set_visible_child_name (self->check_stack, "problems");
    }
  else
    {
      g_autofree char *counts = describe_counts (result->inserted, result->updated,
                                                 result->created, TRUE);
      g_autofree char *text = NULL;

      self->state = PILOTE_IMPORT_FINE;
      self->rows_checked = result->rows;
      text = g_strdup_printf (ngettext ("%" PRIu64 " row would be imported: %s",
                                        "%" PRIu64 " rows would be imported: %s", result->rows),
                              result->rows, counts);
      adw_status_page_set_description (self->fine_page, text);
      gtk_stack_set_visible_child_name (self->check_stack, "fine");
    }
  pilote_import_assistant_update_buttons (self);
}

void
pilote_import_assistant_start_check (PiloteImportAssistant *self)
{
  g_list_store_remove_all (self->problems);
  adw_status_page_set_description (self->check_running_page,
                                   _("Every row is read and checked; nothing is written."));
  gtk_stack_set_visible_child_name (self->check_stack, "running");
  gtk_spinner_start (self->check_spinner);
  start (self, TRUE, check_done_cb);
}

/* The import */

static void
show_stopped (PiloteImportAssistant *self,
              const char            *title,
              const char            *description)
{
  adw_status_page_set_title (self->stopped_page, title);
  adw_status_page_set_description (self->stopped_page, description);
  gtk_stack_set_visible_child_name (self->import_stack, "stopped");
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  PiloteImportAssistant *self = PILOTE_IMPORT_ASSISTANT (source);
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current;

  /* one import at a time: its result stands even when Cancel came too late;
   * a closed assistant shows nothing (the history lists what was imported) */
  result = finish (self, res, &current, &error);
  if (self->store == NULL)
    return;
  if (self->pulse_id != 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (result == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->state = PILOTE_IMPORT_CANCELLED;
      show_stopped (self, _("Import Cancelled"), _("Nothing was written to the file."));
    }
  else if (result == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s Nothing was written to the file."),
                                               error->message);

      self->state = PILOTE_IMPORT_FAILED;
      show_stopped (self, _("The Import Failed"), text);
    }
  else if (result->n_problems > 0 || result->batch_id == 0)
    {
      /* the file or the records changed since the check */
      self->state = PILOTE_IMPORT_FAILED;
      show_problems (self, result);
      show_stopped (self, _("Nothing Was Imported"),
                    _("The file or the records it refers to changed since the check. Go back "
                      "and check again to see the problems."));
    }
  else
    {
      g_autofree char *counts = describe_counts (result->inserted, result->updated,
                                                 result->created, FALSE);

      self->state = PILOTE_IMPORT_DONE;
      self->batch_id = result->batch_id;
      adw_status_page_set_title (self->done_page, _("Import Complete"));
      adw_status_page_set_description (self->done_page, counts);
      gtk_widget_set_visible (GTK_WIDGET (self->undo_button), TRUE);
      gtk_stack_set_visible_child_name (self->import_stack, "done");
    }
  pilote_import_assistant_update_buttons (self);
}

void
pilote_import_assistant_start_import (PiloteImportAssistant *self)
{
  g_autofree char *text = g_strdup_printf (_("%'" PRIu64 " of %'" PRIu64 " rows"), (guint64) 0,
                                           self->rows_checked);

  self->batch_id = 0;
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_description (self->import_running_page,
                                   _("All the rows are written at once: cancelling leaves the "
                                     "file as it was."));
  gtk_stack_set_visible_child_name (self->import_stack, "running");
  start (self, FALSE, import_done_cb);
}

/* Undo from the summary */

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PiloteImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pilote_import_history_undo_finish (result, &error))
    {
      if (self->store == NULL)
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pilote_import_assistant_show_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), TRUE);
      return;
    }
  if (self->store == NULL)
    return;
  self->state = PILOTE_IMPORT_UNDONE;
  adw_status_page_set_title (self->done_page, _("Import Undone"));
  adw_status_page_set_description (self->done_page,
                                   _("The records are as they were before the import."));
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), TRUE);
  pilote_import_assistant_update_buttons (self);
}

static void
undo_response_cb (AdwMessageDialog      *dialog,
                  const char            *response,
                  PiloteImportAssistant *self)
{
  if (!g_str_equal (response, "undo") || self->state != PILOTE_IMPORT_DONE)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), FALSE);
  pilote_import_history_undo_async (self->store, self->batch_id, NULL, undo_done_cb,
                                    g_object_ref (self));
}

void
pilote_import_assistant_undo_import (PiloteImportAssistant *self)
{
  GtkWidget *dialog;

  if (self->state != PILOTE_IMPORT_DONE || self->batch_id <= 0)
    return;
  dialog = pilote_import_history_undo_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
