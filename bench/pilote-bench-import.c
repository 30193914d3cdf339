/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pilote-import.h"
#include "pilote-store.h"

/* How fast a CSV file of N deal rows imports, beside what the sqlite3
 * shell's .import takes to load the same file into a bare table (the
 * engine's own speed for that file), with each process's peak memory.
 *
 *   pilote-bench-import [ROWS] [--dir DIR] [--runs RUNS]
 *
 * The files are made once in DIR (default /tmp/pilote-bench-import): a
 * sales team (50 reps under 6 managers), 7 products, 100 000 clients and
 * a deals file shaped like a CRM's opportunities export (one deal a row:
 * reference, rep, product, client, stage, created and closed dates, closing
 * value). The team, products and clients are imported once into base.pilote;
 * each run copies it to a fresh file and imports the deals into it, in a
 * process of its own (this program started again with --child), so that
 * its peak RSS is the import's. Three imports are timed: the deals with
 * their product lines (the usual case: two records a row), the deals alone
 * (the closing value as the amount), and a dry run. The figure of each is
 * the median of RUNS runs; "memory" imports a file a tenth as long, to show
 * that memory does not grow with the file. */

#define N_CLIENTS 100000
#define N_REPS 50

static const struct { const char *name; const char *series; int price; } products[] = {
  { "GTX Basic", "GTX", 550 }, { "GTX Pro", "GTX", 4821 }, { "MG Special", "MG", 55 },
  { "MG Advanced", "MG", 3393 }, { "GTX Plus Pro", "GTX", 5482 },
  { "GTX Plus Basic", "GTX", 1096 }, { "GTK 500", "GTK", 26768 },
};

static const char *const sectors[] = {
  "retail", "technology", "medical", "software", "finance", "marketing", "entertainment",
  "telecommunications", "services", "employment",
};

typedef struct {
  double   seconds;
  double   cpu;
  gint64   rss_kb;
} Measure;

static int
compare_measures (gconstpointer a,
                  gconstpointer b)
{
  double x = ((const Measure *) a)->seconds, y = ((const Measure *) b)->seconds;

  return (x > y) - (x < y);
}

/* Files */

static void
write_or_die (const char *path,
              GString    *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text->str, (gssize) text->len, &error))
    g_error ("Cannot write %s: %s", path, error->message);
}

static void
make_reference_files (const char *dir)
{
  g_autoptr(GString) text = g_string_new ("sales_agent,manager,regional_office\n");
  g_autofree char *members = g_build_filename (dir, "members.csv", NULL);
  g_autofree char *product_path = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *clients = g_build_filename (dir, "clients.csv", NULL);
  static const char *const offices[] = { "Central", "East", "West" };

  for (int i = 1; i <= N_REPS; i++)
    g_string_append_printf (text, "Rep %02d,Manager %d,%s\n", i, i % 6 + 1, offices[i % 3]);
  write_or_die (members, text);

  g_string_assign (text, "product,series,sales_price\n");
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    g_string_append_printf (text, "%s,%s,%d\n", products[i].name, products[i].series,
                            products[i].price);
  write_or_die (product_path, text);

  g_string_assign (text, "account,sector\n");
  for (int i = 1; i <= N_CLIENTS; i++)
    g_string_append_printf (text, "Client %06d,%s\n", i, sectors[i % G_N_ELEMENTS (sectors)]);
  write_or_die (clients, text);
}

