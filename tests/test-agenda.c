/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-test"

#include "config.h"

#include <glib/gstdio.h>

#include "pilote-agenda.h"
#include "pilote-error.h"
#include "pilote-kpi.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * The agenda on a small file, with "now" pinned to Wednesday 18 November
 * 2026 at 10:00 UTC: which section each activity falls in, the counts per
 * section for one member, one kind or everyone, pages in order, marking
 * done and rescheduling (version checked, audit written), the activities
 * falling due for the notifications, the client search, and done meetings
 * and calls counting toward their objectives.
 */

typedef struct {
  char        *dir;
  PiloteStore *store;
  GDateTime   *now;
  PiloteAgendaBounds bounds;
  gint64       anna;
  gint64       bruno;
  gint64       client;
  gint64       other_client;
} Fixture;

static gint64
add_member (PiloteStore *store,
            const char  *name)
{
  g_autoptr(PiloteMember) member = pilote_member_new ();
  g_autoptr(GError) error = NULL;

  member->name = g_strdup (name);
  member->active = TRUE;
  g_assert_true (pilote_store_insert (store, member, &error));
  g_assert_no_error (error);
  return member->base.id;
}

static gint64
add_client (PiloteStore *store,
            const char  *name,
            const char  *city)
{
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(GError) error = NULL;

  client->name = g_strdup (name);
  client->city = g_strdup (city);
  g_assert_true (pilote_store_insert (store, client, &error));
  g_assert_no_error (error);
  return client->base.id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pilote-agenda-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "agenda.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  f->now = g_date_time_new_utc (2026, 11, 18, 10, 0, 0);
  pilote_agenda_bounds_init (&f->bounds, f->now);
  f->anna = add_member (f->store, "Anna Lefèvre");
  f->bruno = add_member (f->store, "Bruno Marchal");
  f->client = add_client (f->store, "Société Générale des Eaux", "Lyon");
  f->other_client = add_client (f->store, "Garage Dupont", "Nantes");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_date_time_unref (f->now);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* An activity due @minutes after the pinned now (G_MININT: no due date) */
static gint64
add_activity (Fixture            *f,
              PiloteActivityKind  kind,
              gint64              owner_id,
              int                 minutes,
              const char         *subject)
{
  g_autoptr(PiloteActivity) activity = pilote_activity_new ();
  g_autoptr(GError) error = NULL;

  activity->kind = kind;
  activity->owner_id = owner_id;
  activity->client_id = f->client;
  activity->subject = g_strdup (subject);
  if (minutes != G_MININT)
    {
      g_autoptr(GDateTime) due = g_date_time_add_minutes (f->now, minutes);
      char stamp[PILOTE_AGENDA_STAMP_LEN];

      pilote_agenda_format_stamp (due, stamp);
      activity->due_at = g_strdup (stamp);
    }
  g_assert_true (pilote_store_insert (f->store, activity, &error));
  g_assert_no_error (error);
  return activity->base.id;
}

static void
mark_done (Fixture *f,
           gint64   id,
           int      minutes)
{
  g_autoptr(PiloteActivity) activity = pilote_store_get_activity (f->store, id, NULL);
  g_autoptr(GDateTime) when = g_date_time_add_minutes (f->now, minutes);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (activity);
  g_assert_true (pilote_agenda_mark_done (f->store, activity, NULL, when, &error));
  g_assert_no_error (error);
}

static gint64
query_int64 (PiloteStore *store,
             const char  *sql,
             gint64       id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
count (Fixture *f,
       gint64   owner_id,
       int      kind,
       gint64   counts[PILOTE_AGENDA_N_BUCKETS])
{
  PiloteAgendaFilter filter;
  g_autoptr(GError) error = NULL;

  pilote_agenda_filter_init (&filter);
  filter.owner_id = owner_id;
  filter.kind = kind;
  g_assert_true (pilote_agenda_count (f->store, &filter, &f->bounds, counts, &error));
  g_assert_no_error (error);
}

static void
assert_counts (const gint64 counts[PILOTE_AGENDA_N_BUCKETS],
               gint64       overdue,
               gint64       today,
               gint64       week,
               gint64       later,
               gint64       done)
{
  g_assert_cmpint (counts[PILOTE_AGENDA_OVERDUE], ==, overdue);
  g_assert_cmpint (counts[PILOTE_AGENDA_TODAY], ==, today);
  g_assert_cmpint (counts[PILOTE_AGENDA_THIS_WEEK], ==, week);
  g_assert_cmpint (counts[PILOTE_AGENDA_LATER], ==, later);
  g_assert_cmpint (counts[PILOTE_AGENDA_DONE], ==, done);
}

static void
test_bounds (void)
{
  g_autoptr(GDateTime) wednesday = g_date_time_new_utc (2026, 11, 18, 10, 0, 0);
  g_autoptr(GDateTime) sunday = g_date_time_new_utc (2026, 11, 22, 23, 30, 0);
  PiloteAgendaBounds bounds;

  pilote_agenda_bounds_init (&bounds, wednesday);
  g_assert_cmpstr (bounds.now, ==, "2026-11-18T10:00:00.000Z");
  g_assert_cmpstr (bounds.tomorrow, ==, "2026-11-19T00:00:00.000Z");
  g_assert_cmpstr (bounds.next_week, ==, "2026-11-23T00:00:00.000Z");
  g_assert_cmpstr (bounds.done_since, ==, "2026-10-19T10:00:00.000Z");

  /* on Sunday evening the week ends at midnight: nothing is "this week" */
  pilote_agenda_bounds_init (&bounds, sunday);
  g_assert_cmpstr (bounds.tomorrow, ==, "2026-11-23T00:00:00.000Z");
  g_assert_cmpstr (bounds.next_week, ==, "2026-11-23T00:00:00.000Z");
  g_assert_cmpint (pilote_agenda_bucket_of (&bounds, "2026-11-23T08:00:00.000Z", NULL), ==,
                   PILOTE_AGENDA_LATER);
  g_assert_cmpint (pilote_agenda_bucket_of (&bounds, "2026-11-22T23:45:00.000Z", NULL), ==,
                   PILOTE_AGENDA_TODAY);
  g_assert_cmpint (pilote_agenda_bucket_of (&bounds, "2026-11-22T23:00:00.000Z", NULL), ==,
                   PILOTE_AGENDA_OVERDUE);
  g_assert_cmpint (pilote_agenda_bucket_of (&bounds, NULL, NULL), ==, PILOTE_AGENDA_LATER);
  g_assert_cmpint (pilote_agenda_bucket_of (&bounds, NULL, "2026-11-22T08:00:00.000Z"), ==,
                   PILOTE_AGENDA_DONE);
}

static void
test_buckets (Fixture       *f,
              gconstpointer  data)
{
  gint64 counts[PILOTE_AGENDA_N_BUCKETS];
  gint64 deleted, long_done;
  g_autoptr(PiloteActivity) to_delete = NULL;
  g_autoptr(GError) error = NULL;
  struct { gint64 id; PiloteAgendaBucket bucket; } expected[8];
  guint n = 0;

  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, -25 * 60, "Call back about the quote"), PILOTE_AGENDA_OVERDUE };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_MEETING, f->anna, -120, "Morning meeting"), PILOTE_AGENDA_OVERDUE };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, 5 * 60, "Afternoon call"), PILOTE_AGENDA_TODAY };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_VISIT, f->anna, 2 * 24 * 60, "Visit the plant"), PILOTE_AGENDA_THIS_WEEK };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_EMAIL, f->anna, 6 * 24 * 60, "Send the contract"), PILOTE_AGENDA_LATER };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_TASK, f->anna, G_MININT, "Update the price list"), PILOTE_AGENDA_LATER };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_CALL, f->bruno, 60, "Bruno's call"), PILOTE_AGENDA_TODAY };
  expected[n++] = (typeof (expected[0])) { add_activity (f, PILOTE_ACTIVITY_MEETING, f->anna, -3 * 24 * 60, "Last week's meeting"), PILOTE_AGENDA_DONE };
  mark_done (f, expected[n - 1].id, -2 * 24 * 60);

  /* done two months ago: out of the "done" section; deleted: nowhere */
  long_done = add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, -62 * 24 * 60, "Old call");
  mark_done (f, long_done, -61 * 24 * 60);
  deleted = add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, 30, "Cancelled call");
  to_delete = pilote_store_get_activity (f->store, deleted, NULL);
  g_assert_true (pilote_store_delete (f->store, PILOTE_ENTITY_ACTIVITY, deleted,
                                      to_delete->base.version, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PiloteAgendaItem) item = pilote_agenda_get_item (f->store, expected[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (pilote_agenda_bucket_of (&f->bounds, item->due_at, item->done_at), ==,
                       expected[i].bucket);
      g_assert_cmpstr (item->client, ==, "Société Générale des Eaux");
    }

  count (f, 0, -1, counts);
  assert_counts (counts, 2, 2, 1, 2, 1);
  count (f, f->anna, -1, counts);
  assert_counts (counts, 2, 1, 1, 2, 1);
  count (f, f->bruno, -1, counts);
  assert_counts (counts, 0, 1, 0, 0, 0);
  count (f, 0, PILOTE_ACTIVITY_CALL, counts);
  assert_counts (counts, 1, 2, 0, 0, 0);
  count (f, f->anna, PILOTE_ACTIVITY_MEETING, counts);
  assert_counts (counts, 1, 0, 0, 0, 1);

  /* one client's activities: all of them here, none for the other client */
  {
    PiloteAgendaFilter by_client;
    g_autoptr(GPtrArray) later = NULL;

    pilote_agenda_filter_init (&by_client);
    by_client.client_id = f->client;
    g_assert_true (pilote_agenda_count (f->store, &by_client, &f->bounds, counts, &error));
    assert_counts (counts, 2, 2, 1, 2, 1);
    later = pilote_agenda_list (f->store, &by_client, &f->bounds, PILOTE_AGENDA_LATER, 10, 0,
                                &error);
    g_assert_no_error (error);
    g_assert_cmpuint (later->len, ==, 2);
    g_assert_nonnull (((PiloteAgendaItem *) g_ptr_array_index (later, 0))->due_at);
    g_assert_null (((PiloteAgendaItem *) g_ptr_array_index (later, 1))->due_at);
    by_client.client_id = f->other_client;
    g_assert_true (pilote_agenda_count (f->store, &by_client, &f->bounds, counts, &error));
    assert_counts (counts, 0, 0, 0, 0, 0);
  }

  /* each section lists what it counts, in due order */
  for (PiloteAgendaBucket b = 0; b < PILOTE_AGENDA_N_BUCKETS; b++)
    {
      g_autoptr(GPtrArray) items = NULL;

      count (f, 0, -1, counts);
      items = pilote_agenda_list (f->store, NULL, &f->bounds, b, 50, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (items->len, ==, counts[b]);
      for (guint i = 0; i < items->len; i++)
        {
          const PiloteAgendaItem *item = g_ptr_array_index (items, i);

          g_assert_cmpint (pilote_agenda_bucket_of (&f->bounds, item->due_at, item->done_at), ==,
                           b);
          g_assert_cmpint (item->activity_id, !=, deleted);
          g_assert_cmpint (item->activity_id, !=, long_done);
        }
    }
  {
    g_autoptr(GPtrArray) overdue = pilote_agenda_list (f->store, NULL, &f->bounds,
                                                       PILOTE_AGENDA_OVERDUE, 50, 0, &error);
    const PiloteAgendaItem *first = g_ptr_array_index (overdue, 0);

    g_assert_cmpstr (first->subject, ==, "Call back about the quote");
    g_assert_cmpstr (first->owner, ==, "Anna Lefèvre");
    g_assert_cmpint (first->kind, ==, PILOTE_ACTIVITY_CALL);
  }
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = g_strdup ("");
  gint64 counts[PILOTE_AGENDA_N_BUCKETS];
  guint total = 0;

  /* 23 dated after this week, in shuffled order, then 4 undated */
  for (int i = 0; i < 23; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Follow-up %d", i);

      add_activity (f, PILOTE_ACTIVITY_TASK, f->anna, (8 + (i * 7) % 23) * 24 * 60, subject);
    }
  for (int i = 0; i < 4; i++)
    add_activity (f, PILOTE_ACTIVITY_TASK, f->anna, G_MININT, "Someday");

  count (f, f->anna, -1, counts);
  g_assert_cmpint (counts[PILOTE_AGENDA_LATER], ==, 27);

  for (guint offset = 0; offset < 40; offset += 10)
    {
      g_autoptr(GPtrArray) page = pilote_agenda_list (f->store, NULL, &f->bounds,
                                                      PILOTE_AGENDA_LATER, 10, offset, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (10, 27 - MIN (offset, 27)));
      for (guint i = 0; i < page->len; i++)
        {
          const PiloteAgendaItem *item = g_ptr_array_index (page, i);

          g_assert_true (g_hash_table_add (seen, g_memdup2 (&item->activity_id, sizeof (gint64))));
          if (total < 23)
            {
              g_assert_nonnull (item->due_at);
              g_assert_cmpstr (item->due_at, >, last);
              g_free (last);
              last = g_strdup (item->due_at);
            }
          else
            g_assert_null (item->due_at);
          total++;
        }
    }
  g_assert_cmpuint (total, ==, 27);
}

static void
test_mark_done (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, 60, "Call about the renewal");
  g_autoptr(PiloteActivity) activity = pilote_store_get_activity (f->store, id, NULL);
  g_autoptr(PiloteActivity) stale = pilote_record_copy (activity);
  g_autoptr(GDateTime) when = g_date_time_add_minutes (f->now, 70);
  g_autoptr(GDateTime) friday = g_date_time_new_utc (2026, 11, 20, 14, 30, 0);
  g_autoptr(GError) error = NULL;
  gint64 counts[PILOTE_AGENDA_N_BUCKETS];

  g_assert_cmpint (activity->base.version, ==, 1);
  g_assert_true (pilote_agenda_mark_done (f->store, activity, "  Agreed on a two-year renewal. ",
                                          when, &error));
  g_assert_no_error (error);
  g_assert_cmpint (activity->base.version, ==, 2);
  g_assert_cmpstr (activity->done_at, ==, "2026-11-18T11:10:00.000Z");
  g_assert_cmpstr (activity->notes, ==, "Agreed on a two-year renewal.");
  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM audit_entry WHERE"
                                " table_name = 'activity' AND row_id = ?1 AND action = 'update'"
                                " AND changes LIKE '%done_at%'", id), ==, 1);
  count (f, 0, -1, counts);
  assert_counts (counts, 0, 0, 0, 0, 1);

  /* someone who still sees version 1 cannot mark it again nor move it */
  g_assert_false (pilote_agenda_reschedule (f->store, stale, friday, &error));
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (stale->done_at);
  g_assert_cmpint (stale->base.version, ==, 1);
  g_assert_cmpint (query_int64 (f->store, "SELECT version FROM activity WHERE id = ?1", id), ==,
                   2);

  /* undo: open again with the notes it had */
  g_assert_true (pilote_agenda_reopen (f->store, activity, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (activity->done_at);
  g_assert_null (activity->notes);
  g_assert_cmpint (activity->base.version, ==, 3);
  count (f, 0, -1, counts);
  assert_counts (counts, 0, 1, 0, 0, 0);

  /* a second outcome adds to the notes */
  g_assert_true (pilote_agenda_mark_done (f->store, activity, "First.", when, &error));
  g_assert_true (pilote_agenda_reopen (f->store, activity, activity->notes, &error));
  g_assert_true (pilote_agenda_mark_done (f->store, activity, "Second.", when, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (activity->notes, ==, "First.\n\nSecond.");
  g_assert_true (pilote_agenda_reopen (f->store, activity, NULL, &error));

  /* reschedule to Friday: this week */
  g_assert_true (pilote_agenda_reschedule (f->store, activity, friday, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (activity->due_at, ==, "2026-11-20T14:30:00.000Z");
  g_assert_cmpint (activity->base.version, ==, 8);
  count (f, 0, -1, counts);
  assert_counts (counts, 0, 0, 1, 0, 0);
  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM audit_entry WHERE"
                                " table_name = 'activity' AND row_id = ?1 AND action = 'update'"
                                " AND changes LIKE '%due_at%'", id), ==, 1);
}

static void
test_due_soon (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) horizon = g_date_time_add_minutes (f->now, 15);
  char to[PILOTE_AGENDA_STAMP_LEN];
  g_autoptr(GPtrArray) soon = NULL;
  g_autoptr(GPtrArray) nobody = NULL;
  g_autoptr(GError) error = NULL;
  gint64 due_now, done;

  pilote_agenda_format_stamp (horizon, to);
  due_now = add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, 10, "Call in ten minutes");
  add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, 30, "Call in half an hour");
  add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, -30, "Call missed this morning");
  add_activity (f, PILOTE_ACTIVITY_CALL, f->bruno, 5, "Bruno's call");
  add_activity (f, PILOTE_ACTIVITY_TASK, 0, 5, "Nobody's task");
  done = add_activity (f, PILOTE_ACTIVITY_MEETING, f->anna, 5, "Already held");
  mark_done (f, done, 0);

  soon = pilote_agenda_due_soon (f->store, f->anna, f->bounds.now, to, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soon->len, ==, 1);
  g_assert_cmpint (((PiloteAgendaItem *) g_ptr_array_index (soon, 0))->activity_id, ==, due_now);

  nobody = pilote_agenda_due_soon (f->store, 0, f->bounds.now, to, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nobody->len, ==, 1);
  g_assert_cmpstr (((PiloteAgendaItem *) g_ptr_array_index (nobody, 0))->subject, ==,
                   "Nobody's task");
}

