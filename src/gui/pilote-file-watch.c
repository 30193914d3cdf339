/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include "pilote-backup.h"
#include "pilote-file-watch.h"
#include "pilote-presence.h"

/*
 * Watches a file that others share, from the main loop:
 *
 * - every PILOTE_FILE_WATCH_POLL_MS, asks SQLite whether another
 *   connection committed (PRAGMA data_version: a read of the file's
 *   header, cheap, and it sees commits made from other machines, which
 *   file monitors do not). When one did, the content stamp tells a change
 *   of what the views show ("changed") from someone's heartbeat, and the
 *   list of who has the file open is read again ("presence-changed");
 * - keeps this window in that list: registers when the file is opened,
 *   says it is still there every PILOTE_PRESENCE_HEARTBEAT_SECONDS, and
 *   leaves with the store;
 * - takes the day's backup copy of the file when it is opened (the first
 *   window to open it that day does), in a thread of its own.
 */

struct _PiloteFileWatch
{
  GObject      parent_instance;

  PiloteStore *store;
  GPtrArray   *others;       /* PilotePresence */
  gint64       data_version;
  char        *stamp;
  guint        poll_id;
  guint        heartbeat_id;
  guint        register_id;
  guint        backup_id;
};

#define BACKUP_DELAY_SECONDS 2

