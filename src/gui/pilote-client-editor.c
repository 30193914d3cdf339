/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-client-editor.h"
#include "pilote-client-list.h"
#include "pilote-error.h"
#include "pilote-history-dialog.h"
#include "pilote-record.h"

/*
 * The dialog that creates or edits a client. Saving checks the fields
 * (a clear message under the header bar, nothing written) and the
 * version read: when someone else saved the client meanwhile, a dialog
 * lists their values beside the user's and lets the user keep editing,
 * take theirs, or save theirs over with the user's values, knowingly.
 */

struct _PiloteClientEditor
{
  AdwWindow      parent_instance;

  PiloteStore   *store;
  PiloteClient  *client;      /* as read from the file */
  GHashTable    *entries;     /* field name → AdwEntryRow */
  AdwComboRow   *kind_row;
  AdwComboRow   *owner_row;
  AdwComboRow   *segment_row;
  AdwComboRow   *channel_row;
  GArray        *owner_ids;
  GArray        *segment_ids;
  GArray        *channel_ids;
  GtkTextView   *notes_view;
  GtkLabel      *error_label;
  GtkRevealer   *error_revealer;
  GtkWidget     *conflict_dialog;
};

G_DEFINE_FINAL_TYPE (PiloteClientEditor, pilote_client_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *field;
  const char *label;
} text_fields[] = {
  { "name", N_("Name") },
  { "sector", N_("Sector") },
  { "city", N_("City") },
  { "region", N_("Region") },
  { "country", N_("Country") },
  { "tags", N_("Tags (separated by commas)") },
};

static char **
text_field_ptr (PiloteClient *client,
                const char   *field)
{
  if (g_str_equal (field, "name")) return &client->name;
  if (g_str_equal (field, "sector")) return &client->sector;
  if (g_str_equal (field, "city")) return &client->city;
  if (g_str_equal (field, "region")) return &client->region;
  if (g_str_equal (field, "country")) return &client->country;
  if (g_str_equal (field, "tags")) return &client->tags;
  g_return_val_if_reached (NULL);
}

static void
show_error (PiloteClientEditor *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

const char *
pilote_client_editor_get_error (PiloteClientEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/* A combo row of named records, "none" first; the ids of its rows. */
static GArray *
fill_combo (PiloteClientEditor *self,
            AdwComboRow        *row,
            PiloteEntity        entity,
            gint64              selected_id)
{
  PiloteQuery query = { .sort_field = "name" };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) records = pilote_store_list (self->store, entity, &query, NULL);
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 none = 0;
  guint selected = 0;

  gtk_string_list_append (names, C_("no value", "None"));
  g_array_append_val (ids, none);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const PiloteNamed *named = g_ptr_array_index (records, i);

      gtk_string_list_append (names, named->name);
      g_array_append_val (ids, named->base.id);
      if (named->base.id == selected_id)
        selected = ids->len - 1;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  return ids;
}

static gint64
combo_id (AdwComboRow *row,
          GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
show_client (PiloteClientEditor *self)
{
  GtkTextBuffer *notes = gtk_text_view_get_buffer (self->notes_view);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkEditable *entry = g_hash_table_lookup (self->entries, text_fields[i].field);
      const char *value = *text_field_ptr (self->client, text_fields[i].field);

      gtk_editable_set_text (entry, value != NULL ? value : "");
    }
  adw_combo_row_set_selected (self->kind_row, self->client->kind);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->segment_ids, g_array_unref);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  self->owner_ids = fill_combo (self, self->owner_row, PILOTE_ENTITY_MEMBER,
                                self->client->owner_id);
  self->segment_ids = fill_combo (self, self->segment_row, PILOTE_ENTITY_SEGMENT,
                                  self->client->segment_id);
  self->channel_ids = fill_combo (self, self->channel_row, PILOTE_ENTITY_CHANNEL,
                                  self->client->channel_id);
  gtk_text_buffer_set_text (notes, self->client->notes != NULL ? self->client->notes : "", -1);
  gtk_window_set_title (GTK_WINDOW (self),
                        self->client->base.id > 0 ? _("Edit Client") : _("New Client"));
}

/* the client as the fields say, from the one read */
static PiloteClient *
collect (PiloteClientEditor  *self,
         GError             **error)
{
  g_autoptr(PiloteClient) client = pilote_record_copy (self->client);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  char *notes;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkEditable *entry = g_hash_table_lookup (self->entries, text_fields[i].field);
      char **ptr = text_field_ptr (client, text_fields[i].field);
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

      g_free (*ptr);
      *ptr = *value != '\0' ? g_steal_pointer (&value) : NULL;
    }
  if (client->name == NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Name: type the name of the client or prospect."));
      return NULL;
    }
  client->kind = adw_combo_row_get_selected (self->kind_row);
  if (client->kind > PILOTE_CLIENT_KIND_FORMER)
    client->kind = PILOTE_CLIENT_KIND_PROSPECT;
  client->owner_id = combo_id (self->owner_row, self->owner_ids);
  client->segment_id = combo_id (self->segment_row, self->segment_ids);
  client->channel_id = combo_id (self->channel_row, self->channel_ids);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_free (client->notes);
  client->notes = *g_strstrip (notes) != '\0' ? notes : (g_free (notes), NULL);
  return g_steal_pointer (&client);
}

