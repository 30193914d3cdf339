/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>

#include "test-charts-fixtures.h"

/* The data the charts are drawn from */

static const char * const segments[] = {
  "Enterprise", "Mid-market", "Small business", "Public sector", "Partners",
};
const double revenue[] = { 1250000, 830000, 412500, 655000, 98000 };
const double revenue_before[] = { 1100000, 905000, 380000, 500000, 150000 };
static const double margins[] = { 0.32, 0.18, -0.05, 0.24, -0.12 };
static const double zeros[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
static const double nothing[] = { NAN, NAN, NAN, NAN, NAN };

static const char * const long_labels[] = {
  "Regional public administrations and local authorities",
  "Small and medium businesses in manufacturing",
  "Independent retail",
  "Strategic accounts managed by headquarters",
};
static const double long_values[] = { 420000, 310000, 95000, 760000 };

static const char * const reps[] = {
  "Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules",
  "Karim", "Léa", "Marc", "Nora", "Oscar", "Pauline", "Quentin", "Rose", "Sami", "Théo",
  "Ulysse", "Vera", "William", "Xavier", "Yasmine", "Zoé", "Adrien", "Bérénice",
};
static const double rep_revenue[] = {
  320000, 280000, 410000, 150000, 390000, 220000, 180000, 260000, 330000, 120000,
  90000, 300000, 240000, 200000, 170000, 350000, 110000, 270000, 140000, 230000,
  60000, 310000, 190000, 250000, 160000, 290000, 130000, 210000,
};

static const PiloteChartSeries revenue_series[] = { { "Revenue", revenue, NULL } };
static const PiloteChartSeries compared_series[] = {
  { "This year", revenue, NULL }, { "Last year", revenue_before, NULL },
};
const double new_business[] = { 750000, 430000, 212500, 455000, 98000 };
const double renewals[] = { 500000, 400000, 200000, 200000, 0 };
const double churn[] = { -120000, -60000, -90000, 0, -30000 };
static const PiloteChartSeries stacked_series[] = {
  { "New business", new_business, NULL }, { "Renewals", renewals, NULL },
  { "Churn", churn, NULL },
};
static const PiloteChartSeries margin_series[] = { { "Gross margin", margins, NULL } };
static const PiloteChartSeries zero_series[] = { { "Revenue", zeros, NULL } };
static const PiloteChartSeries nothing_series[] = { { "Revenue", nothing, NULL } };
static const PiloteChartSeries long_series[] = { { "Revenue", long_values, NULL } };
static const PiloteChartSeries rep_series[] = { { "Revenue", rep_revenue, NULL } };

const PiloteChartBars bars_vertical = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = segments, .n_categories = 5,
  .series = revenue_series, .n_series = 1, .value_labels = TRUE,
};
const PiloteChartBars bars_horizontal = {
  .orientation = PILOTE_CHART_BARS_HORIZONTAL, .kind = PILOTE_CHART_VALUE_MONEY,
  .categories = segments, .n_categories = 5, .series = revenue_series, .n_series = 1,
  .value_labels = TRUE,
};
const PiloteChartBars bars_grouped = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = segments, .n_categories = 5,
  .series = compared_series, .n_series = 2, .value_labels = TRUE,
};
const PiloteChartBars bars_stacked = {
  .mode = PILOTE_CHART_BARS_STACKED, .kind = PILOTE_CHART_VALUE_MONEY,
  .categories = segments, .n_categories = 5, .series = stacked_series, .n_series = 3,
  .value_labels = TRUE,
};
const PiloteChartBars bars_negative = {
  .kind = PILOTE_CHART_VALUE_PERCENT, .categories = segments, .n_categories = 5,
  .series = margin_series, .n_series = 1, .value_labels = TRUE,
};
const PiloteChartBars bars_negative_horizontal = {
  .orientation = PILOTE_CHART_BARS_HORIZONTAL, .kind = PILOTE_CHART_VALUE_PERCENT,
  .categories = segments, .n_categories = 5, .series = margin_series, .n_series = 1,
  .value_labels = TRUE,
};
const PiloteChartBars bars_empty = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = segments, .n_categories = 0,
  .series = revenue_series, .n_series = 1,
};
const PiloteChartBars bars_no_values = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = segments, .n_categories = 5,
  .series = nothing_series, .n_series = 1,
};
const PiloteChartBars bars_one = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = segments, .n_categories = 1,
  .series = revenue_series, .n_series = 1, .value_labels = TRUE,
};
const PiloteChartBars bars_zero = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = segments, .n_categories = 5,
  .series = zero_series, .n_series = 1, .value_labels = TRUE,
};
const PiloteChartBars bars_long = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = long_labels, .n_categories = 4,
  .series = long_series, .n_series = 1, .value_labels = TRUE,
};
const PiloteChartBars bars_long_horizontal = {
  .orientation = PILOTE_CHART_BARS_HORIZONTAL, .kind = PILOTE_CHART_VALUE_MONEY,
  .categories = long_labels, .n_categories = 4, .series = long_series, .n_series = 1,
  .value_labels = TRUE,
};
const PiloteChartBars bars_many = {
  .kind = PILOTE_CHART_VALUE_MONEY, .categories = reps, .n_categories = G_N_ELEMENTS (reps),
  .series = rep_series, .n_series = 1, .value_labels = TRUE,
};

