/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PiloteLocationKind:
 * @PILOTE_LOCATION_LOCAL: a local disk: the file is shared through WAL
 * @PILOTE_LOCATION_NETWORK: a network share (NFS, SMB, sshfs…): rollback
 *   journal only, since WAL needs memory shared between the processes
 * @PILOTE_LOCATION_CLOUD: a folder synchronised by a cloud client, which
 *   copies the file behind SQLite's back: unsafe for live sharing
 */
typedef enum {
  PILOTE_LOCATION_LOCAL,
  PILOTE_LOCATION_NETWORK,
  PILOTE_LOCATION_CLOUD,
} PiloteLocationKind;

/**
 * PiloteLocation:
 * @kind: where the file lives
 * @fs_type: (nullable): the file system's name ("ext4", "nfs4", "fuse.sshfs"…)
 * @service: (nullable): the cloud client whose marker was found ("Dropbox"…)
 * @marker: (nullable): the marker's path
 */
typedef struct {
  PiloteLocationKind  kind;
  char               *fs_type;
  char               *service;
  char               *marker;
} PiloteLocation;

/**
 * PiloteLocationProbe:
 * @fs_magic: the f_type that statfs () gives, 0 when unknown
 * @mountinfo: (nullable): the text of /proc/self/mountinfo
 * @remote: GIO's filesystem::remote for the file
 *
 * What the system says about a file's file system; pilote_location_probe ()
 * asks the system, tests make up their own.
 */
typedef struct {
  guint64     fs_magic;
  const char *mountinfo;
  gboolean    remote;
} PiloteLocationProbe;

PiloteLocation *pilote_location_detect          (const char                *path);
PiloteLocation *pilote_location_classify        (const char                *path,
                                                 const PiloteLocationProbe *probe);
void            pilote_location_free            (PiloteLocation            *location);

gboolean        pilote_location_magic_is_network (guint64                   fs_magic,
                                                  gboolean                 *known);
gboolean        pilote_location_type_is_network  (const char               *fs_type);
char           *pilote_location_find_mount       (const char               *mountinfo,
                                                  const char               *path);
const char     *pilote_location_find_cloud       (const char               *path,
                                                  char                    **marker);
char           *pilote_location_describe         (const PiloteLocation     *location);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteLocation, pilote_location_free)

G_END_DECLS
