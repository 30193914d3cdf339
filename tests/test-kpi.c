/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-kpi.h"
#include "pilote-kpi-private.h"
#include "pilote-record.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * The KPI engine checked against small hand-made files. Every expected
 * figure below is worked out by hand from the definitions (DESIGN.md §4),
 * never by the engine or by SQL: the arithmetic sits beside each assertion.
 * Money is in cents.
 *
 * The "sales" file (build_sales ()) is the one most tests read. Its people:
 *
 *   teams    North (Alice, Bob), South (Carol)
 *   clients  (owner, acquisition channel, created)
 *     Acme     Alice  Website     2023-12-01
 *     Bolt     Bob    Outbound    2022-10-01
 *     Cobalt   Carol  Referral    2024-02-01
 *     Delta    Alice  Trade show  2023-06-01   never won (its win is deleted)
 *     Echo     Bob    Partner     2022-12-01
 *     Golf     Carol  Website     2024-01-10   prospect
 *     Foxtrot  Bob    —           2024-05-01   prospect
 *     Hotel    Carol  Referral    2022-01-01
 *
 * Its deals (created → closed; amount / cost):
 *
 *   D1  Acme    Alice  won   2024-01-01 → 2024-01-11  1000.00 / 400.00   10 days
 *   D2  Bolt    Bob    won   2024-01-05 → 2024-01-25  typed 9999.99, lines:
 *         Widget  3 × 100.00, −10 %, unit cost 40.00 → 270.00 / 120.00
 *         Service 1 × 250.00,        unit cost 100.00 → 250.00 / 100.00
 *         Widget 10 × 100.00 (deleted line)
 *       → 520.00 / 220.00                                                  20 days
 *   D3  Cobalt Carol  won   2024-02-10 → 2024-03-12   350.50 / 150.25    31 days
 *   D4  Acme    Alice  won   2024-03-01 → 2024-03-10   200.00 /  50.00     9 days
 *         (deal channel Partner, over the client's Website)
 *   D5  Delta   Alice  lost  2023-11-01 → 2024-01-01   800.00  Price, Rival
 *   D6  Bolt    Bob    lost  2024-02-01 → 2024-03-05   300.00  Price
 *   D7  Cobalt  Carol  lost  2024-01-15 → 2024-03-20   150.00  Timing, Rival
 *   D8  Delta   Alice  won   2023-12-01 → 2024-01-08  5000.00 / 1000.00  DELETED
 *   D9  Bolt    Bob    won   2023-11-10 → 2023-12-10   400.00 / 100.00   30 days
 *   D10 Echo    Bob    won   2023-01-10 → 2023-02-10   600.00 / 200.00   31 days
 *   D11 Echo    Bob    lost  2023-10-01 → 2023-11-20   100.00  No budget
 *   D12 Bolt    Bob    won   2022-10-15 → 2022-11-15   100.00 /   0.00
 *   D13 Hotel   Carol  won   2022-05-01 → 2022-06-01   250.00 / 100.00
 *   D14 Hotel   Carol  won   2022-08-01 → 2022-09-01   150.00 /  50.00
 *   D15 Cobalt  Carol  won   2024-03-25 → 2024-04-01    99.99 /   0.00
 *
 * Open deals (stage, probability; forecast category; expected close):
 *
 *   O1  Acme    Alice  Proposal 0.50 (stage)       2000.00  commit     2024-03-25
 *   O2  Delta   Alice  Negotiation 0.40 (deal)     1500.00  best case  2024-01-31
 *   O3  Bolt    Bob    Lead 0.10 (stage)           3000.00  commit     2024-06-15
 *   O4  Cobalt  Carol  Qualified 0.25 (stage)       800.00  pipeline   2024-03-15
 *   O5  Bolt    Bob    Proposal                   10000.00  commit     2024-02-10  DELETED
 *
 * Spend: 2023-12 Outbound sales 120.00; 2024-01 Website marketing 300.00;
 * 2024-01 Referral sales 100.00; 2024-02 Website marketing 999.00 (DELETED);
 * 2024-03 Website sales 150.00; 2024-03 Trade show marketing 250.01.
 *
 * Acquisition dates (first won deal, deleted ones aside): Acme 2024-01-11,
 * Bolt 2022-11-15, Cobalt 2024-03-12, Echo 2023-02-10, Hotel 2022-06-01;
 * Delta, Golf and Foxtrot none.
 *
 * Most tests look at Q1 2024, [2024-01-01, 2024-04-01): February is empty.
 */

#define Q1_FROM "2024-01-01"
#define Q1_TO   "2024-04-01"

#define assert_nan(x) g_assert_true (isnan (x))
#define assert_rate(x, expected) g_assert_cmpfloat_with_epsilon ((x), (expected), 1e-12)

typedef struct {
  char        *dir;
  PiloteStore *store;

  /* reference data, in every file */
  gint64 north, south;
  gint64 alice, bob, carol;
  gint64 widget, service;
  gint64 lead, qualified, proposal, negotiation, won, lost;
  gint64 website, referral, trade_show, outbound, partner;
  gint64 price, timing, no_budget;
  gint64 rival;

  /* the sales file */
  gint64 acme, bolt, cobalt, delta, echo, golf, foxtrot, hotel;
  gint64 d2, d2_service_line, d8, o5, deleted_spend;
} Fixture;

/* Helpers */

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (pilote_store_get_db (f->store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

static void
insert (Fixture  *f,
        gpointer  record)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pilote_store_insert (f->store, record, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
soft_delete (Fixture      *f,
             PiloteEntity  entity,
             gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteRecord) record = pilote_store_get (f->store, entity, id, &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = pilote_store_delete (f->store, entity, id, record->version, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
set_setting (Fixture    *f,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pilote_store_set_setting (f->store, key, value, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
find_id (Fixture      *f,
         PiloteEntity  entity,
         const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteRecord) record = pilote_store_find_by_name (f->store, entity, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record->id;
}

static gint64
add_named (Fixture      *f,
           PiloteEntity  entity,
           const char   *name)
{
  g_autoptr(PiloteNamed) named = pilote_record_new (entity);

  named->name = g_strdup (name);
  insert (f, named);
  return named->base.id;
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
            gint64      team,
            const char *office)
{
  g_autoptr(PiloteMember) member = pilote_member_new ();

  member->name = g_strdup (name);
  member->team_id = team;
  member->office = g_strdup (office);
  insert (f, member);
  return member->base.id;
}

static gint64
add_product (Fixture     *f,
             const char  *name,
             const char  *category,
             PiloteMoney  unit_price,
             PiloteMoney  unit_cost)
{
  g_autoptr(PiloteProduct) product = pilote_product_new ();

  product->name = g_strdup (name);
  product->category = g_strdup (category);
  product->unit_price = unit_price;
  product->unit_cost = unit_cost;
  insert (f, product);
  return product->base.id;
}

/* A client, created at midnight UTC on @created_on (written by SQL: the
 * store stamps records with the current time). */
static gint64
add_client (Fixture    *f,
            const char *name,
            gint64      owner,
            gint64      channel,
            const char *created_on)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autofree char *sql = NULL;

  client->name = g_strdup (name);
  client->owner_id = owner;
  client->channel_id = channel;
  insert (f, client);
  sql = g_strdup_printf ("UPDATE client SET created_at = '%sT00:00:00.000Z'"
                         " WHERE id = %" G_GINT64_FORMAT, created_on, client->base.id);
  exec_sql (f, sql);
  return client->base.id;
}

typedef struct {
  const char             *title;
  gint64                  client;
  gint64                  owner;
  gint64                  stage;
  PiloteMoney             amount;
  PiloteMoney             cost;
  double                  probability;   /* 0: the stage's default */
  PiloteForecastCategory  category;
  const char             *created_on;
  const char             *closed_on;
  const char             *expected_on;
  gint64                  channel;
  gint64                  competitor;
  gint64                  lost_reason;
} DealSpec;

static gint64
add_deal (Fixture        *f,
          const DealSpec *spec)
{
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();

  g_assert_nonnull (spec->created_on);
  deal->title = g_strdup (spec->title);
  deal->client_id = spec->client;
  deal->owner_id = spec->owner;
  deal->stage_id = spec->stage;
  deal->amount = spec->amount;
  deal->cost = spec->cost;
  if (spec->probability > 0)
    deal->probability = spec->probability;
  deal->forecast_category = spec->category;
  deal->created_on = g_strdup (spec->created_on);
  deal->closed_on = g_strdup (spec->closed_on);
  deal->expected_close_on = g_strdup (spec->expected_on);
  deal->channel_id = spec->channel;
  deal->competitor_id = spec->competitor;
  deal->lost_reason_id = spec->lost_reason;
  insert (f, deal);
  return deal->base.id;
}

static gint64
add_line (Fixture     *f,
          gint64       deal,
          gint64       product,
          double       quantity,
          PiloteMoney  unit_price,
          double       discount,
          PiloteMoney  unit_cost)
{
  g_autoptr(PiloteDealLine) line = pilote_deal_line_new ();

  line->deal_id = deal;
  line->product_id = product;
  line->quantity = quantity;
  line->unit_price = unit_price;
  line->discount = discount;
  line->unit_cost = unit_cost;
  insert (f, line);
  return line->base.id;
}

static gint64
add_spend (Fixture         *f,
           const char      *month,
           gint64           channel,
           PiloteSpendKind  kind,
           PiloteMoney      amount)
{
  g_autoptr(PiloteSpend) spend = pilote_spend_new ();

  spend->month = g_strdup (month);
  spend->channel_id = channel;
  spend->kind = kind;
  spend->amount = amount;
  insert (f, spend);
  return spend->base.id;
}

static PilotePeriod
make_period (const char *from,
             const char *to)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod period;
  gboolean ok = pilote_period_parse (&period, from, to, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return period;
}

static GDate
make_date (const char *iso)
{
  GDate date;

  if (!pilote_date_parse_iso (iso, &date))
    g_error ("bad date in test: %s", iso);
  return date;
}

/* Conditions as typed after --where, ending with NULL */
G_GNUC_NULL_TERMINATED static PiloteKpiFilter *
make_filter (const char *condition,
             ...)
{
  PiloteKpiFilter *filter = pilote_kpi_filter_new ();
  va_list args;

  va_start (args, condition);
  for (const char *c = condition; c != NULL; c = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = pilote_kpi_filter_parse (filter, c, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
    }
  va_end (args);
  return filter;
}

static PiloteKpiReport *
compute (Fixture                *f,
         const char             *from,
         const char             *to,
         const PiloteKpiFilter  *filter,
         PiloteDimension         by,
         PiloteKpiFlags          flags)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod period = make_period (from, to);
  PiloteKpiReport *report;

  report = pilote_kpi_compute (f->store, &period, filter, by, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_nonnull (report->rows);
  return report;
}

/* the figures of the row with @key (NULL: the row without a value) */
static const PiloteKpiFigures *
row (const PiloteKpiReport *report,
     const char            *key)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *r = g_ptr_array_index (report->rows, i);

      if (g_strcmp0 (r->key, key) == 0)
        return &r->figures;
    }
  g_test_message ("no row “%s” in the breakdown", key != NULL ? key : "(none)");
  g_assert_not_reached ();
}

static const char *
row_key (const PiloteKpiReport *report,
         guint                  i)
{
  g_assert_cmpuint (i, <, report->rows->len);
  return ((const PiloteKpiRow *) g_ptr_array_index (report->rows, i))->key;
}

/* Fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pilote-kpi-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "sales.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  f->lead = find_id (f, PILOTE_ENTITY_STAGE, "Lead");
  f->qualified = find_id (f, PILOTE_ENTITY_STAGE, "Qualified");
  f->proposal = find_id (f, PILOTE_ENTITY_STAGE, "Proposal");
  f->negotiation = find_id (f, PILOTE_ENTITY_STAGE, "Negotiation");
  f->won = find_id (f, PILOTE_ENTITY_STAGE, "Won");
  f->lost = find_id (f, PILOTE_ENTITY_STAGE, "Lost");
  f->website = find_id (f, PILOTE_ENTITY_CHANNEL, "Website");
  f->referral = find_id (f, PILOTE_ENTITY_CHANNEL, "Referral");
  f->trade_show = find_id (f, PILOTE_ENTITY_CHANNEL, "Trade show");
  f->outbound = find_id (f, PILOTE_ENTITY_CHANNEL, "Outbound");
  f->partner = find_id (f, PILOTE_ENTITY_CHANNEL, "Partner");
  f->price = find_id (f, PILOTE_ENTITY_LOST_REASON, "Price");
  f->timing = find_id (f, PILOTE_ENTITY_LOST_REASON, "Timing");
  f->no_budget = find_id (f, PILOTE_ENTITY_LOST_REASON, "No budget");

  f->north = add_team (f, "North");
  f->south = add_team (f, "South");
  f->alice = add_member (f, "Alice", f->north, "Paris");
  f->bob = add_member (f, "Bob", f->north, "Lyon");
  f->carol = add_member (f, "Carol", f->south, "Paris");
  f->widget = add_product (f, "Widget", "Hardware", 10000, 4000);
  f->service = add_product (f, "Service", "Services", 25000, 10000);
  f->rival = add_named (f, PILOTE_ENTITY_COMPETITOR, "Rival");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The sales file described at the top. */
static void
build_sales (Fixture *f)
{
  gint64 line;

  f->acme = add_client (f, "Acme", f->alice, f->website, "2023-12-01");
  f->bolt = add_client (f, "Bolt", f->bob, f->outbound, "2022-10-01");
  f->cobalt = add_client (f, "Cobalt", f->carol, f->referral, "2024-02-01");
  f->delta = add_client (f, "Delta", f->alice, f->trade_show, "2023-06-01");
  f->echo = add_client (f, "Echo", f->bob, f->partner, "2022-12-01");
  f->golf = add_client (f, "Golf", f->carol, f->website, "2024-01-10");
  f->foxtrot = add_client (f, "Foxtrot", f->bob, 0, "2024-05-01");
  f->hotel = add_client (f, "Hotel", f->carol, f->referral, "2022-01-01");

  /* D1 */
  add_deal (f, &(DealSpec) { .title = "Acme rollout", .client = f->acme, .owner = f->alice,
                             .stage = f->won, .amount = 100000, .cost = 40000,
                             .created_on = "2024-01-01", .closed_on = "2024-01-11" });
  /* D2: its lines make its amount */
  f->d2 = add_deal (f, &(DealSpec) { .title = "Bolt bundle", .client = f->bolt, .owner = f->bob,
                                     .stage = f->won, .amount = 999999, .cost = 100,
                                     .created_on = "2024-01-05", .closed_on = "2024-01-25" });
  add_line (f, f->d2, f->widget, 3, 10000, 0.10, 4000);
  f->d2_service_line = add_line (f, f->d2, f->service, 1, 25000, 0, 10000);
  line = add_line (f, f->d2, f->widget, 10, 10000, 0, 4000);
  soft_delete (f, PILOTE_ENTITY_DEAL_LINE, line);
  /* D3 */
  add_deal (f, &(DealSpec) { .title = "Cobalt audit", .client = f->cobalt, .owner = f->carol,
                             .stage = f->won, .amount = 35050, .cost = 15025,
                             .created_on = "2024-02-10", .closed_on = "2024-03-12" });
  /* D4 */
  add_deal (f, &(DealSpec) { .title = "Acme extension", .client = f->acme, .owner = f->alice,
                             .stage = f->won, .amount = 20000, .cost = 5000,
                             .channel = f->partner,
                             .created_on = "2024-03-01", .closed_on = "2024-03-10" });
  /* D5 */
  add_deal (f, &(DealSpec) { .title = "Delta pilot", .client = f->delta, .owner = f->alice,
                             .stage = f->lost, .amount = 80000,
                             .lost_reason = f->price, .competitor = f->rival,
                             .created_on = "2023-11-01", .closed_on = "2024-01-01" });
  /* D6 */
  add_deal (f, &(DealSpec) { .title = "Bolt upgrade", .client = f->bolt, .owner = f->bob,
                             .stage = f->lost, .amount = 30000, .lost_reason = f->price,
                             .created_on = "2024-02-01", .closed_on = "2024-03-05" });
  /* D7 */
  add_deal (f, &(DealSpec) { .title = "Cobalt training", .client = f->cobalt, .owner = f->carol,
                             .stage = f->lost, .amount = 15000,
                             .lost_reason = f->timing, .competitor = f->rival,
                             .created_on = "2024-01-15", .closed_on = "2024-03-20" });
  /* D8, deleted */
  f->d8 = add_deal (f, &(DealSpec) { .title = "Delta big deal", .client = f->delta,
                                     .owner = f->alice, .stage = f->won,
                                     .amount = 500000, .cost = 100000,
                                     .created_on = "2023-12-01", .closed_on = "2024-01-08" });
  soft_delete (f, PILOTE_ENTITY_DEAL, f->d8);
  /* D9 */
  add_deal (f, &(DealSpec) { .title = "Bolt renewal", .client = f->bolt, .owner = f->bob,
                             .stage = f->won, .amount = 40000, .cost = 10000,
                             .created_on = "2023-11-10", .closed_on = "2023-12-10" });
  /* D10 */
  add_deal (f, &(DealSpec) { .title = "Echo first order", .client = f->echo, .owner = f->bob,
                             .stage = f->won, .amount = 60000, .cost = 20000,
                             .created_on = "2023-01-10", .closed_on = "2023-02-10" });
  /* D11 */
  add_deal (f, &(DealSpec) { .title = "Echo reorder", .client = f->echo, .owner = f->bob,
                             .stage = f->lost, .amount = 10000, .lost_reason = f->no_budget,
                             .created_on = "2023-10-01", .closed_on = "2023-11-20" });
  /* D12 */
  add_deal (f, &(DealSpec) { .title = "Bolt first order", .client = f->bolt, .owner = f->bob,
                             .stage = f->won, .amount = 10000,
                             .created_on = "2022-10-15", .closed_on = "2022-11-15" });
  /* D13, D14 */
  add_deal (f, &(DealSpec) { .title = "Hotel kickoff", .client = f->hotel, .owner = f->carol,
                             .stage = f->won, .amount = 25000, .cost = 10000,
                             .created_on = "2022-05-01", .closed_on = "2022-06-01" });
  add_deal (f, &(DealSpec) { .title = "Hotel add-on", .client = f->hotel, .owner = f->carol,
                             .stage = f->won, .amount = 15000, .cost = 5000,
                             .created_on = "2022-08-01", .closed_on = "2022-09-01" });
  /* D15, the day after Q1 */
  add_deal (f, &(DealSpec) { .title = "Cobalt April", .client = f->cobalt, .owner = f->carol,
                             .stage = f->won, .amount = 9999,
                             .created_on = "2024-03-25", .closed_on = "2024-04-01" });

  /* open deals */
  add_deal (f, &(DealSpec) { .title = "Acme phase 2", .client = f->acme, .owner = f->alice,
                             .stage = f->proposal, .amount = 200000,
                             .category = PILOTE_FORECAST_COMMIT,
                             .created_on = "2024-02-01", .expected_on = "2024-03-25" });
  add_deal (f, &(DealSpec) { .title = "Delta retry", .client = f->delta, .owner = f->alice,
                             .stage = f->negotiation, .probability = 0.40, .amount = 150000,
                             .category = PILOTE_FORECAST_BEST_CASE,
                             .created_on = "2024-01-05", .expected_on = "2024-01-31" });
  add_deal (f, &(DealSpec) { .title = "Bolt expansion", .client = f->bolt, .owner = f->bob,
                             .stage = f->lead, .amount = 300000,
                             .category = PILOTE_FORECAST_COMMIT,
                             .created_on = "2024-03-01", .expected_on = "2024-06-15" });
  add_deal (f, &(DealSpec) { .title = "Cobalt support", .client = f->cobalt, .owner = f->carol,
                             .stage = f->qualified, .amount = 80000,
                             .category = PILOTE_FORECAST_PIPELINE,
                             .created_on = "2024-02-15", .expected_on = "2024-03-15" });
  f->o5 = add_deal (f, &(DealSpec) { .title = "Bolt mirage", .client = f->bolt, .owner = f->bob,
                                     .stage = f->proposal, .amount = 1000000,
                                     .category = PILOTE_FORECAST_COMMIT,
                                     .created_on = "2024-01-20", .expected_on = "2024-02-10" });
  soft_delete (f, PILOTE_ENTITY_DEAL, f->o5);

  add_spend (f, "2023-12-01", f->outbound, PILOTE_SPEND_SALES, 12000);
  add_spend (f, "2024-01-01", f->website, PILOTE_SPEND_MARKETING, 30000);
  add_spend (f, "2024-01-01", f->referral, PILOTE_SPEND_SALES, 10000);
  f->deleted_spend = add_spend (f, "2024-02-01", f->website, PILOTE_SPEND_MARKETING, 99900);
  soft_delete (f, PILOTE_ENTITY_SPEND, f->deleted_spend);
  add_spend (f, "2024-03-01", f->website, PILOTE_SPEND_SALES, 15000);
  add_spend (f, "2024-03-01", f->trade_show, PILOTE_SPEND_MARKETING, 25001);
}

/* Empty files and periods */

static void
test_empty_store (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE,
                                               PILOTE_KPI_DEFAULT);
  const PiloteKpiFigures *t = &report->totals;
  const PiloteKpiSummary *s = &report->summary;

  g_assert_cmpstr (report->currency, ==, "EUR");
  g_assert_cmpuint (report->rows->len, ==, 0);
  g_assert_cmpint (t->revenue, ==, 0);
  g_assert_cmpint (t->cost, ==, 0);
  g_assert_cmpint (t->gross_margin, ==, 0);
  assert_nan (t->gross_margin_rate);          /* 0 ÷ 0 */
  g_assert_cmpint (t->deals_won, ==, 0);
  g_assert_cmpint (t->deals_lost, ==, 0);
  assert_nan (t->win_rate);                   /* 0 ÷ (0 + 0) */
  g_assert_cmpint (t->clients_won, ==, 0);
  g_assert_cmpint (t->new_clients, ==, 0);
  g_assert_cmpint (t->spend, ==, 0);
  g_assert_cmpint (t->cac, ==, PILOTE_MONEY_NONE);                    /* 0 ÷ 0 clients */
  g_assert_cmpint (t->avg_revenue_per_client, ==, PILOTE_MONEY_NONE); /* 0 ÷ 0 clients */
  g_assert_cmpint (t->avg_deal_size, ==, PILOTE_MONEY_NONE);          /* 0 ÷ 0 deals */
  assert_nan (t->sales_cycle_days);
  g_assert_cmpint (t->open_deals, ==, 0);
  g_assert_cmpint (t->open_pipeline, ==, 0);
  g_assert_cmpint (t->weighted_pipeline, ==, 0);

  assert_nan (s->sales_cycle_median_days);
  g_assert_cmpint (s->forecast, ==, 0);
  g_assert_cmpint (s->forecast_commit, ==, 0);
  g_assert_cmpint (s->forecast_best_case, ==, 0);
  g_assert_cmpint (s->sales_velocity, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (s->prospects_open, ==, 0);
  g_assert_cmpint (s->prospects_converted, ==, 0);
  assert_nan (s->prospect_conversion);
  g_assert_cmpint (s->active_clients, ==, 0);
  g_assert_cmpint (s->yearly_margin_per_client, ==, PILOTE_MONEY_NONE);
  assert_nan (s->client_lifetime_years);      /* no setting, no history */
  g_assert_cmpint (s->clv, ==, PILOTE_MONEY_NONE);
  assert_nan (s->clv_to_cac);
  g_assert_cmpint (s->churned_clients, ==, 0);
  g_assert_cmpint (s->churned_revenue, ==, 0);
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *t;
  const PiloteKpiSummary *s;

  build_sales (f);
  /* nothing closes, is acquired or spent in January 2025 */
  report = compute (f, "2025-01-01", "2025-02-01", NULL, PILOTE_DIMENSION_NONE,
                    PILOTE_KPI_DEFAULT);
  t = &report->totals;
  s = &report->summary;

  g_assert_cmpint (t->revenue, ==, 0);
  g_assert_cmpint (t->cost, ==, 0);
  g_assert_cmpint (t->gross_margin, ==, 0);
  assert_nan (t->gross_margin_rate);
  g_assert_cmpint (t->deals_won, ==, 0);
  g_assert_cmpint (t->deals_lost, ==, 0);
  assert_nan (t->win_rate);
  g_assert_cmpint (t->clients_won, ==, 0);
  g_assert_cmpint (t->new_clients, ==, 0);
  g_assert_cmpint (t->spend, ==, 0);
  g_assert_cmpint (t->cac, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (t->avg_revenue_per_client, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (t->avg_deal_size, ==, PILOTE_MONEY_NONE);
  assert_nan (t->sales_cycle_days);
  assert_nan (s->sales_cycle_median_days);
  g_assert_cmpint (s->sales_velocity, ==, PILOTE_MONEY_NONE);

  /* the pipeline is what is open now, whatever the period:
   * O1..O4 (O5 deleted): 2000.00 + 1500.00 + 3000.00 + 800.00 = 7300.00 */
  g_assert_cmpint (t->open_deals, ==, 4);
  g_assert_cmpint (t->open_pipeline, ==, 730000);
  /* 1000.00 + 600.00 + 300.00 + 200.00 = 2100.00 */
  g_assert_cmpint (t->weighted_pipeline, ==, 210000);
  /* but none of it is expected to close in January 2025: forecast = 0 + 0 */
  g_assert_cmpint (s->forecast, ==, 0);
  g_assert_cmpint (s->forecast_commit, ==, 0);
  g_assert_cmpint (s->forecast_best_case, ==, 0);
}

/* Totals of Q1 2024 */

static void
test_closed_deals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *t;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
  t = &report->totals;

  g_assert_cmpuint (report->rows->len, ==, 0);
  /* won D1 D2 D3 D4: 1000.00 + 520.00 + 350.50 + 200.00 = 2070.50
   * (D8 deleted, D9 before, D15 on 2024-04-01 after) */
  g_assert_cmpint (t->revenue, ==, 207050);
  /* 400.00 + 220.00 + 150.25 + 50.00 = 820.25 */
  g_assert_cmpint (t->cost, ==, 82025);
  /* 2070.50 − 820.25 = 1250.25 */
  g_assert_cmpint (t->gross_margin, ==, 125025);
  /* 1250.25 ÷ 2070.50 ≈ 0.60384 */
  assert_rate (t->gross_margin_rate, 125025.0 / 207050.0);
  g_assert_cmpint (t->deals_won, ==, 4);
  /* D5 (closed 2024-01-01, the first day), D6, D7 */
  g_assert_cmpint (t->deals_lost, ==, 3);
  /* 4 ÷ (4 + 3) */
  assert_rate (t->win_rate, 4.0 / 7.0);
  /* Acme (twice), Bolt, Cobalt */
  g_assert_cmpint (t->clients_won, ==, 3);
  /* 2070.50 ÷ 4 = 517.625 → 517.63 (half a cent, away from zero) */
  g_assert_cmpint (t->avg_deal_size, ==, 51763);
  /* 2070.50 ÷ 3 = 690.1666… → 690.17 */
  g_assert_cmpint (t->avg_revenue_per_client, ==, 69017);
  /* cycles 10, 20, 31, 9 days: 70 ÷ 4 = 17.5 */
  g_assert_cmpfloat_with_epsilon (t->sales_cycle_days, 17.5, 1e-9);
  /* sorted 9, 10, 20, 31: even count, (10 + 20) ÷ 2 = 15 */
  g_assert_cmpfloat_with_epsilon (report->summary.sales_cycle_median_days, 15.0, 1e-9);
}

static void
test_clients_and_spend (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteClient) acme = NULL;
  g_autoptr(PiloteClient) delta = NULL;
  const PiloteKpiFigures *t;

  build_sales (f);

  /* the acquisition date is the first won deal: D1, not D4 */
  acme = pilote_store_get_client (f->store, f->acme, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (acme->acquired_on, ==, "2024-01-11");
  g_assert_cmpint (acme->kind, ==, PILOTE_CLIENT_KIND_CLIENT);
  /* Delta's only win (D8) is deleted */
  delta = pilote_store_get_client (f->store, f->delta, &error);
  g_assert_no_error (error);
  g_assert_null (delta->acquired_on);

  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
  t = &report->totals;
  /* Acme (2024-01-11; its second win D4 does not count again) and Cobalt
   * (2024-03-12); not Bolt (2022-11-15) nor Delta (deleted win) */
  g_assert_cmpint (t->new_clients, ==, 2);
  /* marketing and sales: 300.00 + 100.00 + 150.00 + 250.01 = 800.01
   * (the deleted 999.00 of February aside) */
  g_assert_cmpint (t->spend, ==, 80001);
  /* 800.01 ÷ 2 = 400.005 → 400.01 */
  g_assert_cmpint (t->cac, ==, 40001);
}

static void
test_pipeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *t;
  const PiloteKpiSummary *s;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
  t = &report->totals;
  s = &report->summary;

  /* all deals open now: O1 O2 O3 O4 (O5 deleted) */
  g_assert_cmpint (t->open_deals, ==, 4);
  /* 2000.00 + 1500.00 + 3000.00 + 800.00 = 7300.00 */
  g_assert_cmpint (t->open_pipeline, ==, 730000);
  /* O1 2000.00 × 0.50 (stage) = 1000.00
   * O2 1500.00 × 0.40 (the deal's, not the stage's 0.75) = 600.00
   * O3 3000.00 × 0.10 = 300.00;  O4 800.00 × 0.25 = 200.00
   * 1000.00 + 600.00 + 300.00 + 200.00 = 2100.00 */
  g_assert_cmpint (t->weighted_pipeline, ==, 210000);

  /* expected in Q1: O1 (03-25), O2 (01-31), O4 (03-15); O3 (06-15) not
   * forecast = 2070.50 + 1000.00 + 600.00 + 200.00 = 3870.50 */
  g_assert_cmpint (s->forecast, ==, 387050);
  /* commit deals in Q1: O1 → 2070.50 + 2000.00 = 4070.50 */
  g_assert_cmpint (s->forecast_commit, ==, 407050);
  /* commit and best case in Q1: O1, O2 → 2070.50 + 2000.00 + 1500.00 = 5570.50 */
  g_assert_cmpint (s->forecast_best_case, ==, 557050);
  /* 4 open × 4/7 × 517.63 ÷ 17.5 days = 16 × 51763 ÷ 122.5 = 828208 ÷ 122.5
   * = 6760.88… → 67.61 a day */
  g_assert_cmpint (s->sales_velocity, ==, 6761);

  /* Whole months read the open pipeline and the median cycle from the
   * summaries, other periods from the deals: the same figures, for
   * everyone and for each rep, over Q1 without its last day, on which no
   * deal is expected nor closed */
  for (guint i = 0; i < 4; i++)
    {
      static const char *const conditions[] = { NULL, "member=Alice", "member=Bob",
                                                "team=North" };
      g_autoptr(PiloteKpiFilter) filter = conditions[i] != NULL
                                            ? make_filter (conditions[i], NULL) : NULL;
      g_autoptr(PiloteKpiReport) months = compute (f, Q1_FROM, Q1_TO, filter,
                                                   PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
      g_autoptr(PiloteKpiReport) days = compute (f, Q1_FROM, "2024-03-31", filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

      g_test_message ("filter %s", conditions[i] != NULL ? conditions[i] : "none");
      g_assert_cmpint (months->totals.open_deals, ==, days->totals.open_deals);
      g_assert_cmpint (months->totals.open_pipeline, ==, days->totals.open_pipeline);
      g_assert_cmpint (months->totals.weighted_pipeline, ==, days->totals.weighted_pipeline);
      g_assert_cmpint (months->summary.forecast - months->totals.revenue, ==,
                       days->summary.forecast - days->totals.revenue);
      g_assert_cmpint (months->summary.forecast_commit - months->totals.revenue, ==,
                       days->summary.forecast_commit - days->totals.revenue);
      g_assert_cmpint (months->summary.forecast_best_case - months->totals.revenue, ==,
                       days->summary.forecast_best_case - days->totals.revenue);
      if (isnan (days->summary.sales_cycle_median_days))
        assert_nan (months->summary.sales_cycle_median_days);
      else
        g_assert_cmpfloat (months->summary.sales_cycle_median_days, ==,
                           days->summary.sales_cycle_median_days);
      if (i > 0)
        g_assert_cmpint (months->totals.open_deals, <, t->open_deals);
    }
}

/* Deleted records and deal lines */

static void
test_soft_deleted (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  build_sales (f);

  {
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE,
                                                 PILOTE_KPI_DEFAULT);

    /* without D8, O5 and the 999.00 of spend */
    g_assert_cmpint (report->totals.revenue, ==, 207050);
    g_assert_cmpint (report->totals.deals_won, ==, 4);
    g_assert_cmpint (report->totals.new_clients, ==, 2);
    g_assert_cmpint (report->totals.spend, ==, 80001);
    g_assert_cmpint (report->totals.open_deals, ==, 4);
    g_assert_cmpint (report->totals.open_pipeline, ==, 730000);
  }

  /* bring them back: they count again */
  ok = pilote_store_restore (f->store, PILOTE_ENTITY_DEAL, f->d8, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = pilote_store_restore (f->store, PILOTE_ENTITY_DEAL, f->o5, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = pilote_store_restore (f->store, PILOTE_ENTITY_SPEND, f->deleted_spend, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  {
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE,
                                                 PILOTE_KPI_DEFAULT);

    /* 2070.50 + 5000.00 = 7070.50 */
    g_assert_cmpint (report->totals.revenue, ==, 707050);
    g_assert_cmpint (report->totals.deals_won, ==, 5);
    /* Acme, Bolt, Cobalt, Delta */
    g_assert_cmpint (report->totals.clients_won, ==, 4);
    /* Delta acquired on 2024-01-08: Acme, Cobalt, Delta */
    g_assert_cmpint (report->totals.new_clients, ==, 3);
    /* 800.01 + 999.00 = 1799.01 */
    g_assert_cmpint (report->totals.spend, ==, 179901);
    /* 7300.00 + 10000.00 = 17300.00 */
    g_assert_cmpint (report->totals.open_deals, ==, 5);
    g_assert_cmpint (report->totals.open_pipeline, ==, 1730000);
  }
}

static void
test_deal_lines (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteDeal) d2 = NULL;
  g_autoptr(PiloteDeal) odd = NULL;
  gint64 odd_id;

  build_sales (f);

  /* D2 typed 9999.99 / 1.00; its live lines:
   * 3 × 100.00 × (1 − 0.10) = 270.00 and 1 × 250.00 = 250.00 → 520.00
   * 3 × 40.00 = 120.00 and 1 × 100.00 = 100.00 → 220.00 (deleted line aside) */
  d2 = pilote_store_get_deal (f->store, f->d2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d2->amount, ==, 52000);
  g_assert_cmpint (d2->cost, ==, 22000);

  /* a deal whose lines round: 3 × 1.05 × (1 − 0.5) = 1.575 → 1.58;
   * 2 × 200.00 × (1 − 0.25) = 300.00; amount 301.58, typed 1.00 ignored;
   * cost 3 × 0.40 = 1.20 and 2 × 80.00 = 160.00 → 161.20 */
  odd_id = add_deal (f, &(DealSpec) { .title = "Golf odd lines", .client = f->golf,
                                      .owner = f->carol, .stage = f->won, .amount = 100,
                                      .created_on = "2024-02-01", .closed_on = "2024-02-15" });
  add_line (f, odd_id, f->widget, 3, 105, 0.5, 40);
  add_line (f, odd_id, f->service, 2, 20000, 0.25, 8000);
  odd = pilote_store_get_deal (f->store, odd_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odd->amount, ==, 30158);
  g_assert_cmpint (odd->cost, ==, 16120);

  {
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE,
                                                 PILOTE_KPI_DEFAULT);

    /* 2070.50 + 301.58 = 2372.08 */
    g_assert_cmpint (report->totals.revenue, ==, 237208);
    /* 820.25 + 161.20 = 981.45 */
    g_assert_cmpint (report->totals.cost, ==, 98145);
    /* Golf acquired 2024-02-15: Acme, Cobalt, Golf */
    g_assert_cmpint (report->totals.new_clients, ==, 3);
  }

  /* deleting D2's service line takes 250.00 / 100.00 off */
  soft_delete (f, PILOTE_ENTITY_DEAL_LINE, f->d2_service_line);
  {
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE,
                                                 PILOTE_KPI_DEFAULT);

    /* 2372.08 − 250.00 = 2122.08 */
    g_assert_cmpint (report->totals.revenue, ==, 212208);
    /* 981.45 − 100.00 = 881.45 */
    g_assert_cmpint (report->totals.cost, ==, 88145);
  }
}

/* Breakdowns */

static void
test_breakdown_month (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *jan, *feb, *mar;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_MONTH, PILOTE_KPI_DEFAULT);

  g_assert_cmpint (report->dimension, ==, PILOTE_DIMENSION_MONTH);
  g_assert_cmpuint (report->rows->len, ==, 3);
  g_assert_cmpstr (row_key (report, 0), ==, "2024-01");
  g_assert_cmpstr (row_key (report, 1), ==, "2024-02");
  g_assert_cmpstr (row_key (report, 2), ==, "2024-03");
  jan = row (report, "2024-01");
  feb = row (report, "2024-02");
  mar = row (report, "2024-03");

  /* January: D1 1000.00 + D2 520.00 = 1520.00 */
  g_assert_cmpint (jan->revenue, ==, 152000);
  g_assert_cmpint (jan->cost, ==, 62000);            /* 400.00 + 220.00 */
  g_assert_cmpint (jan->deals_won, ==, 2);
  g_assert_cmpint (jan->deals_lost, ==, 1);          /* D5 */
  assert_rate (jan->win_rate, 2.0 / 3.0);
  g_assert_cmpint (jan->new_clients, ==, 1);         /* Acme */
  g_assert_cmpint (jan->spend, ==, 40000);           /* 300.00 + 100.00 */
  g_assert_cmpint (jan->cac, ==, 40000);             /* 400.00 ÷ 1 */
  g_assert_cmpint (jan->avg_deal_size, ==, 76000);   /* 1520.00 ÷ 2 */
  g_assert_cmpfloat_with_epsilon (jan->sales_cycle_days, 15.0, 1e-9); /* (10 + 20) ÷ 2 */
  /* open deals expected in January: O2 1500.00 × 0.40 */
  g_assert_cmpint (jan->open_deals, ==, 1);
  g_assert_cmpint (jan->open_pipeline, ==, 150000);
  g_assert_cmpint (jan->weighted_pipeline, ==, 60000);

  /* February: nothing at all, but a row of zeros */
  g_assert_cmpint (feb->revenue, ==, 0);
  g_assert_cmpint (feb->cost, ==, 0);
  g_assert_cmpint (feb->gross_margin, ==, 0);
  g_assert_cmpint (feb->deals_won, ==, 0);
  g_assert_cmpint (feb->deals_lost, ==, 0);
  assert_nan (feb->win_rate);
  assert_nan (feb->gross_margin_rate);
  g_assert_cmpint (feb->new_clients, ==, 0);
  g_assert_cmpint (feb->spend, ==, 0);               /* the 999.00 is deleted */
  g_assert_cmpint (feb->cac, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (feb->avg_deal_size, ==, PILOTE_MONEY_NONE);
  assert_nan (feb->sales_cycle_days);
  g_assert_cmpint (feb->open_deals, ==, 0);
  g_assert_cmpint (feb->open_pipeline, ==, 0);

  /* March: D3 350.50 + D4 200.00 = 550.50 */
  g_assert_cmpint (mar->revenue, ==, 55050);
  g_assert_cmpint (mar->cost, ==, 20025);            /* 150.25 + 50.00 */
  g_assert_cmpint (mar->gross_margin, ==, 35025);    /* 550.50 − 200.25 */
  g_assert_cmpint (mar->deals_won, ==, 2);
  g_assert_cmpint (mar->deals_lost, ==, 2);          /* D6, D7 */
  g_assert_cmpint (mar->new_clients, ==, 1);         /* Cobalt */
  g_assert_cmpint (mar->spend, ==, 40001);           /* 150.00 + 250.01 */
  g_assert_cmpint (mar->cac, ==, 40001);
  g_assert_cmpfloat_with_epsilon (mar->sales_cycle_days, 20.0, 1e-9); /* (31 + 9) ÷ 2 */
  /* O1 2000.00 + O4 800.00 = 2800.00; 1000.00 + 200.00 = 1200.00 */
  g_assert_cmpint (mar->open_deals, ==, 2);
  g_assert_cmpint (mar->open_pipeline, ==, 280000);
  g_assert_cmpint (mar->weighted_pipeline, ==, 120000);

  /* the rows add up to the totals */
  g_assert_cmpint (jan->revenue + feb->revenue + mar->revenue, ==, report->totals.revenue);
  g_assert_cmpint (report->totals.revenue, ==, 207050);     /* 1520.00 + 0 + 550.50 */
  g_assert_cmpint (jan->cost + feb->cost + mar->cost, ==, report->totals.cost);
  g_assert_cmpint (report->totals.cost, ==, 82025);         /* 620.00 + 0 + 200.25 */
  g_assert_cmpint (jan->deals_won + feb->deals_won + mar->deals_won, ==, 4);
  g_assert_cmpint (report->totals.deals_won, ==, 4);
  g_assert_cmpint (jan->deals_lost + feb->deals_lost + mar->deals_lost, ==, 3);
  g_assert_cmpint (report->totals.deals_lost, ==, 3);
  g_assert_cmpint (jan->new_clients + feb->new_clients + mar->new_clients, ==, 2);
  g_assert_cmpint (report->totals.new_clients, ==, 2);
  g_assert_cmpint (jan->spend + feb->spend + mar->spend, ==, 80001);
  g_assert_cmpint (report->totals.spend, ==, 80001);
  /* but the totals' pipeline is everything open, O3 (June) included:
   * 1500.00 + 0 + 2800.00 + 3000.00 = 7300.00 */
  g_assert_cmpint (report->totals.open_pipeline, ==, 730000);
}

static void
test_breakdown_member (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *alice, *bob, *carol;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_MEMBER, PILOTE_KPI_DEFAULT);

  g_assert_cmpuint (report->rows->len, ==, 3);
  g_assert_cmpstr (row_key (report, 0), ==, "Alice");
  g_assert_cmpstr (row_key (report, 1), ==, "Bob");
  g_assert_cmpstr (row_key (report, 2), ==, "Carol");
  alice = row (report, "Alice");
  bob = row (report, "Bob");
  carol = row (report, "Carol");

  /* Alice: D1 1000.00 + D4 200.00; lost D5; owns Acme (new) */
  g_assert_cmpint (alice->revenue, ==, 120000);
  g_assert_cmpint (alice->cost, ==, 45000);          /* 400.00 + 50.00 */
  g_assert_cmpint (alice->deals_won, ==, 2);
  g_assert_cmpint (alice->deals_lost, ==, 1);
  g_assert_cmpint (alice->clients_won, ==, 1);
  g_assert_cmpint (alice->avg_deal_size, ==, 60000); /* 1200.00 ÷ 2 */
  g_assert_cmpint (alice->new_clients, ==, 1);
  g_assert_cmpfloat_with_epsilon (alice->sales_cycle_days, 9.5, 1e-9); /* (10 + 9) ÷ 2 */
  /* spend is not recorded by member */
  g_assert_cmpint (alice->spend, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (alice->cac, ==, PILOTE_MONEY_NONE);
  /* O1 2000.00 + O2 1500.00; 1000.00 + 600.00 */
  g_assert_cmpint (alice->open_pipeline, ==, 350000);
  g_assert_cmpint (alice->weighted_pipeline, ==, 160000);

  /* Bob: D2 520.00; lost D6; Bolt was acquired in 2022 */
  g_assert_cmpint (bob->revenue, ==, 52000);
  g_assert_cmpint (bob->cost, ==, 22000);
  g_assert_cmpint (bob->deals_won, ==, 1);
  g_assert_cmpint (bob->deals_lost, ==, 1);
  g_assert_cmpint (bob->new_clients, ==, 0);
  g_assert_cmpint (bob->open_pipeline, ==, 300000);  /* O3 */
  g_assert_cmpint (bob->weighted_pipeline, ==, 30000);

  /* Carol: D3 350.50; lost D7; Cobalt new */
  g_assert_cmpint (carol->revenue, ==, 35050);
  g_assert_cmpint (carol->cost, ==, 15025);
  g_assert_cmpint (carol->deals_won, ==, 1);
  g_assert_cmpint (carol->deals_lost, ==, 1);
  g_assert_cmpint (carol->new_clients, ==, 1);
  g_assert_cmpint (carol->open_pipeline, ==, 80000);  /* O4 */
  g_assert_cmpint (carol->weighted_pipeline, ==, 20000);

  /* 1200.00 + 520.00 + 350.50 = 2070.50 */
  g_assert_cmpint (alice->revenue + bob->revenue + carol->revenue, ==, report->totals.revenue);
  /* 450.00 + 220.00 + 150.25 = 820.25 */
  g_assert_cmpint (alice->cost + bob->cost + carol->cost, ==, report->totals.cost);
  g_assert_cmpint (alice->deals_won + bob->deals_won + carol->deals_won, ==, 4);
  g_assert_cmpint (alice->deals_lost + bob->deals_lost + carol->deals_lost, ==, 3);
  g_assert_cmpint (alice->new_clients + bob->new_clients + carol->new_clients, ==, 2);
  /* 3500.00 + 3000.00 + 800.00 = 7300.00 */
  g_assert_cmpint (alice->open_pipeline + bob->open_pipeline + carol->open_pipeline, ==, 730000);
  /* spend is known in total, not by member */
  g_assert_cmpint (report->totals.spend, ==, 80001);
}

static void
test_breakdown_team (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *north, *south;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_TEAM, PILOTE_KPI_DEFAULT);

  g_assert_cmpuint (report->rows->len, ==, 2);
  north = row (report, "North");
  south = row (report, "South");

  /* North = Alice + Bob: 1200.00 + 520.00 = 1720.00 */
  g_assert_cmpint (north->revenue, ==, 172000);
  g_assert_cmpint (north->cost, ==, 67000);          /* 450.00 + 220.00 */
  g_assert_cmpint (north->deals_won, ==, 3);
  g_assert_cmpint (north->deals_lost, ==, 2);
  assert_rate (north->win_rate, 3.0 / 5.0);
  g_assert_cmpint (north->new_clients, ==, 1);
  g_assert_cmpint (north->spend, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (north->open_pipeline, ==, 650000); /* 3500.00 + 3000.00 */
  /* South = Carol */
  g_assert_cmpint (south->revenue, ==, 35050);
  g_assert_cmpint (south->deals_won, ==, 1);
  g_assert_cmpint (south->deals_lost, ==, 1);
  g_assert_cmpint (south->new_clients, ==, 1);

  /* 1720.00 + 350.50 = 2070.50 */
  g_assert_cmpint (north->revenue + south->revenue, ==, 207050);
  g_assert_cmpint (north->cost + south->cost, ==, 82025);
  g_assert_cmpint (north->deals_won + south->deals_won, ==, report->totals.deals_won);
  g_assert_cmpint (north->deals_lost + south->deals_lost, ==, report->totals.deals_lost);
  g_assert_cmpint (north->new_clients + south->new_clients, ==, report->totals.new_clients);
}

static void
test_breakdown_product (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *widget, *service, *none;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_PRODUCT, PILOTE_KPI_DEFAULT);

  /* Service, Widget, and the deals without lines */
  g_assert_cmpuint (report->rows->len, ==, 3);
  widget = row (report, "Widget");
  service = row (report, "Service");
  none = row (report, NULL);

  /* D2's Widget line: 3 × 100.00 × 0.9 = 270.00, cost 120.00 (the deleted
   * Widget line aside) */
  g_assert_cmpint (widget->revenue, ==, 27000);
  g_assert_cmpint (widget->cost, ==, 12000);
  g_assert_cmpint (widget->deals_won, ==, 1);
  /* D2's Service line: 250.00, cost 100.00 */
  g_assert_cmpint (service->revenue, ==, 25000);
  g_assert_cmpint (service->cost, ==, 10000);
  g_assert_cmpint (service->deals_won, ==, 1);
  /* no lines: D1 1000.00 + D3 350.50 + D4 200.00 = 1550.50; lost D5 D6 D7 */
  g_assert_cmpint (none->revenue, ==, 155050);
  g_assert_cmpint (none->cost, ==, 60025);           /* 400.00 + 150.25 + 50.00 */
  g_assert_cmpint (none->deals_won, ==, 3);
  g_assert_cmpint (none->deals_lost, ==, 3);

  /* the amounts add up: 270.00 + 250.00 + 1550.50 = 2070.50 */
  g_assert_cmpint (widget->revenue + service->revenue + none->revenue, ==, 207050);
  g_assert_cmpint (report->totals.revenue, ==, 207050);
  /* the counts do not: D2 is in both product rows, 1 + 1 + 3 = 5 for 4 deals */
  g_assert_cmpint (widget->deals_won + service->deals_won + none->deals_won, ==, 5);
  g_assert_cmpint (report->totals.deals_won, ==, 4);

  /* new clients and spend have no product */
  g_assert_cmpint (widget->new_clients, ==, -1);
  g_assert_cmpint (widget->spend, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (widget->cac, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (none->new_clients, ==, -1);
}

static void
test_breakdown_channel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *website, *referral, *trade_show, *outbound, *partner;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_CHANNEL, PILOTE_KPI_DEFAULT);

  g_assert_cmpuint (report->rows->len, ==, 5);
  website = row (report, "Website");
  referral = row (report, "Referral");
  trade_show = row (report, "Trade show");
  outbound = row (report, "Outbound");
  partner = row (report, "Partner");

  /* Website (Acme): D1 1000.00 (D4 carries its own channel, Partner);
   * acquired Acme; spend 300.00 + 150.00 = 450.00; CAC 450.00 ÷ 1 */
  g_assert_cmpint (website->revenue, ==, 100000);
  g_assert_cmpint (website->deals_won, ==, 1);
  g_assert_cmpint (website->new_clients, ==, 1);
  g_assert_cmpint (website->spend, ==, 45000);
  g_assert_cmpint (website->cac, ==, 45000);
  g_assert_cmpint (website->open_pipeline, ==, 200000);  /* O1 */
  /* Referral (Cobalt): D3 350.50, lost D7; acquired Cobalt; 100.00 spent */
  g_assert_cmpint (referral->revenue, ==, 35050);
  g_assert_cmpint (referral->deals_lost, ==, 1);
  g_assert_cmpint (referral->new_clients, ==, 1);
  g_assert_cmpint (referral->spend, ==, 10000);
  g_assert_cmpint (referral->cac, ==, 10000);
  /* Trade show (Delta): lost D5; 250.01 spent, nobody acquired: no CAC */
  g_assert_cmpint (trade_show->revenue, ==, 0);
  g_assert_cmpint (trade_show->deals_lost, ==, 1);
  g_assert_cmpint (trade_show->new_clients, ==, 0);
  g_assert_cmpint (trade_show->spend, ==, 25001);
  g_assert_cmpint (trade_show->cac, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (trade_show->open_pipeline, ==, 150000); /* O2 */
  /* Outbound (Bolt): D2 520.00, lost D6; Bolt acquired in 2022; nothing spent */
  g_assert_cmpint (outbound->revenue, ==, 52000);
  g_assert_cmpint (outbound->deals_lost, ==, 1);
  g_assert_cmpint (outbound->new_clients, ==, 0);
  g_assert_cmpint (outbound->spend, ==, 0);
  g_assert_cmpint (outbound->cac, ==, PILOTE_MONEY_NONE);
  /* Partner: D4 200.00 */
  g_assert_cmpint (partner->revenue, ==, 20000);
  g_assert_cmpint (partner->deals_won, ==, 1);
  g_assert_cmpint (partner->spend, ==, 0);

  /* 1000.00 + 350.50 + 0 + 520.00 + 200.00 = 2070.50 */
  g_assert_cmpint (website->revenue + referral->revenue + trade_show->revenue +
                   outbound->revenue + partner->revenue, ==, report->totals.revenue);
  /* 450.00 + 100.00 + 250.01 + 0 + 0 = 800.01 */
  g_assert_cmpint (website->spend + referral->spend + trade_show->spend +
                   outbound->spend + partner->spend, ==, 80001);
  g_assert_cmpint (report->totals.spend, ==, 80001);
  g_assert_cmpint (website->new_clients + referral->new_clients + trade_show->new_clients +
                   outbound->new_clients + partner->new_clients, ==, 2);
}

/* Filters */

static void
test_filter_single (Fixture       *f,
                    gconstpointer  data)
{
  build_sales (f);

  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Alice", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *t = &report->totals;

    g_assert_cmpint (t->revenue, ==, 120000);         /* D1 1000.00 + D4 200.00 */
    g_assert_cmpint (t->deals_won, ==, 2);
    g_assert_cmpint (t->deals_lost, ==, 1);
    assert_rate (t->win_rate, 2.0 / 3.0);
    g_assert_cmpint (t->new_clients, ==, 1);          /* Acme */
    g_assert_cmpint (t->spend, ==, PILOTE_MONEY_NONE);
    g_assert_cmpint (t->cac, ==, PILOTE_MONEY_NONE);
    g_assert_cmpint (t->open_pipeline, ==, 350000);   /* O1 + O2 */
    /* 1200.00 + O1 1000.00 + O2 600.00 = 2800.00 */
    g_assert_cmpint (report->summary.forecast, ==, 280000);
  }
  {
    /* the name as typed, whatever its case */
    g_autoptr(PiloteKpiFilter) filter = make_filter ("team=north", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *t = &report->totals;

    g_assert_cmpint (t->revenue, ==, 172000);         /* 1000.00 + 520.00 + 200.00 */
    g_assert_cmpint (t->deals_won, ==, 3);
    g_assert_cmpint (t->deals_lost, ==, 2);           /* D5, D6 */
    g_assert_cmpint (t->new_clients, ==, 1);          /* Acme */
    /* cycles 10, 20, 9: mean 39 ÷ 3 = 13; odd count, median 10 */
    g_assert_cmpfloat_with_epsilon (t->sales_cycle_days, 13.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (report->summary.sales_cycle_median_days, 10.0, 1e-9);
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("product=Widget", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *t = &report->totals;

    /* D2's Widget line only: 270.00 / 120.00 */
    g_assert_cmpint (t->revenue, ==, 27000);
    g_assert_cmpint (t->cost, ==, 12000);
    g_assert_cmpint (t->deals_won, ==, 1);
    g_assert_cmpint (t->deals_lost, ==, 0);
    g_assert_cmpint (t->new_clients, ==, -1);
    g_assert_cmpint (t->spend, ==, PILOTE_MONEY_NONE);
    g_assert_cmpint (t->cac, ==, PILOTE_MONEY_NONE);
    g_assert_cmpint (t->open_deals, ==, 0);
    /* prospects have no product: no conversion to speak of */
    g_assert_cmpint (report->summary.prospects_open, ==, -1);
    g_assert_true (isnan (report->summary.prospect_conversion));
    /* the only client active over the year to March is Bolt, through D2's
     * Widget line: 270.00 − 120.00 = 150.00, not the whole deal's 300.00 */
    g_assert_cmpint (report->summary.active_clients, ==, 1);
    g_assert_cmpint (report->summary.yearly_margin_per_client, ==, 15000);
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("category=Services", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->totals.revenue, ==, 25000);   /* D2's Service line */
    g_assert_cmpint (report->totals.new_clients, ==, -1);
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("channel=Website", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *t = &report->totals;

    g_assert_cmpint (t->revenue, ==, 100000);         /* D1; D4 is Partner's */
    g_assert_cmpint (t->new_clients, ==, 1);          /* Acme */
    g_assert_cmpint (t->spend, ==, 45000);            /* 300.00 + 150.00 */
    g_assert_cmpint (t->cac, ==, 45000);              /* 450.00 ÷ 1 */
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("month=2024-03", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->totals.revenue, ==, 55050);   /* D3 350.50 + D4 200.00 */
    g_assert_cmpint (report->totals.spend, ==, 40001);     /* 150.00 + 250.01 */
  }
}

static void
test_filter_combined (Fixture       *f,
                      gconstpointer  data)
{
  build_sales (f);

  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("team=North", "member=Bob", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->totals.revenue, ==, 52000);   /* D2 */
    g_assert_cmpint (report->totals.deals_won, ==, 1);
    g_assert_cmpint (report->totals.deals_lost, ==, 1);    /* D6 */
    g_assert_cmpint (report->totals.new_clients, ==, 0);
    g_assert_cmpint (report->totals.open_pipeline, ==, 300000);  /* O3 */
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Bob", "product=Service", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->totals.revenue, ==, 25000);   /* D2's Service line */
    g_assert_cmpint (report->totals.deals_won, ==, 1);
  }
  {
    /* Alice is not in South: nothing, but zeros rather than "no value" */
    g_autoptr(PiloteKpiFilter) filter = make_filter ("team=South", "member=Alice", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->totals.revenue, ==, 0);
    g_assert_cmpint (report->totals.deals_won, ==, 0);
    g_assert_cmpint (report->totals.deals_lost, ==, 0);
    g_assert_cmpint (report->totals.new_clients, ==, 0);
    g_assert_cmpint (report->totals.open_deals, ==, 0);
    g_assert_cmpint (report->totals.open_pipeline, ==, 0);
    assert_nan (report->totals.win_rate);
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Nobody", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *t = &report->totals;

    g_assert_cmpint (t->revenue, ==, 0);
    g_assert_cmpint (t->cost, ==, 0);
    g_assert_cmpint (t->deals_won, ==, 0);
    g_assert_cmpint (t->deals_lost, ==, 0);
    assert_nan (t->win_rate);
    g_assert_cmpint (t->avg_deal_size, ==, PILOTE_MONEY_NONE);
    g_assert_cmpint (t->new_clients, ==, 0);
    g_assert_cmpint (t->open_pipeline, ==, 0);
    g_assert_cmpint (t->weighted_pipeline, ==, 0);
    g_assert_cmpint (report->summary.forecast, ==, 0);
    assert_nan (report->summary.sales_cycle_median_days);
  }
  {
    g_autoptr(PiloteKpiFilter) filter = make_filter ("product=Nothing", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->totals.revenue, ==, 0);
    g_assert_cmpint (report->totals.deals_won, ==, 0);
    g_assert_cmpint (report->totals.open_pipeline, ==, 0);
  }
}

/* Fiscal years */

static void
assert_bucket (PiloteDimension  dimension,
               const char      *iso,
               GDateMonth       fiscal_start,
               const char      *expected)
{
  GDate date = make_date (iso);
  char key[16];

  pilote_kpi_bucket_key (dimension, &date, fiscal_start, key, sizeof key);
  g_assert_cmpstr (key, ==, expected);
}

static void
test_fiscal_bucket_key (void)
{
  /* calendar years */
  assert_bucket (PILOTE_DIMENSION_MONTH, "2024-01-15", G_DATE_JANUARY, "2024-01");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2024-01-15", G_DATE_JANUARY, "2024-Q1");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2024-12-31", G_DATE_JANUARY, "2024-Q4");
  assert_bucket (PILOTE_DIMENSION_YEAR, "2024-12-31", G_DATE_JANUARY, "2024");
  /* fiscal year from April, named after the year it starts in */
  assert_bucket (PILOTE_DIMENSION_MONTH, "2024-01-15", G_DATE_APRIL, "2024-01");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2023-04-01", G_DATE_APRIL, "2023-Q1");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2023-09-30", G_DATE_APRIL, "2023-Q2");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2023-10-01", G_DATE_APRIL, "2023-Q3");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2024-01-15", G_DATE_APRIL, "2023-Q4");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2024-03-31", G_DATE_APRIL, "2023-Q4");
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2024-04-01", G_DATE_APRIL, "2024-Q1");
  assert_bucket (PILOTE_DIMENSION_YEAR, "2024-03-31", G_DATE_APRIL, "2023");
  assert_bucket (PILOTE_DIMENSION_YEAR, "2024-04-01", G_DATE_APRIL, "2024");
  /* from October: December is the third month of fiscal 2023 */
  assert_bucket (PILOTE_DIMENSION_QUARTER, "2023-12-31", G_DATE_OCTOBER, "2023-Q1");
  assert_bucket (PILOTE_DIMENSION_YEAR, "2023-09-30", G_DATE_OCTOBER, "2022");
}

static void
test_fiscal_breakdown (Fixture       *f,
                       gconstpointer  data)
{
  build_sales (f);
  set_setting (f, "fiscal_year_start", "4");
  g_assert_cmpint (pilote_store_get_fiscal_start (f->store), ==, G_DATE_APRIL);

  {
    /* fiscal 2023: April 2023 to March 2024, by quarter */
    g_autoptr(PiloteKpiReport) report = compute (f, "2023-04-01", "2024-04-01", NULL,
                                                 PILOTE_DIMENSION_QUARTER, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *q1, *q2, *q3, *q4;

    g_assert_cmpuint (report->rows->len, ==, 4);
    g_assert_cmpstr (row_key (report, 0), ==, "2023-Q1");
    g_assert_cmpstr (row_key (report, 1), ==, "2023-Q2");
    g_assert_cmpstr (row_key (report, 2), ==, "2023-Q3");
    g_assert_cmpstr (row_key (report, 3), ==, "2023-Q4");
    q1 = row (report, "2023-Q1");
    q2 = row (report, "2023-Q2");
    q3 = row (report, "2023-Q3");
    q4 = row (report, "2023-Q4");

    /* April–June and July–September 2023: nothing */
    g_assert_cmpint (q1->revenue, ==, 0);
    g_assert_cmpint (q1->spend, ==, 0);
    g_assert_cmpint (q2->revenue, ==, 0);
    g_assert_cmpint (q2->new_clients, ==, 0);
    /* October–December 2023: D9 400.00 / 100.00, lost D11, 120.00 spent */
    g_assert_cmpint (q3->revenue, ==, 40000);
    g_assert_cmpint (q3->cost, ==, 10000);
    g_assert_cmpint (q3->deals_won, ==, 1);
    g_assert_cmpint (q3->deals_lost, ==, 1);
    g_assert_cmpint (q3->new_clients, ==, 0);
    g_assert_cmpint (q3->spend, ==, 12000);
    /* January–March 2024: the calendar Q1 */
    g_assert_cmpint (q4->revenue, ==, 207050);
    g_assert_cmpint (q4->cost, ==, 82025);
    g_assert_cmpint (q4->deals_won, ==, 4);
    g_assert_cmpint (q4->deals_lost, ==, 3);
    g_assert_cmpint (q4->new_clients, ==, 2);
    g_assert_cmpint (q4->spend, ==, 80001);
    /* O1, O2, O4 expected then: 2000.00 + 1500.00 + 800.00 */
    g_assert_cmpint (q4->open_pipeline, ==, 430000);

    /* 0 + 0 + 400.00 + 2070.50 = 2470.50 */
    g_assert_cmpint (report->totals.revenue, ==, 247050);
    g_assert_cmpint (q1->revenue + q2->revenue + q3->revenue + q4->revenue, ==, 247050);
    /* 100.00 + 820.25 = 920.25 */
    g_assert_cmpint (report->totals.cost, ==, 92025);
    g_assert_cmpint (report->totals.deals_won, ==, 5);
    g_assert_cmpint (report->totals.deals_lost, ==, 4);
    g_assert_cmpint (report->totals.new_clients, ==, 2);
    /* 120.00 + 800.01 = 920.01 */
    g_assert_cmpint (report->totals.spend, ==, 92001);
    g_assert_cmpint (q1->spend + q2->spend + q3->spend + q4->spend, ==, 92001);
  }
  {
    /* the same twelve months by year: one fiscal year, "2023" */
    g_autoptr(PiloteKpiReport) report = compute (f, "2023-04-01", "2024-04-01", NULL,
                                                 PILOTE_DIMENSION_YEAR, PILOTE_KPI_DEFAULT);
    const PiloteKpiFigures *fy;

    g_assert_cmpuint (report->rows->len, ==, 1);
    g_assert_cmpstr (row_key (report, 0), ==, "2023");
    fy = row (report, "2023");
    g_assert_cmpint (fy->revenue, ==, 247050);
    g_assert_cmpint (fy->deals_won, ==, 5);
    g_assert_cmpint (fy->deals_lost, ==, 4);
    g_assert_cmpint (fy->new_clients, ==, 2);
    g_assert_cmpint (fy->spend, ==, 92001);
  }
  {
    /* calendar Q1 2024 is the fourth quarter of fiscal 2023 */
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL,
                                                 PILOTE_DIMENSION_QUARTER, PILOTE_KPI_DEFAULT);

    g_assert_cmpuint (report->rows->len, ==, 1);
    g_assert_cmpstr (row_key (report, 0), ==, "2023-Q4");
    g_assert_cmpint (row (report, "2023-Q4")->revenue, ==, 207050);
  }
}

/* Comparisons */

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiFigures *p, *y;

  build_sales (f);
  report = compute (f, Q1_FROM, Q1_TO, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_COMPARE);
  p = &report->previous;
  y = &report->year_before;

  g_assert_cmpint (report->totals.revenue, ==, 207050);

  /* previous: Q4 2023. D9 won 400.00 / 100.00 (30 days), D11 lost;
   * D5, closed on 2024-01-01, belongs to Q1 */
  g_assert_cmpint (p->revenue, ==, 40000);
  g_assert_cmpint (p->cost, ==, 10000);
  g_assert_cmpint (p->gross_margin, ==, 30000);
  g_assert_cmpint (p->deals_won, ==, 1);
  g_assert_cmpint (p->deals_lost, ==, 1);
  assert_rate (p->win_rate, 0.5);
  g_assert_cmpint (p->avg_deal_size, ==, 40000);
  g_assert_cmpfloat_with_epsilon (p->sales_cycle_days, 30.0, 1e-9);
  /* Bolt's second win is not an acquisition: no new client */
  g_assert_cmpint (p->new_clients, ==, 0);
  g_assert_cmpint (p->spend, ==, 12000);
  g_assert_cmpint (p->cac, ==, PILOTE_MONEY_NONE);

  /* a year before: Q1 2023. D10 won 600.00 / 200.00 (31 days), Echo new */
  g_assert_cmpint (y->revenue, ==, 60000);
  g_assert_cmpint (y->cost, ==, 20000);
  g_assert_cmpint (y->deals_won, ==, 1);
  g_assert_cmpint (y->deals_lost, ==, 0);
  assert_rate (y->win_rate, 1.0);
  g_assert_cmpfloat_with_epsilon (y->sales_cycle_days, 31.0, 1e-9);
  g_assert_cmpint (y->new_clients, ==, 1);
  g_assert_cmpint (y->spend, ==, 0);
  g_assert_cmpint (y->cac, ==, 0);                   /* 0.00 ÷ 1 */
}

/* Clients */

static void
test_prospects (Fixture       *f,
                gconstpointer  data)
{
  build_sales (f);

  {
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    /* open at the start or created in Q1: Acme (created 2023-12-01,
     * acquired 01-11), Cobalt (created 02-01, acquired 03-12), Delta
     * (never), Golf (created 01-10, never); not Bolt, Echo, Hotel
     * (acquired before), nor Foxtrot (created in May) */
    g_assert_cmpint (report->summary.prospects_open, ==, 4);
    g_assert_cmpint (report->summary.prospects_converted, ==, 2);
    assert_rate (report->summary.prospect_conversion, 2.0 / 4.0);
  }
  {
    /* Q2 2024: Delta, Golf, and Foxtrot created in it; none acquired */
    g_autoptr(PiloteKpiReport) report = compute (f, "2024-04-01", "2024-07-01", NULL,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->summary.prospects_open, ==, 3);
    g_assert_cmpint (report->summary.prospects_converted, ==, 0);
    assert_rate (report->summary.prospect_conversion, 0.0);
  }
  {
    /* Bob's clients: Bolt and Echo acquired before, Foxtrot created after */
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Bob", NULL);
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, filter,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->summary.prospects_open, ==, 0);
    assert_nan (report->summary.prospect_conversion);
  }
}

static void
test_churn (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate as_of = make_date ("2024-04-01");
  const PiloteChurnedClient *c;

  /* clients of ids beyond those the pass keeps in an array, found in a
   * hash table instead: the same figures */
  if (GPOINTER_TO_INT (data))
    {
      g_assert_true (pilote_store_exec (f->store, "INSERT INTO client (id, name)"
                                                  " VALUES (300000, 'Placeholder')", &error));
      g_assert_no_error (error);
    }
  build_sales (f);
  if (GPOINTER_TO_INT (data))
    g_assert_cmpint (f->echo, >, 300000);

  {
    /* won in [2022-04-01, 2023-04-01), none in [2023-04-01, 2024-04-01):
     * Echo (D10 600.00, 2023-02-10) and Hotel (D13 250.00 + D14 150.00 =
     * 400.00, last 2022-09-01). Bolt won in both (D12, then D9 and D2). */
    g_autoptr(GPtrArray) churned = pilote_kpi_churn (f->store, &as_of, NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_nonnull (churned);
    g_assert_cmpuint (churned->len, ==, 2);
    c = g_ptr_array_index (churned, 0);
    g_assert_cmpint (c->client_id, ==, f->echo);
    g_assert_cmpstr (c->name, ==, "Echo");
    g_assert_cmpstr (c->last_won_on, ==, "2023-02-10");
    g_assert_cmpint (c->revenue_at_stake, ==, 60000);
    c = g_ptr_array_index (churned, 1);
    g_assert_cmpint (c->client_id, ==, f->hotel);
    g_assert_cmpstr (c->last_won_on, ==, "2022-09-01");
    g_assert_cmpint (c->revenue_at_stake, ==, 40000);
  }
  {
    /* at most one: the largest at stake */
    g_autoptr(GPtrArray) churned = pilote_kpi_churn (f->store, &as_of, NULL, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (churned->len, ==, 1);
    c = g_ptr_array_index (churned, 0);
    g_assert_cmpint (c->client_id, ==, f->echo);
  }
  {
    /* Carol's deals only: Hotel */
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Carol", NULL);
    g_autoptr(GPtrArray) churned = pilote_kpi_churn (f->store, &as_of, filter, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (churned->len, ==, 1);
    c = g_ptr_array_index (churned, 0);
    g_assert_cmpint (c->client_id, ==, f->hotel);
    g_assert_cmpstr (c->last_won_on, ==, "2022-09-01");
    g_assert_cmpint (c->revenue_at_stake, ==, 40000);
  }
  {
    /* a day later, not a whole month: gathered client by client from the
     * won deals rather than read from client_month, the same two */
    GDate next_day = make_date ("2024-04-02");
    g_autoptr(GPtrArray) churned = pilote_kpi_churn (f->store, &next_day, NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (churned->len, ==, 2);
    c = g_ptr_array_index (churned, 0);
    g_assert_cmpint (c->client_id, ==, f->echo);
    g_assert_cmpstr (c->last_won_on, ==, "2023-02-10");
    g_assert_cmpint (c->revenue_at_stake, ==, 60000);
    c = g_ptr_array_index (churned, 1);
    g_assert_cmpint (c->client_id, ==, f->hotel);
    g_assert_cmpint (c->revenue_at_stake, ==, 40000);
  }
  {
    /* the summary of Q1 2024 ends on 2024-04-01: the same two clients */
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);

    g_assert_cmpint (report->summary.churned_clients, ==, 2);
    /* 600.00 + 400.00 = 1000.00 */
    g_assert_cmpint (report->summary.churned_revenue, ==, 100000);
  }
}

/* A report computed without the clients of the two years, completed with
 * them read apart (as the dashboard does, on another connection): the same
 * summary and list as a report computed whole */
static void
test_years_apart (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const filters[] = { NULL, "member=Carol", "team=North", "product=Widget" };
  static const char *const periods[][2] = {
    { Q1_FROM, Q1_TO }, { "2024-02-03", "2024-04-02" }, { "2023-01-01", "2024-01-01" },
  };
  g_autofree char *setting = NULL;

  build_sales (f);
  for (guint lifetime = 0; lifetime < 2; lifetime++)
    {
      g_autoptr(GError) error = NULL;

      /* the lifetime observed, then the one the user set */
      if (lifetime == 1)
        {
          g_assert_true (pilote_store_set_setting (f->store, "client_lifetime_years", "3.5",
                                                   &error));
          g_assert_no_error (error);
        }
      for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
        for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
          {
            g_autoptr(PiloteKpiFilter) filter = filters[i] != NULL
                                                  ? make_filter (filters[i], NULL) : NULL;
            PiloteKpiFlags flags = PILOTE_KPI_COMPARE | PILOTE_KPI_CHURN_LIST;
            g_autoptr(PiloteKpiReport) whole = compute (f, periods[p][0], periods[p][1], filter,
                                                        PILOTE_DIMENSION_NONE, flags);
            g_autoptr(PiloteKpiReport) apart = compute (f, periods[p][0], periods[p][1], filter,
                                                        PILOTE_DIMENSION_NONE,
                                                        flags | PILOTE_KPI_NO_CLIENT_YEARS);
            PilotePeriod period = make_period (periods[p][0], periods[p][1]);
            PiloteKpiYears *years;
            const PiloteKpiSummary *a = &whole->summary, *b = &apart->summary;

            /* left out until added */
            g_assert_cmpint (b->active_clients, ==, -1);
            g_assert_cmpint (b->churned_clients, ==, -1);
            g_assert_cmpint (b->clv, ==, PILOTE_MONEY_NONE);
            g_assert_true (isnan (b->client_lifetime_years));
            g_assert_null (apart->churned);

            years = pilote_kpi_years_read (f->store, &period, filter, TRUE, &error);
            g_assert_no_error (error);
            g_assert_nonnull (years);
            pilote_kpi_report_add_years (apart, years);

            g_assert_cmpint (a->active_clients, ==, b->active_clients);
            g_assert_cmpint (a->yearly_margin_per_client, ==, b->yearly_margin_per_client);
            g_assert_cmpint (a->churned_clients, ==, b->churned_clients);
            g_assert_cmpint (a->churned_revenue, ==, b->churned_revenue);
            g_assert_cmpint (a->clv, ==, b->clv);
            pilote_test_assert_same_double (a->client_lifetime_years, b->client_lifetime_years);
            pilote_test_assert_same_double (a->clv_to_cac, b->clv_to_cac);
            g_assert_cmpint (a->sales_velocity, ==, b->sales_velocity);
            pilote_test_assert_same_double (a->sales_cycle_median_days, b->sales_cycle_median_days);
            g_assert_cmpint (a->prospects_open, ==, b->prospects_open);
            g_assert_cmpint (a->meetings_held, ==, b->meetings_held);
            g_assert_cmpint (whole->totals.revenue, ==, apart->totals.revenue);
            g_assert_cmpint (whole->previous.revenue, ==, apart->previous.revenue);
            g_assert_cmpuint (whole->churned->len, ==, apart->churned->len);
            for (guint c = 0; c < whole->churned->len; c++)
              {
                const PiloteChurnedClient *x = g_ptr_array_index (whole->churned, c);
                const PiloteChurnedClient *y = g_ptr_array_index (apart->churned, c);

                g_assert_cmpint (x->client_id, ==, y->client_id);
                g_assert_cmpint (x->revenue_at_stake, ==, y->revenue_at_stake);
                g_assert_cmpstr (x->last_won_on, ==, y->last_won_on);
              }
            if (filters[i] == NULL && p == 0)
              {
                /* Echo and Hotel (see /kpi/clients/churn) */
                g_assert_cmpint (b->churned_clients, ==, 2);
                g_assert_cmpuint (apart->churned->len, ==, 2);
                if (lifetime == 1)
                  g_assert_cmpfloat (b->client_lifetime_years, ==, 3.5);
              }
          }
    }
}

static void
test_clv (Fixture       *f,
          gconstpointer  data)
{
  build_sales (f);

  {
    /* active over [2023-04-01, 2024-04-01): Acme, Bolt, Cobalt
     * margins: Acme 600.00 + 150.00 = 750.00; Bolt D9 300.00 + D2 300.00 =
     * 600.00; Cobalt 200.25 → 1550.25 ÷ 3 = 516.75 a year
     * lifetime without setting: active the year before (Bolt, Echo, Hotel)
     * ÷ churned (Echo, Hotel) = 3 ÷ 2 = 1.5 years
     * CLV = 516.75 × 1.5 = 775.125 → 775.13 */
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiSummary *s = &report->summary;

    g_assert_cmpint (s->active_clients, ==, 3);
    g_assert_cmpint (s->yearly_margin_per_client, ==, 51675);
    g_assert_cmpfloat_with_epsilon (s->client_lifetime_years, 1.5, 1e-12);
    g_assert_cmpint (s->clv, ==, 77513);
    /* CAC 400.01: 775.13 ÷ 400.01 */
    assert_rate (s->clv_to_cac, 77513.0 / 40001.0);
  }

  set_setting (f, "client_lifetime_years", "2.5");
  {
    /* 516.75 × 2.5 = 1291.875 → 1291.88 */
    g_autoptr(PiloteKpiReport) report = compute (f, Q1_FROM, Q1_TO, NULL,
                                                 PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT);
    const PiloteKpiSummary *s = &report->summary;

    g_assert_cmpfloat_with_epsilon (s->client_lifetime_years, 2.5, 1e-12);
    g_assert_cmpint (s->clv, ==, 129188);
    assert_rate (s->clv_to_cac, 129188.0 / 40001.0);
  }
}

/* Funnel and lost deals */

static void
add_stage_change (Fixture    *f,
                  gint64      deal,
                  gint64      from_stage,
                  gint64      to_stage,
                  const char *day)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id,"
                         " changed_at) VALUES (%" G_GINT64_FORMAT ", nullif (%" G_GINT64_FORMAT
                         ", 0), %" G_GINT64_FORMAT ", '%sT09:00:00.000Z')",
                         deal, from_stage, to_stage, day);
  exec_sql (f, sql);
}

static const PiloteFunnelStage *
funnel_stage (GPtrArray  *funnel,
              guint       i,
              const char *name)
{
  const PiloteFunnelStage *stage;

  g_assert_cmpuint (i, <, funnel->len);
  stage = g_ptr_array_index (funnel, i);
  g_assert_cmpstr (stage->name, ==, name);
  return stage;
}

/*
 * Stage history (all at 09:00 UTC):
 *   F1 Alice  Lead 01-02, Qualified 01-05, Proposal 01-15, Won 01-25
 *   F2 Alice  Lead 01-03, Qualified 01-10, Lost 01-22
 *   F3 Bob    Lead 01-10
 *   F4 Bob    Lead 2023-12-20, Qualified 01-04, Proposal 01-06, Negotiation 01-20
 *   F5 Carol  Lead 01-28, Qualified 02-03
 *   F6 Alice  Lead 01-05, Qualified 01-07 — deleted
 */
static void
build_funnel (Fixture *f)
{
  gint64 f1, f2, f3, f4, f5, f6;

  f1 = add_deal (f, &(DealSpec) { .title = "F1", .owner = f->alice, .stage = f->won,
                                  .amount = 10000, .created_on = "2024-01-02",
                                  .closed_on = "2024-01-25" });
  f2 = add_deal (f, &(DealSpec) { .title = "F2", .owner = f->alice, .stage = f->lost,
                                  .amount = 10000, .created_on = "2024-01-03",
                                  .closed_on = "2024-01-22" });
  f3 = add_deal (f, &(DealSpec) { .title = "F3", .owner = f->bob, .stage = f->lead,
                                  .amount = 10000, .created_on = "2024-01-10" });
  f4 = add_deal (f, &(DealSpec) { .title = "F4", .owner = f->bob, .stage = f->negotiation,
                                  .amount = 10000, .created_on = "2023-12-20" });
  f5 = add_deal (f, &(DealSpec) { .title = "F5", .owner = f->carol, .stage = f->qualified,
                                  .amount = 10000, .created_on = "2024-01-28" });
  f6 = add_deal (f, &(DealSpec) { .title = "F6", .owner = f->alice, .stage = f->qualified,
                                  .amount = 10000, .created_on = "2024-01-05" });
  soft_delete (f, PILOTE_ENTITY_DEAL, f6);

  /* replace the changes the store wrote "now" with the history above */
  exec_sql (f, "DELETE FROM stage_change");
  add_stage_change (f, f1, 0, f->lead, "2024-01-02");
  add_stage_change (f, f1, f->lead, f->qualified, "2024-01-05");
  add_stage_change (f, f1, f->qualified, f->proposal, "2024-01-15");
  add_stage_change (f, f1, f->proposal, f->won, "2024-01-25");
  add_stage_change (f, f2, 0, f->lead, "2024-01-03");
  add_stage_change (f, f2, f->lead, f->qualified, "2024-01-10");
  add_stage_change (f, f2, f->qualified, f->lost, "2024-01-22");
  add_stage_change (f, f3, 0, f->lead, "2024-01-10");
  add_stage_change (f, f4, 0, f->lead, "2023-12-20");
  add_stage_change (f, f4, f->lead, f->qualified, "2024-01-04");
  add_stage_change (f, f4, f->qualified, f->proposal, "2024-01-06");
  add_stage_change (f, f4, f->proposal, f->negotiation, "2024-01-20");
  add_stage_change (f, f5, 0, f->lead, "2024-01-28");
  add_stage_change (f, f5, f->lead, f->qualified, "2024-02-03");
  add_stage_change (f, f6, 0, f->lead, "2024-01-05");
  add_stage_change (f, f6, f->lead, f->qualified, "2024-01-07");
}

static void
test_funnel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod january = make_period ("2024-01-01", "2024-02-01");
  const PiloteFunnelStage *s;

  build_funnel (f);

  {
    g_autoptr(GPtrArray) funnel = pilote_kpi_funnel (f->store, &january, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (funnel);
    /* the stages but Lost, in pipeline order */
    g_assert_cmpuint (funnel->len, ==, 5);

    /* Lead: entered in January F1 F2 F3 F5 (F4 in December, F6 deleted);
     * went on: F1, F2, F5 (in February) → 3 ÷ 4;
     * days in Lead: F1 3, F2 7, F5 6 (F3 still there) → median of 3 6 7 = 6 */
    s = funnel_stage (funnel, 0, "Lead");
    g_assert_cmpint (s->stage_id, ==, f->lead);
    g_assert_cmpint (s->entered, ==, 4);
    g_assert_cmpint (s->advanced, ==, 3);
    assert_rate (s->conversion, 3.0 / 4.0);
    g_assert_cmpfloat_with_epsilon (s->median_days, 6.0, 1e-6);

    /* Qualified: F1, F2, F4; on to Proposal F1, F4 (F2 was lost) → 2 ÷ 3;
     * days: F1 10, F2 12, F4 2 → median of 2 10 12 = 10 */
    s = funnel_stage (funnel, 1, "Qualified");
    g_assert_cmpint (s->entered, ==, 3);
    g_assert_cmpint (s->advanced, ==, 2);
    assert_rate (s->conversion, 2.0 / 3.0);
    g_assert_cmpfloat_with_epsilon (s->median_days, 10.0, 1e-6);

    /* Proposal: F1 (then Won), F4 (then Negotiation) → 2 ÷ 2;
     * days: F1 10, F4 14 → even count, (10 + 14) ÷ 2 = 12 */
    s = funnel_stage (funnel, 2, "Proposal");
    g_assert_cmpint (s->entered, ==, 2);
    g_assert_cmpint (s->advanced, ==, 2);
    assert_rate (s->conversion, 1.0);
    g_assert_cmpfloat_with_epsilon (s->median_days, 12.0, 1e-6);

    /* Negotiation: F4, still there */
    s = funnel_stage (funnel, 3, "Negotiation");
    g_assert_cmpint (s->entered, ==, 1);
    g_assert_cmpint (s->advanced, ==, 0);
    assert_rate (s->conversion, 0.0);
    assert_nan (s->median_days);

    /* Won: F1 */
    s = funnel_stage (funnel, 4, "Won");
    g_assert_cmpint (s->entered, ==, 1);
    g_assert_cmpint (s->advanced, ==, 0);
    assert_nan (s->median_days);
  }
  {
    /* Bob's deals: F3 in Lead; F4 in Qualified (2 days), Proposal (14 days) */
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Bob", NULL);
    g_autoptr(GPtrArray) funnel = pilote_kpi_funnel (f->store, &january, filter, &error);

    g_assert_no_error (error);
    s = funnel_stage (funnel, 0, "Lead");
    g_assert_cmpint (s->entered, ==, 1);
    g_assert_cmpint (s->advanced, ==, 0);
    assert_nan (s->median_days);
    s = funnel_stage (funnel, 1, "Qualified");
    g_assert_cmpint (s->entered, ==, 1);
    g_assert_cmpint (s->advanced, ==, 1);
    g_assert_cmpfloat_with_epsilon (s->median_days, 2.0, 1e-6);
    s = funnel_stage (funnel, 2, "Proposal");
    g_assert_cmpint (s->entered, ==, 1);
    g_assert_cmpfloat_with_epsilon (s->median_days, 14.0, 1e-6);
  }
  {
    /* February: only F5 entering Qualified; nobody entered Lead */
    PilotePeriod february = make_period ("2024-02-01", "2024-03-01");
    g_autoptr(GPtrArray) funnel = pilote_kpi_funnel (f->store, &february, NULL, &error);

    g_assert_no_error (error);
    s = funnel_stage (funnel, 0, "Lead");
    g_assert_cmpint (s->entered, ==, 0);
    assert_nan (s->conversion);
    s = funnel_stage (funnel, 1, "Qualified");
    g_assert_cmpint (s->entered, ==, 1);
    g_assert_cmpint (s->advanced, ==, 0);
    assert_nan (s->median_days);
  }
}

/* A breakdown's rows alone are the rows of the full computation */
static void
assert_same_rows (Fixture            *f,
                  const PilotePeriod *period,
                  PiloteDimension     by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) full = NULL;
  g_autoptr(PiloteKpiReport) rows = NULL;

  full = pilote_kpi_compute (f->store, period, NULL, by,
                             PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_NO_PIPELINE_ROWS, &error);
  g_assert_no_error (error);
  rows = pilote_kpi_compute (f->store, period, NULL, by,
                             PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (full->rows->len, >, 0);
  g_assert_cmpuint (rows->rows->len, ==, full->rows->len);
  for (guint i = 0; i < full->rows->len; i++)
    {
      const PiloteKpiRow *a = g_ptr_array_index (full->rows, i);
      const PiloteKpiRow *b = g_ptr_array_index (rows->rows, i);

      g_assert_cmpstr (b->key, ==, a->key);
      g_assert_cmpint (b->figures.revenue, ==, a->figures.revenue);
      g_assert_cmpint (b->figures.cost, ==, a->figures.cost);
      g_assert_cmpint (b->figures.gross_margin, ==, a->figures.gross_margin);
      g_assert_cmpint (b->figures.deals_won, ==, a->figures.deals_won);
      g_assert_cmpint (b->figures.deals_lost, ==, a->figures.deals_lost);
      g_assert_cmpint (b->figures.clients_won, ==, a->figures.clients_won);
      g_assert_cmpint (b->figures.new_clients, ==, a->figures.new_clients);
      g_assert_cmpint (b->figures.spend, ==, a->figures.spend);
      g_assert_cmpint (b->figures.cac, ==, a->figures.cac);
      g_assert_cmpint (b->figures.avg_deal_size, ==, a->figures.avg_deal_size);
      g_assert_cmpint (b->figures.open_deals, ==, a->figures.open_deals);
      g_assert_true ((isnan (b->figures.win_rate) && isnan (a->figures.win_rate)) ||
                     b->figures.win_rate == a->figures.win_rate);
      g_assert_true ((isnan (b->figures.sales_cycle_days) &&
                      isnan (a->figures.sales_cycle_days)) ||
                     b->figures.sales_cycle_days == a->figures.sales_cycle_days);
    }
  /* the totals and the summary are left out */
  g_assert_cmpint (rows->totals.revenue, ==, 0);
  g_assert_cmpint (rows->totals.deals_won, ==, 0);
  g_assert_cmpint (rows->summary.forecast, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (rows->summary.meetings_held, ==, -1);
  g_assert_cmpint (full->totals.deals_won, >, 0);
}

static void
test_rows_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) totals = NULL;
  PilotePeriod q1 = make_period (Q1_FROM, Q1_TO);

  build_sales (f);
  assert_same_rows (f, &q1, PILOTE_DIMENSION_MONTH);
  assert_same_rows (f, &q1, PILOTE_DIMENSION_MEMBER);
  assert_same_rows (f, &q1, PILOTE_DIMENSION_TEAM);
  assert_same_rows (f, &q1, PILOTE_DIMENSION_CHANNEL);
  assert_same_rows (f, &q1, PILOTE_DIMENSION_CATEGORY);

  /* without a breakdown there are no rows: the totals are computed */
  totals = pilote_kpi_compute (f->store, &q1, NULL, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_ROWS_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (totals->totals.deals_won, >, 0);
}

/* The entries alone (the dashboard's funnel) are the full funnel's */
static void
assert_same_entries (Fixture               *f,
                     const PilotePeriod    *period,
                     const PiloteKpiFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) funnel = pilote_kpi_funnel (f->store, period, filter, &error);
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = pilote_kpi_funnel_entries (f->store, period, filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, funnel->len);
  for (guint i = 0; i < funnel->len; i++)
    {
      const PiloteFunnelStage *a = g_ptr_array_index (funnel, i);
      const PiloteFunnelStage *b = g_ptr_array_index (entries, i);

      g_assert_cmpint (b->stage_id, ==, a->stage_id);
      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpint (b->entered, ==, a->entered);
      g_assert_cmpint (b->advanced, ==, -1);
      assert_nan (b->conversion);
      assert_nan (b->median_days);
    }
}

static void
test_funnel_entries (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiFilter) bob = make_filter ("member=Bob", NULL);
  PilotePeriod january = make_period ("2024-01-01", "2024-02-01");
  PilotePeriod february = make_period ("2024-02-01", "2024-03-01");
  PilotePeriod winter = make_period ("2023-12-01", "2024-03-01");

  build_funnel (f);
  {
    g_autoptr(GPtrArray) entries = pilote_kpi_funnel_entries (f->store, &january, NULL,
                                                              &error);

    g_assert_no_error (error);
    /* Lead: F1 F2 F3 F5 (F4 in December, F6 deleted) */
    g_assert_cmpint (funnel_stage (entries, 0, "Lead")->entered, ==, 4);
    g_assert_cmpint (funnel_stage (entries, 3, "Negotiation")->entered, ==, 1);
  }
  assert_same_entries (f, &january, NULL);
  assert_same_entries (f, &january, bob);
  assert_same_entries (f, &february, NULL);
  assert_same_entries (f, &winter, NULL);
  assert_same_entries (f, &winter, bob);
}

static void
test_lost (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod q1 = make_period (Q1_FROM, Q1_TO);
  const PiloteLostRow *r;

  build_sales (f);

  {
    /* Price: D5 800.00 + D6 300.00 = 1100.00; Timing: D7 150.00
     * (D11, No budget, was lost in November) */
    g_autoptr(GPtrArray) lost = pilote_kpi_lost (f->store, &q1, NULL, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lost->len, ==, 2);
    r = g_ptr_array_index (lost, 0);
    g_assert_cmpstr (r->key, ==, "Price");
    g_assert_cmpint (r->deals, ==, 2);
    g_assert_cmpint (r->amount, ==, 110000);
    r = g_ptr_array_index (lost, 1);
    g_assert_cmpstr (r->key, ==, "Timing");
    g_assert_cmpint (r->deals, ==, 1);
    g_assert_cmpint (r->amount, ==, 15000);
  }
  {
    /* Rival: D5 800.00 + D7 150.00 = 950.00; no competitor: D6 300.00 */
    g_autoptr(GPtrArray) lost = pilote_kpi_lost (f->store, &q1, NULL, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lost->len, ==, 2);
    r = g_ptr_array_index (lost, 0);
    g_assert_cmpstr (r->key, ==, "Rival");
    g_assert_cmpint (r->deals, ==, 2);
    g_assert_cmpint (r->amount, ==, 95000);
    r = g_ptr_array_index (lost, 1);
    g_assert_null (r->key);
    g_assert_cmpint (r->deals, ==, 1);
    g_assert_cmpint (r->amount, ==, 30000);
  }
  {
    /* Alice lost D5 only */
    g_autoptr(PiloteKpiFilter) filter = make_filter ("member=Alice", NULL);
    g_autoptr(GPtrArray) lost = pilote_kpi_lost (f->store, &q1, filter, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lost->len, ==, 1);
    r = g_ptr_array_index (lost, 0);
    g_assert_cmpstr (r->key, ==, "Price");
    g_assert_cmpint (r->deals, ==, 1);
    g_assert_cmpint (r->amount, ==, 80000);
  }
}

/* Objectives and gap to target */

/*
 * April 2024 (30 days), for objectives:
 *   Alice  won 520.00 (04-03), lost 400.00 (04-08); open Proposal 0.50
 *          1000.00 expected 04-25
 *   Bob    won 500.00 (04-05) and 350.00 (04-10); open Negotiation at 0.20
 *          600.00 expected 04-28
 *   Carol  won 300.00 (04-12), lost 250.00 (04-09) and 200.00 (2023-11-10);
 *          open Lead 5000.00 expected 05-20
 */
static void
build_april (Fixture *f)
{
  add_deal (f, &(DealSpec) { .title = "A1", .owner = f->alice, .stage = f->won,
                             .amount = 52000, .created_on = "2024-03-20",
                             .closed_on = "2024-04-03" });
  add_deal (f, &(DealSpec) { .title = "A2", .owner = f->bob, .stage = f->won,
                             .amount = 50000, .created_on = "2024-03-20",
                             .closed_on = "2024-04-05" });
  add_deal (f, &(DealSpec) { .title = "A3", .owner = f->bob, .stage = f->won,
                             .amount = 35000, .created_on = "2024-03-20",
                             .closed_on = "2024-04-10" });
  add_deal (f, &(DealSpec) { .title = "A4", .owner = f->carol, .stage = f->won,
                             .amount = 30000, .created_on = "2024-03-20",
                             .closed_on = "2024-04-12" });
  add_deal (f, &(DealSpec) { .title = "A5", .owner = f->alice, .stage = f->lost,
                             .amount = 40000, .created_on = "2024-03-20",
                             .closed_on = "2024-04-08" });
  add_deal (f, &(DealSpec) { .title = "A6", .owner = f->carol, .stage = f->lost,
                             .amount = 25000, .created_on = "2024-03-20",
                             .closed_on = "2024-04-09" });
  add_deal (f, &(DealSpec) { .title = "A0", .owner = f->carol, .stage = f->lost,
                             .amount = 20000, .created_on = "2023-10-01",
                             .closed_on = "2023-11-10" });
  add_deal (f, &(DealSpec) { .title = "P1", .owner = f->alice, .stage = f->proposal,
                             .amount = 100000, .created_on = "2024-03-20",
                             .expected_on = "2024-04-25" });
  add_deal (f, &(DealSpec) { .title = "P2", .owner = f->bob, .stage = f->negotiation,
                             .probability = 0.20, .amount = 60000,
                             .created_on = "2024-03-20", .expected_on = "2024-04-28" });
  add_deal (f, &(DealSpec) { .title = "P3", .owner = f->carol, .stage = f->lead,
                             .amount = 500000, .created_on = "2024-03-20",
                             .expected_on = "2024-05-20" });
}

static void
add_objective (Fixture              *f,
               const char           *description,
               PiloteMetric          metric,
               PilotePeriodKind      kind,
               const char           *start,
               PiloteScope           scope,
               gint64                scope_id,
               gint64                target,
               gint64                progress,
               PiloteProgressStatus  status)
{
  g_autoptr(PiloteObjective) objective = pilote_objective_new ();

  objective->description = g_strdup (description);
  objective->metric = metric;
  objective->period_kind = kind;
  objective->period_start = g_strdup (start);
  objective->scope = scope;
  objective->scope_id = scope_id;
  objective->target = target;
  objective->progress = progress;
  objective->status = status;
  insert (f, objective);
}

static void
add_april_objectives (Fixture *f)
{
  add_objective (f, "company revenue", PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_COMPANY, 0, 400000, 0, 0);
  add_objective (f, "Alice revenue", PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_MEMBER, f->alice, 100000, 0, 0);
  add_objective (f, "Bob revenue", PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_MEMBER, f->bob, 200000, 0, 0);
  add_objective (f, "Carol revenue", PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_MEMBER, f->carol, 150000, 0, 0);
  add_objective (f, "win rate", PILOTE_METRIC_WIN_RATE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_COMPANY, 0, 7500, 0, 0);
  add_objective (f, "open the Lyon office", PILOTE_METRIC_QUALITATIVE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_COMPANY, 0, 0, 45, PILOTE_PROGRESS_IN_PROGRESS);
  add_objective (f, "hire a rep", PILOTE_METRIC_QUALITATIVE, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_COMPANY, 0, 0, 20, PILOTE_PROGRESS_DONE);
  add_objective (f, "quarter deals", PILOTE_METRIC_DEALS_WON, PILOTE_PERIOD_QUARTER,
                 "2024-04-01", PILOTE_SCOPE_COMPANY, 0, 10, 0, 0);
  /* March does not overlap April */
  add_objective (f, "March revenue", PILOTE_METRIC_REVENUE, PILOTE_PERIOD_MONTH,
                 "2024-03-01", PILOTE_SCOPE_COMPANY, 0, 100, 0, 0);
}

static const PiloteObjectiveProgress *
find_progress (GPtrArray  *progress,
               const char *description)
{
  for (guint i = 0; i < progress->len; i++)
    {
      const PiloteObjectiveProgress *p = g_ptr_array_index (progress, i);

      if (g_strcmp0 (p->objective->description, description) == 0)
        return p;
    }
  g_test_message ("no objective “%s”", description);
  g_assert_not_reached ();
}

static void
test_objectives (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  PilotePeriod april = make_period ("2024-04-01", "2024-05-01");
  GDate today = make_date ("2024-04-15");
  const PiloteObjectiveProgress *p;

  build_april (f);
  add_april_objectives (f);

  /* on 2024-04-15, 15 of April's 30 days have gone by: 0.5 */
  progress = pilote_kpi_objectives (f->store, &april, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (progress);
  g_assert_cmpuint (progress->len, ==, 8);       /* all but March's */

  /* Alice: 520.00 of 1000.00 = 0.52; expected 1000.00 × 0.5 = 500.00;
   * pacing 520 ÷ 500 = 1.04 ≥ 0.95: on track */
  p = find_progress (progress, "Alice revenue");
  g_assert_cmpfloat_with_epsilon (p->elapsed, 0.5, 1e-12);
  g_assert_cmpint (p->actual, ==, 52000);
  assert_rate (p->attainment, 0.52);
  g_assert_cmpint (p->expected, ==, 50000);
  assert_rate (p->pacing, 1.04);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_ON_TRACK);

  /* Bob: 500.00 + 350.00 = 850.00 of 2000.00 = 0.425; expected 1000.00;
   * pacing 0.85, between 0.80 and 0.95: at risk */
  p = find_progress (progress, "Bob revenue");
  g_assert_cmpint (p->actual, ==, 85000);
  assert_rate (p->attainment, 0.425);
  g_assert_cmpint (p->expected, ==, 100000);
  assert_rate (p->pacing, 0.85);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_AT_RISK);

  /* Carol: 300.00 of 1500.00 = 0.2; expected 750.00; pacing 0.4: behind */
  p = find_progress (progress, "Carol revenue");
  g_assert_cmpint (p->actual, ==, 30000);
  assert_rate (p->attainment, 0.2);
  g_assert_cmpint (p->expected, ==, 75000);
  assert_rate (p->pacing, 0.4);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_BEHIND);

  /* company: 520.00 + 850.00 + 300.00 = 1670.00 of 4000.00 = 0.4175;
   * expected 2000.00; pacing 0.835: at risk */
  p = find_progress (progress, "company revenue");
  g_assert_cmpint (p->actual, ==, 167000);
  assert_rate (p->attainment, 0.4175);
  g_assert_cmpint (p->expected, ==, 200000);
  assert_rate (p->pacing, 0.835);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_AT_RISK);

  /* win rate in April: 4 won ÷ 6 closed = 66.666… % → 6667 bp; of 7500 bp:
   * 6667 ÷ 7500 ≈ 0.889, compared as it is (no pacing): at risk */
  p = find_progress (progress, "win rate");
  g_assert_cmpint (p->actual, ==, 6667);
  assert_rate (p->attainment, 6667.0 / 7500.0);
  g_assert_cmpint (p->expected, ==, 7500);
  assert_rate (p->pacing, 6667.0 / 7500.0);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_AT_RISK);

  /* qualitative, 45 % done at half the month: pacing 0.45 ÷ 0.5 = 0.9 */
  p = find_progress (progress, "open the Lyon office");
  g_assert_cmpint (p->actual, ==, 45);
  g_assert_cmpint (p->expected, ==, 50);
  assert_rate (p->attainment, 0.45);
  assert_rate (p->pacing, 0.9);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_AT_RISK);
  g_assert_cmpstr (pilote_pacing_status_get_label (p->status), ==, "At risk");

  /* qualitative and done: on track, whatever its progress (20 % at half
   * the month would pace at 0.2 ÷ 0.5 = 0.4, behind) */
  p = find_progress (progress, "hire a rep");
  g_assert_cmpint (p->actual, ==, 20);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_ON_TRACK);

  /* Q2 2024 (91 days), 15 gone: 4 deals won of 10; expected 10 × 15 ÷ 91
   * = 1.65 → 2; pacing 4 ÷ 2 = 2: on track */
  p = find_progress (progress, "quarter deals");
  g_assert_cmpint (p->period.kind, ==, PILOTE_PERIOD_QUARTER);
  g_assert_cmpfloat_with_epsilon (p->elapsed, 15.0 / 91.0, 1e-12);
  g_assert_cmpint (p->actual, ==, 4);
  assert_rate (p->attainment, 0.4);
  g_assert_cmpint (p->expected, ==, 2);
  assert_rate (p->pacing, 2.0);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_ON_TRACK);
}

