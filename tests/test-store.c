/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-record.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"
#include "pilote-text.h"

/* The Pilote file: creating, opening, refusing, upgrading; records:
 * writing, reading, listing, conflicts, history and derived data. */

typedef struct {
  char        *dir;
  char        *path;
  PiloteStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pilote-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "company.pilote", NULL);
  f->store = pilote_store_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
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
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = read_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

static int
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  int n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gint64
query_int64 (PiloteStore *store,
             const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Files */

static void
test_fresh_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;

  g_assert_cmpint (query_int64 (f->store, "PRAGMA application_id"), ==, PILOTE_APPLICATION_ID);
  g_assert_cmpint (query_int64 (f->store, "PRAGMA user_version"), ==, PILOTE_SCHEMA_VERSION);
  g_assert_cmpint (query_int64 (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_false (pilote_store_is_read_only (f->store));
  g_assert_null (pilote_store_get_backup_path (f->store));
  g_assert_cmpstr (pilote_store_get_currency (f->store), ==, "EUR");
  g_assert_cmpint (pilote_store_get_fiscal_start (f->store), ==, G_DATE_JANUARY);

  /* default pipeline: open stages with rising probabilities, then won and lost */
  stages = pilote_store_list (f->store, PILOTE_ENTITY_STAGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 6);
  for (guint i = 1; i < 4; i++)
    {
      PiloteStage *prev = g_ptr_array_index (stages, i - 1);
      PiloteStage *stage = g_ptr_array_index (stages, i);

      g_assert_cmpint (stage->kind, ==, PILOTE_STAGE_KIND_OPEN);
      g_assert_cmpfloat (stage->probability, >, prev->probability);
    }
  g_assert_cmpint (((PiloteStage *) g_ptr_array_index (stages, 4))->kind, ==,
                   PILOTE_STAGE_KIND_WON);
  g_assert_cmpint (((PiloteStage *) g_ptr_array_index (stages, 5))->kind, ==,
                   PILOTE_STAGE_KIND_LOST);

  g_assert_true (pilote_store_set_setting (f->store, "company_name", "Atelier Test", &error));
  g_assert_no_error (error);
  company = pilote_store_get_setting (f->store, "company_name");
  g_assert_cmpstr (company, ==, "Atelier Test");
  g_assert_true (pilote_store_set_setting (f->store, "fiscal_year_start", "4", &error));
  g_assert_cmpint (pilote_store_get_fiscal_start (f->store), ==, G_DATE_APRIL);

  pilote_store_check (f->store, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* an existing file is never overwritten by "create" */
  g_clear_object (&f->store);
  g_assert_null (pilote_store_create (f->path, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE);
}

static void
test_refuse_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.pilote", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (pilote_store_open (missing, PILOTE_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_refuse_not_sqlite (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.pilote", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.pilote", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  int files;

  g_assert_true (g_file_set_contents (text, "name,amount\nAcme,12\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  before = read_bytes (text);
  files = count_files (f->dir);

  g_assert_null (pilote_store_open (text, PILOTE_STORE_OPEN_CREATE, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE);
  assert_file_unchanged (text, before);
  g_clear_error (&error);

  g_assert_null (pilote_store_open (empty, PILOTE_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE);
  g_assert_cmpint (count_files (f->dir), ==, files);
}

static void
test_refuse_foreign_sqlite (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *foreign = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int files;

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (foreign);
  files = count_files (f->dir);

  g_assert_null (pilote_store_open (foreign, PILOTE_STORE_OPEN_CREATE, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE);
  assert_file_unchanged (foreign, before);
  g_assert_cmpint (count_files (f->dir), ==, files);
}

static void
test_refuse_damaged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_clear_object (&f->store);
  /* keep the header, scramble the schema page */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 4000);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  before = read_bytes (f->path);

  g_assert_null (pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED);
  assert_file_unchanged (f->path, before);
}

static void
test_refuse_random_bytes (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *noise = g_build_filename (f->dir, "noise.pilote", NULL);
  g_autofree char *fake = g_build_filename (f->dir, "fake.pilote", NULL);
  g_autoptr(GBytes) noise_before = NULL;
  g_autoptr(GBytes) fake_before = NULL;
  g_autoptr(GError) error = NULL;
  guint8 bytes[3 * 4096];
  int files;

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (noise, (const char *) bytes, sizeof bytes, NULL));
  /* noise behind a genuine SQLite header */
  memcpy (bytes, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (fake, (const char *) bytes, sizeof bytes, NULL));
  noise_before = read_bytes (noise);
  fake_before = read_bytes (fake);
  files = count_files (f->dir);

  g_assert_null (pilote_store_open (noise, PILOTE_STORE_OPEN_CREATE, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE);
  g_clear_error (&error);
  g_assert_null (pilote_store_open (fake, PILOTE_STORE_OPEN_DEFAULT, &error));
  g_assert_true (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED) ||
                 g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_NOT_PILOTE));
  assert_file_unchanged (noise, noise_before);
  assert_file_unchanged (fake, fake_before);
  g_assert_cmpint (count_files (f->dir), ==, files);
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;
  int files;

  /* a file of several pages, settled in one piece */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(PiloteClient) client = pilote_client_new ();

      client->name = g_strdup_printf ("Client with a rather long name, number %u", i);
      g_assert_true (pilote_store_insert (f->store, client, &error));
    }
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  /* a copy interrupted half-way */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  g_assert_true (g_file_set_contents (f->path, contents, length / 2, NULL));
  before = read_bytes (f->path);
  files = count_files (f->dir);

  g_assert_null (pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "backup"));
  assert_file_unchanged (f->path, before);
  g_assert_cmpint (count_files (f->dir), ==, files);
  g_clear_error (&error);
  /* read-only, too */
  g_assert_null (pilote_store_open (f->path, PILOTE_STORE_OPEN_READ_ONLY, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_DAMAGED);
  assert_file_unchanged (f->path, before);
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;",
                                           PILOTE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (f->path);

  g_assert_null (pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_TOO_NEW);
  assert_file_unchanged (f->path, before);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  client->name = g_strdup ("Boulangerie Martin");
  g_assert_true (pilote_store_insert (f->store, client, &error));
  g_clear_object (&f->store);

  /* settle the file in rollback-journal mode, so that reading leaves no trace */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  before = read_bytes (f->path);

  f->store = pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_store_is_read_only (f->store));

  clients = pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);

  g_clear_pointer (&client, pilote_client_free);
  client = pilote_client_new ();
  client->name = g_strdup ("Transports Roux");
  g_assert_false (pilote_store_insert (f->store, client, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY);
  g_assert_cmpint (client->base.id, ==, 0);
  g_clear_error (&error);
  g_assert_false (pilote_store_set_setting (f->store, "currency", "USD", &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY);

  g_clear_object (&f->store);
  assert_file_unchanged (f->path, before);
}

static void
test_upgrade_from (Fixture *f,
                   int      version)
{
  g_autofree char *name = g_strdup_printf ("v%d.pilote", version);
  g_autofree char *old = g_build_filename (f->dir, name, NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteStore) backup = NULL;
  g_autoptr(PiloteClient) client = NULL;
  g_autoptr(PilotePeriodNote) note = pilote_period_note_new ();
  g_autoptr(GError) error = NULL;

  pilote_test_write_version (old, version);

  store = pilote_store_open (old, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "PRAGMA user_version"), ==, PILOTE_SCHEMA_VERSION);
  g_assert_cmpstr (pilote_store_get_currency (store), ==, "USD");

  /* the data survived, and is found by its name however it is typed */
  client = pilote_store_find_by_name (store, PILOTE_ENTITY_CLIENT, " ancien   CLIENT", &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  g_assert_cmpint (client->kind, ==, PILOTE_CLIENT_KIND_CLIENT);

  /* what later versions brought works */
  note->kind = PILOTE_NOTE_COMMENT;
  note->period_kind = PILOTE_PERIOD_MONTH;
  note->period_start = g_strdup ("2026-10-01");
  note->text = g_strdup ("Bon mois.");
  g_assert_true (pilote_store_insert (store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM import_batch"), ==, 0);

  /* a copy of the file as it was was kept, at its version with its data */
  g_assert_nonnull (pilote_store_get_backup_path (store));
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (pilote_store_get_backup_path (store), &db,
                                      SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM"
                                         " pragma_user_version), (SELECT name FROM client)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, version);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Ancien client");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  /* which, being of an earlier version, cannot be opened read-only */
  backup = pilote_store_open (pilote_store_get_backup_path (store), PILOTE_STORE_OPEN_READ_ONLY,
                              &error);
  g_assert_null (backup);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY);

  /* opening again: nothing left to upgrade, no new copy */
  g_clear_object (&store);
  store = pilote_store_open (old, PILOTE_STORE_OPEN_DEFAULT, NULL);
  g_assert_nonnull (store);
  g_assert_null (pilote_store_get_backup_path (store));
}

static void
test_upgrade (Fixture       *f,
              gconstpointer  data)
{
  /* every earlier version upgrades */
  for (int version = 1; version < PILOTE_SCHEMA_VERSION; version++)
    test_upgrade_from (f, version);
}

/* Version 10: each deal carries the date of its last stage change, else
 * of its creation; the upgrade works it out for the deals already there */
static void
test_upgrade_stage_changed_on (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "v9-deals.pilote", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  pilote_test_write_version (old, 9);
  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_true (pilote_sqlite_exec (db,
    "INSERT INTO deal (id, title, stage_id, status, created_on) VALUES"
    " (1, 'Moved twice', 1, 'open', '2026-03-01'),"
    " (2, 'Never moved', 1, 'open', '2026-04-02'),"
    " (3, 'Moved before it was made', 1, 'open', '2026-05-03'),"
    " (4, 'Moved on its day', 1, 'open', '2026-06-04');"
    "INSERT INTO stage_change (deal_id, to_stage_id, changed_at) VALUES"
    " (1, 1, '2026-03-01T08:00:00.000Z'), (1, 2, '2026-09-20T23:59:59.999Z'),"
    " (1, 3, '2026-07-10T10:00:00.000Z'),"
    " (3, 1, '2026-01-15T10:00:00.000Z'),"
    " (4, 1, '2026-06-04T10:00:00.000Z');",
    &error));
  g_assert_no_error (error);
  sqlite3_close (db);

  store = pilote_store_open (old, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (query_int64 (store, "PRAGMA user_version"), ==, PILOTE_SCHEMA_VERSION);
  /* the latest change, not the last one written; else the creation */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM deal WHERE"
                                       " (id = 1 AND stage_changed_on = '2026-09-20')"
                                       " OR (id = 2 AND stage_changed_on = '2026-04-02')"
                                       " OR (id = 3 AND stage_changed_on = '2026-01-15')"
                                       " OR (id = 4 AND stage_changed_on = '2026-06-04')"),
                   ==, 4);

  /* the summary of the open pipeline: the four deals, in Lead, no owner */
  g_assert_cmpint (query_int64 (store, "SELECT n FROM pipeline_summary WHERE stage_id = 1"
                                       " AND owner_id = 0"), ==, 4);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pipeline_summary"), ==, 1);

  /* and the triggers keep it from then on */
  g_assert_true (pilote_store_exec (store,
                                    "INSERT INTO stage_change (deal_id, to_stage_id, changed_at)"
                                    " VALUES (2, 2, '2026-10-01T09:00:00.000Z');"
                                    "DELETE FROM stage_change WHERE deal_id = 1"
                                    " AND changed_at LIKE '2026-09-20%';",
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM deal WHERE"
                                       " (id = 1 AND stage_changed_on = '2026-07-10')"
                                       " OR (id = 2 AND stage_changed_on = '2026-10-01')"),
                   ==, 2);
}

/* Version 11: the won deals of each client by month, summed by the
 * upgrade from the deals already there, then kept by the triggers */
/* A file of @version, with what @sql writes in it, opened (and upgraded) */
static PiloteStore *
open_upgraded (Fixture    *f,
               const char *name,
               int         version,
               const char *sql)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  PiloteStore *store;
  sqlite3 *db = NULL;

  pilote_test_write_version (path, version);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (pilote_sqlite_exec (db, sql, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  store = pilote_store_open (path, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Schema version 12 counts the activities done by month, owner and kind:
 * the upgrade from those already there, then the triggers */
static void
test_upgrade_activity_month (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = open_upgraded (f, "v11-activities.pilote", 11,
    "INSERT INTO member (id, name) VALUES (71, 'Alice');"
    "INSERT INTO activity (kind, owner_id, done_at, deleted_at, subject) VALUES"
    " ('call', 71, '2025-03-01T08:00:00.000Z', NULL, 'c1'),"
    " ('call', 71, '2025-03-31T23:00:00.000Z', NULL, 'c2'),"
    " ('call', NULL, '2025-03-15T10:00:00.000Z', NULL, 'c3'),"
    " ('meeting', 71, '2025-04-02T10:00:00.000Z', NULL, 'm1'),"
    " ('meeting', 71, '2025-04-03T10:00:00.000Z', '2025-05-01T00:00:00.000Z', 'gone'),"
    " ('meeting', 71, NULL, NULL, 'to do');");

  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM activity_month"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT n FROM activity_month WHERE month = '2025-03'"
                                       " AND owner_id = 71 AND kind = 'call'"), ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT n FROM activity_month WHERE month = '2025-03'"
                                       " AND owner_id = 0 AND kind = 'call'"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT n FROM activity_month WHERE month = '2025-04'"
                                       " AND owner_id = 71 AND kind = 'meeting'"), ==, 1);
  /* then kept by the triggers: one done, one moved to another month, one
   * undone, one deleted */
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store,
    "UPDATE activity SET done_at = '2025-04-20T09:00:00.000Z' WHERE subject = 'to do';"
    "UPDATE activity SET done_at = '2025-04-01T00:00:00.000Z' WHERE subject = 'c2';"
    "UPDATE activity SET done_at = NULL WHERE subject = 'c3';"
    "DELETE FROM activity WHERE subject = 'c1';", &error));
  g_assert_true (pilote_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT coalesce (sum (n), 0) FROM activity_month"
                                       " WHERE month = '2025-03'"), ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT n FROM activity_month WHERE month = '2025-04'"
                                       " AND owner_id = 71 AND kind = 'meeting'"), ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT n FROM activity_month WHERE month = '2025-04'"
                                       " AND owner_id = 71 AND kind = 'call'"), ==, 1);
}

