/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-import-assistant-private.h"

/* The preview step: how the file is written (detected, each option
 * changeable), what detection could not decide, and the first rows. */

#define PREVIEW_ROWS 50

/* A row of cells */

struct _PiloteImportCells
{
  GObject   parent_instance;
  char    **cells;
};

G_DEFINE_FINAL_TYPE (PiloteImportCells, pilote_import_cells, G_TYPE_OBJECT)

static void
pilote_import_cells_finalize (GObject *object)
{
  g_strfreev (PILOTE_IMPORT_CELLS (object)->cells);
  G_OBJECT_CLASS (pilote_import_cells_parent_class)->finalize (object);
}

static void
pilote_import_cells_class_init (PiloteImportCellsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_import_cells_finalize;
}

static void
pilote_import_cells_init (PiloteImportCells *self)
{
}

/**
 * pilote_import_cells_new:
 * @cells: (transfer full): the cells
 */
PiloteImportCells *
pilote_import_cells_new (char **cells)
{
  PiloteImportCells *self = g_object_new (PILOTE_TYPE_IMPORT_CELLS, NULL);

  self->cells = cells;
  return self;
}

/**
 * pilote_import_cells_get:
 *
 * Returns: the cell at @index, "" past the row's end
 */
const char *
pilote_import_cells_get (PiloteImportCells *self,
                         guint              index)
{
  g_return_val_if_fail (PILOTE_IS_IMPORT_CELLS (self), "");

  if (self->cells == NULL || index >= g_strv_length (self->cells))
    return "";
  return self->cells[index];
}

/* Options */

static const char delimiters[] = { ',', ';', '\t' };
static const char decimals[] = { '.', ',' };

static guint
index_of (const char *values,
          guint       n,
          char        value)
{
  for (guint i = 0; i < n; i++)
    if (values[i] == value)
      return i;
  return 0;
}

/* The options the import will use: the profile's, else the detected ones */
static PiloteCsvOptions
effective_options (PiloteImportAssistant *self)
{
  PiloteCsvOptions options = *pilote_import_profile_get_options (self->profile);

  if (options.delimiter == 0)
    options.delimiter = self->detected.delimiter;
  if (options.encoding == PILOTE_CSV_ENCODING_AUTO)
    options.encoding = self->detected.encoding;
  if (options.decimal == 0)
    options.decimal = self->detected.decimal != 0 ? self->detected.decimal : '.';
  if (options.date_format == PILOTE_DATE_FORMAT_AUTO)
    options.date_format = self->detected.date_format;
  return options;
}

static void
set_origin (AdwComboRow *row,
            gboolean     chosen)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               chosen ? C_("csv option", "Chosen")
                                      : C_("csv option", "Detected"));
}

/* Shows the options in the drop-downs, and what detection left open */
void
pilote_import_assistant_show_options (PiloteImportAssistant *self)
{
  const PiloteCsvOptions *given = pilote_import_profile_get_options (self->profile);
  PiloteCsvOptions options = effective_options (self);
  g_autoptr(GString) notes = g_string_new (NULL);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->delimiter_row,
                              index_of (delimiters, G_N_ELEMENTS (delimiters),
                                        options.delimiter));
  adw_combo_row_set_selected (self->encoding_row,
                              options.encoding == PILOTE_CSV_ENCODING_WINDOWS_1252 ? 1 : 0);
  adw_combo_row_set_selected (self->decimal_row,
                              index_of (decimals, G_N_ELEMENTS (decimals), options.decimal));
  adw_combo_row_set_selected (self->date_row, options.date_format);
  self->updating = FALSE;

  set_origin (self->delimiter_row, given->delimiter != 0);
  set_origin (self->encoding_row, given->encoding != PILOTE_CSV_ENCODING_AUTO);
  set_origin (self->decimal_row, given->decimal != 0);
  set_origin (self->date_row, given->date_format != PILOTE_DATE_FORMAT_AUTO);
  if (options.date_format == PILOTE_DATE_FORMAT_AUTO && (self->notes == NULL ||
                                                         self->notes->len == 0))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_row),
                                 _("No date in the first rows"));

  for (guint i = 0; self->notes != NULL && i < self->notes->len; i++)
    {
      if (notes->len > 0)
        g_string_append (notes, "\n\n");
      g_string_append (notes, g_ptr_array_index (self->notes, i));
    }
  gtk_label_set_text (self->notes_label, notes->str);
  gtk_widget_set_visible (self->notes_box, notes->len > 0);
}

/* Columns of the preview */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *cell;

  /* a wide column shows its whole text, over as many lines as it takes */
  if (GPOINTER_TO_UINT (user_data))
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (cell), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (cell), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (cell), 0);
      gtk_label_set_selectable (GTK_LABEL (cell), TRUE);
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  PiloteImportCells *cells = gtk_list_item_get_item (item);
  guint index = GPOINTER_TO_UINT (user_data);
  const char *text = pilote_import_cells_get (cells, index);
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (GTK_IS_LABEL (cell))
    {
      gtk_label_set_text (GTK_LABEL (cell), text);
      return;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_widget_set_tooltip_text (cell, *text != '\0' ? text : NULL);
}

/**
 * pilote_import_assistant_add_text_column:
 *
 * Adds a column showing cell @index of each row of @view, @width pixels
 * wide (-1: as wide as its cells)
 */
