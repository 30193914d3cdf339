/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pilote-dashboard-private.h"
#include "pilote-record.h"

/* the clients that did not renew, listed on their card */
#define PILOTE_DASH_CHURN_SHOWN 8

/* The dashboard's figures, computed in a worker thread on a read-only
 * connection of its own: a store is never shared between threads. */

const PiloteDimension pilote_dash_filter_dimensions[PILOTE_DASH_N_FILTERS] = {
  PILOTE_DIMENSION_TEAM,
  PILOTE_DIMENSION_OFFICE,
  PILOTE_DIMENSION_MEMBER,
  PILOTE_DIMENSION_SEGMENT,
  PILOTE_DIMENSION_REGION,
  PILOTE_DIMENSION_CATEGORY,
  PILOTE_DIMENSION_CHANNEL,
};

/* the most bars in a breakdown; the smallest are left out */
#define MAX_BARS 10
#define N_MONTHS 12

PiloteDashRequest *
pilote_dash_request_copy (const PiloteDashRequest *request)
{
  PiloteDashRequest *copy = g_new0 (PiloteDashRequest, 1);

  *copy = *request;
  copy->path = g_strdup (request->path);
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    copy->filters[i] = g_strdup (request->filters[i]);
  return copy;
}

void
pilote_dash_request_free (PiloteDashRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->path);
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    g_free (request->filters[i]);
  g_free (request);
}

PiloteKpiFilter *
pilote_dash_request_filter (const PiloteDashRequest *request)
{
  PiloteKpiFilter *filter = pilote_kpi_filter_new ();

  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    if (request->filters[i] != NULL)
      pilote_kpi_filter_add (filter, pilote_dash_filter_dimensions[i], request->filters[i]);
  return filter;
}

void
pilote_dash_data_free (PiloteDashData *data)
{
  if (data == NULL)
    return;
  g_free (data->currency);
  g_clear_pointer (&data->report, pilote_kpi_report_free);
  for (guint i = 0; i < PILOTE_DASH_N_HEADLINES; i++)
    g_clear_pointer (&data->headlines[i].sparkline, pilote_dash_chart_free);
  for (guint i = 0; i < PILOTE_DASH_N_CHARTS; i++)
    g_clear_pointer (&data->charts[i], pilote_dash_chart_free);
  g_clear_pointer (&data->gauges, g_ptr_array_unref);
  g_clear_pointer (&data->churn, g_ptr_array_unref);
  g_free (data);
}

static PiloteStore *
open_store (const char  *path,
            GError     **error)
{
  return pilote_store_open (path, PILOTE_STORE_OPEN_READ_ONLY, error);
}

static double
money_value (PiloteMoney  amount,
             double       scale)
{
  return amount == PILOTE_MONEY_NONE ? NAN : amount / scale;
}

/* Options of the filters */

void
pilote_dash_options_free (GPtrArray **options)
{
  if (options == NULL)
    return;
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    g_clear_pointer (&options[i], g_ptr_array_unref);
  g_free (options);
}

static GPtrArray *
list_names (PiloteStore   *store,
            PiloteEntity   entity,
            GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *names;
  PiloteQuery query = { .sort_field = "name" };

  records = pilote_store_list (store, entity, &query, error);
  if (records == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < records->len; i++)
    {
      /* teams, members, segments and channels all start with a name */
      const PiloteNamed *named = g_ptr_array_index (records, i);

      if (named->name != NULL && *named->name != '\0')
        g_ptr_array_add (names, g_strdup (named->name));
    }
  return names;
}

static GPtrArray *
list_keys (PiloteStore         *store,
           const PilotePeriod  *period,
           PiloteDimension      dimension,
           GError             **error)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  GPtrArray *keys;

  report = pilote_kpi_compute (store, period, NULL, dimension,
                               PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                               PILOTE_KPI_NO_CLIENT_COUNTS, error);
  if (report == NULL)
    return NULL;
  keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      if (row->key != NULL && *row->key != '\0')
        g_ptr_array_add (keys, g_strdup (row->key));
    }
  return keys;
}

