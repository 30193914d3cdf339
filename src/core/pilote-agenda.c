/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pilote-agenda.h"
#include "pilote-enums.h"
#include "pilote-error.h"
#include "pilote-store-private.h"
#include "pilote-text.h"

/*
 * The agenda: activities by section (overdue, today, this week, later,
 * done lately), counted and read a page at a time, for one member or
 * everyone and one kind or all. Sections are ranges of the due (or done)
 * time, which the file keeps as UTC text: the limits are computed in local
 * time, then turned into the same text, so that every section is a range
 * on an index of open (or done) activities. Marking done, reopening and
 * rescheduling go through pilote_store_update (): the version is checked
 * and the change is kept in the audit history.
 *
 * Parameters are numbered once for every query; a condition that is left
 * out leaves its number unused.
 */

enum {
  PARAM_NOW = 1,
  PARAM_TOMORROW,
  PARAM_NEXT_WEEK,
  PARAM_DONE_SINCE,
  PARAM_OWNER,
  PARAM_KIND,
  PARAM_CLIENT,
  PARAM_LIMIT,
  PARAM_OFFSET,
};

#define ITEM_COLUMNS \
  "SELECT a.id, a.version, a.kind, a.subject, a.notes, a.client_id, c.name, a.deal_id," \
  " d.title, a.owner_id, m.name, a.due_at, a.done_at FROM activity a" \
  " LEFT JOIN client c ON c.id = a.client_id" \
  " LEFT JOIN deal d ON d.id = a.deal_id" \
  " LEFT JOIN member m ON m.id = a.owner_id"

#define OPEN "a.deleted_at IS NULL AND a.done_at IS NULL"
#define DONE "a.deleted_at IS NULL AND a.done_at >= ?4"

void
pilote_agenda_filter_init (PiloteAgendaFilter *filter)
{
  g_return_if_fail (filter != NULL);

  filter->owner_id = 0;
  filter->kind = -1;
  filter->client_id = 0;
}

/**
 * pilote_agenda_format_stamp:
 *
 * Writes @time as the file writes timestamps: UTC, to the second.
 */
void
pilote_agenda_format_stamp (GDateTime *time,
                            char       stamp[PILOTE_AGENDA_STAMP_LEN])
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (time != NULL);

  utc = g_date_time_to_utc (time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
  g_strlcpy (stamp, text, PILOTE_AGENDA_STAMP_LEN);
}

/**
 * pilote_agenda_parse_stamp:
 *
 * Returns: (transfer full) (nullable): @stamp as a local time, %NULL when
 *   it is not a timestamp
 */
GDateTime *
pilote_agenda_parse_stamp (const char *stamp)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (stamp == NULL)
    return NULL;
  time = g_date_time_new_from_iso8601 (stamp, utc);
  return time != NULL ? g_date_time_to_local (time) : NULL;
}

/**
 * pilote_agenda_bounds_init:
 * @now: the moment to draw the agenda at, in the time zone whose days and
 *   weeks the sections follow (local time, usually)
 */
void
pilote_agenda_bounds_init (PiloteAgendaBounds *bounds,
                           GDateTime          *now)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) next_week = NULL;
  g_autoptr(GDateTime) done_since = NULL;

  g_return_if_fail (bounds != NULL);
  g_return_if_fail (now != NULL);

  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                              0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);
  /* weeks start on Monday (ISO 8601): day of week 1..7 */
  next_week = g_date_time_add_days (midnight, 8 - g_date_time_get_day_of_week (now));
  done_since = g_date_time_add_days (now, -PILOTE_AGENDA_DONE_DAYS);

  pilote_agenda_format_stamp (now, bounds->now);
  pilote_agenda_format_stamp (tomorrow, bounds->tomorrow);
  pilote_agenda_format_stamp (next_week, bounds->next_week);
  pilote_agenda_format_stamp (done_since, bounds->done_since);
}

/**
 * pilote_agenda_bucket_of:
 * @due_at: (nullable): when the activity is due
 * @done_at: (nullable): when it was done
 *
 * Returns: the section an activity belongs in; a done activity is in
 *   %PILOTE_AGENDA_DONE whenever it was done (the section lists only the
 *   recent ones)
 */
