/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-charts"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "test-charts-fixtures.h"

/* The charts, drawn at two sizes in the light and dark styles and at
 * their edge cases, compared with the PNGs in tests/golden/charts; run
 * with PILOTE_UPDATE_GOLDEN=1 to write them anew, and look at them. Text
 * is drawn with DejaVu Sans (Debian's fonts-dejavu-core), unhinted and
 * grey-antialiased, so that every machine draws the same pixels.
 */

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"
#define GOLDEN_DIR PILOTE_SOURCE_DIR "/tests/golden/charts"
#define TEST_FONT "DejaVu Sans 12px"
#define TEST_FONT_FAMILY "DejaVu Sans"

/* Rendering */

typedef enum {
  THEME_LIGHT,
  THEME_DARK,
  THEME_PRINT,
} Theme;

static const char * const theme_names[] = { "light", "dark", "print" };

typedef struct {
  const Chart *chart;
  int          width;
  int          height;
  Theme        theme;
  int          scale;
  char        *file;
} Golden;

static gboolean font_found;

static PiloteChartStyle *
create_style (Theme theme)
{
  PiloteChartStyle *style = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();

  switch (theme)
    {
    case THEME_LIGHT:
      style = pilote_chart_style_light ();
      break;
    case THEME_DARK:
      style = pilote_chart_style_dark ();
      break;
    case THEME_PRINT:
      style = pilote_chart_style_print ();
      break;
    default:
      g_assert_not_reached ();
    }

  /* the same pixels on every machine with the font */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pilote_chart_style_set_font_options (style, options);
  pilote_chart_style_set_font (style, theme == THEME_PRINT ? "DejaVu Sans 9px" : TEST_FONT);
  cairo_font_options_destroy (options);

  return style;
}

static cairo_surface_t *
render (const Chart *chart,
        Theme        theme,
        int          width,
        int          height,
        int          scale)
{
  g_autoptr(PiloteChartStyle) style = create_style (theme);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                         height * scale);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  chart->draw (cr, style, chart->chart, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The channels of a pixel, whatever the format cairo read a PNG into. */
static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           guint8           channels[4])
{
  const guint8 *row = cairo_image_surface_get_data (surface)
                      + (gsize) y * cairo_image_surface_get_stride (surface);
  guint32 pixel = ((const guint32 *) row)[x];

  channels[0] = (pixel >> 16) & 0xff;
  channels[1] = (pixel >> 8) & 0xff;
  channels[2] = pixel & 0xff;
  channels[3] = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24 ? 0xff
                                                                               : pixel >> 24;
}

/* Mean absolute difference per channel, and the share of pixels with a
 * channel more than 48 apart.
 */
static void
compare_images (cairo_surface_t *actual,
                cairo_surface_t *expected,
                double          *mean,
                double          *share)
{
  int width = cairo_image_surface_get_width (actual);
  int height = cairo_image_surface_get_height (actual);
  guint64 total = 0;
  guint64 bad = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 a[4], b[4];
        int worst = 0;

        get_pixel (actual, x, y, a);
        get_pixel (expected, x, y, b);
        for (guint c = 0; c < 4; c++)
          {
            int d = ABS ((int) a[c] - (int) b[c]);

            total += (guint64) d;
            worst = MAX (worst, d);
          }
        if (worst > 48)
          bad++;
      }

  *mean = (double) total / ((double) width * height * 4.0);
  *share = (double) bad / ((double) width * height);
}

