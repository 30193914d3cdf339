/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>

#include "pilote-charts.h"
#include "pilote-error.h"
#include "pilote-record.h"
#include "pilote-report-layout.h"
#include "pilote-report.h"

/* The monthly performance summary: the figures of a month and a scope
 * from the KPI engine, laid out as headline figures, charts and tables. */

#define MM (72.0 / 25.4)

struct _PiloteReport {
  gatomicrefcount ref_count;
  char         *currency;       /* the charts' formatter reads it while drawing */
  PilotePaper   paper;
  double        width;
  double        height;
  PiloteLayout *layout;
  guint         n_pages;
};

static PiloteReport *
report_alloc (void)
{
  PiloteReport *report = g_new0 (PiloteReport, 1);

  g_atomic_ref_count_init (&report->ref_count);
  return report;
}

PilotePaper
pilote_paper_from_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  int width = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);

  if (width == 216)
    return PILOTE_PAPER_LETTER;
#endif
  return PILOTE_PAPER_A4;
}

gboolean
pilote_paper_from_name (const char  *name,
                        PilotePaper *paper)
{
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = PILOTE_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = PILOTE_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* Formatting */

typedef struct {
  char *currency;
} Formats;

static char *
format_money (const char  *currency,
              PiloteMoney  amount)
{
  return pilote_money_format (amount, currency, PILOTE_MONEY_FORMAT_DEFAULT);
}

static char *
format_money_whole (const char  *currency,
                    PiloteMoney  amount)
{
  return pilote_money_format (amount, currency, PILOTE_MONEY_FORMAT_WHOLE);
}

static char *
format_rate (double rate)
{
  if (isnan (rate))
    return g_strdup ("—");
  /* Translators: a percentage, as in "63.2 %" */
  return g_strdup_printf (_("%.1f %%"), rate * 100.0);
}

static char *
format_count (gint64 count)
{
  if (count < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static char *
format_delta (double now,
              double before)
{
  if (isnan (now) || isnan (before) || before == 0)
    return g_strdup ("—");
  /* Translators: a change in percent, as in "+12.5 %" */
  return g_strdup_printf (_("%+.1f %%"), (now - before) / fabs (before) * 100.0);
}

static char *
chart_format (double                value,
              PiloteChartValueKind  kind,
              gboolean              short_form,
              gpointer              user_data)
{
  const char *currency = user_data;
  double scale = pow (10, pilote_currency_digits (currency));

  switch (kind)
    {
    case PILOTE_CHART_VALUE_MONEY:
      return pilote_money_format (llround (value * scale), currency,
                                  short_form ? PILOTE_MONEY_FORMAT_SHORT
                                             : PILOTE_MONEY_FORMAT_WHOLE);
    case PILOTE_CHART_VALUE_PERCENT:
      return format_rate (value);
    case PILOTE_CHART_VALUE_DAYS:
      return g_strdup_printf ("%.0f", value);
    case PILOTE_CHART_VALUE_COUNT:
    default:
      return g_strdup_printf ("%'.0f", value);
    }
}

/* Charts on the page: the data each draw function reads */

typedef struct {
  GPtrArray *labels;     /* char* */
  GArray    *values;     /* double */
  GArray    *values2;    /* double, a second series or the target */
  GArray    *values3;    /* double, the previous year */
  char      *name1;
  char      *name2;
  char      *name3;
  PiloteChartValueKind kind;
} ChartData;

static ChartData *
chart_data_new (PiloteChartValueKind kind)
{
  ChartData *data = g_new0 (ChartData, 1);

  data->labels = g_ptr_array_new_with_free_func (g_free);
  data->values = g_array_new (FALSE, FALSE, sizeof (double));
  data->values2 = g_array_new (FALSE, FALSE, sizeof (double));
  data->values3 = g_array_new (FALSE, FALSE, sizeof (double));
  data->kind = kind;
  return data;
}

static void
chart_data_free (gpointer user_data)
{
  ChartData *data = user_data;

  g_ptr_array_unref (data->labels);
  g_array_unref (data->values);
  g_array_unref (data->values2);
  g_array_unref (data->values3);
  g_free (data->name1);
  g_free (data->name2);
  g_free (data->name3);
  g_free (data);
}

static void
draw_line (cairo_t                *cr,
           const PiloteChartStyle *style,
           gconstpointer           user_data,
           double                  width,
           double                  height)
{
  const ChartData *data = user_data;
  PiloteChartSeries series = { data->name1, (const double *) data->values->data, NULL };
  PiloteChartLine chart = { 0 };

  chart.kind = data->kind;
  chart.periods = (const char * const *) data->labels->pdata;
  chart.n_periods = data->labels->len;
  chart.series = &series;
  chart.n_series = 1;
  chart.target = data->values2->len > 0 ? (const double *) data->values2->data : NULL;
  chart.target_name = data->name2;
  chart.previous = data->values3->len > 0 ? (const double *) data->values3->data : NULL;
  chart.previous_name = data->name3;
  chart.area = TRUE;
  chart.include_zero = TRUE;
  pilote_chart_line_draw (cr, style, &chart, width, height);
}

static void
draw_bars (cairo_t                *cr,
           const PiloteChartStyle *style,
           gconstpointer           user_data,
           double                  width,
           double                  height)
{
  const ChartData *data = user_data;
  PiloteChartSeries series[2] = {
    { data->name1, (const double *) data->values->data, NULL },
    { data->name2, (const double *) data->values2->data, NULL },
  };
  PiloteChartBars chart = { 0 };

  chart.orientation = PILOTE_CHART_BARS_HORIZONTAL;
  chart.mode = PILOTE_CHART_BARS_GROUPED;
  chart.kind = data->kind;
  chart.categories = (const char * const *) data->labels->pdata;
  chart.n_categories = data->labels->len;
  chart.series = series;
  chart.n_series = data->values2->len > 0 ? 2 : 1;
  chart.value_labels = TRUE;
  pilote_chart_bars_draw (cr, style, &chart, width, height);
}

static void
draw_funnel_and_donut (cairo_t                *cr,
                       const PiloteChartStyle *style,
                       gconstpointer           user_data,
                       double                  width,
                       double                  height)
{
  const ChartData *data = user_data;
  PiloteChartFunnel funnel = { 0 };
  PiloteChartDonut donut = { 0 };
  double half = floor (width / 2) - 6;

  funnel.kind = PILOTE_CHART_VALUE_COUNT;
  funnel.stages = (const char * const *) data->labels->pdata;
  funnel.values = (const double *) data->values->data;
  funnel.n_stages = data->values->len;
  pilote_chart_funnel_draw (cr, style, &funnel, half, height);

  cairo_save (cr);
  cairo_translate (cr, width - half, 0);
  /* values2 holds the lost deals by reason, labels after the stages */
  donut.kind = PILOTE_CHART_VALUE_COUNT;
  donut.labels = (const char * const *) data->labels->pdata + data->values->len;
  donut.values = (const double *) data->values2->data;
  donut.n_items = data->values2->len;
  donut.max_slices = 6;
  donut.total_label = data->name2;
  pilote_chart_donut_draw (cr, style, &donut, half, height);
  cairo_restore (cr);
}

/* Building the summary */

typedef struct {
  PiloteStore       *store;
  PiloteLayout      *layout;
  const char        *currency;
  PilotePeriod       month;
  PiloteKpiFilter   *filter;
  PiloteScope        scope;
  gint64             scope_id;
  GPtrArray         *objectives;   /* PiloteObjectiveProgress of the month's own scope */
  PilotePeriod       next;
  PiloteGap          gap;          /* of the next month */
} Builder;

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
      return _("Qualitative objective");
    }
}

/* a figure in an objective's unit, as text */
static char *
format_metric (Builder      *b,
               PiloteMetric  metric,
               gint64        value)
{
  if (metric == PILOTE_METRIC_REVENUE || metric == PILOTE_METRIC_GROSS_MARGIN)
    return format_money_whole (b->currency, value);
  if (metric == PILOTE_METRIC_WIN_RATE)
    return format_rate (value / 10000.0);
  return format_count (value);
}

static const PiloteObjectiveProgress *
find_objective (Builder      *b,
                PiloteMetric  metric)
{
  for (guint i = 0; i < b->objectives->len; i++)
    {
      const PiloteObjectiveProgress *p = g_ptr_array_index (b->objectives, i);

      if (p->objective->metric == metric && p->objective->period_kind == PILOTE_PERIOD_MONTH)
        return p;
    }
  return NULL;
}

static void
add_headline_row (Builder      *b,
                  const char   *label,
                  char         *actual,
                  PiloteMetric  metric,
                  double        now,
                  double        previous,
                  double        year_before)
{
  const PiloteObjectiveProgress *objective = metric != PILOTE_METRIC_QUALITATIVE
                                               ? find_objective (b, metric) : NULL;
  g_autofree char *target = objective != NULL
                              ? format_metric (b, metric, objective->objective->target)
                              : g_strdup ("—");
  g_autofree char *attainment = objective != NULL ? format_rate (objective->attainment)
                                                  : g_strdup ("—");
  g_autofree char *vs_previous = format_delta (now, previous);
  g_autofree char *vs_year = format_delta (now, year_before);
  const char *cells[] = { label, actual, target, attainment, vs_previous, vs_year };

  pilote_layout_add_row (b->layout, cells);
  g_free (actual);
}

static double
money_value (PiloteMoney amount)
{
  return amount == PILOTE_MONEY_NONE ? NAN : (double) amount;
}

static void
add_headlines (Builder               *b,
               const PiloteKpiReport *report)
{
  static const double widths[] = { 0.26, 0.17, 0.15, 0.12, 0.15, 0.15 };
  const char *headers[] = {
    _("Figure"), _("Actual"), _("Objective"), _("Attained"), _("vs last month"),
    _("vs last year"),
  };
  const PiloteKpiFigures *t = &report->totals, *p = &report->previous, *y = &report->year_before;

  pilote_layout_add_heading (b->layout, _("Headline figures"));
  pilote_layout_begin_table (b->layout, G_N_ELEMENTS (widths), widths, headers);
  add_headline_row (b, _("Revenue"), format_money (b->currency, t->revenue),
                    PILOTE_METRIC_REVENUE, t->revenue, p->revenue, y->revenue);
  add_headline_row (b, _("Gross margin"), format_money (b->currency, t->gross_margin),
                    PILOTE_METRIC_GROSS_MARGIN, t->gross_margin, p->gross_margin,
                    y->gross_margin);
  add_headline_row (b, _("Gross margin rate"), format_rate (t->gross_margin_rate),
                    PILOTE_METRIC_QUALITATIVE, t->gross_margin_rate, p->gross_margin_rate,
                    y->gross_margin_rate);
  add_headline_row (b, _("Win rate"), format_rate (t->win_rate), PILOTE_METRIC_WIN_RATE,
                    t->win_rate, p->win_rate, y->win_rate);
  add_headline_row (b, _("Deals won"), format_count (t->deals_won), PILOTE_METRIC_DEALS_WON,
                    t->deals_won, p->deals_won, y->deals_won);
  add_headline_row (b, _("New clients"), format_count (t->new_clients),
                    PILOTE_METRIC_NEW_CLIENTS, t->new_clients, p->new_clients, y->new_clients);
  add_headline_row (b, _("Customer acquisition cost"),
                    t->cac != PILOTE_MONEY_NONE ? format_money (b->currency, t->cac)
                                                : g_strdup ("—"),
                    PILOTE_METRIC_QUALITATIVE, money_value (t->cac), money_value (p->cac),
                    money_value (y->cac));
  add_headline_row (b, _("Average deal size"),
                    t->avg_deal_size != PILOTE_MONEY_NONE
                      ? format_money (b->currency, t->avg_deal_size) : g_strdup ("—"),
                    PILOTE_METRIC_QUALITATIVE, money_value (t->avg_deal_size),
                    money_value (p->avg_deal_size), money_value (y->avg_deal_size));
  add_headline_row (b, _("Sales cycle (days)"),
                    isnan (t->sales_cycle_days) ? g_strdup ("—")
                                                : g_strdup_printf ("%.1f", t->sales_cycle_days),
                    PILOTE_METRIC_QUALITATIVE, t->sales_cycle_days, p->sales_cycle_days,
                    y->sales_cycle_days);
  add_headline_row (b, _("Open pipeline"), format_money_whole (b->currency, t->open_pipeline),
                    PILOTE_METRIC_QUALITATIVE, NAN, NAN, NAN);
}

static gboolean
add_revenue_chart (Builder  *b,
                   GError  **error)
{
  g_autoptr(PiloteKpiReport) months = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  ChartData *data = chart_data_new (PILOTE_CHART_VALUE_MONEY);
  PilotePeriod twelve, twenty_four;
  GDate start = b->month.from, start_before;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteFilter filters[5];
  PiloteQuery query = { 0 };
  gboolean any_target = FALSE;
  double scale = pow (10, pilote_currency_digits (b->currency));

  g_date_subtract_months (&start, 11);
  pilote_period_init_custom (&twelve, &start, &b->month.to);
  /* the twelve months and the twelve before them, month by month, in one
   * computation: a row for every month, the first twelve a year before */
  start_before = start;
  g_date_subtract_months (&start_before, 12);
  pilote_period_init_custom (&twenty_four, &start_before, &b->month.to);
  months = pilote_kpi_compute (b->store, &twenty_four, b->filter, PILOTE_DIMENSION_MONTH,
                               PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                               PILOTE_KPI_NO_CLIENT_COUNTS, error);
  if (months == NULL || months->rows->len != 24)
    {
      chart_data_free (data);
      return FALSE;
    }

  /* the monthly revenue objectives of the scope */
  pilote_period_from_iso (&twelve, from);
  pilote_period_to_iso (&twelve, to);
  filters[0] = (PiloteFilter) { "metric", PILOTE_OP_EQ, "revenue", 0 };
  filters[1] = (PiloteFilter) { "period_kind", PILOTE_OP_EQ, "month", 0 };
  filters[2] = (PiloteFilter) { "period_start", PILOTE_OP_GE, from, 0 };
  filters[3] = (PiloteFilter) { "period_start", PILOTE_OP_LT, to, 0 };
  filters[4] = (PiloteFilter) { "scope", PILOTE_OP_EQ,
                                b->scope == PILOTE_SCOPE_COMPANY ? "company"
                                : b->scope == PILOTE_SCOPE_TEAM ? "team" : "member", 0 };
  query.filters = filters;
  query.n_filters = G_N_ELEMENTS (filters);
  targets = pilote_store_list (b->store, PILOTE_ENTITY_OBJECTIVE, &query, error);
  if (targets == NULL)
    {
      chart_data_free (data);
      return FALSE;
    }

  for (guint i = 0; i < 12; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (months->rows, 12 + i);
      const PiloteKpiRow *old = g_ptr_array_index (months->rows, i);
      GDate date;
      char label[32];
      double target = NAN, value = row->figures.revenue / scale;
      double previous = old != NULL ? old->figures.revenue / scale : NAN;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, (GDateMonth) atoi (row->key + 5), (GDateYear) atoi (row->key));
      g_date_strftime (label, sizeof label, "%b", &date);
      g_ptr_array_add (data->labels, g_strdup (label));
      for (guint t = 0; t < targets->len; t++)
        {
          PiloteObjective *o = g_ptr_array_index (targets, t);

          if (strncmp (o->period_start, row->key, 7) == 0 &&
              (b->scope == PILOTE_SCOPE_COMPANY || o->scope_id == b->scope_id))
            {
              target = (isnan (target) ? 0 : target) + o->target / scale;
              any_target = TRUE;
            }
        }
      g_array_append_val (data->values, value);
      g_array_append_val (data->values2, target);
      g_array_append_val (data->values3, previous);
    }
  if (!any_target)
    g_array_set_size (data->values2, 0);
  data->name1 = g_strdup (_("Revenue"));
  data->name2 = g_strdup (_("Objective"));
  data->name3 = g_strdup (_("A year before"));

  pilote_layout_keep_together (b->layout, 230);
  pilote_layout_add_heading (b->layout, _("Revenue over twelve months"));
  pilote_layout_add_chart (b->layout, 190, draw_line, data, chart_data_free);
  return TRUE;
}

