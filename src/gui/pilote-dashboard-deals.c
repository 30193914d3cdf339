/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-dashboard-private.h"
#include "pilote-record.h"

/* Drilling down: a window listing the deals behind a bar, a slice or a
 * stage of the dashboard, read in a worker thread. */

#define MAX_DEALS 500

typedef struct {
  char        *title;
  char        *client;
  char        *owner;
  char        *date;
  PiloteMoney  amount;
} DealRow;

static void
deal_row_free (gpointer data)
{
  DealRow *row = data;

  g_free (row->title);
  g_free (row->client);
  g_free (row->owner);
  g_free (row->date);
  g_free (row);
}

typedef struct {
  PiloteDashRequest *request;
  char              *dimension;
  char              *key;
} DrillQuery;

static void
drill_query_free (gpointer data)
{
  DrillQuery *query = data;

  pilote_dash_request_free (query->request);
  g_free (query->dimension);
  g_free (query->key);
  g_free (query);
}

static GPtrArray *
list_summaries (PiloteStore      *store,
                const DrillQuery *query,
                GError          **error)
{
  g_autoptr(PiloteKpiFilter) filter = pilote_dash_request_filter (query->request);
  g_autoptr(GPtrArray) deals = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (deal_row_free);
  PilotePeriod period = query->request->period;
  PiloteDealList list = PILOTE_DEALS_TOP_WON;
  PiloteDimension dimension;

  if (g_strcmp0 (query->dimension, "month") == 0)
    {
      GDate date;
      g_autofree char *first = g_strdup_printf ("%s-01", query->key);

      if (pilote_date_parse_iso (first, &date))
        pilote_period_init_month (&period, g_date_get_year (&date), g_date_get_month (&date));
    }
  else if (g_strcmp0 (query->dimension, "lost-reason") == 0)
    list = PILOTE_DEALS_TOP_LOST;
  else if (pilote_dimension_from_name (query->dimension, &dimension))
    pilote_kpi_filter_add (filter, dimension, query->key);

  deals = pilote_kpi_deals (store, list, &period, filter, MAX_DEALS, error);
  if (deals == NULL)
    {
      g_ptr_array_unref (rows);
      return NULL;
    }
  for (guint i = 0; i < deals->len; i++)
    {
      const PiloteDealSummary *deal = g_ptr_array_index (deals, i);
      DealRow *row;

      /* lost deals of one reason: "" stands for no reason given */
      if (list == PILOTE_DEALS_TOP_LOST &&
          g_strcmp0 (deal->detail != NULL ? deal->detail : "", query->key) != 0)
        continue;
      row = g_new0 (DealRow, 1);
      row->title = g_strdup (deal->title);
      row->client = g_strdup (deal->client);
      row->owner = g_strdup (deal->owner);
      row->date = g_strdup (deal->date);
      row->amount = deal->amount;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* The deals now in a stage. pilote_store_list() filters on the deal's own
 * fields only: the owner is, the other filters of the page are not. */
static GPtrArray *
list_stage (PiloteStore      *store,
            const DrillQuery *query,
            GError          **error)
{
  g_autoptr(PiloteStage) stage = NULL;
  g_autoptr(PiloteMember) owner = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  GPtrArray *rows;
  PiloteFilter filters[2];
  PiloteQuery list_query = { 0 };
  GError *local_error = NULL;

  stage = pilote_store_find_by_name (store, PILOTE_ENTITY_STAGE, query->key, &local_error);
  if (stage == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return g_ptr_array_new_with_free_func (deal_row_free);
    }
  filters[list_query.n_filters++] = (PiloteFilter) { "stage_id", PILOTE_OP_EQ, NULL,
                                                     stage->base.id };
  for (guint i = 0; i < PILOTE_DASH_N_FILTERS; i++)
    if (pilote_dash_filter_dimensions[i] == PILOTE_DIMENSION_MEMBER &&
        query->request->filters[i] != NULL)
      {
        owner = pilote_store_find_by_name (store, PILOTE_ENTITY_MEMBER,
                                           query->request->filters[i], NULL);
        if (owner != NULL)
          filters[list_query.n_filters++] = (PiloteFilter) { "owner_id", PILOTE_OP_EQ, NULL,
                                                             owner->base.id };
      }
  list_query.filters = filters;
  list_query.sort_field = "amount";
  list_query.descending = TRUE;
  list_query.limit = MAX_DEALS;
  deals = pilote_store_list (store, PILOTE_ENTITY_DEAL, &list_query, error);
  if (deals == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func (deal_row_free);
  for (guint i = 0; i < deals->len; i++)
    {
      const PiloteDeal *deal = g_ptr_array_index (deals, i);
      g_autoptr(PiloteClient) client = pilote_store_get_client (store, deal->client_id, NULL);
      g_autoptr(PiloteMember) member = pilote_store_get_member (store, deal->owner_id, NULL);
      DealRow *row = g_new0 (DealRow, 1);

      row->title = g_strdup (deal->title);
      row->client = g_strdup (client != NULL ? client->name : NULL);
      row->owner = g_strdup (member != NULL ? member->name : NULL);
      row->date = g_strdup (deal->closed_on != NULL ? deal->closed_on : deal->expected_close_on);
      row->amount = deal->amount;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static void
list_deals_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const DrillQuery *query = task_data;
  g_autoptr(PiloteStore) store = NULL;
  GPtrArray *rows;
  GError *error = NULL;

  store = pilote_store_open (query->request->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_strcmp0 (query->dimension, "stage") == 0)
    rows = list_stage (store, query, &error);
  else
    rows = list_summaries (store, query, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static char *
format_date (const char *iso)
{
  GDate date;
  char text[64];

  if (iso == NULL || !pilote_date_parse_iso (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  g_date_strftime (text, sizeof text, "%x", &date);
  return g_strdup (text);
}

static void
on_deals_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkStack *stack = g_object_get_data (G_OBJECT (window), "stack");
  GtkListBox *list = g_object_get_data (G_OBJECT (window), "list");
  AdwWindowTitle *title = g_object_get_data (G_OBJECT (window), "title");
  AdwStatusPage *status = g_object_get_data (G_OBJECT (window), "status");
  const char *currency = g_object_get_data (G_OBJECT (window), "currency");
  g_autofree char *total_text = NULL;
  g_autofree char *subtitle = NULL;
  PiloteMoney total = 0;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rows == NULL)
    {
      adw_status_page_set_title (status, _("Could not list the deals"));
      adw_status_page_set_description (status, error->message);
      gtk_stack_set_visible_child_name (stack, "status");
      return;
    }
  if (rows->len == 0)
    {
      gtk_stack_set_visible_child_name (stack, "status");
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const DealRow *deal = g_ptr_array_index (rows, i);
      g_autofree char *amount = pilote_money_format (deal->amount, currency,
                                                     PILOTE_MONEY_FORMAT_DEFAULT);
      g_autofree char *date = format_date (deal->date);
      g_autofree char *escaped = g_markup_escape_text (deal->title != NULL ? deal->title : "",
                                                       -1);
      /* Translators: a deal's client, owner and date, as in "Acme · Jane Doe · 12/10/2026" */
      g_autofree char *line = g_strdup_printf (_("%s · %s · %s"),
                                               deal->client != NULL ? deal->client : "—",
                                               deal->owner != NULL ? deal->owner : "—", date);
      g_autofree char *escaped_line = g_markup_escape_text (line, -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_line);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (list, row);
      total += deal->amount;
    }
  total_text = pilote_money_format (total, currency, PILOTE_MONEY_FORMAT_WHOLE);
  /* Translators: the number of deals listed and their total amount */
  subtitle = g_strdup_printf (ngettext ("%u deal · %s", "%u deals · %s", rows->len), rows->len,
                              total_text);
  adw_window_title_set_subtitle (title, subtitle);
  gtk_stack_set_visible_child_name (stack, "list");
}

static void
on_window_destroyed_cb (GtkWidget    *window,
                        GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/**
 * pilote_dash_show_deals:
 * @parent: a widget of the window the list belongs to
 * @request: the period and filters of the page
 * @currency: the file's currency
 * @dimension: what was clicked: a dimension name, "month", "stage" or "lost-reason"
 * @key: the value clicked: a segment's name, a month ("2026-10"), a stage's name…
 * @label: the value as shown
 *
 * Opens a modal window listing the deals behind a click, largest first.
 */
void
pilote_dash_show_deals (GtkWidget               *parent,
                        const PiloteDashRequest *request,
                        const char              *currency,
                        const char              *dimension,
                        const char              *key,
                        const char              *label)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *period = pilote_period_describe (&request->period);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title, *stack, *scrolled, *clamp, *list, *status, *spinner;
  GtkShortcutController *shortcuts;
  DrillQuery *query = g_new0 (DrillQuery, 1);

  if (g_strcmp0 (dimension, "stage") == 0)
    /* Translators: the title of the list of the deals in a stage of the pipeline */
    heading = g_strdup_printf (_("Deals in “%s”"), label);
  else if (g_strcmp0 (dimension, "lost-reason") == 0)
    /* Translators: the title of the list of deals lost for a reason, in a period */
    heading = g_strdup_printf (_("Lost: %s · %s"), label, period);
  else if (g_strcmp0 (dimension, "month") == 0)
    /* Translators: the title of the list of the deals won in a month */
    heading = g_strdup_printf (_("Won in %s"), label);
  else
    /* Translators: the title of the list of deals won for a segment, region… in a period */
    heading = g_strdup_printf (_("Won: %s · %s"), label, period);

  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 620);
  gtk_window_set_title (GTK_WINDOW (window), heading);

  title = adw_window_title_new (heading, NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  stack = gtk_stack_new ();
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (GTK_STACK (stack), scrolled, "list");

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No deals"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("No deal matches this figure with the current filters."));
  gtk_stack_add_named (GTK_STACK (stack), status, "status");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "loading");
  gtk_window_set_child (GTK_WINDOW (window), stack);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));

  g_object_set_data (G_OBJECT (window), "stack", stack);
  g_object_set_data (G_OBJECT (window), "list", list);
  g_object_set_data (G_OBJECT (window), "title", title);
  g_object_set_data (G_OBJECT (window), "status", status);
  g_object_set_data_full (G_OBJECT (window), "currency", g_strdup (currency), g_free);
  g_signal_connect_data (window, "destroy", G_CALLBACK (on_window_destroyed_cb),
                         g_object_ref (cancellable), (GClosureNotify) g_object_unref,
                         0);

  query->request = pilote_dash_request_copy (request);
  query->dimension = g_strdup (dimension);
  query->key = g_strdup (key);
  task = g_task_new (NULL, cancellable, on_deals_listed_cb, g_object_ref (window));
  g_task_set_source_tag (task, pilote_dash_show_deals);
  g_task_set_task_data (task, query, drill_query_free);
  g_task_run_in_thread (task, list_deals_cb);

  gtk_window_present (GTK_WINDOW (window));
}
