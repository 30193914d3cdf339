/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pilote-chart-funnel.h"
#include "pilote-chart-private.h"

#define DOWNWARDS_ARROW "\xe2\x86\x93"

typedef struct {
  gboolean           empty;
  cairo_rectangle_t  area;
  double             label_width;
  double             conversion_width;
  double             bars_x;
  double             bars_width;
  double             row;
  double             bar_height;
  double             max_value;
  guint              label_every;
  gboolean           value_short;
} FunnelLayout;

static double
get_value (const PiloteChartFunnel *chart,
           guint                    i)
{
  return chart->values != NULL ? chart->values[i] : NAN;
}

static const char *
get_stage (const PiloteChartFunnel *chart,
           guint                    i)
{
  return chart->stages != NULL && chart->stages[i] != NULL ? chart->stages[i] : "";
}

static const PiloteChartColor *
get_color (const PiloteChartStyle  *style,
           const PiloteChartFunnel *chart)
{
  return chart->color != NULL ? chart->color : pilote_chart_style_get_color (style, 0);
}

/* "↓ 62.5 %": the share of stage @i's value that reached stage @i + 1. */
static char *
format_conversion (PiloteChartText         *text,
                   const PiloteChartFunnel *chart,
                   guint                    i)
{
  double from = get_value (chart, i);
  double to = get_value (chart, i + 1);
  g_autofree char *rate = pilote_chart_format (text, from > 0.0 ? to / from : NAN,
                                               PILOTE_CHART_VALUE_PERCENT, FALSE);

  return g_strconcat (DOWNWARDS_ARROW " ", rate, NULL);
}

static double
get_bar_width (const FunnelLayout *layout,
               double              value)
{
  /* the smallest stage shows, the empty one does not */
  if (!isfinite (value) || value <= 0.0)
    return 0.0;

  return MAX (2.0, value / layout->max_value * layout->bars_width);
}

static void
get_bar_rect (const FunnelLayout *layout,
              double              value,
              guint               i,
              cairo_rectangle_t  *rect)
{
  double middle = layout->area.y + (i + 0.5) * layout->row;

  rect->width = get_bar_width (layout, value);
  rect->height = layout->bar_height;
  rect->x = layout->bars_x + (layout->bars_width - rect->width) / 2.0;
  rect->y = middle - layout->bar_height / 2.0;
}

/* Whether a value label fits on its bar, or beside it in the bars' column. */
static gboolean
value_label_fits (const FunnelLayout *layout,
                  PiloteChartText    *text,
                  double              value,
                  double              label_width)
{
  double bar = get_bar_width (layout, value);

  return label_width + 2.0 * text->gap <= bar
         || label_width + text->gap <= (layout->bars_width - bar) / 2.0;
}

static gboolean
value_labels_fit (const FunnelLayout      *layout,
                  PiloteChartText         *text,
                  const PiloteChartFunnel *chart,
                  gboolean                 short_form)
{
  for (guint i = 0; i < chart->n_stages; i++)
    {
      double value = get_value (chart, i);
      g_autofree char *label = pilote_chart_format (text, value, chart->kind, short_form);

      if (!value_label_fits (layout, text, value,
                             pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, label)))
        return FALSE;
    }

  return TRUE;
}

static void
compute_layout (FunnelLayout            *layout,
                PiloteChartText         *text,
                const PiloteChartFunnel *chart,
                double                   width,
                double                   height)
{
  double natural = 0.0;
  gboolean any = FALSE;

  memset (layout, 0, sizeof *layout);

  for (guint i = 0; i < chart->n_stages; i++)
    {
      double value = get_value (chart, i);

      if (isfinite (value))
        {
          layout->max_value = MAX (layout->max_value, value);
          any = TRUE;
        }
      natural = MAX (natural, pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                                       get_stage (chart, i)));
    }
  if (!any)
    {
      layout->empty = TRUE;
      return;
    }
  if (layout->max_value <= 0.0)
    layout->max_value = 1.0;

  layout->area.x = text->pad;
  layout->area.y = text->pad;
  layout->area.width = MAX (1.0, width - 2.0 * text->pad);
  layout->area.height = MAX (1.0, height - 2.0 * text->pad);

  layout->row = layout->area.height / chart->n_stages;
  layout->bar_height = MIN (layout->row * 0.68, text->line_height * 2.5);
  layout->label_every = (guint) MAX (1.0, ceil (text->small_height / layout->row));
  layout->label_width = ceil (MIN (natural, layout->area.width * 0.3));

  /* conversions sit between rows, so they need a row's height apiece */
  if (chart->n_stages > 1 && layout->row >= text->small_height)
    for (guint i = 0; i + 1 < chart->n_stages; i++)
      {
        g_autofree char *conversion = format_conversion (text, chart, i);

        layout->conversion_width =
          MAX (layout->conversion_width,
               ceil (pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, conversion)));
      }

  layout->bars_x = layout->area.x + layout->label_width + text->gap;
  layout->bars_width = layout->area.x + layout->area.width - layout->bars_x;
  /* the bars first: no conversions that would leave them too little */
  if (layout->bars_width - layout->conversion_width - text->gap < layout->area.width * 0.35)
    layout->conversion_width = 0.0;
  if (layout->conversion_width > 0.0)
    layout->bars_width -= layout->conversion_width + text->gap;
  layout->bars_width = MAX (1.0, layout->bars_width);

  layout->value_short = !value_labels_fit (layout, text, chart, FALSE);
}

