/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-enums.h"
#include "pilote-error.h"
#include "pilote-kpi-private.h"

/* The analyses of the sales process: funnel, lost deals, clients that did
 * not renew; objectives, pacing and the gap to target. */

static void
funnel_stage_free (gpointer data)
{
  PiloteFunnelStage *stage = data;

  g_free (stage->name);
  g_free (stage);
}

/* The funnel, counted here from every change of the deals that changed
 * stage in the period: for each stage, the deals that entered it in the
 * period, those of them that went on to a later stage (a change at the
 * same moment or after, to a stage further on that is not a lost one),
 * and the median time from an entry to the deal's next change. */

typedef struct {
  gint64   stage_id;
  char    *name;
  gint64   position;
  gboolean lost;
  gboolean shown;      /* not deleted, not a lost stage */
  gint64   entered, advanced;
  gint64   last_entered, last_advanced;   /* the last deal counted */
  GArray  *days;       /* double: from an entry to the next change */
} FunnelCounts;

typedef struct {
  gint64        deal_id;
  gint64        id;
  FunnelCounts *stage;
  char         *changed_at;
  double        julian;
} FunnelChange;

static void
funnel_counts_free (FunnelCounts *counts,
                    guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (counts[i].name);
      g_array_unref (counts[i].days);
    }
  g_free (counts);
}

static void
funnel_changes_clear (GArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    g_free (g_array_index (changes, FunnelChange, i).changed_at);
  g_array_set_size (changes, 0);
}

/* one deal's changes, in order */
static void
funnel_count_deal (GArray     *changes,
                   const char *from,
                   const char *to)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const FunnelChange *e = &g_array_index (changes, FunnelChange, i);
      FunnelCounts *st = e->stage;
      gboolean advanced = FALSE;

      if (st == NULL || strcmp (e->changed_at, from) < 0 || strcmp (e->changed_at, to) >= 0)
        continue;
      if (st->last_entered != e->deal_id)
        {
          st->entered++;
          st->last_entered = e->deal_id;
        }
      if (i + 1 < changes->len)
        {
          double days = g_array_index (changes, FunnelChange, i + 1).julian - e->julian;

          g_array_append_val (st->days, days);
        }
      for (guint j = 0; j < changes->len && !advanced; j++)
        {
          const FunnelChange *n = &g_array_index (changes, FunnelChange, j);

          advanced = j != i && strcmp (n->changed_at, e->changed_at) >= 0 &&
                     n->stage != NULL && !n->stage->lost && n->stage->position > st->position;
        }
      if (advanced && st->last_advanced != e->deal_id)
        {
          st->advanced++;
          st->last_advanced = e->deal_id;
        }
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* the median, as the mean of the middle one or two values; NAN for none */
static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  return (g_array_index (values, double, (n + 1) / 2 - 1) +
          g_array_index (values, double, (n + 2) / 2 - 1)) / 2.0;
}

/**
 * pilote_kpi_funnel:
 *
 * Returns: (transfer full) (element-type PiloteFunnelStage): the stages
 *   that are not "lost" stages, in pipeline order
 */
