/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/vfs.h>

#include "pilote-location.h"

/* Where a file lives decides how it can be shared: WAL needs every process
 * to map the same memory (the -shm file), which only one machine can do;
 * a network share needs the rollback journal; a folder synchronised by a
 * cloud client copies files whole, behind SQLite's locks. */

/* statfs () f_type values (linux/magic.h and the file systems' sources) */
static const struct {
  guint64  magic;
  gboolean network;
} magics[] = {
  { 0x6969, TRUE },         /* NFS */
  { 0x517B, TRUE },         /* SMB */
  { 0xFF534D42, TRUE },     /* CIFS */
  { 0xFE534D42, TRUE },     /* SMB2 */
  { 0x73757245, TRUE },     /* Coda */
  { 0x5346414F, TRUE },     /* OpenAFS */
  { 0x6B414653, TRUE },     /* kAFS */
  { 0x00C36400, TRUE },     /* Ceph */
  { 0x01021997, TRUE },     /* 9P */
  { 0x564C, TRUE },         /* NCP */
  { 0x0BD00BD0, TRUE },     /* Lustre */
  { 0x47504653, TRUE },     /* GPFS */
  { 0x01161970, TRUE },     /* GFS2 */
  { 0x7461636F, TRUE },     /* OCFS2 */
  { 0x65735546, FALSE },    /* FUSE: the mount entry says which */
  { 0xEF53, FALSE },        /* ext2/3/4 */
  { 0x58465342, FALSE },    /* XFS */
  { 0x9123683E, FALSE },    /* Btrfs */
  { 0x01021994, FALSE },    /* tmpfs */
  { 0x2FC12FC1, FALSE },    /* ZFS */
  { 0xF2F52010, FALSE },    /* F2FS */
  { 0x4D44, FALSE },        /* FAT */
  { 0x5346544E, FALSE },    /* NTFS */
  { 0x2011BAB0, FALSE },    /* exFAT */
  { 0x794C7630, FALSE },    /* overlayfs */
};

/* file system names, as /proc/self/mountinfo gives them */
static const char *const network_types[] = {
  "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "coda", "afs", "ceph", "9p",
  "glusterfs", "lustre", "gpfs", "gfs2", "ocfs2", "beegfs", "davfs", "fuse.sshfs",
  "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.glusterfs", "fuse.davfs2",
  "fuse.curlftpfs", "fuse.smbnetfs", "fuse.gvfsd-fuse", "fuse.cephfs", "fuse.juicefs",
  "fuse.goofys", "fuse.blobfuse", "fuse.onedriver", "fuse.google-drive-ocamlfuse",
  "fuse.mergerfs.remote",
};

/**
 * pilote_location_magic_is_network:
 * @known: (out) (optional): whether the type says it by itself (FUSE does not)
 */
gboolean
pilote_location_magic_is_network (guint64   fs_magic,
                                  gboolean *known)
{
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (magics[i].magic == fs_magic)
      {
        if (known != NULL)
          *known = fs_magic != 0x65735546;
        return magics[i].network;
      }
  if (known != NULL)
    *known = FALSE;
  return FALSE;
}

/**
 * pilote_location_type_is_network:
 * @fs_type: a file system's name, as in /proc/self/mountinfo ("nfs4",
 *   "fuse.sshfs"…)
 */
gboolean
pilote_location_type_is_network (const char *fs_type)
{
  if (fs_type == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (network_types); i++)
    if (g_ascii_strcasecmp (fs_type, network_types[i]) == 0)
      return TRUE;
  /* "nfs4.2", "fuse.sshfs-ng"… */
  return g_str_has_prefix (fs_type, "nfs") || g_str_has_prefix (fs_type, "fuse.sshfs") ||
         g_str_has_prefix (fs_type, "smb");
}

