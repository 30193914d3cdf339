/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pilote-report-layout.h"

/* Blocks are measured with Pango at the page's content width, then placed
 * on pages: a block that does not fit starts a new page; a table breaks
 * between rows and repeats its header. Sizes are in points. */

#define FONT "DejaVu Sans, Sans"
#define GAP 6.0
#define CELL_PAD 3.0

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_KEEP,
} BlockKind;

typedef struct {
  BlockKind             kind;
  char                 *text;
  char                 *subtitle;
  gboolean              secondary;
  /* tables */
  guint                 n_columns;
  double               *widths;     /* fractions of the content width */
  GPtrArray            *rows;       /* GStrv; the first is the header */
  /* charts */
  double                height;
  PiloteLayoutDrawFunc  draw;
  gpointer              data;
  GDestroyNotify        free_data;
} Block;

typedef struct {
  Block  *block;
  double  y;
  guint   first_row;   /* tables: the rows placed on this page */
  guint   end_row;
} Placement;

struct _PiloteLayout {
  double            page_width;
  double            page_height;
  double            margin;
  PiloteChartStyle *chart_style;
  PangoContext     *context;
  GPtrArray        *blocks;
  GPtrArray        *pages;       /* GArray of Placement per page */
  char             *header_left;
  char             *header_right;
};

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block->subtitle);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  if (block->free_data != NULL)
    block->free_data (block->data);
  g_free (block);
}

