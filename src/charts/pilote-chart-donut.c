/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-chart-donut.h"
#include "pilote-chart-private.h"

#define DEFAULT_MAX_SLICES 6
#define INNER_RATIO 0.58

typedef struct {
  int    item;
  double value;
  double start;  /* shares of the turn, clockwise from the top */
  double end;
} Slice;

typedef struct {
  gboolean           empty;
  GArray            *slices;
  double             total;
  double             cx;
  double             cy;
  double             outer;
  double             inner;
  cairo_rectangle_t  legend;
  double             row;
  double             percent_width;
} DonutLayout;

static int
compare_slices (gconstpointer a,
                gconstpointer b)
{
  const Slice *x = a;
  const Slice *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;

  return x->item - y->item;
}

/* The positive items from the largest, the smallest grouped into "Other"
 * beyond @max_slices slices.
 */
static void
compute_slices (DonutLayout            *layout,
                const PiloteChartDonut *chart,
                guint                   max_slices)
{
  double start = 0.0;

  g_array_set_size (layout->slices, 0);
  layout->total = 0.0;
  for (guint i = 0; i < chart->n_items && chart->values != NULL; i++)
    {
      Slice slice = { (int) i, chart->values[i], 0.0, 0.0 };

      if (!isfinite (slice.value) || slice.value <= 0.0)
        continue;
      g_array_append_val (layout->slices, slice);
      layout->total += slice.value;
    }
  g_array_sort (layout->slices, compare_slices);

  max_slices = MAX (2, max_slices);
  if (layout->slices->len > max_slices)
    {
      Slice other = { PILOTE_CHART_ITEM_OTHER, 0.0, 0.0, 0.0 };

      for (guint i = max_slices - 1; i < layout->slices->len; i++)
        other.value += g_array_index (layout->slices, Slice, i).value;
      g_array_set_size (layout->slices, max_slices - 1);
      g_array_append_val (layout->slices, other);
    }

  for (guint i = 0; i < layout->slices->len; i++)
    {
      Slice *slice = &g_array_index (layout->slices, Slice, i);

      slice->start = start;
      slice->end = i + 1 == layout->slices->len ? 1.0 : start + slice->value / layout->total;
      start = slice->end;
    }
}

static const char *
get_label (const PiloteChartDonut *chart,
           const Slice            *slice)
{
  if (slice->item == PILOTE_CHART_ITEM_OTHER)
    return _("Other");

  return chart->labels != NULL && chart->labels[slice->item] != NULL ? chart->labels[slice->item]
                                                                     : "";
}

static PiloteChartColor
get_color (const PiloteChartStyle *style,
           const Slice            *slice)
{
  if (slice->item == PILOTE_CHART_ITEM_OTHER)
    return pilote_chart_color_mix (&style->secondary, &style->background, 0.35);

  return *pilote_chart_style_get_color (style, (guint) slice->item);
}

static char *
format_share (PiloteChartText   *text,
              const DonutLayout *layout,
              const Slice       *slice)
{
  return pilote_chart_format (text, slice->value / layout->total, PILOTE_CHART_VALUE_PERCENT,
                              FALSE);
}

/* The width of the legend: swatch, widest label, widest percentage. */
static double
measure_legend (DonutLayout            *layout,
                PiloteChartText        *text,
                const PiloteChartDonut *chart)
{
  double labels = 0.0;

  layout->percent_width = 0.0;
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      g_autofree char *share = format_share (text, layout, slice);

      labels = MAX (labels, pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                                     get_label (chart, slice)));
      layout->percent_width = MAX (layout->percent_width,
                                   pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, share));
    }
  layout->percent_width = ceil (layout->percent_width);

  return ceil (pilote_chart_swatch_size (text) + text->gap + labels + 2.0 * text->gap
               + layout->percent_width) + 1.0;
}

