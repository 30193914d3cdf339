/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pilote-activities-view.h"
#include "pilote-activity-notifier.h"
#include "pilote-clients-view.h"
#include "pilote-dashboard.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-file-watch.h"
#include "pilote-import-assistant.h"
#include "pilote-backups-dialog.h"
#include "pilote-import-history.h"
#include "pilote-location-dialog.h"
#include "pilote-objectives-view.h"
#include "pilote-pipeline-board.h"
#include "pilote-presence-button.h"
#include "pilote-record.h"
#include "pilote-reports-view.h"
#include "pilote-stage-editor.h"
#include "pilote-window.h"

#define MAX_RECENT 5
/* what can wait runs this long after a file is opened, so that its
 * threads do not share the processors with the window's first frames */
#define BACKGROUND_DELAY_SECONDS 2

struct _PiloteWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PiloteStore          *store;
  PiloteFileWatch      *watch;
  PiloteActivityNotifier *notifier;
  guint                 notifier_start_id;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;   /* NULL until the window is first narrow */
  guint                 switcher_bar_tick;
  guint                 switcher_bar_ticks;
  GtkBox               *content_box;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkListBox           *recent_list;
  GtkMenuButton        *identity_button;
  AdwAvatar            *identity_avatar;
  PilotePresenceButton *presence_button;
  GtkPopover           *identity_popover;
  GtkListBox           *identity_list;
  PiloteDashboard      *dashboard;
  AdwStatusPage        *upgrade_page;
  char                 *loading_path;   /* a file being upgraded, in a thread */
  GCancellable         *loading;
};

G_DEFINE_FINAL_TYPE (PiloteWindow, pilote_window, ADW_TYPE_APPLICATION_WINDOW)

/* One entry per page of the view stack in pilote-window.ui */
const char *const pilote_window_view_names[] = {
  "dashboard",
  "pipeline",
  "clients",
  "activities",
  "objectives",
  "reports",
  NULL
};

PiloteWindow *
pilote_window_new (PiloteApplication *application)
{
  return g_object_new (PILOTE_TYPE_WINDOW, "application", application, NULL);
}

const char *
pilote_window_get_path (PiloteWindow *self)
{
  g_return_val_if_fail (PILOTE_IS_WINDOW (self), NULL);
  return self->store != NULL ? pilote_store_get_path (self->store) : self->loading_path;
}

PiloteStore *
pilote_window_get_store (PiloteWindow *self)
{
  g_return_val_if_fail (PILOTE_IS_WINDOW (self), NULL);
  return self->store;
}