static void
load_options_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  const GDate *today = task_data;
  g_autoptr(PiloteStore) store = NULL;
  GPtrArray **options = g_new0 (GPtrArray *, PILOTE_DASH_N_FILTERS);
  PilotePeriod years;
  GDate from = *today, to = *today;
  GError *error = NULL;

  store = open_store (path, &error);
  /* whole months, which the monthly summaries answer */
  g_date_set_day (&from, 1);
  g_date_subtract_years (&from, 3);
  g_date_set_day (&to, 1);
  g_date_add_months (&to, 1);
  pilote_period_init_custom (&years, &from, &to);
  for (guint i = 0; store != NULL && i < PILOTE_DASH_N_FILTERS && error == NULL; i++)
    {
      switch (pilote_dash_filter_dimensions[i])
        {
        case PILOTE_DIMENSION_TEAM:
          options[i] = list_names (store, PILOTE_ENTITY_TEAM, &error);
          break;
        case PILOTE_DIMENSION_MEMBER:
          options[i] = list_names (store, PILOTE_ENTITY_MEMBER, &error);
          break;
        case PILOTE_DIMENSION_SEGMENT:
          options[i] = list_names (store, PILOTE_ENTITY_SEGMENT, &error);
          break;
        case PILOTE_DIMENSION_CHANNEL:
          options[i] = list_names (store, PILOTE_ENTITY_CHANNEL, &error);
          break;
        default:
          options[i] = list_keys (store, &years, pilote_dash_filter_dimensions[i], &error);
          break;
        }
    }
  if (error != NULL)
    {
      pilote_dash_options_free (options);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, options, (GDestroyNotify) pilote_dash_options_free);
}

void
pilote_dash_options_async (const char          *path,
                           const GDate         *today,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pilote_dash_options_async);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_set_task_data (task, g_memdup2 (today, sizeof *today), g_free);
  g_task_run_in_thread (task, load_options_cb);
}

GPtrArray **
pilote_dash_options_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The figures */

typedef struct {
  PiloteStore             *store;
  const PiloteDashRequest *request;
  PiloteKpiFilter         *filter;
  PiloteDashData          *data;
  double                   scale;      /* minor units in a major unit */
  PiloteScope              scope;      /* whose objectives apply */
  gint64                   scope_id;
  gboolean                 has_scope;  /* FALSE when other filters make objectives meaningless */
} Computation;

static const char *
get_filter (const Computation *c,
            PiloteDimension    dimension)
{
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    if (pilote_dash_filter_dimensions[i] == dimension)
      return c->request->filters[i];
  return NULL;
}

/* Objectives are set for the company, a team or a member: they only apply
 * when the page is filtered by nothing else. */
