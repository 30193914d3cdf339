/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pilote-error.h"
#include "pilote-pipeline.h"
#include "pilote-store-private.h"

/* The queries of the pipeline board: column totals, pages of cards, the
 * forecast by expected close month, and moving a deal to another stage.
 * Every query reads open deals only, on the partial index of open deals
 * (deal_open: expected close, owner, stage, amount, probability), which
 * holds a small part of a large file's deals: the conditions on the owner,
 * the team and the stage are written "+d.owner_id" so that SQLite filters
 * them in that index rather than walking the index of every deal of the
 * owner or of the stage (closed ones included) and reading their rows.
 * Parameters are numbered once for all of them: a condition that is left
 * out leaves its number unused, and binding it is harmless. */

enum {
  PARAM_TODAY = 1,
  PARAM_OWNER,
  PARAM_TEAM,
  PARAM_CLOSE_FROM,
  PARAM_CLOSE_TO,
  PARAM_STAGE,
  PARAM_LIMIT,
  PARAM_OFFSET,
  PARAM_STALE_BEFORE,
};

#define DEFAULT_STALE_DAYS 30

#define OPEN_DEALS "d.deleted_at IS NULL AND d.status = 'open'"

/* whole days since the deal last changed stage, at ?1 */
#define DAYS_IN_STAGE \
  "CAST (julianday (?1) - julianday (coalesce ((SELECT substr (max (c.changed_at), 1, 10)" \
  "  FROM stage_change c WHERE c.deal_id = d.id), d.created_on)) AS INTEGER)"

#define PROBABILITY \
  "coalesce (d.probability, (SELECT probability FROM stage WHERE id = d.stage_id))"

/**
 * pilote_pipeline_get_stale_days:
 *
 * Returns: the number of days without a stage change after which an open
 *   deal is flagged as stale (the "stale_deal_days" setting, 30 by default)
 */
gint64
pilote_pipeline_get_stale_days (PiloteStore *store)
{
  g_autofree char *text = NULL;
  gint64 days;
  char *end = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), DEFAULT_STALE_DAYS);

  text = pilote_store_get_setting (store, "stale_deal_days");
  if (text == NULL || *text == '\0')
    return DEFAULT_STALE_DAYS;
  days = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || days < 1)
    return DEFAULT_STALE_DAYS;
  return days;
}

/* @by_close: whether SQLite may pick the deals by expected close through
 * the index (when FALSE, the page walks another index) */
static void
append_filter (GString                    *sql,
               const PilotePipelineFilter *filter,
               gboolean                    by_close)
{
  const char *close = by_close ? "d.expected_close_on" : "+d.expected_close_on";

  if (filter == NULL)
    return;
  if (filter->owner_id > 0)
    g_string_append (sql, " AND +d.owner_id = ?2");
  if (filter->team_id > 0)
    g_string_append (sql, " AND +d.owner_id IN (SELECT id FROM member WHERE team_id = ?3)");
  if (filter->close_from != NULL)
    g_string_append_printf (sql, " AND %s >= ?4", close);
  if (filter->close_to != NULL)
    g_string_append_printf (sql, " AND %s < ?5", close);
}

static void
bind_filter (PiloteStmt                 *stmt,
             const PilotePipelineFilter *filter,
             const GDate                *today)
{
  int n_params = sqlite3_bind_parameter_count (stmt);
  char today_iso[PILOTE_ISO_DATE_LEN];
  GDate now;

  if (today == NULL || !g_date_valid (today))
    {
      pilote_date_set_today (&now);
      today = &now;
    }
  pilote_date_to_iso (today, today_iso);
  if (n_params >= PARAM_TODAY)
    sqlite3_bind_text (stmt, PARAM_TODAY, today_iso, -1, SQLITE_TRANSIENT);
  if (filter == NULL)
    return;
  if (n_params >= PARAM_OWNER && filter->owner_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_OWNER, filter->owner_id);
  if (n_params >= PARAM_TEAM && filter->team_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_TEAM, filter->team_id);
  if (n_params >= PARAM_CLOSE_FROM && filter->close_from != NULL)
    sqlite3_bind_text (stmt, PARAM_CLOSE_FROM, filter->close_from, -1, SQLITE_TRANSIENT);
  if (n_params >= PARAM_CLOSE_TO && filter->close_to != NULL)
    sqlite3_bind_text (stmt, PARAM_CLOSE_TO, filter->close_to, -1, SQLITE_TRANSIENT);
}

