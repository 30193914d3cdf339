/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>

#include "pilote-chart-bars-private.h"

void
pilote_chart_bars_clear_labels (PiloteChartBarsLayout *layout)
{
  if (layout->labels == NULL)
    return;

  for (guint c = 0; c < layout->n_categories; c++)
    g_clear_object (&layout->labels[c]);
  g_clear_pointer (&layout->labels, g_free);
}

static void
reset_labels (PiloteChartBarsLayout *layout,
              const PiloteChartBars *chart)
{
  pilote_chart_bars_clear_labels (layout);
  layout->n_categories = chart->n_categories;
  layout->labels = g_new0 (PangoLayout *, chart->n_categories);
  layout->label_angle = 0.0;
}

static double
get_label_width (PiloteChartText *text,
                 const char      *label)
{
  return pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, label);
}

static gboolean
words_fit (PiloteChartText *text,
           const char      *label,
           double           width)
{
  g_auto(GStrv) words = g_strsplit (label, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (get_label_width (text, words[i]) > width)
      return FALSE;

  return TRUE;
}

/* Labels on two lines under their columns, when each word fits a
 * column's width and, unless @ellipsize, each label two lines.
 */
static gboolean
wrap_column_labels (PiloteChartBarsLayout *layout,
                    PiloteChartText       *text,
                    const PiloteChartBars *chart,
                    double                 avail,
                    gboolean               ellipsize,
                    double                *area)
{
  double tallest = 0.0;

  for (guint c = 0; c < chart->n_categories; c++)
    {
      const char *label = pilote_chart_bars_get_category (chart, c);
      PangoLayout *wrapped;
      double height;

      if (!words_fit (text, label, avail))
        return FALSE;

      wrapped = pilote_chart_text_new_layout (text, PILOTE_CHART_FONT_SMALL, label, avail);
      layout->labels[c] = wrapped;
      pango_layout_set_wrap (wrapped, PANGO_WRAP_WORD);
      pango_layout_set_height (wrapped, -2);
      pango_layout_set_alignment (wrapped, PANGO_ALIGN_CENTER);
      if (!ellipsize && pango_layout_is_ellipsized (wrapped))
        return FALSE;

      pilote_chart_layout_get_size (wrapped, NULL, &height);
      tallest = MAX (tallest, height);
    }

  *area = tallest + text->gap;

  return TRUE;
}

/**
 * pilote_chart_bars_fit_column_labels:
 *
 * Lays out the category labels under the columns: on one line where they
 * fit, else on two (ellipsized on wide columns), else rotated by 45°
 * (90° when the columns are thinner than a line, labelling only every
 * n-th), ellipsized so that they never take more than @max_area of height
 * nor leave the chart's padding; or not at all when @max_area is less than
 * a line.
 *
 * Returns: the height the labels take under the plot
 */
double
pilote_chart_bars_fit_column_labels (PiloteChartBarsLayout *layout,
                                     PiloteChartText       *text,
                                     const PiloteChartBars *chart,
                                     double                 max_area)
{
  double h = text->small_height;
  double avail = layout->band - text->gap;
  double natural = 0.0;
  double area = 0.0;
  double sine, cosine, max_length;
  guint every;

  reset_labels (layout, chart);

  if (max_area < h + text->gap)
    return 0.0;

  for (guint c = 0; c < chart->n_categories; c++)
    natural = MAX (natural, get_label_width (text, pilote_chart_bars_get_category (chart, c)));

  if (natural <= avail)
    {
      for (guint c = 0; c < chart->n_categories; c++)
        layout->labels[c] = pilote_chart_text_new_layout (text, PILOTE_CHART_FONT_SMALL,
                                                          pilote_chart_bars_get_category (chart, c),
                                                          0.0);
      return h + text->gap;
    }

  if (avail >= 3.0 * h && 2.0 * h + text->gap <= max_area
      && wrap_column_labels (layout, text, chart, avail, avail >= 6.0 * h, &area))
    return area;

  reset_labels (layout, chart);

  if (layout->band >= h * 1.45)
    {
      layout->label_angle = G_PI / 4.0;
      every = 1;
    }
  else
    {
      layout->label_angle = G_PI / 2.0;
      every = (guint) ceil (h * 1.1 / layout->band);
    }

  sine = sin (layout->label_angle);
  cosine = cos (layout->label_angle);
  max_length = (max_area - text->gap - h * cosine) / sine;
  if (max_length < 2.0 * h)
    return 0.0;
  area = text->gap + h;

  for (guint c = 0; c < chart->n_categories; c += every)
    {
      const char *label = pilote_chart_bars_get_category (chart, c);
      double anchor = pilote_chart_bars_get_band_start (layout, c) + layout->band / 2.0;
      double length = max_length;
      double width;

      /* keep the label's far end inside the padding */
      if (cosine > 0.01)
        length = MIN (length, (anchor - text->pad - h / 2.0 * sine) / cosine);
      length = MAX (length, h);

      if (get_label_width (text, label) <= length)
        length = 0.0;
      layout->labels[c] = pilote_chart_text_new_layout (text, PILOTE_CHART_FONT_SMALL,
                                                        label, length);
      pilote_chart_layout_get_size (layout->labels[c], &width, NULL);
      area = MAX (area, text->gap + width * sine + h * cosine);
    }

  return ceil (area);
}

/**
 * pilote_chart_bars_fit_row_labels:
 *
 * Lays out the category labels beside horizontal bars, ellipsized beyond
 * @max_width, every n-th only when the rows are thinner than a line.
 */
void
pilote_chart_bars_fit_row_labels (PiloteChartBarsLayout *layout,
                                  PiloteChartText       *text,
                                  const PiloteChartBars *chart,
                                  double                 max_width)
{
  guint every = (guint) MAX (1.0, ceil (text->small_height * 1.05 / layout->band));

  reset_labels (layout, chart);
  for (guint c = 0; c < chart->n_categories; c += every)
    {
      const char *label = pilote_chart_bars_get_category (chart, c);

      layout->labels[c] = pilote_chart_text_new_layout (text, PILOTE_CHART_FONT_SMALL, label,
                                                        get_label_width (text, label) > max_width
                                                          ? max_width : 0.0);
    }
}

/**
 * pilote_chart_bars_value_label_width:
 * @stacked: whether the labels are the totals of stacks
 *
 * Returns: the width of the widest value label
 */
double
pilote_chart_bars_value_label_width (PiloteChartText       *text,
                                     const PiloteChartBars *chart,
                                     gboolean               stacked,
                                     gboolean               short_form)
{
  double widest = 0.0;

  for (guint c = 0; c < chart->n_categories; c++)
    {
      double positive, negative;

      if (!pilote_chart_bars_get_stack (chart, c, &positive, &negative))
        continue;
      for (guint s = 0; s < (stacked ? 2 : chart->n_series); s++)
        {
          double value = stacked ? (s == 0 ? positive : negative)
                                 : pilote_chart_bars_get_value (chart, s, c);
          g_autofree char *label = NULL;

          if (!isfinite (value) || (stacked && s == 1 && value == 0.0))
            continue;
          label = pilote_chart_format (text, value, chart->kind, short_form);
          widest = MAX (widest, get_label_width (text, label));
        }
    }

  return widest;
}

void
pilote_chart_bars_draw_category_labels (cairo_t                     *cr,
                                        PiloteChartText             *text,
                                        const PiloteChartBarsLayout *layout,
                                        const PiloteChartBars       *chart)
{
  const PiloteChartColor *color = &text->style->foreground;
  double bottom = layout->plot.y + layout->plot.height;

  for (guint c = 0; c < layout->n_categories; c++)
    {
      PangoLayout *label = layout->labels[c];
      double middle = pilote_chart_bars_get_band_start (layout, c) + layout->band / 2.0;

      if (label == NULL)
        continue;

      if (layout->horizontal)
        {
          pilote_chart_draw_layout (cr, label, layout->plot.x - text->gap, middle, 1.0, 0.5, color);
        }
      else if (layout->label_angle == 0.0)
        {
          pilote_chart_draw_layout (cr, label, middle, bottom + text->gap, 0.5, 0.0, color);
        }
      else
        {
          double y = bottom + text->gap + text->small_height / 2.0 * cos (layout->label_angle);

          /* the end of the label at its column, the rest down to the left */
          cairo_save (cr);
          cairo_translate (cr, middle, y);
          cairo_rotate (cr, -layout->label_angle);
          pango_cairo_update_layout (cr, label);
          pilote_chart_draw_layout (cr, label, 0.0, 0.0, 1.0, 0.5, color);
          cairo_restore (cr);
          /* and the shared Pango context back to the unrotated matrix */
          pango_cairo_update_layout (cr, label);
        }
    }
}

/* Writes @value beyond the end of @bar, or inside it when there is no
 * room beyond, or nowhere when it fits neither (half a unit of slack for
 * the layout's rounding).
 */
static void
draw_value_label (cairo_t                     *cr,
                  PiloteChartText             *text,
                  const PiloteChartBarsLayout *layout,
                  const PiloteChartBars       *chart,
                  const cairo_rectangle_t     *bar,
                  double                       value,
                  double                       slot,
                  const PiloteChartColor      *fill)
{
  const PiloteChartColor *outside = &text->style->foreground;
  const PiloteChartColor *inside = fill != NULL ? pilote_chart_color_on (fill) : NULL;
  g_autofree char *str = pilote_chart_format (text, value, chart->kind, layout->value_short);
  PangoLayout *label = pilote_chart_text_layout (text, PILOTE_CHART_FONT_SMALL, str, 0.0);
  double space = PILOTE_CHART_BARS_VALUE_SPACE (text);
  double w, h;

  pilote_chart_layout_get_size (label, &w, &h);

  if (layout->horizontal)
    {
      double middle = bar->y + bar->height / 2.0;
      double right = bar->x + bar->width;
      gboolean fits_inside = inside != NULL && bar->width >= w + 2.0 * text->gap;

      if (h > slot)
        return;
      if (value >= 0.0 && right + space + w <= layout->area.x + layout->area.width + 0.5)
        pilote_chart_draw_layout (cr, label, right + space, middle, 0.0, 0.5, outside);
      else if (value < 0.0 && bar->x - space - w >= layout->plot.x - 0.5)
        pilote_chart_draw_layout (cr, label, bar->x - space, middle, 1.0, 0.5, outside);
      else if (fits_inside && value >= 0.0)
        pilote_chart_draw_layout (cr, label, right - text->gap, middle, 1.0, 0.5, inside);
      else if (fits_inside)
        pilote_chart_draw_layout (cr, label, bar->x + text->gap, middle, 0.0, 0.5, inside);
    }
  else
    {
      double middle = bar->x + bar->width / 2.0;
      double bottom = bar->y + bar->height;
      gboolean fits_inside = inside != NULL && bar->height >= h + 2.0 * space;

      if (w > slot)
        return;
      if (value >= 0.0 && bar->y - space - h >= layout->area.y - 0.5)
        pilote_chart_draw_layout (cr, label, middle, bar->y - space, 0.5, 1.0, outside);
      else if (value < 0.0 && bottom + space + h <= layout->plot.y + layout->plot.height + 0.5)
        pilote_chart_draw_layout (cr, label, middle, bottom + space, 0.5, 0.0, outside);
      else if (fits_inside && value >= 0.0)
        pilote_chart_draw_layout (cr, label, middle, bar->y + space, 0.5, 0.0, inside);
      else if (fits_inside)
        pilote_chart_draw_layout (cr, label, middle, bottom - space, 0.5, 1.0, inside);
    }
}

/* Stacks: each segment's value inside it where it fits, the totals
 * beyond the ends of the stack.
 */
static void
draw_stack_labels (cairo_t                     *cr,
                   PiloteChartText             *text,
                   const PiloteChartBarsLayout *layout,
                   const PiloteChartBars       *chart,
                   guint                        c)
{
  double start = pilote_chart_bars_get_band_start (layout, c) + layout->offset;
  double slot = layout->band - text->gap;
  double positive, negative;
  cairo_rectangle_t rect;

  for (guint s = 0; s < chart->n_series; s++)
    {
      double value = pilote_chart_bars_get_value (chart, s, c);
      const PiloteChartColor *fill = pilote_chart_bars_get_color (text->style, chart, s, value);
      g_autofree char *str = NULL;
      double w, h;

      if (!pilote_chart_bars_get_rect (layout, chart, s, c, &rect) || value == 0.0)
        continue;
      str = pilote_chart_format (text, value, chart->kind, TRUE);
      pilote_chart_layout_get_size (pilote_chart_text_layout (text, PILOTE_CHART_FONT_SMALL,
                                                              str, 0.0), &w, &h);
      if (rect.width >= w + 4.0 && rect.height >= h + 2.0)
        pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, str,
                                rect.x + rect.width / 2.0, rect.y + rect.height / 2.0, 0.5, 0.5,
                                0.0, pilote_chart_color_on (fill));
    }

  if (!pilote_chart_bars_get_stack (chart, c, &positive, &negative))
    return;
  if (positive > 0.0 || negative == 0.0)
    {
      pilote_chart_bars_set_rect (layout, start, layout->thickness, 0.0, positive, &rect);
      draw_value_label (cr, text, layout, chart, &rect, positive, slot, NULL);
    }
  if (negative < 0.0)
    {
      pilote_chart_bars_set_rect (layout, start, layout->thickness, negative, 0.0, &rect);
      draw_value_label (cr, text, layout, chart, &rect, negative, slot, NULL);
    }
}

void
pilote_chart_bars_draw_value_labels (cairo_t                     *cr,
                                     PiloteChartText             *text,
                                     const PiloteChartBarsLayout *layout,
                                     const PiloteChartBars       *chart)
{
  gboolean grouped = !layout->stacked && chart->n_series > 1;
  double slot = grouped ? layout->thickness : layout->band - text->gap;

  for (guint c = 0; c < chart->n_categories; c++)
    {
      if (layout->stacked)
        {
          draw_stack_labels (cr, text, layout, chart, c);
          continue;
        }
      for (guint s = 0; s < chart->n_series; s++)
        {
          double value = pilote_chart_bars_get_value (chart, s, c);
          cairo_rectangle_t rect;

          if (pilote_chart_bars_get_rect (layout, chart, s, c, &rect))
            draw_value_label (cr, text, layout, chart, &rect, value, slot,
                              pilote_chart_bars_get_color (text->style, chart, s, value));
        }
    }
}
