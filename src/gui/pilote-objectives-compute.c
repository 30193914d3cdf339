/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-objectives-page-private.h"
#include "pilote-record.h"

/*
 * The figures of the objectives page, read in a worker thread on a
 * read-only connection of its own: the objectives over the period with the
 * KPI engine's actuals, attainment and pacing, what the parts add up to,
 * and the gap to target of the scope and of each of its members.
 */

PiloteObjRequest *
pilote_obj_request_copy (const PiloteObjRequest *request)
{
  PiloteObjRequest *copy = g_memdup2 (request, sizeof *request);

  copy->path = g_strdup (request->path);
  return copy;
}

void
pilote_obj_request_free (PiloteObjRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->path);
  g_free (request);
}

static void
obj_item_free (gpointer data)
{
  PiloteObjItem *item = data;

  g_free (item->scope_name);
  g_free (item->owner_name);
  g_free (item);
}

static void
member_gap_free (gpointer data)
{
  PiloteObjMemberGap *gap = data;

  g_free (gap->name);
  g_free (gap);
}

void
pilote_obj_data_free (PiloteObjData *data)
{
  if (data == NULL)
    return;
  g_free (data->currency);
  g_free (data->scope_name);
  g_clear_pointer (&data->own, g_ptr_array_unref);
  g_clear_pointer (&data->parts, g_ptr_array_unref);
  g_clear_pointer (&data->longer, g_ptr_array_unref);
  g_clear_pointer (&data->qualitative, g_ptr_array_unref);
  g_clear_pointer (&data->member_gaps, g_ptr_array_unref);
  g_clear_pointer (&data->progress, g_ptr_array_unref);
  g_free (data);
}

/* Who is who: names of the teams and members, the members' teams */
typedef struct {
  GHashTable *team_names;     /* id → name */
  GHashTable *member_names;   /* id → name */
  GHashTable *member_teams;   /* id → team id */
  GPtrArray  *members;        /* PiloteMember, by name */
} Directory;

static void
directory_clear (Directory *directory)
{
  g_clear_pointer (&directory->team_names, g_hash_table_unref);
  g_clear_pointer (&directory->member_names, g_hash_table_unref);
  g_clear_pointer (&directory->member_teams, g_hash_table_unref);
  g_clear_pointer (&directory->members, g_ptr_array_unref);
}

static gboolean
directory_load (Directory    *directory,
                PiloteStore  *store,
                GError      **error)
{
  g_autoptr(GPtrArray) teams = NULL;
  PiloteQuery query = { .sort_field = "name" };

  directory->team_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  directory->member_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  directory->member_teams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  teams = pilote_store_list (store, PILOTE_ENTITY_TEAM, &query, error);
  if (teams == NULL)
    return FALSE;
  directory->members = pilote_store_list (store, PILOTE_ENTITY_MEMBER, &query, error);
  if (directory->members == NULL)
    return FALSE;
  for (guint i = 0; i < teams->len; i++)
    {
      PiloteTeam *team = g_ptr_array_index (teams, i);

      g_hash_table_insert (directory->team_names, g_memdup2 (&team->base.id, sizeof (gint64)),
                           g_strdup (team->name));
    }
  for (guint i = 0; i < directory->members->len; i++)
    {
      PiloteMember *member = g_ptr_array_index (directory->members, i);

      g_hash_table_insert (directory->member_names,
                           g_memdup2 (&member->base.id, sizeof (gint64)),
                           g_strdup (member->name));
      g_hash_table_insert (directory->member_teams,
                           g_memdup2 (&member->base.id, sizeof (gint64)),
                           g_memdup2 (&member->team_id, sizeof (gint64)));
    }
  return TRUE;
}

static char *
get_scope_name (const Directory *directory,
                PiloteScope      scope,
                gint64           scope_id)
{
  const char *name = NULL;

  if (scope == PILOTE_SCOPE_COMPANY)
    return g_strdup (C_("scope", "Company"));
  name = g_hash_table_lookup (scope == PILOTE_SCOPE_TEAM ? directory->team_names
                                                         : directory->member_names, &scope_id);
  /* Translators: a team or member that is no longer in the file */
  return g_strdup (name != NULL ? name : _("(deleted)"));
}

static gint64
get_member_team (const Directory *directory,
                 gint64           member_id)
{
  const gint64 *team = g_hash_table_lookup (directory->member_teams, &member_id);

  return team != NULL ? *team : 0;
}

static gboolean
is_own (const PiloteObjective *objective,
        PiloteScope            scope,
        gint64                 scope_id)
{
  return objective->scope == scope
         && (scope == PILOTE_SCOPE_COMPANY || objective->scope_id == scope_id);
}

