/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pilote-chart-bars-private.h"

/* Labels of horizontal bars take at most this share of the width,
 * labels under columns at most this share of the height.
 */
#define MAX_ROW_LABEL_SHARE 0.38
#define MAX_COLUMN_LABEL_SHARE 0.4
/* Value labels may take at most this share of the value axis. */
#define MAX_VALUE_LABEL_SHARE 0.3

typedef PiloteChartBarsLayout BarsLayout;

double
pilote_chart_bars_get_value (const PiloteChartBars *chart,
                             guint                  s,
                             guint                  c)
{
  const double *values = chart->series[s].values;

  return values != NULL ? values[c] : NAN;
}

const char *
pilote_chart_bars_get_category (const PiloteChartBars *chart,
                                guint                  c)
{
  return chart->categories != NULL && chart->categories[c] != NULL ? chart->categories[c] : "";
}

/* A series' colour; a single series without one of its own draws its
 * negative values in the style's negative colour.
 */
const PiloteChartColor *
pilote_chart_bars_get_color (const PiloteChartStyle *style,
                             const PiloteChartBars  *chart,
                             guint                   s,
                             double                  value)
{
  if (chart->series[s].color != NULL)
    return chart->series[s].color;
  if (chart->n_series == 1 && value < 0.0)
    return &style->negative;
  return pilote_chart_style_get_color (style, s);
}

/* The sums of the positive and negative values of a category; %FALSE
 * when it has no value at all.
 */
gboolean
pilote_chart_bars_get_stack (const PiloteChartBars *chart,
                             guint                  c,
                             double                *positive,
                             double                *negative)
{
  gboolean any = FALSE;

  *positive = 0.0;
  *negative = 0.0;
  for (guint s = 0; s < chart->n_series; s++)
    {
      double value = pilote_chart_bars_get_value (chart, s, c);

      if (!isfinite (value))
        continue;
      any = TRUE;
      if (value >= 0.0)
        *positive += value;
      else
        *negative += value;
    }

  return any;
}

/* The smallest and largest values to show, zero included; %FALSE when
 * there is no value at all.
 */
static gboolean
get_range (const PiloteChartBars *chart,
           gboolean               stacked,
           double                *lo,
           double                *hi)
{
  gboolean any = FALSE;

  *lo = 0.0;
  *hi = 0.0;
  for (guint c = 0; c < chart->n_categories; c++)
    {
      double positive, negative;

      if (!pilote_chart_bars_get_stack (chart, c, &positive, &negative))
        continue;
      any = TRUE;
      if (stacked)
        {
          *lo = MIN (*lo, negative);
          *hi = MAX (*hi, positive);
          continue;
        }
      for (guint s = 0; s < chart->n_series; s++)
        {
          double value = pilote_chart_bars_get_value (chart, s, c);

          if (isfinite (value))
            {
              *lo = MIN (*lo, value);
              *hi = MAX (*hi, value);
            }
        }
    }

  return any;
}

/* Where a bar starts and ends on the value axis. */
static gboolean
get_span (const PiloteChartBars *chart,
          gboolean               stacked,
          guint                  s,
          guint                  c,
          double                *from,
          double                *to)
{
  double value = pilote_chart_bars_get_value (chart, s, c);
  double base = 0.0;

  if (!isfinite (value))
    return FALSE;

  if (stacked)
    for (guint i = 0; i < s; i++)
      {
        double below = pilote_chart_bars_get_value (chart, i, c);

        if (isfinite (below) && (below >= 0.0) == (value >= 0.0))
          base += below;
      }

  *from = base;
  *to = base + value;

  return TRUE;
}

static double
get_value_position (const BarsLayout *layout,
                    double            value)
{
  const cairo_rectangle_t *plot = &layout->plot;

  if (layout->horizontal)
    return pilote_chart_axis_position (&layout->axis, value, plot->x, plot->x + plot->width);

  return pilote_chart_axis_position (&layout->axis, value, plot->y + plot->height, plot->y);
}

double
pilote_chart_bars_get_band_start (const BarsLayout *layout,
                                  guint             c)
{
  return (layout->horizontal ? layout->plot.y : layout->plot.x) + c * layout->band;
}