GPtrArray *
pilote_kpi_funnel (PiloteStore            *store,
                   const PilotePeriod     *period,
                   const PiloteKpiFilter  *filter,
                   GError                **error)
{
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (funnel_stage_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (FunnelChange));
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  FunnelCounts *counts = NULL;
  PiloteKpiSql sql;
  gboolean has_row;
  gint64 deal = -1;
  guint n_counts;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  /* every stage, with its position and kind: a change may go to a stage
   * since deleted */
  stmt = pilote_store_prepare (store, "SELECT id, name, position, kind = 'lost',"
                               " deleted_at IS NULL FROM stage ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  n_counts = 0;
  while (TRUE)
    {
      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      n_counts++;
    }
  sqlite3_reset (stmt);
  counts = g_new0 (FunnelCounts, MAX (n_counts, 1));
  for (guint i = 0; i < n_counts && sqlite3_step (stmt) == SQLITE_ROW; i++)
    {
      FunnelCounts *c = &counts[i];
      gint64 *key = g_new (gint64, 1);

      c->stage_id = *key = sqlite3_column_int64 (stmt, 0);
      c->name = pilote_column_dup (stmt, 1);
      c->position = sqlite3_column_int64 (stmt, 2);
      c->lost = sqlite3_column_int (stmt, 3);
      c->shown = !c->lost && sqlite3_column_int (stmt, 4);
      c->last_entered = c->last_advanced = -1;
      c->days = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (by_id, key, c);
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  /* every change of the deals that changed stage in the period, deal by
   * deal in the order of their changes */
  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  pilote_kpi_sql_init (&sql, PILOTE_FACT_STAGE_CHANGE, filter, PILOTE_DIMENSION_NONE);
  /* the period's changes found stage by stage in the index (to_stage_id,
   * changed_at, deal_id); each deal's changes then in (deal_id, changed_at,
   * to_stage_id) */
  g_string_replace (sql.from, "FROM stage_change sc",
                    "FROM stage st CROSS JOIN stage_change sc ON sc.to_stage_id = st.id", 1);
  query = g_strdup_printf ("SELECT c.deal_id, c.id, c.to_stage_id, c.changed_at,"
                           " julianday (c.changed_at) FROM stage_change c"
                           " WHERE c.deal_id IN (SELECT sc.deal_id %s WHERE d.deleted_at IS NULL"
                           "   AND sc.changed_at >= ?1 AND sc.changed_at < ?2%s%s)"
                           " ORDER BY c.deal_id, c.changed_at, c.id",
                           sql.from->str, sql.where->str, sql.applicable ? "" : " AND 0");
  pilote_kpi_sql_clear (&sql);
  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    {
      funnel_counts_free (counts, n_counts);
      return NULL;
    }
  while (TRUE)
    {
      FunnelChange change = { 0 };

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        {
          funnel_changes_clear (changes);
          funnel_counts_free (counts, n_counts);
          return NULL;
        }
      if (!has_row || sqlite3_column_int64 (stmt, 0) != deal)
        {
          funnel_count_deal (changes, from, to);
          funnel_changes_clear (changes);
          if (!has_row)
            break;
          deal = sqlite3_column_int64 (stmt, 0);
        }
      change.deal_id = deal;
      change.id = sqlite3_column_int64 (stmt, 1);
      change.stage = g_hash_table_lookup (by_id, &(gint64) { sqlite3_column_int64 (stmt, 2) });
      change.changed_at = pilote_column_dup (stmt, 3);
      change.julian = sqlite3_column_double (stmt, 4);
      g_array_append_val (changes, change);
    }

  for (guint i = 0; i < n_counts; i++)
    {
      FunnelCounts *c = &counts[i];
      PiloteFunnelStage *stage;

      if (!c->shown)
        continue;
      stage = g_new0 (PiloteFunnelStage, 1);
      stage->stage_id = c->stage_id;
      stage->name = g_steal_pointer (&c->name);
      stage->entered = c->entered;
      stage->advanced = c->advanced;
      stage->conversion = stage->entered > 0
                            ? (double) stage->advanced / (double) stage->entered : NAN;
      stage->median_days = median (c->days);
      g_ptr_array_add (stages, stage);
    }
  funnel_counts_free (counts, n_counts);
  return g_steal_pointer (&stages);
}

static void
lost_row_free (gpointer data)
{
  PiloteLostRow *row = data;

  g_free (row->key);
  g_free (row);
}

/* Filtered, the period's lost deals by date, each owner or client then
 * looked up in the index, which holds them (schema version 14): the
 * planner would read every deal of the owners, or of the clients of a
 * segment (of every period) from their index to keep the few lost in a
 * month. One client's few deals are read from its own. */
static void
use_lost_index (PiloteKpiSql          *sql,
                const PiloteKpiFilter *filter)
{
  if (filter != NULL && filter->conditions->len > 0 && !pilote_kpi_filter_by_client_id (filter))
    pilote_kpi_sql_use_index (sql, "deal_lost");
}

/**
 * pilote_kpi_lost:
 * @by_competitor: group by competitor instead of by reason
 *
 * Returns: (transfer full) (element-type PiloteLostRow): the deals lost in
 *   the period, most first
 */
GPtrArray *
pilote_kpi_lost (PiloteStore            *store,
                 const PilotePeriod     *period,
                 const PiloteKpiFilter  *filter,
                 gboolean                by_competitor,
                 GError                **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (lost_row_free);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteKpiSql sql;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  pilote_kpi_sql_init (&sql, PILOTE_FACT_CLOSED_DEAL, filter, PILOTE_DIMENSION_NONE);
  use_lost_index (&sql, filter);
  query = g_strdup_printf ("SELECT r.name, count (*), coalesce (sum (x.amount), 0) FROM"
                           " (SELECT d.id, %s AS amount, d.lost_reason_id, d.competitor_id"
                           "  %s WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                           "  AND d.closed_on >= ?1 AND d.closed_on < ?2"
                           "  AND d.status = 'lost'%s%s%s) x"
                           " LEFT JOIN %s r ON r.id = x.%s"
                           " GROUP BY r.id ORDER BY 2 DESC, 3 DESC, 1",
                           sql.amount, sql.from->str, sql.where->str,
                           sql.applicable ? "" : " AND 0", sql.per_deal,
                           by_competitor ? "competitor" : "lost_reason",
                           by_competitor ? "competitor_id" : "lost_reason_id");
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      PiloteLostRow *row;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      row = g_new0 (PiloteLostRow, 1);
      row->key = pilote_column_dup (stmt, 0);
      row->deals = sqlite3_column_int64 (stmt, 1);
      row->amount = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * pilote_kpi_lost_both:
 * @by_reason: (out) (transfer full) (element-type PiloteLostRow)
 * @by_competitor: (out) (transfer full) (element-type PiloteLostRow)
 *
 * The two lists of pilote_kpi_lost (), by reason and by competitor, from
 * one reading of the period's lost deals.
 */
gboolean
pilote_kpi_lost_both (PiloteStore            *store,
                      const PilotePeriod     *period,
                      const PiloteKpiFilter  *filter,
                      GPtrArray             **by_reason,
                      GPtrArray             **by_competitor,
                      GError                **error)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (lost_row_free);
  g_autoptr(GPtrArray) competitors = g_ptr_array_new_with_free_func (lost_row_free);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteKpiSql sql;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && by_reason != NULL && by_competitor != NULL, FALSE);

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  pilote_kpi_sql_init (&sql, PILOTE_FACT_CLOSED_DEAL, filter, PILOTE_DIMENSION_NONE);
  use_lost_index (&sql, filter);
  /* the deals as pilote_kpi_lost () reads them, read once, then each
   * grouping ordered as it orders it */
  query = g_strdup_printf ("WITH x AS MATERIALIZED"
                           " (SELECT d.id, %s AS amount, d.lost_reason_id, d.competitor_id"
                           "  %s WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                           "  AND d.closed_on >= ?1 AND d.closed_on < ?2"
                           "  AND d.status = 'lost'%s%s%s)"
                           " SELECT 0, r.name, count (*), coalesce (sum (x.amount), 0) FROM x"
                           " LEFT JOIN lost_reason r ON r.id = x.lost_reason_id GROUP BY r.id"
                           " UNION ALL"
                           " SELECT 1, r.name, count (*), coalesce (sum (x.amount), 0) FROM x"
                           " LEFT JOIN competitor r ON r.id = x.competitor_id GROUP BY r.id"
                           " ORDER BY 1, 3 DESC, 4 DESC, 2",
                           sql.amount, sql.from->str, sql.where->str,
                           sql.applicable ? "" : " AND 0", sql.per_deal);
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      PiloteLostRow *row;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      row = g_new0 (PiloteLostRow, 1);
      row->key = pilote_column_dup (stmt, 1);
      row->deals = sqlite3_column_int64 (stmt, 2);
      row->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (sqlite3_column_int (stmt, 0) == 0 ? reasons : competitors, row);
    }
  *by_reason = g_steal_pointer (&reasons);
  *by_competitor = g_steal_pointer (&competitors);
  return TRUE;
}

static PiloteKpiFilter *scope_filter (PiloteScope scope,
                                      gint64      scope_id);

static void
competitor_row_free (gpointer data)
{
  PiloteCompetitorRow *row = data;

  g_free (row->name);
  g_free (row);
}

