/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "pilote-client-list.h"
#include "pilote-demo.h"
#include "pilote-store.h"
#include "pilote-store-private.h"

/* The Clients view at scale: search as you type (what one keystroke
 * costs: counting the clients found and reading the first page, as the
 * list does), and the first page after a click on a column header, in
 * either direction, beside what the sqlite3 shell takes to run the SQL of
 * that page on the same file (when sqlite3 is installed).
 * Argument: a number of clients (a demo file is generated, with ten deals
 * per client unless a second argument says how many) or a .pilote file. */

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

/* one keystroke: the count and the first page */
static double
keystroke (PiloteStore *store,
           const char  *typed,
           gint64      *found)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PiloteClientFilter filter;
  gint64 start = g_get_monotonic_time ();

  pilote_client_filter_init (&filter);
  filter.search = typed;
  rows = pilote_client_search (store, &filter, PILOTE_CLIENT_SORT_NAME, FALSE, PAGE, found,
                               &error);
  if (error != NULL)
    g_error ("search failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The SQL of the first page of a sort, as the list runs it: the clients
 * with a value first when empty values go last and the sort descends */
static char *
page_sql (const char *expr,
          gboolean    empty_last,
          gboolean    descending)
{
  const char *direction = descending ? " DESC" : "";
  g_autofree char *column = g_strndup (expr, strcspn (expr, " "));
  g_autoptr(GString) sql = g_string_new ("SELECT c.id, c.version, c.name, c.kind, c.city, c.region,"
                                         " c.sector, seg.name, m.name, ch.name, c.acquired_on,"
                                         " c.tags, c.revenue_to_date"
                                         " FROM client c"
                                         " LEFT JOIN segment seg ON seg.id = c.segment_id"
                                         " LEFT JOIN member m ON m.id = c.owner_id"
                                         " LEFT JOIN channel ch ON ch.id = c.channel_id"
                                         " WHERE c.deleted_at IS NULL");

  if (empty_last && descending)
    g_string_append_printf (sql, " AND (%s IS NULL OR %s = '') = 0", column, column);
  g_string_append (sql, " ORDER BY ");
  if (empty_last && !descending)
    g_string_append_printf (sql, "(%s IS NULL OR %s = ''), ", column, column);
  g_string_append_printf (sql, "%s%s", expr, direction);
  if (!g_str_equal (expr, "c.name COLLATE NOCASE"))
    g_string_append_printf (sql, ", c.name COLLATE NOCASE%s", direction);
  g_string_append_printf (sql, ", c.id%s LIMIT %d;", direction, PAGE);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* the median wall time the sqlite3 shell reports for @sql, run RUNS
 * times on @path, or -1 when it cannot run */
static double
shell_time (const char *path,
            const char *sql)
{
  g_autoptr(GString) script = g_string_new (".timer on\n.output /dev/null\n");
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (path == NULL)
    return -1;
  for (guint r = 0; r < RUNS; r++)
    g_string_append_printf (script, "%s\n", sql);
  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                            "sqlite3", "-readonly", path, NULL);
  if (shell == NULL ||
      !g_subprocess_communicate_utf8 (shell, script->str, NULL, &out, NULL, NULL))
    return -1;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double seconds;

      if (sscanf (lines[i], "Run Time: real %lf", &seconds) == 1)
        {
          double ms = seconds * 1000.0;

          g_array_append_val (times, ms);
        }
    }
  return times->len > 0 ? median (times) : -1;
}

