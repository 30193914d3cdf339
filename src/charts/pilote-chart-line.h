/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

/**
 * PiloteChartLine:
 * @kind: what the values mean
 * @periods: @n_periods labels ("Jan", "Feb"…), one per point
 * @series: @n_series series of @n_periods values each; NAN leaves a gap
 *   (months to come, say)
 * @target: (nullable): @n_periods target values, drawn dashed
 * @target_name: the legend of the target, %NULL for "Target"
 * @previous: (nullable): @n_periods values of the first series a year
 *   before, drawn lighter
 * @previous_name: the legend of @previous, %NULL for "Previous year"
 * @area: whether to fill the area under the first series
 * @include_zero: whether the value axis reaches zero (always with @area)
 *
 * A line chart over periods: months on the horizontal axis, one line per
 * series, with points where they are far enough apart and the last value
 * of each series marked.
 */
typedef struct {
  PiloteChartValueKind      kind;
  const char * const       *periods;
  guint                     n_periods;
  const PiloteChartSeries  *series;
  guint                     n_series;
  const double             *target;
  const char               *target_name;
  const double             *previous;
  const char               *previous_name;
  gboolean                  area;
  gboolean                  include_zero;
} PiloteChartLine;

void     pilote_chart_line_draw (cairo_t                *cr,
                                 const PiloteChartStyle *style,
                                 const PiloteChartLine  *chart,
                                 double                  width,
                                 double                  height);
gboolean pilote_chart_line_hit  (const PiloteChartStyle *style,
                                 const PiloteChartLine  *chart,
                                 double                  width,
                                 double                  height,
                                 double                  x,
                                 double                  y,
                                 PiloteChartHit         *hit);

G_END_DECLS
