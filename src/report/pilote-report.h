/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pilote-kpi.h"
#include "pilote-store.h"

G_BEGIN_DECLS

typedef enum {
  PILOTE_PAPER_A4,
  PILOTE_PAPER_LETTER,
} PilotePaper;

/**
 * PiloteReport:
 *
 * The monthly performance summary of a month and a scope (the company, a
 * team or a member), laid out on pages: every figure from the KPI engine,
 * every chart from src/charts. Draw its pages on any cairo context (a
 * print operation's, a PDF surface's, an image's).
 */
typedef struct _PiloteReport PiloteReport;

PilotePaper   pilote_paper_from_locale      (void);
gboolean      pilote_paper_from_name        (const char    *name,
                                             PilotePaper   *paper);

PiloteReport *pilote_report_new             (PiloteStore   *store,
                                             GDateYear      year,
                                             GDateMonth     month,
                                             PiloteScope    scope,
                                             gint64         scope_id,
                                             PilotePaper    paper,
                                             GError       **error);
PiloteReport *pilote_report_ref             (PiloteReport  *report);
void          pilote_report_free            (PiloteReport  *report);
double        pilote_report_get_page_width  (PiloteReport  *report);
double        pilote_report_get_page_height (PiloteReport  *report);
guint         pilote_report_get_n_pages     (PiloteReport  *report);
void          pilote_report_draw_page       (PiloteReport  *report,
                                             cairo_t       *cr,
                                             guint          page);
gboolean      pilote_report_write_pdf       (PiloteReport  *report,
                                             const char    *path,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteReport, pilote_report_free)

G_END_DECLS
