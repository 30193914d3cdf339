/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pilote-demo.h"
#include "pilote-demo-private.h"
#include "pilote-kpi-private.h"
#include "pilote-error.h"
#include "pilote-period.h"
#include "pilote-store-private.h"
#include "pilote-text.h"

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
#define CACHE_KIB     65536    /* SQLite page cache while generating */
#define MAX_CLIENTS   5000000
#define MAX_DEALS     20000000

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
  g_free (demo->work_before);
  g_free (demo->work_days);
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
  demo->work_before = g_new (guint16, demo->n_days);
  demo->work_days = g_new (guint16, demo->n_days);

  g_date_clear (&day, 1);
  for (guint i = 0; i < demo->n_days; i++)
    {
      guint month;

      g_date_set_julian (&day, start_julian + i);
      pilote_date_to_iso (&day, demo->iso + (gsize) i * PILOTE_ISO_DATE_LEN);
      month = g_date_get_year (&day) * 12u + g_date_get_month (&day) - 1 - start_month;
      demo->month_of[i] = (guint8) MIN (month, G_MAXUINT8);
      demo->weekday[i] = (guint8) (g_date_get_weekday (&day) - 1);
      demo->work_before[i] = (guint16) demo->n_work_days;
      if (demo->weekday[i] < 5)
        demo->work_days[demo->n_work_days++] = (guint16) i;
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
                               "SELECT EXISTS (SELECT 1 FROM client)"
                               " OR EXISTS (SELECT 1 FROM deal)",
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

/* inserts a row whose parameters are its creation time, its name and its name key */
static gboolean
insert_named (PiloteDemo  *demo,
              const char  *sql,
              const char  *name,
              gint64      *id,
              GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autofree char *key = pilote_text_fold (name);
  char stamp[PILOTE_DEMO_STAMP_LEN];

  stmt = pilote_store_prepare (demo->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, 0, 8, 0, stamp);
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
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
                  g_dpgettext2 (GETTEXT_PACKAGE, "pipeline stage", pilote_default_stages[i]),
                  stage_kinds[i], &demo->stages[i], error))
      return FALSE;
  for (guint i = 0; i < PILOTE_DEMO_N_CHANNELS; i++)
    if (!look_up (demo,
                  "SELECT id FROM channel WHERE name = ?1 AND deleted_at IS NULL"
                  " ORDER BY id LIMIT 1",
                  g_dpgettext2 (GETTEXT_PACKAGE, "acquisition channel",
                                pilote_default_channels[i]),
                  NULL, &demo->channels[i], error))
      return FALSE;
  for (guint i = 0; i < PILOTE_DEMO_N_REASONS; i++)
    if (!look_up (demo,
                  "SELECT id FROM lost_reason WHERE name = ?1 AND deleted_at IS NULL"
                  " ORDER BY id LIMIT 1",
                  g_dpgettext2 (GETTEXT_PACKAGE, "lost reason", pilote_default_lost_reasons[i]),
                  NULL, &demo->reasons[i], error))
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
                       "INSERT INTO team (created_at, updated_at, name, name_key)"
                       " VALUES (?1, ?1, ?2, ?3)",
                       pilote_demo_teams[t].name, &demo->teams[t], error))
      return FALSE;

  member = pilote_store_prepare (demo->store,
                                 "INSERT INTO member (created_at, updated_at, name, email, role,"
                                 " team_id, office, name_key)"
                                 " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                 error);
  if (member == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, 0, 8, 0, stamp);
  for (guint s = 0; s < PILOTE_DEMO_N_STAFF; s++)
    {
      const PiloteDemoPerson *person = &pilote_demo_staff[s];
      g_autofree char *email = pilote_demo_make_email (person->name, pilote_demo_email_domain);
      g_autofree char *key = pilote_text_fold (person->name);

      sqlite3_bind_text (member, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 2, person->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 3, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 4, person->role, -1, SQLITE_STATIC);
      pilote_bind_id (member, 5, person->team >= 0 ? demo->teams[person->team] : 0);
      sqlite3_bind_text (member, 6,
                         person->team >= 0 ? pilote_demo_teams[person->team].office
                                           : pilote_demo_head_office,
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (member, 7, key, -1, SQLITE_STATIC);
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
                               " subcategory, unit_price, unit_cost, name_key)"
                               " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return FALSE;
  pilote_demo_format_stamp (demo, 0, 8, 0, stamp);
  for (guint p = 0; p < PILOTE_DEMO_N_PRODUCTS; p++)
    {
      const PiloteDemoProduct *product = &pilote_demo_products[p];
      g_autofree char *key = pilote_text_fold (product->name);

      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, product->category, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, product->subcategory, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, product->price);
      sqlite3_bind_int64 (stmt, 6, product->cost);
      sqlite3_bind_text (stmt, 7, key, -1, SQLITE_STATIC);
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
                       "INSERT INTO segment (created_at, updated_at, name, name_key)"
                       " VALUES (?1, ?1, ?2, ?3)",
                       g_dpgettext2 (GETTEXT_PACKAGE, "client segment",
                                     pilote_demo_segments[i]),
                       &demo->segments[i], error))
      return FALSE;
  for (guint i = 0; i < PILOTE_DEMO_N_COMPETITORS; i++)
    if (!insert_named (demo,
                       "INSERT INTO competitor (created_at, updated_at, name, name_key)"
                       " VALUES (?1, ?1, ?2, ?3)",
                       pilote_demo_competitors[i], &demo->competitors[i], error))
      return FALSE;

  return insert_staff (demo, error) && insert_products (demo, error);
}

