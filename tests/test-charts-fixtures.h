/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-charts.h"

G_BEGIN_DECLS

/* The charts test-charts draws, and the data they are drawn from */

typedef void (*DrawFunc) (cairo_t                *cr,
                          const PiloteChartStyle *style,
                          gconstpointer           chart,
                          double                  width,
                          double                  height);

typedef struct {
  const char    *name;
  DrawFunc       draw;
  gconstpointer  chart;
  gboolean       small;  /* a sparkline, for cards */
} Chart;

/* Drawn in both themes at two sizes */
extern const Chart main_charts[];
extern const guint n_main_charts;
/* Edge cases, drawn once */
extern const Chart edge_charts[];
extern const guint n_edge_charts;

const Chart *find_chart (const char *name);

#define N_SEGMENTS 5
#define N_MONTHS 12
#define N_STAGES 5
#define N_REASONS 10
#define N_SPARK_VALUES 12

extern const double revenue[N_SEGMENTS];
extern const double revenue_before[N_SEGMENTS];
extern const double new_business[N_SEGMENTS];
extern const double renewals[N_SEGMENTS];
extern const double churn[N_SEGMENTS];
extern const double monthly[N_MONTHS];
extern const double monthly_cost[N_MONTHS];
extern const double stage_counts[N_STAGES];
extern const char * const reasons[N_REASONS];
extern const double reason_counts[N_REASONS];
extern const double spark_values[N_SPARK_VALUES];

extern const PiloteChartBars bars_vertical;
extern const PiloteChartBars bars_horizontal;
extern const PiloteChartBars bars_grouped;
extern const PiloteChartBars bars_stacked;
extern const PiloteChartBars bars_negative;
extern const PiloteChartBars bars_negative_horizontal;
extern const PiloteChartBars bars_empty;
extern const PiloteChartBars bars_no_values;
extern const PiloteChartBars bars_one;
extern const PiloteChartBars bars_zero;
extern const PiloteChartBars bars_long;
extern const PiloteChartBars bars_long_horizontal;
extern const PiloteChartBars bars_many;

extern const PiloteChartLine line_revenue;
extern const PiloteChartLine line_two;
extern const PiloteChartLine line_negative;
extern const PiloteChartLine line_empty;
extern const PiloteChartLine line_one;
extern const PiloteChartLine line_zero;
extern const PiloteChartLine line_long;

extern const PiloteChartFunnel funnel;
extern const PiloteChartFunnel funnel_empty;
extern const PiloteChartFunnel funnel_one;
extern const PiloteChartFunnel funnel_zero;
extern const PiloteChartFunnel funnel_long;

extern const PiloteChartGauge gauge;
extern const PiloteChartGauge gauge_over;
extern const PiloteChartGauge gauge_behind;
extern const PiloteChartGauge gauge_no_target;
extern const PiloteChartGauge gauge_zero;
extern const PiloteChartGauge gauge_empty;

extern const PiloteChartDonut donut;
extern const PiloteChartDonut donut_empty;
extern const PiloteChartDonut donut_one;
extern const PiloteChartDonut donut_long;

extern const PiloteChartSparkline sparkline;
extern const PiloteChartSparkline sparkline_empty;
extern const PiloteChartSparkline sparkline_one;
extern const PiloteChartSparkline sparkline_zero;
extern const PiloteChartSparkline sparkline_negative;

G_END_DECLS
