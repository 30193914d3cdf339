/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-kpi.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *funnel;       /* PiloteFunnelStage, nullable */
  GPtrArray *lost_reasons; /* PiloteLostRow, nullable */
  GPtrArray *competitors;  /* PiloteLostRow, nullable */
  GPtrArray *churn;        /* PiloteChurnedClient, nullable */
  GPtrArray *objectives;   /* PiloteObjectiveProgress, nullable */
} PiloteCliDetails;

char *pilote_cli_kpi_to_json (const PiloteKpiReport  *report,
                              const PiloteCliDetails *details,
                              gboolean                compare);

G_END_DECLS
