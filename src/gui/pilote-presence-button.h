/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-file-watch.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_PRESENCE_BUTTON (pilote_presence_button_get_type ())
G_DECLARE_FINAL_TYPE (PilotePresenceButton, pilote_presence_button, PILOTE, PRESENCE_BUTTON,
                      GtkWidget)

GtkWidget       *pilote_presence_button_new       (void);
PiloteFileWatch *pilote_presence_button_get_watch (PilotePresenceButton *self);
void             pilote_presence_button_set_watch (PilotePresenceButton *self,
                                                   PiloteFileWatch      *watch);
guint            pilote_presence_button_get_count (PilotePresenceButton *self);

G_END_DECLS
