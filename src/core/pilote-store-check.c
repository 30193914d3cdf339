/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-error.h"
#include "pilote-store-private.h"

/* Checks beyond SQLite's own: the rules the store keeps in step itself. */
static const char *const domain_checks[] = {
  "SELECT count(*) FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.status <> s.kind",
  "SELECT count(*) FROM deal d WHERE d.deleted_at IS NULL AND EXISTS"
  " (SELECT 1 FROM deal_line l WHERE l.deal_id = d.id AND l.deleted_at IS NULL)"
  " AND (d.amount, d.cost) IS NOT (SELECT sum (amount), sum (cost) FROM deal_line l"
  "   WHERE l.deal_id = d.id AND l.deleted_at IS NULL)",
  "SELECT count(*) FROM client c WHERE c.acquired_on IS NOT (SELECT min (closed_on)"
  " FROM deal d WHERE d.client_id = c.id AND d.status = 'won' AND d.deleted_at IS NULL)",
  "SELECT count(*) FROM deal WHERE closed_on < created_on",
};

static char *
describe_problem (guint  check,
                  gint64 count)
{
  gulong n = (gulong) MIN (count, G_MAXLONG);

  switch (check)
    {
    case 0:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu deal has a status that does not match its stage.",
                                        "%lu deals have a status that does not match their "
                                        "stage.", n), n);
    case 1:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu deal has an amount that is not the sum of its "
                                        "lines.",
                                        "%lu deals have an amount that is not the sum of their "
                                        "lines.", n), n);
    case 2:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu client has an acquisition date that is not the "
                                        "date of its first won deal.",
                                        "%lu clients have an acquisition date that is not the "
                                        "date of their first won deal.", n), n);
    case 3:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu deal was closed before it was created.",
                                        "%lu deals were closed before they were created.", n),
                              n);
    default:
      g_assert_not_reached ();
    }
}

/**
 * pilote_store_check:
 * @problems: (out) (transfer full) (element-type utf8): what is wrong, one
 *   sentence each; empty when the file is sound
 *
 * Checks the whole file: SQLite's integrity check, the foreign keys and
 * the rules of the domain. Reads only.
 *
 * Returns: %FALSE when the check itself could not run
 */
gboolean
pilote_store_check (PiloteStore  *self,
                    GPtrArray   **problems,
                    GError      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  db = pilote_store_get_db (self);

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW ? (rc = sqlite3_step (stmt)) == SQLITE_ROW : FALSE)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup_printf (_("Damaged storage: %s"), line));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pilote_sqlite_set_error (db, sqlite3_extended_errcode (db), error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW ? (rc = sqlite3_step (stmt)) == SQLITE_ROW : FALSE)
    g_ptr_array_add (found,
                     g_strdup_printf (_("Record %s of “%s” refers to a missing record of “%s”."),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pilote_sqlite_set_error (db, sqlite3_extended_errcode (db), error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (domain_checks); i++)
    {
      g_autoptr(PiloteStmt) check = pilote_store_prepare (self, domain_checks[i], error);
      gint64 count;

      if (check == NULL)
        return FALSE;
      if (sqlite3_step (check) != SQLITE_ROW)
        {
          pilote_store_set_sql_error (self, error);
          return FALSE;
        }
      count = sqlite3_column_int64 (check, 0);
      if (count > 0)
        g_ptr_array_add (found, describe_problem (i, count));
    }

  *problems = g_steal_pointer (&found);
  return TRUE;
}