static const char * const months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
const double monthly[] = {
  310000, 285000, 342000, 398000, 371000, 415000, 362000, 298000, 446000, NAN, NAN, NAN,
};
static const double monthly_target[] = {
  300000, 300000, 330000, 350000, 350000, 380000, 380000, 320000, 420000, 430000, 450000, 520000,
};
static const double monthly_before[] = {
  262000, 270000, 301000, 322000, 340000, 355000, 318000, 251000, 390000, 402000, 428000, 505000,
};
const double monthly_cost[] = {
  190000, 176000, 215000, 240000, 231000, 262000, 228000, 187000, 281000, NAN, NAN, NAN,
};
static const double monthly_margin[] = {
  0.08, 0.05, -0.02, -0.06, 0.01, 0.04, 0.07, 0.03, -0.01, 0.02, 0.05, 0.06,
};
static const double one_month[] = { 215000 };
static const char * const long_months[] = {
  "January 2024", "February 2024", "March 2024", "April 2024", "May 2024", "June 2024",
  "July 2024", "August 2024", "September 2024", "October 2024", "November 2024",
  "December 2024",
};

static const PiloteChartSeries monthly_series[] = { { "Revenue", monthly, NULL } };
static const PiloteChartSeries two_monthly_series[] = {
  { "Revenue", monthly, NULL }, { "Cost of sales", monthly_cost, NULL },
};
static const PiloteChartSeries margin_monthly_series[] = {
  { "Margin rate", monthly_margin, NULL },
};
static const PiloteChartSeries zero_monthly_series[] = { { "Revenue", zeros, NULL } };
static const PiloteChartSeries one_month_series[] = { { "Revenue", one_month, NULL } };

const PiloteChartLine line_revenue = {
  .kind = PILOTE_CHART_VALUE_MONEY, .periods = months, .n_periods = 12,
  .series = monthly_series, .n_series = 1, .target = monthly_target,
  .previous = monthly_before, .area = TRUE,
};
const PiloteChartLine line_two = {
  .kind = PILOTE_CHART_VALUE_MONEY, .periods = months, .n_periods = 12,
  .series = two_monthly_series, .n_series = 2, .include_zero = TRUE,
};
const PiloteChartLine line_negative = {
  .kind = PILOTE_CHART_VALUE_PERCENT, .periods = months, .n_periods = 12,
  .series = margin_monthly_series, .n_series = 1,
};
const PiloteChartLine line_empty = {
  .kind = PILOTE_CHART_VALUE_MONEY, .periods = months, .n_periods = 0,
  .series = monthly_series, .n_series = 1,
};
const PiloteChartLine line_one = {
  .kind = PILOTE_CHART_VALUE_MONEY, .periods = months, .n_periods = 1,
  .series = one_month_series, .n_series = 1, .area = TRUE,
};
const PiloteChartLine line_zero = {
  .kind = PILOTE_CHART_VALUE_MONEY, .periods = months, .n_periods = 12,
  .series = zero_monthly_series, .n_series = 1, .area = TRUE,
};
const PiloteChartLine line_long = {
  .kind = PILOTE_CHART_VALUE_MONEY, .periods = long_months, .n_periods = 12,
  .series = monthly_series, .n_series = 1, .target = monthly_target,
  .target_name = "Objective for the year, month by month", .include_zero = TRUE,
};

static const char * const stages[] = {
  "Lead", "Qualified", "Proposal", "Negotiation", "Won",
};
const double stage_counts[] = { 1240, 610, 288, 131, 74 };
static const double stage_zero[] = { 0, 0, 0, 0, 0 };
static const char * const long_stages[] = {
  "Inbound leads from marketing campaigns", "Qualified by the inside sales team",
  "Commercial proposal sent", "Won",
};
static const double long_stage_counts[] = { 18500, 4200, 950, 212 };

