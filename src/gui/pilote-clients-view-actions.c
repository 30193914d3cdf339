/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>

#include "pilote-client-editor.h"
#include "pilote-clients-view-private.h"
#include "pilote-contact-editor.h"
#include "pilote-deal-editor.h"
#include "pilote-error.h"
#include "pilote-record-editor.h"

/*
 * What can be done from the Clients view: create and edit clients and
 * their contacts, open a deal, archive a client as former, delete with
 * an Undo toast (deletes are soft), merge two duplicates, and export the
 * list as it is filtered and sorted.
 */

static GtkWindow *
parent_window (PiloteClientsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
pilote_clients_view_update_actions (PiloteClientsView *self)
{
  gboolean file = self->store != NULL;
  gboolean writable = file && !pilote_store_is_read_only (self->store);
  gboolean shown = self->client != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.export", file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.edit", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.delete", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.merge", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.archive",
                                 writable && shown &&
                                 self->client->kind != PILOTE_CLIENT_KIND_FORMER);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.new-contact", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.edit-contact", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.remove-contact", writable && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.edit-deal", file && shown);
}

/* Editing */

static void
on_client_saved_cb (PiloteClientEditor *editor,
                    gint64              client_id,
                    PiloteClientsView  *self)
{
  pilote_clients_view_reload (self);
  pilote_clients_view_show_client (self, client_id);
}

/**
 * pilote_clients_view_edit_client:
 * @client_id: the client to edit, or 0 for a new one
 *
 * Returns: (transfer none) (nullable): the editor, shown
 */