/* ROWS deals, written as they are made: the file is never held in memory */
static void
make_deals_file (const char *path,
                 guint       rows)
{
  static const char *const stages[] = {
    "Won", "Won", "Won", "Won", "Won", "Won", "Won", "Won", "Won",
    "Lost", "Lost", "Lost", "Lost", "Lost",
    "Prospecting", "Prospecting", "Engaging", "Engaging", "Engaging", "Engaging",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20170301);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  FILE *out = fopen (partial, "w");
  GDate first;

  if (out == NULL)
    g_error ("Cannot write %s", partial);
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, 2019);
  fputs ("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,"
         "close_value\n", out);
  for (guint i = 0; i < rows; i++)
    {
      const char *stage = stages[g_rand_int_range (rand, 0, G_N_ELEMENTS (stages))];
      guint product = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (products));
      GDate engaged = first, closed;
      char engaged_iso[16], closed_iso[16] = "";
      char value[32] = "";

      g_date_add_days (&engaged, (guint) g_rand_int_range (rand, 0, 7 * 365));
      closed = engaged;
      g_date_add_days (&closed, (guint) g_rand_int_range (rand, 1, 120));
      g_date_strftime (engaged_iso, sizeof engaged_iso, "%Y-%m-%d", &engaged);
      if (stage[0] == 'W' || stage[0] == 'L')
        {
          g_date_strftime (closed_iso, sizeof closed_iso, "%Y-%m-%d", &closed);
          g_snprintf (value, sizeof value, "%d",
                      stage[0] == 'W'
                        ? products[product].price * g_rand_int_range (rand, 80, 110) / 100
                        : 0);
        }
      fprintf (out, "D%08u,Rep %02d,%s,Client %06d,%s,%s,%s,%s\n", i + 1,
               g_rand_int_range (rand, 1, N_REPS + 1), products[product].name,
               g_rand_int_range (rand, 1, N_CLIENTS + 1), stage, engaged_iso, closed_iso, value);
    }
  if (fclose (out) != 0 || g_rename (partial, path) != 0)
    g_error ("Cannot write %s", path);
}

/* Profiles */

static PiloteImportProfile *
new_profile (PiloteEntity entity)
{
  PiloteImportProfile *profile = pilote_import_profile_new (entity);
  PiloteCsvOptions *options = pilote_import_profile_get_options (profile);

  options->delimiter = ',';
  options->encoding = PILOTE_CSV_ENCODING_UTF8;
  options->decimal = '.';
  options->date_format = PILOTE_DATE_FORMAT_ISO;
  return profile;
}

static PiloteImportProfile *
make_profile (const char *name)
{
  PiloteImportProfile *profile;

  if (g_str_equal (name, "members"))
    {
      profile = new_profile (PILOTE_ENTITY_MEMBER);
      pilote_import_profile_set_column (profile, "name", "sales_agent");
      pilote_import_profile_set_column (profile, "team", "manager");
      pilote_import_profile_set_column (profile, "office", "regional_office");
      pilote_import_profile_set_default (profile, "role", "rep");
      pilote_import_profile_set_create_missing (profile, "team", TRUE);
      return profile;
    }
  if (g_str_equal (name, "products"))
    {
      profile = new_profile (PILOTE_ENTITY_PRODUCT);
      pilote_import_profile_set_column (profile, "name", "product");
      pilote_import_profile_set_column (profile, "category", "series");
      pilote_import_profile_set_column (profile, "unit_price", "sales_price");
      return profile;
    }
  if (g_str_equal (name, "clients"))
    {
      profile = new_profile (PILOTE_ENTITY_CLIENT);
      pilote_import_profile_set_column (profile, "ref", "account");
      pilote_import_profile_set_column (profile, "name", "account");
      pilote_import_profile_set_column (profile, "sector", "sector");
      return profile;
    }

  /* the deals, with a line each ("lines") or their amount alone ("amounts") */
  profile = new_profile (PILOTE_ENTITY_DEAL);
  pilote_import_profile_set_column (profile, "ref", "opportunity_id");
  pilote_import_profile_set_column (profile, "owner", "sales_agent");
  pilote_import_profile_set_column (profile, "client", "account");
  pilote_import_profile_set_column (profile, "stage", "deal_stage");
  pilote_import_profile_set_column (profile, "created_on", "engage_date");
  pilote_import_profile_set_column (profile, "closed_on", "close_date");
  pilote_import_profile_add_alias (profile, "stage", "Prospecting", "Lead");
  pilote_import_profile_add_alias (profile, "stage", "Engaging", "Qualified");
  if (g_str_equal (name, "lines"))
    {
      pilote_import_profile_set_group_by (profile, "opportunity_id");
      pilote_import_profile_set_column (profile, "product", "product");
      pilote_import_profile_set_column (profile, "line_amount", "close_value");
      pilote_import_profile_set_default (profile, "quantity", "1");
    }
  else
    pilote_import_profile_set_column (profile, "amount", "close_value");
  return profile;
}

