/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>

#include "pilote-chart-scale.h"

/* The smallest step of 1, 2 or 5 times a power of ten at least @raw. */
static double
round_step_up (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double mantissa = raw / magnitude;

  if (mantissa <= 1.0 + 1e-9)
    return magnitude;
  if (mantissa <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (mantissa <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static double
next_step (double step)
{
  return round_step_up (step * 1.01);
}

/**
 * pilote_chart_scale_init:
 * @lo: the smallest value to show
 * @hi: the largest value to show
 * @max_ticks: the most ticks the axis has room for (at least 2, or 3
 *   across zero)
 *
 * Chooses an axis from @lo to @hi with round ticks, as few steps as
 * possible without more than @max_ticks ticks. Equal bounds get a range
 * around them (0 to 1 in one step when both are zero); bounds that are not
 * finite are taken as zero.
 */
void
pilote_chart_scale_init (PiloteChartScale      *scale,
                         double                 lo,
                         double                 hi,
                         guint                  max_ticks,
                         PiloteChartScaleFlags  flags)
{
  double step;

  g_return_if_fail (scale != NULL);

  if (!isfinite (lo))
    lo = 0.0;
  if (!isfinite (hi))
    hi = 0.0;
  if (lo > hi)
    {
      double swap = lo;

      lo = hi;
      hi = swap;
    }
  if (flags & PILOTE_CHART_SCALE_INCLUDE_ZERO)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
    }
  if (hi - lo <= fabs (hi) * 1e-12)
    {
      if (hi == 0.0)
        {
          /* nothing but zeros: the zero line and one tick above it */
          scale->min = 0.0;
          scale->max = 1.0;
          scale->step = 1.0;
          scale->n_ticks = 2;
          return;
        }
      else
        {
          double margin = fabs (hi) * 0.1;

          if (flags & PILOTE_CHART_SCALE_INTEGER)
            margin = MAX (margin, 1.0);
          lo -= margin;
          hi += margin;
        }
    }

  /* an axis across zero has ticks below, at and above it */
  max_ticks = MAX (max_ticks, lo < 0.0 && hi > 0.0 ? 3 : 2);
  step = round_step_up ((hi - lo) / (max_ticks - 1));

  for (;;)
    {
      double n;

      if ((flags & PILOTE_CHART_SCALE_INTEGER) && step < 1.0)
        step = 1.0;

      scale->step = step;
      scale->min = floor (lo / step + 1e-9) * step;
      scale->max = ceil (hi / step - 1e-9) * step;
      if (scale->max <= scale->min)
        scale->max = scale->min + step;

      n = round ((scale->max - scale->min) / step) + 1;
      if (n <= max_ticks)
        {
          scale->n_ticks = (guint) n;
          break;
        }
      step = next_step (step);
    }
}

/**
 * pilote_chart_scale_get_tick:
 * @index: from 0 to n_ticks - 1
 *
 * Returns: the value of a tick, exactly 0 for the tick at zero
 */
double
pilote_chart_scale_get_tick (const PiloteChartScale *scale,
                             guint                   index)
{
  double tick;

  g_return_val_if_fail (scale != NULL, 0.0);

  tick = scale->min + index * scale->step;
  if (fabs (tick) < scale->step * 1e-6)
    tick = 0.0;

  return tick;
}

/**
 * pilote_chart_scale_fraction:
 *
 * Returns: where @value lies on the axis, 0 at @min and 1 at @max
 */
double
pilote_chart_scale_fraction (const PiloteChartScale *scale,
                             double                  value)
{
  g_return_val_if_fail (scale != NULL, 0.0);

  return (value - scale->min) / (scale->max - scale->min);
}
