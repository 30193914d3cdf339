/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pilote-deal-editor-private.h"
#include "pilote-error.h"

/*
 * The lines of the deal editor: one expander row per line (product,
 * quantity, unit price, discount, unit cost), its total in the subtitle.
 * The editor writes them when the deal is saved; until then a removed
 * line is only hidden.
 */

/* A line's rows may outlive it (they are disposed with the editor's
 * template, after the lines; a removed row may still be referenced):
 * they must not call back into it once it is gone */
static void
disconnect_rows (PiloteDealEditorLine *line)
{
  if (line->row == NULL)
    return;
  g_signal_handlers_disconnect_by_data (line->product_row, line);
  g_signal_handlers_disconnect_by_data (line->quantity_row, line);
  g_signal_handlers_disconnect_by_data (line->price_row, line);
  g_signal_handlers_disconnect_by_data (line->discount_row, line);
  g_signal_handlers_disconnect_by_data (line->cost_row, line);
}

void
pilote_deal_editor_line_free (gpointer data)
{
  PiloteDealEditorLine *line = data;

  if (line == NULL)
    return;
  disconnect_rows (line);
  g_clear_pointer (&line->stored, pilote_deal_line_free);
  g_free (line);
}

static gboolean
parse_quantity (AdwEntryRow  *row,
                double       *quantity,
                GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;

  g_strdelimit (text, ",", '.');
  *quantity = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (*quantity) || *quantity == 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Quantity: type a quantity other than zero."));
      return FALSE;
    }
  return TRUE;
}

static char *
format_quantity (double quantity)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", quantity));
}

static char *
format_percent (double fraction)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (fraction) || fraction == 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4g", fraction * 100));
}

/**
 * pilote_deal_editor_line_collect:
 *
 * Reads the rows of @line into a record to save: a copy of the stored
 * line, or a new one. A total or cost that an import gave as such is
 * dropped once the figures it came with are changed.
 *
 * Returns: (transfer full) (nullable): the line, or %NULL with @error
 *   naming the field
 */
PiloteDealLine *
pilote_deal_editor_line_collect (PiloteDealEditorLine  *line,
                                 GError               **error)
{
  PiloteDealEditor *self = line->editor;
  g_autoptr(PiloteDealLine) record = NULL;
  double discount = 0;

  record = line->stored != NULL ? pilote_record_copy (line->stored) : pilote_deal_line_new ();
  record->product_id = pilote_deal_editor_selected_id (line->product_row, self->product_ids);
  if (!parse_quantity (line->quantity_row, &record->quantity, error) ||
      !pilote_deal_editor_parse_money (self, line->price_row, &record->unit_price, error) ||
      !pilote_deal_editor_parse_percent (line->discount_row, &discount, error) ||
      !pilote_deal_editor_parse_money (self, line->cost_row, &record->unit_cost, error))
    return NULL;
  record->discount = isnan (discount) ? 0 : discount;

  if (line->stored != NULL)
    {
      const PiloteDealLine *old = line->stored;

      if (old->quantity != record->quantity || old->unit_price != record->unit_price ||
          fabs (old->discount - record->discount) > 1e-9)
        record->amount_given = PILOTE_MONEY_NONE;
      if (old->quantity != record->quantity || old->unit_cost != record->unit_cost)
        record->cost_given = PILOTE_MONEY_NONE;
    }
  return g_steal_pointer (&record);
}

/**
 * pilote_deal_editor_line_changed:
 * @collected: what pilote_deal_editor_line_collect () read
 *
 * Returns: whether @collected differs from the stored line (always for a
 *   new one)
 */
gboolean
pilote_deal_editor_line_changed (PiloteDealEditorLine *line,
                                 const PiloteDealLine *collected)
{
  const PiloteDealLine *old = line->stored;

  return old == NULL || old->product_id != collected->product_id ||
         old->quantity != collected->quantity || old->unit_price != collected->unit_price ||
         fabs (old->discount - collected->discount) > 1e-9 ||
         old->unit_cost != collected->unit_cost || old->amount_given != collected->amount_given ||
         old->cost_given != collected->cost_given;
}