static void
test_golden (gconstpointer data)
{
  const Golden *golden = data;
  g_autofree char *path = g_build_filename (GOLDEN_DIR, golden->file, NULL);
  cairo_surface_t *actual;
  cairo_surface_t *expected;
  double mean, share;

  if (!font_found)
    {
      g_test_fail_printf ("the font “%s” is missing: install fonts-dejavu-core",
                          TEST_FONT_FAMILY);
      return;
    }

  actual = render (golden->chart, golden->theme, golden->width, golden->height, golden->scale);

  if (g_strcmp0 (g_getenv ("PILOTE_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_surface_destroy (actual);
      return;
    }

  expected = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    {
      g_test_fail_printf ("no golden image %s: run with PILOTE_UPDATE_GOLDEN=1", path);
    }
  else if (cairo_image_surface_get_width (expected) != cairo_image_surface_get_width (actual)
           || cairo_image_surface_get_height (expected) != cairo_image_surface_get_height (actual))
    {
      g_test_fail_printf ("%s has another size than the chart", path);
    }
  else
    {
      compare_images (actual, expected, &mean, &share);
      g_test_message ("%s: mean difference %.3f, %.3f %% of pixels apart",
                      golden->file, mean, share * 100.0);
      if (mean >= 2.0 || share >= 0.01)
        {
          g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "charts-output", NULL);
          g_autofree char *output = g_build_filename (dir, golden->file, NULL);

          g_mkdir_with_parents (dir, 0755);
          cairo_surface_write_to_png (actual, output);
          g_test_fail_printf ("%s differs from the chart drawn (mean %.2f, %.2f %% of pixels); "
                              "the chart drawn is in %s", path, mean, share * 100.0, output);
        }
    }

  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
}

static void
add_golden (GPtrArray   *goldens,
            const Chart *chart,
            int          width,
            int          height,
            Theme        theme,
            int          scale)
{
  Golden *golden = g_new0 (Golden, 1);
  g_autofree char *test_path = NULL;

  golden->chart = chart;
  golden->width = width;
  golden->height = height;
  golden->theme = theme;
  golden->scale = scale;
  golden->file = g_strdup_printf ("%s-%dx%d-%s%s.png", chart->name, width, height,
                                  theme_names[theme], scale > 1 ? "@2x" : "");
  test_path = g_strdup_printf ("/charts/golden/%s-%dx%d-%s%s", chart->name, width, height,
                               theme_names[theme], scale > 1 ? "@2x" : "");
  g_test_add_data_func (test_path, golden, test_golden);
  g_ptr_array_add (goldens, golden);
}

static void
free_golden (gpointer data)
{
  Golden *golden = data;

  g_free (golden->file);
  g_free (golden);
}

static void
add_goldens (GPtrArray *goldens)
{
  static const char * const smallest[] = {
    "bars-vertical", "bars-horizontal", "bars-stacked", "line", "funnel", "gauge", "donut",
  };
  static const char * const hidpi[] = { "bars-vertical", "line", "donut", "gauge" };
  static const char * const printed[] = { "bars-grouped", "line", "funnel", "donut" };

  for (guint i = 0; i < n_main_charts; i++)
    for (Theme theme = THEME_LIGHT; theme <= THEME_DARK; theme++)
      {
        const Chart *chart = &main_charts[i];

        if (chart->small)
          {
            add_golden (goldens, chart, 240, 80, theme, 1);
            add_golden (goldens, chart, 120, 80, theme, 1);
          }
        else
          {
            add_golden (goldens, chart, 480, 300, theme, 1);
            add_golden (goldens, chart, 240, 160, theme, 1);
          }
      }

  for (guint i = 0; i < n_edge_charts; i++)
    {
      const Chart *chart = &edge_charts[i];

      add_golden (goldens, chart, chart->small ? 120 : 240, chart->small ? 80 : 160,
                  THEME_LIGHT, 1);
    }
  add_golden (goldens, find_chart ("bars-many"), 480, 300, THEME_LIGHT, 1);
  add_golden (goldens, find_chart ("bars-long-labels"), 480, 300, THEME_DARK, 1);
  add_golden (goldens, find_chart ("donut-long-labels"), 480, 300, THEME_LIGHT, 1);

  for (guint i = 0; i < G_N_ELEMENTS (smallest); i++)
    add_golden (goldens, find_chart (smallest[i]), 120, 80, THEME_LIGHT, 1);
  for (guint i = 0; i < G_N_ELEMENTS (hidpi); i++)
    add_golden (goldens, find_chart (hidpi[i]), 240, 160, THEME_DARK, 2);
  for (guint i = 0; i < G_N_ELEMENTS (printed); i++)
    add_golden (goldens, find_chart (printed[i]), 360, 220, THEME_PRINT, 1);
}

/* Nothing drawn outside the chart, nothing drawn up to its edge */

static void
get_color_channels (const PiloteChartColor *color,
                    guint8                  channels[4])
{
  channels[0] = (guint8) round (color->red * 255.0);
  channels[1] = (guint8) round (color->green * 255.0);
  channels[2] = (guint8) round (color->blue * 255.0);
  channels[3] = (guint8) round (color->alpha * 255.0);
}

static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const guint8     expected[4],
          int              tolerance)
{
  guint8 channels[4];

  get_pixel (surface, x, y, channels);
  for (guint c = 0; c < 4; c++)
    if (ABS ((int) channels[c] - (int) expected[c]) > tolerance)
      return FALSE;

  return TRUE;
}

/* Draws @chart @scale times larger than @width × @height, translated
 * into a larger surface, and checks that nothing lands outside its
 * rectangle, nor on the two pixels inside its edges: what reaches them
 * would be cut by the clip.
 */
