/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pilote-conflict-dialog.h"
#include "pilote-deal-editor-private.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-pipeline-board-private.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-test-gui.h"

/*
 * The deal editor under Xvfb, opened from the pipeline board of a small
 * demo company as activating a card does: edits are saved, lines make
 * the amount, a stale version (another connection changed the deal) is
 * refused with the conflict dialog and changes nothing, a bad figure
 * keeps the editor open and names the field, and a delete is undone.
 * Everything finalizes.
 */

typedef struct {
  char                *dir;
  PiloteStore         *store;
  GDate                today;
  GtkWidget           *window;
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
  GtkWidget *overlay;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-editor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &f->today));
  pilote_demo_options_init (&options);
  options.n_clients = 60;
  options.n_deals = 300;
  options.today = &f->today;
  ok = pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* as in the window: the board below a toast overlay */
  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  overlay = adw_toast_overlay_new ();
  f->board = PILOTE_PIPELINE_BOARD (pilote_pipeline_board_new ());
  pilote_pipeline_board_set_today (f->board, &f->today);
  pilote_pipeline_board_set_store (f->board, f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->board));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
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

/* The first card of the first column, as a user would double-click it */
static const PilotePipelineDeal *
first_deal (Fixture             *f,
            PilotePipelineItem **item)
{
  PilotePipelineColumn *column = pilote_pipeline_board_get_column (f->board, 0);

  *item = g_list_model_get_item (G_LIST_MODEL (pilote_pipeline_column_get_model (column)), 0);
  g_assert_nonnull (*item);
  return pilote_pipeline_item_get_deal (*item);
}

/* Opens the editor as activating the card does; the caller owns a ref */
static PiloteDealEditor *
open_editor (Fixture *f,
             gint64   deal_id)
{
  GtkWidget *editor;

  if (deal_id == 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.new-deal", NULL));
      editor = NULL;
      for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
        if (PILOTE_IS_DEAL_EDITOR (l->data) && editor == NULL)
          editor = l->data;
    }
  else
    {
      PilotePipelineColumn *column = pilote_pipeline_board_get_column (f->board, 0);
      g_autoptr(PilotePipelineItem) item = NULL;

      item = g_list_model_get_item (G_LIST_MODEL (pilote_pipeline_column_get_model (column)), 0);
      g_assert_cmpint (pilote_pipeline_item_get_deal (item)->deal_id, ==, deal_id);
      /* the card's activation: the column announces it, the board opens the editor */
      g_signal_emit_by_name (column, "deal-activated", item);
      editor = NULL;
      for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
        if (PILOTE_IS_DEAL_EDITOR (l->data) && editor == NULL)
          editor = l->data;
    }
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  flush_events ();
  return g_object_ref (PILOTE_DEAL_EDITOR (editor));
}

static void
close_editor (PiloteDealEditor *editor)
{
  if (gtk_widget_get_visible (GTK_WIDGET (editor)))
    gtk_window_destroy (GTK_WINDOW (editor));
  flush_events ();
  g_assert_finalize_object (editor);
}

static void
test_edit_and_save (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  const PilotePipelineDeal *card = first_deal (f, &item);
  gint64 deal_id = card->deal_id;
  PiloteDealEditor *editor = open_editor (f, deal_id);
  g_autoptr(GPtrArray) lines = NULL;

  /* the deal of the card, without lines for this test */
  g_assert_cmpint (pilote_deal_editor_get_deal_id (editor), ==, deal_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->title_row)), ==, card->title);
  while (pilote_deal_editor_count_lines (editor) > 0)
    for (guint i = 0; i < editor->lines->len; i++)
      {
        PiloteDealEditorLine *line = g_ptr_array_index (editor->lines, i);

        if (!line->removed)
          {
            pilote_deal_editor_remove_line (editor, line);
            break;
          }
      }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->amount_row)));

  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "Renewal of the fleet");
  gtk_editable_set_text (GTK_EDITABLE (editor->amount_row), "12345.67");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush_events ();
  /* saved: the editor closed, the file and the board say so */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  close_editor (editor);

  stored = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Renewal of the fleet");
  g_assert_cmpint (stored->amount, ==, 1234567);
  {
    PiloteFilter filter = { "deal_id", PILOTE_OP_EQ, NULL, deal_id };
    PiloteQuery query = { .filters = &filter, .n_filters = 1 };

    lines = pilote_store_list (f->store, PILOTE_ENTITY_DEAL_LINE, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lines->len, ==, 0);
  }
}

