/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-money.h"
#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

/* What figures can be filtered and broken down by. */
typedef enum {
  PILOTE_DIMENSION_NONE,
  PILOTE_DIMENSION_MONTH,
  PILOTE_DIMENSION_QUARTER,
  PILOTE_DIMENSION_YEAR,
  PILOTE_DIMENSION_TEAM,
  PILOTE_DIMENSION_OFFICE,
  PILOTE_DIMENSION_MEMBER,
  PILOTE_DIMENSION_SEGMENT,
  PILOTE_DIMENSION_SECTOR,
  PILOTE_DIMENSION_REGION,
  PILOTE_DIMENSION_COUNTRY,
  PILOTE_DIMENSION_PRODUCT,
  PILOTE_DIMENSION_CATEGORY,
  PILOTE_DIMENSION_CHANNEL,
  PILOTE_DIMENSION_CLIENT,
  PILOTE_N_DIMENSIONS
} PiloteDimension;

const char *pilote_dimension_get_name   (PiloteDimension  dimension);
const char *pilote_dimension_get_label  (PiloteDimension  dimension);
gboolean    pilote_dimension_from_name  (const char      *name,
                                         PiloteDimension *dimension);

/* Filters: every condition must hold; a value is the name shown to users
 * (a team's name, a product's name, "2017-03" for a month…). */
typedef struct _PiloteKpiFilter PiloteKpiFilter;

PiloteKpiFilter *pilote_kpi_filter_new    (void);
void             pilote_kpi_filter_free   (PiloteKpiFilter  *filter);
void             pilote_kpi_filter_add    (PiloteKpiFilter  *filter,
                                           PiloteDimension   dimension,
                                           const char       *value);
gboolean         pilote_kpi_filter_parse  (PiloteKpiFilter  *filter,
                                           const char       *condition,
                                           GError          **error);
gboolean         pilote_kpi_filter_has    (const PiloteKpiFilter *filter,
                                           PiloteDimension        dimension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteKpiFilter, pilote_kpi_filter_free)

/**
 * PiloteKpiFigures:
 *
 * The figures of one period (or one breakdown row). Money is in minor
 * units, %PILOTE_MONEY_NONE when it has no meaning (a ratio without
 * denominator; spend and CAC filtered by a dimension spend is not recorded
 * by). Rates are fractions, NAN without denominator. Counts are -1 when
 * they have no meaning for the filter.
 *
 * Closed-deal figures count deals won or lost in the period. Pipeline
 * figures describe the deals open now: all of them in the totals, those
 * expected to close in the row's month, quarter or year in a time breakdown.
 */
typedef struct {
  PiloteMoney revenue;              /* Σ amount of deals won in the period */
  PiloteMoney cost;                 /* Σ cost of those deals */
  PiloteMoney gross_margin;         /* revenue − cost */
  double      gross_margin_rate;    /* margin ÷ revenue */
  gint64      deals_won;
  gint64      deals_lost;
  double      win_rate;             /* won ÷ (won + lost) */
  gint64      clients_won;          /* distinct clients with a won deal */
  gint64      new_clients;          /* clients acquired in the period */
  PiloteMoney spend;                /* marketing + sales spend */
  PiloteMoney cac;                  /* spend ÷ new clients */
  PiloteMoney avg_revenue_per_client;
  PiloteMoney avg_deal_size;        /* revenue ÷ deals won */
  double      sales_cycle_days;     /* mean days from creation to won date */
  gint64      open_deals;
  PiloteMoney open_pipeline;        /* Σ amount of open deals */
  PiloteMoney weighted_pipeline;    /* Σ amount × probability of open deals */
} PiloteKpiFigures;

/**
 * PiloteKpiSummary:
 *
 * The figures of the whole period that do not break down into rows.
 */
typedef struct {
  double      sales_cycle_median_days;
  PiloteMoney forecast;             /* revenue + weighted pipeline expected to close in the period */
  PiloteMoney forecast_commit;      /* revenue + open "commit" deals expected to close in it */
  PiloteMoney forecast_best_case;   /* revenue + open "commit" and "best case" deals */
  PiloteMoney sales_velocity;       /* per day: open deals × win rate × average deal ÷ cycle */
  gint64      prospects_open;       /* prospects open at the start or created in the period */
  gint64      prospects_converted;  /* of those, acquired as clients in the period */
  double      prospect_conversion;
  gint64      active_clients;       /* clients with a won deal in the 12 months to the period's end */
  PiloteMoney yearly_margin_per_client;
  double      client_lifetime_years;
  PiloteMoney clv;                  /* yearly margin per active client × lifetime */
  double      clv_to_cac;
  gint64      churned_clients;      /* won in the 12 months before the last 12, not since */
  PiloteMoney churned_revenue;      /* what they bought in those earlier 12 months */
  gint64      meetings_held;
  gint64      calls_made;
} PiloteKpiSummary;

typedef struct {
  char             *key;    /* NULL: no value (a deal without product, say) */
  PiloteKpiFigures  figures;
} PiloteKpiRow;

