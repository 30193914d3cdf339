/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-pipeline-model.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_PIPELINE_COLUMN (pilote_pipeline_column_get_type ())
G_DECLARE_FINAL_TYPE (PilotePipelineColumn, pilote_pipeline_column, PILOTE, PIPELINE_COLUMN,
                      GtkWidget)

PilotePipelineColumn *pilote_pipeline_column_new          (gint64                           stage_id,
                                                           const char                      *name,
                                                           PiloteStageKind                  kind);
gint64                pilote_pipeline_column_get_stage_id (PilotePipelineColumn            *self);
PiloteStageKind       pilote_pipeline_column_get_kind     (PilotePipelineColumn            *self);
const char           *pilote_pipeline_column_get_name     (PilotePipelineColumn            *self);
PilotePipelineModel  *pilote_pipeline_column_get_model    (PilotePipelineColumn            *self);
void                  pilote_pipeline_column_set_totals   (PilotePipelineColumn            *self,
                                                           const PilotePipelineStageTotals *totals,
                                                           const char                      *currency,
                                                           const GDate                     *today);
const char           *pilote_pipeline_column_get_summary  (PilotePipelineColumn            *self);
const char           *pilote_pipeline_column_get_count_text    (PilotePipelineColumn       *self);
const char           *pilote_pipeline_column_get_amount_text   (PilotePipelineColumn       *self);
const char           *pilote_pipeline_column_get_weighted_text (PilotePipelineColumn       *self);

G_END_DECLS