static void
test_lines_make_the_amount (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deal_id = first_deal (f, &item)->deal_id;
  PiloteDealEditor *editor = open_editor (f, deal_id);
  PiloteFilter filter = { "deal_id", PILOTE_OP_EQ, NULL, deal_id };
  PiloteQuery query = { .filters = &filter, .n_filters = 1 };
  PiloteDealEditorLine *line;
  PiloteMoney expected = 0;
  guint n_lines;

  /* a new line: 3 × 1 000,00 at 10 % off = 2 700,00, plus the others */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-line", NULL));
  line = g_ptr_array_index (editor->lines, editor->lines->len - 1);
  g_assert_null (line->stored);
  adw_combo_row_set_selected (line->product_row, 1);
  gtk_editable_set_text (GTK_EDITABLE (line->quantity_row), "3");
  gtk_editable_set_text (GTK_EDITABLE (line->price_row), "1000");
  gtk_editable_set_text (GTK_EDITABLE (line->discount_row), "10");
  gtk_editable_set_text (GTK_EDITABLE (line->cost_row), "400");
  n_lines = pilote_deal_editor_count_lines (editor);
  for (guint i = 0; i < editor->lines->len; i++)
    {
      PiloteDealEditorLine *l = g_ptr_array_index (editor->lines, i);
      PiloteMoney amount, cost;

      g_assert_true (pilote_deal_editor_line_total (l, &amount, &cost));
      expected += amount;
    }
  g_assert_cmpint (expected, >=, 270000);
  /* with lines, the amount is their sum, read-only */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->amount_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->amount_sum_row)));
  {
    g_autofree char *sum = pilote_money_format (expected, "EUR", PILOTE_MONEY_FORMAT_DEFAULT);

    g_assert_cmpstr (gtk_label_get_text (editor->amount_sum_label), ==, sum);
  }

  g_assert_true (pilote_deal_editor_save (editor, &error));
  g_assert_no_error (error);
  close_editor (editor);

  stored = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  lines = pilote_store_list (f->store, PILOTE_ENTITY_DEAL_LINE, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, n_lines);
  g_assert_cmpint (stored->amount, ==, expected);
  {
    PiloteMoney sum = 0;

    for (guint i = 0; i < lines->len; i++)
      sum += ((const PiloteDealLine *) g_ptr_array_index (lines, i))->amount;
    g_assert_cmpint (stored->amount, ==, sum);
  }
}

static void
test_invalid_keeps_editor_open (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteDeal) before = NULL;
  g_autoptr(PiloteDeal) after = NULL;
  gint64 deal_id = first_deal (f, &item)->deal_id;
  PiloteDealEditor *editor = open_editor (f, deal_id);

  before = pilote_store_get_deal (f->store, deal_id, NULL);
  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "Changed, not saved");
  gtk_editable_set_text (GTK_EDITABLE (editor->expected_close_row), "next tuesday");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush_events ();
  /* still open, the message names the field, the row is marked */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_revealer_get_reveal_child (editor->error_revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (editor->error_label),
                                   "Expected close date:"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor->expected_close_row), "error"));

  /* an empty title: the store's message, shown as such */
  gtk_editable_set_text (GTK_EDITABLE (editor->expected_close_row), "2026-12-24");
  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "  ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (editor->error_label), "Title:"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor->title_row), "error"));

  after = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_cmpint (after->base.version, ==, before->base.version);
  close_editor (editor);
}

