/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilote-client-editor.h"
#include "pilote-conflict-dialog.h"
#include "pilote-clients-view-private.h"
#include "pilote-contact-editor.h"
#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-record.h"
#include "pilote-resources.h"
#include "pilote-store-private.h"
#include "pilote-test-utils.h"
#include "pilote-test-gui.h"

/*
 * The Clients view under Xvfb, on demo companies (today pinned to
 * 2026-11-15): search by a contact's e-mail on 100 000 clients, a client
 * created with two contacts, a version conflict shown, two clients merged,
 * sorting by a column header, delete with Undo, and the export of what the
 * list shows. With PILOTE_SCREENSHOT_DIR set, also saves the screenshots.
 */

typedef struct {
  char              *dir;
  PiloteStore       *store;
  GDate              today;
  GtkWidget         *window;
  PiloteClientsView *view;
} Fixture;

static void
flush_events (void)
{
  for (guint i = 0; i < 200 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
make_store (Fixture *f,
            guint    n_clients,
            guint    n_deals)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PiloteDemoOptions options;
  gboolean ok;

  f->dir = g_dir_make_tmp ("pilote-clients-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.pilote", NULL);
  f->store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_date_parse_iso ("2026-11-15", &f->today));
  pilote_demo_options_init (&options);
  options.n_clients = n_clients;
  options.n_deals = n_deals;
  options.today = &f->today;
  ok = pilote_demo_generate (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
show_view_sized (Fixture *f,
                 int      width,
                 gboolean header)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->window = gtk_window_new ();
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 800);
  if (header)
    {
      GtkWidget *bar = adw_header_bar_new ();

      adw_header_bar_set_title_widget (ADW_HEADER_BAR (bar),
                                       adw_window_title_new ("Atelier Moreau", "demo.pilote"));
      gtk_window_set_titlebar (GTK_WINDOW (f->window), bar);
    }
  f->view = PILOTE_CLIENTS_VIEW (pilote_clients_view_new ());
  pilote_clients_view_set_today (f->view, &f->today);
  pilote_clients_view_set_store (f->view, f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  flush_events ();
}

static void
show_view (Fixture *f)
{
  show_view_sized (f, 1280, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  make_store (f, 60, 500);
  show_view (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 end;

  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  flush_events ();
  g_assert_finalize_object (f->window);
  /* a search or a client's figures still being read in a worker thread
   * hold the view until they come back, later on a busy machine */
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (f->view != NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (f->view);
  g_assert_finalize_object (f->store);
  pilote_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
query_int64 (PiloteStore *store,
             const char  *sql,
             gint64       param)
{
  g_autoptr(PiloteStmt) stmt = pilote_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* the text of every label under @widget, joined by newlines */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_LINK_BUTTON (widget))
    g_string_append_printf (text, "<%s>\n", gtk_link_button_get_uri (GTK_LINK_BUTTON (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
detail_text (Fixture *f)
{
  GString *text = g_string_new (NULL);

  collect_text (GTK_WIDGET (f->view->detail_box), text);
  return g_string_free (text, FALSE);
}

static const PiloteClientRow *row_at (Fixture *f,
                                      guint    position);

/* 100 000 clients: typing a contact's e-mail shows its client alone */
static void
test_search_large (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(PiloteClient) client = pilote_client_new ();
  g_autoptr(PiloteContact) contact = pilote_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  make_store (f, 100000, 10000);
  g_test_message ("100 000 clients generated in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  client->name = g_strdup ("Verrerie Œillet");
  client->city = g_strdup ("Montélimar");
  g_assert_true (pilote_store_insert (f->store, client, &error));
  contact->client_id = client->base.id;
  contact->name = g_strdup ("Noémie Garnier");
  contact->email = g_strdup ("noemie.garnier@verrerie-oeillet.example");
  g_assert_true (pilote_store_insert (f->store, contact, &error));
  g_assert_no_error (error);
  show_view (f);
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, 100001);

  start = g_get_monotonic_time ();
  pilote_clients_view_set_search (f->view, "noemie.garnier@verrerie-oeillet.example");
  flush_events ();
  g_test_message ("searched and shown in %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (f->view->count_label), ==, "1 client");
  g_signal_emit_by_name (f->view->column_view, "activate", 0);
  g_assert_cmpint (pilote_clients_view_get_client_id (f->view), ==, client->base.id);
  text = detail_text (f);
  g_assert_nonnull (strstr (text, "Noémie Garnier"));
  g_assert_nonnull (strstr (text, "<mailto:noemie.garnier@verrerie-oeillet.example>"));

  /* the searches keep their connection from one keystroke to the next:
   * a client written meanwhile is found at the next one */
  {
    g_autoptr(PiloteClient) other = pilote_client_new ();

    pilote_clients_view_set_search (f->view, "verrerie");
    flush_events ();
    g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, 1);
    other->name = g_strdup ("Verrerie du Lac");
    g_assert_true (pilote_store_insert (f->store, other, &error));
    g_assert_no_error (error);
    pilote_clients_view_set_search (f->view, "verreri");
    flush_events ();
    g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, 2);
  }

  fixture_tear_down (f, NULL);
}

/* The connection a kind of work keeps: given back, taken again; another
 * one while it is out, or for another file; let go of when cleared */
static void
test_reader_slot (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PiloteReaderSlot) slot = pilote_reader_slot_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) other = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.pilote", NULL);
  const char *path = pilote_store_get_path (f->store);
  PiloteStore *first, *second, *third;

  first = pilote_reader_slot_take (slot, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (pilote_store_is_read_only (first));
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  pilote_reader_slot_give_back (slot, first);
  g_assert_nonnull (first);   /* kept */

  second = pilote_reader_slot_take (slot, path, &error);
  g_assert_true (second == first);
  /* while it is out, another */
  third = pilote_reader_slot_take (slot, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
  g_assert_true (third != second);
  g_object_add_weak_pointer (G_OBJECT (third), (gpointer *) &third);
  pilote_reader_slot_give_back (slot, second);
  pilote_reader_slot_give_back (slot, third);   /* one kept at most */
  g_assert_null (third);
  g_assert_nonnull (first);

  /* another file: the one kept is let go of */
  other = pilote_store_create (other_path, &error);
  g_assert_no_error (error);
  second = pilote_reader_slot_take (slot, other_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pilote_store_get_path (second), ==, other_path);
  g_assert_null (first);
  pilote_reader_slot_give_back (slot, second);
  first = second;
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  pilote_reader_slot_clear (slot);
  g_assert_null (first);

  /* taken before a clear (the file replaced meanwhile): not kept */
  first = pilote_reader_slot_take (slot, path, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  pilote_reader_slot_clear (slot);
  pilote_reader_slot_give_back (slot, first);
  g_assert_null (first);
}

/* a client created in the editor, then two contacts in theirs */
static void
test_create_with_contacts (Fixture       *f,
                           gconstpointer  data)
{
  PiloteClientEditor *editor;
  PiloteContactEditor *contact_editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint before = pilote_clients_view_get_n_results (f->view);
  gint64 id;

  editor = PILOTE_CLIENT_EDITOR (pilote_clients_view_edit_client (f->view, 0));
  g_assert_nonnull (editor);
  /* no name: a clear message, nothing written */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  flush_events ();
  g_assert_nonnull (pilote_client_editor_get_error (editor));
  g_assert_nonnull (strstr (pilote_client_editor_get_error (editor), "Name"));
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, before);

  gtk_editable_set_text (pilote_client_editor_get_entry (editor, "name"), "Cave Saint-Vincent");
  gtk_editable_set_text (pilote_client_editor_get_entry (editor, "city"), "Mâcon");
  g_assert_true (pilote_client_editor_save (editor, &error));
  g_assert_no_error (error);
  id = pilote_client_editor_get_client_id (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  flush_events ();
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, before + 1);
  g_assert_cmpint (pilote_clients_view_get_client_id (f->view), ==, id);

  for (guint i = 0; i < 2; i++)
    {
      static const char *const names[] = { "Lucie Perrin", "Marc Olivier" };
      static const char *const emails[] = { "lucie@cave.example", "marc@cave.example" };

      contact_editor = PILOTE_CONTACT_EDITOR (pilote_clients_view_edit_contact (f->view, 0));
      gtk_editable_set_text (pilote_contact_editor_get_entry (contact_editor, "name"), names[i]);
      /* a wrong e-mail is refused with a message saying how to write it */
      gtk_editable_set_text (pilote_contact_editor_get_entry (contact_editor, "email"), "lucie");
      gtk_widget_activate_action (GTK_WIDGET (contact_editor), "editor.save", NULL);
      g_assert_nonnull (pilote_contact_editor_get_error (contact_editor));
      g_assert_nonnull (strstr (pilote_contact_editor_get_error (contact_editor), "E-mail"));
      gtk_editable_set_text (pilote_contact_editor_get_entry (contact_editor, "email"), emails[i]);
      gtk_editable_set_text (pilote_contact_editor_get_entry (contact_editor, "phone"),
                             "+33 3 85 00 00 0" "1");
      gtk_widget_activate_action (GTK_WIDGET (contact_editor), "editor.save", NULL);
      flush_events ();
    }
  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM contact WHERE client_id = ?", id),
                   ==, 2);
  text = detail_text (f);
  g_assert_nonnull (strstr (text, "Lucie Perrin"));
  g_assert_nonnull (strstr (text, "Marc Olivier"));
  g_assert_nonnull (strstr (text, "<mailto:marc@cave.example>"));
  g_assert_nonnull (strstr (text, "<tel:+33385000001>"));

  /* found by a contact's e-mail, without accents in the city */
  pilote_clients_view_set_search (f->view, "marc@cave macon");
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, 1);

  /* typed in the entry: searched in a worker, then shown */
  pilote_clients_view_set_search (f->view, NULL);
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, before + 1);
  gtk_editable_set_text (GTK_EDITABLE (f->view->search_entry), "lucie perr");
  for (guint i = 0; i < 1200 && pilote_clients_view_get_n_results (f->view) != 1; i++)
    pilote_test_spin (50);
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (f->view->count_label), ==, "1 client");
  g_assert_cmpint (row_at (f, 0)->id, ==, id);
}

/* someone else saved the client meanwhile: theirs and mine are shown */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PiloteStore) other = NULL;
  g_autoptr(PiloteClient) theirs = NULL;
  g_autoptr(PiloteClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  PiloteClientEditor *editor;
  GtkWidget *dialog;
  gint64 id = query_int64 (f->store, "SELECT id FROM client ORDER BY id LIMIT 1", 0);
  PiloteConflict *conflict;
  PiloteConflictField *field;

  pilote_clients_view_show_client (f->view, id);
  editor = PILOTE_CLIENT_EDITOR (pilote_clients_view_edit_client (f->view, id));
  gtk_editable_set_text (pilote_client_editor_get_entry (editor, "city"), "Lorient");

  other = pilote_store_open (pilote_store_get_path (f->store), PILOTE_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = pilote_store_get_client (other, id, &error);
  g_free (theirs->city);
  theirs->city = g_strdup ("Quimper");
  g_assert_true (pilote_store_update (other, theirs, &error));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  flush_events ();
  dialog = pilote_client_editor_get_conflict_dialog (editor);
  g_assert_true (PILOTE_IS_CONFLICT_DIALOG (dialog));
  conflict = pilote_conflict_dialog_get_conflict (PILOTE_CONFLICT_DIALOG (dialog));
  g_assert_cmpuint (conflict->fields->len, ==, 1);
  field = g_ptr_array_index (conflict->fields, 0);
  g_assert_cmpstr (field->name, ==, "city");
  g_assert_cmpstr (field->theirs, ==, "Quimper");
  g_assert_cmpstr (field->mine, ==, "Lorient");
  stored = pilote_store_get_client (f->store, id, NULL);
  g_assert_cmpstr (stored->city, ==, "Quimper");

  /* reloading shows their values in the editor */
  pilote_conflict_dialog_response (PILOTE_CONFLICT_DIALOG (dialog), "reload");
  flush_events ();
  g_assert_cmpstr (gtk_editable_get_text (pilote_client_editor_get_entry (editor, "city")), ==,
                   "Quimper");
  gtk_window_destroy (GTK_WINDOW (editor));
  flush_events ();
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PiloteClient) b = NULL;
  GtkWidget *dialog;
  GtkWidget *search;
  gint64 a_id = query_int64 (f->store, "SELECT client_id FROM deal GROUP BY client_id"
                                       " ORDER BY count (*) DESC LIMIT 1", 0);
  gint64 b_id = query_int64 (f->store, "SELECT client_id FROM deal WHERE client_id <> ?"
                                       " GROUP BY client_id ORDER BY count (*) DESC LIMIT 1",
                             a_id);
  gint64 deals_a = query_int64 (f->store, "SELECT count (*) FROM deal WHERE client_id = ?", a_id);
  gint64 deals_b = query_int64 (f->store, "SELECT count (*) FROM deal WHERE client_id = ?", b_id);
  guint before = pilote_clients_view_get_n_results (f->view);

  b = pilote_store_get_client (f->store, b_id, NULL);
  pilote_clients_view_show_client (f->view, a_id);
  dialog = pilote_clients_view_merge (f->view);
  g_assert_nonnull (dialog);
  search = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  search = gtk_widget_get_first_child (search);
  g_assert_true (GTK_IS_SEARCH_ENTRY (search));
  gtk_editable_set_text (GTK_EDITABLE (search), b->name);
  g_signal_emit_by_name (search, "search-changed");
  flush_events ();
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge"));
  /* the summary says what moves */
  {
    GString *s = g_string_new (NULL);
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT " deal", deals_b);

    collect_text (dialog, s);
    g_assert_nonnull (strstr (s->str, count));
    g_string_free (s, TRUE);
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  flush_events ();

  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM deal WHERE client_id = ?", a_id),
                   ==, deals_a + deals_b);
  g_assert_cmpint (query_int64 (f->store, "SELECT deleted_at IS NOT NULL FROM client WHERE id = ?",
                                b_id), ==, 1);
  g_assert_cmpint (query_int64 (f->store, "SELECT count (*) FROM audit_entry WHERE"
                                " table_name = 'deal' AND json_extract (changes, '$.client_id[1]')"
                                " = CAST (? AS TEXT)", a_id), ==, deals_b);
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, before - 1);
  g_assert_cmpint (pilote_clients_view_get_client_id (f->view), ==, a_id);
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (f->view->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }
  g_assert_not_reached ();
}

