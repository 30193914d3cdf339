/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pilote-enums.h"
#include "pilote-kpi-private.h"
#include "pilote-kpi.h"
#include "pilote-objective-plan.h"
#include "pilote-store-private.h"

static const char *
get_nick (GType type,
          int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* the enum classes of the core are never unloaded: the nick stays */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

static gboolean
parse_nick (GType       type,
            const char *nick,
            int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (enum_value == NULL)
    return FALSE;
  *value = enum_value->value;
  return TRUE;
}

/* Spreading */

/**
 * pilote_objective_plan_spread:
 * @total: what to spread (minor units or a count), not negative
 * @weights: (nullable) (array length=n_parts): the share of each part;
 *   negative weights count as nothing. %NULL, or weights that are all
 *   nothing, spread evenly
 * @n_parts: how many parts
 * @parts: (out caller-allocates) (array length=n_parts): the parts
 *
 * Splits @total in proportion to @weights into whole units that add up
 * exactly to @total: each part gets the whole units of its share, and the
 * units left over go one by one to the parts whose shares lost most in
 * rounding (the earlier part first when two lost as much).
 */
void
pilote_objective_plan_spread (gint64        total,
                              const gint64 *weights,
                              guint         n_parts,
                              gint64       *parts)
{
  g_autofree double *remainders = NULL;
  long double sum = 0;
  gint64 given = 0;

  g_return_if_fail (total >= 0);
  g_return_if_fail (n_parts > 0);
  g_return_if_fail (parts != NULL);

  for (guint i = 0; weights != NULL && i < n_parts; i++)
    sum += MAX (weights[i], 0);

  remainders = g_new (double, n_parts);
  for (guint i = 0; i < n_parts; i++)
    {
      long double share = sum > 0 ? (long double) MAX (weights[i], 0) / sum
                                  : 1.0L / (long double) n_parts;
      long double quota = (long double) total * share;
      long double whole = floorl (quota);

      parts[i] = (gint64) whole;
      remainders[i] = (double) (quota - whole);
      given += parts[i];
    }

  /* rounding can only have given too much by a unit here and there: take
   * it back from the largest parts */
  while (given > total)
    {
      guint largest = 0;

      for (guint i = 1; i < n_parts; i++)
        if (parts[i] > parts[largest])
          largest = i;
      parts[largest]--;
      remainders[largest] = 0;
      given--;
    }

  /* then hand out the units left over, largest remainder first */
  while (given < total)
    {
      guint best = 0;

      for (guint i = 1; i < n_parts; i++)
        if (remainders[i] > remainders[best])
          best = i;
      parts[best]++;
      /* a part gets a second unit only once every other got one */
      remainders[best] -= 1.0;
      given++;
    }
}

static PiloteKpiFilter *
create_scope_filter (PiloteScope scope,
                     gint64      scope_id)
{
  PiloteKpiFilter *filter = pilote_kpi_filter_new ();

  if (scope == PILOTE_SCOPE_TEAM)
    pilote_kpi_filter_add_id (filter, PILOTE_DIMENSION_TEAM, scope_id);
  else if (scope == PILOTE_SCOPE_MEMBER)
    pilote_kpi_filter_add_id (filter, PILOTE_DIMENSION_MEMBER, scope_id);
  return filter;
}

static int
get_month_number (const GDate *date)
{
  return (int) g_date_get_year (date) * 12 + (int) g_date_get_month (date) - 1;
}

/**
 * pilote_objective_plan_seasonality:
 * @year: a (fiscal) year
 * @weights: (out caller-allocates): the revenue of each month of the year
 *   before @year, for the scope, in minor units
 *
 * Reads last year's revenue by month from the KPI engine, as weights for
 * pilote_objective_plan_spread().
 */
gboolean
pilote_objective_plan_seasonality (PiloteStore        *store,
                                   const PilotePeriod *year,
                                   PiloteScope         scope,
                                   gint64              scope_id,
                                   gint64              weights[PILOTE_MONTHS_IN_YEAR],
                                   GError            **error)
{
  g_autoptr(PiloteKpiFilter) filter = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  PilotePeriod before;
  int first;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (year != NULL && year->kind == PILOTE_PERIOD_YEAR, FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  memset (weights, 0, sizeof (gint64) * PILOTE_MONTHS_IN_YEAR);
  pilote_period_year_before (year, &before);
  filter = create_scope_filter (scope, scope_id);
  report = pilote_kpi_compute (store, &before, filter, PILOTE_DIMENSION_MONTH,
                               PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_NO_PIPELINE_ROWS |
                               PILOTE_KPI_NO_CLIENT_COUNTS, error);
  if (report == NULL)
    return FALSE;

  first = get_month_number (&before.from);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);
      g_autofree char *day = row->key != NULL ? g_strdup_printf ("%s-01", row->key) : NULL;
      GDate date;
      int index;

      if (day == NULL || !pilote_date_parse_iso (day, &date))
        continue;
      index = get_month_number (&date) - first;
      if (index >= 0 && index < PILOTE_MONTHS_IN_YEAR && row->figures.revenue > 0)
        weights[index] = row->figures.revenue;
    }
  return TRUE;
}