static void
test_stale_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(PiloteDeal) theirs = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deal_id = first_deal (f, &item)->deal_id;
  PiloteDealEditor *editor = open_editor (f, deal_id);
  GtkWidget *dialog = NULL;
  g_autoptr(GError) conflict = NULL;

  /* someone else changes the deal while the editor is open */
  other = pilote_store_open (pilote_store_get_path (f->store), PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = pilote_store_get_deal (other, deal_id, &error);
  g_assert_no_error (error);
  g_free (theirs->title);
  theirs->title = g_strdup ("Their title");
  g_assert_true (pilote_store_update (other, theirs, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "My title");
  g_assert_false (pilote_deal_editor_save (editor, &conflict));
  g_assert_error (conflict, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);

  /* through the Save action: the conflict is shown, not swallowed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (PILOTE_IS_CONFLICT_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (editor))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (dialog == pilote_deal_editor_get_conflict_dialog (editor));
  /* the title differs, theirs and mine side by side, mine chosen */
  g_assert_cmpuint (pilote_conflict_dialog_get_conflict (PILOTE_CONFLICT_DIALOG (dialog))->fields->len,
                    ==, 1);
  g_assert_true (pilote_conflict_dialog_get_take_mine (PILOTE_CONFLICT_DIALOG (dialog), "title"));

  /* the file holds their change, not mine */
  stored = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Their title");

  /* Reload: their title in the editor, and a save now goes through */
  pilote_conflict_dialog_response (PILOTE_CONFLICT_DIALOG (dialog), "reload");
  flush_events ();
  g_assert_null (pilote_deal_editor_get_conflict_dialog (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->title_row)), ==, "Their title");
  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "Both titles");
  g_assert_true (pilote_deal_editor_save (editor, &error));
  g_assert_no_error (error);
  close_editor (editor);
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_cmpstr (stored->title, ==, "Both titles");
}

static void
test_new_deal (Fixture       *f,
               gconstpointer  data)
{
  PiloteDealEditor *editor = open_editor (f, 0);
  g_autoptr(PiloteDeal) stored = NULL;
  gint64 count_before, count_after;
  gint64 deal_id;

  count_before = pilote_store_count (f->store, PILOTE_ENTITY_DEAL, NULL, NULL);
  g_assert_cmpint (pilote_deal_editor_get_deal_id (editor), ==, 0);
  g_assert_false (gtk_widget_get_visible (editor->delete_button));
  /* a client found by searching, never by listing them all */
  pilote_deal_editor_search_clients (editor, "");
  g_assert_nonnull (gtk_list_box_get_row_at_index (editor->client_list, 1));
  g_signal_emit_by_name (editor->client_list, "row-activated",
                         gtk_list_box_get_row_at_index (editor->client_list, 1));
  g_assert_cmpint (editor->client_id, >, 0);
  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "A brand new deal");
  gtk_editable_set_text (GTK_EDITABLE (editor->amount_row), "5000");
  gtk_editable_set_text (GTK_EDITABLE (editor->probability_row), "35");
  g_assert_true (pilote_deal_editor_save (editor, NULL));
  deal_id = pilote_deal_editor_get_deal_id (editor);
  g_assert_cmpint (deal_id, >, 0);
  close_editor (editor);

  count_after = pilote_store_count (f->store, PILOTE_ENTITY_DEAL, NULL, NULL);
  g_assert_cmpint (count_after, ==, count_before + 1);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_cmpstr (stored->title, ==, "A brand new deal");
  g_assert_cmpint (stored->amount, ==, 500000);
  g_assert_cmpfloat_with_epsilon (stored->probability, 0.35, 1e-9);
  g_assert_cmpstr (stored->created_on, ==, "2026-11-15");
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  PilotePipelineColumn *column = pilote_pipeline_board_get_column (f->board, 0);
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  const PilotePipelineDeal *card = first_deal (f, &item);
  gint64 deal_id = card->deal_id;
  g_autofree char *count = g_strdup (pilote_pipeline_column_get_count_text (column));
  PiloteDealEditor *editor;
  AdwToast *toast;

  /* the card's context menu: Delete */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete-deal", "(xx)",
                                             deal_id, card->version));
  flush_events ();
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_nonnull (stored->base.deleted_at);
  g_assert_cmpstr (pilote_pipeline_column_get_count_text (column), !=, count);
  toast = pilote_pipeline_board_get_undo_toast (f->board);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deal deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* the toast's Undo button */
  g_signal_emit_by_name (toast, "button-clicked");
  flush_events ();
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_null (stored->base.deleted_at);
  g_assert_cmpstr (pilote_pipeline_column_get_count_text (column), ==, count);

  /* the editor's Delete button, then Undo again */
  editor = open_editor (f, deal_id);
  g_assert_true (gtk_widget_get_visible (editor->delete_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  close_editor (editor);
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_nonnull (stored->base.deleted_at);
  g_assert_nonnull (pilote_pipeline_board_get_undo_toast (f->board));
  pilote_pipeline_board_undo_delete (f->board);
  flush_events ();
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_null (stored->base.deleted_at);
  g_assert_cmpstr (pilote_pipeline_column_get_count_text (column), ==, count);
}

/* the dialog the editor shows over itself, of @type */
static GtkWidget *
find_dialog (PiloteDealEditor *editor,
             GType             type)
{
  GtkWidget *dialog = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (editor))
      dialog = l->data;
  return dialog;
}