GtkColumnViewColumn *
pilote_import_assistant_add_text_column (GtkColumnView *view,
                                         const char    *title,
                                         guint          index,
                                         int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (width > 200));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (index));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}

static void
fill_preview_columns (PiloteImportAssistant *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  for (guint i = 0; self->headers != NULL && i < self->headers->len; i++)
    pilote_import_assistant_add_text_column (self->preview_view,
                                             g_ptr_array_index (self->headers, i), i, 150);
}

void
pilote_import_assistant_setup_preview (PiloteImportAssistant *self)
{
  g_autoptr(GtkNoSelection) selection =
    gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));

  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
}

/**
 * pilote_import_assistant_read_file:
 *
 * Detects how the file is written, then reads its header and first rows
 * with the options in force.
 */
gboolean
pilote_import_assistant_read_file (PiloteImportAssistant  *self,
                                   GError                **error)
{
  PiloteCsvOptions detected = { 0 };
  PiloteCsvOptions given = *pilote_import_profile_get_options (self->profile);
  PiloteCsvOptions options;
  g_autoptr(PiloteCsvReader) reader = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_rows = 0;
  gboolean more;

  /* what the file looks like; then what is left open once the options
   * given are taken into account */
  if (!pilote_csv_detect (self->csv_path, &detected, NULL, error) ||
      !pilote_csv_detect (self->csv_path, &given, &notes, error))
    return FALSE;
  self->detected = detected;
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  self->notes = g_steal_pointer (&notes);

  options = effective_options (self);
  reader = pilote_csv_reader_new (self->csv_path, &options, error);
  if (reader == NULL)
    return FALSE;
  if (!pilote_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The file is empty: it needs a header line naming its columns, then one "
                       "line per record."));
      return FALSE;
    }
  headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pilote_csv_reader_get_n_fields (reader); i++)
    g_ptr_array_add (headers, g_strdup (pilote_csv_reader_get_field (reader, i)));

  g_list_store_remove_all (self->rows);
  while (n_rows < PREVIEW_ROWS && (more = pilote_csv_reader_next (reader, &local_error)))
    {
      guint n = pilote_csv_reader_get_n_fields (reader);
      char **cells = g_new0 (char *, n + 1);
      g_autoptr(PiloteImportCells) row = NULL;

      for (guint i = 0; i < n; i++)
        cells[i] = g_strdup (pilote_csv_reader_get_field (reader, i));
      row = pilote_import_cells_new (cells);
      g_list_store_append (self->rows, row);
      n_rows++;
    }
  more = n_rows == PREVIEW_ROWS && pilote_csv_reader_next (reader, NULL);

  g_clear_pointer (&self->headers, g_ptr_array_unref);
  self->headers = g_steal_pointer (&headers);
  fill_preview_columns (self);
  {
    g_autofree char *text = NULL;

    if (local_error != NULL)
      /* Translators: %s says what is wrong further down the file */
      text = g_strdup_printf (_("The first rows; further on: %s"), local_error->message);
    else if (more)
      text = g_strdup_printf (ngettext ("The first %u row", "The first %u rows", n_rows), n_rows);
    else
      text = g_strdup_printf (ngettext ("The file's %u row", "The file's %u rows", n_rows),
                              n_rows);
    gtk_label_set_text (self->preview_label, text);
  }
  pilote_import_assistant_show_options (self);
  return TRUE;
}

/* A drop-down changed: that option is now given, the file is read again */
void
pilote_import_assistant_option_changed (PiloteImportAssistant *self)
{
  PiloteCsvOptions *given = pilote_import_profile_get_options (self->profile);
  PiloteCsvOptions shown = effective_options (self);
  guint delimiter = adw_combo_row_get_selected (self->delimiter_row);
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  guint decimal = adw_combo_row_get_selected (self->decimal_row);
  guint date_format = adw_combo_row_get_selected (self->date_row);
  g_autoptr(GPtrArray) headers = self->headers != NULL ? g_ptr_array_ref (self->headers) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean same_headers;

  if (self->csv_path == NULL)
    return;
  if (delimiter < G_N_ELEMENTS (delimiters) && delimiters[delimiter] != shown.delimiter)
    given->delimiter = delimiters[delimiter];
  if (encoding != (shown.encoding == PILOTE_CSV_ENCODING_WINDOWS_1252 ? 1u : 0u))
    given->encoding = encoding == 1 ? PILOTE_CSV_ENCODING_WINDOWS_1252 : PILOTE_CSV_ENCODING_UTF8;
  if (decimal < G_N_ELEMENTS (decimals) && decimals[decimal] != shown.decimal)
    given->decimal = decimals[decimal];
  if (date_format != shown.date_format && date_format <= PILOTE_DATE_FORMAT_MDY)
    given->date_format = date_format;

  if (!pilote_import_assistant_read_file (self, &error))
    {
      pilote_import_assistant_show_error (self, error->message);
      return;
    }
  pilote_import_assistant_show_error (self, NULL);

  /* other headers (another delimiter or encoding): the columns are matched afresh */
  same_headers = headers != NULL && headers->len == self->headers->len;
  for (guint i = 0; same_headers && i < headers->len; i++)
    same_headers = g_str_equal (g_ptr_array_index (headers, i),
                                g_ptr_array_index (self->headers, i));
  if (!same_headers && self->profile_path == NULL)
    pilote_import_assistant_guess_profile (self);
  pilote_import_assistant_mapping_changed (self);
}
