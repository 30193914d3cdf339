/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pilote-error.h"
#include "pilote-location.h"
#include "pilote-kpi-private.h"
#include "pilote-store-private.h"
#include "pilote-text.h"

/* how long a busy file is waited for before the user hears of it */
#define BUSY_TIMEOUT_MS 10000

struct _PiloteStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *backup_path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  GHashTable *by_address;   /* SQL text's address → sqlite3_stmt, for constant texts */
  char       *currency;
  GDateMonth  fiscal_start;
  gint64      member_id;
  guint       tx_depth;
  gint64      busy_since;
  guint       busy_timeout_ms;
  gint64      presence_id;
  PiloteLocation *location;
  guint       read_only : 1;
};

G_DEFINE_FINAL_TYPE (PiloteStore, pilote_store, G_TYPE_OBJECT)

static void
pilote_store_finalize (GObject *object)
{
  PiloteStore *self = (PiloteStore *) object;

  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* leave the list of who has the file open */
  if (self->db != NULL && self->presence_id > 0 && !self->read_only)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "DELETE FROM presence WHERE id = ?", -1, &stmt,
                              NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, self->presence_id);
          sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
    }
  g_clear_pointer (&self->location, pilote_location_free);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->backup_path);
  g_free (self->currency);

  G_OBJECT_CLASS (pilote_store_parent_class)->finalize (object);
}

static void
pilote_store_class_init (PiloteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_store_finalize;
}

static void
pilote_store_init (PiloteStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->by_address = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->fiscal_start = G_DATE_JANUARY;
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
}

/* Errors */

void
pilote_sqlite_set_error (sqlite3  *db,
                         int       rc,
                         GError  **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY,
                   _("The file stayed locked by another user for too long. "
                     "Try again in a moment."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY,
                   _("The file cannot be written. Check that you may write to it and "
                     "to its folder, or save a copy elsewhere."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED,
                   _("The file is damaged. Restore it from a backup copy."));
      break;
    case SQLITE_FULL:
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("The disk is full. Free some space and try again."));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("The file could not be read or written (%s). "
                     "Check that its disk or share is still reachable."), detail);
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr (detail, ".ref") != NULL)
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE,
                     _("Another record already has this reference. "
                       "Choose another reference or leave it empty."));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                     _("The record refers to another record that does not exist."));
      else
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                     _("The record is not valid (%s)."), detail);
      break;
    default:
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_FAILED,
                   _("Unexpected database error: %s"), detail);
      break;
    }
}

void
pilote_store_set_sql_error (PiloteStore  *self,
                            GError      **error)
{
  pilote_sqlite_set_error (self->db, sqlite3_extended_errcode (self->db), error);
}

gboolean
pilote_sqlite_exec (sqlite3     *db,
                    const char  *sql,
                    GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      pilote_sqlite_set_error (db, sqlite3_extended_errcode (db), error);
      return FALSE;
    }
  return TRUE;
}

/* Statements */

sqlite3 *
pilote_store_get_db (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  return self->db;
}

