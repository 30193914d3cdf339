/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-period.h"
#include "pilote-record-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_OBJECTIVE_EDITOR (pilote_objective_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteObjectiveEditor, pilote_objective_editor, PILOTE, OBJECTIVE_EDITOR,
                      PiloteRecordEditor)

PiloteObjectiveEditor *pilote_objective_editor_new        (PiloteStore           *store,
                                                           gint64                 objective_id,
                                                           gboolean               qualitative,
                                                           const PilotePeriod    *period,
                                                           PiloteScope            scope,
                                                           gint64                 scope_id,
                                                           GtkWindow             *parent,
                                                           GError               **error);
gint64                 pilote_objective_editor_get_objective_id (PiloteObjectiveEditor *self);
gboolean               pilote_objective_editor_save       (PiloteObjectiveEditor  *self,
                                                           GError               **error);

G_END_DECLS
