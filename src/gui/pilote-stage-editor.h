/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_STAGE_EDITOR (pilote_stage_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteStageEditor, pilote_stage_editor, PILOTE, STAGE_EDITOR,
                      AdwPreferencesPage)

GtkWidget   *pilote_stage_editor_new       (PiloteStore       *store);
PiloteStore *pilote_stage_editor_get_store (PiloteStageEditor *self);

G_END_DECLS
