/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-clients-view-private.h"
#include "pilote-pipeline-card.h"

/* The list of clients: its columns, sorted in SQL by a click on their
 * header, and the filters of the popover. */

typedef enum {
  CELL_NAME,
  CELL_KIND,
  CELL_CITY,
  CELL_REGION,
  CELL_SEGMENT,
  CELL_OWNER,
  CELL_CHANNEL,
  CELL_ACQUIRED,
  CELL_REVENUE,
  N_CELLS
} Cell;

static const struct {
  const char       *title;
  PiloteClientSort  sort;
  gboolean          numeric;
  gboolean          expand;
  int               chars;
} cells[N_CELLS] = {
  [CELL_NAME] = { N_("Name"), PILOTE_CLIENT_SORT_NAME, FALSE, TRUE, 18 },
  [CELL_KIND] = { N_("Kind"), PILOTE_CLIENT_SORT_KIND, FALSE, FALSE, 9 },
  [CELL_CITY] = { N_("City"), PILOTE_CLIENT_SORT_CITY, FALSE, FALSE, 11 },
  [CELL_REGION] = { N_("Region"), PILOTE_CLIENT_SORT_REGION, FALSE, FALSE, 12 },
  [CELL_SEGMENT] = { N_("Segment"), PILOTE_CLIENT_SORT_SEGMENT, FALSE, FALSE, 10 },
  [CELL_OWNER] = { N_("Owner"), PILOTE_CLIENT_SORT_OWNER, FALSE, FALSE, 12 },
  [CELL_CHANNEL] = { N_("Channel"), PILOTE_CLIENT_SORT_CHANNEL, FALSE, FALSE, 9 },
  [CELL_ACQUIRED] = { N_("Acquired"), PILOTE_CLIENT_SORT_ACQUIRED, TRUE, FALSE, 12 },
  [CELL_REVENUE] = { N_("Revenue"), PILOTE_CLIENT_SORT_REVENUE, TRUE, FALSE, 10 },
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
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription),
                                 cell == CELL_NAME ? 12 : cell == CELL_ACQUIRED ? 11 : 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), cells[cell].chars);
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
  PiloteClientsView *self = g_object_get_data (G_OBJECT (factory), "view");
  const PiloteClientRow *row = pilote_client_item_get_row (gtk_list_item_get_item (list_item));
  g_autofree char *owned = NULL;
  const char *text = NULL;

  gtk_widget_set_tooltip_text (inscription, NULL);
  if (row == NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (inscription), NULL);
      return;
    }
  switch (cell)
    {
    case CELL_NAME:
      text = row->name;
      gtk_widget_set_tooltip_text (inscription, row->name);
      break;
    case CELL_KIND: text = pilote_client_kind_get_label (row->kind); break;
    case CELL_CITY: text = row->city; break;
    case CELL_REGION: text = row->region; break;
    case CELL_SEGMENT: text = row->segment; break;
    case CELL_OWNER: text = row->owner; break;
    case CELL_CHANNEL: text = row->channel; break;
    case CELL_ACQUIRED:
      owned = row->acquired_on != NULL ? pilote_pipeline_format_date (row->acquired_on) : NULL;
      text = owned;
      break;
    case CELL_REVENUE:
    case N_CELLS:
    default:
      owned = pilote_money_format (row->revenue, pilote_store_get_currency (self->store),
                                   PILOTE_MONEY_FORMAT_WHOLE);
      text = owned;
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
}

/* GTK 4.8 does not tell which column a column view is sorted by: each
 * column's sorter records its key when asked to compare, and the sign of
 * the answer of the view's sorter gives the direction (as in the pipeline
 * list). Nothing is sorted in memory: the model reads its pages in that
 * order from SQL. */
static int
record_sort_cb (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PiloteClientsView *self = g_object_get_data (G_OBJECT (user_data), "view");

  self->probed_sort = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (user_data), "sort"));
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed_cb (GtkSorter         *sorter,
                      GtkSorterChange    change,
                      PiloteClientsView *self)
{
  GtkOrdering ordering;

  self->probed_sort = PILOTE_CLIENT_N_SORTS;
  ordering = gtk_sorter_compare (sorter, self->model, self);
  self->loading = TRUE;
  if (self->probed_sort == PILOTE_CLIENT_N_SORTS)
    pilote_client_model_set_sort (self->model, PILOTE_CLIENT_SORT_NAME, FALSE);
  else
    pilote_client_model_set_sort (self->model, self->probed_sort, ordering == GTK_ORDERING_LARGER);
  self->loading = FALSE;
}

