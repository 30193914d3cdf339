/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "pilote-presence.h"
#include "pilote-record.h"
#include "pilote-store-private.h"

/* Who has the file open: each window registers when it opens the file,
 * says it is still there every PILOTE_PRESENCE_HEARTBEAT_SECONDS, and
 * leaves when it closes. A window that crashed or lost the network stops
 * its heartbeat: its entry goes stale, is left out of the list, and is
 * removed by the next one to register. */

#define STALE_LIMIT "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-120 seconds')"

G_STATIC_ASSERT (PILOTE_PRESENCE_STALE_SECONDS == 120);

static char *
describe_self (PiloteStore *store)
{
  gint64 member_id = pilote_store_get_member_id (store);
  g_autoptr(PiloteMember) member = member_id > 0 ? pilote_store_get_member (store, member_id,
                                                                            NULL)
                                                 : NULL;
  const char *real = g_get_real_name ();

  if (member != NULL)
    return g_strdup (member->name);
  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/**
 * pilote_presence_register:
 *
 * Adds this store to the list of who has the file open (once; later calls
 * refresh the entry), and removes the entries gone stale.
 */
gboolean
pilote_presence_register (PiloteStore  *store,
                          GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  if (pilote_store_get_presence_id (store) > 0)
    return pilote_presence_heartbeat (store, error);

  name = describe_self (store);
  if (!pilote_store_begin_write (store, error))
    return FALSE;
  if (!pilote_store_exec (store, "DELETE FROM presence WHERE heartbeat < " STALE_LIMIT, error))
    goto fail;
  stmt = pilote_store_prepare (store,
                               "INSERT INTO presence (member_id, name, host, pid)"
                               " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  pilote_bind_id (stmt, 1, pilote_store_get_member_id (store));
  pilote_bind_text (stmt, 2, name);
  pilote_bind_text (stmt, 3, g_get_host_name ());
  sqlite3_bind_int64 (stmt, 4, getpid ());
  if (!pilote_store_step_done (store, stmt, error))
    goto fail;
  if (!pilote_store_commit (store, error))
    return FALSE;
  pilote_store_set_presence_id (store,
                                sqlite3_last_insert_rowid (pilote_store_get_db (store)));
  return TRUE;

fail:
  pilote_store_rollback (store);
  return FALSE;
}

/**
 * pilote_presence_heartbeat:
 *
 * Says that this store still has the file open, with the member chosen
 * now. Registers again when the entry was removed meanwhile (after a
 * sleep of the computer, for instance).
 */
gboolean
pilote_presence_heartbeat (PiloteStore  *store,
                           GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *name = NULL;
  gint64 id;
  int changes;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  id = pilote_store_get_presence_id (store);
  if (id <= 0)
    return pilote_presence_register (store, error);

  name = describe_self (store);
  if (!pilote_store_begin_write (store, error))
    return FALSE;
  stmt = pilote_store_prepare (store,
                               "UPDATE presence SET member_id = ?, name = ?,"
                               " heartbeat = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                               " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  pilote_bind_id (stmt, 1, pilote_store_get_member_id (store));
  pilote_bind_text (stmt, 2, name);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!pilote_store_step_done (store, stmt, error))
    goto fail;
  changes = sqlite3_changes (pilote_store_get_db (store));
  if (!pilote_store_commit (store, error))
    return FALSE;
  if (changes == 0)
    {
      pilote_store_set_presence_id (store, 0);
      return pilote_presence_register (store, error);
    }
  return TRUE;

fail:
  pilote_store_rollback (store);
  return FALSE;
}

/**
 * pilote_presence_unregister:
 *
 * Leaves the list; closing the store does it too.
 */
gboolean
pilote_presence_unregister (PiloteStore  *store,
                            GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  id = pilote_store_get_presence_id (store);
  if (id <= 0)
    return TRUE;
  if (!pilote_store_begin_write (store, error))
    return FALSE;
  stmt = pilote_store_prepare (store, "DELETE FROM presence WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pilote_store_step_done (store, stmt, error))
    goto fail;
  if (!pilote_store_commit (store, error))
    return FALSE;
  pilote_store_set_presence_id (store, 0);
  return TRUE;

fail:
  pilote_store_rollback (store);
  return FALSE;
}

/* an entry of a process of this computer that no longer runs */
static gboolean
process_is_gone (const char *host,
                 gint64      pid)
{
  if (g_strcmp0 (host, g_get_host_name ()) != 0 || pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

/**
 * pilote_presence_list:
 * @include_self: also list this store's own entry
 *
 * Who has the file open, longest first; stale entries and those of
 * processes of this computer that ended are left out.
 *
 * Returns: (transfer full) (element-type PilotePresence): the entries
 */
GPtrArray *
pilote_presence_list (PiloteStore  *store,
                      gboolean      include_self,
                      GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              pilote_presence_free);
  g_autoptr(PiloteStmt) stmt = NULL;
  gint64 self_id;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  self_id = pilote_store_get_presence_id (store);
  stmt = pilote_store_prepare (store,
                               "SELECT id, member_id, name, host, pid, since, heartbeat"
                               " FROM presence WHERE heartbeat >= " STALE_LIMIT
                               " ORDER BY since, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PilotePresence *presence = g_new0 (PilotePresence, 1);

      presence->id = sqlite3_column_int64 (stmt, 0);
      presence->member_id = sqlite3_column_int64 (stmt, 1);
      presence->name = pilote_column_dup (stmt, 2);
      presence->host = pilote_column_dup (stmt, 3);
      presence->pid = sqlite3_column_int64 (stmt, 4);
      presence->since = pilote_column_dup (stmt, 5);
      presence->heartbeat = pilote_column_dup (stmt, 6);
      presence->is_self = presence->id == self_id;
      if ((presence->is_self && !include_self) ||
          (!presence->is_self && process_is_gone (presence->host, presence->pid)))
        pilote_presence_free (presence);
      else
        g_ptr_array_add (list, presence);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

void
pilote_presence_free (PilotePresence *presence)
{
  if (presence == NULL)
    return;
  g_free (presence->name);
  g_free (presence->host);
  g_free (presence->since);
  g_free (presence->heartbeat);
  g_free (presence);
}
