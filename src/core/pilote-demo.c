/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-demo.h"
#include "pilote-demo-private.h"
#include "pilote-error.h"
#include "pilote-period.h"
#include "pilote-store-private.h"

/* The demonstration company: three years of history of Atelier Moreau,
 * written straight into a new file in one transaction. Everything is drawn
 * from a private generator seeded by the options, so that a seed and a
 * date always give the same file.
 *
 * The rows are written with SQL rather than through pilote_store_insert ():
 * a million deals one record at a time, each with its rules, its derived
 * data and its audit entry, would take hours. The generator keeps the
 * rules itself (see pilote_store_check ()) and writes no audit history: it
 * is not someone editing records. */

#define FUTURE_DAYS   160      /* days after today that dates may fall on */
#define CACHE_KIB     262144   /* SQLite page cache while generating */
#define MAX_CLIENTS   5000000
#define MAX_DEALS     20000000

/* revenue in each month of the year, per mille of an average month: the
 * profile the monthly targets follow */
static const int revenue_season[13] = {
  0, 1050, 850, 1200, 850, 950, 1300, 1000, 550, 1250, 900, 850, 1250,
};

/* meetings in each month of the year, per mille of an average month */
static const int meeting_season[13] = {
  0, 1050, 1000, 1050, 1000, 950, 1000, 900, 600, 1150, 1100, 1050, 800,
};

void
pilote_demo_options_init (PiloteDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_clients = 800;
  options->n_deals = 6000;
  options->seed = 1;
  options->today = NULL;
}

static void
demo_free (PiloteDemo *demo)
{
  g_free (demo->iso);
  g_free (demo->month_of);
  g_free (demo->weekday);
  g_free (demo->client_ids);
  g_free (demo->client_rep);
  g_free (demo->client_channel);
  g_free (demo->client_segment);
  g_free (demo->client_flags);
  g_free (demo->client_city);
  g_free (demo->client_appetite);
  g_free (demo->client_lifetime);
  g_free (demo->client_first_deal);
  g_free (demo->client_first_won);
  g_free (demo->deal_client);
  g_free (demo->deal_day);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteDemo, demo_free)

/* The history: the 36 months up to today's, and the rest of this year
 * for the objectives. */
static void
init_calendar (PiloteDemo  *demo,
               const GDate *today)
{
  GDate start = *today, day;
  guint32 start_julian;
  guint start_month;

  g_date_set_day (&start, 1);
  g_date_subtract_months (&start, PILOTE_DEMO_HISTORY_MONTHS - 1);
  start_julian = g_date_get_julian (&start);
  start_month = g_date_get_year (&start) * 12u + g_date_get_month (&start) - 1;

  demo->today = g_date_get_julian (today) - start_julian;
  demo->n_days = demo->today + 1 + FUTURE_DAYS;
  demo->iso = g_malloc_n (demo->n_days, PILOTE_ISO_DATE_LEN);
  demo->month_of = g_malloc (demo->n_days);
  demo->weekday = g_malloc (demo->n_days);

  g_date_clear (&day, 1);
  for (guint i = 0; i < demo->n_days; i++)
    {
      guint month;

      g_date_set_julian (&day, start_julian + i);
      pilote_date_to_iso (&day, demo->iso + (gsize) i * PILOTE_ISO_DATE_LEN);
      month = g_date_get_year (&day) * 12u + g_date_get_month (&day) - 1 - start_month;
      demo->month_of[i] = (guint8) MIN (month, G_MAXUINT8);
      demo->weekday[i] = (guint8) (g_date_get_weekday (&day) - 1);
      if (g_date_get_day (&day) == 1 && month < PILOTE_DEMO_HISTORY_MONTHS)
        demo->month_first[month] = i;
    }

  demo->n_months = PILOTE_DEMO_HISTORY_MONTHS + 12 - g_date_get_month (today);
  for (guint m = 0; m < demo->n_months; m++)
    {
      day = start;
      g_date_add_months (&day, m);
      pilote_date_to_iso (&day, demo->month_iso[m]);
      demo->month_moy[m] = (guint8) g_date_get_month (&day);
    }
}

