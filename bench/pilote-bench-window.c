/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-bench"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "pilote-application.h"
#include "pilote-chart-view.h"
#include "pilote-dashboard.h"
#include "pilote-demo.h"
#include "pilote-window.h"

/* How long the real window takes to show its first frame on a file of N
 * deals, beside a bare libadwaita window with a label. Each run is a fresh
 * process (started by this one with --child), so that each pays the same
 * start-up costs (GTK, theme, fonts); the table gives the median of the
 * runs (--runs, 5 by default).
 *
 *   xvfb-run -a build/bench/pilote-bench-window [--runs N] [--figures-timeout S]
 *                                               [DEALS | FILE.pilote]
 *
 * Times, in milliseconds, from just before the window is created:
 * - load: pilote_window_new () and pilote_window_load () returned (0 for
 *   the bare window): what runs on the main thread before anything shows;
 * - first frame: the window's frame clock finished painting its first frame;
 * - figures: the dashboard shows its figures (computed in a worker thread):
 *   its revenue card has its sparkline;
 * - filters: the dashboard is no longer busy: its figures are shown and its
 *   filters offer the file's values (read after the figures);
 * - longest stall: the longest the main loop went without running a 10 ms
 *   timer until then (how long the window could not react);
 * "process": from main () to the first frame; and "CPU": the main thread's
 * processor time from just before the window is created to its first
 * frame, which other programs running on the machine do not inflate.
 *
 * Peak memory: the window's peak resident set (VmHWM) once the dashboard
 * shows its figures (or once --figures-timeout seconds have passed, 120 by
 * default), on the file and on an empty file made for the comparison, and
 * the most SQLite had allocated at once (all connections: page caches,
 * sorting, statements). */

#define MAX_RUNS 15
#define TICK_MS 10

static guint n_runs = 5;
static guint figures_timeout = 120;