void
pilote_window_show_view (PiloteWindow *self,
                         const char   *view)
{
  g_return_if_fail (PILOTE_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* The views built when they are first shown: until then their page of the
 * view stack holds an empty AdwBin (see pilote-window.ui), so that the
 * window's first frame does not wait for widgets nobody looks at yet. */
static const struct {
  const char *name;
  GType     (*get_type) (void);
} lazy_views[] = {
  { "pipeline", pilote_pipeline_board_get_type },
  { "clients", pilote_clients_view_get_type },
  { "activities", pilote_activities_view_get_type },
  { "objectives", pilote_objectives_view_get_type },
  { "reports", pilote_reports_view_get_type },
};

/* The view of a page of the view stack; for a page built when first shown,
 * %NULL until then, unless @build asks to build it now */
static GtkWidget *
page_view (PiloteWindow *self,
           GtkWidget    *child,
           gboolean      build)
{
  AdwViewStackPage *page;
  GtkWidget *view;

  if (child == NULL || G_OBJECT_TYPE (child) != ADW_TYPE_BIN)
    return child;
  view = adw_bin_get_child (ADW_BIN (child));
  if (view != NULL || !build)
    return view;
  page = adw_view_stack_get_page (self->view_stack, child);
  for (guint i = 0; page != NULL && i < G_N_ELEMENTS (lazy_views); i++)
    if (g_strcmp0 (adw_view_stack_page_get_name (page), lazy_views[i].name) == 0)
      {
        view = g_object_new (lazy_views[i].get_type (), NULL);
        adw_bin_set_child (ADW_BIN (child), view);
      }
  return view;
}

/* Every view but the dashboard is given the file when it is first shown, so
 * that opening a file shows the dashboard without waiting for the others.
 * A view is any widget with a "store" property (see pilote-window.ui). */
static void
visible_view_changed_cb (PiloteWindow *self)
{
  GtkWidget *view = NULL;
  g_autoptr(PiloteStore) shown = NULL;

  if (self->store != NULL)
    view = page_view (self, adw_view_stack_get_visible_child (self->view_stack), TRUE);
  if (self->store == NULL || view == NULL ||
      g_object_class_find_property (G_OBJECT_GET_CLASS (view), "store") == NULL)
    return;
  g_object_get (view, "store", &shown, NULL);
  if (shown != self->store)
    g_object_set (view, "store", self->store, NULL);
  else if (g_object_steal_data (G_OBJECT (view), "pilote-stale") != NULL)
    gtk_widget_activate_action (view, "view.reload", NULL);
}

/**
 * pilote_window_get_view:
 *
 * Returns: "welcome" while no file is open, "upgrading" while a file of an
 *   earlier version is being upgraded, else the view shown
 */
const char *
pilote_window_get_view (PiloteWindow *self)
{
  g_return_val_if_fail (PILOTE_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return self->loading_path != NULL ? "upgrading" : "welcome";
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

static void
toast (PiloteWindow *self,
       const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_error (PiloteWindow *self,
            const char   *heading,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Who am I */

static void
update_identity (PiloteWindow *self)
{
  gint64 id = self->store != NULL ? pilote_store_get_member_id (self->store) : 0;
  g_autoptr(PiloteMember) member = id > 0 ? pilote_store_get_member (self->store, id, NULL)
                                          : NULL;

  g_autofree char *tooltip = NULL;

  /* initials keep the header narrow enough for every view's tab */
  gtk_widget_set_visible (GTK_WIDGET (self->identity_button), self->store != NULL);
  adw_avatar_set_text (self->identity_avatar, member != NULL ? member->name : NULL);
  /* Translators: the tooltip of the header's avatar; %s is a sales rep's name */
  tooltip = member != NULL ? g_strdup_printf (_("You are %s: your changes to this file are signed "
                                                "with this name"), member->name)
                           : g_strdup (_("Which team member are you? Choose your name: your "
                                         "changes to this file are signed with it"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->identity_button), tooltip);
}

/* the members to choose from, read each time the popover opens */
static void
fill_identities (PiloteWindow *self)
{
  PiloteFilter active[] = { { "active", PILOTE_OP_EQ, NULL, 1 } };
  PiloteQuery query = { active, G_N_ELEMENTS (active), NULL, "name", FALSE, 500, 0, FALSE };
  g_autoptr(GPtrArray) members = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->identity_list))) != NULL)
    gtk_list_box_remove (self->identity_list, child);
  if (self->store == NULL)
    return;
  members = pilote_store_list (self->store, PILOTE_ENTITY_MEMBER, &query, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      PiloteMember *member = g_ptr_array_index (members, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->name);
      if (member->office != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), member->office);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "member-id", GSIZE_TO_POINTER ((gsize) member->base.id));
      gtk_list_box_append (self->identity_list, row);
    }
}

static void
identity_row_activated_cb (PiloteWindow  *self,
                           GtkListBoxRow *row)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "member-id"));
  g_autoptr(GVariant) current = g_settings_get_value (self->settings, "identities");
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (current);

  pilote_store_set_member_id (self->store, id);
  g_variant_dict_insert (&dict, pilote_store_get_path (self->store), "x", id);
  g_settings_set_value (self->settings, "identities", g_variant_dict_end (&dict));
  gtk_popover_popdown (self->identity_popover);
  update_identity (self);
}

static void
restore_identity (PiloteWindow *self)
{
  g_autoptr(GVariant) identities = g_settings_get_value (self->settings, "identities");
  gint64 id = 0;

  if (g_variant_lookup (identities, pilote_store_get_path (self->store), "x", &id))
    pilote_store_set_member_id (self->store, id);
  update_identity (self);
}

/* Files */

static void
update_title (PiloteWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Pilote"));
      adw_view_switcher_title_set_title (self->switcher_title, _("Pilote"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }
  name = g_path_get_basename (pilote_store_get_path (self->store));
  company = pilote_store_get_setting (self->store, "company_name");
  if (pilote_store_is_read_only (self->store))
    /* Translators: the window's subtitle for a file that cannot be changed */
    subtitle = g_strdup_printf (_("%s (read-only)"), company != NULL && *company ? company : name);
  else
    subtitle = g_strdup (company != NULL && *company ? company : NULL);
  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_view_switcher_title_set_title (self->switcher_title,
                                     company != NULL && *company ? company : name);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        subtitle != NULL && g_strcmp0 (subtitle, company) != 0
                                          ? subtitle : name);
}

