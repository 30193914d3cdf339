/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "pilote-error.h"
#include "pilote-import-private.h"
#include "pilote-kpi-private.h"
#include "pilote-kpi-summary-sql.h"
#include "pilote-text.h"

/*
 * The bulk path of the import engine: the same rows, checked by the same
 * rules, written with fewer statements.
 *
 * - Records the batch adds are written with one reused INSERT each, without
 *   an audit entry of their own: the transaction holds the write lock, so
 *   the rows of a table whose ids are above the largest id it had before
 *   the batch are exactly the rows the batch added. At the end the batch
 *   gets one audit entry (table_name 'import_batch', row_id the batch,
 *   action 'insert') whose changes list those ranges:
 *   {"deal": [first id, last id], "deal_line": […], …}. Undo reads them.
 * - A deal is written once its group of lines is complete, with the sum of
 *   its lines as amount and cost (computed here as the deal_line table's
 *   generated columns compute them), so that it is never written twice.
 * - A deal's status comes from its stage's kind, read once per stage.
 * - The first stage change of each deal the batch added, and the clients'
 *   acquisition dates, are computed in set-based SQL at the end.
 * - For a large file, the secondary indexes of the deal tables are dropped
 *   at the start and built again at the end (one sort instead of a
 *   random-order insert per row and per index), inside the transaction: a
 *   failed or cancelled import leaves them as they were.
 * - Updates (rows whose reference exists) keep the record path, with their
 *   audit entry: undo gives back their old values.
 */

/* a page cache of 64 MiB while the rows are written, then the store's own */
#define BULK_CACHE_SIZE  "-65536"
#define STORE_CACHE_SIZE "-32768"

/* the indexes of a table are built again after the batch when the file
 * brings at least this many rows, and at least as many as the table has */
#define REBUILD_MIN_ROWS 50000
/* the rows read before the number of rows of the file is estimated */
#define ESTIMATE_AFTER_ROWS 4096
/* the indexes of the clients' revenue and acquisition are built again
 * when the deals added bring at least this many clients, and a quarter of
 * the table */
#define REBUILD_MIN_CLIENTS 10000

/* SQLite's round (x) then CAST (… AS INTEGER), as the generated columns of
 * deal_line compute a line's amount and cost */
static gint64
sql_round (double r)
{
  if (r < -4503599627370496.0 || r > 4503599627370496.0)
    return (gint64) r;
  return (gint64) (double) (gint64) (r + (r < 0 ? -0.5 : 0.5));
}

void
pilote_import_bulk_line_totals (const PiloteDealLine *line,
                                gint64               *amount,
                                gint64               *cost)
{
  *amount = line->amount_given != PILOTE_MONEY_NONE
              ? line->amount_given
              : sql_round (line->quantity * (double) line->unit_price * (1.0 - line->discount));
  *cost = line->cost_given != PILOTE_MONEY_NONE
            ? line->cost_given
            : sql_round (line->quantity * (double) line->unit_cost);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Statements of one table, built once */

typedef enum {
  SQL_FIND_ID,
  SQL_MAX_ID,
  SQL_INSERT,
  SQL_EXISTS,
  N_SQL
} TableSql;

/* the fields an insert writes (see pilote_record_sql ()) */
static inline gboolean
field_is_written (const PiloteField *field)
{
  return !(field->flags & PILOTE_FIELD_DERIVED) || g_str_equal (field->name, "status");
}

/* pilote_record_sql ()'s insert, with the batch's time as the records'
 * creation and change times (?3) instead of the clock read for each row */
static char *
build_insert (const PiloteEntityInfo *info)
{
  GString *sql = g_string_new (NULL);
  guint n = 0, created_on = 0, closed_on = 0;

  g_string_append_printf (sql, "INSERT INTO %s (ref, updated_by, created_at, updated_at",
                          info->table);
  for (guint i = 0; i < info->n_fields; i++)
    if (field_is_written (&info->fields[i]))
      {
        g_string_append_printf (sql, ", %s", info->fields[i].name);
        n++;
        /* the number of the field's parameter, after the three above */
        if (g_str_equal (info->fields[i].name, "created_on"))
          created_on = n + 3;
        else if (g_str_equal (info->fields[i].name, "closed_on"))
          closed_on = n + 3;
      }
  if (info->name_key)
    {
      g_string_append (sql, ", name_key");
      n++;
    }
  /* a deal added carries the date of the one stage change the batch gives
   * it at the end (insert_stage_changes ()), so that neither the trigger
   * of its insert nor those of the changes look it up */
  if (g_str_equal (info->table, "deal") && created_on > 0 && closed_on > 0)
    g_string_append (sql, ", stage_changed_on");
  g_string_append (sql, ") VALUES (?1, ?2, ?3, ?3");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, ", ?");
  if (g_str_equal (info->table, "deal") && created_on > 0 && closed_on > 0)
    g_string_append_printf (sql, ", substr (coalesce (?%u, ?%u), 1, 10)", closed_on, created_on);
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

static const char *
table_sql (PiloteEntity entity,
           TableSql     kind)
{
  static char *cache[PILOTE_N_ENTITIES][N_SQL];
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  const char *table = pilote_entity_get_table (entity);

  if (cache[entity][kind] == NULL)
    cache[entity][kind] =
      kind == SQL_FIND_ID
        ? g_strdup_printf ("SELECT id FROM %s WHERE ref = ? AND deleted_at IS NULL", table)
      : kind == SQL_MAX_ID ? g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s", table)
      : kind == SQL_EXISTS ? g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table)
      : build_insert (pilote_entity_get_info (entity));
  return cache[entity][kind];
}

static gint64
query_id (PiloteStore *store,
          PiloteStmt  *stmt)
{
  gint64 id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  pilote_stmt_release (stmt);
  return id;
}

