/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-conflict-dialog.h"
#include "pilote-error.h"
#include "pilote-history-dialog.h"
#include "pilote-record-editor.h"

/*
 * What every record editor does the same way: saving with the version
 * check and, on a conflict, the three versions field by field (see
 * PiloteConflictDialog), then the merge saved on top of their version;
 * deleting, asking first when someone else changed the record since it
 * was loaded; the History button; the error line under the header bar.
 */

typedef struct
{
  PiloteStore    *store;
  PiloteRecord   *record;            /* as loaded or last saved; its version is the one checked */
  GtkWidget      *conflict_dialog;   /* the dialog asking about a conflict or a deletion */
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkWidget      *error_row;         /* the row marked with the last error */
  AdwWindowTitle *window_title;
  GtkWidget      *delete_group;
} PiloteRecordEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PiloteRecordEditor, pilote_record_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PRIV(self) ((PiloteRecordEditorPrivate *) pilote_record_editor_get_instance_private (self))

/* Errors */

/**
 * pilote_record_editor_set_error_widgets:
 *
 * Names the line under the header bar that says what went wrong, for an
 * editor that builds its own window (pilote_record_editor_build () makes
 * one otherwise).
 */
void
pilote_record_editor_set_error_widgets (PiloteRecordEditor *self,
                                        GtkRevealer        *revealer,
                                        GtkLabel           *label)
{
  PiloteRecordEditorPrivate *priv;

  g_return_if_fail (PILOTE_IS_RECORD_EDITOR (self));
  priv = PRIV (self);
  priv->error_revealer = revealer;
  priv->error_label = label;
}

void
pilote_record_editor_clear_error (PiloteRecordEditor *self)
{
  PiloteRecordEditorPrivate *priv;

  g_return_if_fail (PILOTE_IS_RECORD_EDITOR (self));
  priv = PRIV (self);
  if (priv->error_revealer != NULL)
    gtk_revealer_set_reveal_child (priv->error_revealer, FALSE);
  if (priv->error_row != NULL)
    gtk_widget_remove_css_class (priv->error_row, "error");
  g_clear_weak_pointer (&priv->error_row);
}

/**
 * pilote_record_editor_show_error:
 * @row: (nullable): the row of the field at fault, marked and focused;
 *   when %NULL, the one the subclass finds for @message, if any
 */
void
pilote_record_editor_show_error (PiloteRecordEditor *self,
                                 const char         *message,
                                 GtkWidget          *row)
{
  PiloteRecordEditorPrivate *priv;

  g_return_if_fail (PILOTE_IS_RECORD_EDITOR (self));
  priv = PRIV (self);
  pilote_record_editor_clear_error (self);
  if (message == NULL)
    return;
  if (priv->error_label != NULL)
    {
      gtk_label_set_text (priv->error_label, message);
      gtk_revealer_set_reveal_child (priv->error_revealer, TRUE);
    }
  else
    g_message ("%s", message);
  if (row == NULL && PILOTE_RECORD_EDITOR_GET_CLASS (self)->error_row != NULL)
    row = PILOTE_RECORD_EDITOR_GET_CLASS (self)->error_row (self, message);
  if (row != NULL && gtk_widget_get_visible (row))
    {
      gtk_widget_add_css_class (row, "error");
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
      g_set_weak_pointer (&priv->error_row, row);
    }
}

/**
 * pilote_record_editor_get_error:
 *
 * Returns: (nullable): the message shown under the header bar, if any
 */
const char *
pilote_record_editor_get_error (PiloteRecordEditor *self)
{
  PiloteRecordEditorPrivate *priv;

  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), NULL);
  priv = PRIV (self);
  if (priv->error_revealer == NULL || !gtk_revealer_get_reveal_child (priv->error_revealer))
    return NULL;
  return gtk_label_get_text (priv->error_label);
}

/* The record */

static char *
describe (PiloteRecordEditor *self)
{
  char *thing = PILOTE_RECORD_EDITOR_GET_CLASS (self)->describe (self);

  return thing != NULL ? thing : g_strdup (_("this record"));
}

