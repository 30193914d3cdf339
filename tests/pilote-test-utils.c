/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

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
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        pilote_test_remove_tree (child);
      else
        {
          g_chmod (child, 0644);
          g_assert_cmpint (g_unlink (child), ==, 0);
        }
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}