static PiloteDemo *
demo_new (PiloteStore             *store,
          const PiloteDemoOptions *options,
          const GDate             *today)
{
  PiloteDemo *demo = g_new0 (PiloteDemo, 1);

  demo->store = store;
  demo->n_clients = options->n_clients;
  demo->n_deals = options->n_deals;
  pilote_demo_random_init (&demo->rng, options->seed);
  init_calendar (demo, today);

  demo->client_ids = g_new0 (gint64, demo->n_clients);
  demo->client_rep = g_new0 (guint8, demo->n_clients);
  demo->client_channel = g_new0 (guint8, demo->n_clients);
  demo->client_segment = g_new0 (guint8, demo->n_clients);
  demo->client_flags = g_new0 (guint8, demo->n_clients);
  demo->client_city = g_new0 (guint8, demo->n_clients);
  demo->client_appetite = g_new0 (guint8, demo->n_clients);
  demo->client_lifetime = g_new0 (guint16, demo->n_clients);
  demo->client_first_deal = g_new (guint16, demo->n_clients);
  demo->client_first_won = g_new (guint16, demo->n_clients);
  for (guint c = 0; c < demo->n_clients; c++)
    demo->client_first_deal[c] = demo->client_first_won[c] = PILOTE_DEMO_NO_DAY;
  demo->deal_client = g_new (guint32, demo->n_deals);
  demo->deal_day = g_new (guint16, demo->n_deals);
  return demo;
}

static gboolean
fail_on_sql (PiloteDemo  *demo,
             GError     **error)
{
  pilote_store_set_sql_error (demo->store, error);
  return FALSE;
}

/* Batches */

#define BIG_BATCH    64
#define SMALL_BATCH  8
#define TEXT_PER_ROW 640

struct _PiloteDemoBatch
{
  PiloteStore     *store;
  PiloteStmt      *statements[3];   /* of 1, SMALL_BATCH and BIG_BATCH rows */
  guint            n_columns;
  guint            capacity;
  guint            n_rows;
  PiloteDemoValue *values;
  char            *text;
  gsize            text_used;
  gsize            text_size;
};

static const guint batch_rows[3] = { 1, SMALL_BATCH, BIG_BATCH };

/**
 * pilote_demo_batch_new:
 * @insert: "INSERT INTO table (columns) VALUES "
 * @n_columns: how many columns each row has
 * @capacity: how many rows the batch holds at most
 */
PiloteDemoBatch *
pilote_demo_batch_new (PiloteDemo  *demo,
                       const char  *insert,
                       guint        n_columns,
                       guint        capacity,
                       GError     **error)
{
  g_autoptr(PiloteDemoBatch) batch = g_new0 (PiloteDemoBatch, 1);

  batch->store = demo->store;
  batch->n_columns = n_columns;
  batch->capacity = capacity;
  batch->values = g_new0 (PiloteDemoValue, (gsize) capacity * n_columns);
  batch->text_size = (gsize) capacity * TEXT_PER_ROW;
  batch->text = g_malloc (batch->text_size);

  for (guint s = 0; s < G_N_ELEMENTS (batch_rows); s++)
    {
      g_autoptr(GString) sql = g_string_new (insert);

      for (guint row = 0; row < batch_rows[s]; row++)
        {
          g_string_append (sql, row == 0 ? "(?" : ", (?");
          for (guint column = 1; column < n_columns; column++)
            g_string_append (sql, ", ?");
          g_string_append_c (sql, ')');
        }
      batch->statements[s] = pilote_store_prepare (demo->store, sql->str, error);
      if (batch->statements[s] == NULL)
        return NULL;
    }
  return g_steal_pointer (&batch);
}

void
pilote_demo_batch_free (PiloteDemoBatch *batch)
{
  g_free (batch->values);
  g_free (batch->text);
  g_free (batch);
}

/* Returns: the values of a new row, to set */
PiloteDemoValue *
pilote_demo_batch_add (PiloteDemoBatch *batch)
{
  g_assert (batch->n_rows < batch->capacity);
  return &batch->values[(gsize) batch->n_rows++ * batch->n_columns];
}

/* Returns: a copy of @text that lives until the batch is flushed */
const char *
pilote_demo_batch_copy (PiloteDemoBatch *batch,
                        const char      *text)
{
  gsize size = strlen (text) + 1;
  char *copy = batch->text + batch->text_used;

  g_assert (batch->text_used + size <= batch->text_size);
  memcpy (copy, text, size);
  batch->text_used += size;
  return copy;
}