GtkWidget *
pilote_clients_view_edit_client (PiloteClientsView *self,
                                 gint64             client_id)
{
  g_autoptr(GError) error = NULL;
  PiloteClientEditor *editor;

  if (self->store == NULL)
    return NULL;
  editor = pilote_client_editor_new (self->store, client_id, parent_window (self), &error);
  if (editor == NULL)
    {
      pilote_clients_view_show_error (self, _("Could Not Open the Client"), error->message);
      pilote_clients_view_reload (self);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_client_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static void
on_contact_saved_cb (PiloteContactEditor *editor,
                     gint64               contact_id,
                     PiloteClientsView   *self)
{
  pilote_clients_view_reload (self);
}

/**
 * pilote_clients_view_edit_contact:
 * @contact_id: the contact to edit, or 0 for a new contact of the client shown
 *
 * Returns: (transfer none) (nullable): the editor, shown
 */
GtkWidget *
pilote_clients_view_edit_contact (PiloteClientsView *self,
                                  gint64             contact_id)
{
  g_autoptr(GError) error = NULL;
  PiloteContactEditor *editor;

  if (self->store == NULL || self->client == NULL)
    return NULL;
  editor = pilote_contact_editor_new (self->store, self->client->base.id, contact_id,
                                      parent_window (self), &error);
  if (editor == NULL)
    {
      pilote_clients_view_show_error (self, _("Could Not Open the Contact"), error->message);
      pilote_clients_view_reload (self);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_contact_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

/* Deletes, with Undo */

static void
forget_undo_toast (PiloteClientsView *self)
{
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
}

/**
 * pilote_clients_view_undo_delete:
 *
 * Brings back what the last delete toast names.
 */
void
pilote_clients_view_undo_delete (PiloteClientsView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = self->undo_id;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo_toast (self);
  self->undo_id = 0;
  if (id == 0 || self->store == NULL)
    return;
  if (!pilote_store_restore (self->store, self->undo_entity, id, &error))
    pilote_clients_view_show_error (self, _("Could Not Undo the Delete"), error->message);
  pilote_clients_view_reload (self);
  if (self->undo_entity == PILOTE_ENTITY_CLIENT)
    pilote_clients_view_show_client (self, id);
}

static void
on_undo_clicked_cb (AdwToast          *toast,
                    PiloteClientsView *self)
{
  pilote_clients_view_undo_delete (self);
}

/**
 * pilote_clients_view_deleted:
 *
 * Offers to undo a delete in a toast, and reads the list again.
 */
void
pilote_clients_view_deleted (PiloteClientsView *self,
                             PiloteEntity       entity,
                             gint64             id,
                             const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo_toast (self);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  self->undo_toast = toast;
  self->undo_entity = entity;
  self->undo_id = id;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  pilote_clients_view_reload (self);
}

AdwToast *
pilote_clients_view_get_undo_toast (PiloteClientsView *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENTS_VIEW (self), NULL);
  return self->undo_toast;
}

/* Merge */

typedef struct {
  PiloteClientsView *view;
  GtkDropDown       *keep;
  GtkLabel          *summary;
  gint64             ids[2];
  gint64             versions[2];
  GtkWidget         *search;
  GtkDropDown       *other;
  GArray            *other_ids;
  GtkStringList     *keep_names;
  gboolean           updating;
} MergeRequest;

static void
merge_request_free (MergeRequest *request)
{
  g_clear_pointer (&request->other_ids, g_array_unref);
  g_clear_object (&request->keep_names);
  g_free (request);
}

static void
update_merge_summary (MergeRequest *request)
{
  PiloteClientsView *self = request->view;
  guint keep = gtk_drop_down_get_selected (request->keep);
  guint other = gtk_drop_down_get_selected (request->other);
  g_autoptr(GError) error = NULL;
  g_autofree char *deals = NULL, *contacts = NULL, *activities = NULL, *text = NULL;
  PiloteClientMergeSummary summary;
  gint64 keep_id, other_id;
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (request->summary),
                                               ADW_TYPE_MESSAGE_DIALOG);

  if (request->updating)
    return;
  if (request->other_ids == NULL || other >= request->other_ids->len)
    {
      gtk_label_set_text (request->summary, _("Search for the duplicate, then choose it."));
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", FALSE);
      return;
    }
  request->ids[1] = g_array_index (request->other_ids, gint64, other);
  {
    g_autoptr(PiloteClient) chosen = pilote_store_get_client (self->store, request->ids[1], NULL);

    request->versions[1] = chosen != NULL ? chosen->base.version : 0;
  }
  if (!request->updating)
    {
      g_autoptr(PiloteClient) a = pilote_store_get_client (self->store, request->ids[0], NULL);
      g_autoptr(PiloteClient) b = pilote_store_get_client (self->store, request->ids[1], NULL);
      g_autofree char *keep_a = NULL, *keep_b = NULL;
      const char *labels[3] = { NULL, NULL, NULL };

      if (a != NULL && b != NULL)
        {
          /* Translators: the choice of the client to keep in a merge */
          keep_a = g_strdup_printf (_("Keep “%s”"), a->name);
          keep_b = g_strdup_printf (_("Keep “%s”"), b->name);
          labels[0] = keep_a;
          labels[1] = keep_b;
          request->updating = TRUE;
          gtk_string_list_splice (request->keep_names, 0,
                                  g_list_model_get_n_items (G_LIST_MODEL (request->keep_names)),
                                  labels);
          gtk_drop_down_set_selected (request->keep, keep == 1 ? 1 : 0);
          request->updating = FALSE;
        }
    }
  keep_id = request->ids[keep == 1 ? 1 : 0];
  other_id = request->ids[keep == 1 ? 0 : 1];
  if (!pilote_client_merge_preview (self->store, keep_id, other_id, &summary, &error))
    {
      gtk_label_set_text (request->summary, error->message);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", FALSE);
      return;
    }
  deals = g_strdup_printf (g_dngettext (NULL, "%" PRId64 " deal", "%" PRId64 " deals",
                                        summary.deals), summary.deals);
  contacts = g_strdup_printf (g_dngettext (NULL, "%" PRId64 " contact", "%" PRId64 " contacts",
                                           summary.contacts), summary.contacts);
  activities = g_strdup_printf (g_dngettext (NULL, "%" PRId64 " activity",
                                             "%" PRId64 " activities", summary.activities),
                                summary.activities);
  /* Translators: what a merge moves: "12 deals, 2 contacts and 5 activities move to the
   * client kept; 3 of its empty fields are filled; the other is deleted." */
  text = g_strdup_printf (g_dngettext (NULL,
                                       "%s, %s and %s move to the client kept; %u of its "
                                       "empty fields is filled from the other, which is then "
                                       "deleted.",
                                       "%s, %s and %s move to the client kept; %u of its "
                                       "empty fields are filled from the other, which is then "
                                       "deleted.",
                                       summary.fields),
                          deals, contacts, activities, summary.fields);
  gtk_label_set_text (request->summary, text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", TRUE);
}

static void
on_merge_search_changed_cb (GtkSearchEntry *entry,
                            MergeRequest   *request)
{
  PiloteClientsView *self = request->view;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  PiloteClientFilter filter;

  pilote_client_filter_init (&filter);
  filter.search = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_clear_pointer (&request->other_ids, g_array_unref);
  request->other_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  if (filter.search != NULL && *filter.search != '\0')
    rows = pilote_client_list (self->store, &filter, PILOTE_CLIENT_SORT_NAME, FALSE, 50, 0, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const PiloteClientRow *row = g_ptr_array_index (rows, i);
      g_autofree char *label = NULL;

      if (row->id == request->ids[0])
        continue;
      label = row->city != NULL ? g_strdup_printf ("%s (%s)", row->name, row->city)
                                : g_strdup (row->name);
      gtk_string_list_append (names, label);
      g_array_append_val (request->other_ids, row->id);
    }
  gtk_drop_down_set_model (request->other, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (request->other, 0);
  update_merge_summary (request);
}

static void
on_merge_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      MergeRequest     *request)
{
  PiloteClientsView *self = request->view;
  g_autoptr(GError) error = NULL;
  PiloteClientMergeSummary summary;
  guint keep = gtk_drop_down_get_selected (request->keep) == 1 ? 1 : 0;

  if (g_strcmp0 (response, "merge") != 0 || self->store == NULL || request->ids[1] == 0)
    return;
  if (!pilote_client_merge (self->store, request->ids[keep], request->versions[keep],
                            request->ids[1 - keep], request->versions[1 - keep], &summary,
                            &error))
    {
      pilote_clients_view_show_error (self, _("Could Not Merge the Clients"), error->message);
      pilote_clients_view_reload (self);
      return;
    }
  pilote_clients_view_show_toast (self, _("Clients merged"));
  pilote_clients_view_reload (self);
  pilote_clients_view_show_client (self, request->ids[keep]);
}

/**
 * pilote_clients_view_merge:
 *
 * Asks which client to merge the client shown with, and which of the two
 * to keep, with a summary of what moves.
 *
 * Returns: (transfer none) (nullable): the dialog, shown
 */
GtkWidget *
pilote_clients_view_merge (PiloteClientsView *self)
{
  MergeRequest *request;
  GtkWidget *dialog, *box, *search, *other, *keep, *summary;
  g_autofree char *body = NULL;

  if (self->store == NULL || self->client == NULL)
    return NULL;
  request = g_new0 (MergeRequest, 1);
  request->view = self;
  request->ids[0] = self->client->base.id;
  request->versions[0] = self->client->base.version;

  /* Translators: the body of the merge dialog */
  body = g_strdup_printf (_("Find the duplicate of “%s”, then choose which record to keep."),
                          self->client->name);
  dialog = adw_message_dialog_new (parent_window (self), _("Merge Duplicate Clients"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text", _("Search the duplicate"), NULL);
  other = gtk_drop_down_new (NULL, NULL);
  request->keep_names = gtk_string_list_new (NULL);
  keep = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (request->keep_names)), NULL);
  summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (summary), 40);
  gtk_accessible_update_property (GTK_ACCESSIBLE (other), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Duplicate"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (keep), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Client to keep"), -1);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), other);
  gtk_box_append (GTK_BOX (box), keep);
  gtk_box_append (GTK_BOX (box), summary);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  request->search = search;
  request->other = GTK_DROP_DOWN (other);
  request->keep = GTK_DROP_DOWN (keep);
  request->summary = GTK_LABEL (summary);
  g_object_set_data_full (G_OBJECT (dialog), "pilote-merge", request,
                          (GDestroyNotify) merge_request_free);
  g_signal_connect (search, "search-changed", G_CALLBACK (on_merge_search_changed_cb), request);
  g_signal_connect_swapped (other, "notify::selected", G_CALLBACK (update_merge_summary), request);
  g_signal_connect_swapped (keep, "notify::selected", G_CALLBACK (update_merge_summary), request);
  g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response_cb), request);
  update_merge_summary (request);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Export */