static gboolean
add_breakdown (Builder         *b,
               PiloteDimension  by,
               const char      *title,
               gboolean         chart)
{
  static const double widths[] = { 0.30, 0.19, 0.12, 0.18, 0.21 };
  const char *headers[] = {
    pilote_dimension_get_label (by), _("Revenue"), C_("number of deals won", "Won"),
    /* Translators: a column header of a table, keep it short */
    C_("column header", "Win rate"), _("Gross margin"),
  };
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ChartData *data = NULL;
  double scale = pow (10, pilote_currency_digits (b->currency));

  report = pilote_kpi_compute (b->store, &b->month, b->filter, by,
                               PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                               PILOTE_KPI_NO_CLIENT_COUNTS, &error);
  if (report == NULL)
    return FALSE;
  if (chart)
    data = chart_data_new (PILOTE_CHART_VALUE_MONEY);
  pilote_layout_keep_together (b->layout, chart ? 260 : 80);
  pilote_layout_add_heading (b->layout, title);
  pilote_layout_begin_table (b->layout, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);
      const PiloteKpiFigures *f = &row->figures;
      g_autofree char *revenue = format_money_whole (b->currency, f->revenue);
      g_autofree char *won = format_count (f->deals_won);
      g_autofree char *rate = format_rate (f->win_rate);
      g_autofree char *margin = format_money_whole (b->currency, f->gross_margin);
      const char *cells[] = { row->key != NULL ? row->key : _("(none)"), revenue, won, rate,
                              margin };

      if (f->deals_won == 0 && f->deals_lost == 0)
        continue;
      pilote_layout_add_row (b->layout, cells);
      if (data != NULL && data->labels->len < 12)
        {
          double value = f->revenue / scale;

          g_ptr_array_add (data->labels, g_strdup (cells[0]));
          g_array_append_val (data->values, value);
        }
    }
  if (data != NULL)
    {
      guint n = data->labels->len;

      data->name1 = g_strdup (_("Revenue"));
      if (n > 0)
        pilote_layout_add_chart (b->layout, 24 + 14 * n, draw_bars, data, chart_data_free);
      else
        chart_data_free (data);
    }
  return TRUE;
}

