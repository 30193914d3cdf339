/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pilote-conflict-dialog.h"
#include "pilote-deal-editor-private.h"
#include "pilote-error.h"
#include "pilote-history-dialog.h"
#include "pilote-period.h"

/*
 * The deal editor: a modal window over the pipeline that edits one deal
 * and its lines, or a new one. Saving writes the deal and its lines in
 * one transaction, checking the version the editor loaded: when someone
 * else changed the deal meanwhile, nothing is written and the user
 * chooses, field by field, between their values and these, or reloads,
 * or goes on editing; deleting a deal someone else just changed asks
 * first. Errors name the field
 * (the store's messages start with it); the row is marked and shown.
 */

G_DEFINE_FINAL_TYPE (PiloteDealEditor, pilote_deal_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Figures */

static void
set_money_text (PiloteDealEditor *self,
                AdwEntryRow      *row,
                PiloteMoney       amount)
{
  g_autofree char *text = pilote_money_format (amount, pilote_store_get_currency (self->store),
                                               PILOTE_MONEY_FORMAT_NO_SYMBOL);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/**
 * pilote_deal_editor_update_totals:
 *
 * With lines, the amount and cost are their sums, shown read-only;
 * without, they are typed in.
 */
void
pilote_deal_editor_update_totals (PiloteDealEditor *self)
{
  gboolean has_lines = pilote_deal_editor_count_lines (self) > 0;
  PiloteMoney amount = 0, cost = 0;
  gboolean valid = TRUE;

  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), !has_lines);
  gtk_widget_set_visible (GTK_WIDGET (self->cost_row), !has_lines);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_sum_row), has_lines);
  gtk_widget_set_visible (GTK_WIDGET (self->cost_sum_row), has_lines);
  if (!has_lines)
    return;

  for (guint i = 0; i < self->lines->len; i++)
    {
      PiloteDealEditorLine *line = g_ptr_array_index (self->lines, i);
      PiloteMoney line_amount, line_cost;

      if (line->removed)
        continue;
      if (!pilote_deal_editor_line_total (line, &line_amount, &line_cost))
        valid = FALSE;
      else
        {
          amount += line_amount;
          cost += line_cost;
        }
    }
  if (valid)
    {
      g_autofree char *amount_text = pilote_deal_editor_format_money (self, amount);
      g_autofree char *cost_text = pilote_deal_editor_format_money (self, cost);

      gtk_label_set_text (self->amount_sum_label, amount_text);
      gtk_label_set_text (self->cost_sum_label, cost_text);
    }
  else
    {
      gtk_label_set_text (self->amount_sum_label, "—");
      gtk_label_set_text (self->cost_sum_label, "—");
    }
}

/* Errors */

static void
clear_error (PiloteDealEditor *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = NULL;
}

static gboolean
message_names (const char *message,
               const char *field)
{
  gsize len = strlen (field);

  return len > 0 && strncmp (message, field, len) == 0 && message[len] == ':';
}

/* The row the error is about: the store's messages start with the field */
static GtkWidget *
find_error_row (PiloteDealEditor *self,
                const char       *message)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->client_row), GTK_WIDGET (self->title_row), GTK_WIDGET (self->owner_row),
    GTK_WIDGET (self->stage_row), GTK_WIDGET (self->forecast_row),
    GTK_WIDGET (self->amount_row), GTK_WIDGET (self->cost_row),
    GTK_WIDGET (self->probability_row), GTK_WIDGET (self->expected_close_row),
    GTK_WIDGET (self->created_row), GTK_WIDGET (self->closed_row),
    GTK_WIDGET (self->channel_row), GTK_WIDGET (self->competitor_row),
    GTK_WIDGET (self->lost_reason_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *field = g_object_get_data (G_OBJECT (rows[i]), "pilote-field");

      if (field == NULL)
        field = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i]));
      if (message_names (message, field))
        return rows[i];
    }
  return NULL;
}

static void
show_error (PiloteDealEditor *self,
            const char       *message,
            GtkWidget        *row)
{
  clear_error (self);
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (row == NULL)
    row = find_error_row (self, message);
  if (row != NULL && gtk_widget_get_visible (row))
    {
      self->error_row = row;
      gtk_widget_add_css_class (row, "error");
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
    }
}

/* Reading the form */