static gboolean
find_scope (Computation  *c,
            GError      **error)
{
  const char *team = get_filter (c, PILOTE_DIMENSION_TEAM);
  const char *member = get_filter (c, PILOTE_DIMENSION_MEMBER);

  c->has_scope = TRUE;
  c->scope = PILOTE_SCOPE_COMPANY;
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    {
      PiloteDimension dimension = pilote_dash_filter_dimensions[i];

      if (c->request->filters[i] != NULL && dimension != PILOTE_DIMENSION_TEAM &&
          dimension != PILOTE_DIMENSION_MEMBER)
        c->has_scope = FALSE;
    }
  if (member != NULL || team != NULL)
    {
      g_autoptr(PiloteRecord) record = NULL;
      GError *local_error = NULL;

      record = pilote_store_find_by_name (c->store,
                                          member != NULL ? PILOTE_ENTITY_MEMBER
                                                         : PILOTE_ENTITY_TEAM,
                                          member != NULL ? member : team, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (record == NULL)
        c->has_scope = FALSE;
      else
        {
          c->scope = member != NULL ? PILOTE_SCOPE_MEMBER : PILOTE_SCOPE_TEAM;
          c->scope_id = record->id;
        }
    }
  return TRUE;
}

static gboolean
in_scope (const Computation     *c,
          const PiloteObjective *objective)
{
  return c->has_scope && objective->scope == c->scope &&
         (c->scope == PILOTE_SCOPE_COMPANY || objective->scope_id == c->scope_id);
}

static void
month_key (const GDate *date,
           char         key[8])
{
  g_snprintf (key, 8, "%04d-%02d", (int) g_date_get_year (date), (int) g_date_get_month (date));
}

static const PiloteKpiRow *
find_row (const PiloteKpiReport *report,
          const char            *key)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

/* Revenue over the twelve months to the period's end, against the monthly
 * objectives and the year before; also the cards' sparklines. */
static gboolean
compute_months (Computation  *c,
                GError      **error)
{
  g_autoptr(PiloteKpiReport) months = NULL;
  g_autoptr(PiloteKpiReport) before = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  PiloteDashChart *chart;
  PilotePeriod twelve, twelve_before;
  GDate start, end, last = c->request->period.to;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  const char *scope_nick[] = { "company", "team", "member" };
  PiloteFilter filters[5];
  PiloteQuery query = { 0 };
  gboolean any_target = FALSE;

  g_date_subtract_days (&last, 1);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, g_date_get_month (&last), g_date_get_year (&last));
  g_date_subtract_months (&start, N_MONTHS - 1);
  end = start;
  g_date_add_months (&end, N_MONTHS);
  pilote_period_init_custom (&twelve, &start, &end);
  pilote_period_year_before (&twelve, &twelve_before);
  months = pilote_kpi_compute (c->store, &twelve, c->filter, PILOTE_DIMENSION_MONTH,
                               PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                               PILOTE_KPI_NO_CLIENT_COUNTS, error);
  if (months == NULL)
    return FALSE;
  before = pilote_kpi_compute (c->store, &twelve_before, c->filter, PILOTE_DIMENSION_MONTH,
                               PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                               PILOTE_KPI_NO_CLIENT_COUNTS, error);
  if (before == NULL)
    return FALSE;

  pilote_period_from_iso (&twelve, from);
  pilote_period_to_iso (&twelve, to);
  filters[0] = (PiloteFilter) { "metric", PILOTE_OP_EQ, "revenue", 0 };
  filters[1] = (PiloteFilter) { "period_kind", PILOTE_OP_EQ, "month", 0 };
  filters[2] = (PiloteFilter) { "period_start", PILOTE_OP_GE, from, 0 };
  filters[3] = (PiloteFilter) { "period_start", PILOTE_OP_LT, to, 0 };
  filters[4] = (PiloteFilter) { "scope", PILOTE_OP_EQ, scope_nick[c->scope], 0 };
  query.filters = filters;
  query.n_filters = G_N_ELEMENTS (filters);
  targets = pilote_store_list (c->store, PILOTE_ENTITY_OBJECTIVE, &query, error);
  if (targets == NULL)
    return FALSE;

  chart = pilote_dash_chart_new (PILOTE_DASH_CHART_LINE, PILOTE_CHART_VALUE_MONEY, "month");
  chart->name = g_strdup (_("Revenue"));
  c->data->charts[PILOTE_DASH_BY_MONTH] = chart;
  for (guint h = 0; h < PILOTE_DASH_N_HEADLINES; h++)
    c->data->headlines[h].sparkline =
      pilote_dash_chart_new (PILOTE_DASH_CHART_SPARKLINE,
                             h == PILOTE_DASH_WIN_RATE ? PILOTE_CHART_VALUE_PERCENT
                                                       : PILOTE_CHART_VALUE_MONEY, NULL);

  for (guint i = 0; i < N_MONTHS; i++)
    {
      GDate month = start, month_before;
      char key[8], key_before[8], label[32];
      const PiloteKpiRow *row, *old;
      gboolean future;
      double target = NAN, previous;
      PiloteKpiFigures none = { 0 };
      const PiloteKpiFigures *f;

      g_date_add_months (&month, i);
      future = g_date_compare (&month, &c->request->today) > 0;
      month_before = month;
      g_date_subtract_years (&month_before, 1);
      month_key (&month, key);
      month_key (&month_before, key_before);
      row = find_row (months, key);
      old = find_row (before, key_before);
      f = row != NULL ? &row->figures : &none;
      previous = old != NULL ? old->figures.revenue / c->scale : 0;
      g_date_strftime (label, sizeof label, "%b", &month);

      for (guint t = 0; t < targets->len; t++)
        {
          const PiloteObjective *o = g_ptr_array_index (targets, t);

          if (o->period_start != NULL && strncmp (o->period_start, key, 7) == 0 &&
              in_scope (c, o))
            {
              target = (isnan (target) ? 0 : target) + o->target / c->scale;
              any_target = TRUE;
            }
        }

      pilote_dash_chart_add (chart, label, key, future ? NAN : f->revenue / c->scale);
      g_array_append_val (chart->values2, target);
      g_array_append_val (chart->values3, previous);

      pilote_dash_chart_add (c->data->headlines[PILOTE_DASH_REVENUE].sparkline, label, key,
                             future ? NAN : f->revenue / c->scale);
      pilote_dash_chart_add (c->data->headlines[PILOTE_DASH_WIN_RATE].sparkline, label, key,
                             future || row == NULL ? NAN : f->win_rate);
      pilote_dash_chart_add (c->data->headlines[PILOTE_DASH_MARGIN].sparkline, label, key,
                             future ? NAN : f->gross_margin / c->scale);
      pilote_dash_chart_add (c->data->headlines[PILOTE_DASH_CAC].sparkline, label, key,
                             future || row == NULL ? NAN : money_value (f->cac, c->scale));
    }
  if (!any_target)
    g_array_set_size (chart->values2, 0);
  return TRUE;
}

