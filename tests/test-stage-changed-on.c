/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-core"

#include "config.h"

#include <glib/gstdio.h>

#include "pilote-import.h"
#include "pilote-record.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"

/*
 * The date of its last stage change each deal carries (schema version 10)
 * after the writers that do not go through the store record by record: the
 * demo generator, which gives it with the deal, and the bulk import, which
 * gives it with the deal and adds the one stage change of the deal at the
 * end. Each is checked against the stage changes themselves; and the
 * summary of the open pipeline by stage and owner, against the deals.
 * Each stage change also carries its deal's owner (schema version 13) and
 * its client's segment (version 14), whoever wrote it and whenever the
 * deal changed hands or clients, or the client segments.
 */

/* the stage changes whose owner is not their deal's, or whose segment is
 * not their deal's client's (schema version 14) */
#define WRONG_CHANGE_OWNER \
  "SELECT count (*) FROM stage_change c JOIN deal d ON d.id = c.deal_id" \
  " LEFT JOIN client k ON k.id = d.client_id" \
  " WHERE c.owner_id IS NOT d.owner_id OR c.segment_id IS NOT k.segment_id"

#define WRONG_STAGE_CHANGED_ON \
  "SELECT count (*) FROM deal WHERE stage_changed_on IS NOT coalesce ((SELECT substr" \
  " (max (c.changed_at), 1, 10) FROM stage_change c WHERE c.deal_id = deal.id)," \
  " substr (created_on, 1, 10))"

/* the groups of the summary of the open pipeline (schema version 10; by
 * month of expected close and forecast category since version 13, and the
 * client's segment since version 14) that are not what the open deals add
 * up to */
#define WRONG_PIPELINE_SUMMARY \
  "SELECT (SELECT count (*) FROM (SELECT d.stage_id, coalesce (d.owner_id, 0) AS owner," \
  "   coalesce (c.segment_id, 0) AS segment," \
  "   coalesce (substr (d.expected_close_on, 1, 7), '') AS month, d.forecast_category AS fc," \
  "   count (*) AS n, sum (d.amount) AS amount, total (d.amount * d.probability) AS weighted," \
  "   total (CASE WHEN d.probability IS NULL THEN d.amount END) AS unweighted FROM deal d" \
  "   LEFT JOIN client c ON c.id = d.client_id" \
  "   WHERE d.deleted_at IS NULL AND d.status = 'open' GROUP BY 1, 2, 3, 4, 5) g" \
  "  LEFT JOIN pipeline_summary p ON p.stage_id = g.stage_id AND p.owner_id = g.owner" \
  "   AND p.segment_id = g.segment" \
  "   AND p.expected_month = g.month AND p.forecast_category = g.fc" \
  "  WHERE p.n IS NOT g.n OR p.amount IS NOT g.amount OR p.unweighted IS NOT g.unweighted" \
  "   OR abs (p.weighted - g.weighted) > 1e-6)" \
  " + (SELECT count (*) FROM pipeline_summary p WHERE p.n <> 0 AND NOT EXISTS (SELECT 1" \
  "  FROM deal d LEFT JOIN client c ON c.id = d.client_id" \
  "  WHERE d.deleted_at IS NULL AND d.status = 'open' AND d.stage_id = p.stage_id" \
  "  AND coalesce (d.owner_id, 0) = p.owner_id AND coalesce (c.segment_id, 0) = p.segment_id" \
  "  AND coalesce (substr (d.expected_close_on, 1, 7), '') = p.expected_month" \
  "  AND d.forecast_category = p.forecast_category))"