PiloteStmt *
pilote_store_prepare (PiloteStore  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  /* a constant text is found by its address, without hashing it; the
   * statement's own copy of the text guards against a reused address */
  stmt = g_hash_table_lookup (self->by_address, sql);
  if (stmt != NULL && strcmp (sqlite3_sql (stmt), sql) != 0)
    stmt = NULL;
  if (stmt == NULL)
    {
      stmt = g_hash_table_lookup (self->statements, sql);
      if (stmt != NULL)
        g_hash_table_insert (self->by_address, (gpointer) sql, stmt);
    }
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      pilote_sqlite_set_error (self->db, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  g_hash_table_insert (self->by_address, (gpointer) sql, stmt);
  return stmt;
}

gboolean
pilote_store_step_done (PiloteStore  *self,
                        PiloteStmt   *stmt,
                        GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pilote_store_set_sql_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
pilote_store_exec (PiloteStore  *self,
                   const char   *sql,
                   GError      **error)
{
  return pilote_sqlite_exec (self->db, sql, error);
}

/* Opening */

/* Opens the file through SQLite, read-only and without looking at its
 * journal or locks. Never open () and close () the file directly: POSIX
 * locks belong to the process, and closing any descriptor of the file
 * drops every lock this process's connections hold on it; another process
 * would then believe it had the file alone, and could delete the -wal that
 * this process still reads. SQLite's own descriptors are closed safely. */
static sqlite3 *
open_immutable (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

/* Reads the first bytes of the file through SQLite's own file layer,
 * without parsing them: a file left in the middle of a save cannot be
 * parsed before its journal is played back. */
static gboolean
read_raw_header (const char *path,
                 guint8     *buffer,
                 int         length)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree char *full = g_malloc0 (vfs->mxPathname + 1);
  g_autofree sqlite3_file *file = g_malloc0 (vfs->szOsFile);
  sqlite3_filename name = NULL;
  int flags = 0, rc;

  if (vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, full) != SQLITE_OK)
    return FALSE;
  name = sqlite3_create_filename (full, "", "", 0, NULL);
  rc = vfs->xOpen (vfs, name, file, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY, &flags);
  if (rc == SQLITE_OK)
    {
      rc = file->pMethods->xRead (file, buffer, length, 0);
      file->pMethods->xClose (file);
    }
  else if (file->pMethods != NULL)
    file->pMethods->xClose (file);
  sqlite3_free_filename (name);
  return rc == SQLITE_OK;
}

/* the application_id in the file's main header; a file in WAL mode may
 * have it in its -wal only */
static gboolean
header_is_pilote (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[72];
  guint32 app_id;

  if (!read_raw_header (path, header, sizeof header))
    return FALSE;
  memcpy (&app_id, header + 68, sizeof app_id);
  app_id = GUINT32_FROM_BE (app_id);
  return app_id == PILOTE_APPLICATION_ID ||
         (app_id == 0 && g_file_test (wal, G_FILE_TEST_EXISTS));
}

static gboolean
read_header (const char  *path,
             gboolean    *empty,
             GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) != 0 || access (path, R_OK) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                     _("The file “%s” does not exist."), path);
      else
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                     _("The file “%s” cannot be read: %s"), path, g_strerror (saved));
      return FALSE;
    }

  *empty = (st.st_size == 0);
  if (*empty)
    return TRUE;
  db = open_immutable (path);
  rc = db != NULL ? sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL)
                  : SQLITE_CANTOPEN;
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* damage is told apart later; here, only what is no database at all */
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE,
                   _("“%s” is not a Pilote file. Open a file made by Pilote, "
                     "or import this data as CSV."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  rc = sqlite3_extended_errcode (db);
  pilote_sqlite_set_error (db, rc, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  /* a file marked read-only stays so, even for the administrator */
  if (g_stat (path, &st) != 0 || (st.st_mode & 0222) == 0)
    return FALSE;
  /* the journal lives beside the file: its folder must be writable too */
  return access (path, W_OK) == 0 && access (dir, W_OK) == 0;
}

static gboolean
backup_before_migration (sqlite3     *source,
                         const char  *path,
                         int          version,
                         char       **backup_path,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.v%d-%s.backup", path, version, stamp);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (target, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("A backup copy could not be written to “%s” before upgrading the file "
                     "(%s). Free some space or check the folder's permissions."),
                   target, sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (target);
      return FALSE;
    }
  sqlite3_close (dest);
  *backup_path = g_steal_pointer (&target);
  return TRUE;
}

static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  g_autofree char *key = pilote_text_fold ((const char *) sqlite3_value_text (argv[0]));

  if (key != NULL)
    sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

#define ID_SET_POINTER_TYPE "pilote_id_set"

PiloteIdSet *
pilote_id_set_new (void)
{
  PiloteIdSet *set = g_new0 (PiloteIdSet, 1);

  set->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return set;
}

