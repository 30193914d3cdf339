/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-conflict.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_CONFLICT_DIALOG (pilote_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PiloteConflictDialog, pilote_conflict_dialog, PILOTE, CONFLICT_DIALOG,
                      AdwWindow)

PiloteConflictDialog *pilote_conflict_dialog_new           (GtkWindow            *parent,
                                                            PiloteStore          *store,
                                                            PiloteConflict       *conflict,
                                                            const char           *thing);
PiloteConflict       *pilote_conflict_dialog_get_conflict  (PiloteConflictDialog *self);
gboolean              pilote_conflict_dialog_get_take_mine (PiloteConflictDialog *self,
                                                            const char           *field);
void                  pilote_conflict_dialog_set_take_mine (PiloteConflictDialog *self,
                                                            const char           *field,
                                                            gboolean              take_mine);
void                  pilote_conflict_dialog_response      (PiloteConflictDialog *self,
                                                            const char           *response);

G_END_DECLS