static void
compute_layout (DonutLayout            *layout,
                PiloteChartText        *text,
                const PiloteChartDonut *chart,
                double                  width,
                double                  height)
{
  cairo_rectangle_t area = { text->pad, text->pad, MAX (1.0, width - 2.0 * text->pad),
                             MAX (1.0, height - 2.0 * text->pad) };
  guint max_slices = chart->max_slices > 0 ? chart->max_slices : DEFAULT_MAX_SLICES;
  gboolean beside = area.width >= area.height * 1.3;
  double legend_width, diameter;
  guint rows;

  memset (layout, 0, sizeof *layout);
  layout->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  layout->row = ceil (text->small_height * 1.35);

  /* no more slices than the legend has rows */
  rows = (guint) floor ((beside ? area.height : area.height * 0.45) / layout->row);
  compute_slices (layout, chart, MIN (max_slices, MAX (2, rows)));
  if (layout->slices->len == 0)
    {
      layout->empty = TRUE;
      return;
    }

  legend_width = measure_legend (layout, text, chart);
  layout->legend.height = layout->slices->len * layout->row;

  if (beside)
    {
      double group;

      /* the legend takes what the donut can spare */
      legend_width = MIN (legend_width, area.width - MIN (area.height, area.width * 0.35)
                                        - 2.0 * text->gap);
      diameter = MAX (8.0, MIN (area.height, area.width - legend_width - 2.0 * text->gap));
      group = diameter + 2.0 * text->gap + legend_width;
      layout->outer = diameter / 2.0;
      layout->cx = area.x + MAX (0.0, (area.width - group) / 2.0) + layout->outer;
      layout->cy = area.y + area.height / 2.0;
      layout->legend.x = layout->cx + layout->outer + 2.0 * text->gap;
      layout->legend.width = MIN (legend_width, area.x + area.width - layout->legend.x);
      layout->legend.y = layout->cy - layout->legend.height / 2.0;
    }
  else
    {
      double block;

      legend_width = MIN (legend_width, area.width);
      diameter = MAX (8.0, MIN (area.width, area.height - layout->legend.height - text->gap));
      block = diameter + text->gap + layout->legend.height;
      layout->outer = diameter / 2.0;
      layout->cx = area.x + area.width / 2.0;
      layout->cy = area.y + MAX (0.0, (area.height - block) / 2.0) + layout->outer;
      layout->legend.x = area.x + (area.width - legend_width) / 2.0;
      layout->legend.width = legend_width;
      layout->legend.y = layout->cy + layout->outer + text->gap;
    }

  layout->inner = layout->outer * INNER_RATIO;
}

static void
clear_layout (DonutLayout *layout)
{
  g_clear_pointer (&layout->slices, g_array_unref);
}

static double
get_angle (double share)
{
  return -G_PI / 2.0 + share * 2.0 * G_PI;
}

static void
draw_ring (cairo_t                *cr,
           const PiloteChartStyle *style,
           const DonutLayout      *layout)
{
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      PiloteChartColor color = get_color (style, slice);

      cairo_new_path (cr);
      cairo_arc (cr, layout->cx, layout->cy, layout->outer, get_angle (slice->start),
                 get_angle (slice->end));
      cairo_arc_negative (cr, layout->cx, layout->cy, layout->inner, get_angle (slice->end),
                          get_angle (slice->start));
      cairo_close_path (cr);
      pilote_chart_set_color (cr, &color, 1.0);
      cairo_fill (cr);
    }

  if (layout->slices->len < 2)
    return;

  /* a hairline of background between slices */
  cairo_new_path (cr);
  for (guint i = 0; i < layout->slices->len; i++)
    {
      double angle = get_angle (g_array_index (layout->slices, Slice, i).start);

      cairo_move_to (cr, layout->cx + (layout->inner - 1.0) * cos (angle),
                     layout->cy + (layout->inner - 1.0) * sin (angle));
      cairo_line_to (cr, layout->cx + (layout->outer + 1.0) * cos (angle),
                     layout->cy + (layout->outer + 1.0) * sin (angle));
    }
  pilote_chart_set_color (cr, &style->background, 1.0);
  cairo_set_line_width (cr, MAX (1.5, style->line_width * 0.75));
  cairo_stroke (cr);
}

/* The total in the hole, as large as it allows, and its caption under
 * it when the whole caption fits.
 */
static void
draw_total (cairo_t                *cr,
            PiloteChartText        *text,
            const DonutLayout      *layout,
            const PiloteChartDonut *chart)
{
  g_autofree char *total = pilote_chart_format (text, layout->total, chart->kind, TRUE);
  double room = 2.0 * layout->inner * 0.8;
  double size = CLAMP (layout->inner * 0.4, text->line_height, text->line_height * 2.5);
  g_autoptr(PangoLayout) figure = NULL;
  double w, h, caption_w = 0.0;
  gboolean caption;

  figure = pilote_chart_text_new_sized_layout (text, PILOTE_CHART_FONT_BOLD, total, size);
  pilote_chart_layout_get_size (figure, &w, &h);
  if (w > room)
    {
      size *= room / w;
      if (size < text->small_height)
        return;
      g_clear_object (&figure);
      figure = pilote_chart_text_new_sized_layout (text, PILOTE_CHART_FONT_BOLD, total, size);
      pilote_chart_layout_get_size (figure, &w, &h);
    }
  if (h > room)
    return;

  caption = chart->total_label != NULL && *chart->total_label != '\0'
            && h + text->small_height <= room * 0.8;
  if (caption)
    {
      caption_w = pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, chart->total_label);
      caption = caption_w <= room * 0.85;
    }

  if (!caption)
    {
      pilote_chart_draw_layout (cr, figure, layout->cx, layout->cy, 0.5, 0.5,
                                &text->style->foreground);
      return;
    }

  pilote_chart_draw_layout (cr, figure, layout->cx, layout->cy + text->small_height * 0.1,
                            0.5, 1.0, &text->style->foreground);
  pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, chart->total_label,
                          layout->cx, layout->cy + text->small_height * 0.1, 0.5, 0.0, 0.0,
                          &text->style->secondary);
}

