/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>

#include "pilote-chart-private.h"

/**
 * pilote_chart_begin:
 *
 * Saves the cairo state, clips to the chart's rectangle and paints the
 * background. Every successful call is matched by pilote_chart_end().
 *
 * Returns: %FALSE, drawing nothing, when the rectangle is empty
 */
gboolean
pilote_chart_begin (cairo_t                *cr,
                    const PiloteChartStyle *style,
                    double                  width,
                    double                  height)
{
  if (!(width >= 1.0 && height >= 1.0) || !isfinite (width) || !isfinite (height))
    return FALSE;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, 0.0, 0.0, width, height);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  if (style->fill_background)
    {
      pilote_chart_set_color (cr, &style->background, 1.0);
      cairo_paint (cr);
    }

  return TRUE;
}

void
pilote_chart_end (cairo_t *cr)
{
  cairo_restore (cr);
}

void
pilote_chart_set_color (cairo_t                *cr,
                        const PiloteChartColor *color,
                        double                  alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* @a blended towards @b by @amount, from 0 (@a) to 1 (@b). */
PiloteChartColor
pilote_chart_color_mix (const PiloteChartColor *a,
                        const PiloteChartColor *b,
                        double                  amount)
{
  PiloteChartColor mix;

  mix.red = a->red + (b->red - a->red) * amount;
  mix.green = a->green + (b->green - a->green) * amount;
  mix.blue = a->blue + (b->blue - a->blue) * amount;
  mix.alpha = a->alpha + (b->alpha - a->alpha) * amount;

  return mix;
}

static double
linearize (double component)
{
  return component <= 0.03928 ? component / 12.92 : pow ((component + 0.055) / 1.055, 2.4);
}

/**
 * pilote_chart_color_on:
 *
 * Returns: near-black or white, whichever reads better on @fill
 */
const PiloteChartColor *
pilote_chart_color_on (const PiloteChartColor *fill)
{
  static const PiloteChartColor dark = { 0.08, 0.08, 0.08, 1.0 };
  static const PiloteChartColor light = { 1.0, 1.0, 1.0, 1.0 };
  double luminance = 0.2126 * linearize (fill->red)
                     + 0.7152 * linearize (fill->green)
                     + 0.0722 * linearize (fill->blue);

  /* contrast with white (1.05 / (L + 0.05)) against contrast with black */
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 * 0.78 ? &light : &dark;
}

/* Where a line of @device_width pixels centred on @device lies crisp:
 * on a pixel's centre for an odd width, on a pixel's edge for an even one.
 */
static double
snap_device (double device,
             double device_width)
{
  long pixels = MAX (1, lround (fabs (device_width)));

  if (pixels % 2 == 1)
    return floor (device) + 0.5;

  return round (device);
}

void
pilote_chart_stroke_hline (cairo_t *cr,
                           double   x0,
                           double   x1,
                           double   y,
                           double   line_width)
{
  double dx = 0.0, dy = line_width;
  double px = x0, py = y;

  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_user_to_device (cr, &px, &py);
  py = snap_device (py, hypot (dx, dy));
  cairo_device_to_user (cr, &px, &py);

  cairo_new_path (cr);
  cairo_move_to (cr, x0, py);
  cairo_line_to (cr, x1, py);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

void
pilote_chart_stroke_vline (cairo_t *cr,
                           double   x,
                           double   y0,
                           double   y1,
                           double   line_width)
{
  double dx = line_width, dy = 0.0;
  double px = x, py = y0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_user_to_device (cr, &px, &py);
  px = snap_device (px, hypot (dx, dy));
  cairo_device_to_user (cr, &px, &py);

  cairo_new_path (cr);
  cairo_move_to (cr, px, y0);
  cairo_line_to (cr, px, y1);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

/* Rounds an edge to a device pixel, keeping a non-empty span at least one
 * pixel wide.
 */
static void
snap_span (double *lo,
           double *hi)
{
  double a = round (*lo);
  double b = round (*hi);

  if (*hi > *lo && b <= a)
    b = a + 1.0;
  *lo = a;
  *hi = b;
}

/**
 * pilote_chart_fill_rect:
 *
 * Fills a rectangle with edges on device pixels, so that bars are crisp.
 */
void
pilote_chart_fill_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   width,
                        double   height)
{
  double x0 = x, y0 = y, x1 = x + width, y1 = y + height;

  if (width <= 0.0 || height <= 0.0)
    return;

  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  if (x0 > x1)
    {
      double swap = x0;

      x0 = x1;
      x1 = swap;
    }
  if (y0 > y1)
    {
      double swap = y0;

      y0 = y1;
      y1 = swap;
    }
  snap_span (&x0, &x1);
  snap_span (&y0, &y1);
  cairo_device_to_user (cr, &x0, &y0);
  cairo_device_to_user (cr, &x1, &y1);

  cairo_new_path (cr);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_fill (cr);
}

gboolean
pilote_chart_rect_contains (const cairo_rectangle_t *rect,
                            double                   x,
                            double                   y)
{
  return x >= rect->x && x < rect->x + rect->width
         && y >= rect->y && y < rect->y + rect->height;
}

/* Value axes */

static void
free_labels (PiloteChartAxis *axis)
{
  g_clear_pointer (&axis->labels, g_strfreev);
}

/* Formats the ticks; returns %FALSE when two neighbours read the same. */
static gboolean
format_labels (PiloteChartAxis *axis,
               PiloteChartText *text,
               gboolean         short_form)
{
  gboolean distinct = TRUE;

  free_labels (axis);
  axis->labels = g_new0 (char *, axis->scale.n_ticks + 1);
  axis->label_width = 0.0;

  for (guint i = 0; i < axis->scale.n_ticks; i++)
    {
      double tick = pilote_chart_scale_get_tick (&axis->scale, i);

      axis->labels[i] = pilote_chart_format (text, tick, axis->kind, short_form);
      axis->label_width = MAX (axis->label_width,
                               pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL,
                                                        axis->labels[i]));
      if (i > 0 && g_strcmp0 (axis->labels[i - 1], axis->labels[i]) == 0)
        distinct = FALSE;
    }

  return distinct;
}

/* Short labels ("1.4 M", "40 %") where they fit and still tell the ticks
 * apart, since round ticks lose nothing to them; else full labels.
 * Returns %FALSE when neither fits in @max_width, keeping the narrower.
 */
static gboolean
choose_labels (PiloteChartAxis *axis,
               PiloteChartText *text,
               double           max_width)
{
  gboolean short_distinct = format_labels (axis, text, TRUE);
  double short_width = axis->label_width;
  gboolean full_distinct;

  if (short_distinct && short_width <= max_width)
    return TRUE;

  full_distinct = format_labels (axis, text, FALSE);
  if (full_distinct && axis->label_width <= max_width)
    return TRUE;

  if (short_distinct && (short_width < axis->label_width || !full_distinct))
    format_labels (axis, text, TRUE);

  return FALSE;
}

static guint
get_label_every (const PiloteChartAxis *axis,
                 PiloteChartText       *text,
                 double                 length,
                 gboolean               horizontal)
{
  double spacing = length * axis->scale.step / (axis->to - axis->from);
  double needed = horizontal ? axis->label_width + 2.0 * text->gap : text->small_height * 1.1;

  return (guint) MAX (1.0, ceil (needed / spacing));
}

/* Few ticks may leave most of a short axis empty (0 to 2 M for values up
 * to 1.25 M): finer steps then, as many as @max_lines grid lines, some of
 * them unlabelled. Returns whether the steps changed.
 */
static gboolean
refine_scale (PiloteChartScale      *scale,
              double                 lo,
              double                 hi,
              PiloteChartScaleFlags  flags,
              double                 max_lines)
{
  PiloteChartScale finer;
  double used;

  if (flags & PILOTE_CHART_SCALE_INCLUDE_ZERO)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
    }
  used = (hi - lo) / (scale->max - scale->min);
  if (!(used < 0.7) || max_lines < scale->n_ticks + 1)
    return FALSE;

  pilote_chart_scale_init (&finer, lo, hi, (guint) MIN (max_lines, 2 * scale->n_ticks), flags);
  if (finer.n_ticks <= scale->n_ticks)
    return FALSE;

  *scale = finer;
  return TRUE;
}

