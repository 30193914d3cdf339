/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "pilote-kpi.h"
#include "pilote-objective-plan.h"
#include "pilote-record.h"
#include "pilote-test-utils.h"

typedef struct {
  char        *dir;
  PiloteStore *store;
  gint64       north;
  gint64       south;
  gint64       alice;
  gint64       bob;
  gint64       carol;
  gint64       client;
  gint64       won;
} Fixture;

static void
insert (Fixture  *f,
        gpointer  record)
{
  g_autoptr(GError) error = NULL;

  pilote_store_insert (f->store, record, &error);
  g_assert_no_error (error);
}

static gint64
add_team (Fixture    *f,
          const char *name)
{
  g_autoptr(PiloteTeam) team = pilote_team_new ();

  team->name = g_strdup (name);
  insert (f, team);
  return team->base.id;
}

static gint64
add_member (Fixture    *f,
            const char *name,
            gint64      team)
{
  g_autoptr(PiloteMember) member = pilote_member_new ();

  member->name = g_strdup (name);
  member->team_id = team;
  member->active = TRUE;
  insert (f, member);
  return member->base.id;
}

static gint64
add_objective (Fixture          *f,
               PiloteMetric      metric,
               PilotePeriodKind  kind,
               const char       *start,
               PiloteScope       scope,
               gint64            scope_id,
               gint64            target)
{
  g_autoptr(PiloteObjective) objective = pilote_objective_new ();

  objective->metric = metric;
  objective->period_kind = kind;
  objective->period_start = g_strdup (start);
  objective->scope = scope;
  objective->scope_id = scope_id;
  objective->target = target;
  insert (f, objective);
  return objective->base.id;
}