typedef enum {
  PILOTE_KPI_DEFAULT = 0,
  /* also compute the previous period and the same period a year before */
  PILOTE_KPI_COMPARE = 1 << 0,
  /* leave the summary out (its figures read "no value"), except the
   * forecast and the meetings and calls counted: for breakdowns and series
   * that need only the figures */
  PILOTE_KPI_NO_SUMMARY = 1 << 1,
  /* leave the open pipeline out of the breakdown rows (their pipeline
   * figures read "no value"): for rows that need closed deals only */
  PILOTE_KPI_NO_PIPELINE_ROWS = 1 << 2,
  /* compute the breakdown rows only, for charts and tables that show
   * nothing else: the totals are not computed (they read zero and "no
   * value"), nor the summary (as with %PILOTE_KPI_NO_SUMMARY, the forecast
   * and the meetings and calls included); ignored without a breakdown */
  PILOTE_KPI_ROWS_ONLY = 1 << 3,
  /* without the distinct clients with a won deal (clients_won reads -1,
   * avg_revenue_per_client "no value"): the closed deals of whole months
   * are then read from their monthly summaries rather than one by one */
  PILOTE_KPI_NO_CLIENT_COUNTS = 1 << 4,
  /* without the open pipeline, of the totals as of the rows (it reads
   * -1 and "no value"), nor the forecast */
  PILOTE_KPI_NO_PIPELINE = 1 << 5,
  /* with the summary, list the clients that did not renew (@churned, the
   * PILOTE_KPI_CHURNED_LISTED largest), from the same reading of the deals
   * as their count */
  PILOTE_KPI_CHURN_LIST = 1 << 6,
  /* with the summary, without the clients of the two years to the end of
   * the period (the active clients, their yearly margin, the clients that
   * did not renew, the lifetime, the CLV and its ratio to the CAC read -1,
   * "no value" or NAN): pilote_kpi_years_read () reads them apart, and
   * pilote_kpi_report_add_years () completes the report */
  PILOTE_KPI_NO_CLIENT_YEARS = 1 << 7,
} PiloteKpiFlags;

/* how many clients that did not renew a report lists at most */
#define PILOTE_KPI_CHURNED_LISTED 20

typedef struct {
  PilotePeriod      period;
  PiloteDimension   dimension;
  char             *currency;
  PiloteKpiFigures  totals;
  PiloteKpiSummary  summary;
  PiloteKpiFigures  previous;       /* with PILOTE_KPI_COMPARE */
  PiloteKpiFigures  year_before;    /* with PILOTE_KPI_COMPARE */
  GPtrArray        *rows;           /* PiloteKpiRow, ordered by key */
  GPtrArray        *churned;        /* PiloteChurnedClient, with PILOTE_KPI_CHURN_LIST; else NULL */
} PiloteKpiReport;

PiloteKpiReport *pilote_kpi_compute      (PiloteStore            *store,
                                          const PilotePeriod     *period,
                                          const PiloteKpiFilter  *filter,
                                          PiloteDimension         by,
                                          PiloteKpiFlags          flags,
                                          GError                **error);
void             pilote_kpi_report_free  (PiloteKpiReport        *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteKpiReport, pilote_kpi_report_free)

typedef struct _PiloteKpiYears PiloteKpiYears;

PiloteKpiYears  *pilote_kpi_years_read       (PiloteStore            *store,
                                              const PilotePeriod     *period,
                                              const PiloteKpiFilter  *filter,
                                              gboolean                list_churned,
                                              GError                **error);
void             pilote_kpi_years_free       (PiloteKpiYears         *years);
void             pilote_kpi_report_add_years (PiloteKpiReport        *report,
                                              PiloteKpiYears         *years);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteKpiYears, pilote_kpi_years_free)

/* Funnel: for each stage in pipeline order, the deals that entered it in the
 * period, those of them that went on to a later stage (won included), the
 * stage-to-stage conversion and the median days spent in the stage. */
typedef struct {
  gint64  stage_id;
  char   *name;
  gint64  entered;
  gint64  advanced;
  double  conversion;
  double  median_days;
} PiloteFunnelStage;

GPtrArray *pilote_kpi_funnel (PiloteStore            *store,
                              const PilotePeriod     *period,
                              const PiloteKpiFilter  *filter,
                              GError                **error);
GPtrArray *pilote_kpi_funnel_entries (PiloteStore            *store,
                                      const PilotePeriod     *period,
                                      const PiloteKpiFilter  *filter,
                                      GError                **error);

/* Lost deals of the period by reason or by competitor */
typedef struct {
  char        *key;      /* NULL: no reason (or competitor) given */
  gint64       deals;
  PiloteMoney  amount;
} PiloteLostRow;

GPtrArray *pilote_kpi_lost (PiloteStore            *store,
                            const PilotePeriod     *period,
                            const PiloteKpiFilter  *filter,
                            gboolean                by_competitor,
                            GError                **error);