static void
check_inside (const Chart *chart,
              Theme        theme,
              int          width,
              int          height,
              int          scale)
{
  const int margin = 16;
  const int frame = 2;
  static const guint8 magenta[4] = { 0xff, 0x00, 0xff, 0xff };
  g_autoptr(PiloteChartStyle) style = create_style (theme);
  int full_width = (width + 2 * margin) * scale;
  int full_height = (height + 2 * margin) * scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, full_width,
                                                         full_height);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *source;
  cairo_matrix_t matrix;
  guint8 background[4];

  get_color_channels (&style->background, background);
  cairo_set_source_rgb (cr, 1.0, 0.0, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, margin, margin);
  cairo_set_line_width (cr, 7.0);
  source = cairo_pattern_reference (cairo_get_source (cr));

  chart->draw (cr, style, chart->chart, width, height);

  /* the caller's cairo state is left as it was */
  cairo_get_matrix (cr, &matrix);
  g_assert_cmpfloat (matrix.x0, ==, margin * scale);
  g_assert_cmpfloat (matrix.y0, ==, margin * scale);
  g_assert_cmpfloat (matrix.xx, ==, scale);
  g_assert_cmpfloat (cairo_get_line_width (cr), ==, 7.0);
  g_assert_true (cairo_get_source (cr) == source);
  cairo_pattern_destroy (source);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < full_height; y++)
    for (int x = 0; x < full_width; x++)
      {
        int cx = x / scale - margin;
        int cy = y / scale - margin;
        gboolean outside = cx < 0 || cy < 0 || cx >= width || cy >= height;
        gboolean edge = cx < frame || cy < frame || cx >= width - frame || cy >= height - frame;

        if (outside && !pixel_is (surface, x, y, magenta, 0))
          g_error ("%s at %d×%d×%d (%s) drew outside its rectangle, at (%d, %d)",
                   chart->name, width, height, scale, theme_names[theme], cx, cy);
        if (!outside && edge && !pixel_is (surface, x, y, background, 0))
          g_error ("%s at %d×%d×%d (%s) drew up to its edge, at (%d, %d): clipped content",
                   chart->name, width, height, scale, theme_names[theme], cx, cy);
      }

  cairo_surface_destroy (surface);
}

static void
test_inside (void)
{
  static const int sizes[][2] = {
    { 480, 300 }, { 240, 160 }, { 120, 80 }, { 137, 91 }, { 900, 120 }, { 160, 420 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (Theme theme = THEME_LIGHT; theme <= THEME_PRINT; theme++)
      {
        for (guint i = 0; i < n_main_charts; i++)
          check_inside (&main_charts[i], theme, sizes[s][0], sizes[s][1], 1);
        for (guint i = 0; i < n_edge_charts; i++)
          check_inside (&edge_charts[i], theme, sizes[s][0], sizes[s][1], 1);
      }

  /* HiDPI */
  for (guint i = 0; i < n_main_charts; i++)
    check_inside (&main_charts[i], THEME_DARK, 240, 160, 2);
  for (guint i = 0; i < n_edge_charts; i++)
    check_inside (&edge_charts[i], THEME_DARK, 137, 91, 2);
}

/* Hit-testing */

/* The runs of pixels of @color along row @y (or column @x when @y < 0),
 * as pairs of first and last positions.
 */
static GArray *
find_runs (cairo_surface_t        *surface,
           int                     x,
           int                     y,
           const PiloteChartColor *color)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean along_row = y >= 0;
  int length = along_row ? cairo_image_surface_get_width (surface)
                         : cairo_image_surface_get_height (surface);
  int start = -1;
  guint8 channels[4];

  get_color_channels (color, channels);
  for (int i = 0; i <= length; i++)
    {
      gboolean in = i < length && pixel_is (surface, along_row ? i : x, along_row ? y : i,
                                            channels, 2);

      if (in && start < 0)
        start = i;
      if (!in && start >= 0)
        {
          int last = i - 1;

          g_array_append_val (runs, start);
          g_array_append_val (runs, last);
          start = -1;
        }
    }

  return runs;
}

/* The first row (from the bottom, or column from the left with
 * @columns) crossing @n runs of @color of the same length.
 */
static GArray *
find_line_with_runs (cairo_surface_t        *surface,
                     const PiloteChartColor *color,
                     guint                   n,
                     gboolean                columns,
                     int                    *where)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int i = 0; i < (columns ? width : height); i++)
    {
      int line = columns ? i : height - 1 - i;
      GArray *runs = columns ? find_runs (surface, line, -1, color)
                             : find_runs (surface, -1, line, color);

      gboolean even = runs->len == 2 * n;

      /* bars cut by a label leave runs of other lengths */
      for (guint r = 1; even && r < n; r++)
        even = ABS ((g_array_index (runs, int, 2 * r + 1) - g_array_index (runs, int, 2 * r))
                    - (g_array_index (runs, int, 1) - g_array_index (runs, int, 0))) <= 1;
      if (even)
        {
          *where = line;
          return runs;
        }
      g_array_unref (runs);
    }

  g_error ("no line crosses %u runs of the colour", n);
}

