/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pilote-demo.h"
#include "pilote-kpi.h"
#include "pilote-kpi-private.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * The monthly summaries of closed deals (schema version 9). Whatever the
 * writes, the figures read from the summaries are those computed from the
 * deals one by one, to the cent, and the summaries kept in step by the
 * triggers are those computed again from scratch.
 */

typedef struct {
  char        *dir;
  char        *path;
  PiloteStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pilote_test_demo_store_new ("pilote-kpi-summary-XXXXXX", 150, 1500, 0,
                                         &f->dir, &f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static PilotePeriod
months (int year,
        int month,
        int n)
{
  PilotePeriod period;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, month, year);
  to = from;
  g_date_add_months (&to, n);
  pilote_period_init_custom (&period, &from, &to);
  return period;
}

static void
assert_same_figures (const PiloteKpiFigures *raw,
                     const PiloteKpiFigures *summed,
                     const char             *what)
{
  g_test_message ("%s", what);
  g_assert_cmpint (summed->revenue, ==, raw->revenue);
  g_assert_cmpint (summed->cost, ==, raw->cost);
  g_assert_cmpint (summed->gross_margin, ==, raw->gross_margin);
  g_assert_cmpint (summed->deals_won, ==, raw->deals_won);
  g_assert_cmpint (summed->deals_lost, ==, raw->deals_lost);
  g_assert_cmpint (summed->avg_deal_size, ==, raw->avg_deal_size);
  g_assert_cmpint (summed->new_clients, ==, raw->new_clients);
  g_assert_cmpint (summed->spend, ==, raw->spend);
  g_assert_cmpint (summed->cac, ==, raw->cac);
  g_assert_cmpint (summed->open_deals, ==, raw->open_deals);
  g_assert_cmpint (summed->open_pipeline, ==, raw->open_pipeline);
  g_assert_cmpint (summed->weighted_pipeline, ==, raw->weighted_pipeline);
  g_assert_true (isnan (summed->win_rate) == isnan (raw->win_rate));
  if (!isnan (raw->win_rate))
    g_assert_cmpfloat_with_epsilon (summed->win_rate, raw->win_rate, 1e-12);
  g_assert_true (isnan (summed->sales_cycle_days) == isnan (raw->sales_cycle_days));
  if (!isnan (raw->sales_cycle_days))
    g_assert_cmpfloat_with_epsilon (summed->sales_cycle_days, raw->sales_cycle_days, 1e-9);
  /* what the summaries leave out */
  g_assert_cmpint (summed->clients_won, ==, -1);
  g_assert_cmpint (summed->avg_revenue_per_client, ==, PILOTE_MONEY_NONE);
}

/* The same computation, from the deals and from the summaries */
static void
assert_same (PiloteStore           *store,
             const PilotePeriod    *period,
             const PiloteKpiFilter *filter,
             PiloteDimension        by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) raw = NULL;
  g_autoptr(PiloteKpiReport) summed = NULL;
  g_autofree char *what = pilote_period_describe (period);

  raw = pilote_kpi_compute (store, period, filter, by, PILOTE_KPI_COMPARE, &error);
  g_assert_no_error (error);
  summed = pilote_kpi_compute (store, period, filter, by,
                               PILOTE_KPI_COMPARE | PILOTE_KPI_NO_CLIENT_COUNTS, &error);
  g_assert_no_error (error);

  assert_same_figures (&raw->totals, &summed->totals, what);
  assert_same_figures (&raw->previous, &summed->previous, what);
  assert_same_figures (&raw->year_before, &summed->year_before, what);
  g_assert_cmpuint (summed->rows->len, ==, raw->rows->len);
  for (guint i = 0; i < raw->rows->len; i++)
    {
      const PiloteKpiRow *a = g_ptr_array_index (raw->rows, i);
      const PiloteKpiRow *b = g_ptr_array_index (summed->rows, i);

      g_assert_cmpstr (b->key, ==, a->key);
      assert_same_figures (&a->figures, &b->figures, a->key != NULL ? a->key : "(none)");
    }
}

static const PiloteDimension all_dimensions[] = {
  PILOTE_DIMENSION_NONE, PILOTE_DIMENSION_MONTH, PILOTE_DIMENSION_QUARTER,
  PILOTE_DIMENSION_YEAR, PILOTE_DIMENSION_TEAM, PILOTE_DIMENSION_OFFICE,
  PILOTE_DIMENSION_MEMBER, PILOTE_DIMENSION_SEGMENT, PILOTE_DIMENSION_SECTOR,
  PILOTE_DIMENSION_REGION, PILOTE_DIMENSION_COUNTRY, PILOTE_DIMENSION_PRODUCT,
  PILOTE_DIMENSION_CATEGORY, PILOTE_DIMENSION_CHANNEL, PILOTE_DIMENSION_CLIENT,
};

/* a value of a dimension found in the file, for filters */
static char *
some_value (PiloteStore     *store,
            PiloteDimension  dimension)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  PilotePeriod period = months (2024, 1, 36);

  report = pilote_kpi_compute (store, &period, NULL, dimension, PILOTE_KPI_ROWS_ONLY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      if (row->key != NULL && row->figures.deals_won > 0)
        return g_strdup (row->key);
    }
  g_assert_not_reached ();
}

static void
assert_all_the_same (PiloteStore *store)
{
  PilotePeriod periods[] = {
    months (2026, 10, 1), months (2026, 1, 3), months (2025, 7, 12), months (2024, 1, 36),
  };
  const PiloteDimension filters[] = {
    PILOTE_DIMENSION_TEAM, PILOTE_DIMENSION_MEMBER, PILOTE_DIMENSION_SEGMENT,
    PILOTE_DIMENSION_REGION, PILOTE_DIMENSION_CATEGORY, PILOTE_DIMENSION_CHANNEL,
    PILOTE_DIMENSION_PRODUCT, PILOTE_DIMENSION_OFFICE, PILOTE_DIMENSION_SECTOR,
  };

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint d = 0; d < G_N_ELEMENTS (all_dimensions); d++)
      assert_same (store, &periods[p], NULL, all_dimensions[d]);

  /* one filter, with each breakdown (two dimensions of the summaries'
   * own are read from the deals) */
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
      g_autofree char *value = some_value (store, filters[i]);

      pilote_kpi_filter_add (filter, filters[i], value);
      for (guint d = 0; d < G_N_ELEMENTS (all_dimensions); d++)
        assert_same (store, &periods[1], filter, all_dimensions[d]);
    }

  /* a rep and a segment, as the dashboard's filters give them */
  {
    g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
    g_autofree char *member = some_value (store, PILOTE_DIMENSION_MEMBER);
    g_autofree char *segment = some_value (store, PILOTE_DIMENSION_SEGMENT);

    pilote_kpi_filter_add (filter, PILOTE_DIMENSION_MEMBER, member);
    pilote_kpi_filter_add (filter, PILOTE_DIMENSION_SEGMENT, segment);
    assert_same (store, &periods[0], filter, PILOTE_DIMENSION_NONE);
    assert_same (store, &periods[2], filter, PILOTE_DIMENSION_MONTH);
    assert_same (store, &periods[2], filter, PILOTE_DIMENSION_SEGMENT);
  }
}

