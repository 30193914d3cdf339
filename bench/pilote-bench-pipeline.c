/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pilote-demo.h"
#include "pilote-period.h"
#include "pilote-pipeline.h"
#include "pilote-store-private.h"

/* The pipeline at scale: what the board asks the file for after a sort or
 * a filter change. The first page of 200 cards of each column and of the
 * list mode, with each sort and each filter (owner, team, expected close
 * this quarter), and the column headers (one aggregate per filter), each
 * the median of RUNS calls, beside what the sqlite3 shell takes to run the
 * same SQL on the same file (the statement Pilote ran, caught with
 * sqlite3_trace_v2 and its parameters written in; -1 without sqlite3).
 *
 *   pilote-bench-pipeline [DEALS | FILE.pilote]
 *
 * Without a file, a demo company of DEALS deals (100 000 by default) and
 * DEALS / 10 clients is generated in a temporary folder. Each figure is
 * given twice: wall-clock time, and CPU time (user + system: what the
 * query costs when other programs share the processors). The last line
 * gives the slowest page and its ratio to the shell. */

#define PAGE 200
#define RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* the statements Pilote ran for the last call, parameters written in:
 * one for most, several for the orders walked in C (a statement per
 * owner, stage or probability read, then the cards) */
static GPtrArray *traced_sql;

static void
trace_reset (void)
{
  if (traced_sql == NULL)
    traced_sql = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (traced_sql, 0);
}

static int
on_trace_cb (unsigned  type,
             void     *context,
             void     *p,
             void     *x)
{
  sqlite3_stmt *stmt = p;
  char *sql;

  if (type != SQLITE_TRACE_STMT || g_str_has_prefix ((const char *) x, "--") ||
      traced_sql == NULL)
    return 0;
  sql = sqlite3_expanded_sql (stmt);
  if (sql != NULL)
    g_ptr_array_add (traced_sql, g_strdup (sql));
  sqlite3_free (sql);
  return 0;
}

/* the median wall time the sqlite3 shell reports for the statements
 * traced (summed over them), run RUNS times on @path, or -1 when it
 * cannot run */
static double
shell_time (const char *path,
            double     *cpu)
{
  g_autoptr(GString) script = g_string_new (".timer on\n.output /dev/null\n");
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = traced_sql != NULL ? traced_sql->len : 0, seen = 0;
  double sum = 0, cpu_sum = 0;

  *cpu = -1;
  if (path == NULL || n == 0)
    return -1;
  for (guint r = 0; r < RUNS; r++)
    for (guint i = 0; i < n; i++)
      g_string_append_printf (script, "%s;\n", (const char *) traced_sql->pdata[i]);
  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                            "sqlite3", "-readonly", path, NULL);
  if (shell == NULL ||
      !g_subprocess_communicate_utf8 (shell, script->str, NULL, &out, NULL, NULL))
    return -1;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double seconds, user, sys;

      if (sscanf (lines[i], "Run Time: real %lf user %lf sys %lf", &seconds, &user, &sys) == 3)
        {
          sum += seconds * 1000.0;
          cpu_sum += (user + sys) * 1000.0;
          if (++seen % n == 0)
            {
              g_array_append_val (times, sum);
              g_array_append_val (cpu_times, cpu_sum);
              sum = cpu_sum = 0;
            }
        }
    }
  if (cpu_times->len > 0)
    *cpu = median (cpu_times);
  return times->len > 0 ? median (times) : -1;
}

typedef struct {
  double worst;
  double worst_cpu;
  double worst_ratio;
  char  *worst_name;
} Summary;

static void
report (Summary    *summary,
        const char *path,
        const char *name,
        GArray     *runs,
        GArray     *cpu_runs,
        guint       n_cards)
{
  double ms = median (runs), cpu = median (cpu_runs), shell_cpu;
  double shell = shell_time (path, &shell_cpu);
  double ratio = shell > 0 ? ms / shell : 0;

  printf ("| %-40s | %4u | %8.2f | %8.2f | %8.2f | %8.2f | %5.2f | %3u |\n", name, n_cards, ms,
          cpu, shell, shell_cpu, ratio, traced_sql->len);
  fflush (stdout);
  if (ms > summary->worst)
    {
      summary->worst = ms;
      summary->worst_cpu = cpu;
      summary->worst_ratio = ratio;
      g_free (summary->worst_name);
      summary->worst_name = g_strdup (name);
    }
}