static void
test_hit_bars (void)
{
  g_autoptr(PiloteChartStyle) style = create_style (THEME_LIGHT);
  const PiloteChartColor *first = pilote_chart_style_get_color (style, 0);
  const PiloteChartColor *second = pilote_chart_style_get_color (style, 1);
  cairo_surface_t *surface;
  PiloteChartHit hit;
  GArray *runs;
  int y, x;

  /* columns: the middle of each bar, and the gaps between them */
  surface = render (find_chart ("bars-vertical"), THEME_LIGHT, 480, 300, 1);
  runs = find_line_with_runs (surface, first, 5, FALSE, &y);
  for (guint i = 0; i < 5; i++)
    {
      int from = g_array_index (runs, int, 2 * i);
      int to = g_array_index (runs, int, 2 * i + 1);
      double middle = (from + to + 1) / 2.0;

      g_assert_true (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, middle, y, &hit));
      g_assert_cmpint (hit.item, ==, i);
      g_assert_cmpint (hit.series, ==, 0);
      g_assert_cmpfloat (hit.value, ==, revenue[i]);
      g_assert_cmpfloat (fabs (hit.area.x + hit.area.width / 2.0 - middle), <, 1.0);
      g_assert_cmpfloat (fabs (hit.area.width - (to - from + 1)), <=, 1.0);

      /* high above the bar, in its column */
      g_assert_true (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, middle, 40, &hit));
      g_assert_cmpint (hit.item, ==, i);

      if (i < 4)
        g_assert_false (pilote_chart_bars_hit (style, &bars_vertical, 480, 300,
                                               (to + g_array_index (runs, int, 2 * i + 2)) / 2.0,
                                               y, &hit));
    }
  g_array_unref (runs);
  cairo_surface_destroy (surface);

  /* HiDPI draws the same geometry, twice as fine */
  surface = render (find_chart ("bars-vertical"), THEME_LIGHT, 480, 300, 2);
  runs = find_line_with_runs (surface, first, 5, FALSE, &y);
  for (guint i = 0; i < 5; i++)
    {
      double middle = (g_array_index (runs, int, 2 * i) + g_array_index (runs, int, 2 * i + 1)
                       + 1) / 4.0;

      g_assert_true (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, middle, y / 2.0,
                                            &hit));
      g_assert_cmpint (hit.item, ==, i);
      g_assert_cmpfloat (fabs (hit.area.x + hit.area.width / 2.0 - middle), <, 0.5);
    }
  g_array_unref (runs);
  cairo_surface_destroy (surface);

  /* the margins: padding, the axis labels, the category labels */
  g_assert_false (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, 2, 2, &hit));
  g_assert_cmpint (hit.item, ==, -1);
  g_assert_false (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, 10, 150, &hit));
  g_assert_false (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, 240, 298, &hit));
  g_assert_false (pilote_chart_bars_hit (style, &bars_vertical, 480, 300, -5, 150, &hit));

  /* grouped: the second series of each category */
  surface = render (find_chart ("bars-grouped"), THEME_LIGHT, 480, 300, 1);
  runs = find_line_with_runs (surface, second, 5, FALSE, &y);
  for (guint i = 0; i < 5; i++)
    {
      double middle = (g_array_index (runs, int, 2 * i) + g_array_index (runs, int, 2 * i + 1)
                       + 1) / 2.0;

      g_assert_true (pilote_chart_bars_hit (style, &bars_grouped, 480, 300, middle, y, &hit));
      g_assert_cmpint (hit.item, ==, i);
      g_assert_cmpint (hit.series, ==, 1);
      g_assert_cmpfloat (hit.value, ==, revenue_before[i]);
    }
  g_array_unref (runs);
  cairo_surface_destroy (surface);

  /* stacked: new business from zero up, renewals over it, churn below */
  surface = render (find_chart ("bars-stacked"), THEME_LIGHT, 480, 300, 1);
  runs = find_line_with_runs (surface, first, 5, FALSE, &y);
  for (guint i = 0; i < 5; i++)
    {
      const double *stacked[] = { new_business, renewals, churn };
      int middle = (g_array_index (runs, int, 2 * i) + g_array_index (runs, int, 2 * i + 1)) / 2;

      g_assert_true (pilote_chart_bars_hit (style, &bars_stacked, 480, 300, middle, y, &hit));
      g_assert_cmpint (hit.item, ==, i);
      g_assert_cmpint (hit.series, ==, 0);
      g_assert_cmpfloat (hit.value, ==, new_business[i]);

      for (guint s = 1; s < 3; s++)
        {
          const PiloteChartColor *color = pilote_chart_style_get_color (style, s);
          GArray *segment = find_runs (surface, middle, -1, color);

          /* a label in the segment may cut it in two */
          g_assert_cmpint (segment->len > 0, ==, stacked[s][i] != 0.0);
          if (segment->len > 0)
            {
              int top = g_array_index (segment, int, 0);
              int bottom = g_array_index (segment, int, segment->len - 1);

              /* away from the label in the segment */
              g_assert_true (pilote_chart_bars_hit (style, &bars_stacked, 480, 300, middle,
                                                    top + 1, &hit));
              g_assert_cmpint (hit.item, ==, i);
              g_assert_cmpint (hit.series, ==, s);
              g_assert_cmpfloat (hit.value, ==, stacked[s][i]);
              g_assert_cmpfloat (fabs (hit.area.height - (bottom - top + 1)), <=, 1.0);
            }
          g_array_unref (segment);
        }
    }
  g_array_unref (runs);
  cairo_surface_destroy (surface);

  /* horizontal: the rows, found along a column */
  surface = render (find_chart ("bars-horizontal"), THEME_LIGHT, 240, 160, 1);
  runs = find_line_with_runs (surface, first, 5, TRUE, &x);
  for (guint i = 0; i < 5; i++)
    {
      double middle = (g_array_index (runs, int, 2 * i) + g_array_index (runs, int, 2 * i + 1)
                       + 1) / 2.0;

      g_assert_true (pilote_chart_bars_hit (style, &bars_horizontal, 240, 160, x, middle, &hit));
      g_assert_cmpint (hit.item, ==, i);
    }
  g_array_unref (runs);
  cairo_surface_destroy (surface);
}

