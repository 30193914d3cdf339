/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-record-editor.h"
#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_ACTIVITY_EDITOR (pilote_activity_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteActivityEditor, pilote_activity_editor, PILOTE, ACTIVITY_EDITOR,
                      PiloteRecordEditor)

PiloteActivityEditor *pilote_activity_editor_new             (PiloteStore           *store,
                                                              gint64                 activity_id,
                                                              gint64                 client_id,
                                                              PiloteActivityKind     kind,
                                                              GDateTime             *now,
                                                              GtkWindow             *parent,
                                                              GError               **error);
gint64                pilote_activity_editor_get_activity_id (PiloteActivityEditor  *self);
void                  pilote_activity_editor_set_client      (PiloteActivityEditor  *self,
                                                              gint64                 client_id,
                                                              const char            *name);
void                  pilote_activity_editor_search_clients  (PiloteActivityEditor  *self,
                                                              const char            *text);
gboolean              pilote_activity_editor_save            (PiloteActivityEditor  *self,
                                                              GError               **error);
GtkWidget            *pilote_activity_editor_get_conflict_dialog (PiloteActivityEditor *self);

G_END_DECLS
