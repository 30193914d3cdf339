/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-export.h"
#include "pilote-history.h"
#include "pilote-import.h"
#include "pilote-import-batch.h"
#include "pilote-kpi.h"
#include "pilote-record.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * CSV import and export, as a user meets them: the shared CRM data set
 * brought in through the shipped profiles must give every reference figure
 * of its README; small files of our own, written here byte by byte, check
 * each option and each failure (nothing half-written, problems with their
 * row and column); exports must import back into a new file with the same
 * KPIs.
 *
 * Most tests start from the "seed" file (seed ()):
 *
 *   team      North
 *   members   Alice (North, Paris), Bob (North, Lyon)
 *   products  Widget 100.00 (cost 40.00), Service 250.00 (cost 100.00),
 *             Gadget 20.00 (cost 5.00)
 *   clients   Acme, Bolt (prospects)
 *
 * Money is in cents (the files are in US dollars).
 */

#define DATASET_SUBDIR  "/../shared/datasets/crm-sales-opportunities"
#define PROFILES_SUBDIR "/data/import-profiles/crm-sales-opportunities"

typedef struct {
  char        *dir;
  PiloteStore *store;
  guint        n_files;

  gint64 north;
  gint64 alice, bob;
  gint64 widget, service, gadget;
  gint64 acme, bolt;
} Fixture;

/* Helpers: files */

/* Writes @contents (bytes, in whatever encoding they are) to a new file of
 * the fixture's folder. */
static char *
write_file (Fixture    *f,
            const char *suffix,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("file-%u%s", ++f->n_files, suffix);
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, (gssize) strlen (contents), &error);
  g_assert_no_error (error);
  return path;
}

static PiloteImportProfile *
load_profile (Fixture    *f,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, ".ini", text);
  PiloteImportProfile *profile = pilote_import_profile_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static const char *
dataset_dir (void)
{
  const char *dir = g_getenv ("PILOTE_DATASET_DIR");

  return dir != NULL && *dir != '\0' ? dir : PILOTE_SOURCE_DIR DATASET_SUBDIR;
}

static const char *
profiles_dir (void)
{
  const char *dir = g_getenv ("PILOTE_IMPORT_PROFILES_DIR");

  return dir != NULL && *dir != '\0' ? dir : PILOTE_SOURCE_DIR PROFILES_SUBDIR;
}

static gboolean
have_dataset (void)
{
  g_autofree char *pipeline = g_build_filename (dataset_dir (), "sales_pipeline.csv", NULL);

  return g_file_test (pipeline, G_FILE_TEST_IS_REGULAR);
}

/* Helpers: the store */

static void
set_setting (PiloteStore *store,
             const char  *key,
             const char  *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pilote_store_set_setting (store, key, value, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static PiloteStore *
new_store (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  PiloteStore *store = pilote_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  set_setting (store, "currency", "USD");
  return store;
}

static void
insert (Fixture  *f,
        gpointer  record)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pilote_store_insert (f->store, record, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
count_in (PiloteStore  *store,
          PiloteEntity  entity)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pilote_store_count (store, entity, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count (Fixture      *f,
       PiloteEntity  entity)
{
  return count_in (f->store, entity);
}

static gint64
count_where (PiloteStore  *store,
             PiloteEntity  entity,
             const char   *field,
             PiloteOp      op,
             gint64        number)
{
  g_autoptr(GError) error = NULL;
  PiloteFilter filter = { field, op, NULL, number };
  PiloteQuery query = { &filter, 1, NULL, NULL, FALSE, 0, 0, FALSE };
  gint64 n = pilote_store_count (store, entity, &query, &error);

  g_assert_no_error (error);
  return n;
}

static gpointer
find_named (PiloteStore  *store,
            PiloteEntity  entity,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  gpointer record = pilote_store_find_by_name (store, entity, name, &error);

  g_assert_no_error (error);
  return record;
}

static gpointer
get_named (PiloteStore  *store,
           PiloteEntity  entity,
           const char   *name)
{
  gpointer record = find_named (store, entity, name);

  if (record == NULL)
    g_error ("No %s named “%s”", pilote_entity_get_table (entity), name);
  return record;
}

static PiloteClient *
get_client (Fixture    *f,
            const char *name)
{
  return get_named (f->store, PILOTE_ENTITY_CLIENT, name);
}

static PiloteDeal *
find_deal (Fixture    *f,
           const char *ref)
{
  g_autoptr(GError) error = NULL;
  PiloteDeal *deal = pilote_store_find_by_ref (f->store, PILOTE_ENTITY_DEAL, ref, &error);

  g_assert_no_error (error);
  return deal;
}

static PiloteDeal *
get_deal (Fixture    *f,
          const char *ref)
{
  PiloteDeal *deal = find_deal (f, ref);

  if (deal == NULL)
    g_error ("No deal with the reference “%s”", ref);
  return deal;
}

static char *
stage_name (Fixture *f,
            gint64   stage_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStage) stage = pilote_store_get_stage (f->store, stage_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stage);
  return g_strdup (stage->name);
}

static void
assert_store_sound (PiloteStore *store)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = pilote_store_check (store, &problems, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("check: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The whole content of the file: for each table its number of rows and a
 * digest of every value of every row. Two equal results mean the same
 * tables with the same rows, whatever order SQLite keeps them in. */
static char *
store_checksum (PiloteStore *store)
{
  sqlite3 *db = pilote_store_get_db (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) summary = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const unsigned char *text = sqlite3_column_text (stmt, c);

              g_string_append_printf (row, "%d:%s\x1f", sqlite3_column_type (stmt, c),
                                      text != NULL ? (const char *) text : "");
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_strings);
      for (guint r = 0; r < rows->len; r++)
        {
          const char *row = g_ptr_array_index (rows, r);

          g_checksum_update (sum, (const guchar *) row, (gssize) strlen (row) + 1);
        }
      g_string_append_printf (summary, "%s=%u:%.12s ", table, rows->len,
                              g_checksum_get_string (sum));
    }
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* Helpers: imports */

static void
print_problems (const PiloteImportResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      const PiloteImportProblem *p = g_ptr_array_index (result->problems, i);

      g_test_message ("problem: record %" G_GUINT64_FORMAT ", line %" G_GUINT64_FORMAT
                      ", column %s, value “%s”: %s", p->record, p->line,
                      p->column != NULL ? p->column : "(none)",
                      p->value != NULL ? p->value : "", p->message);
    }
}

static PiloteImportResult *
run_import (PiloteStore               *store,
            const PiloteImportProfile *profile,
            const char                *csv_path,
            gboolean                   dry_run)
{
  g_autoptr(GError) error = NULL;
  PiloteImportResult *result = pilote_import_run (store, profile, csv_path, dry_run, NULL,
                                                  &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  print_problems (result);
  return result;
}

/* Imports @csv (bytes) through the profile @profile_text */
static PiloteImportResult *
import_text (Fixture    *f,
             const char *profile_text,
             const char *csv,
             gboolean    dry_run)
{
  g_autoptr(PiloteImportProfile) profile = load_profile (f, profile_text);
  g_autofree char *path = write_file (f, ".csv", csv);

  return run_import (f->store, profile, path, dry_run);
}

static void
assert_imported (const PiloteImportResult *result,
                 guint64                   rows)
{
  g_assert_cmpuint (result->n_problems, ==, 0);
  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_cmpint (result->batch_id, >, 0);
  g_assert_cmpuint (result->rows, ==, rows);
}

static void
assert_rejected (const PiloteImportResult *result,
                 guint64                   n_problems)
{
  g_assert_cmpuint (result->n_problems, ==, n_problems);
  g_assert_cmpuint (result->problems->len, ==, n_problems);
  g_assert_cmpint (result->batch_id, ==, 0);
}

static void
assert_problem (const PiloteImportResult *result,
                guint                     index,
                guint64                   record,
                guint64                   line,
                const char               *column,
                const char               *value)
{
  const PiloteImportProblem *problem;

  g_assert_cmpuint (index, <, result->problems->len);
  problem = g_ptr_array_index (result->problems, index);
  g_assert_cmpuint (problem->record, ==, record);
  g_assert_cmpuint (problem->line, ==, line);
  g_assert_cmpstr (problem->column, ==, column);
  g_assert_cmpstr (problem->value, ==, value);
  g_assert_nonnull (problem->message);
  g_assert_cmpstr (problem->message, !=, "");
}

/* @text with @from, which it must hold once, replaced by @to */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  GString *result = g_string_new (text);

  g_assert_cmpuint (g_string_replace (result, from, to, 0), ==, 1);
  return g_string_free (result, FALSE);
}

/* Helpers: KPIs */

static PiloteKpiReport *
compute (PiloteStore     *store,
         const char      *from,
         const char      *to,
         PiloteDimension  by)
{
  g_autoptr(GError) error = NULL;
  PilotePeriod period;
  PiloteKpiReport *report;
  gboolean ok = pilote_period_parse (&period, from, to, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  report = pilote_kpi_compute (store, &period, NULL, by, PILOTE_KPI_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const PiloteKpiRow *
find_row (const PiloteKpiReport *report,
          const char            *key)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

/* a rate as the README writes it: to four decimals, here in basis points */
static gint64
basis_points (double rate)
{
  g_assert_true (isfinite (rate));
  return llround (rate * 10000);
}

static void
assert_same_report (const PiloteKpiReport *a,
                    const PiloteKpiReport *b)
{
  pilote_test_assert_same_figures (&a->totals, &b->totals);
  pilote_test_assert_same_double (a->summary.sales_cycle_median_days, b->summary.sales_cycle_median_days);
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      const PiloteKpiRow *ra = g_ptr_array_index (a->rows, i);
      const PiloteKpiRow *rb = g_ptr_array_index (b->rows, i);

      g_test_message ("comparing row “%s”", ra->key != NULL ? ra->key : "(none)");
      g_assert_cmpstr (ra->key, ==, rb->key);
      pilote_test_assert_same_figures (&ra->figures, &rb->figures);
    }
}

/* Helpers: CSV text */

static char *
export_entity (PiloteStore      *store,
               PiloteEntity      entity,
               PiloteCsvDialect  dialect,
               guint64          *rows)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gboolean ok = pilote_export_entity (store, entity, dialect, output, rows, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  ok = g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
}

/* The cells of a CSV text, one string array per record */
static GPtrArray *
parse_csv (const char *text,
           char        delimiter)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_strdup (text), -1,
                                                                       g_free);
  PiloteCsvOptions options = { delimiter, PILOTE_CSV_ENCODING_UTF8, '.',
                               PILOTE_DATE_FORMAT_ISO };
  g_autoptr(PiloteCsvReader) reader = pilote_csv_reader_new_for_stream (input, &options);
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  while (pilote_csv_reader_next (reader, &error))
    {
      guint n = pilote_csv_reader_get_n_fields (reader);
      char **cells = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        cells[i] = g_strdup (pilote_csv_reader_get_field (reader, i));
      g_ptr_array_add (records, cells);
    }
  g_assert_no_error (error);
  return records;
}

static int
column_index (GPtrArray  *records,
              const char *header)
{
  char **headers = g_ptr_array_index (records, 0);

  for (int i = 0; headers[i] != NULL; i++)
    if (g_str_equal (headers[i], header))
      return i;
  g_error ("No column “%s” in the export", header);
}

/* the record whose @column is @value */
static char **
find_record (GPtrArray  *records,
             const char *column,
             const char *value)
{
  int c = column_index (records, column);

  for (guint i = 1; i < records->len; i++)
    {
      char **cells = g_ptr_array_index (records, i);

      if (g_strcmp0 (cells[c], value) == 0)
        return cells;
    }
  return NULL;
}

/* The seed file */

static void
seed (Fixture *f)
{
  g_autoptr(PiloteTeam) team = pilote_team_new ();
  const struct { const char *name; const char *office; gint64 *id; } members[] = {
    { "Alice", "Paris", &f->alice }, { "Bob", "Lyon", &f->bob },
  };
  const struct { const char *name; PiloteMoney price, cost; gint64 *id; } products[] = {
    { "Widget", 10000, 4000, &f->widget }, { "Service", 25000, 10000, &f->service },
    { "Gadget", 2000, 500, &f->gadget },
  };
  const struct { const char *name; gint64 *id; } clients[] = {
    { "Acme", &f->acme }, { "Bolt", &f->bolt },
  };

  team->name = g_strdup ("North");
  insert (f, team);
  f->north = team->base.id;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(PiloteMember) member = pilote_member_new ();

      member->name = g_strdup (members[i].name);
      member->team_id = f->north;
      member->office = g_strdup (members[i].office);
      insert (f, member);
      *members[i].id = member->base.id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autoptr(PiloteProduct) product = pilote_product_new ();

      product->name = g_strdup (products[i].name);
      product->category = g_strdup ("Hardware");
      product->unit_price = products[i].price;
      product->unit_cost = products[i].cost;
      insert (f, product);
      *products[i].id = product->base.id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(PiloteClient) client = pilote_client_new ();

      client->name = g_strdup (clients[i].name);
      client->kind = PILOTE_CLIENT_KIND_PROSPECT;
      insert (f, client);
      *clients[i].id = client->base.id;
    }
}

/* One deal a row, ISO dates */
static const char deals_profile[] =
  "[import]\n"
  "entity = deal\n"
  "date-format = iso\n"
  "\n"
  "[columns]\n"
  "ref = ref\n"
  "client = client\n"
  "owner = owner\n"
  "stage = stage\n"
  "amount = amount\n"
  "created_on = created\n"
  "closed_on = closed\n";

/* Fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pilote-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = new_store (f, "test.pilote");
  if (data != NULL)
    seed (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The shared data set */

static void
import_dataset_file (PiloteStore       *store,
                     const char        *name,
                     guint64            rows,
                     guint64            created,
                     PiloteImportFlags  flags)
{
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *ini_name = g_strconcat (name, ".ini", NULL);
  g_autofree char *csv = g_build_filename (dataset_dir (), csv_name, NULL);
  g_autofree char *ini = g_build_filename (profiles_dir (), ini_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteImportProfile) profile = pilote_import_profile_load (ini, &error);
  g_autoptr(PiloteImportResult) result = NULL;

  PiloteImportOptions options = { flags, NULL, NULL, NULL };

  g_test_message ("importing %s with %s", csv, ini);
  g_assert_no_error (error);
  result = pilote_import_run_with_options (store, profile, csv, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  print_problems (result);
  assert_imported (result, rows);
  g_assert_cmpuint (result->inserted, ==, rows);
  g_assert_cmpuint (result->updated, ==, 0);
  g_assert_cmpuint (result->created, ==, created);
}

/* The four files, in the README's order; %FALSE (and the test skipped)
 * when the data set is not there. */
static gboolean
import_dataset_with (PiloteStore       *store,
                     PiloteImportFlags  flags)
{
  if (!have_dataset ())
    {
      g_autofree char *message =
        g_strdup_printf ("The shared data set is not at %s (it sits beside the clone, in "
                         "shared/datasets/): skipped", dataset_dir ());

      g_test_skip (message);
      return FALSE;
    }
  import_dataset_file (store, "sales_teams", 35, 6, flags);
  import_dataset_file (store, "accounts", 85, 0, flags);
  import_dataset_file (store, "products", 7, 0, flags);
  import_dataset_file (store, "sales_pipeline", 8800, 0, flags);
  return TRUE;
}

static gboolean
import_dataset (PiloteStore *store)
{
  return import_dataset_with (store, PILOTE_IMPORT_FLAGS_NONE);
}

/* A reference row of the README: revenue in whole dollars; -1 where the
 * README gives no figure; win rates in basis points. */
typedef struct {
  const char *key;
  gint64      revenue;
  gint64      won;
  gint64      lost;
  gint64      rate;
} Reference;

static const Reference by_office[] = {
  { "Central", 3346293, -1, -1, 6256 },
  { "East", 3090594, -1, -1, 6302 },
  { "West", 3568647, -1, -1, 6394 },
};

static const Reference by_manager[] = {
  { "Cara Losch", 1130049, -1, -1, -1 },
  { "Celia Rouche", 1603897, -1, -1, -1 },
  { "Dustin Brinkmann", 1094363, -1, -1, -1 },
  { "Melvin Marxen", 2251930, -1, -1, -1 },
  { "Rocco Neubert", 1960545, -1, -1, -1 },
  { "Summer Sewald", 1964750, -1, -1, -1 },
};

static const Reference by_product[] = {
  { "GTK 500", 400612, 15, -1, 6000 },
  { "GTX Basic", 499263, 915, -1, 6372 },
  { "GTX Plus Basic", 705275, 653, -1, 6213 },
  { "GTX Plus Pro", 2629651, 479, -1, 6430 },
  { "GTX Pro", 3510578, 729, -1, 6356 },
  { "MG Advanced", 2216387, 654, -1, 6033 },
  { "MG Special", 43768, 793, -1, 6484 },
};

static const Reference by_sector[] = {
  { "retail", 1867528, -1, -1, -1 },
  { "technolgy", 1515487, -1, -1, -1 },
  { "medical", 1359595, -1, -1, -1 },
  { "software", 1077934, -1, -1, -1 },
  { "finance", 950908, -1, -1, -1 },
  { "marketing", 922321, -1, -1, -1 },
  { "entertainment", 689007, -1, -1, -1 },
  { "telecommunications", 653574, -1, -1, -1 },
  { "services", 533006, -1, -1, -1 },
  { "employment", 436174, -1, -1, -1 },
};

static const Reference by_quarter[] = {
  { "2017-Q1", 1134672, 531, 116, 8207 },
  { "2017-Q2", 3086111, 1254, 778, 6171 },
  { "2017-Q3", 2982255, 1257, 790, 6141 },
  { "2017-Q4", 2802496, 1196, 789, 6025 },
};

static const Reference by_month[] = {
  { "2017-03", 1134672, -1, -1, -1 },
  { "2017-04", 721932, -1, -1, -1 },
  { "2017-05", 1025713, -1, -1, -1 },
  { "2017-06", 1338466, -1, -1, -1 },
  { "2017-07", 696932, -1, -1, -1 },
  { "2017-08", 1050059, -1, -1, -1 },
  { "2017-09", 1235264, -1, -1, -1 },
  { "2017-10", 731980, -1, -1, -1 },
  { "2017-11", 938943, -1, -1, -1 },
  { "2017-12", 1131573, -1, -1, -1 },
};

/* Every reference row is in the 2017 breakdown by @by with its figures,
 * and no other row has a won deal. */
static void
assert_breakdown (PiloteStore     *store,
                  PiloteDimension  by,
                  const Reference *references,
                  guint            n_references)
{
  g_autoptr(PiloteKpiReport) report = compute (store, "2017-01-01", "2018-01-01", by);

  g_test_message ("breakdown by %s", pilote_dimension_get_name (by));
  for (guint i = 0; i < n_references; i++)
    {
      const Reference *ref = &references[i];
      const PiloteKpiRow *row = find_row (report, ref->key);

      g_test_message ("row “%s”", ref->key);
      g_assert_nonnull (row);
      g_assert_cmpint (row->figures.revenue, ==, ref->revenue * 100);
      if (ref->won >= 0)
        g_assert_cmpint (row->figures.deals_won, ==, ref->won);
      if (ref->lost >= 0)
        g_assert_cmpint (row->figures.deals_lost, ==, ref->lost);
      if (ref->rate >= 0)
        g_assert_cmpint (basis_points (row->figures.win_rate), ==, ref->rate);
    }
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);
      gboolean known = FALSE;

      for (guint j = 0; j < n_references && !known; j++)
        known = g_strcmp0 (row->key, references[j].key) == 0;
      if (known)
        continue;
      g_test_message ("row “%s” is not in the README", row->key != NULL ? row->key : "(none)");
      g_assert_cmpint (row->figures.revenue, ==, 0);
      g_assert_cmpint (row->figures.deals_won, ==, 0);
    }
}

static void
test_dataset (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(PiloteRecord) misspelt = NULL;
  g_autoptr(PiloteStage) lead = NULL;
  g_autoptr(PiloteStage) qualified = NULL;

  if (!import_dataset (f->store))
    return;

  /* what the files hold */
  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL), ==, 8800);
  g_assert_cmpint (count (f, PILOTE_ENTITY_CLIENT), ==, 85);
  g_assert_cmpint (count (f, PILOTE_ENTITY_PRODUCT), ==, 7);
  g_assert_cmpint (count (f, PILOTE_ENTITY_MEMBER), ==, 35);
  g_assert_cmpint (count (f, PILOTE_ENTITY_TEAM), ==, 6);
  /* GTXPro is GTX Pro: the alias, not an eighth product */
  misspelt = find_named (f->store, PILOTE_ENTITY_PRODUCT, "GTXPro");
  g_assert_null (misspelt);
  g_assert_cmpint (count_where (f->store, PILOTE_ENTITY_DEAL, "client_id", PILOTE_OP_IS_NULL, 0),
                   ==, 1425);
  lead = get_named (f->store, PILOTE_ENTITY_STAGE, "Lead");
  qualified = get_named (f->store, PILOTE_ENTITY_STAGE, "Qualified");
  g_assert_cmpint (count_where (f->store, PILOTE_ENTITY_DEAL, "stage_id", PILOTE_OP_EQ,
                                lead->base.id), ==, 500);
  g_assert_cmpint (count_where (f->store, PILOTE_ENTITY_DEAL, "stage_id", PILOTE_OP_EQ,
                                qualified->base.id), ==, 1589);

  /* the whole data set */
  report = compute (f->store, "2017-01-01", "2018-01-01", PILOTE_DIMENSION_NONE);
  g_assert_cmpint (report->totals.deals_won, ==, 4238);
  g_assert_cmpint (report->totals.deals_lost, ==, 2473);
  g_assert_cmpint (report->totals.revenue, ==, 1000553400);
  g_assert_cmpfloat_with_epsilon (report->totals.win_rate, 4238.0 / 6711.0, 1e-12);
  g_assert_cmpint (basis_points (report->totals.win_rate), ==, 6315);
  g_assert_cmpint (report->totals.avg_deal_size, ==, 236091);
  g_assert_cmpint (report->totals.clients_won, ==, 85);
  g_assert_cmpint (report->totals.avg_revenue_per_client, ==, 11771216);
  g_assert_cmpint (llround (report->totals.sales_cycle_days * 100), ==, 5178);
  g_assert_cmpfloat (report->summary.sales_cycle_median_days, ==, 57.0);
  g_assert_cmpint (report->totals.open_deals, ==, 1589 + 500);

  assert_breakdown (f->store, PILOTE_DIMENSION_OFFICE, by_office, G_N_ELEMENTS (by_office));
  assert_breakdown (f->store, PILOTE_DIMENSION_TEAM, by_manager, G_N_ELEMENTS (by_manager));
  assert_breakdown (f->store, PILOTE_DIMENSION_PRODUCT, by_product, G_N_ELEMENTS (by_product));
  assert_breakdown (f->store, PILOTE_DIMENSION_SECTOR, by_sector, G_N_ELEMENTS (by_sector));
  assert_breakdown (f->store, PILOTE_DIMENSION_QUARTER, by_quarter, G_N_ELEMENTS (by_quarter));
  assert_breakdown (f->store, PILOTE_DIMENSION_MONTH, by_month, G_N_ELEMENTS (by_month));

  assert_store_sound (f->store);
}