static gint64
query_int (PiloteStore *store,
           const char  *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pilote_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_demo (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PiloteStore) store = pilote_test_demo_store_new ("pilote-changed-XXXXXX", 200, 3000,
                                                             0, &dir, &path);

  g_assert_nonnull (store);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal"), >=, 3000);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal WHERE stage_changed_on IS NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (store, WRONG_STAGE_CHANGED_ON), ==, 0);
  g_assert_cmpint (query_int (store, WRONG_PIPELINE_SUMMARY), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT sum (n) FROM pipeline_summary"), >, 0);
  g_assert_cmpint (query_int (store, WRONG_CHANGE_OWNER), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change WHERE owner_id IS NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change"
                                     " WHERE segment_id IS NULL"), ==, 0);
  /* not all on one day */
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT stage_changed_on) FROM deal"), >, 100);
  /* the generator wrote the changes without the trigger, which is back */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger'"
                                     " AND name = 'stage_change_insert'"), ==, 1);
  g_assert_true (pilote_store_exec (store, "INSERT INTO stage_change (deal_id, to_stage_id,"
                                           " changed_at) SELECT id, stage_id,"
                                           " '2099-01-01T00:00:00.000Z' FROM deal WHERE id % 7 = 0",
                                    NULL));
  g_assert_cmpint (query_int (store, WRONG_STAGE_CHANGED_ON), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal WHERE id % 7 = 0"
                                     " AND stage_changed_on <> '2099-01-01'"), ==, 0);
  /* written without their owner, they take their deal's */
  g_assert_cmpint (query_int (store, WRONG_CHANGE_OWNER), ==, 0);
  g_clear_object (&store);
  pilote_test_remove_tree (dir);
}

static const char deals_profile[] =
  "[import]\n"
  "entity = deal\n"
  "date-format = iso\n"
  "create-missing = client;owner\n"
  "\n"
  "[columns]\n"
  "ref = ref\n"
  "client = client\n"
  "owner = owner\n"
  "stage = stage\n"
  "amount = amount\n"
  "probability = probability\n"
  "created_on = created\n"
  "closed_on = closed\n"
  "expected_close_on = expected\n"
  "forecast_category = forecast\n";

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
run_import (PiloteStore       *store,
            const char        *dir,
            const char        *csv,
            PiloteImportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile_path = write_file (dir, "deals.ini", deals_profile);
  g_autofree char *csv_path = write_file (dir, "deals.csv", csv);
  g_autoptr(PiloteImportProfile) profile = pilote_import_profile_load (profile_path, &error);
  PiloteImportOptions options = { flags, NULL, NULL, NULL };
  g_autoptr(PiloteImportResult) result = NULL;

  g_assert_no_error (error);
  result = pilote_import_run_with_options (store, profile, csv_path, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; result->problems != NULL && i < result->problems->len; i++)
    g_test_message ("line %" G_GUINT64_FORMAT ": %s",
                    ((PiloteImportProblem *) result->problems->pdata[i])->line,
                    ((PiloteImportProblem *) result->problems->pdata[i])->message);
  g_assert_cmpuint (result->n_problems, ==, 0);
  g_assert_cmpint (result->batch_id, >, 0);
}