static gboolean
add_funnel (Builder  *b,
            GError  **error)
{
  static const double widths[] = { 0.4, 0.2, 0.2, 0.2 };
  const char *headers[] = { _("Lost to"), _("Deals"), _("Amount"), _("Share") };
  /* the chart shows what entered each stage, nothing of what followed */
  g_autoptr(GPtrArray) stages = pilote_kpi_funnel_entries (b->store, &b->month, b->filter,
                                                           error);
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GPtrArray) competitors = NULL;
  ChartData *data;
  gint64 lost = 0;

  if (stages == NULL ||
      !pilote_kpi_lost_both (b->store, &b->month, b->filter, &reasons, &competitors, error))
    return FALSE;

  data = chart_data_new (PILOTE_CHART_VALUE_COUNT);
  for (guint i = 0; i < stages->len; i++)
    {
      const PiloteFunnelStage *stage = g_ptr_array_index (stages, i);
      double value = stage->entered;

      g_ptr_array_add (data->labels, g_strdup (stage->name));
      g_array_append_val (data->values, value);
    }
  for (guint i = 0; i < reasons->len; i++)
    {
      const PiloteLostRow *row = g_ptr_array_index (reasons, i);
      double value = row->deals;

      g_ptr_array_add (data->labels, g_strdup (row->key != NULL ? row->key : _("No reason given")));
      g_array_append_val (data->values2, value);
      lost += row->deals;
    }
  data->name2 = g_strdup (_("deals lost"));

  pilote_layout_keep_together (b->layout, 240);
  pilote_layout_add_heading (b->layout, _("Funnel and lost deals"));
  pilote_layout_add_text (b->layout,
                          _("Left: the deals that entered each stage this month. Right: the "
                            "deals lost this month, by reason."), TRUE);
  pilote_layout_add_chart (b->layout, 170, draw_funnel_and_donut, data, chart_data_free);

  if (competitors->len > 0)
    {
      pilote_layout_begin_table (b->layout, G_N_ELEMENTS (widths), widths, headers);
      for (guint i = 0; i < competitors->len; i++)
        {
          const PiloteLostRow *row = g_ptr_array_index (competitors, i);
          g_autofree char *deals = format_count (row->deals);
          g_autofree char *amount = format_money_whole (b->currency, row->amount);
          g_autofree char *share = format_rate (lost > 0 ? (double) row->deals / lost : NAN);
          const char *cells[] = { row->key != NULL ? row->key : _("No competitor named"), deals,
                                  amount, share };

          pilote_layout_add_row (b->layout, cells);
        }
    }
  return TRUE;
}

