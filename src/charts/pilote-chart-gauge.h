/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

/**
 * PiloteChartGauge:
 * @kind: what @value, @target and @expected mean
 * @value: the figure reached
 * @target: the objective; without a positive target the gauge shows the
 *   value alone
 * @expected: the value expected by now (the target × the elapsed share of
 *   the period), marked across the ring; NAN for no marker
 * @status: the pacing, which colours the ring
 * @label: (nullable): a caption under the ring ("Revenue")
 *
 * A progress ring for the attainment of an objective: the share reached
 * fills a three-quarter ring, the attainment in the middle with the value
 * and the target under it.
 */
typedef struct {
  PiloteChartValueKind  kind;
  double                value;
  double                target;
  double                expected;
  PiloteChartStatus     status;
  const char           *label;
} PiloteChartGauge;

void     pilote_chart_gauge_draw (cairo_t                 *cr,
                                  const PiloteChartStyle  *style,
                                  const PiloteChartGauge  *chart,
                                  double                   width,
                                  double                   height);
gboolean pilote_chart_gauge_hit  (const PiloteChartStyle  *style,
                                  const PiloteChartGauge  *chart,
                                  double                   width,
                                  double                   height,
                                  double                   x,
                                  double                   y,
                                  PiloteChartHit          *hit);

G_END_DECLS
