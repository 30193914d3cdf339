/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "pilote-error.h"
#include "pilote-pipeline.h"
#include "pilote-record.h"
#include "pilote-store-private.h"

/*
 * The pipeline queries checked against a small hand-made file; every
 * expected figure is worked out by hand beside its assertion. Money is in
 * cents. "Today" is 2026-11-15; the stale-deal threshold is 30 days (a
 * deal is stale past 30 days without a stage change).
 *
 * Stages (schema defaults): Lead 0.10, Qualified 0.25, Proposal 0.50,
 * Negotiation 0.75, Won, Lost. Teams: North (Alice, Bob), South (Carol).
 *
 * Open deals (client, owner, stage, probability, amount, category,
 * expected close, last stage change → days in stage at 2026-11-15):
 *
 *   A1  Acme  Alice  Lead         0.10 (stage)  1000.00  pipeline   2026-11-20  11-01 → 14
 *   A2  Bolt  Bob    Lead         0.30 (deal)    500.00  commit     2026-12-05  09-01 → 75 stale
 *   A3  Acme  Carol  Proposal     0.50 (stage)  2000.00  best case  2026-11-30  10-16 → 30
 *   A4  Bolt  Alice  Proposal     0.50 (stage)   333.33  commit     —           10-15 → 31 stale
 *   A5  Acme  Bob    Negotiation  0.75 (stage)  4000.00  pipeline   2027-01-10  11-10 → 5
 *
 * Not open, never counted: W1 (won, 9999.00) and X1 (Lead, 7777.00, deleted).
 *
 * Activities of A1: "Demo" due 11-17 done; "Old" due 11-16 deleted;
 * "Call back" due 11-18; "Send quote" due 11-25. Its next one: "Call back".
 */

#define TODAY "2026-11-15"

typedef struct {
  char        *dir;
  PiloteStore *store;
  GDate        today;

  gint64 north, south, alice, bob, carol;
  gint64 lead, qualified, proposal, negotiation, won, lost;
  gint64 price, rival;
  gint64 acme, bolt;
  gint64 a1, a2, a3, a4, a5, w1, x1;
} Fixture;

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
  insert (f, member);
  return member->base.id;
}

static gint64
add_client (Fixture    *f,
            const char *name)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();

  client->name = g_strdup (name);
  insert (f, client);
  return client->base.id;
}

static gint64
add_deal (Fixture                *f,
          const char             *title,
          gint64                  client,
          gint64                  owner,
          gint64                  stage,
          double                  probability,
          PiloteMoney             amount,
          PiloteForecastCategory  category,
          const char             *expected_on,
          const char             *changed_on)
{
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();
  g_autofree char *sql = NULL;

  deal->title = g_strdup (title);
  deal->client_id = client;
  deal->owner_id = owner;
  deal->stage_id = stage;
  deal->amount = amount;
  if (probability > 0)
    deal->probability = probability;
  deal->forecast_category = category;
  deal->created_on = g_strdup ("2026-08-01");
  deal->expected_close_on = g_strdup (expected_on);
  if (stage == f->won)
    deal->closed_on = g_strdup ("2026-11-02");
  insert (f, deal);
  /* the store stamps the stage change with the current time */
  sql = g_strdup_printf ("UPDATE stage_change SET changed_at = '%sT09:30:00.000Z'"
                         " WHERE deal_id = %" G_GINT64_FORMAT, changed_on, deal->base.id);
  exec_sql (f, sql);
  return deal->base.id;
}