static const char *
status_label (PilotePacingStatus status)
{
  return pilote_pacing_status_get_label (status);
}

static void
add_objectives (Builder *b)
{
  static const double widths[] = { 0.31, 0.15, 0.15, 0.11, 0.15, 0.13 };
  const char *headers[] = {
    _("Objective"), _("Target"), _("Actual"), _("Attained"), _("Pacing"), _("Status"),
  };

  pilote_layout_keep_together (b->layout, 80);
  pilote_layout_add_heading (b->layout, _("Objectives"));
  if (b->objectives->len == 0)
    {
      pilote_layout_add_text (b->layout, _("No objective was set for this month."), TRUE);
      return;
    }
  pilote_layout_begin_table (b->layout, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < b->objectives->len; i++)
    {
      const PiloteObjectiveProgress *p = g_ptr_array_index (b->objectives, i);
      const PiloteObjective *o = p->objective;
      gboolean qualitative = o->metric == PILOTE_METRIC_QUALITATIVE;
      g_autofree char *period = pilote_period_describe (&p->period);
      g_autofree char *name = g_strdup_printf ("%s (%s)",
                                               qualitative && o->description != NULL
                                                 ? o->description : metric_label (o->metric),
                                               period);
      g_autofree char *target = qualitative ? g_strdup ("—") : format_metric (b, o->metric,
                                                                               o->target);
      g_autofree char *actual = qualitative ? g_strdup_printf ("%" G_GINT64_FORMAT " %%",
                                                               o->progress)
                                            : format_metric (b, o->metric, p->actual);
      g_autofree char *attained = format_rate (p->attainment);
      g_autofree char *pacing = format_rate (p->pacing);
      const char *cells[] = { name, target, actual, attained, pacing, status_label (p->status) };

      pilote_layout_add_row (b->layout, cells);
    }
}

