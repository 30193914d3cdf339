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
