/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-chart-line.h"
#include "pilote-chart-private.h"

typedef struct {
  gboolean           empty;
  cairo_rectangle_t  area;
  cairo_rectangle_t  plot;
  PiloteChartAxis    axis;
  double             band;
  guint              label_every;
  gboolean           points;
  PiloteChartLegend  legend;
} LineLayout;

/* Draws a polyline through the finite values, lifting the pen at NAN;
 * points closer than a pixel collapse to their column's extent.
 */
typedef struct {
  cairo_t  *cr;
  double    baseline;
  gboolean  down;
  gboolean  pending;
  double    start_x;
  double    column;
  double    x, lo, hi, last;
} Tracer;

static void
flush_column (Tracer *tracer)
{
  if (!tracer->pending)
    return;

  cairo_line_to (tracer->cr, tracer->x, tracer->lo);
  cairo_line_to (tracer->cr, tracer->x, tracer->hi);
  cairo_line_to (tracer->cr, tracer->x, tracer->last);
  tracer->pending = FALSE;
}

static void
lift_pen (Tracer *tracer)
{
  if (!tracer->down)
    return;

  flush_column (tracer);
  if (isfinite (tracer->baseline))
    {
      double x, y;

      cairo_get_current_point (tracer->cr, &x, &y);
      cairo_line_to (tracer->cr, x, tracer->baseline);
      cairo_line_to (tracer->cr, tracer->start_x, tracer->baseline);
      cairo_close_path (tracer->cr);
    }
  tracer->down = FALSE;
}

static void
add_point (Tracer *tracer,
           double  x,
           double  y)
{
  double column = floor (x);

  if (!tracer->down)
    {
      cairo_move_to (tracer->cr, x, y);
      tracer->down = TRUE;
      tracer->start_x = x;
      tracer->column = column;
      return;
    }

  if (column == tracer->column)
    {
      if (!tracer->pending)
        {
          tracer->pending = TRUE;
          tracer->x = x;
          tracer->lo = y;
          tracer->hi = y;
        }
      tracer->lo = MIN (tracer->lo, y);
      tracer->hi = MAX (tracer->hi, y);
      tracer->last = y;
      return;
    }

  flush_column (tracer);
  cairo_line_to (tracer->cr, x, y);
  tracer->column = column;
}

static double
get_x (const LineLayout *layout,
       guint             i)
{
  return layout->plot.x + (i + 0.5) * layout->band;
}

static double
get_y (const LineLayout *layout,
       double            value)
{
  return pilote_chart_axis_position (&layout->axis, value, layout->plot.y + layout->plot.height,
                                     layout->plot.y);
}

static void
trace_values (cairo_t          *cr,
              const LineLayout *layout,
              const double     *values,
              guint             n,
              double            baseline)
{
  Tracer tracer = { cr, baseline, FALSE, FALSE, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 };

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        lift_pen (&tracer);
      else
        add_point (&tracer, get_x (layout, i), get_y (layout, values[i]));
    }
  lift_pen (&tracer);
}

static const PiloteChartColor *
get_series_color (const PiloteChartStyle *style,
                  const PiloteChartLine  *chart,
                  guint                   s)
{
  if (chart->series[s].color != NULL)
    return chart->series[s].color;

  return pilote_chart_style_get_color (style, s);
}

static PiloteChartColor
get_previous_color (const PiloteChartStyle *style,
                    const PiloteChartLine  *chart)
{
  const PiloteChartColor *first = chart->n_series > 0 ? get_series_color (style, chart, 0)
                                                      : pilote_chart_style_get_color (style, 0);

  return pilote_chart_color_mix (first, &style->background, 0.5);
}

static void
extend_range (const double *values,
              guint         n,
              double       *lo,
              double       *hi,
              gboolean     *any)
{
  if (values == NULL)
    return;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        *lo = *any ? MIN (*lo, values[i]) : values[i];
        *hi = *any ? MAX (*hi, values[i]) : values[i];
        *any = TRUE;
      }
}

