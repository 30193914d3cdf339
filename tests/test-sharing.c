/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pilote-backup.h"
#include "pilote-conflict.h"
#include "pilote-error.h"
#include "pilote-history.h"
#include "pilote-location.h"
#include "pilote-presence.h"
#include "pilote-record.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/* One file, several people: where the file lives, busy files, presence,
 * history, conflicts, backups; then several processes at once, writers
 * killed mid-transaction, and a disk that fails under SQLite. */

static const char *writer_path;

typedef struct {
  char        *dir;
  char        *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pilote-sharing-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.pilote", NULL);
}

/* Load and crashes test how processes share the file, not how fast the
 * disk syncs: on a memory file system when there is one, where a sync
 * costs nothing and a killed process leaves exactly what it wrote. */
static void
fixture_set_up_fast (Fixture       *f,
                     gconstpointer  data)
{
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      f->dir = g_strdup ("/dev/shm/pilote-sharing-XXXXXX");
      g_assert_nonnull (g_mkdtemp (f->dir));
      f->path = g_build_filename (f->dir, "team.pilote", NULL);
    }
  else
    fixture_set_up (f, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pilote_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static const PiloteLocation local_disk = { PILOTE_LOCATION_LOCAL, NULL, NULL, NULL };
static const PiloteLocation network_share = { PILOTE_LOCATION_NETWORK, (char *) "nfs4", NULL,
                                              NULL };

static PiloteStore *
open_as (const char            *path,
         const PiloteLocation  *location,
         PiloteStoreOpenFlags   flags)
{
  g_autoptr(GError) error = NULL;
  PiloteStore *store = pilote_store_open_at (path, flags, location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
store_int64 (PiloteStore *store,
             const char  *sql)
{
  return query_int64 (pilote_store_get_db (store), sql);
}

static gint64
first_stage (PiloteStore *store)
{
  PiloteQuery first = { NULL, 0, NULL, NULL, FALSE, 1, 0, FALSE };
  g_autoptr(GPtrArray) stages = pilote_store_list (store, PILOTE_ENTITY_STAGE, &first, NULL);

  g_assert_nonnull (stages);
  return ((PiloteRecord *) g_ptr_array_index (stages, 0))->id;
}

static PiloteDeal *
insert_deal (PiloteStore *store,
             const char  *title,
             gint64       amount)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();
  g_autoptr(GError) error = NULL;

  client->name = g_strdup_printf ("Client of %s", title);
  g_assert_true (pilote_store_insert (store, client, &error));
  deal->client_id = client->base.id;
  deal->title = g_strdup (title);
  deal->stage_id = first_stage (store);
  deal->amount = amount;
  g_assert_true (pilote_store_insert (store, deal, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&deal);
}

/* The file's integrity, and no transaction half there: every client of
 * the writers has its deal and each record its audit entry. */
static void
assert_consistent (const char *path,
                   gint64     *n_clients)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM client c WHERE NOT EXISTS"
                                    " (SELECT 1 FROM deal d WHERE d.client_id = c.id)"), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM client"), ==,
                   query_int64 (db, "SELECT count(*) FROM deal"));
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM audit_entry"
                                    " WHERE table_name = 'client' AND action = 'insert'"), ==,
                   query_int64 (db, "SELECT count(*) FROM client"));
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM audit_entry"
                                    " WHERE table_name = 'deal' AND action = 'insert'"), ==,
                   query_int64 (db, "SELECT count(*) FROM deal"));
  if (n_clients != NULL)
    *n_clients = query_int64 (db, "SELECT count(*) FROM client");
  sqlite3_close (db);
}

/* Location policy */

static void
test_location_types (void)
{
  gboolean known = TRUE;

  g_assert_true (pilote_location_magic_is_network (0x6969, &known));           /* NFS */
  g_assert_true (known);
  g_assert_true (pilote_location_magic_is_network (0xFF534D42, NULL));         /* CIFS */
  g_assert_true (pilote_location_magic_is_network (0xFE534D42, NULL));         /* SMB2 */
  g_assert_false (pilote_location_magic_is_network (0xEF53, &known));          /* ext4 */
  g_assert_true (known);
  g_assert_false (pilote_location_magic_is_network (0x9123683E, NULL));        /* Btrfs */
  g_assert_false (pilote_location_magic_is_network (0x65735546, &known));      /* FUSE */
  g_assert_false (known);

  g_assert_true (pilote_location_type_is_network ("nfs4"));
  g_assert_true (pilote_location_type_is_network ("cifs"));
  g_assert_true (pilote_location_type_is_network ("smb3"));
  g_assert_true (pilote_location_type_is_network ("fuse.sshfs"));
  g_assert_true (pilote_location_type_is_network ("fuse.rclone"));
  g_assert_true (pilote_location_type_is_network ("fuse.gvfsd-fuse"));
  g_assert_false (pilote_location_type_is_network ("ext4"));
  g_assert_false (pilote_location_type_is_network ("fuse.ntfs-3g"));
  g_assert_false (pilote_location_type_is_network ("fuseblk"));
  g_assert_false (pilote_location_type_is_network (NULL));
}

static const char mountinfo[] =
  "22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
  "40 22 0:35 / /home rw,relatime shared:20 - btrfs /dev/vdb rw\n"
  "61 40 0:52 / /home/anne/Partage\\040équipe rw,nosuid shared:30 - fuse.sshfs"
  " anne@nas:/ventes rw,user_id=1000\n"
  "62 22 0:53 / /mnt/nas rw,relatime shared:31 - nfs4 nas:/export rw,vers=4.2\n"
  "63 22 0:54 / /mnt/old rw - fuse sshfs#bob@host:/x rw\n"
  "64 22 0:55 / /mnt/win rw master:2 - cifs //srv/ventes rw\n"
  "65 22 0:56 / /media/usb rw - fuseblk /dev/sdb1 rw\n"
  "bad line\n";