/* Schema version 13 gives each stage change its deal's owner, and the
 * indexes that read one owner's rows; the monthly summaries count the won
 * deals by their days from creation to winning */
static void
test_upgrade_change_owner (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = open_upgraded (f, "v12-changes.pilote", 12,
    "INSERT INTO member (id, name) VALUES (71, 'Alice'), (72, 'Bob');"
    "INSERT INTO deal (id, title, owner_id, stage_id, created_on) VALUES"
    " (501, 'a', 71, 1, '2025-01-01'), (502, 'b', 72, 1, '2025-01-01'),"
    " (503, 'c', NULL, 1, '2025-01-01');"
    "INSERT INTO deal (id, title, owner_id, stage_id, status, amount, created_on, closed_on)"
    " VALUES (504, 'd', 71, (SELECT id FROM stage WHERE kind = 'won'), 'won', 1000,"
    " '2025-01-01', '2025-01-21');"
    "INSERT INTO stage_change (deal_id, to_stage_id, changed_at) VALUES"
    " (501, 1, '2025-01-01T00:00:00.000Z'), (501, 2, '2025-02-01T00:00:00.000Z'),"
    " (502, 1, '2025-01-01T00:00:00.000Z'), (503, 1, '2025-01-01T00:00:00.000Z');");

  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE deal_id = 501 AND owner_id = 71"), ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE deal_id = 502 AND owner_id = 72"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE deal_id = 503 AND owner_id IS NULL"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM sqlite_schema WHERE type = 'index'"
                                       " AND name IN ('stage_change_owner', 'deal_owner_closed',"
                                       " 'client_owner_acquired')"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info"
                                       " ('client_owner_acquired')"), ==, 4);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info ('deal_open')"
                                       " WHERE name = 'client_id'"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info"
                                       " ('client_acquired')"), ==, 6);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info"
                                       " ('client_sort_region')"), ==, 4);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM sqlite_schema"
                                       " WHERE name = 'client_tags'"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT won FROM kpi_month WHERE dim = 8"
                                       " AND month = '2025-01' AND owner_id = 71 AND key = 20"),
                   ==, 1);

  /* then kept by the trigger: a deal handed to another rep */
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store, "UPDATE deal SET owner_id = 72 WHERE id = 501;"
                                           "UPDATE deal SET owner_id = 71 WHERE id = 503;"
                                           "UPDATE deal SET created_on = '2025-01-11'"
                                           " WHERE id = 504;",
                                    &error));
  g_assert_true (pilote_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE owner_id = 72"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE owner_id = 71"), ==, 1);
  /* and the summaries by the deals' new triggers */
  g_assert_cmpint (query_int64 (store, "SELECT coalesce (sum (won), 0) FROM kpi_month"
                                       " WHERE dim = 8 AND key = 20"), ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT won FROM kpi_month WHERE dim = 8"
                                       " AND month = '2025-01' AND owner_id = 71 AND key = 10"),
                   ==, 1);
}