/**
 * pilote_client_editor_save:
 *
 * Writes the client as the fields say: inserted when new, else updated
 * if nobody changed it since it was read (%PILOTE_ERROR_CONFLICT
 * otherwise). On success emits ::saved.
 */
gboolean
pilote_client_editor_save (PiloteClientEditor  *self,
                           GError             **error)
{
  g_autoptr(PiloteClient) client = NULL;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), FALSE);

  client = collect (self, error);
  if (client == NULL)
    return FALSE;
  if (client->base.id == 0)
    ok = pilote_store_insert (self->store, client, error);
  else
    ok = pilote_store_update (self->store, client, error);
  if (!ok)
    return FALSE;
  g_clear_pointer (&self->client, pilote_client_free);
  self->client = g_steal_pointer (&client);
  g_signal_emit (self, signals[SAVED], 0, self->client->base.id);
  return TRUE;
}

/* Conflicts: theirs beside mine */

static const char *
kind_label (PiloteClientKind kind)
{
  return pilote_client_kind_get_label (kind);
}

static void
describe_difference (GString    *text,
                     const char *label,
                     const char *theirs,
                     const char *mine)
{
  g_autofree char *t = g_markup_escape_text (theirs != NULL ? theirs : "—", -1);
  g_autofree char *m = g_markup_escape_text (mine != NULL ? mine : "—", -1);

  if (g_strcmp0 (theirs, mine) == 0)
    return;
  /* Translators: one field of a conflict: "City: theirs Quimper, yours Lorient" */
  g_string_append_printf (text, _("\n<b>%s</b>: theirs “%s”, yours “%s”"), label, t, m);
}

static void
on_conflict_response_cb (AdwMessageDialog   *dialog,
                         const char         *response,
                         PiloteClientEditor *self)
{
  g_autoptr(PiloteClient) current = NULL;
  g_autoptr(GError) error = NULL;

  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "keep") == 0 || self->client->base.id == 0)
    return;
  current = pilote_store_get_client (self->store, self->client->base.id, &error);
  if (current == NULL || current->base.deleted_at != NULL)
    {
      show_error (self, _("This client was deleted by someone else: it cannot be saved any "
                          "more."));
      return;
    }
  if (g_strcmp0 (response, "theirs") == 0)
    {
      g_clear_pointer (&self->client, pilote_client_free);
      self->client = g_steal_pointer (&current);
      show_client (self);
      show_error (self, NULL);
    }
  else if (g_strcmp0 (response, "mine") == 0)
    {
      /* the user saw theirs and chose: save over the version now stored */
      self->client->base.version = current->base.version;
      if (pilote_client_editor_save (self, &error))
        gtk_window_destroy (GTK_WINDOW (self));
      else
        show_error (self, error->message);
    }
}

