/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pilote-dashboard.h"
#include "pilote-dashboard-private.h"
#include "pilote-demo.h"
#include "pilote-kpi.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-test-gui.h"

/* The dashboard on a real demo file, under Xvfb: what its revenue card
 * shows is what the KPI engine computes, for the period and filters chosen
 * through the dashboard's own actions. */

#define TODAY "2026-11-15"

typedef struct {
  char        *dir;
  char        *path;
  PiloteStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  GDate today;

  fixture->dir = g_dir_make_tmp ("pilote-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "demo.pilote", NULL);
  fixture->store = pilote_store_create (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (pilote_date_parse_iso (TODAY, &today));
  pilote_demo_options_init (&options);
  options.n_clients = 150;
  options.n_deals = 1200;
  options.today = &today;
  g_assert_true (pilote_demo_generate (fixture->store, &options, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The dashboard took too long to compute its figures");
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* runs the main loop until the figures asked for are shown */
static void
wait_for_figures (PiloteDashboard *dashboard)
{
  guint timeout = g_timeout_add_seconds (120, on_timeout_cb, NULL);
  guint tick = g_timeout_add (50, on_tick_cb, NULL);

  while (pilote_dashboard_get_busy (dashboard))
    g_main_context_iteration (NULL, TRUE);
  /* let the page lay out and draw what it got */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
  g_source_remove (tick);
}

static const char *
get_label (PiloteDashboard *dashboard,
           const char      *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (dashboard), PILOTE_TYPE_DASHBOARD,
                                                  name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* the revenue the KPI engine gives for a month, as the card writes it */
static char *
expected_revenue (PiloteStore *store,
                  GDateYear    year,
                  GDateMonth   month,
                  const char  *segment)
{
  g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PilotePeriod period;

  if (segment != NULL)
    pilote_kpi_filter_add (filter, PILOTE_DIMENSION_SEGMENT, segment);
  pilote_period_init_month (&period, year, month);
  report = pilote_kpi_compute (store, &period, filter, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->totals.revenue, >, 0);
  return pilote_money_format (report->totals.revenue, pilote_store_get_currency (store),
                              PILOTE_MONEY_FORMAT_WHOLE);
}

static char *
describe_month (GDateYear  year,
                GDateMonth month)
{
  PilotePeriod period;

  pilote_period_init_month (&period, year, month);
  return pilote_period_describe (&period);
}

static void
test_dashboard_revenue (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *window = gtk_window_new ();
  PiloteDashboard *dashboard = PILOTE_DASHBOARD (pilote_dashboard_new ());
  g_autofree char *november = expected_revenue (fixture->store, 2026, G_DATE_NOVEMBER, NULL);
  g_autofree char *october = expected_revenue (fixture->store, 2026, G_DATE_OCTOBER, NULL);
  g_autofree char *enterprise = expected_revenue (fixture->store, 2026, G_DATE_OCTOBER,
                                                  "Enterprise");
  g_autofree char *november_name = describe_month (2026, G_DATE_NOVEMBER);
  g_autofree char *october_name = describe_month (2026, G_DATE_OCTOBER);

  /* the figures differ, so that showing the wrong one fails */
  g_assert_cmpstr (november, !=, october);
  g_assert_cmpstr (october, !=, enterprise);

  g_object_ref (window);
  g_object_ref (dashboard);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (dashboard));
  gtk_window_present (GTK_WINDOW (window));

  /* the current month, "today" being forced */
  pilote_dashboard_set_store (dashboard, fixture->store);
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "period_label"), ==, november_name);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, november);

  /* the previous month */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.previous", NULL));
  g_assert_true (pilote_dashboard_get_busy (dashboard));
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "period_label"), ==, october_name);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, october);

  /* one segment */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.filter", "(ss)",
                                             "segment", "Enterprise"));
  g_assert_true (pilote_dashboard_get_busy (dashboard));
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, enterprise);

  /* all segments again, then back to the current month */
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.filter", "(ss)", "segment", "");
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.next", NULL);
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, november);

  /* a change of period while computing cancels the computation under way */
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.next", NULL);
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, october);

  pilote_dashboard_set_store (dashboard, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (dashboard);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget *team_filter;
  guint      shown;
  gboolean   filter_ready;
} FirstFigures;

