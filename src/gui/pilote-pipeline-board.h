/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_PIPELINE_BOARD (pilote_pipeline_board_get_type ())
G_DECLARE_FINAL_TYPE (PilotePipelineBoard, pilote_pipeline_board, PILOTE, PIPELINE_BOARD,
                      GtkWidget)

GtkWidget   *pilote_pipeline_board_new       (void);
PiloteStore *pilote_pipeline_board_get_store (PilotePipelineBoard *self);
void         pilote_pipeline_board_set_store (PilotePipelineBoard *self,
                                              PiloteStore         *store);
void         pilote_pipeline_board_reload    (PilotePipelineBoard *self);

G_END_DECLS