static void
test_upgrade_client_month (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = open_upgraded (f, "v10-clients.pilote", 10,
    "INSERT INTO client (id, name) VALUES (901, 'Alpha'), (902, 'Beta');"
    "INSERT INTO deal (title, client_id, stage_id, status, amount, cost, created_on,"
    "  closed_on, deleted_at) VALUES"
    " ('a1', 901, 1, 'won', 1000, 400, '2025-01-01', '2025-01-10', NULL),"
    " ('a2', 901, 1, 'won', 2000, 500, '2025-01-01', '2025-01-20', NULL),"
    " ('a3', 901, 1, 'won', 4000, 100, '2025-01-01', '2025-06-05', NULL),"
    " ('a4', 901, 1, 'lost', 8000, 0, '2025-01-01', '2025-07-05', NULL),"
    " ('a5', 901, 1, 'won', 16000, 0, '2025-01-01', '2025-08-05', '2025-09-01T00:00:00.000Z'),"
    " ('b1', 902, 1, 'won', 300, 30, '2025-01-01', '2025-06-30', NULL),"
    " ('c1', NULL, 1, 'won', 50, 5, '2025-01-01', '2025-06-30', NULL);");
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM client_month"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM client_month WHERE"
                                       " (client_id = 901 AND month = '2025-01' AND won = 2"
                                       "  AND revenue = 3000 AND margin = 2100"
                                       "  AND last_on = '2025-01-20' AND next_month = '2025-06')"
                                       " OR (client_id = 901 AND month = '2025-06' AND won = 1"
                                       "  AND revenue = 4000 AND margin = 3900"
                                       "  AND last_on = '2025-06-05' AND next_month = '9999-99')"
                                       " OR (client_id = 902 AND month = '2025-06' AND won = 1"
                                       "  AND revenue = 300 AND next_month = '9999-99')"),
                   ==, 3);

  /* a deal won in between links the months around it */
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store,
                                    "INSERT INTO deal (title, client_id, stage_id, status,"
                                    " amount, created_on, closed_on) VALUES"
                                    " ('a6', 901, 1, 'won', 70, '2025-01-01', '2025-03-03')",
                                    &error));
  g_assert_true (pilote_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM client_month WHERE client_id = 901"
                                       " AND ((month = '2025-01' AND next_month = '2025-03')"
                                       " OR (month = '2025-03' AND next_month = '2025-06'"
                                       "  AND revenue = 70))"),
                   ==, 2);

  /* the last deal of a month lost: the month goes, the one before it
   * leads to the one after; the latest date of a month read again */
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store,
                                    "UPDATE deal SET status = 'lost' WHERE title = 'a6';"
                                    "UPDATE deal SET deleted_at = '2025-09-01T00:00:00.000Z'"
                                    " WHERE title = 'a2'",
                                    &error));
  g_assert_true (pilote_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM client_month WHERE client_id = 901"),
                   ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM client_month WHERE client_id = 901"
                                       " AND month = '2025-01' AND next_month = '2025-06'"
                                       " AND won = 1 AND revenue = 1000 AND margin = 600"
                                       " AND last_on = '2025-01-10'"),
                   ==, 1);
}

