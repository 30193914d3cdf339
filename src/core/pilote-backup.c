/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pilote-backup.h"
#include "pilote-error.h"
#include "pilote-presence.h"
#include "pilote-store-private.h"

/* Backup copies of a Pilote file. They are taken with SQLite's online
 * backup API from a connection of their own: a consistent copy of the
 * file as of one commit, while others keep working on it. A copy is
 * written beside its final name, checked, then renamed, so that a copy
 * that exists is a whole one.
 *
 * They live in a ".pilote-backups" folder beside the file, where everyone
 * who shares the file finds them and where they follow the file when it
 * moves; when that folder cannot be written, in the user's own data
 * folder. */

#define BACKUP_FOLDER ".pilote-backups"
#define WAIT_MS 10000

static char *
file_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".pilote") && strlen (base) > strlen (".pilote"))
    base[strlen (base) - strlen (".pilote")] = '\0';
  return g_steal_pointer (&base);
}

/**
 * pilote_backup_get_folder:
 * @path: a Pilote file
 *
 * Returns: (transfer full): the folder that holds @path's backup copies,
 *   created if needed
 */
char *
pilote_backup_get_folder (const char *path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *beside = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  char *own;

  g_return_val_if_fail (path != NULL, NULL);

  absolute = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (absolute);
  beside = g_build_filename (dir, BACKUP_FOLDER, NULL);
  if (g_file_test (beside, G_FILE_TEST_IS_DIR) ? access (beside, W_OK) == 0
                                               : access (dir, W_OK) == 0 &&
                                                 g_mkdir (beside, 0775) == 0)
    return g_steal_pointer (&beside);

  /* one folder per file, named after it and told apart by its full path */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, absolute, -1);
  stem = file_stem (absolute);
  digest[8] = '\0';
  name = g_strdup_printf ("%s-%s", stem, digest);
  own = g_build_filename (g_get_user_data_dir (), "pilote", "backups", name, NULL);
  g_mkdir_with_parents (own, 0700);
  return own;
}

static void
set_copy_error (GError     **error,
                const char  *target,
                GError      *cause)
{
  g_autofree char *dir = g_path_get_dirname (target);

  if (cause != NULL && cause->domain == PILOTE_ERROR &&
      (cause->code == PILOTE_ERROR_NOT_PILOTE || cause->code == PILOTE_ERROR_DAMAGED ||
       cause->code == PILOTE_ERROR_BUSY))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                 _("The backup copy could not be written in “%s”: %s"), dir,
                 cause != NULL ? cause->message : "");
}

/* copies @source into @dest, waiting while the file is busy */
static int
copy_database (sqlite3 *source,
               sqlite3 *dest)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (dest);
  while (TRUE)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || g_get_monotonic_time () > deadline)
        break;
      g_usleep (50 * 1000);
    }
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? sqlite3_extended_errcode (dest) : rc;
}