/* The summaries as text, rows without deals left out */
static char *
dump_summaries (PiloteStore *store)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store,
                                                     "SELECT dim, month, owner_id, quote (key),"
                                                     " revenue, cost, won, lost, cycle_days,"
                                                     " cycle_count, segment_id, quote (key2)"
                                                     " FROM kpi_month"
                                                     " WHERE won <> 0 OR lost <> 0"
                                                     " ORDER BY dim, month, owner_id,"
                                                     " segment_id, 4, 12", NULL);
  g_autoptr(PiloteStmt) clients = pilote_store_prepare (store,
                                                        "SELECT client_id, month, won, revenue,"
                                                        " margin, last_on, next_month"
                                                        " FROM client_month"
                                                        " ORDER BY client_id, month", NULL);
  g_autoptr(PiloteStmt) activities = pilote_store_prepare (store,
                                                           "SELECT month, owner_id, kind, n"
                                                           " FROM activity_month WHERE n <> 0"
                                                           " ORDER BY month, owner_id, kind",
                                                           NULL);
  /* the deals by category, and the categories of the stage changes
   * (schema version 17) */
  g_autoptr(PiloteStmt) categories = pilote_store_prepare (store,
                                                           "SELECT lower (category), id, status,"
                                                           " stage_id, owner_id, client_id,"
                                                           " created_on, closed_on,"
                                                           " expected_close_on, probability,"
                                                           " forecast_category, lost_reason_id,"
                                                           " competitor_id, deleted_at, amount,"
                                                           " cost FROM deal_category"
                                                           " ORDER BY 1, id", NULL);
  g_autoptr(PiloteStmt) changes = pilote_store_prepare (store,
                                                        "SELECT id, quote (categories)"
                                                        " FROM stage_change ORDER BY id", NULL);
  GString *s = g_string_new (NULL);

  g_assert_nonnull (categories);
  while (sqlite3_step (categories) == SQLITE_ROW)
    {
      for (int i = 0; i < 16; i++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (categories, i));
      g_string_append_c (s, '\n');
    }
  g_assert_nonnull (changes);
  g_string_append (s, "--\n");
  while (sqlite3_step (changes) == SQLITE_ROW)
    g_string_append_printf (s, "%s|%s\n", (const char *) sqlite3_column_text (changes, 0),
                            (const char *) sqlite3_column_text (changes, 1));
  g_string_append (s, "--\n");

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 12; i++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (s, '\n');
    }
  /* the won deals by client and month (schema version 11) */
  g_assert_nonnull (clients);
  g_string_append (s, "--\n");
  while (sqlite3_step (clients) == SQLITE_ROW)
    {
      for (int i = 0; i < 7; i++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (clients, i));
      g_string_append_c (s, '\n');
    }
  /* the activities done by month, owner and kind (schema version 12) */
  g_assert_nonnull (activities);
  g_string_append (s, "--\n");
  while (sqlite3_step (activities) == SQLITE_ROW)
    {
      for (int i = 0; i < 4; i++)
        g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (activities, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static gint64 assert_clients_over_years (PiloteStore *store);

static void
assert_in_step (PiloteStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = dump_summaries (store);
  g_autofree char *rebuilt = NULL;

  g_assert_true (pilote_kpi_summary_ready (store));
  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_kpi_summary_rebuild (store, &error));
  g_assert_no_error (error);
  rebuilt = dump_summaries (store);
  pilote_store_rollback (store);
  g_assert_cmpuint (strlen (kept), >, 100);
  g_assert_cmpstr (kept, ==, rebuilt);
}

static void
exec (PiloteStore *store,
      const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pilote_store_begin_write (store, &error));
  g_assert_true (pilote_store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_assert_true (pilote_store_commit (store, &error));
}

static void
test_generated (Fixture       *f,
                gconstpointer  data)
{
  /* the demo writes its deals with the summaries suspended, then sums them */
  assert_in_step (f->store);
  assert_all_the_same (f->store);
}

static void
test_writes (Fixture       *f,
             gconstpointer  data)
{
  /* every kind of write that moves a closed deal's figures */
  exec (f->store, "UPDATE deal SET amount = amount + 12345 WHERE id IN"
                  " (SELECT id FROM deal WHERE status = 'won' AND id NOT IN"
                  "  (SELECT deal_id FROM deal_line) LIMIT 20)");
  exec (f->store, "UPDATE deal SET status = 'lost', closed_on = '2026-10-03',"
                  " stage_id = (SELECT id FROM stage WHERE kind = 'lost' LIMIT 1)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 15)");
  exec (f->store, "UPDATE deal SET status = 'won', closed_on = '2026-10-20',"
                  " stage_id = (SELECT id FROM stage WHERE kind = 'won' LIMIT 1)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'open' LIMIT 15)");
  exec (f->store, "UPDATE deal SET owner_id = (SELECT max (id) FROM member),"
                  " channel_id = (SELECT min (id) FROM channel)"
                  " WHERE id IN (SELECT id FROM deal WHERE status <> 'open' LIMIT 30 OFFSET 40)");
  exec (f->store, "UPDATE deal SET closed_on = date (closed_on, '-2 months')"
                  " WHERE id IN (SELECT id FROM deal WHERE status <> 'open' LIMIT 30 OFFSET 90)");
  exec (f->store, "UPDATE deal SET deleted_at = '2026-11-01T00:00:00.000Z'"
                  " WHERE id IN (SELECT id FROM deal WHERE status <> 'open' LIMIT 10 OFFSET 200)");
  exec (f->store, "UPDATE deal SET client_id = (SELECT max (id) FROM client)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 10 OFFSET 300)");
  /* lines: added, re-priced, moved to another product, deleted */
  exec (f->store, "INSERT INTO deal_line (deal_id, product_id, quantity, unit_price, unit_cost)"
                  " SELECT id, (SELECT min (id) FROM product), 2, 5000, 1000 FROM deal"
                  " WHERE status = 'won' LIMIT 25 OFFSET 400");
  exec (f->store, "UPDATE deal_line SET quantity = quantity + 1 WHERE id IN"
                  " (SELECT id FROM deal_line LIMIT 40 OFFSET 100)");
  exec (f->store, "UPDATE deal_line SET product_id = (SELECT max (id) FROM product) WHERE id IN"
                  " (SELECT id FROM deal_line LIMIT 40 OFFSET 300)");
  exec (f->store, "UPDATE deal_line SET deleted_at = '2026-11-01T00:00:00.000Z' WHERE id IN"
                  " (SELECT id FROM deal_line LIMIT 40 OFFSET 500)");
  exec (f->store, "DELETE FROM deal_line WHERE id IN (SELECT id FROM deal_line LIMIT 5 OFFSET 700)");
  /* clients and products change their dimensions */
  exec (f->store, "UPDATE client SET segment_id = (SELECT max (id) FROM segment), region = 'Nord',"
                  " sector = NULL, channel_id = (SELECT min (id) FROM channel)"
                  " WHERE id IN (SELECT id FROM client LIMIT 12)");
  exec (f->store, "UPDATE product SET category = 'Consulting'"
                  " WHERE id = (SELECT min (id) FROM product)");
  /* a deal deleted for good */
  exec (f->store, "DELETE FROM stage_change WHERE deal_id = (SELECT max (id) FROM deal"
                  "  WHERE status = 'lost' AND id NOT IN (SELECT deal_id FROM deal_line)"
                  "  AND id NOT IN (SELECT deal_id FROM activity WHERE deal_id IS NOT NULL));"
                  "DELETE FROM deal WHERE id = (SELECT max (id) FROM deal"
                  "  WHERE status = 'lost' AND id NOT IN (SELECT deal_id FROM deal_line)"
                  "  AND id NOT IN (SELECT deal_id FROM activity WHERE deal_id IS NOT NULL)"
                  "  AND id NOT IN (SELECT deal_id FROM stage_change))");

  /* and those of the won deals by client and month */
  exec (f->store, "UPDATE deal SET client_id = NULL"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 5 OFFSET 500);"
                  "UPDATE deal SET client_id = (SELECT min (id) FROM client)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' AND client_id IS NULL"
                  "  LIMIT 3);"
                  "UPDATE deal SET cost = cost + 700"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 5 OFFSET 600);"
                  "UPDATE deal SET deleted_at = NULL WHERE deleted_at IS NOT NULL"
                  " AND id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 2 OFFSET 200)");

  /* and those of the activities done by month: done, undone, moved to
   * another month, owner or kind, deleted, added */
  exec (f->store, "UPDATE activity SET done_at = '2026-10-05T09:30:00.000Z'"
                  " WHERE id IN (SELECT id FROM activity WHERE done_at IS NULL LIMIT 10);"
                  "UPDATE activity SET done_at = NULL"
                  " WHERE id IN (SELECT id FROM activity WHERE done_at IS NOT NULL LIMIT 7);"
                  "UPDATE activity SET done_at = '2025-03-15T14:00:00.000Z'"
                  " WHERE id IN (SELECT id FROM activity WHERE done_at IS NOT NULL"
                  "  LIMIT 6 OFFSET 20);"
                  "UPDATE activity SET owner_id = (SELECT max (id) FROM member), kind = 'meeting'"
                  " WHERE id IN (SELECT id FROM activity WHERE done_at IS NOT NULL"
                  "  AND kind <> 'meeting' LIMIT 8 OFFSET 30);"
                  "UPDATE activity SET owner_id = NULL"
                  " WHERE id IN (SELECT id FROM activity WHERE done_at IS NOT NULL LIMIT 3 OFFSET 50);"
                  "UPDATE activity SET deleted_at = '2026-11-01T00:00:00.000Z'"
                  " WHERE id IN (SELECT id FROM activity WHERE done_at IS NOT NULL"
                  "  LIMIT 5 OFFSET 60);"
                  "DELETE FROM activity WHERE id IN (SELECT id FROM activity"
                  " WHERE done_at IS NOT NULL LIMIT 4 OFFSET 70);"
                  "INSERT INTO activity (kind, owner_id, done_at, subject)"
                  " VALUES ('call', (SELECT min (id) FROM member), '2026-10-31T23:59:00.000Z',"
                  "  'Relance'), ('meeting', NULL, '2026-11-02T08:00:00.000Z', 'Visite'),"
                  "  ('call', NULL, NULL, 'À faire')");

  assert_in_step (f->store);
  assert_all_the_same (f->store);
  assert_clients_over_years (f->store);
}

