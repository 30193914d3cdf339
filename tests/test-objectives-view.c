/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-kpi.h"
#include "pilote-money.h"
#include "pilote-objective-editor.h"
#include "pilote-objective-plan.h"
#include "pilote-objective-spread.h"
#include "pilote-objectives-page-private.h"
#include "pilote-objectives-view.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/*
 * The Objectives view under Xvfb, today pinned to 2026-11-15: the pages
 * follow the toolbar; a member's monthly revenue objective entered in the
 * editor shows the KPI engine's actual, attainment and pacing; members'
 * objectives roll up into their team with a warning until they add up;
 * the gap to target matches figures worked out by hand on a small file;
 * delete and copy can be undone; a yearly target spreads to the cent.
 */

#define TODAY "2026-11-15"

typedef struct {
  char                 *dir;
  PiloteStore          *store;
  GDate                 today;
  GtkWidget            *window;
  PiloteObjectivesView *view;
  PiloteObjectivesPage *page;
  /* the hand-made file */
  gint64                north;
  gint64                alice;
  gint64                bob;
} Fixture;

static void
flush_events (void)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

/* Waits for the page's figures */
static void
wait_for_page (Fixture *f)
{
  guint timeout = g_timeout_add_seconds (60, timeout_cb, NULL);

  flush_events ();
  while (pilote_objectives_page_get_busy (f->page))
    g_main_context_iteration (NULL, TRUE);
  flush_events ();
  g_source_remove (timeout);
}

static void
insert (Fixture  *f,
        gpointer  record)
{
  g_autoptr(GError) error = NULL;

  pilote_store_insert (f->store, record, &error);
  g_assert_no_error (error);
}

static void
open_view (Fixture *f)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 800);
  f->view = PILOTE_OBJECTIVES_VIEW (pilote_objectives_view_new ());
  f->page = PILOTE_OBJECTIVES_PAGE (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                    PILOTE_TYPE_OBJECTIVES_VIEW,
                                                                    "objectives_page"));
  g_assert_nonnull (f->page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  pilote_objectives_view_set_store (f->view, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_page (f);
}

static void
create_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pilote-objectives-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "sales.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso (TODAY, &f->today));
}

