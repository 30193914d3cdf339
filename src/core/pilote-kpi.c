/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-kpi-private.h"
#include "pilote-kpi-summary-sql.h"

/* The KPI engine: every figure the application shows comes from here, each
 * computed by an aggregate query over indexes. */

#define NULL_KEY "\x01"

/* compute_figures (): the open deals of the totals are those of another
 * computation, copied after (the comparisons: the open pipeline is today's
 * whatever the period) */
#define OPEN_DEALS_KNOWN (1u << 30)

typedef struct {
  PiloteStore           *store;
  const PilotePeriod    *period;
  const PiloteKpiFilter *filter;
  PiloteDimension        by;
  PiloteKpiFlags         flags;
  int                    summaries_ready;  /* -1 until asked */
  char                   from[PILOTE_ISO_DATE_LEN];
  char                   to[PILOTE_ISO_DATE_LEN];
  GHashTable            *rows;      /* key (NULL_KEY for none) → PiloteKpiRow */
  PiloteKpiFigures      *totals;
  gboolean               rows_have_clients;
  gboolean               rows_have_spend;
  double                 cycle_sum;
  gint64                 cycle_count;
} Computation;

static void
figures_init (PiloteKpiFigures *f)
{
  memset (f, 0, sizeof *f);
  f->gross_margin_rate = NAN;
  f->win_rate = NAN;
  f->spend = PILOTE_MONEY_NONE;
  f->cac = PILOTE_MONEY_NONE;
  f->new_clients = -1;
  f->avg_revenue_per_client = PILOTE_MONEY_NONE;
  f->avg_deal_size = PILOTE_MONEY_NONE;
  f->sales_cycle_days = NAN;
}

/* the figures that follow from the sums */
static void
figures_finish (PiloteKpiFigures *f,
                double            cycle_sum,
                gint64            cycle_count)
{
  f->gross_margin = f->revenue - f->cost;
  f->gross_margin_rate = f->revenue != 0 ? (double) f->gross_margin / (double) f->revenue : NAN;
  f->win_rate = f->deals_won + f->deals_lost > 0
                  ? (double) f->deals_won / (double) (f->deals_won + f->deals_lost) : NAN;
  f->avg_deal_size = pilote_money_divide (f->revenue, f->deals_won);
  f->avg_revenue_per_client = f->clients_won >= 0
                                ? pilote_money_divide (f->revenue, f->clients_won)
                                : PILOTE_MONEY_NONE;
  f->sales_cycle_days = cycle_count > 0 ? cycle_sum / (double) cycle_count : NAN;
  f->cac = f->spend != PILOTE_MONEY_NONE && f->new_clients > 0
             ? pilote_money_divide (f->spend, f->new_clients) : PILOTE_MONEY_NONE;
}

static void
row_free (gpointer data)
{
  PiloteKpiRow *row = data;

  g_free (row->key);
  g_free (row);
}

/* A row's running sums of the sales cycle sit beside it until the end. */
typedef struct {
  PiloteKpiRow row;
  double       cycle_sum;
  gint64       cycle_count;
} RowBuilder;

static RowBuilder *
lookup_row (Computation *c,
            const char  *key)
{
  RowBuilder *builder = g_hash_table_lookup (c->rows, key != NULL ? key : NULL_KEY);

  if (builder == NULL)
    {
      builder = g_new0 (RowBuilder, 1);
      builder->row.key = g_strdup (key);
      figures_init (&builder->row.figures);
      if (c->flags & PILOTE_KPI_NO_CLIENT_COUNTS)
        builder->row.figures.clients_won = -1;
      g_hash_table_insert (c->rows, g_strdup (key != NULL ? key : NULL_KEY), builder);
    }
  return builder;
}

static gboolean
is_time (PiloteDimension by)
{
  return by == PILOTE_DIMENSION_MONTH || by == PILOTE_DIMENSION_QUARTER ||
         by == PILOTE_DIMENSION_YEAR;
}

/* The "facts" of deals, one row per deal (per deal and breakdown key when
 * products are involved), as a sub-query the aggregates read. */