static gboolean
find_objective (PiloteStore       *store,
                PiloteMetric       metric,
                PilotePeriodKind   kind,
                const char        *start,
                PiloteScope        scope,
                gint64             scope_id,
                gint64            *id,
                GError           **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  stmt = pilote_store_prepare (store,
                               "SELECT id FROM objective WHERE deleted_at IS NULL"
                               " AND metric = ?1 AND period_kind = ?2 AND period_start = ?3"
                               " AND scope = ?4 AND ifnull (scope_id, 0) = ?5"
                               " ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, get_nick (PILOTE_TYPE_METRIC, metric), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, get_nick (PILOTE_TYPE_PERIOD_KIND, kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, get_nick (PILOTE_TYPE_SCOPE, scope), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, scope == PILOTE_SCOPE_COMPANY ? 0 : scope_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
save_target (PiloteStore       *store,
             PiloteMetric       metric,
             PilotePeriodKind   kind,
             const GDate       *first_day,
             PiloteScope        scope,
             gint64             scope_id,
             gint64             target,
             GError           **error)
{
  char start[PILOTE_ISO_DATE_LEN];
  gint64 id = 0;

  pilote_date_to_iso (first_day, start);
  if (!find_objective (store, metric, kind, start, scope, scope_id, &id, error))
    return FALSE;
  if (id > 0)
    {
      g_autoptr(PiloteObjective) objective = pilote_store_get_objective (store, id, error);

      if (objective == NULL)
        return FALSE;
      if (objective->target == target)
        return TRUE;
      objective->target = target;
      return pilote_store_update (store, objective, error);
    }
  else
    {
      g_autoptr(PiloteObjective) objective = pilote_objective_new ();

      objective->metric = metric;
      objective->period_kind = kind;
      objective->period_start = g_strdup (start);
      objective->scope = scope;
      objective->scope_id = scope == PILOTE_SCOPE_COMPANY ? 0 : scope_id;
      objective->target = target;
      return pilote_store_insert (store, objective, error);
    }
}

/**
 * pilote_objective_plan_save_months:
 * @year: the (fiscal) year whose months get the targets
 * @parts: the target of each month, in order
 *
 * Sets the monthly objectives of @metric for the scope over @year, in one
 * transaction: a month that has an objective gets the new target, a month
 * without one gets a new objective.
 */
gboolean
pilote_objective_plan_save_months (PiloteStore        *store,
                                   PiloteMetric        metric,
                                   const PilotePeriod *year,
                                   PiloteScope         scope,
                                   gint64              scope_id,
                                   const gint64        parts[PILOTE_MONTHS_IN_YEAR],
                                   GError            **error)
{
  GDate month;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (year != NULL && year->kind == PILOTE_PERIOD_YEAR, FALSE);
  g_return_val_if_fail (metric != PILOTE_METRIC_QUALITATIVE, FALSE);
  g_return_val_if_fail (parts != NULL, FALSE);

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  month = year->from;
  for (guint i = 0; i < PILOTE_MONTHS_IN_YEAR; i++)
    {
      if (!save_target (store, metric, PILOTE_PERIOD_MONTH, &month, scope, scope_id, parts[i],
                        error))
        {
          pilote_store_rollback (store);
          return FALSE;
        }
      g_date_add_months (&month, 1);
    }
  return pilote_store_commit (store, error);
}

/**
 * pilote_objective_plan_find_other:
 * @objective: a quantitative objective, stored or not
 * @other_id: (out): the id of another objective of the same metric, period
 *   and scope, 0 when there is none
 *
 * Finds the objective that @objective would duplicate.
 */
gboolean
pilote_objective_plan_find_other (PiloteStore            *store,
                                  const PiloteObjective  *objective,
                                  gint64                 *other_id,
                                  GError                **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (objective != NULL && other_id != NULL, FALSE);

  *other_id = 0;
  if (objective->metric == PILOTE_METRIC_QUALITATIVE || objective->period_start == NULL)
    return TRUE;
  stmt = pilote_store_prepare (store,
                               "SELECT id FROM objective WHERE deleted_at IS NULL"
                               " AND metric = ?1 AND period_kind = ?2 AND period_start = ?3"
                               " AND scope = ?4 AND ifnull (scope_id, 0) = ?5 AND id <> ?6"
                               " ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, get_nick (PILOTE_TYPE_METRIC, objective->metric), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, get_nick (PILOTE_TYPE_PERIOD_KIND, objective->period_kind), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, objective->period_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, get_nick (PILOTE_TYPE_SCOPE, objective->scope), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, objective->scope == PILOTE_SCOPE_COMPANY ? 0
                                                                         : objective->scope_id);
  sqlite3_bind_int64 (stmt, 6, objective->base.id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return FALSE;
    }
  *other_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/**
 * pilote_objective_plan_get_target:
 * @target: (out): the target of the objective of @metric for exactly
 *   @period and the scope, %G_MININT64 when there is none
 */
gboolean
pilote_objective_plan_get_target (PiloteStore         *store,
                                  PiloteMetric         metric,
                                  const PilotePeriod  *period,
                                  PiloteScope          scope,
                                  gint64               scope_id,
                                  gint64              *target,
                                  GError             **error)
{
  g_autoptr(PiloteObjective) objective = NULL;
  char start[PILOTE_ISO_DATE_LEN];
  gint64 id = 0;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && period->kind != PILOTE_PERIOD_CUSTOM, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  *target = G_MININT64;
  pilote_period_from_iso (period, start);
  if (!find_objective (store, metric, period->kind, start, scope, scope_id, &id, error))
    return FALSE;
  if (id == 0)
    return TRUE;
  objective = pilote_store_get_objective (store, id, error);
  if (objective == NULL)
    return FALSE;
  *target = objective->target;
  return TRUE;
}

/**
 * pilote_objective_plan_save_target:
 *
 * Gives the objective of @metric for exactly @period and the scope the
 * target @target, creating the objective when there is none.
 */
gboolean
pilote_objective_plan_save_target (PiloteStore         *store,
                                   PiloteMetric         metric,
                                   const PilotePeriod  *period,
                                   PiloteScope          scope,
                                   gint64               scope_id,
                                   gint64               target,
                                   GError             **error)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && period->kind != PILOTE_PERIOD_CUSTOM, FALSE);
  g_return_val_if_fail (metric != PILOTE_METRIC_QUALITATIVE, FALSE);

  return save_target (store, metric, period->kind, &period->from, scope, scope_id, target, error);
}

/* Roll-up */

/**
 * pilote_metric_is_additive:
 *
 * Returns: whether the objectives of the parts add up to the whole's: a
 *   sum (revenue, margin, counts), not a rate or a text
 */
gboolean
pilote_metric_is_additive (PiloteMetric metric)
{
  return metric != PILOTE_METRIC_WIN_RATE && metric != PILOTE_METRIC_QUALITATIVE;
}

/**
 * pilote_objective_plan_rollups:
 * @period: the period whose objectives are added up (objectives of
 *   exactly that kind and start)
 *
 * Adds up, for every additive metric, the objectives of each team's
 * members into the team, and the teams' objectives into the company.
 *
 * Returns: (transfer full) (element-type PiloteObjectiveRollup): one entry
 *   per whole that has parts with objectives
 */
GArray *
pilote_objective_plan_rollups (PiloteStore        *store,
                               const PilotePeriod *period,
                               GError            **error)
{
  g_autoptr(GArray) rollups = g_array_new (FALSE, TRUE, sizeof (PiloteObjectiveRollup));
  g_autoptr(PiloteStmt) stmt = NULL;
  char start[PILOTE_ISO_DATE_LEN];
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL && period->kind != PILOTE_PERIOD_CUSTOM, NULL);

  stmt = pilote_store_prepare (store,
                               "SELECT o.metric, 'team', m.team_id, sum (o.target), count (*)"
                               " FROM objective o JOIN member m ON m.id = o.scope_id"
                               " WHERE o.deleted_at IS NULL AND o.scope = 'member'"
                               " AND o.period_kind = ?1 AND o.period_start = ?2"
                               " AND o.metric <> 'qualitative' AND o.metric <> 'win-rate'"
                               " AND m.team_id IS NOT NULL AND m.deleted_at IS NULL"
                               " GROUP BY o.metric, m.team_id"
                               " UNION ALL"
                               " SELECT o.metric, 'company', 0, sum (o.target), count (*)"
                               " FROM objective o JOIN team t ON t.id = o.scope_id"
                               " WHERE o.deleted_at IS NULL AND o.scope = 'team'"
                               " AND o.period_kind = ?1 AND o.period_start = ?2"
                               " AND o.metric <> 'qualitative' AND o.metric <> 'win-rate'"
                               " AND t.deleted_at IS NULL"
                               " GROUP BY o.metric",
                               error);
  if (stmt == NULL)
    return NULL;
  pilote_period_from_iso (period, start);
  sqlite3_bind_text (stmt, 1, get_nick (PILOTE_TYPE_PERIOD_KIND, period->kind), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PiloteObjectiveRollup rollup = { 0 };
      int metric, scope;

      if (!parse_nick (PILOTE_TYPE_METRIC, (const char *) sqlite3_column_text (stmt, 0), &metric)
          || !parse_nick (PILOTE_TYPE_SCOPE, (const char *) sqlite3_column_text (stmt, 1),
                          &scope))
        continue;
      rollup.metric = metric;
      rollup.scope = scope;
      rollup.scope_id = sqlite3_column_int64 (stmt, 2);
      rollup.parts_target = sqlite3_column_int64 (stmt, 3);
      rollup.n_parts = (guint) sqlite3_column_int64 (stmt, 4);
      g_array_append_val (rollups, rollup);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rollups);
}

