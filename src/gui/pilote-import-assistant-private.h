/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-import-assistant.h"
#include "pilote-import-mapping.h"

G_BEGIN_DECLS

/* A row of cells: a row of the file in the preview, a problem of the dry run */
#define PILOTE_TYPE_IMPORT_CELLS (pilote_import_cells_get_type ())
G_DECLARE_FINAL_TYPE (PiloteImportCells, pilote_import_cells, PILOTE, IMPORT_CELLS, GObject)

PiloteImportCells  *pilote_import_cells_new  (char              **cells);
const char         *pilote_import_cells_get  (PiloteImportCells  *self,
                                              guint               index);

typedef struct _PiloteImportProgress PiloteImportProgress;

typedef enum {
  PILOTE_IMPORT_STEP_SOURCE,
  PILOTE_IMPORT_STEP_PREVIEW,
  PILOTE_IMPORT_STEP_MAPPING,
  PILOTE_IMPORT_STEP_CHECK,
  PILOTE_IMPORT_STEP_IMPORT,
} PiloteImportStep;

/* what the check and import steps are doing */
typedef enum {
  PILOTE_IMPORT_IDLE,
  PILOTE_IMPORT_RUNNING,
  PILOTE_IMPORT_FINE,        /* the dry run found nothing wrong */
  PILOTE_IMPORT_PROBLEMS,    /* the dry run found problems */
  PILOTE_IMPORT_FAILED,      /* the file could not be read or imported at all */
  PILOTE_IMPORT_DONE,        /* imported */
  PILOTE_IMPORT_CANCELLED,   /* stopped: nothing written */
  PILOTE_IMPORT_UNDONE,      /* imported, then undone */
} PiloteImportState;

struct _PiloteImportAssistant
{
  AdwWindow            parent_instance;

  PiloteStore         *store;
  GCancellable        *cancellable;

  char                *csv_path;
  PiloteEntity         entity;
  PiloteImportProfile *profile;      /* the mapping as edited */
  char                *profile_path; /* where it was loaded from */
  PiloteCsvOptions     detected;     /* what detection found with no option set */
  GPtrArray           *notes;        /* what detection could not decide */
  GPtrArray           *headers;      /* char *, the file's columns */
  GListStore          *rows;         /* PiloteImportCells, the first rows */
  GListStore          *problems;     /* PiloteImportCells: row, column, value, message */
  PiloteImportState    state;
  guint64              rows_checked;
  gint64               batch_id;
  guint                pulse_id;     /* shows the progress of the thread */
  PiloteImportProgress *progress;
  gboolean             updating;     /* widgets being set from the profile */

  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkStack            *stack;

  AdwActionRow        *file_row;
  AdwComboRow         *entity_row;
  AdwActionRow        *profile_row;
  GtkButton           *profile_clear_button;

  AdwComboRow         *delimiter_row;
  AdwComboRow         *encoding_row;
  AdwComboRow         *decimal_row;
  AdwComboRow         *date_row;
  GtkWidget           *notes_box;
  GtkLabel            *notes_label;
  GtkLabel            *preview_label;
  GtkColumnView       *preview_view;

  AdwPreferencesPage  *mapping_page;
  AdwPreferencesGroup *columns_group;
  GPtrArray           *column_rows;  /* AdwActionRow, one per column of the file */
  AdwPreferencesGroup *lookups_group;
  GPtrArray           *lookup_rows;  /* AdwExpanderRow, one per field naming other records */
  AdwComboRow         *ref_row;
  AdwComboRow         *group_row;

  GtkStack            *check_stack;
  GtkSpinner          *check_spinner;
  AdwStatusPage       *check_running_page;
  AdwStatusPage       *fine_page;
  GtkLabel            *problems_label;
  GtkColumnView       *problems_view;
  AdwStatusPage       *check_failed_page;

  GtkStack            *import_stack;
  AdwStatusPage       *import_running_page;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *done_page;
  GtkButton           *undo_button;
  AdwStatusPage       *stopped_page;
};

/* pilote-import-assistant.c */
void        pilote_import_assistant_show_error      (PiloteImportAssistant *self,
                                                     const char            *message);
void        pilote_import_assistant_update_buttons  (PiloteImportAssistant *self);
PiloteImportStep pilote_import_assistant_get_step_index (PiloteImportAssistant *self);
void        pilote_import_assistant_guess_profile   (PiloteImportAssistant *self);
void        pilote_import_assistant_mapping_changed (PiloteImportAssistant *self);

/* pilote-import-assistant-preview.c */
gboolean    pilote_import_assistant_read_file       (PiloteImportAssistant *self,
                                                     GError               **error);
void        pilote_import_assistant_show_options    (PiloteImportAssistant *self);
void        pilote_import_assistant_option_changed  (PiloteImportAssistant *self);
void        pilote_import_assistant_setup_preview   (PiloteImportAssistant *self);
GtkColumnViewColumn *pilote_import_assistant_add_text_column (GtkColumnView *view,
                                                              const char    *title,
                                                              guint          index,
                                                              int            width);

/* pilote-import-assistant-mapping.c */
void        pilote_import_assistant_build_mapping   (PiloteImportAssistant *self);
gboolean    pilote_import_assistant_set_column_field (PiloteImportAssistant *self,
                                                      guint                  column,
                                                      const char            *field);
const char *pilote_import_assistant_get_column_field (PiloteImportAssistant *self,
                                                      guint                  column);
void        pilote_import_assistant_ref_changed     (PiloteImportAssistant *self);
void        pilote_import_assistant_group_changed   (PiloteImportAssistant *self);
char       *pilote_import_assistant_missing_fields  (PiloteImportAssistant *self);

/* pilote-import-assistant-run.c */
void        pilote_import_assistant_setup_problems  (PiloteImportAssistant *self);
void        pilote_import_assistant_start_check     (PiloteImportAssistant *self);
void        pilote_import_assistant_start_import    (PiloteImportAssistant *self);
void        pilote_import_assistant_stop            (PiloteImportAssistant *self);
void        pilote_import_assistant_clear_progress  (PiloteImportAssistant *self);
void        pilote_import_assistant_undo_import     (PiloteImportAssistant *self);
GListModel *pilote_import_assistant_get_problems    (PiloteImportAssistant *self);

G_END_DECLS
