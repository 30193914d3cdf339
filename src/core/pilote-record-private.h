/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pilote-record.h"
#include "pilote-store-private.h"

G_BEGIN_DECLS

typedef enum {
  PILOTE_FIELD_TEXT,       /* char *, NULL when empty */
  PILOTE_FIELD_DATE,       /* char *, "YYYY-MM-DD" */
  PILOTE_FIELD_TIMESTAMP,  /* char *, UTC ISO 8601 */
  PILOTE_FIELD_INT,        /* gint64 */
  PILOTE_FIELD_MONEY,      /* gint64 minor units */
  PILOTE_FIELD_REAL,       /* double, NAN when NULL */
  PILOTE_FIELD_BOOL,       /* gboolean */
  PILOTE_FIELD_LINK,       /* gint64 id of a record of @link, 0 when NULL */
  PILOTE_FIELD_ID,         /* gint64 id of a record whose entity depends on the row */
  PILOTE_FIELD_ENUM,       /* int, stored as its nick */
} PiloteFieldType;

typedef enum {
  PILOTE_FIELD_REQUIRED = 1 << 0,  /* not empty, not NULL */
  PILOTE_FIELD_DERIVED  = 1 << 1,  /* computed by the store, never written by the caller */
  PILOTE_FIELD_SEARCH   = 1 << 2,  /* searched by a query's search words */
  PILOTE_FIELD_NAME     = 1 << 3,  /* what find_by_name () matches */
  PILOTE_FIELD_NULLABLE = 1 << 4,  /* INT or MONEY: G_MININT64 stands for NULL */
  PILOTE_FIELD_FRACTION = 1 << 5,  /* REAL between 0 and 1 */
} PiloteFieldFlags;

typedef struct {
  const char       *name;
  const char       *label;     /* translatable, untranslated here */
  PiloteFieldType   type;
  gsize             offset;
  guint             flags;
  PiloteEntity      link;
  GType           (*enum_type) (void);
} PiloteField;

typedef struct _PiloteEntityInfo PiloteEntityInfo;

struct _PiloteEntityInfo {
  PiloteEntity        entity;
  const char         *table;
  const char         *label;
  gsize               size;
  const PiloteField  *fields;
  guint               n_fields;
  const char         *default_sort;
  /* the table has a name_key column: the folded name, for tolerant lookups */
  gboolean            name_key;
  /* fills in defaults and checks rules beyond single fields */
  gboolean          (*prepare)     (PiloteStore   *store,
                                    gpointer       record,
                                    gconstpointer  old,
                                    GError       **error);
  /* keeps derived data in step, in the same transaction;
   * @old is NULL after an insert */
  gboolean          (*after_write) (PiloteStore   *store,
                                    gconstpointer  old,
                                    gconstpointer  record,
                                    GError       **error);
};

const PiloteEntityInfo *pilote_entity_get_info (PiloteEntity entity);
const PiloteField      *pilote_entity_find_field (const PiloteEntityInfo *info,
                                                  const char             *name);

#define PILOTE_FIELD_PTR(record, field) ((gpointer) ((guint8 *) (record) + (field)->offset))

typedef enum {
  PILOTE_RECORD_SQL_SELECT,
  PILOTE_RECORD_SQL_INSERT,
  PILOTE_RECORD_SQL_UPDATE,
  PILOTE_RECORD_N_SQL
} PiloteRecordSql;

const char *pilote_record_sql          (const PiloteEntityInfo *info,
                                        PiloteRecordSql         kind);
gpointer    pilote_record_read         (PiloteStmt             *stmt,
                                        const PiloteEntityInfo *info);
gboolean    pilote_record_enum_from_nick (const PiloteField    *field,
                                          const char           *nick,
                                          int                  *value);
void        pilote_record_set_field_error (GError             **error,
                                           const PiloteField   *field,
                                           const char          *message);

gboolean pilote_audit_write          (PiloteStore    *store,
                                     const char     *table,
                                     gint64          row_id,
                                     const char     *action,
                                     const char     *changes,
                                     gint64          batch_id,
                                     GError        **error);
gboolean pilote_record_prepare_write (PiloteStore    *store,
                                     gpointer        record,
                                     gconstpointer   old,
                                     GError        **error);
gboolean pilote_record_write         (PiloteStore    *store,
                                     gpointer        record,
                                     gconstpointer   old,
                                     gint64          batch_id,
                                     GError        **error);

/* rules of the domain, in pilote-entities.c */
gboolean pilote_deal_refresh_totals        (PiloteStore  *store,
                                            gint64        deal_id,
                                            GError      **error);
gboolean pilote_client_refresh_acquisition (PiloteStore  *store,
                                            gint64        client_id,
                                            GError      **error);

G_END_DECLS