/* the id of the record that is not deleted and has this reference, or 0 */
gint64
pilote_import_bulk_find_id (PiloteImportState *im,
                            PiloteEntity       entity,
                            const char        *ref,
                            GError           **error)
{
  PiloteStmt *stmt = pilote_store_prepare (im->store, table_sql (entity, SQL_FIND_ID), error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, ref, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    pilote_store_set_sql_error (im->store, error);
  pilote_stmt_release (stmt);
  return id;
}

/* whether the batch added the record, or wrote it already */
gboolean
pilote_import_bulk_added (PiloteImportState *im,
                          PiloteEntity       entity,
                          gint64             id)
{
  return im->bulk && id > im->first_ids[entity];
}

/* Linked records */

/* Reads the references and name keys of a table of linked records, when
 * it is small enough to be held in memory: the lookups of the rows are then
 * hash lookups, as pilote_store_find_by_ref () and _find_by_name () would
 * find them (among equal keys, the oldest record). */
static gboolean
hold_table (PiloteImportState *im,
            PiloteEntity       entity)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (entity);
  g_autofree char *sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  PiloteStmt *count;

  if (!im->bulk || !info->name_key || im->not_held[entity])
    return FALSE;
  if (im->by_ref[entity] != NULL)
    return TRUE;
  im->not_held[entity] = TRUE;
  count = pilote_store_prepare (im->store, table_sql (entity, SQL_MAX_ID), NULL);
  if (query_id (im->store, count) > PILOTE_IMPORT_MAX_CACHED_NAMES)
    return FALSE;

  sql = g_strdup_printf ("SELECT id, ref, name_key FROM %s WHERE deleted_at IS NULL ORDER BY id",
                         info->table);
  stmt = pilote_store_prepare (im->store, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  im->by_ref[entity] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_key[entity] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gpointer id = GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0));
      const char *ref = (const char *) sqlite3_column_text (stmt, 1);
      const char *key = (const char *) sqlite3_column_text (stmt, 2);

      if (ref != NULL)
        g_hash_table_insert (im->by_ref[entity], g_strdup (ref), id);
      if (key != NULL && !g_hash_table_contains (im->by_key[entity], key))
        g_hash_table_insert (im->by_key[entity], g_strdup (key), id);
    }
  im->not_held[entity] = FALSE;
  return TRUE;
}

/* %TRUE when the records of @entity are held in memory: @id is then the
 * record whose reference is @name, else whose name key is @key, or 0 */
gboolean
pilote_import_bulk_lookup (PiloteImportState *im,
                           PiloteEntity       entity,
                           const char        *name,
                           const char        *key,
                           gint64            *id)
{
  gpointer found;

  if (!hold_table (im, entity))
    return FALSE;
  found = g_hash_table_lookup (im->by_ref[entity], name);
  if (found == NULL)
    found = g_hash_table_lookup (im->by_key[entity], key);
  *id = (gint64) GPOINTER_TO_SIZE (found);
  return TRUE;
}

/* a record the import created */
void
pilote_import_bulk_remember (PiloteImportState *im,
                             PiloteEntity       entity,
                             const char        *key,
                             gint64             id)
{
  if (im->by_key[entity] != NULL && key != NULL &&
      !g_hash_table_contains (im->by_key[entity], key))
    g_hash_table_insert (im->by_key[entity], g_strdup (key), GSIZE_TO_POINTER ((gsize) id));
}

/* Indexes */

/* whether the SQL text names @column as a word of its own */
static gboolean
sql_names_column (const char *sql,
                  const char *column)
{
  gsize len = strlen (column);

  for (const char *p = strstr (sql, column); p != NULL; p = strstr (p + 1, column))
    if ((p == sql || !(g_ascii_isalnum (p[-1]) || p[-1] == '_')) &&
        !(g_ascii_isalnum (p[len]) || p[len] == '_'))
      return TRUE;
  return FALSE;
}

/* Drops the secondary indexes of @tables, not those that keep references
 * unique; with @columns, only those that name one of them */
static gboolean
drop_indexes_of (PiloteImportState  *im,
                 const char *const  *tables,
                 const char *const  *columns,
                 GError            **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  stmt = pilote_store_prepare (im->store,
                               "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                               " AND tbl_name = ? AND sql IS NOT NULL"
                               " AND sql NOT LIKE 'CREATE UNIQUE%'",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint t = 0; tables[t] != NULL; t++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, tables[t], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *sql = (const char *) sqlite3_column_text (stmt, 1);
          gboolean named = columns == NULL;

          for (guint c = 0; !named && columns[c] != NULL; c++)
            named = sql_names_column (sql, columns[c]);
          /* the rows of a file of named records without reference find
           * their record by its name key (pilote_store_find_by_name ()):
           * that index stays, as those of the references do */
          if (!named || (g_str_equal (tables[t], im->info->table) &&
                         im->profile->entity != PILOTE_ENTITY_DEAL &&
                         sql_names_column (sql, "name_key")))
            continue;
          g_ptr_array_add (names, pilote_column_dup (stmt, 0));
          g_ptr_array_add (im->dropped_indexes, g_strdup (sql));
        }
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  for (guint i = 0; i < names->len; i++)
    {
      /* names come from the schema itself */
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"",
                                              (const char *) g_ptr_array_index (names, i));

      if (!pilote_store_exec (im->store, sql, error))
        return FALSE;
    }
  g_debug ("Import: %u indexes of %s dropped until the end of the batch", names->len,
           tables[0]);
  return TRUE;
}

static gboolean
drop_indexes (PiloteImportState  *im,
              GError            **error)
{
  static const char *const deal_tables[] = {
    "deal", "deal_line", "stage_change", "deal_category", NULL
  };
  static const char *const line_tables[] = { "deal_line", "deal_category", NULL };
  static const char *const client_tables[] = { "client", NULL };

  return drop_indexes_of (im, im->profile->entity == PILOTE_ENTITY_DEAL ? deal_tables
                              : im->profile->entity == PILOTE_ENTITY_CLIENT ? client_tables
                              : line_tables,
                          NULL, error);
}