/* The drawn thickness of a bar: grouped bars keep a hairline apart. */
static double
get_bar_thickness (const BarsLayout      *layout,
                   const PiloteChartBars *chart)
{
  if (!layout->stacked && chart->n_series > 1)
    return layout->thickness - MIN (2.0, layout->thickness * 0.2);

  return layout->thickness;
}

void
pilote_chart_bars_set_rect (const BarsLayout  *layout,
                            double             start,
                            double             thickness,
                            double             from,
                            double             to,
                            cairo_rectangle_t *rect)
{
  double a = get_value_position (layout, from);
  double b = get_value_position (layout, to);

  if (layout->horizontal)
    {
      rect->x = MIN (a, b);
      rect->width = fabs (b - a);
      rect->y = start;
      rect->height = thickness;
    }
  else
    {
      rect->x = start;
      rect->width = thickness;
      rect->y = MIN (a, b);
      rect->height = fabs (b - a);
    }
}

gboolean
pilote_chart_bars_get_rect (const BarsLayout      *layout,
                            const PiloteChartBars *chart,
                            guint                  s,
                            guint                  c,
                            cairo_rectangle_t     *rect)
{
  double from, to;
  double start;

  if (!get_span (chart, layout->stacked, s, c, &from, &to))
    return FALSE;

  start = pilote_chart_bars_get_band_start (layout, c) + layout->offset;
  if (!layout->stacked)
    start += s * layout->thickness;
  pilote_chart_bars_set_rect (layout, start, get_bar_thickness (layout, chart), from, to, rect);

  return TRUE;
}

static void
set_bar_geometry (BarsLayout            *layout,
                  PiloteChartText       *text,
                  const PiloteChartBars *chart)
{
  guint n = layout->stacked ? 1 : MAX (1, chart->n_series);
  double group = layout->band * (n > 1 ? 0.8 : 0.62);

  layout->thickness = MIN (group / n, text->line_height * 2.5);
  layout->offset = (layout->band - layout->thickness * n) / 2.0;
}


/* Chooses the value axis over [@lo, @hi], @length long, and stretches
 * its ends beyond the first and last ticks until @room_hi is left beyond
 * the ends of the longest positive bars for their value labels, and
 * @room_lo beyond the longest negative ones.
 */
static void
init_value_axis (BarsLayout            *layout,
                 PiloteChartText       *text,
                 const PiloteChartBars *chart,
                 double                 lo,
                 double                 hi,
                 double                 length,
                 double                 room_lo,
                 double                 room_hi,
                 double                 max_label_width)
{
  PiloteChartAxis *axis = &layout->axis;
  double ratio_lo = room_lo / MAX (1.0, length);
  double ratio_hi = room_hi / MAX (1.0, length);
  double from, to;

  pilote_chart_axis_clear (axis);
  pilote_chart_axis_init (axis, text, chart->kind, lo, hi, PILOTE_CHART_SCALE_INCLUDE_ZERO,
                          length, max_label_width, layout->horizontal);
  if (room_lo <= 0.0 && room_hi <= 0.0)
    return;

  /* (to − hi) ≥ ratio × (to − from), and likewise below */
  from = axis->from;
  to = axis->to;
  for (guint i = 0; i < 3; i++)
    {
      if (hi > 0.0)
        to = MAX (axis->scale.max, (hi - ratio_hi * from) / (1.0 - ratio_hi));
      if (lo < 0.0)
        from = MIN (axis->scale.min, (lo - ratio_lo * to) / (1.0 - ratio_lo));
    }
  pilote_chart_axis_stretch (axis, text, from, to, length, layout->horizontal);
}

/* Whether value labels, all in the same form, fit their slots across the
 * bars: full, else short; else there are none.
 */
static void
choose_value_labels (BarsLayout            *layout,
                     PiloteChartText       *text,
                     const PiloteChartBars *chart,
                     double                 slot)
{
  if (!layout->stacked && pilote_chart_bars_value_label_width (text, chart, FALSE, FALSE) <= slot)
    layout->value_short = FALSE;
  else if (pilote_chart_bars_value_label_width (text, chart, layout->stacked, TRUE) <= slot)
    layout->value_short = TRUE;
  else
    layout->value_labels = FALSE;
}

