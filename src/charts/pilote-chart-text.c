/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pilote-chart-private.h"

#define DEFAULT_FONT "Sans 12px"
#define SMALL_FONT_SCALE 0.88

static PangoFontDescription *
scale_font (const PangoFontDescription *base,
            double                      factor)
{
  PangoFontDescription *font = pango_font_description_copy (base);
  int size = (int) round (pango_font_description_get_size (base) * factor);

  if (pango_font_description_get_size_is_absolute (base))
    pango_font_description_set_absolute_size (font, size);
  else
    pango_font_description_set_size (font, size);

  return font;
}

static double
measure_line_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_extents (layout, NULL, &logical);

  return (double) logical.height / PANGO_SCALE;
}

/**
 * pilote_chart_text_init:
 * @cr: (nullable): the cairo context drawn on, %NULL to measure only
 *
 * Sets up the Pango context of a drawing or hit-test from the style.
 */
void
pilote_chart_text_init (PiloteChartText        *text,
                        const PiloteChartStyle *style,
                        cairo_t                *cr)
{
  PangoFontDescription *base;
  cairo_font_options_t *options;

  text->style = style;
  text->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  options = style->font_options != NULL ? cairo_font_options_copy (style->font_options)
                                        : cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (text->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (text->context, 96.0);
  pango_context_set_round_glyph_positions (text->context, FALSE);
  if (cr != NULL)
    pango_cairo_update_context (cr, text->context);

  base = pango_font_description_from_string (style->font != NULL ? style->font : DEFAULT_FONT);
  if (pango_font_description_get_size (base) <= 0)
    pango_font_description_set_absolute_size (base, 12 * PANGO_SCALE);

  text->fonts[PILOTE_CHART_FONT_NORMAL] = base;
  text->fonts[PILOTE_CHART_FONT_SMALL] = scale_font (base, SMALL_FONT_SCALE);
  text->fonts[PILOTE_CHART_FONT_BOLD] = pango_font_description_copy (base);
  pango_font_description_set_weight (text->fonts[PILOTE_CHART_FONT_BOLD], PANGO_WEIGHT_BOLD);

  for (guint i = 0; i < PILOTE_CHART_N_FONTS; i++)
    {
      text->layouts[i] = pango_layout_new (text->context);
      pango_layout_set_font_description (text->layouts[i], text->fonts[i]);
    }

  text->line_height = measure_line_height (text->layouts[PILOTE_CHART_FONT_NORMAL]);
  text->small_height = measure_line_height (text->layouts[PILOTE_CHART_FONT_SMALL]);
  text->pad = round (text->line_height * 0.5);
  text->gap = round (text->line_height * 0.4);
}

void
pilote_chart_text_clear (PiloteChartText *text)
{
  for (guint i = 0; i < PILOTE_CHART_N_FONTS; i++)
    {
      g_clear_object (&text->layouts[i]);
      g_clear_pointer (&text->fonts[i], pango_font_description_free);
    }
  g_clear_object (&text->context);
}

static void
setup_layout (PangoLayout *layout,
              const char  *str,
              double       max_width)
{
  pango_layout_set_text (layout, str != NULL ? str : "", -1);
  if (max_width > 0.0)
    {
      pango_layout_set_width (layout, (int) floor (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
}

/**
 * pilote_chart_text_layout:
 * @max_width: the width beyond which @str is ellipsized, 0 for none
 *
 * Returns: (transfer none): the font's shared layout holding @str, valid
 *   until the next call for the same font
 */
PangoLayout *
pilote_chart_text_layout (PiloteChartText *text,
                          PiloteChartFont  font,
                          const char      *str,
                          double           max_width)
{
  PangoLayout *layout = text->layouts[font];

  setup_layout (layout, str, max_width);

  return layout;
}

/**
 * pilote_chart_text_new_layout:
 *
 * Like pilote_chart_text_layout(), for a layout kept from the layout of a
 * chart to its drawing.
 *
 * Returns: (transfer full): a new single-line layout
 */
PangoLayout *
pilote_chart_text_new_layout (PiloteChartText *text,
                              PiloteChartFont  font,
                              const char      *str,
                              double           max_width)
{
  PangoLayout *layout = pango_layout_new (text->context);

  pango_layout_set_font_description (layout, text->fonts[font]);
  setup_layout (layout, str, max_width);

  return layout;
}

/**
 * pilote_chart_text_new_sized_layout:
 * @size: the font size in user units
 *
 * Returns: (transfer full): a new single-line layout of @str in @font,
 *   at @size
 */
PangoLayout *
pilote_chart_text_new_sized_layout (PiloteChartText *text,
                                    PiloteChartFont  font,
                                    const char      *str,
                                    double           size)
{
  PangoLayout *layout = pango_layout_new (text->context);
  PangoFontDescription *sized = pango_font_description_copy (text->fonts[font]);

  pango_font_description_set_absolute_size (sized, MAX (1.0, size) * PANGO_SCALE);
  pango_layout_set_font_description (layout, sized);
  pango_layout_set_text (layout, str != NULL ? str : "", -1);
  pango_font_description_free (sized);

  return layout;
}

double
pilote_chart_text_width (PiloteChartText *text,
                         PiloteChartFont  font,
                         const char      *str)
{
  double width;

  pilote_chart_layout_get_size (pilote_chart_text_layout (text, font, str, 0.0), &width, NULL);

  return width;
}

void
pilote_chart_layout_get_size (PangoLayout *layout,
                              double      *width,
                              double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/**
 * pilote_chart_draw_layout:
 * @xalign: which point of the text lands on @x: 0 its left, 1 its right
 * @yalign: which point of the text lands on @y: 0 its top, 1 its bottom
 */
void
pilote_chart_draw_layout (cairo_t                *cr,
                          PangoLayout            *layout,
                          double                  x,
                          double                  y,
                          double                  xalign,
                          double                  yalign,
                          const PiloteChartColor *color)
{
  PangoRectangle logical;
  double lx, ly, lw, lh;

  pango_layout_get_extents (layout, NULL, &logical);
  lx = (double) logical.x / PANGO_SCALE;
  ly = (double) logical.y / PANGO_SCALE;
  lw = (double) logical.width / PANGO_SCALE;
  lh = (double) logical.height / PANGO_SCALE;

  pilote_chart_set_color (cr, color, 1.0);
  cairo_move_to (cr, x - lx - xalign * lw, y - ly - yalign * lh);
  pango_cairo_show_layout (cr, layout);
}

void
pilote_chart_draw_text (cairo_t                *cr,
                        PiloteChartText        *text,
                        PiloteChartFont         font,
                        const char             *str,
                        double                  x,
                        double                  y,
                        double                  xalign,
                        double                  yalign,
                        double                  max_width,
                        const PiloteChartColor *color)
{
  PangoLayout *layout = pilote_chart_text_layout (text, font, str, max_width);

  pilote_chart_draw_layout (cr, layout, x, y, xalign, yalign, color);
}

/**
 * pilote_chart_draw_empty:
 *
 * Writes "No data" in the middle of the chart.
 */
void
pilote_chart_draw_empty (cairo_t         *cr,
                         PiloteChartText *text,
                         double           width,
                         double           height)
{
  double max_width = MAX (1.0, width - 2.0 * text->pad);

  pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_NORMAL, _("No data"),
                          width / 2.0, height / 2.0, 0.5, 0.5, max_width,
                          &text->style->secondary);
}

char *
pilote_chart_format (PiloteChartText      *text,
                     double                value,
                     PiloteChartValueKind  kind,
                     gboolean              short_form)
{
  return pilote_chart_style_format (text->style, value, kind, short_form);
}

/* Legends */

void
pilote_chart_legend_init (PiloteChartLegend *legend)
{
  legend->entries = g_array_new (FALSE, TRUE, sizeof (PiloteChartLegendEntry));
  legend->height = 0.0;
}

void
pilote_chart_legend_clear (PiloteChartLegend *legend)
{
  g_clear_pointer (&legend->entries, g_array_unref);
}

void
pilote_chart_legend_add (PiloteChartLegend      *legend,
                         const char             *label,
                         const PiloteChartColor *color,
                         PiloteChartSwatch       swatch,
                         int                     item)
{
  PiloteChartLegendEntry entry = { 0 };

  if (label == NULL || *label == '\0')
    return;

  entry.label = label;
  entry.color = *color;
  entry.swatch = swatch;
  entry.item = item;
  g_array_append_val (legend->entries, entry);
}

double
pilote_chart_swatch_size (PiloteChartText *text)
{
  return round (text->small_height * 0.7);
}

static double
get_swatch_lead (PiloteChartText              *text,
                 const PiloteChartLegendEntry *entry)
{
  double swatch = pilote_chart_swatch_size (text);

  return swatch * (entry->swatch == PILOTE_CHART_SWATCH_BOX ? 1.0 : 1.8) + text->gap;
}

/* Places the entries in rows, each as wide as its label or @entry_width
 * at most; returns the legend's height.
 */
static double
flow_entries (PiloteChartLegend *legend,
              PiloteChartText   *text,
              double             x,
              double             y,
              double             max_width,
              double             entry_width)
{
  double row_height = ceil (text->small_height * 1.15);
  double spacing = round (text->line_height);
  double cx = x;
  double cy = y;

  for (guint i = 0; i < legend->entries->len; i++)
    {
      PiloteChartLegendEntry *entry = &g_array_index (legend->entries, PiloteChartLegendEntry, i);
      double lead = get_swatch_lead (text, entry);
      double label_width = pilote_chart_text_width (text, PILOTE_CHART_FONT_SMALL, entry->label);
      double width;

      label_width = MIN (label_width, MAX (0.0, MIN (max_width, entry_width) - lead));
      width = lead + label_width;
      if (cx > x && cx + width > x + max_width)
        {
          cx = x;
          cy += row_height;
        }

      entry->label_width = label_width;
      entry->area.x = cx;
      entry->area.y = cy;
      entry->area.width = width;
      entry->area.height = row_height;
      cx += width + spacing;
    }

  return cy + row_height - y;
}

/**
 * pilote_chart_legend_layout:
 * @max_height: the most height the legend may take
 *
 * Places the entries in rows from (@x, @y), wrapping at @max_width. When
 * the rows would be higher than @max_height, the entries share one row,
 * their labels ellipsized; when even that leaves too little of each label,
 * the legend is dropped. Sets the legend's height, 0 when it is empty.
 */
void
pilote_chart_legend_layout (PiloteChartLegend *legend,
                            PiloteChartText   *text,
                            double             x,
                            double             y,
                            double             max_width,
                            double             max_height)
{
  double spacing = round (text->line_height);
  guint n = legend->entries->len;
  double share;

  legend->height = 0.0;
  if (n == 0)
    return;

  legend->height = flow_entries (legend, text, x, y, max_width, max_width);
  if (legend->height <= max_height)
    return;

  share = (max_width - spacing * (n - 1)) / n;
  legend->height = flow_entries (legend, text, x, y, max_width, share);
  if (legend->height <= max_height && legend->height <= ceil (text->small_height * 1.15)
      && share - get_swatch_lead (text, &g_array_index (legend->entries,
                                                        PiloteChartLegendEntry, 0))
         >= 3.0 * text->small_height)
    return;

  g_array_set_size (legend->entries, 0);
  legend->height = 0.0;
}

void
pilote_chart_draw_swatch (cairo_t                *cr,
                          PiloteChartText        *text,
                          const PiloteChartColor *color,
                          PiloteChartSwatch       swatch,
                          double                  x,
                          double                  y)
{
  double size = pilote_chart_swatch_size (text);
  double line_width = MAX (2.0, text->style->line_width);
  double dashes[] = { size * 0.45, size * 0.3 };

  switch (swatch)
    {
    case PILOTE_CHART_SWATCH_BOX:
      pilote_chart_set_color (cr, color, 1.0);
      pilote_chart_fill_rect (cr, x, y - size / 2.0, size, size);
      break;

    case PILOTE_CHART_SWATCH_LINE:
    case PILOTE_CHART_SWATCH_DASH:
      pilote_chart_set_color (cr, color, 1.0);
      if (swatch == PILOTE_CHART_SWATCH_DASH)
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      pilote_chart_stroke_hline (cr, x, x + size * 1.8, y, line_width);
      cairo_set_dash (cr, NULL, 0, 0.0);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
pilote_chart_legend_draw (cairo_t                 *cr,
                          PiloteChartText         *text,
                          const PiloteChartLegend *legend)
{
  for (guint i = 0; i < legend->entries->len; i++)
    {
      const PiloteChartLegendEntry *entry =
        &g_array_index (legend->entries, PiloteChartLegendEntry, i);
      double mid = entry->area.y + entry->area.height / 2.0;
      double lead = get_swatch_lead (text, entry);

      pilote_chart_draw_swatch (cr, text, &entry->color, entry->swatch, entry->area.x, mid);
      if (entry->label_width >= 1.0)
        pilote_chart_draw_text (cr, text, PILOTE_CHART_FONT_SMALL, entry->label,
                                entry->area.x + lead, mid, 0.0, 0.5,
                                entry->label_width + 0.5, &text->style->foreground);
    }
}

/**
 * pilote_chart_legend_hit:
 *
 * Returns: the item of the entry under (@x, @y), or -1
 */
int
pilote_chart_legend_hit (const PiloteChartLegend *legend,
                         double                   x,
                         double                   y)
{
  for (guint i = 0; i < legend->entries->len; i++)
    {
      const PiloteChartLegendEntry *entry =
        &g_array_index (legend->entries, PiloteChartLegendEntry, i);

      if (pilote_chart_rect_contains (&entry->area, x, y))
        return entry->item;
    }

  return -1;
}