/**
 * pilote_chart_axis_init:
 * @length: the length of the axis in user units
 * @max_label_width: for a vertical axis, the widest labels may be before
 *   they are abbreviated
 * @horizontal: whether the axis runs along the bottom, its labels side
 *   by side
 *
 * Chooses round ticks for values from @lo to @hi, as many as the length
 * holds, and their labels, abbreviated when space is short.
 */
void
pilote_chart_axis_init (PiloteChartAxis       *axis,
                        PiloteChartText       *text,
                        PiloteChartValueKind   kind,
                        double                 lo,
                        double                 hi,
                        PiloteChartScaleFlags  flags,
                        double                 length,
                        double                 max_label_width,
                        gboolean               horizontal)
{
  guint max_ticks;
  guint previous = 0;
  double spacing;

  axis->kind = kind;
  axis->labels = NULL;
  if (kind == PILOTE_CHART_VALUE_COUNT || kind == PILOTE_CHART_VALUE_DAYS)
    flags |= PILOTE_CHART_SCALE_INTEGER;

  if (!horizontal)
    {
      max_ticks = (guint) CLAMP (floor (length / (text->small_height * 1.9)) + 1, 2, 9);
      pilote_chart_scale_init (&axis->scale, lo, hi, max_ticks, flags);
      refine_scale (&axis->scale, lo, hi, flags, length / (text->small_height * 0.9));
      choose_labels (axis, text, max_label_width);
      axis->from = axis->scale.min;
      axis->to = axis->scale.max;
      axis->label_every = get_label_every (axis, text, length, FALSE);
      return;
    }

  max_ticks = (guint) CLAMP (floor (length / (text->line_height * 3.0)) + 1, 2, 11);
  for (;;)
    {
      pilote_chart_scale_init (&axis->scale, lo, hi, max_ticks, flags);
      spacing = length / MAX (1, axis->scale.n_ticks - 1);
      if (choose_labels (axis, text, spacing - 2.0 * text->gap)
          || (previous != 0 && axis->scale.n_ticks >= previous))
        break;
      previous = axis->scale.n_ticks;
      max_ticks = axis->scale.n_ticks - 1;
    }

  /* finer steps for a mostly empty axis; labels that still do not fit
   * leave some ticks unlabelled
   */
  if (refine_scale (&axis->scale, lo, hi, flags, length / (text->small_height * 0.9)))
    choose_labels (axis, text, length / (axis->scale.n_ticks - 1) - 2.0 * text->gap);
  axis->from = axis->scale.min;
  axis->to = axis->scale.max;
  axis->label_every = get_label_every (axis, text, length, TRUE);
}