static gboolean
parse_date_row (AdwEntryRow  *row,
                char        **iso,
                GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GDate date;

  g_clear_pointer (iso, g_free);
  if (*text == '\0')
    return TRUE;
  if (!pilote_date_parse_iso (text, &date))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   /* Translators: a field name, then what to type in it */
                   _("%s: type a date as YYYY-MM-DD."), pilote_deal_editor_field_name (row));
      return FALSE;
    }
  *iso = g_strdup (text);
  return TRUE;
}

static PiloteStageKind
selected_stage_kind (PiloteDealEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->stage_row);

  if (selected >= self->stage_kinds->len)
    return PILOTE_STAGE_KIND_OPEN;
  return g_array_index (self->stage_kinds, PiloteStageKind, selected);
}

/* A copy of the loaded deal with what the form says */
static PiloteDeal *
collect_deal (PiloteDealEditor  *self,
              GError           **error)
{
  g_autoptr(PiloteDeal) deal = pilote_record_copy (self->deal);
  g_autoptr(GtkTextBuffer) buffer = g_object_ref (gtk_text_view_get_buffer (self->notes_view));
  PiloteStageKind kind;
  GtkTextIter start, end;
  char *notes;

  deal->client_id = self->client_id;
  g_free (deal->title);
  deal->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  deal->owner_id = pilote_deal_editor_selected_id (self->owner_row, self->owner_ids);
  deal->stage_id = pilote_deal_editor_selected_id (self->stage_row, self->stage_ids);
  deal->forecast_category = adw_combo_row_get_selected (self->forecast_row);
  if (deal->forecast_category > PILOTE_FORECAST_COMMIT)
    deal->forecast_category = PILOTE_FORECAST_PIPELINE;
  if (pilote_deal_editor_count_lines (self) == 0 &&
      (!pilote_deal_editor_parse_money (self, self->amount_row, &deal->amount, error) ||
       !pilote_deal_editor_parse_money (self, self->cost_row, &deal->cost, error)))
    return NULL;
  if (!pilote_deal_editor_parse_percent (self->probability_row, &deal->probability, error) ||
      !parse_date_row (self->expected_close_row, &deal->expected_close_on, error) ||
      !parse_date_row (self->created_row, &deal->created_on, error) ||
      !parse_date_row (self->closed_row, &deal->closed_on, error))
    return NULL;

  kind = selected_stage_kind (self);
  if (kind == PILOTE_STAGE_KIND_OPEN)
    g_clear_pointer (&deal->closed_on, g_free);
  deal->channel_id = pilote_deal_editor_selected_id (self->channel_row, self->channel_ids);
  deal->competitor_id = pilote_deal_editor_selected_id (self->competitor_row,
                                                        self->competitor_ids);
  deal->lost_reason_id = kind == PILOTE_STAGE_KIND_LOST
                         ? pilote_deal_editor_selected_id (self->lost_reason_row,
                                                           self->lost_reason_ids)
                         : 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_free (deal->notes);
  deal->notes = *g_strstrip (notes) != '\0' ? notes : (g_free (notes), NULL);
  return g_steal_pointer (&deal);
}

/* Showing a deal */

static void
set_date_text (AdwEntryRow *row,
               const char  *iso)
{
  gtk_editable_set_text (GTK_EDITABLE (row), iso != NULL ? iso : "");
}

static void
update_title (PiloteDealEditor *self)
{
  gboolean is_new = self->deal->base.id == 0;

  adw_window_title_set_title (self->window_title, is_new ? _("New Deal") : _("Edit Deal"));
  adw_window_title_set_subtitle (self->window_title,
                                 !is_new && self->deal->title != NULL ? self->deal->title : "");
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Deal") : _("Edit Deal"));
  gtk_widget_set_visible (self->delete_button, !is_new);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", !is_new);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", !is_new);
}

