/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pilote-chart-style.h"

#define MINUS_SIGN "\xe2\x88\x92"
#define NO_BREAK_SPACE "\xc2\xa0"
#define EM_DASH "\xe2\x80\x94"

#define RGB(hex) { (((hex) >> 16) & 0xff) / 255.0, (((hex) >> 8) & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }

G_DEFINE_BOXED_TYPE (PiloteChartStyle, pilote_chart_style,
                     pilote_chart_style_copy, pilote_chart_style_free)

/* Okabe & Ito's colour-blind-safe palette, ordered so that the first
 * colours stand out most against the background; lightened for dark.
 */
static const PiloteChartStyle light_style = {
  .background = RGB (0xffffff),
  .foreground = RGB (0x202020),
  .secondary = RGB (0x5e5e5e),
  .grid = RGB (0xe4e4e4),
  .axis = RGB (0x7a7a7a),
  .target = RGB (0x303030),
  .positive = RGB (0x009e73),
  .negative = RGB (0xd55e00),
  .warning = RGB (0xe69f00),
  .palette = {
    RGB (0x0072b2), RGB (0xe69f00), RGB (0x009e73), RGB (0xd55e00),
    RGB (0x56b4e9), RGB (0xcc79a7), RGB (0x8a8a8a), RGB (0xd9c500),
  },
  .grid_width = 1.0,
  .axis_width = 1.0,
  .line_width = 2.0,
  .fill_background = TRUE,
};

static const PiloteChartStyle dark_style = {
  .background = RGB (0x242424),
  .foreground = RGB (0xeeeeee),
  .secondary = RGB (0xa8a8a8),
  .grid = RGB (0x3c3c3c),
  .axis = RGB (0x8c8c8c),
  .target = RGB (0xe8e8e8),
  .positive = RGB (0x2fc59b),
  .negative = RGB (0xff7f40),
  .warning = RGB (0xf5b52e),
  .palette = {
    RGB (0x56b4e9), RGB (0xe69f00), RGB (0x2fc59b), RGB (0xff7f40),
    RGB (0x7d9fff), RGB (0xe08fbf), RGB (0xb4b4b4), RGB (0xf0e442),
  },
  .grid_width = 1.0,
  .axis_width = 1.0,
  .line_width = 2.0,
  .fill_background = TRUE,
};

static const PiloteChartStyle print_style = {
  .background = RGB (0xffffff),
  .foreground = RGB (0x000000),
  .secondary = RGB (0x404040),
  .grid = RGB (0xd4d4d4),
  .axis = RGB (0x505050),
  .target = RGB (0x000000),
  .positive = RGB (0x009e73),
  .negative = RGB (0xd55e00),
  .warning = RGB (0xe69f00),
  .palette = {
    RGB (0x0072b2), RGB (0xe69f00), RGB (0x009e73), RGB (0xd55e00),
    RGB (0x56b4e9), RGB (0xcc79a7), RGB (0x8a8a8a), RGB (0xd9c500),
  },
  .grid_width = 0.5,
  .axis_width = 0.75,
  .line_width = 1.5,
  .fill_background = TRUE,
};

static PiloteChartStyle *
new_style (const PiloteChartStyle *model,
           const char             *font)
{
  PiloteChartStyle *style = g_new (PiloteChartStyle, 1);

  *style = *model;
  style->font = g_strdup (font);
  style->font_options = NULL;
  style->format_value = pilote_chart_format_default;
  style->format_data = NULL;

  return style;
}

/**
 * pilote_chart_style_light:
 *
 * Returns: (transfer full): a style for a light screen
 */
PiloteChartStyle *
pilote_chart_style_light (void)
{
  return new_style (&light_style, "Sans 12px");
}

/**
 * pilote_chart_style_dark:
 *
 * Returns: (transfer full): a style for a dark screen
 */
PiloteChartStyle *
pilote_chart_style_dark (void)
{
  return new_style (&dark_style, "Sans 12px");
}

/**
 * pilote_chart_style_print:
 *
 * A style for paper, where one user unit is one point: black text, thin
 * lines, 8-point text.
 *
 * Returns: (transfer full): a style for printing
 */
PiloteChartStyle *
pilote_chart_style_print (void)
{
  return new_style (&print_style, "Sans 8px");
}

PiloteChartStyle *
pilote_chart_style_copy (const PiloteChartStyle *style)
{
  PiloteChartStyle *copy;

  g_return_val_if_fail (style != NULL, NULL);

  copy = g_new (PiloteChartStyle, 1);
  *copy = *style;
  copy->font = g_strdup (style->font);
  if (style->font_options != NULL)
    copy->font_options = cairo_font_options_copy (style->font_options);

  return copy;
}

void
pilote_chart_style_free (PiloteChartStyle *style)
{
  if (style == NULL)
    return;

  g_free (style->font);
  g_clear_pointer (&style->font_options, cairo_font_options_destroy);
  g_free (style);
}

void
pilote_chart_style_set_font (PiloteChartStyle *style,
                             const char       *font)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (font != NULL);

  g_free (style->font);
  style->font = g_strdup (font);
}

void
pilote_chart_style_set_font_options (PiloteChartStyle           *style,
                                     const cairo_font_options_t *options)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font_options, cairo_font_options_destroy);
  if (options != NULL)
    style->font_options = cairo_font_options_copy (options);
}

/**
 * pilote_chart_style_set_formatter:
 * @func: (nullable): the formatter, %NULL for pilote_chart_format_default()
 * @user_data: passed to @func, not owned
 *
 * Injects the application's formatting of money, percentages, counts and
 * days (its currency, its locale).
 */