PiloteAgendaBucket
pilote_agenda_bucket_of (const PiloteAgendaBounds *bounds,
                         const char               *due_at,
                         const char               *done_at)
{
  g_return_val_if_fail (bounds != NULL, PILOTE_AGENDA_LATER);

  if (done_at != NULL)
    return PILOTE_AGENDA_DONE;
  if (due_at == NULL || strcmp (due_at, bounds->next_week) >= 0)
    return PILOTE_AGENDA_LATER;
  if (strcmp (due_at, bounds->now) < 0)
    return PILOTE_AGENDA_OVERDUE;
  if (strcmp (due_at, bounds->tomorrow) < 0)
    return PILOTE_AGENDA_TODAY;
  return PILOTE_AGENDA_THIS_WEEK;
}

static const char *
kind_nick (int kind)
{
  static const char *const nicks[] = { "call", "meeting", "visit", "email", "task" };

  return kind >= 0 && kind < (int) G_N_ELEMENTS (nicks) ? nicks[kind] : NULL;
}

static void
append_filter (GString                  *sql,
               const PiloteAgendaFilter *filter)
{
  if (filter == NULL)
    return;
  if (filter->owner_id > 0)
    g_string_append (sql, " AND a.owner_id = ?5");
  if (kind_nick (filter->kind) != NULL)
    g_string_append (sql, " AND a.kind = ?6");
  if (filter->client_id > 0)
    g_string_append (sql, " AND a.client_id = ?7");
}

/* The index that reads open activities fastest: SQLite would rather take
 * the index of done activities for "done_at IS NULL", then read the table
 * row by row. Every member's agenda is a range of activity_open_owner,
 * which also holds the due time and kind of everyone's (a scan of the
 * index alone, to count them); activity_due holds everyone's in due order.
 * A client's few activities are best found by the client's index. */
static const char *
open_index (const PiloteAgendaFilter *filter,
            gboolean                  ordered)
{
  if (filter != NULL && filter->client_id > 0)
    return "";
  if (ordered && (filter == NULL || filter->owner_id <= 0))
    return " INDEXED BY activity_due";
  return " INDEXED BY activity_open_owner";
}

static void
bind_all (PiloteStmt               *stmt,
          const PiloteAgendaFilter *filter,
          const PiloteAgendaBounds *bounds)
{
  int n_params = sqlite3_bind_parameter_count (stmt);
  const char *stamps[] = { bounds->now, bounds->tomorrow, bounds->next_week, bounds->done_since };

  for (int i = 0; i < (int) G_N_ELEMENTS (stamps) && i < n_params; i++)
    sqlite3_bind_text (stmt, PARAM_NOW + i, stamps[i], -1, SQLITE_TRANSIENT);
  if (filter == NULL)
    return;
  if (n_params >= PARAM_OWNER && filter->owner_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_OWNER, filter->owner_id);
  if (n_params >= PARAM_KIND && kind_nick (filter->kind) != NULL)
    sqlite3_bind_text (stmt, PARAM_KIND, kind_nick (filter->kind), -1, SQLITE_STATIC);
  if (n_params >= PARAM_CLIENT && filter->client_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_CLIENT, filter->client_id);
}

/**
 * pilote_agenda_count:
 * @filter: (nullable): which activities; all of them when %NULL
 * @counts: (out): the number of activities in each section
 *
 * Two passes over indexes: the open activities, then those done lately.
 */
