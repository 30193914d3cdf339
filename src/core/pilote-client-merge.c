/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-client-list.h"
#include "pilote-error.h"
#include "pilote-record-private.h"

/*
 * Merging two records of one client (a duplicate typed twice, or imported
 * from two files): the deals, contacts and activities of the other record
 * move to the one kept, the empty fields of the kept one are filled from
 * the other, and the other is deleted (softly). All of it is one
 * transaction, every row moved written in the audit history.
 */

/* the tables whose rows belong to a client */
static const char *const owned_tables[] = { "deal", "contact", "activity" };

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

static gboolean
count_owned (PiloteStore  *store,
             const char   *table,
             gint64        client_id,
             gint64       *count,
             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s"
                                          " WHERE client_id = ? AND deleted_at IS NULL", table);
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static guint
fill_text (char       **kept,
           const char  *other)
{
  if ((*kept != NULL && **kept != '\0') || other == NULL || *other == '\0')
    return 0;
  g_free (*kept);
  *kept = g_strdup (other);
  return 1;
}

static guint
fill_link (gint64 *kept,
           gint64  other)
{
  if (*kept > 0 || other <= 0)
    return 0;
  *kept = other;
  return 1;
}

/* Fills the empty fields of @keep from @other; tags are joined, notes put
 * one after the other. Returns how many fields changed. */
static guint
fill_fields (PiloteClient       *keep,
             const PiloteClient *other)
{
  guint n = 0;

  n += fill_link (&keep->segment_id, other->segment_id);
  n += fill_link (&keep->channel_id, other->channel_id);
  n += fill_link (&keep->owner_id, other->owner_id);
  n += fill_text (&keep->sector, other->sector);
  n += fill_text (&keep->region, other->region);
  n += fill_text (&keep->country, other->country);
  n += fill_text (&keep->city, other->city);
  if (keep->kind == PILOTE_CLIENT_KIND_PROSPECT && other->kind != PILOTE_CLIENT_KIND_PROSPECT)
    {
      keep->kind = other->kind;
      n++;
    }
  if (fill_text (&keep->tags, other->tags))
    n++;
  else if (other->tags != NULL && *other->tags != '\0')
    {
      g_auto(GStrv) theirs = g_strsplit (other->tags, ",", -1);
      g_autoptr(GString) tags = g_string_new (keep->tags);
      g_autofree char *folded = g_utf8_casefold (keep->tags, -1);
      gboolean changed = FALSE;

      for (guint i = 0; theirs[i] != NULL; i++)
        {
          g_autofree char *tag = g_strdup (g_strstrip (theirs[i]));
          g_autofree char *key = g_utf8_casefold (tag, -1);
          g_auto(GStrv) ours = g_strsplit (folded, ",", -1);
          gboolean found = FALSE;

          for (guint j = 0; ours[j] != NULL && !found; j++)
            found = g_str_equal (g_strstrip (ours[j]), key);
          if (found || *tag == '\0')
            continue;
          g_string_append_printf (tags, ", %s", tag);
          changed = TRUE;
        }
      if (changed)
        {
          g_free (keep->tags);
          keep->tags = g_string_free (g_steal_pointer (&tags), FALSE);
          n++;
        }
    }
  if (fill_text (&keep->notes, other->notes))
    n++;
  else if (other->notes != NULL && *other->notes != '\0' &&
           g_strcmp0 (keep->notes, other->notes) != 0)
    {
      char *notes = g_strconcat (keep->notes, "\n\n", other->notes, NULL);

      g_free (keep->notes);
      keep->notes = notes;
      n++;
    }
  return n;
}

static gboolean
load_pair (PiloteStore    *store,
           gint64          keep_id,
           gint64          other_id,
           PiloteClient  **keep,
           PiloteClient  **other,
           GError        **error)
{
  if (keep_id == other_id)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Choose two different clients to merge."));
      return FALSE;
    }
  *keep = pilote_store_get_client (store, keep_id, error);
  if (*keep == NULL)
    return FALSE;
  *other = pilote_store_get_client (store, other_id, error);
  if (*other == NULL)
    {
      g_clear_pointer (keep, pilote_client_free);
      return FALSE;
    }
  if ((*keep)->base.deleted_at != NULL || (*other)->base.deleted_at != NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                   _("Someone else deleted one of these clients. Nothing was merged."));
      g_clear_pointer (keep, pilote_client_free);
      g_clear_pointer (other, pilote_client_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
summarize (PiloteStore               *store,
           PiloteClient              *keep,
           const PiloteClient        *other,
           PiloteClientMergeSummary  *summary,
           GError                   **error)
{
  memset (summary, 0, sizeof *summary);
  if (!count_owned (store, "deal", other->base.id, &summary->deals, error) ||
      !count_owned (store, "contact", other->base.id, &summary->contacts, error) ||
      !count_owned (store, "activity", other->base.id, &summary->activities, error))
    return FALSE;
  summary->fields = fill_fields (keep, other);
  return TRUE;
}

/**
 * pilote_client_merge_preview:
 * @keep_id: the client that stays
 * @other_id: the duplicate that goes
 * @summary: (out): what a merge would move
 *
 * Says what pilote_client_merge () would do, changing nothing.
 */
gboolean
pilote_client_merge_preview (PiloteStore               *store,
                             gint64                     keep_id,
                             gint64                     other_id,
                             PiloteClientMergeSummary  *summary,
                             GError                   **error)
{
  g_autoptr(PiloteClient) keep = NULL;
  g_autoptr(PiloteClient) other = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!load_pair (store, keep_id, other_id, &keep, &other, error))
    return FALSE;
  return summarize (store, keep, other, summary, error);
}

