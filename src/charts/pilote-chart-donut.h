/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

/**
 * PiloteChartDonut:
 * @kind: what the values mean
 * @labels: @n_items labels
 * @values: @n_items values; only positive values take a slice
 * @n_items: the number of items
 * @max_slices: the most slices drawn, 0 for 6: beyond, the smallest items
 *   are grouped into one "Other" slice
 * @total_label: (nullable): a caption under the total in the middle
 *
 * A donut of shares (lost reasons, revenue mix): slices from the largest,
 * clockwise from the top, each item keeping the palette colour of its
 * index; a legend with the percentages beside the ring, or under it when
 * the chart is tall.
 */
typedef struct {
  PiloteChartValueKind   kind;
  const char * const    *labels;
  const double          *values;
  guint                  n_items;
  guint                  max_slices;
  const char            *total_label;
} PiloteChartDonut;

void     pilote_chart_donut_draw (cairo_t                 *cr,
                                  const PiloteChartStyle  *style,
                                  const PiloteChartDonut  *chart,
                                  double                   width,
                                  double                   height);
gboolean pilote_chart_donut_hit  (const PiloteChartStyle  *style,
                                  const PiloteChartDonut  *chart,
                                  double                   width,
                                  double                   height,
                                  double                   x,
                                  double                   y,
                                  PiloteChartHit          *hit);

G_END_DECLS