gboolean
pilote_agenda_count (PiloteStore               *store,
                     const PiloteAgendaFilter  *filter,
                     const PiloteAgendaBounds  *bounds,
                     gint64                     counts[PILOTE_AGENDA_N_BUCKETS],
                     GError                   **error)
{
  g_autoptr(GString) open_sql = NULL;
  g_autoptr(GString) done_sql = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  memset (counts, 0, sizeof (gint64) * PILOTE_AGENDA_N_BUCKETS);

  open_sql = g_string_new ("SELECT coalesce (sum (a.due_at < ?1), 0),"
                           " coalesce (sum (a.due_at >= ?1 AND a.due_at < ?2), 0),"
                           " coalesce (sum (a.due_at >= ?2 AND a.due_at < ?3), 0),"
                           " coalesce (sum (a.due_at IS NULL OR a.due_at >= ?3), 0)"
                           " FROM activity a");
  g_string_append (open_sql, open_index (filter, FALSE));
  g_string_append (open_sql, " WHERE " OPEN);
  append_filter (open_sql, filter);
  stmt = pilote_store_prepare (store, open_sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_all (stmt, filter, bounds);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  for (int i = 0; i < 4; i++)
    counts[i] = sqlite3_column_int64 (stmt, i);
  g_clear_pointer (&stmt, pilote_stmt_release);

  done_sql = g_string_new ("SELECT count (*) FROM activity a WHERE " DONE);
  append_filter (done_sql, filter);
  stmt = pilote_store_prepare (store, done_sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_all (stmt, filter, bounds);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  counts[PILOTE_AGENDA_DONE] = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static PiloteAgendaItem *
read_item (PiloteStmt *stmt)
{
  PiloteAgendaItem *item = g_new0 (PiloteAgendaItem, 1);
  GEnumClass *kinds = g_type_class_ref (PILOTE_TYPE_ACTIVITY_KIND);
  const GEnumValue *kind = g_enum_get_value_by_nick (kinds,
                                                     (const char *) sqlite3_column_text (stmt, 2));

  item->activity_id = sqlite3_column_int64 (stmt, 0);
  item->version = sqlite3_column_int64 (stmt, 1);
  item->kind = kind != NULL ? (PiloteActivityKind) kind->value : PILOTE_ACTIVITY_TASK;
  item->subject = pilote_column_dup (stmt, 3);
  item->notes = pilote_column_dup (stmt, 4);
  item->client_id = sqlite3_column_int64 (stmt, 5);
  item->client = pilote_column_dup (stmt, 6);
  item->deal_id = sqlite3_column_int64 (stmt, 7);
  item->deal = pilote_column_dup (stmt, 8);
  item->owner_id = sqlite3_column_int64 (stmt, 9);
  item->owner = pilote_column_dup (stmt, 10);
  item->due_at = pilote_column_dup (stmt, 11);
  item->done_at = pilote_column_dup (stmt, 12);
  g_type_class_unref (kinds);
  return item;
}

static GPtrArray *
read_items (PiloteStore  *store,
            PiloteStmt   *stmt,
            GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_agenda_item_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read_item (stmt));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * pilote_agenda_list:
 * @filter: (nullable): which activities
 * @bucket: the section
 * @limit: at most this many
 * @offset: skip this many
 *
 * Open activities come soonest due first (those without a due date last),
 * done ones latest done first.
 *
 * Returns: (transfer full) (element-type PiloteAgendaItem): a page of the
 *   section, or %NULL on error
 */
GPtrArray *
pilote_agenda_list (PiloteStore               *store,
                    const PiloteAgendaFilter  *filter,
                    const PiloteAgendaBounds  *bounds,
                    PiloteAgendaBucket         bucket,
                    guint                      limit,
                    guint                      offset,
                    GError                   **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (bounds != NULL, NULL);
  g_return_val_if_fail (bucket < PILOTE_AGENDA_N_BUCKETS, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  /* the page's ids first, on the index alone (an offset skips index
   * entries, not joined rows), then what the rows show; the SQL is made of
   * constants only (open_index (), append_filter (), the conditions
   * below): the filter's values are bound (bind_all ()) */
  append_filter (where, filter);
  switch (bucket)
    {
    case PILOTE_AGENDA_OVERDUE:
    case PILOTE_AGENDA_TODAY:
    case PILOTE_AGENDA_THIS_WEEK:
      g_string_printf (sql, ITEM_COLUMNS " WHERE a.id IN (SELECT a.id FROM activity a%s WHERE "
                       OPEN " AND %s%s ORDER BY a.due_at, a.id LIMIT ?8 OFFSET ?9)"
                       " ORDER BY a.due_at, a.id",
                       open_index (filter, TRUE),
                       bucket == PILOTE_AGENDA_OVERDUE ? "a.due_at < ?1"
                       : bucket == PILOTE_AGENDA_TODAY ? "a.due_at >= ?1 AND a.due_at < ?2"
                       : "a.due_at >= ?2 AND a.due_at < ?3",
                       where->str);
      break;
    case PILOTE_AGENDA_LATER:
      /* the dated ones in order on the index, then the undated ones */
      g_string_printf (sql, ITEM_COLUMNS " WHERE a.id IN (SELECT id FROM (SELECT a.id FROM"
                       " activity a%s WHERE " OPEN " AND a.due_at >= ?3%s ORDER BY a.due_at, a.id)"
                       " UNION ALL SELECT id FROM (SELECT a.id FROM activity a%s WHERE " OPEN
                       " AND a.due_at IS NULL%s ORDER BY a.id) LIMIT ?8 OFFSET ?9)"
                       " ORDER BY a.due_at IS NULL, a.due_at, a.id",
                       open_index (filter, TRUE), where->str, open_index (filter, FALSE),
                       where->str);
      break;
    case PILOTE_AGENDA_DONE:
    case PILOTE_AGENDA_N_BUCKETS:
    default:
      g_string_printf (sql, ITEM_COLUMNS " WHERE a.id IN (SELECT a.id FROM activity a WHERE "
                       DONE "%s ORDER BY a.done_at DESC, a.id DESC LIMIT ?8 OFFSET ?9)"
                       " ORDER BY a.done_at DESC, a.id DESC", where->str);
      break;
    }

  stmt = pilote_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_all (stmt, filter, bounds);
  sqlite3_bind_int64 (stmt, PARAM_LIMIT, limit);
  sqlite3_bind_int64 (stmt, PARAM_OFFSET, offset);
  return read_items (store, stmt, error);
}

/**
 * pilote_agenda_get_item:
 *
 * Returns: (transfer full): what the agenda shows of one activity, or
 *   %NULL with %PILOTE_ERROR_NOT_FOUND when it does not exist or was deleted
 */
PiloteAgendaItem *
pilote_agenda_get_item (PiloteStore  *store,
                        gint64        activity_id,
                        GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  stmt = pilote_store_prepare (store, ITEM_COLUMNS " WHERE a.id = ?1 AND a.deleted_at IS NULL",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_item (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                 _("The activity does not exist. Someone may have deleted it."));
  else
    pilote_store_set_sql_error (store, error);
  return NULL;
}

/**
 * pilote_agenda_due_soon:
 * @owner_id: whose activities; 0 for the activities nobody owns
 * @from: the earliest due time to list (a timestamp as the file keeps them)
 * @to: the due time to list up to, excluded
 * @limit: at most this many
 *
 * The activities not done yet that fall due in [@from, @to): what desktop
 * notifications announce. One range on the index of open activities.
 *
 * Returns: (transfer full) (element-type PiloteAgendaItem): soonest first,
 *   or %NULL on error
 */
GPtrArray *
pilote_agenda_due_soon (PiloteStore  *store,
                        gint64        owner_id,
                        const char   *from,
                        const char   *to,
                        guint         limit,
                        GError      **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  stmt = pilote_store_prepare (store,
                               owner_id > 0
                                 ? ITEM_COLUMNS " WHERE a.id IN (SELECT a.id FROM activity a"
                                   " INDEXED BY activity_open_owner WHERE " OPEN
                                   " AND a.due_at >= ?1 AND a.due_at < ?2 AND a.owner_id = ?3"
                                   " ORDER BY a.due_at, a.id LIMIT ?4) ORDER BY a.due_at, a.id"
                                 : ITEM_COLUMNS " WHERE a.id IN (SELECT a.id FROM activity a"
                                   " INDEXED BY activity_open_owner WHERE " OPEN
                                   " AND a.due_at >= ?1 AND a.due_at < ?2"
                                   " AND a.owner_id IS NULL AND ?3 IS NULL"
                                   " ORDER BY a.due_at, a.id LIMIT ?4) ORDER BY a.due_at, a.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  pilote_bind_id (stmt, 3, owner_id);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? limit : G_MAXINT);
  return read_items (store, stmt, error);
}

/* Changing activities */

/* Saves @changed, a changed copy of @activity; on success @activity holds
 * what was stored, else it is left as it was. */
static gboolean
update_activity (PiloteStore     *store,
                 PiloteActivity  *activity,
                 PiloteActivity  *changed,
                 GError         **error)
{
  PiloteActivity swap;

  if (!pilote_store_update (store, changed, error))
    return FALSE;
  swap = *activity;
  *activity = *changed;
  *changed = swap;
  return TRUE;
}

/**
 * pilote_agenda_mark_done:
 * @activity: the activity as read from the store (its version is checked)
 * @outcome: (nullable): what came of it, added to the notes
 * @when: (nullable): when it was done; now when %NULL
 *
 * Marks an activity done. Done meetings and calls count toward the
 * objectives on meetings held and calls made, by the day they were done.
 */
gboolean
pilote_agenda_mark_done (PiloteStore     *store,
                         PiloteActivity  *activity,
                         const char      *outcome,
                         GDateTime       *when,
                         GError         **error)
{
  g_autoptr(PiloteActivity) changed = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  char stamp[PILOTE_AGENDA_STAMP_LEN];

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (activity != NULL && activity->base.entity == PILOTE_ENTITY_ACTIVITY,
                        FALSE);

  if (when == NULL)
    when = now = g_date_time_new_now_local ();
  pilote_agenda_format_stamp (when, stamp);
  changed = pilote_record_copy (activity);
  g_free (changed->done_at);
  changed->done_at = g_strdup (stamp);

  text = g_strstrip (g_strdup (outcome != NULL ? outcome : ""));
  if (*text != '\0')
    {
      char *notes = changed->notes != NULL && *changed->notes != '\0'
                      ? g_strconcat (changed->notes, "\n\n", text, NULL)
                      : g_strdup (text);

      g_free (changed->notes);
      changed->notes = notes;
    }
  return update_activity (store, activity, changed, error);
}

/**
 * pilote_agenda_reopen:
 * @notes: (nullable): the notes to keep (those before it was marked done)
 *
 * Marks a done activity as not done (the "Undo" of marking it done).
 */
gboolean
pilote_agenda_reopen (PiloteStore     *store,
                      PiloteActivity  *activity,
                      const char      *notes,
                      GError         **error)
{
  g_autoptr(PiloteActivity) changed = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (activity != NULL && activity->base.entity == PILOTE_ENTITY_ACTIVITY,
                        FALSE);

  changed = pilote_record_copy (activity);
  g_clear_pointer (&changed->done_at, g_free);
  g_free (changed->notes);
  changed->notes = g_strdup (notes);
  return update_activity (store, activity, changed, error);
}

/**
 * pilote_agenda_reschedule:
 * @due: the new due time
 *
 * Moves an activity to another time.
 */
gboolean
pilote_agenda_reschedule (PiloteStore     *store,
                          PiloteActivity  *activity,
                          GDateTime       *due,
                          GError         **error)
{
  g_autoptr(PiloteActivity) changed = NULL;
  char stamp[PILOTE_AGENDA_STAMP_LEN];

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (activity != NULL && activity->base.entity == PILOTE_ENTITY_ACTIVITY,
                        FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  pilote_agenda_format_stamp (due, stamp);
  changed = pilote_record_copy (activity);
  g_free (changed->due_at);
  changed->due_at = g_strdup (stamp);
  return update_activity (store, activity, changed, error);
}

/* Clients */

static char *
escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
collect_clients (PiloteStore  *store,
                 PiloteStmt   *stmt,
                 GPtrArray    *clients,
                 GHashTable   *seen,
                 GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PiloteAgendaClient *client;

      if (g_hash_table_contains (seen, &id))
        continue;
      client = g_new0 (PiloteAgendaClient, 1);
      client->client_id = id;
      client->name = pilote_column_dup (stmt, 1);
      client->city = pilote_column_dup (stmt, 2);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (clients, client);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * pilote_agenda_search_clients:
 * @text: (nullable): what the user typed
 * @limit: at most this many
 *
 * The clients whose name starts with @text (without regard to case,
 * accents or spacing; a range on the index of folded names), then, when
 * that finds fewer than @limit, those whose name contains it. Without
 * text, the first clients by name.
 *
 * Returns: (transfer full) (element-type PiloteAgendaClient): the clients,
 *   or %NULL on error
 */
GPtrArray *
pilote_agenda_search_clients (PiloteStore  *store,
                              const char   *text,
                              guint         limit,
                              GError      **error)
{
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *end = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  clients = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_agenda_client_free);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  key = pilote_text_fold (text);
  if (key == NULL)
    {
      stmt = pilote_store_prepare (store,
                                   "SELECT id, name, city FROM client WHERE deleted_at IS NULL"
                                   " ORDER BY name COLLATE NOCASE, id LIMIT ?1",
                                   error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, limit);
      if (!collect_clients (store, stmt, clients, seen, error))
        return NULL;
      return g_steal_pointer (&clients);
    }

  /* U+10FFFF sorts after every character a name can hold */
  end = g_strconcat (key, "\xf4\x8f\xbf\xbf", NULL);
  stmt = pilote_store_prepare (store,
                               "SELECT id, name, city FROM client WHERE deleted_at IS NULL"
                               " AND name_key >= ?1 AND name_key < ?2"
                               " ORDER BY name_key, id LIMIT ?3",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  if (!collect_clients (store, stmt, clients, seen, error))
    return NULL;
  g_clear_pointer (&stmt, pilote_stmt_release);
  if (clients->len >= limit)
    return g_steal_pointer (&clients);

  pattern = escape_like (key);
  stmt = pilote_store_prepare (store,
                               "SELECT id, name, city FROM client WHERE deleted_at IS NULL"
                               " AND name_key LIKE '%' || ?1 || '%' ESCAPE '\\'"
                               " AND NOT (name_key >= ?2 AND name_key < ?3)"
                               " ORDER BY name_key, id LIMIT ?4",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, limit - clients->len);
  if (!collect_clients (store, stmt, clients, seen, error))
    return NULL;
  return g_steal_pointer (&clients);
}

/* Labels */

const char *
pilote_agenda_bucket_get_label (PiloteAgendaBucket bucket)
{
  g_return_val_if_fail (bucket < PILOTE_AGENDA_N_BUCKETS, NULL);

  switch (bucket)
    {
    case PILOTE_AGENDA_OVERDUE: return _("Overdue");
    case PILOTE_AGENDA_TODAY: return _("Today");
    case PILOTE_AGENDA_THIS_WEEK: return _("This Week");
    case PILOTE_AGENDA_LATER: return _("Later");
    /* Translators: the heading of the activities already done, in the agenda */
    case PILOTE_AGENDA_DONE: return C_("agenda section", "Done");
    case PILOTE_AGENDA_N_BUCKETS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pilote_activity_kind_get_label (PiloteActivityKind kind)
{
  static const char *const labels[] = {
    [PILOTE_ACTIVITY_CALL] = N_("Call"),
    [PILOTE_ACTIVITY_MEETING] = N_("Meeting"),
    [PILOTE_ACTIVITY_VISIT] = N_("Visit"),
    [PILOTE_ACTIVITY_EMAIL] = N_("E-mail"),
    [PILOTE_ACTIVITY_TASK] = N_("Task"),
  };

  g_return_val_if_fail (kind <= PILOTE_ACTIVITY_TASK, NULL);
  return g_dgettext (GETTEXT_PACKAGE, labels[kind]);
}

void
pilote_agenda_item_free (PiloteAgendaItem *item)
{
  if (item == NULL)
    return;
  g_free (item->subject);
  g_free (item->notes);
  g_free (item->client);
  g_free (item->deal);
  g_free (item->owner);
  g_free (item->due_at);
  g_free (item->done_at);
  g_free (item);
}

void
pilote_agenda_client_free (PiloteAgendaClient *client)
{
  if (client == NULL)
    return;
  g_free (client->name);
  g_free (client->city);
  g_free (client);
}