/* A small demo company */
static void
demo_set_up (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;

  create_store (f);
  pilote_demo_options_init (&options);
  options.n_clients = 60;
  options.n_deals = 500;
  options.today = &f->today;
  pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  open_view (f);
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
find_stage (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStage) stage = pilote_store_find_by_name (f->store, PILOTE_ENTITY_STAGE, name,
                                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (stage);
  return stage->base.id;
}

static void
add_deal (Fixture     *f,
          gint64       owner,
          gint64       client,
          const char  *stage,
          PiloteMoney  amount,
          double       probability,
          const char  *closed_on,
          const char  *expected_on)
{
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();

  deal->title = g_strdup_printf ("%s deal", stage);
  deal->client_id = client;
  deal->owner_id = owner;
  deal->stage_id = find_stage (f, stage);
  deal->amount = amount;
  if (probability > 0)
    deal->probability = probability;
  deal->created_on = g_strdup ("2026-01-10");
  deal->closed_on = g_strdup (closed_on);
  deal->expected_close_on = g_strdup (expected_on);
  insert (f, deal);
}

static gint64
add_objective (Fixture     *f,
               PiloteMetric metric,
               const char  *start,
               PiloteScope  scope,
               gint64       scope_id,
               gint64       target)
{
  g_autoptr(PiloteObjective) objective = pilote_objective_new ();

  objective->metric = metric;
  objective->period_kind = PILOTE_PERIOD_MONTH;
  objective->period_start = g_strdup (start);
  objective->scope = scope;
  objective->scope_id = scope_id;
  objective->target = target;
  insert (f, objective);
  return objective->base.id;
}

/*
 * A file worked out by hand. North: Alice and Bob. In November 2026:
 * - Alice won 40 000.00 (on the 3rd) and has 20 000.00 open at 50 %
 *   expected on the 25th, and 8 000.00 open expected in January;
 * - she lost 30 000.00 in June, and won 10 000.00 in March;
 * - her November revenue objective is 100 000.00.
 * Her win rate over the 12 months to the end of November: 2 won out of 3
 * closed. Forecast: 40 000 + 10 000 = 50 000. Gap: 50 000. Pipeline to
 * create: 50 000 ÷ (2/3) = 75 000.
 */
static void
hand_set_up (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PiloteTeam) team = pilote_team_new ();
  g_autoptr(PiloteClient) client = pilote_client_new ();

  create_store (f);
  team->name = g_strdup ("North");
  insert (f, team);
  f->north = team->base.id;
  f->alice = add_member (f, "Alice", f->north);
  f->bob = add_member (f, "Bob", f->north);
  client->name = g_strdup ("Acme");
  insert (f, client);

  add_deal (f, f->alice, client->base.id, "Won", 4000000, 0, "2026-11-03", NULL);
  add_deal (f, f->alice, client->base.id, "Won", 1000000, 0, "2026-03-12", NULL);
  add_deal (f, f->alice, client->base.id, "Lost", 3000000, 0, "2026-06-10", NULL);
  add_deal (f, f->alice, client->base.id, "Proposal", 2000000, 0.5, NULL, "2026-11-25");
  add_deal (f, f->alice, client->base.id, "Proposal", 800000, 0.5, NULL, "2027-01-20");
  add_objective (f, PILOTE_METRIC_REVENUE, "2026-11-01", PILOTE_SCOPE_MEMBER, f->alice,
                 10000000);
  open_view (f);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  g_assert_null (f->view);
  g_assert_null (f->page);
  g_assert_finalize_object (f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Finding what the page shows */

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
get_named_text (GtkWidget  *widget,
                const char *name)
{
  GtkWidget *label = find_named (widget, name);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static GtkListBox *
get_list (Fixture    *f,
          const char *name)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                      PILOTE_TYPE_OBJECTIVES_PAGE, name));
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          gint64      id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && pilote_obj_row_get_id (GTK_LIST_BOX_ROW (child)) == id)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) && pilote_obj_row_get_id (GTK_LIST_BOX_ROW (child)) > 0;
  return n;
}

static void
set_period (Fixture    *f,
            const char *kind,
            const char *date)
{
  gtk_widget_activate_action (GTK_WIDGET (f->view), "objectives.set-period", "(ss)", kind, date);
  wait_for_page (f);
}

static void
set_scope (Fixture    *f,
           const char *scope,
           gint64      id)
{
  gtk_widget_activate_action (GTK_WIDGET (f->view), "objectives.set-scope", "(sx)", scope, id);
  wait_for_page (f);
}

/* Tests */

static void
test_pages_follow (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *kind = NULL;
  g_autofree char *start = NULL;
  g_autofree char *scope = NULL;
  g_autoptr(PiloteStore) store = NULL;
  gint64 scope_id = -1;
  PilotePeriod period;

  /* the current month of the file, for the company */
  g_object_get (f->page, "store", &store, "period-kind", &kind, "period-start", &start,
                "scope-kind", &scope, "scope-id", &scope_id, NULL);
  g_assert_true (store == f->store);
  g_assert_cmpstr (kind, ==, "month");
  g_assert_cmpstr (start, ==, "2026-11-01");
  g_assert_cmpstr (scope, ==, "company");
  g_assert_cmpint (scope_id, ==, 0);
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&scope, g_free);

  /* the toolbar's period and scope reach the page */
  set_period (f, "quarter", "2026-08-20");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "objectives.previous", NULL);
  set_scope (f, "team", 2);
  g_object_get (f->page, "period-kind", &kind, "period-start", &start, "scope-kind", &scope,
                "scope-id", &scope_id, NULL);
  g_assert_cmpstr (kind, ==, "quarter");
  g_assert_cmpstr (start, ==, "2026-04-01");
  g_assert_cmpstr (scope, ==, "team");
  g_assert_cmpint (scope_id, ==, 2);
  pilote_objectives_view_get_period (f->view, &period);
  g_assert_cmpint (period.kind, ==, PILOTE_PERIOD_QUARTER);
  g_assert_cmpint (g_date_get_month (&period.from), ==, G_DATE_APRIL);

  /* a team's page lists its members' objectives */
  set_period (f, "month", TODAY);
  g_assert_cmpuint (count_rows (get_list (f, "parts_list")), >, 0);
}