/* Records */

static PiloteMember *
add_member (PiloteStore *store,
            const char  *name)
{
  PiloteMember *member = pilote_member_new ();
  g_autoptr(GError) error = NULL;

  member->name = g_strdup (name);
  g_assert_true (pilote_store_insert (store, member, &error));
  g_assert_no_error (error);
  return member;
}

/* Version 14: the monthly summaries split by the clients' segment, summed
 * again from the deals, and each stage change given its client's segment;
 * both then kept when a client changes segment */
static void
test_upgrade_segment (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = open_upgraded (f, "v13-segments.pilote", 13,
    "INSERT INTO segment (id, name) VALUES (81, 'SMB'), (82, 'Enterprise');"
    "INSERT INTO channel (id, name) VALUES (71, 'Salon');"
    "INSERT INTO client (id, name, segment_id, region, channel_id) VALUES"
    " (91, 'Acme', 81, 'Bretagne', NULL), (92, 'Bolt', 82, NULL, 71),"
    " (93, 'Cobalt', NULL, NULL, NULL);"
    "INSERT INTO deal (id, title, client_id, stage_id, status, amount, cost, created_on,"
    " closed_on, channel_id) VALUES"
    " (601, 'a', 91, (SELECT id FROM stage WHERE kind = 'won'), 'won', 1000, 400,"
    "  '2025-01-01', '2025-01-21', NULL),"
    " (602, 'b', 92, (SELECT id FROM stage WHERE kind = 'won'), 'won', 3000, 1000,"
    "  '2025-01-01', '2025-01-11', NULL),"
    " (603, 'c', 93, (SELECT id FROM stage WHERE kind = 'lost'), 'lost', 500, 0,"
    "  '2025-01-01', '2025-01-15', 71);"
    "INSERT INTO stage_change (deal_id, to_stage_id, changed_at) VALUES"
    " (601, 1, '2025-01-01T00:00:00.000Z'), (602, 1, '2025-01-01T00:00:00.000Z'),"
    " (602, 2, '2025-01-05T00:00:00.000Z'), (603, 1, '2025-01-01T00:00:00.000Z');"
    "INSERT INTO product (id, name, category) VALUES (51, 'Bureau', 'Mobilier'),"
    " (52, 'Audit', 'Services'), (53, 'Chaise', 'mobilier');"
    "INSERT INTO deal_line (deal_id, product_id, quantity, unit_price, unit_cost) VALUES"
    " (601, 51, 2, 100, 40), (601, 52, 1, 500, 100), (601, 53, 1, 50, 10),"
    " (602, 52, 1, 700, 0);");

  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE segment_id = 82"), ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE segment_id = 81"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE segment_id IS NULL"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT revenue FROM kpi_month WHERE dim = 0"
                                       " AND month = '2025-01' AND segment_id = 82"), ==, 3000);
  g_assert_cmpint (query_int64 (store, "SELECT lost FROM kpi_month WHERE dim = 0"
                                       " AND month = '2025-01' AND segment_id = 0"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT won FROM kpi_month WHERE dim = 8"
                                       " AND segment_id = 81 AND key = 20"), ==, 1);
  /* the indexes it changes: clients by segment and creation date, lost
   * deals with their client, won deals by client with their channel */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info"
                                       " ('client_segment')"), ==, 4);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info ('deal_lost')"
                                       " WHERE name = 'client_id'"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info"
                                       " ('deal_client_won_on') WHERE name = 'channel_id'"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM sqlite_schema"
                                       " WHERE name = 'stage_change_segment'"), ==, 1);
  /* version 15: the won deals by owner, with their clients */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM pragma_index_info"
                                       " ('deal_owner_won') WHERE name IN ('owner_id', 'client_id')"),
                   ==, 2);
  /* version 16: the region with the days of the cycle, and with the
   * channel */
  g_assert_cmpint (query_int64 (store, "SELECT won FROM kpi_month WHERE dim = 12"
                                       " AND key = 'Bretagne' AND key2 = 20"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT sum (revenue) FROM kpi_month WHERE dim = 9"
                                       " AND key = x'' AND key2 = 71"), ==, 3000);
  g_assert_cmpint (query_int64 (store, "SELECT sum (lost) FROM kpi_month WHERE dim = 9"
                                       " AND key = x'' AND key2 = 71"), ==, 1);
  /* and the stage changes their deal's client and channel */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE client_id = 92"), ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE channel_id = 71"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE client_id IS NULL"), ==, 0);
  /* version 17: the deals by category of their lines (categories that
   * differ in case are one), and the categories of the stage changes */
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM deal_category"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM deal_category WHERE"
                                       " (id = 601 AND category = 'MOBILIER' AND amount = 250"
                                       "  AND cost = 90 AND status = 'won' AND client_id = 91)"
                                       " OR (id = 601 AND category = 'services' AND amount = 500"
                                       "  AND cost = 100)"
                                       " OR (id = 602 AND category = 'Services' AND amount = 700"
                                       "  AND closed_on = '2025-01-11')"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change WHERE deal_id = 601"
                                       " AND categories = char (31) || 'mobilier' || char (31)"
                                       " || 'services' || char (31)"), ==, 1);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change WHERE deal_id = 602"
                                       " AND categories = char (31) || 'services' || char (31)"),
                   ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE categories IS NULL"), ==, 1);

  /* Acme moves to Enterprise: its deal's rows and stage change follow */
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store, "UPDATE client SET segment_id = 82 WHERE id = 91",
                                    &error));
  g_assert_true (pilote_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM stage_change"
                                       " WHERE segment_id = 82"), ==, 3);
  g_assert_cmpint (query_int64 (store, "SELECT coalesce (sum (won), 0) FROM kpi_month"
                                       " WHERE segment_id = 81"), ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT revenue FROM kpi_month WHERE dim = 0"
                                       " AND month = '2025-01' AND segment_id = 82"), ==, 4000);
  g_assert_cmpint (query_int64 (store, "SELECT won FROM kpi_month WHERE dim = 8"
                                       " AND segment_id = 82 AND key = 20"), ==, 1);

  /* and to another region: its rows of the region follow */
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store, "UPDATE client SET region = 'Normandie' WHERE id = 91",
                                    &error));
  g_assert_true (pilote_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (store, "SELECT coalesce (sum (won), 0) FROM kpi_month"
                                       " WHERE key = 'Bretagne'"), ==, 0);
  g_assert_cmpint (query_int64 (store, "SELECT won FROM kpi_month WHERE dim = 12"
                                       " AND key = 'Normandie' AND key2 = 20"), ==, 1);
}

