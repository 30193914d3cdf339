/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pilote-client-list.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * The list of clients without a display: search as you type (accents,
 * case, contacts' e-mails, on 100 000 clients), filters, sorting and
 * paging in SQL, the figures from the KPI engine, merging duplicates,
 * delete and restore, export, and a prospect that becomes a client with
 * its first won deal.
 */

typedef struct {
  char        *dir;
  PiloteStore *store;
  GDate        today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PiloteDemoOptions options;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-clients-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "clients.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &f->today));
  pilote_demo_options_init (&options);
  options.n_clients = 120;
  options.n_deals = 900;
  options.today = &f->today;
  ok = pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
query_int64 (PiloteStore *store,
             const char  *sql,
             gint64       param)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (PiloteStore *store,
            const char  *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return pilote_column_dup (stmt, 0);
}

static GPtrArray *
search (PiloteStore *store,
        const char  *text)
{
  g_autoptr(GError) error = NULL;
  PiloteClientFilter filter;
  GPtrArray *rows;

  pilote_client_filter_init (&filter);
  filter.search = text;
  rows = pilote_client_list (store, &filter, PILOTE_CLIENT_SORT_NAME, FALSE, 50, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static gboolean
rows_have (GPtrArray *rows,
           gint64     id)
{
  for (guint i = 0; i < rows->len; i++)
    if (((PiloteClientRow *) g_ptr_array_index (rows, i))->id == id)
      return TRUE;
  return FALSE;
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

static gint64
add_contact (PiloteStore *store,
             gint64       client_id,
             const char  *name,
             const char  *email)
{
  g_autoptr(PiloteContact) contact = pilote_contact_new ();
  g_autoptr(GError) error = NULL;

  contact->client_id = client_id;
  contact->name = g_strdup (name);
  contact->email = g_strdup (email);
  contact->phone = g_strdup ("+33 1 23 45 67 89");
  g_assert_true (pilote_store_insert (store, contact, &error));
  g_assert_no_error (error);
  return contact->base.id;
}

/* 100 000 clients: a contact's e-mail finds its client, at once */
static void
test_search_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-clients-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "large.pilote", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *email = NULL;
  PiloteDemoOptions options;
  PiloteClientFilter filter;
  GDate today;
  gint64 client_id, start, count;
  gboolean ok;

  store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &today));
  pilote_demo_options_init (&options);
  options.n_clients = 100000;
  options.n_deals = 20000;
  options.today = &today;
  start = g_get_monotonic_time ();
  ok = pilote_demo_generate (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_test_message ("generated 100 000 clients in %.1f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (query_int64 (store, "SELECT count (*) FROM client", 0), ==, 100000);

  /* a contact of a client in the middle of the file */
  client_id = add_client (store, "Maison Lefèvre & Fils", "Nîmes");
  add_contact (store, client_id, "Hélène Brunet", "helene.brunet@lefevre-fils.example");
  email = query_text (store, "SELECT email FROM contact ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (email, ==, "helene.brunet@lefevre-fils.example");

  start = g_get_monotonic_time ();
  rows = search (store, email);
  g_test_message ("searched an e-mail among 100 000 clients in %.1f ms",
                  (g_get_monotonic_time () - start) / 1e3);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (rows_have (rows, client_id));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* typed as it comes, without accents nor capitals */
  rows = search (store, "HELENE brunet lefevre FILS");
  g_assert_true (rows_have (rows, client_id));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = search (store, "maison LEFEVRE fils nimes");
  g_assert_true (rows_have (rows, client_id));

  /* one letter: a first page at once, and the count of all of them */
  pilote_client_filter_init (&filter);
  filter.search = "m";
  start = g_get_monotonic_time ();
  count = pilote_client_count (store, &filter, &error);
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pilote_client_list (store, &filter, PILOTE_CLIENT_SORT_NAME, FALSE, 50, 0, &error);
  g_assert_no_error (error);
  g_test_message ("one letter: %" G_GINT64_FORMAT " clients counted and a page read in %.1f ms",
                  count, (g_get_monotonic_time () - start) / 1e3);
  g_assert_cmpint (count, >, 50);
  g_assert_cmpuint (rows->len, ==, 50);

  /* a search finding thousands, read in the list's order: a deleted
   * client found is neither counted nor shown; the pages are those of
   * the same search read client by client */
  {
    static const char *const found =
      " FROM client c WHERE c.deleted_at IS NULL AND c.id IN"
      " (SELECT rowid FROM client_search WHERE client_search MATCH '\"m\"*')";
    gint64 deleted_id = ((PiloteClientRow *) g_ptr_array_index (rows, 0))->id;
    gint64 deleted_version = ((PiloteClientRow *) g_ptr_array_index (rows, 0))->version;
    g_autofree char *count_sql = g_strconcat ("SELECT count (*)", found, NULL);
    g_autofree char *ids_sql = g_strconcat ("SELECT c.id", found,
                                            " ORDER BY (c.city IS NULL OR c.city = ''),"
                                            " c.city COLLATE NOCASE DESC, c.name COLLATE NOCASE DESC,"
                                            " c.id DESC LIMIT 50 OFFSET 50", NULL);
    g_autoptr(PiloteStmt) stmt = NULL;
    g_autoptr(GPtrArray) by_city = NULL;

    g_assert_true (pilote_store_delete (store, PILOTE_ENTITY_CLIENT, deleted_id, deleted_version,
                                        &error));
    g_assert_no_error (error);
    g_assert_cmpint (pilote_client_count (store, &filter, &error), ==, count - 1);
    g_assert_cmpint (query_int64 (store, count_sql, 0), ==, count - 1);
    g_assert_cmpint (count - 1, >, 500);   /* read in the list's order */
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = pilote_client_list (store, &filter, PILOTE_CLIENT_SORT_NAME, FALSE, 50, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 50);
    g_assert_false (rows_have (rows, deleted_id));
    by_city = pilote_client_list (store, &filter, PILOTE_CLIENT_SORT_CITY, TRUE, 50, 50, &error);
    g_assert_no_error (error);
    stmt = pilote_store_prepare (store, ids_sql, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 50; i++)
      {
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (by_city, i))->id, ==,
                         sqlite3_column_int64 (stmt, 0));
      }
  }

  /* what a keystroke reads, the full-text index read once: the count and
   * the first page of the two calls, for a search finding thousands and
   * one finding a few, in either direction */
  {
    static const char *const typed[] = { "m", "ma", "maison lefevre", "zzz" };

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      for (int descending = 0; descending <= 1; descending++)
        {
          g_autoptr(GPtrArray) page = NULL;
          g_autoptr(GPtrArray) listed = NULL;
          gint64 found = -1;

          filter.search = typed[i];
          page = pilote_client_search (store, &filter, PILOTE_CLIENT_SORT_CITY, descending, 100,
                                       &found, &error);
          g_assert_no_error (error);
          g_assert_nonnull (page);
          g_assert_cmpint (found, ==, pilote_client_count (store, &filter, &error));
          g_assert_no_error (error);
          listed = pilote_client_list (store, &filter, PILOTE_CLIENT_SORT_CITY, descending, 100, 0,
                                       &error);
          g_assert_no_error (error);
          g_assert_cmpuint (page->len, ==, MIN (found, 100));
          g_assert_cmpuint (page->len, ==, listed->len);
          for (guint r = 0; r < page->len; r++)
            g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (page, r))->id, ==,
                             ((PiloteClientRow *) g_ptr_array_index (listed, r))->id);
          if (i == 0)
            g_assert_cmpint (found, ==, count - 1);
          if (i == 2)
            g_assert_true (rows_have (page, client_id));
        }
  }

  g_clear_object (&store);
  pilote_test_remove_tree (dir);
}

static void
test_search_accents (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PiloteClient) client = NULL;
  gint64 id, zoe;
  gboolean ok;

  id = add_client (f->store, "Société Générale d'Électricité", "Besançon");
  zoe = add_contact (f->store, id, "Zoé Kœnig", "zoe.koenig@sge.example");

  for (guint i = 0; i < 6; i++)
    {
      static const char *const typed[] = {
        "societe", "GÉNÉ", "besancon", "élec gen", "ZOE", "zoe.koenig@sge",
      };

      rows = search (f->store, typed[i]);
      g_assert_true (rows_have (rows, id));
      g_clear_pointer (&rows, g_ptr_array_unref);
    }
  /* every word must match; punctuation alone searches nothing */
  rows = search (f->store, "societe lyon");
  g_assert_false (rows_have (rows, id));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = search (f->store, "\"*()");
  g_assert_cmpuint (rows->len, ==, 50);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* the index follows renames and contacts that go */
  client = pilote_store_get_client (f->store, id, &error);
  g_free (client->name);
  client->name = g_strdup ("Électricité de Franche-Comté");
  ok = pilote_store_update (f->store, client, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  rows = search (f->store, "societe");
  g_assert_false (rows_have (rows, id));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = search (f->store, "franche comte");
  g_assert_true (rows_have (rows, id));
  g_clear_pointer (&rows, g_ptr_array_unref);

  ok = pilote_store_delete (f->store, PILOTE_ENTITY_CONTACT, zoe, 1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  rows = search (f->store, "koenig");
  g_assert_false (rows_have (rows, id));
}

/* a client with two contacts, both found, both listed */
static void
test_create_with_contacts (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  PiloteFilter by_client = { "client_id", PILOTE_OP_EQ, NULL, 0 };
  PiloteQuery query = { .filters = &by_client, .n_filters = 1, .sort_field = "name" };
  gint64 id;

  id = add_client (f->store, "Atelier Vauban", "Lille");
  add_contact (f->store, id, "Paul Martin", "paul@vauban.example");
  add_contact (f->store, id, "Anne Roux", "anne@vauban.example");
  by_client.number = id;
  contacts = pilote_store_list (f->store, PILOTE_ENTITY_CONTACT, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (((PiloteContact *) g_ptr_array_index (contacts, 0))->name, ==, "Anne Roux");

  rows = search (f->store, "paul@vauban");
  g_assert_true (rows_have (rows, id));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = search (f->store, "anne vauban");
  g_assert_true (rows_have (rows, id));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (rows, 0))->kind, ==,
                   PILOTE_CLIENT_KIND_PROSPECT);
}

/* a stale version is refused and changes nothing */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(PiloteClient) mine = NULL;
  g_autoptr(PiloteClient) theirs = NULL;
  g_autoptr(PiloteClient) stored = NULL;
  gint64 id = add_client (f->store, "Brasserie du Port", "Brest");
  gboolean ok;

  mine = pilote_store_get_client (f->store, id, &error);
  other = pilote_store_open (pilote_store_get_path (f->store), PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = pilote_store_get_client (other, id, &error);
  g_free (theirs->city);
  theirs->city = g_strdup ("Quimper");
  ok = pilote_store_update (other, theirs, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_free (mine->city);
  mine->city = g_strdup ("Lorient");
  ok = pilote_store_update (f->store, mine, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_assert_false (ok);
  stored = pilote_store_get_client (f->store, id, NULL);
  g_assert_cmpstr (stored->city, ==, "Quimper");
}

static gint64
count_rows (PiloteStore *store,
            const char  *table,
            gint64       client_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s WHERE client_id = ?"
                                          " AND deleted_at IS NULL", table);

  return query_int64 (store, sql, client_id);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteClient) kept = NULL;
  g_autoptr(PiloteClient) gone = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PiloteClientFigures before_a, before_b, after;
  PiloteClientMergeSummary preview, summary;
  gint64 a, b, deals_a, deals_b, contacts_a, contacts_b, activities_b, audits;
  gboolean ok;

  /* the two clients with the most deals */
  a = query_int64 (f->store, "SELECT client_id FROM deal GROUP BY client_id"
                             " ORDER BY count (*) DESC, client_id LIMIT 1", 0);
  b = query_int64 (f->store, "SELECT client_id FROM deal WHERE client_id <> ?"
                             " GROUP BY client_id ORDER BY count (*) DESC, client_id LIMIT 1", a);
  add_contact (f->store, b, "Luc Besson", "luc@duplicate.example");
  deals_a = count_rows (f->store, "deal", a);
  deals_b = count_rows (f->store, "deal", b);
  contacts_a = count_rows (f->store, "contact", a);
  contacts_b = count_rows (f->store, "contact", b);
  activities_b = count_rows (f->store, "activity", b);
  g_assert_cmpint (deals_b, >, 0);
  g_assert_true (pilote_client_get_figures (f->store, a, &f->today, &before_a, &error));
  g_assert_true (pilote_client_get_figures (f->store, b, &f->today, &before_b, &error));
  g_assert_no_error (error);

  ok = pilote_client_merge_preview (f->store, a, b, &preview, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (preview.deals, ==, deals_b);
  g_assert_cmpint (preview.contacts, ==, contacts_b);
  g_assert_cmpint (preview.activities, ==, activities_b);

  /* a stale version merges nothing */
  kept = pilote_store_get_client (f->store, a, &error);
  gone = pilote_store_get_client (f->store, b, &error);
  ok = pilote_client_merge (f->store, a, kept->base.version + 1, b, gone->base.version, NULL,
                            &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_assert_false (ok);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->store, "deal", b), ==, deals_b);

  audits = query_int64 (f->store, "SELECT count (*) FROM audit_entry", 0);
  ok = pilote_client_merge (f->store, a, kept->base.version, b, gone->base.version, &summary,
                            &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (summary.deals, ==, deals_b);

  g_assert_cmpint (count_rows (f->store, "deal", a), ==, deals_a + deals_b);
  g_assert_cmpint (count_rows (f->store, "contact", a), ==, contacts_a + contacts_b);
  g_assert_cmpint (count_rows (f->store, "deal", b), ==, 0);
  g_clear_pointer (&gone, pilote_client_free);
  gone = pilote_store_get_client (f->store, b, &error);
  g_assert_nonnull (gone->base.deleted_at);
  /* every row moved has its audit entry, the delete too */
  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM audit_entry", 0), >=,
                   audits + deals_b + contacts_b + activities_b + 1);
  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM audit_entry WHERE"
                                " table_name = 'deal' AND json_extract (changes,"
                                " '$.client_id[1]') = CAST (? AS TEXT)", a), ==, deals_b);

  /* the figures of the client kept add up */
  g_assert_true (pilote_client_get_figures (f->store, a, &f->today, &after, &error));
  g_assert_cmpint (after.revenue, ==, before_a.revenue + before_b.revenue);
  g_assert_cmpint (after.won_deals, ==, before_a.won_deals + before_b.won_deals);
  g_assert_cmpint (after.open_deals, ==, before_a.open_deals + before_b.open_deals);

  /* the contact of the other is found under the client kept */
  rows = search (f->store, "luc@duplicate");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (rows_have (rows, a));

  /* merging a client with itself is refused */
  ok = pilote_client_merge (f->store, a, 1, a, 1, NULL, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_false (ok);
}

