/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-activity-editor.h"
#include "pilote-record.h"

G_BEGIN_DECLS

struct _PiloteActivityEditor
{
  PiloteRecordEditor    parent_instance;

  PiloteStore          *store;
  GDateTime            *now;
  gint64                client_id;
  GArray               *deal_ids;
  GArray               *owner_ids;

  AdwWindowTitle       *window_title;
  GtkWidget            *save_button;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwComboRow          *kind_row;
  AdwEntryRow          *subject_row;
  AdwActionRow         *client_row;
  GtkMenuButton        *client_button;
  GtkLabel             *client_label;
  GtkSearchEntry       *client_search;
  GtkListBox           *client_list;
  AdwComboRow          *deal_row;
  AdwComboRow          *owner_row;
  AdwEntryRow          *date_row;
  AdwEntryRow          *time_row;
  GtkSwitch            *done_switch;
  GtkTextView          *notes_view;
  GtkWidget            *delete_button;
};

G_END_DECLS