static void
test_location_mounts (void)
{
  struct { const char *path; const char *type; } cases[] = {
    { "/home/anne/ventes.pilote", "btrfs" },
    { "/home/anne/Partage équipe/ventes.pilote", "fuse.sshfs" },
    { "/home/anne/Partage équipe", "fuse.sshfs" },
    { "/home/anne/Partage équipe2/x.pilote", "btrfs" },
    { "/mnt/nas/ventes.pilote", "nfs4" },
    { "/mnt/old/ventes.pilote", "fuse.sshfs" },
    { "/mnt/win/ventes.pilote", "cifs" },
    { "/media/usb/ventes.pilote", "fuseblk" },
    { "/srv/ventes.pilote", "ext4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = pilote_location_find_mount (mountinfo, cases[i].path);

      g_assert_cmpstr (type, ==, cases[i].type);
    }
  g_assert_null (pilote_location_find_mount (NULL, "/x"));
}

static void
test_location_classify (Fixture       *f,
                        gconstpointer  data)
{
  /* FUSE says nothing by itself: the mount entry decides */
  PiloteLocationProbe sshfs = { 0x65735546, mountinfo, FALSE };
  PiloteLocationProbe usb = { 0x65735546, mountinfo, FALSE };
  PiloteLocationProbe nfs = { 0x6969, NULL, FALSE };
  PiloteLocationProbe ext4 = { 0xEF53, NULL, FALSE };
  PiloteLocationProbe gvfs = { 0x65735546, NULL, TRUE };
  g_autoptr(PiloteLocation) location = NULL;
  g_autofree char *warning = NULL;

  location = pilote_location_classify ("/home/anne/Partage équipe/ventes.pilote", &sshfs);
  g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_NETWORK);
  g_assert_cmpstr (location->fs_type, ==, "fuse.sshfs");
  warning = pilote_location_describe (location);
  g_assert_nonnull (strstr (warning, "network share"));
  g_clear_pointer (&location, pilote_location_free);

  location = pilote_location_classify ("/media/usb/ventes.pilote", &usb);
  g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_LOCAL);
  g_clear_pointer (&location, pilote_location_free);
  location = pilote_location_classify ("/anywhere/ventes.pilote", &nfs);
  g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_NETWORK);
  g_clear_pointer (&location, pilote_location_free);
  location = pilote_location_classify (f->path, &ext4);
  g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_LOCAL);
  g_assert_null (pilote_location_describe (location));
  g_clear_pointer (&location, pilote_location_free);
  /* a GVfs share (smb://, sftp://) seen through FUSE: GIO says remote */
  location = pilote_location_classify ("/run/user/1000/gvfs/smb-share/ventes.pilote", &gvfs);
  g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_NETWORK);
  g_clear_pointer (&location, pilote_location_free);

  /* this very folder, as the system sees it */
  location = pilote_location_detect (f->path);
  g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_LOCAL);
}

static void
test_location_cloud (Fixture       *f,
                     gconstpointer  data)
{
  struct { const char *marker; gboolean folder; const char *contents; const char *service; }
  cases[] = {
    { ".dropbox", FALSE, "{}", "Dropbox" },
    { ".dropbox.cache", TRUE, NULL, "Dropbox" },
    { ".nextcloudsync.log", FALSE, "", "Nextcloud" },
    { ".sync_3f2a1b.db", FALSE, "", "Nextcloud" },
    { ".owncloudsync.log", FALSE, "", "ownCloud" },
    { ".stfolder", TRUE, NULL, "Syncthing" },
    { "desktop.ini", FALSE, "[.ShellClassInfo]\r\nIconResource=C:\\Program Files\\Microsoft "
                            "OneDrive\\OneDrive.exe,0\r\n", "OneDrive" },
  };
  PiloteLocationProbe ext4 = { 0xEF53, NULL, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = g_strdup_printf ("%s/case%u", f->dir, i);
      g_autofree char *deep = g_build_filename (root, "Sales", "2026", NULL);
      g_autofree char *file = g_build_filename (deep, "team.pilote", NULL);
      g_autofree char *marker = g_build_filename (root, cases[i].marker, NULL);
      g_autoptr(PiloteLocation) location = NULL;
      g_autofree char *warning = NULL;

      g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
      if (cases[i].folder)
        g_assert_cmpint (g_mkdir (marker, 0700), ==, 0);
      else
        g_assert_true (g_file_set_contents (marker, cases[i].contents, -1, NULL));

      /* the marker is two folders up */
      location = pilote_location_classify (file, &ext4);
      g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_CLOUD);
      g_assert_cmpstr (location->service, ==, cases[i].service);
      g_assert_cmpstr (location->marker, ==, marker);
      warning = pilote_location_describe (location);
      g_assert_nonnull (strstr (warning, cases[i].service));
      g_assert_nonnull (strstr (warning, "local copy"));
    }

  /* folders named by the clients themselves */
  {
    g_autofree char *onedrive = g_build_filename (f->dir, "OneDrive - Atelier", "team.pilote",
                                                  NULL);
    g_autofree char *plain = g_build_filename (f->dir, "Documents", "team.pilote", NULL);
    g_autoptr(PiloteLocation) location = pilote_location_classify (onedrive, &ext4);
    g_autoptr(PiloteLocation) other = pilote_location_classify (plain, &ext4);

    g_assert_cmpint (location->kind, ==, PILOTE_LOCATION_CLOUD);
    g_assert_cmpstr (location->service, ==, "OneDrive");
    g_assert_cmpint (other->kind, ==, PILOTE_LOCATION_LOCAL);
  }
}

/* Journal modes */

