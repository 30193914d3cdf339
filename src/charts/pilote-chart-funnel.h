/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

/**
 * PiloteChartFunnel:
 * @kind: what the values mean (usually counts of deals)
 * @stages: @n_stages stage names, from the first stage to the last
 * @values: @n_stages values; NAN for a stage without a value
 * @color: (nullable): the colour of the bars, %NULL for the palette's first
 *
 * A funnel: one centred bar per stage, as wide as its value, its name on
 * the left, its value on it, and the conversion from each stage to the
 * next on the right.
 */
typedef struct {
  PiloteChartValueKind     kind;
  const char * const      *stages;
  const double            *values;
  guint                    n_stages;
  const PiloteChartColor  *color;
} PiloteChartFunnel;

void     pilote_chart_funnel_draw (cairo_t                  *cr,
                                   const PiloteChartStyle   *style,
                                   const PiloteChartFunnel  *chart,
                                   double                    width,
                                   double                    height);
gboolean pilote_chart_funnel_hit  (const PiloteChartStyle   *style,
                                   const PiloteChartFunnel  *chart,
                                   double                    width,
                                   double                    height,
                                   double                    x,
                                   double                    y,
                                   PiloteChartHit           *hit);

G_END_DECLS