static void
bind_value (PiloteStmt            *stmt,
            int                    index,
            const PiloteDemoValue *value)
{
  switch (value->type)
    {
    case PILOTE_DEMO_INT:
      sqlite3_bind_int64 (stmt, index, value->i);
      break;
    case PILOTE_DEMO_REAL:
      sqlite3_bind_double (stmt, index, value->d);
      break;
    case PILOTE_DEMO_TEXT:
      sqlite3_bind_text (stmt, index, value->s, -1, SQLITE_STATIC);
      break;
    case PILOTE_DEMO_NULL:
    default:
      sqlite3_bind_null (stmt, index);
      break;
    }
}

/* Inserts the rows of the batch, as many at a time as possible, and empties it */
gboolean
pilote_demo_batch_flush (PiloteDemoBatch  *batch,
                         GError          **error)
{
  guint row = 0;

  for (int s = G_N_ELEMENTS (batch_rows) - 1; s >= 0; s--)
    while (batch->n_rows - row >= batch_rows[s])
      {
        PiloteStmt *stmt = batch->statements[s];
        const PiloteDemoValue *values = &batch->values[(gsize) row * batch->n_columns];
        guint n_values = batch_rows[s] * batch->n_columns;

        for (guint v = 0; v < n_values; v++)
          bind_value (stmt, (int) v + 1, &values[v]);
        if (!pilote_store_step_done (batch->store, stmt, error))
          return FALSE;
        row += batch_rows[s];
      }
  batch->n_rows = 0;
  batch->text_used = 0;
  return TRUE;
}

/* The company */