static void
test_suspended (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_summaries (f->store);
  g_autoptr(PiloteKpiReport) report = NULL;
  PilotePeriod period = months (2026, 10, 1);

  /* a bulk write: the summaries are out of step until it resumes them,
   * and the engine does not read them meanwhile */
  g_assert_true (pilote_store_begin_write (f->store, &error));
  g_assert_true (pilote_kpi_summary_suspend (f->store, &error));
  g_assert_true (pilote_store_exec (f->store,
                                    "UPDATE deal SET amount = amount * 2 WHERE status = 'won'"
                                    " AND closed_on >= '2026-10-01' AND closed_on < '2026-11-01';"
                                    "UPDATE deal SET closed_on = '2025-03-03'"
                                    " WHERE id IN (SELECT id FROM deal WHERE status = 'lost'"
                                    " AND closed_on >= '2026-09-01' LIMIT 5)", &error));
  g_assert_no_error (error);
  g_assert_false (pilote_kpi_summary_ready (f->store));
  {
    g_autofree char *during = dump_summaries (f->store);

    g_assert_cmpstr (during, ==, before);
  }
  assert_same (f->store, &period, NULL, PILOTE_DIMENSION_MEMBER);
  g_assert_true (pilote_kpi_summary_resume (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (pilote_store_commit (f->store, &error));

  report = pilote_kpi_compute (f->store, &period, NULL, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_NO_CLIENT_COUNTS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->totals.revenue, >, 0);
  assert_in_step (f->store);
  assert_all_the_same (f->store);
  assert_clients_over_years (f->store);
}

static void
test_catch_up (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = dump_summaries (f->store);
  g_autofree char *caught_up = NULL;
  PilotePeriod period = months (2026, 10, 1);

  /* as the upgrade to version 9 leaves a file: nothing summed, every month
   * with closed deals to sum; the first opening for writing sums them */
  exec (f->store, "DELETE FROM kpi_month;"
                  "INSERT INTO kpi_dirty (month) SELECT DISTINCT substr (closed_on, 1, 7)"
                  " FROM deal WHERE status <> 'open'");
  g_assert_false (pilote_kpi_summary_ready (f->store));
  g_clear_object (&f->store);

  f->store = pilote_store_open (f->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (pilote_kpi_summary_ready (f->store));
  /* read only: the figures come from the deals */
  assert_same (f->store, &period, NULL, PILOTE_DIMENSION_MEMBER);
  g_clear_object (&f->store);

  f->store = pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_kpi_summary_ready (f->store));
  caught_up = dump_summaries (f->store);
  g_assert_cmpstr (caught_up, ==, kept);
}

/* A reference statement, its ?1 and ?2 bound to the bounds of @period */
static PiloteStmt *
prepare_reference (PiloteStore        *store,
                   const char         *sql,
                   const PilotePeriod *period)
{
  g_autoptr(GError) error = NULL;
  PiloteStmt *stmt = pilote_store_prepare (store, sql, &error);
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

  g_assert_no_error (error);
  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* The funnel as one SQL statement (its first definition, kept here as the
 * reference the engine's faster computation must agree with), without
 * filters */
static const char reference_funnel_sql[] =
  "WITH e AS (SELECT DISTINCT sc.id AS id, sc.deal_id AS deal_id,"
  "   sc.to_stage_id AS to_stage_id, sc.changed_at AS changed_at,"
  "   (SELECT min (n.changed_at) FROM stage_change n WHERE n.deal_id = sc.deal_id"
  "     AND (n.changed_at > sc.changed_at OR (n.changed_at = sc.changed_at AND n.id > sc.id)))"
  "     AS left_at"
  "   FROM stage_change sc JOIN deal d ON d.id = sc.deal_id"
  "   WHERE d.deleted_at IS NULL AND sc.changed_at >= ?1 AND sc.changed_at < ?2),"
  " med AS (SELECT to_stage_id, avg (days) AS median FROM"
  "   (SELECT to_stage_id, days,"
  "     row_number () OVER (PARTITION BY to_stage_id ORDER BY days) AS n,"
  "     count (*) OVER (PARTITION BY to_stage_id) AS total FROM"
  "     (SELECT to_stage_id, julianday (left_at) - julianday (changed_at) AS days"
  "       FROM e WHERE left_at IS NOT NULL))"
  "   WHERE n IN ((total + 1) / 2, (total + 2) / 2) GROUP BY to_stage_id)"
  " SELECT st.id, st.name, count (DISTINCT e.deal_id),"
  "  count (DISTINCT CASE WHEN EXISTS (SELECT 1 FROM stage_change n"
  "    JOIN stage ns ON ns.id = n.to_stage_id WHERE n.deal_id = e.deal_id"
  "    AND n.changed_at >= e.changed_at AND n.id <> e.id AND ns.kind <> 'lost'"
  "    AND ns.position > st.position) THEN e.deal_id END),"
  "  med.median"
  " FROM stage st LEFT JOIN e ON e.to_stage_id = st.id"
  " LEFT JOIN med ON med.to_stage_id = st.id"
  " WHERE st.deleted_at IS NULL AND st.kind <> 'lost'"
  " GROUP BY st.id ORDER BY st.position, st.id";

static void
assert_funnel (PiloteStore        *store,
               const PilotePeriod *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) funnel = pilote_kpi_funnel (store, period, NULL, &error);
  g_autoptr(PiloteStmt) stmt = prepare_reference (store, reference_funnel_sql, period);
  guint i = 0;

  g_assert_no_error (error);
  g_assert_nonnull (funnel);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const PiloteFunnelStage *stage;

      g_assert_cmpuint (i, <, funnel->len);
      stage = g_ptr_array_index (funnel, i++);
      g_assert_cmpint (stage->stage_id, ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (stage->entered, ==, sqlite3_column_int64 (stmt, 2));
      g_assert_cmpint (stage->advanced, ==, sqlite3_column_int64 (stmt, 3));
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        g_assert_true (isnan (stage->median_days));
      else
        g_assert_cmpfloat_with_epsilon (stage->median_days, sqlite3_column_double (stmt, 4),
                                        1e-9);
    }
  g_assert_cmpuint (i, ==, funnel->len);
  g_assert_cmpuint (i, >, 2);
}

static gint64
query_id (PiloteStore *store,
          const char  *sql)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (PiloteStore *store,
            const char  *sql)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
assert_funnel_entries (PiloteStore           *store,
                       const PilotePeriod    *period,
                       const PiloteKpiFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) funnel = pilote_kpi_funnel (store, period, filter, &error);
  g_autoptr(GPtrArray) entries = NULL;
  gint64 total = 0;

  g_assert_no_error (error);
  entries = pilote_kpi_funnel_entries (store, period, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, funnel->len);
  for (guint i = 0; i < funnel->len; i++)
    {
      const PiloteFunnelStage *full = g_ptr_array_index (funnel, i);
      const PiloteFunnelStage *entry = g_ptr_array_index (entries, i);

      g_assert_cmpint (entry->stage_id, ==, full->stage_id);
      g_assert_cmpstr (entry->name, ==, full->name);
      g_assert_cmpint (entry->entered, ==, full->entered);
      g_assert_cmpint (entry->advanced, ==, -1);
      total += entry->entered;
    }
  g_assert_cmpint (total, >, 0);
}

/* Filtered by a client's segment, region or sector, the deals are those of
 * the clients that have it: the totals are the breakdown's row of that
 * value, and the funnel's entries those of the reference statement */
static void
test_client_filters (Fixture       *f,
                     gconstpointer  data)
{
  const PiloteDimension dimensions[] = {
    PILOTE_DIMENSION_SEGMENT, PILOTE_DIMENSION_REGION, PILOTE_DIMENSION_SECTOR,
  };
  PilotePeriod period = months (2026, 10, 1);

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
      g_autoptr(PiloteKpiReport) filtered = NULL;
      g_autoptr(PiloteKpiReport) by_value = NULL;
      g_autofree char *value = some_value (f->store, dimensions[i]);
      const PiloteKpiRow *row = NULL;

      pilote_kpi_filter_add (filter, dimensions[i], value);
      filtered = pilote_kpi_compute (f->store, &period, filter, PILOTE_DIMENSION_NONE,
                                     PILOTE_KPI_DEFAULT, &error);
      g_assert_no_error (error);
      by_value = pilote_kpi_compute (f->store, &period, NULL, dimensions[i],
                                     PILOTE_KPI_DEFAULT, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < by_value->rows->len && row == NULL; k++)
        if (g_strcmp0 (((PiloteKpiRow *) g_ptr_array_index (by_value->rows, k))->key, value) == 0)
          row = g_ptr_array_index (by_value->rows, k);
      g_assert_nonnull (row);
      g_test_message ("%s", value);
      g_assert_cmpint (filtered->totals.revenue, ==, row->figures.revenue);
      g_assert_cmpint (filtered->totals.deals_won, ==, row->figures.deals_won);
      g_assert_cmpint (filtered->totals.deals_lost, ==, row->figures.deals_lost);
      g_assert_cmpint (filtered->totals.clients_won, ==, row->figures.clients_won);
      g_assert_cmpint (filtered->totals.open_deals, ==, row->figures.open_deals);
      g_assert_cmpint (filtered->totals.open_pipeline, ==, row->figures.open_pipeline);
      g_assert_cmpint (filtered->totals.weighted_pipeline, ==, row->figures.weighted_pipeline);
      g_assert_cmpint (filtered->totals.open_deals, >, 0);
    }

  /* the funnel's entries of one segment */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
    g_autofree char *segment = some_value (f->store, PILOTE_DIMENSION_SEGMENT);
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(PiloteStmt) stmt = NULL;
    gint64 total = 0;

    pilote_kpi_filter_add (filter, PILOTE_DIMENSION_SEGMENT, segment);
    entries = pilote_kpi_funnel_entries (f->store, &period, filter, &error);
    g_assert_no_error (error);
    stmt = prepare_reference (f->store,
                              "SELECT count (DISTINCT sc.deal_id) FROM stage_change sc"
                              " JOIN deal d ON d.id = sc.deal_id JOIN client c ON c.id = d.client_id"
                              " JOIN segment seg ON seg.id = c.segment_id"
                              " WHERE d.deleted_at IS NULL AND sc.changed_at >= ?1"
                              " AND sc.changed_at < ?2 AND seg.name = ?3 AND sc.to_stage_id = ?4",
                              &period);
    sqlite3_bind_text (stmt, 3, segment, -1, SQLITE_TRANSIENT);
    for (guint k = 0; k < entries->len; k++)
      {
        const PiloteFunnelStage *stage = g_ptr_array_index (entries, k);

        sqlite3_reset (stmt);
        sqlite3_bind_int64 (stmt, 4, stage->stage_id);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (stage->entered, ==, sqlite3_column_int64 (stmt, 0));
        total += stage->entered;
      }
    g_assert_cmpint (total, >, 0);
  }
}