static const PiloteClientRow *
row_at (Fixture *f,
        guint    position)
{
  g_autoptr(PiloteClientItem) item = g_list_model_get_item (G_LIST_MODEL (f->view->model),
                                                            position);

  /* the model keeps its pages: the row outlives this reference */
  return pilote_client_item_get_row (item);
}

/* a click on a header sorts in SQL, pages following one another */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  gint64 best = query_int64 (f->store, "SELECT client_id FROM deal WHERE status = 'won'"
                                       " GROUP BY client_id ORDER BY sum (amount) DESC LIMIT 1", 0);
  guint n = pilote_clients_view_get_n_results (f->view);

  gtk_column_view_sort_by_column (f->view->column_view, column_titled (f, "Revenue"),
                                  GTK_SORT_DESCENDING);
  flush_events ();
  g_assert_cmpint (row_at (f, 0)->id, ==, best);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (row_at (f, i - 1)->revenue, >=, row_at (f, i)->revenue);

  gtk_column_view_sort_by_column (f->view->column_view, column_titled (f, "Name"),
                                  GTK_SORT_ASCENDING);
  flush_events ();
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_ascii_strcasecmp (row_at (f, i - 1)->name, row_at (f, i)->name), <=, 0);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = query_int64 (f->store, "SELECT id FROM client ORDER BY id DESC LIMIT 1", 0);
  guint before = pilote_clients_view_get_n_results (f->view);
  AdwToast *toast;

  pilote_clients_view_show_client (f->view, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "clients.delete", NULL));
  flush_events ();
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, before - 1);
  g_assert_cmpint (pilote_clients_view_get_client_id (f->view), ==, 0);
  toast = pilote_clients_view_get_undo_toast (f->view);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "deleted"));

  adw_toast_dismiss (toast);
  pilote_clients_view_undo_delete (f->view);
  flush_events ();
  g_assert_cmpuint (pilote_clients_view_get_n_results (f->view), ==, before);
  g_assert_cmpint (pilote_clients_view_get_client_id (f->view), ==, id);
  g_assert_cmpint (query_int64 (f->store, "SELECT deleted_at IS NULL FROM client WHERE id = ?", id),
                   ==, 1);
}

