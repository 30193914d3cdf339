/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-clients-view-private.h"
#include "pilote-worker.h"

/*
 * The Clients view: a searchable, filterable list of clients and
 * prospects, sorted and paged in SQL (pilote-client-list.c), beside a
 * detail pane with the client's contacts, deals, activities and figures.
 * Below 720 px or so the two fold into one another (list, then detail with
 * a back button). The list follows what others commit to the file.
 */

G_DEFINE_FINAL_TYPE (PiloteClientsView, pilote_clients_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define WATCH_SECONDS 2

/* Messages */

/**
 * pilote_clients_view_show_error:
 *
 * Tells the user what went wrong, in a dialog over the window.
 */
void
pilote_clients_view_show_error (PiloteClientsView *self,
                                const char        *heading,
                                const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pilote_clients_view_show_toast (PiloteClientsView *self,
                                const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* The list */

static void
update_count (PiloteClientsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (self->store == NULL)
    text = g_strdup ("");
  else
    {
      g_autofree char *count = pilote_count_format (n);

      /* Translators: the number of clients and prospects the list shows */
      text = g_strdup_printf (g_dngettext (NULL, "%s client", "%s clients", n), count);
    }
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || self->store == NULL ? "list"
                                                                                  : "empty");
}

/* selects the client shown in the detail pane, when the list has it */
static void
select_shown (PiloteClientsView *self)
{
  gint64 id = self->client != NULL ? self->client->base.id : 0;
  guint position = id > 0 ? pilote_client_model_find (self->model, id) : G_MAXUINT;

  self->loading = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     position != G_MAXUINT ? position
                                                           : GTK_INVALID_LIST_POSITION);
  self->loading = FALSE;
}

/**
 * pilote_clients_view_reload:
 *
 * Reads the list again (count and visible pages) as the search and the
 * filters say, and the client shown.
 */
void
pilote_clients_view_reload (PiloteClientsView *self)
{
  g_autoptr(GError) error = NULL;
  PiloteClientFilter filter;

  g_return_if_fail (PILOTE_IS_CLIENTS_VIEW (self));

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  pilote_clients_view_get_filter (self, &filter);
  self->loading = TRUE;
  if (!pilote_client_model_reload (self->model, self->store, &filter, &error))
    g_warning ("Could not list the clients: %s", error->message);
  self->loading = FALSE;
  if (self->store != NULL)
    self->data_version = pilote_store_get_data_version (self->store);
  pilote_clients_view_after_reload (self);
}

/* what follows a new list: its count, the client shown selected in it */
void
pilote_clients_view_after_reload (PiloteClientsView *self)
{
  update_count (self);
  /* the first pages, so that the client shown is found in them */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (self->model), 0));
  select_shown (self);
  if (self->client != NULL)
    pilote_clients_view_show_detail (self, self->client->base.id);
  pilote_clients_view_update_actions (self);
}

/* Searching as the user types: the count and the first page are read in a
 * worker thread, on a read-only connection of its own (kept from one
 * keystroke to the next), so that typing never waits for the file; a
 * newer search cancels the one running. */

typedef struct {
  PiloteReaderSlot  *readers;
  char              *path;
  char              *search;
  char              *sector;
  char              *region;
  char              *tag;
  PiloteClientFilter filter;
  PiloteClientSort   sort;
  gboolean           descending;
  gint64             count;
  GPtrArray         *rows;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  pilote_reader_slot_unref (job->readers);
  g_free (job->path);
  g_free (job->search);
  g_free (job->sector);
  g_free (job->region);
  g_free (job->tag);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  g_autoptr(PiloteStore) reader = NULL;
  GError *error = NULL;

  reader = pilote_reader_slot_take (job->readers, job->path, &error);
  if (reader != NULL && !g_cancellable_is_cancelled (cancellable))
    job->rows = pilote_client_search (reader, &job->filter, job->sort, job->descending,
                                      PILOTE_CLIENT_MODEL_PAGE_SIZE, &job->count, &error);
  pilote_reader_slot_give_back (job->readers, g_steal_pointer (&reader));
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (source);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* the file could not be read aside: read it here */
          g_debug ("Searching in a worker failed: %s", error->message);
          pilote_clients_view_reload (self);
        }
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) ||
      self->store == NULL)
    return;
  self->loading = TRUE;
  pilote_client_model_set_results (self->model, self->store, &job->filter, job->count,
                                   g_steal_pointer (&job->rows));
  self->loading = FALSE;
  self->data_version = pilote_store_get_data_version (self->store);
  pilote_clients_view_after_reload (self);
}

