/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The clients of the last two years: active clients, their yearly margin,
 * the clients that did not renew and the list of them.
 *
 * For the whole company over whole months, they are read from the won
 * deals by client and month (client_month, schema version 11): one row per
 * client of each year, from one index. Otherwise, from one pass over the
 * won deals of the 24 months before the date, each client's figures
 * gathered in C: each deal is read once for both the counts and the list. */

#include "config.h"

#include <string.h>

#include "pilote-kpi-private.h"

typedef struct {
  gint64 client_id;
  gint64 recent;            /* won deals in the last 12 months */
  gint64 earlier;           /* won deals in the 12 months before */
  gint64 earlier_revenue;
  char   last_on[PILOTE_ISO_DATE_LEN];
} ClientYears;

/* what a client bought in the 12 months before, and its latest date then */
typedef struct {
  gint64 revenue;
  char   last_on[PILOTE_ISO_DATE_LEN];
} ClientEarlier;

/* The clients of one pass, by id: in arrays indexed by id when the file's
 * ids are few enough (a look-up is then one read of memory, where a hash
 * table's is several, for each of the hundred thousand deals a team or a
 * region reads), in a hash table for the others. Whether a client won in
 * each year is a byte of its own: the deals of the last year, in no order
 * of their clients, touch only that small array rather than a larger
 * record that the processor's caches do not hold. */
#define DENSE_CLIENT_IDS 200000

enum {
  WON_RECENT = 1 << 0,
  WON_EARLIER = 1 << 1,
};

typedef struct {
  guint8        *won;       /* (nullable) WON_RECENT, WON_EARLIER */
  ClientEarlier *earlier;   /* (nullable) */
  gint64         n_dense;
  GHashTable    *sparse;
} ClientTable;

static gboolean
client_table_init (ClientTable  *table,
                   PiloteStore  *store,
                   GError      **error)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, "SELECT max (id) FROM client",
                                                     error);
  gboolean has_row;
  gint64 max_id;

  memset (table, 0, sizeof *table);
  if (stmt == NULL || !pilote_kpi_step (store, stmt, &has_row, error))
    return FALSE;
  max_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  if (max_id >= 0 && max_id < DENSE_CLIENT_IDS)
    {
      table->n_dense = max_id + 1;
      table->won = g_new0 (guint8, table->n_dense);
      table->earlier = g_new0 (ClientEarlier, table->n_dense);
    }
  table->sparse = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  return TRUE;
}

static void
client_table_clear (ClientTable *table)
{
  g_clear_pointer (&table->won, g_free);
  g_clear_pointer (&table->earlier, g_free);
  g_clear_pointer (&table->sparse, g_hash_table_unref);
}

/* a client of the hash table, zero the first time */
static ClientYears *
client_table_get_sparse (ClientTable *table,
                         gint64       client_id)
{
  ClientYears *client = g_hash_table_lookup (table->sparse, &client_id);

  if (client == NULL)
    {
      client = g_new0 (ClientYears, 1);
      client->client_id = client_id;
      g_hash_table_add (table->sparse, client);
    }
  return client;
}

/* a won deal of the last 12 months; a client added after the arrays were
 * sized goes to the hash table */
static void
client_table_add_recent (ClientTable *table,
                         gint64       client_id)
{
  if (client_id >= 0 && client_id < table->n_dense)
    table->won[client_id] |= WON_RECENT;
  else
    client_table_get_sparse (table, client_id)->recent++;
}

/* a won deal of the 12 months before */
static void
client_table_add_earlier (ClientTable *table,
                          gint64       client_id,
                          gint64       revenue,
                          const char  *closed_on)
{
  gint64 *sum;
  char *last_on;

  if (client_id >= 0 && client_id < table->n_dense)
    {
      table->won[client_id] |= WON_EARLIER;
      sum = &table->earlier[client_id].revenue;
      last_on = table->earlier[client_id].last_on;
    }
  else
    {
      ClientYears *client = client_table_get_sparse (table, client_id);

      client->earlier++;
      sum = &client->earlier_revenue;
      last_on = client->last_on;
    }
  *sum += revenue;
  if (strcmp (closed_on, last_on) > 0)
    g_strlcpy (last_on, closed_on, PILOTE_ISO_DATE_LEN);
}

/* a client that did not renew, before its name is read */
typedef struct {
  gint64 client_id;
  gint64 revenue;
  char   last_on[PILOTE_ISO_DATE_LEN];
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return x->client_id < y->client_id ? -1 : x->client_id > y->client_id;
}

