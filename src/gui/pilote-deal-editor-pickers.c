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
 * The choosers of the deal editor: the client, searched in the file a
 * page at a time (a file can hold 100 000 clients: only the first
 * matches are listed), the calendar beside the date rows, and the
 * drop-downs of small lists (members, stages, channels…), and the
 * reading of amounts and percentages.
 */

#define CLIENT_PAGE 30

/* Clients */

/**
 * pilote_deal_editor_set_client:
 * @client_id: the client, 0 for none
 * @name: (nullable): its name
 */
void
pilote_deal_editor_set_client (PiloteDealEditor *self,
                               gint64            client_id,
                               const char       *name)
{
  self->client_id = client_id;
  gtk_label_set_text (self->client_label, client_id != 0 && name != NULL ? name : _("None"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->client_label),
                               client_id != 0 && name != NULL ? name : NULL);
}

static GtkWidget *
client_list_row (const char *name,
                 gint64      client_id)
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "client-id",
                          g_memdup2 (&client_id, sizeof client_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "client-name", g_strdup (name), g_free);
  return row;
}

/**
 * pilote_deal_editor_search_clients:
 * @text: (nullable): words the client's name must contain
 *
 * Lists the first clients whose name matches, by name, "None" first.
 */
void
pilote_deal_editor_search_clients (PiloteDealEditor *self,
                                   const char       *text)
{
  PiloteQuery query = { .search = text, .sort_field = "name", .limit = CLIENT_PAGE };
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_list))) != NULL)
    gtk_list_box_remove (self->client_list, child);

  if (text == NULL || *text == '\0')
    {
      GtkWidget *none = client_list_row (_("None"), 0);

      gtk_widget_add_css_class (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (none)),
                                "dim-label");
      gtk_list_box_append (self->client_list, none);
    }
  clients = pilote_store_list (self->store, PILOTE_ENTITY_CLIENT, &query, &error);
  if (clients == NULL)
    {
      g_warning ("Could not search the clients: %s", error->message);
      return;
    }
  for (guint i = 0; i < clients->len; i++)
    {
      const PiloteClient *client = g_ptr_array_index (clients, i);

      gtk_list_box_append (self->client_list, client_list_row (client->name, client->base.id));
    }
  if (clients->len == 0 && text != NULL && *text != '\0')
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (_("No client has this name"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->client_list, row);
    }
}

static void
choose_client_row (PiloteDealEditor *self,
                   GtkListBoxRow    *row)
{
  const gint64 *client_id = g_object_get_data (G_OBJECT (row), "client-id");

  if (client_id == NULL)
    return;
  pilote_deal_editor_set_client (self, *client_id,
                                 g_object_get_data (G_OBJECT (row), "client-name"));
  gtk_menu_button_popdown (self->client_button);
}

static void
on_client_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            gpointer       user_data)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (gtk_widget_get_root (GTK_WIDGET (list)));

  choose_client_row (self, row);
}

static void
on_client_search_changed_cb (GtkSearchEntry *entry,
                             gpointer        user_data)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (gtk_widget_get_root (GTK_WIDGET (entry)));

  pilote_deal_editor_search_clients (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter in the search entry takes the first match */
static void
on_client_search_activated_cb (GtkSearchEntry *entry,
                               gpointer        user_data)
{
  PiloteDealEditor *self = PILOTE_DEAL_EDITOR (gtk_widget_get_root (GTK_WIDGET (entry)));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->client_list, 0);

  if (row != NULL)
    choose_client_row (self, row);
}

static void
on_client_popover_shown_cb (GtkPopover       *popover,
                            PiloteDealEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->client_search), "");
  pilote_deal_editor_search_clients (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_search));
}

void
pilote_deal_editor_init_client_picker (PiloteDealEditor *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->client_button);

  g_signal_connect_object (popover, "show", G_CALLBACK (on_client_popover_shown_cb), self, 0);
  g_signal_connect (self->client_search, "search-changed",
                    G_CALLBACK (on_client_search_changed_cb), NULL);
  g_signal_connect (self->client_search, "activate",
                    G_CALLBACK (on_client_search_activated_cb), NULL);
  g_signal_connect (self->client_list, "row-activated",
                    G_CALLBACK (on_client_row_activated_cb), NULL);
}

/* Dates */

