/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "pilote-demo.h"
#include "pilote-error.h"
#include "pilote-record.h"
#include "pilote-history-dialog.h"
#include "pilote-resources.h"
#include "pilote-stage-editor.h"
#include "pilote-test-gui.h"

/* The stage list editor of the preferences on a demo file, driven through
 * its widgets and actions, checked against what the file holds. */

static char *
make_demo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "demo.pilote", NULL);
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PiloteDemoOptions options;
  GDate today;

  pilote_demo_options_init (&options);
  options.n_clients = 40;
  options.n_deals = 300;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  options.today = &today;
  store = pilote_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (pilote_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget *editor,
          gint64     id)
{
  g_autofree char *name = g_strdup_printf ("stage-%" G_GINT64_FORMAT, id);

  return find_widget (editor, ADW_TYPE_ENTRY_ROW, name);
}

/* The button with this tooltip or action */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget)
      && (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0
          || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), tooltip) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The stages in the file, in order */
static GPtrArray *
list_stages (PiloteStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *stages = pilote_store_list (store, PILOTE_ENTITY_STAGE, NULL, &error);

  g_assert_no_error (error);
  return stages;
}

static PiloteStage *
stage_at (GPtrArray *stages,
          guint      index)
{
  return g_ptr_array_index (stages, index);
}

static gint64
count_deals (PiloteStore *store,
             gint64       stage_id)
{
  PiloteFilter filter = { "stage_id", PILOTE_OP_EQ, NULL, stage_id };
  PiloteQuery query = { .filters = &filter, .n_filters = 1 };

  return pilote_store_count (store, PILOTE_ENTITY_DEAL, &query, NULL);
}

