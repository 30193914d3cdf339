/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-field-text.h"
#include "pilote-history.h"
#include "pilote-history-dialog.h"
#include "pilote-worker.h"

/*
 * The audit history of one record: who changed which field from what to
 * what, and when, newest first. Pages of entries are read on a worker
 * thread with a read-only connection of its own; "Show More" reads the
 * next page.
 */

#define PAGE_SIZE 40

struct _PiloteHistoryDialog
{
  AdwWindow        parent_instance;

  PiloteStore     *store;
  PiloteEntity     entity;
  gint64           row_id;
  guint            n_shown;
  GCancellable    *cancellable;
  gboolean         loading;

  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *empty_page;
  GtkListBox      *list;
  GtkWidget       *more_button;
};

G_DEFINE_FINAL_TYPE (PiloteHistoryDialog, pilote_history_dialog, ADW_TYPE_WINDOW)

/* Reading a page */

typedef struct {
  char         *path;
  PiloteEntity  entity;
  gint64        row_id;
  guint         offset;
} PageRequest;

typedef struct {
  GPtrArray *entries;   /* PiloteHistoryEntry, values made readable */
  gint64     total;
} Page;

static void
page_request_free (PageRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page);
}

static void
read_page_cb (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const PageRequest *request = task_data;
  g_autoptr(PiloteStore) store = NULL;
  Page *page;
  GError *error = NULL;

  store = pilote_store_open (request->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  page = g_new0 (Page, 1);
  page->total = pilote_history_count (store, request->entity, request->row_id, &error);
  if (page->total >= 0)
    page->entries = pilote_history_list (store, request->entity, request->row_id, PAGE_SIZE,
                                         request->offset, &error);
  if (page->total < 0 || page->entries == NULL)
    {
      page_free (page);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < page->entries->len; i++)
    {
      PiloteHistoryEntry *entry = g_ptr_array_index (page->entries, i);

      for (guint j = 0; entry->changes != NULL && j < entry->changes->len; j++)
        {
          PiloteHistoryChange *change = g_ptr_array_index (entry->changes, j);
          char *old_text = pilote_field_text_display (store, request->entity, change->field,
                                                      change->old_value);
          char *new_text = pilote_field_text_display (store, request->entity, change->field,
                                                      change->new_value);

          g_free (change->old_value);
          change->old_value = old_text;
          g_free (change->new_value);
          change->new_value = new_text;
        }
    }
  g_task_return_pointer (task, page, (GDestroyNotify) page_free);
}

/* Showing entries */

static GDateTime *
parse_changed_at (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return iso != NULL ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
}

static char *
format_relative (GDateTime *when,
                 GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, when);
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = span / G_TIME_SPAN_HOUR;
  gint64 days = span / G_TIME_SPAN_DAY;

  if (minutes < 1)
    return g_strdup (_("Just now"));
  if (hours < 1)
    return g_strdup_printf (g_dngettext (NULL, "%d minute ago", "%d minutes ago", minutes),
                            (int) minutes);
  if (days < 1)
    return g_strdup_printf (g_dngettext (NULL, "%d hour ago", "%d hours ago", hours), (int) hours);
  if (days < 2)
    return g_strdup (_("Yesterday"));
  if (days < 30)
    return g_strdup_printf (g_dngettext (NULL, "%d day ago", "%d days ago", days), (int) days);
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (when);

    /* Translators: a date, see g_date_time_format () */
    return g_date_time_format (local, _("%-d %B %Y"));
  }
}

static const char *
action_text (const char *action)
{
  if (g_strcmp0 (action, "insert") == 0)
    return C_("history", "Created");
  if (g_strcmp0 (action, "delete") == 0)
    return C_("history", "Deleted");
  if (g_strcmp0 (action, "restore") == 0)
    return C_("history", "Restored");
  if (g_strcmp0 (action, "import") == 0)
    return C_("history", "Imported");
  return C_("history", "Changed");
}

