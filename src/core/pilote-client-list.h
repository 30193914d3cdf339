/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pilote-export.h"
#include "pilote-kpi.h"
#include "pilote-record.h"

G_BEGIN_DECLS

/* What the list of clients can be sorted by. */
typedef enum {
  PILOTE_CLIENT_SORT_NAME,
  PILOTE_CLIENT_SORT_KIND,
  PILOTE_CLIENT_SORT_CITY,
  PILOTE_CLIENT_SORT_REGION,
  PILOTE_CLIENT_SORT_SECTOR,
  PILOTE_CLIENT_SORT_SEGMENT,
  PILOTE_CLIENT_SORT_OWNER,
  PILOTE_CLIENT_SORT_CHANNEL,
  PILOTE_CLIENT_SORT_ACQUIRED,
  PILOTE_CLIENT_SORT_REVENUE,
  PILOTE_CLIENT_N_SORTS
} PiloteClientSort;

/**
 * PiloteClientFilter:
 * @search: (nullable): what the user typed: every word must start a word of
 *   the client's name, city, or one of its contacts' names or e-mails,
 *   ignoring case and accents
 * @kind: a #PiloteClientKind, or -1 for any
 * @owner_id: the owner, 0 for any
 * @segment_id: the segment, 0 for any
 * @channel_id: the acquisition channel, 0 for any
 * @sector: (nullable): the sector, ignoring case
 * @region: (nullable): the region, ignoring case
 * @tag: (nullable): one of the comma-separated tags, ignoring case
 *
 * Which clients a list shows; every condition must hold.
 */
typedef struct {
  const char *search;
  int         kind;
  gint64      owner_id;
  gint64      segment_id;
  gint64      channel_id;
  const char *sector;
  const char *region;
  const char *tag;
} PiloteClientFilter;

void pilote_client_filter_init (PiloteClientFilter *filter);

/* One line of the list */
typedef struct {
  gint64            id;
  gint64            version;
  char             *name;
  PiloteClientKind  kind;
  char             *city;
  char             *region;
  char             *sector;
  char             *segment;
  char             *owner;
  char             *channel;
  char             *acquired_on;
  char             *tags;
  PiloteMoney       revenue;    /* to date, as the KPI engine counts it */
} PiloteClientRow;

void        pilote_client_row_free   (PiloteClientRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteClientRow, pilote_client_row_free)

const char *pilote_client_kind_get_label (PiloteClientKind kind);

GPtrArray  *pilote_client_list       (PiloteStore               *store,
                                      const PiloteClientFilter  *filter,
                                      PiloteClientSort           sort,
                                      gboolean                   descending,
                                      guint                      limit,
                                      guint                      offset,
                                      GError                   **error);
gint64      pilote_client_count      (PiloteStore               *store,
                                      const PiloteClientFilter  *filter,
                                      GError                   **error);
GPtrArray  *pilote_client_search     (PiloteStore               *store,
                                      const PiloteClientFilter  *filter,
                                      PiloteClientSort           sort,
                                      gboolean                   descending,
                                      guint                      limit,
                                      gint64                    *count,
                                      GError                   **error);
gboolean    pilote_client_export     (PiloteStore               *store,
                                      const PiloteClientFilter  *filter,
                                      PiloteClientSort           sort,
                                      gboolean                   descending,
                                      PiloteCsvDialect           dialect,
                                      GOutputStream             *output,
                                      guint64                   *rows,
                                      GCancellable              *cancellable,
                                      GError                   **error);

/* The values the filters offer: distinct sectors, regions and tags in use */
typedef enum {
  PILOTE_CLIENT_VALUES_SECTOR,
  PILOTE_CLIENT_VALUES_REGION,
  PILOTE_CLIENT_VALUES_TAG,
} PiloteClientValues;

GStrv       pilote_client_list_values (PiloteStore         *store,
                                       PiloteClientValues   values,
                                       GError             **error);

/**
 * PiloteClientFigures:
 *
 * A client's figures, from the KPI engine: revenue and gross margin to
 * date and over the 12 months to today, its deals open, won and lost.
 */
typedef struct {
  PiloteMoney revenue;
  PiloteMoney gross_margin;
  PiloteMoney revenue_12_months;
  PiloteMoney gross_margin_12_months;
  gint64      open_deals;
  PiloteMoney open_amount;
  gint64      won_deals;
  PiloteMoney won_amount;
  gint64      lost_deals;
  PiloteMoney lost_amount;
} PiloteClientFigures;

gboolean    pilote_client_get_figures (PiloteStore          *store,
                                       gint64                client_id,
                                       const GDate          *today,
                                       PiloteClientFigures  *figures,
                                       GError              **error);

/* Merging two records of the same client */
typedef struct {
  gint64 deals;
  gint64 contacts;
  gint64 activities;
  guint  fields;       /* empty fields of the kept client filled from the other */
} PiloteClientMergeSummary;

gboolean    pilote_client_merge_preview (PiloteStore               *store,
                                         gint64                     keep_id,
                                         gint64                     other_id,
                                         PiloteClientMergeSummary  *summary,
                                         GError                   **error);
gboolean    pilote_client_merge         (PiloteStore               *store,
                                         gint64                     keep_id,
                                         gint64                     keep_version,
                                         gint64                     other_id,
                                         gint64                     other_version,
                                         PiloteClientMergeSummary  *summary,
                                         GError                   **error);

G_END_DECLS
