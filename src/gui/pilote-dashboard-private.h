/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pilote-chart-view.h"
#include "pilote-charts.h"
#include "pilote-dashboard.h"
#include "pilote-kpi.h"

G_BEGIN_DECLS

/* The dimensions the page can be filtered by, in the order of the filter bar */
#define PILOTE_DASH_N_FILTERS 7
extern const PiloteDimension pilote_dash_filter_dimensions[PILOTE_DASH_N_FILTERS];

typedef enum {
  PILOTE_DASH_CHART_LINE,
  PILOTE_DASH_CHART_BARS,
  PILOTE_DASH_CHART_FUNNEL,
  PILOTE_DASH_CHART_GAUGE,
  PILOTE_DASH_CHART_DONUT,
  PILOTE_DASH_CHART_SPARKLINE,
} PiloteDashChartKind;

/**
 * PiloteDashChart:
 * @drill: the name of the dimension a click drills into ("segment",
 *   "month", "stage", "lost-reason"), %NULL when a click does nothing
 * @labels: the labels shown, one per item
 * @keys: what a click on each item drills into (%NULL entries: nothing)
 * @values: the first series (a gauge's value is its only element)
 * @values2: the target of a line chart (empty: none)
 * @values3: a line chart's year before (empty: none)
 *
 * The data of one chart of the page, computed in a worker thread and then
 * owned by the #PiloteChartView showing it.
 */
typedef struct {
  PiloteDashChartKind   kind;
  PiloteChartValueKind  value_kind;
  const char           *drill;
  GPtrArray            *labels;
  GPtrArray            *keys;
  GArray               *values;
  GArray               *values2;
  GArray               *values3;
  char                 *name;
  double                target;
  double                expected;
  PiloteChartStatus     status;
} PiloteDashChart;

PiloteDashChart *pilote_dash_chart_new      (PiloteDashChartKind     kind,
                                             PiloteChartValueKind    value_kind,
                                             const char             *drill);
void             pilote_dash_chart_free     (gpointer                chart);
void             pilote_dash_chart_add      (PiloteDashChart        *chart,
                                             const char             *label,
                                             const char             *key,
                                             double                  value);
guint            pilote_dash_chart_get_size (const PiloteDashChart  *chart);
void             pilote_dash_chart_draw     (cairo_t                *cr,
                                             const PiloteChartStyle *style,
                                             gpointer                data,
                                             double                  width,
                                             double                  height);
gboolean         pilote_dash_chart_hit      (const PiloteChartStyle *style,
                                             gpointer                data,
                                             double                  width,
                                             double                  height,
                                             double                  x,
                                             double                  y,
                                             PiloteChartHit         *hit);
char            *pilote_dash_chart_describe (const PiloteChartStyle *style,
                                             gpointer                data,
                                             const PiloteChartHit   *hit);
char            *pilote_dash_format_value   (double                  value,
                                             PiloteChartValueKind    kind,
                                             gboolean                short_form,
                                             gpointer                currency);

typedef enum {
  PILOTE_DASH_REVENUE,
  PILOTE_DASH_WIN_RATE,
  PILOTE_DASH_MARGIN,
  PILOTE_DASH_CAC,
  PILOTE_DASH_N_HEADLINES
} PiloteDashHeadline;

typedef enum {
  PILOTE_DASH_BY_MONTH,
  PILOTE_DASH_BY_SEGMENT,
  PILOTE_DASH_BY_CATEGORY,
  PILOTE_DASH_BY_REGION,
  PILOTE_DASH_BY_MEMBER,
  PILOTE_DASH_FUNNEL,
  PILOTE_DASH_MARGIN_BY_CATEGORY,
  PILOTE_DASH_CAC_BY_CHANNEL,
  PILOTE_DASH_LOST_REASONS,
  PILOTE_DASH_N_CHARTS
} PiloteDashChartId;

#define PILOTE_DASH_MAX_GAUGES 4

/* What the page asks the worker for */
typedef struct {
  char         *path;
  PilotePeriod  period;
  GDate         today;
  char         *filters[PILOTE_DASH_N_FILTERS];   /* NULL: all */
} PiloteDashRequest;

PiloteDashRequest *pilote_dash_request_copy   (const PiloteDashRequest *request);
void               pilote_dash_request_free   (PiloteDashRequest       *request);
PiloteKpiFilter   *pilote_dash_request_filter (const PiloteDashRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteDashRequest, pilote_dash_request_free)

typedef struct {
  gboolean            has_objective;
  gint64              target;        /* in the objective's unit */
  double              attainment;
  PilotePacingStatus  status;
  PiloteDashChart    *sparkline;
} PiloteDashHeadlineData;

/* Everything the page shows, computed in a worker thread */
typedef struct {
  PilotePeriod            period;
  char                   *currency;
  PiloteKpiReport        *report;       /* totals, previous period, a year before */
  PiloteDashHeadlineData  headlines[PILOTE_DASH_N_HEADLINES];
  PiloteDashChart        *charts[PILOTE_DASH_N_CHARTS];
  GPtrArray              *gauges;       /* PiloteDashChart */
  GPtrArray              *churn;        /* PiloteChurnedClient */
  gint64                  churned_clients;
  PiloteMoney             churned_revenue;
} PiloteDashData;

void            pilote_dash_data_free       (PiloteDashData      *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteDashData, pilote_dash_data_free)

void            pilote_dash_compute_async   (const PiloteDashRequest *request,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
PiloteDashData *pilote_dash_compute_finish  (GAsyncResult            *result,
                                             GError                 **error);

/* The values each filter offers: PILOTE_DASH_N_FILTERS arrays of names */
void            pilote_dash_options_async   (const char              *path,
                                             const GDate             *today,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
GPtrArray     **pilote_dash_options_finish  (GAsyncResult            *result,
                                             GError                 **error);
void            pilote_dash_options_free    (GPtrArray              **options);

/* Cards */

typedef struct {
  GtkLabel        *value;
  GtkLabel        *previous;
  GtkLabel        *year;
  GtkLabel        *objective;
  GtkLevelBar     *level;
  PiloteChartView *spark;
} PiloteDashHeadlineWidgets;

void            pilote_dash_show_headlines  (PiloteDashHeadlineWidgets *headlines,
                                             PiloteDashData            *data,
                                             GtkLabel                  *cac_caption);
GtkWidget      *pilote_dash_card_new        (const char              *title,
                                             const char              *subtitle,
                                             GtkWidget               *content);
void            pilote_dash_fill_churn      (GtkListBox              *list,
                                             const PiloteDashData    *data);

/* Drill down: a window listing the deals behind a click */
void            pilote_dash_show_deals      (GtkWidget               *parent,
                                             const PiloteDashRequest *request,
                                             const char              *currency,
                                             const char              *dimension,
                                             const char              *key,
                                             const char              *label);

G_END_DECLS
