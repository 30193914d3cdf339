/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-deal-editor.h"
#include "pilote-record.h"

G_BEGIN_DECLS

/* One line of the deal being edited: its stored record (none when new)
 * and the rows that edit it. A removed line stays until the save, which
 * deletes it. */
typedef struct {
  PiloteDealEditor *editor;
  PiloteDealLine   *stored;      /* what the store held when loaded; NULL when new */
  gboolean          removed;
  AdwExpanderRow   *row;         /* NULL once removed */
  AdwComboRow      *product_row;
  AdwEntryRow      *quantity_row;
  AdwEntryRow      *price_row;
  AdwEntryRow      *discount_row;
  AdwEntryRow      *cost_row;
} PiloteDealEditorLine;

struct _PiloteDealEditor
{
  PiloteRecordEditor    parent_instance;

  PiloteStore          *store;
  GPtrArray            *lines;       /* PiloteDealEditorLine */
  GDate                 today;
  gint64                client_id;
  GArray               *owner_ids;
  GArray               *stage_ids;
  GArray               *stage_kinds;
  GArray               *channel_ids;
  GArray               *competitor_ids;
  GArray               *lost_reason_ids;
  GArray               *product_ids;
  GPtrArray            *products;    /* PiloteProduct, as product_ids */
  GtkStringList        *product_names;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkScrolledWindow    *scrolled;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwActionRow         *client_row;
  GtkMenuButton        *client_button;
  GtkLabel             *client_label;
  GtkSearchEntry       *client_search;
  GtkListBox           *client_list;
  AdwEntryRow          *title_row;
  AdwComboRow          *owner_row;
  AdwComboRow          *stage_row;
  AdwComboRow          *forecast_row;
  AdwEntryRow          *amount_row;
  AdwActionRow         *amount_sum_row;
  GtkLabel             *amount_sum_label;
  AdwEntryRow          *cost_row;
  AdwActionRow         *cost_sum_row;
  GtkLabel             *cost_sum_label;
  AdwEntryRow          *probability_row;
  GtkLabel             *probability_hint;
  AdwPreferencesGroup  *lines_group;
  AdwEntryRow          *created_row;
  AdwEntryRow          *expected_close_row;
  AdwEntryRow          *closed_row;
  AdwComboRow          *channel_row;
  AdwComboRow          *competitor_row;
  AdwComboRow          *lost_reason_row;
  GtkTextView          *notes_view;
  GtkWidget            *delete_button;
};

/* pilote-deal-editor.c */
GtkWidget            *pilote_deal_editor_get_conflict_dialog (PiloteDealEditor *self);
void                  pilote_deal_editor_update_totals       (PiloteDealEditor *self);
const char           *pilote_deal_editor_field_name          (AdwEntryRow      *row);
char                 *pilote_deal_editor_format_money        (PiloteDealEditor *self,
                                                              PiloteMoney       amount);
gboolean              pilote_deal_editor_parse_money         (PiloteDealEditor *self,
                                                              AdwEntryRow      *row,
                                                              PiloteMoney      *amount,
                                                              GError          **error);
gboolean              pilote_deal_editor_parse_percent       (AdwEntryRow      *row,
                                                              double           *fraction,
                                                              GError          **error);

/* pilote-deal-editor-lines.c */
void                  pilote_deal_editor_line_free           (gpointer          data);
PiloteDealEditorLine *pilote_deal_editor_add_line            (PiloteDealEditor *self,
                                                              const PiloteDealLine *stored);
void                  pilote_deal_editor_remove_line         (PiloteDealEditor *self,
                                                              PiloteDealEditorLine *line);
void                  pilote_deal_editor_clear_lines         (PiloteDealEditor *self);
guint                 pilote_deal_editor_count_lines         (PiloteDealEditor *self);
gboolean              pilote_deal_editor_line_total          (PiloteDealEditorLine *line,
                                                              PiloteMoney      *amount,
                                                              PiloteMoney      *cost);
PiloteDealLine       *pilote_deal_editor_line_collect        (PiloteDealEditorLine *line,
                                                              GError          **error);
gboolean              pilote_deal_editor_line_changed        (PiloteDealEditorLine *line,
                                                              const PiloteDealLine *collected);

/* pilote-deal-editor-pickers.c: the client search, date buttons, lists;
 * also the figures declared above with it (field name, money, percent) */
void                  pilote_deal_editor_init_client_picker  (PiloteDealEditor *self);
void                  pilote_deal_editor_set_client          (PiloteDealEditor *self,
                                                              gint64            client_id,
                                                              const char       *name);
void                  pilote_deal_editor_search_clients      (PiloteDealEditor *self,
                                                              const char       *text);
void                  pilote_deal_editor_add_date_button     (AdwEntryRow      *row);
GArray               *pilote_deal_editor_fill_combo          (AdwComboRow      *row,
                                                              PiloteStore      *store,
                                                              PiloteEntity      entity,
                                                              const char       *none,
                                                              const char       *sort_field,
                                                              GPtrArray       **records);
guint                 pilote_deal_editor_find_id             (GArray           *ids,
                                                              gint64            id);
gint64                pilote_deal_editor_selected_id         (AdwComboRow      *row,
                                                              GArray           *ids);

G_END_DECLS
