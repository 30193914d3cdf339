/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pilote-chart-gauge.h"
#include "pilote-chart-private.h"

/* A three-quarter ring, open at the bottom, filled clockwise. */
#define START_ANGLE (0.75 * G_PI)
#define SWEEP (1.5 * G_PI)
#define END_DROP (G_SQRT2 / 2.0)
/* the pacing marker reaches beyond the ring by this share of its radius */
#define MARKER_REACH 1.08
/* and below the centre, at the ring's ends, by this share */
#define BOTTOM_REACH (END_DROP * 1.14)

typedef struct {
  gboolean empty;
  gboolean has_target;
  double   cx;
  double   cy;
  double   outer;
  double   inner;
  double   caption_y;
  double   caption_width;
} GaugeLayout;

static void
compute_layout (GaugeLayout            *layout,
                PiloteChartText        *text,
                const PiloteChartGauge *chart,
                double                  width,
                double                  height)
{
  double area_width = MAX (1.0, width - 2.0 * text->pad);
  double area_height = MAX (1.0, height - 2.0 * text->pad);
  double caption = chart->label != NULL && *chart->label != '\0' ? text->small_height : 0.0;
  double below;

  memset (layout, 0, sizeof *layout);
  if (!isfinite (chart->value))
    {
      layout->empty = TRUE;
      return;
    }

  layout->has_target = isfinite (chart->target) && chart->target > 0.0;
  layout->caption_width = 0.0;

  /* the marker reaches beyond the ring, above it and below its ends; the
   * caption sits between the ends, hanging a little below them
   */
  layout->outer = MAX (4.0, MIN (area_width / (2.0 * MARKER_REACH),
                                 (area_height - caption * 0.65) / (MARKER_REACH + BOTTOM_REACH)));
  below = MAX (layout->outer * BOTTOM_REACH, layout->outer * END_DROP + caption * 0.65);
  if (caption > 0.0)
    {
      layout->caption_width = 2.0 * (layout->outer * END_DROP - caption * 0.35) - text->gap;
      layout->caption_y = layout->outer * END_DROP - caption * 0.35;
    }

  /* or under the ring, as wide as the chart, when it does not fit there */
  if (caption > 0.0
      && pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, chart->label)
         > layout->caption_width)
    {
      layout->outer = MAX (4.0, MIN (area_width / (2.0 * MARKER_REACH),
                                     (area_height - caption - text->gap)
                                     / (MARKER_REACH + BOTTOM_REACH)));
      below = layout->outer * BOTTOM_REACH + text->gap + caption;
      layout->caption_width = area_width;
      layout->caption_y = layout->outer * BOTTOM_REACH + text->gap;
    }

  layout->inner = layout->outer - MAX (3.0, round (layout->outer * 0.2));
  layout->cx = width / 2.0;
  layout->cy = text->pad + (area_height - layout->outer * MARKER_REACH - below) / 2.0
               + layout->outer * MARKER_REACH;
  layout->caption_y += layout->cy;
}

static const PiloteChartColor *
get_status_color (const PiloteChartStyle *style,
                  PiloteChartStatus       status)
{
  switch (status)
    {
    case PILOTE_CHART_STATUS_ON_TRACK:
      return &style->positive;
    case PILOTE_CHART_STATUS_AT_RISK:
      return &style->warning;
    case PILOTE_CHART_STATUS_BEHIND:
      return &style->negative;
    case PILOTE_CHART_STATUS_NONE:
    default:
      return pilote_chart_style_get_color (style, 0);
    }
}

static const char *
get_status_label (PiloteChartStatus status)
{
  switch (status)
    {
    case PILOTE_CHART_STATUS_ON_TRACK:
      return _("On track");
    case PILOTE_CHART_STATUS_AT_RISK:
      return _("At risk");
    case PILOTE_CHART_STATUS_BEHIND:
      return _("Behind");
    case PILOTE_CHART_STATUS_NONE:
    default:
      return NULL;
    }
}

/* Whether a line of text @width wide, from @top to @bottom, fits inside
 * the ring.
 */
static gboolean
fits_inside (const GaugeLayout *layout,
             PiloteChartText   *text,
             double             width,
             double             top,
             double             bottom)
{
  double dy = MAX (fabs (top - layout->cy), fabs (bottom - layout->cy));
  double chord = 2.0 * sqrt (MAX (0.0, layout->inner * layout->inner - dy * dy));

  return width <= chord - text->gap;
}

