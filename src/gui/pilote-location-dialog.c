/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pilote-application.h"
#include "pilote-backup.h"
#include "pilote-location-dialog.h"

/*
 * The warning shown once when a file is opened from a network share or a
 * folder that a cloud client synchronises: what the risks are, and for a
 * synchronised folder, the offer to work on a local copy instead. Each
 * user sees it once per file and kind of place, remembered in
 * ~/.config/pilote/locations.ini.
 */

static const char *const kind_keys[] = { "local", "network", "cloud" };

static char *
seen_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "pilote", "locations.ini", NULL);
}

static gboolean
was_seen (const char *path,
          const char *kind)
{
  g_autoptr(GKeyFile) seen = g_key_file_new ();
  g_autofree char *file = seen_path ();
  g_autofree char *value = NULL;

  if (!g_key_file_load_from_file (seen, file, G_KEY_FILE_NONE, NULL))
    return FALSE;
  value = g_key_file_get_string (seen, "warned", path, NULL);
  return g_strcmp0 (value, kind) == 0;
}

static void
mark_seen (const char *path,
           const char *kind)
{
  g_autoptr(GKeyFile) seen = g_key_file_new ();
  g_autofree char *file = seen_path ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (seen, file, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (seen, "warned", path, kind);
  g_mkdir_with_parents (dir, 0700);
  if (!g_key_file_save_to_file (seen, file, &error))
    g_debug ("Cannot remember the warning about “%s”: %s", path, error->message);
}

/**
 * pilote_location_dialog_needed:
 *
 * Returns: whether the file's place deserves a warning this user has not
 *   seen yet
 */
gboolean
pilote_location_dialog_needed (PiloteStore *store)
{
  const PiloteLocation *location;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  location = pilote_store_get_location (store);
  return location != NULL && location->kind != PILOTE_LOCATION_LOCAL &&
         !was_seen (pilote_store_get_path (store), kind_keys[location->kind]);
}

/* The local copy: a consistent copy, taken away from the main loop */

typedef struct {
  char      *source;
  char      *target;
  GtkWindow *parent;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_free (job->source);
  g_free (job->target);
  g_clear_object (&job->parent);
  g_free (job);
}

static void
copy_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!pilote_backup_copy (job->source, job->target, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
copy_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CopyJob *job = g_task_get_task_data (G_TASK (result));
  /* let go of the window here, in the main loop, not in the thread */
  g_autoptr(GtkWindow) parent = g_steal_pointer (&job->parent);
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (parent);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The Copy Could Not Be Made"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* the copy opens in its own window, which replaces this one */
  if (PILOTE_IS_APPLICATION (app))
    {
      pilote_application_open_path (PILOTE_APPLICATION (app), job->target, NULL);
      gtk_window_close (parent);
    }
}

static void
copy_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  CopyJob *job = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      copy_job_free (job);
      g_object_unref (chooser);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job->target = g_file_get_path (file);
  g_object_unref (chooser);
  if (job->target == NULL)
    {
      copy_job_free (job);
      return;
    }
  if (!g_str_has_suffix (job->target, ".pilote"))
    {
      char *named = g_strconcat (job->target, ".pilote", NULL);

      g_free (job->target);
      job->target = named;
    }
  task = g_task_new (NULL, NULL, copy_done_cb, NULL);
  g_task_set_source_tag (task, copy_chosen_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) copy_job_free);
  g_task_run_in_thread (task, copy_thread);
}

static void
choose_copy (GtkWindow  *parent,
             const char *path)
{
  GtkFileChooserNative *chooser;
  CopyJob *job = g_new0 (CopyJob, 1);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL ? documents
                                                                    : g_get_home_dir ());

  if (g_str_has_suffix (base, ".pilote"))
    base[strlen (base) - strlen (".pilote")] = '\0';
  /* Translators: the name proposed for a local copy of a file */
  name = g_strdup_printf (_("%s (local copy).pilote"), base);
  job->source = g_strdup (path);
  job->parent = g_object_ref (parent);
  chooser = gtk_file_chooser_native_new (_("Save a Local Copy"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (copy_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "copy") == 0 && parent != NULL)
    choose_copy (parent, path);
}

/**
 * pilote_location_dialog_present:
 * @parent: the window showing @store
 *
 * Explains, once, what the file's place means for sharing it.
 */
void
pilote_location_dialog_present (GtkWindow   *parent,
                                PiloteStore *store)
{
  const PiloteLocation *location;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (PILOTE_IS_STORE (store));

  if (!pilote_location_dialog_needed (store))
    return;
  location = pilote_store_get_location (store);
  body = pilote_location_describe (location);
  mark_seen (pilote_store_get_path (store), kind_keys[location->kind]);

  if (location->kind == PILOTE_LOCATION_CLOUD)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("A Synchronised Folder"), body));
      adw_message_dialog_add_responses (dialog, "continue", _("_Keep Working Here"),
                                        "copy", _("_Work on a Local Copy"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "copy");
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("A File on a Network Share"), body));
      adw_message_dialog_add_responses (dialog, "continue", _("_Continue"), NULL);
      adw_message_dialog_set_default_response (dialog, "continue");
    }
  adw_message_dialog_set_close_response (dialog, "continue");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (pilote_store_get_path (store)),
                          g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