static void
on_revenue_notify_cb (GObject      *label,
                      GParamSpec   *pspec,
                      FirstFigures *first)
{
  if (first->shown++ == 0)
    first->filter_ready = gtk_widget_get_sensitive (first->team_filter);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* The figures are read once the page is painted: its first frame shows the
 * cards without figures, and the cards below the first row of charts come
 * with the figures; a page that is not shown still gets them. */
static void
test_dashboard_first_frame (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *hidden_window = gtk_window_new ();
  PiloteDashboard *dashboard = PILOTE_DASHBOARD (pilote_dashboard_new ());
  PiloteDashboard *hidden = PILOTE_DASHBOARD (pilote_dashboard_new ());
  g_autofree char *november = expected_revenue (fixture->store, 2026, G_DATE_NOVEMBER, NULL);
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;
  FirstFigures first = { NULL, 0, FALSE };

  g_object_ref (window);
  g_object_ref (hidden_window);
  g_object_ref (dashboard);
  g_object_ref (hidden);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (dashboard));
  gtk_window_set_child (GTK_WINDOW (hidden_window), GTK_WIDGET (hidden));

  /* the file is given before the window shows, as the application does */
  pilote_dashboard_set_store (dashboard, fixture->store);
  g_assert_true (pilote_dashboard_get_busy (dashboard));
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  g_assert_true (has_label (GTK_WIDGET (dashboard), "Revenue by region"));
  g_assert_false (has_label (GTK_WIDGET (dashboard), "Lost reasons"));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  /* the first frame came without the figures; the rest of the page, and
   * the figures, follow it */
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, "—");
  g_assert_true (pilote_dashboard_get_busy (dashboard));
  g_assert_true (has_label (GTK_WIDGET (dashboard), "Lost reasons"));
  /* the figures come first, the values of the filters (the first: the
   * teams) once they are shown */
  first.team_filter = find_type (GTK_WIDGET (dashboard), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (first.team_filter);
  handler = g_signal_connect (gtk_widget_get_template_child (GTK_WIDGET (dashboard),
                                                             PILOTE_TYPE_DASHBOARD,
                                                             "revenue_value"),
                              "notify::label", G_CALLBACK (on_revenue_notify_cb), &first);
  wait_for_figures (dashboard);
  g_signal_handler_disconnect (gtk_widget_get_template_child (GTK_WIDGET (dashboard),
                                                              PILOTE_TYPE_DASHBOARD,
                                                              "revenue_value"), handler);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, november);
  g_assert_cmpuint (first.shown, >, 0);
  g_assert_false (first.filter_ready);
  g_assert_true (gtk_widget_get_sensitive (first.team_filter));

  /* a page in a window that is not shown does not wait for a frame */
  pilote_dashboard_set_store (hidden, fixture->store);
  g_assert_true (pilote_dashboard_get_busy (hidden));
  wait_for_figures (hidden);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (hidden)));
  g_assert_cmpstr (get_label (hidden, "revenue_value"), ==, november);
  g_assert_true (has_label (GTK_WIDGET (hidden), "Lost reasons"));

  pilote_dashboard_set_store (dashboard, NULL);
  pilote_dashboard_set_store (hidden, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (hidden_window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (hidden_window);
  g_assert_finalize_object (dashboard);
  g_assert_finalize_object (hidden);
}

/* the revenue the KPI engine gives for a period, as the card writes it */
static char *
expected_period_revenue (PiloteStore        *store,
                         const PilotePeriod *period)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = pilote_kpi_compute (store, period, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->totals.revenue, >, 0);
  return pilote_money_format (report->totals.revenue, pilote_store_get_currency (store),
                              PILOTE_MONEY_FORMAT_WHOLE);
}

/* the @n-th descendant of @widget of @type, depth first */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && (*n)-- == 0)
        return child;
      found = find_descendant (child, type, n);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint      n)
{
  GtkWidget *found = find_descendant (widget, type, &n);

  g_assert_nonnull (found);
  return found;
}

static void
select_day (GtkCalendar *calendar,
            int          year,
            int          month,
            int          day)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, 12, 0, 0);

  gtk_calendar_select_day (calendar, time);
}

