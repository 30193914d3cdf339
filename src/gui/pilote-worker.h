/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-store.h"

G_BEGIN_DECLS

GTask *pilote_worker_task_new (gpointer             object,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback);

typedef struct _PiloteReaderSlot PiloteReaderSlot;

PiloteReaderSlot *pilote_reader_slot_new       (void);
PiloteReaderSlot *pilote_reader_slot_ref       (PiloteReaderSlot  *slot);
void              pilote_reader_slot_unref     (PiloteReaderSlot  *slot);
PiloteStore      *pilote_reader_slot_take      (PiloteReaderSlot  *slot,
                                                const char        *path,
                                                GError           **error);
void              pilote_reader_slot_give_back (PiloteReaderSlot  *slot,
                                                PiloteStore       *reader);
void              pilote_reader_slot_clear     (PiloteReaderSlot  *slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteReaderSlot, pilote_reader_slot_unref)

G_END_DECLS
