/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-activity-notifier.h"
#include "pilote-activity-row.h"
#include "pilote-agenda.h"
#include "pilote-application.h"
#include "pilote-window.h"

/*
 * Desktop notifications for the activities falling due while Pilote runs.
 * Every minute, one query on the index of open activities lists those of
 * who you are in the file (or nobody's, when you have not said who you
 * are) due from when the file was opened to PILOTE_ACTIVITY_NOTIFY_LEAD
 * minutes from now; it runs in a worker thread on a read-only connection
 * of its own, so that a busy file never stalls the window. Each activity
 * is announced once per due time (a rescheduled one again at its new
 * time). Clicking a notification opens the activity ("app.open-activity").
 */

#define TICK_SECONDS 60
#define MAX_PER_CHECK 20
/* overdue by more than this when the check runs: too late to announce */
#define MAX_LATE_HOURS 12

struct _PiloteActivityNotifier
{
  GObject                   parent_instance;

  GApplication             *application;   /* weak */
  PiloteStore              *store;         /* the window's: its path and who you are */
  PiloteStore              *reader;        /* read-only, used by one check at a time */
  GDateTime                *now;           /* pinned by tests; NULL: the clock */
  GDateTime                *started;
  GHashTable               *sent;          /* notification ids already sent */
  GCancellable             *cancellable;
  guint                     tick_id;
  gboolean                  busy;
  PiloteActivityNotifySink  sink;
  gpointer                  sink_data;
};

G_DEFINE_FINAL_TYPE (PiloteActivityNotifier, pilote_activity_notifier, G_TYPE_OBJECT)

typedef struct {
  GWeakRef     notifier;
  char        *path;
  PiloteStore *reader;
  gint64       owner_id;
  char         from[PILOTE_AGENDA_STAMP_LEN];
  char         to[PILOTE_AGENDA_STAMP_LEN];
  GPtrArray   *items;
} Check;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_weak_ref_clear (&check->notifier);
  g_free (check->path);
  g_clear_object (&check->reader);
  g_clear_pointer (&check->items, g_ptr_array_unref);
  g_free (check);
}

static GDateTime *
get_now (PiloteActivityNotifier *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

/* Opening an activity from its notification */

static void
open_activity_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  const char *path;
  gint64 activity_id;

  g_variant_get (parameter, "(&sx)", &path, &activity_id);
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (!PILOTE_IS_WINDOW (l->data) || g_strcmp0 (pilote_window_get_path (l->data), path) != 0)
        continue;
      gtk_window_present (GTK_WINDOW (l->data));
      gtk_widget_activate_action (GTK_WIDGET (l->data), "win.open-activity", "x", activity_id);
      return;
    }
  /* the window was closed since: open the file again, then the activity */
  if (PILOTE_IS_APPLICATION (application))
    {
      pilote_application_open_path (PILOTE_APPLICATION (application), path, NULL);
      for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
        if (PILOTE_IS_WINDOW (l->data) && g_strcmp0 (pilote_window_get_path (l->data), path) == 0)
          gtk_widget_activate_action (GTK_WIDGET (l->data), "win.open-activity", "x",
                                      activity_id);
    }
}

