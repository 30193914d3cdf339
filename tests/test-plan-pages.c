/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>

#include "pilote-dashboard.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-kpi.h"
#include "pilote-money.h"
#include "pilote-plan-page.h"
#include "pilote-plan.h"
#include "pilote-record.h"
#include "pilote-report.h"
#include "pilote-resources.h"
#include "pilote-spend-page.h"
#include "pilote-swot-page.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/*
 * The action plan, SWOT and spend pages of the Objectives view under Xvfb,
 * on a small demo company (today pinned to 2026-11-15): an action added
 * in the dialog lands in "To do" and moves to "Done"; a late action is
 * flagged and a bad date is refused; the strategy is saved and a
 * concurrent edit is caught; a SWOT item is added and moved up; the
 * competitors' figures are the KPI engine's; recorded spend changes the
 * CAC the page shows, as the KPI engine computes it, and the dashboard's
 * CAC card. Everything finalizes.
 */

typedef struct {
  char        *dir;
  PiloteStore *store;
  GDate        today;
  GtkWidget   *window;
  GtkWidget   *page;
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
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay;
  PiloteDemoOptions options;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-plan-XXXXXX", &error);
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
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  overlay = adw_toast_overlay_new ();
  f->page = g_object_new (type, NULL);
  if (type == PILOTE_TYPE_PLAN_PAGE)
    pilote_plan_page_set_today (PILOTE_PLAN_PAGE (f->page), &f->today);
  g_object_set (f->page, "period-kind", "month", "period-start", "2026-11-01",
                "scope-kind", "company", "scope-id", (gint64) 0, "store", f->store, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->page);
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  g_assert_null (f->page);
  g_assert_finalize_object (f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
wait_loaded (GtkWidget *page)
{
  gboolean (*is_loading) (gpointer) = PILOTE_IS_SWOT_PAGE (page)
                                        ? (gboolean (*) (gpointer)) pilote_swot_page_is_loading
                                        : (gboolean (*) (gpointer)) pilote_spend_page_is_loading;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  flush_events ();
  while (is_loading (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  flush_events ();
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Action plan */

static gint64
add_action (Fixture    *f,
            const char *title,
            const char *due)
{
  PilotePlanPage *page = PILOTE_PLAN_PAGE (f->page);
  PiloteActionEditor *editor = pilote_plan_page_edit_action (page, 0);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gboolean ok;

  g_assert_nonnull (editor);
  set_text (pilote_action_editor_get_row (editor, "title"), title);
  set_text (pilote_action_editor_get_row (editor, "due"), due);
  ok = pilote_action_editor_save (editor, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  gtk_window_destroy (GTK_WINDOW (editor));
  flush_events ();
  /* the new action is the one with that title */
  {
    g_autoptr(PiloteAction) found = pilote_store_find_by_name (f->store, PILOTE_ENTITY_ACTION,
                                                                title, &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    id = found->base.id;
  }
  return id;
}

static void
test_action_board (Fixture       *f,
                   gconstpointer  data)
{
  PilotePlanPage *page = PILOTE_PLAN_PAGE (f->page);
  guint to_do = pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_NOT_STARTED);
  guint done = pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_DONE);
  g_autoptr(PiloteAction) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint total;
  gint64 id;
  gboolean ok;

  /* the demo plan: some actions of the period on the board */
  total = to_do + done + pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_IN_PROGRESS) +
          pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_CANCELLED);
  g_assert_cmpuint (total, >, 0);

  id = add_action (f, "Call the ten largest prospects", "2026-11-27");
  g_assert_cmpint (pilote_plan_page_find_card (page, id), ==, PILOTE_PROGRESS_NOT_STARTED);
  g_assert_cmpuint (pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_NOT_STARTED), ==, to_do + 1);
  g_assert_null (pilote_plan_page_get_overdue_text (page, id));

  /* what a drop on the Done column writes */
  ok = pilote_plan_page_move_action (page, id, PILOTE_PROGRESS_DONE, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (pilote_plan_page_find_card (page, id), ==, PILOTE_PROGRESS_DONE);
  g_assert_cmpuint (pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_NOT_STARTED), ==, to_do);
  g_assert_cmpuint (pilote_plan_page_get_n_cards (page, PILOTE_PROGRESS_DONE), ==, done + 1);
  stored = pilote_store_get_action (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, PILOTE_PROGRESS_DONE);

  /* the list shows the same actions */
  pilote_plan_page_set_list_mode (page, TRUE);
  flush_events ();
  g_assert_cmpuint (pilote_plan_page_get_n_list_rows (page), ==, total + 1);

  /* delete, then undo */
  ok = pilote_plan_page_delete_action (page, id, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (pilote_plan_page_find_card (page, id), ==, -1);
  g_assert_cmpuint (pilote_plan_page_get_n_list_rows (page), ==, total);
  pilote_plan_page_undo_delete (page);
  g_assert_cmpint (pilote_plan_page_find_card (page, id), ==, PILOTE_PROGRESS_DONE);
}

static void
test_action_overdue (Fixture       *f,
                     gconstpointer  data)
{
  PilotePlanPage *page = PILOTE_PLAN_PAGE (f->page);
  PiloteActionEditor *editor;
  g_autoptr(GError) error = NULL;
  gint64 count_before, count_after;
  gint64 id;
  gboolean ok;

  id = add_action (f, "Send the price list to the purchasing managers", "2026-11-10");
  g_assert_cmpint (pilote_plan_page_find_card (page, id), ==, PILOTE_PROGRESS_NOT_STARTED);
  g_assert_cmpstr (pilote_plan_page_get_overdue_text (page, id), ==, "Overdue by 5 days");

  /* done: no longer late */
  ok = pilote_plan_page_move_action (page, id, PILOTE_PROGRESS_DONE, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (pilote_plan_page_get_overdue_text (page, id));

  /* a date that is not one is refused, and nothing is written */
  count_before = pilote_store_count (f->store, PILOTE_ENTITY_ACTION, NULL, NULL);
  editor = pilote_plan_page_edit_action (page, 0);
  set_text (pilote_action_editor_get_row (editor, "title"), "Visit Lyon");
  set_text (pilote_action_editor_get_row (editor, "due"), "31/11/2026");
  ok = pilote_action_editor_save (editor, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_assert_false (ok);
  g_assert_nonnull (strstr (pilote_action_editor_get_error_text (editor), "YYYY-MM-DD"));
  count_after = pilote_store_count (f->store, PILOTE_ENTITY_ACTION, NULL, NULL);
  g_assert_cmpint (count_after, ==, count_before);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_strategy (Fixture       *f,
               gconstpointer  data)
{
  PilotePlanPage *page = PILOTE_PLAN_PAGE (f->page);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (pilote_plan_page_get_strategy_view (page));
  g_autoptr(PilotePeriodNote) saved = NULL;
  g_autoptr(PilotePeriodNote) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  GtkTextIter start, end;
  gboolean ok;

  gtk_text_buffer_set_text (buffer, "Win 12 accounts in Lyon: 480 k€ of new revenue.", -1);
  ok = pilote_plan_page_save_strategy (page, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (pilote_plan_page_get_save_text (page), ==, "Saved");
  saved = pilote_plan_get_strategy (f->store, PILOTE_PERIOD_MONTH, "2026-11-01",
                                    PILOTE_SCOPE_COMPANY, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->text, ==, "Win 12 accounts in Lyon: 480 k€ of new revenue.");

  /* someone else saves their text meanwhile: ours is not written over theirs */
  g_free (saved->text);
  saved->text = g_strdup ("Their strategy");
  ok = pilote_store_update (f->store, saved, &error);
  g_assert_no_error (error);
  gtk_text_buffer_set_text (buffer, "Our strategy", -1);
  ok = pilote_plan_page_save_strategy (page, &error);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT);
  g_assert_false (ok);
  after = pilote_plan_get_strategy (f->store, PILOTE_PERIOD_MONTH, "2026-11-01",
                                    PILOTE_SCOPE_COMPANY, 0, NULL);
  g_assert_cmpstr (after->text, ==, "Their strategy");

  /* the page asks whose text to keep; theirs is shown when chosen */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* what a click on "Use Theirs" does */
  adw_message_dialog_response (dialog, "theirs");
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Their strategy");
  g_assert_cmpstr (pilote_plan_page_get_save_text (page), !=, "Not saved");
}

/* The strategy written on the page is the one the monthly summary prints */
static void
test_strategy_printed (Fixture       *f,
                       gconstpointer  data)
{
  PilotePlanPage *page = PILOTE_PLAN_PAGE (f->page);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (pilote_plan_page_get_strategy_view (page));
  g_autofree char *pdf = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(PiloteReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  gboolean ok;

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  gtk_text_buffer_set_text (buffer, "Twelve Lyon accounts, 480 k€ new revenue.", -1);
  ok = pilote_plan_page_save_strategy (page, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  report = pilote_report_new (f->store, 2026, G_DATE_NOVEMBER, PILOTE_SCOPE_COMPANY, 0,
                              PILOTE_PAPER_A4, &error);
  g_assert_no_error (error);
  ok = pilote_report_write_pdf (report, pdf, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (strstr (out, "Strategy for November 2026"));
  g_assert_nonnull (strstr (out, "Twelve Lyon accounts, 480 k€ new revenue."));
}

/* SWOT */

static void
test_swot_reorder (Fixture       *f,
                   gconstpointer  data)
{
  PiloteSwotPage *page = PILOTE_SWOT_PAGE (f->page);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) moved = NULL;
  g_auto(GStrv) restored = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  gint64 id;
  gboolean ok;

  wait_loaded (f->page);
  /* the demo company's SWOT of the year, for its market */
  g_assert_cmpstr (pilote_swot_page_get_market (page), ==, "France");
  before = pilote_swot_page_get_texts (page, PILOTE_QUADRANT_STRENGTH);
  n = g_strv_length (before);
  g_assert_cmpuint (n, >=, 2);

  ok = pilote_swot_page_add_item (page, PILOTE_QUADRANT_STRENGTH, "  Showroom in Lyon  ", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  added = pilote_swot_page_get_texts (page, PILOTE_QUADRANT_STRENGTH);
  g_assert_cmpuint (g_strv_length (added), ==, n + 1);
  g_assert_cmpstr (added[n], ==, "Showroom in Lyon");

  /* up to the top, as the "Move up" button does twice (or a drop on the first item) */
  id = pilote_swot_page_get_item_id (page, PILOTE_QUADRANT_STRENGTH, n);
  ok = pilote_swot_page_move_item (page, id, -(int) n, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  moved = pilote_swot_page_get_texts (page, PILOTE_QUADRANT_STRENGTH);
  g_assert_cmpstr (moved[0], ==, "Showroom in Lyon");
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (moved[i + 1], ==, before[i]);

  /* the order is the file's */
  stored = pilote_plan_list_swot (f->store, "France", "2026-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((PiloteSwotItem *) g_ptr_array_index (stored, 0))->text, ==,
                   "Showroom in Lyon");

  /* delete and undo */
  ok = pilote_swot_page_delete_item (page, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (restored = pilote_swot_page_get_texts (page,
                                                                          PILOTE_QUADRANT_STRENGTH)),
                    ==, n);
  pilote_swot_page_undo_delete (page);
  g_strfreev (restored);
  restored = pilote_swot_page_get_texts (page, PILOTE_QUADRANT_STRENGTH);
  g_assert_cmpstr (restored[0], ==, "Showroom in Lyon");
}

static void
test_competitors (Fixture       *f,
                  gconstpointer  data)
{
  PiloteSwotPage *page = PILOTE_SWOT_PAGE (f->page);
  g_autoptr(GPtrArray) lost = NULL;
  g_autoptr(GError) error = NULL;
  PilotePeriod year;
  GPtrArray *shown;
  gint64 lost_total = 0, met_total = 0;
  gboolean ok;

  /* a year of deals */
  g_object_set (f->page, "period-kind", "year", "period-start", "2026-01-01", NULL);
  wait_loaded (f->page);
  shown = pilote_swot_page_get_competitors (page);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->len, >, 0);

  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &f->today, G_DATE_JANUARY);
  lost = pilote_kpi_lost (f->store, &year, NULL, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < shown->len; i++)
    {
      const PiloteCompetitorRow *row = g_ptr_array_index (shown, i);
      g_autofree char *amount = pilote_money_format (row->lost_amount, "EUR",
                                                     PILOTE_MONEY_FORMAT_WHOLE);
      gint64 deals = 0, lost_amount = 0;

      for (guint j = 0; j < lost->len; j++)
        {
          const PiloteLostRow *l = g_ptr_array_index (lost, j);

          if (g_strcmp0 (l->key, row->name) == 0)
            {
              deals = l->deals;
              lost_amount = l->amount;
            }
        }
      /* the same lost deals as the engine's lost-by-competitor analysis */
      g_assert_cmpint (row->lost, ==, deals);
      g_assert_cmpint (row->lost_amount, ==, lost_amount);
      g_assert_cmpint (row->met, >=, row->won + row->lost);
      g_assert_nonnull (strstr (pilote_swot_page_get_competitor_text (page, row->name), amount));
      lost_total += row->lost;
      met_total += row->met;
    }
  g_assert_cmpint (lost_total, >, 0);
  g_assert_cmpint (met_total, >, lost_total);

  /* a new competitor is listed, met on no deal */
  ok = pilote_swot_page_add_competitor (page, "Bureau Plus", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  wait_loaded (f->page);
  g_assert_nonnull (strstr (pilote_swot_page_get_competitor_text (page, "Bureau Plus"), "Met 0"));
}

/* Spend */

static PiloteKpiFigures
channel_figures (Fixture    *f,
                 const char *channel)
{
  PilotePeriod year;
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  pilote_period_init_containing (&year, PILOTE_PERIOD_YEAR, &f->today, G_DATE_JANUARY);
  report = pilote_kpi_compute (f->store, &year, NULL, PILOTE_DIMENSION_CHANNEL,
                               PILOTE_KPI_NO_SUMMARY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (report->rows, i);

      if (g_strcmp0 (row->key, channel) == 0)
        return row->figures;
    }
  g_assert_not_reached ();
}

static void
test_spend_cac (Fixture       *f,
                gconstpointer  data)
{
  PiloteSpendPage *page = PILOTE_SPEND_PAGE (f->page);
  PiloteSpendEditor *editor;
  PiloteKpiFigures before, after;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autoptr(GError) error = NULL;
  const char *channel = NULL;
  guint n_lines;
  gboolean ok;

  g_object_set (f->page, "period-kind", "year", "period-start", "2026-01-01", NULL);
  wait_loaded (f->page);
  n_lines = pilote_spend_page_get_n_lines (page);
  g_assert_cmpuint (n_lines, >, 0);

  /* a channel that brought clients this year */
  {
    const char *channels[] = { "Website", "Referral", "Trade show", "Outbound", "Partner" };

    for (guint i = 0; i < G_N_ELEMENTS (channels) && channel == NULL; i++)
      if (channel_figures (f, channels[i]).new_clients > 0)
        channel = channels[i];
  }
  g_assert_nonnull (channel);
  before = channel_figures (f, channel);
  before_text = pilote_money_format (before.cac, "EUR", PILOTE_MONEY_FORMAT_DEFAULT);
  g_assert_cmpstr (pilote_spend_page_get_cac_text (page, channel), ==, before_text);

  /* a bad amount is refused with a message, and nothing is written */
  editor = pilote_spend_page_edit_spend (page, 0);
  set_text (pilote_spend_editor_get_row (editor, "campaign"), "Salon Bureaux Expo");
  set_text (pilote_spend_editor_get_row (editor, "amount"), "12 euros");
  ok = pilote_spend_editor_save (editor, &error);
  g_assert_false (ok);
  g_assert_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_str_has_prefix (pilote_spend_editor_get_error_text (editor), "Amount: "));
  set_text (pilote_spend_editor_get_row (editor, "amount"), "-50");
  g_assert_false (pilote_spend_editor_save (editor, &error));
  g_clear_error (&error);
  g_assert_cmpuint (pilote_spend_page_get_n_lines (page), ==, n_lines);

  /* 4 800,00 € more on the channel in October */
  set_text (pilote_spend_editor_get_row (editor, "month"), "2026-10");
  {
    AdwComboRow *row = ADW_COMBO_ROW (pilote_spend_editor_get_row (editor, "channel"));
    GListModel *model = adw_combo_row_get_model (row);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        if (g_strcmp0 (gtk_string_object_get_string (item), channel) == 0)
          adw_combo_row_set_selected (row, i);
      }
  }
  set_text (pilote_spend_editor_get_row (editor, "amount"), "4800,00");
  ok = pilote_spend_editor_save (editor, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_loaded (f->page);
  g_assert_cmpuint (pilote_spend_page_get_n_lines (page), ==, n_lines + 1);

  after = channel_figures (f, channel);
  g_assert_cmpint (after.spend, ==, before.spend + 480000);
  g_assert_cmpint (after.cac, ==, pilote_money_divide (before.spend + 480000, before.new_clients));
  g_assert_cmpint (after.cac, >, before.cac);
  after_text = pilote_money_format (after.cac, "EUR", PILOTE_MONEY_FORMAT_DEFAULT);
  g_assert_cmpstr (pilote_spend_page_get_cac_text (page, channel), ==, after_text);
}

static gboolean
on_dashboard_timeout_cb (gpointer user_data)
{
  g_error ("The dashboard took too long to compute its figures");
  return G_SOURCE_REMOVE;
}

static void
wait_for_dashboard (PiloteDashboard *dashboard)
{
  guint timeout = g_timeout_add_seconds (120, on_dashboard_timeout_cb, NULL);

  flush_events ();
  while (pilote_dashboard_get_busy (dashboard))
    g_main_context_iteration (NULL, TRUE);
  flush_events ();
  g_source_remove (timeout);
}

static const char *
dashboard_cac (PiloteDashboard *dashboard)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (dashboard), PILOTE_TYPE_DASHBOARD,
                                                  "cac_value");

  return gtk_label_get_text (GTK_LABEL (label));
}

static PiloteKpiFigures
month_totals (Fixture            *f,
              const PilotePeriod *month)
{
  g_autoptr(PiloteKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = pilote_kpi_compute (f->store, month, NULL, PILOTE_DIMENSION_NONE,
                               PILOTE_KPI_NO_SUMMARY, &error);
  g_assert_no_error (error);
  return report->totals;
}

/* Spend recorded on the page moves the CAC card of the dashboard */
static void
test_spend_dashboard (Fixture       *f,
                      gconstpointer  data)
{
  PiloteSpendPage *page = PILOTE_SPEND_PAGE (f->page);
  GtkWidget *window = gtk_window_new ();
  PiloteDashboard *dashboard = PILOTE_DASHBOARD (pilote_dashboard_new ());
  PiloteSpendEditor *editor;
  PiloteKpiFigures before, after;
  PilotePeriod month;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autoptr(GError) error = NULL;
  char start[PILOTE_ISO_DATE_LEN];
  gboolean ok;

  g_object_ref (window);
  g_object_ref (dashboard);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (dashboard));
  gtk_window_present (GTK_WINDOW (window));
  pilote_dashboard_set_store (dashboard, f->store);
  wait_for_dashboard (dashboard);

  /* the dashboard opens on this month; go back to one that won clients */
  pilote_period_init_month (&month, 2026, G_DATE_NOVEMBER);
  for (guint i = 0; i < 12 && month_totals (f, &month).new_clients <= 0; i++)
    {
      PilotePeriod previous;

      pilote_period_previous (&month, &previous);
      month = previous;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.previous",
                                                 NULL));
      wait_for_dashboard (dashboard);
    }
  before = month_totals (f, &month);
  g_assert_cmpint (before.new_clients, >, 0);
  before_text = pilote_money_format (before.cac, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  g_assert_cmpstr (dashboard_cac (dashboard), ==, before_text);

  /* 9 600,00 € of spend recorded for that month on the page */
  pilote_period_from_iso (&month, start);
  g_object_set (f->page, "period-start", start, NULL);
  wait_loaded (f->page);
  editor = pilote_spend_page_edit_spend (page, 0);
  set_text (pilote_spend_editor_get_row (editor, "campaign"), "Salon Bureaux Expo");
  set_text (pilote_spend_editor_get_row (editor, "amount"), "9 600,00");
  ok = pilote_spend_editor_save (editor, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_loaded (f->page);

  after = month_totals (f, &month);
  g_assert_cmpint (after.spend, ==, before.spend + 960000);
  g_assert_cmpint (after.cac, ==, pilote_money_divide (after.spend, after.new_clients));
  after_text = pilote_money_format (after.cac, "EUR", PILOTE_MONEY_FORMAT_WHOLE);
  g_assert_cmpstr (after_text, !=, before_text);

  /* the dashboard shows the new CAC once it reads the file again */
  pilote_dashboard_refresh (dashboard);
  wait_for_dashboard (dashboard);
  g_assert_cmpstr (dashboard_cac (dashboard), ==, after_text);

  pilote_dashboard_set_store (dashboard, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (dashboard);
}

int
main (int   argc,
      char *argv[])
{
  /* the dashboard's "today", as the demo company's */
  g_setenv ("PILOTE_TODAY", "2026-11-15", TRUE);
  pilote_test_gui_init (&argc, &argv);
  /* the resources live in a static library: link them in */
  g_assert_nonnull (pilote_get_resource ());

#define ADD(path, type, func) \
  g_test_add ((path), Fixture, GSIZE_TO_POINTER (type), fixture_set_up, (func), fixture_tear_down)

  ADD ("/plan-pages/action-board", PILOTE_TYPE_PLAN_PAGE, test_action_board);
  ADD ("/plan-pages/action-overdue", PILOTE_TYPE_PLAN_PAGE, test_action_overdue);
  ADD ("/plan-pages/strategy", PILOTE_TYPE_PLAN_PAGE, test_strategy);
  ADD ("/plan-pages/strategy-printed", PILOTE_TYPE_PLAN_PAGE, test_strategy_printed);
  ADD ("/plan-pages/swot-reorder", PILOTE_TYPE_SWOT_PAGE, test_swot_reorder);
  ADD ("/plan-pages/competitors", PILOTE_TYPE_SWOT_PAGE, test_competitors);
  ADD ("/plan-pages/spend-cac", PILOTE_TYPE_SPEND_PAGE, test_spend_cac);
  ADD ("/plan-pages/spend-dashboard", PILOTE_TYPE_SPEND_PAGE, test_spend_dashboard);

  return g_test_run ();
}