/* pages sorted in SQL follow one another; revenue is the KPI engine's */
static void
test_sort_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_client_row_free);
  gint64 total = pilote_client_count (f->store, NULL, &error);
  PiloteClientFigures figures;

  g_assert_cmpint (total, ==, query_int64 (f->store, "SELECT count (*) FROM client"
                                                     " WHERE deleted_at IS NULL", 0));
  for (guint offset = 0;; offset += 25)
    {
      g_autoptr(GPtrArray) page = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_REVENUE,
                                                      TRUE, 25, offset, &error);

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      g_ptr_array_extend_and_steal (seen, g_steal_pointer (&page));
    }
  g_assert_cmpint (seen->len, ==, total);
  for (guint i = 1; i < seen->len; i++)
    {
      const PiloteClientRow *prev = g_ptr_array_index (seen, i - 1);
      const PiloteClientRow *row = g_ptr_array_index (seen, i);

      g_assert_cmpint (prev->revenue, >=, row->revenue);
      g_assert_cmpint (prev->id, !=, row->id);
    }
  /* the first is the client with the most revenue, as the KPI engine counts it */
  g_assert_true (pilote_client_get_figures (f->store,
                                            ((PiloteClientRow *) g_ptr_array_index (seen, 0))->id,
                                            &f->today, &figures, &error));
  g_assert_cmpint (figures.revenue, ==, ((PiloteClientRow *) g_ptr_array_index (seen, 0))->revenue);
  g_assert_cmpint (figures.revenue, >, 0);

  /* by city, descending: pages follow one another, the clients without a
   * city last (read in two parts from the index) */
  {
    g_autoptr(PiloteClient) no_city = pilote_client_new ();
    g_autoptr(GPtrArray) by_city = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_client_row_free);
    gint64 count = pilote_client_count (f->store, NULL, &error);

    no_city->name = g_strdup ("Sans Ville");
    g_assert_true (pilote_store_insert (f->store, no_city, &error));
    count++;
    for (guint offset = 0;; offset += 7)
      {
        g_autoptr(GPtrArray) page = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_CITY,
                                                        TRUE, 7, offset, &error);

        g_assert_no_error (error);
        if (page->len == 0)
          break;
        g_ptr_array_extend_and_steal (by_city, g_steal_pointer (&page));
      }
    g_assert_cmpint (by_city->len, ==, count);
    g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (by_city, by_city->len - 1))->id, ==,
                     no_city->base.id);
    for (guint i = 1; i + 1 < by_city->len; i++)
      g_assert_cmpint (g_ascii_strcasecmp (((PiloteClientRow *) g_ptr_array_index (by_city, i - 1))->city,
                                           ((PiloteClientRow *) g_ptr_array_index (by_city, i))->city),
                       >=, 0);
  }

  /* by name: the second page starts where the first ended */
  all = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_NAME, FALSE, 1000, 0, &error);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (g_ascii_strcasecmp (((PiloteClientRow *) g_ptr_array_index (all, i - 1))->name,
                                         ((PiloteClientRow *) g_ptr_array_index (all, i))->name),
                     <=, 0);
  {
    g_autoptr(GPtrArray) second = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_NAME,
                                                      FALSE, 10, 10, &error);

    g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (second, 0))->id, ==,
                     ((PiloteClientRow *) g_ptr_array_index (all, 10))->id);
  }
}