/* A monthly revenue objective for a member, entered in the editor, shows
 * the KPI engine's actual, attainment and pacing */
static void
test_member_revenue (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) members = NULL;
  const PiloteObjectiveProgress *p = NULL;
  PiloteObjectiveEditor *editor;
  PiloteMember *member;
  PiloteQuery query = { .sort_field = "name" };
  GtkListBoxRow *row;
  PilotePeriod november;
  gint64 id;
  g_autofree char *actual = NULL;
  g_autofree char *target = NULL;
  g_autofree char *attainment = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *pacing = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *pacing_text = NULL;

  members = pilote_store_list (f->store, PILOTE_ENTITY_MEMBER, &query, &error);
  g_assert_no_error (error);
  member = g_ptr_array_index (members, 0);

  /* the demo may have set his November revenue: start from none */
  {
    g_autofree char *member_id = g_strdup_printf ("%" G_GINT64_FORMAT, member->base.id);
    PiloteFilter filters[4] = {
      { "metric", PILOTE_OP_EQ, "revenue", 0 },
      { "period_start", PILOTE_OP_EQ, "2026-11-01", 0 },
      { "scope", PILOTE_OP_EQ, "member", 0 },
      { "scope_id", PILOTE_OP_EQ, NULL, member->base.id },
    };
    PiloteQuery same = { filters, G_N_ELEMENTS (filters) };
    g_autoptr(GPtrArray) existing = pilote_store_list (f->store, PILOTE_ENTITY_OBJECTIVE, &same,
                                                       &error);

    g_assert_no_error (error);
    for (guint i = 0; i < existing->len; i++)
      {
        PiloteRecord *record = g_ptr_array_index (existing, i);

        pilote_store_delete (f->store, PILOTE_ENTITY_OBJECTIVE, record->id, record->version,
                             &error);
        g_assert_no_error (error);
      }
  }
  set_scope (f, "member", member->base.id);
  g_assert_cmpuint (count_rows (get_list (f, "own_list")), ==, 0);

  /* November is half gone: enter an objective of 123 456.78 */
  pilote_period_init_containing (&november, PILOTE_PERIOD_MONTH, &f->today, G_DATE_JANUARY);
  editor = pilote_objective_editor_new (f->store, 0, FALSE, &november, PILOTE_SCOPE_MEMBER,
                                        member->base.id, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (pilote_objectives_page_refresh), f->page);
  {
    GtkWidget *target_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           PILOTE_TYPE_OBJECTIVE_EDITOR,
                                                           "target_row"));
    GtkWidget *metric_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           PILOTE_TYPE_OBJECTIVE_EDITOR,
                                                           "metric_row"));

    /* bad input is refused and writes nothing */
    gtk_editable_set_text (GTK_EDITABLE (target_row), "lots");
    g_assert_false (pilote_objective_editor_save (editor, &error));
    g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Target"));
    g_clear_error (&error);
    g_assert_cmpint (pilote_objective_editor_get_objective_id (editor), ==, 0);

    adw_combo_row_set_selected (ADW_COMBO_ROW (metric_row), PILOTE_METRIC_REVENUE);
    gtk_editable_set_text (GTK_EDITABLE (target_row), "123456.78");
    g_assert_true (pilote_objective_editor_save (editor, &error));
    g_assert_no_error (error);
    id = pilote_objective_editor_get_objective_id (editor);
    g_object_unref (editor);
  }
  g_assert_cmpint (id, >, 0);
  wait_for_page (f);

  /* what the KPI engine says */
  {
    progress = pilote_kpi_objectives (f->store, &november, &f->today, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < progress->len; i++)
      {
        const PiloteObjectiveProgress *q = g_ptr_array_index (progress, i);

        if (q->objective->base.id == id)
          p = q;
      }
  }
  g_assert_nonnull (p);
  g_assert_cmpint (p->objective->target, ==, 12345678);
  /* half of November is gone: 15 days of 30, today included */
  g_assert_cmpfloat_with_epsilon (p->elapsed, 15.0 / 30.0, 1e-9);
  g_assert_cmpint (p->expected, ==, llround (12345678 * 15.0 / 30.0));

  row = find_row (get_list (f, "own_list"), p->objective->base.id);
  g_assert_nonnull (row);
  actual = pilote_money_format (p->actual, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  target = pilote_money_format (12345678, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  attainment = g_strdup_printf ("%.0f %%", p->attainment * 100);
  expected = pilote_money_format (p->expected, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  pacing = g_strdup_printf ("%.0f %%", p->pacing * 100);
  figures = g_strdup_printf ("%s of %s · %s reached", actual, target, attainment);
  pacing_text = g_strdup_printf ("Expected by today: %s · pacing %s", expected, pacing);
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "title"), ==, "Revenue");
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "figures"), ==, figures);
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "pacing"), ==, pacing_text);
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "status"), ==,
                   pilote_pacing_status_get_label (p->status));
  g_assert_cmpint (p->status, !=, PILOTE_PACING_NONE);
}