/**
 * pilote_kpi_competitors:
 * @scope_id: the team or member, 0 for the company
 *
 * Every competitor of the list with the deals met against it: the deals
 * naming it that were in play during the period (created before its end,
 * open or closed since its start), those of them won and lost in the
 * period, and the amount lost (as pilote_kpi_lost () counts it).
 *
 * Returns: (transfer full) (element-type PiloteCompetitorRow): the
 *   competitors, most met first
 */
GPtrArray *
pilote_kpi_competitors (PiloteStore         *store,
                        const PilotePeriod  *period,
                        PiloteScope          scope,
                        gint64               scope_id,
                        GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (competitor_row_free);
  g_autoptr(PiloteKpiFilter) filter = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteKpiSql sql;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  filter = scope_filter (scope, scope_id);
  pilote_kpi_sql_init (&sql, PILOTE_FACT_CLOSED_DEAL, filter, PILOTE_DIMENSION_NONE);
  query = g_strdup_printf ("SELECT c.id, c.name, coalesce (x.met, 0), coalesce (x.won, 0),"
                           " coalesce (x.lost, 0), coalesce (x.lost_amount, 0)"
                           " FROM competitor c LEFT JOIN"
                           " (SELECT y.competitor_id, count (*) AS met,"
                           "   sum (y.status = 'won' AND y.closed_on < ?2) AS won,"
                           "   sum (y.status = 'lost' AND y.closed_on < ?2) AS lost,"
                           "   sum (CASE WHEN y.status = 'lost' AND y.closed_on < ?2"
                           "     THEN y.amount ELSE 0 END) AS lost_amount"
                           /* closed since the start, on the index of closed deals */
                           "  FROM (SELECT d.id, d.competitor_id, d.status, d.closed_on,"
                           "   %s AS amount %s WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                           "   AND d.closed_on >= ?1 AND d.created_on < ?2"
                           "   AND d.competitor_id IS NOT NULL%s%s%s"
                           /* open now, on the index of open deals */
                           "  UNION ALL SELECT d.id, d.competitor_id, d.status, d.closed_on,"
                           "   %s AS amount %s WHERE d.deleted_at IS NULL AND d.status = 'open'"
                           "   AND d.created_on < ?2 AND d.competitor_id IS NOT NULL%s%s%s) y"
                           "  GROUP BY y.competitor_id) x ON x.competitor_id = c.id"
                           " WHERE c.deleted_at IS NULL"
                           " ORDER BY 3 DESC, 5 DESC, c.name COLLATE NOCASE",
                           sql.amount, sql.from->str, sql.where->str,
                           sql.applicable ? "" : " AND 0", sql.per_deal,
                           sql.amount, sql.from->str, sql.where->str,
                           sql.applicable ? "" : " AND 0", sql.per_deal);
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      PiloteCompetitorRow *row;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      row = g_new0 (PiloteCompetitorRow, 1);
      row->competitor_id = sqlite3_column_int64 (stmt, 0);
      row->name = pilote_column_dup (stmt, 1);
      row->met = sqlite3_column_int64 (stmt, 2);
      row->won = sqlite3_column_int64 (stmt, 3);
      row->lost = sqlite3_column_int64 (stmt, 4);
      row->lost_amount = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * pilote_kpi_churn:
 * @as_of: the end of the last 12 months (excluded)
 * @limit: at most this many clients; 0 for all
 *
 * The same clients as the count of the summary of a period ending at
 * @as_of (pilote-kpi-clients.c).
 *
 * Returns: (transfer full) (element-type PiloteChurnedClient): the clients
 *   that did not renew, largest revenue at stake first
 */
GPtrArray *
pilote_kpi_churn (PiloteStore            *store,
                  const GDate            *as_of,
                  const PiloteKpiFilter  *filter,
                  guint                   limit,
                  GError                **error)
{
  PiloteKpiClientYears years;
  GPtrArray *churned = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (as_of != NULL, NULL);

  if (!pilote_kpi_clients_over_years (store, as_of, filter, &years, limit, &churned, error))
    {
      g_clear_pointer (&churned, g_ptr_array_unref);
      return NULL;
    }
  return churned;
}

/* Objectives */

static PiloteKpiFilter *
scope_filter (PiloteScope scope,
              gint64      scope_id)
{
  PiloteKpiFilter *filter = pilote_kpi_filter_new ();

  if (scope == PILOTE_SCOPE_TEAM)
    pilote_kpi_filter_add_id (filter, PILOTE_DIMENSION_TEAM, scope_id);
  else if (scope == PILOTE_SCOPE_MEMBER)
    pilote_kpi_filter_add_id (filter, PILOTE_DIMENSION_MEMBER, scope_id);
  return filter;
}

static gint64
metric_from_figures (const PiloteKpiFigures *f,
                     PiloteMetric            metric)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE: return f->revenue;
    case PILOTE_METRIC_GROSS_MARGIN: return f->gross_margin;
    case PILOTE_METRIC_DEALS_WON: return f->deals_won;
    case PILOTE_METRIC_NEW_CLIENTS: return MAX (f->new_clients, 0);
    case PILOTE_METRIC_WIN_RATE: return isnan (f->win_rate) ? 0 : llround (f->win_rate * 10000.0);
    case PILOTE_METRIC_MEETINGS:
    case PILOTE_METRIC_CALLS:
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return 0;
    }
}

static gint64
metric_from_report (const PiloteKpiReport *report,
                    PiloteMetric           metric)
{
  const PiloteKpiFigures *f = &report->totals;

  switch (metric)
    {
    case PILOTE_METRIC_REVENUE: return f->revenue;
    case PILOTE_METRIC_GROSS_MARGIN: return f->gross_margin;
    case PILOTE_METRIC_DEALS_WON: return f->deals_won;
    case PILOTE_METRIC_NEW_CLIENTS: return MAX (f->new_clients, 0);
    case PILOTE_METRIC_MEETINGS: return MAX (report->summary.meetings_held, 0);
    case PILOTE_METRIC_CALLS: return MAX (report->summary.calls_made, 0);
    case PILOTE_METRIC_WIN_RATE: return isnan (f->win_rate) ? 0 : llround (f->win_rate * 10000.0);
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return 0;
    }
}