/* The big figure in the middle: the attainment, or the value when there
 * is no target, as large as the ring allows.
 */
static PangoLayout *
create_figure (const GaugeLayout      *layout,
               PiloteChartText        *text,
               const PiloteChartGauge *chart)
{
  g_autofree char *figure = NULL;
  double size = MAX (text->line_height, layout->inner * 0.36);
  PangoLayout *big;
  double w, h;

  if (layout->has_target)
    figure = pilote_chart_format (text, chart->value / chart->target, PILOTE_CHART_VALUE_PERCENT,
                                  FALSE);
  else
    figure = pilote_chart_format (text, chart->value, chart->kind, TRUE);

  big = pilote_chart_text_new_sized_layout (text, PILOTE_CHART_FONT_BOLD, figure, size);
  pilote_chart_layout_get_size (big, &w, &h);
  if (!fits_inside (layout, text, w, layout->cy - h / 2.0, layout->cy + h / 2.0))
    {
      /* shrink to the width of the ring's hole */
      size = MAX (text->small_height * 0.8,
                  size * (2.0 * layout->inner * 0.85 - text->gap) / MAX (1.0, w));
      g_object_unref (big);
      big = pilote_chart_text_new_sized_layout (text, PILOTE_CHART_FONT_BOLD, figure, size);
    }

  return big;
}

static void
draw_centre (cairo_t                *cr,
             PiloteChartText        *text,
             const GaugeLayout      *layout,
             const PiloteChartGauge *chart)
{
  const PiloteChartStyle *style = text->style;
  g_autoptr(PangoLayout) big = create_figure (layout, text, chart);
  g_autofree char *of = NULL;
  const char *status = get_status_label (chart->status);
  double big_w, big_h, sub_w = 0.0, status_w = 0.0;
  double h = text->small_height;
  double top;
  gboolean show_of = FALSE, show_status = FALSE;

  pilote_chart_layout_get_size (big, &big_w, &big_h);

  if (layout->has_target)
    {
      g_autofree char *value = pilote_chart_format (text, chart->value, chart->kind, TRUE);
      g_autofree char *target = pilote_chart_format (text, chart->target, chart->kind, TRUE);

      /* Translators: a value reached of a target, as in "1.2 M of 1.5 M" */
      of = g_strdup_printf (_("%s of %s"), value, target);
      sub_w = pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, of);
      show_of = fits_inside (layout, text, sub_w, layout->cy, layout->cy + big_h / 2.0 + h);
    }
  if (status != NULL && show_of)
    {
      status_w = pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, status);
      show_status = fits_inside (layout, text, status_w, layout->cy - big_h / 2.0 - h,
                                 layout->cy + big_h / 2.0 + h);
    }

  /* the figure in the middle, the value and target under it, the status
   * over it when there is room for both
   */
  top = layout->cy - big_h / 2.0;
  pilote_chart_draw_layout (cr, big, layout->cx, top, 0.5, 0.0, &style->foreground);
  if (show_of)
    pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, of, layout->cx, top + big_h,
                            0.5, 0.0, 0.0, &style->secondary);
  if (show_status)
    {
      /* the status colour, darkened or lightened to read as text */
      PiloteChartColor color = pilote_chart_color_mix (get_status_color (style, chart->status),
                                                       &style->foreground, 0.3);

      pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, status, layout->cx, top,
                              0.5, 1.0, 0.0, &color);
    }
}

/* Where the value should be by now: a tick across the ring, and a
 * triangle outside it pointing at the tick.
 */
