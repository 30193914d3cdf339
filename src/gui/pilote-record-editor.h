/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_RECORD_EDITOR (pilote_record_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (PiloteRecordEditor, pilote_record_editor, PILOTE, RECORD_EDITOR,
                          AdwWindow)

/**
 * PiloteRecordEditorClass:
 * @collect: the record as the form says, built on a copy of
 *   pilote_record_editor_get_record (); %NULL with an error that names
 *   the field, and that field's row in @bad_row, when the form is wrong
 * @show: fills the form from @record (as loaded, reloaded or merged)
 * @write: writes @record: inserted when new, else updated if its version
 *   is still the stored one; the default does just that
 * @can_merge: whether a conflict can be merged field by field (the
 *   default: yes)
 * @describe: what the record is called ("Acme renewal"), for the
 *   subtitles and messages of the dialogs
 * @error_row: (nullable): the row an error is about, when the error does
 *   not say (a message of the store names its field first)
 * @reloaded: (nullable): after @show, when the record was read again:
 *   what else the editor shows from the file (the lines of a deal)
 *
 * The window that edits one record. Subclasses say how the form reads and
 * shows a record; the editor does the rest, the same way for every kind
 * of record: Save writes with the version check, and when someone else
 * saved the record meanwhile, shows theirs, mine and the original field
 * by field to choose from, then saves the merge (a further change
 * meanwhile asks again); Delete asks first when someone else changed the
 * record since it was loaded; History shows the record's audit trail.
 */
struct _PiloteRecordEditorClass
{
  AdwWindowClass parent_class;

  gpointer (*collect)   (PiloteRecordEditor  *self,
                         GtkWidget          **bad_row,
                         GError             **error);
  void     (*show)      (PiloteRecordEditor  *self,
                         gconstpointer        record);
  gboolean (*write)     (PiloteRecordEditor  *self,
                         gpointer             record,
                         GError             **error);
  gboolean (*can_merge) (PiloteRecordEditor  *self);
  char    *(*describe)  (PiloteRecordEditor  *self);
  GtkWidget *(*error_row) (PiloteRecordEditor *self,
                           const char         *message);
  void     (*reloaded)  (PiloteRecordEditor  *self);

  gpointer padding[6];
};

void                pilote_record_editor_load          (PiloteRecordEditor  *self,
                                                        PiloteStore         *store,
                                                        gpointer             record);
PiloteStore        *pilote_record_editor_get_store     (PiloteRecordEditor  *self);
gconstpointer       pilote_record_editor_get_record    (PiloteRecordEditor  *self);
gint64              pilote_record_editor_get_id        (PiloteRecordEditor  *self);
gboolean            pilote_record_editor_save          (PiloteRecordEditor  *self,
                                                        GError             **error);
gboolean            pilote_record_editor_reload        (PiloteRecordEditor  *self,
                                                        GError             **error);
GtkWidget          *pilote_record_editor_get_conflict_dialog (PiloteRecordEditor *self);

void                pilote_record_editor_set_error_widgets (PiloteRecordEditor *self,
                                                        GtkRevealer         *revealer,
                                                        GtkLabel            *label);
void                pilote_record_editor_show_error    (PiloteRecordEditor  *self,
                                                        const char          *message,
                                                        GtkWidget           *row);
void                pilote_record_editor_clear_error   (PiloteRecordEditor  *self);
const char         *pilote_record_editor_get_error     (PiloteRecordEditor  *self);

AdwPreferencesPage *pilote_record_editor_build         (PiloteRecordEditor  *self);
void                pilote_record_editor_add_delete_button (PiloteRecordEditor *self,
                                                        AdwPreferencesPage  *page,
                                                        const char          *label);
void                pilote_record_editor_set_title     (PiloteRecordEditor  *self,
                                                        const char          *title);
GtkWidget          *pilote_record_editor_history_button_new (void);

/**
 * PiloteRecordDeletedFunc:
 * @owner: the object given to pilote_record_delete_checked ()
 * @id: the record's id
 * @deleted: whether the record was deleted
 * @error: (nullable): why it was not; %NULL when the user chose not to
 */
typedef void (*PiloteRecordDeletedFunc) (gpointer      owner,
                                         gint64        id,
                                         gboolean      deleted,
                                         const GError *error);

GtkWidget          *pilote_record_delete_checked       (GtkWindow           *parent,
                                                        PiloteStore         *store,
                                                        gconstpointer        seen,
                                                        const char          *thing,
                                                        PiloteRecordDeletedFunc done,
                                                        gpointer             owner);

/**
 * PiloteRecordResolvedFunc:
 * @owner: the object given to pilote_record_resolve_conflict ()
 * @response: "save" (the merge was written), "reload" (the user takes
 *   theirs) or "cancel"
 * @error: (nullable): why the merge could not be written
 */
typedef void (*PiloteRecordResolvedFunc) (gpointer      owner,
                                          const char   *response,
                                          const GError *error);

GtkWidget          *pilote_record_resolve_conflict     (GtkWindow           *parent,
                                                        PiloteStore         *store,
                                                        gconstpointer        original,
                                                        gconstpointer        mine,
                                                        const char          *thing,
                                                        PiloteRecordResolvedFunc done,
                                                        gpointer             owner);

G_END_DECLS
