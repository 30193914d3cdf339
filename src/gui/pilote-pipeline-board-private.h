/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-pipeline-board.h"
#include "pilote-pipeline-column.h"
#include "pilote-pipeline-model.h"

G_BEGIN_DECLS

struct _PilotePipelineBoard
{
  GtkWidget            parent_instance;

  PiloteStore         *store;
  GDate                today;
  GPtrArray           *columns;       /* PilotePipelineColumn, in board order */
  GArray              *owner_ids;     /* gint64 per row of the owner drop-down; 0: all */
  GArray              *team_ids;      /* gint64 per row of the team drop-down; 0: all */
  PilotePipelineModel *list_model;    /* every open deal, for the list mode */
  PilotePipelineSort   probed_sort;   /* see on_list_sorter_changed_cb () */
  gboolean             loading;       /* filling the drop-downs: no refresh */
  AdwToast            *undo_toast;    /* the last "deal deleted" toast, while shown */
  gint64               undo_deal_id;  /* the deal that toast brings back */

  GtkWidget           *content;
  GtkToggleButton     *board_toggle;
  GtkToggleButton     *list_toggle;
  GtkToggleButton     *forecast_toggle;
  GtkDropDown         *owner_dropdown;
  GtkDropDown         *team_dropdown;
  GtkDropDown         *period_dropdown;
  GtkDropDown         *owner_dropdown_narrow;
  GtkDropDown         *team_dropdown_narrow;
  GtkDropDown         *period_dropdown_narrow;
  GtkStack            *stack;
  GtkBox              *columns_box;
  GtkColumnView       *list_view;
  GtkGrid             *forecast_grid;
};

/* pilote-pipeline-board.c */
void                  pilote_pipeline_board_set_today      (PilotePipelineBoard  *self,
                                                            const GDate          *today);
void                  pilote_pipeline_board_get_filter     (PilotePipelineBoard  *self,
                                                            PilotePipelineFilter *filter,
                                                            char                  from[PILOTE_ISO_DATE_LEN],
                                                            char                  to[PILOTE_ISO_DATE_LEN]);
guint                 pilote_pipeline_board_get_n_columns  (PilotePipelineBoard  *self);
PilotePipelineColumn *pilote_pipeline_board_get_column     (PilotePipelineBoard  *self,
                                                            guint                 index);
gboolean              pilote_pipeline_board_move_deal      (PilotePipelineBoard  *self,
                                                            gint64                deal_id,
                                                            gint64                version,
                                                            gint64                stage_id,
                                                            gint64                lost_reason_id,
                                                            gint64                competitor_id,
                                                            GError              **error);
GtkWidget            *pilote_pipeline_board_ask_lost_reason (PilotePipelineBoard      *self,
                                                            const PilotePipelineDeal *deal,
                                                            gint64                    stage_id);
void                  pilote_pipeline_board_show_error     (PilotePipelineBoard  *self,
                                                            const char           *heading,
                                                            const char           *message);

/* pilote-pipeline-board-edit.c: new deal, editor, delete with undo */
void                  pilote_pipeline_board_class_init_edit (GtkWidgetClass      *widget_class);
void                  pilote_pipeline_board_init_edit      (PilotePipelineBoard  *self);
void                  pilote_pipeline_board_deal_activated_cb (PilotePipelineColumn *column,
                                                            PilotePipelineItem   *item,
                                                            PilotePipelineBoard  *self);
GtkWidget            *pilote_pipeline_board_edit_deal      (PilotePipelineBoard  *self,
                                                            gint64                deal_id);
gboolean              pilote_pipeline_board_delete_deal    (PilotePipelineBoard  *self,
                                                            gint64                deal_id,
                                                            gint64                version,
                                                            GError              **error);
void                  pilote_pipeline_board_undo_delete    (PilotePipelineBoard  *self);
AdwToast             *pilote_pipeline_board_get_undo_toast (PilotePipelineBoard  *self);

/* pilote-pipeline-views.c: the list mode and the forecast */
void                  pilote_pipeline_board_init_list      (PilotePipelineBoard  *self);
void                  pilote_pipeline_board_fill_forecast  (PilotePipelineBoard  *self);

G_END_DECLS
