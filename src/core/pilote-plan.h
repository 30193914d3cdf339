/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

/*
 * The action plan, the SWOT and the spend of a period, as the Objectives
 * view reads them: the queries that the generic record API cannot express
 * (conditions joined by OR, positions renumbered in one transaction).
 */

/* The written strategy of a period and scope (a period note of kind
 * "strategy", one per period and scope, printed in the monthly summary). */
PilotePeriodNote *pilote_plan_get_strategy     (PiloteStore        *store,
                                                PilotePeriodKind    period_kind,
                                                const char         *period_start,
                                                PiloteScope         scope,
                                                gint64              scope_id,
                                                GError            **error);
gboolean          pilote_plan_save_strategy    (PiloteStore        *store,
                                                PilotePeriodNote   *note,
                                                GError            **error);

GPtrArray        *pilote_plan_list_actions     (PiloteStore        *store,
                                                const PilotePeriod *period,
                                                PiloteScope         scope,
                                                gint64              scope_id,
                                                GError            **error);
gboolean          pilote_plan_action_is_overdue (const PiloteAction *action,
                                                 const GDate        *today,
                                                 gint               *days_late);

void              pilote_plan_swot_period      (const PilotePeriod *period,
                                                char                start[PILOTE_ISO_DATE_LEN]);
GStrv             pilote_plan_list_markets     (PiloteStore        *store,
                                                const char         *period_start,
                                                GError            **error);
GPtrArray        *pilote_plan_list_swot        (PiloteStore        *store,
                                                const char         *market,
                                                const char         *period_start,
                                                GError            **error);
gboolean          pilote_plan_add_swot_item    (PiloteStore        *store,
                                                PiloteSwotItem     *item,
                                                GError            **error);
gboolean          pilote_plan_move_swot_item   (PiloteStore        *store,
                                                const PiloteSwotItem *item,
                                                guint               index,
                                                GError            **error);

GPtrArray        *pilote_plan_list_spend       (PiloteStore        *store,
                                                const PilotePeriod *period,
                                                GError            **error);

G_END_DECLS
