/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "pilote-demo.h"
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
