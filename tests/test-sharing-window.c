/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pilote-application.h"
#include "pilote-backup.h"
#include "pilote-demo.h"
#include "pilote-pipeline-column.h"
#include "pilote-presence.h"
#include "pilote-presence-button.h"
#include "pilote-resources.h"
#include "pilote-test-utils.h"
#include "pilote-window.h"
#include "pilote-test-gui.h"

/* The window on a file that another process changes: the change shows
 * within a couple of seconds, and the header says who else has the file
 * open. The writer is tests/sharing-writer, given as argument. */

static const char *writer_path;

static char *
make_demo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "demo.pilote", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  GDate today;

  pilote_demo_options_init (&options);
  options.n_clients = 40;
  options.n_deals = 200;
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
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* how long a change made elsewhere may take to show: the watch polls every
 * 1.5 s, then the view reloads ("within a couple of seconds"); three times
 * as long in a build with the address sanitizer, which is that much
 * slower. Other waits give up after a minute, on a busy machine. */
#if defined(__SANITIZE_ADDRESS__)
#define REFRESH_BOUND_MS 9000
#else
#define REFRESH_BOUND_MS 3000
#endif
#define WAIT_MS 60000

/* runs the main loop until @done says so, at most @ms; returns the time taken */
static gint64
wait_for (gboolean (*done) (gpointer data),
          gpointer  data,
          guint     ms)
{
  gint64 start = g_get_monotonic_time ();

  while (!done (data) && g_get_monotonic_time () - start < (gint64) ms * 1000)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return (g_get_monotonic_time () - start) / 1000;
}

typedef struct {
  PilotePipelineColumn *column;
  char                 *before;
} CountWatch;

static gboolean
count_changed (gpointer data)
{
  CountWatch *watch = data;

  return g_strcmp0 (pilote_pipeline_column_get_count_text (watch->column), watch->before) != 0;
}

static gboolean
presence_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
presence_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static void
test_refresh (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-sharing-window-XXXXXX", &error);
  g_autofree char *path = make_demo (dir);
  g_autoptr(PiloteApplication) app = pilote_application_new ();
  g_autoptr(PiloteStore) colleague = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  PilotePresenceButton *presence;
  PiloteWindow *window;
  CountWatch watch = { NULL, NULL };
  gint64 waited;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  window = pilote_window_new (app);
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pilote_window_load (window, path));
  pilote_window_show_view (window, "pipeline");
  pilote_test_spin (200);

  /* opening the file took the day's backup copy, beside it */
  {
    g_autoptr(GPtrArray) copies = NULL;
    gint64 start = g_get_monotonic_time ();

    do
      {
        g_clear_pointer (&copies, g_ptr_array_unref);
        pilote_test_spin (50);
        copies = pilote_backup_list (path);
      }
    while (copies->len == 0 && g_get_monotonic_time () - start < WAIT_MS * 1000);
    g_assert_cmpuint (copies->len, ==, 1);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (copies, 0), dir));
  }

  /* alone with the file: no one else in the header */
  presence = PILOTE_PRESENCE_BUTTON (find_widget (GTK_WIDGET (window),
                                                  PILOTE_TYPE_PRESENCE_BUTTON));
  g_assert_nonnull (presence);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (presence)));

  /* the first column, "Lead" */
  watch.column = PILOTE_PIPELINE_COLUMN (find_widget (GTK_WIDGET (window),
                                                      PILOTE_TYPE_PIPELINE_COLUMN));
  g_assert_nonnull (watch.column);
  watch.before = g_strdup (pilote_pipeline_column_get_count_text (watch.column));

  /* another process adds a deal to that stage */
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, writer_path, path, "1", "Other",
                             "local", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (writer, NULL, &error));
  g_assert_no_error (error);

  waited = wait_for (count_changed, &watch, WAIT_MS);
  g_test_message ("refresh: another process's deal shown after %" G_GINT64_FORMAT " ms "
                  "(“%s” → “%s”)", waited, watch.before,
                  pilote_pipeline_column_get_count_text (watch.column));
  g_assert_true (count_changed (&watch));
  g_assert_cmpint (waited, <, REFRESH_BOUND_MS);
  /* and the window holds no read transaction that would stop the others */
  g_assert_true (pilote_store_is_idle (pilote_window_get_store (window)));

  /* a colleague opens the file: the header shows it */
  colleague = pilote_store_open (path, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_presence_register (colleague, &error));
  waited = wait_for (presence_shown, presence, WAIT_MS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (presence)));
  g_assert_cmpuint (pilote_presence_button_get_count (presence), ==, 1);
  g_assert_cmpint (waited, <, REFRESH_BOUND_MS);
  /* and leaves */
  g_clear_object (&colleague);
  wait_for (presence_hidden, presence, WAIT_MS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (presence)));

  /* the dashboard, not shown when the change came, reloads when shown */
  pilote_window_show_view (window, "dashboard");
  pilote_test_spin (300);

  gtk_window_destroy (GTK_WINDOW (window));
  pilote_test_spin (100);
  g_assert_finalize_object (window);

  /* closing the window left the list */
  {
    g_autoptr(PiloteStore) store = pilote_store_open (path, PILOTE_STORE_OPEN_READ_ONLY, NULL);
    g_autoptr(GPtrArray) present = pilote_presence_list (store, TRUE, NULL);

    g_assert_cmpuint (present->len, ==, 0);
  }
  g_free (watch.before);
  pilote_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  pilote_test_gui_init (&argc, &argv);
  /* the resources live in a static library: link them in */
  g_assert_nonnull (pilote_get_resource ());
  writer_path = argc > 1 ? argv[1] : NULL;
  if (writer_path == NULL)
    g_error ("test-sharing-window needs the path of sharing-writer as its argument");

  g_test_add_func ("/sharing-window/refresh", test_refresh);
  return g_test_run ();
}

