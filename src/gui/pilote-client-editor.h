/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-record-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_CLIENT_EDITOR (pilote_client_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteClientEditor, pilote_client_editor, PILOTE, CLIENT_EDITOR,
                      PiloteRecordEditor)

PiloteClientEditor *pilote_client_editor_new                 (PiloteStore         *store,
                                                              gint64               client_id,
                                                              GtkWindow           *parent,
                                                              GError             **error);
gint64              pilote_client_editor_get_client_id       (PiloteClientEditor  *self);
GtkEditable        *pilote_client_editor_get_entry           (PiloteClientEditor  *self,
                                                              const char          *field);
gboolean            pilote_client_editor_save                (PiloteClientEditor  *self,
                                                              GError             **error);
GtkWidget          *pilote_client_editor_get_conflict_dialog (PiloteClientEditor  *self);
const char         *pilote_client_editor_get_error           (PiloteClientEditor  *self);

G_END_DECLS