PiloteLayout *
pilote_layout_new (double                  page_width,
                   double                  page_height,
                   double                  margin,
                   const PiloteChartStyle *chart_style)
{
  PiloteLayout *layout = g_new0 (PiloteLayout, 1);
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  layout->page_width = page_width;
  layout->page_height = page_height;
  layout->margin = margin;
  layout->chart_style = pilote_chart_style_copy (chart_style);
  layout->context = pango_font_map_create_context (map);
  /* one unit is one point; text measures the same on every surface */
  pango_cairo_context_set_resolution (layout->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (layout->context, options);
  cairo_font_options_destroy (options);
  layout->blocks = g_ptr_array_new_with_free_func (block_free);
  layout->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return layout;
}

void
pilote_layout_free (PiloteLayout *layout)
{
  if (layout == NULL)
    return;
  g_ptr_array_unref (layout->pages);
  g_ptr_array_unref (layout->blocks);
  g_object_unref (layout->context);
  pilote_chart_style_free (layout->chart_style);
  g_free (layout->header_left);
  g_free (layout->header_right);
  g_free (layout);
}

void
pilote_layout_set_header (PiloteLayout *layout,
                          const char   *left,
                          const char   *right)
{
  g_free (layout->header_left);
  g_free (layout->header_right);
  layout->header_left = g_strdup (left);
  layout->header_right = g_strdup (right);
}

static Block *
add_block (PiloteLayout *layout,
           BlockKind     kind,
           const char   *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (layout->blocks, block);
  return block;
}

void
pilote_layout_add_title (PiloteLayout *layout,
                         const char   *title,
                         const char   *subtitle)
{
  add_block (layout, BLOCK_TITLE, title)->subtitle = g_strdup (subtitle);
}

void
pilote_layout_add_heading (PiloteLayout *layout,
                           const char   *text)
{
  add_block (layout, BLOCK_HEADING, text);
}

void
pilote_layout_add_text (PiloteLayout *layout,
                        const char   *text,
                        gboolean      secondary)
{
  add_block (layout, BLOCK_TEXT, text)->secondary = secondary;
}

/**
 * pilote_layout_keep_together:
 * @height: the room the next blocks need on one page
 *
 * Starts a new page unless @height is left on this one: a heading stays
 * with what follows it.
 */
void
pilote_layout_keep_together (PiloteLayout *layout,
                             double        height)
{
  add_block (layout, BLOCK_KEEP, NULL)->height = height;
}

void
pilote_layout_begin_table (PiloteLayout       *layout,
                           guint               n_columns,
                           const double       *widths,
                           const char * const *headers)
{
  Block *block = add_block (layout, BLOCK_TABLE, NULL);

  block->n_columns = n_columns;
  block->widths = g_memdup2 (widths, n_columns * sizeof (double));
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pilote_layout_add_row (layout, headers);
}

void
pilote_layout_add_row (PiloteLayout       *layout,
                       const char * const *cells)
{
  Block *block = g_ptr_array_index (layout->blocks, layout->blocks->len - 1);
  char **row = g_new0 (char *, block->n_columns + 1);

  g_return_if_fail (block->kind == BLOCK_TABLE);

  for (guint i = 0; i < block->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (block->rows, row);
}

void
pilote_layout_add_chart (PiloteLayout         *layout,
                         double                height,
                         PiloteLayoutDrawFunc  draw,
                         gpointer              data,
                         GDestroyNotify        free_data)
{
  Block *block = add_block (layout, BLOCK_CHART, NULL);

  block->height = height;
  block->draw = draw;
  block->data = data;
  block->free_data = free_data;
}

/* Text */

static PangoLayout *
make_text (PiloteLayout *layout,
           const char   *text,
           const char   *font,
           double        width,
           gboolean      wrap)
{
  PangoLayout *pl = pango_layout_new (layout->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (pl, desc);
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, (int) (width * PANGO_SCALE));
  if (wrap)
    pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  return pl;
}

static double
text_height (PangoLayout *pl)
{
  int w, h;

  pango_layout_get_size (pl, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
content_width (PiloteLayout *layout)
{
  return layout->page_width - 2 * layout->margin;
}

static double
row_height (PiloteLayout *layout)
{
  g_autoptr(PangoLayout) pl = make_text (layout, "Mg", FONT " 8.5", 100, FALSE);

  return text_height (pl) + 2 * CELL_PAD;
}

static double
block_height (PiloteLayout *layout,
              Block        *block)
{
  double width = content_width (layout);

  switch (block->kind)
    {
    case BLOCK_TITLE:
      {
        g_autoptr(PangoLayout) title = make_text (layout, block->text, FONT " Bold 18", width, TRUE);
        g_autoptr(PangoLayout) sub = make_text (layout, block->subtitle, FONT " 10", width, TRUE);

        return text_height (title) + 4 + text_height (sub) + 2 * GAP;
      }
    case BLOCK_HEADING:
      {
        g_autoptr(PangoLayout) pl = make_text (layout, block->text, FONT " Bold 12", width, TRUE);

        return GAP + text_height (pl) + 4;
      }
    case BLOCK_TEXT:
      {
        g_autoptr(PangoLayout) pl = make_text (layout, block->text,
                                               block->secondary ? FONT " 8.5" : FONT " 9.5",
                                               width, TRUE);

        return text_height (pl) + GAP;
      }
    case BLOCK_CHART:
      return block->height + GAP;
    case BLOCK_KEEP:
      return 0;
    case BLOCK_TABLE:
    default:
      return row_height (layout) * block->rows->len + GAP;
    }
}

/**
 * pilote_layout_paginate:
 *
 * Returns: the number of pages
 */
guint
pilote_layout_paginate (PiloteLayout *layout)
{
  double top = layout->margin + 18, bottom = layout->page_height - layout->margin - 14;
  double y = top;
  double rh = row_height (layout);
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_ptr_array_set_size (layout->pages, 0);
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (layout->blocks, i);
      double height = block_height (layout, block);

      if (block->kind == BLOCK_KEEP)
        {
          if (y + block->height > bottom && page->len > 0)
            {
              g_ptr_array_add (layout->pages, page);
              page = g_array_new (FALSE, FALSE, sizeof (Placement));
              y = top;
            }
          continue;
        }
      if (block->kind == BLOCK_TABLE)
        {
          guint row = 1;

          /* rows flow over pages, under a repeated header */
          while (row < block->rows->len || row == 1)
            {
              guint fit = (guint) floor ((bottom - y) / rh);
              Placement p = { block, y, row, 0 };

              if (fit < 2 || (fit < 3 && block->rows->len > 3))
                {
                  g_ptr_array_add (layout->pages, page);
                  page = g_array_new (FALSE, FALSE, sizeof (Placement));
                  y = top;
                  continue;
                }
              p.end_row = MIN (block->rows->len, row + fit - 1);
              g_array_append_val (page, p);
              y += rh * (p.end_row - row + 1) + GAP;
              row = p.end_row;
              if (row >= block->rows->len)
                break;
            }
          continue;
        }
      if (y + height > bottom && page->len > 0)
        {
          g_ptr_array_add (layout->pages, page);
          page = g_array_new (FALSE, FALSE, sizeof (Placement));
          y = top;
        }
      {
        Placement p = { block, y, 0, 0 };

        g_array_append_val (page, p);
      }
      y += height;
    }
  g_ptr_array_add (layout->pages, page);
  return layout->pages->len;
}

/* Drawing */

static void
set_color (cairo_t                *cr,
           const PiloteChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_text (PiloteLayout           *layout,
           cairo_t                *cr,
           PangoLayout            *pl,
           double                  x,
           double                  y,
           const PiloteChartColor *color)
{
  cairo_save (cr);
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_update_context (cr, layout->context);
  pango_layout_context_changed (pl);
  pango_cairo_show_layout (cr, pl);
  cairo_restore (cr);
}

static gboolean
looks_numeric (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (g_unichar_isalpha (c) && c != 'k' && c != 'M')
        return FALSE;
    }
  return digit;
}

/* a column of figures (or dashes for none) is aligned to the right */
static gboolean
column_is_numeric (Block *block,
                   guint  column)
{
  gboolean any = FALSE;

  for (guint r = 1; r < block->rows->len; r++)
    {
      const char *cell = ((char **) g_ptr_array_index (block->rows, r))[column];

      if (*cell == '\0' || g_str_equal (cell, "—"))
        continue;
      if (!looks_numeric (cell))
        return FALSE;
      any = TRUE;
    }
  return any || column > 0;
}

static void
draw_table (PiloteLayout    *layout,
            cairo_t         *cr,
            const Placement *p)
{
  Block *block = p->block;
  double width = content_width (layout), rh = row_height (layout);
  double y = p->y;
  const PiloteChartStyle *style = layout->chart_style;

  for (guint r = 0; r <= p->end_row - p->first_row; r++)
    {
      guint index = r == 0 ? 0 : p->first_row + r - 1;
      char **cells = g_ptr_array_index (block->rows, index);
      double x = layout->margin;

      if (index >= block->rows->len)
        break;
      if (r == 0)
        {
          cairo_save (cr);
          cairo_set_source_rgba (cr, 0.93, 0.94, 0.96, 1);
          cairo_rectangle (cr, layout->margin, y, width, rh);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      for (guint c = 0; c < block->n_columns; c++)
        {
          double cw = block->widths[c] * width;
          g_autoptr(PangoLayout) pl = make_text (layout, cells[c],
                                                 r == 0 ? FONT " Bold 8.5" : FONT " 8.5",
                                                 cw - 2 * CELL_PAD, FALSE);

          if (c > 0 && column_is_numeric (block, c))
            pango_layout_set_alignment (pl, PANGO_ALIGN_RIGHT);
          show_text (layout, cr, pl, x + CELL_PAD, y + CELL_PAD, &style->foreground);
          x += cw;
        }
      cairo_save (cr);
      set_color (cr, &style->grid);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, layout->margin, y + rh);
      cairo_line_to (cr, layout->margin + width, y + rh);
      cairo_stroke (cr);
      cairo_restore (cr);
      y += rh;
    }
}

void
pilote_layout_draw_page (PiloteLayout *layout,
                         cairo_t      *cr,
                         guint         page)
{
  const PiloteChartStyle *style = layout->chart_style;
  double width = content_width (layout);
  GArray *placements;
  g_autofree char *number = NULL;

  g_return_if_fail (page < layout->pages->len);

  placements = g_ptr_array_index (layout->pages, page);
  cairo_save (cr);
  /* the page, and nothing outside it */
  cairo_rectangle (cr, 0, 0, layout->page_width, layout->page_height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* running header and footer */
  if (layout->header_left != NULL)
    {
      /* the company keeps what it needs (up to 40 %), the subtitle the rest */
      g_autoptr(PangoLayout) left = make_text (layout, layout->header_left, FONT " 7.5",
                                               width * 0.4, FALSE);
      g_autoptr(PangoLayout) right = NULL;
      int left_width, unused;
      double right_width;

      pango_layout_get_pixel_size (left, &left_width, &unused);
      right_width = width - left_width - 12;
      right = make_text (layout, layout->header_right, FONT " 7.5", right_width, FALSE);
      pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
      show_text (layout, cr, left, layout->margin, layout->margin, &style->secondary);
      show_text (layout, cr, right, layout->margin + width - right_width, layout->margin,
                 &style->secondary);
    }
  /* Translators: the footer of each page of the summary */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, layout->pages->len);
  {
    g_autoptr(PangoLayout) footer = make_text (layout, number, FONT " 7.5", width, FALSE);

    pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
    show_text (layout, cr, footer, layout->margin, layout->page_height - layout->margin - 8,
               &style->secondary);
  }

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *p = &g_array_index (placements, Placement, i);
      Block *block = p->block;

      switch (block->kind)
        {
        case BLOCK_TITLE:
          {
            g_autoptr(PangoLayout) title = make_text (layout, block->text, FONT " Bold 18",
                                                      width, TRUE);
            g_autoptr(PangoLayout) sub = make_text (layout, block->subtitle, FONT " 10",
                                                    width, TRUE);

            show_text (layout, cr, title, layout->margin, p->y, &style->foreground);
            show_text (layout, cr, sub, layout->margin, p->y + text_height (title) + 4,
                       &style->secondary);
          }
          break;
        case BLOCK_HEADING:
          {
            g_autoptr(PangoLayout) pl = make_text (layout, block->text, FONT " Bold 12", width,
                                                   TRUE);

            show_text (layout, cr, pl, layout->margin, p->y + GAP, &style->foreground);
          }
          break;
        case BLOCK_TEXT:
          {
            g_autoptr(PangoLayout) pl = make_text (layout, block->text,
                                                   block->secondary ? FONT " 8.5" : FONT " 9.5",
                                                   width, TRUE);

            show_text (layout, cr, pl, layout->margin, p->y,
                       block->secondary ? &style->secondary : &style->foreground);
          }
          break;
        case BLOCK_CHART:
          cairo_save (cr);
          cairo_translate (cr, layout->margin, p->y);
          block->draw (cr, style, block->data, width, block->height);
          cairo_restore (cr);
          break;
        case BLOCK_TABLE:
          draw_table (layout, cr, p);
          break;
        case BLOCK_KEEP:
        default:
          break;
        }
    }
  cairo_restore (cr);
}
