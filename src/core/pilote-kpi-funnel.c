/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The deals that entered each stage in a period: the dashboard's funnel.
 * A deal that entered a stage twice counts once; deleted deals do not
 * count. The stage changes of the period are read once from their index
 * (to_stage_id, changed_at, deal_id), and each stage's deals are told apart
 * in a bitmap of deal ids rather than in SQLite's temporary index of a
 * count (DISTINCT …). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pilote-kpi-private.h"

/* deal ids seen, one bit each; grows with the largest id met */
typedef struct {
  guint64 *words;
  gsize    n_words;
} DealSet;

static gboolean
deal_set_add (DealSet *set,
              gint64   id)
{
  gsize word;
  guint64 bit;

  if (id < 0)
    return FALSE;
  word = (gsize) (id / 64);
  bit = G_GUINT64_CONSTANT (1) << (id % 64);
  if (word >= set->n_words)
    {
      gsize n = MAX (word + 1, set->n_words * 2);

      set->words = g_renew (guint64, set->words, n);
      memset (set->words + set->n_words, 0, (n - set->n_words) * sizeof (guint64));
      set->n_words = n;
    }
  if (set->words[word] & bit)
    return FALSE;
  set->words[word] |= bit;
  return TRUE;
}

typedef struct {
  gint64  stage_id;
  DealSet seen;
} StageEntries;

static void
funnel_entry_free (gpointer data)
{
  PiloteFunnelStage *stage = data;

  g_free (stage->name);
  g_free (stage);
}

/**
 * pilote_kpi_funnel_entries:
 *
 * The first figure of the funnel alone, for the dashboard: how many deals
 * entered each stage in the period (@advanced, @conversion and
 * @median_days are not computed: -1 and NAN).
 *
 * Returns: (transfer full) (element-type PiloteFunnelStage): the stages
 *   that are not "lost" stages, in pipeline order
 */
GPtrArray *
pilote_kpi_funnel_entries (PiloteStore            *store,
                           const PilotePeriod     *period,
                           const PiloteKpiFilter  *filter,
                           GError                **error)
{
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (funnel_entry_free);
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *query = NULL;
  g_autofree StageEntries *entries = NULL;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  StageEntries *last = NULL;
  PiloteKpiSql sql;
  gboolean has_row, ok;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  /* the stages shown, in order, each with no deal yet */
  stmt = pilote_store_prepare (store,
                               "SELECT id, name FROM stage"
                               " WHERE deleted_at IS NULL AND kind <> 'lost'"
                               " ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      PiloteFunnelStage *stage;

      if (!pilote_kpi_step (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      stage = g_new0 (PiloteFunnelStage, 1);
      stage->stage_id = sqlite3_column_int64 (stmt, 0);
      stage->name = pilote_column_dup (stmt, 1);
      stage->advanced = -1;
      stage->conversion = NAN;
      stage->median_days = NAN;
      g_ptr_array_add (stages, stage);
    }
  g_clear_pointer (&stmt, pilote_stmt_release);
  entries = g_new0 (StageEntries, MAX (stages->len, 1));
  for (guint i = 0; i < stages->len; i++)
    entries[i].stage_id = ((PiloteFunnelStage *) g_ptr_array_index (stages, i))->stage_id;

  pilote_period_from_iso (period, from);
  pilote_period_to_iso (period, to);
  pilote_kpi_sql_init (&sql, PILOTE_FACT_STAGE_CHANGE, filter, PILOTE_DIMENSION_NONE);
  if (filter == NULL || filter->conditions->len == 0)
    /* every deal: the stage changes from their index alone; the few
     * deleted deals are set aside once, from their own index */
    query = g_strdup ("SELECT sc.to_stage_id, sc.deal_id"
                      " FROM stage_change sc INDEXED BY stage_change_to"
                      " WHERE sc.to_stage_id IN (SELECT id FROM stage"
                      "   WHERE deleted_at IS NULL AND kind <> 'lost')"
                      " AND sc.changed_at >= ?1 AND sc.changed_at < ?2"
                      " AND sc.deal_id NOT IN (SELECT id FROM deal WHERE deleted_at IS NOT NULL)");
  else if (pilote_kpi_filter_by_change_keys (filter))
    {
      /* some owners, a segment, the clients of a region, a channel…: their
       * changes from the index of owners, of segments or of stages alone,
       * the changes carrying their deal's owner, its client's segment, its
       * client and its channel; the filter's SQL
       * (pilote-kpi-sql.c) names columns of the schema and binds every
       * value (pilote_kpi_prepare ()) */
      g_string_replace (sql.from, " JOIN deal d ON d.id = sc.deal_id", "", 1);
      query = g_strdup_printf ("SELECT sc.to_stage_id, sc.deal_id %s"
                               " WHERE sc.to_stage_id IN (SELECT id FROM stage"
                               "   WHERE deleted_at IS NULL AND kind <> 'lost')"
                               " AND sc.changed_at >= ?1 AND sc.changed_at < ?2"
                               " AND sc.deal_id NOT IN (SELECT id FROM deal"
                               "   WHERE deleted_at IS NOT NULL)%s%s",
                               sql.from->str, sql.where->str, sql.applicable ? "" : " AND 0");
    }
  else
    /* the filter's SQL (pilote-kpi-sql.c) names columns of the schema and
     * binds every value (pilote_kpi_prepare ()) */
    query = g_strdup_printf ("SELECT sc.to_stage_id, sc.deal_id %s"
                             " WHERE d.deleted_at IS NULL"
                             " AND sc.to_stage_id IN (SELECT id FROM stage"
                             "   WHERE deleted_at IS NULL AND kind <> 'lost')"
                             " AND sc.changed_at >= ?1 AND sc.changed_at < ?2%s%s",
                             sql.from->str, sql.where->str, sql.applicable ? "" : " AND 0");
  pilote_kpi_sql_clear (&sql);

  stmt = pilote_kpi_prepare (store, query, from, to, filter, error);
  if (stmt == NULL)
    return NULL;
  while (TRUE)
    {
      gint64 stage_id, deal_id;

      ok = pilote_kpi_step (store, stmt, &has_row, error);
      if (!ok || !has_row)
        break;
      stage_id = sqlite3_column_int64 (stmt, 0);
      deal_id = sqlite3_column_int64 (stmt, 1);
      if (last == NULL || last->stage_id != stage_id)
        {
          last = NULL;
          for (guint i = 0; i < stages->len && last == NULL; i++)
            if (entries[i].stage_id == stage_id)
              last = &entries[i];
          if (last == NULL)
            continue;
        }
      if (deal_set_add (&last->seen, deal_id))
        ((PiloteFunnelStage *) g_ptr_array_index (stages, last - entries))->entered++;
    }
  for (guint i = 0; i < stages->len; i++)
    g_free (entries[i].seen.words);
  if (!ok)
    return NULL;
  return g_steal_pointer (&stages);
}