static void
import_deals (PiloteImportFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-changed-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.pilote", NULL);
  g_autoptr(PiloteStore) store = pilote_store_create (path, &error);
  g_autoptr(GString) csv = g_string_new ("ref,client,owner,stage,amount,probability,created,"
                                         "closed,expected,forecast\n");
  g_autoptr(GString) again = g_string_new ("ref,client,owner,stage,amount,probability,created,"
                                           "closed,expected,forecast\n");
  static const char *const forecasts[] = { "pipeline", "best-case", "commit" };
  PiloteClient *acme = pilote_record_new (PILOTE_ENTITY_CLIENT);

  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      gboolean won = i % 3 == 0;
      gboolean lost = i % 3 == 1;

      /* some open deals with a probability of their own, weighted; with
       * or without an expected close, in each forecast category */
      g_string_append_printf (csv, "L-%u,%s,%s,%s,%u.00,%s,2024-%02u-%02u,%s,%s,%s\n", i,
                              i % 2 ? "Acme" : "Bolt", i % 5 ? "Alice" : "Bob",
                              won ? "Won" : lost ? "Lost" : "Proposal", 1 + i % 100,
                              i % 4 == 0 ? "0.35" : "", 1 + i % 12, 1 + i % 28,
                              won || lost ? "2025-01-15" : "",
                              i % 7 == 0 ? "" : i % 7 < 4 ? "2025-03-10" : "2025-04-30",
                              forecasts[i % 3 == 2 ? (i / 3) % 3 : 0]);
    }
  /* Acme, of a segment, is there before; Bolt is created by the import */
  g_assert_true (pilote_store_exec (store, "INSERT INTO segment (name) VALUES ('Enterprise')",
                                    &error));
  acme->name = g_strdup ("Acme");
  acme->segment_id = query_int (store, "SELECT id FROM segment");
  g_assert_true (pilote_store_insert (store, acme, &error));
  g_assert_no_error (error);
  pilote_record_free (acme);
  run_import (store, dir, csv->str, flags);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal"), ==, 300);
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT segment_id) FROM pipeline_summary"
                                     " WHERE n > 0"), ==, 2);
  /* the triggers a bulk import sets aside are back */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger'"
                                     " AND name IN ('stage_change_owner_insert',"
                                     " 'stage_change_segment_insert', 'deal_pipeline_insert')"),
                   ==, 3);
  g_assert_cmpint (query_int (store, WRONG_STAGE_CHANGED_ON), ==, 0);
  g_assert_cmpint (query_int (store, WRONG_PIPELINE_SUMMARY), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT sum (n) FROM pipeline_summary"), ==, 100);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pipeline_summary"
                                     " WHERE weighted > 0"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT expected_month || forecast_category)"
                                     " FROM pipeline_summary WHERE n > 0"), ==, 9);
  g_assert_cmpint (query_int (store, WRONG_CHANGE_OWNER), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT owner_id) FROM stage_change"), ==, 2);
  /* an open deal: its creation, the day of its one change */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal WHERE ref = 'L-2'"
                                     " AND stage_changed_on = '2024-03-03'"), ==, 1);
  /* a closed one: the day it closed */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal WHERE ref = 'L-0'"
                                     " AND stage_changed_on = '2025-01-15'"), ==, 1);

  /* a second file: deals moved to another stage (the record path within
   * the batch), some of Bob's handed to Alice, and deals added */
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (again, "L-%u,Acme,Alice,Negotiation,10.00,%s,2024-01-01,,%s,%s\n",
                            i % 3 == 2 ? i : 1000 + i, i % 2 ? "0.6" : "",
                            i % 4 ? "2025-05-02" : "", i % 5 ? "commit" : "pipeline");
  run_import (store, dir, again->str, flags);
  g_assert_cmpint (query_int (store, WRONG_STAGE_CHANGED_ON), ==, 0);
  g_assert_cmpint (query_int (store, WRONG_CHANGE_OWNER), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change c"
                                     " JOIN deal d ON d.id = c.deal_id JOIN member m"
                                     " ON m.id = c.owner_id WHERE d.ref = 'L-5'"
                                     " AND m.name = 'Alice'"), ==, 2);
  g_assert_cmpint (query_int (store, WRONG_PIPELINE_SUMMARY), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM deal WHERE stage_changed_on IS NULL"),
                   ==, 0);

  /* open deals given another expected close, or another category, alone */
  g_assert_true (pilote_store_exec (store,
                                    "UPDATE deal SET expected_close_on = '2026-01-05'"
                                    " WHERE status = 'open' AND id % 4 = 0;"
                                    "UPDATE deal SET expected_close_on = NULL"
                                    " WHERE status = 'open' AND id % 4 = 1;"
                                    "UPDATE deal SET forecast_category = 'best-case'"
                                    " WHERE status = 'open' AND id % 3 = 0;",
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, WRONG_PIPELINE_SUMMARY), ==, 0);

  g_clear_object (&store);
  pilote_test_remove_tree (dir);
}

/* a deal written record by record: its changes take its owner, and follow
 * it from one owner to another, or to none */