/* Options */

/* A French spreadsheet's file: Windows-1252, semicolons, "1 234,56 €",
 * day/month/year; the profile leaves all but the date order to detection. */
static void
test_french_file (Fixture       *f,
                  gconstpointer  data)
{
  static const char profile[] =
    "[import]\n"
    "entity = deal\n"
    "date-format = dmy\n"
    "create-missing = client\n"
    "\n"
    "[columns]\n"
    "ref = Référence\n"
    "client = Client\n"
    "title = Intitulé\n"
    "stage = Étape\n"
    "created_on = Créée le\n"
    "closed_on = Conclue le\n"
    "amount = Montant\n"
    "notes = Commentaire\n";
  static const char csv[] =
    "R\xe9" "f\xe9rence;Client;Intitul\xe9;\xc9tape;Cr\xe9\xe9" "e le;Conclue le;Montant;"
    "Commentaire\r\n"
    "F-1;Soci\xe9t\xe9 G\xe9n\xe9rale;\xc9" "cran 27 pouces;Gagn\xe9;03/02/2024;15/03/2024;"
    "1 234,56 \x80;Remise de 50 \x80 accord\xe9" "e\r\n"
    "F-2;Cr\xe8merie H\xe9l\xe8ne;Fen\xeatre;Perdu;20/01/2024;05/02/2024;12\xa0" "345,67;"
    "Tr\xe8s cher\r\n"
    "F-3;Soci\xe9t\xe9 G\xe9n\xe9rale;Caf\xe9;Proposal;01/03/2024;;1 000 000,5;\r\n";
  g_autoptr(PiloteImportResult) result = import_text (f, profile, csv, FALSE);
  g_autoptr(PiloteClient) societe = NULL;
  g_autoptr(PiloteClient) cremerie = NULL;
  g_autoptr(PiloteDeal) f1 = NULL;
  g_autoptr(PiloteDeal) f2 = NULL;
  g_autoptr(PiloteDeal) f3 = NULL;
  g_autofree char *f2_stage = NULL;

  assert_imported (result, 3);
  g_assert_cmpuint (result->inserted, ==, 3);
  g_assert_cmpint (result->options.delimiter, ==, ';');
  g_assert_cmpint (result->options.encoding, ==, PILOTE_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpint (result->options.decimal, ==, ',');
  g_assert_cmpint (result->options.date_format, ==, PILOTE_DATE_FORMAT_DMY);

  /* the two clients, created once each, their names in UTF-8 */
  g_assert_cmpuint (result->created, ==, 2);
  g_assert_cmpint (count (f, PILOTE_ENTITY_CLIENT), ==, 2);
  societe = get_client (f, "Société Générale");
  cremerie = get_client (f, "Crèmerie Hélène");
  g_assert_cmpstr (societe->name, ==, "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale");
  g_assert_cmpstr (cremerie->name, ==, "Cr\xc3\xa8merie H\xc3\xa9l\xc3\xa8ne");

  f1 = get_deal (f, "F-1");
  g_assert_cmpint (f1->client_id, ==, societe->base.id);
  g_assert_cmpstr (f1->title, ==, "Écran 27 pouces");
  g_assert_cmpint (f1->amount, ==, 123456);
  g_assert_cmpint (f1->status, ==, PILOTE_STAGE_KIND_WON);
  g_assert_cmpstr (f1->created_on, ==, "2024-02-03");
  g_assert_cmpstr (f1->closed_on, ==, "2024-03-15");
  g_assert_cmpstr (f1->notes, ==, "Remise de 50 € accordée");

  f2 = get_deal (f, "F-2");
  g_assert_cmpint (f2->client_id, ==, cremerie->base.id);
  g_assert_cmpstr (f2->title, ==, "Fenêtre");
  g_assert_cmpint (f2->amount, ==, 1234567);
  g_assert_cmpint (f2->status, ==, PILOTE_STAGE_KIND_LOST);
  f2_stage = stage_name (f, f2->stage_id);
  g_assert_cmpstr (f2_stage, ==, "Lost");
  g_assert_cmpstr (f2->created_on, ==, "2024-01-20");
  g_assert_cmpstr (f2->closed_on, ==, "2024-02-05");
  g_assert_cmpstr (f2->notes, ==, "Très cher");

  f3 = get_deal (f, "F-3");
  g_assert_cmpint (f3->client_id, ==, societe->base.id);
  g_assert_cmpstr (f3->title, ==, "Café");
  g_assert_cmpint (f3->amount, ==, 100000050);
  g_assert_cmpint (f3->status, ==, PILOTE_STAGE_KIND_OPEN);
  g_assert_null (f3->closed_on);

  /* Société Générale won F-1 */
  g_clear_pointer (&societe, pilote_client_free);
  societe = get_client (f, "Société Générale");
  g_assert_cmpstr (societe->acquired_on, ==, "2024-03-15");
  assert_store_sound (f->store);
}

static const char clients_profile[] =
  "[import]\n"
  "entity = client\n"
  "\n"
  "[columns]\n"
  "ref = ref\n"
  "name = name\n"
  "sector = sector\n"
  "notes = notes\n";

/* UTF-8 with a byte-order mark: the first header is still "ref" */
static void
test_bom (Fixture       *f,
          gconstpointer  data)
{
  static const char csv[] =
    "\xef\xbb\xbfref,name,sector,notes\n"
    "C-1,Zoë Café,retail,\n"
    "C-2,Ørsted,energy,\n";
  g_autoptr(PiloteImportResult) result = import_text (f, clients_profile, csv, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteClient) zoe = NULL;
  g_autoptr(PiloteClient) orsted = NULL;

  assert_imported (result, 2);
  g_assert_cmpint (result->options.encoding, ==, PILOTE_CSV_ENCODING_UTF8);
  zoe = pilote_store_find_by_ref (f->store, PILOTE_ENTITY_CLIENT, "C-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (zoe);
  g_assert_cmpstr (zoe->name, ==, "Zoë Café");
  g_assert_cmpstr (zoe->sector, ==, "retail");
  orsted = get_client (f, "Ørsted");
  g_assert_cmpstr (orsted->base.ref, ==, "C-2");
}

/* Quoted cells keep their delimiters, doubled quotes and line breaks */
static void
test_quoted_fields (Fixture       *f,
                    gconstpointer  data)
{
  static const char csv[] =
    "ref,name,sector,notes\r\n"
    "C-1,\"Dupont, Fils & Cie\",retail,\"Il a dit \"\"oui\"\", puis:\r\nsigner, demain\"\r\n"
    "C-2,Plain,\"\",\"\"\"Quoted\"\"\"\r\n"
    "C-3,Last,finance,\"a\nb\"\r\n";
  g_autoptr(PiloteImportResult) result = import_text (f, clients_profile, csv, FALSE);
  g_autoptr(PiloteClient) dupont = NULL;
  g_autoptr(PiloteClient) plain = NULL;
  g_autoptr(PiloteClient) last = NULL;

  assert_imported (result, 3);
  g_assert_cmpuint (result->inserted, ==, 3);
  dupont = get_client (f, "Dupont, Fils & Cie");
  g_assert_cmpstr (dupont->base.ref, ==, "C-1");
  g_assert_cmpstr (dupont->sector, ==, "retail");
  g_assert_cmpstr (dupont->notes, ==, "Il a dit \"oui\", puis:\r\nsigner, demain");
  plain = get_client (f, "Plain");
  g_assert_null (plain->sector);
  g_assert_cmpstr (plain->notes, ==, "\"Quoted\"");
  last = get_client (f, "Last");
  g_assert_cmpstr (last->sector, ==, "finance");
  g_assert_cmpstr (last->notes, ==, "a\nb");
}

/* 01/02/2024 could be the 1st of February or the 2nd of January: without a
 * date format, the import says so and writes nothing */
static void
test_ambiguous_dates (Fixture       *f,
                      gconstpointer  data)
{
  static const char csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "A-1,Acme,Alice,Won,100.00,01/02/2024,03/04/2024\n"
    "A-2,Bolt,Bob,Lost,50.00,05/06/2024,07/08/2024\n";
  g_autofree char *profile_auto = replace_once (deals_profile, "date-format = iso\n", "");
  g_autofree char *profile_dmy = replace_once (deals_profile, "= iso", "= dmy");
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(PiloteImportResult) fixed = NULL;
  g_autoptr(PiloteDeal) a1 = NULL;
  gboolean noted = FALSE;

  /* the deals profile with no date format */
  result = import_text (f, profile_auto, csv, FALSE);

  g_assert_cmpint (result->options.date_format, ==, PILOTE_DATE_FORMAT_AUTO);
  g_assert_cmpuint (result->n_problems, >, 0);
  g_assert_cmpint (result->batch_id, ==, 0);
  assert_problem (result, 0, 2, 2, "created", "01/02/2024");
  /* detection said why */
  for (guint i = 0; i < result->notes->len; i++)
    noted |= strstr (g_ptr_array_index (result->notes, i), "01/02/2024") != NULL;
  g_assert_true (noted);
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL), ==, 0);

  /* with the order given, the same file imports */
  fixed = import_text (f, profile_dmy, csv, FALSE);
  assert_imported (fixed, 2);
  a1 = get_deal (f, "A-1");
  g_assert_cmpstr (a1->created_on, ==, "2024-02-01");
  g_assert_cmpstr (a1->closed_on, ==, "2024-04-03");
}