static void
add_activity (Fixture    *f,
              gint64      deal,
              const char *subject,
              const char *due_at,
              const char *done_at,
              gboolean    deleted)
{
  g_autoptr(PiloteActivity) activity = pilote_activity_new ();
  g_autoptr(GError) error = NULL;

  activity->kind = PILOTE_ACTIVITY_CALL;
  activity->deal_id = deal;
  activity->subject = g_strdup (subject);
  activity->due_at = g_strdup (due_at);
  activity->done_at = g_strdup (done_at);
  insert (f, activity);
  if (deleted)
    {
      gboolean ok = pilote_store_delete (f->store, PILOTE_ENTITY_ACTIVITY, activity->base.id,
                                         activity->base.version, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PiloteDeal) x1 = NULL;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso (TODAY, &f->today));

  f->lead = find_id (f, PILOTE_ENTITY_STAGE, "Lead");
  f->qualified = find_id (f, PILOTE_ENTITY_STAGE, "Qualified");
  f->proposal = find_id (f, PILOTE_ENTITY_STAGE, "Proposal");
  f->negotiation = find_id (f, PILOTE_ENTITY_STAGE, "Negotiation");
  f->won = find_id (f, PILOTE_ENTITY_STAGE, "Won");
  f->lost = find_id (f, PILOTE_ENTITY_STAGE, "Lost");
  f->price = find_id (f, PILOTE_ENTITY_LOST_REASON, "Price");
  {
    g_autoptr(PiloteNamed) rival = pilote_competitor_new ();

    rival->name = g_strdup ("Rival");
    insert (f, rival);
    f->rival = rival->base.id;
  }

  f->north = add_team (f, "North");
  f->south = add_team (f, "South");
  f->alice = add_member (f, "Alice", f->north);
  f->bob = add_member (f, "Bob", f->north);
  f->carol = add_member (f, "Carol", f->south);
  f->acme = add_client (f, "Acme");
  f->bolt = add_client (f, "Bolt");

  f->a1 = add_deal (f, "A1", f->acme, f->alice, f->lead, 0, 100000, PILOTE_FORECAST_PIPELINE,
                    "2026-11-20", "2026-11-01");
  f->a2 = add_deal (f, "A2", f->bolt, f->bob, f->lead, 0.30, 50000, PILOTE_FORECAST_COMMIT,
                    "2026-12-05", "2026-09-01");
  f->a3 = add_deal (f, "A3", f->acme, f->carol, f->proposal, 0, 200000,
                    PILOTE_FORECAST_BEST_CASE, "2026-11-30", "2026-10-16");
  f->a4 = add_deal (f, "A4", f->bolt, f->alice, f->proposal, 0, 33333, PILOTE_FORECAST_COMMIT,
                    NULL, "2026-10-15");
  f->a5 = add_deal (f, "A5", f->acme, f->bob, f->negotiation, 0, 400000,
                    PILOTE_FORECAST_PIPELINE, "2027-01-10", "2026-11-10");
  f->w1 = add_deal (f, "W1", f->acme, f->alice, f->won, 0, 999900, PILOTE_FORECAST_COMMIT,
                    "2026-11-02", "2026-11-02");
  f->x1 = add_deal (f, "X1", f->bolt, f->alice, f->lead, 0, 777700, PILOTE_FORECAST_COMMIT,
                    "2026-11-20", "2026-11-01");
  x1 = pilote_store_get_deal (f->store, f->x1, &error);
  g_assert_no_error (error);
  ok = pilote_store_delete (f->store, PILOTE_ENTITY_DEAL, f->x1, x1->base.version, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  add_activity (f, f->a1, "Demo", "2026-11-17T10:00:00Z", "2026-11-14T10:00:00Z", FALSE);
  add_activity (f, f->a1, "Old", "2026-11-16T10:00:00Z", NULL, TRUE);
  add_activity (f, f->a1, "Send quote", "2026-11-25T10:00:00Z", NULL, FALSE);
  add_activity (f, f->a1, "Call back", "2026-11-18T10:00:00Z", NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (pilote_store_get_path (f->store));
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

static const PilotePipelineStageTotals *
totals_of (GArray *totals,
           gint64  stage)
{
  for (guint i = 0; i < totals->len; i++)
    if (g_array_index (totals, PilotePipelineStageTotals, i).stage_id == stage)
      return &g_array_index (totals, PilotePipelineStageTotals, i);
  g_assert_not_reached ();
}

static void
assert_totals (GArray      *totals,
               gint64       stage,
               gint64       count,
               PiloteMoney  amount,
               PiloteMoney  weighted,
               gint64       stale)
{
  const PilotePipelineStageTotals *t = totals_of (totals, stage);

  g_assert_cmpint (t->count, ==, count);
  g_assert_cmpint (t->amount, ==, amount);
  g_assert_cmpint (t->weighted, ==, weighted);
  g_assert_cmpint (t->stale, ==, stale);
}

static GArray *
compute_totals (Fixture                    *f,
                const PilotePipelineFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *totals = pilote_pipeline_stage_totals (f->store, filter, &f->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (totals);
  return totals;
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GArray) totals = compute_totals (f, NULL);

  /* the four open stages in pipeline order, the empty one included */
  g_assert_cmpuint (totals->len, ==, 4);
  g_assert_cmpint (g_array_index (totals, PilotePipelineStageTotals, 0).stage_id, ==, f->lead);
  g_assert_cmpint (g_array_index (totals, PilotePipelineStageTotals, 1).stage_id, ==,
                   f->qualified);
  g_assert_cmpint (g_array_index (totals, PilotePipelineStageTotals, 3).stage_id, ==,
                   f->negotiation);

  /* Lead: A1 + A2 = 1000.00 + 500.00; weighted 1000.00 × 0.10 + 500.00 × 0.30
   * = 100.00 + 150.00 (A2's own probability); A2 stale (75 days). W1 and the
   * deleted X1 are left out. */
  assert_totals (totals, f->lead, 2, 150000, 25000, 1);
  assert_totals (totals, f->qualified, 0, 0, 0, 0);
  /* Proposal: A3 + A4 = 2000.00 + 333.33; weighted × 0.50 = 1000.00 +
   * 166.665 → 1166.67; A4 stale (31 days), A3 not (30 days, not more) */
  assert_totals (totals, f->proposal, 2, 233333, 116667, 1);
  /* Negotiation: A5 4000.00 × 0.75 = 3000.00 */
  assert_totals (totals, f->negotiation, 1, 400000, 300000, 0);
}

static void
test_totals_filtered (Fixture       *f,
                      gconstpointer  data)
{
  PilotePipelineFilter alice = { .owner_id = f->alice };
  PilotePipelineFilter north = { .team_id = f->north };
  PilotePipelineFilter november = { .close_from = "2026-11-01", .close_to = "2026-12-01" };
  g_autoptr(GArray) by_alice = compute_totals (f, &alice);
  g_autoptr(GArray) by_north = compute_totals (f, &north);
  g_autoptr(GArray) in_november = compute_totals (f, &november);

  /* Alice: A1 in Lead, A4 in Proposal (333.33 × 0.50 = 166.665 → 166.67) */
  assert_totals (by_alice, f->lead, 1, 100000, 10000, 0);
  assert_totals (by_alice, f->proposal, 1, 33333, 16667, 1);
  assert_totals (by_alice, f->negotiation, 0, 0, 0, 0);
  /* North (Alice and Bob): all but Carol's A3 */
  assert_totals (by_north, f->lead, 2, 150000, 25000, 1);
  assert_totals (by_north, f->proposal, 1, 33333, 16667, 1);
  assert_totals (by_north, f->negotiation, 1, 400000, 300000, 0);
  /* expected to close in November: A1 (11-20) and A3 (11-30); A4 has no date */
  assert_totals (in_november, f->lead, 1, 100000, 10000, 0);
  assert_totals (in_november, f->proposal, 1, 200000, 100000, 0);
  assert_totals (in_november, f->negotiation, 0, 0, 0, 0);
}

static void
test_stale_threshold (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gboolean ok;

  g_assert_cmpint (pilote_pipeline_get_stale_days (f->store), ==, 30);
  ok = pilote_store_set_setting (f->store, "stale_deal_days", "10", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (pilote_pipeline_get_stale_days (f->store), ==, 10);

  /* past 10 days: A1 (14) and A2 in Lead, A3 and A4 in Proposal; A5 (5) not */
  totals = compute_totals (f, NULL);
  assert_totals (totals, f->lead, 2, 150000, 25000, 2);
  assert_totals (totals, f->proposal, 2, 233333, 116667, 2);
  assert_totals (totals, f->negotiation, 1, 400000, 300000, 0);

  cards = pilote_pipeline_list_deals (f->store, NULL, f->lead,
                                      PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, FALSE, 10, 0,
                                      &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_true (((PilotePipelineDeal *) cards->pdata[0])->stale);

  /* a setting that makes no sense falls back to 30 days */
  ok = pilote_store_set_setting (f->store, "stale_deal_days", "soon", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (pilote_pipeline_get_stale_days (f->store), ==, 30);
}

static GPtrArray *
list_cards (Fixture            *f,
            gint64              stage,
            PilotePipelineSort  sort,
            gboolean            descending,
            guint               limit,
            guint               offset)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cards = pilote_pipeline_list_deals (f->store, NULL, stage, sort, descending,
                                                 limit, offset, &f->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static void
assert_titles (GPtrArray  *cards,
               const char *expected)
{
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    g_string_append_printf (titles, "%s%s", i > 0 ? " " : "",
                            ((PilotePipelineDeal *) cards->pdata[i])->title);
  g_assert_cmpstr (titles->str, ==, expected);
}

static void
test_cards (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) lead = list_cards (f, f->lead, PILOTE_PIPELINE_SORT_EXPECTED_CLOSE,
                                          FALSE, 50, 0);
  const PilotePipelineDeal *a1, *a2;

  /* by expected close: A1 (11-20), A2 (12-05); the deleted X1 left out */
  assert_titles (lead, "A1 A2");
  a1 = lead->pdata[0];
  a2 = lead->pdata[1];
  g_assert_cmpint (a1->deal_id, ==, f->a1);
  g_assert_cmpint (a1->stage_id, ==, f->lead);
  g_assert_cmpint (a1->version, ==, 1);
  g_assert_cmpstr (a1->client, ==, "Acme");
  g_assert_cmpstr (a1->owner, ==, "Alice");
  g_assert_cmpstr (a1->stage, ==, "Lead");
  g_assert_cmpint (a1->amount, ==, 100000);
  g_assert_cmpfloat_with_epsilon (a1->probability, 0.10, 1e-12);
  g_assert_cmpstr (a1->expected_close_on, ==, "2026-11-20");
  /* the earliest activity neither done nor deleted */
  g_assert_cmpstr (a1->next_activity, ==, "Call back");
  g_assert_cmpstr (a1->next_activity_due, ==, "2026-11-18T10:00:00.000Z");
  g_assert_cmpint (a1->days_in_stage, ==, 14);
  g_assert_false (a1->stale);

  g_assert_cmpstr (a2->client, ==, "Bolt");
  g_assert_cmpfloat_with_epsilon (a2->probability, 0.30, 1e-12);
  g_assert_cmpint (a2->forecast_category, ==, PILOTE_FORECAST_COMMIT);
  g_assert_null (a2->next_activity);
  g_assert_null (a2->next_activity_due);
  g_assert_cmpint (a2->days_in_stage, ==, 75);
  g_assert_true (a2->stale);
}

static void
test_cards_sorted_and_paged (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) page1 = list_cards (f, 0, PILOTE_PIPELINE_SORT_AMOUNT, TRUE, 2, 0);
  g_autoptr(GPtrArray) page2 = list_cards (f, 0, PILOTE_PIPELINE_SORT_AMOUNT, TRUE, 2, 2);
  g_autoptr(GPtrArray) page3 = list_cards (f, 0, PILOTE_PIPELINE_SORT_AMOUNT, TRUE, 2, 4);
  g_autoptr(GPtrArray) page4 = list_cards (f, 0, PILOTE_PIPELINE_SORT_AMOUNT, TRUE, 2, 6);
  g_autoptr(GPtrArray) by_close = list_cards (f, 0, PILOTE_PIPELINE_SORT_EXPECTED_CLOSE,
                                              FALSE, 50, 0);
  g_autoptr(GPtrArray) by_close_desc = list_cards (f, 0, PILOTE_PIPELINE_SORT_EXPECTED_CLOSE,
                                                   TRUE, 50, 0);
  g_autoptr(GPtrArray) by_client = list_cards (f, 0, PILOTE_PIPELINE_SORT_CLIENT, FALSE, 50, 0);
  g_autoptr(GPtrArray) by_stage = list_cards (f, 0, PILOTE_PIPELINE_SORT_STAGE, TRUE, 50, 0);
  g_autoptr(GPtrArray) by_days = list_cards (f, 0, PILOTE_PIPELINE_SORT_DAYS_IN_STAGE, TRUE,
                                             50, 0);
  g_autoptr(GPtrArray) by_owner = list_cards (f, 0, PILOTE_PIPELINE_SORT_OWNER, FALSE, 50, 0);

  /* all open deals by amount, largest first, two at a time */
  assert_titles (page1, "A5 A3");
  assert_titles (page2, "A1 A2");
  assert_titles (page3, "A4");
  assert_titles (page4, "");
  /* A4 has no expected close date: last, whatever the direction */
  assert_titles (by_close, "A1 A3 A2 A5 A4");
  assert_titles (by_close_desc, "A5 A2 A3 A1 A4");
  /* Acme (A1, A3, A5), then Bolt (A2, A4); ties in id order */
  assert_titles (by_client, "A1 A3 A5 A2 A4");
  /* Negotiation, Proposal, Lead; ties in descending id order */
  assert_titles (by_stage, "A5 A4 A3 A2 A1");
  /* 75, 31, 30, 14, 5 days */
  assert_titles (by_days, "A2 A4 A3 A1 A5");
  /* Alice (A1, A4), Bob (A2, A5), Carol (A3) */
  assert_titles (by_owner, "A1 A4 A2 A5 A3");
}

/* the deal ids of the pages of @page_size, one after the other, then the
 * same deals read as one page */
static void
assert_pages_match (Fixture                    *f,
                    const PilotePipelineFilter *filter,
                    gint64                      stage,
                    PilotePipelineSort          sort,
                    gboolean                    descending,
                    guint                       page_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = pilote_pipeline_list_deals (f->store, filter, stage, sort,
                                                           descending, 50, 0, &f->today,
                                                           &error);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) paged = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < whole->len; i++)
    g_string_append_printf (expected, " %" G_GINT64_FORMAT,
                            ((PilotePipelineDeal *) whole->pdata[i])->deal_id);
  for (guint offset = 0; offset <= whole->len; offset += page_size)
    {
      g_autoptr(GPtrArray) page = pilote_pipeline_list_deals (f->store, filter, stage, sort,
                                                              descending, page_size, offset,
                                                              &f->today, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, page_size);
      for (guint i = 0; i < page->len; i++)
        g_string_append_printf (paged, " %" G_GINT64_FORMAT,
                                ((PilotePipelineDeal *) page->pdata[i])->deal_id);
    }
  g_assert_cmpstr (paged->str, ==, expected->str);
}

static void
test_pages_every_order (Fixture       *f,
                        gconstpointer  data)
{
  PilotePipelineFilter filters[] = {
    { 0 },
    { .owner_id = f->alice },
    { .team_id = f->north },
    { .close_from = "2026-11-01", .close_to = "2026-12-01" },
  };
  gint64 stages[] = { 0, f->lead, f->proposal };
  g_autoptr(GPtrArray) by_client = NULL;
  g_autoptr(GPtrArray) by_client_desc = NULL;
  g_autoptr(GPtrArray) by_close_alice = NULL;
  g_autoptr(GPtrArray) by_client_proposal = NULL;
  g_autoptr(GError) error = NULL;

  /* A4 without a client: last by client either way */
  exec_sql (f, "UPDATE deal SET client_id = NULL WHERE title = 'A4';");
  by_client = list_cards (f, 0, PILOTE_PIPELINE_SORT_CLIENT, FALSE, 50, 0);
  by_client_desc = list_cards (f, 0, PILOTE_PIPELINE_SORT_CLIENT, TRUE, 50, 0);
  assert_titles (by_client, "A1 A3 A5 A2 A4");
  assert_titles (by_client_desc, "A2 A5 A3 A1 A4");
  by_client_proposal = list_cards (f, f->proposal, PILOTE_PIPELINE_SORT_CLIENT, FALSE, 50, 0);
  assert_titles (by_client_proposal, "A3 A4");

  /* Alice's deals by expected close: A1 (11-20), then A4 without a date */
  by_close_alice = pilote_pipeline_list_deals (f->store, &filters[1], 0,
                                               PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, FALSE, 50,
                                               0, &f->today, &error);
  g_assert_no_error (error);
  assert_titles (by_close_alice, "A1 A4");

  /* every order, filter and stage: the pages follow each other, across
   * the deals with a value and those without one */
  for (PilotePipelineSort sort = PILOTE_PIPELINE_SORT_EXPECTED_CLOSE;
       sort <= PILOTE_PIPELINE_SORT_DAYS_IN_STAGE; sort++)
    for (int descending = 0; descending < 2; descending++)
      for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
        for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
          for (guint size = 1; size <= 3; size++)
            assert_pages_match (f, &filters[i], stages[s], sort, descending, size);
}

static void
assert_forecast_row (GPtrArray   *rows,
                     guint        index,
                     const char  *month,
                     gint64       count,
                     PiloteMoney  amount,
                     PiloteMoney  weighted,
                     PiloteMoney  commit,
                     PiloteMoney  best_case)
{
  const PilotePipelineForecastRow *row;

  g_assert_cmpuint (index, <, rows->len);
  row = rows->pdata[index];
  g_assert_cmpstr (row->month, ==, month);
  g_assert_cmpint (row->count, ==, count);
  g_assert_cmpint (row->amount, ==, amount);
  g_assert_cmpint (row->weighted, ==, weighted);
  g_assert_cmpint (row->commit, ==, commit);
  g_assert_cmpint (row->best_case, ==, best_case);
}

static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pilote_pipeline_forecast (f->store, NULL, &error);
  PilotePipelineFilter north = { .team_id = f->north };
  g_autoptr(GPtrArray) north_rows = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  /* November: A1 1000.00 × 0.10 + A3 2000.00 × 0.50 = 100.00 + 1000.00;
   * no commit; best case: A3 */
  assert_forecast_row (rows, 0, "2026-11", 2, 300000, 110000, 0, 200000);
  /* December: A2 500.00 × 0.30, commit (so also best case) */
  assert_forecast_row (rows, 1, "2026-12", 1, 50000, 15000, 50000, 50000);
  /* January: A5 4000.00 × 0.75 */
  assert_forecast_row (rows, 2, "2027-01", 1, 400000, 300000, 0, 0);
  /* no date: A4 333.33 × 0.50 = 166.665 → 166.67, commit */
  assert_forecast_row (rows, 3, NULL, 1, 33333, 16667, 33333, 33333);

  /* North leaves Carol's A3 out of November */
  north_rows = pilote_pipeline_forecast (f->store, &north, &error);
  g_assert_no_error (error);
  assert_forecast_row (north_rows, 0, "2026-11", 1, 100000, 10000, 0, 0);
}

static gint64
count_stage_changes (Fixture *f,
                     gint64   deal)
{
  sqlite3_stmt *stmt;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store),
                                       "SELECT count (*) FROM stage_change WHERE deal_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, deal);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(PiloteDeal) deal = NULL;
  g_autoptr(PiloteDeal) after_conflict = NULL;
  g_autoptr(PiloteDeal) lost = NULL;
  g_autoptr(PiloteDeal) won = NULL;
  g_autoptr(PiloteStage) won_stage = NULL;
  gboolean ok;

  /* A1, version 1, from Lead to Qualified */
  ok = pilote_pipeline_move_deal (f->store, f->a1, 1, f->qualified, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  deal = pilote_store_get_deal (f->store, f->a1, &error);
  g_assert_cmpint (deal->stage_id, ==, f->qualified);
  g_assert_cmpint (deal->base.version, ==, 2);
  g_assert_cmpint (count_stage_changes (f, f->a1), ==, 2);
  totals = compute_totals (f, NULL);
  /* Lead keeps A2; Qualified gets A1 at 0.25: 250.00, and it just moved */
  assert_totals (totals, f->lead, 1, 50000, 15000, 1);
  assert_totals (totals, f->qualified, 1, 100000, 25000, 0);

  /* the board still showed version 1: a conflict, and nothing changes */
  ok = pilote_pipeline_move_deal (f->store, f->a1, 1, f->proposal, 0, 0, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_assert_false (ok);
  g_clear_error (&error);
  after_conflict = pilote_store_get_deal (f->store, f->a1, &error);
  g_assert_cmpint (after_conflict->stage_id, ==, f->qualified);
  g_assert_cmpint (after_conflict->base.version, ==, 2);
  g_assert_cmpint (count_stage_changes (f, f->a1), ==, 2);

  /* lost, with a reason and a competitor; the lost date is set */
  ok = pilote_pipeline_move_deal (f->store, f->a2, 1, f->lost, f->price, f->rival, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  lost = pilote_store_get_deal (f->store, f->a2, &error);
  g_assert_cmpint (lost->status, ==, PILOTE_STAGE_KIND_LOST);
  g_assert_cmpint (lost->lost_reason_id, ==, f->price);
  g_assert_cmpint (lost->competitor_id, ==, f->rival);
  g_assert_nonnull (lost->closed_on);

  /* won: the won date is set, and the deal leaves the open pipeline */
  won_stage = pilote_store_get_stage (f->store, f->won, &error);
  g_assert_cmpint (won_stage->kind, ==, PILOTE_STAGE_KIND_WON);
  ok = pilote_pipeline_move_deal (f->store, f->a5, 1, f->won, f->price, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  won = pilote_store_get_deal (f->store, f->a5, &error);
  g_assert_cmpint (won->status, ==, PILOTE_STAGE_KIND_WON);
  g_assert_nonnull (won->closed_on);
  g_assert_cmpint (won->lost_reason_id, ==, 0);
  g_clear_pointer (&totals, g_array_unref);
  totals = compute_totals (f, NULL);
  assert_totals (totals, f->lead, 0, 0, 0, 0);
  assert_totals (totals, f->negotiation, 0, 0, 0, 0);

  /* moving to the stage the deal is in changes nothing */
  ok = pilote_pipeline_move_deal (f->store, f->a3, 1, f->proposal, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (count_stage_changes (f, f->a3), ==, 1);
}

/* Schema version 10: each deal carries the date of its last stage change,
 * else of its creation. The deals whose date is not what the stage changes
 * say, worked out plainly: */
#define WRONG_STAGE_CHANGED_ON \
  "SELECT count (*) FROM deal WHERE stage_changed_on IS NOT coalesce ((SELECT substr" \
  " (max (c.changed_at), 1, 10) FROM stage_change c WHERE c.deal_id = deal.id)," \
  " substr (created_on, 1, 10))"

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
stage_changed_on (Fixture *f,
                  gint64   deal)
{
  sqlite3_stmt *stmt;
  char *day;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store),
                                       "SELECT stage_changed_on FROM deal WHERE id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, deal);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  day = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return day;
}

#define assert_stage_changed_on(f, deal, expected) \
  G_STMT_START { \
    g_autofree char *day_ = stage_changed_on ((f), (deal)); \
    g_assert_cmpstr (day_, ==, (expected)); \
    g_assert_cmpint (query_int ((f), WRONG_STAGE_CHANGED_ON), ==, 0); \
  } G_STMT_END

static void
test_stage_changed_on (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *sql = NULL;
  g_autoptr(PiloteDeal) fresh = pilote_deal_new ();
  gboolean ok;

  /* what the fixture wrote: each deal its change's day */
  assert_stage_changed_on (f, f->a1, "2026-11-01");
  assert_stage_changed_on (f, f->a2, "2026-09-01");
  assert_stage_changed_on (f, f->w1, "2026-11-02");

  /* moved on the board: today (the store stamps the change) */
  ok = pilote_pipeline_move_deal (f->store, f->a1, 1, f->qualified, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_stage_changed_on (f, f->a1, today);

  /* changes written by another program: a later one moves the date, an
   * earlier one does not */
  sql = g_strdup_printf ("INSERT INTO stage_change (deal_id, to_stage_id, changed_at)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                         " '2026-11-12T23:59:59.000Z');", f->a2, f->lead);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a2, "2026-11-12");
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO stage_change (deal_id, to_stage_id, changed_at)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                         " '2026-01-01T08:00:00.000Z');", f->a2, f->lead);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a2, "2026-11-12");

  /* the latest change deleted: back to the one before */
  exec_sql (f, "DELETE FROM stage_change WHERE changed_at LIKE '2026-11-12%';");
  assert_stage_changed_on (f, f->a2, "2026-09-01");
  /* an earlier one deleted: no change */
  exec_sql (f, "DELETE FROM stage_change WHERE changed_at LIKE '2026-01-01%';");
  assert_stage_changed_on (f, f->a2, "2026-09-01");

  /* every change of A3 deleted: its creation; which follows the creation
   * date; then a change dated before it, its first, counts */
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, f->a3);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a3, "2026-08-01");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE deal SET created_on = '2026-07-07' WHERE id = %" G_GINT64_FORMAT,
                         f->a3);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a3, "2026-07-07");
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO stage_change (deal_id, to_stage_id, changed_at)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                         " '2026-06-01T08:00:00.000Z');", f->a3, f->proposal);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a3, "2026-06-01");

  /* a change edited, or given to another deal */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE stage_change SET changed_at = '2026-10-20T10:00:00.000Z'"
                         " WHERE deal_id = %" G_GINT64_FORMAT, f->a4);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a4, "2026-10-20");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE stage_change SET deal_id = %" G_GINT64_FORMAT
                         " WHERE deal_id = %" G_GINT64_FORMAT, f->a5, f->a4);
  exec_sql (f, sql);
  assert_stage_changed_on (f, f->a4, "2026-08-01");
  assert_stage_changed_on (f, f->a5, "2026-11-10");

  /* a deal added by the store: its first change, today; one added by
   * another program without a change: its creation */
  fresh->title = g_strdup ("Fresh");
  fresh->stage_id = f->lead;
  fresh->created_on = g_strdup ("2026-05-05");
  insert (f, fresh);
  assert_stage_changed_on (f, fresh->base.id, today);
  exec_sql (f, "INSERT INTO deal (id, title, stage_id, status, created_on)"
               " VALUES (9001, 'Shell', 1, 'open', '2026-02-03');");
  assert_stage_changed_on (f, 9001, "2026-02-03");
}

