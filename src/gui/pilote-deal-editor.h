/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-record-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_DEAL_EDITOR (pilote_deal_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteDealEditor, pilote_deal_editor, PILOTE, DEAL_EDITOR,
                      PiloteRecordEditor)

PiloteDealEditor *pilote_deal_editor_new         (PiloteStore       *store,
                                                  gint64             deal_id,
                                                  const GDate       *today,
                                                  GtkWindow         *parent,
                                                  GError           **error);
gint64            pilote_deal_editor_get_deal_id (PiloteDealEditor  *self);
gboolean          pilote_deal_editor_save        (PiloteDealEditor  *self,
                                                  GError           **error);

G_END_DECLS