static void
ensure_app_action (GApplication *application)
{
  g_autoptr(GSimpleAction) action = NULL;

  if (!GTK_IS_APPLICATION (application) ||
      g_action_map_lookup_action (G_ACTION_MAP (application), "open-activity") != NULL)
    return;
  action = g_simple_action_new ("open-activity", G_VARIANT_TYPE ("(sx)"));
  g_signal_connect_object (action, "activate", G_CALLBACK (open_activity_cb), application, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
}

/* Checking */

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  GError *error = NULL;

  if (check->reader == NULL)
    check->reader = pilote_store_open (check->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (check->reader != NULL)
    check->items = pilote_agenda_due_soon (check->reader, check->owner_id, check->from,
                                           check->to, MAX_PER_CHECK, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GNotification *
build_notification (PiloteActivityNotifier *self,
                    const PiloteAgendaItem *item,
                    GDateTime              *now)
{
  g_autoptr(GDateTime) due = pilote_agenda_parse_stamp (item->due_at);
  g_autofree char *when = due != NULL ? pilote_activity_format_relative (due, now) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new (pilote_activity_kind_get_icon_name (item->kind));
  GNotification *notification;

  /* Translators: a notification's title: the kind of activity, then its subject */
  title = g_strdup_printf (_("%s: %s"), pilote_activity_kind_get_label (item->kind),
                           item->subject);
  if (item->client != NULL)
    /* Translators: when an activity is due ("in 10 minutes"), then its client */
    body = g_strdup_printf (_("Due %s · %s"), when, item->client);
  else
    /* Translators: when an activity is due ("in 10 minutes") */
    body = g_strdup_printf (_("Due %s"), when);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action_and_target (notification, "app.open-activity", "(sx)",
                                                pilote_store_get_path (self->store),
                                                item->activity_id);
  return notification;
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Check *check = g_task_get_task_data (G_TASK (result));
  g_autoptr(PiloteActivityNotifier) self = g_weak_ref_get (&check->notifier);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint hash;

  /* a notifier let go of (its window closed) announces nothing more */
  if (self == NULL)
    return;
  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Could not check the activities falling due: %s", error->message);
      return;
    }
  if (self->reader == NULL)
    self->reader = g_steal_pointer (&check->reader);
  if (g_cancellable_is_cancelled (self->cancellable) || check->items == NULL)
    return;

  now = get_now (self);
  hash = g_str_hash (check->path);
  for (guint i = 0; i < check->items->len; i++)
    {
      const PiloteAgendaItem *item = g_ptr_array_index (check->items, i);
      g_autofree char *id = g_strdup_printf ("activity-%x-%" G_GINT64_FORMAT "-%s", hash,
                                             item->activity_id, item->due_at);
      g_autoptr(GNotification) notification = NULL;

      if (g_hash_table_contains (self->sent, id))
        continue;
      notification = build_notification (self, item, now);
      if (self->sink != NULL)
        self->sink (self, id, notification, item->activity_id, self->sink_data);
      else if (self->application != NULL)
        g_application_send_notification (self->application, id, notification);
      g_hash_table_add (self->sent, g_steal_pointer (&id));
    }
}

/**
 * pilote_activity_notifier_check:
 *
 * Looks for activities falling due now, in the background (a check still
 * running is not doubled).
 */
void
pilote_activity_notifier_check (PiloteActivityNotifier *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) horizon = NULL;
  g_autoptr(GDateTime) earliest = NULL;
  GDateTime *from;
  Check *check;

  g_return_if_fail (PILOTE_IS_ACTIVITY_NOTIFIER (self));

  if (self->busy || pilote_store_get_path (self->store) == NULL)
    return;
  now = get_now (self);
  if (self->started == NULL)
    self->started = g_date_time_ref (now);
  horizon = g_date_time_add_minutes (now, PILOTE_ACTIVITY_NOTIFY_LEAD);
  earliest = g_date_time_add_hours (now, -MAX_LATE_HOURS);
  from = g_date_time_compare (self->started, earliest) > 0 ? self->started : earliest;

  check = g_new0 (Check, 1);
  g_weak_ref_init (&check->notifier, self);
  check->path = g_strdup (pilote_store_get_path (self->store));
  check->reader = self->reader != NULL ? g_object_ref (self->reader) : NULL;
  check->owner_id = pilote_store_get_member_id (self->store);
  pilote_agenda_format_stamp (from, check->from);
  pilote_agenda_format_stamp (horizon, check->to);

  self->busy = TRUE;
  /* the check does not keep the notifier (and the window's file) alive */
  task = g_task_new (NULL, self->cancellable, check_done_cb, NULL);
  g_task_set_source_tag (task, pilote_activity_notifier_check);
  g_task_set_task_data (task, check, check_free);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
tick_cb (gpointer data)
{
  pilote_activity_notifier_check (PILOTE_ACTIVITY_NOTIFIER (data));
  return G_SOURCE_CONTINUE;
}

/**
 * pilote_activity_notifier_start:
 *
 * Checks now, then every minute, until stopped.
 */
void
pilote_activity_notifier_start (PiloteActivityNotifier *self)
{
  g_return_if_fail (PILOTE_IS_ACTIVITY_NOTIFIER (self));

  if (self->tick_id != 0)
    return;
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  pilote_activity_notifier_check (self);
}

void
pilote_activity_notifier_stop (PiloteActivityNotifier *self)
{
  g_return_if_fail (PILOTE_IS_ACTIVITY_NOTIFIER (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

gboolean
pilote_activity_notifier_is_busy (PiloteActivityNotifier *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITY_NOTIFIER (self), FALSE);
  return self->busy;
}

/**
 * pilote_activity_notifier_set_now:
 * @now: (nullable): the moment checks are made at; %NULL for the clock
 */
void
pilote_activity_notifier_set_now (PiloteActivityNotifier *self,
                                  GDateTime              *now)
{
  g_return_if_fail (PILOTE_IS_ACTIVITY_NOTIFIER (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
}

/**
 * pilote_activity_notifier_set_sink:
 * @sink: (nullable): where notifications go; %NULL for the desktop
 */
void
pilote_activity_notifier_set_sink (PiloteActivityNotifier   *self,
                                   PiloteActivityNotifySink  sink,
                                   gpointer                  user_data)
{
  g_return_if_fail (PILOTE_IS_ACTIVITY_NOTIFIER (self));

  self->sink = sink;
  self->sink_data = user_data;
}

static void
pilote_activity_notifier_dispose (GObject *object)
{
  PiloteActivityNotifier *self = PILOTE_ACTIVITY_NOTIFIER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = NULL;
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_activity_notifier_parent_class)->dispose (object);
}

static void
pilote_activity_notifier_finalize (GObject *object)
{
  PiloteActivityNotifier *self = PILOTE_ACTIVITY_NOTIFIER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->sent, g_hash_table_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->started, g_date_time_unref);
  G_OBJECT_CLASS (pilote_activity_notifier_parent_class)->finalize (object);
}

static void
pilote_activity_notifier_class_init (PiloteActivityNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pilote_activity_notifier_dispose;
  G_OBJECT_CLASS (klass)->finalize = pilote_activity_notifier_finalize;
}

static void
pilote_activity_notifier_init (PiloteActivityNotifier *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * pilote_activity_notifier_new:
 * @application: (nullable): the application that sends the notifications
 * @store: the window's file: whose activities (who you are in it) and
 *   which file to read
 */
PiloteActivityNotifier *
pilote_activity_notifier_new (GApplication *application,
                              PiloteStore  *store)
{
  PiloteActivityNotifier *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  self = g_object_new (PILOTE_TYPE_ACTIVITY_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  if (application != NULL)
    {
      self->application = application;
      g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
      ensure_app_action (application);
    }
  return self;
}