static void
test_insert_get_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PiloteMember) owner = add_member (f->store, "Claire Dubois");
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteClient) read = NULL;
  g_autoptr(GError) error = NULL;

  pilote_store_set_member_id (f->store, owner->base.id);
  client->name = g_strdup ("  Menuiserie Perrin  ");
  client->city = g_strdup ("Lyon");
  client->owner_id = owner->base.id;
  client->base.ref = g_strdup ("CRM-001");
  g_assert_true (pilote_store_insert (f->store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->base.id, >, 0);
  g_assert_cmpint (client->base.version, ==, 1);
  g_assert_nonnull (client->base.created_at);
  g_assert_cmpint (client->base.updated_by, ==, owner->base.id);
  g_assert_cmpstr (client->name, ==, "Menuiserie Perrin");

  read = pilote_store_get_client (f->store, client->base.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Menuiserie Perrin");
  g_assert_cmpstr (read->city, ==, "Lyon");
  g_assert_cmpstr (read->base.ref, ==, "CRM-001");
  g_assert_cmpint (read->kind, ==, PILOTE_CLIENT_KIND_PROSPECT);

  g_free (read->city);
  read->city = g_strdup ("Villeurbanne");
  g_assert_true (pilote_store_update (f->store, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read->base.version, ==, 2);

  g_clear_pointer (&client, pilote_client_free);
  client = pilote_store_find_by_ref (f->store, PILOTE_ENTITY_CLIENT, "CRM-001", &error);
  g_assert_cmpstr (client->city, ==, "Villeurbanne");

  /* the history says who changed what, from what to what */
  g_assert_cmpint (query_int64 (f->store,
                                "SELECT count(*) FROM audit_entry WHERE table_name = 'client'"), ==,
                   2);
  g_assert_cmpint (query_int64 (f->store,
                                "SELECT count(*) FROM audit_entry WHERE action = 'update'"
                                " AND changes = '{\"city\": [\"Lyon\", \"Villeurbanne\"]}'"),
                   ==, 1);
  g_assert_cmpint (query_int64 (f->store, "SELECT min (changed_by) FROM audit_entry"
                                          " WHERE table_name = 'client'"), ==, owner->base.id);
}

static void
test_version_conflict (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteClient) mine = NULL;
  g_autoptr(PiloteClient) theirs = NULL;
  g_autoptr(PiloteClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audits;

  client->name = g_strdup ("Garage Lemoine");
  client->city = g_strdup ("Nantes");
  g_assert_true (pilote_store_insert (f->store, client, &error));

  /* two people read the same record */
  mine = pilote_store_get_client (f->store, client->base.id, NULL);
  theirs = pilote_store_get_client (f->store, client->base.id, NULL);

  g_free (theirs->city);
  theirs->city = g_strdup ("Rennes");
  g_assert_true (pilote_store_update (f->store, theirs, &error));
  audits = query_int64 (f->store, "SELECT count(*) FROM audit_entry");

  g_free (mine->city);
  mine->city = g_strdup ("Brest");
  g_assert_false (pilote_store_update (f->store, mine, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* nothing changed: their version stands */
  stored = pilote_store_get_client (f->store, client->base.id, NULL);
  g_assert_cmpstr (stored->city, ==, "Rennes");
  g_assert_cmpint (stored->base.version, ==, 2);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM audit_entry"), ==, audits);

  /* a delete with a stale version is refused too */
  g_assert_false (pilote_store_delete (f->store, PILOTE_ENTITY_CLIENT, client->base.id, 1,
                                       &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* and saving a record someone deleted says so */
  g_assert_true (pilote_store_delete (f->store, PILOTE_ENTITY_CLIENT, client->base.id, 2,
                                      &error));
  g_assert_no_error (error);
  g_assert_false (pilote_store_update (f->store, stored, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteClient) read = NULL;
  g_autoptr(GError) error = NULL;
  PiloteQuery all = { .include_deleted = TRUE };

  client->name = g_strdup ("Imprimerie Vidal");
  client->base.ref = g_strdup ("V-1");
  g_assert_true (pilote_store_insert (f->store, client, &error));

  g_assert_true (pilote_store_delete (f->store, PILOTE_ENTITY_CLIENT, client->base.id,
                                      client->base.version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, NULL, NULL), ==, 0);
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, &all, NULL), ==, 1);
  g_assert_null (pilote_store_find_by_ref (f->store, PILOTE_ENTITY_CLIENT, "V-1", NULL));
  read = pilote_store_get_client (f->store, client->base.id, NULL);
  g_assert_nonnull (read->base.deleted_at);

  /* Undo */
  g_assert_true (pilote_store_restore (f->store, PILOTE_ENTITY_CLIENT, client->base.id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, NULL, NULL), ==, 1);
  g_assert_cmpint (query_int64 (f->store,
                                "SELECT count(*) FROM audit_entry WHERE action IN"
                                " ('delete', 'restore')"), ==, 2);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PiloteClient) blank = pilote_client_new ();
  g_autoptr(PiloteClient) first = pilote_client_new ();
  g_autoptr(PiloteClient) second = pilote_client_new ();
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();
  g_autoptr(PiloteContact) orphan = pilote_contact_new ();
  g_autoptr(GError) error = NULL;

  blank->name = g_strdup ("   ");
  g_assert_false (pilote_store_insert (f->store, blank, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);

  first->name = g_strdup ("Alpha");
  first->base.ref = g_strdup ("A-1");
  g_assert_true (pilote_store_insert (f->store, first, &error));
  second->name = g_strdup ("Alpha bis");
  second->base.ref = g_strdup ("A-1");
  g_assert_false (pilote_store_insert (f->store, second, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE);
  g_assert_cmpint (second->base.id, ==, 0);
  g_clear_error (&error);

  deal->title = g_strdup ("Équipement atelier");
  deal->stage_id = 1;
  deal->expected_close_on = g_strdup ("2026-02-30");
  g_assert_false (pilote_store_insert (f->store, deal, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);

  orphan->name = g_strdup ("Jean Sans Client");
  orphan->client_id = 999;
  g_assert_false (pilote_store_insert (f->store, orphan, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing of the failed writes remains */
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM client"), ==, 1);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM deal"), ==, 0);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM contact"), ==, 0);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM audit_entry"), ==, 1);
}

static void
test_list_filter_sort_page (Fixture       *f,
                            gconstpointer  data)
{
  static const char *const names[] = { "Delta", "alpha", "Charlie", "Bravo", "Echo 100%" };
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  PiloteFilter lyon[] = { { "city", PILOTE_OP_EQ, "Lyon", 0 } };
  PiloteFilter bad[] = { { "name; DROP TABLE client", PILOTE_OP_EQ, "x", 0 } };
  PiloteFilter bad_kind[] = { { "kind", PILOTE_OP_EQ, "customer", 0 } };
  PiloteQuery query = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PiloteClient) client = pilote_client_new ();

      client->name = g_strdup (names[i]);
      client->city = g_strdup (i % 2 == 0 ? "Lyon" : "Lille");
      g_assert_true (pilote_store_insert (f->store, client, &error));
    }

  query.sort_field = "name";
  query.limit = 2;
  query.offset = 1;
  page = pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (((PiloteClient *) g_ptr_array_index (page, 0))->name, ==, "Bravo");
  g_assert_cmpstr (((PiloteClient *) g_ptr_array_index (page, 1))->name, ==, "Charlie");
  g_clear_pointer (&page, g_ptr_array_unref);

  query = (PiloteQuery) { .filters = lyon, .n_filters = 1, .sort_field = "name",
                          .descending = TRUE };
  page = pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, &query, &error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (((PiloteClient *) g_ptr_array_index (page, 0))->name, ==, "Echo 100%");
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, &query, NULL), ==, 3);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* search: words, any case; % and _ are plain characters */
  query = (PiloteQuery) { .search = "ALPH" };
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, &query, NULL), ==, 1);
  query = (PiloteQuery) { .search = "%" };
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, &query, NULL), ==, 1);
  query = (PiloteQuery) { .search = "lil" };
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, &query, NULL), ==, 2);

  /* field names are checked, never pasted */
  query = (PiloteQuery) { .filters = bad, .n_filters = 1 };
  g_assert_null (pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, &query, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);
  query = (PiloteQuery) { .sort_field = "nom" };
  g_assert_null (pilote_store_list (f->store, PILOTE_ENTITY_CLIENT, &query, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);
  query = (PiloteQuery) { .filters = bad_kind, .n_filters = 1 };
  g_assert_cmpint (pilote_store_count (f->store, PILOTE_ENTITY_CLIENT, &query, &error), ==, -1);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM client"), ==, 5);
}