static gboolean
step (PiloteStore  *store,
      PiloteStmt   *stmt,
      gboolean     *has_row,
      GError      **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = (rc == SQLITE_ROW);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  pilote_store_set_sql_error (store, error);
  return FALSE;
}

/**
 * pilote_pipeline_stage_totals:
 * @filter: (nullable): which deals to count
 * @today: (nullable): the day stale deals are counted at; today when %NULL
 *
 * One aggregate query for the headers of the board's columns.
 *
 * Returns: (transfer full) (element-type PilotePipelineStageTotals): one
 *   entry per open stage, in pipeline order, zeros included; %NULL on error
 */
GArray *
pilote_pipeline_stage_totals (PiloteStore                 *store,
                              const PilotePipelineFilter  *filter,
                              const GDate                 *today,
                              GError                     **error)
{
  g_autoptr(GArray) totals = g_array_new (FALSE, TRUE, sizeof (PilotePipelineStageTotals));
  g_autoptr(GString) sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  /* Grouped in the index of open deals; a deal is stale when its last
   * stage change (else its creation) is older than the stale cut-off: the
   * same test as DAYS_IN_STAGE > the threshold, without date arithmetic.
   * The weighted amount of the deals without a probability of their own
   * is their sum times the stage's default, applied once per stage. */
  sql = g_string_new ("SELECT s.id, coalesce (t.n, 0), coalesce (t.amount, 0),"
                      " coalesce (t.weighted, 0) + coalesce (t.unweighted, 0) * s.probability,"
                      " coalesce (t.stale, 0)"
                      " FROM stage s LEFT JOIN (SELECT d.stage_id AS stage_id, count (*) AS n,"
                      "   sum (d.amount) AS amount, total (d.amount * d.probability) AS weighted,"
                      "   total (CASE WHEN d.probability IS NULL THEN d.amount END) AS unweighted,"
                      "   count (CASE WHEN coalesce ((SELECT max (c.changed_at) FROM stage_change c"
                      "     WHERE c.deal_id = d.id), d.created_on) < ?9 THEN 1 END) AS stale"
                      "   FROM deal d WHERE " OPEN_DEALS);
  append_filter (sql, filter, TRUE);
  g_string_append (sql, " GROUP BY +d.stage_id) t ON t.stage_id = s.id"
                        " WHERE s.deleted_at IS NULL AND s.kind = 'open'"
                        " ORDER BY s.position, s.id");

  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter, today);
  {
    char before[PILOTE_ISO_DATE_LEN];
    GDate cut;

    if (today != NULL && g_date_valid (today))
      cut = *today;
    else
      pilote_date_set_today (&cut);
    g_date_subtract_days (&cut, (guint) MIN (pilote_pipeline_get_stale_days (store), 36500));
    pilote_date_to_iso (&cut, before);
    sqlite3_bind_text (stmt, PARAM_STALE_BEFORE, before, -1, SQLITE_TRANSIENT);
  }
  while (TRUE)
    {
      PilotePipelineStageTotals row;

      if (!step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      row.stage_id = sqlite3_column_int64 (stmt, 0);
      row.count = sqlite3_column_int64 (stmt, 1);
      row.amount = sqlite3_column_int64 (stmt, 2);
      row.weighted = llround (sqlite3_column_double (stmt, 3));
      row.stale = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (totals, row);
    }
  return g_steal_pointer (&totals);
}

/* the sort key of each order, whether it is text, and whether it may be
 * NULL (a key that cannot be is sorted without "k IS NULL" first, so that
 * an index on it, when the file has one, gives the page in order) */
