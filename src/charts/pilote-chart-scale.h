/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PILOTE_CHART_SCALE_DEFAULT = 0,
  /* the axis starts or ends at zero (bars, areas) */
  PILOTE_CHART_SCALE_INCLUDE_ZERO = 1 << 0,
  /* ticks are whole numbers (counts, days) */
  PILOTE_CHART_SCALE_INTEGER = 1 << 1,
} PiloteChartScaleFlags;

/**
 * PiloteChartScale:
 * @min: the start of the axis, a multiple of @step
 * @max: the end of the axis, a multiple of @step, greater than @min
 * @step: the distance between ticks: 1, 2 or 5 times a power of ten
 * @n_ticks: the number of ticks from @min to @max included
 *
 * A value axis with round ticks.
 */
typedef struct {
  double min;
  double max;
  double step;
  guint  n_ticks;
} PiloteChartScale;

void   pilote_chart_scale_init      (PiloteChartScale       *scale,
                                     double                  lo,
                                     double                  hi,
                                     guint                   max_ticks,
                                     PiloteChartScaleFlags   flags);
double pilote_chart_scale_get_tick  (const PiloteChartScale *scale,
                                     guint                   index);
double pilote_chart_scale_fraction  (const PiloteChartScale *scale,
                                     double                  value);

G_END_DECLS