static void
add_forecast (Builder *b)
{
  static const double widths[] = { 0.6, 0.4 };
  const char *headers[] = { _("Next month"), "" };
  const PiloteGap *gap = &b->gap;
  g_autofree char *title = NULL;

  title = pilote_period_describe (&b->next);
  headers[1] = title;
  pilote_layout_keep_together (b->layout, 150);
  pilote_layout_add_heading (b->layout, _("Forecast and gap to target"));
  pilote_layout_begin_table (b->layout, G_N_ELEMENTS (widths), widths, headers);
  {
    struct { const char *label; PiloteMoney amount; } lines[] = {
      { _("Objective"), gap->target },
      { _("Won so far"), gap->won },
      { _("Weighted pipeline expected to close"), gap->weighted_pipeline },
      { _("Forecast"), gap->forecast },
      { _("Gap to the objective"), gap->gap },
      { _("Pipeline to create at the current win rate"), gap->pipeline_needed },
    };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      {
        g_autofree char *value = lines[i].amount != PILOTE_MONEY_NONE
                                   ? format_money_whole (b->currency, lines[i].amount)
                                   : g_strdup ("—");
        const char *cells[] = { lines[i].label, value };

        pilote_layout_add_row (b->layout, cells);
      }
  }
  {
    g_autofree char *rate = format_rate (gap->win_rate);
    const char *cells[] = { _("Win rate over the last twelve months"), rate };

    pilote_layout_add_row (b->layout, cells);
  }
}