/**
 * pilote_clients_view_export_to:
 *
 * Writes the list as it is searched, filtered and sorted to @file, as
 * CSV (semicolons and decimal commas where the locale writes numbers so).
 */
gboolean
pilote_clients_view_export_to (PiloteClientsView  *self,
                               GFile              *file,
                               GError            **error)
{
  g_autoptr(GFileOutputStream) output = NULL;
  PiloteClientFilter filter;
  PiloteClientSort sort;
  gboolean descending;
  guint64 rows = 0;
  struct lconv *conv = localeconv ();
  PiloteCsvDialect dialect = conv != NULL && conv->decimal_point != NULL &&
                             conv->decimal_point[0] == ',' ? PILOTE_CSV_DIALECT_FRENCH
                                                           : PILOTE_CSV_DIALECT_STANDARD;

  g_return_val_if_fail (PILOTE_IS_CLIENTS_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (output == NULL)
    return FALSE;
  pilote_clients_view_get_filter (self, &filter);
  sort = pilote_client_model_get_sort (self->model, &descending);
  if (!pilote_client_export (self->store, &filter, sort, descending, dialect,
                             G_OUTPUT_STREAM (output), &rows, NULL, error))
    return FALSE;
  if (!g_output_stream_close (G_OUTPUT_STREAM (output), NULL, error))
    return FALSE;
  {
    /* Translators: a toast after an export */
    g_autofree char *message = g_strdup_printf (g_dngettext (NULL,
                                                             "%" PRIu64 " client exported",
                                                             "%" PRIu64 " clients exported",
                                                             rows), rows);

    pilote_clients_view_show_toast (self, message);
  }
  return TRUE;
}

static void
on_export_response_cb (GtkNativeDialog   *chooser,
                       int                response,
                       PiloteClientsView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL && self->store != NULL && !pilote_clients_view_export_to (self, file, &error))
    pilote_clients_view_show_error (self, _("Could Not Export the Clients"), error->message);
  g_object_unref (self);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pilote_clients_view_edit_client (PILOTE_CLIENTS_VIEW (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);

  if (self->client != NULL)
    pilote_clients_view_edit_client (self, self->client->base.id);
}

static void
on_client_deleted_cb (gpointer      owner,
                      gint64        id,
                      gboolean      deleted,
                      const GError *error)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (owner);
  g_autoptr(PiloteClient) client = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!deleted)
    {
      if (error != NULL)
        pilote_clients_view_show_error (self, _("Could Not Delete the Client"), error->message);
      pilote_clients_view_reload (self);
      return;
    }
  client = self->store != NULL ? pilote_store_get_client (self->store, id, NULL) : NULL;
  /* a toast's title is markup */
  name = g_markup_escape_text (client != NULL && client->name != NULL ? client->name : "", -1);
  /* Translators: a toast after a client was deleted */
  message = g_strdup_printf (_("“%s” deleted"), name);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  pilote_clients_view_deleted (self, PILOTE_ENTITY_CLIENT, id, message);
}