static gboolean
open_pilote_source (const char  *path,
                    sqlite3    **db,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc, app_id = 0;

  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (*db, WAIT_MS);
      sqlite3_extended_result_codes (*db, 1);
      rc = sqlite3_prepare_v2 (*db, "PRAGMA application_id", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOTADB)
    {
      pilote_sqlite_set_error (*db, rc, error);
      return FALSE;
    }
  if (rc != SQLITE_OK || app_id != PILOTE_APPLICATION_ID)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE,
                   _("“%s” is not a Pilote file."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_is_ok (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 ||
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * pilote_backup_copy:
 * @path: a Pilote file, possibly open by others
 * @target: the copy to write (replaced when it exists)
 *
 * Writes a consistent copy of @path as of its last commit, in rollback
 * journal mode so that it is one self-contained file, and checks it.
 */
gboolean
pilote_backup_copy (const char  *path,
                    const char  *target,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *part = NULL;
  sqlite3 *source = NULL, *dest = NULL;
  int rc;

  g_return_val_if_fail (path != NULL && target != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                   _("The file “%s” does not exist."), path);
      return FALSE;
    }
  if (!open_pilote_source (path, &source, &local_error))
    {
      sqlite3_close (source);
      set_copy_error (error, target, local_error);
      return FALSE;
    }

  part = g_strconcat (target, ".part", NULL);
  g_unlink (part);
  rc = sqlite3_open_v2 (part, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_database (source, dest);
  sqlite3_close (source);
  if (rc != SQLITE_OK)
    pilote_sqlite_set_error (dest, rc, &local_error);
  else if (!query_is_ok (dest, "PRAGMA journal_mode = DELETE") ||
           !query_is_ok (dest, "PRAGMA quick_check"))
    g_set_error (&local_error, PILOTE_ERROR, PILOTE_ERROR_IO,
                 _("the copy does not read back whole"));
  sqlite3_close (dest);
  if (local_error == NULL && g_rename (part, target) != 0)
    g_set_error (&local_error, PILOTE_ERROR, PILOTE_ERROR_IO, "%s", g_strerror (errno));
  if (local_error != NULL)
    {
      g_unlink (part);
      set_copy_error (error, target, local_error);
      return FALSE;
    }
  return TRUE;
}

static char *
backup_name (const char *path,
             const char *folder,
             const char *format,
             GDateTime  *when)
{
  g_autofree char *stem = file_stem (path);
  g_autofree char *stamp = g_date_time_format (when, format);
  g_autofree char *name = g_strdup_printf ("%s-%s.pilote", stem, stamp);

  return g_build_filename (folder, name, NULL);
}

/**
 * pilote_backup_now:
 * @path: a Pilote file
 *
 * Takes a backup copy now, in the backup folder of @path.
 *
 * Returns: (transfer full) (nullable): the copy
 */
char *
pilote_backup_now (const char  *path,
                   GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (path != NULL, NULL);

  folder = pilote_backup_get_folder (path);
  target = backup_name (path, folder, "%Y-%m-%d-%H%M%S", now);
  if (!pilote_backup_copy (path, target, error))
    return NULL;
  return g_steal_pointer (&target);
}

/* the daily copies: STEM-YYYY-MM-DD.pilote */
static gboolean
is_daily_copy (const char *stem,
               const char *name)
{
  gsize n = strlen (stem);
  static const char shape[] = "-DDDD-DD-DD.pilote";

  if (strncmp (name, stem, n) != 0 || strlen (name + n) != strlen (shape))
    return FALSE;
  for (gsize i = 0; shape[i] != '\0'; i++)
    if (shape[i] == 'D' ? !g_ascii_isdigit (name[n + i]) : name[n + i] != shape[i])
      return FALSE;
  return TRUE;
}

static int
compare_names_desc (gconstpointer a,
                    gconstpointer b)
{
  return -strcmp (*(const char *const *) a, *(const char *const *) b);
}

/**
 * pilote_backup_daily:
 * @path: a Pilote file
 * @now: (nullable): the time to date the copy with; now when %NULL
 * @keep: how many daily copies to keep (PILOTE_BACKUP_KEEP)
 *
 * Takes the day's backup copy of @path unless it exists, then removes the
 * daily copies beyond the @keep newest.
 *
 * Returns: (transfer full) (nullable): the copy taken; %NULL without an
 *   error when the day's copy existed already
 */
char *
pilote_backup_daily (const char  *path,
                     GDateTime   *now,
                     guint        keep,
                     GError     **error)
{
  g_autoptr(GDateTime) today = now != NULL ? g_date_time_ref (now)
                                           : g_date_time_new_now_local ();
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GPtrArray) dailies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (keep > 0, NULL);

  folder = pilote_backup_get_folder (path);
  target = backup_name (path, folder, "%Y-%m-%d", today);
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return NULL;
  if (!pilote_backup_copy (path, target, error))
    return NULL;

  stem = file_stem (path);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_daily_copy (stem, name))
      g_ptr_array_add (dailies, g_strdup (name));
  g_ptr_array_sort (dailies, compare_names_desc);
  for (guint i = keep; i < dailies->len; i++)
    {
      g_autofree char *old = g_build_filename (folder, g_ptr_array_index (dailies, i), NULL);

      g_unlink (old);
    }
  return g_steal_pointer (&target);
}

static int
compare_mtime_desc (gconstpointer a,
                    gconstpointer b)
{
  GStatBuf sa, sb;

  if (g_stat (*(const char *const *) a, &sa) != 0 || g_stat (*(const char *const *) b, &sb) != 0)
    return 0;
  return sa.st_mtime < sb.st_mtime ? 1 : sa.st_mtime > sb.st_mtime ? -1
         : compare_names_desc (a, b);
}

/**
 * pilote_backup_list:
 * @path: a Pilote file
 *
 * Returns: (transfer full) (element-type filename): the backup copies of
 *   @path, newest first
 */
GPtrArray *
pilote_backup_list (const char *path)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (path != NULL, NULL);

  folder = pilote_backup_get_folder (path);
  stem = file_stem (path);
  prefix = g_strconcat (stem, "-", NULL);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".pilote"))
      g_ptr_array_add (copies, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (copies, compare_mtime_desc);
  return g_steal_pointer (&copies);
}