static void
on_day_selected_cb (GtkCalendar *calendar,
                    AdwEntryRow *row)
{
  g_autoptr(GDateTime) time = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (time, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), iso);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_shown_cb (GtkPopover  *popover,
                      AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!pilote_date_parse_iso (text, &date))
    pilote_date_set_today (&date);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  g_signal_handlers_block_by_func (calendar, on_day_selected_cb, row);
  gtk_calendar_select_day (calendar, time);
  g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, row);
}

/**
 * pilote_deal_editor_add_date_button:
 *
 * Puts a calendar beside a date row; the row holds an ISO date.
 */
void
pilote_deal_editor_add_date_button (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a date"), -1);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_shown_cb), row);
  adw_entry_row_add_suffix (row, button);
}

/* Lists */

/**
 * pilote_deal_editor_fill_combo:
 * @none: (nullable): the label of a first "none" choice (id 0)
 * @records: (out) (optional): the records listed, as the ids after @none
 *
 * Lists named records in @row (their name starts each entity's struct).
 *
 * Returns: (transfer full): the id of each choice
 */
GArray *
pilote_deal_editor_fill_combo (AdwComboRow  *row,
                               PiloteStore  *store,
                               PiloteEntity  entity,
                               const char   *none,
                               const char   *sort_field,
                               GPtrArray   **records)
{
  PiloteQuery query = { .sort_field = sort_field };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  if (none != NULL)
    {
      gint64 zero = 0;

      gtk_string_list_append (names, none);
      g_array_append_val (ids, zero);
    }
  list = pilote_store_list (store, entity, &query, &error);
  if (list == NULL)
    g_warning ("Could not list the %s: %s", pilote_entity_get_table (entity), error->message);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const PiloteNamed *named = g_ptr_array_index (list, i);

      gtk_string_list_append (names, named->name);
      g_array_append_val (ids, named->base.id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  if (records != NULL)
    *records = list != NULL ? g_steal_pointer (&list)
                            : g_ptr_array_new_with_free_func (pilote_record_free);
  return ids;
}

/* The position of @id among @ids, or 0 (the first choice) */
guint
pilote_deal_editor_find_id (GArray *ids,
                            gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

gint64
pilote_deal_editor_selected_id (AdwComboRow *row,
                                GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* Figures */

char *
pilote_deal_editor_format_money (PiloteDealEditor *self,
                                 PiloteMoney       amount)
{
  return pilote_money_format (amount, pilote_store_get_currency (self->store),
                              PILOTE_MONEY_FORMAT_DEFAULT);
}

/* The field a row edits, as the store's messages name it */
const char *
pilote_deal_editor_field_name (AdwEntryRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "pilote-field");

  return name != NULL ? name : adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/**
 * pilote_deal_editor_parse_money:
 *
 * Reads an amount of the file's currency from @row; empty reads as zero.
 */
gboolean
pilote_deal_editor_parse_money (PiloteDealEditor  *self,
                                AdwEntryRow       *row,
                                PiloteMoney       *amount,
                                GError           **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) local_error = NULL;

  *amount = 0;
  if (*text == '\0' || strspn (text, " ") == strlen (text))
    return TRUE;
  if (pilote_money_parse (text, pilote_store_get_currency (self->store), amount, &local_error))
    return TRUE;
  /* Translators: a field name and what is wrong with it */
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, _("%s: %s"), pilote_deal_editor_field_name (row),
               local_error->message);
  return FALSE;
}

/**
 * pilote_deal_editor_parse_percent:
 * @fraction: (out): the percentage as a fraction, NAN when @row is empty
 */
gboolean
pilote_deal_editor_parse_percent (AdwEntryRow  *row,
                                  double       *fraction,
                                  GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;
  double value;
  gsize len;

  *fraction = NAN;
  len = strlen (text);
  if (len > 0 && text[len - 1] == '%')
    text[len - 1] = '\0';
  g_strstrip (text);
  if (*text == '\0')
    return TRUE;
  g_strdelimit (text, ",", '.');
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (value) || value < 0 || value > 100)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   /* Translators: a field name, then what to type in it */
                   _("%s: type a percentage between 0 and 100."), pilote_deal_editor_field_name (row));
      return FALSE;
    }
  *fraction = value / 100;
  return TRUE;
}