/* Two members' objectives roll up into their team, with a warning while
 * they do not add up to the team's own */
static void
test_rollup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = pilote_money_format (5000000, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  g_autofree char *short_by = pilote_money_format (1000000, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  g_autofree char *warning = NULL;
  GtkListBoxRow *row;
  gint64 team_objective, bob_objective;

  team_objective = add_objective (f, PILOTE_METRIC_REVENUE, "2026-12-01", PILOTE_SCOPE_TEAM,
                                  f->north, 6000000);
  add_objective (f, PILOTE_METRIC_REVENUE, "2026-12-01", PILOTE_SCOPE_MEMBER, f->alice, 3000000);
  bob_objective = add_objective (f, PILOTE_METRIC_REVENUE, "2026-12-01", PILOTE_SCOPE_MEMBER,
                                 f->bob, 2000000);
  set_scope (f, "team", f->north);
  set_period (f, "month", "2026-12-01");

  g_assert_cmpuint (count_rows (get_list (f, "own_list")), ==, 1);
  g_assert_cmpuint (count_rows (get_list (f, "parts_list")), ==, 2);
  row = find_row (get_list (f, "own_list"), team_objective);
  g_assert_nonnull (row);
  warning = g_strdup_printf ("The sales reps’ objectives add up to %s: %s short of this target.",
                             sum, short_by);
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "rollup-warning"), ==, warning);
  g_assert_null (find_named (GTK_WIDGET (row), "rollup"));

  /* Bob's objective raised in the editor: the parts add up */
  {
    PiloteObjectiveEditor *editor = pilote_objective_editor_new (f->store, bob_objective, FALSE,
                                                                 NULL, PILOTE_SCOPE_MEMBER, 0,
                                                                 GTK_WINDOW (f->window), &error);
    GtkWidget *target_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           PILOTE_TYPE_OBJECTIVE_EDITOR,
                                                           "target_row"));

    g_assert_no_error (error);
    g_signal_connect_swapped (editor, "saved", G_CALLBACK (pilote_objectives_page_refresh),
                              f->page);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target_row)), ==, "20,000.00");
    gtk_editable_set_text (GTK_EDITABLE (target_row), "30000");
    g_assert_true (pilote_objective_editor_save (editor, &error));
    g_assert_no_error (error);
  }
  wait_for_page (f);
  row = find_row (get_list (f, "own_list"), team_objective);
  g_assert_null (find_named (GTK_WIDGET (row), "rollup-warning"));
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "rollup"), ==,
                   "The sales reps’ objectives add up to this target.");

  /* a second revenue objective for Alice in December is refused */
  {
    PilotePeriod december;
    PiloteObjectiveEditor *editor;
    GtkWidget *target_row;
    GDate day;

    g_assert_true (pilote_date_parse_iso ("2026-12-01", &day));
    pilote_period_init_containing (&december, PILOTE_PERIOD_MONTH, &day, G_DATE_JANUARY);
    editor = pilote_objective_editor_new (f->store, 0, FALSE, &december, PILOTE_SCOPE_MEMBER,
                                          f->alice, GTK_WINDOW (f->window), &error);
    g_assert_no_error (error);
    target_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                            PILOTE_TYPE_OBJECTIVE_EDITOR,
                                                            "target_row"));
    gtk_editable_set_text (GTK_EDITABLE (target_row), "1000");
    g_assert_false (pilote_objective_editor_save (editor, &error));
    g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_assert_cmpint (pilote_objective_editor_get_objective_id (editor), ==, 0);
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  /* the company's view has the team among its parts */
  set_scope (f, "company", 0);
  g_assert_nonnull (find_row (get_list (f, "parts_list"), team_objective));
}