/* Columns: the value axis on the left, the category labels under the
 * plot, both depending on the other's size, so computed until stable.
 */
static void
layout_columns (BarsLayout            *layout,
                PiloteChartText       *text,
                const PiloteChartBars *chart,
                double                 lo,
                double                 hi)
{
  const cairo_rectangle_t *area = &layout->area;
  double top = ceil (text->small_height / 2.0);
  double label_area = text->small_height + text->gap;

  for (guint pass = 0; pass < 4; pass++)
    {
      double plot_height = MAX (1.0, area->height - top - label_area);
      double room = text->small_height + PILOTE_CHART_BARS_VALUE_SPACE (text) - top;
      gboolean had_value_labels;
      double new_area;

      if (layout->value_labels && room / plot_height > MAX_VALUE_LABEL_SHARE)
        layout->value_labels = FALSE;
      had_value_labels = layout->value_labels;

      /* the room above the plot for the top tick's label serves labels too */
      init_value_axis (layout, text, chart, lo, hi, plot_height,
                       layout->value_labels ? room + top : 0.0,
                       layout->value_labels ? room : 0.0, area->width * 0.25);
      layout->plot.x = area->x + ceil (layout->axis.label_width) + text->gap;
      layout->plot.width = MAX (1.0, area->x + area->width - layout->plot.x);
      layout->band = layout->plot.width / chart->n_categories;
      set_bar_geometry (layout, text, chart);

      if (layout->value_labels)
        choose_value_labels (layout, text, chart,
                             layout->stacked || chart->n_series == 1 ? layout->band - text->gap
                                                                     : layout->thickness);

      new_area = pilote_chart_bars_fit_column_labels (layout, text, chart,
                                                      MIN (area->height * MAX_COLUMN_LABEL_SHARE,
                                                           area->height - top
                                                           - 2.0 * text->small_height));
      /* the lowest tick's label hangs below the plot */
      new_area = MAX (new_area, top);
      if (fabs (new_area - label_area) < 0.5 && had_value_labels == layout->value_labels)
        break;
      label_area = new_area;
    }

  layout->plot.y = area->y + top;
  layout->plot.height = MAX (1.0, area->height - top - label_area);
}

/* Rows: the category labels on the left, the value axis under the plot,
 * its end labels centred on their ticks.
 */
static void
layout_rows (BarsLayout            *layout,
             PiloteChartText       *text,
             const PiloteChartBars *chart,
             double                 lo,
             double                 hi)
{
  const cairo_rectangle_t *area = &layout->area;
  double h = text->small_height;
  double natural = 0.0;
  double label_column;
  double right = h;
  double value_width = 0.0;

  for (guint c = 0; c < chart->n_categories; c++)
    natural = MAX (natural, pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                                     pilote_chart_bars_get_category (chart, c)));
  label_column = ceil (MIN (natural, area->width * MAX_ROW_LABEL_SHARE));

  layout->plot.y = area->y;
  layout->plot.height = MAX (1.0, area->height - text->gap - h);
  layout->plot.x = area->x + label_column + text->gap;
  layout->band = layout->plot.height / chart->n_categories;
  set_bar_geometry (layout, text, chart);

  /* stacks write their segments short, and their totals alike */
  layout->value_short = layout->stacked;
  if (layout->value_labels && layout->thickness < h)
    layout->value_labels = FALSE;
  if (layout->value_labels)
    value_width = pilote_chart_bars_value_label_width (text, chart, layout->stacked,
                                                       layout->value_short);

  for (guint pass = 0; pass < 2; pass++)
    {
      double space = PILOTE_CHART_BARS_VALUE_SPACE (text);
      double room = 0.0;
      double first_width;

      layout->plot.width = MAX (1.0, area->x + area->width - right - layout->plot.x);
      if (layout->value_labels)
        {
          room = value_width + space;
          if (room / layout->plot.width > MAX_VALUE_LABEL_SHARE && !layout->value_short)
            {
              layout->value_short = TRUE;
              value_width = pilote_chart_bars_value_label_width (text, chart, layout->stacked,
                                                                 TRUE);
              room = value_width + space;
            }
          if (room / layout->plot.width > MAX_VALUE_LABEL_SHARE)
            {
              layout->value_labels = FALSE;
              room = 0.0;
            }
        }

      init_value_axis (layout, text, chart, lo, hi, layout->plot.width, room, room, 0.0);

      right = ceil (pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                             layout->axis.labels[layout->axis.scale.n_ticks - 1])
                    / 2.0);
      first_width = pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                             layout->axis.labels[0]);
      layout->plot.x = MAX (layout->plot.x, area->x + ceil (first_width / 2.0));
    }
  layout->plot.width = MAX (1.0, area->x + area->width - right - layout->plot.x);

  pilote_chart_bars_fit_row_labels (layout, text, chart, label_column);
}