/* Moves the rows of @table from @other_id to @keep_id, deleted ones
 * included (an Undo of their delete brings them back under the client
 * kept), each with its audit entry. */
static gboolean
move_owned (PiloteStore  *store,
            const char   *table,
            gint64        keep_id,
            gint64        other_id,
            GError      **error)
{
  g_autofree char *audit = NULL;
  g_autofree char *update = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;

  audit = g_strdup_printf ("INSERT INTO audit_entry (table_name, row_id, action, changes,"
                           " changed_by) SELECT '%s', id, 'update',"
                           " json_object ('client_id', json_array (CAST (?1 AS TEXT),"
                           " CAST (?2 AS TEXT)), 'version', json_array (CAST (version AS TEXT),"
                           " CAST (version + 1 AS TEXT))), ?3 FROM %s WHERE client_id = ?1",
                           table, table);
  stmt = pilote_store_prepare (store, audit, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, other_id);
  sqlite3_bind_int64 (stmt, 2, keep_id);
  pilote_bind_id (stmt, 3, pilote_store_get_member_id (store));
  if (!pilote_store_step_done (store, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, pilote_stmt_release);

  update = g_strdup_printf ("UPDATE %s SET client_id = ?2, version = version + 1,"
                            " updated_at = %s, updated_by = ?3 WHERE client_id = ?1",
                            table, NOW_SQL);
  stmt = pilote_store_prepare (store, update, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, other_id);
  sqlite3_bind_int64 (stmt, 2, keep_id);
  pilote_bind_id (stmt, 3, pilote_store_get_member_id (store));
  return pilote_store_step_done (store, stmt, error);
}

/**
 * pilote_client_merge:
 * @keep_id: the client that stays
 * @keep_version: its version, as the user saw it
 * @other_id: the duplicate that goes
 * @other_version: its version, as the user saw it
 * @summary: (out) (optional): what moved
 *
 * Merges @other_id into @keep_id in one transaction: deals, contacts and
 * activities move, empty fields of the kept client are filled from the
 * other, and the other is deleted softly. Changes nothing and fails with
 * %PILOTE_ERROR_CONFLICT when someone changed either client meanwhile.
 */
gboolean
pilote_client_merge (PiloteStore               *store,
                     gint64                     keep_id,
                     gint64                     keep_version,
                     gint64                     other_id,
                     gint64                     other_version,
                     PiloteClientMergeSummary  *summary,
                     GError                   **error)
{
  g_autoptr(PiloteClient) keep = NULL;
  g_autoptr(PiloteClient) other = NULL;
  PiloteClientMergeSummary done;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  if (!load_pair (store, keep_id, other_id, &keep, &other, error))
    goto fail;
  if (keep->base.version != keep_version || other->base.version != other_version)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                   _("Someone else changed one of these clients meanwhile. Nothing was "
                     "merged: look at them again, then merge."));
      goto fail;
    }
  if (!summarize (store, keep, other, &done, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (owned_tables); i++)
    if (!move_owned (store, owned_tables[i], keep_id, other_id, error))
      goto fail;
  if (done.fields > 0 && !pilote_store_update (store, keep, error))
    goto fail;
  if (!pilote_store_delete (store, PILOTE_ENTITY_CLIENT, other_id, other_version, error) ||
      !pilote_client_refresh_acquisition (store, keep_id, error) ||
      !pilote_client_refresh_acquisition (store, other_id, error))
    goto fail;
  if (!pilote_store_commit (store, error))
    return FALSE;
  if (summary != NULL)
    *summary = done;
  return TRUE;

fail:
  pilote_store_rollback (store);
  return FALSE;
}