static void
test_record_owner (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-changed-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.pilote", NULL);
  g_autoptr(PiloteStore) store = pilote_store_create (path, &error);
  PiloteMember *alice = pilote_record_new (PILOTE_ENTITY_MEMBER);
  PiloteMember *bob = pilote_record_new (PILOTE_ENTITY_MEMBER);
  PiloteDeal *deal = pilote_record_new (PILOTE_ENTITY_DEAL);

  g_assert_no_error (error);
  alice->name = g_strdup ("Alice");
  bob->name = g_strdup ("Bob");
  g_assert_true (pilote_store_insert (store, alice, &error));
  g_assert_true (pilote_store_insert (store, bob, &error));
  g_assert_no_error (error);

  deal->title = g_strdup ("Fleet renewal");
  deal->owner_id = alice->base.id;
  deal->stage_id = query_int (store, "SELECT id FROM stage WHERE kind = 'open'"
                                     " ORDER BY position LIMIT 1");
  deal->created_on = g_strdup ("2025-02-03");
  g_assert_true (pilote_store_insert (store, deal, &error));
  g_assert_no_error (error);
  deal->stage_id = query_int (store, "SELECT id FROM stage WHERE kind = 'open'"
                                     " ORDER BY position DESC LIMIT 1");
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change c JOIN member m"
                                     " ON m.id = c.owner_id WHERE m.name = 'Alice'"), ==, 2);

  deal->owner_id = bob->base.id;
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change c JOIN member m"
                                     " ON m.id = c.owner_id WHERE m.name = 'Bob'"), ==, 2);
  deal->owner_id = 0;
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change"
                                     " WHERE owner_id IS NULL"), ==, 2);
  g_assert_cmpint (query_int (store, WRONG_CHANGE_OWNER), ==, 0);

  /* the client's segment: with the deal given a client, the client moved
   * to another segment, then to none */
  g_assert_true (pilote_store_exec (store,
                                    "INSERT INTO segment (name) VALUES ('SMB'), ('Enterprise');"
                                    "INSERT INTO client (name, segment_id) VALUES ('Acme',"
                                    " (SELECT id FROM segment WHERE name = 'SMB'));",
                                    &error));
  g_assert_no_error (error);
  deal->client_id = query_int (store, "SELECT id FROM client WHERE name = 'Acme'");
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change c JOIN segment s"
                                     " ON s.id = c.segment_id WHERE s.name = 'SMB'"), ==, 2);
  g_assert_true (pilote_store_exec (store,
                                    "UPDATE client SET segment_id = (SELECT id FROM segment"
                                    " WHERE name = 'Enterprise')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change c JOIN segment s"
                                     " ON s.id = c.segment_id WHERE s.name = 'Enterprise'"), ==, 2);
  g_assert_cmpint (query_int (store, WRONG_PIPELINE_SUMMARY), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT sum (p.n) FROM pipeline_summary p JOIN segment s"
                                     " ON s.id = p.segment_id WHERE s.name = 'Enterprise'"), ==, 1);
  deal->stage_id = query_int (store, "SELECT id FROM stage WHERE kind = 'open'"
                                     " ORDER BY position LIMIT 1");
  g_assert_true (pilote_store_update (store, deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change c JOIN segment s"
                                     " ON s.id = c.segment_id WHERE s.name = 'Enterprise'"), ==, 3);
  g_assert_true (pilote_store_exec (store, "UPDATE client SET segment_id = NULL", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM stage_change"
                                     " WHERE segment_id IS NULL"), ==, 3);
  g_assert_cmpint (query_int (store, WRONG_CHANGE_OWNER), ==, 0);
  /* the open deal's group of the pipeline's summary followed it */
  g_assert_cmpint (query_int (store, WRONG_PIPELINE_SUMMARY), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT sum (n) FROM pipeline_summary"
                                     " WHERE segment_id = 0"), ==, 1);

  pilote_record_free (deal);
  pilote_record_free (bob);
  pilote_record_free (alice);
  g_clear_object (&store);
  pilote_test_remove_tree (dir);
}

static void
test_bulk_import (void)
{
  import_deals (PILOTE_IMPORT_FLAGS_NONE);
}

static void
test_row_by_row_import (void)
{
  import_deals (PILOTE_IMPORT_ROW_BY_ROW);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stage-changed-on/demo", test_demo);
  g_test_add_func ("/stage-changed-on/record-owner", test_record_owner);
  g_test_add_func ("/stage-changed-on/bulk-import", test_bulk_import);
  g_test_add_func ("/stage-changed-on/row-by-row-import", test_row_by_row_import);

  return g_test_run ();
}