/* someone else sets the title and the probability; I change both too:
 * keeping their title and my probability saves exactly that, on top of
 * their version, and their notes, which I did not touch, stay */
static void
test_merge_field_by_field (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(PiloteDeal) theirs = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deal_id = first_deal (f, &item)->deal_id;
  PiloteDealEditor *editor = open_editor (f, deal_id);
  PiloteConflictDialog *dialog;

  other = pilote_store_open (pilote_store_get_path (f->store), PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = pilote_store_get_deal (other, deal_id, &error);
  g_assert_no_error (error);
  g_free (theirs->title);
  theirs->title = g_strdup ("Their title");
  theirs->probability = 0.9;
  g_free (theirs->notes);
  theirs->notes = g_strdup ("Their notes");
  g_assert_true (pilote_store_update (other, theirs, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (GTK_EDITABLE (editor->title_row), "My title");
  gtk_editable_set_text (GTK_EDITABLE (editor->probability_row), "35");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush_events ();
  dialog = PILOTE_CONFLICT_DIALOG (find_dialog (editor, PILOTE_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (dialog);
  /* mine where I changed it (title, probability), theirs elsewhere (notes) */
  g_assert_true (pilote_conflict_dialog_get_take_mine (dialog, "title"));
  g_assert_true (pilote_conflict_dialog_get_take_mine (dialog, "probability"));
  g_assert_false (pilote_conflict_dialog_get_take_mine (dialog, "notes"));

  pilote_conflict_dialog_set_take_mine (dialog, "title", FALSE);
  g_assert_false (pilote_conflict_dialog_get_take_mine (dialog, "title"));
  pilote_conflict_dialog_response (dialog, "save");
  flush_events ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  close_editor (editor);

  stored = pilote_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Their title");
  g_assert_cmpfloat_with_epsilon (stored->probability, 0.35, 1e-9);
  g_assert_cmpstr (stored->notes, ==, "Their notes");
  g_assert_cmpint (stored->base.version, >, theirs->base.version);
}

/* deleting a deal someone else changed meanwhile asks first */
static void
test_delete_changed_asks (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PilotePipelineItem) item = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(PiloteDeal) theirs = NULL;
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deal_id = first_deal (f, &item)->deal_id;
  PiloteDealEditor *editor = open_editor (f, deal_id);
  GtkWidget *dialog;

  other = pilote_store_open (pilote_store_get_path (f->store), PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = pilote_store_get_deal (other, deal_id, &error);
  g_assert_no_error (error);
  g_free (theirs->title);
  theirs->title = g_strdup ("Their title");
  g_assert_true (pilote_store_update (other, theirs, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  dialog = find_dialog (editor, ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                   "since you opened it: deleting it throws their change away "
                                   "too."));
  /* the deal as the editor loaded it, by its title */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            gtk_editable_get_text (GTK_EDITABLE (editor->title_row))));
  /* nothing deleted while the question is open; Cancel keeps the deal */
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_null (stored->base.deleted_at);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  flush_events ();
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_null (stored->base.deleted_at);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* asked again, Delete Anyway deletes it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush_events ();
  dialog = find_dialog (editor, ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  flush_events ();
  g_clear_pointer (&stored, pilote_deal_free);
  stored = pilote_store_get_deal (f->store, deal_id, NULL);
  g_assert_nonnull (stored->base.deleted_at);
  close_editor (editor);
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

  ADD ("/deal-editor/edit-and-save", test_edit_and_save);
  ADD ("/deal-editor/lines-make-the-amount", test_lines_make_the_amount);
  ADD ("/deal-editor/invalid-keeps-editor-open", test_invalid_keeps_editor_open);
  ADD ("/deal-editor/stale-version", test_stale_version);
  ADD ("/deal-editor/new-deal", test_new_deal);
  ADD ("/deal-editor/delete-and-undo", test_delete_and_undo);
  ADD ("/deal-editor/merge-field-by-field", test_merge_field_by_field);
  ADD ("/deal-editor/delete-changed-asks", test_delete_changed_asks);

#undef ADD

  return g_test_run ();
}
