/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* how many daily copies of a file are kept */
#define PILOTE_BACKUP_KEEP 7

char      *pilote_backup_get_folder (const char  *path);
gboolean   pilote_backup_copy       (const char  *path,
                                     const char  *target,
                                     GError     **error);
char      *pilote_backup_now        (const char  *path,
                                     GError     **error);
char      *pilote_backup_daily      (const char  *path,
                                     GDateTime   *now,
                                     guint        keep,
                                     GError     **error);
GPtrArray *pilote_backup_list       (const char  *path);
gboolean   pilote_backup_is_in_use  (const char  *path,
                                     char       **who);
gboolean   pilote_backup_restore    (const char  *backup,
                                     const char  *path,
                                     gboolean     force,
                                     char       **safety_copy,
                                     GError     **error);

G_END_DECLS
