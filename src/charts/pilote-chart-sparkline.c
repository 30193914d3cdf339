/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pilote-chart-private.h"
#include "pilote-chart-sparkline.h"

typedef struct {
  gboolean empty;
  double   lo;
  double   hi;
  double   inset;
  double   width;
  double   height;
  int      last;
} SparklineLayout;

static double
get_marker_radius (const PiloteChartStyle *style)
{
  return style->line_width * 1.75 + 0.5;
}

static void
compute_layout (SparklineLayout            *layout,
                const PiloteChartStyle     *style,
                const PiloteChartSparkline *chart,
                double                      width,
                double                      height)
{
  gboolean any = FALSE;

  memset (layout, 0, sizeof *layout);
  layout->last = -1;
  for (guint i = 0; i < chart->n_values && chart->values != NULL; i++)
    {
      double value = chart->values[i];

      if (!isfinite (value))
        continue;
      layout->lo = any ? MIN (layout->lo, value) : value;
      layout->hi = any ? MAX (layout->hi, value) : value;
      layout->last = (int) i;
      any = TRUE;
    }

  layout->empty = !any;
  /* room for the marker and its ring around the last point, and a margin */
  layout->inset = ceil (get_marker_radius (style) + style->line_width) + 2.0;
  layout->width = width;
  layout->height = height;
}

static double
get_x (const SparklineLayout      *layout,
       const PiloteChartSparkline *chart,
       guint                       i)
{
  double span = MAX (0.0, layout->width - 2.0 * layout->inset);

  if (chart->n_values < 2)
    return layout->width / 2.0;

  return layout->inset + span * i / (chart->n_values - 1);
}

/* A flat series runs through the middle. */
static double
get_y (const SparklineLayout *layout,
       double                 value)
{
  double span = MAX (0.0, layout->height - 2.0 * layout->inset);

  if (layout->hi - layout->lo <= fabs (layout->hi) * 1e-12)
    return layout->height / 2.0;

  return layout->inset + span * (layout->hi - value) / (layout->hi - layout->lo);
}

static void
trace (cairo_t                    *cr,
       const SparklineLayout      *layout,
       const PiloteChartSparkline *chart,
       gboolean                    closed)
{
  double bottom = layout->height - layout->inset;
  gboolean down = FALSE;
  double start = 0.0, previous = 0.0;

  cairo_new_path (cr);
  for (guint i = 0; i <= chart->n_values; i++)
    {
      double value = i < chart->n_values ? chart->values[i] : NAN;
      double x;

      if (!isfinite (value))
        {
          if (down && closed)
            {
              cairo_line_to (cr, previous, bottom);
              cairo_line_to (cr, start, bottom);
              cairo_close_path (cr);
            }
          down = FALSE;
          continue;
        }

      x = get_x (layout, chart, i);
      if (!down)
        {
          cairo_move_to (cr, x, get_y (layout, value));
          start = x;
          down = TRUE;
        }
      else
        {
          cairo_line_to (cr, x, get_y (layout, value));
        }
      previous = x;
    }
}

/**
 * pilote_chart_sparkline_draw:
 * @cr: the cairo context, its origin at the chart's top left corner
 * @width: the width of the chart in user units
 * @height: the height of the chart in user units
 *
 * Draws @chart in the rectangle from (0, 0) to (@width, @height), and
 * nothing outside it. A single value is a dot in the middle.
 */
void
pilote_chart_sparkline_draw (cairo_t                    *cr,
                             const PiloteChartStyle     *style,
                             const PiloteChartSparkline *chart,
                             double                      width,
                             double                      height)
{
  const PiloteChartColor *color;
  SparklineLayout layout;
  double x, y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (chart != NULL);

  if (!pilote_chart_begin (cr, style, width, height))
    return;

  compute_layout (&layout, style, chart, width, height);
  if (layout.empty)
    {
      PiloteChartText text;

      pilote_chart_text_init (&text, style, cr);
      pilote_chart_draw_empty (cr, &text, width, height);
      pilote_chart_text_clear (&text);
      pilote_chart_end (cr);
      return;
    }

  color = chart->color != NULL ? chart->color : pilote_chart_style_get_color (style, 0);

  if (chart->area)
    {
      trace (cr, &layout, chart, TRUE);
      pilote_chart_set_color (cr, color, 0.18);
      cairo_fill (cr);
    }

  /* a faint zero line when the values cross it */
  if (layout.lo < 0.0 && layout.hi > 0.0)
    {
      pilote_chart_set_color (cr, &style->grid, 1.0);
      pilote_chart_stroke_hline (cr, layout.inset, width - layout.inset, get_y (&layout, 0.0),
                                 style->grid_width);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  trace (cr, &layout, chart, FALSE);
  pilote_chart_set_color (cr, color, 1.0);
  cairo_set_line_width (cr, style->line_width);
  cairo_stroke (cr);

  x = get_x (&layout, chart, (guint) layout.last);
  y = get_y (&layout, chart->values[layout.last]);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, get_marker_radius (style), 0.0, 2.0 * G_PI);
  pilote_chart_set_color (cr, color, 1.0);
  cairo_fill_preserve (cr);
  pilote_chart_set_color (cr, &style->background, 1.0);
  cairo_set_line_width (cr, MAX (1.0, style->line_width * 0.75));
  cairo_stroke (cr);

  pilote_chart_end (cr);
}

/**
 * pilote_chart_sparkline_hit:
 * @x: the abscissa of the point, in the chart's coordinates
 * @y: the ordinate of the point
 * @hit: (out): the value nearest to the point along the line
 *
 * Returns: whether the point lies in the chart and a value is near it
 */
gboolean
pilote_chart_sparkline_hit (const PiloteChartStyle     *style,
                            const PiloteChartSparkline *chart,
                            double                      width,
                            double                      height,
                            double                      x,
                            double                      y,
                            PiloteChartHit             *hit)
{
  SparklineLayout layout;
  PiloteChartHit found = { -1, -1, NAN, { 0.0, 0.0, 0.0, 0.0 } };
  double nearest = G_MAXDOUBLE;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (chart != NULL, FALSE);

  compute_layout (&layout, style, chart, width, height);
  if (layout.empty || x < 0.0 || y < 0.0 || x >= width || y >= height)
    {
      if (hit != NULL)
        *hit = found;
      return FALSE;
    }

  for (guint i = 0; i < chart->n_values; i++)
    {
      double distance;

      if (!isfinite (chart->values[i]))
        continue;
      distance = fabs (get_x (&layout, chart, i) - x);
      if (distance < nearest)
        {
          double radius = get_marker_radius (style);

          nearest = distance;
          found.series = 0;
          found.item = (int) i;
          found.value = chart->values[i];
          found.area.x = get_x (&layout, chart, i) - radius;
          found.area.y = get_y (&layout, chart->values[i]) - radius;
          found.area.width = 2.0 * radius;
          found.area.height = 2.0 * radius;
        }
    }

  if (hit != NULL)
    *hit = found;

  return found.item >= 0;
}