void
pilote_id_set_free (PiloteIdSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->ids);
  g_free (set);
}

/* binds @set, which the caller keeps until the statement is done with it */
void
pilote_bind_id_set (PiloteStmt        *stmt,
                    int                index,
                    const PiloteIdSet *set)
{
  sqlite3_bind_pointer (stmt, index, (void *) set, ID_SET_POINTER_TYPE, NULL);
}

static void
id_set_destroy (void *set)
{
  pilote_id_set_free (set);
}

/* binds @set, which the statement frees when it is bound again or
 * finalized */
void
pilote_bind_id_set_full (PiloteStmt  *stmt,
                         int          index,
                         PiloteIdSet *set)
{
  sqlite3_bind_pointer (stmt, index, set, ID_SET_POINTER_TYPE, id_set_destroy);
}

/* pilote_id_in (id, set): whether the set bound holds the id (false for
 * anything else bound, or nothing) */
static void
sql_id_in (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const PiloteIdSet *set = sqlite3_value_pointer (argv[1], ID_SET_POINTER_TYPE);
  gint64 id = sqlite3_value_int64 (argv[0]);
  guint low = 0, high;

  if (set == NULL || sqlite3_value_type (argv[0]) != SQLITE_INTEGER)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  high = set->ids->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gint64 value = g_array_index (set->ids, gint64, middle);

      if (value == id)
        {
          sqlite3_result_int (context, 1);
          return;
        }
      if (value < id)
        low = middle + 1;
      else
        high = middle;
    }
  sqlite3_result_int (context, 0);
}

/* Waits for a busy file: sleeps that double from 1 ms up to 16 ms (write
 * transactions are short: a longer sleep would mostly wait for nothing),
 * with a little jitter so that waiting processes do not wake up in step;
 * gives up after BUSY_TIMEOUT_MS in all. */
static void
busy_sleep (guint attempt)
{
  guint delay_ms = 1u << MIN (attempt, 4u);

  g_usleep ((delay_ms + g_random_int_range (0, (gint32) delay_ms / 2 + 1)) * 1000);
}

static int
busy_cb (gpointer data,
         int      count)
{
  PiloteStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now;
  if (now - self->busy_since >= (gint64) self->busy_timeout_ms * 1000)
    return 0;
  busy_sleep ((guint) count);
  return 1;
}

static inline gboolean
is_busy (int rc)
{
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* Runs a statement that takes or releases the write lock. SQLite gives up
 * at once, without calling the busy handler, when waiting could not help
 * (a snapshot gone stale, a WAL being recovered): such failures are retried
 * here, until the same deadline. */
static int
exec_retrying (PiloteStore *self,
               const char  *sql)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) self->busy_timeout_ms * 1000;
  guint attempt = 0;
  int rc;

  while (TRUE)
    {
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      if (!is_busy (rc) || g_get_monotonic_time () >= deadline)
        return rc;
      busy_sleep (attempt++);
    }
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);
  sqlite3_finalize (stmt);
  return text;
}

/* The journal follows the file's location: WAL on a local disk; the
 * rollback journal where WAL cannot work (a network share: its shared
 * memory does not reach other machines) or should not (a synchronised
 * folder, which would copy the file without its -wal beside it). A file in
 * WAL that now lives on a share is switched back, which needs everyone
 * else to have closed it. */