/**
 * pilote_kpi_metric_actual:
 *
 * Returns: the figure reached for @metric over @period and scope, in the
 *   unit of objectives' targets (minor units, counts, basis points), or -1
 *   on error
 */
gint64
pilote_kpi_metric_actual (PiloteStore         *store,
                          PiloteMetric         metric,
                          const PilotePeriod  *period,
                          PiloteScope          scope,
                          gint64               scope_id,
                          GError             **error)
{
  g_autoptr(PiloteKpiFilter) filter = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), -1);
  g_return_val_if_fail (period != NULL, -1);

  filter = scope_filter (scope, scope_id);
  if (metric == PILOTE_METRIC_MEETINGS || metric == PILOTE_METRIC_CALLS)
    {
      gint64 meetings = 0, calls = 0;

      if (!pilote_kpi_count_activities (store, period, filter, &meetings, &calls, error))
        return -1;
      return MAX (metric == PILOTE_METRIC_MEETINGS ? meetings : calls, 0);
    }
  report = pilote_kpi_compute (store, period, filter, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_NO_PIPELINE |
                               PILOTE_KPI_NO_CLIENT_COUNTS, error);
  if (report == NULL)
    return -1;
  return metric_from_report (report, metric);
}

static PilotePacingStatus
status_from_ratio (double ratio)
{
  if (isnan (ratio))
    return PILOTE_PACING_NONE;
  if (ratio >= 0.95)
    return PILOTE_PACING_ON_TRACK;
  if (ratio >= 0.80)
    return PILOTE_PACING_AT_RISK;
  return PILOTE_PACING_BEHIND;
}

static void
objective_progress_free (gpointer data)
{
  PiloteObjectiveProgress *progress = data;

  pilote_record_free (progress->objective);
  g_free (progress);
}

/* The figures of the objectives' periods, computed once per period for the
 * company, every team and every member, rather than once per objective. */
typedef struct {
  PilotePeriod     period;
  PiloteKpiReport *reports[3];   /* by PiloteScope: totals, by team, by member */
} PeriodFigures;

static void
period_figures_free (gpointer data)
{
  PeriodFigures *figures = data;

  for (guint i = 0; i < G_N_ELEMENTS (figures->reports); i++)
    g_clear_pointer (&figures->reports[i], pilote_kpi_report_free);
  g_free (figures);
}

static const PiloteKpiReport *
figures_for (PiloteStore         *store,
             GPtrArray           *cache,
             const PilotePeriod  *period,
             PiloteScope          scope,
             GError             **error)
{
  static const PiloteDimension dimensions[] = {
    [PILOTE_SCOPE_COMPANY] = PILOTE_DIMENSION_NONE,
    [PILOTE_SCOPE_TEAM] = PILOTE_DIMENSION_TEAM,
    [PILOTE_SCOPE_MEMBER] = PILOTE_DIMENSION_MEMBER,
  };
  PeriodFigures *figures = NULL;

  for (guint i = 0; i < cache->len && figures == NULL; i++)
    {
      PeriodFigures *f = g_ptr_array_index (cache, i);

      if (g_date_compare (&f->period.from, &period->from) == 0 &&
          g_date_compare (&f->period.to, &period->to) == 0)
        figures = f;
    }
  if (figures == NULL)
    {
      figures = g_new0 (PeriodFigures, 1);
      figures->period = *period;
      g_ptr_array_add (cache, figures);
    }
  if (figures->reports[scope] == NULL)
    figures->reports[scope] = pilote_kpi_compute (store, period, NULL, dimensions[scope],
                                                  PILOTE_KPI_NO_SUMMARY |
                                                  PILOTE_KPI_NO_PIPELINE |
                                                  PILOTE_KPI_NO_CLIENT_COUNTS |
                                                  (scope != PILOTE_SCOPE_COMPANY
                                                     ? PILOTE_KPI_ROWS_ONLY : 0), error);
  return figures->reports[scope];
}

/* The actual figure of an objective from the period's figures; FALSE (and
 * no error) when it cannot be read there: a name two teams or members
 * share, activities, which the breakdowns do not count. */
static gboolean
cached_actual (PiloteStore      *store,
               GPtrArray        *cache,
               PiloteObjective  *objective,
               const PilotePeriod *period,
               gint64           *actual,
               GError          **error)
{
  const PiloteKpiReport *report;
  g_autoptr(PiloteRecord) owner = NULL;
  const char *name;
  PiloteFilter same_name[1];
  PiloteQuery query = { 0 };

  if (objective->metric == PILOTE_METRIC_MEETINGS || objective->metric == PILOTE_METRIC_CALLS)
    return FALSE;
  if (objective->scope == PILOTE_SCOPE_COMPANY)
    {
      report = figures_for (store, cache, period, PILOTE_SCOPE_COMPANY, error);
      if (report == NULL)
        return FALSE;
      *actual = metric_from_figures (&report->totals, objective->metric);
      return TRUE;
    }

  owner = pilote_store_get (store, objective->scope == PILOTE_SCOPE_TEAM ? PILOTE_ENTITY_TEAM
                                                                         : PILOTE_ENTITY_MEMBER,
                            objective->scope_id, NULL);
  if (owner == NULL)
    return FALSE;
  name = objective->scope == PILOTE_SCOPE_TEAM ? ((PiloteTeam *) owner)->name
                                               : ((PiloteMember *) owner)->name;
  same_name[0] = (PiloteFilter) { "name", PILOTE_OP_EQ, name, 0 };
  query.filters = same_name;
  query.n_filters = 1;
  if (pilote_store_count (store, owner->entity, &query, NULL) != 1)
    return FALSE;

  report = figures_for (store, cache, period, objective->scope, error);
  if (report == NULL)
    return FALSE;
  *actual = 0;
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      if (g_strcmp0 (row->key, name) == 0)
        *actual = metric_from_figures (&row->figures, objective->metric);
    }
  return TRUE;
}