/* how two rows of a list sorted by @sort ascending compare: the sort
 * column (empty values last, whichever the direction), then the name,
 * then the id, each the way SQLite's NOCASE compares */
static int
compare_text (const char *a,
              const char *b)
{
  return g_ascii_strcasecmp (a != NULL ? a : "", b != NULL ? b : "");
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static const char *
sort_text (const PiloteClientRow *row,
           PiloteClientSort       sort)
{
  switch (sort)
    {
    case PILOTE_CLIENT_SORT_CITY: return row->city;
    case PILOTE_CLIENT_SORT_REGION: return row->region;
    case PILOTE_CLIENT_SORT_SECTOR: return row->sector;
    case PILOTE_CLIENT_SORT_SEGMENT: return row->segment;
    case PILOTE_CLIENT_SORT_OWNER: return row->owner;
    case PILOTE_CLIENT_SORT_CHANNEL: return row->channel;
    case PILOTE_CLIENT_SORT_ACQUIRED: return row->acquired_on;
    default: return NULL;
    }
}

static int
compare_rows (const PiloteClientRow *a,
              const PiloteClientRow *b,
              PiloteClientSort       sort,
              gboolean               descending)
{
  int direction = descending ? -1 : 1;
  int cmp = 0;

  if (sort == PILOTE_CLIENT_SORT_KIND)
    cmp = (int) a->kind - (int) b->kind;
  else if (sort == PILOTE_CLIENT_SORT_REVENUE)
    cmp = (a->revenue > b->revenue) - (a->revenue < b->revenue);
  else if (sort != PILOTE_CLIENT_SORT_NAME)
    {
      const char *x = sort_text (a, sort), *y = sort_text (b, sort);

      if (is_empty (x) != is_empty (y))
        return is_empty (x) ? 1 : -1;
      if (is_empty (x))
        cmp = (x != NULL) - (y != NULL);    /* NULL before '' */
      else if (sort == PILOTE_CLIENT_SORT_ACQUIRED)
        cmp = strcmp (x, y);
      else
        cmp = compare_text (x, y);
    }
  if (cmp == 0)
    cmp = compare_text (a->name, b->name);
  if (cmp == 0)
    cmp = (a->id > b->id) - (a->id < b->id);
  return cmp * direction;
}

/* every sort, both ways: pages of 7 follow one another and make the whole
 * list in order; the names and revenue shown (joined, and the KPI
 * engine's) are what the list is sorted by */
static void
check_every_sort (PiloteStore *store,
                  const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 total = pilote_client_count (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (total, >, 100);
  for (PiloteClientSort sort = 0; sort < PILOTE_CLIENT_N_SORTS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func ((GDestroyNotify) pilote_client_row_free);
        g_autoptr(GPtrArray) whole = pilote_client_list (store, NULL, sort, descending, 100000, 0,
                                                         &error);

        g_assert_no_error (error);
        for (guint offset = 0;; offset += 7)
          {
            g_autoptr(GPtrArray) page = pilote_client_list (store, NULL, sort, descending, 7, offset,
                                                            &error);

            g_assert_no_error (error);
            g_assert_cmpuint (page->len, <=, 7);
            if (page->len == 0)
              break;
            g_ptr_array_extend_and_steal (paged, g_steal_pointer (&page));
          }
        g_assert_cmpint (paged->len, ==, total);
        g_assert_cmpint (whole->len, ==, total);
        for (guint i = 0; i < paged->len; i++)
          {
            const PiloteClientRow *row = g_ptr_array_index (paged, i);

            g_assert_cmpint (row->id, ==, ((PiloteClientRow *) g_ptr_array_index (whole, i))->id);
            if (i > 0 && compare_rows (g_ptr_array_index (paged, i - 1), row, sort, descending) >= 0)
              g_error ("sort %d%s: row %u (%s) out of order", sort, descending ? " descending" : "",
                       i, row->name);
          }
      }
  /* the revenue shown and sorted by is the KPI engine's revenue to date,
   * to the cent, for every client */
  rows = pilote_client_list (store, NULL, PILOTE_CLIENT_SORT_NAME, FALSE, 100000, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const PiloteClientRow *row = g_ptr_array_index (rows, i);
      PiloteClientFigures figures;

      g_assert_true (pilote_client_get_figures (store, row->id, today, &figures, &error));
      g_assert_cmpint (row->revenue, ==, figures.revenue);
    }
  g_assert_cmpint (query_int64 (store,
                                "SELECT count (*) FROM client c WHERE c.revenue_to_date <>"
                                " (SELECT coalesce (sum (d.amount), 0) FROM deal d"
                                "  WHERE d.client_id = c.id AND d.status = 'won'"
                                "  AND d.deleted_at IS NULL)", 0), ==, 0);
}

/* every sort pages right in both directions, and stays right as the names
 * of owners, segments and channels and the deals won change */
static void
test_sort_every_column (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteClient) bare = pilote_client_new ();
  g_autoptr(PiloteClient) moved = NULL;
  g_autoptr(PiloteMember) owner = NULL;
  g_autoptr(PiloteNamed) segment = NULL;
  g_autoptr(PiloteNamed) channel = NULL;
  g_autoptr(PiloteDeal) won = NULL;
  g_autoptr(PiloteDeal) other_won = NULL;
  g_autoptr(GPtrArray) first = NULL;
  gint64 client_id, keep_id, other_id;
  PiloteClientFigures figures;

  check_every_sort (f->store, &f->today);

  /* a client with nothing but a name: last in every sort of a column */
  bare->name = g_strdup ("Zèbre sans rien");
  g_assert_true (pilote_store_insert (f->store, bare, &error));
  g_assert_no_error (error);

  /* renaming an owner, a segment and a channel moves their clients first */
  client_id = query_int64 (f->store, "SELECT min (id) FROM client WHERE owner_id IS NOT NULL"
                                     " AND segment_id IS NOT NULL AND channel_id IS NOT NULL", 0);
  moved = pilote_store_get_client (f->store, client_id, &error);
  owner = pilote_store_get_member (f->store, moved->owner_id, &error);
  g_free (owner->name);
  owner->name = g_strdup ("Aaron Abadie");
  g_assert_true (pilote_store_update (f->store, owner, &error));
  segment = pilote_store_get_segment (f->store, moved->segment_id, &error);
  g_free (segment->name);
  segment->name = g_strdup ("Aaa segment");
  g_assert_true (pilote_store_update (f->store, segment, &error));
  channel = pilote_store_get_channel (f->store, moved->channel_id, &error);
  g_free (channel->name);
  channel->name = g_strdup ("aaa canal");
  g_assert_true (pilote_store_update (f->store, channel, &error));
  g_assert_no_error (error);
  first = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_OWNER, FALSE, 1, 0, &error);
  g_assert_cmpstr (((PiloteClientRow *) g_ptr_array_index (first, 0))->owner, ==, "Aaron Abadie");
  g_clear_pointer (&first, g_ptr_array_unref);
  first = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_SEGMENT, FALSE, 1, 0, &error);
  g_assert_cmpstr (((PiloteClientRow *) g_ptr_array_index (first, 0))->segment, ==, "Aaa segment");
  g_clear_pointer (&first, g_ptr_array_unref);
  first = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_CHANNEL, FALSE, 1, 0, &error);
  g_assert_cmpstr (((PiloteClientRow *) g_ptr_array_index (first, 0))->channel, ==, "aaa canal");
  g_clear_pointer (&first, g_ptr_array_unref);

  /* the client moves to another owner */
  g_clear_pointer (&moved, pilote_client_free);
  moved = pilote_store_get_client (f->store, client_id, &error);
  moved->owner_id = query_int64 (f->store, "SELECT max (id) FROM member WHERE id <> ?",
                                 owner->base.id);
  g_assert_true (pilote_store_update (f->store, moved, &error));
  g_assert_no_error (error);

  /* deals won change: the largest moves to the client that had nothing,
   * another is deleted, and two clients with revenue are merged */
  won = pilote_store_get_deal (f->store,
                               query_int64 (f->store, "SELECT id FROM deal"
                                                      " WHERE status = 'won' AND client_id IS NOT NULL"
                                                      " AND deleted_at IS NULL"
                                                      " ORDER BY amount DESC, id LIMIT 1", 0),
                               &error);
  g_assert_no_error (error);
  won->client_id = bare->base.id;
  g_assert_true (pilote_store_update (f->store, won, &error));
  g_assert_no_error (error);
  other_won = pilote_store_get_deal (f->store,
                                     query_int64 (f->store, "SELECT min (id) FROM deal"
                                                            " WHERE status = 'won' AND client_id <> ?"
                                                            " AND deleted_at IS NULL",
                                                            won->client_id),
                                     &error);
  g_assert_true (pilote_store_delete (f->store, PILOTE_ENTITY_DEAL, other_won->base.id,
                                      other_won->base.version, &error));
  g_assert_no_error (error);
  first = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_REVENUE, FALSE, 100000, 0, &error);
  for (guint i = 0; i < first->len; i++)
    if (((PiloteClientRow *) g_ptr_array_index (first, i))->id == won->client_id)
      g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (first, i))->revenue, ==, won->amount);
  g_clear_pointer (&first, g_ptr_array_unref);
  first = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_REVENUE, TRUE, 1, 0, &error);
  g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (first, 0))->revenue, >=, won->amount);
  g_clear_pointer (&first, g_ptr_array_unref);
  first = pilote_client_list (f->store, NULL, PILOTE_CLIENT_SORT_REVENUE, TRUE, 1, 0, &error);
  g_assert_true (pilote_client_get_figures (f->store,
                                            ((PiloteClientRow *) g_ptr_array_index (first, 0))->id,
                                            &f->today, &figures, &error));
  g_assert_cmpint (((PiloteClientRow *) g_ptr_array_index (first, 0))->revenue, ==, figures.revenue);
  g_clear_pointer (&first, g_ptr_array_unref);

  keep_id = query_int64 (f->store, "SELECT min (id) FROM client WHERE revenue_to_date > 0"
                                   " AND deleted_at IS NULL AND id <> ?", won->client_id);
  other_id = query_int64 (f->store, "SELECT max (id) FROM client WHERE revenue_to_date > 0"
                                    " AND deleted_at IS NULL AND id <> ?", won->client_id);
  g_assert_cmpint (keep_id, !=, other_id);
  g_assert_true (pilote_client_merge (f->store, keep_id,
                                      query_int64 (f->store, "SELECT version FROM client WHERE id = ?",
                                                   keep_id),
                                      other_id,
                                      query_int64 (f->store, "SELECT version FROM client WHERE id = ?",
                                                   other_id),
                                      NULL, &error));
  g_assert_no_error (error);

  check_every_sort (f->store, &f->today);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sectors = NULL;
  g_auto(GStrv) tags = NULL;
  PiloteClientFilter filter;
  gint64 owner;

  pilote_client_filter_init (&filter);
  filter.kind = PILOTE_CLIENT_KIND_PROSPECT;
  g_assert_cmpint (pilote_client_count (f->store, &filter, &error), ==,
                   query_int64 (f->store, "SELECT count (*) FROM client WHERE kind = 'prospect'"
                                          " AND deleted_at IS NULL", 0));
  owner = query_int64 (f->store, "SELECT owner_id FROM client LIMIT 1", 0);
  filter.owner_id = owner;
  g_assert_cmpint (pilote_client_count (f->store, &filter, &error), ==,
                   query_int64 (f->store, "SELECT count (*) FROM client WHERE kind = 'prospect'"
                                          " AND deleted_at IS NULL AND owner_id = ?", owner));

  sectors = pilote_client_list_values (f->store, PILOTE_CLIENT_VALUES_SECTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sectors), >, 1);
  pilote_client_filter_init (&filter);
  filter.sector = sectors[0];
  g_assert_cmpint (pilote_client_count (f->store, &filter, &error), >, 0);
  g_assert_cmpint (pilote_client_count (f->store, &filter, &error), <,
                   pilote_client_count (f->store, NULL, &error));

  tags = pilote_client_list_values (f->store, PILOTE_CLIENT_VALUES_TAG, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), >, 0);
  pilote_client_filter_init (&filter);
  filter.tag = tags[0];
  g_assert_cmpint (pilote_client_count (f->store, &filter, &error), >, 0);
  filter.tag = "no such tag";
  g_assert_cmpint (pilote_client_count (f->store, &filter, &error), ==, 0);

  /* the values offered: every sector and region of the live clients,
   * once each, without the empty ones nor those of deleted clients */
  g_assert_true (pilote_store_exec (f->store,
                                    "UPDATE client SET sector = '' WHERE id = (SELECT min (id)"
                                    " FROM client);"
                                    "UPDATE client SET sector = 'Zinc only deleted',"
                                    " region = 'Gone', deleted_at = '2026-01-01T00:00:00.000Z'"
                                    " WHERE id = (SELECT max (id) FROM client);",
                                    &error));
  g_assert_no_error (error);
  for (guint v = 0; v < 2; v++)
    {
      const char *column = v == 0 ? "sector" : "region";
      g_auto(GStrv) values = pilote_client_list_values (f->store, v == 0
                                                          ? PILOTE_CLIENT_VALUES_SECTOR
                                                          : PILOTE_CLIENT_VALUES_REGION,
                                                        &error);
      g_autofree char *sql = g_strdup_printf ("SELECT group_concat (x, '|') FROM (SELECT DISTINCT"
                                              " %s AS x FROM client NOT INDEXED"
                                              " WHERE deleted_at IS NULL AND %s IS NOT NULL"
                                              " AND %s <> '' ORDER BY %s COLLATE NOCASE)",
                                              column, column, column, column);
      g_autofree char *expected = query_text (f->store, sql);
      g_autofree char *found = g_strjoinv ("|", values);

      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, expected);
      g_assert_null (strstr (found, "Zinc"));
      g_assert_null (strstr (found, "Gone"));
      g_assert_false (g_str_has_prefix (found, "|"));
    }
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 id = add_client (f->store, "Quincaillerie Zénith", "Albi");
  gint64 total = pilote_client_count (f->store, NULL, &error);
  gboolean ok;

  ok = pilote_store_delete (f->store, PILOTE_ENTITY_CLIENT, id, 1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (pilote_client_count (f->store, NULL, &error), ==, total - 1);
  rows = search (f->store, "zenith");
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  ok = pilote_store_restore (f->store, PILOTE_ENTITY_CLIENT, id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (pilote_client_count (f->store, NULL, &error), ==, total);
  rows = search (f->store, "zenith");
  g_assert_true (rows_have (rows, id));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  PiloteClientFilter filter;
  guint64 rows = 0;
  gint64 id = add_client (f->store, "=HYPERLINK(\"http://x\")", "Lyon");
  gboolean ok;

  add_contact (f->store, id, "Eve Formula", "eve@formula.example");
  pilote_client_filter_init (&filter);
  filter.search = "formula";
  ok = pilote_client_export (f->store, &filter, PILOTE_CLIENT_SORT_NAME, FALSE,
                             PILOTE_CSV_DIALECT_STANDARD, output, &rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (rows, ==, 1);
  g_output_stream_write_all (output, "", 1, NULL, NULL, NULL);
  g_output_stream_close (output, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Name,Kind,City"));
  /* the formula is neutralised */
  g_assert_true (g_str_has_prefix (lines[1], "\"'=HYPERLINK("));
  g_assert_cmpstr (lines[2], ==, "");
}

/* a prospect becomes a client with its first won deal */
static void
test_prospect_becomes_client (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteDeal) deal = pilote_deal_new ();
  g_autoptr(PiloteClient) client = NULL;
  gint64 id = add_client (f->store, "Fromagerie Alpine", "Annecy");
  gboolean ok;

  client = pilote_store_get_client (f->store, id, &error);
  g_assert_cmpint (client->kind, ==, PILOTE_CLIENT_KIND_PROSPECT);
  g_assert_null (client->acquired_on);
  deal->client_id = id;
  deal->title = g_strdup ("Fondue equipment");
  deal->stage_id = query_int64 (f->store, "SELECT id FROM stage WHERE kind = 'won'", 0);
  deal->amount = 120000;
  deal->closed_on = g_strdup ("2026-11-02");
  ok = pilote_store_insert (f->store, deal, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_pointer (&client, pilote_client_free);
  client = pilote_store_get_client (f->store, id, &error);
  g_assert_cmpint (client->kind, ==, PILOTE_CLIENT_KIND_CLIENT);
  g_assert_cmpstr (client->acquired_on, ==, "2026-11-02");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/clients/search/accents", test_search_accents);
  ADD ("/clients/create-with-contacts", test_create_with_contacts);
  ADD ("/clients/conflict", test_conflict);
  ADD ("/clients/merge", test_merge);
  ADD ("/clients/sort-paging", test_sort_paging);
  ADD ("/clients/sort-every-column", test_sort_every_column);
  ADD ("/clients/filters", test_filters);
  ADD ("/clients/delete-undo", test_delete_undo);
  ADD ("/clients/export", test_export);
  ADD ("/clients/prospect-becomes-client", test_prospect_becomes_client);
#undef ADD
  g_test_add_func ("/clients/search/100000", test_search_large);

  return g_test_run ();
}
