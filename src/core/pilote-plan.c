/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-plan.h"
#include "pilote-record-private.h"

/* at most this many actions on the plan of one period */
#define MAX_ACTIONS 1000
/* at most this many items in one SWOT */
#define MAX_SWOT_ITEMS 400
/* at most this many spend lines in one period */
#define MAX_SPEND 5000

static const char *
scope_nick (PiloteScope scope)
{
  switch (scope)
    {
    case PILOTE_SCOPE_TEAM:
      return "team";
    case PILOTE_SCOPE_MEMBER:
      return "member";
    case PILOTE_SCOPE_COMPANY:
    default:
      return "company";
    }
}

static const char *
period_kind_nick (PilotePeriodKind kind)
{
  switch (kind)
    {
    case PILOTE_PERIOD_WEEK:
      return "week";
    case PILOTE_PERIOD_QUARTER:
      return "quarter";
    case PILOTE_PERIOD_YEAR:
      return "year";
    case PILOTE_PERIOD_MONTH:
    case PILOTE_PERIOD_CUSTOM:
    default:
      return "month";
    }
}

/* Strategy */

/**
 * pilote_plan_get_strategy:
 * @period_start: the period's first day, ISO
 * @scope_id: the team or member, 0 for the company
 *
 * Returns: (transfer full) (nullable): the strategy written for the period
 *   and scope; %NULL without error when none was written
 */
PilotePeriodNote *
pilote_plan_get_strategy (PiloteStore       *store,
                          PilotePeriodKind   period_kind,
                          const char        *period_start,
                          PiloteScope        scope,
                          gint64             scope_id,
                          GError           **error)
{
  PiloteFilter filters[5];
  PiloteQuery query = { 0 };
  g_autoptr(GPtrArray) notes = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period_start != NULL, NULL);

  filters[0] = (PiloteFilter) { "kind", PILOTE_OP_EQ, "strategy", 0 };
  filters[1] = (PiloteFilter) { "period_kind", PILOTE_OP_EQ, period_kind_nick (period_kind), 0 };
  filters[2] = (PiloteFilter) { "period_start", PILOTE_OP_EQ, period_start, 0 };
  filters[3] = (PiloteFilter) { "scope", PILOTE_OP_EQ, scope_nick (scope), 0 };
  if (scope == PILOTE_SCOPE_COMPANY)
    filters[4] = (PiloteFilter) { "scope_id", PILOTE_OP_IS_NULL, NULL, 0 };
  else
    filters[4] = (PiloteFilter) { "scope_id", PILOTE_OP_EQ, NULL, scope_id };
  query.filters = filters;
  query.n_filters = G_N_ELEMENTS (filters);
  query.limit = 1;
  notes = pilote_store_list (store, PILOTE_ENTITY_PERIOD_NOTE, &query, error);
  if (notes == NULL || notes->len == 0)
    return NULL;
  return g_ptr_array_steal_index (notes, 0);
}

/**
 * pilote_plan_save_strategy:
 * @note: the strategy, as pilote_plan_get_strategy () returned it, or a new
 *   note (id 0) of kind "strategy" for the period and scope
 *
 * Writes the strategy. When someone else wrote it since @note was read
 * (or wrote a first one meanwhile), fails with %PILOTE_ERROR_CONFLICT and
 * changes nothing. On success @note holds what the file holds.
 */