/* Builds the dropped indexes again, before anything reads through them */
gboolean
pilote_import_bulk_ensure_indexes (PiloteImportState  *im,
                                   GError            **error)
{
  im->indexes_checked = TRUE;
  while (im->dropped_indexes != NULL && im->dropped_indexes->len > 0)
    {
      g_autofree char *sql = g_ptr_array_steal_index (im->dropped_indexes, 0);

      if (!pilote_store_exec (im->store, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* Once the first rows are read: drops the indexes of the deal tables when
 * the file is large beside the table */
gboolean
pilote_import_bulk_consider_indexes (PiloteImportState  *im,
                                     GError            **error)
{
  guint64 bytes_read = pilote_csv_reader_get_bytes_read (im->reader);
  guint64 estimate;

  if (!im->bulk || im->indexes_checked || im->result->rows < ESTIMATE_AFTER_ROWS)
    return TRUE;
  im->indexes_checked = TRUE;
  if (im->profile->entity != PILOTE_ENTITY_DEAL &&
      im->profile->entity != PILOTE_ENTITY_DEAL_LINE &&
      im->profile->entity != PILOTE_ENTITY_CLIENT)
    return TRUE;
  if (bytes_read == 0 || im->bytes_total == 0)
    return TRUE;
  estimate = im->bytes_total * im->result->rows / bytes_read;
  if (estimate < REBUILD_MIN_ROWS || estimate < (guint64) im->first_ids[im->profile->entity])
    return TRUE;
  return drop_indexes (im, error);
}

/* Checks */

static int
stage_kind (PiloteImportState *im,
            gint64             stage_id)
{
  gpointer kind;

  if (im->stage_kinds == NULL)
    {
      g_autoptr(PiloteStmt) stmt = NULL;

      im->stage_kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      stmt = pilote_store_prepare (im->store,
                                   "SELECT id, kind FROM stage WHERE deleted_at IS NULL",
                                   NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          const char *nick = (const char *) sqlite3_column_text (stmt, 1);
          int value = g_strcmp0 (nick, "won") == 0 ? PILOTE_STAGE_KIND_WON
                      : g_strcmp0 (nick, "lost") == 0 ? PILOTE_STAGE_KIND_LOST
                      : PILOTE_STAGE_KIND_OPEN;

          g_hash_table_insert (im->stage_kinds, g_memdup2 (&id, sizeof id),
                               GINT_TO_POINTER (value + 1));
        }
    }
  kind = g_hash_table_lookup (im->stage_kinds, &stage_id);
  return kind != NULL ? GPOINTER_TO_INT (kind) - 1 : -1;
}

/* A field of a deal, checked as the record path checks it */
static gboolean
check_field (gpointer            record,
             const PiloteField  *field,
             GError            **error)
{
  gpointer ptr = PILOTE_FIELD_PTR (record, field);
  gboolean required = (field->flags & PILOTE_FIELD_REQUIRED) != 0;
  char **text = ptr;
  GDate date;

  switch (field->type)
    {
    case PILOTE_FIELD_TEXT:
    case PILOTE_FIELD_DATE:
      if (*text != NULL)
        {
          g_strstrip (*text);
          if (**text == '\0')
            g_clear_pointer (text, g_free);
        }
      if (*text == NULL)
        {
          if (!required)
            return TRUE;
          pilote_record_set_field_error (error, field, _("this field cannot be empty."));
          return FALSE;
        }
      if (!g_utf8_validate (*text, -1, NULL))
        {
          pilote_record_set_field_error (error, field, _("the text is not valid UTF-8."));
          return FALSE;
        }
      if (field->type == PILOTE_FIELD_DATE && !pilote_date_parse_iso (*text, &date))
        {
          pilote_record_set_field_error (error, field, _("type a date as YYYY-MM-DD."));
          return FALSE;
        }
      return TRUE;

    case PILOTE_FIELD_REAL:
      {
        double value = *(double *) ptr;

        if (isnan (value) && required)
          {
            pilote_record_set_field_error (error, field, _("this field cannot be empty."));
            return FALSE;
          }
        if (!isnan (value) && !isfinite (value))
          {
            pilote_record_set_field_error (error, field, _("type a number."));
            return FALSE;
          }
        if ((field->flags & PILOTE_FIELD_FRACTION) && !isnan (value) &&
            (value < 0.0 || value > 1.0))
          {
            pilote_record_set_field_error (error, field,
                                           _("type a percentage between 0 and 100."));
            return FALSE;
          }
        return TRUE;
      }

    case PILOTE_FIELD_LINK:
      if (*(gint64 *) ptr <= 0)
        {
          *(gint64 *) ptr = 0;
          if (required)
            {
              pilote_record_set_field_error (error, field, _("choose a record."));
              return FALSE;
            }
        }
      return TRUE;

    case PILOTE_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());

        if (g_enum_get_value (klass, *(int *) ptr) == NULL)
          {
            pilote_record_set_field_error (error, field,
                                           _("choose one of the proposed values."));
            return FALSE;
          }
        return TRUE;
      }

    case PILOTE_FIELD_INT:
    case PILOTE_FIELD_MONEY:
    case PILOTE_FIELD_BOOL:
    case PILOTE_FIELD_ID:
    case PILOTE_FIELD_TIMESTAMP:
    default:
      return TRUE;
    }
}

/* The deal's rules (see prepare_deal () in pilote-entities.c), with the
 * stages' kinds read once */
static gboolean
prepare_deal (PiloteImportState  *im,
              PiloteDeal         *deal,
              GError            **error)
{
  int kind = stage_kind (im, deal->stage_id);

  if (kind < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Stage: choose one of the pipeline's stages."));
      return FALSE;
    }
  deal->status = kind;
  if ((deal->created_on == NULL || deal->closed_on == NULL) && im->today[0] == '\0')
    {
      GDate date;

      pilote_date_set_today (&date);
      pilote_date_to_iso (&date, im->today);
    }
  if (deal->created_on == NULL)
    deal->created_on = g_strdup (im->today);
  if (deal->status == PILOTE_STAGE_KIND_OPEN)
    g_clear_pointer (&deal->closed_on, g_free);
  else if (deal->closed_on == NULL)
    deal->closed_on = g_strdup (im->today);
  if (deal->status != PILOTE_STAGE_KIND_LOST)
    deal->lost_reason_id = 0;
  if (deal->amount < 0 || deal->cost < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Amount: a deal's amount and cost cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

/* Checks and completes a record the batch adds, as
 * pilote_record_prepare_write () does */
gboolean
pilote_import_bulk_prepare (PiloteImportState  *im,
                            gpointer            record,
                            GError            **error)
{
  PiloteRecord *base = record;
  const PiloteEntityInfo *info = pilote_entity_get_info (base->entity);

  if (base->entity != PILOTE_ENTITY_DEAL)
    return pilote_record_prepare_write (im->store, record, NULL, error);

  if (base->ref != NULL)
    {
      g_strstrip (base->ref);
      if (*base->ref == '\0')
        g_clear_pointer (&base->ref, g_free);
    }
  for (guint i = 0; i < info->n_fields; i++)
    if (!(info->fields[i].flags & PILOTE_FIELD_DERIVED) &&
        !check_field (record, &info->fields[i], error))
      return FALSE;
  return prepare_deal (im, record, error);
}

/* Writing */

static const char *
enum_nick (const PiloteField *field,
           int                value)
{
  GType type = field->enum_type ();
  GEnumClass *klass = g_type_class_peek_static (type);
  GEnumValue *ev;

  if (klass == NULL)
    klass = g_type_class_ref (type);
  ev = g_enum_get_value (klass, value);
  return ev != NULL ? ev->value_nick : NULL;
}

/* Foreign keys: a bulk import checks them itself (see
 * pilote_import_bulk_check_links ()). Each record a link names is looked for
 * once; the deal a line belongs to is the deal written just before it. */
#define MAX_KNOWN_IDS 200000

static gboolean
check_link (PiloteImportState  *im,
            const PiloteField  *field,
            PiloteEntity        entity,
            gint64              id,
            GError            **error)
{
  PiloteStmt *stmt;
  gboolean found;

  if (!im->foreign_keys_off || id <= 0 ||
      (entity == PILOTE_ENTITY_DEAL && id == im->last_deal_id))
    return TRUE;
  if (im->known_ids[entity] != NULL &&
      g_hash_table_contains (im->known_ids[entity], GSIZE_TO_POINTER ((gsize) id)))
    return TRUE;
  stmt = pilote_store_prepare (im->store, table_sql (entity, SQL_EXISTS), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  pilote_stmt_release (stmt);
  if (!found)
    {
      if (field != NULL)
        pilote_record_set_field_error (error, field, _("choose a record."));
      else
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, _("choose a record."));
      return FALSE;
    }
  if (im->known_ids[entity] == NULL)
    im->known_ids[entity] = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (g_hash_table_size (im->known_ids[entity]) >= MAX_KNOWN_IDS)
    g_hash_table_remove_all (im->known_ids[entity]);
  g_hash_table_add (im->known_ids[entity], GSIZE_TO_POINTER ((gsize) id));
  return TRUE;
}

/* The rows written by the record path in the batch (updates, linked
 * records created), checked against their tables' foreign keys as SQLite
 * would have checked them */
static gboolean
check_audited_links (PiloteImportState  *im,
                     GError            **error)
{
  g_autoptr(PiloteStmt) any = NULL;
  g_autoptr(PiloteStmt) keys = NULL;

  any = pilote_store_prepare (im->store,
                              "SELECT 1 FROM audit_entry WHERE batch_id = ? AND table_name = ?"
                              " LIMIT 1", error);
  keys = pilote_store_prepare (im->store,
                               "SELECT \"from\", \"table\", ifnull (\"to\", 'id')"
                               " FROM pragma_foreign_key_list (?)", error);
  if (any == NULL || keys == NULL)
    return FALSE;
  for (guint e = 0; e < PILOTE_N_ENTITIES; e++)
    {
      const char *table = pilote_entity_get_table (e);

      sqlite3_reset (any);
      sqlite3_bind_int64 (any, 1, im->batch_id);
      sqlite3_bind_text (any, 2, table, -1, SQLITE_STATIC);
      if (sqlite3_step (any) != SQLITE_ROW)
        continue;
      sqlite3_reset (keys);
      sqlite3_bind_text (keys, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (keys) == SQLITE_ROW)
        {
          g_autoptr(PiloteStmt) check = NULL;
          g_autofree char *sql = NULL;

          /* names from the schema itself */
          sql = g_strdup_printf ("SELECT 1 FROM \"%s\" c JOIN audit_entry a ON a.row_id = c.id"
                                 " WHERE a.batch_id = ?1 AND a.table_name = '%s'"
                                 " AND c.\"%s\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"%s\" p"
                                 " WHERE p.\"%s\" = c.\"%s\") LIMIT 1",
                                 table, table, sqlite3_column_text (keys, 0),
                                 sqlite3_column_text (keys, 1), sqlite3_column_text (keys, 2),
                                 sqlite3_column_text (keys, 0));
          check = pilote_store_prepare (im->store, sql, error);
          if (check == NULL)
            return FALSE;
          sqlite3_bind_int64 (check, 1, im->batch_id);
          if (sqlite3_step (check) == SQLITE_ROW)
            {
              g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                           "FOREIGN KEY constraint failed (%s.%s)", table,
                           sqlite3_column_text (keys, 0));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
bind_fields (PiloteImportState      *im,
             PiloteStmt             *stmt,
             const PiloteEntityInfo *info,
             gconstpointer           record,
             GError                **error)
{
  int index = 4;
  const char *name = NULL;

  pilote_bind_text (stmt, 1, ((const PiloteRecord *) record)->ref);
  pilote_bind_id (stmt, 2, pilote_store_get_member_id (im->store));
  sqlite3_bind_text (stmt, 3, im->now, -1, SQLITE_STATIC);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const PiloteField *field = &info->fields[i];
      gconstpointer ptr = PILOTE_FIELD_PTR (record, field);

      if (field->flags & PILOTE_FIELD_NAME)
        name = *(char *const *) ptr;
      if (!field_is_written (field))
        continue;
      switch (field->type)
        {
        case PILOTE_FIELD_INT:
        case PILOTE_FIELD_MONEY:
          if ((field->flags & PILOTE_FIELD_NULLABLE) && *(const gint64 *) ptr == G_MININT64)
            sqlite3_bind_null (stmt, index);
          else
            sqlite3_bind_int64 (stmt, index, *(const gint64 *) ptr);
          break;
        case PILOTE_FIELD_LINK:
          if (!check_link (im, field, field->link, *(const gint64 *) ptr, error))
            return FALSE;
          pilote_bind_id (stmt, index, *(const gint64 *) ptr);
          break;
        case PILOTE_FIELD_ID:
          pilote_bind_id (stmt, index, *(const gint64 *) ptr);
          break;
        case PILOTE_FIELD_BOOL:
          sqlite3_bind_int (stmt, index, *(const gboolean *) ptr ? 1 : 0);
          break;
        case PILOTE_FIELD_REAL:
          if (isnan (*(const double *) ptr))
            sqlite3_bind_null (stmt, index);
          else
            sqlite3_bind_double (stmt, index, *(const double *) ptr);
          break;
        case PILOTE_FIELD_ENUM:
          sqlite3_bind_text (stmt, index, enum_nick (field, *(const int *) ptr), -1,
                             SQLITE_STATIC);
          break;
        case PILOTE_FIELD_TEXT:
        case PILOTE_FIELD_DATE:
        case PILOTE_FIELD_TIMESTAMP:
        default:
          {
            const char *text = *(char *const *) ptr;

            if (text != NULL)
              sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
            else
              sqlite3_bind_null (stmt, index);
          }
          break;
        }
      index++;
    }
  if (info->name_key)
    sqlite3_bind_text (stmt, index, name != NULL ? pilote_text_fold (name) : NULL, -1, g_free);
  return TRUE;
}

static gboolean drop_triggers (PiloteImportState  *im,
                               const char *const  *names,
                               GError            **error);

/* Clients */

/* what the deals a batch added bring to a client: the revenue the
 * suspended trigger would have added, and the first date they were won */
typedef struct {
  gint64 won_sum;
  char   first_won[PILOTE_ISO_DATE_LEN];
} ClientWon;

static void
count_won_deal (PiloteImportState *im,
                const PiloteDeal  *deal)
{
  ClientWon *won;

  if (deal->status != PILOTE_STAGE_KIND_WON || deal->client_id <= 0 || deal->closed_on == NULL)
    return;
  won = g_hash_table_lookup (im->client_won, &deal->client_id);
  if (won == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = deal->client_id;
      won = g_new0 (ClientWon, 1);
      g_hash_table_insert (im->client_won, key, won);
    }
  won->won_sum += deal->amount;
  if (won->first_won[0] == '\0' || strcmp (deal->closed_on, won->first_won) < 0)
    g_strlcpy (won->first_won, deal->closed_on, sizeof won->first_won);
}

/* The clients of the deals the batch added: their revenue to date grows
 * by those deals' amounts (what the suspended trigger adds for each), and
 * their acquisition date is the earlier of theirs and their first deal won
 * here (what pilote_client_refresh_acquisition () computes, as every write
 * keeps it). One write per client, in the order of ids. */
static gboolean
write_clients (PiloteImportState  *im,
               GError            **error)
{
  static const char *const client_triggers[] = {
    "client_kpi_update_before", "client_kpi_update_after", "client_kpi_dirty_update", NULL
  };
  static const char *const client_tables[] = { "client", NULL };
  static const char *const client_columns[] = { "revenue_to_date", "acquired_on", "kind", NULL };
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GList) keys = NULL;

  if (g_hash_table_size (im->client_won) == 0)
    return TRUE;
  stmt = pilote_store_prepare (im->store,
                               "UPDATE client SET revenue_to_date = revenue_to_date + ?2,"
                               " acquired_on = CASE WHEN acquired_on IS NULL OR ?3 < acquired_on"
                               "   THEN ?3 ELSE acquired_on END,"
                               " kind = CASE WHEN kind = 'prospect' THEN 'client' ELSE kind END"
                               " WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  /* their conditions are false for these columns, but their mere presence
   * would copy every page each update changes to a statement journal
   * (suspend_triggers ()); resume_triggers () creates them again */
  if (!drop_triggers (im, client_triggers, error))
    return FALSE;
  /* many clients: the indexes of these columns built again after, rather
   * than six random changes of index for each */
  if (g_hash_table_size (im->client_won) >= REBUILD_MIN_CLIENTS &&
      g_hash_table_size (im->client_won) >=
        query_id (im->store, pilote_store_prepare (im->store,
                                                   table_sql (PILOTE_ENTITY_CLIENT, SQL_MAX_ID),
                                                   NULL)) / 4 &&
      !drop_indexes_of (im, client_tables, client_columns, error))
    return FALSE;
  keys = g_list_sort (g_hash_table_get_keys (im->client_won), compare_ids);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const ClientWon *won = g_hash_table_lookup (im->client_won, l->data);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, *(const gint64 *) l->data);
      sqlite3_bind_int64 (stmt, 2, im->revenue_kept ? won->won_sum : 0);
      sqlite3_bind_text (stmt, 3, won->first_won, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          pilote_store_set_sql_error (im->store, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* The open pipeline */

/* what the open deals a batch added bring to a group of the pipeline's
 * summary: what its dropped insert trigger would have added for each */
typedef struct {
  gint64                 stage_id;
  gint64                 owner_id;
  gint64                 segment_id;           /* the client's, 0 for none */
  char                   expected_month[8];    /* YYYY-MM, or empty */
  PiloteForecastCategory forecast_category;
  gint64                 n;
  gint64                 amount;
  double                 weighted;
  gint64                 unweighted;
} PipelineSum;

static guint
pipeline_sum_hash (gconstpointer p)
{
  const PipelineSum *sum = p;

  return (((g_int64_hash (&sum->stage_id) * 31 + g_int64_hash (&sum->owner_id)) * 31 +
           g_int64_hash (&sum->segment_id)) * 31 + g_str_hash (sum->expected_month)) * 31 +
         (guint) sum->forecast_category;
}

static gboolean
pipeline_sum_equal (gconstpointer a,
                    gconstpointer b)
{
  const PipelineSum *x = a, *y = b;

  return x->stage_id == y->stage_id && x->owner_id == y->owner_id &&
         x->segment_id == y->segment_id && x->forecast_category == y->forecast_category &&
         strcmp (x->expected_month, y->expected_month) == 0;
}

/* as the deal's column holds it */
static const char *
forecast_category_text (PiloteForecastCategory category)
{
  switch (category)
    {
    case PILOTE_FORECAST_BEST_CASE: return "best-case";
    case PILOTE_FORECAST_COMMIT: return "commit";
    case PILOTE_FORECAST_PIPELINE:
    default: return "pipeline";
    }
}

static gboolean
count_open_deal (PiloteImportState  *im,
                 const PiloteDeal   *deal,
                 GError            **error)
{
  PipelineSum key = { .stage_id = deal->stage_id, .owner_id = MAX (deal->owner_id, 0),
                      .forecast_category = deal->forecast_category };
  PipelineSum *sum;

  /* the month of an ISO date, as substr (expected_close_on, 1, 7) */
  if (deal->expected_close_on != NULL)
    g_strlcpy (key.expected_month, deal->expected_close_on, sizeof key.expected_month);

  if (!im->pipeline_kept || deal->status != PILOTE_STAGE_KIND_OPEN ||
      deal->base.deleted_at != NULL)
    return TRUE;
  /* the segment of its client, written before it */
  if (deal->client_id > 0)
    {
      g_autoptr(PiloteStmt) stmt = pilote_store_prepare (im->store,
                                                         "SELECT coalesce (segment_id, 0)"
                                                         " FROM client WHERE id = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, deal->client_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        key.segment_id = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        {
          pilote_store_set_sql_error (im->store, error);
          return FALSE;
        }
    }
  if (im->pipeline_added == NULL)
    im->pipeline_added = g_hash_table_new_full (pipeline_sum_hash, pipeline_sum_equal,
                                                g_free, NULL);
  sum = g_hash_table_lookup (im->pipeline_added, &key);
  if (sum == NULL)
    {
      sum = g_memdup2 (&key, sizeof key);
      g_hash_table_add (im->pipeline_added, sum);
    }
  sum->n++;
  sum->amount += deal->amount;
  /* coalesce (amount × probability, 0), and the amount of those without */
  if (isnan (deal->probability))
    sum->unweighted += deal->amount;
  else
    sum->weighted += deal->amount * deal->probability;
  return TRUE;
}

/* One write per group of stage, owner, segment, month of expected close and
 * forecast category, of the sums of its open deals
 * the batch added; updates of these deals in the batch went through the
 * update trigger, which takes off and adds back: the order is of no
 * matter. */
static gboolean
write_pipeline (PiloteImportState  *im,
                GError            **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  if (im->pipeline_added == NULL)
    return TRUE;
  stmt = pilote_store_prepare (im->store,
                               "INSERT INTO pipeline_summary (stage_id, owner_id, n, amount,"
                               " weighted, unweighted, expected_month, forecast_category,"
                               " segment_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                               " ON CONFLICT (stage_id, owner_id, segment_id, expected_month,"
                               " forecast_category) DO UPDATE SET n = n + excluded.n,"
                               " amount = amount + excluded.amount,"
                               " weighted = weighted + excluded.weighted,"
                               " unweighted = unweighted + excluded.unweighted",
                               error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, im->pipeline_added);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const PipelineSum *sum = key;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, sum->stage_id);
      sqlite3_bind_int64 (stmt, 2, sum->owner_id);
      sqlite3_bind_int64 (stmt, 3, sum->n);
      sqlite3_bind_int64 (stmt, 4, sum->amount);
      sqlite3_bind_double (stmt, 5, sum->weighted);
      sqlite3_bind_int64 (stmt, 6, sum->unweighted);
      sqlite3_bind_text (stmt, 7, sum->expected_month, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, forecast_category_text (sum->forecast_category),
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, sum->segment_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          pilote_store_set_sql_error (im->store, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs @sql, whose ?1 is the largest id @entity had before the batch:
 * what a dropped trigger would have written for each record added */
static gboolean
exec_for_added (PiloteImportState  *im,
                const char         *sql,
                PiloteEntity        entity,
                GError            **error)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (im->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, im->first_ids[entity]);
  return pilote_store_step_done (im->store, stmt, error);
}

/* What the dropped insert triggers of the clients would have written for
 * each client the batch added: its row of the search index, and the names
 * of its owner, segment and channel */
static gboolean
write_client_names (PiloteImportState  *im,
                    GError            **error)
{
  return (!im->client_search_kept ||
          exec_for_added (im, "INSERT INTO client_search (rowid, name, city)"
                              " SELECT id, name, city FROM client WHERE id > ?1",
                          PILOTE_ENTITY_CLIENT, error)) &&
         (!im->client_names_kept ||
          exec_for_added (im, "UPDATE client SET"
                              " owner_name = (SELECT t.name FROM member t"
                              "   WHERE t.id = client.owner_id),"
                              " segment_name = (SELECT t.name FROM segment t"
                              "   WHERE t.id = client.segment_id),"
                              " channel_name = (SELECT t.name FROM channel t"
                              "   WHERE t.id = client.channel_id)"
                              " WHERE id > ?1 AND (owner_id IS NOT NULL"
                              "  OR segment_id IS NOT NULL OR channel_id IS NOT NULL)",
                          PILOTE_ENTITY_CLIENT, error));
}

/* The activities done the batch added, counted by month, owner and kind
 * at once, as the dropped insert trigger would have one at a time */
static gboolean
count_activities (PiloteImportState  *im,
                  GError            **error)
{
  return !im->activity_months_kept ||
         exec_for_added (im, PILOTE_ACTIVITY_MONTH_SUM ("a.id > ?1"), PILOTE_ENTITY_ACTIVITY,
                         error);
}

/* Inserts a checked record without an audit entry of its own */
gboolean
pilote_import_bulk_insert (PiloteImportState  *im,
                           gpointer            data,
                           GError            **error)
{
  PiloteRecord *record = data;
  const PiloteEntityInfo *info = pilote_entity_get_info (record->entity);
  PiloteStmt *stmt;
  gboolean ok;

  stmt = pilote_store_prepare (im->store, table_sql (record->entity, SQL_INSERT), error);
  if (stmt == NULL)
    return FALSE;
  ok = bind_fields (im, stmt, info, record, error) &&
       pilote_store_step_done (im->store, stmt, error);
  /* the statement stays prepared; its texts were bound without copies */
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;
  record->id = sqlite3_last_insert_rowid (pilote_store_get_db (im->store));
  record->version = 1;
  if (record->entity == PILOTE_ENTITY_DEAL)
    {
      im->last_deal_id = record->id;
      count_won_deal (im, (const PiloteDeal *) record);
      if (!count_open_deal (im, (const PiloteDeal *) record, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes the group's deal with the sum of its lines, then the lines */
gboolean
pilote_import_bulk_flush (PiloteImportState  *im,
                          GError            **error)
{
  PiloteDeal *deal = (PiloteDeal *) im->pending_deal;
  gint64 amount = 0, cost = 0;

  if (deal == NULL)
    return TRUE;
  for (guint i = 0; i < im->pending_lines->len; i++)
    {
      gint64 line_amount, line_cost;

      pilote_import_bulk_line_totals (g_ptr_array_index (im->pending_lines, i), &line_amount,
                                      &line_cost);
      amount += line_amount;
      cost += line_cost;
    }
  if (im->pending_lines->len > 0)
    {
      deal->amount = amount;
      deal->cost = cost;
    }
  if (!pilote_import_bulk_insert (im, deal, error))
    goto done;
  for (guint i = 0; i < im->pending_lines->len; i++)
    {
      PiloteDealLine *line = g_ptr_array_index (im->pending_lines, i);

      line->deal_id = deal->base.id;
      if (!pilote_import_bulk_insert (im, line, error))
        goto done;
    }
  if (im->group_key != NULL && im->group_deal_id == 0)
    im->group_deal_id = deal->base.id;

done:
  g_clear_pointer (&im->pending_deal, pilote_record_free);
  g_ptr_array_set_size (im->pending_lines, 0);
  return error == NULL || *error == NULL;
}

/* The batch */

/* Triggers on inserts that a bulk import does the work of at the end:
 *
 * - each client keeps its revenue to date for the Clients view's sort, kept
 *   by a trigger on every deal written: a bulk import of deals adds the
 *   amounts of the deals it added to their clients once, at the end
 *   (write_clients ());
 * - the open pipeline's summary by stage and owner: the sums of the open
 *   deals added are kept in memory and added once (write_pipeline ());
 * - the KPIs' monthly summaries are kept by triggers on deals and lines:
 *   a bulk import suspends them (pilote_kpi_summary_suspend ()), lists the
 *   months of the deals it added or gave lines to, and has them computed
 *   again at the end (pilote_kpi_summary_resume ()); the triggers that
 *   would list those months one row at a time, and the clients' months,
 *   wait for it too;
 * - the date of a deal's last stage change: the insert gives it
 *   (build_insert ()), so the trigger that fills it in would never act;
 * - the clients' search index, and the names of their owner, segment and
 *   channel kept for sorting: written for all the clients added at once
 *   (write_client_names ());
 * - the activities done by month: those added counted at once
 *   (count_activities ()); a batch never changes an activity it added.
 *
 * They are dropped, not only left to find their condition false: an
 * insert that fires a trigger, whatever its condition, may fail halfway
 * through, so SQLite first copies each page it is about to change into a
 * statement journal. For 100 000 deals with their lines that was 3.7 GB
 * written to a temporary file, half the time of the rows.
 *
 * Rows that update existing deals go through the other triggers. The
 * triggers are dropped and created again inside the transaction: a failed
 * or cancelled import leaves them as they were. */
static gboolean
drop_trigger (PiloteImportState  *im,
              const char         *name,
              gboolean           *dropped,
              GError            **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *drop = NULL;

  *dropped = FALSE;
  stmt = pilote_store_prepare (im->store,
                               "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = pilote_column_dup (stmt, 0);
  g_clear_pointer (&stmt, pilote_stmt_release);
  if (sql == NULL)
    return TRUE;
  /* names from the lists below */
  drop = g_strdup_printf ("DROP TRIGGER \"%s\"", name);
  if (!pilote_store_exec (im->store, drop, error))
    return FALSE;
  g_ptr_array_add (im->dropped_triggers, g_steal_pointer (&sql));
  *dropped = TRUE;
  return TRUE;
}

static gboolean
drop_triggers (PiloteImportState  *im,
               const char *const  *names,
               GError            **error)
{
  gboolean dropped;

  for (guint i = 0; names[i] != NULL; i++)
    if (!drop_trigger (im, names[i], &dropped, error))
      return FALSE;
  return TRUE;
}

static gboolean
suspend_triggers (PiloteImportState  *im,
                  GError            **error)
{
  /* besides those of the revenue and the pipeline, below */
  /* the stage changes the batch writes carry their owner, segment, client
   * and channel: the triggers that fill them in for other writers would
   * only look them up again, for each */
  static const char *const deal_triggers[] = {
    "deal_kpi_insert", "deal_kpi_dirty_insert", "deal_client_month_insert",
    "deal_stage_changed_insert", "stage_change_owner_insert", "stage_change_segment_insert",
    "stage_change_client_insert", "stage_change_categories_insert", NULL
  };
  static const char *const line_triggers[] = {
    "deal_line_kpi_insert_before", "deal_line_kpi_insert_after", "deal_line_kpi_dirty_insert",
    "deal_line_category_insert", "deal_line_category_dirty_insert", NULL
  };

  if (im->profile->entity == PILOTE_ENTITY_CLIENT)
    return drop_trigger (im, "client_search_insert", &im->client_search_kept, error) &&
           drop_trigger (im, "client_linked_names_insert", &im->client_names_kept, error);
  if (im->profile->entity == PILOTE_ENTITY_ACTIVITY)
    return drop_trigger (im, "activity_month_insert", &im->activity_months_kept, error);
  /* products that change category: their deals summed again once, at the
   * end, rather than once for each product */
  if (im->profile->entity == PILOTE_ENTITY_PRODUCT)
    {
      im->kpi_suspended = pilote_kpi_summary_suspend (im->store, error);
      return im->kpi_suspended;
    }
  if (im->profile->entity != PILOTE_ENTITY_DEAL &&
      im->profile->entity != PILOTE_ENTITY_DEAL_LINE)
    return TRUE;
  if (!pilote_kpi_summary_suspend (im->store, error))
    return FALSE;
  im->kpi_suspended = TRUE;
  if (im->profile->entity == PILOTE_ENTITY_DEAL &&
      (!drop_trigger (im, "deal_revenue_insert", &im->revenue_kept, error) ||
       !drop_trigger (im, "deal_pipeline_insert", &im->pipeline_kept, error) ||
       !drop_triggers (im, deal_triggers, error)))
    return FALSE;
  return drop_triggers (im, line_triggers, error);
}

/* runs @sql, which lists what the batch wrote: ?1 and ?2 are the ids
 * before its first deal and its first line */
static gboolean
list_batch_deals (PiloteImportState  *im,
                  const char         *sql,
                  GError            **error)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (im->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, im->first_ids[PILOTE_ENTITY_DEAL]);
  sqlite3_bind_int64 (stmt, 2, im->first_ids[PILOTE_ENTITY_DEAL_LINE]);
  return pilote_store_step_done (im->store, stmt, error);
}

static gboolean
resume_triggers (PiloteImportState  *im,
                 GError            **error)
{
  while (im->dropped_triggers->len > 0)
    {
      g_autofree char *sql = g_ptr_array_steal_index (im->dropped_triggers, 0);

      if (!pilote_store_exec (im->store, sql, error))
        return FALSE;
    }
  if (!im->kpi_suspended)
    return TRUE;
  /* what the insert triggers would have listed: the months of the closed
   * deals the batch added, or added lines to */
  if (!list_batch_deals (im, "INSERT OR IGNORE INTO kpi_dirty (month)"
                             " SELECT DISTINCT substr (closed_on, 1, 7) FROM deal"
                             " WHERE status <> 'open' AND (id > ?1 OR id IN"
                             "  (SELECT deal_id FROM deal_line WHERE id > ?2))", error))
    return FALSE;
  im->kpi_suspended = FALSE;
  return pilote_kpi_summary_resume (im->store, error);
}

gboolean
pilote_import_bulk_begin (PiloteImportState  *im,
                          GError            **error)
{
  im->pending_lines = g_ptr_array_new_with_free_func (pilote_record_free);
  im->dropped_indexes = g_ptr_array_new_with_free_func (g_free);
  im->dropped_triggers = g_ptr_array_new_with_free_func (g_free);
  im->refresh_deals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  im->refresh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  im->client_won = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!im->bulk)
    return TRUE;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

    g_snprintf (im->now, sizeof im->now, "%s.%03dZ", seconds,
                g_date_time_get_microsecond (now) / 1000);
  }
  for (guint e = 0; e < PILOTE_N_ENTITIES; e++)
    {
      PiloteStmt *stmt = pilote_store_prepare (im->store, table_sql (e, SQL_MAX_ID), error);

      if (stmt == NULL)
        return FALSE;
      im->first_ids[e] = query_id (im->store, stmt);
    }
  if (!suspend_triggers (im, error))
    return FALSE;
  return pilote_store_exec (im->store, "PRAGMA cache_size = " BULK_CACHE_SIZE, error);
}

/* a deal the batch added whose lines came in more than one run of rows */
void
pilote_import_bulk_refresh_later (PiloteImportState *im,
                                  gint64             deal_id)
{
  if (g_hash_table_contains (im->refresh_deals, &deal_id))
    return;
  g_array_append_val (im->refresh_ids, deal_id);
  g_hash_table_insert (im->refresh_deals, g_memdup2 (&deal_id, sizeof deal_id), NULL);
}

/* the deals the batch added, or added lines to, by category, before their
 * first stage changes (which carry their categories) and before the
 * indexes are built again; what the insert triggers, dropped, would have
 * done */
static gboolean
sum_categories (PiloteImportState  *im,
                GError            **error)
{
  return !im->kpi_suspended ||
         (list_batch_deals (im, "INSERT OR IGNORE INTO category_dirty (deal_id)"
                                " SELECT id FROM deal WHERE id > ?1"
                                " UNION ALL SELECT deal_id FROM deal_line WHERE id > ?2",
                            error) &&
          pilote_kpi_summary_sum_categories (im->store, error));
}

/* the first stage change of each deal the batch added, before the indexes
 * of stage_change are built again; of the date the deal carries since its
 * insert (build_insert ()) */
static gboolean
insert_stage_changes (PiloteImportState  *im,
                      GError            **error)
{
  g_autoptr(PiloteStmt) insert = NULL;

  insert = pilote_store_prepare (im->store,
                                 "INSERT INTO stage_change (deal_id, from_stage_id, to_stage_id,"
                                 " changed_at, changed_by, batch_id, owner_id, segment_id,"
                                 " client_id, channel_id, categories) SELECT d.id, NULL,"
                                 " d.stage_id,"
                                 " coalesce (d.closed_on, d.created_on) || 'T00:00:00.000Z', ?2,"
                                 " ?3, d.owner_id, c.segment_id, d.client_id,"
                                 " coalesce (d.channel_id, c.channel_id), "
                                 PILOTE_DEAL_CATEGORIES ("d.id") " FROM deal d"
                                 " LEFT JOIN client c ON c.id = d.client_id WHERE d.id > ?1",
                                 error);
  if (insert == NULL ||
      !check_link (im, NULL, PILOTE_ENTITY_MEMBER, pilote_store_get_member_id (im->store), error))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, im->first_ids[PILOTE_ENTITY_DEAL]);
  pilote_bind_id (insert, 2, pilote_store_get_member_id (im->store));
  sqlite3_bind_int64 (insert, 3, im->batch_id);
  return pilote_store_step_done (im->store, insert, error);
}

static gboolean
write_ranges (PiloteImportState  *im,
              GError            **error)
{
  g_autoptr(GString) changes = g_string_new ("{");

  for (guint e = 0; e < PILOTE_N_ENTITIES; e++)
    {
      PiloteStmt *stmt = pilote_store_prepare (im->store, table_sql (e, SQL_MAX_ID), error);
      gint64 last;

      if (stmt == NULL)
        return FALSE;
      last = query_id (im->store, stmt);
      if (last <= im->first_ids[e])
        continue;
      g_string_append_printf (changes, "%s\"%s\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                              changes->len > 1 ? ", " : "", pilote_entity_get_table (e),
                              im->first_ids[e] + 1, last);
    }
  if (changes->len == 1)
    return TRUE;
  g_string_append_c (changes, '}');
  /* one entry for the batch: {"table": [first id, last id], …} */
  return pilote_audit_write (im->store, "import_batch", im->batch_id, "insert", changes->str,
                             im->batch_id, error);
}

/* CPU time of the process, for the debug messages of each step */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define STEP(what, call) \
  G_STMT_START { \
    double step_start = cpu_seconds (); \
    if (!(call)) \
      return FALSE; \
    g_debug ("Import: %s in %.2f s of CPU", what, cpu_seconds () - step_start); \
  } G_STMT_END

/* Before the derived data: the stage changes, the indexes back, the audit
 * entry of the records the batch added, their clients' figures */
gboolean
pilote_import_bulk_finish (PiloteImportState  *im,
                           GError            **error)
{
  if (!im->bulk)
    return TRUE;
  STEP ("last deal", pilote_import_bulk_flush (im, error));
  STEP ("links of the rows updated", !im->foreign_keys_off || check_audited_links (im, error));
  STEP ("deals by category", sum_categories (im, error));
  STEP ("stage changes", insert_stage_changes (im, error));
  /* SQLite sorts the indexes it builds in as much memory as the page
   * cache may hold: the store's own cache from now on, so that the peak of
   * memory stays where the rows left it */
  STEP ("indexes", pilote_store_exec (im->store, "PRAGMA cache_size = " STORE_CACHE_SIZE, error) &&
                   pilote_import_bulk_ensure_indexes (im, error));
  STEP ("ranges", write_ranges (im, error));
  STEP ("clients", write_clients (im, error) && pilote_import_bulk_ensure_indexes (im, error));
  STEP ("pipeline", write_pipeline (im, error));
  STEP ("clients' search and names", write_client_names (im, error));
  STEP ("activities by month", count_activities (im, error));
  for (guint i = 0; i < im->refresh_ids->len; i++)
    if (!pilote_deal_refresh_totals (im->store, g_array_index (im->refresh_ids, gint64, i),
                                     error))
      return FALSE;
  STEP ("triggers and KPI summaries", resume_triggers (im, error));
  return TRUE;
}

/* After the batch, committed or not */
void
pilote_import_bulk_end (PiloteImportState *im)
{
  if (im->bulk)
    pilote_store_exec (im->store, "PRAGMA cache_size = " STORE_CACHE_SIZE, NULL);
  g_clear_pointer (&im->pending_deal, pilote_record_free);
  g_clear_pointer (&im->pending_lines, g_ptr_array_unref);
  g_clear_pointer (&im->dropped_indexes, g_ptr_array_unref);
  g_clear_pointer (&im->dropped_triggers, g_ptr_array_unref);
  g_clear_pointer (&im->refresh_deals, g_hash_table_unref);
  g_clear_pointer (&im->refresh_ids, g_array_unref);
  g_clear_pointer (&im->client_won, g_hash_table_unref);
  g_clear_pointer (&im->pipeline_added, g_hash_table_unref);
  g_clear_pointer (&im->stage_kinds, g_hash_table_unref);
  for (guint e = 0; e < PILOTE_N_ENTITIES; e++)
    {
      g_clear_pointer (&im->by_ref[e], g_hash_table_unref);
      g_clear_pointer (&im->by_key[e], g_hash_table_unref);
      g_clear_pointer (&im->known_ids[e], g_hash_table_unref);
    }
}