static int
compare_rows_by_value (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const PiloteKpiRow *ra = *(const PiloteKpiRow * const *) a;
  const PiloteKpiRow *rb = *(const PiloteKpiRow * const *) b;
  gsize offset = GPOINTER_TO_SIZE (user_data);
  PiloteMoney va = G_STRUCT_MEMBER (PiloteMoney, &ra->figures, offset);
  PiloteMoney vb = G_STRUCT_MEMBER (PiloteMoney, &rb->figures, offset);

  return va < vb ? 1 : va > vb ? -1 : g_strcmp0 (ra->key, rb->key);
}

/* Bars of one money figure of a breakdown, largest first */
static PiloteDashChart *
make_bars (Computation           *c,
           const PiloteKpiReport *report,
           gsize                  offset,
           const char            *name)
{
  PiloteDashChart *chart = pilote_dash_chart_new (PILOTE_DASH_CHART_BARS,
                                                  PILOTE_CHART_VALUE_MONEY,
                                                  pilote_dimension_get_name (report->dimension));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  chart->name = g_strdup (name);
  for (guint i = 0; i < report->rows->len; i++)
    {
      PiloteKpiRow *row = g_ptr_array_index (report->rows, i);
      PiloteMoney value = G_STRUCT_MEMBER (PiloteMoney, &row->figures, offset);

      if (value != PILOTE_MONEY_NONE && value != 0)
        g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort_with_data (rows, compare_rows_by_value, GSIZE_TO_POINTER (offset));
  for (guint i = 0; i < rows->len && i < MAX_BARS; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (rows, i);

      pilote_dash_chart_add (chart, row->key != NULL ? row->key : _("(none)"), row->key,
                             G_STRUCT_MEMBER (PiloteMoney, &row->figures, offset) / c->scale);
    }
  return chart;
}

static gboolean
compute_breakdowns (Computation   *c,
                    GCancellable  *cancellable,
                    GError       **error)
{
  static const struct {
    PiloteDashChartId id;
    PiloteDimension   by;
  } breakdowns[] = {
    { PILOTE_DASH_BY_SEGMENT, PILOTE_DIMENSION_SEGMENT },
    { PILOTE_DASH_BY_CATEGORY, PILOTE_DIMENSION_CATEGORY },
    { PILOTE_DASH_BY_REGION, PILOTE_DIMENSION_REGION },
    { PILOTE_DASH_BY_MEMBER, PILOTE_DIMENSION_MEMBER },
    { PILOTE_DASH_CAC_BY_CHANNEL, PILOTE_DIMENSION_CHANNEL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    {
      g_autoptr(PiloteKpiReport) report = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report = pilote_kpi_compute (c->store, &c->request->period, c->filter, breakdowns[i].by,
                                   PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                                   PILOTE_KPI_NO_CLIENT_COUNTS, error);
      if (report == NULL)
        return FALSE;
      if (breakdowns[i].id == PILOTE_DASH_CAC_BY_CHANNEL)
        {
          c->data->charts[breakdowns[i].id] =
            make_bars (c, report, G_STRUCT_OFFSET (PiloteKpiFigures, cac), _("CAC"));
          continue;
        }
      c->data->charts[breakdowns[i].id] =
        make_bars (c, report, G_STRUCT_OFFSET (PiloteKpiFigures, revenue), _("Revenue"));
      if (breakdowns[i].id == PILOTE_DASH_BY_CATEGORY)
        c->data->charts[PILOTE_DASH_MARGIN_BY_CATEGORY] =
          make_bars (c, report, G_STRUCT_OFFSET (PiloteKpiFigures, gross_margin),
                     _("Gross margin"));
    }
  return TRUE;
}

static gboolean
compute_funnel_and_lost (Computation  *c,
                         GError      **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  PiloteDashChart *funnel, *lost;

  /* the chart shows the entries of each stage only */
  stages = pilote_kpi_funnel_entries (c->store, &c->request->period, c->filter, error);
  if (stages == NULL)
    return FALSE;
  reasons = pilote_kpi_lost (c->store, &c->request->period, c->filter, FALSE, error);
  if (reasons == NULL)
    return FALSE;

  funnel = pilote_dash_chart_new (PILOTE_DASH_CHART_FUNNEL, PILOTE_CHART_VALUE_COUNT, "stage");
  funnel->name = g_strdup (_("Deals"));
  for (guint i = 0; i < stages->len; i++)
    {
      const PiloteFunnelStage *stage = g_ptr_array_index (stages, i);

      pilote_dash_chart_add (funnel, stage->name, stage->name, stage->entered);
    }
  c->data->charts[PILOTE_DASH_FUNNEL] = funnel;

  lost = pilote_dash_chart_new (PILOTE_DASH_CHART_DONUT, PILOTE_CHART_VALUE_COUNT,
                                "lost-reason");
  lost->name = g_strdup (_("deals lost"));
  for (guint i = 0; i < reasons->len; i++)
    {
      const PiloteLostRow *row = g_ptr_array_index (reasons, i);

      double amount = row->amount / c->scale;

      pilote_dash_chart_add (lost, row->key != NULL ? row->key : _("No reason given"),
                             row->key != NULL ? row->key : "", row->deals);
      /* the amount, for the tooltip */
      g_array_append_val (lost->values2, amount);
    }
  c->data->charts[PILOTE_DASH_LOST_REASONS] = lost;
  return TRUE;
}

static PiloteChartValueKind
metric_value_kind (PiloteMetric metric)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE:
    case PILOTE_METRIC_GROSS_MARGIN:
      return PILOTE_CHART_VALUE_MONEY;
    case PILOTE_METRIC_WIN_RATE:
      return PILOTE_CHART_VALUE_PERCENT;
    case PILOTE_METRIC_DEALS_WON:
    case PILOTE_METRIC_NEW_CLIENTS:
    case PILOTE_METRIC_MEETINGS:
    case PILOTE_METRIC_CALLS:
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return PILOTE_CHART_VALUE_COUNT;
    }
}

static const char *
metric_label (PiloteMetric metric)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE: return _("Revenue");
    case PILOTE_METRIC_GROSS_MARGIN: return _("Gross margin");
    case PILOTE_METRIC_DEALS_WON: return _("Deals won");
    case PILOTE_METRIC_NEW_CLIENTS: return _("New clients");
    case PILOTE_METRIC_MEETINGS: return _("Meetings held");
    case PILOTE_METRIC_CALLS: return _("Calls made");
    case PILOTE_METRIC_WIN_RATE: return _("Win rate");
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return _("Objective");
    }
}

