/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-record-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_CONTACT_EDITOR (pilote_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteContactEditor, pilote_contact_editor, PILOTE, CONTACT_EDITOR,
                      PiloteRecordEditor)

PiloteContactEditor *pilote_contact_editor_new       (PiloteStore          *store,
                                                      gint64                client_id,
                                                      gint64                contact_id,
                                                      GtkWindow            *parent,
                                                      GError              **error);
GtkEditable         *pilote_contact_editor_get_entry (PiloteContactEditor  *self,
                                                      const char           *field);
gboolean             pilote_contact_editor_save      (PiloteContactEditor  *self,
                                                      GError              **error);
const char          *pilote_contact_editor_get_error (PiloteContactEditor  *self);

G_END_DECLS
