/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Replays inputs through a fuzz target, so that the target builds and its
 * corpus runs with any compiler: each argument is a file, or a folder
 * whose files are all replayed.
 */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        g_ptr_array_add (paths, g_strdup (argv[i]));
      else
        {
          dir = g_dir_open (argv[i], 0, NULL);
          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (paths, g_build_filename (argv[i], name, NULL));
        }

      for (guint j = 0; j < paths->len; j++)
        {
          g_print ("replaying %s\n", (const char *) paths->pdata[j]);
          if (!replay_file (paths->pdata[j]))
            return 1;
          n++;
        }
    }

  if (n == 0)
    {
      g_printerr ("No input was replayed\n");
      return 1;
    }
  g_print ("%u inputs replayed\n", n);
  return 0;
}
