/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-cli"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>

#include "pilote-backup.h"
#include "pilote-cli-output.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-export.h"
#include "pilote-import.h"
#include "pilote-kpi.h"
#include "pilote-record.h"
#include "pilote-report.h"
#include "pilote-store.h"

/* pilote-cli: what the application computes, without a display. */

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef int (*CommandFunc) (int argc, char **argv);

static void
print_error (const char *message)
{
  /* Translators: the program's name, then an error message */
  g_printerr (_("%s: %s\n"), g_get_prgname (), message);
}

/* Parses a command's options; on --help prints them and exits. */
static gboolean
parse_options (const char    *command,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int            n_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s %s", g_get_prgname (), command);

  g_set_prgname (name);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return FALSE;
    }
  if (*argc != n_args + 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      print_error (_("wrong number of arguments."));
      g_printerr ("%s", help);
      return FALSE;
    }
  return TRUE;
}

static PiloteStore *
open_store (const char           *path,
            PiloteStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  PiloteStore *store = pilote_store_open (path, flags, &error);

  if (store == NULL)
    print_error (error->message);
  else if (pilote_store_get_backup_path (store) != NULL)
    g_printerr (_("The file was upgraded; a copy of the earlier version was kept as “%s”.\n"),
                pilote_store_get_backup_path (store));
  return store;
}

/* init */

