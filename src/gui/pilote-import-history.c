/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "pilote-import-batch.h"
#include "pilote-import-history.h"
#include "pilote-import.h"
#include "pilote-money.h"

/* The import history: the file's imports, newest first, who ran them and
 * what they wrote, each with an Undo. */

#define PAGE_SIZE 100

struct _PiloteImportHistory
{
  AdwWindow      parent_instance;

  PiloteStore   *store;
  guint          shown;       /* batches listed */
  gint64         undoing;     /* the batch being undone, 0 when none */

  GtkStack      *stack;
  GtkListBox    *list;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (PiloteImportHistory, pilote_import_history, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Undo, shared with the assistant's summary */

/**
 * pilote_import_history_undo_dialog_new:
 *
 * Returns: (transfer floating): the dialog that asks before an import is
 *   undone; its "undo" response confirms
 */
GtkWidget *
pilote_import_history_undo_dialog_new (GtkWindow *parent)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Undo This Import?"),
                                              _("The records it added are deleted and the "
                                                "records it changed get their earlier values "
                                                "back. Changes made to them since are lost."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "undo", _("_Undo Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

typedef struct {
  char   *path;
  gint64  member_id;
  gint64  batch_id;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_free (undo->path);
  g_free (undo);
}

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UndoData *undo = task_data;
  g_autoptr(PiloteStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pilote_store_open (undo->path, PILOTE_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    pilote_store_set_member_id (store, undo->member_id);
  if (store == NULL || !pilote_import_undo (store, undo->batch_id, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pilote_import_history_undo_async:
 *
 * Undoes import @batch_id in a thread, on a connection of its own to
 * @store's file.
 */
void
pilote_import_history_undo_async (PiloteStore         *store,
                                  gint64               batch_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UndoData *undo = g_new0 (UndoData, 1);

  g_return_if_fail (PILOTE_IS_STORE (store));

  undo->path = g_strdup (pilote_store_get_path (store));
  undo->member_id = pilote_store_get_member_id (store);
  undo->batch_id = batch_id;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pilote_import_history_undo_async);
  g_task_set_task_data (task, undo, undo_data_free);
  g_task_run_in_thread (task, undo_thread);
}

gboolean
pilote_import_history_undo_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The list */

static const char *
entity_label (PiloteEntity entity)
{
  switch (entity)
    {
    case PILOTE_ENTITY_TEAM:
      return _("Teams");
    case PILOTE_ENTITY_MEMBER:
      return _("Team members");
    case PILOTE_ENTITY_CLIENT:
      return _("Clients");
    case PILOTE_ENTITY_CONTACT:
      return _("Contacts");
    case PILOTE_ENTITY_PRODUCT:
      return _("Products");
    case PILOTE_ENTITY_DEAL:
      return _("Deals");
    case PILOTE_ENTITY_DEAL_LINE:
      return _("Deal lines");
    case PILOTE_ENTITY_ACTIVITY:
      return _("Activities");
    case PILOTE_ENTITY_OBJECTIVE:
      return _("Objectives");
    case PILOTE_ENTITY_SPEND:
      return _("Spend");
    case PILOTE_ENTITY_SEGMENT:
    case PILOTE_ENTITY_CHANNEL:
    case PILOTE_ENTITY_COMPETITOR:
    case PILOTE_ENTITY_LOST_REASON:
    case PILOTE_ENTITY_STAGE:
    case PILOTE_ENTITY_ACTION:
    case PILOTE_ENTITY_SWOT_ITEM:
    case PILOTE_ENTITY_PERIOD_NOTE:
    case PILOTE_N_ENTITIES:
    default:
      return _("Records");
    }
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  /* Translators: when an import ran, see g_date_time_format () */
  return g_date_time_format (local, _("%x at %H:%M"));
}

static void undo_clicked_cb (GtkButton           *button,
                             PiloteImportHistory *self);

static GtkWidget *
new_batch_row (PiloteImportHistory     *self,
               const PiloteImportBatch *batch)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_time (batch->imported_at);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (when);
  g_autofree char *rows = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *updated = NULL;

  /* Translators: an import: its number, its file and what it brought in, e.g.
   * "3. accounts.csv: Clients" */
  title = g_strdup_printf (_("%" PRId64 ". %s: %s"), batch->id,
                           batch->source != NULL ? batch->source : _("Unnamed file"),
                           entity_label (batch->entity));
  if (batch->imported_by != NULL)
    /* Translators: who ran an import */
    g_string_append_printf (subtitle, _(" · by %s"), batch->imported_by);
  g_string_append (subtitle, " · ");
  rows = pilote_count_format (batch->inserted + batch->updated);
  inserted = pilote_count_format (batch->inserted);
  updated = pilote_count_format (batch->updated);
  g_string_append_printf (subtitle,
                          ngettext ("%s row: ", "%s rows: ", batch->inserted + batch->updated),
                          rows);
  g_string_append_printf (subtitle, ngettext ("%s added", "%s added", batch->inserted), inserted);
  g_string_append (subtitle, ", ");
  g_string_append_printf (subtitle, ngettext ("%s updated", "%s updated", batch->updated),
                          updated);
  if (batch->created > 0)
    {
      g_autofree char *created = pilote_count_format (batch->created);

      g_string_append (subtitle, ", ");
      g_string_append_printf (subtitle, ngettext ("%s related record created",
                                                  "%s related records created",
                                                  batch->created), created);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_object_set_data (G_OBJECT (row), "batch-id", GSIZE_TO_POINTER ((gsize) batch->id));

  if (batch->undone_at != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Undone"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo…"));
      /* Translators: the accessible name of the Undo button of an import */
      g_autofree char *name = g_strdup_printf (_("Undo import %" PRId64), batch->id);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, !pilote_store_is_read_only (self->store) &&
                                        self->undoing == 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data (G_OBJECT (button), "batch-id", GSIZE_TO_POINTER ((gsize) batch->id));
      g_signal_connect (button, "clicked", G_CALLBACK (undo_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
show_more_cb (AdwActionRow        *row,
              PiloteImportHistory *self);

static void
show_error (PiloteImportHistory *self,
            const char          *heading,
            const char          *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Lists the next page of imports */
static void
append_page (PiloteImportHistory *self)
{
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *more;
  gint64 total;

  batches = pilote_import_batch_list (self->store, PAGE_SIZE, self->shown, &error);
  total = batches != NULL ? pilote_import_batch_count (self->store, &error) : -1;
  if (batches == NULL || total < 0)
    {
      show_error (self, _("The Import History Could Not Be Read"), error->message);
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    gtk_list_box_append (self->list, new_batch_row (self, g_ptr_array_index (batches, i)));
  self->shown += batches->len;

  if ((gint64) self->shown < total)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Show %" PRId64 " More Import",
                                                          "Show %" PRId64 " More Imports",
                                                          total - self->shown),
                                                total - self->shown);

      more = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), TRUE);
      g_signal_connect (more, "activated", G_CALLBACK (show_more_cb), self);
      gtk_list_box_append (self->list, more);
    }
  gtk_stack_set_visible_child_name (self->stack, self->shown > 0 ? "list" : "empty");
}

static void
show_more_cb (AdwActionRow        *row,
              PiloteImportHistory *self)
{
  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  append_page (self);
}

/**
 * pilote_import_history_reload:
 *
 * Lists the file's imports again, from the newest.
 */
void
pilote_import_history_reload (PiloteImportHistory *self)
{
  GtkWidget *child;

  g_return_if_fail (PILOTE_IS_IMPORT_HISTORY (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->shown = 0;
  append_page (self);
}

GtkListBox *
pilote_import_history_get_list (PiloteImportHistory *self)
{
  g_return_val_if_fail (PILOTE_IS_IMPORT_HISTORY (self), NULL);
  return self->list;
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PiloteImportHistory) self = user_data;
  g_autoptr(GError) error = NULL;

  self->undoing = 0;
  if (!pilote_import_history_undo_finish (result, &error) && self->store != NULL)
    show_error (self, _("The Import Could Not Be Undone"), error->message);
  if (self->store != NULL)
    pilote_import_history_reload (self);
}

static void
undo_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  PiloteImportHistory *self)
{
  gint64 batch_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "batch-id"));

  if (!g_str_equal (response, "undo") || self->undoing != 0)
    return;
  self->undoing = batch_id;
  pilote_import_history_reload (self);
  pilote_import_history_undo_async (self->store, batch_id, NULL, undo_done_cb,
                                    g_object_ref (self));
}

/**
 * pilote_import_history_undo_batch:
 *
 * Asks whether import @batch_id should be undone, and undoes it if so.
 */
void
pilote_import_history_undo_batch (PiloteImportHistory *self,
                                  gint64               batch_id)
{
  GtkWidget *dialog;

  g_return_if_fail (PILOTE_IS_IMPORT_HISTORY (self));

  dialog = pilote_import_history_undo_dialog_new (GTK_WINDOW (self));
  g_object_set_data (G_OBJECT (dialog), "batch-id", GSIZE_TO_POINTER ((gsize) batch_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_clicked_cb (GtkButton           *button,
                 PiloteImportHistory *self)
{
  pilote_import_history_undo_batch (self, (gint64) GPOINTER_TO_SIZE (
                                      g_object_get_data (G_OBJECT (button), "batch-id")));
}

/* Lifecycle */

PiloteImportHistory *
pilote_import_history_new (GtkWindow   *parent,
                           PiloteStore *store)
{
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  return g_object_new (PILOTE_TYPE_IMPORT_HISTORY,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

static void
pilote_import_history_constructed (GObject *object)
{
  PiloteImportHistory *self = PILOTE_IMPORT_HISTORY (object);

  G_OBJECT_CLASS (pilote_import_history_parent_class)->constructed (object);
  pilote_import_history_reload (self);
}

static void
pilote_import_history_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PiloteImportHistory *self = PILOTE_IMPORT_HISTORY (object);

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
pilote_import_history_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PiloteImportHistory *self = PILOTE_IMPORT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_import_history_dispose (GObject *object)
{
  PiloteImportHistory *self = PILOTE_IMPORT_HISTORY (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_import_history_parent_class)->dispose (object);
}

static void
pilote_import_history_class_init (PiloteImportHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pilote_import_history_constructed;
  object_class->get_property = pilote_import_history_get_property;
  object_class->set_property = pilote_import_history_set_property;
  object_class->dispose = pilote_import_history_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pilote_import_history_init (PiloteImportHistory *self)
{
  GtkWidget *box, *header, *scrolled, *clamp;

  gtk_window_set_title (GTK_WINDOW (self), _("Import History"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Imports Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("Files brought in with Import CSV are listed here, and "
                                     "each can be undone."));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Imports"), -1);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");

  adw_window_set_content (ADW_WINDOW (self), box);
}