static void
assert_money (GtkWidget   *widget,
              const char  *name,
              PiloteMoney  amount)
{
  g_autofree char *text = pilote_money_format (amount, "EUR", PILOTE_MONEY_FORMAT_WHOLE);

  g_assert_cmpstr (get_named_text (widget, name), ==, text);
}

/* The gap to target, against the figures worked out by hand */
static void
test_gap (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *figures, *table;
  g_autofree char *won = pilote_money_format (4000000, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  g_autofree char *needed = pilote_money_format (7500000, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  gboolean found_won = FALSE, found_needed = FALSE;

  set_scope (f, "member", f->alice);
  figures = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                       PILOTE_TYPE_OBJECTIVES_PAGE,
                                                       "gap_figures_bin"));
  assert_money (figures, "gap-target", 10000000);
  assert_money (figures, "gap-won", 4000000);
  assert_money (figures, "gap-weighted", 1000000);
  assert_money (figures, "gap-forecast", 5000000);
  assert_money (figures, "gap-gap", 5000000);
  assert_money (figures, "gap-needed", 7500000);

  /* her line in the table says the same */
  table = find_named (GTK_WIDGET (f->page), "gap-table");
  g_assert_nonnull (table);
  g_assert_nonnull (gtk_grid_get_child_at (GTK_GRID (table), 0, 1));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (table), 0, 1))),
                   ==, "Alice");
  for (int column = 1; column < 6; column++)
    {
      const char *text = gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (table),
                                                                               column, 1)));

      found_won |= g_strcmp0 (text, won) == 0;
      found_needed |= g_strcmp0 (text, needed) == 0;
    }
  g_assert_true (found_won);
  g_assert_true (found_needed);

  /* the team: the same won and forecast (Bob has nothing), no objective */
  set_scope (f, "team", f->north);
  assert_money (figures, "gap-won", 4000000);
  assert_money (figures, "gap-forecast", 5000000);
  g_assert_cmpstr (get_named_text (figures, "gap-target"), ==, "—");
  /* Bob has neither an objective nor a forecast: only Alice is listed */
  table = find_named (GTK_WIDGET (f->page), "gap-table");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (table), 0, 1))),
                   ==, "Alice");
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (table), 0, 2));
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkListBox *list = get_list (f, "own_list");
  GtkListBoxRow *row;
  gint64 id;
  AdwToast *undo;

  set_scope (f, "member", f->alice);
  g_assert_cmpuint (count_rows (list), ==, 1);
  row = GTK_LIST_BOX_ROW (gtk_widget_get_first_child (GTK_WIDGET (list)));
  id = pilote_obj_row_get_id (row);
  gtk_widget_activate_action (GTK_WIDGET (row), "objectives-page.delete", "x", id);
  /* held before waiting: the toast goes after ten seconds */
  undo = g_object_ref (pilote_objectives_page_get_undo_toast (f->page));
  wait_for_page (f);
  g_assert_cmpuint (count_rows (list), ==, 0);
  g_signal_emit_by_name (undo, "button-clicked");
  g_object_unref (undo);
  wait_for_page (f);
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_assert_nonnull (find_row (list, id));
  (void) error;
}