/**
 * pilote_objective_plan_find_rollup:
 * @rollups: (element-type PiloteObjectiveRollup): from pilote_objective_plan_rollups()
 *
 * Returns: (nullable): what the parts of the whole add up to, %NULL when
 *   no part has an objective for @metric
 */
const PiloteObjectiveRollup *
pilote_objective_plan_find_rollup (GArray       *rollups,
                                   PiloteMetric  metric,
                                   PiloteScope   scope,
                                   gint64        scope_id)
{
  g_return_val_if_fail (rollups != NULL, NULL);

  for (guint i = 0; i < rollups->len; i++)
    {
      const PiloteObjectiveRollup *rollup = &g_array_index (rollups, PiloteObjectiveRollup, i);

      if (rollup->metric == metric && rollup->scope == scope &&
          (scope == PILOTE_SCOPE_COMPANY || rollup->scope_id == scope_id))
        return rollup;
    }
  return NULL;
}

/* Copying the previous period's objectives */

/**
 * pilote_objective_plan_copy_previous:
 * @period: the period to set objectives for
 * @scope: which objectives: the company's copies all of them, a team's
 *   its own and its members', a member's his own
 * @created: (nullable) (element-type gint64): gets the ids of the
 *   objectives created
 *
 * Gives @period the quantitative objectives of the period before it (of
 * the same kind), with the same targets, in one transaction. An objective
 * whose metric and scope already have one in @period is left out.
 */