static char *
deal_facts_sql (const PiloteKpiSql *sql,
                PiloteFact          fact,
                gboolean            in_period)
{
  GString *s = g_string_new ("SELECT d.id AS deal_id, d.status AS status,"
                             " d.client_id AS client_id, d.created_on AS created_on,"
                             " d.closed_on AS closed_on, d.forecast_category AS fc,"
                             " d.expected_close_on AS expected_on");

  g_string_append_printf (s, ", %s AS k", sql->key != NULL ? sql->key : "NULL");
  if (sql->per_line)
    g_string_append (s, ", coalesce (sum (l.amount), d.amount) AS amount,"
                        " coalesce (sum (l.cost), d.cost) AS cost");
  else
    g_string_append (s, ", d.amount AS amount, d.cost AS cost");
  if (fact == PILOTE_FACT_OPEN_DEAL)
    g_string_append (s, ", coalesce (d.probability, st.probability) AS prob ");
  else
    g_string_append (s, ", 1.0 AS prob ");

  g_string_append (s, sql->from->str);
  if (fact == PILOTE_FACT_CLOSED_DEAL)
    g_string_append (s, " WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                        " AND d.closed_on >= ?1 AND d.closed_on < ?2");
  else
    {
      g_string_append (s, " WHERE d.deleted_at IS NULL AND d.status = 'open'");
      if (in_period)
        g_string_append (s, " AND d.expected_close_on >= ?1 AND d.expected_close_on < ?2");
    }
  g_string_append (s, sql->where->str);
  if (sql->per_line)
    g_string_append (s, " GROUP BY d.id, k");
  return g_string_free (s, FALSE);
}

/* Whether the closed deals of the computation can be read from the
 * monthly summaries: whole months, and no distinct clients to count */
static gboolean
use_summaries (Computation *c)
{
  if (c->summaries_ready < 0)
    c->summaries_ready = pilote_kpi_summary_ready (c->store);
  return (c->flags & PILOTE_KPI_NO_CLIENT_COUNTS) && c->summaries_ready &&
         g_date_get_day (&c->period->from) == 1 && g_date_get_day (&c->period->to) == 1;
}

static char *
closed_deals_query (Computation *c,
                    gboolean     breakdown)
{
  PiloteKpiSql sql;
  g_autofree char *facts = NULL;
  char *query;

  if (use_summaries (c))
    {
      pilote_kpi_summary_sql_init (&sql, c->filter, breakdown ? c->by : PILOTE_DIMENSION_NONE);
      if (sql.applicable)
        {
          query = g_strdup_printf ("SELECT %s, coalesce (sum (k.revenue), 0),"
                                   " coalesce (sum (k.cost), 0), coalesce (sum (k.won), 0),"
                                   " coalesce (sum (k.lost), 0), -1, total (k.cycle_days),"
                                   " coalesce (sum (k.cycle_count), 0) %s"
                                   " WHERE k.month >= substr (?1, 1, 7)"
                                   " AND k.month < substr (?2, 1, 7)%s%s",
                                   breakdown ? sql.key : "NULL", sql.from->str, sql.where->str,
                                   breakdown ? " GROUP BY 1 HAVING sum (k.won) + sum (k.lost) <> 0"
                                             : "");
          pilote_kpi_sql_clear (&sql);
          return query;
        }
      pilote_kpi_sql_clear (&sql);
    }

  pilote_kpi_sql_init (&sql, PILOTE_FACT_CLOSED_DEAL, c->filter,
                       breakdown ? c->by : PILOTE_DIMENSION_NONE);
  if (!sql.applicable)
    {
      pilote_kpi_sql_clear (&sql);
      return NULL;
    }
  facts = deal_facts_sql (&sql, PILOTE_FACT_CLOSED_DEAL, TRUE);
  query = g_strdup_printf ("SELECT k,"
                           " coalesce (sum (CASE WHEN status = 'won' THEN amount END), 0),"
                           " coalesce (sum (CASE WHEN status = 'won' THEN cost END), 0),"
                           " coalesce (sum (status = 'won'), 0),"
                           " coalesce (sum (status = 'lost'), 0),"
                           " %s,"
                           " total (CASE WHEN status = 'won' AND created_on IS NOT NULL"
                           "   THEN julianday (closed_on) - julianday (created_on) END),"
                           " count (CASE WHEN status = 'won' AND created_on IS NOT NULL"
                           "   THEN 1 END)"
                           " FROM (%s)%s",
                           (c->flags & PILOTE_KPI_NO_CLIENT_COUNTS)
                             ? "-1" : "count (DISTINCT CASE WHEN status = 'won' THEN client_id END)",
                           facts, breakdown ? " GROUP BY k" : "");
  pilote_kpi_sql_clear (&sql);
  return query;
}

static gboolean
add_closed_deals (Computation  *c,
                  gboolean      breakdown,
                  GError      **error)
{
  g_autofree char *query = closed_deals_query (c, breakdown);
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  if (query == NULL)
    return TRUE;
  stmt = pilote_kpi_prepare (c->store, query, c->from, c->to, c->filter, error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      PiloteKpiFigures *f;
      double *cycle_sum;
      gint64 *cycle_count;

      if (!pilote_kpi_step (c->store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (breakdown)
        {
          RowBuilder *b = lookup_row (c, (const char *) sqlite3_column_text (stmt, 0));
          f = &b->row.figures;
          cycle_sum = &b->cycle_sum;
          cycle_count = &b->cycle_count;
        }
      else
        {
          f = c->totals;
          cycle_sum = &c->cycle_sum;
          cycle_count = &c->cycle_count;
        }
      f->revenue = sqlite3_column_int64 (stmt, 1);
      f->cost = sqlite3_column_int64 (stmt, 2);
      f->deals_won = sqlite3_column_int64 (stmt, 3);
      f->deals_lost = sqlite3_column_int64 (stmt, 4);
      f->clients_won = sqlite3_column_int64 (stmt, 5);
      *cycle_sum = sqlite3_column_double (stmt, 6);
      *cycle_count = sqlite3_column_int64 (stmt, 7);
    }
  return TRUE;
}

/* whether [@from, @to) are whole months: two ISO dates on the 1st */
gboolean
pilote_kpi_whole_months (const char *from,
                         const char *to)
{
  return strlen (from) == 10 && strlen (to) == 10 &&
         g_str_has_suffix (from, "-01") && g_str_has_suffix (to, "-01");
}

/**
 * pilote_kpi_open_summary:
 * @in_period: (out caller-allocates) (array fixed-size=3): the weighted
 *   amount, the commit and the commit and best case expected to close in
 *   [@from, @to), unrounded
 *
 * The open pipeline of everyone, of some owners or of a segment (@filter
 * by team, office, member or segment at most) now, and what of it is
 * expected in the whole months [@from, @to), from the summary of the open
 * pipeline (schema version 13; by segment too since version 14):
 * the sums add_open_deals () reads from the deals. Sets open_deals,
 * open_pipeline and weighted_pipeline of @open.
 */
gboolean
pilote_kpi_open_summary (PiloteStore            *store,
                         const char             *from,
                         const char             *to,
                         const PiloteKpiFilter  *filter,
                         PiloteKpiFigures       *open,
                         double                  in_period[3],
                         GError                **error)
{
  g_autoptr(GString) where = NULL;
  g_autofree char *query = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (pilote_kpi_filter_by_summary_keys (filter), FALSE);

  /* the conditions on owners and segment, on the summary's columns; its
   * weighted sum is that of the deals with a probability of their own,
   * the others' amount being weighted by their stage's */
  where = g_string_new (NULL);
  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    pilote_kpi_sql_key_condition (where, filter, i, "p.owner_id", "p.segment_id");
  query = g_strdup_printf ("SELECT coalesce (sum (p.n), 0), coalesce (sum (p.amount), 0),"
                           " total (p.weighted + p.unweighted * st.probability),"
                           " total (CASE WHEN p.expected_month >= substr (?1, 1, 7)"
                           "   AND p.expected_month < substr (?2, 1, 7)"
                           "   THEN p.weighted + p.unweighted * st.probability END),"
                           " total (CASE WHEN p.expected_month >= substr (?1, 1, 7)"
                           "   AND p.expected_month < substr (?2, 1, 7)"
                           "   AND p.forecast_category = 'commit' THEN p.amount END),"
                           " total (CASE WHEN p.expected_month >= substr (?1, 1, 7)"
                           "   AND p.expected_month < substr (?2, 1, 7)"
                           "   AND p.forecast_category IN ('commit', 'best-case')"
                           "   THEN p.amount END)"
                           " FROM pipeline_summary p JOIN stage st ON st.id = p.stage_id"
                           " WHERE p.n <> 0%s", where->str);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL || !pilote_kpi_step (store, stmt, &has_row, error))
    return FALSE;
  open->open_deals = sqlite3_column_int64 (stmt, 0);
  open->open_pipeline = sqlite3_column_int64 (stmt, 1);
  open->weighted_pipeline = llround (sqlite3_column_double (stmt, 2));
  for (guint i = 0; i < 3; i++)
    in_period[i] = sqlite3_column_double (stmt, 3 + (int) i);
  return TRUE;
}

/* The open pipeline and the forecast of whole months from the summary */
static gboolean
add_open_summary (Computation       *c,
                  PiloteKpiSummary  *summary,
                  GError           **error)
{
  double in_period[3];

  if (!pilote_kpi_open_summary (c->store, c->from, c->to, c->filter, c->totals, in_period,
                                error))
    return FALSE;
  if (summary != NULL)
    {
      summary->forecast = c->totals->revenue + llround (in_period[0]);
      summary->forecast_commit = c->totals->revenue + llround (in_period[1]);
      summary->forecast_best_case = c->totals->revenue + llround (in_period[2]);
    }
  return TRUE;
}

static gboolean
add_open_deals (Computation       *c,
                gboolean           breakdown,
                PiloteKpiSummary  *summary,
                GError           **error)
{
  PiloteKpiSql sql;
  g_autofree char *facts = NULL;
  g_autofree char *query = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  /* everyone's, some owners' or a segment's, over whole months: from
   * their summary */
  if (!breakdown && pilote_kpi_whole_months (c->from, c->to) &&
      pilote_kpi_filter_by_summary_keys (c->filter))
    return add_open_summary (c, summary, error);

  pilote_kpi_sql_init (&sql, PILOTE_FACT_OPEN_DEAL, c->filter,
                       breakdown ? c->by : PILOTE_DIMENSION_NONE);
  if (!sql.applicable)
    {
      pilote_kpi_sql_clear (&sql);
      return TRUE;
    }
  /* in a time breakdown, the open deals expected to close in each bucket */
  /* without lines, from the index of open deals, which holds every column
   * the aggregate reads (schema version 10; and the client, version 13);
   * a client's few, from the index of open deals by client */
  if (!sql.per_line)
    pilote_kpi_sql_use_index (&sql, pilote_kpi_filter_by_client_id (c->filter)
                                      ? "deal_open_client" : "deal_open");
  facts = deal_facts_sql (&sql, PILOTE_FACT_OPEN_DEAL, breakdown && is_time (c->by));
  query = g_strdup_printf ("SELECT k, %s, coalesce (sum (amount), 0),"
                           " total (amount * prob),"
                           " total (CASE WHEN expected_on >= ?1 AND expected_on < ?2"
                           "   THEN amount * prob END),"
                           " total (CASE WHEN expected_on >= ?1 AND expected_on < ?2"
                           "   AND fc = 'commit' THEN amount END),"
                           " total (CASE WHEN expected_on >= ?1 AND expected_on < ?2"
                           "   AND fc IN ('commit', 'best-case') THEN amount END)"
                           " FROM (%s)%s",
                           sql.per_line ? "count (DISTINCT deal_id)" : "count (*)",
                           facts, breakdown ? " GROUP BY k" : "");
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (c->store, query, c->from, c->to, c->filter, error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      PiloteKpiFigures *f;

      if (!pilote_kpi_step (c->store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      f = breakdown ? &lookup_row (c, (const char *) sqlite3_column_text (stmt, 0))->row.figures
                    : c->totals;
      f->open_deals = sqlite3_column_int64 (stmt, 1);
      f->open_pipeline = sqlite3_column_int64 (stmt, 2);
      f->weighted_pipeline = llround (sqlite3_column_double (stmt, 3));
      if (summary != NULL)
        {
          gint64 weighted_in_period = llround (sqlite3_column_double (stmt, 4));

          summary->forecast = c->totals->revenue + weighted_in_period;
          summary->forecast_commit = c->totals->revenue + llround (sqlite3_column_double (stmt, 5));
          summary->forecast_best_case =
            c->totals->revenue + llround (sqlite3_column_double (stmt, 6));
        }
    }
  return TRUE;
}

/* New clients and spend: each a count or a sum by key. */
static gboolean
add_simple (Computation  *c,
            PiloteFact    fact,
            gboolean      breakdown,
            GError      **error)
{
  PiloteKpiSql sql;
  g_autofree char *query = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;
  gboolean spend = (fact == PILOTE_FACT_SPEND);
  /* clients by month, quarter or year: grouped by their date, in the order
   * of the index of acquisition dates, and the days added up here, rather
   * than every client sorted again by the bucket of its date */
  gboolean by_date = breakdown && !spend && is_time (c->by);

  pilote_kpi_sql_init (&sql, fact, c->filter, breakdown ? c->by : PILOTE_DIMENSION_NONE);
  if (!sql.applicable)
    {
      pilote_kpi_sql_clear (&sql);
      return TRUE;
    }
  if (spend)
    query = g_strdup_printf ("SELECT %s, coalesce (sum (s.amount), 0) %s"
                             " WHERE s.deleted_at IS NULL AND s.month >= ?1 AND s.month < ?2%s%s",
                             breakdown ? sql.key : "NULL", sql.from->str, sql.where->str,
                             breakdown ? " GROUP BY 1" : "");
  else
    query = g_strdup_printf ("SELECT %s, count (*) %s WHERE c.deleted_at IS NULL"
                             " AND c.acquired_on >= ?1 AND c.acquired_on < ?2%s%s",
                             breakdown ? sql.key : "NULL", sql.from->str, sql.where->str,
                             by_date ? " GROUP BY c.acquired_on" : breakdown ? " GROUP BY 1" : "");
  pilote_kpi_sql_clear (&sql);

  /* applicable: zero, not "no value", where nothing was found */
  if (breakdown && spend)
    c->rows_have_spend = TRUE;
  else if (breakdown)
    c->rows_have_clients = TRUE;
  else if (spend)
    c->totals->spend = 0;
  else
    c->totals->new_clients = 0;

  stmt = pilote_kpi_prepare (c->store, query, c->from, c->to, c->filter, error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      PiloteKpiFigures *f;

      if (!pilote_kpi_step (c->store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (breakdown)
        {
          RowBuilder *b = lookup_row (c, (const char *) sqlite3_column_text (stmt, 0));
          f = &b->row.figures;
        }
      else
        f = c->totals;
      if (spend)
        f->spend = sqlite3_column_int64 (stmt, 1);
      else if (by_date)
        f->new_clients = MAX (f->new_clients, 0) + sqlite3_column_int64 (stmt, 1);
      else
        f->new_clients = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}

static void
add_empty_buckets (Computation *c)
{
  GDateMonth fiscal = pilote_store_get_fiscal_start (c->store);
  GDate date = c->period->from;
  char key[16];

  g_date_set_day (&date, 1);
  while (g_date_compare (&date, &c->period->to) < 0)
    {
      pilote_kpi_bucket_key (c->by, &date, fiscal, key, sizeof key);
      lookup_row (c, key);
      g_date_add_months (&date, 1);
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const PiloteKpiRow *ra = *(PiloteKpiRow *const *) a;
  const PiloteKpiRow *rb = *(PiloteKpiRow *const *) b;

  if (ra->key == NULL || rb->key == NULL)
    return (ra->key == NULL) - (rb->key == NULL);
  return g_utf8_collate (ra->key, rb->key);
}

static gboolean
compute_figures (PiloteStore            *store,
                 const PilotePeriod     *period,
                 const PiloteKpiFilter  *filter,
                 PiloteDimension         by,
                 PiloteKpiFlags          flags,
                 PiloteKpiFigures       *totals,
                 PiloteKpiSummary       *summary,
                 GPtrArray             **rows,
                 GError                **error)
{
  Computation c = { 0 };
  gboolean ok = FALSE;

  c.store = store;
  c.period = period;
  c.filter = filter;
  c.by = by;
  c.flags = flags;
  c.summaries_ready = -1;
  c.totals = totals;
  pilote_period_from_iso (period, c.from);
  pilote_period_to_iso (period, c.to);
  c.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  figures_init (totals);
  if (flags & PILOTE_KPI_NO_CLIENT_COUNTS)
    totals->clients_won = -1;

  if (rows != NULL && by != PILOTE_DIMENSION_NONE && (flags & PILOTE_KPI_ROWS_ONLY))
    ;  /* the rows alone: totals left as they are */
  else if (!add_closed_deals (&c, FALSE, error) ||
           (!(flags & (OPEN_DEALS_KNOWN | PILOTE_KPI_NO_PIPELINE)) &&
            !add_open_deals (&c, FALSE, summary, error)) ||
           !add_simple (&c, PILOTE_FACT_CLIENT, FALSE, error) ||
           !add_simple (&c, PILOTE_FACT_SPEND, FALSE, error))
    goto out;
  figures_finish (totals, c.cycle_sum, c.cycle_count);
  if (flags & PILOTE_KPI_NO_PIPELINE)
    {
      flags |= PILOTE_KPI_NO_PIPELINE_ROWS;
      totals->open_deals = -1;
      totals->open_pipeline = totals->weighted_pipeline = PILOTE_MONEY_NONE;
      if (summary != NULL)
        summary->forecast = summary->forecast_commit = summary->forecast_best_case =
          PILOTE_MONEY_NONE;
    }

  if (rows != NULL && by != PILOTE_DIMENSION_NONE)
    {
      GHashTableIter iter;
      RowBuilder *b;

      if (is_time (by))
        add_empty_buckets (&c);
      if (!add_closed_deals (&c, TRUE, error) ||
          (!(flags & PILOTE_KPI_NO_PIPELINE_ROWS) && !add_open_deals (&c, TRUE, NULL, error)) ||
          !add_simple (&c, PILOTE_FACT_CLIENT, TRUE, error) ||
          !add_simple (&c, PILOTE_FACT_SPEND, TRUE, error))
        goto out;

      *rows = g_ptr_array_new_with_free_func (row_free);
      g_hash_table_iter_init (&iter, c.rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &b))
        {
          if (c.rows_have_clients && b->row.figures.new_clients < 0)
            b->row.figures.new_clients = 0;
          if (c.rows_have_spend && b->row.figures.spend == PILOTE_MONEY_NONE)
            b->row.figures.spend = 0;
          if (flags & PILOTE_KPI_NO_PIPELINE_ROWS)
            {
              b->row.figures.open_deals = -1;
              b->row.figures.open_pipeline = PILOTE_MONEY_NONE;
              b->row.figures.weighted_pipeline = PILOTE_MONEY_NONE;
            }
          figures_finish (&b->row.figures, b->cycle_sum, b->cycle_count);
          /* a RowBuilder starts with its row: row_free () frees it whole */
          g_ptr_array_add (*rows, b);
        }
      /* the rows now belong to the array; the keys go with the table */
      g_hash_table_remove_all (c.rows);
      g_ptr_array_sort (*rows, compare_rows);
    }
  ok = TRUE;

out:
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, c.rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      row_free (value);
    g_hash_table_unref (c.rows);
  }
  return ok;
}

/* Summary figures */

typedef struct {
  gboolean known;
  double   days;
  gint64   count;
} CycleCount;

static gboolean
compute_median_cycle (PiloteStore            *store,
                      const char             *from,
                      const char             *to,
                      const PiloteKpiFilter  *filter,
                      double                 *median,
                      GError                **error)
{
  PiloteKpiSql sql;
  g_autofree char *query = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GArray) values = NULL;
  gboolean has_row;
  gint64 total = 0;

  *median = NAN;
  /* whole months of everyone, some owners, a segment, a region, a channel
   * or a category: the won deals by their days from the monthly summaries
   * (dimension 8, schema version 13, or that kept with the region, the
   * channel or the category, version 16), the unknown ones (x'') first;
   * the summary's SQL (pilote-kpi-summary.c) names columns of the schema
   * and binds every value */
  if (pilote_kpi_whole_months (from, to) && pilote_kpi_summary_ready (store))
    {
      pilote_kpi_summary_cycle_sql_init (&sql, filter);
      if (sql.applicable)
        query = g_strdup_printf ("SELECT %s AS days, sum (k.won) %s"
                                 " WHERE k.month >= substr (?1, 1, 7)"
                                 " AND k.month < substr (?2, 1, 7)%s"
                                 " GROUP BY 1 HAVING sum (k.won) > 0 ORDER BY 1",
                                 sql.key, sql.from->str, sql.where->str);
      else
        pilote_kpi_sql_clear (&sql);
    }
  if (query == NULL)
    {
      pilote_kpi_sql_init (&sql, PILOTE_FACT_CLOSED_DEAL, filter, PILOTE_DIMENSION_NONE);
      if (!sql.applicable)
        {
          pilote_kpi_sql_clear (&sql);
          return TRUE;
        }
      /* the distinct values of the cycle with their counts, in order (a
       * few hundred), rather than every deal sorted: the median is found
       * by counting. Each deal once: joined to its lines, a deal comes
       * once per line. */
      query = g_strdup_printf ("SELECT days, count (*) FROM"
                               " (SELECT %s d.id,"
                               "   julianday (d.closed_on) - julianday (d.created_on) AS days %s"
                               "   WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                               "   AND d.closed_on >= ?1 AND d.closed_on < ?2"
                               "   AND d.status = 'won' AND d.created_on IS NOT NULL%s)"
                               " GROUP BY days ORDER BY days",
                               sql.per_line ? "DISTINCT" : "", sql.from->str, sql.where->str);
    }
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    return FALSE;
  values = g_array_new (FALSE, FALSE, sizeof (CycleCount));
  while (TRUE)
    {
      CycleCount value;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      value.known = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      value.days = sqlite3_column_double (stmt, 0);
      value.count = sqlite3_column_int64 (stmt, 1);
      total += value.count;
      g_array_append_val (values, value);
    }
  if (total == 0)
    return TRUE;

  /* the middle one or two deals, in the order of their cycles (unknown
   * ones first, and left out of the mean) */
  {
    gint64 positions[2] = { (total + 1) / 2, (total + 2) / 2 };
    double sum = 0;
    int n = 0;

    for (guint p = 0; p < 2; p++)
      {
        gint64 seen = 0;

        if (p == 1 && positions[1] == positions[0])
          break;
        for (guint i = 0; i < values->len; i++)
          {
            const CycleCount *value = &g_array_index (values, CycleCount, i);

            seen += value->count;
            if (seen >= positions[p])
              {
                if (value->known)
                  {
                    sum += value->days;
                    n++;
                  }
                break;
              }
          }
      }
    *median = n > 0 ? sum / n : NAN;
  }
  return TRUE;
}

/* Prospects open at the start of the period or created in it, and those of
 * them acquired as clients in it. */
static gboolean
compute_prospects (PiloteStore            *store,
                   const char             *from,
                   const char             *to,
                   const PiloteKpiFilter  *filter,
                   PiloteKpiSummary       *summary,
                   GError                **error)
{
  PiloteKpiSql sql;
  g_autofree char *query = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  summary->prospects_open = -1;
  summary->prospects_converted = -1;
  summary->prospect_conversion = NAN;
  pilote_kpi_sql_init (&sql, PILOTE_FACT_CLIENT, filter, PILOTE_DIMENSION_NONE);
  if (!sql.applicable)
    {
      pilote_kpi_sql_clear (&sql);
      return TRUE;
    }
  /* without filters, the index of live clients by creation date holds
   * all that is needed; with them, nothing narrows the clients down but
   * their creation date: read the table straight through rather than
   * through one of the partial indexes of live clients, a look-up per row;
   * but the clients of a rep, a team or an office are found from the index
   * of their owners, and those of a segment from that of segments, by
   * creation date (schema version 14), their segment's id looked up in it
   * (pilote-kpi-sql.c writes it "+c.segment_id", which other queries on
   * clients must not look up there); those of a region or a channel from
   * theirs (schema version 16), the channel's id looked up first */
  if (filter != NULL && filter->conditions->len > 0 && !pilote_kpi_filter_by_owner (filter) &&
      !pilote_kpi_filter_is_one (filter, PILOTE_DIMENSION_CHANNEL))
    {
      if (pilote_kpi_filter_by_summary_keys (filter) &&
          g_string_replace (sql.where, "+c.segment_id IN", "c.segment_id IN", 1) == 1)
        g_string_replace (sql.from, "FROM client c", "FROM client c INDEXED BY client_segment", 1);
      else if (pilote_kpi_filter_is_one (filter, PILOTE_DIMENSION_REGION))
        /* a region's, from its clients by creation date (schema version 16) */
        g_string_replace (sql.from, "FROM client c", "FROM client c INDEXED BY client_region", 1);
      else
        g_string_replace (sql.from, "FROM client c", "FROM client c NOT INDEXED", 1);
    }
  /* created_at is a timestamp: before the day ?2 as a whole is before ?2 */
  query = g_strdup_printf ("SELECT count (*), coalesce (sum (c.acquired_on < ?2), 0) %s"
                           " WHERE c.deleted_at IS NULL AND c.created_at < ?2"
                           " AND (c.acquired_on IS NULL OR c.acquired_on >= ?1)%s",
                           sql.from->str, sql.where->str);
  pilote_kpi_sql_clear (&sql);
  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL || !pilote_kpi_step (store, stmt, &has_row, error))
    return FALSE;
  summary->prospects_open = sqlite3_column_int64 (stmt, 0);
  summary->prospects_converted = sqlite3_column_int64 (stmt, 1);
  summary->prospect_conversion = summary->prospects_open > 0
    ? (double) summary->prospects_converted / (double) summary->prospects_open : NAN;
  return TRUE;
}

/* The clients of the two years to the end of a period, read apart from
 * the rest of a report when it is computed with PILOTE_KPI_NO_CLIENT_YEARS
 * (see pilote_kpi_years_read ()) */
struct _PiloteKpiYears {
  PiloteKpiClientYears  years;
  double                lifetime_setting;   /* NAN when not set */
  GPtrArray            *churned;            /* (nullable) */
};

/* the expected client lifetime the user set, in years, or NAN */
static double
lifetime_setting (PiloteStore *store)
{
  g_autofree char *setting = pilote_store_get_setting (store, "client_lifetime_years");
  double lifetime = setting != NULL && *setting != '\0' ? g_ascii_strtod (setting, NULL) : NAN;

  return lifetime > 0 ? lifetime : NAN;
}

/* Clients active over the 12 months to the end of the period and the 12
 * months before, by their won deals: the active clients, their yearly
 * margin and the clients that did not renew, and from them the expected
 * lifetime of a client, its value and its ratio to the acquisition cost */
static void
summary_add_years (PiloteKpiSummary        *summary,
                   const PiloteKpiFigures  *totals,
                   const PiloteKpiYears    *y)
{
  const PiloteKpiClientYears *years = &y->years;
  double lifetime = y->lifetime_setting;

  summary->active_clients = years->active;
  summary->yearly_margin_per_client =
    years->active > 0 ? llround ((double) years->recent_margin / (double) years->active)
                      : PILOTE_MONEY_NONE;
  summary->churned_clients = years->churned;
  summary->churned_revenue = years->churned_revenue;

  /* expected client lifetime: the setting, else 1 ÷ the yearly churn rate
   * observed, at most 10 years */
  if (isnan (lifetime))
    {
      if (years->active_before > 0 && years->churned > 0)
        lifetime = MIN (10.0, (double) years->active_before / (double) years->churned);
      else if (years->active_before > 0)
        lifetime = 10.0;
    }
  summary->client_lifetime_years = lifetime;
  summary->clv = summary->yearly_margin_per_client != PILOTE_MONEY_NONE && !isnan (lifetime)
                   ? pilote_money_multiply (summary->yearly_margin_per_client, lifetime)
                   : PILOTE_MONEY_NONE;
  summary->clv_to_cac = summary->clv != PILOTE_MONEY_NONE && totals->cac != PILOTE_MONEY_NONE &&
                        totals->cac > 0
                          ? (double) summary->clv / (double) totals->cac : NAN;
}

/* what a summary shows without the clients of the two years */
static void
summary_clear_years (PiloteKpiSummary *summary)
{
  summary->active_clients = summary->churned_clients = -1;
  summary->yearly_margin_per_client = summary->churned_revenue = PILOTE_MONEY_NONE;
  summary->clv = PILOTE_MONEY_NONE;
  summary->client_lifetime_years = summary->clv_to_cac = NAN;
}

static gboolean
years_read (PiloteStore            *store,
            const GDate            *to,
            const PiloteKpiFilter  *filter,
            gboolean                list_churned,
            PiloteKpiYears         *y,
            GError                **error)
{
  memset (y, 0, sizeof *y);
  y->lifetime_setting = lifetime_setting (store);
  return pilote_kpi_clients_over_years (store, to, filter, &y->years, PILOTE_KPI_CHURNED_LISTED,
                                        list_churned ? &y->churned : NULL, error);
}

/**
 * pilote_kpi_years_read:
 * @period: the period of the report the figures complete
 * @filter: (nullable): the report's filter
 * @list_churned: whether to list the clients that did not renew (the
 *   PILOTE_KPI_CHURNED_LISTED largest), as PILOTE_KPI_CHURN_LIST does
 *
 * Reads the clients of the two years to the end of @period, which a report
 * computed with PILOTE_KPI_NO_CLIENT_YEARS leaves out, so that they can be
 * read on another connection, in another thread, beside the report; then
 * pilote_kpi_report_add_years () completes the report with them.
 *
 * Returns: (transfer full): the figures, or %NULL on error
 */
PiloteKpiYears *
pilote_kpi_years_read (PiloteStore            *store,
                       const PilotePeriod     *period,
                       const PiloteKpiFilter  *filter,
                       gboolean                list_churned,
                       GError                **error)
{
  g_autoptr(PiloteKpiYears) y = g_new0 (PiloteKpiYears, 1);

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!years_read (store, &period->to, filter, list_churned, y, error))
    return NULL;
  return g_steal_pointer (&y);
}

void
pilote_kpi_years_free (PiloteKpiYears *years)
{
  if (years == NULL)
    return;
  g_clear_pointer (&years->churned, g_ptr_array_unref);
  g_free (years);
}

/**
 * pilote_kpi_report_add_years:
 * @report: a report computed with PILOTE_KPI_NO_CLIENT_YEARS
 * @years: (transfer full): from pilote_kpi_years_read () for the same
 *   period and filter
 *
 * Completes @report as pilote_kpi_compute () would have without
 * PILOTE_KPI_NO_CLIENT_YEARS: the active clients, their yearly margin,
 * the clients that did not renew (and their list, when read), the
 * expected lifetime, the CLV and its ratio to the CAC.
 */
void
pilote_kpi_report_add_years (PiloteKpiReport *report,
                             PiloteKpiYears  *years)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (years != NULL);

  summary_add_years (&report->summary, &report->totals, years);
  if (years->churned != NULL)
    {
      g_clear_pointer (&report->churned, g_ptr_array_unref);
      report->churned = g_steal_pointer (&years->churned);
    }
  pilote_kpi_years_free (years);
}

static gboolean
compute_activities (PiloteStore            *store,
                    const char             *from,
                    const char             *to,
                    const PiloteKpiFilter  *filter,
                    PiloteKpiSummary       *summary,
                    GError                **error)
{
  PiloteKpiSql sql;
  g_autofree char *query = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  summary->meetings_held = -1;
  summary->calls_made = -1;
  pilote_kpi_sql_init (&sql, PILOTE_FACT_ACTIVITY, filter, PILOTE_DIMENSION_NONE);
  if (!sql.applicable)
    {
      pilote_kpi_sql_clear (&sql);
      return TRUE;
    }
  if (pilote_kpi_whole_months (from, to) && pilote_kpi_filter_by_owner_only (filter))
    {
      /* from the counts by month and owner (schema version 12) */
      g_string_replace (sql.from, "FROM activity a", "FROM activity_month a", 1);
      query = g_strdup_printf ("SELECT coalesce (sum (CASE a.kind WHEN 'meeting' THEN a.n END), 0),"
                               " coalesce (sum (CASE a.kind WHEN 'call' THEN a.n END), 0) %s"
                               " WHERE a.month >= substr (?1, 1, 7)"
                               " AND a.month < substr (?2, 1, 7)%s",
                               sql.from->str, sql.where->str);
    }
  else
    query = g_strdup_printf ("SELECT coalesce (sum (a.kind = 'meeting'), 0),"
                             " coalesce (sum (a.kind = 'call'), 0) %s"
                             " WHERE a.deleted_at IS NULL AND a.done_at >= ?1 AND a.done_at < ?2%s",
                             sql.from->str, sql.where->str);
  pilote_kpi_sql_clear (&sql);
  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL || !pilote_kpi_step (store, stmt, &has_row, error))
    return FALSE;
  summary->meetings_held = sqlite3_column_int64 (stmt, 0);
  summary->calls_made = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* Meetings held and calls made over a period: the activity objectives. */
gboolean
pilote_kpi_count_activities (PiloteStore            *store,
                             const PilotePeriod     *period,
                             const PiloteKpiFilter  *filter,
                             gint64                 *meetings,
                             gint64                 *calls,
                             GError                **error)
{
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteKpiSummary summary;

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  if (!compute_activities (store, from, to, filter, &summary, error))
    return FALSE;
  *meetings = summary.meetings_held;
  *calls = summary.calls_made;
  return TRUE;
}

/* @churned: (nullable): where to list the clients that did not renew;
 * @with_years: whether to read the clients of the two years at all */
static gboolean
compute_summary (PiloteStore            *store,
                 const PilotePeriod     *period,
                 const PiloteKpiFilter  *filter,
                 const PiloteKpiFigures *totals,
                 PiloteKpiSummary       *summary,
                 gboolean                with_years,
                 GPtrArray             **churned,
                 GError                **error)
{
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);

  if (!compute_median_cycle (store, from, to, filter, &summary->sales_cycle_median_days, error) ||
      !compute_prospects (store, from, to, filter, summary, error) ||
      !compute_activities (store, from, to, filter, summary, error))
    return FALSE;

  /* sales velocity: money per day */
  if (!isnan (totals->win_rate) && totals->avg_deal_size != PILOTE_MONEY_NONE &&
      !isnan (totals->sales_cycle_days) && totals->sales_cycle_days > 0)
    summary->sales_velocity = llround ((double) totals->open_deals * totals->win_rate *
                                       (double) totals->avg_deal_size /
                                       totals->sales_cycle_days);
  else
    summary->sales_velocity = PILOTE_MONEY_NONE;

  if (with_years)
    {
      PiloteKpiYears years;

      if (!years_read (store, &period->to, filter, churned != NULL, &years, error))
        return FALSE;
      summary_add_years (summary, totals, &years);
      if (churned != NULL)
        *churned = g_steal_pointer (&years.churned);
    }
  else
    summary_clear_years (summary);
  return TRUE;
}

/**
 * pilote_kpi_compute:
 * @period: the period, half-open
 * @filter: (nullable): conditions on dimensions
 * @by: the dimension of the breakdown rows, or %PILOTE_DIMENSION_NONE
 *
 * Computes every KPI of a period. In a breakdown by a time dimension every
 * month, quarter or year of the period has its row, empty or not.
 *
 * Returns: (transfer full): the figures, or %NULL on error
 */
PiloteKpiReport *
pilote_kpi_compute (PiloteStore            *store,
                    const PilotePeriod     *period,
                    const PiloteKpiFilter  *filter,
                    PiloteDimension         by,
                    PiloteKpiFlags          flags,
                    GError                **error)
{
  g_autoptr(PiloteKpiReport) report = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (by < PILOTE_N_DIMENSIONS, NULL);

  report = g_new0 (PiloteKpiReport, 1);
  report->period = *period;
  report->dimension = by;
  report->currency = g_strdup (pilote_store_get_currency (store));
  figures_init (&report->previous);
  figures_init (&report->year_before);

  if (!compute_figures (store, period, filter, by, flags, &report->totals, &report->summary,
                        by != PILOTE_DIMENSION_NONE ? &report->rows : NULL, error))
    return NULL;
  if (report->rows == NULL)
    report->rows = g_ptr_array_new_with_free_func (row_free);
  if (by == PILOTE_DIMENSION_NONE)
    flags &= ~PILOTE_KPI_ROWS_ONLY;
  if (flags & (PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_ROWS_ONLY))
    {
      PiloteKpiSummary *s = &report->summary;

      s->sales_cycle_median_days = NAN;
      s->sales_velocity = PILOTE_MONEY_NONE;
      s->prospects_open = s->prospects_converted = -1;
      s->prospect_conversion = NAN;
      summary_clear_years (s);
      if (flags & PILOTE_KPI_ROWS_ONLY)
        {
          s->forecast = s->forecast_commit = s->forecast_best_case = PILOTE_MONEY_NONE;
          s->meetings_held = s->calls_made = -1;
        }
      else
        {
          /* activities are one indexed count: objectives on meetings and calls need them */
          char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

          pilote_period_from_iso (period, from);
          pilote_period_to_iso (period, to);
          if (!compute_activities (store, from, to, filter, s, error))
            return NULL;
        }
    }
  else if (!compute_summary (store, period, filter, &report->totals, &report->summary,
                            !(flags & PILOTE_KPI_NO_CLIENT_YEARS),
                            (flags & PILOTE_KPI_CHURN_LIST) ? &report->churned : NULL, error))
    return NULL;

  if (flags & PILOTE_KPI_COMPARE)
    {
      PilotePeriod previous, year_before;
      PiloteKpiSummary unused;

      pilote_period_previous (period, &previous);
      pilote_period_year_before (period, &year_before);
      if (!compute_figures (store, &previous, filter, PILOTE_DIMENSION_NONE,
                            flags | OPEN_DEALS_KNOWN, &report->previous, &unused, NULL, error) ||
          !compute_figures (store, &year_before, filter, PILOTE_DIMENSION_NONE,
                            flags | OPEN_DEALS_KNOWN, &report->year_before, &unused, NULL, error))
        return NULL;
      for (guint i = 0; i < 2; i++)
        {
          PiloteKpiFigures *f = i == 0 ? &report->previous : &report->year_before;

          f->open_deals = report->totals.open_deals;
          f->open_pipeline = report->totals.open_pipeline;
          f->weighted_pipeline = report->totals.weighted_pipeline;
        }
    }

  return g_steal_pointer (&report);
}

void
pilote_kpi_report_free (PiloteKpiReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->churned, g_ptr_array_unref);
  g_free (report->currency);
  g_free (report);
}