static void
add_won_deal (Fixture     *f,
              gint64       owner,
              PiloteMoney  amount,
              const char  *won_on)
{
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();

  deal->title = g_strdup_printf ("Deal won on %s", won_on);
  deal->client_id = f->client;
  deal->owner_id = owner;
  deal->stage_id = f->won;
  deal->amount = amount;
  deal->created_on = g_strdup ("2024-01-01");
  deal->closed_on = g_strdup (won_on);
  insert (f, deal);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteStage) won = NULL;

  f->dir = g_dir_make_tmp ("pilote-objective-plan-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);

  f->north = add_team (f, "North");
  f->south = add_team (f, "South");
  f->alice = add_member (f, "Alice", f->north);
  f->bob = add_member (f, "Bob", f->north);
  f->carol = add_member (f, "Carol", f->south);
  client->name = g_strdup ("Acme");
  insert (f, client);
  f->client = client->base.id;
  won = pilote_store_find_by_name (f->store, PILOTE_ENTITY_STAGE, "Won", &error);
  g_assert_no_error (error);
  g_assert_nonnull (won);
  f->won = won->base.id;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
sum_parts (const gint64 *parts,
           guint         n)
{
  gint64 sum = 0;

  for (guint i = 0; i < n; i++)
    sum += parts[i];
  return sum;
}

/* Spreading */

static void
test_spread_even (void)
{
  gint64 parts[12];

  /* 1 000 000.00 over twelve months: 83 333.33 each, and the four cents
   * left over go to the first four months */
  pilote_objective_plan_spread (100000000, NULL, 12, parts);
  g_assert_cmpint (sum_parts (parts, 12), ==, 100000000);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpint (parts[i], ==, i < 4 ? 8333334 : 8333333);

  /* a cent cannot be split */
  pilote_objective_plan_spread (1, NULL, 12, parts);
  g_assert_cmpint (parts[0], ==, 1);
  g_assert_cmpint (sum_parts (parts, 12), ==, 1);

  pilote_objective_plan_spread (0, NULL, 12, parts);
  g_assert_cmpint (sum_parts (parts, 12), ==, 0);
}

static void
test_spread_weighted (void)
{
  /* last year's months: 1, 2 and 3 parts, then nothing */
  const gint64 weights[12] = { 100, 200, 300, 0, 0, 0, 0, 0, 0, 0, 0, -50 };
  const gint64 zeros[12] = { 0 };
  const gint64 thirds[3] = { 1, 1, 1 };
  const gint64 huge[2] = { G_GINT64_CONSTANT (900000000000000), 1 };
  gint64 parts[12];

  pilote_objective_plan_spread (600000, weights, 12, parts);
  g_assert_cmpint (parts[0], ==, 100000);
  g_assert_cmpint (parts[1], ==, 200000);
  g_assert_cmpint (parts[2], ==, 300000);
  for (guint i = 3; i < 12; i++)
    g_assert_cmpint (parts[i], ==, 0);

  /* 100 001 in shares of 1/6, 2/6, 3/6: 16 666.83, 33 333.67, 50 000.50:
   * the cent left over goes to the share that lost most in rounding */
  pilote_objective_plan_spread (100001, weights, 12, parts);
  g_assert_cmpint (sum_parts (parts, 12), ==, 100001);
  g_assert_cmpint (parts[0], ==, 16667);
  g_assert_cmpint (parts[1], ==, 33334);
  g_assert_cmpint (parts[2], ==, 50000);

  /* no revenue last year: evenly */
  pilote_objective_plan_spread (1200, zeros, 12, parts);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpint (parts[i], ==, 100);

  pilote_objective_plan_spread (100, thirds, 3, parts);
  g_assert_cmpint (parts[0], ==, 34);
  g_assert_cmpint (parts[1], ==, 33);
  g_assert_cmpint (parts[2], ==, 33);

  /* large amounts still add up to the cent */
  pilote_objective_plan_spread (G_GINT64_CONSTANT (123456789012345), huge, 2, parts);
  g_assert_cmpint (sum_parts (parts, 2), ==, G_GINT64_CONSTANT (123456789012345));
  g_assert_cmpint (parts[1], <=, 1);
}

static void
test_seasonality (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 weights[12];
  gint64 parts[12];
  PilotePeriod year;
  GDate day;

  /* 2025's revenue: January 1 000, March 3 000 (two deals), December
   * 2 000 by Carol; 2024 and 2026 deals are not last year */
  add_won_deal (f, f->alice, 100000, "2025-01-15");
  add_won_deal (f, f->alice, 100000, "2025-03-02");
  add_won_deal (f, f->bob, 200000, "2025-03-30");
  add_won_deal (f, f->carol, 200000, "2025-12-31");
  add_won_deal (f, f->alice, 999900, "2024-12-31");
  add_won_deal (f, f->alice, 999900, "2026-01-01");

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JUNE, 2026);
  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &day, G_DATE_JANUARY);
  pilote_objective_plan_seasonality (f->store, &year, PILOTE_SCOPE_COMPANY, 0, weights, &error);
  g_assert_no_error (error);
  g_assert_cmpint (weights[0], ==, 100000);
  g_assert_cmpint (weights[1], ==, 0);
  g_assert_cmpint (weights[2], ==, 300000);
  g_assert_cmpint (weights[11], ==, 200000);
  g_assert_cmpint (sum_parts (weights, 12), ==, 600000);

  /* 120 000.00 for 2026 follows: 1/6, 3/6, 2/6 */
  pilote_objective_plan_spread (12000000, weights, 12, parts);
  g_assert_cmpint (parts[0], ==, 2000000);
  g_assert_cmpint (parts[2], ==, 6000000);
  g_assert_cmpint (parts[11], ==, 4000000);

  /* a team's own seasonality: North sold nothing in December */
  pilote_objective_plan_seasonality (f->store, &year, PILOTE_SCOPE_TEAM, f->north, weights,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (weights[2], ==, 300000);
  g_assert_cmpint (weights[11], ==, 0);

  /* a fiscal year from April: 2026-04 to 2027-03 looks at 2025-04 to 2026-03 */
  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &day, G_DATE_APRIL);
  pilote_objective_plan_seasonality (f->store, &year, PILOTE_SCOPE_COMPANY, 0, weights, &error);
  g_assert_no_error (error);
  g_assert_cmpint (weights[8], ==, 200000);   /* December 2025 */
  g_assert_cmpint (weights[9], ==, 999900);   /* January 2026 */
  g_assert_cmpint (weights[0], ==, 0);        /* April 2025 */
}

