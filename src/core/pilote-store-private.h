/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "pilote-store.h"

G_BEGIN_DECLS

/* A cached prepared statement; "freeing" it resets it, so that no
 * statement keeps a read transaction open once its caller is done. */
typedef sqlite3_stmt PiloteStmt;

static inline void
pilote_stmt_release (PiloteStmt *stmt)
{
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteStmt, pilote_stmt_release)

PiloteStore *pilote_store_open_at         (const char            *path,
                                           PiloteStoreOpenFlags   flags,
                                           const PiloteLocation  *location,
                                           GError               **error);
void         pilote_store_set_busy_timeout (PiloteStore *self,
                                            guint        timeout_ms);
gint64       pilote_store_get_presence_id (PiloteStore  *self);
void         pilote_store_set_presence_id (PiloteStore  *self,
                                           gint64        presence_id);

sqlite3     *pilote_store_get_db          (PiloteStore  *self);
PiloteStmt  *pilote_store_prepare         (PiloteStore  *self,
                                           const char   *sql,
                                           GError      **error);
gboolean     pilote_store_step_done       (PiloteStore  *self,
                                           PiloteStmt   *stmt,
                                           GError      **error);
gboolean     pilote_store_exec            (PiloteStore  *self,
                                           const char   *sql,
                                           GError      **error);
void         pilote_store_set_sql_error   (PiloteStore  *self,
                                           GError      **error);

gboolean     pilote_sqlite_exec           (sqlite3      *db,
                                           const char   *sql,
                                           GError      **error);
void         pilote_sqlite_set_error      (sqlite3      *db,
                                           int           rc,
                                           GError      **error);
/* the segment of the client of the deal @id (an SQL expression): each
 * stage change carries it (schema version 14), so that a segment's funnel
 * is a range of an index */
#define PILOTE_DEAL_SEGMENT(id) \
  "(SELECT c.segment_id FROM deal d JOIN client c ON c.id = d.client_id WHERE d.id = " id ")"
/* the channel of the deal @id: its own, else its client's */
#define PILOTE_DEAL_CHANNEL(id) \
  "(SELECT coalesce (d.channel_id, c.channel_id) FROM deal d LEFT JOIN client c" \
  " ON c.id = d.client_id WHERE d.id = " id ")"

/* A set of record ids, in ascending order, that a statement checks rows
 * against with the SQL function pilote_id_in (id, set), the set bound as
 * a pointer with pilote_bind_id_set (): a lookup in memory, where an
 * "id IN (SELECT …)" would first copy every id into a temporary b-tree. */
typedef struct {
  GArray *ids;   /* gint64 */
} PiloteIdSet;

PiloteIdSet *pilote_id_set_new            (void);
void         pilote_id_set_free           (PiloteIdSet       *set);
void         pilote_bind_id_set           (PiloteStmt        *stmt,
                                           int                index,
                                           const PiloteIdSet *set);
void         pilote_bind_id_set_full      (PiloteStmt        *stmt,
                                           int                index,
                                           PiloteIdSet       *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteIdSet, pilote_id_set_free)

/* the stages, channels and lost reasons of a new file, in English (their
 * names as the user's language calls them: g_dpgettext2 () with the
 * contexts "pipeline stage", "acquisition channel" and "lost reason") */
#define PILOTE_DEFAULT_N_STAGES       6
#define PILOTE_DEFAULT_N_CHANNELS     5
#define PILOTE_DEFAULT_N_LOST_REASONS 6
extern const char *const pilote_default_stages[PILOTE_DEFAULT_N_STAGES];
extern const char *const pilote_default_channels[PILOTE_DEFAULT_N_CHANNELS];
extern const char *const pilote_default_lost_reasons[PILOTE_DEFAULT_N_LOST_REASONS];
gboolean     pilote_store_name_defaults   (sqlite3      *db,
                                           GError      **error);
gboolean     pilote_schema_migrate        (sqlite3      *db,
                                           int           from_version,
                                           int           to_version,
                                           GError      **error);

static inline void
pilote_bind_text (PiloteStmt *stmt,
                  int         index,
                  const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* binds an id, 0 meaning NULL */
static inline void
pilote_bind_id (PiloteStmt *stmt,
                int         index,
                gint64      id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static inline char *
pilote_column_dup (PiloteStmt *stmt,
                   int         column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

G_END_DECLS
