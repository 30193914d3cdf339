/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "pilote-demo.h"
#include "pilote-export.h"
#include "pilote-import.h"
#include "pilote-kpi.h"
#include "pilote-report.h"
#include "pilote-store.h"
#include "pilote-store-private.h"

/* Measures what the application does most on a demo company of a given size:
 * generating it, the KPIs of a month (the dashboard's figures), a filtered
 * month, a year by month, the funnel, an export and an import. Prints the
 * median of several runs of each. */

#define RUNS 5

typedef gboolean (*BenchFunc) (gpointer data, GError **error);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
measure (BenchFunc  func,
         gpointer   data,
         guint      runs)
{
  double times[RUNS];

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!func (data, &error))
        g_error ("benchmark failed: %s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  return times[runs / 2];
}

typedef struct {
  PiloteStore     *store;
  PilotePeriod     period;
  PiloteKpiFilter *filter;
  PiloteDimension  by;
  PiloteKpiFlags   flags;
  char            *csv;
  char            *dir;
} Bench;

static gboolean
bench_kpi (gpointer  data,
           GError  **error)
{
  Bench *b = data;
  g_autoptr(PiloteKpiReport) report = pilote_kpi_compute (b->store, &b->period, b->filter, b->by,
                                                          b->flags, error);

  return report != NULL;
}

static gboolean
bench_funnel (gpointer  data,
              GError  **error)
{
  Bench *b = data;
  g_autoptr(GPtrArray) stages = pilote_kpi_funnel (b->store, &b->period, NULL, error);

  return stages != NULL;
}

/* the summary, timed in two parts: queries and layout, then drawing */
static void
measure_report (Bench  *b,
                double *compute_ms,
                double *draw_ms)
{
  double compute[RUNS], draw[RUNS];
  g_autofree char *pdf = g_build_filename (b->dir, "summary.pdf", NULL);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PiloteReport) report = NULL;
      gint64 start = g_get_monotonic_time (), middle;

      report = pilote_report_new (b->store, 2026, G_DATE_OCTOBER, PILOTE_SCOPE_COMPANY, 0,
                                  PILOTE_PAPER_A4, &error);
      middle = g_get_monotonic_time ();
      if (report == NULL || !pilote_report_write_pdf (report, pdf, &error))
        g_error ("benchmark failed: %s", error->message);
      compute[i] = (middle - start) / 1000.0;
      draw[i] = (g_get_monotonic_time () - middle) / 1000.0;
    }
  qsort (compute, RUNS, sizeof (double), compare_doubles);
  qsort (draw, RUNS, sizeof (double), compare_doubles);
  *compute_ms = compute[RUNS / 2];
  *draw_ms = draw[RUNS / 2];
}

static gboolean
bench_export (gpointer  data,
              GError  **error)
{
  Bench *b = data;
  g_autoptr(GFile) file = g_file_new_for_path (b->csv);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, 0, NULL, error);

  return out != NULL &&
         pilote_export_entity (b->store, PILOTE_ENTITY_DEAL, PILOTE_CSV_DIALECT_STANDARD,
                               G_OUTPUT_STREAM (out), NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

static gboolean
bench_import (gpointer  data,
              GError  **error)
{
  Bench *b = data;
  g_autofree char *path = g_build_filename (b->dir, "import.pilote", NULL);
  g_autoptr(PiloteImportProfile) profile = pilote_export_profile (PILOTE_ENTITY_DEAL,
                                                                  PILOTE_CSV_DIALECT_STANDARD);
  g_autoptr(PiloteStore) target = NULL;
  g_autoptr(PiloteImportResult) result = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  target = pilote_store_create (path, error);
  if (target == NULL)
    return FALSE;
  /* deals name their owners, clients and products: let the import create them */
  pilote_import_profile_set_create_missing (profile, "client", TRUE);
  pilote_import_profile_set_create_missing (profile, "owner", TRUE);
  pilote_import_profile_set_create_missing (profile, "product", TRUE);
  pilote_import_profile_set_create_missing (profile, "channel", TRUE);
  pilote_import_profile_set_create_missing (profile, "competitor", TRUE);
  pilote_import_profile_set_create_missing (profile, "lost_reason", TRUE);
  result = pilote_import_run (target, profile, b->csv, FALSE, NULL, error);
  if (result == NULL)
    return FALSE;
  if (result->n_problems > 0)
    {
      PiloteImportProblem *problem = g_ptr_array_index (result->problems, 0);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "line %" G_GUINT64_FORMAT ": %s",
                   problem->line, problem->message);
      return FALSE;
    }
  return TRUE;
}