static void
test_hit_funnel (void)
{
  g_autoptr(PiloteChartStyle) style = create_style (THEME_LIGHT);
  cairo_surface_t *surface = render (find_chart ("funnel"), THEME_LIGHT, 480, 300, 1);
  guint8 bar[4];
  int stage = -1;
  int first_row = -1;
  PiloteChartHit hit;

  get_color_channels (pilote_chart_style_get_color (style, 0), bar);

  /* each band of rows holding the bar colour is a stage */
  for (int y = 0; y <= 300; y++)
    {
      int found = -1;

      for (int x = 0; x < 480 && y < 300 && found < 0; x++)
        if (pixel_is (surface, x, y, bar, 2))
          found = x;

      if (found >= 0 && first_row < 0)
        first_row = y;
      if (found < 0 && first_row >= 0)
        {
          double middle = (first_row + y) / 2.0;

          stage++;
          g_assert_true (pilote_chart_funnel_hit (style, &funnel, 480, 300, 240, middle, &hit));
          g_assert_cmpint (hit.item, ==, stage);
          g_assert_cmpfloat (hit.value, ==, stage_counts[stage]);
          /* the stage's name, on the left, belongs to its row */
          g_assert_true (pilote_chart_funnel_hit (style, &funnel, 480, 300, 12, middle, &hit));
          g_assert_cmpint (hit.item, ==, stage);
          first_row = -1;
        }
    }
  g_assert_cmpint (stage, ==, 4);

  g_assert_false (pilote_chart_funnel_hit (style, &funnel, 480, 300, 240, 1, &hit));
  g_assert_false (pilote_chart_funnel_hit (style, &funnel, 480, 300, 1, 150, &hit));
  g_assert_false (pilote_chart_funnel_hit (style, &funnel_empty, 480, 300, 240, 150, &hit));

  cairo_surface_destroy (surface);
}

/* Every point the hit-test puts on a slice of the ring has that slice's
 * colour in the drawing, but at the slices' antialiased edges.
 */
static void
test_hit_donut (void)
{
  g_autoptr(PiloteChartStyle) style = create_style (THEME_LIGHT);
  cairo_surface_t *surface = render (find_chart ("donut"), THEME_LIGHT, 480, 300, 1);
  gboolean seen[N_REASONS] = { FALSE };
  gboolean seen_other = FALSE;
  guint on_ring = 0, matching = 0;
  cairo_rectangle_t ring = { 0.0, 0.0, 0.0, 0.0 };
  PiloteChartHit hit;

  for (int y = 0; y < 300; y += 2)
    for (int x = 0; x < 480; x += 2)
      {
        guint8 expected[4];

        if (!pilote_chart_donut_hit (style, &donut, 480, 300, x, y, &hit))
          continue;
        if (hit.item == PILOTE_CHART_ITEM_OTHER)
          {
            seen_other = TRUE;
            continue;
          }
        g_assert_cmpint (hit.item, >=, 0);
        g_assert_cmpint (hit.item, <, 5);
        g_assert_cmpfloat (hit.value, ==, reason_counts[hit.item]);
        seen[hit.item] = TRUE;
        if (hit.area.width != hit.area.height)
          continue;  /* a legend row */
        ring = hit.area;
        on_ring++;
        get_color_channels (pilote_chart_style_get_color (style, (guint) hit.item), expected);
        if (pixel_is (surface, x, y, expected, 2))
          matching++;
      }

  for (guint i = 0; i < 5; i++)
    g_assert_true (seen[i]);
  g_assert_true (seen_other);
  g_assert_cmpuint (on_ring, >, 1000);
  g_assert_cmpfloat ((double) matching / on_ring, >, 0.95);

  /* not the hole, not the corners */
  g_assert_cmpfloat (ring.width, >, 0.0);
  g_assert_false (pilote_chart_donut_hit (style, &donut, 480, 300, ring.x + ring.width / 2.0,
                                          ring.y + ring.height / 2.0, &hit));
  g_assert_false (pilote_chart_donut_hit (style, &donut, 480, 300, 0, 0, &hit));
  g_assert_false (pilote_chart_donut_hit (style, &donut, 480, 300, 479, 299, &hit));

  g_assert_false (pilote_chart_donut_hit (style, &donut_empty, 480, 300, 240, 150, &hit));
  cairo_surface_destroy (surface);
}

