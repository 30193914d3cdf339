/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * PiloteChartColor:
 *
 * A colour with components between 0 and 1 (the layout of a GdkRGBA,
 * in doubles).
 */
typedef struct {
  double red;
  double green;
  double blue;
  double alpha;
} PiloteChartColor;

/* What a value means, for formatting: money is in major units, a percent
 * is a fraction (0.632 is "63.2 %").
 */
typedef enum {
  PILOTE_CHART_VALUE_MONEY,
  PILOTE_CHART_VALUE_PERCENT,
  PILOTE_CHART_VALUE_COUNT,
  PILOTE_CHART_VALUE_DAYS,
} PiloteChartValueKind;

/* The pacing of an objective, decided by the caller. */
typedef enum {
  PILOTE_CHART_STATUS_NONE,
  PILOTE_CHART_STATUS_ON_TRACK,
  PILOTE_CHART_STATUS_AT_RISK,
  PILOTE_CHART_STATUS_BEHIND,
} PiloteChartStatus;

/**
 * PiloteChartSeries:
 * @name: the name shown in the legend, or %NULL
 * @values: one value per category or period; NAN for "no value"
 * @color: (nullable): the colour, %NULL for the style's palette entry of
 *   the series' index
 *
 * One series of a chart; the chart says how many values it holds. Nothing
 * is copied or freed by the charts.
 */
typedef struct {
  const char             *name;
  const double           *values;
  const PiloteChartColor *color;
} PiloteChartSeries;

/* The item of a donut's "Other" slice, which groups the smallest items. */
#define PILOTE_CHART_ITEM_OTHER (-2)

/**
 * PiloteChartHit:
 * @series: the series under the point, -1 when the point is over an item
 *   but no series in particular (a stack's empty band, a whole funnel stage)
 * @item: the category, period, stage or slice under the point;
 *   %PILOTE_CHART_ITEM_OTHER for the donut's grouped slice
 * @value: the value of that item (NAN when it has none)
 * @area: the bounds of the item, for placing a tooltip or popover
 *
 * What lies under a point, as found by the charts' hit-test functions.
 */
typedef struct {
  int               series;
  int               item;
  double            value;
  cairo_rectangle_t area;
} PiloteChartHit;

G_END_DECLS