/* The median sales cycle of @period, against the window function it was
 * first computed with over the won deals @deals keeps (?3: @value) */
static void
assert_median_cycle (PiloteStore           *store,
                     const PilotePeriod    *period,
                     const PiloteKpiFilter *filter,
                     const char            *deals,
                     const char            *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT avg (days) FROM (SELECT days,"
                                          " row_number () OVER (ORDER BY days) AS n,"
                                          " count (*) OVER () AS total FROM (SELECT"
                                          " julianday (closed_on) - julianday (created_on)"
                                          " AS days FROM deal WHERE deleted_at IS NULL"
                                          " AND status = 'won' AND closed_on >= ?1"
                                          " AND closed_on < ?2%s))"
                                          " WHERE n IN ((total + 1) / 2, (total + 2) / 2)",
                                          deals);

  report = pilote_kpi_compute (store, period, filter, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_DEFAULT, &error);
  g_assert_no_error (error);
  stmt = prepare_reference (store, sql, period);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
  g_assert_cmpfloat_with_epsilon (report->summary.sales_cycle_median_days,
                                  sqlite3_column_double (stmt, 0), 1e-9);
}

static void
test_median_cycle (Fixture       *f,
                   gconstpointer  data)
{
  PilotePeriod periods[] = {
    months (2026, 10, 1), months (2026, 7, 3), months (2025, 1, 12), months (2024, 1, 36),
  };
  g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
  g_autofree char *product = some_value (f->store, PILOTE_DIMENSION_PRODUCT);

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    assert_median_cycle (f->store, &periods[i], NULL, "", NULL);

  /* of a segment, over whole months from the summaries' rows of that
   * segment (schema version 14), after some clients changed segment */
  exec (f->store, "UPDATE client SET segment_id = (SELECT max (id) FROM segment)"
                  " WHERE id IN (SELECT client_id FROM deal WHERE status = 'won' LIMIT 30)");
  {
    g_autoptr(PiloteKpiFilter) by_segment = pilote_kpi_filter_new ();
    g_autofree char *segment = some_value (f->store, PILOTE_DIMENSION_SEGMENT);

    pilote_kpi_filter_add (by_segment, PILOTE_DIMENSION_SEGMENT, segment);
    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      assert_median_cycle (f->store, &periods[i], by_segment,
                           " AND client_id IN (SELECT c.id FROM client c JOIN segment s"
                           "  ON s.id = c.segment_id WHERE s.name = ?3)", segment);
  }

  /* of a region, a channel, a category, over whole months from the
   * summaries' rows of that dimension with the days (schema version 16),
   * after some clients changed region and channel, a deal its channel and
   * a product its category; each deal once, whatever its lines */
  exec (f->store, "UPDATE client SET region = 'Bretagne', channel_id = (SELECT max (id)"
                  "  FROM channel) WHERE id IN (SELECT client_id FROM deal WHERE status = 'won'"
                  "  LIMIT 25 OFFSET 30);"
                  "UPDATE deal SET channel_id = (SELECT min (id) FROM channel)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 20 OFFSET 60);"
                  "UPDATE product SET category = 'Conseil' WHERE id = (SELECT max (id)"
                  " FROM product);"
                  "INSERT INTO deal_line (deal_id, product_id, quantity, unit_price, unit_cost)"
                  " SELECT d.id, (SELECT max (id) FROM product), 1, 300, 30 FROM deal d"
                  " WHERE d.status = 'won' LIMIT 10 OFFSET 90");
  {
    static const struct {
      PiloteDimension  dimension;
      const char      *deals;
    } dimensions[] = {
      { PILOTE_DIMENSION_REGION,
        " AND client_id IN (SELECT c.id FROM client c WHERE c.region = ?3)" },
      { PILOTE_DIMENSION_CHANNEL,
        " AND (SELECT ch.name FROM channel ch WHERE ch.id = coalesce (deal.channel_id,"
        "  (SELECT c.channel_id FROM client c WHERE c.id = deal.client_id))) = ?3" },
      { PILOTE_DIMENSION_CATEGORY,
        " AND id IN (SELECT l.deal_id FROM deal_line l JOIN product p"
        "  ON p.id = l.product_id WHERE l.deleted_at IS NULL AND p.category = ?3)" },
    };

    for (guint d = 0; d < G_N_ELEMENTS (dimensions); d++)
      {
        g_autoptr(PiloteKpiFilter) one = pilote_kpi_filter_new ();
        g_autofree char *value = some_value (f->store, dimensions[d].dimension);

        pilote_kpi_filter_add (one, dimensions[d].dimension, value);
        for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
          assert_median_cycle (f->store, &periods[i], one, dimensions[d].deals, value);
      }
  }

  /* filtered by a product: each deal once, however many of its lines are
   * of that product (here, a deal with two lines of it) */
  exec (f->store, "INSERT INTO deal_line (deal_id, product_id, quantity, unit_price, unit_cost)"
                  " SELECT deal_id, product_id, 1, 100, 10 FROM deal_line l"
                  " JOIN deal d ON d.id = l.deal_id WHERE d.status = 'won'"
                  " AND l.deleted_at IS NULL LIMIT 40");
  pilote_kpi_filter_add (filter, PILOTE_DIMENSION_PRODUCT, product);
  assert_median_cycle (f->store, &periods[3], filter,
                       " AND id IN (SELECT l.deal_id FROM deal_line l JOIN product p"
                       "  ON p.id = l.product_id WHERE l.deleted_at IS NULL AND p.name = ?3)",
                       product);
}

/* Filtered by a rep, read from the deals of the period (the index by date
 * of closing), the median cycle and the lost deals are the rep's */
