/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pilote-backup.h"
#include "pilote-backups-dialog.h"
#include "pilote-error.h"
#include "pilote-presence.h"
#include "pilote-worker.h"

/*
 * The backup copies of the open file, newest first, with their date and
 * size: "Back Up Now" takes one, "Restore…" puts one back after asking,
 * saying that the current content is kept as a copy first. While others
 * have the file open, the restore is refused unless the user insists.
 * Copies are written and restored on a worker thread; ::restored tells
 * the window to open the file again.
 */

struct _PiloteBackupsDialog
{
  AdwWindow        parent_instance;

  PiloteStore     *store;
  char            *path;
  GPtrArray       *backups;       /* filenames, as the rows */
  GCancellable    *cancellable;
  gboolean         busy;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;
  GtkWidget       *now_button;
  GtkWidget       *spinner;
};

G_DEFINE_FINAL_TYPE (PiloteBackupsDialog, pilote_backups_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void restore_clicked_cb (GtkButton           *button,
                                PiloteBackupsDialog *self);

static void
set_busy (PiloteBackupsDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->now_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
toast (PiloteBackupsDialog *self,
       const char          *text)
{
  AdwToast *item = adw_toast_new (text);

  adw_toast_set_timeout (item, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static void
show_message (PiloteBackupsDialog *self,
              const char          *heading,
              const char          *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list */

static GtkWidget *
backup_row (PiloteBackupsDialog *self,
            const char          *backup,
            guint                index)
{
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *date = NULL;
  g_autofree char *size = NULL;
  g_autofree char *name = g_path_get_basename (backup);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

  if (info != NULL)
    {
      modified = g_file_info_get_modification_date_time (info);
      size = g_format_size (g_file_info_get_size (info));
    }
  if (modified != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (modified);

      /* Translators: when a backup copy was taken, see g_date_time_format () */
      date = g_date_time_format (local, _("%A %-d %B %Y, %H:%M"));
    }
  /* Translators: a backup copy's size and file name: "1.2 MB · demo-2026-11-29.pilote" */
  subtitle = g_strdup_printf (_("%s · %s"), size != NULL ? size : "—", name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date != NULL ? date : name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "pilote-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
fill_list (PiloteBackupsDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = pilote_backup_list (self->path);
  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->list, backup_row (self, g_ptr_array_index (self->backups, i), i));
  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "list" : "empty");
}

/* Back Up Now */

static void
back_up_cb (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  char *copy = pilote_backup_now (task_data, &error);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_free);
}

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PiloteBackupsDialog *self = PILOTE_BACKUPS_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (copy == NULL)
    {
      show_message (self, _("No Backup Copy Was Taken"), error->message);
      return;
    }
  fill_list (self);
  toast (self, _("Backup copy taken"));
}

/**
 * pilote_backups_dialog_back_up_now:
 *
 * Takes a backup copy of the file, as "Back Up Now" does.
 */
void
pilote_backups_dialog_back_up_now (PiloteBackupsDialog *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PILOTE_IS_BACKUPS_DIALOG (self));

  if (self->busy)
    return;
  set_busy (self, TRUE);
  task = pilote_worker_task_new (self, self->cancellable, on_backed_up_cb);
  g_task_set_source_tag (task, pilote_backups_dialog_back_up_now);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, back_up_cb);
}

static void
on_now_clicked_cb (PiloteBackupsDialog *self)
{
  pilote_backups_dialog_back_up_now (self);
}

/* Restoring */

typedef struct {
  char *backup;
  char *path;
  char *kept;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->backup);
  g_free (job->path);
  g_free (job->kept);
  g_free (job);
}

static void
restore_cb (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  GError *error = NULL;

  /* others were asked about first; this window's own connection is idle */
  if (!pilote_backup_restore (job->backup, job->path, TRUE, &job->kept, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PiloteBackupsDialog *self = PILOTE_BACKUPS_DIALOG (source);
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_message (self, _("The Copy Was Not Restored"), error->message);
      return;
    }
  set_busy (self, FALSE);
  g_signal_emit (self, signals[RESTORED], 0, job->kept);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_restore (PiloteBackupsDialog *self,
               const char          *backup)
{
  g_autoptr(GTask) task = NULL;
  RestoreJob *job;

  if (self->busy)
    return;
  set_busy (self, TRUE);
  job = g_new0 (RestoreJob, 1);
  job->backup = g_strdup (backup);
  job->path = g_strdup (self->path);
  task = pilote_worker_task_new (self, self->cancellable, on_restored_cb);
  g_task_set_source_tag (task, start_restore);
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_cb);
}

static void
on_confirm_response_cb (AdwMessageDialog    *dialog,
                        const char          *response,
                        PiloteBackupsDialog *self)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "pilote-backup");

  if (g_strcmp0 (response, "restore") == 0 || g_strcmp0 (response, "force") == 0)
    start_restore (self, backup);
}

