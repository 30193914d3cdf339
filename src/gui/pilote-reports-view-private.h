/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-report.h"
#include "pilote-reports-view.h"

G_BEGIN_DECLS

struct _PiloteReportsView
{
  GtkWidget         parent_instance;

  PiloteStore      *store;
  PiloteReport     *report;          /* the summary shown, NULL while computing */
  GCancellable     *cancellable;     /* the computation under way */
  GDateYear         year;
  GDateMonth        month;
  PiloteScope       scope;
  gint64            scope_id;
  GArray           *scopes;          /* ScopeChoice, one per row of scope_dropdown */
  gboolean          filling;         /* the selectors are being set from code */

  PilotePeriodNote *note;            /* the comment as last read or saved, or NULL */
  guint             save_source;
  gboolean          comment_dirty;
  gboolean          loading_comment;
  AdwMessageDialog *conflict_dialog;

  GtkWidget        *content;
  GtkMenuButton    *month_button;
  GtkPopover       *month_popover;
  GtkDropDown      *month_dropdown;
  GtkSpinButton    *year_spin;
  GtkDropDown      *scope_dropdown;
  GtkToggleButton  *comment_toggle;
  AdwFlap          *flap;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkScrolledWindow *preview_scroller;
  GtkDrawingArea   *pages_area;
  AdwStatusPage    *error_page;
  GtkLabel         *comment_hint;
  GtkTextView      *comment_view;
  GtkLabel         *comment_status;
};

/* pilote-reports-view-print.c */
void  pilote_reports_view_print_action  (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);
void  pilote_reports_view_export_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);
char *pilote_reports_view_describe      (PiloteReportsView *self);
void  pilote_reports_view_toast         (PiloteReportsView *self,
                                         const char        *message);

G_END_DECLS
