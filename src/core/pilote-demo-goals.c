/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include "pilote-demo-private.h"
#include "pilote-store-private.h"

/* What the demonstration company aims at and spends: revenue targets per
 * rep, team and company, set from its history the way a director would
 * (the level of past months, the growth, the season, a little stretch);
 * new clients and meetings to reach; the year's qualitative objectives and
 * their action plan; a SWOT and a comment on last month; and marketing and
 * sales spend by channel. */

/* revenue in each month of the year, per mille of an average month: the
 * profile the monthly targets follow */
static const int revenue_season[13] = {
  0, 1050, 850, 1200, 850, 950, 1300, 1000, 550, 1250, 900, 850, 1250,
};

/* meetings in each month of the year, per mille of an average month */
static const int meeting_season[13] = {
  0, 1050, 1000, 1050, 1000, 950, 1000, 900, 600, 1150, 1100, 1050, 800,
};

typedef struct {
  const char *metric;
  const char *period_kind;
  const char *period_start;
  const char *scope;
  gint64      scope_id;
  gint64      target;         /* G_MININT64: none (qualitative) */
  const char *description;
  gint64      owner_id;
  const char *due_on;
  int         progress;
  const char *status;
  guint       created;        /* day */
} Objective;

static gboolean
insert_objective (PiloteDemo       *demo,
                  const Objective  *objective,
                  gint64           *id,
                  GError          **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  char stamp[PILOTE_DEMO_STAMP_LEN];

  stmt = pilote_store_prepare (demo->store,
                               "INSERT INTO objective (created_at, updated_at, metric, period_kind,"
                               " period_start, scope, scope_id, target, description, owner_id,"
                               " due_on, progress, status)"
                               " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                               error);
  if (stmt == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, objective->created, 8, 0, stamp);
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, objective->metric, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, objective->period_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, objective->period_start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, objective->scope, -1, SQLITE_STATIC);
  pilote_bind_id (stmt, 6, objective->scope_id);
  if (objective->target != G_MININT64)
    sqlite3_bind_int64 (stmt, 7, objective->target);
  else
    sqlite3_bind_null (stmt, 7);
  pilote_bind_text (stmt, 8, objective->description);
  pilote_bind_id (stmt, 9, objective->owner_id);
  pilote_bind_text (stmt, 10, objective->due_on);
  sqlite3_bind_int (stmt, 11, objective->progress);
  sqlite3_bind_text (stmt, 12, objective->status != NULL ? objective->status : "not-started", -1,
                     SQLITE_STATIC);
  if (!pilote_store_step_done (demo->store, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (pilote_store_get_db (demo->store));
  return TRUE;
}

/* the index of the month of January of this year */
static guint
get_this_january (const PiloteDemo *demo)
{
  return PILOTE_DEMO_HISTORY_MONTHS - demo->month_moy[PILOTE_DEMO_HISTORY_MONTHS - 1];
}

/* Targets are set in the first days of January for the year ahead (or
 * when the history starts). */
static guint
target_set_on (const PiloteDemo *demo,
               guint             month)
{
  guint january = month - MIN (month, (guint) demo->month_moy[month] - 1);

  return demo->month_first[january] - MIN (demo->month_first[january], 10);
}

/* What a month should bring, from the history: the level of its
 * months (leaving out the first ones, when the pipeline fills up, and the
 * current one), growing as the business does, shaped by the season. */
static gint64
expect_month (const gint64 *history,
              guint         month,
              guint8        moy,
              const int    *season)
{
  gint64 sum = 0, growth = 0;

  for (guint m = 4; m < PILOTE_DEMO_HISTORY_MONTHS - 1; m++)
    {
      sum += history[m];
      growth += 1000 + 15 * m;
    }
  if (growth == 0)
    return 0;
  return sum * (1000 + 15 * (gint64) month) / growth * season[moy] / 1000;
}

static gint64
round_target (gint64 value,
              gint64 step)
{
  return MAX (step, (value + step / 2) / step * step);
}

static gboolean
insert_revenue_objectives (PiloteDemo  *demo,
                           gint64      *this_year,
                           GError     **error)
{
  gint64 team_targets[PILOTE_DEMO_N_TEAMS][PILOTE_DEMO_MAX_MONTHS] = { { 0 } };
  gint64 company_targets[PILOTE_DEMO_MAX_MONTHS] = { 0 };
  Objective objective = { "revenue", "month", NULL, "member" };

  for (guint rep = 0; rep < PILOTE_DEMO_N_REPS; rep++)
    {
      guint team = (guint) pilote_demo_staff[PILOTE_DEMO_FIRST_REP + rep].team;

      objective.scope_id = demo->staff[PILOTE_DEMO_FIRST_REP + rep];
      for (guint m = 0; m < demo->n_months; m++)
        {
          gint64 expected = expect_month (demo->revenue[rep], m, demo->month_moy[m],
                                          revenue_season);
          int stretch = pilote_demo_random_range (&demo->rng, 1030, 1120);

          objective.target = round_target (expected * stretch / 1000, 10000);
          objective.period_start = demo->month_iso[m];
          objective.created = target_set_on (demo, m);
          if (!insert_objective (demo, &objective, NULL, error))
            return FALSE;
          team_targets[team][m] += objective.target;
          company_targets[m] += objective.target;
        }
    }

  for (guint t = 0; t <= PILOTE_DEMO_N_TEAMS; t++)
    {
      const gint64 *targets = t < PILOTE_DEMO_N_TEAMS ? team_targets[t] : company_targets;

      objective.scope = t < PILOTE_DEMO_N_TEAMS ? "team" : "company";
      objective.scope_id = t < PILOTE_DEMO_N_TEAMS ? demo->teams[t] : 0;
      for (guint m = 0; m < demo->n_months; m++)
        {
          if (t == PILOTE_DEMO_N_TEAMS && m >= get_this_january (demo))
            *this_year += targets[m];
          objective.period_kind = "month";
          objective.period_start = demo->month_iso[m];
          objective.target = targets[m];
          objective.created = target_set_on (demo, m);
          if (!insert_objective (demo, &objective, NULL, error))
            return FALSE;

          /* and the years the monthly targets cover whole */
          if (demo->month_moy[m] == 1 && m + 12 <= demo->n_months)
            {
              objective.period_kind = "year";
              objective.target = 0;
              for (guint k = m; k < m + 12; k++)
                objective.target += targets[k];
              if (!insert_objective (demo, &objective, NULL, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
insert_other_objectives (PiloteDemo  *demo,
                         gint64       year_revenue,
                         GError     **error)
{
  gint64 acquired[PILOTE_DEMO_HISTORY_MONTHS] = { 0 };
  gint64 meetings[PILOTE_DEMO_HISTORY_MONTHS];
  guint this_january = get_this_january (demo);
  Objective objective = { "new-clients", "month", NULL, "company" };

  for (guint c = 0; c < demo->n_clients; c++)
    if (demo->client_first_won[c] != PILOTE_DEMO_NO_DAY)
      acquired[demo->month_of[demo->client_first_won[c]]]++;
  for (guint m = 0; m < demo->n_months; m++)
    {
      gint64 expected = expect_month (acquired, m, demo->month_moy[m], revenue_season);

      objective.period_start = demo->month_iso[m];
      objective.target = round_target (expected * 1100 / 1000, 1);
      objective.created = target_set_on (demo, m);
      if (!insert_objective (demo, &objective, NULL, error))
        return FALSE;
    }

  /* meetings, by team, this year */
  objective.metric = "meetings";
  objective.scope = "team";
  for (guint t = 0; t < PILOTE_DEMO_N_TEAMS; t++)
    {
      for (guint m = 0; m < PILOTE_DEMO_HISTORY_MONTHS; m++)
        meetings[m] = demo->meetings[t][m];
      objective.scope_id = demo->teams[t];
      for (guint m = this_january; m < demo->n_months; m++)
        {
          gint64 expected = expect_month (meetings, m, demo->month_moy[m], meeting_season);

          objective.period_start = demo->month_iso[m];
          objective.target = round_target (expected * 1100 / 1000, 1);
          objective.created = target_set_on (demo, m);
          if (!insert_objective (demo, &objective, NULL, error))
            return FALSE;
        }
    }

  /* this year's win rate and gross margin, for the whole company */
  objective = (Objective) { "win-rate", "year", demo->month_iso[this_january], "company" };
  objective.target = 6000;
  objective.created = target_set_on (demo, this_january);
  if (!insert_objective (demo, &objective, NULL, error))
    return FALSE;
  objective.metric = "gross-margin";
  objective.target = round_target (year_revenue * 42 / 100, 100000);
  return insert_objective (demo, &objective, NULL, error);
}

/* the last day of @month of this year */
static void
format_month_end (const PiloteDemo *demo,
                  guint             month,
                  char              buf[PILOTE_ISO_DATE_LEN])
{
  GDate date;
  GDateYear year = (GDateYear) g_ascii_strtoull (demo->month_iso[PILOTE_DEMO_HISTORY_MONTHS - 1],
                                                 NULL, 10);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_get_days_in_month ((GDateMonth) month, year), (GDateMonth) month,
                  year);
  pilote_date_to_iso (&date, buf);
}

/* The qualitative objectives of the year and the action plan that serves them */
static gboolean
insert_plan (PiloteDemo  *demo,
             GError     **error)
{
  guint this_january = get_this_january (demo);
  gint64 goal_ids[8] = { 0 };
  g_autoptr(PiloteStmt) action = NULL;

  g_assert (pilote_demo_n_goals <= G_N_ELEMENTS (goal_ids));

  for (guint g = 0; g < pilote_demo_n_goals; g++)
    {
      const PiloteDemoGoal *goal = &pilote_demo_goals[g];
      char due[PILOTE_ISO_DATE_LEN];
      Objective objective = { "qualitative", "year", demo->month_iso[this_january], goal->scope };

      format_month_end (demo, (guint) goal->due_month, due);
      objective.scope_id = goal->team >= 0 ? demo->teams[goal->team] : 0;
      objective.target = G_MININT64;
      objective.description = goal->description;
      objective.owner_id = demo->staff[goal->owner];
      objective.due_on = due;
      objective.progress = goal->progress;
      objective.status = goal->status;
      objective.created = target_set_on (demo, this_january);
      if (!insert_objective (demo, &objective, &goal_ids[g], error))
        return FALSE;
    }

  action = pilote_store_prepare (demo->store,
                                 "INSERT INTO action (created_at, updated_at, title, owner_id,"
                                 " due_on, status, objective_id)"
                                 " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  if (action == NULL)
    return FALSE;
  for (guint a = 0; a < pilote_demo_n_actions; a++)
    {
      const PiloteDemoAction *item = &pilote_demo_actions[a];
      guint due = (guint) ((int) demo->today + item->due_days);
      char stamp[PILOTE_DEMO_STAMP_LEN];

      pilote_demo_stamp_on (demo, MIN (due, demo->today) - MIN (MIN (due, demo->today), 30), stamp);
      sqlite3_bind_text (action, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (action, 2, item->title, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (action, 3, demo->staff[item->owner]);
      sqlite3_bind_text (action, 4, pilote_demo_iso (demo, due), 10, SQLITE_STATIC);
      sqlite3_bind_text (action, 5, item->status, -1, SQLITE_STATIC);
      pilote_bind_id (action, 6, item->goal >= 0 ? goal_ids[item->goal] : 0);
      if (!pilote_store_step_done (demo->store, action, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_analysis (PiloteDemo  *demo,
                 GError     **error)
{
  guint this_january = get_this_january (demo);
  guint this_month = demo->month_first[PILOTE_DEMO_HISTORY_MONTHS - 1];
  g_autoptr(PiloteStmt) swot = NULL;
  g_autoptr(PiloteStmt) note = NULL;
  char stamp[PILOTE_DEMO_STAMP_LEN];

  swot = pilote_store_prepare (demo->store,
                               "INSERT INTO swot_item (created_at, updated_at, market,"
                               " period_start, quadrant, text, position)"
                               " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (swot == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, target_set_on (demo, this_january), 14, 0, stamp);
  for (guint i = 0; i < pilote_demo_n_swot; i++)
    {
      int position = 0;

      for (guint j = 0; j < i; j++)
        position += g_strcmp0 (pilote_demo_swot[j].quadrant, pilote_demo_swot[i].quadrant) == 0;
      sqlite3_bind_text (swot, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (swot, 2, pilote_demo_swot_market, -1, SQLITE_STATIC);
      sqlite3_bind_text (swot, 3, demo->month_iso[this_january], -1, SQLITE_STATIC);
      sqlite3_bind_text (swot, 4, pilote_demo_swot[i].quadrant, -1, SQLITE_STATIC);
      sqlite3_bind_text (swot, 5, pilote_demo_swot[i].text, -1, SQLITE_STATIC);
      sqlite3_bind_int (swot, 6, position);
      if (!pilote_store_step_done (demo->store, swot, error))
        return FALSE;
    }

  /* the director's comment on last month, written early this month, and
   * the year's strategy, written when the targets were set */
  note = pilote_store_prepare (demo->store,
                               "INSERT INTO period_note (created_at, updated_at, kind, period_kind,"
                               " period_start, scope, text)"
                               " VALUES (?1, ?1, ?2, ?3, ?4, 'company', ?5)",
                               error);
  if (note == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, MIN (this_month + 2, demo->today), 17, 30, stamp);
  sqlite3_bind_text (note, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 2, "comment", -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 3, "month", -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 4, demo->month_iso[PILOTE_DEMO_HISTORY_MONTHS - 2], -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 5, pilote_demo_month_comment, -1, SQLITE_STATIC);
  if (!pilote_store_step_done (demo->store, note, error))
    return FALSE;

  pilote_demo_format_stamp (demo, target_set_on (demo, this_january), 9, 0, stamp);
  sqlite3_bind_text (note, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 2, "strategy", -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 3, "year", -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 4, demo->month_iso[this_january], -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 5, pilote_demo_year_strategy, -1, SQLITE_STATIC);
  return pilote_store_step_done (demo->store, note, error);
}

/* Marketing and sales spend, per channel and month: what bringing each
 * new client into the pipeline costs through that channel. */
static gboolean
insert_spend (PiloteDemo  *demo,
              GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (demo->store,
                               "INSERT INTO spend (created_at, updated_at, month, channel_id,"
                               " campaign, kind, amount) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint m = 0; m < PILOTE_DEMO_HISTORY_MONTHS; m++)
    for (guint s = 0; s < pilote_demo_n_spends; s++)
      {
        const PiloteDemoSpend *spend = &pilote_demo_spends[s];
        gint64 leads = demo->leads[spend->channel][m];
        int noise = pilote_demo_random_range (&demo->rng, 850, 1150);
        gint64 amount = (leads * spend->per_lead + spend->per_lead / 2) * noise / 1000;
        char stamp[PILOTE_DEMO_STAMP_LEN];

        pilote_demo_stamp_on (demo, demo->month_first[m], stamp);
        sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, demo->month_iso[m], -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 3, demo->channels[spend->channel]);
        sqlite3_bind_text (stmt, 4, spend->campaign, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 5, spend->kind, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 6, round_target (amount, 100));
        if (!pilote_store_step_done (demo->store, stmt, error))
          return FALSE;
      }
  return TRUE;
}

/**
 * pilote_demo_insert_goals:
 *
 * Inserts the objectives, the action plan, the SWOT, the comment on last
 * month and the spend, from what the deals brought.
 */
gboolean
pilote_demo_insert_goals (PiloteDemo  *demo,
                          GError     **error)
{
  gint64 this_year = 0;

  return insert_revenue_objectives (demo, &this_year, error) &&
         insert_other_objectives (demo, this_year, error) &&
         insert_plan (demo, error) &&
         insert_analysis (demo, error) &&
         insert_spend (demo, error);
}