static gboolean
compute_progress (PiloteStore              *store,
                  GPtrArray                *cache,
                  PiloteObjectiveProgress  *progress,
                  const GDate              *today,
                  GError                  **error)
{
  PiloteObjective *objective = progress->objective;
  double elapsed = pilote_period_elapsed_share (&progress->period, today);

  progress->elapsed = elapsed;
  progress->attainment = NAN;
  progress->pacing = NAN;
  progress->status = PILOTE_PACING_NONE;

  if (objective->metric == PILOTE_METRIC_QUALITATIVE)
    {
      progress->actual = objective->progress;
      progress->expected = llround (elapsed * 100.0);
      progress->attainment = objective->progress / 100.0;
      if (objective->status == PILOTE_PROGRESS_DONE)
        progress->status = PILOTE_PACING_ON_TRACK;
      else if (objective->status != PILOTE_PROGRESS_CANCELLED && elapsed > 0)
        {
          progress->pacing = progress->attainment / elapsed;
          progress->status = status_from_ratio (progress->pacing);
        }
      return TRUE;
    }

  if (!cached_actual (store, cache, objective, &progress->period, &progress->actual, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      progress->actual = pilote_kpi_metric_actual (store, objective->metric, &progress->period,
                                                   objective->scope, objective->scope_id,
                                                   error);
      if (progress->actual < 0)
        return FALSE;
    }
  if (objective->target > 0)
    progress->attainment = (double) progress->actual / (double) objective->target;

  if (objective->metric == PILOTE_METRIC_WIN_RATE)
    {
      /* a rate is not accumulated over the period: compare it as it is */
      progress->expected = objective->target;
      progress->pacing = progress->attainment;
    }
  else
    {
      progress->expected = llround ((double) objective->target * elapsed);
      if (progress->expected > 0)
        progress->pacing = (double) progress->actual / (double) progress->expected;
      else if (elapsed > 0)
        progress->pacing = 1.0;
    }
  if (elapsed > 0)
    progress->status = progress->attainment >= 1.0 ? PILOTE_PACING_ON_TRACK
                                                   : status_from_ratio (progress->pacing);
  return TRUE;
}

/* the objectives of every scope, or of @scope only when @one_scope */
static GPtrArray *
list_objectives (PiloteStore         *store,
                 const PilotePeriod  *period,
                 const GDate         *today,
                 gboolean             one_scope,
                 PiloteScope          scope,
                 gint64               scope_id,
                 GError             **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (objective_progress_free);
  g_autoptr(GPtrArray) cache = g_ptr_array_new_with_free_func (period_figures_free);
  g_autoptr(GPtrArray) objectives = NULL;
  char earliest[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  GDate year_before, now;
  PiloteFilter filters[2];
  PiloteQuery query = { 0 };

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (today == NULL)
    {
      pilote_date_set_today (&now);
      today = &now;
    }

  /* no objective's period is longer than a year */
  year_before = period->from;
  g_date_subtract_years (&year_before, 1);
  pilote_date_to_iso (&year_before, earliest);
  pilote_period_to_iso (period, to);
  filters[0] = (PiloteFilter) { "period_start", PILOTE_OP_GT, earliest, 0 };
  filters[1] = (PiloteFilter) { "period_start", PILOTE_OP_LT, to, 0 };
  query.filters = filters;
  query.n_filters = G_N_ELEMENTS (filters);
  query.sort_field = "period_start";

  objectives = pilote_store_list (store, PILOTE_ENTITY_OBJECTIVE, &query, error);
  if (objectives == NULL)
    return NULL;

  for (guint i = 0; i < objectives->len; i++)
    {
      PiloteObjective *objective = g_ptr_array_index (objectives, i);
      g_autofree PiloteObjectiveProgress *progress = g_new0 (PiloteObjectiveProgress, 1);
      GDate start;

      if (one_scope && (objective->scope != scope ||
                        (scope != PILOTE_SCOPE_COMPANY && objective->scope_id != scope_id)))
        continue;
      if (!pilote_date_parse_iso (objective->period_start, &start))
        continue;
      pilote_period_init_containing (&progress->period, objective->period_kind, &start,
                                     pilote_store_get_fiscal_start (store));
      if (g_date_compare (&progress->period.to, &period->from) <= 0 ||
          g_date_compare (&progress->period.from, &period->to) >= 0)
        continue;
      progress->objective = g_ptr_array_steal_index (objectives, i--);
      if (!compute_progress (store, cache, progress, today, error))
        {
          objective_progress_free (g_steal_pointer (&progress));
          return NULL;
        }
      g_ptr_array_add (result, g_steal_pointer (&progress));
    }
  return g_steal_pointer (&result);
}

/**
 * pilote_kpi_objectives:
 * @period: the period looked at: objectives whose own period overlaps it
 * @today: (nullable): today, for pacing (the real today when %NULL)
 *
 * Returns: (transfer full) (element-type PiloteObjectiveProgress): each
 *   objective with its actual figure over its own period, attainment and pacing
 */
GPtrArray *
pilote_kpi_objectives (PiloteStore         *store,
                       const PilotePeriod  *period,
                       const GDate         *today,
                       GError             **error)
{
  return list_objectives (store, period, today, FALSE, PILOTE_SCOPE_COMPANY, 0, error);
}

/**
 * pilote_kpi_scope_objectives:
 * @scope_id: the team or member, 0 for the company
 *
 * The objectives pilote_kpi_objectives () gives that are set for @scope
 * itself (a team's, not its members'), with the same progress; only the
 * figures they need are computed.
 *
 * Returns: (transfer full) (element-type PiloteObjectiveProgress)
 */
GPtrArray *
pilote_kpi_scope_objectives (PiloteStore         *store,
                             const PilotePeriod  *period,
                             PiloteScope          scope,
                             gint64               scope_id,
                             const GDate         *today,
                             GError             **error)
{
  return list_objectives (store, period, today, TRUE, scope, scope_id, error);
}

const char *
pilote_pacing_status_get_label (PilotePacingStatus status)
{
  switch (status)
    {
    case PILOTE_PACING_ON_TRACK: return _("On track");
    case PILOTE_PACING_AT_RISK: return _("At risk");
    case PILOTE_PACING_BEHIND: return _("Behind");
    case PILOTE_PACING_NONE:
    default:
      return _("Not started");
    }
}

/* Gap to target */

static void finish_gap (PiloteGap *gap);

static gint64
find_revenue_target (PiloteStore         *store,
                     const PilotePeriod  *period,
                     PiloteScope          scope,
                     gint64               scope_id,
                     GError             **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GEnumClass) kinds = g_type_class_ref (pilote_period_kind_get_type ());
  g_autoptr(GEnumClass) scopes = g_type_class_ref (pilote_scope_get_type ());
  char start[PILOTE_ISO_DATE_LEN];
  gboolean has_row;

  stmt = pilote_store_prepare (store,
                               "SELECT sum (target) FROM objective WHERE deleted_at IS NULL"
                               " AND metric = 'revenue' AND period_kind = ? AND period_start = ?"
                               " AND scope = ? AND ifnull (scope_id, 0) = ?",
                               error);
  if (stmt == NULL)
    return G_MININT64 + 1;
  pilote_period_from_iso (period, start);
  sqlite3_bind_text (stmt, 1, g_enum_get_value (kinds, period->kind)->value_nick, -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, g_enum_get_value (scopes, scope)->value_nick, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, scope == PILOTE_SCOPE_COMPANY ? 0 : scope_id);
  if (!pilote_kpi_step (store, stmt, &has_row, error))
    return G_MININT64 + 1;
  return has_row && sqlite3_column_type (stmt, 0) != SQLITE_NULL
           ? sqlite3_column_int64 (stmt, 0) : PILOTE_MONEY_NONE;
}

/* The open deals of a scope now, and the weighted pipeline of those
 * expected to close in @period, as the totals of pilote_kpi_compute () and
 * its forecast count them, read from the index of open deals alone (it
 * holds every column counted). FALSE without @error set when the filter
 * needs more than that index and the stage. */
static gboolean
read_open_deals (PiloteStore            *store,
                 const PilotePeriod     *period,
                 const PiloteKpiFilter  *filter,
                 PiloteKpiFigures       *open,
                 PiloteMoney            *weighted_in_period,
                 GError                **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteKpiSql sql;
  gboolean has_row;

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  /* whole months of everyone, some owners or a segment: from the summary
   * of the open pipeline */
  if (pilote_kpi_whole_months (from, to) && pilote_kpi_filter_by_summary_keys (filter) &&
      pilote_kpi_summary_ready (store))
    {
      double in_period[3];

      if (!pilote_kpi_open_summary (store, from, to, filter, open, in_period, error))
        return FALSE;
      *weighted_in_period = llround (in_period[0]);
      return TRUE;
    }

  pilote_kpi_sql_init (&sql, PILOTE_FACT_OPEN_DEAL, filter, PILOTE_DIMENSION_NONE);
  if (!sql.applicable || sql.per_line)
    {
      pilote_kpi_sql_clear (&sql);
      return FALSE;
    }
  pilote_kpi_sql_use_index (&sql, "deal_open");
  query = g_strdup_printf ("SELECT count (*), coalesce (sum (d.amount), 0),"
                           " total (d.amount * coalesce (d.probability, st.probability)),"
                           " total (CASE WHEN d.expected_close_on >= ?1"
                           "   AND d.expected_close_on < ?2"
                           "   THEN d.amount * coalesce (d.probability, st.probability) END)"
                           " %s WHERE d.deleted_at IS NULL AND d.status = 'open'%s",
                           sql.from->str, sql.where->str);
  pilote_kpi_sql_clear (&sql);
  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL || !pilote_kpi_step (store, stmt, &has_row, error))
    return FALSE;
  open->open_deals = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  open->open_pipeline = has_row ? sqlite3_column_int64 (stmt, 1) : 0;
  open->weighted_pipeline = has_row ? llround (sqlite3_column_double (stmt, 2)) : 0;
  *weighted_in_period = has_row ? llround (sqlite3_column_double (stmt, 3)) : 0;
  return TRUE;
}