static void
test_dashboard_custom (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *window = gtk_window_new ();
  PiloteDashboard *dashboard = PILOTE_DASHBOARD (pilote_dashboard_new ());
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *month_revenue = NULL;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *apply;
  PilotePeriod period;
  PilotePeriod previous;
  GDate from, to;

  g_object_ref (window);
  g_object_ref (dashboard);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (dashboard));
  gtk_window_present (GTK_WINDOW (window));
  pilote_dashboard_set_store (dashboard, fixture->store);
  wait_for_figures (dashboard);

  /* 10 September to 20 October included: [2026-09-10, 2026-10-21) */
  g_assert_true (pilote_date_parse_iso ("2026-09-10", &from));
  g_assert_true (pilote_date_parse_iso ("2026-10-21", &to));
  g_assert_true (pilote_period_init_custom (&period, &from, &to));
  g_assert_cmpuint (pilote_period_days (&period), ==, 41);
  revenue = expected_period_revenue (fixture->store, &period);
  name = pilote_period_describe (&period);
  pilote_period_init_month (&previous, 2026, G_DATE_SEPTEMBER);
  month_revenue = expected_period_revenue (fixture->store, &previous);
  g_assert_cmpstr (revenue, !=, month_revenue);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.custom-period",
                                             "(ss)", "2026-09-10", "2026-10-20"));
  g_assert_true (pilote_dashboard_get_busy (dashboard));
  wait_for_figures (dashboard);
  g_object_get (dashboard, "period-kind", &kind, NULL);
  g_assert_cmpstr (kind, ==, "custom");
  g_assert_cmpstr (get_label (dashboard, "period_label"), ==, name);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, revenue);

  /* previous: as many days before */
  pilote_period_previous (&period, &previous);
  g_assert_cmpuint (pilote_period_days (&previous), ==, 41);
  g_clear_pointer (&revenue, g_free);
  g_clear_pointer (&name, g_free);
  revenue = expected_period_revenue (fixture->store, &previous);
  name = pilote_period_describe (&previous);
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.previous", NULL);
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "period_label"), ==, name);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, revenue);

  /* through the calendars: "Custom…" opens them on the period shown; the
   * last day is included */
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dashboard),
                                                      PILOTE_TYPE_DASHBOARD, "custom_button"));
  g_signal_emit_by_name (button, "clicked");
  popover = find_nth (button, GTK_TYPE_POPOVER, 0);
  g_assert_true (gtk_widget_get_visible (popover));
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (find_nth (popover,
                                                                                GTK_TYPE_CALENDAR,
                                                                                1)));
    GDate last = previous.to;

    g_date_subtract_days (&last, 1);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, g_date_get_day (&last));
  }
  /* a last day before the first cannot be shown */
  for (guint i = 0;; i++)
    {
      apply = find_nth (popover, GTK_TYPE_BUTTON, i);
      if (gtk_widget_has_css_class (apply, "suggested-action"))
        break;
    }
  select_day (GTK_CALENDAR (find_nth (popover, GTK_TYPE_CALENDAR, 0)), 2026, 9, 10);
  select_day (GTK_CALENDAR (find_nth (popover, GTK_TYPE_CALENDAR, 1)), 2026, 9, 1);
  g_assert_false (gtk_widget_get_sensitive (apply));
  select_day (GTK_CALENDAR (find_nth (popover, GTK_TYPE_CALENDAR, 1)), 2026, 10, 20);
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");
  g_assert_false (gtk_widget_get_visible (popover));
  wait_for_figures (dashboard);
  g_clear_pointer (&revenue, g_free);
  g_clear_pointer (&name, g_free);
  revenue = expected_period_revenue (fixture->store, &period);
  name = pilote_period_describe (&period);
  g_assert_cmpstr (get_label (dashboard, "period_label"), ==, name);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, revenue);

  /* back to months: the month of the period's start */
  gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.period-kind", "s", "month");
  wait_for_figures (dashboard);
  g_assert_cmpstr (get_label (dashboard, "revenue_value"), ==, month_revenue);

  pilote_dashboard_set_store (dashboard, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (dashboard);
}

/* The page's gauges and the objectives of its cards: those set for the
 * page's scope (the company, a team, a rep), as the KPI engine gives them
 * among all the objectives, the period's own first */

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PiloteDashData **data = user_data;
  g_autoptr(GError) error = NULL;

  *data = pilote_dash_compute_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*data);
}

static PiloteDashData *
compute_page (Fixture            *fixture,
              const PilotePeriod *month,
              PiloteDimension     dimension,
              const char         *name)
{
  g_autoptr(PiloteDashRequest) request = g_new0 (PiloteDashRequest, 1);
  PiloteDashData *data = NULL;

  request->path = g_strdup (fixture->path);
  request->period = *month;
  g_assert_true (pilote_date_parse_iso (TODAY, &request->today));
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    if (name != NULL && pilote_dash_filter_dimensions[i] == dimension)
      request->filters[i] = g_strdup (name);
  pilote_dash_compute_async (request, NULL, computed_cb, &data);
  while (data == NULL)
    g_main_context_iteration (NULL, TRUE);
  return data;
}

static double
gauge_value (PiloteMetric metric,
             gint64       value)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE:
    case PILOTE_METRIC_GROSS_MARGIN:
      return value / 100.0;
    case PILOTE_METRIC_WIN_RATE:
      return value / 10000.0;
    default:
      return value;
    }
}