static int
command_init (int    argc,
              char **argv)
{
  g_autofree char *currency = NULL;
  g_autofree char *company = NULL;
  int fiscal_start = 1;
  GOptionEntry entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("Currency of the file, as an ISO 4217 code (default: EUR)"), N_("CODE") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("Name of the company"), N_("NAME") },
    { "fiscal-year-start", 0, 0, G_OPTION_ARG_INT, &fiscal_start,
      N_("First month of the fiscal year, 1 to 12 (default: 1, January)"), N_("MONTH") },
    { NULL }
  };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *month = NULL;

  if (!parse_options ("init", _("FILE"), _("Creates a new, empty Pilote file."), entries, &argc,
                      &argv, 1))
    return EXIT_USAGE;
  if (currency != NULL && !pilote_currency_is_valid (currency))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a currency code: use three capital letters, like EUR."),
                         currency);
      print_error (message);
      return EXIT_USAGE;
    }
  if (fiscal_start < 1 || fiscal_start > 12)
    {
      print_error (_("The fiscal year starts in a month from 1 (January) to 12 (December)."));
      return EXIT_USAGE;
    }

  store = pilote_store_create (argv[1], &error);
  month = g_strdup_printf ("%d", fiscal_start);
  if (store == NULL ||
      (currency != NULL && !pilote_store_set_setting (store, "currency", currency, &error)) ||
      (company != NULL && !pilote_store_set_setting (store, "company_name", company, &error)) ||
      !pilote_store_set_setting (store, "fiscal_year_start", month, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  g_print (_("Created “%s”.\n"), argv[1]);
  return EXIT_OK;
}

/* demo */

static int
command_demo (int    argc,
              char **argv)
{
  PiloteDemoOptions options;
  int clients, deals, seed;
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, N_("Number of clients and prospects"),
      N_("N") },
    { "deals", 0, 0, G_OPTION_ARG_INT, &deals, N_("Number of deals"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("Seed of the generator: the same seed gives the same company"), N_("S") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Date the data ends at (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  gint64 start;

  pilote_demo_options_init (&options);
  clients = options.n_clients;
  deals = options.n_deals;
  seed = options.seed;
  if (!parse_options ("demo", _("FILE"),
                      _("Creates a Pilote file holding a realistic sample company: teams, "
                        "clients, three years of deals, objectives and spend."),
                      entries, &argc, &argv, 1))
    return EXIT_USAGE;
  if (clients < 1 || deals < 0)
    {
      print_error (_("The numbers of clients and deals cannot be negative, and there is at "
                     "least one client."));
      return EXIT_USAGE;
    }
  if (today_text != NULL)
    {
      if (!pilote_date_parse_iso (today_text, &today))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD."), today_text);
          print_error (message);
          return EXIT_USAGE;
        }
      options.today = &today;
    }
  options.n_clients = clients;
  options.n_deals = deals;
  options.seed = (guint32) seed;

  start = g_get_monotonic_time ();
  store = pilote_store_create (argv[1], &error);
  if (store == NULL || !pilote_demo_generate (store, &options, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *clients_text = g_strdup_printf (ngettext ("%d client", "%d clients", clients),
                                                     clients);
    g_autofree char *deals_text = g_strdup_printf (ngettext ("%d deal", "%d deals", deals), deals);

    /* Translators: the file, "N clients" and "N deals" as translated above, the time taken */
    g_print (_("Created “%s”: %s and %s in %.1f s.\n"), argv[1], clients_text, deals_text,
             (g_get_monotonic_time () - start) / 1e6);
  }
  return EXIT_OK;
}

/* kpi */

static void
details_clear (PiloteCliDetails *details)
{
  g_clear_pointer (&details->funnel, g_ptr_array_unref);
  g_clear_pointer (&details->lost_reasons, g_ptr_array_unref);
  g_clear_pointer (&details->competitors, g_ptr_array_unref);
  g_clear_pointer (&details->churn, g_ptr_array_unref);
  g_clear_pointer (&details->objectives, g_ptr_array_unref);
}

static int
command_kpi (int    argc,
             char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by = NULL;
  g_autofree char *format = NULL;
  g_autofree char *dialect_name = NULL;
  g_auto(GStrv) conditions = NULL;
  gboolean compare = FALSE, details = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("First day after the period (excluded)"),
      N_("YYYY-MM-DD") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("Break the figures down by month, quarter, year, team, office, member, segment, "
         "sector, region, country, product, category or channel"), N_("DIMENSION") },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &conditions,
      N_("Only count what matches, for example team=North (repeat for several conditions)"),
      N_("DIMENSION=VALUE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: json (default) or csv"),
      N_("FORMAT") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect_name,
      N_("CSV dialect: standard (default; comma, decimal point) or french (semicolon, "
         "decimal comma)"), N_("DIALECT") },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare,
      N_("Also give the previous period and the same period a year before (JSON)"), NULL },
    { "details", 0, 0, G_OPTION_ARG_NONE, &details,
      N_("Also give the funnel, lost deals, clients that did not renew and objectives (JSON)"),
      NULL },
    { NULL }
  };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteKpiFilter) filter = pilote_kpi_filter_new ();
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  PiloteDimension dimension = PILOTE_DIMENSION_NONE;
  PiloteCliDetails more = { 0 };
  PiloteCsvDialect dialect = PILOTE_CSV_DIALECT_STANDARD;
  PilotePeriod period;
  gboolean csv;

  if (!parse_options ("kpi", _("FILE"),
                      _("Prints the key performance indicators of a period."), entries, &argc,
                      &argv, 1))
    return EXIT_USAGE;
  if (from == NULL || to == NULL)
    {
      print_error (_("Give the period with --from and --to, for example "
                     "--from 2017-01-01 --to 2018-01-01."));
      return EXIT_USAGE;
    }
  if (!pilote_period_parse (&period, from, to, &error))
    {
      print_error (error->message);
      return EXIT_USAGE;
    }
  if (by != NULL && (!pilote_dimension_from_name (by, &dimension)))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a dimension. Use one of: month, quarter, year, team, "
                           "office, member, segment, sector, region, country, product, "
                           "category, channel."), by);
      print_error (message);
      return EXIT_USAGE;
    }
  for (guint i = 0; conditions != NULL && conditions[i] != NULL; i++)
    if (!pilote_kpi_filter_parse (filter, conditions[i], &error))
      {
        print_error (error->message);
        return EXIT_USAGE;
      }
  csv = g_strcmp0 (format, "csv") == 0;
  if (format != NULL && !csv && g_strcmp0 (format, "json") != 0)
    {
      print_error (_("The format is json or csv."));
      return EXIT_USAGE;
    }
  if (dialect_name != NULL && !pilote_csv_dialect_from_name (dialect_name, &dialect))
    {
      print_error (_("The CSV dialect is standard or french."));
      return EXIT_USAGE;
    }

  store = open_store (argv[1], PILOTE_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return EXIT_FAILED;
  pilote_period_parse (&period, from, to, NULL);
  period.fiscal_start = pilote_store_get_fiscal_start (store);

  /* the details list the clients that did not renew from the same reading
   * of the deals as their count */
  report = pilote_kpi_compute (store, &period, filter, dimension,
                               (compare ? PILOTE_KPI_COMPARE : PILOTE_KPI_DEFAULT) |
                               (details && !csv ? PILOTE_KPI_CHURN_LIST : PILOTE_KPI_DEFAULT),
                               &error);
  if (report == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (details && !csv)
    {
      more.churn = g_steal_pointer (&report->churned);
      if ((more.funnel = pilote_kpi_funnel (store, &period, filter, &error)) == NULL ||
          (more.lost_reasons = pilote_kpi_lost (store, &period, filter, FALSE, &error)) == NULL ||
          (more.competitors = pilote_kpi_lost (store, &period, filter, TRUE, &error)) == NULL ||
          (more.objectives = pilote_kpi_objectives (store, &period, NULL, &error)) == NULL)
        {
          details_clear (&more);
          print_error (error->message);
          return EXIT_FAILED;
        }
    }

  if (csv)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!pilote_export_kpi (report, dialect, out, &error))
        {
          print_error (error->message);
          return EXIT_FAILED;
        }
      return EXIT_OK;
    }
  output = pilote_cli_kpi_to_json (report, details ? &more : NULL, compare);
  details_clear (&more);
  fputs (output, stdout);
  return EXIT_OK;
}

