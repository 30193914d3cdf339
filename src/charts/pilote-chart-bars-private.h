/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-chart-bars.h"
#include "pilote-chart-private.h"

G_BEGIN_DECLS

/**
 * PiloteChartBarsLayout:
 *
 * The geometry of a bar chart, computed once for its drawing or its
 * hit-test: the plot, the value axis, the bands of the categories along
 * the other axis and the bars in them, the category labels laid out.
 */
typedef struct {
  gboolean           empty;
  gboolean           horizontal;
  gboolean           stacked;
  gboolean           value_labels;
  gboolean           value_short;
  guint              n_categories;
  cairo_rectangle_t  area;
  cairo_rectangle_t  plot;
  PiloteChartAxis    axis;
  double             band;       /* the length of a category along its axis */
  double             thickness;  /* of a bar, space between grouped bars included */
  double             offset;     /* from a band's start to its first bar */
  PangoLayout      **labels;     /* per category, %NULL for no label */
  double             label_angle;
  PiloteChartLegend  legend;
} PiloteChartBarsLayout;

/* Between a bar's end and its value label */
#define PILOTE_CHART_BARS_VALUE_SPACE(text) (round ((text)->gap / 2.0) + 1.0)

double       pilote_chart_bars_get_value          (const PiloteChartBars       *chart,
                                                   guint                        s,
                                                   guint                        c);
const char  *pilote_chart_bars_get_category       (const PiloteChartBars       *chart,
                                                   guint                        c);
const PiloteChartColor *
             pilote_chart_bars_get_color          (const PiloteChartStyle      *style,
                                                   const PiloteChartBars       *chart,
                                                   guint                        s,
                                                   double                       value);
gboolean     pilote_chart_bars_get_stack          (const PiloteChartBars       *chart,
                                                   guint                        c,
                                                   double                      *positive,
                                                   double                      *negative);
double       pilote_chart_bars_get_band_start     (const PiloteChartBarsLayout *layout,
                                                   guint                        c);
void         pilote_chart_bars_set_rect           (const PiloteChartBarsLayout *layout,
                                                   double                       start,
                                                   double                       thickness,
                                                   double                       from,
                                                   double                       to,
                                                   cairo_rectangle_t           *rect);
gboolean     pilote_chart_bars_get_rect           (const PiloteChartBarsLayout *layout,
                                                   const PiloteChartBars       *chart,
                                                   guint                        s,
                                                   guint                        c,
                                                   cairo_rectangle_t           *rect);

/* Labels: pilote-chart-bars-labels.c */

void         pilote_chart_bars_clear_labels       (PiloteChartBarsLayout       *layout);
double       pilote_chart_bars_fit_column_labels  (PiloteChartBarsLayout       *layout,
                                                   PiloteChartText             *text,
                                                   const PiloteChartBars       *chart,
                                                   double                       max_area);
void         pilote_chart_bars_fit_row_labels     (PiloteChartBarsLayout       *layout,
                                                   PiloteChartText             *text,
                                                   const PiloteChartBars       *chart,
                                                   double                       max_width);
double       pilote_chart_bars_value_label_width  (PiloteChartText             *text,
                                                   const PiloteChartBars       *chart,
                                                   gboolean                     stacked,
                                                   gboolean                     short_form);
void         pilote_chart_bars_draw_category_labels (cairo_t                   *cr,
                                                   PiloteChartText             *text,
                                                   const PiloteChartBarsLayout *layout,
                                                   const PiloteChartBars       *chart);
void         pilote_chart_bars_draw_value_labels  (cairo_t                     *cr,
                                                   PiloteChartText             *text,
                                                   const PiloteChartBarsLayout *layout,
                                                   const PiloteChartBars       *chart);

G_END_DECLS
