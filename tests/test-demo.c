/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-store-private.h"

#define N_CLIENTS 200
#define N_DEALS   3000
#define TODAY     "2026-11-15"

typedef struct {
  char  *dir;
  GDate  today;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pilote-demo-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso (TODAY, &fixture->today));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static PiloteStore *
create_store (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  PiloteStore *store = pilote_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static PiloteStore *
generate (Fixture    *fixture,
          const char *name,
          guint32     seed)
{
  PiloteStore *store = create_store (fixture, name);
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;

  pilote_demo_options_init (&options);
  options.n_clients = N_CLIENTS;
  options.n_deals = N_DEALS;
  options.seed = seed;
  options.today = &fixture->today;
  g_assert_true (pilote_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
query_int (PiloteStore *store,
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

static double
query_double (PiloteStore *store,
              const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A digest of everything the generator writes, row by row, column by column */
static char *
digest_data (PiloteStore *store)
{
  static const char *const tables[] = {
    "team", "member", "segment", "competitor", "product", "client", "contact", "deal",
    "deal_line", "stage_change", "activity", "objective", "action", "spend", "swot_item",
    "period_note",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_checksum_update (checksum, (const guchar *) tables[t], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, (const guchar *) (text != NULL ? text : "\x01"), -1);
            g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_options_init (void)
{
  PiloteDemoOptions options;

  memset (&options, 0xff, sizeof options);
  pilote_demo_options_init (&options);
  g_assert_cmpuint (options.n_clients, ==, 800);
  g_assert_cmpuint (options.n_deals, ==, 6000);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_null (options.today);
}

static void
test_company (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PiloteStore) store = generate (fixture, "company.pilote", 7);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client"), ==, N_CLIENTS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal"), ==, N_DEALS);

  g_assert_true (pilote_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  /* the settings, and the store's copy of them */
  company = pilote_store_get_setting (store, "company_name");
  g_assert_cmpstr (company, ==, "Atelier Moreau");
  g_assert_cmpstr (pilote_store_get_currency (store), ==, "EUR");

  /* three teams, each in its own office with its manager; one director, one marketer */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM team"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT office) FROM member"
                                     " WHERE team_id IS NOT NULL"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM team t JOIN member m"
                                     " ON m.id = t.manager_id AND m.team_id = t.id"
                                     " AND m.role = 'manager'"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM member WHERE role = 'director'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM member WHERE role = 'marketing'"), ==,
                   1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM member WHERE role = 'rep'"), >=, 10);
  g_assert_cmpint (query_int (store, "SELECT min(n) FROM (SELECT count(*) AS n FROM member"
                                     " WHERE role = 'rep' GROUP BY team_id)"), >=, 3);

  /* reference lists, and products sold at a margin of 25 to 60 % */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM segment"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM competitor"), >=, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM product"), >=, 8);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM product"), <=, 12);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM product WHERE category IS NULL"
                                     " OR subcategory IS NULL OR unit_price <= 0"
                                     " OR (unit_price - unit_cost) * 100 < 25 * unit_price"
                                     " OR (unit_price - unit_cost) * 100 > 60 * unit_price"),
                   ==, 0);

  /* clients with all they need, with unique names, some abroad */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT name) FROM client"), ==, N_CLIENTS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client WHERE segment_id IS NULL"
                                     " OR sector IS NULL OR region IS NULL OR country IS NULL"
                                     " OR city IS NULL OR channel_id IS NULL OR owner_id IS NULL"
                                     " OR name_key IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client WHERE country = 'France'"), >,
                   N_CLIENTS * 8 / 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client WHERE kind = 'client'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client WHERE kind = 'prospect'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contact"), >=, N_CLIENTS);

  /* some clients buy again and again */
  g_assert_cmpint (query_int (store, "SELECT max(n) FROM (SELECT count(*) AS n FROM deal"
                                     " GROUP BY client_id)"), >=, 20);
}