/* import */

static void
print_problems (const PiloteImportResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      const PiloteImportProblem *problem = g_ptr_array_index (result->problems, i);

      if (problem->column != NULL)
        /* Translators: line of the CSV file, its column, the cell, what is wrong */
        g_printerr (_("line %" PRIu64 ", column “%s” (“%s”): %s\n"), problem->line,
                    problem->column, problem->value != NULL ? problem->value : "",
                    problem->message);
      else
        /* Translators: line of the CSV file, what is wrong */
        g_printerr (_("line %" PRIu64 ": %s\n"), problem->line, problem->message);
    }
  if (result->n_problems > result->problems->len)
    g_printerr (ngettext ("… and %" PRIu64 " more problem.\n", "… and %" PRIu64 " more problems.\n",
                          result->n_problems - result->problems->len),
                result->n_problems - result->problems->len);
}

static int
command_import (int    argc,
                char **argv)
{
  g_autofree char *profile_path = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path,
      N_("The mapping profile: which column feeds which field, and the file's options"),
      N_("PROFILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the whole file and list its problems, but write nothing"), NULL },
    { NULL }
  };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteImportProfile) profile = NULL;
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options ("import", _("FILE CSV"),
                      _("Imports a CSV file into a Pilote file, in one go: every row or none. "
                        "Rows whose reference is already in the file update that record."),
                      entries, &argc, &argv, 2))
    return EXIT_USAGE;
  if (profile_path == NULL)
    {
      print_error (_("Give the mapping profile with --profile; see "
                     "data/import-profiles/README.md for its format."));
      return EXIT_USAGE;
    }
  profile = pilote_import_profile_load (profile_path, &error);
  if (profile == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  store = open_store (argv[1], PILOTE_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_FAILED;

  result = pilote_import_run (store, profile, argv[2], dry_run, NULL, &error);
  if (result == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < result->notes->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (result->notes, i));
  if (result->n_problems > 0)
    {
      print_problems (result);
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%" PRIu64 " problem found: nothing was imported. "
                               "Correct the file or the profile, then import again.\n",
                               "%" PRIu64 " problems found: nothing was imported. "
                               "Correct the file or the profile, then import again.\n",
                               result->n_problems), result->n_problems);
      return EXIT_FAILED;
    }
  if (dry_run)
    g_print (ngettext ("Checked %" PRIu64 " row: no problem found. Nothing was written "
                       "(dry run).\n",
                       "Checked %" PRIu64 " rows: no problem found. Nothing was written "
                       "(dry run).\n", result->rows), result->rows);
  else
    g_print (ngettext ("Imported %" PRIu64 " row as import %" PRId64 " (added: %" PRIu64
                       ", updated: %" PRIu64 ", related records created: %" PRIu64 "). "
                       "Undo it with “pilote-cli import-undo %s %" PRId64 "”.\n",
                       "Imported %" PRIu64 " rows as import %" PRId64 " (added: %" PRIu64
                       ", updated: %" PRIu64 ", related records created: %" PRIu64 "). "
                       "Undo it with “pilote-cli import-undo %s %" PRId64 "”.\n", result->rows),
             result->rows, result->batch_id, result->inserted, result->updated, result->created,
             argv[1], result->batch_id);
  return EXIT_OK;
}