static void
test_save_months (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objectives = NULL;
  gint64 parts[12];
  gint64 march;
  PilotePeriod year;
  GDate day;
  PiloteFilter filters[1] = { { "metric", PILOTE_OP_EQ, "revenue", 0 } };
  PiloteQuery query = { filters, 1, .sort_field = "period_start" };

  /* March already has an objective: it gets the new target */
  march = add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-03-01",
                         PILOTE_SCOPE_MEMBER, f->alice, 5);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JUNE, 2026);
  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &day, G_DATE_JANUARY);
  pilote_objective_plan_spread (100000000, NULL, 12, parts);
  pilote_objective_plan_save_months (f->store, PILOTE_METRIC_REVENUE, &year,
                                     PILOTE_SCOPE_MEMBER, f->alice, parts, &error);
  g_assert_no_error (error);

  objectives = pilote_store_list (f->store, PILOTE_ENTITY_OBJECTIVE, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objectives->len, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      PiloteObjective *o = g_ptr_array_index (objectives, i);
      g_autofree char *start = g_strdup_printf ("2026-%02u-01", i + 1);

      g_assert_cmpstr (o->period_start, ==, start);
      g_assert_cmpint (o->period_kind, ==, PILOTE_PERIOD_MONTH);
      g_assert_cmpint (o->scope, ==, PILOTE_SCOPE_MEMBER);
      g_assert_cmpint (o->scope_id, ==, f->alice);
      g_assert_cmpint (o->target, ==, parts[i]);
      if (i == 2)
        g_assert_cmpint (o->base.id, ==, march);
    }
}

/* Roll-up */

static void
test_rollups (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rollups = NULL;
  const PiloteObjectiveRollup *rollup;
  PilotePeriod month;
  GDate day;

  /* North's reps: 30 000 + 20 000 = 50 000, short of North's 60 000 */
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_MEMBER, f->alice, 3000000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_MEMBER, f->bob, 2000000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_TEAM, f->north, 6000000);
  /* South's one rep adds up to South */
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_MEMBER, f->carol, 4000000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_TEAM, f->south, 4000000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_COMPANY, 0, 10000000);
  /* other metrics and periods stay apart; rates do not add up */
  add_objective (f, PILOTE_METRIC_DEALS_WON, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_MEMBER, f->alice, 4);
  add_objective (f, PILOTE_METRIC_WIN_RATE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_MEMBER, f->alice, 3000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-10-01",
                 PILOTE_SCOPE_MEMBER, f->bob, 9900000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_QUARTER, "2026-10-01",
                 PILOTE_SCOPE_MEMBER, f->bob, 9900000);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 10, G_DATE_NOVEMBER, 2026);
  pilote_period_init_containing (&month, PILOTE_PERIOD_MONTH, &day, G_DATE_JANUARY);
  rollups = pilote_objective_plan_rollups (f->store, &month, &error);
  g_assert_no_error (error);

  rollup = pilote_objective_plan_find_rollup (rollups, PILOTE_METRIC_REVENUE,
                                              PILOTE_SCOPE_TEAM, f->north);
  g_assert_nonnull (rollup);
  g_assert_cmpint (rollup->parts_target, ==, 5000000);
  g_assert_cmpuint (rollup->n_parts, ==, 2);
  rollup = pilote_objective_plan_find_rollup (rollups, PILOTE_METRIC_REVENUE,
                                              PILOTE_SCOPE_TEAM, f->south);
  g_assert_nonnull (rollup);
  g_assert_cmpint (rollup->parts_target, ==, 4000000);
  rollup = pilote_objective_plan_find_rollup (rollups, PILOTE_METRIC_REVENUE,
                                              PILOTE_SCOPE_COMPANY, 0);
  g_assert_nonnull (rollup);
  g_assert_cmpint (rollup->parts_target, ==, 10000000);
  g_assert_cmpuint (rollup->n_parts, ==, 2);
  rollup = pilote_objective_plan_find_rollup (rollups, PILOTE_METRIC_DEALS_WON,
                                              PILOTE_SCOPE_TEAM, f->north);
  g_assert_nonnull (rollup);
  g_assert_cmpint (rollup->parts_target, ==, 4);
  g_assert_null (pilote_objective_plan_find_rollup (rollups, PILOTE_METRIC_WIN_RATE,
                                                    PILOTE_SCOPE_TEAM, f->north));
  g_assert_null (pilote_objective_plan_find_rollup (rollups, PILOTE_METRIC_DEALS_WON,
                                                    PILOTE_SCOPE_COMPANY, 0));
  g_assert_cmpuint (rollups->len, ==, 4);
  g_assert_false (pilote_metric_is_additive (PILOTE_METRIC_WIN_RATE));
  g_assert_true (pilote_metric_is_additive (PILOTE_METRIC_MEETINGS));
}

