/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pilote-plan-page.h"

G_BEGIN_DECLS

/* the statuses an action can have, one column each */
#define N_STATUSES 4

typedef struct {
  GtkWidget *box;
  GtkLabel  *count_label;
  GtkListBox *list;
  guint      n_cards;
} Column;

struct _PilotePlanPage
{
  GtkWidget         parent_instance;

  PiloteStore      *store;
  char             *period_kind;
  char             *period_start;
  char             *scope_kind;
  gint64            scope_id;
  GDate             today;
  gboolean          today_pinned;

  PilotePeriod      period;
  gboolean          period_valid;
  GPtrArray        *actions;          /* PiloteAction */
  GHashTable       *member_names;     /* id → name */
  GHashTable       *objective_labels; /* id → label */
  PilotePeriodNote *strategy;
  gboolean          strategy_dirty;
  gboolean          loading_strategy;
  guint             save_timeout;
  guint             reload_idle;
  guint             watch_timeout;
  gint64            data_version;
  gint64            undo_action_id;
  GtkWidget        *conflict_dialog;

  Column            columns[N_STATUSES];

  GtkWidget        *scrolled;
  GtkLabel         *strategy_title;
  GtkLabel         *save_label;
  GtkTextView      *strategy_view;
  GtkLabel         *count_label;
  GtkToggleButton  *board_button;
  GtkToggleButton  *list_button;
  GtkStack         *actions_stack;
  GtkFlowBox       *board_box;
  GtkListBox       *action_list;
};


static inline GtkWindow *
pilote_plan_page_get_window (PilotePlanPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* in pilote-plan-page-actions.c */
void pilote_plan_page_build_columns   (PilotePlanPage *self);
void pilote_plan_page_show_actions    (PilotePlanPage *self);
void pilote_plan_page_load_actions    (PilotePlanPage *self);
void pilote_plan_page_activate_row    (GtkListBox     *list,
                                       GtkListBoxRow  *row,
                                       PilotePlanPage *self);
void pilote_plan_page_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