static gboolean
choose_journal (PiloteStore  *self,
                GError      **error)
{
  gboolean want_wal = self->location->kind == PILOTE_LOCATION_LOCAL;
  g_autofree char *mode = query_text (self->db, "PRAGMA journal_mode;");
  g_autofree char *now = NULL;

  if (want_wal)
    {
      /* when someone holds the file, it stays in its journal mode for now */
      if (g_strcmp0 (mode, "wal") != 0)
        g_free (query_text (self->db, "PRAGMA journal_mode = WAL;"));
      return TRUE;
    }
  if (g_strcmp0 (mode, "wal") != 0)
    {
      if (g_strcmp0 (mode, "delete") != 0)
        g_free (query_text (self->db, "PRAGMA journal_mode = DELETE;"));
      return TRUE;
    }

  /* leaving WAL writes back what the -wal holds, then needs the file alone */
  sqlite3_busy_timeout (self->db, 1000);
  now = query_text (self->db, "PRAGMA journal_mode = DELETE;");
  sqlite3_busy_handler (self->db, busy_cb, self);
  if (g_strcmp0 (now, "delete") != 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY,
                   _("“%s” was moved to a shared folder while someone still has it open on "
                     "this computer. Ask everyone to close it, then open it again."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (PiloteStore  *self,
                      GError      **error)
{
  /* used by migrations only: the store computes name keys itself */
  sqlite3_create_function (self->db, "pilote_fold", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           sql_fold, NULL, NULL);
  sqlite3_create_function (self->db, "pilote_id_in", 2,
                           SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                           sql_id_in, NULL, NULL);
  sqlite3_busy_handler (self->db, busy_cb, self);
  sqlite3_extended_result_codes (self->db, 1);
  /* foreign keys enforced; a page cache of 32 MiB, filled as pages are read,
   * so that aggregates and imports over large files do not reread pages */
  if (!pilote_sqlite_exec (self->db,
                           "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;", error))
    return FALSE;
  if (!self->read_only)
    {
      if (!choose_journal (self, error) ||
          !pilote_sqlite_exec (self->db, "PRAGMA synchronous = FULL;", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_settings (PiloteStore  *self,
               GError      **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *fiscal = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gint64 month;

  stmt = pilote_store_prepare (self, "SELECT value FROM setting WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  g_clear_pointer (&stmt, pilote_stmt_release);

  currency = pilote_store_get_setting (self, "currency");
  fiscal = pilote_store_get_setting (self, "fiscal_year_start");
  g_free (self->currency);
  self->currency = currency != NULL && *currency != '\0' ? g_steal_pointer (&currency)
                                                         : g_strdup ("EUR");
  month = fiscal != NULL ? g_ascii_strtoll (fiscal, NULL, 10) : 1;
  self->fiscal_start = month >= 1 && month <= 12 ? (GDateMonth) month : G_DATE_JANUARY;
  return TRUE;
}

static gboolean
initialize_new_file (sqlite3     *db,
                     GError     **error)
{
  g_autofree char *set_id =
    g_strdup_printf ("PRAGMA application_id = %d;", PILOTE_APPLICATION_ID);

  if (!pilote_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!pilote_sqlite_exec (db, set_id, error) ||
      !pilote_schema_migrate (db, 0, PILOTE_SCHEMA_VERSION, error) ||
      !pilote_store_name_defaults (db, error) ||
      !pilote_sqlite_exec (db, "COMMIT;", error))
    {
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_file (sqlite3     *db,
              GError     **error)
{
  int version = 0;

  if (!pilote_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  /* another process may have upgraded the file meanwhile */
  if (!query_int (db, "PRAGMA user_version;", &version, error) ||
      !pilote_schema_migrate (db, version, PILOTE_SCHEMA_VERSION, error) ||
      !pilote_sqlite_exec (db, "COMMIT;", error))
    {
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* files up to this size are checked page by page when opened */
#define QUICK_CHECK_MAX_BYTES (64 * 1024 * 1024)

/* A file cut short (a copy interrupted, a full disk) still opens: its
 * header says how many pages it should have. Small files are also read
 * through once, which finds damaged pages before anyone works on them. */
static gboolean
check_whole (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *result = NULL;
  GStatBuf st, wal_st;
  int page_size = 0, page_count = 0;
  gboolean whole, has_wal = FALSE;

  if (g_stat (path, &st) != 0)
    {
      /* moved or deleted since it was opened */
      int saved = errno;

      g_set_error (error, PILOTE_ERROR, saved == ENOENT ? PILOTE_ERROR_NOT_FOUND : PILOTE_ERROR_IO,
                   _("The file “%s” cannot be read: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* the size on disk and the size the file gives itself, read together
   * in one read transaction: another writer's commit in between (which
   * grows the file) would make a whole file look cut short */
  if (!pilote_sqlite_exec (db, "BEGIN;", error))
    return FALSE;
  whole = query_int (db, "PRAGMA page_size;", &page_size, error) &&
          query_int (db, "PRAGMA page_count;", &page_count, error);
  if (whole && g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO, _("The file “%s” cannot be read: %s"),
                   path, g_strerror (saved));
      whole = FALSE;
    }
  /* with a -wal beside it, the last pages may live there */
  if (whole)
    has_wal = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;
  pilote_sqlite_exec (db, "COMMIT;", NULL);
  if (!whole)
    return FALSE;
  if (!has_wal && (gint64) st.st_size < (gint64) page_size * page_count)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED,
                   _("“%s” is incomplete: its end is missing, as after an interrupted copy. "
                     "Restore it from a backup copy."), path);
      return FALSE;
    }
  if (st.st_size > QUICK_CHECK_MAX_BYTES)
    return TRUE;
  result = query_text (db, "PRAGMA quick_check (1);");
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED,
                   _("“%s” is damaged. Restore it from a backup copy."), path);
      return FALSE;
    }
  return TRUE;
}

/* Looks at the file through a read-only connection: what it is, which
 * version, and whether it needs an upgrade. Writes nothing. */
static gboolean
inspect_file (const char  *path,
              int         *version,
              gboolean    *blank,
              sqlite3    **inspector,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  int app_id = 0, n_objects = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      pilote_sqlite_set_error (db, rc, error);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);

  if (!query_int (db, "PRAGMA application_id;", &app_id, &local_error))
    g_debug ("Reading “%s” read-only: %s (%d)", path, sqlite3_errmsg (db),
             sqlite3_extended_errcode (db));
  /* a hot journal to play back, a WAL index to rebuild or shared memory to
   * set up: what only a connection that may write can do */
  if (local_error != NULL && (sqlite3_extended_errcode (db) & 0xff) == SQLITE_READONLY &&
      header_is_pilote (path) && can_write (path))
    {
      /* someone was interrupted in the middle of a save: the journal left
       * beside the file must be played back before anyone reads it, which
       * a read-only connection cannot do */
      g_clear_error (&local_error);
      sqlite3_close (db);
      db = NULL;
      rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
      if (rc != SQLITE_OK)
        {
          pilote_sqlite_set_error (db, rc, error);
          sqlite3_close (db);
          return FALSE;
        }
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      sqlite3_extended_result_codes (db, 1);
      query_int (db, "PRAGMA application_id;", &app_id, &local_error);
    }
  if (local_error != NULL ||
      !query_int (db, "PRAGMA user_version;", version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema;", &n_objects, error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      sqlite3_close (db);
      return FALSE;
    }

  *blank = (app_id == 0 && *version == 0 && n_objects == 0);
  if (!*blank && app_id != PILOTE_APPLICATION_ID)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE,
                   _("“%s” is a database of another application, not a Pilote file. "
                     "Open a file made by Pilote, or import this data as CSV."), path);
      sqlite3_close (db);
      return FALSE;
    }
  if (!*blank && *version > PILOTE_SCHEMA_VERSION)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Pilote. "
                     "Update Pilote to open it."), path);
      sqlite3_close (db);
      return FALSE;
    }
  if (!*blank && *version < 1)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED,
                   _("“%s” is an incomplete Pilote file. Restore it from a backup copy."),
                   path);
      sqlite3_close (db);
      return FALSE;
    }
  if (!*blank && !check_whole (db, path, error))
    {
      sqlite3_close (db);
      return FALSE;
    }

  *inspector = db;
  return TRUE;
}

/**
 * pilote_store_open:
 * @path: the file
 * @flags: how to open it
 * @error: where to put a #PILOTE_ERROR
 *
 * Opens a Pilote file, upgrading it (after a backup copy) when it comes from
 * an earlier version. A file that is not a Pilote file, that is damaged or
 * that comes from a newer version is refused and left untouched; a file
 * that cannot be written opens read-only.
 *
 * Returns: (transfer full): the store, or %NULL
 */
PiloteStore *
pilote_store_open (const char            *path,
                   PiloteStoreOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(PiloteLocation) location = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* a reader opened for a background task never changes the journal */
  if ((flags & PILOTE_STORE_OPEN_READ_ONLY) == 0)
    location = pilote_location_detect (path);
  return pilote_store_open_at (path, flags, location, error);
}

/**
 * pilote_store_open_at:
 * @location: (nullable): where the file lives, as detected or made up by a
 *   test; %NULL for a local disk
 *
 * pilote_store_open () with the file's location given.
 */
PiloteStore *
pilote_store_open_at (const char            *path,
                      PiloteStoreOpenFlags   flags,
                      const PiloteLocation  *location,
                      GError               **error)
{
  g_autoptr(PiloteStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *inspector = NULL;
  gboolean empty = FALSE, blank = FALSE, exists;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && !read_header (path, &empty, error))
    return NULL;
  if (!exists || empty)
    {
      if ((flags & PILOTE_STORE_OPEN_CREATE) == 0 || (flags & PILOTE_STORE_OPEN_READ_ONLY))
        {
          if (exists)
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE,
                         _("“%s” is empty: it is not a Pilote file."), path);
          else
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                         _("The file “%s” does not exist."), path);
          return NULL;
        }
      blank = TRUE;
    }
  else if (!inspect_file (path, &version, &blank, &inspector, error))
    return NULL;

  if (blank && (flags & PILOTE_STORE_OPEN_CREATE) == 0)
    {
      sqlite3_close (inspector);
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE,
                   _("“%s” is an empty database, not a Pilote file."), path);
      return NULL;
    }

  self = g_object_new (PILOTE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->location = g_new0 (PiloteLocation, 1);
  if (location != NULL)
    {
      self->location->kind = location->kind;
      self->location->fs_type = g_strdup (location->fs_type);
      self->location->service = g_strdup (location->service);
      self->location->marker = g_strdup (location->marker);
    }
  self->read_only = (flags & PILOTE_STORE_OPEN_READ_ONLY) != 0 ||
                    (exists && !blank && !can_write (path));

  if (!blank && version < PILOTE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          sqlite3_close (inspector);
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY,
                       _("“%s” comes from an earlier version of Pilote and must be upgraded, "
                         "but it cannot be written. Copy it to a folder where you may write, "
                         "then open the copy."), path);
          return NULL;
        }
      if (!backup_before_migration (inspector, path, version, &self->backup_path, error))
        {
          sqlite3_close (inspector);
          return NULL;
        }
    }
  sqlite3_close (inspector);

  /* a store is used from one thread at a time: no locking inside SQLite */
  rc = sqlite3_open_v2 (path, &self->db,
                        (self->read_only ? SQLITE_OPEN_READONLY
                                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      pilote_sqlite_set_error (self->db, rc, error);
      return NULL;
    }
  if (!configure_connection (self, error))
    return NULL;

  if (blank)
    {
      if (!initialize_new_file (self->db, error))
        {
          if (!exists || empty)
            {
              sqlite3_close_v2 (self->db);
              self->db = NULL;
              g_unlink (path);
            }
          return NULL;
        }
    }
  else if (version < PILOTE_SCHEMA_VERSION && !migrate_file (self->db, error))
    return NULL;

  if (!load_settings (self, error) ||
      !pilote_kpi_summary_catch_up (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * pilote_store_needs_upgrade:
 * @path: a file
 *
 * Whether @path is a Pilote file of an earlier version, which opening it
 * for writing upgrades (a copy of the file, then the changes of each
 * version since: long for a large file). Reads two numbers of the file's
 * header; %FALSE for anything else, whose opening explains itself.
 */
gboolean
pilote_store_needs_upgrade (const char *path)
{
  sqlite3 *db = NULL;
  int app_id = 0, version = 0;
  gboolean older;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  older = query_int (db, "PRAGMA application_id;", &app_id, NULL) &&
          query_int (db, "PRAGMA user_version;", &version, NULL) &&
          app_id == PILOTE_APPLICATION_ID && version >= 1 && version < PILOTE_SCHEMA_VERSION;
  sqlite3_close (db);
  return older;
}

/**
 * pilote_store_create:
 * @path: a file that must not exist yet (or be empty)
 *
 * Creates a new Pilote file with the default pipeline stages and lists.
 *
 * Returns: (transfer full): the store, or %NULL
 */
PiloteStore *
pilote_store_create (const char  *path,
                     GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && st.st_size > 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE,
                   _("“%s” already exists. Choose another name, or open it instead."), path);
      return NULL;
    }
  return pilote_store_open (path, PILOTE_STORE_OPEN_CREATE, error);
}

const char *
pilote_store_get_path (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  return self->path;
}

gboolean
pilote_store_is_read_only (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * pilote_store_get_backup_path:
 *
 * Returns: (nullable): the copy taken before upgrading the file when it was
 *   opened, if it was upgraded
 */
const char *
pilote_store_get_backup_path (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  return self->backup_path;
}

gint64
pilote_store_get_member_id (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), 0);
  return self->member_id;
}

