/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-pipeline-model.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_PIPELINE_CARD (pilote_pipeline_card_get_type ())
G_DECLARE_FINAL_TYPE (PilotePipelineCard, pilote_pipeline_card, PILOTE, PIPELINE_CARD, GtkWidget)

GtkWidget          *pilote_pipeline_card_new      (void);
void                pilote_pipeline_card_set_item (PilotePipelineCard *self,
                                                   PilotePipelineItem *item,
                                                   const char         *currency,
                                                   const GDate        *today);
PilotePipelineItem *pilote_pipeline_card_get_item (PilotePipelineCard *self);

char               *pilote_pipeline_format_date   (const char         *iso);

G_END_DECLS