/* Building an index from all its rows at once is several times faster
 * than growing it row by row: the indexes of the large tables are dropped
 * before their rows are inserted and created again after, from their own
 * definitions (the table, then the SQL), in the same transaction. */
static gboolean
drop_indexes (PiloteDemo  *demo,
              GPtrArray   *definitions,
              GError     **error)
{
  g_autoptr(PiloteStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = pilote_store_prepare (demo->store,
                               "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index'"
                               " AND sql IS NOT NULL AND tbl_name IN ('client', 'contact', 'deal',"
                               " 'deal_line', 'stage_change', 'activity') ORDER BY name",
                               error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, pilote_column_dup (stmt, 0));
      g_ptr_array_add (definitions, pilote_column_dup (stmt, 1));
      g_ptr_array_add (definitions, pilote_column_dup (stmt, 2));
    }
  if (rc != SQLITE_DONE)
    return fail_on_sql (demo, error);
  g_clear_pointer (&stmt, pilote_stmt_release);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"",
                                              (const char *) g_ptr_array_index (names, i));

      if (!pilote_store_exec (demo->store, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* creates the indexes of @table, or of all tables but @table when @except */
static gboolean
create_indexes (PiloteDemo  *demo,
                GPtrArray   *definitions,
                const char  *table,
                gboolean     except,
                GError     **error)
{
  for (guint i = 0; i < definitions->len; i += 2)
    if (g_str_equal (g_ptr_array_index (definitions, i), table) != except &&
        !pilote_store_exec (demo->store, g_ptr_array_index (definitions, i + 1), error))
      return FALSE;
  return TRUE;
}

static gboolean
generate (PiloteDemo  *demo,
          GError     **error)
{
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);

  if (!check_empty (demo, error) || !insert_company (demo, error))
    return FALSE;
  pilote_demo_draw_clients (demo);
  pilote_demo_plan_deals (demo);
  /* the acquisition dates come from the deals, and are faster written
   * before the clients' indexes are back */
  return drop_indexes (demo, indexes, error) &&
         pilote_demo_insert_clients (demo, error) &&
         pilote_demo_insert_deals (demo, error) &&
         create_indexes (demo, indexes, "client", TRUE, error) &&
         pilote_demo_update_clients (demo, error) &&
         create_indexes (demo, indexes, "client", FALSE, error) &&
         pilote_demo_insert_goals (demo, error);
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

static char *
get_journal_mode (PiloteStore *store)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, "PRAGMA journal_mode", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return pilote_column_dup (stmt, 0);
  return NULL;
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
  g_autofree char *journal = NULL;
  GDate today;
  int cache_size, foreign_keys;
  gboolean outside, ok;

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
  foreign_keys = get_pragma (store, "foreign_keys", 1);

  /* Outside a transaction, two settings make the generation twice as fast.
   * Foreign keys make SQLite keep a journal of every statement of several
   * rows, in case one row fails: the rows refer only to rows written
   * before them, the whole generation commits or rolls back at once, and
   * pilote_store_check () verifies the keys. A write-ahead log would take
   * every page of the new file twice, once in the log and once when the
   * log is copied back: a rollback journal keeps nothing of pages that
   * did not exist. The log comes back after, unless someone else has the
   * file open, in which case it stays all along. */
  outside = sqlite3_get_autocommit (pilote_store_get_db (store));
  if (outside)
    {
      set_pragma (store, "foreign_keys", 0);
      journal = get_journal_mode (store);
      if (g_strcmp0 (journal, "wal") == 0)
        pilote_store_exec (store, "PRAGMA journal_mode = DELETE", NULL);
    }

  ok = pilote_store_begin_write (store, error);
  if (ok)
    {
      set_pragma (store, "cache_size", MIN (cache_size, -CACHE_KIB));
      /* the monthly summaries are computed once, at the end */
      ok = pilote_kpi_summary_suspend (store, error) && generate (demo, error) &&
           pilote_kpi_summary_resume (store, error);
      if (ok)
        ok = pilote_store_commit (store, error);
      else
        pilote_store_rollback (store);
      set_pragma (store, "cache_size", cache_size);
    }
  if (outside)
    {
      g_autofree char *now = get_journal_mode (store);

      if (journal != NULL && g_strcmp0 (now, journal) != 0)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", journal);

          pilote_store_exec (store, sql, NULL);
        }
      set_pragma (store, "foreign_keys", foreign_keys);
    }

  /* the store keeps the currency in memory: have it read again */
  if (ok && g_strcmp0 (currency, "EUR") != 0)
    ok = pilote_store_set_setting (store, "currency", "EUR", error);
  return ok;
}