static double
metric_value (const Computation *c,
              PiloteMetric       metric,
              gint64             value)
{
  switch (metric_value_kind (metric))
    {
    case PILOTE_CHART_VALUE_MONEY:
      return value / c->scale;
    case PILOTE_CHART_VALUE_PERCENT:
      return value / 10000.0;
    case PILOTE_CHART_VALUE_COUNT:
    case PILOTE_CHART_VALUE_DAYS:
    default:
      return value;
    }
}

static PiloteChartStatus
chart_status (PilotePacingStatus status)
{
  switch (status)
    {
    case PILOTE_PACING_ON_TRACK: return PILOTE_CHART_STATUS_ON_TRACK;
    case PILOTE_PACING_AT_RISK: return PILOTE_CHART_STATUS_AT_RISK;
    case PILOTE_PACING_BEHIND: return PILOTE_CHART_STATUS_BEHIND;
    case PILOTE_PACING_NONE:
    default:
      return PILOTE_CHART_STATUS_NONE;
    }
}

/* The objectives of the scope: the cards' own, and a few gauges, those of
 * the period's own kind first */
static gboolean
compute_objectives (Computation  *c,
                    GError      **error)
{
  g_autoptr(GPtrArray) progress = NULL;
  const PilotePeriod *period = &c->request->period;
  char from[PILOTE_ISO_DATE_LEN];

  c->data->gauges = g_ptr_array_new_with_free_func (pilote_dash_chart_free);
  if (!c->has_scope)
    return TRUE;
  /* only the scope's own objectives: only their figures are read */
  progress = pilote_kpi_scope_objectives (c->store, period, c->scope, c->scope_id,
                                          &c->request->today, error);
  if (progress == NULL)
    return FALSE;

  pilote_period_from_iso (period, from);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < progress->len; i++)
      {
        const PiloteObjectiveProgress *p = g_ptr_array_index (progress, i);
        const PiloteObjective *o = p->objective;
        gboolean same_period = o->period_kind == period->kind &&
                               g_strcmp0 (o->period_start, from) == 0;
        PiloteDashChart *gauge;
        g_autofree char *when = NULL;

        if (o->metric == PILOTE_METRIC_QUALITATIVE || !in_scope (c, o) ||
            same_period != (pass == 0))
          continue;

        if (same_period)
          {
            int h = o->metric == PILOTE_METRIC_REVENUE ? PILOTE_DASH_REVENUE
                  : o->metric == PILOTE_METRIC_WIN_RATE ? PILOTE_DASH_WIN_RATE
                  : o->metric == PILOTE_METRIC_GROSS_MARGIN ? PILOTE_DASH_MARGIN : -1;

            if (h >= 0)
              {
                c->data->headlines[h].has_objective = TRUE;
                c->data->headlines[h].target = o->target;
                c->data->headlines[h].attainment = p->attainment;
                c->data->headlines[h].status = p->status;
              }
          }
        if (c->data->gauges->len >= PILOTE_DASH_MAX_GAUGES)
          continue;
        gauge = pilote_dash_chart_new (PILOTE_DASH_CHART_GAUGE, metric_value_kind (o->metric),
                                       NULL);
        when = pilote_period_describe (&p->period);
        if (same_period)
          gauge->name = g_strdup (metric_label (o->metric));
        else
          /* Translators: a gauge's caption: what, and over which period ("Revenue · 2026") */
          gauge->name = g_strdup_printf (_("%s · %s"), metric_label (o->metric), when);
        pilote_dash_chart_add (gauge, gauge->name, NULL, metric_value (c, o->metric, p->actual));
        gauge->target = metric_value (c, o->metric, o->target);
        gauge->expected = o->metric == PILOTE_METRIC_WIN_RATE
                            ? NAN : metric_value (c, o->metric, p->expected);
        gauge->status = chart_status (p->status);
        g_ptr_array_add (c->data->gauges, gauge);
      }
  return TRUE;
}

