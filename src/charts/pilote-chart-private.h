/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "pilote-chart-scale.h"
#include "pilote-chart-style.h"

G_BEGIN_DECLS

/* The fonts a chart writes with, all derived from the style's font. */
typedef enum {
  PILOTE_CHART_FONT_NORMAL,
  PILOTE_CHART_FONT_SMALL,
  PILOTE_CHART_FONT_BOLD,
  PILOTE_CHART_N_FONTS
} PiloteChartFont;

/**
 * PiloteChartText:
 *
 * The Pango context of one drawing or hit-test, with one reusable layout
 * per font and the measures the layouts derive from the font.
 * Hit-testing builds it without a cairo context and measures the same,
 * since hint metrics and glyph rounding are off.
 */
typedef struct {
  const PiloteChartStyle *style;
  PangoContext           *context;
  PangoFontDescription   *fonts[PILOTE_CHART_N_FONTS];
  PangoLayout            *layouts[PILOTE_CHART_N_FONTS];
  double                  line_height;   /* of the normal font */
  double                  small_height;  /* of the small font */
  double                  pad;           /* around the chart */
  double                  gap;           /* between a label and what it labels */
} PiloteChartText;

void         pilote_chart_text_init        (PiloteChartText        *text,
                                            const PiloteChartStyle *style,
                                            cairo_t                *cr);
void         pilote_chart_text_clear       (PiloteChartText        *text);
PangoLayout *pilote_chart_text_layout      (PiloteChartText        *text,
                                            PiloteChartFont         font,
                                            const char             *str,
                                            double                  max_width);
PangoLayout *pilote_chart_text_new_layout  (PiloteChartText        *text,
                                            PiloteChartFont         font,
                                            const char             *str,
                                            double                  max_width);
PangoLayout *pilote_chart_text_new_sized_layout (PiloteChartText      *text,
                                            PiloteChartFont         font,
                                            const char             *str,
                                            double                  size);
double       pilote_chart_text_width       (PiloteChartText        *text,
                                            PiloteChartFont         font,
                                            const char             *str);
void         pilote_chart_layout_get_size  (PangoLayout            *layout,
                                            double                 *width,
                                            double                 *height);
void         pilote_chart_draw_layout      (cairo_t                *cr,
                                            PangoLayout            *layout,
                                            double                  x,
                                            double                  y,
                                            double                  xalign,
                                            double                  yalign,
                                            const PiloteChartColor *color);
void         pilote_chart_draw_text        (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            PiloteChartFont         font,
                                            const char             *str,
                                            double                  x,
                                            double                  y,
                                            double                  xalign,
                                            double                  yalign,
                                            double                  max_width,
                                            const PiloteChartColor *color);
void         pilote_chart_draw_empty       (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            double                  width,
                                            double                  height);

/* Painting */

gboolean     pilote_chart_begin            (cairo_t                *cr,
                                            const PiloteChartStyle *style,
                                            double                  width,
                                            double                  height);
void         pilote_chart_end              (cairo_t                *cr);
void         pilote_chart_set_color        (cairo_t                *cr,
                                            const PiloteChartColor *color,
                                            double                  alpha);
PiloteChartColor pilote_chart_color_mix    (const PiloteChartColor *a,
                                            const PiloteChartColor *b,
                                            double                  amount);
const PiloteChartColor *
             pilote_chart_color_on         (const PiloteChartColor *fill);
void         pilote_chart_stroke_hline     (cairo_t                *cr,
                                            double                  x0,
                                            double                  x1,
                                            double                  y,
                                            double                  line_width);
void         pilote_chart_stroke_vline     (cairo_t                *cr,
                                            double                  x,
                                            double                  y0,
                                            double                  y1,
                                            double                  line_width);
void         pilote_chart_fill_rect        (cairo_t                *cr,
                                            double                  x,
                                            double                  y,
                                            double                  width,
                                            double                  height);
gboolean     pilote_chart_rect_contains    (const cairo_rectangle_t *rect,
                                            double                  x,
                                            double                  y);
char        *pilote_chart_format           (PiloteChartText        *text,
                                            double                  value,
                                            PiloteChartValueKind    kind,
                                            gboolean                short_form);

/* Value axes */

/* A value axis: round ticks, their labels, and the values at the ends of
 * the axis, which may reach beyond the first and last ticks to leave room
 * for value labels.
 */
typedef struct {
  PiloteChartScale      scale;
  double                from;
  double                to;
  PiloteChartValueKind  kind;
  char                **labels;       /* one per tick */
  double                label_width;  /* of the widest label */
  guint                 label_every;  /* labels only every n-th tick */
} PiloteChartAxis;

void         pilote_chart_axis_init        (PiloteChartAxis        *axis,
                                            PiloteChartText        *text,
                                            PiloteChartValueKind    kind,
                                            double                  lo,
                                            double                  hi,
                                            PiloteChartScaleFlags   flags,
                                            double                  length,
                                            double                  max_label_width,
                                            gboolean                horizontal);
void         pilote_chart_axis_stretch     (PiloteChartAxis        *axis,
                                            PiloteChartText        *text,
                                            double                  from,
                                            double                  to,
                                            double                  length,
                                            gboolean                horizontal);
void         pilote_chart_axis_clear       (PiloteChartAxis        *axis);
double       pilote_chart_axis_position    (const PiloteChartAxis  *axis,
                                            double                  value,
                                            double                  start,
                                            double                  end);
void         pilote_chart_axis_draw_left   (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            const PiloteChartAxis  *axis,
                                            const cairo_rectangle_t *plot);
void         pilote_chart_axis_draw_bottom (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            const PiloteChartAxis  *axis,
                                            const cairo_rectangle_t *plot);
void         pilote_chart_axis_draw_zero   (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            const PiloteChartAxis  *axis,
                                            const cairo_rectangle_t *plot,
                                            gboolean                horizontal);

/* Legends, laid out in rows */

typedef enum {
  PILOTE_CHART_SWATCH_BOX,
  PILOTE_CHART_SWATCH_LINE,
  PILOTE_CHART_SWATCH_DASH,
} PiloteChartSwatch;

typedef struct {
  const char        *label;
  PiloteChartColor   color;
  PiloteChartSwatch  swatch;
  int                item;
  cairo_rectangle_t  area;
  double             label_width;
} PiloteChartLegendEntry;

typedef struct {
  GArray *entries;
  double  height;
} PiloteChartLegend;

void         pilote_chart_legend_init      (PiloteChartLegend      *legend);
void         pilote_chart_legend_clear     (PiloteChartLegend      *legend);
void         pilote_chart_legend_add       (PiloteChartLegend      *legend,
                                            const char             *label,
                                            const PiloteChartColor *color,
                                            PiloteChartSwatch       swatch,
                                            int                     item);
void         pilote_chart_legend_layout    (PiloteChartLegend      *legend,
                                            PiloteChartText        *text,
                                            double                  x,
                                            double                  y,
                                            double                  max_width,
                                            double                  max_height);
void         pilote_chart_legend_draw      (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            const PiloteChartLegend *legend);
int          pilote_chart_legend_hit       (const PiloteChartLegend *legend,
                                            double                  x,
                                            double                  y);
void         pilote_chart_draw_swatch      (cairo_t                *cr,
                                            PiloteChartText        *text,
                                            const PiloteChartColor *color,
                                            PiloteChartSwatch       swatch,
                                            double                  x,
                                            double                  y);
double       pilote_chart_swatch_size      (PiloteChartText        *text);

G_END_DECLS