gboolean   pilote_kpi_lost_both (PiloteStore            *store,
                                 const PilotePeriod     *period,
                                 const PiloteKpiFilter  *filter,
                                 GPtrArray             **by_reason,
                                 GPtrArray             **by_competitor,
                                 GError                **error);

/* The competitors met on deals: in play during the period, won and lost in it */
typedef struct {
  gint64       competitor_id;
  char        *name;
  gint64       met;          /* deals naming it, open at some time in the period */
  gint64       won;          /* of those, won in the period */
  gint64       lost;         /* lost in the period */
  PiloteMoney  lost_amount;  /* their amount */
} PiloteCompetitorRow;

GPtrArray *pilote_kpi_competitors (PiloteStore            *store,
                                   const PilotePeriod     *period,
                                   PiloteScope             scope,
                                   gint64                  scope_id,
                                   GError                **error);

/* Clients that did not renew as of a date: a won deal in the 12 months
 * before the last 12, none in the last 12. Largest revenue at stake first. */
typedef struct {
  gint64       client_id;
  char        *name;
  char        *last_won_on;
  PiloteMoney  revenue_at_stake;
} PiloteChurnedClient;

GPtrArray *pilote_kpi_churn (PiloteStore            *store,
                             const GDate            *as_of,
                             const PiloteKpiFilter  *filter,
                             guint                   limit,
                             GError                **error);

/* Objectives */

typedef enum {
  PILOTE_PACING_NONE,        /* qualitative, or not started yet */
  PILOTE_PACING_ON_TRACK,
  PILOTE_PACING_AT_RISK,
  PILOTE_PACING_BEHIND,
} PilotePacingStatus;

/**
 * PiloteObjectiveProgress:
 * @actual: the figure reached, in the objective's unit (minor units,
 *   count, or basis points for a rate)
 * @attainment: actual ÷ target
 * @expected: the target × the elapsed share of the period
 * @pacing: actual ÷ expected (for a rate: actual ÷ target)
 */
typedef struct {
  PiloteObjective    *objective;
  PilotePeriod        period;
  gint64              actual;
  double              attainment;
  double              elapsed;
  gint64              expected;
  double              pacing;
  PilotePacingStatus  status;
} PiloteObjectiveProgress;

gint64     pilote_kpi_metric_actual    (PiloteStore            *store,
                                        PiloteMetric            metric,
                                        const PilotePeriod     *period,
                                        PiloteScope             scope,
                                        gint64                  scope_id,
                                        GError                **error);
GPtrArray *pilote_kpi_objectives       (PiloteStore            *store,
                                        const PilotePeriod     *period,
                                        const GDate            *today,
                                        GError                **error);
GPtrArray *pilote_kpi_scope_objectives (PiloteStore            *store,
                                        const PilotePeriod     *period,
                                        PiloteScope             scope,
                                        gint64                  scope_id,
                                        const GDate            *today,
                                        GError                **error);
const char *pilote_pacing_status_get_label (PilotePacingStatus status);

/* Gap to target for a revenue objective of the period and scope */
typedef struct {
  PiloteMoney target;
  PiloteMoney won;
  PiloteMoney weighted_pipeline;
  PiloteMoney forecast;
  PiloteMoney gap;               /* target − forecast; negative when ahead */
  double      win_rate;          /* of the 12 months to the period's end */
  PiloteMoney pipeline_needed;   /* gap ÷ win rate; 0 when ahead */
} PiloteGap;

gboolean   pilote_kpi_gap              (PiloteStore            *store,
                                        const PilotePeriod     *period,
                                        PiloteScope             scope,
                                        gint64                  scope_id,
                                        PiloteGap              *gap,
                                        GError                **error);
gboolean   pilote_kpi_gap_and_pipeline (PiloteStore            *store,
                                        const PilotePeriod     *period,
                                        PiloteScope             scope,
                                        gint64                  scope_id,
                                        PiloteGap              *gap,
                                        PiloteKpiFigures       *open,
                                        GError                **error);
gboolean   pilote_kpi_member_gaps      (PiloteStore            *store,
                                        const PilotePeriod     *period,
                                        const gint64           *member_ids,
                                        guint                   n_members,
                                        PiloteGap              *gaps,
                                        GError                **error);


/* Lists of deals for the monthly summary */
typedef enum {
  PILOTE_DEALS_TOP_WON,      /* won in the period, largest first */
  PILOTE_DEALS_TOP_LOST,     /* lost in the period, largest first */
  PILOTE_DEALS_AT_RISK,      /* open, expected to close by the period's end, largest first */
} PiloteDealList;

typedef struct {
  gint64       deal_id;
  char        *title;
  char        *client;
  char        *owner;
  char        *stage;
  char        *date;        /* won or lost date, or expected close date */
  PiloteMoney  amount;
  char        *detail;      /* lost reason, or days without a stage change */
} PiloteDealSummary;

GPtrArray *pilote_kpi_deals (PiloteStore            *store,
                             PiloteDealList          list,
                             const PilotePeriod     *period,
                             const PiloteKpiFilter  *filter,
                             guint                   limit,
                             GError                **error);

G_END_DECLS