/* The profile reads a column the file does not have */
static void
test_missing_column (Fixture       *f,
                     gconstpointer  data)
{
  static const char profile_text[] =
    "[import]\n"
    "entity = client\n"
    "\n"
    "[columns]\n"
    "name = name\n"
    "sector = Secteur\n";
  g_autoptr(PiloteImportProfile) profile = load_profile (f, profile_text);
  g_autofree char *path = write_file (f, ".csv", "name,sector\nDelta,retail\n");
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteImportResult) result = NULL;

  result = pilote_import_run (f->store, profile, path, FALSE, NULL, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_null (result);
  /* the message names the column the user must fix */
  g_assert_nonnull (strstr (error->message, "Secteur"));
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (find_named (f->store, PILOTE_ENTITY_CLIENT, "Delta"));
}

/* A client needs a name: a profile that gives none cannot run */
static void
test_missing_required (Fixture       *f,
                       gconstpointer  data)
{
  static const char profile_text[] =
    "[import]\n"
    "entity = client\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "sector = sector\n";
  g_autoptr(PiloteImportProfile) profile = load_profile (f, profile_text);
  g_autofree char *path = write_file (f, ".csv", "ref,sector\nC-9,retail\n");
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteImportResult) result = NULL;

  result = pilote_import_run (f->store, profile, path, FALSE, NULL, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "name"));
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* A deal names a client that does not exist */
static void
test_unknown_related (Fixture       *f,
                      gconstpointer  data)
{
  static const char csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "U-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-05\n"
    "U-2,Nobody Inc,Bob,Won,200.00,2024-01-02,2024-01-06\n";
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autofree char *creating = replace_once (deals_profile, "entity = deal\n",
                                            "entity = deal\ncreate-missing = client\n");
  g_autoptr(PiloteImportResult) result = import_text (f, deals_profile, csv, FALSE);
  g_autoptr(PiloteImportResult) created = NULL;
  g_autoptr(PiloteClient) nobody = NULL;
  g_autoptr(PiloteDeal) u2 = NULL;

  assert_rejected (result, 1);
  assert_problem (result, 0, 3, 3, "client", "Nobody Inc");
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (find_named (f->store, PILOTE_ENTITY_CLIENT, "Nobody Inc"));

  /* allowed to create it */
  created = import_text (f, creating, csv, FALSE);
  assert_imported (created, 2);
  g_assert_cmpuint (created->inserted, ==, 2);
  g_assert_cmpuint (created->created, ==, 1);
  g_assert_cmpint (count (f, PILOTE_ENTITY_CLIENT), ==, 3);
  nobody = get_client (f, "Nobody Inc");
  u2 = get_deal (f, "U-2");
  g_assert_cmpint (u2->client_id, ==, nobody->base.id);
  g_assert_cmpint (u2->owner_id, ==, f->bob);
  g_assert_cmpstr (nobody->acquired_on, ==, "2024-01-06");
  g_assert_cmpint (nobody->kind, ==, PILOTE_CLIENT_KIND_CLIENT);
  assert_store_sound (f->store);
}

/* The same reference twice in one file of clients */
static void
test_duplicate_ref (Fixture       *f,
                    gconstpointer  data)
{
  static const char clients_csv[] =
    "ref,name,sector,notes\n"
    "C-1,Delta,retail,\n"
    "C-2,Echo,finance,\n"
    "C-1,Delta Two,retail,\n";
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autoptr(PiloteImportResult) result = import_text (f, clients_profile, clients_csv, FALSE);
  const PiloteImportProblem *problem;

  assert_rejected (result, 1);
  problem = g_ptr_array_index (result->problems, 0);
  g_assert_cmpuint (problem->record, ==, 4);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->value, ==, "C-1");
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (find_named (f->store, PILOTE_ENTITY_CLIENT, "Delta"));
}

/* A file of one row per deal (no group-by, no line columns) that gives D-1
 * twice, with another client, stage and amount, is a mistake to report:
 * the second row must not vanish */
