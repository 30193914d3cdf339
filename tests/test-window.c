/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pilote-application.h"
#include "pilote-demo.h"
#include "pilote-store.h"
#include "pilote-window.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/* The real window on a real file, driven through its actions. */

static char *
make_demo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "demo.pilote", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  GDate today;

  pilote_demo_options_init (&options);
  options.n_clients = 60;
  options.n_deals = 600;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  options.today = &today;
  store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A file of an earlier version: upgraded in the background while the
 * window says so, then shown; a window closed during the upgrade lets it
 * finish */
static void
check_upgrade (PiloteApplication *app,
               const char        *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "old.pilote", NULL);
  g_autofree char *other = g_build_filename (dir, "other.pilote", NULL);
  g_autoptr(PiloteStore) reopened = NULL;
  PiloteWindow *window;
  AdwStatusPage *page;

  pilote_test_write_version (path, 10);
  pilote_test_write_version (other, 10);
  g_assert_true (pilote_store_needs_upgrade (path));

  window = pilote_window_new (app);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pilote_window_load (window, path));
  /* at once: the window says what it does, and the file is its own */
  g_assert_cmpstr (pilote_window_get_view (window), ==, "upgrading");
  g_assert_cmpstr (pilote_window_get_path (window), ==, path);
  g_assert_null (pilote_window_get_store (window));
  page = ADW_STATUS_PAGE (find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (page);
  for (guint i = 0; i < 1200 && g_strcmp0 (pilote_window_get_view (window), "upgrading") == 0;
       i++)
    pilote_test_spin (50);
  g_assert_cmpstr (pilote_window_get_view (window), ==, "dashboard");
  g_assert_nonnull (pilote_window_get_store (window));
  g_assert_nonnull (pilote_store_get_backup_path (pilote_window_get_store (window)));
  g_assert_false (pilote_store_needs_upgrade (path));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "old.pilote");
  gtk_window_destroy (GTK_WINDOW (window));
  pilote_test_spin (100);
  g_assert_finalize_object (window);

  /* closed as soon as the upgrade starts: it goes to its end all the same */
  window = pilote_window_new (app);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pilote_window_load (window, other));
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 1200 && G_OBJECT (window)->ref_count > 1; i++)
    pilote_test_spin (50);
  g_assert_finalize_object (window);
  g_assert_false (pilote_store_needs_upgrade (other));
  reopened = pilote_store_open (other, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  g_assert_null (pilote_store_get_backup_path (reopened));
  g_clear_object (&reopened);
}

static void
test_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-window-XXXXXX", &error);
  g_autofree char *path = make_demo (dir);
  g_autofree char *foreign = g_build_filename (dir, "notes.pilote", NULL);
  g_autoptr(PiloteApplication) app = pilote_application_new ();
  PiloteWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* a window without a file welcomes */
  window = pilote_window_new (app);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (pilote_window_get_view (window), ==, "welcome");
  g_assert_null (pilote_window_get_path (window));
  /* nothing to set up without a file: no preferences window opens */
  {
    guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());

    gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
    pilote_test_spin (50);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before);
  }

  /* a file that is not a Pilote file is refused: the window stays as it was */
  g_assert_true (g_file_set_contents (foreign, "name,amount\n", -1, NULL));
  g_assert_false (pilote_window_load (window, foreign));
  g_assert_null (pilote_window_get_path (window));
  g_assert_cmpstr (pilote_window_get_view (window), ==, "welcome");

  /* the demo company opens on the dashboard, titled with the company */
  g_assert_true (pilote_window_load (window, path));
  g_assert_cmpstr (pilote_window_get_path (window), ==, path);
  g_assert_cmpstr (pilote_window_get_view (window), ==, "dashboard");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "demo.pilote");

  /* with a file, the preferences open */
  {
    guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());
    GtkWindow *preferences;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
    pilote_test_spin (50);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before + 1);
    preferences = g_list_model_get_item (gtk_window_get_toplevels (), 0);
    if (preferences == GTK_WINDOW (window))
      {
        g_object_unref (preferences);
        preferences = g_list_model_get_item (gtk_window_get_toplevels (), before);
      }
    g_assert_true (ADW_IS_PREFERENCES_WINDOW (preferences));
    gtk_window_destroy (preferences);
    g_object_unref (preferences);
  }

  /* the keyboard shortcuts: not built with the window, but when first asked for */
  {
    GtkShortcutsWindow *overlay;
    GLogLevelFlags fatal;
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");

    g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>question"));
    g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    /* GTK 4.8's shortcuts window warns of a label's negative width when it
     * lays out under Xvfb: not fatal here */
    fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                               NULL));
    overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
    gtk_window_close (GTK_WINDOW (overlay));
    pilote_test_spin (50);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    /* shown again, the same window */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                               NULL));
    g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
                   == overlay);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    gtk_window_close (GTK_WINDOW (overlay));
    pilote_test_spin (50);
    g_log_set_always_fatal (fatal);
  }

  /* wide enough for the views in the header: none at the bottom */
  g_assert_null (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  /* a narrow window shows them at its bottom */
  {
    PiloteWindow *narrow = pilote_window_new (app);
    AdwViewSwitcherBar *bar;

    g_object_ref (narrow);
    gtk_window_unmaximize (GTK_WINDOW (narrow));
    gtk_window_set_default_size (GTK_WINDOW (narrow), 360, 600);
    gtk_window_present (GTK_WINDOW (narrow));
    g_assert_true (pilote_window_load (narrow, path));
    /* added a couple of frames after the header is laid out: later on a
     * busy machine */
    for (guint i = 0; i < 1200 && find_widget (GTK_WIDGET (narrow),
                                              ADW_TYPE_VIEW_SWITCHER_BAR) == NULL; i++)
      pilote_test_spin (50);
    bar = ADW_VIEW_SWITCHER_BAR (find_widget (GTK_WIDGET (narrow), ADW_TYPE_VIEW_SWITCHER_BAR));
    g_assert_nonnull (bar);
    g_assert_true (adw_view_switcher_bar_get_reveal (bar));
    g_assert_true (adw_view_switcher_bar_get_stack (bar) != NULL);
    gtk_window_destroy (GTK_WINDOW (narrow));
    pilote_test_spin (100);
    g_assert_finalize_object (narrow);
  }

  /* views switch through their action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "pipeline"));
  g_assert_cmpstr (pilote_window_get_view (window), ==, "pipeline");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "dashboard"));
  g_assert_cmpstr (pilote_window_get_view (window), ==, "dashboard");
  pilote_test_spin (300);

  gtk_window_destroy (GTK_WINDOW (window));
  pilote_test_spin (100);
  g_assert_finalize_object (window);

  check_upgrade (app, dir);
  pilote_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  pilote_test_gui_init (&argc, &argv);
  g_test_add_func ("/window/open-and-switch", test_window);
  return g_test_run ();
}