/**
 * pilote_backup_is_in_use:
 * @path: a Pilote file
 * @who: (out) (optional) (transfer full): who has it open, when known
 *
 * Whether someone has @path open: a fresh entry in its presence list, a
 * lock held on it, or the -wal file that SQLite keeps while a connection
 * is open.
 */
gboolean
pilote_backup_is_in_use (const char  *path,
                         char       **who)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(PiloteStore) store = NULL;
  gboolean busy = FALSE;
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  store = pilote_store_open (path, PILOTE_STORE_OPEN_READ_ONLY, NULL);
  if (store != NULL)
    {
      g_autoptr(GPtrArray) present = pilote_presence_list (store, TRUE, NULL);

      if (present != NULL && present->len > 0)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < present->len; i++)
            {
              PilotePresence *presence = g_ptr_array_index (present, i);

              if (i > 0)
                g_string_append (names, ", ");
              g_string_append_printf (names, "%s (%s)", presence->name, presence->host);
            }
          if (who != NULL)
            *who = g_string_free (g_steal_pointer (&names), FALSE);
          return TRUE;
        }
      g_clear_object (&store);
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK)
    {
      busy = sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK;
      if (!busy)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_close (db);
  /* the last connection to close removes the -wal */
  if (!busy && g_file_test (wal, G_FILE_TEST_EXISTS))
    busy = TRUE;
  return busy;
}

/* replaces the file itself, for a target that SQLite cannot open */
static gboolean
replace_file (const char  *backup,
              const char  *path,
              GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".restore-part", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (backup);
  g_autoptr(GFile) to = g_file_new_for_path (part);
  g_autoptr(GError) local_error = NULL;
  static const char *const leftovers[] = { "-wal", "-shm", "-journal" };

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("“%s” could not be restored: %s"), path, local_error->message);
      return FALSE;
    }
  /* a journal of the damaged file would be played back over the copy */
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *leftover = g_strconcat (path, leftovers[i], NULL);

      g_unlink (leftover);
    }
  if (g_rename (part, path) != 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("“%s” could not be restored: %s"), path, g_strerror (errno));
      g_unlink (part);
      return FALSE;
    }
  return TRUE;
}

/**
 * pilote_backup_restore:
 * @backup: a backup copy (any Pilote file)
 * @path: the file to put it back in
 * @force: restore even when someone has @path open
 * @safety_copy: (out) (optional) (transfer full): where the replaced
 *   content of @path was kept, if it existed
 *
 * Puts @backup back in place of @path. @backup is checked first; the
 * current content of @path is copied to its backup folder before it is
 * replaced. The restore goes through SQLite, in one transaction, so that
 * anyone who still has the file open sees the restored content after
 * their next read; a file too damaged for that is replaced whole.
 */
gboolean
pilote_backup_restore (const char  *backup,
                       const char  *path,
                       gboolean     force,
                       char       **safety_copy,
                       GError     **error)
{
  g_autoptr(PiloteStore) checked = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *who = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *source = NULL, *dest = NULL;
  int rc;

  g_return_val_if_fail (backup != NULL && path != NULL, FALSE);

  checked = pilote_store_open (backup, PILOTE_STORE_OPEN_READ_ONLY, error);
  if (checked == NULL)
    return FALSE;
  g_clear_object (&checked);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return pilote_backup_copy (backup, path, error);

  if (!force && pilote_backup_is_in_use (path, &who))
    {
      if (who != NULL)
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY,
                     _("“%s” is open by %s. Ask them to close it before restoring a copy "
                       "over it, or force the restore: what they have not saved would be "
                       "lost."), path, who);
      else
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY,
                     _("“%s” is open by someone. Ask everyone to close it before restoring "
                       "a copy over it, or force the restore: what they have not saved "
                       "would be lost."), path);
      return FALSE;
    }

  /* keep what is being replaced, even a damaged file */
  folder = pilote_backup_get_folder (path);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    kept = backup_name (path, folder, "before-restore-%Y-%m-%d-%H%M%S", now);
  }
  if (!pilote_backup_copy (path, kept, &local_error))
    {
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (kept);

      g_clear_error (&local_error);
      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
        {
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                       _("A copy of “%s” could not be kept before restoring: %s"), path,
                       local_error->message);
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (backup, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, WAIT_MS);
      sqlite3_extended_result_codes (dest, 1);
      rc = copy_database (source, dest);
    }
  if (rc != SQLITE_OK)
    pilote_sqlite_set_error (dest, rc, &local_error);
  sqlite3_close (source);
  sqlite3_close (dest);

  if (local_error != NULL)
    {
      if (!g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!replace_file (backup, path, error))
        return FALSE;
    }
  if (safety_copy != NULL)
    *safety_copy = g_steal_pointer (&kept);
  return TRUE;
}
