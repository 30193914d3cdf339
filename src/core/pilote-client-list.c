/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-client-list.h"
#include "pilote-csv.h"
#include "pilote-error.h"
#include "pilote-kpi-private.h"

/*
 * The list of clients and prospects: searched as the user types through
 * the full-text index client_search (kept in step by triggers, see schema
 * version 4), filtered, sorted and paged in SQL, so that it stays instant
 * with a hundred thousand clients. The revenue column is the KPI engine's
 * revenue to date, which each client keeps in step with its won deals
 * (triggers, schema version 8), so that sorting by it reads an index.
 */

#define MAX_SEARCH_WORDS 16

/* a search finding more clients than this reads the list in its order
 * through the sort's index, keeping the clients found, rather than reading
 * every client found and sorting them */
#define SEARCH_SCAN_MATCHES 500

void
pilote_client_filter_init (PiloteClientFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->kind = -1;
}

void
pilote_client_row_free (PiloteClientRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->city);
  g_free (row->region);
  g_free (row->sector);
  g_free (row->segment);
  g_free (row->owner);
  g_free (row->channel);
  g_free (row->acquired_on);
  g_free (row->tags);
  g_free (row);
}

static const char *const kind_nicks[] = { "prospect", "client", "former" };

const char *
pilote_client_kind_get_label (PiloteClientKind kind)
{
  switch (kind)
    {
    case PILOTE_CLIENT_KIND_PROSPECT: return C_("client kind", "Prospect");
    case PILOTE_CLIENT_KIND_CLIENT: return C_("client kind", "Client");
    case PILOTE_CLIENT_KIND_FORMER: return C_("client kind", "Former client");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * pilote_client_search_query:
 *
 * Turns what the user typed into an FTS5 query: each word, as a quoted
 * prefix; all of them must match. Punctuation separates words, as it does
 * in the index ("jean.dupont@acme" finds the e-mail jean.dupont@acme.fr).
 *
 * Returns: (nullable): the query, or %NULL when there is no word to search
 */
static char *
search_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint words = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0 && words < MAX_SEARCH_WORDS)
        {
          g_string_append_printf (query, "%s\"%s\"*", words > 0 ? " " : "", word->str);
          words++;
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return words > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/* The WHERE clause of a filter and the values it binds, in order: each a
 * text, a number, or the set of clients a search found. */
typedef struct {
  char              *text;
  gint64             number;
  const PiloteIdSet *found;
} Value;

typedef struct {
  GString *where;
  GArray  *values;
} Conditions;

static void
clear_value (gpointer data)
{
  g_free (((Value *) data)->text);
}

static void
add_text (Conditions *c,
          const char *sql,
          char       *value)
{
  Value v = { .text = value };

  g_string_append (c->where, sql);
  g_array_append_val (c->values, v);
}

static void
add_number (Conditions *c,
            const char *sql,
            gint64      value)
{
  Value v = { .number = value };

  g_string_append (c->where, sql);
  g_array_append_val (c->values, v);
}

/* @found: (nullable): the clients the search finds, read once
 * (found_new ()), or %NULL for the search to be a subquery */
static void
conditions_init (Conditions               *c,
                 const PiloteClientFilter *filter,
                 const PiloteIdSet        *found)
{
  char *match = NULL;

  c->where = g_string_new (" WHERE c.deleted_at IS NULL");
  c->values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_array_set_clear_func (c->values, clear_value);
  if (filter == NULL)
    return;

  match = search_query (filter->search);
  /* with the set found: not looked up client by client, but checked
   * against the set while the sort's index is read in order */
  if (match != NULL && found != NULL)
    {
      Value v = { .found = found };

      g_string_append (c->where, " AND pilote_id_in (c.id, ?)");
      g_array_append_val (c->values, v);
      g_free (match);
    }
  else if (match != NULL)
    add_text (c, " AND c.id IN (SELECT rowid FROM client_search WHERE client_search MATCH ?)",
              match);
  if (filter->kind >= 0 && filter->kind < (int) G_N_ELEMENTS (kind_nicks))
    add_text (c, " AND c.kind = ?", g_strdup (kind_nicks[filter->kind]));
  if (filter->owner_id > 0)
    add_number (c, " AND c.owner_id = ?", filter->owner_id);
  if (filter->segment_id > 0)
    add_number (c, " AND c.segment_id = ?", filter->segment_id);
  if (filter->channel_id > 0)
    add_number (c, " AND c.channel_id = ?", filter->channel_id);
  if (filter->sector != NULL && *filter->sector != '\0')
    add_text (c, " AND c.sector = ? COLLATE NOCASE", g_strdup (filter->sector));
  if (filter->region != NULL && *filter->region != '\0')
    add_text (c, " AND c.region = ? COLLATE NOCASE", g_strdup (filter->region));
  if (filter->tag != NULL && *filter->tag != '\0')
    {
      g_autofree char *tag = g_utf8_strdown (filter->tag, -1);

      g_strstrip (tag);
      /* "a, b,c": each tag between commas, spaces around them ignored */
      add_text (c, " AND instr (',' || replace (replace (lower (c.tags), ', ', ','), ' ,', ',')"
                   " || ',', ',' || ? || ',') > 0",
                g_steal_pointer (&tag));
    }
}

static void
conditions_clear (Conditions *c)
{
  g_string_free (c->where, TRUE);
  g_array_unref (c->values);
}

/* how many values conditions_bind () binds */
static int
conditions_count (const Conditions *c)
{
  return (int) c->values->len;
}

static void
conditions_bind (const Conditions *c,
                 PiloteStmt       *stmt,
                 int               first)
{
  for (guint i = 0; i < c->values->len; i++)
    {
      const Value *v = &g_array_index (c->values, Value, i);

      if (v->found != NULL)
        pilote_bind_id_set (stmt, first + (int) i, v->found);
      else if (v->text != NULL)
        sqlite3_bind_text (stmt, first + (int) i, v->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, first + (int) i, v->number);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The clients a search finds, in the order of their ids (the order the
 * full-text index gives them), deleted ones included: read once, so that
 * a search finding tens of thousands of clients is counted and checked
 * against the sort's index without copying them into a temporary b-tree.
 * Returns %NULL without a search (*@error unset) or on error. */
static PiloteIdSet *
found_new (PiloteStore               *store,
           const PiloteClientFilter  *filter,
           GError                   **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *match = filter != NULL ? search_query (filter->search) : NULL;
  PiloteIdSet *found;
  gint64 last = G_MININT64;
  gboolean sorted = TRUE;
  int rc;

  if (match == NULL)
    return NULL;
  stmt = pilote_store_prepare (store, "SELECT rowid FROM client_search"
                                      " WHERE client_search MATCH ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  found = pilote_id_set_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      sorted = sorted && id > last;
      last = id;
      g_array_append_val (found->ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      pilote_id_set_free (found);
      return NULL;
    }
  /* FTS5 gives its rows by rowid; the lookups need it, whatever the engine */
  if (!sorted)
    g_array_sort (found->ids, compare_ids);
  return found;
}

/* ORDER BY: empty values last whichever the direction, then by name */
static const char *const sort_expressions[PILOTE_CLIENT_N_SORTS] = {
  [PILOTE_CLIENT_SORT_NAME] = "c.name COLLATE NOCASE",
  [PILOTE_CLIENT_SORT_KIND] = "CASE c.kind WHEN 'prospect' THEN 0 WHEN 'client' THEN 1 ELSE 2 END",
  [PILOTE_CLIENT_SORT_CITY] = "c.city COLLATE NOCASE",
  [PILOTE_CLIENT_SORT_REGION] = "c.region COLLATE NOCASE",
  [PILOTE_CLIENT_SORT_SECTOR] = "c.sector COLLATE NOCASE",
  /* the names of the client's owner, segment and channel and its revenue
   * to date, kept on the client by triggers (schema version 8) */
  [PILOTE_CLIENT_SORT_SEGMENT] = "c.segment_name COLLATE NOCASE",
  [PILOTE_CLIENT_SORT_OWNER] = "c.owner_name COLLATE NOCASE",
  [PILOTE_CLIENT_SORT_CHANNEL] = "c.channel_name COLLATE NOCASE",
  [PILOTE_CLIENT_SORT_ACQUIRED] = "c.acquired_on",
  [PILOTE_CLIENT_SORT_REVENUE] = "c.revenue_to_date",
};

/* Every sort reads its page from an index (schema versions 4 and 8) in
 * either direction: ORDER BY and its tie-breakers all go the same way, so
 * SQLite reads the index forwards or backwards. The columns that may be
 * empty keep empty values last: their index starts with whether the value
 * is empty, so a descending sort reads it backwards in two parts, the
 * clients with a value, then those without. */
static gboolean
has_empty_part (PiloteClientSort sort)
{
  return sort != PILOTE_CLIENT_SORT_NAME && sort != PILOTE_CLIENT_SORT_KIND &&
         sort != PILOTE_CLIENT_SORT_REVENUE;
}

typedef enum {
  PART_ALL,
  PART_WITH_VALUE,
  PART_EMPTY,
} Part;

/* "(c.city IS NULL OR c.city = '')": whether the sort column is empty */
static char *
empty_expression (PiloteClientSort sort)
{
  const char *expr = sort_expressions[sort];
  g_autofree char *column = g_strndup (expr, strcspn (expr, " "));

  return g_strdup_printf ("(%s IS NULL OR %s = '')", column, column);
}

static char *
list_sql (const Conditions *c,
          PiloteClientSort  sort,
          gboolean          descending,
          gboolean          paged,
          gboolean          with_revenue,
          Part              part)
{
  const char *expr = sort_expressions[sort];
  const char *direction = descending ? " DESC" : "";
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (" ORDER BY ");
  g_autofree char *empty = has_empty_part (sort) ? empty_expression (sort) : NULL;

  /* the empty ones last */
  if (empty != NULL && part == PART_ALL)
    g_string_append_printf (order, "%s, ", empty);
  g_string_append_printf (order, "%s%s", expr, direction);
  if (sort != PILOTE_CLIENT_SORT_NAME)
    g_string_append_printf (order, ", c.name COLLATE NOCASE%s", direction);
  g_string_append_printf (order, ", c.id%s", direction);

  /* the revenue of a page is the one the client keeps in step with its
   * deals (schema version 8), the KPI engine's revenue to date to the
   * cent; an export sums each client's won deals as the engine does */
  g_string_append_printf (sql,
                   "SELECT c.id, c.version, c.name, c.kind, c.city, c.region, c.sector,"
                   " seg.name, m.name, ch.name, c.acquired_on, c.tags, %s AS revenue"
                   " FROM client c"
                   " LEFT JOIN segment seg ON seg.id = c.segment_id"
                   " LEFT JOIN member m ON m.id = c.owner_id"
                   " LEFT JOIN channel ch ON ch.id = c.channel_id",
                   with_revenue ? PILOTE_KPI_CLIENT_REVENUE_SQL : "c.revenue_to_date");
  /* a page: its clients are found first from the sort's index alone, so
   * that the rows skipped by OFFSET are neither read nor joined */
  if (paged)
    g_string_append (sql, " WHERE c.id IN (SELECT c.id FROM client c");
  g_string_append (sql, c->where->str);
  if (part != PART_ALL && empty != NULL)
    g_string_append_printf (sql, " AND %s = %d", empty, part == PART_EMPTY);
  g_string_append (sql, order->str);
  if (paged)
    g_string_append_printf (sql, " LIMIT ? OFFSET ?)%s", order->str);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static PiloteClientRow *
read_row (PiloteStmt *stmt)
{
  PiloteClientRow *row = g_new0 (PiloteClientRow, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 3);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->version = sqlite3_column_int64 (stmt, 1);
  row->name = pilote_column_dup (stmt, 2);
  row->kind = PILOTE_CLIENT_KIND_PROSPECT;
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kind_nicks); i++)
    if (g_str_equal (kind, kind_nicks[i]))
      row->kind = i;
  row->city = pilote_column_dup (stmt, 4);
  row->region = pilote_column_dup (stmt, 5);
  row->sector = pilote_column_dup (stmt, 6);
  row->segment = pilote_column_dup (stmt, 7);
  row->owner = pilote_column_dup (stmt, 8);
  row->channel = pilote_column_dup (stmt, 9);
  row->acquired_on = pilote_column_dup (stmt, 10);
  row->tags = pilote_column_dup (stmt, 11);
  row->revenue = sqlite3_column_int64 (stmt, 12);
  return row;
}

/* appends to @rows one page of one part of the list; @found: (nullable):
 * the clients the search finds, checked while the sort's index is read in
 * order, or %NULL for the clients found to be looked up and sorted */
static gboolean
read_part (PiloteStore               *store,
           const PiloteClientFilter  *filter,
           PiloteClientSort           sort,
           gboolean                   descending,
           Part                       part,
           const PiloteIdSet         *found,
           guint                      limit,
           guint                      offset,
           GPtrArray                 *rows,
           GError                   **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Conditions c;
  int rc;

  conditions_init (&c, filter, found);
  sql = list_sql (&c, sort, descending, TRUE, FALSE, part);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt == NULL)
    {
      conditions_clear (&c);
      return FALSE;
    }
  conditions_bind (&c, stmt, 1);
  sqlite3_bind_int64 (stmt, conditions_count (&c) + 1, limit);
  sqlite3_bind_int64 (stmt, conditions_count (&c) + 2, offset);
  conditions_clear (&c);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* whether the filter is a search alone */
static gboolean
is_search_only (const PiloteClientFilter *filter)
{
  return filter != NULL && filter->kind < 0 && filter->owner_id <= 0 &&
         filter->segment_id <= 0 && filter->channel_id <= 0 &&
         (filter->sector == NULL || *filter->sector == '\0') &&
         (filter->region == NULL || *filter->region == '\0') &&
         (filter->tag == NULL || *filter->tag == '\0');
}

static gint64 count_part (PiloteStore               *store,
                          const PiloteClientFilter  *filter,
                          const PiloteIdSet         *found,
                          PiloteClientSort           sort,
                          Part                       part,
                          GError                   **error);

/* a page, @found the clients the search finds (%NULL without a search) */
static GPtrArray *
list_found (PiloteStore               *store,
            const PiloteClientFilter  *filter,
            const PiloteIdSet         *found,
            PiloteClientSort           sort,
            gboolean                   descending,
            guint                      limit,
            guint                      offset,
            GError                   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_client_row_free);
  /* few clients found: looked up and sorted; many: the sort's index read
   * in order, each client checked against those found */
  const PiloteIdSet *in_sort_order =
    found != NULL && found->ids->len > SEARCH_SCAN_MATCHES ? found : NULL;

  if (limit == 0)
    return g_steal_pointer (&rows);
  if (descending && has_empty_part (sort))
    {
      guint empty_offset = 0;

      if (!read_part (store, filter, sort, TRUE, PART_WITH_VALUE, in_sort_order, limit, offset,
                      rows, error))
        return NULL;
      /* past the clients with a value: how many there are says where the
       * page starts among those without (counted only then, the count
       * being what costs) */
      if (rows->len == 0 && offset > 0)
        {
          gint64 with_value = count_part (store, filter, NULL, sort, PART_WITH_VALUE, error);

          if (with_value < 0)
            return NULL;
          empty_offset = (gint64) offset > with_value ? (guint) (offset - with_value) : 0;
        }
      if (rows->len < limit &&
          !read_part (store, filter, sort, TRUE, PART_EMPTY, in_sort_order, limit - rows->len,
                      empty_offset, rows, error))
        return NULL;
    }
  else if (!read_part (store, filter, sort, descending, PART_ALL, in_sort_order, limit, offset,
                       rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * pilote_client_list:
 * @filter: (nullable): which clients; all of them when %NULL
 * @sort: the column to sort by (then by name)
 * @limit: at most this many rows
 * @offset: skip this many rows
 *
 * Reads one page of the list of clients (soft-deleted ones left out).
 * The revenue shown is the KPI engine's revenue to date, as the client
 * keeps it in step with its deals.
 *
 * Returns: (transfer full) (element-type PiloteClientRow): the rows, or
 *   %NULL on error
 */
GPtrArray *
pilote_client_list (PiloteStore               *store,
                    const PiloteClientFilter  *filter,
                    PiloteClientSort           sort,
                    gboolean                   descending,
                    guint                      limit,
                    guint                      offset,
                    GError                   **error)
{
  g_autoptr(PiloteIdSet) found = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < PILOTE_CLIENT_N_SORTS, NULL);

  if (limit > 0)
    found = found_new (store, filter, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return list_found (store, filter, found, sort, descending, limit, offset, error);
}

/**
 * pilote_client_count:
 *
 * Returns: how many clients the filter finds, or -1 on error
 */
gint64
pilote_client_count (PiloteStore               *store,
                     const PiloteClientFilter  *filter,
                     GError                   **error)
{
  g_autoptr(PiloteIdSet) found = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), -1);

  if (is_search_only (filter))
    found = found_new (store, filter, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return count_part (store, filter, found, PILOTE_CLIENT_SORT_NAME, PART_ALL, error);
}

/**
 * pilote_client_search:
 * @filter: (nullable): which clients; all of them when %NULL
 * @sort: the column to sort by (then by name)
 * @limit: at most this many rows
 * @count: (out): how many clients the filter finds
 *
 * What the list needs after each keystroke: how many clients the filter
 * finds and its first page, as pilote_client_count () and
 * pilote_client_list () give them, the full-text index read once for
 * both.
 *
 * Returns: (transfer full) (element-type PiloteClientRow): the first
 *   page, or %NULL on error
 */
GPtrArray *
pilote_client_search (PiloteStore               *store,
                      const PiloteClientFilter  *filter,
                      PiloteClientSort           sort,
                      gboolean                   descending,
                      guint                      limit,
                      gint64                    *count,
                      GError                   **error)
{
  g_autoptr(PiloteIdSet) found = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < PILOTE_CLIENT_N_SORTS, NULL);
  g_return_val_if_fail (count != NULL, NULL);

  found = found_new (store, filter, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  *count = count_part (store, filter, is_search_only (filter) ? found : NULL,
                       PILOTE_CLIENT_SORT_NAME, PART_ALL, error);
  if (*count < 0)
    return NULL;
  return list_found (store, filter, found, sort, descending, limit, 0, error);
}

/* @found: (nullable): for a search alone counted whole, the clients it
 * finds */
static gint64
count_part (PiloteStore               *store,
            const PiloteClientFilter  *filter,
            const PiloteIdSet         *found,
            PiloteClientSort           sort,
            Part                       part,
            GError                   **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM client c");
  Conditions c;
  int rc;

  if (part == PART_ALL && found != NULL)
    {
      /* a search alone: the clients found, less the deleted ones among
       * them (read from their own small index), without reading each
       * client found */
      stmt = pilote_store_prepare (store, "SELECT count (*) FROM client c"
                                          " WHERE c.deleted_at IS NOT NULL"
                                          " AND pilote_id_in (c.id, ?)", error);
      if (stmt == NULL)
        return -1;
      pilote_bind_id_set (stmt, 1, found);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          pilote_store_set_sql_error (store, error);
          return -1;
        }
      return (gint64) found->ids->len - sqlite3_column_int64 (stmt, 0);
    }
  conditions_init (&c, filter, NULL);
  g_string_append (sql, c.where->str);
  if (part != PART_ALL)
    {
      g_autofree char *empty = empty_expression (sort);

      g_string_append_printf (sql, " AND %s = %d", empty, part == PART_EMPTY);
    }
  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt != NULL)
    conditions_bind (&c, stmt, 1);
  conditions_clear (&c);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * pilote_client_export:
 * @rows: (out) (optional): how many clients were written
 *
 * Writes the clients a list shows, in its order, as CSV with a header
 * line. Cells a spreadsheet would run as formulas are neutralised.
 */
gboolean
pilote_client_export (PiloteStore               *store,
                      const PiloteClientFilter  *filter,
                      PiloteClientSort           sort,
                      gboolean                   descending,
                      PiloteCsvDialect           dialect,
                      GOutputStream             *output,
                      guint64                   *rows,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  static const char *const headers[] = {
    N_("Name"), N_("Kind"), N_("City"), N_("Region"), N_("Sector"), N_("Segment"),
    N_("Owner"), N_("Channel"), N_("Acquired on"), N_("Tags"), N_("Revenue"),
  };
  static const char bom[] = "\xEF\xBB\xBF";
  char delimiter = dialect == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',';
  const char *currency = pilote_store_get_currency (store);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  guint64 count = 0;
  Conditions c;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (sort < PILOTE_CLIENT_N_SORTS, FALSE);

  conditions_init (&c, filter, NULL);
  sql = list_sql (&c, sort, descending, FALSE, TRUE, PART_ALL);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt != NULL)
    conditions_bind (&c, stmt, 1);
  conditions_clear (&c);
  if (stmt == NULL)
    return FALSE;

  if (dialect == PILOTE_CSV_DIALECT_FRENCH)
    g_string_append (line, bom);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i > 0)
        g_string_append_c (line, delimiter);
      pilote_csv_append_field (line, g_dgettext (GETTEXT_PACKAGE, headers[i]), delimiter);
    }
  g_string_append (line, "\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PiloteClientRow) row = read_row (stmt);
      g_autofree char *revenue = pilote_money_to_major_string (row->revenue, currency);
      const char *cells[G_N_ELEMENTS (headers)] = {
        row->name, pilote_client_kind_get_label (row->kind), row->city, row->region,
        row->sector, row->segment, row->owner, row->channel, row->acquired_on, row->tags,
        revenue,
      };

      if (dialect == PILOTE_CSV_DIALECT_FRENCH)
        g_strdelimit (revenue, ".", ',');
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        {
          if (i > 0)
            g_string_append_c (line, delimiter);
          pilote_csv_append_field (line, cells[i], delimiter);
        }
      g_string_append (line, "\r\n");
      count++;
      if (line->len > 60000 || count % 1000 == 0)
        {
          if (!g_output_stream_write_all (output, line->str, line->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (line, 0);
        }
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  if (line->len > 0 &&
      !g_output_stream_write_all (output, line->str, line->len, NULL, cancellable, error))
    return FALSE;
  if (rows != NULL)
    *rows = count;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/**
 * pilote_client_list_values:
 *
 * Returns: (transfer full): the distinct sectors, regions or tags of the
 *   clients, sorted, for the filters to offer
 */
GStrv
pilote_client_list_values (PiloteStore         *store,
                           PiloteClientValues   values,
                           GError             **error)
{
  static const char *const queries[] = {
    /* those with a value, in the order of the sort index (schema version
     * 13: it holds every column read) */
    [PILOTE_CLIENT_VALUES_SECTOR] = "SELECT DISTINCT sector FROM client"
      " WHERE deleted_at IS NULL AND (sector IS NULL OR sector = '') = 0"
      " ORDER BY sector COLLATE NOCASE",
    [PILOTE_CLIENT_VALUES_REGION] = "SELECT DISTINCT region FROM client"
      " WHERE deleted_at IS NULL AND (region IS NULL OR region = '') = 0"
      " ORDER BY region COLLATE NOCASE",
    [PILOTE_CLIENT_VALUES_TAG] = "SELECT DISTINCT tags FROM client"
      " WHERE deleted_at IS NULL AND tags IS NOT NULL AND tags <> ''",
  };
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (values <= PILOTE_CLIENT_VALUES_TAG, NULL);

  stmt = pilote_store_prepare (store, queries[values], error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) parts = NULL;

      if (values != PILOTE_CLIENT_VALUES_TAG)
        {
          g_strv_builder_add (builder, text);
          continue;
        }
      parts = g_strsplit (text, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *tag = g_utf8_strdown (g_strstrip (parts[i]), -1);

          if (*tag == '\0' || g_hash_table_contains (seen, tag))
            {
              g_free (tag);
              continue;
            }
          g_hash_table_add (seen, tag);
          g_ptr_array_add (tags, tag);
        }
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  if (values == PILOTE_CLIENT_VALUES_TAG)
    {
      g_ptr_array_sort (tags, compare_strings);
      for (guint i = 0; i < tags->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (tags, i));
    }
  return g_strv_builder_end (builder);
}

/* Figures */

static void
init_period_to_date (PilotePeriod *period,
                     const GDate  *today,
                     int           months)
{
  GDate from, to = *today;

  g_date_add_days (&to, 1);
  if (months > 0)
    {
      from = to;
      g_date_subtract_months (&from, (guint) months);
    }
  else
    g_date_set_dmy (&from, 1, G_DATE_JANUARY, 1900);
  pilote_period_init_custom (period, &from, &to);
}

/**
 * pilote_client_get_figures:
 * @today: the day "to date" and "the last 12 months" end with
 *
 * Computes a client's figures with the KPI engine, filtered by the client.
 */
gboolean
pilote_client_get_figures (PiloteStore          *store,
                           gint64                client_id,
                           const GDate          *today,
                           PiloteClientFigures  *figures,
                           GError              **error)
{
  g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
  g_autoptr(PiloteKpiReport) to_date = NULL;
  g_autoptr(PiloteKpiReport) last_year = NULL;
  g_autoptr(GPtrArray) lost = NULL;
  PilotePeriod period;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id > 0, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  pilote_kpi_filter_add_id (filter, PILOTE_DIMENSION_CLIENT, client_id);
  init_period_to_date (&period, today, 0);
  to_date = pilote_kpi_compute (store, &period, filter, PILOTE_DIMENSION_NONE,
                                PILOTE_KPI_NO_SUMMARY, error);
  if (to_date == NULL)
    return FALSE;
  lost = pilote_kpi_lost (store, &period, filter, FALSE, error);
  if (lost == NULL)
    return FALSE;
  init_period_to_date (&period, today, 12);
  last_year = pilote_kpi_compute (store, &period, filter, PILOTE_DIMENSION_NONE,
                                  PILOTE_KPI_NO_SUMMARY, error);
  if (last_year == NULL)
    return FALSE;

  memset (figures, 0, sizeof *figures);
  figures->revenue = to_date->totals.revenue;
  figures->gross_margin = to_date->totals.gross_margin;
  figures->revenue_12_months = last_year->totals.revenue;
  figures->gross_margin_12_months = last_year->totals.gross_margin;
  figures->open_deals = to_date->totals.open_deals;
  figures->open_amount = to_date->totals.open_pipeline;
  figures->won_deals = to_date->totals.deals_won;
  figures->won_amount = to_date->totals.revenue;
  figures->lost_deals = to_date->totals.deals_lost;
  for (guint i = 0; i < lost->len; i++)
    figures->lost_amount += ((PiloteLostRow *) g_ptr_array_index (lost, i))->amount;
  return TRUE;
}