/* Every order, checked against a plain ORDER BY on many deals: owners of
 * the same name as NOCASE compares them, deals without an owner, deals of
 * a probability of their own equal to a stage's default, deals changed on
 * the same day, pages cut anywhere. */

static const char *const reference_keys[] = {
  [PILOTE_PIPELINE_SORT_EXPECTED_CLOSE] = "d.expected_close_on",
  [PILOTE_PIPELINE_SORT_TITLE] = "d.title COLLATE NOCASE",
  [PILOTE_PIPELINE_SORT_CLIENT] = "(SELECT name FROM client WHERE id = d.client_id) COLLATE NOCASE",
  [PILOTE_PIPELINE_SORT_OWNER] = "(SELECT name FROM member WHERE id = d.owner_id) COLLATE NOCASE",
  [PILOTE_PIPELINE_SORT_STAGE] = "(SELECT position FROM stage WHERE id = d.stage_id)",
  [PILOTE_PIPELINE_SORT_AMOUNT] = "d.amount",
  [PILOTE_PIPELINE_SORT_PROBABILITY] =
    "coalesce (d.probability, (SELECT probability FROM stage WHERE id = d.stage_id))",
  [PILOTE_PIPELINE_SORT_DAYS_IN_STAGE] =
    "CAST (julianday ('" TODAY "') - julianday (coalesce ((SELECT substr (max (c.changed_at),"
    " 1, 10) FROM stage_change c WHERE c.deal_id = d.id), d.created_on)) AS INTEGER)",
};