static void
test_hit_line (void)
{
  g_autoptr(PiloteChartStyle) style = create_style (THEME_LIGHT);
  cairo_surface_t *surface = render (find_chart ("line-two-series"), THEME_LIGHT, 480, 300, 1);
  PiloteChartHit hit;
  int previous = -1;

  /* periods from left to right, each in its own column */
  for (int x = 0; x < 480; x++)
    if (pilote_chart_line_hit (style, &line_two, 480, 300, x, 150, &hit))
      {
        g_assert_cmpint (hit.item, >=, previous);
        g_assert_cmpint (hit.item, <=, previous + 1);
        g_assert_cmpfloat (x, >=, hit.area.x);
        g_assert_cmpfloat (x, <, hit.area.x + hit.area.width);
        previous = hit.item;
      }
  g_assert_cmpint (previous, ==, 11);

  /* near the revenue line, the revenue; near the cost line, the cost */
  g_assert_true (pilote_chart_line_hit (style, &line_two, 480, 300, 240, 150, &hit));
  {
    int column = (int) (hit.area.x + hit.area.width / 2.0);
    guint item = (guint) hit.item;
    GArray *revenue_runs = find_runs (surface, column, -1, pilote_chart_style_get_color (style, 0));
    GArray *cost_runs = find_runs (surface, column, -1, pilote_chart_style_get_color (style, 1));

    g_assert_cmpuint (revenue_runs->len, >, 0);
    g_assert_cmpuint (cost_runs->len, >, 0);
    g_assert_true (pilote_chart_line_hit (style, &line_two, 480, 300, column,
                                          g_array_index (revenue_runs, int, 0), &hit));
    g_assert_cmpint (hit.series, ==, 0);
    g_assert_cmpfloat (hit.value, ==, monthly[item]);
    g_assert_true (pilote_chart_line_hit (style, &line_two, 480, 300, column,
                                          g_array_index (cost_runs, int, 0), &hit));
    g_assert_cmpint (hit.series, ==, 1);
    g_assert_cmpfloat (hit.value, ==, monthly_cost[item]);
    g_array_unref (revenue_runs);
    g_array_unref (cost_runs);
  }

  g_assert_false (pilote_chart_line_hit (style, &line_two, 480, 300, 2, 2, &hit));
  g_assert_false (pilote_chart_line_hit (style, &line_empty, 480, 300, 240, 150, &hit));
  cairo_surface_destroy (surface);
}

static void
test_hit_small (void)
{
  g_autoptr(PiloteChartStyle) style = create_style (THEME_LIGHT);
  PiloteChartHit hit;

  g_assert_true (pilote_chart_gauge_hit (style, &gauge, 240, 160, 120, 80, &hit));
  g_assert_cmpint (hit.item, ==, 0);
  g_assert_cmpfloat (hit.value, ==, gauge.value);
  g_assert_false (pilote_chart_gauge_hit (style, &gauge, 240, 160, 2, 2, &hit));
  g_assert_false (pilote_chart_gauge_hit (style, &gauge_empty, 240, 160, 120, 80, &hit));

  g_assert_true (pilote_chart_sparkline_hit (style, &sparkline, 240, 80, 239, 40, &hit));
  g_assert_cmpint (hit.item, ==, N_SPARK_VALUES - 1);
  g_assert_true (pilote_chart_sparkline_hit (style, &sparkline, 240, 80, 0, 40, &hit));
  g_assert_cmpint (hit.item, ==, 0);
  g_assert_false (pilote_chart_sparkline_hit (style, &sparkline, 240, 80, 250, 40, &hit));
  /* the gap is never hit */
  g_assert_true (pilote_chart_sparkline_hit (style, &sparkline_negative, 240, 80, 206, 40, &hit));
  g_assert_cmpint (hit.item, !=, 6);
}

/* Scales */

static void
assert_scale (double                lo,
              double                hi,
              guint                 max_ticks,
              PiloteChartScaleFlags flags,
              double                min,
              double                max,
              double                step)
{
  PiloteChartScale scale;

  pilote_chart_scale_init (&scale, lo, hi, max_ticks, flags);
  g_assert_cmpfloat_with_epsilon (scale.min, min, 1e-9 * MAX (1.0, fabs (min)));
  g_assert_cmpfloat_with_epsilon (scale.max, max, 1e-9 * MAX (1.0, fabs (max)));
  g_assert_cmpfloat_with_epsilon (scale.step, step, 1e-9 * step);
  g_assert_cmpuint (scale.n_ticks, ==, (guint) round ((max - min) / step) + 1);
}

