/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pilote-kpi-private.h"
#include "pilote-kpi-summary-sql.h"

/* The monthly summaries of closed deals: writing them (suspended during a
 * bulk write, rebuilt after it) and the SQL that reads them. What they
 * hold is described in pilote-kpi-summary-sql.h. */

/**
 * pilote_kpi_summary_suspend:
 *
 * In a write transaction about to write many deals: the triggers stop
 * keeping the summaries in step and list the months the writes touch
 * instead. pilote_kpi_summary_resume () must follow in the same
 * transaction, before it commits.
 */
gboolean
pilote_kpi_summary_suspend (PiloteStore  *store,
                            GError      **error)
{
  return pilote_store_exec (store, "UPDATE kpi_state SET suspended = 1", error);
}

/* The rebuild of a range of months: one pass over its closed deals with
 * their client and lines, summed here into the rows of kpi_month. */

/* a value of a dimension: an id, a text or none */
typedef struct {
  int         type;       /* SQLITE_INTEGER, SQLITE_TEXT or SQLITE_NULL */
  gint64      id;
  const char *text;
} KeyValue;

typedef struct {
  gint64  revenue, cost, won, lost, cycle_count;
  double  cycle_days;
} Sums;

typedef struct {
  char      month[8];
  gint64    owner;
  gint64    segment;
  int       dim;
  KeyValue  key, key2;   /* texts owned */
  Sums      sums;
} SummaryRow;

static const KeyValue no_key = { SQLITE_NULL, 0, NULL };

static void
summary_row_free (gpointer data)
{
  SummaryRow *row = data;

  g_free ((char *) row->key.text);
  g_free ((char *) row->key2.text);
  g_free (row);
}

static KeyValue
column_key (sqlite3_stmt *stmt,
            int           column)
{
  KeyValue key = { sqlite3_column_type (stmt, column), 0, NULL };

  if (key.type == SQLITE_INTEGER)
    key.id = sqlite3_column_int64 (stmt, column);
  else if (key.type != SQLITE_NULL)
    {
      key.type = SQLITE_TEXT;
      key.text = (const char *) sqlite3_column_text (stmt, column);
    }
  return key;
}

static gboolean
key_equal (const KeyValue *a,
           const KeyValue *b)
{
  return a->type == b->type && a->id == b->id && g_strcmp0 (a->text, b->text) == 0;
}

static void
add_sums (Sums       *to,
          const Sums *sums)
{
  to->revenue += sums->revenue;
  to->cost += sums->cost;
  to->won += sums->won;
  to->lost += sums->lost;
  to->cycle_days += sums->cycle_days;
  to->cycle_count += sums->cycle_count;
}

/* a value mixed into a hash, each bit of it reaching every bit of the
 * result (the rows differ by small numbers in several fields) */
static guint64
hash_mix (guint64 hash,
          guint64 value)
{
  hash ^= value + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (hash << 6) + (hash >> 2);
  hash ^= hash >> 31;
  hash *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  return hash ^ (hash >> 29);
}

static guint64
key_hash (guint64         hash,
          const KeyValue *key)
{
  if (key->type == SQLITE_INTEGER)
    return hash_mix (hash, (guint64) key->id);
  if (key->type == SQLITE_TEXT)
    return hash_mix (hash, g_str_hash (key->text) ^ (G_GUINT64_CONSTANT (0x5bd1e995) << 32));
  return hash_mix (hash, 1);
}

/* rows are found by their own fields: no key string to build for each */
static guint
summary_row_hash (gconstpointer data)
{
  const SummaryRow *row = data;
  guint64 hash = hash_mix (g_str_hash (row->month), (guint64) row->owner);

  hash = hash_mix (hash, (guint64) row->segment);
  hash = hash_mix (hash, (guint64) row->dim);
  hash = key_hash (key_hash (hash, &row->key), &row->key2);
  return (guint) (hash ^ (hash >> 32));
}

static gboolean
summary_row_equal (gconstpointer a,
                   gconstpointer b)
{
  const SummaryRow *x = a, *y = b;

  return x->owner == y->owner && x->segment == y->segment && x->dim == y->dim &&
         key_equal (&x->key, &y->key) && key_equal (&x->key2, &y->key2) &&
         strcmp (x->month, y->month) == 0;
}

static void
add_to_row (GHashTable     *rows,
            const char     *month,
            gint64          owner,
            gint64          segment,
            int             dim,
            const KeyValue *key,
            const KeyValue *key2,
            const Sums     *sums)
{
  SummaryRow probe = { "", owner, segment, dim, *key, *key2, { 0 } };
  SummaryRow *row;

  g_strlcpy (probe.month, month, sizeof probe.month);
  row = g_hash_table_lookup (rows, &probe);
  if (row == NULL)
    {
      row = g_new0 (SummaryRow, 1);
      *row = probe;
      row->key.text = g_strdup (key->text);
      row->key2.text = g_strdup (key2->text);
      g_hash_table_add (rows, row);
    }
  add_sums (&row->sums, sums);
}