/**
 * pilote_chart_axis_stretch:
 * @from: the value at the start of the axis, at most its first tick
 * @to: the value at its end, at least its last tick
 *
 * Reaches the axis beyond its first and last ticks, labelling fewer ticks
 * if they come too close.
 */
void
pilote_chart_axis_stretch (PiloteChartAxis *axis,
                           PiloteChartText *text,
                           double           from,
                           double           to,
                           double           length,
                           gboolean         horizontal)
{
  axis->from = MIN (from, axis->scale.min);
  axis->to = MAX (to, axis->scale.max);
  axis->label_every = get_label_every (axis, text, length, horizontal);
}

void
pilote_chart_axis_clear (PiloteChartAxis *axis)
{
  free_labels (axis);
}

/* Where @value lies between @start (where the axis starts) and @end. */
double
pilote_chart_axis_position (const PiloteChartAxis *axis,
                            double                 value,
                            double                 start,
                            double                 end)
{
  return start + (end - start) * (value - axis->from) / (axis->to - axis->from);
}

/* Whether tick @i is labelled: every n-th, counted from zero when zero is
 * on the axis, so that zero always is.
 */
static gboolean
is_labelled (const PiloteChartAxis *axis,
             guint                  i)
{
  int zero = 0;

  if (axis->scale.min <= 0.0 && axis->scale.max >= 0.0)
    zero = (int) round (-axis->scale.min / axis->scale.step);

  return ABS ((int) i - zero) % (int) axis->label_every == 0;
}