static const char *
get_period (const PiloteChartLine *chart,
            guint                  i)
{
  return chart->periods != NULL && chart->periods[i] != NULL ? chart->periods[i] : "";
}

static void
add_legend (LineLayout            *layout,
            PiloteChartText       *text,
            const PiloteChartLine *chart)
{
  const PiloteChartStyle *style = text->style;
  PiloteChartColor previous = get_previous_color (style, chart);

  if (chart->n_series <= 1 && chart->target == NULL && chart->previous == NULL)
    return;

  for (guint s = 0; s < chart->n_series; s++)
    pilote_chart_legend_add (&layout->legend, chart->series[s].name,
                             get_series_color (style, chart, s), PILOTE_CHART_SWATCH_LINE,
                             (int) s);
  if (chart->previous != NULL)
    pilote_chart_legend_add (&layout->legend,
                             chart->previous_name != NULL ? chart->previous_name
                                                          : _("Previous year"),
                             &previous, PILOTE_CHART_SWATCH_LINE, -1);
  if (chart->target != NULL)
    pilote_chart_legend_add (&layout->legend,
                             chart->target_name != NULL ? chart->target_name : _("Target"),
                             &style->target, PILOTE_CHART_SWATCH_DASH, -1);

  pilote_chart_legend_layout (&layout->legend, text, layout->area.x, layout->area.y,
                              layout->area.width, layout->area.height * 0.3);
  if (layout->legend.height > 0.0)
    {
      layout->area.y += layout->legend.height + text->gap;
      layout->area.height = MAX (1.0, layout->area.height - layout->legend.height - text->gap);
    }
}

static void
compute_layout (LineLayout            *layout,
                PiloteChartText       *text,
                const PiloteChartLine *chart,
                double                 width,
                double                 height)
{
  PiloteChartScaleFlags flags = PILOTE_CHART_SCALE_DEFAULT;
  double lo = 0.0, hi = 0.0;
  double natural = 0.0;
  double top, bottom;
  gboolean any = FALSE;

  memset (layout, 0, sizeof *layout);
  pilote_chart_legend_init (&layout->legend);

  for (guint s = 0; s < chart->n_series && chart->series != NULL; s++)
    extend_range (chart->series[s].values, chart->n_periods, &lo, &hi, &any);
  extend_range (chart->target, chart->n_periods, &lo, &hi, &any);
  extend_range (chart->previous, chart->n_periods, &lo, &hi, &any);
  if (!any || chart->n_periods == 0)
    {
      layout->empty = TRUE;
      return;
    }

  layout->area.x = text->pad;
  layout->area.y = text->pad;
  layout->area.width = MAX (1.0, width - 2.0 * text->pad);
  layout->area.height = MAX (1.0, height - 2.0 * text->pad);
  add_legend (layout, text, chart);

  top = ceil (text->small_height / 2.0);
  bottom = text->gap + text->small_height;
  if (chart->area || chart->include_zero)
    flags |= PILOTE_CHART_SCALE_INCLUDE_ZERO;

  pilote_chart_axis_init (&layout->axis, text, chart->kind, lo, hi, flags,
                          MAX (1.0, layout->area.height - top - bottom),
                          layout->area.width * 0.25, FALSE);

  layout->plot.x = layout->area.x + ceil (layout->axis.label_width) + text->gap;
  layout->plot.y = layout->area.y + top;
  layout->plot.width = MAX (1.0, layout->area.x + layout->area.width - layout->plot.x);
  layout->plot.height = MAX (1.0, layout->area.height - top - bottom);
  layout->band = layout->plot.width / chart->n_periods;

  for (guint i = 0; i < chart->n_periods; i++)
    natural = MAX (natural, pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                                     get_period (chart, i)));
  layout->label_every = (guint) MAX (1.0, ceil ((natural + text->gap) / layout->band));
  layout->points = layout->band >= 5.0 * text->style->line_width;
}

static void
clear_layout (LineLayout *layout)
{
  pilote_chart_axis_clear (&layout->axis);
  pilote_chart_legend_clear (&layout->legend);
}