typedef struct {
  double           cpu_start;
  double           cpu_first_frame;
  gint64           start;
  gint64           loaded;
  gint64           first_frame;
  gint64           figures;
  gint64           filters;
  gint64           last_tick;
  gint64           longest_stall;
  PiloteDashboard *dashboard;
  PiloteChartView *spark;
} Run;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Run           *run)
{
  if (run->first_frame == 0)
    {
      run->first_frame = g_get_monotonic_time ();
      run->cpu_first_frame = thread_cpu_ms ();
    }
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->longest_stall = MAX (run->longest_stall, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* the revenue card's sparkline comes with the figures */
static void
check_figures (Run *run)
{
  if (run->figures == 0 && run->spark != NULL && pilote_chart_view_get_data (run->spark) != NULL)
    run->figures = g_get_monotonic_time ();
}

static GtkWidget *
find_dashboard (GtkWidget *widget)
{
  if (PILOTE_IS_DASHBOARD (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_dashboard (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static long
get_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : 0;
}

/* One run in this process: prints "process load frame figures stall rss" */
static int
run_child (const char *mode,
           const char *path,
           gint64      process_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) app = NULL;
  GtkWidget *window;
  GdkFrameClock *clock;
  gint64 deadline;
  guint tick;
  Run run = { 0 };

  adw_init ();
  app = g_str_equal (mode, "bare") ? GTK_APPLICATION (adw_application_new ("app.pilote.BenchBare",
                                                                            G_APPLICATION_NON_UNIQUE))
                                   : GTK_APPLICATION (pilote_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  run.cpu_start = thread_cpu_ms ();
  run.start = g_get_monotonic_time ();
  run.last_tick = run.start;
  tick = g_timeout_add (TICK_MS, on_tick_cb, &run);
  if (g_str_equal (mode, "bare"))
    {
      window = adw_application_window_new (app);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                          gtk_label_new ("Pilote"));
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    }
  else
    {
      window = GTK_WIDGET (pilote_window_new (PILOTE_APPLICATION (app)));
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      if (!pilote_window_load (PILOTE_WINDOW (window), path))
        g_error ("Could not open %s", path);
      run.dashboard = PILOTE_DASHBOARD (find_dashboard (window));
      run.spark = PILOTE_CHART_VIEW (gtk_widget_get_template_child (GTK_WIDGET (run.dashboard),
                                                                    PILOTE_TYPE_DASHBOARD,
                                                                    "revenue_spark"));
    }
  run.loaded = g_get_monotonic_time ();

  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_assert (clock != NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &run);

  deadline = run.start + 300 * G_USEC_PER_SEC;
  while (run.first_frame == 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      check_figures (&run);
    }
  deadline = run.start + (gint64) figures_timeout * G_USEC_PER_SEC;
  while (run.dashboard != NULL && pilote_dashboard_get_busy (run.dashboard)
         && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      check_figures (&run);
    }
  run.filters = g_get_monotonic_time ();
  if (run.figures == 0)
    run.figures = run.filters;
  on_tick_cb (&run);
  g_source_remove (tick);

  printf ("%.1f %.1f %.1f %.1f %.1f %ld %.1f %.1f %.1f\n",
          (run.first_frame - process_start) / 1000.0,
          (run.loaded - run.start) / 1000.0,
          (run.first_frame - run.start) / 1000.0,
          run.dashboard != NULL ? (run.figures - run.start) / 1000.0 : 0.0,
          run.longest_stall / 1000.0,
          get_peak_rss_kb (),
          run.cpu_first_frame - run.cpu_start,
          sqlite3_memory_highwater (0) / 1024.0,
          run.dashboard != NULL ? (run.filters - run.start) / 1000.0 : 0.0);
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

#define N_FIGURES 9

/* Runs RUNS children of @mode and keeps the median of each figure */
static void
measure (const char *self_path,
         const char *mode,
         const char *path,
         double      medians[N_FIGURES])
{
  double figures[N_FIGURES][MAX_RUNS];
  g_autofree char *timeout = g_strdup_printf ("%u", figures_timeout);

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *output = NULL;
      const char *argv[] = { self_path, "--child", mode, path, timeout, NULL };
      g_auto(GStrv) fields = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                         &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("%s run failed: %s", mode, error->message);
      fields = g_strsplit (g_strstrip (output), " ", -1);
      if (g_strv_length (fields) != N_FIGURES)
        g_error ("%s run printed “%s”", mode, output);
      for (guint j = 0; j < N_FIGURES; j++)
        figures[j][i] = g_ascii_strtod (fields[j], NULL);
    }
  for (guint j = 0; j < N_FIGURES; j++)
    {
      qsort (figures[j], n_runs, sizeof (double), compare_doubles);
      medians[j] = figures[j][n_runs / 2];
    }
}

/* the temporary folder: the files made, their journals and backup copies */
static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static char *
make_demo (const char *dir,
           guint       deals)
{
  g_autofree char *path = g_build_filename (dir, "bench.pilote", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  gint64 start = g_get_monotonic_time ();

  pilote_demo_options_init (&options);
  options.n_deals = deals;
  options.n_clients = MAX (deals / 10, 100);
  store = pilote_store_create (path, &error);
  if (store == NULL || !pilote_demo_generate (store, &options, &error))
    g_error ("Could not make the demo file: %s", error->message);
  printf ("Generated %u deals and %u clients in %.1f s\n", options.n_deals, options.n_clients,
          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return g_steal_pointer (&path);
}

int
main (int    argc,
      char **argv)
{
  gint64 process_start = g_get_monotonic_time ();
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *empty_path = NULL;
  double bare[N_FIGURES], window[N_FIGURES], empty[N_FIGURES];

  setlocale (LC_ALL, "");
  /* as the application: GTK's list of recent files records both */
  g_set_prgname ("pilote");
  g_set_application_name ("Pilote");
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", PILOTE_BENCH_SCHEMA_DIR, FALSE);

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    {
      figures_timeout = (guint) g_ascii_strtoull (argv[4], NULL, 10);
      return run_child (argv[2], argv[3], process_start);
    }
  while (argc > 2 && g_str_has_prefix (argv[1], "--"))
    {
      if (g_str_equal (argv[1], "--runs"))
        n_runs = CLAMP ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1, MAX_RUNS);
      else if (g_str_equal (argv[1], "--figures-timeout"))
        figures_timeout = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      else
        g_error ("Unknown option %s", argv[1]);
      argc -= 2;
      argv += 2;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  if (argc > 1 && g_str_has_suffix (argv[1], ".pilote"))
    path = g_strdup (argv[1]);
  else
    {
      guint deals = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("pilote-bench-window-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      path = make_demo (dir, deals);
    }

  /* an empty file, for the memory the window takes without data */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PiloteStore) store = NULL;

    if (dir == NULL)
      dir = g_dir_make_tmp ("pilote-bench-window-XXXXXX", &error);
    if (dir == NULL)
      g_error ("%s", error->message);
    empty_path = g_build_filename (dir, "empty.pilote", NULL);
    store = pilote_store_create (empty_path, &error);
    if (store == NULL)
      g_error ("Could not make the empty file: %s", error->message);
  }

  measure (self_path, "bare", path, bare);
  measure (self_path, "pilote", empty_path, empty);
  measure (self_path, "pilote", path, window);

  printf ("Window first shown, median of %u fresh processes, on %s (ms)\n\n", n_runs, path);
  printf ("| window | load | first frame | CPU | figures shown | filters | longest stall | from main () | peak RSS | of which SQLite |\n");
  printf ("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  printf ("| bare AdwApplicationWindow + label | – | %.0f | %.0f | – | – | %.0f | %.0f | %.0f MB | – |\n",
          bare[2], bare[6], bare[4], bare[0], bare[5] / 1024.0);
  printf ("| PiloteWindow on an empty file | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f MB | %.0f MB |\n",
          empty[1], empty[2], empty[6], empty[3], empty[8], empty[4], empty[0],
          empty[5] / 1024.0, empty[7] / 1024.0);
  printf ("| PiloteWindow on the file | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f MB | %.0f MB |\n",
          window[1], window[2], window[6], window[3], window[8], window[4], window[0],
          window[5] / 1024.0, window[7] / 1024.0);
  printf ("\nFirst frame: %.0f ms after the bare window's (target: within 200 ms);"
          " main-thread CPU to the first frame: %.0f ms more than the bare window's\n",
          window[2] - bare[2], window[6] - bare[6]);
  printf ("Peak RSS once the figures are shown (or after %u s): %.0f MB above the window on an"
          " empty file (target: ≤ 60 MB)\n",
          figures_timeout, (window[5] - empty[5]) / 1024.0);

  if (dir != NULL)
    remove_tree (dir);
  return 0;
}