const PiloteChartFunnel funnel = {
  .kind = PILOTE_CHART_VALUE_COUNT, .stages = stages, .values = stage_counts, .n_stages = 5,
};
const PiloteChartFunnel funnel_empty = {
  .kind = PILOTE_CHART_VALUE_COUNT, .stages = stages, .values = nothing, .n_stages = 5,
};
const PiloteChartFunnel funnel_one = {
  .kind = PILOTE_CHART_VALUE_COUNT, .stages = stages, .values = stage_counts, .n_stages = 1,
};
const PiloteChartFunnel funnel_zero = {
  .kind = PILOTE_CHART_VALUE_COUNT, .stages = stages, .values = stage_zero, .n_stages = 5,
};
const PiloteChartFunnel funnel_long = {
  .kind = PILOTE_CHART_VALUE_COUNT, .stages = long_stages, .values = long_stage_counts,
  .n_stages = 4,
};

const PiloteChartGauge gauge = {
  .kind = PILOTE_CHART_VALUE_MONEY, .value = 1180000, .target = 1500000, .expected = 1250000,
  .status = PILOTE_CHART_STATUS_AT_RISK, .label = "Revenue, Q3",
};
const PiloteChartGauge gauge_over = {
  .kind = PILOTE_CHART_VALUE_COUNT, .value = 52, .target = 40, .expected = 30,
  .status = PILOTE_CHART_STATUS_ON_TRACK, .label = "New clients",
};
const PiloteChartGauge gauge_behind = {
  .kind = PILOTE_CHART_VALUE_MONEY, .value = -15000, .target = 200000, .expected = 120000,
  .status = PILOTE_CHART_STATUS_BEHIND,
  .label = "Gross margin of the new product line in the northern region",
};
const PiloteChartGauge gauge_no_target = {
  .kind = PILOTE_CHART_VALUE_MONEY, .value = 845000, .target = NAN, .expected = NAN,
  .label = "Revenue",
};
const PiloteChartGauge gauge_zero = {
  .kind = PILOTE_CHART_VALUE_MONEY, .value = 0, .target = 500000, .expected = 0,
  .status = PILOTE_CHART_STATUS_NONE, .label = "Revenue",
};
const PiloteChartGauge gauge_empty = {
  .kind = PILOTE_CHART_VALUE_MONEY, .value = NAN, .target = 500000, .expected = NAN,
};

const char * const reasons[] = {
  "Price", "Competitor", "No budget", "Timing", "No decision", "Product fit",
  "Lost contact", "Other vendor relationship", "Legal", "Security review",
};
const double reason_counts[] = { 42, 31, 18, 12, 9, 7, 4, 3, 2, 1 };
static const double one_reason[] = { 0, 0, 17, 0, 0, 0, 0, 0, 0, 0 };
static const char * const long_reasons[] = {
  "Price higher than the competition's offer for the same scope",
  "Chose to keep working with their historical supplier",
  "Budget frozen until next fiscal year",
};
static const double long_reason_counts[] = { 12, 7, 5 };

const PiloteChartDonut donut = {
  .kind = PILOTE_CHART_VALUE_COUNT, .labels = reasons, .values = reason_counts,
  .n_items = G_N_ELEMENTS (reasons), .total_label = "deals lost",
};
const PiloteChartDonut donut_empty = {
  .kind = PILOTE_CHART_VALUE_COUNT, .labels = reasons, .values = zeros,
  .n_items = G_N_ELEMENTS (reasons),
};
const PiloteChartDonut donut_one = {
  .kind = PILOTE_CHART_VALUE_COUNT, .labels = reasons, .values = one_reason,
  .n_items = G_N_ELEMENTS (reasons), .total_label = "deals lost",
};
const PiloteChartDonut donut_long = {
  .kind = PILOTE_CHART_VALUE_MONEY, .labels = long_reasons, .values = long_reason_counts,
  .n_items = 3, .max_slices = 3,
};

const double spark_values[] = {
  12, 15, 14, 18, 17, 21, 19, 24, 23, 27, 26, 31,
};
static const double spark_negative[] = { 0.04, 0.02, -0.03, -0.05, -0.01, 0.03, NAN, 0.06 };

const PiloteChartSparkline sparkline = {
  .values = spark_values, .n_values = G_N_ELEMENTS (spark_values), .area = TRUE,
};
const PiloteChartSparkline sparkline_empty = { .values = nothing, .n_values = 5 };
const PiloteChartSparkline sparkline_one = { .values = spark_values, .n_values = 1 };
const PiloteChartSparkline sparkline_zero = { .values = zeros, .n_values = 12 };
const PiloteChartSparkline sparkline_negative = {
  .values = spark_negative, .n_values = G_N_ELEMENTS (spark_negative),
};

