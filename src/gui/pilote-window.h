/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-application.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_WINDOW (pilote_window_get_type ())
G_DECLARE_FINAL_TYPE (PiloteWindow, pilote_window, PILOTE, WINDOW, AdwApplicationWindow)

PiloteWindow *pilote_window_new       (PiloteApplication *application);
gboolean      pilote_window_load      (PiloteWindow      *self,
                                       const char        *path);
const char   *pilote_window_get_path  (PiloteWindow      *self);
PiloteStore  *pilote_window_get_store (PiloteWindow      *self);
void          pilote_window_show_view (PiloteWindow      *self,
                                       const char        *view);
const char   *pilote_window_get_view  (PiloteWindow      *self);

/* The names of the views, in switcher order, for --view and win.view */
extern const char *const pilote_window_view_names[];

G_END_DECLS