static void
test_search_clients (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prefix = NULL;
  g_autoptr(GPtrArray) contains = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) all = NULL;

  add_client (f->store, "Dupont et Fils", "Lille");
  /* without case or accents, prefix matches first, then the names that contain it */
  prefix = pilote_agenda_search_clients (f->store, "  DUPONT", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prefix->len, ==, 2);
  g_assert_cmpstr (((PiloteAgendaClient *) g_ptr_array_index (prefix, 0))->name, ==,
                   "Dupont et Fils");
  g_assert_cmpstr (((PiloteAgendaClient *) g_ptr_array_index (prefix, 1))->name, ==,
                   "Garage Dupont");
  contains = pilote_agenda_search_clients (f->store, "generale", 10, &error);
  g_assert_cmpuint (contains->len, ==, 1);
  g_assert_cmpstr (((PiloteAgendaClient *) g_ptr_array_index (contains, 0))->city, ==, "Lyon");
  none = pilote_agenda_search_clients (f->store, "100%", 10, &error);
  g_assert_cmpuint (none->len, ==, 0);
  all = pilote_agenda_search_clients (f->store, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
}

/* Done meetings and calls are what the objectives on meetings held and
 * calls made count: the actual figure rises as they are marked done. */
static void
test_meetings_objective (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PiloteObjective) objective = pilote_objective_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  PilotePeriod month;
  GDate day;
  gint64 meetings[3], call;

  g_date_set_dmy (&day, 18, G_DATE_NOVEMBER, 2026);
  pilote_period_init_containing (&month, PILOTE_PERIOD_MONTH, &day, G_DATE_JANUARY);
  objective->metric = PILOTE_METRIC_MEETINGS;
  objective->period_kind = PILOTE_PERIOD_MONTH;
  objective->period_start = g_strdup ("2026-11-01");
  objective->scope = PILOTE_SCOPE_MEMBER;
  objective->scope_id = f->anna;
  objective->target = 3;
  g_assert_true (pilote_store_insert (f->store, objective, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (meetings); i++)
    meetings[i] = add_activity (f, PILOTE_ACTIVITY_MEETING, f->anna, (int) i * 60, "Meeting");
  call = add_activity (f, PILOTE_ACTIVITY_CALL, f->anna, 0, "Call");

  g_assert_cmpint (pilote_kpi_metric_actual (f->store, PILOTE_METRIC_MEETINGS, &month,
                                             PILOTE_SCOPE_MEMBER, f->anna, &error), ==, 0);
  mark_done (f, meetings[0], 30);
  mark_done (f, meetings[1], 90);
  mark_done (f, call, 10);
  g_assert_cmpint (pilote_kpi_metric_actual (f->store, PILOTE_METRIC_MEETINGS, &month,
                                             PILOTE_SCOPE_MEMBER, f->anna, &error), ==, 2);
  g_assert_cmpint (pilote_kpi_metric_actual (f->store, PILOTE_METRIC_CALLS, &month,
                                             PILOTE_SCOPE_COMPANY, 0, &error), ==, 1);
  /* Bruno held none of them */
  g_assert_cmpint (pilote_kpi_metric_actual (f->store, PILOTE_METRIC_MEETINGS, &month,
                                             PILOTE_SCOPE_MEMBER, f->bruno, &error), ==, 0);
  g_assert_no_error (error);

  progress = pilote_kpi_objectives (f->store, &month, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, ==, 1);
  g_assert_cmpint (((PiloteObjectiveProgress *) g_ptr_array_index (progress, 0))->actual, ==, 2);

  /* a meeting done next month counts there, not here */
  mark_done (f, meetings[2], 20 * 24 * 60);
  g_assert_cmpint (pilote_kpi_metric_actual (f->store, PILOTE_METRIC_MEETINGS, &month,
                                             PILOTE_SCOPE_MEMBER, f->anna, &error), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agenda/bounds", test_bounds);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/agenda/buckets", test_buckets);
  ADD ("/agenda/paging", test_paging);
  ADD ("/agenda/mark-done", test_mark_done);
  ADD ("/agenda/due-soon", test_due_soon);
  ADD ("/agenda/search-clients", test_search_clients);
  ADD ("/agenda/meetings-objective", test_meetings_objective);
#undef ADD

  return g_test_run ();
}