/* The views at the bottom when the header is too narrow for them. The bar
 * is added when first needed: most windows are wide enough never to need
 * it, and a window that opens a file does not build it before its first
 * frame, when the header's title shows until it is laid out. */

static gboolean
title_shown (PiloteWindow *self)
{
  return self->store != NULL && adw_view_switcher_title_get_title_visible (self->switcher_title);
}

static gboolean
switcher_bar_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);

  /* the first tick comes before the header is laid out */
  if (self->switcher_bar_ticks++ == 0)
    return G_SOURCE_CONTINUE;
  self->switcher_bar_tick = 0;
  if (self->switcher_bar == NULL && title_shown (self))
    {
      self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
      gtk_box_append (self->content_box, GTK_WIDGET (self->switcher_bar));
      adw_view_switcher_bar_set_reveal (self->switcher_bar, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
title_visible_cb (PiloteWindow *self)
{
  gboolean reveal = title_shown (self);

  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
  else if (reveal && self->switcher_bar_tick == 0)
    {
      self->switcher_bar_ticks = 0;
      self->switcher_bar_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                              switcher_bar_tick_cb, NULL, NULL);
    }
}

/* Someone else saved a change: the view shown reloads now, the others
 * when they are shown. A view that can reload has a "view.reload" action. */
static void
file_changed_cb (PiloteWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GtkWidget *view = page_view (self, child, FALSE);

      if (view == NULL)
        continue;
      if (child == visible)
        gtk_widget_activate_action (view, "view.reload", NULL);
      else
        g_object_set_data (G_OBJECT (view), "pilote-stale", GINT_TO_POINTER (TRUE));
    }
  update_title (self);
  update_identity (self);
}

static gboolean
warn_location_cb (gpointer data)
{
  PiloteWindow *self = data;

  if (self->store != NULL)
    pilote_location_dialog_present (GTK_WINDOW (self), self->store);
  return G_SOURCE_REMOVE;
}

static gboolean
start_notifier_cb (gpointer data)
{
  PiloteWindow *self = data;

  self->notifier_start_id = 0;
  pilote_activity_notifier_start (self->notifier);
  return G_SOURCE_REMOVE;
}

/* Shows the file of @store, now open */
static void
finish_load (PiloteWindow *self,
             PiloteStore  *store)
{
  g_autofree char *uri = NULL;
  const char *path;

  self->store = store;
  restore_identity (self);
  /* others' commits and who else has the file open */
  self->watch = pilote_file_watch_new (self->store);
  g_signal_connect_swapped (self->watch, "changed", G_CALLBACK (file_changed_cb), self);
  pilote_presence_button_set_watch (self->presence_button, self->watch);
  pilote_dashboard_set_store (self->dashboard, self->store);
  visible_view_changed_cb (self);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  update_title (self);
  title_visible_cb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-activity",
                                 !pilote_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-activity", TRUE);
  /* desktop notifications for the activities falling due */
  self->notifier =
    pilote_activity_notifier_new (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                  self->store);
  self->notifier_start_id = g_timeout_add_seconds (BACKGROUND_DELAY_SECONDS, start_notifier_cb,
                                                   self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 !pilote_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-history", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backups",
                                 !pilote_store_is_read_only (self->store));

  path = pilote_store_get_path (self->store);
  g_settings_set_string (self->settings, "last-file", path);
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  if (pilote_store_get_backup_path (self->store) != NULL)
    toast (self, _("The file was upgraded to this version of Pilote; a copy of the earlier "
                   "version was kept beside it."));
  else if (pilote_store_is_read_only (self->store))
    toast (self, _("This file is open read-only: changes cannot be saved."));
  /* once the window shows: where the file lives, when that matters */
  if (pilote_location_dialog_needed (self->store))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, warn_location_cb, g_object_ref (self),
                     g_object_unref);
}


/* A file of an earlier version is upgraded in a thread: a copy of it is
 * made, then each version's changes, which takes minutes for a large
 * file; the window says so meanwhile. */
typedef struct {
  char         *path;
  GApplication *held;   /* closing the window does not stop the upgrade half way */
} Upgrade;

static void
upgrade_free (gpointer data)
{
  Upgrade *upgrade = data;

  g_free (upgrade->path);
  g_free (upgrade);
}