void
pilote_clients_view_init_list (PiloteClientsView *self)
{
  GtkColumnViewColumn *initial = NULL;

  for (Cell cell = CELL_NAME; cell < N_CELLS; cell++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter;
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell_cb), GUINT_TO_POINTER (cell));
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell_cb), GUINT_TO_POINTER (cell));
      column = gtk_column_view_column_new (_(cells[cell].title), factory);
      gtk_column_view_column_set_expand (column, cells[cell].expand);
      gtk_column_view_column_set_resizable (column, TRUE);

      sorter = gtk_custom_sorter_new (NULL, NULL, NULL);
      g_object_set_data (G_OBJECT (sorter), "view", self);
      g_object_set_data (G_OBJECT (sorter), "sort", GUINT_TO_POINTER (cells[cell].sort));
      gtk_custom_sorter_set_sort_func (sorter, record_sort_cb, sorter, NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);

      gtk_column_view_append_column (self->column_view, column);
      if (cell == CELL_NAME)
        initial = column;
    }
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, initial, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, 0);
}

/* Filters */

static const char *const filter_labels[PILOTE_CLIENTS_N_FILTERS] = {
  N_("Kind"), N_("Owner"), N_("Segment"), N_("Sector"), N_("Region"), N_("Channel"), N_("Tag"),
};

static void
on_filter_changed_cb (PiloteClientsView *self)
{
  guint active = 0;

  for (guint i = 0; i < PILOTE_CLIENTS_N_FILTERS; i++)
    if (self->filters[i] != NULL && gtk_drop_down_get_selected (self->filters[i]) > 0 &&
        gtk_drop_down_get_selected (self->filters[i]) != GTK_INVALID_LIST_POSITION)
      active++;
  if (active > 0)
    {
      /* Translators: the filter button, with the number of filters set */
      g_autofree char *label = g_strdup_printf (_("Filters (%u)"), active);

      gtk_menu_button_set_label (self->filter_button, label);
    }
  else
    gtk_menu_button_set_label (self->filter_button, _("Filters"));
  if (!self->loading)
    pilote_clients_view_reload (self);
}

static void
on_reset_clicked_cb (GtkButton         *button,
                     PiloteClientsView *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < PILOTE_CLIENTS_N_FILTERS; i++)
    gtk_drop_down_set_selected (self->filters[i], 0);
  self->loading = FALSE;
  on_filter_changed_cb (self);
}

static void
create_filters (PiloteClientsView *self)
{
  GtkWidget *reset;

  for (guint i = 0; i < PILOTE_CLIENTS_N_FILTERS; i++)
    {
      GtkWidget *label = gtk_label_new (_(filter_labels[i]));
      GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_hexpand (dropdown, TRUE);
      gtk_widget_set_size_request (dropdown, 180, -1);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(filter_labels[i]), -1);
      gtk_grid_attach (self->filter_grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->filter_grid, dropdown, 1, (int) i, 1, 1);
      self->filters[i] = GTK_DROP_DOWN (dropdown);
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  reset = gtk_button_new_with_mnemonic (_("_Reset Filters"));
  gtk_widget_set_margin_top (reset, 6);
  g_signal_connect_object (reset, "clicked", G_CALLBACK (on_reset_clicked_cb), self, 0);
  gtk_grid_attach (self->filter_grid, reset, 0, PILOTE_CLIENTS_N_FILTERS, 2, 1);
}

static void
fill_named (PiloteClientsView       *self,
            PiloteClientsFilterKind  which,
            PiloteEntity             entity,
            const char              *all)
{
  PiloteQuery query = { .sort_field = "name" };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 none = 0;

  gtk_string_list_append (names, all);
  g_array_append_val (ids, none);
  if (self->store != NULL)
    records = pilote_store_list (self->store, entity, &query, &error);
  if (error != NULL)
    g_warning ("Could not list the %s: %s", pilote_entity_get_table (entity), error->message);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      /* members, segments, channels: each starts with its name */
      const PiloteNamed *named = g_ptr_array_index (records, i);

      gtk_string_list_append (names, named->name);
      g_array_append_val (ids, named->base.id);
    }
  g_clear_pointer (&self->filter_ids[which], g_array_unref);
  self->filter_ids[which] = ids;
  gtk_drop_down_set_model (self->filters[which], G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->filters[which], 0);
}