static void
test_objectives_not_started (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  PilotePeriod april = make_period ("2024-04-01", "2024-05-01");
  GDate today = make_date ("2024-03-20");
  const PiloteObjectiveProgress *p;

  build_april (f);
  add_april_objectives (f);

  /* seen before April starts: nothing expected yet, no status */
  progress = pilote_kpi_objectives (f->store, &april, &today, &error);
  g_assert_no_error (error);
  p = find_progress (progress, "Alice revenue");
  g_assert_cmpfloat_with_epsilon (p->elapsed, 0.0, 1e-12);
  g_assert_cmpint (p->actual, ==, 52000);
  g_assert_cmpint (p->expected, ==, 0);
  assert_nan (p->pacing);
  g_assert_cmpint (p->status, ==, PILOTE_PACING_NONE);
}

static void
test_gap (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod april = make_period ("2024-04-01", "2024-05-01");
  PiloteGap gap;
  gboolean ok;

  build_april (f);
  add_april_objectives (f);

  /* company: target 4000.00; won 1670.00; expected to close in April:
   * P1 1000.00 × 0.50 + P2 600.00 × 0.20 = 500.00 + 120.00 = 620.00
   * (P3 in May); forecast 2290.00; gap 4000.00 − 2290.00 = 1710.00;
   * win rate over [2023-05-01, 2024-05-01): 4 ÷ (4 + 3) = 4/7;
   * pipeline needed 1710.00 ÷ 4/7 = 1710.00 × 1.75 = 2992.50 */
  ok = pilote_kpi_gap (f->store, &april, PILOTE_SCOPE_COMPANY, 0, &gap, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (gap.target, ==, 400000);
  g_assert_cmpint (gap.won, ==, 167000);
  g_assert_cmpint (gap.weighted_pipeline, ==, 62000);
  g_assert_cmpint (gap.forecast, ==, 229000);
  g_assert_cmpint (gap.gap, ==, 171000);
  assert_rate (gap.win_rate, 4.0 / 7.0);
  g_assert_cmpint (gap.pipeline_needed, ==, 299250);

  /* Bob: target 2000.00; won 850.00 + 120.00 = 970.00; gap 1030.00;
   * he lost nothing in 12 months: win rate 1, pipeline needed 1030.00 */
  ok = pilote_kpi_gap (f->store, &april, PILOTE_SCOPE_MEMBER, f->bob, &gap, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (gap.target, ==, 200000);
  g_assert_cmpint (gap.won, ==, 85000);
  g_assert_cmpint (gap.weighted_pipeline, ==, 12000);
  g_assert_cmpint (gap.forecast, ==, 97000);
  g_assert_cmpint (gap.gap, ==, 103000);
  assert_rate (gap.win_rate, 1.0);
  g_assert_cmpint (gap.pipeline_needed, ==, 103000);

  /* Carol: target 1500.00; won 300.00, nothing else expected in April;
   * gap 1200.00; win rate 1 ÷ (1 + 2) = 1/3 (A0 lost in November
   * counts); pipeline needed 1200.00 × 3 = 3600.00 */
  ok = pilote_kpi_gap (f->store, &april, PILOTE_SCOPE_MEMBER, f->carol, &gap, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (gap.forecast, ==, 30000);
  g_assert_cmpint (gap.gap, ==, 120000);
  assert_rate (gap.win_rate, 1.0 / 3.0);
  g_assert_cmpint (gap.pipeline_needed, ==, 360000);

  /* Alice: target 1000.00; 520.00 + 500.00 = 1020.00: 20.00 ahead */
  ok = pilote_kpi_gap (f->store, &april, PILOTE_SCOPE_MEMBER, f->alice, &gap, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (gap.forecast, ==, 102000);
  g_assert_cmpint (gap.gap, ==, -2000);
  g_assert_cmpint (gap.pipeline_needed, ==, 0);

  /* North has no objective: 520.00 + 850.00 = 1370.00 won, forecast
   * 1370.00 + 500.00 + 120.00 = 1990.00, but no gap */
  ok = pilote_kpi_gap (f->store, &april, PILOTE_SCOPE_TEAM, f->north, &gap, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (gap.target, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (gap.won, ==, 137000);
  g_assert_cmpint (gap.forecast, ==, 199000);
  g_assert_cmpint (gap.gap, ==, PILOTE_MONEY_NONE);
  g_assert_cmpint (gap.pipeline_needed, ==, PILOTE_MONEY_NONE);
}

/* One grouped computation gives every member the gap pilote_kpi_gap ()
 * gives each */
static void
test_member_gaps (Fixture       *f,
                  gconstpointer  data)
{
  const char *periods[][2] = {
    { "2024-04-01", "2024-05-01" },
    { "2024-04-01", "2024-07-01" },
    { "2024-01-01", "2025-01-01" },
    { "2023-11-01", "2023-12-01" },
    /* longer than the 12 months of the win rate */
    { "2022-01-01", "2024-05-01" },
  };
  gint64 members[] = { f->alice, f->bob, f->carol, 999999 };

  build_april (f);
  add_april_objectives (f);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(GError) error = NULL;
      PilotePeriod period = make_period (periods[p][0], periods[p][1]);
      PiloteGap gaps[G_N_ELEMENTS (members)];
      gboolean ok;

      ok = pilote_kpi_member_gaps (f->store, &period, members, G_N_ELEMENTS (members), gaps,
                                   &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          PiloteGap one;

          ok = pilote_kpi_gap (f->store, &period, PILOTE_SCOPE_MEMBER, members[i], &one, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (gaps[i].target, ==, one.target);
          g_assert_cmpint (gaps[i].won, ==, one.won);
          g_assert_cmpint (gaps[i].weighted_pipeline, ==, one.weighted_pipeline);
          g_assert_cmpint (gaps[i].forecast, ==, one.forecast);
          g_assert_cmpint (gaps[i].gap, ==, one.gap);
          g_assert_cmpint (gaps[i].pipeline_needed, ==, one.pipeline_needed);
          g_assert_true ((isnan (gaps[i].win_rate) && isnan (one.win_rate)) ||
                         gaps[i].win_rate == one.win_rate);
        }
    }
  {
    /* April as test_gap has it: Bob 2000.00 to reach, 970.00 forecast */
    g_autoptr(GError) error = NULL;
    PilotePeriod april = make_period ("2024-04-01", "2024-05-01");
    PiloteGap gaps[1];

    g_assert_true (pilote_kpi_member_gaps (f->store, &april, &f->bob, 1, gaps, &error));
    g_assert_no_error (error);
    g_assert_cmpint (gaps[0].target, ==, 200000);
    g_assert_cmpint (gaps[0].forecast, ==, 97000);
    g_assert_cmpint (gaps[0].gap, ==, 103000);
  }

  /* whole months read the summaries: the same gaps as the deals give
   * when the summaries are not ready (a month listed as touched) */
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(GError) error = NULL;
      PilotePeriod period = make_period (periods[p][0], periods[p][1]);
      PiloteGap gaps[G_N_ELEMENTS (members)], deals[G_N_ELEMENTS (members)];
      PiloteGap one[G_N_ELEMENTS (members)];

      g_assert_true (pilote_kpi_member_gaps (f->store, &period, members, G_N_ELEMENTS (members),
                                             gaps, &error));
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        g_assert_true (pilote_kpi_gap (f->store, &period, PILOTE_SCOPE_MEMBER, members[i],
                                       &one[i], &error));
      exec_sql (f, "INSERT INTO kpi_dirty (month) VALUES ('1999-01')");
      g_assert_true (pilote_kpi_member_gaps (f->store, &period, members, G_N_ELEMENTS (members),
                                             deals, &error));
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          PiloteGap gap;

          g_assert_true (pilote_kpi_gap (f->store, &period, PILOTE_SCOPE_MEMBER, members[i],
                                         &gap, &error));
          g_assert_cmpint (gap.won, ==, one[i].won);
          g_assert_cmpint (gap.forecast, ==, one[i].forecast);
          g_assert_true ((isnan (gap.win_rate) && isnan (one[i].win_rate)) ||
                         gap.win_rate == one[i].win_rate);
        }
      exec_sql (f, "DELETE FROM kpi_dirty");
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          g_assert_cmpint (gaps[i].won, ==, deals[i].won);
          g_assert_cmpint (gaps[i].forecast, ==, deals[i].forecast);
          g_assert_cmpint (gaps[i].pipeline_needed, ==, deals[i].pipeline_needed);
          g_assert_true ((isnan (gaps[i].win_rate) && isnan (deals[i].win_rate)) ||
                         gaps[i].win_rate == deals[i].win_rate);
        }
    }
}

/* The objectives of one scope: those of every scope set for it, with the
 * same progress */
static void
test_scope_objectives (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  PilotePeriod april = make_period ("2024-04-01", "2024-05-01");
  GDate today = make_date ("2024-04-15");
  struct { PiloteScope scope; gint64 id; guint n; } scopes[] = {
    { PILOTE_SCOPE_COMPANY, 0, 5 },
    { PILOTE_SCOPE_MEMBER, f->bob, 1 },
    { PILOTE_SCOPE_MEMBER, f->carol, 1 },
    { PILOTE_SCOPE_TEAM, f->north, 1 },
  };

  build_april (f);
  add_april_objectives (f);
  add_objective (f, "North deals", PILOTE_METRIC_DEALS_WON, PILOTE_PERIOD_MONTH,
                 "2024-04-01", PILOTE_SCOPE_TEAM, f->north, 5, 0, 0);
  all = pilote_kpi_objectives (f->store, &april, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 9);
  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      g_autoptr(GPtrArray) mine = pilote_kpi_scope_objectives (f->store, &april, scopes[s].scope,
                                                               scopes[s].id, &today, &error);
      guint n = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (mine->len, ==, scopes[s].n);
      for (guint i = 0; i < all->len; i++)
        {
          const PiloteObjectiveProgress *a = g_ptr_array_index (all, i);
          const PiloteObjectiveProgress *m;

          if (a->objective->scope != scopes[s].scope ||
              (scopes[s].scope != PILOTE_SCOPE_COMPANY && a->objective->scope_id != scopes[s].id))
            continue;
          g_assert_cmpuint (n, <, mine->len);
          m = g_ptr_array_index (mine, n++);
          g_assert_cmpint (m->objective->base.id, ==, a->objective->base.id);
          g_assert_cmpint (m->actual, ==, a->actual);
          g_assert_cmpint (m->expected, ==, a->expected);
          g_assert_cmpint (m->status, ==, a->status);
          g_assert_true ((isnan (m->attainment) && isnan (a->attainment)) ||
                         m->attainment == a->attainment);
          g_assert_true ((isnan (m->pacing) && isnan (a->pacing)) || m->pacing == a->pacing);
        }
      g_assert_cmpuint (n, ==, mine->len);
    }
}

static void
assert_same_lost (GPtrArray *one,
                  GPtrArray *other)
{
  g_assert_cmpuint (one->len, ==, other->len);
  for (guint i = 0; i < one->len; i++)
    {
      const PiloteLostRow *a = g_ptr_array_index (one, i);
      const PiloteLostRow *b = g_ptr_array_index (other, i);

      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpint (a->deals, ==, b->deals);
      g_assert_cmpint (a->amount, ==, b->amount);
    }
}

/* Both lists of lost deals from one reading: as each is read alone */
static void
test_lost_both (Fixture       *f,
                gconstpointer  data)
{
  const char *periods[][2] = {
    { "2024-01-01", "2024-04-01" },
    { "2023-01-01", "2025-01-01" },
    { "2024-03-01", "2024-04-01" },
    { "2025-01-01", "2025-02-01" },
  };
  const char *wheres[] = { NULL, "member=Bob", "product=Widget", "segment=Nothing" };

  build_sales (f);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint w = 0; w < G_N_ELEMENTS (wheres); w++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PiloteKpiFilter) filter = wheres[w] != NULL ? make_filter (wheres[w], NULL)
                                                              : NULL;
        PilotePeriod period = make_period (periods[p][0], periods[p][1]);
        g_autoptr(GPtrArray) reasons = NULL;
        g_autoptr(GPtrArray) competitors = NULL;
        g_autoptr(GPtrArray) by_reason = NULL;
        g_autoptr(GPtrArray) by_competitor = NULL;

        g_assert_true (pilote_kpi_lost_both (f->store, &period, filter, &by_reason,
                                             &by_competitor, &error));
        g_assert_no_error (error);
        reasons = pilote_kpi_lost (f->store, &period, filter, FALSE, &error);
        g_assert_no_error (error);
        competitors = pilote_kpi_lost (f->store, &period, filter, TRUE, &error);
        g_assert_no_error (error);
        assert_same_lost (by_reason, reasons);
        assert_same_lost (by_competitor, competitors);
        if (p == 0 && w == 0)
          {
            /* D5 and D6 for the price, D7 for the timing; D5 and D7 to Rival */
            g_assert_cmpuint (by_reason->len, ==, 2);
            g_assert_cmpuint (by_competitor->len, ==, 2);
          }
      }
}