G_DEFINE_FINAL_TYPE (PiloteFileWatch, pilote_file_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  PRESENCE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
same_people (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return a == b;
  for (guint i = 0; i < a->len; i++)
    {
      PilotePresence *x = g_ptr_array_index (a, i);
      PilotePresence *y = g_ptr_array_index (b, i);

      if (x->id != y->id || g_strcmp0 (x->name, y->name) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
read_others (PiloteFileWatch *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) others = pilote_presence_list (self->store, FALSE, &error);

  if (others == NULL)
    {
      g_debug ("Cannot read who has the file open: %s", error->message);
      return;
    }
  if (same_people (self->others, others))
    return;
  g_clear_pointer (&self->others, g_ptr_array_unref);
  self->others = g_steal_pointer (&others);
  g_signal_emit (self, signals[PRESENCE_CHANGED], 0);
}

/**
 * pilote_file_watch_poll:
 *
 * Looks at the file now; the watch does it by itself on a timer.
 */
void
pilote_file_watch_poll (PiloteFileWatch *self)
{
  g_autofree char *stamp = NULL;
  gint64 version;

  g_return_if_fail (PILOTE_IS_FILE_WATCH (self));

  version = pilote_store_get_data_version (self->store);
  if (version == self->data_version)
    return;
  self->data_version = version;
  read_others (self);
  stamp = pilote_store_get_content_stamp (self->store);
  if (g_strcmp0 (stamp, self->stamp) == 0)
    return;
  g_free (self->stamp);
  self->stamp = g_steal_pointer (&stamp);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
poll_cb (gpointer data)
{
  pilote_file_watch_poll (data);
  return G_SOURCE_CONTINUE;
}

/**
 * pilote_file_watch_heartbeat:
 *
 * Tells the others that this window is still there (with the member chosen
 * now), and forgets those who stopped saying so.
 */
void
pilote_file_watch_heartbeat (PiloteFileWatch *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PILOTE_IS_FILE_WATCH (self));

  if (!pilote_store_is_read_only (self->store) &&
      !pilote_presence_heartbeat (self->store, &error))
    g_debug ("Cannot tell others this window is open: %s", error->message);
  read_others (self);
}

static gboolean
register_cb (gpointer data)
{
  PiloteFileWatch *self = data;
  g_autoptr(GError) error = NULL;

  self->register_id = 0;
  if (!pilote_store_is_read_only (self->store) && !pilote_presence_register (self->store, &error))
    g_debug ("Cannot tell others this window is open: %s", error->message);
  read_others (self);
  return G_SOURCE_REMOVE;
}

static gboolean
heartbeat_cb (gpointer data)
{
  pilote_file_watch_heartbeat (data);
  return G_SOURCE_CONTINUE;
}

static void
pilote_file_watch_dispose (GObject *object)
{
  PiloteFileWatch *self = PILOTE_FILE_WATCH (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  /* never registered: nothing to take back */
  if (self->register_id != 0)
    g_clear_handle_id (&self->register_id, g_source_remove);
  else if (self->store != NULL && !pilote_store_is_read_only (self->store))
    pilote_presence_unregister (self->store, NULL);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_file_watch_parent_class)->dispose (object);
}

static void
pilote_file_watch_finalize (GObject *object)
{
  PiloteFileWatch *self = PILOTE_FILE_WATCH (object);

  g_clear_pointer (&self->others, g_ptr_array_unref);
  g_free (self->stamp);
  G_OBJECT_CLASS (pilote_file_watch_parent_class)->finalize (object);
}

static void
pilote_file_watch_class_init (PiloteFileWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pilote_file_watch_dispose;
  object_class->finalize = pilote_file_watch_finalize;

  /**
   * PiloteFileWatch::changed:
   *
   * Someone else committed a change to what the file holds.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PiloteFileWatch::presence-changed:
   *
   * Someone opened or closed the file.
   */
  signals[PRESENCE_CHANGED] = g_signal_new ("presence-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
pilote_file_watch_init (PiloteFileWatch *self)
{
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = pilote_backup_daily (task_data, NULL, PILOTE_BACKUP_KEEP, &error);

  if (error != NULL)
    g_message ("The day's backup copy of “%s” could not be taken: %s",
               (const char *) task_data, error->message);
  else if (made != NULL)
    g_debug ("Backup copy taken: %s", made);
  g_task_return_boolean (task, made != NULL);
}

static gboolean
start_backup_cb (gpointer data)
{
  PiloteFileWatch *self = data;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  self->backup_id = 0;
  g_task_set_source_tag (task, pilote_file_watch_new);
  g_task_set_task_data (task, g_strdup (pilote_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, backup_thread);
  return G_SOURCE_REMOVE;
}

/**
 * pilote_file_watch_new:
 * @store: the file open in a window
 *
 * Returns: (transfer full): a watch, which registers this window in the
 *   list of who has the file open
 */
PiloteFileWatch *
pilote_file_watch_new (PiloteStore *store)
{
  PiloteFileWatch *self;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  self = g_object_new (PILOTE_TYPE_FILE_WATCH, NULL);
  self->store = g_object_ref (store);
  self->data_version = pilote_store_get_data_version (store);
  self->stamp = pilote_store_get_content_stamp (store);
  /* the presence row is written (a commit, which waits for the disk) once
   * the window has shown, not before its first frame */
  self->register_id = g_idle_add_full (G_PRIORITY_LOW, register_cb, self, NULL);
  self->poll_id = g_timeout_add (PILOTE_FILE_WATCH_POLL_MS, poll_cb, self);
  self->heartbeat_id = g_timeout_add_seconds (PILOTE_PRESENCE_HEARTBEAT_SECONDS, heartbeat_cb,
                                              self);
  /* the day's copy of a large file reads all of it: not while the window
   * shows itself */
  self->backup_id = g_timeout_add_seconds (BACKUP_DELAY_SECONDS, start_backup_cb, self);
  return self;
}

PiloteStore *
pilote_file_watch_get_store (PiloteFileWatch *self)
{
  g_return_val_if_fail (PILOTE_IS_FILE_WATCH (self), NULL);
  return self->store;
}

/**
 * pilote_file_watch_get_others:
 *
 * Returns: (transfer none) (element-type PilotePresence) (nullable): who
 *   else has the file open, as last read
 */
GPtrArray *
pilote_file_watch_get_others (PiloteFileWatch *self)
{
  g_return_val_if_fail (PILOTE_IS_FILE_WATCH (self), NULL);
  return self->others;
}
