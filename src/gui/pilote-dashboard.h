/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_DASHBOARD (pilote_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (PiloteDashboard, pilote_dashboard, PILOTE, DASHBOARD, GtkWidget)

GtkWidget   *pilote_dashboard_new        (void);
PiloteStore *pilote_dashboard_get_store  (PiloteDashboard *self);
void         pilote_dashboard_set_store  (PiloteDashboard *self,
                                          PiloteStore     *store);
gboolean     pilote_dashboard_get_busy   (PiloteDashboard *self);
void         pilote_dashboard_refresh    (PiloteDashboard *self);

G_END_DECLS