/* the columns of the pass */
enum {
  COL_ID, COL_MONTH, COL_OWNER, COL_WON, COL_AMOUNT, COL_COST, COL_DAYS,
  COL_SEGMENT, COL_SECTOR, COL_REGION, COL_COUNTRY, COL_CHANNEL,
  COL_HAS_LINE, COL_PRODUCT, COL_CATEGORY, COL_LINE_AMOUNT, COL_LINE_COST,
};

/* the deal being read, and the sums of its lines by product and category */
typedef struct {
  gint64    id;
  char      month[8];
  gint64    owner;
  gint64    segment;   /* 0 for none */
  gboolean  won;
  double    days;
  KeyValue  whole_days;   /* a won deal's whole days, or none */
  gint64    amount, cost;
  char     *region;
  KeyValue  channel;   /* text owned */
  GArray   *lines;   /* LineSum */
} Deal;

typedef struct {
  int       dim;
  KeyValue  key, key2;   /* texts owned */
  gint64    amount, cost;
} LineSum;

static Sums
deal_sums (const Deal *deal,
           gint64      amount,
           gint64      cost)
{
  Sums sums = { 0 };

  sums.revenue = deal->won ? amount : 0;
  sums.cost = deal->won ? cost : 0;
  sums.won = deal->won;
  sums.lost = !deal->won;
  sums.cycle_days = deal->won ? deal->days : 0;
  sums.cycle_count = deal->won;
  return sums;
}

static void
add_line (Deal           *deal,
          int             dim,
          const KeyValue *key,
          const KeyValue *key2,
          gint64          amount,
          gint64          cost)
{
  LineSum line = { dim, *key, *key2, amount, cost };

  for (guint i = 0; i < deal->lines->len; i++)
    {
      LineSum *sum = &g_array_index (deal->lines, LineSum, i);

      if (sum->dim == dim && key_equal (&sum->key, key) && key_equal (&sum->key2, key2))
        {
          sum->amount += amount;
          sum->cost += cost;
          return;
        }
    }
  line.key.text = g_strdup (key->text);
  line.key2.text = g_strdup (key2->text);
  g_array_append_val (deal->lines, line);
}

/* the deal's region as a value of a dimension */
static KeyValue
deal_region (const Deal *deal)
{
  KeyValue region = { deal->region != NULL ? SQLITE_TEXT : SQLITE_NULL, 0, deal->region };

  return region;
}

/* a deal read whole: its rows of products and categories, or those of
 * none when it has no lines */
static void
finish_deal (GHashTable *rows,
             Deal       *deal)
{
  if (deal->lines->len == 0)
    {
      KeyValue region = deal_region (deal);
      Sums sums = deal_sums (deal, deal->amount, deal->cost);

      add_to_row (rows, deal->month, deal->owner, deal->segment, 6, &no_key, &no_key, &sums);
      add_to_row (rows, deal->month, deal->owner, deal->segment, 7, &no_key, &no_key, &sums);
      add_to_row (rows, deal->month, deal->owner, deal->segment, 10, &region, &no_key, &sums);
      add_to_row (rows, deal->month, deal->owner, deal->segment, 11, &deal->channel, &no_key,
                  &sums);
      add_to_row (rows, deal->month, deal->owner, deal->segment, 14, &no_key,
                  &deal->whole_days, &sums);
    }
  for (guint i = 0; i < deal->lines->len; i++)
    {
      LineSum *line = &g_array_index (deal->lines, LineSum, i);
      Sums sums = deal_sums (deal, line->amount, line->cost);

      add_to_row (rows, deal->month, deal->owner, deal->segment, line->dim, &line->key,
                  &line->key2, &sums);
      g_free ((char *) line->key.text);
      g_free ((char *) line->key2.text);
    }
  g_array_set_size (deal->lines, 0);
  g_clear_pointer (&deal->region, g_free);
  g_clear_pointer ((char **) &deal->channel.text, g_free);
}

/* reads the deals of [from, to) into rows */
static gboolean
sum_deals (PiloteStore  *store,
           const char   *from,
           const char   *to,
           gboolean      many,
           GHashTable   *rows,
           GError      **error)
{
  g_autoptr(PiloteStmt) pass = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (LineSum));
  Deal deal = { -1, "", 0, 0, FALSE, 0, { SQLITE_NULL, 0, NULL }, 0, 0, NULL,
                { SQLITE_NULL, 0, NULL }, lines };
  int rc;

  /* each deal's rows one after the other, one per line (or one without) */
  /* many months: the deals read in the order of the table, rather than
   * through the index of closed deals, a look-up each, in random order */