gboolean
pilote_plan_save_strategy (PiloteStore       *store,
                           PilotePeriodNote  *note,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (note != NULL && note->kind == PILOTE_NOTE_STRATEGY, FALSE);

  if (note->base.id > 0)
    return pilote_store_update (store, note, error);

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  {
    g_autoptr(PilotePeriodNote) existing = pilote_plan_get_strategy (store, note->period_kind,
                                                                     note->period_start,
                                                                     note->scope, note->scope_id,
                                                                     &local_error);
    if (local_error != NULL)
      goto fail;
    if (existing != NULL)
      {
        g_set_error (&local_error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                     _("Someone else wrote a strategy for this period meanwhile."));
        goto fail;
      }
  }
  if (!pilote_store_insert (store, note, &local_error))
    goto fail;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Actions */

static GPtrArray *
read_records (PiloteStore             *store,
              PiloteStmt              *stmt,
              const PiloteEntityInfo  *info,
              GError                 **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (pilote_record_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, pilote_record_read (stmt, info));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * pilote_plan_list_actions:
 * @scope_id: the team or member, 0 for the company
 *
 * The actions of a period's plan: those due in the period, those due
 * before it and still to do or in progress (they are late), and those
 * without a due date. A member's plan holds the actions they own; a
 * team's those its members own.
 *
 * Returns: (transfer full) (element-type PiloteAction): the actions, by
 *   due date (undated last)
 */
GPtrArray *
pilote_plan_list_actions (PiloteStore         *store,
                          const PilotePeriod  *period,
                          PiloteScope          scope,
                          gint64               scope_id,
                          GError             **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (PILOTE_ENTITY_ACTION);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  sql = g_strdup_printf ("%s WHERE deleted_at IS NULL"
                         " AND ((due_on >= ?1 AND due_on < ?2) OR due_on IS NULL"
                         "  OR (due_on < ?1 AND (status = 'not-started' OR status = 'in-progress')))"
                         "%s ORDER BY due_on IS NULL, due_on, id LIMIT %d",
                         pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT),
                         scope == PILOTE_SCOPE_MEMBER ? " AND owner_id = ?3"
                         : scope == PILOTE_SCOPE_TEAM
                           ? " AND owner_id IN (SELECT id FROM member WHERE team_id = ?3)" : "",
                         MAX_ACTIONS);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (scope != PILOTE_SCOPE_COMPANY)
    sqlite3_bind_int64 (stmt, 3, scope_id);
  return read_records (store, stmt, info, error);
}

/**
 * pilote_plan_action_is_overdue:
 * @days_late: (out) (optional): how many days past its due date
 *
 * Returns: whether @action is past its due date and neither done nor cancelled
 */
gboolean
pilote_plan_action_is_overdue (const PiloteAction *action,
                               const GDate        *today,
                               gint               *days_late)
{
  GDate due;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (days_late != NULL)
    *days_late = 0;
  if (action->status == PILOTE_PROGRESS_DONE || action->status == PILOTE_PROGRESS_CANCELLED ||
      !pilote_date_parse_iso (action->due_on, &due) || g_date_compare (&due, today) >= 0)
    return FALSE;
  if (days_late != NULL)
    *days_late = g_date_days_between (&due, today);
  return TRUE;
}

/* SWOT */

/**
 * pilote_plan_swot_period:
 * @start: (out): the first day of the SWOT's period
 *
 * A SWOT is written for a (fiscal) year: the SWOT of any period is the
 * one of the year that holds the period's first day.
 */
void
pilote_plan_swot_period (const PilotePeriod *period,
                         char                start[PILOTE_ISO_DATE_LEN])
{
  PilotePeriod year;

  g_return_if_fail (period != NULL);

  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &period->from, period->fiscal_start);
  pilote_period_from_iso (&year, start);
}

/**
 * pilote_plan_list_markets:
 * @period_start: the SWOT's period (see pilote_plan_swot_period ())
 *
 * Returns: (transfer full): the markets that have SWOT items in the
 *   period, by name; an item without market is left out
 */
GStrv
pilote_plan_list_markets (PiloteStore  *store,
                          const char   *period_start,
                          GError      **error)
{
  g_autoptr(GStrvBuilder) markets = g_strv_builder_new ();
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period_start != NULL, NULL);

  stmt = pilote_store_prepare (store,
                               "SELECT DISTINCT market FROM swot_item WHERE deleted_at IS NULL"
                               " AND period_start = ?1 AND market IS NOT NULL"
                               " ORDER BY market COLLATE NOCASE LIMIT 200",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, period_start, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (markets, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_strv_builder_end (markets);
}

/**
 * pilote_plan_list_swot:
 * @market: (nullable): the market, %NULL for the items without one
 *
 * Returns: (transfer full) (element-type PiloteSwotItem): the items of a
 *   SWOT, by quadrant and position
 */
GPtrArray *
pilote_plan_list_swot (PiloteStore  *store,
                       const char   *market,
                       const char   *period_start,
                       GError      **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (PILOTE_ENTITY_SWOT_ITEM);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period_start != NULL, NULL);

  sql = g_strdup_printf ("%s WHERE deleted_at IS NULL AND period_start = ?1 AND market IS ?2"
                         " ORDER BY CASE quadrant WHEN 'strength' THEN 0 WHEN 'weakness' THEN 1"
                         " WHEN 'opportunity' THEN 2 ELSE 3 END, position, id LIMIT %d",
                         pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT), MAX_SWOT_ITEMS);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, period_start, -1, SQLITE_TRANSIENT);
  pilote_bind_text (stmt, 2, market);
  return read_records (store, stmt, info, error);
}