static void
test_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-stages-XXXXXX", &error);
  g_autofree char *path = make_demo (dir);
  g_autoptr(PiloteStore) store = pilote_store_open (path, 0, &error);
  g_autoptr(PiloteStore) other = pilote_store_open (path, 0, &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(PiloteStage) stage = NULL;
  AdwPreferencesWindow *window;
  GtkWidget *editor;
  GtkWidget *row;
  GtkWidget *widget;
  gint64 first_id;
  gint64 second_id;
  gint64 lost_id = 0;
  gint64 used_id = 0;
  gint64 added_id;

  g_assert_no_error (error);
  window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  editor = pilote_stage_editor_new (store);
  g_object_ref (editor);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (editor));
  gtk_window_present (GTK_WINDOW (window));
  pilote_test_spin (100);

  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (editor)), ==, "Stages");

  /* one row per stage, in order, showing the name, probability and kind */
  before = list_stages (store);
  g_assert_cmpuint (before->len, ==, 6);
  for (guint i = 0; i < before->len; i++)
    {
      PiloteStage *s = stage_at (before, i);

      row = find_row (editor, s->base.id);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, s->name);
      widget = find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
      g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)),
                                      s->probability * 100, 0.001);
      widget = find_widget (row, GTK_TYPE_DROP_DOWN, NULL);
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)), ==, s->kind);
      if (s->kind == PILOTE_STAGE_KIND_LOST)
        lost_id = s->base.id;
      if (used_id == 0 && count_deals (store, s->base.id) > 0)
        used_id = s->base.id;
    }
  g_assert_cmpint (lost_id, >, 0);
  g_assert_cmpint (used_id, >, 0);
  first_id = stage_at (before, 0)->base.id;
  second_id = stage_at (before, 1)->base.id;

  /* rename the first stage */
  row = find_row (editor, first_id);
  gtk_editable_set_text (GTK_EDITABLE (row), "  Discovery ");
  g_signal_emit_by_name (row, "apply");
  stage = pilote_store_get_stage (store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stage->name, ==, "Discovery");
  g_clear_pointer (&stage, pilote_stage_free);

  /* an empty name is refused; the row shows the name again */
  gtk_editable_set_text (GTK_EDITABLE (row), "   ");
  g_signal_emit_by_name (row, "apply");
  pilote_test_spin (50);
  stage = pilote_store_get_stage (store, first_id, &error);
  g_assert_cmpstr (stage->name, ==, "Discovery");
  g_clear_pointer (&stage, pilote_stage_free);
  row = find_row (editor, first_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Discovery");

  /* change a probability, twice in a row (the version follows) */
  widget = find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 20);
  stage = pilote_store_get_stage (store, first_id, &error);
  g_assert_cmpfloat_with_epsilon (stage->probability, 0.20, 0.00001);
  g_clear_pointer (&stage, pilote_stage_free);

  /* reorder: the first stage moves down, the second comes first */
  g_assert_true (gtk_widget_activate_action (editor, "stages.move-down", "x", first_id));
  after = list_stages (store);
  g_assert_cmpint (stage_at (after, 0)->base.id, ==, second_id);
  g_assert_cmpint (stage_at (after, 0)->position, ==, 1);
  g_assert_cmpint (stage_at (after, 1)->base.id, ==, first_id);
  g_assert_cmpint (stage_at (after, 1)->position, ==, 2);
  g_clear_pointer (&after, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (editor, "stages.move-up", "x", first_id));
  after = list_stages (store);
  g_assert_cmpint (stage_at (after, 0)->base.id, ==, first_id);
  g_clear_pointer (&after, g_ptr_array_unref);
  /* the first row cannot move up, the last cannot move down */
  g_assert_false (gtk_widget_get_sensitive (find_button (find_row (editor, first_id),
                                                         "Move Up")));
  g_assert_true (gtk_widget_get_sensitive (find_button (find_row (editor, first_id),
                                                        "Move Down")));
  g_assert_false (gtk_widget_get_sensitive (find_button (find_row (editor, lost_id),
                                                         "Move Down")));

  /* add a stage: an open one, after the last open stage */
  g_assert_true (gtk_widget_activate_action (editor, "stages.add", NULL));
  after = list_stages (store);
  g_assert_cmpuint (after->len, ==, 7);
  g_assert_cmpstr (stage_at (after, 4)->name, ==, "New Stage");
  g_assert_cmpint (stage_at (after, 4)->kind, ==, PILOTE_STAGE_KIND_OPEN);
  g_assert_cmpint (stage_at (after, 5)->kind, !=, PILOTE_STAGE_KIND_OPEN);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (stage_at (after, i)->position, ==, i + 1);
  added_id = stage_at (after, 4)->base.id;
  g_assert_nonnull (find_row (editor, added_id));
  g_clear_pointer (&after, g_ptr_array_unref);

  /* deleting a stage that deals use is refused: the file is unchanged */
  g_assert_true (gtk_widget_activate_action (editor, "stages.delete", "x", used_id));
  after = list_stages (store);
  g_assert_cmpuint (after->len, ==, 7);
  g_assert_nonnull (find_row (editor, used_id));
  g_clear_pointer (&after, g_ptr_array_unref);

  /* the only lost stage cannot become open */
  row = find_row (editor, lost_id);
  widget = find_widget (row, GTK_TYPE_DROP_DOWN, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), PILOTE_STAGE_KIND_OPEN);
  pilote_test_spin (50);
  stage = pilote_store_get_stage (store, lost_id, &error);
  g_assert_cmpint (stage->kind, ==, PILOTE_STAGE_KIND_LOST);
  g_clear_pointer (&stage, pilote_stage_free);
  widget = find_widget (find_row (editor, lost_id), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)), ==,
                    PILOTE_STAGE_KIND_LOST);

  /* the new stage can become lost, then won, then be deleted */
  widget = find_widget (find_row (editor, added_id), GTK_TYPE_DROP_DOWN, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), PILOTE_STAGE_KIND_WON);
  stage = pilote_store_get_stage (store, added_id, &error);
  g_assert_cmpint (stage->kind, ==, PILOTE_STAGE_KIND_WON);
  g_clear_pointer (&stage, pilote_stage_free);
  g_assert_true (gtk_widget_activate_action (editor, "stages.delete", "x", added_id));
  after = list_stages (store);
  g_assert_cmpuint (after->len, ==, 6);
  g_assert_null (find_row (editor, added_id));
  g_clear_pointer (&after, g_ptr_array_unref);

  /* a stage changed meanwhile by someone else: the edit is refused with
   * the conflict, and the row shows what the file holds */
  stage = pilote_store_get_stage (other, second_id, &error);
  g_free (stage->name);
  stage->name = g_strdup ("Qualified by someone else");
  g_assert_true (pilote_store_update (other, stage, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stage, pilote_stage_free);
  row = find_row (editor, second_id);
  gtk_editable_set_text (GTK_EDITABLE (row), "Mine");
  g_signal_emit_by_name (row, "apply");
  pilote_test_spin (50);
  stage = pilote_store_get_stage (store, second_id, &error);
  g_assert_cmpstr (stage->name, ==, "Qualified by someone else");
  g_clear_pointer (&stage, pilote_stage_free);
  row = find_row (editor, second_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Qualified by someone else");

  /* the stage's history, from its row: the renaming by the other
   * connection, newest first */
  {
    g_autoptr(GList) toplevels = NULL;
    PiloteHistoryDialog *history = NULL;

    g_assert_nonnull (find_button (row, "History of the Stage"));
    g_assert_true (gtk_widget_activate_action (editor, "stages.history", "x", second_id));
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (PILOTE_IS_HISTORY_DIALOG (l->data))
        history = l->data;
    g_assert_nonnull (history);
    for (guint i = 0; i < 3000 && pilote_history_dialog_is_loading (history); i++)
      pilote_test_spin (20);
    g_assert_false (pilote_history_dialog_is_loading (history));
    g_assert_cmpuint (pilote_history_dialog_get_n_shown (history), >=, 1);
    gtk_window_destroy (GTK_WINDOW (history));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  pilote_test_spin (50);
  g_assert_finalize_object (editor);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pilote-stages-XXXXXX", &error);
  g_autofree char *path = make_demo (dir);
  g_autoptr(PiloteStore) store = pilote_store_open (path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) stages = NULL;
  AdwPreferencesWindow *window;
  GtkWidget *editor;
  GtkWidget *row;

  g_assert_no_error (error);
  window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  editor = pilote_stage_editor_new (store);
  g_object_ref (editor);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (editor));
  gtk_window_present (GTK_WINDOW (window));
  pilote_test_spin (50);

  stages = list_stages (store);
  row = find_row (editor, stage_at (stages, 0)->base.id);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (row));
  g_assert_false (gtk_widget_is_sensitive (find_button (editor, "stages.add")));
  gtk_widget_activate_action (editor, "stages.add", NULL);
  gtk_widget_activate_action (editor, "stages.delete", "x", stage_at (stages, 0)->base.id);
  g_clear_pointer (&stages, g_ptr_array_unref);
  stages = list_stages (store);
  g_assert_cmpuint (stages->len, ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
  pilote_test_spin (50);
  g_assert_finalize_object (editor);
}

int
main (int   argc,
      char *argv[])
{
  pilote_test_gui_init (&argc, &argv);
  /* the resources live in a static library: link them in */
  g_assert_nonnull (pilote_get_resource ());

  g_test_add_func ("/stage-editor/edit", test_edit);
  g_test_add_func ("/stage-editor/read-only", test_read_only);

  return g_test_run ();
}