static void
test_rep_by_period (Fixture       *f,
                    gconstpointer  data)
{
  PilotePeriod periods[] = { months (2026, 10, 1), months (2025, 1, 12) };
  g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
  g_autofree char *rep = some_value (f->store, PILOTE_DIMENSION_MEMBER);

  pilote_kpi_filter_add (filter, PILOTE_DIMENSION_MEMBER, rep);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PiloteKpiReport) report = NULL;
      g_autoptr(GPtrArray) reasons = NULL;
      g_autoptr(GPtrArray) by_reason = NULL;
      g_autoptr(GPtrArray) by_competitor = NULL;
      g_autoptr(PiloteStmt) stmt = NULL;
      gint64 lost = 0, lost_amount = 0, both = 0;

      assert_median_cycle (f->store, &periods[i], filter,
                           " AND owner_id IN (SELECT id FROM member WHERE name = ?3)", rep);

      report = pilote_kpi_compute (f->store, &periods[i], filter, PILOTE_DIMENSION_NONE,
                                   PILOTE_KPI_DEFAULT, &error);
      g_assert_no_error (error);
      reasons = pilote_kpi_lost (f->store, &periods[i], filter, FALSE, &error);
      g_assert_no_error (error);
      g_assert_true (pilote_kpi_lost_both (f->store, &periods[i], filter, &by_reason,
                                           &by_competitor, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < reasons->len; k++)
        {
          const PiloteLostRow *row = g_ptr_array_index (reasons, k);

          lost += row->deals;
          lost_amount += row->amount;
        }
      for (guint k = 0; k < by_reason->len; k++)
        both += ((const PiloteLostRow *) g_ptr_array_index (by_reason, k))->deals;
      g_assert_cmpint (report->totals.deals_lost, >, 0);
      g_assert_cmpint (lost, ==, report->totals.deals_lost);
      g_assert_cmpint (both, ==, report->totals.deals_lost);
      stmt = prepare_reference (f->store,
                                "SELECT coalesce (sum (amount), 0) FROM deal"
                                " WHERE deleted_at IS NULL AND status = 'lost'"
                                " AND closed_on >= ?1 AND closed_on < ?2"
                                " AND owner_id IN (SELECT id FROM member WHERE name = ?3)",
                                &periods[i]);
      sqlite3_bind_text (stmt, 3, rep, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (lost_amount, ==, sqlite3_column_int64 (stmt, 0));
    }
}

static void
test_funnel (Fixture       *f,
             gconstpointer  data)
{
  PilotePeriod periods[] = {
    months (2026, 10, 1), months (2026, 7, 3), months (2025, 1, 12), months (2024, 1, 36),
  };

  /* a deal deleted, and stage changes at the same moment (a deal moved
   * back and on again within a second) */
  exec (f->store, "UPDATE deal SET deleted_at = '2026-11-01T00:00:00.000Z'"
                  " WHERE id IN (SELECT deal_id FROM stage_change"
                  "  WHERE changed_at >= '2026-10-01' LIMIT 7)");
  exec (f->store, "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id, changed_at)"
                  " SELECT deal_id, to_stage_id, from_stage_id, changed_at FROM stage_change"
                  " WHERE from_stage_id IS NOT NULL AND changed_at >= '2026-10-01' LIMIT 25");
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(PiloteKpiFilter) by_rep = pilote_kpi_filter_new ();

      assert_funnel (f->store, &periods[i]);
      /* the dashboard's entries are the full funnel's, with a filter or not */
      assert_funnel_entries (f->store, &periods[i], NULL);
      pilote_kpi_filter_add_id (by_rep, PILOTE_DIMENSION_MEMBER,
                                query_id (f->store, "SELECT owner_id FROM deal"
                                                    " GROUP BY owner_id ORDER BY count (*) DESC"));
      assert_funnel_entries (f->store, &periods[i], by_rep);
    }

  /* of a region or a channel, from the changes that carry their deal's
   * client and channel (schema version 16): after deals moved to another
   * client or channel, clients to another region or channel, and changes
   * written without their client and channel */
  exec (f->store, "UPDATE deal SET client_id = (SELECT min (id) FROM client)"
                  " WHERE id IN (SELECT deal_id FROM stage_change"
                  "  WHERE changed_at >= '2026-07-01' LIMIT 30 OFFSET 10);"
                  "UPDATE client SET region = 'Bretagne' WHERE id IN (SELECT id FROM client"
                  " LIMIT 20);"
                  "UPDATE deal SET channel_id = NULL WHERE id IN (SELECT deal_id FROM stage_change"
                  "  WHERE changed_at >= '2026-07-01' LIMIT 40 OFFSET 50);"
                  "UPDATE deal SET channel_id = (SELECT max (id) FROM channel)"
                  " WHERE id IN (SELECT deal_id FROM stage_change"
                  "  WHERE changed_at >= '2026-07-01' LIMIT 20 OFFSET 100);"
                  "UPDATE client SET channel_id = (SELECT max (id) FROM channel)"
                  " WHERE id IN (SELECT client_id FROM deal WHERE channel_id IS NULL LIMIT 15);"
                  "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id, changed_at)"
                  " SELECT id, NULL, stage_id, '2026-10-15T10:00:00.000Z' FROM deal"
                  " WHERE deleted_at IS NULL LIMIT 40 OFFSET 100");
  for (guint k = 0; k < 2 * G_N_ELEMENTS (periods); k++)
    {
      const PilotePeriod *period = &periods[k / 2];
      gboolean of_region = k % 2 == 0;
      g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
      g_autofree char *channel = query_text (f->store, "SELECT name FROM channel"
                                                       " WHERE id = (SELECT max (id) FROM channel)");
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(PiloteStmt) stmt = prepare_reference (f->store,
        of_region ? "SELECT count (DISTINCT sc.deal_id) FROM stage_change sc"
                    " JOIN deal d ON d.id = sc.deal_id JOIN client c ON c.id = d.client_id"
                    " WHERE d.deleted_at IS NULL AND c.region = 'Bretagne'"
                    " AND sc.to_stage_id = ?3 AND sc.changed_at >= ?1 AND sc.changed_at < ?2"
                  : "SELECT count (DISTINCT sc.deal_id) FROM stage_change sc"
                    " JOIN deal d ON d.id = sc.deal_id LEFT JOIN client c ON c.id = d.client_id"
                    " WHERE d.deleted_at IS NULL AND sc.to_stage_id = ?3"
                    " AND coalesce (d.channel_id, c.channel_id) = (SELECT max (id) FROM channel)"
                    " AND sc.changed_at >= ?1 AND sc.changed_at < ?2", period);
      gint64 total = 0;

      if (of_region)
        pilote_kpi_filter_add (filter, PILOTE_DIMENSION_REGION, "Bretagne");
      else
        pilote_kpi_filter_add (filter, PILOTE_DIMENSION_CHANNEL, channel);
      entries = pilote_kpi_funnel_entries (f->store, period, filter, &error);
      g_assert_no_error (error);
      for (guint s = 0; s < entries->len; s++)
        {
          const PiloteFunnelStage *entry = g_ptr_array_index (entries, s);

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 3, entry->stage_id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (entry->entered, ==, sqlite3_column_int64 (stmt, 0));
          total += entry->entered;
        }
      g_assert_cmpint (total, >, 0);
      assert_funnel_entries (f->store, period, filter);

      /* and the region's open pipeline, from its clients' ids in memory */
      if (of_region)
        {
          g_autoptr(PiloteKpiReport) report = pilote_kpi_compute (f->store, period, filter,
                                                                  PILOTE_DIMENSION_NONE,
                                                                  PILOTE_KPI_DEFAULT, &error);
          g_autoptr(PiloteStmt) open = prepare_reference (f->store,
            "SELECT count (*), sum (d.amount) FROM deal d JOIN client c ON c.id = d.client_id"
            " WHERE d.deleted_at IS NULL AND d.status = 'open' AND c.region = 'Bretagne'"
            " AND ?1 IS NOT NULL AND ?2 IS NOT NULL", period);

          g_assert_no_error (error);
          g_assert_cmpint (sqlite3_step (open), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int64 (open, 0), >, 0);
          g_assert_cmpint (report->totals.open_deals, ==, sqlite3_column_int64 (open, 0));
          g_assert_cmpint (report->totals.open_pipeline, ==, sqlite3_column_int64 (open, 1));
        }
    }
}

/* The clients of the last two years (active, churned, their list), against
 * the statements they were first computed with; ?1 two years before ?2 */
static const char reference_clients_sql[] =
  "SELECT coalesce (sum (recent > 0), 0), coalesce (sum (recent_margin), 0),"
  " coalesce (sum (earlier > 0), 0), coalesce (sum (earlier > 0 AND recent = 0), 0),"
  " coalesce (sum (CASE WHEN recent = 0 THEN earlier_revenue END), 0)"
  " FROM (SELECT d.client_id,"
  "   sum (d.closed_on >= date (?2, '-1 year')) AS recent,"
  "   sum (d.closed_on < date (?2, '-1 year')) AS earlier,"
  "   sum (CASE WHEN d.closed_on >= date (?2, '-1 year') THEN d.amount - d.cost END)"
  "     AS recent_margin,"
  "   sum (CASE WHEN d.closed_on < date (?2, '-1 year') THEN d.amount END) AS earlier_revenue"
  "   FROM deal d WHERE d.deleted_at IS NULL AND d.status = 'won'"
  "   AND d.client_id IS NOT NULL AND d.closed_on >= ?1 AND d.closed_on < ?2"
  "   GROUP BY d.client_id)";

static const char reference_churn_sql[] =
  "SELECT c.id, c.name, x.last_on, x.earlier_revenue"
  " FROM (SELECT d.client_id, max (d.closed_on) AS last_on,"
  "   sum (d.closed_on >= date (?2, '-1 year')) AS recent,"
  "   coalesce (sum (CASE WHEN d.closed_on < date (?2, '-1 year') THEN d.amount END), 0)"
  "     AS earlier_revenue"
  "   FROM deal d WHERE d.deleted_at IS NULL AND d.status = 'won'"
  "   AND d.client_id IS NOT NULL AND d.closed_on >= ?1 AND d.closed_on < ?2"
  "   GROUP BY d.client_id) x"
  " JOIN client c ON c.id = x.client_id"
  " WHERE c.deleted_at IS NULL AND x.recent = 0"
  " ORDER BY 4 DESC, 2";

