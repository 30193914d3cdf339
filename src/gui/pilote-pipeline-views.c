/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-money.h"
#include "pilote-pipeline-board-private.h"
#include "pilote-pipeline-card.h"

/* The other two views of the pipeline: the list of open deals, sorted in
 * SQL, and the forecast by expected close month. */

/* The list */

typedef enum {
  CELL_TITLE,
  CELL_CLIENT,
  CELL_OWNER,
  CELL_STAGE,
  CELL_AMOUNT,
  CELL_PROBABILITY,
  CELL_EXPECTED_CLOSE,
  CELL_DAYS_IN_STAGE,
} Cell;

static const struct {
  const char         *title;
  PilotePipelineSort  sort;
  gboolean            numeric;
  gboolean            expand;
} cells[] = {
  [CELL_TITLE] = { N_("Deal"), PILOTE_PIPELINE_SORT_TITLE, FALSE, TRUE },
  [CELL_CLIENT] = { N_("Client"), PILOTE_PIPELINE_SORT_CLIENT, FALSE, TRUE },
  [CELL_OWNER] = { N_("Owner"), PILOTE_PIPELINE_SORT_OWNER, FALSE, FALSE },
  [CELL_STAGE] = { N_("Stage"), PILOTE_PIPELINE_SORT_STAGE, FALSE, FALSE },
  [CELL_AMOUNT] = { N_("Amount"), PILOTE_PIPELINE_SORT_AMOUNT, TRUE, FALSE },
  [CELL_PROBABILITY] = { N_("Probability"), PILOTE_PIPELINE_SORT_PROBABILITY, TRUE, FALSE },
  [CELL_EXPECTED_CLOSE] = { N_("Expected Close"), PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, TRUE,
                            FALSE },
  [CELL_DAYS_IN_STAGE] = { N_("Days in Stage"), PILOTE_PIPELINE_SORT_DAYS_IN_STAGE, TRUE,
                           FALSE },
};

static void
on_setup_cell_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  Cell cell = GPOINTER_TO_UINT (user_data);
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), cells[cell].numeric ? 6 : 10);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), cells[cell].numeric ? 10 : 20);
  if (cells[cell].numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "numeric");
    }
  gtk_list_item_set_child (list_item, inscription);
}

static void
on_bind_cell_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  Cell cell = GPOINTER_TO_UINT (user_data);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  PilotePipelineBoard *self = g_object_get_data (G_OBJECT (factory), "board");
  const PilotePipelineDeal *deal = pilote_pipeline_item_get_deal (gtk_list_item_get_item (list_item));
  g_autofree char *text = NULL;
  const char *tooltip = NULL;

  gtk_widget_remove_css_class (inscription, "warning");
  if (deal == NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (inscription), NULL);
      return;
    }
  switch (cell)
    {
    case CELL_TITLE:
      text = g_strdup (deal->title);
      tooltip = deal->title;
      break;
    case CELL_CLIENT:
      text = g_strdup (deal->client);
      tooltip = deal->client;
      break;
    case CELL_OWNER:
      text = g_strdup (deal->owner);
      break;
    case CELL_STAGE:
      text = g_strdup (deal->stage);
      break;
    case CELL_AMOUNT:
      text = pilote_money_format (deal->amount, pilote_store_get_currency (self->store),
                                  PILOTE_MONEY_FORMAT_WHOLE);
      break;
    case CELL_PROBABILITY:
      /* Translators: a probability, as a whole percentage */
      text = g_strdup_printf (_("%.0f %%"), deal->probability * 100.0);
      break;
    case CELL_EXPECTED_CLOSE:
      text = pilote_pipeline_format_date (deal->expected_close_on);
      break;
    case CELL_DAYS_IN_STAGE:
    default:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, deal->days_in_stage);
      if (deal->stale)
        {
          gtk_widget_add_css_class (inscription, "warning");
          tooltip = _("Stale: no stage change for too long");
        }
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  gtk_widget_set_tooltip_text (inscription, tooltip);
}

/* GTK 4.8 does not tell which column a column view is sorted by. Each
 * column's sorter records its key when asked to compare; comparing two
 * items with the view's sorter then asks the primary column first, and
 * the sign of the answer gives the direction. Nothing is sorted in
 * memory: the model reads its pages in that order from SQL. */
static int
record_sort_cb (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PilotePipelineBoard *self = g_object_get_data (G_OBJECT (user_data), "board");

  self->probed_sort = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (user_data), "sort"));
  return GTK_ORDERING_SMALLER;
}