static void
compute_layout (BarsLayout            *layout,
                PiloteChartText       *text,
                const PiloteChartBars *chart,
                double                 width,
                double                 height)
{
  double lo, hi;

  memset (layout, 0, sizeof *layout);
  pilote_chart_legend_init (&layout->legend);
  layout->horizontal = chart->orientation == PILOTE_CHART_BARS_HORIZONTAL;
  layout->stacked = chart->mode == PILOTE_CHART_BARS_STACKED && chart->n_series > 1;
  layout->value_labels = chart->value_labels;

  if (chart->n_categories == 0 || chart->n_series == 0 || chart->series == NULL
      || !get_range (chart, layout->stacked, &lo, &hi))
    {
      layout->empty = TRUE;
      return;
    }

  layout->area.x = text->pad;
  layout->area.y = text->pad;
  layout->area.width = MAX (1.0, width - 2.0 * text->pad);
  layout->area.height = MAX (1.0, height - 2.0 * text->pad);

  if (chart->n_series > 1)
    {
      for (guint s = 0; s < chart->n_series; s++)
        pilote_chart_legend_add (&layout->legend, chart->series[s].name,
                                 pilote_chart_bars_get_color (text->style, chart, s, 1.0),
                                 PILOTE_CHART_SWATCH_BOX, (int) s);
      pilote_chart_legend_layout (&layout->legend, text, layout->area.x, layout->area.y,
                                  layout->area.width, layout->area.height * 0.3);
      if (layout->legend.height > 0.0)
        {
          layout->area.y += layout->legend.height + text->gap;
          layout->area.height = MAX (1.0, layout->area.height - layout->legend.height - text->gap);
        }
    }

  if (layout->horizontal)
    layout_rows (layout, text, chart, lo, hi);
  else
    layout_columns (layout, text, chart, lo, hi);
}

static void
clear_layout (BarsLayout *layout)
{
  pilote_chart_bars_clear_labels (layout);
  pilote_chart_axis_clear (&layout->axis);
  pilote_chart_legend_clear (&layout->legend);
}

static void
draw_bars (cairo_t               *cr,
           PiloteChartText       *text,
           const BarsLayout      *layout,
           const PiloteChartBars *chart)
{
  const PiloteChartStyle *style = text->style;

  for (guint c = 0; c < chart->n_categories; c++)
    for (guint s = 0; s < chart->n_series; s++)
      {
        double value = pilote_chart_bars_get_value (chart, s, c);
        cairo_rectangle_t rect;

        if (!pilote_chart_bars_get_rect (layout, chart, s, c, &rect))
          continue;
        pilote_chart_set_color (cr, pilote_chart_bars_get_color (style, chart, s, value), 1.0);
        pilote_chart_fill_rect (cr, rect.x, rect.y, rect.width, rect.height);
      }

  pilote_chart_axis_draw_zero (cr, text, &layout->axis, &layout->plot, layout->horizontal);

  if (layout->value_labels)
    pilote_chart_bars_draw_value_labels (cr, text, layout, chart);
}