static void
open_store_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Upgrade *upgrade = task_data;
  g_autoptr(GError) error = NULL;
  PiloteStore *store = pilote_store_open (upgrade->path, PILOTE_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
upgraded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PiloteWindow *self = PILOTE_WINDOW (source);
  Upgrade *upgrade = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  PiloteStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  /* here, in the main thread, whichever thread lets the task go last */
  if (upgrade->held != NULL)
    {
      g_application_release (upgrade->held);
      g_clear_object (&upgrade->held);
    }
  /* the window was closed meanwhile */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->loading_path, g_free);
  g_clear_object (&self->loading);
  if (store == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      update_title (self);
      show_error (self, _("The File Could Not Be Opened"), error->message);
      return;
    }
  finish_load (self, store);
}

static void
start_upgrade (PiloteWindow *self,
               const char   *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: the title of the page shown while a file of an earlier
   * version is upgraded; %s is the file's name */
  g_autofree char *title = g_strdup_printf (_("Upgrading “%s”"), name);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  Upgrade *upgrade = g_new0 (Upgrade, 1);

  self->loading_path = g_strdup (path);
  self->loading = g_cancellable_new ();
  adw_status_page_set_title (self->upgrade_page, title);
  gtk_stack_set_visible_child_name (self->main_stack, "upgrading");
  update_title (self);

  upgrade->path = g_strdup (path);
  if (application != NULL)
    {
      upgrade->held = g_object_ref (G_APPLICATION (application));
      g_application_hold (upgrade->held);
    }
  task = g_task_new (self, self->loading, upgraded_cb, NULL);
  g_task_set_source_tag (task, start_upgrade);
  g_task_set_task_data (task, upgrade, upgrade_free);
  g_task_run_in_thread (task, open_store_thread);
}

/**
 * pilote_window_load:
 *
 * Opens @path in this window (which shows no file yet); a file that cannot
 * be opened is explained in a dialog and changes nothing. A file of an
 * earlier version is upgraded in the background, the window showing that
 * it is, and shown once it is done.
 *
 * Returns: %FALSE when the file could not be opened
 */
gboolean
pilote_window_load (PiloteWindow *self,
                    const char   *path)
{
  g_autoptr(GError) error = NULL;
  PiloteStore *store;

  g_return_val_if_fail (PILOTE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->store == NULL && self->loading_path == NULL, FALSE);

  if (pilote_store_needs_upgrade (path))
    {
      start_upgrade (self, path);
      return TRUE;
    }
  store = pilote_store_open (path, PILOTE_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      show_error (self, _("The File Could Not Be Opened"), error->message);
      return FALSE;
    }
  finish_load (self, store);
  return TRUE;
}

static void
open_path (PiloteWindow *self,
           const char   *path)
{
  PiloteApplication *app = PILOTE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  pilote_application_open_path (app, path, GTK_WINDOW (self));
}

static void
fill_recent (PiloteWindow *self)
{
  g_autolist(GtkRecentInfo) items = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  for (GList *l = items; l != NULL && shown < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (path == NULL || !g_str_has_suffix (path, ".pilote") ||
          !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      name = g_path_get_basename (path);
      dir = g_path_get_dirname (path);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_steal_pointer (&path), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
}

static void
recent_row_activated_cb (PiloteWindow  *self,
                         GtkListBoxRow *row)
{
  open_path (self, g_object_get_data (G_OBJECT (row), "path"));
}

static GtkFileFilter *
pilote_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pilote files"));
  gtk_file_filter_add_pattern (filter, "*.pilote");
  gtk_file_filter_add_mime_type (filter, "application/x-pilote");
  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  PiloteWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_path (self, path);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Pilote File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pilote_filter ());
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 PiloteWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *chosen = g_file_get_path (file);
      g_autofree char *path = chosen != NULL && !g_str_has_suffix (chosen, ".pilote")
                                ? g_strconcat (chosen, ".pilote", NULL) : g_strdup (chosen);
      g_autoptr(PiloteStore) store = NULL;
      g_autoptr(GError) error = NULL;

      /* an existing file is never replaced: pilote_store_create () says so */
      store = path != NULL ? pilote_store_create (path, &error) : NULL;
      if (store == NULL && error != NULL)
        show_error (self, _("The File Could Not Be Created"), error->message);
      else if (store != NULL)
        {
          g_clear_object (&store);
          open_path (self, path);
        }
    }
  g_object_unref (dialog);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("New Pilote File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pilote_filter ());
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Sales.pilote"));
  g_signal_connect (dialog, "response", G_CALLBACK (new_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The demo company is generated once, in the background, in the user's data folder. */

static void
generate_demo_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;

  g_mkdir_with_parents (dir, 0700);
  g_unlink (partial);
  pilote_demo_options_init (&options);
  store = pilote_store_create (partial, &error);
  if (store == NULL || !pilote_demo_generate (store, &options, &error))
    {
      g_clear_object (&store);
      g_unlink (partial);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  if (g_rename (partial, path) != 0)
    {
      g_task_return_new_error (task, PILOTE_ERROR, PILOTE_ERROR_IO,
                               _("The demo company could not be saved in “%s”."), dir);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
demo_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PiloteWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, _("The Demo Company Could Not Be Created"), error->message);
      return;
    }
  open_path (self, g_task_get_task_data (G_TASK (result)));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);
  g_autofree char *path = pilote_application_demo_path ();
  g_autoptr(GTask) task = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      open_path (self, path);
      return;
    }
  toast (self, _("Creating the demo company…"));
  gtk_widget_action_set_enabled (widget, "win.open-demo", FALSE);
  task = g_task_new (NULL, NULL, demo_ready_cb, g_object_ref (self));
  g_task_set_source_tag (task, open_demo_action);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, generate_demo_thread);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);

  if (self->store != NULL)
    pilote_window_show_view (self, g_variant_get_string (parameter, NULL));
}

