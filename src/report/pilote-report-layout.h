/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pilote-chart-style.h"

G_BEGIN_DECLS

/* A page layout of blocks: titles, paragraphs, tables that break across
 * pages with their header repeated, and charts. */

typedef struct _PiloteLayout PiloteLayout;

typedef void (*PiloteLayoutDrawFunc) (cairo_t                *cr,
                                      const PiloteChartStyle *style,
                                      gconstpointer           data,
                                      double                  width,
                                      double                  height);

PiloteLayout *pilote_layout_new          (double                  page_width,
                                          double                  page_height,
                                          double                  margin,
                                          const PiloteChartStyle *chart_style);
void          pilote_layout_free         (PiloteLayout           *layout);
void          pilote_layout_set_header   (PiloteLayout           *layout,
                                          const char             *left,
                                          const char             *right);
void          pilote_layout_add_title    (PiloteLayout           *layout,
                                          const char             *title,
                                          const char             *subtitle);
void          pilote_layout_add_heading  (PiloteLayout           *layout,
                                          const char             *text);
void          pilote_layout_add_text     (PiloteLayout           *layout,
                                          const char             *text,
                                          gboolean                secondary);
void          pilote_layout_begin_table  (PiloteLayout           *layout,
                                          guint                   n_columns,
                                          const double           *widths,
                                          const char * const     *headers);
void          pilote_layout_add_row      (PiloteLayout           *layout,
                                          const char * const     *cells);
void          pilote_layout_add_chart    (PiloteLayout           *layout,
                                          double                  height,
                                          PiloteLayoutDrawFunc    draw,
                                          gpointer                data,
                                          GDestroyNotify          free_data);
void          pilote_layout_keep_together (PiloteLayout          *layout,
                                           double                 height);
guint         pilote_layout_paginate     (PiloteLayout           *layout);
void          pilote_layout_draw_page    (PiloteLayout           *layout,
                                          cairo_t                *cr,
                                          guint                   page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteLayout, pilote_layout_free)

G_END_DECLS
