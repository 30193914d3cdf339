/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "pilote-demo.h"
#include "pilote-import.h"
#include "pilote-kpi.h"
#include "pilote-report.h"
#include "pilote-test-utils.h"

/* The monthly summary of a demo company: its PDF shows the figures the KPI
 * engine computes, on sensible pages, with nothing outside them. */

typedef struct {
  char        *dir;
  char        *path;
  PiloteStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = pilote_test_demo_store_new ("pilote-report-XXXXXX", 150, 2500, 7, &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("the summary does not show “%s”", needle);
}

static void
test_figures_match (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteReport) report = NULL;
  g_autoptr(PiloteKpiReport) kpi = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *margin = NULL;
  g_autofree char *cac = NULL;
  g_autofree char *rate = NULL;
  PilotePeriod month;

  report = pilote_report_new (f->store, 2026, G_DATE_OCTOBER, PILOTE_SCOPE_COMPANY, 0,
                              PILOTE_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pilote_report_get_n_pages (report), >=, 2);
  g_assert_cmpuint (pilote_report_get_n_pages (report), <=, 8);
  g_assert_cmpfloat_with_epsilon (pilote_report_get_page_width (report), 595.3, 0.1);
  g_assert_true (pilote_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  pilote_period_init_month (&month, 2026, G_DATE_OCTOBER);
  kpi = pilote_kpi_compute (f->store, &month, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (kpi->totals.revenue, >, 0);
  revenue = pilote_money_format (kpi->totals.revenue, "EUR", PILOTE_MONEY_FORMAT_DEFAULT);
  margin = pilote_money_format (kpi->totals.gross_margin, "EUR", PILOTE_MONEY_FORMAT_DEFAULT);
  cac = pilote_money_format (kpi->totals.cac, "EUR", PILOTE_MONEY_FORMAT_DEFAULT);
  rate = g_strdup_printf ("%.1f %%", kpi->totals.win_rate * 100.0);

  assert_contains (text, "October 2026");
  assert_contains (text, revenue);
  assert_contains (text, margin);
  assert_contains (text, cac);
  assert_contains (text, rate);
  assert_contains (text, "Page 1 of");
  assert_contains (text, "Top deals won");
  /* the demo's strategy is written for the year, its comment for last month */
  assert_contains (text, "Strategy for 2026");
  assert_contains (text, "Croître de 15");
  assert_contains (text, "Bon mois pour");
  g_assert_null (strstr (text, "No comment was written"));
}

static void
test_pages_stay_inside (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteReport) report = NULL;
  g_autoptr(PiloteKpiFilter) filter = NULL;

  /* Letter paper, one team: every page drawn into a surface with a wide
   * border keeps the border blank */
  report = pilote_report_new (f->store, 2026, G_DATE_SEPTEMBER, PILOTE_SCOPE_TEAM, 1,
                              PILOTE_PAPER_LETTER, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (pilote_report_get_page_width (report), ==, 612);
  for (guint page = 0; page < pilote_report_get_n_pages (report); page++)
    {
      int border = 40;
      int w = 612 + 2 * border, h = 792 + 2 * border;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_t *cr = cairo_create (surface);
      const guint32 *pixels;
      int stride;

      cairo_translate (cr, border, border);
      pilote_report_draw_page (report, cr, page);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      pixels = (const guint32 *) cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          if (x < border - 1 || y < border - 1 || x > w - border || y > h - border)
            g_assert_cmpuint (pixels[y * stride + x], ==, 0);
      cairo_surface_destroy (surface);
    }
}

/* The open pipeline and next month's forecast are the engine's: the
 * deals open now, and the gap to the objective of the month after */
static void
test_pipeline_and_forecast (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteReport) report = NULL;
  g_autoptr(PiloteKpiReport) kpi = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *won = NULL;
  g_autofree char *forecast = NULL;
  g_autofree char *weighted = NULL;
  PilotePeriod month, next;
  PiloteGap gap;

  report = pilote_report_new (f->store, 2026, G_DATE_OCTOBER, PILOTE_SCOPE_COMPANY, 0,
                              PILOTE_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  pilote_period_init_month (&month, 2026, G_DATE_OCTOBER);
  kpi = pilote_kpi_compute (f->store, &month, NULL, PILOTE_DIMENSION_NONE, PILOTE_KPI_DEFAULT,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (kpi->totals.open_pipeline, >, 0);
  pipeline = pilote_money_format (kpi->totals.open_pipeline, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  pilote_period_next (&month, &next);
  g_assert_true (pilote_kpi_gap (f->store, &next, PILOTE_SCOPE_COMPANY, 0, &gap, &error));
  g_assert_no_error (error);
  won = pilote_money_format (gap.won, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  forecast = pilote_money_format (gap.forecast, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  weighted = pilote_money_format (gap.weighted_pipeline, "EUR", PILOTE_MONEY_FORMAT_WHOLE);

  assert_contains (text, pipeline);
  assert_contains (text, won);
  assert_contains (text, forecast);
  assert_contains (text, weighted);
}

/* The summary of a month of the shared CRM data set, imported with the
 * shipped profiles, shows the data set's figures. */
static void
test_dataset_month (void)
{
  static const char *const files[] = { "sales_teams", "accounts", "products", "sales_pipeline" };
  const char *dataset = g_getenv ("PILOTE_DATASET_DIR");
  const char *profiles = g_getenv ("PILOTE_IMPORT_PROFILES_DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(PiloteReport) report = NULL;

  if (dataset == NULL || !g_file_test (dataset, G_FILE_TEST_IS_DIR) || profiles == NULL)
    {
      g_test_skip ("the shared CRM data set is not beside the source tree");
      return;
    }
  dir = g_dir_make_tmp ("pilote-report-XXXXXX", &error);
  path = g_build_filename (dir, "crm.pilote", NULL);
  pdf = g_build_filename (dir, "june.pdf", NULL);
  store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_store_set_setting (store, "currency", "USD", &error));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *csv = g_strdup_printf ("%s/%s.csv", dataset, files[i]);
      g_autofree char *ini = g_strdup_printf ("%s/%s.ini", profiles, files[i]);
      g_autoptr(PiloteImportProfile) profile = pilote_import_profile_load (ini, &error);
      g_autoptr(PiloteImportResult) result = NULL;

      g_assert_no_error (error);
      result = pilote_import_run (store, profile, csv, FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->n_problems, ==, 0);
    }

  report = pilote_report_new (store, 2017, G_DATE_JUNE, PILOTE_SCOPE_COMPANY, 0,
                              PILOTE_PAPER_LETTER, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_report_write_pdf (report, pdf, &error));
  text = pdf_text (pdf);
  if (text != NULL)
    {
      /* June 2017 in the data set's README: revenue 1 338 466 */
      assert_contains (text, "$1,338,466.00");
      assert_contains (text, "June 2017");
    }
  else
    g_test_skip ("pdftotext (poppler-utils) is not installed");

  g_clear_object (&store);
  pilote_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/report/figures-match", Fixture, NULL, fixture_set_up, test_figures_match,
              fixture_tear_down);
  g_test_add ("/report/pages-stay-inside", Fixture, NULL, fixture_set_up,
              test_pages_stay_inside, fixture_tear_down);
  g_test_add ("/report/pipeline-and-forecast", Fixture, NULL, fixture_set_up,
              test_pipeline_and_forecast, fixture_tear_down);
  g_test_add_func ("/report/dataset-month", test_dataset_month);
  return g_test_run ();
}