static void
draw_stage (cairo_t                 *cr,
            PiloteChartText         *text,
            const FunnelLayout      *layout,
            const PiloteChartFunnel *chart,
            guint                    i)
{
  const PiloteChartStyle *style = text->style;
  const PiloteChartColor *color = get_color (style, chart);
  double value = get_value (chart, i);
  double middle = layout->area.y + (i + 0.5) * layout->row;
  g_autofree char *label = pilote_chart_format (text, value, chart->kind, layout->value_short);
  cairo_rectangle_t bar;
  double label_width;

  get_bar_rect (layout, value, i, &bar);
  pilote_chart_set_color (cr, color, 1.0);
  pilote_chart_fill_rect (cr, bar.x, bar.y, bar.width, bar.height);

  if (i % layout->label_every == 0 && layout->label_width >= 1.0)
    pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, get_stage (chart, i),
                            layout->area.x, middle, 0.0, 0.5, layout->label_width + 0.5,
                            &style->foreground);

  if (layout->bar_height < text->small_height * 0.9)
    return;

  label_width = pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, label);
  if (label_width + 2.0 * text->gap <= bar.width)
    pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, label,
                            bar.x + bar.width / 2.0, middle, 0.5, 0.5, 0.0,
                            pilote_chart_color_on (color));
  else if (value_label_fits (layout, text, value, label_width))
    pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, label,
                            bar.x + bar.width + text->gap, middle, 0.0, 0.5, 0.0,
                            &style->foreground);
}

static void
draw_connector (cairo_t                 *cr,
                const PiloteChartStyle  *style,
                const FunnelLayout      *layout,
                const PiloteChartFunnel *chart,
                guint                    i)
{
  PiloteChartColor color = pilote_chart_color_mix (get_color (style, chart), &style->background,
                                                   0.75);
  cairo_rectangle_t upper, lower;

  get_bar_rect (layout, get_value (chart, i), i, &upper);
  get_bar_rect (layout, get_value (chart, i + 1), i + 1, &lower);
  if (upper.width <= 0.0 || lower.width <= 0.0)
    return;

  cairo_new_path (cr);
  cairo_move_to (cr, upper.x, upper.y + upper.height);
  cairo_line_to (cr, upper.x + upper.width, upper.y + upper.height);
  cairo_line_to (cr, lower.x + lower.width, lower.y);
  cairo_line_to (cr, lower.x, lower.y);
  cairo_close_path (cr);
  pilote_chart_set_color (cr, &color, 1.0);
  cairo_fill (cr);
}

/**
 * pilote_chart_funnel_draw:
 * @cr: the cairo context, its origin at the chart's top left corner
 * @width: the width of the chart in user units
 * @height: the height of the chart in user units
 *
 * Draws @chart in the rectangle from (0, 0) to (@width, @height), and
 * nothing outside it.
 */
void
pilote_chart_funnel_draw (cairo_t                 *cr,
                          const PiloteChartStyle  *style,
                          const PiloteChartFunnel *chart,
                          double                   width,
                          double                   height)
{
  PiloteChartText text;
  FunnelLayout layout;

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
      for (guint i = 0; i + 1 < chart->n_stages; i++)
        draw_connector (cr, style, &layout, chart, i);
      for (guint i = 0; i < chart->n_stages; i++)
        draw_stage (cr, &text, &layout, chart, i);
      if (layout.conversion_width > 0.0)
        for (guint i = 0; i + 1 < chart->n_stages; i++)
          {
            g_autofree char *conversion = format_conversion (&text, chart, i);

            pilote_chart_draw_text (cr, &text, PILOTE_CHART_FONT_SMALL, conversion,
                                    layout.area.x + layout.area.width,
                                    layout.area.y + (i + 1) * layout.row, 1.0, 0.5, 0.0,
                                    &style->secondary);
          }
    }

  pilote_chart_text_clear (&text);
  pilote_chart_end (cr);
}

/**
 * pilote_chart_funnel_hit:
 * @x: the abscissa of the point, in the chart's coordinates
 * @y: the ordinate of the point
 * @hit: (out): what lies under the point
 *
 * Finds the stage whose row holds the point, from the geometry
 * pilote_chart_funnel_draw() draws with the same arguments.
 *
 * Returns: whether a stage lies under the point
 */
gboolean
pilote_chart_funnel_hit (const PiloteChartStyle  *style,
                         const PiloteChartFunnel *chart,
                         double                   width,
                         double                   height,
                         double                   x,
                         double                   y,
                         PiloteChartHit          *hit)
{
  PiloteChartText text;
  FunnelLayout layout;
  PiloteChartHit found = { -1, -1, NAN, { 0.0, 0.0, 0.0, 0.0 } };
  gboolean result = FALSE;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (chart != NULL, FALSE);

  if (!(width >= 1.0 && height >= 1.0))
    return FALSE;

  pilote_chart_text_init (&text, style, NULL);
  compute_layout (&layout, &text, chart, width, height);

  if (!layout.empty && pilote_chart_rect_contains (&layout.area, x, y))
    {
      guint i = (guint) MIN (floor ((y - layout.area.y) / layout.row), chart->n_stages - 1);

      found.series = 0;
      found.item = (int) i;
      found.value = get_value (chart, i);
      get_bar_rect (&layout, found.value, i, &found.area);
      result = TRUE;
    }

  pilote_chart_text_clear (&text);

  if (hit != NULL)
    *hit = found;

  return result;
}
