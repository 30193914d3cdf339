/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-pipeline-board-private.h"
#include "pilote-pipeline-card.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-test-gui.h"

/*
 * The pipeline board under Xvfb, on a small demo company (today pinned to
 * 2026-11-15): its headers show what pilote-pipeline.c computes, a move
 * between columns is written and shows, a stale version is refused and
 * changes nothing, a deal is marked lost through the reason dialog, and
 * the list mode sorts in SQL. Everything finalizes.
 */

typedef struct {
  char        *dir;
  PiloteStore *store;
  GDate        today;
  GtkWidget   *window;
  PilotePipelineBoard *board;
} Fixture;

static void
flush_events (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PiloteDemoOptions options;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-board-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &f->today));
  pilote_demo_options_init (&options);
  options.n_clients = 60;
  options.n_deals = 500;
  options.today = &f->today;
  ok = pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  f->board = PILOTE_PIPELINE_BOARD (pilote_pipeline_board_new ());
  pilote_pipeline_board_set_today (f->board, &f->today);
  pilote_pipeline_board_set_store (f->board, f->store);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->board));
  gtk_window_present (GTK_WINDOW (f->window));
  flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (pilote_store_get_path (f->store));
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_object_add_weak_pointer (G_OBJECT (f->board), (gpointer *) &f->board);
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  g_assert_null (f->board);
  g_assert_finalize_object (f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

static GArray *
compute_totals (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GArray *totals = pilote_pipeline_stage_totals (f->store, NULL, &f->today, &error);

  g_assert_no_error (error);
  return totals;
}

static void
assert_header (Fixture                         *f,
               PilotePipelineColumn            *column,
               const PilotePipelineStageTotals *totals)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, totals->count);
  g_autofree char *amount = pilote_money_format (totals->amount, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  g_autofree char *weighted = pilote_money_format (totals->weighted, "EUR",
                                                   PILOTE_MONEY_FORMAT_WHOLE);

  g_assert_cmpint (pilote_pipeline_column_get_stage_id (column), ==, totals->stage_id);
  g_assert_cmpstr (pilote_pipeline_column_get_count_text (column), ==, count);
  g_assert_cmpstr (pilote_pipeline_column_get_amount_text (column), ==, amount);
  g_assert_nonnull (strstr (pilote_pipeline_column_get_weighted_text (column), weighted));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pilote_pipeline_column_get_model (column))),
                    ==, totals->count);
}

static PilotePipelineItem *
first_item (PilotePipelineColumn *column)
{
  PilotePipelineItem *item = g_list_model_get_item (G_LIST_MODEL (pilote_pipeline_column_get_model (column)),
                                                    0);

  g_assert_nonnull (item);
  g_assert_nonnull (pilote_pipeline_item_get_deal (item));
  return item;
}

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) totals = compute_totals (f);
  guint n_open = 0;

  /* four open stages, then Won and Lost */
  g_assert_cmpuint (pilote_pipeline_board_get_n_columns (f->board), ==, 6);
  g_assert_cmpuint (totals->len, ==, 4);
  g_assert_cmpint (g_array_index (totals, PilotePipelineStageTotals, 0).count, >, 0);
  for (guint i = 0; i < 6; i++)
    {
      PilotePipelineColumn *column = pilote_pipeline_board_get_column (f->board, i);

      if (i < 4)
        {
          assert_header (f, column, &g_array_index (totals, PilotePipelineStageTotals, i));
          n_open++;
        }
      else
        g_assert_cmpint (pilote_pipeline_column_get_kind (column), ==,
                         i == 4 ? PILOTE_STAGE_KIND_WON : PILOTE_STAGE_KIND_LOST);
    }
  g_assert_cmpuint (n_open, ==, 4);
}