static void
show_deal (PiloteDealEditor *self,
           GPtrArray        *lines)
{
  const PiloteDeal *deal = self->deal;
  g_autoptr(PiloteClient) client = NULL;
  g_autofree char *probability = NULL;

  clear_error (self);
  if (deal->client_id != 0)
    client = pilote_store_get_client (self->store, deal->client_id, NULL);
  pilote_deal_editor_set_client (self, deal->client_id, client != NULL ? client->name : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), deal->title != NULL ? deal->title : "");
  adw_combo_row_set_selected (self->owner_row,
                              pilote_deal_editor_find_id (self->owner_ids, deal->owner_id));
  adw_combo_row_set_selected (self->stage_row,
                              pilote_deal_editor_find_id (self->stage_ids, deal->stage_id));
  adw_combo_row_set_selected (self->forecast_row, deal->forecast_category);
  set_money_text (self, self->amount_row, deal->amount);
  set_money_text (self, self->cost_row, deal->cost);
  if (!isnan (deal->probability))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      probability = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4g",
                                               deal->probability * 100));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->probability_row),
                         probability != NULL ? probability : "");
  set_date_text (self->expected_close_row, deal->expected_close_on);
  set_date_text (self->created_row, deal->created_on);
  set_date_text (self->closed_row, deal->closed_on);
  adw_combo_row_set_selected (self->channel_row,
                              pilote_deal_editor_find_id (self->channel_ids, deal->channel_id));
  adw_combo_row_set_selected (self->competitor_row,
                              pilote_deal_editor_find_id (self->competitor_ids,
                                                          deal->competitor_id));
  adw_combo_row_set_selected (self->lost_reason_row,
                              pilote_deal_editor_find_id (self->lost_reason_ids,
                                                          deal->lost_reason_id));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            deal->notes != NULL ? deal->notes : "", -1);

  pilote_deal_editor_clear_lines (self);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    pilote_deal_editor_add_line (self, g_ptr_array_index (lines, i));
  pilote_deal_editor_update_totals (self);
  update_title (self);
}

static GPtrArray *
list_lines (PiloteStore  *store,
            gint64        deal_id,
            GError      **error)
{
  PiloteFilter filter = { "deal_id", PILOTE_OP_EQ, NULL, deal_id };
  PiloteQuery query = { .filters = &filter, .n_filters = 1, .sort_field = "id" };

  return pilote_store_list (store, PILOTE_ENTITY_DEAL_LINE, &query, error);
}

/**
 * pilote_deal_editor_reload:
 *
 * Reads the deal and its lines from the file again, dropping the edits.
 */
gboolean
pilote_deal_editor_reload (PiloteDealEditor  *self,
                           GError           **error)
{
  g_autoptr(PiloteDeal) deal = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_return_val_if_fail (PILOTE_IS_DEAL_EDITOR (self), FALSE);

  if (self->deal->base.id == 0)
    return TRUE;
  deal = pilote_store_get_deal (self->store, self->deal->base.id, error);
  if (deal == NULL)
    return FALSE;
  lines = list_lines (self->store, deal->base.id, error);
  if (lines == NULL)
    return FALSE;
  g_clear_pointer (&self->deal, pilote_deal_free);
  self->deal = g_steal_pointer (&deal);
  show_deal (self, lines);
  return TRUE;
}

/* Saving */

static gboolean
save_lines (PiloteDealEditor  *self,
            gint64             deal_id,
            GError           **error)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      PiloteDealEditorLine *line = g_ptr_array_index (self->lines, i);
      g_autoptr(PiloteDealLine) record = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean ok = TRUE;

      if (line->removed)
        {
          if (line->stored != NULL)
            ok = pilote_store_delete (self->store, PILOTE_ENTITY_DEAL_LINE, line->stored->base.id,
                                      line->stored->base.version, &local_error);
        }
      else
        {
          record = pilote_deal_editor_line_collect (line, &local_error);
          if (record == NULL)
            ok = FALSE;
          else if (record->base.id == 0)
            {
              record->deal_id = deal_id;
              ok = pilote_store_insert (self->store, record, &local_error);
            }
          else if (pilote_deal_editor_line_changed (line, record))
            ok = pilote_store_update (self->store, record, &local_error);
        }
      if (!ok)
        {
          if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            /* Translators: "Line 2: Quantity: type a quantity other than zero." */
            g_set_error (error, PILOTE_ERROR, local_error->code, _("Line %u: %s"), i + 1,
                         local_error->message);
          if (line->row != NULL)
            g_object_set_data (G_OBJECT (line->row), "pilote-failed", GINT_TO_POINTER (1));
          return FALSE;
        }
    }
  return TRUE;
}

