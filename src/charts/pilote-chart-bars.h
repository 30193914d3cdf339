/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

typedef enum {
  PILOTE_CHART_BARS_VERTICAL,
  PILOTE_CHART_BARS_HORIZONTAL,
} PiloteChartBarsOrientation;

typedef enum {
  PILOTE_CHART_BARS_GROUPED,
  PILOTE_CHART_BARS_STACKED,
} PiloteChartBarsMode;

/**
 * PiloteChartBars:
 * @orientation: columns (vertical) or horizontal bars
 * @mode: several series side by side, or stacked (positive values
 *   upwards, negative values downwards)
 * @kind: what the values mean
 * @categories: @n_categories labels
 * @series: @n_series series of @n_categories values each
 * @value_labels: whether to write values on the bars where they fit
 *
 * A bar chart: one bar per category and series. A legend names the series
 * when there are several; a single series without a colour of its own
 * draws its negative values in the style's negative colour.
 */
typedef struct {
  PiloteChartBarsOrientation  orientation;
  PiloteChartBarsMode         mode;
  PiloteChartValueKind        kind;
  const char * const         *categories;
  guint                       n_categories;
  const PiloteChartSeries    *series;
  guint                       n_series;
  gboolean                    value_labels;
} PiloteChartBars;

void     pilote_chart_bars_draw (cairo_t                *cr,
                                 const PiloteChartStyle *style,
                                 const PiloteChartBars  *chart,
                                 double                  width,
                                 double                  height);
gboolean pilote_chart_bars_hit  (const PiloteChartStyle *style,
                                 const PiloteChartBars  *chart,
                                 double                  width,
                                 double                  height,
                                 double                  x,
                                 double                  y,
                                 PiloteChartHit         *hit);

G_END_DECLS
