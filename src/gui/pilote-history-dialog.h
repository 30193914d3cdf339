/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_HISTORY_DIALOG (pilote_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PiloteHistoryDialog, pilote_history_dialog, PILOTE, HISTORY_DIALOG,
                      AdwWindow)

PiloteHistoryDialog *pilote_history_dialog_new        (GtkWindow           *parent,
                                                       PiloteStore         *store,
                                                       PiloteEntity         entity,
                                                       gint64               row_id,
                                                       const char          *thing);
gboolean             pilote_history_dialog_is_loading (PiloteHistoryDialog *self);
guint                pilote_history_dialog_get_n_shown (PiloteHistoryDialog *self);
GtkListBox          *pilote_history_dialog_get_list   (PiloteHistoryDialog *self);
void                 pilote_history_dialog_show_more  (PiloteHistoryDialog *self);

G_END_DECLS
