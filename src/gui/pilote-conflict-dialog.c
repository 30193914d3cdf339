/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-conflict-dialog.h"
#include "pilote-field-text.h"

/*
 * Someone else saved a record while it was being edited here. The
 * dialog lays the fields that differ side by side — theirs, mine, and
 * what both started from — with a choice per field: mine where I
 * changed it, theirs elsewhere, so that nothing is lost by default.
 * It answers with ::response: "save" (the merge of the choices, to be
 * saved on top of their version, see pilote_conflict_merge ()),
 * "reload" (drop my edits, take theirs) or "cancel" (keep editing).
 * Nothing is written here.
 */

struct _PiloteConflictDialog
{
  AdwWindow        parent_instance;

  PiloteConflict  *conflict;
  GPtrArray       *mine_checks;   /* GtkCheckButton, one per field, as conflict->fields */
  gboolean         answered;
};

G_DEFINE_FINAL_TYPE (PiloteConflictDialog, pilote_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_check_toggled_cb (GtkCheckButton       *check,
                     PiloteConflictDialog *self)
{
  for (guint i = 0; i < self->mine_checks->len; i++)
    if (g_ptr_array_index (self->mine_checks, i) == check)
      {
        PiloteConflictField *field = g_ptr_array_index (self->conflict->fields, i);

        field->take_mine = gtk_check_button_get_active (check);
      }
}

static GtkWidget *
add_choice (AdwPreferencesGroup *group,
            const char          *value,
            const char          *whose,
            GtkCheckButton      *group_with)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), whose);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_with != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group_with);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return check;
}

static void
respond (PiloteConflictDialog *self,
         const char           *response)
{
  if (self->answered)
    return;
  self->answered = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked_cb (PiloteConflictDialog *self)
{
  respond (self, "save");
}

static void
on_reload_clicked_cb (PiloteConflictDialog *self)
{
  respond (self, "reload");
}

static void
on_cancel_clicked_cb (PiloteConflictDialog *self)
{
  respond (self, "cancel");
}

static gboolean
on_close_request_cb (PiloteConflictDialog *self)
{
  if (!self->answered)
    {
      self->answered = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, "cancel");
    }
  return FALSE;
}