/**
 * pilote_deal_editor_line_total:
 *
 * Computes the line's amount and cost as the store will, from what the
 * rows say.
 *
 * Returns: %FALSE when a row does not hold a valid figure
 */
gboolean
pilote_deal_editor_line_total (PiloteDealEditorLine *line,
                               PiloteMoney          *amount,
                               PiloteMoney          *cost)
{
  g_autoptr(PiloteDealLine) record = pilote_deal_editor_line_collect (line, NULL);

  if (record == NULL)
    return FALSE;
  *amount = record->amount_given != PILOTE_MONEY_NONE
            ? record->amount_given
            : (PiloteMoney) round (record->quantity * (double) record->unit_price
                                   * (1.0 - record->discount));
  *cost = record->cost_given != PILOTE_MONEY_NONE
          ? record->cost_given
          : (PiloteMoney) round (record->quantity * (double) record->unit_cost);
  return TRUE;
}

static void
update_line_title (PiloteDealEditorLine *line)
{
  PiloteDealEditor *self = line->editor;
  guint selected = adw_combo_row_get_selected (line->product_row);
  g_autofree char *subtitle = NULL;
  PiloteMoney amount, cost;
  const char *product = NULL;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    product = gtk_string_list_get_string (self->product_names, selected);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line->row),
                                 product != NULL ? product : _("No product"));
  if (pilote_deal_editor_line_total (line, &amount, &cost))
    {
      g_autofree char *total = pilote_deal_editor_format_money (self, amount);
      g_autofree char *quantity = NULL;
      double q = 0;

      parse_quantity (line->quantity_row, &q, NULL);
      quantity = format_quantity (q);
      /* Translators: the subtitle of a deal line: its quantity and total */
      subtitle = g_strdup_printf (_("Quantity %s · %s"), quantity, total);
    }
  else
    subtitle = g_strdup (_("Incomplete: open the line to correct it"));
  adw_expander_row_set_subtitle (line->row, subtitle);
}

static void
on_line_changed_cb (GtkWidget            *row,
                    GParamSpec           *pspec,
                    PiloteDealEditorLine *line)
{
  update_line_title (line);
  pilote_deal_editor_update_totals (line->editor);
}

static void
on_product_changed_cb (AdwComboRow          *row,
                       GParamSpec           *pspec,
                       PiloteDealEditorLine *line)
{
  PiloteDealEditor *self = line->editor;
  guint selected = adw_combo_row_get_selected (row);

  /* the product's prices, which the user may then change */
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected - 1 < self->products->len)
    {
      const PiloteProduct *product = g_ptr_array_index (self->products, selected - 1);
      g_autofree char *price = pilote_money_to_major_string (product->unit_price,
                                                             pilote_store_get_currency (self->store));
      g_autofree char *cost = pilote_money_to_major_string (product->unit_cost,
                                                            pilote_store_get_currency (self->store));

      gtk_editable_set_text (GTK_EDITABLE (line->price_row), price);
      gtk_editable_set_text (GTK_EDITABLE (line->cost_row), cost);
    }
  on_line_changed_cb (GTK_WIDGET (row), pspec, line);
}

static void
on_remove_clicked_cb (GtkButton            *button,
                      PiloteDealEditorLine *line)
{
  pilote_deal_editor_remove_line (line->editor, line);
}

static AdwEntryRow *
line_entry (PiloteDealEditorLine *line,
            const char           *title,
            const char           *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_object_set (row, "input-purpose", GTK_INPUT_PURPOSE_NUMBER, NULL);
  adw_expander_row_add_row (line->row, GTK_WIDGET (row));
  return row;
}

/**
 * pilote_deal_editor_add_line:
 * @stored: (nullable): a line of the file, or %NULL for a new one
 *
 * Returns: (transfer none): the line, shown last
 */