static void
test_copy_previous (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkListBox *list = get_list (f, "own_list");
  AdwToast *undo;

  set_scope (f, "member", f->alice);
  set_period (f, "month", "2026-12-01");
  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_cmpint (pilote_objectives_page_copy_previous (f->page, &error), ==, 1);
  g_assert_no_error (error);
  wait_for_page (f);
  g_assert_cmpuint (count_rows (list), ==, 1);
  /* copying twice copies nothing */
  g_assert_cmpint (pilote_objectives_page_copy_previous (f->page, &error), ==, 0);
  g_assert_no_error (error);

  set_period (f, "month", "2027-01-01");
  g_assert_cmpint (pilote_objectives_page_copy_previous (f->page, &error), ==, 1);
  undo = g_object_ref (pilote_objectives_page_get_undo_toast (f->page));
  wait_for_page (f);
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_signal_emit_by_name (undo, "button-clicked");
  g_object_unref (undo);
  wait_for_page (f);
  g_assert_cmpuint (count_rows (list), ==, 0);
}

static void
test_spread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objectives = NULL;
  PiloteObjectiveSpread *spread;
  GtkWidget *total_row, *method_row;
  const gint64 *parts;
  gint64 sum = 0;
  PilotePeriod period;
  guint timeout;
  PiloteFilter filters[3] = {
    { "metric", PILOTE_OP_EQ, "revenue", 0 },
    { "period_kind", PILOTE_OP_EQ, "month", 0 },
    { "scope", PILOTE_OP_EQ, "member", 0 },
  };
  PiloteQuery query = { filters, G_N_ELEMENTS (filters), .sort_field = "period_start" };

  set_scope (f, "member", f->bob);
  pilote_objectives_view_get_period (f->view, &period);
  spread = pilote_objective_spread_new (f->store, &period, PILOTE_SCOPE_MEMBER, f->bob,
                                        GTK_WINDOW (f->window));
  g_object_ref (spread);
  g_signal_connect_swapped (spread, "saved", G_CALLBACK (pilote_objectives_page_refresh), f->page);
  gtk_window_present (GTK_WINDOW (spread));
  total_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (spread),
                                                         PILOTE_TYPE_OBJECTIVE_SPREAD,
                                                         "total_row"));
  method_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (spread),
                                                          PILOTE_TYPE_OBJECTIVE_SPREAD,
                                                          "method_row"));

  /* by last year's seasonality: Bob sold nothing, so evenly */
  timeout = g_timeout_add_seconds (30, timeout_cb, NULL);
  while (g_main_context_iteration (NULL, FALSE) || g_main_context_pending (NULL))
    ;
  g_source_remove (timeout);
  adw_combo_row_set_selected (ADW_COMBO_ROW (method_row), 1);
  gtk_editable_set_text (GTK_EDITABLE (total_row), "1000000.01");
  parts = pilote_objective_spread_get_parts (spread);
  for (guint i = 0; i < 12; i++)
    sum += parts[i];
  g_assert_cmpint (sum, ==, 100000001);
  g_assert_cmpint (parts[0], ==, 8333334);
  g_assert_cmpint (parts[11], ==, 8333333);

  g_assert_true (pilote_objective_spread_apply (spread, &error));
  g_assert_no_error (error);
  g_object_unref (spread);
  wait_for_page (f);

  filters[2] = (PiloteFilter) { "scope_id", PILOTE_OP_EQ, NULL, f->bob };
  objectives = pilote_store_list (f->store, PILOTE_ENTITY_OBJECTIVE, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objectives->len, ==, 12);
  sum = 0;
  for (guint i = 0; i < objectives->len; i++)
    sum += ((PiloteObjective *) g_ptr_array_index (objectives, i))->target;
  g_assert_cmpint (sum, ==, 100000001);
  /* November's shows on the page */
  g_assert_cmpuint (count_rows (get_list (f, "own_list")), ==, 1);
}