static GtkWidget *
take_failed_line_row (PiloteDealEditor *self)
{
  GtkWidget *found = NULL;

  for (guint i = 0; i < self->lines->len; i++)
    {
      PiloteDealEditorLine *line = g_ptr_array_index (self->lines, i);

      if (line->row != NULL && g_object_get_data (G_OBJECT (line->row), "pilote-failed") != NULL)
        {
          g_object_set_data (G_OBJECT (line->row), "pilote-failed", NULL);
          found = found != NULL ? found : GTK_WIDGET (line->row);
        }
    }
  return found;
}

/**
 * pilote_deal_editor_save:
 *
 * Writes the deal and its lines in one transaction: all or nothing. An
 * existing deal is written only if its version is still the one loaded
 * (%PILOTE_ERROR_CONFLICT otherwise). On success emits ::saved; the
 * editor then holds the stored deal.
 */
static gboolean save_deal (PiloteDealEditor  *self,
                           PiloteDeal        *deal,
                           GError           **error);

gboolean
pilote_deal_editor_save (PiloteDealEditor  *self,
                         GError           **error)
{
  g_autoptr(PiloteDeal) deal = NULL;

  g_return_val_if_fail (PILOTE_IS_DEAL_EDITOR (self), FALSE);

  deal = collect_deal (self, error);
  if (deal == NULL)
    return FALSE;
  return save_deal (self, deal, error);
}

/* writes @deal (the form's, or a merge on top of someone else's version)
 * and the lines */
static gboolean
save_deal (PiloteDealEditor  *self,
           PiloteDeal        *deal,
           GError           **error)
{
  g_autoptr(PiloteDeal) stored = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gboolean ok;

  if (!pilote_store_begin_write (self->store, error))
    return FALSE;
  /* a new deal first, for its id; an existing one after its lines, so
   * that a deal whose lines were all removed keeps the amount typed in
   * (writing a line makes the deal's amount the sum of its lines) */
  if (deal->base.id == 0)
    ok = pilote_store_insert (self->store, deal, error) &&
         save_lines (self, deal->base.id, error);
  else
    ok = save_lines (self, deal->base.id, error) &&
         pilote_store_update (self->store, deal, error);
  if (!ok)
    {
      pilote_store_rollback (self->store);
      return FALSE;
    }
  /* a failed commit rolls back by itself */
  if (!pilote_store_commit (self->store, error))
    return FALSE;

  /* what the file holds now: the amount the lines add up to, the versions */
  stored = pilote_store_get_deal (self->store, deal->base.id, NULL);
  lines = list_lines (self->store, deal->base.id, NULL);
  g_clear_pointer (&self->deal, pilote_deal_free);
  self->deal = stored != NULL ? g_steal_pointer (&stored) : pilote_record_copy (deal);
  show_deal (self, lines);
  g_signal_emit (self, signals[SAVED], 0, self->deal->base.id);
  return TRUE;
}

/* Conflicts */

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PiloteDealEditor *self)
{
  g_autoptr(GError) error = NULL;

  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "reload") == 0)
    {
      if (!pilote_deal_editor_reload (self, &error))
        show_error (self, error->message, NULL);
      else if (self->deal->base.deleted_at != NULL)
        show_error (self, _("This deal was deleted by someone else: it cannot be saved any "
                            "more."), NULL);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void report_failure (PiloteDealEditor *self,
                            const GError     *error);

static void
on_merge_response_cb (PiloteConflictDialog *dialog,
                      const char           *response,
                      PiloteDealEditor     *self)
{
  g_autoptr(GError) error = NULL;

  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "save") == 0)
    {
      g_autoptr(PiloteDeal) merged = pilote_conflict_merge (pilote_conflict_dialog_get_conflict (dialog));

      if (save_deal (self, merged, &error))
        gtk_window_destroy (GTK_WINDOW (self));
      else
        report_failure (self, error);
    }
  else if (g_strcmp0 (response, "reload") == 0)
    {
      if (!pilote_deal_editor_reload (self, &error))
        show_error (self, error->message, NULL);
    }
}

/* whether someone else added, changed or removed a line since loading */
static gboolean
lines_changed (PiloteDealEditor *self)
{
  g_autoptr(GPtrArray) current = list_lines (self->store, self->deal->base.id, NULL);
  guint n_stored = 0;

  if (current == NULL)
    return TRUE;
  for (guint i = 0; i < self->lines->len; i++)
    {
      PiloteDealEditorLine *line = g_ptr_array_index (self->lines, i);
      gboolean same = FALSE;

      if (line->stored == NULL)
        continue;
      n_stored++;
      for (guint j = 0; j < current->len && !same; j++)
        {
          PiloteDealLine *stored = g_ptr_array_index (current, j);

          same = stored->base.id == line->stored->base.id &&
                 stored->base.version == line->stored->base.version;
        }
      if (!same)
        return TRUE;
    }
  return current->len != n_stored;
}