static void
draw_pacing_marker (cairo_t                *cr,
                    const PiloteChartStyle *style,
                    const GaugeLayout      *layout,
                    double                  angle)
{
  double thickness = layout->outer - layout->inner;
  double size = layout->outer * (MARKER_REACH - 1.0);
  double width = MAX (2.0, style->line_width);
  double dx = cos (angle), dy = sin (angle);
  double half = size * 0.6;
  double base = layout->outer + size;

  cairo_new_path (cr);
  cairo_move_to (cr, layout->cx + (layout->inner - 1.0) * dx,
                 layout->cy + (layout->inner - 1.0) * dy);
  cairo_line_to (cr, layout->cx + (layout->outer + 1.0) * dx,
                 layout->cy + (layout->outer + 1.0) * dy);
  cairo_set_line_width (cr, width + 2.0);
  pilote_chart_set_color (cr, &style->background, 1.0);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width);
  pilote_chart_set_color (cr, &style->target, 1.0);
  cairo_stroke (cr);

  if (size < 2.0 || thickness < 4.0)
    return;

  cairo_new_path (cr);
  cairo_move_to (cr, layout->cx + layout->outer * dx, layout->cy + layout->outer * dy);
  cairo_line_to (cr, layout->cx + base * dx - half * dy, layout->cy + base * dy + half * dx);
  cairo_line_to (cr, layout->cx + base * dx + half * dy, layout->cy + base * dy - half * dx);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_gauge (cairo_t                *cr,
            PiloteChartText        *text,
            const GaugeLayout      *layout,
            const PiloteChartGauge *chart)
{
  const PiloteChartStyle *style = text->style;
  double thickness = layout->outer - layout->inner;
  double radius = (layout->outer + layout->inner) / 2.0;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width (cr, thickness);
  cairo_new_path (cr);
  cairo_arc (cr, layout->cx, layout->cy, radius, START_ANGLE, START_ANGLE + SWEEP);
  pilote_chart_set_color (cr, &style->grid, 1.0);
  cairo_stroke (cr);

  if (layout->has_target && chart->value > 0.0)
    {
      double share = MIN (1.0, chart->value / chart->target);

      cairo_new_path (cr);
      cairo_arc (cr, layout->cx, layout->cy, radius, START_ANGLE, START_ANGLE + SWEEP * share);
      pilote_chart_set_color (cr, get_status_color (style, chart->status), 1.0);
      cairo_stroke (cr);
    }

  if (layout->has_target && isfinite (chart->expected))
    draw_pacing_marker (cr, style, layout,
                        START_ANGLE + SWEEP * CLAMP (chart->expected / chart->target, 0.0, 1.0));

  draw_centre (cr, text, layout, chart);

  if (layout->caption_width >= 1.0)
    pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, chart->label,
                            layout->cx, layout->caption_y, 0.5, 0.0, layout->caption_width,
                            &style->foreground);
}

/**
 * pilote_chart_gauge_draw:
 * @cr: the cairo context, its origin at the chart's top left corner
 * @width: the width of the chart in user units
 * @height: the height of the chart in user units
 *
 * Draws @chart in the rectangle from (0, 0) to (@width, @height), and
 * nothing outside it.
 */
void
pilote_chart_gauge_draw (cairo_t                *cr,
                         const PiloteChartStyle *style,
                         const PiloteChartGauge *chart,
                         double                  width,
                         double                  height)
{
  PiloteChartText text;
  GaugeLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (chart != NULL);

  if (!pilote_chart_begin (cr, style, width, height))
    return;

  pilote_chart_text_init (&text, style, cr);
  compute_layout (&layout, &text, chart, width, height);

  if (layout.empty)
    pilote_chart_draw_empty (cr, &text, width, height);
  else
    draw_gauge (cr, &text, &layout, chart);

  pilote_chart_text_clear (&text);
  pilote_chart_end (cr);
}

/**
 * pilote_chart_gauge_hit:
 * @x: the abscissa of the point, in the chart's coordinates
 * @y: the ordinate of the point
 * @hit: (out): the gauge, as item 0, when the point is on it
 *
 * Returns: whether the point lies on the ring or inside it
 */
gboolean
pilote_chart_gauge_hit (const PiloteChartStyle *style,
                        const PiloteChartGauge *chart,
                        double                  width,
                        double                  height,
                        double                  x,
                        double                  y,
                        PiloteChartHit         *hit)
{
  PiloteChartText text;
  GaugeLayout layout;
  PiloteChartHit found = { -1, -1, NAN, { 0.0, 0.0, 0.0, 0.0 } };
  gboolean result = FALSE;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (chart != NULL, FALSE);

  if (!(width >= 1.0 && height >= 1.0))
    return FALSE;

  pilote_chart_text_init (&text, style, NULL);
  compute_layout (&layout, &text, chart, width, height);

  if (!layout.empty && hypot (x - layout.cx, y - layout.cy) <= layout.outer)
    {
      found.series = 0;
      found.item = 0;
      found.value = chart->value;
      found.area.x = layout.cx - layout.outer;
      found.area.y = layout.cy - layout.outer;
      found.area.width = 2.0 * layout.outer;
      found.area.height = 2.0 * layout.outer;
      result = TRUE;
    }

  pilote_chart_text_clear (&text);

  if (hit != NULL)
    *hit = found;

  return result;
}