/* mountinfo writes space, tab, newline and backslash as octal escapes */
static char *
unescape_mount_path (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          g_ascii_isdigit (p[3]))
        {
          g_string_append_c (out, (char) ((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0')));
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
path_is_under (const char *path,
               const char *mount_point)
{
  gsize n = strlen (mount_point);

  if (g_str_equal (mount_point, "/"))
    return TRUE;
  return strncmp (path, mount_point, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/**
 * pilote_location_find_mount:
 * @mountinfo: the text of /proc/self/mountinfo
 * @path: an absolute path
 *
 * Finds the mount that holds @path (the last of the longest mount points)
 * and gives its file system type; an old-style FUSE entry ("fuse" mounted
 * from "sshfs#user@host:") is named after its source.
 *
 * Returns: (transfer full) (nullable): "ext4", "nfs4", "fuse.sshfs"…
 */
char *
pilote_location_find_mount (const char *mountinfo,
                            const char *path)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *best_type = NULL;
  gsize best_length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  if (mountinfo == NULL)
    return NULL;

  lines = g_strsplit (mountinfo, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      g_autofree char *mount_point = NULL;
      guint n = g_strv_length (fields), dash;

      if (n < 7)
        continue;
      /* optional fields run up to a lone "-": type and source follow */
      for (dash = 6; dash < n && !g_str_equal (fields[dash], "-"); dash++)
        ;
      if (dash + 2 >= n)
        continue;
      mount_point = unescape_mount_path (fields[4]);
      if (!path_is_under (path, mount_point) || strlen (mount_point) < best_length)
        continue;
      best_length = strlen (mount_point);
      g_free (best_type);
      if (g_str_equal (fields[dash + 1], "fuse") && strchr (fields[dash + 2], '#') != NULL)
        {
          g_autofree char *program = g_strndup (fields[dash + 2],
                                                strchr (fields[dash + 2], '#') - fields[dash + 2]);
          best_type = g_strconcat ("fuse.", program, NULL);
        }
      else
        best_type = g_strdup (fields[dash + 1]);
    }
  return g_steal_pointer (&best_type);
}

/* Cloud clients and what they leave in the folders they synchronise */

typedef struct {
  const char *name;       /* a file or folder in the synchronised tree, or a pattern */
  const char *service;
} CloudMarker;

static const CloudMarker markers[] = {
  { ".dropbox", "Dropbox" },
  { ".dropbox.cache", "Dropbox" },
  { ".nextcloudsync.log", "Nextcloud" },
  { ".owncloudsync.log", "ownCloud" },
  { ".sync_*.db", "Nextcloud" },
  { "._sync_*.db", "ownCloud" },
  { ".stfolder", "Syncthing" },
  { ".stignore", "Syncthing" },
  { ".tmp.drivedownload", "Google Drive" },
  { ".tmp.driveupload", "Google Drive" },
  { ".sync", "Resilio Sync" },
};

/* folders named by the clients themselves */
static const CloudMarker folder_names[] = {
  { "Dropbox", "Dropbox" },
  { "OneDrive", "OneDrive" },
  { "OneDrive - *", "OneDrive" },
  { "Google Drive", "Google Drive" },
  { "GoogleDrive", "Google Drive" },
  { "My Drive", "Google Drive" },
  { "pCloudDrive", "pCloud" },
  { "MEGA", "MEGA" },
};

static const char *
find_marker_in (const char  *dir,
                char       **marker)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      g_autofree char *candidate = NULL;

      if (strchr (markers[i].name, '*') != NULL)
        continue;
      candidate = g_build_filename (dir, markers[i].name, NULL);
      if (g_file_test (candidate, G_FILE_TEST_EXISTS))
        {
          *marker = g_steal_pointer (&candidate);
          return markers[i].service;
        }
    }

  /* patterns and desktop.ini, which names the client that made the folder */
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
        if (strchr (markers[i].name, '*') != NULL && g_pattern_match_simple (markers[i].name, name))
          {
            *marker = g_build_filename (dir, name, NULL);
            return markers[i].service;
          }
      if (g_ascii_strcasecmp (name, "desktop.ini") == 0)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *text = NULL;
          gsize length = 0;

          if (g_file_get_contents (path, &text, &length, NULL) && length < 64 * 1024)
            {
              g_autofree char *folded = g_ascii_strdown (text, length);
              const char *service = strstr (folded, "onedrive") != NULL ? "OneDrive"
                                    : strstr (folded, "google drive") != NULL ||
                                      strstr (folded, "googledrivefs") != NULL
                                        ? "Google Drive" : NULL;

              if (service != NULL)
                {
                  *marker = g_steal_pointer (&path);
                  return service;
                }
            }
        }
    }
  return NULL;
}

/**
 * pilote_location_find_cloud:
 * @path: a file's absolute path
 * @marker: (out) (optional) (transfer full): the marker found
 *
 * Looks for the marks of a cloud client in the folder of @path and in
 * every folder above it.
 *
 * Returns: (nullable): the client's name ("Dropbox", "Nextcloud",
 *   "Syncthing", "OneDrive", "Google Drive"…)
 */
const char *
pilote_location_find_cloud (const char  *path,
                            char       **marker)
{
  g_autofree char *dir = NULL;
  g_autofree char *found = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  while (TRUE)
    {
      g_autofree char *base = g_path_get_basename (dir);
      g_autofree char *parent = NULL;
      const char *service = find_marker_in (dir, &found);

      if (service == NULL)
        for (guint i = 0; i < G_N_ELEMENTS (folder_names); i++)
          if (g_pattern_match_simple (folder_names[i].name, base))
            {
              service = folder_names[i].service;
              found = g_strdup (dir);
              break;
            }
      if (service != NULL)
        {
          if (marker != NULL)
            *marker = g_steal_pointer (&found);
          return service;
        }
      parent = g_path_get_dirname (dir);
      if (g_str_equal (parent, dir))
        break;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
  return NULL;
}

/**
 * pilote_location_classify:
 * @path: the file's absolute path (its folders are searched for cloud markers)
 * @probe: what the system says about its file system
 *
 * Returns: (transfer full): where the file lives
 */
PiloteLocation *
pilote_location_classify (const char                *path,
                          const PiloteLocationProbe *probe)
{
  PiloteLocation *location = g_new0 (PiloteLocation, 1);
  g_autofree char *mount_type = NULL;
  gboolean known = FALSE, network;

  g_return_val_if_fail (path != NULL && probe != NULL, location);

  network = pilote_location_magic_is_network (probe->fs_magic, &known);
  mount_type = pilote_location_find_mount (probe->mountinfo, path);
  if (!known && mount_type != NULL)
    network = pilote_location_type_is_network (mount_type);
  /* GIO knows the GVfs mounts (smb://, sftp://, dav://) that FUSE exposes */
  if (!known && probe->remote)
    network = TRUE;

  location->fs_type = g_steal_pointer (&mount_type);
  location->service = g_strdup (pilote_location_find_cloud (path, &location->marker));
  if (location->service != NULL)
    location->kind = PILOTE_LOCATION_CLOUD;
  else if (network)
    location->kind = PILOTE_LOCATION_NETWORK;
  else
    location->kind = PILOTE_LOCATION_LOCAL;
  return location;
}

/**
 * pilote_location_detect:
 * @path: a file (or a file about to be created) 
 *
 * Asks the system where @path lives: statfs (), /proc/self/mountinfo and
 * GIO, then the folders above it for cloud markers.
 *
 * Returns: (transfer full): where the file lives
 */
PiloteLocation *
pilote_location_detect (const char *path)
{
  PiloteLocationProbe probe = { 0, NULL, FALSE };
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *mountinfo = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  struct statfs st;

  g_return_val_if_fail (path != NULL, NULL);

  absolute = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (absolute);
  /* the file may not exist yet: its folder lives on the same file system */
  if (statfs (absolute, &st) == 0 || statfs (dir, &st) == 0)
    probe.fs_magic = (guint64) (gulong) st.f_type;
  if (g_file_get_contents ("/proc/self/mountinfo", &mountinfo, NULL, NULL))
    probe.mountinfo = mountinfo;
  file = g_file_new_for_path (dir);
  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_REMOTE, NULL, NULL);
  if (info != NULL)
    probe.remote = g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_FILESYSTEM_REMOTE);
  return pilote_location_classify (absolute, &probe);
}

void
pilote_location_free (PiloteLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->fs_type);
  g_free (location->service);
  g_free (location->marker);
  g_free (location);
}

/**
 * pilote_location_describe:
 *
 * Returns: (transfer full) (nullable): the warning to show once when the
 *   file is opened, %NULL on a local disk
 */
char *
pilote_location_describe (const PiloteLocation *location)
{
  g_return_val_if_fail (location != NULL, NULL);

  switch (location->kind)
    {
    case PILOTE_LOCATION_NETWORK:
      return g_strdup (_("This file is on a network share. Several people can work on it at "
                         "once, but saving is slower there, and a connection lost in the "
                         "middle of a save can damage the file: keep regular backup copies, "
                         "and prefer a wired, reliable network."));
    case PILOTE_LOCATION_CLOUD:
      return g_strdup_printf (_("This file is in a folder synchronised by %s. When several "
                                "people work on it at the same time, the synchronisation can "
                                "overwrite one person’s work with another’s or damage the "
                                "file. Work on a local copy, or share the file from a network "
                                "folder instead."), location->service);
    case PILOTE_LOCATION_LOCAL:
    default:
      return NULL;
    }
}