void
pilote_chart_style_set_formatter (PiloteChartStyle      *style,
                                  PiloteChartFormatFunc  func,
                                  gpointer               user_data)
{
  g_return_if_fail (style != NULL);

  style->format_value = func != NULL ? func : pilote_chart_format_default;
  style->format_data = user_data;
}

/**
 * pilote_chart_style_get_color:
 * @index: the index of a series or slice
 *
 * Returns: the palette colour for @index, cycling through the palette
 */
const PiloteChartColor *
pilote_chart_style_get_color (const PiloteChartStyle *style,
                              guint                   index)
{
  g_return_val_if_fail (style != NULL, NULL);

  return &style->palette[index % PILOTE_CHART_PALETTE_SIZE];
}

/**
 * pilote_chart_style_format:
 *
 * Formats @value with the style's formatter; a value that is not finite
 * is an em dash.
 *
 * Returns: (transfer full): UTF-8 text
 */
char *
pilote_chart_style_format (const PiloteChartStyle *style,
                           double                  value,
                           PiloteChartValueKind    kind,
                           gboolean                short_form)
{
  g_return_val_if_fail (style != NULL, NULL);

  if (!isfinite (value))
    return g_strdup (EM_DASH);

  if (style->format_value == NULL)
    return pilote_chart_format_default (value, kind, short_form, NULL);

  return style->format_value (value, kind, short_form, style->format_data);
}

/* Whether @x shows no decimal worth writing at one decimal. */
static gboolean
is_whole (double x)
{
  return fabs (x - round (x)) < 0.05;
}

static char *
format_number (double magnitude,
               int    decimals)
{
  return g_strdup_printf ("%'.*f", decimals, magnitude);
}

static char *
format_abbreviated (double magnitude)
{
  g_autofree char *number = NULL;
  double scaled;

  if (magnitude >= 999.5e6)
    {
      scaled = magnitude / 1e9;
      number = format_number (scaled, scaled < 9.95 && !is_whole (scaled) ? 1 : 0);
      /* Translators: an abbreviated number of billions ("1.2 B"); spaces
       * become no-break spaces */
      return g_strdup_printf (_("%s B"), number);
    }

  if (magnitude >= 999.5e3)
    {
      scaled = magnitude / 1e6;
      number = format_number (scaled, scaled < 9.95 && !is_whole (scaled) ? 1 : 0);
      /* Translators: an abbreviated number of millions ("1.2 M") */
      return g_strdup_printf (_("%s M"), number);
    }

  scaled = magnitude / 1e3;
  number = format_number (scaled, scaled < 9.95 && !is_whole (scaled) ? 1 : 0);
  /* Translators: an abbreviated number of thousands ("12 k") */
  return g_strdup_printf (_("%s k"), number);
}

/**
 * pilote_chart_format_default:
 *
 * The formatter charts use when the application gives none: numbers with
 * the locale's digit grouping and decimal point, money without currency
 * ("1,234,567", short "12 k", "1.2 M", "3.4 B"), percentages from
 * fractions ("63.2 %", short "63 %"), counts ("1,234", short "1.2 k") and
 * days ("12 days", short "12 d"). Negative numbers take a minus sign, and
 * a number never breaks from its unit.
 *
 * Returns: (transfer full): UTF-8 text
 */
char *
pilote_chart_format_default (double                value,
                             PiloteChartValueKind  kind,
                             gboolean              short_form,
                             gpointer              user_data)
{
  g_autofree char *text = NULL;
  GString *result;
  double magnitude = fabs (value);
  double shown = magnitude;
  int decimals = 0;

  if (!isfinite (value))
    return g_strdup (EM_DASH);

  switch (kind)
    {
    case PILOTE_CHART_VALUE_PERCENT:
      shown = magnitude * 100.0;
      decimals = short_form && (shown >= 9.95 || is_whole (shown)) ? 0 : 1;
      text = g_strdup_printf ("%'.*f" NO_BREAK_SPACE "%%", decimals, shown);
      break;

    case PILOTE_CHART_VALUE_MONEY:
    case PILOTE_CHART_VALUE_COUNT:
      if (short_form && magnitude >= 999.5)
        {
          text = format_abbreviated (magnitude);
          shown = 1.0;
        }
      else
        {
          if (kind == PILOTE_CHART_VALUE_MONEY && !short_form && magnitude < 100.0
              && fabs (magnitude - round (magnitude)) >= 0.005)
            decimals = 2;
          text = format_number (magnitude, decimals);
        }
      break;

    case PILOTE_CHART_VALUE_DAYS:
      {
        g_autofree char *number = NULL;

        decimals = short_form || is_whole (magnitude) ? 0 : 1;
        number = format_number (magnitude, decimals);
        if (short_form)
          /* Translators: an abbreviated number of days ("12 d") */
          text = g_strdup_printf (_("%s d"), number);
        else
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                               (gulong) round (magnitude)),
                                  number);
      }
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  /* A label never breaks between a number and its unit. */
  result = g_string_new (NULL);
  /* No sign on a number that shows as zero. */
  if (value < 0.0 && round (shown * pow (10.0, decimals)) != 0.0)
    g_string_append (result, MINUS_SIGN);
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == ' ')
        g_string_append (result, NO_BREAK_SPACE);
      else
        g_string_append_c (result, *c);
    }

  return g_string_free (result, FALSE);
}