/* the export writes what the list shows, filtered and searched */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "clients.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint shown;

  gtk_drop_down_set_selected (f->view->filters[PILOTE_CLIENTS_FILTER_KIND], 2);
  flush_events ();
  shown = pilote_clients_view_get_n_results (f->view);
  g_assert_cmpint (shown, ==, query_int64 (f->store, "SELECT count (*) FROM client"
                                                     " WHERE kind = 'client'", 0));
  g_assert_true (pilote_clients_view_export_to (f->view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  /* the header, one line per client, the empty end */
  g_assert_cmpuint (g_strv_length (lines), ==, shown + 2);
}

static void
test_screenshots (void)
{
  const char *dir = g_getenv ("PILOTE_SCREENSHOT_DIR");
  Fixture fixture = { 0 }, *f = &fixture;
  int width = g_getenv ("PILOTE_SCREENSHOT_WIDTH") != NULL
                ? atoi (g_getenv ("PILOTE_SCREENSHOT_WIDTH")) : 1280;
  g_autofree char *file = NULL;
  GdkPaintable *paintable;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GdkTexture *texture;
  gint64 id;
  int w, h;

  if (dir == NULL)
    {
      g_test_skip ("PILOTE_SCREENSHOT_DIR is not set");
      return;
    }
  make_store (f, 800, 6000);
  show_view_sized (f, width, TRUE);
  id = query_int64 (f->store, "SELECT client_id FROM deal WHERE status = 'won' GROUP BY client_id"
                              " ORDER BY count (*) DESC LIMIT 1", 0);
  pilote_clients_view_show_client (f->view, id);
  pilote_test_spin (1500);

  paintable = gtk_widget_paintable_new (f->window);
  w = gtk_widget_get_width (f->window);
  h = gtk_widget_get_height (f->window);
  /* the first frame may still be on its way */
  for (guint i = 0;; i++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL || i == 20)
        break;
      pilote_test_spin (500);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_build_filename (dir, width < 600 ? "clients-narrow.png" : "clients.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
  fixture_tear_down (f, NULL);
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
  ADD ("/clients-view/create-with-contacts", test_create_with_contacts);
  ADD ("/clients-view/conflict", test_conflict);
  ADD ("/clients-view/merge", test_merge);
  ADD ("/clients-view/sort", test_sort);
  ADD ("/clients-view/delete-undo", test_delete_undo);
  ADD ("/clients-view/export", test_export);
  ADD ("/clients-view/reader-slot", test_reader_slot);
#undef ADD
  g_test_add_func ("/clients-view/search-100000", test_search_large);
  g_test_add_func ("/clients-view/screenshots", test_screenshots);
  return g_test_run ();
}