/* A team of the company, a member of the team */
static gboolean
is_part (const Directory       *directory,
         const PiloteObjective *objective,
         PiloteScope            scope,
         gint64                 scope_id)
{
  switch (scope)
    {
    case PILOTE_SCOPE_COMPANY:
      return objective->scope == PILOTE_SCOPE_TEAM;
    case PILOTE_SCOPE_TEAM:
      return objective->scope == PILOTE_SCOPE_MEMBER
             && get_member_team (directory, objective->scope_id) == scope_id;
    case PILOTE_SCOPE_MEMBER:
    default:
      return FALSE;
    }
}

/* Qualitative objectives of the scope or below it, or owned by the member */
static gboolean
is_within (const Directory       *directory,
           const PiloteObjective *objective,
           PiloteScope            scope,
           gint64                 scope_id)
{
  switch (scope)
    {
    case PILOTE_SCOPE_COMPANY:
      return TRUE;
    case PILOTE_SCOPE_TEAM:
      return is_own (objective, scope, scope_id) || is_part (directory, objective, scope, scope_id)
             || (objective->owner_id > 0
                 && get_member_team (directory, objective->owner_id) == scope_id);
    case PILOTE_SCOPE_MEMBER:
    default:
      return is_own (objective, scope, scope_id) || objective->owner_id == scope_id;
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const PiloteObjItem *x = *(PiloteObjItem * const *) a;
  const PiloteObjItem *y = *(PiloteObjItem * const *) b;
  const PiloteObjective *ox = x->progress->objective;
  const PiloteObjective *oy = y->progress->objective;
  int order;

  if (ox->metric != oy->metric)
    return ox->metric < oy->metric ? -1 : 1;
  if (ox->period_kind != oy->period_kind)
    return ox->period_kind < oy->period_kind ? -1 : 1;
  order = g_utf8_collate (x->scope_name, y->scope_name);
  if (order != 0)
    return order;
  return g_strcmp0 (ox->period_start, oy->period_start);
}

static int
compare_qualitative (gconstpointer a,
                     gconstpointer b)
{
  const PiloteObjective *x = (*(PiloteObjItem * const *) a)->progress->objective;
  const PiloteObjective *y = (*(PiloteObjItem * const *) b)->progress->objective;

  /* done and cancelled last, then by due date (none last) */
  gboolean x_closed = x->status == PILOTE_PROGRESS_DONE || x->status == PILOTE_PROGRESS_CANCELLED;
  gboolean y_closed = y->status == PILOTE_PROGRESS_DONE || y->status == PILOTE_PROGRESS_CANCELLED;

  if (x_closed != y_closed)
    return x_closed ? 1 : -1;
  if ((x->due_on == NULL) != (y->due_on == NULL))
    return x->due_on == NULL ? 1 : -1;
  if (g_strcmp0 (x->due_on, y->due_on) != 0)
    return g_strcmp0 (x->due_on, y->due_on);
  return x->base.id < y->base.id ? -1 : x->base.id > y->base.id;
}

static gboolean
sort_objectives (PiloteObjData    *data,
                 PiloteStore      *store,
                 const Directory  *directory,
                 GPtrArray        *progress,
                 GError          **error)
{
  g_autoptr(GArray) rollups = pilote_objective_plan_rollups (store, &data->period, error);
  char start[PILOTE_ISO_DATE_LEN];

  if (rollups == NULL)
    return FALSE;
  pilote_period_from_iso (&data->period, start);
  for (guint i = 0; i < progress->len; i++)
    {
      PiloteObjectiveProgress *p = g_ptr_array_index (progress, i);
      PiloteObjective *o = p->objective;
      gboolean same_period = o->period_kind == data->period.kind
                             && g_strcmp0 (o->period_start, start) == 0;
      GPtrArray *list = NULL;
      PiloteObjItem *item;

      if (o->metric == PILOTE_METRIC_QUALITATIVE)
        list = is_within (directory, o, data->scope, data->scope_id) ? data->qualitative : NULL;
      else if (same_period && is_own (o, data->scope, data->scope_id))
        list = data->own;
      else if (same_period && is_part (directory, o, data->scope, data->scope_id))
        list = data->parts;
      else if (!same_period && is_own (o, data->scope, data->scope_id))
        list = data->longer;
      if (list == NULL)
        continue;

      item = g_new0 (PiloteObjItem, 1);
      item->progress = p;
      item->scope_name = get_scope_name (directory, o->scope, o->scope_id);
      if (o->owner_id > 0)
        item->owner_name = get_scope_name (directory, PILOTE_SCOPE_MEMBER, o->owner_id);
      if (same_period && o->scope != PILOTE_SCOPE_MEMBER && pilote_metric_is_additive (o->metric))
        {
          const PiloteObjectiveRollup *rollup =
            pilote_objective_plan_find_rollup (rollups, o->metric, o->scope, o->scope_id);

          item->has_rollup = rollup != NULL;
          if (rollup != NULL)
            item->rollup = *rollup;
        }
      g_ptr_array_add (list, item);
    }
  g_ptr_array_sort (data->own, compare_items);
  g_ptr_array_sort (data->parts, compare_items);
  g_ptr_array_sort (data->longer, compare_items);
  g_ptr_array_sort (data->qualitative, compare_qualitative);
  return TRUE;
}

/* The members whose gap to target is listed: the team's, or everyone
 * active for the company, or the member alone */
static gboolean
compute_member_gaps (const PiloteObjRequest  *request,
                     PiloteStore             *store,
                     const Directory         *directory,
                     GPtrArray               *gaps,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  g_autofree PiloteGap *member_gaps = NULL;

  for (guint i = 0; i < directory->members->len; i++)
    {
      PiloteMember *member = g_ptr_array_index (directory->members, i);

      if (request->scope == PILOTE_SCOPE_MEMBER ? member->base.id != request->scope_id
          : (!member->active || member->role == PILOTE_ROLE_MARKETING
             || (request->scope == PILOTE_SCOPE_TEAM && member->team_id != request->scope_id)))
        continue;
      g_array_append_val (ids, member->base.id);
      g_ptr_array_add (listed, member);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* one grouped computation for all of them */
  member_gaps = g_new0 (PiloteGap, MAX (ids->len, 1));
  if (!pilote_kpi_member_gaps (store, &request->period, (const gint64 *) ids->data, ids->len,
                               member_gaps, error))
    return FALSE;
  for (guint i = 0; i < listed->len; i++)
    {
      PiloteMember *member = g_ptr_array_index (listed, i);
      PiloteObjMemberGap *gap;

      /* someone with neither a revenue objective nor a forecast (a director,
       * marketing) has no gap to show, unless the page is about him */
      if (request->scope != PILOTE_SCOPE_MEMBER && member_gaps[i].target == PILOTE_MONEY_NONE
          && member_gaps[i].forecast == 0)
        continue;
      gap = g_new0 (PiloteObjMemberGap, 1);
      gap->member_id = member->base.id;
      gap->name = g_strdup (member->name);
      gap->gap = member_gaps[i];
      g_ptr_array_add (gaps, gap);
    }
  return TRUE;
}

static void
compute_cb (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const PiloteObjRequest *request = task_data;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteObjData) data = g_new0 (PiloteObjData, 1);
  g_autoptr(GPtrArray) progress = NULL;
  Directory directory = { 0 };
  GError *error = NULL;

  store = pilote_store_open (request->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->period = request->period;
  data->today = request->today;
  data->scope = request->scope;
  data->scope_id = request->scope_id;
  data->currency = g_strdup (pilote_store_get_currency (store));
  data->own = g_ptr_array_new_with_free_func (obj_item_free);
  data->parts = g_ptr_array_new_with_free_func (obj_item_free);
  data->longer = g_ptr_array_new_with_free_func (obj_item_free);
  data->qualitative = g_ptr_array_new_with_free_func (obj_item_free);
  data->member_gaps = g_ptr_array_new_with_free_func (member_gap_free);

  if (!directory_load (&directory, store, &error))
    goto fail;
  data->scope_name = get_scope_name (&directory, request->scope, request->scope_id);
  progress = pilote_kpi_objectives (store, &request->period, &request->today, &error);
  if (progress == NULL
      || g_cancellable_set_error_if_cancelled (cancellable, &error)
      || !sort_objectives (data, store, &directory, progress, &error)
      || !pilote_kpi_gap (store, &request->period, request->scope, request->scope_id, &data->gap,
                          &error))
    goto fail;
  directory_clear (&directory);
  data->progress = g_steal_pointer (&progress);
  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) pilote_obj_data_free);
  return;

fail:
  directory_clear (&directory);
  g_task_return_error (task, error);
}

