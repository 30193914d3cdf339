/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-period.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_OBJECTIVE_SPREAD (pilote_objective_spread_get_type ())
G_DECLARE_FINAL_TYPE (PiloteObjectiveSpread, pilote_objective_spread, PILOTE, OBJECTIVE_SPREAD,
                      AdwWindow)

PiloteObjectiveSpread *pilote_objective_spread_new   (PiloteStore           *store,
                                                      const PilotePeriod    *period,
                                                      PiloteScope            scope,
                                                      gint64                 scope_id,
                                                      GtkWindow             *parent);
gboolean               pilote_objective_spread_apply (PiloteObjectiveSpread  *self,
                                                      GError               **error);
const gint64          *pilote_objective_spread_get_parts (PiloteObjectiveSpread *self);

G_END_DECLS
