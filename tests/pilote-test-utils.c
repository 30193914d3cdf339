/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>

#include "pilote-demo.h"
#include "pilote-store-private.h"
#include "pilote-text.h"
#include "pilote-test-utils.h"

/**
 * pilote_test_remove_tree:
 * @path: a folder a test made with g_dir_make_tmp ()
 *
 * Removes the folder and everything in it, files a test made read-only
 * included; fails the test when something cannot be removed.
 */
void
pilote_test_remove_tree (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (TRUE)
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      int saved_errno;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            pilote_test_remove_tree (child);
          else
            {
              g_chmod (child, 0644);
              /* renamed or removed meanwhile by a worker of the application
               * (a backup copy it was finishing) */
              if (g_unlink (child) != 0)
                g_assert_cmpint (errno, ==, ENOENT);
            }
        }
      if (g_rmdir (path) == 0)
        return;
      /* a worker of the application may still be writing in it: a minute
       * is more than any of them takes */
      saved_errno = errno;
      g_assert_true (saved_errno == ENOTEMPTY || saved_errno == EEXIST);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
}

/**
 * pilote_test_demo_store_new:
 * @dir_template: the temporary folder's name, as g_dir_make_tmp () takes it
 * @seed: the demo's seed, 0 for the default one
 * @dir: (out): the folder made, for pilote_test_remove_tree ()
 * @path: (out): the file in it
 *
 * A new file in a new temporary folder, holding the demonstration company
 * of that size, its history ending on 15 November 2026.
 */
PiloteStore *
pilote_test_demo_store_new (const char  *dir_template,
                            guint        n_clients,
                            guint        n_deals,
                            guint32      seed,
                            char       **dir,
                            char       **path)
{
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  PiloteStore *store;
  GDate today;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "demo.pilote", NULL);
  store = pilote_store_create (*path, &error);
  g_assert_no_error (error);
  pilote_demo_options_init (&options);
  options.n_clients = n_clients;
  options.n_deals = n_deals;
  if (seed != 0)
    options.seed = seed;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  options.today = &today;
  g_assert_true (pilote_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  return store;
}

static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  g_autofree char *key = pilote_text_fold ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
}

/**
 * pilote_test_write_version:
 * @path: a file that does not exist yet
 * @version: an earlier version of the schema
 *
 * Writes a Pilote file of that version, as that version wrote it, with a
 * client ("Ancien client") and USD as its currency.
 */
void
pilote_test_write_version (const char *path,
                           int         version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d;",
                                             PILOTE_APPLICATION_ID);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* the folding function the store gives the migrations */
  sqlite3_create_function (db, "pilote_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_fold, NULL, NULL);
  g_assert_true (pilote_sqlite_exec (db, set_id, &error));
  g_assert_true (pilote_schema_migrate (db, 0, version, &error));
  g_assert_no_error (error);
  g_assert_true (pilote_sqlite_exec (db,
                                     "INSERT INTO client (name, kind) VALUES ('Ancien client',"
                                     " 'client');"
                                     "UPDATE setting SET value = 'USD' WHERE key = 'currency';",
                                     &error));
  /* from version 3 on, the store keeps the folded name beside the name */
  if (version >= 3)
    g_assert_true (pilote_sqlite_exec (db, "UPDATE client SET name_key = pilote_fold (name);",
                                       &error));
  sqlite3_close (db);
}

/* the same double, NAN included */
void
pilote_test_assert_same_double (double a,
                                double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

/* every figure of two computations, to the cent */
void
pilote_test_assert_same_figures (const PiloteKpiFigures *a,
                                 const PiloteKpiFigures *b)
{
  g_assert_cmpint (a->revenue, ==, b->revenue);
  g_assert_cmpint (a->cost, ==, b->cost);
  g_assert_cmpint (a->gross_margin, ==, b->gross_margin);
  pilote_test_assert_same_double (a->gross_margin_rate, b->gross_margin_rate);
  g_assert_cmpint (a->deals_won, ==, b->deals_won);
  g_assert_cmpint (a->deals_lost, ==, b->deals_lost);
  pilote_test_assert_same_double (a->win_rate, b->win_rate);
  g_assert_cmpint (a->clients_won, ==, b->clients_won);
  g_assert_cmpint (a->new_clients, ==, b->new_clients);
  g_assert_cmpint (a->spend, ==, b->spend);
  g_assert_cmpint (a->cac, ==, b->cac);
  g_assert_cmpint (a->avg_revenue_per_client, ==, b->avg_revenue_per_client);
  g_assert_cmpint (a->avg_deal_size, ==, b->avg_deal_size);
  pilote_test_assert_same_double (a->sales_cycle_days, b->sales_cycle_days);
  g_assert_cmpint (a->open_deals, ==, b->open_deals);
  g_assert_cmpint (a->open_pipeline, ==, b->open_pipeline);
  g_assert_cmpint (a->weighted_pipeline, ==, b->weighted_pipeline);
}