/* Preferences: the file's own settings */

static void
save_setting (PiloteWindow *self,
              const char   *key,
              const char   *value)
{
  g_autoptr(GError) error = NULL;

  if (!pilote_store_set_setting (self->store, key, value, &error))
    toast (self, error->message);
  update_title (self);
}

static void
company_applied_cb (AdwEntryRow  *row,
                    PiloteWindow *self)
{
  save_setting (self, "company_name", gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
fiscal_selected_cb (AdwComboRow  *row,
                    GParamSpec   *pspec,
                    PiloteWindow *self)
{
  g_autofree char *month = g_strdup_printf ("%u", adw_combo_row_get_selected (row) + 1);

  save_setting (self, "fiscal_year_start", month);
}

static void
stale_changed_cb (GtkSpinButton *spin,
                  PiloteWindow  *self)
{
  g_autofree char *days = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  save_setting (self, "stale_deal_days", days);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);
  g_autofree char *company = pilote_store_get_setting (self->store, "company_name");
  g_autofree char *stale = pilote_store_get_setting (self->store, "stale_deal_days");
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  AdwPreferencesWindow *window;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *row, *spin;
  gboolean writable = !pilote_store_is_read_only (self->store);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (date, "%OB");

      gtk_string_list_append (months, name);
    }

  window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("This File"));
  adw_preferences_group_set_description (group, writable ? _("Shared by everyone who opens it.")
                                                        : _("The file is open read-only."));

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Company name"));
  gtk_editable_set_text (GTK_EDITABLE (row), company != NULL ? company : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_sensitive (row, writable);
  g_signal_connect (row, "apply", G_CALLBACK (company_applied_cb), self);
  adw_preferences_group_add (group, row);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Fiscal year starts in"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (months));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              pilote_store_get_fiscal_start (self->store) - 1);
  gtk_widget_set_sensitive (row, writable);
  g_signal_connect (row, "notify::selected", G_CALLBACK (fiscal_selected_cb), self);
  adw_preferences_group_add (group, row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Stalled deal after"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Days without a change of stage before a deal is flagged"));
  spin = gtk_spin_button_new_with_range (1, 365, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             stale != NULL ? g_ascii_strtod (stale, NULL) : 30);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (spin, writable);
  g_signal_connect (spin, "value-changed", G_CALLBACK (stale_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Currency"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pilote_store_get_currency (self->store));
  adw_preferences_group_add (group, row);

  adw_preferences_page_add (page, group);
  adw_preferences_window_add (window, page);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (pilote_stage_editor_new (self->store)));
  gtk_window_present (GTK_WINDOW (window));
}

/* Import */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (pilote_import_assistant_new (GTK_WINDOW (self),
                                                                 self->store)));
}

static void
import_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (pilote_import_history_new (GTK_WINDOW (self), self->store)));
}

/* Backups: after a restore, the file is opened again, in a new window
 * in place of this one, showing the same view */