static const struct {
  const char *key;
  gboolean    text;
  gboolean    nullable;
} sort_keys[] = {
  [PILOTE_PIPELINE_SORT_EXPECTED_CLOSE] = { "d.expected_close_on", FALSE, TRUE },
  [PILOTE_PIPELINE_SORT_TITLE] = { "d.title", TRUE, FALSE },
  [PILOTE_PIPELINE_SORT_CLIENT] = { "(SELECT name FROM client WHERE id = d.client_id)", TRUE, TRUE },
  [PILOTE_PIPELINE_SORT_OWNER] = { "(SELECT name FROM member WHERE id = d.owner_id)", TRUE, TRUE },
  [PILOTE_PIPELINE_SORT_STAGE] = { "(SELECT position FROM stage WHERE id = d.stage_id)", FALSE, TRUE },
  [PILOTE_PIPELINE_SORT_AMOUNT] = { "d.amount", FALSE, FALSE },
  [PILOTE_PIPELINE_SORT_PROBABILITY] = { PROBABILITY, FALSE, TRUE },
  [PILOTE_PIPELINE_SORT_DAYS_IN_STAGE] = { DAYS_IN_STAGE, FALSE, TRUE },
};

void
pilote_pipeline_deal_free (PilotePipelineDeal *card)
{
  if (card == NULL)
    return;
  g_free (card->title);
  g_free (card->client);
  g_free (card->owner);
  g_free (card->stage);
  g_free (card->expected_close_on);
  g_free (card->next_activity);
  g_free (card->next_activity_due);
  g_free (card);
}

static void
append_conditions (GString                    *sql,
                   const PilotePipelineFilter *filter,
                   gint64                      stage_id,
                   gboolean                    by_close)
{
  if (stage_id > 0)
    g_string_append (sql, " AND +d.stage_id = ?6");
  append_filter (sql, filter, by_close);
}

/* The subquery of the page's deal ids and sort keys (id, k), in @order.
 *
 * By expected close (the order of the board's columns and the list's
 * first one), the deals with a date are walked in the index of open deals,
 * which is in that order: a page costs what it holds, not what the file
 * holds. By client, with no owner nor team chosen, the clients are walked
 * in the index of their names and their open deals looked up. Each walk
 * stops at the end of the page; the deals without a value come after
 * (they have their own part of the union), and the few rows of both parts
 * are sorted again. Every other order sorts the open deals found in the
 * index of open deals. */
static void
append_page (GString                    *sql,
             const PilotePipelineFilter *filter,
             gint64                      stage_id,
             PilotePipelineSort          sort,
             const char                 *dir,
             const char                 *order)
{
  gboolean by_person = filter != NULL && (filter->owner_id > 0 || filter->team_id > 0);

  if (sort == PILOTE_PIPELINE_SORT_EXPECTED_CLOSE)
    {
      g_string_append (sql, "SELECT id, k FROM (SELECT * FROM (SELECT d.id AS id,"
                            " d.expected_close_on AS k FROM deal d WHERE " OPEN_DEALS
                            " AND d.expected_close_on IS NOT NULL");
      append_conditions (sql, filter, stage_id, TRUE);
      g_string_append_printf (sql, " ORDER BY d.expected_close_on %s, d.id %s LIMIT ?7 + ?8)"
                                   " UNION ALL SELECT * FROM (SELECT d.id, NULL FROM deal d"
                                   " WHERE " OPEN_DEALS " AND d.expected_close_on IS NULL",
                              dir, dir);
      append_conditions (sql, filter, stage_id, TRUE);
      g_string_append_printf (sql, " ORDER BY d.id %s LIMIT ?7 + ?8))", dir);
    }
  else if (sort == PILOTE_PIPELINE_SORT_CLIENT && !by_person)
    {
      /* CROSS JOIN keeps the clients as the outer loop */
      g_string_append (sql, "SELECT id, k FROM (SELECT * FROM (SELECT d.id AS id, c.name AS k"
                            " FROM client c CROSS JOIN deal d ON d.client_id = c.id"
                            " AND d.status = 'open' WHERE d.deleted_at IS NULL");
      append_conditions (sql, filter, stage_id, FALSE);
      g_string_append_printf (sql, " ORDER BY c.name COLLATE NOCASE %s, d.id %s LIMIT ?7 + ?8)"
                                   " UNION ALL SELECT * FROM (SELECT d.id, NULL FROM deal d"
                                   " WHERE " OPEN_DEALS " AND d.client_id IS NULL",
                              dir, dir);
      append_conditions (sql, filter, stage_id, FALSE);
      g_string_append_printf (sql, " ORDER BY d.id %s LIMIT ?7 + ?8))", dir);
    }
  else
    {
      g_string_append_printf (sql, "SELECT d.id AS id, %s AS k FROM deal d WHERE " OPEN_DEALS,
                              sort_keys[sort].key);
      append_conditions (sql, filter, stage_id, TRUE);
    }
  g_string_append_printf (sql, " ORDER BY %s LIMIT ?7 OFFSET ?8", order);
}