/* The page is read in three parts, each on a connection of its own: the
 * month's KPIs with their comparisons, and the clients of the last two
 * years, each in a thread of its own, while the worker reads the rest
 * (months, objectives, breakdowns, funnel), so that on two cores the page
 * is ready in about the time of the longest part. They read the file as
 * it is when each starts; a change committed in between is shown by the
 * refresh it brings. */
typedef struct {
  const PiloteDashRequest *request;
  gboolean                 years_part;   /* the clients of two years, or the KPIs */
  PiloteKpiReport         *report;
  PiloteKpiYears          *years;
  GError                  *error;
} KpiJob;

static gpointer
part_thread (gpointer data)
{
  KpiJob *job = data;
  g_autoptr(PiloteStore) store = open_store (job->request->path, &job->error);
  g_autoptr(PiloteKpiFilter) filter = pilote_dash_request_filter (job->request);

  if (store == NULL)
    return NULL;
  /* a few ranges, each read once: a small page cache keeps the memory of
   * the page as it was with one connection */
  pilote_store_set_cache_size (store, 4096);
  if (job->years_part)
    job->years = pilote_kpi_years_read (store, &job->request->period, filter, TRUE,
                                        &job->error);
  else
    job->report = pilote_kpi_compute (store, &job->request->period, filter,
                                      PILOTE_DIMENSION_NONE,
                                      PILOTE_KPI_COMPARE | PILOTE_KPI_NO_CLIENT_COUNTS |
                                      PILOTE_KPI_NO_CLIENT_YEARS, &job->error);
  return NULL;
}

