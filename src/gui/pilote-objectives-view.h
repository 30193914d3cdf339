/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-period.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_OBJECTIVES_VIEW (pilote_objectives_view_get_type ())
G_DECLARE_FINAL_TYPE (PiloteObjectivesView, pilote_objectives_view, PILOTE, OBJECTIVES_VIEW,
                      GtkWidget)

/*
 * PiloteObjectivesView: the Objectives view of the window. A toolbar chooses
 * a period and a scope; an inner view stack holds the pages (objectives,
 * plan, SWOT, spend…) that follow them.
 *
 * Pages are the children of the inner AdwViewStack (id "pages" in
 * pilote-objectives-view.ui). The view hands each page whatever of these
 * properties the page has, under the same name and type, whenever they
 * change (and once when the page is added):
 *
 * - "store" (PiloteStore*): the open file;
 * - "period-kind" (string): "week", "month", "quarter" or "year";
 * - "period-start" (string): the period's first day, ISO "YYYY-MM-DD".
 *   Quarters and years start on the file's fiscal start month; the period
 *   is pilote_period_init_containing (kind, start, fiscal start);
 * - "scope-kind" (string): "company", "team" or "member";
 * - "scope-id" (gint64): the team's or the member's id, 0 for the company.
 *
 * The strings are the nicks of PILOTE_TYPE_PERIOD_KIND and
 * PILOTE_TYPE_SCOPE (pilote-enums.h): g_enum_get_value_by_nick() reads them.
 *
 * When the file changes under the window ("view.reload"), each page that
 * installs a "page.reload" action has it activated.
 *
 * The view's own period and scope properties are read-only: they change
 * through the toolbar, the "objectives.*" actions or the functions below.
 */

GtkWidget   *pilote_objectives_view_new          (void);
PiloteStore *pilote_objectives_view_get_store    (PiloteObjectivesView *self);
void         pilote_objectives_view_set_store    (PiloteObjectivesView *self,
                                                  PiloteStore          *store);
void         pilote_objectives_view_get_period   (PiloteObjectivesView *self,
                                                  PilotePeriod         *period);
void         pilote_objectives_view_set_period   (PiloteObjectivesView *self,
                                                  PilotePeriodKind      kind,
                                                  const GDate          *date);
PiloteScope  pilote_objectives_view_get_scope    (PiloteObjectivesView *self,
                                                  gint64               *scope_id);
void         pilote_objectives_view_set_scope    (PiloteObjectivesView *self,
                                                  PiloteScope           scope,
                                                  gint64                scope_id);
void         pilote_objectives_view_show_page    (PiloteObjectivesView *self,
                                                  const char           *name);

G_END_DECLS