/* the deal still exists: theirs, mine and the original side by side;
 * when its lines changed too, only reloading can tell them apart */
static gboolean
show_merge (PiloteDealEditor *self)
{
  g_autoptr(PiloteDeal) mine = collect_deal (self, NULL);
  PiloteConflict *conflict;
  PiloteConflictDialog *dialog;

  if (mine == NULL || lines_changed (self))
    return FALSE;
  conflict = pilote_conflict_new (self->store, self->deal, mine, NULL);
  if (conflict == NULL || conflict->deleted)
    {
      g_clear_pointer (&conflict, pilote_conflict_free);
      return FALSE;
    }
  dialog = pilote_conflict_dialog_new (GTK_WINDOW (self), self->store, conflict,
                                       self->deal->title);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, 0);
  self->conflict_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
show_conflict (PiloteDealEditor *self,
               const char       *message)
{
  g_autoptr(PiloteDeal) current = pilote_store_get_deal (self->store, self->deal->base.id, NULL);
  gboolean deleted = current == NULL || current->base.deleted_at != NULL;
  GtkWidget *dialog;

  if (!deleted && show_merge (self))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Deal Changed Meanwhile"), message);
  if (deleted)
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                      "keep", _("_Keep Editing"),
                                      "discard", _("_Discard Changes"),
                                      NULL);
  else
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                      "keep", _("_Keep Editing"),
                                      "reload", _("_Reload"),
                                      NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              deleted ? "discard" : "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  self->conflict_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pilote_deal_editor_get_conflict_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog shown after a conflict
 */
GtkWidget *
pilote_deal_editor_get_conflict_dialog (PiloteDealEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_DEAL_EDITOR (self), NULL);
  return self->conflict_dialog;
}

static void
report_failure (PiloteDealEditor *self,
                const GError     *error)
{
  if (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
    show_conflict (self, error->message);
  else
    show_error (self, error->message, take_failed_line_row (self));
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  clear_error (self);
  if (pilote_deal_editor_save (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else
    report_failure (self, error);
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (widget);
  PiloteDealEditorLine *line = pilote_deal_editor_add_line (self, NULL);

  adw_expander_row_set_expanded (line->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (line->product_row));
}

static gboolean
delete_deal (PiloteDealEditor *self,
             gint64            version,
             GError          **error)
{
  gint64 deal_id = self->deal->base.id;

  if (!pilote_store_delete (self->store, PILOTE_ENTITY_DEAL, deal_id, version, error))
    return FALSE;
  g_signal_emit (self, signals[DELETED], 0, deal_id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_delete_anyway_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              PiloteDealEditor *self)
{
  gint64 version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "pilote-version"));
  g_autoptr(GError) error = NULL;

  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "delete") == 0 && !delete_deal (self, version, &error))
    show_error (self, error->message, NULL);
}

/* someone else changed the deal since it was loaded: deleting it would
 * throw their change away too, so ask first */
static void
ask_delete_anyway (PiloteDealEditor *self,
                   const PiloteDeal *current)
{
  g_autoptr(PiloteMember) member = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (current->base.updated_by > 0)
    member = pilote_store_get_member (self->store, current->base.updated_by, NULL);
  if (member != NULL && member->name != NULL)
    /* Translators: %s is a person's name */
    body = g_strdup_printf (_("%s changed this deal since you opened it. Delete anyway?"),
                            member->name);
  else
    body = g_strdup (_("Someone else changed this deal since you opened it. Delete anyway?"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete a Changed Deal?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "pilote-version",
                     GSIZE_TO_POINTER ((gsize) current->base.version));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_anyway_response_cb),
                           self, 0);
  self->conflict_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (widget);
  g_autoptr(PiloteDeal) current = NULL;
  g_autoptr(GError) error = NULL;

  if (self->deal->base.id == 0)
    return;
  current = pilote_store_get_deal (self->store, self->deal->base.id, NULL);
  if (current != NULL && current->base.deleted_at == NULL &&
      current->base.version != self->deal->base.version)
    {
      ask_delete_anyway (self, current);
      return;
    }
  if (!delete_deal (self, self->deal->base.version, &error))
    report_failure (self, error);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (widget);
  PiloteHistoryDialog *dialog;

  if (self->deal->base.id == 0)
    return;
  dialog = pilote_history_dialog_new (GTK_WINDOW (self), self->store, PILOTE_ENTITY_DEAL,
                                      self->deal->base.id, self->deal->title);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The stage says whether the deal is closed, and its default probability */
