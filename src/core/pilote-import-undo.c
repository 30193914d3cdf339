/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "pilote-error.h"
#include "pilote-import-private.h"

/* Undoing an import: the audit history of its batch says what it added,
 * changed and replaced. */

/* where the ranges of ids a batch (?1) added in bulk are, for j.key = the table */
#define RANGE_FROM \
  "FROM audit_entry a, json_each (a.changes) j WHERE a.batch_id = ?1" \
  " AND a.table_name = 'import_batch' AND a.action = 'insert' AND j.key = '%s'"

/* Gives the records the import changed their earlier values back: all the
 * fields of a change at once, so that the record is never half restored
 * (a deal's stage, status and closing date go together). */
static gboolean
restore_updates (PiloteStore  *store,
                 gint64        batch_id,
                 GError      **error)
{
  g_autoptr(PiloteStmt) entries = NULL;
  int rc;

  entries = pilote_store_prepare (store,
                                  "SELECT id, table_name, row_id FROM audit_entry"
                                  " WHERE batch_id = ? AND action = 'update' ORDER BY id DESC",
                                  error);
  if (entries == NULL)
    return FALSE;
  sqlite3_bind_int64 (entries, 1, batch_id);
  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    {
      g_autoptr(PiloteStmt) fields = NULL;
      g_autoptr(PiloteStmt) restore = NULL;
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
      g_autoptr(GString) sql = g_string_new (NULL);
      const char *table = (const char *) sqlite3_column_text (entries, 1);
      gint64 row_id = sqlite3_column_int64 (entries, 2);
      const PiloteEntityInfo *info;
      PiloteEntity entity;

      if (!pilote_entity_from_name (table, &entity))
        continue;
      info = pilote_entity_get_info (entity);
      g_string_append_printf (sql, "UPDATE %s SET", info->table);

      fields = pilote_store_prepare (store,
                                     "SELECT j.key, j.value ->> 0 FROM audit_entry a,"
                                     " json_each (a.changes) j WHERE a.id = ?", error);
      if (fields == NULL)
        return FALSE;
      sqlite3_bind_int64 (fields, 1, sqlite3_column_int64 (entries, 0));
      while (sqlite3_step (fields) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (fields, 0);

          /* columns come from the audit history: check them anyway */
          if (!g_str_equal (column, "ref") && pilote_entity_find_field (info, column) == NULL)
            continue;
          g_string_append_printf (sql, "%s %s = ?", values->len > 0 ? "," : "", column);
          g_ptr_array_add (values, sqlite3_value_dup (sqlite3_column_value (fields, 1)));
        }
      if (values->len == 0)
        continue;
      g_string_append (sql, " WHERE id = ?");

      restore = pilote_store_prepare (store, sql->str, error);
      if (restore == NULL)
        return FALSE;
      for (guint i = 0; i < values->len; i++)
        sqlite3_bind_value (restore, i + 1, g_ptr_array_index (values, i));
      sqlite3_bind_int64 (restore, values->len + 1, row_id);
      if (!pilote_store_step_done (store, restore, error))
        return FALSE;
      if (info->name_key)
        {
          g_autofree char *rekey = NULL;
          g_autoptr(PiloteStmt) key = NULL;
          const char *name = NULL;

          for (guint i = 0; i < info->n_fields && name == NULL; i++)
            if (info->fields[i].flags & PILOTE_FIELD_NAME)
              name = info->fields[i].name;
          rekey = g_strdup_printf ("UPDATE %s SET name_key = pilote_fold (%s) WHERE id = ?",
                                   info->table, name);
          key = pilote_store_prepare (store, rekey, error);
          if (key == NULL)
            return FALSE;
          sqlite3_bind_int64 (key, 1, row_id);
          if (!pilote_store_step_done (store, key, error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
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
    "DELETE FROM deal_line WHERE id" PILOTE_IMPORT_IN_RANGE ("deal_line"),
    /* the deals it added stop counting, so that clients are acquired again
     * from the deals that remain */
    "UPDATE deal SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id IN"
    "  (SELECT row_id FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal'"
    "  AND action = 'insert')",
    "UPDATE deal SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id"
    PILOTE_IMPORT_IN_RANGE ("deal"),
    "REFRESH",
    "UPDATE client SET kind = 'prospect' WHERE kind = 'client' AND acquired_on IS NULL"
    "  AND id IN (SELECT d.client_id FROM audit_entry a JOIN deal d ON d.id = a.row_id"
    "  WHERE a.batch_id = ?1 AND a.table_name = 'deal')",
    "UPDATE client SET kind = 'prospect' WHERE kind = 'client' AND acquired_on IS NULL"
    "  AND id IN (SELECT client_id FROM deal WHERE id" PILOTE_IMPORT_IN_RANGE ("deal") ")",
    "DELETE FROM stage_change WHERE batch_id = ?1 OR deal_id IN (SELECT row_id"
    "  FROM audit_entry WHERE batch_id = ?1 AND table_name = 'deal' AND action = 'insert')",
    "DELETE FROM stage_change WHERE deal_id" PILOTE_IMPORT_IN_RANGE ("deal"),
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
                   has_row ? _("Import %" PRId64 " was already undone.")
                           : _("There is no import %" PRId64 " in this file."),
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
          if (!pilote_import_refresh_derived (store, batch_id, FALSE, error))
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
  /* the records it added: one by one, or as ranges of ids (the bulk path) */
  for (guint i = 0; i < 2 * G_N_ELEMENTS (tables); i++)
    {
      const char *table = tables[i / 2];
      g_autofree char *sql =
        i % 2 == 0
          ? g_strdup_printf ("DELETE FROM %s WHERE id IN (SELECT row_id FROM audit_entry"
                             " WHERE batch_id = ?1 AND table_name = '%s' AND action = 'insert')",
                             table, table)
          : g_strdup_printf ("DELETE FROM %s WHERE id BETWEEN (SELECT j.value ->> 0 " RANGE_FROM
                             ") AND (SELECT j.value ->> 1 " RANGE_FROM ")",
                             table, table, table);
      g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!pilote_store_step_done (store, stmt, &local_error))
        {
          if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_INVALID))
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                         _("This import cannot be undone: records added since refer to "
                           "records it brought in (%s). Delete those first."), table);
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
