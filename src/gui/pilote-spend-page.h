/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-kpi.h"
#include "pilote-spend-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_SPEND_PAGE (pilote_spend_page_get_type ())
G_DECLARE_FINAL_TYPE (PiloteSpendPage, pilote_spend_page, PILOTE, SPEND_PAGE, GtkWidget)

/*
 * PiloteSpendPage: the "Spend" page of the Objectives view: the marketing
 * and sales spend recorded for the months of the period (added, corrected
 * and deleted in a dialog), with the totals, the new clients and the CAC
 * of each channel and of the whole company, from the KPI engine. Spend is
 * recorded for the company: the scope does not filter it. ::loaded is
 * emitted when the totals have been computed.
 */

GtkWidget         *pilote_spend_page_new              (void);
void               pilote_spend_page_reload           (PiloteSpendPage  *self);
gboolean           pilote_spend_page_is_loading       (PiloteSpendPage  *self);
PiloteSpendEditor *pilote_spend_page_edit_spend       (PiloteSpendPage  *self,
                                                       gint64            spend_id);
gboolean           pilote_spend_page_delete_spend     (PiloteSpendPage  *self,
                                                       gint64            spend_id,
                                                       GError          **error);
void               pilote_spend_page_undo_delete      (PiloteSpendPage  *self);
guint              pilote_spend_page_get_n_lines      (PiloteSpendPage  *self);
const char        *pilote_spend_page_get_total_text   (PiloteSpendPage  *self,
                                                       const char       *channel);
const char        *pilote_spend_page_get_cac_text     (PiloteSpendPage  *self,
                                                       const char       *channel);

G_END_DECLS