static void
draw_legend (cairo_t                *cr,
             PiloteChartText        *text,
             const DonutLayout      *layout,
             const PiloteChartDonut *chart)
{
  const PiloteChartStyle *style = text->style;
  double swatch = pilote_chart_swatch_size (text);
  double right = layout->legend.x + layout->legend.width;
  double label_x = layout->legend.x + swatch + text->gap;
  double label_width = right - layout->percent_width - 2.0 * text->gap - label_x;
  /* labels matter more than percentages, which the ring shows roughly */
  gboolean percentages = label_width >= 3.0 * text->small_height;

  if (!percentages)
    label_width = right - label_x;

  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      PiloteChartColor color = get_color (style, slice);
      g_autofree char *share = format_share (text, layout, slice);
      double middle = layout->legend.y + (i + 0.5) * layout->row;

      pilote_chart_draw_swatch (cr, text, &color, PILOTE_CHART_SWATCH_BOX, layout->legend.x,
                                middle);
      if (label_width >= 1.0)
        pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, get_label (chart, slice),
                                label_x, middle, 0.0, 0.5, label_width, &style->foreground);
      if (percentages)
        pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, share, right, middle,
                                1.0, 0.5, 0.0, &style->secondary);
    }
}

/**
 * pilote_chart_donut_draw:
 * @cr: the cairo context, its origin at the chart's top left corner
 * @width: the width of the chart in user units
 * @height: the height of the chart in user units
 *
 * Draws @chart in the rectangle from (0, 0) to (@width, @height), and
 * nothing outside it.
 */
void
pilote_chart_donut_draw (cairo_t                *cr,
                         const PiloteChartStyle *style,
                         const PiloteChartDonut *chart,
                         double                  width,
                         double                  height)
{
  PiloteChartText text;
  DonutLayout layout;

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
      draw_ring (cr, style, &layout);
      draw_total (cr, &text, &layout, chart);
      draw_legend (cr, &text, &layout, chart);
    }

  clear_layout (&layout);
  pilote_chart_text_clear (&text);
  pilote_chart_end (cr);
}

/**
 * pilote_chart_donut_hit:
 * @x: the abscissa of the point, in the chart's coordinates
 * @y: the ordinate of the point
 * @hit: (out): what lies under the point
 *
 * Finds the slice under the point, on the ring or on its legend row, from
 * the geometry pilote_chart_donut_draw() draws with the same arguments.
 * The item is the index of the slice's value, or %PILOTE_CHART_ITEM_OTHER
 * for the grouped slice.
 *
 * Returns: whether a slice lies under the point
 */
gboolean
pilote_chart_donut_hit (const PiloteChartStyle *style,
                        const PiloteChartDonut *chart,
                        double                  width,
                        double                  height,
                        double                  x,
                        double                  y,
                        PiloteChartHit         *hit)
{
  PiloteChartText text;
  DonutLayout layout;
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
      double radius = hypot (x - layout.cx, y - layout.cy);
      double share = fmod (atan2 (y - layout.cy, x - layout.cx) / (2.0 * G_PI) + 1.25, 1.0);

      for (guint i = 0; i < layout.slices->len && !result; i++)
        {
          const Slice *slice = &g_array_index (layout.slices, Slice, i);
          cairo_rectangle_t row = { layout.legend.x, layout.legend.y + i * layout.row,
                                    layout.legend.width, layout.row };

          if (radius >= layout.inner && radius <= layout.outer
              && share >= slice->start && share < slice->end)
            {
              found.area.x = layout.cx - layout.outer;
              found.area.y = layout.cy - layout.outer;
              found.area.width = 2.0 * layout.outer;
              found.area.height = 2.0 * layout.outer;
              result = TRUE;
            }
          else if (pilote_chart_rect_contains (&row, x, y))
            {
              found.area = row;
              result = TRUE;
            }

          if (result)
            {
              found.series = 0;
              found.item = slice->item;
              found.value = slice->value;
            }
        }
    }

  clear_layout (&layout);
  pilote_chart_text_clear (&text);

  if (hit != NULL)
    *hit = found;

  return result;
}
