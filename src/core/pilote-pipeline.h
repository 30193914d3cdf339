/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-money.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

/**
 * PilotePipelineFilter:
 * @owner_id: only the deals of this member; 0 for everyone
 * @team_id: only the deals owned by members of this team; 0 for every team
 * @close_from: (nullable): only deals expected to close on or after this
 *   ISO date; deals without an expected close date are then left out
 * @close_to: (nullable): only deals expected to close before this ISO date
 *
 * Which open deals the pipeline shows. A zeroed filter shows them all.
 */
typedef struct {
  gint64      owner_id;
  gint64      team_id;
  const char *close_from;
  const char *close_to;
} PilotePipelineFilter;

/**
 * PilotePipelineStageTotals:
 * @stage_id: the stage
 * @count: open deals in the stage
 * @amount: Σ amount of those deals
 * @weighted: Σ amount × probability (the deal's, else the stage's default)
 * @stale: how many of them have not changed stage for more than the
 *   stale-deal threshold
 */
typedef struct {
  gint64      stage_id;
  gint64      count;
  PiloteMoney amount;
  PiloteMoney weighted;
  gint64      stale;
} PilotePipelineStageTotals;

/**
 * PilotePipelineDeal:
 *
 * What a card of the pipeline shows about one open deal. @probability is
 * the deal's, else its stage's default. @next_activity is the subject of
 * the earliest activity of the deal not done yet, @next_activity_due its
 * due date and time (both %NULL when there is none). @days_in_stage counts
 * the days since the deal last changed stage (since its creation when no
 * change was recorded); @stale is set past the stale-deal threshold.
 */
typedef struct {
  gint64       deal_id;
  gint64       version;
  gint64       stage_id;
  char        *title;
  char        *client;
  char        *owner;
  char        *stage;
  PiloteMoney  amount;
  double       probability;
  PiloteForecastCategory forecast_category;
  char        *expected_close_on;
  char        *next_activity;
  char        *next_activity_due;
  gint64       days_in_stage;
  gboolean     stale;
} PilotePipelineDeal;

/* The orders a list of cards can be sorted in (all in SQL). */
typedef enum {
  PILOTE_PIPELINE_SORT_EXPECTED_CLOSE,
  PILOTE_PIPELINE_SORT_TITLE,
  PILOTE_PIPELINE_SORT_CLIENT,
  PILOTE_PIPELINE_SORT_OWNER,
  PILOTE_PIPELINE_SORT_STAGE,
  PILOTE_PIPELINE_SORT_AMOUNT,
  PILOTE_PIPELINE_SORT_PROBABILITY,
  PILOTE_PIPELINE_SORT_DAYS_IN_STAGE,
} PilotePipelineSort;

/**
 * PilotePipelineForecastRow:
 * @month: "YYYY-MM", or %NULL for the deals without an expected close date
 * @count: open deals expected to close in the month
 * @amount: Σ amount of those deals
 * @weighted: Σ amount × probability
 * @commit: Σ amount of the "commit" deals
 * @best_case: Σ amount of the "commit" and "best case" deals
 */
typedef struct {
  char        *month;
  gint64       count;
  PiloteMoney  amount;
  PiloteMoney  weighted;
  PiloteMoney  commit;
  PiloteMoney  best_case;
} PilotePipelineForecastRow;

gint64      pilote_pipeline_get_stale_days    (PiloteStore                 *store);

GArray     *pilote_pipeline_stage_totals      (PiloteStore                 *store,
                                               const PilotePipelineFilter  *filter,
                                               const GDate                 *today,
                                               GError                     **error);
GPtrArray  *pilote_pipeline_list_deals        (PiloteStore                 *store,
                                               const PilotePipelineFilter  *filter,
                                               gint64                       stage_id,
                                               PilotePipelineSort           sort,
                                               gboolean                     descending,
                                               guint                        limit,
                                               guint                        offset,
                                               const GDate                 *today,
                                               GError                     **error);
GPtrArray  *pilote_pipeline_forecast          (PiloteStore                 *store,
                                               const PilotePipelineFilter  *filter,
                                               GError                     **error);
gboolean    pilote_pipeline_move_deal         (PiloteStore                 *store,
                                               gint64                       deal_id,
                                               gint64                       version,
                                               gint64                       stage_id,
                                               gint64                       lost_reason_id,
                                               gint64                       competitor_id,
                                               GError                     **error);

void        pilote_pipeline_deal_free         (PilotePipelineDeal          *card);
void        pilote_pipeline_forecast_row_free (PilotePipelineForecastRow   *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PilotePipelineDeal, pilote_pipeline_deal_free)

G_END_DECLS
