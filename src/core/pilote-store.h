/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-location.h"
#include "pilote-types.h"

G_BEGIN_DECLS

/* "PLOT": the application_id of every Pilote file */
#define PILOTE_APPLICATION_ID 0x504C4F54
#define PILOTE_SCHEMA_VERSION 17

#define PILOTE_TYPE_STORE (pilote_store_get_type ())
G_DECLARE_FINAL_TYPE (PiloteStore, pilote_store, PILOTE, STORE, GObject)

typedef enum {
  PILOTE_STORE_OPEN_DEFAULT = 0,
  /* create the file when it does not exist */
  PILOTE_STORE_OPEN_CREATE = 1 << 0,
  /* never write, even when the file could be written */
  PILOTE_STORE_OPEN_READ_ONLY = 1 << 1,
} PiloteStoreOpenFlags;

PiloteStore *pilote_store_open                (const char            *path,
                                               PiloteStoreOpenFlags   flags,
                                               GError               **error);
gboolean     pilote_store_needs_upgrade       (const char            *path);
PiloteStore *pilote_store_create              (const char            *path,
                                               GError               **error);
const char  *pilote_store_get_path            (PiloteStore           *self);
gboolean     pilote_store_is_read_only        (PiloteStore           *self);
const char  *pilote_store_get_backup_path     (PiloteStore           *self);

gint64       pilote_store_get_member_id       (PiloteStore           *self);
void         pilote_store_set_member_id       (PiloteStore           *self,
                                               gint64                 member_id);
void         pilote_store_set_cache_size      (PiloteStore           *self,
                                               guint                  kib);

char        *pilote_store_get_setting         (PiloteStore           *self,
                                               const char            *key);
gboolean     pilote_store_set_setting         (PiloteStore           *self,
                                               const char            *key,
                                               const char            *value,
                                               GError               **error);
const char  *pilote_store_get_currency        (PiloteStore           *self);
GDateMonth   pilote_store_get_fiscal_start    (PiloteStore           *self);

gboolean     pilote_store_begin_write         (PiloteStore           *self,
                                               GError               **error);
gboolean     pilote_store_commit              (PiloteStore           *self,
                                               GError               **error);
void         pilote_store_rollback            (PiloteStore           *self);

gint64       pilote_store_get_data_version    (PiloteStore           *self);
char        *pilote_store_get_content_stamp   (PiloteStore           *self);
gboolean     pilote_store_is_idle             (PiloteStore           *self);

const PiloteLocation *
             pilote_store_get_location        (PiloteStore           *self);
char        *pilote_store_get_journal_mode    (PiloteStore           *self);

gboolean     pilote_store_check               (PiloteStore           *self,
                                               GPtrArray            **problems,
                                               GError               **error);

G_END_DECLS