static gboolean
add_deals (Builder        *b,
           PiloteDealList  list,
           const char     *title,
           const char     *empty,
           GError        **error)
{
  static const double widths[] = { 0.34, 0.22, 0.16, 0.12, 0.16 };
  const char *headers[] = {
    _("Deal"), _("Client"), _("Owner"),
    list == PILOTE_DEALS_AT_RISK ? _("Expected") : _("Date"), _("Amount"),
  };
  PilotePeriod period = b->month;
  g_autoptr(GPtrArray) deals = NULL;

  if (list == PILOTE_DEALS_AT_RISK)
    pilote_period_next (&b->month, &period);
  deals = pilote_kpi_deals (b->store, list, &period, b->filter, 8, error);
  if (deals == NULL)
    return FALSE;
  pilote_layout_keep_together (b->layout, 90);
  pilote_layout_add_heading (b->layout, title);
  if (deals->len == 0)
    {
      pilote_layout_add_text (b->layout, empty, TRUE);
      return TRUE;
    }
  pilote_layout_begin_table (b->layout, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < deals->len; i++)
    {
      const PiloteDealSummary *deal = g_ptr_array_index (deals, i);
      g_autofree char *amount = format_money_whole (b->currency, deal->amount);
      const char *cells[] = { deal->title, deal->client, deal->owner, deal->date, amount };

      pilote_layout_add_row (b->layout, cells);
    }
  return TRUE;
}

/* The text of the note of @kind written for @period and the summary's
 * scope, or NULL when there is none (and on error, with @error set). */
static char *
find_note (Builder       *b,
           const char    *kind,
           PilotePeriod  *period,
           GError       **error)
{
  static const char *const period_kinds[] = { "week", "month", "quarter", "year" };
  char start[PILOTE_ISO_DATE_LEN];
  PiloteFilter filters[4];
  PiloteQuery query = { 0 };
  g_autoptr(GPtrArray) notes = NULL;

  g_assert (period->kind <= PILOTE_PERIOD_YEAR);
  pilote_period_from_iso (period, start);
  filters[0] = (PiloteFilter) { "kind", PILOTE_OP_EQ, kind, 0 };
  filters[1] = (PiloteFilter) { "period_kind", PILOTE_OP_EQ, period_kinds[period->kind], 0 };
  filters[2] = (PiloteFilter) { "period_start", PILOTE_OP_EQ, start, 0 };
  filters[3] = (PiloteFilter) { "scope", PILOTE_OP_EQ,
                                b->scope == PILOTE_SCOPE_COMPANY ? "company"
                                : b->scope == PILOTE_SCOPE_TEAM ? "team" : "member", 0 };
  query.filters = filters;
  query.n_filters = G_N_ELEMENTS (filters);
  notes = pilote_store_list (b->store, PILOTE_ENTITY_PERIOD_NOTE, &query, error);
  if (notes == NULL)
    return NULL;
  for (guint i = 0; i < notes->len; i++)
    {
      const PilotePeriodNote *note = g_ptr_array_index (notes, i);

      if ((b->scope == PILOTE_SCOPE_COMPANY || note->scope_id == b->scope_id) &&
          note->text != NULL && *note->text != '\0')
        return g_strdup (note->text);
    }
  return NULL;
}

/* The strategy written for the month, else for its quarter, else for its
 * year: the plan the month's figures are read against. */
