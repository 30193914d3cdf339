/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pilote-import.h"
#include "pilote-types.h"

G_BEGIN_DECLS

const char *pilote_import_guess_field          (PiloteEntity               entity,
                                                const char                *header);
guint       pilote_import_guess_profile        (PiloteImportProfile       *profile,
                                                const char * const        *headers,
                                                guint                      n_headers);
const char *pilote_import_field_label          (PiloteEntity               entity,
                                                const char                *field);
gboolean    pilote_import_field_is_required    (PiloteEntity               entity,
                                                const char                *field);
gboolean    pilote_import_field_get_link       (PiloteEntity               entity,
                                                const char                *field,
                                                PiloteEntity              *link);

G_END_DECLS