static void
test_duplicate_ref_deals (Fixture       *f,
                          gconstpointer  data)
{
  static const char deals_csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "D-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-05\n"
    "D-2,Bolt,Bob,Won,200.00,2024-01-02,2024-01-06\n"
    "D-1,Bolt,Bob,Lost,999.00,2024-01-03,2024-01-07\n";
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autoptr(PiloteImportResult) result = import_text (f, deals_profile, deals_csv, FALSE);
  const PiloteImportProblem *problem;

  assert_rejected (result, 1);
  problem = g_ptr_array_index (result->problems, 0);
  g_assert_cmpuint (problem->record, ==, 4);
  g_assert_cmpuint (problem->line, ==, 4);
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* Row 3 of 5 fails: no row is written, not even rows 1 and 2, and an
 * earlier import's deal that row 1 updates keeps its values */
static void
test_fails_halfway (Fixture       *f,
                    gconstpointer  data)
{
  static const char first[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "H-1,Acme,Alice,Proposal,50.00,2023-12-01,\n";
  static const char csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "H-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-10\n"
    "H-2,Bolt,Bob,Lost,200.00,2024-01-02,2024-01-11\n"
    "H-3,Acme,Alice,Won,300.00,not a date,2024-01-12\n"
    "H-4,Bolt,Bob,Proposal,400.00,2024-01-04,\n"
    "H-5,Acme,Alice,Won,500.00,2024-01-05,2024-01-14\n";
  g_autoptr(PiloteImportResult) earlier = import_text (f, deals_profile, first, FALSE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(PiloteDeal) h1 = NULL;
  g_autoptr(PiloteClient) acme = NULL;

  assert_imported (earlier, 1);
  before = store_checksum (f->store);
  result = import_text (f, deals_profile, csv, FALSE);

  g_assert_cmpuint (result->rows, ==, 5);
  assert_rejected (result, 1);
  assert_problem (result, 0, 4, 4, "created", "not a date");
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL), ==, 1);
  h1 = get_deal (f, "H-1");
  g_assert_cmpint (h1->amount, ==, 5000);
  g_assert_cmpint (h1->status, ==, PILOTE_STAGE_KIND_OPEN);
  acme = get_client (f, "Acme");
  g_assert_null (acme->acquired_on);
  g_assert_cmpint (acme->kind, ==, PILOTE_CLIENT_KIND_PROSPECT);
}

/* A dry run checks everything and writes nothing; it lists every problem */
static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  static const char good[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "R-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-10\n"
    "R-2,Bolt,Bob,Proposal,200.00,2024-01-02,\n";
  static const char bad_profile[] =
    "[import]\n"
    "entity = deal\n"
    "date-format = iso\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "client = client\n"
    "stage = stage\n"
    "amount = amount\n"
    "created_on = created\n"
    "notes = notes\n";
  static const char bad[] =
    "ref,client,stage,amount,created,notes\n"
    "R-1,Acme,Won,10.00,2024-01-01,\"first line\n"
    "second line\"\n"
    "R-2,Acme,Won,ten,2024-01-02,\n"
    "R-3,Nobody,Won,5.00,2024-01-03,\n";
  g_autofree char *before = store_checksum (f->store);
  g_autofree char *after = NULL;
  g_autoptr(PiloteImportResult) result = import_text (f, deals_profile, good, TRUE);
  g_autoptr(PiloteImportResult) problems = NULL;

  g_assert_cmpuint (result->rows, ==, 2);
  g_assert_cmpuint (result->n_problems, ==, 0);
  g_assert_cmpint (result->batch_id, ==, 0);
  g_assert_cmpuint (result->inserted, ==, 2);
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (find_deal (f, "R-1"));

  /* both problems, each with its record, line (R-1 takes two) and column */
  problems = import_text (f, bad_profile, bad, TRUE);
  g_assert_cmpuint (problems->rows, ==, 3);
  assert_rejected (problems, 2);
  assert_problem (problems, 0, 3, 4, "amount", "ten");
  assert_problem (problems, 1, 4, 5, "client", "Nobody");
  g_clear_pointer (&after, g_free);
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* Importing the same file again updates; a changed amount lands */
static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  static const char clients_csv[] =
    "ref,name,sector,notes\n"
    "C-1,Delta,retail,\n"
    "C-2,Echo,finance,\n";
  static const char clients_renamed[] =
    "ref,name,sector,notes\n"
    "C-1,Delta Corp,retail,\n"
    "C-2,Echo,finance,\n";
  static const char deals_csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "R-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-10\n"
    "R-2,Delta,Bob,Won,200.00,2024-01-02,2024-01-11\n"
    "R-3,Echo,Bob,Proposal,300.00,2024-01-03,\n";
  static const char deals_changed[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "R-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-10\n"
    "R-2,Delta Corp,Bob,Won,250.50,2024-01-02,2024-01-11\n"
    "R-3,Echo,Bob,Proposal,300.00,2024-01-03,\n";
  PiloteImportResult *result;
  g_autoptr(PiloteClient) delta = NULL;
  g_autoptr(PiloteDeal) r1 = NULL;
  g_autoptr(PiloteDeal) r2 = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;

  result = import_text (f, clients_profile, clients_csv, FALSE);
  assert_imported (result, 2);
  g_assert_cmpuint (result->inserted, ==, 2);
  pilote_import_result_free (result);
  result = import_text (f, clients_profile, clients_csv, FALSE);
  assert_imported (result, 2);
  g_assert_cmpuint (result->inserted, ==, 0);
  g_assert_cmpuint (result->updated, ==, 2);
  pilote_import_result_free (result);
  g_assert_cmpint (count (f, PILOTE_ENTITY_CLIENT), ==, 4);

  result = import_text (f, deals_profile, deals_csv, FALSE);
  assert_imported (result, 3);
  g_assert_cmpuint (result->inserted, ==, 3);
  pilote_import_result_free (result);
  result = import_text (f, deals_profile, deals_csv, FALSE);
  assert_imported (result, 3);
  g_assert_cmpuint (result->inserted, ==, 0);
  g_assert_cmpuint (result->updated, ==, 3);
  pilote_import_result_free (result);
  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL), ==, 3);

  /* a renamed client keeps its reference, a changed amount updates the deal */
  result = import_text (f, clients_profile, clients_renamed, FALSE);
  assert_imported (result, 2);
  g_assert_cmpuint (result->updated, ==, 2);
  pilote_import_result_free (result);
  g_assert_cmpint (count (f, PILOTE_ENTITY_CLIENT), ==, 4);
  delta = get_client (f, "Delta Corp");
  g_assert_cmpstr (delta->base.ref, ==, "C-1");
  g_assert_null (find_named (f->store, PILOTE_ENTITY_CLIENT, "Delta"));

  result = import_text (f, deals_profile, deals_changed, FALSE);
  assert_imported (result, 3);
  g_assert_cmpuint (result->inserted, ==, 0);
  g_assert_cmpuint (result->updated, ==, 3);
  pilote_import_result_free (result);
  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL), ==, 3);
  r1 = get_deal (f, "R-1");
  r2 = get_deal (f, "R-2");
  g_assert_cmpint (r1->amount, ==, 10000);
  g_assert_cmpint (r2->amount, ==, 25050);
  g_assert_cmpint (r2->client_id, ==, delta->base.id);

  report = compute (f->store, "2024-01-01", "2025-01-01", PILOTE_DIMENSION_NONE);
  g_assert_cmpint (report->totals.revenue, ==, 10000 + 25050);
  g_assert_cmpint (report->totals.deals_won, ==, 2);
  g_assert_cmpint (report->totals.open_deals, ==, 1);
  assert_store_sound (f->store);
}

/* One row per order line, grouped into deals by the order number */
static const char lines_profile[] =
  "[import]\n"
  "entity = deal\n"
  "date-format = iso\n"
  "group-by = order_no\n"
  "\n"
  "[columns]\n"
  "client = customer\n"
  "owner = rep\n"
  "product = item\n"
  "quantity = qty\n"
  "unit_price = unit_price\n"
  "discount = discount\n"
  "line_amount = line_total\n"
  "unit_cost = unit_cost\n"
  "line_profit = line_profit\n"
  "stage = status\n"
  "created_on = ordered\n"
  "closed_on = closed\n";

/*   A-1  Widget  3 × 100.00 − 10 %, unit cost 40.00       270.00 / 120.00
 *        Service 1 × 250.00, profit 100.00                250.00 / 150.00
 *                                                         520.00 / 270.00
 *   A-2  Gadget  4, total 999.99, profit 333.33           999.99 / 666.66
 *        Gadget  2 × 19.99, list cost 5.00 (further down)  39.98 /  10.00
 *                                                        1039.97 / 676.66
 *   A-3  Widget  2 at list price 100.00 − 50 %, list cost 100.00 /  80.00 */
static const char lines_csv[] =
  "order_no,customer,rep,item,qty,unit_price,discount,line_total,unit_cost,line_profit,"
  "status,ordered,closed\n"
  "A-1,Acme,Alice,Widget,3,100.00,10%,,40.00,,Won,2024-01-05,2024-01-25\n"
  "A-1,Acme,Alice,Service,1,250.00,,,,100.00,Won,2024-01-05,2024-01-25\n"
  "A-2,Bolt,Bob,Gadget,4,,,999.99,,333.33,Won,2024-02-01,2024-02-20\n"
  "A-3,Acme,Alice,Widget,2,,0.5,,,,Lost,2024-03-01,2024-03-15\n"
  "A-2,Bolt,Bob,Gadget,2,19.99,,,,,Won,2024-02-01,2024-02-20\n";

static void
assert_order_lines (Fixture *f)
{
  g_autoptr(PiloteDeal) a1 = get_deal (f, "A-1");
  g_autoptr(PiloteDeal) a2 = get_deal (f, "A-2");
  g_autoptr(PiloteDeal) a3 = get_deal (f, "A-3");

  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL), ==, 3);
  g_assert_cmpint (count (f, PILOTE_ENTITY_DEAL_LINE), ==, 5);
  g_assert_cmpint (count_where (f->store, PILOTE_ENTITY_DEAL_LINE, "deal_id", PILOTE_OP_EQ,
                                a1->base.id), ==, 2);
  g_assert_cmpint (count_where (f->store, PILOTE_ENTITY_DEAL_LINE, "deal_id", PILOTE_OP_EQ,
                                a2->base.id), ==, 2);
  g_assert_cmpint (count_where (f->store, PILOTE_ENTITY_DEAL_LINE, "deal_id", PILOTE_OP_EQ,
                                a3->base.id), ==, 1);
  g_assert_cmpint (a1->amount, ==, 52000);
  g_assert_cmpint (a1->cost, ==, 27000);
  g_assert_cmpint (a1->client_id, ==, f->acme);
  g_assert_cmpint (a1->owner_id, ==, f->alice);
  g_assert_cmpint (a2->amount, ==, 103997);
  g_assert_cmpint (a2->cost, ==, 67666);
  g_assert_cmpint (a2->client_id, ==, f->bolt);
  g_assert_cmpint (a3->amount, ==, 10000);
  g_assert_cmpint (a3->cost, ==, 8000);
  g_assert_cmpint (a3->status, ==, PILOTE_STAGE_KIND_LOST);
}

static void
test_line_level (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PiloteImportResult) result = import_text (f, lines_profile, lines_csv, FALSE);
  g_autoptr(PiloteImportResult) again = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  const PiloteKpiRow *gadget;

  assert_imported (result, 5);
  g_assert_cmpuint (result->inserted, ==, 3);
  assert_order_lines (f);

  report = compute (f->store, "2024-01-01", "2025-01-01", PILOTE_DIMENSION_PRODUCT);
  g_assert_cmpint (report->totals.revenue, ==, 52000 + 103997);
  g_assert_cmpint (report->totals.cost, ==, 27000 + 67666);
  gadget = find_row (report, "Gadget");
  g_assert_nonnull (gadget);
  g_assert_cmpint (gadget->figures.revenue, ==, 103997);

  /* the same file again: the lines are replaced, not added */
  again = import_text (f, lines_profile, lines_csv, FALSE);
  assert_imported (again, 5);
  g_assert_cmpuint (again->inserted, ==, 0);
  g_assert_cmpuint (again->updated, ==, 3);
  assert_order_lines (f);
  assert_store_sound (f->store);
}

/* Undo */

static const char undo_profile[] =
  "[import]\n"
  "entity = deal\n"
  "date-format = iso\n"
  "group-by = order\n"
  "create-missing = client\n"
  "\n"
  "[columns]\n"
  "client = customer\n"
  "product = item\n"
  "quantity = qty\n"
  "unit_price = price\n"
  "stage = stage\n"
  "created_on = created\n"
  "closed_on = closed\n";

typedef struct {
  char *clients;
  char *deals;
  char *lines;
  gint64 n_clients;
  gint64 n_deals;
  gint64 n_lines;
} Snapshot;

static void
snapshot_take (Fixture  *f,
               Snapshot *s)
{
  s->clients = export_entity (f->store, PILOTE_ENTITY_CLIENT, PILOTE_CSV_DIALECT_STANDARD, NULL);
  s->deals = export_entity (f->store, PILOTE_ENTITY_DEAL, PILOTE_CSV_DIALECT_STANDARD, NULL);
  s->lines = export_entity (f->store, PILOTE_ENTITY_DEAL_LINE, PILOTE_CSV_DIALECT_STANDARD, NULL);
  s->n_clients = count (f, PILOTE_ENTITY_CLIENT);
  s->n_deals = count (f, PILOTE_ENTITY_DEAL);
  s->n_lines = count (f, PILOTE_ENTITY_DEAL_LINE);
}

static void
snapshot_clear (Snapshot *s)
{
  g_free (s->clients);
  g_free (s->deals);
  g_free (s->lines);
}

static void
assert_snapshot (Fixture        *f,
                 const Snapshot *s)
{
  Snapshot now;

  snapshot_take (f, &now);
  g_assert_cmpint (now.n_clients, ==, s->n_clients);
  g_assert_cmpint (now.n_deals, ==, s->n_deals);
  g_assert_cmpint (now.n_lines, ==, s->n_lines);
  g_assert_cmpstr (now.clients, ==, s->clients);
  g_assert_cmpstr (now.deals, ==, s->deals);
  g_assert_cmpstr (now.lines, ==, s->lines);
  snapshot_clear (&now);
}

