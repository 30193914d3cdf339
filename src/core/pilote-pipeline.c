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
  /* the owner, stage or probability of one walk (walk_page ()), or the
   * ids of the page as a JSON array */
  PARAM_KEY,
};

#define DEFAULT_STALE_DAYS 30

#define OPEN_DEALS "d.deleted_at IS NULL AND d.status = 'open'"
#define OPEN_DEAL_ROW "deleted_at IS NULL AND status = 'open'"

/* whole days since the deal last changed stage (the date it carries,
 * kept by the triggers of stage_change: schema version 10), at ?1 */
#define DAYS_IN_STAGE "CAST (julianday (?1) - julianday (d.stage_changed_on) AS INTEGER)"

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

/* a stage's totals, and its sums before they are weighed */
typedef struct {
  PilotePipelineStageTotals totals;
  double                    weighted;    /* Σ amount × the deal's probability */
  double                    unweighted;  /* Σ amount of the deals without one */
  double                    probability; /* the stage's default */
} Sums;

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
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (Sums));
  g_autoptr(GString) sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  gboolean has_row, by_close;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  /* Read from the summary of the open pipeline by stage and owner, or,
   * when an expected close is chosen, summed here from the deals of the
   * period, read in order from the index of open deals (grouped in SQL,
   * they would be sorted by stage first). The weighted amount of the deals
   * without a probability of their own is their sum times the stage's
   * default, applied once per stage. A deal is stale when it last changed
   * stage (else was created) before the stale cut-off: the same test as
   * DAYS_IN_STAGE > the threshold, without date arithmetic; for each
   * stage, a range of the index of its open deals by that date. */
  by_close = filter != NULL && (filter->close_from != NULL || filter->close_to != NULL);
  sql = g_string_new ("SELECT s.id, coalesce (t.n, 0), coalesce (t.amount, 0),"
                      " coalesce (t.weighted, 0), coalesce (t.unweighted, 0), s.probability,"
                      " (SELECT count (*) FROM deal d INDEXED BY deal_open_stage_changed"
                      "   WHERE d.stage_id = s.id AND " OPEN_DEALS " AND d.stage_changed_on < ?9");
  append_filter (sql, filter, FALSE);
  g_string_append (sql, ") FROM stage s LEFT JOIN (SELECT p.stage_id AS stage_id,"
                        " sum (p.n) AS n, sum (p.amount) AS amount, total (p.weighted) AS weighted,"
                        " total (p.unweighted) AS unweighted FROM pipeline_summary p"
                        " WHERE p.n <> 0");
  /* the summary's groups of the owner or the team (schema version 10) */
  if (by_close)
    g_string_append (sql, " AND 0");
  if (filter != NULL && filter->owner_id > 0)
    g_string_append (sql, " AND p.owner_id = ?2");
  if (filter != NULL && filter->team_id > 0)
    g_string_append (sql, " AND p.owner_id IN (SELECT id FROM member WHERE team_id = ?3)");
  g_string_append (sql, " GROUP BY p.stage_id) t ON t.stage_id = s.id"
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
      Sums row = { 0 };

      if (!step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      row.totals.stage_id = sqlite3_column_int64 (stmt, 0);
      row.totals.count = sqlite3_column_int64 (stmt, 1);
      row.totals.amount = sqlite3_column_int64 (stmt, 2);
      row.weighted = sqlite3_column_double (stmt, 3);
      row.unweighted = sqlite3_column_double (stmt, 4);
      row.probability = sqlite3_column_double (stmt, 5);
      row.totals.stale = sqlite3_column_int64 (stmt, 6);
      g_array_append_val (sums, row);
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  if (by_close)
    {
      g_autoptr(GString) deals = g_string_new ("SELECT d.stage_id, d.amount, d.probability"
                                               " FROM deal d WHERE " OPEN_DEALS);

      append_filter (deals, filter, TRUE);
      stmt = pilote_store_prepare (store, deals->str, error);
      if (stmt == NULL)
        return NULL;
      bind_filter (stmt, filter, today);
      while (TRUE)
        {
          gint64 stage_id, amount;

          if (!step (store, stmt, &has_row, error))
            return NULL;
          if (!has_row)
            break;
          stage_id = sqlite3_column_int64 (stmt, 0);
          amount = sqlite3_column_int64 (stmt, 1);
          for (guint i = 0; i < sums->len; i++)
            {
              Sums *row = &g_array_index (sums, Sums, i);

              if (row->totals.stage_id != stage_id)
                continue;
              row->totals.count++;
              row->totals.amount += amount;
              if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
                row->unweighted += (double) amount;
              else
                row->weighted += (double) amount * sqlite3_column_double (stmt, 2);
              break;
            }
        }
    }

  for (guint i = 0; i < sums->len; i++)
    {
      Sums *row = &g_array_index (sums, Sums, i);

      row->totals.weighted = llround (row->weighted + row->unweighted * row->probability);
      g_array_append_val (totals, row->totals);
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
 * holds. By client, the clients are walked in the index of their names
 * and their open deals looked up. Each walk stops at the end of the page;
 * the deals without a value come after (they have their own part of the
 * union), and the few rows of both parts are sorted again. By days in
 * stage, the index of open deals by the date of their last stage change is
 * walked. Title and amount have indexes of their own that SQLite walks;
 * owner, stage and probability are walked in C (walk_page ()). */
static void
append_page (GString                    *sql,
             const PilotePipelineFilter *filter,
             gint64                      stage_id,
             PilotePipelineSort          sort,
             const char                 *dir,
             const char                 *order)
{
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
  else if (sort == PILOTE_PIPELINE_SORT_CLIENT)
    {
      /* CROSS JOIN keeps the clients as the outer loop; each one's open
       * deals, with the columns of the filters, are in the index of open
       * deals by client (schema version 10): the deals of one owner or
       * team too are found without reading the others */
      g_string_append (sql, "SELECT id, k FROM (SELECT * FROM (SELECT d.id AS id, c.name AS k"
                            " FROM client c CROSS JOIN deal d INDEXED BY deal_open_client"
                            " ON d.client_id = c.id AND d.status = 'open'"
                            " WHERE d.deleted_at IS NULL");
      append_conditions (sql, filter, stage_id, FALSE);
      g_string_append_printf (sql, " ORDER BY c.name COLLATE NOCASE %s, d.id %s LIMIT ?7 + ?8)"
                                   " UNION ALL SELECT * FROM (SELECT d.id, NULL FROM deal d"
                                   " INDEXED BY deal_open_client"
                                   " WHERE " OPEN_DEALS " AND d.client_id IS NULL",
                              dir, dir);
      append_conditions (sql, filter, stage_id, FALSE);
      g_string_append_printf (sql, " ORDER BY d.id %s LIMIT ?7 + ?8))", dir);
    }
  else if (sort == PILOTE_PIPELINE_SORT_DAYS_IN_STAGE)
    {
      /* fewer days is a later date: the index of open deals by the date of
       * their last stage change (ids in the other direction within a day)
       * is walked backwards for the ascending order, forwards for the
       * descending one */
      g_string_append (sql, "SELECT id, k FROM (SELECT d.id AS id, " DAYS_IN_STAGE " AS k"
                            " FROM deal d INDEXED BY deal_open_changed WHERE " OPEN_DEALS);
      append_conditions (sql, filter, stage_id, FALSE);
      g_string_append_printf (sql, " ORDER BY d.stage_changed_on %s, d.id %s LIMIT ?7 + ?8)",
                              g_str_equal (dir, "DESC") ? "ASC" : "DESC", dir);
    }
  else
    {
      g_string_append_printf (sql, "SELECT d.id AS id, %s AS k FROM deal d WHERE " OPEN_DEALS,
                              sort_keys[sort].key);
      append_conditions (sql, filter, stage_id, TRUE);
    }
  g_string_append_printf (sql, " ORDER BY %s LIMIT ?7 OFFSET ?8", order);
}

/* Walks: the orders by a key of another table (the owner's name, the
 * stage's position, the probability of the deal else of its stage). The
 * keys are few: they are walked in order, in C, as groups of deals with
 * the same key (owners of the same name, stages of the same position, the
 * deals of a probability and those without one in the stages of that
 * default); within a group the deals come by id. Each source of a group is
 * one range of a partial index of open deals that holds the key then the
 * id (schema version 10), with the columns the filters test: the first
 * page reads as many entries as it shows. The groups before the page are
 * counted, not read. The deals without a key (no owner) come last. */

typedef struct {
  const char *index;  /* INDEXED BY */
  const char *where;  /* the source's condition, on ?10 */
  gboolean    real;
  gint64      id;
  double      value;
} Source;

typedef struct {
  PiloteStore                *store;
  const PilotePipelineFilter *filter;
  gint64                      stage_id;
  gboolean                    descending;
  GArray                     *sources;  /* of the group at hand */
} Walk;

static void
add_source (Walk       *walk,
            const char *index,
            const char *where,
            gint64      id,
            gboolean    real,
            double      value)
{
  Source source = { index, where, real, id, value };

  g_array_append_val (walk->sources, source);
}

static PiloteStmt *
prepare_source (Walk          *walk,
                const Source  *source,
                gboolean       count,
                GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  PiloteStmt *stmt;

  g_string_append_printf (sql, "SELECT %s FROM deal d INDEXED BY %s WHERE " OPEN_DEALS " AND %s",
                          count ? "count (*)" : "d.id", source->index, source->where);
  append_conditions (sql, walk->filter, walk->stage_id, FALSE);
  if (!count)
    g_string_append_printf (sql, " ORDER BY d.id %s LIMIT ?7",
                            walk->descending ? "DESC" : "ASC");
  stmt = pilote_store_prepare (walk->store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, walk->filter, NULL);
  if (walk->stage_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_STAGE, walk->stage_id);
  if (source->real)
    sqlite3_bind_double (stmt, PARAM_KEY, source->value);
  else
    sqlite3_bind_int64 (stmt, PARAM_KEY, source->id);
  return stmt;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static int
compare_ids_descending (gconstpointer a,
                        gconstpointer b)
{
  return compare_ids (b, a);
}

/* Adds to @page the deals of the group in walk->sources that the page
 * holds; @skip: how many deals of the walk are still before the page */
static gboolean
walk_group (Walk     *walk,
            GArray   *page,
            guint     limit,
            guint64  *skip,
            GError  **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean has_row;
  guint64 take;

  if (walk->sources->len == 0 || page->len >= limit)
    return TRUE;
  if (*skip > 0)
    {
      guint64 n = 0;

      for (guint i = 0; i < walk->sources->len; i++)
        {
          g_autoptr(PiloteStmt) stmt = prepare_source (walk, &g_array_index (walk->sources,
                                                                             Source, i),
                                                       TRUE, error);

          if (stmt == NULL || !step (walk->store, stmt, &has_row, error))
            return FALSE;
          n += (guint64) sqlite3_column_int64 (stmt, 0);
        }
      if (n <= *skip)
        {
          *skip -= n;
          return TRUE;
        }
    }

  take = *skip + (limit - page->len);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < walk->sources->len; i++)
    {
      g_autoptr(PiloteStmt) stmt = prepare_source (walk, &g_array_index (walk->sources, Source, i),
                                                   FALSE, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, PARAM_LIMIT, (gint64) MIN (take, G_MAXINT64));
      while (TRUE)
        {
          gint64 id;

          if (!step (walk->store, stmt, &has_row, error))
            return FALSE;
          if (!has_row)
            break;
          id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  if (walk->sources->len > 1)
    g_array_sort (ids, walk->descending ? compare_ids_descending : compare_ids);
  for (guint64 i = *skip; i < ids->len && page->len < limit; i++)
    g_array_append_val (page, g_array_index (ids, gint64, i));
  *skip = *skip > ids->len ? *skip - ids->len : 0;
  return TRUE;
}

/* the owners' names, then the deals without an owner */
static gboolean
walk_owners (Walk     *walk,
             GArray   *page,
             guint     limit,
             guint64  *skip,
             GError  **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;
  guint i = 0;

  stmt = pilote_store_prepare (walk->store,
                               walk->descending
                                 ? "SELECT id, name FROM member ORDER BY name COLLATE NOCASE DESC,"
                                   " id DESC"
                                 : "SELECT id, name FROM member ORDER BY name COLLATE NOCASE, id",
                               error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      gint64 id;

      if (!step (walk->store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (owners, id);
      g_ptr_array_add (names, pilote_column_dup (stmt, 1));
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  while (i < owners->len && page->len < limit)
    {
      guint j = i;

      /* the owners of the same name (as NOCASE compares) are one group */
      g_array_set_size (walk->sources, 0);
      for (; j < owners->len && g_ascii_strcasecmp (g_ptr_array_index (names, i),
                                                    g_ptr_array_index (names, j)) == 0; j++)
        add_source (walk, "deal_open_owner", "d.owner_id = ?10",
                    g_array_index (owners, gint64, j), FALSE, 0);
      if (!walk_group (walk, page, limit, skip, error))
        return FALSE;
      i = j;
    }
  g_array_set_size (walk->sources, 0);
  add_source (walk, "deal_open_owner", "d.owner_id IS NULL", 0, FALSE, 0);
  return walk_group (walk, page, limit, skip, error);
}

/* the stages by position */
static gboolean
walk_stages (Walk     *walk,
             GArray   *page,
             guint     limit,
             guint64  *skip,
             GError  **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GArray) stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;
  guint i = 0;

  stmt = pilote_store_prepare (walk->store,
                               walk->descending
                                 ? "SELECT id, position FROM stage ORDER BY position DESC, id DESC"
                                 : "SELECT id, position FROM stage ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      gint64 id, position;

      if (!step (walk->store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      position = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (stages, id);
      g_array_append_val (positions, position);
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  while (i < stages->len && page->len < limit)
    {
      guint j = i;

      g_array_set_size (walk->sources, 0);
      for (; j < stages->len && g_array_index (positions, gint64, j) ==
                                  g_array_index (positions, gint64, i); j++)
        add_source (walk, "deal_open_stage", "d.stage_id = ?10",
                    g_array_index (stages, gint64, j), FALSE, 0);
      if (!walk_group (walk, page, limit, skip, error))
        return FALSE;
      i = j;
    }
  return TRUE;
}

/* the probabilities, each the deals of that probability and those
 * without one in the stages of that default; the probabilities of the
 * deals are found one after the other in their index */
static gboolean
walk_probabilities (Walk     *walk,
                    GArray   *page,
                    guint     limit,
                    guint64  *skip,
                    GError  **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GArray) stages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) defaults = g_array_new (FALSE, FALSE, sizeof (double));
  const char *next_sql = walk->descending
                           ? "SELECT max (probability) FROM deal INDEXED BY deal_open_probability"
                             " WHERE " OPEN_DEAL_ROW " AND probability < ?1"
                           : "SELECT min (probability) FROM deal INDEXED BY deal_open_probability"
                             " WHERE " OPEN_DEAL_ROW " AND probability > ?1";
  gboolean has_row, has_next;
  double next, last = walk->descending ? G_MAXDOUBLE : -G_MAXDOUBLE;
  guint i = 0;

  stmt = pilote_store_prepare (walk->store,
                               walk->descending
                                 ? "SELECT id, probability FROM stage ORDER BY probability DESC"
                                 : "SELECT id, probability FROM stage ORDER BY probability",
                               error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      gint64 id;
      double p;

      if (!step (walk->store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      p = sqlite3_column_double (stmt, 1);
      g_array_append_val (stages, id);
      g_array_append_val (defaults, p);
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  while (page->len < limit)
    {
      double p;

      /* the next probability of a deal, after the last key walked */
      stmt = pilote_store_prepare (walk->store, next_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_double (stmt, 1, last);
      if (!step (walk->store, stmt, &has_row, error))
        return FALSE;
      has_next = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      next = sqlite3_column_double (stmt, 0);
      g_clear_pointer (&stmt, pilote_stmt_release);

      /* the next key: that one, or a stage's default that comes first */
      if (i < stages->len &&
          (!has_next || (walk->descending ? g_array_index (defaults, double, i) >= next
                                          : g_array_index (defaults, double, i) <= next)))
        p = g_array_index (defaults, double, i);
      else if (has_next)
        p = next;
      else
        break;

      g_array_set_size (walk->sources, 0);
      if (has_next && next == p)
        add_source (walk, "deal_open_probability", "d.probability = ?10", 0, TRUE, p);
      for (; i < stages->len && g_array_index (defaults, double, i) == p; i++)
        add_source (walk, "deal_open_stage", "d.stage_id = ?10 AND d.probability IS NULL",
                    g_array_index (stages, gint64, i), FALSE, 0);
      if (!walk_group (walk, page, limit, skip, error))
        return FALSE;
      last = p;
    }
  return TRUE;
}

/* Returns: the ids of the page, as a JSON array, or %NULL on error */
static char *
walk_page (PiloteStore                 *store,
           const PilotePipelineFilter  *filter,
           gint64                       stage_id,
           PilotePipelineSort           sort,
           gboolean                     descending,
           guint                        limit,
           guint                        offset,
           GError                     **error)
{
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (Source));
  g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) json = g_string_new ("[");
  Walk walk = { store, filter, stage_id, descending, sources };
  guint64 skip = offset;
  gboolean ok;

  if (sort == PILOTE_PIPELINE_SORT_OWNER)
    ok = walk_owners (&walk, page, limit, &skip, error);
  else if (sort == PILOTE_PIPELINE_SORT_STAGE)
    ok = walk_stages (&walk, page, limit, &skip, error);
  else
    ok = walk_probabilities (&walk, page, limit, &skip, error);
  if (!ok)
    return NULL;
  for (guint i = 0; i < page->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (page, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
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
  g_autofree char *walked = NULL;
  const char *dir = descending ? "DESC" : "ASC";
  gint64 stale_days;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_keys), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (sort == PILOTE_PIPELINE_SORT_OWNER || sort == PILOTE_PIPELINE_SORT_STAGE ||
      sort == PILOTE_PIPELINE_SORT_PROBABILITY)
    {
      walked = walk_page (store, filter, stage_id, sort, descending, limit, offset, error);
      if (walked == NULL)
        return NULL;
    }

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
  if (walked != NULL)
    {
      /* the ids of the walk, in the order of the page */
      g_string_append (sql, "SELECT value AS id, key AS k FROM json_each (?10)");
      g_free (page_order);
      page_order = g_strdup ("p.k");
    }
  else
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
  if (walked != NULL)
    sqlite3_bind_text (stmt, PARAM_KEY, walked, -1, SQLITE_STATIC);
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