#define PASS_SQL(deals) \
  "SELECT d.id, substr (d.closed_on, 1, 7), coalesce (d.owner_id, 0)," \
  " d.status = 'won', d.amount, d.cost," \
  " julianday (d.closed_on) - julianday (d.created_on)," \
  " c.segment_id, c.sector, c.region, c.country," \
  " " PILOTE_KPI_CHANNEL "," \
  " l.id IS NOT NULL, p.id, p.category, l.amount, l.cost" \
  " FROM " deals " LEFT JOIN client c ON c.id = d.client_id" \
  " LEFT JOIN deal_line l ON l.deal_id = d.id AND l.deleted_at IS NULL" \
  " LEFT JOIN product p ON p.id = l.product_id" \
  " WHERE d.closed_on >= ?1 AND d.closed_on < ?2" \
  " AND d.deleted_at IS NULL AND d.status <> 'open'"
  pass = pilote_store_prepare (store, many ? PASS_SQL ("deal d NOT INDEXED") : PASS_SQL ("deal d"),
                               error);
#undef PASS_SQL
  if (pass == NULL)
    return FALSE;
  pilote_bind_text (pass, 1, from);
  pilote_bind_text (pass, 2, to);

  while ((rc = sqlite3_step (pass)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (pass, COL_ID);

      if (id != deal.id)
        {
          static const int dims[] = { COL_SEGMENT, COL_SECTOR, COL_REGION, COL_COUNTRY,
                                      COL_CHANNEL };
          KeyValue region, channel;
          Sums sums;

          if (deal.id >= 0)
            finish_deal (rows, &deal);
          deal.id = id;
          g_strlcpy (deal.month, (const char *) sqlite3_column_text (pass, COL_MONTH),
                     sizeof deal.month);
          deal.owner = sqlite3_column_int64 (pass, COL_OWNER);
          deal.segment = sqlite3_column_int64 (pass, COL_SEGMENT);
          deal.won = sqlite3_column_int (pass, COL_WON);
          /* a NULL as 0, as coalesce (…, 0) in SQL */
          deal.days = sqlite3_column_double (pass, COL_DAYS);
          deal.amount = sqlite3_column_int64 (pass, COL_AMOUNT);
          deal.cost = sqlite3_column_int64 (pass, COL_COST);

          /* dimension 0, then 1 to 5: the deal's values or its client's */
          sums = deal_sums (&deal, deal.amount, deal.cost);
          add_to_row (rows, deal.month, deal.owner, deal.segment, 0, &no_key, &no_key, &sums);
          for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
            {
              KeyValue key = column_key (pass, dims[i]);

              add_to_row (rows, deal.month, deal.owner, deal.segment, (int) i + 1, &key,
                          &no_key, &sums);
            }
          /* a won deal's whole days, as CAST (… AS INTEGER) */
          deal.whole_days = no_key;
          if (deal.won && sqlite3_column_type (pass, COL_DAYS) != SQLITE_NULL)
            {
              deal.whole_days.type = SQLITE_INTEGER;
              deal.whole_days.id = (gint64) deal.days;
            }
          add_to_row (rows, deal.month, deal.owner, deal.segment, PILOTE_KPI_CYCLE_DIM,
                      &deal.whole_days, &no_key, &sums);
          /* and the region and the channel, with each other and with the
           * days (the channel is an id: kept as it is for the lines) */
          region = column_key (pass, COL_REGION);
          channel = column_key (pass, COL_CHANNEL);
          deal.region = g_strdup (region.text);
          deal.channel = channel;
          deal.channel.text = g_strdup (channel.text);
          add_to_row (rows, deal.month, deal.owner, deal.segment, 9, &region, &channel, &sums);
          add_to_row (rows, deal.month, deal.owner, deal.segment, 12, &region,
                      &deal.whole_days, &sums);
          add_to_row (rows, deal.month, deal.owner, deal.segment, 13, &channel,
                      &deal.whole_days, &sums);
        }
      if (sqlite3_column_int (pass, COL_HAS_LINE))
        {
          KeyValue product = column_key (pass, COL_PRODUCT);
          KeyValue category = column_key (pass, COL_CATEGORY);
          KeyValue region = deal_region (&deal);
          gint64 amount = sqlite3_column_int64 (pass, COL_LINE_AMOUNT);
          gint64 cost = sqlite3_column_int64 (pass, COL_LINE_COST);

          add_line (&deal, 6, &product, &no_key, amount, cost);
          add_line (&deal, 7, &category, &no_key, amount, cost);
          add_line (&deal, 10, &region, &category, amount, cost);
          add_line (&deal, 11, &deal.channel, &category, amount, cost);
          add_line (&deal, 14, &category, &deal.whole_days, amount, cost);
        }
    }
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < lines->len; i++)
        {
          g_free ((char *) g_array_index (lines, LineSum, i).key.text);
          g_free ((char *) g_array_index (lines, LineSum, i).key2.text);
        }
      g_free (deal.region);
      g_free ((char *) deal.channel.text);
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  if (deal.id >= 0)
    finish_deal (rows, &deal);
  return TRUE;
}

