/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-record-editor.h"
#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_SPEND_EDITOR (pilote_spend_editor_get_type ())
G_DECLARE_FINAL_TYPE (PiloteSpendEditor, pilote_spend_editor, PILOTE, SPEND_EDITOR,
                      PiloteRecordEditor)

/*
 * PiloteSpendEditor: the dialog that records or corrects one line of spend
 * (month, channel, campaign, marketing or sales, amount). Saving,
 * conflicts, deleting and the history are PiloteRecordEditor's.
 */

PiloteSpendEditor *pilote_spend_editor_new            (PiloteStore         *store,
                                                       gint64               spend_id,
                                                       const PilotePeriod  *period,
                                                       GtkWindow           *parent,
                                                       GError             **error);
gboolean           pilote_spend_editor_save           (PiloteSpendEditor   *self,
                                                       GError             **error);
GtkWidget         *pilote_spend_editor_get_row        (PiloteSpendEditor   *self,
                                                       const char          *field);
const char        *pilote_spend_editor_get_error_text (PiloteSpendEditor   *self);

G_END_DECLS