static void
test_journal_follows_location (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  mode = pilote_store_get_journal_mode (store);
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (store_int64 (store, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_clear_object (&store);
  g_clear_pointer (&mode, g_free);

  /* the file moved to a share while someone still has it open in WAL */
  other = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_DEFAULT);
  g_assert_null (pilote_store_open_at (f->path, PILOTE_STORE_OPEN_DEFAULT, &network_share,
                                       &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "close it"));
  g_clear_error (&error);
  mode = pilote_store_get_journal_mode (other);
  g_assert_cmpstr (mode, ==, "wal");
  g_clear_pointer (&mode, g_free);
  g_clear_object (&other);

  /* alone, it switches: the -wal is written back and goes away */
  store = open_as (f->path, &network_share, PILOTE_STORE_OPEN_DEFAULT);
  mode = pilote_store_get_journal_mode (store);
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_cmpint (store_int64 (store, "PRAGMA synchronous"), ==, 2);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (pilote_store_get_location (store)->kind, ==, PILOTE_LOCATION_NETWORK);
  g_clear_pointer (&mode, g_free);
  g_clear_object (&store);

  /* and back on a local disk, WAL again */
  store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_DEFAULT);
  mode = pilote_store_get_journal_mode (store);
  g_assert_cmpstr (mode, ==, "wal");
}

/* Busy files */

typedef struct {
  sqlite3 *db;
  guint    hold_ms;
} Holder;