static void
show_conflict (PiloteClientEditor *self,
               const char         *message)
{
  g_autoptr(PiloteClient) theirs = pilote_store_get_client (self->store, self->client->base.id,
                                                            NULL);
  g_autoptr(PiloteClient) mine = collect (self, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean deleted = theirs == NULL || theirs->base.deleted_at != NULL;
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  GtkWidget *dialog;

  g_string_append (body, escaped);
  if (!deleted && mine != NULL)
    {
      describe_difference (body, _("Name"), theirs->name, mine->name);
      describe_difference (body, _("Kind"), kind_label (theirs->kind), kind_label (mine->kind));
      describe_difference (body, _("Sector"), theirs->sector, mine->sector);
      describe_difference (body, _("City"), theirs->city, mine->city);
      describe_difference (body, _("Region"), theirs->region, mine->region);
      describe_difference (body, _("Country"), theirs->country, mine->country);
      describe_difference (body, _("Tags"), theirs->tags, mine->tags);
      describe_difference (body, _("Notes"), theirs->notes, mine->notes);
      if (theirs->owner_id != mine->owner_id || theirs->segment_id != mine->segment_id ||
          theirs->channel_id != mine->channel_id)
        g_string_append_printf (body, "\n%s", _("The owner, segment or channel differ too."));
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Client Changed Meanwhile"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), TRUE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"));
  if (!deleted)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "theirs", _("Use _Theirs"),
                                        "mine", _("Save _Mine"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  self->conflict_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
pilote_client_editor_get_conflict_dialog (PiloteClientEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), NULL);
  return self->conflict_dialog;
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PiloteClientEditor *self = PILOTE_CLIENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  show_error (self, NULL);
  if (pilote_client_editor_save (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else if (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
    show_conflict (self, error->message);
  else
    show_error (self, error->message);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteClientEditor *self = PILOTE_CLIENT_EDITOR (widget);
  PiloteHistoryDialog *dialog;

  if (self->client->base.id == 0)
    return;
  dialog = pilote_history_dialog_new (GTK_WINDOW (self), self->store, PILOTE_ENTITY_CLIENT,
                                      self->client->base.id, self->client->name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Building */

static void
on_entry_activated_cb (PiloteClientEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static GtkWidget *
add_combo (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
build (PiloteClientEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *history = gtk_button_new_from_icon_name ("document-open-recent-symbolic");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *main_group = adw_preferences_group_new ();
  GtkWidget *place_group = adw_preferences_group_new ();
  GtkWidget *notes_group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *error_label = gtk_label_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (history), "editor.history");
  gtk_widget_set_tooltip_text (history, _("History"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), history);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_set_margin_start (error_label, 12);
  gtk_widget_set_margin_end (error_label, 12);
  gtk_widget_set_margin_top (error_label, 6);
  gtk_widget_set_margin_bottom (error_label, 6);
  gtk_widget_add_css_class (error_label, "error");
  self->error_label = GTK_LABEL (error_label);
  self->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->error_revealer, error_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_revealer));

  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      gboolean place = i >= 2 && i <= 4;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(text_fields[i].label));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (place ? place_group : main_group), row);
      g_hash_table_insert (self->entries, (gpointer) text_fields[i].field, row);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activated_cb),
                               self, G_CONNECT_SWAPPED);
      if (i == 0)
        {
          gtk_string_list_append (kinds, pilote_client_kind_get_label (PILOTE_CLIENT_KIND_PROSPECT));
          gtk_string_list_append (kinds, pilote_client_kind_get_label (PILOTE_CLIENT_KIND_CLIENT));
          gtk_string_list_append (kinds, pilote_client_kind_get_label (PILOTE_CLIENT_KIND_FORMER));
          self->kind_row = ADW_COMBO_ROW (add_combo (main_group, _("Kind")));
          adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
          self->owner_row = ADW_COMBO_ROW (add_combo (main_group, _("Owner")));
          self->channel_row = ADW_COMBO_ROW (add_combo (main_group, _("Acquisition channel")));
          self->segment_row = ADW_COMBO_ROW (add_combo (main_group, _("Segment")));
        }
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (place_group), _("Location"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes_group), _("Notes"));
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->notes_view, 6);
  gtk_text_view_set_bottom_margin (self->notes_view, 6);
  gtk_text_view_set_left_margin (self->notes_view, 6);
  gtk_text_view_set_right_margin (self->notes_view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes_group), frame);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (main_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (place_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (notes_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
pilote_client_editor_dispose (GObject *object)
{
  PiloteClientEditor *self = PILOTE_CLIENT_EDITOR (object);

  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->client, pilote_client_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->segment_ids, g_array_unref);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_client_editor_parent_class)->dispose (object);
}

static void
pilote_client_editor_class_init (PiloteClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_client_editor_dispose;

  /**
   * PiloteClientEditor::saved:
   * @client_id: the client written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
}

static void
pilote_client_editor_init (PiloteClientEditor *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  build (self);
}

/**
 * pilote_client_editor_new:
 * @client_id: the client to edit, or 0 for a new one
 * @parent: (nullable): the window the editor belongs to
 *
 * Returns: (transfer none): the editor, not shown yet, or %NULL when the
 *   client cannot be read
 */
PiloteClientEditor *
pilote_client_editor_new (PiloteStore  *store,
                          gint64        client_id,
                          GtkWindow    *parent,
                          GError      **error)
{
  g_autoptr(PiloteClient) client = NULL;
  PiloteClientEditor *self;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);

  if (client_id > 0)
    {
      client = pilote_store_get_client (store, client_id, error);
      if (client == NULL)
        return NULL;
    }
  else
    client = pilote_client_new ();
  self = g_object_new (PILOTE_TYPE_CLIENT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->client = g_steal_pointer (&client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", self->client->base.id > 0);
  show_client (self);
  return self;
}

gint64
pilote_client_editor_get_client_id (PiloteClientEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), 0);
  return self->client->base.id;
}

/**
 * pilote_client_editor_get_entry:
 * @field: "name", "sector", "city", "region", "country" or "tags"
 *
 * Returns: (transfer none): the entry of a text field
 */
GtkEditable *
pilote_client_editor_get_entry (PiloteClientEditor *self,
                                const char         *field)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), NULL);
  return g_hash_table_lookup (self->entries, field);
}