/* The dashboard page: exactly the calls its worker makes for one month with
 * comparisons (src/gui/pilote-dashboard-compute.c), each timed. */

static gboolean trace_sql;
static gint64 trace_min_ns = 20 * 1000 * 1000;   /* PILOTE_BENCH_TRACE_MS, default 20 */

static int
trace_cb (unsigned int  type,
          void         *context,
          void         *p,
          void         *x)
{
  gint64 ns = *(const gint64 *) x;

  if (ns < trace_min_ns)
    return 0;
  /* PILOTE_BENCH_TRACE_FULL: the whole statement with its values, to run
   * again in the shell */
  if (g_getenv ("PILOTE_BENCH_TRACE_FULL") != NULL)
    {
      char *expanded = sqlite3_expanded_sql ((sqlite3_stmt *) p);

      fprintf (stderr, "  %8.1f ms  %s;\n", ns / 1e6, expanded);
      sqlite3_free (expanded);
    }
  else
    fprintf (stderr, "  %8.1f ms  %.300s\n", ns / 1e6, sqlite3_sql ((sqlite3_stmt *) p));
  return 0;
}

typedef struct {
  const char *name;
  double      ms;
  double      cpu_ms;
} DashStep;

static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

#define DASH_STEP(steps, n, label, call) \
  G_STMT_START { \
    gint64 start_ = g_get_monotonic_time (); \
    double cpu_ = cpu_ms (); \
    if (!(call)) \
      g_error ("%s failed: %s", label, error->message); \
    steps[n].name = label; \
    steps[n].ms = (g_get_monotonic_time () - start_) / 1000.0; \
    steps[n].cpu_ms = cpu_ms () - cpu_; \
    n++; \
  } G_STMT_END

