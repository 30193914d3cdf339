/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-pipeline.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_PIPELINE_ITEM (pilote_pipeline_item_get_type ())
G_DECLARE_FINAL_TYPE (PilotePipelineItem, pilote_pipeline_item, PILOTE, PIPELINE_ITEM, GObject)

const PilotePipelineDeal *pilote_pipeline_item_get_deal (PilotePipelineItem *self);

#define PILOTE_TYPE_PIPELINE_MODEL (pilote_pipeline_model_get_type ())
G_DECLARE_FINAL_TYPE (PilotePipelineModel, pilote_pipeline_model, PILOTE, PIPELINE_MODEL, GObject)

PilotePipelineModel *pilote_pipeline_model_new         (gint64                      stage_id);
gint64               pilote_pipeline_model_get_stage_id (PilotePipelineModel        *self);
void                 pilote_pipeline_model_reload      (PilotePipelineModel        *self,
                                                        PiloteStore                *store,
                                                        const PilotePipelineFilter *filter,
                                                        const GDate                *today,
                                                        guint                       n_items);
void                 pilote_pipeline_model_set_sort    (PilotePipelineModel        *self,
                                                        PilotePipelineSort          sort,
                                                        gboolean                    descending);

G_END_DECLS