static void
draw_period_labels (cairo_t               *cr,
                    PiloteChartText       *text,
                    const LineLayout      *layout,
                    const PiloteChartLine *chart)
{
  double right = layout->area.x + layout->area.width;
  double y = layout->plot.y + layout->plot.height + text->gap;

  for (guint i = 0; i < chart->n_periods; i += layout->label_every)
    {
      const char *period = get_period (chart, i);
      double x = get_x (layout, i);
      double max_width = layout->label_every * layout->band - text->gap;

      /* a label centred on its point stays inside the chart, and one that
       * would shrink to an ellipsis is left out
       */
      max_width = MIN (max_width, 2.0 * MIN (x - layout->area.x, right - x));
      if (pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, period) <= max_width)
        max_width = 0.0;
      else if (max_width < 2.5 * text->small_height)
        continue;
      pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, period, x, y,
                              0.5, 0.0, MAX (max_width, 0.0), &text->style->secondary);
    }
}

static void
draw_point (cairo_t                *cr,
            const PiloteChartStyle *style,
            const PiloteChartColor *color,
            double                  x,
            double                  y,
            double                  radius)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0.0, 2.0 * G_PI);
  pilote_chart_set_color (cr, color, 1.0);
  cairo_fill_preserve (cr);
  pilote_chart_set_color (cr, &style->background, 1.0);
  cairo_set_line_width (cr, MAX (1.0, style->line_width * 0.6));
  cairo_stroke (cr);
}

/* Points where they are far enough apart; else only the isolated values
 * (which no line joins) and the last value, which is always marked.
 */
static void
draw_points (cairo_t                *cr,
             const PiloteChartStyle *style,
             const LineLayout       *layout,
             const double           *values,
             guint                   n,
             const PiloteChartColor *color)
{
  double radius = style->line_width * 1.5 + 0.5;
  int last = -1;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      last = (int) i;

  for (guint i = 0; i < n; i++)
    {
      gboolean isolated;

      if (!isfinite (values[i]))
        continue;
      isolated = (i == 0 || !isfinite (values[i - 1])) && (i + 1 == n || !isfinite (values[i + 1]));
      if (layout->points || isolated || (int) i == last)
        draw_point (cr, style, color, get_x (layout, i), get_y (layout, values[i]),
                    (int) i == last ? radius * 1.25 : radius);
    }
}

static void
draw_lines (cairo_t               *cr,
            PiloteChartText       *text,
            const LineLayout      *layout,
            const PiloteChartLine *chart)
{
  const PiloteChartStyle *style = text->style;
  double dashes[] = { style->line_width * 3.0, style->line_width * 2.0 };

  if (chart->area && chart->n_series > 0 && chart->series[0].values != NULL)
    {
      trace_values (cr, layout, chart->series[0].values, chart->n_periods, get_y (layout, 0.0));
      pilote_chart_set_color (cr, get_series_color (style, chart, 0), 0.18);
      cairo_fill (cr);
    }

  pilote_chart_axis_draw_zero (cr, text, &layout->axis, &layout->plot, FALSE);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (chart->previous != NULL)
    {
      PiloteChartColor previous = get_previous_color (style, chart);

      trace_values (cr, layout, chart->previous, chart->n_periods, NAN);
      pilote_chart_set_color (cr, &previous, 1.0);
      cairo_set_line_width (cr, style->line_width);
      cairo_stroke (cr);
    }

  if (chart->target != NULL)
    {
      trace_values (cr, layout, chart->target, chart->n_periods, NAN);
      pilote_chart_set_color (cr, &style->target, 1.0);
      cairo_set_line_width (cr, MAX (1.0, style->line_width * 0.75));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
    }

  for (guint s = 0; s < chart->n_series; s++)
    {
      const double *values = chart->series[s].values;

      if (values == NULL)
        continue;
      trace_values (cr, layout, values, chart->n_periods, NAN);
      pilote_chart_set_color (cr, get_series_color (style, chart, s), 1.0);
      cairo_set_line_width (cr, style->line_width);
      cairo_stroke (cr);
    }

  for (guint s = 0; s < chart->n_series; s++)
    if (chart->series[s].values != NULL)
      draw_points (cr, style, layout, chart->series[s].values, chart->n_periods,
                   get_series_color (style, chart, s));
}

