/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

/**
 * PiloteImportBatch:
 * @id: the batch number, what pilote_import_undo () takes
 * @entity: what it imported
 * @source: (nullable): the CSV file's name
 * @imported_at: when, UTC ISO 8601
 * @imported_by: (nullable): who, by name
 * @inserted: records added
 * @updated: records changed
 * @created: related records created on the way
 * @undone_at: (nullable): when it was undone
 * @profile: (nullable): the import profile it used, as the text of its key
 *   file (a first comment line names the file it was read from)
 *
 * One import, as the import history lists it.
 */
typedef struct {
  gint64        id;
  PiloteEntity  entity;
  char         *source;
  char         *imported_at;
  char         *imported_by;
  gint64        inserted;
  gint64        updated;
  gint64        created;
  char         *undone_at;
  char         *profile;
} PiloteImportBatch;

void       pilote_import_batch_free    (PiloteImportBatch *batch);
GPtrArray *pilote_import_batch_list    (PiloteStore       *store,
                                        guint              limit,
                                        guint              offset,
                                        GError           **error);
gint64     pilote_import_batch_count   (PiloteStore       *store,
                                        GError           **error);
PiloteImportBatch *pilote_import_batch_find_for_record (PiloteStore  *store,
                                                        const char   *table,
                                                        gint64        id,
                                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteImportBatch, pilote_import_batch_free)

G_END_DECLS
