/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-deal-editor.h"
#include "pilote-pipeline-board-private.h"
#include "pilote-record.h"

/*
 * Editing from the pipeline: "New Deal", the editor opened from a card
 * (double-click, Enter, its context menu) or a row of the list mode, and
 * delete with an Undo toast. Deletes are soft: Undo restores the deal.
 * The board reads the file again after each change.
 */

static void
on_editor_saved_cb (PiloteDealEditor    *editor,
                    gint64               deal_id,
                    PilotePipelineBoard *self)
{
  pilote_pipeline_board_reload (self);
}

static void
on_undo_clicked_cb (AdwToast            *toast,
                    PilotePipelineBoard *self)
{
  pilote_pipeline_board_undo_delete (self);
}

static void
forget_undo_toast (PilotePipelineBoard *self)
{
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
}

/* "Deal deleted", with Undo; the board is read again */
static void
deal_deleted (PilotePipelineBoard *self,
              gint64               deal_id)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(AdwToast) toast = adw_toast_new (_("Deal deleted"));

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo_toast (self);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  self->undo_toast = toast;
  self->undo_deal_id = deal_id;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  else
    g_debug ("No toast overlay above the board: the Undo toast is not shown");
  pilote_pipeline_board_reload (self);
}

static void
on_editor_deleted_cb (PiloteDealEditor    *editor,
                      gint64               deal_id,
                      PilotePipelineBoard *self)
{
  deal_deleted (self, deal_id);
}

/**
 * pilote_pipeline_board_edit_deal:
 * @deal_id: the deal to edit, or 0 for a new deal
 *
 * Opens the deal editor over the board's window, as activating a card
 * or "New Deal" does.
 *
 * Returns: (transfer none) (nullable): the editor, shown
 */
GtkWidget *
pilote_pipeline_board_edit_deal (PilotePipelineBoard *self,
                                 gint64               deal_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  PiloteDealEditor *editor;

  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), NULL);

  if (self->store == NULL)
    return NULL;
  editor = pilote_deal_editor_new (self->store, deal_id, &self->today,
                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (editor == NULL)
    {
      pilote_pipeline_board_show_error (self, _("Could Not Open the Deal"), error->message);
      pilote_pipeline_board_reload (self);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

/**
 * pilote_pipeline_board_delete_deal:
 * @version: the version of the deal the user saw
 *
 * Deletes a deal (softly) and offers to undo it in a toast.
 */
gboolean
pilote_pipeline_board_delete_deal (PilotePipelineBoard  *self,
                                   gint64                deal_id,
                                   gint64                version,
                                   GError              **error)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!pilote_store_delete (self->store, PILOTE_ENTITY_DEAL, deal_id, version, error))
    {
      pilote_pipeline_board_reload (self);
      return FALSE;
    }
  deal_deleted (self, deal_id);
  return TRUE;
}

/**
 * pilote_pipeline_board_undo_delete:
 *
 * Brings back the deal of the last "Deal deleted" toast.
 */
void
pilote_pipeline_board_undo_delete (PilotePipelineBoard *self)
{
  g_autoptr(GError) error = NULL;
  gint64 deal_id = self->undo_deal_id;

  g_return_if_fail (PILOTE_IS_PIPELINE_BOARD (self));

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo_toast (self);
  self->undo_deal_id = 0;
  if (deal_id == 0 || self->store == NULL)
    return;
  if (!pilote_store_restore (self->store, PILOTE_ENTITY_DEAL, deal_id, &error))
    pilote_pipeline_board_show_error (self, _("Could Not Restore the Deal"), error->message);
  pilote_pipeline_board_reload (self);
}

/**
 * pilote_pipeline_board_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast offering to undo the
 *   last delete, while it is shown
 */
AdwToast *
pilote_pipeline_board_get_undo_toast (PilotePipelineBoard *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), NULL);
  return self->undo_toast;
}

/* Actions */

void
pilote_pipeline_board_deal_activated_cb (PilotePipelineColumn *column,
                                         PilotePipelineItem   *item,
                                         PilotePipelineBoard  *self)
{
  const PilotePipelineDeal *deal = pilote_pipeline_item_get_deal (item);

  if (deal != NULL)
    pilote_pipeline_board_edit_deal (self, deal->deal_id);
}

static void
on_list_activated_cb (GtkColumnView       *view,
                      guint                position,
                      PilotePipelineBoard *self)
{
  g_autoptr(PilotePipelineItem) item = g_list_model_get_item (G_LIST_MODEL (self->list_model),
                                                              position);

  if (item != NULL)
    pilote_pipeline_board_deal_activated_cb (NULL, item, self);
}

static void
new_deal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pilote_pipeline_board_edit_deal (PILOTE_PIPELINE_BOARD (widget), 0);
}

static void
edit_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pilote_pipeline_board_edit_deal (PILOTE_PIPELINE_BOARD (widget),
                                   g_variant_get_int64 (parameter));
}

static void
delete_deal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PilotePipelineBoard *self = PILOTE_PIPELINE_BOARD (widget);
  g_autoptr(GError) error = NULL;
  gint64 deal_id, version;

  g_variant_get (parameter, "(xx)", &deal_id, &version);
  if (self->store != NULL &&
      !pilote_pipeline_board_delete_deal (self, deal_id, version, &error))
    pilote_pipeline_board_show_error (self, _("Could Not Delete the Deal"), error->message);
}

void
pilote_pipeline_board_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "board.new-deal", NULL, new_deal_action);
  gtk_widget_class_install_action (widget_class, "board.edit-deal", "x", edit_deal_action);
  gtk_widget_class_install_action (widget_class, "board.delete-deal", "(xx)",
                                   delete_deal_action);
}

void
pilote_pipeline_board_init_edit (PilotePipelineBoard *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Ctrl+Alt+N wherever the focus is in the window, while the board shows */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n,
                                                                                  GDK_CONTROL_MASK |
                                                                                  GDK_ALT_MASK),
                                                          gtk_named_action_new ("board.new-deal")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_activated_cb), self,
                           0);
}