static void
assert_acquired (Fixture          *f,
                 const char       *name,
                 const char       *acquired_on,
                 PiloteClientKind  kind)
{
  g_autoptr(PiloteClient) client = get_client (f, name);

  g_test_message ("client %s", name);
  g_assert_cmpstr (client->acquired_on, ==, acquired_on);
  g_assert_cmpint (client->kind, ==, kind);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  /* B: Acme won D1 on 2024-01-10; Bolt lost D0 */
  static const char batch_b[] =
    "order,customer,item,qty,price,stage,created,closed\n"
    "D1,Acme,Widget,1,100.00,Won,2024-01-01,2024-01-10\n"
    "D0,Bolt,Service,1,250.00,Lost,2024-01-05,2024-01-20\n";
  /* C: D1 won earlier with other lines, D0 won after all, D2 for a new
   * client */
  static const char batch_c[] =
    "order,customer,item,qty,price,stage,created,closed\n"
    "D1,Acme,Widget,2,120.00,Won,2023-12-01,2023-12-20\n"
    "D1,Acme,Gadget,1,20.00,Won,2023-12-01,2023-12-20\n"
    "D0,Bolt,Service,1,250.00,Won,2024-01-05,2024-02-15\n"
    "D2,Cobalt,Gadget,3,20.00,Won,2024-03-01,2024-03-05\n";
  Snapshot seeded, after_b;
  g_autoptr(PiloteImportResult) b = NULL;
  g_autoptr(PiloteImportResult) c = NULL;
  g_autoptr(PiloteDeal) d1 = NULL;
  g_autoptr(PiloteDeal) d0 = NULL;
  g_autoptr(PiloteDeal) d2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *d0_stage = NULL;
  gboolean ok;

  snapshot_take (f, &seeded);
  b = import_text (f, undo_profile, batch_b, FALSE);
  assert_imported (b, 2);
  assert_acquired (f, "Acme", "2024-01-10", PILOTE_CLIENT_KIND_CLIENT);
  assert_acquired (f, "Bolt", NULL, PILOTE_CLIENT_KIND_PROSPECT);
  snapshot_take (f, &after_b);

  c = import_text (f, undo_profile, batch_c, FALSE);
  assert_imported (c, 4);
  g_assert_cmpuint (c->inserted, ==, 1);
  g_assert_cmpuint (c->updated, ==, 2);
  g_assert_cmpuint (c->created, ==, 1);
  d1 = get_deal (f, "D1");
  g_assert_cmpint (d1->amount, ==, 26000);
  assert_acquired (f, "Acme", "2023-12-20", PILOTE_CLIENT_KIND_CLIENT);
  assert_acquired (f, "Bolt", "2024-02-15", PILOTE_CLIENT_KIND_CLIENT);
  assert_acquired (f, "Cobalt", "2024-03-05", PILOTE_CLIENT_KIND_CLIENT);
  g_clear_pointer (&d1, pilote_deal_free);

  /* undo C: D2 and Cobalt go, D1 and D0 get their values and lines back */
  ok = pilote_import_undo (f->store, c->batch_id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (find_named (f->store, PILOTE_ENTITY_CLIENT, "Cobalt"));
  d2 = find_deal (f, "D2");
  g_assert_null (d2);
  d1 = get_deal (f, "D1");
  g_assert_cmpint (d1->amount, ==, 10000);
  g_assert_cmpstr (d1->created_on, ==, "2024-01-01");
  g_assert_cmpstr (d1->closed_on, ==, "2024-01-10");
  d0 = get_deal (f, "D0");
  d0_stage = stage_name (f, d0->stage_id);
  g_assert_cmpstr (d0_stage, ==, "Lost");
  g_assert_cmpint (d0->status, ==, PILOTE_STAGE_KIND_LOST);
  g_assert_cmpstr (d0->closed_on, ==, "2024-01-20");
  assert_acquired (f, "Acme", "2024-01-10", PILOTE_CLIENT_KIND_CLIENT);
  assert_acquired (f, "Bolt", NULL, PILOTE_CLIENT_KIND_PROSPECT);
  assert_snapshot (f, &after_b);
  assert_store_sound (f->store);

  /* once only */
  ok = pilote_import_undo (f->store, c->batch_id, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_assert_false (ok);
  g_clear_error (&error);
  assert_snapshot (f, &after_b);

  /* undo B: back to the seed */
  ok = pilote_import_undo (f->store, b->batch_id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_acquired (f, "Acme", NULL, PILOTE_CLIENT_KIND_PROSPECT);
  assert_snapshot (f, &seeded);
  assert_store_sound (f->store);

  snapshot_clear (&seeded);
  snapshot_clear (&after_b);
}

/* Undoing an import that won an open deal reopens it */
static void
test_undo_reopens (Fixture       *f,
                   gconstpointer  data)
{
  static const char batch_b[] =
    "order,customer,item,qty,price,stage,created,closed\n"
    "D0,Bolt,Service,1,250.00,Proposal,2024-01-05,\n";
  static const char batch_c[] =
    "order,customer,item,qty,price,stage,created,closed\n"
    "D0,Bolt,Service,1,250.00,Won,2024-01-05,2024-02-15\n";
  Snapshot after_b;
  g_autoptr(PiloteImportResult) b = import_text (f, undo_profile, batch_b, FALSE);
  g_autoptr(PiloteImportResult) c = NULL;
  g_autoptr(PiloteDeal) d0 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *d0_stage = NULL;
  gboolean ok;

  assert_imported (b, 1);
  snapshot_take (f, &after_b);
  c = import_text (f, undo_profile, batch_c, FALSE);
  assert_imported (c, 1);
  g_assert_cmpuint (c->updated, ==, 1);
  assert_acquired (f, "Bolt", "2024-02-15", PILOTE_CLIENT_KIND_CLIENT);

  ok = pilote_import_undo (f->store, c->batch_id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  d0 = get_deal (f, "D0");
  d0_stage = stage_name (f, d0->stage_id);
  g_assert_cmpstr (d0_stage, ==, "Proposal");
  g_assert_cmpint (d0->status, ==, PILOTE_STAGE_KIND_OPEN);
  g_assert_null (d0->closed_on);
  assert_acquired (f, "Bolt", NULL, PILOTE_CLIENT_KIND_PROSPECT);
  assert_snapshot (f, &after_b);
  assert_store_sound (f->store);
  snapshot_clear (&after_b);
}

/* Stages by outcome word, by name with aliases, and by an outcome column */
static void
test_stages (Fixture       *f,
             gconstpointer  data)
{
  static const char stage_profile[] =
    "[import]\n"
    "entity = deal\n"
    "date-format = iso\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "client = client\n"
    "stage = stage\n"
    "amount = amount\n"
    "created_on = created\n"
    "closed_on = closed\n"
    "\n"
    "[aliases stage]\n"
    "Devis = Proposal\n"
    "Négociation en cours = Negotiation\n";
  static const char stage_csv[] =
    "ref,client,stage,amount,created,closed\n"
    "S-1,Acme,Won,10.00,2024-01-01,2024-01-02\n"
    "S-2,Acme,perdu,10.00,2024-01-01,2024-01-03\n"
    "S-3,Acme,devis,10.00,2024-01-01,\n"
    "S-4,Acme,NÉGOCIATION EN COURS,10.00,2024-01-01,\n"
    "S-5,Acme,  qualified ,10.00,2024-01-01,\n"
    "S-6,Acme,Gagné,10.00,2024-01-01,2024-01-04\n"
    "S-7,Acme,lead,10.00,2024-01-01,\n";
  static const char outcome_profile[] =
    "[import]\n"
    "entity = deal\n"
    "date-format = iso\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "client = client\n"
    "outcome = result\n"
    "won_on = won\n"
    "lost_on = lost\n"
    "created_on = created\n"
    "amount = amount\n";
  static const char outcome_csv[] =
    "ref,client,result,won,lost,created,amount\n"
    "O-1,Bolt,Gagnée,2024-02-10,,2024-01-01,10.00\n"
    "O-2,Bolt,LOST,,2024-02-11,2024-01-01,10.00\n"
    "O-3,Bolt,open,,,2024-01-01,10.00\n";
  static const struct { const char *ref; const char *stage; PiloteStageKind kind;
                        const char *closed_on; } expected[] = {
    { "S-1", "Won", PILOTE_STAGE_KIND_WON, "2024-01-02" },
    { "S-2", "Lost", PILOTE_STAGE_KIND_LOST, "2024-01-03" },
    { "S-3", "Proposal", PILOTE_STAGE_KIND_OPEN, NULL },
    { "S-4", "Negotiation", PILOTE_STAGE_KIND_OPEN, NULL },
    { "S-5", "Qualified", PILOTE_STAGE_KIND_OPEN, NULL },
    { "S-6", "Won", PILOTE_STAGE_KIND_WON, "2024-01-04" },
    { "S-7", "Lead", PILOTE_STAGE_KIND_OPEN, NULL },
    { "O-1", "Won", PILOTE_STAGE_KIND_WON, "2024-02-10" },
    { "O-2", "Lost", PILOTE_STAGE_KIND_LOST, "2024-02-11" },
    { "O-3", "Lead", PILOTE_STAGE_KIND_OPEN, NULL },
  };
  g_autoptr(PiloteImportResult) stages = import_text (f, stage_profile, stage_csv, FALSE);
  g_autoptr(PiloteImportResult) outcomes = import_text (f, outcome_profile, outcome_csv, FALSE);
  g_autoptr(PiloteImportResult) unknown = NULL;
  g_autoptr(PiloteImportResult) bad_outcome = NULL;

  assert_imported (stages, 7);
  assert_imported (outcomes, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PiloteDeal) deal = get_deal (f, expected[i].ref);
      g_autofree char *name = stage_name (f, deal->stage_id);

      g_test_message ("deal %s", expected[i].ref);
      g_assert_cmpstr (name, ==, expected[i].stage);
      g_assert_cmpint (deal->status, ==, expected[i].kind);
      g_assert_cmpstr (deal->closed_on, ==, expected[i].closed_on);
    }
  assert_acquired (f, "Bolt", "2024-02-10", PILOTE_CLIENT_KIND_CLIENT);

  /* a stage that does not exist, an outcome that is not one */
  unknown = import_text (f, stage_profile,
                         "ref,client,stage,amount,created,closed\n"
                         "S-8,Acme,Limbo,10.00,2024-01-01,\n", TRUE);
  assert_rejected (unknown, 1);
  assert_problem (unknown, 0, 2, 2, "stage", "Limbo");
  bad_outcome = import_text (f, outcome_profile,
                             "ref,client,result,won,lost,created,amount\n"
                             "O-4,Bolt,maybe,,,2024-01-01,10.00\n", TRUE);
  assert_rejected (bad_outcome, 1);
  assert_problem (bad_outcome, 0, 2, 2, "result", "maybe");
  assert_store_sound (f->store);
}

/* Export */

static const PiloteEntity round_trip_entities[] = {
  PILOTE_ENTITY_TEAM, PILOTE_ENTITY_MEMBER, PILOTE_ENTITY_PRODUCT, PILOTE_ENTITY_CLIENT,
  PILOTE_ENTITY_DEAL,
};

/* The file the export tests start from: the data set when it is there,
 * the seed and the order lines otherwise. Returns the period to compare. */
static void
build_source (Fixture     *f,
              const char **from,
              const char **to)
{
  g_autoptr(PiloteImportResult) result = NULL;

  if (have_dataset ())
    {
      g_assert_true (import_dataset (f->store));
      *from = "2017-01-01";
      *to = "2018-01-01";
      return;
    }
  g_test_message ("The shared data set is not at %s: the round trip uses the seed file",
                  dataset_dir ());
  seed (f);
  result = import_text (f, lines_profile, lines_csv, FALSE);
  assert_imported (result, 5);
  *from = "2024-01-01";
  *to = "2025-01-01";
}

/* Exports every entity of the round trip from @f's file in @dialect, imports
 * them into a new file with the export profiles and compares the KPIs. */
static void
round_trip (Fixture          *f,
            PiloteCsvDialect  dialect,
            const char       *name,
            const char       *from,
            const char       *to)
{
  g_autoptr(PiloteStore) copy = new_store (f, name);
  static const PiloteDimension dimensions[] = {
    PILOTE_DIMENSION_NONE, PILOTE_DIMENSION_PRODUCT, PILOTE_DIMENSION_OFFICE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (round_trip_entities); i++)
    {
      PiloteEntity entity = round_trip_entities[i];
      guint64 rows = 0;
      g_autofree char *text = export_entity (f->store, entity, dialect, &rows);
      g_autofree char *path = write_file (f, ".csv", text);
      g_autoptr(PiloteImportProfile) profile = pilote_export_profile (entity, dialect);
      g_autoptr(PiloteImportResult) result = NULL;

      g_test_message ("round trip of %s", pilote_entity_get_table (entity));
      result = run_import (copy, profile, path, FALSE);
      assert_imported (result, rows);
      g_assert_cmpuint (result->updated, ==, 0);
      g_assert_cmpint (count_in (copy, entity), ==, count (f, entity));
    }
  g_assert_cmpint (count_in (copy, PILOTE_ENTITY_DEAL_LINE), ==,
                   count (f, PILOTE_ENTITY_DEAL_LINE));

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      g_autoptr(PiloteKpiReport) original = compute (f->store, from, to, dimensions[i]);
      g_autoptr(PiloteKpiReport) imported = compute (copy, from, to, dimensions[i]);

      g_test_message ("KPIs by %s", pilote_dimension_get_name (dimensions[i]));
      g_assert_cmpint (original->totals.deals_won, >, 0);
      assert_same_report (original, imported);
    }
  assert_store_sound (copy);
}

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  const char *from = NULL, *to = NULL;

  build_source (f, &from, &to);
  round_trip (f, PILOTE_CSV_DIALECT_STANDARD, "standard.pilote", from, to);
}

static void
test_export_round_trip_french (Fixture       *f,
                               gconstpointer  data)
{
  const char *from = NULL, *to = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *french = NULL;
  g_autoptr(GPtrArray) standard_records = NULL;
  g_autoptr(GPtrArray) french_records = NULL;
  char *newline;
  int price;

  build_source (f, &from, &to);

  /* what a French spreadsheet expects: a byte-order mark, semicolons,
   * decimal commas */
  standard = export_entity (f->store, PILOTE_ENTITY_PRODUCT, PILOTE_CSV_DIALECT_STANDARD, NULL);
  french = export_entity (f->store, PILOTE_ENTITY_PRODUCT, PILOTE_CSV_DIALECT_FRENCH, NULL);
  g_assert_true (g_str_has_prefix (french, "\xef\xbb\xbf" "ref;name;"));
  newline = strchr (french, '\n');
  g_assert_nonnull (newline);
  g_assert_null (memchr (french, ',', newline - french));
  standard_records = parse_csv (standard, ',');
  french_records = parse_csv (french, ';');
  g_assert_cmpuint (french_records->len, ==, standard_records->len);
  g_assert_cmpuint (french_records->len, >, 1);
  price = column_index (french_records, "unit_price");
  g_assert_cmpint (price, ==, column_index (standard_records, "unit_price"));
  for (guint i = 1; i < french_records->len; i++)
    {
      char **s = g_ptr_array_index (standard_records, i);
      char **fr = g_ptr_array_index (french_records, i);
      g_autofree char *expected = g_strdup (s[price]);

      g_strdelimit (expected, ".", ',');
      g_assert_nonnull (strchr (fr[price], ','));
      g_assert_cmpstr (fr[price], ==, expected);
    }

  round_trip (f, PILOTE_CSV_DIALECT_FRENCH, "french.pilote", from, to);
}

/* Cells a spreadsheet would run are neutralised; numbers stay numbers */
static void
test_export_formulas (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *name; const char *cell; } cases[] = {
    { "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")" },
    { "+33 1 23 45 67 89", "'+33 1 23 45 67 89" },
    { "@cmd", "'@cmd" },
    { "-12.50", "-12.50" },
    { "Plain", "Plain" },
  };
  static const PiloteCsvDialect dialects[] = {
    PILOTE_CSV_DIALECT_STANDARD, PILOTE_CSV_DIALECT_FRENCH,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PiloteClient) client = pilote_client_new ();

      client->name = g_strdup (cases[i].name);
      insert (f, client);
    }
  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    {
      char delimiter = dialects[d] == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',';
      g_autofree char *text = export_entity (f->store, PILOTE_ENTITY_CLIENT, dialects[d], NULL);
      g_autoptr(GPtrArray) records = parse_csv (text, delimiter);

      g_assert_cmpuint (records->len, ==, 1 + G_N_ELEMENTS (cases));
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_test_message ("dialect %u, client %s", d, cases[i].name);
          g_assert_nonnull (find_record (records, "name", cases[i].cell));
        }
    }
}

