/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-application.h"
#include "pilote-demo.h"
#include "pilote-resources.h"
#include "pilote-window.h"

struct _PiloteApplication
{
  AdwApplication  parent_instance;

  char           *view;        /* --view, for the windows opened by this call */
  gboolean        new_window;  /* --new-window, for this call */
};

G_DEFINE_FINAL_TYPE (PiloteApplication, pilote_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open on a view: dashboard, pipeline, clients, activities, objectives or reports"),
    N_("VIEW") },
  { "new-window", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open a new window"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

PiloteApplication *
pilote_application_new (void)
{
  return g_object_new (PILOTE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/app/pilote/Pilote",
                       NULL);
}

/* The window showing @path, if one does. */
static PiloteWindow *
find_window (PiloteApplication *self,
             const char        *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (PILOTE_IS_WINDOW (l->data) &&
          g_strcmp0 (pilote_window_get_path (l->data), path) == 0)
        return l->data;
    }
  return NULL;
}

/* A window without a file, to reuse for the next file opened. */
static PiloteWindow *
find_empty_window (PiloteApplication *self)
{
  return find_window (self, NULL);
}

/**
 * pilote_application_open_path:
 * @parent: (nullable): the window the user asked from
 *
 * Shows @path in its window: the one already showing it, @parent when it
 * shows no file, or a new one.
 */
void
pilote_application_open_path (PiloteApplication *self,
                              const char        *path,
                              GtkWindow         *parent)
{
  PiloteWindow *window = find_window (self, path);

  if (window == NULL && PILOTE_IS_WINDOW (parent) &&
      pilote_window_get_path (PILOTE_WINDOW (parent)) == NULL)
    window = PILOTE_WINDOW (parent);
  if (window == NULL)
    window = find_empty_window (self);
  if (window == NULL)
    window = pilote_window_new (self);
  if (pilote_window_get_path (window) == NULL)
    pilote_window_load (window, path);
  if (self->view != NULL)
    pilote_window_show_view (window, self->view);
  gtk_window_present (GTK_WINDOW (window));
}

char *
pilote_application_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pilote", "demo-company.pilote", NULL);
}

static gint
pilote_application_handle_local_options (GApplication *app,
                                         GVariantDict *dict)
{
  PiloteApplication *self = PILOTE_APPLICATION (app);
  const char *view = NULL;

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("pilote %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (dict, "view", "&s", &view))
    {
      if (!g_strv_contains (pilote_window_view_names, view))
        {
          g_autofree char *names = g_strjoinv (", ", (char **) pilote_window_view_names);

          /* TRANSLATORS: the second %s lists the view names, which stay in English */
          g_printerr (_("“%s” is not a view: use one of %s.\n"), view, names);
          return 2;
        }
      g_free (self->view);
      self->view = g_strdup (view);
    }
  self->new_window = g_variant_dict_contains (dict, "new-window");
  return -1;
}

/* What this call asked for travels with it to the instance already running
 * (a second `pilote --view=pipeline` shows the pipeline in the first) */
static void
pilote_application_add_platform_data (GApplication    *app,
                                      GVariantBuilder *builder)
{
  PiloteApplication *self = PILOTE_APPLICATION (app);

  G_APPLICATION_CLASS (pilote_application_parent_class)->add_platform_data (app, builder);
  if (self->view != NULL)
    g_variant_builder_add (builder, "{sv}", "pilote-view", g_variant_new_string (self->view));
  if (self->new_window)
    g_variant_builder_add (builder, "{sv}", "pilote-new-window", g_variant_new_boolean (TRUE));
}

static void
pilote_application_before_emit (GApplication *app,
                                GVariant     *platform_data)
{
  PiloteApplication *self = PILOTE_APPLICATION (app);
  const char *view = NULL;

  G_APPLICATION_CLASS (pilote_application_parent_class)->before_emit (app, platform_data);
  g_clear_pointer (&self->view, g_free);
  if (g_variant_lookup (platform_data, "pilote-view", "&s", &view) &&
      g_strv_contains (pilote_window_view_names, view))
    self->view = g_strdup (view);
  if (!g_variant_lookup (platform_data, "pilote-new-window", "b", &self->new_window))
    self->new_window = FALSE;
}

static void
pilote_application_after_emit (GApplication *app,
                               GVariant     *platform_data)
{
  PiloteApplication *self = PILOTE_APPLICATION (app);

  g_clear_pointer (&self->view, g_free);
  self->new_window = FALSE;
  G_APPLICATION_CLASS (pilote_application_parent_class)->after_emit (app, platform_data);
}

static void
pilote_application_activate (GApplication *app)
{
  PiloteApplication *self = PILOTE_APPLICATION (app);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-file");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL && !self->new_window)
    {
      if (self->view != NULL && PILOTE_IS_WINDOW (window))
        pilote_window_show_view (PILOTE_WINDOW (window), self->view);
      gtk_window_present (window);
      return;
    }
  if (window == NULL && *last != '\0' &&
      g_file_test (last, G_FILE_TEST_EXISTS))
    {
      pilote_application_open_path (self, last, NULL);
      return;
    }
  window = GTK_WINDOW (pilote_window_new (self));
  if (self->view != NULL)
    pilote_window_show_view (PILOTE_WINDOW (window), self->view);
  gtk_window_present (window);
}

static void
pilote_application_open (GApplication  *app,
                         GFile        **files,
                         gint           n_files,
                         const gchar   *hint)
{
  for (gint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        pilote_application_open_path (PILOTE_APPLICATION (app), path, NULL);
    }
}

static void
new_window_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (pilote_window_new (PILOTE_APPLICATION (user_data))));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Pilote developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Pilote"),
                        "developer-name", _("The Pilote developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Steer your sales: pipeline, clients, objectives and "
                                      "the figures that say whether they will be met."),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_cb },
  { "about", about_cb },
  { "quit", quit_cb },
};

static void
pilote_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pilote_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new", new_accels);
  /* Alt+1, Alt+2… show the views in switcher order */
  for (guint i = 0; pilote_window_view_names[i] != NULL && i < 9; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.view::%s", pilote_window_view_names[i]);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), action, accels);
    }
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
pilote_application_finalize (GObject *object)
{
  g_free (PILOTE_APPLICATION (object)->view);
  G_OBJECT_CLASS (pilote_application_parent_class)->finalize (object);
}

static void
pilote_application_class_init (PiloteApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* the resources live in a static library: naming them links them in,
   * and they register themselves */
  (void) pilote_get_resource ();

  G_OBJECT_CLASS (klass)->finalize = pilote_application_finalize;
  app_class->handle_local_options = pilote_application_handle_local_options;
  app_class->activate = pilote_application_activate;
  app_class->add_platform_data = pilote_application_add_platform_data;
  app_class->before_emit = pilote_application_before_emit;
  app_class->after_emit = pilote_application_after_emit;
  app_class->open = pilote_application_open;
  app_class->startup = pilote_application_startup;
}

static void
pilote_application_init (PiloteApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}