static int
compare_churned (gconstpointer a,
                 gconstpointer b)
{
  const PiloteChurnedClient *x = *(PiloteChurnedClient *const *) a;
  const PiloteChurnedClient *y = *(PiloteChurnedClient *const *) b;

  if (x->revenue_at_stake != y->revenue_at_stake)
    return x->revenue_at_stake > y->revenue_at_stake ? -1 : 1;
  /* as SQLite orders names: byte by byte */
  return strcmp (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

void
pilote_kpi_churned_client_free (gpointer data)
{
  PiloteChurnedClient *client = data;

  g_free (client->name);
  g_free (client->last_won_on);
  g_free (client);
}

/* The @limit clients of @candidates (all when 0) with the largest revenue
 * at stake, then by name; deleted clients are left out. Names are read
 * only for the clients that may be listed. */
static GPtrArray *
list_churned (PiloteStore  *store,
              GArray       *candidates,
              guint         limit,
              GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (pilote_kpi_churned_client_free);
  PiloteStmt *stmt;

  g_array_sort (candidates, compare_candidates);
  stmt = pilote_store_prepare (store,
                               "SELECT name FROM client WHERE id = ? AND deleted_at IS NULL",
                               error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      PiloteChurnedClient *client;
      int rc;

      /* past the limit, only those tied with the last one listed may
       * still come before it by name */
      if (limit > 0 && list->len >= limit &&
          candidate->revenue < ((PiloteChurnedClient *) g_ptr_array_index (list, limit - 1))->revenue_at_stake)
        break;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, candidate->client_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          pilote_store_set_sql_error (store, error);
          sqlite3_reset (stmt);
          return NULL;
        }
      client = g_new0 (PiloteChurnedClient, 1);
      client->client_id = candidate->client_id;
      client->name = pilote_column_dup (stmt, 0);
      client->last_won_on = g_strdup (candidate->last_on);
      client->revenue_at_stake = candidate->revenue;
      g_ptr_array_add (list, client);
    }
  sqlite3_reset (stmt);
  g_ptr_array_sort (list, compare_churned);
  if (limit > 0 && list->len > limit)
    g_ptr_array_set_size (list, limit);
  return g_steal_pointer (&list);
}

/* whether client_month can give the figures: no filter, whole months,
 * the summaries up to date */
static gboolean
use_client_months (PiloteStore           *store,
                   const GDate           *to,
                   const PiloteKpiFilter *filter)
{
  return (filter == NULL || filter->conditions->len == 0) &&
         g_date_get_day (to) == 1 && pilote_kpi_summary_ready (store);
}

/* the rows of client_month of a window of months [?a, ?b) whose next
 * month is at ?c or later: one per client who won a deal in the window and
 * none from its end to ?c. The next months to look up are those with
 * closed deals in the monthly summaries, and none. */
#define LAST_IN_WINDOW(a, b, c) \
  " FROM client_month cm WHERE cm.next_month IN (SELECT month FROM kpi_month" \
  "   WHERE dim = 0 AND month >= " c " UNION SELECT '9999-99')" \
  " AND cm.month >= " a " AND cm.month < " b

/* The figures from client_month; ?1, ?2, ?3: the months two years and one
 * year before the end, and that of the end */
static gboolean
clients_from_months (PiloteStore           *store,
                     const char            *start,
                     const char            *middle,
                     const char            *end,
                     PiloteKpiClientYears  *years,
                     GArray                *candidates,
                     GError               **error)
{
  g_autoptr(PiloteStmt) counts = NULL;
  g_autoptr(PiloteStmt) churned = NULL;
  gboolean has_row;

  /* the active clients of each year, and the margin of the last from the
   * monthly summaries, less that of the deals without a client */
  counts = pilote_store_prepare (store,
                                 "SELECT (SELECT count (*)" LAST_IN_WINDOW ("?2", "?3", "?3") "),"
                                 " (SELECT count (*)" LAST_IN_WINDOW ("?1", "?2", "?2") "),"
                                 " (SELECT coalesce (sum (revenue - cost), 0) FROM kpi_month"
                                 "   WHERE dim = 0 AND month >= ?2 AND month < ?3)"
                                 " - (SELECT coalesce (sum (amount - cost), 0)"
                                 "   FROM deal INDEXED BY deal_client_won_on"
                                 "   WHERE client_id IS NULL AND deleted_at IS NULL"
                                 "   AND status = 'won' AND closed_on >= ?4 AND closed_on < ?5)",
                                 error);
  churned = pilote_store_prepare (store,
                                  "SELECT cm.client_id, cm.last_on,"
                                  " (SELECT sum (x.revenue) FROM client_month x"
                                  "   WHERE x.client_id = cm.client_id"
                                  "   AND x.month >= ?1 AND x.month < ?2)"
                                  LAST_IN_WINDOW ("?1", "?2", "?3"),
                                  error);
  if (counts == NULL || churned == NULL)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      const char *date = i == 0 ? start : i == 1 ? middle : end;

      sqlite3_bind_text (counts, i + 1, date, 7, SQLITE_TRANSIENT);
      sqlite3_bind_text (churned, i + 1, date, 7, SQLITE_TRANSIENT);
    }
  pilote_bind_text (counts, 4, middle);
  pilote_bind_text (counts, 5, end);
  if (!pilote_kpi_step (store, counts, &has_row, error))
    return FALSE;
  g_assert (has_row);
  years->active = sqlite3_column_int64 (counts, 0);
  years->active_before = sqlite3_column_int64 (counts, 1);
  years->recent_margin = sqlite3_column_int64 (counts, 2);

  while (TRUE)
    {
      Candidate candidate = { 0 };
      const char *last_on;

      if (!pilote_kpi_step (store, churned, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      candidate.client_id = sqlite3_column_int64 (churned, 0);
      candidate.revenue = sqlite3_column_int64 (churned, 2);
      last_on = (const char *) sqlite3_column_text (churned, 1);
      g_strlcpy (candidate.last_on, last_on != NULL ? last_on : "", sizeof candidate.last_on);
      years->churned++;
      years->churned_revenue += candidate.revenue;
      if (candidates != NULL)
        g_array_append_val (candidates, candidate);
    }
  return TRUE;
}

/* one client's two years into the counts and sums (a client without a
 * won deal in either counts nowhere) */
static void
tally (const ClientYears    *client,
       PiloteKpiClientYears *years,
       GArray               *candidates)
{
  if (client->recent > 0)
    years->active++;
  if (client->earlier > 0)
    years->active_before++;
  if (client->earlier > 0 && client->recent == 0)
    {
      years->churned++;
      years->churned_revenue += client->earlier_revenue;
      if (candidates != NULL)
        {
          Candidate candidate = { client->client_id, client->earlier_revenue, { 0 } };

          g_strlcpy (candidate.last_on, client->last_on, sizeof candidate.last_on);
          g_array_append_val (candidates, candidate);
        }
    }
}

/**
 * pilote_kpi_clients_over_years:
 * @to: the end of the last 12 months (excluded)
 * @years: (out): the counts and sums
 * @limit: the length of @churned; 0 for every client that did not renew
 * @churned: (out) (optional) (transfer full) (element-type PiloteChurnedClient):
 *   the clients that did not renew, largest revenue at stake first, then
 *   by name; deleted clients are left out
 *
 * Reads the won deals of the filter from 24 months before @to to @to,
 * once, and gathers them by client.
 */
gboolean
pilote_kpi_clients_over_years (PiloteStore            *store,
                               const GDate            *to,
                               const PiloteKpiFilter  *filter,
                               PiloteKpiClientYears   *years,
                               guint                   limit,
                               GPtrArray             **churned,
                               GError                **error)
{
  ClientTable clients;
  g_autoptr(GArray) candidates = NULL;
  g_autofree char *query = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  char start[PILOTE_ISO_DATE_LEN], middle[PILOTE_ISO_DATE_LEN], end[PILOTE_ISO_DATE_LEN];
  GDate two_years_before = *to, one_year_before = *to;
  GHashTableIter iter;
  gpointer value;
  PiloteKpiSql sql;
  gboolean ok = TRUE;
  gboolean has_row;

  memset (years, 0, sizeof *years);
  if (churned != NULL)
    *churned = NULL;
  g_date_subtract_years (&two_years_before, 2);
  g_date_subtract_years (&one_year_before, 1);
  pilote_date_to_iso (&two_years_before, start);
  pilote_date_to_iso (&one_year_before, middle);
  pilote_date_to_iso (to, end);

  if (churned != NULL)
    candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  if (use_client_months (store, to, filter))
    {
      if (!clients_from_months (store, start, middle, end, years, candidates, error))
        return FALSE;
      goto list;
    }

  pilote_kpi_sql_init (&sql, PILOTE_FACT_CLOSED_DEAL, filter, PILOTE_DIMENSION_NONE);
  if (!sql.applicable)
    {
      pilote_kpi_sql_clear (&sql);
      if (churned != NULL)
        *churned = g_ptr_array_new_with_free_func (pilote_kpi_churned_client_free);
      return TRUE;
    }
  /* without lines, the won deals come from their covering index in the
   * order of their clients (schema version 9): one client after another;
   * those of some owners, from the won deals by owner (schema version 15);
   * those of a channel, from the won deals by channel and date (schema
   * version 16): the deals of the channel, then those without a channel
   * whose client is of it; those of a category, from its won deals by
   * date (schema version 17) */
  if (pilote_kpi_filter_is_one (filter, PILOTE_DIMENSION_CHANNEL))
    query = g_strdup ("SELECT d.client_id, d.closed_on, d.amount, d.cost"
                      " FROM deal d INDEXED BY deal_channel_won"
                      " WHERE d.channel_id IN (SELECT ch.id FROM channel ch WHERE ch.name ="
                      "   ?" G_STRINGIFY (PILOTE_KPI_FIRST_FILTER_PARAM) " COLLATE NOCASE)"
                      " AND d.closed_on >= ?1 AND d.closed_on < ?2"
                      " AND d.deleted_at IS NULL AND d.status = 'won' AND d.client_id IS NOT NULL"
                      " UNION ALL"
                      " SELECT d.client_id, d.closed_on, d.amount, d.cost"
                      " FROM deal d INDEXED BY deal_channel_won"
                      " WHERE d.channel_id IS NULL AND d.closed_on >= ?1 AND d.closed_on < ?2"
                      " AND d.deleted_at IS NULL AND d.status = 'won' AND d.client_id IN"
                      "   (SELECT c.id FROM client c JOIN channel ch ON ch.id = c.channel_id"
                      "   WHERE ch.name = ?" G_STRINGIFY (PILOTE_KPI_FIRST_FILTER_PARAM)
                      "   COLLATE NOCASE)");
  else if (sql.of_category)
    pilote_kpi_sql_use_category_index (&sql, "deal_category_won");
  else if (!sql.per_line)
    pilote_kpi_sql_use_index (&sql, pilote_kpi_filter_by_owner (filter) &&
                                    !pilote_kpi_filter_by_client_id (filter)
                                      ? "deal_owner_won" : "deal_client_won_on");
  if (query == NULL)
    query = g_strdup_printf ("SELECT d.client_id, d.closed_on, d.amount, d.cost"
                           " FROM (SELECT d.id, d.client_id, d.closed_on, %s AS amount,"
                           "   %s AS cost %s WHERE d.deleted_at IS NULL AND d.status <> 'open'"
                           "   AND d.closed_on >= ?1 AND d.closed_on < ?2"
                           "   AND d.status = 'won' AND d.client_id IS NOT NULL%s%s) d",
                           sql.amount, sql.cost, sql.from->str, sql.where->str, sql.per_deal);
  pilote_kpi_sql_clear (&sql);

  /* each deal's window told by its date; only what each window counts is
   * read (a deal without an amount, or a cost, adds nothing) */
  wrapped = g_strdup_printf ("SELECT client_id, closed_on, amount, amount - cost FROM (%s)",
                             query);
  stmt = pilote_kpi_prepare (store, wrapped, start, end, filter, error);
  if (stmt == NULL || !client_table_init (&clients, store, error))
    return FALSE;
  while (TRUE)
    {
      gint64 client_id;
      const char *closed_on;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        {
          ok = FALSE;
          break;
        }
      if (!has_row)
        break;
      client_id = sqlite3_column_int64 (stmt, 0);
      closed_on = (const char *) sqlite3_column_text (stmt, 1);
      if (closed_on == NULL)
        continue;
      /* the margin of the last year's deals, every one of a client
       * counted active */
      if (strcmp (closed_on, middle) >= 0)
        {
          years->recent_margin += sqlite3_column_int64 (stmt, 3);
          client_table_add_recent (&clients, client_id);
        }
      else
        client_table_add_earlier (&clients, client_id, sqlite3_column_int64 (stmt, 2),
                                  closed_on);
    }

  if (ok)
    {
      for (gint64 i = 0; i < clients.n_dense; i++)
        if (clients.won[i] != 0)
          {
            ClientYears client = { i, (clients.won[i] & WON_RECENT) != 0,
                                   (clients.won[i] & WON_EARLIER) != 0,
                                   clients.earlier[i].revenue, { 0 } };

            memcpy (client.last_on, clients.earlier[i].last_on, sizeof client.last_on);
            tally (&client, years, candidates);
          }
      g_hash_table_iter_init (&iter, clients.sparse);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        tally (value, years, candidates);
    }
  client_table_clear (&clients);
  if (!ok)
    return FALSE;
list:
  if (churned != NULL)
    {
      *churned = list_churned (store, candidates, limit, error);
      if (*churned == NULL)
        return FALSE;
    }
  return TRUE;
}