/**
 * pilote_store_set_member_id:
 *
 * Sets who is using the file: the member written as `updated_by` and in the
 * audit history. 0 means nobody in particular.
 */
void
pilote_store_set_member_id (PiloteStore *self,
                            gint64       member_id)
{
  g_return_if_fail (PILOTE_IS_STORE (self));
  self->member_id = member_id;
}

/**
 * pilote_store_set_cache_size:
 * @kib: the most memory the connection's page cache may hold, in KiB
 *
 * Bounds the page cache of this connection (32 MiB by default), for a
 * connection that reads a few ranges once beside another that reads more.
 */
void
pilote_store_set_cache_size (PiloteStore *self,
                             guint        kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (PILOTE_IS_STORE (self));
  sql = g_strdup_printf ("PRAGMA cache_size = -%u;", MAX (kib, 64));
  if (!pilote_sqlite_exec (self->db, sql, NULL))
    g_debug ("Cannot bound the page cache: %s", sqlite3_errmsg (self->db));
}

/* Settings */

char *
pilote_store_get_setting (PiloteStore *self,
                          const char  *key)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = pilote_store_prepare (self, "SELECT value FROM setting WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return pilote_column_dup (stmt, 0);
  return NULL;
}

gboolean
pilote_store_set_setting (PiloteStore  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!pilote_store_begin_write (self, error))
    return FALSE;
  stmt = pilote_store_prepare (self,
                               "INSERT INTO setting (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!pilote_store_step_done (self, stmt, error))
    goto fail;
  if (!pilote_store_commit (self, error))
    return FALSE;
  return load_settings (self, error);

fail:
  pilote_store_rollback (self);
  return FALSE;
}