static gpointer
release_later (gpointer data)
{
  Holder *holder = data;

  g_usleep (holder->hold_ms * 1000);
  g_assert_cmpint (sqlite3_exec (holder->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

static void
run_busy (Fixture              *f,
          const PiloteLocation *location)
{
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(GError) error = NULL;
  Holder holder = { NULL, 700 };
  GThread *thread;
  gint64 start;

  store = open_as (f->path, location, PILOTE_STORE_OPEN_CREATE);
  g_assert_cmpint (sqlite3_open (f->path, &holder.db), ==, SQLITE_OK);

  /* someone holds the write lock for 0.7 s: the save waits, then succeeds */
  g_assert_cmpint (sqlite3_exec (holder.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("holder", release_later, &holder);
  start = g_get_monotonic_time ();
  client->name = g_strdup ("Patient client");
  g_assert_true (pilote_store_insert (store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 500 * 1000);
  g_thread_join (thread);
  g_assert_true (pilote_store_is_idle (store));

  /* held for longer than the store waits: a clear message, nothing written */
  pilote_store_set_busy_timeout (store, 400);
  g_assert_cmpint (sqlite3_exec (holder.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&client, pilote_client_free);
  client = pilote_client_new ();
  client->name = g_strdup ("Impatient client");
  start = g_get_monotonic_time ();
  g_assert_false (pilote_store_insert (store, client, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY);
  g_assert_null (strstr (error->message, "database is locked"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 350 * 1000);
  g_assert_cmpint (sqlite3_exec (holder.db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (pilote_store_is_idle (store));
  g_assert_cmpint (store_int64 (store, "SELECT count(*) FROM client"), ==, 1);
  sqlite3_close (holder.db);
}

static void
test_busy_wal (Fixture       *f,
               gconstpointer  data)
{
  run_busy (f, &local_disk);
}

static void
test_busy_rollback (Fixture       *f,
                    gconstpointer  data)
{
  run_busy (f, &network_share);
}

/* a reader in rollback-journal mode would stop every writer: no statement
 * may stay open once its caller is done */
static void
test_idle_between_calls (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PiloteStore) store = open_as (f->path, &network_share, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(PiloteDeal) deal = insert_deal (store, "Idle", 100);
  g_autoptr(PiloteDeal) read = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *stamp = NULL;

  g_assert_true (pilote_store_is_idle (store));
  read = pilote_store_get_deal (store, deal->base.id, NULL);
  g_assert_true (pilote_store_is_idle (store));
  deals = pilote_store_list (store, PILOTE_ENTITY_DEAL, NULL, NULL);
  g_assert_true (pilote_store_is_idle (store));
  currency = pilote_store_get_setting (store, "currency");
  g_assert_true (pilote_store_is_idle (store));
  g_assert_cmpint (pilote_store_get_data_version (store), >, 0);
  g_assert_true (pilote_store_is_idle (store));
  stamp = pilote_store_get_content_stamp (store);
  g_assert_nonnull (stamp);
  g_assert_true (pilote_store_is_idle (store));
  g_assert_true (pilote_presence_register (store, NULL));
  g_assert_true (pilote_store_is_idle (store));
  g_ptr_array_unref (pilote_presence_list (store, TRUE, NULL));
  g_assert_true (pilote_store_is_idle (store));
  g_ptr_array_unref (pilote_history_list (store, PILOTE_ENTITY_DEAL, deal->base.id, 10, 0,
                                          NULL));
  g_assert_true (pilote_store_is_idle (store));
}

/* Presence */

static void
test_presence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PiloteStore) anne = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(PiloteStore) bob = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_DEFAULT);
  g_autoptr(PiloteMember) member = pilote_member_new ();
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *anne_stamp = NULL;
  g_autofree char *stamp = NULL;
  PilotePresence *entry;
  gint64 version;

  member->name = g_strdup ("Bob Martin");
  g_assert_true (pilote_store_insert (anne, member, &error));
  pilote_store_set_member_id (bob, member->base.id);

  g_assert_true (pilote_presence_register (anne, &error));
  anne_stamp = pilote_store_get_content_stamp (anne);
  version = pilote_store_get_data_version (anne);
  g_assert_true (pilote_presence_register (bob, &error));
  g_assert_no_error (error);

  /* Anne sees Bob, and only Bob */
  others = pilote_presence_list (anne, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 1);
  entry = g_ptr_array_index (others, 0);
  g_assert_cmpstr (entry->name, ==, "Bob Martin");
  g_assert_cmpint (entry->member_id, ==, member->base.id);
  g_assert_cmpstr (entry->host, ==, g_get_host_name ());
  g_assert_false (entry->is_self);
  g_assert_nonnull (entry->since);
  g_clear_pointer (&others, g_ptr_array_unref);
  others = pilote_presence_list (anne, TRUE, &error);
  g_assert_cmpuint (others->len, ==, 2);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* Bob's arrival is a commit for Anne, but not a change of what she shows */
  g_assert_cmpint (pilote_store_get_data_version (anne), !=, version);
  stamp = pilote_store_get_content_stamp (anne);
  g_assert_cmpstr (stamp, ==, anne_stamp);

  /* Bob's window stops its heartbeat: after two minutes he is gone */
  g_assert_true (pilote_store_exec (anne, "UPDATE presence SET heartbeat ="
                                          " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-121 seconds')"
                                          " WHERE member_id IS NOT NULL", &error));
  others = pilote_presence_list (anne, FALSE, &error);
  g_assert_cmpuint (others->len, ==, 0);
  g_clear_pointer (&others, g_ptr_array_unref);
  /* his next heartbeat brings him back */
  g_assert_true (pilote_presence_heartbeat (bob, &error));
  others = pilote_presence_list (anne, FALSE, &error);
  g_assert_cmpuint (others->len, ==, 1);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* stale entries are removed by the next one to register */
  g_assert_true (pilote_store_exec (anne, "INSERT INTO presence (name, host, pid, heartbeat)"
                                          " VALUES ('Gone', 'elsewhere', 1, '2000-01-01T00:00:00Z')",
                                    &error));
  g_assert_true (pilote_presence_unregister (anne, &error));
  g_assert_true (pilote_presence_register (anne, &error));
  g_assert_cmpint (store_int64 (anne, "SELECT count(*) FROM presence WHERE name = 'Gone'"), ==, 0);

  /* closing the file leaves the list */
  g_clear_object (&bob);
  others = pilote_presence_list (anne, FALSE, &error);
  g_assert_cmpuint (others->len, ==, 0);
  g_assert_cmpint (store_int64 (anne, "SELECT count(*) FROM presence"), ==, 1);
}

/* History */

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PiloteStore) store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(PiloteMember) anne = pilote_member_new ();
  g_autoptr(PiloteDeal) deal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  PiloteHistoryEntry *entry;
  PiloteHistoryChange *change = NULL;

  anne->name = g_strdup ("Anne Roux");
  g_assert_true (pilote_store_insert (store, anne, &error));
  pilote_store_set_member_id (store, anne->base.id);
  deal = insert_deal (store, "Bakery ovens", 120000);
  deal->amount = 150000;
  g_assert_true (pilote_store_update (store, deal, &error));
  g_free (deal->title);
  deal->title = g_strdup ("Bakery ovens (two)");
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pilote_history_count (store, PILOTE_ENTITY_DEAL, deal->base.id, &error), ==, 3);
  entries = pilote_history_list (store, PILOTE_ENTITY_DEAL, deal->base.id, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  /* newest first */
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "update");
  g_assert_cmpstr (entry->changed_by_name, ==, "Anne Roux");
  g_assert_cmpuint (entry->changes->len, ==, 1);
  change = g_ptr_array_index (entry->changes, 0);
  g_assert_cmpstr (change->field, ==, "title");
  g_assert_cmpstr (change->old_value, ==, "Bakery ovens");
  g_assert_cmpstr (change->new_value, ==, "Bakery ovens (two)");
  g_assert_nonnull (change->label);
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->action, ==, "insert");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* paged: the second newest alone */
  entries = pilote_history_list (store, PILOTE_ENTITY_DEAL, deal->base.id, 1, 1, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  for (guint i = 0; i < entry->changes->len; i++)
    if (g_str_equal (((PiloteHistoryChange *) g_ptr_array_index (entry->changes, i))->field,
                     "amount"))
      change = g_ptr_array_index (entry->changes, i);
  g_assert_cmpstr (change->field, ==, "amount");
  g_assert_cmpstr (change->old_value, ==, "120000");
  g_assert_cmpstr (change->new_value, ==, "150000");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* another record's history is its own */
  entries = pilote_history_list (store, PILOTE_ENTITY_DEAL, deal->base.id + 1000, 0, 0, &error);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* Conflicts */

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PiloteStore) anne = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(PiloteStore) bob = NULL;
  g_autoptr(PiloteDeal) created = insert_deal (anne, "Delivery vans", 500000);
  g_autoptr(PiloteDeal) anne_deal = NULL;
  g_autoptr(PiloteDeal) bob_original = NULL;
  g_autoptr(PiloteDeal) bob_deal = NULL;
  g_autoptr(PiloteDeal) merged = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(PiloteConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen_title = FALSE, seen_amount = FALSE, seen_notes = FALSE;

  bob = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_DEFAULT);
  anne_deal = pilote_store_get_deal (anne, created->base.id, &error);
  bob_original = pilote_store_get_deal (bob, created->base.id, &error);
  bob_deal = pilote_store_get_deal (bob, created->base.id, &error);

  /* Anne renames the deal and changes its amount, and saves first */
  g_free (anne_deal->title);
  anne_deal->title = g_strdup ("Delivery vans (electric)");
  anne_deal->amount = 650000;
  g_assert_true (pilote_store_update (anne, anne_deal, &error));

  /* Bob changes the amount too, and writes notes: his save is refused */
  bob_deal->amount = 480000;
  bob_deal->notes = g_strdup ("Call back on Monday");
  g_assert_false (pilote_store_update (bob, bob_deal, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  stored = pilote_store_get_deal (bob, created->base.id, &error);
  g_assert_cmpint (stored->amount, ==, 650000);
  g_clear_pointer (&stored, pilote_deal_free);

  /* both versions, field by field */
  conflict = pilote_conflict_new (bob, bob_original, bob_deal, &error);
  g_assert_no_error (error);
  g_assert_false (conflict->deleted);
  g_assert_cmpuint (conflict->fields->len, ==, 3);
  g_assert_cmpuint (pilote_conflict_count_both (conflict), ==, 1);
  for (guint i = 0; i < conflict->fields->len; i++)
    {
      PiloteConflictField *field = g_ptr_array_index (conflict->fields, i);

      if (g_str_equal (field->name, "title"))
        {
          seen_title = TRUE;
          g_assert_cmpstr (field->original, ==, "Delivery vans");
          g_assert_cmpstr (field->mine, ==, "Delivery vans");
          g_assert_cmpstr (field->theirs, ==, "Delivery vans (electric)");
          g_assert_false (field->take_mine);
        }
      else if (g_str_equal (field->name, "amount"))
        {
          seen_amount = TRUE;
          g_assert_cmpstr (field->original, ==, "500000");
          g_assert_cmpstr (field->mine, ==, "480000");
          g_assert_cmpstr (field->theirs, ==, "650000");
          g_assert_true (field->take_mine);
          /* Bob looks at both and keeps Anne's amount */
          field->take_mine = FALSE;
        }
      else if (g_str_equal (field->name, "notes"))
        {
          seen_notes = TRUE;
          g_assert_null (field->original);
          g_assert_cmpstr (field->mine, ==, "Call back on Monday");
          g_assert_null (field->theirs);
          g_assert_true (field->take_mine);
        }
    }
  g_assert_true (seen_title && seen_amount && seen_notes);

  /* the merge loses nobody's work and saves */
  merged = pilote_conflict_merge (conflict);
  g_assert_true (pilote_store_update (bob, merged, &error));
  g_assert_no_error (error);
  stored = pilote_store_get_deal (anne, created->base.id, &error);
  g_assert_cmpstr (stored->title, ==, "Delivery vans (electric)");
  g_assert_cmpint (stored->amount, ==, 650000);
  g_assert_cmpstr (stored->notes, ==, "Call back on Monday");
  g_assert_cmpint (stored->base.version, ==, created->base.version + 2);

  /* Anne's copy is now stale: deleting it is refused too */
  g_assert_false (pilote_store_delete (anne, PILOTE_ENTITY_DEAL, anne_deal->base.id,
                                       anne_deal->base.version, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
}

/* Load: eight people commit at the same time */

#define N_WRITERS 8
#define N_COMMITS 500

static GSubprocess *
spawn_writer (const char  *path,
              guint        count,
              const char  *tag,
              gboolean     network)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GSubprocess *writer;

  if (writer_path == NULL)
    g_error ("test-sharing needs the path of sharing-writer as its argument");
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, writer_path, path, count_text, tag,
                             network ? "network" : "local", NULL);
  g_assert_no_error (error);
  return writer;
}

static void
run_load (Fixture              *f,
          const PiloteLocation *location)
{
  g_autoptr(PiloteStore) store = open_as (f->path, location, PILOTE_STORE_OPEN_CREATE);
  GSubprocess *writers[N_WRITERS];
  gint64 start = g_get_monotonic_time (), n_clients = 0;
  guint acknowledged = 0;

  g_clear_object (&store);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *tag = g_strdup_printf ("W%u", i);

      writers[i] = spawn_writer (f->path, N_COMMITS, tag,
                                 location->kind != PILOTE_LOCATION_LOCAL);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (writers[i], NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);
      /* no error surfaced: a busy file is waited for, never reported */
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_subprocess_get_if_exited (writers[i]));
      g_assert_cmpint (g_subprocess_get_exit_status (writers[i]), ==, 0);
      lines = g_strsplit (g_strstrip (out), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, N_COMMITS);
      acknowledged += g_strv_length (lines);
      g_object_unref (writers[i]);
    }

  assert_consistent (f->path, &n_clients);
  g_assert_cmpint (n_clients, ==, N_WRITERS * N_COMMITS);
  g_assert_cmpuint (acknowledged, ==, N_WRITERS * N_COMMITS);
  g_test_message ("load (%s): %d processes × %d commits in %.1f s, all present, integrity ok",
                  location->kind == PILOTE_LOCATION_LOCAL ? "WAL" : "rollback journal",
                  N_WRITERS, N_COMMITS, (g_get_monotonic_time () - start) / 1e6);
}

static void
test_load_wal (Fixture       *f,
               gconstpointer  data)
{
  run_load (f, &local_disk);
}

static void
test_load_rollback (Fixture       *f,
                    gconstpointer  data)
{
  run_load (f, &network_share);
}

/* Crash: a writer killed at a random moment, over and over */

#define N_CRASHES 200

static gboolean save_pair (PiloteStore *store, const char *name, gint64 *client_id,
                           GError **error);

/* the writer, in a child process: saves until killed, and writes each
 * committed id to @fd */
static void G_GNUC_NORETURN
run_crash_writer (const char *path,
                  gboolean    network,
                  int         fd)
{
  PiloteStore *store = pilote_store_open_at (path, PILOTE_STORE_OPEN_DEFAULT,
                                             network ? &network_share : &local_disk, NULL);

  while (store != NULL)
    {
      gint64 id = 0;
      char line[32];
      int n;

      if (!save_pair (store, "Crash", &id, NULL))
        break;
      n = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", id);
      if (write (fd, line, n) != n)
        break;
    }
  _exit (1);
}

/* reads whole lines of ids from @fd; at least one unless @to_end */
static void
read_ids (int      fd,
          GString *pending,
          GArray  *ids,
          gboolean to_end)
{
  guint had = ids->len;

  while (to_end || ids->len == had)
    {
      char buffer[256];
      char *newline;
      gssize got = read (fd, buffer, sizeof buffer);

      if (got <= 0)
        break;
      g_string_append_len (pending, buffer, got);
      while ((newline = strchr (pending->str, '\n')) != NULL)
        {
          gint64 id = g_ascii_strtoll (pending->str, NULL, 10);

          g_array_append_val (ids, id);
          g_string_erase (pending, 0, newline - pending->str + 1);
        }
    }
}

static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PiloteStore) store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(GHashTable) acknowledged = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = g_get_monotonic_time (), n_clients = 0;

  g_clear_object (&store);
  for (guint run = 0; run < N_CRASHES; run++)
    {
      /* every other run in rollback-journal mode */
      gboolean network = run % 2 == 1;
      g_autoptr(GString) pending = g_string_new (NULL);
      int fds[2], status = 0;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_crash_writer (f->path, network, fds[1]);
        }
      close (fds[1]);

      /* once it writes, kill it 0 to 10 ms later: mid-transaction, mostly */
      read_ids (fds[0], pending, ids, FALSE);
      g_usleep (g_test_rand_int_range (0, 10000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      /* what it wrote before dying was committed */
      read_ids (fds[0], pending, ids, TRUE);
      close (fds[0]);

      /* the next one to open the file finds it whole */
      store = open_as (f->path, network ? &network_share : &local_disk,
                       PILOTE_STORE_OPEN_DEFAULT);
      g_clear_object (&store);
      assert_consistent (f->path, &n_clients);
    }

  /* every acknowledged commit is there */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM client", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 *id = g_new (gint64, 1);

        *id = sqlite3_column_int64 (stmt, 0);
        g_hash_table_add (acknowledged, id);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    for (guint i = 0; i < ids->len; i++)
      g_assert_true (g_hash_table_contains (acknowledged, &g_array_index (ids, gint64, i)));
    g_hash_table_foreach (acknowledged, (GHFunc) g_free, NULL);
  }
  g_test_message ("crash: %d writers killed in %.1f s; %u commits acknowledged, %" G_GINT64_FORMAT
                  " present (the rest were committed but killed before they were printed)",
                  N_CRASHES, (g_get_monotonic_time () - start) / 1e6, ids->len, n_clients);
  g_assert_cmpint (n_clients, >=, ids->len);
}

/* Faults: a disk that fails under SQLite. A VFS wraps the default one and
 * fails writes, syncs or locks after N of them, once or from then on. */

typedef enum {
  FAULT_NONE,
  FAULT_WRITE,
  FAULT_SYNC,
  FAULT_LOCK,
} FaultKind;

static struct {
  FaultKind kind;
  int       countdown;
  gboolean  always;
  int       fired;
} fault;

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;
} FaultFile;

static sqlite3_vfs *real_vfs;

static gboolean
fault_fires (FaultKind kind)
{
  if (fault.kind != kind)
    return FALSE;
  if (fault.countdown > 0)
    {
      fault.countdown--;
      return FALSE;
    }
  if (fault.fired > 0 && !fault.always)
    return FALSE;
  fault.fired++;
  return TRUE;
}

#define REAL(file) (((FaultFile *) (file))->real)

static int
fault_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
fault_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  if (fault_fires (FAULT_WRITE))
    return SQLITE_IOERR_WRITE;
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  if (fault_fires (FAULT_SYNC))
    return SQLITE_IOERR_FSYNC;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
fault_lock (sqlite3_file *file, int level)
{
  if (fault_fires (FAULT_LOCK))
    return SQLITE_IOERR_LOCK;
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
fault_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
fault_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  /* taking a lock fails; releasing one always works */
  if ((flags & SQLITE_SHM_LOCK) && fault_fires (FAULT_LOCK))
    return SQLITE_IOERR_SHMLOCK;
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, page);
}

