/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_BACKUPS_DIALOG (pilote_backups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PiloteBackupsDialog, pilote_backups_dialog, PILOTE, BACKUPS_DIALOG,
                      AdwWindow)

PiloteBackupsDialog *pilote_backups_dialog_new       (GtkWindow           *parent,
                                                      PiloteStore         *store);
GtkListBox          *pilote_backups_dialog_get_list  (PiloteBackupsDialog *self);
const char          *pilote_backups_dialog_get_backup (PiloteBackupsDialog *self,
                                                      guint                index);
gboolean             pilote_backups_dialog_is_busy   (PiloteBackupsDialog *self);
void                 pilote_backups_dialog_back_up_now (PiloteBackupsDialog *self);
GtkWidget           *pilote_backups_dialog_restore   (PiloteBackupsDialog *self,
                                                      guint                index);

G_END_DECLS
