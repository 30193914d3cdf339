/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-kpi.h"
#include "pilote-store-private.h"

G_BEGIN_DECLS

/* What a KPI query counts: each kind of fact has its table, its date
 * column and the dimensions it can be filtered and broken down by. */
typedef enum {
  PILOTE_FACT_CLOSED_DEAL,   /* deal d, by closed_on */
  PILOTE_FACT_OPEN_DEAL,     /* deal d, by expected_close_on */
  PILOTE_FACT_CLIENT,        /* client c, by acquired_on */
  PILOTE_FACT_SPEND,         /* spend s, by month */
  PILOTE_FACT_ACTIVITY,      /* activity a, by done_at */
  PILOTE_FACT_STAGE_CHANGE,  /* stage_change sc of deal d, by changed_at */
} PiloteFact;

/* Placeholders every KPI query shares: ?1 and ?2 the period's bounds,
 * ?3 the shift that turns a date into its fiscal month; filter values
 * from ?10 on. */
#define PILOTE_KPI_FIRST_FILTER_PARAM 10

/* A client's revenue to date, as an expression on a row "c" of client:
 * the amount of its won deals. For lists that show clients and sort
 * them by it; one seek of deal_client per client. */
#define PILOTE_KPI_CLIENT_REVENUE_SQL \
  "(SELECT coalesce (sum (d.amount), 0) FROM deal d WHERE d.client_id = c.id" \
  " AND d.status = 'won' AND d.deleted_at IS NULL)"

typedef struct {
  GString  *from;        /* "FROM … JOIN …" */
  GString  *where;       /* " AND …" conditions after the fact's own */
  char     *key;         /* the breakdown key expression, or NULL */
  gboolean  applicable;  /* FALSE when a filter or the breakdown has no meaning for the fact */
  gboolean  per_line;    /* joins deal lines: one row per deal line */
  /* a deal's amount and cost as the query counts them: the lines'
   * (of the products filtered) when it joins lines; to group by d.id */
  const char *amount;
  const char *cost;
  /* " GROUP BY d.id" when lines are joined, else nothing: a deal is one row */
  const char *per_deal;
  /* the deals "d" are those of one category, read from deal_category
   * (schema version 17), whose indexes are named after those of deal */
  gboolean  of_category;
} PiloteKpiSql;

struct _PiloteKpiFilter {
  GArray *conditions;    /* PiloteKpiCondition */
};

typedef struct {
  PiloteDimension  dimension;
  char            *value;
  gint64           id;      /* team, member and client: match the id instead of the name */
} PiloteKpiCondition;

void     pilote_kpi_filter_add_id   (PiloteKpiFilter        *filter,
                                     PiloteDimension         dimension,
                                     gint64                  id);

gboolean pilote_kpi_filter_by_owner (const PiloteKpiFilter  *filter);
gboolean pilote_kpi_filter_by_owner_only (const PiloteKpiFilter  *filter);
gboolean pilote_kpi_filter_by_summary_keys (const PiloteKpiFilter *filter);
gboolean pilote_kpi_filter_by_change_keys (const PiloteKpiFilter *filter);
gboolean pilote_kpi_filter_is_one   (const PiloteKpiFilter  *filter,
                                     PiloteDimension         dimension);
void     pilote_kpi_sql_key_condition (GString               *where,
                                       const PiloteKpiFilter *filter,
                                       guint                  i,
                                       const char            *owner,
                                       const char            *segment);
gboolean pilote_kpi_filter_by_client_id (const PiloteKpiFilter  *filter);
void     pilote_kpi_sql_use_index   (PiloteKpiSql           *sql,
                                     const char             *index);
void     pilote_kpi_sql_use_category_index (PiloteKpiSql    *sql,
                                            const char      *index);
void     pilote_kpi_sql_init        (PiloteKpiSql           *sql,
                                     PiloteFact              fact,
                                     const PiloteKpiFilter  *filter,
                                     PiloteDimension         by);
void     pilote_kpi_sql_clear       (PiloteKpiSql           *sql);
gboolean pilote_kpi_summary_suspend (PiloteStore           *store,
                                     GError               **error);
gboolean pilote_kpi_summary_resume  (PiloteStore           *store,
                                     GError               **error);
gboolean pilote_kpi_summary_sum_categories (PiloteStore    *store,
                                            GError        **error);
gboolean pilote_kpi_summary_rebuild (PiloteStore           *store,
                                     GError               **error);
gboolean pilote_kpi_summary_catch_up (PiloteStore          *store,
                                      GError              **error);
gboolean pilote_kpi_summary_ready   (PiloteStore           *store);
gboolean pilote_kpi_whole_months    (const char             *from,
                                     const char             *to);
gboolean pilote_kpi_open_summary    (PiloteStore            *store,
                                     const char             *from,
                                     const char             *to,
                                     const PiloteKpiFilter  *filter,
                                     PiloteKpiFigures       *open,
                                     double                  in_period[3],
                                     GError                **error);
void     pilote_kpi_summary_sql_init (PiloteKpiSql          *sql,
                                      const PiloteKpiFilter *filter,
                                      PiloteDimension        by);
void     pilote_kpi_summary_cycle_sql_init (PiloteKpiSql          *sql,
                                            const PiloteKpiFilter *filter);
PiloteStmt *pilote_kpi_prepare      (PiloteStore            *store,
                                     const char             *sql,
                                     const char             *from_iso,
                                     const char             *to_iso,
                                     const PiloteKpiFilter  *filter,
                                     GError                **error);
gboolean pilote_kpi_step            (PiloteStore            *store,
                                     PiloteStmt             *stmt,
                                     gboolean               *has_row,
                                     GError                **error);
gboolean pilote_kpi_count_activities (PiloteStore           *store,
                                      const PilotePeriod    *period,
                                      const PiloteKpiFilter *filter,
                                      gint64                *meetings,
                                      gint64                *calls,
                                      GError               **error);
/* the clients of the 24 months before a date: see pilote-kpi-clients.c */
typedef struct {
  gint64      active;           /* with a won deal in the last 12 months */
  gint64      active_before;    /* with a won deal in the 12 months before */
  gint64      churned;          /* of those, none in the last 12 */
  PiloteMoney recent_margin;    /* of the deals of the last 12 months */
  PiloteMoney churned_revenue;  /* what the churned clients bought in the 12 before */
} PiloteKpiClientYears;

void     pilote_kpi_churned_client_free (gpointer             data);
gboolean pilote_kpi_clients_over_years (PiloteStore            *store,
                                        const GDate            *to,
                                        const PiloteKpiFilter  *filter,
                                        PiloteKpiClientYears   *years,
                                        guint                   limit,
                                        GPtrArray             **churned,
                                        GError                **error);
void     pilote_kpi_bucket_key      (PiloteDimension         dimension,
                                     const GDate            *date,
                                     GDateMonth              fiscal_start,
                                     char                   *buf,
                                     gsize                   size);

G_END_DECLS
