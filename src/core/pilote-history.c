/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-history.h"
#include "pilote-import-batch.h"
#include "pilote-record-private.h"

/* The audit history of a record: who changed which field, from what to
 * what, and when. The store writes it in the same transaction as the
 * change (see pilote_audit_write ()); this reads it back, newest first. */

static void
change_free (PiloteHistoryChange *change)
{
  g_free (change->field);
  g_free (change->label);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

void
pilote_history_entry_free (PiloteHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->action);
  g_free (entry->changed_at);
  g_free (entry->changed_by_name);
  g_clear_pointer (&entry->changes, g_ptr_array_unref);
  g_free (entry);
}

/* {"field": [old, new], …} as rows, through SQLite's JSON functions */
static gboolean
read_changes (PiloteStore             *store,
              const PiloteEntityInfo  *info,
              const char              *json,
              GPtrArray               *changes,
              GError                 **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  if (json == NULL)
    return TRUE;
  stmt = pilote_store_prepare (store,
                               "SELECT key, json_extract (value, '$[0]'),"
                               " json_extract (value, '$[1]')"
                               " FROM json_each (?) WHERE json_valid (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PiloteHistoryChange *change = g_new0 (PiloteHistoryChange, 1);
      const PiloteField *field;

      change->field = pilote_column_dup (stmt, 0);
      change->old_value = pilote_column_dup (stmt, 1);
      change->new_value = pilote_column_dup (stmt, 2);
      field = change->field != NULL ? pilote_entity_find_field (info, change->field) : NULL;
      if (field != NULL && field->label != NULL)
        change->label = g_strdup (g_dgettext (GETTEXT_PACKAGE, field->label));
      else if (g_strcmp0 (change->field, "ref") == 0)
        change->label = g_strdup (_("Reference"));
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* A record added by a bulk import has no audit entry of its own: the
 * batch's entry holds the ranges of ids it added. Its history then ends
 * with the import, when the record has no entry of its creation. */
static PiloteHistoryEntry *
imported_entry (PiloteStore             *store,
                const PiloteEntityInfo  *info,
                gint64                   row_id,
                GError                 **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(PiloteImportBatch) batch = NULL;
  g_autofree char *source = NULL;
  PiloteHistoryEntry *entry;
  PiloteHistoryChange *change;
  gboolean created;

  stmt = pilote_store_prepare (store,
                               "SELECT EXISTS (SELECT 1 FROM audit_entry WHERE table_name = ?"
                               " AND row_id = ? AND action = 'insert')", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  created = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, pilote_stmt_release);
  if (created)
    return NULL;
  batch = pilote_import_batch_find_for_record (store, info->table, row_id, error);
  if (batch == NULL)
    return NULL;

  entry = g_new0 (PiloteHistoryEntry, 1);
  entry->action = g_strdup ("import");
  entry->changed_at = g_strdup (batch->imported_at);
  entry->changed_by_name = g_strdup (batch->imported_by);
  entry->batch_id = batch->id;
  entry->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  source = batch->source != NULL ? g_path_get_basename (batch->source) : NULL;
  change = g_new0 (PiloteHistoryChange, 1);
  change->field = g_strdup ("source");
  change->label = g_strdup (_("File"));
  change->new_value = g_strdup (source != NULL ? source : "—");
  g_ptr_array_add (entry->changes, change);
  return entry;
}

/**
 * pilote_history_list:
 * @entity: the record's entity
 * @row_id: the record's id
 * @limit: at most this many entries; 0 for all
 * @offset: skip this many of the newest entries
 *
 * Returns: (transfer full) (element-type PiloteHistoryEntry): the record's
 *   audit entries, newest first
 */
GPtrArray *
pilote_history_list (PiloteStore  *store,
                     PiloteEntity  entity,
                     gint64        row_id,
                     guint         limit,
                     guint         offset,
                     GError      **error)
{
  const PiloteEntityInfo *info;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GPtrArray) json = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, NULL);

  info = pilote_entity_get_info (entity);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_history_entry_free);
  stmt = pilote_store_prepare (store,
                               "SELECT a.id, a.action, a.changed_at, a.changed_by, m.name,"
                               " a.batch_id, a.changes"
                               " FROM audit_entry a LEFT JOIN member m ON m.id = a.changed_by"
                               " WHERE a.table_name = ? AND a.row_id = ?"
                               " ORDER BY a.id DESC LIMIT ? OFFSET ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 4, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PiloteHistoryEntry *entry = g_new0 (PiloteHistoryEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->action = pilote_column_dup (stmt, 1);
      entry->changed_at = pilote_column_dup (stmt, 2);
      entry->changed_by = sqlite3_column_int64 (stmt, 3);
      entry->changed_by_name = pilote_column_dup (stmt, 4);
      entry->batch_id = sqlite3_column_int64 (stmt, 5);
      entry->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
      g_ptr_array_add (entries, entry);
      g_ptr_array_add (json, pilote_column_dup (stmt, 6));
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  /* the changes are read once the page is read, one statement at a time */
  for (guint i = 0; i < entries->len; i++)
    {
      PiloteHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (!read_changes (store, info, g_ptr_array_index (json, i), entry->changes, error))
        return NULL;
    }

  /* the oldest page: the import that added the record, if one did */
  if (limit == 0 || entries->len < limit)
    {
      GError *local_error = NULL;
      PiloteHistoryEntry *import = imported_entry (store, info, row_id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (import != NULL)
        g_ptr_array_add (entries, import);
    }
  return g_steal_pointer (&entries);
}

/**
 * pilote_history_count:
 *
 * Returns: how many entries the record's history has (its audit entries,
 *   and the import that added it), -1 on error
 */
gint64
pilote_history_count (PiloteStore  *store,
                      PiloteEntity  entity,
                      gint64        row_id,
                      GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(PiloteHistoryEntry) import = NULL;
  GError *local_error = NULL;
  gint64 count;

  g_return_val_if_fail (PILOTE_IS_STORE (store), -1);
  g_return_val_if_fail (entity < PILOTE_N_ENTITIES, -1);

  stmt = pilote_store_prepare (store,
                               "SELECT count(*) FROM audit_entry"
                               " WHERE table_name = ? AND row_id = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, pilote_entity_get_info (entity)->table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, pilote_stmt_release);

  /* and the import that added it, if one did */
  import = imported_entry (store, pilote_entity_get_info (entity), row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return count + (import != NULL);
}
