/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-error.h"
#include "pilote-import-private.h"

/* Undoing an import: the audit history of its batch says what it added,
 * changed and replaced. */

static gboolean
restore_updates (PiloteStore  *store,
                 gint64        batch_id,
                 GError      **error)
{
  g_autoptr(PiloteStmt) entries = NULL;
  gboolean has_row;

  entries = pilote_store_prepare (store,
                                  "SELECT a.table_name, a.row_id, j.key, j.value ->> 0"
                                  " FROM audit_entry a, json_each (a.changes) j"
                                  " WHERE a.batch_id = ? AND a.action = 'update'"
                                  " ORDER BY a.id DESC", error);
  if (entries == NULL)
    return FALSE;
  sqlite3_bind_int64 (entries, 1, batch_id);
  while (TRUE)
    {
      const char *table, *column;
      PiloteEntity entity;
      g_autofree char *sql = NULL;
      g_autoptr(PiloteStmt) restore = NULL;
      int rc = sqlite3_step (entries);

      has_row = rc == SQLITE_ROW;
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pilote_store_set_sql_error (store, error);
          return FALSE;
        }
      if (!has_row)
        break;
      table = (const char *) sqlite3_column_text (entries, 0);
      column = (const char *) sqlite3_column_text (entries, 2);
      /* tables and columns come from the audit history: check them anyway */
      if (!pilote_entity_from_name (table, &entity) ||
          (!g_str_equal (column, "ref") &&
           pilote_entity_find_field (pilote_entity_get_info (entity), column) == NULL))
        continue;
      sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?",
                             pilote_entity_get_table (entity), column);
      restore = pilote_store_prepare (store, sql, error);
      if (restore == NULL)
        return FALSE;
      sqlite3_bind_value (restore, 1, sqlite3_column_value (entries, 3));
      sqlite3_bind_int64 (restore, 2, sqlite3_column_int64 (entries, 1));
      if (!pilote_store_step_done (store, restore, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pilote_import_undo:
 *
 * Takes a whole import back: the records it added go, the records it
 * changed get their earlier values back, the lines it replaced return.
 * Refused when records added since refer to what it added.
 */
gboolean
pilote_import_undo (PiloteStore  *store,
                    gint64        batch_id,
                    GError      **error)
{
  static const char *const statements[] = {
    /* the lines the import replaced come back, the ones it added go */
    "UPDATE deal_line SET deleted_at = NULL WHERE id IN (SELECT row_id FROM audit_entry"
    "  WHERE batch_id = ?1 AND table_name = 'deal_line' AND action = 'delete')",
    "DELETE FROM deal_line WHERE id IN (SELECT row_id FROM audit_entry"
    "  WHERE batch_id = ?1 AND table_name = 'deal_line' AND action = 'insert')",
    /* the deals it added stop counting, so that clients are acquired again
     * from the deals that remain */
    "UPDATE deal SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id IN"
    "  (SELECT row_id FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal'"
    "  AND action = 'insert')",
    "REFRESH",
    "UPDATE client SET kind = 'prospect' WHERE kind = 'client' AND acquired_on IS NULL"
    "  AND id IN (SELECT d.client_id FROM audit_entry a JOIN deal d ON d.id = a.row_id"
    "  WHERE a.batch_id = ?1 AND a.table_name = 'deal')",
    "DELETE FROM stage_change WHERE batch_id = ?1 OR deal_id IN (SELECT row_id"
    "  FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal' AND action = 'insert')",
  };
  static const char *const tables[] = {
    "deal", "contact", "activity", "objective", "spend", "client", "product", "member", "team",
    "segment", "channel", "competitor", "lost_reason",
  };
  g_autoptr(PiloteStmt) check = NULL;
  g_autoptr(PiloteStmt) mark = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_row;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  if (!pilote_store_begin_write (store, error))
    return FALSE;

  check = pilote_store_prepare (store,
                                "SELECT undone_at FROM import_batch WHERE id = ?", error);
  if (check == NULL)
    goto fail;
  sqlite3_bind_int64 (check, 1, batch_id);
  has_row = sqlite3_step (check) == SQLITE_ROW;
  if (!has_row || sqlite3_column_type (check, 0) != SQLITE_NULL)
    {
      g_set_error (error, PILOTE_ERROR, has_row ? PILOTE_ERROR_CONFLICT : PILOTE_ERROR_NOT_FOUND,
                   has_row ? _("Import %" G_GINT64_FORMAT " was already undone.")
                           : _("There is no import %" G_GINT64_FORMAT " in this file."),
                   batch_id);
      goto fail;
    }
  g_clear_pointer (&check, pilote_stmt_release);

  if (!restore_updates (store, batch_id, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(PiloteStmt) stmt = NULL;

      if (g_str_equal (statements[i], "REFRESH"))
        {
          if (!pilote_import_refresh_derived (store, batch_id, error))
            goto fail;
          continue;
        }
      stmt = pilote_store_prepare (store, statements[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!pilote_store_step_done (store, stmt, error))
        goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("DELETE FROM %s WHERE id IN (SELECT row_id FROM audit_entry"
                         " WHERE batch_id = ? AND table_name = '%s' AND action = 'insert')",
                         tables[i], tables[i]);
      g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!pilote_store_step_done (store, stmt, &local_error))
        {
          if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_INVALID))
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                         _("This import cannot be undone: records added since refer to "
                           "records it brought in (%s). Delete those first."), tables[i]);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
    }
  mark = pilote_store_prepare (store,
                               "UPDATE import_batch SET undone_at ="
                               " strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?", error);
  if (mark == NULL)
    goto fail;
  sqlite3_bind_int64 (mark, 1, batch_id);
  if (!pilote_store_step_done (store, mark, error) ||
      !pilote_audit_write (store, "import_batch", batch_id, "delete", NULL, 0, error))
    goto fail;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  return FALSE;
}