#define DEFINE_DRAW(kind, Type) \
  static void \
  draw_##kind (cairo_t                *cr, \
               const PiloteChartStyle *style, \
               gconstpointer           chart, \
               double                  width, \
               double                  height) \
  { \
    pilote_chart_##kind##_draw (cr, style, (const Type *) chart, width, height); \
  }

DEFINE_DRAW (bars, PiloteChartBars)
DEFINE_DRAW (line, PiloteChartLine)
DEFINE_DRAW (funnel, PiloteChartFunnel)
DEFINE_DRAW (gauge, PiloteChartGauge)
DEFINE_DRAW (donut, PiloteChartDonut)
DEFINE_DRAW (sparkline, PiloteChartSparkline)

/* Drawn in both themes at two sizes */
const Chart main_charts[] = {
  { "bars-vertical", draw_bars, &bars_vertical, FALSE },
  { "bars-horizontal", draw_bars, &bars_horizontal, FALSE },
  { "bars-grouped", draw_bars, &bars_grouped, FALSE },
  { "bars-stacked", draw_bars, &bars_stacked, FALSE },
  { "line", draw_line, &line_revenue, FALSE },
  { "funnel", draw_funnel, &funnel, FALSE },
  { "gauge", draw_gauge, &gauge, FALSE },
  { "donut", draw_donut, &donut, FALSE },
  { "sparkline", draw_sparkline, &sparkline, TRUE },
};

/* Edge cases, drawn once */
const Chart edge_charts[] = {
  { "bars-empty", draw_bars, &bars_empty, FALSE },
  { "bars-no-values", draw_bars, &bars_no_values, FALSE },
  { "bars-one", draw_bars, &bars_one, FALSE },
  { "bars-zero", draw_bars, &bars_zero, FALSE },
  { "bars-negative", draw_bars, &bars_negative, FALSE },
  { "bars-negative-horizontal", draw_bars, &bars_negative_horizontal, FALSE },
  { "bars-long-labels", draw_bars, &bars_long, FALSE },
  { "bars-long-labels-horizontal", draw_bars, &bars_long_horizontal, FALSE },
  { "bars-many", draw_bars, &bars_many, FALSE },
  { "line-two-series", draw_line, &line_two, FALSE },
  { "line-negative", draw_line, &line_negative, FALSE },
  { "line-empty", draw_line, &line_empty, FALSE },
  { "line-one", draw_line, &line_one, FALSE },
  { "line-zero", draw_line, &line_zero, FALSE },
  { "line-long-labels", draw_line, &line_long, FALSE },
  { "funnel-empty", draw_funnel, &funnel_empty, FALSE },
  { "funnel-one", draw_funnel, &funnel_one, FALSE },
  { "funnel-zero", draw_funnel, &funnel_zero, FALSE },
  { "funnel-long-labels", draw_funnel, &funnel_long, FALSE },
  { "gauge-over", draw_gauge, &gauge_over, FALSE },
  { "gauge-behind", draw_gauge, &gauge_behind, FALSE },
  { "gauge-no-target", draw_gauge, &gauge_no_target, FALSE },
  { "gauge-zero", draw_gauge, &gauge_zero, FALSE },
  { "gauge-empty", draw_gauge, &gauge_empty, FALSE },
  { "donut-empty", draw_donut, &donut_empty, FALSE },
  { "donut-one", draw_donut, &donut_one, FALSE },
  { "donut-long-labels", draw_donut, &donut_long, FALSE },
  { "sparkline-empty", draw_sparkline, &sparkline_empty, TRUE },
  { "sparkline-one", draw_sparkline, &sparkline_one, TRUE },
  { "sparkline-zero", draw_sparkline, &sparkline_zero, TRUE },
  { "sparkline-negative", draw_sparkline, &sparkline_negative, TRUE },
};

const guint n_main_charts = G_N_ELEMENTS (main_charts);
const guint n_edge_charts = G_N_ELEMENTS (edge_charts);

const Chart *
find_chart (const char *name)
{
  for (guint i = 0; i < n_main_charts; i++)
    if (g_str_equal (main_charts[i].name, name))
      return &main_charts[i];
  for (guint i = 0; i < n_edge_charts; i++)
    if (g_str_equal (edge_charts[i].name, name))
      return &edge_charts[i];
  g_assert_not_reached ();
}
