/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-csv-reader.h"
#include "pilote-store.h"
#include "pilote-types.h"

G_BEGIN_DECLS

/**
 * PiloteImportProfile:
 *
 * How a CSV file maps onto an entity: which column feeds which field, the
 * file's options, aliases for names, and which related records may be
 * created. Saved as a small key file (see data/import-profiles/README.md).
 */
typedef struct _PiloteImportProfile PiloteImportProfile;

PiloteImportProfile *pilote_import_profile_new        (PiloteEntity               entity);
PiloteImportProfile *pilote_import_profile_load       (const char                *path,
                                                       GError                   **error);
gboolean             pilote_import_profile_save       (const PiloteImportProfile *profile,
                                                       const char                *path,
                                                       GError                   **error);
void                 pilote_import_profile_free       (PiloteImportProfile       *profile);
PiloteEntity         pilote_import_profile_get_entity (const PiloteImportProfile *profile);
void                 pilote_import_profile_set_column (PiloteImportProfile       *profile,
                                                       const char                *field,
                                                       const char                *column);
void                 pilote_import_profile_set_default (PiloteImportProfile      *profile,
                                                        const char               *field,
                                                        const char               *value);
void                 pilote_import_profile_add_alias  (PiloteImportProfile       *profile,
                                                       const char                *field,
                                                       const char                *from,
                                                       const char                *to);
void                 pilote_import_profile_set_create_missing (PiloteImportProfile *profile,
                                                               const char          *field,
                                                               gboolean             create);
void                 pilote_import_profile_set_group_by (PiloteImportProfile     *profile,
                                                         const char              *column);
PiloteCsvOptions    *pilote_import_profile_get_options (PiloteImportProfile      *profile);
char                *pilote_import_profile_to_data    (const PiloteImportProfile *profile);
const char * const  *pilote_import_entity_fields      (PiloteEntity               entity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteImportProfile, pilote_import_profile_free)

/**
 * PiloteImportProblem:
 * @record: the CSV record (1 is the header line's record)
 * @line: the line where the record starts
 * @column: (nullable): the column's header
 * @value: (nullable): the cell
 * @message: what is wrong and what to do
 */
typedef struct {
  guint64  record;
  guint64  line;
  char    *column;
  char    *value;
  char    *message;
} PiloteImportProblem;

typedef struct {
  gint64            batch_id;       /* 0 for a dry run or a failed import */
  guint64           rows;           /* data rows read */
  guint64           inserted;
  guint64           updated;
  guint64           created;        /* related records created on the way */
  guint64           n_problems;     /* all of them; @problems keeps the first ones */
  GPtrArray        *problems;       /* PiloteImportProblem */
  GPtrArray        *notes;          /* what detection could not decide, as sentences */
  PiloteCsvOptions  options;        /* the options used, detected or given */
} PiloteImportResult;

void                 pilote_import_result_free (PiloteImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteImportResult, pilote_import_result_free)

/**
 * PiloteImportFlags:
 * @PILOTE_IMPORT_DRY_RUN: check everything, write nothing
 * @PILOTE_IMPORT_ROW_BY_ROW: write each row through the record path, with
 *   an audit entry of its own, instead of the bulk path (one audit entry per
 *   table for the records the import adds). Slower; the records and figures
 *   are the same.
 */
typedef enum {
  PILOTE_IMPORT_FLAGS_NONE = 0,
  PILOTE_IMPORT_DRY_RUN    = 1 << 0,
  PILOTE_IMPORT_ROW_BY_ROW = 1 << 1,
} PiloteImportFlags;

/**
 * PiloteImportProgressFunc:
 * @rows: data rows read so far
 * @bytes_read: bytes of the file read so far
 * @bytes_total: the size of the file (0 if unknown)
 * @user_data: the options' @progress_data
 *
 * Called from the thread that runs the import, a few times a second at
 * most; a GUI hands the figures to its main loop (g_main_context_invoke ()).
 */
typedef void (*PiloteImportProgressFunc) (guint64  rows,
                                          guint64  bytes_read,
                                          guint64  bytes_total,
                                          gpointer user_data);

/**
 * PiloteImportOptions:
 * @flags: #PiloteImportFlags
 * @progress: (nullable): called as the file is read
 * @progress_data: passed to @progress
 * @cancellable: (nullable): cancels the import, which then writes nothing
 *
 * How to run an import; all zeros is a real run with no progress reports.
 */
typedef struct {
  PiloteImportFlags         flags;
  PiloteImportProgressFunc  progress;
  gpointer                  progress_data;
  GCancellable             *cancellable;
} PiloteImportOptions;

PiloteImportResult  *pilote_import_run_with_options (PiloteStore                *store,
                                                     const PiloteImportProfile  *profile,
                                                     const char                 *csv_path,
                                                     const PiloteImportOptions  *options,
                                                     GError                    **error);
PiloteImportResult  *pilote_import_run     (PiloteStore               *store,
                                            const PiloteImportProfile *profile,
                                            const char                *csv_path,
                                            gboolean                   dry_run,
                                            GCancellable              *cancellable,
                                            GError                   **error);
gboolean             pilote_import_undo    (PiloteStore               *store,
                                            gint64                     batch_id,
                                            GError                   **error);

G_END_DECLS