static void
test_scale (void)
{
  PiloteChartScale scale;

  assert_scale (0, 1250000, 6, PILOTE_CHART_SCALE_INCLUDE_ZERO, 0, 1500000, 500000);
  assert_scale (98000, 1250000, 9, PILOTE_CHART_SCALE_INCLUDE_ZERO, 0, 1400000, 200000);
  assert_scale (-0.12, 0.32, 6, PILOTE_CHART_SCALE_INCLUDE_ZERO, -0.2, 0.4, 0.2);
  assert_scale (-0.12, 0.32, 10, PILOTE_CHART_SCALE_INCLUDE_ZERO, -0.2, 0.4, 0.1);
  assert_scale (0, 0, 6, PILOTE_CHART_SCALE_INCLUDE_ZERO, 0, 1, 1);
  assert_scale (0, 0, 6, PILOTE_CHART_SCALE_INCLUDE_ZERO | PILOTE_CHART_SCALE_INTEGER, 0, 1, 1);
  assert_scale (3, 3, 6, PILOTE_CHART_SCALE_INCLUDE_ZERO | PILOTE_CHART_SCALE_INTEGER, 0, 3, 1);
  assert_scale (5, 5, 6, PILOTE_CHART_SCALE_INTEGER, 4, 6, 1);
  assert_scale (250, 250, 6, PILOTE_CHART_SCALE_DEFAULT, 220, 280, 20);
  assert_scale (310000, 446000, 6, PILOTE_CHART_SCALE_DEFAULT, 300000, 450000, 50000);
  assert_scale (-300, -100, 5, PILOTE_CHART_SCALE_INCLUDE_ZERO, -300, 0, 100);
  assert_scale (446000, 310000, 6, PILOTE_CHART_SCALE_DEFAULT, 300000, 450000, 50000);
  assert_scale (NAN, INFINITY, 6, PILOTE_CHART_SCALE_DEFAULT, 0, 1, 1);

  /* the tick at zero is zero, not a rounding error away from it */
  pilote_chart_scale_init (&scale, -0.3, 0.3, 7, PILOTE_CHART_SCALE_DEFAULT);
  g_assert_cmpfloat (pilote_chart_scale_get_tick (&scale, 3), ==, 0.0);
  g_assert_false (signbit (pilote_chart_scale_get_tick (&scale, 3)));
  g_assert_cmpfloat (pilote_chart_scale_fraction (&scale, 0.0), ==, 0.5);

  for (guint i = 0; i < 2000; i++)
    {
      double magnitude = pow (10.0, g_test_rand_double_range (-3.0, 9.0));
      double lo = g_test_rand_double_range (-1.0, 1.0) * magnitude;
      double hi = g_test_rand_double_range (-1.0, 1.0) * magnitude;
      guint max_ticks = (guint) g_test_rand_int_range (2, 12);
      double mantissa;

      pilote_chart_scale_init (&scale, lo, hi, max_ticks, PILOTE_CHART_SCALE_DEFAULT);
      g_assert_cmpfloat (scale.min, <=, MIN (lo, hi));
      g_assert_cmpfloat (scale.max, >=, MAX (lo, hi));
      /* an axis across zero needs three ticks */
      g_assert_cmpuint (scale.n_ticks, <=,
                        MAX (max_ticks, MIN (lo, hi) < 0 && MAX (lo, hi) > 0 ? 3 : 2));
      g_assert_cmpuint (scale.n_ticks, >=, 2);
      mantissa = scale.step / pow (10.0, floor (log10 (scale.step) + 1e-9));
      g_assert_true (fabs (mantissa - 1.0) < 1e-6 || fabs (mantissa - 2.0) < 1e-6
                     || fabs (mantissa - 5.0) < 1e-6);
      /* not more than one step of slack on either side */
      g_assert_cmpfloat (MIN (lo, hi) - scale.min, <, scale.step * (1.0 + 1e-9));
      g_assert_cmpfloat (scale.max - MAX (lo, hi), <, scale.step * (1.0 + 1e-9));
    }
}

/* Formatting */

static void
assert_default (double                value,
                PiloteChartValueKind  kind,
                gboolean              short_form,
                const char           *expected)
{
  g_autofree char *text = pilote_chart_format_default (value, kind, short_form, NULL);

  g_assert_cmpstr (text, ==, expected);
}

static char *
format_euros (double                value,
              PiloteChartValueKind  kind,
              gboolean              short_form,
              gpointer              user_data)
{
  return g_strdup_printf ("%s%.0f", (const char *) user_data, value);
}

