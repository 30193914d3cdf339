/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "pilote-chart-types.h"

G_BEGIN_DECLS

#define PILOTE_CHART_PALETTE_SIZE 8

/**
 * PiloteChartFormatFunc:
 * @value: a finite value
 * @kind: what @value means
 * @short_form: %TRUE where space is short ("1.2 M", "63 %")
 * @user_data: the style's @format_data
 *
 * Turns a value into the text a chart shows.
 *
 * Returns: (transfer full): UTF-8 text
 */
typedef char *(*PiloteChartFormatFunc) (double                value,
                                        PiloteChartValueKind  kind,
                                        gboolean              short_form,
                                        gpointer              user_data);

/**
 * PiloteChartStyle:
 * @background: filled behind the chart when @fill_background is set
 * @foreground: text
 * @secondary: secondary text (axis ticks, conversions, captions)
 * @grid: grid lines, tracks, connectors
 * @axis: the zero line and axes
 * @target: target lines and pacing markers
 * @positive: good news (on track)
 * @negative: bad news (behind, negative values of a single series)
 * @warning: at risk
 * @palette: the colours of series and slices, colour-blind safe
 * @font: a Pango font description ("Sans 12px"); sizes are in user units
 *   at 96 dpi, so "12px" is 12 pixels on screen and 12 points on a PDF page
 * @font_options: (nullable): how to render text; hint metrics are always
 *   turned off so that text measures the same on every surface
 * @grid_width: the width of grid lines
 * @axis_width: the width of the zero line and axes
 * @line_width: the width of series lines
 * @fill_background: whether a chart paints its rectangle with @background
 * @format_value: (nullable): formats values, %NULL for
 *   pilote_chart_format_default()
 * @format_data: passed to @format_value
 *
 * How charts look. Make one with pilote_chart_style_light(), _dark() or
 * _print() and change what you need; set the font and font options with
 * the setters, which own their copies.
 */
typedef struct {
  PiloteChartColor       background;
  PiloteChartColor       foreground;
  PiloteChartColor       secondary;
  PiloteChartColor       grid;
  PiloteChartColor       axis;
  PiloteChartColor       target;
  PiloteChartColor       positive;
  PiloteChartColor       negative;
  PiloteChartColor       warning;
  PiloteChartColor       palette[PILOTE_CHART_PALETTE_SIZE];
  char                  *font;
  cairo_font_options_t  *font_options;
  double                 grid_width;
  double                 axis_width;
  double                 line_width;
  gboolean               fill_background;
  PiloteChartFormatFunc  format_value;
  gpointer               format_data;
} PiloteChartStyle;

#define PILOTE_TYPE_CHART_STYLE (pilote_chart_style_get_type ())

GType             pilote_chart_style_get_type         (void) G_GNUC_CONST;
PiloteChartStyle *pilote_chart_style_light            (void);
PiloteChartStyle *pilote_chart_style_dark             (void);
PiloteChartStyle *pilote_chart_style_print            (void);
PiloteChartStyle *pilote_chart_style_copy             (const PiloteChartStyle      *style);
void              pilote_chart_style_free             (PiloteChartStyle            *style);
void              pilote_chart_style_set_font         (PiloteChartStyle            *style,
                                                       const char                  *font);
void              pilote_chart_style_set_font_options (PiloteChartStyle            *style,
                                                       const cairo_font_options_t  *options);
void              pilote_chart_style_set_formatter    (PiloteChartStyle            *style,
                                                       PiloteChartFormatFunc        func,
                                                       gpointer                     user_data);
const PiloteChartColor *
                  pilote_chart_style_get_color        (const PiloteChartStyle      *style,
                                                       guint                        index);
char             *pilote_chart_style_format           (const PiloteChartStyle      *style,
                                                       double                       value,
                                                       PiloteChartValueKind         kind,
                                                       gboolean                     short_form);

char             *pilote_chart_format_default         (double                       value,
                                                       PiloteChartValueKind         kind,
                                                       gboolean                     short_form,
                                                       gpointer                     user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteChartStyle, pilote_chart_style_free)

G_END_DECLS