static void
update_actions (PiloteRecordEditor *self)
{
  PiloteRecordEditorPrivate *priv = PRIV (self);
  gboolean stored = priv->record != NULL && priv->record->id > 0;
  gboolean writable = priv->store != NULL && !pilote_store_is_read_only (priv->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", writable && stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", stored);
  if (priv->delete_group != NULL)
    gtk_widget_set_visible (priv->delete_group, stored);
}

static void
set_record (PiloteRecordEditor *self,
            gpointer            record)
{
  PiloteRecordEditorPrivate *priv = PRIV (self);

  g_clear_pointer (&priv->record, pilote_record_free);
  priv->record = record;
  update_actions (self);
}

/**
 * pilote_record_editor_load:
 * @record: (transfer full): the record to edit: as stored, or a new one
 *   (id 0) with its defaults
 *
 * Shows @record in the form; a subclass calls this once built.
 */
void
pilote_record_editor_load (PiloteRecordEditor *self,
                           PiloteStore        *store,
                           gpointer            record)
{
  PiloteRecordEditorPrivate *priv;

  g_return_if_fail (PILOTE_IS_RECORD_EDITOR (self));
  g_return_if_fail (PILOTE_IS_STORE (store));
  g_return_if_fail (record != NULL);

  priv = PRIV (self);
  g_set_object (&priv->store, store);
  set_record (self, record);
  PILOTE_RECORD_EDITOR_GET_CLASS (self)->show (self, priv->record);
}

/**
 * pilote_record_editor_get_store:
 *
 * Returns: (transfer none): the file the record is in
 */
PiloteStore *
pilote_record_editor_get_store (PiloteRecordEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), NULL);
  return PRIV (self)->store;
}

/**
 * pilote_record_editor_get_record:
 *
 * Returns: (transfer none): the record as loaded, or as last saved
 */
gconstpointer
pilote_record_editor_get_record (PiloteRecordEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), NULL);
  return PRIV (self)->record;
}

/**
 * pilote_record_editor_get_id:
 *
 * Returns: the record's id, 0 while it is new
 */
gint64
pilote_record_editor_get_id (PiloteRecordEditor *self)
{
  PiloteRecordEditorPrivate *priv;

  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), 0);
  priv = PRIV (self);
  return priv->record != NULL ? priv->record->id : 0;
}

/**
 * pilote_record_editor_get_conflict_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog open about a conflict
 *   (a #PiloteConflictDialog, or an #AdwMessageDialog when the record was
 *   deleted meanwhile) or asking before a deletion
 */
GtkWidget *
pilote_record_editor_get_conflict_dialog (PiloteRecordEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), NULL);
  return PRIV (self)->conflict_dialog;
}

static void
track_dialog (PiloteRecordEditor *self,
              GtkWidget          *dialog)
{
  PiloteRecordEditorPrivate *priv = PRIV (self);

  if (priv->conflict_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->conflict_dialog),
                                  (gpointer *) &priv->conflict_dialog);
  priv->conflict_dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &priv->conflict_dialog);
}