/* who else has the file open, as "Claire (laptop-2), Hugo (nas)"; NULL for nobody */
static char *
others_present (PiloteBackupsDialog *self)
{
  g_autoptr(GPtrArray) present = pilote_presence_list (self->store, FALSE, NULL);
  GString *names;

  if (present == NULL || present->len == 0)
    return NULL;
  names = g_string_new (NULL);
  for (guint i = 0; i < present->len; i++)
    {
      PilotePresence *presence = g_ptr_array_index (present, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "%s (%s)", presence->name, presence->host);
    }
  return g_string_free (names, FALSE);
}

/**
 * pilote_backups_dialog_restore:
 * @index: the row of the copy
 *
 * Asks before restoring the copy, as its "Restore…" button does.
 *
 * Returns: (transfer none): the question asked
 */
GtkWidget *
pilote_backups_dialog_restore (PiloteBackupsDialog *self,
                               guint                index)
{
  g_autofree char *others = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  const char *backup;
  GtkWidget *dialog;

  g_return_val_if_fail (PILOTE_IS_BACKUPS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->backups->len, NULL);

  backup = g_ptr_array_index (self->backups, index);
  name = g_path_get_basename (backup);
  others = others_present (self);
  if (others != NULL)
    {
      /* Translators: the first %s is a list of people and their computers */
      body = g_strdup_printf (_("The file is open by %s. Restoring now would throw away what "
                                "they are doing. Ask them to close it first, or restore anyway: "
                                "the current content is kept as a backup copy before it is "
                                "replaced."), others);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Others Have the File Open"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "force", _("Restore _Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "force",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      /* Translators: %s is a backup copy's file name */
      body = g_strdup_printf (_("The file goes back to the content of “%s”. Its current content "
                                "is first kept as a backup copy, so that you can come back to "
                                "it by restoring that copy."), name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Copy?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "restore", _("_Restore"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pilote-backup", g_strdup (backup), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_clicked_cb (GtkButton           *button,
                    PiloteBackupsDialog *self)
{
  pilote_backups_dialog_restore (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                            "pilote-index")));
}

/* Building */

static void
build (PiloteBackupsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Pilote keeps a copy of the file each day it is opened, "
                                      "and before each upgrade. Restoring a copy keeps the "
                                      "current content as a copy first."));
  GtkWidget *list = gtk_list_box_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Backups"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);

  self->now_button = gtk_button_new_with_mnemonic (_("_Back Up Now"));
  gtk_widget_add_css_class (self->now_button, "suggested-action");
  g_signal_connect_swapped (self->now_button, "clicked", G_CALLBACK (on_now_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->now_button);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-save-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Backup Copies Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Take one now with “Back Up Now”."));
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (content), intro);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (content), list);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (GTK_STACK (stack), scrolled, "list");
  gtk_widget_set_vexpand (stack, TRUE);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, stack);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
  self->stack = GTK_STACK (stack);
  self->list = GTK_LIST_BOX (list);
}

/**
 * pilote_backups_dialog_new:
 * @store: the open file
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
PiloteBackupsDialog *
pilote_backups_dialog_new (GtkWindow   *parent,
                           PiloteStore *store)
{
  PiloteBackupsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  self = g_object_new (PILOTE_TYPE_BACKUPS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (pilote_store_get_path (store));
  fill_list (self);
  return self;
}

GtkListBox *
pilote_backups_dialog_get_list (PiloteBackupsDialog *self)
{
  g_return_val_if_fail (PILOTE_IS_BACKUPS_DIALOG (self), NULL);
  return self->list;
}

/**
 * pilote_backups_dialog_get_backup:
 *
 * Returns: (nullable): the file of the copy on row @index
 */
const char *
pilote_backups_dialog_get_backup (PiloteBackupsDialog *self,
                                  guint                index)
{
  g_return_val_if_fail (PILOTE_IS_BACKUPS_DIALOG (self), NULL);
  return index < self->backups->len ? g_ptr_array_index (self->backups, index) : NULL;
}

gboolean
pilote_backups_dialog_is_busy (PiloteBackupsDialog *self)
{
  g_return_val_if_fail (PILOTE_IS_BACKUPS_DIALOG (self), FALSE);
  return self->busy;
}

static void
pilote_backups_dialog_dispose (GObject *object)
{
  PiloteBackupsDialog *self = PILOTE_BACKUPS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (pilote_backups_dialog_parent_class)->dispose (object);
}

static void
pilote_backups_dialog_finalize (GObject *object)
{
  PiloteBackupsDialog *self = PILOTE_BACKUPS_DIALOG (object);

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_backups_dialog_parent_class)->finalize (object);
}

static void
pilote_backups_dialog_class_init (PiloteBackupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_backups_dialog_dispose;
  object_class->finalize = pilote_backups_dialog_finalize;

  /**
   * PiloteBackupsDialog::restored:
   * @kept: (nullable): the copy of the content that was replaced
   *
   * A copy was put back in place of the file.
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pilote_backups_dialog_init (PiloteBackupsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  build (self);
}
