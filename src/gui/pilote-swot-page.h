/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-kpi.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_SWOT_PAGE (pilote_swot_page_get_type ())
G_DECLARE_FINAL_TYPE (PiloteSwotPage, pilote_swot_page, PILOTE, SWOT_PAGE, GtkWidget)

/*
 * PiloteSwotPage: the "SWOT" page of the Objectives view: the SWOT of a
 * market for the year of the chosen period (strengths, weaknesses,
 * opportunities, threats; items added, edited, deleted and reordered by
 * drag and drop or with the move buttons), and the competitors with the
 * deals met, won and lost against each in the period. It follows the
 * "store", "period-kind", "period-start", "scope-kind" and "scope-id"
 * properties the view hands it. ::loaded is emitted when the competitors'
 * figures have been read.
 */

GtkWidget  *pilote_swot_page_new                   (void);
void        pilote_swot_page_reload                (PiloteSwotPage  *self);
gboolean    pilote_swot_page_is_loading            (PiloteSwotPage  *self);
const char *pilote_swot_page_get_market            (PiloteSwotPage  *self);
void        pilote_swot_page_set_market            (PiloteSwotPage  *self,
                                                    const char      *market);

gboolean    pilote_swot_page_add_item              (PiloteSwotPage  *self,
                                                    PiloteQuadrant   quadrant,
                                                    const char      *text,
                                                    GError         **error);
gboolean    pilote_swot_page_move_item             (PiloteSwotPage  *self,
                                                    gint64           item_id,
                                                    int              delta,
                                                    GError         **error);
gboolean    pilote_swot_page_delete_item           (PiloteSwotPage  *self,
                                                    gint64           item_id,
                                                    GError         **error);
void        pilote_swot_page_undo_delete           (PiloteSwotPage  *self);
GStrv       pilote_swot_page_get_texts             (PiloteSwotPage  *self,
                                                    PiloteQuadrant   quadrant);
gint64      pilote_swot_page_get_item_id           (PiloteSwotPage  *self,
                                                    PiloteQuadrant   quadrant,
                                                    guint            index);

GPtrArray  *pilote_swot_page_get_competitors       (PiloteSwotPage  *self);
const char *pilote_swot_page_get_competitor_text   (PiloteSwotPage  *self,
                                                    const char      *name);
gboolean    pilote_swot_page_add_competitor        (PiloteSwotPage  *self,
                                                    const char      *name,
                                                    GError         **error);

G_END_DECLS