/**
 * pilote_pipeline_list_deals:
 * @filter: (nullable): which deals to list
 * @stage_id: the stage whose deals to list; 0 for every open stage
 * @sort: the order; deals without a value come last either way
 * @limit: the size of the page (at least 1)
 * @offset: how many deals to skip
 * @today: (nullable): the day the time in stage is counted at; today when %NULL
 *
 * One page of open deals with what their cards show. The page is chosen
 * first, on the sort key alone; names, next activities and times in stage
 * are then looked up for the deals of the page only.
 *
 * Returns: (transfer full) (element-type PilotePipelineDeal): the cards,
 *   or %NULL on error
 */
GPtrArray *
pilote_pipeline_list_deals (PiloteStore                 *store,
                            const PilotePipelineFilter  *filter,
                            gint64                       stage_id,
                            PilotePipelineSort           sort,
                            gboolean                     descending,
                            guint                        limit,
                            guint                        offset,
                            const GDate                 *today,
                            GError                     **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *order = NULL;
  g_autofree char *page_order = NULL;
  const char *dir = descending ? "DESC" : "ASC";
  gint64 stale_days;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_keys), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  /* the page is chosen in the subquery, then sorted again by the same key */
  order = g_strdup_printf ("%sk%s %s, id %s", sort_keys[sort].nullable ? "k IS NULL, " : "",
                           sort_keys[sort].text ? " COLLATE NOCASE" : "", dir, dir);
  page_order = g_strdup_printf ("%sp.k%s %s, p.id %s",
                                sort_keys[sort].nullable ? "p.k IS NULL, " : "",
                                sort_keys[sort].text ? " COLLATE NOCASE" : "", dir, dir);
  sql = g_string_new ("SELECT d.id, d.version, d.stage_id, d.title,"
                      " (SELECT name FROM client WHERE id = d.client_id),"
                      " (SELECT name FROM member WHERE id = d.owner_id),"
                      " s.name, d.amount, coalesce (d.probability, s.probability),"
                      " d.forecast_category, d.expected_close_on,"
                      " a.subject, a.due_at, " DAYS_IN_STAGE " FROM (");
  append_page (sql, filter, stage_id, sort, dir, order);
  g_string_append_printf (sql, ") p"
                               " JOIN deal d ON d.id = p.id"
                               " JOIN stage s ON s.id = d.stage_id"
                               " LEFT JOIN activity a ON a.id = (SELECT n.id FROM activity n"
                               "   WHERE n.deal_id = d.id AND n.deleted_at IS NULL"
                               "   AND n.done_at IS NULL"
                               "   ORDER BY n.due_at IS NULL, n.due_at, n.id LIMIT 1)"
                               " ORDER BY %s",
                          page_order);

  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter, today);
  if (stage_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_STAGE, stage_id);
  sqlite3_bind_int64 (stmt, PARAM_LIMIT, limit);
  sqlite3_bind_int64 (stmt, PARAM_OFFSET, offset);

  stale_days = pilote_pipeline_get_stale_days (store);
  cards = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_pipeline_deal_free);
  while (TRUE)
    {
      PilotePipelineDeal *card;
      const char *fc;

      if (!step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      card = g_new0 (PilotePipelineDeal, 1);
      card->deal_id = sqlite3_column_int64 (stmt, 0);
      card->version = sqlite3_column_int64 (stmt, 1);
      card->stage_id = sqlite3_column_int64 (stmt, 2);
      card->title = pilote_column_dup (stmt, 3);
      card->client = pilote_column_dup (stmt, 4);
      card->owner = pilote_column_dup (stmt, 5);
      card->stage = pilote_column_dup (stmt, 6);
      card->amount = sqlite3_column_int64 (stmt, 7);
      card->probability = sqlite3_column_double (stmt, 8);
      fc = (const char *) sqlite3_column_text (stmt, 9);
      card->forecast_category = g_strcmp0 (fc, "commit") == 0 ? PILOTE_FORECAST_COMMIT
                                : g_strcmp0 (fc, "best-case") == 0 ? PILOTE_FORECAST_BEST_CASE
                                : PILOTE_FORECAST_PIPELINE;
      card->expected_close_on = pilote_column_dup (stmt, 10);
      card->next_activity = pilote_column_dup (stmt, 11);
      card->next_activity_due = pilote_column_dup (stmt, 12);
      card->days_in_stage = sqlite3_column_int64 (stmt, 13);
      card->stale = card->days_in_stage > stale_days;
      g_ptr_array_add (cards, card);
    }
  return g_steal_pointer (&cards);
}