const char *
pilote_store_get_currency (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), "EUR");
  return self->currency;
}

GDateMonth
pilote_store_get_fiscal_start (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), G_DATE_JANUARY);
  return self->fiscal_start;
}

/* Transactions: the outermost one is BEGIN IMMEDIATE (take the write lock
 * at once, waiting for it with the busy timeout); inner ones are savepoints. */

gboolean
pilote_store_begin_write (PiloteStore  *self,
                          GError      **error)
{
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY,
                   _("This file is open read-only: changes cannot be saved. "
                     "Save a copy to a folder where you may write to change it."));
      return FALSE;
    }

  if (self->tx_depth == 0)
    rc = exec_retrying (self, "BEGIN IMMEDIATE;");
  else
    {
      sql = g_strdup_printf ("SAVEPOINT s%u;", self->tx_depth);
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      pilote_sqlite_set_error (self->db, rc, error);
      return FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

gboolean
pilote_store_commit (PiloteStore  *self,
                     GError      **error)
{
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  /* in rollback-journal mode, COMMIT waits for the readers to finish: a
   * busy COMMIT keeps the transaction, and is tried again */
  if (self->tx_depth == 1)
    rc = exec_retrying (self, "COMMIT;");
  else
    {
      sql = g_strdup_printf ("RELEASE s%u;", self->tx_depth - 1);
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      pilote_sqlite_set_error (self->db, rc, error);
      pilote_store_rollback (self);
      return FALSE;
    }
  self->tx_depth--;
  return TRUE;
}

void
pilote_store_rollback (PiloteStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (PILOTE_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  self->tx_depth--;
  /* after a failed write (a full disk, an I/O error) SQLite may have rolled
   * the whole transaction back already */
  if (sqlite3_get_autocommit (self->db))
    return;
  sql = self->tx_depth == 0
          ? g_strdup ("ROLLBACK;")
          : g_strdup_printf ("ROLLBACK TO s%u; RELEASE s%u;", self->tx_depth, self->tx_depth);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("Rollback failed: %s", sqlite3_errmsg (self->db));
}

/**
 * pilote_store_get_location:
 *
 * Returns: (transfer none): where the file lives, which decided its
 *   journal mode; show pilote_location_describe () once to the user
 */
const PiloteLocation *
pilote_store_get_location (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  return self->location;
}

/**
 * pilote_store_get_journal_mode:
 *
 * Returns: (transfer full): "wal" or "delete" (the rollback journal)
 */
char *
pilote_store_get_journal_mode (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);
  return query_text (self->db, "PRAGMA journal_mode;");
}

/**
 * pilote_store_is_idle:
 *
 * Returns: whether the store holds no transaction and no statement that
 *   is still reading: what lets others write to a shared file
 */
gboolean
pilote_store_is_idle (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), FALSE);

  if (!sqlite3_get_autocommit (self->db))
    return FALSE;
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (self->db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (self->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      return FALSE;
  return TRUE;
}

/* how long a busy file is waited for; tests shorten it */
void
pilote_store_set_busy_timeout (PiloteStore *self,
                               guint        timeout_ms)
{
  g_return_if_fail (PILOTE_IS_STORE (self));
  self->busy_timeout_ms = timeout_ms;
}

gint64
pilote_store_get_presence_id (PiloteStore *self)
{
  g_return_val_if_fail (PILOTE_IS_STORE (self), 0);
  return self->presence_id;
}

void
pilote_store_set_presence_id (PiloteStore *self,
                              gint64       presence_id)
{
  g_return_if_fail (PILOTE_IS_STORE (self));
  self->presence_id = presence_id;
}

/**
 * pilote_store_get_data_version:
 *
 * Returns: a number that changes when another connection commits to the file
 */
gint64
pilote_store_get_data_version (PiloteStore *self)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (self), -1);

  stmt = pilote_store_prepare (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return -1;
}

/**
 * pilote_store_get_content_stamp:
 *
 * A cheap summary of what the file shows: the last audit entry, the last
 * import and the settings. Someone else's commit that leaves it unchanged
 * (their presence heartbeat) needs no refresh.
 *
 * Returns: (transfer full) (nullable): the stamp; compare it with an
 *   earlier one
 */
char *
pilote_store_get_content_stamp (PiloteStore *self)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (self), NULL);

  stmt = pilote_store_prepare (self,
                               "SELECT (SELECT ifnull (max (id), 0) FROM audit_entry)"
                               " || '/' || (SELECT ifnull (max (id), 0) FROM import_batch)"
                               " || '/' || (SELECT count (undone_at) FROM import_batch)"
                               " || '/' || (SELECT ifnull (group_concat (key || '=' || value,"
                               "   char (31)), '') FROM setting)",
                               NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return pilote_column_dup (stmt, 0);
  return NULL;
}