/* The child: one import */

static int
run_child (const char        *file,
           const char        *profile_name,
           const char        *csv,
           PiloteImportFlags  flags)
{
  PiloteImportOptions options = { flags, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = pilote_store_open (file, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_autoptr(PiloteImportProfile) profile = make_profile (profile_name);
  g_autoptr(PiloteImportResult) result = NULL;

  if (store == NULL)
    g_error ("Cannot open %s: %s", file, error->message);
  result = pilote_import_run_with_options (store, profile, csv, &options, &error);
  if (result == NULL)
    g_error ("Import of %s failed: %s", csv, error->message);
  if (result->n_problems > 0)
    {
      const PiloteImportProblem *problem = g_ptr_array_index (result->problems, 0);

      g_error ("Import of %s: %" G_GUINT64_FORMAT " problems, the first at record %"
               G_GUINT64_FORMAT ": %s", csv, result->n_problems, problem->record,
               problem->message);
    }
  printf ("%" G_GUINT64_FORMAT "\n", result->rows);
  return 0;
}

/* The parent: processes, timed */

static Measure
run_process (const char *const *argv)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  Measure measure = { 0 };
  int status = 0;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    g_error ("fork failed");
  if (pid == 0)
    {
      /* the child's output is of no interest here */
      if (freopen ("/dev/null", "w", stdout) == NULL)
        _exit (127);
      execvp (argv[0], (char **) argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) ||
      WEXITSTATUS (status) != 0)
    g_error ("%s failed (status %d)", argv[0], status);
  measure.seconds = (g_get_monotonic_time () - start) / 1e6;
  measure.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  measure.rss_kb = usage.ru_maxrss;
  return measure;
}

static void
copy_or_die (const char *from,
             const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("Cannot copy %s: %s", from, error->message);
}

static Measure
import_in_child (const char *self,
                 const char *dir,
                 const char *base,
                 const char *profile,
                 const char *csv,
                 gboolean    dry_run)
{
  g_autofree char *file = g_build_filename (dir, "run.pilote", NULL);
  const char *argv[] = { self, "--child", file, profile, csv, dry_run ? "--dry-run" : NULL,
                         NULL };

  copy_or_die (base, file);
  return run_process (argv);
}

static Measure
sqlite_import (const char *dir,
               const char *csv)
{
  g_autofree char *db = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *command = g_strdup_printf (".import %s t", csv);
  const char *argv[] = { "sqlite3", db, ".mode csv", command, NULL };

  g_unlink (db);
  return run_process (argv);
}

static Measure
median (GArray *measures)
{
  g_array_sort (measures, compare_measures);
  return g_array_index (measures, Measure, measures->len / 2);
}

static void
print_row (const char *what,
           guint       rows,
           Measure     m,
           double      reference_rate)
{
  double rate = rows / m.seconds;

  printf ("%-44s %8.2f %10.0f %8.2f %8.1f", what, m.seconds, rate, m.cpu, m.rss_kb / 1024.0);
  if (reference_rate > 0)
    printf (" %8.2f", rate / reference_rate);
  printf ("\n");
}

static void
prepare_base (const char *self,
              const char *dir,
              const char *base)
{
  static const char *const steps[] = { "members", "products", "clients" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = NULL;

  if (g_file_test (base, G_FILE_TEST_EXISTS))
    {
      /* made by an earlier build: brought to this build's schema once, so
       * that no run pays for the upgrade */
      store = pilote_store_open (base, PILOTE_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        g_error ("Cannot open %s: %s", base, error->message);
      return;
    }
  printf ("Making %s (the team, products and %d clients)…\n", base, N_CLIENTS);
  store = pilote_store_create (base, &error);
  if (store == NULL)
    g_error ("Cannot create %s: %s", base, error->message);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *name = g_strconcat (steps[i], ".csv", NULL);
      g_autofree char *csv = g_build_filename (dir, name, NULL);
      const char *argv[] = { self, "--child", base, steps[i], csv, NULL };
      Measure m = run_process (argv);

      printf ("  %-10s %8.2f s\n", steps[i], m.seconds);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_strdup ("/tmp/pilote-bench-import");
  g_autofree char *self = NULL;
  g_autofree char *base = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *small_csv = NULL;
  g_autofree char *csv_name = NULL;
  g_autofree char *small_name = NULL;
  static const struct { const char *what; const char *profile; gboolean dry_run; } kinds[] = {
    { "Pilote: deals with their lines", "lines", FALSE },
    { "Pilote: deals (amounts, no lines)", "amounts", FALSE },
    { "Pilote: dry run of the deals with lines", "lines", TRUE },
  };
  GArray *measures[G_N_ELEMENTS (kinds) + 1];
  Measure sqlite, small;
  guint rows = 1000000;
  guint runs = 3;

  setlocale (LC_ALL, "");
  /* pilote-bench-import --child FILE PROFILE CSV [--dry-run | --row-by-row] */
  if (argc == 6 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argv[4],
                      g_str_equal (argv[5], "--dry-run") ? PILOTE_IMPORT_DRY_RUN
                                                         : PILOTE_IMPORT_ROW_BY_ROW);
  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argv[4], PILOTE_IMPORT_FLAGS_NONE);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        {
          g_free (dir);
          dir = g_strdup (argv[++i]);
        }
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          guint64 value = g_ascii_strtoull (argv[++i], NULL, 10);

          runs = (guint) MAX (value, 1);
        }
      else
        {
          guint64 value = g_ascii_strtoull (argv[i], NULL, 10);

          rows = (guint) MAX (value, 1000);
        }
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    g_error ("Cannot make %s", dir);
  csv_name = g_strdup_printf ("deals-%u.csv", rows);
  small_name = g_strdup_printf ("deals-%u.csv", rows / 10);
  csv = g_build_filename (dir, csv_name, NULL);
  small_csv = g_build_filename (dir, small_name, NULL);
  base = g_build_filename (dir, "base.pilote", NULL);
  if (!g_file_test (csv, G_FILE_TEST_EXISTS) || !g_file_test (small_csv, G_FILE_TEST_EXISTS))
    {
      printf ("Writing %s and %s…\n", csv, small_csv);
      make_reference_files (dir);
      make_deals_file (csv, rows);
      make_deals_file (small_csv, rows / 10);
    }
  prepare_base (self, dir, base);

  for (guint k = 0; k <= G_N_ELEMENTS (kinds); k++)
    measures[k] = g_array_new (FALSE, FALSE, sizeof (Measure));
  for (guint r = 0; r < runs; r++)
    {
      Measure m = sqlite_import (dir, csv);

      g_array_append_val (measures[G_N_ELEMENTS (kinds)], m);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          m = import_in_child (self, dir, base, kinds[k].profile, csv, kinds[k].dry_run);
          g_array_append_val (measures[k], m);
        }
    }
  small = import_in_child (self, dir, base, "lines", small_csv, FALSE);

  sqlite = median (measures[G_N_ELEMENTS (kinds)]);
  printf ("\nImport of %u deal rows (%s), median of %u runs\n\n", rows, csv, runs);
  printf ("%-44s %8s %10s %8s %8s %8s\n", "what", "s", "rows/s", "CPU s", "RSS MB",
          "× sqlite3");
  print_row ("sqlite3 shell: .import into a bare table", rows, sqlite, 0);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    print_row (kinds[k].what, rows, median (measures[k]), rows / sqlite.seconds);
  printf ("\nmemory: %u rows with lines peak at %.1f MB, %u rows at %.1f MB\n", rows / 10,
          small.rss_kb / 1024.0, rows, median (measures[0]).rss_kb / 1024.0);

  for (guint k = 0; k <= G_N_ELEMENTS (kinds); k++)
    g_array_unref (measures[k]);
  return 0;
}