static void
on_stage_changed_cb (PiloteDealEditor *self)
{
  PiloteStageKind kind;
  guint selected;

  if (self->stage_kinds == NULL)
    return;
  kind = selected_stage_kind (self);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_row), kind != PILOTE_STAGE_KIND_OPEN);
  gtk_widget_set_visible (GTK_WIDGET (self->lost_reason_row), kind == PILOTE_STAGE_KIND_LOST);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->closed_row),
                                 kind == PILOTE_STAGE_KIND_WON ? _("Won on") : _("Lost on"));

  selected = adw_combo_row_get_selected (self->stage_row);
  gtk_label_set_text (self->probability_hint, "");
  if (selected < self->stage_ids->len)
    {
      g_autoptr(PiloteStage) stage =
        pilote_store_get_stage (self->store, g_array_index (self->stage_ids, gint64, selected),
                                NULL);

      if (stage != NULL)
        {
          /* Translators: beside the probability of a deal, when left empty */
          g_autofree char *hint = g_strdup_printf (_("Empty: %.0f %% (stage)"),
                                                   stage->probability * 100);

          gtk_label_set_text (self->probability_hint, hint);
        }
    }
}

/* Building */

static void
load_lists (PiloteDealEditor *self)
{
  g_autoptr(GPtrArray) stages = NULL;

  self->owner_ids = pilote_deal_editor_fill_combo (self->owner_row, self->store,
                                                   PILOTE_ENTITY_MEMBER, _("Nobody"), "name",
                                                   NULL);
  self->stage_ids = pilote_deal_editor_fill_combo (self->stage_row, self->store,
                                                   PILOTE_ENTITY_STAGE, NULL, "position", &stages);
  self->stage_kinds = g_array_new (FALSE, TRUE, sizeof (PiloteStageKind));
  for (guint i = 0; i < stages->len; i++)
    g_array_append_val (self->stage_kinds,
                        ((const PiloteStage *) g_ptr_array_index (stages, i))->kind);
  self->channel_ids = pilote_deal_editor_fill_combo (self->channel_row, self->store,
                                                     PILOTE_ENTITY_CHANNEL, _("None"), "name",
                                                     NULL);
  self->competitor_ids = pilote_deal_editor_fill_combo (self->competitor_row, self->store,
                                                        PILOTE_ENTITY_COMPETITOR,
                                                        _("None or unknown"), "name", NULL);
  self->lost_reason_ids = pilote_deal_editor_fill_combo (self->lost_reason_row, self->store,
                                                         PILOTE_ENTITY_LOST_REASON,
                                                         _("Not given"), "name", NULL);

  /* the products of the lines: the drop-down rows share one list */
  {
    AdwComboRow *probe = ADW_COMBO_ROW (g_object_ref_sink (adw_combo_row_new ()));

    self->product_ids = pilote_deal_editor_fill_combo (probe, self->store, PILOTE_ENTITY_PRODUCT,
                                                       _("No product"), "name", &self->products);
    self->product_names = g_object_ref (GTK_STRING_LIST (adw_combo_row_get_model (probe)));
    g_object_unref (probe);
  }
}

static void
name_money_rows (PiloteDealEditor *self)
{
  const char *symbol = pilote_currency_symbol (pilote_store_get_currency (self->store));
  g_autofree char *amount = NULL;
  g_autofree char *cost = NULL;

  /* the store's messages name the fields without the currency */
  g_object_set_data (G_OBJECT (self->amount_row), "pilote-field", (gpointer) _("Amount"));
  g_object_set_data (G_OBJECT (self->cost_row), "pilote-field", (gpointer) _("Cost"));
  g_object_set_data (G_OBJECT (self->probability_row), "pilote-field",
                     (gpointer) _("Probability"));
  g_object_set_data (G_OBJECT (self->closed_row), "pilote-field", (gpointer) _("Closed on"));
  /* Translators: a field of a deal; %s is the currency symbol */
  amount = g_strdup_printf (_("Amount (%s)"), symbol);
  /* Translators: a field of a deal; %s is the currency symbol */
  cost = g_strdup_printf (_("Cost (%s)"), symbol);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), amount);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cost_row), cost);
}

