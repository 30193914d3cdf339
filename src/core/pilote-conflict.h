/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-record.h"

G_BEGIN_DECLS

/**
 * PiloteConflictField:
 * @name: the field's name in the schema
 * @label: the field's label, translated
 * @original: (nullable): the value when the record was loaded, as stored
 * @mine: (nullable): the value being saved
 * @theirs: (nullable): the value someone else saved meanwhile
 * @take_mine: whether the merged record keeps @mine (else @theirs);
 *   starts as what loses nothing: mine where only I changed the field or
 *   where we both did, theirs where only they did
 *
 * One field that differs between the three versions.
 */
typedef struct {
  const char *name;
  const char *label;
  char       *original;
  char       *mine;
  char       *theirs;
  gboolean    take_mine;
} PiloteConflictField;

/**
 * PiloteConflict:
 * @deleted: someone else deleted the record meanwhile
 * @theirs: the record as it is stored now
 * @fields: (element-type PiloteConflictField): the fields that differ
 *   between any two of the three versions
 * @changed_by_name: (nullable): who saved @theirs
 */
typedef struct {
  PiloteEntity   entity;
  PiloteRecord  *original;
  PiloteRecord  *mine;
  PiloteRecord  *theirs;
  gboolean       deleted;
  char          *changed_by_name;
  GPtrArray     *fields;
} PiloteConflict;

PiloteConflict *pilote_conflict_new     (PiloteStore     *store,
                                         gconstpointer    original,
                                         gconstpointer    mine,
                                         GError         **error);
guint           pilote_conflict_count_both (PiloteConflict *conflict);
gpointer        pilote_conflict_merge   (PiloteConflict  *conflict);
void            pilote_conflict_free    (PiloteConflict  *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteConflict, pilote_conflict_free)

G_END_DECLS