/**
 * pilote_chart_bars_draw:
 * @cr: the cairo context, its origin at the chart's top left corner
 * @width: the width of the chart in user units
 * @height: the height of the chart in user units
 *
 * Draws @chart in the rectangle from (0, 0) to (@width, @height), and
 * nothing outside it.
 */
void
pilote_chart_bars_draw (cairo_t                *cr,
                        const PiloteChartStyle *style,
                        const PiloteChartBars  *chart,
                        double                  width,
                        double                  height)
{
  PiloteChartText text;
  BarsLayout layout;

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
      if (layout.horizontal)
        pilote_chart_axis_draw_bottom (cr, &text, &layout.axis, &layout.plot);
      else
        pilote_chart_axis_draw_left (cr, &text, &layout.axis, &layout.plot);
      draw_bars (cr, &text, &layout, chart);
      pilote_chart_bars_draw_category_labels (cr, &text, &layout, chart);
      pilote_chart_legend_draw (cr, &text, &layout.legend);
    }

  clear_layout (&layout);
  pilote_chart_text_clear (&text);
  pilote_chart_end (cr);
}

static gboolean
hit_bars (const BarsLayout      *layout,
          const PiloteChartBars *chart,
          double                 x,
          double                 y,
          PiloteChartHit        *hit)
{
  double along = layout->horizontal ? y - layout->plot.y : x - layout->plot.x;
  guint c;
  double within;
  double start;

  if (!pilote_chart_rect_contains (&layout->plot, x, y))
    return FALSE;

  c = (guint) MIN (floor (along / layout->band), chart->n_categories - 1);
  within = along - c * layout->band - layout->offset;
  if (within < 0.0)
    return FALSE;

  hit->item = (int) c;
  start = pilote_chart_bars_get_band_start (layout, c) + layout->offset;
  if (layout->stacked)
    {
      double positive, negative;

      if (within >= layout->thickness)
        return FALSE;

      hit->series = -1;
      pilote_chart_bars_get_stack (chart, c, &positive, &negative);
      hit->value = positive + negative;
      pilote_chart_bars_set_rect (layout, start, layout->thickness, negative, positive,
                                  &hit->area);
      for (guint s = 0; s < chart->n_series; s++)
        {
          cairo_rectangle_t rect;

          if (pilote_chart_bars_get_rect (layout, chart, s, c, &rect)
              && pilote_chart_rect_contains (&rect, x, y))
            {
              hit->series = (int) s;
              hit->value = pilote_chart_bars_get_value (chart, s, c);
              hit->area = rect;
            }
        }
      return TRUE;
    }

  if (within >= layout->thickness * chart->n_series)
    return FALSE;

  hit->series = (int) MIN (floor (within / layout->thickness), chart->n_series - 1);
  hit->value = pilote_chart_bars_get_value (chart, (guint) hit->series, c);
  if (!pilote_chart_bars_get_rect (layout, chart, (guint) hit->series, c, &hit->area))
    pilote_chart_bars_set_rect (layout, start + hit->series * layout->thickness,
                                get_bar_thickness (layout, chart), 0.0, 0.0, &hit->area);

  return TRUE;
}

/**
 * pilote_chart_bars_hit:
 * @x: the abscissa of the point, in the chart's coordinates
 * @y: the ordinate of the point
 * @hit: (out): what lies under the point
 *
 * Finds the bar whose column (or row) holds the point, from the geometry
 * pilote_chart_bars_draw() draws with the same arguments; a point on a
 * legend entry gives that entry's series and an item of -1.
 *
 * Returns: whether something lies under the point
 */
gboolean
pilote_chart_bars_hit (const PiloteChartStyle *style,
                       const PiloteChartBars  *chart,
                       double                  width,
                       double                  height,
                       double                  x,
                       double                  y,
                       PiloteChartHit         *hit)
{
  PiloteChartText text;
  BarsLayout layout;
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
      else
        {
          result = hit_bars (&layout, chart, x, y, &found);
        }
    }

  clear_layout (&layout);
  pilote_chart_text_clear (&text);

  if (hit != NULL)
    *hit = found;

  return result;
}
