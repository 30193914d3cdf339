/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_IMPORT_HISTORY (pilote_import_history_get_type ())

G_DECLARE_FINAL_TYPE (PiloteImportHistory, pilote_import_history, PILOTE, IMPORT_HISTORY, AdwWindow)

PiloteImportHistory *pilote_import_history_new             (GtkWindow            *parent,
                                                            PiloteStore          *store);
void                 pilote_import_history_reload          (PiloteImportHistory  *self);
GtkListBox          *pilote_import_history_get_list        (PiloteImportHistory  *self);
void                 pilote_import_history_undo_batch      (PiloteImportHistory  *self,
                                                            gint64                batch_id);

GtkWidget           *pilote_import_history_undo_dialog_new (GtkWindow            *parent);
void                 pilote_import_history_undo_async      (PiloteStore          *store,
                                                            gint64                batch_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             pilote_import_history_undo_finish     (GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