static void
check_scope_objectives (Fixture            *fixture,
                        const PilotePeriod *month,
                        PiloteScope         scope,
                        gint64              scope_id,
                        const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pilote_kpi_objectives (fixture->store, month, NULL, &error);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(PiloteDashData) data = NULL;
  char from[PILOTE_ISO_DATE_LEN];
  gboolean revenue_objective = FALSE;

  g_assert_no_error (error);
  pilote_period_from_iso (month, from);
  /* the scope's own, with a figure, the month's first */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < all->len; i++)
      {
        const PiloteObjectiveProgress *p = g_ptr_array_index (all, i);
        const PiloteObjective *o = p->objective;
        gboolean same = o->period_kind == month->kind && g_str_equal (o->period_start, from);

        if (o->scope != scope || (scope != PILOTE_SCOPE_COMPANY && o->scope_id != scope_id) ||
            o->metric == PILOTE_METRIC_QUALITATIVE || same != (pass == 0))
          continue;
        g_ptr_array_add (expected, (gpointer) p);
        if (same && o->metric == PILOTE_METRIC_REVENUE)
          revenue_objective = TRUE;
      }
  g_assert_cmpuint (expected->len, >, 0);

  data = compute_page (fixture, month,
                       scope == PILOTE_SCOPE_MEMBER ? PILOTE_DIMENSION_MEMBER
                                                    : PILOTE_DIMENSION_TEAM, name);
  g_assert_cmpuint (data->gauges->len, ==, MIN (expected->len, PILOTE_DASH_MAX_GAUGES));
  for (guint i = 0; i < data->gauges->len; i++)
    {
      const PiloteDashChart *gauge = g_ptr_array_index (data->gauges, i);
      const PiloteObjectiveProgress *p = g_ptr_array_index (expected, i);

      g_assert_cmpfloat_with_epsilon (gauge->target,
                                      gauge_value (p->objective->metric, p->objective->target),
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (g_array_index (gauge->values, double, 0),
                                      gauge_value (p->objective->metric, p->actual), 1e-9);
    }
  g_assert_cmpint (data->headlines[PILOTE_DASH_REVENUE].has_objective, ==, revenue_objective);
  for (guint i = 0; revenue_objective && i < expected->len; i++)
    {
      const PiloteObjectiveProgress *p = g_ptr_array_index (expected, i);

      if (p->objective->metric == PILOTE_METRIC_REVENUE &&
          g_str_equal (p->objective->period_start, from) &&
          p->objective->period_kind == month->kind)
        {
          g_assert_cmpint (data->headlines[PILOTE_DASH_REVENUE].target, ==, p->objective->target);
          g_assert_cmpfloat (data->headlines[PILOTE_DASH_REVENUE].attainment, ==, p->attainment);
        }
    }
}

static void
test_dashboard_objectives (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(PiloteMember) member = NULL;
  g_autoptr(PiloteTeam) team = NULL;
  gint64 member_id = 0, team_id = 0;
  PilotePeriod month;

  pilote_period_init_month (&month, 2026, G_DATE_NOVEMBER);
  all = pilote_kpi_objectives (fixture->store, &month, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      const PiloteObjective *o = ((PiloteObjectiveProgress *) g_ptr_array_index (all, i))->objective;

      if (o->scope == PILOTE_SCOPE_MEMBER && member_id == 0)
        member_id = o->scope_id;
      if (o->scope == PILOTE_SCOPE_TEAM && team_id == 0)
        team_id = o->scope_id;
    }
  g_assert_cmpint (member_id, >, 0);
  g_assert_cmpint (team_id, >, 0);
  member = pilote_store_get (fixture->store, PILOTE_ENTITY_MEMBER, member_id, &error);
  g_assert_no_error (error);
  team = pilote_store_get (fixture->store, PILOTE_ENTITY_TEAM, team_id, &error);
  g_assert_no_error (error);

  check_scope_objectives (fixture, &month, PILOTE_SCOPE_COMPANY, 0, NULL);
  check_scope_objectives (fixture, &month, PILOTE_SCOPE_TEAM, team_id, team->name);
  check_scope_objectives (fixture, &month, PILOTE_SCOPE_MEMBER, member_id, member->name);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("PILOTE_TODAY", TODAY, TRUE);
  pilote_test_gui_init (&argc, &argv);
  /* the resources live in a static library: link them in */
  g_assert_nonnull (pilote_get_resource ());

  g_test_add ("/dashboard/revenue", Fixture, NULL, fixture_set_up, test_dashboard_revenue,
              fixture_tear_down);
  g_test_add ("/dashboard/first-frame", Fixture, NULL, fixture_set_up,
              test_dashboard_first_frame, fixture_tear_down);
  g_test_add ("/dashboard/objectives", Fixture, NULL, fixture_set_up,
              test_dashboard_objectives, fixture_tear_down);
  g_test_add ("/dashboard/custom-period", Fixture, NULL, fixture_set_up, test_dashboard_custom,
              fixture_tear_down);

  return g_test_run ();
}
