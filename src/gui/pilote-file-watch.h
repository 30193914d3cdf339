/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pilote-store.h"

G_BEGIN_DECLS

/* how often the file is asked whether someone else committed */
#define PILOTE_FILE_WATCH_POLL_MS 1500

#define PILOTE_TYPE_FILE_WATCH (pilote_file_watch_get_type ())
G_DECLARE_FINAL_TYPE (PiloteFileWatch, pilote_file_watch, PILOTE, FILE_WATCH, GObject)

PiloteFileWatch *pilote_file_watch_new        (PiloteStore     *store);
PiloteStore     *pilote_file_watch_get_store  (PiloteFileWatch *self);
GPtrArray       *pilote_file_watch_get_others (PiloteFileWatch *self);
void             pilote_file_watch_heartbeat  (PiloteFileWatch *self);
void             pilote_file_watch_poll       (PiloteFileWatch *self);

G_END_DECLS