/* the figures against the reference statement's row */
static void
assert_years (const PiloteKpiClientYears *years,
              PiloteStmt                 *reference)
{
  g_assert_cmpint (sqlite3_step (reference), ==, SQLITE_ROW);
  g_assert_cmpint (years->active, ==, sqlite3_column_int64 (reference, 0));
  g_assert_cmpint (years->recent_margin, ==, sqlite3_column_int64 (reference, 1));
  g_assert_cmpint (years->active_before, ==, sqlite3_column_int64 (reference, 2));
  g_assert_cmpint (years->churned, ==, sqlite3_column_int64 (reference, 3));
  g_assert_cmpint (years->churned_revenue, ==, sqlite3_column_int64 (reference, 4));
  g_assert_cmpint (years->active, >, 0);
}

/* The clients of the last two years to several dates, against the
 * reference statements: from client_month at the start of a month, from
 * the deals in the middle of one. Returns the clients seen not renewed. */
static gint64
assert_clients_over_years (PiloteStore *store)
{
  const char *ends[] = { "2026-12-01", "2026-11-15", "2026-06-01", "2025-07-01", "2024-03-01" };
  gint64 churned_seen = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) churned = NULL;
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(PiloteStmt) stmt = NULL;
      PiloteKpiClientYears years;
      PilotePeriod window;
      GDate to, from;
      guint n = 0;

      g_test_message ("two years to %s", ends[i]);
      g_assert_true (pilote_date_parse_iso (ends[i], &to));
      from = to;
      g_date_subtract_years (&from, 2);
      pilote_period_init_custom (&window, &from, &to);
      g_assert_true (pilote_kpi_clients_over_years (store, &to, NULL, &years, 0, &churned,
                                                    &error));
      g_assert_no_error (error);

      stmt = prepare_reference (store, reference_clients_sql, &window);
      assert_years (&years, stmt);
      churned_seen += years.churned;
      g_clear_pointer (&stmt, pilote_stmt_release);

      /* the list: every live client that did not renew, in order */
      stmt = prepare_reference (store, reference_churn_sql, &window);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const PiloteChurnedClient *c;

          g_assert_cmpuint (n, <, churned->len);
          c = g_ptr_array_index (churned, n++);
          g_assert_cmpint (c->client_id, ==, sqlite3_column_int64 (stmt, 0));
          g_assert_cmpstr (c->name, ==, (const char *) sqlite3_column_text (stmt, 1));
          g_assert_cmpstr (c->last_won_on, ==, (const char *) sqlite3_column_text (stmt, 2));
          g_assert_cmpint (c->revenue_at_stake, ==, sqlite3_column_int64 (stmt, 3));
        }
      g_assert_cmpuint (n, ==, churned->len);

      /* the first three are the list's first three, ties and all */
      first = pilote_kpi_churn (store, &to, NULL, 3, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (first->len, ==, MIN (3, n));
      for (guint k = 0; k < first->len; k++)
        g_assert_cmpint (((PiloteChurnedClient *) g_ptr_array_index (first, k))->client_id, ==,
                         ((PiloteChurnedClient *) g_ptr_array_index (churned, k))->client_id);
    }
  return churned_seen;
}

static void
test_clients_over_years (Fixture       *f,
                         gconstpointer  data)
{
  /* revenue at stake tied between clients, whose names then decide; and a
   * client deleted */
  exec (f->store, "UPDATE deal SET amount = 1234500 WHERE status = 'won'"
                  " AND closed_on >= '2024-12-01' AND closed_on < '2025-03-01'");
  exec (f->store, "UPDATE client SET deleted_at = '2026-11-01T00:00:00.000Z'"
                  " WHERE id IN (SELECT client_id FROM deal WHERE status = 'won'"
                  "  AND closed_on >= '2024-12-01' AND closed_on < '2025-06-01' LIMIT 3)");
  assert_in_step (f->store);
  g_assert_cmpint (assert_clients_over_years (f->store), >, 3);
}

/* The clients of the last two years of one rep, found from the rep's
 * deals, against the reference statement restricted to them */
/* The clients of two years of @filter to several dates, against the
 * reference statement of the won deals that meet @condition (?3: @value,
 * or @id when @value is NULL) */
static void
assert_years_of (PiloteStore           *store,
                 const PiloteKpiFilter *filter,
                 const char            *condition,
                 const char            *value,
                 gint64                 id)
{
  g_autofree char *sql = NULL;
  g_auto(GStrv) parts = g_strsplit (reference_clients_sql, "AND d.client_id IS NOT NULL", 2);
  const char *ends[] = { "2026-12-01", "2026-11-15", "2025-07-01" };

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  sql = g_strconcat (parts[0], "AND d.client_id IS NOT NULL AND ", condition, parts[1], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PiloteStmt) stmt = NULL;
      PiloteKpiClientYears years;
      PilotePeriod window;
      GDate to, from;

      g_assert_true (pilote_date_parse_iso (ends[i], &to));
      from = to;
      g_date_subtract_years (&from, 2);
      pilote_period_init_custom (&window, &from, &to);
      g_assert_true (pilote_kpi_clients_over_years (store, &to, filter, &years, 0, NULL,
                                                    &error));
      g_assert_no_error (error);
      stmt = prepare_reference (store, sql, &window);
      if (value != NULL)
        sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, 3, id);
      assert_years (&years, stmt);
    }
}

static void
test_clients_of_a_rep (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PiloteKpiFilter) by_rep = pilote_kpi_filter_new ();
  gint64 owner = query_id (f->store, "SELECT owner_id FROM deal WHERE status = 'won'"
                                     " GROUP BY owner_id ORDER BY count (*) DESC");

  pilote_kpi_filter_add_id (by_rep, PILOTE_DIMENSION_MEMBER, owner);
  assert_years_of (f->store, by_rep, "d.owner_id = ?3", NULL, owner);
}

/* A channel's, from the won deals by channel (schema version 16): those of
 * the channel, and those without one whose client is of it */
static void
test_clients_of_a_channel (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PiloteKpiFilter) by_channel = pilote_kpi_filter_new ();
  g_autofree char *channel = query_text (f->store, "SELECT name FROM channel"
                                                   " WHERE id = (SELECT max (id) FROM channel)");

  exec (f->store, "UPDATE deal SET channel_id = NULL WHERE id IN (SELECT id FROM deal"
                  " WHERE status = 'won' LIMIT 200);"
                  "UPDATE client SET channel_id = (SELECT max (id) FROM channel)"
                  " WHERE id IN (SELECT client_id FROM deal WHERE channel_id IS NULL LIMIT 30)");
  pilote_kpi_filter_add (by_channel, PILOTE_DIMENSION_CHANNEL, channel);
  assert_years_of (f->store, by_channel,
                   "(SELECT ch.name FROM channel ch WHERE ch.id = coalesce (d.channel_id,"
                   " (SELECT c.channel_id FROM client c WHERE c.id = d.client_id))) = ?3",
                   channel, 0);
}

/* The figures of a whole month are read from client_month: with its next
 * months spoilt, they are wrong at the start of a month and right in the
 * middle of one, which reads the deals */
