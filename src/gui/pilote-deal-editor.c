/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pilote-deal-editor-private.h"
#include "pilote-error.h"
#include "pilote-period.h"

/*
 * The deal editor: a modal window over the pipeline that edits one deal
 * and its lines, or a new one. Saving writes the deal and its lines in
 * one transaction, checking the version the editor loaded; conflicts
 * with someone else's changes, deleting and the history are
 * PiloteRecordEditor's, except that when someone else changed the deal's
 * lines too, a field merge would conflict again: reloading is offered.
 * Errors name the field (the store's messages start with it); the row is
 * marked and shown.
 */

G_DEFINE_FINAL_TYPE (PiloteDealEditor, pilote_deal_editor, PILOTE_TYPE_RECORD_EDITOR)

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
  g_autoptr(PiloteDeal) deal = pilote_record_copy (pilote_record_editor_get_record (PILOTE_RECORD_EDITOR (self)));
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
update_title (PiloteDealEditor *self,
              const PiloteDeal *deal)
{
  gboolean is_new = deal->base.id == 0;

  adw_window_title_set_title (self->window_title, is_new ? _("New Deal") : _("Edit Deal"));
  adw_window_title_set_subtitle (self->window_title,
                                 !is_new && deal->title != NULL ? deal->title : "");
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Deal") : _("Edit Deal"));
  gtk_widget_set_visible (self->delete_button, !is_new);
}

/* the deal's own fields; its lines are shown by show_lines () */
static void
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (editor);
  const PiloteDeal *deal = record;
  g_autoptr(PiloteClient) client = NULL;
  g_autofree char *probability = NULL;

  pilote_record_editor_clear_error (editor);
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
  pilote_deal_editor_update_totals (self);
  update_title (self, deal);
}

static void
show_lines (PiloteDealEditor *self,
            GPtrArray        *lines)
{
  pilote_deal_editor_clear_lines (self);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    pilote_deal_editor_add_line (self, g_ptr_array_index (lines, i));
  pilote_deal_editor_update_totals (self);
}

static char *
describe (PiloteRecordEditor *editor)
{
  const PiloteDeal *deal = pilote_record_editor_get_record (editor);

  return g_strdup (deal->title);
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

/* read again: the lines as the file holds them now */
static void
reloaded (PiloteRecordEditor *editor)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (editor);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  lines = list_lines (self->store, pilote_record_editor_get_id (editor), &error);
  if (lines == NULL)
    pilote_record_editor_show_error (editor, error->message, NULL);
  show_lines (self, lines);
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

/* the row a failure is about: a line that failed, or the field the
 * message names */
static GtkWidget *
error_row (PiloteRecordEditor *editor,
           const char         *message)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (editor);
  GtkWidget *row = take_failed_line_row (self);

  return row != NULL ? row : find_error_row (self, message);
}

static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  return collect_deal (PILOTE_DEAL_EDITOR (editor), error);
}

/* writes @record (the form's, or a merge on top of someone else's
 * version) and the lines, in one transaction: all or nothing */
static gboolean
write_deal (PiloteRecordEditor  *editor,
            gpointer             record,
            GError             **error)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (editor);
  PiloteDeal *deal = record;
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
  show_lines (self, lines);
  show (editor, stored != NULL ? stored : deal);
  return TRUE;
}

/**
 * pilote_deal_editor_save:
 *
 * Writes the deal and its lines in one transaction: all or nothing. An
 * existing deal is written only if its version is still the one loaded
 * (%PILOTE_ERROR_CONFLICT otherwise, and the conflict dialog opens). On
 * success emits ::saved; the editor then holds the stored deal.
 */
gboolean
pilote_deal_editor_save (PiloteDealEditor  *self,
                         GError           **error)
{
  g_return_val_if_fail (PILOTE_IS_DEAL_EDITOR (self), FALSE);
  return pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error);
}

/* Conflicts */

/* whether someone else added, changed or removed a line since loading */
static gboolean
lines_changed (PiloteDealEditor *self)
{
  g_autoptr(GPtrArray) current = list_lines (self->store,
                                            pilote_record_editor_get_id (PILOTE_RECORD_EDITOR (self)),
                                            NULL);
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

/* a field merge only when nobody changed the lines meanwhile: theirs
 * would be written over otherwise, and only reloading tells them apart */
static gboolean
can_merge (PiloteRecordEditor *editor)
{
  return !lines_changed (PILOTE_DEAL_EDITOR (editor));
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
  return pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (self));
}

/* Actions */

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
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&deal));
  show_lines (self, lines);
  on_stage_changed_cb (self);
  return self;
}

gint64
pilote_deal_editor_get_deal_id (PiloteDealEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_DEAL_EDITOR (self), 0);
  return pilote_record_editor_get_id (PILOTE_RECORD_EDITOR (self));
}

static void
pilote_deal_editor_dispose (GObject *object)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (object);

  if (self->lines != NULL)
    g_ptr_array_set_size (self->lines, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_DEAL_EDITOR);
  g_clear_object (&self->product_names);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_deal_editor_parent_class)->dispose (object);
}

static void
pilote_deal_editor_finalize (GObject *object)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (object);

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
  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = pilote_deal_editor_dispose;
  object_class->finalize = pilote_deal_editor_finalize;

  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->write = write_deal;
  editor_class->can_merge = can_merge;
  editor_class->describe = describe;
  editor_class->error_row = error_row;
  editor_class->reloaded = reloaded;

  gtk_widget_class_install_action (widget_class, "editor.add-line", NULL, add_line_action);

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
  pilote_record_editor_set_error_widgets (PILOTE_RECORD_EDITOR (self), self->error_revealer,
                                          self->error_label);
  self->lines = g_ptr_array_new_with_free_func (pilote_deal_editor_line_free);
  pilote_deal_editor_init_client_picker (self);
  pilote_deal_editor_add_date_button (self->expected_close_row);
  pilote_deal_editor_add_date_button (self->created_row);
  pilote_deal_editor_add_date_button (self->closed_row);
}