static void
test_deals (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PiloteStore) store = generate (fixture, "deals.pilote", 3);
  gint64 won, lost, open, december, august;
  double win_rate;

  /* every deal is owned by a rep of a team, and has one to three lines */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal d LEFT JOIN member m"
                                     " ON m.id = d.owner_id WHERE m.id IS NULL"
                                     " OR m.role <> 'rep' OR m.team_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal d WHERE (SELECT count(*)"
                                     " FROM deal_line l WHERE l.deal_id = d.id)"
                                     " NOT BETWEEN 1 AND 3"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal_line WHERE discount > 0.15"), ==,
                   0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal_line WHERE discount > 0"), >, 0);

  /* three years up to this month, nothing after today */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT substr (created_on, 1, 7)) FROM deal"),
                   ==, 36);
  g_assert_cmpint (query_int (store, "SELECT min(created_on) >= '2023-12-01'"
                                     " AND min(created_on) < '2024-01-01' FROM deal"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT max(created_on) >= '2026-11-01'"
                                     " AND max(created_on) <= '" TODAY "' FROM deal"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE closed_on > '" TODAY "'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stage_change"
                                     " WHERE substr (changed_at, 1, 10) > '" TODAY "'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activity"
                                     " WHERE substr (done_at, 1, 10) > '" TODAY "'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client"
                                     " WHERE substr (created_at, 1, 10) > '" TODAY "'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM spend WHERE month > '" TODAY "'"),
                   ==, 0);

  /* open, won and lost in plausible proportions */
  won = query_int (store, "SELECT count(*) FROM deal WHERE status = 'won'");
  lost = query_int (store, "SELECT count(*) FROM deal WHERE status = 'lost'");
  open = query_int (store, "SELECT count(*) FROM deal WHERE status = 'open'");
  g_assert_cmpint (won + lost + open, ==, N_DEALS);
  g_assert_cmpint (open, >, N_DEALS / 50);
  g_assert_cmpint (open, <, N_DEALS / 5);
  win_rate = (double) won / (double) (won + lost);
  g_assert_cmpfloat (win_rate, >=, 0.45);
  g_assert_cmpfloat (win_rate, <=, 0.75);

  /* old deals are closed; open ones expect to close in the coming months */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE status = 'open'"
                                     " AND created_on < date ('" TODAY "', '-5 months')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE status = 'open'"
                                     " AND (expected_close_on <= '" TODAY "'"
                                     " OR expected_close_on > date ('" TODAY "', '+4 months'))"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE status = 'won'"
                                     " AND julianday (closed_on) - julianday (created_on)"
                                     " NOT BETWEEN 18 AND 125"), ==, 0);
  g_assert_cmpfloat (query_double (store, "SELECT avg (probability IS NULL) FROM deal"), >, 0.9);

  /* lost reasons on lost deals only, and on all of them */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE (status = 'lost')"
                                     " <> (lost_reason_id IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE competitor_id IS NOT NULL"),
                   >, 0);

  /* more is won in December than in August */
  december = query_int (store, "SELECT count(*) FROM deal WHERE status = 'won'"
                               " AND substr (closed_on, 6, 2) = '12'");
  august = query_int (store, "SELECT count(*) FROM deal WHERE status = 'won'"
                             " AND substr (closed_on, 6, 2) = '08'");
  g_assert_cmpint (december, >, august * 3 / 2);

  /* business grows: more deals created in the last twelve months than the twelve before */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal WHERE created_on >= '2025-11-01'"),
                   >, query_int (store, "SELECT count(*) FROM deal"
                                        " WHERE created_on BETWEEN '2024-11-01' AND '2025-10-31'"));
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PiloteStore) store = generate (fixture, "history.pilote", 11);

  /* every deal starts as a lead on the day it was created */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal d WHERE NOT EXISTS (SELECT 1"
                                     " FROM stage_change c JOIN stage s ON s.id = c.to_stage_id"
                                     " WHERE c.deal_id = d.id AND c.from_stage_id IS NULL"
                                     " AND s.name = 'Lead'"
                                     " AND substr (c.changed_at, 1, 10) = d.created_on)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stage_change"
                                     " WHERE from_stage_id IS NULL"), ==, N_DEALS);

  /* each change starts where the one before ended, later than it */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT from_stage_id, changed_at,"
                                     " lag (to_stage_id) OVER w AS previous_stage,"
                                     " lag (changed_at) OVER w AS previous_at FROM stage_change"
                                     " WINDOW w AS (PARTITION BY deal_id ORDER BY id))"
                                     " WHERE previous_at IS NOT NULL"
                                     " AND (changed_at <= previous_at"
                                     " OR from_stage_id IS NOT previous_stage)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stage_change"
                                     " WHERE changed_at NOT GLOB"
                                     " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:"
                                     "[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'"), ==, 0);

  /* and the last one leads to the deal's stage, on its closing day when closed */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal d JOIN stage_change c"
                                     " ON c.id = (SELECT max (id) FROM stage_change"
                                     "   WHERE deal_id = d.id)"
                                     " WHERE c.to_stage_id <> d.stage_id"
                                     " OR (d.closed_on IS NOT NULL"
                                     "   AND substr (c.changed_at, 1, 10) <> d.closed_on)"), ==, 0);

  /* won deals went through the proposal; some lost deals dropped out early */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal d WHERE d.status = 'won'"
                                     " AND NOT EXISTS (SELECT 1 FROM stage_change c"
                                     " JOIN stage s ON s.id = c.to_stage_id"
                                     " WHERE c.deal_id = d.id AND s.name = 'Proposal')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal d WHERE d.status = 'lost'"
                                     " AND (SELECT count(*) FROM stage_change c"
                                     "   WHERE c.deal_id = d.id) = 2"), >, 0);

  /* activities: done ones in the past, open ones overdue or due in the next two weeks */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activity WHERE done_at IS NOT NULL"),
                   >=, N_DEALS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activity WHERE done_at IS NULL"
                                     " AND due_at < '" TODAY "'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activity WHERE done_at IS NULL"
                                     " AND due_at > '" TODAY "'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activity WHERE done_at IS NULL"
                                     " AND due_at > date ('" TODAY "', '+15 days')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM activity"), ==, 5);
}