/* Neutralised cells come back as they were when Pilote imports its own
 * export: names, and a contact's international phone number */
static void
test_export_formulas_round_trip (Fixture       *f,
                                 gconstpointer  data)
{
  static const char *const names[] = { "=HYPERLINK(\"x\")", "+33 1 23 45 67 89", "@cmd" };
  static const PiloteEntity entities[] = { PILOTE_ENTITY_CLIENT, PILOTE_ENTITY_CONTACT };
  g_autoptr(PiloteStore) copy = new_store (f, "copy.pilote");
  g_autoptr(PiloteContact) contact = pilote_contact_new ();
  g_autoptr(PiloteContact) copied = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PiloteClient) client = pilote_client_new ();

      client->name = g_strdup (names[i]);
      insert (f, client);
      contact->client_id = client->base.id;
    }
  contact->name = g_strdup ("Jean Dupont");
  contact->phone = g_strdup ("+33 1 23 45 67 89");
  insert (f, contact);

  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      guint64 rows = 0;
      g_autofree char *text = export_entity (f->store, entities[e], PILOTE_CSV_DIALECT_STANDARD,
                                             &rows);
      g_autofree char *path = write_file (f, ".csv", text);
      g_autoptr(PiloteImportProfile) profile =
        pilote_export_profile (entities[e], PILOTE_CSV_DIALECT_STANDARD);
      g_autoptr(PiloteImportResult) result = run_import (copy, profile, path, FALSE);

      assert_imported (result, rows);
    }
  copied = get_named (copy, PILOTE_ENTITY_CONTACT, "Jean Dupont");
  g_assert_cmpstr (copied->phone, ==, "+33 1 23 45 67 89");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PiloteClient) client = find_named (copy, PILOTE_ENTITY_CLIENT, names[i]);

      g_test_message ("client %s", names[i]);
      g_assert_nonnull (client);
      g_assert_cmpstr (client->name, ==, names[i]);
    }
}

/* The KPI file of test_export_kpi (): Alice (Paris) won K-1 at a loss,
 * Bob (Lyon) won K-2 and lost K-3 */
static PiloteKpiReport *
build_kpi_report (Fixture *f)
{
  static const char deals_csv[] =
    "ref,client,owner,stage,amount,cost,created,closed\n"
    "K-1,Acme,Alice,Won,100.00,150.00,2024-01-01,2024-01-10\n"
    "K-2,Bolt,Bob,Won,1234.50,200.00,2024-01-01,2024-01-20\n"
    "K-3,Bolt,Bob,Lost,80.00,,2024-01-01,2024-01-21\n";
  g_autofree char *profile = g_strconcat (deals_profile, "cost = cost\n", NULL);
  g_autoptr(PiloteImportResult) result = import_text (f, profile, deals_csv, FALSE);
  PiloteKpiReport *report;

  assert_imported (result, 3);
  report = compute (f->store, "2024-01-01", "2024-02-01", PILOTE_DIMENSION_OFFICE);
  g_assert_cmpint (report->totals.revenue, ==, 133450);
  g_assert_cmpint (report->totals.gross_margin, ==, 98450);
  return report;
}

static GPtrArray *
export_kpi (const PiloteKpiReport *report,
            PiloteCsvDialect       dialect)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok = pilote_export_kpi (report, dialect, output, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  ok = g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
  if (dialect == PILOTE_CSV_DIALECT_FRENCH)
    g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "office;revenue;"));
  else
    g_assert_true (g_str_has_prefix (text, "office,revenue,"));
  return parse_csv (text, dialect == PILOTE_CSV_DIALECT_FRENCH ? ';' : ',');
}

/* A KPI table: a header, its rows, a "total" line */
static void
test_export_kpi (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = build_kpi_report (f);
  static const PiloteCsvDialect dialects[] = {
    PILOTE_CSV_DIALECT_STANDARD, PILOTE_CSV_DIALECT_FRENCH,
  };

  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    {
      gboolean french = dialects[d] == PILOTE_CSV_DIALECT_FRENCH;
      g_autoptr(GPtrArray) records = export_kpi (report, dialects[d]);
      char **header, **lyon, **total;
      int revenue, margin, won, rate;

      g_test_message ("dialect %s", french ? "french" : "standard");
      /* header, one line per row, total */
      g_assert_cmpuint (records->len, ==, report->rows->len + 2);
      header = g_ptr_array_index (records, 0);
      g_assert_cmpstr (header[0], ==, "office");
      g_assert_cmpuint (g_strv_length (header), ==, 18);
      revenue = column_index (records, "revenue");
      margin = column_index (records, "gross_margin");
      won = column_index (records, "deals_won");
      rate = column_index (records, "win_rate");
      total = g_ptr_array_index (records, records->len - 1);
      g_assert_cmpstr (total[0], ==, "total");
      g_assert_cmpstr (total[revenue], ==, french ? "1334,50" : "1334.50");
      g_assert_cmpstr (total[margin], ==, french ? "984,50" : "984.50");
      g_assert_cmpstr (total[won], ==, "2");
      g_assert_cmpstr (total[rate], ==, french ? "0,6667" : "0.6667");
      lyon = find_record (records, "office", "Lyon");
      g_assert_nonnull (lyon);
      g_assert_cmpstr (lyon[revenue], ==, french ? "1234,50" : "1234.50");
      g_assert_cmpstr (lyon[margin], ==, french ? "1034,50" : "1034.50");
      g_assert_cmpstr (lyon[rate], ==, french ? "0,5" : "0.5");
      g_assert_nonnull (find_record (records, "office", "Paris"));
    }
}

/* Paris lost money on K-1: its margin is a negative number, which a
 * spreadsheet must read as a number in either dialect, not as text */
static void
test_export_kpi_negative (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PiloteKpiReport) report = build_kpi_report (f);
  g_autoptr(GPtrArray) standard = export_kpi (report, PILOTE_CSV_DIALECT_STANDARD);
  g_autoptr(GPtrArray) french = export_kpi (report, PILOTE_CSV_DIALECT_FRENCH);
  char **paris;

  paris = find_record (standard, "office", "Paris");
  g_assert_nonnull (paris);
  g_assert_cmpstr (paris[column_index (standard, "gross_margin")], ==, "-50.00");
  paris = find_record (french, "office", "Paris");
  g_assert_nonnull (paris);
  g_assert_cmpstr (paris[column_index (french, "gross_margin")], ==, "-50,00");
}

/* The bulk path and the record path */

