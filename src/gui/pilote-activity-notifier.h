/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_ACTIVITY_NOTIFIER (pilote_activity_notifier_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActivityNotifier, pilote_activity_notifier, PILOTE,
                      ACTIVITY_NOTIFIER, GObject)

/**
 * PiloteActivityNotifySink:
 * @id: the notification's id, one per activity and due time
 * @notification: what to show
 * @activity_id: the activity it announces
 *
 * Where notifications go instead of the desktop (for tests).
 */
typedef void (*PiloteActivityNotifySink) (PiloteActivityNotifier *notifier,
                                          const char             *id,
                                          GNotification          *notification,
                                          gint64                  activity_id,
                                          gpointer                user_data);

/* minutes before an activity falls due that it is announced */
#define PILOTE_ACTIVITY_NOTIFY_LEAD 10

PiloteActivityNotifier *pilote_activity_notifier_new      (GApplication             *application,
                                                           PiloteStore              *store);
void                    pilote_activity_notifier_start    (PiloteActivityNotifier   *self);
void                    pilote_activity_notifier_stop     (PiloteActivityNotifier   *self);
void                    pilote_activity_notifier_check    (PiloteActivityNotifier   *self);
gboolean                pilote_activity_notifier_is_busy  (PiloteActivityNotifier   *self);
void                    pilote_activity_notifier_set_now  (PiloteActivityNotifier   *self,
                                                           GDateTime                *now);
void                    pilote_activity_notifier_set_sink (PiloteActivityNotifier   *self,
                                                           PiloteActivityNotifySink  sink,
                                                           gpointer                  user_data);

G_END_DECLS
