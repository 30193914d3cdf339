/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

/**
 * PiloteHistoryChange:
 * @field: the field's name in the schema ("amount", "stage_id"…)
 * @label: (nullable): the field's label, translated
 * @old_value: (nullable): the value before, as stored (amounts in cents,
 *   links as ids); %NULL when empty
 * @new_value: (nullable): the value after
 */
typedef struct {
  char *field;
  char *label;
  char *old_value;
  char *new_value;
} PiloteHistoryChange;

/**
 * PiloteHistoryEntry:
 * @action: "insert", "update", "delete" or "restore"; "import" for a
 *   record added by a bulk import, which has no entry of its own (its one
 *   change, "source", names the file)
 * @changed_at: when (UTC ISO 8601)
 * @changed_by: the member who made the change, 0 when unknown
 * @changed_by_name: (nullable): that member's name
 * @batch_id: the import the change belongs to, 0 for none
 * @changes: (element-type PiloteHistoryChange): the fields changed
 */
typedef struct {
  gint64     id;
  char      *action;
  char      *changed_at;
  gint64     changed_by;
  char      *changed_by_name;
  gint64     batch_id;
  GPtrArray *changes;
} PiloteHistoryEntry;

GPtrArray *pilote_history_list       (PiloteStore         *store,
                                      PiloteEntity         entity,
                                      gint64               row_id,
                                      guint                limit,
                                      guint                offset,
                                      GError             **error);
gint64     pilote_history_count      (PiloteStore         *store,
                                      PiloteEntity         entity,
                                      gint64               row_id,
                                      GError             **error);
void       pilote_history_entry_free (PiloteHistoryEntry  *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteHistoryEntry, pilote_history_entry_free)

G_END_DECLS