static void
test_objectives (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PiloteStore) store = generate (fixture, "objectives.pilote", 5);
  gint64 n_reps = query_int (store, "SELECT count(*) FROM member WHERE role = 'rep'");
  gint64 spend, acquired;

  /* a revenue target per rep and month, from the history to this December */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective WHERE metric = 'revenue'"
                                     " AND period_kind = 'month' AND scope = 'member'"),
                   ==, n_reps * 37);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective o JOIN member m"
                                     " ON m.id = o.scope_id WHERE o.metric = 'revenue'"
                                     " AND o.scope = 'member' AND m.role <> 'rep'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT max (period_start) = '2026-12-01'"
                                     " AND min (period_start) = '2023-12-01' FROM objective"
                                     " WHERE metric = 'revenue'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective WHERE metric = 'revenue'"
                                     " AND (target <= 0 OR substr (period_start, 9) <> '01')"), ==,
                   0);

  /* team and company targets add up the reps' */
  g_assert_cmpint (query_int (store, "SELECT sum (target) FROM objective WHERE metric = 'revenue'"
                                     " AND period_kind = 'month' AND scope = 'member'"),
                   ==, query_int (store, "SELECT sum (target) FROM objective"
                                         " WHERE metric = 'revenue' AND period_kind = 'month'"
                                         " AND scope = 'company'"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective WHERE metric = 'revenue'"
                                     " AND period_kind = 'year' AND scope = 'company'"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective WHERE metric = 'revenue'"
                                     " AND period_kind = 'month' AND scope = 'team'"), ==, 3 * 37);

  /* targets close to what the year brings: attainment from 75 to 125 % */
  g_assert_cmpfloat (query_double (store, "SELECT (SELECT sum (amount) FROM deal"
                                          "   WHERE status = 'won' AND closed_on >= '2025-01-01'"
                                          "   AND closed_on < '2026-01-01') * 1.0 / target"
                                          " FROM objective WHERE metric = 'revenue'"
                                          " AND period_kind = 'year' AND scope = 'company'"
                                          " AND period_start = '2025-01-01'"), >, 0.75);
  g_assert_cmpfloat (query_double (store, "SELECT (SELECT sum (amount) FROM deal"
                                          "   WHERE status = 'won' AND closed_on >= '2025-01-01'"
                                          "   AND closed_on < '2026-01-01') * 1.0 / target"
                                          " FROM objective WHERE metric = 'revenue'"
                                          " AND period_kind = 'year' AND scope = 'company'"
                                          " AND period_start = '2025-01-01'"), <, 1.25);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective"
                                     " WHERE metric = 'new-clients'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective WHERE metric = 'meetings'"),
                   >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM objective WHERE metric = 'qualitative'"
                                     " AND target IS NULL AND description IS NOT NULL"), >=, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM action"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT quadrant) FROM swot_item"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM period_note WHERE kind = 'comment'"
                                     " AND period_kind = 'month' AND period_start = '2026-10-01'"),
                   ==, 1);

  /* spend for every channel and month; acquiring a client costs hundreds of euros, or
   * a few thousands */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT DISTINCT month, channel_id"
                                     " FROM spend)"), ==, 36 * 5);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM spend"), ==, 2);
  spend = query_int (store, "SELECT sum (amount) FROM spend WHERE month >= '2025-11-01'");
  acquired = query_int (store, "SELECT count(*) FROM client WHERE acquired_on >= '2025-11-01'");
  g_assert_cmpint (acquired, >, 0);
  g_assert_cmpint (spend / acquired, >, 100 * 100);
  g_assert_cmpint (spend / acquired, <, 5000 * 100);
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PiloteStore) first = generate (fixture, "first.pilote", 42);
  g_autoptr(PiloteStore) second = generate (fixture, "second.pilote", 42);
  g_autoptr(PiloteStore) other = generate (fixture, "other.pilote", 43);
  g_autofree char *first_digest = digest_data (first);
  g_autofree char *second_digest = digest_data (second);
  g_autofree char *other_digest = digest_data (other);

  g_assert_cmpstr (first_digest, ==, second_digest);
  g_assert_cmpstr (first_digest, !=, other_digest);
  g_assert_cmpint (query_int (first, "SELECT sum (amount) FROM deal"), !=,
                   query_int (other, "SELECT sum (amount) FROM deal"));

  /* the connection is as it was */
  g_assert_cmpint (query_int (first, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (first, "SELECT journal_mode = 'wal'"
                                     " FROM pragma_journal_mode"), ==, 1);
}

