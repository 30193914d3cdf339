/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

/*
 * What the action plan, SWOT and spend pages share: reading the period and
 * scope the Objectives view hands them, date and list choosers for their
 * dialogs, toasts and error dialogs.
 */

typedef void (*PilotePlanTextCallback) (GtkWidget  *page,
                                        const char *text,
                                        gpointer    user_data);

gboolean     pilote_plan_read_period        (PiloteStore      *store,
                                             const char       *period_kind,
                                             const char       *period_start,
                                             PilotePeriod     *period);
PiloteScope  pilote_plan_read_scope         (const char       *scope_kind);
const char  *pilote_plan_status_label       (PiloteProgressStatus status);
char        *pilote_plan_format_date        (const char       *iso);
char        *pilote_plan_format_month       (const char       *iso);
char        *pilote_plan_objective_label    (PiloteStore      *store,
                                             const PiloteObjective *objective);

void         pilote_plan_add_date_button    (AdwEntryRow      *row);
gboolean     pilote_plan_parse_date_row     (AdwEntryRow      *row,
                                             char            **iso,
                                             GError          **error);
GArray      *pilote_plan_fill_combo         (AdwComboRow      *row,
                                             PiloteStore      *store,
                                             PiloteEntity      entity,
                                             const char       *none);
guint        pilote_plan_find_id            (GArray           *ids,
                                             gint64            id);
gint64       pilote_plan_selected_id        (AdwComboRow      *row,
                                             GArray           *ids);

AdwToast    *pilote_plan_show_toast         (GtkWidget        *widget,
                                             const char       *title,
                                             gboolean          with_undo);
void         pilote_plan_show_error         (GtkWidget        *widget,
                                             const char       *heading,
                                             const char       *body);
GtkWidget   *pilote_plan_ask_text           (GtkWidget        *page,
                                             const char       *heading,
                                             const char       *body,
                                             const char       *text,
                                             const char       *accept_label,
                                             PilotePlanTextCallback callback,
                                             gpointer          user_data);

G_END_DECLS