/* the gap, and the open deals now (@open, nullable) from the same reading */
static gboolean
compute_gap (PiloteStore         *store,
             const PilotePeriod  *period,
             PiloteScope          scope,
             gint64               scope_id,
             PiloteGap           *gap,
             PiloteKpiFigures    *open,
             GError             **error)
{
  g_autoptr(PiloteKpiFilter) filter = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(PiloteKpiReport) last_year = NULL;
  g_autoptr(GError) local_error = NULL;
  PiloteKpiFigures open_now = { 0 };
  PiloteMoney weighted_in_period = 0;
  PilotePeriod twelve_months;
  GDate start;
  gboolean indexed;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && gap != NULL, FALSE);

  gap->target = find_revenue_target (store, period, scope, scope_id, error);
  if (gap->target == G_MININT64 + 1)
    return FALSE;

  filter = scope_filter (scope, scope_id);
  /* the open deals from their index; else with the period's figures */
  indexed = read_open_deals (store, period, filter, &open_now, &weighted_in_period,
                             &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  report = pilote_kpi_compute (store, period, filter, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_NO_CLIENT_COUNTS |
                               (indexed ? PILOTE_KPI_NO_PIPELINE : 0), error);
  if (report == NULL)
    return FALSE;
  if (!indexed)
    {
      open_now = report->totals;
      weighted_in_period = report->summary.forecast - report->totals.revenue;
    }
  start = period->to;
  g_date_subtract_years (&start, 1);
  pilote_period_init_custom (&twelve_months, &start, &period->to);
  /* only its win rate: not the open pipeline again */
  last_year = pilote_kpi_compute (store, &twelve_months, filter, PILOTE_DIMENSION_NONE,
                                  PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_NO_CLIENT_COUNTS |
                                  PILOTE_KPI_NO_PIPELINE, error);
  if (last_year == NULL)
    return FALSE;

  gap->won = report->totals.revenue;
  gap->forecast = report->totals.revenue + weighted_in_period;
  gap->win_rate = last_year->totals.win_rate;
  finish_gap (gap);
  if (open != NULL)
    {
      open->open_deals = open_now.open_deals;
      open->open_pipeline = open_now.open_pipeline;
      open->weighted_pipeline = open_now.weighted_pipeline;
    }
  return TRUE;
}

/**
 * pilote_kpi_gap:
 *
 * Fills @gap for the revenue objective of exactly @period and the scope:
 * what is won, what the weighted pipeline expected to close in the period
 * adds, the gap left and the pipeline to create to close it at the win
 * rate of the last 12 months. Without an objective, the target, the gap
 * and the pipeline needed are %PILOTE_MONEY_NONE.
 */