/* reads a part in a thread of its own, or here without one */
static GThread *
start_part (const char *name,
            KpiJob     *job)
{
  GThread *thread = g_thread_try_new (name, part_thread, job, NULL);

  if (thread == NULL)
    part_thread (job);
  return thread;
}

static void
compute_cb (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const PiloteDashRequest *request = task_data;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteKpiFilter) filter = pilote_dash_request_filter (request);
  g_autoptr(PiloteDashData) data = g_new0 (PiloteDashData, 1);
  KpiJob job = { request, FALSE, NULL, NULL, NULL };
  KpiJob years_job = { request, TRUE, NULL, NULL, NULL };
  GThread *thread, *years;
  Computation c = { 0 };
  GError *error = NULL;
  gboolean ok;

  store = open_store (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  c.store = store;
  c.request = request;
  c.filter = filter;
  c.data = data;
  data->period = request->period;
  data->currency = g_strdup (pilote_store_get_currency (store));
  c.scale = pow (10, pilote_currency_digits (data->currency));

  /* without threads, the KPIs and the clients are read here first */
  thread = start_part ("pilote-dash-kpis", &job);
  years = start_part ("pilote-dash-clients", &years_job);
  ok = find_scope (&c, &error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, &error) &&
       compute_months (&c, &error) &&
       compute_objectives (&c, &error) &&
       compute_breakdowns (&c, cancellable, &error) &&
       compute_funnel_and_lost (&c, &error);
  if (thread != NULL)
    g_thread_join (thread);
  if (years != NULL)
    g_thread_join (years);
  data->report = job.report;
  if (!ok || data->report == NULL || years_job.years == NULL)
    {
      if (ok)
        error = job.error != NULL ? g_steal_pointer (&job.error)
                                  : g_steal_pointer (&years_job.error);
      g_clear_error (&job.error);
      g_clear_error (&years_job.error);
      g_clear_pointer (&years_job.years, pilote_kpi_years_free);
      g_task_return_error (task, error);
      return;
    }
  pilote_kpi_report_add_years (data->report, g_steal_pointer (&years_job.years));
  /* the clients that did not renew, as counted: the largest few */
  data->churn = g_steal_pointer (&data->report->churned);
  if (data->churn != NULL && data->churn->len > PILOTE_DASH_CHURN_SHOWN)
    g_ptr_array_set_size (data->churn, PILOTE_DASH_CHURN_SHOWN);
  data->churned_clients = data->report->summary.churned_clients;
  data->churned_revenue = data->report->summary.churned_revenue;
  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) pilote_dash_data_free);
}

void
pilote_dash_compute_async (const PiloteDashRequest *request,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pilote_dash_compute_async);
  g_task_set_task_data (task, pilote_dash_request_copy (request),
                        (GDestroyNotify) pilote_dash_request_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_cb);
}

PiloteDashData *
pilote_dash_compute_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
