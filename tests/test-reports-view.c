/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pilote-demo.h"
#include "pilote-record.h"
#include "pilote-reports-view.h"
#include "pilote-resources.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/*
 * The Reports view under Xvfb, on a small demo company: its Export PDF
 * writes the same summary as pilote-cli report for the same month and
 * scope, and the director's comment it saves is in the file and on the
 * page; a comment someone else saved in between is not overwritten
 * without asking. Everything finalizes.
 */

typedef struct {
  char              *dir;
  char              *path;
  PiloteStore       *store;
  GtkWidget         *window;
  PiloteReportsView *view;
} Fixture;

static void
flush_events (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
wait_until_ready (PiloteReportsView *view)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (pilote_reports_view_get_busy (view) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pilote_reports_view_get_busy (view));
  flush_events ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  GtkWidget *overlay;
  GDate today;

  f->dir = g_dir_make_tmp ("pilote-reports-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (f->path, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  pilote_demo_options_init (&options);
  options.n_clients = 80;
  options.n_deals = 900;
  options.today = &today;
  g_assert_true (pilote_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 800);
  overlay = adw_toast_overlay_new ();
  f->view = PILOTE_REPORTS_VIEW (pilote_reports_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  pilote_reports_view_set_month (f->view, 2026, G_DATE_OCTOBER);
  pilote_reports_view_set_store (f->view, f->store);
  wait_until_ready (f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  g_assert_null (f->view);
  g_assert_finalize_object (f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The text of a PDF file, without the line that says when it was printed */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "Printed on") == NULL)
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static char *
cli_pdf (Fixture    *f,
         const char *scope,
         const char *name)
{
  const char *cli = g_getenv ("PILOTE_CLI");
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli, "report", f->path, "--month", "2026-10", "--scope", scope,
                         "--output", pdf, NULL };
  int status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return pdf_text (pdf);
}

static char *
view_pdf (Fixture    *f,
          const char *name)
{
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pilote_reports_view_export_pdf (f->view, pdf, &error));
  g_assert_no_error (error);
  return pdf_text (pdf);
}

static void
test_export_matches_cli (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteRecord) member = NULL;
  g_autofree char *view_text = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *member_text = NULL;
  g_autofree char *member_cli_text = NULL;
  g_autofree char *scope = NULL;
  PiloteQuery query = { 0 };
  g_autoptr(GPtrArray) members = NULL;

  g_assert_cmpuint (pilote_reports_view_get_n_pages (f->view), >=, 2);
  view_text = view_pdf (f, "view.pdf");
  cli_text = cli_pdf (f, "company", "cli.pdf");
  g_assert_nonnull (strstr (view_text, "October 2026"));
  g_assert_nonnull (strstr (view_text, "Headline figures"));
  g_assert_cmpstr (view_text, ==, cli_text);

  /* one rep's summary, chosen in the view and named on the command line */
  query.sort_field = "name";
  query.limit = 1;
  members = pilote_store_list (f->store, PILOTE_ENTITY_MEMBER, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 1);
  member = g_ptr_array_steal_index (members, 0);
  pilote_reports_view_set_scope (f->view, PILOTE_SCOPE_MEMBER, member->id);
  g_assert_true (pilote_reports_view_get_busy (f->view));
  g_assert_false (pilote_reports_view_export_pdf (f->view, "/nonexistent.pdf", NULL));
  wait_until_ready (f->view);
  member_text = view_pdf (f, "member.pdf");
  scope = g_strdup_printf ("member:%s", ((PiloteMember *) member)->name);
  member_cli_text = cli_pdf (f, scope, "member-cli.pdf");
  g_assert_nonnull (strstr (member_text, ((PiloteMember *) member)->name));
  g_assert_cmpstr (member_text, ==, member_cli_text);
  g_assert_cmpstr (member_text, !=, view_text);
}

static PilotePeriodNote *
read_comment (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) other = pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error);
  PiloteFilter filters[] = {
    { "kind", PILOTE_OP_EQ, "comment", 0 },
    { "period_start", PILOTE_OP_EQ, "2026-10-01", 0 },
    { "scope", PILOTE_OP_EQ, "company", 0 },
  };
  PiloteQuery query = { filters, G_N_ELEMENTS (filters), NULL, NULL, FALSE, 10, 0, FALSE };
  g_autoptr(GPtrArray) notes = NULL;

  g_assert_no_error (error);
  notes = pilote_store_list (other, PILOTE_ENTITY_PERIOD_NOTE, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  return g_ptr_array_steal_index (notes, 0);
}

static void
test_comment (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PilotePeriodNote) note = NULL;
  g_autoptr(PilotePeriodNote) after = NULL;
  g_autoptr(PilotePeriodNote) last = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;

  /* the demo's comment on October is replaced; the page shows the new one */
  pilote_reports_view_set_comment (f->view, "Mois solide, porté par Lyon.");
  g_assert_true (pilote_reports_view_save_comment (f->view));
  note = read_comment (f);
  g_assert_cmpstr (note->text, ==, "Mois solide, porté par Lyon.");
  wait_until_ready (f->view);
  text = view_pdf (f, "comment.pdf");
  g_assert_nonnull (strstr (text, "Mois solide, porté par Lyon."));

  /* someone else saves theirs in between: mine is not written over it */
  other = pilote_store_open (f->path, PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_free (note->text);
  note->text = g_strdup ("Leur version du commentaire.");
  g_assert_true (pilote_store_update (other, note, &error));
  g_assert_no_error (error);

  pilote_reports_view_set_comment (f->view, "Ma version du commentaire.");
  g_assert_false (pilote_reports_view_save_comment (f->view));
  dialog = pilote_reports_view_get_conflict_dialog (f->view);
  g_assert_nonnull (dialog);
  after = read_comment (f);
  g_assert_cmpstr (after->text, ==, "Leur version du commentaire.");

  /* keeping mine, knowingly, writes it */
  adw_message_dialog_response (dialog, "mine");
  flush_events ();
  g_assert_null (pilote_reports_view_get_conflict_dialog (f->view));
  last = read_comment (f);
  g_assert_cmpstr (last->text, ==, "Ma version du commentaire.");
  g_assert_cmpint (last->base.version, >, after->base.version);
  wait_until_ready (f->view);
}

int
main (int    argc,
      char **argv)
{
  pilote_test_gui_init (&argc, &argv);
  g_assert_nonnull (pilote_get_resource ());

  g_test_add ("/reports-view/export-matches-cli", Fixture, NULL, fixture_set_up,
              test_export_matches_cli, fixture_tear_down);
  g_test_add ("/reports-view/comment", Fixture, NULL, fixture_set_up, test_comment,
              fixture_tear_down);
  return g_test_run ();
}