static PiloteImportResult *
run_import_with (PiloteStore               *store,
                 const PiloteImportProfile *profile,
                 const char                *csv_path,
                 PiloteImportFlags          flags)
{
  g_autoptr(GError) error = NULL;
  PiloteImportOptions options = { flags, NULL, NULL, NULL };
  PiloteImportResult *result = pilote_import_run_with_options (store, profile, csv_path,
                                                               &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  print_problems (result);
  return result;
}

/* Imports @csv into the fixture's file in bulk and into @by_rows row by
 * row; both must take the same rows the same way */
static void
import_both (Fixture     *f,
             PiloteStore *by_rows,
             const char  *profile_text,
             const char  *csv)
{
  g_autoptr(PiloteImportProfile) profile = load_profile (f, profile_text);
  g_autofree char *path = write_file (f, ".csv", csv);
  g_autoptr(PiloteImportResult) bulk = run_import_with (f->store, profile, path,
                                                        PILOTE_IMPORT_FLAGS_NONE);
  g_autoptr(PiloteImportResult) rows = run_import_with (by_rows, profile, path,
                                                        PILOTE_IMPORT_ROW_BY_ROW);

  assert_imported (bulk, rows->rows);
  assert_imported (rows, bulk->rows);
  g_assert_cmpuint (bulk->inserted, ==, rows->inserted);
  g_assert_cmpuint (bulk->updated, ==, rows->updated);
  g_assert_cmpuint (bulk->created, ==, rows->created);
}

static gint64
query_count (PiloteStore *store,
             const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
query_text (PiloteStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* The same deals, lines and clients, the same KPIs by every dimension a
 * user reads them by, the same funnel from the same stage changes */
static void
assert_same_content (PiloteStore *a,
                     PiloteStore *b,
                     const char  *from,
                     const char  *to)
{
  static const PiloteEntity entities[] = {
    PILOTE_ENTITY_CLIENT, PILOTE_ENTITY_DEAL, PILOTE_ENTITY_DEAL_LINE, PILOTE_ENTITY_MEMBER,
    PILOTE_ENTITY_PRODUCT,
  };
  static const PiloteDimension dimensions[] = {
    PILOTE_DIMENSION_NONE, PILOTE_DIMENSION_PRODUCT, PILOTE_DIMENSION_OFFICE,
    PILOTE_DIMENSION_TEAM, PILOTE_DIMENSION_MEMBER, PILOTE_DIMENSION_MONTH,
    PILOTE_DIMENSION_QUARTER,
  };
  static const char *const derived_queries[] = {
    "SELECT group_concat (line, ';') FROM (SELECT name || ':' || kind || ':'"
    " || ifnull (acquired_on, '-') || ':' || revenue_to_date AS line FROM client ORDER BY name)",
    "SELECT group_concat (line, ';') FROM (SELECT dim || ':' || month || ':' || owner_id || ':'"
    " || quote (key) || ':' || quote (key2) || ':' || revenue || ':' || cost || ':' || won"
    " || ':' || lost || ':' || cycle_count AS line FROM kpi_month"
    " WHERE won <> 0 OR lost <> 0 OR revenue <> 0 ORDER BY dim, month, owner_id, key, key2)",
    "SELECT count (*) FROM kpi_dirty",
    "SELECT group_concat (line, ';') FROM (SELECT client_id || ':' || month || ':' || won || ':'"
    " || revenue || ':' || margin || ':' || last_on || ':' || next_month AS line"
    " FROM client_month ORDER BY client_id, month)",
    "SELECT group_concat (line, ';') FROM (SELECT stage_id || ':' || owner_id || ':'"
    " || expected_month || ':' || forecast_category || ':' || n || ':'"
    " || amount || ':' || unweighted || ':' || printf ('%.3f', weighted) AS line"
    " FROM pipeline_summary WHERE n <> 0 OR amount <> 0"
    " ORDER BY stage_id, owner_id, expected_month, forecast_category)",
    "SELECT group_concat (ifnull (ref, id) || ':' || stage_changed_on, ';') FROM deal",
    "SELECT group_concat (name || ':' || ifnull (owner_name, '-') || ':'"
    " || ifnull (segment_name, '-') || ':' || ifnull (channel_name, '-'), ';') FROM client",
    "SELECT group_concat (rowid || ':' || name || ':' || ifnull (city, '-') || ':'"
    " || ifnull (people, '-'), ';') FROM client_search",
    "SELECT group_concat (line, ';') FROM (SELECT month || ':' || owner_id || ':' || kind"
    " || ':' || n AS line FROM activity_month WHERE n <> 0 ORDER BY month, owner_id, kind)",
    /* the deals by category, and the categories of the stage changes */
    "SELECT group_concat (line, ';') FROM (SELECT ifnull (d.ref, d.id) || ':'"
    " || lower (x.category) || ':' || x.status || ':' || x.amount || ':' || x.cost || ':'"
    " || ifnull (x.closed_on, '-') || ':' || ifnull (x.expected_close_on, '-') AS line"
    " FROM deal_category x JOIN deal d ON d.id = x.id ORDER BY 1)",
    "SELECT count (*) FROM category_dirty",
    "SELECT group_concat (line, ';') FROM (SELECT ifnull (d.ref, d.id) || ':' || sc.changed_at"
    " || ':' || ifnull (sc.categories, '-') AS line FROM stage_change sc"
    " JOIN deal d ON d.id = sc.deal_id ORDER BY 1)",
    "SELECT group_concat (name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_schema"
    " WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY name)",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) funnel_a = NULL;
  g_autoptr(GPtrArray) funnel_b = NULL;
  PilotePeriod period;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autofree char *text_a = export_entity (a, entities[i], PILOTE_CSV_DIALECT_STANDARD, NULL);
      g_autofree char *text_b = export_entity (b, entities[i], PILOTE_CSV_DIALECT_STANDARD, NULL);

      g_test_message ("comparing the %s", pilote_entity_get_table (entities[i]));
      g_assert_cmpstr (text_a, ==, text_b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      g_autoptr(PiloteKpiReport) report_a = compute (a, from, to, dimensions[i]);
      g_autoptr(PiloteKpiReport) report_b = compute (b, from, to, dimensions[i]);

      g_test_message ("KPIs by %s", pilote_dimension_get_name (dimensions[i]));
      g_assert_cmpint (report_a->totals.deals_won, >, 0);
      assert_same_report (report_a, report_b);
    }

  g_assert_cmpint (query_count (a, "SELECT count (*) FROM stage_change"), ==,
                   query_count (b, "SELECT count (*) FROM stage_change"));
  /* what the triggers keep, and the triggers and indexes themselves */
  for (guint i = 0; i < G_N_ELEMENTS (derived_queries); i++)
    {
      g_autofree char *text_a = query_text (a, derived_queries[i]);
      g_autofree char *text_b = query_text (b, derived_queries[i]);

      g_test_message ("comparing %s", derived_queries[i]);
      g_assert_cmpstr (text_a, ==, text_b);
    }
  g_assert_true (pilote_period_parse (&period, from, to, &error));
  funnel_a = pilote_kpi_funnel (a, &period, NULL, &error);
  g_assert_no_error (error);
  funnel_b = pilote_kpi_funnel (b, &period, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funnel_a->len, ==, funnel_b->len);
  for (guint i = 0; i < funnel_a->len; i++)
    {
      const PiloteFunnelStage *sa = g_ptr_array_index (funnel_a, i);
      const PiloteFunnelStage *sb = g_ptr_array_index (funnel_b, i);

      g_test_message ("funnel stage %s", sa->name);
      g_assert_cmpstr (sa->name, ==, sb->name);
      g_assert_cmpint (sa->entered, ==, sb->entered);
      g_assert_cmpint (sa->advanced, ==, sb->advanced);
      pilote_test_assert_same_double (sa->conversion, sb->conversion);
      pilote_test_assert_same_double (sa->median_days, sb->median_days);
    }
  assert_store_sound (a);
  assert_store_sound (b);
}

/* Deals by lines (one out of order), then by reference with updates that
 * win a lost deal and lose a won one, then lines that add a client: the
 * bulk path writes what the record path writes */
static void
test_bulk_same_as_rows (Fixture       *f,
                        gconstpointer  data)
{
  static const char deals_csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "R-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-10\n"
    "R-2,Bolt,Bob,Lost,200.00,2024-01-02,2024-01-11\n"
    "R-3,Acme,Bob,Proposal,300.00,2024-01-03,\n"
    "A-3,Acme,Alice,Won,0,2024-03-01,2024-03-20\n"
    "A-1,Acme,Alice,Lost,0,2024-01-05,2024-02-01\n";
  static const char clients_profile_linked[] =
    "[import]\n"
    "entity = client\n"
    "create-missing = segment;channel\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "name = name\n"
    "city = city\n"
    "owner = owner\n"
    "segment = segment\n"
    "channel = channel\n";
  static const char clients_csv[] =
    "ref,name,city,owner,segment,channel\n"
    "C-1,Delta,Lyon,Alice,Key accounts,Referral\n"
    "C-2,Echo,Paris,,Small business,\n"
    "C-3,Foxtrot,,Bob,,\n"
    "C-4,Golf,Nantes,,,\n";
  static const char activities_profile[] =
    "[import]\n"
    "entity = activity\n"
    "date-format = iso\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "kind = kind\n"
    "client = client\n"
    "owner = owner\n"
    "done_at = done\n"
    "subject = subject\n";
  static const char activities_csv[] =
    "ref,kind,client,owner,done,subject\n"
    "A-1,meeting,Delta,Alice,2024-01-10,Kick-off\n"
    "A-2,call,Delta,Alice,2024-01-31,Follow-up\n"
    "A-3,call,Echo,,2024-02-01,Cold call\n"
    "A-4,meeting,Echo,Bob,,Demo to plan\n"
    "A-5,visit,Foxtrot,Bob,2024-02-14,Site visit\n";
  static const char orders_csv[] =
    "order,customer,item,qty,price,stage,created,closed\n"
    "D1,Acme,Widget,2,120.00,Won,2023-12-01,2023-12-20\n"
    "D2,Cobalt,Gadget,3,20.00,Won,2024-03-01,2024-03-05\n"
    "D1,Acme,Gadget,1,20.00,Won,2023-12-01,2023-12-20\n";
  static const char products_profile[] =
    "[import]\n"
    "entity = product\n"
    "\n"
    "[columns]\n"
    "name = name\n"
    "category = category\n";
  static const char products_csv[] =
    "name,category\n"
    "Widget,Hardware\n"
    "Gadget,hardware\n"
    "Service,Consulting\n";
  PiloteStore *bulk = f->store;
  g_autoptr(PiloteStore) by_rows = new_store (f, "rows.pilote");

  /* the same seed in both files */
  f->store = by_rows;
  seed (f);
  f->store = bulk;

  import_both (f, by_rows, clients_profile_linked, clients_csv);
  import_both (f, by_rows, activities_profile, activities_csv);
  import_both (f, by_rows, lines_profile, lines_csv);
  assert_order_lines (f);
  import_both (f, by_rows, deals_profile, deals_csv);
  import_both (f, by_rows, undo_profile, orders_csv);
  assert_acquired (f, "Acme", "2023-12-20", PILOTE_CLIENT_KIND_CLIENT);
  assert_acquired (f, "Cobalt", "2024-03-05", PILOTE_CLIENT_KIND_CLIENT);
  /* products moved to other categories: their deals' summaries and rows
   * by category summed once at the end in bulk, product by product row by
   * row */
  import_both (f, by_rows, products_profile, products_csv);
  g_assert_cmpint (query_count (bulk, "SELECT count (*) FROM deal_category"
                                      " WHERE category = 'HARDWARE'"), >, 0);
  assert_same_content (bulk, by_rows, "2023-01-01", "2025-01-01");
}

/* Won deals of enough new clients for the bulk path to build the indexes
 * of their revenue and acquisition again rather than change them client by
 * client: the same clients as the record path writes, sound indexes */
static void
test_bulk_many_clients (Fixture       *f,
                        gconstpointer  data)
{
  static const char rootpage_sql[] =
    "SELECT rowid FROM sqlite_schema WHERE name = 'client_sort_revenue'";
  /* the deals' profile, creating the clients it names */
  g_autofree char *profile_text = g_strconcat ("[import]\nentity = deal\ndate-format = iso\n"
                                               "create-missing = client\n",
                                               strstr (deals_profile, "\n[columns]"), NULL);
  const guint n = 10000;
  PiloteStore *bulk = f->store;
  g_autoptr(PiloteStore) by_rows = new_store (f, "rows.pilote");
  g_autoptr(GString) csv = g_string_new ("ref,client,owner,stage,amount,created,closed\n");
  gint64 rootpage = query_count (bulk, rootpage_sql);

  f->store = by_rows;
  seed (f);
  f->store = bulk;
  /* a deal won by each new client, a second won a day earlier by some,
   * and an open one */
  for (guint i = 0; i < n + 100; i++)
    g_string_append_printf (csv, "M-%u,Client %05u,%s,Won,%u.00,2024-02-01,2024-03-%02u\n", i,
                            i % n, i % 3 ? "Alice" : "Bob", 1 + i % 50, i < n ? 2 : 1);
  g_string_append (csv, "M-open,Acme,Alice,Proposal,10.00,2024-03-01,\n");
  import_both (f, by_rows, profile_text, csv->str);
  /* built again, in the bulk file only */
  g_assert_cmpint (query_count (bulk, rootpage_sql), !=, rootpage);
  g_assert_cmpint (query_count (by_rows, rootpage_sql), ==, rootpage);
  g_assert_cmpint (query_count (bulk, "SELECT count (*) FROM client WHERE kind = 'client'"
                                      " AND acquired_on = '2024-03-01'"), ==, 100);
  g_assert_cmpint (query_count (bulk, "SELECT count (*) FROM client WHERE kind = 'client'"
                                      " AND acquired_on = '2024-03-02'"), ==, n - 100);
  assert_same_content (bulk, by_rows, "2024-01-01", "2025-01-01");
}

/* The shared data set, in bulk and row by row: every figure the same */
static void
test_bulk_dataset (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PiloteStore) by_rows = new_store (f, "rows.pilote");

  if (!import_dataset (f->store) || !import_dataset_with (by_rows, PILOTE_IMPORT_ROW_BY_ROW))
    return;
  assert_same_content (f->store, by_rows, "2017-01-01", "2018-01-01");
}

/* the file's indexes, as they are defined */
#define INDEXES_SQL \
  "SELECT group_concat (name || ': ' || sql, '; ') FROM" \
  " (SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL" \
  " ORDER BY name)"

/* Imports @csv, whose @n rows all add a record, and checks that the
 * file's indexes are as they were (@indexes) */
static PiloteImportResult *
import_new_rows (Fixture                   *f,
                 const PiloteImportProfile *profile,
                 const char                *csv,
                 guint                      n,
                 const char                *indexes)
{
  g_autofree char *path = write_file (f, ".csv", csv);
  PiloteImportResult *result = run_import (f->store, profile, path, FALSE);
  g_autofree char *indexes_after = NULL;

  assert_imported (result, n);
  g_assert_cmpuint (result->inserted, ==, n);
  indexes_after = query_text (f->store, INDEXES_SQL);
  g_assert_cmpstr (indexes_after, ==, indexes);
  return result;
}

/* Enough rows for the indexes of the deal tables to be dropped and built
 * again: the same indexes after, the figures of the file, one audit entry,
 * and an undo that gives back the file as it was */
static void
test_bulk_large (Fixture       *f,
                 gconstpointer  data)
{
  const guint n = 60000;
  g_autoptr(GString) csv = g_string_new ("ref,client,owner,stage,amount,created,closed\n");
  g_autoptr(PiloteImportProfile) profile = load_profile (f, deals_profile);
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = query_text (f->store, INDEXES_SQL);
  g_autofree char *indexes_undone = NULL;
  Snapshot seeded;
  gint64 revenue = 0, seeded_revenue, first;
  gboolean ok;

  snapshot_take (f, &seeded);
  seeded_revenue = query_count (f->store, "SELECT ifnull (sum (revenue_to_date), 0) FROM client");
  for (guint i = 0; i < n; i++)
    {
      gboolean won = i % 3 == 0;
      gboolean lost = i % 3 == 1;

      g_string_append_printf (csv, "L-%u,%s,%s,%s,%u.00,2024-%02u-01,%s\n", i,
                              i % 2 ? "Acme" : "Bolt", i % 5 ? "Alice" : "Bob",
                              won ? "Won" : lost ? "Lost" : "Proposal", 1 + i % 100,
                              1 + i % 12, won || lost ? "2025-01-15" : "");
      if (won)
        revenue += (1 + i % 100) * 100;
    }
  result = import_new_rows (f, profile, csv->str, n, indexes);
  report = compute (f->store, "2025-01-01", "2025-02-01", PILOTE_DIMENSION_NONE);
  g_assert_cmpint (report->totals.deals_won, ==, (n + 2) / 3);
  g_assert_cmpint (report->totals.deals_lost, ==, (n + 1) / 3);
  g_assert_cmpint (report->totals.revenue, ==, revenue);
  g_assert_cmpint (report->totals.new_clients, ==, 2);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM stage_change"), ==, n);
  /* one audit entry for the whole batch */
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM audit_entry"
                                          " WHERE batch_id IS NOT NULL"), ==, 1);
  assert_acquired (f, "Acme", "2025-01-15", PILOTE_CLIENT_KIND_CLIENT);
  assert_store_sound (f->store);
  /* the links the bulk path checked itself hold, and SQLite checks them
   * again for the writes that follow */
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_count (f->store, "PRAGMA foreign_keys"), ==, 1);
  /* each client's revenue kept for sorting is the sum of its won deals,
   * and the trigger that keeps it is back */
  g_assert_cmpint (query_count (f->store,
                                "SELECT count (*) FROM client c WHERE c.revenue_to_date !="
                                " ifnull ((SELECT sum (d.amount) FROM deal d WHERE"
                                " d.client_id = c.id AND d.status = 'won'"
                                " AND d.deleted_at IS NULL), 0)"), ==, 0);
  g_assert_cmpint (query_count (f->store, "SELECT sum (revenue_to_date) FROM client"), ==,
                   revenue + seeded_revenue);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM sqlite_schema WHERE"
                                          " type = 'trigger' AND name = 'deal_revenue_insert'"),
                   ==, 1);
  /* the batch that added a record, from the ranges of its audit entry */
  first = query_count (f->store, "SELECT min (id) FROM deal WHERE ref LIKE 'L-%'");
  {
    gint64 last = query_count (f->store, "SELECT max (id) FROM deal WHERE ref LIKE 'L-%'");
    gint64 seeded_client = query_count (f->store, "SELECT min (id) FROM client");
    g_autoptr(PiloteImportBatch) batch = NULL;
    g_autoptr(PiloteImportBatch) none = NULL;

    for (guint i = 0; i < 2; i++)
      {
        batch = pilote_import_batch_find_for_record (f->store, "deal", i == 0 ? first : last,
                                                     &error);
        g_assert_no_error (error);
        g_assert_nonnull (batch);
        g_assert_cmpint (batch->id, ==, result->batch_id);
        g_assert_cmpint (batch->inserted, ==, n);
        g_assert_nonnull (batch->imported_at);
        /* the profile it used, as a key file */
        g_assert_nonnull (strstr (batch->profile, "entity=deal"));
        g_assert_nonnull (strstr (batch->profile, "[columns]"));
        g_clear_pointer (&batch, pilote_import_batch_free);
      }
    batch = pilote_import_batch_find_for_record (f->store, "deal_line", first, &error);
    g_assert_no_error (error);
    g_assert_null (batch);
    /* a record the seed wrote */
    none = pilote_import_batch_find_for_record (f->store, "client", seeded_client, &error);
    g_assert_no_error (error);
    g_assert_null (none);
    none = pilote_import_batch_find_for_record (f->store, "deal", last + 1, &error);
    g_assert_no_error (error);
    g_assert_null (none);
  }
  /* the history of a deal it added ends with the import, naming the file */
  {
    g_autoptr(GPtrArray) history = pilote_history_list (f->store, PILOTE_ENTITY_DEAL, first,
                                                        0, 0, &error);
    const PiloteHistoryEntry *entry;
    const PiloteHistoryChange *change;

    g_assert_no_error (error);
    g_assert_nonnull (history);
    g_assert_cmpuint (history->len, >=, 1);
    g_assert_cmpint (pilote_history_count (f->store, PILOTE_ENTITY_DEAL, first, &error), ==,
                     history->len);
    entry = g_ptr_array_index (history, history->len - 1);
    g_assert_cmpstr (entry->action, ==, "import");
    g_assert_cmpint (entry->batch_id, ==, result->batch_id);
    g_assert_nonnull (entry->changed_at);
    g_assert_cmpuint (entry->changes->len, ==, 1);
    change = g_ptr_array_index (entry->changes, 0);
    g_assert_true (g_str_has_suffix (change->new_value, ".csv"));
    /* a record the seed wrote has no such entry */
    g_clear_pointer (&history, g_ptr_array_unref);
    history = pilote_history_list (f->store, PILOTE_ENTITY_CLIENT,
                                   query_count (f->store, "SELECT min (id) FROM client"),
                                   0, 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < history->len; i++)
      g_assert_cmpstr (((PiloteHistoryEntry *) g_ptr_array_index (history, i))->action, !=,
                       "import");
  }

  ok = pilote_import_undo (f->store, result->batch_id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  {
    g_autoptr(PiloteImportBatch) undone = NULL;

    /* an undone batch added nothing that still stands */
    undone = pilote_import_batch_find_for_record (f->store, "deal", first, &error);
    g_assert_no_error (error);
    g_assert_null (undone);
  }
  assert_acquired (f, "Acme", NULL, PILOTE_CLIENT_KIND_PROSPECT);
  assert_snapshot (f, &seeded);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM stage_change"), ==, 0);
  indexes_undone = query_text (f->store, INDEXES_SQL);
  g_assert_cmpstr (indexes_undone, ==, indexes);
  assert_store_sound (f->store);
  snapshot_clear (&seeded);
}

