/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

/**
 * PiloteChartSparkline:
 * @values: @n_values values, oldest first; NAN leaves a gap
 * @n_values: the number of values
 * @color: (nullable): the colour of the line, %NULL for the palette's first
 * @area: whether to fill under the line
 *
 * A small line for a KPI card: no axes, no labels, the last value marked.
 */
typedef struct {
  const double           *values;
  guint                   n_values;
  const PiloteChartColor *color;
  gboolean                area;
} PiloteChartSparkline;

void     pilote_chart_sparkline_draw (cairo_t                    *cr,
                                      const PiloteChartStyle     *style,
                                      const PiloteChartSparkline *chart,
                                      double                      width,
                                      double                      height);
gboolean pilote_chart_sparkline_hit  (const PiloteChartStyle     *style,
                                      const PiloteChartSparkline *chart,
                                      double                      width,
                                      double                      height,
                                      double                      x,
                                      double                      y,
                                      PiloteChartHit             *hit);

G_END_DECLS
