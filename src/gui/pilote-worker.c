/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pilote-worker.h"

/* Work done in a thread for a window or a widget.
 *
 * A task run in a thread is let go of twice: by the main loop, once its
 * callback has run, and by the thread, once it has returned. Either may
 * come last. If the task held the widget, the widget could then be
 * finalized in the thread, while the main loop still draws it. Here the
 * task holds the widget only until its callback has run, in the main
 * loop. */

typedef struct {
  GObject             *object;
  GAsyncReadyCallback  callback;
} WorkerReady;

static void
worker_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WorkerReady *ready = user_data;

  ready->callback (ready->object, result, NULL);
  g_object_unref (ready->object);
  g_free (ready);
}

/**
 * pilote_worker_task_new:
 * @object: the widget the work is for
 * @cancellable: (nullable): cancels the work
 * @callback: called in the main loop with @object as its source, and no
 *   user data
 *
 * Returns: (transfer full): a task to run in a thread, with no source
 *   object: @object is held for @callback, and let go of in the main loop
 */
GTask *
pilote_worker_task_new (gpointer             object,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback)
{
  WorkerReady *ready = g_new (WorkerReady, 1);

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  ready->object = g_object_ref (object);
  ready->callback = callback;
  return g_task_new (NULL, cancellable, worker_ready_cb, ready);
}

/* A read-only connection kept between works of the same kind, one at a
 * time: opening one parses the file's whole schema (10–15 ms on a large
 * file) and starts with an empty page cache, which a search as the user
 * types would otherwise pay at every keystroke. A work takes the
 * connection kept (or opens one when it is in use or of another file) and
 * gives it back when done; the slot is shared by the widget and its works
 * in flight, each holding a reference. */
struct _PiloteReaderSlot {
  GMutex       lock;
  PiloteStore *reader;       /* (nullable) */
  guint        generation;   /* one more at each clear () */
};

/* the slot's generation when the connection was taken: one taken before
 * a clear () is not kept when given back */
#define GENERATION_KEY "pilote-reader-slot-generation"

PiloteReaderSlot *
pilote_reader_slot_new (void)
{
  PiloteReaderSlot *slot = g_atomic_rc_box_new0 (PiloteReaderSlot);

  g_mutex_init (&slot->lock);
  return slot;
}

PiloteReaderSlot *
pilote_reader_slot_ref (PiloteReaderSlot *slot)
{
  return g_atomic_rc_box_acquire (slot);
}

static void
reader_slot_free (gpointer data)
{
  PiloteReaderSlot *slot = data;

  g_clear_object (&slot->reader);
  g_mutex_clear (&slot->lock);
}

void
pilote_reader_slot_unref (PiloteReaderSlot *slot)
{
  g_atomic_rc_box_release_full (slot, reader_slot_free);
}

/**
 * pilote_reader_slot_take:
 * @path: the file to read
 *
 * Returns: (transfer full): the connection kept, when it reads @path, or
 *   a new read-only connection to @path; %NULL on error
 */
PiloteStore *
pilote_reader_slot_take (PiloteReaderSlot  *slot,
                         const char        *path,
                         GError           **error)
{
  PiloteStore *reader;
  guint generation;

  g_return_val_if_fail (slot != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  g_mutex_lock (&slot->lock);
  reader = g_steal_pointer (&slot->reader);
  generation = slot->generation;
  g_mutex_unlock (&slot->lock);
  if (reader == NULL || g_strcmp0 (pilote_store_get_path (reader), path) != 0)
    {
      g_clear_object (&reader);
      reader = pilote_store_open (path, PILOTE_STORE_OPEN_READ_ONLY, error);
    }
  if (reader != NULL)
    g_object_set_data (G_OBJECT (reader), GENERATION_KEY, GUINT_TO_POINTER (generation));
  return reader;
}

/**
 * pilote_reader_slot_give_back:
 * @reader: (transfer full) (nullable): a connection taken from the slot
 *
 * Keeps @reader for the next work, unless the slot already keeps one or
 * was cleared since @reader was taken.
 */
void
pilote_reader_slot_give_back (PiloteReaderSlot *slot,
                              PiloteStore      *reader)
{
  guint generation;

  g_return_if_fail (slot != NULL);

  if (reader == NULL)
    return;
  generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (reader), GENERATION_KEY));
  g_mutex_lock (&slot->lock);
  if (slot->reader == NULL && generation == slot->generation)
    slot->reader = g_steal_pointer (&reader);
  g_mutex_unlock (&slot->lock);
  g_clear_object (&reader);
}

/* lets go of the connection kept, and of those out now when they come
 * back: another file was opened, or the same one replaced */
void
pilote_reader_slot_clear (PiloteReaderSlot *slot)
{
  PiloteStore *reader;

  g_return_if_fail (slot != NULL);

  g_mutex_lock (&slot->lock);
  reader = g_steal_pointer (&slot->reader);
  slot->generation++;
  g_mutex_unlock (&slot->lock);
  g_clear_object (&reader);
}