static GString *
reference_filter (const PilotePipelineFilter *filter,
                  gint64                      stage)
{
  GString *where = g_string_new ("d.deleted_at IS NULL AND d.status = 'open'");

  if (stage > 0)
    g_string_append_printf (where, " AND d.stage_id = %" G_GINT64_FORMAT, stage);
  if (filter->owner_id > 0)
    g_string_append_printf (where, " AND d.owner_id = %" G_GINT64_FORMAT, filter->owner_id);
  if (filter->team_id > 0)
    g_string_append_printf (where, " AND d.owner_id IN (SELECT id FROM member WHERE team_id = %"
                            G_GINT64_FORMAT ")", filter->team_id);
  if (filter->close_from != NULL)
    g_string_append_printf (where, " AND d.expected_close_on >= '%s'", filter->close_from);
  if (filter->close_to != NULL)
    g_string_append_printf (where, " AND d.expected_close_on < '%s'", filter->close_to);
  return where;
}

static char *
reference_order (Fixture                    *f,
                 const PilotePipelineFilter *filter,
                 gint64                      stage,
                 PilotePipelineSort          sort,
                 gboolean                    descending)
{
  const char *dir = descending ? "DESC" : "ASC";
  g_autoptr(GString) where = reference_filter (filter, stage);
  g_autofree char *sql = g_strdup_printf ("SELECT d.id FROM deal d WHERE %s"
                                          " ORDER BY %s IS NULL, %s %s, d.id %s", where->str,
                                          reference_keys[sort], reference_keys[sort], dir, dir);
  GString *ids = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, " %" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (ids, FALSE);
}

