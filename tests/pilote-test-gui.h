/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* GTK and libadwaita for a test, without animations: what a test checks
 * happens at once, and no animation of a widget the test already
 * destroyed or dismissed runs on after it (libadwaita 1.2 frees a toast's
 * state when its hiding ends, even if its showing, begun in the same
 * frame, has not ended yet). */
static inline void
pilote_test_gui_init (int    *argc,
                      char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Runs the main loop for @ms milliseconds, sleeping when it has nothing
 * to do: a worker thread the test waits for keeps a core to itself */
static inline void
pilote_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

G_END_DECLS
