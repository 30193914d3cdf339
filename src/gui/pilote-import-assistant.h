/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-import.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_IMPORT_ASSISTANT (pilote_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (PiloteImportAssistant, pilote_import_assistant, PILOTE, IMPORT_ASSISTANT,
                      AdwWindow)

PiloteImportAssistant *pilote_import_assistant_new          (GtkWindow             *parent,
                                                             PiloteStore           *store);
PiloteStore           *pilote_import_assistant_get_store    (PiloteImportAssistant *self);
gboolean               pilote_import_assistant_set_file     (PiloteImportAssistant *self,
                                                             const char            *path,
                                                             GError               **error);
void                   pilote_import_assistant_set_entity   (PiloteImportAssistant *self,
                                                             PiloteEntity           entity);
PiloteEntity           pilote_import_assistant_get_entity   (PiloteImportAssistant *self);
gboolean               pilote_import_assistant_load_profile (PiloteImportAssistant *self,
                                                             const char            *path,
                                                             GError               **error);
gboolean               pilote_import_assistant_save_profile (PiloteImportAssistant *self,
                                                             const char            *path,
                                                             GError               **error);
const char            *pilote_import_assistant_get_step     (PiloteImportAssistant *self);

G_END_DECLS
