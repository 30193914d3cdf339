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