static double
first_page (PiloteStore      *store,
            PiloteClientSort  sort,
            gboolean          descending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start = g_get_monotonic_time ();

  rows = pilote_client_list (store, NULL, sort, descending, PAGE, 0, &error);
  if (rows == NULL)
    g_error ("list failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    PiloteClientSort sort;
    const char *name;
    const char *expr;      /* as the list sorts */
    gboolean empty_last;
  } sorts[] = {
    { PILOTE_CLIENT_SORT_NAME, "name", "c.name COLLATE NOCASE", FALSE },
    { PILOTE_CLIENT_SORT_KIND, "kind",
      "CASE c.kind WHEN 'prospect' THEN 0 WHEN 'client' THEN 1 ELSE 2 END", FALSE },
    { PILOTE_CLIENT_SORT_CITY, "city", "c.city COLLATE NOCASE", TRUE },
    { PILOTE_CLIENT_SORT_REGION, "region", "c.region COLLATE NOCASE", TRUE },
    { PILOTE_CLIENT_SORT_SECTOR, "sector", "c.sector COLLATE NOCASE", TRUE },
    { PILOTE_CLIENT_SORT_SEGMENT, "segment", "c.segment_name COLLATE NOCASE", TRUE },
    { PILOTE_CLIENT_SORT_OWNER, "owner", "c.owner_name COLLATE NOCASE", TRUE },
    { PILOTE_CLIENT_SORT_CHANNEL, "channel", "c.channel_name COLLATE NOCASE", TRUE },
    { PILOTE_CLIENT_SORT_ACQUIRED, "acquired", "c.acquired_on", TRUE },
    { PILOTE_CLIENT_SORT_REVENUE, "revenue", "c.revenue_to_date", FALSE },
  };
  const char *file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) first_letters = g_string_new (NULL);
  double worst = 0;
  guint n_clients = 100000, n_deals = 0;

  setlocale (LC_ALL, "");
  if (argc > 1 && g_str_has_suffix (argv[1], ".pilote"))
    {
      file = argv[1];
      store = pilote_store_open (argv[1], PILOTE_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        g_error ("%s", error->message);
    }
  else
    {
      PiloteDemoOptions options;
      gint64 start;

      if (argc > 1)
        n_clients = (guint) strtoul (argv[1], NULL, 10);
      n_deals = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 10 * n_clients;
      dir = g_dir_make_tmp ("pilote-bench-XXXXXX", &error);
      path = g_build_filename (dir, "clients.pilote", NULL);
      store = pilote_store_create (path, &error);
      if (store == NULL)
        g_error ("%s", error->message);
      pilote_demo_options_init (&options);
      options.n_clients = n_clients;
      options.n_deals = n_deals;
      start = g_get_monotonic_time ();
      if (!pilote_demo_generate (store, &options, &error))
        g_error ("%s", error->message);
      printf ("demo of %u clients and %u deals generated in %.1f s\n", n_clients, n_deals,
              (g_get_monotonic_time () - start) / 1e6);
      file = path;
    }

  /* warm the cache as a user who opened the view would have */
  first_page (store, PILOTE_CLIENT_SORT_NAME, FALSE);

  printf ("\nsearch as you type (count + first page of %d), per keystroke:\n", PAGE);
  {
    static const char *const typed[] = {
      "Dupont", "Lyon", "marie.martin@", "Société Générale", "boulangerie", "Zoé",
    };

    for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
      {
        g_autoptr(GArray) word_times = g_array_new (FALSE, FALSE, sizeof (double));
        glong len = g_utf8_strlen (typed[t], -1);
        gint64 found = 0;

        for (glong n = 1; n <= len; n++)
          {
            g_autofree char *prefix = g_utf8_substring (typed[t], 0, n);
            double ms = keystroke (store, prefix, &found);

            if (n == 1)
              g_string_append_printf (first_letters, " %s %.1f,", prefix, ms);
            g_array_append_val (word_times, ms);
            g_array_append_val (times, ms);
            worst = MAX (worst, ms);
          }
        printf ("  %-20s median %6.2f ms over %2ld keystrokes (%" G_GINT64_FORMAT " found at the end)\n",
                typed[t], median (word_times), len, found);
      }
  }
  printf ("  all keystrokes: median %.2f ms, slowest %.2f ms\n", median (times), worst);
  if (first_letters->len > 0)
    g_string_truncate (first_letters, first_letters->len - 1);
  printf ("  the first letter of each (ms):%s\n", first_letters->str);

  printf ("\nfirst page of %d after a sort change (median of %d), and the sqlite3 shell\n"
          "running the SQL of the same page (median of %d, -1 without sqlite3):\n",
          PAGE, RUNS, RUNS);
  printf ("  %-9s %-10s %10s %10s\n", "sort", "direction", "Pilote", "sqlite3");
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
        g_autofree char *sql = page_sql (sorts[s].expr, sorts[s].empty_last, descending);

        for (guint r = 0; r < RUNS; r++)
          {
            double ms = first_page (store, sorts[s].sort, descending);

            g_array_append_val (runs, ms);
          }
        printf ("  %-9s %-10s %7.2f ms %7.2f ms\n", sorts[s].name,
                descending ? "descending" : "ascending", median (runs), shell_time (file, sql));
      }

  /* the side panel's figures of a client: to date and over 12 months,
   * each with its open deals, and its lost deals */
  {
    g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
    sqlite3_stmt *stmt = NULL;
    gint64 client_id = 0;
    GDate today;

    /* the client with the most deals */
    if (sqlite3_prepare_v2 (pilote_store_get_db (store),
                            "SELECT client_id FROM deal WHERE client_id IS NOT NULL"
                            " GROUP BY client_id ORDER BY count (*) DESC LIMIT 1",
                            -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      client_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    g_date_set_time_t (&today, time (NULL));
    for (guint r = 0; client_id > 0 && r < RUNS; r++)
      {
        PiloteClientFigures figures;
        gint64 start = g_get_monotonic_time ();
        double ms;

        if (!pilote_client_get_figures (store, client_id, &today, &figures, &error))
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (runs, ms);
      }
    if (client_id > 0)
      printf ("\na client's figures (the side panel, the client with the most deals):"
              " median %.2f ms\n", median (runs));
  }

  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (journal);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