static const sqlite3_io_methods fault_io = {
  3, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size,
  fault_lock, fault_unlock, fault_check_reserved_lock, fault_file_control, fault_sector_size,
  fault_device_characteristics, fault_shm_map, fault_shm_lock, fault_shm_barrier,
  fault_shm_unmap, fault_fetch, fault_unfetch,
};

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *wrapper = (FaultFile *) file;
  int rc;

  wrapper->real = (sqlite3_file *) (wrapper + 1);
  rc = real_vfs->xOpen (real_vfs, name, wrapper->real, flags, out_flags);
  wrapper->base.pMethods = wrapper->real->pMethods != NULL ? &fault_io : NULL;
  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
fault_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
fault_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
fault_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*fault_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
fault_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
fault_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
fault_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
fault_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
fault_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
fault_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static sqlite3_vfs fault_vfs;

static void
install_fault_vfs (void)
{
  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  fault_vfs = (sqlite3_vfs) {
    2, (int) sizeof (FaultFile) + real_vfs->szOsFile, real_vfs->mxPathname, NULL, "fault",
    NULL, fault_open, fault_delete, fault_access, fault_full_pathname, fault_dl_open,
    fault_dl_error, fault_dl_sym, fault_dl_close, fault_randomness, fault_sleep,
    fault_current_time, fault_get_last_error, fault_current_time_int64,
    NULL, NULL, NULL,
  };
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/* one person's save: a client and its deal, in one transaction */
static gboolean
save_pair (PiloteStore  *store,
           const char   *name,
           gint64       *client_id,
           GError      **error)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();
  gint64 stage;

  client->name = g_strdup (name);
  deal->title = g_strdup (name);
  if (!pilote_store_begin_write (store, error))
    return FALSE;
  stage = first_stage (store);
  if (!pilote_store_insert (store, client, error))
    goto fail;
  deal->client_id = client->base.id;
  deal->stage_id = stage;
  if (!pilote_store_insert (store, deal, error))
    goto fail;
  if (client_id != NULL)
    *client_id = client->base.id;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  return FALSE;
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  static const int countdowns[] = { 0, 1, 2, 3, 4, 6 };
  static const char *const kind_names[] = { NULL, "write", "sync", "lock" };
  g_autofree char *seed = g_build_filename (f->dir, "seed.pilote", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint runs = 0, failed = 0, recovered = 0, fired = 0;

  install_fault_vfs ();
  {
    g_autoptr(PiloteStore) store = open_as (seed, &network_share, PILOTE_STORE_OPEN_CREATE);

    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *name = g_strdup_printf ("Seed %u", i);

        g_assert_true (save_pair (store, name, NULL, NULL));
      }
  }
  g_assert_true (g_file_get_contents (seed, &contents, &length, NULL));

  for (FaultKind kind = FAULT_WRITE; kind <= FAULT_LOCK; kind++)
    for (int always = 0; always <= 1; always++)
      for (int wal = 0; wal <= 1; wal++)
        for (guint c = 0; c < G_N_ELEMENTS (countdowns); c++)
          {
            g_autoptr(PiloteStore) store = NULL;
            g_autoptr(GError) error = NULL;
            gboolean first, second;
            gint64 n_clients = 0;
            g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
            g_autofree char *shm_path = g_strconcat (f->path, "-shm", NULL);
            g_autofree char *journal_path = g_strconcat (f->path, "-journal", NULL);

            g_unlink (wal_path);
            g_unlink (shm_path);
            g_unlink (journal_path);
            g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
            store = open_as (f->path, wal ? &local_disk : &network_share,
                             PILOTE_STORE_OPEN_DEFAULT);

            fault = (typeof (fault)) { kind, countdowns[c], always, 0 };
            first = save_pair (store, "During the fault", NULL, &error);
            if (!first)
              {
                /* a clear message, never SQLite's own words alone */
                g_assert_nonnull (error);
                g_assert_true (error->domain == PILOTE_ERROR);
                g_assert_true (error->code == PILOTE_ERROR_IO ||
                               error->code == PILOTE_ERROR_BUSY);
                g_assert_null (strstr (error->message, "Unexpected"));
                failed++;
              }
            if (fault.fired > 0)
              fired++;
            /* a save that did not meet the fault went through */
            g_assert_true (first || fault.fired > 0);
            fault.kind = FAULT_NONE;
            g_clear_error (&error);

            /* once the disk works again, so does the store */
            second = save_pair (store, "After the fault", NULL, &error);
            if (second && !first)
              recovered++;
            g_clear_object (&store);

            /* the file is whole: the transaction is there entirely or not at all */
            assert_consistent (f->path, &n_clients);
            g_assert_cmpint (n_clients, >=, 20 + (first ? 1 : 0) + (second ? 1 : 0));
            g_assert_cmpint (n_clients, <=, 22);
            runs++;
            if (g_test_verbose ())
              g_test_message ("%s fault after %d (%s, %s): first save %s, second %s",
                              kind_names[kind], countdowns[c], always ? "always" : "once",
                              wal ? "WAL" : "rollback", first ? "ok" : "failed",
                              second ? "ok" : "failed");
          }
  g_test_message ("faults: %u runs, %u met the fault, %u saves failed with a clear message, "
                  "%u of those saved at the next try, file consistent after every one",
                  runs, fired, failed, recovered);
  g_assert_cmpuint (failed, >, runs / 3);
}