/**
 * pilote_deal_editor_new:
 * @deal_id: the deal to edit, or 0 for a new one
 * @today: (nullable): the day a new deal is created on (today when %NULL)
 * @parent: (nullable): the window the editor is modal for
 *
 * Returns: (transfer floating) (nullable): the editor, not shown yet, or
 *   %NULL when the deal cannot be read
 */
PiloteDealEditor *
pilote_deal_editor_new (PiloteStore  *store,
                        gint64        deal_id,
                        const GDate  *today,
                        GtkWindow    *parent,
                        GError      **error)
{
  g_autoptr(PiloteDeal) deal = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  PiloteDealEditor *self;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (deal_id != 0)
    {
      deal = pilote_store_get_deal (store, deal_id, error);
      if (deal == NULL)
        return NULL;
      lines = list_lines (store, deal_id, error);
      if (lines == NULL)
        return NULL;
    }

  self = g_object_new (PILOTE_TYPE_DEAL_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    pilote_date_set_today (&self->today);
  load_lists (self);
  name_money_rows (self);

  if (deal == NULL)
    {
      char iso[PILOTE_ISO_DATE_LEN];
      guint first_open = 0;

      deal = pilote_deal_new ();
      deal->owner_id = pilote_store_get_member_id (store);
      for (guint i = 0; i < self->stage_kinds->len; i++)
        if (g_array_index (self->stage_kinds, PiloteStageKind, i) == PILOTE_STAGE_KIND_OPEN)
          {
            first_open = i;
            break;
          }
      if (first_open < self->stage_ids->len)
        deal->stage_id = g_array_index (self->stage_ids, gint64, first_open);
      pilote_date_to_iso (&self->today, iso);
      deal->created_on = g_strdup (iso);
    }
  self->deal = g_steal_pointer (&deal);
  show_deal (self, lines);
  on_stage_changed_cb (self);
  return self;
}

gint64
pilote_deal_editor_get_deal_id (PiloteDealEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_DEAL_EDITOR (self), 0);
  return self->deal->base.id;
}

static void
pilote_deal_editor_dispose (GObject *object)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (object);

  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  if (self->lines != NULL)
    g_ptr_array_set_size (self->lines, 0);
  self->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_DEAL_EDITOR);
  g_clear_object (&self->product_names);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_deal_editor_parent_class)->dispose (object);
}

static void
pilote_deal_editor_finalize (GObject *object)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (object);

  g_clear_pointer (&self->deal, pilote_deal_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->stage_ids, g_array_unref);
  g_clear_pointer (&self->stage_kinds, g_array_unref);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  g_clear_pointer (&self->competitor_ids, g_array_unref);
  g_clear_pointer (&self->lost_reason_ids, g_array_unref);
  g_clear_pointer (&self->product_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_deal_editor_parent_class)->finalize (object);
}

static void
pilote_deal_editor_class_init (PiloteDealEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_deal_editor_dispose;
  object_class->finalize = pilote_deal_editor_finalize;

  /**
   * PiloteDealEditor::saved:
   * @deal_id: the deal written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * PiloteDealEditor::deleted:
   * @deal_id: the deal deleted (softly: pilote_store_restore () brings it back)
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-deal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, client_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, client_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, client_search);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, client_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, forecast_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, amount_sum_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, amount_sum_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, cost_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, cost_sum_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, cost_sum_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, probability_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, probability_hint);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, lines_group);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, created_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, expected_close_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, closed_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, competitor_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, lost_reason_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteDealEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_changed_cb);
}

static void
pilote_deal_editor_init (PiloteDealEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_ptr_array_new_with_free_func (pilote_deal_editor_line_free);
  pilote_deal_editor_init_client_picker (self);
  pilote_deal_editor_add_date_button (self->expected_close_row);
  pilote_deal_editor_add_date_button (self->created_row);
  pilote_deal_editor_add_date_button (self->closed_row);
}