static void
test_refuses_used_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PiloteStore) store = create_store (fixture, "used.pilote");
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *company = NULL;
  PiloteDemoOptions options;

  client->name = g_strdup ("Boulangerie du coin");
  g_assert_true (pilote_store_insert (store, client, &error));
  g_assert_no_error (error);
  before = digest_data (store);

  pilote_demo_options_init (&options);
  options.n_clients = 20;
  options.n_deals = 100;
  options.today = &fixture->today;
  g_assert_false (pilote_demo_generate (store, &options, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);

  after = digest_data (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM member"), ==, 0);
  company = pilote_store_get_setting (store, "company_name");
  g_assert_cmpstr (company, ==, "");
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==,
                   1);
}

/* someone else has the file open: the generation works all the same */
static void
test_shared_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PiloteStore) store = create_store (fixture, "shared.pilote");
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;

  other = pilote_store_open (pilote_store_get_path (store), PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM client"), ==, 0);

  pilote_demo_options_init (&options);
  options.n_clients = 30;
  options.n_deals = 300;
  options.today = &fixture->today;
  g_assert_true (pilote_demo_generate (store, &options, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (other, "SELECT count(*) FROM deal"), ==, 300);
  g_assert_cmpint (query_int (store, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==,
                   1);
  g_assert_cmpint (query_int (other, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==,
                   1);
}

static void
test_no_deals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PiloteStore) store = create_store (fixture, "empty.pilote");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  PiloteDemoOptions options;

  pilote_demo_options_init (&options);
  options.n_clients = 5;
  options.n_deals = 0;
  options.today = &fixture->today;
  g_assert_true (pilote_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM client WHERE kind = 'prospect'"), ==, 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM deal"), ==, 0);
  g_assert_true (pilote_store_check (store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  /* deals without clients are refused */
  g_clear_object (&store);
  store = create_store (fixture, "refused.pilote");
  options.n_clients = 0;
  options.n_deals = 10;
  g_assert_false (pilote_demo_generate (store, &options, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/options-init", test_options_init);
  g_test_add ("/demo/company", Fixture, NULL, fixture_set_up, test_company, fixture_tear_down);
  g_test_add ("/demo/deals", Fixture, NULL, fixture_set_up, test_deals, fixture_tear_down);
  g_test_add ("/demo/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/demo/objectives", Fixture, NULL, fixture_set_up, test_objectives,
              fixture_tear_down);
  g_test_add ("/demo/deterministic", Fixture, NULL, fixture_set_up, test_deterministic,
              fixture_tear_down);
  g_test_add ("/demo/refuses-used-file", Fixture, NULL, fixture_set_up, test_refuses_used_file,
              fixture_tear_down);
  g_test_add ("/demo/shared-file", Fixture, NULL, fixture_set_up, test_shared_file,
              fixture_tear_down);
  g_test_add ("/demo/no-deals", Fixture, NULL, fixture_set_up, test_no_deals, fixture_tear_down);

  return g_test_run ();
}
