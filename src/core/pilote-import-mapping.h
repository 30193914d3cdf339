/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pilote-import.h"

G_BEGIN_DECLS

/**
 * PiloteImportAlias:
 * @from: the name as the file writes it (folded: without case or accents)
 * @to: the name of the record in Pilote
 */
typedef struct {
  char *from;
  char *to;
} PiloteImportAlias;

PiloteImportProfile *pilote_import_profile_copy              (const PiloteImportProfile *profile);
const char          *pilote_import_profile_get_column        (const PiloteImportProfile *profile,
                                                              const char                *field);
const char          *pilote_import_profile_get_default       (const PiloteImportProfile *profile,
                                                              const char                *field);
gboolean             pilote_import_profile_get_create_missing (const PiloteImportProfile *profile,
                                                               const char               *field);
const char          *pilote_import_profile_get_group_by      (const PiloteImportProfile *profile);
GPtrArray           *pilote_import_profile_get_aliases       (const PiloteImportProfile *profile,
                                                              const char                *field);
void                 pilote_import_profile_remove_alias      (PiloteImportProfile       *profile,
                                                              const char                *field,
                                                              const char                *from);
void                 pilote_import_alias_free                (PiloteImportAlias         *alias);

G_END_DECLS
