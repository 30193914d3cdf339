/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-client-list.h"
#include "pilote-client-model.h"
#include "pilote-clients-view.h"
#include "pilote-worker.h"

G_BEGIN_DECLS

/* the filters of the popover, in grid order */
typedef enum {
  PILOTE_CLIENTS_FILTER_KIND,
  PILOTE_CLIENTS_FILTER_OWNER,
  PILOTE_CLIENTS_FILTER_SEGMENT,
  PILOTE_CLIENTS_FILTER_SECTOR,
  PILOTE_CLIENTS_FILTER_REGION,
  PILOTE_CLIENTS_FILTER_CHANNEL,
  PILOTE_CLIENTS_FILTER_TAG,
  PILOTE_CLIENTS_N_FILTERS
} PiloteClientsFilterKind;

struct _PiloteClientsView
{
  GtkWidget           parent_instance;

  /* template */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkGrid            *filter_grid;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *detail_title;
  GtkStack           *detail_stack;
  GtkBox             *detail_box;
  GtkScrolledWindow  *detail_scroller;

  PiloteStore        *store;
  GDate               today;
  PiloteClientModel  *model;
  GtkSingleSelection *selection;
  PiloteClientSort    probed_sort;
  gboolean            loading;
  GCancellable       *search_cancellable;   /* the search running in a worker */
  PiloteReaderSlot   *search_reader;        /* the searches' connection, kept */

  /* the filter popover: a drop-down each, and the ids or values of their rows */
  GtkDropDown        *filters[PILOTE_CLIENTS_N_FILTERS];
  GArray             *filter_ids[PILOTE_CLIENTS_N_FILTERS];
  GStrv               filter_values[PILOTE_CLIENTS_N_FILTERS];

  /* the client shown in the detail pane */
  PiloteClient       *client;
  gint64              data_version;
  guint               watch_id;

  /* the last delete, while its toast offers to undo it */
  AdwToast           *undo_toast;
  PiloteEntity        undo_entity;
  gint64              undo_id;
};

void     pilote_clients_view_get_filter    (PiloteClientsView  *self,
                                            PiloteClientFilter *filter);
void     pilote_clients_view_show_error    (PiloteClientsView  *self,
                                            const char         *heading,
                                            const char         *message);
void     pilote_clients_view_show_toast    (PiloteClientsView  *self,
                                            const char         *message);

void     pilote_clients_view_after_reload  (PiloteClientsView  *self);

/* pilote-clients-view-list.c */
void     pilote_clients_view_init_list     (PiloteClientsView  *self);
void     pilote_clients_view_fill_filters  (PiloteClientsView  *self);

/* pilote-clients-view-detail.c */
void     pilote_clients_view_show_detail   (PiloteClientsView  *self,
                                            gint64              client_id);

/* pilote-clients-view-actions.c */
void     pilote_clients_view_class_init_actions (GtkWidgetClass *widget_class);
void     pilote_clients_view_init_actions  (PiloteClientsView  *self);
void     pilote_clients_view_update_actions (PiloteClientsView *self);
void     pilote_clients_view_deleted       (PiloteClientsView  *self,
                                            PiloteEntity        entity,
                                            gint64              id,
                                            const char         *message);
AdwToast *pilote_clients_view_get_undo_toast (PiloteClientsView *self);
void     pilote_clients_view_undo_delete   (PiloteClientsView  *self);
GtkWidget *pilote_clients_view_edit_client (PiloteClientsView  *self,
                                            gint64              client_id);
GtkWidget *pilote_clients_view_edit_contact (PiloteClientsView *self,
                                             gint64             contact_id);
GtkWidget *pilote_clients_view_merge       (PiloteClientsView  *self);
gboolean pilote_clients_view_export_to     (PiloteClientsView  *self,
                                            GFile              *file,
                                            GError            **error);

G_END_DECLS
