/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-store.h"

G_BEGIN_DECLS

/**
 * PiloteDemoOptions:
 * @n_clients: how many clients and prospects to create
 * @n_deals: how many deals to create
 * @seed: the seed of the generator: the same seed, sizes and @today give
 *   the same data on every machine
 * @today: (nullable): the last day of the company's history; today when %NULL
 */
typedef struct {
  guint        n_clients;
  guint        n_deals;
  guint32      seed;
  const GDate *today;
} PiloteDemoOptions;

void     pilote_demo_options_init (PiloteDemoOptions        *options);
gboolean pilote_demo_generate     (PiloteStore              *store,
                                   const PiloteDemoOptions  *options,
                                   GError                  **error);

G_END_DECLS