void
pilote_obj_compute_async (const PiloteObjRequest *request,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pilote_obj_compute_async);
  g_task_set_task_data (task, pilote_obj_request_copy (request),
                        (GDestroyNotify) pilote_obj_request_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_cb);
}

PiloteObjData *
pilote_obj_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Each member's gap to target: a KPI computation per member, read after
 * the rest of the page so that the page shows without waiting for it */

static void
compute_member_gaps_cb (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const PiloteObjRequest *request = task_data;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func (member_gap_free);
  Directory directory = { 0 };
  GError *error = NULL;

  store = pilote_store_open (request->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL
      || !directory_load (&directory, store, &error)
      || !compute_member_gaps (request, store, &directory, gaps, cancellable, &error))
    {
      directory_clear (&directory);
      g_task_return_error (task, error);
      return;
    }
  directory_clear (&directory);
  g_task_return_pointer (task, g_steal_pointer (&gaps), (GDestroyNotify) g_ptr_array_unref);
}

void
pilote_obj_member_gaps_async (const PiloteObjRequest *request,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pilote_obj_member_gaps_async);
  g_task_set_task_data (task, pilote_obj_request_copy (request),
                        (GDestroyNotify) pilote_obj_request_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_member_gaps_cb);
}

/**
 * pilote_obj_member_gaps_finish:
 *
 * Returns: (transfer full) (element-type PiloteObjMemberGap): the gaps
 */
GPtrArray *
pilote_obj_member_gaps_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