gboolean
pilote_kpi_gap (PiloteStore         *store,
                const PilotePeriod  *period,
                PiloteScope          scope,
                gint64               scope_id,
                PiloteGap           *gap,
                GError             **error)
{
  return compute_gap (store, period, scope, scope_id, gap, NULL, error);
}

/**
 * pilote_kpi_gap_and_pipeline:
 * @open: (out caller-allocates): its open_deals, open_pipeline and
 *   weighted_pipeline are set; the rest is left as it is
 *
 * Fills @gap as pilote_kpi_gap () does, and @open with the open deals of
 * the scope now, as the totals of pilote_kpi_compute () count them for any
 * period: the open deals are read once for both.
 */
gboolean
pilote_kpi_gap_and_pipeline (PiloteStore         *store,
                             const PilotePeriod  *period,
                             PiloteScope          scope,
                             gint64               scope_id,
                             PiloteGap           *gap,
                             PiloteKpiFigures    *open,
                             GError             **error)
{
  g_return_val_if_fail (open != NULL, FALSE);

  return compute_gap (store, period, scope, scope_id, gap, open, error);
}

/* what follows from the target, the forecast and the win rate */
static void
finish_gap (PiloteGap *gap)
{
  gap->weighted_pipeline = gap->forecast - gap->won;
  if (gap->target == PILOTE_MONEY_NONE)
    {
      gap->gap = PILOTE_MONEY_NONE;
      gap->pipeline_needed = PILOTE_MONEY_NONE;
      return;
    }
  gap->gap = gap->target - gap->forecast;
  if (gap->gap <= 0)
    gap->pipeline_needed = 0;
  else if (!isnan (gap->win_rate) && gap->win_rate > 0)
    gap->pipeline_needed = pilote_money_multiply (gap->gap, 1.0 / gap->win_rate);
  else
    gap->pipeline_needed = PILOTE_MONEY_NONE;
}

static gint64
find_member (const gint64 *member_ids,
             guint         n_members,
             gint64        id)
{
  for (guint i = 0; i < n_members; i++)
    if (member_ids[i] == id)
      return i;
  return -1;
}

/**
 * pilote_kpi_member_gaps:
 * @member_ids: (array length=n_members): the members, each once
 * @gaps: (out caller-allocates) (array length=n_members): their gaps
 *
 * Fills @gaps[i] as pilote_kpi_gap () fills it for the member
 * @member_ids[i] over @period, with two grouped queries for all of them
 * (closed deals, open pipeline) instead of four queries per member.
 */