static void
build (PiloteConflictDialog *self,
       PiloteStore          *store,
       const char           *thing)
{
  PiloteConflict *conflict = self->conflict;
  const char *who = conflict->changed_by_name != NULL ? conflict->changed_by_name
                                                      : _("Someone else");
  g_autofree char *theirs_label = NULL;
  g_autofree char *theirs_unchanged = NULL;
  g_autofree char *intro = NULL;
  GtkWidget *box, *header, *cancel, *save, *title, *scrolled, *clamp, *content, *label;
  GtkWidget *reload;

  gtk_window_set_title (GTK_WINDOW (self), _("Resolve Conflict"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 620);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (_("Resolve Conflict"), thing != NULL ? thing : "");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  cancel = gtk_button_new_with_mnemonic (_("_Keep Editing"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  save = gtk_button_new_with_mnemonic (_("_Save Merged"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  /* Translators: %s is a person's name */
  intro = g_strdup_printf (_("%s saved changes while you were editing. Choose which value to "
                             "keep for each field that differs: your choices are saved on top "
                             "of their version, and nothing else of theirs is lost."), who);
  label = gtk_label_new (intro);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (content), label);

  if (conflict->changed_by_name != NULL)
    {
      /* Translators: whose value this is; %s is a person's name */
      theirs_label = g_strdup_printf (_("Theirs — changed by %s"), who);
      /* Translators: whose value this is; %s is a person's name */
      theirs_unchanged = g_strdup_printf (_("Theirs — unchanged by %s"), who);
    }
  else
    {
      theirs_label = g_strdup (_("Theirs — changed"));
      theirs_unchanged = g_strdup (_("Theirs — unchanged"));
    }
  for (guint i = 0; i < conflict->fields->len; i++)
    {
      PiloteConflictField *field = g_ptr_array_index (conflict->fields, i);
      g_autofree char *original = pilote_field_text_display (store, conflict->entity,
                                                             field->name, field->original);
      g_autofree char *theirs = pilote_field_text_display (store, conflict->entity,
                                                           field->name, field->theirs);
      g_autofree char *mine = pilote_field_text_display (store, conflict->entity,
                                                         field->name, field->mine);
      g_autofree char *description = NULL;
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *theirs_check, *mine_check;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), field->label);
      /* Translators: the value a field had before both changes */
      description = g_strdup_printf (_("Originally: %s"), original);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      theirs_check = add_choice (ADW_PREFERENCES_GROUP (group), theirs,
                                 g_strcmp0 (field->theirs, field->original) == 0
                                 ? theirs_unchanged : theirs_label, NULL);
      mine_check = add_choice (ADW_PREFERENCES_GROUP (group), mine,
                               g_strcmp0 (field->mine, field->original) == 0
                               ? _("Mine — unchanged") : _("Mine — changed"),
                               GTK_CHECK_BUTTON (theirs_check));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (field->take_mine ? mine_check
                                                                       : theirs_check), TRUE);
      g_signal_connect_object (mine_check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
      g_ptr_array_add (self->mine_checks, mine_check);
      gtk_box_append (GTK_BOX (content), group);
    }

  reload = gtk_button_new_with_mnemonic (_("_Discard My Changes and Reload"));
  gtk_widget_set_halign (reload, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reload, "pill");
  gtk_widget_add_css_class (reload, "destructive-action");
  g_signal_connect_swapped (reload, "clicked", G_CALLBACK (on_reload_clicked_cb), self);
  gtk_box_append (GTK_BOX (content), reload);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
}

/**
 * pilote_conflict_dialog_new:
 * @conflict: (transfer full): the three versions, from pilote_conflict_new ()
 * @thing: (nullable): what is edited, shown as the subtitle ("Acme renewal")
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
PiloteConflictDialog *
pilote_conflict_dialog_new (GtkWindow      *parent,
                            PiloteStore    *store,
                            PiloteConflict *conflict,
                            const char     *thing)
{
  PiloteConflictDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  self = g_object_new (PILOTE_TYPE_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->conflict = conflict;
  build (self, store, thing);
  return self;
}

/**
 * pilote_conflict_dialog_get_conflict:
 *
 * Returns: (transfer none): the conflict, its fields' @take_mine as chosen
 */
PiloteConflict *
pilote_conflict_dialog_get_conflict (PiloteConflictDialog *self)
{
  g_return_val_if_fail (PILOTE_IS_CONFLICT_DIALOG (self), NULL);
  return self->conflict;
}

static gint
find_field (PiloteConflictDialog *self,
            const char           *name)
{
  for (guint i = 0; i < self->conflict->fields->len; i++)
    {
      PiloteConflictField *field = g_ptr_array_index (self->conflict->fields, i);

      if (g_strcmp0 (field->name, name) == 0)
        return (gint) i;
    }
  return -1;
}

/**
 * pilote_conflict_dialog_get_take_mine:
 *
 * Returns: whether @field keeps my value; %FALSE when it does not differ
 */
gboolean
pilote_conflict_dialog_get_take_mine (PiloteConflictDialog *self,
                                      const char           *field)
{
  gint i;

  g_return_val_if_fail (PILOTE_IS_CONFLICT_DIALOG (self), FALSE);
  i = find_field (self, field);
  return i >= 0 && gtk_check_button_get_active (g_ptr_array_index (self->mine_checks, i));
}

/**
 * pilote_conflict_dialog_set_take_mine:
 *
 * Chooses for @field as clicking its radio button does.
 */
void
pilote_conflict_dialog_set_take_mine (PiloteConflictDialog *self,
                                      const char           *field,
                                      gboolean              take_mine)
{
  GtkCheckButton *mine;
  gint i;

  g_return_if_fail (PILOTE_IS_CONFLICT_DIALOG (self));
  i = find_field (self, field);
  g_return_if_fail (i >= 0);
  mine = g_ptr_array_index (self->mine_checks, i);
  if (take_mine)
    gtk_check_button_set_active (mine, TRUE);
  else
    {
      /* the other button of the group: theirs */
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (mine), ADW_TYPE_ACTION_ROW);
      GtkWidget *theirs_row = gtk_widget_get_prev_sibling (row);
      GtkWidget *check = theirs_row != NULL
                         ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (theirs_row))
                         : NULL;

      g_return_if_fail (GTK_IS_CHECK_BUTTON (check));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
}

/**
 * pilote_conflict_dialog_response:
 * @response: "save", "reload" or "cancel"
 *
 * Answers as the buttons do, then closes the dialog.
 */
void
pilote_conflict_dialog_response (PiloteConflictDialog *self,
                                 const char           *response)
{
  g_return_if_fail (PILOTE_IS_CONFLICT_DIALOG (self));
  respond (self, response);
}

static void
pilote_conflict_dialog_finalize (GObject *object)
{
  PiloteConflictDialog *self = PILOTE_CONFLICT_DIALOG (object);

  g_clear_pointer (&self->conflict, pilote_conflict_free);
  g_clear_pointer (&self->mine_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (pilote_conflict_dialog_parent_class)->finalize (object);
}

static void
pilote_conflict_dialog_class_init (PiloteConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pilote_conflict_dialog_finalize;

  /**
   * PiloteConflictDialog::response:
   * @response: "save", "reload" or "cancel"
   */
  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pilote_conflict_dialog_init (PiloteConflictDialog *self)
{
  self->mine_checks = g_ptr_array_new ();
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}
