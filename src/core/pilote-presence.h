/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-store.h"

G_BEGIN_DECLS

/* seconds without a heartbeat after which an entry no longer counts */
#define PILOTE_PRESENCE_STALE_SECONDS 120
/* how often an open window should call pilote_presence_heartbeat () */
#define PILOTE_PRESENCE_HEARTBEAT_SECONDS 30

/**
 * PilotePresence:
 * @member_id: the member chosen in that window, 0 when none was
 * @name: the member's name, else the name of the person logged in there
 * @host: the computer
 * @pid: the process on that computer
 * @since: when the file was opened there (UTC ISO 8601)
 * @heartbeat: when that window last said it was still there
 * @is_self: the entry of this very store
 */
typedef struct {
  gint64    id;
  gint64    member_id;
  char     *name;
  char     *host;
  gint64    pid;
  char     *since;
  char     *heartbeat;
  gboolean  is_self;
} PilotePresence;

gboolean   pilote_presence_register   (PiloteStore  *store,
                                       GError      **error);
gboolean   pilote_presence_heartbeat  (PiloteStore  *store,
                                       GError      **error);
gboolean   pilote_presence_unregister (PiloteStore  *store,
                                       GError      **error);
GPtrArray *pilote_presence_list       (PiloteStore  *store,
                                       gboolean      include_self,
                                       GError      **error);
void       pilote_presence_free       (PilotePresence *presence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PilotePresence, pilote_presence_free)

G_END_DECLS
