/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "pilote-demo.h"
#include "pilote-export.h"
#include "pilote-import.h"
#include "pilote-kpi.h"
#include "pilote-report.h"
#include "pilote-store.h"

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
