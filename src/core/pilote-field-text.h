/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

const char *pilote_field_text_enum_label (GType         enum_type,
                                          int           value);

char *pilote_field_text_display (PiloteStore  *store,
                                 PiloteEntity  entity,
                                 const char   *field,
                                 const char   *value);

G_END_DECLS
