/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-client-editor.h"
#include "pilote-client-list.h"
#include "pilote-error.h"
#include "pilote-record.h"

/*
 * The dialog that creates or edits a client. Saving checks the fields
 * (a clear message under the header bar, nothing written) and the
 * version read: when someone else saved the client meanwhile, the
 * conflict dialog of PiloteRecordEditor lays theirs, mine and the
 * original side by side, field by field, and saves the merge chosen.
 */

struct _PiloteClientEditor
{
  PiloteRecordEditor parent_instance;

  PiloteStore   *store;
  GHashTable    *entries;     /* field name → AdwEntryRow */
  AdwComboRow   *kind_row;
  AdwComboRow   *owner_row;
  AdwComboRow   *segment_row;
  AdwComboRow   *channel_row;
  GArray        *owner_ids;
  GArray        *segment_ids;
  GArray        *channel_ids;
  GtkTextView   *notes_view;
};

G_DEFINE_FINAL_TYPE (PiloteClientEditor, pilote_client_editor, PILOTE_TYPE_RECORD_EDITOR)

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

const char *
pilote_client_editor_get_error (PiloteClientEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), NULL);
  return pilote_record_editor_get_error (PILOTE_RECORD_EDITOR (self));
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
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteClientEditor *self = PILOTE_CLIENT_EDITOR (editor);
  const PiloteClient *client = record;
  GtkTextBuffer *notes = gtk_text_view_get_buffer (self->notes_view);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkEditable *entry = g_hash_table_lookup (self->entries, text_fields[i].field);
      const char *value = *text_field_ptr ((PiloteClient *) client, text_fields[i].field);

      gtk_editable_set_text (entry, value != NULL ? value : "");
    }
  adw_combo_row_set_selected (self->kind_row, client->kind);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->segment_ids, g_array_unref);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  self->owner_ids = fill_combo (self, self->owner_row, PILOTE_ENTITY_MEMBER,
                                client->owner_id);
  self->segment_ids = fill_combo (self, self->segment_row, PILOTE_ENTITY_SEGMENT,
                                  client->segment_id);
  self->channel_ids = fill_combo (self, self->channel_row, PILOTE_ENTITY_CHANNEL,
                                  client->channel_id);
  gtk_text_buffer_set_text (notes, client->notes != NULL ? client->notes : "", -1);
  pilote_record_editor_set_title (editor, client->base.id > 0 ? _("Edit Client")
                                                              : _("New Client"));
}

static char *
describe (PiloteRecordEditor *editor)
{
  const PiloteClient *client = pilote_record_editor_get_record (editor);

  return g_strdup (client->name);
}

/* the client as the fields say, from the one read */
static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  PiloteClientEditor *self = PILOTE_CLIENT_EDITOR (editor);
  g_autoptr(PiloteClient) client = pilote_record_copy (pilote_record_editor_get_record (editor));
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
      *bad_row = g_hash_table_lookup (self->entries, "name");
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
 * otherwise, and the conflict dialog opens). On success emits ::saved.
 */
gboolean
pilote_client_editor_save (PiloteClientEditor  *self,
                           GError             **error)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), FALSE);
  return pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error);
}

GtkWidget *
pilote_client_editor_get_conflict_dialog (PiloteClientEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), NULL);
  return pilote_record_editor_get_conflict_dialog (PILOTE_RECORD_EDITOR (self));
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
  AdwPreferencesPage *page = pilote_record_editor_build (PILOTE_RECORD_EDITOR (self));
  GtkWidget *main_group = adw_preferences_group_new ();
  GtkWidget *place_group = adw_preferences_group_new ();
  GtkWidget *notes_group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

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
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (main_group));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (place_group));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (notes_group));
}

static void
pilote_client_editor_dispose (GObject *object)
{
  PiloteClientEditor *self = PILOTE_CLIENT_EDITOR (object);

  g_clear_object (&self->store);
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
  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = pilote_client_editor_dispose;
  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->describe = describe;
}

static void
pilote_client_editor_init (PiloteClientEditor *self)
{
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
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&client));
  return self;
}

gint64
pilote_client_editor_get_client_id (PiloteClientEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_EDITOR (self), 0);
  return pilote_record_editor_get_id (PILOTE_RECORD_EDITOR (self));
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
