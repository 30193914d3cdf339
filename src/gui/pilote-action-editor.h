/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-record-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_ACTION_EDITOR (pilote_action_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActionEditor, pilote_action_editor, PILOTE, ACTION_EDITOR,
                      PiloteRecordEditor)

/*
 * PiloteActionEditor: the dialog that adds or edits an action of the plan
 * (title, owner, due date, status, linked objective, notes). Saving,
 * conflicts, deleting and the history are PiloteRecordEditor's.
 */

PiloteActionEditor *pilote_action_editor_new      (PiloteStore         *store,
                                                   gint64               action_id,
                                                   const PilotePeriod  *period,
                                                   gint64               owner_id,
                                                   GtkWindow           *parent,
                                                   GError             **error);
gboolean            pilote_action_editor_save     (PiloteActionEditor  *self,
                                                   GError             **error);
GtkWidget          *pilote_action_editor_get_row  (PiloteActionEditor  *self,
                                                   const char          *field);
const char         *pilote_action_editor_get_error_text (PiloteActionEditor *self);

G_END_DECLS