/* A qualitative objective: checked, saved with its comments, shown */
static void
test_qualitative (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PiloteObjectiveEditor *editor;
  GtkListBox *list = get_list (f, "qualitative_list");
  GtkListBoxRow *row;
  GtkWidget *description, *due, *progress, *comments, *status;
  PilotePeriod period;
  gint64 id;

  set_scope (f, "member", f->alice);
  g_assert_cmpuint (count_rows (list), ==, 0);
  pilote_objectives_view_get_period (f->view, &period);
  editor = pilote_objective_editor_new (f->store, 0, TRUE, &period, PILOTE_SCOPE_MEMBER,
                                        f->alice, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_object_ref (editor);
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (pilote_objectives_page_refresh), f->page);
#define CHILD(name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), \
                                                               PILOTE_TYPE_OBJECTIVE_EDITOR, name))
  description = CHILD ("description_row");
  due = CHILD ("due_row");
  progress = CHILD ("progress_spin");
  comments = CHILD ("comments_view");
  status = CHILD ("status_row");
#undef CHILD

  /* no description, then a date that is not one: refused, nothing written */
  g_assert_false (pilote_objective_editor_save (editor, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Description"));
  g_clear_error (&error);
  gtk_editable_set_text (GTK_EDITABLE (description), "Open the Lyon market");
  gtk_editable_set_text (GTK_EDITABLE (due), "31/12/2026");
  g_assert_false (pilote_objective_editor_save (editor, &error));
  g_assert_nonnull (strstr (error->message, "Due date"));
  g_clear_error (&error);
  g_assert_cmpint (pilote_objective_editor_get_objective_id (editor), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (due), "2026-11-10");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (progress), 40);
  adw_combo_row_set_selected (ADW_COMBO_ROW (status), PILOTE_PROGRESS_IN_PROGRESS);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (comments)),
                            "Two distributors met; a third in December.", -1);
  g_assert_true (pilote_objective_editor_save (editor, &error));
  g_assert_no_error (error);
  id = pilote_objective_editor_get_objective_id (editor);
  g_object_unref (editor);
  wait_for_page (f);

  {
    g_autoptr(PiloteObjective) stored = pilote_store_get_objective (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (stored->metric, ==, PILOTE_METRIC_QUALITATIVE);
    g_assert_cmpint (stored->owner_id, ==, f->alice);
    g_assert_cmpint (stored->progress, ==, 40);
    g_assert_cmpstr (stored->comments, ==, "Two distributors met; a third in December.");
  }
  row = find_row (list, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "title"), ==, "Open the Lyon market");
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "status"), ==, "In progress");
  g_assert_cmpstr (get_named_text (GTK_WIDGET (row), "comments"), ==,
                   "Two distributors met; a third in December.");
  /* due on the 10th, today the 15th: overdue */
  g_assert_nonnull (strstr (get_named_text (GTK_WIDGET (row), "details"), "Overdue"));
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (row), "details"), "error"));
}