/* Backups */

static gint64
count_clients (const char *path)
{
  g_autoptr(PiloteStore) store = open_as (path, &local_disk, PILOTE_STORE_OPEN_READ_ONLY);

  return store_int64 (store, "SELECT count(*) FROM client");
}

static void
test_backup_daily (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PiloteStore) store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(PiloteDeal) deal = insert_deal (store, "Backed up", 1000);
  g_autofree char *folder = g_build_filename (f->dir, ".pilote-backups", NULL);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;

  /* ten days of work, one copy a day, seven kept */
  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, day, 9, 0, 0);
      g_autofree char *made = pilote_backup_daily (f->path, when, PILOTE_BACKUP_KEEP, &error);
      g_autofree char *expected = g_strdup_printf ("%s/team-2026-03-%02d.pilote", folder, day);

      g_assert_no_error (error);
      g_assert_cmpstr (made, ==, expected);
      g_assert_cmpint (count_clients (made), ==, 1);
    }
  copies = pilote_backup_list (f->path);
  g_assert_cmpuint (copies->len, ==, PILOTE_BACKUP_KEEP);
  for (guint i = 0; i < copies->len; i++)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (copies, i));

      g_assert_cmpstr (name, >=, "team-2026-03-04.pilote");
    }

  /* once a day only */
  {
    g_autoptr(GDateTime) later = g_date_time_new_local (2026, 3, 10, 17, 0, 0);

    again = pilote_backup_daily (f->path, later, PILOTE_BACKUP_KEEP, &error);
    g_assert_no_error (error);
    g_assert_null (again);
  }

  /* a copy is a whole file of its own, without a -wal */
  {
    g_autofree char *copy = g_build_filename (folder, "team-2026-03-10.pilote", NULL);
    g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
    g_autoptr(PiloteStore) backup = open_as (copy, &local_disk, PILOTE_STORE_OPEN_READ_ONLY);
    g_autoptr(GPtrArray) problems = NULL;
    g_autofree char *mode = pilote_store_get_journal_mode (backup);

    g_assert_cmpstr (mode, ==, "delete");
    g_assert_true (pilote_store_check (backup, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_false (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
  }

  /* not a Pilote file: no copy */
  {
    g_autofree char *text = g_build_filename (f->dir, "notes.pilote", NULL);
    g_autofree char *made = NULL;

    g_assert_true (g_file_set_contents (text, "just text, long enough to be read as a header",
                                        -1, NULL));
    made = pilote_backup_now (text, &error);
    g_assert_null (made);
    g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE);
  }
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PiloteStore) store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_clear_object (&store);
  writer = spawn_writer (f->path, 0, "busy", FALSE);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_nonnull (line);

  /* someone keeps saving while three copies are taken */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("copy%u.pilote", i);
      g_autofree char *copy = g_build_filename (f->dir, name, NULL);
      gint64 n_clients = 0;

      g_assert_true (pilote_backup_copy (f->path, copy, &error));
      g_assert_no_error (error);
      assert_consistent (copy, &n_clients);
      g_assert_cmpint (n_clients, >, 0);
      g_usleep (20000);
    }
  g_subprocess_force_exit (writer);
  g_assert_true (g_subprocess_wait (writer, NULL, NULL));
}