static GPtrArray *
list_quadrant (PiloteStore          *store,
               const PiloteSwotItem *item,
               GError              **error)
{
  g_autoptr(GPtrArray) all = pilote_plan_list_swot (store, item->market, item->period_start, error);
  g_autoptr(GPtrArray) quadrant = g_ptr_array_new_with_free_func (pilote_record_free);

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      PiloteSwotItem *other = g_ptr_array_index (all, i);

      if (other->quadrant == item->quadrant)
        g_ptr_array_add (quadrant, pilote_record_copy (other));
    }
  return g_steal_pointer (&quadrant);
}

/**
 * pilote_plan_add_swot_item:
 * @item: a new item (id 0) with its market, period, quadrant and text
 *
 * Adds @item at the end of its quadrant.
 */
gboolean
pilote_plan_add_swot_item (PiloteStore     *store,
                           PiloteSwotItem  *item,
                           GError         **error)
{
  g_autoptr(GPtrArray) quadrant = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->base.id == 0, FALSE);
  g_return_val_if_fail (item->period_start != NULL, FALSE);

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  quadrant = list_quadrant (store, item, &local_error);
  if (quadrant == NULL)
    goto fail;
  item->position = 0;
  for (guint i = 0; i < quadrant->len; i++)
    {
      const PiloteSwotItem *other = g_ptr_array_index (quadrant, i);

      item->position = MAX (item->position, other->position + 1);
    }
  if (!pilote_store_insert (store, item, &local_error))
    goto fail;
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * pilote_plan_move_swot_item:
 * @item: the item as the user saw it (its version is checked)
 * @index: where it goes in its quadrant, 0 first; past the end puts it last
 *
 * Moves an item within its quadrant and numbers the quadrant's items again,
 * in one transaction.
 */
gboolean
pilote_plan_move_swot_item (PiloteStore           *store,
                            const PiloteSwotItem  *item,
                            guint                  index,
                            GError               **error)
{
  g_autoptr(GPtrArray) quadrant = NULL;
  g_autoptr(GError) local_error = NULL;
  PiloteSwotItem *moved = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL && item->base.id > 0, FALSE);

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  quadrant = list_quadrant (store, item, &local_error);
  if (quadrant == NULL)
    goto fail;
  for (guint i = 0; i < quadrant->len && moved == NULL; i++)
    {
      PiloteSwotItem *other = g_ptr_array_index (quadrant, i);

      if (other->base.id == item->base.id)
        moved = g_ptr_array_steal_index (quadrant, i);
    }
  if (moved == NULL || moved->base.version != item->base.version)
    {
      g_set_error (&local_error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT,
                   _("Someone else changed or deleted this item meanwhile. Look at the SWOT "
                     "again and retry."));
      pilote_record_free (moved);
      goto fail;
    }
  g_ptr_array_insert (quadrant, MIN (index, quadrant->len), moved);
  for (guint i = 0; i < quadrant->len; i++)
    {
      PiloteSwotItem *other = g_ptr_array_index (quadrant, i);

      if (other->position == (gint64) i)
        continue;
      other->position = i;
      if (!pilote_store_update (store, other, &local_error))
        goto fail;
    }
  return pilote_store_commit (store, error);

fail:
  pilote_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Spend */

/**
 * pilote_plan_list_spend:
 *
 * The spend of the months that start in the period, as the KPI engine
 * counts it.
 *
 * Returns: (transfer full) (element-type PiloteSpend): the spend recorded
 *   for the months of the period, by month, channel and campaign
 */
GPtrArray *
pilote_plan_list_spend (PiloteStore         *store,
                        const PilotePeriod  *period,
                        GError             **error)
{
  const PiloteEntityInfo *info = pilote_entity_get_info (PILOTE_ENTITY_SPEND);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  sql = g_strdup_printf ("%s s WHERE s.deleted_at IS NULL AND s.month >= ?1 AND s.month < ?2"
                         " ORDER BY s.month, (SELECT name FROM channel c WHERE c.id = s.channel_id)"
                         " COLLATE NOCASE, s.campaign COLLATE NOCASE, s.id LIMIT %d",
                         pilote_record_sql (info, PILOTE_RECORD_SQL_SELECT), MAX_SPEND);
  stmt = pilote_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  return read_records (store, stmt, info, error);
}