static guint
dashboard_page (PiloteStore           *store,
                const PilotePeriod    *month,
                const GDate           *today,
                const PiloteKpiFilter *filter,
                DashStep              *steps)
{
  static const PiloteDimension breakdowns[] = {
    PILOTE_DIMENSION_SEGMENT, PILOTE_DIMENSION_CATEGORY, PILOTE_DIMENSION_REGION,
    PILOTE_DIMENSION_MEMBER, PILOTE_DIMENSION_CHANNEL,
  };
  static const char *breakdown_names[] = {
    "breakdown by segment", "breakdown by category", "breakdown by region",
    "breakdown by rep", "breakdown by channel",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  PilotePeriod twelve, twelve_before;
  GDate start, end, last = month->to;
  guint n = 0;

  /* the first two steps are read in threads of their own by the worker,
   * beside the others (see the page on two cores below) */
  DASH_STEP (steps, n, "KPIs of the month, comparisons",
             (report = pilote_kpi_compute (store, month, filter, PILOTE_DIMENSION_NONE,
                                           PILOTE_KPI_COMPARE | PILOTE_KPI_NO_CLIENT_COUNTS |
                                           PILOTE_KPI_NO_CLIENT_YEARS,
                                           &error)) != NULL);
  {
    PiloteKpiYears *years = NULL;

    DASH_STEP (steps, n, "clients of two years, those not renewed",
               (years = pilote_kpi_years_read (store, month, filter, TRUE, &error)) != NULL);
    pilote_kpi_report_add_years (report, years);
  }
  g_clear_pointer (&report, pilote_kpi_report_free);

  g_date_subtract_days (&last, 1);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, g_date_get_month (&last), g_date_get_year (&last));
  g_date_subtract_months (&start, 11);
  end = start;
  g_date_add_months (&end, 12);
  pilote_period_init_custom (&twelve, &start, &end);
  pilote_period_year_before (&twelve, &twelve_before);
  DASH_STEP (steps, n, "twelve months by month",
             (report = pilote_kpi_compute (store, &twelve, filter, PILOTE_DIMENSION_MONTH,
                                           PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                                           PILOTE_KPI_NO_CLIENT_COUNTS,
                                           &error)) != NULL);
  g_clear_pointer (&report, pilote_kpi_report_free);
  DASH_STEP (steps, n, "the twelve months a year before",
             (report = pilote_kpi_compute (store, &twelve_before, filter, PILOTE_DIMENSION_MONTH,
                                           PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                                           PILOTE_KPI_NO_CLIENT_COUNTS,
                                           &error)) != NULL);
  g_clear_pointer (&report, pilote_kpi_report_free);
  DASH_STEP (steps, n, "the company's objectives' progress",
             (progress = pilote_kpi_scope_objectives (store, month, PILOTE_SCOPE_COMPANY, 0,
                                                      today, &error)) != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    {
      DASH_STEP (steps, n, breakdown_names[i],
                 (report = pilote_kpi_compute (store, month, filter, breakdowns[i],
                                               PILOTE_KPI_ROWS_ONLY |
                                               PILOTE_KPI_NO_PIPELINE_ROWS |
                                               PILOTE_KPI_NO_CLIENT_COUNTS,
                                               &error)) != NULL);
      g_clear_pointer (&report, pilote_kpi_report_free);
    }
  DASH_STEP (steps, n, "funnel",
             (stages = pilote_kpi_funnel_entries (store, month, filter, &error)) != NULL);
  DASH_STEP (steps, n, "lost reasons",
             (reasons = pilote_kpi_lost (store, month, filter, FALSE, &error)) != NULL);
  return n;
}

#define DASH_MAX_STEPS 16

/* The file read-only, as the dashboard's and the summary's workers read
 * it; opened for writing once before, so that an older file is migrated */
static PiloteStore *
open_for_timing (const char *path)
{
  g_autoptr(GError) error = NULL;
  PiloteStore *store = pilote_store_open (path, PILOTE_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  g_clear_object (&store);
  store = pilote_store_open (path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  if (trace_sql)
    sqlite3_trace_v2 (pilote_store_get_db (store), SQLITE_TRACE_PROFILE, trace_cb, NULL);
  return store;
}

static void
print_steps (DashStep    steps[][DASH_MAX_STEPS],
             guint       runs,
             guint       n,
             const char *total)
{
  double totals[RUNS], cpu_totals[RUNS];

  for (guint r = 0; r < runs; r++)
    {
      totals[r] = cpu_totals[r] = 0;
      for (guint i = 0; i < n; i++)
        {
          totals[r] += steps[r][i].ms;
          cpu_totals[r] += steps[r][i].cpu_ms;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      double times[RUNS], cpu[RUNS];

      for (guint r = 0; r < runs; r++)
        {
          times[r] = steps[r][i].ms;
          cpu[r] = steps[r][i].cpu_ms;
        }
      qsort (times, runs, sizeof (double), compare_doubles);
      qsort (cpu, runs, sizeof (double), compare_doubles);
      printf ("%-52s %10.1f %10.1f\n", steps[0][i].name, times[runs / 2], cpu[runs / 2]);
    }
  if (total != NULL)
    {
      qsort (totals, runs, sizeof (double), compare_doubles);
      qsort (cpu_totals, runs, sizeof (double), compare_doubles);
      printf ("%-52s %10.1f %10.1f\n", total, totals[runs / 2], cpu_totals[runs / 2]);
    }
}

static int
bench_dashboard (const char *path,
                 const char *month_iso,
                 guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteKpiFilter) filter = NULL;
  DashStep steps[RUNS][DASH_MAX_STEPS];
  PilotePeriod month;
  GDate today;
  guint n = 0;

  store = open_for_timing (path);
  /* PILOTE_BENCH_FILTER=DIMENSION=VALUE: the page filtered, as by the
   * dashboard's filters (the objectives stay the company's) */
  if (g_getenv ("PILOTE_BENCH_FILTER") != NULL)
    {
      filter = pilote_kpi_filter_new ();
      if (!pilote_kpi_filter_parse (filter, g_getenv ("PILOTE_BENCH_FILTER"), &error))
        g_error ("%s", error->message);
    }

  g_date_clear (&today, 1);
  if (month_iso == NULL || !pilote_date_parse_iso (month_iso, &today))
    g_date_set_time_t (&today, time (NULL));
  pilote_period_init_month (&month, g_date_get_year (&today), g_date_get_month (&today));

  runs = CLAMP (runs, 1, RUNS);
  for (guint r = 0; r < runs; r++)
    n = dashboard_page (store, &month, &today, filter, steps[r]);

  printf ("The dashboard of %04d-%02d on %s%s%s (median of %u runs)\n\n",
          g_date_get_year (&month.from), g_date_get_month (&month.from), path,
          filter != NULL ? ", " : "", filter != NULL ? g_getenv ("PILOTE_BENCH_FILTER") : "",
          runs);
  printf ("%-52s %10s %10s\n", "query", "ms", "CPU ms");
  print_steps (steps, runs, n, "the whole page");
  /* the worker reads the first two steps in threads of their own, beside
   * the others: on two cores, the page takes at least the longest of the
   * three parts, and at least half of the whole */
  {
    double longer[RUNS], longer_cpu[RUNS];

    for (guint r = 0; r < runs; r++)
      {
        double rest = 0, rest_cpu = 0, all = 0, all_cpu = 0;

        for (guint i = 0; i < n; i++)
          {
            all += steps[r][i].ms;
            all_cpu += steps[r][i].cpu_ms;
            if (i < 2)
              continue;
            rest += steps[r][i].ms;
            rest_cpu += steps[r][i].cpu_ms;
          }
        longer[r] = MAX (MAX (steps[r][0].ms, steps[r][1].ms), MAX (rest, all / 2));
        longer_cpu[r] = MAX (MAX (steps[r][0].cpu_ms, steps[r][1].cpu_ms),
                             MAX (rest_cpu, all_cpu / 2));
      }
    qsort (longer, runs, sizeof (double), compare_doubles);
    qsort (longer_cpu, runs, sizeof (double), compare_doubles);
    printf ("%-52s %10.1f %10.1f\n", "the page on two cores (longest part, or half the whole)",
            longer[runs / 2], longer_cpu[runs / 2]);
  }

  /* the Objectives view's gap to target of every rep: one by one, grouped */
  {
    g_autoptr(GPtrArray) members = pilote_store_list (store, PILOTE_ENTITY_MEMBER, NULL, &error);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autofree PiloteGap *gaps = NULL;
    gint64 start;
    double cpu;

    if (members == NULL)
      g_error ("cannot list the members: %s", error->message);
    for (guint i = 0; i < members->len; i++)
      g_array_append_val (ids, ((PiloteRecord *) g_ptr_array_index (members, i))->id);
    gaps = g_new0 (PiloteGap, MAX (ids->len, 1));

    start = g_get_monotonic_time ();
    cpu = cpu_ms ();
    for (guint i = 0; i < ids->len; i++)
      if (!pilote_kpi_gap (store, &month, PILOTE_SCOPE_MEMBER, g_array_index (ids, gint64, i),
                           &gaps[i], &error))
        g_error ("gap failed: %s", error->message);
    printf ("\n%-41s %10u %10.1f %10.1f\n", "gap to target of each rep, one by one", ids->len,
            (g_get_monotonic_time () - start) / 1000.0, cpu_ms () - cpu);
    start = g_get_monotonic_time ();
    cpu = cpu_ms ();
    if (!pilote_kpi_member_gaps (store, &month, (const gint64 *) ids->data, ids->len, gaps,
                                 &error))
      g_error ("gaps failed: %s", error->message);
    printf ("%-41s %10u %10.1f %10.1f\n", "gap to target of every rep, grouped", ids->len,
            (g_get_monotonic_time () - start) / 1000.0, cpu_ms () - cpu);
  }
  return 0;
}

/* The monthly summary: the calls pilote_report_new () makes for the
 * company (src/report/pilote-report.c), each timed, then the whole summary
 * computed and laid out, and its pages drawn to a PDF file. */

static guint
report_page (PiloteStore        *store,
             const PilotePeriod *month,
             DashStep           *steps)
{
  static const PiloteDimension breakdowns[] = {
    PILOTE_DIMENSION_MEMBER, PILOTE_DIMENSION_SEGMENT, PILOTE_DIMENSION_CATEGORY,
  };
  static const char *breakdown_names[] = {
    "breakdown by rep", "breakdown by segment", "breakdown by category",
  };
  static const PiloteDealList lists[] = {
    PILOTE_DEALS_TOP_WON, PILOTE_DEALS_TOP_LOST, PILOTE_DEALS_AT_RISK,
  };
  static const char *list_names[] = {
    "top deals won", "biggest deals lost", "deals at risk",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) other = NULL;
  PilotePeriod twenty_four, next;
  GDate start = month->from;
  PiloteGap gap;
  PiloteKpiFigures open;
  guint n = 0;

  DASH_STEP (steps, n, "KPIs of the month, with comparisons",
             (report = pilote_kpi_compute (store, month, NULL, PILOTE_DIMENSION_NONE,
                                           PILOTE_KPI_COMPARE | PILOTE_KPI_NO_SUMMARY |
                                           PILOTE_KPI_NO_CLIENT_COUNTS | PILOTE_KPI_NO_PIPELINE,
                                           &error)) != NULL);
  g_clear_pointer (&report, pilote_kpi_report_free);
  pilote_period_next (month, &next);
  DASH_STEP (steps, n, "gap to next month's objective, open pipeline",
             pilote_kpi_gap_and_pipeline (store, &next, PILOTE_SCOPE_COMPANY, 0, &gap, &open,
                                          &error));
  DASH_STEP (steps, n, "the company's objectives' progress",
             (list = pilote_kpi_scope_objectives (store, month, PILOTE_SCOPE_COMPANY, 0, NULL,
                                                  &error)) != NULL);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_date_subtract_months (&start, 23);
  pilote_period_init_custom (&twenty_four, &start, &month->to);
  DASH_STEP (steps, n, "twenty-four months by month",
             (report = pilote_kpi_compute (store, &twenty_four, NULL, PILOTE_DIMENSION_MONTH,
                                           PILOTE_KPI_ROWS_ONLY | PILOTE_KPI_NO_PIPELINE_ROWS |
                                           PILOTE_KPI_NO_CLIENT_COUNTS, &error)) != NULL);
  g_clear_pointer (&report, pilote_kpi_report_free);
  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    {
      DASH_STEP (steps, n, breakdown_names[i],
                 (report = pilote_kpi_compute (store, month, NULL, breakdowns[i],
                                               PILOTE_KPI_ROWS_ONLY |
                                               PILOTE_KPI_NO_PIPELINE_ROWS |
                                               PILOTE_KPI_NO_CLIENT_COUNTS, &error)) != NULL);
      g_clear_pointer (&report, pilote_kpi_report_free);
    }
  DASH_STEP (steps, n, "funnel",
             (list = pilote_kpi_funnel_entries (store, month, NULL, &error)) != NULL);
  g_clear_pointer (&list, g_ptr_array_unref);
  DASH_STEP (steps, n, "lost by reason and by competitor",
             pilote_kpi_lost_both (store, month, NULL, &list, &other, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&other, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      DASH_STEP (steps, n, list_names[i],
                 (list = pilote_kpi_deals (store, lists[i],
                                           lists[i] == PILOTE_DEALS_AT_RISK ? &next : month,
                                           NULL, 8, &error)) != NULL);
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  return n;
}

static gboolean
report_whole (PiloteStore        *store,
              const PilotePeriod *month,
              const char         *pdf,
              GError            **error)
{
  g_autoptr(PiloteReport) report = pilote_report_new (store, g_date_get_year (&month->from),
                                                      g_date_get_month (&month->from),
                                                      PILOTE_SCOPE_COMPANY, 0,
                                                      PILOTE_PAPER_A4, error);

  return report != NULL && pilote_report_write_pdf (report, pdf, error);
}

static int
bench_report (const char *path,
              const char *month_iso,
              guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-bench-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  DashStep steps[RUNS][DASH_MAX_STEPS];
  DashStep whole[RUNS][DASH_MAX_STEPS];
  PilotePeriod month;
  int year = 0, number = 0;
  guint n = 0;

  if (dir == NULL)
    g_error ("no temporary folder: %s", error->message);
  pdf = g_build_filename (dir, "summary.pdf", NULL);
  store = open_for_timing (path);

  if (month_iso == NULL || sscanf (month_iso, "%4d-%2d", &year, &number) != 2 ||
      number < 1 || number > 12)
    {
      year = 2026;
      number = G_DATE_OCTOBER;
    }
  pilote_period_init_month (&month, year, number);
  month.fiscal_start = pilote_store_get_fiscal_start (store);

  runs = CLAMP (runs, 1, RUNS);
  for (guint r = 0; r < runs; r++)
    {
      guint w = 0;

      n = report_page (store, &month, steps[r]);
      DASH_STEP (whole[r], w, "the whole summary, as PDF", report_whole (store, &month, pdf,
                                                                          &error));
    }

  printf ("The monthly summary of %04d-%02d on %s (median of %u runs)\n\n", year, number,
          path, runs);
  printf ("%-52s %10s %10s\n", "query", "ms", "CPU ms");
  print_steps (steps, runs, n, "the summary's queries");
  print_steps (whole, runs, 1, NULL);

  /* the summary in its two parts */
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(PiloteReport) report = NULL;
      guint w = 0;

      DASH_STEP (whole[r], w, "  computed and laid out",
                 (report = pilote_report_new (store, year, number, PILOTE_SCOPE_COMPANY, 0,
                                              PILOTE_PAPER_A4, &error)) != NULL);
      DASH_STEP (whole[r], w, "  drawn to PDF", pilote_report_write_pdf (report, pdf, &error));
    }
  print_steps (whole, runs, 2, NULL);
  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(PiloteStore) store = NULL;
  PiloteDemoOptions options;
  GDate today;
  Bench b = { 0 };
  guint deals = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint clients = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : MAX (deals / 10, 100);
  gint64 start;
  double generate_ms, export_ms, import_ms;
  guint64 lines = 0;

  setlocale (LC_ALL, "");
  /* pilote-bench --dashboard FILE [YYYY-MM-DD [RUNS]]: the dashboard's queries on a
   * file, for the month of the date (today by default); --trace lists each
   * statement of 20 ms or more */
  if (argc > 2 && (g_str_equal (argv[1], "--dashboard") || g_str_equal (argv[1], "--trace")))
    {
      trace_sql = g_str_equal (argv[1], "--trace");
      if (g_getenv ("PILOTE_BENCH_TRACE_MS") != NULL)
        trace_min_ns = g_ascii_strtoll (g_getenv ("PILOTE_BENCH_TRACE_MS"), NULL, 10) * 1000 * 1000;
      return bench_dashboard (argv[2], argc > 3 ? argv[3] : NULL,
                              argc > 4 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 3);
    }
  /* pilote-bench --report FILE [YYYY-MM [RUNS]]: the monthly summary's queries,
   * then the summary as PDF, on a file (October 2026 by default);
   * --trace-report lists each statement of 20 ms or more */
  if (argc > 2 && (g_str_equal (argv[1], "--report") || g_str_equal (argv[1], "--trace-report")))
    {
      trace_sql = g_str_equal (argv[1], "--trace-report");
      return bench_report (argv[2], argc > 3 ? argv[3] : NULL,
                           argc > 4 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 3);
    }
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.pilote", NULL);

  pilote_demo_options_init (&options);
  options.n_deals = deals;
  options.n_clients = clients;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  options.today = &today;

  start = g_get_monotonic_time ();
  store = pilote_store_create (path, &error);
  if (store == NULL || !pilote_demo_generate (store, &options, &error))
    g_error ("cannot generate the demo company: %s", error->message);
  generate_ms = (g_get_monotonic_time () - start) / 1000.0;

  b.store = store;
  b.dir = dir;
  b.csv = g_build_filename (dir, "deals.csv", NULL);
  pilote_period_init_month (&b.period, 2026, G_DATE_OCTOBER);

  printf ("Pilote benchmarks: %u deals, %u clients (median of %d runs)\n\n", deals, clients, RUNS);
  printf ("%-52s %10s\n", "what", "ms");
  printf ("%-52s %10.1f\n", "generate the demo company", generate_ms);

  b.flags = PILOTE_KPI_COMPARE;
  printf ("%-52s %10.1f\n", "KPIs of a month, with comparisons",
          measure (bench_kpi, &b, RUNS));
  b.filter = pilote_kpi_filter_new ();
  pilote_kpi_filter_add (b.filter, PILOTE_DIMENSION_SEGMENT, "Enterprise");
  printf ("%-52s %10.1f\n", "KPIs of a month for one segment, with comparisons",
          measure (bench_kpi, &b, RUNS));
  g_clear_pointer (&b.filter, pilote_kpi_filter_free);
  b.flags = PILOTE_KPI_DEFAULT;
  b.by = PILOTE_DIMENSION_MONTH;
  pilote_period_init_containing (&b.period, PILOTE_PERIOD_YEAR, &today, G_DATE_JANUARY);
  printf ("%-52s %10.1f\n", "KPIs of a year by month", measure (bench_kpi, &b, RUNS));
  b.by = PILOTE_DIMENSION_MEMBER;
  printf ("%-52s %10.1f\n", "KPIs of a year by rep", measure (bench_kpi, &b, RUNS));
  printf ("%-52s %10.1f\n", "funnel of a year", measure (bench_funnel, &b, RUNS));
  {
    double compute, draw;

    measure_report (&b, &compute, &draw);
    printf ("%-52s %10.1f\n", "monthly summary as PDF", compute + draw);
    printf ("%-52s %10.1f\n", "  of which queries and layout", compute);
    printf ("%-52s %10.1f\n", "  of which drawing the pages", draw);
  }

  export_ms = measure (bench_export, &b, 1);
  {
    g_autofree char *contents = NULL;
    gsize length;

    if (g_file_get_contents (b.csv, &contents, &length, NULL))
      for (gsize i = 0; i < length; i++)
        lines += contents[i] == '\n';
  }
  printf ("%-52s %10.1f\n", "export the deals to CSV", export_ms);
  import_ms = measure (bench_import, &b, 1);
  printf ("%-52s %10.1f\n", "import them into a new file", import_ms);
  printf ("\nimport: %" G_GUINT64_FORMAT " rows, %.0f rows/s\n", lines - 1,
          (lines - 1) / (import_ms / 1000.0));

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (dir);
  }
  g_free (b.csv);
  return 0;
}