static gboolean
check_empty (PiloteDemo  *demo,
             GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (demo->store,
                               "SELECT EXISTS (SELECT 1 FROM client) OR EXISTS (SELECT 1 FROM deal)",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fail_on_sql (demo, error);
  /* the tables are empty: ids start at 1 */
  demo->next_client_id = 1;
  demo->next_deal_id = 1;
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("“%s” already has clients or deals. Demonstration data goes into a new, "
                     "empty file: choose another file name."),
                   pilote_store_get_path (demo->store));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_setting (PiloteDemo  *demo,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;

  stmt = pilote_store_prepare (demo->store, "UPDATE setting SET value = ?2 WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return pilote_store_step_done (demo->store, stmt, error);
}

/* inserts a row whose first parameter is its creation time and second its name */
static gboolean
insert_named (PiloteDemo  *demo,
              const char  *sql,
              const char  *name,
              gint64      *id,
              GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  char stamp[PILOTE_DEMO_STAMP_LEN];

  stmt = pilote_store_prepare (demo->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, 0, 8, 0, stamp);
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!pilote_store_step_done (demo->store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (pilote_store_get_db (demo->store));
  return TRUE;
}

/* the id of a row every new file has; @kind, when not %NULL, is the stage kind it must have */
static gboolean
look_up (PiloteDemo  *demo,
         const char  *sql,
         const char  *name,
         const char  *kind,
         gint64      *id,
         GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  int rc;

  stmt = pilote_store_prepare (demo->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_on_sql (demo, error);
  if (rc == SQLITE_DONE ||
      (kind != NULL && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), kind) != 0))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("This file's pipeline stages, channels or lost reasons are not the ones "
                     "of a new file. Demonstration data goes into a new file: choose another "
                     "file name."));
      return FALSE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
look_up_lists (PiloteDemo  *demo,
               GError     **error)
{
  static const char *const stage_kinds[PILOTE_DEMO_N_STAGES] = {
    "open", "open", "open", "open", "won", "lost",
  };

  for (guint i = 0; i < PILOTE_DEMO_N_STAGES; i++)
    if (!look_up (demo,
                  "SELECT id, kind FROM stage WHERE name = ?1 AND deleted_at IS NULL"
                  " ORDER BY id LIMIT 1",
                  pilote_demo_stages[i], stage_kinds[i], &demo->stages[i], error))
      return FALSE;
  for (guint i = 0; i < PILOTE_DEMO_N_CHANNELS; i++)
    if (!look_up (demo,
                  "SELECT id FROM channel WHERE name = ?1 AND deleted_at IS NULL"
                  " ORDER BY id LIMIT 1",
                  pilote_demo_channels[i], NULL, &demo->channels[i], error))
      return FALSE;
  for (guint i = 0; i < PILOTE_DEMO_N_REASONS; i++)
    if (!look_up (demo,
                  "SELECT id FROM lost_reason WHERE name = ?1 AND deleted_at IS NULL"
                  " ORDER BY id LIMIT 1",
                  pilote_demo_lost_reasons[i], NULL, &demo->reasons[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
insert_staff (PiloteDemo  *demo,
              GError     **error)
{
  g_autoptr(PiloteStmt) member = NULL;
  g_autoptr(PiloteStmt) manager = NULL;
  char stamp[PILOTE_DEMO_STAMP_LEN];

  for (guint t = 0; t < PILOTE_DEMO_N_TEAMS; t++)
    if (!insert_named (demo,
                       "INSERT INTO team (created_at, updated_at, name) VALUES (?1, ?1, ?2)",
                       pilote_demo_teams[t].name, &demo->teams[t], error))
      return FALSE;

  member = pilote_store_prepare (demo->store,
                                 "INSERT INTO member (created_at, updated_at, name, email, role,"
                                 " team_id, office) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  if (member == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, 0, 8, 0, stamp);
  for (guint s = 0; s < PILOTE_DEMO_N_STAFF; s++)
    {
      const PiloteDemoPerson *person = &pilote_demo_staff[s];
      g_autofree char *email = pilote_demo_make_email (person->name, pilote_demo_email_domain);

      sqlite3_bind_text (member, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 2, person->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 3, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 4, person->role, -1, SQLITE_STATIC);
      pilote_bind_id (member, 5, person->team >= 0 ? demo->teams[person->team] : 0);
      sqlite3_bind_text (member, 6,
                         person->team >= 0 ? pilote_demo_teams[person->team].office
                                           : pilote_demo_head_office,
                         -1, SQLITE_STATIC);
      if (!pilote_store_step_done (demo->store, member, error))
        return FALSE;
      demo->staff[s] = sqlite3_last_insert_rowid (pilote_store_get_db (demo->store));
    }

  manager = pilote_store_prepare (demo->store, "UPDATE team SET manager_id = ?2 WHERE id = ?1",
                                  error);
  if (manager == NULL)
    return FALSE;
  for (guint s = 0; s < PILOTE_DEMO_N_STAFF; s++)
    {
      if (g_strcmp0 (pilote_demo_staff[s].role, "manager") != 0)
        continue;
      sqlite3_bind_int64 (manager, 1, demo->teams[pilote_demo_staff[s].team]);
      sqlite3_bind_int64 (manager, 2, demo->staff[s]);
      if (!pilote_store_step_done (demo->store, manager, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_products (PiloteDemo  *demo,
                 GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  char stamp[PILOTE_DEMO_STAMP_LEN];

  stmt = pilote_store_prepare (demo->store,
                               "INSERT INTO product (created_at, updated_at, name, category,"
                               " subcategory, unit_price, unit_cost)"
                               " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, 0, 8, 0, stamp);
  for (guint p = 0; p < PILOTE_DEMO_N_PRODUCTS; p++)
    {
      const PiloteDemoProduct *product = &pilote_demo_products[p];

      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, product->category, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, product->subcategory, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, product->price);
      sqlite3_bind_int64 (stmt, 6, product->cost);
      if (!pilote_store_step_done (demo->store, stmt, error))
        return FALSE;
      demo->products[p] = sqlite3_last_insert_rowid (pilote_store_get_db (demo->store));
    }
  return TRUE;
}

static gboolean
insert_company (PiloteDemo  *demo,
                GError     **error)
{
  if (!write_setting (demo, "company_name", pilote_demo_company_name, error) ||
      !write_setting (demo, "currency", "EUR", error) ||
      !look_up_lists (demo, error))
    return FALSE;

  for (guint i = 0; i < PILOTE_DEMO_N_SEGMENTS; i++)
    if (!insert_named (demo,
                       "INSERT INTO segment (created_at, updated_at, name) VALUES (?1, ?1, ?2)",
                       pilote_demo_segments[i], &demo->segments[i], error))
      return FALSE;
  for (guint i = 0; i < PILOTE_DEMO_N_COMPETITORS; i++)
    if (!insert_named (demo,
                       "INSERT INTO competitor (created_at, updated_at, name)"
                       " VALUES (?1, ?1, ?2)",
                       pilote_demo_competitors[i], &demo->competitors[i], error))
      return FALSE;

  return insert_staff (demo, error) && insert_products (demo, error);
}

/* Objectives */

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
                                 " due_on, status, objective_id) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
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
                               "INSERT INTO swot_item (created_at, updated_at, market, period_start,"
                               " quadrant, text, position) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
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

  /* the director's comment on last month, written early this month */
  note = pilote_store_prepare (demo->store,
                               "INSERT INTO period_note (created_at, updated_at, kind, period_kind,"
                               " period_start, scope, text)"
                               " VALUES (?1, ?1, 'comment', 'month', ?2, 'company', ?3)",
                               error);
  if (note == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, MIN (this_month + 2, demo->today), 17, 30, stamp);
  sqlite3_bind_text (note, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 2, demo->month_iso[PILOTE_DEMO_HISTORY_MONTHS - 2], -1, SQLITE_STATIC);
  sqlite3_bind_text (note, 3, pilote_demo_month_comment, -1, SQLITE_STATIC);
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

static gboolean
generate (PiloteDemo  *demo,
          GError     **error)
{
  gint64 this_year = 0;

  if (!check_empty (demo, error) || !insert_company (demo, error))
    return FALSE;
  pilote_demo_draw_clients (demo);
  pilote_demo_plan_deals (demo);
  return pilote_demo_insert_clients (demo, error) &&
         pilote_demo_insert_deals (demo, error) &&
         pilote_demo_update_clients (demo, error) &&
         insert_revenue_objectives (demo, &this_year, error) &&
         insert_other_objectives (demo, this_year, error) &&
         insert_plan (demo, error) &&
         insert_analysis (demo, error) &&
         insert_spend (demo, error);
}

static int
get_pragma (PiloteStore *store,
            const char  *pragma,
            int          fallback)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);
  return fallback;
}

static void
set_pragma (PiloteStore *store,
            const char  *pragma,
            int          value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %d", pragma, value);

  pilote_store_exec (store, sql, NULL);
}

/**
 * pilote_demo_generate:
 * @store: a new file: without clients or deals
 * @options: what to generate
 * @error: where to put a #PILOTE_ERROR
 *
 * Fills @store with the three years of history of a demonstration
 * company, Atelier Moreau: its teams and reps, products, clients and
 * their contacts, deals with their lines, stage changes and activities,
 * objectives, marketing and sales spend, action plan, SWOT and a monthly
 * comment, all in one transaction. The same options give the same data.
 *
 * Returns: %FALSE, with nothing written, when the file already has
 *   clients or deals or could not be written
 */
gboolean
pilote_demo_generate (PiloteStore              *store,
                      const PiloteDemoOptions  *options,
                      GError                  **error)
{
  g_autoptr(PiloteDemo) demo = NULL;
  g_autofree char *currency = NULL;
  GDate today;
  int cache_size, ignore_checks;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->today == NULL || g_date_valid (options->today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_deals > 0 && options->n_clients == 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Deals need clients: ask for at least one client."));
      return FALSE;
    }
  if (options->n_clients > MAX_CLIENTS || options->n_deals > MAX_DEALS)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Ask for at most %u clients and %u deals."), MAX_CLIENTS, MAX_DEALS);
      return FALSE;
    }

  if (options->today != NULL)
    today = *options->today;
  else
    pilote_date_set_today (&today);
  if (g_date_get_year (&today) < 1910 || g_date_get_year (&today) > 9900)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Choose a date between the years 1910 and 9900 for the end of the "
                     "demonstration history."));
      return FALSE;
    }

  demo = demo_new (store, options, &today);
  currency = g_strdup (pilote_store_get_currency (store));
  cache_size = get_pragma (store, "cache_size", -2000);
  ignore_checks = get_pragma (store, "ignore_check_constraints", 0);

  if (!pilote_store_begin_write (store, error))
    return FALSE;

  /* SQLite checks "column IN (list)" constraints by building a temporary
   * b-tree for every row, which took a third of the time. The rows are
   * valid as generated, and PRAGMA integrity_check (pilote_store_check ())
   * still checks every CHECK constraint. */
  set_pragma (store, "ignore_check_constraints", 1);
  set_pragma (store, "cache_size", MIN (cache_size, -CACHE_KIB));
  ok = generate (demo, error);
  set_pragma (store, "ignore_check_constraints", ignore_checks);
  if (ok)
    ok = pilote_store_commit (store, error);
  else
    pilote_store_rollback (store);
  set_pragma (store, "cache_size", cache_size);

  /* the store keeps the currency in memory: have it read again */
  if (ok && g_strcmp0 (currency, "EUR") != 0)
    ok = pilote_store_set_setting (store, "currency", "EUR", error);
  return ok;
}