static void
test_format (void)
{
  g_autoptr(PiloteChartStyle) style = pilote_chart_style_light ();
  g_autofree char *euros = NULL;
  g_autofree char *none = NULL;

  assert_default (1234567, PILOTE_CHART_VALUE_MONEY, FALSE, "1234567");
  assert_default (1234567, PILOTE_CHART_VALUE_MONEY, TRUE, "1.2" NBSP "M");
  assert_default (12000, PILOTE_CHART_VALUE_MONEY, TRUE, "12" NBSP "k");
  assert_default (412500, PILOTE_CHART_VALUE_MONEY, TRUE, "412" NBSP "k");
  assert_default (1000000, PILOTE_CHART_VALUE_MONEY, TRUE, "1" NBSP "M");
  assert_default (2.5e9, PILOTE_CHART_VALUE_MONEY, TRUE, "2.5" NBSP "B");
  assert_default (999, PILOTE_CHART_VALUE_MONEY, TRUE, "999");
  assert_default (5.25, PILOTE_CHART_VALUE_MONEY, FALSE, "5.25");
  assert_default (150.4, PILOTE_CHART_VALUE_MONEY, FALSE, "150");
  assert_default (-120000, PILOTE_CHART_VALUE_MONEY, TRUE, MINUS "120" NBSP "k");
  assert_default (-0.001, PILOTE_CHART_VALUE_MONEY, FALSE, "0");
  assert_default (-0.0004, PILOTE_CHART_VALUE_PERCENT, TRUE, "0" NBSP "%");
  assert_default (0.632, PILOTE_CHART_VALUE_PERCENT, FALSE, "63.2" NBSP "%");
  assert_default (0.632, PILOTE_CHART_VALUE_PERCENT, TRUE, "63" NBSP "%");
  assert_default (0.025, PILOTE_CHART_VALUE_PERCENT, TRUE, "2.5" NBSP "%");
  assert_default (-0.05, PILOTE_CHART_VALUE_PERCENT, FALSE, MINUS "5.0" NBSP "%");
  assert_default (1240, PILOTE_CHART_VALUE_COUNT, FALSE, "1240");
  assert_default (1240, PILOTE_CHART_VALUE_COUNT, TRUE, "1.2" NBSP "k");
  assert_default (1, PILOTE_CHART_VALUE_DAYS, FALSE, "1" NBSP "day");
  assert_default (12.4, PILOTE_CHART_VALUE_DAYS, FALSE, "12.4" NBSP "days");
  assert_default (12.4, PILOTE_CHART_VALUE_DAYS, TRUE, "12" NBSP "d");

  none = pilote_chart_style_format (style, NAN, PILOTE_CHART_VALUE_MONEY, FALSE);
  g_assert_cmpstr (none, ==, "\xe2\x80\x94");

  /* the application's formatter, and its data, reach the charts */
  pilote_chart_style_set_formatter (style, format_euros, (gpointer) "€");
  euros = pilote_chart_style_format (style, 42, PILOTE_CHART_VALUE_MONEY, TRUE);
  g_assert_cmpstr (euros, ==, "€42");
}

/* Styles */

static double
get_luminance (const PiloteChartColor *color)
{
  double c[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
get_contrast (const PiloteChartColor *a,
              const PiloteChartColor *b)
{
  double la = get_luminance (a), lb = get_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_styles (void)
{
  for (Theme theme = THEME_LIGHT; theme <= THEME_PRINT; theme++)
    {
      g_autoptr(PiloteChartStyle) style = create_style (theme);
      g_autoptr(PiloteChartStyle) copy = pilote_chart_style_copy (style);

      /* text reads well: WCAG AA for text, 3:1 for the series' colours */
      g_assert_cmpfloat (get_contrast (&style->foreground, &style->background), >=, 7.0);
      g_assert_cmpfloat (get_contrast (&style->secondary, &style->background), >=, 4.5);
      for (guint i = 0; i < 6; i++)
        g_assert_cmpfloat (get_contrast (&style->palette[i], &style->background), >=, 1.9);
      for (guint i = 0; i < PILOTE_CHART_PALETTE_SIZE; i++)
        for (guint j = 0; j < i; j++)
          g_assert_false (memcmp (&style->palette[i], &style->palette[j],
                                  sizeof (PiloteChartColor)) == 0);

      g_assert_cmpstr (copy->font, ==, style->font);
      g_assert_true (copy->font != style->font);
      g_assert_nonnull (copy->font_options);
      g_assert_true (cairo_font_options_equal (copy->font_options, style->font_options));
    }
}

static gboolean
find_test_font (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *wanted = pango_font_description_from_string (TEST_FONT);
  PangoFont *font = pango_font_map_load_font (map, context, wanted);
  PangoFontDescription *got = font != NULL ? pango_font_describe (font) : NULL;
  gboolean found = got != NULL
                   && g_strcmp0 (pango_font_description_get_family (got), TEST_FONT_FAMILY) == 0;

  pango_font_description_free (wanted);
  if (got != NULL)
    pango_font_description_free (got);
  g_clear_object (&font);
  g_object_unref (context);

  return found;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) goldens = g_ptr_array_new_with_free_func (free_golden);
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  font_found = find_test_font ();

  g_test_add_func ("/charts/scale", test_scale);
  g_test_add_func ("/charts/format", test_format);
  g_test_add_func ("/charts/styles", test_styles);
  g_test_add_func ("/charts/inside", test_inside);
  g_test_add_func ("/charts/hit/bars", test_hit_bars);
  g_test_add_func ("/charts/hit/funnel", test_hit_funnel);
  g_test_add_func ("/charts/hit/donut", test_hit_donut);
  g_test_add_func ("/charts/hit/line", test_hit_line);
  g_test_add_func ("/charts/hit/small", test_hit_small);
  add_goldens (goldens);

  status = g_test_run ();

  /* the font map and its caches, for leak checkers */
  pango_cairo_font_map_set_default (NULL);

  return status;
}