static void
test_move_and_conflict (Fixture       *f,
                        gconstpointer  data)
{
  PilotePipelineColumn *from = pilote_pipeline_board_get_column (f->board, 0);
  PilotePipelineColumn *to = pilote_pipeline_board_get_column (f->board, 1);
  g_autoptr(GArray) before = compute_totals (f);
  g_autoptr(GArray) after = NULL;
  g_autoptr(PilotePipelineItem) item = first_item (from);
  PilotePipelineDeal *deal = (PilotePipelineDeal *) pilote_pipeline_item_get_deal (item);
  gint64 deal_id = deal->deal_id, seen_version = deal->version;
  g_autoptr(PiloteDeal) moved = NULL;
  g_autoptr(PiloteDeal) unchanged = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_cmpint (deal->stage_id, ==, pilote_pipeline_column_get_stage_id (from));

  /* the move a drop on the next column makes */
  ok = pilote_pipeline_board_move_deal (f->board, deal_id, seen_version,
                                        pilote_pipeline_column_get_stage_id (to), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  flush_events ();
  moved = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_cmpint (moved->stage_id, ==, pilote_pipeline_column_get_stage_id (to));
  g_assert_cmpint (moved->base.version, ==, seen_version + 1);

  after = compute_totals (f);
  g_assert_cmpint (g_array_index (after, PilotePipelineStageTotals, 0).count, ==,
                   g_array_index (before, PilotePipelineStageTotals, 0).count - 1);
  g_assert_cmpint (g_array_index (after, PilotePipelineStageTotals, 1).count, ==,
                   g_array_index (before, PilotePipelineStageTotals, 1).count + 1);
  g_assert_cmpint (g_array_index (after, PilotePipelineStageTotals, 1).amount, ==,
                   g_array_index (before, PilotePipelineStageTotals, 1).amount + moved->amount);
  /* the headers and the columns followed */
  assert_header (f, from, &g_array_index (after, PilotePipelineStageTotals, 0));
  assert_header (f, to, &g_array_index (after, PilotePipelineStageTotals, 1));

  /* the card the board showed before carries the old version: refused,
   * and the file is left as it was */
  ok = pilote_pipeline_board_move_deal (f->board, deal_id, seen_version,
                                        pilote_pipeline_column_get_stage_id (from), 0, 0, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_assert_false (ok);
  g_clear_error (&error);
  unchanged = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (unchanged->stage_id, ==, pilote_pipeline_column_get_stage_id (to));
  g_assert_cmpint (unchanged->base.version, ==, moved->base.version);
  assert_header (f, from, &g_array_index (after, PilotePipelineStageTotals, 0));
  assert_header (f, to, &g_array_index (after, PilotePipelineStageTotals, 1));
}

static PilotePipelineCard *
find_card (GtkWidget *widget)
{
  if (PILOTE_IS_PIPELINE_CARD (widget) &&
      pilote_pipeline_card_get_item (PILOTE_PIPELINE_CARD (widget)) != NULL)
    return PILOTE_PIPELINE_CARD (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PilotePipelineCard *card = find_card (child);

      if (card != NULL)
        return card;
    }
  return NULL;
}

/* What Ctrl+Shift+Right and the card's menu do: the deal goes to the next
 * open stage; nothing moves before the first one */
static void
test_keyboard_move (Fixture       *f,
                    gconstpointer  data)
{
  PilotePipelineColumn *first = pilote_pipeline_board_get_column (f->board, 0);
  PilotePipelineColumn *second = pilote_pipeline_board_get_column (f->board, 1);
  PilotePipelineCard *card = find_card (GTK_WIDGET (first));
  const PilotePipelineDeal *deal;
  g_autoptr(PiloteDeal) moved = NULL;
  g_autoptr(PiloteDeal) kept = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deal_id, version;

  g_assert_nonnull (card);
  deal = pilote_pipeline_item_get_deal (pilote_pipeline_card_get_item (card));
  deal_id = deal->deal_id;
  version = deal->version;
  g_assert_cmpint (deal->stage_id, ==, pilote_pipeline_column_get_stage_id (first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move", "s", "previous"));
  flush_events ();
  kept = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept->stage_id, ==, pilote_pipeline_column_get_stage_id (first));
  g_assert_cmpint (kept->base.version, ==, version);

  card = find_card (GTK_WIDGET (first));
  g_assert_nonnull (card);
  g_assert_cmpint (pilote_pipeline_item_get_deal (pilote_pipeline_card_get_item (card))->deal_id,
                   ==, deal_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move", "s", "next"));
  flush_events ();
  moved = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved->stage_id, ==, pilote_pipeline_column_get_stage_id (second));
  g_assert_cmpint (moved->base.version, ==, version + 1);
}

static void
test_mark_lost (Fixture       *f,
                gconstpointer  data)
{
  PilotePipelineColumn *from = pilote_pipeline_board_get_column (f->board, 2);
  PilotePipelineColumn *lost = pilote_pipeline_board_get_column (f->board, 5);
  g_autoptr(PilotePipelineItem) item = first_item (from);
  const PilotePipelineDeal *deal = pilote_pipeline_item_get_deal (item);
  g_autoptr(PiloteNamed) competitor_reason = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkDropDown *reasons;

  g_assert_cmpint (pilote_pipeline_column_get_kind (lost), ==, PILOTE_STAGE_KIND_LOST);
  dialog = pilote_pipeline_board_ask_lost_reason (f->board, deal,
                                                  pilote_pipeline_column_get_stage_id (lost));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  flush_events ();
  /* "Not given", then the reasons by name: Competitor, No budget… */
  reasons = g_object_get_data (G_OBJECT (dialog), "reason-dropdown");
  gtk_drop_down_set_selected (reasons, 1);
  /* what the button does: respond, then close */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "lost");
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  g_assert_null (dialog);

  competitor_reason = pilote_store_find_by_name (f->store, PILOTE_ENTITY_LOST_REASON,
                                                 "Competitor", &error);
  stored = pilote_store_get_deal (f->store, deal->deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, PILOTE_STAGE_KIND_LOST);
  g_assert_cmpint (stored->lost_reason_id, ==, competitor_reason->base.id);
  g_assert_nonnull (stored->closed_on);
}

static void
test_list_sorted_in_sql (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) totals = compute_totals (f);
  g_autoptr(GtkColumnViewColumn) amount_column = NULL;
  GListModel *model = G_LIST_MODEL (f->board->list_model);
  gint64 n_open = 0;
  PiloteMoney previous = G_MAXINT64;

  for (guint i = 0; i < totals->len; i++)
    n_open += g_array_index (totals, PilotePipelineStageTotals, i).count;
  gtk_toggle_button_set_active (f->board->list_toggle, TRUE);
  flush_events ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->board->stack), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_open);

  /* the header of the Amount column, clicked twice: largest first */
  amount_column = g_list_model_get_item (gtk_column_view_get_columns (f->board->list_view), 4);
  g_assert_cmpstr (gtk_column_view_column_get_title (amount_column), ==, "Amount");
  gtk_column_view_sort_by_column (f->board->list_view, amount_column, GTK_SORT_DESCENDING);
  flush_events ();
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PilotePipelineItem) item = g_list_model_get_item (model, i);
      const PilotePipelineDeal *deal = pilote_pipeline_item_get_deal (item);

      g_assert_nonnull (deal);
      g_assert_cmpint (deal->amount, <=, previous);
      previous = deal->amount;
    }

  gtk_toggle_button_set_active (f->board->forecast_toggle, TRUE);
  flush_events ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->board->stack), ==, "forecast");
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (f->board->forecast_grid)));
}

int
main (int    argc,
      char **argv)
{
  pilote_test_gui_init (&argc, &argv);
  /* the resources live in a static library: link them in */
  g_assert_nonnull (pilote_get_resource ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/pipeline-board/headers", test_headers);
  ADD ("/pipeline-board/move-and-conflict", test_move_and_conflict);
  ADD ("/pipeline-board/mark-lost", test_mark_lost);
  ADD ("/pipeline-board/keyboard-move", test_keyboard_move);
  ADD ("/pipeline-board/list-sorted-in-sql", test_list_sorted_in_sql);

#undef ADD

  return g_test_run ();
}