static void
on_search_changed_cb (PiloteClientsView *self)
{
  g_autoptr(GTask) task = NULL;
  PiloteClientFilter filter;
  SearchJob *job;

  if (self->loading)
    return;
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->store == NULL || pilote_store_get_path (self->store) == NULL)
    {
      pilote_clients_view_reload (self);
      return;
    }

  pilote_clients_view_get_filter (self, &filter);
  job = g_new0 (SearchJob, 1);
  job->readers = pilote_reader_slot_ref (self->search_reader);
  job->path = g_strdup (pilote_store_get_path (self->store));
  job->filter = filter;
  job->search = g_strdup (filter.search);
  job->sector = g_strdup (filter.sector);
  job->region = g_strdup (filter.region);
  job->tag = g_strdup (filter.tag);
  job->filter.search = job->search;
  job->filter.sector = job->sector;
  job->filter.region = job->region;
  job->filter.tag = job->tag;
  job->sort = pilote_client_model_get_sort (self->model, &job->descending);

  self->search_cancellable = g_cancellable_new ();
  task = pilote_worker_task_new (self, self->search_cancellable, search_done_cb);
  g_task_set_source_tag (task, on_search_changed_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * pilote_clients_view_set_search:
 *
 * Searches as if @text were typed in the search entry, at once.
 */
void
pilote_clients_view_set_search (PiloteClientsView *self,
                                const char        *text)
{
  g_return_if_fail (PILOTE_IS_CLIENTS_VIEW (self));

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->loading = FALSE;
  pilote_clients_view_reload (self);
}

guint
pilote_clients_view_get_n_results (PiloteClientsView *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENTS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

static void
on_selection_changed_cb (PiloteClientsView *self)
{
  PiloteClientItem *item;
  const PiloteClientRow *row;

  if (self->loading)
    return;
  item = gtk_single_selection_get_selected_item (self->selection);
  row = item != NULL ? pilote_client_item_get_row (item) : NULL;
  if (row != NULL)
    pilote_clients_view_show_client (self, row->id);
}

static void
on_activate_cb (GtkColumnView     *view,
                guint              position,
                PiloteClientsView *self)
{
  g_autoptr(PiloteClientItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  const PiloteClientRow *row = item != NULL ? pilote_client_item_get_row (item) : NULL;

  if (row != NULL)
    pilote_clients_view_show_client (self, row->id);
}

static void
on_back_clicked_cb (PiloteClientsView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/**
 * pilote_clients_view_show_client:
 * @client_id: the client to show, 0 for none
 *
 * Shows a client in the detail pane (and the pane itself in a narrow
 * window).
 */
void
pilote_clients_view_show_client (PiloteClientsView *self,
                                 gint64             client_id)
{
  g_return_if_fail (PILOTE_IS_CLIENTS_VIEW (self));

  pilote_clients_view_show_detail (self, client_id);
  select_shown (self);
  if (self->client != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  pilote_clients_view_update_actions (self);
}

gint64
pilote_clients_view_get_client_id (PiloteClientsView *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENTS_VIEW (self), 0);
  return self->client != NULL ? self->client->base.id : 0;
}

/* Others' commits */

static gboolean
watch_cb (gpointer user_data)
{
  PiloteClientsView *self = user_data;

  if (self->store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      pilote_store_get_data_version (self->store) != self->data_version)
    pilote_clients_view_reload (self);
  return G_SOURCE_CONTINUE;
}

/* Back from a dialog of another view (a new activity, say): what it wrote
 * on the same connection shows in the detail pane. */
static void
on_root_active_cb (GtkWindow         *window,
                   GParamSpec        *pspec,
                   PiloteClientsView *self)
{
  if (gtk_window_is_active (window) && self->client != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    pilote_clients_view_show_detail (self, self->client->base.id);
}

static void
pilote_clients_view_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (pilote_clients_view_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::is-active", G_CALLBACK (on_root_active_cb), widget,
                             0);
}

static void
pilote_clients_view_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, on_root_active_cb, widget);
  GTK_WIDGET_CLASS (pilote_clients_view_parent_class)->unroot (widget);
}

/* The file */

PiloteStore *
pilote_clients_view_get_store (PiloteClientsView *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENTS_VIEW (self), NULL);
  return self->store;
}

/**
 * pilote_clients_view_set_store:
 * @store: (nullable): the file to show
 */
void
pilote_clients_view_set_store (PiloteClientsView *self,
                               PiloteStore       *store)
{
  g_return_if_fail (PILOTE_IS_CLIENTS_VIEW (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  /* the file may have been replaced at the same path */
  pilote_reader_slot_clear (self->search_reader);
  g_clear_pointer (&self->client, pilote_client_free);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  pilote_clients_view_fill_filters (self);
  pilote_clients_view_show_detail (self, 0);
  pilote_clients_view_reload (self);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (store != NULL)
    self->watch_id = g_timeout_add_seconds (WATCH_SECONDS, watch_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pilote_clients_view_set_today:
 *
 * Sets the day that "to date" and "the last 12 months" end with (today
 * by default; the tests pin it).
 */
void
pilote_clients_view_set_today (PiloteClientsView *self,
                               const GDate       *today)
{
  g_return_if_fail (PILOTE_IS_CLIENTS_VIEW (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  if (self->client != NULL)
    pilote_clients_view_show_detail (self, self->client->base.id);
}

GtkWidget *
pilote_clients_view_new (void)
{
  return g_object_new (PILOTE_TYPE_CLIENTS_VIEW, NULL);
}

static void
pilote_clients_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_clients_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_clients_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_clients_view_dispose (GObject *object)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->undo_toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
      self->undo_toast = NULL;
    }
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_CLIENTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->client, pilote_client_free);
  for (guint i = 0; i < PILOTE_CLIENTS_N_FILTERS; i++)
    {
      g_clear_pointer (&self->filter_ids[i], g_array_unref);
      g_clear_pointer (&self->filter_values[i], g_strfreev);
    }
  G_OBJECT_CLASS (pilote_clients_view_parent_class)->dispose (object);
}

static void
pilote_clients_view_finalize (GObject *object)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (object);

  pilote_reader_slot_unref (self->search_reader);

  G_OBJECT_CLASS (pilote_clients_view_parent_class)->finalize (object);
}

static void
pilote_clients_view_class_init (PiloteClientsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_clients_view_get_property;
  object_class->set_property = pilote_clients_view_set_property;
  object_class->dispose = pilote_clients_view_dispose;
  object_class->finalize = pilote_clients_view_finalize;
  widget_class->root = pilote_clients_view_root;
  widget_class->unroot = pilote_clients_view_unroot;

  /**
   * PiloteClientsView:store: (nullable)
   *
   * The file whose clients are shown.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-clients-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PiloteClientsView, detail_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clients-view");
  pilote_clients_view_class_init_actions (widget_class);
}

static void
pilote_clients_view_init (PiloteClientsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pilote_date_set_today (&self->today);

  self->search_reader = pilote_reader_slot_new ();
  self->model = pilote_client_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate_cb), self, 0);
  pilote_clients_view_init_list (self);
  pilote_clients_view_init_actions (self);
  update_count (self);
}