void
pilote_pipeline_forecast_row_free (PilotePipelineForecastRow *row)
{
  if (row == NULL)
    return;
  g_free (row->month);
  g_free (row);
}

/**
 * pilote_pipeline_forecast:
 * @filter: (nullable): which deals to count
 *
 * The open deals grouped by the month they are expected to close in, as
 * the KPI engine weighs them: weighted by their probability (else their
 * stage's), and by forecast category.
 *
 * Returns: (transfer full) (element-type PilotePipelineForecastRow): the
 *   months in order, then the deals without an expected close date (when
 *   there are some); %NULL on error
 */
GPtrArray *
pilote_pipeline_forecast (PiloteStore                 *store,
                          const PilotePipelineFilter  *filter,
                          GError                     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  sql = g_string_new ("SELECT substr (d.expected_close_on, 1, 7) AS m, count (*),"
                      " coalesce (sum (d.amount), 0), total (d.amount * " PROBABILITY "),"
                      " total (CASE WHEN d.forecast_category = 'commit' THEN d.amount END),"
                      " total (CASE WHEN d.forecast_category = 'commit'"
                      "   OR d.forecast_category = 'best-case' THEN d.amount END)"
                      " FROM deal d WHERE " OPEN_DEALS);
  append_filter (sql, filter, TRUE);
  g_string_append (sql, " GROUP BY m ORDER BY m IS NULL, m");

  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter, NULL);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_pipeline_forecast_row_free);
  while (TRUE)
    {
      PilotePipelineForecastRow *row;

      if (!step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      row = g_new0 (PilotePipelineForecastRow, 1);
      row->month = pilote_column_dup (stmt, 0);
      row->count = sqlite3_column_int64 (stmt, 1);
      row->amount = sqlite3_column_int64 (stmt, 2);
      row->weighted = llround (sqlite3_column_double (stmt, 3));
      row->commit = llround (sqlite3_column_double (stmt, 4));
      row->best_case = llround (sqlite3_column_double (stmt, 5));
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * pilote_pipeline_move_deal:
 * @version: the version of the deal the user saw
 * @stage_id: the stage to move the deal to
 * @lost_reason_id: for a lost stage, why the deal was lost (0: unknown)
 * @competitor_id: for a lost stage, who won it (0: unknown or nobody)
 *
 * Moves a deal to another stage through pilote_store_update (), which
 * records the stage change and sets the status and the won or lost date.
 * Fails with %PILOTE_ERROR_CONFLICT, changing nothing, when someone else
 * changed the deal since the user saw @version.
 */
gboolean
pilote_pipeline_move_deal (PiloteStore  *store,
                           gint64        deal_id,
                           gint64        version,
                           gint64        stage_id,
                           gint64        lost_reason_id,
                           gint64        competitor_id,
                           GError      **error)
{
  g_autoptr(PiloteDeal) deal = NULL;
  g_autoptr(PiloteStage) stage = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (deal_id > 0 && stage_id > 0, FALSE);

  deal = pilote_store_get_deal (store, deal_id, error);
  if (deal == NULL)
    return FALSE;
  if (deal->base.version != version || deal->base.deleted_at != NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                   deal->base.deleted_at != NULL
                     ? _("Not moved: someone else deleted “%s” meanwhile.")
                     : _("Not moved: someone else changed “%s” meanwhile. Check it and "
                         "move it again."),
                   deal->title);
      return FALSE;
    }
  if (deal->stage_id == stage_id)
    return TRUE;

  stage = pilote_store_get_stage (store, stage_id, error);
  if (stage == NULL)
    return FALSE;
  deal->stage_id = stage_id;
  if (stage->kind == PILOTE_STAGE_KIND_LOST)
    {
      deal->lost_reason_id = lost_reason_id;
      if (competitor_id > 0)
        deal->competitor_id = competitor_id;
    }
  return pilote_store_update (store, deal, error);
}