gboolean
pilote_kpi_member_gaps (PiloteStore         *store,
                        const PilotePeriod  *period,
                        const gint64        *member_ids,
                        guint                n_members,
                        PiloteGap           *gaps,
                        GError             **error)
{
  g_autoptr(PiloteStmt) closed = NULL;
  g_autoptr(PiloteStmt) open = NULL;
  g_autofree gint64 *won = NULL;
  g_autofree gint64 *lost = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN], year[PILOTE_ISO_DATE_LEN];
  GDate start;
  gboolean has_row, summaries;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (n_members == 0 || (member_ids != NULL && gaps != NULL), FALSE);

  if (n_members == 0)
    return TRUE;
  won = g_new0 (gint64, n_members);
  lost = g_new0 (gint64, n_members);
  for (guint i = 0; i < n_members; i++)
    {
      gaps[i] = (PiloteGap) { 0 };
      gaps[i].target = find_revenue_target (store, period, PILOTE_SCOPE_MEMBER, member_ids[i],
                                            error);
      if (gaps[i].target == G_MININT64 + 1)
        return FALSE;
    }

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  /* the win rate is that of the 12 months to the period's end */
  start = period->to;
  g_date_subtract_years (&start, 1);
  pilote_date_to_iso (&start, year);

  /* whole months: from the monthly summaries and that of the open
   * pipeline, by owner (0: none) */
  summaries = pilote_kpi_whole_months (from, to) && pilote_kpi_summary_ready (store);

  /* won in the period; won and lost over the 12 months */
  if (summaries)
    closed = pilote_store_prepare (store,
                                   "SELECT k.owner_id,"
                                   " coalesce (sum (CASE WHEN k.month >= substr (?1, 1, 7)"
                                   "   THEN k.revenue END), 0),"
                                   " coalesce (sum (CASE WHEN k.month >= substr (?3, 1, 7)"
                                   "   THEN k.won END), 0),"
                                   " coalesce (sum (CASE WHEN k.month >= substr (?3, 1, 7)"
                                   "   THEN k.lost END), 0)"
                                   " FROM kpi_month k WHERE k.dim = 0"
                                   " AND k.month >= substr (min (?1, ?3), 1, 7)"
                                   " AND k.month < substr (?2, 1, 7)"
                                   " AND k.owner_id <> 0 GROUP BY k.owner_id",
                                   error);
  else
    closed = pilote_store_prepare (store,
                                   "SELECT d.owner_id,"
                                   " coalesce (sum (CASE WHEN d.status = 'won' AND d.closed_on >= ?1"
                                   "   THEN d.amount END), 0),"
                                   " coalesce (sum (d.status = 'won' AND d.closed_on >= ?3), 0),"
                                   " coalesce (sum (d.status = 'lost' AND d.closed_on >= ?3), 0)"
                                   " FROM deal d WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                                   " AND d.closed_on >= min (?1, ?3) AND d.closed_on < ?2"
                                   " AND d.owner_id IS NOT NULL GROUP BY d.owner_id",
                                   error);
  if (closed == NULL)
    return FALSE;
  sqlite3_bind_text (closed, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (closed, 2, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (closed, 3, year, -1, SQLITE_TRANSIENT);
  while (TRUE)
    {
      gint64 i;

      if (!pilote_kpi_step (store, closed, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      i = find_member (member_ids, n_members, sqlite3_column_int64 (closed, 0));
      if (i < 0)
        continue;
      gaps[i].won = sqlite3_column_int64 (closed, 1);
      won[i] = sqlite3_column_int64 (closed, 2);
      lost[i] = sqlite3_column_int64 (closed, 3);
    }

  /* the weighted pipeline expected to close in the period */
  for (guint i = 0; i < n_members; i++)
    gaps[i].forecast = gaps[i].won;
  if (summaries)
    open = pilote_store_prepare (store,
                                 "SELECT p.owner_id,"
                                 " total (p.weighted + p.unweighted * st.probability)"
                                 " FROM pipeline_summary p JOIN stage st ON st.id = p.stage_id"
                                 " WHERE p.n <> 0 AND p.expected_month >= substr (?1, 1, 7)"
                                 " AND p.expected_month < substr (?2, 1, 7)"
                                 " AND p.owner_id <> 0 GROUP BY p.owner_id",
                                 error);
  else
    open = pilote_store_prepare (store,
                                 "SELECT d.owner_id,"
                                 " total (d.amount * coalesce (d.probability, st.probability))"
                                 " FROM deal d JOIN stage st ON st.id = d.stage_id"
                                 " WHERE d.deleted_at IS NULL AND d.status = 'open'"
                                 " AND d.expected_close_on >= ?1 AND d.expected_close_on < ?2"
                                 " AND d.owner_id IS NOT NULL GROUP BY d.owner_id",
                                 error);
  if (open == NULL)
    return FALSE;
  sqlite3_bind_text (open, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (open, 2, to, -1, SQLITE_TRANSIENT);
  while (TRUE)
    {
      gint64 i;

      if (!pilote_kpi_step (store, open, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      i = find_member (member_ids, n_members, sqlite3_column_int64 (open, 0));
      if (i >= 0)
        gaps[i].forecast += llround (sqlite3_column_double (open, 1));
    }

  for (guint i = 0; i < n_members; i++)
    {
      gaps[i].win_rate = won[i] + lost[i] > 0
                           ? (double) won[i] / (double) (won[i] + lost[i]) : NAN;
      finish_gap (&gaps[i]);
    }
  return TRUE;
}

/* Deals for the summary */

static void
deal_summary_free (gpointer data)
{
  PiloteDealSummary *deal = data;

  g_free (deal->title);
  g_free (deal->client);
  g_free (deal->owner);
  g_free (deal->stage);
  g_free (deal->date);
  g_free (deal->detail);
  g_free (deal);
}

/**
 * pilote_kpi_deals:
 * @limit: at most this many deals
 *
 * Returns: (transfer full) (element-type PiloteDealSummary): the deals of
 *   @list, largest first. Deals at risk are the open deals expected to close
 *   before the end of @period (overdue ones included) that have not changed
 *   stage for the stale-deal threshold of the settings.
 */
GPtrArray *
pilote_kpi_deals (PiloteStore            *store,
                  PiloteDealList          list,
                  const PilotePeriod     *period,
                  const PiloteKpiFilter  *filter,
                  guint                   limit,
                  GError                **error)
{
  g_autoptr(GPtrArray) deals = g_ptr_array_new_with_free_func (deal_summary_free);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  g_autofree char *stale = pilote_store_get_setting (store, "stale_deal_days");
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteKpiSql sql;
  gboolean has_row;
  const char *condition;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  pilote_kpi_sql_init (&sql, list == PILOTE_DEALS_AT_RISK ? PILOTE_FACT_OPEN_DEAL
                                                         : PILOTE_FACT_CLOSED_DEAL,
                       filter, PILOTE_DIMENSION_NONE);
  switch (list)
    {
    case PILOTE_DEALS_TOP_WON:
      condition = "d.status <> 'open' AND d.closed_on >= ?1 AND d.closed_on < ?2"
                  " AND d.status = 'won'";
      break;
    case PILOTE_DEALS_TOP_LOST:
      condition = "d.status <> 'open' AND d.closed_on >= ?1 AND d.closed_on < ?2"
                  " AND d.status = 'lost'";
      break;
    case PILOTE_DEALS_AT_RISK:
    default:
      condition = "d.status = 'open' AND d.expected_close_on < ?2"
                  " AND julianday (?2) - julianday ((SELECT max (changed_at)"
                  "   FROM stage_change s WHERE s.deal_id = d.id)) >= ?4";
      break;
    }
  /* the largest deals first, from the index of the period's deals alone
   * (grouped by deal only when deal lines are joined: a grouping by id
   * would read the whole table in the order of the ids; the amount sorted
   * as an expression, as an index of open deals by amount would read every
   * open deal); their names and details then looked up for those few */
  query = g_strdup_printf ("SELECT d.id, d.title, (SELECT name FROM client WHERE id = d.client_id),"
                           " (SELECT name FROM member WHERE id = d.owner_id),"
                           " (SELECT name FROM stage WHERE id = d.stage_id),"
                           " coalesce (d.closed_on, d.expected_close_on), x.amount,"
                           " CASE WHEN d.status = 'lost' THEN (SELECT name FROM lost_reason"
                           "   WHERE id = d.lost_reason_id)"
                           "   WHEN d.status = 'open' THEN CAST (julianday (?2) - julianday"
                           "   ((SELECT max (changed_at) FROM stage_change s"
                           "   WHERE s.deal_id = d.id)) AS INTEGER) END"
                           " FROM (SELECT d.id AS id, +%s AS amount"
                           "  %s WHERE d.deleted_at IS NULL AND %s%s%s%s"
                           "  ORDER BY 2 DESC, d.id LIMIT ?5) x"
                           " CROSS JOIN deal d ON d.id = x.id"
                           " ORDER BY x.amount DESC, x.id",
                           sql.amount, sql.from->str, condition, sql.where->str,
                           sql.applicable ? "" : " AND 0", sql.per_deal);
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 4, stale != NULL && *stale != '\0' ? g_ascii_strtoll (stale, NULL, 10)
                                                               : 30);
  sqlite3_bind_int64 (stmt, 5, limit);
  while (TRUE)
    {
      PiloteDealSummary *deal;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      deal = g_new0 (PiloteDealSummary, 1);
      deal->deal_id = sqlite3_column_int64 (stmt, 0);
      deal->title = pilote_column_dup (stmt, 1);
      deal->client = pilote_column_dup (stmt, 2);
      deal->owner = pilote_column_dup (stmt, 3);
      deal->stage = pilote_column_dup (stmt, 4);
      deal->date = pilote_column_dup (stmt, 5);
      deal->amount = sqlite3_column_int64 (stmt, 6);
      deal->detail = pilote_column_dup (stmt, 7);
      g_ptr_array_add (deals, deal);
    }
  return g_steal_pointer (&deals);
}
