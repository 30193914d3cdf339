/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-conflict-dialog.h"
#include "pilote-error.h"
#include "pilote-record-editor.h"

/*
 * The questions a record editor asks, for records changed elsewhere than
 * in an editor window too (a client deleted from the Clients view, a SWOT
 * item edited in place): deleting a record someone else changed since it
 * was shown asks first; saving over someone else's change merges field
 * by field.
 */

/* Deleting */

typedef struct {
  GWeakRef                 owner;
  PiloteStore             *store;
  PiloteEntity             entity;
  gint64                   id;
  gint64                   version;
  PiloteRecordDeletedFunc  done;
} AskDelete;

static void
ask_delete_free (gpointer data,
                 GClosure *closure)
{
  AskDelete *ask = data;

  g_weak_ref_clear (&ask->owner);
  g_clear_object (&ask->store);
  g_free (ask);
}

static void
on_delete_anyway_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              AskDelete        *ask)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&ask->owner);
  g_autoptr(GError) error = NULL;
  gboolean deleted = FALSE;

  if (g_strcmp0 (response, "delete") == 0)
    deleted = pilote_store_delete (ask->store, ask->entity, ask->id, ask->version, &error);
  if (owner != NULL)
    ask->done (owner, ask->id, deleted, error);
}

/**
 * pilote_record_delete_checked:
 * @parent: (nullable): the window to ask over
 * @seen: the record as the user saw it
 * @thing: what the record is called, for the question
 * @done: called once the record is deleted, or not
 * @owner: a #GObject given to @done, which is not called once @owner is
 *   finalized
 *
 * Deletes (softly) the record the user saw. When someone else changed it
 * since, deleting it would throw their change away too: a dialog naming
 * them asks first, and @done is called once answered.
 *
 * Returns: (transfer none) (nullable): the dialog asking; %NULL when it
 *   did not ask and @done was already called
 */
GtkWidget *
pilote_record_delete_checked (GtkWindow               *parent,
                              PiloteStore             *store,
                              gconstpointer            seen,
                              const char              *thing,
                              PiloteRecordDeletedFunc  done,
                              gpointer                 owner)
{
  const PiloteRecord *record = seen;
  g_autoptr(PiloteRecord) current = NULL;
  g_autoptr(PiloteMember) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AskDelete *ask;
  GtkWidget *dialog;
  gboolean deleted;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL && record->id > 0, NULL);
  g_return_val_if_fail (done != NULL && G_IS_OBJECT (owner), NULL);

  current = pilote_store_get (store, record->entity, record->id, &error);
  if (current == NULL || current->deleted_at != NULL || current->version == record->version)
    {
      /* unchanged, or already deleted: the store says so */
      deleted = current != NULL &&
                pilote_store_delete (store, record->entity, record->id, record->version, &error);
      done (owner, record->id, deleted, error);
      return NULL;
    }

  if (current->updated_by > 0)
    member = pilote_store_get_member (store, current->updated_by, NULL);
  if (member != NULL && member->name != NULL)
    /* Translators: the first %s is a person's name, the second what is deleted ("Acme renewal") */
    body = g_strdup_printf (_("%s changed “%s” since you opened it: deleting it throws their "
                              "change away too."), member->name, thing);
  else
    /* Translators: %s is what is deleted ("Acme renewal") */
    body = g_strdup_printf (_("Someone else changed “%s” since you opened it: deleting it throws "
                              "their change away too."), thing);
  dialog = adw_message_dialog_new (parent, _("Delete Anyway?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ask = g_new0 (AskDelete, 1);
  g_weak_ref_init (&ask->owner, owner);
  ask->store = g_object_ref (store);
  ask->entity = record->entity;
  ask->id = record->id;
  /* the version they saved, which the user now knows of */
  ask->version = current->version;
  ask->done = done;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_anyway_response_cb), ask,
                         ask_delete_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Conflicts outside an editor */

typedef struct {
  GWeakRef                  owner;
  GtkWindow                *parent;
  PiloteStore              *store;
  char                     *thing;
  PiloteRecordResolvedFunc  done;
} Resolve;

static void
resolve_free (gpointer  data,
              GClosure *closure)
{
  Resolve *resolve = data;

  g_weak_ref_clear (&resolve->owner);
  g_clear_weak_pointer (&resolve->parent);
  g_clear_object (&resolve->store);
  g_free (resolve->thing);
  g_free (resolve);
}

static void
on_resolve_response_cb (PiloteConflictDialog *dialog,
                        const char           *response,
                        Resolve              *resolve)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&resolve->owner);
  g_autoptr(GError) error = NULL;

  if (owner == NULL)
    return;
  if (g_strcmp0 (response, "save") == 0)
    {
      PiloteConflict *conflict = pilote_conflict_dialog_get_conflict (dialog);
      g_autoptr(PiloteRecord) merged = pilote_conflict_merge (conflict);

      if (!pilote_store_update (resolve->store, merged, &error))
        {
          /* changed again meanwhile: the same question, on the newest version */
          if (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT) &&
              pilote_record_resolve_conflict (resolve->parent, resolve->store, conflict->theirs,
                                              merged, resolve->thing, resolve->done, owner))
            return;
          resolve->done (owner, "cancel", error);
          return;
        }
    }
  resolve->done (owner, response, NULL);
}

/**
 * pilote_record_resolve_conflict:
 * @original: the record as the user started from
 * @mine: the record as the user wanted to save it, refused with
 *   %PILOTE_ERROR_CONFLICT
 * @thing: what the record is called, the dialog's subtitle
 * @done: called once the user chose
 * @owner: a #GObject given to @done, which is not called once @owner is
 *   finalized
 *
 * For a record edited outside an editor window (a SWOT item…): someone
 * else saved it meanwhile, so the conflict dialog lays theirs, mine and
 * the original side by side; the merge chosen is written on top of their
 * version, asking again if it changed once more.
 *
 * Returns: (transfer none) (nullable): the dialog; %NULL when the record
 *   cannot be read or was deleted meanwhile (nothing to merge with)
 */
GtkWidget *
pilote_record_resolve_conflict (GtkWindow                *parent,
                                PiloteStore              *store,
                                gconstpointer             original,
                                gconstpointer             mine,
                                const char               *thing,
                                PiloteRecordResolvedFunc  done,
                                gpointer                  owner)
{
  PiloteConflict *conflict;
  PiloteConflictDialog *dialog;
  Resolve *resolve;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (done != NULL && G_IS_OBJECT (owner), NULL);

  conflict = pilote_conflict_new (store, original, mine, NULL);
  if (conflict == NULL || conflict->deleted)
    {
      g_clear_pointer (&conflict, pilote_conflict_free);
      return NULL;
    }
  dialog = pilote_conflict_dialog_new (parent, store, conflict, thing);
  resolve = g_new0 (Resolve, 1);
  g_weak_ref_init (&resolve->owner, owner);
  g_set_weak_pointer (&resolve->parent, parent);
  resolve->store = g_object_ref (store);
  resolve->thing = g_strdup (thing);
  resolve->done = done;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_resolve_response_cb), resolve,
                         resolve_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}