static void
on_list_sorter_changed_cb (GtkSorter           *sorter,
                           GtkSorterChange      change,
                           PilotePipelineBoard *self)
{
  GtkOrdering ordering;

  self->probed_sort = (PilotePipelineSort) -1;
  /* two distinct objects: a sorter does not compare an item with itself */
  ordering = gtk_sorter_compare (sorter, self->list_model, self);
  if (self->probed_sort == (PilotePipelineSort) -1)
    pilote_pipeline_model_set_sort (self->list_model, PILOTE_PIPELINE_SORT_EXPECTED_CLOSE, FALSE);
  else
    pilote_pipeline_model_set_sort (self->list_model, self->probed_sort,
                                    ordering == GTK_ORDERING_LARGER);
}

void
pilote_pipeline_board_init_list (PilotePipelineBoard *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkColumnViewColumn *initial = NULL;

  for (Cell cell = CELL_TITLE; cell <= CELL_DAYS_IN_STAGE; cell++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter;
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "board", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell_cb), GUINT_TO_POINTER (cell));
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell_cb), GUINT_TO_POINTER (cell));
      column = gtk_column_view_column_new (_(cells[cell].title), factory);
      gtk_column_view_column_set_expand (column, cells[cell].expand);
      gtk_column_view_column_set_resizable (column, TRUE);

      sorter = gtk_custom_sorter_new (NULL, NULL, NULL);
      g_object_set_data (G_OBJECT (sorter), "board", self);
      g_object_set_data (G_OBJECT (sorter), "sort", GUINT_TO_POINTER (cells[cell].sort));
      gtk_custom_sorter_set_sort_func (sorter, record_sort_cb, sorter, NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);

      gtk_column_view_append_column (self->list_view, column);
      if (cell == CELL_EXPECTED_CLOSE)
        initial = column;
    }

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list_model)));
  gtk_column_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->list_view, initial, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->list_view), "changed",
                           G_CALLBACK (on_list_sorter_changed_cb), self, 0);
}

/* The forecast */

static GtkWidget *
add_cell (PilotePipelineBoard *self,
          const char          *text,
          int                  column,
          int                  row,
          gboolean             numeric,
          const char          *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_grid_attach (self->forecast_grid, label, column, row, 1, 1);
  return label;
}

static void
add_money_row (PilotePipelineBoard *self,
               int                  row,
               const char          *month,
               gint64               count,
               const PiloteMoney    money[4],
               const char          *style)
{
  const char *currency = pilote_store_get_currency (self->store);
  g_autofree char *count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  add_cell (self, month, 0, row, FALSE, style);
  add_cell (self, count_text, 1, row, TRUE, style);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = pilote_money_format (money[i], currency, PILOTE_MONEY_FORMAT_WHOLE);

      add_cell (self, text, 2 + i, row, TRUE, style);
    }
}

static char *
describe_month (const char *month)
{
  g_autoptr(GDateTime) time = NULL;
  int year, number;

  if (month == NULL)
    return g_strdup (_("No date"));
  if (sscanf (month, "%d-%d", &year, &number) != 2)
    return g_strdup (month);
  time = g_date_time_new_local (year, number, 1, 0, 0, 0);
  if (time == NULL)
    return g_strdup (month);
  /* Translators: a month in the forecast table, see the strftime manual */
  return g_date_time_format (time, _("%B %Y"));
}

/**
 * pilote_pipeline_board_fill_forecast:
 *
 * Reads the forecast (one aggregate query) into the table.
 */
void
pilote_pipeline_board_fill_forecast (PilotePipelineBoard *self)
{
  static const char *const headers[] = {
    N_("Month"), N_("Deals"), N_("Amount"), N_("Weighted"), N_("Commit"), N_("Best Case"),
  };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  PilotePipelineFilter filter;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  PiloteMoney totals[4] = { 0, 0, 0, 0 };
  gint64 total_count = 0;
  GtkWidget *child;
  guint r;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->forecast_grid))) != NULL)
    gtk_grid_remove (self->forecast_grid, child);
  if (self->store == NULL)
    return;

  pilote_pipeline_board_get_filter (self, &filter, from, to);
  rows = pilote_pipeline_forecast (self->store, &filter, &error);
  if (rows == NULL)
    {
      pilote_pipeline_board_show_error (self, _("Could Not Compute the Forecast"),
                                        error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      GtkWidget *label = add_cell (self, _(headers[i]), i, 0, i > 0, "heading");

      gtk_widget_add_css_class (label, "dim-label");
    }
  for (r = 0; r < rows->len; r++)
    {
      const PilotePipelineForecastRow *row = g_ptr_array_index (rows, r);
      PiloteMoney money[4] = { row->amount, row->weighted, row->commit, row->best_case };
      g_autofree char *month = describe_month (row->month);

      add_money_row (self, r + 1, month, row->count, money, NULL);
      total_count += row->count;
      for (guint i = 0; i < 4; i++)
        totals[i] += money[i];
    }
  gtk_grid_attach (self->forecast_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL),
                   0, r + 1, G_N_ELEMENTS (headers), 1);
  add_money_row (self, r + 2, _("Total"), total_count, totals, "heading");
}