/* deleting a client someone else changed since it was shown asks first */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);

  if (self->client == NULL || self->store == NULL)
    return;
  pilote_record_delete_checked (parent_window (self), self->store, self->client,
                                self->client->name, on_client_deleted_cb, self);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);
  g_autoptr(PiloteClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (self->client == NULL || self->store == NULL)
    return;
  client = pilote_record_copy (self->client);
  client->kind = PILOTE_CLIENT_KIND_FORMER;
  if (!pilote_store_update (self->store, client, &error))
    pilote_clients_view_show_error (self, _("Could Not Archive the Client"), error->message);
  else
    pilote_clients_view_show_toast (self, _("Archived as a former client"));
  pilote_clients_view_reload (self);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pilote_clients_view_merge (PILOTE_CLIENTS_VIEW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Clients"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file name an export of the clients is offered */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("clients.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pilote_clients_view_edit_contact (PILOTE_CLIENTS_VIEW (widget), 0);
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pilote_clients_view_edit_contact (PILOTE_CLIENTS_VIEW (widget),
                                    g_variant_get_int64 (parameter));
}

static void
on_contact_removed_cb (gpointer      owner,
                       gint64        id,
                       gboolean      deleted,
                       const GError *error)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (owner);

  if (deleted)
    {
      pilote_clients_view_deleted (self, PILOTE_ENTITY_CONTACT, id, _("Contact removed"));
      return;
    }
  if (error != NULL)
    pilote_clients_view_show_error (self, _("Could Not Remove the Contact"), error->message);
  pilote_clients_view_reload (self);
}

/* removing a contact someone else changed since it was shown asks first */
static void
remove_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);
  g_autoptr(PiloteContact) seen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, version;

  g_variant_get (parameter, "(xx)", &id, &version);
  if (self->store == NULL)
    return;
  seen = pilote_store_get_contact (self->store, id, &error);
  if (seen == NULL)
    {
      on_contact_removed_cb (self, id, FALSE, error);
      return;
    }
  /* the version shown, which the store checks */
  seen->base.version = version;
  pilote_record_delete_checked (parent_window (self), self->store, seen, seen->name,
                                on_contact_removed_cb, self);
}

static void
on_deal_changed_cb (PiloteClientsView *self)
{
  pilote_clients_view_reload (self);
}

static void
edit_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  PiloteDealEditor *editor;

  if (self->store == NULL)
    return;
  editor = pilote_deal_editor_new (self->store, g_variant_get_int64 (parameter), &self->today,
                                   parent_window (self), &error);
  if (editor == NULL)
    {
      pilote_clients_view_show_error (self, _("Could Not Open the Deal"), error->message);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_deal_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_deal_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
pilote_clients_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "clients.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "clients.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "clients.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "clients.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "clients.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "clients.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "clients.new-contact", NULL,
                                   new_contact_action);
  gtk_widget_class_install_action (widget_class, "clients.edit-contact", "x",
                                   edit_contact_action);
  gtk_widget_class_install_action (widget_class, "clients.remove-contact", "(xx)",
                                   remove_contact_action);
  gtk_widget_class_install_action (widget_class, "clients.edit-deal", "x", edit_deal_action);
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PiloteClientsView *self = PILOTE_CLIENTS_VIEW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
pilote_clients_view_init_actions (PiloteClientsView *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n,
                                                                                  GDK_CONTROL_MASK |
                                                                                  GDK_ALT_MASK),
                                                          gtk_named_action_new ("clients.new")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (focus_search_cb,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  pilote_clients_view_update_actions (self);
}
