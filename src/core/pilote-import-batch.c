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

  stmt = pilote_store_prepare (store,
                               "SELECT b.id, b.entity, b.source, b.imported_at, m.name,"
                               " b.inserted, b.updated, b.created, b.undone_at"
                               " FROM import_batch b LEFT JOIN member m ON m.id = b.imported_by"
                               " ORDER BY b.id DESC LIMIT ? OFFSET ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);
  batches = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_import_batch_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
      g_ptr_array_add (batches, batch);
    }
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