static int
command_import_undo (int    argc,
                     char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 batch;

  if (!parse_options ("import-undo", _("FILE IMPORT"),
                      _("Takes a whole import back, by the number “import” printed."),
                      entries, &argc, &argv, 2))
    return EXIT_USAGE;
  batch = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || batch <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an import number."), argv[2]);

      print_error (message);
      return EXIT_USAGE;
    }
  store = open_store (argv[1], PILOTE_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_FAILED;
  if (!pilote_import_undo (store, batch, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  g_print (_("Import %" PRId64 " was undone.\n"), batch);
  return EXIT_OK;
}

/* export */

static int
command_export (int    argc,
                char **argv)
{
  g_autofree char *output_path = NULL;
  g_autofree char *dialect_name = NULL;
  g_autofree char *profile_path = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("The CSV file to write (standard output when absent)"), N_("CSV") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect_name,
      N_("CSV dialect: standard (default; comma, decimal point) or french (semicolon, "
         "decimal comma)"), N_("DIALECT") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path,
      N_("Also write the mapping profile that imports the file back"), N_("PROFILE") },
    { NULL }
  };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  PiloteCsvDialect dialect = PILOTE_CSV_DIALECT_STANDARD;
  PiloteEntity entity;
  guint64 rows = 0;

  if (!parse_options ("export", _("FILE ENTITY"),
                      _("Writes every record of an entity (client, deal, product, member, team, "
                        "contact, activity, objective, spend…) as CSV. For KPI tables, use "
                        "“pilote-cli kpi --format csv”."),
                      entries, &argc, &argv, 2))
    return EXIT_USAGE;
  if (!pilote_entity_from_name (argv[2], &entity))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an entity."), argv[2]);

      print_error (message);
      return EXIT_USAGE;
    }
  if (dialect_name != NULL && !pilote_csv_dialect_from_name (dialect_name, &dialect))
    {
      print_error (_("The CSV dialect is standard or french."));
      return EXIT_USAGE;
    }
  store = open_store (argv[1], PILOTE_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return EXIT_FAILED;

  if (output_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output_path);

      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             NULL, &error));
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (out == NULL ||
      !pilote_export_entity (store, entity, dialect, out, &rows, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  if (profile_path != NULL)
    {
      g_autoptr(PiloteImportProfile) profile = pilote_export_profile (entity, dialect);

      if (!pilote_import_profile_save (profile, profile_path, &error))
        {
          print_error (error->message);
          return EXIT_FAILED;
        }
    }
  if (output_path != NULL)
    g_printerr (ngettext ("Wrote %" PRIu64 " row to “%s”.\n", "Wrote %" PRIu64 " rows to “%s”.\n",
                          rows), rows, output_path);
  return EXIT_OK;
}

/* report */

static int
command_report (int    argc,
                char **argv)
{
  g_autofree char *month_text = NULL;
  g_autofree char *scope_text = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month of the summary"),
      N_("YYYY-MM") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_text,
      N_("company (default), team:NAME or member:NAME"), N_("SCOPE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name,
      N_("a4 or letter (default: from the locale)"), N_("PAPER") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"),
      N_("PDF") },
    { NULL }
  };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PiloteScope scope = PILOTE_SCOPE_COMPANY;
  PilotePaper paper = pilote_paper_from_locale ();
  gint64 scope_id = 0;
  int year = 0, month = 0;
  char tail = 0;

  if (!parse_options ("report", _("FILE"),
                      _("Writes the monthly performance summary of a month as a PDF file."),
                      entries, &argc, &argv, 1))
    return EXIT_USAGE;
  if (month_text == NULL || output == NULL)
    {
      print_error (_("Give the month with --month (for example --month 2017-03) and the PDF "
                     "file with --output."));
      return EXIT_USAGE;
    }
  if (sscanf (month_text, "%4d-%2d%c", &year, &month, &tail) != 2 || month < 1 || month > 12 ||
      year < 1900)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a month: write it as YYYY-MM."), month_text);
      print_error (message);
      return EXIT_USAGE;
    }
  if (paper_name != NULL && !pilote_paper_from_name (paper_name, &paper))
    {
      print_error (_("The paper is a4 or letter."));
      return EXIT_USAGE;
    }
  store = open_store (argv[1], PILOTE_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return EXIT_FAILED;

  if (scope_text != NULL && g_strcmp0 (scope_text, "company") != 0)
    {
      gboolean team = g_str_has_prefix (scope_text, "team:");
      gboolean member = g_str_has_prefix (scope_text, "member:");
      g_autoptr(PiloteRecord) record = NULL;

      if (team || member)
        record = pilote_store_find_by_name (store, team ? PILOTE_ENTITY_TEAM
                                                        : PILOTE_ENTITY_MEMBER,
                                            strchr (scope_text, ':') + 1, NULL);
      if (record == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” names no team or member: write company, team:NAME or "
                               "member:NAME with a name from the file."), scope_text);
          print_error (message);
          return EXIT_USAGE;
        }
      scope = team ? PILOTE_SCOPE_TEAM : PILOTE_SCOPE_MEMBER;
      scope_id = record->id;
    }

  report = pilote_report_new (store, year, month, scope, scope_id, paper, &error);
  if (report == NULL || !pilote_report_write_pdf (report, output, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to “%s”.\n",
                           "Wrote %u pages to “%s”.\n", pilote_report_get_n_pages (report)),
              pilote_report_get_n_pages (report), output);
  return EXIT_OK;
}

