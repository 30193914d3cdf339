/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-charts.h"

G_BEGIN_DECLS

/**
 * PiloteChartViewDrawFunc:
 * @cr: the cairo context, its origin at the widget's top left corner
 * @style: the chart style of the widget (light or dark, the widget's font)
 * @data: the chart data given to pilote_chart_view_set_chart()
 * @width: the width to draw in
 * @height: the height to draw in
 *
 * Draws the chart, usually by calling one of the pilote_chart_*_draw().
 */
typedef void     (*PiloteChartViewDrawFunc)     (cairo_t                *cr,
                                                 const PiloteChartStyle *style,
                                                 gpointer                data,
                                                 double                  width,
                                                 double                  height);

/**
 * PiloteChartViewHitFunc:
 *
 * Finds the item under (@x, @y), from the same geometry as the drawing:
 * usually one of the pilote_chart_*_hit().
 *
 * Returns: whether an item lies under the point
 */
typedef gboolean (*PiloteChartViewHitFunc)      (const PiloteChartStyle *style,
                                                 gpointer                data,
                                                 double                  width,
                                                 double                  height,
                                                 double                  x,
                                                 double                  y,
                                                 PiloteChartHit         *hit);

/**
 * PiloteChartViewDescribeFunc:
 *
 * Says what lies under the pointer, for the tooltip ("Enterprise: 1 234 567 €").
 *
 * Returns: (transfer full) (nullable): the text of the tooltip, %NULL for none
 */
typedef char    *(*PiloteChartViewDescribeFunc) (const PiloteChartStyle *style,
                                                 gpointer                data,
                                                 const PiloteChartHit   *hit);

#define PILOTE_TYPE_CHART_VIEW (pilote_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (PiloteChartView, pilote_chart_view, PILOTE, CHART_VIEW, GtkWidget)

GtkWidget *pilote_chart_view_new            (void);
void       pilote_chart_view_set_chart      (PiloteChartView             *self,
                                             PiloteChartViewDrawFunc      draw,
                                             PiloteChartViewHitFunc       hit,
                                             gpointer                     data,
                                             GDestroyNotify               destroy);
void       pilote_chart_view_set_describe   (PiloteChartView             *self,
                                             PiloteChartViewDescribeFunc  describe);
void       pilote_chart_view_set_formatter  (PiloteChartView             *self,
                                             PiloteChartFormatFunc        func,
                                             gpointer                     user_data,
                                             GDestroyNotify               destroy);
gpointer   pilote_chart_view_get_data       (PiloteChartView             *self);
gboolean   pilote_chart_view_get_dark       (PiloteChartView             *self);

G_END_DECLS