gboolean
pilote_objective_plan_copy_previous (PiloteStore        *store,
                                     const PilotePeriod *period,
                                     PiloteScope         scope,
                                     gint64              scope_id,
                                     GArray             *created,
                                     GError            **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  char start[PILOTE_ISO_DATE_LEN], previous_start[PILOTE_ISO_DATE_LEN];
  PilotePeriod previous;
  int rc;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL && period->kind != PILOTE_PERIOD_CUSTOM, FALSE);

  pilote_period_previous (period, &previous);
  pilote_period_from_iso (period, start);
  pilote_period_from_iso (&previous, previous_start);

  if (!pilote_store_begin_write (store, error))
    return FALSE;
  stmt = pilote_store_prepare (store,
                               "SELECT o.id FROM objective o"
                               " LEFT JOIN member m ON o.scope = 'member' AND m.id = o.scope_id"
                               " WHERE o.deleted_at IS NULL AND o.metric <> 'qualitative'"
                               " AND o.period_kind = ?1 AND o.period_start = ?2"
                               " AND (?4 = 'company'"
                               "  OR (?4 = 'team' AND ((o.scope = 'team' AND o.scope_id = ?5)"
                               "                       OR m.team_id = ?5))"
                               "  OR (?4 = 'member' AND o.scope = 'member' AND o.scope_id = ?5))"
                               " AND NOT EXISTS (SELECT 1 FROM objective n"
                               "  WHERE n.deleted_at IS NULL AND n.metric = o.metric"
                               "  AND n.period_kind = o.period_kind AND n.period_start = ?3"
                               "  AND n.scope = o.scope"
                               "  AND ifnull (n.scope_id, 0) = ifnull (o.scope_id, 0))"
                               " ORDER BY o.id",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, get_nick (PILOTE_TYPE_PERIOD_KIND, period->kind), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, previous_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, get_nick (PILOTE_TYPE_SCOPE, scope), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, scope_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      pilote_store_set_sql_error (store, error);
      goto fail;
    }
  g_clear_pointer (&stmt, pilote_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PiloteObjective) old = NULL;
      g_autoptr(PiloteObjective) copy = pilote_objective_new ();

      old = pilote_store_get_objective (store, g_array_index (ids, gint64, i), error);
      if (old == NULL)
        goto fail;
      copy->metric = old->metric;
      copy->period_kind = old->period_kind;
      copy->period_start = g_strdup (start);
      copy->scope = old->scope;
      copy->scope_id = old->scope_id;
      copy->target = old->target;
      if (!pilote_store_insert (store, copy, error))
        goto fail;
      if (created != NULL)
        g_array_append_val (created, copy->base.id);
    }
  return pilote_store_commit (store, error);

fail:
  if (created != NULL)
    g_array_set_size (created, 0);
  pilote_store_rollback (store);
  return FALSE;
}