static void
fill_values (PiloteClientsView       *self,
             PiloteClientsFilterKind  which,
             PiloteClientValues       values,
             const char              *all)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->filter_values[which], g_strfreev);
  if (self->store != NULL)
    self->filter_values[which] = pilote_client_list_values (self->store, values, &error);
  if (error != NULL)
    g_warning ("Could not list the values of a filter: %s", error->message);
  gtk_string_list_append (names, all);
  for (guint i = 0; self->filter_values[which] != NULL && self->filter_values[which][i]; i++)
    gtk_string_list_append (names, self->filter_values[which][i]);
  gtk_drop_down_set_model (self->filters[which], G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->filters[which], 0);
}

/**
 * pilote_clients_view_fill_filters:
 *
 * Offers in the filters what the file holds: its members, segments,
 * sectors, regions, channels and tags. Every filter is reset.
 */
void
pilote_clients_view_fill_filters (PiloteClientsView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  if (self->filters[0] == NULL)
    create_filters (self);
  self->loading = TRUE;
  gtk_string_list_append (kinds, _("Clients and prospects"));
  gtk_string_list_append (kinds, _("Prospects"));
  gtk_string_list_append (kinds, _("Clients"));
  gtk_string_list_append (kinds, _("Former clients"));
  gtk_drop_down_set_model (self->filters[PILOTE_CLIENTS_FILTER_KIND], G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (self->filters[PILOTE_CLIENTS_FILTER_KIND], 0);
  fill_named (self, PILOTE_CLIENTS_FILTER_OWNER, PILOTE_ENTITY_MEMBER, _("All owners"));
  fill_named (self, PILOTE_CLIENTS_FILTER_SEGMENT, PILOTE_ENTITY_SEGMENT, _("All segments"));
  fill_values (self, PILOTE_CLIENTS_FILTER_SECTOR, PILOTE_CLIENT_VALUES_SECTOR, _("All sectors"));
  fill_values (self, PILOTE_CLIENTS_FILTER_REGION, PILOTE_CLIENT_VALUES_REGION, _("All regions"));
  fill_named (self, PILOTE_CLIENTS_FILTER_CHANNEL, PILOTE_ENTITY_CHANNEL, _("All channels"));
  fill_values (self, PILOTE_CLIENTS_FILTER_TAG, PILOTE_CLIENT_VALUES_TAG, _("All tags"));
  self->loading = FALSE;
  gtk_menu_button_set_label (self->filter_button, _("Filters"));
}

static gint64
selected_id (PiloteClientsView       *self,
             PiloteClientsFilterKind  which)
{
  guint selected = gtk_drop_down_get_selected (self->filters[which]);

  if (self->filter_ids[which] == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->filter_ids[which]->len)
    return 0;
  return g_array_index (self->filter_ids[which], gint64, selected);
}

static const char *
selected_value (PiloteClientsView       *self,
                PiloteClientsFilterKind  which)
{
  guint selected = gtk_drop_down_get_selected (self->filters[which]);

  if (self->filter_values[which] == NULL || selected == 0 ||
      selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length (self->filter_values[which]))
    return NULL;
  return self->filter_values[which][selected - 1];
}

/**
 * pilote_clients_view_get_filter:
 *
 * Sets @filter as the search entry and the filters say; its strings
 * belong to the view.
 */
void
pilote_clients_view_get_filter (PiloteClientsView  *self,
                                PiloteClientFilter *filter)
{
  guint kind;

  pilote_client_filter_init (filter);
  filter->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (self->filters[0] == NULL)
    return;
  kind = gtk_drop_down_get_selected (self->filters[PILOTE_CLIENTS_FILTER_KIND]);
  if (kind >= 1 && kind <= 3)
    filter->kind = (int) kind - 1;
  filter->owner_id = selected_id (self, PILOTE_CLIENTS_FILTER_OWNER);
  filter->segment_id = selected_id (self, PILOTE_CLIENTS_FILTER_SEGMENT);
  filter->channel_id = selected_id (self, PILOTE_CLIENTS_FILTER_CHANNEL);
  filter->sector = selected_value (self, PILOTE_CLIENTS_FILTER_SECTOR);
  filter->region = selected_value (self, PILOTE_CLIENTS_FILTER_REGION);
  filter->tag = selected_value (self, PILOTE_CLIENTS_FILTER_TAG);
}
