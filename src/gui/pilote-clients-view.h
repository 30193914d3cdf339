/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-store.h"

G_BEGIN_DECLS

#define PILOTE_TYPE_CLIENTS_VIEW (pilote_clients_view_get_type ())
G_DECLARE_FINAL_TYPE (PiloteClientsView, pilote_clients_view, PILOTE, CLIENTS_VIEW, GtkWidget)

GtkWidget   *pilote_clients_view_new           (void);
PiloteStore *pilote_clients_view_get_store     (PiloteClientsView *self);
void         pilote_clients_view_set_store     (PiloteClientsView *self,
                                                PiloteStore       *store);
void         pilote_clients_view_set_today     (PiloteClientsView *self,
                                                const GDate       *today);
void         pilote_clients_view_set_search    (PiloteClientsView *self,
                                                const char        *text);
guint        pilote_clients_view_get_n_results (PiloteClientsView *self);
void         pilote_clients_view_show_client   (PiloteClientsView *self,
                                                gint64             client_id);
gint64       pilote_clients_view_get_client_id (PiloteClientsView *self);
void         pilote_clients_view_reload        (PiloteClientsView *self);

G_END_DECLS