/**
 * pilote_chart_line_draw:
 * @cr: the cairo context, its origin at the chart's top left corner
 * @width: the width of the chart in user units
 * @height: the height of the chart in user units
 *
 * Draws @chart in the rectangle from (0, 0) to (@width, @height), and
 * nothing outside it.
 */
void
pilote_chart_line_draw (cairo_t                *cr,
                        const PiloteChartStyle *style,
                        const PiloteChartLine  *chart,
                        double                  width,
                        double                  height)
{
  PiloteChartText text;
  LineLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (chart != NULL);

  if (!pilote_chart_begin (cr, style, width, height))
    return;

  pilote_chart_text_init (&text, style, cr);
  compute_layout (&layout, &text, chart, width, height);

  if (layout.empty)
    {
      pilote_chart_draw_empty (cr, &text, width, height);
    }
  else
    {
      pilote_chart_axis_draw_left (cr, &text, &layout.axis, &layout.plot);
      draw_period_labels (cr, &text, &layout, chart);
      cairo_save (cr);
      /* lines may round over the plot's edges, not over the labels */
      cairo_rectangle (cr, layout.plot.x, layout.area.y, layout.plot.width,
                       layout.plot.y + layout.plot.height + text.gap - layout.area.y);
      cairo_clip (cr);
      draw_lines (cr, &text, &layout, chart);
      cairo_restore (cr);
      pilote_chart_legend_draw (cr, &text, &layout.legend);
    }

  clear_layout (&layout);
  pilote_chart_text_clear (&text);
  pilote_chart_end (cr);
}

/**
 * pilote_chart_line_hit:
 * @x: the abscissa of the point, in the chart's coordinates
 * @y: the ordinate of the point
 * @hit: (out): what lies under the point
 *
 * Finds the period whose column holds the point, and the series whose
 * value in that period is nearest to it (-1 when no series has a value
 * there), from the geometry pilote_chart_line_draw() draws with the same
 * arguments. A point on a series' legend entry gives that series and an
 * item of -1.
 *
 * Returns: whether something lies under the point
 */
gboolean
pilote_chart_line_hit (const PiloteChartStyle *style,
                       const PiloteChartLine  *chart,
                       double                  width,
                       double                  height,
                       double                  x,
                       double                  y,
                       PiloteChartHit         *hit)
{
  PiloteChartText text;
  LineLayout layout;
  PiloteChartHit found = { -1, -1, NAN, { 0.0, 0.0, 0.0, 0.0 } };
  gboolean result = FALSE;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (chart != NULL, FALSE);

  if (!(width >= 1.0 && height >= 1.0))
    return FALSE;

  pilote_chart_text_init (&text, style, NULL);
  compute_layout (&layout, &text, chart, width, height);

  if (!layout.empty)
    {
      int series = pilote_chart_legend_hit (&layout.legend, x, y);

      if (series >= 0)
        {
          found.series = series;
          result = TRUE;
        }
      else if (pilote_chart_rect_contains (&layout.plot, x, y))
        {
          guint i = (guint) MIN (floor ((x - layout.plot.x) / layout.band), chart->n_periods - 1);
          double nearest = G_MAXDOUBLE;

          found.item = (int) i;
          found.area.x = layout.plot.x + i * layout.band;
          found.area.y = layout.plot.y;
          found.area.width = layout.band;
          found.area.height = layout.plot.height;
          for (guint s = 0; s < chart->n_series; s++)
            {
              const double *values = chart->series[s].values;

              if (values != NULL && isfinite (values[i])
                  && fabs (get_y (&layout, values[i]) - y) < nearest)
                {
                  nearest = fabs (get_y (&layout, values[i]) - y);
                  found.series = (int) s;
                  found.value = values[i];
                }
            }
          result = TRUE;
        }
    }

  clear_layout (&layout);
  pilote_chart_text_clear (&text);

  if (hit != NULL)
    *hit = found;

  return result;
}