static GtkWidget *
entry_row (PiloteHistoryEntry *entry,
           GDateTime          *now)
{
  g_autoptr(GDateTime) when = parse_changed_at (entry->changed_at);
  g_autofree char *relative = when != NULL ? format_relative (when, now)
                                           : g_strdup (entry->changed_at);
  g_autofree char *heading = NULL;
  g_autofree char *exact = NULL;
  const char *who = entry->changed_by_name != NULL ? entry->changed_by_name
                                                   : _("Someone unknown");
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label, *time_label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Translators: "Claire Martin · Changed" */
  heading = g_strdup_printf (_("%s · %s"), who, action_text (entry->action));
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);

  time_label = gtk_label_new (relative);
  gtk_widget_add_css_class (time_label, "dim-label");
  gtk_widget_add_css_class (time_label, "caption");
  if (when != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);

      /* Translators: the exact moment of a change, see g_date_time_format () */
      exact = g_date_time_format (local, _("%A %-d %B %Y, %H:%M:%S"));
      gtk_widget_set_tooltip_text (time_label, exact);
    }
  gtk_box_append (GTK_BOX (top), time_label);
  gtk_box_append (GTK_BOX (box), top);

  for (guint i = 0; entry->changes != NULL && i < entry->changes->len; i++)
    {
      PiloteHistoryChange *change = g_ptr_array_index (entry->changes, i);
      g_autofree char *text = NULL;
      GtkWidget *line;

      if (g_strcmp0 (entry->action, "update") == 0)
        /* Translators: "Amount: 1 200,00 € → 1 500,00 €" */
        text = g_strdup_printf (_("%s: %s → %s"),
                                change->label != NULL ? change->label : change->field,
                                change->old_value, change->new_value);
      else
        /* Translators: a field and its value: "Amount: 1 200,00 €" */
        text = g_strdup_printf (_("%s: %s"),
                                change->label != NULL ? change->label : change->field,
                                change->new_value);
      line = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (line), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      gtk_box_append (GTK_BOX (box), line);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
on_page_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PiloteHistoryDialog *self = PILOTE_HISTORY_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Page *page = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (self->more_button, TRUE);
  if (page == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->empty_page, _("The History Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < page->entries->len; i++)
    gtk_list_box_append (self->list, entry_row (g_ptr_array_index (page->entries, i), now));
  self->n_shown += page->entries->len;
  gtk_widget_set_visible (self->more_button,
                          page->entries->len > 0 && (gint64) self->n_shown < page->total);
  gtk_stack_set_visible_child_name (self->stack, self->n_shown > 0 ? "list" : "empty");
  page_free (page);
}

static void
load_page (PiloteHistoryDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PageRequest *request;

  if (self->loading)
    return;
  self->loading = TRUE;
  if (self->n_shown == 0)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  gtk_widget_set_sensitive (self->more_button, FALSE);
  request = g_new0 (PageRequest, 1);
  request->path = g_strdup (pilote_store_get_path (self->store));
  request->entity = self->entity;
  request->row_id = self->row_id;
  request->offset = self->n_shown;
  task = pilote_worker_task_new (self, self->cancellable, on_page_read_cb);
  g_task_set_source_tag (task, load_page);
  g_task_set_task_data (task, request, (GDestroyNotify) page_request_free);
  g_task_run_in_thread (task, read_page_cb);
}

static void
on_more_clicked_cb (PiloteHistoryDialog *self)
{
  load_page (self);
}

/**
 * pilote_history_dialog_new:
 * @thing: (nullable): what the record is, shown as the subtitle
 *
 * Returns: (transfer floating): the dialog, reading its first page
 */
PiloteHistoryDialog *
pilote_history_dialog_new (GtkWindow    *parent,
                           PiloteStore  *store,
                           PiloteEntity  entity,
                           gint64        row_id,
                           const char   *thing)
{
  PiloteHistoryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (row_id > 0, NULL);

  self = g_object_new (PILOTE_TYPE_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->entity = entity;
  self->row_id = row_id;
  adw_window_title_set_subtitle (self->window_title, thing != NULL ? thing : "");
  load_page (self);
  return self;
}

gboolean
pilote_history_dialog_is_loading (PiloteHistoryDialog *self)
{
  g_return_val_if_fail (PILOTE_IS_HISTORY_DIALOG (self), FALSE);
  return self->loading;
}

guint
pilote_history_dialog_get_n_shown (PiloteHistoryDialog *self)
{
  g_return_val_if_fail (PILOTE_IS_HISTORY_DIALOG (self), 0);
  return self->n_shown;
}

/**
 * pilote_history_dialog_get_list:
 *
 * Returns: (transfer none): the list of entries, one row each
 */
GtkListBox *
pilote_history_dialog_get_list (PiloteHistoryDialog *self)
{
  g_return_val_if_fail (PILOTE_IS_HISTORY_DIALOG (self), NULL);
  return self->list;
}

/**
 * pilote_history_dialog_show_more:
 *
 * Reads the next page, as "Show More" does.
 */
void
pilote_history_dialog_show_more (PiloteHistoryDialog *self)
{
  g_return_if_fail (PILOTE_IS_HISTORY_DIALOG (self));
  load_page (self);
}

static void
pilote_history_dialog_dispose (GObject *object)
{
  PiloteHistoryDialog *self = PILOTE_HISTORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_HISTORY_DIALOG);
  G_OBJECT_CLASS (pilote_history_dialog_parent_class)->dispose (object);
}

static void
pilote_history_dialog_finalize (GObject *object)
{
  PiloteHistoryDialog *self = PILOTE_HISTORY_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_history_dialog_parent_class)->finalize (object);
}

static void
pilote_history_dialog_class_init (PiloteHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_history_dialog_dispose;
  object_class->finalize = pilote_history_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteHistoryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteHistoryDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteHistoryDialog, list);
  gtk_widget_class_bind_template_child (widget_class, PiloteHistoryDialog, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);
}

static void
pilote_history_dialog_init (PiloteHistoryDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