static void
bind_key (sqlite3_stmt   *stmt,
          int             param,
          const KeyValue *key)
{
  if (key->type == SQLITE_INTEGER)
    sqlite3_bind_int64 (stmt, param, key->id);
  else if (key->type == SQLITE_TEXT)
    sqlite3_bind_text (stmt, param, key->text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, param);
}

static gboolean
rebuild_range (PiloteStore  *store,
               const char   *first,
               const char   *last,
               GError      **error)
{
  g_autoptr(PiloteStmt) clear = NULL;
  g_autoptr(PiloteStmt) insert = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (summary_row_hash, summary_row_equal,
                                                      summary_row_free, NULL);
  char from[PILOTE_ISO_DATE_LEN + 4], to[PILOTE_ISO_DATE_LEN + 4];
  GHashTableIter iter;
  SummaryRow *row;
  int year, month, first_year, first_month, n_months;

  /* months "YYYY-MM": from the first day of first to that after last */
  if (sscanf (first, "%d-%d", &first_year, &first_month) != 2)
    first_year = 0, first_month = 1;
  if (sscanf (last, "%d-%d", &year, &month) != 2)
    year = 9999, month = 12;
  n_months = (year - first_year) * 12 + (month - first_month) + 1;
  month++;
  if (month > 12 && year < 9999)
    month = 1, year++;
  g_snprintf (from, sizeof from, "%.7s-01", first);
  g_snprintf (to, sizeof to, "%04d-%02d-01", year, month);

  clear = pilote_store_prepare (store,
                                "DELETE FROM kpi_month WHERE month >= substr (?1, 1, 7)"
                                " AND month < substr (?2, 1, 7)", error);
  if (clear == NULL)
    return FALSE;
  pilote_bind_text (clear, 1, from);
  pilote_bind_text (clear, 2, to);
  if (!pilote_store_step_done (store, clear, error) ||
      !sum_deals (store, from, to, n_months > 12, rows, error))
    return FALSE;

  insert = pilote_store_prepare (store,
                                 "INSERT INTO kpi_month (month, owner_id, dim, key, revenue, cost,"
                                 " won, lost, cycle_days, cycle_count, segment_id, key2)"
                                 " VALUES (?1, ?2, ?3, coalesce (?4, x''), ?5, ?6, ?7, ?8, ?9, ?10,"
                                 " ?11, coalesce (?12, x''))",
                                 error);
  if (insert == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, row->month, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, row->owner);
      sqlite3_bind_int (insert, 3, row->dim);
      bind_key (insert, 4, &row->key);
      bind_key (insert, 12, &row->key2);
      sqlite3_bind_int64 (insert, 5, row->sums.revenue);
      sqlite3_bind_int64 (insert, 6, row->sums.cost);
      sqlite3_bind_int64 (insert, 7, row->sums.won);
      sqlite3_bind_int64 (insert, 8, row->sums.lost);
      sqlite3_bind_double (insert, 9, row->sums.cycle_days);
      sqlite3_bind_int64 (insert, 10, row->sums.cycle_count);
      sqlite3_bind_int64 (insert, 11, row->segment);
      if (!pilote_store_step_done (store, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* The rows of client_month of the clients whose won deals moved in the
 * months of kpi_dirty (or of every client), summed again from their deals */
static gboolean
sum_clients (PiloteStore  *store,
             gboolean      every_client,
             GError      **error)
{
  if (every_client)
    return pilote_store_exec (store,
                              "DELETE FROM client_month;"
                              PILOTE_CLIENT_MONTH_SUM ("true"), error);
  return pilote_store_exec (store,
                            "CREATE TEMP TABLE IF NOT EXISTS client_month_touched"
                            " (client_id INTEGER PRIMARY KEY);"
                            "DELETE FROM temp.client_month_touched;"
                            "INSERT OR IGNORE INTO temp.client_month_touched"
                            " SELECT client_id FROM client_month"
                            " WHERE month IN (SELECT month FROM kpi_dirty);"
                            "INSERT OR IGNORE INTO temp.client_month_touched"
                            " SELECT d.client_id FROM deal d WHERE " PILOTE_CLIENT_MONTH_WON
                            " AND d.closed_on >= (SELECT min (month) FROM kpi_dirty)"
                            " AND d.closed_on < (SELECT max (month) FROM kpi_dirty) || '-99'"
                            " AND substr (d.closed_on, 1, 7) IN (SELECT month FROM kpi_dirty);"
                            "DELETE FROM client_month"
                            " WHERE client_id IN temp.client_month_touched;"
                            PILOTE_CLIENT_MONTH_SUM ("d.client_id IN temp.client_month_touched")
                            "DELETE FROM temp.client_month_touched;", error);
}

/* From this many deals to sum by category, the indexes that hold what the
 * sum writes are built again after it rather than kept in step row by
 * row (a demo of a million deals: 28 s instead of 37) */
#define CATEGORY_REBUILD_MIN_DEALS 50000

/**
 * pilote_kpi_summary_sum_categories:
 *
 * Sums again by category the deals listed in category_dirty, and the
 * categories of their stage changes (pilote-kpi-summary-sql.h), in the
 * write transaction under way.
 */
gboolean
pilote_kpi_summary_sum_categories (PiloteStore  *store,
                                   GError      **error)
{
  g_autoptr(PiloteStmt) count = NULL;
  g_autoptr(PiloteStmt) indexes = NULL;
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row;
  gint64 n;
  int rc;

  count = pilote_store_prepare (store, "SELECT count (*) FROM category_dirty", error);
  if (count == NULL || !pilote_kpi_step (store, count, &has_row, error))
    return FALSE;
  n = has_row ? sqlite3_column_int64 (count, 0) : 0;
  /* no statement may be under way when an index is dropped */
  g_clear_pointer (&count, pilote_stmt_release);
  if (n == 0)
    return TRUE;
  if (n >= CATEGORY_REBUILD_MIN_DEALS)
    {
      /* their SQL is the schema's own */
      indexes = pilote_store_prepare (store,
                                      "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                      " AND sql IS NOT NULL AND (tbl_name = 'deal_category'"
                                      " OR name = 'stage_change_to')", error);
      if (indexes == NULL)
        return FALSE;
      while ((rc = sqlite3_step (indexes)) == SQLITE_ROW)
        {
          g_ptr_array_add (dropped, pilote_column_dup (indexes, 0));
          g_ptr_array_add (dropped, pilote_column_dup (indexes, 1));
        }
      if (rc != SQLITE_DONE)
        {
          pilote_store_set_sql_error (store, error);
          return FALSE;
        }
      g_clear_pointer (&indexes, pilote_stmt_release);
      for (guint i = 0; i < dropped->len; i += 2)
        {
          g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"",
                                                   (const char *) dropped->pdata[i]);

          if (!pilote_store_exec (store, drop, error))
            return FALSE;
        }
    }
  if (!pilote_store_exec (store,
                          PILOTE_DEAL_CATEGORY_SUM ("SELECT deal_id FROM category_dirty")
                          "DELETE FROM category_dirty;", error))
    return FALSE;
  for (guint i = 1; i < dropped->len; i += 2)
    if (!pilote_store_exec (store, dropped->pdata[i], error))
      return FALSE;
  return TRUE;
}

/**
 * pilote_kpi_summary_resume:
 *
 * Ends pilote_kpi_summary_suspend (): the summaries of the months touched
 * meanwhile are computed again from the deals, and the triggers keep them
 * in step again. In the same write transaction.
 */
gboolean
pilote_kpi_summary_resume (PiloteStore  *store,
                           GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  gint64 start;
  guint i = 0;
  int rc;

  if (!pilote_store_exec (store, "UPDATE kpi_state SET suspended = 0", error))
    return FALSE;
  stmt = pilote_store_prepare (store, "SELECT month FROM kpi_dirty ORDER BY month", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (months, pilote_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }

  start = g_get_monotonic_time ();
  /* runs of consecutive months, each rebuilt at once */
  while (i < months->len)
    {
      const char *first = g_ptr_array_index (months, i);
      guint j = i;

      while (j + 1 < months->len)
        {
          int y1, m1, y2, m2;

          if (sscanf (g_ptr_array_index (months, j), "%d-%d", &y1, &m1) != 2 ||
              sscanf (g_ptr_array_index (months, j + 1), "%d-%d", &y2, &m2) != 2 ||
              y2 * 12 + m2 != y1 * 12 + m1 + 1)
            break;
          j++;
        }
      if (!rebuild_range (store, first, g_ptr_array_index (months, j), error))
        return FALSE;
      i = j + 1;
    }
  g_debug ("KPI summaries: %u months summed again in %.0f ms", months->len,
           (g_get_monotonic_time () - start) / 1000.0);
  start = g_get_monotonic_time ();
  if (months->len > 0 && !sum_clients (store, FALSE, error))
    return FALSE;
  g_debug ("KPI summaries: the clients of those months summed again in %.0f ms",
           (g_get_monotonic_time () - start) / 1000.0);
  start = g_get_monotonic_time ();
  /* the deals whose lines or products were written meanwhile, by category */
  if (!pilote_kpi_summary_sum_categories (store, error))
    return FALSE;
  g_debug ("KPI summaries: the deals by category summed again in %.0f ms",
           (g_get_monotonic_time () - start) / 1000.0);
  return pilote_store_exec (store, "DELETE FROM kpi_dirty", error);
}

/**
 * pilote_kpi_summary_rebuild:
 *
 * Computes every summary again from the deals and activities, in a write
 * transaction.
 */
gboolean
pilote_kpi_summary_rebuild (PiloteStore  *store,
                            GError      **error)
{
  return pilote_store_exec (store, "DELETE FROM kpi_dirty; UPDATE kpi_state SET suspended = 0",
                            error) &&
         rebuild_range (store, "0000-01", "9999-12", error) &&
         sum_clients (store, TRUE, error) &&
         pilote_store_exec (store, "DELETE FROM activity_month;"
                            PILOTE_ACTIVITY_MONTH_SUM ("true")
                            "DELETE FROM deal_category; DELETE FROM category_dirty;"
                            PILOTE_DEAL_CATEGORY_SUM ("SELECT id FROM deal"), error);
}

/**
 * pilote_kpi_summary_catch_up:
 *
 * On a file opened for writing: computes the summaries of the months
 * still to be summed (every month, once, after the upgrade to schema
 * version 9), in a write transaction of its own.
 */
gboolean
pilote_kpi_summary_catch_up (PiloteStore  *store,
                             GError      **error)
{
  if (pilote_kpi_summary_ready (store) || pilote_store_is_read_only (store))
    return TRUE;
  if (!pilote_store_begin_write (store, error))
    return FALSE;
  if (!pilote_kpi_summary_resume (store, error))
    {
      pilote_store_rollback (store);
      return FALSE;
    }
  return pilote_store_commit (store, error);
}

/**
 * pilote_kpi_summary_ready:
 *
 * Whether the summaries are up to date: every month summed, and no bulk
 * write of this connection under way.
 */
gboolean
pilote_kpi_summary_ready (PiloteStore *store)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store,
                                                     "SELECT (SELECT suspended FROM kpi_state) = 0"
                                                     " AND NOT EXISTS (SELECT 1 FROM kpi_dirty)",
                                                     NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

/* Reading */

/* the summaries' dimension of each KPI dimension, or -1 */
static int
summary_dim (PiloteDimension dimension)
{
  switch (dimension)
    {
    case PILOTE_DIMENSION_SEGMENT: return 1;
    case PILOTE_DIMENSION_SECTOR: return 2;
    case PILOTE_DIMENSION_REGION: return 3;
    case PILOTE_DIMENSION_COUNTRY: return 4;
    case PILOTE_DIMENSION_CHANNEL: return 5;
    case PILOTE_DIMENSION_PRODUCT: return 6;
    case PILOTE_DIMENSION_CATEGORY: return 7;
    case PILOTE_DIMENSION_NONE:
    case PILOTE_DIMENSION_MONTH:
    case PILOTE_DIMENSION_QUARTER:
    case PILOTE_DIMENSION_YEAR:
    case PILOTE_DIMENSION_TEAM:
    case PILOTE_DIMENSION_OFFICE:
    case PILOTE_DIMENSION_MEMBER:
      return 0;
    case PILOTE_DIMENSION_CLIENT:
    case PILOTE_N_DIMENSIONS:
    default:
      return -1;
    }
}

/* the dimensions of the summaries kept two by two (schema version 16):
 * the first's values in key, the second's in key2 */
static const struct {
  int first, second, dim;
} summary_pairs[] = {
  { 3, 5, 9 }, { 3, 7, 10 }, { 5, 7, 11 },
  { 3, PILOTE_KPI_CYCLE_DIM, 12 }, { 5, PILOTE_KPI_CYCLE_DIM, 13 },
  { 7, PILOTE_KPI_CYCLE_DIM, 14 },
};

/* appends to @joins that of @table on @column, once */
static void
add_join (GString    *joins,
          const char *table,
          const char *column)
{
  g_autofree char *join = g_strdup_printf (" LEFT JOIN %s = %s", table, column);

  if (strstr (joins->str, join) == NULL)
    g_string_append (joins, join);
}

/* The expression of a dimension on a row "k" of kpi_month whose values of
 * it are in @column, with the joins it needs appended to @joins */
static char *
summary_expression (PiloteDimension  dimension,
                    gboolean         by_id,
                    const char      *column,
                    gboolean        *join_member,
                    gboolean        *join_team,
                    GString         *joins)
{
  switch (dimension)
    {
    case PILOTE_DIMENSION_MONTH:
      return g_strdup ("k.month");
    case PILOTE_DIMENSION_QUARTER:
      return g_strdup ("(strftime ('%Y', k.month || '-01', ?3) || '-Q' ||"
                       " ((CAST (strftime ('%m', k.month || '-01', ?3) AS INTEGER) + 2) / 3))");
    case PILOTE_DIMENSION_YEAR:
      return g_strdup ("strftime ('%Y', k.month || '-01', ?3)");
    case PILOTE_DIMENSION_TEAM:
      *join_member = *join_team = TRUE;
      return g_strdup (by_id ? "t.id" : "t.name");
    case PILOTE_DIMENSION_OFFICE:
      *join_member = TRUE;
      return g_strdup ("m.office");
    case PILOTE_DIMENSION_MEMBER:
      *join_member = TRUE;
      return g_strdup (by_id ? "m.id" : "m.name");
    case PILOTE_DIMENSION_SEGMENT:
      add_join (joins, "segment seg ON seg.id", column);
      return g_strdup ("seg.name");
    case PILOTE_DIMENSION_CHANNEL:
      add_join (joins, "channel ch ON ch.id", column);
      return g_strdup ("ch.name");
    case PILOTE_DIMENSION_PRODUCT:
      add_join (joins, "product p ON p.id", column);
      return g_strdup ("p.name");
    case PILOTE_DIMENSION_SECTOR:
    case PILOTE_DIMENSION_REGION:
    case PILOTE_DIMENSION_COUNTRY:
    case PILOTE_DIMENSION_CATEGORY:
      return g_strdup_printf ("nullif (%s, x'')", column);
    case PILOTE_DIMENSION_NONE:
    case PILOTE_DIMENSION_CLIENT:
    case PILOTE_N_DIMENSIONS:
    default:
      g_assert_not_reached ();
    }
}

/* whether the condition @i of @filter keeps the deals of a segment, which
 * the rows of every dimension tell apart (schema version 14) */
static gboolean
is_segment_condition (const PiloteKpiFilter *filter,
                      guint                  i)
{
  const PiloteKpiCondition *condition = &g_array_index (filter->conditions, PiloteKpiCondition, i);

  return condition->dimension == PILOTE_DIMENSION_SEGMENT && condition->value != NULL;
}

/* the summaries' dimension of the rows that hold the dimensions @first and
 * @second (each > 0, or 0 for none) and the column of each, or -1 */
static int
summary_rows (int          first,
              int          second,
              const char **first_column,
              const char **second_column)
{
  *first_column = *second_column = "k.key";
  if (second == 0 || second == first)
    return first;
  if (first == 0)
    return second;
  for (guint i = 0; i < G_N_ELEMENTS (summary_pairs); i++)
    if ((summary_pairs[i].first == first && summary_pairs[i].second == second) ||
        (summary_pairs[i].first == second && summary_pairs[i].second == first))
      {
        if (summary_pairs[i].first == first)
          *second_column = "k.key2";
        else
          *first_column = "k.key2";
        return summary_pairs[i].dim;
      }
  return -1;
}

/* pilote_kpi_summary_sql_init (), and with the won deals' days as key when
 * @cycle */
static void
summary_sql_init (PiloteKpiSql          *sql,
                  const PiloteKpiFilter *filter,
                  PiloteDimension        by,
                  gboolean               cycle)
{
  gboolean join_member = FALSE, join_team = FALSE;
  g_autoptr(GString) joins = g_string_new (NULL);
  const char *columns[2];
  int dims[2] = { 0, 0 };
  int dim;
  guint n = 0;
  /* a breakdown by segment beside another dimension of the summaries': by
   * the segment of those rows (schema version 14) */
  gboolean by_segment_column = FALSE;

  memset (sql, 0, sizeof *sql);
  sql->from = g_string_new ("FROM kpi_month k");
  sql->where = g_string_new (NULL);
  sql->applicable = TRUE;

  /* the summaries' own dimensions of the filter and the breakdown: one,
   * or two kept together */
  for (guint i = 0; filter != NULL && i <= filter->conditions->len; i++)
    {
      PiloteDimension dimension = i < filter->conditions->len
        ? g_array_index (filter->conditions, PiloteKpiCondition, i).dimension : by;
      int d = summary_dim (dimension);

      if (dimension == PILOTE_DIMENSION_NONE ||
          (i < filter->conditions->len && is_segment_condition (filter, i)))
        continue;
      if (d < 0 || (d > 0 && n == 2 && d != dims[0] && d != dims[1]))
        sql->applicable = FALSE;
      else if (d > 0 && (n == 0 || d != dims[0]) && (n < 2 || d != dims[1]))
        dims[n++] = d;
    }
  if (filter == NULL && summary_dim (by) < 0)
    sql->applicable = FALSE;
  else if (filter == NULL && summary_dim (by) > 0)
    dims[n++] = summary_dim (by);
  /* the cycle: the days second, beside one other dimension at most */
  if (cycle && n == 2)
    sql->applicable = FALSE;
  else if (cycle)
    dims[n++] = PILOTE_KPI_CYCLE_DIM;
  if (!sql->applicable)
    return;

  dim = summary_rows (dims[0], dims[1], &columns[0], &columns[1]);
  if (dim < 0 && by == PILOTE_DIMENSION_SEGMENT)
    {
      /* the segment from the rows of the other dimension */
      int other = dims[0] == summary_dim (PILOTE_DIMENSION_SEGMENT) ? dims[1] : dims[0];

      by_segment_column = TRUE;
      dims[0] = other;
      dims[1] = 0;
      dim = summary_rows (other, 0, &columns[0], &columns[1]);
    }
  if (dim < 0)
    {
      sql->applicable = FALSE;
      return;
    }

  if (by_segment_column)
    sql->key = summary_expression (by, FALSE, "k.segment_id", &join_member, &join_team, joins);
  else if (by != PILOTE_DIMENSION_NONE)
    sql->key = summary_expression (by, FALSE, summary_dim (by) == dims[1] && dims[1] > 0
                                                ? columns[1] : columns[0],
                                   &join_member, &join_team, joins);
  if (cycle)
    sql->key = g_strdup_printf ("CASE WHEN typeof (%s) = 'blob' THEN NULL ELSE %s END",
                                columns[1], columns[1]);
  g_string_append_printf (sql->where, " AND k.dim = %d", dim);
  for (guint i = 0; filter != NULL && i < filter->conditions->len; i++)
    {
      const PiloteKpiCondition *condition =
        &g_array_index (filter->conditions, PiloteKpiCondition, i);
      g_autofree char *expr = NULL;
      int d;

      /* a segment: the rows of its segment, whatever their dimension */
      if (is_segment_condition (filter, i))
        {
          pilote_kpi_sql_key_condition (sql->where, filter, i, "k.owner_id", "k.segment_id");
          continue;
        }
      d = summary_dim (condition->dimension);
      expr = summary_expression (condition->dimension, condition->value == NULL,
                                 d == dims[1] && d > 0 ? columns[1] : columns[0],
                                 &join_member, &join_team, joins);
      if (condition->value != NULL && condition->dimension >= PILOTE_DIMENSION_TEAM)
        g_string_append_printf (sql->where, " AND %s = ?%u COLLATE NOCASE", expr,
                                PILOTE_KPI_FIRST_FILTER_PARAM + i);
      else
        g_string_append_printf (sql->where, " AND %s = ?%u", expr,
                                PILOTE_KPI_FIRST_FILTER_PARAM + i);
    }
  if (join_member)
    g_string_append (sql->from, " LEFT JOIN member m ON m.id = k.owner_id");
  if (join_team)
    g_string_append (sql->from, " LEFT JOIN team t ON t.id = m.team_id");
  g_string_append (sql->from, joins->str);
}

/**
 * pilote_kpi_summary_sql_init:
 *
 * Builds, as pilote_kpi_sql_init () does for the deals, the FROM clause,
 * the conditions and the key of a query on the summaries of closed deals,
 * for the months of a period (?1 and ?2, each the first day of a month).
 * Leaves sql->applicable FALSE when the summaries cannot answer: filters
 * and breakdown on a client, or on more than one dimension of their own
 * (sector, region, country, channel, product, category) but for two of
 * the region, the channel and the category, kept together. A segment's
 * name is not one, its deals being told apart in every dimension; nor is
 * a breakdown by segment beside one of those.
 */
void
pilote_kpi_summary_sql_init (PiloteKpiSql          *sql,
                             const PiloteKpiFilter *filter,
                             PiloteDimension        by)
{
  summary_sql_init (sql, filter, by, FALSE);
}

/**
 * pilote_kpi_summary_cycle_sql_init:
 *
 * As pilote_kpi_summary_sql_init () without a breakdown, on the rows of
 * the won deals by their whole days from creation to winning (key: the
 * days, NULL for those unknown): for the median cycle of whole months.
 */
void
pilote_kpi_summary_cycle_sql_init (PiloteKpiSql          *sql,
                                   const PiloteKpiFilter *filter)
{
  summary_sql_init (sql, filter, PILOTE_DIMENSION_NONE, TRUE);
}
