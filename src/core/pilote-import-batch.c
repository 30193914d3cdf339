/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-import-batch.h"
#include "pilote-record-private.h"

/* The import history: every import of the file, newest first, with who
 * ran it and what it wrote. */

void
pilote_import_batch_free (PiloteImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->source);
  g_free (batch->imported_at);
  g_free (batch->imported_by);
  g_free (batch->undone_at);
  g_free (batch->profile);
  g_free (batch);
}

/**
 * pilote_import_batch_list:
 * @limit: at most this many
 * @offset: after skipping this many of the newest
 *
 * Returns: (transfer full): the imports, newest first (PiloteImportBatch),
 *   or %NULL with @error set
 */
#define BATCH_COLUMNS \
  "SELECT b.id, b.entity, b.source, b.imported_at, m.name," \
  " b.inserted, b.updated, b.created, b.undone_at, b.profile" \
  " FROM import_batch b LEFT JOIN member m ON m.id = b.imported_by"

static PiloteImportBatch *
read_batch (PiloteStmt *stmt)
{
  PiloteImportBatch *batch = g_new0 (PiloteImportBatch, 1);
  const char *entity = (const char *) sqlite3_column_text (stmt, 1);

  batch->id = sqlite3_column_int64 (stmt, 0);
  if (entity == NULL || !pilote_entity_from_name (entity, &batch->entity))
    batch->entity = PILOTE_N_ENTITIES;
  batch->source = pilote_column_dup (stmt, 2);
  batch->imported_at = pilote_column_dup (stmt, 3);
  batch->imported_by = pilote_column_dup (stmt, 4);
  batch->inserted = sqlite3_column_int64 (stmt, 5);
  batch->updated = sqlite3_column_int64 (stmt, 6);
  batch->created = sqlite3_column_int64 (stmt, 7);
  batch->undone_at = pilote_column_dup (stmt, 8);
  batch->profile = pilote_column_dup (stmt, 9);
  return batch;
}

GPtrArray *
pilote_import_batch_list (PiloteStore  *store,
                          guint         limit,
                          guint         offset,
                          GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  stmt = pilote_store_prepare (store, BATCH_COLUMNS " ORDER BY b.id DESC LIMIT ? OFFSET ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);
  batches = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_import_batch_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (batches, read_batch (stmt));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&batches);
}

/**
 * pilote_import_batch_count:
 *
 * Returns: how many imports the file records, -1 with @error set
 */
gint64
pilote_import_batch_count (PiloteStore  *store,
                           GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), -1);

  stmt = pilote_store_prepare (store, "SELECT count (*) FROM import_batch", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * pilote_import_batch_find_for_record:
 * @table: the record's table, as pilote_entity_get_table () names it
 *   ("deal", "client", "deal_line"…)
 * @id: the record's id
 *
 * The import that added a record, for a history that has no entry of the
 * record's own: a bulk import writes one audit entry for the whole batch,
 * with the range of ids it added to each table. Records an import added
 * through the record path (with an entry of their own) are found too.
 * Batches that were undone are left out (their ids may have been given to
 * other records since).
 *
 * Returns: (transfer full) (nullable): the batch, or %NULL when no import
 *   that still stands added the record (or with @error set)
 */
PiloteImportBatch *
pilote_import_batch_find_for_record (PiloteStore  *store,
                                     const char   *table,
                                     gint64        id,
                                     GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  /* the ranges of the bulk path: {"deal": [first, last], …} in the entry
   * (table_name 'import_batch', action 'insert') of each batch; then an
   * insert recorded row by row */
  stmt = pilote_store_prepare (store,
                               BATCH_COLUMNS
                               " WHERE b.id = coalesce ("
                               "  (SELECT a.row_id FROM import_batch r JOIN audit_entry a"
                               "    ON a.batch_id = r.id AND a.table_name = 'import_batch'"
                               "    AND a.row_id = r.id AND a.action = 'insert',"
                               "    json_each (a.changes) j"
                               "   WHERE r.undone_at IS NULL AND j.key = ?1"
                               "    AND ?2 BETWEEN j.value ->> 0 AND j.value ->> 1"
                               "   ORDER BY r.id DESC LIMIT 1),"
                               "  (SELECT a.batch_id FROM audit_entry a JOIN import_batch r"
                               "    ON r.id = a.batch_id AND r.undone_at IS NULL"
                               "   WHERE a.table_name = ?1 AND a.row_id = ?2"
                               "    AND a.action = 'insert' AND a.batch_id IS NOT NULL"
                               "   ORDER BY a.batch_id DESC LIMIT 1))",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_batch (stmt);
  if (rc != SQLITE_DONE)
    pilote_store_set_sql_error (store, error);
  return NULL;
}