static gint64
stage_id (PiloteStore *store,
          const char  *name)
{
  g_autoptr(PiloteStage) stage = pilote_store_find_by_name (store, PILOTE_ENTITY_STAGE, name,
                                                            NULL);

  g_assert_nonnull (stage);
  return stage->base.id;
}

static void
test_deal_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteProduct) product = pilote_product_new ();
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();
  g_autoptr(PiloteDealLine) line1 = pilote_deal_line_new ();
  g_autoptr(PiloteDealLine) line2 = pilote_deal_line_new ();
  g_autoptr(PiloteClient) after = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GError) error = NULL;

  client->name = g_strdup ("Cave Fournier");
  g_assert_true (pilote_store_insert (f->store, client, &error));
  product->name = g_strdup ("Étagère");
  product->unit_price = 19999;
  product->unit_cost = 12050;
  g_assert_true (pilote_store_insert (f->store, product, &error));

  deal->title = g_strdup ("Aménagement cave");
  deal->client_id = client->base.id;
  deal->stage_id = stage_id (f->store, "Lead");
  deal->amount = 100000;
  deal->created_on = g_strdup ("2026-01-05");
  g_assert_true (pilote_store_insert (f->store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (deal->status, ==, PILOTE_STAGE_KIND_OPEN);
  g_assert_null (deal->closed_on);
  g_assert_true (isnan (deal->probability));
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM stage_change"
                                          " WHERE from_stage_id IS NULL"), ==, 1);

  /* lines make the amount: 3 × 199.99 × (1 − 0.1) = 539.973 → 539.97; cost 3 × 120.50 */
  line1->deal_id = deal->base.id;
  line1->product_id = product->base.id;
  line1->quantity = 3;
  line1->unit_price = 19999;
  line1->discount = 0.1;
  line1->unit_cost = 12050;
  g_assert_true (pilote_store_insert (f->store, line1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (line1->amount, ==, 53997);
  g_assert_cmpint (line1->cost, ==, 36150);
  line2->deal_id = deal->base.id;
  line2->quantity = 0.5;
  line2->unit_price = 1001;
  g_assert_true (pilote_store_insert (f->store, line2, &error));
  g_assert_cmpint (line2->amount, ==, 501);   /* 500.5 cents, half away from zero */

  stored = pilote_store_get_deal (f->store, deal->base.id, NULL);
  g_assert_cmpint (stored->amount, ==, 53997 + 501);
  g_assert_cmpint (stored->cost, ==, 36150);

  /* won: closed today unless told, the prospect becomes a client on that date */
  stored->stage_id = stage_id (f->store, "Won");
  stored->closed_on = g_strdup ("2026-03-15");
  stored->amount = 1;   /* typed over, but the lines decide */
  g_assert_true (pilote_store_update (f->store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, PILOTE_STAGE_KIND_WON);
  g_assert_cmpint (stored->amount, ==, 54498);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM stage_change"), ==, 2);
  after = pilote_store_get_client (f->store, client->base.id, NULL);
  g_assert_cmpint (after->kind, ==, PILOTE_CLIENT_KIND_CLIENT);
  g_assert_cmpstr (after->acquired_on, ==, "2026-03-15");

  /* a line removed: the amount follows */
  g_assert_true (pilote_store_delete (f->store, PILOTE_ENTITY_DEAL_LINE, line2->base.id,
                                      line2->base.version, &error));
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal->base.id, NULL);
  g_assert_cmpint (stored->amount, ==, 53997);

  /* the won deal deleted: no acquisition any more */
  g_assert_true (pilote_store_delete (f->store, PILOTE_ENTITY_DEAL, stored->base.id,
                                      stored->base.version, &error));
  g_clear_pointer (&after, pilote_client_free);
  after = pilote_store_get_client (f->store, client->base.id, NULL);
  g_assert_null (after->acquired_on);
  {
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_true (pilote_store_check (f->store, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_nested_transactions (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PiloteClient) kept = pilote_client_new ();
  g_autoptr(PiloteClient) dropped = pilote_client_new ();
  g_autoptr(GError) error = NULL;

  /* an outer write that fails takes the inner ones with it */
  g_assert_true (pilote_store_begin_write (f->store, &error));
  dropped->name = g_strdup ("Éphémère");
  g_assert_true (pilote_store_insert (f->store, dropped, &error));
  pilote_store_rollback (f->store);
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM client"), ==, 0);

  g_assert_true (pilote_store_begin_write (f->store, &error));
  kept->name = g_strdup ("Durable");
  g_assert_true (pilote_store_insert (f->store, kept, &error));
  g_assert_true (pilote_store_commit (f->store, &error));
  g_assert_cmpint (query_int64 (f->store, "SELECT count(*) FROM client"), ==, 1);
}

/* a connection's page cache: 32 MiB unless bounded, never below 64 KiB */
static void
test_cache_size (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpint (query_int64 (f->store, "PRAGMA cache_size"), ==, -32768);
  pilote_store_set_cache_size (f->store, 4096);
  g_assert_cmpint (query_int64 (f->store, "PRAGMA cache_size"), ==, -4096);
  pilote_store_set_cache_size (f->store, 0);
  g_assert_cmpint (query_int64 (f->store, "PRAGMA cache_size"), ==, -64);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/fresh-file", test_fresh_file);
  ADD ("/store/refuse/missing", test_refuse_missing);
  ADD ("/store/refuse/not-sqlite", test_refuse_not_sqlite);
  ADD ("/store/refuse/foreign-sqlite", test_refuse_foreign_sqlite);
  ADD ("/store/refuse/damaged", test_refuse_damaged);
  ADD ("/store/refuse/newer", test_refuse_newer);
  ADD ("/store/refuse/random-bytes", test_refuse_random_bytes);
  ADD ("/store/refuse/truncated", test_refuse_truncated);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/cache-size", test_cache_size);
  ADD ("/store/upgrade", test_upgrade);
  ADD ("/store/upgrade-stage-changed-on", test_upgrade_stage_changed_on);
  ADD ("/store/upgrade-client-month", test_upgrade_client_month);
  ADD ("/store/upgrade-activity-month", test_upgrade_activity_month);
  ADD ("/store/upgrade-change-owner", test_upgrade_change_owner);
  ADD ("/store/upgrade-segment", test_upgrade_segment);
  ADD ("/records/insert-get-update", test_insert_get_update);
  ADD ("/records/version-conflict", test_version_conflict);
  ADD ("/records/delete-restore", test_delete_restore);
  ADD ("/records/validation", test_validation);
  ADD ("/records/list", test_list_filter_sort_page);
  ADD ("/records/deal-rules", test_deal_rules);
  ADD ("/records/nested-transactions", test_nested_transactions);

  return g_test_run ();
}