/* check */

static int
command_check (int    argc,
               char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options ("check", _("FILE"),
                      _("Checks a Pilote file: storage, links between records and the rules "
                        "of the data. Changes nothing."),
                      entries, &argc, &argv, 1))
    return EXIT_USAGE;
  store = open_store (argv[1], PILOTE_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return EXIT_FAILED;
  if (!pilote_store_check (store, &problems, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    return EXIT_FAILED;
  g_print (_("“%s”: no problem found.\n"), argv[1]);
  return EXIT_OK;
}

/* backup and restore */

static int
command_backup (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the copy (by default, in the file's backup folder)"), N_("PATH") },
    { NULL }
  };

  if (!parse_options ("backup", _("FILE"),
                      _("Writes a consistent copy of a Pilote file, even while others work "
                        "on it, and checks the copy."),
                      entries, &argc, &argv, 1))
    return EXIT_USAGE;
  if (output != NULL && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” already exists. Choose another name, or remove it first."),
                         output);

      print_error (message);
      return EXIT_FAILED;
    }
  if (output != NULL)
    made = pilote_backup_copy (argv[1], output, &error) ? g_strdup (output) : NULL;
  else
    made = pilote_backup_now (argv[1], &error);
  if (made == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  g_print (_("Backup copy written to “%s”.\n"), made);
  return EXIT_OK;
}

static int
command_restore (int    argc,
                 char **argv)
{
  gboolean force = FALSE;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Restore even when someone has the file open"), NULL },
    { NULL }
  };

  if (!parse_options ("restore", _("BACKUP FILE"),
                      _("Puts a backup copy back in place of a Pilote file. The file's current "
                        "content is kept in its backup folder first."),
                      entries, &argc, &argv, 2))
    return EXIT_USAGE;
  if (!pilote_backup_restore (argv[1], argv[2], force, &kept, &error))
    {
      print_error (error->message);
      if (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_BUSY))
        g_printerr ("%s\n", _("Use --force to restore anyway."));
      return EXIT_FAILED;
    }
  if (kept != NULL)
    g_print (_("“%s” restored from “%s”; its previous content was kept in “%s”.\n"), argv[2],
             argv[1], kept);
  else
    g_print (_("“%s” restored from “%s”.\n"), argv[2], argv[1]);
  return EXIT_OK;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "init", command_init, N_("Create a new, empty Pilote file") },
  { "demo", command_demo, N_("Create a Pilote file holding a sample company") },
  { "import", command_import, N_("Import a CSV file through a mapping profile") },
  { "import-undo", command_import_undo, N_("Take a whole import back") },
  { "export", command_export, N_("Write an entity's records as CSV") },
  { "kpi", command_kpi, N_("Print the KPIs of a period, as JSON or CSV") },
  { "report", command_report, N_("Write the monthly performance summary as a PDF file") },
  { "check", command_check, N_("Check a Pilote file's integrity") },
  { "backup", command_backup, N_("Write a backup copy of a Pilote file") },
  { "restore", command_restore, N_("Put a backup copy back in place of a Pilote file") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: pilote-cli COMMAND [OPTION…] FILE"));
  fprintf (out, "\n%s\n", _("Steer sales operations from the command line."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “pilote-cli COMMAND --help” for a command's options."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("pilote-cli");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("pilote-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not a command."), argv[1]);

    print_error (message);
    print_usage (stderr);
  }
  return EXIT_USAGE;
}