PiloteDealEditorLine *
pilote_deal_editor_add_line (PiloteDealEditor     *self,
                             const PiloteDealLine *stored)
{
  PiloteDealEditorLine *line = g_new0 (PiloteDealEditorLine, 1);
  const char *currency = pilote_store_get_currency (self->store);
  g_autofree char *quantity = format_quantity (stored != NULL ? stored->quantity : 1);
  g_autofree char *price = NULL;
  g_autofree char *discount = format_percent (stored != NULL ? stored->discount : 0);
  g_autofree char *cost = NULL;
  g_autofree char *price_title = NULL;
  g_autofree char *cost_title = NULL;
  GtkWidget *remove;

  line->editor = self;
  line->stored = stored != NULL ? pilote_record_copy (stored) : NULL;
  if (stored != NULL)
    {
      price = pilote_money_to_major_string (stored->unit_price, currency);
      cost = pilote_money_to_major_string (stored->unit_cost, currency);
    }
  line->row = ADW_EXPANDER_ROW (adw_expander_row_new ());

  line->product_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line->product_row), _("Product"));
  adw_combo_row_set_model (line->product_row, G_LIST_MODEL (self->product_names));
  adw_combo_row_set_selected (line->product_row,
                              pilote_deal_editor_find_id (self->product_ids,
                                                          stored != NULL ? stored->product_id : 0));
  adw_expander_row_add_row (line->row, GTK_WIDGET (line->product_row));

  line->quantity_row = line_entry (line, _("Quantity"), quantity);
  /* Translators: a field of a deal line; %s is the currency symbol */
  price_title = g_strdup_printf (_("Unit price (%s)"), pilote_currency_symbol (currency));
  line->price_row = line_entry (line, price_title, price);
  line->discount_row = line_entry (line, _("Discount (%)"), discount);
  /* Translators: a field of a deal line; %s is the currency symbol */
  cost_title = g_strdup_printf (_("Unit cost (%s)"), pilote_currency_symbol (currency));
  line->cost_row = line_entry (line, cost_title, cost);

  remove = gtk_button_new_with_mnemonic (_("_Remove Line"));
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (remove, 12);
  gtk_widget_set_margin_bottom (remove, 12);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), line);
  adw_expander_row_add_row (line->row, remove);

  g_signal_connect (line->product_row, "notify::selected", G_CALLBACK (on_product_changed_cb),
                    line);
  g_signal_connect (line->quantity_row, "notify::text", G_CALLBACK (on_line_changed_cb), line);
  g_signal_connect (line->price_row, "notify::text", G_CALLBACK (on_line_changed_cb), line);
  g_signal_connect (line->discount_row, "notify::text", G_CALLBACK (on_line_changed_cb), line);
  g_signal_connect (line->cost_row, "notify::text", G_CALLBACK (on_line_changed_cb), line);

  g_ptr_array_add (self->lines, line);
  adw_preferences_group_add (self->lines_group, GTK_WIDGET (line->row));
  update_line_title (line);
  pilote_deal_editor_update_totals (self);
  return line;
}

/**
 * pilote_deal_editor_remove_line:
 *
 * Hides @line; saving deletes it from the file.
 */
void
pilote_deal_editor_remove_line (PiloteDealEditor     *self,
                                PiloteDealEditorLine *line)
{
  if (line->removed)
    return;
  line->removed = TRUE;
  if (line->row != NULL)
    {
      disconnect_rows (line);
      adw_preferences_group_remove (self->lines_group, GTK_WIDGET (line->row));
      line->row = NULL;
    }
  if (line->stored == NULL)
    g_ptr_array_remove (self->lines, line);
  pilote_deal_editor_update_totals (self);
}

/* Forgets every line (before loading them again) */
void
pilote_deal_editor_clear_lines (PiloteDealEditor *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      PiloteDealEditorLine *line = g_ptr_array_index (self->lines, i);

      if (line->row != NULL)
        {
          disconnect_rows (line);
          adw_preferences_group_remove (self->lines_group, GTK_WIDGET (line->row));
        }
      line->row = NULL;
    }
  g_ptr_array_set_size (self->lines, 0);
}

/* The lines shown (not removed) */
guint
pilote_deal_editor_count_lines (PiloteDealEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->lines->len; i++)
    if (!((PiloteDealEditorLine *) g_ptr_array_index (self->lines, i))->removed)
      n++;
  return n;
}