/* a dialog answered: it is no longer the one open */
static void
untrack_dialog (PiloteRecordEditor *self,
                gpointer            dialog)
{
  if (PRIV (self)->conflict_dialog == dialog)
    track_dialog (self, NULL);
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the editor once the dialog answering has returned from its
 * ::response: a message dialog is destroyed with its parent, and would
 * otherwise be finalized after the editor it still points to. */
static void
close_later (PiloteRecordEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

/* Saving */

static gboolean
default_write (PiloteRecordEditor  *self,
               gpointer             record,
               GError             **error)
{
  PiloteStore *store = PRIV (self)->store;

  if (((PiloteRecord *) record)->id == 0)
    return pilote_store_insert (store, record, error);
  return pilote_store_update (store, record, error);
}

static gboolean
default_can_merge (PiloteRecordEditor *self)
{
  return TRUE;
}

static char *
default_describe (PiloteRecordEditor *self)
{
  return NULL;
}

/* writes @record; on success it is what the editor holds, as stored */
static gboolean
write_record (PiloteRecordEditor  *self,
              gpointer             record,
              GError             **error)
{
  PiloteRecordEditorPrivate *priv = PRIV (self);
  PiloteRecord *written = record;
  gpointer stored;

  if (!PILOTE_RECORD_EDITOR_GET_CLASS (self)->write (self, record, error))
    return FALSE;
  stored = pilote_store_get (priv->store, written->entity, written->id, NULL);
  set_record (self, stored != NULL ? stored : pilote_record_copy (record));
  g_signal_emit (self, signals[SAVED], 0, priv->record->id);
  return TRUE;
}

static void show_conflict (PiloteRecordEditor *self,
                           gconstpointer       mine,
                           const char         *message);

static void
report_failure (PiloteRecordEditor *self,
                gconstpointer       mine,
                const GError       *error)
{
  if (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
    show_conflict (self, mine, error->message);
  else
    pilote_record_editor_show_error (self, error->message, NULL);
}

/**
 * pilote_record_editor_save:
 *
 * Writes the record as the form says: inserted when new, else updated if
 * nobody changed it since it was loaded. When someone did, the error is
 * %PILOTE_ERROR_CONFLICT and the conflict dialog is open (see
 * pilote_record_editor_get_conflict_dialog ()); any other problem is
 * shown under the header bar. On success emits ::saved.
 */
gboolean
pilote_record_editor_save (PiloteRecordEditor  *self,
                           GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PiloteRecord) mine = NULL;
  GtkWidget *bad_row = NULL;

  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), FALSE);

  pilote_record_editor_clear_error (self);
  mine = PILOTE_RECORD_EDITOR_GET_CLASS (self)->collect (self, &bad_row, &local_error);
  if (mine == NULL)
    {
      g_assert (local_error != NULL);
      pilote_record_editor_show_error (self, local_error->message, bad_row);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (write_record (self, mine, &local_error))
    return TRUE;
  report_failure (self, mine, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * pilote_record_editor_reload:
 *
 * Drops the changes in the form and shows the record as stored now.
 */
gboolean
pilote_record_editor_reload (PiloteRecordEditor  *self,
                             GError             **error)
{
  PiloteRecordEditorPrivate *priv;
  PiloteRecord *fresh;

  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), FALSE);

  priv = PRIV (self);
  if (priv->record->id == 0)
    return TRUE;
  fresh = pilote_store_get (priv->store, priv->record->entity, priv->record->id, error);
  if (fresh == NULL)
    return FALSE;
  set_record (self, fresh);
  pilote_record_editor_clear_error (self);
  PILOTE_RECORD_EDITOR_GET_CLASS (self)->show (self, priv->record);
  if (PILOTE_RECORD_EDITOR_GET_CLASS (self)->reloaded != NULL)
    PILOTE_RECORD_EDITOR_GET_CLASS (self)->reloaded (self);
  if (fresh->deleted_at != NULL)
    {
      g_autofree char *thing = describe (self);
      /* Translators: %s is what was edited ("Acme renewal") */
      g_autofree char *message = g_strdup_printf (_("Someone else deleted “%s”: it cannot be "
                                                    "saved any more."), thing);

      pilote_record_editor_show_error (self, message, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", FALSE);
    }
  return TRUE;
}

/* Conflicts */

static void
on_merge_response_cb (PiloteConflictDialog *dialog,
                      const char           *response,
                      PiloteRecordEditor   *self)
{
  g_autoptr(GError) error = NULL;

  untrack_dialog (self, dialog);
  if (g_strcmp0 (response, "save") == 0)
    {
      PiloteConflict *conflict = pilote_conflict_dialog_get_conflict (dialog);
      g_autoptr(PiloteRecord) merged = pilote_conflict_merge (conflict);

      /* the merge is built on their version: it is now the version the
       * form starts from, and a change made meanwhile by a third person
       * is a new conflict, asked about the same way */
      set_record (self, pilote_record_copy (conflict->theirs));
      PILOTE_RECORD_EDITOR_GET_CLASS (self)->show (self, merged);
      if (write_record (self, merged, &error))
        close_later (self);
      else
        report_failure (self, merged, error);
    }
  else if (g_strcmp0 (response, "reload") == 0)
    {
      if (!pilote_record_editor_reload (self, &error))
        pilote_record_editor_show_error (self, error->message, NULL);
    }
}

static void
on_changed_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        PiloteRecordEditor *self)
{
  g_autoptr(GError) error = NULL;

  untrack_dialog (self, dialog);
  if (g_strcmp0 (response, "reload") == 0)
    {
      if (!pilote_record_editor_reload (self, &error))
        pilote_record_editor_show_error (self, error->message, NULL);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    close_later (self);
}

/* Someone else saved the record since it was loaded: theirs, mine and
 * the original side by side when they can be merged field by field; when
 * it was deleted, or cannot be merged, keep editing or give up */
static void
show_conflict (PiloteRecordEditor *self,
               gconstpointer       mine,
               const char         *message)
{
  PiloteRecordEditorPrivate *priv = PRIV (self);
  g_autofree char *thing = describe (self);
  g_autofree char *body = NULL;
  PiloteConflict *conflict = NULL;
  gboolean deleted;
  GtkWidget *dialog;

  /* a question still open is asked again, about the versions as they are now */
  if (priv->conflict_dialog != NULL)
    {
      dialog = priv->conflict_dialog;
      track_dialog (self, NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (priv->record->id > 0)
    conflict = pilote_conflict_new (priv->store, priv->record, mine, NULL);
  deleted = conflict == NULL || conflict->deleted;
  if (!deleted && PILOTE_RECORD_EDITOR_GET_CLASS (self)->can_merge (self))
    {
      dialog = GTK_WIDGET (pilote_conflict_dialog_new (GTK_WINDOW (self), priv->store, conflict,
                                                       thing));
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, 0);
      track_dialog (self, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  g_clear_pointer (&conflict, pilote_conflict_free);

  if (deleted)
    {
      /* Translators: %s is what was edited ("Acme renewal") */
      body = g_strdup_printf (_("Someone else deleted “%s” while you were editing it: your "
                                "changes cannot be saved."), thing);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Deleted Meanwhile"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", _("_Keep Editing"),
                                        "discard", _("_Discard Changes"),
                                        NULL);
    }
  else
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changed Meanwhile"), message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", _("_Keep Editing"),
                                        "reload", _("_Reload"),
                                        NULL);
    }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              deleted ? "discard" : "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_changed_response_cb), self, 0);
  track_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deleting (see pilote_record_delete_checked ()) */

static void
on_deleted_cb (gpointer      owner,
               gint64        id,
               gboolean      deleted,
               const GError *error)
{
  PiloteRecordEditor *self = PILOTE_RECORD_EDITOR (owner);

  /* the question, if any, is answered */
  track_dialog (self, NULL);
  if (deleted)
    {
      g_signal_emit (self, signals[DELETED], 0, id);
      close_later (self);
    }
  else if (error != NULL)
    pilote_record_editor_show_error (self, error->message, NULL);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (pilote_record_editor_save (PILOTE_RECORD_EDITOR (widget), NULL))
    gtk_window_destroy (GTK_WINDOW (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteRecordEditor *self = PILOTE_RECORD_EDITOR (widget);
  PiloteRecordEditorPrivate *priv = PRIV (self);
  g_autofree char *thing = NULL;
  GtkWidget *dialog;

  if (priv->record == NULL || priv->record->id == 0)
    return;
  pilote_record_editor_clear_error (self);
  thing = describe (self);
  dialog = pilote_record_delete_checked (GTK_WINDOW (self), priv->store, priv->record, thing,
                                         on_deleted_cb, self);
  if (dialog != NULL)
    track_dialog (self, dialog);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteRecordEditor *self = PILOTE_RECORD_EDITOR (widget);
  PiloteRecordEditorPrivate *priv = PRIV (self);
  g_autofree char *thing = NULL;
  PiloteHistoryDialog *dialog;

  if (priv->record == NULL || priv->record->id == 0)
    return;
  thing = describe (self);
  dialog = pilote_history_dialog_new (GTK_WINDOW (self), priv->store, priv->record->entity,
                                      priv->record->id, thing);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building */

static GtkWidget *
button_new (const char *label,
            const char *action_name,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

/**
 * pilote_record_editor_history_button_new:
 *
 * Returns: (transfer floating): the header bar's button that shows the
 *   record's history
 */
GtkWidget *
pilote_record_editor_history_button_new (void)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-recent-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.history");
  gtk_widget_set_tooltip_text (button, _("History"));
  return button;
}

/**
 * pilote_record_editor_build:
 *
 * Makes the window's content: a header bar with Cancel, Save and History,
 * the error line, and a page for the subclass to add its groups to.
 *
 * Returns: (transfer none): the page
 */
AdwPreferencesPage *
pilote_record_editor_build (PiloteRecordEditor *self)
{
  PiloteRecordEditorPrivate *priv;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (PILOTE_IS_RECORD_EDITOR (self), NULL);
  priv = PRIV (self);

  priv->window_title = ADW_WINDOW_TITLE (adw_window_title_new (gtk_window_get_title (GTK_WINDOW (self)),
                                                               NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (priv->window_title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header),
                             button_new (_("_Cancel"), "window.close", NULL));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           button_new (_("_Save"), "editor.save", "suggested-action"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), pilote_record_editor_history_button_new ());
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error"), -1);
  gtk_box_append (GTK_BOX (error_box), icon);
  gtk_box_append (GTK_BOX (error_box), label);
  gtk_widget_add_css_class (error_box, "error");
  g_object_set (error_box, "margin-start", 18, "margin-end", 18, "margin-top", 12,
                "margin-bottom", 12, NULL);
  gtk_revealer_set_child (GTK_REVEALER (revealer), error_box);
  gtk_box_append (GTK_BOX (box), revealer);
  pilote_record_editor_set_error_widgets (self, GTK_REVEALER (revealer), GTK_LABEL (label));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  return ADW_PREFERENCES_PAGE (page);
}

/**
 * pilote_record_editor_add_delete_button:
 *
 * Adds a group with the Delete button at the end of @page; it shows once
 * the record is stored.
 */
void
pilote_record_editor_add_delete_button (PiloteRecordEditor *self,
                                        AdwPreferencesPage *page,
                                        const char         *label)
{
  PiloteRecordEditorPrivate *priv;
  GtkWidget *button = button_new (label, "editor.delete", "destructive-action");

  g_return_if_fail (PILOTE_IS_RECORD_EDITOR (self));
  priv = PRIV (self);
  priv->delete_group = adw_preferences_group_new ();
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (priv->delete_group), button);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (priv->delete_group));
  update_actions (self);
}

/**
 * pilote_record_editor_set_title:
 *
 * Sets the window's title, and the header bar's when the editor built it.
 */
void
pilote_record_editor_set_title (PiloteRecordEditor *self,
                                const char         *title)
{
  PiloteRecordEditorPrivate *priv;

  g_return_if_fail (PILOTE_IS_RECORD_EDITOR (self));
  priv = PRIV (self);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (priv->window_title != NULL)
    adw_window_title_set_title (priv->window_title, title);
}

/* GObject */

static void
pilote_record_editor_dispose (GObject *object)
{
  PiloteRecordEditor *self = PILOTE_RECORD_EDITOR (object);
  PiloteRecordEditorPrivate *priv = PRIV (self);

  if (priv->conflict_dialog != NULL)
    {
      GtkWidget *dialog = priv->conflict_dialog;

      track_dialog (self, NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_clear_weak_pointer (&priv->error_row);
  G_OBJECT_CLASS (pilote_record_editor_parent_class)->dispose (object);
}

static void
pilote_record_editor_finalize (GObject *object)
{
  PiloteRecordEditorPrivate *priv = PRIV (PILOTE_RECORD_EDITOR (object));

  g_clear_pointer (&priv->record, pilote_record_free);
  g_clear_object (&priv->store);
  G_OBJECT_CLASS (pilote_record_editor_parent_class)->finalize (object);
}

static void
pilote_record_editor_class_init (PiloteRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_record_editor_dispose;
  object_class->finalize = pilote_record_editor_finalize;
  klass->write = default_write;
  klass->can_merge = default_can_merge;
  klass->describe = default_describe;

  /**
   * PiloteRecordEditor::saved:
   * @id: the record written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * PiloteRecordEditor::deleted:
   * @id: the record deleted (softly: pilote_store_restore () brings it back)
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pilote_record_editor_init (PiloteRecordEditor *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", FALSE);
}
