/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-record.h"
#include "pilote-store.h"

G_BEGIN_DECLS

/* The sections of the agenda, in the order they are shown. */
typedef enum {
  PILOTE_AGENDA_OVERDUE,     /* not done, due before now */
  PILOTE_AGENDA_TODAY,       /* not done, due from now to the end of the day */
  PILOTE_AGENDA_THIS_WEEK,   /* not done, due from tomorrow to the end of the week */
  PILOTE_AGENDA_LATER,       /* not done, due after this week, or without a due date */
  PILOTE_AGENDA_DONE,        /* done in the last PILOTE_AGENDA_DONE_DAYS days */
  PILOTE_AGENDA_N_BUCKETS
} PiloteAgendaBucket;

#define PILOTE_AGENDA_DONE_DAYS 30

/* "YYYY-MM-DDTHH:MM:SS.000Z" and the terminating nul */
#define PILOTE_AGENDA_STAMP_LEN 25

/**
 * PiloteAgendaBounds:
 * @now: the moment the agenda is drawn at
 * @tomorrow: the start of the next day, local time
 * @next_week: the start of next week (Monday), local time
 * @done_since: @now less %PILOTE_AGENDA_DONE_DAYS days
 *
 * The limits of the sections as UTC timestamps, in the form the file keeps
 * due and done times in, so that they compare as text on the indexes.
 */
typedef struct {
  char now[PILOTE_AGENDA_STAMP_LEN];
  char tomorrow[PILOTE_AGENDA_STAMP_LEN];
  char next_week[PILOTE_AGENDA_STAMP_LEN];
  char done_since[PILOTE_AGENDA_STAMP_LEN];
} PiloteAgendaBounds;

/**
 * PiloteAgendaFilter:
 * @owner_id: only the activities of this member; 0 for everyone
 * @kind: only activities of this #PiloteActivityKind; -1 for every kind
 * @client_id: only the activities of this client; 0 for every client
 */
typedef struct {
  gint64 owner_id;
  int    kind;
  gint64 client_id;
} PiloteAgendaFilter;

/**
 * PiloteAgendaItem:
 *
 * What a row of the agenda shows about one activity: the activity and the
 * names of its client, deal and owner (%NULL when there is none).
 */
typedef struct {
  gint64             activity_id;
  gint64             version;
  PiloteActivityKind kind;
  char              *subject;
  char              *notes;
  gint64             client_id;
  char              *client;
  gint64             deal_id;
  char              *deal;
  gint64             owner_id;
  char              *owner;
  char              *due_at;
  char              *done_at;
} PiloteAgendaItem;

void               pilote_agenda_filter_init   (PiloteAgendaFilter        *filter);
void               pilote_agenda_bounds_init   (PiloteAgendaBounds        *bounds,
                                                GDateTime                 *now);
void               pilote_agenda_format_stamp  (GDateTime                 *time,
                                                char                       stamp[PILOTE_AGENDA_STAMP_LEN]);
GDateTime         *pilote_agenda_parse_stamp   (const char                *stamp);
PiloteAgendaBucket pilote_agenda_bucket_of     (const PiloteAgendaBounds  *bounds,
                                                const char                *due_at,
                                                const char                *done_at);

gboolean           pilote_agenda_count         (PiloteStore               *store,
                                                const PiloteAgendaFilter  *filter,
                                                const PiloteAgendaBounds  *bounds,
                                                gint64                     counts[PILOTE_AGENDA_N_BUCKETS],
                                                GError                   **error);
GPtrArray         *pilote_agenda_list          (PiloteStore               *store,
                                                const PiloteAgendaFilter  *filter,
                                                const PiloteAgendaBounds  *bounds,
                                                PiloteAgendaBucket         bucket,
                                                guint                      limit,
                                                guint                      offset,
                                                GError                   **error);
PiloteAgendaItem  *pilote_agenda_get_item      (PiloteStore               *store,
                                                gint64                     activity_id,
                                                GError                   **error);
GPtrArray         *pilote_agenda_due_soon      (PiloteStore               *store,
                                                gint64                     owner_id,
                                                const char                *from,
                                                const char                *to,
                                                guint                      limit,
                                                GError                   **error);

gboolean           pilote_agenda_mark_done     (PiloteStore               *store,
                                                PiloteActivity            *activity,
                                                const char                *outcome,
                                                GDateTime                 *when,
                                                GError                   **error);
gboolean           pilote_agenda_reopen        (PiloteStore               *store,
                                                PiloteActivity            *activity,
                                                const char                *notes,
                                                GError                   **error);
gboolean           pilote_agenda_reschedule    (PiloteStore               *store,
                                                PiloteActivity            *activity,
                                                GDateTime                 *due,
                                                GError                   **error);

/* Choosing the client of an activity among many */
typedef struct {
  gint64  client_id;
  char   *name;
  char   *city;
} PiloteAgendaClient;

GPtrArray         *pilote_agenda_search_clients (PiloteStore              *store,
                                                 const char               *text,
                                                 guint                     limit,
                                                 GError                  **error);

const char        *pilote_agenda_bucket_get_label     (PiloteAgendaBucket   bucket);
const char        *pilote_activity_kind_get_label     (PiloteActivityKind   kind);

void               pilote_agenda_item_free     (PiloteAgendaItem          *item);
void               pilote_agenda_client_free   (PiloteAgendaClient        *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PiloteAgendaItem, pilote_agenda_item_free)

G_END_DECLS