/**
 * pilote_chart_axis_draw_left:
 *
 * Draws horizontal grid lines across @plot at the ticks, labelled on its
 * left. The zero line is left to pilote_chart_axis_draw_zero(), drawn
 * over the data.
 */
void
pilote_chart_axis_draw_left (cairo_t                 *cr,
                             PiloteChartText         *text,
                             const PiloteChartAxis   *axis,
                             const cairo_rectangle_t *plot)
{
  const PiloteChartStyle *style = text->style;
  double bottom = plot->y + plot->height;

  for (guint i = 0; i < axis->scale.n_ticks; i++)
    {
      double tick = pilote_chart_scale_get_tick (&axis->scale, i);
      double y = pilote_chart_axis_position (axis, tick, bottom, plot->y);

      if (tick != 0.0)
        {
          pilote_chart_set_color (cr, &style->grid, 1.0);
          pilote_chart_stroke_hline (cr, plot->x, plot->x + plot->width, y, style->grid_width);
        }
      if (is_labelled (axis, i))
        pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, axis->labels[i],
                                plot->x - text->gap, y, 1.0, 0.5, 0.0, &style->secondary);
    }
}

/**
 * pilote_chart_axis_draw_bottom:
 *
 * Draws vertical grid lines across @plot at the ticks, labelled below it.
 */
void
pilote_chart_axis_draw_bottom (cairo_t                 *cr,
                               PiloteChartText         *text,
                               const PiloteChartAxis   *axis,
                               const cairo_rectangle_t *plot)
{
  const PiloteChartStyle *style = text->style;
  double bottom = plot->y + plot->height;

  for (guint i = 0; i < axis->scale.n_ticks; i++)
    {
      double tick = pilote_chart_scale_get_tick (&axis->scale, i);
      double x = pilote_chart_axis_position (axis, tick, plot->x, plot->x + plot->width);

      if (tick != 0.0)
        {
          pilote_chart_set_color (cr, &style->grid, 1.0);
          pilote_chart_stroke_vline (cr, x, plot->y, bottom, style->grid_width);
        }
      if (is_labelled (axis, i))
        pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, axis->labels[i],
                                x, bottom + text->gap, 0.5, 0.0, 0.0, &style->secondary);
    }
}

/**
 * pilote_chart_axis_draw_zero:
 * @horizontal: whether the axis runs along the bottom
 *
 * Draws the zero line across @plot, when zero is on the axis.
 */
void
pilote_chart_axis_draw_zero (cairo_t                 *cr,
                             PiloteChartText         *text,
                             const PiloteChartAxis   *axis,
                             const cairo_rectangle_t *plot,
                             gboolean                 horizontal)
{
  const PiloteChartStyle *style = text->style;
  double bottom = plot->y + plot->height;

  if (axis->scale.min > 0.0 || axis->scale.max < 0.0)
    return;

  pilote_chart_set_color (cr, &style->axis, 1.0);
  if (horizontal)
    pilote_chart_stroke_vline (cr, pilote_chart_axis_position (axis, 0.0, plot->x,
                                                               plot->x + plot->width),
                               plot->y, bottom, style->axis_width);
  else
    pilote_chart_stroke_hline (cr, plot->x, plot->x + plot->width,
                               pilote_chart_axis_position (axis, 0.0, bottom, plot->y),
                               style->axis_width);
}