static void
time_page (Summary                    *summary,
           PiloteStore                *store,
           const char                 *path,
           const char                 *name,
           const PilotePipelineFilter *filter,
           gint64                      stage_id,
           PilotePipelineSort          sort,
           gboolean                    descending)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_runs = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_cards = 0;

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cards = NULL;
      double cpu_start, ms, cpu;
      gint64 start;

      trace_reset ();
      cpu_start = cpu_ms ();
      start = g_get_monotonic_time ();
      cards = pilote_pipeline_list_deals (store, filter, stage_id, sort, descending, PAGE, 0,
                                          NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu = cpu_ms () - cpu_start;
      if (cards == NULL)
        g_error ("%s: %s", name, error->message);
      n_cards = cards->len;
      g_array_append_val (runs, ms);
      g_array_append_val (cpu_runs, cpu);
    }
  report (summary, path, name, runs, cpu_runs, n_cards);
}

static void
time_totals (Summary                    *summary,
             PiloteStore                *store,
             const char                 *path,
             const char                 *name,
             const PilotePipelineFilter *filter)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_runs = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_stages = 0;

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) totals = NULL;
      double cpu_start, ms, cpu;
      gint64 start;

      trace_reset ();
      cpu_start = cpu_ms ();
      start = g_get_monotonic_time ();
      totals = pilote_pipeline_stage_totals (store, filter, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu = cpu_ms () - cpu_start;
      if (totals == NULL)
        g_error ("%s: %s", name, error->message);
      n_stages = totals->len;
      g_array_append_val (runs, ms);
      g_array_append_val (cpu_runs, cpu);
    }
  report (summary, path, name, runs, cpu_runs, n_stages);
}