static void
test_clients_from_months (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PiloteKpiClientYears whole, spoilt, middle, from_deals;
  GDate to, mid;

  g_assert_true (pilote_date_parse_iso ("2026-11-01", &to));
  g_assert_true (pilote_date_parse_iso ("2026-11-02", &mid));
  g_assert_true (pilote_kpi_clients_over_years (f->store, &to, NULL, &whole, 0, NULL, &error));
  g_assert_true (pilote_kpi_clients_over_years (f->store, &mid, NULL, &middle, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (whole.churned, >, 0);

  /* as if every client had bought nothing since its first month */
  g_assert_true (pilote_store_begin_write (f->store, &error));
  g_assert_true (pilote_store_exec (f->store, "UPDATE client_month SET next_month = '9999-99'",
                                    &error));
  g_assert_true (pilote_kpi_clients_over_years (f->store, &to, NULL, &spoilt, 0, NULL, &error));
  g_assert_true (pilote_kpi_clients_over_years (f->store, &mid, NULL, &from_deals, 0, NULL,
                                                &error));
  g_assert_no_error (error);
  pilote_store_rollback (f->store);
  g_assert_cmpint (spoilt.active, !=, whole.active);
  g_assert_cmpint (from_deals.active, ==, middle.active);
  g_assert_cmpint (from_deals.churned, ==, middle.churned);
  g_assert_cmpint (from_deals.churned_revenue, ==, middle.churned_revenue);
}

/* The meetings and calls of whole months are read from activity_month
 * (schema version 12), for everyone or one rep: the same counts as the
 * activities themselves give, and, with the summary spoilt, wrong for
 * whole months only */
static void
test_activities_from_months (Fixture       *f,
                             gconstpointer  data)
{
  static const char *const periods[][2] = {
    { "2026-10-01", "2026-11-01" }, { "2025-12-01", "2026-12-01" },
    { "2026-10-03", "2026-11-01" },
  };
  g_autoptr(PiloteKpiFilter) by_rep = pilote_kpi_filter_new ();
  gint64 owner = query_id (f->store, "SELECT owner_id FROM activity WHERE done_at IS NOT NULL"
                                     " GROUP BY owner_id ORDER BY count (*) DESC");
  gint64 meetings[G_N_ELEMENTS (periods)][2], calls[G_N_ELEMENTS (periods)][2];

  pilote_kpi_filter_add_id (by_rep, PILOTE_DIMENSION_MEMBER, owner);
  for (guint spoilt = 0; spoilt < 2; spoilt++)
    {
      g_autoptr(GError) error = NULL;

      if (spoilt)
        {
          g_assert_true (pilote_store_begin_write (f->store, &error));
          g_assert_true (pilote_store_exec (f->store, "UPDATE activity_month SET n = n + 1000",
                                            &error));
        }
      for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
        for (guint r = 0; r < 2; r++)
          {
            g_autofree char *sql = g_strdup_printf (
              "SELECT count (*) FILTER (WHERE kind = 'meeting'),"
              " count (*) FILTER (WHERE kind = 'call') FROM activity WHERE deleted_at IS NULL"
              " AND done_at >= '%s' AND done_at < '%s'%s",
              periods[i][0], periods[i][1], r ? " AND owner_id = ?1" : "");
            g_autoptr(PiloteStmt) stmt = pilote_store_prepare (f->store, sql, &error);
            PilotePeriod period;
            GDate from, to;
            gint64 m, c;

            g_assert_no_error (error);
            g_assert_true (pilote_date_parse_iso (periods[i][0], &from));
            g_assert_true (pilote_date_parse_iso (periods[i][1], &to));
            pilote_period_init_custom (&period, &from, &to);
            g_assert_true (pilote_kpi_count_activities (f->store, &period, r ? by_rep : NULL,
                                                        &m, &c, &error));
            g_assert_no_error (error);
            if (r)
              sqlite3_bind_int64 (stmt, 1, owner);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
            if (!spoilt)
              {
                g_assert_cmpint (m, ==, sqlite3_column_int64 (stmt, 0));
                g_assert_cmpint (c, ==, sqlite3_column_int64 (stmt, 1));
                g_assert_cmpint (m + c, >, 0);
                meetings[i][r] = m;
                calls[i][r] = c;
              }
            else if (i < 2)
              /* whole months: from the summary */
              g_assert_cmpint (m, >=, meetings[i][r] + 1000);
            else
              {
                g_assert_cmpint (m, ==, meetings[i][r]);
                g_assert_cmpint (c, ==, calls[i][r]);
              }
          }
      if (spoilt)
        pilote_store_rollback (f->store);
    }
}

/* A report lists the clients it counts as not renewed */
static void
test_churn_list (Fixture       *f,
                 gconstpointer  data)
{
  PilotePeriod periods[] = { months (2026, 11, 1), months (2026, 5, 1), months (2025, 4, 3) };
  guint listed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PiloteKpiReport) report = NULL;
      g_autoptr(PiloteKpiReport) plain = NULL;
      g_autoptr(GPtrArray) all = NULL;

      report = pilote_kpi_compute (f->store, &periods[i], NULL, PILOTE_DIMENSION_NONE,
                                   PILOTE_KPI_CHURN_LIST | PILOTE_KPI_NO_CLIENT_COUNTS, &error);
      g_assert_no_error (error);
      plain = pilote_kpi_compute (f->store, &periods[i], NULL, PILOTE_DIMENSION_NONE,
                                  PILOTE_KPI_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_null (plain->churned);
      all = pilote_kpi_churn (f->store, &periods[i].to, NULL, 0, &error);
      g_assert_no_error (error);

      g_assert_nonnull (report->churned);
      g_assert_cmpint (report->summary.churned_clients, ==, plain->summary.churned_clients);
      g_assert_cmpint (report->summary.churned_clients, >=, (gint64) all->len);
      g_assert_cmpuint (report->churned->len, ==, MIN (all->len, PILOTE_KPI_CHURNED_LISTED));
      listed += report->churned->len;
      for (guint k = 0; k < report->churned->len; k++)
        {
          const PiloteChurnedClient *a = g_ptr_array_index (report->churned, k);
          const PiloteChurnedClient *b = g_ptr_array_index (all, k);

          g_assert_cmpint (a->client_id, ==, b->client_id);
          g_assert_cmpint (a->revenue_at_stake, ==, b->revenue_at_stake);
        }
    }
  g_assert_cmpuint (listed, >, 0);
}

/* One category's figures, read from its deals by category (schema version
 * 17), against the same category named twice: two conditions, which the
 * engine reads from the deals joined to their lines */
static void
assert_category (PiloteStore *store,
                 const char  *category,
                 gboolean     has_deals)
{
  g_autoptr(PiloteKpiFilter) one = pilote_kpi_filter_new ();
  g_autoptr(PiloteKpiFilter) twice = pilote_kpi_filter_new ();
  PilotePeriod periods[] = { months (2026, 10, 1), months (2026, 1, 3), months (2025, 7, 12) };
  const PiloteDimension bys[] = {
    PILOTE_DIMENSION_NONE, PILOTE_DIMENSION_MONTH, PILOTE_DIMENSION_QUARTER,
  };
  const char *ends[] = { "2026-12-01", "2026-11-15", "2025-07-01" };
  GDate from, to;
  gint64 seen = 0;

  g_test_message ("category %s", category);
  pilote_kpi_filter_add (one, PILOTE_DIMENSION_CATEGORY, category);
  pilote_kpi_filter_add (twice, PILOTE_DIMENSION_CATEGORY, category);
  pilote_kpi_filter_add (twice, PILOTE_DIMENSION_CATEGORY, category);

  /* a span of days too, which no monthly summary covers */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 3, 9, 2026);
  g_date_set_dmy (&to, 20, 10, 2026);
  for (guint p = 0; p <= G_N_ELEMENTS (periods); p++)
    for (guint b = 0; b < G_N_ELEMENTS (bys); b++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PiloteKpiReport) x = NULL;
        g_autoptr(PiloteKpiReport) y = NULL;
        g_autoptr(GPtrArray) lost_x = NULL;
        g_autoptr(GPtrArray) lost_y = NULL;
        PilotePeriod period;

        if (p < G_N_ELEMENTS (periods))
          period = periods[p];
        else
          pilote_period_init_custom (&period, &from, &to);
        x = pilote_kpi_compute (store, &period, one, bys[b], PILOTE_KPI_COMPARE, &error);
        g_assert_no_error (error);
        y = pilote_kpi_compute (store, &period, twice, bys[b], PILOTE_KPI_COMPARE, &error);
        g_assert_no_error (error);
        pilote_test_assert_same_figures (&x->totals, &y->totals);
        pilote_test_assert_same_figures (&x->previous, &y->previous);
        pilote_test_assert_same_figures (&x->year_before, &y->year_before);
        g_assert_cmpint (x->summary.forecast, ==, y->summary.forecast);
        g_assert_cmpint (x->summary.forecast_commit, ==, y->summary.forecast_commit);
        g_assert_cmpint (x->summary.forecast_best_case, ==, y->summary.forecast_best_case);
        pilote_test_assert_same_double (x->summary.sales_cycle_median_days,
                                        y->summary.sales_cycle_median_days);
        g_assert_cmpuint (x->rows->len, ==, y->rows->len);
        for (guint i = 0; i < x->rows->len; i++)
          {
            const PiloteKpiRow *a = g_ptr_array_index (x->rows, i);
            const PiloteKpiRow *c = g_ptr_array_index (y->rows, i);

            g_assert_cmpstr (a->key, ==, c->key);
            pilote_test_assert_same_figures (&a->figures, &c->figures);
          }
        seen += x->totals.deals_won + x->totals.open_deals;

        lost_x = pilote_kpi_lost (store, &period, one, FALSE, &error);
        g_assert_no_error (error);
        lost_y = pilote_kpi_lost (store, &period, twice, FALSE, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (lost_x->len, ==, lost_y->len);
        for (guint i = 0; i < lost_x->len; i++)
          {
            const PiloteLostRow *a = g_ptr_array_index (lost_x, i);
            const PiloteLostRow *c = g_ptr_array_index (lost_y, i);

            g_assert_cmpstr (a->key, ==, c->key);
            g_assert_cmpint (a->deals, ==, c->deals);
            g_assert_cmpint (a->amount, ==, c->amount);
          }

        /* the largest deals won, lost and at risk, as the report lists them */
        for (PiloteDealList list = PILOTE_DEALS_TOP_WON; b == 0 && list <= PILOTE_DEALS_AT_RISK;
             list++)
          {
            g_autoptr(GPtrArray) deals_x = pilote_kpi_deals (store, list, &period, one, 8,
                                                             &error);
            g_autoptr(GPtrArray) deals_y = NULL;

            g_assert_no_error (error);
            deals_y = pilote_kpi_deals (store, list, &period, twice, 8, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (deals_x->len, ==, deals_y->len);
            for (guint i = 0; i < deals_x->len; i++)
              {
                const PiloteDealSummary *a = g_ptr_array_index (deals_x, i);
                const PiloteDealSummary *c = g_ptr_array_index (deals_y, i);

                g_assert_cmpint (a->deal_id, ==, c->deal_id);
                g_assert_cmpint (a->amount, ==, c->amount);
                g_assert_cmpstr (a->detail, ==, c->detail);
              }
          }
      }
  g_assert_cmpint (seen > 0, ==, has_deals);

  /* the clients of two years and those not renewed, with their list */
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list_x = NULL;
      g_autoptr(GPtrArray) list_y = NULL;
      PiloteKpiClientYears x, y;
      GDate end;

      g_assert_true (pilote_date_parse_iso (ends[i], &end));
      g_assert_true (pilote_kpi_clients_over_years (store, &end, one, &x, 0, &list_x, &error));
      g_assert_no_error (error);
      g_assert_true (pilote_kpi_clients_over_years (store, &end, twice, &y, 0, &list_y, &error));
      g_assert_no_error (error);
      g_assert_cmpint (x.active, ==, y.active);
      g_assert_cmpint (x.active_before, ==, y.active_before);
      g_assert_cmpint (x.churned, ==, y.churned);
      g_assert_cmpint (x.recent_margin, ==, y.recent_margin);
      g_assert_cmpint (x.churned_revenue, ==, y.churned_revenue);
      g_assert_cmpuint (list_x->len, ==, list_y->len);
      for (guint k = 0; k < list_x->len; k++)
        {
          const PiloteChurnedClient *a = g_ptr_array_index (list_x, k);
          const PiloteChurnedClient *c = g_ptr_array_index (list_y, k);

          g_assert_cmpint (a->client_id, ==, c->client_id);
          g_assert_cmpstr (a->last_won_on, ==, c->last_won_on);
          g_assert_cmpint (a->revenue_at_stake, ==, c->revenue_at_stake);
        }
    }

  /* the funnel, from the categories the stage changes carry, against the
   * changes of the deals with a line of the category */
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entries = pilote_kpi_funnel_entries (store, &periods[p], one, &error);
      g_autoptr(PiloteStmt) stmt = prepare_reference (store,
        "SELECT count (DISTINCT sc.deal_id) FROM stage_change sc JOIN deal d ON d.id = sc.deal_id"
        " WHERE d.deleted_at IS NULL AND sc.to_stage_id = ?3"
        " AND sc.changed_at >= ?1 AND sc.changed_at < ?2"
        " AND EXISTS (SELECT 1 FROM deal_line l JOIN product p ON p.id = l.product_id"
        "  WHERE l.deal_id = d.id AND l.deleted_at IS NULL AND p.category = ?4 COLLATE NOCASE)",
        &periods[p]);

      g_autoptr(GPtrArray) through_lines = NULL;

      g_assert_no_error (error);
      /* and named twice, from the stage changes joined to the lines */
      through_lines = pilote_kpi_funnel_entries (store, &periods[p], twice, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (through_lines->len, ==, entries->len);
      sqlite3_bind_text (stmt, 4, category, -1, SQLITE_TRANSIENT);
      for (guint k = 0; k < entries->len; k++)
        {
          const PiloteFunnelStage *entry = g_ptr_array_index (entries, k);

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 3, entry->stage_id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (entry->entered, ==, sqlite3_column_int64 (stmt, 0));
          g_assert_cmpint (((PiloteFunnelStage *) g_ptr_array_index (through_lines, k))->entered,
                           ==, entry->entered);
        }
    }
}