/* The gap read with the open pipeline: the same gap, and the open deals
 * of the scope as the totals of any period count them */
static void
test_gap_and_pipeline (Fixture       *f,
                       gconstpointer  data)
{
  PilotePeriod april = make_period ("2024-04-01", "2024-05-01");
  PilotePeriod january = make_period ("2023-01-01", "2023-02-01");
  struct { PiloteScope scope; gint64 id; const char *where; } scopes[] = {
    { PILOTE_SCOPE_COMPANY, 0, NULL },
    { PILOTE_SCOPE_TEAM, f->north, "team=North" },
    { PILOTE_SCOPE_MEMBER, f->bob, "member=Bob" },
    { PILOTE_SCOPE_MEMBER, f->carol, "member=Carol" },
  };

  build_april (f);
  add_april_objectives (f);
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PiloteKpiFilter) filter = scopes[i].where != NULL
                                            ? make_filter (scopes[i].where, NULL) : NULL;
      g_autoptr(PiloteKpiReport) report = NULL;
      PiloteKpiFigures open = { 0 };
      PiloteGap one, both;
      gboolean ok;

      ok = pilote_kpi_gap (f->store, &april, scopes[i].scope, scopes[i].id, &one, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      open.revenue = 42;
      ok = pilote_kpi_gap_and_pipeline (f->store, &april, scopes[i].scope, scopes[i].id, &both,
                                        &open, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (both.target, ==, one.target);
      g_assert_cmpint (both.won, ==, one.won);
      g_assert_cmpint (both.weighted_pipeline, ==, one.weighted_pipeline);
      g_assert_cmpint (both.forecast, ==, one.forecast);
      g_assert_cmpint (both.gap, ==, one.gap);
      g_assert_cmpint (both.pipeline_needed, ==, one.pipeline_needed);
      g_assert_true ((isnan (both.win_rate) && isnan (one.win_rate)) ||
                     both.win_rate == one.win_rate);
      /* the rest of @open is left alone */
      g_assert_cmpint (open.revenue, ==, 42);

      /* any period's totals: the deals open now */
      report = pilote_kpi_compute (f->store, &january, filter, PILOTE_DIMENSION_NONE,
                                   PILOTE_KPI_NO_SUMMARY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (open.open_deals, ==, report->totals.open_deals);
      g_assert_cmpint (open.open_pipeline, ==, report->totals.open_pipeline);
      g_assert_cmpint (open.weighted_pipeline, ==, report->totals.weighted_pipeline);
      g_clear_pointer (&report, pilote_kpi_report_free);
      /* the forecast of the period as the engine computes it */
      report = pilote_kpi_compute (f->store, &april, filter, PILOTE_DIMENSION_NONE,
                                   PILOTE_KPI_NO_SUMMARY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (both.forecast, ==, report->summary.forecast);
      g_assert_cmpint (both.won, ==, report->totals.revenue);
    }
  {
    /* the company: P1 1000.00 + P2 600.00 + P3 5000.00, weighted
     * 500.00 + 120.00 + 5000.00 × the Lead stage's probability */
    g_autoptr(GError) error = NULL;
    PiloteKpiFigures open = { 0 };
    PiloteGap gap;

    g_assert_true (pilote_kpi_gap_and_pipeline (f->store, &april, PILOTE_SCOPE_COMPANY, 0, &gap,
                                                &open, &error));
    g_assert_no_error (error);
    g_assert_cmpint (open.open_deals, ==, 3);
    g_assert_cmpint (open.open_pipeline, ==, 660000);
    g_assert_cmpint (gap.weighted_pipeline, ==, 62000);
  }
}

static const PiloteDealSummary *
deal_at (GPtrArray *deals,
         guint      i)
{
  g_assert_cmpuint (i, <, deals->len);
  return g_ptr_array_index (deals, i);
}

/* The summary's lists of deals: largest first, ties by id, at most the
 * limit; deleted deals left out; the lines' amount under a product filter */
static void
test_deals (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) won = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) lost = NULL;
  g_autoptr(GPtrArray) widgets = NULL;
  g_autoptr(GPtrArray) risk = NULL;
  g_autoptr(PiloteKpiFilter) widget = NULL;
  PilotePeriod q1 = make_period ("2024-01-01", "2024-04-01");
  PilotePeriod march = make_period ("2024-03-01", "2024-04-01");
  gint64 acme2, delta2, cobalt2;

  build_sales (f);

  /* won in Q1: D1, D2, D3, D4 (D8 deleted, D15 in April) */
  won = pilote_kpi_deals (f->store, PILOTE_DEALS_TOP_WON, &q1, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (won->len, ==, 4);
  for (guint i = 0; i + 1 < won->len; i++)
    g_assert_cmpint (deal_at (won, i)->amount, >=, deal_at (won, i + 1)->amount);
  for (guint i = 0; i < won->len; i++)
    {
      g_assert_cmpstr (deal_at (won, i)->title, !=, "Delta big deal");
      g_assert_cmpstr (deal_at (won, i)->stage, ==, "Won");
    }
  g_assert_cmpstr (deal_at (won, won->len - 1)->title, ==, "Acme extension");
  g_assert_cmpint (deal_at (won, won->len - 1)->amount, ==, 20000);
  g_assert_cmpstr (deal_at (won, won->len - 1)->client, ==, "Acme");
  g_assert_cmpstr (deal_at (won, won->len - 1)->owner, ==, "Alice");
  g_assert_cmpstr (deal_at (won, won->len - 1)->date, ==, "2024-03-10");
  two = pilote_kpi_deals (f->store, PILOTE_DEALS_TOP_WON, &q1, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  for (guint i = 0; i < two->len; i++)
    g_assert_cmpint (deal_at (two, i)->deal_id, ==, deal_at (won, i)->deal_id);

  /* lost in Q1: D5 800.00, D6 300.00, D7 150.00, with their reasons */
  lost = pilote_kpi_deals (f->store, PILOTE_DEALS_TOP_LOST, &q1, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lost->len, ==, 3);
  g_assert_cmpstr (deal_at (lost, 0)->title, ==, "Delta pilot");
  g_assert_cmpint (deal_at (lost, 0)->amount, ==, 80000);
  g_assert_cmpstr (deal_at (lost, 0)->detail, ==, "Price");
  g_assert_cmpstr (deal_at (lost, 1)->title, ==, "Bolt upgrade");
  g_assert_cmpstr (deal_at (lost, 2)->title, ==, "Cobalt training");
  g_assert_cmpstr (deal_at (lost, 2)->detail, ==, "Timing");

  /* D2's widget line: 3 × 100.00 less 10 % (its deleted line left out) */
  widget = make_filter ("product=Widget", NULL);
  widgets = pilote_kpi_deals (f->store, PILOTE_DEALS_TOP_WON, &q1, widget, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (widgets->len, ==, 1);
  g_assert_cmpint (deal_at (widgets, 0)->deal_id, ==, f->d2);
  g_assert_cmpint (deal_at (widgets, 0)->amount, ==, 27000);

  /* at risk by the end of March: open, expected by then, no stage change
   * for 30 days; Bolt expansion is expected in June, Bolt mirage deleted */
  acme2 = find_id (f, PILOTE_ENTITY_DEAL, "Acme phase 2");
  delta2 = find_id (f, PILOTE_ENTITY_DEAL, "Delta retry");
  cobalt2 = find_id (f, PILOTE_ENTITY_DEAL, "Cobalt support");
  /* the stage changes the store wrote when it added the deals, moved back */
  for (guint i = 0; i < 4; i++)
    {
      const gint64 ids[] = { acme2, delta2, cobalt2, f->o5 };
      const char *days[] = { "2024-02-01", "2024-03-20", "2024-02-20", "2024-01-20" };
      g_autofree char *sql = g_strdup_printf ("UPDATE stage_change"
                                              " SET changed_at = '%sT09:00:00.000Z'"
                                              " WHERE deal_id = %" G_GINT64_FORMAT,
                                              days[i], ids[i]);

      exec_sql (f, sql);
    }
  risk = pilote_kpi_deals (f->store, PILOTE_DEALS_AT_RISK, &march, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (risk->len, ==, 2);
  g_assert_cmpint (deal_at (risk, 0)->deal_id, ==, acme2);
  g_assert_cmpint (deal_at (risk, 0)->amount, ==, 200000);
  g_assert_cmpstr (deal_at (risk, 0)->date, ==, "2024-03-25");
  g_assert_cmpstr (deal_at (risk, 0)->detail, ==, "59");
  g_assert_cmpint (deal_at (risk, 1)->deal_id, ==, cobalt2);
  g_assert_cmpstr (deal_at (risk, 1)->detail, ==, "40");
}

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/kpi/empty/store", test_empty_store);
  ADD_TEST ("/kpi/empty/period", test_empty_period);
  ADD_TEST ("/kpi/totals/closed-deals", test_closed_deals);
  ADD_TEST ("/kpi/totals/clients-and-spend", test_clients_and_spend);
  ADD_TEST ("/kpi/totals/pipeline", test_pipeline);
  ADD_TEST ("/kpi/deleted", test_soft_deleted);
  ADD_TEST ("/kpi/deal-lines", test_deal_lines);
  ADD_TEST ("/kpi/breakdown/month", test_breakdown_month);
  ADD_TEST ("/kpi/breakdown/member", test_breakdown_member);
  ADD_TEST ("/kpi/breakdown/team", test_breakdown_team);
  ADD_TEST ("/kpi/breakdown/product", test_breakdown_product);
  ADD_TEST ("/kpi/breakdown/channel", test_breakdown_channel);
  ADD_TEST ("/kpi/filter/single", test_filter_single);
  ADD_TEST ("/kpi/filter/combined", test_filter_combined);
  g_test_add_func ("/kpi/fiscal/bucket-key", test_fiscal_bucket_key);
  ADD_TEST ("/kpi/fiscal/breakdown", test_fiscal_breakdown);
  ADD_TEST ("/kpi/compare", test_compare);
  ADD_TEST ("/kpi/clients/prospects", test_prospects);
  ADD_TEST ("/kpi/clients/churn", test_churn);
  ADD_TEST ("/kpi/clients/years-apart", test_years_apart);
  g_test_add ("/kpi/clients/churn-large-ids", Fixture, GINT_TO_POINTER (1), fixture_setup,
              test_churn, fixture_teardown);
  ADD_TEST ("/kpi/clients/clv", test_clv);
  ADD_TEST ("/kpi/funnel", test_funnel);
  ADD_TEST ("/kpi/funnel/entries", test_funnel_entries);
  ADD_TEST ("/kpi/breakdown/rows-only", test_rows_only);
  ADD_TEST ("/kpi/lost", test_lost);
  ADD_TEST ("/kpi/lost/both", test_lost_both);
  ADD_TEST ("/kpi/objectives/pacing", test_objectives);
  ADD_TEST ("/kpi/objectives/not-started", test_objectives_not_started);
  ADD_TEST ("/kpi/objectives/scope", test_scope_objectives);
  ADD_TEST ("/kpi/gap", test_gap);
  ADD_TEST ("/kpi/gap/members", test_member_gaps);
  ADD_TEST ("/kpi/gap/pipeline", test_gap_and_pipeline);
  ADD_TEST ("/kpi/deals", test_deals);

  return g_test_run ();
}
