/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-client-list.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_CLIENT_ITEM (pilote_client_item_get_type ())
G_DECLARE_FINAL_TYPE (PiloteClientItem, pilote_client_item, PILOTE, CLIENT_ITEM, GObject)

const PiloteClientRow *pilote_client_item_get_row (PiloteClientItem *self);

#define PILOTE_TYPE_CLIENT_MODEL (pilote_client_model_get_type ())
G_DECLARE_FINAL_TYPE (PiloteClientModel, pilote_client_model, PILOTE, CLIENT_MODEL, GObject)

/* how many clients the model reads at a time */
#define PILOTE_CLIENT_MODEL_PAGE_SIZE 100

PiloteClientModel *pilote_client_model_new        (void);
gboolean           pilote_client_model_reload     (PiloteClientModel         *self,
                                                   PiloteStore               *store,
                                                   const PiloteClientFilter  *filter,
                                                   GError                   **error);
void               pilote_client_model_set_results (PiloteClientModel        *self,
                                                   PiloteStore              *store,
                                                   const PiloteClientFilter *filter,
                                                   gint64                    count,
                                                   GPtrArray                *first_page);
void               pilote_client_model_set_sort   (PiloteClientModel         *self,
                                                   PiloteClientSort           sort,
                                                   gboolean                   descending);
PiloteClientSort   pilote_client_model_get_sort   (PiloteClientModel         *self,
                                                   gboolean                  *descending);
guint              pilote_client_model_find       (PiloteClientModel         *self,
                                                   gint64                     client_id);

G_END_DECLS
