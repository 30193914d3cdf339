/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-action-editor.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_PLAN_PAGE (pilote_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (PilotePlanPage, pilote_plan_page, PILOTE, PLAN_PAGE, GtkWidget)

/*
 * PilotePlanPage: the "Action Plan" page of the Objectives view: the
 * period's written strategy, edited in place, above the actions of the
 * period as a board by status (drag a card to another column to change
 * its status) or as a list. It follows the "store", "period-kind",
 * "period-start", "scope-kind" and "scope-id" properties the view hands it.
 */

GtkWidget          *pilote_plan_page_new                (void);
void                pilote_plan_page_set_today          (PilotePlanPage        *self,
                                                         const GDate           *today);
void                pilote_plan_page_reload             (PilotePlanPage        *self);
void                pilote_plan_page_set_list_mode      (PilotePlanPage        *self,
                                                         gboolean               list_mode);

GtkTextView        *pilote_plan_page_get_strategy_view  (PilotePlanPage        *self);
gboolean            pilote_plan_page_save_strategy      (PilotePlanPage        *self,
                                                         GError               **error);
const char         *pilote_plan_page_get_save_text      (PilotePlanPage        *self);

guint               pilote_plan_page_get_n_cards        (PilotePlanPage        *self,
                                                         PiloteProgressStatus   status);
int                 pilote_plan_page_find_card          (PilotePlanPage        *self,
                                                         gint64                 action_id);
const char         *pilote_plan_page_get_overdue_text   (PilotePlanPage        *self,
                                                         gint64                 action_id);
guint               pilote_plan_page_get_n_list_rows    (PilotePlanPage        *self);
gboolean            pilote_plan_page_move_action        (PilotePlanPage        *self,
                                                         gint64                 action_id,
                                                         PiloteProgressStatus   status,
                                                         GError               **error);
PiloteActionEditor *pilote_plan_page_edit_action        (PilotePlanPage        *self,
                                                         gint64                 action_id);
gboolean            pilote_plan_page_delete_action      (PilotePlanPage        *self,
                                                         gint64                 action_id,
                                                         GError               **error);
void                pilote_plan_page_undo_delete        (PilotePlanPage        *self);

G_END_DECLS
