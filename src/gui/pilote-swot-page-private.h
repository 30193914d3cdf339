/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-swot-page.h"

G_BEGIN_DECLS

#define N_QUADRANTS 4

typedef struct {
  GtkListBox *list;
  GtkWidget  *add_button;
} Quadrant;

struct _PiloteSwotPage
{
  GtkWidget       parent_instance;

  PiloteStore    *store;
  char           *period_kind;
  char           *period_start;
  char           *scope_kind;
  gint64          scope_id;

  PilotePeriod    period;
  gboolean        period_valid;
  char            swot_start[PILOTE_ISO_DATE_LEN];
  char           *market;             /* NULL: the items without market */
  GPtrArray      *items;              /* PiloteSwotItem */
  GPtrArray      *competitors;        /* PiloteCompetitorRow */
  GCancellable   *cancellable;
  gboolean        filling_markets;
  guint           reload_idle;
  gint64          undo_item_id;
  gint64          undo_competitor_id;

  Quadrant        quadrants[N_QUADRANTS];

  GtkLabel       *swot_title;
  GtkLabel       *swot_hint;
  GtkDropDown    *market_dropdown;
  GtkFlowBox     *quadrants_box;
  GtkLabel       *competition_hint;
  GtkSpinner     *spinner;
  GtkListBox     *competitor_list;
};

gboolean pilote_swot_page_writable                  (PiloteSwotPage *self);
void     pilote_swot_page_clear_list                (GtkListBox     *list);
void     pilote_swot_page_emit_loaded               (PiloteSwotPage *self);

/* in pilote-swot-page-competitors.c */
void     pilote_swot_page_load_competitors          (PiloteSwotPage *self);
void     pilote_swot_page_install_competitor_actions (GtkWidgetClass *widget_class);

G_END_DECLS