static void
on_restored_cb (PiloteWindow *self,
                const char   *kept)
{
  PiloteApplication *app = PILOTE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *path = g_strdup (pilote_window_get_path (self));
  g_autofree char *view = g_strdup (pilote_window_get_view (self));
  PiloteWindow *window = pilote_window_new (app);

  gtk_window_destroy (GTK_WINDOW (self));
  if (!pilote_window_load (window, path))
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  pilote_window_show_view (window, view);
  gtk_window_present (GTK_WINDOW (window));
  toast (window, _("The backup copy was restored; the content it replaced was kept as a copy "
                   "too."));
}

static void
backups_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteWindow *self = PILOTE_WINDOW (widget);
  PiloteBackupsDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = pilote_backups_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Activities: a new one for a client (0: none), or one to open */

static PiloteActivitiesView *
activities_view (PiloteWindow *self)
{
  GtkWidget *view;

  if (self->store == NULL)
    return NULL;
  view = page_view (self, adw_view_stack_get_child_by_name (self->view_stack, "activities"), TRUE);
  if (!PILOTE_IS_ACTIVITIES_VIEW (view))
    return NULL;
  if (pilote_activities_view_get_store (PILOTE_ACTIVITIES_VIEW (view)) != self->store)
    pilote_activities_view_set_store (PILOTE_ACTIVITIES_VIEW (view), self->store);
  return PILOTE_ACTIVITIES_VIEW (view);
}

static void
new_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PiloteActivitiesView *view = activities_view (PILOTE_WINDOW (widget));

  if (view != NULL)
    pilote_activities_view_edit (view, 0, g_variant_get_int64 (parameter));
}

static void
open_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PiloteActivitiesView *view = activities_view (PILOTE_WINDOW (widget));

  if (view == NULL)
    return;
  pilote_window_show_view (PILOTE_WINDOW (widget), "activities");
  pilote_activities_view_edit (view, g_variant_get_int64 (parameter), 0);
}

/* The keyboard shortcuts, built when first asked for rather than with
 * every window (which GTK does for a gtk/help-overlay.ui resource) */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/app/pilote/Pilote/shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* Lifecycle */

static gboolean
pilote_window_close_request (GtkWindow *window)
{
  PiloteWindow *self = PILOTE_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (pilote_window_parent_class)->close_request (window);
}

static void
pilote_window_dispose (GObject *object)
{
  PiloteWindow *self = PILOTE_WINDOW (object);

  if (self->switcher_title != NULL)
    g_signal_handlers_disconnect_by_func (self->switcher_title, title_visible_cb, self);
  if (self->switcher_bar_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->switcher_bar_tick);
  self->switcher_bar_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_WINDOW);
  self->switcher_bar = NULL;
  g_clear_handle_id (&self->notifier_start_id, g_source_remove);
  g_clear_object (&self->notifier);
  g_clear_object (&self->watch);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  /* an upgrade still running ends in its thread; its store is closed */
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->loading_path, g_free);
  G_OBJECT_CLASS (pilote_window_parent_class)->dispose (object);
}

static void
pilote_window_class_init (PiloteWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pilote_window_close_request;

  g_type_ensure (PILOTE_TYPE_DASHBOARD);
  g_type_ensure (PILOTE_TYPE_PRESENCE_BUTTON);
  g_type_ensure (PILOTE_TYPE_REPORTS_VIEW);
  g_type_ensure (PILOTE_TYPE_PIPELINE_BOARD);
  g_type_ensure (PILOTE_TYPE_CLIENTS_VIEW);
  g_type_ensure (PILOTE_TYPE_ACTIVITIES_VIEW);
  g_type_ensure (PILOTE_TYPE_OBJECTIVES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, upgrade_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, identity_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, identity_avatar);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, presence_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, identity_popover);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, identity_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteWindow, dashboard);
  gtk_widget_class_bind_template_callback (widget_class, identity_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.new-activity", "x", new_activity_action);
  gtk_widget_class_install_action (widget_class, "win.open-activity", "x", open_activity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.new-activity", "x", (gint64) 0);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-history", NULL,
                                   import_history_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import",
                                       NULL);
}

static void
pilote_window_init (PiloteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (visible_view_changed_cb), self);
  g_signal_connect_swapped (self->identity_popover, "show", G_CALLBACK (fill_identities), self);

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-activity", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-activity", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-history", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backups", FALSE);
  fill_recent (self);
  update_title (self);
}