/* Someone else adds an objective: the view reloads when told the file changed */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) other = pilote_store_open (pilote_store_get_path (f->store),
                                                    PILOTE_STORE_OPEN_DEFAULT, &error);
  g_autoptr(PiloteObjective) objective = pilote_objective_new ();

  g_assert_no_error (error);
  set_scope (f, "member", f->bob);
  g_assert_cmpuint (count_rows (get_list (f, "own_list")), ==, 0);
  objective->metric = PILOTE_METRIC_CALLS;
  objective->period_kind = PILOTE_PERIOD_MONTH;
  objective->period_start = g_strdup ("2026-11-01");
  objective->scope = PILOTE_SCOPE_MEMBER;
  objective->scope_id = f->bob;
  objective->target = 120;
  pilote_store_insert (other, objective, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "view.reload", NULL);
  wait_for_page (f);
  g_assert_nonnull (find_row (get_list (f, "own_list"), objective->base.id));
}

/* Quarters and years follow the file's fiscal year */
static void
test_fiscal_year (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  GtkLabel *own_caption;

  pilote_store_set_setting (f->store, "fiscal_year_start", "4", &error);
  g_assert_no_error (error);
  set_period (f, "year", TODAY);
  g_object_get (f->page, "period-start", &start, NULL);
  g_assert_cmpstr (start, ==, "2026-04-01");
  g_clear_pointer (&start, g_free);
  set_period (f, "quarter", TODAY);
  g_object_get (f->page, "period-start", &start, NULL);
  g_assert_cmpstr (start, ==, "2026-10-01");
  /* next from the fiscal quarter: January to March 2027 */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "objectives.next", NULL);
  wait_for_page (f);
  g_clear_pointer (&start, g_free);
  g_object_get (f->page, "period-start", &start, NULL);
  g_assert_cmpstr (start, ==, "2027-01-01");
  own_caption = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                          PILOTE_TYPE_OBJECTIVES_PAGE,
                                                          "own_caption"));
  g_assert_nonnull (strstr (gtk_label_get_text (own_caption), "Company"));
}

/* The view fits a 360 px wide window, pages included */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;

  set_scope (f, "team", f->north);
  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_test_message ("minimum width: %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("PILOTE_TODAY", TODAY, TRUE);
  pilote_test_gui_init (&argc, &argv);
  /* the resources live in a static library: link them in */
  g_assert_nonnull (pilote_get_resource ());

  g_test_add ("/objectives-view/pages-follow", Fixture, NULL, demo_set_up, test_pages_follow,
              tear_down);
  g_test_add ("/objectives-view/member-revenue", Fixture, NULL, demo_set_up,
              test_member_revenue, tear_down);
  g_test_add ("/objectives-view/rollup", Fixture, NULL, hand_set_up, test_rollup, tear_down);
  g_test_add ("/objectives-view/gap", Fixture, NULL, hand_set_up, test_gap, tear_down);
  g_test_add ("/objectives-view/delete-and-undo", Fixture, NULL, hand_set_up,
              test_delete_and_undo, tear_down);
  g_test_add ("/objectives-view/copy-previous", Fixture, NULL, hand_set_up, test_copy_previous,
              tear_down);
  g_test_add ("/objectives-view/qualitative", Fixture, NULL, hand_set_up, test_qualitative,
              tear_down);
  g_test_add ("/objectives-view/reload", Fixture, NULL, hand_set_up, test_reload, tear_down);
  g_test_add ("/objectives-view/fiscal-year", Fixture, NULL, hand_set_up, test_fiscal_year,
              tear_down);
  g_test_add ("/objectives-view/narrow", Fixture, NULL, hand_set_up, test_narrow, tear_down);
  g_test_add ("/objectives-view/spread", Fixture, NULL, hand_set_up, test_spread, tear_down);

  return g_test_run ();
}