/* Enough clients for their indexes to be dropped and built again: the
 * same indexes after, the search index and the owners' names written for
 * each, and an undo that gives back the file as it was */
static void
test_bulk_large_clients (Fixture       *f,
                         gconstpointer  data)
{
  static const char rootpage_sql[] =
    "SELECT rowid FROM sqlite_schema WHERE name = 'client_sort_name'";
  static const char profile_text[] =
    "[import]\n"
    "entity = client\n"
    "\n"
    "[columns]\n"
    "ref = ref\n"
    "name = name\n"
    "city = city\n"
    "owner = owner\n"
    "notes = notes\n";
  /* rows long enough for the size of the file to be estimated closely */
  const guint n = 60000;
  g_autoptr(GString) csv = g_string_new ("ref,name,city,owner,notes\n");
  g_autoptr(PiloteImportProfile) profile = load_profile (f, profile_text);
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = query_text (f->store, INDEXES_SQL);
  gint64 rootpage = query_count (f->store, rootpage_sql);
  gint64 seeded = query_count (f->store, "SELECT count (*) FROM client");
  Snapshot before;
  gboolean ok;

  snapshot_take (f, &before);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "K-%u,Client %05u,%s,%s,Met at the trade fair; call back"
                            " after the summer\n", i, i, i % 2 ? "Lyon" : "Brest",
                            i % 3 ? "Alice" : "");
  result = import_new_rows (f, profile, csv->str, n, indexes);
  g_assert_cmpint (query_count (f->store, rootpage_sql), !=, rootpage);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM client_search"), ==, n + seeded);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM client_search s JOIN client c"
                                          " ON c.id = s.rowid WHERE c.name = s.name"
                                          " AND c.city = s.city AND c.ref LIKE 'K-%'"), ==, n);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM client WHERE ref LIKE 'K-%'"
                                          " AND owner_name = 'Alice'"), ==, n - (n + 2) / 3);
  /* the clients' list sorted by name reads the index built again */
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM client INDEXED BY"
                                          " client_sort_name WHERE deleted_at IS NULL"
                                          " AND name >= 'Client 2'"), ==, n - 20000);
  assert_store_sound (f->store);

  ok = pilote_import_undo (f->store, result->batch_id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_snapshot (f, &before);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM client_search"), ==, seeded);
  assert_store_sound (f->store);
  snapshot_clear (&before);
}

typedef struct {
  guint   calls;
  guint64 rows;
  guint64 bytes_read;
  guint64 bytes_total;
} Progress;

static void
progress_cb (guint64  rows,
             guint64  bytes_read,
             guint64  bytes_total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (rows, >=, progress->rows);
  progress->calls++;
  progress->rows = rows;
  progress->bytes_read = bytes_read;
  progress->bytes_total = bytes_total;
}

/* Progress ends at the whole file; a cancelled import writes nothing */
static void
test_progress_cancel (Fixture       *f,
                      gconstpointer  data)
{
  static const char csv[] =
    "ref,client,owner,stage,amount,created,closed\n"
    "P-1,Acme,Alice,Won,100.00,2024-01-01,2024-01-10\n"
    "P-2,Bolt,Bob,Proposal,200.00,2024-01-02,\n";
  g_autoptr(PiloteImportProfile) profile = load_profile (f, deals_profile);
  g_autofree char *path = write_file (f, ".csv", csv);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PiloteImportResult) result = NULL;
  g_autoptr(PiloteImportResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  PiloteImportOptions options = { PILOTE_IMPORT_FLAGS_NONE, progress_cb, &progress, NULL };

  result = pilote_import_run_with_options (f->store, profile, path, &options, &error);
  g_assert_no_error (error);
  assert_imported (result, 2);
  g_assert_cmpuint (progress.calls, >=, 1);
  g_assert_cmpuint (progress.rows, ==, 2);
  g_assert_cmpuint (progress.bytes_total, ==, strlen (csv));
  g_assert_cmpuint (progress.bytes_read, ==, strlen (csv));

  before = store_checksum (f->store);
  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  options.progress = NULL;
  cancelled = pilote_import_run_with_options (f->store, profile, path, &options, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* cancels the import at its last progress report: every row read, the
 * indexes and summaries still to do */
static void
cancel_at_end_cb (guint64  rows,
                  guint64  bytes_read,
                  guint64  bytes_total,
                  gpointer user_data)
{
  if (bytes_read == bytes_total)
    g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* A cancellation after the last row interrupts the work still to do, and
 * the whole import is taken back: the rows, the dropped indexes and
 * triggers, the summaries */
static void
test_cancel_finishing (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PiloteImportProfile) profile = load_profile (f, deals_profile);
  g_autoptr(GString) csv = g_string_new ("ref,client,owner,stage,amount,created,closed\n");
  g_autofree char *path = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  g_autoptr(PiloteImportResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  PiloteImportOptions options = { PILOTE_IMPORT_FLAGS_NONE, cancel_at_end_cb, cancellable,
                                  cancellable };

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "F-%u,%s,%s,%s,%u.00,2024-%02u-01,%s\n", i,
                            i % 5 ? "Acme" : "Bolt", i % 2 ? "Alice" : "Bob",
                            i % 3 ? "Won" : "Proposal", 10 + i % 90, 1 + i % 12,
                            i % 3 ? "2024-12-15" : "");
  path = write_file (f, ".csv", csv->str);
  before = store_checksum (f->store);
  schema_before = query_text (f->store, "SELECT group_concat (name, ' ') FROM (SELECT name"
                                        " FROM sqlite_schema ORDER BY name)");

  cancelled = pilote_import_run_with_options (f->store, profile, path, &options, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  after = store_checksum (f->store);
  g_assert_cmpstr (after, ==, before);
  schema_after = query_text (f->store, "SELECT group_concat (name, ' ') FROM (SELECT name"
                                       " FROM sqlite_schema ORDER BY name)");
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_cmpint (query_count (f->store, "SELECT count (*) FROM deal"), ==, 0);
  assert_store_sound (f->store);

  /* and the same file, not cancelled, imports whole */
  g_clear_error (&error);
  g_clear_object (&cancellable);
  options = (PiloteImportOptions) { PILOTE_IMPORT_FLAGS_NONE, NULL, NULL, NULL };
  g_clear_pointer (&cancelled, pilote_import_result_free);
  cancelled = pilote_import_run_with_options (f->store, profile, path, &options, &error);
  g_assert_no_error (error);
  assert_imported (cancelled, 3000);
  assert_store_sound (f->store);
}

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)
#define ADD_SEEDED_TEST(path, func) \
  g_test_add ((path), Fixture, "seed", fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/import/dataset", test_dataset);
  ADD_TEST ("/import/options/french", test_french_file);
  ADD_TEST ("/import/options/bom", test_bom);
  ADD_TEST ("/import/options/quoted", test_quoted_fields);
  ADD_SEEDED_TEST ("/import/options/ambiguous-dates", test_ambiguous_dates);
  ADD_SEEDED_TEST ("/import/errors/missing-column", test_missing_column);
  ADD_SEEDED_TEST ("/import/errors/missing-required", test_missing_required);
  ADD_SEEDED_TEST ("/import/errors/unknown-related", test_unknown_related);
  ADD_SEEDED_TEST ("/import/errors/duplicate-ref", test_duplicate_ref);
  ADD_SEEDED_TEST ("/import/errors/duplicate-ref-deals", test_duplicate_ref_deals);
  ADD_SEEDED_TEST ("/import/errors/fails-halfway", test_fails_halfway);
  ADD_SEEDED_TEST ("/import/dry-run", test_dry_run);
  ADD_SEEDED_TEST ("/import/reimport", test_reimport);
  ADD_SEEDED_TEST ("/import/line-level", test_line_level);
  ADD_SEEDED_TEST ("/import/undo", test_undo);
  ADD_SEEDED_TEST ("/import/undo-reopens", test_undo_reopens);
  ADD_SEEDED_TEST ("/import/stages", test_stages);
  ADD_SEEDED_TEST ("/import/bulk/same-as-rows", test_bulk_same_as_rows);
  ADD_SEEDED_TEST ("/import/bulk/many-clients", test_bulk_many_clients);
  ADD_TEST ("/import/bulk/dataset", test_bulk_dataset);
  ADD_SEEDED_TEST ("/import/bulk/large", test_bulk_large);
  ADD_SEEDED_TEST ("/import/bulk/large-clients", test_bulk_large_clients);
  ADD_SEEDED_TEST ("/import/bulk/progress-cancel", test_progress_cancel);
  ADD_SEEDED_TEST ("/import/bulk/cancel-finishing", test_cancel_finishing);
  ADD_TEST ("/export/round-trip/standard", test_export_round_trip);
  ADD_TEST ("/export/round-trip/french", test_export_round_trip_french);
  ADD_TEST ("/export/formulas", test_export_formulas);
  ADD_TEST ("/export/formulas/round-trip", test_export_formulas_round_trip);
  ADD_SEEDED_TEST ("/export/kpi", test_export_kpi);
  ADD_SEEDED_TEST ("/export/kpi-negative", test_export_kpi_negative);

  return g_test_run ();
}