/* Copying the previous period */

static void
test_copy_previous (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) created = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PiloteObjective) qualitative = pilote_objective_new ();
  PilotePeriod month;
  GDate day;

  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-10-01",
                 PILOTE_SCOPE_MEMBER, f->alice, 3000000);
  add_objective (f, PILOTE_METRIC_CALLS, PILOTE_PERIOD_MONTH, "2026-10-01",
                 PILOTE_SCOPE_MEMBER, f->carol, 80);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-10-01",
                 PILOTE_SCOPE_TEAM, f->north, 5000000);
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_QUARTER, "2026-07-01",
                 PILOTE_SCOPE_TEAM, f->north, 15000000);
  /* November already has North's revenue objective */
  add_objective (f, PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH, "2026-11-01",
                 PILOTE_SCOPE_TEAM, f->north, 5500000);
  qualitative->metric = PILOTE_METRIC_QUALITATIVE;
  qualitative->period_kind = PILOTE_PERIOD_MONTH;
  qualitative->period_start = g_strdup ("2026-10-01");
  qualitative->description = g_strdup ("Open the Lyon market");
  insert (f, qualitative);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 10, G_DATE_NOVEMBER, 2026);
  pilote_period_init_containing (&month, PILOTE_PERIOD_MONTH, &day, G_DATE_JANUARY);

  /* North: Alice's revenue only (Carol is in South, North has its own) */
  pilote_objective_plan_copy_previous (f->store, &month, PILOTE_SCOPE_TEAM, f->north, created,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 1);
  {
    g_autoptr(PiloteObjective) copy = pilote_store_get_objective (f->store,
                                                                  g_array_index (created, gint64, 0),
                                                                  &error);
    g_assert_no_error (error);
    g_assert_cmpstr (copy->period_start, ==, "2026-11-01");
    g_assert_cmpint (copy->scope_id, ==, f->alice);
    g_assert_cmpint (copy->target, ==, 3000000);
  }

  /* the company: what is left, Carol's calls */
  g_array_set_size (created, 0);
  pilote_objective_plan_copy_previous (f->store, &month, PILOTE_SCOPE_COMPANY, 0, created,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 1);

  /* twice copies nothing more */
  g_array_set_size (created, 0);
  pilote_objective_plan_copy_previous (f->store, &month, PILOTE_SCOPE_COMPANY, 0, created,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/objective-plan/spread/even", test_spread_even);
  g_test_add_func ("/objective-plan/spread/weighted", test_spread_weighted);
  g_test_add ("/objective-plan/seasonality", Fixture, NULL, fixture_setup, test_seasonality,
              fixture_teardown);
  g_test_add ("/objective-plan/save-months", Fixture, NULL, fixture_setup, test_save_months,
              fixture_teardown);
  g_test_add ("/objective-plan/rollups", Fixture, NULL, fixture_setup, test_rollups,
              fixture_teardown);
  g_test_add ("/objective-plan/copy-previous", Fixture, NULL, fixture_setup,
              test_copy_previous, fixture_teardown);

  return g_test_run ();
}
