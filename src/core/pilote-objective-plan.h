/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

/*
 * Planning objectives: spreading a yearly target over its months, rolling
 * members' objectives up into their team and teams' into the company,
 * carrying a period's objectives over to the next.
 */

#define PILOTE_MONTHS_IN_YEAR 12

void      pilote_objective_plan_spread        (gint64              total,
                                               const gint64       *weights,
                                               guint               n_parts,
                                               gint64             *parts);
gboolean  pilote_objective_plan_seasonality   (PiloteStore        *store,
                                               const PilotePeriod *year,
                                               PiloteScope         scope,
                                               gint64              scope_id,
                                               gint64              weights[PILOTE_MONTHS_IN_YEAR],
                                               GError            **error);
gboolean  pilote_objective_plan_save_months   (PiloteStore        *store,
                                               PiloteMetric        metric,
                                               const PilotePeriod *year,
                                               PiloteScope         scope,
                                               gint64              scope_id,
                                               const gint64        parts[PILOTE_MONTHS_IN_YEAR],
                                               GError            **error);

gboolean  pilote_objective_plan_find_other    (PiloteStore            *store,
                                               const PiloteObjective  *objective,
                                               gint64                 *other_id,
                                               GError                **error);
gboolean  pilote_objective_plan_get_target    (PiloteStore        *store,
                                               PiloteMetric        metric,
                                               const PilotePeriod *period,
                                               PiloteScope         scope,
                                               gint64              scope_id,
                                               gint64             *target,
                                               GError            **error);
gboolean  pilote_objective_plan_save_target   (PiloteStore        *store,
                                               PiloteMetric        metric,
                                               const PilotePeriod *period,
                                               PiloteScope         scope,
                                               gint64              scope_id,
                                               gint64              target,
                                               GError            **error);

/**
 * PiloteObjectiveRollup:
 * @metric: what the objectives count
 * @scope: the whole: a team, or the company
 * @scope_id: the team's id, 0 for the company
 * @parts_target: the sum of the parts' targets (the team's members', or
 *   the company's teams')
 * @n_parts: how many objectives were added up
 */
typedef struct {
  PiloteMetric metric;
  PiloteScope  scope;
  gint64       scope_id;
  gint64       parts_target;
  guint        n_parts;
} PiloteObjectiveRollup;

gboolean  pilote_metric_is_additive           (PiloteMetric        metric);
GArray   *pilote_objective_plan_rollups       (PiloteStore        *store,
                                               const PilotePeriod *period,
                                               GError            **error);
const PiloteObjectiveRollup *
          pilote_objective_plan_find_rollup   (GArray             *rollups,
                                               PiloteMetric        metric,
                                               PiloteScope         scope,
                                               gint64              scope_id);

gboolean  pilote_objective_plan_copy_previous (PiloteStore        *store,
                                               const PilotePeriod *period,
                                               PiloteScope         scope,
                                               gint64              scope_id,
                                               GArray             *created,
                                               GError            **error);

G_END_DECLS