/* Opening a file another process keeps committing to: each opening checks
 * that the file is whole (its size against the pages it says it has),
 * which a commit growing the file between the two readings made look cut
 * short, in rollback-journal mode above all */
static void
run_open_while_writing (Fixture              *f,
                        const PiloteLocation *location)
{
  g_autoptr(PiloteStore) store = open_as (f->path, location, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  gboolean network = location->kind != PILOTE_LOCATION_LOCAL;

  g_clear_object (&store);
  writer = spawn_writer (f->path, 0, "open", network);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;

      /* a commit, at least, between two openings */
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      store = pilote_store_open_at (f->path, PILOTE_STORE_OPEN_READ_ONLY, location, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_clear_object (&store);
    }
  g_subprocess_force_exit (writer);
  g_assert_true (g_subprocess_wait (writer, NULL, NULL));
}

static void
test_open_while_writing_wal (Fixture       *f,
                             gconstpointer  data)
{
  run_open_while_writing (f, &local_disk);
}

static void
test_open_while_writing_rollback (Fixture       *f,
                                  gconstpointer  data)
{
  run_open_while_writing (f, &network_share);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PiloteStore) store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_CREATE);
  g_autoptr(PiloteStore) anne = NULL;
  g_autoptr(PiloteDeal) first = insert_deal (store, "Before the backup", 1000);
  g_autoptr(PiloteDeal) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;

  backup = pilote_backup_now (f->path, &error);
  g_assert_no_error (error);
  second = insert_deal (store, "After the backup", 2000);
  g_clear_object (&store);
  g_assert_cmpint (count_clients (f->path), ==, 2);

  /* Anne has the file open: the restore waits for her */
  anne = open_as (f->path, &network_share, PILOTE_STORE_OPEN_DEFAULT);
  pilote_store_set_member_id (anne, 0);
  g_assert_true (pilote_presence_register (anne, &error));
  before = read_bytes (f->path);
  g_assert_false (pilote_backup_restore (backup, f->path, FALSE, &kept, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_assert_null (kept);
  g_clear_error (&error);
  g_assert_true (g_bytes_equal (before, read_bytes (f->path)));

  /* forced: she sees the restored content at her next read */
  g_assert_true (pilote_backup_restore (backup, f->path, TRUE, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_int64 (anne, "SELECT count(*) FROM client"), ==, 1);
  /* what was replaced is kept */
  g_assert_nonnull (kept);
  g_assert_cmpint (count_clients (kept), ==, 2);
  g_clear_object (&anne);

  /* someone with the file open in WAL, without a presence entry */
  store = open_as (f->path, &local_disk, PILOTE_STORE_OPEN_DEFAULT);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (pilote_backup_is_in_use (f->path, NULL));
  g_clear_object (&store);
  g_assert_false (pilote_backup_is_in_use (f->path, NULL));

  /* a file damaged beyond reading is replaced whole */
  g_clear_pointer (&kept, g_free);
  g_assert_true (g_file_set_contents (f->path, "SQLite format 3\0garbage garbage garbage", 40,
                                      NULL));
  g_assert_true (pilote_backup_restore (backup, f->path, FALSE, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (f->path), ==, 1);
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* a backup that is not a Pilote file is refused, the file unchanged */
  {
    g_autofree char *bogus = g_build_filename (f->dir, "bogus.pilote", NULL);

    g_clear_pointer (&before, g_bytes_unref);
    before = read_bytes (f->path);
    g_assert_true (g_file_set_contents (bogus, "name,amount\nAcme,12\n", -1, NULL));
    g_assert_false (pilote_backup_restore (bogus, f->path, TRUE, NULL, &error));
    g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE);
    g_assert_true (g_bytes_equal (before, read_bytes (f->path)));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  writer_path = argc > 1 ? argv[1] : NULL;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_FAST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up_fast, func, fixture_tear_down)

  g_test_add_func ("/sharing/location/types", test_location_types);
  g_test_add_func ("/sharing/location/mounts", test_location_mounts);
  ADD ("/sharing/location/classify", test_location_classify);
  ADD ("/sharing/location/cloud", test_location_cloud);
  ADD ("/sharing/journal/follows-location", test_journal_follows_location);
  ADD ("/sharing/busy/wal", test_busy_wal);
  ADD ("/sharing/busy/rollback", test_busy_rollback);
  ADD ("/sharing/open-while-writing/wal", test_open_while_writing_wal);
  ADD ("/sharing/open-while-writing/rollback", test_open_while_writing_rollback);
  ADD ("/sharing/idle", test_idle_between_calls);
  ADD ("/sharing/presence", test_presence);
  ADD ("/sharing/history", test_history);
  ADD ("/sharing/conflict", test_conflict);
  ADD ("/sharing/backup/daily", test_backup_daily);
  ADD_FAST ("/sharing/backup/while-writing", test_backup_while_writing);
  ADD ("/sharing/backup/restore", test_restore);
  ADD_FAST ("/sharing/faults", test_faults);
  ADD_FAST ("/sharing/load/wal", test_load_wal);
  ADD_FAST ("/sharing/load/rollback", test_load_rollback);
  ADD_FAST ("/sharing/crash", test_crash);

  return g_test_run ();
}