static char *
paged_order (Fixture                    *f,
             const PilotePipelineFilter *filter,
             gint64                      stage,
             PilotePipelineSort          sort,
             gboolean                    descending,
             guint                       page_size)
{
  GString *ids = g_string_new (NULL);

  for (guint offset = 0;; offset += page_size)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = pilote_pipeline_list_deals (f->store, filter, stage, sort,
                                                              descending, page_size, offset,
                                                              &f->today, &error);

      g_assert_no_error (error);
      g_assert_nonnull (page);
      for (guint i = 0; i < page->len; i++)
        g_string_append_printf (ids, " %" G_GINT64_FORMAT,
                                ((PilotePipelineDeal *) page->pdata[i])->deal_id);
      if (page->len < page_size)
        break;
    }
  return g_string_free (ids, FALSE);
}

static void
assert_headers_match_reference (Fixture                    *f,
                                const PilotePipelineFilter *filter)
{
  g_autoptr(GArray) totals = compute_totals (f, filter);
  g_autoptr(GString) where = reference_filter (filter, 0);
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.id, (SELECT count (*) FROM deal d WHERE %s AND d.stage_id = s.id),"
    " (SELECT total (d.amount) FROM deal d WHERE %s AND d.stage_id = s.id),"
    " (SELECT total (d.amount * %s) FROM deal d WHERE %s AND d.stage_id = s.id),"
    " (SELECT count (*) FROM deal d WHERE %s AND d.stage_id = s.id AND %s > %" G_GINT64_FORMAT ")"
    " FROM stage s WHERE s.deleted_at IS NULL AND s.kind = 'open' ORDER BY s.position, s.id",
    where->str, where->str, reference_keys[PILOTE_PIPELINE_SORT_PROBABILITY], where->str,
    where->str, reference_keys[PILOTE_PIPELINE_SORT_DAYS_IN_STAGE],
    pilote_pipeline_get_stale_days (f->store));
  sqlite3_stmt *stmt;
  guint i = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (; sqlite3_step (stmt) == SQLITE_ROW; i++)
    {
      const PilotePipelineStageTotals *t;

      g_assert_cmpuint (i, <, totals->len);
      t = &g_array_index (totals, PilotePipelineStageTotals, i);
      g_assert_cmpint (t->stage_id, ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (t->count, ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpint (t->amount, ==, (gint64) sqlite3_column_double (stmt, 2));
      /* the same sum, added in another order: a cent at most apart */
      g_assert_cmpint (ABS (t->weighted - llround (sqlite3_column_double (stmt, 3))), <=, 1);
      g_assert_cmpint (t->stale, ==, sqlite3_column_int64 (stmt, 4));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, totals->len);
}

static void
assert_orders_match_reference (Fixture *f,
                               gint64   dana)
{
  PilotePipelineFilter filters[] = {
    { 0 },
    { .owner_id = dana },
    { .team_id = f->north },
    { .close_from = "2026-11-01", .close_to = "2027-01-01" },
  };
  gint64 stages[] = { 0, f->lead, f->qualified };

  g_assert_cmpint (query_int (f, WRONG_STAGE_CHANGED_ON), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      assert_headers_match_reference (f, &filters[i]);
      for (PilotePipelineSort sort = PILOTE_PIPELINE_SORT_EXPECTED_CLOSE;
           sort <= PILOTE_PIPELINE_SORT_DAYS_IN_STAGE; sort++)
        for (int descending = 0; descending < 2; descending++)
          for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
            {
              g_autofree char *expected = reference_order (f, &filters[i], stages[s], sort,
                                                           descending);
              g_autofree char *whole = paged_order (f, &filters[i], stages[s], sort,
                                                    descending, 1000);
              g_autofree char *paged = paged_order (f, &filters[i], stages[s], sort,
                                                    descending, 7);

              if (g_strcmp0 (whole, expected) != 0)
                g_test_message ("sort %d %s, filter %u, stage %u", sort,
                                descending ? "down" : "up", i, s);
              g_assert_cmpstr (whole, ==, expected);
              g_assert_cmpstr (paged, ==, expected);
            }
    }
}

static void
test_orders_match_reference (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261115);
  g_autoptr(GError) error = NULL;
  gint64 dana = add_member (f, "Dana", f->north);
  gint64 dana_too = add_member (f, "dana", f->south);
  gint64 emile = add_member (f, "Émile", 0);
  gint64 owners[] = { f->alice, f->bob, f->carol, dana, dana_too, emile, 0 };
  gint64 stages[] = { f->lead, f->qualified, f->proposal, f->negotiation };
  /* 0.25 is Qualified's default, 0.5 Proposal's */
  const char *probabilities[] = { "NULL", "NULL", "NULL", "0.25", "0.5", "0.9", "0.05" };
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  gboolean ok;

  for (guint i = 0; i < 400; i++)
    {
      gint64 owner = owners[g_rand_int_range (rand, 0, G_N_ELEMENTS (owners))];
      gint64 stage = stages[g_rand_int_range (rand, 0, G_N_ELEMENTS (stages))];
      gint64 id = 1000 + i;
      guint n_changes = (guint) g_rand_int_range (rand, 0, 4);
      gboolean won = g_rand_int_range (rand, 0, 10) == 0;
      gboolean deleted = g_rand_int_range (rand, 0, 20) == 0;
      g_autofree char *owner_text = owner > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, owner)
                                              : g_strdup ("NULL");
      g_autofree char *close = g_rand_int_range (rand, 0, 5) == 0
                                 ? g_strdup ("NULL")
                                 : g_strdup_printf ("'2026-%02d-%02d'",
                                                    g_rand_int_range (rand, 10, 13),
                                                    g_rand_int_range (rand, 1, 4));

      g_string_append_printf (sql,
                              "INSERT INTO deal (id, title, client_id, owner_id, stage_id, status,"
                              " amount, probability, expected_close_on, created_on, closed_on,"
                              " deleted_at) VALUES (%" G_GINT64_FORMAT ", 'Deal %u', %"
                              G_GINT64_FORMAT ", %s, %" G_GINT64_FORMAT ", '%s', %d, %s, %s,"
                              " '2026-%02d-%02d', %s, %s);",
                              id, g_rand_int_range (rand, 0, 50), i % 3 ? f->acme : f->bolt,
                              owner_text, won ? f->won : stage, won ? "won" : "open",
                              g_rand_int_range (rand, 1, 5) * 12345,
                              probabilities[g_rand_int_range (rand, 0,
                                                              G_N_ELEMENTS (probabilities))],
                              close, g_rand_int_range (rand, 1, 11),
                              g_rand_int_range (rand, 1, 4),
                              won ? "'2026-11-01'" : "NULL",
                              deleted ? "'2026-11-02T00:00:00.000Z'" : "NULL");
      /* changes on few days, so that many deals share one; some before
       * the deal was created */
      for (guint c = 0; c < n_changes; c++)
        g_string_append_printf (sql,
                                "INSERT INTO stage_change (deal_id, to_stage_id, changed_at)"
                                " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                                " '2026-%02d-%02dT%02d:00:00.000Z');",
                                id, stage, g_rand_int_range (rand, 1, 12),
                                g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 0, 24));
    }
  g_string_append (sql, "COMMIT;");
  exec_sql (f, sql->str);
  assert_orders_match_reference (f, dana);

  /* after every kind of write: moves on the board, changes added and
   * deleted by another program, a deal's creation date changed */
  for (gint64 id = 1000; id < 1060; id += 3)
    {
      g_autoptr(PiloteDeal) deal = pilote_store_get_deal (f->store, id, &error);

      g_assert_no_error (error);
      if (deal->base.deleted_at != NULL || deal->status != PILOTE_STAGE_KIND_OPEN)
        continue;
      ok = pilote_pipeline_move_deal (f->store, id, deal->base.version,
                                      id % 2 ? f->negotiation : f->lost, f->price, 0, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  exec_sql (f, "INSERT INTO stage_change (deal_id, to_stage_id, changed_at)"
               " SELECT id, stage_id, '2026-11-14T10:00:00.000Z' FROM deal WHERE id % 7 = 0;"
               "DELETE FROM stage_change WHERE id % 5 = 0;"
               "UPDATE deal SET created_on = '2026-10-30' WHERE id % 11 = 0;");
  assert_orders_match_reference (f, dana);

  /* what the headers add up: amounts, probabilities (the deal's, then
   * none), owners changed; deals deleted, restored, deleted for good */
  exec_sql (f, "UPDATE deal SET amount = amount + 101 WHERE id % 4 = 0;"
               "UPDATE deal SET probability = 0.25 WHERE id % 6 = 1;"
               "UPDATE deal SET probability = NULL WHERE id % 9 = 2;"
               "UPDATE deal SET owner_id = NULL WHERE id % 13 = 3;"
               "UPDATE deal SET owner_id = (SELECT id FROM member WHERE name = 'dana')"
               "  WHERE id % 13 = 4;"
               "UPDATE deal SET deleted_at = '2026-11-14T00:00:00.000Z' WHERE id % 17 = 4;"
               "UPDATE deal SET deleted_at = NULL WHERE id % 20 = 0;"
               "UPDATE deal SET title = title || '.' WHERE id % 3 = 0;"
               "DELETE FROM stage_change WHERE deal_id IN (SELECT id FROM deal WHERE id % 19 = 5);"
               "DELETE FROM deal WHERE id % 19 = 5;");
  assert_orders_match_reference (f, dana);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/pipeline/totals", test_totals);
  ADD ("/pipeline/totals-filtered", test_totals_filtered);
  ADD ("/pipeline/stale-threshold", test_stale_threshold);
  ADD ("/pipeline/cards", test_cards);
  ADD ("/pipeline/cards-sorted-and-paged", test_cards_sorted_and_paged);
  ADD ("/pipeline/pages-every-order", test_pages_every_order);
  ADD ("/pipeline/forecast", test_forecast);
  ADD ("/pipeline/move", test_move);
  ADD ("/pipeline/stage-changed-on", test_stage_changed_on);
  ADD ("/pipeline/orders-match-reference", test_orders_match_reference);

#undef ADD

  return g_test_run ();
}
