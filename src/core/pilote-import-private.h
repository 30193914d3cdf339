/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-import.h"
#include "pilote-record-private.h"

G_BEGIN_DECLS

struct _PiloteImportProfile {
  PiloteEntity      entity;
  PiloteCsvOptions  options;
  GHashTable       *columns;    /* field → column header */
  GHashTable       *defaults;   /* field → value */
  GHashTable       *aliases;    /* "field\x1f" folded name → name in Pilote */
  GHashTable       *create;     /* link fields whose missing records may be created */
  char             *group_by;   /* column whose rows form one deal */
};

gboolean  pilote_import_field_is_valid (PiloteEntity  entity,
                                        const char   *field);
char     *pilote_import_alias_key      (const char   *field,
                                        const char   *name);

G_END_DECLS
