/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-kpi.h"
#include "pilote-plan.h"
#include "pilote-record.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * The queries of the action plan, the SWOT and the spend, and the
 * competitors' figures, on a small demo company (today pinned to
 * 2026-11-15). Figures are checked against counts made here with plain
 * SQL and against the KPI engine's other functions.
 */

typedef struct {
  char        *dir;
  PiloteStore *store;
  GDate        today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PiloteDemoOptions options;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-plan-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &f->today));
  pilote_demo_options_init (&options);
  options.n_clients = 80;
  options.n_deals = 800;
  options.today = &f->today;
  ok = pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
query_int (Fixture    *f,
           const char *sql,
           gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
insert_action (Fixture              *f,
               const char           *title,
               const char           *due,
               PiloteProgressStatus  status,
               gint64                owner_id)
{
  g_autoptr(PiloteAction) action = pilote_action_new ();
  g_autoptr(GError) error = NULL;

  action->title = g_strdup (title);
  action->due_on = g_strdup (due);
  action->status = status;
  action->owner_id = owner_id;
  g_assert_true (pilote_store_insert (f->store, action, &error));
  g_assert_no_error (error);
  return action->base.id;
}

static gboolean
has_action (GPtrArray *actions,
            gint64     id)
{
  for (guint i = 0; i < actions->len; i++)
    if (((PiloteRecord *) g_ptr_array_index (actions, i))->id == id)
      return TRUE;
  return FALSE;
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  PilotePeriod november;
  gint64 member = query_int (f, "SELECT min (id) FROM member WHERE team_id IS NOT NULL", 0);
  gint64 other = query_int (f, "SELECT max (id) FROM member WHERE id <> ?1", member);
  gint64 in_period, late, late_done, undated, later, others;
  int days = 0;

  in_period = insert_action (f, "In November", "2026-11-20", PILOTE_PROGRESS_IN_PROGRESS, member);
  late = insert_action (f, "Late from October", "2026-10-20", PILOTE_PROGRESS_NOT_STARTED, member);
  late_done = insert_action (f, "Done in October", "2026-10-20", PILOTE_PROGRESS_DONE, member);
  undated = insert_action (f, "Whenever", NULL, PILOTE_PROGRESS_NOT_STARTED, member);
  later = insert_action (f, "In December", "2026-12-02", PILOTE_PROGRESS_NOT_STARTED, member);
  others = insert_action (f, "Someone else's", "2026-11-21", PILOTE_PROGRESS_NOT_STARTED, other);

  pilote_period_init_month (&november, 2026, G_DATE_NOVEMBER);
  plan = pilote_plan_list_actions (f->store, &november, PILOTE_SCOPE_COMPANY, 0, &error);
  g_assert_no_error (error);
  g_assert_true (has_action (plan, in_period));
  g_assert_true (has_action (plan, late));
  g_assert_false (has_action (plan, late_done));
  g_assert_true (has_action (plan, undated));
  g_assert_false (has_action (plan, later));
  g_assert_true (has_action (plan, others));
  /* by due date, undated last */
  g_assert_cmpint (((PiloteRecord *) g_ptr_array_index (plan, plan->len - 1))->id, ==, undated);

  mine = pilote_plan_list_actions (f->store, &november, PILOTE_SCOPE_MEMBER, member, &error);
  g_assert_no_error (error);
  g_assert_true (has_action (mine, in_period));
  g_assert_false (has_action (mine, others));

  for (guint i = 0; i < plan->len; i++)
    {
      const PiloteAction *action = g_ptr_array_index (plan, i);

      if (action->base.id == late)
        {
          g_assert_true (pilote_plan_action_is_overdue (action, &f->today, &days));
          g_assert_cmpint (days, ==, 26);
        }
      else if (action->base.id == in_period || action->base.id == undated)
        g_assert_false (pilote_plan_action_is_overdue (action, &f->today, NULL));
    }
}

static void
test_strategy (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PilotePeriodNote) note = pilote_period_note_new ();
  g_autoptr(PilotePeriodNote) rival = pilote_period_note_new ();
  g_autoptr(PilotePeriodNote) stale = NULL;
  g_autoptr(PilotePeriodNote) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (pilote_plan_get_strategy (f->store, PILOTE_PERIOD_QUARTER, "2026-10-01",
                                           PILOTE_SCOPE_COMPANY, 0, &error));
  g_assert_no_error (error);

  note->kind = rival->kind = PILOTE_NOTE_STRATEGY;
  note->period_kind = rival->period_kind = PILOTE_PERIOD_QUARTER;
  note->period_start = g_strdup ("2026-10-01");
  rival->period_start = g_strdup ("2026-10-01");
  note->text = g_strdup ("Grow the public sector to 30 % of revenue.");
  rival->text = g_strdup ("Another text");
  g_assert_true (pilote_plan_save_strategy (f->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (note->base.id, >, 0);

  /* a second first text for the same quarter is a conflict, not a duplicate */
  g_assert_false (pilote_plan_save_strategy (f->store, rival, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* a save over an older version is refused */
  stale = pilote_record_copy (note);
  g_free (note->text);
  note->text = g_strdup ("Grow the public sector to 35 % of revenue.");
  g_assert_true (pilote_plan_save_strategy (f->store, note, &error));
  g_assert_no_error (error);
  g_free (stale->text);
  stale->text = g_strdup ("Stale");
  g_assert_false (pilote_plan_save_strategy (f->store, stale, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  read = pilote_plan_get_strategy (f->store, PILOTE_PERIOD_QUARTER, "2026-10-01",
                                   PILOTE_SCOPE_COMPANY, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->text, ==, "Grow the public sector to 35 % of revenue.");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM period_note WHERE kind = 'strategy'"
                              " AND period_kind = 'quarter' AND period_start = '2026-10-01'", 0),
                   ==, 1);
}

static void
test_swot (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(PiloteSwotItem) item = pilote_swot_item_new ();
  g_auto(GStrv) markets = NULL;
  g_autoptr(GError) error = NULL;
  PilotePeriod march;
  char start[PILOTE_ISO_DATE_LEN];
  gint64 last_position = -1;
  guint n_threats = 0;

  pilote_period_init_month (&march, 2026, G_DATE_MARCH);
  pilote_plan_swot_period (&march, start);
  g_assert_cmpstr (start, ==, "2026-01-01");
  markets = pilote_plan_list_markets (f->store, start, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (markets, ((const char *[]) { "France", NULL }));

  item->market = g_strdup ("France");
  item->period_start = g_strdup (start);
  item->quadrant = PILOTE_QUADRANT_THREAT;
  item->text = g_strdup ("A new entrant from Italy");
  g_assert_true (pilote_plan_add_swot_item (f->store, item, &error));
  g_assert_no_error (error);

  items = pilote_plan_list_swot (f->store, "France", start, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const PiloteSwotItem *other = g_ptr_array_index (items, i);

      /* by quadrant, then position */
      if (i > 0)
        g_assert_cmpint (((PiloteSwotItem *) g_ptr_array_index (items, i - 1))->quadrant, <=,
                         other->quadrant);
      if (other->quadrant == PILOTE_QUADRANT_THREAT)
        {
          g_assert_cmpint (other->position, >, last_position);
          last_position = other->position;
          n_threats++;
        }
    }
  g_assert_cmpuint (n_threats, >=, 2);
  g_assert_cmpstr (((PiloteSwotItem *) g_ptr_array_index (items, items->len - 1))->text, ==,
                   "A new entrant from Italy");

  /* first of its quadrant, the others after it in their order */
  g_assert_true (pilote_plan_move_swot_item (f->store, item, 0, &error));
  g_assert_no_error (error);
  moved = pilote_plan_list_swot (f->store, "France", start, &error);
  g_assert_cmpstr (((PiloteSwotItem *) g_ptr_array_index (moved, items->len - n_threats))->text, ==,
                   "A new entrant from Italy");
  for (guint i = 0; i + 1 < n_threats; i++)
    g_assert_cmpstr (((PiloteSwotItem *) g_ptr_array_index (moved, items->len - n_threats + 1 + i))->text,
                     ==, ((PiloteSwotItem *) g_ptr_array_index (items, items->len - n_threats + i))->text);

  /* a move from a stale copy changes nothing */
  g_assert_false (pilote_plan_move_swot_item (f->store, item, 5, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
}

static void
test_competitors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) lost = NULL;
  g_autoptr(GPtrArray) team_rows = NULL;
  g_autoptr(GError) error = NULL;
  PilotePeriod year;
  gint64 team = query_int (f, "SELECT min (id) FROM team", 0);
  gint64 total_lost = 0;

  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &f->today, G_DATE_JANUARY);
  rows = pilote_kpi_competitors (f->store, &year, PILOTE_SCOPE_COMPANY, 0, &error);
  g_assert_no_error (error);
  lost = pilote_kpi_lost (f->store, &year, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==,
                    query_int (f, "SELECT count (*) FROM competitor WHERE deleted_at IS NULL", 0));

  for (guint i = 0; i < rows->len; i++)
    {
      const PiloteCompetitorRow *row = g_ptr_array_index (rows, i);
      gint64 lost_deals = 0, lost_amount = 0;

      for (guint j = 0; j < lost->len; j++)
        {
          const PiloteLostRow *l = g_ptr_array_index (lost, j);

          if (g_strcmp0 (l->key, row->name) == 0)
            {
              lost_deals = l->deals;
              lost_amount = l->amount;
            }
        }
      g_assert_cmpint (row->lost, ==, lost_deals);
      g_assert_cmpint (row->lost_amount, ==, lost_amount);
      g_assert_cmpint (row->won, ==,
                       query_int (f, "SELECT count (*) FROM deal WHERE deleted_at IS NULL"
                                     " AND competitor_id = ?1 AND status = 'won'"
                                     " AND closed_on >= '2026-01-01' AND closed_on < '2027-01-01'",
                                  row->competitor_id));
      g_assert_cmpint (row->met, ==,
                       query_int (f, "SELECT count (*) FROM deal WHERE deleted_at IS NULL"
                                     " AND competitor_id = ?1 AND created_on < '2027-01-01'"
                                     " AND (closed_on IS NULL OR closed_on >= '2026-01-01')",
                                  row->competitor_id));
      /* most met first */
      if (i > 0)
        g_assert_cmpint (((PiloteCompetitorRow *) g_ptr_array_index (rows, i - 1))->met, >=,
                         row->met);
      total_lost += row->lost;
    }
  g_assert_cmpint (total_lost, >, 0);

  /* a team sees its members' deals only */
  team_rows = pilote_kpi_competitors (f->store, &year, PILOTE_SCOPE_TEAM, team, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < team_rows->len; i++)
    {
      const PiloteCompetitorRow *row = g_ptr_array_index (team_rows, i);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (f->store),
                                           "SELECT count (*) FROM deal d JOIN member m"
                                           " ON m.id = d.owner_id WHERE d.deleted_at IS NULL"
                                           " AND d.competitor_id = ?1 AND m.team_id = ?2"
                                           " AND d.status = 'lost' AND d.closed_on >= '2026-01-01'"
                                           " AND d.closed_on < '2027-01-01'", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, row->competitor_id);
      sqlite3_bind_int64 (stmt, 2, team);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (row->lost, ==, sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }
}

static void
test_spend (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PilotePeriod quarter;
  PiloteMoney sum = 0;

  pilote_period_init_containing (&quarter, PILOTE_PERIOD_QUARTER, &f->today, G_DATE_JANUARY);
  lines = pilote_plan_list_spend (f->store, &quarter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, >, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      const PiloteSpend *spend = g_ptr_array_index (lines, i);

      g_assert_cmpstr (spend->month, >=, "2026-10-01");
      g_assert_cmpstr (spend->month, <, "2027-01-01");
      if (i > 0)
        g_assert_cmpstr (((PiloteSpend *) g_ptr_array_index (lines, i - 1))->month, <=,
                         spend->month);
      sum += spend->amount;
    }
  /* the lines add up to the spend the KPI engine counts */
  report = pilote_kpi_compute (f->store, &quarter, NULL, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_NO_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sum, ==, report->totals.spend);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/plan/actions", test_actions);
  ADD ("/plan/strategy", test_strategy);
  ADD ("/plan/swot", test_swot);
  ADD ("/plan/competitors", test_competitors);
  ADD ("/plan/spend", test_spend);

  return g_test_run ();
}