static void
test_category (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *first = query_text (f->store, "SELECT min (category) FROM product");
  g_autofree char *lower = g_utf8_strdown (first, -1);
  guint n = 0;

  /* lines of another category added, moved, deleted; a product of a
   * category that differs only in case; deals won, lost, reopened,
   * deleted, given another client; stage changes written after */
  exec (f->store, "INSERT INTO deal_line (deal_id, product_id, quantity, unit_price, unit_cost)"
                  " SELECT id, (SELECT max (id) FROM product), 3, 4200, 1300 FROM deal"
                  " WHERE status = 'open' LIMIT 30 OFFSET 5;"
                  "INSERT INTO deal_line (deal_id, product_id, quantity, unit_price, unit_cost)"
                  " SELECT id, (SELECT min (id) FROM product), 1, 99900, 45000 FROM deal"
                  " WHERE status = 'won' AND closed_on >= '2025-01-01' LIMIT 30 OFFSET 5;"
                  "UPDATE deal_line SET product_id = (SELECT max (id) FROM product) WHERE id IN"
                  " (SELECT id FROM deal_line LIMIT 30 OFFSET 200);"
                  "UPDATE deal_line SET deleted_at = '2026-11-01T00:00:00.000Z' WHERE id IN"
                  " (SELECT id FROM deal_line LIMIT 30 OFFSET 400);"
                  "DELETE FROM deal_line WHERE id IN (SELECT id FROM deal_line LIMIT 10 OFFSET 600)");
  exec (f->store, "UPDATE product SET category = lower (category)"
                  " WHERE id = (SELECT max (id) FROM product WHERE category ="
                  "  (SELECT min (category) FROM product))");
  exec (f->store, "UPDATE deal SET status = 'won', closed_on = '2026-10-20',"
                  " stage_id = (SELECT id FROM stage WHERE kind = 'won' LIMIT 1)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'open' LIMIT 20);"
                  "UPDATE deal SET status = 'lost', closed_on = '2026-10-07',"
                  " stage_id = (SELECT id FROM stage WHERE kind = 'lost' LIMIT 1),"
                  " lost_reason_id = (SELECT min (id) FROM lost_reason)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 20 OFFSET 50);"
                  "UPDATE deal SET amount = amount + 500, probability = 0.35,"
                  " expected_close_on = '2026-10-28'"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'open' LIMIT 25 OFFSET 40);"
                  "UPDATE deal SET deleted_at = '2026-11-01T00:00:00.000Z'"
                  " WHERE id IN (SELECT id FROM deal LIMIT 15 OFFSET 100);"
                  "UPDATE deal SET client_id = (SELECT min (id) FROM client)"
                  " WHERE id IN (SELECT id FROM deal WHERE status = 'won' LIMIT 10 OFFSET 300);"
                  "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id, changed_at)"
                  " SELECT id, NULL, stage_id, '2026-10-15T10:00:00.000Z' FROM deal"
                  " LIMIT 40 OFFSET 100");
  assert_in_step (f->store);

  stmt = pilote_store_prepare (f->store, "SELECT DISTINCT category FROM product"
                                         " WHERE category IS NOT NULL", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      assert_category (f->store, (const char *) sqlite3_column_text (stmt, 0), TRUE);
      n++;
    }
  g_assert_cmpuint (n, >=, 3);
  /* a category typed in lower case is the same, and one no product has
   * has nothing */
  assert_category (f->store, lower, TRUE);
  assert_category (f->store, "Nothing of the kind", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)
  ADD ("/kpi-summary/generated", test_generated);
  ADD ("/kpi-summary/writes", test_writes);
  ADD ("/kpi-summary/suspended", test_suspended);
  ADD ("/kpi-summary/catch-up", test_catch_up);
  ADD ("/kpi-summary/funnel", test_funnel);
  ADD ("/kpi-summary/median-cycle", test_median_cycle);
  ADD ("/kpi-summary/clients-over-years", test_clients_over_years);
  ADD ("/kpi-summary/clients-from-months", test_clients_from_months);
  ADD ("/kpi-summary/clients-of-a-rep", test_clients_of_a_rep);
  ADD ("/kpi-summary/clients-of-a-channel", test_clients_of_a_channel);
  ADD ("/kpi-summary/churn-list", test_churn_list);
  ADD ("/kpi-summary/activities-from-months", test_activities_from_months);
  ADD ("/kpi-summary/client-filters", test_client_filters);
  ADD ("/kpi-summary/rep-by-period", test_rep_by_period);
  ADD ("/kpi-summary/category", test_category);
#undef ADD

  return g_test_run ();
}