static gboolean
add_strategy (Builder  *b,
              GError  **error)
{
  static const PilotePeriodKind kinds[] = {
    PILOTE_PERIOD_MONTH, PILOTE_PERIOD_QUARTER, PILOTE_PERIOD_YEAR
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *heading = NULL;
      g_autofree char *described = NULL;
      PilotePeriod period;

      pilote_period_init_containing (&period, kinds[i], &b->month.from,
                                     b->month.fiscal_start);
      text = find_note (b, "strategy", &period, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (text == NULL)
        continue;
      described = pilote_period_describe (&period);
      /* Translators: a heading of the summary; %s is a month, quarter or year */
      heading = g_strdup_printf (_("Strategy for %s"), described);
      pilote_layout_keep_together (b->layout, 60);
      pilote_layout_add_heading (b->layout, heading);
      pilote_layout_add_text (b->layout, text, FALSE);
      return TRUE;
    }
  return TRUE;
}

static gboolean
add_comments (Builder  *b,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = find_note (b, "comment", &b->month, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  pilote_layout_keep_together (b->layout, 60);
  pilote_layout_add_heading (b->layout, _("Comments"));
  if (text != NULL)
    pilote_layout_add_text (b->layout, text, FALSE);
  else
    pilote_layout_add_text (b->layout, _("No comment was written for this month."), TRUE);
  return TRUE;
}

static char *
scope_name (PiloteStore *store,
            PiloteScope  scope,
            gint64       scope_id,
            GError     **error)
{
  g_autoptr(PiloteRecord) record = NULL;

  if (scope == PILOTE_SCOPE_COMPANY)
    return g_strdup (_("Whole company"));
  record = pilote_store_get (store, scope == PILOTE_SCOPE_TEAM ? PILOTE_ENTITY_TEAM
                                                               : PILOTE_ENTITY_MEMBER,
                             scope_id, error);
  if (record == NULL)
    return NULL;
  return g_strdup (scope == PILOTE_SCOPE_TEAM ? ((PiloteTeam *) record)->name
                                              : ((PiloteMember *) record)->name);
}

/**
 * pilote_report_new:
 * @scope_id: the team or member, 0 for the company
 *
 * Computes and lays out the summary of a month.
 *
 * Returns: (transfer full): the summary, or %NULL
 */
PiloteReport *
pilote_report_new (PiloteStore  *store,
                   GDateYear     year,
                   GDateMonth    month,
                   PiloteScope   scope,
                   gint64        scope_id,
                   PilotePaper   paper,
                   GError      **error)
{
  g_autoptr(PiloteReport) report = report_alloc ();
  g_autoptr(PiloteChartStyle) style = pilote_chart_style_print ();
  g_autoptr(PiloteKpiReport) figures = NULL;
  g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
  g_autoptr(GPtrArray) objectives = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *company = pilote_store_get_setting (store, "company_name");
  g_autofree char *who = NULL;
  g_autofree char *month_name = NULL;
  g_autofree char *scope_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *today_text = g_date_time_format (now, "%x");
  Builder b = { 0 };

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (g_date_valid_dmy (1, month, year), NULL);

  report->paper = paper;
  report->width = paper == PILOTE_PAPER_LETTER ? 612 : 210 * MM;
  report->height = paper == PILOTE_PAPER_LETTER ? 792 : 297 * MM;

  scope_text = scope_name (store, scope, scope_id, error);
  if (scope_text == NULL)
    return NULL;
  if (scope == PILOTE_SCOPE_TEAM)
    pilote_kpi_filter_add (filter, PILOTE_DIMENSION_TEAM, scope_text);
  else if (scope == PILOTE_SCOPE_MEMBER)
    pilote_kpi_filter_add (filter, PILOTE_DIMENSION_MEMBER, scope_text);

  b.store = store;
  b.currency = pilote_store_get_currency (store);
  b.filter = filter;
  b.scope = scope;
  b.scope_id = scope_id;
  pilote_period_init_month (&b.month, year, month);
  b.month.fiscal_start = pilote_store_get_fiscal_start (store);

  /* the headline figures and their comparisons: the summary's figures
   * (clients over two years, prospects, median cycle) are not shown, and
   * the open pipeline comes with the gap to next month's objective, which
   * reads the open deals anyway */
  figures = pilote_kpi_compute (store, &b.month, filter, PILOTE_DIMENSION_NONE,
                                PILOTE_KPI_COMPARE | PILOTE_KPI_NO_SUMMARY |
                                PILOTE_KPI_NO_CLIENT_COUNTS | PILOTE_KPI_NO_PIPELINE, error);
  if (figures == NULL)
    return NULL;
  pilote_period_next (&b.month, &b.next);
  if (!pilote_kpi_gap_and_pipeline (store, &b.next, scope, scope_id, &b.gap, &figures->totals,
                                    error))
    return NULL;
  /* the objectives of the summary's own scope, only their figures computed */
  objectives = pilote_kpi_scope_objectives (store, &b.month, scope, scope_id, NULL, error);
  if (objectives == NULL)
    return NULL;
  b.objectives = objectives;

  /* pages are drawn after the store that computed them may be gone */
  report->currency = g_strdup (b.currency);
  pilote_chart_style_set_formatter (style, chart_format, report->currency);
  report->layout = pilote_layout_new (report->width, report->height, 15 * MM, style);
  b.layout = report->layout;

  month_name = pilote_period_describe (&b.month);
  if (pilote_store_get_member_id (store) > 0)
    {
      g_autoptr(PiloteMember) member = pilote_store_get_member (store,
                                                                pilote_store_get_member_id (store),
                                                                NULL);
      who = g_strdup (member != NULL ? member->name : g_get_real_name ());
    }
  else
    who = g_strdup (g_get_real_name ());
  /* Translators: the summary's subtitle: month, then team, rep or "Whole company" */
  subtitle = g_strdup_printf (_("Monthly performance summary · %s · %s"), month_name, scope_text);
  /* Translators: when and by whom the summary was printed */
  printed = g_strdup_printf (_("Printed on %s by %s"), today_text, who);

  pilote_layout_set_header (report->layout,
                            company != NULL && *company != '\0' ? company : _("Pilote"),
                            subtitle);
  pilote_layout_add_title (report->layout,
                           company != NULL && *company != '\0' ? company
                                                               : _("Monthly performance summary"),
                           subtitle);
  pilote_layout_add_text (report->layout, printed, TRUE);
  add_headlines (&b, figures);
  if (!add_revenue_chart (&b, error))
    goto fail;
  if (scope != PILOTE_SCOPE_MEMBER &&
      !add_breakdown (&b, PILOTE_DIMENSION_MEMBER, _("By sales rep"), TRUE))
    goto fail;
  if (!add_breakdown (&b, PILOTE_DIMENSION_SEGMENT, _("By segment"), FALSE) ||
      !add_breakdown (&b, PILOTE_DIMENSION_CATEGORY, _("By product category"), TRUE))
    goto fail;
  if (!add_funnel (&b, error))
    goto fail;
  if (!add_strategy (&b, error))
    goto fail;
  add_objectives (&b);
  add_forecast (&b);
  if (!add_deals (&b, PILOTE_DEALS_TOP_WON, _("Top deals won"),
                  _("No deal was won this month."), error) ||
      !add_deals (&b, PILOTE_DEALS_TOP_LOST, _("Biggest deals lost"),
                  _("No deal was lost this month."), error) ||
      !add_deals (&b, PILOTE_DEALS_AT_RISK, _("Deals at risk"),
                  _("No deal expected by the end of next month has stalled."), error) ||
      !add_comments (&b, error))
    goto fail;

  report->n_pages = pilote_layout_paginate (report->layout);
  return g_steal_pointer (&report);

fail:
  if (error != NULL && *error == NULL)
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_FAILED,
                 _("The summary could not be computed."));
  return NULL;
}

/**
 * pilote_report_ref:
 *
 * A summary, once laid out, never changes: a print job can keep its pages
 * while the screen moves on. Drop the reference with pilote_report_free().
 */
PiloteReport *
pilote_report_ref (PiloteReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

/* Drops a reference; the last one frees the summary */
void
pilote_report_free (PiloteReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&report->ref_count))
    return;
  g_free (report->currency);
  g_clear_pointer (&report->layout, pilote_layout_free);
  g_free (report);
}

double
pilote_report_get_page_width (PiloteReport *report)
{
  return report->width;
}

double
pilote_report_get_page_height (PiloteReport *report)
{
  return report->height;
}

guint
pilote_report_get_n_pages (PiloteReport *report)
{
  return report->n_pages;
}

/**
 * pilote_report_draw_page:
 * @cr: a context whose unit is the point, the page's top left at the origin
 */
void
pilote_report_draw_page (PiloteReport *report,
                         cairo_t      *cr,
                         guint         page)
{
  g_return_if_fail (report != NULL && page < report->n_pages);

  pilote_layout_draw_page (report->layout, cr, page);
}

gboolean
pilote_report_write_pdf (PiloteReport  *report,
                         const char    *path,
                         GError       **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, report->width, report->height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pilote");
  for (guint i = 0; i < report->n_pages; i++)
    {
      pilote_report_draw_page (report, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_IO,
                   _("The summary could not be written to “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
