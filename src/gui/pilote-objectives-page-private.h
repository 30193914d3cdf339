/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-kpi.h"
#include "pilote-objective-plan.h"
#include "pilote-objectives-page.h"

G_BEGIN_DECLS

/* What the page asks the worker for */
typedef struct {
  char         *path;
  PilotePeriod  period;
  GDate         today;
  PiloteScope   scope;
  gint64        scope_id;
} PiloteObjRequest;

PiloteObjRequest *pilote_obj_request_copy (const PiloteObjRequest *request);
void              pilote_obj_request_free (PiloteObjRequest       *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteObjRequest, pilote_obj_request_free)

/**
 * PiloteObjItem:
 * @progress: the objective, its actual figure, attainment and pacing, as
 *   the KPI engine computed them over the objective's own period
 * @scope_name: the team's or member's name, "Company" for the company
 * @owner_name: (nullable): a qualitative objective's owner
 * @has_rollup: whether the objective's parts (a team's members, the
 *   company's teams) have objectives of the same metric and period
 * @rollup: what they add up to
 */
typedef struct {
  PiloteObjectiveProgress *progress;
  char                    *scope_name;
  char                    *owner_name;
  gboolean                 has_rollup;
  PiloteObjectiveRollup    rollup;
} PiloteObjItem;

typedef struct {
  gint64     member_id;
  char      *name;
  PiloteGap  gap;
} PiloteObjMemberGap;

/* Everything the page shows, computed in a worker thread */
typedef struct {
  PilotePeriod  period;
  GDate         today;
  PiloteScope   scope;
  gint64        scope_id;
  char         *currency;
  char         *scope_name;
  GPtrArray    *own;           /* PiloteObjItem: the scope's objectives of exactly the period */
  GPtrArray    *parts;         /* PiloteObjItem: its teams' or members' objectives of the period */
  GPtrArray    *longer;        /* PiloteObjItem: the scope's objectives of other periods over it */
  GPtrArray    *qualitative;   /* PiloteObjItem: qualitative objectives over the period */
  PiloteGap     gap;
  GPtrArray    *member_gaps;   /* PiloteObjMemberGap, read after the rest */
  GPtrArray    *progress;      /* PiloteObjectiveProgress: what the items point to */
} PiloteObjData;

void           pilote_obj_data_free        (PiloteObjData          *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteObjData, pilote_obj_data_free)

void           pilote_obj_compute_async    (const PiloteObjRequest *request,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
PiloteObjData *pilote_obj_compute_finish   (GAsyncResult           *result,
                                            GError                **error);
void           pilote_obj_member_gaps_async  (const PiloteObjRequest *request,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
GPtrArray     *pilote_obj_member_gaps_finish (GAsyncResult           *result,
                                              GError                **error);

/* Formatting, in the objective's unit: money, a count or a rate */
char          *pilote_obj_format_value     (PiloteMetric            metric,
                                            gint64                  value,
                                            const char             *currency);
char          *pilote_obj_format_money     (PiloteMoney             amount,
                                            const char             *currency);
char          *pilote_obj_format_ratio     (double                  ratio);
const char    *pilote_obj_metric_label     (PiloteMetric            metric);
char          *pilote_obj_describe_period  (PilotePeriodKind        kind,
                                            const char             *start,
                                            GDateMonth              fiscal_start);

/* Rows */
GtkWidget     *pilote_obj_row_new          (const PiloteObjItem    *item,
                                            const PiloteObjData    *data,
                                            gboolean                show_scope,
                                            gboolean                show_period);
GtkWidget     *pilote_obj_qualitative_row_new (const PiloteObjItem *item,
                                               const PiloteObjData *data);
GtkWidget     *pilote_obj_gap_figures_new  (const PiloteObjData    *data);
GtkWidget     *pilote_obj_gap_table_new    (GPtrArray              *member_gaps,
                                            const char             *currency);
gint64         pilote_obj_row_get_id       (GtkListBoxRow          *row);

G_END_DECLS