static gint64
query_id (PiloteStore *store,
          const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    PilotePipelineSort sort;
    const char *name;
  } sorts[] = {
    { PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, "expected close" },
    { PILOTE_PIPELINE_SORT_TITLE, "title" },
    { PILOTE_PIPELINE_SORT_CLIENT, "client" },
    { PILOTE_PIPELINE_SORT_OWNER, "owner" },
    { PILOTE_PIPELINE_SORT_STAGE, "stage" },
    { PILOTE_PIPELINE_SORT_AMOUNT, "amount" },
    { PILOTE_PIPELINE_SORT_PROBABILITY, "probability" },
    { PILOTE_PIPELINE_SORT_DAYS_IN_STAGE, "days in stage" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *made = NULL;
  const char *path;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PilotePipelineFilter filters[4] = { { 0 } };
  const char *filter_names[4] = { "everyone", "owner", "team", "closing this quarter" };
  PilotePeriod quarter;
  GDate today;
  Summary summary = { 0 };
  gint64 n_deals, n_open;

  setlocale (LC_ALL, "");
  if (argc > 1 && g_str_has_suffix (argv[1], ".pilote"))
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      path = argv[1];
      store = pilote_store_open (path, PILOTE_STORE_OPEN_DEFAULT, &error);
      /* an older file is upgraded (and copied) first */
      if (store != NULL)
        printf ("opened in %.1f s (%.1f s of CPU)%s\n", (g_get_monotonic_time () - start) / 1e6,
                (cpu_ms () - cpu_start) / 1e3,
                pilote_store_get_backup_path (store) != NULL ? ", upgraded" : "");
    }
  else
    {
      PiloteDemoOptions options;
      gint64 start;

      pilote_demo_options_init (&options);
      options.n_deals = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
      options.n_clients = MAX (options.n_deals / 10, 100);
      dir = g_dir_make_tmp ("pilote-bench-pipeline-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      made = g_build_filename (dir, "pipeline.pilote", NULL);
      path = made;
      start = g_get_monotonic_time ();
      store = pilote_store_create (path, &error);
      if (store != NULL && !pilote_demo_generate (store, &options, &error))
        g_clear_object (&store);
      if (store != NULL)
        printf ("demo of %u deals and %u clients generated in %.1f s\n", options.n_deals,
                options.n_clients, (g_get_monotonic_time () - start) / 1e6);
    }
  if (store == NULL)
    g_error ("%s", error->message);

  /* the filters of the board's drop-downs: the member and the team with
   * the most open deals, and the expected close "this quarter" */
  filters[1].owner_id = query_id (store, "SELECT owner_id FROM deal WHERE deleted_at IS NULL"
                                         " AND status = 'open' AND owner_id IS NOT NULL"
                                         " GROUP BY owner_id ORDER BY count (*) DESC LIMIT 1");
  filters[2].team_id = query_id (store, "SELECT m.team_id FROM deal d JOIN member m"
                                        " ON m.id = d.owner_id WHERE d.deleted_at IS NULL"
                                        " AND d.status = 'open' AND m.team_id IS NOT NULL"
                                        " GROUP BY m.team_id ORDER BY count (*) DESC LIMIT 1");
  pilote_date_set_today (&today);
  pilote_period_init_containing (&quarter, PILOTE_PERIOD_QUARTER, &today,
                                 pilote_store_get_fiscal_start (store));
  pilote_period_from_iso (&quarter, from);
  pilote_period_to_iso (&quarter, to);
  filters[3].close_from = from;
  filters[3].close_to = to;
  n_deals = query_id (store, "SELECT count (*) FROM deal WHERE deleted_at IS NULL");
  n_open = query_id (store, "SELECT count (*) FROM deal WHERE deleted_at IS NULL"
                            " AND status = 'open'");

  stages = pilote_store_list (store, PILOTE_ENTITY_STAGE, NULL, &error);
  if (stages == NULL)
    g_error ("%s", error->message);
  sqlite3_trace_v2 (pilote_store_get_db (store), SQLITE_TRACE_STMT, on_trace_cb, NULL);

  printf ("Pipeline on %s: %" G_GINT64_FORMAT " deals, %" G_GINT64_FORMAT " open\n"
          "first page of %d cards (median of %d calls), beside the sqlite3 shell running\n"
          "the same SQL on the same file (median of %d; -1 without sqlite3), in ms:\n"
          "wall-clock and CPU (user + system); ratio: Pilote / sqlite3, wall-clock\n\n",
          path, n_deals, n_open, PAGE, RUNS, RUNS);
  printf ("| %-40s | %4s | %8s | %8s | %8s | %8s | %5s | %3s |\n", "what", "rows", "Pilote",
          "CPU", "sqlite3", "CPU", "ratio", "SQL");
  printf ("|---|---:|---:|---:|---:|---:|---:|---:|\n");

  /* warm the cache as the board would have */
  {
    g_autoptr(GPtrArray) warm = pilote_pipeline_list_deals (store, NULL, 0,
                                                            PILOTE_PIPELINE_SORT_EXPECTED_CLOSE,
                                                            FALSE, PAGE, 0, NULL, NULL);
  }

  printf ("| **column headers (one aggregate query)** | | | | | | |\n");
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autofree char *name = g_strdup_printf ("totals, %s", filter_names[f]);

      time_totals (&summary, store, path, name, &filters[f]);
    }

  printf ("| **list mode, every open deal, each sort** | | | | | | |\n");
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autofree char *name = g_strdup_printf ("list by %s, %s", sorts[s].name,
                                                 descending ? "descending" : "ascending");

        time_page (&summary, store, path, name, NULL, 0, sorts[s].sort, descending);
      }

  printf ("| **list and columns, each filter (by expected close)** | | | | | | |\n");
  for (guint f = 1; f < G_N_ELEMENTS (filters); f++)
    {
      g_autofree char *name = g_strdup_printf ("list, %s", filter_names[f]);

      time_page (&summary, store, path, name, &filters[f], 0,
                 PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, FALSE);
    }
  for (guint i = 0; i < stages->len; i++)
    {
      const PiloteStage *stage = g_ptr_array_index (stages, i);

      if (stage->kind != PILOTE_STAGE_KIND_OPEN || stage->base.deleted_at != NULL)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          g_autofree char *name = g_strdup_printf ("column %s, %s", stage->name, filter_names[f]);

          time_page (&summary, store, path, name, &filters[f], stage->base.id,
                     PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, FALSE);
        }
    }

  printf ("| **list mode, each sort, one owner** | | | | | | |\n");
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autofree char *name = g_strdup_printf ("list by %s, owner", sorts[s].name);

      time_page (&summary, store, path, name, &filters[1], 0, sorts[s].sort, FALSE);
    }

  printf ("\nslowest: %s, %.2f ms (%.2f ms of CPU), %.2f × the sqlite3 shell"
          " (target: ≤ 20 ms, ≤ 2 ×)\n",
          summary.worst_name, summary.worst, summary.worst_cpu, summary.worst_ratio);

  sqlite3_trace_v2 (pilote_store_get_db (store), 0, NULL, NULL);
  g_clear_object (&store);
  g_free (summary.worst_name);
  g_clear_pointer (&traced_sql, g_ptr_array_unref);
  if (dir != NULL)
    {
      g_autofree char *journal = g_strconcat (made, "-journal", NULL);
      g_autofree char *wal = g_strconcat (made, "-wal", NULL);
      g_autofree char *shm = g_strconcat (made, "-shm", NULL);

      g_unlink (made);
      g_unlink (journal);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
